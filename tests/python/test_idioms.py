"""The Python idioms of the binding, one by one (issue 13): enums, dates,
None for absent, bool flags, grouped methods, re-walkable results."""

import datetime as dt
import datetime
import enum

import pytest

import skillcert

OCC = "4-02-07-10"


def test_every_enum_is_a_python_enum():
    for name in ("ActorKind", "OrgKind", "FilingStatus", "Reason", "DocType", "Path",
                 "CertStatus", "VerifyStatus", "ApplicationState", "Component", "StaffRole",
                 "SessionStatus", "SanctionKind", "FindingSeverity", "InspectionKind",
                 "EducationKind", "CertKind", "EvidenceKind", "Scope", "ItemType", "Status"):
        cls = getattr(skillcert, name)
        assert issubclass(cls, enum.IntEnum), name
        assert len(cls) > 1
    assert skillcert.ActorKind.CITY_CENTRE == skillcert.ACTOR_CITY_CENTRE
    assert skillcert.Status.ENOTFOUND == skillcert.ENOTFOUND
    assert issubclass(skillcert.Methods, enum.IntFlag)


def test_enum_members_by_name():
    kind = skillcert.ActorKind
    assert kind("city-centre") is kind.CITY_CENTRE
    assert kind("CITY_CENTRE") is kind.CITY_CENTRE
    assert kind(" City Centre ") is kind.CITY_CENTRE
    assert kind(2) is kind.CITY_CENTRE
    assert kind.CITY_CENTRE.label == "city-centre"
    with pytest.raises(ValueError):
        kind("town-hall")
    assert skillcert.Methods("theory|practical") == skillcert.METHOD_THEORY | skillcert.METHOD_PRACTICAL
    assert skillcert.Methods("theory, practical, review") == skillcert.METHOD_ALL


def test_arguments_take_member_name_or_number():
    A = skillcert.Actor
    for kind in ("district", skillcert.ActorKind.DISTRICT, skillcert.ACTOR_DISTRICT, 3):
        a = A(kind, "110108")
        assert a.kind is skillcert.ActorKind.DISTRICT
    assert A("city-centre").kind is skillcert.ActorKind.CITY_CENTRE
    with pytest.raises(ValueError) as info:
        A("no-such-kind")
    assert "ActorKind" in str(info.value)
    with pytest.raises(TypeError):
        A(2.0)


def test_ambiguous_names_are_refused(db):
    """"revoked" is a CertStatus and a VerifyStatus: a parameter that could be
    either says so instead of guessing."""
    with pytest.raises(ValueError) as info:
        skillcert._enum_in("nowhere", "status", "revoked")
    assert "ambiguous" in str(info.value)
    assert skillcert._enum_in("certificate_list", "status", "revoked") == skillcert.CERT_REVOKED


def test_results_are_members(db):
    v = db.check(OCC, "x", 5, datetime.date(2023, 6, 1))
    assert not v and v.reason is skillcert.Reason.UNKNOWN_WORK_TYPE
    assert db.check(OCC, None, 5, datetime.date(2023, 6, 1)).reason is skillcert.Reason.NONE
    first = db.eligibility.load_defaults(skillcert.Actor("city-bureau"))
    assert first.doctype is skillcert.DocType.ELIGIBILITY
    assert first.already_imported is False
    assert db.eligibility.load_defaults(skillcert.Actor("city-bureau")).already_imported is True
    assert db.export_memory("catalog") == db.export_memory(skillcert.DocType.CATALOG)


def test_dates_in_as_date_objects(db):
    assert db.check(OCC, None, 5, datetime.date(2023, 6, 1)).ok
    assert db.check(OCC, None, 5, dt.date(2023, 6, 1)).ok
    assert not db.check(OCC, None, 5, datetime.date(2021, 12, 31)).ok
    with pytest.raises(TypeError) as info:
        db.check(OCC, None, 5, 20230601)
    assert "datetime.date" in str(info.value)


