"""The filing workflow documents (organization application, district
recommendation, evaluation result, directory) through the Python binding:
hand-written documents imported with Database.import_memory and checked with
validate_memory, between separate registries; refusals change nothing
(mirrors check_xml_org.c)."""

import datetime as dt
import pytest

import skillcert
from conftest import development

ORG_A = "91110108MA01ABCD2H"  # 海淀区, enterprise
IDENT = ('credit-code="%s" name="北京智训科技有限公司" kind="enterprise" district="110108" '
         'registered="2023-01-05"' % ORG_A)
OFFERINGS = """    <offering occupation="4-02-07-10" level="5"/>
    <offering occupation="4-02-07-10" level="4"/>
"""

APPLICATION = """<?xml version="1.0" encoding="UTF-8"?>
<organization-application xmlns="urn:skillcert:organization-application:1" version="1" batch="oa-1" issuer="org:91110108MA01ABCD2H" addressee="district:110108" %s sent="2023-02-02">
  <application kind="initial" applied="2023-02-01">
%s  </application>
</organization-application>
""" % (IDENT, OFFERINGS)

RECOMMENDATION = """<?xml version="1.0" encoding="UTF-8"?>
<district-recommendation xmlns="urn:skillcert:district-recommendation:1" version="1" batch="dr-1" issuer="district:110108" addressee="city-centre" %s sent="2023-02-11">
  <application kind="initial" applied="2023-02-01">
%s  </application>
  <decision outcome="recommended" date="2023-02-10"/>
</district-recommendation>
""" % (IDENT, OFFERINGS)

RESULT = """<?xml version="1.0" encoding="UTF-8"?>
<evaluation-result xmlns="urn:skillcert:evaluation-result:1" version="1" batch="er-1" issuer="city-centre" addressee="org:91110108MA01ABCD2H" credit-code="%s" district="110108" issued="2023-05-11">
  <application kind="initial" applied="2023-02-01" recommended="2023-02-10">
%s  </application>
  <outcome decision="filed" evaluated="2023-03-01" methods="materials expert" noticed="2023-03-10" filed="2023-05-10" receipt="BJ-2023-0001" valid-until="2026-05-09">
    <granted occupation="4-02-07-10" level="5"/>
  </outcome>
</evaluation-result>
""" % (ORG_A, OFFERINGS)

DIRECTORY = """<?xml version="1.0" encoding="UTF-8"?>
<directory xmlns="urn:skillcert:directory:1" version="1" batch="dir-2023-06-01" issuer="city-centre" as-of="2023-06-01">
  <organization %s>
    <filing kind="initial" receipt="BJ-2023-0001" applied="2023-02-01" filed="2023-05-10" valid-until="2026-05-09" committed="2023-05-12">
      <offering occupation="4-02-07-10" level="5"/>
    </filing>
  </organization>
</directory>
""" % IDENT


class Actors:
    def __init__(self):
        A = skillcert.Actor
        self.centre = A(skillcert.ACTOR_CITY_CENTRE, None, "test")
        self.haidian = A(skillcert.ACTOR_DISTRICT, "110108", "test")
        self.chaoyang = A(skillcert.ACTOR_DISTRICT, "110105", "test")
        self.org_a = A(skillcert.ACTOR_ORGANIZATION, ORG_A, "test")


@pytest.fixture
def who():
    return Actors()


@pytest.fixture
def reg(who):
    """A registry of its own with the notice's catalog."""
    with skillcert.Database() as db:
        development(db)  # unsigned fixtures: a development registry
        db.load_notice(skillcert.Actor(skillcert.ACTOR_CITY_BUREAU, None, "test"))
        yield db


def test_xml_org_documents_validate_with_their_type():
    for doc, doctype, name in [
            (APPLICATION, skillcert.DOC_ORG_APPLICATION, "organization-application"),
            (RECOMMENDATION, skillcert.DOC_RECOMMENDATION, "district-recommendation"),
            (RESULT, skillcert.DOC_EVALUATION_RESULT, "evaluation-result"),
            (DIRECTORY, skillcert.DOC_DIRECTORY, "directory")]:
        assert skillcert.validate_memory(doc) == doctype
        assert skillcert.doctype_name(doctype) == name
        assert skillcert.doctype_namespace(doctype) == "urn:skillcert:%s:1" % name
    assert (skillcert.DOC_ORG_APPLICATION, skillcert.DOC_RECOMMENDATION,
            skillcert.DOC_EVALUATION_RESULT, skillcert.DOC_DIRECTORY) == (13, 14, 15, 16)


