/* Assessment: component rules and staff ratios, venues, sessions, enrolment,
 * the question bank and papers, scoring, results and resits. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "assess_fixture.h"
#include "sc_int.h"

static long rows(const char *sql)
{
    return t_count(fx.db, sql);
}

/* ---- components and rules ----------------------------------------------------------- */

START_TEST(test_assessment_components)
{
    int c;
    unsigned int th = SC_COMPONENT_BIT(SC_COMPONENT_THEORY);
    unsigned int pr = SC_COMPONENT_BIT(SC_COMPONENT_PRACTICAL);
    unsigned int rv = SC_COMPONENT_BIT(SC_COMPONENT_REVIEW);
    ck_assert_uint_eq(sc_components_for(5, SC_PATH_NORMAL), th | pr);
    ck_assert_uint_eq(sc_components_for(3, SC_PATH_EXCEPTIONAL), th | pr);
    ck_assert_uint_eq(sc_components_for(2, SC_PATH_NORMAL), th | pr | rv);
    ck_assert_uint_eq(sc_components_for(1, SC_PATH_NORMAL), th | pr | rv);
    ck_assert_uint_eq(sc_components_for(2, SC_PATH_DIRECT), rv);
    ck_assert_uint_eq(sc_components_for(0, SC_PATH_NORMAL), 0);
    ck_assert_uint_eq(sc_components_for(3, 9), 0);
    ck_assert_str_eq(sc_component_name(SC_COMPONENT_REVIEW), "review");
    ck_assert_str_eq(sc_component_name_zh(SC_COMPONENT_THEORY), "理论知识考试");
    ck_assert_ptr_null(sc_component_name(4));
    ck_ok(sc_component_parse(&c, "practical"));
    ck_assert_int_eq(c, SC_COMPONENT_PRACTICAL);
    ck_ok(sc_component_parse(&c, "综合评审"));
    ck_assert_int_eq(c, SC_COMPONENT_REVIEW);
    ck_assert_int_eq(sc_component_parse(&c, "oral"), SC_EINVAL);
    ck_assert_int_eq(sc_component_parse(NULL, "theory"), SC_EINVAL);
    ck_assert_str_eq(sc_session_status_name(SC_SESSION_CONFIRMED), "confirmed");
    ck_assert_str_eq(sc_item_type_name(SC_ITEM_TRUE_FALSE), "true-false");
    ck_ok(sc_item_type_parse(&c, "multiple"));
    ck_assert_int_eq(c, SC_ITEM_MULTIPLE);
    ck_assert_int_eq(sc_item_type_parse(&c, "essay"), SC_EINVAL);
}
END_TEST

START_TEST(test_assessment_rules)
{
    sc_component_rule r = SC_COMPONENT_RULE_INIT;
    ck_ok(sc_component_rule_get(&r, fx.db, NULL, SC_COMPONENT_THEORY));
    ck_assert_str_eq(r.occupation, "");
    ck_assert_int_eq(r.candidates_per_staff, 15);
    ck_assert_int_eq(r.min_per_room, 2);
    ck_assert_int_eq(r.odd, 0);
    ck_assert_int_eq(r.pass_score, 60);
    ck_ok(sc_component_rule_get(&r, fx.db, FX_OCC, SC_COMPONENT_PRACTICAL));
    ck_assert_str_eq(r.occupation, ""); /* the template applies */
    ck_assert_int_eq(r.candidates_per_staff, 5);
    ck_assert_int_eq(r.min_staff, 3);
    ck_assert_int_eq(r.odd, 1);
    ck_ok(sc_component_rule_get(&r, fx.db, NULL, SC_COMPONENT_REVIEW));
    ck_assert_int_eq(r.candidates_per_staff, 0);
    ck_assert_int_eq(r.min_staff, 3);
    ck_assert_int_eq(r.odd, 1);

    /* A standard with its own rule. */
    snprintf(r.occupation, sizeof r.occupation, " 4-02-07-10");
    r.component = SC_COMPONENT_PRACTICAL;
    r.pass_score = 70;
    ck_refused(sc_component_rule_set(fx.db, fx.org, &r), SC_EDENIED);
    ck_refused(sc_component_rule_set(fx.db, fx.city, &r), SC_EDENIED);
    r.pass_score = 101;
    ck_refused(sc_component_rule_set(fx.db, fx.centre, &r), SC_EINVAL);
    r.pass_score = 70;
    ck_ok(sc_component_rule_set(fx.db, fx.centre, &r));
    ck_ok(sc_component_rule_get(&r, fx.db, FX_OCC, SC_COMPONENT_PRACTICAL));
    ck_assert_str_eq(r.occupation, FX_OCC);
    ck_assert_int_eq(r.pass_score, 70);
    ck_ok(sc_component_rule_get(&r, fx.db, "4-04-05-05", SC_COMPONENT_PRACTICAL));
    ck_assert_int_eq(r.pass_score, 60);
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE action = 'assessment.rule_set'"), 1);
    snprintf(r.occupation, sizeof r.occupation, "8-99-99-99");
    ck_refused(sc_component_rule_set(fx.db, fx.centre, &r), SC_ENOTFOUND);
    ck_assert_int_eq(sc_component_rule_get(&r, fx.db, NULL, 7), SC_EINVAL);
    ck_assert_int_eq(sc_component_rule_get(NULL, fx.db, NULL, 1), SC_EINVAL);
    ck_assert_int_eq(sc_component_rule_set(fx.db, fx.centre, NULL), SC_EINVAL);
}
END_TEST

/* ---- venues and sessions ----------------------------------------------------------------- */

START_TEST(test_assessment_venues)
{
    sc_venue v = SC_VENUE_INIT;
    int64_t id = 0, s = 0;
    ck_ok(sc_venue_get(&v, fx.db, fx.venue));
    ck_assert_str_eq(v.credit_code, FX_ORG);
    ck_assert_str_eq(v.district, "110108");
    ck_assert_str_eq(v.inspected, "2023-06-05");
    ck_assert_int_eq(v.inspection_passed, 1);
    ck_assert_int_eq(v.rooms, 3);
    ck_assert_int_eq(sc_venue_get(&v, fx.db, 999), SC_ENOTFOUND);

    /* In its own district only; by itself only. */
    ck_refused(sc_venue_register(&id, fx.db, fx.org, FX_ORG, "朝阳考点", "朝阳区", "110105", 2,
                                 "2023-07-01"), SC_ECONSTRAINT);
    ck_refused(sc_venue_register(&id, fx.db, fx.org2, FX_ORG, "x", "y", "110108", 2, NULL),
               SC_EDENIED);
    ck_refused(sc_venue_register(&id, fx.db, fx.org, FX_ORG, "海淀考点", "y", "海淀区", 2, NULL),
               SC_EEXISTS);
    ck_refused(sc_venue_register(&id, fx.db, fx.org, FX_ORG, "z", "y", "110108", 0, NULL),
               SC_EINVAL);
    ck_ok(sc_venue_register(&id, fx.db, fx.org, FX_ORG, "海淀二考点", "海淀区上地", "海淀区", 1,
                            "2024-01-02"));

    /* No session before its inspection. */
    ck_refused(sc_session_create(&s, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                                 "2024-03-01", id, 1, 0), SC_ECONSTRAINT);
    /* Inspected by the organization's own district bureau only. */
    ck_refused(sc_venue_inspect(fx.db, fx.chaoyang, id, 1, NULL, "2024-01-10"), SC_EDENIED);
    ck_refused(sc_venue_inspect(fx.db, fx.org, id, 1, NULL, "2024-01-10"), SC_EDENIED);
    ck_refused(sc_venue_inspect(fx.db, fx.haidian, id, 1, NULL, "2023-12-31"), SC_ECONSTRAINT);
    ck_ok(sc_venue_inspect(fx.db, fx.haidian, id, 1, NULL, "2024-01-10"));
    ck_ok(sc_session_create(&s, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                            "2024-03-01", id, 1, 0));
    ck_refused(sc_session_create(&s, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                                 "2024-03-01", id, 2, 0), SC_ECONSTRAINT); /* 1 room */
    /* A failed re-inspection stops later sessions, not earlier ones. */
    ck_ok(sc_venue_inspect(fx.db, fx.haidian, id, 0, "消防不合格", "2024-04-01"));
    ck_refused(sc_session_create(&s, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                                 "2024-04-02", id, 1, 0), SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "failed its inspection"));
    ck_ok(sc_session_create(&s, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                            "2024-03-15", id, 1, 0));
    ck_ok(sc_venue_get(&v, fx.db, id));
    ck_assert_int_eq(v.inspection_passed, 0);
    ck_assert_str_eq(v.note, "消防不合格");
}
END_TEST

/* The number of sessions q (NULL: none) lists. */
static int session_count(const sc_session_query *q)
{
    sc_session_iter *it = NULL;
    sc_session s = SC_SESSION_INIT;
    int n;
    ck_ok(sc_session_iter_new(&it, fx.db, q));
    for (n = 0; sc_session_iter_next(&s, it) == SC_OK; n++)
        ;
    sc_session_iter_free(it);
    return n;
}

