/* The filing workflow documents of issue #6 (xml_org.c): organization application,
 * district recommendation, evaluation result, directory. Three registries, as in
 * practice: the organization's, its district's (海淀区) and the city's, each with the
 * notice's catalog. Each document: export -> validate -> import elsewhere -> export
 * again gives the same document, re-import is a no-op; and each refuses a wrong
 * namespace, a truncated file, a business-rule violation (line and field path) and
 * the wrong actor, leaving the registry unchanged. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_suites.h"

#define ORG "91110108MA01ABCD2H" /* 海淀区 110108 */
#define ORG2 "52110102MJ00123450" /* 西城区 110102 */

static sc_db *org_db, *dist_db, *city_db;
static sc_actor *org, *org2, *haidian, *chaoyang, *centre, *bureau;
static sc_report *rep;

static void setup(void)
{
    org_db = t_notice_db();
    dist_db = t_notice_db();
    city_db = t_notice_db();
    org = t_actor(SC_ACTOR_ORGANIZATION, ORG);
    org2 = t_actor(SC_ACTOR_ORGANIZATION, ORG2);
    haidian = t_actor(SC_ACTOR_DISTRICT, "110108");
    chaoyang = t_actor(SC_ACTOR_DISTRICT, "110105");
    centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    ck_assert_int_eq(sc_report_new(&rep), SC_OK);
    ck_ok(sc_org_register(org_db, org, ORG, "北京智训科技有限公司", SC_ORG_ENTERPRISE, "110108",
                          "2023-01-05", 0));
}

static void teardown(void)
{
    sc_report_free(rep);
    sc_db_close(org_db);
    sc_db_close(dist_db);
    sc_db_close(city_db);
    sc_actor_free(org);
    sc_actor_free(org2);
    sc_actor_free(haidian);
    sc_actor_free(chaoyang);
    sc_actor_free(centre);
    sc_actor_free(bureau);
}

static void apply(sc_db *db, const char *code, const sc_actor *a, const char *scope,
                  const char *date, int addition)
{
    sc_offerings *s = NULL;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, scope));
    if (addition)
        ck_ok(sc_org_apply_addition(db, a, code, s, date));
    else
        ck_ok(sc_org_apply(db, a, code, s, date));
    sc_offerings_free(s);
}

