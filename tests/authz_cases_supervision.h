/*
 * Cases of the authorization matrix (tests/check_authz.c) for quality
 * supervision, spot checks, sanctions and the credit evaluation
 * (supervision.h).
 *
 * To use, in tests/check_authz.c:
 *   1. add S_SV_SESSION, S_SV_ASSIGNED, S_SV_OPEN, S_SV_FINDING, S_SV_SANCTION
 *      to the registry-state enum, before S_COUNT;
 *   2. #include "authz_cases_supervision.h" after authz_cases_assessment.h;
 *   3. call build_supervision_states() at the end of build_states()
 *      (it starts from the states of authz_cases_assessment.h);
 *   4. add AUTHZ_SUPERVISION_CASES to cases[].
 *
 * The states: the planned session of S_AS_SESSION with internal quality
 * supervisor S01 on ORG_A's staff (S_SV_SESSION), S01 assigned to it
 * (S_SV_ASSIGNED); from S_AS_ISSUED, inspection 1 of ORG_A opened by the
 * city centre on 2024-04-01 (S_SV_OPEN), its finding 1 naming AS_CERT
 * (S_SV_FINDING) and a suspension (sanction 1) resting on it (S_SV_SANCTION).
 */
#ifndef AUTHZ_CASES_SUPERVISION_H
#define AUTHZ_CASES_SUPERVISION_H

static void build_supervision_states(void)
{
    sc_actor *a = t_actor(SC_ACTOR_ORGANIZATION, ORG_A);
    sc_actor *c = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    const char *ents[] = { "certificate:" AS_CERT };
    sc_offerings *q = NULL;
    int64_t id = 0;
    sc_db *db;

    ck_ok(sc_offerings_new(&q));
    ck_ok(sc_offerings_add_text(q, "4-02-07-10:4"));
    db = states[S_SV_SESSION] = t_clone_db(states[S_AS_SESSION]);
    ck_ok(sc_staff_add(db, a, ORG_A, "S01", "督导员", SC_STAFF_SUPERVISOR, q, "2023-06-01"));
    db = states[S_SV_ASSIGNED] = t_clone_db(states[S_SV_SESSION]);
    ck_ok(sc_supervision_assign(db, a, as_session, "S01"));

    db = states[S_SV_OPEN] = t_clone_db(states[S_AS_ISSUED]);
    ck_ok(sc_inspection_open(&id, db, c, ORG_A, SC_INSPECT_ORG, NULL, "2024-04-01", NULL));
    ck_assert_int_eq(id, 1);
    db = states[S_SV_FINDING] = t_clone_db(states[S_SV_OPEN]);
    ck_ok(sc_inspection_add_finding(&id, db, c, 1, "falsified-records", SC_FINDING_SERIOUS,
                                    "证书信息与考试记录不符", ents, 1, "2024-04-02"));
    ck_assert_int_eq(id, 1);
    db = states[S_SV_SANCTION] = t_clone_db(states[S_SV_FINDING]);
    ck_ok(sc_sanction_impose(&id, db, c, 1, SC_SANCTION_SUSPENSION, "2024-05-01", "暂停认定",
                             "2024-04-10"));
    ck_assert_int_eq(id, 1);
    sc_offerings_free(q);
    sc_actor_free(a);
    sc_actor_free(c);
}

