/* XML exchange: validation, hostile input, atomic import, batches, export. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_suites.h"
#include "sc_int.h"
#include "app_fixture.h"

#define NS "urn:skillcert:catalog:1"
#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

static sc_db *db;
static sc_actor *city;
static sc_report *rep;

static void setup(void)
{
    db = t_memdb();
    city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    ck_assert_int_eq(sc_report_new(&rep), SC_OK);
}

static void teardown(void)
{
    sc_report_free(rep);
    sc_actor_free(city);
    sc_db_close(db);
}

static void af_setup_rep(void)
{
    af_setup();
    ck_assert_int_eq(sc_report_new(&rep), SC_OK);
}

static void af_teardown_rep(void)
{
    sc_report_free(rep);
    rep = NULL;
    af_teardown();
}

static int validate(const char *doc, int *type)
{
    sc_report_clear(rep);
    return sc_xml_validate_memory(type, rep, doc, strlen(doc), "t.xml", NULL);
}

static int import(const char *doc, sc_import_result *res)
{
    sc_report_clear(rep);
    return sc_xml_import_memory(res, db, city, doc, strlen(doc), "t.xml", NULL, rep);
}

START_TEST(test_xml_notice_file_validates)
{
    char *path = t_data_path("../../data/catalog-2022-8.xml");
    int type = -1;
    ck_ok(sc_xml_validate_file(&type, rep, path, NULL));
    ck_assert_int_eq(type, SC_DOC_CATALOG);
    ck_assert_uint_eq(sc_report_count(rep), 0);
    free(path);
}
END_TEST

START_TEST(test_xml_schemas_have_no_identity_constraints)
{
    /* libxml2 2.9 leaks identity-constraint state (xs:unique, xs:key) whenever
     * validation stops part-way through a document — as every refused or
     * already-imported batch does. Uniqueness is a business rule instead. */
    int t;
    for (t = 1; t < 64; t++) {
        const char *xsd = sc_doctype_schema(t);
        if (!xsd)
            continue;
        ck_assert_msg(!strstr(xsd, "<xs:unique") && !strstr(xsd, "<xs:key"),
                      "schema of %s uses an identity constraint", sc_doctype_name(t));
    }
}
END_TEST

START_TEST(test_xml_doctype_names)
{
    ck_assert_str_eq(sc_doctype_name(SC_DOC_CATALOG), "catalog");
    ck_assert_int_eq(sc_doctype_from_name("catalog"), SC_DOC_CATALOG);
    ck_assert_int_eq(sc_doctype_from_name("nope"), SC_DOC_UNKNOWN);
    ck_assert_str_eq(sc_doctype_namespace(SC_DOC_CATALOG), NS);
    ck_assert_ptr_nonnull(strstr(sc_doctype_schema(SC_DOC_CATALOG), "xs:schema"));
    ck_assert_ptr_null(sc_doctype_schema(99));
}
END_TEST

START_TEST(test_xml_not_well_formed_has_position)
{
    const char *doc = HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b1\" issuer=\"city-bureau\">\n"
                           "  <occupation code=\"4-04-05-05\" name=\"x\" effective=\"2022-01-01\">\n"
                           "  </occupatio>\n</catalog>\n";
    ck_assert_int_eq(validate(doc, NULL), SC_EXML);
    ck_assert_int_eq(sc_error_last()->code, SC_EXML);
    ck_assert_int_eq(sc_error_last()->line, 4);
    ck_assert_int_gt(sc_error_last()->column, 0);
    ck_assert_str_eq(sc_error_last()->source, "t.xml");
    ck_assert_uint_ge(sc_report_count(rep), 1);
}
END_TEST

START_TEST(test_xml_schema_errors_every_one_with_field)
{
    const char *doc =
        HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b1\" issuer=\"city-bureau\">\n"
             "  <occupation code=\"4-04-05\" name=\"a\" effective=\"2022-01-01\"/>\n"
             "  <occupation code=\"4-04-05-06\" name=\"b\" effective=\"2022-01-01\">\n"
             "    <offering level=\"7\"/>\n"
             "  </occupation>\n"
             "</catalog>\n";
    int type;
    ck_assert_int_eq(validate(doc, &type), SC_EINVALIDDOC);
    ck_assert_int_eq(type, SC_DOC_CATALOG);
    ck_assert_uint_eq(sc_report_error_count(rep), 2);
    ck_assert_int_eq(sc_report_get(rep, 0)->line, 3);
    ck_assert_str_eq(sc_report_get(rep, 0)->field, "catalog/occupation[1]/@code");
    ck_assert_int_eq(sc_report_get(rep, 1)->line, 5);
    ck_assert_str_eq(sc_report_get(rep, 1)->field, "catalog/occupation[2]/offering[1]/@level");
    ck_assert_int_eq(sc_error_last()->line, 3);
}
END_TEST

