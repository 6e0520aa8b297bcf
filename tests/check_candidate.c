/* Candidates: resident ID numbers, the record builder, saving and loading. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_suites.h"
#include "sc_int.h"

/* Complete 17 digits with their ISO 7064 MOD 11-2 check character. */
static void with_check(char out[19], const char *digits17)
{
    static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    int i, sum = 0;
    for (i = 0; i < 17; i++)
        sum += (digits17[i] - '0') * w[i];
    memcpy(out, digits17, 17);
    out[17] = "10X98765432"[sum % 11];
    out[18] = '\0';
}

/* ---- resident ID numbers ---- */

START_TEST(test_candidate_id_worked_examples)
{
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    ck_ok(sc_resident_id_parse(&r, "11010519491231002X"));
    ck_assert_str_eq(r.number, "11010519491231002X");
    ck_assert_str_eq(r.area, "110105");
    ck_assert_str_eq(r.birth_date, "1949-12-31");
    ck_assert_int_eq(r.sex, SC_SEX_FEMALE); /* 17th digit 2: even */

    ck_ok(sc_resident_id_parse(&r, "110105198001011238"));
    ck_assert_str_eq(r.birth_date, "1980-01-01");
    ck_assert_int_eq(r.sex, SC_SEX_MALE); /* 17th digit 3: odd */
}
END_TEST

START_TEST(test_candidate_id_lower_case_x)
{
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    char *norm = NULL;
    ck_ok(sc_resident_id_parse(&r, "11010519491231002x"));
    ck_assert_str_eq(r.number, "11010519491231002X");
    ck_ok(sc_resident_id_normalize(&norm, "  11010519491231002x\t"));
    ck_assert_str_eq(norm, "11010519491231002X");
    sc_free(norm);
}
END_TEST

START_TEST(test_candidate_id_bad_check)
{
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    char *norm = (char *)"x";
    ck_assert_int_eq(sc_resident_id_parse(&r, "110105194912310021"), SC_EINVAL);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "should be X"));
    ck_assert_str_eq(sc_error_last()->field, "id_number");
    ck_assert_str_eq(r.number, ""); /* zeroed on failure */
    ck_assert_int_eq(sc_resident_id_parse(&r, "110105198001011239"), SC_EINVAL);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "should be 8"));
    ck_assert_int_eq(sc_resident_id_normalize(&norm, "110105198001011239"), SC_EINVAL);
    ck_assert_ptr_null(norm);
}
END_TEST

START_TEST(test_candidate_id_bad_date)
{
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    char id[19];
    with_check(id, "11010519800230123"); /* 30 February, with a correct check digit */
    ck_assert_int_eq(sc_resident_id_parse(&r, id), SC_EINVAL);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "not a calendar date"));
    with_check(id, "11010519001301123"); /* month 13 */
    ck_assert_int_eq(sc_resident_id_parse(&r, id), SC_EINVAL);
    with_check(id, "11010518991231123"); /* before 1900 */
    ck_assert_int_eq(sc_resident_id_parse(&r, id), SC_EINVAL);
    with_check(id, "11010520000229123"); /* a real leap day */
    ck_ok(sc_resident_id_parse(&r, id));
    ck_assert_str_eq(r.birth_date, "2000-02-29");
    with_check(id, "11010519000229123"); /* 1900 was not a leap year */
    ck_assert_int_eq(sc_resident_id_parse(&r, id), SC_EINVAL);
}
END_TEST

START_TEST(test_candidate_id_bad_length_and_characters)
{
    static const char *bad[] = {
        "",                    "11010519491231002",   "11010519491231002X1",
        "1101051949123100 2X", "11010519A91231002X",  "110105194912310X2X",
        "11010519491231002Y",  "１１010519491231002X", "11010519491231002XX",
        "\xff\xfe",
    };
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(sc_resident_id_parse(&r, bad[i]) == SC_EINVAL, "accepted '%s'", bad[i]);
        ck_assert_int_eq(sc_error_last()->code, SC_EINVAL);
    }
    ck_assert_int_eq(sc_resident_id_parse(&r, "110105491231002"), SC_EINVAL);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "15-digit"));
    ck_assert_int_eq(sc_resident_id_parse(&r, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_resident_id_parse(NULL, "11010519491231002X"), SC_EINVAL);
    ck_assert_int_eq(sc_resident_id_normalize(NULL, "11010519491231002X"), SC_EINVAL);
}
END_TEST

