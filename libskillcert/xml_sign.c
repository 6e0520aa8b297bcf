/*
 * W3C XML Signatures over exchange documents (include/skillcert/pki.h,
 * docs/signatures.md): xmlsec1 with its OpenSSL back end signs and checks
 * the cryptography; this file fixes the one layout it accepts and refuses
 * everything else before xmlsec sees it (signature wrapping).
 *
 * Layout: the root's last children are pairs
 *     <sig:signing-info .../> <ds:Signature>...</ds:Signature>
 * the first pair the issuer's signature, each later pair a countersignature
 * covering the pairs before it. Each ds:Signature has exactly SignedInfo,
 * SignatureValue and KeyInfo/X509Data (leaf certificate first); SignedInfo
 * has exclusive canonicalization, ECDSA-SHA256 and one Reference URI=""
 * with the transforms enveloped-signature then exclusive canonicalization
 * and SHA-256. No ds:Signature or sig:signing-info anywhere else.
 */
#include "pki_int.h"
#include "xml_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/templates.h>
#include <xmlsec/crypto.h>
#include <xmlsec/io.h>
#include <xmlsec/errors.h>
#include <xmlsec/openssl/evp.h>

#include "audit_int.h"
#include "skillcert/certificate.h"

#define DSIG_NS "http://www.w3.org/2000/09/xmldsig#"
#define ALG_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define ALG_ECDSA_SHA256 "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
#define ALG_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define ALG_SHA256 "http://www.w3.org/2001/04/xmlenc#sha256"

/* Parser options: no network, no entity substitution, no DTD loading. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

/* ---- xmlsec set-up ------------------------------------------------------------------------ */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_ok;

static void quiet_errors(const char *file, int line, const char *func, const char *obj,
                         const char *subj, int reason, const char *msg)
{
    (void)file; (void)line; (void)func; (void)obj; (void)subj; (void)reason; (void)msg;
}

static void xmlsec_init(void)
{
    xmlInitParser();
    if (xmlSecInit() < 0)
        return;
    /* xmlsec registers http/ftp/file readers for Reference URIs: remove them,
     * only URI="" is accepted and it needs none. */
    xmlSecIOCleanupCallbacks();
    if (xmlSecCheckVersion() != 1 || xmlSecCryptoAppInit(NULL) < 0 || xmlSecCryptoInit() < 0)
        return;
    xmlSecErrorsSetCallback(quiet_errors);
    init_ok = 1;
}

static int ensure_init(void)
{
    pthread_once(&init_once, xmlsec_init);
    return init_ok ? SC_OK
                   : sc__error_set(SC_ERROR, SC_DOMAIN_XML, "xmlsec1 could not be initialised");
}

/* ---- small helpers ---------------------------------------------------------------------------- */

static int is_el(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, ns) && !strcmp((const char *)n->name, name);
}

static int in_ns(const xmlNode *n, const char *ns)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, ns);
}

