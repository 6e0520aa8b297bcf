/* The audit trail: one hash-chained entry per change, and verification that
 * names the first entry edited, removed or reordered with plain SQL. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <sqlite3.h>
#include "check_suites.h"
#include "store_int.h"
#include "audit_int.h"

#define ORG_A "91110108MA01ABCD2H"

static sc_db *db;
static sc_actor *city, *centre, *haidian, *org_a;

/* A registry with a few entries: the catalog batch (1), a catalog change
 * (2), registration (3), application (4), recommendation (5), evaluation (6). */
static void setup(void)
{
    sc_offerings *s = NULL;
    /* A new registry (not development: it imports nothing here, and so the chain
     * starts with the notice's catalog). */
    db = t_newdb();
    city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    ck_ok(sc_catalog_load_notice(db, city));
    centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    haidian = t_actor(SC_ACTOR_DISTRICT, "110108");
    org_a = t_actor(SC_ACTOR_ORGANIZATION, ORG_A);
    ck_ok(sc_catalog_add_alias(db, city, "4-04-05-99", "4-04-05-05"));
    ck_ok(sc_org_register(db, org_a, ORG_A, "北京智训科技有限公司", SC_ORG_ENTERPRISE, "110108",
                          "2023-01-05", 0));
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-02-07-10:5,4"));
    ck_ok(sc_org_apply(db, org_a, ORG_A, s, "2023-02-01"));
    sc_offerings_free(s);
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2023-02-10", NULL));
    ck_ok(sc_org_evaluate(db, centre, ORG_A, NULL, SC_EVAL_ALL, "2023-03-01", NULL));
}

static void teardown(void)
{
    sc_db_close(db);
    sc_actor_free(city);
    sc_actor_free(centre);
    sc_actor_free(haidian);
    sc_actor_free(org_a);
}

static void sql(const char *text)
{
    char *err = NULL;
    int rc = sqlite3_exec(db->conn, text, NULL, NULL, &err);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", text, err ? err : "?");
    sqlite3_free(err);
}

static void verify(sc_audit_result *r)
{
    ck_ok(sc_audit_verify(r, db));
}

/* The hash of audit.h, computed here independently of the library. */
static void put(crypto_hash_sha256_state *h, const unsigned char *s, int null)
{
    unsigned char len[4];
    uint32_t n = null ? 0xFFFFFFFFu : (uint32_t)strlen((const char *)s);
    len[0] = (unsigned char)(n >> 24);
    len[1] = (unsigned char)(n >> 16);
    len[2] = (unsigned char)(n >> 8);
    len[3] = (unsigned char)n;
    crypto_hash_sha256_update(h, len, 4);
    if (!null)
        crypto_hash_sha256_update(h, s, strlen((const char *)s));
}

static void row_hash(sqlite3_stmt *st, const unsigned char *prev, unsigned char out[32])
{
    crypto_hash_sha256_state h;
    int i;
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, prev, 32);
    for (i = 1; i <= 6; i++)
        put(&h, sqlite3_column_text(st, i), sqlite3_column_type(st, i) == SQLITE_NULL);
    crypto_hash_sha256_final(&h, out);
}