START_TEST(test_assessment_session_create)
{
    sc_session s = SC_SESSION_INIT;
    int64_t id = 0;
    sc_session_query q = SC_SESSION_QUERY_INIT;
    sc_session_iter *it = NULL;

    /* Inside the filed scope and validity only. */
    ck_refused(sc_session_create(&id, fx.db, fx.org, FX_ORG, "4-04-05-05", "人工智能算法测试员", 4,
                                 SC_PATH_NORMAL, "2024-03-01", fx.venue, 1, 0), SC_ESCOPE);
    ck_refused(sc_session_create(&id, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                                 "2026-05-10", fx.venue, 1, 0), SC_ESCOPE); /* expired */
    ck_refused(sc_session_create(&id, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 2, SC_PATH_DIRECT,
                                 "2024-03-01", fx.venue, 1, 0), SC_ECONSTRAINT); /* no rules */
    ck_refused(sc_session_create(&id, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                                 "2024-03-01", fx.venue2, 1, 0), SC_ECONSTRAINT); /* not its venue */
    ck_refused(sc_session_create(&id, fx.db, fx.org2, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                                 "2024-03-01", fx.venue, 1, 0), SC_EDENIED);
    ck_refused(sc_session_create(&id, fx.db, fx.haidian, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                                 "2024-03-01", fx.venue, 1, 0), SC_EDENIED);
    ck_refused(sc_session_create(&id, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 6, SC_PATH_NORMAL,
                                 "2024-03-01", fx.venue, 1, 0), SC_EINVAL);
    ck_refused(sc_session_create(&id, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                                 "2024-03-01", fx.venue, 1, 0x80), SC_EINVAL);
    ck_assert_int_eq(sc_session_create(NULL, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, 0,
                                       "2024-03-01", fx.venue, 1, 0), SC_EINVAL);

    ck_ok(sc_session_create(&id, fx.db, fx.org, FX_ORG, "4—02—07—10", "", 2, SC_PATH_NORMAL,
                            "2024-03-01", fx.venue, 2, SC_SESSION_ONLINE));
    ck_ok(sc_session_get(&s, fx.db, id));
    ck_assert_str_eq(s.credit_code, FX_ORG);
    ck_assert_str_eq(s.occupation, FX_OCC);
    ck_assert_str_eq(s.work_type, "");
    ck_assert_int_eq(s.level, 2);
    ck_assert_int_eq(s.rooms, 2);
    ck_assert_uint_eq(s.flags, SC_SESSION_ONLINE);
    ck_assert_int_eq(s.status, SC_SESSION_PLANNED);
    ck_assert_uint_eq(s.components, sc_components_for(2, SC_PATH_NORMAL));
    ck_assert_int_eq(s.candidates, 0);
    ck_assert_int_eq(sc_session_get(&s, fx.db, 4242), SC_ENOTFOUND);
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE action = 'session.create'"), 1);

    fx_session(4, "2024-04-01", 0);
    q.credit_code = FX_ORG;
    ck_assert_int_eq(session_count(&q), 2);
    /* No query selects every session. */
    ck_assert_int_eq(session_count(NULL), 2);
    q.credit_code = NULL;
    q.date = "2024-04-01";
    ck_ok(sc_session_iter_new(&it, fx.db, &q));
    ck_ok(sc_session_iter_next(&s, it));
    ck_assert_str_eq(s.date, "2024-04-01");
    ck_assert_int_eq(sc_session_iter_next(&s, it), SC_ITEROVER);
    /* Each row kind has its own iterator type: passing this session iterator to
     * sc_result_iter_next() no longer compiles (it used to fail only at run time). */
    sc_session_iter_free(it);
    q.credit_code = "not a code";
    ck_assert_int_eq(sc_session_iter_new(&it, fx.db, &q), SC_EINVAL);
    ck_assert_ptr_null(it);
    /* A query of a version this library does not know is refused. */
    q.credit_code = NULL;
    ck_query_version_refused(q, SC_SESSION_QUERY_VERSION, it, sc_session_iter_new(&it, fx.db, &q));
}
END_TEST

/* ---- staff ratios --------------------------------------------------------------------------- */

static sc_verdict check(int64_t s)
{
    sc_verdict v = SC_VERDICT_INIT;
    ck_ok(sc_session_check(&v, fx.db, s));
    return v;
}

START_TEST(test_assessment_ratio_theory_15)
{
    /* A standard whose theory rule is 1 invigilator per 15, 1 per room:
     * 15 candidates need 1, the 16th needs a second. */
    sc_component_rule r = SC_COMPONENT_RULE_INIT;
    sc_verdict v = SC_VERDICT_INIT;
    int64_t s;
    r = (sc_component_rule)SC_COMPONENT_RULE_INIT;
    snprintf(r.occupation, sizeof r.occupation, FX_OCC);
    r.component = SC_COMPONENT_THEORY;
    r.candidates_per_staff = 15;
    r.min_per_room = 1;
    r.pass_score = 60;
    ck_ok(sc_component_rule_set(fx.db, fx.centre, &r));
    fx_candidates(1, 16);
    s = fx_session(4, "2024-03-01", 0);
    v = check(s);
    ck_verdict(v, 0, SC_REASON_NO_CANDIDATES); /* its own reason, not STAFF_TOO_FEW */
    ck_assert_ptr_nonnull(strstr(v.message, "no candidates enrolled"));
    fx_enrol(s, 1, 15);
    fx_staff(s, SC_COMPONENT_PRACTICAL, 1, 5); /* 5 examiners: enough for 16 */
    v = check(s);
    ck_verdict(v, 0, SC_REASON_STAFF_TOO_FEW); /* no invigilator yet */
    ck_assert_ptr_nonnull(strstr(v.message, "theory"));
    fx_staff(s, SC_COMPONENT_THEORY, 6, 6);
    v = check(s);
    ck_verdict(v, 1, SC_REASON_NONE);
    fx_enrol(s, 16, 16);
    v = check(s);
    ck_verdict(v, 0, SC_REASON_STAFF_TOO_FEW);
    ck_assert_ptr_nonnull(strstr(v.message, "theory: 1 invigilators for 16 candidates"));
    ck_refused(sc_session_confirm(fx.db, fx.org, s, "2024-02-28"), SC_ECONSTRAINT);
    fx_staff(s, SC_COMPONENT_THEORY, 7, 7);
    v = check(s);
    ck_verdict(v, 1, SC_REASON_NONE);
}
END_TEST

START_TEST(test_assessment_ratio_theory_rooms)
{
    /* The template: 1 per 15 and at least 2 per room. */
    sc_verdict v = SC_VERDICT_INIT;
    int64_t s, s2;
    fx_candidates(1, 31);
    s = fx_session(4, "2024-03-01", 0);
    fx_enrol(s, 1, 30);
    fx_staff(s, SC_COMPONENT_PRACTICAL, 1, 7); /* 30/5 = 6 -> 7 (odd) */
    fx_staff(s, SC_COMPONENT_THEORY, 8, 8);
    v = check(s);
    ck_verdict(v, 0, SC_REASON_STAFF_TOO_FEW); /* 2 per room */
    fx_staff(s, SC_COMPONENT_THEORY, 9, 9);
    v = check(s);
    ck_verdict(v, 1, SC_REASON_NONE); /* 2 for 30 in one room */
    fx_enrol(s, 31, 31);
    v = check(s);
    ck_verdict(v, 0, SC_REASON_STAFF_TOO_FEW); /* 31 > 2 x 15 */
    fx_staff(s, SC_COMPONENT_THEORY, 10, 10);
    v = check(s);
    ck_verdict(v, 1, SC_REASON_NONE);

    /* Two rooms: 2 each, whatever the count. */
    ck_ok(sc_session_create(&s2, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                            "2024-03-02", fx.venue, 2, 0));
    fx_candidates(101, 104);
    fx_enrol(s2, 101, 104);
    fx_staff(s2, SC_COMPONENT_PRACTICAL, 1, 3);
    fx_staff(s2, SC_COMPONENT_THEORY, 1, 3);
    v = check(s2);
    ck_verdict(v, 0, SC_REASON_STAFF_TOO_FEW);
    ck_assert_ptr_nonnull(strstr(v.message, "2 rooms"));
    fx_staff(s2, SC_COMPONENT_THEORY, 4, 4);
    v = check(s2);
    ck_verdict(v, 1, SC_REASON_NONE);
    /* Removing one breaks it again. */
    ck_ok(sc_session_staff_remove(fx.db, fx.org, s2, SC_COMPONENT_THEORY, "E04"));
    v = check(s2);
    ck_verdict(v, 0, SC_REASON_STAFF_TOO_FEW);
    ck_refused(sc_session_staff_remove(fx.db, fx.org, s2, SC_COMPONENT_THEORY, "E04"),
               SC_ENOTFOUND);
}
END_TEST