static xmlNode *next_el(xmlNode *n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

static int only_blank_text(const xmlNode *n)
{
    const xmlChar *p;
    if (n->type == XML_COMMENT_NODE)
        return 1;
    if (n->type != XML_TEXT_NODE)
        return 0;
    for (p = n->content; p && *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            return 0;
    return 1;
}

static int has_alg(xmlNode *n, const char *alg)
{
    xmlChar *a = xmlGetNoNsProp(n, (const xmlChar *)"Algorithm");
    int ok = a && !strcmp((const char *)a, alg);
    xmlFree(a);
    return ok;
}

static void copy_prop(xmlNode *n, const char *name, char *buf, size_t cap)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    sc__copy_text(buf, cap, v ? (const char *)v : "");
    xmlFree(v);
}

static void fail_result(sc_pki_verification *r, int reason, const char *fmt, ...)
    SC__PRINTF(3, 4);
static void fail_result(sc_pki_verification *r, int reason, const char *fmt, ...)
{
    va_list ap;
    r->ok = 0;
    r->reason = reason;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
}

static int parse_doc(xmlDocPtr *out, const char *data, size_t len)
{
    xmlDocPtr doc;
    *out = NULL;
    if (len > (size_t)0x7fffffff)
        return sc__error_set(SC_EXML, SC_DOMAIN_XML, "document too large to sign in memory");
    doc = xmlReadMemory(data, (int)len, "signed.xml", NULL,
                        PARSE_OPTIONS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        return sc__error_set(SC_EXML, SC_DOMAIN_XML, "not well-formed XML%s%s",
                             e && e->message ? ": " : "", e && e->message ? e->message : "");
    }
    if (doc->intSubset || doc->extSubset) {
        xmlFreeDoc(doc);
        return sc__error_set(SC_EXML, SC_DOMAIN_XML,
                             "a DOCTYPE is refused in an exchange document");
    }
    if (!xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        return sc__error_set(SC_EXML, SC_DOMAIN_XML, "no root element");
    }
    *out = doc;
    return SC_OK;
}

/* ---- the layout -------------------------------------------------------------------------------- */

typedef struct layer {
    xmlNode *info, *sig;
} layer;

/* Any ds: or sig: element below n (n itself included)? */
static int has_sig_element(const xmlNode *n)
{
    const xmlNode *c;
    if (in_ns(n, DSIG_NS) || in_ns(n, SC_SIGNATURE_NS))
        return 1;
    for (c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && has_sig_element(c))
            return 1;
    return 0;
}

/* One ds:Signature exactly as this library makes it. */
static int check_signature_node(xmlNode *sig, sc_pki_verification *r)
{
    xmlNode *si = next_el(sig->children), *sv, *ki, *c, *ref, *tr, *t1, *t2, *dm, *dv, *xd;
    xmlChar *uri;
    int ok;

    sv = si ? next_el(si->next) : NULL;
    ki = sv ? next_el(sv->next) : NULL;
    if (!is_el(si, DSIG_NS, "SignedInfo") || !is_el(sv, DSIG_NS, "SignatureValue") ||
        !is_el(ki, DSIG_NS, "KeyInfo") || next_el(ki->next)) {
        fail_result(r, SC_SIG_MALFORMED, "a ds:Signature must hold SignedInfo, SignatureValue "
                                         "and KeyInfo only (no ds:Object)");
        return -1;
    }
    for (c = sig->children; c; c = c->next)
        if (c->type != XML_ELEMENT_NODE && !only_blank_text(c)) {
            fail_result(r, SC_SIG_MALFORMED, "unexpected content in ds:Signature");
            return -1;
        }
    c = next_el(si->children);
    if (!is_el(c, DSIG_NS, "CanonicalizationMethod") || !has_alg(c, ALG_EXC_C14N) ||
        next_el(c->children)) {
        fail_result(r, SC_SIG_MALFORMED, "SignedInfo must use exclusive canonicalization");
        return -1;
    }
    c = next_el(c->next);
    if (!is_el(c, DSIG_NS, "SignatureMethod") || !has_alg(c, ALG_ECDSA_SHA256) ||
        next_el(c->children)) {
        fail_result(r, SC_SIG_MALFORMED, "the signature method must be ECDSA-SHA256");
        return -1;
    }
    ref = next_el(c->next);
    if (!is_el(ref, DSIG_NS, "Reference") || next_el(ref->next)) {
        fail_result(r, SC_SIG_MALFORMED, "SignedInfo must hold exactly one Reference");
        return -1;
    }
    uri = xmlGetNoNsProp(ref, (const xmlChar *)"URI");
    ok = uri && uri[0] == '\0';
    xmlFree(uri);
    if (!ok) {
        fail_result(r, SC_SIG_MALFORMED,
                    "the Reference must be URI=\"\" (the whole document); a reference to "
                    "another element or resource is refused");
        return -1;
    }
    if (ref->properties && (ref->properties->next || strcmp((const char *)ref->properties->name, "URI"))) {
        fail_result(r, SC_SIG_MALFORMED, "the Reference may carry only URI=\"\"");
        return -1;
    }
    tr = next_el(ref->children);
    t1 = tr ? next_el(tr->children) : NULL;
    t2 = t1 ? next_el(t1->next) : NULL;
    dm = tr ? next_el(tr->next) : NULL;
    dv = dm ? next_el(dm->next) : NULL;
    if (!is_el(tr, DSIG_NS, "Transforms") || !is_el(t1, DSIG_NS, "Transform") ||
        !has_alg(t1, ALG_ENVELOPED) || !is_el(t2, DSIG_NS, "Transform") ||
        !has_alg(t2, ALG_EXC_C14N) || next_el(t2->next) || next_el(t1->children) ||
        next_el(t2->children) || !is_el(dm, DSIG_NS, "DigestMethod") ||
        !has_alg(dm, ALG_SHA256) || !is_el(dv, DSIG_NS, "DigestValue") || next_el(dv->next)) {
        fail_result(r, SC_SIG_MALFORMED,
                    "the Reference must apply enveloped-signature then exclusive "
                    "canonicalization, digested with SHA-256");
        return -1;
    }
    xd = next_el(ki->children);
    if (!is_el(xd, DSIG_NS, "X509Data") || next_el(xd->next)) {
        fail_result(r, SC_SIG_MALFORMED, "KeyInfo must hold one X509Data");
        return -1;
    }
    for (c = next_el(xd->children); c; c = next_el(c->next))
        if (!is_el(c, DSIG_NS, "X509Certificate")) {
            fail_result(r, SC_SIG_MALFORMED, "X509Data may hold X509Certificate elements only");
            return -1;
        }
    if (!next_el(xd->children)) {
        fail_result(r, SC_SIG_MALFORMED, "no signer certificate in KeyInfo");
        return -1;
    }
    return 0;
}

/* Find the pairs at the end of the root; refuse every other place. Returns the
 * number of layers (0 unsigned) or -1 with r filled. */
static int find_layers(xmlNode *root, layer *layers, sc_pki_verification *r)
{
    xmlNode *c, *first = NULL;
    int n = 0;

    if (in_ns(root, DSIG_NS) || in_ns(root, SC_SIGNATURE_NS)) {
        fail_result(r, SC_SIG_MALFORMED, "the root element is a signature element");
        return -1;
    }
    for (c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(c, SC_SIGNATURE_NS, "signing-info") || is_el(c, DSIG_NS, "Signature")) {
            first = c;
            break;
        }
        if (has_sig_element(c)) {
            fail_result(r, SC_SIG_MALFORMED,
                        "a signature element inside <%s>: signatures are the last children of "
                        "the root only (signature wrapping refused)", (const char *)c->name);
            return -1;
        }
    }
    if (!first)
        return 0;
    for (c = first; c; c = c->next) {
        xmlNode *s;
        if (c->type != XML_ELEMENT_NODE) {
            if (!only_blank_text(c)) {
                fail_result(r, SC_SIG_MALFORMED, "text among the signatures");
                return -1;
            }
            continue;
        }
        if (!is_el(c, SC_SIGNATURE_NS, "signing-info") || next_el(c->children) ||
            !(s = next_el(c->next)) || !is_el(s, DSIG_NS, "Signature")) {
            fail_result(r, SC_SIG_MALFORMED,
                        "after the content the root may hold only <sig:signing-info/> "
                        "<ds:Signature> pairs (found <%s>)", (const char *)c->name);
            return -1;
        }
        if (n == SC_PKI_MAX_LAYERS) {
            fail_result(r, SC_SIG_MALFORMED, "more than %d signatures", SC_PKI_MAX_LAYERS);
            return -1;
        }
        if (check_signature_node(s, r) != 0)
            return -1;
        layers[n].info = c;
        layers[n].sig = s;
        n++;
        c = s;
    }
    return n;
}

/* ---- certificates in KeyInfo ------------------------------------------------------------------ */

