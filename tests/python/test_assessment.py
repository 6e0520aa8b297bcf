"""Assessment through the Python binding: component rules and staff ratios,
venues and sessions, staffing, enrolment, the question bank and its
versions, paper assembly, objective scoring, results, the pass rule and
resits (mirrors check_assessment.c and its fixture, assess_fixture.c)."""

import datetime as dt
import pytest

import skillcert

ORG = "91110108MA01ABCD2H"    # 海淀区 110108, filed 2023-05-10
ORG2 = "52110102MJ00123450"   # 西城区 110102, filed 2023-05-10
OTHER = "91110105MA01CHY00K"  # 朝阳区, never registered
OCC = "4-02-07-10"            # 网约配送员: levels 5-1, undivided
SCOPE = ["4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1"]
QUALIFIED = ["4-02-07-10:1", "4-04-05-05/数据标注员:1"]
APPLY_DAY = dt.date(2023, 6, 10)      # fixture applications: applied, verified, confirmed

THEORY = skillcert.COMPONENT_THEORY
PRACTICAL = skillcert.COMPONENT_PRACTICAL
REVIEW = skillcert.COMPONENT_REVIEW
NONE = None  # a component not taken (SCORE_NONE, -1.0, in C)


def resident_id(n):
    """The n-th synthetic resident ID number (as fx_id in assess_fixture.c)."""
    day, seq = n // 1000, n % 1000
    body = "110105%04d%02d%02d%03d" % (1980 + day // 336, 1 + (day // 28) % 12, 1 + day % 28, seq)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


class Registry:
    """The registry of assess_fixture.c: ORG and ORG2 filed and active for
    4-02-07-10 levels 5-1 and 4-04-05-05/数据标注员 levels 5-1; examiners
    E01-E15 and experts X01-X05 of ORG qualified at level 1, examiner U01
    qualified for 4-02-07-10 level 4 only, manager M01; examiners E01-E05 of
    ORG2; a venue of each with 3 rooms, inspected and passed 2023-06-05;
    the default eligibility rules and the intake announcement "FX-2023" of
    each (both offerings, intake 2023-06-01 to 2026-05-01). Only confirmed
    applicants enrol: enrol() first gives the candidates applications
    confirmed by the district (applications())."""

    def __init__(self, db):
        A = skillcert.Actor
        self.db = db
        self.city = A(skillcert.ACTOR_CITY_BUREAU, None, "test")
        self.centre = A(skillcert.ACTOR_CITY_CENTRE, None, "test")
        self.org = A(skillcert.ACTOR_ORGANIZATION, ORG, "test")
        self.org2 = A(skillcert.ACTOR_ORGANIZATION, ORG2, "test")
        self.haidian = A(skillcert.ACTOR_DISTRICT, "110108", "test")
        self.chaoyang = A(skillcert.ACTOR_DISTRICT, "110105", "test")
        self.xicheng = A(skillcert.ACTOR_DISTRICT, "110102", "test")
        db.load_notice(self.city)
        self._file(self.org, ORG, "北京智训科技有限公司", skillcert.ORG_ENTERPRISE, "110108",
                   self.haidian)
        self._file(self.org2, ORG2, "北京数字技能评价协会", skillcert.ORG_SOCIAL_GROUP, "110102",
                   self.xicheng)
        for i in range(1, 16):
            db.staff_add(self.org, ORG, "E%02d" % i, "考评员", skillcert.STAFF_EXAMINER,
                         QUALIFIED, dt.date(2023, 6, 1))
        for i in range(1, 6):
            db.staff_add(self.org, ORG, "X%02d" % i, "专家", skillcert.STAFF_EXPERT,
                         QUALIFIED, dt.date(2023, 6, 1))
            db.staff_add(self.org2, ORG2, "E%02d" % i, "考评员", skillcert.STAFF_EXAMINER,
                         QUALIFIED, dt.date(2023, 6, 1))
        db.staff_add(self.org, ORG, "U01", "低级考评员", skillcert.STAFF_EXAMINER,
                     ["4-02-07-10:4"], dt.date(2023, 6, 1))
        db.staff_add(self.org, ORG, "M01", "经理", skillcert.STAFF_MANAGER, None, dt.date(2023, 6, 1))
        self.venue = db.venue_register(self.org, ORG, "海淀考点", "北京市海淀区中关村大街1号",
                                       "110108", 3, dt.date(2023, 6, 1))
        db.venue_inspect(self.haidian, self.venue, True, "场地合格", dt.date(2023, 6, 5))
        self.venue2 = db.venue_register(self.org2, ORG2, "西城考点", "北京市西城区金融街1号",
                                        "110102", 3, dt.date(2023, 6, 1))
        db.venue_inspect(self.xicheng, self.venue2, True, None, dt.date(2023, 6, 5))
        # The default eligibility rules and each organization's intake
        # announcement "FX-2023", as fx_build: the fixture's applications.
        db.eligibility_load_defaults(self.city)
        self.fx_ann = self._announce_fixture(self.org, ORG)
        self.fx_ann2 = self._announce_fixture(self.org2, ORG2)

    def _announce_fixture(self, actor, code):
        methods = skillcert.METHOD_THEORY | skillcert.METHOD_PRACTICAL | skillcert.METHOD_REVIEW
        return self.db.announcement_publish(actor, code, "FX-2023", "新职业技能等级认定工作实施方案",
                                            dt.date(2023, 6, 1), dt.date(2026, 5, 1), "五级 300 元, 四级 400 元",
                                            methods, SCOPE, dt.date(2023, 5, 20))

    def _file(self, actor, code, name, kind, district, bureau):
        db = self.db
        db.org_register(actor, code, name, kind, district, dt.date(2023, 1, 5))
        db.org_apply(actor, code, SCOPE, dt.date(2023, 2, 1))
        db.org_recommend(bureau, code, dt.date(2023, 2, 10))
        db.org_evaluate(self.centre, code, None, skillcert.EVAL_ALL, dt.date(2023, 3, 1))
        db.org_notice(self.centre, code, dt.date(2023, 3, 10))
        db.org_file(self.centre, code, dt.date(2023, 5, 10))
        db.org_commit(actor, code, dt.date(2023, 5, 12))

    def announce(self):
        """ORG's announcement "2024-01" (4-02-07-10 levels 5-1, intake
        2024-03-01 to 2026-06-30) and ORG2's "2024-A" (levels 5-3, to
        2024-12-31), both published 2024-02-20."""
        db = self.db
        methods = skillcert.METHOD_THEORY | skillcert.METHOD_PRACTICAL | skillcert.METHOD_REVIEW
        self.ann = db.announcement_publish(self.org, ORG, "2024-01", "2024-01 实施方案",
                                           dt.date(2024, 3, 1), dt.date(2026, 6, 30), "四级 400 元", methods,
                                           ["4-02-07-10:5,4,3,2,1"], dt.date(2024, 2, 20))
        self.ann2 = db.announcement_publish(self.org2, ORG2, "2024-A", "2024-A 实施方案",
                                            dt.date(2024, 3, 1), dt.date(2024, 12, 31), "四级 400 元", methods,
                                            ["4-02-07-10:5,4,3"], dt.date(2024, 2, 20))

    def applicant(self, n, level=4, second=False, upto=skillcert.APPLICATION_CONFIRMED,
                  since=dt.date(2015, 1, 1)):
        """Candidate n (working in OCC since `since`) applies to ORG (ORG2
        when second) for OCC at level on 2024-03-05; the organization
        verifies on 03-10 and its district bureau confirms on 03-15, as far
        as `upto`. Returns the application's id."""
        db = self.db
        idn = resident_id(n)
        me = skillcert.Actor(skillcert.ACTOR_CANDIDATE, idn, "test")
        record = skillcert.Candidate(idn, "考生%d" % n)
        if since:
            record.add_work(OCC, since)
        db.candidate_save(me, record)
        app = db.application_apply(me, self.ann2 if second else self.ann, idn, OCC, None, level,
                                   date=dt.date(2024, 3, 5))
        if upto != skillcert.APPLICATION_SUBMITTED:
            db.application_verify(self.org2 if second else self.org, app, dt.date(2024, 3, 10))
        if upto == skillcert.APPLICATION_CONFIRMED:
            db.application_confirm(self.xicheng if second else self.haidian, app, dt.date(2024, 3, 15))
        return app

    def candidates(self, first, last):
        """Candidates first..last, recorded by the city centre as
        fx_candidate: working in OCC since 2000 and holding its level 5, 4, 3
        and 2 certificates (2002, 2007, 2012, 2017), so that they are eligible
        for levels 5 to 2."""
        for n in range(first, last + 1):
            c = skillcert.Candidate(resident_id(n), "考生%d" % n)
            c.add_work(OCC, dt.date(2000, 1, 1))
            for level, issued in ((5, dt.date(2002, 1, 1)), (4, dt.date(2007, 1, 1)), (3, dt.date(2012, 1, 1)),
                                  (2, dt.date(2017, 1, 1))):
                c.add_certificate(skillcert.CERT_KIND_SKILL_LEVEL, OCC, None, level, issued)
            self.db.candidate_save(self.centre, c)

    def confirmed_application(self, session, n):
        """Candidate n's application confirmed by the district (报名确认) to
        the session's organization for its offering and path, or None."""
        s = self.db.session_get(session)
        q = skillcert.ApplicationQuery(credit_code=s.credit_code, id_number=resident_id(n),
                                       occupation=s.occupation, level=s.level,
                                       state=skillcert.APPLICATION_CONFIRMED)
        for a in self.db.applications(q):
            if a.work_type == s.work_type and a.path == s.path:
                return a.id
        return None

    def applications(self, session, first, last):
        """As fx_application: candidates first..last (recorded) each get an
        application confirmed for the session's offering, unless they have
        one. The missing ones apply to the organization's "FX-2023"
        announcement on APPLY_DAY; the organization verifies them and its
        district bureau confirms them, each step as one batch. Returns the
        applications' ids, in candidate order."""
        db = self.db
        s = db.session_get(session)
        second = s.credit_code == ORG2
        ids, new = [], []
        for n in range(first, last + 1):
            app = self.confirmed_application(session, n)
            if app is None:
                idn = resident_id(n)
                me = skillcert.Actor(skillcert.ACTOR_CANDIDATE, idn, "test")
                app = db.application_apply(me, self.fx_ann2 if second else self.fx_ann, idn,
                                           s.occupation, s.work_type or None, s.level, s.path,
                                           date=APPLY_DAY)
                new.append(app)
            ids.append(app)
        if new:
            assert db.application_verify_batch(self.org2 if second else self.org, new,
                                               APPLY_DAY) == len(new), \
                "fixture candidates %d-%d are not eligible for level %d" % (first, last, s.level)
            db.application_confirm_batch(self.xicheng if second else self.haidian, new,
                                         APPLY_DAY)
        return ids

    def session(self, level, date, flags=0):
        return self.db.session_create(self.org, ORG, OCC, None, level, skillcert.PATH_NORMAL,
                                      date, self.venue, 1, flags)

    def staff(self, session, component, people):
        for person in people:
            self.db.session_staff_add(self.org, session, component, person)

    def enrol(self, session, first, last):
        """Candidates first..last enrol (as fx_enrol): on their confirmed
        applications, found by the library (no reference given)."""
        self.applications(session, first, last)
        actor = self.org2 if self.db.session_get(session).credit_code == ORG2 else self.org
        for n in range(first, last + 1):
            self.db.session_enrol(actor, session, resident_id(n))

    def ready_session(self, date, first, last):
        """A level-4 session with candidates first..last (at most 15),
        staffed by the template and confirmed."""
        s = self.session(4, date)
        self.enrol(s, first, last)
        self.staff(s, THEORY, ["E01", "E02"])
        self.staff(s, PRACTICAL, ["E01", "E02", "E03"])
        self.db.session_confirm(self.org, s, date)
        return s


def examiners(first, last):
    return ["E%02d" % i for i in range(first, last + 1)]


@pytest.fixture
def fx():
    with skillcert.Database() as db:
        yield Registry(db)


def dump(db):
    """Everything a refusal must leave alone: sessions with their staff and
    candidates, results, the bank, and the audit trail's length."""
    out = [len(list(db.audit_entries()))]
    for s in db.sessions():
        out.append((s.id, s.status, s.candidates, s.confirmed))
        out.extend((m.component, m.person_id) for m in db.session_staff(s.id))
        out.extend((e.id_number, e.attempt, e.components) for e in db.enrolments(s.id))
        out.extend((r.id_number, r.passed) for r in db.results(s.id))
    out.extend((i.code, i.version, i.answer) for i in db.bank_items(ORG))
    return out


def refused(fx, exc, call, *args, **kwargs):
    """call(*args) raises exc and changes nothing; returns the exception."""
    before = dump(fx.db)
    with pytest.raises(exc) as info:
        call(*args, **kwargs)
    assert dump(fx.db) == before
    return info.value


# ---- components and rules --------------------------------------------------------------

def test_assessment_components():
    bit = skillcert.component_bit
    assert skillcert.components_for(5, skillcert.PATH_NORMAL) == bit(THEORY) | bit(PRACTICAL)
    assert skillcert.components_for(2, skillcert.PATH_NORMAL) == \
        bit(THEORY) | bit(PRACTICAL) | bit(REVIEW)
    assert skillcert.components_for(2, skillcert.PATH_DIRECT) == bit(REVIEW)
    assert skillcert.components_for(0, skillcert.PATH_NORMAL) == 0
    assert skillcert.component_name(REVIEW) == "review"
    assert skillcert.component_name_zh(THEORY) == "理论知识考试"
    assert skillcert.component_name(4) is None
    assert skillcert.component_parse("practical") == PRACTICAL
    assert skillcert.component_parse("综合评审") == REVIEW
    assert skillcert.session_status_name(skillcert.SESSION_CONFIRMED) == "confirmed"
    assert skillcert.item_type_name(skillcert.ITEM_TRUE_FALSE) == "true-false"
    assert skillcert.item_type_parse("multiple") == skillcert.ITEM_MULTIPLE
    assert skillcert.SESSION_ONLINE == 1
    assert skillcert.SCORE_NONE == -1.0
    with pytest.raises(skillcert.ValidationError):
        skillcert.component_parse("oral")
    with pytest.raises(skillcert.ValidationError):
        skillcert.component_parse(None)
    with pytest.raises(skillcert.ValidationError) as info:
        skillcert.item_type_parse("essay")
    assert info.value.code == skillcert.EINVAL


def test_assessment_rules(fx):
    db = fx.db
    r = db.component_rule_get(None, THEORY)
    assert (r.occupation, r.candidates_per_staff, r.min_per_room, r.odd, r.pass_score) == \
        (None, 15, 2, False, 60)
    r = db.component_rule_get(OCC, PRACTICAL)
    assert (r.occupation, r.candidates_per_staff, r.min_staff, r.odd) == (None, 5, 3, True)
    r = db.component_rule_get(None, REVIEW)
    assert (r.candidates_per_staff, r.min_staff, r.odd) == (0, 3, 1)
    with pytest.raises(AttributeError):
        r.pass_score = 10  # a read-only copy

    # Only the city centre sets rules.
    refused(fx, skillcert.DeniedError, db.component_rule_set, fx.org, OCC, PRACTICAL,
            5, 3, 0, True, 70)
    refused(fx, skillcert.DeniedError, db.component_rule_set, fx.city, OCC, PRACTICAL,
            5, 3, 0, True, 70)
    refused(fx, skillcert.ValidationError, db.component_rule_set, fx.centre, OCC, PRACTICAL,
            5, 3, 0, True, 101)
    refused(fx, skillcert.NotFoundError, db.component_rule_set, fx.centre, "8-99-99-99",
            PRACTICAL, 5, 3, 0, True, 70)
    db.component_rule_set(fx.centre, OCC, PRACTICAL, 5, 3, 0, True, 70)
    r = db.component_rule_get(OCC, PRACTICAL)
    assert (r.occupation, r.pass_score) == (OCC, 70)
    assert db.component_rule_get("4-04-05-05", PRACTICAL).pass_score == 60
    with pytest.raises(skillcert.ValidationError):
        db.component_rule_get(None, 7)
    # The template (occupation None) applies to every standard without its own rule.
    db.component_rule_set(fx.centre, None, REVIEW, 0, 5, 0, True, 60)
    assert db.component_rule_get(OCC, REVIEW).min_staff == 5
    assert db.component_rule_get(None, REVIEW).min_staff == 5
    refused(fx, skillcert.ValidationError, db.component_rule_set, fx.centre, "4" * 40, REVIEW,
            0, 5, 0, True, 60)


# ---- venues and sessions ---------------------------------------------------------------

def test_assessment_venues(fx):
    db = fx.db
    v = db.venue_get(fx.venue)
    assert (v.credit_code, v.district, v.inspected, v.inspection_passed, v.rooms) == \
        (ORG, "110108", dt.date(2023, 6, 5), 1, 3)
    assert v.note == "场地合格"
    with pytest.raises(skillcert.NotFoundError):
        db.venue_get(999)

    # In the organization's own district only, by itself only.
    e = refused(fx, skillcert.ConstraintError, db.venue_register, fx.org, ORG, "朝阳考点",
                "朝阳区", "110105", 2, dt.date(2023, 7, 1))
    assert e.code == skillcert.ECONSTRAINT
    refused(fx, skillcert.DeniedError, db.venue_register, fx.org2, ORG, "x", "y", "110108", 2)
    refused(fx, skillcert.ExistsError, db.venue_register, fx.org, ORG, "海淀考点", "y", "海淀区", 2)
    refused(fx, skillcert.ValidationError, db.venue_register, fx.org, ORG, "z", "y", "110108", 0)
    new = db.venue_register(fx.org, ORG, "海淀二考点", "海淀区上地", "海淀区", 1, dt.date(2024, 1, 2))
    assert new > fx.venue2

    # No session before its inspection; inspected by its own district bureau only.
    refused(fx, skillcert.ConstraintError, db.session_create, fx.org, ORG, OCC, None, 4,
            skillcert.PATH_NORMAL, dt.date(2024, 3, 1), new, 1)
    refused(fx, skillcert.DeniedError, db.venue_inspect, fx.chaoyang, new, True, None,
            dt.date(2024, 1, 10))
    refused(fx, skillcert.DeniedError, db.venue_inspect, fx.org, new, True, None, dt.date(2024, 1, 10))
    refused(fx, skillcert.ConstraintError, db.venue_inspect, fx.haidian, new, True, None,
            dt.date(2023, 12, 31))
    db.venue_inspect(fx.haidian, new, True, date=dt.date(2024, 1, 10))
    db.session_create(fx.org, ORG, OCC, None, 4, skillcert.PATH_NORMAL, dt.date(2024, 3, 1), new, 1)
    refused(fx, skillcert.ConstraintError, db.session_create, fx.org, ORG, OCC, None, 4,
            skillcert.PATH_NORMAL, dt.date(2024, 3, 1), new, 2)  # one room
    # A failed re-inspection stops later sessions.
    db.venue_inspect(fx.haidian, new, False, "消防不合格", dt.date(2024, 4, 1))
    e = refused(fx, skillcert.ConstraintError, db.session_create, fx.org, ORG, OCC, None, 4,
                skillcert.PATH_NORMAL, dt.date(2024, 4, 2), new, 1)
    assert "failed its inspection" in e.message
    v = db.venue_get(new)
    assert (v.inspection_passed, v.note) == (0, "消防不合格")


def test_assessment_session_create_refused(fx):
    db = fx.db
    normal = skillcert.PATH_NORMAL
    # Outside the filed scope (a work type it was not filed for), after the
    # filing expired, on a path without confirmed rules.
    refused(fx, skillcert.ConstraintError, db.session_create, fx.org, ORG, "4-04-05-05",
            "人工智能算法测试员", 4, normal, dt.date(2024, 3, 1), fx.venue, 1)
    refused(fx, skillcert.ConstraintError, db.session_create, fx.org, ORG, "4-04-05-06", None,
            4, normal, dt.date(2024, 3, 1), fx.venue, 1)
    refused(fx, skillcert.ConstraintError, db.session_create, fx.org, ORG, OCC, None, 4, normal,
            dt.date(2026, 5, 10), fx.venue, 1)
    refused(fx, skillcert.ConstraintError, db.session_create, fx.org, ORG, OCC, None, 2,
            skillcert.PATH_DIRECT, dt.date(2024, 3, 1), fx.venue, 1)
    # The venue of another organization, in another district.
    e = refused(fx, skillcert.ConstraintError, db.session_create, fx.org, ORG, OCC, None, 4,
                normal, dt.date(2024, 3, 1), fx.venue2, 1)
    assert e.message
    # Not by anyone else.
    refused(fx, skillcert.DeniedError, db.session_create, fx.org2, ORG, OCC, None, 4, normal,
            dt.date(2024, 3, 1), fx.venue, 1)
    refused(fx, skillcert.DeniedError, db.session_create, fx.haidian, ORG, OCC, None, 4, normal,
            dt.date(2024, 3, 1), fx.venue, 1)
    refused(fx, skillcert.NotFoundError, db.session_create, fx.org, ORG, OCC, None, 4, normal,
            dt.date(2024, 3, 1), 4242, 1)
    # Bad arguments.
    refused(fx, skillcert.ValidationError, db.session_create, fx.org, ORG, OCC, None, 6, normal,
            dt.date(2024, 3, 1), fx.venue, 1)
    refused(fx, skillcert.ValidationError, db.session_create, fx.org, ORG, OCC, None, 4, normal,
            dt.date(2024, 3, 1), fx.venue, 1, 0x80)
    refused(fx, skillcert.ValidationError, db.session_create, fx.org, ORG, OCC, None, 4, normal,
            "2024-02-30", fx.venue, 1)
    assert list(db.sessions()) == []


def test_assessment_session_create(fx):
    db = fx.db
    sid = db.session_create(fx.org, ORG, "4—02—07—10", "", 2, skillcert.PATH_NORMAL,
                            dt.date(2024, 3, 1), fx.venue, 2, skillcert.SESSION_ONLINE)
    s = db.session_get(sid)
    assert (s.id, s.credit_code, s.occupation, s.work_type, s.level, s.rooms) == \
        (sid, ORG, OCC, None, 2, 2)
    assert s.flags == skillcert.SESSION_ONLINE
    assert s.status == skillcert.SESSION_PLANNED
    assert s.components == skillcert.components_for(2, skillcert.PATH_NORMAL)
    assert (s.candidates, s.venue_id, s.date, s.confirmed) == (0, fx.venue, dt.date(2024, 3, 1), None)
    with pytest.raises(skillcert.NotFoundError):
        db.session_get(4242)
    assert [a.action for a in db.audit_entries()].count("session.create") == 1

    fx.session(4, dt.date(2024, 4, 1))
    assert [s.date for s in db.sessions(ORG)] == [dt.date(2024, 3, 1), dt.date(2024, 4, 1)]
    assert [s.level for s in db.sessions(None, dt.date(2024, 4, 1))] == [4]
    assert list(db.sessions(ORG2)) == []
    with db.sessions() as it:
        first = next(it)
        assert first.id == sid
        it.close()
        assert it.next_item() is None
    with pytest.raises(skillcert.ValidationError):
        db.sessions("not a code")


# ---- staff ratios ------------------------------------------------------------------------

def verdict(fx, session, ok, reason):
    v = fx.db.session_check(session)
    assert (bool(v), v.reason) == (ok, reason), v.message
    return v


def test_assessment_ratio_theory_15(fx):
    """A standard with 1 invigilator per 15 and 1 per room: 15 candidates
    need 1, the 16th needs a second."""
    db = fx.db
    db.component_rule_set(fx.centre, OCC, THEORY, 15, 0, 1, False, 60)
    fx.candidates(1, 16)
    s = fx.session(4, dt.date(2024, 3, 1))
    fx.enrol(s, 1, 15)
    fx.staff(s, PRACTICAL, examiners(1, 5))
    v = verdict(fx, s, False, skillcert.REASON_STAFF_TOO_FEW)
    assert "theory" in v.message
    fx.staff(s, THEORY, ["E06"])
    verdict(fx, s, True, skillcert.REASON_NONE)
    fx.enrol(s, 16, 16)
    v = verdict(fx, s, False, skillcert.REASON_STAFF_TOO_FEW)
    assert "theory: 1 invigilators for 16 candidates" in v.message
    refused(fx, skillcert.ConstraintError, db.session_confirm, fx.org, s, dt.date(2024, 2, 28))
    fx.staff(s, THEORY, ["E07"])
    verdict(fx, s, True, skillcert.REASON_NONE)


def test_assessment_ratio_theory_rooms(fx):
    """The template: 1 invigilator per 15 and at least 2 per room."""
    db = fx.db
    fx.candidates(1, 31)
    s = fx.session(4, dt.date(2024, 3, 1))
    fx.enrol(s, 1, 30)
    fx.staff(s, PRACTICAL, examiners(1, 7))  # 30 / 5 = 6, odd: 7
    fx.staff(s, THEORY, ["E08"])
    verdict(fx, s, False, skillcert.REASON_STAFF_TOO_FEW)  # 2 per room
    fx.staff(s, THEORY, ["E09"])
    verdict(fx, s, True, skillcert.REASON_NONE)  # 2 for 30 in one room
    fx.enrol(s, 31, 31)
    verdict(fx, s, False, skillcert.REASON_STAFF_TOO_FEW)  # 31 > 2 x 15
    fx.staff(s, THEORY, ["E10"])
    verdict(fx, s, True, skillcert.REASON_NONE)

    # Two rooms: 2 in each, whatever the count.
    s2 = db.session_create(fx.org, ORG, OCC, None, 4, skillcert.PATH_NORMAL, dt.date(2024, 3, 2),
                           fx.venue, 2)
    fx.candidates(101, 104)
    fx.enrol(s2, 101, 104)
    fx.staff(s2, PRACTICAL, examiners(1, 3))
    fx.staff(s2, THEORY, examiners(1, 3))
    v = verdict(fx, s2, False, skillcert.REASON_STAFF_TOO_FEW)
    assert "2 rooms" in v.message
    fx.staff(s2, THEORY, ["E04"])
    verdict(fx, s2, True, skillcert.REASON_NONE)
    db.session_staff_remove(fx.org, s2, THEORY, "E04")
    verdict(fx, s2, False, skillcert.REASON_STAFF_TOO_FEW)
    refused(fx, skillcert.NotFoundError, db.session_staff_remove, fx.org, s2, THEORY, "E04")


def test_assessment_ratio_practical(fx):
    """At least 1 examiner per 5 candidates, an odd number, 3 or more."""
    fx.candidates(1, 16)
    s = fx.session(4, dt.date(2024, 3, 1))
    fx.enrol(s, 1, 10)
    fx.staff(s, THEORY, ["E01", "E02"])
    fx.staff(s, PRACTICAL, ["E03", "E04"])
    v = verdict(fx, s, False, skillcert.REASON_STAFF_TOO_FEW)  # 2 < 3
    assert "practical" in v.message
    fx.staff(s, PRACTICAL, ["E05"])
    verdict(fx, s, True, skillcert.REASON_NONE)  # 3 for 10
    fx.enrol(s, 11, 15)
    verdict(fx, s, True, skillcert.REASON_NONE)  # 3 for 15
    fx.enrol(s, 16, 16)
    verdict(fx, s, False, skillcert.REASON_STAFF_TOO_FEW)  # 16 needs 4
    fx.staff(s, PRACTICAL, ["E06"])
    verdict(fx, s, False, skillcert.REASON_STAFF_NOT_ODD)  # 4 is even
    fx.staff(s, PRACTICAL, ["E07"])
    verdict(fx, s, True, skillcert.REASON_NONE)  # 5


def test_assessment_ratio_review_panel(fx):
    """The review panel: an odd number, 3 or more, of experts or examiners."""
    db = fx.db
    fx.candidates(1, 3)
    s = fx.session(2, dt.date(2024, 3, 1))
    fx.enrol(s, 1, 3)
    fx.staff(s, THEORY, ["E01", "E02"])
    fx.staff(s, PRACTICAL, examiners(1, 3))
    fx.staff(s, REVIEW, ["X01", "X02"])
    v = verdict(fx, s, False, skillcert.REASON_STAFF_TOO_FEW)
    assert "review" in v.message
    fx.staff(s, REVIEW, ["E04", "E05"])  # examiners may sit on the panel
    verdict(fx, s, False, skillcert.REASON_STAFF_NOT_ODD)
    fx.staff(s, REVIEW, ["X03"])
    verdict(fx, s, True, skillcert.REASON_NONE)  # 5
    panel = [(m.person_id, m.role) for m in db.session_staff(s) if m.component == REVIEW]
    assert panel == [("E04", skillcert.STAFF_EXAMINER), ("E05", skillcert.STAFF_EXAMINER),
                     ("X01", skillcert.STAFF_EXPERT), ("X02", skillcert.STAFF_EXPERT),
                     ("X03", skillcert.STAFF_EXPERT)]
    # A level 4 session has no review.
    s4 = fx.session(4, dt.date(2024, 3, 2))
    refused(fx, skillcert.ConstraintError, db.session_staff_add, fx.org, s4, REVIEW, "X01")


def test_assessment_unqualified_staff(fx):
    db = fx.db
    s3 = fx.session(3, dt.date(2024, 3, 1))
    s4 = fx.session(4, dt.date(2024, 3, 1))
    # U01 is qualified for level 4 only.
    db.session_staff_add(fx.org, s4, PRACTICAL, "U01")
    e = refused(fx, skillcert.ConstraintError, db.session_staff_add, fx.org, s3, PRACTICAL, "U01")
    assert "not qualified" in e.message
    # A manager is no examiner; an expert sits on review panels only.
    refused(fx, skillcert.ConstraintError, db.session_staff_add, fx.org, s3, THEORY, "M01")
    refused(fx, skillcert.ConstraintError, db.session_staff_add, fx.org, s3, PRACTICAL, "X01")
    e = refused(fx, skillcert.ConstraintError, db.session_staff_add, fx.org, s3, THEORY,
                "NOBODY")
    assert "not on the staff" in e.message
    # Another organization may not staff our session.
    refused(fx, skillcert.DeniedError, db.session_staff_add, fx.org2, s3, THEORY, "E01")
    db.session_staff_add(fx.org, s3, THEORY, "E01")
    refused(fx, skillcert.ExistsError, db.session_staff_add, fx.org, s3, THEORY, "E01")
    refused(fx, skillcert.ValidationError, db.session_staff_add, fx.org, s3, 9, "E02")
    refused(fx, skillcert.NotFoundError, db.session_staff_add, fx.org, 777, THEORY, "E02")
    # Staff who left before the session day no longer count.
    db.staff_remove(fx.org, ORG, "E01", skillcert.STAFF_EXAMINER, dt.date(2024, 2, 1))
    fx.candidates(1, 1)
    fx.enrol(s3, 1, 1)
    fx.staff(s3, THEORY, ["E02"])
    fx.staff(s3, PRACTICAL, examiners(2, 4))
    verdict(fx, s3, False, skillcert.REASON_STAFF_UNQUALIFIED)
    first = next(iter(db.session_staff(s3)))
    assert (first.session_id, first.component, first.person_id, first.name, first.role) == \
        (s3, THEORY, "E01", "考评员", skillcert.STAFF_EXAMINER)


# ---- enrolment, confirmation, results, resits -----------------------------------------------

def test_assessment_enrol(fx):
    db = fx.db
    fx.candidates(1, 2)
    a, b = resident_id(1), resident_id(2)
    s = fx.session(4, dt.date(2024, 3, 1))
    app_a, app_b = fx.applications(s, 1, 2)
    # Another system's reference is no application number of this registry.
    e = refused(fx, skillcert.ValidationError, db.session_enrol, fx.org, s, a, "EXT-7")
    assert (e.code, e.field) == (skillcert.EINVAL, "application_ref")
    assert "not an application number" in e.message
    db.session_enrol(fx.org, s, a)
    refused(fx, skillcert.ExistsError, db.session_enrol, fx.org, s, a)
    refused(fx, skillcert.DeniedError, db.session_enrol, fx.org2, s, b)
    refused(fx, skillcert.NotFoundError, db.session_enrol, fx.org, s, "110105198001011238")
    refused(fx, skillcert.ValidationError, db.session_enrol, fx.org, s, "110105198001011239")
    refused(fx, skillcert.NotFoundError, db.session_enrol, fx.org, 4242, b)
    db.session_enrol(fx.org, s, b, str(app_b))
    got = [(e.session_id, e.id_number, e.name, e.application_ref, e.attempt, e.components)
           for e in db.enrolments(s)]
    both = skillcert.component_bit(THEORY) | skillcert.component_bit(PRACTICAL)
    assert got == [(s, a, "考生1", str(app_a), 1, both), (s, b, "考生2", str(app_b), 1, both)]
    assert db.session_get(s).candidates == 2


def test_assessment_enrol_links_confirmed(fx):
    """Only confirmed applicants enrol: with no reference the candidate's
    application confirmed by the district (报名确认) is found and linked;
    without one the enrolment is refused."""
    db = fx.db
    fx.candidates(1, 4)
    a, b, c, d = (resident_id(n) for n in range(1, 5))
    s = fx.session(4, dt.date(2024, 3, 1))
    # No application at all.
    e = refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, a)
    assert e.code == skillcert.ECONSTRAINT and e.field == "application_ref"
    assert "has no application confirmed by the district (报名确认) for %s level 4" % OCC \
        in e.message
    # Applied and verified, not yet confirmed by the district.
    me = skillcert.Actor(skillcert.ACTOR_CANDIDATE, b, "test")
    pending = db.application_apply(me, fx.fx_ann, b, OCC, None, 4, date=APPLY_DAY)
    assert db.application_verify(fx.org, pending, APPLY_DAY) is True
    e = refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, b, "")
    assert "is verified" in e.message
    # Confirmed, but to the other organization.
    s_org2 = db.session_create(fx.org2, ORG2, OCC, None, 4, skillcert.PATH_NORMAL,
                               dt.date(2024, 3, 1), fx.venue2, 1)
    [elsewhere] = fx.applications(s_org2, 3, 3)
    e = refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, c)
    assert ORG2 in e.message
    # Confirmed for another level.
    fx.applications(fx.session(5, dt.date(2024, 3, 1)), 4, 4)
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, d)
    assert list(db.enrolments(s)) == []

    # Confirmed: found and linked, with NULL or "".
    db.application_confirm(fx.haidian, pending, APPLY_DAY)
    [app_a] = fx.applications(s, 1, 1)
    assert db.application_get(app_a).state_name == "confirmed"
    db.session_enrol(fx.org, s, a)
    db.session_enrol(fx.org, s, b, "")
    assert [(en.id_number, en.application_ref) for en in db.enrolments(s)] == \
        [(a, str(app_a)), (b, str(pending))]
    # Enrolment leaves the applications confirmed; the audit entry names them.
    assert db.application_get(app_a).state == skillcert.APPLICATION_CONFIRMED
    details = [x.detail for x in db.audit_entries() if x.action == "session.enrol"]
    assert any(x.endswith("application=%d" % app_a) and a in x for x in details), details
    # The other organization enrols c on the application made to it.
    db.session_enrol(fx.org2, s_org2, c)
    assert [en.application_ref for en in db.enrolments(s_org2)] == [str(elsewhere)]


