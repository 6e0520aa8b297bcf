/* What a probe found (issue 15), through the library: a known batch id never
 * wins over a broken or changed document, a read-only registry reads, an
 * unknown schema version and a truncated file are refused by their cause. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>
#include "check_suites.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ROOT "<catalog xmlns=\"urn:skillcert:catalog:1\" version=\"1\" batch=\"rel-1\" issuer=\"city-bureau\">\n"
#define OCC1 "  <occupation code=\"4-04-05-05\" name=\"数据标注员\" effective=\"2022-01-01\"><offering level=\"5\"/></occupation>\n"
#define OCC2 "  <occupation code=\"4-04-05-06\" name=\"测试员\" effective=\"2022-01-01\"><offering level=\"4\"/></occupation>\n"
#define OCC3 "  <occupation code=\"4-04-05-07\" name=\"第三\" effective=\"2022-01-01\"/>\n"
#define END "</catalog>\n"

static const char DOC[] = HEAD ROOT OCC1 OCC2 OCC3 END;

static sc_db *db;
static sc_actor *city;

static void t_rm_db(const char *path)
{
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}
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

static int import_n(const char *doc, size_t len, sc_import_result *res)
{
    sc_report_clear(rep);
    return sc_xml_import_memory(res, db, city, doc, len, "t.xml", NULL, rep);
}

static int import(const char *doc, sc_import_result *res)
{
    return import_n(doc, strlen(doc), res);
}

/* The registry imported DOC once; returns its dump (free it). */
static char *imported_once(void)
{
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    ck_ok(import(DOC, &r));
    ck_assert_int_eq(r.already_imported, 0);
    ck_assert_uint_eq(r.records, 5); /* 3 occupations, 2 offerings */
    return t_dump(db);
}

static void assert_unchanged(const char *before)
{
    char *after = t_dump(db);
    ck_assert_str_eq(after, before);
    free(after);
}

START_TEST(test_rel_same_content_is_noop)
{
    char *before = imported_once();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    ck_ok(import(DOC, &r));
    ck_assert_int_eq(r.already_imported, 1);
    ck_assert_uint_eq(r.records, 0);
    ck_assert_str_eq(r.batch_id, "rel-1");
    assert_unchanged(before);
    free(before);
}
END_TEST

START_TEST(test_rel_same_content_other_layout_is_noop)
{
    char *before = imported_once();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    char *doc = t_edit(DOC, "<offering level=\"5\"", "/>", "  />\n\n");
    ck_ok(import(doc, &r));
    ck_assert_int_eq(r.already_imported, 1);
    assert_unchanged(before);
    free(doc);
    free(before);
}
END_TEST

START_TEST(test_rel_known_batch_not_well_formed_refused)
{
    char *before = imported_once();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    size_t cut = strlen(HEAD ROOT OCC1) + 20;
    ck_assert_int_eq(import_n(DOC, cut, &r), SC_EXML);
    ck_assert_int_eq(r.already_imported, 0);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "well-formed"));
    assert_unchanged(before);
    free(before);
}
END_TEST

START_TEST(test_rel_known_batch_nul_in_memory_refused)
{
    char *before = imported_once();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    size_t n = strlen(DOC);
    char *doc = malloc(n + 1);
    memcpy(doc, DOC, n);
    doc[strlen(HEAD ROOT OCC1) - 1] = '\0'; /* a NUL where a newline was */
    ck_assert_int_eq(import_n(doc, n, &r), SC_EXML);
    ck_assert_int_eq(r.already_imported, 0);
    assert_unchanged(before);
    /* ... and a NUL after the end of the document */
    memcpy(doc, DOC, n);
    doc[n - 1] = '\0';
    ck_assert_int_ne(import_n(doc, n, &r), SC_OK);
    ck_assert_int_eq(r.already_imported, 0);
    assert_unchanged(before);
    free(doc);
    free(before);
}
END_TEST

START_TEST(test_rel_known_batch_schema_invalid_refused)
{
    char *before = imported_once();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    char *doc = t_edit(DOC, "4-04-05-06", "<offering level=\"4\"", "<offering level=\"9\"");
    ck_assert_int_eq(import(doc, &r), SC_EINVALIDDOC);
    ck_assert_int_eq(r.already_imported, 0);
    ck_assert_int_ge(sc_report_count(rep), 1);
    assert_unchanged(before);
    free(doc);
    free(before);
}
END_TEST

