/*
 * check_faults — injected I/O faults across one whole demo season, as
 * SQLite's own test suite does (issue 15).
 *
 * A VFS shim wrapping the default one is registered as the default: it
 * counts the operations of one kind (write, sync or read) on every file and
 * makes the Nth fail with a chosen error (an I/O error, or disk full).
 * For each kind and error, for N = 1, 2, ... (every N up to the number of
 * such operations the season makes, or a stride through them when there are
 * more than FAULT_MAX_POINTS), the demo (examples/demo.c, driven as a
 * function) runs on a fresh registry file. Then, with the shim off:
 *   - the registry opens, PRAGMA integrity_check says ok, the foreign keys
 *     hold and the audit chain is intact (sc_audit_verify);
 *   - the failure surfaced: the demo's output names the cause ("disk is
 *     full", "I/O error") or the demo completed (the fault fell where SQLite
 *     recovers by itself);
 *   - all or none: the registry holds either all or none of the failed call's
 *     rows. A recording run (no fault) notes the registry's state after every
 *     commit (each table's row count and the audit sequence, taken in a WAL
 *     hook installed on every connection). After a fault that stopped the
 *     season, the registry must be in one of those states: no call left half
 *     its rows. After a season that completed, it must be in the final state.
 *     A self-test first shows the check catches a registry missing one row.
 * Prints one line per kind and a total; exits non-zero on any broken or
 * partial registry. `make check` builds it; only `make check-faults` runs it.
 *
 *   check_faults [DIR] [MAX_POINTS]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <skillcert.h>

#undef main
int sc_demo_main(int argc, char **argv);

enum { K_WRITE, K_SYNC, K_READ, K_COUNT };
static const char *const kind_name[K_COUNT] = { "write", "sync", "read" };

static sqlite3_vfs *base;
static sqlite3_vfs shim;
static int armed;            /* counting */
static int fault_kind;
static long fault_at;        /* fail the Nth operation; 0: never */
static long ops;             /* operations of fault_kind so far */
static int fault_rc;         /* the error to return */
static int fired;

/* All-or-nothing: the registry's states at the commits of a clean season. */
static const char *registry_path; /* the registry whose commits are recorded */
static int recording;
static char **states;
static size_t n_states, cap_states;

typedef struct shim_file {
    sqlite3_file base;       /* pMethods = &shim_io */
    sqlite3_file *real;      /* the default VFS's file, after this struct */
} shim_file;

static int hit(int kind)
{
    if (!armed || kind != fault_kind)
        return 0;
    if (++ops == fault_at) {
        fired = 1;
        return 1;
    }
    return 0;
}

static int s_close(sqlite3_file *f)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods ? s->real->pMethods->xClose(s->real) : SQLITE_OK;
}
static int s_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    shim_file *s = (shim_file *)f;
    if (hit(K_READ)) {
        errno = EIO;
        return SQLITE_IOERR_READ;
    }
    return s->real->pMethods->xRead(s->real, buf, n, off);
}
static int s_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    shim_file *s = (shim_file *)f;
    if (hit(K_WRITE)) {
        errno = fault_rc == SQLITE_FULL ? ENOSPC : EIO;
        return fault_rc == SQLITE_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    }
    return s->real->pMethods->xWrite(s->real, buf, n, off);
}
static int s_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xTruncate(s->real, size);
}
static int s_sync(sqlite3_file *f, int flags)
{
    shim_file *s = (shim_file *)f;
    if (hit(K_SYNC)) {
        errno = EIO;
        return SQLITE_IOERR_FSYNC;
    }
    return s->real->pMethods->xSync(s->real, flags);
}
static int s_size(sqlite3_file *f, sqlite3_int64 *size)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xFileSize(s->real, size);
}
static int s_lock(sqlite3_file *f, int l)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xLock(s->real, l);
}
static int s_unlock(sqlite3_file *f, int l)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xUnlock(s->real, l);
}
static int s_reserved(sqlite3_file *f, int *out)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xCheckReservedLock(s->real, out);
}
static int s_fcntl(sqlite3_file *f, int op, void *arg)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xFileControl(s->real, op, arg);
}
static int s_sector(sqlite3_file *f)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xSectorSize(s->real);
}
static int s_devchar(sqlite3_file *f)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xDeviceCharacteristics(s->real);
}
static int s_shmmap(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xShmMap(s->real, pg, sz, extend, pp);
}
static int s_shmlock(sqlite3_file *f, int off, int n, int flags)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xShmLock(s->real, off, n, flags);
}
static void s_shmbarrier(sqlite3_file *f)
{
    shim_file *s = (shim_file *)f;
    s->real->pMethods->xShmBarrier(s->real);
}
static int s_shmunmap(sqlite3_file *f, int del)
{
    shim_file *s = (shim_file *)f;
    return s->real->pMethods->xShmUnmap(s->real, del);
}
static int s_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    (void)f, (void)off, (void)n;
    *pp = NULL; /* no memory-mapped reads: every read goes through s_read */
    return SQLITE_OK;
}
static int s_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    (void)f, (void)off, (void)p;
    return SQLITE_OK;
}