def test_assessment_pass_completes_application(fx):
    """A pass recorded for a linked enrolment completes the application; a
    fail leaves it confirmed."""
    db = fx.db
    fx.candidates(1, 2)
    a, b = resident_id(1), resident_id(2)
    s = fx.ready_session(dt.date(2024, 3, 1), 1, 2)
    app_a, app_b = fx.applications(s, 1, 2)  # the ones enrol() linked
    assert [e.application_ref for e in db.enrolments(s)] == [str(app_a), str(app_b)]
    # A refused result changes nothing, the application included.
    refused(fx, skillcert.ConstraintError, db.result_record, fx.org, s, a, 80, 75, NONE,
            dt.date(2024, 2, 20))
    assert db.application_get(app_a).state == skillcert.APPLICATION_CONFIRMED
    db.result_record(fx.org, s, a, 80, 75, NONE, dt.date(2024, 3, 2))
    db.result_record(fx.org, s, b, 50, 75, NONE, dt.date(2024, 3, 2))
    done = db.application_get(app_a)
    assert (done.state, done.state_name) == (skillcert.APPLICATION_COMPLETED, "completed")
    assert skillcert.APPLICATION_COMPLETED == 6
    assert skillcert.application_state_name(6) == "completed"
    assert (done.ended, done.ended_at) == (dt.date(2024, 3, 2), skillcert.APPLICATION_CONFIRMED)
    assert "passed in session" in done.reason
    assert db.application_get(app_b).state_name == "confirmed"
    assert db.application_count(skillcert.ApplicationQuery(
        id_number=a, state=skillcert.APPLICATION_COMPLETED)) == 1
    # The completed application enrols no one any more.
    s2 = fx.session(4, dt.date(2024, 5, 1))
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s2, a, str(app_a))
    # a may apply again for the offering; b's application is still open.
    me = skillcert.Actor(skillcert.ACTOR_CANDIDATE, b, "test")
    with pytest.raises(skillcert.ExistsError):
        db.application_apply(me, fx.fx_ann2, b, OCC, None, 4, date=dt.date(2024, 3, 10))
    me = skillcert.Actor(skillcert.ACTOR_CANDIDATE, a, "test")
    again = db.application_apply(me, fx.fx_ann2, a, OCC, None, 4, date=dt.date(2024, 3, 10))
    assert db.application_get(again).state_name == "submitted"


