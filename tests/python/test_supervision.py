"""Quality supervision through the Python binding: spot checks by the city
centre and the own district, findings from the published category list,
sanctions and what they do to "may O certify?", the credit evaluation
(scores, ranked lists, history, recomputation), period reports as data,
and argument errors (mirrors check_supervision.c)."""

import datetime as dt
import sqlite3

import pytest

import skillcert

ORG_A = "91110108MA01ABCD2H"  # 海淀区 110108
ORG_B = "52110102MJ00123450"  # 西城区 110102
ORG_C = "91110105MA01CHY00K"  # 朝阳区, never registered
OCC = "4-02-07-10"            # 网约配送员, levels 5-1 undivided


class Actors:
    def __init__(self):
        A = skillcert.Actor
        self.city = A(skillcert.ACTOR_CITY_BUREAU, None, "test")
        self.centre = A(skillcert.ACTOR_CITY_CENTRE, None, "test")
        self.haidian = A(skillcert.ACTOR_DISTRICT, "110108", "test")
        self.xicheng = A(skillcert.ACTOR_DISTRICT, "110102", "test")
        self.chaoyang = A(skillcert.ACTOR_DISTRICT, "110105", "test")
        self.org_a = A(skillcert.ACTOR_ORGANIZATION, ORG_A, "test")
        self.org_b = A(skillcert.ACTOR_ORGANIZATION, ORG_B, "test")
        self.public = A(skillcert.ACTOR_PUBLIC)


def file_org(db, who, org, code, name, kind, district, bureau):
    """Register and file an organization for 4-02-07-10 levels 5-1:
    register 2023-01-05 ... file 2023-05-10, commit 2023-05-12."""
    db.org_register(org, code, name, kind, district, dt.date(2023, 1, 5))
    db.org_apply(org, code, [OCC + ":5,4,3,2,1"], dt.date(2023, 2, 1))
    db.org_recommend(bureau, code, dt.date(2023, 2, 10))
    db.org_evaluate(who.centre, code, None, skillcert.EVAL_ALL, dt.date(2023, 3, 1))
    db.org_notice(who.centre, code, dt.date(2023, 3, 10))
    db.org_file(who.centre, code, dt.date(2023, 5, 10))
    db.org_commit(org, code, dt.date(2023, 5, 12))


@pytest.fixture
def who():
    return Actors()


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "registry.db")


@pytest.fixture
def reg(path, who):
    """A file registry (so sqlite3 can compare it) with both organizations filed."""
    with skillcert.Database(path) as db:
        db.load_notice(who.city)
        file_org(db, who, who.org_a, ORG_A, "北京智训科技有限公司", skillcert.ORG_ENTERPRISE,
                 "110108", who.haidian)
        file_org(db, who, who.org_b, ORG_B, "北京数字技能评价协会", skillcert.ORG_SOCIAL_GROUP,
                 "110102", who.xicheng)
        yield db


def dump(path):
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def refused(path, exc, call, *args, **kwargs):
    """Assert that call raises exc and leaves the registry file unchanged."""
    before = dump(path)
    with pytest.raises(exc) as info:
        call(*args, **kwargs)
    assert dump(path) == before
    return info.value


def open_with_finding(db, who, category="staff-ratio", severity=skillcert.FINDING_MAJOR,
                      date=dt.date(2024, 5, 2)):
    """Haidian inspects ORG_A on 2024-05-01 and records one finding."""
    ins = db.inspection_open(who.haidian, ORG_A, skillcert.INSPECT_ORG, None, dt.date(2024, 5, 1))
    fid = db.inspection_add_finding(who.haidian, ins, category, severity, "实操考评员不足", [],
                                    date)
    return ins, fid


def score_in_list(db, as_of, code):
    with db.credit_list(as_of) as it:
        for s in it:
            if s.credit_code == code:
                return s
    return None


# ---- names and the published list -------------------------------------------------------

def test_supervision_categories():
    cats = skillcert.finding_categories()
    assert len(cats) == skillcert.finding_category_count() == 10
    codes = [c.code for c in cats]
    assert codes[0] == "out-of-scope"
    assert {"out-of-region", "outside-validity", "staff-ratio", "unqualified-examiner",
            "falsified-records", "venue", "supervision", "disclosure", "other"} <= set(codes)
    assert all(c.name and c.name_zh for c in cats)
    assert cats[codes.index("falsified-records")].name_zh == "弄虚作假"
    assert skillcert.finding_category_get(0).code == "out-of-scope"
    e = pytest.raises(skillcert.NotFoundError, skillcert.finding_category_get, 10).value
    assert e.code == skillcert.ENOTFOUND


def test_supervision_names():
    assert skillcert.finding_severity_name(skillcert.FINDING_SERIOUS) == "serious"
    assert skillcert.finding_severity_name(4) is None
    assert skillcert.finding_severity_parse("较重") == skillcert.FINDING_MAJOR
    assert skillcert.finding_severity_parse("minor") == skillcert.FINDING_MINOR
    with pytest.raises(skillcert.ValidationError):
        skillcert.finding_severity_parse("fatal")
    assert skillcert.sanction_kind_parse("暂停认定") == skillcert.SANCTION_SUSPENSION
    assert skillcert.sanction_kind_name(skillcert.SANCTION_EXIT) == "exit"
    assert skillcert.sanction_kind_name(0) is None
    with pytest.raises(skillcert.ValidationError):
        skillcert.sanction_kind_parse("fine")
    assert skillcert.inspection_kind_parse("org") == skillcert.INSPECT_ORG
    assert skillcert.inspection_kind_parse("certificates") == skillcert.INSPECT_CERTIFICATES
    assert skillcert.inspection_kind_name(skillcert.INSPECT_VENUE) == "venue"
    assert skillcert.report_section_name(skillcert.RSEC_CERT_LEVEL) == "certificates-by-level"
    assert skillcert.report_section_name(skillcert.RSEC_COUNT) is None


# ---- spot checks ------------------------------------------------------------------------------