/* Recompute the chain from entry `from` on, as a forger would, and move the head. */
static void rechain(sqlite3_int64 from)
{
    sqlite3_stmt *st, *up;
    unsigned char prev[32], h[32];
    sqlite3_int64 last = 0;
    memset(prev, 0, sizeof prev);
    ck_assert_int_eq(sqlite3_prepare_v2(db->conn,
                                        "SELECT seq, at, actor, entity, entity_id, action, detail,"
                                        " prev_hash, hash FROM audit ORDER BY seq",
                                        -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db->conn,
                                        "UPDATE audit SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
                                        -1, &up, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 seq = sqlite3_column_int64(st, 0);
        if (seq < from) {
            memcpy(prev, sqlite3_column_blob(st, 8), 32);
            continue;
        }
        row_hash(st, prev, h);
        sqlite3_bind_int64(up, 1, seq);
        sqlite3_bind_blob(up, 2, prev, 32, SQLITE_TRANSIENT);
        sqlite3_bind_blob(up, 3, h, 32, SQLITE_TRANSIENT);
        ck_assert_int_eq(sqlite3_step(up), SQLITE_DONE);
        sqlite3_reset(up);
        memcpy(prev, h, 32);
        last = seq;
    }
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    if (last) {
        ck_assert_int_eq(sqlite3_prepare_v2(db->conn,
                                            "UPDATE audit_head SET seq = ?1, hash = ?2", -1, &up,
                                            NULL), SQLITE_OK);
        sqlite3_bind_int64(up, 1, last);
        sqlite3_bind_blob(up, 2, prev, 32, SQLITE_TRANSIENT);
        ck_assert_int_eq(sqlite3_step(up), SQLITE_DONE);
        sqlite3_finalize(up);
    }
}

/* ---- the chain ---------------------------------------------------------------------- */

START_TEST(test_audit_chain_format)
{
    sqlite3_stmt *st;
    unsigned char prev[32], h[32];
    sqlite3_int64 expect = 1;
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    ck_assert_int_eq(sodium_init() >= 0, 1);
    memset(prev, 0, sizeof prev);
    ck_assert_int_eq(sqlite3_prepare_v2(db->conn,
                                        "SELECT seq, at, actor, entity, entity_id, action, detail,"
                                        " prev_hash, hash FROM audit ORDER BY seq",
                                        -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        ck_assert_int_eq(sqlite3_column_int64(st, 0), expect++);
        ck_assert_int_eq(sqlite3_column_bytes(st, 7), 32);
        ck_assert_int_eq(memcmp(sqlite3_column_blob(st, 7), prev, 32), 0);
        row_hash(st, prev, h);
        ck_assert_int_eq(memcmp(sqlite3_column_blob(st, 8), h, 32), 0);
        memcpy(prev, h, 32);
    }
    sqlite3_finalize(st);
    ck_assert_int_eq(expect - 1, 6);
    verify(&r);
    ck_assert_int_eq(r.ok, 1);
    ck_assert_int_eq(r.entries, 6);
    ck_assert_int_eq(r.first_bad_seq, 0);
    ck_assert_int_eq(r.problem, SC_AUDIT_INTACT);
    ck_assert_str_eq(r.message, "");
}
END_TEST

START_TEST(test_audit_entries_name_actor_entity_action)
{
    static const char *actions[] = { "xml.import", "catalog.add_alias", "org.register",
                                     "org.apply", "org.recommend", "org.evaluate" };
    static const char *entities[] = { "batch", "occupation", "org", "org", "org", "org" };
    sc_audit_query q = SC_AUDIT_QUERY_INIT;
    sc_audit_iter *it = NULL;
    sc_audit_entry e = SC_AUDIT_ENTRY_INIT;
    char last_at[SC_AUDIT_TIME_SIZE] = "";
    int i, rc;
    ck_ok(sc_audit_iter_new(&it, db, NULL));
    for (i = 0; (rc = sc_audit_iter_next(&e, it)) == SC_OK; i++) {
        ck_assert_int_lt(i, 6);
        ck_assert_int_eq(e.seq, i + 1);
        ck_assert_str_eq(e.action, actions[i]);
        ck_assert_str_eq(e.entity, entities[i]);
        ck_assert_uint_eq(strlen(e.hash), 64);
        ck_assert_uint_eq(strlen(e.prev_hash), 64);
        ck_assert_uint_eq(strlen(e.at), 20);
        ck_assert_int_ge(strcmp(e.at, last_at), 0);
        snprintf(last_at, sizeof last_at, "%s", e.at);
    }
    ck_assert_int_eq(rc, SC_ITEROVER);
    ck_assert_int_eq(sc_audit_iter_next(&e, it), SC_ITEROVER);
    sc_audit_iter_free(it);

    q.entity = "batch";
    ck_ok(sc_audit_iter_new(&it, db, &q));
    ck_ok(sc_audit_iter_next(&e, it));
    ck_assert_str_eq(e.actor, "city-bureau (test)");
    ck_assert_ptr_nonnull(strstr(e.detail, "doctype=catalog"));
    ck_assert_ptr_nonnull(strstr(e.detail, "records="));
    ck_assert_str_eq(e.prev_hash,
                     "0000000000000000000000000000000000000000000000000000000000000000");
    sc_audit_iter_free(it);

    q.entity = "occupation";
    q.entity_id = "4-04-05-05";
    ck_ok(sc_audit_iter_new(&it, db, &q));
    ck_ok(sc_audit_iter_next(&e, it));
    ck_assert_str_eq(e.action, "catalog.add_alias");
    ck_assert_ptr_nonnull(strstr(e.detail, "alias=4-04-05-99"));
    sc_audit_iter_free(it);

    q.entity = "org";
    q.entity_id = ORG_A;
    ck_ok(sc_audit_iter_new(&it, db, &q));
    for (i = 0; sc_audit_iter_next(&e, it) == SC_OK; i++)
        ;
    ck_assert_int_eq(i, 4);
    sc_audit_iter_free(it);
    q.entity_id = "nobody";
    ck_ok(sc_audit_iter_new(&it, db, &q));
    ck_assert_int_eq(sc_audit_iter_next(&e, it), SC_ITEROVER);
    sc_audit_iter_free(it);
}
END_TEST

static int audit_count(const sc_audit_query *q)
{
    sc_audit_iter *it = NULL;
    sc_audit_entry e = SC_AUDIT_ENTRY_INIT;
    int n;
    ck_ok(sc_audit_iter_new(&it, db, q));
    for (n = 0; sc_audit_iter_next(&e, it) == SC_OK; n++)
        if (q && q->entity)
            ck_assert_str_eq(e.entity, q->entity);
    sc_audit_iter_free(it);
    return n;
}

/* The trail's filters come in a versioned sc_audit_query. */
START_TEST(test_audit_query)
{
    sc_audit_query q = SC_AUDIT_QUERY_INIT;
    sc_audit_iter *it = NULL;
    /* No query, and the initial one: the whole trail. */
    ck_assert_int_eq(audit_count(NULL), 6);
    ck_assert_int_eq(audit_count(&q), 6);
    /* Each field filters on its own, and both together. */
    q.entity = "org";
    ck_assert_int_eq(audit_count(&q), 4);
    q.entity = NULL;
    q.entity_id = "4-04-05-05";
    ck_assert_int_eq(audit_count(&q), 1);
    q.entity = "org";
    ck_assert_int_eq(audit_count(&q), 0);
    q.entity_id = ORG_A;
    ck_assert_int_eq(audit_count(&q), 4);
    q.entity_id = "\xff";
    ck_assert_int_eq(sc_audit_iter_new(&it, db, &q), SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "entity_id");
    ck_assert_ptr_null(it);
    /* A version this library does not know is refused, naming the field. */
    q.entity = q.entity_id = NULL;
    ck_query_version_refused(q, SC_AUDIT_QUERY_VERSION, it, sc_audit_iter_new(&it, db, &q));
}
END_TEST

START_TEST(test_audit_one_entry_per_change_none_per_refusal)
{
    long n = t_count(db, "SELECT count(*) FROM audit");
    ck_ok(sc_org_notice(db, centre, ORG_A, "2023-03-10"));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit"), n + 1);
    ck_assert_int_eq(sc_org_notice(db, centre, ORG_A, "2023-03-10"), SC_ECONSTRAINT);
    ck_assert_int_eq(sc_org_file(db, haidian, ORG_A, "2023-05-10"), SC_EDENIED);
    ck_assert_int_eq(sc_catalog_add_occupation(db, centre, "4-04-05-13", "x", "2024-01-01"),
                     SC_EDENIED);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit"), n + 1);
    /* A catalog batch imported again is a no-op: no entry. */
    ck_ok(sc_catalog_load_notice(db, city));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit"), n + 1);
    ck_assert_int_eq(t_count(db, "SELECT seq FROM audit_head"), n + 1);
}
END_TEST

START_TEST(test_audit_append_needs_transaction)
{
    ck_assert_int_eq(sc__audit_append(db, city, "x", "y", "z", "%s", "w"), SC_ERROR);
}
END_TEST

START_TEST(test_audit_empty_registry)
{
    sc_db *empty = t_newdb();
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    ck_ok(sc_audit_verify(&r, empty));
    ck_assert_int_eq(r.ok, 1);
    ck_assert_int_eq(r.entries, 0);
    sc_db_close(empty);
}
END_TEST

/* ---- tampering ------------------------------------------------------------------------ */

START_TEST(test_audit_detects_edited_detail)
{
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    sql("UPDATE audit SET detail = 'name=someone else' WHERE seq = 3");
    verify(&r);
    ck_assert_int_eq(r.ok, 0);
    ck_assert_int_eq(r.problem, SC_AUDIT_EDITED);
    ck_assert_int_eq(r.first_bad_seq, 3);
    ck_assert_ptr_nonnull(strstr(r.message, "entry 3 was edited"));
}
END_TEST

START_TEST(test_audit_detects_edited_actor_time_hash)
{
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    sql("UPDATE audit SET actor = 'city-centre' WHERE seq = 5");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_EDITED);
    ck_assert_int_eq(r.first_bad_seq, 5);
    teardown();
    setup();
    sql("UPDATE audit SET at = '2000-01-01T00:00:00Z' WHERE seq = 2");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_EDITED);
    ck_assert_int_eq(r.first_bad_seq, 2);
    teardown();
    setup();
    sql("UPDATE audit SET hash = zeroblob(32) WHERE seq = 4");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_EDITED);
    ck_assert_int_eq(r.first_bad_seq, 4);
    teardown();
    setup();
    sql("UPDATE audit SET hash = x'00' WHERE seq = 4");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_EDITED);
    ck_assert_int_eq(r.first_bad_seq, 4);
}
END_TEST

