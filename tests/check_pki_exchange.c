/*
 * Signed exchange documents between registries (issue #12, its remainder):
 * one signature scheme per document type, named in every schema; a signed
 * document imported into a registry without a trust anchor (checked for
 * integrity); the candidate batch and the confirmation signed and carried
 * across two anchored registries, the batch from memory with its detached
 * signature (sc_xml_import_memory_signed); the signed round trip of the
 * catalog, the eligibility rules, the certificate acknowledgement, the
 * revocations, the results report and the supervision findings, and the
 * credit evaluation verified by another registry (signed_import() holds their
 * shared refusals); and a table of every document type with where its
 * signed round trip is tested, so that a new type without one fails here.
 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "check_suites.h"
#include "store_int.h"
#include "app_fixture.h"
#include "assess_fixture.h"
#include "pki_fixture.h"

#define CAND_A "11010519491231002X"
#define CAND_B "110105198001011238"
#define WHEN "2024-06-01T08:00:00Z"
#define FROM "2024-01-01" /* the validity of the test hierarchy */
#define TO "2030-12-31"

/* The trust chain of these tests, made once per process. */
static char *root_key, *root_cert, *centre_key, *centre_cert, *haidian_key, *haidian_cert;
static char *org_key, *org_chain, *org2_key, *org2_chain;

static char *chain_of(char *leaf, const char *ca)
{
    size_t n = strlen(leaf) + strlen(ca) + 1;
    char *c = malloc(n);
    snprintf(c, n, "%s%s", leaf, ca);
    sc_free(leaf);
    return c;
}

static void pki_setup(void)
{
    root_key = new_key();
    root_cert = certify(root_key, NULL, root_key, "city-bureau", FROM, TO);
    centre_key = new_key();
    centre_cert = certify(root_key, root_cert, centre_key, "city-centre", FROM, TO);
    haidian_key = new_key();
    haidian_cert = certify(root_key, root_cert, haidian_key, "district:110108", FROM, TO);
    org_key = new_key();
    org_chain = chain_of(certify(centre_key, centre_cert, org_key, "org:" AF_ORG, FROM, TO),
                         centre_cert);
    org2_key = new_key();
    org2_chain = chain_of(certify(centre_key, centre_cert, org2_key, "org:" AF_ORG2, FROM, TO),
                          centre_cert);
}

static void pki_teardown(void)
{
    char **all[] = { &root_key, &root_cert, &centre_key, &centre_cert, &haidian_key,
                     &haidian_cert, &org_key, &org_chain, &org2_key, &org2_chain };
    size_t i;
    for (i = 0; i < sizeof all / sizeof all[0]; i++) {
        free(*all[i]);
        *all[i] = NULL;
    }
}

/* A detached CMS signature over the bytes of doc (through a file, as the CLI makes it). */
static char *sign_detached(const char *doc, const char *key, const char *chain, const char *at)
{
    char *path = t_tmpfile(".xml"), *sig = NULL;
    sc_signer *s = signer(key, chain);
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(doc, 1, strlen(doc), fp), strlen(doc));
    fclose(fp);
    ck_ok(sc_pki_sign_detached(&sig, NULL, path, s, at));
    sc_signer_free(s);
    remove(path);
    free(path);
    return sig;
}

static void refused_memory_signed(sc_db *db, const sc_actor *actor, const char *doc,
                                  const char *sig, const char *why)
{
    char *before = t_dump(db), *after;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    int rc = sc_xml_import_memory_signed(&r, db, actor, doc, strlen(doc), sig, "batch.xml",
                                         NULL, NULL);
    ck_assert_msg(rc == SC_EINVALIDDOC, "%s: %d %s", why, rc, sc_error_last()->message);
    ck_assert_msg(strstr(sc_error_last()->message, why) != NULL, "wanted '%s': %s", why,
                  sc_error_last()->message);
    ck_assert_uint_eq(r.records, 0);
    after = t_dump(db);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
}

/* Three applications of AF_ORG's announcement, verified by the organization. */
static void verified_applications(int64_t ids[3])
{
    sc_actor *a = t_actor(SC_ACTOR_CANDIDATE, CAND_A), *b = t_actor(SC_ACTOR_CANDIDATE, CAND_B);
    af_candidate(CAND_A, "张三", "2015-01-01");
    af_candidate(CAND_B, "李四", "2015-01-01");
    ck_ok(sc_application_apply(&ids[0], af.db, a, af.ann, CAND_A, AF_OCC, NULL, 5,
                               SC_PATH_NORMAL, NULL, "2024-03-05"));
    ck_ok(sc_application_apply(&ids[1], af.db, b, af.ann, CAND_B, AF_OCC, NULL, 5,
                               SC_PATH_NORMAL, NULL, "2024-03-06"));
    ck_ok(sc_application_apply(&ids[2], af.db, b, af.ann, CAND_B, AF_OCC, NULL, 4,
                               SC_PATH_NORMAL, NULL, "2024-03-06"));
    ck_ok(sc_application_verify_batch(NULL, af.db, af.org, ids, 3, "2024-03-10"));
    sc_actor_free(a);
    sc_actor_free(b);
}

/* The ids of a batch's applications in a registry. */
static void batch_ids(sc_db *db, const char *batch, int64_t ids[3])
{
    sc_application_query q = SC_APPLICATION_QUERY_INIT;
    sc_application_iter *it = NULL;
    sc_application a = SC_APPLICATION_INIT;
    int n = 0;
    snprintf(q.batch_id, sizeof q.batch_id, "%s", batch);
    ck_ok(sc_application_iter_new(&it, db, &q));
    while (n < 3 && sc_application_iter_next(&a, it) == SC_OK)
        ids[n++] = a.id;
    sc_application_iter_free(it);
    ck_assert_int_eq(n, 3);
}

/* ---- one scheme per type, in every schema ------------------------------------------------ */

