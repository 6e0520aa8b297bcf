/* Eligibility: rules as data, exact years, decisions and their reasons, paths. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_suites.h"
#include "sc_int.h"

#define AS_OF "2023-03-01"
#define OCC "4-02-07-10"        /* 网约配送员: no rules of its own, the template applies */
#define UNRELATED "4-04-04-04"  /* 信息安全测试员 */
#define ID_A "11010519491231002X"

static sc_db *db;
static sc_actor *city;
static sc_ruleset *rs;
static sc_decision *d;

static void setup(void)
{
    db = t_notice_db();
    city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    ck_ok(sc_eligibility_load_defaults(NULL, db, city));
    ck_ok(sc_ruleset_load(&rs, db, AS_OF));
    ck_ok(sc_decision_new(&d));
}

static void teardown(void)
{
    sc_decision_free(d);
    sc_ruleset_free(rs);
    sc_actor_free(city);
    sc_db_close(db);
}

static sc_candidate *person(void)
{
    sc_candidate *c = NULL;
    ck_ok(sc_candidate_new(&c, ID_A, "测试"));
    return c;
}

/* Index of condition `id` in the decision, failing the test when absent. */
static size_t cond_index(const sc_decision *dd, const char *id)
{
    size_t i;
    for (i = 0; i < sc_decision_condition_count(dd); i++)
        if (!strcmp(sc_decision_condition_id(dd, i), id))
            return i;
    ck_abort_msg("condition %s not in the decision", id);
    return 0;
}

static const char *cond_message(const sc_decision *dd, const char *id)
{
    return sc_decision_condition_message(dd, cond_index(dd, id));
}

static void decide(const sc_candidate *c, const char *occ, const char *wt, int level,
                   const char *as_of)
{
    ck_ok(sc_eligibility_decide(d, rs, c, occ, wt, level, SC_PATH_NORMAL, 0, as_of));
}

/* ---- the template, clause by clause, at its boundary ---- */

enum { V_EXACT, V_SHORT, V_WRONG_LEVEL, V_UNRELATED };

static const char *occ_for(int v)
{
    return v == V_UNRELATED ? UNRELATED : OCC;
}

static unsigned rel_flag(int v)
{
    return v == V_UNRELATED ? 0u : SC_EDUCATION_RELATED;
}

/* A certificate of level `level` (or the wrong one) issued on `date`. */
static void cert(sc_candidate *c, int v, int level, int wrong, const char *date)
{
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, occ_for(v), NULL,
                                       v == V_WRONG_LEVEL ? wrong : level, date, NULL));
}

static void work(sc_candidate *c, int v, const char *from)
{
    ck_ok(sc_candidate_add_work(c, occ_for(v), from, NULL));
}

static void b_l5a(sc_candidate *c, int v)
{
    work(c, v, v == V_SHORT ? "2022-03-02" : "2022-03-01");
}

static void b_l5b(sc_candidate *c, int v)
{
    ck_ok(sc_candidate_set_apprenticeship(c, occ_for(v), v == V_SHORT ? "2023-03-02" : AS_OF));
}

static void b_l4a(sc_candidate *c, int v)
{
    const char *day = v == V_SHORT ? "2019-03-02" : "2019-03-01";
    cert(c, v, 5, 4, day);
    work(c, v, day);
}

static void b_l4b(sc_candidate *c, int v)
{
    /* Two overlapping periods: the overlap counts once. */
    ck_ok(sc_candidate_add_work(c, occ_for(v), v == V_SHORT ? "2017-03-02" : "2017-03-01",
                                "2020-12-31"));
    ck_ok(sc_candidate_add_work(c, occ_for(v), "2020-01-01", NULL));
}

static void b_l4c1(sc_candidate *c, int v)
{
    ck_ok(sc_candidate_add_education(c, v == V_WRONG_LEVEL ? SC_EDUCATION_SENIOR_TECHNICAL_SCHOOL
                                                           : SC_EDUCATION_TECHNICAL_SCHOOL,
                                     "网络配送", rel_flag(v), v == V_SHORT ? "2023-03-02" : AS_OF));
}

static void b_l4c2(sc_candidate *c, int v)
{
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_SECONDARY_VOCATIONAL, "物流",
                                     rel_flag(v) | (v == V_WRONG_LEVEL ? 0u : SC_EDUCATION_EVALUATED),
                                     v == V_SHORT ? "2023-03-02" : AS_OF));
}

static void b_l3a(sc_candidate *c, int v)
{
    const char *day = v == V_SHORT ? "2018-03-02" : "2018-03-01";
    cert(c, v, 4, 5, day);
    work(c, v, day);
}

static void b_l3b1(sc_candidate *c, int v)
{
    cert(c, v, 4, 5, "2022-01-01");
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_SENIOR_TECHNICAL_SCHOOL, NULL, 0,
                                     v == V_SHORT ? "2023-03-02" : AS_OF));
}

static void b_l3b2(sc_candidate *c, int v)
{
    cert(c, v, 4, 5, "2022-01-01");
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_HIGHER_VOCATIONAL, NULL,
                                     rel_flag(v) | SC_EDUCATION_EVALUATED,
                                     v == V_SHORT ? "2023-03-02" : AS_OF));
}

static void b_l3c(sc_candidate *c, int v)
{
    const char *day = v == V_SHORT ? "2021-03-02" : "2021-03-01";
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_JUNIOR_COLLEGE, NULL, rel_flag(v),
                                     "2015-07-01"));
    cert(c, v, 4, 5, day);
    work(c, v, day);
}

static void b_l2a(sc_candidate *c, int v)
{
    const char *day = v == V_SHORT ? "2019-03-02" : "2019-03-01";
    cert(c, v, 3, 4, day);
    work(c, v, day);
}

static void b_l2b1(sc_candidate *c, int v)
{
    cert(c, v, 3, 4, "2022-06-01");
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_TECHNICIAN_COLLEGE, NULL, 0, "2015-07-01"));
    work(c, v, v == V_SHORT ? "2020-03-02" : "2020-03-01");
}

static void b_l2b2(sc_candidate *c, int v)
{
    if (v == V_WRONG_LEVEL)
        cert(c, v, 3, 3, "2018-07-01");
    else
        ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_PRE_TECHNICIAN, occ_for(v), NULL, 0,
                                           "2018-07-01", NULL));
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_TECHNICIAN_COLLEGE, NULL, 0, "2018-07-01"));
    work(c, v, v == V_SHORT ? "2021-03-02" : "2021-03-01");
}

static void b_l1a(sc_candidate *c, int v)
{
    const char *day = v == V_SHORT ? "2019-03-02" : "2019-03-01";
    cert(c, v, 2, 3, day);
    work(c, v, day);
}

typedef struct {
    const char *id;
    int level;
    void (*build)(sc_candidate *, int);
    const char *short_msg;   /* the condition's explanation one day short */
    const char *wrong_msg;   /* ... with the wrong level (or kind); NULL: no level to get wrong */
    const char *clause_tail; /* the clause cited */
} clause_case;

#define T2018 "国家职业技能标准编制技术规程(2018年版) 申报条件 "
#define NO_CERT(lv) "needs a level-" lv " certificate of this or a related occupation; has none"