def test_assessment_enrol_confirmed_application(fx):
    """An application number given at enrolment must be the candidate's own
    application, confirmed by the district (报名确认), to this organization
    for this offering."""
    db = fx.db
    fx.announce()
    s = fx.session(4, dt.date(2024, 4, 1))
    a, b, c, d, e, f = (resident_id(n) for n in range(201, 207))
    submitted = fx.applicant(201, upto=skillcert.APPLICATION_SUBMITTED)
    assert db.application_get(submitted).state == skillcert.APPLICATION_SUBMITTED
    err = refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, a, str(submitted))
    assert "submitted" in err.message and err.field == "application_ref"
    assert db.application_verify(fx.org, submitted, dt.date(2024, 3, 10)) is True
    err = refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, a, str(submitted))
    assert "verified" in err.message
    db.application_confirm(fx.haidian, submitted, dt.date(2024, 3, 15))
    db.session_enrol(fx.org, s, a, str(submitted))

    # Someone else's confirmed application.
    theirs = fx.applicant(202)
    own_l5 = fx.applicant(203, level=5)
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, c, str(theirs))
    # An application for another level, or to another organization.
    err = refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, c, str(own_l5))
    assert "another organization, offering or path" in err.message
    elsewhere = fx.applicant(204, second=True)
    assert db.application_get(elsewhere).state == skillcert.APPLICATION_CONFIRMED
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, d, str(elsewhere))
    # Rejected as not eligible (no work in the occupation), withdrawn, unknown.
    rejected = fx.applicant(205, since=None, upto=skillcert.APPLICATION_VERIFIED)
    assert db.application_get(rejected).state == skillcert.APPLICATION_REJECTED
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, e, str(rejected))
    withdrawn = fx.applicant(206)
    db.application_withdraw(skillcert.Actor(skillcert.ACTOR_CANDIDATE, f, "test"), withdrawn,
                            "个人原因", dt.date(2024, 3, 20))
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, f, str(withdrawn))
    refused(fx, skillcert.NotFoundError, db.session_enrol, fx.org, s, f, "999999")

    db.session_enrol(fx.org, s, b, str(theirs))
    assert [(en.id_number, en.application_ref) for en in db.enrolments(s)] == \
        [(a, str(submitted)), (b, str(theirs))]

    # Results, then a resit on the same confirmed application.
    fx.staff(s, THEORY, ["E01", "E02"])
    fx.staff(s, PRACTICAL, examiners(1, 3))
    db.session_confirm(fx.org, s, dt.date(2024, 3, 30))
    db.result_record(fx.org, s, a, 88, 91, NONE, dt.date(2024, 4, 1))
    db.result_record(fx.org, s, b, 40, 91, NONE, dt.date(2024, 4, 1))
    assert [(r.id_number, r.passed) for r in db.results(s)] == [(a, 1), (b, 0)]
    s2 = fx.session(4, dt.date(2024, 6, 1))
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s2, a, str(submitted))
    db.session_enrol(fx.org, s2, b, str(theirs))
    [en] = list(db.enrolments(s2))
    assert (en.attempt, en.components, en.application_ref) == \
        (2, skillcert.component_bit(THEORY), str(theirs))


