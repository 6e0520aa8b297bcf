"""What the binding guarantees whatever the caller does (issue 13):

- objects keep alive what their data borrows: a Decision's texts point into
  the Ruleset it was decided with, so db.ruleset(d).decide(...).matched()
  must not read freed memory (run this file under valgrind to see it: the
  command is in tests/python/run-valgrind.sh);
- a text argument holding a NUL character is refused with ValueError,
  never cut at the NUL (the C library would go on with the shorter text).
"""

import datetime as dt
import datetime
import gc
import weakref

import pytest

import skillcert
from test_certificate import Registry, resident_id

AS_OF = dt.date(2023, 3, 1)
OCC = "4-02-07-10"
ID_A = "11010519491231002X"
ORG_A = "91110108MA01ABCD2H"


def churn():
    """Collect, then allocate and drop a lot, so that freed blocks are reused."""
    gc.collect()
    junk = [bytearray(256) for _ in range(2000)]
    junk += [("x" * 64) + str(i) for i in range(2000)]
    del junk
    gc.collect()


def candidate():
    c = skillcert.Candidate(ID_A, "测试")
    c.add_certificate(skillcert.CERT_KIND_SKILL_LEVEL, OCC, None, 5, dt.date(2019, 3, 1))
    c.add_work(OCC, dt.date(2019, 3, 1))
    return c


# ---- lifetimes ---------------------------------------------------------------------------------

def test_decision_outlives_the_ruleset_it_borrows_from(db, bureau):
    """The issue's one-liner: the ruleset is a temporary, dropped at once."""
    db.eligibility_load_defaults(bureau)
    d = db.ruleset(AS_OF).decide(candidate(), OCC, None, 4, as_of=AS_OF)
    churn()
    assert d.matched() == "L4-a"
    assert d.clause() == "国家职业技能标准编制技术规程(2018年版) 申报条件 四级/中级工 (1)"
    assert d.rules() == "template-2018"
    assert d.standard() == "国家职业技能标准编制技术规程(2018年版)"
    assert [k.id for k in d.conditions if k.met] == ["L4-a"]
    assert d.message().startswith("eligible for level 4 (中级工) of 4-02-07-10 under condition L4-a")


def test_decision_holds_its_ruleset_until_dropped(db, bureau):
    db.eligibility_load_defaults(bureau)
    rules = db.ruleset(AS_OF)
    seen = weakref.ref(rules)
    d = rules.decide(candidate(), OCC, None, 4, as_of=dt.date(2023, 2, 28))
    del rules
    churn()
    assert seen() is not None, "the decision let its ruleset go"
    assert d.message_for("L4-a").startswith("needs 4 years of work")
    del d
    gc.collect()
    assert seen() is None, "the ruleset outlived every decision"


def test_decision_and_ruleset_outlive_the_database(bureau):
    db = skillcert.Database()
    db.load_notice(bureau)
    db.eligibility_load_defaults(bureau)
    d = db.ruleset(AS_OF).decide(candidate(), OCC, None, 4, as_of=AS_OF)
    db.close()
    del db
    churn()
    assert d.matched() == "L4-a"


# ---- embedded NUL: refused, never cut ---------------------------------------------------------

def refused_nul(call, *args, **kwargs):
    with pytest.raises(ValueError) as info:
        call(*args, **kwargs)
    assert "NUL" in str(info.value)
    return info.value


def test_nul_in_org_name_changes_nothing(db):
    org = skillcert.Actor(skillcert.ACTOR_ORGANIZATION, ORG_A, "test")
    before = sum(1 for _ in db.audit_entries())
    refused_nul(db.org_register, org, ORG_A, "ab\0cd", skillcert.ORG_ENTERPRISE, "110108",
                dt.date(2023, 1, 5))
    with pytest.raises(skillcert.NotFoundError):
        db.org_get(ORG_A)
    assert sum(1 for _ in db.audit_entries()) == before
    # The same call without the NUL goes through, with the whole name.
    db.org_register(org, ORG_A, "abcd", skillcert.ORG_ENTERPRISE, "110108", dt.date(2023, 1, 5))
    assert db.org_get(ORG_A, dt.date(2023, 1, 6)).name == "abcd"


