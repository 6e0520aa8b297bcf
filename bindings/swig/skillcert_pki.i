/*
 * skillcert_pki.i -- signed exchange documents (pki.h, issue #12): keys,
 * requests and certificates of the trust chain, XML signatures and the
 * offline check of an electronic certificate. Included by
 * bindings/swig/skillcert.i after skillcert_supervision.i; same error path
 * (a refused signature raises ValidationError with the reason in the
 * message) and ownership rules (every text returned is the caller's copy).
 *
 * Value classes (read-only copies):
 *     CertInfo             what a certificate says (sc_pki_cert_info)
 *     PkiVerification      a chain or signature check (sc_pki_verification)
 *     CertificateDocument  a verified electronic certificate (sc_certificate_document)
 * Module functions (PEM texts in and out; private keys stay with the caller):
 *     pki_key_new() -> key PEM
 *     pki_request_new(key, party) -> request PEM
 *     pki_certify(issuer_key, issuer_cert or None, request, not_before, not_after)
 *     pki_cert_info(cert) -> CertInfo
 *     pki_verify_chain(root, chain, crl=None, at=None) -> PkiVerification (ok or not)
 *     xml_sign(doc, key, cert_chain, signed_at=None, purpose=None) -> signed doc
 *     xml_verify(doc, root, crl=None) -> PkiVerification of the outermost signer
 *     certificate_verify_document(doc, root, crl=None) -> CertificateDocument
 *     sig_reason_name(reason)
 *     doctype_signature_scheme(doctype) -> SIGNATURE_SCHEME_ENVELOPED / _DETACHED / _NONE
 *     pki_sign_detached(data, key, cert_chain, signed_at=None) -> CMS PEM over data's bytes
 * Database methods:
 *     pki_anchor_set(actor, root): the trust anchor, the first time (the city bureau)
 *     pki_development_set(actor, on): a registry without an anchor accepts unsigned
 *         documents (on) or refuses them (off, a new registry's setting); the bureau
 *     pki_development_get() -> bool
 *     import_memory_signed(actor, data, sig, name=None, report=None) -> ImportResult:
 *         a candidate or certificate batch with its detached signature (the
 *         FILE.p7s text), verified over exactly these bytes in an anchored registry
 */

%{
static sc_signer *scw_pki_signer(const char *key, const char *cert)
{
    sc_signer *s = NULL;
    if (!key) {
        scw_fail(SC_EINVAL, "a private key (PEM) is required");
        return NULL;
    }
    if (scw_check(sc_signer_new_key(&s, key, cert)) < 0)
        return NULL;
    return s;
}

static char *pki_key_new(void)
{
    char *k = NULL;
    if (scw_check(sc_pki_key_new(&k, NULL)) < 0)
        return NULL;
    return k;
}

static char *pki_request_new(const char *key, const char *party)
{
    char *r = NULL;
    if (scw_check(sc_pki_request_new(&r, NULL, key, party)) < 0)
        return NULL;
    return r;
}

static char *pki_certify(const char *issuer_key, const char *issuer_cert, const char *request,
                         const char *not_before, const char *not_after)
{
    sc_signer *s = scw_pki_signer(issuer_key, issuer_cert);
    char *c = NULL;
    if (!s)
        return NULL;
    if (scw_check(sc_pki_certify(&c, NULL, s, request, not_before, not_after)) < 0)
        c = NULL;
    sc_signer_free(s);
    return c;
}

static sc_pki_cert_info pki_cert_info(const char *cert)
{
    sc_pki_cert_info i = SC_PKI_CERT_INFO_INIT;
    scw_check(sc_pki_cert_info_get(&i, cert));
    return i;
}

static sc_pki_verification pki_verify_chain(const char *root, const char *chain,
                                            const char *crl, const char *at)
{
    sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
    scw_check(sc_pki_verify_chain(&v, root, chain, crl, at));
    return v;
}

static char *xml_sign(const char *doc, const char *key, const char *cert,
                      const char *signed_at, const char *purpose)
{
    sc_signer *s;
    sc_sign_options o;
    char *out = NULL;
    if (!doc) {
        scw_fail(SC_EINVAL, "xml_sign: the document is required");
        return NULL;
    }
    if (!cert) {
        scw_fail(SC_EINVAL, "xml_sign: the signer's certificate is required");
        return NULL;
    }
    if (!(s = scw_pki_signer(key, cert)))
        return NULL;
    sc_sign_options_init(&o, SC_SIGN_OPTIONS_VERSION);
    o.signed_at = signed_at;
    o.purpose = purpose;
    if (scw_check(sc_xml_sign_memory(&out, NULL, doc, strlen(doc), s, &o)) < 0)
        out = NULL;
    sc_signer_free(s);
    return out;
}

static sc_pki_verification xml_verify(const char *doc, const char *root, const char *crl)
{
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    if (!doc) {
        scw_fail(SC_EINVAL, "xml_verify: the document is required");
        return v.result;
    }
    scw_check(sc_xml_verify_memory(&v, doc, strlen(doc), root, crl));
    return v.result;
}

static sc_certificate_document certificate_verify_document(const char *doc, const char *root,
                                                           const char *crl)
{
    sc_certificate_document d = SC_CERTIFICATE_DOCUMENT_INIT;
    if (!doc) {
        scw_fail(SC_EINVAL, "certificate_verify_document: the document is required");
        return d;
    }
    scw_check(sc_certificate_verify_document(&d, NULL, doc, strlen(doc), root, crl));
    return d;
}

static const char *sig_reason_name(int reason) { return sc_sig_reason_name(reason); }

static int doctype_signature_scheme(int doctype) { return sc_doctype_signature_scheme(doctype); }

static char *pki_sign_detached(const char *data, size_t len, const char *key, const char *cert,
                               const char *signed_at)
{
    sc_signer *s;
    char *out = NULL;
    if (!cert) {
        scw_fail(SC_EINVAL, "pki_sign_detached: the signer's certificate is required");
        return NULL;
    }
    if (!(s = scw_pki_signer(key, cert)))
        return NULL;
    if (scw_check(sc_pki_sign_detached_memory(&out, NULL, data, len, s, signed_at)) < 0)
        out = NULL;
    sc_signer_free(s);
    return out;
}
%}