static const sqlite3_io_methods shim_io = {
    3, s_close, s_read, s_write, s_truncate, s_sync, s_size, s_lock, s_unlock, s_reserved,
    s_fcntl, s_sector, s_devchar, s_shmmap, s_shmlock, s_shmbarrier, s_shmunmap, s_fetch,
    s_unfetch
};

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
    shim_file *s = (shim_file *)f;
    int rc;
    (void)v;
    s->real = (sqlite3_file *)(s + 1);
    memset(s->real, 0, (size_t)base->szOsFile);
    rc = base->xOpen(base, name, s->real, flags, out);
    s->base.pMethods = s->real->pMethods ? &shim_io : NULL;
    return rc;
}
static int v_delete(sqlite3_vfs *v, const char *n, int sync)
{
    (void)v;
    return base->xDelete(base, n, sync);
}
static int v_access(sqlite3_vfs *v, const char *n, int flags, int *out)
{
    (void)v;
    return base->xAccess(base, n, flags, out);
}
static int v_full(sqlite3_vfs *v, const char *n, int len, char *out)
{
    (void)v;
    return base->xFullPathname(base, n, len, out);
}
static int v_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return base->xRandomness(base, n, out);
}
static int v_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return base->xSleep(base, us);
}
static int v_time(sqlite3_vfs *v, sqlite3_int64 *t)
{
    (void)v;
    return base->xCurrentTimeInt64(base, t);
}
static int v_lasterr(sqlite3_vfs *v, int n, char *buf)
{
    (void)v;
    return base->xGetLastError ? base->xGetLastError(base, n, buf) : 0;
}

static void shim_install(void)
{
    base = sqlite3_vfs_find(NULL);
    memset(&shim, 0, sizeof shim);
    shim.iVersion = 2;
    shim.szOsFile = (int)sizeof(shim_file) + base->szOsFile;
    shim.mxPathname = base->mxPathname;
    shim.zName = "sc-faults";
    shim.xOpen = v_open;
    shim.xDelete = v_delete;
    shim.xAccess = v_access;
    shim.xFullPathname = v_full;
    shim.xRandomness = v_random;
    shim.xSleep = v_sleep;
    shim.xCurrentTimeInt64 = v_time;
    shim.xGetLastError = v_lasterr;
    if (sqlite3_vfs_register(&shim, 1) != SQLITE_OK)
        abort();
}

/* The registry's state as text: every table with its row count, in name
 * order, and the audit sequence. Returns a malloc'd string, or NULL when it
 * cannot be read. */
