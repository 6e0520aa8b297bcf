/*
 * Allocation failures in the public constructors that had no loop elsewhere
 * (issue 15): for each, the Nth library allocation fails, N = 0, 1, ...,
 * until the call succeeds. Every failure returns SC_ENOMEM, hands out
 * nothing (the out-pointer stays NULL) and leaves the registry as it was;
 * the success is freed. Leaks show under valgrind or ASan (the sanitizer
 * pass runs this suite too).
 *
 * The loops for the other constructors sit with their modules' tests
 * (grep sc__mem_fail_after in tests/).
 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_suites.h"
#include "assess_fixture.h"
#include "pki_fixture.h"
#include "sc_int.h"

#define MAX_N 5000

/* The loop for a constructor with an out-pointer `obj`. */
#define ALLOC_LOOP(call, obj, freefn)                                                    \
    do {                                                                                 \
        long n_;                                                                         \
        for (n_ = 0; n_ < MAX_N; n_++) {                                                 \
            int rc_;                                                                     \
            obj = NULL;                                                                  \
            sc__mem_fail_after(n_);                                                      \
            rc_ = (call);                                                                \
            sc__mem_fail_after(-1);                                                      \
            if (rc_ == SC_OK) {                                                          \
                ck_assert_msg(obj != NULL, "%s: SC_OK and no object", #call);            \
                freefn(obj);                                                             \
                break;                                                                   \
            }                                                                            \
            ck_assert_msg(rc_ == SC_ENOMEM, "%s: %d at allocation %ld: %s", #call, rc_,  \
                          n_, sc_error_last()->message);                                 \
            ck_assert_msg(obj == NULL, "%s: failed at %ld but handed out an object",     \
                          #call, n_);                                                    \
        }                                                                                \
        ck_assert_msg(n_ > 0, "%s allocates nothing: the loop tested nothing", #call);   \
        ck_assert_msg(n_ < MAX_N, "%s never succeeded", #call);                         \
    } while (0)

/* The loop for a call that writes the registry: each failure is SC_ENOMEM and
   changes nothing; the success changes it. */
#define CHANGE_LOOP(db, call)                                                            \
    do {                                                                                 \
        long n_;                                                                         \
        char *start_ = t_dump(db), *end_;                                                \
        for (n_ = 0; n_ < MAX_N; n_++) {                                                 \
            char *after_;                                                                \
            int rc_;                                                                     \
            sc__mem_fail_after(n_);                                                      \
            rc_ = (call);                                                                \
            sc__mem_fail_after(-1);                                                      \
            if (rc_ == SC_OK)                                                            \
                break;                                                                   \
            ck_assert_msg(rc_ == SC_ENOMEM, "%s: %d at allocation %ld: %s", #call, rc_,  \
                          n_, sc_error_last()->message);                                 \
            after_ = t_dump(db);                                                         \
            ck_assert_msg(strcmp(start_, after_) == 0, "%s failed at %ld and changed "   \
                          "the registry", #call, n_);                                    \
            free(after_);                                                                \
        }                                                                                \
        ck_assert_msg(n_ > 0, "%s allocates nothing: the loop tested nothing", #call);   \
        ck_assert_msg(n_ < MAX_N, "%s never succeeded", #call);                         \
        end_ = t_dump(db);                                                               \
        ck_assert_msg(strcmp(start_, end_) != 0, "%s succeeded and changed nothing",     \
                      #call);                                                            \
        free(start_);                                                                    \
        free(end_);                                                                      \
    } while (0)

static void free_str(char *p)
{
    sc_free(p);
}

/* The registry's dump before the read-only loops of a test, compared at its end. */
static char *before;

static void unchanged_begin(sc_db *db)
{
    before = t_dump(db);
}

static void unchanged_end(sc_db *db)
{
    char *after = t_dump(db);
    ck_assert_msg(strcmp(before, after) == 0, "a failed constructor changed the registry");
    free(before);
    free(after);
    before = NULL;
}

/* ---- catalog, eligibility --------------------------------------------------------------- */

START_TEST(test_alloc_catalog_load_notice)
{
    sc_db *db = t_memdb();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    CHANGE_LOOP(db, sc_catalog_load_notice(db, bureau));
    ck_assert_int_gt(t_count(db, "SELECT count(*) FROM occupation"), 0);
    sc_actor_free(bureau);
    sc_db_close(db);
}
END_TEST

START_TEST(test_alloc_eligibility_load_defaults)
{
    sc_db *db = t_notice_db();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    CHANGE_LOOP(db, sc_eligibility_load_defaults(&r, db, bureau));
    ck_assert_uint_gt(r.records, 0);
    sc_actor_free(bureau);
    sc_db_close(db);
}
END_TEST

START_TEST(test_alloc_occupation_code_normalize)
{
    char *s;
    ALLOC_LOOP(sc_occupation_code_normalize(&s, "4-02-07-10"), s, free_str);
}
END_TEST

START_TEST(test_alloc_occupation_iter)
{
    sc_db *db = t_notice_db();
    sc_occupation_iter *it;
    sc_occupation *o;
    long n;
    unchanged_begin(db);
    ALLOC_LOOP(sc_occupation_iter_new(&it, db, NULL), it, sc_occupation_iter_free);
    /* The next occupation, each time from a fresh iterator. */
    for (n = 0; n < MAX_N; n++) {
        int rc;
        ck_ok(sc_occupation_iter_new(&it, db, NULL));
        o = NULL;
        sc__mem_fail_after(n);
        rc = sc_occupation_iter_next(&o, it);
        sc__mem_fail_after(-1);
        sc_occupation_iter_free(it);
        if (rc == SC_OK) {
            ck_assert_ptr_nonnull(o);
            sc_occupation_free(o);
            break;
        }
        ck_assert_msg(rc == SC_ENOMEM, "sc_occupation_iter_next: %d at %ld", rc, n);
        ck_assert_ptr_null(o);
    }
    ck_assert_int_gt(n, 0);
    ck_assert_int_lt(n, MAX_N);
    unchanged_end(db);
    sc_db_close(db);
}
END_TEST

START_TEST(test_alloc_xml_export)
{
    sc_db *db = t_notice_db();
    char *x;
    unchanged_begin(db);
    ALLOC_LOOP(sc_xml_export_memory(&x, NULL, db, SC_DOC_CATALOG), x, free_str);
    unchanged_end(db);
    sc_db_close(db);
}
END_TEST

/* ---- organizations, assessment, supervision (the assessment fixture) ----------------------- */

START_TEST(test_alloc_org_filing_and_staff)
{
    int64_t filing = t_count(fx.db, "SELECT f.id FROM filing f JOIN org o ON o.id = f.org_id "
                                    "WHERE o.credit_code = '" FX_ORG "' ORDER BY f.id LIMIT 1");
    sc_offerings *s;
    sc_filing_step_iter *fi;
    ck_assert_int_gt(filing, 0);
    unchanged_begin(fx.db);
    ALLOC_LOOP(sc_filing_scope_get(&s, fx.db, filing, 1), s, sc_offerings_free);
    ALLOC_LOOP(sc_filing_step_iter_new(&fi, fx.db, filing), fi, sc_filing_step_iter_free);
    ALLOC_LOOP(sc_staff_qualifications_get(&s, fx.db, FX_ORG, "E01", SC_STAFF_EXAMINER), s,
               sc_offerings_free);
    unchanged_end(fx.db);
}
END_TEST

START_TEST(test_alloc_xml_exchange_export)
{
    sc_export_options o;
    char *x;
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.date = "2023-06-01";
    unchanged_begin(fx.db);
    ALLOC_LOOP(sc_xml_exchange_export_memory(&x, NULL, fx.db, SC_DOC_DIRECTORY, &o), x,
               free_str);
    unchanged_end(fx.db);
}
END_TEST

START_TEST(test_alloc_session_iters)
{
    int64_t s;
    sc_session_staff_iter *staff;
    sc_enrolment_iter *enrolments;
    sc_result_iter *results;
    fx_candidates(1, 3);
    s = fx_ready_session("2024-03-01", 1, 3);
    fx_pass(s, 1, 3, "2024-03-02");
    unchanged_begin(fx.db);
    ALLOC_LOOP(sc_session_staff_iter_new(&staff, fx.db, s), staff, sc_session_staff_iter_free);
    ALLOC_LOOP(sc_enrolment_iter_new(&enrolments, fx.db, s), enrolments, sc_enrolment_iter_free);
    ALLOC_LOOP(sc_result_iter_new(&results, fx.db, s), results, sc_result_iter_free);
    unchanged_end(fx.db);
}
END_TEST

START_TEST(test_alloc_bank_and_paper)
{
    sc_item *item = NULL;
    sc_blueprint *bp = NULL;
    sc_bank_iter *bi;
    sc_paper_item_iter *pi;
    int64_t s = fx_session(4, "2024-03-01", 0), paper = 0;
    long n;
    ck_ok(sc_item_new(&item, "Q1", SC_ITEM_SINGLE, FX_OCC, NULL, 4, "基础知识", 1, "题干"));
    ck_ok(sc_item_add_option(item, "甲"));
    ck_ok(sc_item_add_option(item, "乙"));
    ck_ok(sc_item_set_answer(item, "B"));
    ck_ok(sc_bank_item_save(NULL, fx.db, fx.org, FX_ORG, item));
    sc_item_free(item);
    ck_ok(sc_blueprint_new(&bp));
    ck_ok(sc_blueprint_add_area(bp, "基础知识", 100));
    ck_ok(sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 1, 100));
    ck_ok(sc_paper_assemble(&paper, fx.db, fx.org, s, SC_COMPONENT_THEORY, bp, 7));
    sc_blueprint_free(bp);
    unchanged_begin(fx.db);
    ALLOC_LOOP(sc_paper_item_iter_new(&pi, fx.db, paper), pi, sc_paper_item_iter_free);
    /* The next bank item, each time from a fresh iterator. */
    for (n = 0; n < MAX_N; n++) {
        int rc;
        ck_ok(sc_bank_iter_new(&bi, fx.db, FX_ORG, NULL));
        item = NULL;
        sc__mem_fail_after(n);
        rc = sc_bank_iter_next(&item, bi);
        sc__mem_fail_after(-1);
        sc_bank_iter_free(bi);
        if (rc == SC_OK) {
            ck_assert_ptr_nonnull(item);
            ck_assert_str_eq(sc_item_answer(item), "B");
            sc_item_free(item);
            break;
        }
        ck_assert_msg(rc == SC_ENOMEM, "sc_bank_iter_next: %d at %ld", rc, n);
        ck_assert_ptr_null(item);
    }
    ck_assert_int_gt(n, 0);
    ck_assert_int_lt(n, MAX_N);
    unchanged_end(fx.db);
}
END_TEST

/* Opening an inspection allocates nothing (its statements are prepared and
   cached): it succeeds with every allocation failing. */
START_TEST(test_alloc_inspection_open)
{
    int64_t id = 0;
    long before_rows = t_count(fx.db, "SELECT count(*) FROM inspection");
    int rc;
    sc__mem_fail_after(0);
    rc = sc_inspection_open(&id, fx.db, fx.haidian, FX_ORG, SC_INSPECT_ORG, NULL, "2024-05-01",
                            NULL);
    sc__mem_fail_after(-1);
    ck_ok(rc);
    ck_assert_int_gt(id, 0);
    ck_assert_int_eq(t_count(fx.db, "SELECT count(*) FROM inspection"), before_rows + 1);
}
END_TEST

/* ---- keys, signers, signatures, the registry's trust store ----------------------------------- */

static char *root_key, *root_cert, *centre_key, *centre_cert;

static void pki_setup(void)
{
    root_key = new_key();
    root_cert = certify(root_key, NULL, root_key, "city-bureau", "2024-01-01", "2030-12-31");
    centre_key = new_key();
    centre_cert = certify(root_key, root_cert, centre_key, "city-centre", "2024-01-01",
                          "2030-12-31");
}

static void pki_teardown(void)
{
    sc_free(root_key);
    sc_free(root_cert);
    sc_free(centre_key);
    sc_free(centre_cert);
    root_key = root_cert = centre_key = centre_cert = NULL;
}

static int sign_never(const unsigned char *digest, size_t len, unsigned char *sig,
                      size_t *siglen, void *payload)
{
    (void)digest, (void)len, (void)sig, (void)siglen, (void)payload;
    return -1;
}

START_TEST(test_alloc_pki_keys_and_signers)
{
    char *x, *req = NULL;
    sc_signer *s, *root = NULL;
    ALLOC_LOOP(sc_pki_key_new(&x, NULL), x, free_str);
    ALLOC_LOOP(sc_pki_request_new(&x, NULL, centre_key, "city-centre"), x, free_str);
    ALLOC_LOOP(sc_signer_new_key(&s, centre_key, centre_cert), s, sc_signer_free);
    ALLOC_LOOP(sc_signer_new_callback(&s, centre_cert, sign_never, NULL), s, sc_signer_free);
    root = signer(root_key, root_cert);
    ck_ok(sc_pki_request_new(&req, NULL, centre_key, "city-centre"));
    ALLOC_LOOP(sc_pki_certify(&x, NULL, root, req, "2024-01-01", "2030-12-31"), x, free_str);
    ALLOC_LOOP(sc_pki_crl_new(&x, NULL, root, NULL, 0, "2024-09-01", "2024-10-01"), x,
               free_str);
    sc_free(req);
    sc_signer_free(root);
}
END_TEST

START_TEST(test_alloc_pki_signatures)
{
    static const char doc[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                              "<report xmlns=\"urn:example:report:1\" batch=\"R1\">\n"
                              "  <item id=\"a\" value=\"1\"/>\n"
                              "</report>\n";
    char *path = t_tmpfile(".xml"), *x;
    sc_signer *s = NULL;
    sc_sign_options o = SC_SIGN_OPTIONS_INIT;
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(doc, fp);
    fclose(fp);
    o.signed_at = "2024-06-01T08:00:00Z";
    s = signer(centre_key, centre_cert);
    ALLOC_LOOP(sc_xml_sign_memory(&x, NULL, doc, strlen(doc), s, &o), x, free_str);
    ALLOC_LOOP(sc_pki_sign_detached(&x, NULL, path, s, "2024-06-01T08:00:00Z"), x, free_str);
    sc_signer_free(s);
    remove(path);
    free(path);
}
END_TEST

START_TEST(test_alloc_pki_registry)
{
    sc_db *db = t_notice_db();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_signer *cs = NULL;
    sc_pki_cert_iter *it;
    char *crl = NULL, *x;
    ck_ok(sc_pki_anchor_set(db, bureau, root_cert, NULL));
    ck_ok(sc_pki_cert_import(NULL, db, bureau, centre_cert));
    cs = signer(centre_key, centre_cert);
    ck_ok(sc_pki_crl_new(&crl, NULL, cs, NULL, 0, "2024-09-01", "2024-10-01"));
    ck_ok(sc_pki_crl_import(NULL, db, centre, crl));
    unchanged_begin(db);
    ALLOC_LOOP(sc_pki_anchor_get(&x, db), x, free_str);
    ALLOC_LOOP(sc_pki_crls_get(&x, db), x, free_str);
    ALLOC_LOOP(sc_pki_cert_iter_new(&it, db, NULL), it, sc_pki_cert_iter_free);
    unchanged_end(db);
    sc_free(crl);
    sc_signer_free(cs);
    sc_actor_free(centre);
    sc_actor_free(bureau);
    sc_db_close(db);
}
END_TEST

Suite *sc_alloc_suite(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("catalog");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_alloc_catalog_load_notice);
    tcase_add_test(tc, test_alloc_eligibility_load_defaults);
    tcase_add_test(tc, test_alloc_occupation_code_normalize);
    tcase_add_test(tc, test_alloc_occupation_iter);
    tcase_add_test(tc, test_alloc_xml_export);
    suite_add_tcase(s, tc);

    tc = tcase_create("fixture");
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_alloc_org_filing_and_staff);
    tcase_add_test(tc, test_alloc_xml_exchange_export);
    tcase_add_test(tc, test_alloc_session_iters);
    tcase_add_test(tc, test_alloc_bank_and_paper);
    tcase_add_test(tc, test_alloc_inspection_open);
    suite_add_tcase(s, tc);

    tc = tcase_create("pki");
    tcase_add_checked_fixture(tc, pki_setup, pki_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_alloc_pki_keys_and_signers);
    tcase_add_test(tc, test_alloc_pki_signatures);
    tcase_add_test(tc, test_alloc_pki_registry);
    suite_add_tcase(s, tc);
    return s;
}
