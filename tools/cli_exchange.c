/*
 * cli_exchange.c — `import FILE` and `export TYPE [FILE]`: any exchange
 * document, its type detected from the root element and namespace. Long
 * imports show a progress bar (records, rate, ETA) on a terminal and stay
 * quiet when stderr is not one.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

typedef struct {
    struct timespec start;
    int shown;
} progress_state;

static double elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static int show_progress(uint64_t records, uint64_t bytes, uint64_t total, void *payload)
{
    progress_state *p = payload;
    double t = elapsed(&p->start), rate = t > 0 ? (double)records / t : 0;
    double frac = total ? (double)bytes / (double)total : 0;
    char bar[31];
    int i, filled = (int)(frac * 30);

    if (t < 0.2 && frac < 1.0)
        return 0; /* short imports: no bar at all */
    for (i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : ' ';
    bar[30] = '\0';
    fprintf(stderr, "\r[%s] %3d%% %llu records %.0f/s", bar, (int)(frac * 100),
            (unsigned long long)records, rate);
    if (frac > 0 && frac < 1)
        fprintf(stderr, " ETA %.0fs   ", t / frac - t);
    else
        fprintf(stderr, "          ");
    fflush(stderr);
    p->shown = 1;
    return 0;
}

int cli_import_file(cli_ctx *ctx, const char *path)
{
    sc_import_options opts;
    progress_state prog;
    sc_import_result result = SC_IMPORT_RESULT_INIT;
    sc_report *report = NULL;
    int rc, status;

    result = (sc_import_result)SC_IMPORT_RESULT_INIT;
    memset(&prog, 0, sizeof prog);
    if ((rc = sc_import_options_init(&opts, SC_IMPORT_OPTIONS_VERSION)) != SC_OK ||
        (rc = sc_report_new(&report)) != SC_OK)
        return cli_fail(rc, NULL);
    if (!ctx->json && isatty(STDERR_FILENO) && !cli_opt(ctx, "quiet")) {
        clock_gettime(CLOCK_MONOTONIC, &prog.start);
        opts.progress = show_progress;
        opts.payload = &prog;
    }
    rc = sc_xml_import_file(&result, ctx->db, ctx->actor, path, &opts, report);
    if (prog.shown)
        fputc('\n', stderr);
    if (rc != SC_OK) {
        /* --json: the diagnostics on stdout too, with imported false; nothing was applied. */
        if (ctx->json) {
            json_t *root = json_object();
            if (root == NULL
                || cli_json_set(root, "file", cli_json_str(path))
                || cli_json_set(root, "imported", json_false())
                || cli_json_set(root, "code", json_integer(rc))
                || cli_json_set(root, "error", cli_json_str(sc_strerror(rc)))
                || cli_json_set(root, "diagnostics", cli_diagnostics_json(report))) {
                json_decref(root);
                root = NULL;
            }
            cli_emit_json(root);
        }
        status = cli_report_failure(rc, report, path);
        sc_report_free(report);
        return status;
    }
    cli_report_warnings(report, path);
    sc_report_free(report);

    if (ctx->json) {
        json_t *root = json_object();
        if (root != NULL
            && (cli_json_set(root, "file", cli_json_str(path))
                || cli_json_set(root, "doctype", cli_json_str(sc_doctype_name(result.doctype)))
                || cli_json_set(root, "batch_id", json_string(result.batch_id))
                || cli_json_set(root, "records", json_integer((json_int_t)result.records))
                || cli_json_set(root, "already_imported", json_boolean(result.already_imported)))) {
            json_decref(root);
            root = NULL;
        }
        return cli_emit_json(root);
    }
    if (result.already_imported)
        printf("%s: batch %s already imported; nothing changed\n", path, result.batch_id);
    else
        printf("%s: imported batch %s (%s): %llu records\n", path, result.batch_id,
               sc_doctype_name(result.doctype) != NULL ? sc_doctype_name(result.doctype) : "?",
               (unsigned long long)result.records);
    return CLI_EXIT_OK;
}

const cli_option cli_import_options[] = {
    { "quiet", NULL, "no progress bar even on a terminal" },
    { NULL, NULL, NULL }
};

int cli_cmd_import(cli_ctx *ctx)
{
    return cli_import_file(ctx, ctx->args[0]);
}

const cli_option cli_export_options[] = {
    { "org", "CODE", "the organization (every type but catalog and directory)" },
    { "date", "YYYY-MM-DD", "the document's day (default today)" },
    { "batch", "ID", "the batch id to give the document" },
    { "announcement", "ID", "the announcement (candidate-batch, confirmation)" },
    { "session", "ID", "the session (results-report)" },
    { "inspection", "ID", "the inspection (supervision-findings)" },
    { "number", "NUMBER", "the certificate (certificate: the electronic certificate)" },
    { "output", "FILE", "write the document to FILE (as the FILE argument)" },
    { "key", "KEY", "sign the document with this private key (the exporter's, PEM)" },
    { "cert", "CERT", "with --key: the signer's certificate and its intermediate (PEM)" },
    { "at", "TIME", "with --key: the signing time YYYY-MM-DDTHH:MM:SSZ (default now)" },
    { NULL, NULL, NULL }
};