static char *state_of(sqlite3 *c)
{
    sqlite3_stmt *tables = NULL, *st = NULL;
    size_t len = 0, cap = 1024;
    char *out = malloc(cap);
    int rc;
    if (!out)
        abort();
    out[0] = '\0';
    if (sqlite3_prepare_v2(c, "SELECT name FROM sqlite_master WHERE type = 'table' "
                              "ORDER BY name", -1, &tables, NULL) != SQLITE_OK)
        goto fail;
    while ((rc = sqlite3_step(tables)) == SQLITE_ROW) {
        char sql[300];
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        long long n;
        snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", name);
        if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK ||
            sqlite3_step(st) != SQLITE_ROW)
            goto fail;
        n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        st = NULL;
        if (strcmp(name, "audit") == 0) {
            if (sqlite3_prepare_v2(c, "SELECT coalesce(max(seq), 0) FROM audit", -1, &st,
                                   NULL) != SQLITE_OK ||
                sqlite3_step(st) != SQLITE_ROW)
                goto fail;
            n = n * 1000003 + sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
            st = NULL;
        }
        if (len + strlen(name) + 32 > cap) {
            cap = (cap + strlen(name) + 32) * 2;
            if (!(out = realloc(out, cap)))
                abort();
        }
        len += (size_t)snprintf(out + len, cap - len, "%s=%lld;", name, n);
    }
    if (rc != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(tables);
    return out;
fail:
    sqlite3_finalize(st);
    sqlite3_finalize(tables);
    free(out);
    return NULL;
}

static void record_state(sqlite3 *c)
{
    char *s = state_of(c);
    if (!s) {
        fprintf(stderr, "check_faults: cannot read the registry's state: %s\n",
                sqlite3_errmsg(c));
        exit(1);
    }
    if (n_states && strcmp(states[n_states - 1], s) == 0) {
        free(s);
        return;
    }
    if (n_states == cap_states) {
        cap_states = cap_states ? cap_states * 2 : 64;
        if (!(states = realloc(states, cap_states * sizeof *states)))
            abort();
    }
    states[n_states++] = s;
}

/* After every commit on a WAL connection. It replaces SQLite's own hook (the
 * automatic checkpoint), so it checkpoints as that one does. */
static int wal_hook(void *arg, sqlite3 *c, const char *name, int frames)
{
    (void)arg;
    if (recording && registry_path) {
        const char *f = sqlite3_db_filename(c, name);
        if (f && strcmp(f, registry_path) == 0) {
            int was = armed;
            armed = 0;
            record_state(c);
            armed = was;
        }
    }
    if (frames >= 1000)
        sqlite3_wal_checkpoint(c, name);
    return SQLITE_OK;
}

/* SQLite sets its own WAL hook after the automatic extensions have run, so
 * the hook goes in from a statement trace: before each statement runs. */
static int on_statement(unsigned int what, void *arg, void *stmt, void *sql)
{
    (void)what, (void)arg, (void)sql;
    sqlite3_wal_hook(sqlite3_db_handle((sqlite3_stmt *)stmt), wal_hook, NULL);
    return 0;
}

static int on_open(sqlite3 *c, const char **err, const sqlite3_api_routines *api)
{
    (void)err, (void)api;
    sqlite3_trace_v2(c, SQLITE_TRACE_STMT, on_statement, NULL);
    return SQLITE_OK;
}

/* Is this state one the clean season passes through? */
static int state_known(const char *s)
{
    size_t i;
    if (!*s)
        return 1; /* an empty file: nothing was created */
    for (i = 0; i < n_states; i++)
        if (strcmp(states[i], s) == 0)
            return 1;
    return 0;
}

static char dir[512];

static void rm_registry(const char *db)
{
    char p[700];
    const char *sfx[] = { "", "-wal", "-shm", "-journal" };
    size_t i;
    for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
        snprintf(p, sizeof p, "%s%s", db, sfx[i]);
        unlink(p);
    }
    snprintf(p, sizeof p, "%s/r-report.html", dir);
    unlink(p);
}

/* Run the demo on a fresh registry, its output into out. Returns its status. */
static int run_demo(const char *db, const char *out)
{
    char *argv[] = { (char *)"demo", (char *)db, NULL };
    int saved_out = dup(1), saved_err = dup(2), fd, rc;
    rm_registry(db);
    fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || saved_out < 0 || saved_err < 0)
        abort();
    fflush(stdout);
    fflush(stderr);
    dup2(fd, 1);
    dup2(fd, 2);
    close(fd);
    rc = sc_demo_main(2, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    return rc;
}

/* The state of the registry file (read with the shim off; opened read-write so
 * that SQLite may recover its WAL); "" when absent. */