def test_inspection_by_centre_and_own_district(reg, path, who):
    # Only the city centre and the organization's own district bureau.
    for actor in (who.xicheng, who.chaoyang, who.org_a, who.city, who.public):
        e = refused(path, skillcert.DeniedError, reg.inspection_open, actor, ORG_A,
                    skillcert.INSPECT_ORG, None, dt.date(2024, 5, 1))
        assert e.code == skillcert.EDENIED
    e = refused(path, skillcert.DeniedError, reg.inspection_open, who.xicheng, ORG_A,
                skillcert.INSPECT_ORG, None, dt.date(2024, 5, 1))
    assert "110108" in e.message

    by_district = reg.inspection_open(who.haidian, ORG_A, skillcert.INSPECT_ORG, None,
                                      dt.date(2024, 5, 1), "日常抽查")
    by_centre = reg.inspection_open(who.centre, ORG_A, skillcert.INSPECT_ORG, date=dt.date(2024, 5, 3))
    by_xicheng = reg.inspection_open(who.xicheng, ORG_B, skillcert.INSPECT_ORG, None,
                                     dt.date(2024, 5, 4))
    assert 0 < by_district < by_centre < by_xicheng

    ins = reg.inspection_get(by_district)
    assert ins.id == by_district
    assert ins.credit_code == ORG_A
    assert ins.kind == skillcert.INSPECT_ORG
    assert ins.status == skillcert.INSPECTION_OPEN
    assert ins.opened == dt.date(2024, 5, 1)
    assert "110108" in ins.opened_by
    assert ins.note == "日常抽查"
    assert ins.target is None and ins.closed is None and ins.findings == 0
    assert "110108" not in reg.inspection_get(by_centre).opened_by

    with reg.inspections(ORG_A) as it:
        assert [i.id for i in it] == [by_district, by_centre]
    assert [i.credit_code for i in reg.inspections()] == [ORG_A, ORG_A, ORG_B]
    assert list(reg.inspections(ORG_C)) == []
    entries = [e for e in reg.audit_entries("inspection")]
    assert len(entries) == 3


def test_inspection_targets(reg, path, who):
    refused(path, skillcert.ValidationError, reg.inspection_open, who.haidian, ORG_A,
            skillcert.INSPECT_SESSION, "x", dt.date(2024, 5, 1))
    refused(path, skillcert.ValidationError, reg.inspection_open, who.haidian, ORG_A,
            skillcert.INSPECT_CERTIFICATES, "2024-06-01/2024-01-01", dt.date(2024, 5, 1))
    refused(path, skillcert.ValidationError, reg.inspection_open, who.haidian, ORG_A, 9, None,
            dt.date(2024, 5, 1))
    refused(path, skillcert.NotFoundError, reg.inspection_open, who.centre, ORG_C,
            skillcert.INSPECT_ORG, None, dt.date(2024, 5, 1))
    batch = reg.inspection_open(who.centre, ORG_B, skillcert.INSPECT_CERTIFICATES,
                                "2024-01-01/2024-12-31", dt.date(2024, 5, 1))
    ins = reg.inspection_get(batch)
    assert ins.kind == skillcert.INSPECT_CERTIFICATES
    assert ins.target == "2024-01-01/2024-12-31"
    assert ins.scanned is None
    # No certificate issued: the scan finds nothing and records no finding.
    found = reg.inspection_scan_certificates(who.centre, batch, dt.date(2024, 5, 5))
    assert (found.findings, found.certificates) == (0, 0)
    assert reg.inspection_get(batch).scanned == dt.date(2024, 5, 5)
    assert list(reg.findings(ORG_B)) == []
    refused(path, skillcert.DeniedError, reg.inspection_scan_certificates, who.chaoyang, batch,
            dt.date(2024, 5, 6))


def test_findings_from_the_published_list(reg, path, who):
    ins = reg.inspection_open(who.haidian, ORG_A, skillcert.INSPECT_ORG, None, dt.date(2024, 5, 1))
    code = [c.code for c in skillcert.finding_categories() if c.name_zh == "管理办法、收费标准未公示"][0]
    refused(path, skillcert.ValidationError, reg.inspection_add_finding, who.haidian, ins,
            "bogus", skillcert.FINDING_MINOR, "x", None, dt.date(2024, 5, 2))
    e = refused(path, skillcert.ValidationError, reg.inspection_add_finding, who.haidian, ins,
                code, 7, "x", None, dt.date(2024, 5, 2))
    assert e.field == "severity"
    refused(path, skillcert.ValidationError, reg.inspection_add_finding, who.haidian, ins, code,
            skillcert.FINDING_MINOR, "x", ["room:1"], dt.date(2024, 5, 2))
    refused(path, skillcert.ValidationError, reg.inspection_add_finding, who.haidian, ins, code,
            skillcert.FINDING_MINOR, "", None, dt.date(2024, 5, 2))
    refused(path, skillcert.ConstraintError, reg.inspection_add_finding, who.haidian, ins, code,
            skillcert.FINDING_MINOR, "x", None, dt.date(2024, 4, 30))
    refused(path, skillcert.DeniedError, reg.inspection_add_finding, who.xicheng, ins, code,
            skillcert.FINDING_MINOR, "x", None, dt.date(2024, 5, 2))
    refused(path, skillcert.NotFoundError, reg.inspection_add_finding, who.haidian, 999, code,
            skillcert.FINDING_MINOR, "x", None, dt.date(2024, 5, 2))

    reg.staff_add(who.org_a, ORG_A, "E01", "考评员", skillcert.STAFF_EXAMINER, [OCC + ":1"],
                  dt.date(2023, 6, 1))
    refused(path, skillcert.NotFoundError, reg.inspection_add_finding, who.haidian, ins, code,
            skillcert.FINDING_MINOR, "x", ["staff:E99"], dt.date(2024, 5, 2))
    refs = ["org:" + ORG_A, "staff:E01"]
    fid = reg.inspection_add_finding(who.haidian, ins, code, skillcert.FINDING_MINOR,
                                     "收费标准未公示", refs, dt.date(2024, 5, 2))
    f = reg.finding_get(fid)
    assert (f.id, f.inspection_id, f.credit_code) == (fid, ins, ORG_A)
    assert f.category == "disclosure"
    assert f.severity == skillcert.FINDING_MINOR
    assert f.evidence == "收费标准未公示"
    assert f.date == dt.date(2024, 5, 2)
    assert f.withdrawn is None
    assert f.entities == 2
    assert reg.finding_entities(fid) == refs
    # A tuple of references and no references at all are fine too.
    fid2 = reg.inspection_add_finding(who.centre, ins, "other", skillcert.FINDING_MAJOR,
                                      "其他", ("org:" + ORG_A,), dt.date(2024, 5, 3))
    fid3 = reg.inspection_add_finding(who.haidian, ins, "venue", skillcert.FINDING_MINOR,
                                      "场地", None, dt.date(2024, 5, 3))
    assert reg.finding_entities(fid3) == []
    assert [f.id for f in reg.findings(ORG_A)] == [fid, fid2, fid3]
    assert [f.id for f in reg.findings(None, ins)] == [fid, fid2, fid3]
    assert list(reg.findings(ORG_B)) == []

    refused(path, skillcert.DeniedError, reg.inspection_close, who.xicheng, ins, "整改",
            dt.date(2024, 5, 4))
    reg.inspection_close(who.haidian, ins, "已责令整改", dt.date(2024, 5, 4))
    refused(path, skillcert.ConstraintError, reg.inspection_close, who.haidian, ins, "again",
            dt.date(2024, 5, 5))
    refused(path, skillcert.ConstraintError, reg.inspection_add_finding, who.haidian, ins, code,
            skillcert.FINDING_MINOR, "x", None, dt.date(2024, 5, 5))
    closed = reg.inspection_get(ins)
    assert closed.status == skillcert.INSPECTION_CLOSED
    assert closed.closed == dt.date(2024, 5, 4)
    assert closed.conclusion == "已责令整改"
    assert closed.findings == 3


