/*
 * XML exchange core: detection, streaming validation, limits, error reports,
 * the all-or-nothing import frame and batch bookkeeping.
 *
 * Safety: the reader is opened with XML_PARSE_NONET and without NOENT,
 * DTDLOAD, DTDATTR or HUGE, so no external resource is ever read and no
 * entity is expanded; any DOCTYPE is refused outright. Depth, text size and
 * the number of errors are bounded by sc_import_options.
 */
#include "xml_int.h"
#include "audit_int.h"
#include "authz_int.h"
#include "pki_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/parser.h>
#include <openssl/evp.h>
#include <libxml/xmlschemas.h>
#include <sodium.h>

/* Page cache during an import, in KiB (SQLite's default is 2000). */
#define SC__IMPORT_CACHE_KIB "65536"

#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT)

/* The document types an import may find come from its caller: the dispatcher
 * (xml_dispatch.c) passes the table of every type, a document module's own
 * import (the notice's catalog, the default rules) passes its own type. */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void)
{
    xmlInitParser();
    /* Picks the fastest BLAKE2b; generichash works (portably) even if it fails. */
    if (sodium_init() < 0)
        return;
}

int sc_import_options_init(sc_import_options *opts, unsigned int version)
{
    if (!opts)
        return sc__error_null("sc_import_options_init", "opts");
    if (version != SC_IMPORT_OPTIONS_VERSION)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_import_options version %u is not known to this library",
                             version);
    {
        sc_import_options d = SC_IMPORT_OPTIONS_INIT;
        *opts = d;
    }
    return SC_OK;
}

static int resolve_options(sc_import_options *o, const sc_import_options *opts)
{
    sc_import_options d = SC_IMPORT_OPTIONS_INIT;
    if (opts) {
        if (opts->version != SC_IMPORT_OPTIONS_VERSION)
            return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                                 "sc_import_options version %u is not known to this library",
                                 opts->version);
        d = *opts;
        if (d.max_errors == 0)
            d.max_errors = 100;
        if (d.max_depth == 0)
            d.max_depth = 64;
        if (d.max_depth > SC__XML_MAX_STACK)
            d.max_depth = SC__XML_MAX_STACK;
        if (d.max_text == 0)
            d.max_text = 1048576;
    }
    *o = d;
    return SC_OK;
}

/* ---- input ---- */

typedef struct {
    FILE *fp;
    const char *data;
    size_t len, pos;
    EVP_MD_CTX *md;   /* when set: SHA-256 of every byte read from fp (issue 12) */
} input;

static int input_read(void *p, char *buf, int n)
{
    input *in = p;
    if (in->fp) {
        size_t got = fread(buf, 1, (size_t)n, in->fp);
        if (got == 0 && ferror(in->fp))
            return -1;
        if (in->md && got > 0 && EVP_DigestUpdate(in->md, buf, got) != 1)
            return -1;
        return (int)got;
    } else {
        size_t left = in->len - in->pos;
        size_t take = left < (size_t)n ? left : (size_t)n;
        memcpy(buf, in->data + in->pos, take);
        in->pos += take;
        return (int)take;
    }
}

static int input_close(void *p)
{
    (void)p; /* the caller closes the file */
    return 0;
}

static int input_open(input *in, const char *path, const char *data, size_t len,
                      uint64_t *total)
{
    memset(in, 0, sizeof(*in));
    if (path) {
        struct stat stv;
        in->fp = fopen(path, "rb");
        if (!in->fp)
            return sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, errno,
                                    "cannot read '%s': %s", path, strerror(errno));
        if (fstat(fileno(in->fp), &stv) == 0 && S_ISDIR(stv.st_mode)) {
            fclose(in->fp);
            in->fp = NULL;
            return sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, EISDIR,
                                    "cannot read '%s': it is a directory", path);
        }
        *total = fstat(fileno(in->fp), &stv) == 0 ? (uint64_t)stv.st_size : 0;
    } else {
        in->data = data;
        in->len = len;
        *total = len;
    }
    return SC_OK;
}

static void input_release(input *in)
{
    if (in->fp)
        fclose(in->fp);
    in->fp = NULL;
    EVP_MD_CTX_free(in->md);
    in->md = NULL;
}

/* Issue 12: the bytes the import read (and the rest of the file, if the parser
 * stopped before its end) are those the detached signature covers. */
