/*
 * bench_serve — the helper program of `make bench-serve` (bench/bench-serve.sh).
 *
 *   bench/bench_serve fill REGISTRY N PATHS [LOOKUPS]
 *       Create REGISTRY (schema, catalog, one organization) and bulk-load N
 *       issued certificates straight into the certificate tables in one
 *       transaction (90% published, 5% issued only, 5% revoked); then write
 *       PATHS, LOOKUPS request paths (default 100000) for wrk: random
 *       certificates, "/api/verify?number=…&name=…", one in 16 with a wrong
 *       name.
 *   bench/bench_serve floor ADDR:PORT THREADS
 *       The floor: the same libmicrohttpd daemon (flags, thread pool, limits as
 *       `skillcert serve`) answering every request with one fixed JSON
 *       verification answer, until SIGTERM. Prints "listening on PORT".
 *   bench/bench_serve render [COUNT]
 *       `make bench-render`: COUNT certificates (default 200) of a registry of
 *       1000 drawn to PDF files with sc_certificate_render(), one after the
 *       other; the last line is
 *         render pdf_per_s=N ms_per_pdf=M bytes_per_pdf=B
 *
 * Not part of `make check`.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sqlite3.h>

#include <skillcert.h>

static uint64_t seed = 0x2545F4914F6CDD1Dull;

static uint32_t next_rand(uint32_t n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed % n);
}

static const char *const family[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                      "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "欧阳" };
static const char *const personal[] = { "芳", "伟", "娜", "敏", "静", "强", "磊", "洋", "艳",
                                        "勇", "军", "杰", "娟", "涛", "明", "超", "小三", "建华" };
#define NFAM (sizeof family / sizeof family[0])
#define NPER (sizeof personal / sizeof personal[0])

static void holder(char *out, size_t cap, uint32_t i)
{
    uint32_t h = i * 2246822519u;
    snprintf(out, cap, "%s%s", family[h % NFAM], personal[(h / NFAM) % NPER]);
}

/* Certificate i: year 20-24, level 1-5, a sequence per (year, level). */
static void number_of(char out[SC_CERT_NUMBER_SIZE], uint32_t i)
{
    snprintf(out, SC_CERT_NUMBER_SIZE, "S000011000001%02u%u%06u", 20u + i % 5u,
             1u + (i / 5u) % 5u, (i / 25u) % 999999u + 1u);
}

static void id_of(char out[19], uint32_t i)
{
    snprintf(out, 19, "1101051985%02u%02u%03u%c", 1u + (i / 28u) % 12u, 1u + i % 28u,
             (i / 336u) % 1000u, "0123456789X"[i % 11u]);
}

static int lib_fail(const char *what)
{
    fprintf(stderr, "bench_serve: %s: %s\n", what, sc_error_last()->message);
    return 1;
}

static int sql_fail(sqlite3 *db, const char *what)
{
    fprintf(stderr, "bench_serve: %s: %s\n", what, sqlite3_errmsg(db));
    return 1;
}

static void put_pct(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
            fputc(c, f);
        else
            fprintf(f, "%%%02X", c);
    }
}