static char *export_doc(sc_db *db, int doctype, const char *code, const char *date)
{
    sc_export_options o;
    char *doc = NULL;
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.credit_code = code;
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

/* Export from `from`, validate, import into `to` as `actor` (one audit entry), export
 * again: the same document; importing it again changes nothing and says so. */
static void round_trip(sc_db *from, sc_db *to, const sc_actor *actor, int doctype,
                       const char *code, const char *date, uint64_t records)
{
    char *a = export_doc(from, doctype, code, date), *b, *before;
    long audit0 = t_count(to, "SELECT count(*) FROM audit");
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    validates(a, doctype);
    ck_ok(t_import(to, actor, a, &r, rep));
    ck_assert_int_eq(r.doctype, doctype);
    ck_assert_uint_eq(r.records, records);
    ck_assert_int_eq(r.already_imported, 0);
    ck_assert_int_eq(t_count(to, "SELECT count(*) FROM audit"), audit0 + 1);
    b = export_doc(to, doctype, code, date);
    ck_assert_str_eq(a, b);
    before = t_dump(to);
    ck_ok(t_import(to, actor, a, &r, rep));
    ck_assert_int_eq(r.already_imported, 1);
    ck_assert_uint_eq(r.records, 0);
    {
        char *after = t_dump(to);
        ck_assert_str_eq(before, after);
        free(after);
    }
    free(before);
    sc_free(a);
    sc_free(b);
}

/* Hostile input of the type: another namespace, a truncated file. */
static void hostile(sc_db *db, const sc_actor *actor, const char *doc, const char *ns)
{
    char *wrong = t_edit(doc, "xmlns=", ns, "urn:skillcert:other:1");
    char *cut = strdup(doc);
    int type = -1;
    ck_assert_ptr_nonnull(cut);
    cut[strlen(cut) * 2 / 3] = '\0';
    t_refused_import(db, actor, wrong, SC_EINVALIDDOC, 0, NULL, rep);
    t_refused_import(db, actor, cut, SC_EXML, 0, NULL, rep);
    sc_report_clear(rep);
    ck_assert_int_eq(sc_xml_validate_memory(&type, rep, wrong, strlen(wrong), "w.xml", NULL),
                     SC_EINVALIDDOC);
    ck_assert_int_eq(type, SC_DOC_UNKNOWN);
    free(wrong);
    free(cut);
}

/* The filing of ORG carried through the three registries up to the city's filing. */
static void to_city(void)
{
    char *doc;
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    sc_free(doc);
    ck_ok(sc_org_recommend(dist_db, haidian, ORG, "2023-02-10", NULL));
    doc = export_doc(dist_db, SC_DOC_RECOMMENDATION, ORG, "2023-02-11");
    ck_ok(t_import(city_db, centre, doc, NULL, rep));
    sc_free(doc);
}

static char *cut_element(const char *doc, const char *start, const char *needle,
                         const char *end);

static void city_files(sc_db *db, const char *code)
{
    ck_ok(sc_org_evaluate(db, centre, code, NULL, SC_EVAL_MATERIALS | SC_EVAL_ON_SITE,
                          "2023-03-01", NULL));
    ck_ok(sc_org_notice(db, centre, code, "2023-03-10"));
    ck_ok(sc_org_file(db, centre, code, "2023-05-10"));
}

/* ---- organization application ---------------------------------------------------------- */

START_TEST(test_xml_org_application_round_trip)
{
    sc_org o = SC_ORG_INIT;
    sc_filing_step_iter *it = NULL;
    sc_filing_step st = SC_FILING_STEP_INIT;
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    round_trip(org_db, dist_db, haidian, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02", 1);
    /* The district holds the organization and its application as if made there. */
    ck_ok(sc_org_get(&o, dist_db, ORG, "2023-02-02"));
    ck_assert_str_eq(o.name, "北京智训科技有限公司");
    ck_assert_str_eq(o.district, "110108");
    ck_assert_str_eq(o.registered, "2023-01-05");
    ck_assert_int_eq(o.status, SC_FILING_APPLIED);
    ck_ok(sc_filing_step_iter_new(&it, dist_db, 1));
    ck_ok(sc_filing_step_iter_next(&st, it));
    ck_assert_int_eq(st.step, SC_FILING_APPLIED);
    ck_assert_ptr_nonnull(strstr(st.actor, "organization:" ORG));
    sc_filing_step_iter_free(it);
    /* ... and can go on with the workflow there. */
    ck_ok(sc_org_recommend(dist_db, haidian, ORG, "2023-02-10", NULL));
}
END_TEST

START_TEST(test_xml_org_application_refusals)
{
    char *doc, *twice, *bad, *again;
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    hostile(dist_db, haidian, doc, "urn:skillcert:organization-application:1");
    /* the same offering twice: line 5, the second offering */
    twice = t_edit(doc, "<offering", "level=\"4\"", "level=\"5\"");
    t_refused_import(dist_db, haidian, twice, SC_EINVALIDDOC, 5,
            "organization-application/application[1]/offering[2]/@occupation", rep);
    /* an occupation the catalog does not offer */
    bad = t_edit(doc, "<offering", "4-02-07-10", "4-99-99-99");
    t_refused_import(dist_db, haidian, bad, SC_EINVALIDDOC, 4,
            "organization-application/application[1]/offering[1]/@occupation", rep);
    free(bad);
    /* a wrong check character */
    bad = t_edit(doc, "credit-code=", ORG, "91110108MA01ABCD2J");
    t_refused_import(dist_db, haidian, bad, SC_EINVALIDDOC, 2,
                     "organization-application/@credit-code", rep);
    free(bad);
    /* only the bureau of its own district, never another one nor the city */
    t_refused_import(dist_db, chaoyang, doc, SC_EDENIED, 0, NULL, rep);
    t_refused_import(dist_db, centre, doc, SC_EDENIED, 0, NULL, rep);
    t_refused_import(dist_db, org, doc, SC_EDENIED, 0, NULL, rep);
    /* state conflict: the application is already held (sent again as a new batch) */
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    again = t_edit(doc, "batch=", "organization-application-", "organization-application-x");
    t_refused_import(dist_db, haidian, again, SC_EINVALIDDOC, 7,
            "organization-application/application[1]/@applied", rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "in progress"));
    free(again);
    free(twice);
    sc_free(doc);
}
END_TEST

/* ---- one rule, two doors (issue 11) ------------------------------------------------------ */

/* A direct call returned rc, wanted `want`; its message into msg. */
static void refused_with(int rc, int want, char *msg, size_t cap)
{
    ck_assert_msg(rc == want, "%d (%s), wanted %d", rc, sc_error_last()->message, want);
    snprintf(msg, cap, "%s", sc_error_last()->message);
}

#define DIRECT_REFUSED(db, want, call, msg)                                                  \
    do {                                                                                     \
        char *before_ = t_dump(db), *after_;                                                 \
        refused_with((call), (want), (msg), sizeof(msg));                                    \
        after_ = t_dump(db);                                                                 \
        ck_assert_msg(strcmp(before_, after_) == 0, "a refused call changed the registry");  \
        free(before_);                                                                       \
        free(after_);                                                                        \
    } while (0)

/* The import is refused as a document breaking a rule, changes nothing, and its first
 * diagnostic is the direct call's refusal word for word. */
static void import_refused_as(sc_db *db, const sc_actor *a, const char *doc, const char *msg)
{
    t_refused_import(db, a, doc, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_msg(strstr(sc_error_last()->message, msg) != NULL,
                  "import said '%s', the direct call '%s'", sc_error_last()->message, msg);
}

/* Registration: a credit code with a wrong check character is refused by
 * sc_org_register and by the import of an organization-application bringing that
 * organization, with the same words; neither registry changes. */
START_TEST(test_xml_org_doors_register)
{
    char *doc, *bad, msg[1024];
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    DIRECT_REFUSED(dist_db, SC_EINVAL,
                   sc_org_register(dist_db, org, "91110108MA01ABCD2J", "北京智训科技有限公司",
                                   SC_ORG_ENTERPRISE, "110108", "2023-01-05", 0),
                   msg);
    ck_assert_ptr_nonnull(strstr(msg, "is not a valid unified social credit code"));
    bad = t_edit(doc, "credit-code=", ORG, "91110108MA01ABCD2J");
    import_refused_as(dist_db, haidian, bad, msg);
    ck_assert_str_eq(sc_error_last()->field, "organization-application/@credit-code");
    free(bad);
    sc_free(doc);
}
END_TEST

/* The city grants only what was requested: sc_org_evaluate and the import of an
 * evaluation result granting another level refuse it with the same words. */
START_TEST(test_xml_org_doors_grant)
{
    char *doc, *bad, msg[1024];
    sc_offerings *g = NULL;
    to_city();
    ck_ok(sc_offerings_new(&g));
    ck_ok(sc_offerings_add_text(g, "4-02-07-10:2"));
    DIRECT_REFUSED(city_db, SC_ECONSTRAINT,
                   sc_org_evaluate(city_db, centre, ORG, g, SC_EVAL_MATERIALS, "2023-03-01",
                                   NULL),
                   msg);
    ck_assert_ptr_nonnull(strstr(msg, "was not requested by"));
    sc_offerings_free(g);
    city_files(city_db, ORG);
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-05-11");
    bad = t_edit(doc, "<granted", "level=\"5\"", "level=\"2\"");
    ck_assert_ptr_ne(strstr(bad, "level=\"2\""), NULL);
    import_refused_as(org_db, org, bad, msg);
    free(bad);
    sc_free(doc);
}
END_TEST

/* One application at a time: sc_org_apply and the import of a second
 * organization-application refuse it with the same words. */
START_TEST(test_xml_org_doors_apply)
{
    char *doc, *again, msg[1024];
    sc_offerings *s = NULL;
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-02-07-10:2"));
    DIRECT_REFUSED(dist_db, SC_ECONSTRAINT, sc_org_apply(dist_db, org, ORG, s, "2023-02-05"), msg);
    ck_assert_ptr_nonnull(strstr(msg, "one at a time"));
    again = t_edit(doc, "batch=", "organization-application-", "organization-application-y");
    import_refused_as(dist_db, haidian, again, msg);
    ck_assert_str_eq(sc_error_last()->field, "organization-application/application[1]/@applied");
    free(again);
    sc_offerings_free(s);
    sc_free(doc);
}
END_TEST

/* The district's decision dated before the application: sc_org_recommend and the
 * import of the district-recommendation refuse it with the same words. */
START_TEST(test_xml_org_doors_recommend)
{
    char *doc, *early, msg[1024];
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    sc_free(doc);
    DIRECT_REFUSED(dist_db, SC_ECONSTRAINT,
                   sc_org_recommend(dist_db, haidian, ORG, "2023-01-20", NULL), msg);
    ck_assert_ptr_nonnull(strstr(msg, "is before the previous step"));
    ck_ok(sc_org_recommend(dist_db, haidian, ORG, "2023-02-10", NULL));
    doc = export_doc(dist_db, SC_DOC_RECOMMENDATION, ORG, "2023-02-11");
    early = t_edit(doc, "<decision", "date=\"2023-02-10\"", "date=\"2023-01-20\"");
    import_refused_as(city_db, centre, early, msg);
    ck_assert_str_eq(sc_error_last()->field, "district-recommendation/decision[2]/@date");
    free(early);
    sc_free(doc);
}
END_TEST

/* Step dates: the city's evaluation dated before the district's recommendation is
 * refused by sc_org_evaluate and by the import of an evaluation result so dated, with the
 * same words (org's step check); neither registry changes. */
START_TEST(test_xml_org_doors_evaluation_dates)
{
    char *doc, *bad, msg[1024], msg2[1024];
    to_city();
    DIRECT_REFUSED(city_db, SC_ECONSTRAINT,
                   sc_org_evaluate(city_db, centre, ORG, NULL, SC_EVAL_MATERIALS, "2023-02-05",
                                   NULL),
                   msg);
    ck_assert_ptr_nonnull(strstr(msg, "is before the previous step"));
    ck_ok(sc_org_evaluate(city_db, centre, ORG, NULL, SC_EVAL_MATERIALS | SC_EVAL_ON_SITE,
                          "2023-03-01", NULL));
    ck_ok(sc_org_notice(city_db, centre, ORG, "2023-03-10"));
    /* the filing dated before the notice */
    DIRECT_REFUSED(city_db, SC_ECONSTRAINT, sc_org_file(city_db, centre, ORG, "2023-03-05"),
                   msg2);
    ck_assert_ptr_nonnull(strstr(msg2, "is before the previous step"));
    ck_ok(sc_org_file(city_db, centre, ORG, "2023-05-10"));
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-05-11");
    bad = t_edit(doc, "<outcome", "evaluated=\"2023-03-01\"", "evaluated=\"2023-02-05\"");
    import_refused_as(org_db, org, bad, msg);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->field, "@evaluated"));
    free(bad);
    bad = t_edit(doc, "<outcome", "filed=\"2023-05-10\"", "filed=\"2023-03-05\"");
    import_refused_as(org_db, org, bad, msg2);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->field, "@filed"));
    free(bad);
    /* the document as the city issued it goes through, and gives the organization's
     * registry the certificate site the city gave at filing (issue 11) */
    ck_assert_ptr_nonnull(strstr(doc, "site=\"000001\""));
    {
        int site = 0;
        ck_assert_int_eq(sc_certificate_site_get(&site, org_db, ORG), SC_ENOTFOUND);
        ck_ok(t_import(org_db, org, doc, NULL, rep));
        ck_ok(sc_certificate_site_get(&site, org_db, ORG));
        ck_assert_int_eq(site, 1);
    }
    sc_free(doc);
}
END_TEST