#define ENVELOPED_TEXT "Signed: enveloped XML Signature (ECDSA P-256/SHA-256, exc-c14n) by the issuer"
#define DETACHED_TEXT "Signed: detached CMS over the exact bytes, FILE.p7s"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    const char *p;
    for (p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

START_TEST(test_pki_exchange_schemas_name_their_scheme)
{
    const char *src = getenv("srcdir");
    char path[1024], *docs = NULL, *table;
    FILE *fp;
    long len;
    int d, types = 0;

    if (!src || !*src)
        src = SC_TEST_SRCDIR;
    snprintf(path, sizeof path, "%s/docs/signatures.md", src);
    fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    docs = malloc((size_t)len + 1);
    ck_assert_uint_eq(fread(docs, 1, (size_t)len, fp), (size_t)len);
    docs[len] = '\0';
    fclose(fp);
    table = strstr(docs, "## One scheme per document type");
    ck_assert_ptr_nonnull(table);

    ck_assert_int_eq(sc_doctype_signature_scheme(SC_DOC_UNKNOWN), SC_SIGNATURE_SCHEME_NONE);
    ck_assert_int_eq(sc_doctype_signature_scheme(999), SC_SIGNATURE_SCHEME_NONE);
    for (d = 1; d < 64; d++) {
        const char *name = sc_doctype_name(d), *xsd = sc_doctype_schema(d), *row;
        int scheme = sc_doctype_signature_scheme(d), detached;
        char cell[96];
        if (!name) {
            ck_assert_int_eq(scheme, SC_SIGNATURE_SCHEME_NONE);
            continue;
        }
        types++;
        detached = scheme == SC_SIGNATURE_SCHEME_DETACHED;
        ck_assert_msg(scheme != SC_SIGNATURE_SCHEME_NONE, "%s has no scheme", name);
        /* The schema's annotation says the scheme, once. */
        ck_assert_msg(count(xsd, "source=\"signature\">Signed: ") == 1,
                      "%s.xsd: one xs:documentation source=\"signature\" naming the scheme",
                      name);
        ck_assert_msg(strstr(xsd, detached ? DETACHED_TEXT : ENVELOPED_TEXT) != NULL,
                      "%s.xsd names another scheme than the library's table", name);
        /* The enveloped types admit the signature elements; the detached ones none. */
        ck_assert_int_eq(strstr(xsd, "namespace=\"http://www.w3.org/2000/09/xmldsig#\"") != NULL,
                         !detached);
        ck_assert_int_eq(strstr(xsd, "namespace=\"urn:skillcert:signature:1\"") != NULL,
                         !detached);
        /* docs/signatures.md: the row naming the type says the same scheme. */
        snprintf(cell, sizeof cell, "%s", !strcmp(name, "credit-evaluation") ? "credit" : name);
        row = NULL;
        {
            const char *p = table;
            while ((p = strstr(p, "\n| ")) != NULL && p[3] != '\0') {
                const char *end = strchr(p + 1, '\n'), *c = p + 3, *bar = strchr(p + 3, '|');
                size_t k = strlen(cell);
                if (!end || !bar)
                    break;
                /* the first cell: names separated by ", ", each perhaps followed by " (" */
                while (c < bar) {
                    if (!strncmp(c, cell, k) && (c[k] == ',' || c[k] == ' ') &&
                        (c == p + 3 || c[-1] == ' '))
                        row = p;
                    c++;
                }
                if (row)
                    break;
                p = end;
            }
        }
        ck_assert_msg(row != NULL, "docs/signatures.md: no row of the scheme table names %s",
                      cell);
        {
            const char *end = strchr(row + 1, '\n');
            char line[512];
            snprintf(line, sizeof line, "%.*s", (int)(end - row), row);
            ck_assert_msg((strstr(line, "detached") != NULL) == detached,
                          "docs/signatures.md says another scheme for %s: %s", name, line);
        }
    }
    ck_assert_int_ge(types, 15);
    ck_assert_int_eq(sc_doctype_signature_scheme(SC_DOC_CANDIDATE_BATCH),
                     SC_SIGNATURE_SCHEME_DETACHED);
    ck_assert_int_eq(sc_doctype_signature_scheme(SC_DOC_CERTIFICATE_BATCH),
                     SC_SIGNATURE_SCHEME_DETACHED);
    ck_assert_int_eq(sc_doctype_signature_scheme(SC_DOC_CERTIFICATE),
                     SC_SIGNATURE_SCHEME_ENVELOPED);
    free(docs);
}
END_TEST

/* ---- a registry without a trust anchor ----------------------------------------------------- */

START_TEST(test_pki_exchange_unanchored_checks_integrity)
{
    sc_db *district = t_clone_db(af.db);
    sc_report *rep = NULL;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    int64_t ids[3], dids[3];
    char *answer = NULL, *signed_doc, *bad, *other;

    ck_ok(sc_report_new(&rep));
    verified_applications(ids);
    {
        char *batch = NULL;
        ck_ok(sc_application_batch_export_memory(&batch, NULL, af.db, af.ann, "HD-U-1"));
        ck_ok(t_import(district, af.haidian, batch, NULL, rep));
        sc_free(batch);
    }
    batch_ids(district, "HD-U-1", dids);
    ck_ok(sc_application_confirm_batch(district, af.haidian, dids, 3, "2024-03-20"));
    ck_ok(sc_application_confirmation_export_memory(&answer, NULL, district, af.ann, "HD-U-ANS",
                                                    "HD-U-1"));
    signed_doc = sign_at(answer, haidian_key, haidian_cert, WHEN, NULL);

    /* Validation admits the signature; the engine hands it to no handler. */
    {
        int type = 0;
        ck_ok(sc_xml_validate_memory(&type, NULL, signed_doc, strlen(signed_doc), "a.xml", NULL));
        ck_assert_int_eq(type, SC_DOC_CONFIRMATION);
    }
    /* Tampered after signing: refused, even without an anchor. */
    bad = t_edit(signed_doc, "<application", "2024-03-20", "2024-03-21");
    ck_assert_ptr_nonnull(bad);
    t_refused_import(af.db, af.org, bad, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "bad-signature"));
    free(bad);
    /* Signed by one party while naming another: refused. */
    other = sign_at(answer, org2_key, org2_chain, WHEN, NULL);
    t_refused_import(af.db, af.org, other, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "wrong-party"));
    free(other);
    /* Intact: imported; the audit says no signer was proven (no anchor). */
    ck_ok(sc_xml_import_memory(&r, af.db, af.org, signed_doc, strlen(signed_doc), "a.xml", NULL,
                               rep));
    ck_assert_uint_ge(r.records, 1);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit WHERE action = 'xml.import' AND "
                                    "detail LIKE 'doctype=confirmation%signer=- %'"), 1);
    /* The unsigned copy is the same batch: already imported. */
    ck_ok(sc_xml_import_memory(&r, af.db, af.org, answer, strlen(answer), "a.xml", NULL, rep));
    ck_assert_int_eq(r.already_imported, 1);
    free(signed_doc);
    sc_free(answer);
    sc_report_free(rep);
    sc_db_close(district);
}
END_TEST