static X509 *decode_cert(xmlNode *n)
{
    xmlChar *text = xmlNodeGetContent(n);
    unsigned char *der = NULL;
    char *clean = NULL;
    const unsigned char *p;
    size_t i, k = 0, len;
    int dlen;
    X509 *x = NULL;
    if (!text)
        return NULL;
    len = strlen((const char *)text);
    if (!(clean = malloc(len + 1)) || !(der = malloc(len + 1)))
        goto done;
    for (i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
            clean[k++] = (char)text[i];
    clean[k] = '\0';
    if (k == 0 || k % 4)
        goto done;
    dlen = EVP_DecodeBlock(der, (const unsigned char *)clean, (int)k);
    if (dlen < 0)
        goto done;
    while (k > 0 && clean[k - 1] == '=') { /* EVP_DecodeBlock keeps the padding bytes */
        dlen--;
        k--;
    }
    p = der;
    x = d2i_X509(NULL, &p, dlen);
done:
    xmlFree(text);
    free(clean);
    free(der);
    return x;
}

static STACK_OF(X509) *keyinfo_certs(xmlNode *sig)
{
    xmlNode *ki = next_el(next_el(next_el(sig->children)->next)->next);
    xmlNode *xd = next_el(ki->children), *c;
    STACK_OF(X509) *sk = sk_X509_new_null();
    if (!sk)
        return NULL;
    for (c = next_el(xd->children); c; c = next_el(c->next)) {
        X509 *x = decode_cert(c);
        if (!x || !sk_X509_push(sk, x)) {
            X509_free(x);
            sk_X509_pop_free(sk, X509_free);
            return NULL;
        }
    }
    return sk;
}

static int add_cert_node(xmlNode *x509data, X509 *x)
{
    unsigned char *der = NULL, *b64;
    int n = i2d_X509(x, &der), m;
    xmlNode *node;
    if (n <= 0)
        return -1;
    if (!(b64 = malloc((size_t)(4 * ((n + 2) / 3) + 1)))) {
        OPENSSL_free(der);
        return -1;
    }
    m = EVP_EncodeBlock(b64, der, n);
    OPENSSL_free(der);
    b64[m] = '\0';
    node = xmlSecAddChild(x509data, (const xmlChar *)"X509Certificate", (const xmlChar *)DSIG_NS);
    if (node)
        xmlNodeSetContent(node, b64);
    free(b64);
    return node ? 0 : -1;
}

/* ---- xmlsec calls ------------------------------------------------------------------------------ */

/* A new xmlsec key sharing pkey (its reference count is raised). */
static xmlSecKeyPtr xmlsec_key(EVP_PKEY *pkey)
{
    xmlSecKeyDataPtr data;
    xmlSecKeyPtr key;
    if (!pkey || !EVP_PKEY_up_ref(pkey))
        return NULL;
    if (!(data = xmlSecOpenSSLEvpKeyAdopt(pkey))) {
        EVP_PKEY_free(pkey);
        return NULL;
    }
    if (!(key = xmlSecKeyCreate())) {
        xmlSecKeyDataDestroy(data);
        return NULL;
    }
    if (xmlSecKeySetValue(key, data) < 0) {
        xmlSecKeyDataDestroy(data);
        xmlSecKeyDestroy(key);
        return NULL;
    }
    return key;
}

static xmlSecDSigCtxPtr new_dsig(EVP_PKEY *pkey)
{
    xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate(NULL);
    if (!ctx)
        return NULL;
    if (!(ctx->signKey = xmlsec_key(pkey))) {
        xmlSecDSigCtxDestroy(ctx);
        return NULL;
    }
    /* Only the same-document, whole-document reference; no external URIs. */
    ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
    if (xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformEnvelopedId) < 0 ||
        xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformExclC14NId) < 0 ||
        xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformSha256Id) < 0 ||
        xmlSecDSigCtxEnableSignatureTransform(ctx, xmlSecTransformExclC14NId) < 0 ||
        xmlSecDSigCtxEnableSignatureTransform(ctx, xmlSecTransformEcdsaSha256Id) < 0) {
        xmlSecDSigCtxDestroy(ctx);
        return NULL;
    }
    return ctx;
}


/* The external signer signs SHA-256(canonical SignedInfo); its DER ECDSA value,
 * as r || s (32 bytes each, XML Signature's form), replaces SignatureValue. */
static int external_value(xmlNode *sig, xmlSecBufferPtr presign, const sc_signer *signer)
{
    unsigned char md[32], der[144], raw[64], b64[96];
    const unsigned char *p = der;
    size_t derlen = sizeof der;
    ECDSA_SIG *es = NULL;
    const BIGNUM *r, *s;
    xmlNode *sv;
    int ok;
    if (!presign || !xmlSecBufferGetData(presign) ||
        !EVP_Digest(xmlSecBufferGetData(presign), xmlSecBufferGetSize(presign), md, NULL,
                    EVP_sha256(), NULL))
        return sc__error_set(SC_ERROR, SC_DOMAIN_XML, "no canonical SignedInfo to sign");
    if (signer->fn(md, sizeof md, der, &derlen, signer->payload) != 0 || derlen > sizeof der)
        return sc__error_set(SC_ERROR, SC_DOMAIN_XML, "the external signer failed");
    es = d2i_ECDSA_SIG(NULL, &p, (long)derlen);
    ECDSA_SIG_get0(es, &r, &s);
    ok = es && BN_bn2binpad(r, raw, 32) == 32 && BN_bn2binpad(s, raw + 32, 32) == 32;
    ECDSA_SIG_free(es);
    if (!ok)
        return sc__error_set(SC_ERROR, SC_DOMAIN_XML,
                             "the external signer's value is not a P-256 ECDSA signature");
    EVP_EncodeBlock(b64, raw, 64);
    sv = next_el(next_el(sig->children)->next);
    xmlNodeSetContent(sv, b64);
    return SC_OK;
}

/* ---- signing ------------------------------------------------------------------------------------- */

int sc_sign_options_init(sc_sign_options *opts, unsigned int version)
{
    static const sc_sign_options defaults = SC_SIGN_OPTIONS_INIT;
    if (!opts)
        return sc__error_null(__func__, "opts");
    if (version != SC_SIGN_OPTIONS_VERSION)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown sc_sign_options version %u",
                             version);
    *opts = defaults;
    return SC_OK;
}

static void hex(const unsigned char *b, size_t n, char *out)
{
    size_t i;
    for (i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", b[i]);
    out[2 * n] = '\0';
}

/* The registry's audit head: sequence and hex hash (0 and "" when empty). */
static int audit_head(sc_db *db, int64_t *seq, char *hash)
{
    sqlite3_stmt *st;
    int step, rc = SC_OK;
    *seq = 0;
    hash[0] = '\0';
    if ((rc = sc__db_check(db, "sc_xml_sign_memory", 0)) != SC_OK)
        return rc;
    if (!(st = sc__db_stmt(db, "SELECT seq, hash FROM audit_head WHERE id = 1")))
        return sc_error_last()->code;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const unsigned char *h = sqlite3_column_blob(st, 1);
        int n = sqlite3_column_bytes(st, 1);
        *seq = sqlite3_column_int64(st, 0);
        if (h && n == 32)
            hex(h, 32, hash);
    } else if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading the audit head");
    }
    sqlite3_reset(st);
    return rc;
}