START_TEST(test_xml_org_application_addition)
{
    char *doc;
    sc_offerings *scope = NULL;
    to_city();
    city_files(city_db, ORG);
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-05-11");
    ck_ok(t_import(org_db, org, doc, NULL, rep));
    /* the district, not the result's addressee, learns the filing from the directory */
    t_refused_import(dist_db, haidian, doc, SC_EDENIED, 0, NULL, rep);
    sc_free(doc);
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-05-11");
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    sc_free(doc);
    ck_ok(sc_org_commit(org_db, org, ORG, "2023-05-12"));
    /* 增项 from the organization to its district, which knows the filing it adds to */
    apply(org_db, ORG, org, "4-02-07-10:2", "2023-07-01", 1);
    round_trip(org_db, dist_db, haidian, SC_DOC_ORG_APPLICATION, ORG, "2023-07-02", 1);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-07-02");
    ck_assert_ptr_nonnull(strstr(doc, "kind=\"addition\""));
    ck_assert_ptr_nonnull(strstr(doc, "base-receipt=\"BJ-2023-0001\""));
    sc_free(doc);
    ck_ok(sc_org_recommend(dist_db, haidian, ORG, "2023-07-05", NULL));
    round_trip(dist_db, city_db, centre, SC_DOC_RECOMMENDATION, ORG, "2023-07-06", 1);
    ck_ok(sc_org_evaluate(city_db, centre, ORG, NULL, SC_EVAL_EXPERT, "2023-08-01", NULL));
    ck_ok(sc_org_notice(city_db, centre, ORG, "2023-08-10"));
    ck_ok(sc_org_file(city_db, centre, ORG, "2023-09-01"));
    round_trip(city_db, org_db, org, SC_DOC_EVALUATION_RESULT, ORG, "2023-09-02", 1);
    /* the organization's scope now has the added level */
    ck_ok(sc_org_scope_get(&scope, org_db, ORG, "2023-09-02"));
    ck_assert_uint_eq(sc_offerings_count(scope), 4);
    sc_offerings_free(scope);
}
END_TEST

START_TEST(test_xml_org_application_legacy_code)
{
    /* A code that fails the checksum, accepted as legacy at registration. */
    const char *legacy = "91350100M0001TGQXM";
    char *doc, *strict;
    sc_actor *a = t_actor(SC_ACTOR_ORGANIZATION, legacy);
    sc_org o = SC_ORG_INIT;
    ck_ok(sc_org_register(org_db, a, legacy, "北京老字号评价中心", SC_ORG_ENTERPRISE, "110108",
                          "2023-01-05", SC_CREDIT_CODE_ALLOW_LEGACY));
    apply(org_db, legacy, a, "4-02-07-10:5", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, legacy, "2023-02-02");
    ck_assert_ptr_nonnull(strstr(doc, "legacy-code=\"true\""));
    /* without the mark the checksum is enforced */
    strict = t_edit(doc, "registered=", " legacy-code=\"true\"", "");
    t_refused_import(dist_db, haidian, strict, SC_EINVALIDDOC, 2,
                     "organization-application/@credit-code", rep);
    round_trip(org_db, dist_db, haidian, SC_DOC_ORG_APPLICATION, legacy, "2023-02-02", 1);
    ck_ok(sc_org_get(&o, dist_db, legacy, NULL));
    ck_assert_int_eq(o.legacy_code, 1);
    free(strict);
    sc_free(doc);
    sc_actor_free(a);
}
END_TEST

/* ---- district recommendation ----------------------------------------------------------- */

START_TEST(test_xml_org_recommendation_round_trip)
{
    char *doc;
    sc_org o = SC_ORG_INIT;
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    sc_free(doc);
    ck_ok(sc_org_recommend(dist_db, haidian, ORG, "2023-02-10", NULL));
    round_trip(dist_db, city_db, centre, SC_DOC_RECOMMENDATION, ORG, "2023-02-11", 1);
    ck_ok(sc_org_get(&o, city_db, ORG, "2023-02-11"));
    ck_assert_int_eq(o.status, SC_FILING_RECOMMENDED);
    /* the city goes on with its evaluation in its own registry */
    city_files(city_db, ORG);
    ck_ok(sc_org_get(&o, city_db, ORG, "2023-05-10"));
    ck_assert_str_eq(o.receipt, "BJ-2023-0001");
}
END_TEST

