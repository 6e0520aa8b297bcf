/* The store: open, create, migrate, refuse foreign files, persistence. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "check_suites.h"
#include "store_int.h"

static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *c;
    ck_assert_int_eq(sqlite3_open(path, &c), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(c, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(c);
}

static void remove_db(const char *path)
{
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

START_TEST(test_store_open_memory)
{
    sc_db *db = NULL;
    ck_ok(sc_db_open(&db, ":memory:", NULL));
    ck_assert_int_eq(sc_db_schema_version(db), sc_db_schema_version_supported());
    ck_assert_str_eq(sc_db_path(db), ":memory:");
    ck_assert_int_eq(t_count(db, "PRAGMA foreign_keys"), 1);
    sc_db_close(db);
    ck_ok(sc_db_open(&db, NULL, NULL));
    sc_db_close(db);
}
END_TEST

START_TEST(test_store_migrates_empty_file)
{
    char *path = t_tmpfile(".db");
    sc_db *db = NULL;
    ck_ok(sc_db_open(&db, path, NULL));
    ck_assert_int_ge(sc_db_schema_version(db), 1);
    ck_assert_int_eq(t_count(db, "PRAGMA user_version"), sc_db_schema_version_supported());
    ck_assert_int_eq(t_count(db, "PRAGMA application_id"), SC__APPLICATION_ID);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM sqlite_master WHERE name='occupation'"), 1);
    sc_db_close(db);
    remove_db(path);
    /* A zero-byte file is an empty database too. */
    fclose(fopen(path, "w"));
    ck_ok(sc_db_open(&db, path, NULL));
    sc_db_close(db);
    remove_db(path);
    free(path);
}
END_TEST

START_TEST(test_store_file_uses_wal_and_persists)
{
    char *path = t_tmpfile(".db");
    sc_db *db = NULL;
    sc_actor *city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_verdict v = SC_VERDICT_INIT;
    ck_ok(sc_db_open(&db, path, NULL));
    {
        sqlite3_stmt *st;
        ck_assert_int_eq(sqlite3_prepare_v2(db->conn, "PRAGMA journal_mode", -1, &st, NULL), 0);
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
        sqlite3_finalize(st);
    }
    ck_ok(sc_catalog_load_notice(db, city));
    {
        /* WAL in fact: the commit went to the log beside the file, and another
         * connection reads it from there before any checkpoint. */
        char wal[600];
        struct stat sb;
        sqlite3 *other;
        sqlite3_stmt *st;
        snprintf(wal, sizeof wal, "%s-wal", path);
        ck_assert_int_eq(stat(wal, &sb), 0);
        ck_assert_int_gt(sb.st_size, 0);
        ck_assert_int_eq(sqlite3_open_v2(path, &other, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        ck_assert_int_eq(sqlite3_prepare_v2(other, "SELECT count(*) FROM occupation", -1, &st,
                                            NULL), SQLITE_OK);
        ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
        ck_assert_int_eq(sqlite3_column_int(st, 0), 20);
        sqlite3_finalize(st);
        sqlite3_close(other);
    }
    sc_db_close(db);
    ck_ok(sc_db_open(&db, path, NULL));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 20);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-05", "数据标注员", 1, "2023-01-01"));
    ck_assert_int_eq(v.ok, 1);
    sc_db_close(db);
    sc_actor_free(city);
    remove_db(path);
    free(path);
}
END_TEST

START_TEST(test_store_refuses_text_file)
{
    char *path = t_tmpfile(".txt");
    FILE *f = fopen(path, "w");
    sc_db *db = (sc_db *)1;
    fputs("this is certainly not a database, it is a long enough text file to be read. "
          "padding padding padding padding padding padding padding padding padding\n", f);
    fclose(f);
    ck_assert_int_eq(sc_db_open(&db, path, NULL), SC_ENOTREGISTRY);
    ck_assert_ptr_null(db);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "not a skillcert registry"));
    remove_db(path);
    free(path);
}
END_TEST

START_TEST(test_store_refuses_foreign_sqlite)
{
    char *path = t_tmpfile(".db");
    sc_db *db = NULL;
    raw_exec(path, "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
    ck_assert_int_eq(sc_db_open(&db, path, NULL), SC_ENOTREGISTRY);
    ck_assert_ptr_null(db);
    /* and did not touch it */
    {
        sqlite3 *c;
        sqlite3_stmt *st;
        ck_assert_int_eq(sqlite3_open(path, &c), SQLITE_OK);
        sqlite3_prepare_v2(c, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
        sqlite3_step(st);
        ck_assert_int_eq(sqlite3_column_int(st, 0), 1);
        sqlite3_finalize(st);
        sqlite3_close(c);
    }
    remove_db(path);
    free(path);
}
END_TEST

START_TEST(test_store_refuses_newer_version)
{
    char *path = t_tmpfile(".db");
    sc_db *db = NULL;
    char sql[64];
    ck_ok(sc_db_open(&db, path, NULL));
    sc_db_close(db);
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", sc_db_schema_version_supported() + 1);
    raw_exec(path, sql);
    ck_assert_int_eq(sc_db_open(&db, path, NULL), SC_EVERSION);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "upgrade"));
    remove_db(path);
    free(path);
}
END_TEST

START_TEST(test_store_readonly)
{
    char *path = t_tmpfile(".db");
    sc_db *db = NULL;
    sc_db_options o;
    sc_actor *city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    ck_ok(sc_db_options_init(&o, SC_DB_OPTIONS_VERSION));
    o.flags = SC_DB_READONLY;
    ck_assert_int_eq(sc_db_open(&db, path, &o), SC_EDB); /* missing file */
    ck_ok(sc_db_open(&db, path, NULL));
    sc_db_close(db);
    ck_ok(sc_db_open(&db, path, &o));
    ck_assert_int_eq(sc_catalog_add_occupation(db, city, "4-04-05-05", "x", "2022-01-01"), SC_EDB);
    sc_db_close(db);
    sc_actor_free(city);
    remove_db(path);
    free(path);
}
END_TEST