int sc_xml_sign_memory(char **out, size_t *len, const char *data, size_t datalen,
                       const sc_signer *signer, const sc_sign_options *opts)
{
    static const sc_sign_options defaults = SC_SIGN_OPTIONS_INIT;
    xmlDocPtr doc = NULL;
    xmlNode *root, *info, *sig, *ref, *ki, *xd;
    xmlSecDSigCtxPtr ctx = NULL;
    sc_pki_verification r = SC_PKI_VERIFICATION_INIT;
    layer layers[SC_PKI_MAX_LAYERS];
    char when[SC_PKI_TIME_SIZE], hash[SC_PKI_FINGERPRINT_SIZE], seqtext[24];
    xmlChar *mem = NULL;
    int64_t seq = 0;
    int size = 0, rc, n, i;
    EVP_PKEY *scratch = NULL;
    time_t t;

    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!out)
        return sc__error_null(__func__, "out");
    if (!data)
        return sc__error_null(__func__, "doc");
    if (!signer)
        return sc__error_null(__func__, "signer");
    if (!opts)
        opts = &defaults;
    if (opts->version != SC_SIGN_OPTIONS_VERSION)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown sc_sign_options version %u",
                             opts->version);
    if (!signer->cert || !signer->party[0])
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "signer",
                              "the signer has no certificate naming a party");
    if (opts->signed_at) {
        if (sc__pki_parse_time(opts->signed_at, &t) != 0 || strlen(opts->signed_at) != 20)
            return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "signed_at",
                                  "'%s' is not YYYY-MM-DDTHH:MM:SSZ", opts->signed_at);
    } else {
        t = time(NULL);
    }
    sc__pki_format_time(t, when);
    if (opts->purpose && sc__check_text(opts->purpose, "purpose", 31, 1) != SC_OK)
        return SC_EINVAL;
    hash[0] = '\0';
    if (opts->audit_db && (rc = audit_head(opts->audit_db, &seq, hash)) != SC_OK)
        return rc;
    if ((rc = ensure_init()) != SC_OK)
        return rc;
    if ((rc = parse_doc(&doc, data, datalen)) != SC_OK)
        return rc;
    root = xmlDocGetRootElement(doc);
    r = (sc_pki_verification)SC_PKI_VERIFICATION_INIT;
    if ((n = find_layers(root, layers, &r)) < 0 || n == SC_PKI_MAX_LAYERS) {
        rc = sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES, "cannot sign: %s",
                           n < 0 ? r.message : "too many signatures");
        goto done;
    }
    (void)i;

    /* <sig:signing-info>: covered by the signature that follows it. */
    if (!(info = xmlNewDocNode(doc, NULL, (const xmlChar *)"signing-info", NULL)) ||
        !xmlAddChild(root, info)) {
        xmlFreeNode(info);
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        goto done;
    }
    xmlSetNs(info, xmlNewNs(info, (const xmlChar *)SC_SIGNATURE_NS, (const xmlChar *)"sig"));
    xmlNewProp(info, (const xmlChar *)"signer", (const xmlChar *)signer->party);
    xmlNewProp(info, (const xmlChar *)"signed-at", (const xmlChar *)when);
    xmlNewProp(info, (const xmlChar *)"purpose",
               (const xmlChar *)(opts->purpose ? opts->purpose : n ? "countersignature" : "issue"));
    if (opts->audit_db) {
        snprintf(seqtext, sizeof seqtext, "%lld", (long long)seq);
        xmlNewProp(info, (const xmlChar *)"audit-seq", (const xmlChar *)seqtext);
        xmlNewProp(info, (const xmlChar *)"audit-hash", (const xmlChar *)hash);
    }

    if (!(sig = xmlSecTmplSignatureCreate(doc, xmlSecTransformExclC14NId,
                                          xmlSecTransformEcdsaSha256Id, NULL))) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory (signature template)");
        goto done;
    }
    if (!xmlAddChild(root, sig)) {
        xmlFreeNode(sig);
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        goto done;
    }
    if (!(ref = xmlSecTmplSignatureAddReference(sig, xmlSecTransformSha256Id, NULL,
                                                (const xmlChar *)"", NULL)) ||
        !xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId) ||
        !xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId)) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory (signature template)");
        goto done;
    }
    if (signer->fn) {
        /* An external signer: xmlsec digests the document and canonicalizes
         * SignedInfo with a throwaway key of the same curve; the signer then
         * signs that canonical SignedInfo and its value replaces the throwaway one. */
        if (!(scratch = EVP_EC_gen("P-256"))) {
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory (scratch key)");
            goto done;
        }
    }
    if (!(ctx = new_dsig(scratch ? scratch : signer->key))) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory (signature context)");
        goto done;
    }
    if (scratch)
        ctx->flags |= XMLSEC_DSIG_FLAGS_STORE_SIGNATURE;
    if (xmlSecDSigCtxSign(ctx, sig) < 0 || ctx->status != xmlSecDSigStatusSucceeded) {
        rc = sc__error_set(SC_ERROR, SC_DOMAIN_XML, "signing failed (xmlsec1)");
        goto done;
    }
    if (scratch && (rc = external_value(sig, xmlSecDSigCtxGetPreSignBuffer(ctx), signer)) != SC_OK)
        goto done;
    /* KeyInfo after signing: the certificates are not under this signature
     * (a later countersignature covers them). */
    if (!(ki = xmlSecTmplSignatureEnsureKeyInfo(sig, NULL)) ||
        !(xd = xmlSecTmplKeyInfoAddX509Data(ki)) || add_cert_node(xd, signer->cert) != 0) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory (KeyInfo)");
        goto done;
    }
    for (i = 0; i < sk_X509_num(signer->chain); i++)
        if (add_cert_node(xd, sk_X509_value(signer->chain, i)) != 0) {
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory (KeyInfo)");
            goto done;
        }
    xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
    if (!mem) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        goto done;
    }
    if (!(*out = sc__malloc((size_t)size + 1))) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        goto done;
    }
    memcpy(*out, mem, (size_t)size);
    (*out)[size] = '\0';
    if (len)
        *len = (size_t)size;
    rc = SC_OK;