START_TEST(test_xml_org_recommendation_refused)
{
    char *doc;
    sc_org o = SC_ORG_INIT;
    apply(org_db, ORG, org, "4-02-07-10:5", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    sc_free(doc);
    ck_ok(sc_org_reject(dist_db, haidian, ORG, "材料不全", "2023-02-08"));
    round_trip(dist_db, city_db, centre, SC_DOC_RECOMMENDATION, ORG, "2023-02-11", 1);
    doc = export_doc(city_db, SC_DOC_RECOMMENDATION, ORG, "2023-02-11");
    ck_assert_ptr_nonnull(strstr(doc, "outcome=\"refused\" date=\"2023-02-08\" reason=\"材料不全\""));
    sc_free(doc);
    ck_ok(sc_org_get(&o, city_db, ORG, "2023-02-11"));
    ck_assert_int_eq(o.status, SC_FILING_REJECTED);
    ck_assert_str_eq(o.reason, "材料不全");
}
END_TEST

START_TEST(test_xml_org_recommendation_refusals)
{
    char *doc, *early, *noreason;
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    sc_free(doc);
    ck_ok(sc_org_recommend(dist_db, haidian, ORG, "2023-02-10", NULL));
    doc = export_doc(dist_db, SC_DOC_RECOMMENDATION, ORG, "2023-02-11");
    hostile(city_db, centre, doc, "urn:skillcert:district-recommendation:1");
    /* a decision before the application: line 8 */
    early = t_edit(doc, "<decision", "2023-02-10", "2023-01-10");
    t_refused_import(city_db, centre, early, SC_EINVALIDDOC, 8,
                     "district-recommendation/decision[2]/@date", rep);
    /* a refusal without its reason */
    noreason = t_edit(doc, "<decision", "recommended", "refused");
    t_refused_import(city_db, centre, noreason, SC_EINVALIDDOC, 8,
            "district-recommendation/decision[2]/@reason", rep);
    /* only the city centre */
    t_refused_import(city_db, haidian, doc, SC_EDENIED, 0, NULL, rep);
    t_refused_import(city_db, bureau, doc, SC_EDENIED, 0, NULL, rep);
    free(early);
    free(noreason);
    sc_free(doc);
}
END_TEST

/* ---- evaluation result ----------------------------------------------------------------- */

START_TEST(test_xml_org_evaluation_result_round_trip)
{
    sc_verdict v = SC_VERDICT_INIT;
    sc_org o = SC_ORG_INIT;
    char *doc;
    to_city();
    city_files(city_db, ORG);
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-05-11");
    ck_assert_ptr_nonnull(strstr(doc, "decision=\"filed\""));
    ck_assert_ptr_nonnull(strstr(doc, "methods=\"materials on-site\""));
    sc_free(doc);
    /* to the organization (from APPLIED), its addressee; not to the district */
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-05-11");
    ck_assert_ptr_nonnull(strstr(doc, "issuer=\"city-centre\" addressee=\"org:" ORG "\""));
    t_refused_import(dist_db, haidian, doc, SC_EDENIED, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "not its addressee"));
    sc_free(doc);
    round_trip(city_db, org_db, org, SC_DOC_EVALUATION_RESULT, ORG, "2023-05-11", 1);
    ck_ok(sc_org_get(&o, org_db, ORG, "2023-05-11"));
    ck_assert_int_eq(o.status, SC_FILING_FILED);
    ck_assert_str_eq(o.receipt, "BJ-2023-0001");
    ck_assert_str_eq(o.valid_until, "2026-05-09");
    /* the organization signs its commitment at home and may then certify */
    ck_ok(sc_org_commit(org_db, org, ORG, "2023-05-12"));
    ck_ok(sc_org_may_certify(&v, org_db, ORG, "4-02-07-10", NULL, 4, "2023-06-01", NULL,
                             SC_PATH_NORMAL));
    ck_assert_msg(v.ok, "%s", v.message);
    ck_ok(sc_org_may_certify(&v, org_db, ORG, "4-02-07-10", NULL, 2, "2023-06-01", NULL,
                             SC_PATH_NORMAL));
    ck_assert_int_eq(v.ok, 0);
    /* The city's directory does not know the commitment: importing it keeps it. */
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-06-01");
    ck_assert_ptr_null(strstr(doc, "committed="));
    ck_ok(t_import(org_db, org, doc, NULL, rep));
    sc_free(doc);
    ck_ok(sc_org_get(&o, org_db, ORG, "2023-06-01"));
    ck_assert_int_eq(o.status, SC_FILING_ACTIVE);
    ck_assert_str_eq(o.committed, "2023-05-12");
}
END_TEST

START_TEST(test_xml_org_evaluation_result_steps)
{
    char *doc;
    sc_org o = SC_ORG_INIT;
    to_city();
    ck_ok(sc_org_evaluate(city_db, centre, ORG, NULL, SC_EVAL_ALL, "2023-03-01", NULL));
    /* evaluated, then noticed, then filed: each a step further at the organization */
    round_trip(city_db, org_db, org, SC_DOC_EVALUATION_RESULT, ORG, "2023-03-02", 1);
    ck_ok(sc_org_get(&o, org_db, ORG, "2023-03-02"));
    ck_assert_int_eq(o.status, SC_FILING_EVALUATED);
    ck_ok(sc_org_notice(city_db, centre, ORG, "2023-03-10"));
    round_trip(city_db, org_db, org, SC_DOC_EVALUATION_RESULT, ORG, "2023-03-11", 1);
    /* an older result, sent again as a new batch, is a state conflict */
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-03-02");
    {
        char *again = t_edit(doc, "batch=", "evaluation-result-", "evaluation-result-x");
        t_refused_import(org_db, org, again, SC_EINVALIDDOC, 8,
                "evaluation-result/outcome[2]/@decision", rep);
        ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "already noticed"));
        free(again);
    }
    sc_free(doc);
    /* rejected by the city after the notice */
    ck_ok(sc_org_reject(city_db, centre, ORG, "公示期间收到实名举报", "2023-03-20"));
    round_trip(city_db, org_db, org, SC_DOC_EVALUATION_RESULT, ORG, "2023-03-21", 1);
    ck_ok(sc_org_get(&o, org_db, ORG, "2023-03-21"));
    ck_assert_int_eq(o.status, SC_FILING_REJECTED);
    ck_assert_str_eq(o.reason, "公示期间收到实名举报");
    /* the organization may apply again at home */
    apply(org_db, ORG, org, "4-02-07-10:5", "2023-04-01", 0);
}
END_TEST

START_TEST(test_xml_org_evaluation_result_refusals)
{
    char *doc, *bad;
    to_city();
    city_files(city_db, ORG);
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-05-11");
    hostile(org_db, org, doc, "urn:skillcert:evaluation-result:1");
    /* a receipt not numbered in the filing's year */
    bad = t_edit(doc, "<outcome", "BJ-2023-0001", "BJ-2022-0001");
    t_refused_import(org_db, org, bad, SC_EINVALIDDOC, 8,
                     "evaluation-result/outcome[2]/@receipt", rep);
    free(bad);
    /* an offering granted that was not requested */
    bad = t_edit(doc, "<granted", "level=\"3\"", "level=\"1\"");
    t_refused_import(org_db, org, bad, SC_EINVALIDDOC, 11,
            "evaluation-result/outcome[2]/granted[3]/@occupation", rep);
    free(bad);
    /* an application the organization's registry does not hold */
    bad = t_edit(doc, "<application", "2023-02-01", "2023-01-31");
    t_refused_import(org_db, org, bad, SC_EINVALIDDOC, 3,
                     "evaluation-result/application[1]/@applied", rep);
    free(bad);
    /* another organization may not import it */
    t_refused_import(org_db, org2, doc, SC_EDENIED, 0, NULL, rep);
    /* a registry that never heard of the organization: an unknown reference */
    {
        sc_db *other = t_notice_db();
        t_refused_import(other, org, doc, SC_EINVALIDDOC, 2,
                         "evaluation-result/@credit-code", rep);
        ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "no organization"));
        /* the error names what to import first */
        ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "organization-application"));
        sc_db_close(other);
    }
    sc_free(doc);
}
END_TEST

/* ---- directory ------------------------------------------------------------------------- */

/* The city's registry: ORG (海淀区) carried there and filed, and a second
   organization (西城区) registered, applied, recommended and filed there. */