START_TEST(test_assessment_ratio_practical)
{
    /* At least 1 examiner per 5, an odd number, 3 or more. */
    sc_verdict v = SC_VERDICT_INIT;
    int64_t s;
    fx_candidates(1, 16);
    s = fx_session(4, "2024-03-01", 0);
    fx_enrol(s, 1, 10);
    fx_staff(s, SC_COMPONENT_THEORY, 1, 2);
    fx_staff(s, SC_COMPONENT_PRACTICAL, 3, 4);
    v = check(s);
    ck_verdict(v, 0, SC_REASON_STAFF_TOO_FEW); /* 2 < 3 */
    ck_assert_ptr_nonnull(strstr(v.message, "practical"));
    fx_staff(s, SC_COMPONENT_PRACTICAL, 5, 5);
    v = check(s);
    ck_verdict(v, 1, SC_REASON_NONE); /* 3 for 10 */
    fx_enrol(s, 11, 15);
    v = check(s);
    ck_verdict(v, 1, SC_REASON_NONE); /* 3 for 15 */
    fx_enrol(s, 16, 16);
    v = check(s);
    ck_verdict(v, 0, SC_REASON_STAFF_TOO_FEW); /* 16 needs 4 */
    fx_staff(s, SC_COMPONENT_PRACTICAL, 6, 6);
    v = check(s);
    ck_verdict(v, 0, SC_REASON_STAFF_NOT_ODD); /* 4 is even */
    fx_staff(s, SC_COMPONENT_PRACTICAL, 7, 7);
    v = check(s);
    ck_verdict(v, 1, SC_REASON_NONE); /* 5 */
}
END_TEST

START_TEST(test_assessment_ratio_review_panel)
{
    sc_verdict v = SC_VERDICT_INIT;
    int64_t s;
    fx_candidates(1, 3);
    s = fx_session(2, "2024-03-01", 0);
    fx_enrol(s, 1, 3);
    fx_staff(s, SC_COMPONENT_THEORY, 1, 2);
    fx_staff(s, SC_COMPONENT_PRACTICAL, 1, 3);
    fx_staff(s, SC_COMPONENT_REVIEW, 101, 102); /* experts X01, X02 */
    v = check(s);
    ck_verdict(v, 0, SC_REASON_STAFF_TOO_FEW);
    ck_assert_ptr_nonnull(strstr(v.message, "review"));
    fx_staff(s, SC_COMPONENT_REVIEW, 4, 5); /* examiners may sit on the panel */
    v = check(s);
    ck_verdict(v, 0, SC_REASON_STAFF_NOT_ODD);
    fx_staff(s, SC_COMPONENT_REVIEW, 103, 103);
    v = check(s);
    ck_verdict(v, 1, SC_REASON_NONE); /* 5 */
    /* A level 4 session has no review component. */
    {
        int64_t s4 = fx_session(4, "2024-03-02", 0);
        ck_refused(sc_session_staff_add(fx.db, fx.org, s4, SC_COMPONENT_REVIEW, "X01"),
                   SC_ECONSTRAINT);
    }
}
END_TEST

START_TEST(test_assessment_unqualified_staff)
{
    int64_t s3, s4;
    sc_session_staff_iter *it = NULL;
    sc_session_staff st = SC_SESSION_STAFF_INIT;
    sc_verdict v = SC_VERDICT_INIT;
    s3 = fx_session(3, "2024-03-01", 0);
    s4 = fx_session(4, "2024-03-01", 0);
    /* U01 is qualified for level 4 only: fine for level 4, not for level 3. */
    ck_ok(sc_session_staff_add(fx.db, fx.org, s4, SC_COMPONENT_PRACTICAL, "U01"));
    ck_refused(sc_session_staff_add(fx.db, fx.org, s3, SC_COMPONENT_PRACTICAL, "U01"),
               SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "not qualified"));
    /* A manager is no examiner; an expert sits on review panels only. */
    ck_refused(sc_session_staff_add(fx.db, fx.org, s3, SC_COMPONENT_THEORY, "M01"),
               SC_ECONSTRAINT);
    ck_refused(sc_session_staff_add(fx.db, fx.org, s3, SC_COMPONENT_PRACTICAL, "X01"),
               SC_ECONSTRAINT);
    ck_refused(sc_session_staff_add(fx.db, fx.org, s3, SC_COMPONENT_THEORY, "NOBODY"),
               SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "not on the staff"));
    /* Another organization's examiner E01 is not ours, and it cannot assign ours. */
    ck_refused(sc_session_staff_add(fx.db, fx.org2, s3, SC_COMPONENT_THEORY, "E01"), SC_EDENIED);
    ck_ok(sc_session_staff_add(fx.db, fx.org, s3, SC_COMPONENT_THEORY, "E01"));
    ck_refused(sc_session_staff_add(fx.db, fx.org, s3, SC_COMPONENT_THEORY, "E01"), SC_EEXISTS);
    ck_refused(sc_session_staff_add(fx.db, fx.org, s3, 9, "E02"), SC_EINVAL);
    ck_refused(sc_session_staff_add(fx.db, fx.org, 777, SC_COMPONENT_THEORY, "E02"), SC_ENOTFOUND);
    /* Staff who left before the session day no longer count. */
    ck_ok(sc_staff_remove(fx.db, fx.org, FX_ORG, "E01", SC_STAFF_EXAMINER, "2024-02-01"));
    fx_candidate(1, NULL);
    fx_enrol(s3, 1, 1);
    fx_staff(s3, SC_COMPONENT_THEORY, 2, 2);
    fx_staff(s3, SC_COMPONENT_PRACTICAL, 2, 4);
    v = check(s3);
    ck_verdict(v, 0, SC_REASON_STAFF_UNQUALIFIED);
    ck_ok(sc_session_staff_iter_new(&it, fx.db, s3));
    ck_ok(sc_session_staff_iter_next(&st, it));
    ck_assert_int_eq(st.component, SC_COMPONENT_THEORY);
    ck_assert_str_eq(st.person_id, "E01");
    ck_assert_int_eq(st.role, SC_STAFF_EXAMINER);
    sc_session_staff_iter_free(it);
}
END_TEST

/* ---- confirmation, results, the pass rule, resits ---------------------------------------------- */

START_TEST(test_assessment_results_pass_rule)
{
    char a[19], b[19], c[19], d[19];
    sc_result r = SC_RESULT_INIT;
    sc_result_iter *it = NULL;
    int64_t s;
    int n = 0;
    fx_candidates(1, 4);
    fx_id(a, 1);
    fx_id(b, 2);
    fx_id(c, 3);
    fx_id(d, 4);
    s = fx_session(4, "2024-03-01", 0);
    fx_enrol(s, 1, 4);
    /* Not before the session is confirmed. */
    ck_refused(sc_result_record(fx.db, fx.org, s, a, 60, 60, SC_SCORE_NONE, "2024-03-01"),
               SC_ECONSTRAINT);
    fx_staff(s, SC_COMPONENT_THEORY, 1, 2);
    fx_staff(s, SC_COMPONENT_PRACTICAL, 1, 3);
    ck_ok(sc_session_confirm(fx.db, fx.org, s, "2024-02-28"));
    ck_refused(sc_session_confirm(fx.db, fx.org, s, "2024-02-28"), SC_ECONSTRAINT);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, a, NULL), SC_ECONSTRAINT);
    ck_refused(sc_session_staff_add(fx.db, fx.org, s, SC_COMPONENT_THEORY, "E09"),
               SC_ECONSTRAINT);

    ck_refused(sc_result_record(fx.db, fx.org, s, a, 60, 60, SC_SCORE_NONE, "2024-02-29"),
               SC_ECONSTRAINT); /* before the session */
    ck_refused(sc_result_record(fx.db, fx.org, s, a, 60, 100.5, SC_SCORE_NONE, "2024-03-01"), SC_EINVAL);
    ck_refused(sc_result_record(fx.db, fx.org, s, a, 60, SC_SCORE_NONE, SC_SCORE_NONE, "2024-03-01"),
               SC_EINVAL); /* practical missing */
    ck_refused(sc_result_record(fx.db, fx.org, s, a, 60, 60, 60, "2024-03-01"), SC_EINVAL); /* no review */
    ck_refused(sc_result_record(fx.db, fx.org2, s, a, 60, 60, SC_SCORE_NONE, "2024-03-01"), SC_EDENIED);

    ck_ok(sc_result_record(fx.db, fx.org, s, a, 60, 60, SC_SCORE_NONE, "2024-03-01"));
    ck_ok(sc_result_record(fx.db, fx.org, s, b, 59, 100, SC_SCORE_NONE, "2024-03-01"));
    ck_ok(sc_result_record(fx.db, fx.org, s, c, 100, 59.5, SC_SCORE_NONE, "2024-03-01"));
    ck_ok(sc_result_record(fx.db, fx.org, s, d, 0, 0, SC_SCORE_NONE, "2024-03-01"));
    ck_refused(sc_result_record(fx.db, fx.org, s, a, 70, 70, SC_SCORE_NONE, "2024-03-01"), SC_EEXISTS);

    ck_ok(sc_result_get(&r, fx.db, s, a));
    ck_assert_int_eq(r.passed, 1);
    ck_assert_str_eq(r.name, "考生1");
    ck_assert_int_eq(r.attempt, 1);
    ck_assert(r.review == SC_SCORE_NONE);
    ck_assert_str_eq(r.certificate, "");
    ck_ok(sc_result_get(&r, fx.db, s, b));
    ck_assert_int_eq(r.passed, 0); /* 59 */
    ck_ok(sc_result_get(&r, fx.db, s, c));
    ck_assert_int_eq(r.passed, 0); /* 59.5 */
    ck_assert(r.practical == 59.5);
    ck_ok(sc_result_iter_new(&it, fx.db, s));
    while (sc_result_iter_next(&r, it) == SC_OK)
        n += r.passed;
    sc_result_iter_free(it);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(sc_result_get(&r, fx.db, s + 99, a), SC_ENOTFOUND);
}
END_TEST

