/*
 * bench_report — time the period report (supervision.h) on a large registry.
 *
 * Fills a registry file with ORGS organizations (filed, in every district in
 * turn) and CERTS certificates (plain SQL inserts, as a registry grown over
 * a year would hold them: every occupation of the notice's catalog, levels
 * 1-5, issue dates through 2024, every 50th revoked), then — through the
 * API — spot checks of ten organizations with findings and three warnings.
 * It then times sc_period_report_get() for 2024 and the HTML page rendered
 * from it (tools/report_html.c, the CLI's renderer),
 * and prints
 *
 *     report orgs=N certificates=M gather_ms=G html_ms=H total_ms=T bytes=B
 *
 * Options: --orgs N (100), --certs N (100000), --db PATH (a temp file),
 * --html FILE (write the page), --expect FILE (write, as JSON, the number of
 * bars and the total every chart must draw, counted here while filling and
 * independently of the library: tests/cli/test-report-chromium.sh compares
 * them with what the page drew in headless Chromium).
 *
 * Built as bench/bench_report (`make bench-report`, -O2) and as
 * tests/report_gen for the Chromium test.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"
#include "report_html.h" /* tools/: the page the CLI writes */

#define MAX_ORGS 10000
#define MAX_OCC 256
#define MAX_DISTRICTS 32

static void die(const char *what)
{
    fprintf(stderr, "bench_report: %s: %s\n", what, sc_error_last()->message);
    exit(1);
}

static void exec_sql(sc_db *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db->conn, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "bench_report: %s: %s\n", sql, err ? err : "?");
        exit(1);
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static sqlite3_stmt *prep(sc_db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_report: %s: %s\n", sql, sqlite3_errmsg(db->conn));
        exit(1);
    }
    return st;
}

static void step_done(sc_db *db, sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_DONE) {
        fprintf(stderr, "bench_report: %s: %s\n", sqlite3_sql(st), sqlite3_errmsg(db->conn));
        exit(1);
    }
    sqlite3_reset(st);
}

/* A well-formed credit code for organization i in district d. */
static void org_code(char out[19], const char *district, int i)
{
    snprintf(out, 19, "91%.6sMA%07dX", district, i);
}

