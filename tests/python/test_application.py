"""Announcements and applications through the Python binding: publish,
apply (by the candidate and for them), verify with eligibility, confirm by the
organization's own district, reject and withdraw with reasons, the
all-or-nothing batches, queries, and the exchange documents (mirrors
check_application.c and app_fixture.c)."""

import sqlite3

import pytest

import skillcert

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
    db.org_register(actor, code, name, kind, district, "2023-01-05")
    db.org_apply(actor, code, scope, "2023-02-01")
    db.org_recommend(bureau, code, "2023-02-10")
    db.org_evaluate(who.centre, code, None, skillcert.EVAL_ALL, "2023-03-01")
    db.org_notice(who.centre, code, "2023-03-10")
    db.org_file(who.centre, code, "2023-05-10")
    db.org_commit(actor, code, "2023-05-12")


def announce(db, actor, credit, code, offerings, closes):
    return db.announcement_publish(actor, credit, code, code + " 新职业技能等级认定工作实施方案",
                                   "2024-03-01", closes, FEES, ALL_METHODS, offerings,
                                   "2024-02-20")


class Registry:
    """app_fixture.c's registry: two filed organizations (ORG with confirmed
    special-path rules), the default eligibility rules, and one announcement
    of each (ann: ORG's "2024-01", 2024-03-01..2026-06-30; ann2: ORG2's
    "2024-A", 2024-03-01..2024-12-31)."""

    def __init__(self, path):
        self.path = path
        self.who = w = Actors()
        self.db = db = skillcert.Database(path)
        db.load_notice(w.city)
        db.eligibility_load_defaults(w.city)
        file_org(db, w, w.org, ORG, "北京智训科技有限公司", skillcert.ORG_ENTERPRISE, "110108",
                 w.haidian)
        file_org(db, w, w.org2, ORG2, "北京数字技能评价协会", skillcert.ORG_SOCIAL_GROUP,
                 "110102", w.xicheng)
        for path_ in (skillcert.PATH_EXCEPTIONAL, skillcert.PATH_DIRECT):
            db.rules_submit(w.org, ORG, path_, "特殊通道办法", "2023-06-01")
            db.rules_confirm(w.haidian, ORG, path_, "2023-06-05")
            db.rules_confirm(w.city, ORG, path_, "2023-06-10")
        self.ann = announce(db, w.org, ORG, "2024-01",
                            ["4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:3,2"], "2026-06-30")
        self.ann2 = announce(db, w.org2, ORG2, "2024-A", ["4-02-07-10:5,4,3"], "2024-12-31")

    def candidate(self, id_number, name, since, save=True):
        """A record with work in OCC since `since`, saved by the candidate."""
        c = skillcert.Candidate(id_number, name)
        if since:
            c.add_work(OCC, since)
        if save:
            self.db.candidate_save(Actors.candidate(id_number), c)
        return c

    def apply(self, id_number, level=5, date="2024-03-05", ann=None, **kw):
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
    import datetime
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
    reg.candidate(CAND_A, "张三", "2015-01-01")
    me = Actors.candidate(CAND_A)
    app_id = db.application_apply(me, reg.ann, CAND_A, "4—02—07—10", "", 4,
                                  skillcert.PATH_NORMAL, None, "2024-03-05")
    assert app_id > 0
    a = db.application_get(app_id)
    assert isinstance(a, skillcert.Application)
    assert a.state == skillcert.APPLICATION_SUBMITTED and a.state_name == "submitted"
    assert (a.occupation, a.work_type, a.level) == (OCC, "", 4)
    assert (a.credit_code, a.announcement, a.announcement_id) == (ORG, "2024-01", reg.ann)
    assert (a.id_number, a.name) == (CAND_A, "张三")
    assert (a.applied, a.applied_by) == ("2024-03-05", "candidate:" + CAND_A)

    # Verification records the eligibility decision.
    reg.refused(skillcert.DeniedError, db.application_verify, w.org2, app_id, "2024-03-10")
    e = reg.refused(skillcert.ConstraintError, db.application_verify, w.org, app_id,
                    "2024-03-04")
    assert e.field == "date"
    reg.refused(skillcert.ConstraintError, db.application_confirm, w.haidian, app_id,
                "2024-03-10")
    assert db.application_verify(w.org, app_id, "2024-03-10") is True
    a = db.application_get(app_id)
    assert a.state == skillcert.APPLICATION_VERIFIED
    assert a.eligibility == "L4-b"
    assert (a.verified, a.verified_by) == ("2024-03-10", "organization:" + ORG)
    assert "L4-b" in a.decision
    reg.refused(skillcert.ConstraintError, db.application_verify, w.org, app_id, "2024-03-11")

    # Only the bureau of the organization's own district confirms.
    e = reg.refused(skillcert.DeniedError, db.application_confirm, w.xicheng, app_id,
                    "2024-03-15")
    assert "110108" in e.message
    reg.refused(skillcert.DeniedError, db.application_confirm, w.org, app_id, "2024-03-15")
    reg.refused(skillcert.DeniedError, db.application_confirm, w.centre, app_id, "2024-03-15")
    reg.refused(skillcert.ConstraintError, db.application_confirm, w.haidian, app_id,
                "2024-03-09")
    db.application_confirm(w.haidian, app_id, "2024-03-15")
    a = db.application_get(app_id)
    assert a.state == skillcert.APPLICATION_CONFIRMED
    assert (a.confirmed, a.confirmed_by) == ("2024-03-15", "district:110108")
    actions = [e.action for e in db.audit_entries("application")]
    assert actions[-3:] == ["application.apply", "application.verify", "application.confirm"]

    # One open application per person and offering, at any organization.
    e = reg.refused(skillcert.ExistsError, db.application_apply, me, reg.ann, CAND_A, OCC, None,
                    4, date="2024-04-01")
    assert "open application" in e.message
    reg.refused(skillcert.ExistsError, db.application_apply, me, reg.ann2, CAND_A, OCC, None, 4,
                date="2024-04-01")
    # A confirmed application is withdrawn, not rejected; then a new one may be made.
    reg.refused(skillcert.ConstraintError, db.application_reject, w.org, app_id, "x",
                "2024-04-01")
    reg.refused(skillcert.DeniedError, db.application_withdraw, Actors.candidate(CAND_B), app_id,
                "x", "2024-04-01")
    reg.refused(skillcert.DeniedError, db.application_withdraw, w.org, app_id, "x", "2024-04-01")
    reg.refused(skillcert.ValidationError, db.application_withdraw, me, app_id, "", "2024-04-01")
    db.application_withdraw(me, app_id, "个人原因", "2024-04-01")
    a = db.application_get(app_id)
    assert a.state == skillcert.APPLICATION_WITHDRAWN
    assert a.ended_at == skillcert.APPLICATION_CONFIRMED
    assert (a.reason, a.ended_by, a.ended) == ("个人原因", "candidate:" + CAND_A, "2024-04-01")
    reg.refused(skillcert.ConstraintError, db.application_withdraw, me, app_id, "again",
                "2024-04-02")
    again = db.application_apply(me, reg.ann2, CAND_A, OCC, None, 4, date="2024-04-02")
    assert again > app_id
    assert db.application_get(again).credit_code == ORG2


