/*
 * cli_keys.c — keys, certificates and signatures (issue #12).
 *
 *   keys new --output KEY                          an EC P-256 key (mode 0600)
 *   keys request --key KEY --party PARTY [--output REQ]
 *   keys certify REQ --key KEY [--cert CERT] [--from D] --to D [--output CERT]
 *   keys crl [SERIAL...] --key KEY --cert CERT --next D [--date D] [--output CRL]
 *   keys anchor ROOT [--current-key KEY]           (city-bureau) set the trust anchor
 *   keys import CERT                               (city-bureau, city-centre) record one
 *   keys import-crl CRL                            (city-bureau, city-centre)
 *   keys list [--party P]
 *   sign FILE --key KEY --cert CERT [--output F] [--at T] [--purpose P] [--audit-head]
 *   verify-signature FILE [--root ROOT] [--crl CRL]   (registry's anchor without --root)
 *   cert verify-file FILE --root ROOT [--crl CRL]     offline electronic certificate
 *
 * Private keys are files the operator keeps; the registry never sees them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Read a whole file (NUL-terminated); prints the problem and returns NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *buf = NULL, *p;
    size_t n = 0, cap = 0, got;
    if (!fp) {
        cli_errorf("%s: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 131072;
            if (!(p = realloc(buf, cap + 1))) {
                free(buf);
                if (fp != stdin)
                    fclose(fp);
                cli_oom();
                return NULL;
            }
            buf = p;
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        cli_errorf("%s: read error", path);
        free(buf);
        buf = NULL;
    } else {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    if (fp != stdin)
        fclose(fp);
    return buf;
}

/* Write text to path (mode) or stdout when path is NULL. */
static int spill(const char *path, const char *text, size_t len, mode_t mode)
{
    int fd;
    FILE *fp;
    if (!path) {
        fwrite(text, 1, len, stdout);
        return CLI_EXIT_OK;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0 || !(fp = fdopen(fd, "wb"))) {
        cli_errorf("%s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return CLI_EXIT_USAGE;
    }
    if (fwrite(text, 1, len, fp) != len || fclose(fp) != 0) {
        cli_errorf("%s: write error", path);
        return CLI_EXIT_INTERNAL;
    }
    return CLI_EXIT_OK;
}

static int written(cli_ctx *ctx, const char *what, const char *path)
{
    if (!path)
        return CLI_EXIT_OK;
    if (ctx->json) {
        json_t *o = json_object();
        if (o && (cli_json_set(o, "written", json_string(path)) ||
                  cli_json_set(o, "what", json_string(what)))) {
            json_decref(o);
            o = NULL;
        }
        return cli_emit_json(o);
    }
    printf("%s written to %s\n", what, path);
    return CLI_EXIT_OK;
}

/* A signer from --key and --cert (may be absent when cert_optional). */
static int load_signer(sc_signer **out, cli_ctx *ctx, const char *key_opt, int cert_optional)
{
    const char *kp = cli_opt(ctx, key_opt), *cp = cli_opt(ctx, "cert");
    char *key = NULL, *cert = NULL;
    int rc;
    *out = NULL;
    if (!kp)
        return cli_usage_error(ctx, "--%s KEY is required", key_opt);
    if (!cp && !cert_optional)
        return cli_usage_error(ctx, "--cert CERT is required");
    if (!(key = slurp(kp, NULL)) || (cp && !(cert = slurp(cp, NULL)))) {
        free(key);
        return CLI_EXIT_USAGE;
    }
    rc = sc_signer_new_key(out, key, cert);
    free(key);
    free(cert);
    return rc == SC_OK ? CLI_EXIT_OK : cli_fail(rc, NULL);
}

/* `cert publish NUMBER --signed FILE --key K --cert C` (cli_cert.c): the city
 * centre's countersignature over the organization's document, made before the
 * publication (nothing is written if either fails); *out is the caller's. */
int cli_countersign(cli_ctx *ctx, const char *number, char **out, size_t *outlen)
{
    sc_signer *s = NULL;
    sc_sign_options o;
    const char *path = cli_opt(ctx, "signed");
    char *doc;
    size_t len = 0;
    int status, rc;
    *out = NULL;
    if (!path)
        return cli_usage_error(ctx, "--signed FILE (the organization's signed certificate "
                               "document) is required with --key");
    if ((status = load_signer(&s, ctx, "key", 0)) != CLI_EXIT_OK)
        return status;
    if (!(doc = slurp(path, &len))) {
        sc_signer_free(s);
        return CLI_EXIT_USAGE;
    }
    sc_sign_options_init(&o, SC_SIGN_OPTIONS_VERSION);
    o.signed_at = cli_opt(ctx, "at");
    rc = sc_certificate_countersign_export_memory(out, outlen, ctx->db, number, doc, len, s, &o);
    free(doc);
    sc_signer_free(s);
    return rc == SC_OK ? CLI_EXIT_OK : cli_fail(rc, NULL);
}

/* ---- keys ---------------------------------------------------------------------------- */

static const cli_option new_options[] = {
    { "output", "FILE", "write the key here (mode 0600; default: standard output)" },
    { NULL, NULL, NULL }
};

static int cmd_new(cli_ctx *ctx)
{
    char *key = NULL;
    size_t len = 0;
    int rc = sc_pki_key_new(&key, &len), status;
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    status = spill(cli_opt(ctx, "output"), key, len, 0600);
    sc_free(key);
    return status != CLI_EXIT_OK ? status : written(ctx, "private key", cli_opt(ctx, "output"));
}

static const cli_option request_options[] = {
    { "key", "FILE", "the party's private key" },
    { "party", "PARTY", "city-bureau, city-centre, district:NNNNNN or org:<credit code>" },
    { "output", "FILE", "write the request here (default: standard output)" },
    { NULL, NULL, NULL }
};

static int cmd_request(cli_ctx *ctx)
{
    const char *kp = cli_opt(ctx, "key"), *party = cli_opt(ctx, "party");
    char *key, *req = NULL;
    size_t len = 0;
    int rc, status;
    if (!kp || !party)
        return cli_usage_error(ctx, "--key KEY and --party PARTY are required");
    if (!(key = slurp(kp, NULL)))
        return CLI_EXIT_USAGE;
    rc = sc_pki_request_new(&req, &len, key, party);
    free(key);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    status = spill(cli_opt(ctx, "output"), req, len, 0644);
    sc_free(req);
    return status != CLI_EXIT_OK ? status : written(ctx, "request", cli_opt(ctx, "output"));
}

static const cli_option certify_options[] = {
    { "key", "FILE", "the certifying party's private key" },
    { "cert", "FILE", "its certificate (omit to self-sign the city bureau's root)" },
    { "from", "YYYY-MM-DD", "first valid day (default today)" },
    { "to", "YYYY-MM-DD", "last valid day" },
    { "output", "FILE", "write the certificate here (default: standard output)" },
    { NULL, NULL, NULL }
};

static int cmd_certify(cli_ctx *ctx)
{
    sc_signer *s = NULL;
    char *req, *cert = NULL;
    size_t len = 0;
    int rc, status;
    if (!cli_opt(ctx, "to"))
        return cli_usage_error(ctx, "--to YYYY-MM-DD is required");
    if ((status = load_signer(&s, ctx, "key", 1)) != CLI_EXIT_OK)
        return status;
    if (!(req = slurp(ctx->args[0], NULL))) {
        sc_signer_free(s);
        return CLI_EXIT_USAGE;
    }
    rc = sc_pki_certify(&cert, &len, s, req, cli_opt(ctx, "from"), cli_opt(ctx, "to"));
    free(req);
    sc_signer_free(s);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    status = spill(cli_opt(ctx, "output"), cert, len, 0644);
    sc_free(cert);
    return status != CLI_EXIT_OK ? status : written(ctx, "certificate", cli_opt(ctx, "output"));
}

static const cli_option crl_options[] = {
    { "key", "FILE", "the bureau's or the centre's private key" },
    { "cert", "FILE", "its certificate" },
    { "date", "YYYY-MM-DD", "this update and revocation date (default today)" },
    { "next", "YYYY-MM-DD", "next update" },
    { "output", "FILE", "write the CRL here (default: standard output)" },
    { NULL, NULL, NULL }
};

static int cmd_crl(cli_ctx *ctx)
{
    sc_signer *s = NULL;
    char *crl = NULL;
    size_t len = 0;
    int rc, status;
    if (!cli_opt(ctx, "next"))
        return cli_usage_error(ctx, "--next YYYY-MM-DD is required");
    if ((status = load_signer(&s, ctx, "key", 0)) != CLI_EXIT_OK)
        return status;
    rc = sc_pki_crl_new(&crl, &len, s, (const char *const *)ctx->args, (size_t)ctx->nargs,
                        cli_opt(ctx, "date"), cli_opt(ctx, "next"));
    sc_signer_free(s);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    status = spill(cli_opt(ctx, "output"), crl, len, 0644);
    sc_free(crl);
    return status != CLI_EXIT_OK ? status : written(ctx, "CRL", cli_opt(ctx, "output"));
}

static const cli_option anchor_options[] = {
    { "current-key", "FILE", "the present root's private key (to replace the anchor)" },
    { NULL, NULL, NULL }
};

static int cmd_anchor(cli_ctx *ctx)
{
    const char *kp = cli_opt(ctx, "current-key");
    sc_signer *cur = NULL;
    char *root, *key;
    int rc;
    if (!(root = slurp(ctx->args[0], NULL)))
        return CLI_EXIT_USAGE;
    if (kp) {
        if (!(key = slurp(kp, NULL))) {
            free(root);
            return CLI_EXIT_USAGE;
        }
        rc = sc_signer_new_key(&cur, key, NULL);
        free(key);
        if (rc != SC_OK) {
            free(root);
            return cli_fail(rc, NULL);
        }
    }
    rc = sc_pki_anchor_set(ctx->db, ctx->actor, root, cur);
    free(root);
    sc_signer_free(cur);
    if (rc != SC_OK)
        return cli_fail(rc, "setting the trust anchor");
    if (!ctx->json)
        printf("trust anchor set from %s\n", ctx->args[0]);
    return ctx->json ? cli_emit_json(json_pack("{s:s}", "anchor", ctx->args[0])) : CLI_EXIT_OK;
}

/* keys development [on|off]: show or switch the development setting. */
static int cmd_development(cli_ctx *ctx)
{
    int on = 0, rc;
    if (ctx->nargs == 1) {
        const char *want = ctx->args[0];
        if (strcmp(want, "on") != 0 && strcmp(want, "off") != 0)
            return cli_usage_error(ctx, "say on or off, not '%s'", want);
        if (!ctx->actor)
            return cli_usage_error(ctx, "switching the development setting changes the "
                                   "registry: say who acts with --actor city-bureau");
        rc = sc_pki_development_set(ctx->db, ctx->actor, want[1] == 'n');
        if (rc != SC_OK)
            return cli_fail(rc, "switching the development setting");
        if (want[1] == 'n')
            fputs(CLI_PROGRAM ": warning: a development registry: without a trust anchor it "
                  "accepts unsigned exchange documents, whose issuer nothing proves\n", stderr);
    }
    if ((rc = sc_pki_development_get(&on, ctx->db)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json)
        return cli_emit_json(json_pack("{s:b}", "development", on));
    printf("development %s\n", on ? "on (unsigned documents accepted without a trust anchor)"
                                   : "off (signed documents only)");
    return CLI_EXIT_OK;
}

int cli_init_trust_anchor(cli_ctx *ctx, const char *path)
{
    char *root = slurp(path, NULL);
    int rc;
    if (!root)
        return CLI_EXIT_USAGE;
    rc = sc_pki_anchor_set(ctx->db, ctx->actor, root, NULL);
    free(root);
    if (rc != SC_OK)
        return cli_fail(rc, "setting the trust anchor");
    if (!ctx->json)
        printf("trust anchor: %s\n", path);
    return CLI_EXIT_OK;
}

static json_t *info_json(const sc_pki_cert_info *i)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "party", i->party, "issuer", i->issuer,
                     "serial", i->serial, "fingerprint", i->fingerprint, "not_before",
                     i->not_before, "not_after", i->not_after, "revoked", i->revoked);
}