done:
    xmlFree(mem);
    if (ctx)
        xmlSecDSigCtxDestroy(ctx);
    EVP_PKEY_free(scratch);
    xmlFreeDoc(doc);
    return rc;
}

static int read_file(char **out, size_t *len, const char *path)
{
    FILE *fp = fopen(path, "rb");
    sc__buf b;
    char chunk[65536];
    size_t n;
    *out = NULL;
    if (!fp)
        return sc__error_set(SC_EIO, SC_DOMAIN_OS, "cannot open '%s'", path);
    sc__buf_init(&b);
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        sc__buf_append(&b, chunk, n);
    if (ferror(fp)) {
        fclose(fp);
        sc__buf_free(&b);
        return sc__error_set(SC_EIO, SC_DOMAIN_OS, "cannot read '%s'", path);
    }
    fclose(fp);
    if (b.failed || sc__buf_append(&b, "", 0) != SC_OK || !b.data) {
        sc__buf_free(&b);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    }
    *out = b.data;
    *len = b.len;
    return SC_OK;
}

int sc_xml_sign_file(const char *in_path, const char *out_path, const sc_signer *signer,
                     const sc_sign_options *opts)
{
    char *in = NULL, *signed_doc = NULL, tmp[4096];
    size_t inlen = 0, outlen = 0;
    FILE *fp;
    int rc;
    if (!in_path)
        return sc__error_null(__func__, "in_path");
    if (!out_path)
        return sc__error_null(__func__, "out_path");
    if ((rc = read_file(&in, &inlen, in_path)) != SC_OK)
        return rc;
    rc = sc_xml_sign_memory(&signed_doc, &outlen, in, inlen, signer, opts);
    sc_free(in);
    if (rc != SC_OK)
        return rc;
    snprintf(tmp, sizeof tmp, "%s.tmp", out_path);
    if (!(fp = fopen(tmp, "wb")) || fwrite(signed_doc, 1, outlen, fp) != outlen) {
        if (fp)
            fclose(fp);
        remove(tmp);
        sc_free(signed_doc);
        return sc__error_set(SC_EIO, SC_DOMAIN_OS, "cannot write '%s'", out_path);
    }
    sc_free(signed_doc);
    if (fclose(fp) != 0 || rename(tmp, out_path) != 0) {
        remove(tmp);
        return sc__error_set(SC_EIO, SC_DOMAIN_OS, "cannot write '%s'", out_path);
    }
    return SC_OK;
}

/* ---- verifying ----------------------------------------------------------------------------------- */

/* Verify and peel every layer of doc (outermost first); on success the DOM is
 * the document as first signed. Fills out; returns SC_OK, SC_EINVALIDDOC
 * (refused, out says why) or SC_ENOMEM. */
static int verify_dom(sc_xml_verification *out, xmlDocPtr doc, X509 *anchor,
                      STACK_OF(X509_CRL) *crls)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    sc_pki_verification *r = &out->result;
    layer layers[SC_PKI_MAX_LAYERS];
    int n, k, rc = SC_OK;

    n = find_layers(root, layers, r);
    if (n < 0)
        goto refused;
    if (n == 0) {
        fail_result(r, SC_SIG_UNSIGNED, "the document is not signed");
        goto refused;
    }
    out->layers = n;
    for (k = n - 1; k >= 0; k--) {
        sc_signature_info *si = &out->sig[k];
        STACK_OF(X509) *certs = keyinfo_certs(layers[k].sig);
        X509 *leaf;
        xmlSecDSigCtxPtr ctx;
        sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
        char seq[24];
        time_t t;
        int good;

        if (!certs || sk_X509_num(certs) == 0) {
            sk_X509_pop_free(certs, X509_free);
            fail_result(r, SC_SIG_MALFORMED, "signature %d: unreadable certificate in KeyInfo",
                        k + 1);
            goto refused;
        }
        leaf = sk_X509_shift(certs);
        sc__pki_party_of(leaf, si->party);
        sc__pki_fingerprint(leaf, si->fingerprint);
        copy_prop(layers[k].info, "signed-at", si->signed_at, sizeof si->signed_at);
        copy_prop(layers[k].info, "purpose", si->purpose, sizeof si->purpose);
        copy_prop(layers[k].info, "audit-hash", si->audit_hash, sizeof si->audit_hash);
        copy_prop(layers[k].info, "audit-seq", seq, sizeof seq);
        si->audit_seq = strtoll(seq, NULL, 10);
        if (k == n - 1) {
            snprintf(r->party, sizeof r->party, "%s", si->party);
            snprintf(r->fingerprint, sizeof r->fingerprint, "%s", si->fingerprint);
        }
        /* 1. The cryptography: the document as covered is what was signed. */
        ctx = new_dsig(X509_get0_pubkey(leaf));
        if (!ctx) {
            X509_free(leaf);
            sk_X509_pop_free(certs, X509_free);
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        }
        good = xmlSecDSigCtxVerify(ctx, layers[k].sig) >= 0 &&
               ctx->status == xmlSecDSigStatusSucceeded;
        xmlSecDSigCtxDestroy(ctx);
        if (!good) {
            fail_result(r, SC_SIG_BAD_SIGNATURE,
                        "signature %d (%s) does not verify: the document was changed after "
                        "signing, or the signature is not %s's", k + 1, si->party, si->party);
            goto refused_leaf;
        }
        /* 2. The signer is the party the signed content names. */
        {
            char named[SC_PKI_PARTY_SIZE];
            copy_prop(layers[k].info, "signer", named, sizeof named);
            if (strcmp(named, si->party) != 0) {
                fail_result(r, SC_SIG_WRONG_PARTY,
                            "signature %d names %s as signer but is signed with %s's "
                            "certificate", k + 1, named, si->party[0] ? si->party : "another");
                goto refused_leaf;
            }
        }
        if (k == 0) {
            /* The issuer the document names (the one-door root attribute). */
            xmlChar *issuer = xmlGetNoNsProp(root, (const xmlChar *)"issuer");
            int same = !issuer || !strcmp((const char *)issuer, si->party);
            if (!same) {
                fail_result(r, SC_SIG_WRONG_PARTY,
                            "the document names %s as its issuer but is signed by %s",
                            (const char *)issuer, si->party);
                xmlFree(issuer);
                goto refused_leaf;
            }
            xmlFree(issuer);
        }
        /* 3. The chain, on the signing day (no anchor: integrity only). */
        if (!anchor) {
            X509_free(leaf);
            sk_X509_pop_free(certs, X509_free);
            goto peel;
        }
        if (sc__pki_parse_time(si->signed_at, &t) != 0 || strlen(si->signed_at) != 20) {
            fail_result(r, SC_SIG_MALFORMED, "signature %d: bad signing time '%s'", k + 1,
                        si->signed_at);
            goto refused_leaf;
        }
        if ((rc = sc__pki_verify(&v, anchor, leaf, certs, crls, t)) != SC_OK) {
            X509_free(leaf);
            sk_X509_pop_free(certs, X509_free);
            return rc;
        }
        if (!v.ok) {
            fail_result(r, v.reason, "signature %d (%s, signed %s): %s", k + 1, si->party,
                        si->signed_at, v.message);
            goto refused_leaf;
        }
        X509_free(leaf);
        sk_X509_pop_free(certs, X509_free);
    peel:
        /* Peel this layer: the next one was made on the document without it. */
        xmlUnlinkNode(layers[k].sig);
        xmlFreeNode(layers[k].sig);
        xmlUnlinkNode(layers[k].info);
        xmlFreeNode(layers[k].info);
        continue;
    refused_leaf:
        X509_free(leaf);
        sk_X509_pop_free(certs, X509_free);
        goto refused;
    }
    r->ok = 1;
    r->reason = SC_SIG_OK;
    r->message[0] = '\0';
    return SC_OK;