START_TEST(test_assessment_pass_rule_per_standard)
{
    sc_component_rule rule = SC_COMPONENT_RULE_INIT;
    sc_result r = SC_RESULT_INIT;
    char a[19];
    int64_t s;
    ck_ok(sc_component_rule_get(&rule, fx.db, NULL, SC_COMPONENT_PRACTICAL));
    snprintf(rule.occupation, sizeof rule.occupation, FX_OCC);
    rule.pass_score = 70;
    ck_ok(sc_component_rule_set(fx.db, fx.centre, &rule));
    fx_candidates(1, 1);
    fx_id(a, 1);
    s = fx_ready_session("2024-03-01", 1, 1);
    ck_ok(sc_result_record(fx.db, fx.org, s, a, 90, 69, SC_SCORE_NONE, "2024-03-01"));
    ck_ok(sc_result_get(&r, fx.db, s, a));
    ck_assert_int_eq(r.passed, 0);
}
END_TEST

START_TEST(test_assessment_resit)
{
    char a[19], b[19], ref[32];
    sc_result r = SC_RESULT_INIT;
    sc_enrolment_iter *it = NULL;
    sc_enrolment e = SC_ENROLMENT_INIT;
    sc_application app = SC_APPLICATION_INIT;
    int64_t s1, s2, s3, app_a;
    fx_candidates(1, 2);
    fx_id(a, 1);
    fx_id(b, 2);
    s1 = fx_ready_session("2024-03-01", 1, 2);
    app_a = fx_application(s1, 1);
    snprintf(ref, sizeof ref, "%lld", (long long)app_a);
    /* Not in a second session while the first has no result for them. */
    s2 = fx_session(4, "2024-06-01", 0);
    ck_refused(sc_session_enrol(fx.db, fx.org, s2, a, NULL), SC_ECONSTRAINT);
    ck_ok(sc_result_record(fx.db, fx.org, s1, a, 85, 59, SC_SCORE_NONE, "2024-03-02"));
    ck_ok(sc_result_record(fx.db, fx.org, s1, b, 85, 90, SC_SCORE_NONE, "2024-03-02"));
    /* The fail leaves a's application confirmed, for the resit. */
    ck_ok(sc_application_get(&app, fx.db, app_a));
    ck_assert_int_eq(app.state, SC_APPLICATION_CONFIRMED);
    /* Another system's reference is not an application of this registry. */
    ck_refused(sc_session_enrol(fx.db, fx.org, s2, a, "APP-2024-0001"), SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "application_ref");
    /* a failed the practical: the resit, on the same application, takes the practical only. */
    ck_ok(sc_session_enrol(fx.db, fx.org, s2, a, NULL));
    ck_refused(sc_session_enrol(fx.db, fx.org, s2, b, NULL), SC_ECONSTRAINT); /* passed */
    ck_ok(sc_enrolment_iter_new(&it, fx.db, s2));
    ck_ok(sc_enrolment_iter_next(&e, it));
    ck_assert_str_eq(e.id_number, a);
    ck_assert_int_eq(e.attempt, 2);
    ck_assert_uint_eq(e.components, SC_COMPONENT_BIT(SC_COMPONENT_PRACTICAL));
    ck_assert_str_eq(e.application_ref, ref);
    ck_assert_int_eq(sc_enrolment_iter_next(&e, it), SC_ITEROVER);
    sc_enrolment_iter_free(it);
    /* Staffing counts only who takes each component: no invigilator needed. */
    fx_staff(s2, SC_COMPONENT_PRACTICAL, 1, 3);
    ck_ok(sc_session_confirm(fx.db, fx.org, s2, NULL));
    ck_refused(sc_result_record(fx.db, fx.org, s2, a, 90, 70, SC_SCORE_NONE, "2024-06-01"),
               SC_EINVAL); /* the theory is carried over */
    ck_ok(sc_result_record(fx.db, fx.org, s2, a, SC_SCORE_NONE, 70, SC_SCORE_NONE, "2024-06-01"));
    ck_ok(sc_result_get(&r, fx.db, s2, a));
    ck_assert_int_eq(r.passed, 1);
    ck_assert_int_eq(r.attempt, 2);
    ck_assert(r.theory == 85);
    ck_assert(r.practical == 70);
    ck_assert_uint_eq(r.carried, SC_COMPONENT_BIT(SC_COMPONENT_THEORY));
    /* The pass at the resit completes the application. */
    ck_ok(sc_application_get(&app, fx.db, app_a));
    ck_assert_int_eq(app.state, SC_APPLICATION_COMPLETED);
    ck_assert_str_eq(app.ended, "2024-06-01");
    /* Passed now: no third attempt. */
    s3 = fx_session(4, "2024-09-01", 0);
    ck_refused(sc_session_enrol(fx.db, fx.org, s3, a, NULL), SC_ECONSTRAINT);
    /* Unknown candidates and bad numbers. */
    ck_refused(sc_session_enrol(fx.db, fx.org, s3, "110105198001011238", NULL), SC_ENOTFOUND);
    ck_refused(sc_session_enrol(fx.db, fx.org, s3, "110105198001011239", NULL), SC_EINVAL);
}
END_TEST

/* ---- enrolment on a confirmed application (only confirmed applicants enrol) ------------------- */

/* Candidate n applies to the announcement of `org` for FX_OCC at `level`;
 * verified when step >= 2, confirmed by the district when step >= 3. */
static int64_t application_to(sc_actor *org, int n, int level, int step)
{
    sc_actor *self;
    char id[19];
    int64_t app = 0;
    int eligible = 0;
    fx_id(id, n);
    self = t_actor(SC_ACTOR_CANDIDATE, id);
    ck_ok(sc_application_apply(&app, fx.db, self, org == fx.org ? fx.ann : fx.ann2, id, FX_OCC,
                               NULL, level, SC_PATH_NORMAL, NULL, FX_APPLY_DAY));
    sc_actor_free(self);
    if (step >= 2) {
        ck_ok(sc_application_verify(&eligible, fx.db, org, app, FX_APPLY_DAY));
        ck_assert_int_eq(eligible, 1);
    }
    if (step >= 3)
        ck_ok(sc_application_confirm(fx.db, org == fx.org ? fx.haidian : fx.xicheng, app,
                                     FX_APPLY_DAY));
    return app;
}

static int state_of(int64_t app)
{
    sc_application a = SC_APPLICATION_INIT;
    ck_ok(sc_application_get(&a, fx.db, app));
    return a.state;
}

static int error_says(const char *text)
{
    return strstr(sc_error_last()->message, text) != NULL;
}

START_TEST(test_assessment_enrol_links_confirmed)
{
    char a[19], b[19], c[19], ref[32];
    sc_enrolment e = SC_ENROLMENT_INIT;
    sc_enrolment_iter *it = NULL;
    int64_t s, app[4];
    int i = 0;
    fx_candidates(1, 3);
    fx_id(a, 1);
    fx_id(b, 2);
    fx_id(c, 3);
    s = fx_session(4, "2024-03-01", 0);
    app[1] = application_to(fx.org, 1, 4, 3);
    app[2] = application_to(fx.org, 2, 4, 3);
    app[3] = application_to(fx.org, 3, 4, 3);
    /* NULL and "" find the confirmed application; a number names it. */
    ck_ok(sc_session_enrol(fx.db, fx.org, s, a, NULL));
    ck_ok(sc_session_enrol(fx.db, fx.org, s, b, ""));
    snprintf(ref, sizeof ref, "%lld", (long long)app[3]);
    ck_ok(sc_session_enrol(fx.db, fx.org, s, c, ref));
    ck_ok(sc_enrolment_iter_new(&it, fx.db, s));
    while (sc_enrolment_iter_next(&e, it) == SC_OK) {
        int n = !strcmp(e.id_number, a) ? 1 : !strcmp(e.id_number, b) ? 2 : 3;
        snprintf(ref, sizeof ref, "%lld", (long long)app[n]);
        ck_assert_str_eq(e.application_ref, ref);
        i++;
    }
    sc_enrolment_iter_free(it);
    ck_assert_int_eq(i, 3);
    /* Enrolment does not change the application; the audit entry names it. */
    ck_assert_int_eq(state_of(app[1]), SC_APPLICATION_CONFIRMED);
    snprintf(ref, sizeof ref, "%lld", (long long)app[1]);
    {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'session.enrol' "
                 "AND detail LIKE '%%candidate=%s %%application=%s'", a, ref);
        ck_assert_int_eq(rows(sql), 1);
    }
}
END_TEST

