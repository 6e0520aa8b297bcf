/*
 * Exchange documents between the organizations and the city (issue #6):
 *
 *   certificate batch (urn:skillcert:certificate-batch:1, schemas/certificate-batch.xsd)
 *     <certificate-batch batch= credit-code= sent=>
 *       <certificate number= holder= id-number= occupation= [work-type=] level=
 *                    certified= issued= [photo=]/>*
 *     exported by the organization (its issued and published certificates, issued by
 *     `sent`); imported by the city centre, which records and publishes them on `sent`;
 *
 *   certificate acknowledgement (urn:skillcert:certificate-ack:1)
 *     <certificate-ack batch= [answers=] credit-code= issued=>
 *       <certificate number= outcome="published|refused" date= [reason=]/>*
 *     exported by the city centre (published certificates; refused = revoked before
 *     publication); imported by the organization itself, which records each outcome;
 *
 *   revocations (urn:skillcert:revocations:1)
 *     <revocations batch= credit-code= issued=> <revocation number= date= reason=/>* ...
 *     imported by the organization itself or by the city centre (supervision findings).
 *
 * Each import runs in the framework's one transaction, checks its actor on the root
 * element (before "already imported"), then replays each record through the certificate
 * module's internal functions (certificate_int.h), which make the direct calls' checks
 * (issue 11: standing on the days certified and issued, a passed result, the status and
 * dates of publishing and revoking); one audit entry per batch.
 */
#include "xml_int.h"
#include "certificate_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_NS "urn:skillcert:certificate-batch:1"
#define ACK_NS "urn:skillcert:certificate-ack:1"
#define REVOCATIONS_NS "urn:skillcert:revocations:1"

extern const char sc__schema_certificate_batch[]; /* resources.c */
extern const size_t sc__schema_certificate_batch_len;
extern const char sc__schema_certificate_ack[];
extern const size_t sc__schema_certificate_ack_len;
extern const char sc__schema_revocations[];
extern const size_t sc__schema_revocations_len;

/* ---- shared ------------------------------------------------------------------------ */

typedef struct {
    char code[SC_CREDIT_CODE_SIZE];
    char day[SC_DATE_SIZE];   /* sent (batch) */
    sc__strset seen;          /* numbers seen: unique by a business rule (no xs:unique) */
} xchg_state;

static void xchg_cleanup(void *state)
{
    xchg_state *s = state;
    sc__strset_free(&s->seen);
}

/* A required attribute (the handler sees an element before the validator does). */
static int req_attr(sc__xml_ctx *ctx, const char *name, const char **out)
{
    *out = sc__xml_attr(ctx, name);
    if (!*out || !**out)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "attribute '%s' is required", name);
    return SC_OK;
}

static int day_attr(sc__xml_ctx *ctx, const char *name, const char **out)
{
    int rc = req_attr(ctx, name, out);
    if (rc == SC_OK && !sc__date_valid(*out))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name,
                            "'%.40s' is not a day in the form YYYY-MM-DD", *out);
    return rc;
}

/* The library error, at the attribute it names ("id_number" -> "id-number"). */
static int fail_at(sc__xml_ctx *ctx, const char *dflt)
{
    const char *f = sc_error_last()->field;
    char attr[64];
    size_t i;
    if (!f || !*f)
        return sc__xml_fail_last(ctx, dflt);
    snprintf(attr, sizeof attr, "%s", f);
    for (i = 0; attr[i]; i++)
        if (attr[i] == '_')
            attr[i] = '-';
    if (!strcmp(attr, "date") && dflt && !strcmp(dflt, "issued"))
        snprintf(attr, sizeof attr, "%s", dflt);
    return sc__xml_fail_last(ctx, attr);
}