static const clause_case template_cases[] = {
    { "L5-a", 5, b_l5a,
      "needs 1 year of work in this or a related occupation; has 0 years 11 months", NULL,
      T2018 "五级/初级工 (1)" },
    { "L5-b", 5, b_l5b,
      "needs a completed apprenticeship (学徒期满) in this or a related occupation; has none",
      NULL, T2018 "五级/初级工 (2)" },
    { "L4-a", 4, b_l4a,
      "needs 4 years of work since the level-5 (初级工) certificate (2019-03-02); "
      "has 3 years 11 months",
      NO_CERT("5 (初级工)"), T2018 "四级/中级工 (1)" },
    { "L4-b", 4, b_l4b,
      "needs 6 years of work in this or a related occupation; has 5 years 11 months", NULL,
      T2018 "四级/中级工 (2)" },
    { "L4-c1", 4, b_l4c1,
      "needs a diploma from a technical school (技工学校) in this or a related major "
      "(final-year students accepted); has none",
      "needs a diploma from a technical school (技工学校) in this or a related major "
      "(final-year students accepted); has none",
      T2018 "四级/中级工 (3)" },
    { "L4-c2", 4, b_l4c2,
      "needs a diploma from a secondary vocational school (中等职业学校) or a higher vocational "
      "school (高等职业学校) in this or a related major, in a programme evaluated as training "
      "for the level (经评估论证) (final-year students accepted); has none",
      "needs a diploma from a secondary vocational school (中等职业学校) or a higher vocational "
      "school (高等职业学校) in this or a related major, in a programme evaluated as training "
      "for the level (经评估论证) (final-year students accepted); has none",
      T2018 "四级/中级工 (3)" },
    { "L3-a", 3, b_l3a,
      "needs 5 years of work since the level-4 (中级工) certificate (2018-03-02); "
      "has 4 years 11 months",
      NO_CERT("4 (中级工)"), T2018 "三级/高级工 (1)" },
    { "L3-b1", 3, b_l3b1,
      "needs a diploma from a senior technical school (高级技工学校) or a technician college "
      "(技师学院) (final-year students accepted); has none",
      NO_CERT("4 (中级工)"), T2018 "三级/高级工 (2)" },
    { "L3-b2", 3, b_l3b2,
      "needs a diploma from a higher vocational school (高等职业学校) in this or a related "
      "major, in a programme evaluated as training for the level (经评估论证) (final-year "
      "students accepted); has none",
      NO_CERT("4 (中级工)"), T2018 "三级/高级工 (2)" },
    { "L3-c", 3, b_l3c,
      "needs 2 years of work since the level-4 (中级工) certificate (2021-03-02); "
      "has 1 year 11 months",
      NO_CERT("4 (中级工)"), T2018 "三级/高级工 (3)" },
    { "L2-a", 2, b_l2a,
      "needs 4 years of work since the level-3 (高级工) certificate (2019-03-02); "
      "has 3 years 11 months",
      NO_CERT("3 (高级工)"), T2018 "二级/技师 (1)" },
    { "L2-b1", 2, b_l2b1,
      "needs 3 years of work in this or a related occupation; has 2 years 11 months",
      NO_CERT("3 (高级工)"), T2018 "二级/技师 (2)" },
    { "L2-b2", 2, b_l2b2,
      "needs 2 years of work in this or a related occupation; has 1 year 11 months",
      "needs a pre-technician (预备技师) certificate of this or a related occupation; has none",
      T2018 "二级/技师 (2)" },
    { "L1-a", 1, b_l1a,
      "needs 4 years of work since the level-2 (技师) certificate (2019-03-02); "
      "has 3 years 11 months",
      NO_CERT("2 (技师)"), T2018 "一级/高级技师 (1)" },
};
#define NCASES (sizeof template_cases / sizeof template_cases[0])

START_TEST(test_eligibility_template_boundaries)
{
    const clause_case *k = &template_cases[_i];
    int v;
    for (v = V_EXACT; v <= V_UNRELATED; v++) {
        sc_candidate *c;
        if (v == V_WRONG_LEVEL && !k->wrong_msg)
            continue;
        c = person();
        k->build(c, v);
        decide(c, OCC, NULL, k->level, AS_OF);
        ck_assert_str_eq(sc_decision_rules(d), "template-2018");
        if (v == V_EXACT) {
            ck_assert_msg(sc_decision_eligible(d), "%s exactly at the boundary: %s", k->id,
                          sc_decision_message(d));
            ck_assert_str_eq(sc_decision_matched(d), k->id);
            ck_assert_str_eq(sc_decision_clause(d), k->clause_tail);
            ck_assert_int_eq(sc_decision_reason(d), SC_REASON_NONE);
            ck_assert(sc_decision_condition_met(d, cond_index(d, k->id)));
            ck_assert(!strncmp(cond_message(d, k->id), "met: ", 5));
        } else {
            ck_assert_msg(!sc_decision_eligible(d), "%s variant %d: eligible under %s", k->id, v,
                          sc_decision_matched(d));
            ck_assert_int_eq(sc_decision_reason(d), SC_REASON_CONDITIONS_NOT_MET);
            ck_assert_ptr_null(sc_decision_matched(d));
            ck_assert(!sc_decision_condition_met(d, cond_index(d, k->id)));
            if (v == V_SHORT)
                ck_assert_str_eq(cond_message(d, k->id), k->short_msg);
            else if (v == V_WRONG_LEVEL)
                ck_assert_str_eq(cond_message(d, k->id), k->wrong_msg);
        }
        sc_candidate_free(c);
    }
}
END_TEST