START_TEST(test_assessment_enrol_refusals)
{
    char id[8][19], ref[32];
    int64_t s, verified, other_org, other_level, theirs;
    int n;
    fx_candidates(1, 7);
    for (n = 1; n <= 7; n++)
        fx_id(id[n], n);
    s = fx_session(4, "2024-03-01", 0);

    /* No application at all. */
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[1], NULL), SC_ECONSTRAINT);
    ck_assert_msg(error_says("has no application confirmed by the district (报名确认) for "
                             FX_OCC " level 4"), "%s", sc_error_last()->message);
    ck_assert_str_eq(sc_error_last()->field, "application_ref");

    /* Only submitted, only verified: the district has not confirmed. */
    application_to(fx.org, 2, 4, 1);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[2], NULL), SC_ECONSTRAINT);
    ck_assert_msg(error_says("is submitted"), "%s", sc_error_last()->message);
    verified = application_to(fx.org, 3, 4, 2);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[3], NULL), SC_ECONSTRAINT);
    ck_assert_msg(error_says("has no application confirmed") && error_says("is verified"), "%s",
                  sc_error_last()->message);
    snprintf(ref, sizeof ref, "%lld", (long long)verified);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[3], ref), SC_ECONSTRAINT);
    ck_assert_msg(error_says("is verified"), "%s", sc_error_last()->message);

    /* Confirmed, but to another organization (for the same offering). */
    other_org = application_to(fx.org2, 4, 4, 3);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[4], NULL), SC_ECONSTRAINT);
    ck_assert_msg(error_says("has no application confirmed") && error_says(FX_ORG2), "%s",
                  sc_error_last()->message);
    snprintf(ref, sizeof ref, "%lld", (long long)other_org);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[4], ref), SC_ECONSTRAINT);

    /* Confirmed to this organization, but for another offering (level 5). */
    other_level = application_to(fx.org, 5, 5, 3);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[5], NULL), SC_ECONSTRAINT);
    ck_assert_msg(error_says("has no application confirmed"), "%s", sc_error_last()->message);
    snprintf(ref, sizeof ref, "%lld", (long long)other_level);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[5], ref), SC_ECONSTRAINT);

    /* Someone else's confirmed application, named. */
    theirs = application_to(fx.org, 6, 4, 3);
    snprintf(ref, sizeof ref, "%lld", (long long)theirs);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[7], ref), SC_ECONSTRAINT);
    ck_assert_msg(error_says("is not"), "%s", sc_error_last()->message);

    /* Not an application number of this registry; no such application. */
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[6], "APP-2024-001"), SC_EINVAL);
    ck_assert_msg(error_says("not an application number of this registry"), "%s",
                  sc_error_last()->message);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[6], "12a"), SC_EINVAL);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[6], " 12"), SC_EINVAL);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[6], "-3"), SC_EINVAL);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[6], "0"), SC_EINVAL);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[6], "123456789012345678901234567890"),
               SC_EINVAL);
    ck_refused(sc_session_enrol(fx.db, fx.org, s, id[6], "99999"), SC_ENOTFOUND);
    /* ... the same check before the organization's own: another organization is denied. */
    ck_refused(sc_session_enrol(fx.db, fx.org2, s, id[6], NULL), SC_EDENIED);

    /* Confirmed (FX_APPLY_DAY) only after the day of an earlier session. */
    {
        int64_t early = fx_session(4, "2023-06-08", 0);
        ck_refused(sc_session_enrol(fx.db, fx.org, early, id[6], NULL), SC_ECONSTRAINT);
        ck_assert_msg(error_says("was confirmed on " FX_APPLY_DAY ", after the day of session"),
                      "%s", sc_error_last()->message);
        ck_refused(sc_session_enrol(fx.db, fx.org, early, id[6], ref), SC_ECONSTRAINT);
    }

    /* None of that enrolled anyone; the owner of the application still enrols. */
    ck_assert_int_eq(rows("SELECT count(*) FROM enrolment"), 0);
    ck_ok(sc_session_enrol(fx.db, fx.org, s, id[6], ref));
}
END_TEST

/* A confirmed application on which the candidate is enrolled cannot be
   withdrawn until the session records a result for them; after a fail it can. */
START_TEST(test_assessment_withdraw_waits_for_the_result)
{
    char a[19];
    sc_actor *self;
    int64_t s, app;
    long audit;
    fx_candidates(1, 1);
    fx_id(a, 1);
    s = fx_ready_session("2024-03-01", 1, 1);
    app = fx_application(s, 1);
    self = t_actor(SC_ACTOR_CANDIDATE, a);
    audit = rows("SELECT count(*) FROM audit");
    ck_refused(sc_application_withdraw(fx.db, self, app, "不参加考试", "2024-02-20"),
               SC_ECONSTRAINT);
    ck_assert_msg(error_says("which has no result for"), "%s", sc_error_last()->message);
    ck_refused(sc_application_withdraw_for(fx.db, fx.org, app, "考生申请", "2024-02-20"),
               SC_ECONSTRAINT);
    ck_assert_int_eq(state_of(app), SC_APPLICATION_CONFIRMED);
    ck_assert_int_eq(rows("SELECT count(*) FROM audit"), audit);
    /* Absent: recorded with scores of 0, a fail; the application may now go. */
    ck_ok(sc_result_record(fx.db, fx.org, s, a, 0, 0, SC_SCORE_NONE, "2024-03-01"));
    ck_assert_int_eq(state_of(app), SC_APPLICATION_CONFIRMED);
    ck_ok(sc_application_withdraw(fx.db, self, app, "不再参加补考", "2024-03-05"));
    ck_assert_int_eq(state_of(app), SC_APPLICATION_WITHDRAWN);
    sc_actor_free(self);
}
END_TEST

START_TEST(test_assessment_pass_completes_application)
{
    char a[19], b[19], label[64], sql[256];
    sc_application app = SC_APPLICATION_INIT;
    sc_actor *self;
    int64_t s, app_a, app_b, again = 0, s2;
    sc_application_query q = SC_APPLICATION_QUERY_INIT;
    int64_t count = 0;
    fx_candidates(1, 2);
    fx_id(a, 1);
    fx_id(b, 2);
    s = fx_ready_session("2024-03-01", 1, 2);
    app_a = fx_application(s, 1);
    app_b = fx_application(s, 2);

    /* a refused result changes nothing, the application included */
    ck_refused(sc_result_record(fx.db, fx.org, s, a, 80, 75, SC_SCORE_NONE, "2024-02-20"),
               SC_ECONSTRAINT);
    ck_ok(sc_result_record(fx.db, fx.org, s, a, 80, 75, SC_SCORE_NONE, "2024-03-02"));
    ck_ok(sc_result_record(fx.db, fx.org, s, b, 50, 75, SC_SCORE_NONE, "2024-03-02"));

    /* The pass completes a's application, in the result's transaction. */
    ck_ok(sc_application_get(&app, fx.db, app_a));
    ck_assert_int_eq(app.state, SC_APPLICATION_COMPLETED);
    ck_assert_str_eq(sc_application_state_name(app.state), "completed");
    ck_assert_str_eq(app.ended, "2024-03-02");
    snprintf(label, sizeof label, "%s", sc_actor_label(fx.org));
    ck_assert_str_eq(app.ended_by, label);
    ck_assert_int_eq(app.ended_at, SC_APPLICATION_CONFIRMED);
    ck_assert_msg(strstr(app.reason, "passed in session") != NULL, "%s", app.reason);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'result.record' "
             "AND detail LIKE '%%passed=1 %%application=%lld completed'", (long long)app_a);
    ck_assert_int_eq(rows(sql), 1);
    /* The fail leaves b's confirmed. */
    ck_assert_int_eq(state_of(app_b), SC_APPLICATION_CONFIRMED);
    snprintf(q.id_number, sizeof q.id_number, "%s", a);
    q.state = SC_APPLICATION_COMPLETED;
    ck_ok(sc_application_count_get(&count, fx.db, &q));
    ck_assert_int_eq(count, 1);

    /* a may apply again for the offering (a re-certification); b may not (still open). */
    self = t_actor(SC_ACTOR_CANDIDATE, b);
    ck_refused(sc_application_apply(&again, fx.db, self, fx.ann2, b, FX_OCC, NULL, 4,
                                    SC_PATH_NORMAL, NULL, "2024-03-10"), SC_EEXISTS);
    sc_actor_free(self);
    self = t_actor(SC_ACTOR_CANDIDATE, a);
    ck_ok(sc_application_apply(&again, fx.db, self, fx.ann2, a, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                               NULL, "2024-03-10"));
    sc_actor_free(self);
    ck_assert_int_eq(state_of(again), SC_APPLICATION_SUBMITTED);
    ck_ok(sc_application_verify(NULL, fx.db, fx.org2, again, "2024-03-11"));
    ck_ok(sc_application_confirm(fx.db, fx.xicheng, again, "2024-03-12"));
    /* ... and is enrolled on the new application with that organization. */
    ck_ok(sc_session_create(&s2, fx.db, fx.org2, FX_ORG2, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                            "2024-04-01", fx.venue2, 1, 0));
    ck_ok(sc_session_enrol(fx.db, fx.org2, s2, a, NULL));
    /* The completed application enrols no one any more. */
    s2 = fx_session(4, "2024-05-01", 0);
    snprintf(sql, sizeof sql, "%lld", (long long)app_a);
    ck_refused(sc_session_enrol(fx.db, fx.org, s2, a, sql), SC_ECONSTRAINT);
}
END_TEST

