"""Announcements and applications through the Python binding: publish,
apply (by the candidate and for them), verify with eligibility, confirm by the
organization's own district, reject and withdraw with reasons, the
all-or-nothing batches, queries, and the exchange documents (mirrors
check_application.c and app_fixture.c)."""

import datetime as dt
import datetime
import sqlite3

import pytest

import skillcert
from conftest import development

ORG = "91110108MA01ABCD2H"    # 海淀区 110108, filed 2023-05-10, valid to 2026-05-09
ORG2 = "52110102MJ00123450"   # 西城区 110102, filed 2023-05-10, no special rules
OCC = "4-02-07-10"            # 网约配送员: levels 5-1, undivided; template rules
WT_OCC = "4-04-05-05"         # 人工智能训练师
WT = "数据标注员"
CAND_A = "11010519491231002X"
CAND_B = "110105198001011238"
FEES = "五级 300 元, 四级 400 元, 三级 500 元"
ALL_METHODS = skillcert.METHOD_THEORY | skillcert.METHOD_PRACTICAL | skillcert.METHOD_REVIEW


class Actors:
    """The actors of app_fixture.c."""

    def __init__(self):
        A = skillcert.Actor
        self.city = A(skillcert.ACTOR_CITY_BUREAU, None, "test")
        self.centre = A(skillcert.ACTOR_CITY_CENTRE, None, "test")
        self.org = A(skillcert.ACTOR_ORGANIZATION, ORG, "test")
        self.org2 = A(skillcert.ACTOR_ORGANIZATION, ORG2, "test")
        self.haidian = A(skillcert.ACTOR_DISTRICT, "110108", "test")
        self.xicheng = A(skillcert.ACTOR_DISTRICT, "110102", "test")
        self.public = A(skillcert.ACTOR_PUBLIC)

    @staticmethod
    def candidate(id_number):
        return skillcert.Actor(skillcert.ACTOR_CANDIDATE, id_number, "test")


def file_org(db, who, actor, code, name, kind, district, bureau):
    """Register and file an organization (scope: 网约配送员 5-1, 数据标注员 5-1)."""
    scope = ["4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1"]
    db.org_register(actor, code, name, kind, district, dt.date(2023, 1, 5))
    db.org_apply(actor, code, scope, dt.date(2023, 2, 1))
    db.org_recommend(bureau, code, dt.date(2023, 2, 10))
    db.org_evaluate(who.centre, code, None, skillcert.EVAL_ALL, dt.date(2023, 3, 1))
    db.org_notice(who.centre, code, dt.date(2023, 3, 10))
    db.org_file(who.centre, code, dt.date(2023, 5, 10))
    db.org_commit(actor, code, dt.date(2023, 5, 12))


def announce(db, actor, credit, code, offerings, closes):
    return db.announcement_publish(actor, credit, code, code + " 新职业技能等级认定工作实施方案",
                                   dt.date(2024, 3, 1), closes, FEES, ALL_METHODS, offerings,
                                   dt.date(2024, 2, 20))


class Registry:
    """app_fixture.c's registry: two filed organizations (ORG with confirmed
    special-path rules), the default eligibility rules, and one announcement
    of each (ann: ORG's "2024-01", 2024-03-01..2026-06-30; ann2: ORG2's
    "2024-A", 2024-03-01..2024-12-31)."""

    def __init__(self, path):
        self.path = path
        self.who = w = Actors()
        self.db = db = development(skillcert.Database(path))  # unsigned fixtures
        db.load_notice(w.city)
        db.eligibility_load_defaults(w.city)
        file_org(db, w, w.org, ORG, "北京智训科技有限公司", skillcert.ORG_ENTERPRISE, "110108",
                 w.haidian)
        file_org(db, w, w.org2, ORG2, "北京数字技能评价协会", skillcert.ORG_SOCIAL_GROUP,
                 "110102", w.xicheng)
        for path_ in (skillcert.PATH_EXCEPTIONAL, skillcert.PATH_DIRECT):
            db.rules_submit(w.org, ORG, path_, "特殊通道办法", dt.date(2023, 6, 1))
            db.rules_confirm(w.haidian, ORG, path_, dt.date(2023, 6, 5))
            db.rules_confirm(w.city, ORG, path_, dt.date(2023, 6, 10))
        self.ann = announce(db, w.org, ORG, "2024-01",
                            ["4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:3,2"], dt.date(2026, 6, 30))
        self.ann2 = announce(db, w.org2, ORG2, "2024-A", ["4-02-07-10:5,4,3"], dt.date(2024, 12, 31))

    def candidate(self, id_number, name, since, save=True):
        """A record with work in OCC since `since`, saved by the candidate."""
        c = skillcert.Candidate(id_number, name)
        if since:
            c.add_work(OCC, since)
        if save:
            self.db.candidate_save(Actors.candidate(id_number), c)
        return c

    def apply(self, id_number, level=5, date=dt.date(2024, 3, 5), ann=None, **kw):
        return self.db.application_apply(Actors.candidate(id_number),
                                         self.ann if ann is None else ann, id_number, OCC,
                                         None, level, date=date, **kw)

    def dump(self):
        con = sqlite3.connect(self.path)
        try:
            return list(con.iterdump())
        finally:
            con.close()

    def refused(self, exc, call, *args, **kwargs):
        """Assert that call raises exc and leaves the registry file unchanged."""
        before = self.dump()
        with pytest.raises(exc) as info:
            call(*args, **kwargs)
        assert self.dump() == before
        return info.value


