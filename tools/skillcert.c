/*
 * skillcert — command-line tool for the libskillcert registry
 * (京人社能发〔2022〕8号 new-occupation skill level certification).
 *
 *   skillcert [--db FILE] [--json] [--actor KIND[:SCOPE]] COMMAND ...
 *
 * Commands are looked up in the tables below; a group (such as `catalog`)
 * has its own table in cli_<group>.c. To add a group, write its table and
 * add one line to `top_commands`.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int cmd_help(cli_ctx *ctx);
static int cmd_version(cli_ctx *ctx);

/* cli_eligibility.c */
extern const cli_command cli_candidate_commands[];
extern const cli_command cli_eligibility_commands[];
/* cli_org.c, cli_audit.c */
extern const cli_command cli_org_commands[];
extern const cli_command cli_audit_commands[];
extern const cli_option cli_directory_options[];
int cli_cmd_directory(cli_ctx *ctx);
/* cli_assessment.c, cli_cert.c */
extern const cli_command cli_session_commands[];
extern const cli_command cli_bank_commands[];
extern const cli_command cli_paper_commands[];
extern const cli_command cli_result_commands[];
extern const cli_command cli_cert_commands[];
/* cli_application.c */
extern const cli_command cli_announce_commands[];
extern const cli_command cli_application_commands[];
extern const cli_option cli_apply_options[];
int cli_cmd_apply(cli_ctx *ctx);
/* cli_supervision.c */
extern const cli_command cli_supervise_commands[];
extern const cli_command cli_inspect_commands[];
extern const cli_command cli_sanction_commands[];
extern const cli_command cli_credit_commands[];
extern const cli_option cli_report_options[];
int cli_cmd_report(cli_ctx *ctx);
/* cli_keys.c */
extern const cli_command cli_keys_commands[];
/* cli_ops.c */
int cli_cmd_backup(cli_ctx *ctx);
extern const cli_option cli_backup_options[];
int cli_cmd_check(cli_ctx *ctx);