static int cmd_import(cli_ctx *ctx)
{
    sc_pki_cert_info info = SC_PKI_CERT_INFO_INIT;
    char *pem;
    int rc;
    if (!(pem = slurp(ctx->args[0], NULL)))
        return CLI_EXIT_USAGE;
    rc = sc_pki_cert_import(&info, ctx->db, ctx->actor, pem);
    free(pem);
    if (rc != SC_OK)
        return cli_fail(rc, "recording the certificate");
    if (ctx->json)
        return cli_emit_json(info_json(&info));
    printf("%s certified by %s, serial %s, valid %s to %s\n", info.party, info.issuer,
           info.serial, info.not_before, info.not_after);
    return CLI_EXIT_OK;
}

static int cmd_import_crl(cli_ctx *ctx)
{
    char *pem;
    int rc, n = 0;
    if (!(pem = slurp(ctx->args[0], NULL)))
        return CLI_EXIT_USAGE;
    rc = sc_pki_crl_import(&n, ctx->db, ctx->actor, pem);
    free(pem);
    if (rc != SC_OK)
        return cli_fail(rc, "importing the CRL");
    if (ctx->json)
        return cli_emit_json(json_pack("{s:i}", "revoked", n));
    printf("CRL imported: %d certificate%s revoked\n", n, n == 1 ? "" : "s");
    return CLI_EXIT_OK;
}

