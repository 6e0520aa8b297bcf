/*
 * The registry store on SQLite.
 */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int sc_db_options_init(sc_db_options *opts, unsigned int version)
{
    if (!opts)
        return sc__error_null("sc_db_options_init", "opts");
    if (version != SC_DB_OPTIONS_VERSION)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_db_options version %u is not known to this library (expected %d)",
                             version, SC_DB_OPTIONS_VERSION);
    {
        sc_db_options d = SC_DB_OPTIONS_INIT;
        *opts = d;
    }
    return SC_OK;
}

int sc__db_fail(sc_db *db, int rc, const char *what)
{
    int ext = db && db->conn ? sqlite3_extended_errcode(db->conn) : rc;
    const char *msg = db && db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc);
    int code;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = SC_EBUSY; break;
    case SQLITE_NOMEM: code = SC_ENOMEM; break;
    case SQLITE_NOTADB: code = SC_ENOTREGISTRY; break;
    case SQLITE_CONSTRAINT:
        code = (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
                   ? SC_EEXISTS : SC_ECONSTRAINT;
        break;
    default: code = SC_EDB; break;
    }
    if (db && db->conn && ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL ||
                           (rc & 0xff) == SQLITE_CANTOPEN)) {
        /* Name the operating system's cause: "disk I/O error" alone does not
         * tell an operator that the disk is full. */
        int sys = sqlite3_system_errno(db->conn);
        if ((rc & 0xff) == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT) {
            sc__error_set_at(code, SC_DOMAIN_DB, db->path ? db->path : "", 0, 0, NULL, ext,
                             "%s: the disk is full (%s)", what, msg);
            return code;
        }
        if (sys != 0) {
            sc__error_set_at(code, SC_DOMAIN_DB, db->path ? db->path : "", 0, 0, NULL, ext,
                             "%s: %s (%s)", what, msg, strerror(sys));
            return code;
        }
    }
    if ((rc & 0xff) == SQLITE_CORRUPT) {
        sc__error_set_at(code, SC_DOMAIN_DB, db && db->path ? db->path : "", 0, 0, NULL, ext,
                         "%s: the registry file is truncated or corrupt (%s)", what, msg);
        return code;
    }
    sc__error_set_at(code, SC_DOMAIN_DB, db && db->path ? db->path : "", 0, 0, NULL, ext,
                     "%s: %s", what, msg);
    return code;
}

int sc__db_check(const sc_db *db, const char *func, int write)
{
    if (!db)
        return sc__error_null(func, "db");
    if (db->closed)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s: the registry was closed", func);
    if (write && db->readonly)
        return sc__error_set(SC_EDB, SC_DOMAIN_DB, "%s: the registry is open read-only", func);
    return SC_OK;
}

int sc__db_prepare(sc_db *db, const char *sql, sqlite3_stmt **out)
{
    int rc = sqlite3_prepare_v2(db->conn, sql, -1, out, NULL);
    if (rc != SQLITE_OK) {
        *out = NULL;
        return sc__db_fail(db, rc, "preparing a statement");
    }
    return SC_OK;
}

sqlite3_stmt *sc__db_stmt(sc_db *db, const char *sql)
{
    size_t i;
    sqlite3_stmt *st;
    for (i = 0; i < db->nstmts; i++) {
        if (db->stmts[i].sql == sql) {
            st = db->stmts[i].stmt;
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return st;
        }
    }
    if (db->nstmts == db->capstmts) {
        size_t ncap = db->capstmts ? db->capstmts * 2 : 32;
        sc__stmt_slot *n = sc__realloc(db->stmts, ncap * sizeof(*n));
        if (!n) {
            sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory caching a statement");
            return NULL;
        }
        db->stmts = n;
        db->capstmts = ncap;
    }
    if (sc__db_prepare(db, sql, &st) != SC_OK)
        return NULL;
    db->stmts[db->nstmts].sql = sql;
    db->stmts[db->nstmts].stmt = st;
    db->nstmts++;
    return st;
}

int sc__db_exec_stmt(sc_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        int code = sc__db_fail(db, rc, what);
        sqlite3_reset(st);
        return code;
    }
    sqlite3_reset(st);
    return SC_OK;
}

int sc__db_exec(sc_db *db, const char *sql, const char *what)
{
    char *err = NULL;
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        int code = sc__db_fail(db, rc, what);
        sqlite3_free(err);
        return code;
    }
    return SC_OK;
}

