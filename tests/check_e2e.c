/*
 * The notice end to end (京人社能发〔2022〕8号 §三): catalog → organization filed
 * → intake announcement → candidates apply, the organization verifies them
 * against the eligibility rules, the district confirms (报名确认) → a session
 * staffed to the standard's ratios, enrolling only confirmed applications →
 * a paper assembled from the bank and scored → results → certificates
 * reported, issued and published → verified by a member of the public → one
 * revoked. Every step goes through the public API with its own actor.
 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "assess_fixture.h"

#define DAY_APPLY "2024-03-05"
#define DAY_EXAM "2024-04-10"

static int64_t publish_announcement(void)
{
    sc_announcement ann = SC_ANNOUNCEMENT_INIT;
    sc_offerings *s = NULL;
    int64_t id = 0;
    ann = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(ann.credit_code, sizeof ann.credit_code, "%s", FX_ORG);
    snprintf(ann.code, sizeof ann.code, "2024-01");
    snprintf(ann.title, sizeof ann.title, "2024 年第一期网约配送员技能等级认定实施方案");
    snprintf(ann.opens, sizeof ann.opens, "2024-03-01");
    snprintf(ann.closes, sizeof ann.closes, "2024-03-31");
    snprintf(ann.fees, sizeof ann.fees, "五级 300 元");
    ann.methods = SC_METHOD_THEORY | SC_METHOD_PRACTICAL;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, FX_OCC ":5"));
    ck_ok(sc_announcement_publish(&id, fx.db, fx.org, &ann, s, "2024-02-20"));
    sc_offerings_free(s);
    return id;
}

/* A candidate with a year of delivery work: eligible for level 5 (L5-a). */
static void candidate(int n, const char *name, const char *work_from)
{
    char id[19];
    sc_candidate *c = NULL;
    fx_id(id, n);
    ck_ok(sc_candidate_new(&c, id, name));
    ck_ok(sc_candidate_add_work(c, FX_OCC, work_from, NULL));
    ck_ok(sc_candidate_save(fx.db, fx.centre, c));
    sc_candidate_free(c);
}

static int64_t apply(int64_t ann, int n)
{
    char id[19];
    sc_actor *self;
    int64_t app = 0;
    fx_id(id, n);
    self = t_actor(SC_ACTOR_CANDIDATE, id);
    ck_ok(sc_application_apply(&app, fx.db, self, ann, id, FX_OCC, NULL, 5, SC_PATH_NORMAL, NULL,
                               DAY_APPLY));
    sc_actor_free(self);
    return app;
}

/* The whole notice, step by step: each stage builds on the one before, each test
 * takes one step and checks it. */
static const char *const e2e_names[] = { "张三", "李四", "王小五", "赵六" };
static struct {
    int64_t ann, app[4], session;
    char id[4][19], number[2][SC_CERT_NUMBER_SIZE];
} e2e;

/* The announcement and four candidates' applications; candidate 3 started work only
 * in 2023-06: not a year by the application day. */
static void e2e_applied(void)
{
    int i;
    memset(&e2e, 0, sizeof e2e);
    e2e.ann = publish_announcement();
    for (i = 0; i < 4; i++) {
        fx_id(e2e.id[i], 100 + i);
        candidate(100 + i, e2e_names[i], i == 3 ? "2023-06-01" : "2020-01-01");
        e2e.app[i] = apply(e2e.ann, 100 + i);
    }
}

/* ... verified by the organization (three eligible) and the three confirmed. */
static void e2e_confirmed(void)
{
    int eligible, i;
    e2e_applied();
    for (i = 0; i < 4; i++)
        ck_ok(sc_application_verify(&eligible, fx.db, fx.org, e2e.app[i], "2024-03-10"));
    for (i = 0; i < 3; i++)
        ck_ok(sc_application_confirm(fx.db, fx.haidian, e2e.app[i], "2024-03-15"));
}

/* ... a session (online) with the three enrolled. */
static void e2e_enrolled(void)
{
    char ref[32];
    int i;
    e2e_confirmed();
    ck_ok(sc_session_create(&e2e.session, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 5,
                            SC_PATH_NORMAL, DAY_EXAM, fx.venue, 1, SC_SESSION_ONLINE));
    for (i = 0; i < 3; i++) {
        snprintf(ref, sizeof ref, "%lld", (long long)e2e.app[i]);
        ck_ok(sc_session_enrol(fx.db, fx.org, e2e.session, e2e.id[i], ref));
    }
}

/* ... staffed to the ratios and confirmed. */
static void e2e_ready(void)
{
    e2e_enrolled();
    fx_staff(e2e.session, SC_COMPONENT_THEORY, 1, 2);
    fx_staff(e2e.session, SC_COMPONENT_PRACTICAL, 3, 5);
    ck_ok(sc_session_confirm(fx.db, fx.org, e2e.session, "2024-04-01"));
}