def test_entities_must_be_strings(reg, who):
    ins = reg.inspection_open(who.haidian, ORG_A, skillcert.INSPECT_ORG, None, dt.date(2024, 5, 1))
    with pytest.raises(TypeError):
        reg.inspection_add_finding(who.haidian, ins, "venue", 1, "x", "org:" + ORG_A,
                                   dt.date(2024, 5, 2))
    with pytest.raises(TypeError):
        reg.inspection_add_finding(who.haidian, ins, "venue", 1, "x", [42], dt.date(2024, 5, 2))
    with pytest.raises(TypeError):
        reg.inspection_add_finding(who.haidian, ins, "venue", 1, "x", 42, dt.date(2024, 5, 2))
    assert list(reg.findings(ORG_A)) == []


# ---- sanctions ------------------------------------------------------------------------------------

def test_sanction_suspension(reg, path, who):
    ins, fid = open_with_finding(reg, who)
    refused(path, skillcert.DeniedError, reg.sanction_impose, who.haidian, fid,
            skillcert.SANCTION_SUSPENSION, dt.date(2024, 6, 30), "暂停", dt.date(2024, 5, 10))
    refused(path, skillcert.DeniedError, reg.sanction_impose, who.chaoyang, fid,
            skillcert.SANCTION_WARNING, None, "警告", dt.date(2024, 5, 10))
    e = refused(path, skillcert.ValidationError, reg.sanction_impose, who.haidian, fid,
                skillcert.SANCTION_RECTIFICATION, None, "整改", dt.date(2024, 5, 10))
    assert e.code == skillcert.EINVAL
    refused(path, skillcert.ValidationError, reg.sanction_impose, who.centre, fid,
            skillcert.SANCTION_SUSPENSION, dt.date(2024, 5, 1), "暂停", dt.date(2024, 5, 10))
    refused(path, skillcert.ValidationError, reg.sanction_impose, who.centre, fid, 9, None,
            "x", dt.date(2024, 5, 10))
    refused(path, skillcert.NotFoundError, reg.sanction_impose, who.centre, 999,
            skillcert.SANCTION_WARNING, None, "x", dt.date(2024, 5, 10))

    warn = reg.sanction_impose(who.haidian, fid, skillcert.SANCTION_WARNING, None, "警告",
                               dt.date(2024, 5, 10))
    fix = reg.sanction_impose(who.haidian, fid, skillcert.SANCTION_RECTIFICATION, dt.date(2024, 6, 10),
                              "限期整改考评员配比", dt.date(2024, 5, 10))
    sid = reg.sanction_impose(who.centre, fid, skillcert.SANCTION_SUSPENSION, dt.date(2024, 6, 30),
                              "暂停认定至整改完成", dt.date(2024, 5, 10))
    # A warning and a rectification leave the organization certifying.
    assert reg.may_certify(ORG_A, OCC, None, 4, dt.date(2024, 5, 9))
    v = reg.may_certify(ORG_A, OCC, None, 4, dt.date(2024, 5, 10))
    assert not v and v.reason == skillcert.REASON_ORG_SUSPENDED
    assert reg.may_certify(ORG_A, OCC, None, 4, dt.date(2024, 6, 30)).reason == \
        skillcert.REASON_ORG_SUSPENDED
    assert reg.may_certify(ORG_A, OCC, None, 4, dt.date(2024, 7, 1))
    assert reg.may_certify(ORG_B, OCC, None, 4, dt.date(2024, 6, 1))

    s = reg.sanction_get(sid)
    assert (s.id, s.credit_code, s.finding_id) == (sid, ORG_A, fid)
    assert s.kind == skillcert.SANCTION_SUSPENSION
    assert (s.date, s.until, s.lifted) == (dt.date(2024, 5, 10), dt.date(2024, 6, 30), None)
    assert s.reason == "暂停认定至整改完成"
    assert reg.sanction_get(fix).until == dt.date(2024, 6, 10)
    assert reg.sanction_get(warn).until is None
    assert [x.kind for x in reg.sanctions(ORG_A)] == [
        skillcert.SANCTION_WARNING, skillcert.SANCTION_RECTIFICATION,
        skillcert.SANCTION_SUSPENSION]
    assert list(reg.sanctions(ORG_B)) == []

    refused(path, skillcert.DeniedError, reg.sanction_lift, who.haidian, sid, None, dt.date(2024, 6, 1))
    refused(path, skillcert.ConstraintError, reg.sanction_lift, who.centre, sid, None,
            dt.date(2024, 5, 1))
    reg.sanction_lift(who.centre, sid, "整改完成", dt.date(2024, 6, 1))
    refused(path, skillcert.ConstraintError, reg.sanction_lift, who.centre, sid, None,
            dt.date(2024, 6, 2))
    assert reg.sanction_get(sid).lifted == dt.date(2024, 6, 1)
    assert reg.may_certify(ORG_A, OCC, None, 4, dt.date(2024, 6, 1))
    assert not reg.may_certify(ORG_A, OCC, None, 4, dt.date(2024, 5, 31))

    # A withdrawn finding carries no new sanction.
    refused(path, skillcert.DeniedError, reg.finding_withdraw, who.xicheng, fid, "复核不成立",
            dt.date(2024, 6, 5))
    reg.finding_withdraw(who.haidian, fid, "复核不成立", dt.date(2024, 6, 5))
    assert reg.finding_get(fid).withdrawn == dt.date(2024, 6, 5)
    refused(path, skillcert.ConstraintError, reg.finding_withdraw, who.haidian, fid, "again",
            dt.date(2024, 6, 6))
    refused(path, skillcert.ConstraintError, reg.sanction_impose, who.haidian, fid,
            skillcert.SANCTION_WARNING, None, "警告", dt.date(2024, 6, 6))