def resident_id(n):
    """af_id(): distinct valid resident ID numbers, born from 1960-01-01 on."""
    day = datetime.date(1960, 1, 1) + datetime.timedelta(days=n // 1000)
    body = "110101%s%03d" % (day.strftime("%Y%m%d"), n % 1000)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


@pytest.fixture
def reg(tmp_path):
    r = Registry(str(tmp_path / "registry.db"))
    yield r
    r.db.close()


# ---- names ----------------------------------------------------------------------------

def test_application_names():
    assert skillcert.application_state_name(skillcert.APPLICATION_SUBMITTED) == "submitted"
    assert skillcert.application_state_name(skillcert.APPLICATION_WITHDRAWN) == "withdrawn"
    assert skillcert.application_state_name(0) is None
    assert skillcert.application_state_parse("confirmed") == skillcert.APPLICATION_CONFIRMED
    with pytest.raises(skillcert.ValidationError):
        skillcert.application_state_parse("open")
    assert skillcert.method_name(skillcert.METHOD_REVIEW) == "review"
    assert skillcert.method_name(skillcert.METHOD_ALL) is None
    assert skillcert.METHOD_ALL == 7
    assert skillcert.methods_parse("theory, practical") == (
        skillcert.METHOD_THEORY | skillcert.METHOD_PRACTICAL)
    assert skillcert.methods_parse("理论知识考试 综合评审") == (
        skillcert.METHOD_THEORY | skillcert.METHOD_REVIEW)
    with pytest.raises(skillcert.ValidationError) as info:
        skillcert.methods_parse("theory,essay")
    assert info.value.field == "methods"


# ---- the flow -------------------------------------------------------------------------

def test_application_flow(reg):
    db, w = reg.db, reg.who
    reg.candidate(CAND_A, "张三", dt.date(2015, 1, 1))
    me = Actors.candidate(CAND_A)
    app_id = db.application_apply(me, reg.ann, CAND_A, "4—02—07—10", "", 4,
                                  skillcert.PATH_NORMAL, None, dt.date(2024, 3, 5))
    assert app_id > 0
    a = db.application_get(app_id)
    assert isinstance(a, skillcert.Application)
    assert a.state == skillcert.APPLICATION_SUBMITTED and a.state_name == "submitted"
    assert (a.occupation, a.work_type, a.level) == (OCC, None, 4)
    assert (a.credit_code, a.announcement, a.announcement_id) == (ORG, "2024-01", reg.ann)
    assert (a.id_number, a.name) == (CAND_A, "张三")
    assert (a.applied, a.applied_by) == (dt.date(2024, 3, 5), "candidate:" + CAND_A)

    # Verification records the eligibility decision.
    reg.refused(skillcert.DeniedError, db.application_verify, w.org2, app_id, dt.date(2024, 3, 10))
    e = reg.refused(skillcert.ConstraintError, db.application_verify, w.org, app_id,
                    dt.date(2024, 3, 4))
    assert e.field == "date"
    reg.refused(skillcert.ConstraintError, db.application_confirm, w.haidian, app_id,
                dt.date(2024, 3, 10))
    assert db.application_verify(w.org, app_id, dt.date(2024, 3, 10)) is True
    a = db.application_get(app_id)
    assert a.state == skillcert.APPLICATION_VERIFIED
    assert a.eligibility == "L4-b"
    assert (a.verified, a.verified_by) == (dt.date(2024, 3, 10), "organization:" + ORG)
    assert "L4-b" in a.decision
    reg.refused(skillcert.ConstraintError, db.application_verify, w.org, app_id, dt.date(2024, 3, 11))

    # Only the bureau of the organization's own district confirms.
    e = reg.refused(skillcert.DeniedError, db.application_confirm, w.xicheng, app_id,
                    dt.date(2024, 3, 15))
    assert "110108" in e.message
    reg.refused(skillcert.DeniedError, db.application_confirm, w.org, app_id, dt.date(2024, 3, 15))
    reg.refused(skillcert.DeniedError, db.application_confirm, w.centre, app_id, dt.date(2024, 3, 15))
    reg.refused(skillcert.ConstraintError, db.application_confirm, w.haidian, app_id,
                dt.date(2024, 3, 9))
    db.application_confirm(w.haidian, app_id, dt.date(2024, 3, 15))
    a = db.application_get(app_id)
    assert a.state == skillcert.APPLICATION_CONFIRMED
    assert (a.confirmed, a.confirmed_by) == (dt.date(2024, 3, 15), "district:110108")
    actions = [e.action for e in db.audit_entries("application")]
    assert actions[-3:] == ["application.apply", "application.verify", "application.confirm"]

    # One open application per person and offering, at any organization.
    e = reg.refused(skillcert.ExistsError, db.application_apply, me, reg.ann, CAND_A, OCC, None,
                    4, date=dt.date(2024, 4, 1))
    assert "open application" in e.message
    reg.refused(skillcert.ExistsError, db.application_apply, me, reg.ann2, CAND_A, OCC, None, 4,
                date=dt.date(2024, 4, 1))
    # A confirmed application is withdrawn, not rejected; then a new one may be made.
    reg.refused(skillcert.ConstraintError, db.application_reject, w.org, app_id, "x",
                dt.date(2024, 4, 1))
    reg.refused(skillcert.DeniedError, db.application_withdraw, Actors.candidate(CAND_B), app_id,
                "x", dt.date(2024, 4, 1))
    reg.refused(skillcert.DeniedError, db.application_withdraw, w.org, app_id, "x", dt.date(2024, 4, 1))
    reg.refused(skillcert.ValidationError, db.application_withdraw, me, app_id, "", dt.date(2024, 4, 1))
    db.application_withdraw(me, app_id, "个人原因", dt.date(2024, 4, 1))
    a = db.application_get(app_id)
    assert a.state == skillcert.APPLICATION_WITHDRAWN
    assert a.ended_at == skillcert.APPLICATION_CONFIRMED
    assert (a.reason, a.ended_by, a.ended) == ("个人原因", "candidate:" + CAND_A, dt.date(2024, 4, 1))
    reg.refused(skillcert.ConstraintError, db.application_withdraw, me, app_id, "again",
                dt.date(2024, 4, 2))
    again = db.application_apply(me, reg.ann2, CAND_A, OCC, None, 4, date=dt.date(2024, 4, 2))
    assert again > app_id
    assert db.application_get(again).credit_code == ORG2


def test_application_batches(reg):
    db, w = reg.db, reg.who
    ids = []
    for i in range(3):
        n = resident_id(100 + i)
        reg.candidate(n, "考生", dt.date(2023, 12, 1) if i == 2 else dt.date(2015, 1, 1))
        ids.append(reg.apply(n))
    other_person = resident_id(200)
    reg.candidate(other_person, "考生", dt.date(2015, 1, 1))
    other = reg.apply(other_person, ann=reg.ann2)

    # A bad id anywhere changes nothing, and the error says where.
    e = reg.refused(skillcert.NotFoundError, db.application_verify_batch, w.org, ids + [999],
                    dt.date(2024, 3, 10))
    assert "batch item 4 of 4" in e.message
    e = reg.refused(skillcert.DeniedError, db.application_verify_batch, w.org, ids + [other],
                    dt.date(2024, 3, 10))
    assert e.domain == skillcert.DOMAIN_AUTH
    reg.refused(skillcert.DeniedError, db.application_verify_batch, w.haidian, ids, dt.date(2024, 3, 10))
    assert all(db.application_get(i).state == skillcert.APPLICATION_SUBMITTED for i in ids)
    assert db.application_verify_batch(w.org, [], dt.date(2024, 3, 10)) == 0
    # Any sequence of ints: a tuple here.
    assert db.application_verify_batch(w.org, tuple(ids), dt.date(2024, 3, 10)) == 2
    assert [db.application_get(i).state for i in ids] == [
        skillcert.APPLICATION_VERIFIED, skillcert.APPLICATION_VERIFIED,
        skillcert.APPLICATION_REJECTED]
    assert [e.action for e in db.audit_entries("application")].count(
        "application.verify_batch") == 1

    # Confirm: a rejected one in the list refuses the whole batch.
    e = reg.refused(skillcert.ConstraintError, db.application_confirm_batch, w.haidian, ids,
                    dt.date(2024, 3, 15))
    assert "batch item 3 of 3" in e.message
    reg.refused(skillcert.DeniedError, db.application_confirm_batch, w.xicheng, ids[:2],
                dt.date(2024, 3, 15))
    reg.refused(skillcert.ConstraintError, db.application_confirm_batch, w.haidian,
                [ids[0], ids[1], ids[0]], dt.date(2024, 3, 15))
    assert db.application_get(ids[0]).state == skillcert.APPLICATION_VERIFIED
    db.application_confirm_batch(w.haidian, ids[:2], dt.date(2024, 3, 15))
    assert [db.application_get(i).state for i in ids[:2]] == [skillcert.APPLICATION_CONFIRMED] * 2

    # Queries: iteration and counts.
    q = skillcert.ApplicationQuery(credit_code=ORG, state=skillcert.APPLICATION_CONFIRMED)
    assert db.application_count(q) == 2
    with db.applications(q) as it:
        got = [a.id for a in it]
    assert got == ids[:2]
    assert db.application_count() == 4
    assert db.application_count(None) == 4
    assert [a.id for a in db.applications()] == ids + [other]
    q = skillcert.ApplicationQuery(announcement=reg.ann2)
    assert db.application_count(q) == 1
    q.set_id_number(other_person)
    assert q.id_number == other_person
    assert db.application_count(q) == 1
    q.set_announcement(reg.ann)
    assert db.application_count(q) == 0
    q = skillcert.ApplicationQuery()
    q.set_level(5)
    q.set_state(skillcert.APPLICATION_REJECTED)
    assert [a.id for a in db.applications(q)] == [ids[2]]
    # Fields can be assigned as well.
    q = skillcert.ApplicationQuery()
    q.occupation = OCC
    q.state = skillcert.APPLICATION_CONFIRMED
    q.credit_code = ORG
    assert (q.occupation, q.state, q.credit_code) == (OCC, skillcert.APPLICATION_CONFIRMED, ORG)
    assert db.application_count(q) == 2
    q.credit_code = None
    assert q.credit_code is None
    q.announcement = reg.ann2
    assert db.application_count(q) == 0
    with pytest.raises(skillcert.ValidationError):
        q.batch_id = "x" * 128
    assert q.batch_id is None
    with pytest.raises(AttributeError):
        q.version = 2
    q = skillcert.ApplicationQuery(id_number="12345")
    with pytest.raises(skillcert.ValidationError):
        db.application_count(q)
    with pytest.raises(skillcert.ValidationError):
        db.applications(q)
    with pytest.raises(skillcert.ValidationError):
        skillcert.ApplicationQuery(batch_id="x" * 200)


# ---- announcements --------------------------------------------------------------------

def publish(db, actor, code="2024-02", offerings=("4-02-07-10:5,4",), date=dt.date(2024, 8, 1), **kw):
    fields = dict(credit_code=ORG, code=code, title="秋季认定公告", opens=dt.date(2024, 9, 1),
                  closes=dt.date(2024, 10, 31), fees="300 元",
                  methods=skillcert.METHOD_THEORY | skillcert.METHOD_PRACTICAL)
    fields.update(kw)
    return db.announcement_publish(actor, offerings=list(offerings), date=date, **fields)


def test_application_announcement(reg):
    db, w = reg.db, reg.who
    # Refusals change nothing.
    e = reg.refused(skillcert.DeniedError, publish, db, w.org2)
    assert e.domain == skillcert.DOMAIN_AUTH
    reg.refused(skillcert.DeniedError, publish, db, w.haidian)
    e = reg.refused(skillcert.ConstraintError, publish, db, w.org,
                    offerings=["4-04-05-04/建筑工程:3"])
    assert e.field == "offerings" and "scope" in e.message
    reg.refused(skillcert.ExistsError, publish, db, w.org, code="2024-01")
    reg.refused(skillcert.ValidationError, publish, db, w.org, code="2024 02")
    e = reg.refused(skillcert.ValidationError, publish, db, w.org, closes=dt.date(2024, 8, 31))
    assert e.field == "closes"
    reg.refused(skillcert.ValidationError, publish, db, w.org, date=dt.date(2024, 11, 1))
    reg.refused(skillcert.ValidationError, publish, db, w.org, methods=0)
    reg.refused(skillcert.ValidationError, publish, db, w.org, title="")
    reg.refused(skillcert.ValidationError, publish, db, w.org, offerings=[])
    e = reg.refused(skillcert.ValidationError, publish, db, w.org, title="长" * 300)
    assert e.message == "announcement title too long"

    new = publish(db, w.org)
    assert new > reg.ann2
    a = db.announcement_get(new, dt.date(2024, 9, 1))
    assert isinstance(a, skillcert.Announcement)
    assert (a.id, a.code, a.credit_code, a.published) == (new, "2024-02", ORG, dt.date(2024, 8, 1))
    assert (a.title, a.opens, a.closes, a.fees) == ("秋季认定公告", dt.date(2024, 9, 1), dt.date(2024, 10, 31),
                                                    "300 元")
    assert a.methods == skillcert.METHOD_THEORY | skillcert.METHOD_PRACTICAL
    assert a.method_names == ["theory", "practical"]
    assert a.open is True and a.closed is None
    assert db.announcement_get(new, dt.date(2024, 8, 31)).open == 0
    assert db.announcement_lookup(ORG, "2024-02", dt.date(2024, 9, 1)).id == new
    with pytest.raises(skillcert.NotFoundError):
        db.announcement_lookup(ORG, "2099-01")
    with pytest.raises(skillcert.NotFoundError):
        db.announcement_get(999)
    assert db.announcement_offerings(new) == [
        skillcert.OfferingItem(OCC, None, 5), skillcert.OfferingItem(OCC, None, 4)]
    assert skillcert.OfferingItem(WT_OCC, WT, 3) in db.announcement_offerings(reg.ann)
    with pytest.raises(skillcert.NotFoundError):
        db.announcement_offerings(999)

    assert [x.id for x in db.announcements(date=dt.date(2024, 9, 15))] == [reg.ann, reg.ann2, new]
    with db.announcements(ORG, dt.date(2024, 9, 15), True) as it:
        open_ones = list(it)
    assert [x.code for x in open_ones] == ["2024-01", "2024-02"]
    assert all(x.open for x in open_ones)
    assert [x.code for x in db.announcements(ORG2)] == ["2024-A"]
    assert list(db.announcements(date=dt.date(2027, 1, 1), open_only=True)) == []
    with pytest.raises(skillcert.ValidationError):
        db.announcements(date="2024-13-01")

    # Closing early: applications are refused from that day on.
    reg.candidate(CAND_A, "张三", dt.date(2015, 1, 1))
    me = Actors.candidate(CAND_A)
    reg.refused(skillcert.DeniedError, db.announcement_close, w.org2, new, dt.date(2024, 9, 10))
    reg.refused(skillcert.ConstraintError, db.announcement_close, w.org, new, dt.date(2024, 7, 1))
    reg.refused(skillcert.NotFoundError, db.announcement_close, w.org, 999, dt.date(2024, 9, 10))
    db.announcement_close(w.org, new, dt.date(2024, 9, 10))
    reg.refused(skillcert.ConstraintError, db.announcement_close, w.org, new, dt.date(2024, 9, 11))
    a = db.announcement_get(new, dt.date(2024, 9, 10))
    assert (a.closed, a.open) == (dt.date(2024, 9, 10), 0)
    e = reg.refused(skillcert.ConstraintError, db.application_apply, me, new, CAND_A, OCC, None,
                    5, date=dt.date(2024, 9, 10))
    assert e.field == "announcement" and "closed early" in e.message
    assert db.application_apply(me, new, CAND_A, OCC, None, 5, date=dt.date(2024, 9, 9)) > 0
    assert [e.action for e in db.audit_entries("announcement")].count(
        "announcement.publish") == 3


# ---- refusals, rejections, withdrawals -------------------------------------------------

def test_application_refusals(reg):
    db, w = reg.db, reg.who
    reg.candidate(CAND_A, "张三", dt.date(2015, 1, 1))
    reg.candidate(CAND_B, "李四", dt.date(2015, 1, 1))
    me = Actors.candidate(CAND_A)

    def apply(*args, **kw):
        fields = dict(actor=me, announcement=reg.ann, id_number=CAND_A, occupation=OCC,
                      work_type=None, level=5, path=skillcert.PATH_NORMAL, evidence=None,
                      date=dt.date(2024, 3, 5))
        fields.update(kw)
        return db.application_apply(**fields)

    # The candidate applies only for themself; an organization uses apply_for.
    e = reg.refused(skillcert.DeniedError, apply, id_number=CAND_B)
    assert e.domain == skillcert.DOMAIN_AUTH
    reg.refused(skillcert.DeniedError, apply, actor=w.org)
    # No open announcement: before the intake, unknown, after the intake.
    e = reg.refused(skillcert.ConstraintError, apply, date=dt.date(2024, 2, 28))
    assert e.field == "announcement"
    reg.refused(skillcert.NotFoundError, apply, announcement=999)
    reg.refused(skillcert.ConstraintError, apply, announcement=reg.ann2, date=dt.date(2025, 1, 1))
    # The organization may not certify it that day: its filing expired on 2026-05-09.
    e = reg.refused(skillcert.ConstraintError, apply, date=dt.date(2026, 6, 1))
    assert "expired" in e.message and e.field == "offering"
    # In scope, but not announced; not in the catalog at all.
    e = reg.refused(skillcert.ConstraintError, apply, occupation=WT_OCC, work_type=WT)
    assert "does not take applications" in e.message
    reg.refused(skillcert.ConstraintError, apply, occupation="4-02-06-05")
    # No record stored.
    nobody = resident_id(3)
    e = reg.refused(skillcert.NotFoundError, apply, actor=Actors.candidate(nobody),
                    id_number=nobody)
    assert e.field == "id_number"
    # Malformed arguments.
    reg.refused(skillcert.ValidationError, apply, id_number="110105194912310021")
    reg.refused(skillcert.ValidationError, apply, level=6)
    reg.refused(skillcert.ValidationError, apply, path=7)
    reg.refused(skillcert.ValidationError, apply, date="2024-02-30")
    reg.refused(skillcert.ValidationError, apply, actor=None)
    with pytest.raises(TypeError):
        apply(level="5")
    # Special paths: the level, the organization's confirmed rules, evidence.
    e = reg.refused(skillcert.ConstraintError, apply, level=4, path=skillcert.PATH_EXCEPTIONAL,
                    evidence="业绩突出")
    assert e.field == "path" and "level 3" in e.message
    e = reg.refused(skillcert.ConstraintError, apply, announcement=reg.ann2, level=3,
                    path=skillcert.PATH_EXCEPTIONAL, evidence="业绩突出")
    assert e.field == "path" and "confirmed" in e.message
    e = reg.refused(skillcert.ConstraintError, apply, level=3, path=skillcert.PATH_EXCEPTIONAL)
    assert e.field == "evidence"
    e = reg.refused(skillcert.ConstraintError, apply, level=3, path=skillcert.PATH_DIRECT,
                    evidence="技术创新")
    assert "level 2" in e.message
    assert db.application_count() == 0

    # Rejections: the organization at SUBMITTED, the district at VERIFIED.
    b = reg.apply(CAND_B)
    reg.refused(skillcert.DeniedError, db.application_reject, w.haidian, b, "材料不全",
                dt.date(2024, 3, 6))
    reg.refused(skillcert.DeniedError, db.application_reject, w.org2, b, "材料不全", dt.date(2024, 3, 6))
    reg.refused(skillcert.ValidationError, db.application_reject, w.org, b, "", dt.date(2024, 3, 6))
    reg.refused(skillcert.ValidationError, db.application_reject, w.org, b, None, dt.date(2024, 3, 6))
    reg.refused(skillcert.NotFoundError, db.application_reject, w.org, 999, "x", dt.date(2024, 3, 6))
    reg.refused(skillcert.DeniedError, db.application_withdraw, me, b, "x", dt.date(2024, 3, 6))
    reg.refused(skillcert.DeniedError, db.application_withdraw_for, w.org2, b, "x", dt.date(2024, 3, 6))
    db.application_reject(w.org, b, "材料不全", dt.date(2024, 3, 6))
    a = db.application_get(b)
    assert (a.state, a.ended_at, a.reason) == (skillcert.APPLICATION_REJECTED,
                                               skillcert.APPLICATION_SUBMITTED, "材料不全")
    reg.refused(skillcert.ConstraintError, db.application_reject, w.org, b, "again",
                dt.date(2024, 3, 7))
    b = reg.apply(CAND_B, date=dt.date(2024, 3, 7))
    assert db.application_verify(w.org, b, dt.date(2024, 3, 8))
    reg.refused(skillcert.DeniedError, db.application_reject, w.org, b, "x", dt.date(2024, 3, 9))
    reg.refused(skillcert.DeniedError, db.application_reject, w.xicheng, b, "x", dt.date(2024, 3, 9))
    db.application_reject(w.haidian, b, "工作年限证明不实", dt.date(2024, 3, 9))
    a = db.application_get(b)
    assert (a.state, a.ended_at, a.ended_by) == (skillcert.APPLICATION_REJECTED,
                                                 skillcert.APPLICATION_VERIFIED,
                                                 "district:110108")
    # The organization withdraws for the candidate.
    b = reg.apply(CAND_B, date=dt.date(2024, 3, 10))
    reg.refused(skillcert.ConstraintError, db.application_withdraw_for, w.org, b, "x",
                dt.date(2024, 3, 9))
    db.application_withdraw_for(w.org, b, "考生申请", dt.date(2024, 3, 11))
    a = db.application_get(b)
    assert (a.state, a.reason, a.ended_by) == (skillcert.APPLICATION_WITHDRAWN, "考生申请",
                                               "organization:" + ORG)
    with pytest.raises(skillcert.NotFoundError):
        db.application_get(999)


def test_application_special_paths(reg):
    db, w = reg.db, reg.who
    c = reg.candidate(CAND_A, "张三", dt.date(2020, 1, 1), save=False)
    c.add_evidence(skillcert.EVIDENCE_ACHIEVEMENT, OCC, 0, dt.date(2023, 10, 1), "年度优秀配送员")
    c.add_evidence(skillcert.EVIDENCE_CONTRIBUTION, None, 0, dt.date(2023, 11, 1), "智能调度系统改造")
    db.candidate_save(Actors.candidate(CAND_A), c)
    reg.candidate(CAND_B, "李四", dt.date(2020, 1, 1))
    ex = reg.apply(CAND_A, 3, path=skillcert.PATH_EXCEPTIONAL, evidence="年度优秀配送员")
    direct = reg.apply(CAND_A, 2, path=skillcert.PATH_DIRECT, evidence="智能调度系统改造")
    # Named evidence, but none on record: not eligible, with the reason.
    none = reg.apply(CAND_B, 3, path=skillcert.PATH_EXCEPTIONAL, evidence="重大活动保障")
    assert db.application_verify(w.org, ex, dt.date(2024, 3, 10)) is True
    assert db.application_verify(w.org, direct, dt.date(2024, 3, 10)) is True
    assert db.application_verify(w.org, none, dt.date(2024, 3, 10)) is False
    a = db.application_get(ex)
    assert (a.state, a.path, a.evidence, a.eligibility) == (
        skillcert.APPLICATION_VERIFIED, skillcert.PATH_EXCEPTIONAL, "年度优秀配送员",
        "exceptional")
    assert db.application_get(direct).eligibility == "direct"
    a = db.application_get(none)
    assert a.state == skillcert.APPLICATION_REJECTED
    assert a.ended_at == skillcert.APPLICATION_SUBMITTED
    assert a.eligibility_reason == skillcert.REASON_SPECIAL_PATH_NO_EVIDENCE
    assert a.eligibility is None and a.reason is not None and a.reason == a.decision


def test_application_not_eligible(reg):
    db, w = reg.db, reg.who
    reg.candidate(CAND_A, "张三", dt.date(2023, 12, 1))
    app_id = reg.apply(CAND_A)
    assert db.application_verify(w.org, app_id, dt.date(2024, 3, 10)) is False
    a = db.application_get(app_id)
    assert a.state_name == "rejected"
    assert a.eligibility_reason == skillcert.REASON_CONDITIONS_NOT_MET
    assert a.verified == dt.date(2024, 3, 10)
    assert "not eligible" in a.reason and "L5-a: needs 1 year" in a.reason


def test_application_apply_for(reg):
    db, w = reg.db, reg.who
    c = reg.candidate(CAND_B, "李四", dt.date(2015, 1, 1), save=False)
    args = (reg.ann, c, OCC, None, 5)
    reg.refused(skillcert.DeniedError, db.application_apply_for, w.org2, *args,
                date=dt.date(2024, 3, 5))
    reg.refused(skillcert.DeniedError, db.application_apply_for, w.haidian, *args,
                date=dt.date(2024, 3, 5))
    reg.refused(skillcert.ValidationError, db.application_apply_for, w.org, reg.ann, None, OCC,
                None, 5, date=dt.date(2024, 3, 5))
    with pytest.raises(skillcert.NotFoundError):
        db.candidate_load(CAND_B)
    app_id = db.application_apply_for(w.org, *args, date=dt.date(2024, 3, 5))
    assert db.candidate_load(CAND_B).work_count() == 1
    a = db.application_get(app_id)
    assert a.applied_by == "organization:" + ORG and a.name == "李四"
    # The caller keeps the record: it is still usable.
    assert c.work_count() == 1


# ---- the exchange documents -----------------------------------------------------------

def make_verified(reg):
    """Candidates with records, applications on both paths, verified (make_verified)."""
    db, w = reg.db, reg.who
    c = reg.candidate(CAND_A, "张三", dt.date(2015, 1, 1), save=False)
    c.add_certificate(skillcert.CERT_KIND_SKILL_LEVEL, OCC, None, 5, dt.date(2019, 6, 1))
    c.add_evidence(skillcert.EVIDENCE_ACHIEVEMENT, OCC, 0, dt.date(2023, 10, 1),
                   "年度优秀 <配送员> & \"标兵\"")
    db.candidate_save(Actors.candidate(CAND_A), c)
    reg.candidate(CAND_B, "李四", dt.date(2015, 1, 1))
    ids = [reg.apply(CAND_A, 4),
           reg.apply(CAND_A, 3, path=skillcert.PATH_EXCEPTIONAL, evidence="年度优秀配送员"),
           reg.apply(CAND_B, 5, date=dt.date(2024, 3, 6))]
    assert db.application_verify_batch(w.org, ids, dt.date(2024, 3, 10)) == 3
    return ids


def test_application_exchange(reg, tmp_path):
    db, w = reg.db, reg.who
    district = Registry(str(tmp_path / "district.db"))  # the same directory, no applications
    try:
        ids = make_verified(reg)
        batch = db.application_batch_export_memory(reg.ann, "HD-2024-03-001")
        assert isinstance(batch, str)
        assert skillcert.validate_memory(batch) == skillcert.DOC_CANDIDATE_BATCH
        assert "urn:skillcert:candidate-batch:1" in batch
        assert 'path="exceptional"' in batch
        assert "&lt;配送员&gt; &amp; &quot;标兵&quot;" in batch

        # The district imports it (only as the organization's own district).
        with pytest.raises(skillcert.DeniedError):
            district.db.import_memory(w.org, batch)
        r = district.db.import_memory(w.haidian, batch)
        assert (r.doctype, r.records, r.batch_id) == (skillcert.DOC_CANDIDATE_BATCH, 3,
                                                      "HD-2024-03-001")
        assert district.db.application_batch_export_memory(reg.ann, "HD-2024-03-001") == batch
        assert district.db.import_memory(w.haidian, batch).already_imported

        # It confirms two, rejects one, and answers.
        q = skillcert.ApplicationQuery(batch_id="HD-2024-03-001")
        dids = [a.id for a in district.db.applications(q)]
        assert len(dids) == 3
        assert all(a.state == skillcert.APPLICATION_VERIFIED for a in district.db.applications(q))
        district.db.application_confirm_batch(w.haidian, dids[:2], dt.date(2024, 3, 20))
        district.db.application_reject(w.haidian, dids[2], "工作年限证明不实", dt.date(2024, 3, 21))
        answer = district.db.application_confirmation_export_memory(reg.ann, "HD-ANS-001",
                                                                    "HD-2024-03-001")
        assert skillcert.validate_memory(answer) == skillcert.DOC_CONFIRMATION
        assert 'decision="rejected"' in answer

        # The organization applies the answer.
        with pytest.raises(skillcert.DeniedError):
            db.import_memory(w.haidian, answer)
        with pytest.raises(skillcert.DeniedError):
            db.import_memory(w.org2, answer)
        assert db.import_memory(w.org, answer).records == 3
        a = db.application_get(ids[0])
        assert (a.state, a.confirmed, a.confirmed_by, a.batch_id) == (
            skillcert.APPLICATION_CONFIRMED, dt.date(2024, 3, 20), "district:110108", "HD-2024-03-001")
        a = db.application_get(ids[2])
        assert (a.state, a.ended_at, a.reason) == (skillcert.APPLICATION_REJECTED,
                                                   skillcert.APPLICATION_VERIFIED,
                                                   "工作年限证明不实")
        assert db.application_confirmation_export_memory(reg.ann, "HD-ANS-001",
                                                         "HD-2024-03-001") == answer
        # Without the batch answered: every decided application, no answers attribute.
        assert db.application_confirmation_export_memory(reg.ann, "HD-ANS-001") == (
            answer.replace(' answers="HD-2024-03-001"', ""))

        # Files.
        path = str(tmp_path / "answer.xml")
        db.application_confirmation_export_file(reg.ann, "HD-ANS-001", "HD-2024-03-001", path)
        with open(path, encoding="utf-8") as f:
            assert f.read() == answer
        path = str(tmp_path / "batch.xml")
        district.db.application_batch_export_file(reg.ann, "HD-2024-03-002", path)
        assert skillcert.validate_file(path) == skillcert.DOC_CANDIDATE_BATCH
        with pytest.raises(skillcert.Error) as info:
            db.application_batch_export_file(reg.ann, "b", str(tmp_path / "no" / "x.xml"))
        assert info.value.code == skillcert.EIO

        # Argument errors.
        with pytest.raises(skillcert.ValidationError):
            db.application_batch_export_memory(reg.ann, "bad id")
        with pytest.raises(skillcert.NotFoundError):
            db.application_batch_export_memory(999, "b1")
        with pytest.raises(skillcert.ValidationError):
            db.application_confirmation_export_memory(reg.ann, "b1", "bad id")
    finally:
        district.db.close()


# ---- the binding's own argument handling -----------------------------------------------

def test_application_binding_arguments(reg):
    db, w = reg.db, reg.who
    reg.candidate(CAND_A, "张三", dt.date(2015, 1, 1))
    app_id = reg.apply(CAND_A)
    for bad in ("12", [1, "2"], [1.5], 7, [2 ** 70]):
        with pytest.raises((TypeError, OverflowError)):
            db.application_verify_batch(w.org, bad, dt.date(2024, 3, 10))
    e = reg.refused(skillcert.ValidationError, db.application_verify_batch, w.org, None,
                    dt.date(2024, 3, 10))
    assert "application ids" in e.message
    reg.refused(skillcert.ValidationError, db.application_confirm_batch, w.haidian, None)
    reg.refused(skillcert.ValidationError, db.application_verify_batch, w.org, [app_id],
                "2024-3-10")
    # A generator is a sequence too, once listed; keyword names.
    assert db.application_verify_batch(actor=w.org, application_ids=(i for i in [app_id]),
                                       date=dt.date(2024, 3, 10)) == 1
    with pytest.raises(skillcert.ValidationError):
        db.announcement_get(reg.ann, "yesterday")
    it = db.applications()
    db.close()
    # An iterator keeps the registry alive; other calls fail on a closed Database.
    assert [a.id for a in it] == [app_id]
    with pytest.raises(skillcert.Error):
        db.application_get(app_id)
    with pytest.raises(skillcert.Error):
        db.application_verify_batch(w.org, [app_id])
    assert repr(skillcert.ApplicationQuery()) == "<skillcert.ApplicationQuery all>"