static int input_digest_matches(input *in, const unsigned char want[32])
{
    unsigned char buf[65536], got[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    size_t r;
    while ((r = fread(buf, 1, sizeof buf, in->fp)) > 0)
        if (EVP_DigestUpdate(in->md, buf, r) != 1)
            return 0;
    if (ferror(in->fp) || EVP_DigestFinal_ex(in->md, got, &n) != 1 || n != 32)
        return 0;
    return memcmp(got, want, 32) == 0;
}

/* ---- errors ---- */

static void build_path(sc__xml_ctx *ctx, char *buf, size_t cap, const char *attr)
{
    size_t o = 0;
    int i;
    buf[0] = '\0';
    for (i = 0; i < ctx->depth && i < SC__XML_MAX_STACK; i++) {
        int n;
        if (i == 0)
            n = snprintf(buf + o, cap - o, "%s", (const char *)ctx->names[i]);
        else
            n = snprintf(buf + o, cap - o, "/%s[%u]", (const char *)ctx->names[i],
                         ctx->index[i]);
        if (n < 0 || (size_t)n >= cap - o)
            return;
        o += (size_t)n;
    }
    if (attr && *attr)
        snprintf(buf + o, cap - o, "%s@%s", o ? "/" : "", attr);
}

/* Path of a node the reader reports an error for. Validation errors arrive
 * before the loop below has pushed that node, so the node's own depth and
 * name decide its position: an open element on the stack keeps its index; a
 * node not yet pushed is the next sibling at its depth. */
static void node_path(sc__xml_ctx *ctx, xmlNodePtr node, char *buf, size_t cap,
                      const char *attr)
{
    const xmlChar *names[SC__XML_MAX_STACK];
    int d = 0, i;
    size_t o = 0;
    xmlNodePtr n;
    for (n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        if (d < SC__XML_MAX_STACK)
            names[d++] = n->name;
    buf[0] = '\0';
    for (i = 0; i < d; i++) {
        const xmlChar *name = names[d - 1 - i];
        unsigned idx;
        int w;
        if (i < ctx->depth && xmlStrEqual(ctx->names[i], name))
            idx = ctx->index[i];
        else
            idx = (i < SC__XML_MAX_STACK ? ctx->index[i] : 0) + (i < ctx->depth ? 0 : 1);
        if (i == 0)
            w = snprintf(buf + o, cap - o, "%s", (const char *)name);
        else
            w = snprintf(buf + o, cap - o, "/%s[%u]", (const char *)name, idx);
        if (w < 0 || (size_t)w >= cap - o)
            return;
        o += (size_t)w;
    }
    if (attr && *attr)
        snprintf(buf + o, cap - o, "%s@%s", o ? "/" : "", attr);
}

/* Record one problem; the first becomes the thread's last error. */
static void record(sc__xml_ctx *ctx, int severity, int code, int domain, int line, int col,
                   const char *field, int cause, const char *msg);
static void stop(sc__xml_ctx *ctx);

/* A refusal of hostile input: stops reading, and becomes the result and the
 * last error even when schema errors came first. */
static void emit_fatal(sc__xml_ctx *ctx, int line, int col, const char *msg);
static void emit_record(sc__xml_ctx *ctx, int severity, int code, int domain, int line, int col,
                        const char *field, int cause, const char *msg);

static void fatal(sc__xml_ctx *ctx, int line, int col, const char *msg)
{
    if (ctx->producer) {
        if (!ctx->stopped)
            emit_fatal(ctx, line, col, msg);
        stop(ctx);
        return;
    }
    record(ctx, SC_SEVERITY_ERROR, SC_EXML, SC_DOMAIN_XML, line, col, "", 0, msg);
    if (!ctx->fatal_code) {
        ctx->fatal_code = SC_EXML;
        sc__error_set_at(SC_EXML, SC_DOMAIN_XML, ctx->source, line, col, "", 0, "%s", msg);
    }
    stop(ctx);
}

static void record(sc__xml_ctx *ctx, int severity, int code, int domain, int line, int col,
                   const char *field, int cause, const char *msg)
{
    if (ctx->stopped)
        return; /* what comes after a refusal or the error limit is not reported */
    if (ctx->producer) { /* the caller's thread records it, in order */
        emit_record(ctx, severity, code, domain, line, col, field, cause, msg);
        if (severity == SC_SEVERITY_ERROR && ++ctx->errors > ctx->opts.max_errors)
            stop(ctx);
        return;
    }
    if (severity == SC_SEVERITY_ERROR) {
        /* One message per problem: the handler speaks first on an element (its start is
         * replayed before the validator's verdict on its attributes), and says more
         * (the levels offered, the record it conflicts with); the schema's second word
         * on the same field at the same place is not repeated. */
        if (field && field[0] && line == ctx->last_line && col == ctx->last_col &&
            !strcmp(field, ctx->last_field))
            return;
        ctx->last_line = line;
        ctx->last_col = col;
        snprintf(ctx->last_field, sizeof ctx->last_field, "%s", field ? field : "");
        ctx->errors++;
        if (ctx->errors == 1) {
            ctx->first_code = code;
            sc__error_set_at(code, domain, ctx->source, line, col, field, cause, "%s", msg);
        }
        if (ctx->errors > ctx->opts.max_errors) {
            stop(ctx);
            return;
        }
        if (ctx->errors == ctx->opts.max_errors) {
            sc__report_add(ctx->report, severity, code, domain, ctx->source, line, col, field,
                           cause, msg);
            sc__report_add(ctx->report, SC_SEVERITY_ERROR, code, domain, ctx->source, line, col,
                           "", 0, "too many errors; stopped reading");
            stop(ctx);
            return;
        }
    }
    sc__report_add(ctx->report, severity, code, domain, ctx->source, line, col, field, cause,
                   msg);
}

static int cur_line(sc__xml_ctx *ctx)
{
    if (!ctx->producer && ctx->pipe)
        return ctx->ev_line;
    if (ctx->parser)
        return xmlSAX2GetLineNumber(ctx->parser);
    return ctx->reader ? xmlTextReaderGetParserLineNumber(ctx->reader) : 0;
}

static int cur_col(sc__xml_ctx *ctx)
{
    if (!ctx->producer && ctx->pipe)
        return ctx->ev_col;
    if (ctx->parser)
        return xmlSAX2GetColumnNumber(ctx->parser);
    return ctx->reader ? xmlTextReaderGetParserColumnNumber(ctx->reader) : 0;
}

int sc__xml_fail(sc__xml_ctx *ctx, int code, const char *field, const char *fmt, ...)
{
    char msg[1024], path[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    build_path(ctx, path, sizeof path, field);
    record(ctx, SC_SEVERITY_ERROR, code, SC_DOMAIN_RULES, cur_line(ctx), cur_col(ctx), path, 0,
           msg);
    return code;
}

int sc__xml_fail_last(sc__xml_ctx *ctx, const char *field)
{
    const sc_error *e = sc_error_last();
    char msg[1024], path[512];
    int code = e->code ? e->code : SC_ERROR;
    snprintf(msg, sizeof msg, "%s", e->message);
    if (code == SC_EINVAL || code == SC_ENOTFOUND || code == SC_EEXISTS ||
        code == SC_ECONSTRAINT)
        code = SC_EINVALIDDOC;
    build_path(ctx, path, sizeof path, field ? field : e->field);
    record(ctx, SC_SEVERITY_ERROR, code, SC_DOMAIN_RULES, cur_line(ctx), cur_col(ctx), path,
           e->cause, msg);
    return code;
}

/* A refusal in the auth domain: the import's result; reading stops. */
static int refuse(sc__xml_ctx *ctx, const char *field, const char *msg)
{
    char path[512];
    build_path(ctx, path, sizeof path, field);
    record(ctx, SC_SEVERITY_ERROR, SC_EDENIED, SC_DOMAIN_AUTH, cur_line(ctx), cur_col(ctx), path,
           0, msg);
    if (!ctx->fatal_code) {
        ctx->fatal_code = SC_EDENIED;
        sc__error_set_at(SC_EDENIED, SC_DOMAIN_AUTH, ctx->source, cur_line(ctx), cur_col(ctx),
                         path, 0, "%s", msg);
    }
    stop(ctx);
    return SC_EDENIED;
}

static int authorize_as(sc__xml_ctx *ctx, const sc_actor *who, int action, const char *subject,
                        const char *field, const char *as)
{
    char msg[1024];
    int rc = sc__authorize(ctx->db, who, action, subject);
    if (rc != SC_EDENIED)
        return rc == SC_OK ? SC_OK : sc__xml_fail_last(ctx, field);
    snprintf(msg, sizeof msg, "%s%s", as, sc_error_last()->message);
    return refuse(ctx, field, msg);
}

int sc__xml_authorize(sc__xml_ctx *ctx, int action, const char *subject, const char *field)
{
    const sc_actor *issuer = NULL;
    int rc;
    if ((rc = sc__xml_issuer(ctx, &issuer)) != SC_OK)
        return rc;
    return authorize_as(ctx, issuer, action, subject, field,
                        "the document's issuer may not do what it records: ");
}

int sc__xml_receive(sc__xml_ctx *ctx, int action, const char *subject, const char *field)
{
    return authorize_as(ctx, ctx->actor, action, subject, field, "");
}

/* ---- parties ---- */

static const sc__doc_parties parties[] = {
    { SC_DOC_CATALOG, "catalog", SC__PARTY_CITY_BUREAU, SC__PARTY_NONE },
    { SC_DOC_ELIGIBILITY, "eligibility", SC__PARTY_CITY_BUREAU, SC__PARTY_NONE },
    { SC_DOC_CERTIFICATE, "certificate", SC__PARTY_ORG, SC__PARTY_NONE },
    { SC_DOC_CANDIDATE_BATCH, "candidate-batch", SC__PARTY_ORG, SC__PARTY_DISTRICT },
    { SC_DOC_CONFIRMATION, "confirmation", SC__PARTY_DISTRICT, SC__PARTY_ORG },
    { SC_DOC_CERTIFICATE_BATCH, "certificate-batch", SC__PARTY_ORG, SC__PARTY_CITY_CENTRE },
    { SC_DOC_CERTIFICATE_ACK, "certificate-ack", SC__PARTY_CITY_CENTRE, SC__PARTY_ORG },
    { SC_DOC_REVOCATIONS, "revocations", SC__PARTY_ORG, SC__PARTY_CITY_CENTRE },
    { SC_DOC_ORG_APPLICATION, "organization-application", SC__PARTY_ORG, SC__PARTY_DISTRICT },
    { SC_DOC_RECOMMENDATION, "district-recommendation", SC__PARTY_DISTRICT,
      SC__PARTY_CITY_CENTRE },
    { SC_DOC_EVALUATION_RESULT, "evaluation-result", SC__PARTY_CITY_CENTRE, SC__PARTY_ORG },
    { SC_DOC_DIRECTORY, "directory", SC__PARTY_CITY, SC__PARTY_NONE },
    { SC_DOC_RESULTS_REPORT, "results-report", SC__PARTY_ORG, SC__PARTY_CITY_CENTRE },
    { SC_DOC_CREDIT, "credit-evaluation", SC__PARTY_CITY_CENTRE, SC__PARTY_NONE },
    { SC_DOC_FINDINGS, "supervision-findings", SC__PARTY_INSPECTOR, SC__PARTY_CITY_CENTRE },
};

const sc__doc_parties *sc__xml_parties(int doctype)
{
    size_t i;
    for (i = 0; i < sizeof parties / sizeof parties[0]; i++)
        if (parties[i].doctype == doctype)
            return &parties[i];
    return NULL;
}

/* A public document: no addressee, any party may import it (issue 11, item 2). */
static int is_public(int doctype)
{
    const sc__doc_parties *p = sc__xml_parties(doctype);
    return p && p->addressee == SC__PARTY_NONE;
}

/* A party of the exchange: the city bureau, the city centre, a district bureau, an
 * organization. A candidate or the public receives no document. */
static int is_party(const sc_actor *a)
{
    return a && (a->kind == SC_ACTOR_CITY_BUREAU || a->kind == SC_ACTOR_CITY_CENTRE ||
                 a->kind == SC_ACTOR_DISTRICT || a->kind == SC_ACTOR_ORGANIZATION);
}

static const sc__doc_parties *parties_of_root(const char *root)
{
    size_t i;
    for (i = 0; i < sizeof parties / sizeof parties[0]; i++)
        if (!strcmp(parties[i].root, root))
            return &parties[i];
    return NULL;
}

/* The party text of a role (exporting): "" when the data to name it is missing. */
static void party_text(char *buf, size_t cap, int role, const char *code, const char *district)
{
    switch (role) {
    case SC__PARTY_CITY_BUREAU: snprintf(buf, cap, "city-bureau"); break;
    case SC__PARTY_CITY:
    case SC__PARTY_INSPECTOR:
    case SC__PARTY_CITY_CENTRE: snprintf(buf, cap, "city-centre"); break;
    case SC__PARTY_DISTRICT:
        snprintf(buf, cap, "%s%s", district && *district ? "district:" : "",
                 district ? district : "");
        break;
    case SC__PARTY_ORG:
        snprintf(buf, cap, "%s%s", code && *code ? "org:" : "", code ? code : "");
        break;
    default: buf[0] = '\0';
    }
}

void sc__xml_put_parties(sc__buf *b, int doctype, const char *code, const char *district,
                         const char *issuer)
{
    const sc__doc_parties *p = sc__xml_parties(doctype);
    char text[64];
    if (!p)
        return;
    if (issuer && *issuer)
        snprintf(text, sizeof text, "%s", issuer);
    else
        party_text(text, sizeof text, p->issuer, code, district);
    sc__buf_printf(b, " issuer=\"%s\"", text);
    if (p->addressee == SC__PARTY_NONE)
        return;
    party_text(text, sizeof text, p->addressee, code, district);
    if (text[0])
        sc__buf_printf(b, " addressee=\"%s\"", text);
}

/* A credit code character of the schemas' pattern (no I, O, S, V, Z). */
static int cc_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && !strchr("IOSVZ", c));
}

/* The schemas' Party pattern: district:11NNNN, org: and a credit code's shape. */
static int scope_shape_ok(int kind, const char *s)
{
    size_t i, n = strlen(s);
    if (kind == SC_ACTOR_DISTRICT) {
        if (n != 6 || s[0] != '1' || s[1] != '1')
            return 0;
        for (i = 2; i < n; i++)
            if (s[i] < '0' || s[i] > '9')
                return 0;
        return 1;
    }
    if (n != 18)
        return 0;
    for (i = 0; i < n; i++)
        if (!cc_char(s[i]) || (i >= 2 && i < 8 && (s[i] < '0' || s[i] > '9')))
            return 0;
    return 1;
}

/* Parse a party text into kind and scope ("" for the city). 0 when it is none. */
static int parse_party(const char *text, int *kind, char *scope, size_t cap)
{
    scope[0] = '\0';
    if (!text)
        return 0;
    if (!strcmp(text, "city-bureau"))
        *kind = SC_ACTOR_CITY_BUREAU;
    else if (!strcmp(text, "city-centre"))
        *kind = SC_ACTOR_CITY_CENTRE;
    else if (!strncmp(text, "district:", 9) && text[9]) {
        *kind = SC_ACTOR_DISTRICT;
        snprintf(scope, cap, "%s", text + 9);
    } else if (!strncmp(text, "org:", 4) && text[4]) {
        *kind = SC_ACTOR_ORGANIZATION;
        snprintf(scope, cap, "%s", text + 4);
    } else
        return 0;
    return scope[0] == '\0' || scope_shape_ok(*kind, scope);
}

/* The kinds a role admits. */
static int role_admits(int role, int kind)
{
    switch (role) {
    case SC__PARTY_CITY_BUREAU: return kind == SC_ACTOR_CITY_BUREAU;
    case SC__PARTY_CITY_CENTRE: return kind == SC_ACTOR_CITY_CENTRE;
    case SC__PARTY_CITY: return kind == SC_ACTOR_CITY_BUREAU || kind == SC_ACTOR_CITY_CENTRE;
    case SC__PARTY_DISTRICT: return kind == SC_ACTOR_DISTRICT;
    case SC__PARTY_ORG: return kind == SC_ACTOR_ORGANIZATION;
    case SC__PARTY_INSPECTOR: return kind == SC_ACTOR_CITY_CENTRE || kind == SC_ACTOR_DISTRICT;
    default: return 0;
    }
}

static const char *role_text(int role)
{
    switch (role) {
    case SC__PARTY_CITY_BUREAU: return "the city bureau (city-bureau)";
    case SC__PARTY_CITY_CENTRE: return "the city centre (city-centre)";
    case SC__PARTY_CITY: return "the city (city-centre or city-bureau)";
    case SC__PARTY_DISTRICT: return "the bureau of the organization's district (district:NNNNNN)";
    case SC__PARTY_ORG: return "the organization itself (org:CODE)";
    case SC__PARTY_INSPECTOR: return "the inspecting city centre or district bureau";
    default: return "nobody";
    }
}

/* Same scope, ASCII case-insensitive, blanks around ignored. */
static int same_scope(const char *a, const char *b)
{
    size_t la, lb;
    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    la = strlen(a);
    lb = strlen(b);
    while (la && a[la - 1] == ' ')
        la--;
    while (lb && b[lb - 1] == ' ')
        lb--;
    if (la != lb)
        return 0;
    for (; la; la--, a++, b++) {
        char x = *a, y = *b;
        if (x >= 'a' && x <= 'z')
            x = (char)(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z')
            y = (char)(y - 'a' + 'A');
        if (x != y)
            return 0;
    }
    return 1;
}

int sc__xml_issuer(sc__xml_ctx *ctx, const sc_actor **out)
{
    /* Issue 12: with a trust anchor, the signature verified before reading (prove())
     * names the signer and the issuer must be that signer; without one (a development
     * registry: prove() refuses everything otherwise) the document declares it and
     * this is the one place that believes it. */
    const char *text;
    char scope[64];
    int kind = 0;
    *out = NULL;
    if (ctx->issuer) {
        *out = ctx->issuer;
        return SC_OK;
    }
    text = sc__xml_attr(ctx, "issuer");
    if (!text || !*text || !parse_party(text, &kind, scope, sizeof scope)) {
        /* Required, with its pattern, by every schema: the validator reports it once
         * (no second message here); nothing is applied. */
        ctx->handler_ok = 0;
        return SC_EINVALIDDOC;
    }
    if (ctx->signer[0] && strcmp(text, ctx->signer) != 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "signature refused (wrong-party): the document names %.70s as "
                 "its issuer but is signed by %s", text, ctx->signer);
        return refuse(ctx, "issuer", msg);
    }
    if (sc_actor_new(&ctx->issuer, kind, scope[0] ? scope : NULL, NULL) != SC_OK)
        return sc__xml_fail_last(ctx, "issuer");
    *out = ctx->issuer;
    return SC_OK;
}

/* The root's parties: the issuer is of the document type's issuer role; the importing
 * actor is the addressee (any actor for a public document). */
static int check_parties(sc__xml_ctx *ctx, const char *root)
{
    const sc__doc_parties *p = parties_of_root(root);
    const sc_actor *issuer = NULL;
    const char *to = sc__xml_attr(ctx, "addressee");
    char msg[512], scope[64];
    int rc, kind = 0;
    if (!p)
        return SC_OK;
    if ((rc = sc__xml_issuer(ctx, &issuer)) != SC_OK)
        return rc;
    if (!role_admits(p->issuer, issuer->kind)) {
        snprintf(msg, sizeof msg, "this %s document is issued by %s; %s may not issue it",
                 root, role_text(p->issuer), issuer->label);
        return refuse(ctx, "issuer", msg);
    }
    if (!ctx->db)
        return SC_OK; /* validating: no receiver */
    if (p->addressee == SC__PARTY_NONE) { /* public: any party may import it */
        if (is_party(ctx->actor))
            return SC_OK;
        snprintf(msg, sizeof msg,
                 "this %s document is public: any party of the exchange (city bureau, city "
                 "centre, district bureau, organization) may import it, but not %s",
                 root, ctx->actor ? ctx->actor->label : "an unnamed actor");
        return refuse(ctx, NULL, msg);
    }
    if (!to || !*to)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "addressee",
                            "this %s document must name its addressee, %s", root,
                            role_text(p->addressee));
    if (!parse_party(to, &kind, scope, sizeof scope)) {
        ctx->handler_ok = 0; /* not a party: the schema's pattern reports it, once */
        return SC_EINVALIDDOC;
    }
    if (!role_admits(p->addressee, kind)) {
        snprintf(msg, sizeof msg, "this %s document is addressed to %s, not %.60s", root,
                 role_text(p->addressee), to);
        return refuse(ctx, "addressee", msg);
    }
    if (!ctx->actor || ctx->actor->kind != kind || !same_scope(ctx->actor->scope, scope)) {
        snprintf(msg, sizeof msg,
                 "this %s document is addressed to %.60s; %s, who is not its addressee, may "
                 "not import it",
                 root, to, ctx->actor ? ctx->actor->label : "an unnamed actor");
        return refuse(ctx, "addressee", msg);
    }
    return SC_OK;
}