%ignore sc_signer;
%ignore sc_pki_sign_fn;
%ignore sc_pki_cert_iter;
%ignore sc_pki_cert_query;
%ignore SC_PKI_CERT_QUERY_VERSION;
%ignore SC_PKI_CERT_QUERY_INIT;
%ignore sc_sign_options;
%ignore SC_SIGN_OPTIONS_INIT;
%ignore SC_SIGN_OPTIONS_VERSION;
%ignore sc_xml_verification;
%ignore sc_xml_import_memory_signed;
%ignore sc_certificate_countersign_export_memory;
%ignore sc_signature_info;
%rename(CertInfo) sc_pki_cert_info;
%rename(PkiVerification) sc_pki_verification;
%rename(CertificateDocument) sc_certificate_document;
%nodefaultctor sc_pki_cert_info;
%nodefaultctor sc_pki_verification;
%nodefaultctor sc_certificate_document;
%immutable;
%include "skillcert/pki.h"
%mutable;

%newobject pki_key_new;
%newobject pki_request_new;
%newobject pki_certify;
%newobject xml_sign;
%newobject pki_sign_detached;
static char *pki_key_new(void);
static char *pki_request_new(const char *key, const char *party);
static char *pki_certify(const char *issuer_key, const char *issuer_cert, const char *request,
                         const char *not_before = NULL, const char *not_after = NULL);
static sc_pki_cert_info pki_cert_info(const char *cert);
static sc_pki_verification pki_verify_chain(const char *root, const char *chain,
                                            const char *crl = NULL, const char *at = NULL);
static char *xml_sign(const char *doc, const char *key, const char *cert,
                      const char *signed_at = NULL, const char *purpose = NULL);
static sc_pki_verification xml_verify(const char *doc, const char *root, const char *crl = NULL);
static sc_certificate_document certificate_verify_document(const char *doc, const char *root,
                                                           const char *crl = NULL);
static const char *sig_reason_name(int reason);
static int doctype_signature_scheme(int doctype);
static char *pki_sign_detached(const char *data, size_t len, const char *key, const char *cert,
                               const char *signed_at = NULL);

%extend scw_database {
    /** Set the registry's trust anchor, the bureau's self-signed root (PEM), the
       first time (sc_pki_anchor_set; actor: the city bureau). */
    scw_status pki_anchor_set(const scw_actor *actor, const char *root) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_pki_anchor_set(db, actor, root, NULL));
    }

    /** Switch the development setting (sc_pki_development_set; actor: the city
       bureau): on, a registry without a trust anchor accepts unsigned exchange
       documents, their issuer declared; off (a new registry), it imports only
       signed documents, and so nothing until it has an anchor. An anchored
       registry requires signatures whatever the setting. */
    scw_status pki_development_set(const scw_actor *actor, bool on) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_pki_development_set(db, actor, on ? 1 : 0));
    }

    /** True when the registry is a development one (sc_pki_development_get). */
    bool pki_development_get() {
        int on = 0;
        SCW_DB(db, $self, false);
        scw_check(sc_pki_development_get(&on, db));
        return on != 0;
    }

    /** Import a batch of the detached scheme (candidate-batch, certificate-batch)
       from memory with its detached signature sig (the FILE.p7s text, PEM): in a
       registry with a trust anchor the signature is verified over exactly these
       bytes and its signer must be the batch's issuer; refused otherwise, nothing
       changed (sc_xml_import_memory_signed). */
    scw_import_result import_memory_signed(const scw_actor *actor, const char *data, size_t len,
                                           const char *sig, const char *name = NULL,
                                           scw_report *report = NULL) {
        sc_import_result r = SC_IMPORT_RESULT_INIT;
        scw_import_result out;
        sc_db *db;
        r = (sc_import_result)SC_IMPORT_RESULT_INIT;
        memset(&out, 0, sizeof out);
        db = scw_db_get($self);
        if (!db) return out;
        if (!sig) {
            scw_fail(SC_EINVAL, "import_memory_signed: the detached signature is required");
            return out;
        }
        if (scw_check(sc_xml_import_memory_signed(&r, db, actor, data, len, sig, name, NULL,
                                                  report)) < 0)
            return out;
        return scw_import_result_from(&r);
    }
}
