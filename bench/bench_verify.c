/*
 * bench_verify — public certificate verification per second on one core.
 *
 *   bench/bench_verify [CERTIFICATES [LOOKUPS [ROUNDS]]]   (defaults 1000000, 200000, 3)
 *
 * Fills a registry file (in $TMPDIR, removed at the end) with CERTIFICATES
 * issued certificates of one organization, written directly into the
 * certificate tables (certificate, certificate_record, cert_context) by
 * plain SQL inserts in one transaction (the bulk path: numbers in the
 * national format, 90% published, 5% issued only, 5% revoked). The file is
 * then closed and opened twice:
 *
 *   api    sc_db_open() and sc_certificate_verify() per lookup: the number, the
 *          holder's name, the answer with masked name and ID, occupation, level,
 *          organization and dates (each call its own read transaction: one
 *          statement, which SQLite runs in a read transaction of its own);
 *   floor  a bare sqlite3 connection on the same file with one prepared,
 *          indexed "SELECT holder FROM certificate WHERE number = ?", each
 *          lookup in its own BEGIN ... COMMIT (prepared too);
 *   batch  sc_certificate_batch_verify() over the same lookups, 1000 numbers
 *          per call (one read transaction per call).
 *
 * The LOOKUPS numbers are drawn at random (a fixed seed) among those issued;
 * one in 16 asks with a wrong name. Each round walks the lookups in slices
 * of 2000, timing the floor, the API and the batch on each slice in turn (so
 * load from elsewhere weighs on all three alike); the best of ROUNDS rounds
 * counts. The last line is
 *   verify lookups_per_s=N floor_per_s=M ratio=R batch_per_s=B
 * with R = N / M. Run through `make bench-verify` (built with -O2); it is not
 * part of `make check`. The process pins itself to one CPU when it can.
 *
 *   bench/bench_verify --python SCRIPT [CERTIFICATES [LOOKUPS [ROUNDS]]]
 *
 * (`make bench-python`) also writes the lookups to a file and, after each
 * round, runs "$PYTHON SCRIPT REGISTRY LOOKUPS-FILE" (bench/bench_verify.py:
 * Database.certificate_verify() from Python over the same lookups, on the same
 * file, pinned to the same CPU); the best Python round is compared with the
 * best api round, on one last line
 *   python verify_per_s=N c_per_s=M ratio=R
 * with R = N / M.
 */
#define _GNU_SOURCE
#include "config.h"

#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"

#define BATCH 1000
#define SLICE 2000

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32) % n;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(const char *what)
{
    fprintf(stderr, "bench_verify: %s: %s\n", what, sc_error_last()->message);
    return 1;
}

static int sql_fail(sqlite3 *conn, const char *what)
{
    fprintf(stderr, "bench_verify: %s: %s\n", what, sqlite3_errmsg(conn));
    return 1;
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周",
                                        "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭",
                                        "马", "罗", "欧阳", "司马" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军",
                                     "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
                                     "霞", "平", "刚", "桂英", "小三", "建国" };

typedef struct {
    char number[SC_CERT_NUMBER_SIZE];
    char name[24];
} cert_key;

static void make_name(char *out, size_t cap, uint32_t i)
{
    snprintf(out, cap, "%s%s", surnames[i % 22], given[(i / 22) % 24]);
}

/* Certificate i: years 20-24, levels 1-5, a sequence per (year, level). */
static void make_number(char out[SC_CERT_NUMBER_SIZE], uint32_t i)
{
    char buf[64];
    snprintf(buf, sizeof buf, "S000011000001%02u%u%06u", 20u + i % 5u, 1u + (i / 5u) % 5u,
             (i / 25u + 1u) % 1000000u);
    memcpy(out, buf, SC_CERT_NUMBER_SIZE - 1);
    out[SC_CERT_NUMBER_SIZE - 1] = '\0';
}

static void make_id(char out[19], uint32_t i)
{
    char buf[64];
    snprintf(buf, sizeof buf, "1101051980%02u%02u%03u%c", 1u + (i / 28u) % 12u, 1u + i % 28u,
             (i / 336u) % 1000u, "0123456789X"[i % 11u]);
    memcpy(out, buf, 18);
    out[18] = '\0';
}

static const char SQL_CONTEXT[] =
    "INSERT INTO cert_context(id, org_id, org_name, district, occupation, occupation_name, "
    "work_type, level) VALUES (?1, ?2, '北京智训科技有限公司', '110108', '4-02-07-10', "
    "'网约配送员', '', ?1)";
static const char SQL_INSERT[] =
    "INSERT INTO certificate(number, holder, id_number, status, issued, revoked, context) "
    "VALUES (?1, ?3, ?4, ?2, ?7, ?9, ?5)";
