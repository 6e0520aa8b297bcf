/* Reports to the city centre (issues #6, #7): the results report of a session and the
 * findings of an inspection. Each: export -> validate -> import into the city's registry
 * -> export again gives the same document; a wrong namespace, a truncated file and a
 * business-rule violation (line and field path) change nothing. Also the candidate
 * batch and confirmation through the generic export with the options' id. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "assess_fixture.h"
#include "app_fixture.h"
#include "store_int.h"

static sc_db *fresh;   /* the city's registry: the organizations filed, nothing else */
static sc_report *rep;
static int64_t sess;   /* FX_ORG's level-4 session of 2024-03-01: 1, 2 passed, 3 failed */

static void setup(void)
{
    char id[19];
    fx_setup();
    fresh = t_clone_db(fx.db);
    ck_assert_int_eq(sc_report_new(&rep), SC_OK);
    fx_candidates(1, 3);
    sess = fx_ready_session("2024-03-01", 1, 3);
    fx_pass(sess, 1, 2, "2024-03-02");
    fx_id(id, 3);
    ck_ok(sc_result_record(fx.db, fx.org, sess, id, 52.5, 75.25, SC_SCORE_NONE, "2024-03-03"));
}

static void teardown(void)
{
    sc_report_free(rep);
    sc_db_close(fresh);
    fresh = NULL;
    fx_teardown();
}

static char *export_doc(sc_db *db, int doctype, int64_t id, const char *date)
{
    sc_export_options o;
    char *doc = NULL;
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.id = id;
    o.date = date;
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, db, doctype, &o));
    return doc;
}

static void validates(const char *doc, int doctype)
{
    int type = 0;
    sc_report_clear(rep);
    ck_ok(sc_xml_validate_memory(&type, rep, doc, strlen(doc), "x.xml", NULL));
    ck_assert_int_eq(type, doctype);
    ck_assert_uint_eq(sc_report_count(rep), 0);
}

static int64_t last_id(sc_db *db, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT max(id) FROM %s", table);
    return t_count(db, sql);
}

/* Import doc into `to` as the centre: `records` applied; export `to`'s copy (the newest
 * row of `table`) again: the same document; again: already imported. */
static void round_trip(const char *doc, sc_db *to, int doctype, const char *table,
                       const char *date, uint64_t records)
{
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    char *again;
    validates(doc, doctype);
    ck_ok(t_import(to, fx.centre, doc, &r, rep));
    ck_assert_int_eq(r.doctype, doctype);
    ck_assert_uint_eq(r.records, records);
    ck_assert_int_eq(r.already_imported, 0);
    again = export_doc(to, doctype, last_id(to, table), date);
    ck_assert_str_eq(doc, again);
    ck_ok(t_import(to, fx.centre, doc, &r, rep));
    ck_assert_int_eq(r.already_imported, 1);
    sc_free(again);
}

/* A wrong namespace and a truncated document: refused, nothing imported. */
static void malformed(sc_db *db, const char *doc, const char *ns)
{
    char *wrong = t_edit(doc, "xmlns=", ns, "urn:skillcert:other:1");
    char *cut = strdup(doc);
    long batches = t_count(db, "SELECT count(*) FROM import_batch");
    ck_assert_ptr_nonnull(cut);
    {
        /* cut two thirds in, between elements (a start tag cut short is read by the
         * handler before libxml2's verdict, and refused as invalid, not as malformed) */
        char *end = cut + strlen(cut) * 2 / 3;
        while (end > cut && end[-1] != '>')
            end--;
        *end = '\0';
    }
    t_refused_import(db, fx.centre, wrong, SC_EINVALIDDOC, 0, NULL, rep);
    t_refused_import(db, fx.centre, cut, SC_EXML, 0, NULL, rep);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM import_batch"), batches);
    free(wrong);
    free(cut);
}

/* ---- results report -------------------------------------------------------------------- */

