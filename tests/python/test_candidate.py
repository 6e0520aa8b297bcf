"""Candidates through the Python binding: resident ID numbers, the record
builder and its getters, save/load and who may save (mirrors check_candidate.c)."""

import datetime as dt
import pytest

import skillcert

ID_A = "11010519491231002X"


def test_candidate_id_worked_examples():
    r = skillcert.resident_id_parse("11010519491231002X")
    assert (r.number, r.area, r.birth_date, r.sex) == (
        "11010519491231002X", "110105", dt.date(1949, 12, 31), skillcert.SEX_FEMALE)
    r = skillcert.resident_id_parse("110105198001011238")
    assert (r.birth_date, r.sex) == (dt.date(1980, 1, 1), skillcert.SEX_MALE)


def test_candidate_id_lower_case_x():
    assert skillcert.resident_id_parse("11010519491231002x").number == ID_A
    assert skillcert.resident_id_normalize("  11010519491231002x\t") == ID_A


def test_candidate_id_bad_check():
    with pytest.raises(skillcert.ValidationError) as info:
        skillcert.resident_id_parse("110105194912310021")
    assert "should be X" in info.value.message
    assert info.value.field == "id_number"
    with pytest.raises(skillcert.ValidationError) as info:
        skillcert.resident_id_normalize("110105198001011239")
    assert "should be 8" in str(info.value)


def test_candidate_kind_names():
    assert skillcert.education_kind_name(skillcert.EDUCATION_BACHELOR) == "bachelor"
    assert skillcert.education_kind_parse("技师学院") == skillcert.EDUCATION_TECHNICIAN_COLLEGE
    assert skillcert.cert_kind_name(skillcert.CERT_KIND_PRE_TECHNICIAN) == "pre-technician"
    assert skillcert.evidence_kind_parse("veteran-nco") == skillcert.EVIDENCE_VETERAN_NCO
    assert skillcert.scope_name(skillcert.SCOPE_NATIONAL) == "national"
    assert skillcert.path_name(skillcert.PATH_DIRECT) == "direct"
    assert skillcert.path_parse("exceptional") == skillcert.PATH_EXCEPTIONAL
    with pytest.raises(skillcert.ValidationError):
        skillcert.scope_parse("galactic")


def sample(name="王芳"):
    c = skillcert.Candidate("11010519491231002x", name)
    c.add_education(skillcert.EDUCATION_TECHNICAL_SCHOOL, "无人机应用技术",
                    skillcert.EDUCATION_RELATED, dt.date(2015, 7, 1))
    c.add_education(skillcert.EDUCATION_JUNIOR_COLLEGE, flags=skillcert.EDUCATION_FINAL_YEAR)
    c.add_work("4—99—00—00", dt.date(2019, 3, 1))
    c.add_work("4-99-00-00", dt.date(2015, 8, 1), dt.date(2018, 12, 31))
    c.add_certificate(skillcert.CERT_KIND_QUALIFICATION, "4-99-00-00", "航拍", 5, dt.date(2016, 5, 20),
                      "1611000000500001")
    c.add_certificate(skillcert.CERT_KIND_PRE_TECHNICIAN, "4-99-00-00", None, 0, dt.date(2018, 7, 1))
    c.set_apprenticeship("4-99-00-00", dt.date(2016, 1, 31))
    c.add_evidence(skillcert.EVIDENCE_COMPETITION_AWARD, "4-99-00-00", skillcert.SCOPE_NATIONAL,
                   dt.date(2021, 10, 1), "全国职业技能大赛 银奖")
    c.add_evidence(skillcert.EVIDENCE_MAJOR_EVENT, None, 0, dt.date(2022, 2, 4), "北京冬奥会 航拍保障")
    return c


def assert_sample(c, name="王芳"):
    assert (c.id_number(), c.name(), c.birth_date(), c.sex()) == (
        ID_A, name, dt.date(1949, 12, 31), skillcert.SEX_FEMALE)
    assert c.education_count() == 2
    assert c.education_kind(0) == skillcert.EDUCATION_TECHNICAL_SCHOOL
    assert c.education_major(0) == "无人机应用技术"
    assert c.education_flags(0) == skillcert.EDUCATION_RELATED
    assert c.education_graduated(0) == dt.date(2015, 7, 1)
    assert c.education_major(1) is None
    # Work periods in order of their first day, codes in ASCII.
    assert c.work_count() == 2
    assert (c.work_occupation(0), c.work_start(0), c.work_end(0)) == (
        "4-99-00-00", dt.date(2015, 8, 1), dt.date(2018, 12, 31))
    assert (c.work_start(1), c.work_end(1)) == (dt.date(2019, 3, 1), None)
    assert c.certificate_count() == 2
    assert c.certificate_work_type(0) == "航拍"
    assert c.certificate_level(0) == 5
    assert c.certificate_number(0) == "1611000000500001"
    assert c.certificate_number(1) is None
    assert (c.apprenticeship_occupation(), c.apprenticeship_completed()) == (
        "4-99-00-00", dt.date(2016, 1, 31))
    assert c.evidence_count() == 2
    assert c.evidence_grade(0) == skillcert.SCOPE_NATIONAL
    assert c.evidence_description(0) == "全国职业技能大赛 银奖"
    assert c.evidence_occupation(1) is None


def test_candidate_new_and_getters():
    assert_sample(sample())


def test_candidate_builder_errors():
    with pytest.raises(skillcert.ValidationError):
        skillcert.Candidate("110105194912310021", "王芳")
    c = skillcert.Candidate(ID_A, "王芳")
    with pytest.raises(skillcert.ValidationError):
        c.add_work("4-99-00-00", "2019-02-30")
    with pytest.raises(skillcert.ValidationError):
        c.add_work("4-99-00-00", dt.date(2019, 3, 1), dt.date(2019, 1, 1))
    assert c.work_count() == 0


def test_candidate_save_load_round_trip(db):
    me = skillcert.Actor(skillcert.ACTOR_CANDIDATE, "11010519491231002x", "test")
    db.candidate_save(me, sample())
    back = db.candidate_load("11010519491231002x")
    assert isinstance(back, skillcert.Candidate)
    assert_sample(back)


def test_candidate_save_denied(db):
    c = sample()
    for kind, scope in ((skillcert.ACTOR_CANDIDATE, "110105198001011238"),
                        (skillcert.ACTOR_CITY_BUREAU, None),
                        (skillcert.ACTOR_DISTRICT, "110105"),
                        (skillcert.ACTOR_PUBLIC, None)):
        with pytest.raises(skillcert.DeniedError) as info:
            db.candidate_save(skillcert.Actor(kind, scope), c)
        assert info.value.domain == skillcert.DOMAIN_AUTH
    with pytest.raises(skillcert.NotFoundError):
        db.candidate_load(ID_A)


def test_candidate_load_errors(db):
    with pytest.raises(skillcert.NotFoundError):
        db.candidate_load("110105198001011238")
    with pytest.raises(skillcert.ValidationError):
        db.candidate_load("110105198001011239")
