/* Versioned structs (issue 13): every struct the library fills carries `version`
 * first. A filler handed version 0 (a caller that never set it) or the next
 * version (a caller built against a newer header) refuses with SC_EINVAL naming
 * the field `version` and leaves every byte of the struct as it was; the same
 * struct set up with SC_*_INIT passes, and the filler keeps its version.
 *
 * One test case per module, in the order of the floors. Calls whose other
 * arguments are absent (a NULL iterator, an unknown id) still show both halves:
 * the version is checked first, and a struct set up with SC_*_INIT reaches the
 * filler's own answer with its version kept. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "assess_fixture.h"

/* Fill var with a pattern, give it version 0 and then VER + 1: CALL (which
   names var) is refused with SC_EINVAL, field "version", and var is unchanged. */
#define REFUSED(VER, var, CALL)                                                          \
    do {                                                                                 \
        const unsigned int bad_[2] = { 0u, (VER) + 1u };                                 \
        unsigned char *was_ = malloc(sizeof(var));                                       \
        size_t k_;                                                                       \
        ck_assert_ptr_nonnull(was_);                                                     \
        for (k_ = 0; k_ < 2; k_++) {                                                     \
            int rc_;                                                                     \
            memset(&(var), 0xA5, sizeof(var));                                           \
            (var).version = bad_[k_];                                                    \
            memcpy(was_, &(var), sizeof(var));                                           \
            rc_ = (CALL);                                                                \
            ck_assert_msg(rc_ == SC_EINVAL, "%s with version %u: %d, wanted SC_EINVAL",  \
                          #CALL, bad_[k_], rc_);                                         \
            ck_assert_str_eq(sc_error_last()->field, "version");                         \
            ck_assert_msg(strstr(sc_error_last()->message, "this library fills version") \
                              != NULL, "%s", sc_error_last()->message);                  \
            ck_assert_msg(memcmp(was_, &(var), sizeof(var)) == 0,                        \
                          "%s with version %u changed the struct", #CALL, bad_[k_]);     \
        }                                                                                \
        free(was_);                                                                      \
    } while (0)

/* var set up with INIT: CALL answers want, and var keeps VER. */
#define FILLS(TYPE, INIT, VER, var, want, CALL)                                          \
    do {                                                                                 \
        int rc_;                                                                         \
        (var) = (TYPE)INIT;                                                              \
        rc_ = (CALL);                                                                    \
        ck_assert_msg(rc_ == (want), "%s: %d (%s), wanted %d", #CALL, rc_,               \
                      sc_error_last()->message, (want));                                 \
        ck_assert_uint_eq((var).version, (VER));                                         \
    } while (0)

/* Both: refused with a wrong version, answers want with INIT. */
#define VERSIONED(TYPE, INIT, VER, var, want, CALL)                                      \
    do {                                                                                 \
        REFUSED(VER, var, CALL);                                                         \
        FILLS(TYPE, INIT, VER, var, want, CALL);                                         \
    } while (0)

/* An input struct of another version (0, then VER + 1): CALL (which reads var) is
   refused with SC_EINVAL naming "version" and the registry is unchanged; with VER
   it goes through. */
#define INPUT_REFUSED(VER, var, CALL)                                                    \
    do {                                                                                 \
        const unsigned int bad_[2] = { 0u, (VER) + 1u };                                 \
        char *before_ = t_dump(fx.db), *after_;                                          \
        size_t k_;                                                                       \
        for (k_ = 0; k_ < 2; k_++) {                                                     \
            (var).version = bad_[k_];                                                    \
            ck_assert_int_eq((CALL), SC_EINVAL);                                         \
            ck_assert_str_eq(sc_error_last()->field, "version");                         \
        }                                                                                \
        after_ = t_dump(fx.db);                                                          \
        ck_assert_str_eq(before_, after_);                                               \
        free(before_);                                                                   \
        free(after_);                                                                    \
        (var).version = (VER);                                                           \
        ck_ok(CALL);                                                                     \
    } while (0)

/* ---- ground ------------------------------------------------------------------------------ */

START_TEST(test_versions_ground)
{
    sc_db_check_result r = SC_DB_CHECK_RESULT_INIT;
    sc_verdict v = SC_VERDICT_INIT;
    ck_assert_uint_eq(SC_VERDICT_VERSION, 1u);
    VERSIONED(sc_db_check_result, SC_DB_CHECK_RESULT_INIT, SC_DB_CHECK_RESULT_VERSION, r, SC_OK,
              sc_db_check(&r, fx.db));
    ck_assert_int_eq(r.ok, 1);
    /* The message names the struct, the version given and the one filled. */
    v = (sc_verdict)SC_VERDICT_INIT;
    v.version = 7;
    ck_assert_int_eq(sc_catalog_check(&v, fx.db, FX_OCC, NULL, 4, "2024-01-01"), SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->message,
                     "sc_verdict.version: 7, this library fills version 1");
}
END_TEST

/* ---- catalog ----------------------------------------------------------------------------- */

START_TEST(test_versions_catalog)
{
    sc_verdict v = SC_VERDICT_INIT;
    sc_import_result ir = SC_IMPORT_RESULT_INIT;
    VERSIONED(sc_verdict, SC_VERDICT_INIT, SC_VERDICT_VERSION, v, SC_OK,
              sc_catalog_check(&v, fx.db, FX_OCC, NULL, 4, "2024-01-01"));
    ck_assert_int_eq(v.ok, 1);
    VERSIONED(sc_verdict, SC_VERDICT_INIT, SC_VERDICT_VERSION, v, SC_OK,
              sc_catalog_check(&v, fx.db, "4-99-99-99", NULL, 4, "2024-01-01"));
    ck_assert_int_eq(v.ok, 0);
    ck_assert_int_eq(v.reason, SC_REASON_UNKNOWN_OCCUPATION);
    VERSIONED(sc_import_result, SC_IMPORT_RESULT_INIT, SC_IMPORT_RESULT_VERSION, ir, SC_OK,
              sc_xml_import_notice(&ir, fx.db, fx.city));
    VERSIONED(sc_import_result, SC_IMPORT_RESULT_INIT, SC_IMPORT_RESULT_VERSION, ir, SC_OK,
              sc_eligibility_load_defaults(&ir, fx.db, fx.city));
}
END_TEST

/* ---- org, districts, authz, audit --------------------------------------------------------- */

START_TEST(test_versions_org)
{
    sc_district d = SC_DISTRICT_INIT;
    sc_credit_code_result cc = SC_CREDIT_CODE_RESULT_INIT;
    sc_offering_item oi = SC_OFFERING_ITEM_INIT;
    sc_org o = SC_ORG_INIT;
    sc_verdict v = SC_VERDICT_INIT;
    sc_filing f = SC_FILING_INIT;
    sc_filing_step fs = SC_FILING_STEP_INIT;
    sc_staff st = SC_STAFF_INIT;
    sc_special_rules sr = SC_SPECIAL_RULES_INIT;
    sc_authz_action aa = SC_AUTHZ_ACTION_INIT;
    sc_audit_result ar = SC_AUDIT_RESULT_INIT;
    sc_audit_entry ae = SC_AUDIT_ENTRY_INIT;
    sc_offerings *offs = NULL;
    sc_district_iter *di = NULL;
    sc_org_iter *oit = NULL;
    sc_filing_iter *fi = NULL;
    sc_filing_step_iter *fsi = NULL;
    int64_t filing;
    char action[SC_AUTHZ_NAME_SIZE];

    VERSIONED(sc_district, SC_DISTRICT_INIT, SC_DISTRICT_VERSION, d, SC_OK,
              sc_district_lookup(&d, fx.db, "110108"));
    ck_ok(sc_district_iter_new(&di, fx.db));
    VERSIONED(sc_district, SC_DISTRICT_INIT, SC_DISTRICT_VERSION, d, SC_OK,
              sc_district_iter_next(&d, di));
    ck_ok(sc_district_iter_next(&d, di)); /* kept: the same struct walks on */
    ck_assert_uint_eq(d.version, SC_DISTRICT_VERSION);
    sc_district_iter_free(di);

    VERSIONED(sc_credit_code_result, SC_CREDIT_CODE_RESULT_INIT, SC_CREDIT_CODE_RESULT_VERSION,
              cc, SC_OK, sc_credit_code_validate(&cc, FX_ORG, 0));

    ck_ok(sc_offerings_new(&offs));
    ck_ok(sc_offerings_add(offs, FX_OCC, NULL, 4));
    VERSIONED(sc_offering_item, SC_OFFERING_ITEM_INIT, SC_OFFERING_ITEM_VERSION, oi, SC_OK,
              sc_offerings_get(&oi, offs, 0));
    ck_assert_int_eq(oi.level, 4);
    sc_offerings_free(offs);

    VERSIONED(sc_org, SC_ORG_INIT, SC_ORG_VERSION, o, SC_OK,
              sc_org_get(&o, fx.db, FX_ORG, "2024-01-01"));
    ck_assert_str_eq(o.credit_code, FX_ORG);
    ck_ok(sc_directory_iter_new(&oit, fx.db, "2024-01-01"));
    VERSIONED(sc_org, SC_ORG_INIT, SC_ORG_VERSION, o, SC_OK, sc_org_iter_next(&o, oit));
    sc_org_iter_free(oit);
    VERSIONED(sc_verdict, SC_VERDICT_INIT, SC_VERDICT_VERSION, v, SC_OK,
              sc_org_may_certify(&v, fx.db, FX_ORG, FX_OCC, NULL, 4, "2024-01-01", NULL, 0));

    ck_ok(sc_filing_iter_new(&fi, fx.db, FX_ORG));
    VERSIONED(sc_filing, SC_FILING_INIT, SC_FILING_VERSION, f, SC_OK, sc_filing_iter_next(&f, fi));
    sc_filing_iter_free(fi);
    filing = f.id;
    VERSIONED(sc_filing, SC_FILING_INIT, SC_FILING_VERSION, f, SC_OK,
              sc_filing_get(&f, fx.db, filing));
    ck_assert_int_eq(f.id, filing);
    ck_ok(sc_filing_step_iter_new(&fsi, fx.db, filing));
    VERSIONED(sc_filing_step, SC_FILING_STEP_INIT, SC_FILING_STEP_VERSION, fs, SC_OK,
              sc_filing_step_iter_next(&fs, fsi));
    sc_filing_step_iter_free(fsi);
    /* The staff iterator's constructor is not called here: the version is checked
       before the iterator argument. */
    VERSIONED(sc_staff, SC_STAFF_INIT, SC_STAFF_VERSION, st, SC_EINVAL,
              sc_staff_iter_next(&st, NULL));
    VERSIONED(sc_special_rules, SC_SPECIAL_RULES_INIT, SC_SPECIAL_RULES_VERSION, sr,
              SC_ENOTFOUND, sc_org_rules_get(&sr, fx.db, FX_ORG, SC_PATH_EXCEPTIONAL));

    VERSIONED(sc_authz_action, SC_AUTHZ_ACTION_INIT, SC_AUTHZ_ACTION_VERSION, aa, SC_OK,
              sc_authz_action_get(&aa, 0));
    snprintf(action, sizeof action, "%s", aa.name);
    VERSIONED(sc_authz_action, SC_AUTHZ_ACTION_INIT, SC_AUTHZ_ACTION_VERSION, aa, SC_OK,
              sc_authz_action_lookup(&aa, action));
    ck_assert_str_eq(aa.name, action);

    VERSIONED(sc_audit_result, SC_AUDIT_RESULT_INIT, SC_AUDIT_RESULT_VERSION, ar, SC_OK,
              sc_audit_verify(&ar, fx.db));
    ck_assert_int_eq(ar.ok, 1);
    VERSIONED(sc_audit_entry, SC_AUDIT_ENTRY_INIT, SC_AUDIT_ENTRY_VERSION, ae, SC_EINVAL,
              sc_audit_iter_next(&ae, NULL));
}
END_TEST

/* ---- candidate ----------------------------------------------------------------------------- */

START_TEST(test_versions_candidate)
{
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    char id[19];
    fx_id(id, 1);
    VERSIONED(sc_resident_id, SC_RESIDENT_ID_INIT, SC_RESIDENT_ID_VERSION, r, SC_OK,
              sc_resident_id_parse(&r, id));
    VERSIONED(sc_resident_id, SC_RESIDENT_ID_INIT, SC_RESIDENT_ID_VERSION, r, SC_EINVAL,
              sc_resident_id_parse(&r, "110108"));
}
END_TEST

/* ---- application --------------------------------------------------------------------------- */

START_TEST(test_versions_application)
{
    sc_announcement a = SC_ANNOUNCEMENT_INIT, in = SC_ANNOUNCEMENT_INIT;
    sc_application ap = SC_APPLICATION_INIT;
    sc_application_iter *it = NULL;
    sc_offerings *offs = NULL;
    int64_t id = 0, app;
    char code[sizeof a.code];

    VERSIONED(sc_announcement, SC_ANNOUNCEMENT_INIT, SC_ANNOUNCEMENT_VERSION, a, SC_OK,
              sc_announcement_get(&a, fx.db, fx.ann, "2023-06-01"));
    snprintf(code, sizeof code, "%s", a.code);
    VERSIONED(sc_announcement, SC_ANNOUNCEMENT_INIT, SC_ANNOUNCEMENT_VERSION, a, SC_OK,
              sc_announcement_lookup(&a, fx.db, FX_ORG, code, "2023-06-01"));
    ck_assert_int_eq(a.id, fx.ann);
    VERSIONED(sc_announcement, SC_ANNOUNCEMENT_INIT, SC_ANNOUNCEMENT_VERSION, a, SC_EINVAL,
              sc_announcement_iter_next(&a, NULL));

    /* An input: publishing an announcement of another version changes nothing. */
    ck_ok(sc_offerings_new(&offs));
    ck_ok(sc_offerings_add(offs, FX_OCC, NULL, 4));
    in = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(in.credit_code, sizeof in.credit_code, "%s", FX_ORG);
    snprintf(in.code, sizeof in.code, "V-2024");
    snprintf(in.title, sizeof in.title, "versions");
    snprintf(in.fees, sizeof in.fees, "none");
    snprintf(in.opens, sizeof in.opens, "2024-02-01");
    snprintf(in.closes, sizeof in.closes, "2024-03-01");
    in.methods = SC_METHOD_THEORY;
    INPUT_REFUSED(SC_ANNOUNCEMENT_VERSION, in,
                  sc_announcement_publish(&id, fx.db, fx.org, &in, offs, "2024-01-20"));
    sc_offerings_free(offs);

    fx_candidates(1, 1);
    fx_application(fx_session(4, "2024-04-01", 0), 1);
    ck_ok(sc_application_iter_new(&it, fx.db, NULL));
    VERSIONED(sc_application, SC_APPLICATION_INIT, SC_APPLICATION_VERSION, ap, SC_OK,
              sc_application_iter_next(&ap, it));
    sc_application_iter_free(it);
    app = ap.id;
    VERSIONED(sc_application, SC_APPLICATION_INIT, SC_APPLICATION_VERSION, ap, SC_OK,
              sc_application_get(&ap, fx.db, app));
    ck_assert_int_eq(ap.id, app);
}
END_TEST

/* ---- assessment ------------------------------------------------------------------------------ */

START_TEST(test_versions_assessment)
{
    sc_component_rule cr = SC_COMPONENT_RULE_INIT;
    sc_venue ve = SC_VENUE_INIT;
    sc_session s = SC_SESSION_INIT;
    sc_verdict v = SC_VERDICT_INIT;
    sc_session_staff ss = SC_SESSION_STAFF_INIT;
    sc_enrolment en = SC_ENROLMENT_INIT;
    sc_paper pa = SC_PAPER_INIT;
    sc_paper_item pi = SC_PAPER_ITEM_INIT;
    sc_result re = SC_RESULT_INIT;
    sc_session_iter *si = NULL;
    sc_session_staff_iter *ssi = NULL;
    sc_enrolment_iter *ei = NULL;
    sc_result_iter *ri = NULL;
    int64_t session;
    char id[19];

    VERSIONED(sc_component_rule, SC_COMPONENT_RULE_INIT, SC_COMPONENT_RULE_VERSION, cr, SC_OK,
              sc_component_rule_get(&cr, fx.db, FX_OCC, SC_COMPONENT_THEORY));
    /* An input: a rule of another version changes nothing. */
    INPUT_REFUSED(SC_COMPONENT_RULE_VERSION, cr, sc_component_rule_set(fx.db, fx.centre, &cr));

    VERSIONED(sc_venue, SC_VENUE_INIT, SC_VENUE_VERSION, ve, SC_OK,
              sc_venue_get(&ve, fx.db, fx.venue));

    fx_candidates(1, 2);
    session = fx_ready_session("2024-03-01", 1, 2);
    fx_pass(session, 1, 2, "2024-03-01");
    VERSIONED(sc_session, SC_SESSION_INIT, SC_SESSION_VERSION, s, SC_OK,
              sc_session_get(&s, fx.db, session));
    VERSIONED(sc_verdict, SC_VERDICT_INIT, SC_VERDICT_VERSION, v, SC_OK,
              sc_session_check(&v, fx.db, session));
    ck_ok(sc_session_iter_new(&si, fx.db, NULL));
    VERSIONED(sc_session, SC_SESSION_INIT, SC_SESSION_VERSION, s, SC_OK,
              sc_session_iter_next(&s, si));
    sc_session_iter_free(si);
    ck_ok(sc_session_staff_iter_new(&ssi, fx.db, session));
    VERSIONED(sc_session_staff, SC_SESSION_STAFF_INIT, SC_SESSION_STAFF_VERSION, ss, SC_OK,
              sc_session_staff_iter_next(&ss, ssi));
    sc_session_staff_iter_free(ssi);
    ck_ok(sc_enrolment_iter_new(&ei, fx.db, session));
    VERSIONED(sc_enrolment, SC_ENROLMENT_INIT, SC_ENROLMENT_VERSION, en, SC_OK,
              sc_enrolment_iter_next(&en, ei));
    sc_enrolment_iter_free(ei);
    fx_id(id, 1);
    VERSIONED(sc_result, SC_RESULT_INIT, SC_RESULT_VERSION, re, SC_OK,
              sc_result_get(&re, fx.db, session, id));
    ck_ok(sc_result_iter_new(&ri, fx.db, session));
    VERSIONED(sc_result, SC_RESULT_INIT, SC_RESULT_VERSION, re, SC_OK,
              sc_result_iter_next(&re, ri));
    sc_result_iter_free(ri);
    /* No paper in this session: an unknown paper, and no item iterator (the
       version is checked before it). */
    VERSIONED(sc_paper, SC_PAPER_INIT, SC_PAPER_VERSION, pa, SC_ENOTFOUND,
              sc_paper_get(&pa, fx.db, 999999));
    VERSIONED(sc_paper_item, SC_PAPER_ITEM_INIT, SC_PAPER_ITEM_VERSION, pi, SC_EINVAL,
              sc_paper_item_iter_next(&pi, NULL));
}
END_TEST

/* ---- certificate ---------------------------------------------------------------------------- */

START_TEST(test_versions_certificate)
{
    sc_cert_number n = SC_CERT_NUMBER_INIT;
    sc_certificate c = SC_CERTIFICATE_INIT;
    sc_verification vf = SC_VERIFICATION_INIT, vs[2] = { SC_VERIFICATION_INIT, SC_VERIFICATION_INIT };
    sc_cert_stats_row row = SC_CERT_STATS_ROW_INIT;
    sc_certificate_iter *ci = NULL;
    sc_cert_stats_iter *sti = NULL;
    const char *numbers[2], *names[2] = { "张三", "李四" };
    char num[SC_CERT_NUMBER_SIZE], id[19];
    int64_t session;

    VERSIONED(sc_cert_number, SC_CERT_NUMBER_INIT, SC_CERT_NUMBER_VERSION, n, SC_OK,
              sc_certificate_number_parse(&n, "S000011000001243000001"));

    fx_candidates(1, 1);
    session = fx_ready_session("2024-03-01", 1, 1);
    fx_pass(session, 1, 1, "2024-03-01");
    fx_id(id, 1);
    ck_ok(sc_certificate_report(num, fx.db, fx.org, session, id, "2024-03-10"));
    VERSIONED(sc_certificate, SC_CERTIFICATE_INIT, SC_CERTIFICATE_VERSION, c, SC_OK,
              sc_certificate_get(&c, fx.db, num));
    ck_ok(sc_certificate_iter_new(&ci, fx.db, NULL));
    VERSIONED(sc_certificate, SC_CERTIFICATE_INIT, SC_CERTIFICATE_VERSION, c, SC_OK,
              sc_certificate_iter_next(&c, ci));
    sc_certificate_iter_free(ci);
    VERSIONED(sc_verification, SC_VERIFICATION_INIT, SC_VERIFICATION_VERSION, vf, SC_OK,
              sc_certificate_verify(&vf, fx.db, num, "nobody", NULL));
    ck_ok(sc_certificate_stats_iter_new(&sti, fx.db, NULL));
    VERSIONED(sc_cert_stats_row, SC_CERT_STATS_ROW_INIT, SC_CERT_STATS_ROW_VERSION, row, SC_OK,
              sc_certificate_stats_iter_next(&row, sti));
    sc_cert_stats_iter_free(sti);

    /* A batch checks every answer's version before it looks anything up. */
    numbers[0] = num;
    numbers[1] = num;
    vs[0] = (sc_verification)SC_VERIFICATION_INIT;
    REFUSED(SC_VERIFICATION_VERSION, vs[1],
            sc_certificate_batch_verify(vs, fx.db, numbers, names, NULL, 2));
    vs[1] = (sc_verification)SC_VERIFICATION_INIT;
    ck_ok(sc_certificate_batch_verify(vs, fx.db, numbers, names, NULL, 2));
    ck_assert_uint_eq(vs[0].version, SC_VERIFICATION_VERSION);
    ck_assert_uint_eq(vs[1].version, SC_VERIFICATION_VERSION);
}
END_TEST

/* ---- supervision and credit ------------------------------------------------------------------ */

START_TEST(test_versions_supervision)
{
    sc_supervision su = SC_SUPERVISION_INIT;
    sc_finding_category fc = SC_FINDING_CATEGORY_INIT;
    sc_inspection in = SC_INSPECTION_INIT;
    sc_finding fi = SC_FINDING_INIT;
    sc_sanction sa = SC_SANCTION_INIT;
    sc_credit_model cm = SC_CREDIT_MODEL_INIT;
    sc_credit_score cs = SC_CREDIT_SCORE_INIT;
    sc_report_row rr = SC_REPORT_ROW_INIT;
    sc_supervision_iter *sui = NULL;
    sc_inspection_iter *ini = NULL;
    sc_finding_iter *fii = NULL;
    sc_sanction_iter *sai = NULL;
    sc_credit_iter *cri = NULL;

    ck_ok(sc_supervision_iter_new(&sui, fx.db, fx_session(4, "2024-04-01", 0)));
    VERSIONED(sc_supervision, SC_SUPERVISION_INIT, SC_SUPERVISION_VERSION, su, SC_ITEROVER,
              sc_supervision_iter_next(&su, sui));
    sc_supervision_iter_free(sui);
    VERSIONED(sc_finding_category, SC_FINDING_CATEGORY_INIT, SC_FINDING_CATEGORY_VERSION, fc,
              SC_OK, sc_finding_category_get(&fc, 0));
    VERSIONED(sc_inspection, SC_INSPECTION_INIT, SC_INSPECTION_VERSION, in, SC_ENOTFOUND,
              sc_inspection_get(&in, fx.db, 999999));
    ck_ok(sc_inspection_iter_new(&ini, fx.db, NULL));
    VERSIONED(sc_inspection, SC_INSPECTION_INIT, SC_INSPECTION_VERSION, in, SC_ITEROVER,
              sc_inspection_iter_next(&in, ini));
    sc_inspection_iter_free(ini);
    VERSIONED(sc_finding, SC_FINDING_INIT, SC_FINDING_VERSION, fi, SC_ENOTFOUND,
              sc_finding_get(&fi, fx.db, 999999));
    ck_ok(sc_finding_iter_new(&fii, fx.db, NULL));
    VERSIONED(sc_finding, SC_FINDING_INIT, SC_FINDING_VERSION, fi, SC_ITEROVER,
              sc_finding_iter_next(&fi, fii));
    sc_finding_iter_free(fii);
    VERSIONED(sc_sanction, SC_SANCTION_INIT, SC_SANCTION_VERSION, sa, SC_ENOTFOUND,
              sc_sanction_get(&sa, fx.db, 999999));
    ck_ok(sc_sanction_iter_new(&sai, fx.db, NULL));
    VERSIONED(sc_sanction, SC_SANCTION_INIT, SC_SANCTION_VERSION, sa, SC_ITEROVER,
              sc_sanction_iter_next(&sa, sai));
    sc_sanction_iter_free(sai);
    VERSIONED(sc_credit_model, SC_CREDIT_MODEL_INIT, SC_CREDIT_MODEL_VERSION, cm, SC_OK,
              sc_credit_model_get(&cm, fx.db));
    VERSIONED(sc_credit_score, SC_CREDIT_SCORE_INIT, SC_CREDIT_SCORE_VERSION, cs, SC_OK,
              sc_credit_score_get(&cs, fx.db, FX_ORG, "2024-01-01"));
    ck_ok(sc_credit_history_iter_new(&cri, fx.db, FX_ORG));
    VERSIONED(sc_credit_score, SC_CREDIT_SCORE_INIT, SC_CREDIT_SCORE_VERSION, cs, SC_ITEROVER,
              sc_credit_iter_next(&cs, cri));
    sc_credit_iter_free(cri);
    /* The version is checked before the report argument. */
    VERSIONED(sc_report_row, SC_REPORT_ROW_INIT, SC_REPORT_ROW_VERSION, rr, SC_EINVAL,
              sc_period_report_row(&rr, NULL, 0, 0));
}
END_TEST

/* ---- pki and the XML exchange ------------------------------------------------------------------ */

START_TEST(test_versions_pki_xml)
{
    static const char doc[] = "<x/>";
    sc_pki_cert_info ci = SC_PKI_CERT_INFO_INIT;
    sc_pki_verification pv = SC_PKI_VERIFICATION_INIT;
    sc_xml_verification xv = SC_XML_VERIFICATION_INIT;
    sc_certificate_document cd = SC_CERTIFICATE_DOCUMENT_INIT;
    sc_import_result ir = SC_IMPORT_RESULT_INIT;
    char signed_at[SC_PKI_TIME_SIZE];

    /* Each checks the version before its other arguments: with the right
       version the missing ones are the refusal, and the version is kept. */
    VERSIONED(sc_pki_cert_info, SC_PKI_CERT_INFO_INIT, SC_PKI_CERT_INFO_VERSION, ci, SC_EINVAL,
              sc_pki_cert_info_get(&ci, NULL));
    VERSIONED(sc_pki_cert_info, SC_PKI_CERT_INFO_INIT, SC_PKI_CERT_INFO_VERSION, ci, SC_EINVAL,
              sc_pki_cert_import(&ci, fx.db, fx.city, NULL));
    VERSIONED(sc_pki_cert_info, SC_PKI_CERT_INFO_INIT, SC_PKI_CERT_INFO_VERSION, ci, SC_EINVAL,
              sc_pki_cert_iter_next(&ci, NULL));
    VERSIONED(sc_pki_verification, SC_PKI_VERIFICATION_INIT, SC_PKI_VERIFICATION_VERSION, pv,
              SC_EINVAL, sc_pki_verify_chain(&pv, NULL, NULL, NULL, NULL));
    VERSIONED(sc_pki_verification, SC_PKI_VERIFICATION_INIT, SC_PKI_VERIFICATION_VERSION, pv,
              SC_EINVAL, sc_pki_verify_detached(&pv, signed_at, NULL, NULL, NULL, NULL));
    REFUSED(SC_PKI_VERIFICATION_VERSION, pv, sc_audit_head_verify(&pv, fx.db, doc, strlen(doc)));
    VERSIONED(sc_xml_verification, SC_XML_VERIFICATION_INIT, SC_XML_VERIFICATION_VERSION, xv,
              SC_EINVAL, sc_xml_verify_memory(&xv, doc, strlen(doc), NULL, NULL));
    REFUSED(SC_XML_VERIFICATION_VERSION, xv,
            sc_xml_registry_verify(&xv, fx.db, doc, strlen(doc)));
    VERSIONED(sc_certificate_document, SC_CERTIFICATE_DOCUMENT_INIT,
              SC_CERTIFICATE_DOCUMENT_VERSION, cd, SC_EINVALIDDOC,
              sc_certificate_verify_document(&cd, NULL, doc, strlen(doc), NULL, NULL));
    /* The optional detail is checked too. */
    cd = (sc_certificate_document)SC_CERTIFICATE_DOCUMENT_INIT;
    REFUSED(SC_XML_VERIFICATION_VERSION, xv,
            sc_certificate_verify_document(&cd, &xv, doc, strlen(doc), NULL, NULL));

    VERSIONED(sc_import_result, SC_IMPORT_RESULT_INIT, SC_IMPORT_RESULT_VERSION, ir, SC_EINVAL,
              sc_xml_import_file(&ir, fx.db, fx.city, NULL, NULL, NULL));
    VERSIONED(sc_import_result, SC_IMPORT_RESULT_INIT, SC_IMPORT_RESULT_VERSION, ir, SC_EINVAL,
              sc_xml_import_memory(&ir, fx.db, fx.city, NULL, 0, NULL, NULL, NULL));
    VERSIONED(sc_import_result, SC_IMPORT_RESULT_INIT, SC_IMPORT_RESULT_VERSION, ir, SC_EINVAL,
              sc_xml_import_memory_signed(&ir, fx.db, fx.city, NULL, 0, NULL, NULL, NULL,
                                          NULL));
}
END_TEST

Suite *sc_versions_suite(void)
{
    Suite *s = suite_create("versions");
    TCase *tc;
#define VERSIONS_CASE(name, fn)                                                          \
    tc = tcase_create(name);                                                             \
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);                                \
    tcase_set_timeout(tc, 60);                                                           \
    tcase_add_test(tc, fn);                                                              \
    suite_add_tcase(s, tc)
    VERSIONS_CASE("ground", test_versions_ground);
    VERSIONS_CASE("catalog", test_versions_catalog);
    VERSIONS_CASE("org", test_versions_org);
    VERSIONS_CASE("candidate", test_versions_candidate);
    VERSIONS_CASE("application", test_versions_application);
    VERSIONS_CASE("assessment", test_versions_assessment);
    VERSIONS_CASE("certificate", test_versions_certificate);
    VERSIONS_CASE("supervision", test_versions_supervision);
    VERSIONS_CASE("pki_xml", test_versions_pki_xml);
#undef VERSIONS_CASE
    return s;
}