START_TEST(test_results_report_round_trip)
{
    char *doc = export_doc(fx.db, SC_DOC_RESULTS_REPORT, sess, "2024-03-10");
    char id[19];
    sc_result res = SC_RESULT_INIT;
    sc_session s = SC_SESSION_INIT;
    ck_assert_ptr_nonnull(strstr(doc, "components=\"theory practical\""));
    ck_assert_ptr_nonnull(strstr(doc, "value=\"75.25\""));
    round_trip(doc, fresh, SC_DOC_RESULTS_REPORT, "session", "2024-03-10", 3);
    /* The city holds the session (confirmed) and the results. */
    ck_ok(sc_session_get(&s, fresh, last_id(fresh, "session")));
    ck_assert_int_eq(s.status, SC_SESSION_CONFIRMED);
    ck_assert_str_eq(s.date, "2024-03-01");
    ck_assert_int_eq(s.level, 4);
    fx_id(id, 3);
    ck_ok(sc_result_get(&res, fresh, s.id, id));
    ck_assert_int_eq(res.passed, 0);
    ck_assert(res.theory == 52.5 && res.practical == 75.25);
    fx_id(id, 1);
    ck_ok(sc_result_get(&res, fresh, s.id, id));
    ck_assert_int_eq(res.passed, 1);
    ck_assert_str_eq(res.credit_code, FX_ORG);
    /* A shared registry: the centre imports what it holds already; nothing is added. */
    ck_ok(t_import(fx.db, fx.centre, doc, NULL, rep));
    ck_assert_int_eq(t_count(fx.db, "SELECT count(*) FROM result"), 3);
    ck_assert_int_eq(t_count(fx.db, "SELECT count(*) FROM session"), 1);
    sc_free(doc);
}
END_TEST

START_TEST(test_results_report_only_recorded_by_the_day)
{
    char *doc = export_doc(fx.db, SC_DOC_RESULTS_REPORT, sess, "2024-03-02");
    const char *p = doc;
    int n = 0;
    while ((p = strstr(p, "<candidate ")) != NULL) {
        n++;
        p++;
    }
    ck_assert_int_eq(n, 2);
    validates(doc, SC_DOC_RESULTS_REPORT);
    sc_free(doc);
}
END_TEST

START_TEST(test_results_report_refusals)
{
    char *doc = export_doc(fx.db, SC_DOC_RESULTS_REPORT, sess, "2024-03-10");
    char *passed, *comps, *score, *twice;
    char id1[19], id2[19];
    malformed(fresh, doc, "urn:skillcert:results-report:1");
    /* candidate 1 said to fail: the pass rule says passed (found at its end, line 13
     * after the session's five staff lines; the path counts every child of the root, the
     * session first) */
    fx_id(id1, 1);
    passed = t_edit(doc, id1, "passed=\"true\"", "passed=\"false\"");
    t_refused_import(fresh, fx.centre, passed, SC_EINVALIDDOC, 13,
                     "results-report/candidate[2]/@passed", rep);
    /* a level-4 session does not take the review */
    comps = t_edit(doc, "<session", "theory practical", "theory practical review");
    t_refused_import(fresh, fx.centre, comps, SC_EINVALIDDOC, 3,
                     "results-report/session[1]/@components", rep);
    /* the same candidate twice */
    fx_id(id2, 2);
    twice = t_edit(doc, "<candidate id-number=", id2, id1);
    t_refused_import(fresh, fx.centre, twice, SC_EINVALIDDOC, 14,
            "results-report/candidate[3]/@id-number", rep);
    /* a result the registry holds says otherwise */
    score = t_edit(doc, "value=\"52.5\"", "52.5", "58.5");
    score[strstr(score, "batch=\"") - score + 7] = 'X';
    t_refused_import(fx.db, fx.centre, score, SC_EINVALIDDOC, 0, NULL, rep);
    /* only the city centre */
    t_refused_import(fresh, fx.org, doc, SC_EDENIED, 0, NULL, rep);
    t_refused_import(fresh, fx.haidian, doc, SC_EDENIED, 0, NULL, rep);
    free(passed);
    free(comps);
    free(twice);
    free(score);
    sc_free(doc);
}
END_TEST

/* ---- supervision findings ------------------------------------------------------------ */

static int64_t open_inspection(int64_t *f1)
{
    const char *ents[] = { "org:" FX_ORG, "staff:E01" };
    int64_t insp;
    ck_ok(sc_inspection_open(&insp, fx.db, fx.haidian, FX_ORG, SC_INSPECT_ORG, NULL,
                             "2024-04-01", "例行抽查"));
    ck_ok(sc_inspection_add_finding(f1, fx.db, fx.haidian, insp, "staff-ratio", SC_FINDING_MAJOR,
                                    "理论考场监考人员不足 <2人>", ents, 2, "2024-04-02"));
    return insp;
}

