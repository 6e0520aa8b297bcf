/*
 * cli_cert.c — the `cert` command group: certificates from reporting to
 * public verification.
 *
 *   cert report SESSION ID-NUMBER [--date D]        (organization: 报备, the number)
 *   cert issue NUMBER [--photo REF] [--date D]       (organization: 颁发)
 *   cert publish NUMBER [--date D] [--signed F --key K --cert C]  (city-centre: 发布;
 *        with --signed: the organization's document countersigned by the centre)
 *   cert verify NUMBER --name NAME [--id ID]         (anyone; exit 0 valid, 1 otherwise)
 *   cert revoke NUMBER --reason R [--date D]         (organization or city-centre)
 *   cert reissue NUMBER --reason R [--name N]        (organization)
 *   cert link-post NUMBER --enterprise E --post P --post-number N   (一岗双认)
 *   cert show NUMBER, cert list [--org C] [--holder ID], cert export NUMBER [--output F]
 *   cert stats [--by occupation,level,district,org,year|month] [--from D] [--to D]
 *   cert render NUMBER --output FILE [--verify-url URL]   (PDF; SVG or PNG by extension)
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CHANGE (CLI_NEEDS_DB | CLI_NEEDS_ACTOR)

static json_t *opt_str(const char *s)
{
    return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *cert_json(const sc_certificate *c)
{
    json_t *o = json_object(), *post = NULL;
    int bad = o == NULL;
    if (!bad && c->post_enterprise[0]) {
        post = json_object();
        bad = post == NULL || cli_json_set(post, "enterprise", json_string(c->post_enterprise))
              || cli_json_set(post, "post", json_string(c->post_name))
              || cli_json_set(post, "number", json_string(c->post_number))
              || cli_json_set(post, "issued", json_string(c->post_issued));
    }
    bad = bad || cli_json_set(o, "number", json_string(c->number))
          || cli_json_set(o, "status", cli_json_str(sc_cert_status_name(c->status)))
          || cli_json_set(o, "title", json_string(c->title))
          || cli_json_set(o, "holder", json_string(c->holder))
          || cli_json_set(o, "id_type", json_string(c->id_type))
          || cli_json_set(o, "id_number", json_string(c->id_number))
          || cli_json_set(o, "occupation", json_string(c->occupation))
          || cli_json_set(o, "occupation_name", json_string(c->occupation_name))
          || cli_json_set(o, "work_type", json_string(c->work_type))
          || cli_json_set(o, "level", json_integer(c->level))
          || cli_json_set(o, "level_text", json_string(c->level_text))
          || cli_json_set(o, "organization", json_string(c->credit_code))
          || cli_json_set(o, "organization_name", json_string(c->org_name))
          || cli_json_set(o, "district", json_string(c->district))
          || cli_json_set(o, "session", c->session_id ? json_integer(c->session_id) : json_null())
          || cli_json_set(o, "certified", json_string(c->certified))
          || cli_json_set(o, "issued", opt_str(c->issued))
          || cli_json_set(o, "published", opt_str(c->published))
          || cli_json_set(o, "revoked", opt_str(c->revoked))
          || cli_json_set(o, "revoke_reason", opt_str(c->revoke_reason))
          || cli_json_set(o, "replaces", opt_str(c->replaces))
          || cli_json_set(o, "replaced_by", opt_str(c->replaced_by))
          || cli_json_set(o, "photo", opt_str(c->photo));
    if (!bad) {
        bad = cli_json_set(o, "post_certificate", post != NULL ? post : json_null());
        post = NULL;
    }
    json_decref(post);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void print_cert(const sc_certificate *c)
{
    printf("%s  %s  %s (%s)  %s %s %s  %s\n", c->number, sc_cert_status_name(c->status), c->holder,
           c->id_number, c->occupation, c->occupation_name, c->level_text, c->org_name);
}

static void print_cert_detail(const sc_certificate *c)
{
    printf("证书名称       %s\n", c->title);
    printf("证书编号       %s\n", c->number);
    printf("status         %s\n", sc_cert_status_name(c->status));
    printf("姓名           %s\n", c->holder);
    printf("证件类型       %s\n", c->id_type);
    printf("证件号码       %s\n", c->id_number);
    printf("职业名称       %s %s\n", c->occupation, c->occupation_name);
    printf("工种/职业方向  %s\n", c->work_type);
    printf("职业技能等级   %s\n", c->level_text);
    printf("评价机构名称   %s (%s, district %s)\n", c->org_name, c->credit_code, c->district);
    printf("certified      %s\n", c->certified);
    printf("发证日期       %s\n", c->issued[0] ? c->issued : "-");
    printf("published      %s\n", c->published[0] ? c->published : "-");
    if (c->revoked[0])
        printf("revoked        %s: %s\n", c->revoked, c->revoke_reason);
    if (c->replaces[0])
        printf("replaces       %s\n", c->replaces);
    if (c->replaced_by[0])
        printf("replaced by    %s\n", c->replaced_by);
    if (c->post_enterprise[0])
        printf("一岗双认       %s %s %s (%s)\n", c->post_enterprise, c->post_name, c->post_number,
               c->post_issued);
}

/* After a change: the certificate as it now is. */
static int show_number(cli_ctx *ctx, const char *number, const char *what)
{
    sc_certificate c = SC_CERTIFICATE_INIT;
    int rc = sc_certificate_get(&c, ctx->db, number);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json)
        return cli_emit_json(cert_json(&c));
    if (what != NULL)
        printf("%s: %s (%s)\n", c.number, what, sc_cert_status_name(c.status));
    else
        print_cert_detail(&c);
    return CLI_EXIT_OK;
}