int sc__bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (!s)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

const char *sc__col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int sc__db_begin(sc_db *db)
{
    int rc;
    if (db->txn_depth == 0)
        rc = sc__db_exec(db, "BEGIN IMMEDIATE", "starting a transaction");
    else {
        char sql[48];
        snprintf(sql, sizeof sql, "SAVEPOINT sc_sp%d", db->txn_depth);
        rc = sc__db_exec(db, sql, "starting a savepoint");
    }
    if (rc == SC_OK)
        db->txn_depth++;
    return rc;
}

int sc__db_commit(sc_db *db)
{
    int rc;
    if (db->txn_depth <= 0)
        return sc__error_set(SC_ERROR, SC_DOMAIN_DB, "commit without a transaction");
    if (db->txn_depth == 1)
        rc = sc__db_exec(db, "COMMIT", "committing");
    else {
        char sql[48];
        snprintf(sql, sizeof sql, "RELEASE sc_sp%d", db->txn_depth - 1);
        rc = sc__db_exec(db, sql, "releasing a savepoint");
    }
    if (rc == SC_OK)
        db->txn_depth--;
    else
        sc__db_rollback(db);
    return rc;
}

void sc__db_rollback(sc_db *db)
{
    if (db->txn_depth <= 0)
        return;
    if (db->txn_depth == 1) {
        /* Keep the recorded error: rollback must not overwrite it. */
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    } else {
        char sql[96];
        snprintf(sql, sizeof sql, "ROLLBACK TO sc_sp%d; RELEASE sc_sp%d", db->txn_depth - 1,
                 db->txn_depth - 1);
        sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
    }
    db->txn_depth--;
}

/* ---- open, migrate, close ---- */

static int pragma_int(sc_db *db, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return sc__db_fail(db, rc, "reading the registry header");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        *out = 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return sc__db_fail(db, rc, "reading the registry header");
    return SC_OK;
}

int sc_db_schema_version_supported(void)
{
    return sc__migrations[sc__migration_count - 1].version;
}

/* 1 when some migration of this library ends at schema version v. */
static int known_version(int v)
{
    size_t i;
    for (i = 0; i < sc__migration_count; i++)
        if (sc__migrations[i].version == v)
            return 1;
    return 0;
}

static int migrate(sc_db *db)
{
    int app_id = 0, version = 0, tables = 0, rc;
    size_t i;

    if ((rc = pragma_int(db, "PRAGMA application_id", &app_id)) != SC_OK)
        return rc == SC_ENOTREGISTRY
                   ? sc__error_set(SC_ENOTREGISTRY, SC_DOMAIN_DB,
                                   "'%s' is not a skillcert registry (not a SQLite database)",
                                   db->path)
                   : rc;
    if ((rc = pragma_int(db, "PRAGMA user_version", &version)) != SC_OK)
        return rc;
    if ((rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables)) != SC_OK)
        return rc;

    if (app_id != SC__APPLICATION_ID) {
        if (app_id != 0 || version != 0 || tables != 0)
            return sc__error_set(SC_ENOTREGISTRY, SC_DOMAIN_DB,
                                 "'%s' is a SQLite database but not a skillcert registry "
                                 "(application_id 0x%08x, %d tables)",
                                 db->path, (unsigned)app_id, tables);
        version = 0; /* a new, empty file */
    }
    if (version < 0 || (version == 0 && tables != 0) ||
        (version > 0 && version <= sc_db_schema_version_supported() && !known_version(version)))
        return sc__error_set(SC_ENOTREGISTRY, SC_DOMAIN_DB,
                             "'%s' is not a registry of a known version: schema version %d "
                             "(PRAGMA user_version) is none this library (%s) ever wrote",
                             db->path, version, SC_VERSION_STRING);
    if (version > sc_db_schema_version_supported())
        return sc__error_set(SC_EVERSION, SC_DOMAIN_DB,
                             "'%s' has schema version %d; this library (%s) supports up to %d: "
                             "upgrade libskillcert",
                             db->path, version, SC_VERSION_STRING,
                             sc_db_schema_version_supported());
    if (version == sc_db_schema_version_supported()) {
        db->schema_version = version;
        return SC_OK;
    }
    if (db->readonly)
        return sc__error_set(SC_EVERSION, SC_DOMAIN_DB,
                             "'%s' has schema version %d and needs migrating to %d, "
                             "which a read-only open cannot do",
                             db->path, version, sc_db_schema_version_supported());

    /* All pending migrations in one transaction: a crash leaves the old version. */
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    for (i = 0; i < sc__migration_count; i++) {
        const sc__migration *m = &sc__migrations[i];
        char pragma[64];
        if (m->version <= version)
            continue;
        if ((rc = sc__db_exec(db, m->sql, m->description)) != SC_OK)
            goto fail;
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        if ((rc = sc__db_exec(db, pragma, "recording the schema version")) != SC_OK)
            goto fail;
    }
    {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", SC__APPLICATION_ID);
        if ((rc = sc__db_exec(db, pragma, "marking the registry")) != SC_OK)
            goto fail;
    }
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    db->schema_version = sc_db_schema_version_supported();
    return SC_OK;