START_TEST(test_findings_round_trip)
{
    int64_t insp, f1, f2;
    char *doc;
    sc_credit_score before = SC_CREDIT_SCORE_INIT, after = SC_CREDIT_SCORE_INIT;
    sc_finding f = SC_FINDING_INIT;
    insp = open_inspection(&f1);
    ck_ok(sc_credit_score_get(&before, fresh, FX_ORG, "2024-05-01"));
    doc = export_doc(fx.db, SC_DOC_FINDINGS, insp, "2024-04-03");
    ck_assert_ptr_nonnull(strstr(doc, "from=\"district\" district=\"110108\""));
    round_trip(doc, fresh, SC_DOC_FINDINGS, "inspection", "2024-04-03", 2);
    sc_free(doc);
    ck_ok(sc_credit_score_get(&after, fresh, FX_ORG, "2024-05-01"));
    ck_assert(after.score < before.score);
    ck_assert_int_eq(after.findings, 1);
    /* Later: a second finding, the first withdrawn, the inspection closed. */
    ck_ok(sc_inspection_add_finding(&f2, fx.db, fx.haidian, insp, "disclosure", SC_FINDING_MINOR,
                                    "收费标准未公示", NULL, 0, "2024-04-05"));
    ck_ok(sc_finding_withdraw(fx.db, fx.haidian, f1, "复核后撤销", "2024-04-06"));
    ck_ok(sc_inspection_close(fx.db, fx.haidian, insp, "限期整改", "2024-04-07"));
    doc = export_doc(fx.db, SC_DOC_FINDINGS, insp, "2024-04-10");
    round_trip(doc, fresh, SC_DOC_FINDINGS, "inspection", "2024-04-10", 3);
    ck_assert_int_eq(t_count(fresh, "SELECT count(*) FROM inspection"), 1);
    ck_ok(sc_finding_get(&f, fresh, last_id(fresh, "finding") - 1));
    ck_assert_str_eq(f.withdrawn, "2024-04-06");
    ck_assert_uint_eq(f.entities, 2);
    ck_ok(sc_credit_score_get(&after, fresh, FX_ORG, "2024-05-01"));
    ck_assert_int_eq(after.findings, 1);
    /* The same registry: it holds it all already. */
    ck_ok(t_import(fx.db, fx.centre, doc, NULL, rep));
    ck_assert_int_eq(t_count(fx.db, "SELECT count(*) FROM finding"), 2);
    sc_free(doc);
}
END_TEST

/* An inspection of all certificates (no target) by the city centre, and one of a session
 * (its id in the inspecting registry). */
START_TEST(test_findings_kinds)
{
    int64_t certs, session, f;
    char *a, *b, target[32];
    ck_ok(sc_inspection_open(&certs, fx.db, fx.centre, FX_ORG, SC_INSPECT_CERTIFICATES, NULL,
                             "2024-04-01", NULL));
    snprintf(target, sizeof target, "%lld", (long long)sess);
    ck_ok(sc_inspection_open(&session, fx.db, fx.haidian, FX_ORG, SC_INSPECT_SESSION, target,
                             "2024-04-01", NULL));
    ck_ok(sc_inspection_add_finding(&f, fx.db, fx.haidian, session, "supervision",
                                    SC_FINDING_MINOR, "无内部督导记录", NULL, 0, "2024-04-01"));
    a = export_doc(fx.db, SC_DOC_FINDINGS, certs, "2024-04-03");
    ck_assert_ptr_nonnull(strstr(a, "from=\"city-centre\">"));
    ck_assert_ptr_nonnull(strstr(a, "kind=\"certificates\" opened="));
    round_trip(a, fresh, SC_DOC_FINDINGS, "inspection", "2024-04-03", 1);
    b = export_doc(fx.db, SC_DOC_FINDINGS, session, "2024-04-03");
    ck_assert_ptr_nonnull(strstr(b, "kind=\"session\" target=\""));
    round_trip(b, fresh, SC_DOC_FINDINGS, "inspection", "2024-04-03", 2);
    ck_assert_int_eq(t_count(fresh, "SELECT count(*) FROM inspection"), 2);
    sc_free(a);
    sc_free(b);
}
END_TEST