static const cli_option date_options[] = {
    { "date", "YYYY-MM-DD", "the date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_report(cli_ctx *ctx)
{
    char number[SC_CERT_NUMBER_SIZE];
    int64_t session = 0;
    int rc;
    if ((rc = cli_parse_id(ctx, ctx->args[0], "session", &session)) != CLI_EXIT_OK)
        return rc;
    if ((rc = sc_certificate_report(number, ctx->db, ctx->actor, (int64_t)session, ctx->args[1],
                                    cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return show_number(ctx, number, "level certified and reported to the city");
}

static const cli_option issue_options[] = {
    { "photo", "REF", "a reference to the holder's photo (URI or digest)" },
    { "date", "YYYY-MM-DD", "the issue date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_issue(cli_ctx *ctx)
{
    int rc = sc_certificate_issue(ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "photo"),
                                  cli_opt(ctx, "date"));
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return show_number(ctx, ctx->args[0], "issued");
}

static int cmd_publish(cli_ctx *ctx)
{
    char *doc = NULL;
    size_t len = 0;
    int rc, status;
    /* Issue 12: with the centre's key, the organization's signed document comes out
     * countersigned; made first, written only once the publication succeeded. */
    sc_certificate c = SC_CERTIFICATE_INIT;
    if ((cli_opt(ctx, "key") || cli_opt(ctx, "signed")) &&
        (status = cli_countersign(ctx, ctx->args[0], &doc, &len)) != CLI_EXIT_OK)
        return status;
    /* Published already (a certificate batch the centre imported publishes it):
     * with --signed, the countersigned document is what is asked for. */
    if (doc && sc_certificate_get(&c, ctx->db, ctx->args[0]) == SC_OK &&
        c.status == SC_CERT_PUBLISHED)
        rc = SC_OK;
    else
        rc = sc_certificate_publish(ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "date"));
    if (rc != SC_OK) {
        sc_free(doc);
        return cli_fail(rc, NULL);
    }
    if (doc) {
        const char *path = cli_opt(ctx, "output");
        FILE *fp = path ? fopen(path, "wb") : stdout;
        int bad = !fp || fwrite(doc, 1, len, fp) != len;
        if (fp && fp != stdout)
            bad |= fclose(fp) != 0;
        sc_free(doc);
        if (bad) {
            cli_errorf("%s: cannot write the countersigned document", path ? path : "stdout");
            return CLI_EXIT_USAGE;
        }
        if (!path)
            return CLI_EXIT_OK;
    }
    return show_number(ctx, ctx->args[0], "published");
}

static const cli_option publish_options[] = {
    { "date", "YYYY-MM-DD", "the date (default: today, UTC)" },
    { "signed", "FILE", "the organization's signed certificate document: write it "
                        "countersigned by the city centre (with --key, --cert)" },
    { "key", "KEY", "the city centre's private key (PEM)" },
    { "cert", "CERT", "the city centre's certificate (PEM)" },
    { "at", "TIME", "the countersignature's time YYYY-MM-DDTHH:MM:SSZ (default: now)" },
    { "output", "FILE", "the countersigned document (default: standard output)" },
    { NULL, NULL, NULL }
};

static const cli_option reason_options[] = {
    { "reason", "TEXT", "why (required)" },
    { "date", "YYYY-MM-DD", "the date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_revoke(cli_ctx *ctx)
{
    int rc;
    if (cli_opt(ctx, "reason") == NULL)
        return cli_usage_error(ctx, "--reason is required");
    rc = sc_certificate_revoke(ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "reason"),
                               cli_opt(ctx, "date"));
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return show_number(ctx, ctx->args[0], "revoked");
}

static const cli_option reissue_options[] = {
    { "reason", "TEXT", "why (required)" },
    { "name", "NAME", "a corrected holder name" },
    { "date", "YYYY-MM-DD", "the date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_reissue(cli_ctx *ctx)
{
    char number[SC_CERT_NUMBER_SIZE];
    int rc;
    if (cli_opt(ctx, "reason") == NULL)
        return cli_usage_error(ctx, "--reason is required");
    rc = sc_certificate_reissue(number, ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "name"),
                                cli_opt(ctx, "reason"), cli_opt(ctx, "date"));
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return show_number(ctx, number, "re-issued (reported; issue and publish it again)");
}

static const cli_option post_options[] = {
    { "enterprise", "NAME", "the enterprise (required)" },
    { "post", "NAME", "the post, 岗位 (required)" },
    { "post-number", "NUMBER", "the enterprise post certificate's number (required)" },
    { "date", "YYYY-MM-DD", "its issue date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_link_post(cli_ctx *ctx)
{
    int rc;
    if (!cli_opt(ctx, "enterprise") || !cli_opt(ctx, "post") || !cli_opt(ctx, "post-number"))
        return cli_usage_error(ctx, "--enterprise, --post and --post-number are required");
    rc = sc_certificate_link_post(ctx->db, ctx->actor, ctx->args[0], cli_opt(ctx, "enterprise"),
                                  cli_opt(ctx, "post"), cli_opt(ctx, "post-number"),
                                  cli_opt(ctx, "date"));
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return show_number(ctx, ctx->args[0], "enterprise post certificate linked (一岗双认)");
}

static const cli_option verify_options[] = {
    { "name", "NAME", "the holder's name as printed (required)" },
    { "id", "ID-NUMBER", "the holder's ID number, to check it too" },
    { NULL, NULL, NULL }
};

static int cmd_verify(cli_ctx *ctx)
{
    sc_verification v = SC_VERIFICATION_INIT;
    int rc, status;
    if (cli_opt(ctx, "name") == NULL)
        return cli_usage_error(ctx, "--name is required");
    if ((rc = sc_certificate_verify(&v, ctx->db, ctx->args[0], cli_opt(ctx, "name"),
                                    cli_opt(ctx, "id"))) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *root = json_object();
        int shown = v.status == SC_VERIFY_VALID || v.status == SC_VERIFY_REVOKED ||
                    v.status == SC_VERIFY_NOT_PUBLISHED;
        if (root != NULL
            && (cli_json_set(root, "number", json_string(v.number))
                || cli_json_set(root, "status", cli_json_str(sc_verify_status_name(v.status)))
                || cli_json_set(root, "valid", json_boolean(v.status == SC_VERIFY_VALID))
                || cli_json_set(root, "name", shown ? json_string(v.masked_name) : json_null())
                || cli_json_set(root, "id_number", shown ? json_string(v.masked_id) : json_null())
                || cli_json_set(root, "occupation", shown ? json_string(v.occupation) : json_null())
                || cli_json_set(root, "occupation_name",
                                shown ? json_string(v.occupation_name) : json_null())
                || cli_json_set(root, "work_type", shown ? json_string(v.work_type) : json_null())
                || cli_json_set(root, "level", shown ? json_integer(v.level) : json_null())
                || cli_json_set(root, "organization_name",
                                shown ? json_string(v.org_name) : json_null())
                || cli_json_set(root, "issued", opt_str(v.issued))
                || cli_json_set(root, "revoked", opt_str(v.revoked)))) {
            json_decref(root);
            root = NULL;
        }
        if ((status = cli_emit_json(root)) != CLI_EXIT_OK)
            return status;
    } else {
        switch (v.status) {
        case SC_VERIFY_VALID:
            printf("%s: valid: %s %s %s %s %s/%s, %s, issued %s\n", v.number, v.masked_name,
                   v.masked_id, v.occupation, v.occupation_name, sc_level_rank_zh(v.level),
                   sc_level_name_zh(v.level), v.org_name, v.issued);
            break;
        case SC_VERIFY_REVOKED:
            printf("%s: revoked on %s: %s %s %s\n", v.number, v.revoked, v.masked_name,
                   v.masked_id, v.occupation_name);
            break;
        case SC_VERIFY_NOT_PUBLISHED:
            printf("%s: not yet published: %s %s\n", v.number, v.masked_name, v.occupation_name);
            break;
        case SC_VERIFY_NAME_MISMATCH:
            printf("%s: the name (or ID number) does not match the holder\n", v.number);
            break;
        default:
            printf("%s: not found\n", v.number);
            break;
        }
    }
    return v.status == SC_VERIFY_VALID ? CLI_EXIT_OK : CLI_EXIT_NO;
}

static int cmd_show(cli_ctx *ctx)
{
    return show_number(ctx, ctx->args[0], NULL);
}

static const cli_option list_options[] = {
    { "org", "CODE", "only this organization's certificates" },
    { "holder", "ID-NUMBER", "only this holder's certificates" },
    { NULL, NULL, NULL }
};

static int cmd_list(cli_ctx *ctx)
{
    sc_certificate_query q = SC_CERTIFICATE_QUERY_INIT;
    sc_certificate_iter *it = NULL;
    sc_certificate c = SC_CERTIFICATE_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    size_t shown = 0;
    int rc;
    q.credit_code = cli_opt(ctx, "org");
    q.id_number = cli_opt(ctx, "holder");
    if ((rc = sc_certificate_iter_new(&it, ctx->db, &q)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_certificate_iter_next(&c, it)) == SC_OK) {
        if (ctx->json) {
            if (cli_json_append(arr, cert_json(&c))) {
                rc = SC_ENOMEM;
                break;
            }
        } else {
            print_cert(&c);
            shown++;
        }
    }
    sc_certificate_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    if (!ctx->json && shown == 0)
        printf("(none)\n");     /* as every other list */
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

static const cli_option export_options[] = {
    { "output", "FILE", "write the document to FILE (default: standard output)" },
    { NULL, NULL, NULL }
};

static int cmd_export(cli_ctx *ctx)
{
    const char *out = cli_opt(ctx, "output");
    char *xml = NULL;
    size_t len = 0;
    int rc;
    if (out != NULL) {
        if ((rc = sc_certificate_export_file(ctx->db, ctx->args[0], out)) != SC_OK)
            return cli_fail(rc, NULL);
        if (ctx->json) {
            json_t *root = json_object();
            if (root != NULL && cli_json_set(root, "written", json_string(out))) {
                json_decref(root);
                root = NULL;
            }
            return cli_emit_json(root);
        }
        printf("%s: electronic certificate written to %s\n", ctx->args[0], out);
        return CLI_EXIT_OK;
    }
    if ((rc = sc_certificate_export_memory(&xml, &len, ctx->db, ctx->args[0])) != SC_OK)
        return cli_fail(rc, NULL);
    fwrite(xml, 1, len, stdout);
    sc_free(xml);
    return CLI_EXIT_OK;
}

static const cli_option render_options[] = {
    { "output", "FILE", "the file to write: PDF, or SVG or PNG by its extension (required)" },
    { "verify-url", "URL", "the public address of `skillcert serve` for the QR code "
      "(default " SC_VERIFY_URL_DEFAULT ")" },
    { NULL, NULL, NULL }
};

static int cmd_render(cli_ctx *ctx)
{
    const char *out = cli_opt(ctx, "output");
    int rc;
    if (out == NULL || out[0] == '\0')
        return cli_usage_error(ctx, "--output is required");
    if ((rc = sc_certificate_render(ctx->db, ctx->args[0], out, cli_opt(ctx, "verify-url")))
        != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *root = json_object();
        if (root != NULL && (cli_json_set(root, "number", json_string(ctx->args[0]))
                             || cli_json_set(root, "written", json_string(out)))) {
            json_decref(root);
            root = NULL;
        }
        return cli_emit_json(root);
    }
    printf("%s: certificate rendered to %s\n", ctx->args[0], out);
    return CLI_EXIT_OK;
}

static const cli_option stats_options[] = {
    { "by", "LIST", "group by: occupation, level, district, org, year or month (comma list)" },
    { "from", "YYYY-MM-DD", "first issue date" },
    { "to", "YYYY-MM-DD", "last issue date" },
    { "published-only", NULL, "count published certificates only" },
    { NULL, NULL, NULL }
};

static int parse_by(cli_ctx *ctx, const char *text, unsigned int *flags)
{
    static const struct {
        const char *name;
        unsigned int bit;
    } words[] = { { "occupation", SC_STATS_OCCUPATION }, { "level", SC_STATS_LEVEL },
                  { "district", SC_STATS_DISTRICT },     { "org", SC_STATS_ORG },
                  { "year", SC_STATS_YEAR },             { "month", SC_STATS_MONTH } };
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, ","), k;
        int found = 0;
        for (k = 0; k < sizeof words / sizeof words[0]; k++)
            if (strlen(words[k].name) == n && strncmp(words[k].name, p, n) == 0) {
                *flags |= words[k].bit;
                found = 1;
            }
        if (!found)
            return cli_usage_error(ctx, "--by: '%.*s' is not occupation, level, district, org, "
                                        "year or month", (int)n, p);
        p += n;
        if (*p == ',')
            p++;
    }
    return CLI_EXIT_OK;
}

static int cmd_stats(cli_ctx *ctx)
{
    sc_cert_stats_query q = SC_CERT_STATS_QUERY_INIT;
    sc_cert_stats_iter *it = NULL;
    sc_cert_stats_row r = SC_CERT_STATS_ROW_INIT;
    unsigned int flags = 0;
    json_t *arr = NULL;
    int rc, status;
    long long total = 0;

    if (cli_opt(ctx, "by") != NULL && (status = parse_by(ctx, cli_opt(ctx, "by"), &flags)) != 0)
        return status;
    if (cli_opt(ctx, "published-only") != NULL)
        flags |= SC_STATS_PUBLISHED_ONLY;
    q.flags = flags;
    q.from = cli_opt(ctx, "from");
    q.to = cli_opt(ctx, "to");
    if ((rc = sc_certificate_stats_iter_new(&it, ctx->db, &q)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json && (arr = json_array()) == NULL) {
        sc_cert_stats_iter_free(it);
        return cli_oom();
    }
    while ((rc = sc_certificate_stats_iter_next(&r, it)) == SC_OK) {
        total += r.count;
        if (ctx->json) {
            json_t *o = json_object();
            if (o == NULL
                || ((flags & SC_STATS_OCCUPATION) && cli_json_set(o, "occupation",
                                                                  json_string(r.occupation)))
                || ((flags & SC_STATS_LEVEL) && cli_json_set(o, "level", json_integer(r.level)))
                || ((flags & SC_STATS_DISTRICT) && cli_json_set(o, "district",
                                                                json_string(r.district)))
                || ((flags & SC_STATS_ORG) && cli_json_set(o, "organization",
                                                           json_string(r.credit_code)))
                || ((flags & (SC_STATS_YEAR | SC_STATS_MONTH))
                    && cli_json_set(o, "period", json_string(r.period)))
                || cli_json_set(o, "count", json_integer(r.count)) || cli_json_append(arr, o)) {
                json_decref(o);
                rc = SC_ENOMEM;
                break;
            }
        } else {
            if (flags & SC_STATS_OCCUPATION)
                printf("%-12s ", r.occupation);
            if (flags & SC_STATS_LEVEL)
                printf("level %d  ", r.level);
            if (flags & SC_STATS_DISTRICT)
                printf("%-11s ", r.district);
            if (flags & SC_STATS_ORG)
                printf("%s  ", r.credit_code);
            if (flags & (SC_STATS_YEAR | SC_STATS_MONTH))
                printf("%-8s ", r.period);
            printf("%lld\n", (long long)r.count);
        }
    }
    sc_cert_stats_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    if (ctx->json)
        return cli_emit_json(arr);
    if (flags & 0x3Fu)
        printf("total %lld\n", total);
    return CLI_EXIT_OK;
}

const cli_command cli_cert_commands[] = {
    { "report", cmd_report, NULL, date_options, 2, 2, CHANGE, "SESSION ID-NUMBER [--date D]",
      "certify a passed candidate's level and report it to the city (报备): the number is "
      "allocated (actor: the organization)",
      "Numbers follow 人社鉴发〔2019〕2号: S + 0000 + 11 + the organization's site\n"
      "sequence + year + level + a sequence per (organization, site, year, level)." },
    { "issue", cmd_issue, NULL, issue_options, 1, 1, CHANGE, "NUMBER [--photo REF] [--date D]",
      "make and issue a reported certificate (actor: the organization)", NULL },
    { "publish", cmd_publish, NULL, publish_options, 1, 1, CHANGE,
      "NUMBER [--date D] [--signed FILE --key K --cert C [--at T] [--output OUT]]",
      "publish an issued certificate on the national platform (actor: city-centre); with "
      "--signed, write the organization's signed document countersigned by the centre", NULL },
    { "verify", cmd_verify, NULL, verify_options, 1, 1, CLI_NEEDS_DB | CLI_READS_DB,
      "NUMBER --name NAME [--id ID-NUMBER]",
      "public verification (证书查询): exit 0 valid, 1 not found, revoked, not published "
      "or not the holder", NULL },
    { "revoke", cmd_revoke, NULL, reason_options, 1, 1, CHANGE, "NUMBER --reason TEXT [--date D]",
      "revoke a certificate (actor: the organization or city-centre)", NULL },
    { "reissue", cmd_reissue, NULL, reissue_options, 1, 1, CHANGE,
      "NUMBER --reason TEXT [--name NAME] [--date D]",
      "re-issue a certificate under a new number; the old one is revoked (actor: the "
      "organization)", NULL },
    { "link-post", cmd_link_post, NULL, post_options, 1, 1, CHANGE,
      "NUMBER --enterprise E --post P --post-number N [--date D]",
      "link the enterprise post certificate of 一岗双认 (actor: the organization)", NULL },
    { "show", cmd_show, NULL, NULL, 1, 1, CLI_NEEDS_DB, "NUMBER",
      "show a certificate with all its mandatory content", NULL },
    { "list", cmd_list, NULL, list_options, 0, 0, CLI_NEEDS_DB, "[--org CODE] [--holder ID]",
      "list certificates", NULL },
    { "export", cmd_export, NULL, export_options, 1, 1, CLI_NEEDS_DB, "NUMBER [--output FILE]",
      "write the electronic certificate (XML, urn:skillcert:certificate:1)", NULL },
    { "verify-file", cli_cmd_cert_verify_file, NULL, cli_verify_file_options, 1, 1, 0,
      "FILE --root ROOT.pem [--crl CRL]",
      "check an electronic certificate offline with the bureau's root alone (exit 0 "
      "genuine and published, 1 not)",
      "No registry, no network: signed by the organization it names (certified by the\n"
      "city centre, valid on the signing day), untampered, countersigned by the city\n"
      "centre when published, valid against the certificate schema. Prints the holder." },
    { "render", cmd_render, NULL, render_options, 1, 1, CLI_NEEDS_DB,
      "NUMBER --output FILE [--verify-url URL]",
      "draw the certificate (职业技能等级证书) with its QR code: PDF, SVG or PNG",
      "The QR code holds BASE/?v=1&number=NUMBER&name=NAME (docs/certificate-qr.md),\n"
      "BASE being --verify-url. A revoked certificate is marked 已撤销 with its date." },
    { "stats", cmd_stats, NULL, stats_options, 0, 0, CLI_NEEDS_DB,
      "[--by LIST] [--from D] [--to D] [--published-only]",
      "count certificates in force by occupation, level, district, organization, period",
      NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};