START_TEST(test_candidate_id_normalize_enomem)
{
    char *out = NULL;
    long n;
    int rc;
    for (n = 0;; n++) {
        sc__mem_fail_after(n);
        rc = sc_resident_id_normalize(&out, "11010519491231002x");
        sc__mem_fail_after(-1);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(out);
    }
    ck_assert_str_eq(out, "11010519491231002X");
    sc_free(out);
}
END_TEST

START_TEST(test_candidate_kind_names)
{
    int k, v;
    for (k = SC_EDUCATION_TECHNICAL_SCHOOL; k <= SC_EDUCATION_BACHELOR; k++) {
        ck_ok(sc_education_kind_parse(&v, sc_education_kind_name(k)));
        ck_assert_int_eq(v, k);
        ck_ok(sc_education_kind_parse(&v, sc_education_kind_name_zh(k)));
        ck_assert_int_eq(v, k);
    }
    ck_assert_str_eq(sc_education_kind_name_zh(SC_EDUCATION_TECHNICIAN_COLLEGE), "技师学院");
    ck_assert_ptr_null(sc_education_kind_name(0));
    ck_assert_ptr_null(sc_education_kind_name(8));
    ck_assert_int_eq(sc_education_kind_parse(&v, "kindergarten"), SC_EINVAL);
    for (k = SC_CERT_KIND_SKILL_LEVEL; k <= SC_CERT_KIND_PRE_TECHNICIAN; k++) {
        ck_ok(sc_cert_kind_parse(&v, sc_cert_kind_name(k)));
        ck_assert_int_eq(v, k);
    }
    ck_assert_ptr_null(sc_cert_kind_name(4));
    for (k = SC_EVIDENCE_ACHIEVEMENT; k <= SC_EVIDENCE_VETERAN_NCO; k++) {
        ck_ok(sc_evidence_kind_parse(&v, sc_evidence_kind_name(k)));
        ck_assert_int_eq(v, k);
    }
    ck_assert_ptr_null(sc_evidence_kind_name(10));
    for (k = SC_SCOPE_CITY; k <= SC_SCOPE_INTERNATIONAL; k++) {
        ck_ok(sc_scope_parse(&v, sc_scope_name(k)));
        ck_assert_int_eq(v, k);
    }
    ck_assert_int_eq(sc_scope_parse(&v, "galactic"), SC_EINVAL);
    ck_assert_int_eq(sc_scope_parse(NULL, "city"), SC_EINVAL);
    ck_assert_int_eq(sc_cert_kind_parse(&v, NULL), SC_EINVAL);
}
END_TEST

/* ---- the record ---- */

START_TEST(test_candidate_free_null)
{
    sc_candidate_free(NULL);
    ck_assert_ptr_null(sc_candidate_id_number(NULL));
    ck_assert_uint_eq(sc_candidate_work_count(NULL), 0);
    ck_assert_ptr_null(sc_candidate_work_from(NULL, 0));
    ck_assert_int_eq(sc_candidate_sex(NULL), 0);
}
END_TEST