START_TEST(test_findings_refusals)
{
    int64_t insp, f1;
    char *doc, *dist, *early, *gone;
    insp = open_inspection(&f1);
    doc = export_doc(fx.db, SC_DOC_FINDINGS, insp, "2024-04-03");
    malformed(fresh, doc, "urn:skillcert:supervision-findings:1");
    /* 西城区 does not supervise an organization of 海淀区 */
    dist = t_edit(doc, "from=", "district=\"110108\"", "district=\"110102\"");
    t_refused_import(fresh, fx.centre, dist, SC_EINVALIDDOC, 2,
                     "supervision-findings/@district", rep);
    /* a finding before its inspection */
    early = t_edit(doc, "<finding", "date=\"2024-04-02\"", "date=\"2024-03-02\"");
    t_refused_import(fresh, fx.centre, early, SC_EINVALIDDOC, 4,
            "supervision-findings/inspection[1]/finding[1]/@date", rep);
    /* only the city centre imports it */
    t_refused_import(fresh, fx.haidian, doc, SC_EDENIED, 0, NULL, rep);
    t_refused_import(fresh, fx.org, doc, SC_EDENIED, 0, NULL, rep);
    /* a registry holding more findings than the document */
    ck_ok(t_import(fresh, fx.centre, doc, NULL, rep));
    {
        char *o = t_edit(doc, "batch=", "supervision-findings-", "supervision-findings-y");
        gone = t_edit(o, "<finding", "category=\"staff-ratio\"", "category=\"venue\"");
        free(o);
    }
    t_refused_import(fresh, fx.centre, gone, SC_EINVALIDDOC, 4,
            "supervision-findings/inspection[1]/finding[1]/@category", rep);
    free(dist);
    free(early);
    free(gone);
    sc_free(doc);
}
END_TEST

/* ---- export options ---------------------------------------------------------------------- */

START_TEST(test_report_export_options)
{
    sc_export_options o;
    char *doc = NULL;
    /* version 1 has no id: even with memory behind it, it is never read */
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.version = 1;
    o.id = sess;
    ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_RESULTS_REPORT, &o),
                     SC_EINVAL);
    ck_assert_ptr_null(doc);
    ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_FINDINGS, NULL),
                     SC_EINVAL);
    /* a version-1 structure still exports the certificate documents */
    o.credit_code = FX_ORG;
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_REVOCATIONS, &o));
    sc_free(doc);
    doc = NULL;
    /* another organization's session; an unknown one */
    o.version = SC_EXPORT_OPTIONS_VERSION;
    o.credit_code = FX_ORG2;
    ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_RESULTS_REPORT, &o),
                     SC_ECONSTRAINT);
    o.credit_code = NULL;
    o.id = 999;
    ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_RESULTS_REPORT, &o),
                     SC_ENOTFOUND);
    ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_FINDINGS, &o),
                     SC_ENOTFOUND);
    ck_assert_ptr_null(doc);
    ck_assert_int_eq(sc_export_options_init(&o, 3), SC_EINVAL);
    ck_assert_str_eq(sc_doctype_name(SC_DOC_RESULTS_REPORT), "results-report");
    ck_assert_int_eq(sc_doctype_from_name("supervision-findings"), SC_DOC_FINDINGS);
    ck_assert_str_eq(sc_doctype_namespace(SC_DOC_FINDINGS), "urn:skillcert:supervision-findings:1");
    ck_assert_ptr_nonnull(strstr(sc_doctype_schema(SC_DOC_RESULTS_REPORT), "xs:annotation"));
}
END_TEST

START_TEST(test_report_export_file)
{
    char *path = t_tmpfile(".xml");
    sc_export_options o = SC_EXPORT_OPTIONS_INIT;
    int type = 0;
    o.id = sess;
    o.date = "2024-03-10";
    o.batch = "report-2024-03";
    ck_ok(sc_xml_exchange_export_file(fx.db, SC_DOC_RESULTS_REPORT, path, &o));
    ck_ok(sc_xml_validate_file(&type, rep, path, NULL));
    ck_assert_int_eq(type, SC_DOC_RESULTS_REPORT);
    ck_ok(sc_xml_import_file(NULL, fresh, fx.centre, path, NULL, rep));
    ck_assert_int_eq(t_count(fresh, "SELECT count(*) FROM import_batch "
                                    "WHERE batch_id = 'report-2024-03'"), 1);
    ck_assert_int_eq(t_count(fresh, "SELECT count(*) FROM audit WHERE action = 'xml.import' "
                                    "AND entity_id = 'results-report:report-2024-03' "
                                    "AND detail LIKE '%records=3 issuer=organization:%' "
                                    "AND detail LIKE '% receiver=city-centre'"), 1);
    remove(path);
    free(path);
}
END_TEST

/* ---- candidate batch and confirmation through the generic export ------------------------ */

