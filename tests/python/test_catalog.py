"""The catalog through the Python binding: the notice's list, offerings,
certifiability verdicts, iteration, changes and levels."""

import datetime as dt
import pytest

import skillcert
from conftest import (BIM, BIM_DIRECTIONS, BIRTH_DEFECTS, BIRTH_DEFECTS_DIRECTIONS,
                      NOTICE_CODES, NOTICE_EFFECTIVE, codes)


def test_catalog_load_notice_gives_20_occupations(db):
    assert codes(db) == NOTICE_CODES
    for occupation in db.occupations():
        assert occupation.effective == NOTICE_EFFECTIVE
        assert occupation.withdrawn is None


def test_catalog_load_notice_again_is_a_noop(db, bureau):
    db.load_notice(bureau)
    assert len(codes(db)) == 20


def test_catalog_bim_offers_5_4_1_undivided_and_3_2_per_direction(db):
    occupation = db.lookup_occupation(BIM)
    assert occupation.code == BIM
    assert occupation.name == "建筑信息模型技术员"
    assert occupation.work_types == BIM_DIRECTIONS
    expected = {(None, 5), (None, 4), (None, 1)}
    expected |= {(d, level) for d in BIM_DIRECTIONS for level in (3, 2)}
    assert len(occupation.offerings) == 15
    assert set(occupation.offerings) == expected
    first = occupation.offerings[0]
    assert isinstance(first, skillcert.Offering)
    assert first == (first.work_type, first.level)


def test_catalog_birth_defects_level_1_only_per_direction(db):
    occupation = db.lookup_occupation("4—14—02—04")  # the notice's em dashes
    assert occupation.code == BIRTH_DEFECTS
    assert occupation.name == "出生缺陷防控咨询师"
    assert occupation.work_types == BIRTH_DEFECTS_DIRECTIONS
    expected = {(None, level) for level in (5, 4, 3, 2)}
    expected |= {(d, 1) for d in BIRTH_DEFECTS_DIRECTIONS}
    assert set(occupation.offerings) == expected


def test_catalog_occupation_without_work_types(db):
    occupation = db.lookup_occupation("4-02-06-05")
    assert occupation.name == "供应链管理师"
    assert occupation.work_types == []
    assert sorted(occupation.offerings) == [(None, 1), (None, 2), (None, 3)]


def test_catalog_check_undivided_level(db):
    verdict = db.check(BIM, None, 5)
    assert verdict.ok is True
    assert bool(verdict)
    assert verdict.reason == skillcert.REASON_NONE
    assert verdict.message is None


def test_catalog_check_level_per_direction(db):
    assert db.check(BIM, "建筑工程", 3).ok
    assert db.check(BIM, "铁路工程", 2).ok


def test_catalog_check_work_type_required(db):
    verdict = db.check(BIM, None, 3)
    assert verdict.ok is False
    assert not verdict
    assert verdict.reason == skillcert.REASON_WORK_TYPE_REQUIRED
    assert verdict.message


def test_catalog_check_work_type_not_allowed(db):
    verdict = db.check(BIM, "建筑工程", 5)
    assert not verdict.ok
    assert verdict.reason == skillcert.REASON_WORK_TYPE_NOT_ALLOWED


def test_catalog_check_other_reasons(db):
    assert db.check("4-99-99-98", None, 5).reason == skillcert.REASON_UNKNOWN_OCCUPATION
    assert db.check(BIM, "不存在的方向", 3).reason == skillcert.REASON_UNKNOWN_WORK_TYPE
    # 供应链管理师 offers 3, 2, 1 only.
    assert db.check("4-02-06-05", None, 5).reason == skillcert.REASON_LEVEL_NOT_OFFERED
    # Not yet in force the day before the notice.
    verdict = db.check(BIM, None, 5, dt.date(2022, 4, 11))
    assert verdict.reason == skillcert.REASON_OCCUPATION_NOT_IN_FORCE
    assert db.check(BIM, None, 5, date=NOTICE_EFFECTIVE).ok


