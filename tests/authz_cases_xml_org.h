/*
 * Cases of the authorization matrix (tests/check_authz.c) for the filing workflow
 * documents of issue #6 (xml_org.c): organization application, district
 * recommendation, evaluation result, directory.
 *
 * Used in tests/check_authz.c: included after authz_cases_exchange.h;
 * build_xml_org_states() called after the filing states (S_APPLIED ... S_ACTIVE) are
 * built, free_xml_org_states() in teardown(); AUTHZ_XML_ORG_CASES in cases[].
 * Each document is exported once from the registry where it is made: the application
 * from S_APPLIED, the recommendation from S_RECOMMENDED, the result from S_FILED, the
 * directory from S_ACTIVE. The application is imported into S_REG (the district's
 * registry where ORG_A is recorded: the read-only check needs its district), the
 * recommendation and the directory into S_CATALOG (a registry that does not know ORG_A
 * yet), the result into S_RECOMMENDED (the district's and the organization's view).
 * directory.import has no subject: the directory is public, any district or
 * organization may keep a copy (check_authz.c exempts it from the jurisdiction test).
 */
#ifndef AUTHZ_CASES_XML_ORG_H
#define AUTHZ_CASES_XML_ORG_H

static char *xo_app_doc, *xo_rec_doc, *xo_res_doc, *xo_dir_doc;

static char *xo_export(sc_db *db, int doctype, const char *code, const char *date)
{
    sc_export_options o = SC_EXPORT_OPTIONS_INIT;
    char *doc = NULL;
    o.credit_code = code;
    o.date = date;
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, db, doctype, &o));
    return doc;
}

static void build_xml_org_states(void)
{
    xo_app_doc = xo_export(states[S_APPLIED], SC_DOC_ORG_APPLICATION, ORG_A, "2023-02-02");
    xo_rec_doc = xo_export(states[S_RECOMMENDED], SC_DOC_RECOMMENDATION, ORG_A, "2023-02-11");
    xo_res_doc = xo_export(states[S_FILED], SC_DOC_EVALUATION_RESULT, ORG_A, "2023-05-11");
    xo_dir_doc = xo_export(states[S_ACTIVE], SC_DOC_DIRECTORY, NULL, "2023-06-01");
}

static void free_xml_org_states(void)
{
    sc_free(xo_app_doc);
    sc_free(xo_rec_doc);
    sc_free(xo_res_doc);
    sc_free(xo_dir_doc);
    xo_app_doc = xo_rec_doc = xo_res_doc = xo_dir_doc = NULL;
}

static int xo_import(sc_db *db, const sc_actor *a, const char *doc)
{
    return sc_xml_import_memory(NULL, db, a, doc, strlen(doc), "org.xml", NULL, NULL);
}
static int inv_org_application_import(sc_db *db, const sc_actor *a)
{
    return xo_import(db, a, xo_app_doc);
}
static int inv_recommendation_import(sc_db *db, const sc_actor *a)
{
    return xo_import(db, a, xo_rec_doc);
}
static int inv_evaluation_result_import(sc_db *db, const sc_actor *a)
{
    return xo_import(db, a, xo_res_doc);
}
static int inv_directory_import(sc_db *db, const sc_actor *a)
{
    return xo_import(db, a, xo_dir_doc);
}

#define AUTHZ_XML_ORG_CASES                                                                    \
    { "organization_application.import", S_REG, inv_org_application_import, ORG_A,        \
      "110108", 1, K_DI },                                                                     \
    { "district_recommendation.import", S_CATALOG, inv_recommendation_import, ORG_A, "110108", \
      1, K_CC },                                                                               \
    { "evaluation_result.import", S_RECOMMENDED, inv_evaluation_result_import, ORG_A,          \
      "110108", 1, K_OR },                                                                     \
    { "directory.import", S_CATALOG, inv_directory_import, ORG_A, "110108", 1,                \
      K_CB | K_CC | K_DI | K_OR }

#endif
