/*
 * Cases of the authorization matrix (tests/check_authz.c) for the
 * announcement and application actions (application.h), their exchange
 * documents and eligibility rule documents.
 *
 * Used in tests/check_authz.c: S_AP_ANN, S_AP_SUBMITTED, S_AP_VERIFIED and
 * S_AP_CONFIRMED in the registry-state enum; this file included after
 * t_clone_db() and states[]; build_application_states() called at the end of
 * build_states() (it starts from states[S_ACTIVE]) and
 * free_application_states() in teardown(); AUTHZ_APPLICATION_CASES in cases[].
 *
 * The states: ORG_A active for 4-02-07-10 levels 5-4 (S_ACTIVE) plus the
 * built-in eligibility rules, CAND's record saved by CAND (worked in
 * 4-02-07-10 since 2015) and announcement "2024-01" of ORG_A for
 * 4-02-07-10:5,4 (S_AP_ANN); CAND's application for level 5 (S_AP_SUBMITTED);
 * it verified (S_AP_VERIFIED); it confirmed by 海淀区 (S_AP_CONFIRMED).
 */
#ifndef AUTHZ_CASES_APPLICATION_H
#define AUTHZ_CASES_APPLICATION_H

#define AP_CAND2 "110105198001011238"

static int64_t ap_ann, ap_app;
static char *ap_batch_doc, *ap_answer_doc;