@pytest.mark.parametrize("call, valid", [
    (skillcert.credit_code_validate, "91350100M000100Y43"),
    (skillcert.resident_id_parse, ID_A),
    (skillcert.resident_id_normalize, ID_A),
    (skillcert.certificate_number_parse, "S000011000001243000001"),
])
def test_nul_after_a_valid_identifier(call, valid):
    assert call(valid)               # valid alone
    refused_nul(call, valid + "\0junk")
    refused_nul(call, valid + "\0")


def test_nul_in_actor_scope():
    refused_nul(skillcert.Actor, skillcert.ACTOR_DISTRICT, "110108\0x", "test")
    refused_nul(skillcert.Actor, skillcert.ACTOR_DISTRICT, "110108", "海淀\0区")
    assert skillcert.Actor(skillcert.ACTOR_DISTRICT, "110108", "test").scope == "110108"


def test_nul_in_dates_and_keywords(db, bureau):
    db.eligibility_load_defaults(bureau)
    refused_nul(db.ruleset, "2023-03-01\0x")
    rules = db.ruleset(AS_OF)
    refused_nul(rules.decide, candidate(), OCC, None, 4, as_of="2023-03-01\0")
    refused_nul(rules.decide, candidate(), OCC + "\0", None, 4)


def test_nul_in_lists_of_strings(db):
    refused_nul(db.certificate_batch_verify, ["S000011000001244000099"], ["张三\0x"])
    refused_nul(db.certificate_batch_verify, ["S000011000001244000099\0"], ["张三"])


def test_nul_in_certificate_verify_holder():
    """certificate_verify(number, "张三\\0x") must not match 张三."""
    with skillcert.Database() as db:
        fx = Registry(db)
        fx.candidate(1, "张三")
        s = fx.passed(1, 1)
        number = fx.valid(s, 1)
        assert db.certificate_verify(number, "张三").status == skillcert.VERIFY_VALID
        refused_nul(db.certificate_verify, number, "张三\0x")
        refused_nul(db.certificate_verify, number + "\0x", "张三")
        refused_nul(db.certificate_verify, number, "张三", resident_id(1) + "\0")
        answers = db.certificate_batch_verify([number], ["张三"])
        assert [a.status for a in answers] == [skillcert.VERIFY_VALID]


def test_nul_in_a_document_in_memory(empty_db, bureau):
    """A document given with its length: a NUL inside is malformed XML."""
    data = empty_db.export_memory(skillcert.DOC_CATALOG).encode("utf-8")
    cut = data.index(b">") + 1
    bad = data[:cut] + b"\0" + data[cut:]
    with pytest.raises(skillcert.ValidationError):
        empty_db.import_memory(bureau, bad)
    with pytest.raises(skillcert.ValidationError):
        skillcert.validate_memory(bad)


def test_wrong_types_are_type_errors(db):
    with pytest.raises(TypeError):
        skillcert.credit_code_validate(123)
    with pytest.raises(TypeError):
        skillcert.credit_code_validate(b"91350100M000100Y43")


def test_dates_as_date_objects(db, bureau):
    db.eligibility_load_defaults(bureau)
    rules = db.ruleset(datetime.date(2023, 3, 1))
    assert rules.date() == AS_OF
    c = skillcert.Candidate(ID_A, "测试")
    c.add_certificate(skillcert.CERT_KIND_SKILL_LEVEL, OCC, None, 5, datetime.date(2019, 3, 1))
    c.add_work(OCC, datetime.date(2019, 3, 1))
    assert rules.decide(c, OCC, None, 4, as_of=datetime.date(2023, 3, 1)).eligible()
    assert not rules.decide(c, OCC, None, 4, as_of=datetime.date(2023, 2, 28)).eligible()
    assert db.check(OCC, None, 5, datetime.datetime(2023, 6, 1, 12, 30)).ok
    with pytest.raises(TypeError):
        db.ruleset(20230301)
