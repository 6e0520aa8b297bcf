/*
 * cli_util.c — option parsing, set-up, messages and JSON output shared by
 * every command of the skillcert tool.
 */
#if !defined(_POSIX_C_SOURCE) && !defined(_GNU_SOURCE)
#  define _POSIX_C_SOURCE 200809L   /* stat() under strict -std=c99 */
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* ---- Messages ---------------------------------------------------------- */

/* Print @s on one line: line breaks and tabs become blanks, trailing blanks go. */
static void put_one_line(FILE *fp, const char *s)
{
    size_t n = strlen(s);
    size_t i;

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'
                     || s[n - 1] == '\t'))
        n--;
    for (i = 0; i < n; i++) {
        char c = s[i];
        fputc(c == '\n' || c == '\r' || c == '\t' ? ' ' : c, fp);
    }
}

void cli_errorf(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fputs(CLI_PROGRAM ": ", stderr);
    put_one_line(stderr, buf);
    fputc('\n', stderr);
}

int cli_usage_error(const cli_ctx *ctx, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (ctx != NULL && ctx->cmd_name[0] != '\0')
        cli_errorf("%s: %s (try '" CLI_PROGRAM " help %s')", ctx->cmd_name, buf,
                   ctx->cmd_name);
    else
        cli_errorf("%s (try '" CLI_PROGRAM " help')", buf);
    return CLI_EXIT_USAGE;
}

int cli_oom(void)
{
    cli_errorf("out of memory");
    return CLI_EXIT_INTERNAL;
}

int cli_exit_status(int rc)
{
    switch (rc) {
    case SC_OK:
        return CLI_EXIT_OK;
    case SC_EINVAL:
    case SC_ENOTFOUND:
    case SC_EEXISTS:
    case SC_ECONSTRAINT:
    case SC_ESCOPE:
    case SC_EXML:
    case SC_EINVALIDDOC:
    case SC_EIO:
        return CLI_EXIT_USAGE;
    case SC_EDB:
    case SC_EVERSION:
    case SC_ENOTREGISTRY:
    case SC_EBUSY:
        return CLI_EXIT_DB;
    case SC_EDENIED:
        return CLI_EXIT_DENIED;
    default:
        return CLI_EXIT_INTERNAL;
    }
}

/* "SRC:LINE:COL: " with the parts that are known; nothing when no source. */
static void put_position(FILE *fp, const sc_error *e, const char *fallback_source)
{
    const char *src = e->source != NULL && e->source[0] != '\0' ? e->source : fallback_source;

    if (src == NULL || src[0] == '\0')
        return;
    put_one_line(fp, src);
    if (e->line > 0) {
        fprintf(fp, ":%d", e->line);
        if (e->column > 0)
            fprintf(fp, ":%d", e->column);
    }
    fputs(": ", fp);
}

void cli_print_diagnostic(FILE *fp, const sc_error *e, int severity, const char *fallback_source)
{
    put_position(fp, e, fallback_source);
    if (e->field != NULL && e->field[0] != '\0') {
        put_one_line(fp, e->field);
        fputs(": ", fp);
    }
    if (severity == SC_SEVERITY_WARNING)
        fputs("warning: ", fp);
    if (e->message != NULL && e->message[0] != '\0')
        put_one_line(fp, e->message);
    else
        fputs(sc_strerror(e->code), fp);
    fputc('\n', fp);
}

int cli_fail(int rc, const char *what)
{
    const sc_error *e = sc_error_last();

    fputs(CLI_PROGRAM ": ", stderr);
    if (what != NULL && what[0] != '\0') {
        put_one_line(stderr, what);
        fputs(": ", stderr);
    }
    if (e->code == rc && e->message != NULL && e->message[0] != '\0') {
        /* A position in a document, with its field; argument errors name
         * the argument in their message already. */
        if (e->source != NULL && e->source[0] != '\0' && e->line > 0) {
            put_position(stderr, e, NULL);
            if (e->field != NULL && e->field[0] != '\0') {
                put_one_line(stderr, e->field);
                fputs(": ", stderr);
            }
        }
        put_one_line(stderr, e->message);
    } else {
        fputs(sc_strerror(rc), stderr);
    }
    fputc('\n', stderr);
    return cli_exit_status(rc);
}

