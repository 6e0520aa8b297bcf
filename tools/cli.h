/*
 * cli.h — shared declarations of the skillcert command-line tool.
 *
 * The tool is a table of commands. A command group (catalog, and later org,
 * audit, session, cert ...) is one `cli_command` whose `subcommands` points
 * at its own table; a leaf command names its options, the number of
 * positional arguments it takes, what it needs set up (a registry, an
 * actor) and the function that runs it. main() resolves the command, parses
 * the options, opens what the command needs and calls it; the handler only
 * reads ctx and prints.
 *
 * Only the public API (<skillcert.h>) is used.
 */
#ifndef SKILLCERT_CLI_H
#define SKILLCERT_CLI_H

#include <stdint.h>
#include <stdio.h>
#include <jansson.h>
#include <skillcert.h>

#define CLI_PROGRAM "skillcert"

/* Exit statuses (documented in `skillcert help`). */
enum {
    CLI_EXIT_OK = 0,        /* success; for questions: yes */
    CLI_EXIT_NO = 1,        /* a question answered no (catalog check) */
    CLI_EXIT_USAGE = 2,     /* bad usage or input: option, argument, file, document */
    CLI_EXIT_DB = 3,        /* the registry cannot be used: missing, locked, foreign, newer */
    CLI_EXIT_DENIED = 4,    /* the actor may not make this change */
    CLI_EXIT_INTERNAL = 5   /* out of memory, write error, unexpected failure */
};

/* What a command needs before it runs (cli_command.needs). */
#define CLI_NEEDS_DB    0x1u  /* an existing registry */
#define CLI_CREATES_DB  0x2u  /* a registry, created when missing */
#define CLI_NEEDS_ACTOR 0x4u  /* it changes the registry: --actor is required */
#define CLI_NEEDS_ACTOR 0x4u  /* it changes the registry: an actor (default city-bureau) */
#define CLI_READS_DB    0x8u  /* with CLI_NEEDS_DB: opened read-only (works on a file or
                                 mount this process may not write) */

/* An option of a command: "--name METAVAR", or a flag when metavar is NULL. */
typedef struct cli_option {
    const char *name;       /* without the leading "--" */
    const char *metavar;    /* NULL for a flag */
    const char *help;
} cli_option;

typedef struct cli_ctx cli_ctx;
typedef int (*cli_run_fn)(cli_ctx *ctx);

/* One entry of a command table; tables end with an entry whose name is NULL. */
typedef struct cli_command {
    const char *name;
    cli_run_fn run;                         /* NULL for a group */
    const struct cli_command *subcommands;  /* a group's table */
    const cli_option *options;              /* {NULL}-terminated, or NULL */
    int min_args, max_args;                 /* positional arguments */
    unsigned int needs;                     /* CLI_NEEDS_* */
    const char *synopsis;                   /* arguments and options, after the name */
    const char *summary;                    /* one line */
    const char *description;                /* more text for `help COMMAND`, or NULL */
} cli_command;

#define CLI_MAX_OPTIONS 16

/* Everything a handler gets. */
struct cli_ctx {
    /* Global options. */
    const char *db_path;
    const char *actor_spec;
    int json;

    /* The command being run. */
    const cli_command *cmd;
    char cmd_name[64];                      /* "catalog check" */
    const char *optval[CLI_MAX_OPTIONS];    /* parallel to cmd->options; "" for a set flag */
    char **args;                            /* positional arguments */
    int nargs;

    /* Set up by cli_prepare() according to cmd->needs. */
    sc_db *db;
    sc_actor *actor;
    int db_created;                         /* the registry file did not exist */
    int schema_before;                      /* its schema version before opening; -1 unknown */
};

/* ---- Command tables (one per group) ---------------------------------- */
extern const cli_command cli_catalog_commands[];
int cli_cmd_init(cli_ctx *ctx);
int cli_cmd_validate(cli_ctx *ctx);
extern const cli_option cli_init_options[];
/* cli_exchange.c: import any exchange document (progress bar on a terminal). */
int cli_import_file(cli_ctx *ctx, const char *path);
int cli_cmd_import(cli_ctx *ctx);
int cli_cmd_export(cli_ctx *ctx);
extern const cli_option cli_import_options[];
extern const cli_option cli_export_options[];

/* cli_keys.c: keys, certificates and signatures (issue #12). */
int cli_cmd_sign(cli_ctx *ctx);
/* export --key KEY --cert CERT: export `doctype` with opts and sign it as its type's
 * scheme says (docs/signatures.md): an enveloped XML Signature into FILE or standard
 * output; the large batches into FILE with a detached FILE.p7s beside it. */
int cli_export_signed(cli_ctx *ctx, int doctype, const char *path,
                      const sc_export_options *opts);
int cli_cmd_verify_signature(cli_ctx *ctx);
int cli_cmd_cert_verify_file(cli_ctx *ctx);
/* init --trust-anchor FILE: set the registry's anchor (prints a line unless --json). */
int cli_init_trust_anchor(cli_ctx *ctx, const char *path);
extern const cli_option cli_sign_options[];
extern const cli_option cli_verify_signature_options[];
extern const cli_option cli_verify_file_options[];
/* cli_serve.c: `skillcert serve`, public verification over HTTP. */
int cli_cmd_serve(cli_ctx *ctx);
extern const cli_option cli_serve_options[];