/* The example, word for word. */
START_TEST(test_eligibility_shortfall_message)
{
    sc_candidate *c = person();
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, OCC, NULL, 5, "2019-03-01",
                                       NULL));
    ck_ok(sc_candidate_add_work(c, OCC, "2019-03-01", NULL));
    decide(c, OCC, NULL, 4, "2023-02-28");
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L4-a"),
                     "needs 4 years of work since the level-5 (初级工) certificate (2019-03-01); "
                     "has 3 years 11 months");
    ck_assert_str_eq(sc_decision_message(d),
                     "not eligible for level 4 (中级工) of 4-02-07-10: none of the 4 conditions "
                     "of 国家职业技能标准编制技术规程(2018年版) is met");
    decide(c, OCC, NULL, 4, "2023-03-01");
    ck_assert(sc_decision_eligible(d));
    ck_assert_str_eq(sc_decision_message(d),
                     "eligible for level 4 (中级工) of 4-02-07-10 under condition L4-a: "
                     "国家职业技能标准编制技术规程(2018年版) 申报条件 四级/中级工 (1)");
    ck_assert_str_eq(cond_message(d, "L4-a"),
                     "met: has 4 years 0 months of work since the level-5 (初级工) certificate "
                     "(2019-03-01) (needs 4 years)");
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_eligibility_work_arithmetic)
{
    sc_candidate *c = person();
    /* 29 February: the anniversary is the month's last day. */
    ck_ok(sc_candidate_add_work(c, OCC, "2020-02-29", NULL));
    decide(c, OCC, NULL, 5, "2021-02-27");
    ck_assert(!sc_decision_eligible(d));
    decide(c, OCC, NULL, 5, "2021-02-28");
    ck_assert(sc_decision_eligible(d));
    sc_candidate_free(c);

    /* Separate periods add up: 181 days in 2015 plus days from 2020-01-01. One year from
     * 2015-01-01 is 365 days. */
    c = person();
    ck_ok(sc_candidate_add_work(c, OCC, "2020-01-01", NULL));
    ck_ok(sc_candidate_add_work(c, OCC, "2015-01-01", "2015-06-30"));
    decide(c, OCC, NULL, 5, "2020-07-02"); /* 181 + 183 = 364 */
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L5-a"),
                     "needs 1 year of work in this or a related occupation; has 0 years 11 months");
    decide(c, OCC, NULL, 5, "2020-07-03"); /* 365 */
    ck_assert(sc_decision_eligible(d));
    sc_candidate_free(c);

    /* The same period twice counts once; work in the future does not count. */
    c = person();
    ck_ok(sc_candidate_add_work(c, OCC, "2022-06-01", "2022-12-31"));
    ck_ok(sc_candidate_add_work(c, OCC, "2022-06-01", "2022-12-31"));
    ck_ok(sc_candidate_add_work(c, OCC, "2024-01-01", NULL));
    decide(c, OCC, NULL, 5, "2024-01-01");
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L5-a"),
                     "needs 1 year of work in this or a related occupation; has 0 years 7 months");
    decide(c, OCC, NULL, 5, "2024-05-30");
    ck_assert(!sc_decision_eligible(d));
    decide(c, OCC, NULL, 5, "2024-06-01"); /* 214 + 152 = 366 >= 365 */
    ck_assert(sc_decision_eligible(d));

    /* No work at all. */
    sc_candidate_free(c);
    c = person();
    decide(c, OCC, NULL, 5, AS_OF);
    ck_assert_str_eq(cond_message(d, "L5-a"),
                     "needs 1 year of work in this or a related occupation; has none");
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_eligibility_certificate_details)
{
    sc_candidate *c = person();
    /* An older 职业资格证书 counts as the certificate of its level. */
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_QUALIFICATION, OCC, NULL, 5, "2015-01-01",
                                       NULL));
    ck_ok(sc_candidate_add_work(c, OCC, "2016-01-01", "2019-12-31"));
    decide(c, OCC, NULL, 4, AS_OF);
    ck_assert(sc_decision_eligible(d));
    ck_assert_str_eq(sc_decision_matched(d), "L4-a");
    sc_candidate_free(c);

    /* Work before the certificate does not count towards years since it. */
    c = person();
    ck_ok(sc_candidate_add_work(c, OCC, "2010-01-01", NULL));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, OCC, NULL, 2, "2021-01-01",
                                       NULL));
    decide(c, OCC, NULL, 1, AS_OF);
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L1-a"),
                     "needs 4 years of work since the level-2 (技师) certificate (2021-01-01); "
                     "has 2 years 2 months");
    /* A certificate issued after the decision day is not held yet. */
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, OCC, NULL, 2, "2023-03-02",
                                       NULL));
    decide(c, OCC, NULL, 1, AS_OF);
    ck_assert_str_eq(cond_message(d, "L1-a"),
                     "needs 4 years of work since the level-2 (技师) certificate (2021-01-01); "
                     "has 2 years 2 months");
    /* Of two certificates the one that meets the condition is used. */
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, OCC, NULL, 2, "2012-05-01",
                                       NULL));
    decide(c, OCC, NULL, 1, AS_OF);
    ck_assert(sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L1-a"),
                     "met: has 10 years 10 months of work since the level-2 (技师) certificate "
                     "(2012-05-01) (needs 4 years)");
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_eligibility_final_year_students)
{
    sc_candidate *c = person();
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_TECHNICAL_SCHOOL, NULL,
                                     SC_EDUCATION_RELATED | SC_EDUCATION_FINAL_YEAR, NULL));
    decide(c, OCC, NULL, 4, AS_OF);
    ck_assert(sc_decision_eligible(d));
    ck_assert_str_eq(sc_decision_matched(d), "L4-c1");
    ck_assert_str_eq(cond_message(d, "L4-c1"),
                     "met: is a final-year student at a technical school (技工学校) in this or a "
                     "related major");
    sc_candidate_free(c);

    /* L3-c accepts no final-year student. */
    c = person();
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_JUNIOR_COLLEGE, NULL,
                                     SC_EDUCATION_RELATED | SC_EDUCATION_FINAL_YEAR, "2023-07-01"));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, OCC, NULL, 4, "2020-01-01",
                                       NULL));
    ck_ok(sc_candidate_add_work(c, OCC, "2020-01-01", NULL));
    decide(c, OCC, NULL, 3, AS_OF);
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L3-c"),
                     "needs a diploma from a higher vocational school (高等职业学校) or a junior "
                     "college (大专) or a university (bachelor or above) (本科及以上) in this or a "
                     "related major; a final-year student's record does not count here");
    sc_candidate_free(c);
}
END_TEST

/* ---- occupation-specific rules ---- */