/* Pull "attribute 'x'" out of a libxml2 schema message for the field path. */
static void attr_from_message(const char *msg, char *out, size_t cap)
{
    const char *p = strstr(msg, "attribute '");
    out[0] = '\0';
    if (p) {
        const char *q;
        p += strlen("attribute '");
        q = strchr(p, '\'');
        if (q && (size_t)(q - p) < cap) {
            memcpy(out, p, (size_t)(q - p));
            out[q - p] = '\0';
        }
    }
}

static void structured_error(void *userdata, xmlErrorPtr err)
{
    sc__xml_ctx *ctx = userdata;
    char msg[1024], path[512], attr[128];
    size_t n;
    int schema, code, severity;

    if (!err)
        return;
    snprintf(msg, sizeof msg, "%s", err->message ? err->message : "XML error");
    n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    if (strstr(msg, "No precomputed value available"))
        return; /* libxml2's follow-up noise after a facet error */
    schema = err->domain == XML_FROM_SCHEMASV || err->domain == XML_FROM_SCHEMASP ||
             err->domain == XML_FROM_VALID;
    code = schema ? SC_EINVALIDDOC : SC_EXML;
    severity = err->level == XML_ERR_WARNING ? SC_SEVERITY_WARNING : SC_SEVERITY_ERROR;
    attr_from_message(msg, attr, sizeof attr);
    {
        xmlNodePtr node = err->node;
        if (node && node->type == XML_ATTRIBUTE_NODE) {
            if (!attr[0] && node->name)
                snprintf(attr, sizeof attr, "%s", (const char *)node->name);
            node = node->parent;
        }
        err->node = node;
    }
    if (err->node && ((xmlNodePtr)err->node)->type == XML_ELEMENT_NODE)
        node_path(ctx, (xmlNodePtr)err->node, path, sizeof path, attr);
    else
        build_path(ctx, path, sizeof path, attr);
    {
        int line = err->line, col = err->int2;
        if (line <= 0 && ctx->parser) { /* SAX validation errors carry no position */
            line = cur_line(ctx);
            col = cur_col(ctx);
        }
        record(ctx, severity, code, schema ? SC_DOMAIN_SCHEMA : SC_DOMAIN_XML, line, col, path,
               err->code, msg);
    }
}

static void silent_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* ---- attribute access ---- */

const char *sc__xml_attr(sc__xml_ctx *ctx, const char *name)
{
    int i;
    for (i = 0; i < ctx->nattrs; i++)
        if (!strcmp(ctx->attr_names[i], name))
            return ctx->values[i];
    return NULL;
}

int sc__xml_record(sc__xml_ctx *ctx)
{
    ctx->records++;
    if (ctx->opts.progress && (ctx->records & 4095) == 0) {
        if (ctx->opts.progress(ctx->records, ctx->bytes, ctx->total_bytes, ctx->opts.payload))
            return 1;
    }
    return 0;
}

int sc__xml_count(sc__xml_ctx *ctx)
{
    if (sc__xml_record(ctx))
        return sc__xml_fail(ctx, SC_ERROR, NULL, "cancelled by the progress callback");
    return SC_OK;
}

int sc__xml_db_fail(sc__xml_ctx *ctx, int rc, const char *what)
{
    sc__db_fail(ctx->db, rc, what);
    return sc__xml_fail_last(ctx, NULL);
}