static void two_filed(void)
{
    sc_actor *xicheng = t_actor(SC_ACTOR_DISTRICT, "110102");
    to_city();
    city_files(city_db, ORG);
    ck_ok(sc_org_commit(city_db, org, ORG, "2023-05-12"));
    ck_ok(sc_org_register(city_db, org2, ORG2, "北京市新职业协会", SC_ORG_SOCIAL_GROUP, "110102",
                          "2023-01-10", 0));
    apply(city_db, ORG2, org2, "4-04-05-05/数据标注员:5,4", "2023-02-01", 0);
    ck_ok(sc_org_recommend(city_db, xicheng, ORG2, "2023-02-10", NULL));
    city_files(city_db, ORG2);
    ck_ok(sc_org_commit(city_db, org2, ORG2, "2023-05-15"));
    sc_actor_free(xicheng);
}

START_TEST(test_xml_org_directory_round_trip)
{
    sc_db *vendor = t_notice_db();
    sc_org_iter *it = NULL;
    sc_org o = SC_ORG_INIT;
    sc_verdict v = SC_VERDICT_INIT;
    two_filed();
    /* the second organization adds to its scope */
    {
        sc_actor *xicheng = t_actor(SC_ACTOR_DISTRICT, "110102");
        apply(city_db, ORG2, org2, "4-04-05-05/数据标注员:3", "2023-06-01", 1);
        ck_ok(sc_org_recommend(city_db, xicheng, ORG2, "2023-06-05", NULL));
        sc_actor_free(xicheng);
    }
    ck_ok(sc_org_evaluate(city_db, centre, ORG2, NULL, SC_EVAL_ALL, "2023-06-10", NULL));
    ck_ok(sc_org_notice(city_db, centre, ORG2, "2023-06-15"));
    ck_ok(sc_org_file(city_db, centre, ORG2, "2023-07-01"));
    /* a vendor's registry (an organization's) and the district's, which held ORG's
     * application in progress */
    round_trip(city_db, vendor, org, SC_DOC_DIRECTORY, NULL, "2023-08-01", 3);
    round_trip(city_db, dist_db, haidian, SC_DOC_DIRECTORY, NULL, "2023-08-01", 3);
    ck_ok(sc_directory_iter_new(&it, vendor, "2023-08-01"));
    ck_ok(sc_org_iter_next(&o, it));
    ck_assert_str_eq(o.credit_code, ORG2);
    ck_assert_str_eq(o.name, "北京市新职业协会");
    ck_ok(sc_org_iter_next(&o, it));
    ck_assert_str_eq(o.credit_code, ORG);
    ck_assert_int_eq(sc_org_iter_next(&o, it), SC_ITEROVER);
    sc_org_iter_free(it);
    ck_ok(sc_org_may_certify(&v, vendor, ORG2, "4-04-05-05", "数据标注员", 3, "2023-08-01", NULL,
                             SC_PATH_NORMAL));
    ck_assert_msg(v.ok, "%s", v.message);
    ck_ok(sc_org_get(&o, dist_db, ORG, "2023-08-01"));
    ck_assert_int_eq(o.status, SC_FILING_ACTIVE);
    ck_assert_int_eq(t_count(dist_db, "SELECT count(*) FROM filing"), 3);
    sc_db_close(vendor);
}
END_TEST

/* A filing the copy holds in force that a later directory no longer lists has
   left the directory: it is recorded as exited on that directory's day. */
START_TEST(test_xml_org_directory_exit)
{
    sc_db *vendor = t_notice_db();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    sc_verdict v = SC_VERDICT_INIT;
    sc_org o = SC_ORG_INIT;
    char *doc;
    two_filed();
    round_trip(city_db, vendor, org, SC_DOC_DIRECTORY, NULL, "2023-08-01", 2);

    /* The city takes ORG out of the directory; the next directory omits it. */
    ck_ok(sc_org_exit(city_db, centre, ORG, "违反承诺", "2024-01-10"));
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2024-02-01");
    ck_assert_ptr_null(strstr(doc, ORG));
    ck_ok(t_import(vendor, org, doc, &r, rep));
    ck_assert_int_eq(r.records, 1);
    ck_ok(sc_org_get(&o, vendor, ORG, "2024-02-01"));
    ck_assert_int_eq(o.status, SC_FILING_EXITED);
    ck_ok(sc_org_may_certify(&v, vendor, ORG, "4-02-07-10", NULL, 5, "2024-02-01", NULL,
                             SC_PATH_NORMAL));
    ck_assert_int_eq(v.ok, 0);
    ck_assert_int_eq(v.reason, SC_REASON_ORG_EXITED);
    /* before the directory's day it still could (the latest the copy can know) */
    ck_ok(sc_org_may_certify(&v, vendor, ORG, "4-02-07-10", NULL, 5, "2024-01-31", NULL,
                             SC_PATH_NORMAL));
    ck_assert_msg(v.ok, "%s", v.message);
    ck_ok(sc_org_may_certify(&v, vendor, ORG2, "4-04-05-05", "数据标注员", 4, "2024-02-01", NULL,
                             SC_PATH_NORMAL));
    ck_assert_msg(v.ok, "%s", v.message);
    ck_assert_int_eq(t_count(vendor, "SELECT count(*) FROM filing_step WHERE step = 8 AND "
                                     "note LIKE 'not in the directory of 2024-02-01%'"), 1);
    /* the copy exports the city's directory again */
    {
        char *again = export_doc(vendor, SC_DOC_DIRECTORY, NULL, "2024-02-01");
        ck_assert_str_eq(again, doc);
        sc_free(again);
    }
    /* importing it again changes nothing */
    ck_ok(t_import(vendor, org, doc, &r, rep));
    ck_assert_int_eq(r.already_imported, 1);
    sc_free(doc);
    sc_db_close(vendor);
}
END_TEST

/* Issue 11: the directory carries each organization's certificate site, given when the
   city filed it; a receiving registry records it before any certificate, and refuses a
   directory naming another site than the one it knows, with the known sites listed. A
   directory without sites (an older one) gives the listed organizations sites here. */