/* ---- the candidate batch and the confirmation across two anchored registries ---------------- */

START_TEST(test_pki_exchange_batch_and_confirmation_round_trip)
{
    sc_db *district = t_clone_db(af.db);
    sc_report *rep = NULL;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    int64_t ids[3], dids[3];
    char *batch = NULL, *sig, *bad, *answer = NULL, *signed_answer, *again = NULL;
    sc_application a = SC_APPLICATION_INIT;

    ck_ok(sc_report_new(&rep));
    set_anchor(district, root_cert);
    set_anchor(af.db, root_cert);
    verified_applications(ids);
    ck_ok(sc_application_batch_export_memory(&batch, NULL, af.db, af.ann, "HD-S-1"));
    sig = sign_detached(batch, org_key, org_chain, WHEN);

    /* Refused, nothing changed: unsigned from memory; tampered bytes; another
     * organization's signature; the signature of other bytes; a detached
     * signature on an enveloped type. */
    t_refused_import(district, af.haidian, batch, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "unsigned"));
    bad = t_edit(batch, "<application", "level=\"5\"", "level=\"4\"");
    ck_assert_ptr_nonnull(bad);
    refused_memory_signed(district, af.haidian, bad, sig, "bad-signature");
    free(bad);
    {
        char *other = sign_detached(batch, org2_key, org2_chain, WHEN);
        refused_memory_signed(district, af.haidian, batch, other, "wrong-party");
        sc_free(other);
        other = sign_detached(batch, org_key, org_chain, "2031-01-01T00:00:00Z");
        refused_memory_signed(district, af.haidian, batch, other, "expired");
        sc_free(other);
    }
    refused_memory_signed(district, af.haidian, batch, "junk", "malformed");
    ck_assert_int_eq(sc_xml_import_memory_signed(&r, district, af.haidian, batch, strlen(batch),
                                                 NULL, NULL, NULL, NULL), SC_EINVAL);
    /* The right party, the wrong receiver: refused by the batch's own rule. */
    ck_assert_int_eq(sc_xml_import_memory_signed(&r, district, af.xicheng, batch, strlen(batch),
                                                 sig, "batch.xml", NULL, NULL), SC_EDENIED);

    /* Signed by the organization: imported, the audit names its certificate. */
    ck_ok(sc_xml_import_memory_signed(&r, district, af.haidian, batch, strlen(batch), sig,
                                      "batch.xml", NULL, rep));
    ck_assert_int_eq(r.doctype, SC_DOC_CANDIDATE_BATCH);
    ck_assert_uint_eq(r.records, 3);
    ck_assert_int_eq(t_count(district, "SELECT count(*) FROM audit WHERE action = 'xml.import' "
                                       "AND detail LIKE 'doctype=candidate-batch%signer=-%'"), 0);
    ck_assert_int_eq(t_count(district, "SELECT count(*) FROM audit WHERE action = 'xml.import' "
                                       "AND detail LIKE 'doctype=candidate-batch%signer=%'"), 1);

    /* The district confirms two, rejects one and answers, signed (enveloped). */
    batch_ids(district, "HD-S-1", dids);
    ck_ok(sc_application_confirm_batch(district, af.haidian, dids, 2, "2024-03-20"));
    ck_ok(sc_application_reject(district, af.haidian, dids[2], "材料不全", "2024-03-21"));
    ck_ok(sc_application_confirmation_export_memory(&answer, NULL, district, af.ann, "HD-S-ANS",
                                                    "HD-S-1"));
    /* Unsigned, or signed by the organization itself: refused. */
    t_refused_import(af.db, af.org, answer, SC_EINVALIDDOC, 0, NULL, rep);
    bad = sign_at(answer, org_key, org_chain, WHEN, NULL);
    t_refused_import(af.db, af.org, bad, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "wrong-party"));
    free(bad);
    /* A detached signature is not the confirmation's scheme. */
    bad = sign_detached(answer, haidian_key, haidian_cert, WHEN);
    refused_memory_signed(af.db, af.org, answer, bad, "malformed");
    sc_free(bad);
    signed_answer = sign_at(answer, haidian_key, haidian_cert, WHEN, NULL);
    ck_ok(t_import(af.db, af.org, signed_answer, &r, rep));
    ck_assert_uint_eq(r.records, 3);
    ck_ok(sc_application_get(&a, af.db, ids[0]));
    ck_assert_int_eq(a.state, SC_APPLICATION_CONFIRMED);
    ck_assert_str_eq(a.confirmed_by, "district:110108");
    /* The organization's registry now answers with the same document. */
    ck_ok(sc_application_confirmation_export_memory(&again, NULL, af.db, af.ann, "HD-S-ANS",
                                                    "HD-S-1"));
    ck_assert_str_eq(again, answer);

    sc_free(again);
    free(signed_answer);
    sc_free(answer);
    sc_free(sig);
    sc_free(batch);
    sc_report_free(rep);
    sc_db_close(district);
}
END_TEST

/* ---- countersigned on publication ------------------------------------------------------------ */

