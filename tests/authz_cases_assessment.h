/*
 * Cases of the authorization matrix (tests/check_authz.c) for the assessment
 * and certificate actions (assessment.h, certificate.h).
 *
 * To use, in tests/check_authz.c:
 *   1. add S_AS_VENUE, S_AS_SESSION, S_AS_CONFIRMED, S_AS_PASSED, S_AS_REPORTED,
 *      S_AS_ISSUED to the registry-state enum, before S_COUNT;
 *   2. #include "authz_cases_assessment.h" after t_clone_db() and states[];
 *   3. call build_assessment_states() at the end of build_states()
 *      (it starts from states[S_ACTIVE]);
 *   4. add AUTHZ_ASSESSMENT_CASES to cases[].
 *
 * The states: ORG_A active for 4-02-07-10 levels 5-4 (S_ACTIVE) plus
 * examiners E001-E003 qualified at level 4, a venue, inspected, two recorded
 * candidates, each with an application for 4-02-07-10 level 4 confirmed by
 * 海淀区 (only confirmed applicants enrol; the built-in eligibility rules and
 * announcement "AS-2023"), and a bank item (S_AS_VENUE); a planned online level-4
 * session 1 on 2024-03-01 with CAND enrolled, a paper and its staff
 * (S_AS_SESSION); that session confirmed (S_AS_CONFIRMED); with CAND's
 * passing result (S_AS_PASSED); a reported certificate (S_AS_REPORTED);
 * and it issued (S_AS_ISSUED).
 */
#ifndef AUTHZ_CASES_ASSESSMENT_H
#define AUTHZ_CASES_ASSESSMENT_H

#define AS_CERT "S000011000001244000001" /* the first certificate of ORG_A */
#define AS_CAND2 "110105198001011238"     /* recorded, not enrolled */

static int64_t as_venue = 1, as_session = 1, as_paper = 1;

/* CAND and AS_CAND2 apply to ORG_A for 4-02-07-10 level 4 (6 years of work:
 * L4-b), verified and confirmed by 海淀区. */
static void as_confirmed_applications(sc_db *db, const sc_actor *org, const sc_actor *district)
{
    static const char *const who[] = { CAND, AS_CAND2 };
    sc_actor *cb = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_offerings *s = NULL;
    sc_announcement ann = SC_ANNOUNCEMENT_INIT;
    int64_t id = 0, app = 0;
    int eligible = 0;
    size_t i;

    ck_ok(sc_eligibility_load_defaults(NULL, db, cb));
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-02-07-10:4"));
    ann = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(ann.credit_code, sizeof ann.credit_code, "%s", ORG_A);
    snprintf(ann.code, sizeof ann.code, "AS-2023");
    snprintf(ann.title, sizeof ann.title, "网约配送员四级认定公告");
    snprintf(ann.opens, sizeof ann.opens, "2023-06-01");
    snprintf(ann.closes, sizeof ann.closes, "2024-12-31");
    snprintf(ann.fees, sizeof ann.fees, "四级 400 元");
    ann.methods = SC_METHOD_THEORY | SC_METHOD_PRACTICAL;
    ck_ok(sc_announcement_publish(&id, db, org, &ann, s, "2023-06-01"));
    for (i = 0; i < sizeof who / sizeof who[0]; i++) {
        sc_actor *self = t_actor(SC_ACTOR_CANDIDATE, who[i]);
        ck_ok(sc_application_apply(&app, db, self, id, who[i], "4-02-07-10", NULL, 4,
                                   SC_PATH_NORMAL, NULL, "2023-06-10"));
        ck_ok(sc_application_verify(&eligible, db, org, app, "2023-06-12"));
        ck_assert_int_eq(eligible, 1);
        ck_ok(sc_application_confirm(db, district, app, "2023-06-15"));
        sc_actor_free(self);
    }
    sc_offerings_free(s);
    sc_actor_free(cb);
}