def test_assessment_results_pass_rule(fx):
    db = fx.db
    fx.candidates(1, 4)
    a, b, c, d = (resident_id(n) for n in range(1, 5))
    s = fx.session(4, dt.date(2024, 3, 1))
    fx.enrol(s, 1, 4)
    # Not before the session is confirmed.
    refused(fx, skillcert.ConstraintError, db.result_record, fx.org, s, a, 60, 60, NONE,
            dt.date(2024, 3, 1))
    fx.staff(s, THEORY, ["E01", "E02"])
    fx.staff(s, PRACTICAL, examiners(1, 3))
    db.session_confirm(fx.org, s, dt.date(2024, 2, 28))
    st = db.session_get(s)
    assert (st.status, st.confirmed) == (skillcert.SESSION_CONFIRMED, dt.date(2024, 2, 28))
    # Then fixed.
    refused(fx, skillcert.ConstraintError, db.session_confirm, fx.org, s, dt.date(2024, 2, 28))
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s, a)
    refused(fx, skillcert.ConstraintError, db.session_staff_add, fx.org, s, THEORY, "E09")

    refused(fx, skillcert.ConstraintError, db.result_record, fx.org, s, a, 60, 60, NONE,
            dt.date(2024, 2, 29))  # before the session
    refused(fx, skillcert.ValidationError, db.result_record, fx.org, s, a, 60, 100.5, NONE,
            dt.date(2024, 3, 1))
    refused(fx, skillcert.ValidationError, db.result_record, fx.org, s, a, 60, NONE, NONE,
            dt.date(2024, 3, 1))
    refused(fx, skillcert.ValidationError, db.result_record, fx.org, s, a, 60, 60, 60,
            dt.date(2024, 3, 1))
    refused(fx, skillcert.DeniedError, db.result_record, fx.org2, s, a, 60, 60, NONE, dt.date(2024, 3, 1))

    db.result_record(fx.org, s, a, 60, 60, NONE, dt.date(2024, 3, 1))
    db.result_record(fx.org, s, b, 59, 100, NONE, dt.date(2024, 3, 1))
    db.result_record(fx.org, s, c, 100, 59.5, NONE, dt.date(2024, 3, 1))
    db.result_record(fx.org, s, d, 0, 0, NONE, dt.date(2024, 3, 1))
    refused(fx, skillcert.ExistsError, db.result_record, fx.org, s, a, 70, 70, NONE,
            dt.date(2024, 3, 1))

    r = db.result_get(s, a)
    assert (r.passed, r.name, r.attempt, r.review, r.certificate) == (True, "考生1", 1, NONE, None)
    assert (r.credit_code, r.occupation, r.level, r.recorded) == (ORG, OCC, 4, dt.date(2024, 3, 1))
    assert r  # __bool__: passed
    assert not db.result_get(s, b)   # 59
    r = db.result_get(s, c)
    assert (r.passed, r.practical) == (0, 59.5)
    assert [(r.id_number, r.passed) for r in db.results(s)] == \
        [(a, 1), (b, 0), (c, 0), (d, 0)]
    with pytest.raises(skillcert.NotFoundError):
        db.result_get(s + 99, a)