int sc__xml_exec(sc__xml_ctx *ctx, sqlite3_stmt *st, const char *what)
{
    if (sc__db_exec_stmt(ctx->db, st, what) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    return SC_OK;
}

/* ---- detection ---- */

/* Refuse a DOCTYPE before the parser sees it: scan the prolog (up to the
 * first element) of the first bytes of the input. */
static int prolog_has_doctype(const char *p, size_t n)
{
    size_t i = 0;
    int line = 1;
    while (i < n) {
        if (p[i] != '<') {
            i++;
            continue;
        }
        if (i + 1 < n && (p[i + 1] == '?')) {          /* processing instruction */
            const char *e = memchr(p + i, '>', n - i);
            if (!e)
                return 0;
            i = (size_t)(e - p) + 1;
        } else if (i + 3 < n && !memcmp(p + i, "<!--", 4)) { /* comment */
            size_t j = i + 4;
            while (j + 2 < n && memcmp(p + j, "-->", 3))
                j++;
            i = j + 3;
        } else if (i + 9 <= n && !memcmp(p + i, "<!DOCTYPE", 9)) {
            size_t k;
            for (k = 0; k < i; k++)
                line += p[k] == '\n';
            return line;
        } else {
            return 0; /* the root element */
        }
    }
    return 0;
}

static int input_has_doctype(input *in)
{
    if (in->fp) {
        char buf[65536];
        size_t n = fread(buf, 1, sizeof buf, in->fp);
        int found = prolog_has_doctype(buf, n);
        rewind(in->fp);
        return found;
    }
    return prolog_has_doctype(in->data, in->len < 65536 ? in->len : 65536);
}

/* Find the handler from the root element. Records errors in ctx. */
static int detect(sc__xml_ctx *ctx, const sc__doc_handler **out)
{
    int rc;
    size_t i;
    *out = NULL;
    while ((rc = xmlTextReaderRead(ctx->reader)) == 1) {
        int type = xmlTextReaderNodeType(ctx->reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            fatal(ctx, cur_line(ctx), cur_col(ctx),
                  "a DOCTYPE is not allowed in exchange documents (no DTDs, no entities)");
            return SC_EXML;
        }
        if (type == XML_READER_TYPE_ELEMENT) {
            const char *local = (const char *)xmlTextReaderConstLocalName(ctx->reader);
            const char *ns = (const char *)xmlTextReaderConstNamespaceUri(ctx->reader);
            for (i = 0; i < ctx->ndocs; i++) {
                if (strcmp(ctx->docs[i]->root, local))
                    continue;
                if (!ns || strcmp(ctx->docs[i]->ns, ns)) {
                    char msg[512];
                    snprintf(msg, sizeof msg,
                             "root element <%s> is in namespace '%s'; expected '%s'", local,
                             ns ? ns : "(none)", ctx->docs[i]->ns);
                    record(ctx, SC_SEVERITY_ERROR, SC_EINVALIDDOC, SC_DOMAIN_SCHEMA,
                           cur_line(ctx), cur_col(ctx), local, 0, msg);
                    return SC_EINVALIDDOC;
                }
                {
                    xmlChar *iss = xmlTextReaderGetAttribute(ctx->reader, BAD_CAST "issuer");
                    snprintf(ctx->declared, sizeof ctx->declared, "%s",
                             iss ? (const char *)iss : "");
                    xmlFree(iss);
                }
                *out = ctx->docs[i];
                return SC_OK;
            }
            {
                char msg[512];
                snprintf(msg, sizeof msg,
                         "root element <%s>%s%s is not a skillcert exchange document", local,
                         ns ? " in namespace " : "", ns ? ns : "");
                record(ctx, SC_SEVERITY_ERROR, SC_EINVALIDDOC, SC_DOMAIN_SCHEMA, cur_line(ctx),
                       cur_col(ctx), local, 0, msg);
            }
            return SC_EINVALIDDOC;
        }
    }
    if (ctx->errors == 0)
        record(ctx, SC_SEVERITY_ERROR, SC_EXML, SC_DOMAIN_XML, cur_line(ctx), cur_col(ctx), "", 0,
               "the document has no root element");
    return ctx->first_code ? ctx->first_code : SC_EXML;
}

/* ---- signatures (issue 12) ---- */

/* The large batches are signed by a detached CMS over the file's exact bytes
 * (FILE.p7s), verified streaming; every other type by an enveloped XML Signature. */
int sc__xml_detached_scheme(int doctype)
{
    return doctype == SC_DOC_CANDIDATE_BATCH || doctype == SC_DOC_CERTIFICATE_BATCH;
}
#define detached_scheme sc__xml_detached_scheme

/* Largest enveloped-signed document read whole for its check. */
#define SC__SIGNED_DOC_MAX ((uint64_t)256 << 20)

/* A signature refusal at the root: the import's result; nothing is read further. */
static int sig_refuse(sc__xml_ctx *ctx, const char *fmt, ...) SC__PRINTF(2, 3);
static int sig_refuse(sc__xml_ctx *ctx, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    record(ctx, SC_SEVERITY_ERROR, SC_EINVALIDDOC, SC_DOMAIN_RULES, 1, 1, ctx->handler->root, 0,
           msg);
    if (!ctx->fatal_code) {
        ctx->fatal_code = SC_EINVALIDDOC;
        sc__error_set_at(SC_EINVALIDDOC, SC_DOMAIN_RULES, ctx->source, 1, 1,
                         ctx->handler->root, 0, "%s", msg);
    }
    stop(ctx);
    return SC_EINVALIDDOC;
}

#define SLURP_TOO_LARGE (-1000) /* slurp(): more than max bytes (no error set) */

/* Read a whole (small) file into a NUL-terminated buffer (sc_free). */
static int slurp(char **out, size_t *len, FILE *fp, uint64_t max)
{
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    *out = NULL;
    do {
        if (n + 65536 + 1 > cap) {
            char *nb;
            cap = cap ? cap * 2 : 131072;
            if (!(nb = realloc(buf, cap))) {
                free(buf);
                return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
            }
            buf = nb;
        }
        got = fread(buf + n, 1, 65536, fp);
        n += got;
        if (n > max) {
            free(buf);
            return SLURP_TOO_LARGE;
        }
    } while (got > 0);
    if (ferror(fp)) {
        free(buf);
        return sc__error_set(SC_EIO, SC_DOMAIN_OS, "cannot read the document");
    }
    buf[n] = '\0';
    *out = buf;
    if (len)
        *len = n;
    return SC_OK;
}

/* Does the input mention the XML Signature namespace (is it perhaps signed)?
 * A file is scanned in chunks, never held whole; the caller rewinds it.
 * 1 yes, 0 no, -1 read error. */
static int mentions_dsig(const char *p, size_t n)
{
    static const char mark[] = "http://www.w3.org/2000/09/xmldsig#";
    const size_t m = sizeof mark - 1;
    const char *end = p + n, *q;
    while (n >= m && (q = memchr(p, 'h', n - m + 1)) != NULL) {
        if (!memcmp(q, mark, m))
            return 1;
        p = q + 1;
        n = (size_t)(end - p);
    }
    return 0;
}

static int input_mentions_dsig(input *in)
{
    enum { CHUNK = 65536, OVERLAP = 40 };
    char buf[CHUNK + OVERLAP];
    size_t keep = 0, got;
    if (!in->fp)
        return mentions_dsig(in->data, in->len);
    if (fseek(in->fp, 0, SEEK_SET) != 0)
        return -1;
    while ((got = fread(buf + keep, 1, CHUNK, in->fp)) > 0) {
        size_t have = keep + got;
        if (mentions_dsig(buf, have))
            return 1;
        keep = have < OVERLAP ? have : OVERLAP;
        memmove(buf, buf + have - keep, keep);
    }
    return ferror(in->fp) ? -1 : 0;
}

/* PATH.p7s, where a batch's detached signature sits (malloc'd; NULL: no memory). */
static char *p7s_path(const char *path)
{
    char *sigpath = malloc(strlen(path) + 5);
    if (sigpath)
        sprintf(sigpath, "%s.p7s", path);
    return sigpath;
}

/* 1 when PATH.p7s exists (a detached signature beside the batch). */
static int has_p7s(const char *path)
{
    struct stat sb;
    char *sigpath = p7s_path(path);
    int found = sigpath && stat(sigpath, &sb) == 0;
    free(sigpath);
    return found;
}

/* Issue 12: the one place that decides whether a document's issuer is proven.
 * With a trust anchor, verify the document's signature before anything is read
 * into the registry, and keep the signer for sc__xml_issuer() and the audit entry:
 * an enveloped-signed document is read whole (it is small), verified, and the
 * import then reads the verified content; a large batch is verified streaming from
 * its file against FILE.p7s. Unsigned documents are refused. Without an anchor
 * every document is refused (nothing can be proven), unless the registry is a
 * development one (sc_pki_development_set, docs/signatures.md): then the issuer
 * is declared and a signature present is checked for integrity only. */
static int prove(sc__xml_ctx *ctx, input *in, const char *path)
{
    char *anchor = NULL, *crls = NULL, *bytes = NULL, *content = NULL;
    char when[SC_PKI_TIME_SIZE];
    const char *data;
    size_t len = 0, clen = 0;
    int rc, anchored;

    if (ctx->detached_sig && !detached_scheme(ctx->handler->doctype))
        return sig_refuse(ctx, "signature refused (malformed): a %s is signed by an enveloped "
                          "XML Signature inside it, not by a detached signature",
                          ctx->handler->root);
    rc = sc__pki_registry_material(ctx->db, &anchor, &crls);
    anchored = rc != SC_ENOTFOUND;
    if (!anchored) {
        /* No trust anchor: no signer can be proven. Only a development registry
         * (sc_pki_development_set) imports then, with the issuer declared: a batch
         * of the detached scheme is not checked there; another document that
         * carries a signature has it checked for integrity (open_signed without an
         * anchor: intact, signed by the party it names) and the import reads the
         * verified content, as in an anchored registry. */
        int development = 0, carries;
        sc_error_clear();
        if ((rc = sc_pki_development_get(&development, ctx->db)) != SC_OK)
            return rc;
        if (detached_scheme(ctx->handler->doctype)) {
            carries = ctx->detached_sig != NULL || (path && has_p7s(path));
        } else if ((carries = input_mentions_dsig(in)) < 0) {
            return sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, errno,
                                    "cannot read '%s'", path ? path : "<memory>");
        }
        if (!development && carries)
            return sig_refuse(ctx, "signature refused (unknown-signer): this registry has no "
                              "trust anchor, so no signer can be proven: the city bureau sets "
                              "one first (skillcert keys anchor ROOT.pem, sc_pki_anchor_set)");
        if (!development)
            return sig_refuse(ctx, "signature refused (unsigned): this registry accepts only "
                              "documents signed by their issuer: sign the %s (skillcert sign) "
                              "and set the registry's trust anchor, or import it into a "
                              "development registry (skillcert init --development, "
                              "sc_pki_development_set)", ctx->handler->root);
        if (detached_scheme(ctx->handler->doctype) || !carries)
            return SC_OK;
    } else if (rc != SC_OK) {
        return rc;
    }
    if (detached_scheme(ctx->handler->doctype)) {
        sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
        char *sigpath = NULL;
        FILE *sf;
        if (!path && ctx->detached_sig) {
            /* From memory with its signature: the bytes verified are the bytes read
             * (no digest to compare afterwards: ctx->detached stays 0). */
            rc = sc__pki_verify_detached_mem(&v, when, in->data, in->len, ctx->detached_sig,
                                             anchor, crls);
            goto detached_checked;
        }
        if (!path) {
            rc = sig_refuse(ctx, "signature refused (unsigned): this registry has a trust anchor; "
                            "a %s is signed by a detached signature over its bytes: import it "
                            "from its file with FILE.p7s beside it, or from memory with its "
                            "signature (sc_xml_import_memory_signed)", ctx->handler->root);
            goto done;
        }
        if (!(sigpath = p7s_path(path))) {
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
            goto done;
        }
        sf = fopen(sigpath, "rb");
        if (!sf) {
            rc = sig_refuse(ctx, "signature refused (unsigned): this registry has a trust anchor "
                            "and accepts only documents signed by their issuer; %.300s has no "
                            "detached signature %.300s.p7s", path, path);
            free(sigpath);
            goto done;
        }
        free(sigpath);
        rc = slurp(&bytes, NULL, sf, 1 << 20);
        fclose(sf);
        if (rc == SLURP_TOO_LARGE) {
            rc = sig_refuse(ctx, "signature refused (malformed): %.300s.p7s is too large", path);
            goto done;
        }
        if (rc != SC_OK)
            goto done;
        rc = sc__pki_verify_detached_md(&v, when, path, bytes, anchor, crls, ctx->digest);
        ctx->detached = 1;
    detached_checked:
        if (rc == SC_EINVALIDDOC) {
            rc = sig_refuse(ctx, "signature refused (%s): %s", sc_sig_reason_name(v.reason),
                            v.message);
            goto done;
        }
        if (rc != SC_OK)
            goto done;
        if (strcmp(v.party, ctx->declared) != 0) {
            rc = sig_refuse(ctx, "signature refused (wrong-party): the document names %.70s as "
                            "its issuer but is signed by %s", ctx->declared, v.party);
            goto done;
        }
        snprintf(ctx->signer, sizeof ctx->signer, "%s", v.party);
        snprintf(ctx->signer_fp, sizeof ctx->signer_fp, "%s", v.fingerprint);
        goto done;
    }
    /* Enveloped: the whole bytes. */
    if (in->fp) {
        if (fseek(in->fp, 0, SEEK_SET) != 0) {
            rc = sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, errno,
                                  "cannot rewind '%s'", path);
            goto done;
        }
        rc = slurp(&bytes, &len, in->fp, SC__SIGNED_DOC_MAX);
        if (rc == SLURP_TOO_LARGE) {
            rc = sig_refuse(ctx, "a signed %s larger than 256 MiB is not accepted",
                            ctx->handler->root);
            goto done;
        }
        if (rc != SC_OK)
            goto done;
        data = bytes;
    } else {
        data = in->data;
        len = in->len;
    }
    rc = ctx->open_signed(ctx->db, data, len, ctx->declared, ctx->signer_fp, when, &content,
                          &clen);
    if (rc == SC_EINVALIDDOC || rc == SC_EXML) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", sc_error_last()->message);
        rc = sig_refuse(ctx, "%s%s", strstr(msg, "signature refused") ? "" :
                        "signature refused: ", msg);
        goto done;
    }
    if (rc != SC_OK)
        goto done;
    if (!anchored) {
        ctx->signer_fp[0] = '\0'; /* intact, but its signer is not proven */
        if (!content)
            goto done;         /* not signed after all: the document as read */
    } else {
        snprintf(ctx->signer, sizeof ctx->signer, "%s", ctx->declared);
    }
    /* From here the import reads the verified content. */
    input_release(in);
    in->data = content;
    in->len = clen;
    in->pos = 0;
    ctx->total_bytes = clen;
    ctx->content = content;
done:
    free(bytes);
    sc_free(anchor);
    sc_free(crls);
    return rc;
}

/* ---- batches ---- */

/* What a batch held (migration 12): the document's digest and the first
 * DIGEST_REC bytes of each record's digest, a record being a child of the root
 * with everything in it. Digests cover element names and attribute values
 * (decoded), not layout: the same content re-serialized is the same batch. */
#define DIGEST_DOC 32
#define DIGEST_REC 8

typedef struct digests {
    unsigned char doc[DIGEST_DOC];
    int have_doc;
    unsigned char *rec;       /* n * DIGEST_REC bytes */
    size_t n, cap;
    int oom;
} digests;

/* The batch as stored, when its id is known, and the first difference found. */
typedef struct prior_batch {
    int seen;
    int has_digest;           /* imported before migration 12: nothing to compare */
    unsigned char doc[DIGEST_DOC];
    unsigned char *rec;
    size_t n;
    uint64_t records;
    int differs;              /* a record differs (index, where) */
    size_t diff_index;
    int diff_line, diff_col;
    char diff_what[160];
} prior_batch;

static const char SQL_BATCH_SEEN[] =
    "SELECT records, digest, record_digests FROM import_batch "
    "WHERE doctype = ?1 AND batch_id = ?2";
static const char SQL_BATCH_ADD[] =
    "INSERT INTO import_batch(doctype, batch_id, imported_at, records, digest, record_digests) "
    "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?3, ?4, ?5)";

static int batch_seen(sc_db *db, const char *doctype, const char *batch, prior_batch *p)
{
    sqlite3_stmt *st = sc__db_stmt(db, SQL_BATCH_SEEN);
    int rc;
    if (!st)
        return sc_error_last()->code;
    sc__bind_text(st, 1, doctype);
    sc__bind_text(st, 2, batch);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const void *d = sqlite3_column_blob(st, 1);
        int dn = sqlite3_column_bytes(st, 1);
        const void *r;
        int rn;
        p->seen = 1;
        p->records = (uint64_t)sqlite3_column_int64(st, 0);
        if (d && dn == DIGEST_DOC) {
            p->has_digest = 1;
            memcpy(p->doc, d, DIGEST_DOC);
        }
        r = sqlite3_column_blob(st, 2);
        rn = sqlite3_column_bytes(st, 2);
        if (p->has_digest && r && rn > 0 && rn % DIGEST_REC == 0) {
            p->rec = malloc((size_t)rn);
            if (!p->rec) {
                sqlite3_reset(st);
                return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory importing");
            }
            memcpy(p->rec, r, (size_t)rn);
            p->n = (size_t)rn / DIGEST_REC;
        }
        rc = SQLITE_DONE;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "checking the batch id");
    return SC_OK;
}

