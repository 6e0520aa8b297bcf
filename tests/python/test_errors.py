"""Errors through the Python binding: status codes become exceptions that
carry code, message, line, column and field."""

import datetime as dt
import pytest

import skillcert
from conftest import BIM


def test_errors_status_values_are_stable():
    assert (skillcert.OK, skillcert.ERROR, skillcert.ENOMEM, skillcert.EINVAL) == (0, -1, -2, -3)
    assert (skillcert.ENOTFOUND, skillcert.EEXISTS, skillcert.ECONSTRAINT) == (-4, -5, -6)
    assert (skillcert.EXML, skillcert.EINVALIDDOC, skillcert.EDB, skillcert.EDENIED) == \
        (-7, -8, -9, -10)
    assert (skillcert.EVERSION, skillcert.ENOTREGISTRY, skillcert.EBUSY, skillcert.EIO) == \
        (-11, -12, -13, -14)
    assert skillcert.ITEROVER == -30
    assert skillcert.ACTOR_CITY_BUREAU == 1 and skillcert.ACTOR_PUBLIC == 6
    assert skillcert.REASON_WORK_TYPE_REQUIRED == 4
    assert skillcert.REASON_WORK_TYPE_NOT_ALLOWED == 5
    assert skillcert.DOC_CATALOG == 1


def test_errors_exception_hierarchy():
    assert issubclass(skillcert.Error, Exception)
    for cls in (skillcert.NotFoundError, skillcert.ValidationError, skillcert.DatabaseError,
                skillcert.DeniedError, skillcert.ExistsError, skillcert.ConstraintError):
        assert issubclass(cls, skillcert.Error)
        assert cls.__module__ == "skillcert"
    assert issubclass(skillcert.NotFoundError, LookupError)
    assert issubclass(skillcert.ValidationError, ValueError)
    assert issubclass(skillcert.DeniedError, PermissionError)
    assert not issubclass(skillcert.DatabaseError, skillcert.ValidationError)


def test_errors_not_found_carries_code_and_message(db):
    with pytest.raises(skillcert.NotFoundError) as info:
        db.lookup_occupation("4-99-99-98")
    error = info.value
    assert error.code == skillcert.ENOTFOUND
    assert isinstance(error.message, str) and error.message
    assert str(error) == error.message
    assert isinstance(error.line, int) and isinstance(error.column, int)
    assert isinstance(error.field, str) and isinstance(error.source, str)


def test_errors_validation_error_is_a_value_error(db):
    with pytest.raises(ValueError) as info:
        db.check("4-04-05", None, 5)
    assert isinstance(info.value, skillcert.ValidationError)
    assert info.value.code == skillcert.EINVAL
    assert info.value.message


def test_errors_denied_for_district_actor(empty_db, district):
    with pytest.raises(skillcert.DeniedError) as info:
        empty_db.add_occupation(district, "4-99-99-01", "测试员", dt.date(2023, 1, 1))
    assert info.value.code == skillcert.EDENIED
    assert info.value.message
    assert isinstance(info.value, PermissionError)
    # Nothing was changed.
    with pytest.raises(skillcert.NotFoundError):
        empty_db.lookup_occupation("4-99-99-01")


def test_errors_exists(db, bureau):
    with pytest.raises(skillcert.ExistsError) as info:
        db.add_occupation(bureau, BIM, "建筑信息模型技术员", dt.date(2022, 4, 12))
    assert info.value.code == skillcert.EEXISTS


def test_errors_constraint(db, bureau):
    with pytest.raises(skillcert.ConstraintError) as info:
        db.withdraw_occupation(bureau, BIM, dt.date(2020, 1, 1))  # before it took effect
    assert info.value.code == skillcert.ECONSTRAINT


def test_errors_not_found_when_changing_unknown_occupation(empty_db, bureau):
    with pytest.raises(skillcert.NotFoundError) as info:
        empty_db.add_work_type(bureau, "4-99-99-01", "甲方向", dt.date(2023, 1, 1))
    assert info.value.code == skillcert.ENOTFOUND


def test_errors_are_cleared_between_calls(db):
    for _ in range(3):
        with pytest.raises(skillcert.NotFoundError):
            db.lookup_occupation("4-99-99-98")
        assert db.lookup_occupation(BIM).code == BIM
        assert db.check(BIM, None, 5).ok


def test_errors_closed_database(bureau):
    database = skillcert.Database()
    database.close()
    assert database.is_closed()
    with pytest.raises(skillcert.Error) as info:
        database.load_notice(bureau)
    assert type(info.value) is skillcert.Error
    assert info.value.code == skillcert.ERROR
    assert "closed" in info.value.message
    database.close()  # idempotent


def test_errors_strerror():
    assert skillcert.strerror(skillcert.ENOTFOUND)
    assert skillcert.strerror(skillcert.ENOTFOUND) != skillcert.strerror(skillcert.EINVAL)
    assert skillcert.strerror(12345) == "unknown status"


def test_errors_wrong_argument_type_is_a_type_error(db):
    with pytest.raises(TypeError):
        db.check(404, None, 5)
    with pytest.raises(TypeError):
        db.load_notice("市人社局")


def test_errors_exception_can_be_raised_by_hand():
    error = skillcert.ValidationError("by hand")
    assert str(error) == "by hand"
    assert error.code == skillcert.ERROR  # class defaults
    assert error.line == 0 and error.field == ""