START_TEST(test_report_application_documents)
{
    int doctypes[2] = { SC_DOC_CANDIDATE_BATCH, SC_DOC_CONFIRMATION };
    sc_export_options o = SC_EXPORT_OPTIONS_INIT;
    char *doc = NULL, *direct = NULL, want[64];
    int i;
    for (i = 0; i < 2; i++) {
        o.id = af.ann;
        o.batch = "b-1";
        ck_ok(sc_xml_exchange_export_memory(&doc, NULL, af.db, doctypes[i], &o));
        if (i == 0)
            ck_ok(sc_application_batch_export_memory(&direct, NULL, af.db, af.ann, "b-1"));
        else
            ck_ok(sc_application_confirmation_export_memory(&direct, NULL, af.db, af.ann, "b-1",
                                                            NULL));
        ck_assert_str_eq(doc, direct);
        sc_free(doc);
        sc_free(direct);
        o.batch = NULL;
        o.date = "2024-03-05";
        ck_ok(sc_xml_exchange_export_memory(&doc, NULL, af.db, doctypes[i], &o));
        snprintf(want, sizeof want, "batch=\"%s-%lld-2024-03-05\"",
                 i == 0 ? "candidate-batch" : "confirmation", (long long)af.ann);
        ck_assert_ptr_nonnull(strstr(doc, want));
        sc_free(doc);
        doc = NULL;
        o.id = 0;
        ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, af.db, doctypes[i], &o),
                         SC_EINVAL);
        o.id = af.ann;
        o.credit_code = AF_ORG2;
        ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, af.db, doctypes[i], &o),
                         SC_ECONSTRAINT);
        o.credit_code = NULL;
        o.date = NULL;
    }
}
END_TEST

/* The direct call's reason, from `from` on, kept in msg. */
static void keep_reason(char *msg, size_t cap, const char *from)
{
    const char *reason = strstr(sc_error_last()->message, from);
    ck_assert_ptr_nonnull(reason);
    snprintf(msg, cap, "%s", reason);
}

/* One door (issue 11): a findings document replays each act through supervision's own
 * checks. A withdrawal before its finding and a closing before its opening are refused by
 * the direct calls and by the import with the same reason; the city's registry unchanged. */
START_TEST(test_findings_replay_owner_checks)
{
    int64_t insp, f1, certs;
    char *doc, *bad, msg[512];
    insp = open_inspection(&f1);
    /* withdrawn the day before the finding */
    ck_refused(sc_finding_withdraw(fx.db, fx.haidian, f1, "复核", "2024-04-01"), SC_ECONSTRAINT);
    keep_reason(msg, sizeof msg, "is of 2024-04-02");
    ck_ok(sc_finding_withdraw(fx.db, fx.haidian, f1, "复核", "2024-04-06"));
    doc = export_doc(fx.db, SC_DOC_FINDINGS, insp, "2024-04-10");
    bad = t_edit(doc, "<finding", "withdrawn=\"2024-04-06\"", "withdrawn=\"2024-04-01\"");
    t_refused_import(fresh, fx.centre, bad, SC_EINVALIDDOC, 4,
                     "supervision-findings/inspection[1]/finding[1]/@withdrawn", rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, msg));
    free(bad);
    sc_free(doc);
    /* closed before it was opened */
    ck_ok(sc_inspection_open(&certs, fx.db, fx.centre, FX_ORG, SC_INSPECT_CERTIFICATES, NULL,
                             "2024-04-01", NULL));
    ck_refused(sc_inspection_close(fx.db, fx.centre, certs, "无问题", "2024-03-20"),
               SC_ECONSTRAINT);
    keep_reason(msg, sizeof msg, "was opened on 2024-04-01");
    ck_ok(sc_inspection_close(fx.db, fx.centre, certs, "无问题", "2024-04-05"));
    doc = export_doc(fx.db, SC_DOC_FINDINGS, certs, "2024-04-10");
    bad = t_edit(doc, "<inspection", "closed=\"2024-04-05\"", "closed=\"2024-03-20\"");
    t_refused_import(fresh, fx.centre, bad, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, msg));
    ck_assert_int_eq(t_count(fresh, "SELECT count(*) FROM inspection"), 0);
    free(bad);
    sc_free(doc);
}
END_TEST

Suite *sc_report_xml_suite(void)
{
    Suite *s = suite_create("report_xml");
    TCase *tc = tcase_create("results-report");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_results_report_round_trip);
    tcase_add_test(tc, test_results_report_only_recorded_by_the_day);
    tcase_add_test(tc, test_results_report_refusals);
    suite_add_tcase(s, tc);
    tc = tcase_create("supervision-findings");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_findings_round_trip);
    tcase_add_test(tc, test_findings_kinds);
    tcase_add_test(tc, test_findings_refusals);
    tcase_add_test(tc, test_findings_replay_owner_checks);
    suite_add_tcase(s, tc);
    tc = tcase_create("export");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_report_export_options);
    tcase_add_test(tc, test_report_export_file);
    suite_add_tcase(s, tc);
    tc = tcase_create("application-documents");
    tcase_add_checked_fixture(tc, af_setup, af_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_report_application_documents);
    suite_add_tcase(s, tc);
    return s;
}
