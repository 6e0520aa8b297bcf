/* One runner for every suite. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "check_suites.h"
#include "store_int.h"

sc_actor *t_actor(int kind, const char *scope)
{
    sc_actor *a = NULL;
    ck_assert_int_eq(sc_actor_new(&a, kind, scope, "test"), SC_OK);
    return a;
}

/* A new registry in memory, as the library makes it: it has no trust anchor and
 * imports nothing until it gets one (or is switched to development). */
sc_db *t_newdb(void)
{
    sc_db *db = NULL;
    ck_assert_int_eq(sc_db_open(&db, ":memory:", NULL), SC_OK);
    return db;
}

int t_sampled(unsigned long i)
{
    static unsigned long every;
    if (!every) {
        const char *v = getenv("SC_TEST_SAMPLE");
        char *end = NULL;
        unsigned long k = v && *v ? strtoul(v, &end, 10) : 1;
        every = end && *end ? 1 : k ? k : 1;
    }
    return i % every == 0;
}

/* The city bureau switches db to development: without a trust anchor it accepts
 * unsigned exchange documents (sc_pki_development_set, audited). */
void t_development(sc_db *db)
{
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    ck_assert_msg(sc_pki_development_set(db, bureau, 1) == SC_OK, "development: %s",
                  sc_error_last()->message);
    sc_actor_free(bureau);
}

/* The suites' registry: a development one, explicitly, because most suites import
 * unsigned fixtures (the signature rule's own tests use t_newdb()). */
sc_db *t_memdb(void)
{
    sc_db *db = t_newdb();
    t_development(db);
    return db;
}

/* A copy of a registry in memory (SQLite's backup API): a second party's registry
 * that starts where src stands. */
sc_db *t_clone_db(sc_db *src)
{
    sc_db *dst = t_newdb(); /* the copy brings src's own settings */
    sqlite3_backup *b = sqlite3_backup_init(dst->conn, "main", src->conn, "main");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(sqlite3_backup_step(b, -1), SQLITE_DONE);
    ck_assert_int_eq(sqlite3_backup_finish(b), SQLITE_OK);
    return dst;
}

sc_db *t_notice_db(void)
{
    sc_db *db = t_memdb();
    sc_actor *a = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    ck_assert_msg(sc_catalog_load_notice(db, a) == SC_OK, "load_notice: %s",
                  sc_error_last()->message);
    sc_actor_free(a);
    return db;
}

char *t_tmpfile(const char *suffix)
{
    static int counter;
    const char *dir = getenv("TMPDIR");
    char *p = malloc(512);
    snprintf(p, 512, "%s/sc-test-%ld-%d%s", dir && *dir ? dir : "/tmp", (long)getpid(),
             ++counter, suffix ? suffix : "");
    unlink(p);
    return p;
}

char *t_data_path(const char *name)
{
    const char *src = getenv("srcdir");
    char *p = malloc(1024);
    snprintf(p, 1024, "%s/tests/data/%s", src && *src ? src : SC_TEST_SRCDIR, name);
    return p;
}

long t_count(sc_db *db, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    ck_assert_int_eq(sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

char *t_dump(sc_db *db)
{
    sqlite3_stmt *tables, *rows;
    size_t len = 0, cap = 4096;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    out[0] = '\0';
    ck_assert_int_eq(sqlite3_prepare_v2(db->conn,
                                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "ORDER BY name", -1, &tables, NULL), SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char sql[256];
        int i, n;
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY rowid",
                 (const char *)sqlite3_column_text(tables, 0));
        if (sqlite3_prepare_v2(db->conn, sql, -1, &rows, NULL) != SQLITE_OK) {
            /* WITHOUT ROWID tables: their natural order. */
            snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"",
                     (const char *)sqlite3_column_text(tables, 0));
            ck_assert_int_eq(sqlite3_prepare_v2(db->conn, sql, -1, &rows, NULL), SQLITE_OK);
        }
        n = sqlite3_column_count(rows);
        while (sqlite3_step(rows) == SQLITE_ROW) {
            for (i = 0; i <= n; i++) {
                const char *v = i < n ? (const char *)sqlite3_column_text(rows, i) : "\n";
                size_t k = strlen(v ? v : "NULL") + 2;
                if (len + k + 1 > cap) {
                    cap = (cap + k) * 2;
                    out = realloc(out, cap);
                    ck_assert_ptr_nonnull(out);
                }
                len += (size_t)snprintf(out + len, cap - len, "%s|", v ? v : "NULL");
            }
        }
        sqlite3_finalize(rows);
    }
    sqlite3_finalize(tables);
    return out;
}