START_TEST(test_rel_known_batch_changed_record_is_conflict)
{
    char *before = imported_once();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    const sc_error *e;
    char *doc = t_edit(DOC, "4-04-05-06", "测试员", "测试师");
    ck_assert_int_eq(import(doc, &r), SC_EEXISTS);
    ck_assert_int_eq(r.already_imported, 0);
    e = sc_error_last();
    ck_assert_ptr_nonnull(strstr(e->message, "batch 'rel-1' was imported before with different"));
    ck_assert_ptr_nonnull(strstr(e->message, "record 2 <occupation code=\"4-04-05-06\">"));
    ck_assert_int_eq(e->line, 4);
    assert_unchanged(before);
    free(doc);
    free(before);
}
END_TEST

START_TEST(test_rel_known_batch_extra_record_is_conflict)
{
    char *before = imported_once();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    static const char more[] = HEAD ROOT OCC1 OCC2 OCC3
        "  <occupation code=\"4-04-05-08\" name=\"第四\" effective=\"2022-01-01\"/>\n" END;
    ck_assert_int_eq(import(more, &r), SC_EEXISTS);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "record 4 <occupation"));
    assert_unchanged(before);
    free(before);
}
END_TEST

START_TEST(test_rel_known_batch_missing_record_is_conflict)
{
    char *before = imported_once();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    static const char fewer[] = HEAD ROOT OCC1 OCC2 END;
    ck_assert_int_eq(import(fewer, &r), SC_EEXISTS);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "held 3 records, this document 2"));
    assert_unchanged(before);
    free(before);
}
END_TEST

START_TEST(test_rel_known_batch_changed_root_is_conflict)
{
    char *before = imported_once();
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    char *doc = t_edit(DOC, "<catalog", "batch=\"rel-1\"", "batch=\"rel-1\" source=\"x\"");
    ck_assert_int_eq(import(doc, &r), SC_EEXISTS);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "root element differ"));
    assert_unchanged(before);
    free(doc);
    free(before);
}
END_TEST

START_TEST(test_rel_batch_digests_stored)
{
    char *before = imported_once();
    ck_assert_int_eq(t_count(db, "SELECT length(digest) FROM import_batch "
                                 "WHERE batch_id = 'rel-1'"), 32);
    ck_assert_int_eq(t_count(db, "SELECT length(record_digests) FROM import_batch "
                                 "WHERE batch_id = 'rel-1'"), 3 * 8);
    free(before);
}
END_TEST

static void raw_exec(const char *path, const char *sql);

START_TEST(test_rel_batch_before_digests_still_noop)
{
    /* A batch recorded before migration 12 has no digest: its id alone. */
    char *path = t_tmpfile(".db"), *before;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    sc_db_close(db);
    ck_ok(sc_db_open(&db, path, NULL));
    t_development(db); /* DOC is unsigned */
    ck_ok(import(DOC, &r));
    sc_db_close(db);
    raw_exec(path, "UPDATE import_batch SET digest = NULL, record_digests = NULL");
    ck_ok(sc_db_open(&db, path, NULL));
    before = t_dump(db);
    ck_ok(import(DOC, &r));
    ck_assert_int_eq(r.already_imported, 1);
    assert_unchanged(before);
    sc_db_close(db);
    db = NULL;
    free(before);
    t_rm_db(path);
    free(path);
}
END_TEST

/* ---- the store ---- */

static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *c;
    ck_assert_int_eq(sqlite3_open(path, &c), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(c, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(c);
}

/* A registry file alone in a fresh directory anyone may enter (so that an
 * unprivileged child reaches it); free() the path, rm_dir() the directory. */
static char *new_registry_in_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512], *path = malloc(600);
    sc_db *d = NULL;
    snprintf(dir, sizeof dir, "%s/sc-rel-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chmod(dir, 0755), 0);
    snprintf(path, 600, "%s/registry.db", dir);
    ck_ok(sc_db_open(&d, path, NULL));
    ck_ok(sc_catalog_load_notice(d, city));
    sc_db_close(d);
    return path;
}

static void dir_of(char *dir, size_t cap, const char *path)
{
    char *slash;
    snprintf(dir, cap, "%s", path);
    slash = strrchr(dir, '/');
    ck_assert_ptr_nonnull(slash);
    *slash = '\0';
}