static int same_diagnostic(const sc_error *a, const sc_error *b)
{
    return a->line == b->line && a->column == b->column
        && strcmp(a->message != NULL ? a->message : "", b->message != NULL ? b->message : "") == 0;
}

int cli_report_failure(int rc, const sc_report *report, const char *path)
{
    const sc_error *main_error = sc_error_last();
    size_t n = sc_report_count(report);
    size_t i;
    int main_printed = 0;

    if (n == 0)
        return cli_fail(rc, main_error->code == rc ? NULL : path);

    /* The main error first, unless it is the report's first entry anyway. */
    if (main_error->code != rc) {
        cli_errorf("%s: %s", path, sc_strerror(rc));
    } else if (!same_diagnostic(main_error, sc_report_get(report, 0))) {
        cli_print_diagnostic(stderr, main_error, SC_SEVERITY_ERROR, path);
        main_printed = 1;
    }
    for (i = 0; i < n; i++) {
        const sc_error *d = sc_report_get(report, i);

        if (d == NULL || (main_printed && same_diagnostic(main_error, d)))
            continue;
        cli_print_diagnostic(stderr, d, sc_report_severity(report, i), path);
    }
    return cli_exit_status(rc);
}

void cli_report_warnings(const sc_report *report, const char *path)
{
    size_t n = sc_report_count(report);
    size_t i;

    for (i = 0; i < n; i++) {
        const sc_error *d = sc_report_get(report, i);

        if (d != NULL)
            cli_print_diagnostic(stderr, d, sc_report_severity(report, i), path);
    }
}

/* ---- Options --------------------------------------------------------------- */

/* Does @arg name option @name, as "--name" or "--name=value"? Sets *value
 * to the text after '=' (or NULL). */
static int option_matches(const char *arg, const char *name, const char **value)
{
    size_t n = strlen(name);

    if (strncmp(arg, "--", 2) != 0 || strncmp(arg + 2, name, n) != 0)
        return 0;
    if (arg[2 + n] == '\0') {
        *value = NULL;
        return 1;
    }
    if (arg[2 + n] == '=') {
        *value = arg + 3 + n;
        return 1;
    }
    return 0;
}

/* The value of an option that takes one: after '=' or the next argument. */
static int option_value(const cli_ctx *ctx, const char *name, const char *inline_value, int argc,
                        char **argv, int *i, const char **out)
{
    if (inline_value != NULL) {
        *out = inline_value;
        *i += 1;
        return CLI_EXIT_OK;
    }
    if (*i + 1 >= argc)
        return cli_usage_error(ctx, "option --%s needs a value", name);
    *out = argv[*i + 1];
    *i += 2;
    return CLI_EXIT_OK;
}

int cli_global_option(cli_ctx *ctx, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char *v;
    int rc;

    if (option_matches(arg, "db", &v)) {
        if ((rc = option_value(ctx, "db", v, argc, argv, i, &ctx->db_path)) != CLI_EXIT_OK)
            return rc;
        if (ctx->db_path[0] == '\0')
            return cli_usage_error(ctx, "option --db needs a file name");
        return 1;
    }
    if (option_matches(arg, "actor", &v)) {
        if ((rc = option_value(ctx, "actor", v, argc, argv, i, &ctx->actor_spec)) != CLI_EXIT_OK)
            return rc;
        return 1;
    }
    if (option_matches(arg, "json", &v)) {
        if (v != NULL)
            return cli_usage_error(ctx, "option --json takes no value");
        ctx->json = 1;
        *i += 1;
        return 1;
    }
    return 0;
}

const char *cli_opt(const cli_ctx *ctx, const char *name)
{
    const cli_option *o = ctx->cmd != NULL ? ctx->cmd->options : NULL;
    size_t k;

    for (k = 0; o != NULL && o[k].name != NULL && k < CLI_MAX_OPTIONS; k++)
        if (strcmp(o[k].name, name) == 0)
            return ctx->optval[k];
    return NULL;
}