fail:
    sc__db_rollback(db);
    return rc;
}

/* Step a one-row statement; the SQLite status. */
static int probe(sqlite3 *conn)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(conn, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Size of the file at base + suffix, or -1 when it does not exist. */
static long long side_file_size(const char *base, const char *suffix)
{
    char p[4200];
    struct stat sb;
    snprintf(p, sizeof p, "%s%s", base, suffix);
    return stat(p, &sb) == 0 ? (long long)sb.st_size : -1;
}

static int read_only_file(sc_db *db, int rc)
{
    return sc__error_set_at(SC_EDB, SC_DOMAIN_DB, db->path, 0, 0, NULL, rc,
                            "'%s' cannot be opened for writing: the file, its directory or "
                            "its file system is read-only (a read-only open can read it)",
                            db->path);
}

static int corrupt(sc_db *db, int rc)
{
    return sc__error_set_at(SC_ENOTREGISTRY, SC_DOMAIN_DB, db->path, 0, 0, NULL, rc,
                            "'%s' is not a usable registry: the file is truncated or corrupt",
                            db->path);
}

/* One integer from a statement on conn; -1 when it fails. */
static long long conn_int(sqlite3 *conn, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* 1 when the file is shorter than its header says and no write-ahead log
 * could hold the rest (a copy cut short, a partial download). The size comes
 * from stat(): the file must never be opened and closed beside SQLite's own
 * descriptor, or closing it drops the process's POSIX locks on it (and
 * another process may then reset the WAL under this connection). */
static int truncated(sc_db *db)
{
    struct stat sb;
    long long page, pages;
    if (side_file_size(db->path, "-wal") > 0 || stat(db->path, &sb) != 0 ||
        !S_ISREG(sb.st_mode))
        return 0;
    page = conn_int(db->conn, "PRAGMA page_size");
    pages = conn_int(db->conn, "PRAGMA page_count");
    return page > 0 && pages > 0 && (long long)sb.st_size < page * pages;
}

/* The first read of the file, before anything is written: it names the real
 * cause (not a database, truncated, unreadable) instead of the first pragma
 * that happens to touch the file. A read-only open that SQLite cannot serve
 * because the process may not create the WAL index beside the file (a file it
 * may not write in a directory it may not write, a read-only mount) is
 * reopened as immutable when no write-ahead log holds changes: then the file
 * alone is the registry. */
static int first_read(sc_db *db)
{
    int rc = probe(db->conn), prim = rc & 0xff;
    if (rc == SQLITE_OK)
        return truncated(db) ? corrupt(db, SQLITE_CORRUPT) : SC_OK;
    if (db->readonly && (prim == SQLITE_CANTOPEN || prim == SQLITE_READONLY)) {
        char uri[4200 * 3 + 32];
        size_t o = 0;
        const char *c;
        if (side_file_size(db->path, "-wal") > 0)
            return sc__error_set_at(SC_EDB, SC_DOMAIN_DB, db->path, 0, 0, NULL, rc,
                                    "cannot open '%s' read-only: its write-ahead log '%s-wal' "
                                    "holds changes not yet in the file and this process may not "
                                    "write the log's index; open it once read-write, or read a "
                                    "copy made with 'skillcert backup'",
                                    db->path, db->path);
        o += (size_t)snprintf(uri, sizeof uri, "file:");
        for (c = db->path; *c && o + 4 < sizeof uri; c++) {
            unsigned char ch = (unsigned char)*c;
            if (ch == '%' || ch == '?' || ch == '#' || ch <= 0x20)
                o += (size_t)snprintf(uri + o, sizeof uri - o, "%%%02X", ch);
            else
                uri[o++] = (char)ch;
        }
        snprintf(uri + o, sizeof uri - o, "?immutable=1");
        sqlite3_close_v2(db->conn);
        db->conn = NULL;
        rc = sqlite3_open_v2(uri, &db->conn,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
                                 SQLITE_OPEN_EXRESCODE,
                             NULL);
        if (rc == SQLITE_OK) {
            sqlite3_extended_result_codes(db->conn, 1);
            rc = probe(db->conn);
        }
        if (rc == SQLITE_OK)
            return SC_OK;
        if (!db->conn)
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_DB, "out of memory opening '%s'",
                                 db->path);
        prim = rc & 0xff;
    }
    if (!db->readonly && (prim == SQLITE_READONLY || prim == SQLITE_CANTOPEN) &&
        access(db->path, R_OK) == 0)
        return read_only_file(db, rc);
    if (prim == SQLITE_NOTADB)
        return sc__error_set_at(SC_ENOTREGISTRY, SC_DOMAIN_DB, db->path, 0, 0, NULL, rc,
                                "'%s' is not a skillcert registry (not a SQLite database)",
                                db->path);
    if (prim == SQLITE_CORRUPT)
        return corrupt(db, rc);
    return sc__db_fail(db, rc, "reading the registry");
}

