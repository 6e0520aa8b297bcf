/*
 * The catalog document (urn:skillcert:catalog:1): import handler, export,
 * and the notice's own catalog built into the library.
 */
#include "xml_int.h"
#include "catalog_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#define CATALOG_NS "urn:skillcert:catalog:1"

typedef struct {
    char code[SC__CODE_SIZE];
    char occ_effective[11];
    char occ_withdrawn[11];
    char work_type[257];
    char wt_effective[11];
    char wt_withdrawn[11];
    int in_work_type;
} catalog_state;

static void copy_date(char dst[11], const char *src)
{
    snprintf(dst, 11, "%s", src ? src : "");
}

static int applied(sc__xml_ctx *ctx, int rc, const char *field)
{
    if (rc != SC_OK)
        return sc__xml_fail_last(ctx, field);
    return sc__xml_count(ctx);
}

static int catalog_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    catalog_state *s = state;
    if (!ctx->db)
        return SC_OK;
    if (depth == 1 && !strcmp(local, "occupation")) {
        const char *code = sc__xml_attr(ctx, "code");
        const char *name = sc__xml_attr(ctx, "name");
        const char *eff = sc__xml_attr(ctx, "effective");
        int rc;
        if ((rc = sc__occupation_code_norm(code, s->code)) != SC_OK)
            return sc__xml_fail_last(ctx, "code");
        copy_date(s->occ_effective, eff);
        copy_date(s->occ_withdrawn, sc__xml_attr(ctx, "withdrawn"));
        return applied(ctx, sc__catalog_add_occupation(ctx->db, s->code, name, eff), "code");
    }
    if (depth == 2 && !strcmp(local, "alias"))
        return applied(ctx, sc__catalog_add_alias(ctx->db, sc__xml_attr(ctx, "code"), s->code),
                       "code");
    if (depth == 2 && !strcmp(local, "work-type")) {
        const char *name = sc__xml_attr(ctx, "name");
        const char *eff = sc__xml_attr(ctx, "effective");
        snprintf(s->work_type, sizeof s->work_type, "%s", name ? name : "");
        copy_date(s->wt_effective, eff ? eff : s->occ_effective);
        copy_date(s->wt_withdrawn, sc__xml_attr(ctx, "withdrawn"));
        s->in_work_type = 1;
        return applied(ctx,
                       sc__catalog_add_work_type(ctx->db, s->code, s->work_type, s->wt_effective),
                       "name");
    }
    if ((depth == 2 || depth == 3) && !strcmp(local, "offering")) {
        const char *lv = sc__xml_attr(ctx, "level");
        const char *eff = sc__xml_attr(ctx, "effective");
        const char *wd = sc__xml_attr(ctx, "withdrawn");
        const char *wt = depth == 3 ? s->work_type : NULL;
        int level = lv ? atoi(lv) : 0, rc;
        if (!eff)
            eff = depth == 3 ? s->wt_effective : s->occ_effective;
        rc = sc__catalog_add_offering(ctx->db, s->code, wt, level, eff);
        if (rc == SC_OK && wd)
            rc = sc__catalog_withdraw(ctx->db, s->code, wt, level, wd);
        return applied(ctx, rc, wd && rc != SC_OK ? "withdrawn" : "level");
    }
    if (depth == 1 && !strcmp(local, "withdrawal")) {
        const char *lv = sc__xml_attr(ctx, "level");
        return applied(ctx,
                       sc__catalog_withdraw(ctx->db, sc__xml_attr(ctx, "code"),
                                            sc__xml_attr(ctx, "work-type"), lv ? atoi(lv) : 0,
                                            sc__xml_attr(ctx, "date")),
                       "date");
    }
    return SC_OK;
}

static int catalog_end(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    catalog_state *s = state;
    if (!ctx->db)
        return SC_OK;
    if (depth == 2 && !strcmp(local, "work-type")) {
        s->in_work_type = 0;
        if (s->wt_withdrawn[0])
            return applied(ctx,
                           sc__catalog_withdraw(ctx->db, s->code, s->work_type, 0,
                                                s->wt_withdrawn),
                           "withdrawn");
    }
    if (depth == 1 && !strcmp(local, "occupation") && s->occ_withdrawn[0])
        return applied(ctx, sc__catalog_withdraw(ctx->db, s->code, NULL, 0, s->occ_withdrawn),
                       "withdrawn");
    return SC_OK;
}

const sc__doc_handler sc__doc_catalog = {
    SC_DOC_CATALOG, "catalog", CATALOG_NS, sc__schema_catalog, 0,
    SC_ACTOR_CITY_BUREAU, sizeof(catalog_state), catalog_start, catalog_end, NULL, NULL
};

int sc_xml_import_notice(sc_import_result *out, sc_db *db, const sc_actor *actor)
{
    return sc__xml_import(out, db, actor, NULL, sc__data_catalog_notice,
                          sc__data_catalog_notice_len, "catalog-2022-8.xml", NULL, NULL);
}

int sc_catalog_load_notice(sc_db *db, const sc_actor *actor)
{
    return sc_xml_import_notice(NULL, db, actor);
}

/* ---- export ---- */

static int write_offering(sc__buf *b, const sc_occupation *o, size_t i, const char *indent,
                          const char *parent_eff)
{
    const char *eff = sc_occupation_offering_effective(o, i);
    sc__buf_printf(b, "%s<offering level=\"%d\"", indent, sc_occupation_offering_level(o, i));
    if (eff && strcmp(eff, parent_eff))
        sc__buf_attr(b, "effective", eff);
    sc__buf_attr(b, "withdrawn", sc_occupation_offering_withdrawn(o, i));
    return sc__buf_puts(b, "/>\n");
}

