/*
 * cli_supervision.c — quality supervision: `supervise` (internal
 * supervision of sessions), `inspect` (spot checks and findings),
 * `sanction`, `credit` (the credit evaluation) and `report` (period report,
 * as JSON or a self-contained HTML page).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report_html.h"

/* Declared where the command tables are (tools/skillcert.c). */
extern const cli_command cli_supervise_commands[];
extern const cli_command cli_inspect_commands[];
extern const cli_command cli_sanction_commands[];
extern const cli_command cli_credit_commands[];
extern const cli_option cli_report_options[];
int cli_cmd_report(cli_ctx *ctx);

static int parse_int64(const cli_ctx *ctx, const char *text, const char *what, int64_t *out)
{
    *out = 0;
    return cli_parse_id(ctx, text, what, out);
}

static int print_id(const cli_ctx *ctx, const char *key, int64_t id, const char *text)
{
    if (ctx->json) {
        json_t *o = json_object();
        if (!o || cli_json_set(o, key, json_integer((json_int_t)id))) {
            json_decref(o);
            return cli_oom();
        }
        return cli_emit_json(o);
    }
    printf("%s %lld\n", text, (long long)id);
    return CLI_EXIT_OK;
}

/* ---- supervise ------------------------------------------------------------------------ */

static int cmd_sv_assign(cli_ctx *ctx)
{
    int64_t session;
    int rc;
    if ((rc = parse_int64(ctx, ctx->args[0], "SESSION", &session)) != CLI_EXIT_OK)
        return rc;
    if ((rc = sc_supervision_assign(ctx->db, ctx->actor, session, ctx->args[1])) != SC_OK)
        return cli_fail(rc, NULL);
    if (!ctx->json)
        printf("supervisor %s assigned to session %lld\n", ctx->args[1], (long long)session);
    return ctx->json ? print_id(ctx, "session", session, "") : CLI_EXIT_OK;
}

static const cli_option sv_record_options[] = {
    { "checked", "TEXT", "what was checked (required)" },
    { "findings", "TEXT", "what was found (default: none)" },
    { "date", "D", "the date (default today)" },
    { NULL, NULL, NULL }
};