START_TEST(test_xml_org_directory_sites)
{
    sc_db *vendor = t_notice_db(), *old = t_notice_db();
    char *doc, *bad, *bare, *tmp;
    int site = 0;
    two_filed();
    ck_ok(sc_certificate_site_get(&site, city_db, ORG));
    ck_assert_int_eq(site, 1);
    ck_ok(sc_certificate_site_get(&site, city_db, ORG2));
    ck_assert_int_eq(site, 2);
    /* the district held ORG's application: no site until it learns the filing */
    ck_assert_int_eq(sc_certificate_site_get(&site, dist_db, ORG), SC_ENOTFOUND);
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-08-01");
    ck_assert_ptr_nonnull(strstr(doc, "site=\"000001\""));
    ck_assert_ptr_nonnull(strstr(doc, "site=\"000002\""));
    /* ORG holds site 1 here; a directory naming 000005 for it is refused */
    ck_ok(t_import(vendor, org, doc, NULL, rep));
    ck_ok(sc_certificate_site_get(&site, vendor, ORG));
    ck_assert_int_eq(site, 1);
    ck_ok(sc_certificate_site_get(&site, vendor, ORG2));
    ck_assert_int_eq(site, 2);
    ck_assert_int_eq(t_count(vendor, "SELECT count(*) FROM certificate"), 0);
    tmp = t_edit(doc, "credit-code=\"" ORG "\"", "site=\"000001\"", "site=\"000005\"");
    bad = t_edit(tmp, "batch=", "directory-", "directory-y");
    t_refused_import(vendor, org, bad, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "known sites: 000001"));
    ck_assert_str_eq(sc_error_last()->field, "directory/organization[2]/@site");
    free(tmp);
    free(bad);
    /* the district's copy learns the sites */
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    ck_ok(sc_certificate_site_get(&site, dist_db, ORG));
    ck_assert_int_eq(site, 1);
    /* a directory without sites: listed, hence filed, each gets a site here */
    tmp = t_edit(doc, "<organization", " site=\"000002\"", "");
    bare = t_edit(tmp, "credit-code=\"" ORG "\"", " site=\"000001\"", "");
    ck_assert_ptr_null(strstr(bare, "site="));
    ck_ok(t_import(old, org, bare, NULL, rep));
    ck_assert_int_eq(t_count(old, "SELECT count(*) FROM cert_site"), 2);
    ck_ok(sc_certificate_site_get(&site, old, ORG));
    ck_assert_int_gt(site, 0);
    free(tmp);
    free(bare);
    sc_free(doc);
    sc_db_close(vendor);
    sc_db_close(old);
}
END_TEST

/* The exit (退出目录): dated before the organization's commitment, sc_org_exit and the
 * import of a directory of that day no longer listing it refuse it with the same words
 * (org's exit check); neither registry changes. */
START_TEST(test_xml_org_doors_exit)
{
    sc_db *vendor = t_notice_db();
    char *doc, *older, *gone, msg[1024];
    to_city();
    city_files(city_db, ORG);
    ck_ok(sc_org_commit(city_db, org, ORG, "2023-05-12"));
    DIRECT_REFUSED(city_db, SC_ECONSTRAINT,
                   sc_org_exit(city_db, centre, ORG, "违反承诺", "2023-05-11"), msg);
    ck_assert_ptr_nonnull(strstr(msg, "is before the previous step"));
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-08-01");
    ck_ok(t_import(vendor, org, doc, NULL, rep));
    /* the directory of 2023-05-11 without ORG: an exit on that day */
    older = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-05-11");
    gone = cut_element(older, "<organization ", "credit-code=\"" ORG "\"", "</organization>\n");
    ck_assert_ptr_null(strstr(gone, ORG));
    import_refused_as(vendor, org, gone, msg);
    /* an exit the direct call allows goes through both doors */
    ck_ok(sc_org_exit(city_db, centre, ORG, "违反承诺", "2024-01-10"));
    sc_free(older);
    free(gone);
    older = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2024-02-01");
    ck_ok(t_import(vendor, org, older, NULL, rep));
    ck_assert_int_eq(t_count(vendor, "SELECT count(*) FROM filing WHERE status = 8"), 1);
    sc_free(older);
    sc_free(doc);
    sc_db_close(vendor);
}
END_TEST

/* The listing (the city's filing, 备案): dated before the notice, sc_org_file and the
 * import of a directory listing it so, into a registry that knows the notice, refuse it
 * with the same words (org's listing check); neither registry changes. */
START_TEST(test_xml_org_doors_listing)
{
    char *doc, *bad, msg[1024];
    to_city();
    ck_ok(sc_org_evaluate(city_db, centre, ORG, NULL, SC_EVAL_MATERIALS | SC_EVAL_ON_SITE,
                          "2023-03-01", NULL));
    ck_ok(sc_org_notice(city_db, centre, ORG, "2023-03-10"));
    /* the organization learns of the notice */
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-03-11");
    ck_ok(t_import(org_db, org, doc, NULL, rep));
    sc_free(doc);
    DIRECT_REFUSED(city_db, SC_ECONSTRAINT, sc_org_file(city_db, centre, ORG, "2023-03-05"),
                   msg);
    ck_assert_ptr_nonnull(strstr(msg, "is before the previous step"));
    ck_ok(sc_org_file(city_db, centre, ORG, "2023-05-10"));
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-06-01");
    bad = t_edit(doc, "<filing", "filed=\"2023-05-10\"", "filed=\"2023-03-05\"");
    import_refused_as(org_db, org, bad, msg);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->field, "@filed"));
    free(bad);
    /* as the city issued it, the directory goes through */
    ck_ok(t_import(org_db, org, doc, NULL, rep));
    sc_free(doc);
}
END_TEST

START_TEST(test_xml_org_directory_refusals)
{
    char *doc, *bad;
    to_city();
    city_files(city_db, ORG);
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-06-01");
    hostile(dist_db, haidian, doc, "urn:skillcert:directory:1");
    /* not in force on the directory's day */
    bad = t_edit(doc, "<filing", "valid-until=\"2026-05-09\"", "valid-until=\"2023-05-31\"");
    t_refused_import(dist_db, haidian, bad, SC_EINVALIDDOC, 4,
            "directory/organization[1]/filing[1]/@valid-until", rep);
    free(bad);
    /* the receipt's year is the filing's */
    bad = t_edit(doc, "<filing", "receipt=\"BJ-2023-0001\"", "receipt=\"BJ-2021-0001\"");
    t_refused_import(dist_db, haidian, bad, SC_EINVALIDDOC, 4,
            "directory/organization[1]/filing[1]/@receipt", rep);
    free(bad);
    /* The directory is public (issue 11): a candidate or the public does not import it,
     * any party does, the city bureau and the centre included. */
    {
        sc_actor *pub = t_actor(SC_ACTOR_PUBLIC, NULL);
        sc_actor *cand = t_actor(SC_ACTOR_CANDIDATE, "11010519491231002X");
        sc_import_result r = SC_IMPORT_RESULT_INIT;
        t_refused_import(dist_db, pub, doc, SC_EDENIED, 0, NULL, rep);
        t_refused_import(dist_db, cand, doc, SC_EDENIED, 0, NULL, rep);
        ck_ok(t_import(dist_db, centre, doc, &r, rep));
        ck_assert_uint_gt(r.records, 0);
        sc_actor_free(pub);
        sc_actor_free(cand);
    }
    sc_free(doc);
}
END_TEST

/* ---- one door: a document's acts are its issuer's -------------------------------------- */
/* Each former bypass (issue 11) is refused through both doors: the direct call and the
 * import of a document declaring the party as its issuer; the registry is unchanged. */

/* doc without the first element starting with `start` that contains `needle`, up to and
 * including the following `end`. */
static char *cut_element(const char *doc, const char *start, const char *needle,
                         const char *end)
{
    const char *n = strstr(doc, needle), *s = NULL, *p, *e;
    char *out;
    ck_assert_ptr_nonnull(n);
    for (p = strstr(doc, start); p && p < n; p = strstr(p + 1, start))
        s = p;
    ck_assert_ptr_nonnull(s);
    e = strstr(n, end);
    ck_assert_ptr_nonnull(e);
    e += strlen(end);
    out = malloc(strlen(doc) + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, doc, (size_t)(s - doc));
    strcpy(out + (s - doc), e);
    return out;
}