static int write_occupation(sc__buf *b, const sc_occupation *o)
{
    size_t i, w, n = sc_occupation_offering_count(o);
    const char *occ_eff = sc_occupation_effective(o);
    sc__buf_puts(b, "  <occupation");
    sc__buf_attr(b, "code", sc_occupation_code(o));
    sc__buf_attr(b, "name", sc_occupation_name(o));
    sc__buf_attr(b, "effective", occ_eff);
    sc__buf_attr(b, "withdrawn", sc_occupation_withdrawn(o));
    sc__buf_puts(b, ">\n");
    for (i = 0; i < sc_occupation_alias_count(o); i++) {
        sc__buf_puts(b, "    <alias");
        sc__buf_attr(b, "code", sc_occupation_alias(o, i));
        sc__buf_puts(b, "/>\n");
    }
    for (i = 0; i < n; i++)
        if (!sc_occupation_offering_work_type(o, i))
            write_offering(b, o, i, "    ", occ_eff);
    for (w = 0; w < sc_occupation_work_type_count(o); w++) {
        const char *wt = sc_occupation_work_type(o, w);
        const char *wt_eff = sc_occupation_work_type_effective(o, w);
        sc__buf_puts(b, "    <work-type");
        sc__buf_attr(b, "name", wt);
        if (strcmp(wt_eff, occ_eff))
            sc__buf_attr(b, "effective", wt_eff);
        sc__buf_attr(b, "withdrawn", sc_occupation_work_type_withdrawn(o, w));
        sc__buf_puts(b, ">\n");
        for (i = 0; i < n; i++) {
            const char *owt = sc_occupation_offering_work_type(o, i);
            if (owt && !strcmp(owt, wt))
                write_offering(b, o, i, "      ", wt_eff);
        }
        sc__buf_puts(b, "    </work-type>\n");
    }
    return sc__buf_puts(b, "  </occupation>\n");
}

int sc__xml_content_id(char hex[SC__CONTENT_ID_SIZE], const sc__buf *body)
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    if (sodium_init() < 0)
        return sc__error_set(SC_ERROR, SC_DOMAIN_OS, "libsodium failed to initialise");
    crypto_hash_sha256(hash, (const unsigned char *)(body->data ? body->data : ""), body->len);
    sodium_bin2hex(hex, SC__CONTENT_ID_SIZE, hash, (SC__CONTENT_ID_SIZE - 1) / 2);
    return SC_OK;
}

int sc__xml_envelope(sc__buf *out, const char *root, const char *ns, sc__buf *body)
{
    char hex[SC__CONTENT_ID_SIZE];
    int rc = body->failed ? sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting")
                          : sc__xml_content_id(hex, body);
    if (rc == SC_OK) {
        sc__buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sc__buf_printf(out, "<%s xmlns=\"%s\" version=\"1\" batch=\"%s-%s\"", root, ns, root,
                       hex);
        sc__xml_put_parties(out, sc_doctype_from_name(root), NULL, NULL, NULL);
        sc__buf_puts(out, " source=\"libskillcert export\">\n");
        if (body->data)
            sc__buf_append(out, body->data, body->len);
        sc__buf_printf(out, "</%s>\n", root);
        if (out->failed)
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting");
    }
    sc__buf_free(body);
    return rc;
}

static int export_catalog(sc__buf *out, sc_db *db)
{
    sc__buf body;
    sc_occupation_iter *it = NULL;
    sc_occupation *o = NULL;
    int rc;

    sc__buf_init(&body);
    if ((rc = sc_occupation_iter_new(&it, db, NULL)) != SC_OK)
        return rc;
    while ((rc = sc_occupation_iter_next(&o, it)) == SC_OK) {
        write_occupation(&body, o);
        sc_occupation_free(o);
    }
    sc_occupation_iter_free(it);
    if (rc != SC_ITEROVER) {
        sc__buf_free(&body);
        return rc;
    }
    return sc__xml_envelope(out, "catalog", CATALOG_NS, &body);
}

int sc_xml_export_memory(char **out, size_t *len, sc_db *db, int doctype)
{
    sc__buf b;
    int rc;
    if (!out)
        return sc__error_null("sc_xml_export_memory", "out");
    *out = NULL;
    if (len)
        *len = 0;
    if ((rc = sc__db_check(db, "sc_xml_export_memory", 0)) != SC_OK)
        return rc;
    sc__buf_init(&b);
    switch (doctype) {
    case SC_DOC_CATALOG:
        rc = export_catalog(&b, db);
        break;
    case SC_DOC_ELIGIBILITY:
        rc = sc__xml_export_eligibility(&b, db);
        break;
    case SC_DOC_CERTIFICATE_BATCH: /* xml_exchange.c: need an organization */
    case SC_DOC_CERTIFICATE_ACK:
    case SC_DOC_REVOCATIONS:
        rc = sc__xml_export_exchange(&b, db, doctype, NULL);
        break;
    default:
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "document type %d cannot be exported",
                             doctype);
    }
    if (rc != SC_OK) {
        sc__buf_free(&b);
        return rc;
    }
    *out = b.data;
    if (len)
        *len = b.len;
    return SC_OK;
}

int sc_xml_export_file(sc_db *db, int doctype, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    FILE *fp;
    int rc;
    if (!path)
        return sc__error_null("sc_xml_export_file", "path");
    if ((rc = sc_xml_export_memory(&data, &len, db, doctype)) != SC_OK)
        return rc;
    fp = fopen(path, "wb");
    if (!fp) {
        sc_free(data);
        return sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, 0,
                                "cannot write '%s'", path);
    }
    if (fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
        sc_free(data);
        return sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, 0,
                                "error writing '%s'", path);
    }
    sc_free(data);
    return SC_OK;
}