def test_assessment_pass_rule_per_standard(fx):
    db = fx.db
    db.component_rule_set(fx.centre, OCC, PRACTICAL, 5, 3, 0, True, 70)
    fx.candidates(1, 2)
    s = fx.ready_session(dt.date(2024, 3, 1), 1, 2)
    db.result_record(fx.org, s, resident_id(1), 90, 69, NONE, dt.date(2024, 3, 1))
    db.result_record(fx.org, s, resident_id(2), 90, 70, NONE, dt.date(2024, 3, 1))
    assert db.result_get(s, resident_id(1)).passed == 0
    assert db.result_get(s, resident_id(2)).passed == 1


def test_assessment_resit(fx):
    db = fx.db
    fx.candidates(1, 2)
    a, b = resident_id(1), resident_id(2)
    s1 = fx.ready_session(dt.date(2024, 3, 1), 1, 2)
    [app_a] = fx.applications(s1, 1, 1)
    # Not in a second session while the first has no result for them.
    s2 = fx.session(4, dt.date(2024, 6, 1))
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s2, a)
    db.result_record(fx.org, s1, a, 85, 59, NONE, dt.date(2024, 3, 2))
    db.result_record(fx.org, s1, b, 85, 90, NONE, dt.date(2024, 3, 2))
    # The fail leaves a's application confirmed, for the resit.
    assert db.application_get(app_a).state == skillcert.APPLICATION_CONFIRMED
    # Another system's reference is no application number of this registry.
    e = refused(fx, skillcert.ValidationError, db.session_enrol, fx.org, s2, a, "APP-2024-0001")
    assert e.field == "application_ref"
    # a failed the practical: the resit, on the same application, takes the practical only.
    db.session_enrol(fx.org, s2, a)
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s2, b)  # passed
    [e] = list(db.enrolments(s2))
    assert (e.id_number, e.attempt, e.components, e.application_ref) == \
        (a, 2, skillcert.component_bit(PRACTICAL), str(app_a))
    # Staffing counts only who takes each component: no invigilator needed.
    fx.staff(s2, PRACTICAL, examiners(1, 3))
    db.session_confirm(fx.org, s2)
    refused(fx, skillcert.ValidationError, db.result_record, fx.org, s2, a, 90, 70, NONE,
            dt.date(2024, 6, 1))  # the theory is carried over
    db.result_record(fx.org, s2, a, NONE, 70, NONE, dt.date(2024, 6, 1))
    r = db.result_get(s2, a)
    assert (r.passed, r.attempt, r.theory, r.practical) == (1, 2, 85, 70)
    assert r.carried == skillcert.component_bit(THEORY)
    # The pass at the resit completes the application.
    done = db.application_get(app_a)
    assert (done.state_name, done.ended) == ("completed", dt.date(2024, 6, 1))
    # Passed now: no third attempt.
    s3 = fx.session(4, dt.date(2024, 9, 1))
    refused(fx, skillcert.ConstraintError, db.session_enrol, fx.org, s3, a)