/* ---- the question bank ------------------------------------------------------------------------ */

static sc_item *choice(const char *code, int type, const char *area, int difficulty,
                       const char *answer)
{
    sc_item *it = NULL;
    ck_ok(sc_item_new(&it, code, type, FX_OCC, NULL, 4, area, difficulty, "题干"));
    if (type == SC_ITEM_SINGLE || type == SC_ITEM_MULTIPLE) {
        ck_ok(sc_item_add_option(it, "甲"));
        ck_ok(sc_item_add_option(it, "乙"));
        ck_ok(sc_item_add_option(it, "丙"));
        ck_ok(sc_item_add_option(it, "丁"));
    }
    if (answer)
        ck_ok(sc_item_set_answer(it, answer));
    return it;
}

static void save(sc_item *it)
{
    ck_ok(sc_bank_item_save(NULL, fx.db, fx.org, FX_ORG, it));
    sc_item_free(it);
}

START_TEST(test_assessment_item_checks)
{
    sc_item *it = NULL;
    ck_assert_int_eq(sc_item_new(&it, "bad code", SC_ITEM_SINGLE, FX_OCC, NULL, 4, "a", 1, "s"),
                     SC_EINVAL);
    ck_assert_ptr_null(it);
    ck_assert_int_eq(sc_item_new(&it, "Q1", 9, FX_OCC, NULL, 4, "a", 1, "s"), SC_EINVAL);
    ck_assert_int_eq(sc_item_new(&it, "Q1", 1, "4-02", NULL, 4, "a", 1, "s"), SC_EINVAL);
    ck_assert_int_eq(sc_item_new(&it, "Q1", 1, FX_OCC, NULL, 4, "a", 6, "s"), SC_EINVAL);
    ck_assert_int_eq(sc_item_new(&it, "Q1", 1, FX_OCC, NULL, 4, "", 1, "s"), SC_EINVAL);

    it = choice("Q1", SC_ITEM_MULTIPLE, "基础知识", 2, NULL);
    ck_assert_int_eq(sc_item_set_answer(it, "A"), SC_EINVAL);     /* needs 2 letters */
    ck_assert_int_eq(sc_item_set_answer(it, "AAB"), SC_EINVAL);   /* repeated */
    ck_assert_int_eq(sc_item_set_answer(it, "A1"), SC_EINVAL);
    ck_ok(sc_item_set_answer(it, "dba"));
    ck_assert_str_eq(sc_item_answer(it), "ABD");
    ck_assert_str_eq(sc_item_option(it, 3), "丁");
    ck_assert_ptr_null(sc_item_option(it, 4));
    ck_assert_int_eq(sc_item_option_count(it), 4);
    ck_assert_int_eq(sc_item_version(it), 0);
    ck_assert_str_eq(sc_item_saved(it), "");
    ck_ok(sc_item_set_answer(it, "ABE"));                          /* E: no such option ... */
    ck_refused(sc_bank_item_save(NULL, fx.db, fx.org, FX_ORG, it), SC_EINVAL); /* ... on save */
    sc_item_free(it);

    it = choice("Q2", SC_ITEM_TRUE_FALSE, "基础知识", 1, NULL);
    ck_assert_int_eq(sc_item_add_option(it, "x"), SC_EINVAL);
    ck_assert_int_eq(sc_item_set_answer(it, "Y"), SC_EINVAL);
    ck_refused(sc_bank_item_save(NULL, fx.db, fx.org, FX_ORG, it), SC_EINVAL); /* no key */
    ck_ok(sc_item_set_answer(it, "t"));
    ck_assert_str_eq(sc_item_answer(it), "T");
    ck_refused(sc_bank_item_save(NULL, fx.db, fx.org2, FX_ORG, it), SC_EDENIED);
    ck_ok(sc_bank_item_save(NULL, fx.db, fx.org, FX_ORG, it));
    sc_item_free(it);
    /* An item keeps its type, occupation and level. */
    it = choice("Q2", SC_ITEM_SINGLE, "基础知识", 1, "A");
    ck_refused(sc_bank_item_save(NULL, fx.db, fx.org, FX_ORG, it), SC_ECONSTRAINT);
    sc_item_free(it);
    ck_assert_int_eq(sc_bank_item_get(&it, fx.db, FX_ORG, "Q404", 0), SC_ENOTFOUND);
    ck_assert_ptr_null(it);
}
END_TEST

START_TEST(test_assessment_item_versions)
{
    sc_item *it, *got = NULL;
    sc_blueprint *bp = NULL;
    int64_t s, paper = 0, exposure = 0;
    int version = 0;
    it = choice("V1", SC_ITEM_SINGLE, "基础知识", 1, "A");
    ck_ok(sc_bank_item_save(&version, fx.db, fx.org, FX_ORG, it));
    ck_assert_int_eq(version, 1);
    /* Not in a paper yet: changed in place. */
    sc_item_free(it);
    it = choice("V1", SC_ITEM_SINGLE, "基础知识", 1, "B");
    ck_ok(sc_bank_item_save(&version, fx.db, fx.org, FX_ORG, it));
    ck_assert_int_eq(version, 1);
    ck_assert_int_eq(rows("SELECT count(*) FROM bank_item"), 1);
    /* Saving the same content again changes nothing. */
    {
        long audit = rows("SELECT count(*) FROM audit");
        ck_ok(sc_bank_item_save(&version, fx.db, fx.org, FX_ORG, it));
        ck_assert_int_eq(version, 1);
        ck_assert_int_eq(rows("SELECT count(*) FROM audit"), audit);
    }
    sc_item_free(it);
    /* Put it in a paper. */
    s = fx_session(4, "2024-03-01", 0);
    ck_ok(sc_blueprint_new(&bp));
    ck_ok(sc_blueprint_add_area(bp, "基础知识", 100));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 1, 100));
    ck_ok(sc_paper_assemble(&paper, fx.db, fx.org, s, SC_COMPONENT_THEORY, bp, 7));
    sc_blueprint_free(bp);
    /* Now an edit makes version 2; version 1 stays as it was. */
    it = choice("V1", SC_ITEM_SINGLE, "基础知识", 2, "C");
    ck_ok(sc_bank_item_save(&version, fx.db, fx.org, FX_ORG, it));
    ck_assert_int_eq(version, 2);
    sc_item_free(it);
    ck_ok(sc_bank_item_get(&got, fx.db, FX_ORG, "V1", 1));
    ck_assert_str_eq(sc_item_answer(got), "B");
    ck_assert_int_eq(sc_item_difficulty(got), 1);
    ck_assert_int_eq(sc_item_exposure(got), 1);
    sc_item_free(got);
    ck_ok(sc_bank_item_get(&got, fx.db, FX_ORG, "V1", 0));
    ck_assert_int_eq(sc_item_version(got), 2);
    ck_assert_str_eq(sc_item_answer(got), "C");
    ck_assert_int_eq(sc_item_exposure(got), 0);
    ck_assert_str_eq(sc_item_occupation(got), FX_OCC);
    ck_assert_int_eq(sc_item_type_of(got), SC_ITEM_SINGLE);
    sc_item_free(got);
    /* The paper keeps version 1. */
    {
        sc_paper_item_iter *pi = NULL;
        sc_paper_item p = SC_PAPER_ITEM_INIT;
        ck_ok(sc_paper_item_iter_new(&pi, fx.db, paper));
        ck_ok(sc_paper_item_iter_next(&p, pi));
        ck_assert_str_eq(p.code, "V1");
        ck_assert_int_eq(p.item_version, 1);
        sc_paper_item_iter_free(pi);
    }
    /* An unused version 2 changes in place again. */
    it = choice("V1", SC_ITEM_SINGLE, "基础知识", 3, "D");
    ck_ok(sc_bank_item_save(&version, fx.db, fx.org, FX_ORG, it));
    ck_assert_int_eq(version, 2);
    sc_item_free(it);
    ck_ok(sc_bank_exposure_get(&exposure, fx.db, FX_ORG, "V1"));
    ck_assert_int_eq(exposure, 1);
    ck_assert_int_eq(sc_bank_item_get(&got, fx.db, FX_ORG, "V1", 3), SC_ENOTFOUND);
    ck_assert_int_eq(sc_bank_exposure_get(&exposure, fx.db, FX_ORG, "V9"), SC_ENOTFOUND);
}
END_TEST

/* A bank for one session: per area (A 60%, B 40%) and difficulty 1-3, 6 single
 * and 6 true/false items each (A) or 4 each (B). */