int cli_parse_args(cli_ctx *ctx, int argc, char **argv)
{
    const cli_command *cmd = ctx->cmd;
    int i = 0, only_args = 0;

    ctx->args = malloc(sizeof *ctx->args * (size_t)(argc + 1));
    if (ctx->args == NULL)
        return cli_oom();
    ctx->nargs = 0;

    while (i < argc) {
        const char *arg = argv[i];
        const char *v;
        size_t k;
        int rc, matched = 0;

        if (only_args || arg[0] != '-' || arg[1] == '\0') {
            ctx->args[ctx->nargs++] = argv[i++];
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_args = 1;
            i++;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
            return -1;
        for (k = 0; cmd->options != NULL && cmd->options[k].name != NULL; k++) {
            const cli_option *o = &cmd->options[k];

            if (!option_matches(arg, o->name, &v))
                continue;
            matched = 1;
            if (o->metavar == NULL) {
                if (v != NULL)
                    return cli_usage_error(ctx, "option --%s takes no value", o->name);
                ctx->optval[k] = "";
                i++;
            } else if ((rc = option_value(ctx, o->name, v, argc, argv, &i, &ctx->optval[k]))
                       != CLI_EXIT_OK) {
                return rc;
            }
            break;
        }
        if (matched)
            continue;
        rc = cli_global_option(ctx, argc, argv, &i);
        if (rc == 1)
            continue;
        if (rc != 0)
            return rc;
        return cli_usage_error(ctx, "unknown option '%s'", arg);
    }
    ctx->args[ctx->nargs] = NULL;

    if (ctx->nargs < cmd->min_args)
        return cli_usage_error(ctx, "missing argument%s", cmd->min_args - ctx->nargs > 1 ? "s" : "");
    if (cmd->max_args >= 0 && ctx->nargs > cmd->max_args)
        return cli_usage_error(ctx, "unexpected argument '%s'", ctx->args[cmd->max_args]);
    return CLI_EXIT_OK;
}

/* ---- Set-up ------------------------------------------------------------------ */

static int parse_actor(cli_ctx *ctx, const char *spec)
{
    char kind_name[64];
    const char *colon = strchr(spec, ':');
    const char *scope = colon != NULL ? colon + 1 : NULL;
    size_t len = colon != NULL ? (size_t)(colon - spec) : strlen(spec);
    int kind, found = 0, rc;

    if (len == 0 || len >= sizeof kind_name)
        return cli_usage_error(ctx, "bad --actor '%s' (expected KIND[:SCOPE])", spec);
    memcpy(kind_name, spec, len);
    kind_name[len] = '\0';
    for (kind = SC_ACTOR_CITY_BUREAU; kind <= SC_ACTOR_PUBLIC; kind++) {
        if (strcmp(kind_name, sc_actor_kind_name(kind)) == 0) {
            found = 1;
            break;
        }
    }
    if (!found)
        return cli_usage_error(ctx, "unknown actor kind '%s' (one of %s, %s, %s, %s, %s, %s)",
                               kind_name, sc_actor_kind_name(1), sc_actor_kind_name(2),
                               sc_actor_kind_name(3), sc_actor_kind_name(4),
                               sc_actor_kind_name(5), sc_actor_kind_name(6));
    rc = sc_actor_new(&ctx->actor, kind, scope, NULL);
    if (rc != SC_OK)
        return cli_fail(rc, "--actor");
    return CLI_EXIT_OK;
}

static int file_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

/* ---- Strict numbers ------------------------------------------------------------- */

static int strict_digits(const char *p, uint64_t limit, uint64_t *out)
{
    uint64_t v = 0;
    if (*p == '\0')
        return -1;
    for (; *p; p++) {
        unsigned d;
        if (*p < '0' || *p > '9')
            return -1;
        d = (unsigned)(*p - '0');
        if (v > (limit - d) / 10) {
            while (*p >= '0' && *p <= '9')
                p++;
            return *p ? -1 : -2;
        }
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

int cli_strict_uint64(const char *text, uint64_t *out)
{
    if (text == NULL)
        return -1;
    return strict_digits(text, UINT64_MAX, out);
}

int cli_strict_int64(const char *text, int64_t *out)
{
    uint64_t v = 0;
    int neg, rc;
    if (text == NULL)
        return -1;
    neg = text[0] == '-';
    rc = strict_digits(text + neg, neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX, &v);
    if (rc != 0)
        return rc;
    if (!neg)
        *out = (int64_t)v;
    else
        *out = v == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)v;
    return 0;
}

int cli_strict_decimal(const char *text, double *out)
{
    const char *p = text;
    char *end = NULL;
    double v;
    if (text == NULL || *p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p != '\0')
        return -1;
    errno = 0;
    v = strtod(text, &end);
    if (*end != '\0')
        return -1;
    if (errno == ERANGE && v != 0)
        return -2;
    *out = v;
    return 0;
}

int cli_parse_id(const cli_ctx *ctx, const char *text, const char *what, int64_t *out)
{
    int64_t v = 0;
    int rc = cli_strict_int64(text, &v);
    if (rc == -2)
        return cli_usage_error(ctx, "%s '%s' is out of range (at most %lld)", what, text,
                               (long long)INT64_MAX);
    if (rc != 0 || v <= 0)
        return cli_usage_error(ctx, "%s '%s' is not a positive whole number", what, text);
    *out = v;
    return CLI_EXIT_OK;
}

int cli_prepare(cli_ctx *ctx)
{
    unsigned int needs = ctx->cmd->needs;
    int rc;

    ctx->schema_before = -1;
    if (ctx->actor_spec != NULL) {
        if ((rc = parse_actor(ctx, ctx->actor_spec)) != CLI_EXIT_OK)
            return rc;
    } else if (needs & CLI_NEEDS_ACTOR) {
        /* No default actor for a change (issue 11): the registry records who acted. */
        return cli_usage_error(ctx, "this command changes the registry: say who acts with "
                               "--actor KIND[:SCOPE] (%s, %s, %s:CODE, %s:CREDIT-CODE, %s:ID); "
                               "there is no default actor for a change (reads need none)",
                               sc_actor_kind_name(SC_ACTOR_CITY_BUREAU),
                               sc_actor_kind_name(SC_ACTOR_CITY_CENTRE),
                               sc_actor_kind_name(SC_ACTOR_DISTRICT),
                               sc_actor_kind_name(SC_ACTOR_ORGANIZATION),
                               sc_actor_kind_name(SC_ACTOR_CANDIDATE));
    }

    if (needs & (CLI_NEEDS_DB | CLI_CREATES_DB)) {
        sc_db_options opts;
        int memory = strcmp(ctx->db_path, ":memory:") == 0;

        if ((rc = sc_db_options_init(&opts, SC_DB_OPTIONS_VERSION)) != SC_OK)
            return cli_fail(rc, NULL);
        ctx->db_created = !memory && !file_exists(ctx->db_path);
        if (needs & CLI_CREATES_DB) {
            /* A new registry decides how it trusts documents (issue 12). */
            int anchor = cli_opt(ctx, "trust-anchor") != NULL;
            int development = cli_opt(ctx, "development") != NULL;
            if (anchor && development)
                return cli_usage_error(ctx, "give --trust-anchor or --development, not both "
                                       "(an anchored registry always requires signatures)");
            if ((ctx->db_created || memory) && !anchor && !development)
                return cli_usage_error(ctx, "a new registry needs its trust anchor: "
                                       "--trust-anchor ROOT.pem (the city bureau's root "
                                       "certificate; imports then require signed documents), "
                                       "or --development for a development registry that "
                                       "accepts unsigned documents");
        }
        if (ctx->db_created && !(needs & CLI_CREATES_DB)) {
            cli_errorf("%s: no such registry (create it with '" CLI_PROGRAM " init')",
                       ctx->db_path);
            return CLI_EXIT_DB;
        }
        if (!memory && !ctx->db_created) {
            /* Read the schema version before opening read-write migrates it. */
            sc_db *peek = NULL;
            sc_db_options ro = opts;

            ro.flags = SC_DB_READONLY;
            if (sc_db_open(&peek, ctx->db_path, &ro) == SC_OK)
                ctx->schema_before = sc_db_schema_version(peek);
            sc_db_close(peek);
            sc_error_clear();
        }
        opts.flags = (needs & CLI_CREATES_DB) ? SC_DB_CREATE : 0u;
        if ((needs & CLI_READS_DB) && !memory) {
            /* Read-only: a verification may serve from a file or mount it may not
             * write. Only a registry that still needs migrating opens read-write. */
            opts.flags = SC_DB_READONLY;
            rc = sc_db_open(&ctx->db, ctx->db_path, &opts);
            if (rc == SC_EVERSION && ctx->schema_before < 0) {
                opts.flags = 0u;
                rc = sc_db_open(&ctx->db, ctx->db_path, &opts);
            }
        } else {
            rc = sc_db_open(&ctx->db, ctx->db_path, &opts);
        }
        if (rc != SC_OK)
            return cli_fail(rc, NULL);
    }
    return CLI_EXIT_OK;
}

void cli_release(cli_ctx *ctx)
{
    sc_db_close(ctx->db);
    ctx->db = NULL;
    sc_actor_free(ctx->actor);
    ctx->actor = NULL;
    free(ctx->args);
    ctx->args = NULL;
}

/* ---- JSON --------------------------------------------------------------------- */

json_t *cli_json_str(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

int cli_json_set(json_t *obj, const char *key, json_t *value)
{
    if (value == NULL)
        return -1;
    return json_object_set_new(obj, key, value);
}

int cli_json_append(json_t *arr, json_t *value)
{
    if (value == NULL)
        return -1;
    return json_array_append_new(arr, value);
}

int cli_emit_json(json_t *root)
{
    int rc;

    if (root == NULL)
        return cli_oom();
    /* JSON_ENSURE_ASCII is left off: names stay readable UTF-8. */
    rc = json_dumpf(root, stdout, JSON_INDENT(2));
    json_decref(root);
    if (rc != 0 || fputc('\n', stdout) == EOF) {
        cli_errorf("cannot write the output: %s", strerror(errno));
        return CLI_EXIT_INTERNAL;
    }
    return CLI_EXIT_OK;
}

/* ---- Text ------------------------------------------------------------------------ */

/* Is code point @c displayed two columns wide (East Asian Wide/Fullwidth)? */
static int is_wide(unsigned long c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E)
        || (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

size_t cli_display_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0;

    while (*p != '\0') {
        unsigned long c;
        int extra, k;

        if (*p < 0x80) {
            c = *p;
            extra = 0;
        } else if ((*p & 0xE0) == 0xC0) {
            c = *p & 0x1F;
            extra = 1;
        } else if ((*p & 0xF0) == 0xE0) {
            c = *p & 0x0F;
            extra = 2;
        } else if ((*p & 0xF8) == 0xF0) {
            c = *p & 0x07;
            extra = 3;
        } else {
            p++;
            w++;
            continue;
        }
        p++;
        for (k = 0; k < extra && (*p & 0xC0) == 0x80; k++, p++)
            c = (c << 6) | (*p & 0x3F);
        w += is_wide(c) ? 2 : 1;
    }
    return w;
}

void cli_print_padded(FILE *fp, const char *s, size_t width)
{
    size_t w = cli_display_width(s);

    fputs(s, fp);
    while (w++ < width)
        fputc(' ', fp);
}

json_t *cli_diagnostics_json(const sc_report *report)
{
    json_t *diags = json_array();
    size_t i, n = sc_report_count(report);
    int bad = diags == NULL;

    for (i = 0; !bad && i < n; i++) {
        const sc_error *d = sc_report_get(report, i);
        json_t *obj = json_object();

        bad = d == NULL || obj == NULL
            || cli_json_set(obj, "severity",
                            json_string(sc_report_severity(report, i) == SC_SEVERITY_WARNING
                                            ? "warning" : "error"))
            || cli_json_set(obj, "source", cli_json_str(d->source))
            || cli_json_set(obj, "line", json_integer(d->line))
            || cli_json_set(obj, "column", json_integer(d->column))
            || cli_json_set(obj, "field", cli_json_str(d->field))
            || cli_json_set(obj, "message", cli_json_str(d->message))
            || cli_json_set(obj, "code", json_integer(d->code));
        if (cli_json_append(diags, obj) != 0)
            bad = 1;
    }
    if (bad) {
        json_decref(diags);
        return NULL;
    }
    return diags;
}

int cli_output_path(const cli_ctx *ctx, int argi, const char **path)
{
    const char *opt = cli_opt(ctx, "output");
    *path = ctx->nargs > argi ? ctx->args[argi] : opt;
    if (ctx->nargs > argi && opt != NULL)
        return cli_usage_error(ctx, "give FILE or --output FILE, not both");
    return CLI_EXIT_OK;
}

void cli_deprecated(const char *old_spelling, const char *new_spelling)
{
    fprintf(stderr, "skillcert: '%s' is deprecated; use '%s'\n", old_spelling, new_spelling);
}