START_TEST(test_pki_exchange_countersign_on_publish)
{
    char num[SC_CERT_NUMBER_SIZE], id[19], *doc = NULL, *issued, *other, *out = NULL, *twice = NULL;
    sc_signer *cs = signer(centre_key, centre_cert), *os = signer(org_key, org_chain);
    sc_sign_options o = SC_SIGN_OPTIONS_INIT;
    sc_certificate_document d = SC_CERTIFICATE_DOCUMENT_INIT;
    sc_certificate c = SC_CERTIFICATE_INIT;
    int64_t s;

    fx_candidates(1, 1);
    s = fx_ready_session("2024-03-01", 1, 1);
    fx_pass(s, 1, 1, "2024-03-01");
    fx_id(id, 1);
    ck_ok(sc_certificate_report(num, fx.db, fx.org, s, id, "2024-03-10"));
    ck_ok(sc_certificate_issue(fx.db, fx.org, num, "sha256:photo", "2024-03-15"));
    ck_ok(sc_certificate_export_memory(&doc, NULL, fx.db, num));
    issued = sign_at(doc, org_key, org_chain, "2024-03-15T09:00:00Z", NULL);
    o.signed_at = "2024-04-01T09:00:00Z";

    /* No trust anchor: the organization's signature cannot be proven. */
    ck_assert_int_eq(sc_certificate_countersign_export_memory(&out, NULL, fx.db, num, issued,
                                                              strlen(issued), cs, &o),
                     SC_ENOTFOUND);
    set_anchor(fx.db, root_cert);
    /* Refused: unsigned; signed by another organization; countersigned by the organization. */
    ck_assert_int_eq(sc_certificate_countersign_export_memory(&out, NULL, fx.db, num, doc,
                                                              strlen(doc), cs, &o),
                     SC_EINVALIDDOC);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "unsigned"));
    other = sign_at(doc, org2_key, org2_chain, "2024-03-15T09:00:00Z", NULL);
    ck_assert_int_eq(sc_certificate_countersign_export_memory(&out, NULL, fx.db, num, other,
                                                              strlen(other), cs, &o),
                     SC_EINVALIDDOC);
    free(other);
    ck_assert_int_eq(sc_certificate_countersign_export_memory(&out, NULL, fx.db, num, issued,
                                                              strlen(issued), os, &o),
                     SC_EINVAL);
    {
        char unknown[SC_CERT_NUMBER_SIZE];
        snprintf(unknown, sizeof unknown, "%s", num);
        unknown[21] = unknown[21] == '9' ? '8' : '9';
        ck_assert_int_eq(sc_certificate_countersign_export_memory(&out, NULL, fx.db, unknown,
                                                                  issued, strlen(issued), cs,
                                                                  &o),
                         SC_ENOTFOUND);
    }
    ck_assert_ptr_null(out);

    /* The centre countersigns what it publishes; the result verifies offline. */
    ck_ok(sc_certificate_countersign_export_memory(&out, NULL, fx.db, num, issued,
                                                   strlen(issued), cs, &o));
    ck_ok(sc_certificate_publish(fx.db, fx.centre, num, "2024-04-01"));
    ck_ok(sc_certificate_get(&c, fx.db, num));
    ck_assert_int_eq(c.status, SC_CERT_PUBLISHED);
    ck_ok(sc_certificate_verify_document(&d, NULL, out, strlen(out), root_cert, NULL));
    ck_assert_int_eq(d.published, 1);
    ck_assert_str_eq(d.number, num);
    ck_assert_str_eq(d.published_at, "2024-04-01T09:00:00Z");
    ck_assert_str_eq(d.signer, "org:" FX_ORG);
    /* Published: countersigned again on request, but never twice over. */
    ck_ok(sc_certificate_countersign_export_memory(&twice, NULL, fx.db, num, issued,
                                                   strlen(issued), cs, &o));
    sc_free(twice);
    twice = NULL;
    ck_assert_int_eq(sc_certificate_countersign_export_memory(&twice, NULL, fx.db, num, out,
                                                              strlen(out), cs, &o),
                     SC_EINVALIDDOC);

    sc_free(out);
    free(issued);
    sc_free(doc);
    sc_signer_free(cs);
    sc_signer_free(os);
}
END_TEST

/* ---- the evaluation result: city centre -> organization ------------------------------------- */

START_TEST(test_pki_exchange_evaluation_result_round_trip)
{
    sc_db *org_db = t_notice_db(), *city_db;
    sc_actor *org = t_actor(SC_ACTOR_ORGANIZATION, AF_ORG);
    sc_actor *haidian = t_actor(SC_ACTOR_DISTRICT, "110108");
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_report *rep = NULL;
    sc_offerings *scope = NULL;
    sc_export_options eo;
    sc_org o = SC_ORG_INIT;
    char *doc = NULL, *signed_doc, *bad;

    ck_ok(sc_report_new(&rep));
    ck_ok(sc_org_register(org_db, org, AF_ORG, "北京智训科技有限公司", SC_ORG_ENTERPRISE,
                          "110108", "2023-01-05", 0));
    ck_ok(sc_offerings_new(&scope));
    ck_ok(sc_offerings_add_text(scope, "4-02-07-10:5,4,3"));
    ck_ok(sc_org_apply(org_db, org, AF_ORG, scope, "2023-02-01"));
    sc_offerings_free(scope);
    /* The city's registry: the application, recommended, evaluated, filed. */
    city_db = t_clone_db(org_db);
    ck_ok(sc_org_recommend(city_db, haidian, AF_ORG, "2023-02-10", NULL));
    ck_ok(sc_org_evaluate(city_db, centre, AF_ORG, NULL, SC_EVAL_MATERIALS | SC_EVAL_ON_SITE,
                          "2023-03-01", NULL));
    ck_ok(sc_org_notice(city_db, centre, AF_ORG, "2023-03-10"));
    ck_ok(sc_org_file(city_db, centre, AF_ORG, "2023-05-10"));
    ck_ok(sc_export_options_init(&eo, SC_EXPORT_OPTIONS_VERSION));
    eo.credit_code = AF_ORG;
    eo.date = "2023-05-11";
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, city_db, SC_DOC_EVALUATION_RESULT, &eo));

    /* The organization's registry is anchored: unsigned, tampered, or signed by its
     * district are refused, nothing changed; signed by the city centre, imported. */
    set_anchor(org_db, root_cert);
    t_refused_import(org_db, org, doc, SC_EINVALIDDOC, 0, NULL, rep);
    signed_doc = sign_at(doc, centre_key, centre_cert, WHEN, NULL);
    bad = t_edit(signed_doc, "", "2023-05-10", "2023-05-09");
    ck_assert_ptr_nonnull(bad);
    t_refused_import(org_db, org, bad, SC_EINVALIDDOC, 0, NULL, rep);
    free(bad);
    bad = sign_at(doc, haidian_key, haidian_cert, WHEN, NULL);
    t_refused_import(org_db, org, bad, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "wrong-party"));
    free(bad);
    ck_ok(t_import(org_db, org, signed_doc, NULL, rep));
    ck_ok(sc_org_get(&o, org_db, AF_ORG, "2023-05-11"));
    ck_assert_int_eq(o.status, SC_FILING_FILED);
    ck_assert_int_eq(t_count(org_db, "SELECT count(*) FROM audit WHERE action = 'xml.import' AND "
                                     "detail LIKE 'doctype=evaluation-result%signer=-%'"), 0);

    free(signed_doc);
    sc_free(doc);
    sc_report_free(rep);
    sc_actor_free(org);
    sc_actor_free(haidian);
    sc_actor_free(centre);
    sc_db_close(org_db);
    sc_db_close(city_db);
}
END_TEST

