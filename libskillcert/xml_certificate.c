/*
 * The electronic certificate document (urn:skillcert:certificate:1): export
 * of one certificate, and its document type for validation. Certificate
 * documents are produced by the registry and checked against it with
 * sc_certificate_verify(); importing one is refused (the handler says so).
 */
#include "xml_int.h"
#include "assessment_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CERTIFICATE_NS "urn:skillcert:certificate:1"

extern const char sc__schema_certificate[]; /* resources.c, from schemas/certificate.xsd */

static int cert_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    (void)state, (void)local;
    return sc__xml_refuse_published(ctx, depth, "certificate documents are issued by the "
                                    "registry, not imported: validate them and check them "
                                    "against the registry (certificate verification)");
}

/* Designated: members the handler leaves out (end, finish, cleanup ...) are NULL. */
const sc__doc_handler sc__doc_certificate = {
    .doctype = SC_DOC_CERTIFICATE,
    .root = "certificate",
    .ns = CERTIFICATE_NS,
    .schema = sc__schema_certificate,
    .importer_kind = 0, /* the handler refuses every import itself */
    .start = cert_start,
};

static void attr(sc__buf *b, const char *name, const char *value)
{
    if (!value)
        return;
    sc__buf_printf(b, " %s=\"", name);
    sc__buf_put_xml(b, value);
    sc__buf_puts(b, "\"");
}

/* "2024年05月10日" */
static void date_zh(char *out, size_t cap, const char *date)
{
    snprintf(out, cap, "%.4s年%.2s月%.2s日", date, date + 5, date + 8);
}

static void write_certificate(sc__buf *b, const sc_certificate *c)
{
    char qr[128], when[64], level[16];
    const char *status = c->status == SC_CERT_PUBLISHED ? "published"
                         : c->status == SC_CERT_REVOKED ? "revoked"
                                                         : "issued";
    snprintf(qr, sizeof qr, "%s/?number=%s", SC_CERT_QUERY_URL, c->number);
    snprintf(level, sizeof level, "%d", c->level);
    sc__buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sc__buf_printf(b, "<certificate xmlns=\"%s\" version=\"1\"", CERTIFICATE_NS);
    sc__buf_printf(b, " batch=\"certificate-%s\"", c->number);
    sc__xml_put_parties(b, SC_DOC_CERTIFICATE, c->credit_code, NULL, NULL);
    attr(b, "number", c->number);
    attr(b, "status", status);
    sc__buf_puts(b, ">\n  <title>" SC_CERT_TITLE "</title>\n  <holder");
    attr(b, "name", c->holder);
    attr(b, "id-type", c->id_type);
    attr(b, "id-number", c->id_number);
    attr(b, "photo", c->photo);
    sc__buf_puts(b, "/>\n  <qualification");
    attr(b, "occupation", c->occupation);
    attr(b, "occupation-name", c->occupation_name);
    attr(b, "work-type", c->work_type);
    attr(b, "level", level);
    attr(b, "level-text", c->level_text);
    sc__buf_puts(b, "/>\n  <issuer");
    attr(b, "name", c->org_name);
    attr(b, "credit-code", c->credit_code);
    attr(b, "district", c->district);
    sc__buf_puts(b, "/>\n  <dates");
    attr(b, "certified", c->certified);
    attr(b, "issued", c->issued);
    attr(b, "published", c->published[0] ? c->published : NULL);
    attr(b, "revoked", c->revoked[0] ? c->revoked : NULL);
    sc__buf_puts(b, "/>\n  <body>");
    /* 证书正文 */
    date_zh(when, sizeof when, c->certified);
    sc__buf_put_xml(b, c->holder);
    sc__buf_puts(b, "于");
    sc__buf_puts(b, when);
    sc__buf_puts(b, "经");
    sc__buf_put_xml(b, c->org_name);
    sc__buf_puts(b, "评价认定，");
    sc__buf_put_xml(b, c->occupation_name);
    if (strcmp(c->work_type, "--") != 0) {
        sc__buf_puts(b, "（");
        sc__buf_put_xml(b, c->work_type);
        sc__buf_puts(b, "）");
    }
    sc__buf_puts(b, "职业技能等级为");
    sc__buf_put_xml(b, c->level_text);
    sc__buf_puts(b, "，特发此证。</body>\n  <query");
    attr(b, "qr-code", qr);
    attr(b, "certificate-url", SC_CERT_QUERY_URL);
    attr(b, "organization-url", SC_ORG_QUERY_URL);
    sc__buf_puts(b, "/>\n");
    if (c->post_enterprise[0]) {
        sc__buf_puts(b, "  <post-certificate");
        attr(b, "enterprise", c->post_enterprise);
        attr(b, "post", c->post_name);
        attr(b, "number", c->post_number);
        attr(b, "issued", c->post_issued);
        sc__buf_puts(b, "/>\n");
    }
    if (c->replaces[0]) {
        sc__buf_puts(b, "  <replaces");
        attr(b, "number", c->replaces);
        sc__buf_puts(b, "/>\n");
    }
    if (c->revoked[0]) {
        sc__buf_puts(b, "  <revocation");
        attr(b, "date", c->revoked);
        attr(b, "reason", c->revoke_reason);
        sc__buf_puts(b, "/>\n");
    }
    sc__buf_puts(b, "</certificate>\n");
}

int sc_certificate_export_memory(char **out, size_t *len, sc_db *db, const char *number)
{
    sc_certificate c = SC_CERTIFICATE_INIT;
    sc__buf b;
    int rc;
    if (!out)
        return sc__error_null("sc_certificate_export_memory", "out");
    *out = NULL;
    if (len)
        *len = 0;
    if ((rc = sc__db_check(db, "sc_certificate_export_memory", 0)) != SC_OK ||
        (rc = sc_certificate_get(&c, db, number)) != SC_OK)
        return rc;
    if (!c.issued[0]) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "certificate %s is reported but not issued "
                      "yet: there is no certificate document to give", c.number);
        sc__error_set_field("number");
        return SC_ECONSTRAINT;
    }
    if (!c.photo[0]) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "certificate %s has no holder photo, a "
                      "mandatory item (give it when issuing)", c.number);
        sc__error_set_field("photo");
        return SC_ECONSTRAINT;
    }
    sc__buf_init(&b);
    write_certificate(&b, &c);
    if (b.failed) {
        sc__buf_free(&b);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting a certificate");
    }
    *out = b.data;
    if (len)
        *len = b.len;
    return SC_OK;
}

int sc_certificate_export_file(sc_db *db, const char *number, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    int rc;
    if (!path)
        return sc__error_null("sc_certificate_export_file", "path");
    if ((rc = sc_certificate_export_memory(&data, &len, db, number)) != SC_OK)
        return rc;
    return sc__xml_write_file(path, data, len);
}