int main(int argc, char **argv)
{
    int orgs = 100, certs = 100000, i, ndist = 0, nocc = 0;
    const char *path = NULL, *html_path = NULL, *expect_path = NULL;
    char tmp[64] = "", districts[MAX_DISTRICTS][16], occ[MAX_OCC][16];
    static int64_t by_org[MAX_ORGS];
    int64_t by_level[6] = { 0 }, by_dist[MAX_DISTRICTS] = { 0 }, by_occ[MAX_OCC] = { 0 };
    int64_t in_force = 0;
    int org_dist[MAX_ORGS];
    sc_db *db = NULL;
    sc_actor *city = NULL, *centre = NULL;
    sqlite3_stmt *st;
    sc_period_report *r = NULL;
    FILE *page;
    size_t len = 0;
    double t0, t1, t2, credit_sum;
    int used_occ = 0, used_dist = 0, k;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--orgs") && i + 1 < argc)
            orgs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--certs") && i + 1 < argc)
            certs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--db") && i + 1 < argc)
            path = argv[++i];
        else if (!strcmp(argv[i], "--html") && i + 1 < argc)
            html_path = argv[++i];
        else if (!strcmp(argv[i], "--expect") && i + 1 < argc)
            expect_path = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--orgs N] [--certs N] [--db PATH] [--html FILE] "
                            "[--expect FILE]\n", argv[0]);
            return 2;
        }
    }
    if (orgs < 10 || orgs > MAX_ORGS || certs < 1 || certs > 50000000) {
        fprintf(stderr, "bench_report: --orgs 10-%d, --certs 1-50000000\n", MAX_ORGS);
        return 2;
    }
    if (!path) {
        snprintf(tmp, sizeof tmp, "/tmp/bench_report.%ld.db", (long)getpid());
        path = tmp;
    }
    unlink(path);
    if (sc_db_open(&db, path, NULL) != SC_OK)
        die("open");
    if (sc_actor_new(&city, SC_ACTOR_CITY_BUREAU, NULL, "bench") != SC_OK ||
        sc_actor_new(&centre, SC_ACTOR_CITY_CENTRE, NULL, "bench") != SC_OK)
        die("actor");
    if (sc_catalog_load_notice(db, city) != SC_OK)
        die("catalog");

    /* Districts and occupations to spread over. */
    st = prep(db, "SELECT code FROM district ORDER BY ordinal");
    while (sqlite3_step(st) == SQLITE_ROW && ndist < MAX_DISTRICTS)
        snprintf(districts[ndist++], sizeof districts[0], "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    st = prep(db, "SELECT code FROM occupation ORDER BY code");
    while (sqlite3_step(st) == SQLITE_ROW && nocc < MAX_OCC)
        snprintf(occ[nocc++], sizeof occ[0], "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);

    /* Fill with plain SQL. */
    t0 = now_ms();
    exec_sql(db, "PRAGMA synchronous = OFF");
    exec_sql(db, "BEGIN");
    {
        sqlite3_stmt *o = prep(db, "INSERT INTO org (id, credit_code, name, kind, district, "
                                   "registered) VALUES (?1, ?2, ?3, 1, ?4, '2023-01-05')");
        sqlite3_stmt *f = prep(db, "INSERT INTO filing (org_id, kind, status, applied, "
                                   "recommended, evaluated, methods, noticed, filed, committed, "
                                   "receipt, valid_until) VALUES (?1, 1, 6, '2023-02-01', "
                                   "'2023-02-10', '2023-03-01', 7, '2023-03-10', '2023-05-10', "
                                   "'2023-05-12', ?2, '2026-05-09')");
        sqlite3_stmt *x = prep(db, "INSERT OR IGNORE INTO cert_context (id, org_id, org_name, district, "
                                   "occupation, occupation_name, level) VALUES (?1, ?2, ?3, ?4, "
                                   "?5, (SELECT name FROM occupation WHERE code = ?5), ?6)");
        sqlite3_stmt *c = prep(db, "INSERT INTO certificate (number, holder, id_number, status, "
                                   "issued, revoked, context) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        sqlite3_stmt *cr = prep(db, "INSERT INTO certificate_record (number, id_number, "
                                    "certified, published) VALUES (?1, ?2, ?3, ?3)");
        for (i = 0; i < orgs; i++) {
            char code[19], name[64], receipt[32];
            org_dist[i] = i % ndist;
            org_code(code, districts[org_dist[i]], i + 1);
            snprintf(name, sizeof name, "评价机构%03d", i + 1);
            snprintf(receipt, sizeof receipt, "BJ-2023-%04d", i + 1);
            sqlite3_bind_int(o, 1, i + 1);
            sqlite3_bind_text(o, 2, code, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(o, 3, name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(o, 4, districts[org_dist[i]], -1, SQLITE_STATIC);
            step_done(db, o);
            sqlite3_bind_int(f, 1, i + 1);
            sqlite3_bind_text(f, 2, receipt, -1, SQLITE_TRANSIENT);
            step_done(db, f);
        }
        for (i = 0; i < certs; i++) {
            int org = i % orgs, o_occ = (i / orgs) % nocc, level = 1 + (i / 7) % 5;
            int seq = i / orgs + 1, day = i % 360, revoked = i % 50 == 49;
            sqlite3_int64 ctx = ((sqlite3_int64)org * nocc + o_occ) * 5 + level;
            char number[24], date[11], id[19], name[64];
            snprintf(number, sizeof number, "S000011%06d24%d%06d", org + 1, level, seq);
            snprintf(date, sizeof date, "2024-%02d-%02d", 1 + day / 30, 1 + day % 28);
            snprintf(id, sizeof id, "1101051990%08d", i);
            /* the context row (once: OR IGNORE) */
            sqlite3_bind_int64(x, 1, ctx);
            sqlite3_bind_int(x, 2, org + 1);
            snprintf(name, sizeof name, "评价机构%03d", org + 1);
            sqlite3_bind_text(x, 3, name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(x, 4, districts[org_dist[org]], -1, SQLITE_STATIC);
            sqlite3_bind_text(x, 5, occ[o_occ], -1, SQLITE_STATIC);
            sqlite3_bind_int(x, 6, level);
            step_done(db, x);
            snprintf(name, sizeof name, "持证人%d", i);
            sqlite3_bind_text(c, 1, number, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(c, 2, name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(c, 3, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(c, 4, revoked ? 4 : 3);
            sqlite3_bind_text(c, 5, date, -1, SQLITE_TRANSIENT);
            if (revoked)
                sqlite3_bind_text(c, 6, "2024-12-30", -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(c, 6);
            sqlite3_bind_int64(c, 7, ctx);
            step_done(db, c);
            sqlite3_bind_text(cr, 1, number, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(cr, 2, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(cr, 3, date, -1, SQLITE_TRANSIENT);
            step_done(db, cr);
            if (!revoked) {
                in_force++;
                by_org[org]++;
                by_level[level]++;
                by_dist[org_dist[org]]++;
                by_occ[o_occ]++;
            }
        }
        sqlite3_finalize(o);
        sqlite3_finalize(f);
        sqlite3_finalize(x);
        sqlite3_finalize(c);
        sqlite3_finalize(cr);
    }
    exec_sql(db, "COMMIT");
    exec_sql(db, "ANALYZE");

    /* Spot checks through the API: ten organizations, findings dated at the
     * period's end (no decay): five serious out-of-scope (40 points), five
     * major staff-ratio (12 points); warnings for the first three. */
    for (i = 0; i < 10; i++) {
        char code[19];
        int64_t in = 0, fid = 0, sid = 0;
        org_code(code, districts[org_dist[i]], i + 1);
        if (sc_inspection_open(&in, db, centre, code, SC_INSPECT_ORG, NULL, "2024-12-01", NULL) !=
            SC_OK)
            die("inspection");
        if (sc_inspection_add_finding(&fid, db, centre, in, i < 5 ? "out-of-scope" : "staff-ratio",
                                      i < 5 ? SC_FINDING_SERIOUS : SC_FINDING_MAJOR,
                                      "benchmark finding", NULL, 0, "2024-12-31") != SC_OK)
            die("finding");
        if (i < 3 && sc_sanction_impose(&sid, db, centre, fid, SC_SANCTION_WARNING, NULL, "警告",
                                        "2024-12-31") != SC_OK)
            die("sanction");
    }
    credit_sum = 100.0 * orgs - 5 * 40 - 5 * 12;
    t1 = now_ms();
    fprintf(stderr, "bench_report: filled %d organizations and %d certificates in %.0f ms\n",
            orgs, certs, t1 - t0);

    /* The timed part. */
    t0 = now_ms();
    if (sc_period_report_get(&r, db, "2024-01-01", "2024-12-31") != SC_OK)
        die("report");
    t1 = now_ms();
    page = html_path ? fopen(html_path, "wb+") : tmpfile();
    if (!page || report_html_write(page, r) != 0 || fflush(page) != 0)
        die("html");
    len = (size_t)ftell(page);
    t2 = now_ms();
    if (fclose(page) != 0)
        die("html");

    if (sc_period_report_total(r, SC_RSEC_CERT_ORG) != in_force ||
        sc_period_report_total(r, SC_RSEC_CERT_LEVEL) != in_force) {
        fprintf(stderr, "bench_report: the report counts %lld certificates, %lld are in force\n",
                (long long)sc_period_report_total(r, SC_RSEC_CERT_ORG), (long long)in_force);
        return 1;
    }
    if (expect_path) {
        FILE *fp = fopen(expect_path, "w");
        int used_org = 0, used_level = 0;
        if (!fp) {
            fprintf(stderr, "bench_report: cannot write %s\n", expect_path);
            return 1;
        }
        for (k = 0; k < nocc; k++)
            used_occ += by_occ[k] > 0;
        for (k = 0; k < ndist; k++)
            used_dist += by_dist[k] > 0;
        for (k = 0; k < orgs; k++)
            used_org += by_org[k] > 0;
        for (k = 1; k <= 5; k++)
            used_level += by_level[k] > 0;
        fprintf(fp,
                "{\"inspections\": {\"bars\": 1, \"total\": \"10\"},\n"
                " \"findings\": {\"bars\": 2, \"total\": \"10\"},\n"
                " \"sanctions\": {\"bars\": 1, \"total\": \"3\"},\n"
                " \"credit\": {\"bars\": %d, \"total\": \"%.2f\"},\n"
                " \"certificates-by-occupation\": {\"bars\": %d, \"total\": \"%lld\"},\n"
                " \"certificates-by-level\": {\"bars\": %d, \"total\": \"%lld\"},\n"
                " \"certificates-by-district\": {\"bars\": %d, \"total\": \"%lld\"},\n"
                " \"certificates-by-org\": {\"bars\": %d, \"total\": \"%lld\"}}\n",
                orgs, credit_sum, used_occ, (long long)in_force, used_level, (long long)in_force,
                used_dist, (long long)in_force, used_org, (long long)in_force);
        if (fclose(fp) != 0)
            return 1;
    }
    printf("report orgs=%d certificates=%d gather_ms=%.1f html_ms=%.1f total_ms=%.1f bytes=%zu\n",
           orgs, certs, t1 - t0, t2 - t1, t2 - t0, len);
    sc_period_report_free(r);
    sc_actor_free(city);
    sc_actor_free(centre);
    sc_db_close(db);
    if (tmp[0]) {
        char side[96];
        unlink(tmp);
        snprintf(side, sizeof side, "%s-wal", tmp);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", tmp);
        unlink(side);
    }
    return 0;
}
