"""Certificates through the Python binding: numbers and masking, public
verification (single and batch), statistics, the electronic certificate,
and the workflow report -> issue -> publish, revocation and re-issue, the
enterprise post certificate of "一岗双认" (mirrors check_certificate.c)."""

import datetime as dt
import pytest

import skillcert

ORG = "91110108MA01ABCD2H"     # 海淀区 110108
ORG2 = "52110102MJ00123450"    # 西城区 110102
OCC = "4-02-07-10"             # 网约配送员: levels 5-1, undivided
OCC_NAME = "网约配送员"
UNKNOWN = "S000011000001244000099"   # well-formed, never issued


@pytest.fixture
def notice_db():
    """An in-memory registry with the notice's catalog and no certificate."""
    with skillcert.Database() as db:
        db.load_notice(skillcert.Actor(skillcert.ACTOR_CITY_BUREAU, None, "test"))
        yield db


def audit_count(db):
    return sum(1 for _ in db.audit_entries())


# ---- numbers, masking, names (no registry) ------------------------------------------------

def test_certificate_number_parse():
    n = skillcert.certificate_number_parse("S000011000001243000001")
    assert isinstance(n, skillcert.CertNumber)
    assert n.number == "S000011000001243000001"
    assert len(n.number) == 22
    assert (n.kind, n.org_code, n.province, n.site) == ("S", "0000", "11", "000001")
    assert (n.year, n.level, n.sequence) == (24, 3, 1)
    assert str(n) == n.number
    # Blanks around it are dropped, a lower-case letter accepted and normalised.
    n = skillcert.certificate_number_parse(" y000123000000195000123 ")
    assert n.number == "Y000123000000195000123"
    assert (n.kind, n.org_code, n.province, n.level, n.sequence) == ("Y", "0001", "23", 5, 123)


@pytest.mark.parametrize("text", [
    "S0000110000012430000",        # 20 characters
    "S0000110000012430000011",     # 23 characters
    "X00001100000124300001",       # wrong letter
    "S000011000001246000001",      # level 6
    "S000011000001240000001",      # level 0
    "S000011000001243000000",      # sequence 000000
    "S00001100000124300000A",      # not a digit
    "",
])
def test_certificate_number_parse_refuses(text):
    with pytest.raises(skillcert.ValidationError) as info:
        skillcert.certificate_number_parse(text)
    assert info.value.code == skillcert.EINVAL
    assert "certificate number" in info.value.message


def test_certificate_number_parse_needs_str():
    with pytest.raises(skillcert.ValidationError):
        skillcert.certificate_number_parse(None)
    with pytest.raises(TypeError):
        skillcert.certificate_number_parse(123)


def test_certificate_masking():
    mask = skillcert.certificate_mask_name
    assert mask("张小三") == "张*三"
    assert mask("李四") == "李*"
    assert mask("欧阳小明") == "欧**明"
    assert mask("王") == "*"
    assert mask("阿卜杜热合曼·买买提艾力克木江") == "阿********江"
    assert mask("Li Si") == "L***i"
    assert skillcert.certificate_mask_id("11010519491231002X") == "110105********002X"
    assert skillcert.certificate_mask_id("12345678") == "****5678"
    with pytest.raises(skillcert.ValidationError):
        skillcert.certificate_mask_id("1101051949123100201")   # 19 characters
    with pytest.raises(skillcert.ValidationError):
        mask(None)


def test_certificate_constants_and_names():
    assert skillcert.CERT_NUMBER_SIZE == 23
    assert skillcert.CERT_TITLE == "职业技能等级证书"
    assert skillcert.CERT_QUERY_URL == "http://jndj.osta.org.cn"
    assert skillcert.ORG_QUERY_URL == "http://pjjg.osta.org.cn"
    assert (skillcert.CERT_REPORTED, skillcert.CERT_ISSUED, skillcert.CERT_PUBLISHED,
            skillcert.CERT_REVOKED) == (1, 2, 3, 4)
    assert [skillcert.cert_status_name(s) for s in range(1, 5)] == \
        ["reported", "issued", "published", "revoked"]
    assert skillcert.cert_status_name(9) is None
    assert [skillcert.verify_status_name(s) for s in range(6)] == \
        ["not-found", "not-published", "revoked", "valid", "name-mismatch", "malformed"]
    assert skillcert.verify_status_name(-1) is None
    flags = [skillcert.STATS_OCCUPATION, skillcert.STATS_LEVEL, skillcert.STATS_DISTRICT,
             skillcert.STATS_ORG, skillcert.STATS_YEAR, skillcert.STATS_MONTH]
    assert flags == [0x01, 0x02, 0x04, 0x08, 0x10, 0x20]
    assert skillcert.STATS_PUBLISHED_ONLY == 0x100


# ---- an empty certificate register ------------------------------------------------------------

def test_certificate_verify_unknown_number(notice_db):
    v = notice_db.certificate_verify(UNKNOWN, "张小三")
    assert isinstance(v, skillcert.Verification)
    assert v.status == skillcert.VERIFY_NOT_FOUND
    assert not v
    assert v.number == UNKNOWN
    assert (v.masked_name, v.masked_id, v.org_name, v.issued, v.level) == (None, None, None, None, 0)
    # Normalised when well-formed.
    v = notice_db.certificate_verify(" s000011000001244000099 ", "张小三", "11010519491231002X")
    assert v.status == skillcert.VERIFY_NOT_FOUND
    assert v.number == UNKNOWN