refused:
    r->ok = 0;
    return sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES, "signature refused (%s): %s",
                         sc_sig_reason_name(r->reason), r->message);
}

/* Parse, load the anchor and CRLs, verify; the DOM is kept in *docp when
 * asked (the caller frees it), else freed. anchor_pem NULL: integrity only (each
 * signature intact and by the party its signing-info and the root name; no chain). */
/* Zero a verification but keep its version; the nested result and signatures are
   filled by the library, which sets their versions. */
static void xml_verification_zero(sc_xml_verification *v)
{
    int k;
    SC__ZERO_KEEP_VERSION(v);
    v->result.version = SC_PKI_VERIFICATION_VERSION;
    for (k = 0; k < SC_PKI_MAX_LAYERS; k++)
        v->sig[k].version = SC_SIGNATURE_INFO_VERSION;
}

static int verify_text(sc_xml_verification *out, xmlDocPtr *docp, const char *data, size_t len,
                       const char *anchor_pem, const char *crl_pem)
{
    STACK_OF(X509) *anchors = NULL;
    STACK_OF(X509_CRL) *crls = NULL;
    xmlDocPtr doc = NULL;
    int rc;

    if (docp)
        *docp = NULL;
    if (out)
        xml_verification_zero(out);
    if (!out)
        return sc__error_null("sc_xml_verify_memory", "out");
    if (!data)
        return sc__error_null("sc_xml_verify_memory", "doc");
    if ((rc = ensure_init()) != SC_OK)
        return rc;
    if (!anchor_pem) {
        if ((rc = parse_doc(&doc, data, len)) != SC_OK)
            return rc;
        rc = verify_dom(out, doc, NULL, NULL);
        goto kept;
    }
    if (!(anchors = sc__pki_read_certs(anchor_pem, "anchor_pem")))
        return sc_error_last()->code;
    if (sk_X509_num(anchors) == 0) {
        rc = sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "anchor_pem", "no root certificate");
        goto done;
    }
    if (!(crls = crl_pem && *crl_pem ? sc__pki_read_crls(crl_pem, "crl_pem")
                                     : sk_X509_CRL_new_null())) {
        rc = sc_error_last()->code ? sc_error_last()->code : SC_ENOMEM;
        goto done;
    }
    if ((rc = parse_doc(&doc, data, len)) != SC_OK)
        goto done;
    rc = verify_dom(out, doc, sk_X509_value(anchors, 0), crls);
kept:
    if (rc == SC_OK && docp) {
        *docp = doc;
        doc = NULL;
    }
done:
    xmlFreeDoc(doc);
    sk_X509_pop_free(anchors, X509_free);
    sk_X509_CRL_pop_free(crls, X509_CRL_free);
    return rc;
}

int sc_xml_verify_memory(sc_xml_verification *out, const char *doc, size_t len,
                         const char *anchor_pem, const char *crl_pem)
{
    if (out) {
        SC__VERSION_CHECK(out, "sc_xml_verification", SC_XML_VERIFICATION_VERSION);
        SC__ZERO_KEEP_VERSION(out);
    }
    if (!anchor_pem)
        return sc__error_null(__func__, "anchor_pem");
    return verify_text(out, NULL, doc, len, anchor_pem, crl_pem);
}

int sc_xml_registry_verify(sc_xml_verification *out, sc_db *db, const char *doc, size_t len)
{
    char *anchor = NULL, *crls = NULL;
    int rc;
    if (out) {
        SC__VERSION_CHECK(out, "sc_xml_verification", SC_XML_VERIFICATION_VERSION);
        SC__ZERO_KEEP_VERSION(out);
    }
    if ((rc = sc__db_check(db, __func__, 0)) != SC_OK)
        return rc;
    if ((rc = sc__pki_registry_material(db, &anchor, &crls)) != SC_OK)
        return rc;
    rc = verify_text(out, NULL, doc, len, anchor, crls);
    sc_free(anchor);
    sc_free(crls);
    return rc;
}

int sc__xml_signature_check(sc_db *db, const char *data, size_t len, const char *issuer,
                            char *fingerprint, char *signed_at)
{
    return sc__xml_signature_open(db, data, len, issuer, fingerprint, signed_at, NULL, NULL);
}