static void db_destroy(sc_db *db)
{
    size_t i;
    for (i = 0; i < db->nstmts; i++)
        sqlite3_finalize(db->stmts[i].stmt);
    free(db->stmts);
    if (db->conn)
        sqlite3_close_v2(db->conn);
    free(db->path);
    free(db);
}

int sc_db_open(sc_db **out, const char *path, const sc_db_options *opts)
{
    sc_db_options o = SC_DB_OPTIONS_INIT;
    sc_db *db = NULL;
    int flags, rc, memory;

    if (!out)
        return sc__error_null("sc_db_open", "out");
    *out = NULL;
    if (opts) {
        if (opts->version != SC_DB_OPTIONS_VERSION)
            return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                                 "sc_db_options version %u is not known to this library",
                                 opts->version);
        o = *opts;
    }
    if (!path)
        path = ":memory:";
    if ((rc = sc__check_text(path, "path", 4096, 1)) != SC_OK)
        return rc;
    if (o.busy_timeout_ms < 0)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "busy_timeout_ms must be >= 0");
    memory = strcmp(path, ":memory:") == 0;

    db = sc__calloc(1, sizeof(*db));
    if (!db)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory opening a registry");
    db->refs = 1;
    db->readonly = (o.flags & SC_DB_READONLY) != 0;
    db->path = sc__strdup(path);
    if (!db->path) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory opening a registry");
        goto fail;
    }
    flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (db->readonly)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | ((o.flags & SC_DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
    rc = sqlite3_open_v2(path, &db->conn, flags, NULL);
    if (rc != SQLITE_OK) {
        if (!db->conn) {
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_DB, "out of memory opening '%s'", path);
        } else {
            rc = sc__db_fail(db, rc, "opening the registry");
            if (rc == SC_EDB)
                sc__error_set_at(SC_EDB, SC_DOMAIN_DB, path, 0, 0, NULL,
                                 sqlite3_extended_errcode(db->conn),
                                 "cannot open registry '%s': %s", path, sqlite3_errmsg(db->conn));
        }
        goto fail;
    }
    sqlite3_extended_result_codes(db->conn, 1);
    sqlite3_busy_timeout(db->conn, o.busy_timeout_ms);
    if (!memory && (rc = first_read(db)) != SC_OK)
        goto fail;
    if ((rc = sc__db_exec(db, "PRAGMA foreign_keys = ON", "enabling foreign keys")) != SC_OK)
        goto fail_notadb;
    if (!memory && !db->readonly) {
        if ((rc = sc__db_exec(db, "PRAGMA journal_mode = WAL", "enabling WAL")) != SC_OK) {
            if ((sqlite3_errcode(db->conn) & 0xff) == SQLITE_READONLY)
                rc = read_only_file(db, sqlite3_extended_errcode(db->conn));
            goto fail_notadb;
        }
        if ((rc = sc__db_exec(db, "PRAGMA synchronous = NORMAL", "setting synchronous")) != SC_OK)
            goto fail;
    }
    /* A read-only handle (the verification service: lookups at random over
     * the whole registry) reads pages through a memory map of the file: no
     * read() call and no copy for a page outside its own cache. Writers
     * keep ordinary reads. */
    if (!memory && db->readonly &&
        (rc = sc__db_exec(db, "PRAGMA mmap_size = 1073741824", "mapping the registry")) != SC_OK)
        goto fail;
    if ((rc = migrate(db)) != SC_OK)
        goto fail;
    *out = db;
    return SC_OK;
fail_notadb:
    if (rc == SC_ENOTREGISTRY)
        sc__error_set(SC_ENOTREGISTRY, SC_DOMAIN_DB,
                      "'%s' is not a skillcert registry (not a SQLite database)", path);
fail:
    db_destroy(db);
    return rc;
}