def test_certificate_verify_argument_errors(notice_db):
    with pytest.raises(skillcert.ValidationError) as info:
        notice_db.certificate_verify("S000011", "张小三")
    assert info.value.code == skillcert.EINVAL
    with pytest.raises(skillcert.ValidationError):
        notice_db.certificate_verify(UNKNOWN, None)
    with pytest.raises(skillcert.ValidationError):
        notice_db.certificate_verify(None, "张小三")
    with pytest.raises(TypeError):
        notice_db.certificate_verify(UNKNOWN, 5)


def test_certificate_batch_verify_without_certificates(notice_db):
    answers = notice_db.certificate_batch_verify(
        [UNKNOWN, "garbage", None, "s000011000001244000099"],
        ["x", "x", None, "y"],
        id_numbers=[None, None, None, "11010519491231002X"])
    assert isinstance(answers, list) and len(answers) == 4
    assert all(isinstance(a, skillcert.Verification) for a in answers)
    assert [a.status for a in answers] == [skillcert.VERIFY_NOT_FOUND, skillcert.VERIFY_MALFORMED,
                                           skillcert.VERIFY_MALFORMED, skillcert.VERIFY_NOT_FOUND]
    assert answers[1].number == "garbage"
    assert answers[3].number == UNKNOWN
    # Any sequence will do; an empty one gives no answer.
    assert [a.status for a in notice_db.certificate_batch_verify((UNKNOWN,), ("x",))] == \
        [skillcert.VERIFY_NOT_FOUND]
    assert notice_db.certificate_batch_verify([], []) == []


def test_certificate_batch_verify_argument_errors(notice_db):
    batch = notice_db.certificate_batch_verify
    with pytest.raises(skillcert.ValidationError) as info:
        batch([UNKNOWN, UNKNOWN], ["x"])
    assert info.value.code == skillcert.EINVAL
    assert "one item per number" in info.value.message
    with pytest.raises(skillcert.ValidationError):
        batch([UNKNOWN], ["x"], [None, None])
    with pytest.raises(skillcert.ValidationError):
        batch(None, ["x"])
    with pytest.raises(skillcert.ValidationError):
        batch([UNKNOWN], None)
    with pytest.raises(TypeError):
        batch(UNKNOWN, ["x"])              # a str is not a list of numbers
    with pytest.raises(TypeError):
        batch([UNKNOWN, 7], ["x", "y"])
    with pytest.raises(TypeError):
        batch(5, ["x"])


def test_certificate_stats_empty(notice_db):
    rows = list(notice_db.certificate_stats())
    assert len(rows) == 1
    total = rows[0]
    assert isinstance(total, skillcert.CertStatsRow)
    assert total.count == 0
    assert (total.occupation, total.level, total.district, total.credit_code, total.period) == \
        (None, 0, None, None, None)
    assert [r.count for r in notice_db.certificate_stats(skillcert.STATS_PUBLISHED_ONLY)] == [0]
    # Grouped: no group at all.
    assert list(notice_db.certificate_stats(skillcert.STATS_LEVEL | skillcert.STATS_DISTRICT,
                                            dt.date(2024, 1, 1), dt.date(2024, 12, 31))) == []
    with notice_db.certificate_stats(skillcert.STATS_ORG) as it:
        assert it.next_item() is None
        assert it.next_item() is None


def test_certificate_stats_argument_errors(notice_db):
    with pytest.raises(skillcert.ValidationError) as info:
        notice_db.certificate_stats(0x4000)
    assert "flags" in info.value.message
    with pytest.raises(skillcert.ValidationError):
        notice_db.certificate_stats(0, "2024-13-01")
    with pytest.raises(skillcert.ValidationError):
        notice_db.certificate_stats(to_date="yesterday")


def test_certificate_listing_empty(notice_db):
    assert list(notice_db.certificates()) == []
    assert list(notice_db.certificates(ORG)) == []
    assert list(notice_db.certificates(id_number="11010519491231002X")) == []
    with pytest.raises(skillcert.ValidationError):
        notice_db.certificates("not-a-credit-code")


def test_certificate_unknown_number_changes_nothing(notice_db):
    org = skillcert.Actor(skillcert.ACTOR_ORGANIZATION, ORG, "test")
    centre = skillcert.Actor(skillcert.ACTOR_CITY_CENTRE, None, "test")
    before = audit_count(notice_db)
    calls = [
        lambda: notice_db.certificate_issue(org, UNKNOWN, "sha256:p", dt.date(2024, 3, 15)),
        lambda: notice_db.certificate_publish(centre, UNKNOWN, dt.date(2024, 4, 1)),
        lambda: notice_db.certificate_revoke(centre, UNKNOWN, "作废", dt.date(2024, 5, 1)),
        lambda: notice_db.certificate_reissue(org, UNKNOWN, None, "补发", dt.date(2024, 5, 1)),
        lambda: notice_db.certificate_link_post(org, UNKNOWN, "某公司", "配送主管", "QY-1"),
        lambda: notice_db.certificate_get(UNKNOWN),
        lambda: notice_db.certificate_export_memory(UNKNOWN),
        lambda: notice_db.certificate_report(org, 4242, "11010519491231002X", dt.date(2024, 3, 10)),
    ]
    for call in calls:
        with pytest.raises(skillcert.NotFoundError) as info:
            call()
        assert info.value.code == skillcert.ENOTFOUND
    assert audit_count(notice_db) == before