# ---- the question bank -----------------------------------------------------------------------

def choice(code, type_, area, difficulty, answer=None, level=4):
    item = skillcert.Item(code, type_, OCC, None, level, area, difficulty, "题干")
    if type_ in (skillcert.ITEM_SINGLE, skillcert.ITEM_MULTIPLE):
        for text in ("甲", "乙", "丙", "丁"):
            item.add_option(text)
    if answer is not None:
        item.set_answer(answer)
    return item


def test_assessment_item_checks(fx):
    db = fx.db
    S = skillcert.ITEM_SINGLE
    with pytest.raises(skillcert.ValidationError):
        skillcert.Item("bad code", S, OCC, None, 4, "a", 1, "s")
    with pytest.raises(skillcert.ValidationError):
        skillcert.Item("Q1", 9, OCC, None, 4, "a", 1, "s")
    with pytest.raises(skillcert.ValidationError):
        skillcert.Item("Q1", S, "4-02", None, 4, "a", 1, "s")
    with pytest.raises(skillcert.ValidationError):
        skillcert.Item("Q1", S, OCC, None, 4, "a", 6, "s")
    with pytest.raises(skillcert.ValidationError):
        skillcert.Item("Q1", S, OCC, None, 4, "", 1, "s")
    with pytest.raises(TypeError):
        skillcert.Item("Q1", S, OCC, None, "four", "a", 1, "s")

    it = choice("Q1", skillcert.ITEM_MULTIPLE, "基础知识", 2)
    for bad in ("A", "AAB", "A1"):
        with pytest.raises(skillcert.ValidationError):
            it.set_answer(bad)
    it.set_answer("dba")
    assert it.answer == "ABD"
    assert it.options == ["甲", "乙", "丙", "丁"]
    assert it.option_at(3) == "丁" and it.option_at(4) is None
    assert (it.code, it.version, it.saved, it.level, it.area, it.difficulty, it.stem) == \
        ("Q1", 0, None, 4, "基础知识", 2, "题干")
    assert (it.type, it.occupation, it.work_type) == (skillcert.ITEM_MULTIPLE, OCC, None)
    it.set_answer("ABE")  # E: no such option, found on save
    refused(fx, skillcert.ValidationError, db.bank_item_save, fx.org, ORG, it)

    tf = choice("Q2", skillcert.ITEM_TRUE_FALSE, "基础知识", 1)
    with pytest.raises(skillcert.ValidationError):
        tf.add_option("x")
    with pytest.raises(skillcert.ValidationError):
        tf.set_answer("Y")
    refused(fx, skillcert.ValidationError, db.bank_item_save, fx.org, ORG, tf)  # no key
    tf.set_answer("t")
    assert tf.answer == "T"
    refused(fx, skillcert.DeniedError, db.bank_item_save, fx.org2, ORG, tf)
    assert db.bank_item_save(fx.org, ORG, tf) == 1
    # An item keeps its type, occupation and level.
    refused(fx, skillcert.ConstraintError, db.bank_item_save, fx.org, ORG,
            choice("Q2", S, "基础知识", 1, "A"))
    refused(fx, skillcert.ConstraintError, db.bank_item_save, fx.org, ORG,
            choice("Q2", skillcert.ITEM_TRUE_FALSE, "基础知识", 1, "T", level=3))
    with pytest.raises(skillcert.NotFoundError):
        db.bank_item_get(ORG, "Q404")