static const char AP_ELIGIBILITY_DOC[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<eligibility xmlns=\"urn:skillcert:eligibility:1\" version=\"1\" batch=\"authz-elig-1\" issuer=\"city-bureau\">\n"
    "  <rules name=\"authz-rules-1\" occupation=\"4-02-07-10\" standard=\"测试标准\" "
    "effective=\"2024-01-01\">\n"
    "    <level value=\"5\">\n"
    "      <condition id=\"L5-a\" clause=\"测试标准 五级 (1)\"><work years=\"1\"/></condition>\n"
    "    </level>\n"
    "  </rules>\n"
    "</eligibility>\n";

static sc_candidate *ap_record(const char *id)
{
    sc_candidate *c = NULL;
    ck_ok(sc_candidate_new(&c, id, "张三"));
    ck_ok(sc_candidate_add_work(c, "4-02-07-10", "2015-01-01", NULL));
    return c;
}

static void build_application_states(void)
{
    sc_actor *a = t_actor(SC_ACTOR_ORGANIZATION, ORG_A);
    sc_actor *d = t_actor(SC_ACTOR_DISTRICT, "110108");
    sc_actor *cb = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_actor *self = t_actor(SC_ACTOR_CANDIDATE, CAND);
    sc_candidate *c = ap_record(CAND);
    sc_offerings *s = NULL;
    sc_announcement ann = SC_ANNOUNCEMENT_INIT;
    sc_db *db;

    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-02-07-10:5,4"));
    ann = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(ann.credit_code, sizeof ann.credit_code, "%s", ORG_A);
    snprintf(ann.code, sizeof ann.code, "2024-01");
    snprintf(ann.title, sizeof ann.title, "2024年网约配送员职业技能等级认定公告");
    snprintf(ann.opens, sizeof ann.opens, "2024-03-01");
    snprintf(ann.closes, sizeof ann.closes, "2024-12-31");
    snprintf(ann.fees, sizeof ann.fees, "五级 300 元");
    ann.methods = SC_METHOD_THEORY | SC_METHOD_PRACTICAL;

    db = states[S_AP_ANN] = t_clone_db(states[S_ACTIVE]);
    ck_ok(sc_eligibility_load_defaults(NULL, db, cb));
    ck_ok(sc_candidate_save(db, self, c));
    ck_ok(sc_announcement_publish(&ap_ann, db, a, &ann, s, "2024-02-20"));
    db = states[S_AP_SUBMITTED] = t_clone_db(states[S_AP_ANN]);
    ck_ok(sc_application_apply(&ap_app, db, self, ap_ann, CAND, "4-02-07-10", NULL, 5,
                               SC_PATH_NORMAL, NULL, "2024-03-05"));
    db = states[S_AP_VERIFIED] = t_clone_db(states[S_AP_SUBMITTED]);
    ck_ok(sc_application_verify(NULL, db, a, ap_app, "2024-03-10"));
    ck_ok(sc_application_batch_export_memory(&ap_batch_doc, NULL, db, ap_ann, "authz-batch-1"));
    db = states[S_AP_CONFIRMED] = t_clone_db(states[S_AP_VERIFIED]);
    ck_ok(sc_application_confirm(db, d, ap_app, "2024-03-15"));
    ck_ok(sc_application_confirmation_export_memory(&ap_answer_doc, NULL, db, ap_ann,
                                                    "authz-answer-1", NULL));
    sc_offerings_free(s);
    sc_candidate_free(c);
    sc_actor_free(a);
    sc_actor_free(d);
    sc_actor_free(cb);
    sc_actor_free(self);
}

static void free_application_states(void)
{
    sc_free(ap_batch_doc);
    sc_free(ap_answer_doc);
    ap_batch_doc = ap_answer_doc = NULL;
}

static int inv_eligibility_import(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory(NULL, db, a, AP_ELIGIBILITY_DOC, strlen(AP_ELIGIBILITY_DOC),
                                "rules.xml", NULL, NULL);
}
static int inv_announcement_publish(sc_db *db, const sc_actor *a)
{
    sc_announcement ann = SC_ANNOUNCEMENT_INIT;
    sc_offerings *s = NULL;
    int rc;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-02-07-10:5"));
    ann = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(ann.credit_code, sizeof ann.credit_code, "%s", ORG_A);
    snprintf(ann.code, sizeof ann.code, "2024-09");
    snprintf(ann.title, sizeof ann.title, "公告");
    snprintf(ann.opens, sizeof ann.opens, "2024-09-01");
    snprintf(ann.closes, sizeof ann.closes, "2024-09-30");
    snprintf(ann.fees, sizeof ann.fees, "300 元");
    ann.methods = SC_METHOD_THEORY;
    rc = sc_announcement_publish(NULL, db, a, &ann, s, "2024-08-01");
    sc_offerings_free(s);
    return rc;
}
static int inv_announcement_close(sc_db *db, const sc_actor *a)
{
    return sc_announcement_close(db, a, ap_ann, "2024-06-01");
}
static int inv_application_apply(sc_db *db, const sc_actor *a)
{
    return sc_application_apply(NULL, db, a, ap_ann, CAND, "4-02-07-10", NULL, 5, SC_PATH_NORMAL,
                                NULL, "2024-03-05");
}
static int inv_application_apply_for(sc_db *db, const sc_actor *a)
{
    sc_candidate *c = ap_record(AP_CAND2);
    int rc = sc_application_apply_for(NULL, db, a, ap_ann, c, "4-02-07-10", NULL, 5,
                                      SC_PATH_NORMAL, NULL, "2024-03-05");
    sc_candidate_free(c);
    return rc;
}
static int inv_application_verify(sc_db *db, const sc_actor *a)
{
    return sc_application_verify(NULL, db, a, ap_app, "2024-03-10");
}
static int inv_application_verify_batch(sc_db *db, const sc_actor *a)
{
    return sc_application_verify_batch(NULL, db, a, &ap_app, 1, "2024-03-10");
}
static int inv_application_reject(sc_db *db, const sc_actor *a)
{
    return sc_application_reject(db, a, ap_app, "材料不全", "2024-03-10");
}
static int inv_application_confirm(sc_db *db, const sc_actor *a)
{
    return sc_application_confirm(db, a, ap_app, "2024-03-15");
}
static int inv_application_confirm_batch(sc_db *db, const sc_actor *a)
{
    return sc_application_confirm_batch(db, a, &ap_app, 1, "2024-03-15");
}
static int inv_application_withdraw(sc_db *db, const sc_actor *a)
{
    return sc_application_withdraw(db, a, ap_app, "个人原因", "2024-03-12");
}
static int inv_application_withdraw_for(sc_db *db, const sc_actor *a)
{
    return sc_application_withdraw_for(db, a, ap_app, "考生申请", "2024-03-12");
}
static int inv_candidate_batch_import(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory(NULL, db, a, ap_batch_doc, strlen(ap_batch_doc), "batch.xml",
                                NULL, NULL);
}
static int inv_confirmation_import(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory(NULL, db, a, ap_answer_doc, strlen(ap_answer_doc), "answer.xml",
                                NULL, NULL);
}

#define AUTHZ_APPLICATION_CASES                                                                \
    { "eligibility.import", S_CATALOG, inv_eligibility_import, ORG_A, "110108", 1,             \
      K_CB | K_CC | K_DI | K_OR },                                                              \
    { "announcement.publish", S_ACTIVE, inv_announcement_publish, ORG_A, "110108", 1, K_OR },   \
    { "announcement.close", S_AP_ANN, inv_announcement_close, ORG_A, "110108", 1, K_OR },       \
    { "application.apply", S_AP_ANN, inv_application_apply, ORG_A, "110108", 1, K_CA },         \
    { "application.apply_for", S_AP_ANN, inv_application_apply_for, ORG_A, "110108", 1, K_OR }, \
    { "application.verify", S_AP_SUBMITTED, inv_application_verify, ORG_A, "110108", 1, K_OR }, \
    { "application.verify_batch", S_AP_SUBMITTED, inv_application_verify_batch, ORG_A,          \
      "110108", 1, K_OR },                                                                      \
    { "application.reject", S_AP_SUBMITTED, inv_application_reject, ORG_A, "110108", 1, K_OR }, \
    { "application.confirm", S_AP_VERIFIED, inv_application_confirm, ORG_A, "110108", 1, K_DI }, \
    { "application.confirm_batch", S_AP_VERIFIED, inv_application_confirm_batch, ORG_A,         \
      "110108", 1, K_DI },                                                                      \
    { "application.reject_confirmation", S_AP_VERIFIED, inv_application_reject, ORG_A,          \
      "110108", 1, K_DI },                                                                      \
    { "application.withdraw", S_AP_SUBMITTED, inv_application_withdraw, ORG_A, "110108", 1,     \
      K_CA },                                                                                   \
    { "application.withdraw_for", S_AP_SUBMITTED, inv_application_withdraw_for, ORG_A,          \
      "110108", 1, K_OR },                                                                      \
    { "candidate_batch.import", S_AP_VERIFIED, inv_candidate_batch_import, ORG_A, "110108", 1,  \
      K_DI },                                                                                   \
    { "confirmation.import", S_AP_VERIFIED, inv_confirmation_import, ORG_A, "110108", 1, K_OR }

#endif