START_TEST(test_xml_error_limit)
{
    sc__buf b;
    int i;
    sc_import_options o;
    sc__buf_init(&b);
    sc__buf_puts(&b, HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b1\" issuer=\"city-bureau\">\n");
    for (i = 0; i < 50; i++)
        sc__buf_puts(&b, "<occupation code=\"bad\" name=\"a\" effective=\"2022-01-01\"/>\n");
    sc__buf_puts(&b, "</catalog>\n");
    ck_ok(sc_import_options_init(&o, SC_IMPORT_OPTIONS_VERSION));
    o.max_errors = 5;
    ck_assert_int_eq(sc_xml_validate_memory(NULL, rep, b.data, b.len, NULL, &o), SC_EINVALIDDOC);
    ck_assert_uint_eq(sc_report_error_count(rep), 6); /* 5 + "too many errors" */
    ck_assert_ptr_nonnull(strstr(sc_report_get(rep, 5)->message, "too many"));
    sc__buf_free(&b);
}
END_TEST

START_TEST(test_xml_refuses_xxe)
{
    char *secret = t_tmpfile(".txt");
    char doc[1024];
    FILE *f = fopen(secret, "w");
    fputs("SECRET", f);
    fclose(f);
    snprintf(doc, sizeof doc,
             HEAD "<!DOCTYPE catalog [<!ENTITY x SYSTEM \"file://%s\">]>\n"
                  "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b1\" issuer=\"city-bureau\">\n"
                  "<occupation code=\"4-04-05-05\" name=\"&x;\" effective=\"2022-01-01\"/>"
                  "</catalog>\n", secret);
    ck_assert_int_eq(import(doc, NULL), SC_EXML);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "DOCTYPE"));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 0);
    remove(secret);
    free(secret);
}
END_TEST

START_TEST(test_xml_refuses_billion_laughs)
{
    const char *doc = HEAD "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                           "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                           "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                           "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"&lol3;\" issuer=\"city-bureau\"/>";
    ck_assert_int_eq(import(doc, NULL), SC_EXML);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM import_batch"), 0);
}
END_TEST

START_TEST(test_xml_refuses_deep_nesting)
{
    sc__buf b;
    int i;
    sc__buf_init(&b);
    sc__buf_puts(&b, HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b1\" issuer=\"city-bureau\">");
    for (i = 0; i < 10000; i++)
        sc__buf_puts(&b, "<a>");
    for (i = 0; i < 10000; i++)
        sc__buf_puts(&b, "</a>");
    sc__buf_puts(&b, "</catalog>");
    ck_assert_int_eq(import(b.data, NULL), SC_EXML);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "deeper"));
    sc__buf_free(&b);
}
END_TEST

START_TEST(test_xml_refuses_huge_text)
{
    sc__buf b;
    sc_import_options o = SC_IMPORT_OPTIONS_INIT;
    size_t i;
    sc__buf_init(&b);
    sc__buf_puts(&b, HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b1\" issuer=\"city-bureau\" source=\"");
    for (i = 0; i < 200000; i++)
        sc__buf_puts(&b, "xxxxxxxxxx");
    sc__buf_puts(&b, "\"/>");
    ck_assert_int_eq(sc_xml_import_memory(NULL, db, city, b.data, b.len, NULL, &o, rep), SC_EXML);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "longer than"));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM import_batch"), 0);
    sc__buf_free(&b);
}
END_TEST

START_TEST(test_xml_refuses_invalid_utf8)
{
    const char *doc = HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b1\" issuer=\"city-bureau\">"
                           "<occupation code=\"4-04-05-05\" name=\"\xff\xfe\" "
                           "effective=\"2022-01-01\"/></catalog>";
    ck_assert_int_eq(import(doc, NULL), SC_EXML);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 0);
}
END_TEST