static const cli_command top_commands[] = {
    { "init", cli_cmd_init, NULL, cli_init_options, 0, 0, CLI_CREATES_DB | CLI_NEEDS_ACTOR,
      "(--trust-anchor ROOT.pem | --development) [--catalog FILE]",
      "create or migrate the registry, set its trust anchor and load the catalog",
      "Creates the registry file when it does not exist and migrates an older one,\n"
      "then loads the notice's catalog (京人社能发〔2022〕8号 附件1, built into the\n"
      "library), or FILE with --catalog. Running it again changes nothing.\n"
      "A new registry needs one of: --trust-anchor ROOT.pem, the city bureau's root\n"
      "certificate (every imported document must then be signed by its issuer and\n"
      "chain to it), or --development, a development registry that accepts unsigned\n"
      "documents while it has no anchor (a warning says so). On an existing registry\n"
      "neither is needed; --development switches it to development (see\n"
      "'" CLI_PROGRAM " keys development')." },
    { "catalog", NULL, cli_catalog_commands, NULL, 0, 0, 0,
      "SUBCOMMAND ...",
      "the catalog of new occupations, work types and levels",
      NULL },
    { "candidate", NULL, cli_candidate_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "candidate records: resident ID, education, work, certificates, evidence", NULL },
    { "eligibility", NULL, cli_eligibility_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "who may apply for which level, and why (rules as data)", NULL },
    { "org", NULL, cli_org_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "evaluation organizations: filing, scope, validity, staff, special-path rules", NULL },
    { "directory", cli_cmd_directory, NULL, cli_directory_options, 0, 0, CLI_NEEDS_DB,
      "[--date D]", "the published directory of organizations with their scope and validity",
      NULL },
    { "audit", NULL, cli_audit_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "the tamper-evident audit trail: verify, list", NULL },
    { "session", NULL, cli_session_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "assessment venues and sessions: staff checked against the ratios, candidates", NULL },
    { "bank", NULL, cli_bank_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "the question bank (题库): versioned items by knowledge area and difficulty", NULL },
    { "paper", NULL, cli_paper_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "papers assembled from a blueprint and a seed; online scoring", NULL },
    { "result", NULL, cli_result_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "assessment results: scores per component, the pass rule, resits", NULL },
    { "cert", NULL, cli_cert_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "certificates: report, issue, publish, verify, revoke, re-issue, stats, export", NULL },
    { "announce", NULL, cli_announce_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "intake announcements (实施方案并发布公告): publish, list, show, close", NULL },
    { "apply", cli_cmd_apply, NULL, cli_apply_options, 3, 3, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "ANNOUNCEMENT ID-NUMBER OFFERING [--path P] [--evidence TEXT] [--record FILE] [--date D]",
      "apply for an offering of an open announcement (actor: the candidate, or the "
      "organization for them)",
      "OFFERING is CODE[/WORK-TYPE]:LEVEL. A candidate applies with the record saved by\n"
      "'candidate add'; an organization hands in the record (--record FILE, or the stored one)." },
    { "application", NULL, cli_application_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "applications: verify (资格核实), confirm (报名确认), reject, withdraw, list, exchange", NULL },
    { "supervise", NULL, cli_supervise_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "internal quality supervision (内部质量督导) of sessions: assign, record", NULL },
    { "inspect", NULL, cli_inspect_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "spot checks (质量督导抽查): open, finding, scan, close, withdraw, revoke, findings", NULL },
    { "sanction", NULL, cli_sanction_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "sanctions on findings: warning, rectification, suspension, exit; lift, list", NULL },
    { "credit", NULL, cli_credit_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "credit evaluation (信用评估): compute, list, history, export", NULL },
    { "report", cli_cmd_report, NULL, cli_report_options, 0, 0, CLI_NEEDS_DB,
      "--from D [--to D] [--html FILE]",
      "period report: inspections, findings, sanctions, credit, certificate statistics",
      "With --json the report as data; with --html FILE also a self-contained HTML page\n"
      "whose inline script draws an SVG chart per section." },
    { "serve", cli_cmd_serve, NULL, cli_serve_options, 0, 0, 0,
      "[--listen ADDR:PORT] [--threads N] [--rate-limit N] [--timeout S] "
      "[--request-timeout S] [--quiet]",
      "public verification over HTTP, read-only: the page, /api/verify, /api/directory",
      "GET /                       the page (中文/English): a form; ?number=N&name=NAME shows\n"
      "                            the result (the URL a certificate's QR code holds)\n"
      "GET /api/verify?number=N&name=NAME[&id=ID]   JSON: 200 valid, 410 revoked,\n"
      "                            404 not found, not published or name mismatch,\n"
      "                            400 malformed, 429 past the rate limit\n"
      "GET /api/directory[?date=YYYY-MM-DD]          JSON: the published directory\n"
      "Hostile requests get a 4xx and the server goes on: a request line over 4 KB 414,\n"
      "more than 8 parameters 400 (both as soon as the line is in), headers over 8 KB\n"
      "431, a body 413, a method other than GET or HEAD 405; a request whose line and\n"
      "headers are not whole within --request-timeout seconds (a stalled or dribbling\n"
      "client) 408 with Connection: close. A kept-alive connection idle --timeout\n"
      "seconds is closed.\n"
      "The registry is opened read-only. Stops cleanly on SIGTERM or SIGINT." },
    { "backup", cli_cmd_backup, NULL, cli_backup_options, 0, 1, CLI_NEEDS_DB | CLI_READS_DB,
      "FILE | --output FILE",
      "write an online, consistent copy of the registry to FILE (a new file)",
      "Runs while others read and write the registry: the copy is one committed\n"
      "state. FILE must not exist; it appears only when whole. Check the copy with\n"
      "'skillcert --db FILE check'." },
    { "check", cli_cmd_check, NULL, NULL, 0, 0, CLI_NEEDS_DB | CLI_READS_DB, "",
      "check the registry: integrity, foreign keys, audit chain (exit 0 ok, 1 problems)",
      "Runs SQLite's integrity check and foreign key check and walks the audit\n"
      "trail's hash chain; prints each result and exits 1 on any problem, 3 when\n"
      "the file cannot be read as a registry." },
    { "validate", cli_cmd_validate, NULL, NULL, 1, 1, 0,
      "FILE",
      "validate an XML document: its schema and every check needing no registry",
      "Checks FILE against its schema and everything that needs no registry:\n"
      "resident ID numbers (check character), credit codes, certificate numbers,\n"
      "calendar days, and occupations, work types and levels against the notice's\n"
      "catalog (a level not offered names the levels offered). Prints\n"
      "\"FILE: valid (TYPE)\" and exits 0, or lists every problem once, up to the\n"
      "error cap, as FILE:LINE:COL: FIELD: message on stderr and exits 2." },
    { "import", cli_cmd_import, NULL, cli_import_options, 1, 1,
      CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "FILE [--quiet]",
      "import any exchange document (type detected from its root element)",
      "Validates FILE against its schema, checks the business rules and applies it in\n"
      "one transaction: on any error nothing changes. A batch imported before is a\n"
      "no-op. On a terminal a progress bar shows records, rate and ETA." },
    { "export", cli_cmd_export, NULL, cli_export_options, 1, 2, CLI_NEEDS_DB,
      "TYPE [FILE | --output FILE] [--org CODE] [--date YYYY-MM-DD] [--batch ID] "
      "[--announcement|--session|--inspection ID] [--number NUMBER] "
      "[--key KEY --cert CERT [--at TIME]]",
      "export a document (TYPE: catalog, certificate-batch, ...) to FILE or standard output",
      "TYPE is a document type: catalog; eligibility; certificate-batch,\n"
      "certificate-ack, revocations, organization-application, district-recommendation\n"
      "and evaluation-result, which are about one organization (--org CODE) as of a\n"
      "day (--date, default today); directory, the filed organizations as of a day;\n"
      "candidate-batch and confirmation of an announcement (--announcement ID);\n"
      "results-report of a session (--session ID, results recorded by --date) and\n"
      "supervision-findings of an inspection (--inspection ID), which the city centre\n"
      "imports; certificate, the electronic certificate --number NUMBER (also `cert\n"
      "export`). --batch gives the batch id (default: derived from the content, so the\n"
      "same registry state exports the same document)." },
    { "keys", NULL, cli_keys_commands, NULL, 0, 0, 0, "SUBCOMMAND ...",
      "keys and certificates of the trust chain: new, request, certify, crl, anchor, import, "
      "import-crl, list", NULL },
    { "sign", cli_cmd_sign, NULL, cli_sign_options, 1, 1, 0,
      "FILE --key KEY --cert CERT [--output F] [--at TIME] [--purpose WORD] [--audit-head] "
      "[--detached]",
      "sign an XML document (enveloped W3C XML Signature, ECDSA-SHA256); a signed one gets "
      "a countersignature",
      "The signing time, the signer and (with --audit-head) the registry's audit head\n"
      "go under the signature; --cert holds the signer's certificate and its\n"
      "intermediate (an organization: its certificate, then the city centre's).\n"
      "--detached signs the exact bytes of a large batch as a detached CMS signature\n"
      "(FILE.p7s) instead, reading the file in chunks." },
    { "verify-signature", cli_cmd_verify_signature, NULL, cli_verify_signature_options, 1, 1,
      0, "FILE [--root ROOT] [--crl CRL] [--p7s SIG]",
      "verify every signature of a document (exit 0 valid, 1 refused)",
      "Against the registry's trust anchor and imported CRLs, or offline with --root\n"
      "(and --crl). Each signer's chain is checked on its signing day. With --p7s,\n"
      "the detached signature of a large batch (sign --detached), read streaming." },
    { "version", cmd_version, NULL, NULL, 0, 0, 0,
      "",
      "print the versions of the tool, the library and the registry schema",
      NULL },
    { "help", cmd_help, NULL, NULL, 0, 2, 0,
      "[COMMAND [SUBCOMMAND]]",
      "show this help, or the help of one command",
      NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

static const char global_options_help[] =
    "global options (before or after the command):\n"
    "  --db FILE              the registry (default: $SKILLCERT_DB, else ./skillcert.db)\n"
    "  --json                 print results as JSON (UTF-8)\n"
    "  --actor KIND[:SCOPE]   who makes a change (required for one): city-bureau, city-centre,\n"
    "                         district:CODE, organization:CREDIT-CODE, candidate:ID, public\n"
    "  -h, --help             show help\n";

static const char exit_status_help[] =
    "exit status:\n"
    "  0  success ('catalog check': certifiable)\n"
    "  1  'catalog check': not certifiable (the reason is printed)\n"
    "  2  usage or input error: unknown command or option, malformed code, level or\n"
    "     date, unknown occupation, unreadable, malformed or invalid document\n"
    "  3  registry error: missing, locked, not a registry, from a newer version, SQLite failure\n"
    "  4  permission denied: the actor may not make this change\n"
    "  5  internal error: out of memory, cannot write the output\n"
    "Errors are reported on stderr as one line \"skillcert: ...\", except document\n"
    "problems, which are listed one per line as FILE:LINE:COL: FIELD: message.\n";

static const cli_command *find_command(const cli_command *table, const char *name)
{
    size_t i;

    for (i = 0; table[i].name != NULL; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

static void print_table(const cli_command *table, const char *prefix)
{
    size_t i;

    for (i = 0; table[i].name != NULL; i++) {
        char head[96];

        snprintf(head, sizeof head, "%s%s", prefix, table[i].name);
        printf("  %-18s %s\n", head, table[i].summary);
    }
}

static void print_top_help(void)
{
    size_t i;

    printf("usage: " CLI_PROGRAM " [--db FILE] [--json] [--actor KIND[:SCOPE]] COMMAND ...\n\n"
           "Registry of Beijing new-occupation skill level certification\n"
           "(京人社能发〔2022〕8号), libskillcert %s.\n\ncommands:\n", sc_version_string());
    print_table(top_commands, "");
    for (i = 0; top_commands[i].name != NULL; i++) {
        char prefix[64];

        if (top_commands[i].subcommands == NULL)
            continue;
        snprintf(prefix, sizeof prefix, "%s ", top_commands[i].name);
        printf("\n%s subcommands:\n", top_commands[i].name);
        print_table(top_commands[i].subcommands, prefix);
    }
    printf("\n%s\n%s\nenvironment:\n  SKILLCERT_DB           the registry when --db is not given\n"
           "\nRun '" CLI_PROGRAM " help COMMAND' for the options of one command.\n",
           global_options_help, exit_status_help);
}

static void print_group_help(const cli_command *group)
{
    printf("usage: " CLI_PROGRAM " [GLOBAL OPTIONS] %s %s\n\n%s.\n\nsubcommands:\n",
           group->name, group->synopsis, group->summary);
    print_table(group->subcommands, "");
    printf("\n%s\nRun '" CLI_PROGRAM " help %s SUBCOMMAND' for details.\n",
           global_options_help, group->name);
}

static void print_command_help(const char *full_name, const cli_command *cmd)
{
    size_t k;

    printf("usage: " CLI_PROGRAM " [GLOBAL OPTIONS] %s%s%s\n\n%s.\n", full_name,
           cmd->synopsis[0] != '\0' ? " " : "", cmd->synopsis, cmd->summary);
    if (cmd->description != NULL)
        printf("\n%s\n", cmd->description);
    if (cmd->options != NULL && cmd->options[0].name != NULL) {
        printf("\noptions:\n");
        for (k = 0; cmd->options[k].name != NULL; k++) {
            char head[64];

            snprintf(head, sizeof head, "--%s%s%s", cmd->options[k].name,
                     cmd->options[k].metavar != NULL ? " " : "",
                     cmd->options[k].metavar != NULL ? cmd->options[k].metavar : "");
            printf("  %-22s %s\n", head, cmd->options[k].help);
        }
    }
    if (cmd->needs & CLI_NEEDS_ACTOR)
        printf("\nThis command changes the registry; --actor says who (required).\n");
    printf("\n%s", global_options_help);
}

/* Help for the command path @names[0..n-1] (n may be 0). */
static int show_help(char **names, int n)
{
    const cli_command *table = top_commands;
    const cli_command *cmd = NULL;
    char full[64] = "";
    int i;

    if (n == 0) {
        print_top_help();
        return CLI_EXIT_OK;
    }
    for (i = 0; i < n; i++) {
        if (table == NULL || (cmd = find_command(table, names[i])) == NULL) {
            cli_errorf("help: unknown command '%s%s%s' (try '" CLI_PROGRAM " help')", full,
                       full[0] != '\0' ? " " : "", names[i]);
            return CLI_EXIT_USAGE;
        }
        if (full[0] != '\0')
            strncat(full, " ", sizeof full - strlen(full) - 1);
        strncat(full, cmd->name, sizeof full - strlen(full) - 1);
        table = cmd->subcommands;
    }
    if (cmd->subcommands != NULL)
        print_group_help(cmd);
    else
        print_command_help(full, cmd);
    return CLI_EXIT_OK;
}

static int cmd_help(cli_ctx *ctx)
{
    return show_help(ctx->args, ctx->nargs);
}

static int cmd_version(cli_ctx *ctx)
{
    if (ctx->json) {
        json_t *root = json_object();

        if (root != NULL
            && (cli_json_set(root, "skillcert", json_string(SC_VERSION_STRING))
                || cli_json_set(root, "library", cli_json_str(sc_version_string()))
                || cli_json_set(root, "schema_version",
                                json_integer(sc_db_schema_version_supported())))) {
            json_decref(root);
            root = NULL;
        }
        return cli_emit_json(root);
    }
    printf(CLI_PROGRAM " %s (libskillcert %s, registry schema version %d)\n", SC_VERSION_STRING,
           sc_version_string(), sc_db_schema_version_supported());
    return CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
    cli_ctx ctx;
    const cli_command *table = top_commands;
    const cli_command *group = NULL;
    const cli_command *cmd = NULL;
    const char *env = getenv("SKILLCERT_DB");
    int i = 1, status;

    memset(&ctx, 0, sizeof ctx);
    ctx.db_path = env != NULL && env[0] != '\0' ? env : "skillcert.db";
    ctx.schema_before = -1;

    /* Walk down the command tables; global options may come between words. */
    while (cmd == NULL) {
        while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
            if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
                if (group != NULL)
                    print_group_help(group);
                else
                    print_top_help();
                return CLI_EXIT_OK;
            }
            if (group == NULL && strcmp(argv[i], "--version") == 0)
                return cmd_version(&ctx);
            /* Hidden: the manual page, written from the tables (cli_man.c). */
            if (group == NULL && strcmp(argv[i], "--help-man") == 0) {
                status = cli_print_man(stdout, top_commands, global_options_help,
                                       exit_status_help);
                if (fflush(stdout) != 0 && status == CLI_EXIT_OK)
                    status = CLI_EXIT_INTERNAL;
                return status;
            }
            status = cli_global_option(&ctx, argc, argv, &i);
            if (status == 1)
                continue;
            if (status != 0)
                return status;
            return cli_usage_error(&ctx, "unknown option '%s'", argv[i]);
        }
        if (i >= argc) {
            if (group == NULL)
                cli_errorf("no command given (try '" CLI_PROGRAM " help')");
            else
                cli_errorf("%s: missing subcommand (try '" CLI_PROGRAM " help %s')",
                           group->name, group->name);
            return CLI_EXIT_USAGE;
        }
        cmd = find_command(table, argv[i]);
        if (cmd == NULL) {
            if (group == NULL)
                cli_errorf("unknown command '%s' (try '" CLI_PROGRAM " help')", argv[i]);
            else
                cli_errorf("%s: unknown subcommand '%s' (try '" CLI_PROGRAM " help %s')",
                           group->name, argv[i], group->name);
            return CLI_EXIT_USAGE;
        }
        i++;
        if (strlen(ctx.cmd_name) + strlen(cmd->name) + 2 < sizeof ctx.cmd_name) {
            if (ctx.cmd_name[0] != '\0')
                strcat(ctx.cmd_name, " ");
            strcat(ctx.cmd_name, cmd->name);
        }
        if (cmd->subcommands != NULL) {
            group = cmd;
            table = cmd->subcommands;
            cmd = NULL;
        }
    }

    ctx.cmd = cmd;
    status = cli_parse_args(&ctx, argc - i, argv + i);
    if (status == -1) {
        print_command_help(ctx.cmd_name, cmd);
        status = CLI_EXIT_OK;
    } else if (status == CLI_EXIT_OK) {
        status = cli_prepare(&ctx);
        if (status == CLI_EXIT_OK)
            status = cmd->run(&ctx);
    }
    cli_release(&ctx);

    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_errorf("cannot write the output: %s", strerror(errno));
        if (status == CLI_EXIT_OK || status == CLI_EXIT_NO)
            status = CLI_EXIT_INTERNAL;
    }
    return status;
}