def test_sanction_exit(reg, path, who):
    ins, fid = open_with_finding(reg, who, "falsified-records", skillcert.FINDING_SERIOUS)
    assert ORG_A in [o.credit_code for o in reg.directory(dt.date(2024, 6, 9))]
    refused(path, skillcert.DeniedError, reg.sanction_impose, who.haidian, fid,
            skillcert.SANCTION_EXIT, None, "超范围认定", dt.date(2024, 6, 10))
    refused(path, skillcert.ValidationError, reg.sanction_impose, who.centre, fid,
            skillcert.SANCTION_EXIT, dt.date(2024, 12, 31), "退出", dt.date(2024, 6, 10))
    sid = reg.sanction_impose(who.centre, fid, skillcert.SANCTION_EXIT, None,
                              "弄虚作假，不履行承诺", dt.date(2024, 6, 10))
    v = reg.may_certify(ORG_A, OCC, None, 4, dt.date(2024, 6, 10))
    assert not v and v.reason == skillcert.REASON_ORG_EXITED
    assert reg.may_certify(ORG_A, OCC, None, 4, dt.date(2024, 6, 9))
    assert reg.may_certify(ORG_B, OCC, None, 4, dt.date(2024, 6, 10))
    # It leaves the directory from that day on; the other organization stays.
    assert [o.credit_code for o in reg.directory(dt.date(2024, 6, 10))] == [ORG_B]
    assert ORG_A in [o.credit_code for o in reg.directory(dt.date(2024, 6, 9))]
    assert reg.org_get(ORG_A, dt.date(2024, 6, 10)).status == skillcert.FILING_EXITED
    # An exit cannot be lifted (a new filing is needed).
    refused(path, skillcert.ConstraintError, reg.sanction_lift, who.centre, sid, None,
            dt.date(2024, 7, 1))
    # No filing in force any more: a second exit is refused.
    refused(path, skillcert.ConstraintError, reg.sanction_impose, who.city, fid,
            skillcert.SANCTION_EXIT, None, "again", dt.date(2024, 6, 11))
    actions = [e.action for e in reg.audit_entries()]
    assert actions.count("sanction.exit") == 1
    assert actions.count("org.exit") == 1
    assert reg.audit_verify()


# ---- credit evaluation ------------------------------------------------------------------------------

def test_credit_model_and_weights(reg, path, who):
    m = reg.credit_model()
    assert (m.base, m.half_life_days, m.clean_bonus, m.clean_max, m.clean_window_days) == \
        (100, 365, 2, 10, 730)
    assert reg.credit_weight("out-of-scope", skillcert.FINDING_SERIOUS) == 40
    assert reg.credit_weight("falsified-records", skillcert.FINDING_SERIOUS) == 40
    assert reg.credit_weight("venue", skillcert.FINDING_SERIOUS) == 30
    assert reg.credit_weight("venue", skillcert.FINDING_MAJOR) == 12
    assert reg.credit_weight("venue", skillcert.FINDING_MINOR) == 4
    with pytest.raises(skillcert.ValidationError):
        reg.credit_weight("nope", 1)
    with pytest.raises(skillcert.ValidationError):
        reg.credit_weight("venue", 0)
    refused(path, skillcert.DeniedError, reg.credit_weight_set, who.haidian, "venue", 2, 15)
    refused(path, skillcert.ValidationError, reg.credit_weight_set, who.centre, "venue", 2, -1)
    refused(path, skillcert.ValidationError, reg.credit_weight_set, who.centre, "venue", 2, 1001)
    reg.credit_weight_set(who.centre, "venue", skillcert.FINDING_MAJOR, 20)
    assert reg.credit_weight("venue", skillcert.FINDING_MAJOR) == 20
    assert reg.credit_weight("venue", skillcert.FINDING_MINOR) == 4