def test_catalog_check_accepts_notice_dashes(db):
    assert db.check("4—14—02—04", None, 5).ok
    assert db.check("4—14—02—04", "医学遗传", 1).ok
    assert db.check(" 4－04－05－04 ", None, 4).ok  # fullwidth hyphen minus, blanks


def test_catalog_check_keyword_arguments(db):
    assert db.check(code=BIM, work_type="机电工程", level=2, date=dt.date(2023, 1, 1)).ok


def test_catalog_bad_code_raises_validation_error(db):
    with pytest.raises(skillcert.ValidationError) as info:
        db.check("4-04-05", None, 5)
    assert info.value.code == skillcert.EINVAL
    with pytest.raises(skillcert.ValidationError) as info:
        db.lookup_occupation("not a code")
    assert info.value.code == skillcert.EINVAL


def test_catalog_bad_level_or_date_raises(db):
    for level in (0, 6):
        with pytest.raises(skillcert.ValidationError) as info:
            db.check(BIM, None, level)
        assert info.value.code == skillcert.EINVAL
    with pytest.raises(skillcert.ValidationError):
        db.check(BIM, None, 5, "2022-13-01")


def test_catalog_unknown_code_lookup_raises_not_found(db):
    with pytest.raises(skillcert.NotFoundError) as info:
        db.lookup_occupation("4-99-99-98")
    assert info.value.code == skillcert.ENOTFOUND


def test_catalog_alias_of_older_code(db):
    occupation = db.lookup_occupation("4-13-99-00")
    assert occupation.code == "4-13-99-01"
    assert occupation.name == "电子竞技员"
    assert "4-13-99-00" in occupation.aliases
    assert db.check("4-13-99-00", None, 5).ok


def test_catalog_iteration_with_for_loop(db):
    seen = []
    for occupation in db.occupations():
        assert isinstance(occupation, skillcert.Occupation)
        seen.append((occupation.code, occupation.name))
    assert len(seen) == 20
    assert seen[5] == (BIM, "建筑信息模型技术员")
    assert [code for code, _ in seen] == sorted(code for code, _ in seen)


def test_catalog_iteration_by_date(db):
    assert codes(db, dt.date(2022, 4, 11)) == []
    assert codes(db, NOTICE_EFFECTIVE) == NOTICE_CODES


def test_catalog_iterator_protocol_and_early_close(db):
    it = db.occupations()
    assert iter(it) is it
    assert next(it).code == NOTICE_CODES[0]
    with it:
        assert next(it).code == NOTICE_CODES[1]
    with pytest.raises(StopIteration):
        next(it)
    it.close()  # idempotent


def test_catalog_iterator_ends_for_good(db):
    it = db.occupations()
    assert len(list(it)) == 20
    assert list(it) == []


def test_catalog_add_occupation_work_type_offering(db, bureau):
    db.add_occupation(bureau, "4—99—99—01", "测试员", dt.date(2023, 1, 1))
    db.add_work_type(bureau, "4-99-99-01", "甲方向", dt.date(2023, 1, 1))
    db.add_offering(bureau, "4-99-99-01", None, 5, dt.date(2023, 1, 1))
    db.add_offering(bureau, "4-99-99-01", "甲方向", 3, dt.date(2023, 1, 1))
    occupation = db.lookup_occupation("4-99-99-01")
    assert (occupation.code, occupation.name, occupation.effective) == \
        ("4-99-99-01", "测试员", dt.date(2023, 1, 1))
    assert occupation.work_types == ["甲方向"]
    assert set(occupation.offerings) == {(None, 5), ("甲方向", 3)}
    assert db.check("4-99-99-01", None, 5, dt.date(2023, 6, 1)).ok
    assert db.check("4-99-99-01", "甲方向", 3, dt.date(2023, 6, 1)).ok
    assert not db.check("4-99-99-01", None, 5, dt.date(2022, 12, 31)).ok
    assert len(codes(db)) == 21