static int batch_add(sc_db *db, const char *doctype, const char *batch, uint64_t records,
                     const digests *dg)
{
    sqlite3_stmt *st = sc__db_stmt(db, SQL_BATCH_ADD);
    int rc;
    if (!st)
        return sc_error_last()->code;
    sc__bind_text(st, 1, doctype);
    sc__bind_text(st, 2, batch);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)records);
    if (dg->have_doc)
        sqlite3_bind_blob(st, 4, dg->doc, DIGEST_DOC, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 4);
    if (dg->have_doc && dg->n)
        sqlite3_bind_blob64(st, 5, dg->rec, (sqlite3_uint64)dg->n * DIGEST_REC, SQLITE_STATIC);
    else if (dg->have_doc)
        sqlite3_bind_zeroblob(st, 5, 0);
    else
        sqlite3_bind_null(st, 5);
    rc = sc__db_exec_stmt(db, st, "recording the batch");
    sqlite3_clear_bindings(st); /* the blobs are not the statement's */
    return rc;
}

/* ---- the main loop: SAX2 with the schema validator plugged in ---- */

static xmlTextReaderPtr open_reader(input *in, const char *name)
{
    return xmlReaderForIO(input_read, input_close, in, name, NULL, READER_OPTIONS);
}

/* Stop reading. xmlStopParser() must not be called from a SAX callback in
 * libxml2 2.9 (it frees the input the parser is still reading), so switch
 * the callbacks off and let the loop stop feeding chunks. */
static void stop(sc__xml_ctx *ctx)
{
    ctx->stopped = 1;
    if (ctx->parser)
        ctx->parser->disableSAX = 1;
}

/* ---- events: what the reader thread hands to the caller's thread ---- */

enum { EV_START = 1, EV_END, EV_RECORD, EV_FATAL, EV_DOC_END, EV_DIGEST, EV_DOC_DIGEST };

#define EV_BATCH_BYTES 65536 /* hand a batch over when it holds this much */
#define EV_QUEUE 4           /* batches in flight: memory stays flat */

typedef struct ev_batch {
    char *data;
    size_t len, cap;
    uint64_t bytes;          /* input consumed when it was handed over */
} ev_batch;

struct sc__pipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    ev_batch *full[EV_QUEUE];
    int head, count;
    ev_batch *spare;         /* one empty batch handed back for reuse */
    int done;                /* the reader has handed over its last batch */
    int cancel;              /* the caller wants no more */
    int oom;                 /* the reader ran out of memory */
    ev_batch *cur;           /* the reader's batch being filled */
    input *in;
    sc__xml_ctx *pctx;       /* the reader's context */
    /* the reader's digests of what it parsed */
    crypto_generichash_state doc_h, rec_h;
    /* the caller's: what the events carried, and the stored batch to compare */
    digests dg;
    prior_batch *prior;
    int rec_line, rec_col;   /* where the current record started */
    char rec_what[160];      /* "<name first-attr="value">" of the current record */
    int sig_skip;            /* inside a signature child of the root: its depth there */
};

/* Issue 12: the trailing signature elements of an enveloped-signed document
 * (sig:signing-info, ds:Signature; where they may be is the schema's and
 * xml_sign.c's business) are not records: the handlers never see them and the
 * batch digests leave them out, so a signed and an unsigned copy are one batch. */
static int is_signature_ns(const xmlChar *uri)
{
    return uri && (xmlStrEqual(uri, (const xmlChar *)"http://www.w3.org/2000/09/xmldsig#") ||
                   xmlStrEqual(uri, (const xmlChar *)SC_SIGNATURE_NS));
}

/* Reader thread: feed one length-prefixed field to a digest. */
static void dg_field(crypto_generichash_state *h, const char *tag, const char *s, size_t n)
{
    unsigned char len[4];
    len[0] = (unsigned char)(n >> 24);
    len[1] = (unsigned char)(n >> 16);
    len[2] = (unsigned char)(n >> 8);
    len[3] = (unsigned char)n;
    crypto_generichash_update(h, (const unsigned char *)tag, 1);
    crypto_generichash_update(h, len, 4);
    crypto_generichash_update(h, (const unsigned char *)s, n);
}

/* The digest state the element at depth feeds (NULL: none). */
static crypto_generichash_state *dg_state(sc__xml_ctx *p, int depth)
{
    return depth == 0 ? &p->pipe->doc_h : &p->pipe->rec_h;
}

static int ev_put(sc__xml_ctx *p, const void *data, size_t n)
{
    ev_batch *b = p->pipe->cur;
    if (!b)
        return -1;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : EV_BATCH_BYTES * 2;
        char *d;
        while (cap < b->len + n)
            cap *= 2;
        d = realloc(b->data, cap);
        if (!d) {
            p->pipe->oom = 1;
            stop(p);
            return -1;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return 0;
}

static void ev_int(sc__xml_ctx *p, int32_t v)
{
    ev_put(p, &v, sizeof v);
}

static void ev_str(sc__xml_ctx *p, const char *s, size_t n)
{
    uint32_t len = (uint32_t)n;
    ev_put(p, &len, sizeof len);
    ev_put(p, s, n);
    ev_put(p, "", 1);
}

/* Hand the current batch over (waiting while the queue is full) and start a
 * new one. Returns -1 when the caller cancelled or memory ran out. */
static int ev_flush(sc__xml_ctx *p)
{
    struct sc__pipe *q = p->pipe;
    ev_batch *b = q->cur, *next;
    int rc = 0;
    b->bytes = p->bytes;
    pthread_mutex_lock(&q->mu);
    while (q->count == EV_QUEUE && !q->cancel)
        pthread_cond_wait(&q->cv, &q->mu);
    if (q->cancel) {
        rc = -1;
        next = b; /* dropped */
        b->len = 0;
    } else {
        q->full[(q->head + q->count) % EV_QUEUE] = b;
        q->count++;
        pthread_cond_broadcast(&q->cv);
        next = q->spare;
        q->spare = NULL;
    }
    pthread_mutex_unlock(&q->mu);
    if (!next) {
        next = calloc(1, sizeof *next);
        if (!next) {
            q->oom = 1;
            rc = -1;
        }
    }
    if (next)
        next->len = 0;
    q->cur = next;
    if (rc)
        stop(p);
    return rc;
}

static void ev_maybe_flush(sc__xml_ctx *p)
{
    if (p->pipe->cur && p->pipe->cur->len >= EV_BATCH_BYTES)
        ev_flush(p);
}

static void emit_record(sc__xml_ctx *p, int severity, int code, int domain, int line, int col,
                        const char *field, int cause, const char *msg)
{
    ev_int(p, EV_RECORD);
    ev_int(p, line);
    ev_int(p, col);
    ev_int(p, severity);
    ev_int(p, code);
    ev_int(p, domain);
    ev_int(p, cause);
    ev_str(p, field ? field : "", field ? strlen(field) : 0);
    ev_str(p, msg ? msg : "", msg ? strlen(msg) : 0);
    ev_maybe_flush(p);
}

static void emit_fatal(sc__xml_ctx *p, int line, int col, const char *msg)
{
    ev_int(p, EV_FATAL);
    ev_int(p, line);
    ev_int(p, col);
    ev_str(p, msg, strlen(msg));
}

/* Reader thread: the element's start, its unprefixed attributes decoded. */
static void sax_start(void *ud, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                      int nb_ns, const xmlChar **ns, int nb_attrs, int nb_defaulted,
                      const xmlChar **attrs)
{
    sc__xml_ctx *ctx = ud;
    int depth = ctx->depth, i, n = 0;
    (void)prefix, (void)nb_ns, (void)ns, (void)nb_defaulted;
    if (ctx->stopped)
        return;
    ctx->text_len = 0;
    if (ctx->pipe->sig_skip || (depth == 1 && is_signature_ns(uri))) {
        ctx->pipe->sig_skip++;
        return;
    }
    if (depth + 1 > (int)ctx->opts.max_depth) {
        char msg[128];
        snprintf(msg, sizeof msg, "elements nested deeper than %u levels", ctx->opts.max_depth);
        fatal(ctx, cur_line(ctx), cur_col(ctx), msg);
        return;
    }
    for (i = 0; i < nb_attrs; i++) {
        if ((size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]) > ctx->opts.max_text) {
            char msg[128];
            snprintf(msg, sizeof msg, "attribute value longer than %u bytes", ctx->opts.max_text);
            fatal(ctx, cur_line(ctx), cur_col(ctx), msg);
            return;
        }
        n += attrs[5 * i + 1] == NULL;
    }
    ctx->names[depth] = local;
    ctx->index[depth]++;
    if (depth + 1 < SC__XML_MAX_STACK)
        ctx->index[depth + 1] = 0;
    ctx->depth = depth + 1;

    ev_int(ctx, EV_START);
    ev_int(ctx, cur_line(ctx));
    ev_int(ctx, cur_col(ctx));
    ev_int(ctx, depth);
    ev_str(ctx, (const char *)local, strlen((const char *)local));
    ev_int(ctx, n);
    if (depth == 0)
        crypto_generichash_init(&ctx->pipe->doc_h, NULL, 0, DIGEST_DOC);
    else if (depth == 1)
        crypto_generichash_init(&ctx->pipe->rec_h, NULL, 0, DIGEST_DOC);
    dg_field(dg_state(ctx, depth), "S", (const char *)local, strlen((const char *)local));
    for (i = 0; i < nb_attrs; i++) {
        const char *v = (const char *)attrs[5 * i + 3];
        size_t len = (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]);
        if (attrs[5 * i + 1] != NULL)
            continue;
        ev_str(ctx, (const char *)attrs[5 * i], strlen((const char *)attrs[5 * i]));
        /* Without entity substitution libxml2 hands "&amp;" in an attribute on
         * as "&#38;" (and nothing else as '&'): give the character. */
        if (memchr(v, '&', len)) {
            char tmp[256], *d = len < sizeof tmp ? tmp : malloc(len + 1);
            size_t r = 0, w = 0;
            if (!d) {
                ctx->pipe->oom = 1;
                stop(ctx);
                return;
            }
            while (r < len) {
                if (r + 5 <= len && !memcmp(v + r, "&#38;", 5)) {
                    d[w++] = '&';
                    r += 5;
                } else {
                    d[w++] = v[r++];
                }
            }
            ev_str(ctx, d, w);
            dg_field(dg_state(ctx, depth), "A", (const char *)attrs[5 * i],
                     strlen((const char *)attrs[5 * i]));
            dg_field(dg_state(ctx, depth), "V", d, w);
            if (d != tmp)
                free(d);
        } else {
            ev_str(ctx, v, len);
            dg_field(dg_state(ctx, depth), "A", (const char *)attrs[5 * i],
                     strlen((const char *)attrs[5 * i]));
            dg_field(dg_state(ctx, depth), "V", v, len);
        }
    }
    ev_maybe_flush(ctx);
}