def test_assessment_item_versions(fx):
    db = fx.db
    S = skillcert.ITEM_SINGLE
    assert db.bank_item_save(fx.org, ORG, choice("V1", S, "基础知识", 1, "A")) == 1
    # In no paper yet: changed in place.
    assert db.bank_item_save(fx.org, ORG, choice("V1", S, "基础知识", 1, "B")) == 1
    assert db.bank_item_get(ORG, "V1", 1).answer == "B"
    # Saving the same content again changes nothing.
    trail = len(list(db.audit_entries()))
    assert db.bank_item_save(fx.org, ORG, choice("V1", S, "基础知识", 1, "B")) == 1
    assert len(list(db.audit_entries())) == trail

    # Put it in a paper.
    s = fx.session(4, dt.date(2024, 3, 1))
    bp = skillcert.Blueprint()
    bp.add_area("基础知识", 100)
    bp.add_type(S, 1, 100)
    paper = db.paper_assemble(fx.org, s, THEORY, bp, 7)

    # Now an edit makes version 2; version 1 stays as it was.
    assert db.bank_item_save(fx.org, ORG, choice("V1", S, "基础知识", 2, "C")) == 2
    v1 = db.bank_item_get(ORG, "V1", 1)
    assert (v1.version, v1.answer, v1.difficulty, v1.exposure) == (1, "B", 1, 1)
    latest = db.bank_item_get(ORG, "V1")
    assert (latest.version, latest.answer, latest.exposure) == (2, "C", 0)
    assert isinstance(latest.saved, dt.date)
    # The paper keeps version 1.
    assert [(p.code, p.version) for p in db.paper_items(paper)] == [("V1", 1)]
    # The unused version 2 still changes in place.
    assert db.bank_item_save(fx.org, ORG, choice("V1", S, "基础知识", 3, "D")) == 2
    assert db.bank_item_get(ORG, "V1", 1).answer == "B"
    assert db.bank_item_get(ORG, "V1", 2).answer == "D"
    assert db.bank_exposure(ORG, "V1") == 1
    with pytest.raises(skillcert.NotFoundError):
        db.bank_item_get(ORG, "V1", 3)
    with pytest.raises(skillcert.NotFoundError):
        db.bank_exposure(ORG, "V9")
    # A second paper with version 2 freezes it as well: the next edit is version 3.
    db.paper_assemble(fx.org, s, THEORY, bp, 8)
    assert db.bank_exposure(ORG, "V1") == 2
    assert db.bank_item_save(fx.org, ORG, choice("V1", S, "基础知识", 3, "A")) == 3
    assert db.bank_item_get(ORG, "V1", 2).answer == "D"


def fill_bank(fx):
    """Per area (A 60%, B 40%) and difficulty 1-3: 6 single and 6 true/false
    items in A, 4 of each in B (60 items)."""
    S, TF = skillcert.ITEM_SINGLE, skillcert.ITEM_TRUE_FALSE
    for d in (1, 2, 3):
        for i in range(6):
            fx.db.bank_item_save(fx.org, ORG, choice("S-A-%d-%d" % (d, i), S, "A", d, "B"))
            fx.db.bank_item_save(fx.org, ORG, choice("T-A-%d-%d" % (d, i), TF, "A", d, "T"))
        for i in range(4):
            fx.db.bank_item_save(fx.org, ORG, choice("S-B-%d-%d" % (d, i), S, "B", d, "C"))
            fx.db.bank_item_save(fx.org, ORG, choice("T-B-%d-%d" % (d, i), TF, "B", d, "F"))


def blueprint():
    bp = skillcert.Blueprint()
    bp.add_area("A", 60)
    bp.add_area("B", 40)
    bp.add_type(skillcert.ITEM_SINGLE, 20, 3)       # 60 points
    bp.add_type(skillcert.ITEM_TRUE_FALSE, 20, 2)   # 40 points
    bp.add_difficulty(1, 30)
    bp.add_difficulty(2, 50)
    bp.add_difficulty(3, 20)
    return bp


def test_assessment_bank_iter(fx):
    db = fx.db
    fill_bank(fx)
    items = list(db.bank_items(ORG, OCC, 4))
    assert len(items) == 60
    assert [i.code for i in items] == sorted(i.code for i in items)
    assert all(i.version == 1 and i.level == 4 for i in items)
    assert list(db.bank_items(ORG, None, 3)) == []
    assert len(list(db.bank_items(ORG))) == 60
    with pytest.raises(skillcert.NotFoundError):
        db.bank_items(OTHER)
    with pytest.raises(skillcert.ValidationError):
        db.bank_items(ORG, None, 7)


def test_assessment_paper_assembly(fx):
    db = fx.db
    fill_bank(fx)
    s = fx.session(4, dt.date(2024, 3, 1))
    bp = blueprint()
    p1 = db.paper_assemble(fx.org, s, THEORY, bp, 42)
    p2 = db.paper_assemble(fx.org, s, THEORY, bp, 42)
    p3 = db.paper_assemble(fx.org, s, THEORY, bp, 43)
    big = db.paper_assemble(fx.org, s, THEORY, bp, 2**64 - 1)  # any 64-bit seed
    paper = db.paper_get(p1)
    assert (paper.id, paper.session_id, paper.component, paper.seed, paper.items,
            paper.total_points) == (p1, s, THEORY, 42, 40, 100)
    assert db.paper_get(big).seed == 2**64 - 1

    def items(p):
        return [(i.seq, i.code, i.version, i.type, i.area, i.difficulty, i.points)
                for i in db.paper_items(p)]

    i1, i2, i3 = items(p1), items(p2), items(p3)
    # The same seed, the same paper; another seed, another paper.
    assert i1 == i2
    assert [i[1] for i in i1] != [i[1] for i in i3]
    for got in (i1, i3):
        codes = [i[1] for i in got]
        assert len(set(codes)) == 40  # never an item twice
        assert [i[0] for i in got] == list(range(1, 41))
        # 60% of each type from area A; the mix 30/50/20 of each type.
        assert sum(1 for i in got if i[4] == "A") == 24
        assert [sum(1 for i in got if i[5] == d) for d in (1, 2, 3)] == [12, 20, 8]
        assert sum(i[6] for i in got) == 100
        # In type order: single (3 points each), then true/false (2 each).
        assert [i[3] for i in got] == [skillcert.ITEM_SINGLE] * 20 + [skillcert.ITEM_TRUE_FALSE] * 20
    # Exposure: each drawn item counted once per paper (4 papers x 40).
    assert sum(i.exposure for i in db.bank_items(ORG)) == 160