static void build_assessment_states(void)
{
    sc_actor *a = t_actor(SC_ACTOR_ORGANIZATION, ORG_A);
    sc_actor *d = t_actor(SC_ACTOR_DISTRICT, "110108");
    sc_actor *c = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_offerings *q = NULL;
    sc_candidate *cand = NULL;
    sc_blueprint *bp = NULL;
    sc_item *it = NULL;
    char number[SC_CERT_NUMBER_SIZE];
    sc_db *db;

    ck_ok(sc_offerings_new(&q));
    ck_ok(sc_offerings_add_text(q, "4-02-07-10:4"));
    db = states[S_AS_VENUE] = t_clone_db(states[S_ACTIVE]);
    ck_ok(sc_staff_add(db, a, ORG_A, "E001", "张考评", SC_STAFF_EXAMINER, q, "2023-06-01"));
    ck_ok(sc_staff_add(db, a, ORG_A, "E002", "李考评", SC_STAFF_EXAMINER, q, "2023-06-01"));
    ck_ok(sc_staff_add(db, a, ORG_A, "E003", "王考评", SC_STAFF_EXAMINER, q, "2023-06-01"));
    ck_ok(sc_venue_register(&as_venue, db, a, ORG_A, "海淀考点", "中关村大街1号", "110108", 2,
                            "2023-06-01"));
    ck_ok(sc_venue_inspect(db, d, as_venue, 1, NULL, "2023-06-05"));
    ck_ok(sc_candidate_new(&cand, CAND, "张三"));
    ck_ok(sc_candidate_add_work(cand, "4-02-07-10", "2010-01-01", NULL));
    ck_ok(sc_candidate_save(db, c, cand));
    sc_candidate_free(cand);
    cand = NULL;
    ck_ok(sc_candidate_new(&cand, AS_CAND2, "李四"));
    ck_ok(sc_candidate_add_work(cand, "4-02-07-10", "2010-01-01", NULL));
    ck_ok(sc_candidate_save(db, c, cand));
    as_confirmed_applications(db, a, d);
    ck_ok(sc_item_new(&it, "Q1", SC_ITEM_SINGLE, "4-02-07-10", NULL, 4, "基础知识", 1, "题干"));
    ck_ok(sc_item_add_option(it, "甲"));
    ck_ok(sc_item_add_option(it, "乙"));
    ck_ok(sc_item_set_answer(it, "A"));
    ck_ok(sc_bank_item_save(NULL, db, a, ORG_A, it));

    db = states[S_AS_SESSION] = t_clone_db(states[S_AS_VENUE]);
    ck_ok(sc_session_create(&as_session, db, a, ORG_A, "4-02-07-10", NULL, 4, SC_PATH_NORMAL,
                            "2024-03-01", as_venue, 1, SC_SESSION_ONLINE));
    ck_ok(sc_session_enrol(db, a, as_session, CAND, NULL));
    ck_ok(sc_blueprint_new(&bp));
    ck_ok(sc_blueprint_add_area(bp, "基础知识", 100));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 1, 100));
    ck_ok(sc_paper_assemble(&as_paper, db, a, as_session, SC_COMPONENT_THEORY, bp, 1));
    ck_ok(sc_session_staff_add(db, a, as_session, SC_COMPONENT_THEORY, "E001"));
    ck_ok(sc_session_staff_add(db, a, as_session, SC_COMPONENT_THEORY, "E002"));
    ck_ok(sc_session_staff_add(db, a, as_session, SC_COMPONENT_PRACTICAL, "E001"));
    ck_ok(sc_session_staff_add(db, a, as_session, SC_COMPONENT_PRACTICAL, "E002"));
    ck_ok(sc_session_staff_add(db, a, as_session, SC_COMPONENT_PRACTICAL, "E003"));

    db = states[S_AS_CONFIRMED] = t_clone_db(states[S_AS_SESSION]);
    ck_ok(sc_session_confirm(db, a, as_session, "2024-02-28"));

    db = states[S_AS_PASSED] = t_clone_db(states[S_AS_CONFIRMED]);
    ck_ok(sc_result_record(db, a, as_session, CAND, 80, 75, SC_SCORE_NONE, "2024-03-01"));

    db = states[S_AS_REPORTED] = t_clone_db(states[S_AS_PASSED]);
    ck_ok(sc_certificate_report(number, db, a, as_session, CAND, "2024-03-10"));
    ck_assert_str_eq(number, AS_CERT);

    db = states[S_AS_ISSUED] = t_clone_db(states[S_AS_REPORTED]);
    ck_ok(sc_certificate_issue(db, a, AS_CERT, "sha256:photo", "2024-03-15"));

    sc_blueprint_free(bp);
    sc_item_free(it);
    sc_candidate_free(cand);
    sc_offerings_free(q);
    sc_actor_free(a);
    sc_actor_free(d);
    sc_actor_free(c);
}

