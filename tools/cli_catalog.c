/*
 * cli_catalog.c — `init`, `validate` and the `catalog` command group.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* ---- Occupations as JSON ---------------------------------------------------- */

static json_t *occupation_json(const sc_occupation *o)
{
    json_t *obj = json_object();
    json_t *aliases = json_array();
    json_t *work_types = json_array();
    json_t *offerings = json_array();
    size_t i, n;
    int bad = obj == NULL || aliases == NULL || work_types == NULL || offerings == NULL;

    n = sc_occupation_alias_count(o);
    for (i = 0; !bad && i < n; i++)
        bad = cli_json_append(aliases, cli_json_str(sc_occupation_alias(o, i))) != 0;
    n = sc_occupation_work_type_count(o);
    for (i = 0; !bad && i < n; i++)
        bad = cli_json_append(work_types, cli_json_str(sc_occupation_work_type(o, i))) != 0;
    n = sc_occupation_offering_count(o);
    for (i = 0; !bad && i < n; i++) {
        json_t *off = json_object();
        int level = sc_occupation_offering_level(o, i);

        bad = off == NULL
            || cli_json_set(off, "work_type", cli_json_str(sc_occupation_offering_work_type(o, i)))
            || cli_json_set(off, "level", json_integer(level))
            || cli_json_set(off, "level_name", cli_json_str(sc_level_name_zh(level)))
            || cli_json_set(off, "effective", cli_json_str(sc_occupation_offering_effective(o, i)))
            || cli_json_set(off, "withdrawn", cli_json_str(sc_occupation_offering_withdrawn(o, i)));
        if (cli_json_append(offerings, off) != 0)
            bad = 1;
    }
    if (!bad)
        bad = cli_json_set(obj, "code", cli_json_str(sc_occupation_code(o)))
            || cli_json_set(obj, "name", cli_json_str(sc_occupation_name(o)))
            || cli_json_set(obj, "effective", cli_json_str(sc_occupation_effective(o)))
            || cli_json_set(obj, "withdrawn", cli_json_str(sc_occupation_withdrawn(o)));
    /* The set_new calls below steal the arrays even when they fail. */
    if (!bad) {
        bad = cli_json_set(obj, "aliases", aliases);
        aliases = NULL;
        bad = cli_json_set(obj, "work_types", work_types) || bad;
        work_types = NULL;
        bad = cli_json_set(obj, "offerings", offerings) || bad;
        offerings = NULL;
    }
    json_decref(aliases);
    json_decref(work_types);
    json_decref(offerings);
    if (bad) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

/* ---- Occupations as text ------------------------------------------------------ */

static int same_work_type(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Indexes of the offerings of work type @wt (NULL: undivided), highest level
 * number (初级工) first. Returns how many. */
static size_t offerings_of(const sc_occupation *o, const char *wt, size_t *idx)
{
    size_t n = sc_occupation_offering_count(o);
    size_t i, k = 0;
    int level;

    for (level = SC_LEVEL_MAX; level >= SC_LEVEL_MIN; level--)
        for (i = 0; i < n; i++)
            if (sc_occupation_offering_level(o, i) == level
                && same_work_type(sc_occupation_offering_work_type(o, i), wt))
                idx[k++] = i;
    return k;
}

static const char *undivided_label(const sc_occupation *o)
{
    return sc_occupation_work_type_count(o) > 0 ? "(不分方向)" : "——";
}

static void print_offering_line(const sc_occupation *o, const char *label, size_t width,
                                const size_t *idx, size_t k, const char *indent,
                                const char *label_withdrawn)
{
    size_t j;

    fputs(indent, stdout);
    cli_print_padded(stdout, label, width);
    fputs("  ", stdout);
    if (k == 0)
        fputs("-", stdout);
    for (j = 0; j < k; j++) {
        size_t i = idx[j];
        int level = sc_occupation_offering_level(o, i);
        const char *eff = sc_occupation_offering_effective(o, i);
        const char *wd = sc_occupation_offering_withdrawn(o, i);
        const char *occ_eff = sc_occupation_effective(o);

        printf("%s%d %s", j > 0 ? ", " : "", level,
               sc_level_name_zh(level) != NULL ? sc_level_name_zh(level) : "?");
        if (eff != NULL && occ_eff != NULL && strcmp(eff, occ_eff) != 0)
            printf(" [from %s]", eff);
        if (wd != NULL)
            printf(" [withdrawn %s]", wd);
    }
    if (label_withdrawn != NULL)
        printf("  (work type withdrawn %s)", label_withdrawn);
    fputc('\n', stdout);
}

/* The offerings grouped per work type: undivided first, then each work type. */
static int print_offerings(const sc_occupation *o, const char *indent)
{
    size_t nwt = sc_occupation_work_type_count(o);
    size_t *idx = malloc(sizeof *idx * (sc_occupation_offering_count(o) + 1));
    size_t width, k, w;

    if (idx == NULL)
        return cli_oom();
    width = cli_display_width(undivided_label(o));
    for (w = 0; w < nwt; w++) {
        size_t dw = cli_display_width(sc_occupation_work_type(o, w));

        if (dw > width)
            width = dw;
    }
    k = offerings_of(o, NULL, idx);
    if (k > 0 || nwt == 0)
        print_offering_line(o, undivided_label(o), width, idx, k, indent, NULL);
    for (w = 0; w < nwt; w++) {
        const char *wt = sc_occupation_work_type(o, w);

        k = offerings_of(o, wt, idx);
        print_offering_line(o, wt, width, idx, k, indent,
                            sc_occupation_work_type_withdrawn(o, w));
    }
    free(idx);
    return CLI_EXIT_OK;
}

static void print_list_joined(const sc_occupation *o, size_t n,
                              const char *(*get)(const sc_occupation *, size_t))
{
    size_t i;

    if (n == 0)
        fputs("-", stdout);
    for (i = 0; i < n; i++)
        printf("%s%s", i > 0 ? ", " : "", get(o, i));
    fputc('\n', stdout);
}

static int print_occupation_summary(const sc_occupation *o)
{
    const char *wd = sc_occupation_withdrawn(o);
    size_t na = sc_occupation_alias_count(o);

    printf("%s  %s", sc_occupation_code(o), sc_occupation_name(o));
    if (wd != NULL)
        printf(" [withdrawn %s]", wd);
    fputc('\n', stdout);
    if (na > 0) {
        fputs("    aliases: ", stdout);
        print_list_joined(o, na, sc_occupation_alias);
    }
    return print_offerings(o, "    ");
}

static int print_occupation_detail(const sc_occupation *o)
{
    const char *wd = sc_occupation_withdrawn(o);

    printf("code        %s\n", sc_occupation_code(o));
    printf("name        %s\n", sc_occupation_name(o));
    printf("effective   %s\n", sc_occupation_effective(o));
    printf("withdrawn   %s\n", wd != NULL ? wd : "-");
    fputs("aliases     ", stdout);
    print_list_joined(o, sc_occupation_alias_count(o), sc_occupation_alias);
    fputs("work types  ", stdout);
    print_list_joined(o, sc_occupation_work_type_count(o), sc_occupation_work_type);
    fputs("offerings\n", stdout);
    return print_offerings(o, "  ");
}

/* ---- init ------------------------------------------------------------------------ */

const cli_option cli_init_options[] = {
    { "catalog", "FILE", "import this catalog document instead of the notice's" },
    { "trust-anchor", "FILE", "the city bureau's root certificate: the registry's trust anchor" },
    { "development", NULL, "a development registry: without a trust anchor it accepts "
      "unsigned documents (not for production)" },
    { NULL, NULL, NULL }
};

/* Number of occupations recorded (in force or not), or a negative status. */
static int count_occupations(sc_db *db, long *out)
{
    sc_occupation_iter *it = NULL;
    sc_occupation *o = NULL;
    long n = 0;
    int rc = sc_occupation_iter_new(&it, db, NULL);

    while (rc == SC_OK && (rc = sc_occupation_iter_next(&o, it)) == SC_OK) {
        n++;
        sc_occupation_free(o);
    }
    sc_occupation_iter_free(it);
    if (rc != SC_ITEROVER)
        return rc;
    *out = n;
    return SC_OK;
}

/* init loads the catalog only: when no eligibility rules are loaded, say
   which command loads the library's defaults. */
static void print_rules_hint(cli_ctx *ctx)
{
    sc_ruleset *rs = NULL;
    if (sc_ruleset_load(&rs, ctx->db, NULL) == SC_OK && sc_ruleset_count(rs) == 0)
        printf("no eligibility rules are loaded: load the library's defaults with\n"
               "  " CLI_PROGRAM " --db %s eligibility rules load-defaults\n", ctx->db_path);
    sc_ruleset_free(rs);
}

int cli_cmd_init(cli_ctx *ctx)
{
    const char *file = cli_opt(ctx, "catalog");
    int schema = sc_db_schema_version(ctx->db);
    sc_import_result result = SC_IMPORT_RESULT_INIT;
    sc_report *report = NULL;
    long before = 0, after = 0;
    int already, rc, status;

    result = (sc_import_result)SC_IMPORT_RESULT_INIT;
    if (cli_opt(ctx, "trust-anchor") != NULL &&
        (status = cli_init_trust_anchor(ctx, cli_opt(ctx, "trust-anchor"))) != CLI_EXIT_OK)
        return status;
    if (cli_opt(ctx, "development") != NULL) {
        if ((rc = sc_pki_development_set(ctx->db, ctx->actor, 1)) != SC_OK)
            return cli_fail(rc, "switching the registry to development");
        fputs(CLI_PROGRAM ": warning: a development registry: without a trust anchor it "
              "accepts unsigned exchange documents, whose issuer nothing proves\n", stderr);
    }
    if (file != NULL) {
        if ((rc = sc_report_new(&report)) != SC_OK)
            return cli_fail(rc, NULL);
        rc = sc_xml_import_file(&result, ctx->db, ctx->actor, file, NULL, report);
        if (rc != SC_OK) {
            status = cli_report_failure(rc, report, file);
            sc_report_free(report);
            return status;
        }
        already = result.already_imported;
    } else {
        /* sc_catalog_load_notice() says nothing of what it did: compare counts. */
        if ((rc = count_occupations(ctx->db, &before)) != SC_OK)
            return cli_fail(rc, NULL);
        if ((rc = sc_catalog_load_notice(ctx->db, ctx->actor)) != SC_OK)
            return cli_fail(rc, "loading the notice's catalog");
        already = 0;
    }
    if ((rc = count_occupations(ctx->db, &after)) != SC_OK) {
        sc_report_free(report);
        return cli_fail(rc, NULL);
    }
    if (file == NULL)
        already = after == before;

    if (ctx->json) {
        json_t *root = json_object();
        json_t *cat = json_object();
        int bad = root == NULL || cat == NULL;

        bad = bad || cli_json_set(root, "registry", cli_json_str(ctx->db_path))
            || cli_json_set(root, "created", json_boolean(ctx->db_created))
            || cli_json_set(root, "schema_version", json_integer(schema))
            || cli_json_set(root, "migrated_from",
                            ctx->schema_before >= 0 && ctx->schema_before < schema
                                ? json_integer(ctx->schema_before) : json_null())
            || cli_json_set(cat, "source", cli_json_str(file != NULL ? file : "notice"))
            || cli_json_set(cat, "batch_id", file != NULL ? json_string(result.batch_id)
                                                          : json_null())
            || cli_json_set(cat, "records", file != NULL ? json_integer((json_int_t)result.records)
                                                         : json_null())
            || cli_json_set(cat, "already_imported", json_boolean(already))
            || cli_json_set(cat, "occupations", json_integer(after));
        if (!bad) {
            bad = cli_json_set(root, "catalog", cat);
            cat = NULL;
        }
        json_decref(cat);
        if (bad) {
            json_decref(root);
            root = NULL;
        }
        cli_report_warnings(report, file);
        sc_report_free(report);
        return cli_emit_json(root);
    }

    if (ctx->db_created)
        printf("created registry %s (schema version %d)\n", ctx->db_path, schema);
    else if (ctx->schema_before >= 0 && ctx->schema_before < schema)
        printf("migrated registry %s from schema version %d to %d\n", ctx->db_path,
               ctx->schema_before, schema);
    else
        printf("registry %s is up to date (schema version %d)\n", ctx->db_path, schema);
    if (file != NULL) {
        cli_report_warnings(report, file);
        if (already)
            printf("%s: batch %s already imported; nothing changed (%ld occupations)\n", file,
                   result.batch_id, after);
        else
            printf("%s: imported batch %s: %llu records (%ld occupations)\n", file,
                   result.batch_id, (unsigned long long)result.records, after);
    } else if (already) {
        printf("the notice's catalog (京人社能发〔2022〕8号 附件1) is already imported; "
               "nothing changed (%ld occupations)\n", after);
    } else {
        printf("loaded the notice's catalog (京人社能发〔2022〕8号 附件1): %ld occupations\n",
               after - before);
    }
    sc_report_free(report);
    print_rules_hint(ctx);
    return CLI_EXIT_OK;
}

/* ---- validate -------------------------------------------------------------------- */

int cli_cmd_validate(cli_ctx *ctx)
{
    const char *path = ctx->args[0];
    sc_report *report = NULL;
    int doctype = SC_DOC_UNKNOWN;
    int rc, status;

    if ((rc = sc_report_new(&report)) != SC_OK)
        return cli_fail(rc, NULL);
    rc = sc_xml_validate_file(&doctype, report, path, NULL);

    if (ctx->json) {
        json_t *root = json_object();
        json_t *diags = cli_diagnostics_json(report);
        int bad = root == NULL || diags == NULL;

        bad = bad || cli_json_set(root, "file", cli_json_str(path))
            || cli_json_set(root, "valid", json_boolean(rc == SC_OK))
            || cli_json_set(root, "doctype", cli_json_str(sc_doctype_name(doctype)));
        if (!bad) {
            bad = cli_json_set(root, "diagnostics", diags);
            diags = NULL;
        }
        json_decref(diags);
        if (bad) {
            json_decref(root);
            root = NULL;
        }
        status = rc == SC_OK ? CLI_EXIT_OK : cli_fail(rc, NULL);
        if (cli_emit_json(root) != CLI_EXIT_OK && status == CLI_EXIT_OK)
            status = CLI_EXIT_INTERNAL;
        sc_report_free(report);
        return status;
    }

    if (rc != SC_OK) {
        status = cli_report_failure(rc, report, path);
        sc_report_free(report);
        return status;
    }
    cli_report_warnings(report, path);
    printf("%s: valid (%s)\n", path,
           sc_doctype_name(doctype) != NULL ? sc_doctype_name(doctype) : "unknown");
    sc_report_free(report);
    return CLI_EXIT_OK;
}

/* ---- catalog import ---------------------------------------------------------------- */

static int cmd_import(cli_ctx *ctx)
{
    return cli_import_file(ctx, ctx->args[0]);
}

/* ---- catalog list / show ------------------------------------------------------------ */

static const cli_option list_options[] = {
    { "date", "YYYY-MM-DD", "only what is in force on that date (default: everything ever recorded)" },
    { NULL, NULL, NULL }
};

static int cmd_list(cli_ctx *ctx)
{
    const char *date = cli_opt(ctx, "date");
    sc_occupation_query q = SC_OCCUPATION_QUERY_INIT;
    sc_occupation_iter *it = NULL;
    sc_occupation *o = NULL;
    json_t *arr = NULL;
    int rc, status = CLI_EXIT_OK;

    q.date = date;
    if ((rc = sc_occupation_iter_new(&it, ctx->db, &q)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json && (arr = json_array()) == NULL) {
        sc_occupation_iter_free(it);
        return cli_oom();
    }
    while ((rc = sc_occupation_iter_next(&o, it)) == SC_OK) {
        if (ctx->json) {
            if (cli_json_append(arr, occupation_json(o)) != 0)
                status = cli_oom();
        } else {
            status = print_occupation_summary(o);
        }
        sc_occupation_free(o);
        o = NULL;
        if (status != CLI_EXIT_OK)
            break;
    }
    sc_occupation_iter_free(it);
    if (status == CLI_EXIT_OK && rc != SC_ITEROVER)
        status = cli_fail(rc, NULL);
    if (status != CLI_EXIT_OK) {
        json_decref(arr);
        return status;
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

static int cmd_show(cli_ctx *ctx)
{
    sc_occupation *o = NULL;
    int rc, status;

    if ((rc = sc_occupation_lookup(&o, ctx->db, ctx->args[0])) != SC_OK)
        return cli_fail(rc, NULL);
    status = ctx->json ? cli_emit_json(occupation_json(o)) : print_occupation_detail(o);
    sc_occupation_free(o);
    return status;
}

/* ---- catalog check ------------------------------------------------------------------- */

static const cli_option check_options[] = {
    { "work-type", "NAME", "the work type (工种/方向); omit for an undivided level" },
    { "level", "N", "the level: 1-5, a rank (三级), a name (高级工) or an English name (senior)" },
    { "date", "YYYY-MM-DD", "the day to ask about (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_check(cli_ctx *ctx)
{
    const char *code = ctx->args[0];
    const char *work_type = cli_opt(ctx, "work-type");
    const char *level_text = cli_opt(ctx, "level");
    const char *date = cli_opt(ctx, "date");
    char today[16];
    sc_verdict verdict = SC_VERDICT_INIT;
    int level = 0, rc;

    if (level_text == NULL)
        return cli_usage_error(ctx, "option --level is required");
    if ((rc = sc_level_parse(&level, level_text)) != SC_OK) {
        cli_errorf("--level: unrecognised level '%s' (use 1-5 or a name such as 高级工)",
                   level_text);
        return CLI_EXIT_USAGE;
    }
    if (date == NULL) {
        /* Today (UTC), as the library would take it, so that it can be printed. */
        time_t now = time(NULL);
        struct tm *tmv = gmtime(&now);

        if (tmv != NULL && strftime(today, sizeof today, "%Y-%m-%d", tmv) == 10)
            date = today;
    }
    verdict = (sc_verdict)SC_VERDICT_INIT;
    rc = sc_catalog_check(&verdict, ctx->db, code, work_type, level, date);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);

    if (ctx->json) {
        json_t *root = json_object();
        int status;

        if (root != NULL
            && (cli_json_set(root, "certifiable", json_boolean(verdict.ok))
                || cli_json_set(root, "reason",
                                verdict.ok ? json_null() : json_string(verdict.message))
                || cli_json_set(root, "reason_code", json_integer(verdict.reason)))) {
            json_decref(root);
            root = NULL;
        }
        status = cli_emit_json(root);
        if (status != CLI_EXIT_OK)
            return status;
    } else if (verdict.ok) {
        printf("certifiable: %s%s%s level %d (%s) on %s\n", code,
               work_type != NULL && work_type[0] != '\0' ? " " : "",
               work_type != NULL ? work_type : "", level, sc_level_name_zh(level),
               date != NULL ? date : "today (UTC)");
    } else {
        printf("not certifiable: %s\n",
               verdict.message[0] != '\0' ? verdict.message : "(no reason given)");
    }
    return verdict.ok ? CLI_EXIT_OK : CLI_EXIT_NO;
}

/* ---- catalog export ---------------------------------------------------------------- */

static const cli_option export_options[] = {
    { "output", "FILE", "write the document to FILE (as the FILE argument; default: standard "
                        "output)" },
    { NULL, NULL, NULL }
};

static int cmd_export(cli_ctx *ctx)
{
    const char *path;
    int rc;

    if ((rc = cli_output_path(ctx, 0, &path)) != CLI_EXIT_OK)
        return rc;

    if (path != NULL && strcmp(path, "-") != 0) {
        if ((rc = sc_xml_export_file(ctx->db, SC_DOC_CATALOG, path)) != SC_OK)
            return cli_fail(rc, NULL);
        if (ctx->json) {
            json_t *root = json_object();

            if (root != NULL && (cli_json_set(root, "file", json_string(path))
                                 || cli_json_set(root, "doctype", json_string("catalog")))) {
                json_decref(root);
                root = NULL;
            }
            return cli_emit_json(root);
        }
        printf("%s: catalog exported\n", path);
        return CLI_EXIT_OK;
    } else {
        char *doc = NULL;
        size_t len = 0;

        if ((rc = sc_xml_export_memory(&doc, &len, ctx->db, SC_DOC_CATALOG)) != SC_OK)
            return cli_fail(rc, NULL);
        if (fwrite(doc, 1, len, stdout) != len) {
            sc_free(doc);
            cli_errorf("cannot write the output");
            return CLI_EXIT_INTERNAL;
        }
        sc_free(doc);
        return CLI_EXIT_OK;
    }
}

/* ---- The group ---------------------------------------------------------------------- */

const cli_command cli_catalog_commands[] = {
    { "import", cmd_import, NULL, NULL, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "FILE",
      "import a catalog document (all or nothing)",
      "Validates FILE, checks its business rules and writes it in one transaction;\n"
      "on any error nothing changes and every problem is listed on stderr as\n"
      "FILE:LINE:COL: FIELD: message, the main error first. Importing the same\n"
      "batch again changes nothing. Only the city bureau changes the catalog." },
    { "list", cmd_list, NULL, list_options, 0, 0, CLI_NEEDS_DB,
      "[--date YYYY-MM-DD]",
      "list the occupations with their levels per work type",
      "Without --date every occupation and offering ever recorded is shown, with\n"
      "withdrawal dates; with --date only what is in force that day.\n"
      "With --json: an array of occupations, each {code, name, effective, withdrawn,\n"
      "aliases, work_types, offerings: [{work_type, level, level_name, effective,\n"
      "withdrawn}]}; work_type is null for an undivided (不分方向) level." },
    { "show", cmd_show, NULL, NULL, 1, 1, CLI_NEEDS_DB,
      "CODE",
      "show one occupation (by code or alias)",
      "CODE may be written with '-' or '—' (4-04-05-04 or 4—04—05—04).\n"
      "With --json: one object, as in 'catalog list'." },
    { "check", cmd_check, NULL, check_options, 1, 1, CLI_NEEDS_DB,
      "CODE [--work-type NAME] --level N [--date YYYY-MM-DD]",
      "is (occupation, work type, level) certifiable? exit 0 yes, 1 no",
      "Exit status 0 when certifiable, 1 when not (the reason is printed), 2 or\n"
      "more for a malformed code, level or date.\n"
      "With --json: {\"certifiable\": true|false, \"reason\": null|\"...\", \"reason_code\": N}." },
    { "export", cmd_export, NULL, export_options, 0, 1, CLI_NEEDS_DB,
      "[FILE | --output FILE]",
      "export the whole catalog, with its history, as XML (stdout without FILE)",
      "The document validates against the catalog schema (urn:skillcert:catalog:1)\n"
      "and can be imported into another registry." },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};