/* ---- the seven remaining types: one signed round trip each ---------------------------------- */

/* A party's private key and certificate chain (leaf first). */
typedef struct {
    const char *key, *chain;
} keys;

#define BUREAU ((keys){ root_key, root_cert })
#define CENTRE ((keys){ centre_key, centre_cert })
#define HAIDIAN ((keys){ haidian_key, haidian_cert })
#define ORG ((keys){ org_key, org_chain })
#define ORG2 ((keys){ org2_key, org2_chain })

/* Carry `doc` into the anchored registry `to` as `as` (its addressee, or any party for a
 * public document). Each of these is refused and leaves `to` unchanged: `doc` unsigned;
 * signed by `issuer`, then (in the first `after`) `what` changed to `with`; signed by
 * `other`, a party the document does not name. Signed by `issuer` it is imported, and
 * the import's audit entry names a proven signer. Returns the records imported. */
static uint64_t signed_import(sc_db *to, const sc_actor *as, const char *doc, keys issuer,
                              keys other, const char *after, const char *what, const char *with)
{
    sc_report *rep = NULL;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    char *good = sign_at(doc, issuer.key, issuer.chain, WHEN, NULL), *bad, sql[256];
    const char *type;
    int doctype = 0;

    ck_ok(sc_report_new(&rep));
    ck_ok(sc_xml_validate_memory(&doctype, NULL, good, strlen(good), "signed.xml", NULL));
    type = sc_doctype_name(doctype);
    t_refused_import(to, as, doc, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "unsigned"));
    bad = t_edit(good, after, what, with);
    t_refused_import(to, as, bad, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_msg(strstr(sc_error_last()->message, "bad-signature") != NULL, "%s: %s", type,
                  sc_error_last()->message);
    free(bad);
    bad = sign_at(doc, other.key, other.chain, WHEN, NULL);
    t_refused_import(to, as, bad, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_msg(strstr(sc_error_last()->message, "wrong-party") != NULL, "%s: %s", type,
                  sc_error_last()->message);
    free(bad);

    ck_ok(t_import(to, as, good, &r, rep));
    ck_assert_int_eq(r.doctype, doctype);
    ck_assert_int_eq(r.already_imported, 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'xml.import' AND "
                              "detail LIKE 'doctype=%s %%signer=%%' AND detail NOT LIKE "
                              "'%%signer=-%%'", type);
    ck_assert_int_eq(t_count(to, sql), 1);
    free(good);
    sc_report_free(rep);
    return r.records;
}

/* A document about one organization, announcement, session or inspection, as of a day. */
static char *export_about(sc_db *db, int doctype, const char *code, int64_t id,
                          const char *date)
{
    sc_export_options o;
    char *doc = NULL;
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.credit_code = code;
    o.id = id;
    o.date = date;
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, db, doctype, &o));
    return doc;
}

/* A registry with the notice's catalog, anchored at the bureau's root. */
static sc_db *anchored_notice_db(void)
{
    sc_db *db = t_notice_db();
    set_anchor(db, root_cert);
    return db;
}

/* ---- issued by the city bureau, public: the catalog and the eligibility rules ---- */

START_TEST(test_pki_exchange_catalog_round_trip)
{
    sc_db *city = t_notice_db(), *district = anchored_notice_db();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_actor *haidian = t_actor(SC_ACTOR_DISTRICT, "110108");
    sc_occupation *o = NULL;
    char *doc = NULL;

    /* The bureau adds an occupation with a work type and two offerings. */
    ck_ok(sc_catalog_add_occupation(city, bureau, "4-04-05-13", "生成式人工智能系统应用员",
                                    "2024-07-01"));
    ck_ok(sc_catalog_add_work_type(city, bureau, "4-04-05-13", "模型应用", "2024-07-01"));
    ck_ok(sc_catalog_add_offering(city, bureau, "4-04-05-13", NULL, 5, "2024-07-01"));
    ck_ok(sc_catalog_add_offering(city, bureau, "4-04-05-13", "模型应用", 3, "2025-01-01"));
    ck_ok(sc_xml_export_memory(&doc, NULL, city, SC_DOC_CATALOG));
    ck_assert_int_eq(sc_occupation_lookup(&o, district, "4-04-05-13"), SC_ENOTFOUND);

    /* The district's registry takes the bureau's catalog; the centre may not sign it. */
    ck_assert_uint_eq(signed_import(district, haidian, doc, BUREAU, CENTRE, "4-04-05-13",
                                    "生成式人工智能系统应用员", "生成式人工智能应用员"), 4);
    ck_ok(sc_occupation_lookup(&o, district, "4-04-05-13"));
    ck_assert_str_eq(sc_occupation_name(o), "生成式人工智能系统应用员");
    ck_assert_str_eq(sc_occupation_effective(o), "2024-07-01");
    ck_assert_uint_eq(sc_occupation_work_type_count(o), 1);
    ck_assert_str_eq(sc_occupation_work_type(o, 0), "模型应用");
    ck_assert_uint_eq(sc_occupation_offering_count(o), 2);
    sc_occupation_free(o);
    {
        char *again = NULL;
        ck_ok(sc_xml_export_memory(&again, NULL, district, SC_DOC_CATALOG));
        ck_assert_str_eq(again, doc);
        sc_free(again);
    }
    sc_free(doc);
    sc_actor_free(bureau);
    sc_actor_free(haidian);
    sc_db_close(city);
    sc_db_close(district);
}
END_TEST

/* The bureau's catalog merges into a registry's copy: what the registry holds alike is
 * left as it is, a withdrawal it does not hold is recorded, and an occupation it holds
 * under another name is refused with nothing changed. */
