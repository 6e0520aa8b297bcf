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
    sc_announcement ann;
    sc_offerings *s = NULL;
    int64_t id = 0;
    memset(&ann, 0, sizeof ann);
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

START_TEST(test_e2e_the_whole_notice)
{
    static const char *names[] = { "张三", "李四", "王小五", "赵六" };
    int64_t ann, app[4], session, paper = 0;
    char id[4][19], ref[32], number[3][SC_CERT_NUMBER_SIZE];
    sc_verdict v;
    sc_blueprint *bp = NULL;
    sc_item *item = NULL;
    sc_verification ver;
    sc_audit_result audit;
    int eligible, i;

    /* The catalog, the built-in eligibility rules and the organization's
     * filing (the fixture): the organization may certify. */
    ck_ok(sc_org_may_certify(&v, fx.db, FX_ORG, FX_OCC, NULL, 5, DAY_EXAM, "110108",
                             SC_PATH_NORMAL));
    ck_assert_msg(v.ok, "%s", v.message);

    ann = publish_announcement();
    for (i = 0; i < 4; i++) {
        fx_id(id[i], 100 + i);
        /* candidate 3 started work only in 2023-06: not a year by the application day */
        candidate(100 + i, names[i], i == 3 ? "2023-06-01" : "2020-01-01");
        app[i] = apply(ann, 100 + i);
    }
    /* The organization verifies against the rules: three eligible, one not. */
    for (i = 0; i < 4; i++) {
        ck_ok(sc_application_verify(&eligible, fx.db, fx.org, app[i], "2024-03-10"));
        ck_assert_int_eq(eligible, i < 3);
    }
    /* Only the organization's own district confirms. */
    ck_assert_int_eq(sc_application_confirm(fx.db, fx.chaoyang, app[0], "2024-03-15"), SC_EDENIED);
    for (i = 0; i < 3; i++)
        ck_ok(sc_application_confirm(fx.db, fx.haidian, app[i], "2024-03-15"));

    /* A session staffed to the ratios; only confirmed applications enrol. */
    ck_ok(sc_session_create(&session, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 5, SC_PATH_NORMAL,
                            DAY_EXAM, fx.venue, 1, SC_SESSION_ONLINE));
    for (i = 0; i < 3; i++) {
        snprintf(ref, sizeof ref, "%lld", (long long)app[i]);
        ck_ok(sc_session_enrol(fx.db, fx.org, session, id[i], ref));
    }
    snprintf(ref, sizeof ref, "%lld", (long long)app[3]);
    ck_assert_int_eq(sc_session_enrol(fx.db, fx.org, session, id[3], ref), SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "confirmed"));
    ck_assert_int_eq(sc_session_enrol(fx.db, fx.org, session, id[3], NULL), SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "has no application confirmed"));
    fx_staff(session, SC_COMPONENT_THEORY, 1, 2);      /* 2 per room, 1 per 15 */
    ck_ok(sc_session_check(&v, fx.db, session));
    ck_assert_int_eq(v.ok, 0);                          /* no practical examiners yet */
    fx_staff(session, SC_COMPONENT_PRACTICAL, 3, 5);   /* 3, odd, 1 per 5 */
    ck_ok(sc_session_check(&v, fx.db, session));
    ck_assert_msg(v.ok, "%s", v.message);
    ck_ok(sc_session_confirm(fx.db, fx.org, session, "2024-04-01"));

    /* A theory paper from the organization's bank, scored online. */
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
    ck_ok(sc_paper_assemble(&paper, fx.db, fx.org, session, SC_COMPONENT_THEORY, bp, 2024));
    sc_blueprint_free(bp);
    {
        const char *answers[4] = { "A", "A", "A", "B" };
        double score = -1;
        ck_ok(sc_paper_score(&score, fx.db, fx.org, paper, id[0], answers, 4));
        ck_assert(score > 74.9 && score < 75.1);
    }

    /* Results: every component at least 60 passes; 59 fails. */
    ck_ok(sc_result_record(fx.db, fx.org, session, id[0], 75, 80, SC_SCORE_NONE, DAY_EXAM));
    ck_ok(sc_result_record(fx.db, fx.org, session, id[1], 60, 60, SC_SCORE_NONE, DAY_EXAM));
    ck_ok(sc_result_record(fx.db, fx.org, session, id[2], 59, 90, SC_SCORE_NONE, DAY_EXAM));
    /* A pass completes the application; the fail leaves it confirmed, for a resit. */
    {
        sc_application a;
        for (i = 0; i < 3; i++) {
            ck_ok(sc_application_get(&a, fx.db, app[i]));
            ck_assert_int_eq(a.state, i < 2 ? SC_APPLICATION_COMPLETED : SC_APPLICATION_CONFIRMED);
        }
    }

    /* Certificates: reported to the city, issued, published. */
    for (i = 0; i < 2; i++) {
        ck_ok(sc_certificate_report(number[i], fx.db, fx.org, session, id[i], "2024-04-20"));
        ck_assert_int_eq((int)strlen(number[i]), 22);
        ck_assert_int_eq(number[i][0], 'S');
        ck_assert(!strncmp(number[i] + 5, "11", 2));      /* Beijing */
        ck_assert(!strncmp(number[i] + 13, "245", 3));    /* 2024, level 5 */
        ck_ok(sc_certificate_issue(fx.db, fx.org, number[i], "sha256:photo", "2024-04-25"));
        ck_ok(sc_certificate_publish(fx.db, fx.centre, number[i], "2024-05-10"));
    }
    ck_assert_str_ne(number[0], number[1]);
    ck_assert_int_eq(sc_certificate_report(number[2], fx.db, fx.org, session, id[2], "2024-04-20"),
                     SC_ECONSTRAINT);                     /* failed theory */

    /* A member of the public verifies. */
    ck_ok(sc_certificate_verify(&ver, fx.db, number[0], "张三", NULL));
    ck_assert_int_eq(ver.status, SC_VERIFY_VALID);
    ck_assert_str_eq(ver.masked_name, "张*");
    ck_assert_int_eq(ver.level, 5);
    ck_ok(sc_certificate_verify(&ver, fx.db, number[0], "李四", NULL));
    ck_assert_int_eq(ver.status, SC_VERIFY_NAME_MISMATCH);
    ck_ok(sc_certificate_verify(&ver, fx.db, "S000011999999245999999", "张三", NULL));
    ck_assert_int_eq(ver.status, SC_VERIFY_NOT_FOUND);

    /* One revoked: the public sees it; the other stays valid. */
    ck_ok(sc_certificate_revoke(fx.db, fx.org, number[1], "资料不实", "2024-06-01"));
    ck_ok(sc_certificate_verify(&ver, fx.db, number[1], "李四", NULL));
    ck_assert_int_eq(ver.status, SC_VERIFY_REVOKED);
    ck_ok(sc_certificate_verify(&ver, fx.db, number[0], "张三", id[0]));
    ck_assert_int_eq(ver.status, SC_VERIFY_VALID);

    /* Every step left its entry, and the chain is intact. */
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
    tcase_add_test(tc, test_e2e_the_whole_notice);
    suite_add_tcase(s, tc);
    return s;
}