def test_credit_scores_ranked_history(reg, path, who):
    # A clean inspection adds a bonus.
    clean = reg.inspection_open(who.centre, ORG_A, skillcert.INSPECT_ORG, None, dt.date(2024, 1, 2))
    reg.inspection_close(who.centre, clean, "未发现问题", dt.date(2024, 1, 5))
    s = reg.credit_score(ORG_A, dt.date(2024, 1, 10))
    assert (s.credit_code, s.name, s.as_of) == (ORG_A, "北京智训科技有限公司", dt.date(2024, 1, 10))
    assert (s.score, s.clean, s.findings, s.bonus, s.penalty, s.rank) == (102, 1, 0, 2, 0, 0)
    assert reg.credit_score(ORG_B, dt.date(2024, 1, 10)).score == 100
    assert reg.credit_compute(who.centre, dt.date(2024, 1, 10)) == 2
    ranked = list(reg.credit_list(dt.date(2024, 1, 10)))
    assert [(x.credit_code, x.rank, x.score) for x in ranked] == [(ORG_A, 1, 102),
                                                                   (ORG_B, 2, 100)]

    # A finding subtracts its weight, halved after a year.
    ins = reg.inspection_open(who.haidian, ORG_A, skillcert.INSPECT_ORG, None, dt.date(2024, 2, 1))
    fid = reg.inspection_add_finding(who.haidian, ins, "staff-ratio", skillcert.FINDING_MAJOR,
                                     "实操考评员不足", None, dt.date(2024, 2, 1))
    s = reg.credit_score(ORG_A, dt.date(2024, 2, 1))
    assert s.score == pytest.approx(90) and s.findings == 1 and s.penalty == pytest.approx(12)
    assert reg.credit_score(ORG_A, dt.date(2025, 1, 31)).score == pytest.approx(96, abs=0.01)
    assert reg.credit_compute(who.centre, dt.date(2024, 3, 1)) == 2
    # The list of 2024-01-10 predates the finding and stays; the later one ranks ORG_A second.
    assert score_in_list(reg, dt.date(2024, 1, 10), ORG_A).score == 102
    later = score_in_list(reg, dt.date(2024, 3, 1), ORG_A)
    assert later.rank == 2 and later.score < 92
    assert score_in_list(reg, dt.date(2024, 3, 1), ORG_B).rank == 1
    assert [x.as_of for x in reg.credit_list()] == [dt.date(2024, 3, 1), dt.date(2024, 3, 1)]

    # A new finding dated before a published list recomputes that list.
    before = later.score
    reg.inspection_add_finding(who.centre, ins, "disclosure", skillcert.FINDING_SERIOUS,
                               "收费标准未公示", None, dt.date(2024, 2, 20))
    after = score_in_list(reg, dt.date(2024, 3, 1), ORG_A)
    assert after.score < before - 25
    assert after.findings == 2
    assert score_in_list(reg, dt.date(2024, 1, 10), ORG_A).score == 102
    # Withdrawing the first one recomputes it again.
    reg.finding_withdraw(who.haidian, fid, "复核不成立", dt.date(2024, 2, 25))
    assert score_in_list(reg, dt.date(2024, 3, 1), ORG_A).score > after.score

    with reg.credit_history(ORG_A) as it:
        history = [(x.as_of, x.rank) for x in it]
    assert history == [(dt.date(2024, 1, 10), 1), (dt.date(2024, 3, 1), 2)]
    assert [x.as_of for x in reg.credit_history(ORG_B)] == [dt.date(2024, 1, 10), dt.date(2024, 3, 1)]

    refused(path, skillcert.DeniedError, reg.credit_compute, who.haidian, dt.date(2024, 3, 1))
    with pytest.raises(skillcert.NotFoundError):
        reg.credit_list(dt.date(2023, 1, 1))
    with pytest.raises(skillcert.NotFoundError):
        reg.credit_history(ORG_C)
    with pytest.raises(skillcert.NotFoundError):
        reg.credit_score(ORG_C, dt.date(2024, 3, 1))


def test_credit_export(reg, who, tmp_path):
    with pytest.raises(skillcert.NotFoundError):
        reg.credit_export_memory()
    reg.credit_compute(who.centre, dt.date(2024, 3, 1))
    xml = reg.credit_export_memory()
    assert 'as-of="2024-03-01"' in xml
    assert 'credit-code="%s"' % ORG_A in xml
    report = skillcert.Report()
    assert skillcert.validate_memory(xml, "credit.xml", report) == skillcert.DOC_CREDIT
    assert report.error_count() == 0
    out = tmp_path / "credit.xml"
    reg.credit_export_file(str(out), dt.date(2024, 3, 1))
    assert skillcert.validate_file(str(out)) == skillcert.DOC_CREDIT
    assert out.read_text(encoding="utf-8") == xml


# ---- period reports ------------------------------------------------------------------------------------

def test_period_report(reg, path, who):
    ins, fid = open_with_finding(reg, who, "falsified-records", skillcert.FINDING_SERIOUS)
    reg.sanction_impose(who.haidian, fid, skillcert.SANCTION_WARNING, None, "警告", dt.date(2024, 5, 2))
    refused(path, skillcert.ValidationError, reg.period_report, dt.date(2024, 12, 31), dt.date(2024, 1, 1))
    with pytest.raises(skillcert.ValidationError):
        reg.period_report("2024-13-01")

    r = reg.period_report(dt.date(2024, 1, 1), dt.date(2024, 5, 2))
    assert (r.date_from(), r.date_to()) == (dt.date(2024, 1, 1), dt.date(2024, 5, 2))
    assert r.total(skillcert.RSEC_INSPECTIONS) == 1
    assert r.total(skillcert.RSEC_FINDINGS) == 1
    assert r.total(skillcert.RSEC_SANCTIONS) == 1
    assert r.total(skillcert.RSEC_CREDIT) == 2
    for section in (skillcert.RSEC_CERT_OCCUPATION, skillcert.RSEC_CERT_LEVEL,
                    skillcert.RSEC_CERT_DISTRICT, skillcert.RSEC_CERT_ORG):
        assert r.count(section) == 0 and r.total(section) == 0
    assert r.count(42) == 0

    findings = r.rows(skillcert.RSEC_FINDINGS)
    assert [(x.key, x.label, x.count) for x in findings] == [("falsified-records", "弄虚作假", 1)]
    assert r.rows(skillcert.RSEC_SANCTIONS)[0].key == "warning"
    credit = r.rows(skillcert.RSEC_CREDIT)
    assert [(x.key, x.value, x.count) for x in credit] == [(ORG_B, 100, 0), (ORG_A, 60, 1)]
    with pytest.raises(skillcert.NotFoundError):
        r.row(skillcert.RSEC_FINDINGS, 1)
    with pytest.raises(skillcert.ValidationError):
        r.row(42, 0)

    # The data a page is drawn from (the library renders no HTML: the CLI does).
    assert r.count(skillcert.RSEC_CREDIT) == 2
    assert "%.2f" % sum(x.value for x in credit) == "160.00"
    assert not hasattr(r, "html")

    # The report outlives the registry it was gathered from.
    reg.close()
    assert r.total(skillcert.RSEC_FINDINGS) == 1
    assert "%.2f" % sum(x.value for x in r.rows(skillcert.RSEC_CREDIT)) == "160.00"


# ---- argument errors and lifetimes -------------------------------------------------------------------

