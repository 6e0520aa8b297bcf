"""A whole certification season through the Python idioms only (issue 13):
enums by name, datetime.date objects, lists and properties, a result set
walked twice, with blocks, methods grouped by module. It follows
examples/demo_season.c: an organization filed, an announcement, candidates
applying, verified against the eligibility rules and confirmed by the
district, a session staffed and held, results, certificates reported,
issued, published, verified by the public and one revoked, then a spot
check with a finding, a sanction and the credit evaluation."""

from datetime import date

import skillcert
from skillcert import Actor

ORG = "91110108MA01ABCD2H"
OCC = "4-04-05-05"
WT = "数据标注员"
SCOPE = [OCC + "/" + WT + ":5,4,3,2,1"]
QUALIFIED = [OCC + "/" + WT + ":1"]
PEOPLE = [("11010519491231002X", "张三", date(2019, 3, 1)),
          ("110108199003070315", "李四", date(2019, 1, 15)),
          ("110105198805120026", "王五", date(2021, 9, 1))]   # level 5 for too short


def test_a_whole_season():
    bureau = Actor("city-bureau", None, "市人社局")
    centre = Actor("city-centre", None, "市职业技能鉴定管理中心")
    haidian = Actor("district", "110108", "海淀区人社局")
    org = Actor("organization", ORG, "北京智训科技有限公司")
    public = Actor("public")
    assert org.kind is skillcert.ActorKind.ORGANIZATION

    with skillcert.Database() as db:
        db.catalog.load_notice(bureau)
        db.eligibility.load_defaults(bureau)
        assert db.catalog.check(OCC, WT, 4, date(2023, 6, 1))

        # Filing (备案), step by step.
        db.orgs.register(org, ORG, "北京智训科技有限公司", "enterprise", "110108", date(2023, 1, 5))
        db.orgs.apply(org, ORG, SCOPE, date(2023, 2, 1))
        db.orgs.recommend(haidian, ORG, date(2023, 2, 10))
        db.orgs.evaluate(centre, ORG, None, "materials|expert|on-site", date(2023, 3, 1))
        db.orgs.notice(centre, ORG, date(2023, 3, 10))
        db.orgs.file(centre, ORG, date(2023, 5, 10))
        db.orgs.commit(org, ORG, date(2023, 5, 12))
        filed = db.orgs.get(ORG, date(2023, 6, 1))
        assert filed.status is skillcert.FilingStatus.ACTIVE
        assert filed.kind is skillcert.OrgKind.ENTERPRISE
        assert filed.valid_until == date(2026, 5, 9)          # dates come out as dates
        assert filed.receipt is not None and filed.legacy_code is False
        for i in range(1, 6):
            db.staff.add(org, ORG, "E%02d" % i, "考评员", "examiner", QUALIFIED, date(2023, 6, 1))
        staff = db.staff.list(ORG)
        assert len(staff) == 5 and all(s.role is skillcert.StaffRole.EXAMINER for s in staff)
        venue = db.venues.register(org, ORG, "中关村考点", "北京市海淀区中关村大街1号", "110108", 3,
                                   date(2023, 6, 1))
        db.venues.inspect(haidian, venue, True, "场地合格", date(2023, 6, 5))

        # Intake: the announcement, the candidates, their applications.
        ann = db.announcements.publish(org, ORG, "ZX-2023-02", "新职业技能等级认定工作实施方案",
                                       date(2023, 6, 1), date(2023, 6, 30), "四级 400 元",
                                       "theory|practical", [OCC + "/" + WT + ":4"],
                                       date(2023, 5, 20))
        for id_number, name, certified in PEOPLE:
            c = skillcert.Candidate(id_number, name)
            c.add_work(OCC, date(2018, 1, 1))
            c.add_certificate("skill-level", OCC, WT, 5, certified)
            db.candidates.save(centre, c)
        assert db.candidates.load(PEOPLE[0][0]).name() == "张三"
        ids = [db.applications.apply(Actor("candidate", id_number, name), ann, id_number, OCC,
                                     WT, 4, path="normal", date=date(2023, 6, 5))
               for id_number, name, _ in PEOPLE]
        assert db.applications.verify_batch(org, ids, date(2023, 6, 8)) == 2
        states = {a.id_number: a.state for a in db.applications.list()}
        assert states[PEOPLE[0][0]] is skillcert.ApplicationState.VERIFIED
        assert states[PEOPLE[2][0]] is skillcert.ApplicationState.REJECTED
        rejected = db.applications.get(ids[2])
        assert rejected.ended_at is skillcert.ApplicationState.SUBMITTED
        assert isinstance(rejected.eligibility_reason, skillcert.Reason)
        db.applications.confirm_batch(haidian, ids[:2], date(2023, 6, 9))

        # Assessment: a session of the two confirmed applicants.
        s = db.sessions.create(org, ORG, OCC, WT, 4, "normal", date(2023, 7, 15), venue, 1)
        for id_number, _, _ in PEOPLE[:2]:
            db.sessions.enrol(org, s, id_number)
        for person in ("E01", "E02"):
            db.sessions.staff_add(org, s, "theory", person)
        for person in ("E03", "E04", "E05"):
            db.sessions.staff_add(org, s, "practical", person)
        assert db.sessions.check(s)
        db.sessions.confirm(org, s, date(2023, 7, 10))
        assert db.sessions.get(s).status is skillcert.SessionStatus.CONFIRMED
        db.results.record(org, s, PEOPLE[0][0], 86, 90, None, date(2023, 7, 15))
        db.results.record(org, s, PEOPLE[1][0], 75, 72, None, date(2023, 7, 15))
        results = db.results.list(s)
        assert len(results) == 2
        assert all(r.passed is True and r.review is None for r in results)
        assert sorted(r.name for r in results) == ["张三", "李四"]   # walked again

        # Certificates: reported (报备), issued, published, verified, one revoked.
        numbers = [db.certificates.report(org, s, id_number, date(2023, 7, 20))
                   for id_number, _, _ in PEOPLE[:2]]
        for number in numbers:
            db.certificates.issue(org, number, "sha256:photo", date(2023, 7, 25))
            db.certificates.publish(centre, number, date(2023, 8, 1))
        v = db.certificates.verify(numbers[0], "张三")
        assert v.status is skillcert.VerifyStatus.VALID and v
        assert db.certificates.verify(numbers[0], "李四").status is skillcert.VerifyStatus.NAME_MISMATCH
        kept = db.certificates.get(numbers[0])
        assert (kept.issued, kept.published) == (date(2023, 7, 25), date(2023, 8, 1))
        assert kept.revoked is None                             # absent is None
        db.certificates.revoke(org, numbers[1], "材料不实", date(2023, 9, 1))
        assert db.certificates.get(numbers[1]).revoked == date(2023, 9, 1)
        assert db.certificates.verify(numbers[1], "李四").status is skillcert.VerifyStatus.REVOKED
        with db.certificates.list() as certificates:
            statuses = sorted(c.status.label for c in certificates)
            assert statuses == ["published", "revoked"]
            assert sorted(c.number for c in certificates) == sorted(numbers)  # again

        # Supervision: a spot check, a finding, a sanction, the credit ranking.
        ins = db.inspections.open(centre, ORG, "org", None, date(2023, 10, 9))
        finding = db.inspections.add_finding(centre, ins, "disclosure", "minor",
                                             "收费标准未公示", ["org:" + ORG], date(2023, 10, 9))
        assert db.findings.get(finding).severity is skillcert.FindingSeverity.MINOR
        db.sanctions.impose(centre, finding, "warning", None, "未公示收费标准", date(2023, 10, 10))
        assert [x.kind for x in db.sanctions.list(ORG)] == [skillcert.SanctionKind.WARNING]
        assert db.credit.compute(centre, date(2023, 12, 31)) >= 1
        ranked = db.credit.list(date(2023, 12, 31))
        assert [c.credit_code for c in ranked] == [ORG]
        assert ranked[0].findings == 1

        assert db.audit.verify()
        assert public.kind.label == "public"