/* The root: the organization named, the actor allowed for it, the organization known. */
static int start_root(sc__xml_ctx *ctx, xchg_state *s, int action, const char *day)
{
    const char *code, *d;
    sc__org_row row;
    int rc;
    if ((rc = req_attr(ctx, "credit-code", &code)) != SC_OK)
        return rc;
    if (sc__credit_code_norm(code, s->code) != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    if ((rc = sc__xml_receive(ctx, action, s->code, "credit-code")) != SC_OK)
        return rc;
    /* The issuer's act: issuing (the organization), publishing (the city centre),
     * revoking (the organization). */
    if ((rc = sc__xml_authorize(ctx, action == SC__ACT_CERT_BATCH_IMPORT ? SC__ACT_CERT_ISSUE
                                     : action == SC__ACT_CERT_ACK_IMPORT ? SC__ACT_CERT_PUBLISH
                                                                         : SC__ACT_CERT_REVOKE,
                                s->code, "issuer")) != SC_OK)
        return rc;
    if (sc__org_find(ctx->db, s->code, &row) != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    if ((rc = day_attr(ctx, day, &d)) != SC_OK)
        return rc;
    snprintf(s->day, sizeof s->day, "%s", d);
    return SC_OK;
}

/* A certificate number not seen before in the document. */
static int new_number(sc__xml_ctx *ctx, xchg_state *s, const char **num)
{
    int rc = req_attr(ctx, "number", num);
    if (rc != SC_OK)
        return rc;
    switch (sc__strset_add(&s->seen, *num)) {
    case 1:
        return SC_OK;
    case 0:
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "number",
                            "certificate %.40s is listed twice in the document", *num);
    default:
        return sc__xml_fail(ctx, SC_ENOMEM, NULL, "out of memory importing");
    }
}

/* The organization's own certificate, as recorded here. */
static int own_certificate(sc__xml_ctx *ctx, xchg_state *s, const char *num, sc_certificate *c)
{
    if (sc_certificate_get(c, ctx->db, num) != SC_OK)
        return sc__xml_fail_last(ctx, "number");
    if (strcmp(c->credit_code, s->code))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "number",
                            "certificate %s was issued by %s, not by %s", c->number,
                            c->credit_code, s->code);
    return SC_OK;
}

/* ---- certificate batch: the city centre publishes ---------------------------------------- */

static int batch_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    xchg_state *s = state;
    sc__cert_in c;
    const char *lv;
    int rc, status = 0;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0)
        return start_root(ctx, s, SC__ACT_CERT_BATCH_IMPORT, "sent");
    if (depth != 1 || strcmp(local, "certificate"))
        return SC_OK;
    memset(&c, 0, sizeof c);
    c.credit_code = s->code;
    if ((rc = new_number(ctx, s, &c.number)) != SC_OK ||
        (rc = req_attr(ctx, "holder", &c.holder)) != SC_OK ||
        (rc = req_attr(ctx, "id-number", &c.id_number)) != SC_OK ||
        (rc = req_attr(ctx, "occupation", &c.occupation)) != SC_OK ||
        (rc = req_attr(ctx, "level", &lv)) != SC_OK ||
        (rc = day_attr(ctx, "certified", &c.certified)) != SC_OK ||
        (rc = day_attr(ctx, "issued", &c.issued)) != SC_OK)
        return rc;
    c.work_type = sc__xml_attr(ctx, "work-type");
    if (!c.work_type)
        c.work_type = "";
    c.photo = sc__xml_attr(ctx, "photo");
    c.level = lv[0] >= '1' && lv[0] <= '5' && !lv[1] ? lv[0] - '0' : 0;
    if (!c.level)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "level", "the level is 1-5, not '%.20s'", lv);
    if (strcmp(c.issued, s->day) > 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "issued",
                            "certificate %.40s was issued on %s, after the batch was sent (%s)",
                            c.number, c.issued, s->day);
    /* The organization's issue, then the centre's publication, each through the
     * certificate module's checks (a revoked certificate is not published). */
    if (sc__certificate_receive(ctx->db, &c, &status) != SC_OK)
        return fail_at(ctx, "number");
    if (status != SC_CERT_PUBLISHED &&
        sc__certificate_set_published(ctx->db, c.number, s->day) != SC_OK)
        return fail_at(ctx, "issued");
    return sc__xml_count(ctx);
}

const sc__doc_handler sc__doc_certificate_batch = {
    SC_DOC_CERTIFICATE_BATCH, "certificate-batch", BATCH_NS, sc__schema_certificate_batch,
    0, 0, sizeof(xchg_state), batch_start, NULL, NULL, xchg_cleanup
};

/* ---- acknowledgement: the organization records the city's answer ---------------------------- */