static void sax_end(void *ud, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    sc__xml_ctx *ctx = ud;
    (void)prefix, (void)uri;
    if (ctx->stopped)
        return;
    ctx->text_len = 0;
    if (ctx->pipe->sig_skip) {
        ctx->pipe->sig_skip--;
        return;
    }
    ev_int(ctx, EV_END);
    ev_int(ctx, cur_line(ctx));
    ev_int(ctx, cur_col(ctx));
    ev_int(ctx, ctx->depth - 1);
    ev_str(ctx, (const char *)local, strlen((const char *)local));
    if (ctx->depth >= 2) {
        dg_field(&ctx->pipe->rec_h, "E", (const char *)local, strlen((const char *)local));
    }
    if (ctx->depth == 2) { /* a record ends: its digest goes into the document's */
        unsigned char h[DIGEST_DOC];
        crypto_generichash_final(&ctx->pipe->rec_h, h, DIGEST_DOC);
        crypto_generichash_update(&ctx->pipe->doc_h, h, DIGEST_DOC);
        ev_int(ctx, EV_DIGEST);
        ev_int(ctx, cur_line(ctx));
        ev_int(ctx, cur_col(ctx));
        ev_str(ctx, (const char *)h, DIGEST_REC);
    } else if (ctx->depth == 1) { /* the root ends */
        unsigned char h[DIGEST_DOC];
        dg_field(&ctx->pipe->doc_h, "E", (const char *)local, strlen((const char *)local));
        crypto_generichash_final(&ctx->pipe->doc_h, h, DIGEST_DOC);
        ev_int(ctx, EV_DOC_DIGEST);
        ev_int(ctx, cur_line(ctx));
        ev_int(ctx, cur_col(ctx));
        ev_str(ctx, (const char *)h, DIGEST_DOC);
    }
    if (ctx->depth > 0)
        ctx->depth--;
    ev_maybe_flush(ctx);
}

static void sax_chars(void *ud, const xmlChar *ch, int len)
{
    sc__xml_ctx *ctx = ud;
    (void)ch;
    if (ctx->stopped)
        return;
    ctx->text_len += (size_t)len;
    if (ctx->text_len > ctx->opts.max_text) {
        char msg[128];
        snprintf(msg, sizeof msg, "text longer than %u bytes", ctx->opts.max_text);
        fatal(ctx, cur_line(ctx), cur_col(ctx), msg);
        stop(ctx);
    }
}

static void sax_subset(void *ud, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    sc__xml_ctx *ctx = ud;
    (void)name, (void)ext, (void)sys;
    fatal(ctx, cur_line(ctx), cur_col(ctx),
          "a DOCTYPE is not allowed in exchange documents (no DTDs, no entities)");
    stop(ctx);
}

static xmlEntityPtr sax_entity(void *ud, const xmlChar *name)
{
    sc__xml_ctx *ctx = ud;
    /* Only the five predefined entities exist here. */
    xmlEntityPtr e = xmlGetPredefinedEntity(name);
    if (!e) {
        char msg[256];
        snprintf(msg, sizeof msg, "entity '%.64s' is not allowed in exchange documents",
                 (const char *)name);
        fatal(ctx, cur_line(ctx), cur_col(ctx), msg);
        stop(ctx);
    }
    return e;
}

/* Reader thread: parse and validate the whole input, emitting events. */
static void *reader_main(void *arg)
{
    struct sc__pipe *q = arg;
    sc__xml_ctx *ctx = q->pctx;
    const sc__doc_handler *h = ctx->handler;
    xmlSchemaParserCtxtPtr pctx = NULL;
    xmlSchemaPtr schema = NULL;
    xmlSchemaValidCtxtPtr vctx = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    xmlSAXHandler sax;
    xmlSAXHandlerPtr saxp = &sax;
    void *ud = ctx;
    char *buf = malloc(65536);
    int n, valid = 0;

    /* libxml2 must not print: its handlers are per thread. */
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!buf) {
        q->oom = 1;
        goto done;
    }
    pctx = xmlSchemaNewMemParserCtxt(h->schema,
                                     (int)(h->schema_len ? h->schema_len : strlen(h->schema)));
    if (pctx) {
        xmlSchemaSetParserStructuredErrors(pctx, structured_error, ctx);
        schema = xmlSchemaParse(pctx);
    }
    if (!schema) {
        char msg[128];
        snprintf(msg, sizeof msg, "the built-in %s schema did not compile", h->root);
        record(ctx, SC_SEVERITY_ERROR, SC_ERROR, SC_DOMAIN_SCHEMA, 0, 0, "", 0, msg);
        goto done;
    }
    vctx = xmlSchemaNewValidCtxt(schema);
    if (!vctx) {
        q->oom = 1;
        goto done;
    }
    xmlSchemaSetValidStructuredErrors(vctx, structured_error, ctx);

    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sax_start;
    sax.endElementNs = sax_end;
    sax.characters = sax_chars;
    sax.cdataBlock = sax_chars;
    sax.internalSubset = sax_subset;
    sax.externalSubset = sax_subset;
    sax.getEntity = sax_entity;
    sax.getParameterEntity = sax_entity;
    sax.serror = structured_error;
    plug = xmlSchemaSAXPlug(vctx, &saxp, &ud);
    if (!plug) {
        record(ctx, SC_SEVERITY_ERROR, SC_ERROR, SC_DOMAIN_SCHEMA, 0, 0, "", 0,
               "cannot start schema validation");
        goto done;
    }
    n = input_read(q->in, buf, 4);
    ctx->bytes = n > 0 ? (uint64_t)n : 0;
    ctx->parser = xmlCreatePushParserCtxt(saxp, ud, buf, n > 0 ? n : 0, ctx->source);
    if (!ctx->parser) {
        q->oom = 1;
        goto done;
    }
    xmlCtxtUseOptions(ctx->parser, READER_OPTIONS);
    while (!ctx->stopped) {
        n = input_read(q->in, buf, 65536);
        if (n < 0) {
            fatal(ctx, cur_line(ctx), cur_col(ctx), "read error");
            break;
        }
        ctx->bytes += (uint64_t)n;
        if (xmlParseChunk(ctx->parser, buf, n, n == 0) != 0 && ctx->errors == 0 && !ctx->stopped)
            record(ctx, SC_SEVERITY_ERROR, SC_EXML, SC_DOMAIN_XML, cur_line(ctx), cur_col(ctx),
                   "", 0, "the document is not well-formed");
        if (n == 0 || ctx->errors > ctx->opts.max_errors)
            break;
        pthread_mutex_lock(&q->mu);
        if (q->cancel)
            stop(ctx);
        pthread_mutex_unlock(&q->mu);
    }
    valid = !ctx->stopped && ctx->parser->wellFormed && xmlSchemaIsValid(vctx) == 1;
done:
    if (!q->oom && q->cur) {
        ev_int(ctx, EV_DOC_END);
        ev_int(ctx, cur_line(ctx));
        ev_int(ctx, cur_col(ctx));
        ev_int(ctx, valid);
        ev_flush(ctx);
    }
    if (ctx->parser) {
        xmlFreeParserCtxt(ctx->parser);
        ctx->parser = NULL;
    }
    if (plug)
        xmlSchemaSAXUnplug(plug);
    xmlSchemaFreeValidCtxt(vctx);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pctx);
    free(buf);
    pthread_mutex_lock(&q->mu);
    q->done = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* ---- registry-free checks (validating) ---- */

/* "YYYY-MM-DD" by its shape (the calendar is checked after). */
static int day_shaped(const char *v)
{
    int i;
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
        return 0;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
            return 0;
    return 1;
}

/* The elements whose occupation and level name what is certified (not a candidate's
 * earlier certificate, nor an eligibility rule about one). */
static int certified_offering(sc__xml_ctx *ctx, const char *local)
{
    if (!strcmp(local, "application") || !strcmp(local, "offering") ||
        !strcmp(local, "session") || !strcmp(local, "qualification"))
        return 1;
    return !strcmp(local, "certificate") && ctx->handler->doctype == SC_DOC_CERTIFICATE_BATCH;
}

/* The occupation, work type and level against the notice's catalog (附件1): one
 * message, at the attribute at fault; a level not offered lists those offered. */
static int level_in_range(const char *lvl)
{
    return lvl[0] >= '1' && lvl[0] <= '5' && !lvl[1];
}

static void check_offering(sc__xml_ctx *ctx, const char *occ, const char *wt, const char *lvl,
                           const char *day)
{
    sc_verdict v = SC_VERDICT_INIT;
    char offered[64] = "";
    int l, n = 0, in_range = level_in_range(lvl);
    size_t len = 0;
    sc_db *cat;
    if (!ctx->db && !ctx->ref && !ctx->ref_failed && ctx->open_ref &&
        !(ctx->ref = ctx->open_ref()))
        ctx->ref_failed = 1;
    /* Importing: the receiving registry's catalog; validating: the notice's. */
    cat = ctx->db ? ctx->db : ctx->ref;
    if (!cat)
        return;
    if (wt && (!*wt || !strcmp(wt, "--"))) /* "--": undivided, as a certificate prints it */
        wt = NULL;
    /* The occupation and the work type first: a level is offered only of something. */
    if (sc_catalog_check(&v, cat, occ, wt, in_range ? lvl[0] - '0' : 5, day) != SC_OK) {
        sc__xml_fail_last(ctx, wt ? "work-type" : "occupation");
        return;
    }
    if (!v.ok && (v.reason == SC_REASON_UNKNOWN_OCCUPATION ||
                  v.reason == SC_REASON_OCCUPATION_NOT_IN_FORCE)) {
        sc__xml_fail(ctx, SC_EINVALIDDOC, "occupation", "%s (京人社能发〔2022〕8号 附件1)",
                     v.message);
        return;
    }
    if (!v.ok && (v.reason == SC_REASON_WORK_TYPE_NOT_ALLOWED ||
                  v.reason == SC_REASON_WORK_TYPE_REQUIRED ||
                  v.reason == SC_REASON_UNKNOWN_WORK_TYPE ||
                  v.reason == SC_REASON_WORK_TYPE_NOT_IN_FORCE)) {
        sc__xml_fail(ctx, SC_EINVALIDDOC, "work-type", "%s", v.message);
        return;
    }
    if (in_range && v.ok)
        return;
    for (l = 5; l >= 1; l--) {
        sc_verdict w = SC_VERDICT_INIT;
        if (sc_catalog_check(&w, cat, occ, wt, l, day) == SC_OK && w.ok) {
            snprintf(offered + len, sizeof offered - len, "%s%d", n++ ? ", " : "", l);
            len = strlen(offered);
        }
    }
    sc__xml_fail(ctx, SC_EINVALIDDOC, "level",
                 "level %.20s of %s%s%s is not offered%s%s; the levels offered%s%s: %s", lvl,
                 occ, wt ? " / " : "", wt ? wt : "", in_range ? "" : " (levels are 1-5)",
                 in_range && !v.ok && v.reason == SC_REASON_OFFERING_NOT_IN_FORCE
                     ? " on that day"
                     : "",
                 day ? " on " : "", day ? day : "", n ? offered : "none");
}

/* The first error of the document stays the last error (sc_error_last) whatever the
 * checks call afterwards. */
typedef struct {
    int taken, code, domain, line, col, cause;
    char field[512], msg[1024];
} err_snap;

static void snap_take(sc__xml_ctx *ctx, err_snap *s)
{
    const sc_error *e = sc_error_last();
    if (s->taken || !ctx->errors)
        return;
    s->taken = 1;
    s->code = e->code;
    s->domain = e->domain;
    s->line = e->line;
    s->col = e->column;
    s->cause = e->cause;
    snprintf(s->field, sizeof s->field, "%s", e->field);
    snprintf(s->msg, sizeof s->msg, "%s", e->message);
}

/* Every check of an element that needs no registry: each problem once, at its
 * attribute (the schema's word on the same attribute is then not repeated).
 * Importing (full 0), only a level that is no level (not 1-5): said once, with the
 * levels offered, before the handler's word on it. */