def test_supervision_argument_errors(reg, who):
    with pytest.raises(skillcert.NotFoundError) as info:
        reg.inspection_get(99)
    assert info.value.code == skillcert.ENOTFOUND
    with pytest.raises(skillcert.NotFoundError):
        reg.finding_get(99)
    with pytest.raises(skillcert.NotFoundError):
        reg.finding_entities(99)
    with pytest.raises(skillcert.NotFoundError):
        reg.sanction_get(99)
    with pytest.raises(skillcert.NotFoundError):
        reg.inspection_close(who.centre, 99, "x", dt.date(2024, 5, 1))
    with pytest.raises(skillcert.ValidationError) as info:
        reg.inspection_open(who.centre, ORG_A, skillcert.INSPECT_ORG, None, "2024-02-30")
    assert info.value.code == skillcert.EINVAL and info.value.field == "date"
    with pytest.raises(skillcert.ValidationError):
        reg.inspection_open(who.centre, "not-a-code", skillcert.INSPECT_ORG, None, dt.date(2024, 5, 1))
    with pytest.raises(skillcert.ValidationError):
        reg.credit_score(ORG_A, "yesterday")
    with pytest.raises(skillcert.ValidationError):
        reg.credit_compute(who.centre, "2024/03/01")
    ins = reg.inspection_open(who.centre, ORG_A, skillcert.INSPECT_ORG, None, dt.date(2024, 5, 1))
    with pytest.raises(skillcert.ValidationError):
        reg.inspection_close(who.centre, ins, "", dt.date(2024, 5, 2))
    # A kind is the member, the number or its name (issue 13); nothing else.
    with pytest.raises(TypeError):
        reg.inspection_open(who.centre, ORG_A, 1.5)
    with pytest.raises(ValueError):
        reg.inspection_open(who.centre, ORG_A, "no-such-kind")
    # Every error is also a skillcert.Error.
    with pytest.raises(skillcert.Error):
        reg.sanction_get(99)


def test_supervision_iterators_and_close(path, who):
    db = skillcert.Database(path)
    db.load_notice(who.city)
    file_org(db, who, who.org_a, ORG_A, "北京智训科技有限公司", skillcert.ORG_ENTERPRISE,
             "110108", who.haidian)
    for day in (dt.date(2024, 5, 1), dt.date(2024, 5, 2), dt.date(2024, 5, 3)):
        db.inspection_open(who.centre, ORG_A, skillcert.INSPECT_ORG, None, day)
    it = db.inspections()
    first = next(it)
    it.close()
    it.close()
    assert first.opened == dt.date(2024, 5, 1)
    assert list(it) == []
    # An iterator keeps the registry usable after the Database is closed.
    it = db.inspections(ORG_A)
    db.close()
    assert [i.opened for i in it] == [dt.date(2024, 5, 1), dt.date(2024, 5, 2), dt.date(2024, 5, 3)]
    with pytest.raises(skillcert.Error):
        db.inspections()
    with pytest.raises(skillcert.Error):
        db.credit_model()
    with pytest.raises(skillcert.Error):
        db.period_report(dt.date(2024, 1, 1), dt.date(2024, 12, 31))


# ---- sessions, venues and certificates (assessment and certificate bindings) -------------------

THEORY = skillcert.COMPONENT_THEORY
PRACTICAL = skillcert.COMPONENT_PRACTICAL
CRAFT1 = "S000011000001245900001"
CRAFT2 = "S000011000001245900002"