int sc__xml_signature_open(sc_db *db, const char *data, size_t len, const char *issuer,
                           char *fingerprint, char *signed_at, char **content,
                           size_t *content_len)
{
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    char *anchor = NULL, *crls = NULL;
    xmlDocPtr doc = NULL;
    xmlChar *mem = NULL;
    int rc, size = 0, integrity = 0;
    if (fingerprint)
        fingerprint[0] = '\0';
    if (signed_at)
        signed_at[0] = '\0';
    if (content)
        *content = NULL;
    if (content_len)
        *content_len = 0;
    if ((rc = sc__db_check(db, __func__, 0)) != SC_OK)
        return rc;
    rc = sc__pki_registry_material(db, &anchor, &crls);
    if (rc == SC_ENOTFOUND) {
        /* No trust anchor (a development registry): a signature present is
         * checked for integrity; an unsigned document passes, *content NULL. */
        sc_error_clear();
        integrity = 1;
    } else if (rc != SC_OK) {
        return rc;
    }
    rc = verify_text(&v, content ? &doc : NULL, data, len, anchor, crls);
    sc_free(anchor);
    sc_free(crls);
    if (rc == SC_EINVALIDDOC && integrity && v.result.reason == SC_SIG_UNSIGNED) {
        sc_error_clear();
        return SC_OK;
    }
    if (rc != SC_OK) {
        xmlFreeDoc(doc);
        return rc;
    }
    if (!issuer || strcmp(v.sig[0].party, issuer) != 0) {
        xmlFreeDoc(doc);
        return sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES,
                             "signature refused (wrong-party): the document is issued by %s "
                             "but signed by %s", issuer ? issuer : "nobody", v.sig[0].party);
    }
    if (fingerprint)
        snprintf(fingerprint, SC_PKI_FINGERPRINT_SIZE, "%s", v.sig[0].fingerprint);
    if (signed_at)
        snprintf(signed_at, SC_PKI_TIME_SIZE, "%s", v.sig[0].signed_at);
    if (content) {
        /* The verified DOM, its signatures peeled: what the import reads. */
        xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
        xmlFreeDoc(doc);
        if (!mem || !(*content = sc__malloc((size_t)size + 1))) {
            xmlFree(mem);
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        }
        memcpy(*content, mem, (size_t)size);
        (*content)[size] = '\0';
        xmlFree(mem);
        if (content_len)
            *content_len = (size_t)size;
    }
    return SC_OK;
}

int sc_audit_head_verify(sc_pki_verification *out, sc_db *db, const char *doc, size_t len)
{
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    sc_audit_result ar = SC_AUDIT_RESULT_INIT;
    const sc_signature_info *si = NULL;
    sqlite3_stmt *st;
    char hash[SC_PKI_FINGERPRINT_SIZE];
    int rc, k, step;

    if (!out)
        return sc__error_null(__func__, "out");
    SC__VERSION_CHECK(out, "sc_pki_verification", SC_PKI_VERIFICATION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc_xml_registry_verify(&v, db, doc, len)) != SC_OK) {
        SC__ASSIGN_KEEP_VERSION(out, v.result);
        return rc;
    }
    SC__ASSIGN_KEEP_VERSION(out, v.result);
    for (k = 0; k < v.layers; k++)
        if (v.sig[k].audit_seq > 0 && v.sig[k].audit_hash[0]) {
            si = &v.sig[k];
            break;
        }
    if (!si) {
        out->ok = 0;
        out->reason = SC_SIG_MALFORMED;
        snprintf(out->message, sizeof out->message, "the document carries no audit head");
        return sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES, "%s", out->message);
    }
    if (!(st = sc__db_stmt(db, "SELECT hash FROM audit WHERE seq = ?1")))
        return sc_error_last()->code;
    sqlite3_bind_int64(st, 1, si->audit_seq);
    step = sqlite3_step(st);
    hash[0] = '\0';
    if (step == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32)
        hex(sqlite3_column_blob(st, 0), 32, hash);
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return sc__db_fail(db, step, "reading the audit trail");
    if (strcmp(hash, si->audit_hash) != 0) {
        out->ok = 0;
        out->reason = SC_SIG_BAD_SIGNATURE;
        snprintf(out->message, sizeof out->message,
                 "audit entry %lld signed by %s at %s is %s: the registry's history was "
                 "rewritten", (long long)si->audit_seq, si->party, si->signed_at,
                 hash[0] ? "different now" : "gone");
        return SC_OK;
    }
    if ((rc = sc_audit_verify(&ar, db)) != SC_OK)
        return rc;
    if (!ar.ok) {
        out->ok = 0;
        out->reason = SC_SIG_BAD_SIGNATURE;
        snprintf(out->message, sizeof out->message, "the audit chain is broken at entry %lld: %.400s",
                 (long long)ar.first_bad_seq, ar.message);
        return SC_OK;
    }
    out->ok = 1;
    snprintf(out->message, sizeof out->message, "audit entry %lld (signed by %s at %s) is in the "
             "intact chain of %lld entries", (long long)si->audit_seq, si->party, si->signed_at,
             (long long)ar.entries);
    return SC_OK;
}

/* ---- the electronic certificate ------------------------------------------------------------------ */

#define CERT_NS "urn:skillcert:certificate:1"

extern const sc__doc_handler sc__doc_certificate; /* xml_certificate.c */
static const sc__doc_handler *const certificate_only[] = { &sc__doc_certificate };

static xmlNode *child(xmlNode *parent, const char *name)
{
    xmlNode *c;
    for (c = parent->children; c; c = c->next)
        if (is_el(c, CERT_NS, name))
            return c;
    return NULL;
}