static const cli_option list_options[] = {
    { "party", "PARTY", "only this party's certificates" },
    { NULL, NULL, NULL }
};

static int cmd_list(cli_ctx *ctx)
{
    sc_pki_cert_query q = SC_PKI_CERT_QUERY_INIT;
    sc_pki_cert_iter *it = NULL;
    sc_pki_cert_info i = SC_PKI_CERT_INFO_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    int rc;
    q.party = cli_opt(ctx, "party");
    if ((rc = sc_pki_cert_iter_new(&it, ctx->db, &q)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_pki_cert_iter_next(&i, it)) == SC_OK) {
        if (arr) {
            if (cli_json_append(arr, info_json(&i))) {
                rc = SC_ENOMEM;
                break;
            }
        } else if (!i.serial[0]) {
            printf("%-34s trust anchor  %s\n", i.party, i.fingerprint);
        } else {
            printf("%-34s by %-12s %s..%s  %s%s\n", i.party, i.issuer, i.not_before,
                   i.not_after, i.serial, i.revoked ? "  REVOKED" : "");
        }
    }
    sc_pki_cert_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    return arr ? cli_emit_json(arr) : CLI_EXIT_OK;
}

const cli_command cli_keys_commands[] = {
    { "new", cmd_new, NULL, new_options, 0, 0, 0, "[--output KEY]",
      "make an EC P-256 private key (kept by the operator, never in the registry)", NULL },
    { "request", cmd_request, NULL, request_options, 0, 0, 0,
      "--key KEY --party PARTY [--output REQ]",
      "make a certificate request naming the party (CN city-bureau, city-centre, "
      "district:NNNNNN, org:<credit code>)", NULL },
    { "certify", cmd_certify, NULL, certify_options, 1, 1, 0,
      "REQ --key KEY [--cert CERT] [--from D] --to D [--output CERT]",
      "certify a request: the bureau self-signs its root and certifies the centre and "
      "districts, the centre organizations",
      "Without --cert the key self-signs: only the city bureau's own request.\n"
      "Who may certify whom is enforced; the certificate is valid from 00:00:00\n"
      "UTC of --from to 23:59:59 UTC of --to." },
    { "crl", cmd_crl, NULL, crl_options, 0, 64, 0,
      "[SERIAL...] --key KEY --cert CERT --next D [--date D] [--output CRL]",
      "make a CRL revoking the serial numbers (the bureau's or the centre's)", NULL },
    { "anchor", cmd_anchor, NULL, anchor_options, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "ROOT [--current-key KEY]",
      "set the registry's trust anchor (actor: city-bureau; replacing needs the present "
      "root's key)", NULL },
    { "development", cmd_development, NULL, NULL, 0, 1, CLI_NEEDS_DB, "[on|off]",
      "show or switch the development setting (actor: city-bureau): on, a registry "
      "without a trust anchor accepts unsigned documents",
      "A new registry is created with --trust-anchor (signed documents only) or\n"
      "--development. Migration 13 switched registries that already held data on, so\n"
      "that they keep working: switch them off once their parties sign. A registry\n"
      "with a trust anchor requires signatures whatever this says." },
    { "import", cmd_import, NULL, NULL, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR, "CERT",
      "record a certified party's certificate (its chain may follow in the file)", NULL },
    { "import-crl", cmd_import_crl, NULL, NULL, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR, "CRL",
      "import a CRL signed by the bureau or the city centre", NULL },
    { "list", cmd_list, NULL, list_options, 0, 0, CLI_NEEDS_DB, "[--party PARTY]",
      "list the trust anchor and the certified parties (revoked ones marked)", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- sign and verify ------------------------------------------------------------------ */

const cli_option cli_sign_options[] = {
    { "key", "FILE", "the signer's private key" },
    { "cert", "FILE", "its certificate followed by its intermediate (PEM)" },
    { "output", "FILE", "write the signed document here (default: standard output)" },
    { "at", "TIME", "signing time YYYY-MM-DDTHH:MM:SSZ (default now)" },
    { "purpose", "WORD", "issue (default), publication, export ..." },
    { "audit-head", NULL, "put the registry's audit head (--db) under the signature" },
    { "detached", NULL, "a detached CMS signature over the file's exact bytes (large "
                        "batches; streamed), written to --output (default FILE.p7s)" },
    { NULL, NULL, NULL }
};

static int sign_detached(cli_ctx *ctx, sc_signer *s)
{
    const char *path = ctx->args[0], *o = cli_opt(ctx, "output");
    char *sig = NULL, *dflt = NULL;
    size_t len = 0, n;
    int rc = sc_pki_sign_detached(&sig, &len, path, s, cli_opt(ctx, "at")), status;
    sc_signer_free(s);
    if (rc != SC_OK)
        return cli_fail(rc, path);
    if (!o) {
        n = strlen(path) + 5;
        if (!(dflt = malloc(n))) {
            sc_free(sig);
            return cli_oom();
        }
        snprintf(dflt, n, "%s.p7s", path);
        o = dflt;
    }
    status = spill(o, sig, len, 0644);
    sc_free(sig);
    if (status == CLI_EXIT_OK)
        status = written(ctx, "detached signature", o);
    free(dflt);
    return status;
}

int cli_export_signed(cli_ctx *ctx, int doctype, const char *path,
                      const sc_export_options *opts)
{
    sc_sign_options o;
    sc_signer *s = NULL;
    char *xml = NULL, *out = NULL;
    size_t len = 0, outlen = 0;
    int rc, status;

    if ((status = load_signer(&s, ctx, "key", 0)) != CLI_EXIT_OK)
        return status;
    if (doctype == SC_DOC_CANDIDATE_BATCH || doctype == SC_DOC_CERTIFICATE_BATCH) {
        /* A large batch: its exact bytes in FILE, the detached signature beside it. */
        char *sig = NULL, *sigpath;
        size_t n;
        if (!path) {
            sc_signer_free(s);
            return cli_usage_error(ctx, "a signed %s is exported to a FILE (the detached "
                                   "signature goes to FILE.p7s)", sc_doctype_name(doctype));
        }
        if ((rc = sc_xml_exchange_export_file(ctx->db, doctype, path, opts)) != SC_OK ||
            (rc = sc_pki_sign_detached(&sig, &len, path, s, cli_opt(ctx, "at"))) != SC_OK) {
            sc_signer_free(s);
            return cli_fail(rc, path);
        }
        sc_signer_free(s);
        n = strlen(path) + 5;
        if (!(sigpath = malloc(n))) {
            sc_free(sig);
            return cli_oom();
        }
        snprintf(sigpath, n, "%s.p7s", path);
        status = spill(sigpath, sig, len, 0644);
        sc_free(sig);
        if (status == CLI_EXIT_OK && !ctx->json)
            printf("%s: exported %s, signed (%s)\n", path, sc_doctype_name(doctype), sigpath);
        free(sigpath);
        return status;
    }
    sc_sign_options_init(&o, SC_SIGN_OPTIONS_VERSION);
    o.signed_at = cli_opt(ctx, "at");
    o.purpose = "export";
    if ((rc = sc_xml_exchange_export_memory(&xml, &len, ctx->db, doctype, opts)) != SC_OK ||
        (rc = sc_xml_sign_memory(&out, &outlen, xml, len, s, &o)) != SC_OK) {
        sc_free(xml);
        sc_signer_free(s);
        return cli_fail(rc, NULL);
    }
    sc_free(xml);
    sc_signer_free(s);
    status = spill(path, out, outlen, 0644);
    sc_free(out);
    if (status == CLI_EXIT_OK && path && !ctx->json)
        printf("%s: exported %s, signed\n", path, sc_doctype_name(doctype));
    return status;
}

/* Open the registry named by --db read-only (for commands that only sometimes
 * need it). */
static int open_ro(sc_db **out, cli_ctx *ctx)
{
    sc_db_options o;
    int rc;
    *out = NULL;
    if ((rc = sc_db_options_init(&o, SC_DB_OPTIONS_VERSION)) != SC_OK)
        return cli_fail(rc, NULL);
    o.flags = SC_DB_READONLY;
    if (access(ctx->db_path, F_OK) != 0) {
        cli_errorf("%s: no such registry", ctx->db_path);
        return CLI_EXIT_DB;
    }
    if ((rc = sc_db_open(out, ctx->db_path, &o)) != SC_OK)
        return cli_fail(rc, NULL);
    return CLI_EXIT_OK;
}

int cli_cmd_sign(cli_ctx *ctx)
{
    sc_sign_options o;
    sc_signer *s = NULL;
    sc_db *db = NULL;
    char *doc, *out = NULL;
    size_t len = 0, outlen = 0;
    int rc, status;

    sc_sign_options_init(&o, SC_SIGN_OPTIONS_VERSION);
    o.signed_at = cli_opt(ctx, "at");
    o.purpose = cli_opt(ctx, "purpose");
    if ((status = load_signer(&s, ctx, "key", 0)) != CLI_EXIT_OK)
        return status;
    if (cli_opt(ctx, "detached"))
        return sign_detached(ctx, s);
    if (cli_opt(ctx, "audit-head") && (status = open_ro(&db, ctx)) != CLI_EXIT_OK) {
        sc_signer_free(s);
        return status;
    }
    o.audit_db = db;
    if (!(doc = slurp(ctx->args[0], &len))) {
        sc_signer_free(s);
        sc_db_close(db);
        return CLI_EXIT_USAGE;
    }
    rc = sc_xml_sign_memory(&out, &outlen, doc, len, s, &o);
    free(doc);
    sc_signer_free(s);
    sc_db_close(db);
    if (rc != SC_OK)
        return cli_fail(rc, ctx->args[0]);
    status = spill(cli_opt(ctx, "output"), out, outlen, 0644);
    sc_free(out);
    return status != CLI_EXIT_OK ? status
                                 : written(ctx, "signed document", cli_opt(ctx, "output"));
}

const cli_option cli_verify_signature_options[] = {
    { "root", "FILE", "the city bureau's root certificate (offline; default: the registry's "
                      "anchor and CRLs)" },
    { "crl", "FILE", "CRLs to apply (with --root)" },
    { "p7s", "SIG", "a detached signature of FILE (sign --detached): verified streaming" },
    { NULL, NULL, NULL }
};

static int verify_detached(cli_ctx *ctx, const char *root, const char *crl, sc_db *db)
{
    sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
    char *sig = slurp(cli_opt(ctx, "p7s"), NULL), *anchor = NULL, *crls = NULL;
    char when[SC_PKI_TIME_SIZE];
    int rc;
    if (!sig)
        return CLI_EXIT_USAGE;
    if (!root) {
        /* The registry's anchor and imported CRLs. */
        if ((rc = sc_pki_anchor_get(&anchor, db)) != SC_OK ||
            (rc = sc_pki_crls_get(&crls, db)) != SC_OK) {
            free(sig);
            sc_free(anchor);
            return cli_fail(rc, NULL);
        }
        root = anchor;
        crl = crls;
    }
    rc = sc_pki_verify_detached(&v, when, ctx->args[0], sig, root, crl);
    free(sig);
    sc_free(anchor);
    sc_free(crls);
    if (rc != SC_OK && rc != SC_EINVALIDDOC)
        return cli_fail(rc, ctx->args[0]);
    if (ctx->json) {
        int status = cli_emit_json(json_pack("{s:b,s:s,s:s,s:s,s:s}", "valid", v.ok, "reason",
                                             sc_sig_reason_name(v.reason), "message", v.message,
                                             "signer", v.party, "signed_at", when));
        return status != CLI_EXIT_OK ? status : v.ok ? CLI_EXIT_OK : CLI_EXIT_NO;
    }
    if (!v.ok) {
        printf("%s: signature refused (%s): %s\n", ctx->args[0], sc_sig_reason_name(v.reason),
               v.message);
        return CLI_EXIT_NO;
    }
    printf("%s: signed by %s at %s (detached), certificate %s\n", ctx->args[0], v.party, when,
           v.fingerprint);
    return CLI_EXIT_OK;
}

static int print_verification(cli_ctx *ctx, int rc, const sc_xml_verification *v)
{
    int k;
    if (rc != SC_OK && rc != SC_EINVALIDDOC)
        return cli_fail(rc, ctx->args[0]);
    if (ctx->json) {
        json_t *o = json_pack("{s:b,s:s,s:s,s:[]}", "valid", v->result.ok, "reason",
                              sc_sig_reason_name(v->result.reason), "message",
                              v->result.message, "signatures");
        json_t *arr = o ? json_object_get(o, "signatures") : NULL;
        for (k = 0; arr && k < v->layers; k++)
            json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:I,s:s}", "signer",
                                                 v->sig[k].party, "signed_at",
                                                 v->sig[k].signed_at, "purpose",
                                                 v->sig[k].purpose, "fingerprint",
                                                 v->sig[k].fingerprint, "audit_seq",
                                                 (json_int_t)v->sig[k].audit_seq, "audit_hash",
                                                 v->sig[k].audit_hash));
        rc = cli_emit_json(o);
        return rc != CLI_EXIT_OK ? rc : v->result.ok ? CLI_EXIT_OK : CLI_EXIT_NO;
    }
    if (!v->result.ok) {
        printf("%s: signature refused (%s): %s\n", ctx->args[0],
               sc_sig_reason_name(v->result.reason), v->result.message);
        return CLI_EXIT_NO;
    }
    for (k = 0; k < v->layers; k++)
        printf("%s: signed by %s at %s (%s), certificate %s\n", ctx->args[0], v->sig[k].party,
               v->sig[k].signed_at, v->sig[k].purpose, v->sig[k].fingerprint);
    return CLI_EXIT_OK;
}