/* Import `doc` as `actor` into `db`: refused (SC_EDENIED, auth domain), nothing changed
 * (t_refused_import compares a dump before and after), the message containing `why`. */
static void denied(sc_db *db, const sc_actor *actor, const char *doc, const char *why)
{
    t_refused_import(db, actor, doc, SC_EDENIED, 0, NULL, rep);
    ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
    ck_assert_msg(strstr(sc_error_last()->message, why) != NULL, "'%s' does not say '%s'",
                  sc_error_last()->message, why);
}

/* A direct call refused, the registry unchanged. */
#define DIRECT_DENIED(db, call)                                                                \
    do {                                                                                       \
        char *before_ = t_dump(db), *after_;                                                   \
        ck_assert_int_eq((call), SC_EDENIED);                                                  \
        after_ = t_dump(db);                                                                   \
        ck_assert_str_eq(before_, after_);                                                     \
        free(before_);                                                                         \
        free(after_);                                                                          \
    } while (0)

/* An organization files itself: an evaluation result, or a directory naming it valid to
 * 2099, issued by itself. */
START_TEST(test_xml_org_issuer_org_files_itself)
{
    char *doc, *forged, *f2;
    to_city();
    city_files(city_db, ORG);
    /* direct: only the city centre files */
    DIRECT_DENIED(org_db, sc_org_file(org_db, org, ORG, "2023-05-10"));
    /* import: a result issued by the organization itself */
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-05-11");
    forged = t_edit(doc, "issuer=", "city-centre", "org:" ORG);
    denied(org_db, org, forged, "issued by the city centre");
    free(forged);
    sc_free(doc);
    /* import: a directory naming it, valid to 2099, issued by itself */
    ck_ok(sc_org_commit(city_db, org, ORG, "2023-05-12"));
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-06-01");
    f2 = t_edit(doc, "<filing", "valid-until=\"2026-05-09\"", "valid-until=\"2099-12-31\"");
    forged = t_edit(f2, "issuer=", "city-centre", "org:" ORG);
    denied(org_db, org, forged, "issued by the city");
    ck_assert_int_eq(t_count(org_db, "SELECT count(*) FROM filing WHERE receipt IS NOT NULL"), 0);
    free(f2);
    free(forged);
    sc_free(doc);
}
END_TEST

/* A district files an organization (a result or a directory issued by the district),
 * or submits the organization's application for it. */
START_TEST(test_xml_org_issuer_district_files_or_applies)
{
    char *doc, *forged;
    sc_offerings *s = NULL;
    /* direct: a district neither applies for an organization nor files it */
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-02-07-10:5"));
    ck_ok(sc_org_register(dist_db, org, ORG, "北京智训科技有限公司", SC_ORG_ENTERPRISE,
                          "110108", "2023-01-05", 0));
    DIRECT_DENIED(dist_db, sc_org_apply(dist_db, haidian, ORG, s, "2023-02-01"));
    sc_offerings_free(s);
    /* import: the organization's application issued by the district */
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    forged = t_edit(doc, "issuer=", "org:" ORG, "district:110108");
    denied(dist_db, haidian, forged, "issued by the organization itself");
    free(forged);
    sc_free(doc);
    /* the genuine application goes on to the city, which files */
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    sc_free(doc);
    ck_ok(sc_org_recommend(dist_db, haidian, ORG, "2023-02-10", NULL));
    doc = export_doc(dist_db, SC_DOC_RECOMMENDATION, ORG, "2023-02-11");
    ck_ok(t_import(city_db, centre, doc, NULL, rep));
    sc_free(doc);
    city_files(city_db, ORG);
    DIRECT_DENIED(dist_db, sc_org_file(dist_db, haidian, ORG, "2023-05-10"));
    /* import: the result issued by the district, to the organization */
    doc = export_doc(city_db, SC_DOC_EVALUATION_RESULT, ORG, "2023-05-11");
    forged = t_edit(doc, "issuer=", "city-centre", "district:110108");
    denied(org_db, org, forged, "issued by the city centre");
    free(forged);
    sc_free(doc);
    /* import: a directory issued by the district, into its own registry */
    ck_ok(sc_org_commit(city_db, org, ORG, "2023-05-12"));
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-06-01");
    forged = t_edit(doc, "issuer=", "city-centre", "district:110108");
    denied(dist_db, haidian, forged, "issued by the city");
    free(forged);
    /* the city's directory is accepted there */
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    sc_free(doc);
}
END_TEST

/* Any organization or district imports a directory that extends its own validity, adds
 * to its own scope, or exits a competitor by leaving it out. */
START_TEST(test_xml_org_issuer_directory_only_from_the_city)
{
    sc_db *vendor = t_notice_db();
    char *doc, *v1, *v2, *v3;
    const char *issuers[] = { "org:" ORG, "district:110108" };
    size_t i;
    two_filed();
    round_trip(city_db, vendor, org, SC_DOC_DIRECTORY, NULL, "2023-08-01", 2);
    round_trip(city_db, dist_db, haidian, SC_DOC_DIRECTORY, NULL, "2023-08-01", 2);
    /* direct: only the city exits an organization or files one */
    DIRECT_DENIED(vendor, sc_org_exit(vendor, org, ORG2, "竞争对手", "2023-09-01"));
    DIRECT_DENIED(dist_db, sc_org_exit(dist_db, haidian, ORG2, "竞争对手", "2023-09-01"));
    DIRECT_DENIED(vendor, sc_org_file(vendor, org, ORG, "2023-09-01"));
    /* import: the next directory, forged three ways, by each kind of party */
    doc = export_doc(city_db, SC_DOC_DIRECTORY, NULL, "2023-09-01");
    ck_assert_ptr_nonnull(strstr(doc, "<filing kind=\"initial\" receipt=\"BJ-2023-0001\""));
    v1 = t_edit(doc, "receipt=\"BJ-2023-0001\"", "valid-until=\"2026-05-09\"",
                "valid-until=\"2099-12-31\"");
    v2 = t_edit(doc, "receipt=\"BJ-2023-0001\"", "<offering ",
                "<offering occupation=\"4-02-07-10\" level=\"1\"/>\n      <offering ");
    v3 = cut_element(doc, "<organization ", "credit-code=\"" ORG2 "\"", "</organization>\n");
    ck_assert_ptr_null(strstr(v3, ORG2));
    for (i = 0; i < 2; i++) {
        sc_db *db = i == 0 ? vendor : dist_db;
        const sc_actor *who = i == 0 ? org : haidian;
        char *f1 = t_edit(v1, "issuer=", "city-centre", issuers[i]);
        char *f2 = t_edit(v2, "issuer=", "city-centre", issuers[i]);
        char *f3 = t_edit(v3, "issuer=", "city-centre", issuers[i]);
        denied(db, who, f1, "issued by the city");
        denied(db, who, f2, "issued by the city");
        denied(db, who, f3, "issued by the city");
        free(f1);
        free(f2);
        free(f3);
    }
    /* the competitor is still in force in both copies */
    {
        sc_verdict v = SC_VERDICT_INIT;
        ck_ok(sc_org_may_certify(&v, vendor, ORG2, "4-04-05-05", "数据标注员", 4, "2023-09-01",
                                 NULL, SC_PATH_NORMAL));
        ck_assert_msg(v.ok, "%s", v.message);
        ck_ok(sc_org_may_certify(&v, dist_db, ORG2, "4-04-05-05", "数据标注员", 4, "2023-09-01",
                                 NULL, SC_PATH_NORMAL));
        ck_assert_msg(v.ok, "%s", v.message);
    }
    free(v1);
    free(v2);
    free(v3);
    sc_free(doc);
    sc_db_close(vendor);
}
END_TEST