int sc__db_stmt_get(sc_db *db, const char *sql, sqlite3_stmt **out)
{
    if (!(*out = sc__db_stmt(db, sql)))
        return sc_error_last()->code;
    return SC_OK;
}

int sc__rows_new(sc__rows **out, size_t size, sc_db *db, const char *sql, int kind)
{
    sc__rows *r;
    int rc;
    *out = NULL;
    if (size < sizeof(*r))
        size = sizeof(*r);
    if (!(r = sc__calloc(1, size)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    if ((rc = sc__db_prepare(db, sql, &r->st)) != SC_OK) {
        free(r);
        return rc;
    }
    r->db = db;
    r->kind = kind;
    sc__db_ref(db);
    *out = r;
    return SC_OK;
}

int sc__rows_step(sc__rows *r, int kind, const char *func)
{
    int rc;
    if (!r)
        return sc__error_null(func, "it");
    if (r->kind != kind)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s: not an iterator of this kind", func);
    if (r->done)
        return SC_ITEROVER;
    rc = sqlite3_step(r->st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc == SQLITE_DONE) {
        r->done = 1;
        return SC_ITEROVER;
    }
    return sc__db_fail(r->db, rc, "iterating");
}

void sc__rows_free(sc__rows *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->st);
    sc__db_unref(r->db);
    free(r);
}

/* ---- backup and check ---- */

int sc_db_backup(const sc_db *db, const char *path)
{
    char *tmp = NULL;
    sqlite3 *dst = NULL;
    sqlite3_backup *b = NULL;
    struct stat sb;
    int rc, src;
    size_t n;

    if ((rc = sc__db_check(db, "sc_db_backup", 0)) != SC_OK)
        return rc;
    if (!path)
        return sc__error_null("sc_db_backup", "path");
    if ((rc = sc__check_text(path, "path", 4096, 1)) != SC_OK)
        return rc;
    if (!strcmp(path, ":memory:") || !strncmp(path, "file:", 5))
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_db_backup: '%s' is not a file path", path);
    if (stat(path, &sb) == 0)
        return sc__error_set_at(SC_EEXISTS, SC_DOMAIN_OS, path, 0, 0, NULL, 0,
                                "backup '%s' exists: choose a new file name", path);
    n = strlen(path) + 32;
    if (!(tmp = sc__malloc(n)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory making a backup");
    snprintf(tmp, n, "%s.part-%ld", path, (long)getpid());
    unlink(tmp);
    {
        /* Create it first: the operating system's reason is the one to give. */
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) {
            rc = sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0,
                                  NULL, errno, "cannot create the backup '%s': %s", path,
                                  errno == ENOSPC ? "the disk is full" : strerror(errno));
            free(tmp);
            return rc;
        }
        close(fd);
    }
    rc = sqlite3_open_v2(tmp, &dst,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                             SQLITE_OPEN_EXRESCODE,
                         NULL);
    if (rc != SQLITE_OK) {
        rc = dst ? sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL,
                                    sqlite3_system_errno(dst), "cannot create '%s': %s (%s)",
                                    tmp, sqlite3_errmsg(dst),
                                    strerror(sqlite3_system_errno(dst)))
                 : sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory making a backup");
        goto done;
    }
    /* The copy needs no journal of its own until it is whole. */
    sqlite3_exec(dst, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL);
    b = sqlite3_backup_init(dst, "main", db->conn, "main");
    if (!b) {
        rc = sc__error_set_at(SC_EDB, SC_DOMAIN_DB, path, 0, 0, NULL,
                              sqlite3_extended_errcode(dst), "starting the backup: %s",
                              sqlite3_errmsg(dst));
        goto done;
    }
    /* All pages in one step: one read transaction, so one snapshot; in WAL
     * mode writers go on meanwhile. */
    src = sqlite3_backup_step(b, -1);
    rc = sqlite3_backup_finish(b);
    b = NULL;
    if (src != SQLITE_DONE) {
        int prim = src & 0xff;
        if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
            rc = sc__error_set(SC_EBUSY, SC_DOMAIN_DB,
                               "backup of '%s': the registry is locked", db->path);
        else if (prim == SQLITE_FULL || sqlite3_system_errno(dst) == ENOSPC)
            rc = sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, src,
                                  "backup '%s': the disk is full", path);
        else
            rc = sc__error_set_at(SC_EDB, SC_DOMAIN_DB, path, 0, 0, NULL, src,
                                  "backup '%s': %s", path, sqlite3_errstr(src));
        goto done;
    }
    if (rc != SQLITE_OK) {
        rc = sc__error_set_at(SC_EDB, SC_DOMAIN_DB, path, 0, 0, NULL, rc, "backup '%s': %s", path,
                              sqlite3_errstr(rc));
        goto done;
    }
    /* A copy is a registry in WAL mode like its source; sync it whole. */
    rc = sqlite3_exec(dst, "PRAGMA synchronous = FULL; PRAGMA journal_mode = WAL; "
                           "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_close(dst);
    if (rc != SQLITE_OK) {
        rc = sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, rc,
                              "backup '%s': finishing the copy: %s", path, sqlite3_errstr(rc));
        goto done;
    }
    dst = NULL;
    {
        int fd = open(tmp, O_RDONLY);
        int synced = fd >= 0 && fsync(fd) == 0;
        if (fd >= 0)
            close(fd);
        if (!synced || rename(tmp, path) != 0) {
            rc = sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, errno,
                                  "backup '%s': %s", path, strerror(errno));
            goto done;
        }
    }
    rc = SC_OK;