static int inv_rule_set(sc_db *db, const sc_actor *a)
{
    sc_component_rule r = SC_COMPONENT_RULE_INIT;
    r = (sc_component_rule)SC_COMPONENT_RULE_INIT;
    snprintf(r.occupation, sizeof r.occupation, "4-02-07-10");
    r.component = SC_COMPONENT_PRACTICAL;
    r.candidates_per_staff = 5;
    r.min_staff = 3;
    r.odd = 1;
    r.pass_score = 70;
    return sc_component_rule_set(db, a, &r);
}
static int inv_venue_register(sc_db *db, const sc_actor *a)
{
    int64_t id = 0;
    return sc_venue_register(&id, db, a, ORG_A, "海淀二考点", "上地", "110108", 1, "2023-07-01");
}
static int inv_venue_inspect(sc_db *db, const sc_actor *a)
{
    return sc_venue_inspect(db, a, as_venue, 1, "复查", "2023-07-01");
}
static int inv_session_create(sc_db *db, const sc_actor *a)
{
    int64_t id = 0;
    return sc_session_create(&id, db, a, ORG_A, "4-02-07-10", NULL, 4, SC_PATH_NORMAL,
                             "2024-04-01", as_venue, 1, 0);
}
static int inv_session_staff_add(sc_db *db, const sc_actor *a)
{
    return sc_session_staff_add(db, a, as_session, SC_COMPONENT_THEORY, "E003");
}
static int inv_session_staff_remove(sc_db *db, const sc_actor *a)
{
    return sc_session_staff_remove(db, a, as_session, SC_COMPONENT_THEORY, "E001");
}
static int inv_session_enrol(sc_db *db, const sc_actor *a)
{
    return sc_session_enrol(db, a, as_session, AS_CAND2, NULL);
}
static int inv_session_confirm(sc_db *db, const sc_actor *a)
{
    return sc_session_confirm(db, a, as_session, "2024-02-28");
}
static int inv_bank_save(sc_db *db, const sc_actor *a)
{
    sc_item *it = NULL;
    int rc;
    ck_ok(sc_item_new(&it, "Q2", SC_ITEM_TRUE_FALSE, "4-02-07-10", NULL, 4, "基础知识", 1,
                      "判断题"));
    ck_ok(sc_item_set_answer(it, "T"));
    rc = sc_bank_item_save(NULL, db, a, ORG_A, it);
    sc_item_free(it);
    return rc;
}
static int inv_paper_assemble(sc_db *db, const sc_actor *a)
{
    sc_blueprint *bp = NULL;
    int64_t id = 0;
    int rc;
    ck_ok(sc_blueprint_new(&bp));
    ck_ok(sc_blueprint_add_area(bp, "基础知识", 100));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 1, 100));
    rc = sc_paper_assemble(&id, db, a, as_session, SC_COMPONENT_THEORY, bp, 2);
    sc_blueprint_free(bp);
    return rc;
}
static int inv_paper_score(sc_db *db, const sc_actor *a)
{
    const char *answers[1] = { "A" };
    double score = 0;
    return sc_paper_score(&score, db, a, as_paper, CAND, answers, 1);
}
static int inv_result_record(sc_db *db, const sc_actor *a)
{
    return sc_result_record(db, a, as_session, CAND, 80, 75, SC_SCORE_NONE, "2024-03-01");
}
static int inv_cert_report(sc_db *db, const sc_actor *a)
{
    char number[SC_CERT_NUMBER_SIZE];
    return sc_certificate_report(number, db, a, as_session, CAND, "2024-03-10");
}
static int inv_cert_issue(sc_db *db, const sc_actor *a)
{
    return sc_certificate_issue(db, a, AS_CERT, "sha256:photo", "2024-03-15");
}
static int inv_cert_publish(sc_db *db, const sc_actor *a)
{
    return sc_certificate_publish(db, a, AS_CERT, "2024-04-01");
}
static int inv_cert_revoke(sc_db *db, const sc_actor *a)
{
    return sc_certificate_revoke(db, a, AS_CERT, "信息有误", "2024-05-01");
}
static int inv_cert_reissue(sc_db *db, const sc_actor *a)
{
    char number[SC_CERT_NUMBER_SIZE];
    return sc_certificate_reissue(number, db, a, AS_CERT, NULL, "证书遗失", "2024-05-02");
}
static int inv_cert_link_post(sc_db *db, const sc_actor *a)
{
    return sc_certificate_link_post(db, a, AS_CERT, "北京某物流有限公司", "配送主管", "QY-001",
                                    "2024-04-02");
}