START_TEST(test_pki_exchange_catalog_merges_into_a_held_copy)
{
    sc_db *city = t_notice_db(), *district = anchored_notice_db(), *other = anchored_notice_db();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_actor *haidian = t_actor(SC_ACTOR_DISTRICT, "110108");
    sc_report *rep = NULL;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    sc_occupation *o = NULL;
    char *doc = NULL, *signed_doc, *again = NULL;
    size_t i;
    int withdrawn = 0;

    ck_ok(sc_report_new(&rep));
    ck_ok(sc_catalog_withdraw_offering(city, bureau, AF_OCC, NULL, 1, "2025-01-01"));
    ck_ok(sc_catalog_add_occupation(city, bureau, "4-04-05-13", "生成式人工智能系统应用员",
                                    "2024-07-01"));
    ck_ok(sc_xml_export_memory(&doc, NULL, city, SC_DOC_CATALOG));
    signed_doc = sign_at(doc, root_key, root_cert, WHEN, NULL);

    ck_ok(t_import(district, haidian, signed_doc, &r, rep));
    ck_assert_uint_eq(r.records, 2); /* the withdrawal and the new occupation */
    ck_ok(sc_occupation_lookup(&o, district, AF_OCC));
    for (i = 0; i < sc_occupation_offering_count(o); i++)
        if (sc_occupation_offering_level(o, i) == 1)
            withdrawn += !strcmp(sc_occupation_offering_withdrawn(o, i), "2025-01-01");
    ck_assert_int_eq(withdrawn, 1);
    sc_occupation_free(o);
    ck_ok(sc_xml_export_memory(&again, NULL, district, SC_DOC_CATALOG));
    ck_assert_str_eq(again, doc);
    ck_ok(t_import(district, haidian, signed_doc, &r, rep));
    ck_assert_int_eq(r.already_imported, 1);

    ck_ok(sc_catalog_add_occupation(other, bureau, "4-04-05-13", "人工智能应用员", "2024-07-01"));
    t_refused_import(other, haidian, signed_doc, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "already in the catalog"));

    sc_free(again);
    free(signed_doc);
    sc_free(doc);
    sc_report_free(rep);
    sc_actor_free(bureau);
    sc_actor_free(haidian);
    sc_db_close(city);
    sc_db_close(district);
    sc_db_close(other);
}
END_TEST

START_TEST(test_pki_exchange_eligibility_round_trip)
{
    sc_db *city = t_notice_db(), *org_db = anchored_notice_db();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_actor *org = t_actor(SC_ACTOR_ORGANIZATION, AF_ORG);
    sc_ruleset *a = NULL, *b = NULL;
    char *doc = NULL;
    size_t i;

    ck_ok(sc_eligibility_load_defaults(NULL, city, bureau));
    ck_ok(sc_xml_export_memory(&doc, NULL, city, SC_DOC_ELIGIBILITY));
    ck_ok(sc_ruleset_load(&b, org_db, "2024-06-01"));
    ck_assert_uint_eq(sc_ruleset_count(b), 0);
    sc_ruleset_free(b);

    /* An organization's registry takes the bureau's rules; a district may not sign them. */
    ck_assert_uint_gt(signed_import(org_db, org, doc, BUREAU, HAIDIAN, "<condition", "clause=\"",
                                    "clause=\"x"), 0);
    ck_ok(sc_ruleset_load(&a, city, "2024-06-01"));
    ck_ok(sc_ruleset_load(&b, org_db, "2024-06-01"));
    ck_assert_uint_gt(sc_ruleset_count(a), 0);
    ck_assert_uint_eq(sc_ruleset_count(b), sc_ruleset_count(a));
    for (i = 0; i < sc_ruleset_count(a); i++) {
        ck_assert_str_eq(sc_ruleset_name(b, i), sc_ruleset_name(a, i));
        ck_assert_str_eq(sc_ruleset_effective(b, i), sc_ruleset_effective(a, i));
        ck_assert_uint_eq(sc_ruleset_condition_count(b, i), sc_ruleset_condition_count(a, i));
    }
    sc_ruleset_free(a);
    sc_ruleset_free(b);
    sc_free(doc);
    sc_actor_free(bureau);
    sc_actor_free(org);
    sc_db_close(city);
    sc_db_close(org_db);
}
END_TEST

/* ---- between an organization and the city centre ---- */

/* FX_ORG's level-4 session of 2024-03-01 with candidates 1..n passed on 2024-03-02. */
static int64_t passed_session(int n)
{
    int64_t s;
    fx_candidates(1, n);
    s = fx_ready_session("2024-03-01", 1, n);
    fx_pass(s, 1, n, "2024-03-02");
    return s;
}

/* And their certificates, reported on 2024-03-10 and issued on 2024-03-15. */
static void issued_certificates(char nums[][SC_CERT_NUMBER_SIZE], int n)
{
    int64_t s = passed_session(n);
    char id[19];
    int i;
    for (i = 0; i < n; i++) {
        fx_id(id, i + 1);
        ck_ok(sc_certificate_report(nums[i], fx.db, fx.org, s, id, "2024-03-10"));
        ck_ok(sc_certificate_issue(fx.db, fx.org, nums[i], "sha256:photo", "2024-03-15"));
    }
}

/* A copy of the fixture's registry that trusts the suite's root. */
static sc_db *anchored_clone(void)
{
    sc_db *db = t_clone_db(fx.db);
    set_anchor(db, root_cert);
    return db;
}

START_TEST(test_pki_exchange_certificate_ack_round_trip)
{
    char nums[2][SC_CERT_NUMBER_SIZE], *doc;
    sc_db *org_db;
    sc_certificate c = SC_CERTIFICATE_INIT;

    issued_certificates(nums, 2);
    org_db = anchored_clone(); /* the organization's registry, before the answer */
    /* The centre publishes one and refuses the other. */
    ck_ok(sc_certificate_publish(fx.db, fx.centre, nums[0], "2024-04-01"));
    ck_ok(sc_certificate_revoke(fx.db, fx.centre, nums[1], "照片与本人不符", "2024-04-02"));
    doc = export_about(fx.db, SC_DOC_CERTIFICATE_ACK, FX_ORG, 0, "2024-04-10");

    /* The answer is the centre's: the organization cannot sign it for itself. */
    ck_assert_uint_eq(signed_import(org_db, fx.org, doc, CENTRE, ORG, nums[0], "2024-04-01",
                                    "2024-04-03"), 2);
    ck_ok(sc_certificate_get(&c, org_db, nums[0]));
    ck_assert_int_eq(c.status, SC_CERT_PUBLISHED);
    ck_assert_str_eq(c.published, "2024-04-01");
    ck_ok(sc_certificate_get(&c, org_db, nums[1]));
    ck_assert_int_eq(c.status, SC_CERT_REVOKED);
    ck_assert_str_eq(c.revoke_reason, "照片与本人不符");
    sc_free(doc);
    sc_db_close(org_db);
}
END_TEST