START_TEST(test_eligibility_uav_pilot)
{
    sc_candidate *c = person();
    /* L4: a level-5 certificate and 3 years (the template needs 4). */
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, "4-99-00-00", "航拍", 5,
                                       "2020-03-01", NULL));
    ck_ok(sc_candidate_add_work(c, "4-99-00-00", "2020-03-01", NULL));
    decide(c, "4-99-00-00", "航拍", 4, AS_OF);
    ck_assert(sc_decision_eligible(d));
    ck_assert_str_eq(sc_decision_rules(d), "uav-pilot-2021");
    ck_assert_str_eq(sc_decision_matched(d), "L4-a");
    ck_assert_str_eq(sc_decision_clause(d),
                     "无人机驾驶员国家职业技能标准(2021年版) 申报条件 四级/中级工 (1)");
    ck_assert_str_eq(sc_decision_standard(d), "无人机驾驶员国家职业技能标准(2021年版)");
    /* The same record under the template (网约配送员) is a year short. */
    sc_candidate_free(c);
    c = person();
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, OCC, NULL, 5, "2020-03-01",
                                       NULL));
    ck_ok(sc_candidate_add_work(c, OCC, "2020-03-01", NULL));
    decide(c, OCC, NULL, 4, AS_OF);
    ck_assert(!sc_decision_eligible(d));
    sc_candidate_free(c);

    /* L3: 10 years in total. */
    c = person();
    ck_ok(sc_candidate_add_work(c, "4-99-00-00", "2013-03-01", NULL));
    decide(c, "4-99-00-00", NULL, 3, AS_OF);
    ck_assert_str_eq(sc_decision_matched(d), "L3-b");
    decide(c, "4-99-00-00", NULL, 3, "2023-02-28");
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L3-b"),
                     "needs 10 years of work in this or a related occupation; has 9 years 11 months");
    /* L2 and L1 were not retrieved: the template applies, with this occupation. */
    decide(c, "4-99-00-00", NULL, 2, AS_OF);
    ck_assert_str_eq(sc_decision_rules(d), "template-2018");
    ck_assert_uint_eq(sc_decision_condition_count(d), 3);
    sc_candidate_free(c);

    /* L5: a retired conscript; L4: a retired NCO with a year of work. */
    c = person();
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_VETERAN_CONSCRIPT, "4-99-00-00", 0,
                                    "2021-09-01", "退役义务兵"));
    decide(c, "4-99-00-00", NULL, 5, AS_OF);
    ck_assert_str_eq(sc_decision_matched(d), "L5-c");
    decide(c, OCC, NULL, 5, AS_OF); /* not a route of the template */
    ck_assert(!sc_decision_eligible(d));
    decide(c, "4-99-00-00", NULL, 4, AS_OF);
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L4-d"),
                     "needs service as an NCO (士官), now retired, related to this occupation; "
                     "has none; needs 1 year of work in this or a related occupation; has none");
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_eligibility_esports)
{
    sc_candidate *c = person();
    /* Competition routes. */
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_COMPETITION_ENTRY, "4-13-99-01",
                                    SC_SCOPE_NATIONAL, "2022-08-01", "全国电子竞技大赛 决赛资格"));
    decide(c, "4-13-99-01", NULL, 3, AS_OF);
    ck_assert_str_eq(sc_decision_matched(d), "L3-b");
    decide(c, "4-13-99-01", NULL, 2, AS_OF);
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L2-c"),
                     "needs an award at a national or higher competition or event in this or a "
                     "related occupation; has none");
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_COMPETITION_AWARD, "4-13-99-01",
                                    SC_SCOPE_NATIONAL, "2022-09-01", "全国电子竞技大赛 季军"));
    decide(c, "4-13-99-01", NULL, 2, AS_OF);
    ck_assert_str_eq(sc_decision_matched(d), "L2-c");
    decide(c, "4-13-99-01", NULL, 1, AS_OF);
    ck_assert(!sc_decision_eligible(d));
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_COMPETITION_AWARD, "4-13-99-01",
                                    SC_SCOPE_INTERNATIONAL, "2023-03-01", "国际邀请赛 冠军"));
    decide(c, "4-13-99-01", NULL, 1, AS_OF);
    ck_assert_str_eq(sc_decision_matched(d), "L1-b");
    decide(c, "4-13-99-01", NULL, 1, "2023-02-28"); /* the award comes a day later */
    ck_assert(!sc_decision_eligible(d));
    sc_candidate_free(c);

    /* A provincial award is not a national one. */
    c = person();
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_COMPETITION_AWARD, "4-13-99-01",
                                    SC_SCOPE_PROVINCIAL, "2022-08-01", NULL));
    decide(c, "4-13-99-01", NULL, 3, AS_OF);
    ck_assert(!sc_decision_eligible(d));
    sc_candidate_free(c);

    /* Work under the 2019 code counts; the old code names the same rules. */
    c = person();
    ck_ok(sc_candidate_add_work(c, "4-13-99-00", "2020-03-01", NULL));
    decide(c, "4-13-99-01", NULL, 4, AS_OF);
    ck_assert_str_eq(sc_decision_rules(d), "esports-player-2021");
    ck_assert_str_eq(sc_decision_matched(d), "L4-a");
    decide(c, "4—13—99—00", NULL, 4, AS_OF);
    ck_assert_str_eq(sc_decision_rules(d), "esports-player-2021");
    ck_assert(sc_decision_eligible(d));
    decide(c, "4-13-99-01", NULL, 4, "2023-02-28");
    ck_assert_str_eq(cond_message(d, "L4-a"),
                     "needs 3 years of work in this or a related occupation; has 2 years 11 months");
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_eligibility_internet_marketer)
{
    sc_candidate *c = person();
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, "4-01-02-07", "直播销售员", 2,
                                       "2020-03-01", NULL));
    ck_ok(sc_candidate_add_work(c, "4-01-02-07", "2020-03-01", NULL));
    decide(c, "4-01-02-07", "直播销售员", 1, AS_OF);
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(sc_decision_rules(d), "internet-marketer-2021");
    ck_assert_str_eq(cond_message(d, "L1-a"),
                     "needs a completion certificate (结业证书) of formal level-1 (高级技师) "
                     "training in this or a related occupation; has none");
    ck_assert_str_eq(cond_message(d, "L1-b"),
                     "needs 4 years of work since the level-2 (技师) certificate (2020-03-01); "
                     "has 3 years 0 months");
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_TRAINING, "4-01-02-07", 1, "2022-12-01",
                                    "一级/高级技师 培训结业"));
    decide(c, "4-01-02-07", "直播销售员", 1, AS_OF);
    ck_assert_str_eq(sc_decision_matched(d), "L1-a");
    /* Levels 5-2 were not retrieved: the template applies. */
    decide(c, "4-01-02-07", "直播销售员", 4, AS_OF);
    ck_assert_str_eq(sc_decision_rules(d), "template-2018");
    sc_candidate_free(c);

    /* Work under the 2022 大典 code counts. */
    c = person();
    ck_ok(sc_candidate_add_work(c, "4-01-06-02", "2022-01-01", NULL));
    decide(c, "4-01-02-07", "选品员", 5, AS_OF);
    ck_assert(sc_decision_eligible(d));
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_eligibility_ai_trainer)
{
    sc_candidate *c = person();
    ck_ok(sc_candidate_set_apprenticeship(c, "4-04-05-05", "2022-06-30"));
    decide(c, "4-04-05-05", "数据标注员", 5, AS_OF);
    ck_assert_str_eq(sc_decision_matched(d), "L5-b");
    ck_assert_str_eq(sc_decision_clause(d),
                     "人工智能训练师国家职业技能标准(2021年版) 申报条件 五级/初级工 (2)");
    decide(c, "4-04-05-05", "数据标注员", 4, AS_OF);
    ck_assert_str_eq(sc_decision_rules(d), "template-2018");
    sc_candidate_free(c);
}
END_TEST

/* ---- paths ---- */

START_TEST(test_eligibility_paths)
{
    sc_candidate *c = person();
    const unsigned both = SC_CONFIRMED_EXCEPTIONAL | SC_CONFIRMED_DIRECT;

    /* 破格: level 3 and above only. */
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 4, SC_PATH_EXCEPTIONAL, both, AS_OF));
    ck_assert(!sc_decision_eligible(d));
    ck_assert_int_eq(sc_decision_reason(d), SC_REASON_SPECIAL_PATH_LEVEL);
    ck_assert_ptr_nonnull(strstr(sc_decision_message(d), "only for level 3 (高级工) and above"));
    ck_assert_uint_eq(sc_decision_condition_count(d), 0);
    /* ... under confirmed rules only. */
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 3, SC_PATH_EXCEPTIONAL, SC_CONFIRMED_DIRECT,
                                AS_OF));
    ck_assert_int_eq(sc_decision_reason(d), SC_REASON_SPECIAL_PATH_NOT_CONFIRMED);
    /* ... with evidence. */
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 3, SC_PATH_EXCEPTIONAL, both, AS_OF));
    ck_assert_int_eq(sc_decision_reason(d), SC_REASON_SPECIAL_PATH_NO_EVIDENCE);
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_CONTRIBUTION, NULL, 0, "2022-01-01", "技改"));
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_ACHIEVEMENT, UNRELATED, 0, "2022-01-01",
                                    "别的职业的业绩"));
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_MAJOR_EVENT, NULL, 0, "2023-03-02", "明天"));
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 3, SC_PATH_EXCEPTIONAL, both, AS_OF));
    ck_assert_int_eq(sc_decision_reason(d), SC_REASON_SPECIAL_PATH_NO_EVIDENCE);
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_MAJOR_EVENT, NULL, 0, "2022-02-04",
                                    "北京冬奥会运行保障"));
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 3, SC_PATH_EXCEPTIONAL,
                                SC_CONFIRMED_EXCEPTIONAL, AS_OF));
    ck_assert(sc_decision_eligible(d));
    ck_assert_str_eq(sc_decision_matched(d), "exceptional");
    ck_assert_str_eq(sc_decision_clause(d), "京人社能发〔2022〕8号 二(二)");
    ck_assert_ptr_nonnull(strstr(sc_decision_message(d), "1 item of evidence"));
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 1, SC_PATH_EXCEPTIONAL,
                                SC_CONFIRMED_EXCEPTIONAL, AS_OF));
    ck_assert(sc_decision_eligible(d));

    /* 直接认定: level 2 and above, confirmed, with a contribution. */
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 3, SC_PATH_DIRECT, both, AS_OF));
    ck_assert_int_eq(sc_decision_reason(d), SC_REASON_SPECIAL_PATH_LEVEL);
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 2, SC_PATH_DIRECT, SC_CONFIRMED_EXCEPTIONAL,
                                AS_OF));
    ck_assert_int_eq(sc_decision_reason(d), SC_REASON_SPECIAL_PATH_NOT_CONFIRMED);
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 2, SC_PATH_DIRECT, SC_CONFIRMED_DIRECT,
                                "2021-12-31"));
    ck_assert_int_eq(sc_decision_reason(d), SC_REASON_SPECIAL_PATH_NO_EVIDENCE);
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 2, SC_PATH_DIRECT, SC_CONFIRMED_DIRECT,
                                AS_OF));
    ck_assert(sc_decision_eligible(d));
    ck_assert_str_eq(sc_decision_matched(d), "direct");
    sc_candidate_free(c);
}
END_TEST