done:
    if (dst)
        sqlite3_close_v2(dst);
    if (rc != SC_OK) {
        char side[4200];
        unlink(tmp);
        snprintf(side, sizeof side, "%s-wal", tmp);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", tmp);
        unlink(side);
    }
    free(tmp);
    return rc;
}

int sc_db_check(sc_db_check_result *out, sc_db *db)
{
    sqlite3_stmt *st = NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_db_check", "out");
    SC__VERSION_CHECK(out, "sc_db_check_result", SC_DB_CHECK_RESULT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_db_check", 0)) != SC_OK)
        return rc;
    out->schema_version = db->schema_version;
    if ((rc = sc__db_prepare(db, "PRAGMA integrity_check(100)", &st)) != SC_OK)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = sc__col_text(st, 0);
        if (line && strcmp(line, "ok") != 0) {
            if (out->integrity_problems++ == 0)
                snprintf(out->message, sizeof out->message, "integrity check: %s", line);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "checking the registry's integrity");
    if ((rc = sc__db_prepare(db, "PRAGMA foreign_key_check", &st)) != SC_OK)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->foreign_key_problems++ == 0 && !out->message[0])
            snprintf(out->message, sizeof out->message,
                     "foreign key check: row %lld of table %s refers to a missing row of %s",
                     (long long)sqlite3_column_int64(st, 1), sc__col_text(st, 0),
                     sc__col_text(st, 2));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "checking the registry's foreign keys");
    out->ok = out->integrity_problems == 0 && out->foreign_key_problems == 0;
    return SC_OK;
}

void sc__db_ref(sc_db *db)
{
    db->refs++;
}

void sc__db_unref(sc_db *db)
{
    if (--db->refs == 0)
        db_destroy(db);
}

void sc_db_close(sc_db *db)
{
    if (!db || db->closed)
        return;
    db->closed = 1;
    sc__db_unref(db);
}

int sc_db_schema_version(const sc_db *db)
{
    if (!db)
        return sc__error_null("sc_db_schema_version", "db");
    return db->schema_version;
}

const char *sc_db_path(const sc_db *db)
{
    return db ? db->path : NULL;
}
