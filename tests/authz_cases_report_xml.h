/*
 * Cases of the authorization matrix (tests/check_authz.c) for the reports to the city
 * centre (xml_report.c): the results report of a session and the findings of an
 * inspection.
 *
 * Used in tests/check_authz.c: included after authz_cases_supervision.h;
 * build_report_xml_states() called after build_supervision_states() and
 * free_report_xml_states() in teardown(); AUTHZ_REPORT_XML_CASES in cases[].
 * The results report is exported once from S_AS_PASSED (AS_SESSION with its result)
 * and imported there (the registry holds it: a check that changes nothing but the
 * import's batch and audit entry); the findings from S_SV_FINDING, imported there.
 */
#ifndef AUTHZ_CASES_REPORT_XML_H
#define AUTHZ_CASES_REPORT_XML_H

static char *rx_results_doc, *rx_findings_doc;

static char *rx_export(sc_db *db, int doctype, int64_t id)
{
    sc_export_options o = SC_EXPORT_OPTIONS_INIT;
    char *doc = NULL;
    o.id = id;
    o.date = "2024-12-31";
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, db, doctype, &o));
    return doc;
}

static void build_report_xml_states(void)
{
    rx_results_doc = rx_export(states[S_AS_PASSED], SC_DOC_RESULTS_REPORT,
                               t_count(states[S_AS_PASSED], "SELECT max(id) FROM session"));
    rx_findings_doc = rx_export(states[S_SV_FINDING], SC_DOC_FINDINGS,
                                t_count(states[S_SV_FINDING], "SELECT max(id) FROM inspection"));
}

static void free_report_xml_states(void)
{
    sc_free(rx_results_doc);
    sc_free(rx_findings_doc);
    rx_results_doc = rx_findings_doc = NULL;
}

static int inv_results_report_import(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory(NULL, db, a, rx_results_doc, strlen(rx_results_doc),
                                "results.xml", NULL, NULL);
}
static int inv_findings_import(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory(NULL, db, a, rx_findings_doc, strlen(rx_findings_doc),
                                "findings.xml", NULL, NULL);
}

#define AUTHZ_REPORT_XML_CASES                                                                 \
    { "results_report.import", S_AS_PASSED, inv_results_report_import, ORG_A, "110108", 1,     \
      K_CC },                                                                                  \
    { "supervision_findings.import", S_SV_FINDING, inv_findings_import, ORG_A, "110108", 1,   \
      K_CC }

#endif