def test_xml_org_application_to_the_district(reg, who):
    result = reg.import_memory(who.haidian, APPLICATION, "oa.xml")
    assert result.doctype == skillcert.DOC_ORG_APPLICATION
    assert result.records == 1
    assert result.batch_id == "oa-1"
    org = reg.org_get(ORG_A, dt.date(2023, 2, 2))
    assert org.name == "北京智训科技有限公司"
    assert org.status == skillcert.FILING_APPLIED
    again = reg.import_memory(who.haidian, APPLICATION)
    assert again.already_imported is True
    assert again.records == 0
    # The district goes on from there.
    reg.org_recommend(who.haidian, ORG_A, dt.date(2023, 2, 10))
    assert reg.org_get(ORG_A, dt.date(2023, 2, 10)).status == skillcert.FILING_RECOMMENDED


def test_xml_org_application_refusals_change_nothing(reg, who):
    with pytest.raises(skillcert.DeniedError):
        reg.import_memory(who.chaoyang, APPLICATION)
    with pytest.raises(skillcert.DeniedError):
        reg.import_memory(who.centre, APPLICATION)
    wrong = APPLICATION.replace("organization-application:1", "organization-application:9")
    with pytest.raises(skillcert.ValidationError) as info:
        reg.import_memory(who.haidian, wrong)
    assert info.value.code == skillcert.EINVALIDDOC
    with pytest.raises(skillcert.ValidationError) as info:
        reg.import_memory(who.haidian, APPLICATION[:len(APPLICATION) * 2 // 3])
    assert info.value.code == skillcert.EXML
    twice = APPLICATION.replace('level="4"', 'level="5"')
    report = skillcert.Report()
    with pytest.raises(skillcert.ValidationError) as info:
        reg.import_memory(who.haidian, twice, "twice.xml", report)
    assert info.value.line == 5
    assert report[0].field == "organization-application/application[1]/offering[2]/@occupation"
    # None of them recorded the organization.
    with pytest.raises(skillcert.NotFoundError):
        reg.org_get(ORG_A)


def test_xml_org_recommendation_and_result(reg, who):
    # The city's registry: the recommendation, then its own steps.
    result = reg.import_memory(who.centre, RECOMMENDATION)
    assert result.doctype == skillcert.DOC_RECOMMENDATION
    assert reg.org_get(ORG_A, dt.date(2023, 2, 11)).status == skillcert.FILING_RECOMMENDED
    with skillcert.Database() as district:
        development(district)  # unsigned fixtures: a development registry
        district.load_notice(skillcert.Actor(skillcert.ACTOR_CITY_BUREAU, None, "test"))
        district.import_memory(who.haidian, APPLICATION)
        district.org_recommend(who.haidian, ORG_A, dt.date(2023, 2, 10))
        result = district.import_memory(who.org_a, RESULT)
        assert result.doctype == skillcert.DOC_EVALUATION_RESULT
        org = district.org_get(ORG_A, dt.date(2023, 5, 11))
        assert org.status == skillcert.FILING_FILED
        assert org.receipt == "BJ-2023-0001"
        assert org.valid_until == dt.date(2026, 5, 9)
        # A result for an application the district does not hold: line 3, @applied.
        other = RESULT.replace('batch="er-1"', 'batch="er-2"').replace(
            'applied="2023-02-01"', 'applied="2023-01-31"')
        with pytest.raises(skillcert.ValidationError) as info:
            district.import_memory(who.org_a, other)
        assert info.value.line == 3


def test_xml_org_directory_refreshes_a_copy(reg, who):
    # A public document (issue 11): any party takes it, the public does not.
    with pytest.raises(skillcert.DeniedError):
        reg.import_memory(skillcert.Actor(skillcert.ACTOR_PUBLIC), DIRECTORY)
    result = reg.import_memory(who.org_a, DIRECTORY)
    assert result.doctype == skillcert.DOC_DIRECTORY
    assert result.records == 1
    listed = list(reg.directory(dt.date(2023, 6, 1)))
    assert [(o.credit_code, o.status, o.receipt) for o in listed] == [
        (ORG_A, skillcert.FILING_ACTIVE, "BJ-2023-0001")]
    verdict = reg.may_certify(ORG_A, "4-02-07-10", None, 5, dt.date(2023, 6, 1))
    assert verdict.ok