static void fill_bank(void)
{
    char code[32];
    int d, i;
    for (d = 1; d <= 3; d++) {
        for (i = 0; i < 6; i++) {
            snprintf(code, sizeof code, "S-A-%d-%d", d, i);
            save(choice(code, SC_ITEM_SINGLE, "A", d, "B"));
            snprintf(code, sizeof code, "T-A-%d-%d", d, i);
            save(choice(code, SC_ITEM_TRUE_FALSE, "A", d, "T"));
        }
        for (i = 0; i < 4; i++) {
            snprintf(code, sizeof code, "S-B-%d-%d", d, i);
            save(choice(code, SC_ITEM_SINGLE, "B", d, "C"));
            snprintf(code, sizeof code, "T-B-%d-%d", d, i);
            save(choice(code, SC_ITEM_TRUE_FALSE, "B", d, "F"));
        }
    }
}

static sc_blueprint *blueprint(void)
{
    sc_blueprint *bp = NULL;
    ck_ok(sc_blueprint_new(&bp));
    ck_ok(sc_blueprint_add_area(bp, "A", 60));
    ck_ok(sc_blueprint_add_area(bp, "B", 40));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 20, 3));   /* 60 points */
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_TRUE_FALSE, 20, 2)); /* 40 points */
    ck_ok(sc_blueprint_add_difficulty(bp, 1, 30));
    ck_ok(sc_blueprint_add_difficulty(bp, 2, 50));
    ck_ok(sc_blueprint_add_difficulty(bp, 3, 20));
    return bp;
}

/* The codes of a paper joined by spaces. */
static void paper_codes(int64_t paper, char *out, size_t cap, int *area_a, int *diff)
{
    sc_paper_item_iter *it = NULL;
    sc_paper_item p = SC_PAPER_ITEM_INIT;
    size_t o = 0;
    int rc;
    out[0] = '\0';
    *area_a = 0;
    memset(diff, 0, 4 * sizeof(int));
    ck_ok(sc_paper_item_iter_new(&it, fx.db, paper));
    while ((rc = sc_paper_item_iter_next(&p, it)) == SC_OK) {
        o += (size_t)snprintf(out + o, cap - o, "%s ", p.code);
        *area_a += !strcmp(p.area, "A");
        diff[p.difficulty]++;
    }
    ck_assert_int_eq(rc, SC_ITEROVER);
    sc_paper_item_iter_free(it);
}

START_TEST(test_assessment_paper_assembly)
{
    sc_blueprint *bp;
    sc_paper p = SC_PAPER_INIT;
    int64_t s, p1 = 0, p2 = 0, p3 = 0;
    char c1[2048], c2[2048], c3[2048];
    int a1, a3, d1[4], d3[4];
    fill_bank();
    s = fx_session(4, "2024-03-01", 0);
    bp = blueprint();
    ck_ok(sc_paper_assemble(&p1, fx.db, fx.org, s, SC_COMPONENT_THEORY, bp, 42));
    ck_ok(sc_paper_assemble(&p2, fx.db, fx.org, s, SC_COMPONENT_THEORY, bp, 42));
    ck_ok(sc_paper_assemble(&p3, fx.db, fx.org, s, SC_COMPONENT_THEORY, bp, 43));
    ck_ok(sc_paper_get(&p, fx.db, p1));
    ck_assert_int_eq(p.items, 40);
    ck_assert_uint_eq(p.seed, 42);
    ck_assert(p.total_points == 100);
    ck_assert_int_eq(p.component, SC_COMPONENT_THEORY);
    paper_codes(p1, c1, sizeof c1, &a1, d1);
    paper_codes(p2, c2, sizeof c2, &a1, d1);
    paper_codes(p3, c3, sizeof c3, &a3, d3);
    /* The same seed, the same paper; another seed, another paper. */
    ck_assert_str_eq(c1, c2);
    ck_assert_str_ne(c1, c3);
    /* 60% of 20 + 60% of 20 in area A; the mix 30/50/20 of each type. */
    ck_assert_int_eq(a1, 24);
    ck_assert_int_eq(d1[1], 12);
    ck_assert_int_eq(d1[2], 20);
    ck_assert_int_eq(d1[3], 8);
    ck_assert_int_eq(a3, 24);
    ck_assert_int_eq(d3[2], 20);
    /* Never an item twice. */
    {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT count(DISTINCT b.code) FROM paper_item pi JOIN "
                 "bank_item b ON b.id = pi.item_id WHERE pi.paper_id = %lld", (long long)p3);
        ck_assert_int_eq(rows(sql), 40);
    }
    /* Exposure: each drawn item counted once per paper. */
    ck_assert_int_eq(rows("SELECT sum(exposure) FROM bank_item"), 120);
    ck_assert_int_eq(rows("SELECT count(*) FROM bank_item WHERE exposure > 3"), 0);
    /* Not enough items: the message names what is short. */
    sc_blueprint_free(bp);
    ck_ok(sc_blueprint_new(&bp));
    ck_ok(sc_blueprint_add_area(bp, "B", 100));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 13, 4));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_TRUE_FALSE, 12, 4));
    ck_refused(sc_paper_assemble(&p3, fx.db, fx.org, s, SC_COMPONENT_THEORY, bp, 1),
               SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "area 'B'"));
    sc_blueprint_free(bp);
    /* Blueprints that do not add up. */
    ck_ok(sc_blueprint_new(&bp));
    ck_assert_int_eq(sc_blueprint_add_area(bp, "A", 101), SC_EINVAL);
    ck_ok(sc_blueprint_add_area(bp, "A", 50));
    ck_assert_int_eq(sc_blueprint_add_area(bp, "A", 50), SC_EEXISTS);
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 10, 10));
    ck_assert_int_eq(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 10, 10), SC_EEXISTS);
    ck_assert_int_eq(sc_blueprint_add_type(bp, SC_ITEM_TRUE_FALSE, 10, 0.3), SC_EINVAL);
    ck_refused(sc_paper_assemble(&p3, fx.db, fx.org, s, SC_COMPONENT_THEORY, bp, 1), SC_EINVAL);
    ck_ok(sc_blueprint_add_area(bp, "B", 50));
    ck_refused(sc_paper_assemble(&p3, fx.db, fx.org, s, SC_COMPONENT_PRACTICAL, bp, 1), SC_EINVAL);
    ck_refused(sc_paper_assemble(&p3, fx.db, fx.org, s, SC_COMPONENT_REVIEW, bp, 1), SC_EINVAL);
    ck_refused(sc_paper_assemble(&p3, fx.db, fx.org2, s, SC_COMPONENT_THEORY, bp, 1), SC_EDENIED);
    ck_ok(sc_blueprint_add_difficulty(bp, 1, 60));
    ck_refused(sc_paper_assemble(&p3, fx.db, fx.org, s, SC_COMPONENT_THEORY, bp, 1), SC_EINVAL);
    sc_blueprint_free(bp);
    ck_assert_int_eq(sc_paper_get(&p, fx.db, 999), SC_ENOTFOUND);
}
END_TEST

START_TEST(test_assessment_scoring)
{
    sc_blueprint *bp = NULL;
    int64_t s, offline, paper = 0, op = 0;
    char a[19], b[19];
    const char *answers[4];
    double score = -1;
    sc_paper_item_iter *it = NULL;
    sc_paper_item p = SC_PAPER_ITEM_INIT;
    int i = 0;

    save(choice("S1", SC_ITEM_SINGLE, "A", 1, "B"));
    save(choice("M1", SC_ITEM_MULTIPLE, "A", 1, "AC"));
    save(choice("T1", SC_ITEM_TRUE_FALSE, "A", 1, "F"));
    save(choice("P1", SC_ITEM_PRACTICAL, "A", 1, "操作规范"));
    fx_candidates(1, 2);
    fx_id(a, 1);
    fx_id(b, 2);
    s = fx_session(4, "2024-03-01", SC_SESSION_ONLINE);
    fx_enrol(s, 1, 2);
    ck_ok(sc_blueprint_new(&bp));
    ck_ok(sc_blueprint_add_area(bp, "A", 100));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 1, 40));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_MULTIPLE, 1, 35));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_TRUE_FALSE, 1, 25));
    ck_ok(sc_paper_assemble(&paper, fx.db, fx.org, s, SC_COMPONENT_THEORY, bp, 1));
    /* Items in type order: single, multiple, true/false. */
    ck_ok(sc_paper_item_iter_new(&it, fx.db, paper));
    while (sc_paper_item_iter_next(&p, it) == SC_OK)
        ck_assert_int_eq(p.type, ++i);
    sc_paper_item_iter_free(it);

    answers[0] = "b";
    answers[1] = "CA";
    answers[2] = "T";
    ck_refused(sc_paper_score(&score, fx.db, fx.org, paper, a, answers, 2), SC_EINVAL);
    answers[2] = "maybe";
    ck_refused(sc_paper_score(&score, fx.db, fx.org, paper, a, answers, 3), SC_EINVAL);
    answers[2] = "T";
    ck_refused(sc_paper_score(&score, fx.db, fx.org2, paper, a, answers, 3), SC_EDENIED);
    ck_ok(sc_paper_score(&score, fx.db, fx.org, paper, a, answers, 3));
    ck_assert(score == 75); /* single 40 + multiple 35; true/false wrong */
    ck_refused(sc_paper_score(&score, fx.db, fx.org, paper, a, answers, 3), SC_EEXISTS);
    answers[0] = NULL;  /* unanswered */
    answers[1] = "A";   /* partial: no credit */
    answers[2] = "F";
    ck_ok(sc_paper_score(&score, fx.db, fx.org, paper, b, answers, 3));
    ck_assert(score == 25);
    ck_assert_int_eq(rows("SELECT count(*) FROM paper_sheet"), 2);
    ck_refused(sc_paper_score(&score, fx.db, fx.org, paper, "110105198001011238", answers, 3),
               SC_ENOTFOUND);
    /* Offline sessions are marked by examiners. */
    offline = fx_session(4, "2024-03-02", 0);
    ck_ok(sc_paper_assemble(&op, fx.db, fx.org, offline, SC_COMPONENT_THEORY, bp, 1));
    ck_refused(sc_paper_score(&score, fx.db, fx.org, op, a, answers, 3), SC_ECONSTRAINT);
    sc_blueprint_free(bp);
    /* A practical paper. */
    ck_ok(sc_blueprint_new(&bp));
    ck_ok(sc_blueprint_add_area(bp, "A", 100));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_PRACTICAL, 1, 100));
    ck_ok(sc_paper_assemble(&op, fx.db, fx.org, s, SC_COMPONENT_PRACTICAL, bp, 1));
    answers[0] = "A";
    ck_refused(sc_paper_score(&score, fx.db, fx.org, op, a, answers, 1), SC_EINVAL);
    answers[0] = NULL;
    ck_ok(sc_paper_score(&score, fx.db, fx.org, op, a, answers, 1));
    ck_assert(score == 0);
    sc_blueprint_free(bp);
}
END_TEST