static char *file_state(const char *path)
{
    sqlite3 *c = NULL;
    char *s;
    if (access(path, F_OK) != 0)
        return calloc(1, 1);
    if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(c);
        return NULL;
    }
    s = state_of(c);
    sqlite3_close(c);
    return s;
}

/* The check must catch a partial change: the season's final registry with one
 * row of one table gone (as if a call had left its other rows) is in no state
 * of the clean season. */
static int catches_partial(const char *path)
{
    static const char *const tables[] = { "audit", "candidate", "application", "occupation" };
    sqlite3 *c = NULL;
    char sql[200], *st;
    size_t i;
    int known = 1;
    if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return 0;
    for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE rowid = (SELECT max(rowid) FROM %s)",
                 tables[i], tables[i]);
        if (sqlite3_exec(c, sql, NULL, NULL, NULL) != SQLITE_OK || sqlite3_changes(c) != 1)
            continue;
        st = state_of(c);
        known = !st || state_known(st);
        free(st);
        printf("faults selftest: one %s row missing: %s\n", tables[i],
               known ? "NOT caught" : "caught");
        break;
    }
    sqlite3_close(c);
    if (known)
        fprintf(stderr, "check_faults: the all-or-none check misses a partial change\n");
    return !known;
}

static int file_has(const char *path, const char *what)
{
    char line[4096];
    int found = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    while (!found && fgets(line, sizeof line, f))
        found = strstr(line, what) != NULL;
    fclose(f);
    return found;
}

/* The registry after a fault: opens, integrity, foreign keys, audit chain.
 * Returns NULL when whole, else what is wrong. */
