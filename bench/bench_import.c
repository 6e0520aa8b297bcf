/*
 * bench_import — end-to-end import of a candidate batch (报名确认 batch, an
 * organization's verified applications sent to its district) beside a floor
 * measured in the same run.
 *
 *   import: sc_xml_import_file() as the district bureau on a registry file
 *           holding the catalog, a filed organization and its open
 *           announcement: streaming parse, XSD validation, business checks
 *           (ID check character, announcement and scope, one open application
 *           per person and offering), candidate and application rows, each
 *           application's carried record (one work period) added to the
 *           candidate and its claimed condition (L5-a) decided again on it
 *           (issue 11), one transaction, batch bookkeeping and the audit entry.
 *   floor:  a bare libxml2 SAX2 push parse with the same XSD plugged in,
 *           feeding bare prepared INSERTs in one transaction into a table with
 *           the applications' unique key (person, offering) and a table of
 *           the work periods.
 *
 * The batch is signed by the organization (issue 12): a detached CMS over its
 * bytes (FILE.p7s) with keys made here (root, centre, organization), and the
 * registry has the root as its trust anchor, so the import verifies the
 * signature and the signer; the floor verifies the same signature with the same
 * library (sc_pki_verify_detached) before its parse.
 *
 * Each is measured in its own child process (wall time, peak RSS from
 * wait4), on a fresh file. Last line:
 *   import records_per_s=N floor_per_s=M ratio=R peak_rss_mb=X
 *
 *   bench_import [RECORDS]     (default 1000000)
 */
#define _GNU_SOURCE 1
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "skillcert.h"

#define ORG_BASE "91110108MA01XK7H2"
#define NS "urn:skillcert:candidate-batch:1"

static char org_code[19];
static char *root_cert; /* the registry's trust anchor */
static char sig_path[600];

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_import: %s: %s\n", what, sc_error_last()->message);
    exit(1);
}

/* A valid resident ID number for record i (unique for i < 10^7). */
static void id_number(char out[19], long i)
{
    static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    static const char check[] = "10X98765432";
    int year = 1960 + (int)(i % 40), month = 1 + (int)(i / 40 % 12), day = 1 + (int)(i / 480 % 28);
    long seq = i / 13440; /* 40 * 12 * 28 */
    int s = 0, k;
    snprintf(out, 19, "110108%04d%02d%02d%03ld", year, month, day, seq % 1000);
    for (k = 0; k < 17; k++)
        s += (out[k] - '0') * w[k];
    out[17] = check[s % 11];
    out[18] = '\0';
}