/* cli_eligibility.c: a candidate record from a JSON file ("-": stdin), as
 * `candidate add` reads it; prints the problem and returns an exit status. */
int cli_candidate_read(sc_candidate **out, const char *path);

/* cli_man.c: the skillcert(1) page in man(7) markup, from the command table
 * @top and the texts `help` prints for the global options and exit statuses
 * (each a heading line, then "  TERM  text" lines). Returns an exit status. */
int cli_print_man(FILE *fp, const cli_command *top, const char *global_help,
                  const char *exit_help);

/* ---- Options and arguments ------------------------------------------- */

/* Value of option @name of the running command, or NULL when not given. */
const char *cli_opt(const cli_ctx *ctx, const char *name);

/* Parse argv (after the command name): the command's options, the global
 * options and the positional arguments. Returns CLI_EXIT_OK, -1 when --help
 * was asked for, or an exit status after printing the error. */
int cli_parse_args(cli_ctx *ctx, int argc, char **argv);

/* Try argv[*i] as a global option (--db, --json, --actor); on success
 * advance *i past it (and its value). Returns 1 if consumed, 0 if not a
 * global option, or an exit status (> 1) after printing the error. */
int cli_global_option(cli_ctx *ctx, int argc, char **argv, int *i);

/* Strict numbers from the command line: decimal digits only (an integer may
 * start with '-'), no space, sign '+', hex, exponent, "inf" or "nan"; values
 * past the type's range are refused, not clamped. Return 0 when the text is
 * such a number, -1 when it is malformed, -2 when it is out of range. */
int cli_strict_int64(const char *text, int64_t *out);
int cli_strict_uint64(const char *text, uint64_t *out);
/* DIGITS[.DIGITS] */
int cli_strict_decimal(const char *text, double *out);

/* A positive id argument (what names it in the message); prints the usage
 * error and returns its status, or CLI_EXIT_OK. */
int cli_parse_id(const cli_ctx *ctx, const char *text, const char *what, int64_t *out);

/* Open the registry and build the actor as ctx->cmd->needs says. */
int cli_prepare(cli_ctx *ctx);
void cli_release(cli_ctx *ctx);

/* ---- Messages ---------------------------------------------------------- */

#if defined(__GNUC__)
#  define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define CLI_PRINTF(f, a)
#endif

/* "skillcert: MESSAGE" on stderr, one line. */
void cli_errorf(const char *fmt, ...) CLI_PRINTF(1, 2);

/* A usage error of the running command: one line, returns CLI_EXIT_USAGE. */
int cli_usage_error(const cli_ctx *ctx, const char *fmt, ...) CLI_PRINTF(2, 3);
/* Where a command writes its file or document: positional argument `argi` when given,
 * else --output FILE, else NULL (standard output). Both given: a usage error. Sets
 * *path; returns CLI_EXIT_OK or CLI_EXIT_USAGE. */
int cli_output_path(const cli_ctx *ctx, int argi, const char **path);
/* "skillcert: 'OLD' is deprecated; use 'NEW'" on stderr (the old spelling still runs). */
void cli_deprecated(const char *old_spelling, const char *new_spelling);

/* Report library status @rc (< 0) from sc_error_last() in one line, prefixed
 * by @what when not NULL; returns the exit status for it. */
int cli_fail(int rc, const char *what);

/* cli_keys.c: the city centre's countersignature of a certificate document for
 * `cert publish --signed FILE --key K --cert C [--at T]`; *out freed with sc_free. */
int cli_countersign(cli_ctx *ctx, const char *number, char **out, size_t *outlen);

/* Exit status for a library status. */
int cli_exit_status(int rc);

/* Print a diagnostic as "FILE:LINE:COL: FIELD: message". */
void cli_print_diagnostic(FILE *fp, const sc_error *e, int severity, const char *fallback_source);

/* After a failed validation or import: the main error, then every diagnostic
 * of @report (or one "skillcert: ..." line when the report is empty).
 * Returns the exit status. */
int cli_report_failure(int rc, const sc_report *report, const char *path);
/* The diagnostics of a report as a JSON array of {severity, source, line, column,
 * field, message, code}; NULL when out of memory. */
json_t *cli_diagnostics_json(const sc_report *report);

/* Print the warnings of a successful validation or import to stderr. */
void cli_report_warnings(const sc_report *report, const char *path);

/* "skillcert: out of memory"; returns CLI_EXIT_INTERNAL. */
int cli_oom(void);

/* ---- JSON -------------------------------------------------------------- */

/* json_string(s), or json null when s is NULL. */
json_t *cli_json_str(const char *s);

/* json_object_set_new that fails (-1) when @value is NULL. */
int cli_json_set(json_t *obj, const char *key, json_t *value);

/* json_array_append_new that fails (-1) when @value is NULL. */
int cli_json_append(json_t *arr, json_t *value);

/* Print @root (reference stolen) to stdout with a two-space indent, UTF-8
 * kept as is. Returns CLI_EXIT_OK, or an exit status after an error. */
int cli_emit_json(json_t *root);

/* ---- Text -------------------------------------------------------------- */

/* Columns a UTF-8 string takes in a terminal (East Asian wide = 2). */
size_t cli_display_width(const char *s);

/* Print @s padded with blanks to @width columns. */
void cli_print_padded(FILE *fp, const char *s, size_t width);

#endif /* SKILLCERT_CLI_H */