static void rm_dir(const char *path)
{
    char dir[600], cmd[700];
    dir_of(dir, sizeof dir, path);
    ck_assert_ptr_nonnull(strstr(dir, "/sc-rel-"));
    chmod(dir, 0755);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *new_registry(void)
{
    char *path = t_tmpfile(".db");
    sc_db *d = NULL;
    ck_ok(sc_db_open(&d, path, NULL));
    ck_ok(sc_catalog_load_notice(d, city));
    sc_db_close(d);
    return path;
}

static void version_refused(int v)
{
    char *path = new_registry(), sql[64], want[96];
    sc_db *d = NULL;
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
    raw_exec(path, sql);
    ck_assert_int_eq(sc_db_open(&d, path, NULL), SC_ENOTREGISTRY);
    ck_assert_ptr_null(d);
    snprintf(want, sizeof want, "not a registry of a known version: schema version %d", v);
    ck_assert_msg(strstr(sc_error_last()->message, want) != NULL, "%s",
                  sc_error_last()->message);
    ck_assert_ptr_null(strstr(sc_error_last()->message, "already exists"));
    t_rm_db(path);
    free(path);
}

START_TEST(test_rel_user_version_negative_refused)
{
    version_refused(-1);
}
END_TEST

START_TEST(test_rel_user_version_zero_with_tables_refused)
{
    version_refused(0);
}
END_TEST

START_TEST(test_rel_user_version_future_refused_by_number)
{
    char *path = new_registry();
    sc_db *d = NULL;
    raw_exec(path, "PRAGMA user_version = 100000");
    ck_assert_int_eq(sc_db_open(&d, path, NULL), SC_EVERSION);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "schema version 100000"));
    t_rm_db(path);
    free(path);
}
END_TEST

START_TEST(test_rel_truncated_registry_named)
{
    char *path = new_registry();
    struct stat sb;
    sc_db *d = NULL;
    sc_db_options ro;
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_gt(sb.st_size, 8192);
    ck_assert_int_eq(truncate(path, sb.st_size / 2), 0);
    ck_assert_int_eq(sc_db_open(&d, path, NULL), SC_ENOTREGISTRY);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "truncated or corrupt"));
    ck_assert_ptr_null(strstr(sc_error_last()->message, "WAL"));
    ck_ok(sc_db_options_init(&ro, SC_DB_OPTIONS_VERSION));
    ro.flags = SC_DB_READONLY;
    ck_assert_int_eq(sc_db_open(&d, path, &ro), SC_ENOTREGISTRY);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "truncated or corrupt"));
    t_rm_db(path);
    free(path);
}
END_TEST

/* Run fn in a child as an unprivileged user when root (root writes anywhere);
 * returns its exit status. */
static int as_nobody(int (*fn)(const char *), const char *path)
{
    pid_t pid = fork();
    int st = 0;
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(90);
        _exit(fn(path));
    }
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert(WIFEXITED(st));
    return WEXITSTATUS(st);
}

static int read_only_reads(const char *path)
{
    sc_db *d = NULL;
    sc_db_options o;
    sc_audit_result a = SC_AUDIT_RESULT_INIT;
    sc_verdict v = SC_VERDICT_INIT;
    if (sc_db_options_init(&o, SC_DB_OPTIONS_VERSION) != SC_OK)
        return 10;
    o.flags = SC_DB_READONLY;
    if (access(path, W_OK) == 0)
        return 11; /* the test would prove nothing */
    if (sc_db_open(&d, path, &o) != SC_OK)
        return 12;
    if (sc_audit_verify(&a, d) != SC_OK || !a.ok || a.entries < 1)
        return 13;
    if (sc_catalog_check(&v, d, "4-04-05-05", "数据标注员", 1, "2023-01-01") != SC_OK || !v.ok)
        return 14;
    sc_db_close(d);
    return 0;
}

START_TEST(test_rel_readonly_file_in_readonly_dir_reads)
{
    char *path = new_registry_in_dir(), dir[600];
    struct stat before, after;
    dir_of(dir, sizeof dir, path);
    ck_assert_int_eq(stat(path, &before), 0);
    ck_assert_int_eq(chmod(path, 0444), 0);
    ck_assert_int_eq(chmod(dir, 0555), 0);
    ck_assert_int_eq(as_nobody(read_only_reads, path), 0);
    ck_assert_int_eq(stat(path, &after), 0);
    ck_assert_int_eq(after.st_size, before.st_size);
    ck_assert_int_eq(after.st_mtime, before.st_mtime);
    rm_dir(path);
    free(path);
}
END_TEST