/* ---- rules as data: related occupations, versions, withdrawal ---- */

static const char related_doc[] =
    "<eligibility xmlns='urn:skillcert:eligibility:1' version='1' batch='t-related' "
    "issuer='city-bureau'>"
    " <rules name='delivery-2025' occupation='4-02-07-10' standard='网约配送员 test rules'"
    "        effective='2025-01-01'>"
    "  <related occupation='4-04-04-04'/>"
    "  <level value='5'>"
    "   <condition id='L5-x' clause='test (1)'><work years='2'/></condition>"
    "  </level>"
    "  <level value='5' work-type='夜班'>"
    "   <condition id='L5-night' clause='test (2)'><work years='3'/><age min='18'/></condition>"
    "  </level>"
    " </rules>"
    " <rules name='template-2030' standard='a later template' effective='2030-01-01'>"
    "  <level value='5'><condition id='L5-z' clause='z'><age min='16'/></condition></level>"
    " </rules>"
    " <rules name='delivery-2026-withdrawn' occupation='4-02-07-10' standard='withdrawn'"
    "        effective='2026-01-01' withdrawn='2027-01-01'>"
    "  <level value='5'><condition id='L5-w' clause='w'><apprenticeship/></condition></level>"
    " </rules>"
    "</eligibility>";

static sc_ruleset *rules_on(const char *date)
{
    sc_ruleset *r = NULL;
    ck_ok(sc_ruleset_load(&r, db, date));
    return r;
}

START_TEST(test_eligibility_versions_and_related)
{
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_candidate *c = person();
    sc_ruleset *r2025, *r2026, *r2027, *r2031;
    ck_ok(sc_candidate_add_work(c, UNRELATED, "2021-01-01", NULL));
    ck_ok(sc_xml_import_memory(&res, db, city, related_doc, sizeof related_doc - 1, "related.xml",
                               NULL, NULL));
    ck_assert_int_eq(res.doctype, SC_DOC_ELIGIBILITY);
    ck_assert_uint_gt(res.records, 5);

    /* Before 2025 the template applies and 4-04-04-04 is unrelated. */
    decide(c, OCC, NULL, 5, "2024-12-31");
    ck_assert_str_eq(sc_decision_rules(d), "template-2018");
    ck_assert(!sc_decision_eligible(d));

    r2025 = rules_on("2025-06-01");
    ck_ok(sc_eligibility_decide(d, r2025, c, OCC, NULL, 5, SC_PATH_NORMAL, 0, "2025-06-01"));
    ck_assert_str_eq(sc_decision_rules(d), "delivery-2025");
    ck_assert_str_eq(sc_decision_matched(d), "L5-x");
    /* A work type with rules of its own takes them. */
    ck_ok(sc_eligibility_decide(d, r2025, c, OCC, "夜班", 5, SC_PATH_NORMAL, 0, "2025-06-01"));
    ck_assert_str_eq(sc_decision_matched(d), "L5-night");
    ck_ok(sc_eligibility_decide(d, r2025, c, OCC, "夜班", 5, SC_PATH_NORMAL, 0, "2023-12-31"));
    ck_assert(!sc_decision_eligible(d));
    ck_assert_str_eq(cond_message(d, "L5-night"),
                     "needs 3 years of work in this or a related occupation; has 2 years 11 months");
    ck_ok(sc_eligibility_decide(d, r2025, c, OCC, "白班", 5, SC_PATH_NORMAL, 0, "2025-06-01"));
    ck_assert_str_eq(sc_decision_matched(d), "L5-x");
    /* Levels the occupation's rules leave out fall back to the template, with its related list. */
    ck_ok(sc_eligibility_decide(d, r2025, c, OCC, NULL, 4, SC_PATH_NORMAL, 0, "2027-06-01"));
    ck_assert_str_eq(sc_decision_rules(d), "template-2018");
    ck_assert_str_eq(sc_decision_matched(d), "L4-b");

    /* The 2026 version replaces 2025's as a whole; withdrawn in 2027, nothing replaces it. */
    r2026 = rules_on("2026-06-01");
    ck_ok(sc_eligibility_decide(d, r2026, c, OCC, NULL, 5, SC_PATH_NORMAL, 0, "2026-06-01"));
    ck_assert_str_eq(sc_decision_rules(d), "delivery-2026-withdrawn");
    ck_assert(!sc_decision_eligible(d));
    r2027 = rules_on("2027-01-01");
    ck_ok(sc_eligibility_decide(d, r2027, c, OCC, NULL, 5, SC_PATH_NORMAL, 0, "2027-01-01"));
    ck_assert_str_eq(sc_decision_rules(d), "template-2018");
    ck_assert(!sc_decision_eligible(d)); /* unrelated again */

    /* A new template version takes over in 2030. */
    r2031 = rules_on("2031-01-01");
    ck_ok(sc_eligibility_decide(d, r2031, c, OCC, NULL, 5, SC_PATH_NORMAL, 0, "2031-01-01"));
    ck_assert_str_eq(sc_decision_rules(d), "template-2030");
    ck_assert_str_eq(sc_decision_matched(d), "L5-z");
    ck_ok(sc_eligibility_decide(d, r2031, c, OCC, NULL, 4, SC_PATH_NORMAL, 0, "2031-01-01"));
    ck_assert_int_eq(sc_decision_reason(d), SC_REASON_NO_RULES);
    ck_assert_ptr_null(sc_decision_rules(d));
    ck_assert_str_eq(sc_decision_message(d),
                     "no eligibility rules for level 4 (中级工) of 4-02-07-10 are loaded");

    sc_ruleset_free(r2025);
    sc_ruleset_free(r2026);
    sc_ruleset_free(r2027);
    sc_ruleset_free(r2031);
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_eligibility_introspection)
{
    char *text = NULL;
    size_t i, tmpl = 99;
    ck_assert_str_eq(sc_ruleset_date(rs), AS_OF);
    ck_assert_uint_eq(sc_ruleset_count(rs), 5);
    for (i = 0; i < sc_ruleset_count(rs); i++)
        if (!sc_ruleset_occupation(rs, i))
            tmpl = i;
    ck_assert_uint_eq(tmpl, 0);
    ck_assert_str_eq(sc_ruleset_name(rs, 0), "template-2018");
    ck_assert_str_eq(sc_ruleset_effective(rs, 0), "2018-01-01");
    ck_assert_uint_eq(sc_ruleset_condition_count(rs, 0), 14);
    ck_assert_uint_eq(sc_ruleset_related_count(rs, 0), 0);
    ck_assert_str_eq(sc_ruleset_condition_id(rs, 0, 2), "L4-a");
    ck_assert_int_eq(sc_ruleset_condition_level(rs, 0, 2), 4);
    ck_assert_ptr_null(sc_ruleset_condition_work_type(rs, 0, 2));
    ck_assert_str_eq(sc_ruleset_condition_confidence(rs, 0, 2), "C");
    ck_ok(sc_ruleset_condition_text(&text, rs, 0, 2));
    ck_assert_str_eq(text, "needs a level-5 (初级工) certificate of this or a related occupation "
                           "and 4 years of work since it");
    sc_free(text);
    ck_ok(sc_ruleset_condition_text(&text, rs, 0, 12));
    ck_assert_str_eq(text, "needs a pre-technician (预备技师) certificate of this or a related "
                           "occupation, a diploma from a technician college (技师学院) and 2 "
                           "years of work in this or a related occupation");
    sc_free(text);
    for (i = 0; i < sc_ruleset_count(rs); i++) {
        if (sc_ruleset_occupation(rs, i) && !strcmp(sc_ruleset_occupation(rs, i), "4-13-99-01")) {
            ck_assert_uint_eq(sc_ruleset_related_count(rs, i), 1);
            ck_assert_str_eq(sc_ruleset_related(rs, i, 0), "4-13-99-00");
            ck_assert_ptr_null(sc_ruleset_related(rs, i, 1));
        }
    }
    ck_assert_int_eq(sc_ruleset_condition_text(&text, rs, 0, 99), SC_EINVAL);
    ck_assert_ptr_null(text);
    ck_assert_int_eq(sc_ruleset_condition_text(&text, NULL, 0, 0), SC_EINVAL);
    ck_assert_ptr_null(sc_ruleset_name(rs, 9));
    ck_assert_ptr_null(sc_ruleset_condition_id(rs, 0, 99));
    ck_assert_int_eq(sc_ruleset_condition_level(NULL, 0, 0), 0);
    ck_assert_uint_eq(sc_ruleset_count(NULL), 0);
}
END_TEST