START_TEST(test_assessment_bank_iter)
{
    sc_bank_query q = SC_BANK_QUERY_INIT;
    sc_bank_iter *it = NULL;
    sc_item *item = NULL;
    int n = 0, rc;
    fill_bank();
    q.occupation = FX_OCC;
    q.level = 4;
    ck_ok(sc_bank_iter_new(&it, fx.db, FX_ORG, &q));
    while ((rc = sc_bank_iter_next(&item, it)) == SC_OK) {
        n++;
        sc_item_free(item);
    }
    ck_assert_int_eq(rc, SC_ITEROVER);
    ck_assert_ptr_null(item);
    sc_bank_iter_free(it);
    ck_assert_int_eq(n, 60);
    /* No query: the whole bank. */
    ck_ok(sc_bank_iter_new(&it, fx.db, FX_ORG, NULL));
    for (n = 0; (rc = sc_bank_iter_next(&item, it)) == SC_OK; n++)
        sc_item_free(item);
    ck_assert_int_eq(rc, SC_ITEROVER);
    ck_assert_int_eq(n, 60);
    sc_bank_iter_free(it);
    q.occupation = NULL;
    q.level = 3;
    ck_ok(sc_bank_iter_new(&it, fx.db, FX_ORG, &q));
    ck_assert_int_eq(sc_bank_iter_next(&item, it), SC_ITEROVER);
    sc_bank_iter_free(it);
    ck_assert_int_eq(sc_bank_iter_new(&it, fx.db, FX_OTHER, NULL), SC_ENOTFOUND);
    q.level = 7;
    ck_assert_int_eq(sc_bank_iter_new(&it, fx.db, FX_ORG, &q), SC_EINVAL);
    /* A query of a version this library does not know is refused. */
    q.level = 0;
    ck_query_version_refused(q, SC_BANK_QUERY_VERSION, it,
                             sc_bank_iter_new(&it, fx.db, FX_ORG, &q));
}
END_TEST

/* ---- memory -------------------------------------------------------------------------------- */

START_TEST(test_assessment_free_null)
{
    sc_item_free(NULL);
    sc_blueprint_free(NULL);
    sc_bank_iter_free(NULL);
    sc_session_iter_free(NULL);
    sc_session_staff_iter_free(NULL);
    sc_enrolment_iter_free(NULL);
    sc_paper_item_iter_free(NULL);
    sc_result_iter_free(NULL);
    ck_assert_ptr_null(sc_item_code(NULL));
    ck_assert_int_eq(sc_item_option_count(NULL), 0);
    ck_assert_int_eq(sc_session_iter_next(NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_session_staff_iter_next(NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_enrolment_iter_next(NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_paper_item_iter_next(NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_result_iter_next(NULL, NULL), SC_EINVAL);
    {
        sc_session_staff st = SC_SESSION_STAFF_INIT;
        sc_enrolment e = SC_ENROLMENT_INIT;
        sc_paper_item pi = SC_PAPER_ITEM_INIT;
        sc_result r = SC_RESULT_INIT;
        ck_assert_int_eq(sc_session_staff_iter_next(&st, NULL), SC_EINVAL);
        ck_assert_int_eq(sc_enrolment_iter_next(&e, NULL), SC_EINVAL);
        ck_assert_int_eq(sc_paper_item_iter_next(&pi, NULL), SC_EINVAL);
        ck_assert_int_eq(sc_result_iter_next(&r, NULL), SC_EINVAL);
    }
}
END_TEST

START_TEST(test_assessment_alloc_failures)
{
    long n;
    int rc;
    /* Each constructor: fail the Nth allocation until it succeeds. */
    for (n = 0;; n++) {
        sc_item *it = NULL;
        sc__mem_fail_after(n);
        rc = sc_item_new(&it, "Q1", SC_ITEM_SINGLE, FX_OCC, "工种", 4, "基础", 1, "题干");
        if (rc == SC_OK)
            rc = sc_item_add_option(it, "甲");
        if (rc == SC_OK)
            rc = sc_item_set_answer(it, "A");
        sc__mem_fail_after(-1);
        sc_item_free(it);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
    }
    ck_assert_int_gt(n, 3);
    for (n = 0;; n++) {
        sc_blueprint *bp = NULL;
        sc__mem_fail_after(n);
        rc = sc_blueprint_new(&bp);
        if (rc == SC_OK)
            rc = sc_blueprint_add_area(bp, "A", 100);
        sc__mem_fail_after(-1);
        sc_blueprint_free(bp);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
    }
    for (n = 0;; n++) {
        sc_session_iter *it = NULL;
        sc__mem_fail_after(n);
        rc = sc_session_iter_new(&it, fx.db, &(sc_session_query){ SC_SESSION_QUERY_VERSION, FX_ORG, NULL });
        sc__mem_fail_after(-1);
        sc_session_iter_free(it);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(it);
    }
    save(choice("Q9", SC_ITEM_SINGLE, "A", 1, "A"));
    for (n = 0;; n++) {
        sc_item *it = NULL;
        sc__mem_fail_after(n);
        rc = sc_bank_item_get(&it, fx.db, FX_ORG, "Q9", 0);
        sc__mem_fail_after(-1);
        sc_item_free(it);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
    }
    for (n = 0;; n++) {
        sc_bank_iter *it = NULL;
        sc__mem_fail_after(n);
        rc = sc_bank_iter_new(&it, fx.db, FX_ORG, NULL);
        sc__mem_fail_after(-1);
        sc_bank_iter_free(it);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
    }
}
END_TEST

Suite *sc_assessment_suite(void)
{
    Suite *s = suite_create("assessment");
    TCase *tc;

    tc = tcase_create("components");
    tcase_add_test(tc, test_assessment_components);
    tcase_add_test(tc, test_assessment_free_null);
    suite_add_tcase(s, tc);

    tc = tcase_create("sessions");
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_assessment_rules);
    tcase_add_test(tc, test_assessment_venues);
    tcase_add_test(tc, test_assessment_session_create);
    suite_add_tcase(s, tc);

    tc = tcase_create("ratios");
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_assessment_ratio_theory_15);
    tcase_add_test(tc, test_assessment_ratio_theory_rooms);
    tcase_add_test(tc, test_assessment_ratio_practical);
    tcase_add_test(tc, test_assessment_ratio_review_panel);
    tcase_add_test(tc, test_assessment_unqualified_staff);
    suite_add_tcase(s, tc);

    tc = tcase_create("results");
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_assessment_results_pass_rule);
    tcase_add_test(tc, test_assessment_pass_rule_per_standard);
    tcase_add_test(tc, test_assessment_resit);
    suite_add_tcase(s, tc);

    tc = tcase_create("enrolment");
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_assessment_enrol_links_confirmed);
    tcase_add_test(tc, test_assessment_enrol_refusals);
    tcase_add_test(tc, test_assessment_pass_completes_application);
    tcase_add_test(tc, test_assessment_withdraw_waits_for_the_result);
    suite_add_tcase(s, tc);

    tc = tcase_create("bank");
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_assessment_item_checks);
    tcase_add_test(tc, test_assessment_item_versions);
    tcase_add_test(tc, test_assessment_paper_assembly);
    tcase_add_test(tc, test_assessment_scoring);
    tcase_add_test(tc, test_assessment_bank_iter);
    tcase_add_test(tc, test_assessment_alloc_failures);
    suite_add_tcase(s, tc);
    return s;
}