static void check_free(sc__xml_ctx *ctx, const char *local, int full)
{
    const char *occ = NULL, *wt = NULL, *lvl = NULL, *day = NULL;
    const char *idtype = sc__xml_attr(ctx, "id-type");
    err_snap snap;
    int i;
    snap.taken = 0;
    snap_take(ctx, &snap);
    for (i = 0; i < ctx->nattrs; i++, snap_take(ctx, &snap)) {
        const char *n = ctx->attr_names[i], *v = ctx->values[i];
        if (!full) {
            if (!strcmp(n, "occupation"))
                occ = v;
            else if (!strcmp(n, "work-type"))
                wt = v;
            else if (!strcmp(n, "level"))
                lvl = v;
            else if (!day && day_shaped(v) && sc__date_valid(v))
                day = v;
        } else if (day_shaped(v)) {
            if (!sc__date_valid(v))
                sc__xml_fail(ctx, SC_EINVALIDDOC, n, "%s is not a day of the calendar", v);
            else if (!day)
                day = v;
        } else if (!strcmp(n, "id-number")) {
            sc_resident_id id = SC_RESIDENT_ID_INIT;
            if ((!idtype || !strcmp(idtype, "居民身份证")) &&
                sc_resident_id_parse(&id, v) != SC_OK)
                sc__xml_fail_last(ctx, n);
        } else if (!strcmp(n, "credit-code")) {
            /* A code registered before GB 32100 is marked legacy-code="true". */
            const char *legacy = sc__xml_attr(ctx, "legacy-code");
            sc_credit_code_result r = SC_CREDIT_CODE_RESULT_INIT;
            if (sc_credit_code_validate(&r, v, 0) == SC_OK && !r.valid &&
                !(legacy && (!strcmp(legacy, "true") || !strcmp(legacy, "1"))))
                sc__xml_fail(ctx, SC_EINVALIDDOC, n, "credit code %.40s: %s", v, r.message);
        } else if (!strcmp(n, "number") && !strcmp(local, "certificate")) {
            const char *l = sc__xml_attr(ctx, "level");
            sc_cert_number c = SC_CERT_NUMBER_INIT;
            if (sc_certificate_number_parse(&c, v) != SC_OK)
                sc__xml_fail_last(ctx, n);
            else if (l && l[0] >= '1' && l[0] <= '5' && !l[1] && c.level != l[0] - '0')
                sc__xml_fail(ctx, SC_EINVALIDDOC, "level",
                             "level %s, but the certificate number %s carries level %d", l,
                             c.number, c.level);
        } else if (!strcmp(n, "occupation")) {
            occ = v;
        } else if (!strcmp(n, "work-type")) {
            wt = v;
        } else if (!strcmp(n, "level")) {
            lvl = v;
        }
    }
    if (occ && lvl && certified_offering(ctx, local) && (full || !level_in_range(lvl)))
        check_offering(ctx, occ, wt, lvl, day);
    snap_take(ctx, &snap);
    if (snap.taken)
        sc__error_set_at(snap.code, snap.domain, ctx->source, snap.line, snap.col, snap.field,
                         snap.cause, "%s", snap.msg);
}

/* Caller's thread: an element starts (the handler applies it). */
static void apply_start(sc__xml_ctx *ctx, const char *local, int depth)
{
    const sc__doc_handler *h = ctx->handler;
    if (depth >= SC__XML_MAX_STACK)
        return;
    snprintf(ctx->stack_names[depth], sizeof ctx->stack_names[depth], "%s", local);
    ctx->names[depth] = (const xmlChar *)ctx->stack_names[depth];
    ctx->index[depth]++;
    if (depth + 1 < SC__XML_MAX_STACK)
        ctx->index[depth + 1] = 0;
    ctx->depth = depth + 1;
    if (!ctx->stopped && (ctx->open_ref || ctx->db))
        check_free(ctx, local, ctx->db == NULL);
    if (depth == 0) {
        const char *batch = sc__xml_attr(ctx, "batch");
        snprintf(ctx->batch_id, sizeof ctx->batch_id, "%s", batch ? batch : "");
        /* The parties first (issuer role, receiver = addressee), then the root's
         * handler: their actor checks precede "already imported". */
        if (ctx->handler_ok && ctx->errors == 0 && check_parties(ctx, local) != SC_OK)
            ctx->handler_ok = 0;
        if (ctx->handler_ok && ctx->errors == 0 && h->start &&
            h->start(ctx, ctx->state, local, depth) != SC_OK)
            ctx->handler_ok = 0;
        if (ctx->db && batch && *batch && !ctx->stopped && ctx->errors == 0 &&
            ctx->handler_ok && ctx->pipe->prior) {
            if ((ctx->db_rc = batch_seen(ctx->db, h->root, batch, ctx->pipe->prior)) != SC_OK)
                stop(ctx);
            else if (ctx->pipe->prior->seen) {
                /* Known: apply nothing, but read on. Only a well-formed, valid
                 * document with the same content is "already imported". */
                ctx->already = 1;
                ctx->handler_ok = 0;
            }
        }
        return;
    }
    if (depth == 1) { /* a record starts: remember how to name it */
        struct sc__pipe *q = ctx->pipe;
        q->rec_line = ctx->ev_line;
        q->rec_col = ctx->ev_col;
        if (ctx->nattrs > 0)
            snprintf(q->rec_what, sizeof q->rec_what, "<%.40s %.40s=\"%.60s\">", local,
                     ctx->attr_names[0], ctx->values[0]);
        else
            snprintf(q->rec_what, sizeof q->rec_what, "<%.40s>", local);
    }
    if (ctx->handler_ok && ctx->errors == 0 && h->start &&
        h->start(ctx, ctx->state, local, depth) != SC_OK)
        ctx->handler_ok = 0;
}

typedef struct {
    const char *p, *end;
} ev_reader;

static int32_t rd_int(ev_reader *r)
{
    int32_t v;
    memcpy(&v, r->p, sizeof v);
    r->p += sizeof v;
    return v;
}

static const char *rd_str(ev_reader *r)
{
    uint32_t len;
    const char *s;
    memcpy(&len, r->p, sizeof len);
    s = r->p + sizeof len;
    r->p = s + len + 1;
    return s;
}

/* Replay one batch of events. Returns 1 at the end of the document. */
static int replay(sc__xml_ctx *ctx, ev_batch *b, int *valid)
{
    ev_reader r = { b->data, b->data + b->len };
    const char *names[64];
    const char *values[64];
    ctx->bytes = b->bytes;
    while (r.p < r.end && !ctx->stopped) {
        int type = rd_int(&r);
        ctx->ev_line = rd_int(&r);
        ctx->ev_col = rd_int(&r);
        switch (type) {
        case EV_START: {
            int depth = rd_int(&r), n, i;
            const char *local = rd_str(&r);
            n = rd_int(&r);
            if (n > 64) { /* more than a schema allows anywhere: keep the first 64 */
                for (i = 0; i < n; i++) {
                    const char *k = rd_str(&r), *v = rd_str(&r);
                    if (i < 64) {
                        names[i] = k;
                        values[i] = v;
                    }
                }
                n = 64;
            } else {
                for (i = 0; i < n; i++) {
                    names[i] = rd_str(&r);
                    values[i] = rd_str(&r);
                }
            }
            ctx->attr_names = names;
            ctx->values = values;
            ctx->nattrs = n;
            apply_start(ctx, local, depth);
            ctx->nattrs = 0;
            break;
        }
        case EV_END: {
            int depth = rd_int(&r);
            const char *local = rd_str(&r);
            if (ctx->handler_ok && ctx->errors == 0 && ctx->handler->end &&
                ctx->handler->end(ctx, ctx->state, local, depth) != SC_OK)
                ctx->handler_ok = 0;
            ctx->depth = depth > 0 ? depth : 0;
            break;
        }
        case EV_RECORD: {
            int severity = rd_int(&r), code = rd_int(&r), domain = rd_int(&r);
            int cause = rd_int(&r);
            const char *field = rd_str(&r), *msg = rd_str(&r);
            record(ctx, severity, code, domain, ctx->ev_line, ctx->ev_col, field, cause, msg);
            break;
        }
        case EV_FATAL:
            fatal(ctx, ctx->ev_line, ctx->ev_col, rd_str(&r));
            break;
        case EV_DIGEST: {
            struct sc__pipe *q = ctx->pipe;
            const char *h = rd_str(&r);
            prior_batch *p = q->prior;
            if (p && p->seen && p->has_digest && !p->differs &&
                (q->dg.n >= p->n || memcmp(p->rec + q->dg.n * DIGEST_REC, h, DIGEST_REC))) {
                p->differs = 1;
                p->diff_index = q->dg.n;
                p->diff_line = q->rec_line;
                p->diff_col = q->rec_col;
                snprintf(p->diff_what, sizeof p->diff_what, "%s", q->rec_what);
            }
            if (q->dg.n == q->dg.cap) {
                size_t cap = q->dg.cap ? q->dg.cap * 2 : 1024;
                unsigned char *n = realloc(q->dg.rec, cap * DIGEST_REC);
                if (!n) {
                    q->dg.oom = 1;
                    break;
                }
                q->dg.rec = n;
                q->dg.cap = cap;
            }
            memcpy(q->dg.rec + q->dg.n * DIGEST_REC, h, DIGEST_REC);
            q->dg.n++;
            break;
        }
        case EV_DOC_DIGEST:
            memcpy(ctx->pipe->dg.doc, rd_str(&r), DIGEST_DOC);
            ctx->pipe->dg.have_doc = 1;
            break;
        case EV_DOC_END:
            *valid = rd_int(&r);
            return 1;
        default:
            return 1;
        }
    }
    return 0;
}

/* A valid document whose batch id is known: SC_OK when it holds what the
 * batch held (nothing changes), else SC_EEXISTS naming the first record that
 * differs. */
static int same_batch(sc__xml_ctx *ctx, prior_batch *p, const digests *dg)
{
    char msg[512];
    int line = 0, col = 0;
    if (!p->has_digest || !dg->have_doc || !memcmp(p->doc, dg->doc, DIGEST_DOC))
        return SC_OK; /* same content (or imported before digests were kept) */
    ctx->already = 0;
    if (p->differs) {
        snprintf(msg, sizeof msg,
                 "batch '%s' was imported before with different content: record %zu %s "
                 "differs from what the batch held; a changed batch needs a new batch id",
                 ctx->batch_id, p->diff_index + 1, p->diff_what);
        line = p->diff_line;
        col = p->diff_col;
    } else if (dg->n < p->n) {
        snprintf(msg, sizeof msg,
                 "batch '%s' was imported before with different content: it held %zu records, "
                 "this document %zu (record %zu is missing); a changed batch needs a new "
                 "batch id",
                 ctx->batch_id, p->n, dg->n, dg->n + 1);
        line = ctx->ev_line;
        col = ctx->ev_col;
    } else {
        snprintf(msg, sizeof msg,
                 "batch '%s' was imported before with different content: the attributes of "
                 "the root element differ; a changed batch needs a new batch id",
                 ctx->batch_id);
        line = 1;
    }
    record(ctx, SC_SEVERITY_ERROR, SC_EEXISTS, SC_DOMAIN_XML, line, col, "", 0, msg);
    return SC_EEXISTS;
}

/* Parse and validate in a reader thread while this thread applies the
 * events: the two cores share an import. Memory stays bounded by the queue. */
