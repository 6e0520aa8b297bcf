/*
 * cli_audit.c — the `audit` command group: verify the hash chain of the
 * audit trail, and list its entries.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_option verify_options[] = {
    { "against", "FILE", "a signed export: its audit head must still be in the chain" },
    { NULL, NULL, NULL }
};

/* audit verify --against FILE: the head signed into an export is still there. */
static int verify_against(cli_ctx *ctx, const char *path)
{
    sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
    FILE *fp = fopen(path, "rb");
    char *doc = NULL;
    long n;
    int rc;
    if (!fp || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0 ||
        !(doc = malloc((size_t)n + 1)) || fread(doc, 1, (size_t)n, fp) != (size_t)n) {
        if (fp)
            fclose(fp);
        free(doc);
        cli_errorf("%s: cannot read", path);
        return CLI_EXIT_USAGE;
    }
    fclose(fp);
    doc[n] = '\0';
    rc = sc_audit_head_verify(&v, ctx->db, doc, (size_t)n);
    free(doc);
    if (rc != SC_OK && rc != SC_EINVALIDDOC)
        return cli_fail(rc, path);
    if (ctx->json) {
        int status = cli_emit_json(json_pack("{s:b,s:s}", "intact", v.ok && rc == SC_OK,
                                             "message", v.message));
        return status != CLI_EXIT_OK ? status : v.ok && rc == SC_OK ? CLI_EXIT_OK : CLI_EXIT_NO;
    }
    if (rc != SC_OK || !v.ok) {
        printf("audit trail NOT as signed in %s: %s\n", path, v.message);
        return CLI_EXIT_NO;
    }
    printf("audit trail holds the head signed in %s: %s\n", path, v.message);
    return CLI_EXIT_OK;
}

static int cmd_verify(cli_ctx *ctx)
{
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    int rc;

    if (cli_opt(ctx, "against") != NULL)
        return verify_against(ctx, cli_opt(ctx, "against"));
    rc = sc_audit_verify(&r, ctx->db);

    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *root = json_object();
        int status;

        if (root != NULL
            && (cli_json_set(root, "intact", json_boolean(r.ok))
                || cli_json_set(root, "entries", json_integer((json_int_t)r.entries))
                || cli_json_set(root, "problem", json_string(sc_audit_problem_name(r.problem)))
                || cli_json_set(root, "first_bad_seq",
                                r.ok ? json_null() : json_integer((json_int_t)r.first_bad_seq))
                || cli_json_set(root, "message", r.ok ? json_null() : json_string(r.message)))) {
            json_decref(root);
            root = NULL;
        }
        if ((status = cli_emit_json(root)) != CLI_EXIT_OK)
            return status;
    } else if (r.ok) {
        printf("audit trail intact: %lld entries\n", (long long)r.entries);
    } else {
        printf("audit trail broken at entry %lld (%s): %s\n", (long long)r.first_bad_seq,
               sc_audit_problem_name(r.problem), r.message);
    }
    return r.ok ? CLI_EXIT_OK : CLI_EXIT_NO;
}

static const cli_option list_options[] = {
    { "entity", "ENTITY",
      "only entries about one kind of entity (org, staff, rules, occupation, batch)" },
    { "id", "ID", "only entries about this entity id (a credit code, an occupation code ...)" },
    { "hashes", NULL, "also print each entry's hash (text output)" },
    { NULL, NULL, NULL }
};

static int cmd_list(cli_ctx *ctx)
{
    sc_audit_query q = SC_AUDIT_QUERY_INIT;
    sc_audit_iter *it = NULL;
    sc_audit_entry e = SC_AUDIT_ENTRY_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    int rc, hashes = cli_opt(ctx, "hashes") != NULL;

    if (ctx->json && arr == NULL)
        return cli_oom();
    q.entity = cli_opt(ctx, "entity");
    q.entity_id = cli_opt(ctx, "id");
    if ((rc = sc_audit_iter_new(&it, ctx->db, &q)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_audit_iter_next(&e, it)) == SC_OK) {
        if (ctx->json) {
            json_t *o = json_object();

            if (o == NULL || cli_json_set(o, "seq", json_integer((json_int_t)e.seq))
                || cli_json_set(o, "at", json_string(e.at))
                || cli_json_set(o, "actor", json_string(e.actor))
                || cli_json_set(o, "entity", json_string(e.entity))
                || cli_json_set(o, "entity_id", json_string(e.entity_id))
                || cli_json_set(o, "action", json_string(e.action))
                || cli_json_set(o, "detail", json_string(e.detail))
                || cli_json_set(o, "prev_hash", json_string(e.prev_hash))
                || cli_json_set(o, "hash", json_string(e.hash)) || cli_json_append(arr, o)) {
                json_decref(o);
                rc = SC_ENOMEM;
                break;
            }
        } else {
            printf("%5lld  %s  %-24s %s %s  %s  %s\n", (long long)e.seq, e.at, e.action,
                   e.entity, e.entity_id, e.actor, e.detail);
            if (hashes)
                printf("       %s\n", e.hash);
        }
    }
    sc_audit_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return rc == SC_ENOMEM ? cli_oom() : cli_fail(rc, NULL);
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

const cli_command cli_audit_commands[] = {
    { "verify", cmd_verify, NULL, verify_options, 0, 0, CLI_NEEDS_DB | CLI_READS_DB,
      "[--against FILE]",
      "check the hash chain of the audit trail (exit 0 intact, 1 tampered)",
      "Every change appends an entry hash-chained with SHA-256; this walks the\n"
      "chain and names the first entry that was edited, removed or reordered.\n"
      "With --json: {\"intact\": true|false, \"entries\": N, \"problem\": \"...\",\n"
      "\"first_bad_seq\": N|null, \"message\": null|\"...\"}.\n"
      "With --against FILE (an export signed with --audit-head): the audit entry\n"
      "signed into it is still in the registry with the same hash and the chain is\n"
      "intact, so history was not rewritten since." },
    { "list", cmd_list, NULL, list_options, 0, 0, CLI_NEEDS_DB,
      "[--entity ENTITY] [--id ID] [--hashes]",
      "list the audit trail: who did what, when, to which entity", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};