static int fill(const char *path, uint32_t n, const char *paths, uint32_t lookups)
{
    sc_db *db = NULL;
    sc_actor *city = NULL, *org = NULL;
    sqlite3 *conn = NULL;
    sqlite3_stmt *ctx = NULL, *cert = NULL, *rec = NULL;
    sqlite3_int64 org_id = 0;
    FILE *f;
    uint32_t i;

    remove(path);
    if (sc_db_open(&db, path, NULL) != SC_OK)
        return lib_fail("creating the registry");
    if (sc_actor_new(&city, SC_ACTOR_CITY_BUREAU, NULL, "bench") != SC_OK
        || sc_actor_new(&org, SC_ACTOR_ORGANIZATION, "91110108MA01ABCD2H", "bench") != SC_OK)
        return lib_fail("making the actors");
    if (sc_catalog_load_notice(db, city) != SC_OK)
        return lib_fail("loading the catalog");
    if (sc_org_register(db, org, "91110108MA01ABCD2H", "北京智训科技有限公司", SC_ORG_ENTERPRISE,
                        "110108", "2023-01-05", 0) != SC_OK)
        return lib_fail("registering the organization");
    sc_actor_free(city);
    sc_actor_free(org);
    sc_db_close(db);

    if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return sql_fail(conn, "opening for the load");
    if (sqlite3_prepare_v2(conn, "SELECT id FROM org", -1, &ctx, NULL) != SQLITE_OK)
        return sql_fail(conn, "the organization");
    if (sqlite3_step(ctx) == SQLITE_ROW)
        org_id = sqlite3_column_int64(ctx, 0);
    sqlite3_finalize(ctx);
    if (sqlite3_exec(conn, "PRAGMA cache_size = -262144; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return sql_fail(conn, "BEGIN");
    if (sqlite3_prepare_v2(conn,
                           "INSERT INTO cert_context(id, org_id, org_name, district, occupation, "
                           "occupation_name, work_type, level) VALUES (?1, ?2, "
                           "'北京智训科技有限公司', '110108', '4-02-07-10', '网约配送员', '', ?1)",
                           -1, &ctx, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(conn,
                              "INSERT INTO certificate(number, holder, id_number, status, issued, "
                              "revoked, context) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              -1, &cert, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(conn,
                              "INSERT INTO certificate_record(number, id_type, id_number, "
                              "certified, published, revoke_reason) VALUES (?1, 1, ?2, ?3, ?4, ?5)",
                              -1, &rec, NULL) != SQLITE_OK)
        return sql_fail(conn, "preparing");
    for (i = 1; i <= 5; i++) {
        sqlite3_bind_int(ctx, 1, (int)i);
        sqlite3_bind_int64(ctx, 2, org_id);
        if (sqlite3_step(ctx) != SQLITE_DONE)
            return sql_fail(conn, "a context");
        sqlite3_reset(ctx);
    }
    for (i = 0; i < n; i++) {
        char num[SC_CERT_NUMBER_SIZE], name[32], id[19], date[11];
        int status = i % 20 == 3 ? SC_CERT_ISSUED : i % 20 == 11 ? SC_CERT_REVOKED
                                                                  : SC_CERT_PUBLISHED;
        number_of(num, i);
        holder(name, sizeof name, i);
        id_of(id, i);
        snprintf(date, sizeof date, "20%02u-%02u-%02u", 20u + i % 5u, 1u + (i / 5u) % 12u,
                 1u + (i / 60u) % 28u);
        sqlite3_bind_text(cert, 1, num, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(cert, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(cert, 3, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(cert, 4, status);
        sqlite3_bind_text(cert, 5, date, -1, SQLITE_TRANSIENT);
        if (status == SC_CERT_REVOKED)
            sqlite3_bind_text(cert, 6, date, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(cert, 6);
        sqlite3_bind_int(cert, 7, 1 + (int)((i / 5u) % 5u));
        if (sqlite3_step(cert) != SQLITE_DONE)
            return sql_fail(conn, "a certificate");
        sqlite3_reset(cert);
        sqlite3_bind_text(rec, 1, num, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(rec, 2, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(rec, 3, date, -1, SQLITE_TRANSIENT);
        if (status == SC_CERT_ISSUED)
            sqlite3_bind_null(rec, 4);
        else
            sqlite3_bind_text(rec, 4, date, -1, SQLITE_TRANSIENT);
        if (status == SC_CERT_REVOKED)
            sqlite3_bind_text(rec, 5, "bench", -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(rec, 5);
        if (sqlite3_step(rec) != SQLITE_DONE)
            return sql_fail(conn, "a certificate record");
        sqlite3_reset(rec);
    }
    sqlite3_finalize(ctx);
    sqlite3_finalize(cert);
    sqlite3_finalize(rec);
    if (sqlite3_exec(conn, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE); ANALYZE", NULL, NULL, NULL)
        != SQLITE_OK)
        return sql_fail(conn, "COMMIT");
    sqlite3_close(conn);

    if ((f = fopen(paths, "w")) == NULL) {
        perror(paths);
        return 1;
    }
    for (i = 0; i < lookups; i++) {
        uint32_t k = next_rand(n);
        char num[SC_CERT_NUMBER_SIZE], name[32];
        number_of(num, k);
        holder(name, sizeof name, i % 16 == 15 ? k + 1 : k); /* one in 16: another's name */
        fprintf(f, "/api/verify?number=%s&name=", num);
        put_pct(f, name);
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        perror(paths);
        return 1;
    }
    printf("bench_serve: %u certificates in %s, %u request paths in %s\n", n, path, lookups,
           paths);
    return 0;
}

static const char ANSWER[] =
    "{\"number\":\"S000011000001244000001\",\"status\":\"valid\",\"valid\":true,"
    "\"name\":\"王*\",\"id_number\":\"110105********002X\",\"occupation\":\"4-02-07-10\","
    "\"occupation_name\":\"网约配送员\",\"work_type\":\"--\",\"level\":4,"
    "\"level_text\":\"四级/中级工\",\"organization_name\":\"北京智训科技有限公司\","
    "\"issued\":\"2024-03-15\",\"revoked\":null}";

static enum MHD_Result fixed(void *cls, struct MHD_Connection *c, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **con_cls)
{
    struct MHD_Response *r;
    enum MHD_Result ret;
    (void)cls, (void)url, (void)method, (void)version, (void)upload, (void)upload_size;
    if (*con_cls == NULL) {
        *con_cls = c;
        return MHD_YES;
    }
    r = MHD_create_response_from_buffer(sizeof ANSWER - 1, (void *)ANSWER,
                                        MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
    ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

static int floor_server(const char *listen, unsigned int threads)
{
    struct sockaddr_in sa;
    char host[64];
    const char *colon = strrchr(listen, ':');
    struct MHD_Daemon *d;
    const union MHD_DaemonInfo *info;
    sigset_t set;
    int sig;
    if (colon == NULL || (size_t)(colon - listen) >= sizeof host)
        return 2;
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)atoi(colon + 1));
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
        return 2;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL, fixed,
                         NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                         MHD_OPTION_THREAD_POOL_SIZE, threads,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned int)512,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)10,
                         MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)1024, MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "bench_serve: cannot listen on %s\n", listen);
        return 1;
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("listening on %u\n", info != NULL ? (unsigned)info->port : 0u);
    fflush(stdout);
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int render_bench(unsigned int count)
{
    const char *tmp = getenv("TMPDIR");
    char dir[256], reg[300], paths[300], pdf[320];
    sc_db *db = NULL;
    double t0, secs, bytes = 0;
    unsigned int i;
    snprintf(dir, sizeof dir, "%s/bench-render-%ld", tmp && *tmp ? tmp : "/tmp", (long)getpid());
    if (mkdir(dir, 0700) != 0) {
        perror(dir);
        return 1;
    }
    snprintf(reg, sizeof reg, "%s/registry.db", dir);
    snprintf(paths, sizeof paths, "%s/paths", dir);
    if (fill(reg, 1000, paths, 1) != 0)
        return 1;
    if (sc_db_open(&db, reg, NULL) != SC_OK)
        return lib_fail("opening the registry");
    /* One untimed render: fonts and the font map are loaded once per process. */
    snprintf(pdf, sizeof pdf, "%s/warm.pdf", dir);
    {
        char num[SC_CERT_NUMBER_SIZE];
        number_of(num, 0);
        if (sc_certificate_render(db, num, pdf, "https://verify.example.org") != SC_OK)
            return lib_fail("rendering");
        remove(pdf);
    }
    t0 = now_s();
    for (i = 0; i < count; i++) {
        char num[SC_CERT_NUMBER_SIZE];
        struct stat st;
        number_of(num, i % 1000u);
        snprintf(pdf, sizeof pdf, "%s/c%u.pdf", dir, i % 8u);
        if (sc_certificate_render(db, num, pdf, "https://verify.example.org") != SC_OK)
            return lib_fail("rendering");
        if (stat(pdf, &st) == 0)
            bytes += (double)st.st_size;
    }
    secs = now_s() - t0;
    sc_db_close(db);
    for (i = 0; i < 8 && i < count; i++) {
        snprintf(pdf, sizeof pdf, "%s/c%u.pdf", dir, i);
        remove(pdf);
    }
    remove(paths);
    remove(reg);
    snprintf(pdf, sizeof pdf, "%s-wal", reg);
    remove(pdf);
    snprintf(pdf, sizeof pdf, "%s-shm", reg);
    remove(pdf);
    rmdir(dir);
    printf("render pdf_per_s=%.1f ms_per_pdf=%.2f bytes_per_pdf=%.0f\n", count / secs,
           secs * 1000.0 / count, bytes / count);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "render") == 0)
        return render_bench(argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 200u);
    if (argc >= 5 && strcmp(argv[1], "fill") == 0)
        return fill(argv[2], (uint32_t)strtoul(argv[3], NULL, 10), argv[4],
                    argc > 5 ? (uint32_t)strtoul(argv[5], NULL, 10) : 100000u);
    if (argc == 4 && strcmp(argv[1], "floor") == 0)
        return floor_server(argv[2], (unsigned)atoi(argv[3]));
    fprintf(stderr, "usage: bench_serve fill REGISTRY N PATHS [LOOKUPS]\n"
                    "       bench_serve floor ADDR:PORT THREADS\n"
                    "       bench_serve render [COUNT]\n");
    return 2;
}