#define AUTHZ_ASSESSMENT_CASES                                                                   \
    { "assessment.rule_set", S_CATALOG, inv_rule_set, ORG_A, "110108", 1, K_CC },               \
    { "venue.register", S_ACTIVE, inv_venue_register, ORG_A, "110108", 1, K_OR },               \
    { "venue.inspect", S_AS_VENUE, inv_venue_inspect, ORG_A, "110108", 1, K_DI },               \
    { "session.create", S_AS_VENUE, inv_session_create, ORG_A, "110108", 1, K_OR },             \
    { "session.staff_add", S_AS_SESSION, inv_session_staff_add, ORG_A, "110108", 1, K_OR },     \
    { "session.staff_remove", S_AS_SESSION, inv_session_staff_remove, ORG_A, "110108", 1,       \
      K_OR },                                                                                    \
    { "session.enrol", S_AS_SESSION, inv_session_enrol, ORG_A, "110108", 1, K_OR },             \
    { "session.confirm", S_AS_SESSION, inv_session_confirm, ORG_A, "110108", 1, K_OR },         \
    { "bank.save", S_AS_VENUE, inv_bank_save, ORG_A, "110108", 1, K_OR },                       \
    { "paper.assemble", S_AS_SESSION, inv_paper_assemble, ORG_A, "110108", 1, K_OR },           \
    { "paper.score", S_AS_SESSION, inv_paper_score, ORG_A, "110108", 1, K_OR },                 \
    { "result.record", S_AS_CONFIRMED, inv_result_record, ORG_A, "110108", 1, K_OR },           \
    { "certificate.report", S_AS_PASSED, inv_cert_report, ORG_A, "110108", 1, K_OR },           \
    { "certificate.issue", S_AS_REPORTED, inv_cert_issue, ORG_A, "110108", 1, K_OR },           \
    { "certificate.publish", S_AS_ISSUED, inv_cert_publish, ORG_A, "110108", 1, K_CC },         \
    { "certificate.revoke", S_AS_ISSUED, inv_cert_revoke, ORG_A, "110108", 1, K_OR | K_CC },    \
    /* Re-issuing a certificate in force appends two entries: revocation, re-issue. */         \
    { "certificate.reissue", S_AS_ISSUED, inv_cert_reissue, ORG_A, "110108", 0, K_OR },         \
    { "certificate.link_post", S_AS_ISSUED, inv_cert_link_post, ORG_A, "110108", 1, K_OR }

#endif