START_TEST(test_pki_exchange_revocations_round_trip)
{
    char nums[2][SC_CERT_NUMBER_SIZE], *doc;
    sc_db *city_db;
    sc_certificate c = SC_CERTIFICATE_INIT;

    issued_certificates(nums, 2);
    city_db = anchored_clone(); /* the centre's registry holds both, issued */
    ck_ok(sc_certificate_revoke(fx.db, fx.org, nums[1], "信息有误", "2024-04-02"));
    doc = export_about(fx.db, SC_DOC_REVOCATIONS, FX_ORG, 0, "2024-04-10");

    /* Another organization's key does not speak for this one. */
    ck_assert_uint_eq(signed_import(city_db, fx.centre, doc, ORG, ORG2, "<revocation",
                                    "信息有误", "信息有错"), 1);
    ck_ok(sc_certificate_get(&c, city_db, nums[1]));
    ck_assert_int_eq(c.status, SC_CERT_REVOKED);
    ck_assert_str_eq(c.revoked, "2024-04-02");
    ck_assert_str_eq(c.revoke_reason, "信息有误");
    ck_ok(sc_certificate_get(&c, city_db, nums[0]));
    ck_assert_int_ne(c.status, SC_CERT_REVOKED);
    sc_free(doc);
    sc_db_close(city_db);
}
END_TEST

START_TEST(test_pki_exchange_results_report_round_trip)
{
    sc_db *city_db = anchored_clone(); /* the organizations filed, no session */
    int64_t s;
    char id[19], *doc;
    sc_session sess = SC_SESSION_INIT;
    sc_result res = SC_RESULT_INIT;

    s = passed_session(2);
    doc = export_about(fx.db, SC_DOC_RESULTS_REPORT, NULL, s, "2024-03-10");

    /* The report is the organization's: its district cannot send it. */
    ck_assert_uint_eq(signed_import(city_db, fx.centre, doc, ORG, HAIDIAN, "<session",
                                    "date=\"2024-03-01\"", "date=\"2024-03-04\""), 2);
    ck_ok(sc_session_get(&sess, city_db, t_count(city_db, "SELECT max(id) FROM session")));
    ck_assert_int_eq(sess.status, SC_SESSION_CONFIRMED);
    ck_assert_str_eq(sess.date, "2024-03-01");
    ck_assert_int_eq(sess.level, 4);
    fx_id(id, 2);
    ck_ok(sc_result_get(&res, city_db, sess.id, id));
    ck_assert_int_eq(res.passed, 1);
    ck_assert_str_eq(res.credit_code, FX_ORG);
    sc_free(doc);
    sc_db_close(city_db);
}
END_TEST

/* Haidian's inspection of FX_ORG on 2024-04-01 with one major finding, exported as of
 * 2024-04-03. */
static char *inspected(int64_t *insp)
{
    const char *ents[] = { "org:" FX_ORG };
    int64_t f;
    ck_ok(sc_inspection_open(insp, fx.db, fx.haidian, FX_ORG, SC_INSPECT_ORG, NULL,
                             "2024-04-01", "例行抽查"));
    ck_ok(sc_inspection_add_finding(&f, fx.db, fx.haidian, *insp, "staff-ratio",
                                    SC_FINDING_MAJOR, "理论考场监考人员不足", ents, 1,
                                    "2024-04-02"));
    return export_about(fx.db, SC_DOC_FINDINGS, NULL, *insp, "2024-04-03");
}

START_TEST(test_pki_exchange_findings_round_trip)
{
    sc_db *city_db = anchored_clone();
    int64_t insp;
    char *doc;
    sc_credit_score before = SC_CREDIT_SCORE_INIT, after = SC_CREDIT_SCORE_INIT;
    sc_finding f = SC_FINDING_INIT;

    ck_ok(sc_credit_score_get(&before, city_db, FX_ORG, "2024-05-01"));
    doc = inspected(&insp);
    /* The district's findings: the centre cannot sign them in its name. */
    ck_assert_uint_eq(signed_import(city_db, fx.centre, doc, HAIDIAN, CENTRE, "<finding",
                                    "severity=\"major\"", "severity=\"minor\""), 2);
    ck_ok(sc_finding_get(&f, city_db, t_count(city_db, "SELECT max(id) FROM finding")));
    ck_assert_str_eq(f.credit_code, FX_ORG);
    ck_assert_str_eq(f.category, "staff-ratio");
    ck_assert_int_eq(f.severity, SC_FINDING_MAJOR);
    ck_assert_str_eq(f.date, "2024-04-02");
    ck_ok(sc_credit_score_get(&after, city_db, FX_ORG, "2024-05-01"));
    ck_assert_int_eq(after.findings, 1);
    ck_assert(after.score < before.score);
    sc_free(doc);
    sc_db_close(city_db);
}
END_TEST

/* The credit evaluation is published, never imported: an organization's registry
 * verifies the centre's signature against its own anchor, and no registry imports it. */
START_TEST(test_pki_exchange_credit_verified_by_another_registry)
{
    sc_db *org_db = anchored_clone();
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    sc_credit_score score = SC_CREDIT_SCORE_INIT;
    sc_report *rep = NULL;
    int64_t insp;
    char *findings, *doc = NULL, *signed_doc, *bad, line[512];

    ck_ok(sc_report_new(&rep));
    findings = inspected(&insp);
    ck_ok(sc_credit_compute(NULL, fx.db, fx.centre, "2024-05-01"));
    ck_ok(sc_credit_score_get(&score, fx.db, FX_ORG, "2024-05-01"));
    ck_ok(sc_credit_export_memory(&doc, NULL, fx.db, "2024-05-01"));
    signed_doc = sign_at(doc, centre_key, centre_cert, WHEN, NULL);

    ck_ok(sc_xml_registry_verify(&v, org_db, signed_doc, strlen(signed_doc)));
    ck_assert_int_eq(v.layers, 1);
    ck_assert_str_eq(v.sig[0].party, "city-centre");
    snprintf(line, sizeof line, "credit-code=\"%s\" name=\"%s\" score=\"%.2f\" findings=\"1\"",
             FX_ORG, score.name, score.score);
    ck_assert_msg(strstr(signed_doc, line) != NULL, "%s in %s", line, signed_doc);
    /* Tampered, or signed by a district: refused. */
    bad = t_edit(signed_doc, FX_ORG, "findings=\"1\"", "findings=\"0\"");
    ck_assert_int_eq(sc_xml_registry_verify(&v, org_db, bad, strlen(bad)), SC_EINVALIDDOC);
    ck_assert_int_eq(v.result.reason, SC_SIG_BAD_SIGNATURE);
    free(bad);
    bad = sign_at(doc, haidian_key, haidian_cert, WHEN, NULL);
    ck_assert_int_eq(sc_xml_registry_verify(&v, org_db, bad, strlen(bad)), SC_EINVALIDDOC);
    ck_assert_int_eq(v.result.reason, SC_SIG_WRONG_PARTY);
    free(bad);
    /* Signed or not, no registry imports it. */
    t_refused_import(org_db, fx.org, signed_doc, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "not imported"));

    free(signed_doc);
    sc_free(doc);
    sc_free(findings);
    sc_report_free(rep);
    sc_db_close(org_db);
}
END_TEST