def test_grouped_methods(db):
    assert db.catalog.check(OCC, None, 5, datetime.date(2023, 6, 1))
    assert db.catalog.lookup(OCC).code == OCC
    assert "register" in dir(db.orgs) and "verify" in dir(db.certificates)
    assert db.certificates.verify("S000011000001244000099", "张三").status is \
        skillcert.VerifyStatus.NOT_FOUND
    assert db.orgs.register.__doc__
    with pytest.raises(AttributeError):
        db.orgs.no_such_method
    with pytest.raises(TypeError):
        db.orgs()          # a group, not a method
    # The flat methods stay, under their old names.
    assert isinstance(db.certificates(), skillcert.CertificateIterator)


def test_results_walk_again(db):
    occupations = db.catalog.occupations()
    assert isinstance(occupations, skillcert.Results)
    assert len(occupations) == 20
    first = [o.code for o in occupations]
    second = [o.code for o in occupations]
    assert first == second and first[0] == occupations[0].code
    with db.catalog.occupations(datetime.date(2021, 1, 1)) as none:
        assert len(none) == 0 and list(none) == []
    assert occupations[5].code == "4-04-05-04" and "建筑工程" in occupations[5].work_types


def test_records_expose_lists_and_none(db, bureau):
    db.eligibility.load_defaults(bureau)
    c = skillcert.Candidate("11010519491231002X", "测试")
    c.add_certificate("skill-level", OCC, None, 5, datetime.date(2019, 3, 1))
    c.add_work(OCC, datetime.date(2019, 3, 1))
    d = db.eligibility.ruleset(datetime.date(2023, 3, 1)).decide(c, OCC, None, 4)
    assert d.eligible() is True and d.reason() is skillcert.Reason.NONE
    assert isinstance(d.conditions, list) and d.conditions[0].id == "L4-a"
    assert d.conditions[0].met is True
    o = db.catalog.lookup(OCC)
    assert o.withdrawn is None
    assert o.work_types == []


def test_eligibility_check_in_one_call(db, bureau):
    """db.eligibility.check: the stored record, the registry's rules and the catalog."""
    db.eligibility.load_defaults(bureau)
    with pytest.raises(skillcert.NotFoundError):
        db.eligibility.check("11010519491231002X", OCC, None, 4)
    c = skillcert.Candidate("11010519491231002X", "测试")
    c.add_certificate("skill-level", OCC, None, 5, datetime.date(2019, 3, 1))
    c.add_work(OCC, datetime.date(2019, 3, 1))
    db.candidates.save(skillcert.Actor("city-centre"), c)
    d = db.eligibility.check("11010519491231002X", OCC, None, 4, as_of=datetime.date(2023, 3, 1))
    assert d.eligible() and d.matched() == "L4-a"
    d = db.eligibility.check("11010519491231002X", OCC, "无此工种", 4,
                             as_of=datetime.date(2023, 3, 1))
    assert not d.eligible() and d.reason() is skillcert.Reason.UNKNOWN_WORK_TYPE
    assert "无此工种" in d.message()
    d = db.eligibility.check("11010519491231002X", OCC, None, 3, "exceptional",
                             as_of=datetime.date(2023, 3, 1))
    assert d.reason() is skillcert.Reason.SPECIAL_PATH_NOT_CONFIRMED


def test_type_stub_is_generated_from_the_module():
    """skillcert.pyi (made by `make` from the built module) parses and
    describes the enums, the groups and the date parameters."""
    import ast
    import os
    path = os.path.join(os.path.dirname(skillcert.__file__), "skillcert.pyi")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    tree = ast.parse(text)
    classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    assert {"ActorKind", "Database", "Results", "_OrgsGroup", "_CertificatesGroup"} <= classes
    assert "    CITY_CENTRE = 2" in text
    assert "def register(self, actor: Any, credit_code: Any" in text
    assert "date: _Date = ..." in text