static int cmd_sv_record(cli_ctx *ctx)
{
    int64_t session, id = 0;
    int rc;
    if ((rc = parse_int64(ctx, ctx->args[0], "SESSION", &session)) != CLI_EXIT_OK)
        return rc;
    if (!cli_opt(ctx, "checked"))
        return cli_usage_error(ctx, "--checked is required");
    if ((rc = sc_supervision_record(&id, ctx->db, ctx->actor, session, ctx->args[1],
                                    cli_opt(ctx, "checked"), cli_opt(ctx, "findings"),
                                    cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return print_id(ctx, "id", id, "supervision record");
}

const cli_command cli_supervise_commands[] = {
    { "assign", cmd_sv_assign, NULL, NULL, 2, 2, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "SESSION PERSON", "assign an internal quality supervisor to a session (actor: the org)",
      "A supervisor cannot supervise a session they examine in." },
    { "record", cmd_sv_record, NULL, sv_record_options, 2, 2, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "SESSION PERSON --checked TEXT [--findings TEXT] [--date D]",
      "record a supervision of a session (what was checked, findings)", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- inspect ------------------------------------------------------------------------------ */

static const cli_option open_options[] = {
    { "kind", "KIND", "organization (default), session, venue or certificates" },
    { "target", "T", "session or venue id; certificates: FROM/TO issue dates" },
    { "note", "TEXT", "a remark" },
    { "date", "D", "the date (default today)" },
    { NULL, NULL, NULL }
};

static int cmd_open(cli_ctx *ctx)
{
    int kind = SC_INSPECT_ORG, rc;
    int64_t id = 0;
    if (cli_opt(ctx, "kind") && sc_inspection_kind_parse(&kind, cli_opt(ctx, "kind")) != SC_OK)
        return cli_usage_error(ctx, "unknown inspection kind '%s'", cli_opt(ctx, "kind"));
    if ((rc = sc_inspection_open(&id, ctx->db, ctx->actor, ctx->args[0], kind,
                                 cli_opt(ctx, "target"), cli_opt(ctx, "date"),
                                 cli_opt(ctx, "note"))) != SC_OK)
        return cli_fail(rc, NULL);
    return print_id(ctx, "id", id, "inspection");
}

static const cli_option finding_options[] = {
    { "severity", "S", "minor, major or serious (default major)" },
    { "evidence", "TEXT", "the evidence (required)" },
    { "entity", "KIND:ID", "what it concerns; comma-separated list (certificate:N,session:N ...)" },
    { "date", "D", "the date (default today)" },
    { NULL, NULL, NULL }
};

static int cmd_finding(cli_ctx *ctx)
{
    int64_t inspection, id = 0;
    int severity = SC_FINDING_MAJOR, rc;
    char *list = NULL, *p;
    const char *ents[64];
    size_t n = 0;
    if ((rc = parse_int64(ctx, ctx->args[0], "INSPECTION", &inspection)) != CLI_EXIT_OK)
        return rc;
    if (cli_opt(ctx, "severity") &&
        sc_finding_severity_parse(&severity, cli_opt(ctx, "severity")) != SC_OK)
        return cli_usage_error(ctx, "unknown severity '%s'", cli_opt(ctx, "severity"));
    if (!cli_opt(ctx, "evidence"))
        return cli_usage_error(ctx, "--evidence is required");
    if (cli_opt(ctx, "entity")) {
        if (!(list = strdup(cli_opt(ctx, "entity"))))
            return cli_oom();
        for (p = strtok(list, ","); p && n < 64; p = strtok(NULL, ","))
            ents[n++] = p;
    }
    rc = sc_inspection_add_finding(&id, ctx->db, ctx->actor, inspection, ctx->args[1], severity,
                                   cli_opt(ctx, "evidence"), ents, n, cli_opt(ctx, "date"));
    free(list);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return print_id(ctx, "id", id, "finding");
}

static const cli_option date_options[] = {
    { "date", "D", "the date (default today)" },
    { NULL, NULL, NULL }
};

static int cmd_scan(cli_ctx *ctx)
{
    int64_t inspection;
    size_t nf = 0, nbad = 0;
    int rc;
    if ((rc = parse_int64(ctx, ctx->args[0], "INSPECTION", &inspection)) != CLI_EXIT_OK)
        return rc;
    if ((rc = sc_inspection_scan_certificates(&nf, &nbad, ctx->db, ctx->actor, inspection,
                                              cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *o = json_object();
        if (!o || cli_json_set(o, "findings", json_integer((json_int_t)nf)) ||
            cli_json_set(o, "certificates", json_integer((json_int_t)nbad))) {
            json_decref(o);
            return cli_oom();
        }
        return cli_emit_json(o);
    }
    printf("%zu certificates outside the filing, %zu findings\n", nbad, nf);
    return CLI_EXIT_OK;
}

static const cli_option close_options[] = {
    { "conclusion", "TEXT", "the conclusion (required)" },
    { "date", "D", "the date (default today)" },
    { NULL, NULL, NULL }
};

static int cmd_close(cli_ctx *ctx)
{
    int64_t inspection;
    int rc;
    if ((rc = parse_int64(ctx, ctx->args[0], "INSPECTION", &inspection)) != CLI_EXIT_OK)
        return rc;
    if (!cli_opt(ctx, "conclusion"))
        return cli_usage_error(ctx, "--conclusion is required");
    if ((rc = sc_inspection_close(ctx->db, ctx->actor, inspection, cli_opt(ctx, "conclusion"),
                                  cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return print_id(ctx, "closed", inspection, "closed inspection");
}

static const cli_option withdraw_options[] = {
    { "reason", "TEXT", "why (required)" },
    { "date", "D", "the date (default today)" },
    { NULL, NULL, NULL }
};

static int cmd_withdraw(cli_ctx *ctx)
{
    int64_t finding;
    int rc;
    if ((rc = parse_int64(ctx, ctx->args[0], "FINDING", &finding)) != CLI_EXIT_OK)
        return rc;
    if (!cli_opt(ctx, "reason"))
        return cli_usage_error(ctx, "--reason is required");
    if ((rc = sc_finding_withdraw(ctx->db, ctx->actor, finding, cli_opt(ctx, "reason"),
                                  cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return print_id(ctx, "withdrawn", finding, "withdrew finding");
}

static int cmd_revoke(cli_ctx *ctx)
{
    int64_t finding;
    size_t n = 0;
    int rc;
    if ((rc = parse_int64(ctx, ctx->args[0], "FINDING", &finding)) != CLI_EXIT_OK)
        return rc;
    if ((rc = sc_finding_revoke_certificates(&n, ctx->db, ctx->actor, finding,
                                             cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return print_id(ctx, "revoked", (int64_t)n, "certificates revoked:");
}

static const cli_option list_options[] = {
    { "org", "CODE", "only this organization's" },
    { NULL, NULL, NULL }
};

static int cmd_findings(cli_ctx *ctx)
{
    sc_finding_query q = SC_FINDING_QUERY_INIT;
    sc_finding_iter *it = NULL;
    sc_finding f = SC_FINDING_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    int rc;
    if (ctx->json && !arr)
        return cli_oom();
    q.credit_code = cli_opt(ctx, "org");
    if ((rc = sc_finding_iter_new(&it, ctx->db, &q)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_finding_iter_next(&f, it)) == SC_OK) {
        if (ctx->json) {
            json_t *o = json_object();
            if (!o || cli_json_set(o, "id", json_integer((json_int_t)f.id)) ||
                cli_json_set(o, "inspection", json_integer((json_int_t)f.inspection_id)) ||
                cli_json_set(o, "credit_code", json_string(f.credit_code)) ||
                cli_json_set(o, "category", json_string(f.category)) ||
                cli_json_set(o, "severity", json_string(sc_finding_severity_name(f.severity))) ||
                cli_json_set(o, "date", json_string(f.date)) ||
                cli_json_set(o, "evidence", json_string(f.evidence)) ||
                cli_json_set(o, "entities", json_integer((json_int_t)f.entities)) ||
                cli_json_set(o, "withdrawn", f.withdrawn[0] ? json_string(f.withdrawn)
                                                            : json_null()) ||
                cli_json_append(arr, o)) {
                json_decref(o);
                rc = SC_ENOMEM;
                break;
            }
        } else {
            printf("%lld  %s  %s  %-20s %-8s %s%s\n", (long long)f.id, f.date, f.credit_code,
                   f.category, sc_finding_severity_name(f.severity), f.evidence,
                   f.withdrawn[0] ? "  (withdrawn)" : "");
        }
    }
    sc_finding_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return rc == SC_ENOMEM ? cli_oom() : cli_fail(rc, NULL);
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

const cli_command cli_inspect_commands[] = {
    { "open", cmd_open, NULL, open_options, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "CREDIT-CODE [--kind KIND] [--target T] [--note TEXT] [--date D]",
      "open a spot check (actor: the city centre or the organization's district)", NULL },
    { "finding", cmd_finding, NULL, finding_options, 2, 2, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "INSPECTION CATEGORY --evidence TEXT [--severity S] [--entity KIND:ID,...] [--date D]",
      "record a finding (categories: out-of-scope, out-of-region, outside-validity, "
      "staff-ratio, unqualified-examiner, falsified-records, venue, supervision, disclosure, "
      "other)", NULL },
    { "scan", cmd_scan, NULL, date_options, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "INSPECTION [--date D]",
      "check the organization's certificates against its filings on their issue dates", NULL },
    { "close", cmd_close, NULL, close_options, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "INSPECTION --conclusion TEXT [--date D]", "close a spot check", NULL },
    { "withdraw", cmd_withdraw, NULL, withdraw_options, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "FINDING --reason TEXT [--date D]", "withdraw a wrong finding", NULL },
    { "revoke", cmd_revoke, NULL, date_options, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "FINDING [--date D]",
      "revoke the certificates a finding names, with the finding as reason (city centre)", NULL },
    { "findings", cmd_findings, NULL, list_options, 0, 0, CLI_NEEDS_DB, "[--org CODE]",
      "list findings", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- sanction ------------------------------------------------------------------------------ */

static const cli_option impose_options[] = {
    { "until", "D", "rectification deadline, or last day of a suspension" },
    { "reason", "TEXT", "the decision's reason (required)" },
    { "date", "D", "effective from (default today)" },
    { NULL, NULL, NULL }
};

static int cmd_impose(cli_ctx *ctx)
{
    int64_t finding, id = 0;
    int kind, rc;
    if ((rc = parse_int64(ctx, ctx->args[0], "FINDING", &finding)) != CLI_EXIT_OK)
        return rc;
    if (sc_sanction_kind_parse(&kind, ctx->args[1]) != SC_OK)
        return cli_usage_error(ctx, "unknown sanction '%s' (warning, rectification, suspension, "
                                    "exit)", ctx->args[1]);
    if (!cli_opt(ctx, "reason"))
        return cli_usage_error(ctx, "--reason is required");
    if ((rc = sc_sanction_impose(&id, ctx->db, ctx->actor, finding, kind, cli_opt(ctx, "until"),
                                 cli_opt(ctx, "reason"), cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return print_id(ctx, "id", id, "sanction");
}

static const cli_option lift_options[] = {
    { "note", "TEXT", "a remark" },
    { "date", "D", "the date (default today)" },
    { NULL, NULL, NULL }
};

static int cmd_lift(cli_ctx *ctx)
{
    int64_t id;
    int rc;
    if ((rc = parse_int64(ctx, ctx->args[0], "SANCTION", &id)) != CLI_EXIT_OK)
        return rc;
    if ((rc = sc_sanction_lift(ctx->db, ctx->actor, id, cli_opt(ctx, "note"),
                               cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return print_id(ctx, "lifted", id, "lifted sanction");
}

static int cmd_sanctions(cli_ctx *ctx)
{
    sc_sanction_query q = SC_SANCTION_QUERY_INIT;
    sc_sanction_iter *it = NULL;
    sc_sanction s = SC_SANCTION_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    int rc;
    if (ctx->json && !arr)
        return cli_oom();
    q.credit_code = cli_opt(ctx, "org");
    if ((rc = sc_sanction_iter_new(&it, ctx->db, &q)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_sanction_iter_next(&s, it)) == SC_OK) {
        if (ctx->json) {
            json_t *o = json_object();
            if (!o || cli_json_set(o, "id", json_integer((json_int_t)s.id)) ||
                cli_json_set(o, "credit_code", json_string(s.credit_code)) ||
                cli_json_set(o, "finding", json_integer((json_int_t)s.finding_id)) ||
                cli_json_set(o, "kind", json_string(sc_sanction_kind_name(s.kind))) ||
                cli_json_set(o, "date", json_string(s.date)) ||
                cli_json_set(o, "until", s.until[0] ? json_string(s.until) : json_null()) ||
                cli_json_set(o, "lifted", s.lifted[0] ? json_string(s.lifted) : json_null()) ||
                cli_json_set(o, "reason", json_string(s.reason)) ||
                cli_json_set(o, "decided_by", json_string(s.decided_by)) ||
                cli_json_append(arr, o)) {
                json_decref(o);
                rc = SC_ENOMEM;
                break;
            }
        } else {
            printf("%lld  %s  %s  %-13s finding %lld  %s%s%s\n", (long long)s.id, s.date,
                   s.credit_code, sc_sanction_kind_name(s.kind), (long long)s.finding_id, s.reason,
                   s.lifted[0] ? "  lifted " : "", s.lifted);
        }
    }
    sc_sanction_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return rc == SC_ENOMEM ? cli_oom() : cli_fail(rc, NULL);
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

const cli_command cli_sanction_commands[] = {
    { "impose", cmd_impose, NULL, impose_options, 2, 2, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "FINDING KIND --reason TEXT [--until D] [--date D]",
      "sanction an organization on a finding: warning, rectification, suspension, exit",
      "warning and rectification: the city centre or the organization's district;\n"
      "suspension and exit: the city bureau or the city centre." },
    { "lift", cmd_lift, NULL, lift_options, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "SANCTION [--note TEXT] [--date D]", "lift a sanction (not an exit)", NULL },
    { "list", cmd_sanctions, NULL, list_options, 0, 0, CLI_NEEDS_DB, "[--org CODE]",
      "list sanctions", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- credit --------------------------------------------------------------------------------- */

static const cli_option as_of_options[] = {
    { "date", "D", "as of this date (default: today / the latest list)" },
    { NULL, NULL, NULL }
};

static int cmd_compute(cli_ctx *ctx)
{
    size_t n = 0;
    int rc;
    if ((rc = sc_credit_compute(&n, ctx->db, ctx->actor, cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return print_id(ctx, "organizations", (int64_t)n, "organizations scored:");
}

static int emit_scores(cli_ctx *ctx, sc_credit_iter *it)
{
    sc_credit_score s = SC_CREDIT_SCORE_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    int rc;
    if (ctx->json && !arr) {
        sc_credit_iter_free(it);
        return cli_oom();
    }
    while ((rc = sc_credit_iter_next(&s, it)) == SC_OK) {
        if (ctx->json) {
            json_t *o = json_object();
            if (!o || cli_json_set(o, "as_of", json_string(s.as_of)) ||
                cli_json_set(o, "rank", json_integer(s.rank)) ||
                cli_json_set(o, "credit_code", json_string(s.credit_code)) ||
                cli_json_set(o, "name", json_string(s.name)) ||
                cli_json_set(o, "score", json_real(s.score)) ||
                cli_json_set(o, "findings", json_integer((json_int_t)s.findings)) ||
                cli_json_set(o, "clean_inspections", json_integer((json_int_t)s.clean)) ||
                cli_json_append(arr, o)) {
                json_decref(o);
                rc = SC_ENOMEM;
                break;
            }
        } else {
            printf("%s  %3d  %s  %7.2f  %s\n", s.as_of, s.rank, s.credit_code, s.score, s.name);
        }
    }
    sc_credit_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return rc == SC_ENOMEM ? cli_oom() : cli_fail(rc, NULL);
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

static int cmd_credit_list(cli_ctx *ctx)
{
    sc_credit_list_query q = SC_CREDIT_LIST_QUERY_INIT;
    sc_credit_iter *it = NULL;
    int rc;
    q.as_of = cli_opt(ctx, "date");
    rc = sc_credit_list_iter_new(&it, ctx->db, &q);
    return rc != SC_OK ? cli_fail(rc, NULL) : emit_scores(ctx, it);
}

static int cmd_credit_history(cli_ctx *ctx)
{
    sc_credit_iter *it = NULL;
    int rc = sc_credit_history_iter_new(&it, ctx->db, ctx->args[0]);
    return rc != SC_OK ? cli_fail(rc, NULL) : emit_scores(ctx, it);
}

static const cli_option export_options[] = {
    { "date", "D", "the list of this date (default: the latest)" },
    { "output", "FILE", "write to FILE (default: standard output)" },
    { NULL, NULL, NULL }
};

static int cmd_credit_export(cli_ctx *ctx)
{
    char *xml = NULL;
    size_t len = 0;
    int rc;
    if (cli_opt(ctx, "output")) {
        if ((rc = sc_credit_export_file(ctx->db, cli_opt(ctx, "date"), cli_opt(ctx, "output"))) !=
            SC_OK)
            return cli_fail(rc, NULL);
        return CLI_EXIT_OK;
    }
    if ((rc = sc_credit_export_memory(&xml, &len, ctx->db, cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    rc = fwrite(xml, 1, len, stdout) == len ? CLI_EXIT_OK : CLI_EXIT_INTERNAL;
    sc_free(xml);
    return rc;
}

const cli_command cli_credit_commands[] = {
    { "compute", cmd_compute, NULL, as_of_options, 0, 0, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "[--date D]", "compute and publish the credit evaluation as of a date (city centre)",
      NULL },
    { "list", cmd_credit_list, NULL, as_of_options, 0, 0, CLI_NEEDS_DB, "[--date D]",
      "the published ranked list", NULL },
    { "history", cmd_credit_history, NULL, NULL, 1, 1, CLI_NEEDS_DB, "CREDIT-CODE",
      "an organization's published scores, oldest first", NULL },
    { "export", cmd_credit_export, NULL, export_options, 0, 0, CLI_NEEDS_DB,
      "[--date D] [--output FILE]",
      "the published list as an XML document (urn:skillcert:credit:1)", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- report ---------------------------------------------------------------------------------- */

const cli_option cli_report_options[] = {
    { "from", "D", "the period's first day (required)" },
    { "to", "D", "the period's last day (default today)" },
    { "html", "FILE", "also write the self-contained HTML report to FILE" },
    { NULL, NULL, NULL }
};

int cli_cmd_report(cli_ctx *ctx)
{
    sc_period_report *r = NULL;
    int rc, s;
    if (!cli_opt(ctx, "from"))
        return cli_usage_error(ctx, "--from is required");
    if ((rc = sc_period_report_get(&r, ctx->db, cli_opt(ctx, "from"), cli_opt(ctx, "to"))) !=
        SC_OK)
        return cli_fail(rc, NULL);
    if (cli_opt(ctx, "html") && report_html_save(cli_opt(ctx, "html"), r) != 0) {
        cli_errorf("cannot write '%s'", cli_opt(ctx, "html"));
        sc_period_report_free(r);
        return CLI_EXIT_USAGE;
    }
    if (ctx->json) {
        json_t *root = json_object(), *secs = json_object();
        if (!root || !secs || cli_json_set(root, "from", json_string(sc_period_report_from(r))) ||
            cli_json_set(root, "to", json_string(sc_period_report_to(r)))) {
            json_decref(root);
            json_decref(secs);
            sc_period_report_free(r);
            return cli_oom();
        }
        if (cli_json_set(root, "sections", secs)) {
            json_decref(root);
            sc_period_report_free(r);
            return cli_oom();
        }
        for (s = 0; s < SC_RSEC_COUNT; s++) {
            json_t *sec = json_object(), *rows = json_array();
            size_t i;
            if (!sec || !rows || cli_json_set(sec, "total",
                                               json_integer(sc_period_report_total(r, s))) ||
                cli_json_set(sec, "rows", rows) ||
                cli_json_set(secs, sc_report_section_name(s), sec)) {
                json_decref(root);
                sc_period_report_free(r);
                return cli_oom();
            }
            for (i = 0; i < sc_period_report_count(r, s); i++) {
                sc_report_row row = SC_REPORT_ROW_INIT;
                json_t *o = json_object();
                sc_period_report_row(&row, r, s, i);
                if (!o || cli_json_set(o, "key", json_string(row.key)) ||
                    cli_json_set(o, "label", json_string(row.label)) ||
                    cli_json_set(o, "count", json_integer((json_int_t)row.count)) ||
                    (s == SC_RSEC_CREDIT && cli_json_set(o, "score", json_real(row.value))) ||
                    cli_json_append(rows, o)) {
                    json_decref(o);
                    json_decref(root);
                    sc_period_report_free(r);
                    return cli_oom();
                }
            }
        }
        sc_period_report_free(r);
        return cli_emit_json(root);
    }
    printf("report %s .. %s\n", sc_period_report_from(r), sc_period_report_to(r));
    for (s = 0; s < SC_RSEC_COUNT; s++) {
        size_t i;
        printf("%s: %lld\n", sc_report_section_name(s), (long long)sc_period_report_total(r, s));
        for (i = 0; i < sc_period_report_count(r, s); i++) {
            sc_report_row row = SC_REPORT_ROW_INIT;
            sc_period_report_row(&row, r, s, i);
            if (s == SC_RSEC_CREDIT)
                printf("  %-24s %7.2f  %s\n", row.key, row.value, row.label);
            else
                printf("  %-24s %7lld  %s\n", row.key, (long long)row.count, row.label);
        }
    }
    sc_period_report_free(r);
    return CLI_EXIT_OK;
}