/* export certificate --number N: the electronic certificate, the same
   document as `cert export N` (kept as its older spelling). */
static int export_certificate(cli_ctx *ctx, const char *path)
{
    const char *number = cli_opt(ctx, "number");
    char *xml = NULL;
    size_t len = 0;
    int rc;

    if (number == NULL)
        return cli_usage_error(ctx, "export certificate needs --number NUMBER");
    if (path) {
        if ((rc = sc_certificate_export_file(ctx->db, number, path)) != SC_OK)
            return cli_fail(rc, NULL);
        if (!ctx->json)
            printf("%s: exported certificate %s\n", path, number);
        return CLI_EXIT_OK;
    }
    if ((rc = sc_certificate_export_memory(&xml, &len, ctx->db, number)) != SC_OK)
        return cli_fail(rc, NULL);
    rc = fwrite(xml, 1, len, stdout) == len && fflush(stdout) == 0;
    sc_free(xml);
    if (!rc) {
        cli_errorf("cannot write the document");
        return CLI_EXIT_INTERNAL;
    }
    return CLI_EXIT_OK;
}

/* The option naming what a document is about (--announcement, --session, --inspection):
 * the one its type takes, none for the others. Sets *id; returns CLI_EXIT_OK or a usage
 * error. */
static int export_subject(cli_ctx *ctx, int doctype, const char *type, int64_t *id)
{
    static const char *const names[] = { "announcement", "session", "inspection" };
    const char *want = doctype == SC_DOC_CANDIDATE_BATCH || doctype == SC_DOC_CONFIRMATION
                           ? "announcement"
                       : doctype == SC_DOC_RESULTS_REPORT ? "session"
                       : doctype == SC_DOC_FINDINGS       ? "inspection"
                                                          : NULL;
    size_t i;
    *id = 0;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = cli_opt(ctx, names[i]);
        char what[64];
        int rc;
        if (!v)
            continue;
        if (!want || strcmp(want, names[i]))
            return cli_usage_error(ctx, "%s takes no --%s", type, names[i]);
        snprintf(what, sizeof what, "--%s", names[i]);
        if ((rc = cli_parse_id(ctx, v, what, id)) != CLI_EXIT_OK)
            return rc;
    }
    if (want && !*id)
        return cli_usage_error(ctx, "%s is about one %s: give --%s ID", type, want, want);
    return CLI_EXIT_OK;
}

int cli_cmd_export(cli_ctx *ctx)
{
    const char *type = ctx->args[0];
    const char *path = ctx->nargs > 1 ? ctx->args[1] : cli_opt(ctx, "output");
    int doctype = sc_doctype_from_name(type), rc;
    sc_export_options opts;

    if (ctx->nargs > 1 && cli_opt(ctx, "output") != NULL)
        return cli_usage_error(ctx, "give FILE or --output FILE, not both");
    if (doctype == SC_DOC_UNKNOWN)
        return cli_usage_error(ctx, "unknown document type '%s'", type);
    if (doctype == SC_DOC_CERTIFICATE)
        return export_certificate(ctx, path);
    if ((rc = sc_export_options_init(&opts, SC_EXPORT_OPTIONS_VERSION)) != SC_OK)
        return cli_fail(rc, NULL);
    opts.credit_code = cli_opt(ctx, "org");
    opts.date = cli_opt(ctx, "date");
    opts.batch = cli_opt(ctx, "batch");
    if ((rc = export_subject(ctx, doctype, type, &opts.id)) != CLI_EXIT_OK)
        return rc;
    if (cli_opt(ctx, "key") || cli_opt(ctx, "cert"))
        return cli_export_signed(ctx, doctype, path, &opts);
    if (path) {
        if ((rc = sc_xml_exchange_export_file(ctx->db, doctype, path, &opts)) != SC_OK)
            return cli_fail(rc, NULL);
        if (!ctx->json)
            printf("%s: exported %s\n", path, type);
        return CLI_EXIT_OK;
    } else {
        char *xml = NULL;
        size_t len = 0;
        if ((rc = sc_xml_exchange_export_memory(&xml, &len, ctx->db, doctype, &opts)) != SC_OK)
            return cli_fail(rc, NULL);
        rc = fwrite(xml, 1, len, stdout) == len && fflush(stdout) == 0;
        sc_free(xml);
        if (!rc) {
            cli_errorf("cannot write the document");
            return CLI_EXIT_INTERNAL;
        }
        return CLI_EXIT_OK;
    }
}