START_TEST(test_audit_detects_rehashed_entry)
{
    /* The forger rewrites entry 3 and its own hash, but not what entry 4 links to. */
    sqlite3_stmt *st;
    unsigned char h[32];
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    ck_assert_int_eq(sodium_init() >= 0, 1);
    sql("UPDATE audit SET detail = 'name=forged' WHERE seq = 3");
    ck_assert_int_eq(sqlite3_prepare_v2(db->conn,
                                        "SELECT seq, at, actor, entity, entity_id, action, detail,"
                                        " prev_hash FROM audit WHERE seq = 3",
                                        -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    row_hash(st, sqlite3_column_blob(st, 7), h);
    sqlite3_finalize(st);
    ck_assert_int_eq(sqlite3_prepare_v2(db->conn, "UPDATE audit SET hash = ?1 WHERE seq = 3", -1,
                                        &st, NULL), SQLITE_OK);
    sqlite3_bind_blob(st, 1, h, 32, SQLITE_TRANSIENT);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_EDITED);
    ck_assert_int_eq(r.first_bad_seq, 3);
}
END_TEST

START_TEST(test_audit_detects_removed)
{
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    sql("DELETE FROM audit WHERE seq = 3");
    verify(&r);
    ck_assert_int_eq(r.ok, 0);
    ck_assert_int_eq(r.problem, SC_AUDIT_REMOVED);
    ck_assert_int_eq(r.first_bad_seq, 3);
    ck_assert_ptr_nonnull(strstr(r.message, "entry 3 was removed"));
    teardown();
    setup();
    sql("DELETE FROM audit WHERE seq IN (2, 3, 4)");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_REMOVED);
    ck_assert_int_eq(r.first_bad_seq, 2);
    ck_assert_ptr_nonnull(strstr(r.message, "entries 2-4 were removed"));
    teardown();
    setup();
    sql("DELETE FROM audit WHERE seq = 1");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_REMOVED);
    ck_assert_int_eq(r.first_bad_seq, 1);
    teardown();
    setup();
    /* The newest entries: only the head remembers them. */
    sql("DELETE FROM audit WHERE seq >= 5");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_REMOVED);
    ck_assert_int_eq(r.first_bad_seq, 5);
    ck_assert_int_eq(r.entries, 4);
    teardown();
    setup();
    /* Removed and renumbered: entry 3 now links to the removed one. */
    sql("DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq - 1 WHERE seq > 3");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_REMOVED);
    ck_assert_int_eq(r.first_bad_seq, 3);
    teardown();
    setup();
    sql("DELETE FROM audit");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_REMOVED);
    ck_assert_int_eq(r.first_bad_seq, 1);
}
END_TEST