/* ---- every document type has its signed round trip ------------------------------------------ */

/* Where the export -> sign -> import between two registries (one anchored) of each
 * document type is tested. A type added to the library without a row, or a row
 * without its test (NULL), fails. */
static const struct {
    int doctype;
    const char *where;
} round_trips[] = {
    { SC_DOC_CANDIDATE_BATCH, "check_pki_exchange.c test_pki_exchange_batch_and_confirmation_round_trip (detached, from memory)" },
    { SC_DOC_CONFIRMATION, "check_pki_exchange.c test_pki_exchange_batch_and_confirmation_round_trip" },
    { SC_DOC_ORG_APPLICATION, "check_pki.c test_pki_import_key_rotation" },
    { SC_DOC_RECOMMENDATION, "check_pki.c test_pki_import_recommendation_by_the_district" },
    { SC_DOC_DIRECTORY, "check_pki.c test_pki_import_directory_by_the_centre" },
    { SC_DOC_CERTIFICATE_BATCH, "tests/cli/test-keys.sh (export --key, FILE.p7s, import)" },
    { SC_DOC_CERTIFICATE, "check_pki.c test_pki_certificate_offline; never imported: verified offline" },
    { SC_DOC_EVALUATION_RESULT, "check_pki_exchange.c test_pki_exchange_evaluation_result_round_trip" },
    { SC_DOC_CATALOG, "check_pki_exchange.c test_pki_exchange_catalog_round_trip" },
    { SC_DOC_ELIGIBILITY, "check_pki_exchange.c test_pki_exchange_eligibility_round_trip" },
    { SC_DOC_CERTIFICATE_ACK, "check_pki_exchange.c test_pki_exchange_certificate_ack_round_trip" },
    { SC_DOC_REVOCATIONS, "check_pki_exchange.c test_pki_exchange_revocations_round_trip" },
    { SC_DOC_CREDIT, "check_pki_exchange.c test_pki_exchange_credit_verified_by_another_registry; never imported: verified against the anchor" },
    { SC_DOC_RESULTS_REPORT, "check_pki_exchange.c test_pki_exchange_results_report_round_trip" },
    { SC_DOC_FINDINGS, "check_pki_exchange.c test_pki_exchange_findings_round_trip" },
};

START_TEST(test_pki_exchange_every_type_has_a_round_trip)
{
    int d, missing = 0;
    char list[1024] = "";
    for (d = 1; d < 64; d++) {
        size_t i;
        int found = 0;
        if (!sc_doctype_name(d))
            continue;
        for (i = 0; i < sizeof round_trips / sizeof round_trips[0]; i++)
            found |= round_trips[i].doctype == d;
        if (!found) {
            missing++;
            strncat(list, " ", sizeof list - strlen(list) - 1);
            strncat(list, sc_doctype_name(d), sizeof list - strlen(list) - 1);
        }
    }
    ck_assert_msg(missing == 0, "no signed round trip between registries for:%s (add one and "
                  "a row to round_trips[])", list);
    {
        size_t i, done = 0;
        for (i = 0; i < sizeof round_trips / sizeof round_trips[0]; i++) {
            ck_assert_msg(sc_doctype_name(round_trips[i].doctype) != NULL, "row %zu: no such type",
                          i);
            done += round_trips[i].where != NULL;
        }
        ck_assert_uint_eq(done, sizeof round_trips / sizeof round_trips[0]);
        ck_assert_uint_ge(done, 15);
    }
}
END_TEST

/* A case of s on the suite's trust chains (built once), with a registry per test
   from setup/teardown when given. */
static TCase *chain_case(Suite *s, const char *name, void (*setup)(void),
                         void (*teardown)(void))
{
    TCase *tc = tcase_create(name);
    tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
    if (setup)
        tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return tc;
}

Suite *sc_pki_exchange_suite(void)
{
    Suite *s = suite_create("pki_exchange");
    TCase *tc = tcase_create("schemes");
    tcase_add_test(tc, test_pki_exchange_schemas_name_their_scheme);
    suite_add_tcase(s, tc);

    tc = chain_case(s, "between_registries", af_setup, af_teardown);
    tcase_add_test(tc, test_pki_exchange_unanchored_checks_integrity);
    tcase_add_test(tc, test_pki_exchange_batch_and_confirmation_round_trip);
    tcase_add_test(tc, test_pki_exchange_evaluation_result_round_trip);

    tc = chain_case(s, "publication", fx_setup, fx_teardown);
    tcase_add_test(tc, test_pki_exchange_countersign_on_publish);

    tc = chain_case(s, "bureau", NULL, NULL);
    tcase_add_test(tc, test_pki_exchange_catalog_round_trip);
    tcase_add_test(tc, test_pki_exchange_catalog_merges_into_a_held_copy);
    tcase_add_test(tc, test_pki_exchange_eligibility_round_trip);

    tc = chain_case(s, "organization_and_centre", fx_setup, fx_teardown);
    tcase_add_test(tc, test_pki_exchange_certificate_ack_round_trip);
    tcase_add_test(tc, test_pki_exchange_revocations_round_trip);
    tcase_add_test(tc, test_pki_exchange_results_report_round_trip);
    tcase_add_test(tc, test_pki_exchange_findings_round_trip);
    tcase_add_test(tc, test_pki_exchange_credit_verified_by_another_registry);

    tc = tcase_create("every_type");
    tcase_add_test(tc, test_pki_exchange_every_type_has_a_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