def resident_id(n):
    """The n-th synthetic resident ID number (as fx_id in assess_fixture.c)."""
    day, seq = n // 1000, n % 1000
    body = "110105%04d%02d%02d%03d" % (1980 + day // 336, 1 + (day // 28) % 12, 1 + day % 28, seq)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


class Sessions:
    """On top of `reg`: examiners E01-E03 of ORG_A, supervisors S01 and
    E02 (who also examines), an inspected venue of each organization, and
    candidates 1 and 2 recorded (work in OCC since 2010) with applications
    for OCC level 4 to ORG_A's announcement `ann`, confirmed by 海淀区
    (报名确认) on 2023-06-15 — only confirmed applicants enrol. `apps` holds
    the applications' ids."""

    def __init__(self, db, who):
        self.db, self.who = db, who
        q = [OCC + ":1"]
        for person in ("E01", "E02", "E03"):
            db.staff_add(who.org_a, ORG_A, person, "考评员", skillcert.STAFF_EXAMINER, q,
                         dt.date(2023, 6, 1))
        db.staff_add(who.org_a, ORG_A, "S01", "督导员", skillcert.STAFF_SUPERVISOR, q,
                     dt.date(2023, 6, 1))
        db.staff_add(who.org_a, ORG_A, "E02", "考评员兼督导", skillcert.STAFF_SUPERVISOR, q,
                     dt.date(2023, 6, 1))
        self.venue_a = db.venue_register(who.org_a, ORG_A, "海淀考点", "北京市海淀区中关村大街1号",
                                         "110108", 3, dt.date(2023, 6, 1))
        db.venue_inspect(who.haidian, self.venue_a, True, "场地合格", dt.date(2023, 6, 5))
        self.venue_b = db.venue_register(who.org_b, ORG_B, "西城考点", "北京市西城区金融街1号",
                                         "110102", 3, dt.date(2023, 6, 1))
        db.venue_inspect(who.xicheng, self.venue_b, True, None, dt.date(2023, 6, 5))
        for n in (1, 2):
            c = skillcert.Candidate(resident_id(n), "考生%d" % n)
            c.add_work(OCC, dt.date(2010, 1, 1))
            db.candidate_save(who.centre, c)
        db.eligibility_load_defaults(who.city)
        self.ann = db.announcement_publish(
            who.org_a, ORG_A, "2023-01", "新职业技能等级认定公告", dt.date(2023, 6, 1), dt.date(2026, 5, 1),
            "四级 400 元", skillcert.METHOD_THEORY | skillcert.METHOD_PRACTICAL, [OCC + ":5,4"],
            dt.date(2023, 6, 1))
        self.apps = [
            db.application_apply(skillcert.Actor(skillcert.ACTOR_CANDIDATE, resident_id(n), "test"),
                                 self.ann, resident_id(n), OCC, None, 4, date=dt.date(2023, 6, 10))
            for n in (1, 2)]
        assert db.application_verify_batch(who.org_a, self.apps, dt.date(2023, 6, 12)) == 2
        db.application_confirm_batch(who.haidian, self.apps, dt.date(2023, 6, 15))

    def session(self, date):
        """A level-4 session of ORG_A with candidates 1 and 2, E01 and E02 on theory."""
        s = self.db.session_create(self.who.org_a, ORG_A, OCC, None, 4, skillcert.PATH_NORMAL,
                                   date, self.venue_a, 1)
        for n in (1, 2):
            self.db.session_enrol(self.who.org_a, s, resident_id(n))
        for person in ("E01", "E02"):
            self.db.session_staff_add(self.who.org_a, s, THEORY, person)
        return s

    def certify(self, date):
        """Candidates 1 and 2 pass a confirmed session on date; each gets a
        published certificate. Returns the numbers."""
        db, who = self.db, self.who
        s = self.session(date)
        for person in ("E01", "E02", "E03"):
            db.session_staff_add(who.org_a, s, PRACTICAL, person)
        db.session_confirm(who.org_a, s, date)
        numbers = []
        for n in (1, 2):
            db.result_record(who.org_a, s, resident_id(n), 80, 75, skillcert.SCORE_NONE, date)
            num = db.certificate_report(who.org_a, s, resident_id(n), dt.date(2024, 3, 10))
            db.certificate_issue(who.org_a, num, "sha256:photo", dt.date(2024, 3, 15))
            db.certificate_publish(who.centre, num, dt.date(2024, 4, 1))
            numbers.append(num)
        # The passes completed the applications they were enrolled on.
        assert [db.application_get(a).state for a in self.apps] == \
            [skillcert.APPLICATION_COMPLETED] * 2
        return numbers


@pytest.fixture
def ses(reg, who):
    return Sessions(reg, who)


def craft_out_of_scope(path):
    """Two certificates of ORG_A for 4-04-05-04 (never granted), written with
    plain SQL as check_supervision.c does: the library would refuse them."""
    con = sqlite3.connect(path)
    try:
        con.execute(
            "INSERT INTO cert_context (org_id, org_name, district, occupation, occupation_name, "
            "work_type, level) SELECT id, name, district, '4-04-05-04', (SELECT name FROM "
            "occupation WHERE code = '4-04-05-04'), '', 5 FROM org WHERE credit_code = ?",
            (ORG_A,))
        con.execute(
            "INSERT INTO certificate (number, holder, id_number, status, issued, context) VALUES "
            "(?, '冒名甲', '110105198001011238', 3, '2024-05-01', last_insert_rowid()),"
            "(?, '冒名乙', '11010519491231002X', 3, '2024-05-02', last_insert_rowid())",
            (CRAFT1, CRAFT2))
        con.execute(
            "INSERT INTO certificate_record (number, id_number, certified, published) VALUES "
            "(?, '110105198001011238', '2024-05-01', '2024-05-03'),"
            "(?, '11010519491231002X', '2024-05-02', '2024-05-03')", (CRAFT1, CRAFT2))
        con.commit()
    finally:
        con.close()


def test_internal_supervision(reg, path, who, ses):
    s = ses.session(dt.date(2024, 3, 1))
    refused(path, skillcert.ConstraintError, reg.supervision_assign, who.org_a, s, "E02")
    refused(path, skillcert.NotFoundError, reg.supervision_assign, who.org_a, s, "E09")
    refused(path, skillcert.DeniedError, reg.supervision_assign, who.org_b, s, "S01")
    refused(path, skillcert.DeniedError, reg.supervision_assign, who.haidian, s, "S01")
    refused(path, skillcert.NotFoundError, reg.supervision_assign, who.org_a, 999, "S01")
    reg.supervision_assign(who.org_a, s, "S01")
    refused(path, skillcert.ExistsError, reg.supervision_assign, who.org_a, s, "S01")

    refused(path, skillcert.ConstraintError, reg.supervision_record, who.org_a, s, "E02",
            "考场纪律", None, dt.date(2024, 3, 1))
    refused(path, skillcert.ValidationError, reg.supervision_record, who.org_a, s, "S01", "",
            None, dt.date(2024, 3, 1))
    rid = reg.supervision_record(who.org_a, s, "S01", "考场纪律、身份核验、试卷保密",
                                 "一名考生迟到，已按规定处理", dt.date(2024, 3, 1))
    assert rid > 0
    rid2 = reg.supervision_record(who.org_a, s, "S01", "试卷回收", date=dt.date(2024, 3, 1))
    assert rid2 > rid
    assert [e.action for e in reg.audit_entries()].count("supervision.record") == 2

    with reg.supervisions(s) as it:
        records = list(it)
    assert [r.id for r in records] == [rid, rid2]
    r = records[0]
    assert (r.session_id, r.credit_code, r.person_id, r.name) == (s, ORG_A, "S01", "督导员")
    assert r.date == dt.date(2024, 3, 1)
    assert r.checked == "考场纪律、身份核验、试卷保密"
    assert r.findings == "一名考生迟到，已按规定处理"
    assert records[1].findings is None
    with pytest.raises(skillcert.NotFoundError):
        reg.supervisions(999)

    # A supervisor who examines in the session cannot be assigned.
    reg.staff_add(who.org_a, ORG_A, "E03", "考评员兼督导", skillcert.STAFF_SUPERVISOR,
                  [OCC + ":1"], dt.date(2023, 6, 1))
    reg.session_staff_add(who.org_a, s, PRACTICAL, "E03")
    refused(path, skillcert.ConstraintError, reg.supervision_assign, who.org_a, s, "E03")


def test_inspection_of_session_and_venue(reg, path, who, ses):
    s = ses.session(dt.date(2024, 3, 1))
    refused(path, skillcert.ConstraintError, reg.inspection_open, who.haidian, ORG_A,
            skillcert.INSPECT_VENUE, str(ses.venue_b), dt.date(2024, 5, 1))
    refused(path, skillcert.NotFoundError, reg.inspection_open, who.haidian, ORG_A,
            skillcert.INSPECT_SESSION, "999", dt.date(2024, 5, 1))
    refused(path, skillcert.DeniedError, reg.inspection_open, who.xicheng, ORG_A,
            skillcert.INSPECT_SESSION, str(s), dt.date(2024, 5, 1))
    by_session = reg.inspection_open(who.haidian, ORG_A, skillcert.INSPECT_SESSION, str(s),
                                     dt.date(2024, 3, 1), "考场巡查")
    by_venue = reg.inspection_open(who.centre, ORG_A, skillcert.INSPECT_VENUE, str(ses.venue_a),
                                   dt.date(2024, 5, 1))
    assert reg.inspection_get(by_session).target == str(s)
    assert reg.inspection_get(by_venue).kind == skillcert.INSPECT_VENUE

    refused(path, skillcert.ConstraintError, reg.inspection_add_finding, who.centre, by_venue,
            "venue", skillcert.FINDING_MINOR, "x", ["venue:%d" % ses.venue_b], dt.date(2024, 5, 2))
    refused(path, skillcert.NotFoundError, reg.inspection_add_finding, who.centre, by_venue,
            "venue", skillcert.FINDING_MINOR, "x", ["session:999"], dt.date(2024, 5, 2))
    refs = ["venue:%d" % ses.venue_a, "session:%d" % s, "staff:E01"]
    fid = reg.inspection_add_finding(who.centre, by_venue, "venue", skillcert.FINDING_MINOR,
                                     "消防通道堆放杂物", refs, dt.date(2024, 5, 2))
    assert reg.finding_entities(fid) == refs
    assert reg.finding_get(fid).inspection_id == by_venue
    # A session or venue inspection is not a certificate scan.
    refused(path, skillcert.ConstraintError, reg.inspection_scan_certificates, who.haidian,
            by_session, dt.date(2024, 5, 5))
    refused(path, skillcert.ConstraintError, reg.inspection_scan_certificates, who.centre,
            by_venue, dt.date(2024, 5, 5))


def test_certificate_scan_revoke_and_exit(reg, path, who, ses):
    good = ses.certify(dt.date(2024, 3, 1))
    craft_out_of_scope(path)
    assert reg.certificate_verify(CRAFT1, "冒名甲").status == skillcert.VERIFY_VALID

    # A batch of one day finds one of them.
    batch = reg.inspection_open(who.haidian, ORG_A, skillcert.INSPECT_CERTIFICATES,
                                "2024-05-01/2024-05-01", dt.date(2024, 5, 20))
    found = reg.inspection_scan_certificates(who.haidian, batch, dt.date(2024, 5, 20))
    assert (found.findings, found.certificates) == (1, 1)
    assert reg.finding_entities(next(iter(reg.findings(None, batch))).id) == \
        ["certificate:" + CRAFT1]

    # The whole organization: both crafted certificates, and only them.
    ins = reg.inspection_open(who.centre, ORG_A, skillcert.INSPECT_ORG, None, dt.date(2024, 5, 20),
                              "证书专项抽查")
    refused(path, skillcert.DeniedError, reg.inspection_scan_certificates, who.chaoyang, ins,
            dt.date(2024, 5, 20))
    found = reg.inspection_scan_certificates(who.centre, ins, dt.date(2024, 5, 20))
    assert (found.findings, found.certificates) == (1, 2)
    findings = list(reg.findings(ORG_A, ins))
    assert len(findings) == 1
    f = findings[0]
    assert f.category == "out-of-scope" and f.severity == skillcert.FINDING_SERIOUS
    assert f.entities == 2 and "2 of 4" in f.evidence
    assert reg.finding_entities(f.id) == ["certificate:" + CRAFT1, "certificate:" + CRAFT2]
    assert reg.inspection_get(ins).scanned == dt.date(2024, 5, 20)

    # Only the city centre revokes; the good certificates stay valid.
    refused(path, skillcert.DeniedError, reg.finding_revoke_certificates, who.haidian, f.id,
            dt.date(2024, 6, 10))
    refused(path, skillcert.DeniedError, reg.finding_revoke_certificates, who.org_a, f.id,
            dt.date(2024, 6, 10))
    sid = reg.sanction_impose(who.centre, f.id, skillcert.SANCTION_EXIT, None,
                              "超范围开展认定，不履行承诺", dt.date(2024, 6, 10))
    assert reg.sanction_get(sid).kind == skillcert.SANCTION_EXIT
    assert reg.may_certify(ORG_A, OCC, None, 4, dt.date(2024, 6, 10)).reason == \
        skillcert.REASON_ORG_EXITED
    assert reg.finding_revoke_certificates(who.centre, f.id, dt.date(2024, 6, 10)) == 2
    assert reg.finding_revoke_certificates(who.centre, f.id, dt.date(2024, 6, 11)) == 0
    for n, num in enumerate(good, 1):
        assert reg.certificate_verify(num, "考生%d" % n).status == skillcert.VERIFY_VALID
    assert reg.certificate_verify(CRAFT1, "冒名甲").status == skillcert.VERIFY_REVOKED
    assert reg.certificate_verify(CRAFT2, "冒名乙").status == skillcert.VERIFY_REVOKED
    reason = reg.certificate_get(CRAFT1).revoke_reason
    assert "out-of-scope" in reason and "finding" in reason
    assert reg.audit_verify()


def test_period_report_certificates(reg, who, ses):
    ses.certify(dt.date(2024, 3, 1))
    r = reg.period_report(dt.date(2024, 1, 1), dt.date(2024, 5, 2))
    assert r.total(skillcert.RSEC_CERT_LEVEL) == 2
    assert r.total(skillcert.RSEC_CERT_ORG) == 2
    assert r.total(skillcert.RSEC_CERT_DISTRICT) == 2
    level = r.rows(skillcert.RSEC_CERT_LEVEL)
    assert [(x.key, x.label, x.count) for x in level] == [("4", "四级/中级工", 2)]
    assert r.rows(skillcert.RSEC_CERT_OCCUPATION)[0].label == "网约配送员"
    assert r.rows(skillcert.RSEC_CERT_ORG)[0].key == ORG_A
    assert r.rows(skillcert.RSEC_CERT_DISTRICT)[0].key == "110108"
    assert r.count(skillcert.RSEC_CERT_LEVEL) == 1 and r.count(skillcert.RSEC_CERT_ORG) == 1
    # Before the certificates were issued, the period has none.
    assert reg.period_report(dt.date(2024, 1, 1), dt.date(2024, 3, 9)).total(skillcert.RSEC_CERT_LEVEL) == 0