START_TEST(test_rel_readonly_refuses_pending_wal)
{
    /* Changes still in the log and no way to read it: say so, never serve an
     * older state from the file alone. */
    char *path = new_registry_in_dir(), dir[600];
    sqlite3 *c;
    ck_assert_int_eq(sqlite3_open(path, &c), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(c, "PRAGMA wal_autocheckpoint = 0; "
                                     "CREATE TABLE pending(x); INSERT INTO pending VALUES (1);",
                                  NULL, NULL, NULL), SQLITE_OK);
    {
        /* keep the log: copy file and log aside while c holds them open */
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "cp '%s' '%s.copy' && cp '%s-wal' '%s.copy-wal'", path, path,
                 path, path);
        ck_assert_int_eq(system(cmd), 0);
    }
    sqlite3_close(c);
    {
        char copy[700];
        snprintf(copy, sizeof copy, "%s.copy", path);
        dir_of(dir, sizeof dir, path);
        ck_assert_int_eq(chmod(copy, 0444), 0);
        ck_assert_int_eq(chmod(dir, 0555), 0);
        ck_assert_int_eq(as_nobody(read_only_reads, copy), 12);
    }
    rm_dir(path);
    free(path);
}
END_TEST

/* ---- backup, check, restore ---- */

/* A writer process: n occupations, each its own transaction with its audit
 * entry, as fast as it can. */
static void writer(const char *path, int n)
{
    /* A long busy timeout: under valgrind the parent's backup steps are slow. */
    sc_db_options o = SC_DB_OPTIONS_INIT;
    sc_db *d = NULL;
    sc_actor *a = NULL;
    int i;
    o.busy_timeout_ms = 120000;
    if (sc_db_open(&d, path, &o) != SC_OK || sc_actor_new(&a, SC_ACTOR_CITY_BUREAU, NULL, "备份测试") != SC_OK)
        _exit(2);
    for (i = 0; i < n; i++) {
        char code[16];
        snprintf(code, sizeof code, "7-%02d-%02d-%02d", i / 10000 % 100, i / 100 % 100, i % 100);
        if (sc_catalog_add_occupation(d, a, code, "备份测试职业", "2024-01-01") != SC_OK)
            _exit(3);
    }
    sc_actor_free(a);
    sc_db_close(d);
    _exit(0);
}

/* The copy opens, passes both checks and the audit chain, and holds every
 * written occupation with its audit entry: no transaction half in it. */
static long backup_consistent(const char *copy)
{
    sc_db *d = NULL;
    sc_db_check_result c = SC_DB_CHECK_RESULT_INIT;
    sc_audit_result a = SC_AUDIT_RESULT_INIT;
    long occ, aud;
    ck_ok(sc_db_open(&d, copy, NULL));
    ck_ok(sc_db_check(&c, d));
    ck_assert_msg(c.ok, "%s", c.message);
    ck_ok(sc_audit_verify(&a, d));
    ck_assert_msg(a.ok, "%s", a.message);
    occ = t_count(d, "SELECT count(*) FROM occupation WHERE code LIKE '7-%'");
    aud = t_count(d, "SELECT count(*) FROM audit WHERE entity = 'occupation' "
                     "AND entity_id LIKE '7-%'");
    ck_assert_int_eq(occ, aud);
    sc_db_close(d);
    return occ;
}

START_TEST(test_rel_backup_during_writes_is_consistent)
{
    char *path = new_registry_in_dir(), copy[700], restored[700];
    sc_db *d = NULL;
    pid_t pid;
    int st = 0, k, taken = 0;
    long last = -1, seen;
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        /* The child holds nothing of the parent's (valgrind checks it at _exit). */
        char own[700];
        snprintf(own, sizeof own, "%s", path);
        free(path);
        writer(own, 1500);
    }
    ck_ok(sc_db_open(&d, path, NULL));
    for (k = 0; k < 5; k++) {
        snprintf(copy, sizeof copy, "%s.bak%d", path, k);
        ck_ok(sc_db_backup(d, copy));
        taken++;
        seen = backup_consistent(copy);
        ck_assert_int_ge(seen, last); /* later copies hold no less */
        last = seen;
        usleep(20000);
    }
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0,
                  "the writer ended with status %d (2: open, 3: a write failed)",
                  WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    /* Restore: the last copy put in place of a registry, opened, checked. */
    snprintf(restored, sizeof restored, "%s.restored", path);
    {
        char cmd[2200];
        snprintf(cmd, sizeof cmd, "cp '%s' '%s'", copy, restored);
        ck_assert_int_eq(system(cmd), 0);
    }
    ck_assert_int_eq(backup_consistent(restored), last);
    /* After the writer, a backup holds all of it. */
    snprintf(copy, sizeof copy, "%s.final", path);
    ck_ok(sc_db_backup(d, copy));
    ck_assert_int_eq(backup_consistent(copy), 1500);
    ck_assert_int_eq(taken, 5);
    sc_db_close(d);
    rm_dir(path);
    free(path);
}
END_TEST