START_TEST(test_audit_detects_reordered)
{
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    /* Swap entries 3 and 4, every column but seq. */
    sql("CREATE TEMP TABLE t AS SELECT * FROM audit WHERE seq IN (3, 4);"
        "UPDATE audit SET (at, actor, entity, entity_id, action, detail, prev_hash, hash) = "
        "(SELECT at, actor, entity, entity_id, action, detail, prev_hash, hash FROM t "
        " WHERE t.seq = 7 - audit.seq) WHERE seq IN (3, 4)");
    verify(&r);
    ck_assert_int_eq(r.ok, 0);
    ck_assert_int_eq(r.problem, SC_AUDIT_REORDERED);
    ck_assert_int_eq(r.first_bad_seq, 3);
    ck_assert_ptr_nonnull(strstr(r.message, "reordered"));
    teardown();
    setup();
    /* A forger who re-chains everything but puts a time out of order. */
    sql("UPDATE audit SET at = '2000-01-01T00:00:00Z' WHERE seq = 4");
    rechain(4);
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_REORDERED);
    ck_assert_int_eq(r.first_bad_seq, 4);
    teardown();
    setup();
    /* ... and one who re-chains an edit completely is not caught (documented). */
    sql("UPDATE audit SET detail = 'rewritten' WHERE seq = 4");
    rechain(4);
    verify(&r);
    ck_assert_int_eq(r.ok, 1);
}
END_TEST