static int inv_sv_assign(sc_db *db, const sc_actor *a)
{
    return sc_supervision_assign(db, a, as_session, "S01");
}
static int inv_sv_record(sc_db *db, const sc_actor *a)
{
    int64_t id = 0;
    return sc_supervision_record(&id, db, a, as_session, "S01", "考场纪律", NULL, "2024-03-01");
}
static int inv_inspection_open(sc_db *db, const sc_actor *a)
{
    int64_t id = 0;
    return sc_inspection_open(&id, db, a, ORG_A, SC_INSPECT_ORG, NULL, "2023-06-01", NULL);
}
static int inv_inspection_finding(sc_db *db, const sc_actor *a)
{
    int64_t id = 0;
    return sc_inspection_add_finding(&id, db, a, 1, "disclosure", SC_FINDING_MINOR,
                                     "收费标准未公示", NULL, 0, "2024-04-02");
}
static int inv_inspection_scan(sc_db *db, const sc_actor *a)
{
    return sc_inspection_scan_certificates(NULL, NULL, db, a, 1, "2024-04-02");
}
static int inv_inspection_close(sc_db *db, const sc_actor *a)
{
    return sc_inspection_close(db, a, 1, "未发现问题", "2024-04-03");
}
static int inv_finding_withdraw(sc_db *db, const sc_actor *a)
{
    return sc_finding_withdraw(db, a, 1, "复核不成立", "2024-04-05");
}
static int inv_finding_revoke(sc_db *db, const sc_actor *a)
{
    return sc_finding_revoke_certificates(NULL, db, a, 1, "2024-04-05");
}
static int inv_sanction(sc_db *db, const sc_actor *a, int kind, const char *until)
{
    int64_t id = 0;
    return sc_sanction_impose(&id, db, a, 1, kind, until, "依据督导发现", "2024-04-10");
}
static int inv_sanction_warning(sc_db *db, const sc_actor *a)
{
    return inv_sanction(db, a, SC_SANCTION_WARNING, NULL);
}
static int inv_sanction_rectification(sc_db *db, const sc_actor *a)
{
    return inv_sanction(db, a, SC_SANCTION_RECTIFICATION, "2024-05-10");
}
static int inv_sanction_suspension(sc_db *db, const sc_actor *a)
{
    return inv_sanction(db, a, SC_SANCTION_SUSPENSION, "2024-05-10");
}
static int inv_sanction_exit(sc_db *db, const sc_actor *a)
{
    return inv_sanction(db, a, SC_SANCTION_EXIT, NULL);
}
static int inv_sanction_lift(sc_db *db, const sc_actor *a)
{
    return sc_sanction_lift(db, a, 1, "整改完成", "2024-04-20");
}
static int inv_credit_weight_set(sc_db *db, const sc_actor *a)
{
    return sc_credit_weight_set(db, a, "venue", SC_FINDING_MAJOR, 15);
}
static int inv_credit_compute(sc_db *db, const sc_actor *a)
{
    return sc_credit_compute(NULL, db, a, "2023-06-01");
}

#define AUTHZ_SUPERVISION_CASES                                                                  \
    { "supervision.assign", S_SV_SESSION, inv_sv_assign, ORG_A, "110108", 1, K_OR },            \
    { "supervision.record", S_SV_ASSIGNED, inv_sv_record, ORG_A, "110108", 1, K_OR },           \
    { "inspection.open", S_ACTIVE, inv_inspection_open, ORG_A, "110108", 1, K_CC | K_DI },      \
    { "inspection.finding", S_SV_OPEN, inv_inspection_finding, ORG_A, "110108", 1,              \
      K_CC | K_DI },                                                                             \
    { "inspection.scan", S_SV_OPEN, inv_inspection_scan, ORG_A, "110108", 1, K_CC | K_DI },     \
    { "inspection.close", S_SV_OPEN, inv_inspection_close, ORG_A, "110108", 1, K_CC | K_DI },   \
    { "finding.withdraw", S_SV_FINDING, inv_finding_withdraw, ORG_A, "110108", 1,               \
      K_CC | K_DI },                                                                             \
    { "finding.revoke_certificates", S_SV_FINDING, inv_finding_revoke, ORG_A, "110108", 1,      \
      K_CC },                                                                                    \
    { "sanction.warning", S_SV_FINDING, inv_sanction_warning, ORG_A, "110108", 1,               \
      K_CC | K_DI },                                                                             \
    { "sanction.rectification", S_SV_FINDING, inv_sanction_rectification, ORG_A, "110108", 1,  \
      K_CC | K_DI },                                                                             \
    { "sanction.suspension", S_SV_FINDING, inv_sanction_suspension, ORG_A, "110108", 1,        \
      K_CB | K_CC },                                                                             \
    /* An exit appends two entries: the sanction and org.exit. */                               \
    { "sanction.exit", S_SV_FINDING, inv_sanction_exit, ORG_A, "110108", 0, K_CB | K_CC },      \
    { "sanction.lift", S_SV_SANCTION, inv_sanction_lift, ORG_A, "110108", 1, K_CB | K_CC },     \
    { "credit.weight_set", S_CATALOG, inv_credit_weight_set, ORG_A, "110108", 1, K_CC },        \
    { "credit.compute", S_ACTIVE, inv_credit_compute, ORG_A, "110108", 1, K_CC }

#endif
