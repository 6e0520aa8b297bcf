"""Exchange documents through Database.export_exchange (sc_xml_exchange_export_memory
with its options): the results report of a session and the findings of an inspection,
imported by the city centre and exported again the same; refusals that change nothing;
the options each type needs."""

import datetime as dt
import pytest

import skillcert
from conftest import development

ORG_A = "91110108MA01ABCD2H"  # 海淀区
SCOPE = ["4-02-07-10:5,4"]
C1 = "11010519491231002X"
C2 = "110105198001011238"

RESULTS = """<?xml version="1.0" encoding="UTF-8"?>
<results-report xmlns="urn:skillcert:results-report:1" version="1" batch="rr-2024-03" \
issuer="org:91110108MA01ABCD2H" addressee="city-centre" credit-code="91110108MA01ABCD2H" reported="2024-03-10">
  <session occupation="4-02-07-10" level="4" path="normal" date="2024-03-01" \
components="theory practical" venue="海淀考点" venue-address="北京市海淀区中关村大街1号" \
district="110108" venue-rooms="2" rooms="1">
    <staff component="theory" person-id="E01" role="examiner"/>
    <staff component="theory" person-id="E02" role="examiner"/>
    <staff component="practical" person-id="E01" role="examiner"/>
    <staff component="practical" person-id="E02" role="examiner"/>
    <staff component="practical" person-id="E03" role="examiner"/>
  </session>
  <candidate id-number="11010519491231002X" name="王芳" attempt="1" passed="true" \
recorded="2024-03-02">
    <score component="theory" value="80"/>
    <score component="practical" value="75.5"/>
  </candidate>
  <candidate id-number="110105198001011238" name="李小明" attempt="1" passed="false" \
recorded="2024-03-02">
    <score component="theory" value="50"/>
    <score component="practical" value="75"/>
  </candidate>
</results-report>
"""

FINDINGS = """<?xml version="1.0" encoding="UTF-8"?>
<supervision-findings xmlns="urn:skillcert:supervision-findings:1" version="1" batch="sf-1" \
issuer="district:110108" addressee="city-centre" credit-code="91110108MA01ABCD2H" issued="2024-04-10" from="district" district="110108">
  <inspection kind="organization" opened="2024-04-01" opened-by="district:110108 (海淀区人社局)" \
note="例行抽查">
    <finding category="disclosure" severity="minor" evidence="收费标准未公示 &amp; 未备案" \
date="2024-04-02" recorded-by="district:110108 (海淀区人社局)">
      <entity ref="org:91110108MA01ABCD2H"/>
    </finding>
  </inspection>
</supervision-findings>
"""


@pytest.fixture
def actors():
    A = skillcert.Actor
    return {
        "city": A(skillcert.ACTOR_CITY_BUREAU, None, "test"),
        "centre": A(skillcert.ACTOR_CITY_CENTRE, None, "test"),
        "haidian": A(skillcert.ACTOR_DISTRICT, "110108", "test"),
        "org": A(skillcert.ACTOR_ORGANIZATION, ORG_A, "test"),
    }


@pytest.fixture
def city(actors):
    """The city's registry: the notice's catalog, organization A filed and active, with
    its examiners filed and its venue inspected (acts no exchange document carries, which
    the results report's staffing and confirmation are checked against)."""
    with skillcert.Database() as db:
        development(db)  # unsigned fixtures: a development registry
        db.load_notice(actors["city"])
        db.org_register(actors["org"], ORG_A, "北京智训科技有限公司", skillcert.ORG_ENTERPRISE,
                        "110108", dt.date(2023, 1, 5))
        db.org_apply(actors["org"], ORG_A, SCOPE, dt.date(2023, 2, 1))
        db.org_recommend(actors["haidian"], ORG_A, dt.date(2023, 2, 10), "材料齐全")
        db.org_evaluate(actors["centre"], ORG_A, None, skillcert.EVAL_ALL, dt.date(2023, 3, 1))
        db.org_notice(actors["centre"], ORG_A, dt.date(2023, 3, 10))
        db.org_file(actors["centre"], ORG_A, dt.date(2023, 5, 10))
        db.org_commit(actors["org"], ORG_A, dt.date(2023, 5, 12))
        for i in range(1, 4):
            db.staff_add(actors["org"], ORG_A, "E%02d" % i, "考评员", skillcert.STAFF_EXAMINER,
                         ["4-02-07-10:4"], dt.date(2023, 6, 1))
        venue = db.venue_register(actors["org"], ORG_A, "海淀考点", "北京市海淀区中关村大街1号",
                                  "110108", 2, dt.date(2023, 6, 1))
        db.venue_inspect(actors["haidian"], venue, True, "场地合格", dt.date(2023, 6, 5))
        yield db