START_TEST(test_audit_detects_renumbered_and_appended)
{
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    sql("UPDATE audit SET seq = 60 WHERE seq = 6");
    verify(&r);
    ck_assert_int_eq(r.problem, SC_AUDIT_EDITED);
    ck_assert_int_eq(r.first_bad_seq, 60);
    teardown();
    setup();
    sql("INSERT INTO audit SELECT 7, at, actor, entity, entity_id, action, detail, hash, hash "
        "FROM audit WHERE seq = 6");
    verify(&r);
    ck_assert_int_eq(r.ok, 0);
    ck_assert_int_eq(r.first_bad_seq, 7);
}
END_TEST

START_TEST(test_audit_api_edges)
{
    sc_audit_iter *it;
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    sc_audit_entry e = SC_AUDIT_ENTRY_INIT;
    long n;
    ck_assert_str_eq(sc_audit_problem_name(SC_AUDIT_INTACT), "intact");
    ck_assert_str_eq(sc_audit_problem_name(SC_AUDIT_EDITED), "edited");
    ck_assert_str_eq(sc_audit_problem_name(SC_AUDIT_REMOVED), "removed");
    ck_assert_str_eq(sc_audit_problem_name(SC_AUDIT_REORDERED), "reordered");
    ck_assert_str_eq(sc_audit_problem_name(42), "unknown");
    ck_assert_int_eq(sc_audit_verify(NULL, db), SC_EINVAL);
    ck_assert_int_eq(sc_audit_verify(&r, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_audit_iter_new(NULL, db, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_audit_iter_next(&e, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_audit_iter_new(&it, db, &(sc_audit_query){ SC_AUDIT_QUERY_VERSION,
                                                                   "\xff", NULL }),
                     SC_EINVAL);
    sc_audit_iter_free(NULL);
    for (n = 0;; n++) {
        int rc;
        it = (sc_audit_iter *)1;
        sc__mem_fail_after(n);
        rc = sc_audit_iter_new(&it, db, NULL);
        sc__mem_fail_after(-1);
        if (rc == SC_OK) {
            sc_audit_iter_free(it);
            break;
        }
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(it);
    }
    ck_assert_int_gt(n, 0);
}
END_TEST

Suite *sc_audit_suite(void)
{
    Suite *s = suite_create("audit");
    TCase *tc = tcase_create("chain");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_audit_chain_format);
    tcase_add_test(tc, test_audit_entries_name_actor_entity_action);
    tcase_add_test(tc, test_audit_query);
    tcase_add_test(tc, test_audit_one_entry_per_change_none_per_refusal);
    tcase_add_test(tc, test_audit_append_needs_transaction);
    tcase_add_test(tc, test_audit_empty_registry);
    tcase_add_test(tc, test_audit_api_edges);
    suite_add_tcase(s, tc);

    tc = tcase_create("tampering");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_audit_detects_edited_detail);
    tcase_add_test(tc, test_audit_detects_edited_actor_time_hash);
    tcase_add_test(tc, test_audit_detects_rehashed_entry);
    tcase_add_test(tc, test_audit_detects_removed);
    tcase_add_test(tc, test_audit_detects_reordered);
    tcase_add_test(tc, test_audit_detects_renumbered_and_appended);
    suite_add_tcase(s, tc);
    return s;
}
