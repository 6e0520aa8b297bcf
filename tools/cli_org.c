/*
 * cli_org.c — the `org` command group and `directory`: evaluation
 * organizations, their filing workflow, scope, staff, special-path rules,
 * and "may O certify this on date D?".
 *
 *   org register CODE --name N --kind K --district D     (actor: the organization)
 *   org apply CODE OFFERING...  /  org add-scope CODE OFFERING...
 *   org recommend | evaluate | notice | file | commit | reject | exit CODE ...
 *   org show CODE / org list / org may-certify CODE OCCUPATION --level N ...
 *   org staff add|remove|list, org rules submit|confirm|show, org credit-code, org districts
 *   directory [--date D]
 *
 * OFFERING is CODE[/WORK-TYPE]:LEVELS, e.g. 4-02-07-10:5,4 or 4-04-05-04/建筑工程:3,2.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- JSON and text of the values ---------------------------------------------- */

static json_t *opt_str(const char *s)
{
    return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *offerings_json(const sc_offerings *s)
{
    json_t *arr = json_array();
    size_t i, n = sc_offerings_count(s);

    for (i = 0; arr != NULL && i < n; i++) {
        sc_offering_item it = SC_OFFERING_ITEM_INIT;
        json_t *o = json_object();

        if (sc_offerings_get(&it, s, i) != SC_OK || o == NULL
            || cli_json_set(o, "occupation", json_string(it.occupation))
            || cli_json_set(o, "work_type", opt_str(it.work_type))
            || cli_json_set(o, "level", json_integer(it.level))
            || cli_json_set(o, "level_name", cli_json_str(sc_level_name_zh(it.level)))
            || cli_json_append(arr, o)) {
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* "4-02-07-10:5,4 4-04-05-05/数据标注员:3" */
static void print_offerings(const sc_offerings *s)
{
    size_t i, n = sc_offerings_count(s);
    sc_offering_item prev = SC_OFFERING_ITEM_INIT, it = SC_OFFERING_ITEM_INIT;

    prev = (sc_offering_item)SC_OFFERING_ITEM_INIT;
    if (n == 0)
        fputs("-", stdout);
    for (i = 0; i < n; i++) {
        if (sc_offerings_get(&it, s, i) != SC_OK)
            break;
        if (i > 0 && strcmp(it.occupation, prev.occupation) == 0
            && strcmp(it.work_type, prev.work_type) == 0)
            printf(",%d", it.level);
        else
            printf("%s%s%s%s:%d", i > 0 ? " " : "", it.occupation, it.work_type[0] ? "/" : "",
                   it.work_type, it.level);
        prev = it;
    }
}

static json_t *org_json(const sc_org *o)
{
    json_t *obj = json_object();

    if (obj != NULL
        && (cli_json_set(obj, "credit_code", json_string(o->credit_code))
            || cli_json_set(obj, "name", json_string(o->name))
            || cli_json_set(obj, "kind", cli_json_str(sc_org_kind_name(o->kind)))
            || cli_json_set(obj, "district", json_string(o->district))
            || cli_json_set(obj, "registered", json_string(o->registered))
            || cli_json_set(obj, "legacy_code", json_boolean(o->legacy_code))
            || cli_json_set(obj, "rules", opt_str(o->rules))
            || cli_json_set(obj, "fees", opt_str(o->fees))
            || cli_json_set(obj, "published", opt_str(o->published))
            || cli_json_set(obj, "status", cli_json_str(sc_filing_status_name(o->status)))
            || cli_json_set(obj, "receipt", opt_str(o->receipt))
            || cli_json_set(obj, "filed", opt_str(o->filed))
            || cli_json_set(obj, "valid_until", opt_str(o->valid_until))
            || cli_json_set(obj, "committed", opt_str(o->committed))
            || cli_json_set(obj, "ended", opt_str(o->ended))
            || cli_json_set(obj, "reason", opt_str(o->reason)))) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *filing_json(const sc_filing *f)
{
    json_t *obj = json_object();

    if (obj != NULL
        && (cli_json_set(obj, "id", json_integer((json_int_t)f->id))
            || cli_json_set(obj, "kind", json_string(f->kind == SC_FILING_ADDITION ? "addition"
                                                                                  : "initial"))
            || cli_json_set(obj, "status", cli_json_str(sc_filing_status_name(f->status)))
            || cli_json_set(obj, "applied", opt_str(f->applied))
            || cli_json_set(obj, "recommended", opt_str(f->recommended))
            || cli_json_set(obj, "evaluated", opt_str(f->evaluated))
            || cli_json_set(obj, "noticed", opt_str(f->noticed))
            || cli_json_set(obj, "filed", opt_str(f->filed))
            || cli_json_set(obj, "committed", opt_str(f->committed))
            || cli_json_set(obj, "receipt", opt_str(f->receipt))
            || cli_json_set(obj, "valid_until", opt_str(f->valid_until))
            || cli_json_set(obj, "ended", opt_str(f->ended))
            || cli_json_set(obj, "reason", opt_str(f->reason)))) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static void print_org(const sc_org *o, const char *date)
{
    printf("credit code  %s%s\n", o->credit_code, o->legacy_code ? " (legacy code)" : "");
    printf("name         %s\n", o->name);
    printf("kind         %s (%s)\n", sc_org_kind_name(o->kind), sc_org_kind_name_zh(o->kind));
    printf("district     %s\n", o->district);
    printf("registered   %s\n", o->registered);
    if (o->published[0] != '\0') {
        printf("rules        %s\n", o->rules[0] ? o->rules : "-");
        printf("fees         %s\n", o->fees[0] ? o->fees : "-");
        printf("published    %s\n", o->published);
    }
    printf("status       %s%s%s\n", sc_filing_status_name(o->status), date ? " on " : "",
           date ? date : "");
    if (o->receipt[0] != '\0')
        printf("receipt      %s (filed %s, valid until %s)\n", o->receipt, o->filed,
               o->valid_until);
    if (o->committed[0] != '\0')
        printf("committed    %s\n", o->committed);
    if (o->ended[0] != '\0')
        printf("ended        %s: %s\n", o->ended, o->reason);
}

/* ---- shared ------------------------------------------------------------------ */

/* The offerings named by the positional arguments from index @first on. */
static int offerings_from_args(cli_ctx *ctx, int first, sc_offerings **out)
{
    int i, rc;

    *out = NULL;
    if ((rc = sc_offerings_new(out)) != SC_OK)
        return cli_fail(rc, NULL);
    for (i = first; i < ctx->nargs; i++) {
        if ((rc = sc_offerings_add_text(*out, ctx->args[i])) != SC_OK) {
            sc_offerings_free(*out);
            *out = NULL;
            return cli_fail(rc, NULL);
        }
    }
    return CLI_EXIT_OK;
}

/* After a change: the organization's standing on the step's date. */
static int report_org(cli_ctx *ctx, const char *code, const char *date, const char *what)
{
    sc_org o = SC_ORG_INIT;
    int rc = sc_org_get(&o, ctx->db, code, date);

    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json)
        return cli_emit_json(org_json(&o));
    printf("%s: %s", o.credit_code, what);
    if (o.status != SC_FILING_NONE)
        printf(" (status %s)", sc_filing_status_name(o.status));
    fputc('\n', stdout);
    return CLI_EXIT_OK;
}

static const cli_option date_options[] = {
    { "date", "YYYY-MM-DD", "the date of the step (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static const cli_option date_note_options[] = {
    { "date", "YYYY-MM-DD", "the date of the step (default: today, UTC)" },
    { "note", "TEXT", "a remark for the record" },
    { NULL, NULL, NULL }
};

static const cli_option reason_options[] = {
    { "reason", "TEXT", "why (required)" },
    { "date", "YYYY-MM-DD", "the date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

/* ---- register, publish ----------------------------------------------------------- */

static const cli_option register_options[] = {
    { "name", "NAME", "the organization's name (required)" },
    { "kind", "KIND", "enterprise, social-group, university or vocational-school (required)" },
    { "district", "DISTRICT", "registered district: code (110108), name (海淀区) or 110115-BDA" },
    { "date", "YYYY-MM-DD", "registration date (default: today, UTC)" },
    { "allow-legacy-code", NULL,
      "accept a known legacy code whose check character fails, with a warning" },
    { "strict", NULL, "also check the embedded organization code (GB 11714)" },
    { NULL, NULL, NULL }
};

static int cmd_register(cli_ctx *ctx)
{
    const char *code = ctx->args[0];
    const char *name = cli_opt(ctx, "name");
    const char *kind_text = cli_opt(ctx, "kind");
    const char *district = cli_opt(ctx, "district");
    unsigned int flags = 0;
    sc_credit_code_result cc = SC_CREDIT_CODE_RESULT_INIT;
    int kind = 0, rc;

    if (name == NULL || kind_text == NULL || district == NULL)
        return cli_usage_error(ctx, "--name, --kind and --district are required");
    if ((rc = sc_org_kind_parse(&kind, kind_text)) != SC_OK)
        return cli_fail(rc, "--kind");
    if (cli_opt(ctx, "allow-legacy-code") != NULL)
        flags |= SC_CREDIT_CODE_ALLOW_LEGACY;
    if (cli_opt(ctx, "strict") != NULL)
        flags |= SC_CREDIT_CODE_STRICT;
    if ((rc = sc_org_register(ctx->db, ctx->actor, code, name, kind, district,
                              cli_opt(ctx, "date"), flags)) != SC_OK)
        return cli_fail(rc, NULL);
    if (sc_credit_code_validate(&cc, code, flags) == SC_OK && cc.legacy)
        cli_errorf("%s: %s", cc.code, cc.message);
    return report_org(ctx, code, cli_opt(ctx, "date"), "registered");
}

static const cli_option publish_options[] = {
    { "rules", "TEXT", "management rules (text or URL)" },
    { "fees", "TEXT", "fee standards (text or URL)" },
    { "date", "YYYY-MM-DD", "publication date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_publish(cli_ctx *ctx)
{
    int rc = sc_org_publish(ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "rules"),
                            cli_opt(ctx, "fees"), cli_opt(ctx, "date"));

    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return report_org(ctx, ctx->args[0], cli_opt(ctx, "date"), "rules and fees published");
}

/* ---- the workflow ------------------------------------------------------------------ */

static int apply_common(cli_ctx *ctx, int addition)
{
    sc_offerings *s = NULL;
    int rc, status;

    if ((status = offerings_from_args(ctx, 1, &s)) != CLI_EXIT_OK)
        return status;
    if (addition)
        rc = sc_org_apply_addition(ctx->db, ctx->actor, ctx->args[0], s, cli_opt(ctx, "date"));
    else
        rc = sc_org_apply(ctx->db, ctx->actor, ctx->args[0], s, cli_opt(ctx, "date"));
    sc_offerings_free(s);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return report_org(ctx, ctx->args[0], cli_opt(ctx, "date"),
                      addition ? "applied for added scope (增项)" : "applied for filing");
}

static int cmd_apply(cli_ctx *ctx)
{
    return apply_common(ctx, 0);
}

static int cmd_add_scope(cli_ctx *ctx)
{
    return apply_common(ctx, 1);
}

static int cmd_recommend(cli_ctx *ctx)
{
    int rc = sc_org_recommend(ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "date"),
                              cli_opt(ctx, "note"));

    return rc != SC_OK ? cli_fail(rc, NULL)
                       : report_org(ctx, ctx->args[0], cli_opt(ctx, "date"),
                                    "recommended to the city");
}

static const cli_option evaluate_options[] = {
    { "methods", "LIST", "materials,expert,on-site (default: all three)" },
    { "date", "YYYY-MM-DD", "the date of the evaluation (default: today, UTC)" },
    { "note", "TEXT", "a remark for the record" },
    { NULL, NULL, NULL }
};

static int parse_methods(const char *text, unsigned int *out)
{
    *out = 0;
    if (text == NULL) {
        *out = SC_EVAL_ALL;
        return 0;
    }
    while (*text != '\0') {
        size_t n = strcspn(text, ",");

        if (n == 9 && strncmp(text, "materials", n) == 0)
            *out |= SC_EVAL_MATERIALS;
        else if (n == 6 && strncmp(text, "expert", n) == 0)
            *out |= SC_EVAL_EXPERT;
        else if (n == 7 && strncmp(text, "on-site", n) == 0)
            *out |= SC_EVAL_ON_SITE;
        else
            return -1;
        text += n;
        if (*text == ',')
            text++;
    }
    return *out != 0 ? 0 : -1;
}

static int cmd_evaluate(cli_ctx *ctx)
{
    sc_offerings *s = NULL;
    unsigned int methods;
    int rc, status;

    if (parse_methods(cli_opt(ctx, "methods"), &methods) != 0)
        return cli_usage_error(ctx, "--methods takes a list of materials, expert, on-site");
    if (ctx->nargs > 1 && (status = offerings_from_args(ctx, 1, &s)) != CLI_EXIT_OK)
        return status;
    rc = sc_org_evaluate(ctx->db, ctx->actor, ctx->args[0], s, methods, cli_opt(ctx, "date"),
                         cli_opt(ctx, "note"));
    sc_offerings_free(s);
    return rc != SC_OK ? cli_fail(rc, NULL)
                       : report_org(ctx, ctx->args[0], cli_opt(ctx, "date"),
                                    "evaluated; scope fixed");
}

static int cmd_notice(cli_ctx *ctx)
{
    int rc = sc_org_notice(ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "date"));

    return rc != SC_OK ? cli_fail(rc, NULL)
                       : report_org(ctx, ctx->args[0], cli_opt(ctx, "date"),
                                    "public notice (公示) published");
}

/* The newest filed filing of an organization (for the receipt of `file`). */
static int last_filed(cli_ctx *ctx, const char *code, sc_filing *out)
{
    sc_filing_iter *it = NULL;
    sc_filing f = SC_FILING_INIT;
    int rc, found = 0;

    *out = (sc_filing)SC_FILING_INIT;
    if ((rc = sc_filing_iter_new(&it, ctx->db, code)) != SC_OK)
        return rc;
    while ((rc = sc_filing_iter_next(&f, it)) == SC_OK) {
        if (f.receipt[0] != '\0') {
            *out = f;
            found = 1;
        }
    }
    sc_filing_iter_free(it);
    if (rc != SC_ITEROVER)
        return rc;
    return found ? SC_OK : SC_ENOTFOUND;
}

static int cmd_file(cli_ctx *ctx)
{
    sc_filing f = SC_FILING_INIT;
    int rc = sc_org_file(ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "date"));

    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if ((rc = last_filed(ctx, ctx->args[0], &f)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json)
        return cli_emit_json(filing_json(&f));
    printf("%s: filed (备案), receipt %s, valid until %s%s\n", f.credit_code, f.receipt,
           f.valid_until, f.kind == SC_FILING_ADDITION ? " (added scope)" : "");
    return CLI_EXIT_OK;
}

static int cmd_commit(cli_ctx *ctx)
{
    int rc = sc_org_commit(ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "date"));

    return rc != SC_OK ? cli_fail(rc, NULL)
                       : report_org(ctx, ctx->args[0], cli_opt(ctx, "date"),
                                    "commitment letter (承诺书) signed");
}

static int cmd_reject(cli_ctx *ctx)
{
    const char *reason = cli_opt(ctx, "reason");
    int rc;

    if (reason == NULL)
        return cli_usage_error(ctx, "--reason is required");
    rc = sc_org_reject(ctx->db, ctx->actor, ctx->args[0], reason, cli_opt(ctx, "date"));
    return rc != SC_OK ? cli_fail(rc, NULL)
                       : report_org(ctx, ctx->args[0], cli_opt(ctx, "date"),
                                    "application rejected");
}

static int cmd_exit(cli_ctx *ctx)
{
    const char *reason = cli_opt(ctx, "reason");
    int rc;

    if (reason == NULL)
        return cli_usage_error(ctx, "--reason is required");
    rc = sc_org_exit(ctx->db, ctx->actor, ctx->args[0], reason, cli_opt(ctx, "date"));
    return rc != SC_OK ? cli_fail(rc, NULL)
                       : report_org(ctx, ctx->args[0], cli_opt(ctx, "date"),
                                    "left the directory (退出目录)");
}

/* ---- show, list, directory ------------------------------------------------------------ */

static const cli_option on_date_options[] = {
    { "date", "YYYY-MM-DD", "the day to look at (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_show(cli_ctx *ctx)
{
    const char *date = cli_opt(ctx, "date");
    sc_org o = SC_ORG_INIT;
    sc_offerings *scope = NULL;
    sc_filing_iter *it = NULL;
    sc_filing f = SC_FILING_INIT;
    json_t *root = NULL, *filings = NULL;
    int rc;

    if ((rc = sc_org_get(&o, ctx->db, ctx->args[0], date)) != SC_OK
        || (rc = sc_org_scope_get(&scope, ctx->db, ctx->args[0], date)) != SC_OK
        || (rc = sc_filing_iter_new(&it, ctx->db, ctx->args[0])) != SC_OK) {
        sc_offerings_free(scope);
        return cli_fail(rc, NULL);
    }
    if (ctx->json) {
        root = org_json(&o);
        filings = json_array();
        int site = 0;
        json_t *sites = json_array();
        if (sites != NULL && sc_certificate_site_get(&site, ctx->db, ctx->args[0]) == SC_OK) {
            char text[8];
            snprintf(text, sizeof text, "%06d", site);
            json_array_append_new(sites, json_string(text));
        }
        sc_error_clear();
        if (root == NULL || filings == NULL) {
            json_decref(sites); /* not handed to root */
            sites = NULL;
        }
        if (root == NULL || filings == NULL || sites == NULL
            || cli_json_set(root, "certificate_sites", sites)
            || cli_json_set(root, "scope", offerings_json(scope))) {
            json_decref(root);
            json_decref(filings);
            root = NULL;
            filings = NULL;
        }
    } else {
        int site = 0;
        print_org(&o, date);
        fputs("scope        ", stdout);
        print_offerings(scope);
        if (sc_certificate_site_get(&site, ctx->db, ctx->args[0]) == SC_OK)
            printf("\ncert sites   %06d", site);
        else
            fputs("\ncert sites   none yet (given when it is filed)", stdout);
        sc_error_clear();
        fputs("\nfilings\n", stdout);
    }
    sc_offerings_free(scope);
    if (ctx->json && root == NULL) {
        sc_filing_iter_free(it);
        return cli_oom();
    }
    while ((rc = sc_filing_iter_next(&f, it)) == SC_OK) {
        sc_filing_step_iter *steps = NULL;
        sc_filing_step st = SC_FILING_STEP_INIT;
        json_t *fj = ctx->json ? filing_json(&f) : NULL;
        json_t *sj = ctx->json ? json_array() : NULL;

        if (ctx->json && (fj == NULL || sj == NULL)) {
            json_decref(fj);
            json_decref(sj);
            rc = SC_ENOMEM;
            break;
        }
        if (!ctx->json)
            printf("  #%lld %s %s%s%s\n", (long long)f.id,
                   f.kind == SC_FILING_ADDITION ? "addition (增项)" : "filing",
                   sc_filing_status_name(f.status), f.receipt[0] ? " " : "", f.receipt);
        if ((rc = sc_filing_step_iter_new(&steps, ctx->db, f.id)) != SC_OK) {
            json_decref(fj);
            json_decref(sj);
            break;
        }
        while ((rc = sc_filing_step_iter_next(&st, steps)) == SC_OK) {
            if (ctx->json) {
                json_t *sobj = json_object();
                if (sobj == NULL
                    || cli_json_set(sobj, "step", cli_json_str(sc_filing_status_name(st.step)))
                    || cli_json_set(sobj, "date", json_string(st.date))
                    || cli_json_set(sobj, "actor", json_string(st.actor))
                    || cli_json_set(sobj, "note", opt_str(st.note)) || cli_json_append(sj, sobj)) {
                    json_decref(sobj);
                    rc = SC_ENOMEM;
                    break;
                }
            } else {
                printf("      %s  %-12s %s%s%s\n", st.date, sc_filing_status_name(st.step),
                       st.actor, st.note[0] ? "  " : "", st.note);
            }
        }
        sc_filing_step_iter_free(steps);
        if (ctx->json) {
            if (rc == SC_ITEROVER
                && (cli_json_set(fj, "steps", sj) || cli_json_append(filings, fj)))
                rc = SC_ENOMEM;
            else if (rc != SC_ITEROVER) {
                json_decref(sj);
                json_decref(fj);
            }
        }
        if (rc != SC_ITEROVER)
            break;
    }
    sc_filing_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(root);
        json_decref(filings);
        return rc == SC_ENOMEM ? cli_oom() : cli_fail(rc, NULL);
    }
    if (ctx->json) {
        if (cli_json_set(root, "filings", filings)) {
            json_decref(root);
            return cli_oom();
        }
        return cli_emit_json(root);
    }
    return CLI_EXIT_OK;
}

/* Print organizations from an iterator, with their scope on @date in JSON. */
static int list_orgs(cli_ctx *ctx, sc_org_iter *it, const char *date, int with_scope)
{
    json_t *arr = ctx->json ? json_array() : NULL;
    sc_org o = SC_ORG_INIT;
    int rc, status = CLI_EXIT_OK, n = 0;

    if (ctx->json && arr == NULL) {
        sc_org_iter_free(it);
        return cli_oom();
    }
    while ((rc = sc_org_iter_next(&o, it)) == SC_OK) {
        sc_offerings *scope = NULL;

        if (with_scope && (rc = sc_org_scope_get(&scope, ctx->db, o.credit_code, date)) != SC_OK)
            break;
        n++;
        if (ctx->json) {
            json_t *obj = org_json(&o);

            if (obj == NULL || (with_scope && cli_json_set(obj, "scope", offerings_json(scope)))
                || cli_json_append(arr, obj)) {
                json_decref(obj);
                status = cli_oom();
            }
        } else {
            printf("%s  %s  %s  %s", o.credit_code, o.district,
                   sc_filing_status_name(o.status), o.name);
            if (o.receipt[0] != '\0')
                printf("  [%s, valid until %s]", o.receipt, o.valid_until);
            fputc('\n', stdout);
            if (with_scope) {
                fputs("    scope: ", stdout);
                print_offerings(scope);
                fputc('\n', stdout);
            }
        }
        sc_offerings_free(scope);
        if (status != CLI_EXIT_OK)
            break;
    }
    sc_org_iter_free(it);
    if (status == CLI_EXIT_OK && rc != SC_ITEROVER)
        status = cli_fail(rc, NULL);
    if (status != CLI_EXIT_OK) {
        json_decref(arr);
        return status;
    }
    if (ctx->json)
        return cli_emit_json(arr);
    if (n == 0)
        printf("(none)\n");
    return CLI_EXIT_OK;
}

static const cli_option list_options[] = {
    { "district", "DISTRICT", "only those registered in this district" },
    { "date", "YYYY-MM-DD", "their standing on that day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_list(cli_ctx *ctx)
{
    sc_org_query q = SC_ORG_QUERY_INIT;
    sc_org_iter *it = NULL;
    int rc;

    q.district = cli_opt(ctx, "district");
    q.date = cli_opt(ctx, "date");
    rc = sc_org_iter_new(&it, ctx->db, &q);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return list_orgs(ctx, it, cli_opt(ctx, "date"), 0);
}

int cli_cmd_directory(cli_ctx *ctx);
int cli_cmd_directory(cli_ctx *ctx)
{
    sc_org_iter *it = NULL;
    int rc = sc_directory_iter_new(&it, ctx->db, cli_opt(ctx, "date"));

    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return list_orgs(ctx, it, cli_opt(ctx, "date"), 1);
}

const cli_option cli_directory_options[] = {
    { "date", "YYYY-MM-DD", "the directory as published on that day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

/* ---- may-certify ---------------------------------------------------------------------------- */

static const cli_option may_options[] = {
    { "level", "N", "the level: 1-5, a rank (三级), a name (高级工) or an English name (required)" },
    { "work-type", "NAME", "the work type (工种/方向); omit for an undivided level" },
    { "date", "YYYY-MM-DD", "the day to ask about (default: today, UTC)" },
    { "venue", "DISTRICT", "the assessment venue's district (outside Beijing: no)" },
    { "path", "PATH", "normal (default), exceptional (破格) or direct (直接认定)" },
    { NULL, NULL, NULL }
};

static int cmd_may_certify(cli_ctx *ctx)
{
    const char *level_text = cli_opt(ctx, "level");
    const char *path_text = cli_opt(ctx, "path");
    sc_verdict v = SC_VERDICT_INIT;
    int level = 0, path = SC_PATH_NORMAL, rc;

    if (level_text == NULL)
        return cli_usage_error(ctx, "option --level is required");
    if ((rc = sc_level_parse(&level, level_text)) != SC_OK)
        return cli_fail(rc, "--level");
    if (path_text != NULL && (rc = sc_path_parse(&path, path_text)) != SC_OK)
        return cli_fail(rc, "--path");
    rc = sc_org_may_certify(&v, ctx->db, ctx->args[0], ctx->args[1], cli_opt(ctx, "work-type"),
                            level, cli_opt(ctx, "date"), cli_opt(ctx, "venue"), path);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *root = json_object();
        int status;

        if (root != NULL
            && (cli_json_set(root, "may_certify", json_boolean(v.ok))
                || cli_json_set(root, "reason", v.ok ? json_null() : json_string(v.message))
                || cli_json_set(root, "reason_code", json_integer(v.reason)))) {
            json_decref(root);
            root = NULL;
        }
        if ((status = cli_emit_json(root)) != CLI_EXIT_OK)
            return status;
    } else if (v.ok) {
        printf("may certify: %s %s%s%s level %d (%s)\n", ctx->args[0], ctx->args[1],
               cli_opt(ctx, "work-type") != NULL ? " " : "",
               cli_opt(ctx, "work-type") != NULL ? cli_opt(ctx, "work-type") : "", level,
               sc_level_name_zh(level));
    } else {
        printf("may not certify: %s\n", v.message);
    }
    return v.ok ? CLI_EXIT_OK : CLI_EXIT_NO;
}

/* ---- staff ----------------------------------------------------------------------------------- */

static const cli_option staff_add_options[] = {
    { "name", "NAME", "the person's name (required)" },
    { "role", "ROLE", "manager, examiner (考评员), supervisor (内部质量督导员) or expert (required)" },
    { "date", "YYYY-MM-DD", "joined on (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_staff_add(cli_ctx *ctx)
{
    const char *name = cli_opt(ctx, "name"), *role_text = cli_opt(ctx, "role");
    sc_offerings *q = NULL;
    int role = 0, rc, status;

    if (name == NULL || role_text == NULL)
        return cli_usage_error(ctx, "--name and --role are required");
    if ((rc = sc_staff_role_parse(&role, role_text)) != SC_OK)
        return cli_fail(rc, "--role");
    if ((status = offerings_from_args(ctx, 2, &q)) != CLI_EXIT_OK)
        return status;
    rc = sc_staff_add(ctx->db, ctx->actor, ctx->args[0], ctx->args[1], name, role,
                      sc_offerings_count(q) > 0 ? q : NULL, cli_opt(ctx, "date"));
    sc_offerings_free(q);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *root = json_object();
        if (root != NULL && (cli_json_set(root, "credit_code", json_string(ctx->args[0]))
                             || cli_json_set(root, "person_id", json_string(ctx->args[1]))
                             || cli_json_set(root, "role",
                                             json_string(sc_staff_role_name(role))))) {
            json_decref(root);
            root = NULL;
        }
        return cli_emit_json(root);
    }
    printf("%s: %s added as %s (%s)\n", ctx->args[0], ctx->args[1], sc_staff_role_name(role),
           sc_staff_role_name_zh(role));
    return CLI_EXIT_OK;
}

static const cli_option staff_remove_options[] = {
    { "role", "ROLE", "the role they leave (required)" },
    { "date", "YYYY-MM-DD", "first day no longer on staff (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_staff_remove(cli_ctx *ctx)
{
    const char *role_text = cli_opt(ctx, "role");
    int role = 0, rc;

    if (role_text == NULL)
        return cli_usage_error(ctx, "--role is required");
    if ((rc = sc_staff_role_parse(&role, role_text)) != SC_OK)
        return cli_fail(rc, "--role");
    rc = sc_staff_remove(ctx->db, ctx->actor, ctx->args[0], ctx->args[1], role,
                         cli_opt(ctx, "date"));
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (!ctx->json)
        printf("%s: %s is no longer %s\n", ctx->args[0], ctx->args[1], sc_staff_role_name(role));
    else {
        json_t *root = json_object();
        if (root != NULL && cli_json_set(root, "removed", json_string(ctx->args[1]))) {
            json_decref(root);
            root = NULL;
        }
        return cli_emit_json(root);
    }
    return CLI_EXIT_OK;
}

static const cli_option staff_list_options[] = {
    { "date", "YYYY-MM-DD", "only those on staff that day (default: everyone ever recorded)" },
    { NULL, NULL, NULL }
};

static int cmd_staff_list(cli_ctx *ctx)
{
    sc_staff_query sq = SC_STAFF_QUERY_INIT;
    sc_staff_iter *it = NULL;
    sc_staff m = SC_STAFF_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    int rc, status = CLI_EXIT_OK;

    if (ctx->json && arr == NULL)
        return cli_oom();
    sq.date = cli_opt(ctx, "date");
    if ((rc = sc_staff_iter_new(&it, ctx->db, ctx->args[0], &sq)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_staff_iter_next(&m, it)) == SC_OK) {
        sc_offerings *q = NULL;

        if ((rc = sc_staff_qualifications_get(&q, ctx->db, m.credit_code, m.person_id, m.role))
            != SC_OK)
            break;
        if (ctx->json) {
            json_t *o = json_object();
            if (o == NULL || cli_json_set(o, "person_id", json_string(m.person_id))
                || cli_json_set(o, "name", json_string(m.name))
                || cli_json_set(o, "role", cli_json_str(sc_staff_role_name(m.role)))
                || cli_json_set(o, "added", json_string(m.added))
                || cli_json_set(o, "removed", opt_str(m.removed))
                || cli_json_set(o, "qualifications", offerings_json(q))
                || cli_json_append(arr, o)) {
                json_decref(o);
                status = cli_oom();
            }
        } else {
            printf("%-10s %-12s %s  from %s%s%s  ", m.person_id, sc_staff_role_name(m.role),
                   m.name, m.added, m.removed[0] ? " to " : "", m.removed);
            print_offerings(q);
            fputc('\n', stdout);
        }
        sc_offerings_free(q);
        if (status != CLI_EXIT_OK)
            break;
    }
    sc_staff_iter_free(it);
    if (status == CLI_EXIT_OK && rc != SC_ITEROVER)
        status = cli_fail(rc, NULL);
    if (status != CLI_EXIT_OK) {
        json_decref(arr);
        return status;
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

static const cli_command staff_commands[] = {
    { "add", cmd_staff_add, NULL, staff_add_options, 2, -1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "CODE PERSON-ID --name NAME --role ROLE [OFFERING...] [--date D]",
      "add a staff member with the offerings they are qualified for",
      "Examiners, supervisors and experts need at least one OFFERING\n"
      "(CODE[/WORK-TYPE]:LEVELS). The actor is the organization itself." },
    { "remove", cmd_staff_remove, NULL, staff_remove_options, 2, 2,
      CLI_NEEDS_DB | CLI_NEEDS_ACTOR, "CODE PERSON-ID --role ROLE [--date D]",
      "a staff member leaves a role", NULL },
    { "list", cmd_staff_list, NULL, staff_list_options, 1, 1, CLI_NEEDS_DB,
      "CODE [--date D]", "list an organization's staff with their qualifications", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- special-path rules --------------------------------------------------------------------- */

static const cli_option rules_submit_options[] = {
    { "path", "PATH", "exceptional (破格申报) or direct (直接认定) (required)" },
    { "text", "TEXT", "the rules, or their URL (required)" },
    { "date", "YYYY-MM-DD", "submitted on (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static const cli_option rules_path_options[] = {
    { "path", "PATH", "exceptional (破格申报) or direct (直接认定) (required)" },
    { "date", "YYYY-MM-DD", "the date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int path_opt(cli_ctx *ctx, int *path)
{
    const char *t = cli_opt(ctx, "path");
    int rc;

    if (t == NULL)
        return cli_usage_error(ctx, "--path is required");
    if ((rc = sc_path_parse(path, t)) != SC_OK)
        return cli_fail(rc, "--path");
    return CLI_EXIT_OK;
}

static int print_rules(cli_ctx *ctx, const char *code, int path)
{
    sc_special_rules r = SC_SPECIAL_RULES_INIT;
    int rc = sc_org_rules_get(&r, ctx->db, code, path);

    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *o = json_object();
        if (o != NULL && (cli_json_set(o, "credit_code", json_string(r.credit_code))
                          || cli_json_set(o, "path", cli_json_str(sc_path_name(r.path)))
                          || cli_json_set(o, "text", json_string(r.text))
                          || cli_json_set(o, "submitted", json_string(r.submitted))
                          || cli_json_set(o, "district_confirmed", opt_str(r.district_confirmed))
                          || cli_json_set(o, "city_confirmed", opt_str(r.city_confirmed)))) {
            json_decref(o);
            o = NULL;
        }
        return cli_emit_json(o);
    }
    printf("%s %s rules submitted %s: %s\n", r.credit_code, sc_path_name(r.path), r.submitted,
           r.text);
    printf("  district bureau: %s%s%s\n",
           r.district_confirmed[0] ? r.district_confirmed : "not confirmed",
           r.district_actor[0] ? " by " : "", r.district_actor);
    printf("  city bureau:     %s%s%s\n", r.city_confirmed[0] ? r.city_confirmed : "not confirmed",
           r.city_actor[0] ? " by " : "", r.city_actor);
    return CLI_EXIT_OK;
}

static int cmd_rules_submit(cli_ctx *ctx)
{
    const char *text = cli_opt(ctx, "text");
    int path = 0, rc, status;

    if ((status = path_opt(ctx, &path)) != CLI_EXIT_OK)
        return status;
    if (text == NULL)
        return cli_usage_error(ctx, "--text is required");
    rc = sc_org_rules_submit(ctx->db, ctx->actor, ctx->args[0], path, text, cli_opt(ctx, "date"));
    return rc != SC_OK ? cli_fail(rc, NULL) : print_rules(ctx, ctx->args[0], path);
}

static int cmd_rules_confirm(cli_ctx *ctx)
{
    int path = 0, rc, status;

    if ((status = path_opt(ctx, &path)) != CLI_EXIT_OK)
        return status;
    rc = sc_org_rules_confirm(ctx->db, ctx->actor, ctx->args[0], path, cli_opt(ctx, "date"));
    return rc != SC_OK ? cli_fail(rc, NULL) : print_rules(ctx, ctx->args[0], path);
}

static int cmd_rules_show(cli_ctx *ctx)
{
    int path = 0, status;

    if ((status = path_opt(ctx, &path)) != CLI_EXIT_OK)
        return status;
    return print_rules(ctx, ctx->args[0], path);
}

static const cli_command rules_commands[] = {
    { "submit", cmd_rules_submit, NULL, rules_submit_options, 1, 1,
      CLI_NEEDS_DB | CLI_NEEDS_ACTOR, "CODE --path PATH --text TEXT [--date D]",
      "the organization submits its rules for a special path", NULL },
    { "confirm", cmd_rules_confirm, NULL, rules_path_options, 1, 1,
      CLI_NEEDS_DB | CLI_NEEDS_ACTOR, "CODE --path PATH [--date D]",
      "its district bureau or the city bureau confirms the rules",
      "The rules apply once both the organization's own district bureau\n"
      "(--actor district:CODE) and the city bureau (--actor city-bureau) confirmed them." },
    { "show", cmd_rules_show, NULL, rules_path_options, 1, 1, CLI_NEEDS_DB,
      "CODE --path PATH", "show the latest rules and their confirmations", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- credit codes and districts -------------------------------------------------------------- */

static const cli_option credit_options[] = {
    { "allow-legacy", NULL, "accept a wrong check character with a warning" },
    { "strict", NULL, "also check the embedded organization code (GB 11714)" },
    { NULL, NULL, NULL }
};

static int cmd_credit_code(cli_ctx *ctx)
{
    unsigned int flags = 0;
    sc_credit_code_result r = SC_CREDIT_CODE_RESULT_INIT;
    int rc;

    if (cli_opt(ctx, "allow-legacy") != NULL)
        flags |= SC_CREDIT_CODE_ALLOW_LEGACY;
    if (cli_opt(ctx, "strict") != NULL)
        flags |= SC_CREDIT_CODE_STRICT;
    if ((rc = sc_credit_code_validate(&r, ctx->args[0], flags)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *o = json_object();
        int status;
        if (o != NULL && (cli_json_set(o, "valid", json_boolean(r.valid))
                          || cli_json_set(o, "legacy", json_boolean(r.legacy))
                          || cli_json_set(o, "code", opt_str(r.code))
                          || cli_json_set(o, "expected_check", opt_str(r.expected_check))
                          || cli_json_set(o, "message", opt_str(r.message)))) {
            json_decref(o);
            o = NULL;
        }
        if ((status = cli_emit_json(o)) != CLI_EXIT_OK)
            return status;
    } else if (r.valid) {
        printf("%s: valid%s%s\n", r.code, r.legacy ? "; " : "", r.legacy ? r.message : "");
    } else {
        printf("%s: invalid: %s\n", ctx->args[0], r.message);
    }
    return r.valid ? CLI_EXIT_OK : CLI_EXIT_NO;
}

static int cmd_districts(cli_ctx *ctx)
{
    sc_district_iter *it = NULL;
    sc_district d = SC_DISTRICT_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    int rc;

    if (ctx->json && arr == NULL)
        return cli_oom();
    if ((rc = sc_district_iter_new(&it, ctx->db)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_district_iter_next(&d, it)) == SC_OK) {
        if (ctx->json) {
            json_t *o = json_object();
            if (o == NULL || cli_json_set(o, "code", json_string(d.code))
                || cli_json_set(o, "gb_code", json_string(d.gb_code))
                || cli_json_set(o, "zone", opt_str(d.zone))
                || cli_json_set(o, "name", json_string(d.name))
                || cli_json_set(o, "name_en", json_string(d.name_en))
                || cli_json_set(o, "bureau", json_string(d.bureau)) || cli_json_append(arr, o)) {
                json_decref(o);
                rc = SC_ENOMEM;
                break;
            }
        } else {
            printf("%-11s ", d.code);
            cli_print_padded(stdout, d.name, 20);
            printf(" %s\n", d.bureau);
        }
    }
    sc_district_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return rc == SC_ENOMEM ? cli_oom() : cli_fail(rc, NULL);
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

/* ---- the group ------------------------------------------------------------------------------ */

#define CHANGE (CLI_NEEDS_DB | CLI_NEEDS_ACTOR)

const cli_command cli_org_commands[] = {
    { "register", cmd_register, NULL, register_options, 1, 1, CHANGE,
      "CODE --name NAME --kind KIND --district DISTRICT [--date D] [--allow-legacy-code]",
      "record an organization (the actor is the organization itself)",
      "CODE is its unified social credit code (统一社会信用代码), checked with its\n"
      "check character; --allow-legacy-code accepts a known legacy code that fails\n"
      "the checksum, with a warning on stderr." },
    { "publish", cmd_publish, NULL, publish_options, 1, 1, CHANGE,
      "CODE [--rules TEXT] [--fees TEXT] [--date D]",
      "publish the organization's management rules and fee standards", NULL },
    { "apply", cmd_apply, NULL, date_options, 2, -1, CHANGE,
      "CODE OFFERING... [--date D]",
      "apply for filing to the registered district (actor: the organization)",
      "OFFERING is CODE[/WORK-TYPE]:LEVELS, e.g. 4-02-07-10:5,4 or\n"
      "4-04-05-04/建筑工程:3,2; each must be certifiable in the catalog that day." },
    { "add-scope", cmd_add_scope, NULL, date_options, 2, -1, CHANGE,
      "CODE OFFERING... [--date D]",
      "apply for added scope (增项) while filed and valid (actor: the organization)", NULL },
    { "recommend", cmd_recommend, NULL, date_note_options, 1, 1, CHANGE,
      "CODE [--date D] [--note TEXT]",
      "the district confirms the application and recommends it (actor: district:CODE)", NULL },
    { "evaluate", cmd_evaluate, NULL, evaluate_options, 1, -1, CHANGE,
      "CODE [OFFERING...] [--methods LIST] [--date D] [--note TEXT]",
      "expert evaluation fixes the granted scope (actor: city-centre)",
      "Without OFFERINGs the whole requested scope is granted." },
    { "notice", cmd_notice, NULL, date_options, 1, 1, CHANGE, "CODE [--date D]",
      "publish the public notice (公示) (actor: city-centre)", NULL },
    { "file", cmd_file, NULL, date_options, 1, 1, CHANGE, "CODE [--date D]",
      "file the organization (备案): receipt and 3-year validity (actor: city-centre)", NULL },
    { "commit", cmd_commit, NULL, date_options, 1, 1, CHANGE, "CODE [--date D]",
      "the organization signs its commitment letter (承诺书)", NULL },
    { "reject", cmd_reject, NULL, reason_options, 1, 1, CHANGE,
      "CODE --reason TEXT [--date D]",
      "reject the application in progress (district at 'applied', then city-centre)", NULL },
    { "exit", cmd_exit, NULL, reason_options, 1, 1, CHANGE, "CODE --reason TEXT [--date D]",
      "take the organization out of the directory (退出目录) (actor: city-centre or city-bureau)",
      NULL },
    { "show", cmd_show, NULL, on_date_options, 1, 1, CLI_NEEDS_DB, "CODE [--date D]",
      "show an organization, its standing and scope on a date, and its filings", NULL },
    { "list", cmd_list, NULL, list_options, 0, 0, CLI_NEEDS_DB,
      "[--district DISTRICT] [--date D]", "list every recorded organization", NULL },
    { "may-certify", cmd_may_certify, NULL, may_options, 2, 2, CLI_NEEDS_DB,
      "CODE OCCUPATION --level N [--work-type W] [--date D] [--venue DISTRICT] [--path PATH]",
      "may the organization certify this on that date? (exit 0 yes, 1 no)",
      "Answered from its filing, scope, validity and status, the catalog in force,\n"
      "the venue and its special-path rules; the reason is printed when the answer is no.\n"
      "With --json: {\"may_certify\": true|false, \"reason\": null|\"...\", \"reason_code\": N}." },
    { "staff", NULL, staff_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "managers, examiners (考评员), quality supervisors (内部质量督导员) and experts", NULL },
    { "rules", NULL, rules_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "special-path rules (破格申报, 直接认定) and their confirmations", NULL },
    { "credit-code", cmd_credit_code, NULL, credit_options, 1, 1, 0,
      "CODE [--allow-legacy] [--strict]",
      "check a unified social credit code (exit 0 valid, 1 invalid)", NULL },
    { "districts", cmd_districts, NULL, NULL, 0, 0, CLI_NEEDS_DB, "",
      "list Beijing's 16 districts and 北京经济技术开发区", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};