static int ack_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    xchg_state *s = state;
    sc_certificate c = SC_CERTIFICATE_INIT;
    const char *num, *outcome, *date, *reason;
    int rc;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0)
        return start_root(ctx, s, SC__ACT_CERT_ACK_IMPORT, "issued");
    if (depth != 1 || strcmp(local, "certificate"))
        return SC_OK;
    if ((rc = new_number(ctx, s, &num)) != SC_OK ||
        (rc = req_attr(ctx, "outcome", &outcome)) != SC_OK ||
        (rc = day_attr(ctx, "date", &date)) != SC_OK ||
        (rc = own_certificate(ctx, s, num, &c)) != SC_OK)
        return rc;
    if (!strcmp(outcome, "published")) {
        if (sc__certificate_set_published(ctx->db, c.number, date) != SC_OK)
            return fail_at(ctx, "date");
    } else if (!strcmp(outcome, "refused")) {
        if ((rc = req_attr(ctx, "reason", &reason)) != SC_OK)
            return rc;
        if (c.published[0])
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "outcome",
                                "certificate %s was published on %s; it cannot be refused",
                                c.number, c.published);
        if (sc__certificate_set_revoked(ctx->db, c.number, reason, date) != SC_OK)
            return fail_at(ctx, "date");
    } else {
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "outcome",
                            "the outcome is published or refused, not '%.20s'", outcome);
    }
    return sc__xml_count(ctx);
}

const sc__doc_handler sc__doc_certificate_ack = {
    SC_DOC_CERTIFICATE_ACK, "certificate-ack", ACK_NS, sc__schema_certificate_ack, 0, 0,
    sizeof(xchg_state), ack_start, NULL, NULL, xchg_cleanup
};

/* ---- revocations: the organization or the city centre revokes ------------------------------- */

static int rev_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    xchg_state *s = state;
    sc_certificate c = SC_CERTIFICATE_INIT;
    const char *num, *date, *reason;
    int rc;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0)
        return start_root(ctx, s, SC__ACT_REVOCATIONS_IMPORT, "issued");
    if (depth != 1 || strcmp(local, "revocation"))
        return SC_OK;
    if ((rc = new_number(ctx, s, &num)) != SC_OK || (rc = day_attr(ctx, "date", &date)) != SC_OK ||
        (rc = req_attr(ctx, "reason", &reason)) != SC_OK ||
        (rc = own_certificate(ctx, s, num, &c)) != SC_OK)
        return rc;
    if (sc__certificate_set_revoked(ctx->db, c.number, reason, date) != SC_OK)
        return fail_at(ctx, "date");
    return sc__xml_count(ctx);
}

const sc__doc_handler sc__doc_revocations = {
    SC_DOC_REVOCATIONS, "revocations", REVOCATIONS_NS, sc__schema_revocations, 0, 0,
    sizeof(xchg_state), rev_start, NULL, NULL, xchg_cleanup
};

/* ---- export ------------------------------------------------------------------------------ */

static void attr(sc__buf *b, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    sc__buf_printf(b, " %s=\"", name);
    sc__buf_put_xml(b, value);
    sc__buf_puts(b, "\"");
}

typedef struct {
    char code[SC_CREDIT_CODE_SIZE];
    char day[SC_DATE_SIZE];
    const char *batch;
} export_args;

static int export_args_get(export_args *a, const sc_export_options *opts, const char *func)
{
    memset(a, 0, sizeof(*a));
    if (opts && sc__export_options_check(opts) != SC_OK)
        return sc_error_last()->code;
    if (!opts || !opts->credit_code)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "%s: this document is about one organization: name its credit code",
                             func);
    if (sc__credit_code_norm(opts->credit_code, a->code) != SC_OK)
        return sc_error_last()->code;
    if (sc__date_arg(opts->date, "date", a->day) != SC_OK)
        return sc_error_last()->code;
    a->batch = opts->batch;
    return SC_OK;
}

/* Write root + body; the batch id, unless given, comes from the content so that the same
 * registry state exports the same document. */
static int finish_doc(sc__buf *out, sc__buf *body, int doctype, const char *root,
                      const char *ns, const export_args *a, const char *day_attr_name)
{
    char batch[SC__BATCH_ID_SIZE];
    sc__xml_part parts[3];
    int rc;
    if (body->failed)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting");
    parts[0].data = a->code, parts[0].len = strlen(a->code);
    parts[1].data = a->day, parts[1].len = strlen(a->day);
    parts[2].data = body->data, parts[2].len = body->len;
    if ((rc = sc__xml_batch_id(batch, root, a->batch, parts, 3)) != SC_OK)
        return rc;
    sc__buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sc__buf_printf(out, "<%s xmlns=\"%s\" version=\"1\"", root, ns);
    attr(out, "batch", batch);
    sc__xml_put_parties(out, doctype, a->code, NULL, NULL);
    attr(out, "credit-code", a->code);
    attr(out, day_attr_name, a->day);
    sc__buf_puts(out, ">\n");
    if (body->data)
        sc__buf_append(out, body->data, body->len);
    sc__buf_printf(out, "</%s>\n", root);
    return out->failed ? sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting")
                       : SC_OK;
}