START_TEST(test_rel_backup_refuses_existing_file)
{
    char *path = new_registry_in_dir(), copy[700];
    sc_db *d = NULL;
    FILE *f;
    ck_ok(sc_db_open(&d, path, NULL));
    snprintf(copy, sizeof copy, "%s.bak", path);
    f = fopen(copy, "w");
    fputs("keep me", f);
    fclose(f);
    ck_assert_int_eq(sc_db_backup(d, copy), SC_EEXISTS);
    {
        char buf[16] = "";
        f = fopen(copy, "r");
        ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
        fclose(f);
        ck_assert_str_eq(buf, "keep me");
    }
    ck_assert_int_eq(sc_db_backup(d, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_db_backup(NULL, copy), SC_EINVAL);
    ck_assert_int_eq(sc_db_backup(d, ":memory:"), SC_EINVAL);
    sc_db_close(d);
    rm_dir(path);
    free(path);
}
END_TEST

START_TEST(test_rel_backup_of_readonly_open)
{
    char *path = new_registry_in_dir(), copy[700];
    sc_db *d = NULL;
    sc_db_options o;
    ck_ok(sc_db_options_init(&o, SC_DB_OPTIONS_VERSION));
    o.flags = SC_DB_READONLY;
    ck_ok(sc_db_open(&d, path, &o));
    snprintf(copy, sizeof copy, "%s.bak", path);
    ck_ok(sc_db_backup(d, copy));
    sc_db_close(d);
    ck_ok(sc_db_open(&d, copy, &o));
    ck_assert_int_eq(t_count(d, "SELECT count(*) FROM occupation"), 20);
    sc_db_close(d);
    rm_dir(path);
    free(path);
}
END_TEST

START_TEST(test_rel_check_finds_broken_foreign_key)
{
    char *path = new_registry_in_dir();
    sc_db *d = NULL;
    sc_db_check_result c = SC_DB_CHECK_RESULT_INIT;
    ck_ok(sc_db_open(&d, path, NULL));
    ck_ok(sc_db_check(&c, d));
    ck_assert_int_eq(c.ok, 1);
    ck_assert_str_eq(c.message, "");
    sc_db_close(d);
    raw_exec(path, "PRAGMA foreign_keys = OFF; "
                   "INSERT INTO offering(occupation_id, level, effective) VALUES (9999, 5, '2024-01-01')");
    ck_ok(sc_db_open(&d, path, NULL));
    ck_ok(sc_db_check(&c, d));
    ck_assert_int_eq(c.ok, 0);
    ck_assert_int_eq(c.foreign_key_problems, 1);
    ck_assert_ptr_nonnull(strstr(c.message, "offering"));
    ck_assert_int_eq(sc_db_check(NULL, d), SC_EINVAL);
    ck_assert_int_eq(sc_db_check(&c, NULL), SC_EINVAL);
    sc_db_close(d);
    rm_dir(path);
    free(path);
}
END_TEST

Suite *sc_reliability_suite(void)
{
    Suite *s = suite_create("reliability");
    TCase *tc = tcase_create("batch");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_rel_same_content_is_noop);
    tcase_add_test(tc, test_rel_same_content_other_layout_is_noop);
    tcase_add_test(tc, test_rel_known_batch_not_well_formed_refused);
    tcase_add_test(tc, test_rel_known_batch_nul_in_memory_refused);
    tcase_add_test(tc, test_rel_known_batch_schema_invalid_refused);
    tcase_add_test(tc, test_rel_known_batch_changed_record_is_conflict);
    tcase_add_test(tc, test_rel_known_batch_extra_record_is_conflict);
    tcase_add_test(tc, test_rel_known_batch_missing_record_is_conflict);
    tcase_add_test(tc, test_rel_known_batch_changed_root_is_conflict);
    tcase_add_test(tc, test_rel_batch_digests_stored);
    tcase_add_test(tc, test_rel_batch_before_digests_still_noop);
    suite_add_tcase(s, tc);
    tc = tcase_create("store");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_rel_user_version_negative_refused);
    tcase_add_test(tc, test_rel_user_version_zero_with_tables_refused);
    tcase_add_test(tc, test_rel_user_version_future_refused_by_number);
    tcase_add_test(tc, test_rel_truncated_registry_named);
    tcase_add_test(tc, test_rel_readonly_file_in_readonly_dir_reads);
    tcase_add_test(tc, test_rel_readonly_refuses_pending_wal);
    suite_add_tcase(s, tc);
    tc = tcase_create("backup");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_rel_backup_during_writes_is_consistent);
    tcase_add_test(tc, test_rel_backup_refuses_existing_file);
    tcase_add_test(tc, test_rel_backup_of_readonly_open);
    tcase_add_test(tc, test_rel_check_finds_broken_foreign_key);
    suite_add_tcase(s, tc);
    return s;
}