/* ---- importing rules ---- */

static int import_text(const char *doc, sc_report *report)
{
    return sc_xml_import_memory(NULL, db, city, doc, strlen(doc), "t.xml", NULL, report);
}

#define DOC_HEAD "<eligibility xmlns='urn:skillcert:eligibility:1' version='1' batch='t-bad'>"

START_TEST(test_eligibility_import_refusals)
{
    static const char *const bad[] = {
        /* a certificate without a level */
        DOC_HEAD "<rules name='x' standard='s' effective='2024-01-01'><level value='4'>"
                 "<condition id='a' clause='c'><certificate work-years='2'/></condition>"
                 "</level></rules></eligibility>",
        /* the same level twice */
        DOC_HEAD "<rules name='x' standard='s' effective='2024-01-01'>"
                 "<level value='4'><condition id='a' clause='c'><work years='1'/></condition></level>"
                 "<level value='4'><condition id='b' clause='c'><work years='2'/></condition></level>"
                 "</rules></eligibility>",
        /* a name already stored */
        DOC_HEAD "<rules name='template-2018' standard='s' effective='2024-01-01'/></eligibility>",
        /* a version of the template with the same effective date */
        DOC_HEAD "<rules name='x' standard='s' effective='2018-01-01'/></eligibility>",
        /* an unknown predicate (schema) */
        DOC_HEAD "<rules name='x' standard='s' effective='2024-01-01'><level value='4'>"
                 "<condition id='a' clause='c'><luck/></condition></level></rules></eligibility>",
        /* a condition id twice */
        DOC_HEAD "<rules name='x' standard='s' effective='2024-01-01'><level value='4'>"
                 "<condition id='a' clause='c'><work years='1'/></condition>"
                 "<condition id='a' clause='c'><work years='2'/></condition></level>"
                 "</rules></eligibility>",
        /* withdrawn before effective */
        DOC_HEAD "<rules name='x' standard='s' effective='2024-01-01' withdrawn='2023-01-01'/>"
                 "</eligibility>",
        /* age without bounds; years 0 (schema) */
        DOC_HEAD "<rules name='x' standard='s' effective='2024-01-01'><level value='4'>"
                 "<condition id='a' clause='c'><age/></condition></level></rules></eligibility>",
        DOC_HEAD "<rules name='x' standard='s' effective='2024-01-01'><level value='4'>"
                 "<condition id='a' clause='c'><work years='0'/></condition></level></rules>"
                 "</eligibility>",
        /* a pre-technician certificate with a level */
        DOC_HEAD "<rules name='x' standard='s' effective='2024-01-01'><level value='2'>"
                 "<condition id='a' clause='c'><certificate level='3' kinds='pre-technician'/>"
                 "</condition></level></rules></eligibility>",
    };
    long before = t_count(db, "SELECT count(*) FROM elig_predicate");
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sc_report *report = NULL;
        int rc;
        ck_ok(sc_report_new(&report));
        rc = import_text(bad[i], report);
        ck_assert_msg(rc == SC_EINVALIDDOC, "document %zu: %d %s", i, rc,
                      sc_error_last()->message);
        ck_assert_uint_gt(sc_report_error_count(report), 0);
        ck_assert_int_gt(sc_error_last()->line, 0);
        sc_report_free(report);
    }
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM elig_predicate"), before);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM elig_ruleset"), 5);
}
END_TEST

START_TEST(test_eligibility_import_actor_and_idempotence)
{
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    /* The rules are public (any party takes the city bureau's), but not a candidate. */
    sc_actor *org = t_actor(SC_ACTOR_CANDIDATE, "11010519491231002X");
    ck_assert_int_eq(sc_eligibility_load_defaults(&res, db, centre), SC_EDENIED);
    ck_assert_int_eq(sc_xml_import_memory(NULL, db, org, related_doc, sizeof related_doc - 1,
                                          NULL, NULL, NULL), SC_EDENIED);
    ck_ok(sc_eligibility_load_defaults(&res, db, city));
    ck_assert(res.already_imported);
    ck_assert_uint_eq(res.records, 0);
    ck_assert_str_eq(res.batch_id, "skillcert-eligibility-default-1");
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM elig_ruleset"), 5);
    ck_assert_int_eq(sc_doctype_from_name("eligibility"), SC_DOC_ELIGIBILITY);
    ck_assert_str_eq(sc_doctype_namespace(SC_DOC_ELIGIBILITY), "urn:skillcert:eligibility:1");
    ck_assert_ptr_nonnull(strstr(sc_doctype_schema(SC_DOC_ELIGIBILITY), "eligibility"));
    sc_actor_free(centre);
    sc_actor_free(org);
}
END_TEST

START_TEST(test_eligibility_default_file_validates)
{
    char *path = malloc(1024);
    const char *src = getenv("srcdir");
    int doctype = 0;
    snprintf(path, 1024, "%s/data/eligibility-default.xml", src && *src ? src : SC_TEST_SRCDIR);
    ck_ok(sc_xml_validate_file(&doctype, NULL, path, NULL));
    ck_assert_int_eq(doctype, SC_DOC_ELIGIBILITY);
    free(path);
}
END_TEST

/* ---- arguments, empty objects, memory ---- */