def test_catalog_withdraw_occupation(db, bureau):
    db.withdraw_occupation(bureau, "4-02-07-10", dt.date(2024, 1, 1))
    assert db.lookup_occupation("4-02-07-10").withdrawn == dt.date(2024, 1, 1)
    assert db.check("4-02-07-10", None, 5, dt.date(2023, 12, 31)).ok
    verdict = db.check("4-02-07-10", None, 5, dt.date(2024, 1, 1))
    assert verdict.reason == skillcert.REASON_OCCUPATION_NOT_IN_FORCE
    assert "4-02-07-10" not in codes(db, dt.date(2024, 6, 1))
    assert len(codes(db, dt.date(2024, 6, 1))) == 19
    assert len(codes(db)) == 20  # history stays answerable
    with pytest.raises(skillcert.ConstraintError) as info:
        db.withdraw_occupation(bureau, "4-02-07-10", dt.date(2025, 1, 1))
    assert info.value.code == skillcert.ECONSTRAINT


def test_catalog_withdraw_work_type_and_offering(db, bureau):
    db.withdraw_offering(bureau, BIM, "建筑工程", 3, dt.date(2023, 1, 1))
    verdict = db.check(BIM, "建筑工程", 3, dt.date(2023, 2, 1))
    assert verdict.reason == skillcert.REASON_OFFERING_NOT_IN_FORCE
    assert db.check(BIM, "建筑工程", 2, dt.date(2023, 2, 1)).ok
    assert db.check(BIM, "机电工程", 3, dt.date(2023, 2, 1)).ok

    db.withdraw_work_type(bureau, BIM, "机电工程", dt.date(2023, 3, 1))
    verdict = db.check(BIM, "机电工程", 2, dt.date(2023, 4, 1))
    assert verdict.reason == skillcert.REASON_WORK_TYPE_NOT_IN_FORCE
    assert db.check(BIM, None, 5, dt.date(2023, 4, 1)).ok


def test_catalog_add_alias(db, bureau):
    db.add_alias(bureau, "4-04-05-94", BIM)
    assert db.lookup_occupation("4-04-05-94").code == BIM
    with pytest.raises(skillcert.ExistsError) as info:
        db.add_alias(bureau, "4-04-05-94", BIM)
    assert info.value.code == skillcert.EEXISTS


def test_catalog_occupation_outlives_iteration_and_database(bureau):
    database = skillcert.Database()
    database.load_notice(bureau)
    it = database.occupations()
    kept = next(it)
    database.close()
    assert database.is_closed()
    # The C library keeps the connection until its children are gone.
    assert len(list(it)) == 19
    assert kept.code == NOTICE_CODES[0]
    assert kept.name == "连锁经营管理师"


def test_catalog_level_names():
    assert [skillcert.level_name_zh(level) for level in (5, 4, 3, 2, 1)] == \
        ["初级工", "中级工", "高级工", "技师", "高级技师"]
    assert skillcert.level_rank_zh(3) == "三级"
    assert skillcert.level_name_en(5) == "junior"
    assert skillcert.level_name_en(1) == "senior technician"
    assert skillcert.level_name_zh(0) is None
    assert skillcert.level_name_en(6) is None
    assert (skillcert.LEVEL_MIN, skillcert.LEVEL_MAX) == (1, 5)


def test_catalog_level_parse():
    for text in ("3", "三级", "高级工", "三级/高级工", "senior"):
        assert skillcert.level_parse(text) == 3
    assert skillcert.level_parse("高级技师") == 1
    for text in ("6", "", "高级"):
        with pytest.raises(skillcert.ValidationError) as info:
            skillcert.level_parse(text)
        assert info.value.code == skillcert.EINVAL


def test_catalog_occupation_code_normalize():
    assert skillcert.occupation_code_normalize("4—14—02—04") == "4-14-02-04"
    assert skillcert.occupation_code_normalize("4–04–05–05") == "4-04-05-05"
    assert skillcert.occupation_code_normalize(" 4－04－05－05 ") == "4-04-05-05"
    for bad in ("4-04-05", "4-04-05-0x", "44-04-05-05"):
        with pytest.raises(skillcert.ValidationError) as info:
            skillcert.occupation_code_normalize(bad)
        assert info.value.code == skillcert.EINVAL