START_TEST(test_xml_refuses_wrong_namespace)
{
    const char *doc = HEAD "<catalog xmlns=\"urn:other\" version=\"1\" batch=\"b1\"/>";
    int type = -1;
    ck_assert_int_eq(validate(doc, &type), SC_EINVALIDDOC);
    ck_assert_int_eq(type, SC_DOC_UNKNOWN);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "namespace"));
    ck_assert_int_eq(validate(HEAD "<html/>", &type), SC_EINVALIDDOC);
    ck_assert_int_eq(validate("", &type), SC_EXML);
}
END_TEST

START_TEST(test_xml_refuses_truncated)
{
    const char *doc = HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b1\" issuer=\"city-bureau\">"
                           "<occupation code=\"4-04-05-05\" name=\"人工智能训练师\" "
                           "effective=\"2022-01-01\"><offering level=\"5\"/>";
    ck_assert_int_eq(import(doc, NULL), SC_EXML);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 0);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM offering"), 0);
}
END_TEST

START_TEST(test_xml_import_all_or_nothing)
{
    /* The third occupation breaks a business rule (offering for a missing work type
     * is impossible by schema; use a duplicate alias): nothing may be kept. */
    const char *doc =
        HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b-atomic\" issuer=\"city-bureau\">\n"
             "<occupation code=\"4-04-05-05\" name=\"a\" effective=\"2022-01-01\">"
             "<offering level=\"5\"/></occupation>\n"
             "<occupation code=\"4-04-05-06\" name=\"b\" effective=\"2022-01-01\">"
             "<offering level=\"4\"/></occupation>\n"
             "<occupation code=\"4-04-05-07\" name=\"c\" effective=\"2022-01-01\">"
             "<alias code=\"4-04-05-05\"/></occupation>\n"
             "</catalog>\n";
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    ck_assert_int_eq(import(doc, &res), SC_EINVALIDDOC);
    ck_assert_int_eq(sc_error_last()->line, 5);
    ck_assert_str_eq(sc_error_last()->field, "catalog/occupation[3]/alias[1]/@code");
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 0);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM offering"), 0);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM import_batch"), 0);
    ck_assert_uint_eq(res.records, 0);
}
END_TEST

/* The catalog is public (issue 11): any party takes the city bureau's into its
 * registry; a candidate or the public does not, nor does anyone take a catalog
 * that names another issuer. */
START_TEST(test_xml_import_denied)
{
    sc_actor *d = t_actor(SC_ACTOR_DISTRICT, "110105");
    sc_actor *cand = t_actor(SC_ACTOR_CANDIDATE, "11010519491231002X");
    sc_actor *pub = t_actor(SC_ACTOR_PUBLIC, NULL);
    char *path = t_data_path("../../data/catalog-2022-8.xml");
    ck_assert_int_eq(sc_xml_import_file(NULL, db, cand, path, NULL, rep), SC_EDENIED);
    ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
    ck_assert_int_eq(sc_xml_import_file(NULL, db, pub, path, NULL, rep), SC_EDENIED);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 0);
    /* Nothing audited but the switch to development (t_memdb). */
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit WHERE action <> "
                                 "'pki.development_set'"), 0);
    {
        static const char forged[] =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<catalog xmlns=\"urn:skillcert:catalog:1\" version=\"1\" batch=\"forged-1\" "
            "issuer=\"district:110105\">\n"
            "  <occupation code=\"4-04-05-13\" name=\"测试职业\" effective=\"2024-01-01\">\n"
            "    <offering level=\"5\"/>\n"
            "  </occupation>\n"
            "</catalog>\n";
        ck_assert_int_eq(sc_xml_import_memory(NULL, db, d, forged, strlen(forged), "f.xml",
                                              NULL, rep),
                         SC_EDENIED);
        ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 0);
    }
    ck_ok(sc_xml_import_file(NULL, db, d, path, NULL, rep));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 20);
    sc_actor_free(d);
    sc_actor_free(cand);
    sc_actor_free(pub);
    free(path);
}
END_TEST

