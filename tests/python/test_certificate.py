"""Certificates through the Python binding: numbers and masking, public
verification (single and batch), statistics, the electronic certificate,
and the workflow report -> issue -> publish, revocation and re-issue, the
enterprise post certificate of "一岗双认" (mirrors check_certificate.c)."""

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
    assert (v.masked_name, v.masked_id, v.org_name, v.issued, v.level) == ("", "", "", "", 0)
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
        ("", 0, "", "", "")
    assert [r.count for r in notice_db.certificate_stats(skillcert.STATS_PUBLISHED_ONLY)] == [0]
    # Grouped: no group at all.
    assert list(notice_db.certificate_stats(skillcert.STATS_LEVEL | skillcert.STATS_DISTRICT,
                                            "2024-01-01", "2024-12-31")) == []
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
        lambda: notice_db.certificate_issue(org, UNKNOWN, "sha256:p", "2024-03-15"),
        lambda: notice_db.certificate_publish(centre, UNKNOWN, "2024-04-01"),
        lambda: notice_db.certificate_revoke(centre, UNKNOWN, "作废", "2024-05-01"),
        lambda: notice_db.certificate_reissue(org, UNKNOWN, None, "补发", "2024-05-01"),
        lambda: notice_db.certificate_link_post(org, UNKNOWN, "某公司", "配送主管", "QY-1"),
        lambda: notice_db.certificate_get(UNKNOWN),
        lambda: notice_db.certificate_export_memory(UNKNOWN),
        lambda: notice_db.certificate_report(org, 4242, "11010519491231002X", "2024-03-10"),
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