static void write_batch_item(sc__buf *b, const sc_certificate *c, const export_args *a)
{
    if ((c->status != SC_CERT_ISSUED && c->status != SC_CERT_PUBLISHED) ||
        strcmp(c->issued, a->day) > 0)
        return;
    sc__buf_puts(b, "  <certificate");
    attr(b, "number", c->number);
    attr(b, "holder", c->holder);
    attr(b, "id-number", c->id_number);
    attr(b, "occupation", c->occupation);
    if (strcmp(c->work_type, "--"))
        attr(b, "work-type", c->work_type);
    sc__buf_printf(b, " level=\"%d\"", c->level);
    attr(b, "certified", c->certified);
    attr(b, "issued", c->issued);
    attr(b, "photo", c->photo);
    sc__buf_puts(b, "/>\n");
}

static void write_ack_item(sc__buf *b, const sc_certificate *c, const export_args *a)
{
    if (c->published[0] && strcmp(c->published, a->day) <= 0) {
        sc__buf_puts(b, "  <certificate");
        attr(b, "number", c->number);
        sc__buf_puts(b, " outcome=\"published\"");
        attr(b, "date", c->published);
        sc__buf_puts(b, "/>\n");
    } else if (!c->published[0] && c->status == SC_CERT_REVOKED &&
               strcmp(c->revoked, a->day) <= 0) {
        sc__buf_puts(b, "  <certificate");
        attr(b, "number", c->number);
        sc__buf_puts(b, " outcome=\"refused\"");
        attr(b, "date", c->revoked);
        attr(b, "reason", c->revoke_reason);
        sc__buf_puts(b, "/>\n");
    }
}

static void write_revocation(sc__buf *b, const sc_certificate *c, const export_args *a)
{
    if (c->status != SC_CERT_REVOKED || strcmp(c->revoked, a->day) > 0)
        return;
    sc__buf_puts(b, "  <revocation");
    attr(b, "number", c->number);
    attr(b, "date", c->revoked);
    attr(b, "reason", c->revoke_reason);
    sc__buf_puts(b, "/>\n");
}

int sc__xml_export_exchange(sc__buf *out, sc_db *db, int doctype, const sc_export_options *opts)
{
    void (*item)(sc__buf *, const sc_certificate *, const export_args *);
    const char *root, *ns, *day_name = "issued";
    export_args a;
    sc__buf body;
    sc_certificate_query q = SC_CERTIFICATE_QUERY_INIT;
    sc_certificate_iter *it = NULL;
    sc_certificate c = SC_CERTIFICATE_INIT;
    int rc;

    switch (doctype) {
    case SC_DOC_CERTIFICATE_BATCH:
        item = write_batch_item, root = "certificate-batch", ns = BATCH_NS, day_name = "sent";
        break;
    case SC_DOC_CERTIFICATE_ACK:
        item = write_ack_item, root = "certificate-ack", ns = ACK_NS;
        break;
    case SC_DOC_REVOCATIONS:
        item = write_revocation, root = "revocations", ns = REVOCATIONS_NS;
        break;
    default:
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "document type %d cannot be exported",
                             doctype);
    }
    if ((rc = export_args_get(&a, opts, "sc_xml_exchange_export_memory")) != SC_OK)
        return rc;
    q.credit_code = a.code;
    if ((rc = sc_certificate_iter_new(&it, db, &q)) != SC_OK)
        return rc;
    sc__buf_init(&body);
    while ((rc = sc_certificate_iter_next(&c, it)) == SC_OK)
        item(&body, &c, &a);
    sc_certificate_iter_free(it);
    if (rc == SC_ITEROVER)
        rc = finish_doc(out, &body, doctype, root, ns, &a, day_name);
    sc__buf_free(&body);
    return rc;
}

/* ---- documents the registry publishes (certificate, credit evaluation) ------------------- */

int sc__xml_refuse_published(sc__xml_ctx *ctx, int depth, const char *why)
{
    if (ctx->db && depth == 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, NULL, "%s", why);
    return SC_OK;
}

int sc__xml_write_file(const char *path, char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    int ok;
    if (!fp) {
        sc_free(data);
        return sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, 0, "cannot write '%s'",
                                path);
    }
    ok = fwrite(data, 1, len, fp) == len;
    sc_free(data);
    if (fclose(fp) != 0 || !ok)
        return sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, 0, "error writing '%s'",
                                path);
    return SC_OK;
}