int cli_cmd_verify_signature(cli_ctx *ctx)
{
    const char *rp = cli_opt(ctx, "root"), *cp = cli_opt(ctx, "crl");
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    sc_db *db = NULL;
    char *doc, *root = NULL, *crl = NULL;
    size_t len = 0;
    int rc, status;

    if (cli_opt(ctx, "p7s")) {
        if (rp && (!(root = slurp(rp, NULL)) || (cp && !(crl = slurp(cp, NULL))))) {
            free(root);
            return CLI_EXIT_USAGE;
        }
        if (!rp && (status = open_ro(&db, ctx)) != CLI_EXIT_OK)
            return status;
        status = verify_detached(ctx, root, crl, db);
        sc_db_close(db);
        free(root);
        free(crl);
        return status;
    }
    if (!(doc = slurp(ctx->args[0], &len)))
        return CLI_EXIT_USAGE;
    if (rp) {
        if (!(root = slurp(rp, NULL)) || (cp && !(crl = slurp(cp, NULL)))) {
            free(doc);
            free(root);
            return CLI_EXIT_USAGE;
        }
        rc = sc_xml_verify_memory(&v, doc, len, root, crl);
    } else {
        if ((status = open_ro(&db, ctx)) != CLI_EXIT_OK) {
            free(doc);
            return status;
        }
        rc = sc_xml_registry_verify(&v, db, doc, len);
        sc_db_close(db);
    }
    free(doc);
    free(root);
    free(crl);
    return print_verification(ctx, rc, &v);
}