def test_certificate_malformed_arguments(notice_db, tmp_path):
    org = skillcert.Actor(skillcert.ACTOR_ORGANIZATION, ORG, "test")
    centre = skillcert.Actor(skillcert.ACTOR_CITY_CENTRE, None, "test")
    for call in [
        lambda: notice_db.certificate_get("S1"),
        lambda: notice_db.certificate_issue(org, "bad"),
        lambda: notice_db.certificate_publish(centre, "S00001100000124300000A"),
        lambda: notice_db.certificate_revoke(centre, UNKNOWN, ""),          # empty reason
        lambda: notice_db.certificate_issue(org, UNKNOWN, None, "2024-02-30"),
        lambda: notice_db.certificate_export_memory("S1"),
        lambda: notice_db.certificate_export_file("S1", str(tmp_path / "c.xml")),
    ]:
        with pytest.raises(skillcert.ValidationError):
            call()
    with pytest.raises(TypeError):
        notice_db.certificate_report(org, "not a session", "11010519491231002X")
    assert not (tmp_path / "c.xml").exists()


def test_certificate_closed_database():
    db = skillcert.Database()
    db.close()
    with pytest.raises(skillcert.Error) as info:
        db.certificate_verify(UNKNOWN, "x")
    assert "closed" in info.value.message
    with pytest.raises(skillcert.Error):
        db.certificate_batch_verify([UNKNOWN], ["x"])
    with pytest.raises(skillcert.Error):
        db.certificate_stats()


# ---- the full pipeline: organizations filed, sessions held, results passed -------------------

SCOPE = ["4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1"]
QUALIFIED = ["4-02-07-10:1", "4-04-05-05/数据标注员:1"]
ORG_NAME = "北京智训科技有限公司"
ORG2_NAME = "北京数字技能评价协会"
APPLY_DAY = dt.date(2023, 6, 10)   # fixture applications: applied, verified, confirmed (FX_APPLY_DAY)