/* The receiver must be the addressee; the audit entry names the issuer and the receiver. */
START_TEST(test_xml_org_issuer_addressee_and_audit)
{
    char *doc, *other;
    apply(org_db, ORG, org, "4-02-07-10:5,4,3", "2023-02-01", 0);
    doc = export_doc(org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    ck_assert_ptr_nonnull(strstr(doc, "issuer=\"org:" ORG "\" addressee=\"district:110108\""));
    /* addressed to another district: not the right one for the organization */
    other = t_edit(doc, "addressee=", "110108", "110105");
    denied(dist_db, haidian, other, "not its addressee");
    denied(dist_db, chaoyang, other, "organization_application.import");
    free(other);
    /* no addressee at all: refused */
    other = t_edit(doc, "issuer=", " addressee=\"district:110108\"", "");
    t_refused_import(dist_db, haidian, other, SC_EINVALIDDOC, 2,
                     "organization-application/@addressee", rep);
    free(other);
    /* no issuer, or not a party: refused by the schema, one message each */
    other = t_edit(doc, "issuer=", "issuer=\"org:" ORG "\" ", "");
    t_refused_import(dist_db, haidian, other, SC_EINVALIDDOC, 2,
                     "organization-application/@issuer", rep);
    ck_assert_uint_eq(sc_report_count(rep), 1);
    free(other);
    other = t_edit(doc, "issuer=", "org:" ORG, "org:someone");
    t_refused_import(dist_db, haidian, other, SC_EINVALIDDOC, 2,
                     "organization-application/@issuer", rep);
    ck_assert_uint_eq(sc_report_count(rep), 1);
    free(other);
    /* the addressee imports it; the audit entry names both parties */
    ck_ok(t_import(dist_db, haidian, doc, NULL, rep));
    ck_assert_int_eq(t_count(dist_db, "SELECT count(*) FROM audit WHERE action = 'xml.import' "
                                      "AND actor LIKE 'district:110108%' AND detail LIKE "
                                      "'%issuer=organization:" ORG " receiver=district:110108'"),
                     1);
    sc_free(doc);
}
END_TEST

/* ---- export ---------------------------------------------------------------------------- */

START_TEST(test_xml_org_export_arguments)
{
    sc_export_options o;
    char *doc = NULL;
    char *path = t_tmpfile(".xml");
    int type = 0;
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    /* about one organization: it must be named */
    ck_assert_int_eq(
        sc_xml_exchange_export_memory(&doc, NULL, org_db, SC_DOC_ORG_APPLICATION, &o),
        SC_EINVAL);
    ck_assert_ptr_null(doc);
    o.credit_code = ORG;
    /* no application yet */
    ck_assert_int_eq(
        sc_xml_exchange_export_memory(&doc, NULL, org_db, SC_DOC_ORG_APPLICATION, &o),
        SC_ENOTFOUND);
    o.credit_code = "not-a-code";
    ck_assert_int_eq(
        sc_xml_exchange_export_memory(&doc, NULL, org_db, SC_DOC_RECOMMENDATION, &o),
        SC_EINVAL);
    o.credit_code = ORG;
    o.date = "2023-02-30";
    ck_assert_int_eq(
        sc_xml_exchange_export_memory(&doc, NULL, org_db, SC_DOC_EVALUATION_RESULT, &o),
        SC_EINVAL);
    /* the directory needs none; an empty one is valid; to a file as well */
    o.credit_code = NULL;
    o.date = "2023-06-01";
    o.batch = "dir-2023-06-01";
    ck_ok(sc_xml_exchange_export_file(org_db, SC_DOC_DIRECTORY, path, &o));
    sc_report_clear(rep);
    ck_ok(sc_xml_validate_file(&type, rep, path, NULL));
    ck_assert_int_eq(type, SC_DOC_DIRECTORY);
    /* names and namespaces */
    ck_assert_str_eq(sc_doctype_name(SC_DOC_ORG_APPLICATION), "organization-application");
    ck_assert_int_eq(sc_doctype_from_name("district-recommendation"), SC_DOC_RECOMMENDATION);
    ck_assert_int_eq(sc_doctype_from_name("evaluation-result"), SC_DOC_EVALUATION_RESULT);
    ck_assert_str_eq(sc_doctype_namespace(SC_DOC_DIRECTORY), "urn:skillcert:directory:1");
    ck_assert_ptr_nonnull(strstr(sc_doctype_schema(SC_DOC_EVALUATION_RESULT), "BJ-[0-9]{4}"));
    remove(path);
    free(path);
}
END_TEST

Suite *sc_xml_org_suite(void)
{
    Suite *s = suite_create("xml_org");
    TCase *tc = tcase_create("application");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_xml_org_application_round_trip);
    tcase_add_test(tc, test_xml_org_application_refusals);
    tcase_add_test(tc, test_xml_org_application_addition);
    tcase_add_test(tc, test_xml_org_application_legacy_code);
    tcase_add_test(tc, test_xml_org_doors_register);
    tcase_add_test(tc, test_xml_org_doors_apply);
    tcase_add_test(tc, test_xml_org_doors_grant);
    tcase_add_test(tc, test_xml_org_doors_recommend);
    tcase_add_test(tc, test_xml_org_doors_evaluation_dates);
    suite_add_tcase(s, tc);
    tc = tcase_create("recommendation");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_xml_org_recommendation_round_trip);
    tcase_add_test(tc, test_xml_org_recommendation_refused);
    tcase_add_test(tc, test_xml_org_recommendation_refusals);
    suite_add_tcase(s, tc);
    tc = tcase_create("evaluation");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_xml_org_evaluation_result_round_trip);
    tcase_add_test(tc, test_xml_org_evaluation_result_steps);
    tcase_add_test(tc, test_xml_org_evaluation_result_refusals);
    suite_add_tcase(s, tc);
    tc = tcase_create("directory");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_xml_org_directory_round_trip);
    tcase_add_test(tc, test_xml_org_directory_exit);
    tcase_add_test(tc, test_xml_org_directory_sites);
    tcase_add_test(tc, test_xml_org_doors_exit);
    tcase_add_test(tc, test_xml_org_doors_listing);
    tcase_add_test(tc, test_xml_org_directory_refusals);
    tcase_add_test(tc, test_xml_org_export_arguments);
    suite_add_tcase(s, tc);
    tc = tcase_create("issuer");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_xml_org_issuer_org_files_itself);
    tcase_add_test(tc, test_xml_org_issuer_district_files_or_applies);
    tcase_add_test(tc, test_xml_org_issuer_directory_only_from_the_city);
    tcase_add_test(tc, test_xml_org_issuer_addressee_and_audit);
    suite_add_tcase(s, tc);
    return s;
}
