"""Organizations through the Python binding: credit codes, districts, the
filing path step by step, refusals that change nothing, the directory,
staff, special-path rules and "may O certify X on D?" (mirrors check_org.c)."""

import datetime as dt
import sqlite3

import pytest

import skillcert

ORG_A = "91110108MA01ABCD2H"  # 海淀区, enterprise
ORG_B = "52110102MJ00123450"  # 西城区, social group
ORG_C = "91110105MA01CHY00K"  # 朝阳区, never registered
SCOPE = ["4-04-05-05/数据标注员:5,4,3", "4-02-07-10:5,4"]


class Actors:
    """The actors of check_org.c, each named "test"."""

    def __init__(self):
        A = skillcert.Actor
        self.city = A(skillcert.ACTOR_CITY_BUREAU, None, "test")
        self.centre = A(skillcert.ACTOR_CITY_CENTRE, None, "test")
        self.haidian = A(skillcert.ACTOR_DISTRICT, "110108", "test")
        self.xicheng = A(skillcert.ACTOR_DISTRICT, "110102", "test")
        self.org_a = A(skillcert.ACTOR_ORGANIZATION, ORG_A, "test")
        self.org_b = A(skillcert.ACTOR_ORGANIZATION, ORG_B, "test")
        self.public = A(skillcert.ACTOR_PUBLIC)


@pytest.fixture
def who():
    return Actors()


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "registry.db")


@pytest.fixture
def reg(path, who):
    """A file registry with the notice's catalog (so sqlite3 can look at it)."""
    with skillcert.Database(path) as db:
        db.load_notice(who.city)
        yield db