def test_exchange_doctypes():
    assert skillcert.DOC_RESULTS_REPORT == 17
    assert skillcert.DOC_FINDINGS == 21


def test_exchange_results_report_round_trip(city, actors):
    r = city.import_memory(actors["centre"], RESULTS, "results.xml")
    assert (r.doctype, r.records, r.already_imported) == (skillcert.DOC_RESULTS_REPORT, 2, 0)
    out = city.export_exchange(skillcert.DOC_RESULTS_REPORT, date=dt.date(2024, 3, 10),
                               batch="rr-2024-03", id=1)
    assert isinstance(out, str)
    assert out == RESULTS
    again = city.import_memory(actors["centre"], RESULTS, "results.xml")
    assert again.already_imported == 1
    # the organization named must be the session's
    with pytest.raises(skillcert.ConstraintError):
        city.export_exchange(skillcert.DOC_RESULTS_REPORT, credit_code="52110102MJ00123450",
                             id=1)


def test_exchange_results_report_refused(city, actors):
    wrong_ns = RESULTS.replace("urn:skillcert:results-report:1", "urn:skillcert:other:1")
    with pytest.raises(skillcert.ValidationError):
        city.import_memory(actors["centre"], wrong_ns, "ns.xml")
    with pytest.raises(skillcert.ValidationError):
        city.import_memory(actors["centre"], RESULTS[:len(RESULTS) // 2], "cut.xml")
    lie = RESULTS.replace('passed="false"', 'passed="true"')
    with pytest.raises(skillcert.ValidationError) as info:
        city.import_memory(actors["centre"], lie, "lie.xml")
    assert info.value.field == "results-report/candidate[3]/@passed"
    assert info.value.line == 17
    # staffed by someone not on the organization's staff: refused as sc_session_staff_add
    stranger = RESULTS.replace('"practical" person-id="E03"', '"practical" person-id="E09"')
    with pytest.raises(skillcert.ValidationError) as info:
        city.import_memory(actors["centre"], stranger, "stranger.xml")
    assert info.value.field == "results-report/session[1]/staff[5]/@person-id"
    assert "E09 is not on the staff of " + ORG_A + " on 2024-03-01" in str(info.value)
    with pytest.raises(skillcert.DeniedError):
        city.import_memory(actors["org"], RESULTS, "results.xml")
    # nothing was imported: there is no session to export
    with pytest.raises(skillcert.NotFoundError):
        city.export_exchange(skillcert.DOC_RESULTS_REPORT, id=1)


def test_exchange_findings_round_trip(city, actors):
    r = city.import_memory(actors["centre"], FINDINGS, "findings.xml")
    assert (r.doctype, r.records) == (skillcert.DOC_FINDINGS, 2)
    out = city.export_exchange(skillcert.DOC_FINDINGS, date=dt.date(2024, 4, 10), batch="sf-1", id=1)
    assert out == FINDINGS


def test_exchange_findings_refused(city, actors):
    other = FINDINGS.replace('district="110108"', 'district="110102"')
    with pytest.raises(skillcert.ValidationError) as info:
        city.import_memory(actors["centre"], other, "other.xml")
    assert info.value.field == "supervision-findings/@district"
    with pytest.raises(skillcert.DeniedError):
        city.import_memory(actors["haidian"], FINDINGS, "findings.xml")
    with pytest.raises(skillcert.NotFoundError):
        city.export_exchange(skillcert.DOC_FINDINGS, id=1)


def test_exchange_options(city):
    with pytest.raises(skillcert.ValidationError):
        city.export_exchange(skillcert.DOC_RESULTS_REPORT)
    with pytest.raises(skillcert.ValidationError):
        city.export_exchange(skillcert.DOC_CANDIDATE_BATCH)
    with pytest.raises(skillcert.ValidationError):
        city.export_exchange(skillcert.DOC_REVOCATIONS)
    text = city.export_exchange(skillcert.DOC_REVOCATIONS, credit_code=ORG_A,
                                date=dt.date(2024, 4, 10), batch="rev-1")
    assert '<revocations xmlns="urn:skillcert:revocations:1"' in text
    assert 'batch="rev-1"' in text and 'issued="2024-04-10"' in text
    # types without options export as export_memory
    assert city.export_exchange(skillcert.DOC_CATALOG) == city.export_memory()