START_TEST(test_candidate_new_and_getters)
{
    sc_candidate *c = NULL;
    ck_ok(sc_candidate_new(&c, "11010519491231002x", "王芳"));
    ck_assert_str_eq(sc_candidate_id_number(c), "11010519491231002X");
    ck_assert_str_eq(sc_candidate_name(c), "王芳");
    ck_assert_str_eq(sc_candidate_birth_date(c), "1949-12-31");
    ck_assert_int_eq(sc_candidate_sex(c), SC_SEX_FEMALE);

    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_TECHNICAL_SCHOOL, "无人机应用技术",
                                     SC_EDUCATION_RELATED, "2015-07-01"));
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_JUNIOR_COLLEGE, NULL,
                                     SC_EDUCATION_FINAL_YEAR, NULL));
    ck_ok(sc_candidate_add_work(c, "4—99—00—00", "2019-03-01", NULL));
    ck_ok(sc_candidate_add_work(c, "4-99-00-00", "2015-08-01", "2018-12-31"));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_QUALIFICATION, "4-99-00-00", "航拍", 5,
                                       "2016-05-20", "1611000000500001"));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_PRE_TECHNICIAN, "4-99-00-00", NULL, 0,
                                       "2018-07-01", NULL));
    ck_ok(sc_candidate_set_apprenticeship(c, "4-99-00-00", "2016-01-31"));
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_COMPETITION_AWARD, "4-99-00-00",
                                    SC_SCOPE_NATIONAL, "2021-10-01", "全国职业技能大赛 银奖"));
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_MAJOR_EVENT, NULL, 0, "2022-02-04",
                                    "北京冬奥会 航拍保障"));

    ck_assert_uint_eq(sc_candidate_education_count(c), 2);
    ck_assert_int_eq(sc_candidate_education_kind(c, 0), SC_EDUCATION_TECHNICAL_SCHOOL);
    ck_assert_str_eq(sc_candidate_education_major(c, 0), "无人机应用技术");
    ck_assert_uint_eq(sc_candidate_education_flags(c, 0), SC_EDUCATION_RELATED);
    ck_assert_str_eq(sc_candidate_education_graduated(c, 0), "2015-07-01");
    ck_assert_ptr_null(sc_candidate_education_major(c, 1));
    ck_assert_ptr_null(sc_candidate_education_graduated(c, 1));
    ck_assert_int_eq(sc_candidate_education_kind(c, 2), 0);

    /* Work periods come back in order of their first day, codes in ASCII. */
    ck_assert_uint_eq(sc_candidate_work_count(c), 2);
    ck_assert_str_eq(sc_candidate_work_from(c, 0), "2015-08-01");
    ck_assert_str_eq(sc_candidate_work_to(c, 0), "2018-12-31");
    ck_assert_str_eq(sc_candidate_work_occupation(c, 1), "4-99-00-00");
    ck_assert_ptr_null(sc_candidate_work_to(c, 1));
    ck_assert_ptr_null(sc_candidate_work_occupation(c, 2));

    ck_assert_uint_eq(sc_candidate_certificate_count(c), 2);
    ck_assert_int_eq(sc_candidate_certificate_kind(c, 0), SC_CERT_KIND_QUALIFICATION);
    ck_assert_str_eq(sc_candidate_certificate_work_type(c, 0), "航拍");
    ck_assert_int_eq(sc_candidate_certificate_level(c, 0), 5);
    ck_assert_str_eq(sc_candidate_certificate_issued(c, 0), "2016-05-20");
    ck_assert_str_eq(sc_candidate_certificate_number(c, 0), "1611000000500001");
    ck_assert_int_eq(sc_candidate_certificate_level(c, 1), 0);
    ck_assert_ptr_null(sc_candidate_certificate_number(c, 1));

    ck_assert_str_eq(sc_candidate_apprenticeship_occupation(c), "4-99-00-00");
    ck_assert_str_eq(sc_candidate_apprenticeship_completed(c), "2016-01-31");

    ck_assert_uint_eq(sc_candidate_evidence_count(c), 2);
    ck_assert_int_eq(sc_candidate_evidence_kind(c, 0), SC_EVIDENCE_COMPETITION_AWARD);
    ck_assert_int_eq(sc_candidate_evidence_grade(c, 0), SC_SCOPE_NATIONAL);
    ck_assert_str_eq(sc_candidate_evidence_description(c, 0), "全国职业技能大赛 银奖");
    ck_assert_ptr_null(sc_candidate_evidence_occupation(c, 1));
    ck_assert_str_eq(sc_candidate_evidence_date(c, 1), "2022-02-04");

    ck_ok(sc_candidate_set_apprenticeship(c, NULL, NULL));
    ck_assert_ptr_null(sc_candidate_apprenticeship_occupation(c));
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_candidate_builder_errors)
{
    sc_candidate *c = NULL;
    ck_assert_int_eq(sc_candidate_new(&c, "110105194912310021", "王芳"), SC_EINVAL);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(sc_candidate_new(&c, "11010519491231002X", ""), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_new(&c, "11010519491231002X", "\xc3\x28"), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_new(NULL, "11010519491231002X", "王芳"), SC_EINVAL);
    ck_ok(sc_candidate_new(&c, "11010519491231002X", "王芳"));

    ck_assert_int_eq(sc_candidate_add_education(c, 0, NULL, 0, "2015-07-01"), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_education(c, 8, NULL, 0, "2015-07-01"), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_education(c, 1, NULL, 0x8, "2015-07-01"), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_education(c, 1, NULL, 0, NULL), SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "education.graduated");
    ck_assert_int_eq(sc_candidate_add_education(c, 1, NULL, 0, "2015-02-30"), SC_EINVAL);

    ck_assert_int_eq(sc_candidate_add_work(c, "4-99-00", "2019-03-01", NULL), SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "work.occupation");
    ck_assert_int_eq(sc_candidate_add_work(c, "4-99-00-00", "2019-3-1", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_work(c, "4-99-00-00", NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_work(c, "4-99-00-00", "2019-03-01", "2019-02-28"),
                     SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "work.to");
    ck_ok(sc_candidate_add_work(c, "4-99-00-00", "2019-03-01", "2019-03-01")); /* one day */

    ck_assert_int_eq(sc_candidate_add_certificate(c, 0, "4-99-00-00", NULL, 5, "2019-01-01",
                                                  NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, "4-99-00-00",
                                                  NULL, 6, "2019-01-01", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, "4-99-00-00",
                                                  NULL, 0, "2019-01-01", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_certificate(c, SC_CERT_KIND_PRE_TECHNICIAN, "4-99-00-00",
                                                  NULL, 2, "2019-01-01", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, "x", NULL, 5,
                                                  "2019-01-01", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, "4-99-00-00",
                                                  NULL, 5, "yesterday", NULL), SC_EINVAL);

    ck_assert_int_eq(sc_candidate_set_apprenticeship(c, "4-99-00-00", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_set_apprenticeship(c, NULL, "2019-01-01"), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_set_apprenticeship(c, "bad", "2019-01-01"), SC_EINVAL);

    ck_assert_int_eq(sc_candidate_add_evidence(c, 0, NULL, 0, "2019-01-01", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_evidence(c, SC_EVIDENCE_COMPETITION_AWARD, NULL, 0,
                                               "2019-01-01", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_evidence(c, SC_EVIDENCE_COMPETITION_AWARD, NULL, 5,
                                               "2019-01-01", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_evidence(c, SC_EVIDENCE_TRAINING, NULL, 6, "2019-01-01",
                                               NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_evidence(c, SC_EVIDENCE_ACHIEVEMENT, NULL, 1,
                                               "2019-01-01", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_evidence(c, SC_EVIDENCE_ACHIEVEMENT, NULL, 0, NULL, NULL),
                     SC_EINVAL);

    /* Nothing half-added. */
    ck_assert_uint_eq(sc_candidate_education_count(c), 0);
    ck_assert_uint_eq(sc_candidate_work_count(c), 1);
    ck_assert_uint_eq(sc_candidate_certificate_count(c), 0);
    ck_assert_uint_eq(sc_candidate_evidence_count(c), 0);
    ck_assert_ptr_null(sc_candidate_apprenticeship_completed(c));

    ck_assert_int_eq(sc_candidate_add_work(NULL, "4-99-00-00", "2019-03-01", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_add_education(NULL, 1, NULL, 0, "2015-07-01"), SC_EINVAL);
    sc_candidate_free(c);
}
END_TEST

/* Every constructor and adder: fail allocation N = 0, 1, ... until it works. */
static int build_step(sc_candidate **c, int step)
{
    switch (step) {
    case 0:
        return sc_candidate_new(c, "110105198001011238", "李雷");
    case 1:
        return sc_candidate_add_education(*c, SC_EDUCATION_BACHELOR, "计算机", 1, "2002-07-01");
    case 2:
        return sc_candidate_add_work(*c, "4-04-05-05", "2003-01-01", "2010-12-31");
    case 3:
        return sc_candidate_add_certificate(*c, 1, "4-04-05-05", "数据标注员", 4, "2012-01-01",
                                            "S000011000000124000001");
    case 4:
        return sc_candidate_set_apprenticeship(*c, "4-04-05-05", "2003-12-31");
    default:
        return sc_candidate_add_evidence(*c, SC_EVIDENCE_TRAINING, "4-04-05-05", 3,
                                         "2013-01-01", "培训");
    }
}

START_TEST(test_candidate_builder_enomem)
{
    int step;
    for (step = 0; step <= 5; step++) {
        sc_candidate *c = NULL;
        long n;
        int s, rc;
        /* Build the record up to this step normally, then fail inside the step. */
        for (n = 0;; n++) {
            sc_candidate_free(c);
            c = NULL;
            for (s = 0; s < step; s++)
                ck_ok(build_step(&c, s));
            sc__mem_fail_after(n);
            rc = build_step(&c, step);
            sc__mem_fail_after(-1);
            if (rc == SC_OK)
                break;
            ck_assert_int_eq(rc, SC_ENOMEM);
            if (step == 0)
                ck_assert_ptr_null(c);
        }
        ck_assert_int_gt(n, 0);
        sc_candidate_free(c);
    }
}
END_TEST

/* ---- the registry ---- */

static sc_db *db;

static void setup(void)
{
    db = t_memdb();
}

static void teardown(void)
{
    sc_db_close(db);
}

static sc_candidate *sample(const char *name)
{
    sc_candidate *c = NULL;
    ck_ok(sc_candidate_new(&c, "11010519491231002X", name));
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_SECONDARY_VOCATIONAL, "电子商务",
                                     SC_EDUCATION_RELATED | SC_EDUCATION_EVALUATED,
                                     "2012-06-30"));
    ck_ok(sc_candidate_add_work(c, "4-01-02-07", "2018-01-01", NULL));
    ck_ok(sc_candidate_add_work(c, "4-01-06-02", "2016-05-01", "2017-12-31"));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, "4-01-02-07", "直播销售员",
                                       3, "2020-09-01", "S000011000000203000001"));
    ck_ok(sc_candidate_set_apprenticeship(c, "4-01-02-07", "2016-12-31"));
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_ACHIEVEMENT, "4-01-02-07", 0, "2022-11-11",
                                    "年度销售冠军"));
    return c;
}

static void assert_same(const sc_candidate *a, const sc_candidate *b)
{
    size_t i;
    ck_assert_str_eq(sc_candidate_id_number(a), sc_candidate_id_number(b));
    ck_assert_str_eq(sc_candidate_name(a), sc_candidate_name(b));
    ck_assert_str_eq(sc_candidate_birth_date(a), sc_candidate_birth_date(b));
    ck_assert_int_eq(sc_candidate_sex(a), sc_candidate_sex(b));
    ck_assert_uint_eq(sc_candidate_education_count(a), sc_candidate_education_count(b));
    for (i = 0; i < sc_candidate_education_count(a); i++) {
        ck_assert_int_eq(sc_candidate_education_kind(a, i), sc_candidate_education_kind(b, i));
        ck_assert_uint_eq(sc_candidate_education_flags(a, i), sc_candidate_education_flags(b, i));
        ck_assert_str_eq(sc_candidate_education_graduated(a, i),
                         sc_candidate_education_graduated(b, i));
    }
    ck_assert_uint_eq(sc_candidate_work_count(a), sc_candidate_work_count(b));
    for (i = 0; i < sc_candidate_work_count(a); i++) {
        ck_assert_str_eq(sc_candidate_work_occupation(a, i), sc_candidate_work_occupation(b, i));
        ck_assert_str_eq(sc_candidate_work_from(a, i), sc_candidate_work_from(b, i));
    }
    ck_assert_uint_eq(sc_candidate_certificate_count(a), sc_candidate_certificate_count(b));
    for (i = 0; i < sc_candidate_certificate_count(a); i++) {
        ck_assert_str_eq(sc_candidate_certificate_issued(a, i),
                         sc_candidate_certificate_issued(b, i));
        ck_assert_int_eq(sc_candidate_certificate_level(a, i),
                         sc_candidate_certificate_level(b, i));
    }
    ck_assert_uint_eq(sc_candidate_evidence_count(a), sc_candidate_evidence_count(b));
    ck_assert_str_eq(sc_candidate_apprenticeship_completed(a) ? sc_candidate_apprenticeship_completed(a) : "-",
                     sc_candidate_apprenticeship_completed(b) ? sc_candidate_apprenticeship_completed(b) : "-");
}

START_TEST(test_candidate_save_load_round_trip)
{
    sc_actor *self = t_actor(SC_ACTOR_CANDIDATE, "11010519491231002x");
    sc_candidate *c = sample("王芳"), *back = NULL;
    ck_ok(sc_candidate_save(db, self, c));
    ck_ok(sc_candidate_load(&back, db, "11010519491231002x"));
    assert_same(c, back);
    ck_assert_str_eq(sc_candidate_work_to(back, 0), "2017-12-31");
    ck_assert_str_eq(sc_candidate_certificate_work_type(back, 0), "直播销售员");
    ck_assert_str_eq(sc_candidate_evidence_description(back, 0), "年度销售冠军");
    ck_assert_str_eq(sc_candidate_education_major(back, 0), "电子商务");
    sc_candidate_free(back);
    sc_candidate_free(c);
    sc_actor_free(self);
}
END_TEST

START_TEST(test_candidate_save_replaces_and_keeps_identity)
{
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_candidate *c = sample("王芳"), *c2 = NULL, *back = NULL;
    long id;
    ck_ok(sc_candidate_save(db, centre, c));
    id = t_count(db, "SELECT id FROM candidate");
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM candidate_work"), 2);

    ck_ok(sc_candidate_new(&c2, "11010519491231002X", "王芳芳"));
    ck_ok(sc_candidate_add_work(c2, "4-01-02-07", "2021-01-01", NULL));
    ck_ok(sc_candidate_save(db, centre, c2));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM candidate"), 1);
    ck_assert_int_eq(t_count(db, "SELECT id FROM candidate"), id);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM candidate_work"), 1);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM candidate_certificate"), 0);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM candidate_evidence"), 0);
    ck_ok(sc_candidate_load(&back, db, "11010519491231002X"));
    assert_same(c2, back);
    ck_assert_ptr_null(sc_candidate_apprenticeship_occupation(back));
    sc_candidate_free(back);
    sc_candidate_free(c2);
    sc_candidate_free(c);
    sc_actor_free(centre);
}
END_TEST

START_TEST(test_candidate_save_denied)
{
    static const struct {
        int kind;
        const char *scope;
    } denied[] = {
        { SC_ACTOR_CANDIDATE, "110105198001011238" }, /* someone else */
        { SC_ACTOR_CANDIDATE, "not-an-id" },
        { SC_ACTOR_CITY_BUREAU, NULL },
        { SC_ACTOR_DISTRICT, "110105" },
        { SC_ACTOR_ORGANIZATION, "91350100M000100Y43" },
        { SC_ACTOR_PUBLIC, NULL },
    };
    sc_candidate *c = sample("王芳");
    size_t i;
    for (i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        sc_actor *a = t_actor(denied[i].kind, denied[i].scope);
        ck_assert_int_eq(sc_candidate_save(db, a, c), SC_EDENIED);
        ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
        sc_actor_free(a);
    }
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM candidate"), 0);
    ck_assert_int_eq(sc_candidate_save(db, NULL, c), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_save(NULL, NULL, c), SC_EINVAL);
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_candidate_load_errors)
{
    sc_candidate *c = (sc_candidate *)&c;
    ck_assert_int_eq(sc_candidate_load(&c, db, "110105198001011238"), SC_ENOTFOUND);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(sc_candidate_load(&c, db, "110105198001011239"), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_load(&c, NULL, "110105198001011238"), SC_EINVAL);
    ck_assert_int_eq(sc_candidate_load(NULL, db, "110105198001011238"), SC_EINVAL);
}
END_TEST

START_TEST(test_candidate_load_enomem)
{
    sc_actor *self = t_actor(SC_ACTOR_CANDIDATE, "11010519491231002X");
    sc_candidate *c = sample("王芳"), *back = NULL;
    long n;
    int rc;
    ck_ok(sc_candidate_save(db, self, c));
    for (n = 0;; n++) {
        sc__mem_fail_after(n);
        rc = sc_candidate_load(&back, db, "11010519491231002X");
        sc__mem_fail_after(-1);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(back);
    }
    ck_assert_int_gt(n, 10);
    assert_same(c, back);
    sc_candidate_free(back);
    sc_candidate_free(c);
    sc_actor_free(self);
}
END_TEST

Suite *sc_candidate_suite(void)
{
    Suite *s = suite_create("candidate");
    TCase *tc = tcase_create("resident-id");
    tcase_add_test(tc, test_candidate_id_worked_examples);
    tcase_add_test(tc, test_candidate_id_lower_case_x);
    tcase_add_test(tc, test_candidate_id_bad_check);
    tcase_add_test(tc, test_candidate_id_bad_date);
    tcase_add_test(tc, test_candidate_id_bad_length_and_characters);
    tcase_add_test(tc, test_candidate_id_normalize_enomem);
    tcase_add_test(tc, test_candidate_kind_names);
    suite_add_tcase(s, tc);

    tc = tcase_create("record");
    tcase_add_test(tc, test_candidate_free_null);
    tcase_add_test(tc, test_candidate_new_and_getters);
    tcase_add_test(tc, test_candidate_builder_errors);
    tcase_add_test(tc, test_candidate_builder_enomem);
    suite_add_tcase(s, tc);

    tc = tcase_create("registry");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_candidate_save_load_round_trip);
    tcase_add_test(tc, test_candidate_save_replaces_and_keeps_identity);
    tcase_add_test(tc, test_candidate_save_denied);
    tcase_add_test(tc, test_candidate_load_errors);
    tcase_add_test(tc, test_candidate_load_enomem);
    suite_add_tcase(s, tc);
    return s;
}