START_TEST(test_xml_import_file_and_batch_twice)
{
    char *path = t_data_path("../../data/catalog-2022-8.xml");
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    ck_ok(sc_xml_import_file(&res, db, city, path, NULL, rep));
    ck_assert_int_eq(res.doctype, SC_DOC_CATALOG);
    ck_assert_int_eq(res.already_imported, 0);
    ck_assert_str_eq(res.batch_id, "bj-2022-8-catalog");
    ck_assert_uint_eq(res.records, 20 + 1 + 20 + 139); /* occupations, alias, work types, offerings */
    ck_ok(sc_xml_import_file(&res, db, city, path, NULL, rep));
    ck_assert_int_eq(res.already_imported, 1);
    ck_assert_uint_eq(res.records, 0);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 20);
    ck_assert_int_eq(sc_xml_import_file(&res, db, city, "/nonexistent.xml", NULL, rep), SC_EIO);
    free(path);
}
END_TEST

START_TEST(test_xml_withdrawal_document)
{
    const char *doc = HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"adj-2025-1\" issuer=\"city-bureau\">\n"
                           "<withdrawal code=\"4—01—02—07\" work-type=\"平台管理员\" level=\"1\" "
                           "date=\"2025-03-01\"/>\n"
                           "<withdrawal code=\"4-13-05-03\" date=\"2025-03-01\"/>\n"
                           "</catalog>\n";
    sc_verdict v = SC_VERDICT_INIT;
    ck_ok(sc_catalog_load_notice(db, city));
    ck_ok(import(doc, NULL));
    ck_ok(sc_catalog_check(&v, db, "4-01-02-07", "平台管理员", 1, "2025-03-01"));
    ck_assert_int_eq(v.reason, SC_REASON_OFFERING_NOT_IN_FORCE);
    ck_ok(sc_catalog_check(&v, db, "4-01-02-07", "平台管理员", 2, "2025-03-01"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_catalog_check(&v, db, "4-13-05-03", NULL, 4, "2025-03-01"));
    ck_assert_int_eq(v.reason, SC_REASON_OCCUPATION_NOT_IN_FORCE);
}
END_TEST

static int count_progress(uint64_t records, uint64_t bytes, uint64_t total, void *payload)
{
    int *calls = payload;
    ck_assert_uint_le(bytes, total);
    (void)records;
    (*calls)++;
    return 0;
}

START_TEST(test_xml_export_roundtrip)
{
    char *xml = NULL, *xml2 = NULL;
    size_t len = 0, len2 = 0;
    sc_db *db2 = t_memdb();
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_import_options o = SC_IMPORT_OPTIONS_INIT;
    int calls = 0;
    ck_ok(sc_catalog_load_notice(db, city));
    ck_ok(sc_catalog_add_occupation(db, city, "4-04-05-13", "生成式人工智能系统应用员",
                                    "2024-07-01"));
    ck_ok(sc_catalog_add_offering(db, city, "4-04-05-13", NULL, 5, "2024-07-01"));
    ck_ok(sc_catalog_withdraw_offering(db, city, "4-04-05-13", NULL, 5, "2025-01-01"));
    ck_ok(sc_catalog_withdraw_work_type(db, city, "4-04-05-04", "铁路工程", "2026-01-01"));
    ck_ok(sc_xml_export_memory(&xml, &len, db, SC_DOC_CATALOG));
    ck_assert_uint_eq(strlen(xml), len);
    ck_ok(sc_xml_validate_memory(NULL, rep, xml, len, "export", NULL));
    o.progress = count_progress;
    o.payload = &calls;
    ck_ok(sc_xml_import_memory(&res, db2, city, xml, len, "export", &o, rep));
    ck_assert_int_ge(calls, 1);
    ck_ok(sc_xml_export_memory(&xml2, &len2, db2, SC_DOC_CATALOG));
    ck_assert_str_eq(xml, xml2);
    /* same content, same batch id: importing the export again is a no-op */
    ck_ok(sc_xml_import_memory(&res, db2, city, xml, len, "export", NULL, rep));
    ck_assert_int_eq(res.already_imported, 1);
    sc_free(xml);
    sc_free(xml2);
    ck_assert_int_eq(sc_xml_export_memory(&xml2, NULL, db2, 42), SC_EINVAL);
    ck_assert_ptr_null(xml2);
    sc_db_close(db2);
}
END_TEST

START_TEST(test_xml_export_file)
{
    char *path = t_tmpfile(".xml");
    int type;
    ck_ok(sc_catalog_load_notice(db, city));
    ck_ok(sc_xml_export_file(db, SC_DOC_CATALOG, path));
    ck_ok(sc_xml_validate_file(&type, rep, path, NULL));
    ck_assert_int_eq(type, SC_DOC_CATALOG);
    ck_assert_int_eq(sc_xml_export_file(db, SC_DOC_CATALOG, "/nonexistent-dir/x.xml"), SC_EIO);
    remove(path);
    free(path);
}
END_TEST

START_TEST(test_xml_bad_arguments)
{
    sc_import_options o = SC_IMPORT_OPTIONS_INIT;
    ck_assert_int_eq(sc_xml_validate_file(NULL, rep, NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_xml_validate_memory(NULL, rep, NULL, 0, NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_xml_import_memory(NULL, NULL, city, "<a/>", 4, NULL, NULL, rep),
                     SC_EINVAL);
    ck_assert_int_eq(sc_xml_import_memory(NULL, db, NULL, "<a/>", 4, NULL, NULL, rep), SC_EINVAL);
    o.version = 77;
    ck_assert_int_eq(sc_xml_validate_memory(NULL, rep, "<a/>", 4, NULL, &o), SC_EINVAL);
    ck_assert_int_eq(sc_import_options_init(&o, 2), SC_EINVAL);
    ck_assert_int_eq(sc_xml_export_memory(NULL, NULL, db, SC_DOC_CATALOG), SC_EINVAL);
    ck_assert_int_eq(sc_xml_validate_file(NULL, rep, "/", NULL), SC_EIO);
}
END_TEST

/* ---- diagnostics: every problem once, where it is (issue 11, item 3) ------------------ */

#define VORG "91110108MA01ABCD2H"
#define BATCH_NS "urn:skillcert:candidate-batch:1"

/* A candidate batch of VORG with the applications given (one a line, from line 3). */
static char *vbatch(const char *body)
{
    char *doc = malloc(16384);
    ck_assert_ptr_nonnull(doc);
    snprintf(doc, 16384,
             HEAD "<candidate-batch xmlns=\"" BATCH_NS "\" version=\"1\" batch=\"V-1\" "
                  "issuer=\"org:" VORG "\" addressee=\"district:110108\" credit-code=\"" VORG
                  "\" district=\"110108\" announcement=\"2024-01\">\n%s</candidate-batch>\n",
             body);
    return doc;
}

#define APP(id, occ, wt, level, applied)                                                        \
    "  <application id-number=\"" id "\" name=\"王五\" occupation=\"" occ "\"" wt " level=\""   \
    level "\" path=\"normal\" applied=\"" applied "\" verified=\"2024-03-10\" "                 \
    "eligibility=\"L5-a\"/>\n"
#define GOOD_ID "11010519491231002X"

/* The error i of the report: its line and the field's last step. */
static void diag_at(size_t i, int line, const char *field_end, const char *needle)
{
    const sc_error *e = sc_report_get(rep, i);
    size_t n, m;
    ck_assert_ptr_nonnull(e);
    ck_assert_msg(e->line == line, "diagnostic %zu at line %d, wanted %d: %s", i, e->line, line,
                  e->message);
    ck_assert_int_gt(e->column, 0);
    n = strlen(e->field);
    m = strlen(field_end);
    ck_assert_msg(n >= m && !strcmp(e->field + n - m, field_end), "diagnostic %zu on %s: %s", i,
                  e->field, e->message);
    if (needle)
        ck_assert_msg(strstr(e->message, needle) != NULL, "diagnostic %zu: '%s' lacks '%s'", i,
                      e->message, needle);
}

START_TEST(test_xml_validate_registry_free_checks)
{
    char *doc = vbatch(APP(GOOD_ID, "4-02-07-10", "", "7", "2024-03-05")
                       APP("110105194912310021", "4-02-07-10", "", "5", "2024-03-05")
                       APP(GOOD_ID, "4-02-07-10", "", "5", "2024-02-30")
                       APP(GOOD_ID, "4-99-99-99", "", "5", "2024-03-05")
                       APP(GOOD_ID, "4-04-05-05", "", "5", "2024-03-05")
                       APP(GOOD_ID, "4-14-01-04", "", "5", "2024-03-05")
                       APP(GOOD_ID, "4-04-05-05", " work-type=\"数据标注员\"", "9", "2024-03-05")
                       APP(GOOD_ID, "4-02-07-10", "", "4", "2024-03-05"));
    size_t i;
    int type;
    ck_assert_int_eq(validate(doc, &type), SC_EINVALIDDOC);
    ck_assert_int_eq(type, SC_DOC_CANDIDATE_BATCH);
    ck_assert_uint_eq(sc_report_error_count(rep), 7);
    /* level 7: one message, ours, with the levels offered (no libxml2 facet text) */
    diag_at(0, 3, "application[1]/@level", "levels offered on 2024-03-05: 5, 4, 3, 2, 1");
    diag_at(1, 4, "application[2]/@id-number", "check character");
    diag_at(2, 5, "application[3]/@applied", "2024-02-30 is not a day of the calendar");
    diag_at(3, 6, "application[4]/@occupation", "4-99-99-99 is not in the catalog");
    diag_at(4, 7, "application[5]/@work-type", "数据标注员");
    /* a level in 1-5 the occupation does not offer: the ones it does */
    diag_at(5, 8, "application[6]/@level", "levels offered on 2024-03-05: 4, 3, 2");
    diag_at(6, 9, "application[7]/@level", "4-04-05-05 / 数据标注员 is not offered");
    for (i = 0; i < sc_report_count(rep); i++) {
        ck_assert_ptr_null(strstr(sc_report_get(rep, i)->message, "facet"));
        ck_assert_ptr_null(strstr(sc_report_get(rep, i)->message, "atomic type"));
    }
    ck_assert_int_eq(sc_error_last()->line, 3);
    free(doc);
}
END_TEST

START_TEST(test_xml_validate_numbers_and_codes)
{
    static const char certs[] =
        HEAD "<certificate-batch xmlns=\"urn:skillcert:certificate-batch:1\" version=\"1\" "
             "batch=\"V-2\" issuer=\"org:" VORG "\" addressee=\"city-centre\" "
             "credit-code=\"91110108MA01ABCD2X\" sent=\"2024-04-01\">\n"
             "  <certificate number=\"S000011100001247000001\" holder=\"王五\" id-number=\""
             GOOD_ID "\" occupation=\"4-02-07-10\" level=\"5\" certified=\"2024-03-15\" "
             "issued=\"2024-03-15\"/>\n"
             "  <certificate number=\"S000011100001244000002\" holder=\"王五\" id-number=\""
             GOOD_ID "\" occupation=\"4-02-07-10\" level=\"5\" certified=\"2024-03-15\" "
             "issued=\"2024-03-15\"/>\n"
             "  <certificate number=\"S000011100001245000003\" holder=\"王五\" id-number=\""
             GOOD_ID "\" occupation=\"4-02-07-10\" level=\"5\" certified=\"2024-03-15\" "
             "issued=\"2024-03-15\"/>\n"
             "</certificate-batch>\n";
    char *good;
    ck_assert_int_eq(validate(certs, NULL), SC_EINVALIDDOC);
    ck_assert_uint_eq(sc_report_error_count(rep), 3);
    diag_at(0, 2, "certificate-batch/@credit-code", "91110108MA01ABCD2X");
    diag_at(1, 3, "certificate[1]/@number", NULL);
    diag_at(2, 4, "certificate[2]/@level", "carries level 4");
    /* the same, right, validates: nothing is invented */
    good = t_edit(certs, "credit-code=", "91110108MA01ABCD2X", VORG);
    {
        char *g2 = t_edit(good, "number=", "S000011100001247000001", "S000011100001245000001");
        char *g3 = t_edit(g2, "number=", "S000011100001244000002", "S000011100001245000002");
        ck_ok(validate(g3, NULL));
        ck_assert_uint_eq(sc_report_count(rep), 0);
        free(g2);
        free(g3);
    }
    free(good);
}
END_TEST

/* An import says a bad level once: the handler's message; libxml2's facet message on the
 * same attribute is not repeated. */
START_TEST(test_xml_import_bad_level_once)
{
    const char *doc =
        HEAD "<catalog xmlns=\"" NS "\" version=\"1\" batch=\"b7\" issuer=\"city-bureau\">\n"
             "  <occupation code=\"4-04-05-99\" name=\"测试\" effective=\"2024-01-01\">\n"
             "    <offering level=\"7\"/>\n"
             "  </occupation>\n"
             "</catalog>\n";
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    ck_assert_int_eq(import(doc, &res), SC_EINVALIDDOC);
    ck_assert_uint_eq(sc_report_error_count(rep), 1);
    diag_at(0, 4, "catalog/occupation[1]/offering[1]/@level", "7");
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 0);
    /* validating, the schema's word is the only one: still once */
    ck_assert_int_eq(validate(doc, NULL), SC_EINVALIDDOC);
    ck_assert_uint_eq(sc_report_error_count(rep), 1);
    diag_at(0, 4, "catalog/occupation[1]/offering[1]/@level", NULL);
}
END_TEST

/* Importing, a level that is no level is said once too, at @level, with the levels the
 * receiving registry's catalog offers (before the handler's and the schema's word). */
START_TEST(test_xml_import_level_not_offered_once)
{
    char *doc = vbatch(APP(GOOD_ID, "4-02-07-10", "", "7", "2024-03-05")
                       APP(GOOD_ID, "4-14-01-04", "", "9", "2024-03-05"));
    char *before = t_dump(af.db), *after;
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_report_clear(rep);
    ck_assert_int_eq(sc_xml_import_memory(&res, af.db, af.haidian, doc, strlen(doc), "b.xml",
                                          NULL, rep),
                     SC_EINVALIDDOC);
    ck_assert_uint_eq(sc_report_error_count(rep), 2);
    diag_at(0, 3, "application[1]/@level", "levels offered on 2024-03-05: 5, 4, 3, 2, 1");
    diag_at(1, 4, "application[2]/@level", "levels offered on 2024-03-05: 4, 3, 2");
    ck_assert_uint_eq(res.records, 0);
    after = t_dump(af.db);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    free(doc);
}
END_TEST

Suite *sc_xml_suite(void)
{
    Suite *s = suite_create("xml");
    TCase *tc = tcase_create("validate");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_xml_notice_file_validates);
    tcase_add_test(tc, test_xml_doctype_names);
    tcase_add_test(tc, test_xml_schemas_have_no_identity_constraints);
    tcase_add_test(tc, test_xml_not_well_formed_has_position);
    tcase_add_test(tc, test_xml_schema_errors_every_one_with_field);
    tcase_add_test(tc, test_xml_error_limit);
    tcase_add_test(tc, test_xml_bad_arguments);
    tcase_add_test(tc, test_xml_validate_registry_free_checks);
    tcase_add_test(tc, test_xml_validate_numbers_and_codes);
    tcase_add_test(tc, test_xml_import_bad_level_once);
    suite_add_tcase(s, tc);

    tc = tcase_create("hostile");
    tcase_add_checked_fixture(tc, setup, teardown);
    /* The huge text takes ~1.5 s; Check's default 4 s expired on a loaded machine. */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_xml_refuses_xxe);
    tcase_add_test(tc, test_xml_refuses_billion_laughs);
    tcase_add_test(tc, test_xml_refuses_deep_nesting);
    tcase_add_test(tc, test_xml_refuses_huge_text);
    tcase_add_test(tc, test_xml_refuses_invalid_utf8);
    tcase_add_test(tc, test_xml_refuses_wrong_namespace);
    tcase_add_test(tc, test_xml_refuses_truncated);
    suite_add_tcase(s, tc);

    tc = tcase_create("import");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_xml_import_all_or_nothing);
    tcase_add_test(tc, test_xml_import_denied);
    tcase_add_test(tc, test_xml_import_file_and_batch_twice);
    tcase_add_test(tc, test_xml_withdrawal_document);
    tcase_add_test(tc, test_xml_export_roundtrip);
    tcase_add_test(tc, test_xml_export_file);
    suite_add_tcase(s, tc);
    tc = tcase_create("diagnostics-import");
    tcase_add_checked_fixture(tc, af_setup_rep, af_teardown_rep);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_xml_import_level_not_offered_once);
    suite_add_tcase(s, tc);
    return s;
}