/* ... results: two pass, the third fails theory (59). */
static void e2e_results(void)
{
    e2e_ready();
    ck_ok(sc_result_record(fx.db, fx.org, e2e.session, e2e.id[0], 75, 80, SC_SCORE_NONE,
                           DAY_EXAM));
    ck_ok(sc_result_record(fx.db, fx.org, e2e.session, e2e.id[1], 60, 60, SC_SCORE_NONE,
                           DAY_EXAM));
    ck_ok(sc_result_record(fx.db, fx.org, e2e.session, e2e.id[2], 59, 90, SC_SCORE_NONE,
                           DAY_EXAM));
}

/* ... the two certificates reported, issued and published. */
static void e2e_certified(void)
{
    int i;
    e2e_results();
    for (i = 0; i < 2; i++) {
        ck_ok(sc_certificate_report(e2e.number[i], fx.db, fx.org, e2e.session, e2e.id[i],
                                    "2024-04-20"));
        ck_ok(sc_certificate_issue(fx.db, fx.org, e2e.number[i], "sha256:photo", "2024-04-25"));
        ck_ok(sc_certificate_publish(fx.db, fx.centre, e2e.number[i], "2024-05-10"));
    }
}

/* The catalog, the built-in eligibility rules and the organization's filing (the
   fixture): the organization may certify. */
START_TEST(test_e2e_org_may_certify)
{
    sc_verdict v = SC_VERDICT_INIT;
    ck_ok(sc_org_may_certify(&v, fx.db, FX_ORG, FX_OCC, NULL, 5, DAY_EXAM, "110108",
                             SC_PATH_NORMAL));
    ck_assert_msg(v.ok, "%s", v.message);
}
END_TEST

/* The organization verifies against the rules: three eligible, one not. */
START_TEST(test_e2e_verify_against_rules)
{
    int eligible, i;
    e2e_applied();
    for (i = 0; i < 4; i++) {
        ck_ok(sc_application_verify(&eligible, fx.db, fx.org, e2e.app[i], "2024-03-10"));
        ck_assert_int_eq(eligible, i < 3);
    }
}
END_TEST

/* Only the organization's own district confirms. */
START_TEST(test_e2e_own_district_confirms)
{
    int eligible;
    e2e_applied();
    ck_ok(sc_application_verify(&eligible, fx.db, fx.org, e2e.app[0], "2024-03-10"));
    ck_assert_int_eq(sc_application_confirm(fx.db, fx.chaoyang, e2e.app[0], "2024-03-15"),
                     SC_EDENIED);
    ck_ok(sc_application_confirm(fx.db, fx.haidian, e2e.app[0], "2024-03-15"));
}
END_TEST

/* Only confirmed applications enrol. */
START_TEST(test_e2e_only_confirmed_enrol)
{
    char ref[32];
    e2e_enrolled();
    snprintf(ref, sizeof ref, "%lld", (long long)e2e.app[3]);
    ck_assert_int_eq(sc_session_enrol(fx.db, fx.org, e2e.session, e2e.id[3], ref),
                     SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "confirmed"));
    ck_assert_int_eq(sc_session_enrol(fx.db, fx.org, e2e.session, e2e.id[3], NULL),
                     SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "has no application confirmed"));
}
END_TEST

/* The session is staffed to the ratios before it is confirmed. */
START_TEST(test_e2e_staffing_ratios)
{
    sc_verdict v = SC_VERDICT_INIT;
    e2e_enrolled();
    fx_staff(e2e.session, SC_COMPONENT_THEORY, 1, 2);      /* 2 per room, 1 per 15 */
    ck_ok(sc_session_check(&v, fx.db, e2e.session));
    ck_assert_int_eq(v.ok, 0);                              /* no practical examiners yet */
    fx_staff(e2e.session, SC_COMPONENT_PRACTICAL, 3, 5);   /* 3, odd, 1 per 5 */
    ck_ok(sc_session_check(&v, fx.db, e2e.session));
    ck_assert_msg(v.ok, "%s", v.message);
    ck_ok(sc_session_confirm(fx.db, fx.org, e2e.session, "2024-04-01"));
}
END_TEST

/* A theory paper from the organization's bank, scored online. */
START_TEST(test_e2e_paper_scored_online)
{
    const char *answers[4] = { "A", "A", "A", "B" };
    sc_blueprint *bp = NULL;
    sc_item *item = NULL;
    int64_t paper = 0;
    double score = -1;
    int i;
    e2e_ready();
    for (i = 0; i < 4; i++) {
        char code[16];
        snprintf(code, sizeof code, "Q%d", i + 1);
        ck_ok(sc_item_new(&item, code, SC_ITEM_SINGLE, FX_OCC, NULL, 5, "基础知识", 1 + i % 3,
                          "配送途中遇到交通管制，应当如何处理？"));
        ck_ok(sc_item_add_option(item, "绕行并告知顾客"));
        ck_ok(sc_item_add_option(item, "强行通过"));
        ck_ok(sc_item_set_answer(item, "A"));
        ck_ok(sc_bank_item_save(NULL, fx.db, fx.org, FX_ORG, item));
        sc_item_free(item);
        item = NULL;
    }
    ck_ok(sc_blueprint_new(&bp));
    ck_ok(sc_blueprint_add_area(bp, "基础知识", 100));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 4, 25));
    ck_ok(sc_paper_assemble(&paper, fx.db, fx.org, e2e.session, SC_COMPONENT_THEORY, bp, 2024));
    sc_blueprint_free(bp);
    ck_ok(sc_paper_score(&score, fx.db, fx.org, paper, e2e.id[0], answers, 4));
    ck_assert(score > 74.9 && score < 75.1);
}
END_TEST