const cli_option cli_verify_file_options[] = {
    { "root", "FILE", "the city bureau's root certificate" },
    { "crl", "FILE", "CRLs to apply (optional; offline there are none)" },
    { NULL, NULL, NULL }
};

int cli_cmd_cert_verify_file(cli_ctx *ctx)
{
    const char *rp = cli_opt(ctx, "root"), *cp = cli_opt(ctx, "crl");
    sc_certificate_document d = SC_CERTIFICATE_DOCUMENT_INIT;
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    char *doc, *root = NULL, *crl = NULL;
    size_t len = 0;
    int rc;

    if (!rp)
        return cli_usage_error(ctx, "--root ROOT.pem (the city bureau's root certificate) is "
                                    "required");
    if (!(doc = slurp(ctx->args[0], &len)) || !(root = slurp(rp, NULL)) ||
        (cp && !(crl = slurp(cp, NULL)))) {
        free(doc);
        free(root);
        return CLI_EXIT_USAGE;
    }
    rc = sc_certificate_verify_document(&d, &v, doc, len, root, crl);
    free(doc);
    free(root);
    free(crl);
    if (rc != SC_OK && rc != SC_EINVALIDDOC)
        return cli_fail(rc, ctx->args[0]);
    if (ctx->json) {
        json_t *o = rc == SC_OK
                        ? json_pack("{s:b,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:s}",
                                    "valid", 1, "number", d.number, "holder", d.holder,
                                    "id_number", d.id_number, "occupation", d.occupation,
                                    "occupation_name", d.occupation_name, "level", d.level,
                                    "level_text", d.level_text, "organization", d.credit_code,
                                    "organization_name", d.org_name, "issued", d.issued,
                                    "signed_at", d.signed_at, "published_at", d.published_at)
                        : json_pack("{s:b,s:s,s:s}", "valid", 0, "reason",
                                    sc_sig_reason_name(v.result.reason), "message",
                                    v.result.message);
        int status = cli_emit_json(o);
        return status != CLI_EXIT_OK ? status : rc == SC_OK ? CLI_EXIT_OK : CLI_EXIT_NO;
    }
    if (rc != SC_OK) {
        printf("%s: NOT valid (%s): %s\n", ctx->args[0], sc_sig_reason_name(v.result.reason),
               v.result.message);
        return CLI_EXIT_NO;
    }
    printf("%s: valid electronic certificate %s\n", ctx->args[0], d.number);
    printf("  holder       %s (%s)\n", d.holder, d.id_number);
    printf("  occupation   %s %s %s (%s)\n", d.occupation, d.occupation_name, d.level_text,
           d.work_type);
    printf("  issued by    %s (%s) on %s, signed %s\n", d.org_name, d.credit_code, d.issued,
           d.signed_at);
    printf("  published    countersigned by the city centre at %s\n", d.published_at);
    return CLI_EXIT_OK;
}