START_TEST(test_eligibility_decide_errors)
{
    sc_candidate *c = person();
    ck_assert_int_eq(sc_eligibility_decide(NULL, rs, c, OCC, NULL, 4, 0, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, NULL, c, OCC, NULL, 4, 0, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, rs, NULL, OCC, NULL, 4, 0, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, rs, c, "4-02-07", NULL, 4, 0, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, rs, c, NULL, NULL, 4, 0, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, rs, c, OCC, NULL, 0, 0, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, rs, c, OCC, NULL, 6, 0, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, rs, c, OCC, NULL, 4, 3, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, rs, c, OCC, NULL, 4, -1, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, rs, c, OCC, NULL, 4, 0, 4, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_decide(d, rs, c, OCC, NULL, 4, 0, 0, "2023-02-30"),
                     SC_EINVAL);
    ck_ok(sc_eligibility_decide(d, rs, c, "4—02—07—10", "", 4, 0, 0, NULL)); /* today */
    ck_assert(!sc_decision_eligible(d));
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_eligibility_path_names)
{
    int p;
    for (p = SC_PATH_NORMAL; p <= SC_PATH_DIRECT; p++) {
        int q;
        ck_ok(sc_path_parse(&q, sc_path_name(p)));
        ck_assert_int_eq(q, p);
    }
    ck_assert_ptr_null(sc_path_name(3));
    ck_assert_int_eq(sc_path_parse(&p, "shortcut"), SC_EINVAL);
    ck_assert_int_eq(sc_path_parse(&p, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_path_parse(NULL, "normal"), SC_EINVAL);
}
END_TEST

START_TEST(test_eligibility_free_null_and_empty)
{
    sc_decision *e = NULL;
    sc_ruleset_free(NULL);
    sc_decision_free(NULL);
    ck_ok(sc_decision_new(&e));
    ck_assert(!sc_decision_eligible(e));
    ck_assert_str_eq(sc_decision_message(e), "no decision has been made");
    ck_assert_ptr_null(sc_decision_matched(e));
    ck_assert_ptr_null(sc_decision_clause(e));
    ck_assert_ptr_null(sc_decision_rules(e));
    ck_assert_ptr_null(sc_decision_condition_message(e, 0));
    ck_assert_uint_eq(sc_decision_condition_count(e), 0);
    sc_decision_free(e);
    ck_assert_ptr_null(sc_decision_message(NULL));
    ck_assert_int_eq(sc_decision_eligible(NULL), 0);
    ck_assert_ptr_null(sc_decision_condition_id(NULL, 0));
    ck_assert_int_eq(sc_decision_new(NULL), SC_EINVAL);
    ck_assert_int_eq(sc_ruleset_load(NULL, db, AS_OF), SC_EINVAL);
    {
        sc_ruleset *r = (sc_ruleset *)&e;
        ck_assert_int_eq(sc_ruleset_load(&r, db, "soon"), SC_EINVAL);
        ck_assert_ptr_null(r);
        ck_assert_int_eq(sc_ruleset_load(&r, NULL, AS_OF), SC_EINVAL);
    }
}
END_TEST

/* sc_eligibility_check: a stored candidate, the registry's rules and the catalog. */
START_TEST(test_eligibility_check_stored_candidate)
{
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_candidate *c = person();
    sc_decision *own = NULL;

    ck_ok(sc_decision_new(&own));
    /* Not stored yet. */
    ck_assert_int_eq(sc_eligibility_check(own, db, ID_A, NULL, OCC, NULL, 4, SC_PATH_NORMAL,
                                          AS_OF), SC_ENOTFOUND);
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, OCC, NULL, 5, "2019-03-01",
                                       NULL));
    ck_ok(sc_candidate_add_work(c, OCC, "2019-03-01", NULL));
    ck_ok(sc_candidate_save(db, centre, c));
    sc_candidate_free(c);

    /* Eligible under L4-a, as sc_eligibility_decide says; the decision keeps its rules. */
    ck_ok(sc_eligibility_check(own, db, ID_A, NULL, OCC, NULL, 4, SC_PATH_NORMAL, AS_OF));
    ck_assert_int_eq(sc_decision_eligible(own), 1);
    ck_assert_str_eq(sc_decision_matched(own), "L4-a");
    ck_assert_str_eq(sc_decision_rules(own), "template-2018");
    ck_ok(sc_eligibility_check(own, db, ID_A, NULL, OCC, NULL, 4, SC_PATH_NORMAL,
                               "2023-02-28"));
    ck_assert_int_eq(sc_decision_eligible(own), 0);
    ck_assert_int_eq(sc_decision_reason(own), SC_REASON_CONDITIONS_NOT_MET);

    /* The catalog decides first: an unknown work type is not eligible, with its reason. */
    ck_ok(sc_eligibility_check(own, db, ID_A, NULL, OCC, "无此工种", 4, SC_PATH_NORMAL, AS_OF));
    ck_assert_int_eq(sc_decision_eligible(own), 0);
    ck_assert_int_eq(sc_decision_reason(own), SC_REASON_UNKNOWN_WORK_TYPE);
    ck_assert_ptr_null(sc_decision_matched(own));
    ck_assert_msg(strstr(sc_decision_message(own), "not eligible for level 4 (中级工) of 4-02-07-10: ")
                  && strstr(sc_decision_message(own), "无此工种"), "%s", sc_decision_message(own));
    /* Not yet in the catalog on that day. */
    ck_ok(sc_eligibility_check(own, db, ID_A, NULL, OCC, NULL, 5, SC_PATH_NORMAL, "2021-12-31"));
    ck_assert_int_eq(sc_decision_eligible(own), 0);
    ck_assert_int_eq(sc_decision_reason(own), SC_REASON_OCCUPATION_NOT_IN_FORCE);

    /* Special paths: only what the registry says the organization confirmed. */
    ck_ok(sc_eligibility_check(own, db, ID_A, NULL, OCC, NULL, 3, SC_PATH_EXCEPTIONAL, AS_OF));
    ck_assert_int_eq(sc_decision_reason(own), SC_REASON_SPECIAL_PATH_NOT_CONFIRMED);
    ck_assert_int_eq(sc_eligibility_check(own, db, ID_A, "91110108MA01ABCD2H", OCC, NULL, 3,
                                          SC_PATH_EXCEPTIONAL, AS_OF), SC_ENOTFOUND);

    /* Arguments. */
    ck_assert_int_eq(sc_eligibility_check(NULL, db, ID_A, NULL, OCC, NULL, 4, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_check(own, NULL, ID_A, NULL, OCC, NULL, 4, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_check(own, db, NULL, NULL, OCC, NULL, 4, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_check(own, db, ID_A, NULL, NULL, NULL, 4, 0, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_check(own, db, ID_A, NULL, OCC, NULL, 4, 7, AS_OF), SC_EINVAL);
    ck_assert_int_eq(sc_eligibility_check(own, db, ID_A, NULL, OCC, NULL, 4, 0, "2023-02-30"),
                     SC_EINVAL);

    /* The low-level call on the same decision lets the loaded rules go. */
    ck_ok(sc_eligibility_check(own, db, ID_A, NULL, OCC, NULL, 4, SC_PATH_NORMAL, AS_OF));
    c = person();
    ck_ok(sc_eligibility_decide(own, rs, c, OCC, NULL, 5, SC_PATH_NORMAL, 0, AS_OF));
    ck_assert_int_eq(sc_decision_eligible(own), 0);
    sc_candidate_free(c);
    sc_decision_free(own);
    sc_actor_free(centre);
}
END_TEST

START_TEST(test_eligibility_empty_registry)
{
    sc_db *empty = t_memdb();
    sc_ruleset *none = NULL;
    sc_candidate *c = person();
    ck_ok(sc_ruleset_load(&none, empty, AS_OF));
    ck_assert_uint_eq(sc_ruleset_count(none), 0);
    ck_ok(sc_eligibility_decide(d, none, c, OCC, NULL, 5, SC_PATH_NORMAL, 0, AS_OF));
    ck_assert_int_eq(sc_decision_reason(d), SC_REASON_NO_RULES);
    sc_candidate_free(c);
    sc_ruleset_free(none);
    sc_db_close(empty);
}
END_TEST

START_TEST(test_eligibility_enomem)
{
    sc_ruleset *r = NULL;
    sc_decision *e = NULL;
    char *text = NULL;
    long n;
    int rc;
    for (n = 0;; n++) {
        sc__mem_fail_after(n);
        rc = sc_ruleset_load(&r, db, AS_OF);
        sc__mem_fail_after(-1);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(r);
    }
    ck_assert_int_gt(n, 50);
    ck_assert_uint_eq(sc_ruleset_count(r), 5);
    sc_ruleset_free(r);
    for (n = 0;; n++) {
        sc__mem_fail_after(n);
        rc = sc_decision_new(&e);
        sc__mem_fail_after(-1);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(e);
    }
    ck_assert_int_eq(n, 2);
    sc_decision_free(e);
    for (n = 0;; n++) {
        sc__mem_fail_after(n);
        rc = sc_ruleset_condition_text(&text, rs, 0, 2);
        sc__mem_fail_after(-1);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(text);
    }
    sc_free(text);
}
END_TEST

/* Deciding allocates nothing: it works with every allocation failing. */
START_TEST(test_eligibility_decide_allocates_nothing)
{
    sc_candidate *c = person();
    ck_ok(sc_candidate_add_work(c, OCC, "2010-01-01", NULL));
    sc__mem_fail_after(0);
    ck_ok(sc_eligibility_decide(d, rs, c, OCC, NULL, 4, SC_PATH_NORMAL, 0, AS_OF));
    ck_assert_int_eq(sc__mem_count(), 0);
    sc__mem_fail_after(-1);
    ck_assert(sc_decision_eligible(d));
    sc_candidate_free(c);
}
END_TEST

/* Export: the stored rules, every version with its related occupations,
   work types and predicates, give back the same rules when imported into
   another registry: the same document again, and the same decisions. */
START_TEST(test_eligibility_export_round_trip)
{
    static const struct {
        const char *occ, *wt, *date;
        int level;
    } cases[] = { { OCC, NULL, "2025-06-01", 5 }, { OCC, "夜班", "2025-06-01", 5 },
                  { OCC, NULL, "2027-06-01", 4 }, { OCC, NULL, "2026-06-01", 5 },
                  { "4-04-05-05", NULL, "2024-01-01", 3 } };
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_db *db2 = t_notice_db();
    sc_ruleset *r1 = NULL, *r2 = NULL;
    sc_decision *d2 = NULL;
    sc_candidate *c = person();
    char *xml = NULL, *xml2 = NULL;
    size_t len = 0, len2 = 0, i;
    int doctype = 0;

    ck_ok(sc_xml_import_memory(&res, db, city, related_doc, sizeof related_doc - 1, "related.xml",
                               NULL, NULL));
    ck_ok(sc_xml_export_memory(&xml, &len, db, SC_DOC_ELIGIBILITY));
    ck_assert_uint_eq(strlen(xml), len);
    ck_ok(sc_xml_validate_memory(&doctype, NULL, xml, len, "export", NULL));
    ck_assert_int_eq(doctype, SC_DOC_ELIGIBILITY);
    ck_assert_ptr_nonnull(strstr(xml, "<related occupation="));
    ck_assert_ptr_nonnull(strstr(xml, "work-type=\"夜班\""));
    ck_assert_ptr_nonnull(strstr(xml, "withdrawn="));

    ck_ok(sc_xml_import_memory(&res, db2, city, xml, len, "export", NULL, NULL));
    ck_assert_int_eq(res.already_imported, 0);
    ck_ok(sc_xml_export_memory(&xml2, &len2, db2, SC_DOC_ELIGIBILITY));
    ck_assert_str_eq(xml, xml2);
    ck_ok(sc_xml_import_memory(&res, db2, city, xml, len, "export", NULL, NULL));
    ck_assert_int_eq(res.already_imported, 1);

    ck_ok(sc_candidate_add_work(c, "4-04-04-04", "2021-01-01", NULL));
    ck_ok(sc_candidate_add_work(c, "4-04-05-05", "2015-01-01", "2020-12-31"));
    ck_ok(sc_decision_new(&d2));
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_ok(sc_ruleset_load(&r1, db, cases[i].date));
        ck_ok(sc_ruleset_load(&r2, db2, cases[i].date));
        ck_ok(sc_eligibility_decide(d, r1, c, cases[i].occ, cases[i].wt, cases[i].level,
                                    SC_PATH_NORMAL, 0, cases[i].date));
        ck_ok(sc_eligibility_decide(d2, r2, c, cases[i].occ, cases[i].wt, cases[i].level,
                                    SC_PATH_NORMAL, 0, cases[i].date));
        ck_assert_int_eq(sc_decision_eligible(d), sc_decision_eligible(d2));
        ck_assert_str_eq(sc_decision_rules(d), sc_decision_rules(d2));
        ck_assert_str_eq(sc_decision_message(d), sc_decision_message(d2));
        sc_ruleset_free(r1);
        sc_ruleset_free(r2);
        r1 = r2 = NULL;
    }
    /* An empty registry exports an empty, valid document. */
    sc_free(xml2);
    xml2 = NULL;
    {
        sc_db *empty = t_memdb();
        ck_ok(sc_xml_export_memory(&xml2, &len2, empty, SC_DOC_ELIGIBILITY));
        ck_ok(sc_xml_validate_memory(NULL, NULL, xml2, len2, "empty", NULL));
        ck_assert_ptr_null(strstr(xml2, "<rules"));
        sc_db_close(empty);
    }
    sc_free(xml);
    sc_free(xml2);
    sc_decision_free(d2);
    sc_candidate_free(c);
    sc_db_close(db2);
}
END_TEST

Suite *sc_eligibility_suite(void)
{
    Suite *s = suite_create("eligibility");
    TCase *tc = tcase_create("template");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_eligibility_template_boundaries, 0, (int)NCASES);
    tcase_add_test(tc, test_eligibility_shortfall_message);
    tcase_add_test(tc, test_eligibility_work_arithmetic);
    tcase_add_test(tc, test_eligibility_certificate_details);
    tcase_add_test(tc, test_eligibility_final_year_students);
    suite_add_tcase(s, tc);

    tc = tcase_create("occupations");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_eligibility_uav_pilot);
    tcase_add_test(tc, test_eligibility_esports);
    tcase_add_test(tc, test_eligibility_internet_marketer);
    tcase_add_test(tc, test_eligibility_ai_trainer);
    tcase_add_test(tc, test_eligibility_paths);
    suite_add_tcase(s, tc);

    tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_eligibility_versions_and_related);
    tcase_add_test(tc, test_eligibility_introspection);
    tcase_add_test(tc, test_eligibility_import_refusals);
    tcase_add_test(tc, test_eligibility_import_actor_and_idempotence);
    tcase_add_test(tc, test_eligibility_default_file_validates);
    tcase_add_test(tc, test_eligibility_export_round_trip);
    suite_add_tcase(s, tc);

    tc = tcase_create("api");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_eligibility_decide_errors);
    tcase_add_test(tc, test_eligibility_path_names);
    tcase_add_test(tc, test_eligibility_free_null_and_empty);
    tcase_add_test(tc, test_eligibility_empty_registry);
    tcase_add_test(tc, test_eligibility_check_stored_candidate);
    tcase_add_test(tc, test_eligibility_enomem);
    tcase_add_test(tc, test_eligibility_decide_allocates_nothing);
    suite_add_tcase(s, tc);
    return s;
}