static const char *registry_whole(const char *path)
{
    static char why[512];
    sqlite3 *c = NULL;
    sqlite3_stmt *st = NULL;
    sc_db *db = NULL;
    sc_audit_result a = SC_AUDIT_RESULT_INIT;
    const char *bad = NULL;
    if (access(path, F_OK) != 0)
        return NULL; /* never created: nothing to break */
    if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        bad = "sqlite cannot open it";
    else if (sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
             sqlite3_step(st) != SQLITE_ROW ||
             strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        bad = "integrity_check is not ok";
    sqlite3_finalize(st);
    st = NULL;
    if (!bad && (sqlite3_prepare_v2(c, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK ||
                 sqlite3_step(st) != SQLITE_DONE))
        bad = "foreign_key_check found rows";
    sqlite3_finalize(st);
    sqlite3_close(c);
    if (bad)
        return bad;
    if (sc_db_open(&db, path, NULL) != SC_OK) {
        snprintf(why, sizeof why, "sc_db_open: %.400s", sc_error_last()->message);
        return why;
    }
    if (sc_audit_verify(&a, db) != SC_OK || !a.ok) {
        snprintf(why, sizeof why, "audit chain: %.400s", a.message);
        sc_db_close(db);
        return why;
    }
    sc_db_close(db);
    return NULL;
}

int main(int argc, char **argv)
{
    const char *tmp = getenv("TMPDIR");
    long max_points = argc > 2 ? atol(argv[2]) : 400;
    char db[700], out[700];
    long total_points = 0, total_broken = 0, total_unnamed = 0, total_partial = 0;
    char real[4096];
    int k, e, status = 0;
    static const int errs[2] = { SQLITE_IOERR, SQLITE_FULL };

    int own_dir = !(argc > 1 && argv[1][0]);
    if (!own_dir)
        snprintf(dir, sizeof dir, "%s", argv[1]);
    else {
        snprintf(dir, sizeof dir, "%s/sc-faults-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            return 1;
        }
    }
    snprintf(db, sizeof db, "%s/r.db", dir);
    snprintf(out, sizeof out, "%s/demo.out", dir);
    shim_install();
    sqlite3_auto_extension((void (*)(void))on_open);
    /* A recording run: the registry's state after each commit of a clean season. */
    if (!realpath(dir, real)) {
        perror(dir);
        return 1;
    }
    {
        static char rp[4200];
        snprintf(rp, sizeof rp, "%s/r.db", real);
        registry_path = rp;
    }
    recording = 1;
    if (run_demo(db, out) != 0) {
        fprintf(stderr, "check_faults: the demo fails without faults (see %s)\n", out);
        return 1;
    }
    recording = 0;
    if (n_states < 2) {
        fprintf(stderr, "check_faults: recorded %zu states: the WAL hook saw no commits\n",
                n_states);
        return 1;
    }
    {
        char *final = file_state(db);
        if (!final || strcmp(final, states[n_states - 1]) != 0) {
            fprintf(stderr, "check_faults: the last recorded state is not the final one\n");
            return 1;
        }
        free(final);
    }
    if (!catches_partial(db))
        return 1;
    for (k = 0; k < K_COUNT; k++) {
        for (e = 0; e < 2; e++) {
            long count, n, stride, points = 0, broken = 0, unnamed = 0, completed = 0;
            long partial = 0;
            if (k != K_WRITE && errs[e] == SQLITE_FULL)
                continue; /* disk full is a write's error */
            /* A clean run counts the operations of this kind. */
            fault_kind = k;
            fault_at = 0;
            ops = 0;
            armed = 1;
            if (run_demo(db, out) != 0) {
                fprintf(stderr, "check_faults: the demo fails without faults (see %s)\n", out);
                return 1;
            }
            armed = 0;
            count = ops;
            stride = count > max_points ? (count + max_points - 1) / max_points : 1;
            for (n = 1; n <= count; n += stride) {
                const char *bad;
                char *st;
                int rc;
                fault_kind = k;
                fault_at = n;
                fault_rc = errs[e];
                ops = 0;
                fired = 0;
                armed = 1;
                rc = run_demo(db, out);
                armed = 0;
                points++;
                st = file_state(db); /* before registry_whole opens (and migrates) it */
                if ((bad = registry_whole(db)) != NULL) {
                    broken++;
                    fprintf(stderr, "BROKEN: %s #%ld (%s): %s\n", kind_name[k], n,
                            errs[e] == SQLITE_FULL ? "disk full" : "I/O error", bad);
                }
                {
                    /* All or none of the failed call; all of a completed season. */
                    int whole = st && (rc == 0 ? strcmp(st, states[n_states - 1]) == 0
                                               : state_known(st));
                    if (!bad && !whole) {
                        partial++;
                        fprintf(stderr, "PARTIAL: %s #%ld (%s): the registry is in no state "
                                "of the clean season (demo status %d): %.300s\n",
                                kind_name[k], n,
                                errs[e] == SQLITE_FULL ? "disk full" : "I/O error", rc,
                                st ? st : "unreadable");
                    }
                    free(st);
                }
                if (rc == 0)
                    completed++;
                else if (!(errs[e] == SQLITE_FULL ? file_has(out, "disk is full")
                                                   : file_has(out, "I/O error"))) {
                    unnamed++;
                    if (unnamed <= 3) {
                        char cmd[800];
                        fprintf(stderr, "cause not named: %s #%ld (%s):\n", kind_name[k], n,
                                errs[e] == SQLITE_FULL ? "disk full" : "I/O error");
                        snprintf(cmd, sizeof cmd, "grep -m2 -iE 'fail|refused|error' '%s' >&2",
                                 out);
                        if (system(cmd) != 0)
                            fprintf(stderr, "  (no error line)\n");
                    }
                }
            }
            printf("faults %s %s: operations=%ld points=%ld (stride %ld) intact=%ld broken=%ld "
                   "all_or_none=%ld partial=%ld completed=%ld cause_named=%ld "
                   "cause_unnamed=%ld\n",
                   kind_name[k], errs[e] == SQLITE_FULL ? "disk-full" : "io-error", count,
                   points, stride, points - broken, broken, points - broken - partial,
                   partial, completed, points - completed - unnamed, unnamed);
            fflush(stdout);
            total_points += points;
            total_broken += broken;
            total_unnamed += unnamed;
            total_partial += partial;
            if (broken || partial)
                status = 1;
        }
    }
    rm_registry(db);
    unlink(out);
    if (own_dir)
        rmdir(dir);
    printf("faults total points=%ld intact=%ld broken=%ld all_or_none=%ld partial=%ld "
           "cause_unnamed=%ld states=%zu\n", total_points, total_points - total_broken,
           total_broken, total_points - total_broken - total_partial, total_partial,
           total_unnamed, n_states);
    return status;
}