def dump(path):
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def audit_rows(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        con.close()


def walk_a(db, who, upto):
    """Organization A through the path up to filing status `upto`:
    register 2023-01-05, apply 02-01, recommend 02-10, evaluate 03-01,
    notice 03-10, file 05-10, commit 05-12."""
    db.org_register(who.org_a, ORG_A, "北京智训科技有限公司", skillcert.ORG_ENTERPRISE, "110108",
                    dt.date(2023, 1, 5))
    steps = [
        (skillcert.FILING_APPLIED, lambda: db.org_apply(who.org_a, ORG_A, SCOPE, dt.date(2023, 2, 1))),
        (skillcert.FILING_RECOMMENDED,
         lambda: db.org_recommend(who.haidian, ORG_A, dt.date(2023, 2, 10), "材料齐全")),
        (skillcert.FILING_EVALUATED,
         lambda: db.org_evaluate(who.centre, ORG_A, None, skillcert.EVAL_ALL, dt.date(2023, 3, 1))),
        (skillcert.FILING_NOTICED, lambda: db.org_notice(who.centre, ORG_A, dt.date(2023, 3, 10))),
        (skillcert.FILING_FILED, lambda: db.org_file(who.centre, ORG_A, dt.date(2023, 5, 10))),
        (skillcert.FILING_ACTIVE, lambda: db.org_commit(who.org_a, ORG_A, dt.date(2023, 5, 12))),
    ]
    for status, step in steps:
        if upto < status:
            return
        step()


def refused(path, exc, call, *args, **kwargs):
    """Assert that call raises exc and leaves the registry file unchanged."""
    before = dump(path)
    with pytest.raises(exc) as info:
        call(*args, **kwargs)
    assert dump(path) == before
    return info.value


# ---- credit codes -----------------------------------------------------------------

def test_org_credit_code_valid():
    r = skillcert.credit_code_validate("91350100M000100Y43")
    assert r.valid == 1 and r.legacy == 0 and r
    assert r.code == "91350100M000100Y43"
    assert r.expected_check == "3"
    assert r.message is None
    assert skillcert.credit_code_validate(" 91350100m000100y43 ").code == "91350100M000100Y43"
    assert skillcert.credit_code_validate("91350100M000100Y43", skillcert.CREDIT_CODE_STRICT)
    assert skillcert.credit_code_validate(ORG_A).valid

    r = skillcert.credit_code_validate("91350100M000100Y44")
    assert not r
    assert r.expected_check == "3"
    assert "check character" in r.message
    assert "18 characters" in skillcert.credit_code_validate("91350100M000100Y4").message
    assert "positions 3-8" in skillcert.credit_code_validate("9135A100M000100Y43").message
    assert not skillcert.credit_code_validate("")

    with pytest.raises(skillcert.ValidationError):
        skillcert.credit_code_validate("91350100M000100Y43", 0x80)
    assert skillcert.credit_code_check_char("91350100M000100Y4") == "3"
    assert skillcert.credit_code_check_char("91110108MA01ABCD2") == "H"
    with pytest.raises(skillcert.ValidationError):
        skillcert.credit_code_check_char("9135")


def test_org_credit_code_legacy():
    for code in ("91350100M0001TGQXM", "91350211M0000XUF46", "91350203M0001FUE2P"):
        assert not skillcert.credit_code_validate(code)
        r = skillcert.credit_code_validate(code, skillcert.CREDIT_CODE_ALLOW_LEGACY)
        assert r.valid == 1 and r.legacy == 1
        assert "warning" in r.message


def test_org_register_legacy_code(reg, path):
    legacy = skillcert.Actor(skillcert.ACTOR_ORGANIZATION, "91350100M0001TGQXM", "test")
    e = refused(path, skillcert.ValidationError, reg.org_register, legacy, "91350100M0001TGQXM",
                "某公司", skillcert.ORG_ENTERPRISE, "110105", dt.date(2023, 1, 1))
    assert "CREDIT_CODE_ALLOW_LEGACY" in e.message
    reg.org_register(legacy, "91350100M0001TGQXM", "某公司", skillcert.ORG_ENTERPRISE, "110105",
                     dt.date(2023, 1, 1), skillcert.CREDIT_CODE_ALLOW_LEGACY)
    assert reg.org_get("91350100M0001TGQXM", dt.date(2023, 1, 2)).legacy_code == 1


# ---- districts ------------------------------------------------------------------------

def test_org_districts(db):
    with db.districts() as it:
        districts = list(it)
    assert len(districts) == 17
    assert districts[0].code == "110101"
    assert districts[-1].code == skillcert.DISTRICT_BDA == "110115-BDA"
    assert all(d.name and d.bureau for d in districts)

    d = db.district_lookup("110108")
    assert (d.name, d.bureau) == ("海淀区", "海淀区人力资源和社会保障局")
    assert db.district_lookup("海淀区").code == "110108"
    assert db.district_lookup(" 110228 ").code == "110118"  # 密云县 until 2015
    assert db.district_lookup("110104").code == "110102"  # 宣武区
    bda = db.district_lookup("110115-bda")
    assert (bda.code, bda.gb_code, bda.zone) == ("110115-BDA", "110115", "BDA")
    assert bda.bureau == "北京经济技术开发区社会事业局"
    with pytest.raises(skillcert.NotFoundError) as info:
        db.district_lookup("310101")
    assert info.value.code == skillcert.ENOTFOUND
    with pytest.raises(skillcert.ValidationError):
        db.district_lookup("")


# ---- registration and the filing path ----------------------------------------------------

def test_org_register(reg, who):
    walk_a(reg, who, skillcert.FILING_NONE)
    o = reg.org_get(ORG_A, dt.date(2023, 1, 6))
    assert o.credit_code == ORG_A
    assert o.name == "北京智训科技有限公司"
    assert o.kind == skillcert.ORG_ENTERPRISE
    assert o.district == "110108"
    assert o.registered == dt.date(2023, 1, 5)
    assert o.status == skillcert.FILING_NONE
    assert o.receipt is None
    with pytest.raises(skillcert.ExistsError):
        walk_a(reg, who, skillcert.FILING_NONE)
    with pytest.raises(skillcert.NotFoundError):
        reg.org_get(ORG_C)


def test_org_kind_and_status_names():
    assert skillcert.org_kind_name(skillcert.ORG_SOCIAL_GROUP) == "social-group"
    assert skillcert.org_kind_name_zh(skillcert.ORG_UNIVERSITY) == "高等院校"
    assert skillcert.org_kind_parse("职业院校") == skillcert.ORG_VOCATIONAL_SCHOOL
    assert skillcert.org_kind_name(99) is None
    with pytest.raises(skillcert.ValidationError):
        skillcert.org_kind_parse("bank")
    assert skillcert.filing_status_name(skillcert.FILING_ACTIVE) == "active"
    assert skillcert.filing_status_name(skillcert.FILING_NONE) == "none"
    assert skillcert.staff_role_name(skillcert.STAFF_EXAMINER) == "examiner"
    assert skillcert.staff_role_parse("考评员") == skillcert.STAFF_EXAMINER


def test_org_publish(reg, who):
    walk_a(reg, who, skillcert.FILING_NONE)
    reg.org_publish(who.org_a, ORG_A, "https://example.org/rules", "见收费标准", dt.date(2023, 1, 10))
    o = reg.org_get(ORG_A)
    assert (o.rules, o.fees, o.published) == ("https://example.org/rules", "见收费标准",
                                              dt.date(2023, 1, 10))


def test_org_filing_path(reg, who, path):
    walk_a(reg, who, skillcert.FILING_NONE)
    n = audit_rows(path)
    reg.org_apply(who.org_a, ORG_A, SCOPE, dt.date(2023, 2, 1))
    assert audit_rows(path) == n + 1
    assert reg.org_get(ORG_A, dt.date(2023, 2, 1)).status == skillcert.FILING_APPLIED
    assert reg.org_get(ORG_A, dt.date(2023, 1, 31)).status == skillcert.FILING_NONE

    reg.org_recommend(who.haidian, ORG_A, dt.date(2023, 2, 10), "材料齐全")
    assert audit_rows(path) == n + 2
    reg.org_evaluate(who.centre, ORG_A, methods=skillcert.EVAL_ALL, date=dt.date(2023, 3, 1),
                     note="专家论证通过")
    assert reg.org_get(ORG_A, dt.date(2023, 3, 5)).status == skillcert.FILING_EVALUATED
    reg.org_notice(who.centre, ORG_A, dt.date(2023, 3, 10))
    reg.org_file(who.centre, ORG_A, dt.date(2023, 5, 10))
    o = reg.org_get(ORG_A, dt.date(2023, 5, 11))
    assert o.status == skillcert.FILING_FILED
    assert (o.receipt, o.filed, o.valid_until, o.committed) == (
        "BJ-2023-0001", dt.date(2023, 5, 10), dt.date(2026, 5, 9), None)

    v = reg.may_certify(ORG_A, "4-02-07-10", None, 5, dt.date(2023, 5, 11))
    assert isinstance(v, skillcert.Verdict)
    assert not v and v.reason == skillcert.REASON_ORG_NOT_COMMITTED and v.message

    reg.org_commit(who.org_a, ORG_A, dt.date(2023, 5, 12))
    o = reg.org_get(ORG_A, dt.date(2023, 6, 1))
    assert o.status == skillcert.FILING_ACTIVE
    assert o.committed == dt.date(2023, 5, 12)
    v = reg.may_certify(ORG_A, "4-02-07-10", None, 5, dt.date(2023, 6, 1), venue="110105")
    assert v.ok and v.reason == skillcert.REASON_NONE and v.message is None
    assert reg.may_certify(ORG_A, "4—04—05—05", "数据标注员", 3, dt.date(2026, 5, 9))
    # History: the standing on a past date.
    assert reg.org_get(ORG_A, dt.date(2023, 3, 5)).receipt is None

    filings = list(reg.filings(ORG_A))
    assert len(filings) == 1
    f = filings[0]
    assert f.kind == skillcert.FILING_INITIAL
    assert f.status == skillcert.FILING_ACTIVE
    assert f.methods == skillcert.EVAL_ALL
    assert f.receipt == "BJ-2023-0001"
    assert reg.filing_get(f.id).receipt == "BJ-2023-0001"

    steps = list(reg.filing_steps(f.id))
    assert [s.step for s in steps] == [
        skillcert.FILING_APPLIED, skillcert.FILING_RECOMMENDED, skillcert.FILING_EVALUATED,
        skillcert.FILING_NOTICED, skillcert.FILING_FILED, skillcert.FILING_ACTIVE]
    assert [s.date for s in steps] == [dt.date(2023, 2, 1), dt.date(2023, 2, 10), dt.date(2023, 3, 1),
                                       dt.date(2023, 3, 10), dt.date(2023, 5, 10), dt.date(2023, 5, 12)]
    assert steps[0].actor == "organization:" + ORG_A + " (test)"
    assert steps[1].actor == "district:110108 (test)"
    assert steps[1].note == "材料齐全"

    assert len(reg.filing_scope(f.id)) == 5
    scope = reg.org_scope(ORG_A, dt.date(2023, 6, 1))
    assert len(scope) == 5
    assert scope[0] == skillcert.OfferingItem("4-02-07-10", None, 5)
    assert ("4-04-05-05", "数据标注员", 3) in scope
    assert reg.org_scope(ORG_A, dt.date(2026, 5, 10)) == []
    assert len(reg.filing_scope(f.id, granted=False)) == 5
    with pytest.raises(skillcert.NotFoundError):
        reg.filing_get(999)
    with pytest.raises(skillcert.NotFoundError):
        reg.filing_scope(999)


def test_org_directory(reg, who):
    walk_a(reg, who, skillcert.FILING_ACTIVE)
    reg.org_register(who.org_b, ORG_B, "北京数字社会团体", skillcert.ORG_SOCIAL_GROUP, "110102",
                     dt.date(2023, 1, 5))
    assert list(reg.directory(dt.date(2023, 5, 9))) == []
    listed = list(reg.directory(dt.date(2023, 5, 10)))
    assert [(o.credit_code, o.status, o.receipt, o.valid_until) for o in listed] == [
        (ORG_A, skillcert.FILING_FILED, "BJ-2023-0001", dt.date(2026, 5, 9))]
    assert [o.status for o in reg.directory(dt.date(2026, 5, 9))] == [skillcert.FILING_ACTIVE]
    assert list(reg.directory(dt.date(2026, 5, 10))) == []

    everyone = {o.credit_code: o.status for o in reg.organizations(date=dt.date(2026, 5, 10))}
    assert everyone[ORG_A] == skillcert.FILING_EXPIRED
    assert len(everyone) == 2
    assert [o.credit_code for o in reg.organizations("西城区")] == [ORG_B]
    with pytest.raises(skillcert.NotFoundError):
        reg.organizations("310101")
    with pytest.raises(skillcert.ValidationError):
        reg.directory("2023-13-01")


def test_org_iterator_keeps_database_alive(path, who):
    db = skillcert.Database(path)
    db.load_notice(who.city)
    it = db.districts()
    del db
    assert len(list(it)) == 17
    assert it.next_item() is None


# ---- refusals ---------------------------------------------------------------------------

def test_org_workflow_refusals(reg, who, path):
    walk_a(reg, who, skillcert.FILING_APPLIED)
    reg.org_register(who.org_b, ORG_B, "北京数字社会团体", skillcert.ORG_SOCIAL_GROUP, "110102",
                     dt.date(2023, 1, 5))
    n = audit_rows(path)
    # Wrong actors: DeniedError (a PermissionError), and nothing written.
    e = refused(path, skillcert.DeniedError, reg.org_recommend, who.xicheng, ORG_A, dt.date(2023, 2, 10))
    assert isinstance(e, PermissionError)
    assert e.code == skillcert.EDENIED
    assert e.domain == skillcert.DOMAIN_AUTH
    assert "110108" in e.message
    for actor in (who.centre, who.org_a, who.city):
        refused(path, skillcert.DeniedError, reg.org_recommend, actor, ORG_A, dt.date(2023, 2, 10))
    refused(path, skillcert.DeniedError, reg.org_apply, who.org_a, ORG_B, SCOPE, dt.date(2023, 2, 1))
    refused(path, skillcert.DeniedError, reg.org_apply, who.haidian, ORG_A, SCOPE, dt.date(2023, 2, 1))
    refused(path, skillcert.DeniedError, reg.org_apply, who.public, ORG_B, SCOPE, dt.date(2023, 2, 1))
    refused(path, skillcert.NotFoundError, reg.org_recommend, who.haidian, ORG_C, dt.date(2023, 2, 10))
    # Wrong steps and dates.
    refused(path, skillcert.ConstraintError, reg.org_notice, who.centre, ORG_A, dt.date(2023, 3, 10))
    refused(path, skillcert.ConstraintError, reg.org_file, who.centre, ORG_A, dt.date(2023, 3, 10))
    refused(path, skillcert.ConstraintError, reg.org_commit, who.org_a, ORG_A, dt.date(2023, 3, 10))
    refused(path, skillcert.ConstraintError, reg.org_apply, who.org_a, ORG_A, SCOPE,
            dt.date(2023, 2, 2))
    refused(path, skillcert.ConstraintError, reg.org_recommend, who.haidian, ORG_A,
            dt.date(2023, 1, 31))
    assert audit_rows(path) == n
    reg.org_recommend(who.haidian, ORG_A, dt.date(2023, 2, 10))
    refused(path, skillcert.ConstraintError, reg.org_evaluate, who.centre, ORG_A,
            ["4-02-07-10:3"], skillcert.EVAL_ALL, dt.date(2023, 3, 1))
    refused(path, skillcert.ValidationError, reg.org_evaluate, who.centre, ORG_A, None, 0,
            dt.date(2023, 3, 1))
    refused(path, skillcert.DeniedError, reg.org_evaluate, who.haidian, ORG_A, None,
            skillcert.EVAL_ALL, dt.date(2023, 3, 1))


def test_org_apply_checks_catalog(reg, who, path):
    walk_a(reg, who, skillcert.FILING_NONE)
    e = refused(path, skillcert.ConstraintError, reg.org_apply, who.org_a, ORG_A,
                ["4-02-06-05:5"], dt.date(2023, 2, 1))
    assert e.field == "scope"
    refused(path, skillcert.ConstraintError, reg.org_apply, who.org_a, ORG_A, ["4-04-05-04:3"],
            dt.date(2023, 2, 1))
    refused(path, skillcert.ValidationError, reg.org_apply, who.org_a, ORG_A, [], dt.date(2023, 2, 1))
    refused(path, skillcert.ValidationError, reg.org_apply, who.org_a, ORG_A, None, dt.date(2023, 2, 1))
    # Malformed offerings are refused while the list is built.
    refused(path, skillcert.ValidationError, reg.org_apply, who.org_a, ORG_A, ["4-02-07-10:9"],
            dt.date(2023, 2, 1))
    refused(path, skillcert.ValidationError, reg.org_apply, who.org_a, ORG_A,
            [("4-02-07-10", None, 0)], dt.date(2023, 2, 1))


def test_org_reject(reg, who, path):
    walk_a(reg, who, skillcert.FILING_APPLIED)
    refused(path, skillcert.DeniedError, reg.org_reject, who.centre, ORG_A, "材料不全",
            dt.date(2023, 2, 5))
    reg.org_reject(who.haidian, ORG_A, "材料不全", dt.date(2023, 2, 5))
    o = reg.org_get(ORG_A, dt.date(2023, 2, 6))
    assert (o.status, o.ended, o.reason) == (skillcert.FILING_REJECTED, dt.date(2023, 2, 5), "材料不全")
    refused(path, skillcert.ConstraintError, reg.org_reject, who.haidian, ORG_A, "again",
            dt.date(2023, 2, 6))
    v = reg.may_certify(ORG_A, "4-02-07-10", None, 5, dt.date(2023, 6, 1))
    assert v.reason == skillcert.REASON_ORG_NOT_FILED
    # A new application after a rejection.
    reg.org_apply(who.org_a, ORG_A, [("4-02-07-10", None, 5)], dt.date(2023, 3, 1))
    assert reg.org_get(ORG_A, dt.date(2023, 3, 1)).status == skillcert.FILING_APPLIED


def test_org_addition(reg, who):
    walk_a(reg, who, skillcert.FILING_ACTIVE)
    reg.org_apply_addition(who.org_a, ORG_A, ["4-04-05-05/数据标注员:2"], dt.date(2023, 7, 1))
    reg.org_recommend(who.haidian, ORG_A, dt.date(2023, 7, 5))
    reg.org_evaluate(who.centre, ORG_A, date=dt.date(2023, 7, 10))
    reg.org_notice(who.centre, ORG_A, dt.date(2023, 7, 15))
    reg.org_file(who.centre, ORG_A, dt.date(2023, 8, 1))
    filings = list(reg.filings(ORG_A))
    assert [f.kind for f in filings] == [skillcert.FILING_INITIAL, skillcert.FILING_ADDITION]
    assert filings[1].base_id == filings[0].id
    assert filings[1].receipt == "BJ-2023-0002"
    assert filings[1].valid_until == dt.date(2026, 5, 9)
    assert len(reg.org_scope(ORG_A, dt.date(2023, 8, 2))) == 6
    assert reg.may_certify(ORG_A, "4-04-05-05", "数据标注员", 2, dt.date(2023, 8, 2))


def test_org_exit_and_new_filing(reg, who, path):
    walk_a(reg, who, skillcert.FILING_ACTIVE)
    refused(path, skillcert.DeniedError, reg.org_exit, who.haidian, ORG_A, "违规", dt.date(2024, 1, 1))
    reg.org_exit(who.city, ORG_A, "违规", dt.date(2024, 1, 1))
    assert reg.org_get(ORG_A, dt.date(2024, 1, 1)).status == skillcert.FILING_EXITED
    v = reg.may_certify(ORG_A, "4-02-07-10", None, 5, dt.date(2024, 1, 1))
    assert v.reason == skillcert.REASON_ORG_EXITED
    # Judged on its own date, the day before is fine.
    assert reg.may_certify(ORG_A, "4-02-07-10", None, 5, dt.date(2023, 12, 31))
    refused(path, skillcert.ConstraintError, reg.org_exit, who.city, ORG_A, "again",
            dt.date(2024, 2, 1))


def test_org_may_certify_refusals(reg, who):
    walk_a(reg, who, skillcert.FILING_ACTIVE)
    R = skillcert

    def reason(*args, **kwargs):
        v = reg.may_certify(*args, **kwargs)
        assert bool(v.message) == (not v.ok)
        return v.reason

    # One not-found rule: unknown organization / occupation / work type raise.
    with pytest.raises(skillcert.NotFoundError):
        reg.may_certify(ORG_C, "4-02-07-10", None, 5, dt.date(2023, 6, 1))
    with pytest.raises(skillcert.NotFoundError):
        reg.may_certify(ORG_A, "4-99-99-98", None, 5, dt.date(2023, 6, 1))
    with pytest.raises(skillcert.NotFoundError):
        reg.may_certify(ORG_A, "4-04-05-05", "不存在的方向", 3, dt.date(2023, 6, 1))
    assert reason(ORG_A, "4-02-07-10", None, 5, dt.date(2023, 4, 1)) == R.REASON_ORG_NOT_FILED
    assert reason(ORG_A, "4-02-07-10", None, 5, dt.date(2026, 5, 10)) == R.REASON_ORG_EXPIRED
    assert reason(ORG_A, "4-02-07-10", None, 5, dt.date(2023, 6, 1), "310101") == R.REASON_OUT_OF_REGION
    assert reason(ORG_A, "4-02-07-10", None, 3, dt.date(2023, 6, 1)) == R.REASON_OUT_OF_SCOPE
    assert reason(ORG_A, "4-04-05-05", "数据标注员", 3, dt.date(2023, 6, 1),
                  path=R.PATH_EXCEPTIONAL) == R.REASON_SPECIAL_PATH_NOT_CONFIRMED
    with pytest.raises(skillcert.ValidationError):
        reg.may_certify(ORG_A, "4-02-07-10", None, 9, dt.date(2023, 6, 1))


# ---- staff and special-path rules --------------------------------------------------------

def test_org_staff(reg, who, path):
    walk_a(reg, who, skillcert.FILING_ACTIVE)
    reg.staff_add(who.org_a, ORG_A, "M001", "王经理", skillcert.STAFF_MANAGER, date=dt.date(2023, 5, 15))
    reg.staff_add(who.org_a, ORG_A, "E001", "李考评", skillcert.STAFF_EXAMINER,
                  [("4-02-07-10", None, 5), ("4-02-07-10", None, 4)], dt.date(2023, 5, 15))
    refused(path, skillcert.DeniedError, reg.staff_add, who.org_b, ORG_A, "E002", "某人",
            skillcert.STAFF_EXAMINER, ["4-02-07-10:5"], dt.date(2023, 5, 15))
    refused(path, skillcert.ExistsError, reg.staff_add, who.org_a, ORG_A, "E001", "李考评",
            skillcert.STAFF_EXAMINER, ["4-02-07-10:5"], dt.date(2023, 5, 16))
    staff = list(reg.staff(ORG_A))
    assert [(s.role, s.person_id, s.name) for s in staff] == [
        (skillcert.STAFF_MANAGER, "M001", "王经理"), (skillcert.STAFF_EXAMINER, "E001", "李考评")]
    assert reg.staff_qualifications(ORG_A, "E001", skillcert.STAFF_EXAMINER) == [
        ("4-02-07-10", None, 5), ("4-02-07-10", None, 4)]
    reg.staff_remove(who.org_a, ORG_A, "E001", skillcert.STAFF_EXAMINER, dt.date(2023, 12, 1))
    assert [s.person_id for s in reg.staff(ORG_A, dt.date(2023, 12, 1))] == ["M001"]
    assert [s.removed for s in reg.staff(ORG_A) if s.person_id == "E001"] == [dt.date(2023, 12, 1)]


def test_org_special_rules(reg, who, path):
    walk_a(reg, who, skillcert.FILING_ACTIVE)
    P = skillcert.PATH_EXCEPTIONAL
    reg.rules_submit(who.org_a, ORG_A, P, "https://example.org/pg", dt.date(2023, 6, 1))
    assert reg.rules_confirmed(ORG_A, dt.date(2023, 7, 1)) == 0
    refused(path, skillcert.DeniedError, reg.rules_confirm, who.xicheng, ORG_A, P, dt.date(2023, 6, 5))
    reg.rules_confirm(who.haidian, ORG_A, P, dt.date(2023, 6, 5))
    reg.rules_confirm(who.city, ORG_A, P, dt.date(2023, 6, 10))
    r = reg.rules_get(ORG_A, P)
    assert (r.text, r.district_confirmed, r.city_confirmed) == (
        "https://example.org/pg", dt.date(2023, 6, 5), dt.date(2023, 6, 10))
    assert reg.rules_confirmed(ORG_A, dt.date(2023, 6, 9)) == 0
    assert reg.rules_confirmed(ORG_A, dt.date(2023, 6, 10)) == skillcert.CONFIRMED_EXCEPTIONAL
    assert reg.may_certify(ORG_A, "4-04-05-05", "数据标注员", 3, dt.date(2023, 6, 10), path=P)
    with pytest.raises(skillcert.NotFoundError):
        reg.rules_get(ORG_A, skillcert.PATH_DIRECT)


def test_org_offerings():
    s = skillcert.Offerings()
    s.add_text("4-04-05-04/建筑工程:3,2")
    s.add("4—02—07—10", None, 5)
    s.add("4-02-07-10", "", 5)  # already there
    assert len(s) == 3
    assert s.to_list() == [("4-04-05-04", "建筑工程", 3), ("4-04-05-04", "建筑工程", 2),
                           ("4-02-07-10", None, 5)]
    with pytest.raises(skillcert.ValidationError):
        s.add_text("4-02-07-10:6")
    assert len(s) == 3
    with pytest.raises(skillcert.NotFoundError):
        s.occupation_at(3)


def test_org_authz(reg, who):
    walk_a(reg, who, skillcert.FILING_APPLIED)
    reg.authz_check(who.haidian, "org.recommend", ORG_A)
    with pytest.raises(skillcert.DeniedError):
        reg.authz_check(who.xicheng, "org.recommend", ORG_A)
    a = skillcert.authz_action_lookup("org.recommend")
    assert a.function == "sc_org_recommend"
    assert a.subject == skillcert.AUTHZ_SUBJECT_ORGANIZATION
    names = [skillcert.authz_action_get(i).name for i in range(skillcert.authz_action_count())]
    assert "org.apply" in names and "org.recommend" in names
    with pytest.raises(skillcert.NotFoundError):
        skillcert.authz_action_lookup("org.nothing")
