/*
 * cli_ops.c — operating a registry: `backup FILE` (an online, consistent copy)
 * and `check` (integrity, foreign keys and the audit chain).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Registered in tools/skillcert.c's command table. */
int cli_cmd_backup(cli_ctx *ctx);
extern const cli_option cli_backup_options[];
int cli_cmd_check(cli_ctx *ctx);

const cli_option cli_backup_options[] = {
    { "output", "FILE", "the copy to write (as the FILE argument)" },
    { NULL, NULL, NULL }
};

int cli_cmd_backup(cli_ctx *ctx)
{
    const char *path;
    int rc;
    if ((rc = cli_output_path(ctx, 0, &path)) != CLI_EXIT_OK)
        return rc;
    if (path == NULL)
        return cli_usage_error(ctx, "give FILE or --output FILE");
    rc = sc_db_backup(ctx->db, path);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *o = json_object();
        if (o != NULL && (cli_json_set(o, "backup", json_string(path)) ||
                          cli_json_set(o, "registry", json_string(ctx->db_path)))) {
            json_decref(o);
            o = NULL;
        }
        return cli_emit_json(o);
    }
    printf("%s: backup of %s written\n", path, ctx->db_path);
    return CLI_EXIT_OK;
}

int cli_cmd_check(cli_ctx *ctx)
{
    sc_db_check_result c = SC_DB_CHECK_RESULT_INIT;
    sc_audit_result a = SC_AUDIT_RESULT_INIT;
    int rc, ok;

    if ((rc = sc_db_check(&c, ctx->db)) != SC_OK)
        return cli_fail(rc, NULL);
    if ((rc = sc_audit_verify(&a, ctx->db)) != SC_OK)
        return cli_fail(rc, NULL);
    ok = c.ok && a.ok;
    if (ctx->json) {
        json_t *o = json_object();
        if (o != NULL &&
            (cli_json_set(o, "ok", json_boolean(ok)) ||
             cli_json_set(o, "schema_version", json_integer(c.schema_version)) ||
             cli_json_set(o, "integrity_problems", json_integer((json_int_t)c.integrity_problems)) ||
             cli_json_set(o, "foreign_key_problems",
                          json_integer((json_int_t)c.foreign_key_problems)) ||
             cli_json_set(o, "audit_intact", json_boolean(a.ok)) ||
             cli_json_set(o, "audit_entries", json_integer((json_int_t)a.entries)) ||
             cli_json_set(o, "message",
                          !c.ok ? json_string(c.message)
                                : !a.ok ? json_string(a.message) : json_null()))) {
            json_decref(o);
            o = NULL;
        }
        rc = cli_emit_json(o);
        return rc != CLI_EXIT_OK ? rc : ok ? CLI_EXIT_OK : CLI_EXIT_NO;
    }
    printf("registry %s (schema version %d)\n", ctx->db_path, c.schema_version);
    if (c.integrity_problems == 0)
        printf("  integrity: ok\n");
    else
        printf("  integrity: %lld problems; first: %s\n", (long long)c.integrity_problems,
               c.message);
    if (c.foreign_key_problems == 0)
        printf("  foreign keys: ok\n");
    else
        printf("  foreign keys: %lld rows refer to missing rows\n",
               (long long)c.foreign_key_problems);
    if (a.ok)
        printf("  audit trail: intact, %lld entries\n", (long long)a.entries);
    else
        printf("  audit trail: broken at entry %lld (%s): %s\n", (long long)a.first_bad_seq,
               sc_audit_problem_name(a.problem), a.message);
    printf("%s\n", ok ? "ok" : "PROBLEMS FOUND");
    return ok ? CLI_EXIT_OK : CLI_EXIT_NO;
}