def test_application_batches(reg):
    db, w = reg.db, reg.who
    ids = []
    for i in range(3):
        n = resident_id(100 + i)
        reg.candidate(n, "考生", "2023-12-01" if i == 2 else "2015-01-01")
        ids.append(reg.apply(n))
    other_person = resident_id(200)
    reg.candidate(other_person, "考生", "2015-01-01")
    other = reg.apply(other_person, ann=reg.ann2)

    # A bad id anywhere changes nothing, and the error says where.
    e = reg.refused(skillcert.NotFoundError, db.application_verify_batch, w.org, ids + [999],
                    "2024-03-10")
    assert "batch item 4 of 4" in e.message
    e = reg.refused(skillcert.DeniedError, db.application_verify_batch, w.org, ids + [other],
                    "2024-03-10")
    assert e.domain == skillcert.DOMAIN_AUTH
    reg.refused(skillcert.DeniedError, db.application_verify_batch, w.haidian, ids, "2024-03-10")
    assert all(db.application_get(i).state == skillcert.APPLICATION_SUBMITTED for i in ids)
    assert db.application_verify_batch(w.org, [], "2024-03-10") == 0
    # Any sequence of ints: a tuple here.
    assert db.application_verify_batch(w.org, tuple(ids), "2024-03-10") == 2
    assert [db.application_get(i).state for i in ids] == [
        skillcert.APPLICATION_VERIFIED, skillcert.APPLICATION_VERIFIED,
        skillcert.APPLICATION_REJECTED]
    assert [e.action for e in db.audit_entries("application")].count(
        "application.verify_batch") == 1

    # Confirm: a rejected one in the list refuses the whole batch.
    e = reg.refused(skillcert.ConstraintError, db.application_confirm_batch, w.haidian, ids,
                    "2024-03-15")
    assert "batch item 3 of 3" in e.message
    reg.refused(skillcert.DeniedError, db.application_confirm_batch, w.xicheng, ids[:2],
                "2024-03-15")
    reg.refused(skillcert.ConstraintError, db.application_confirm_batch, w.haidian,
                [ids[0], ids[1], ids[0]], "2024-03-15")
    assert db.application_get(ids[0]).state == skillcert.APPLICATION_VERIFIED
    db.application_confirm_batch(w.haidian, ids[:2], "2024-03-15")
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
    q = skillcert.ApplicationQuery(id_number="12345")
    with pytest.raises(skillcert.ValidationError):
        db.application_count(q)
    with pytest.raises(skillcert.ValidationError):
        db.applications(q)
    with pytest.raises(skillcert.ValidationError):
        skillcert.ApplicationQuery(batch_id="x" * 200)