int t_import(sc_db *db, const sc_actor *actor, const char *doc, sc_import_result *r,
             sc_report *rep)
{
    sc_report_clear(rep);
    return sc_xml_import_memory(r, db, actor, doc, strlen(doc), "x.xml", NULL, rep);
}

char *t_edit(const char *doc, const char *after, const char *what, const char *with)
{
    const char *p = strstr(doc, after), *q;
    char *out;
    ck_assert_ptr_nonnull(p);
    q = strstr(p, what);
    ck_assert_ptr_nonnull(q);
    out = malloc(strlen(doc) - strlen(what) + strlen(with) + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, doc, (size_t)(q - doc));
    strcpy(out + (q - doc), with);
    strcat(out, q + strlen(what));
    return out;
}

void t_refused_import(sc_db *db, const sc_actor *actor, const char *doc, int want, int line,
                      const char *field, sc_report *rep)
{
    char *before = t_dump(db), *after;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    int rc = t_import(db, actor, doc, &r, rep);
    ck_assert_msg(rc == want, "import: %d (%s), wanted %d", rc, sc_error_last()->message, want);
    ck_assert_uint_eq(r.records, 0);
    ck_assert_uint_gt(sc_report_count(rep), 0);
    if (line > 0) {
        const sc_error *e = sc_error_last();
        ck_assert_msg(e->line == line, "error at line %d, wanted %d (%s)", e->line, line,
                      e->message);
        ck_assert_ptr_nonnull(e->field);
        ck_assert_str_eq(e->field, field);
        ck_assert_int_gt(e->column, 0);
    }
    after = t_dump(db);
    ck_assert_msg(strcmp(before, after) == 0, "a refused import changed the registry");
    free(before);
    free(after);
}

/* The slow test cases, each as its module's case in one "slow" suite. */
static Suite *slow_suite(void)
{
    Suite *s = suite_create("slow");
    suite_add_tcase(s, sc_application_slow_tcase());
    return s;
}

/* SC_CHECK_SLOW set (non-empty): only the slow suite (`make check-slow`). */
static int slow_only(void)
{
    const char *v = getenv("SC_CHECK_SLOW");
    return v && *v;
}

int main(void)
{
    SRunner *sr;
    int failed;
    if (slow_only()) {
        sr = srunner_create(slow_suite());
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
    }
    sr = srunner_create(sc_errors_suite());
    srunner_add_suite(sr, sc_store_suite());
    srunner_add_suite(sr, sc_roles_suite());
    srunner_add_suite(sr, sc_catalog_suite());
    srunner_add_suite(sr, sc_xml_suite());
    srunner_add_suite(sr, sc_candidate_suite());
    srunner_add_suite(sr, sc_eligibility_suite());
    srunner_add_suite(sr, sc_org_suite());
    srunner_add_suite(sr, sc_audit_suite());
    srunner_add_suite(sr, sc_authz_suite());
    srunner_add_suite(sr, sc_assessment_suite());
    srunner_add_suite(sr, sc_certificate_suite());
    srunner_add_suite(sr, sc_application_suite());
    srunner_add_suite(sr, sc_exchange_suite());
    srunner_add_suite(sr, sc_report_xml_suite());
    srunner_add_suite(sr, sc_xml_org_suite());
    srunner_add_suite(sr, sc_supervision_suite());
    srunner_add_suite(sr, sc_e2e_suite());
    srunner_add_suite(sr, sc_pki_suite());
    srunner_add_suite(sr, sc_pki_exchange_suite());
    srunner_add_suite(sr, sc_render_suite());
    srunner_add_suite(sr, sc_reliability_suite());
    srunner_add_suite(sr, sc_alloc_suite());
    srunner_add_suite(sr, sc_authz_import_suite());
    srunner_add_suite(sr, sc_versions_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