static int run(sc__xml_ctx *ctx, input *in, prior_batch *prior, digests *dg)
{
    const sc__doc_handler *h = ctx->handler;
    struct sc__pipe q;
    sc__xml_ctx *pctx;
    pthread_t thread;
    int rc, end = 0, valid = 0, i;

    memset(&q, 0, sizeof q);
    pctx = calloc(1, sizeof *pctx);
    q.cur = calloc(1, sizeof *q.cur);
    if (!pctx || !q.cur) {
        free(pctx);
        free(q.cur);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory importing");
    }
    pctx->producer = 1;
    pctx->pipe = &q;
    pctx->opts = ctx->opts;
    pctx->source = ctx->source;
    pctx->handler = h;
    pctx->total_bytes = ctx->total_bytes;
    q.in = in;
    q.pctx = pctx;
    q.prior = prior;
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.cv, NULL);
    ctx->pipe = &q;
    if (pthread_create(&thread, NULL, reader_main, &q) != 0) {
        ctx->pipe = NULL;
        free(pctx);
        free(q.cur);
        pthread_mutex_destroy(&q.mu);
        pthread_cond_destroy(&q.cv);
        return sc__error_set(SC_ERROR, SC_DOMAIN_OS, "cannot start the XML reader thread");
    }
    while (!end && !ctx->stopped) {
        ev_batch *b = NULL;
        pthread_mutex_lock(&q.mu);
        while (q.count == 0 && !q.done)
            pthread_cond_wait(&q.cv, &q.mu);
        if (q.count > 0) {
            b = q.full[q.head];
            q.head = (q.head + 1) % EV_QUEUE;
            q.count--;
            pthread_cond_broadcast(&q.cv);
        }
        pthread_mutex_unlock(&q.mu);
        if (!b)
            break;
        end = replay(ctx, b, &valid);
        pthread_mutex_lock(&q.mu);
        if (!q.spare) {
            q.spare = b;
            b = NULL;
        }
        pthread_mutex_unlock(&q.mu);
        if (b) {
            free(b->data);
            free(b);
        }
    }
    pthread_mutex_lock(&q.mu);
    q.cancel = 1; /* whatever is left is not wanted */
    pthread_cond_broadcast(&q.cv);
    pthread_mutex_unlock(&q.mu);
    pthread_join(thread, NULL);
    for (i = 0; i < q.count; i++) {
        ev_batch *b = q.full[(q.head + i) % EV_QUEUE];
        free(b->data);
        free(b);
    }
    if (q.spare) {
        free(q.spare->data);
        free(q.spare);
    }
    if (q.cur) {
        free(q.cur->data);
        free(q.cur);
    }
    pthread_mutex_destroy(&q.mu);
    pthread_cond_destroy(&q.cv);
    ctx->pipe = NULL;
    free(pctx);
    *dg = q.dg; /* the caller's now */

    if (q.oom || dg->oom)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading the document");
    if (ctx->db_rc)
        return ctx->db_rc;
    if (!ctx->stopped && ctx->errors == 0 && !valid)
        record(ctx, SC_SEVERITY_ERROR, SC_EINVALIDDOC, SC_DOMAIN_SCHEMA, ctx->ev_line,
               ctx->ev_col, "", 0, "the document is not valid against its schema");
    if (ctx->already) {
        /* A known batch id: well-formedness and the schema came first; then
         * the content must be what the id promised. */
        if (ctx->fatal_code || ctx->errors)
            return ctx->fatal_code ? ctx->fatal_code : ctx->first_code;
        return same_batch(ctx, prior, dg);
    }
    if (ctx->errors == 0 && ctx->handler_ok && h->finish)
        h->finish(ctx, ctx->state);
    if (ctx->opts.progress && ctx->errors == 0 &&
        ctx->opts.progress(ctx->records, ctx->bytes, ctx->total_bytes, ctx->opts.payload))
        record(ctx, SC_SEVERITY_ERROR, SC_ERROR, SC_DOMAIN_NONE, 0, 0, "", 0,
               "cancelled by the progress callback");
    rc = ctx->fatal_code ? ctx->fatal_code : ctx->errors ? ctx->first_code : SC_OK;
    return rc;
}

/* Validate or import. db NULL: validate only. */
static int process(const sc__doc_handler *const *docs, size_t ndocs, sc_import_result *result,
                   int *doctype, sc_db *db, const sc_actor *actor, const char *path,
                   const char *data, size_t len, const char *name,
                   const sc_import_options *opts, sc_report *report, int check_actor,
                   sc__xml_open_signed_fn open_signed, sc_db *(*open_ref)(void),
                   const char *detached_sig)
{
    sc__xml_ctx ctx;
    input in;
    void *state = NULL;
    int rc, already = 0, in_txn = 0;
    prior_batch prior;
    digests dg;
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;

    pthread_once(&xml_once, xml_init);
    memset(&ctx, 0, sizeof ctx);
    memset(&prior, 0, sizeof prior);
    memset(&dg, 0, sizeof dg);
    if (result)
        SC__ZERO_KEEP_VERSION(result);
    if (doctype)
        *doctype = SC_DOC_UNKNOWN;
    if ((rc = resolve_options(&ctx.opts, opts)) != SC_OK)
        return rc;
    ctx.source = path ? path : (name ? name : "<memory>");
    ctx.report = report;
    ctx.db = db;
    ctx.actor = actor;
    ctx.docs = docs;
    ctx.ndocs = ndocs;
    ctx.open_signed = open_signed;
    ctx.open_ref = db ? NULL : open_ref;
    ctx.detached_sig = detached_sig;

    if ((rc = input_open(&in, path, data, len, &ctx.total_bytes)) != SC_OK)
        return rc;

    /* libxml2 must not print: silence its per-thread global handlers. */
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlSetStructuredErrorFunc(NULL, NULL);

    if ((rc = input_has_doctype(&in)) > 0) {
        fatal(&ctx, rc, 1, "a DOCTYPE is not allowed in exchange documents (no DTDs, no entities)");
        rc = SC_EXML;
        goto done;
    }
    ctx.reader = open_reader(&in, ctx.source);
    if (!ctx.reader) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating the XML reader");
        goto done;
    }
    xmlTextReaderSetStructuredErrorHandler(ctx.reader, structured_error, &ctx);
    rc = detect(&ctx, &ctx.handler);
    xmlFreeTextReader(ctx.reader);
    ctx.reader = NULL;
    if (rc != SC_OK)
        goto done;
    if (doctype)
        *doctype = ctx.handler->doctype;
    if (result)
        result->doctype = ctx.handler->doctype;

    /* A public document from outside (catalog, eligibility rules, directory) is the
     * city's and any party may take it into its registry: check_parties() admits the
     * receiver. The built-in notice (no signature check) stays the handler's kind's. */
    if (db && check_actor && ctx.handler->importer_kind &&
        !(check_actor == 2 && is_public(ctx.handler->doctype)) &&
        (rc = sc__require_actor(actor, ctx.handler->importer_kind, "importing this document")) !=
            SC_OK)
        goto done;

    /* Issue 12: the signature, checked before anything is read into the registry. */
    if (db && check_actor == 2 && (rc = prove(&ctx, &in, path)) != SC_OK)
        goto done;

    /* Rewind the input for the validating pass. */
    if (in.fp) {
        if (fseek(in.fp, 0, SEEK_SET) != 0) {
            rc = sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, errno,
                                  "cannot rewind '%s'", path);
            goto done;
        }
    } else {
        in.pos = 0;
    }
    if (ctx.detached) {
        /* The import reads the bytes the signature covers, or refuses (below). */
        if (!(in.md = EVP_MD_CTX_new()) || EVP_DigestInit_ex(in.md, EVP_sha256(), NULL) != 1) {
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
            goto done;
        }
    }
    if (ctx.handler->state_size) {
        state = sc__calloc(1, ctx.handler->state_size);
        if (!state) {
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory importing");
            goto done;
        }
    }
    if (db) {
        /* A large import touches index pages all over the file: give SQLite a
         * page cache that holds them (bounded; restored afterwards). */
        if (db->txn_depth == 0)
            sqlite3_exec(db->conn, "PRAGMA cache_size = -" SC__IMPORT_CACHE_KIB, NULL, NULL, NULL);
        if ((rc = sc__db_begin(db)) != SC_OK)
            goto done;
        in_txn = 1;
    }
    ctx.state = state;
    ctx.handler_ok = 1;
    rc = run(&ctx, &in, &prior, &dg);
    if (rc == SC_OK && ctx.detached && !input_digest_matches(&in, ctx.digest)) {
        ctx.stopped = 0;
        rc = sig_refuse(&ctx, "signature refused (bad-signature): %.300s changed while it was "
                        "imported; it is not the file its signature covers", path);
    }
    already = rc == SC_OK && ctx.already;
    if (rc == SC_OK && db && !already)
        rc = batch_add(db, ctx.handler->root, ctx.batch_id, ctx.records, &dg);
    if (rc == SC_OK && db && !already) /* one audit entry per imported batch */
        rc = sc__audit_import(db, actor, ctx.issuer, ctx.handler->root, ctx.batch_id,
                              ctx.records, ctx.signer_fp);
    if (in_txn) {
        if (rc == SC_OK && !already)
            rc = sc__db_commit(db);
        else
            sc__db_rollback(db);
        in_txn = 0;
    }
    if (result) {
        snprintf(result->batch_id, sizeof result->batch_id, "%s", ctx.batch_id);
        result->already_imported = already;
        result->records = (rc == SC_OK && !already) ? ctx.records : 0;
    }
done:
    if (in_txn)
        sc__db_rollback(db);
    if (db && db->txn_depth == 0)
        sqlite3_exec(db->conn, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
    if (state && ctx.handler && ctx.handler->cleanup)
        ctx.handler->cleanup(state);
    sc_actor_free(ctx.issuer);
    sc_db_close(ctx.ref);
    sc_free(ctx.content);
    free(state);
    input_release(&in);
    free(prior.rec);
    free(dg.rec);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    return rc;
}

int sc__xml_validate(const sc__doc_handler *const *docs, size_t ndocs, int *doctype,
                     sc_report *report, const char *path, const char *data, size_t len,
                     const char *name, const sc_import_options *opts)
{
    return process(docs, ndocs, NULL, doctype, NULL, NULL, path, data, len, name, opts, report,
                   0, NULL, NULL, NULL);
}

int sc__xml_validate_checked(const sc__doc_handler *const *docs, size_t ndocs, int *doctype,
                             sc_report *report, const char *path, const char *data,
                             size_t len, const char *name, const sc_import_options *opts,
                             sc_db *(*open_ref)(void))
{
    return process(docs, ndocs, NULL, doctype, NULL, NULL, path, data, len, name, opts, report,
                   0, NULL, open_ref, NULL);
}

int sc__xml_import(const sc__doc_handler *const *docs, size_t ndocs, sc_import_result *out,
                   sc_db *db, const sc_actor *actor, const char *path, const char *data,
                   size_t len, const char *name, const sc_import_options *opts,
                   sc_report *report, sc__xml_open_signed_fn open_signed)
{
    int rc;
    if ((rc = sc__db_check(db, "import", 1)) != SC_OK)
        return rc;
    if (!actor)
        return sc__error_null("import", "actor");
    return process(docs, ndocs, out, NULL, db, actor, path, data, len, name, opts, report,
                   open_signed ? 2 : 1, open_signed, NULL, NULL);
}

int sc__xml_import_detached(const sc__doc_handler *const *docs, size_t ndocs,
                            sc_import_result *out, sc_db *db, const sc_actor *actor,
                            const char *data, size_t len, const char *sig_pem, const char *name,
                            const sc_import_options *opts, sc_report *report,
                            sc__xml_open_signed_fn open_signed)
{
    int rc;
    if ((rc = sc__db_check(db, "import", 1)) != SC_OK)
        return rc;
    if (!actor)
        return sc__error_null("import", "actor");
    return process(docs, ndocs, out, NULL, db, actor, NULL, data, len, name, opts, report, 2,
                   open_signed, NULL, sig_pem);
}