int sc_certificate_countersign_export_memory(char **out, size_t *len, sc_db *db,
                                             const char *number, const char *issued_doc,
                                             size_t doclen, const sc_signer *centre,
                                             const sc_sign_options *opts)
{
    sc_sign_options o;
    sc_certificate c = SC_CERTIFICATE_INIT;
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    xmlDocPtr doc = NULL;
    char *anchor = NULL, *crls = NULL, named[SC_CERT_NUMBER_SIZE], party[SC_PKI_PARTY_SIZE];
    int rc;

    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!out)
        return sc__error_null(__func__, "out");
    if (!number)
        return sc__error_null(__func__, "number");
    if (!issued_doc)
        return sc__error_null(__func__, "issued_doc");
    if (!centre)
        return sc__error_null(__func__, "centre");
    if (strcmp(sc_signer_party(centre), "city-centre") != 0)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "centre",
                              "a certificate is countersigned at publication by the city centre, "
                              "not %s", sc_signer_party(centre)[0] ? sc_signer_party(centre)
                                                                    : "an unnamed signer");
    if (opts)
        o = *opts;
    else
        sc_sign_options_init(&o, SC_SIGN_OPTIONS_VERSION);
    o.purpose = "publication";
    if ((rc = sc_certificate_get(&c, db, number)) != SC_OK)
        return rc;
    if (c.status != SC_CERT_PUBLISHED && c.status != SC_CERT_ISSUED)
        return sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                             "certificate %s is neither issued nor published in this registry: "
                             "the city centre countersigns what it publishes", number);
    if ((rc = sc__pki_registry_material(db, &anchor, &crls)) != SC_OK)
        return rc;
    rc = verify_text(&v, &doc, issued_doc, doclen, anchor, crls);
    sc_free(anchor);
    sc_free(crls);
    if (rc != SC_OK)
        goto done;
    snprintf(party, sizeof party, "org:%s", c.credit_code);
    copy_prop(xmlDocGetRootElement(doc), "number", named, sizeof named);
    if (!is_el(xmlDocGetRootElement(doc), CERT_NS, "certificate") || strcmp(named, number)) {
        rc = sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES,
                           "the document is not the certificate document of %s", number);
        goto done;
    }
    if (v.layers != 1 || strcmp(v.sig[0].party, party) != 0) {
        rc = sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES,
                           "certificate %s is countersigned over its organization's signature "
                           "alone (%s); this document is signed by %s%s", number, party,
                           v.sig[0].party, v.layers > 1 ? " and countersigned already" : "");
        goto done;
    }
    rc = sc_xml_sign_memory(out, len, issued_doc, doclen, centre, &o);
done:
    xmlFreeDoc(doc);
    return rc;
}

int sc_certificate_verify_document(sc_certificate_document *out, sc_xml_verification *detail,
                                   const char *data, size_t len, const char *root_pem,
                                   const char *crl_pem)
{
    sc_xml_verification local = SC_XML_VERIFICATION_INIT, *v = detail ? detail : &local;
    sc_certificate_document d = SC_CERTIFICATE_DOCUMENT_INIT;
    xmlDocPtr doc = NULL;
    xmlNode *root, *n;
    xmlChar *mem = NULL;
    int size = 0, rc, doctype = 0;
    char status[16], level[8];

    if (!out)
        return sc__error_null(__func__, "out");
    SC__VERSION_CHECK(out, "sc_certificate_document", SC_CERTIFICATE_DOCUMENT_VERSION);
    if (detail)
        SC__VERSION_CHECK(detail, "sc_xml_verification", SC_XML_VERIFICATION_VERSION);
    else
        local.version = SC_XML_VERIFICATION_VERSION;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = verify_text(v, &doc, data, len, root_pem, crl_pem)) != SC_OK)
        return rc;
    d = (sc_certificate_document)SC_CERTIFICATE_DOCUMENT_INIT;
    /* The issuing organization signed first; the city centre countersigned. */
    if (strncmp(v->sig[0].party, "org:", 4) != 0) {
        fail_result(&v->result, SC_SIG_WRONG_PARTY,
                    "an electronic certificate is signed by its organization, not %s",
                    v->sig[0].party);
        goto refused;
    }
    if (v->layers < 2 || strcmp(v->sig[1].party, "city-centre") != 0) {
        fail_result(&v->result, SC_SIG_NOT_COUNTERSIGNED,
                    "not published: the city centre's countersignature is missing");
        goto refused;
    }
    if (v->layers > 2) {
        fail_result(&v->result, SC_SIG_MALFORMED, "more signatures than the organization's "
                                                  "and the city centre's");
        goto refused;
    }
    /* The content, signatures set aside, is a valid certificate document. */
    xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
    if (!mem) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        goto done;
    }
    if ((rc = sc__xml_validate(certificate_only, 1, &doctype, NULL, NULL, (const char *)mem,
                               (size_t)size, "certificate", NULL)) != SC_OK ||
        doctype != SC_DOC_CERTIFICATE) {
        fail_result(&v->result, SC_SIG_MALFORMED, "not a valid certificate document: %s",
                    rc != SC_OK ? sc_error_last()->message : "another document type");
        goto refused;
    }
    root = xmlDocGetRootElement(doc);
    copy_prop(root, "number", d.number, sizeof d.number);
    copy_prop(root, "status", status, sizeof status);
    snprintf(d.status, sizeof d.status, "%s", status);
    if ((n = child(root, "holder"))) {
        copy_prop(n, "name", d.holder, sizeof d.holder);
        copy_prop(n, "id-number", d.id_number, sizeof d.id_number);
    }
    if ((n = child(root, "qualification"))) {
        copy_prop(n, "occupation", d.occupation, sizeof d.occupation);
        copy_prop(n, "occupation-name", d.occupation_name, sizeof d.occupation_name);
        copy_prop(n, "work-type", d.work_type, sizeof d.work_type);
        copy_prop(n, "level", level, sizeof level);
        d.level = atoi(level);
        copy_prop(n, "level-text", d.level_text, sizeof d.level_text);
    }
    if ((n = child(root, "issuer"))) {
        copy_prop(n, "name", d.org_name, sizeof d.org_name);
        copy_prop(n, "credit-code", d.credit_code, sizeof d.credit_code);
    }
    if ((n = child(root, "dates")))
        copy_prop(n, "issued", d.issued, sizeof d.issued);
    if (strcmp(v->sig[0].party + 4, d.credit_code) != 0) {
        fail_result(&v->result, SC_SIG_WRONG_PARTY,
                    "the certificate names organization %s as issuer but is signed by %s",
                    d.credit_code, v->sig[0].party);
        goto refused;
    }
    if (!strcmp(status, "revoked")) {
        fail_result(&v->result, SC_SIG_REVOKED, "the certificate document says it is revoked");
        goto refused;
    }
    d.published = 1;
    snprintf(d.published_at, sizeof d.published_at, "%s", v->sig[1].signed_at);
    snprintf(d.signer, sizeof d.signer, "%s", v->sig[0].party);
    snprintf(d.signed_at, sizeof d.signed_at, "%s", v->sig[0].signed_at);
    SC__ASSIGN_KEEP_VERSION(out, d);
    rc = SC_OK;
    goto done;
refused:
    v->result.ok = 0;
    rc = sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES, "certificate refused (%s): %s",
                       sc_sig_reason_name(v->result.reason), v->result.message);
done:
    xmlFree(mem);
    xmlFreeDoc(doc);
    return rc;
}