START_TEST(test_store_bad_arguments)
{
    sc_db *db = NULL;
    sc_db_options o = SC_DB_OPTIONS_INIT;
    ck_assert_int_eq(sc_db_open(NULL, ":memory:", NULL), SC_EINVAL);
    o.version = 99;
    ck_assert_int_eq(sc_db_open(&db, ":memory:", &o), SC_EINVAL);
    ck_assert_int_eq(sc_db_options_init(&o, 99), SC_EINVAL);
    ck_assert_int_eq(sc_db_options_init(NULL, SC_DB_OPTIONS_VERSION), SC_EINVAL);
    o.version = SC_DB_OPTIONS_VERSION;
    o.busy_timeout_ms = -1;
    ck_assert_int_eq(sc_db_open(&db, ":memory:", &o), SC_EINVAL);
    ck_assert_int_eq(sc_db_open(&db, "bad\xff.db", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_db_open(&db, "/nonexistent-dir/x/y.db", NULL), SC_EDB);
    ck_assert_int_lt(sc_db_schema_version(NULL), 0);
    ck_assert_ptr_null(db);
}
END_TEST

START_TEST(test_store_open_enomem_loop)
{
    long n;
    for (n = 0; n < 10000; n++) {
        sc_db *db = (sc_db *)1;
        int rc;
        sc__mem_fail_after(n);
        rc = sc_db_open(&db, ":memory:", NULL);
        sc__mem_fail_after(-1);
        if (rc == SC_OK) {
            sc_db_close(db);
            break;
        }
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(db);
    }
    ck_assert_int_gt(n, 0);
}
END_TEST

START_TEST(test_store_children_keep_db_alive)
{
    sc_db *db = t_notice_db();
    sc_occupation_iter *it = NULL;
    sc_occupation *o = NULL;
    int n = 0;
    ck_ok(sc_occupation_iter_new(&it, db, NULL));
    sc_db_close(db); /* deferred: the iterator still holds it */
    while (sc_occupation_iter_next(&o, it) == SC_OK) {
        n++;
        sc_occupation_free(o);
    }
    ck_assert_int_eq(n, 20);
    sc_occupation_iter_free(it); /* closes the connection now */
}
END_TEST

/* The generic row iterator: a reference on its db, a kind tag, and over stays
   over (a step after SQLITE_DONE would restart the query). */
START_TEST(test_store_rows_generic_iterator)
{
    sc_db *db = NULL;
    sc__rows *r = NULL;
    sqlite3_stmt *st = NULL;
    int n = 0, rc;
    ck_ok(sc_db_open(&db, ":memory:", NULL));
    ck_ok(sc__rows_new(&r, sizeof(*r), db, "SELECT code FROM district ORDER BY code", 7));
    sc_db_close(db); /* deferred: the iterator holds it */
    while ((rc = sc__rows_step(r, 7, "test")) == SC_OK) {
        ck_assert_ptr_nonnull(sc__col_text(r->st, 0));
        n++;
    }
    ck_assert_int_eq(rc, SC_ITEROVER);
    ck_assert_int_eq(n, 17); /* the sixteen districts and the development area */
    ck_assert_int_eq(sc__rows_step(r, 7, "test"), SC_ITEROVER);
    ck_assert_int_eq(sc__rows_step(r, 8, "test"), SC_EINVAL);
    ck_assert_int_eq(sc__rows_step(NULL, 7, "test"), SC_EINVAL);
    sc__rows_free(r);
    sc__rows_free(NULL);

    /* The statement helper returns the status of a failed prepare. */
    ck_ok(sc_db_open(&db, ":memory:", NULL));
    ck_assert_int_eq(sc__db_stmt_get(db, "SELECT nothing FROM nowhere", &st), SC_EDB);
    ck_assert_ptr_null(st);
    ck_assert_int_eq(sc_error_last()->code, SC_EDB);
    ck_ok(sc__db_stmt_get(db, "SELECT 1", &st));
    ck_assert_ptr_nonnull(st);
    sc_db_close(db);
}
END_TEST

START_TEST(test_store_closed_handle_refused)
{
    sc_db *db = t_notice_db();
    sc_occupation_iter *it = NULL;
    sc_verdict v = SC_VERDICT_INIT;
    ck_ok(sc_occupation_iter_new(&it, db, NULL));
    sc_db_close(db);
    ck_assert_int_eq(sc_catalog_check(&v, db, "4-04-05-05", NULL, 5, NULL), SC_EINVAL);
    sc_occupation_iter_free(it);
}
END_TEST

Suite *sc_store_suite(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("open");
    tcase_add_test(tc, test_store_open_memory);
    tcase_add_test(tc, test_store_migrates_empty_file);
    tcase_add_test(tc, test_store_file_uses_wal_and_persists);
    tcase_add_test(tc, test_store_refuses_text_file);
    tcase_add_test(tc, test_store_refuses_foreign_sqlite);
    tcase_add_test(tc, test_store_refuses_newer_version);
    tcase_add_test(tc, test_store_readonly);
    tcase_add_test(tc, test_store_bad_arguments);
    tcase_add_test(tc, test_store_open_enomem_loop);
    suite_add_tcase(s, tc);
    tc = tcase_create("lifetime");
    tcase_add_test(tc, test_store_children_keep_db_alive);
    tcase_add_test(tc, test_store_closed_handle_refused);
    tcase_add_test(tc, test_store_rows_generic_iterator);
    suite_add_tcase(s, tc);
    return s;
}