def test_assessment_paper_assembly_refused(fx):
    db = fx.db
    fill_bank(fx)
    s = fx.session(4, dt.date(2024, 3, 1))
    # Not enough items: the message says which.
    bp = skillcert.Blueprint()
    bp.add_area("B", 100)
    bp.add_type(skillcert.ITEM_SINGLE, 13, 4)
    bp.add_type(skillcert.ITEM_TRUE_FALSE, 12, 4)
    e = refused(fx, skillcert.ConstraintError, db.paper_assemble, fx.org, s, THEORY, bp, 1)
    assert "area 'B'" in e.message
    # Blueprints that do not add up.
    bp = skillcert.Blueprint()
    with pytest.raises(skillcert.ValidationError):
        bp.add_area("A", 101)
    bp.add_area("A", 50)
    with pytest.raises(skillcert.ExistsError):
        bp.add_area("A", 50)
    bp.add_type(skillcert.ITEM_SINGLE, 10, 10)
    with pytest.raises(skillcert.ExistsError):
        bp.add_type(skillcert.ITEM_SINGLE, 10, 10)
    with pytest.raises(skillcert.ValidationError):
        bp.add_type(skillcert.ITEM_TRUE_FALSE, 10, 0.3)
    refused(fx, skillcert.ValidationError, db.paper_assemble, fx.org, s, THEORY, bp, 1)
    bp.add_area("B", 50)
    refused(fx, skillcert.ValidationError, db.paper_assemble, fx.org, s, REVIEW, bp, 1)
    refused(fx, skillcert.DeniedError, db.paper_assemble, fx.org2, s, THEORY, bp, 1)
    refused(fx, skillcert.NotFoundError, db.paper_assemble, fx.org, 4242, THEORY, bp, 1)
    bp.add_difficulty(1, 60)
    refused(fx, skillcert.ValidationError, db.paper_assemble, fx.org, s, THEORY, bp, 1)
    with pytest.raises(OverflowError):
        db.paper_assemble(fx.org, s, THEORY, bp, -1)
    with pytest.raises(skillcert.NotFoundError):
        db.paper_get(999)
    with pytest.raises(skillcert.NotFoundError):
        db.paper_items(999)


def test_assessment_scoring(fx):
    db = fx.db
    S, M, TF = skillcert.ITEM_SINGLE, skillcert.ITEM_MULTIPLE, skillcert.ITEM_TRUE_FALSE
    for item in (choice("S1", S, "A", 1, "B"), choice("M1", M, "A", 1, "AC"),
                 choice("T1", TF, "A", 1, "F"),
                 choice("P1", skillcert.ITEM_PRACTICAL, "A", 1, "操作规范")):
        db.bank_item_save(fx.org, ORG, item)
    fx.candidates(1, 2)
    a, b = resident_id(1), resident_id(2)
    s = fx.session(4, dt.date(2024, 3, 1), skillcert.SESSION_ONLINE)
    fx.enrol(s, 1, 2)
    bp = skillcert.Blueprint()
    bp.add_area("A", 100)
    bp.add_type(S, 1, 40)
    bp.add_type(M, 1, 35)
    bp.add_type(TF, 1, 25)
    paper = db.paper_assemble(fx.org, s, THEORY, bp, 1)
    assert [p.type for p in db.paper_items(paper)] == [S, M, TF]

    refused(fx, skillcert.ValidationError, db.paper_score, fx.org, paper, a, ["b", "CA"])
    refused(fx, skillcert.ValidationError, db.paper_score, fx.org, paper, a,
            ["b", "CA", "maybe"])
    refused(fx, skillcert.DeniedError, db.paper_score, fx.org2, paper, a, ["b", "CA", "T"])
    with pytest.raises(TypeError):
        db.paper_score(fx.org, paper, a, ["b", 3, "T"])
    with pytest.raises(TypeError):
        db.paper_score(fx.org, paper, a, 42)
    # single 40 + multiple 35 (any order); true/false wrong.
    assert db.paper_score(fx.org, paper, a, ("b", "CA", "T")) == 75
    refused(fx, skillcert.ExistsError, db.paper_score, fx.org, paper, a, ["b", "CA", "T"])
    # Unanswered, partial (no credit), right.
    assert db.paper_score(fx.org, paper, b, [None, "A", "F"]) == 25
    refused(fx, skillcert.NotFoundError, db.paper_score, fx.org, paper, "110105198001011238",
            ["b", "CA", "T"])
    # Offline sessions are marked by examiners.
    offline = fx.session(4, dt.date(2024, 3, 2))
    op = db.paper_assemble(fx.org, offline, THEORY, bp, 1)
    refused(fx, skillcert.ConstraintError, db.paper_score, fx.org, op, a, ["b", "CA", "T"])
    # A practical paper: nothing objective to score.
    bp = skillcert.Blueprint()
    bp.add_area("A", 100)
    bp.add_type(skillcert.ITEM_PRACTICAL, 1, 100)
    pp = db.paper_assemble(fx.org, s, PRACTICAL, bp, 1)
    refused(fx, skillcert.ValidationError, db.paper_score, fx.org, pp, a, ["A"])
    assert db.paper_score(fx.org, pp, a, [None]) == 0


# ---- the binding itself ---------------------------------------------------------------------

def test_assessment_binding_arguments(fx):
    db = fx.db
    with pytest.raises(skillcert.NotFoundError):
        db.session_get(-1)
    with pytest.raises(skillcert.ValidationError):
        db.component_rule_get("4-02", THEORY)
    with pytest.raises(skillcert.ValidationError) as info:
        db.session_enrol(fx.org, 1, None)
    assert info.value.code == skillcert.EINVAL
    with pytest.raises(skillcert.ValidationError):
        db.venue_register(fx.org, ORG, None, "y", "110108", 1)
    with pytest.raises(skillcert.ValidationError):
        db.result_get(1, "short")
    with pytest.raises(skillcert.ValidationError):
        db.bank_item_save(fx.org, ORG, None)
    with pytest.raises(skillcert.ValidationError):
        db.paper_assemble(fx.org, 1, THEORY, None, 1)
    with pytest.raises(skillcert.ValidationError):
        db.session_create(None, ORG, OCC, None, 4, skillcert.PATH_NORMAL, dt.date(2024, 3, 1),
                          fx.venue, 1)
    with pytest.raises(TypeError):
        db.session_create(fx.org, ORG, OCC, None, "4", skillcert.PATH_NORMAL, dt.date(2024, 3, 1),
                          fx.venue, 1)
    with pytest.raises(TypeError):
        db.bank_item_save(fx.org, ORG, "not an item")
    # Keyword arguments.
    sid = db.session_create(actor=fx.org, credit_code=ORG, occupation=OCC, work_type=None,
                            level=5, path=skillcert.PATH_NORMAL, date=dt.date(2024, 5, 1),
                            venue_id=fx.venue, rooms=1, flags=skillcert.SESSION_ONLINE)
    assert db.session_get(session_id=sid).flags == skillcert.SESSION_ONLINE


def test_assessment_binding_lifetimes(fx):
    db = fx.db
    fx.candidates(1, 2)
    s = fx.ready_session(dt.date(2024, 3, 1), 1, 2)
    it = db.enrolments(s)
    results = db.results(s)
    db.close()
    # Iterators keep the connection; any other call fails.
    assert [e.id_number for e in it] == [resident_id(1), resident_id(2)]
    assert list(results) == []
    with pytest.raises(skillcert.Error) as info:
        db.session_get(s)
    assert "closed" in info.value.message
    with pytest.raises(skillcert.Error):
        db.sessions()
    with pytest.raises(skillcert.Error):
        db.paper_score(fx.org, 1, resident_id(1), ["A"])