static const char SQL_RECORD[] =
    "INSERT INTO certificate_record(number, id_type, id_number, certified, published, "
    "revoke_reason) VALUES (?1, 1, ?4, ?7, ?8, ?10)";

/* The bulk path: plain SQL inserts in one transaction. */
static int fill(const char *path, size_t n, cert_key *keys)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *st = NULL, *rec = NULL;
    sqlite3_int64 org_id = 0;
    size_t i;
    int rc;

    if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return sql_fail(conn, "opening for the bulk load");
    if (sqlite3_prepare_v2(conn, "SELECT id FROM org", -1, &st, NULL) != SQLITE_OK)
        return sql_fail(conn, "finding the organization");
    if (sqlite3_step(st) == SQLITE_ROW)
        org_id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (sqlite3_exec(conn, "PRAGMA cache_size = -262144; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return sql_fail(conn, "starting the load");
    if (sqlite3_prepare_v2(conn, SQL_CONTEXT, -1, &st, NULL) != SQLITE_OK)
        return sql_fail(conn, "preparing the contexts");
    for (i = 1; i <= 5; i++) { /* one issuing context per level */
        sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 2, org_id);
        if (sqlite3_step(st) != SQLITE_DONE)
            return sql_fail(conn, "inserting a context");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(conn, SQL_INSERT, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(conn, SQL_RECORD, -1, &rec, NULL) != SQLITE_OK)
        return sql_fail(conn, "preparing the insert");
    for (i = 0; i < n; i++) {
        char id[19], date[11];
        uint32_t u = (uint32_t)i;
        int status = u % 20 == 7 ? SC_CERT_ISSUED : u % 20 == 13 ? SC_CERT_REVOKED
                                                                   : SC_CERT_PUBLISHED;
        make_number(keys[i].number, u);
        make_name(keys[i].name, sizeof keys[i].name, u * 2654435761u);
        make_id(id, u);
        snprintf(date, sizeof date, "20%02u-%02u-%02u", 20u + u % 5u, 1u + (u / 7u) % 12u,
                 1u + (u / 3u) % 28u);
        /* certificate: ?1 number, ?2 status, ?3 holder, ?4 ID, ?5 context (= level),
         * ?7 issued, ?9 revoked */
        sqlite3_bind_text(st, 1, keys[i].number, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, status);
        sqlite3_bind_text(st, 3, keys[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 5, 1 + (int)((u / 5u) % 5u));
        sqlite3_bind_text(st, 7, date, -1, SQLITE_TRANSIENT);
        if (status == SC_CERT_REVOKED)
            sqlite3_bind_text(st, 9, date, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, 9);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sql_fail(conn, "inserting a certificate");
        sqlite3_bind_text(rec, 1, keys[i].number, -1, SQLITE_STATIC);
        sqlite3_bind_text(rec, 4, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(rec, 7, date, -1, SQLITE_TRANSIENT);
        if (status == SC_CERT_ISSUED)
            sqlite3_bind_null(rec, 8);
        else
            sqlite3_bind_text(rec, 8, date, -1, SQLITE_TRANSIENT);
        if (status == SC_CERT_REVOKED)
            sqlite3_bind_text(rec, 10, "bench", -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(rec, 10);
        rc = sqlite3_step(rec);
        sqlite3_reset(rec);
        if (rc != SQLITE_DONE)
            return sql_fail(conn, "inserting a certificate record");
    }
    sqlite3_finalize(st);
    sqlite3_finalize(rec);
    if (sqlite3_exec(conn, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE); ANALYZE", NULL, NULL,
                     NULL) != SQLITE_OK)
        return sql_fail(conn, "committing the load");
    sqlite3_close(conn);
    return 0;
}

/* A bare prepared, indexed lookup, each in its own read transaction. */
static int floor_round(sqlite3 *conn, sqlite3_stmt *begin, sqlite3_stmt *sel,
                       sqlite3_stmt *commit, const cert_key *keys, const uint32_t *pick,
                       size_t m, double *secs, size_t *found)
{
    double t0 = now();
    size_t i;
    *found = 0;
    for (i = 0; i < m; i++) {
        const cert_key *k = &keys[pick[i]];
        if (sqlite3_step(begin) != SQLITE_DONE)
            return sql_fail(conn, "BEGIN");
        sqlite3_reset(begin);
        sqlite3_bind_text(sel, 1, k->number, 22, SQLITE_STATIC);
        if (sqlite3_step(sel) == SQLITE_ROW) {
            const unsigned char *h = sqlite3_column_text(sel, 0);
            *found += h != NULL && h[0] != 0;
        }
        sqlite3_reset(sel);
        if (sqlite3_step(commit) != SQLITE_DONE)
            return sql_fail(conn, "COMMIT");
        sqlite3_reset(commit);
    }
    *secs = now() - t0;
    return 0;
}

static int api_round(sc_db *db, const cert_key *keys, const uint32_t *pick, size_t m,
                     size_t first, double *secs, size_t *valid)
{
    double t0 = now();
    sc_verification v = SC_VERIFICATION_INIT;
    size_t i;
    *valid = 0;
    for (i = 0; i < m; i++) {
        const cert_key *k = &keys[pick[i]];
        const char *name = ((first + i) & 15) == 15 ? "某某" : k->name;
        if (sc_certificate_verify(&v, db, k->number, name, NULL) != SC_OK)
            return fail("sc_certificate_verify");
        *valid += v.status == SC_VERIFY_VALID;
    }
    *secs = now() - t0;
    return 0;
}

static int batch_round(sc_db *db, const char **numbers, const char **names, size_t m,
                       sc_verification *out, double *secs, size_t *valid)
{
    double t0 = now();
    size_t i, j;
    *valid = 0;
    for (i = 0; i < m; i += BATCH) {
        size_t k = m - i < BATCH ? m - i : BATCH;
        if (sc_certificate_batch_verify(out, db, numbers + i, names + i, NULL, k) != SC_OK)
            return fail("sc_certificate_batch_verify");
        for (j = 0; j < k; j++)
            *valid += out[j].status == SC_VERIFY_VALID;
    }
    *secs = now() - t0;
    return 0;
}

/* Write the lookups as "NUMBER<TAB>NAME" lines for the Python half. */
static int write_lookups(const char *file, const char **numbers, const char **names, size_t m)
{
    FILE *f = fopen(file, "w");
    size_t i;
    if (!f) {
        perror(file);
        return 1;
    }
    for (i = 0; i < m; i++)
        fprintf(f, "%s\t%s\n", numbers[i], names[i]);
    if (fclose(f) != 0) {
        perror(file);
        return 1;
    }
    return 0;
}

/* One Python round: its rate, and the answers it found valid. */
static int python_round(const char *script, const char *path, const char *lookups,
                        double *per_s, size_t *valid)
{
    const char *python = getenv("PYTHON");
    char cmd[2048], line[512];
    FILE *p;
    int got = 0;

    snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' '%s'", python && *python ? python : "python3",
             script, path, lookups);
    if (!(p = popen(cmd, "r"))) {
        perror("popen");
        return 1;
    }
    while (fgets(line, sizeof line, p)) {
        unsigned long long v;
        if (sscanf(line, "python per_s=%lf valid=%llu", per_s, &v) == 2) {
            *valid = (size_t)v;
            got = 1;
        }
    }
    if (pclose(p) != 0 || !got) {
        fprintf(stderr, "bench_verify: %s failed\n", cmd);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *script = NULL;
    char lookups[600];
    double best_python = 0;
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1000000;
    size_t m = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 200000;
    int rounds = argc > 3 ? atoi(argv[3]) : 3;
    const char *tmp = getenv("TMPDIR");
    char path[512], side[600];
    sc_db *db = NULL;
    sc_actor *org = NULL, *city = NULL;
    sqlite3 *conn = NULL;
    sqlite3_stmt *begin = NULL, *sel = NULL, *commit = NULL;
    cert_key *keys;
    uint32_t *pick;
    const char **numbers, **names;
    sc_verification *out;
    double t0, best_api = 0, best_floor = 0, best_batch = 0, secs;
    size_t i, found = 0, valid = 0, bvalid = 0;
    int r, pinned = 0;

    if (argc > 2 && strcmp(argv[1], "--python") == 0) {
        script = argv[2];
        argv += 2;
        argc -= 2;
        n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1000000;
        m = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 200000;
        rounds = argc > 3 ? atoi(argv[3]) : 3;
    }
#if defined(__linux__)
    {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(0, &set);
        pinned = sched_setaffinity(0, sizeof set, &set) == 0;
    }
#endif
    if (n < 25 || m == 0 || rounds <= 0 || n > 25000000) {
        fprintf(stderr, "usage: bench_verify [--python SCRIPT] [CERTIFICATES [LOOKUPS [ROUNDS]]]\n");
        return 2;
    }
    snprintf(path, sizeof path, "%s/bench-verify-%ld.db", tmp && *tmp ? tmp : "/tmp",
             (long)getpid());
    remove(path);
    keys = calloc(n, sizeof(*keys));
    pick = calloc(m, sizeof(*pick));
    numbers = calloc(m, sizeof(*numbers));
    names = calloc(m, sizeof(*names));
    out = calloc(BATCH, sizeof(*out));
    if (!keys || !pick || !numbers || !names || !out) {
        fprintf(stderr, "bench_verify: out of memory\n");
        return 1;
    }
    for (i = 0; i < BATCH; i++)
        out[i].version = SC_VERIFICATION_VERSION;

    /* The registry: schema, catalog, the organization; then the bulk load. */
    t0 = now();
    if (sc_db_open(&db, path, NULL) != SC_OK)
        return fail("creating the registry");
    if (sc_actor_new(&city, SC_ACTOR_CITY_BUREAU, NULL, "bench") != SC_OK ||
        sc_actor_new(&org, SC_ACTOR_ORGANIZATION, "91110108MA01ABCD2H", "bench") != SC_OK)
        return fail("making the actors");
    if (sc_catalog_load_notice(db, city) != SC_OK)
        return fail("loading the catalog");
    if (sc_org_register(db, org, "91110108MA01ABCD2H", "北京智训科技有限公司", SC_ORG_ENTERPRISE,
                        "110108", "2023-01-05", 0) != SC_OK)
        return fail("registering the organization");
    sc_db_close(db);
    db = NULL;
    if (fill(path, n, keys) != 0)
        return 1;
    printf("bench_verify: %zu certificates written to %s in %.1f s; %zu lookups, %d rounds, %s\n",
           n, path, now() - t0, m, rounds, pinned ? "pinned to CPU 0" : "not pinned");

    for (i = 0; i < m; i++) {
        pick[i] = rnd((uint32_t)n);
        numbers[i] = keys[pick[i]].number;
        names[i] = (i & 15) == 15 ? "某某" : keys[pick[i]].name;
    }

    snprintf(lookups, sizeof lookups, "%s.lookups", path);
    if (script && write_lookups(lookups, numbers, names, m) != 0)
        return 1;

    if (sc_db_open(&db, path, NULL) != SC_OK)
        return fail("opening the registry");
    if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(conn, "BEGIN", -1, &begin, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(conn, "SELECT holder FROM certificate WHERE number = ?1", -1, &sel,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(conn, "COMMIT", -1, &commit, NULL) != SQLITE_OK)
        return sql_fail(conn, "opening the floor connection");

    /* Each round walks the lookups in slices of SLICE, timing the floor, the
     * API and the batch call on the same slice in turn, so that whatever else
     * runs on the machine weighs on the three alike. */
    for (r = 0; r < rounds; r++) {
        double t_floor = 0, t_api = 0, t_batch = 0;
        size_t f = 0, v = 0, b = 0;
        for (i = 0; i < m; i += SLICE) {
            size_t k = m - i < SLICE ? m - i : SLICE, got;
            if (floor_round(conn, begin, sel, commit, keys, pick + i, k, &secs, &got) != 0)
                return 1;
            t_floor += secs;
            f += got;
            if (api_round(db, keys, pick + i, k, i, &secs, &got) != 0)
                return 1;
            t_api += secs;
            v += got;
            if (batch_round(db, numbers + i, names + i, k, out, &secs, &got) != 0)
                return 1;
            t_batch += secs;
            b += got;
        }
        found = f;
        valid = v;
        bvalid = b;
        if ((double)m / t_floor > best_floor)
            best_floor = (double)m / t_floor;
        if ((double)m / t_api > best_api)
            best_api = (double)m / t_api;
        if ((double)m / t_batch > best_batch)
            best_batch = (double)m / t_batch;
        printf("bench_verify: round %d: floor %.0f/s, api %.0f/s (ratio %.3f), batch %.0f/s\n",
               r + 1, (double)m / t_floor, (double)m / t_api, t_floor / t_api,
               (double)m / t_batch);
        if (script) {
            double py = 0;
            size_t pv = 0;
            fflush(stdout);
            if (python_round(script, path, lookups, &py, &pv) != 0)
                return 1;
            if (pv != v) {
                fprintf(stderr, "bench_verify: Python found %zu valid, C %zu\n", pv, v);
                return 1;
            }
            if (py > best_python)
                best_python = py;
            printf("bench_verify: round %d: python %.0f/s (ratio to api %.3f)\n", r + 1, py,
                   py * t_api / (double)m);
        }
    }
    printf("bench_verify: floor found %zu of %zu; api answered valid %zu (batch %zu)\n", found, m,
           valid, bvalid);
    if (valid != bvalid || found != m) {
        fprintf(stderr, "bench_verify: the measures disagree\n");
        return 1;
    }

    sqlite3_finalize(begin);
    sqlite3_finalize(sel);
    sqlite3_finalize(commit);
    sqlite3_close(conn);
    sc_db_close(db);
    sc_actor_free(org);
    sc_actor_free(city);
    remove(path);
    if (script)
        remove(lookups);
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", path);
    remove(side);
    free(keys);
    free(pick);
    free((void *)numbers);
    free((void *)names);
    free(out);
    printf("verify lookups_per_s=%.0f floor_per_s=%.0f ratio=%.3f batch_per_s=%.0f\n", best_api,
           best_floor, best_api / best_floor, best_batch);
    if (script)
        printf("python verify_per_s=%.0f c_per_s=%.0f ratio=%.3f\n", best_python, best_api,
               best_python / best_api);
    return 0;
}
