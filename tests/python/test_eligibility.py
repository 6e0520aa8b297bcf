"""Eligibility through the Python binding: rules loaded into a registry, a
ruleset, and decisions with their explanation, word for word (mirrors
check_eligibility.c)."""

import datetime as dt
import pytest

import skillcert

AS_OF = dt.date(2023, 3, 1)
OCC = "4-02-07-10"  # 网约配送员: no rules of its own, the template applies
ID_A = "11010519491231002X"


@pytest.fixture
def rules(db, bureau):
    db.eligibility_load_defaults(bureau)
    return db.ruleset(AS_OF)


def person():
    return skillcert.Candidate(ID_A, "测试")


def test_eligibility_load_defaults(db, bureau):
    result = db.eligibility_load_defaults(bureau)
    assert result.doctype == skillcert.DOC_ELIGIBILITY
    assert result.records > 0
    again = db.eligibility_load_defaults(bureau)
    assert again.already_imported


def test_eligibility_shortfall_message(rules):
    """The issue's example: one day short of four years since the certificate."""
    c = person()
    c.add_certificate(skillcert.CERT_KIND_SKILL_LEVEL, OCC, None, 5, dt.date(2019, 3, 1))
    c.add_work(OCC, dt.date(2019, 3, 1))

    d = rules.decide(c, OCC, None, 4, as_of=dt.date(2023, 2, 28))
    assert isinstance(d, skillcert.Decision)
    assert not d and not d.eligible()
    assert d.reason() == skillcert.REASON_CONDITIONS_NOT_MET
    assert d.matched() is None
    assert d.rules() == "template-2018"
    assert d.message_for("L4-a") == (
        "needs 4 years of work since the level-5 (初级工) certificate (2019-03-01); "
        "has 3 years 11 months")
    assert d.message() == (
        "not eligible for level 4 (中级工) of 4-02-07-10: none of the 4 conditions "
        "of 国家职业技能标准编制技术规程(2018年版) is met")
    conditions = d.conditions
    assert len(conditions) == 4
    assert all(isinstance(k, skillcert.DecisionCondition) for k in conditions)
    assert not any(k.met for k in conditions)

    d = rules.decide(c, OCC, None, 4, as_of=AS_OF)
    assert d and d.eligible()
    assert d.reason() == skillcert.REASON_NONE
    assert d.matched() == "L4-a"
    assert d.clause() == "国家职业技能标准编制技术规程(2018年版) 申报条件 四级/中级工 (1)"
    assert d.message() == (
        "eligible for level 4 (中级工) of 4-02-07-10 under condition L4-a: "
        "国家职业技能标准编制技术规程(2018年版) 申报条件 四级/中级工 (1)")
    assert d.message_for("L4-a") == (
        "met: has 4 years 0 months of work since the level-5 (初级工) certificate "
        "(2019-03-01) (needs 4 years)")
    met = [k for k in d.conditions if k.met]
    assert [k.id for k in met] == ["L4-a"]
    assert met[0].message.startswith("met: ")
    with pytest.raises(KeyError):
        d.message_for("L9-z")


def test_eligibility_template_boundary_one_day_short(rules):
    """L5-a: one year of work, exactly, and one day short."""
    exact = person()
    exact.add_work(OCC, dt.date(2022, 3, 1))
    d = rules.decide(exact, OCC, None, 5, as_of=AS_OF)
    assert d.eligible() and d.matched() == "L5-a"
    short = person()
    short.add_work(OCC, dt.date(2022, 3, 2))
    d = rules.decide(short, OCC, None, 5, as_of=AS_OF)
    assert not d.eligible()
    assert d.message_for("L5-a") == (
        "needs 1 year of work in this or a related occupation; has 0 years 11 months")


def test_eligibility_ruleset_introspection(rules):
    assert rules.date() == AS_OF
    names = [rules.name_at(i) for i in range(rules.count())]
    assert "template-2018" in names
    i = names.index("template-2018")
    assert rules.occupation_at(i) is None
    assert rules.condition_count(i) > 10
    ids = [rules.condition_id(i, j) for j in range(rules.condition_count(i))]
    assert "L4-a" in ids
    assert rules.condition_text(i, ids.index("L4-a"))


def test_eligibility_paths(rules):
    c = person()
    d = rules.decide(c, OCC, None, 4, skillcert.PATH_EXCEPTIONAL, 0, AS_OF)
    assert not d.eligible()
    assert d.reason() != skillcert.REASON_NONE
    assert d.message()


def test_eligibility_decide_errors(rules):
    with pytest.raises(skillcert.ValidationError):
        rules.decide(person(), OCC, None, 9)
    with pytest.raises(skillcert.ValidationError):
        rules.decide(person(), "not-a-code", None, 4)


def test_eligibility_empty_registry(empty_db):
    rs = empty_db.ruleset(AS_OF)
    assert rs.count() == 0
    d = rs.decide(person(), OCC, None, 4)
    assert not d.eligible()
    assert d.reason() == skillcert.REASON_NO_RULES


def test_eligibility_ruleset_outlives_database(bureau):
    db = skillcert.Database()
    db.load_notice(bureau)
    db.eligibility_load_defaults(bureau)
    rs = db.ruleset(AS_OF)
    db.close()
    assert rs.decide(person(), OCC, None, 5).reason() == skillcert.REASON_CONDITIONS_NOT_MET