/* Every component at least 60 passes and completes the application; 59 fails and
   leaves it confirmed, for a resit. */
START_TEST(test_e2e_results_complete_applications)
{
    sc_application a = SC_APPLICATION_INIT;
    int i;
    e2e_results();
    for (i = 0; i < 3; i++) {
        ck_ok(sc_application_get(&a, fx.db, e2e.app[i]));
        ck_assert_int_eq(a.state, i < 2 ? SC_APPLICATION_COMPLETED : SC_APPLICATION_CONFIRMED);
    }
}
END_TEST

/* Certificates: reported to the city with Beijing's numbers, issued, published; none
   for the failed theory. */
START_TEST(test_e2e_certificates)
{
    char third[SC_CERT_NUMBER_SIZE];
    int i;
    e2e_certified();
    for (i = 0; i < 2; i++) {
        ck_assert_int_eq((int)strlen(e2e.number[i]), 22);
        ck_assert_int_eq(e2e.number[i][0], 'S');
        ck_assert(!strncmp(e2e.number[i] + 5, "11", 2));      /* Beijing */
        ck_assert(!strncmp(e2e.number[i] + 13, "245", 3));    /* 2024, level 5 */
    }
    ck_assert_str_ne(e2e.number[0], e2e.number[1]);
    ck_assert_int_eq(sc_certificate_report(third, fx.db, fx.org, e2e.session, e2e.id[2],
                                           "2024-04-20"), SC_ECONSTRAINT);
}
END_TEST

/* A member of the public verifies: valid, masked; a wrong name; an unknown number. */
START_TEST(test_e2e_public_verification)
{
    sc_verification ver = SC_VERIFICATION_INIT;
    e2e_certified();
    ck_ok(sc_certificate_verify(&ver, fx.db, e2e.number[0], "张三", NULL));
    ck_assert_int_eq(ver.status, SC_VERIFY_VALID);
    ck_assert_str_eq(ver.masked_name, "张*");
    ck_assert_int_eq(ver.level, 5);
    ck_ok(sc_certificate_verify(&ver, fx.db, e2e.number[0], "李四", NULL));
    ck_assert_int_eq(ver.status, SC_VERIFY_NAME_MISMATCH);
    ck_ok(sc_certificate_verify(&ver, fx.db, "S000011999999245999999", "张三", NULL));
    ck_assert_int_eq(ver.status, SC_VERIFY_NOT_FOUND);
}
END_TEST

/* One revoked: the public sees it; the other stays valid. */
START_TEST(test_e2e_revocation)
{
    sc_verification ver = SC_VERIFICATION_INIT;
    e2e_certified();
    ck_ok(sc_certificate_revoke(fx.db, fx.org, e2e.number[1], "资料不实", "2024-06-01"));
    ck_ok(sc_certificate_verify(&ver, fx.db, e2e.number[1], "李四", NULL));
    ck_assert_int_eq(ver.status, SC_VERIFY_REVOKED);
    ck_ok(sc_certificate_verify(&ver, fx.db, e2e.number[0], "张三", e2e.id[0]));
    ck_assert_int_eq(ver.status, SC_VERIFY_VALID);
}
END_TEST

/* Every step left its entry, and the chain is intact. */
START_TEST(test_e2e_audit)
{
    sc_audit_result audit = SC_AUDIT_RESULT_INIT;
    e2e_certified();
    ck_ok(sc_certificate_revoke(fx.db, fx.org, e2e.number[1], "资料不实", "2024-06-01"));
    ck_ok(sc_audit_verify(&audit, fx.db));
    ck_assert_msg(audit.ok, "%s", audit.message);
    ck_assert_int_gt(audit.entries, 30);
}
END_TEST

Suite *sc_e2e_suite(void)
{
    Suite *s = suite_create("e2e");
    TCase *tc = tcase_create("notice");
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
    tcase_add_test(tc, test_e2e_org_may_certify);
    tcase_add_test(tc, test_e2e_verify_against_rules);
    tcase_add_test(tc, test_e2e_own_district_confirms);
    tcase_add_test(tc, test_e2e_only_confirmed_enrol);
    tcase_add_test(tc, test_e2e_staffing_ratios);
    tcase_add_test(tc, test_e2e_paper_scored_online);
    tcase_add_test(tc, test_e2e_results_complete_applications);
    tcase_add_test(tc, test_e2e_certificates);
    tcase_add_test(tc, test_e2e_public_verification);
    tcase_add_test(tc, test_e2e_revocation);
    tcase_add_test(tc, test_e2e_audit);
    suite_add_tcase(s, tc);
    return s;
}