def resident_id(n):
    """The n-th synthetic resident ID number (as fx_id in assess_fixture.c)."""
    day, seq = n // 1000, n % 1000
    body = "110105%04d%02d%02d%03d" % (1980 + day // 336, 1 + (day // 28) % 12, 1 + day % 28, seq)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


class Registry:
    """The registry of assess_fixture.c: ORG (海淀区) and ORG2 (西城区) filed
    2023-05-10 and active for 4-02-07-10 and 4-04-05-05/数据标注员 levels 5-1,
    with qualified examiners, an inspected venue and an announcement
    (2023-06-01..2026-05-01) each, and the default eligibility rules; helpers
    to record candidates, hold sessions (enrolling confirmed applicants) and
    take certificates through the workflow."""

    def __init__(self, db):
        A = skillcert.Actor
        self.db = db
        self.city = A(skillcert.ACTOR_CITY_BUREAU, None, "test")
        self.centre = A(skillcert.ACTOR_CITY_CENTRE, None, "test")
        self.org = A(skillcert.ACTOR_ORGANIZATION, ORG, "test")
        self.org2 = A(skillcert.ACTOR_ORGANIZATION, ORG2, "test")
        self.public = A(skillcert.ACTOR_PUBLIC)
        self.haidian = haidian = A(skillcert.ACTOR_DISTRICT, "110108", "test")
        self.xicheng = xicheng = A(skillcert.ACTOR_DISTRICT, "110102", "test")
        db.load_notice(self.city)
        db.eligibility_load_defaults(self.city)
        self._file(self.org, ORG, ORG_NAME, skillcert.ORG_ENTERPRISE, "110108", haidian)
        self._file(self.org2, ORG2, ORG2_NAME, skillcert.ORG_SOCIAL_GROUP, "110102", xicheng)
        for i in range(1, 6):
            db.staff_add(self.org, ORG, "E%02d" % i, "考评员", skillcert.STAFF_EXAMINER,
                         QUALIFIED, dt.date(2023, 6, 1))
            db.staff_add(self.org2, ORG2, "E%02d" % i, "考评员", skillcert.STAFF_EXAMINER,
                         QUALIFIED, dt.date(2023, 6, 1))
        self.venue = db.venue_register(self.org, ORG, "海淀考点", "北京市海淀区中关村大街1号",
                                       "110108", 3, dt.date(2023, 6, 1))
        db.venue_inspect(haidian, self.venue, True, "场地合格", dt.date(2023, 6, 5))
        self.venue2 = db.venue_register(self.org2, ORG2, "西城考点", "北京市西城区金融街1号",
                                        "110102", 3, dt.date(2023, 6, 1))
        db.venue_inspect(xicheng, self.venue2, True, None, dt.date(2023, 6, 5))
        self.ann = self._announce(self.org, ORG)
        self.ann2 = self._announce(self.org2, ORG2)

    def _file(self, actor, code, name, kind, district, bureau):
        db = self.db
        db.org_register(actor, code, name, kind, district, dt.date(2023, 1, 5))
        db.org_apply(actor, code, SCOPE, dt.date(2023, 2, 1))
        db.org_recommend(bureau, code, dt.date(2023, 2, 10))
        db.org_evaluate(self.centre, code, None, skillcert.EVAL_ALL, dt.date(2023, 3, 1))
        db.org_notice(self.centre, code, dt.date(2023, 3, 10))
        db.org_file(self.centre, code, dt.date(2023, 5, 10))
        db.org_commit(actor, code, dt.date(2023, 5, 12))

    def _announce(self, actor, code):
        return self.db.announcement_publish(actor, code, "FX-2023", "新职业技能等级认定工作实施方案",
                                            dt.date(2023, 6, 1), dt.date(2026, 5, 1), "五级 300 元, 四级 400 元",
                                            skillcert.METHOD_ALL, SCOPE, dt.date(2023, 5, 20))

    def candidate(self, n, name=None):
        """A record (as fx_candidate): working in OCC since 2000 and holding
        its levels 5 to 2, so eligible for every level of it."""
        c = skillcert.Candidate(resident_id(n), name or "考生%d" % n)
        c.add_work(OCC, dt.date(2000, 1, 1))
        for level, issued in ((5, dt.date(2002, 1, 1)), (4, dt.date(2007, 1, 1)), (3, dt.date(2012, 1, 1)),
                              (2, dt.date(2017, 1, 1))):
            c.add_certificate(skillcert.CERT_KIND_SKILL_LEVEL, OCC, None, level, issued)
        self.db.candidate_save(self.centre, c)

    def confirmed(self, first, last, level=4, second=False):
        """Candidates first..last apply to ORG (ORG2 when second) for OCC at
        level; the organization verifies them and its district confirms
        them (报名确认), all on APPLY_DAY. Returns the application ids."""
        org, ann, bureau = (self.org2, self.ann2, self.xicheng) if second else \
            (self.org, self.ann, self.haidian)
        db = self.db
        ids = [db.application_apply(skillcert.Actor(skillcert.ACTOR_CANDIDATE, resident_id(n),
                                                    "test"),
                                    ann, resident_id(n), OCC, None, level, date=APPLY_DAY)
               for n in range(first, last + 1)]
        assert db.application_verify_batch(org, ids, APPLY_DAY) == len(ids)
        db.application_confirm_batch(bureau, ids, APPLY_DAY)
        return ids

    def session(self, first, last, date=dt.date(2024, 3, 1), level=4, second=False):
        """A confirmed session of OCC at level (of ORG, or ORG2 when second)
        with candidates first..last (recorded here unless already), enrolled
        on their applications confirmed here."""
        actor, code, venue = (self.org2, ORG2, self.venue2) if second else \
            (self.org, ORG, self.venue)
        db = self.db
        for n in range(first, last + 1):
            try:
                db.candidate_load(resident_id(n))
            except skillcert.NotFoundError:
                self.candidate(n)
        self.confirmed(first, last, level, second)
        s = db.session_create(actor, code, OCC, None, level, skillcert.PATH_NORMAL, date, venue, 1)
        for n in range(first, last + 1):
            db.session_enrol(actor, s, resident_id(n))
        for person in ("E01", "E02"):
            db.session_staff_add(actor, s, skillcert.COMPONENT_THEORY, person)
        for person in ("E03", "E04", "E05"):
            db.session_staff_add(actor, s, skillcert.COMPONENT_PRACTICAL, person)
        db.session_confirm(actor, s, date)
        return s

    def passed(self, first, last, date=dt.date(2024, 3, 1), level=4, second=False):
        """A session where candidates first..last passed."""
        s = self.session(first, last, date, level, second)
        actor = self.org2 if second else self.org
        for n in range(first, last + 1):
            self.db.result_record(actor, s, resident_id(n), 80, 75, skillcert.SCORE_NONE, date)
        return s

    def report(self, s, n, date=dt.date(2024, 3, 10), second=False):
        return self.db.certificate_report(self.org2 if second else self.org, s, resident_id(n),
                                          date)

    def valid(self, s, n):
        """Reported 2024-03-10, issued 2024-03-15, published 2024-04-01."""
        number = self.report(s, n)
        self.db.certificate_issue(self.org, number, "sha256:photo", dt.date(2024, 3, 15))
        self.db.certificate_publish(self.centre, number, dt.date(2024, 4, 1))
        return number


@pytest.fixture
def fx():
    with skillcert.Database() as db:
        yield Registry(db)


def state(db):
    """What a refusal must leave alone: every certificate and the audit length."""
    certs = [(c.number, c.status, c.issued, c.published, c.revoked, c.replaced_by, c.post_number)
             for c in db.certificates()]
    return certs, audit_count(db)


def refused(fx, exc, call, *args):
    before = state(fx.db)
    with pytest.raises(exc) as info:
        call(*args)
    assert state(fx.db) == before
    return info.value


def test_certificate_only_for_passed_results(fx):
    fx.candidate(1, "张小三")
    fx.candidate(2, "李四")
    s = fx.session(1, 2)
    fx.db.result_record(fx.org, s, resident_id(1), 88, 91, skillcert.SCORE_NONE, dt.date(2024, 3, 2))
    fx.db.result_record(fx.org, s, resident_id(2), 50, 91, skillcert.SCORE_NONE, dt.date(2024, 3, 2))
    report = fx.db.certificate_report
    # Failed; another organization; the city centre; before the result; unknown session.
    e = refused(fx, skillcert.ConstraintError, report, fx.org, s, resident_id(2), dt.date(2024, 3, 10))
    assert e.code == skillcert.ECONSTRAINT
    e = refused(fx, skillcert.DeniedError, report, fx.org2, s, resident_id(1), dt.date(2024, 3, 10))
    assert e.code == skillcert.EDENIED
    refused(fx, skillcert.DeniedError, report, fx.centre, s, resident_id(1), dt.date(2024, 3, 10))
    refused(fx, skillcert.ConstraintError, report, fx.org, s, resident_id(1), dt.date(2024, 3, 1))
    refused(fx, skillcert.NotFoundError, report, fx.org, s + 50, resident_id(1), dt.date(2024, 3, 10))
    refused(fx, skillcert.ValidationError, report, fx.org, s, "110105", dt.date(2024, 3, 10))
    assert list(fx.db.certificates()) == []

    number = report(fx.org, s, resident_id(1), dt.date(2024, 3, 10))
    assert number == "S000011000001244000001"
    e = refused(fx, skillcert.ExistsError, report, fx.org, s, resident_id(1), dt.date(2024, 3, 11))
    assert e.code == skillcert.EEXISTS
    assert fx.db.result_get(s, resident_id(1)).certificate == number
    assert fx.db.result_get(s, resident_id(2)).certificate is None


def test_certificate_number_format(fx):
    s = fx.passed(1, 1)
    number = fx.report(s, 1)
    assert isinstance(number, str) and len(number) == 22
    n = skillcert.certificate_number_parse(number)
    assert n.number == number
    assert (n.kind, n.org_code, n.province, n.site) == ("S", "0000", "11", "000001")
    assert (n.year, n.level, n.sequence) == (24, 4, 1)


def test_certificate_statuses_and_verification(fx):
    fx.candidate(1, "张小三")
    fx.candidate(2, "李四")
    s = fx.passed(1, 2)
    me, other = resident_id(1), resident_id(2)
    db = fx.db
    number = fx.report(s, 1)

    c = db.certificate_get(number)
    assert isinstance(c, skillcert.Certificate)
    assert c.status == skillcert.CERT_REPORTED
    assert c.number == number
    assert c.title == skillcert.CERT_TITLE == "职业技能等级证书"
    assert (c.holder, c.id_type, c.id_number) == ("张小三", "居民身份证", me)
    assert (c.occupation, c.occupation_name, c.work_type) == (OCC, OCC_NAME, "--")
    assert (c.level, c.level_text) == (4, "四级/中级工")
    assert (c.credit_code, c.org_name, c.district) == (ORG, ORG_NAME, "110108")
    assert c.session_id == s
    assert (c.certified, c.issued, c.published, c.revoked) == (dt.date(2024, 3, 10), None, None, None)
    assert (c.photo, c.replaces, c.replaced_by, c.post_number) == (None, None, None, None)

    # Reported: recorded, not yet public.
    v = db.certificate_verify(number, "张小三")
    assert v.status == skillcert.VERIFY_NOT_PUBLISHED and not v
    assert v.masked_name == "张*三"
    assert v.issued is None

    refused(fx, skillcert.ConstraintError, db.certificate_publish, fx.centre, number, dt.date(2024, 3, 20))
    refused(fx, skillcert.DeniedError, db.certificate_issue, fx.org2, number, None, dt.date(2024, 3, 15))
    refused(fx, skillcert.ConstraintError, db.certificate_issue, fx.org, number, None,
            dt.date(2024, 3, 9))
    db.certificate_issue(fx.org, number, "sha256:abcd", dt.date(2024, 3, 15))
    c = db.certificate_get(number)
    assert (c.status, c.issued, c.photo) == (skillcert.CERT_ISSUED, dt.date(2024, 3, 15), "sha256:abcd")
    refused(fx, skillcert.ConstraintError, db.certificate_issue, fx.org, number, None,
            dt.date(2024, 3, 16))
    v = db.certificate_verify(number, "张小三")
    assert v.status == skillcert.VERIFY_NOT_PUBLISHED
    assert v.issued == dt.date(2024, 3, 15)

    refused(fx, skillcert.DeniedError, db.certificate_publish, fx.org, number, dt.date(2024, 4, 1))
    refused(fx, skillcert.ConstraintError, db.certificate_publish, fx.centre, number,
            dt.date(2024, 3, 14))
    db.certificate_publish(fx.centre, number, dt.date(2024, 4, 1))
    c = db.certificate_get(number)
    assert (c.status, c.published) == (skillcert.CERT_PUBLISHED, dt.date(2024, 4, 1))

    # Published: valid, with the name and ID masked.
    v = db.certificate_verify(number, "张小三")
    assert v.status == skillcert.VERIFY_VALID and v
    assert v.number == number
    assert v.masked_name == "张*三"
    assert v.masked_id == me[:6] + "********" + me[14:]
    assert (v.occupation, v.occupation_name, v.work_type, v.level) == (OCC, OCC_NAME, "--", 4)
    assert (v.org_name, v.issued, v.revoked) == (ORG_NAME, dt.date(2024, 3, 15), None)
    # With the ID number, lower-case and blanks around it too.
    assert db.certificate_verify(number, "张小三", me).status == skillcert.VERIFY_VALID
    assert db.certificate_verify(number, "张小三", " %s " % me.lower()).status == \
        skillcert.VERIFY_VALID
    # Somebody else's name or ID: nothing shown.
    for v in (db.certificate_verify(number, "张小二"),
              db.certificate_verify(number, "张小三", other)):
        assert v.status == skillcert.VERIFY_NAME_MISMATCH
        assert (v.masked_name, v.masked_id, v.org_name, v.level) == (None, None, None, 0)
    assert db.certificate_verify(UNKNOWN, "张小三").status == skillcert.VERIFY_NOT_FOUND
    # Every change left one audit entry.
    assert len(list(db.audit_entries("certificate"))) == 3


def test_certificate_numbering(fx):
    s4 = fx.passed(1, 3)
    assert [fx.report(s4, 1), fx.report(s4, 2)] == \
        ["S000011000001244000001", "S000011000001244000002"]
    # Next year: a sequence of its own; another level too.
    assert fx.report(s4, 3, dt.date(2025, 1, 5)) == "S000011000001254000001"
    s3 = fx.passed(10, 10, level=3)
    assert fx.report(s3, 10) == "S000011000001243000001"
    # The second organization to report gets site 000002.
    s5 = fx.passed(20, 20, level=5, second=True)
    number = fx.report(s5, 20, second=True)
    assert number == "S000011000002245000001"
    assert skillcert.certificate_number_parse(number).site == "000002"
    assert len(list(fx.db.certificates())) == 5


def test_certificate_revoke_and_reissue(fx):
    fx.candidate(1, "王五")
    fx.candidate(2, "赵六")
    s = fx.passed(1, 2)
    db = fx.db
    number = fx.valid(s, 1)

    refused(fx, skillcert.DeniedError, db.certificate_revoke, fx.org2, number, "错误",
            dt.date(2024, 5, 1))
    refused(fx, skillcert.DeniedError, db.certificate_revoke, fx.public, number, "错误",
            dt.date(2024, 5, 1))
    refused(fx, skillcert.ValidationError, db.certificate_revoke, fx.org, number, "",
            dt.date(2024, 5, 1))
    db.certificate_revoke(fx.org, number, "姓名录入错误", dt.date(2024, 5, 1))
    refused(fx, skillcert.ConstraintError, db.certificate_revoke, fx.centre, number, "again",
            dt.date(2024, 5, 2))
    v = db.certificate_verify(number, "王五")
    assert v.status == skillcert.VERIFY_REVOKED and not v
    assert (v.revoked, v.masked_name) == (dt.date(2024, 5, 1), "王*")

    # Re-issue with a corrected name: a new number, reported again.
    fresh = db.certificate_reissue(fx.org, number, "王伍", "姓名更正", dt.date(2024, 5, 2))
    assert fresh == "S000011000001244000002"
    refused(fx, skillcert.ConstraintError, db.certificate_reissue, fx.org, number, None, "again",
            dt.date(2024, 5, 3))
    old = db.certificate_get(number)
    assert (old.status, old.replaced_by, old.revoke_reason) == \
        (skillcert.CERT_REVOKED, fresh, "姓名录入错误")
    new = db.certificate_get(fresh)
    assert (new.status, new.replaces, new.holder, new.session_id) == \
        (skillcert.CERT_REPORTED, number, "王伍", s)
    assert db.certificate_verify(fresh, "王伍").status == skillcert.VERIFY_NOT_PUBLISHED
    db.certificate_issue(fx.org, fresh, "sha256:p2", dt.date(2024, 5, 3))
    db.certificate_publish(fx.centre, fresh, dt.date(2024, 5, 10))
    assert db.certificate_verify(fresh, "王伍").status == skillcert.VERIFY_VALID
    assert db.certificate_verify(number, "王五").status == skillcert.VERIFY_REVOKED

    # Re-issuing a certificate in force revokes it with the reason; holder kept.
    second = fx.valid(s, 2)
    third = db.certificate_reissue(fx.org, second, None, "证书遗失补发", dt.date(2024, 6, 1))
    c = db.certificate_get(second)
    assert (c.status, c.revoke_reason) == (skillcert.CERT_REVOKED, "证书遗失补发")
    assert db.certificate_get(third).holder == "赵六"
    actions = [e.action for e in db.audit_entries("certificate")]
    assert actions.count("certificate.reissue") == 2
    assert actions.count("certificate.revoke") == 2


def test_certificate_of_exited_organization_stays_valid(fx):
    s = fx.passed(1, 2)
    number = fx.valid(s, 1)
    fx.db.org_exit(fx.centre, ORG, "不履行工作承诺", dt.date(2024, 6, 1))
    v = fx.db.certificate_verify(number, "考生1")
    assert v.status == skillcert.VERIFY_VALID
    assert v.org_name == ORG_NAME
    # No new certificate after the exit; before it, yes.
    e = refused(fx, skillcert.ConstraintError, fx.report, s, 2, dt.date(2024, 6, 2))
    assert "may not certify" in e.message
    assert fx.report(s, 2, dt.date(2024, 5, 31)) == "S000011000001244000002"


def test_certificate_post_link(fx):
    s = fx.passed(1, 1)
    number = fx.valid(s, 1)
    db = fx.db
    refused(fx, skillcert.DeniedError, db.certificate_link_post, fx.org2, number, "某物流公司",
            "配送主管", "QY-001", dt.date(2024, 4, 2))
    refused(fx, skillcert.ValidationError, db.certificate_link_post, fx.org, number, "",
            "配送主管", "QY-001", None)
    db.certificate_link_post(fx.org, number, "北京某物流有限公司", "配送主管", "QY-2024-001",
                             dt.date(2024, 4, 2))
    c = db.certificate_get(number)
    assert (c.post_enterprise, c.post_name, c.post_number, c.post_issued) == \
        ("北京某物流有限公司", "配送主管", "QY-2024-001", dt.date(2024, 4, 2))
    # Linking again replaces it.
    db.certificate_link_post(fx.org, number, "北京某物流有限公司", "区域经理", "QY-2024-002",
                             dt.date(2024, 5, 2))
    c = db.certificate_get(number)
    assert (c.post_name, c.post_number, c.post_issued) == ("区域经理", "QY-2024-002", dt.date(2024, 5, 2))
    # Not on a revoked certificate.
    db.certificate_revoke(fx.centre, number, "违规发证", dt.date(2024, 6, 1))
    refused(fx, skillcert.ConstraintError, db.certificate_link_post, fx.org, number, "某公司",
            "岗位", "QY-3", dt.date(2024, 6, 2))


def test_certificate_electronic_document(fx, tmp_path):
    s = fx.passed(1, 2)
    number = fx.valid(s, 1)
    db = fx.db
    db.certificate_link_post(fx.org, number, "北京某物流有限公司", "配送主管", "QY-2024-001",
                             dt.date(2024, 4, 2))
    xml = db.certificate_export_memory(number)
    assert isinstance(xml, str)
    for text in ("urn:skillcert:certificate:1", "<title>职业技能等级证书</title>",
                 'work-type="--"', 'level-text="四级/中级工"', skillcert.CERT_QUERY_URL,
                 skillcert.ORG_QUERY_URL, "北京某物流有限公司", 'status="published"', number):
        assert text in xml
    report = skillcert.Report()
    assert skillcert.validate_memory(xml, "cert.xml", report) == skillcert.DOC_CERTIFICATE
    assert report.error_count() == 0
    # Certificate documents are never imported.
    with pytest.raises(skillcert.ValidationError) as info:
        db.import_memory(fx.centre, xml, "cert.xml")
    assert info.value.code == skillcert.EINVALIDDOC
    # A tampered number no longer validates.
    bad = xml.replace('number="S', 'number="X', 1)
    assert bad != xml
    report.clear()
    with pytest.raises(skillcert.ValidationError) as info:
        skillcert.validate_memory(bad, "bad.xml", report)
    assert info.value.code == skillcert.EINVALIDDOC
    assert report.error_count() > 0

    # As a file; a revoked certificate's document says so.
    db.certificate_revoke(fx.centre, number, "违规发证", dt.date(2024, 6, 1))
    path = str(tmp_path / "cert.xml")
    db.certificate_export_file(number, path)
    assert skillcert.validate_file(path) == skillcert.DOC_CERTIFICATE
    xml = db.certificate_export_memory(number)
    assert 'status="revoked"' in xml
    assert '<revocation date="2024-06-01" reason="违规发证"/>' in xml

    # Only issued certificates, with the holder's photo, have a document.
    reported = fx.report(s, 2)
    with pytest.raises(skillcert.ConstraintError):
        db.certificate_export_memory(reported)
    db.certificate_issue(fx.org, reported, None, dt.date(2024, 3, 11))
    with pytest.raises(skillcert.ConstraintError):
        db.certificate_export_memory(reported)
    with pytest.raises(skillcert.ConstraintError):
        db.certificate_export_file(reported, str(tmp_path / "none.xml"))


def test_certificate_stats_and_listing(fx):
    s = fx.passed(1, 4)
    db = fx.db
    n = [fx.valid(s, i) for i in (1, 2, 3)]           # 3 published, issued 2024-03-15
    n.append(fx.report(s, 4, dt.date(2024, 4, 10)))
    db.certificate_issue(fx.org, n[3], "p", dt.date(2024, 4, 12))   # issued only
    db.certificate_revoke(fx.org, n[2], "作废", dt.date(2024, 5, 1))
    s2 = fx.passed(10, 10, level=5, second=True)
    n.append(fx.report(s2, 10, second=True))
    db.certificate_issue(fx.org2, n[4], "p", dt.date(2024, 3, 20))

    # In force: 2 published + 1 issued of ORG, 1 issued of ORG2.
    assert [r.count for r in db.certificate_stats()] == [4]
    assert [r.count for r in db.certificate_stats(skillcert.STATS_PUBLISHED_ONLY)] == [2]
    rows = {(r.district, r.level): r.count
            for r in db.certificate_stats(skillcert.STATS_DISTRICT | skillcert.STATS_LEVEL)}
    assert rows == {("110102", 5): 1, ("110108", 4): 3}
    rows = [(r.occupation, r.credit_code, r.period, r.count)
            for r in db.certificate_stats(skillcert.STATS_ORG | skillcert.STATS_OCCUPATION
                                          | skillcert.STATS_MONTH)]
    assert rows == [(OCC, ORG2, "2024-03", 1), (OCC, ORG, "2024-03", 2), (OCC, ORG, "2024-04", 1)]
    rows = list(db.certificate_stats(skillcert.STATS_YEAR, from_date=dt.date(2024, 4, 1),
                                     to_date=dt.date(2024, 12, 31)))
    assert [(r.period, r.count) for r in rows] == [("2024", 1)]

    # Listing: by organization, by holder, all.
    assert [c.number for c in db.certificates(ORG)] == sorted(n[:4])
    assert [c.number for c in db.certificates(id_number=resident_id(10))] == [n[4]]
    assert len(list(db.certificates())) == 5
    statuses = {c.number: c.status for c in db.certificates()}
    assert statuses[n[2]] == skillcert.CERT_REVOKED
    assert statuses[n[3]] == skillcert.CERT_ISSUED

    # A batch across organizations: each answer has its own organization and level.
    answers = db.certificate_batch_verify([n[0], n[4], n[1], n[4]],
                                          ["考生1", "考生10", "考生2", "考生10"])
    assert [a.status for a in answers] == [skillcert.VERIFY_VALID, skillcert.VERIFY_NOT_PUBLISHED,
                                           skillcert.VERIFY_VALID, skillcert.VERIFY_NOT_PUBLISHED]
    assert [(a.level, a.org_name) for a in answers] == \
        [(4, ORG_NAME), (5, ORG2_NAME), (4, ORG_NAME), (5, ORG2_NAME)]
    assert answers[1].occupation_name == OCC_NAME and answers[1].work_type == "--"


def test_certificate_batch_verify(fx):
    s = fx.passed(1, 3)
    a = fx.valid(s, 1)
    b = fx.report(s, 2)
    c = fx.valid(s, 3)
    fx.db.certificate_revoke(fx.centre, c, "作废", dt.date(2024, 5, 1))
    answers = fx.db.certificate_batch_verify(
        [a, b, "S000011000001244000777", "garbage", a, c, None],
        ["考生1", "考生2", "x", "x", "考生2", "考生3", None],
        [resident_id(1), None, None, None, None, None, None])
    assert [v.status for v in answers] == [
        skillcert.VERIFY_VALID, skillcert.VERIFY_NOT_PUBLISHED, skillcert.VERIFY_NOT_FOUND,
        skillcert.VERIFY_MALFORMED, skillcert.VERIFY_NAME_MISMATCH, skillcert.VERIFY_REVOKED,
        skillcert.VERIFY_MALFORMED]
    assert answers[0].masked_name == "考*1"
    assert answers[0].masked_id == resident_id(1)[:6] + "********" + resident_id(1)[14:]
    assert answers[3].number == "garbage"
    assert answers[4].masked_name is None
    assert answers[5].revoked == dt.date(2024, 5, 1)
    # The same as one at a time.
    for number, name, v in zip([a, b, c], ["考生1", "考生2", "考生3"],
                               fx.db.certificate_batch_verify([a, b, c],
                                                              ["考生1", "考生2", "考生3"])):
        one = fx.db.certificate_verify(number, name)
        assert (v.status, v.masked_name, v.masked_id, v.issued, v.revoked) == \
            (one.status, one.masked_name, one.masked_id, one.issued, one.revoked)
    # A wrong ID number in the batch is a mismatch.
    [v] = fx.db.certificate_batch_verify([a], ["考生1"], [resident_id(2)])
    assert v.status == skillcert.VERIFY_NAME_MISMATCH


def test_certificate_iterators_outlive_the_database(fx):
    s = fx.passed(1, 2)
    fx.valid(s, 1)
    fx.valid(s, 2)
    certs = fx.db.certificates(ORG)
    stats = fx.db.certificate_stats(skillcert.STATS_LEVEL)
    first = next(certs)
    fx.db.close()
    assert [first.number] + [c.number for c in certs] == \
        ["S000011000001244000001", "S000011000001244000002"]
    assert [(r.level, r.count) for r in stats] == [(4, 2)]
    with pytest.raises(skillcert.Error):
        fx.db.certificate_get(first.number)