static void write_batch(const char *path, long n)
{
    FILE *f = fopen(path, "w");
    long i;
    char id[19];
    if (!f) {
        perror(path);
        exit(1);
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<candidate-batch xmlns=\"%s\" version=\"1\" batch=\"bench-%ld\" "
               "issuer=\"org:%s\" addressee=\"district:110108\" "
               "credit-code=\"%s\" district=\"110108\" announcement=\"2024-01\">\n",
            NS, n, org_code, org_code);
    for (i = 0; i < n; i++) {
        id_number(id, i);
        fprintf(f, "  <application id-number=\"%s\" name=\"考生%ld\" occupation=\"4-02-07-10\" "
                   "level=\"5\" path=\"normal\" applied=\"2024-03-05\" verified=\"2024-03-10\" "
                   "eligibility=\"L5-a\">\n"
                   "    <records><work occupation=\"4-02-07-10\" from=\"2021-06-01\" "
                   "to=\"2023-12-31\"/></records>\n"
                   "  </application>\n", id, i);
    }
    fputs("</candidate-batch>\n", f);
    if (fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

/* The registry before the import: catalog, a filed organization, an open announcement. */
/* The root, the centre and the organization; the batch's detached signature. */
static void sign_batch(const char *xml)
{
    char *root_key = NULL, *centre_key = NULL, *org_key = NULL, *req = NULL;
    char *centre_cert = NULL, *org_cert = NULL, *chain, *sig = NULL, party[64];
    sc_signer *s = NULL;
    size_t len = 0;
    FILE *f;
    if (sc_pki_key_new(&root_key, NULL) || sc_pki_key_new(&centre_key, NULL) ||
        sc_pki_key_new(&org_key, NULL))
        die("keys");
    if (sc_pki_request_new(&req, NULL, root_key, "city-bureau") ||
        sc_signer_new_key(&s, root_key, NULL) ||
        sc_pki_certify(&root_cert, NULL, s, req, "2024-01-01", "2035-12-31"))
        die("root");
    sc_free(req);
    sc_signer_free(s);
    if (sc_pki_request_new(&req, NULL, centre_key, "city-centre") ||
        sc_signer_new_key(&s, root_key, root_cert) ||
        sc_pki_certify(&centre_cert, NULL, s, req, "2024-01-01", "2030-12-31"))
        die("centre");
    sc_free(req);
    sc_signer_free(s);
    snprintf(party, sizeof party, "org:%s", org_code);
    if (sc_pki_request_new(&req, NULL, org_key, party) ||
        sc_signer_new_key(&s, centre_key, centre_cert) ||
        sc_pki_certify(&org_cert, NULL, s, req, "2024-01-01", "2030-12-31"))
        die("organization");
    sc_free(req);
    sc_signer_free(s);
    if (!(chain = malloc(strlen(org_cert) + strlen(centre_cert) + 1)))
        die("memory");
    strcpy(chain, org_cert);
    strcat(chain, centre_cert);
    if (sc_signer_new_key(&s, org_key, chain) || sc_pki_sign_detached(&sig, &len, xml, s, NULL))
        die("signing the batch");
    snprintf(sig_path, sizeof sig_path, "%s.p7s", xml);
    if (!(f = fopen(sig_path, "wb")) || fwrite(sig, 1, len, f) != len || fclose(f) != 0)
        die("writing the signature");
    sc_signer_free(s);
    free(chain);
    sc_free(sig);
    sc_free(root_key);
    sc_free(centre_key);
    sc_free(org_key);
    sc_free(centre_cert);
    sc_free(org_cert);
}

static void prepare_registry(const char *path)
{
    sc_db *db = NULL;
    sc_actor *city, *centre, *org, *haidian;
    sc_offerings *scope = NULL;
    sc_announcement ann = SC_ANNOUNCEMENT_INIT;

    unlink(path);
    if (sc_db_open(&db, path, NULL))
        die("open");
    if (sc_actor_new(&city, SC_ACTOR_CITY_BUREAU, NULL, NULL) ||
        sc_actor_new(&centre, SC_ACTOR_CITY_CENTRE, NULL, NULL) ||
        sc_actor_new(&org, SC_ACTOR_ORGANIZATION, org_code, NULL) ||
        sc_actor_new(&haidian, SC_ACTOR_DISTRICT, "110108", NULL))
        die("actors");
    if (sc_catalog_load_notice(db, city) || sc_eligibility_load_defaults(NULL, db, city))
        die("catalog");
    if (sc_pki_anchor_set(db, city, root_cert, NULL))
        die("trust anchor");
    if (sc_offerings_new(&scope) || sc_offerings_add_text(scope, "4-02-07-10:5,4"))
        die("scope");
    if (sc_org_register(db, org, org_code, "北京智训科技有限公司", SC_ORG_ENTERPRISE, "110108",
                        "2023-01-05", 0) ||
        sc_org_apply(db, org, org_code, scope, "2023-02-01") ||
        sc_org_recommend(db, haidian, org_code, "2023-02-10", NULL) ||
        sc_org_evaluate(db, centre, org_code, NULL, SC_EVAL_ALL, "2023-03-01", NULL) ||
        sc_org_notice(db, centre, org_code, "2023-03-10") ||
        sc_org_file(db, centre, org_code, "2023-05-10") ||
        sc_org_commit(db, org, org_code, "2023-05-12"))
        die("filing");
    ann = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(ann.credit_code, sizeof ann.credit_code, "%s", org_code);
    snprintf(ann.code, sizeof ann.code, "2024-01");
    snprintf(ann.title, sizeof ann.title, "2024 年第一期新职业技能等级认定实施方案");
    snprintf(ann.opens, sizeof ann.opens, "2024-03-01");
    snprintf(ann.closes, sizeof ann.closes, "2024-03-31");
    snprintf(ann.fees, sizeof ann.fees, "五级 300 元");
    ann.methods = SC_METHOD_THEORY | SC_METHOD_PRACTICAL;
    if (sc_announcement_publish(NULL, db, org, &ann, scope, "2024-02-20"))
        die("announcement");
    sc_offerings_free(scope);
    sc_actor_free(city);
    sc_actor_free(centre);
    sc_actor_free(org);
    sc_actor_free(haidian);
    sc_db_close(db);
}

static int run_import(const char *db_path, const char *xml, long n)
{
    sc_db *db = NULL;
    sc_actor *haidian = NULL;
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_report *rep = NULL;
    if (sc_db_open(&db, db_path, NULL) || sc_actor_new(&haidian, SC_ACTOR_DISTRICT, "110108", NULL) ||
        sc_report_new(&rep))
        die("open");
    if (sc_xml_import_file(&res, db, haidian, xml, NULL, rep) != SC_OK)
        die("import");
    if ((long)res.records < n) {
        fprintf(stderr, "bench_import: imported %llu records, expected at least %ld\n",
                (unsigned long long)res.records, n);
        return 1;
    }
    sc_report_free(rep);
    sc_actor_free(haidian);
    sc_db_close(db);
    return 0;
}

/* ---- the floor ---- */

typedef struct {
    sqlite3_stmt *ins, *work;
    char id[32];                /* the application being read */
    long rows;
    int failed;
} floor_ctx;

static const char *attr(const xmlChar **a, int n, const char *name, int *len)
{
    int i;
    for (i = 0; i < n; i++)
        if (!strcmp((const char *)a[5 * i], name)) {
            *len = (int)(a[5 * i + 4] - a[5 * i + 3]);
            return (const char *)a[5 * i + 3];
        }
    *len = 0;
    return NULL;
}

static void floor_start(void *ud, const xmlChar *local, const xmlChar *prefix,
                        const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attrs,
                        int nb_def, const xmlChar **attrs)
{
    floor_ctx *f = ud;
    static const char *cols[] = { "id-number", "name", "occupation", "work-type", "level",
                                  "path", "applied" };
    int k, len;
    (void)prefix, (void)uri, (void)nb_ns, (void)ns, (void)nb_def;
    if (!strcmp((const char *)local, "work")) { /* the record the claim rests on */
        static const char *wcols[] = { "occupation", "from", "to" };
        sqlite3_bind_text(f->work, 1, f->id, -1, SQLITE_STATIC);
        for (k = 0; k < 3; k++) {
            const char *v = attr(attrs, nb_attrs, wcols[k], &len);
            if (v)
                sqlite3_bind_text(f->work, k + 2, v, len, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(f->work, k + 2);
        }
        if (sqlite3_step(f->work) != SQLITE_DONE)
            f->failed = 1;
        sqlite3_reset(f->work);
        return;
    }
    if (strcmp((const char *)local, "application"))
        return;
    for (k = 0; k < 7; k++) {
        const char *v = attr(attrs, nb_attrs, cols[k], &len);
        if (v)
            sqlite3_bind_text(f->ins, k + 1, v, len, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(f->ins, k + 1);
        if (k == 0)
            snprintf(f->id, sizeof f->id, "%.*s", v ? len : 0, v ? v : "");
    }
    if (sqlite3_step(f->ins) != SQLITE_DONE)
        f->failed = 1;
    sqlite3_reset(f->ins);
    f->rows++;
}

static int run_floor(const char *db_path, const char *xml, long n)
{
    const char *xsd = sc_doctype_schema(sc_doctype_from_name("candidate-batch"));
    sqlite3 *c;
    floor_ctx f;
    xmlSchemaParserCtxtPtr pctx;
    xmlSchemaPtr schema;
    xmlSchemaValidCtxtPtr vctx;
    xmlSAXHandler sax;
    xmlSAXHandlerPtr saxp = &sax;
    void *ud = &f;
    xmlSchemaSAXPlugPtr plug;
    xmlParserCtxtPtr p;
    FILE *in;
    char buf[65536];
    size_t got;

    memset(&f, 0, sizeof f);
    unlink(db_path);
    {
        /* The same signature, verified the same way (streaming over the file). */
        sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
        char sig[16384];
        FILE *sf = fopen(sig_path, "rb");
        size_t sl = sf ? fread(sig, 1, sizeof sig - 1, sf) : 0;
        if (sf)
            fclose(sf);
        sig[sl] = '\0';
        if (!sl || sc_pki_verify_detached(&v, NULL, xml, sig, root_cert, NULL) != SC_OK)
            return 1;
    }
    if (!xsd || sqlite3_open(db_path, &c) != SQLITE_OK)
        return 1;
    sqlite3_exec(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                    "CREATE TABLE floor(id_number TEXT NOT NULL, name TEXT, occupation TEXT NOT NULL,"
                    " work_type TEXT, level INTEGER NOT NULL, path TEXT, applied TEXT,"
                    " UNIQUE(id_number, occupation, work_type, level));"
                    "CREATE TABLE floor_work(id_number TEXT NOT NULL, occupation TEXT NOT NULL,"
                    " started TEXT NOT NULL, ended TEXT)", NULL, NULL, NULL);
    sqlite3_prepare_v2(c, "INSERT INTO floor VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &f.ins, NULL);
    sqlite3_prepare_v2(c, "INSERT INTO floor_work VALUES (?1, ?2, ?3, ?4)", -1, &f.work, NULL);
    pctx = xmlSchemaNewMemParserCtxt(xsd, (int)strlen(xsd));
    schema = xmlSchemaParse(pctx);
    vctx = xmlSchemaNewValidCtxt(schema);
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = floor_start;
    plug = xmlSchemaSAXPlug(vctx, &saxp, &ud);
    in = fopen(xml, "rb");
    if (!in || !plug)
        return 1;
    sqlite3_exec(c, "BEGIN", NULL, NULL, NULL);
    p = xmlCreatePushParserCtxt(saxp, ud, NULL, 0, xml);
    xmlCtxtUseOptions(p, XML_PARSE_NONET);
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        xmlParseChunk(p, buf, (int)got, 0);
    xmlParseChunk(p, NULL, 0, 1);
    sqlite3_exec(c, "COMMIT", NULL, NULL, NULL);
    if (!p->wellFormed || xmlSchemaIsValid(vctx) != 1 || f.failed || f.rows != n) {
        fprintf(stderr, "bench_import: floor failed (rows %ld)\n", f.rows);
        return 1;
    }
    xmlFreeParserCtxt(p);
    xmlSchemaSAXUnplug(plug);
    xmlSchemaFreeValidCtxt(vctx);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pctx);
    fclose(in);
    sqlite3_finalize(f.ins);
    sqlite3_finalize(f.work);
    sqlite3_close(c);
    return 0;
}

/* Run fn in a child; returns wall seconds, sets peak RSS in MB. */
static double measure(int (*fn)(const char *, const char *, long), const char *db,
                      const char *xml, long n, double *rss_mb)
{
    struct rusage ru;
    int status;
    double t0 = now();
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn(db, xml, n));
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_import: child failed\n");
        exit(1);
    }
    *rss_mb = (double)ru.ru_maxrss / 1024.0;
    return now() - t0;
}

static double median3(const double v[3])
{
    double a = v[0], b = v[1], c = v[2];
    if ((a <= b && b <= c) || (c <= b && b <= a))
        return b;
    if ((b <= a && a <= c) || (c <= a && a <= b))
        return a;
    return c;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char xml[512], reg[512], base[512], flo[512], cmd[4096];
    double t_imp = 0, t_floor = 0, rss_imp = 0, rss_floor = 0, peak = 0;
    double imp[3], flr[3], ratio[3];
    int round, rounds = 3;

    snprintf(org_code, sizeof org_code, "%s%c", ORG_BASE, sc_credit_code_check_char(ORG_BASE));
    snprintf(xml, sizeof xml, "%s/bench-import-%ld.xml", dir, (long)getpid());
    snprintf(base, sizeof base, "%s/bench-import-%ld-base.db", dir, (long)getpid());
    snprintf(reg, sizeof reg, "%s/bench-import-%ld.db", dir, (long)getpid());
    snprintf(flo, sizeof flo, "%s/bench-import-%ld-floor.db", dir, (long)getpid());
    printf("generating a candidate batch of %ld records...\n", n);
    write_batch(xml, n);
    sign_batch(xml);
    prepare_registry(base);
    for (round = 0; round < rounds; round++) {
        snprintf(cmd, sizeof cmd, "cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", base, reg, reg, reg);
        if (system(cmd) != 0)
            return 1;
        t_imp = measure(run_import, reg, xml, n, &rss_imp);
        t_floor = measure(run_floor, flo, xml, n, &rss_floor);
        imp[round] = n / t_imp;
        flr[round] = n / t_floor;
        ratio[round] = t_floor / t_imp; /* a pair measured back to back */
        if (rss_imp > peak)
            peak = rss_imp;
        printf("round %d: import %.2f s (%.0f rec/s, peak %.1f MB), floor %.2f s (%.0f rec/s, "
               "peak %.1f MB), ratio %.3f\n", round + 1, t_imp, imp[round], rss_imp, t_floor,
               flr[round], rss_floor, ratio[round]);
    }
    unlink(xml);
    unlink(sig_path);
    sc_free(root_cert);
    snprintf(cmd, sizeof cmd, "rm -f '%s' '%s'* '%s'* ", base, reg, flo);
    if (system(cmd) != 0)
        return 1;
    /* Medians: on a shared machine a single run says little. */
    printf("import records_per_s=%.0f floor_per_s=%.0f ratio=%.3f peak_rss_mb=%.1f\n",
           median3(imp), median3(flr), median3(ratio), peak);
    return 0;
}
