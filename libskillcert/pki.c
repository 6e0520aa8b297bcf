/*
 * The trust chain of signed exchange documents (include/skillcert/pki.h):
 * keys, requests, certificates and CRLs through OpenSSL's libcrypto; the
 * registry's trust anchor, certified parties and imported CRLs (migration
 * 11: pki_anchor, pki_cert, pki_crl, pki_revoked, written only here).
 */
/* The external signer is an EC_KEY_METHOD, deprecated in OpenSSL 3 but the
 * one way to plug a signing function into EVP without writing a provider. */
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "pki_int.h"
#include "change_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/cms.h> /* after pem.h: its PEM functions need OPENSSL_PEM_H */
#include <openssl/x509v3.h>

#include "audit_int.h"
#include "authz_int.h"

#define CA_TAG "libskillcert"

const char *sc_sig_reason_name(int reason)
{
    static const char *const names[] = { "ok", "unsigned", "malformed", "bad-signature",
                                         "unknown-signer", "expired", "revoked", "wrong-party",
                                         "not-countersigned" };
    return reason >= 0 && reason < (int)(sizeof names / sizeof names[0]) ? names[reason]
                                                                          : "unknown";
}

/* An OpenSSL failure: its first queued reason, then clear the queue. */
static int ossl_fail(int code, const char *what)
{
    unsigned long e = ERR_get_error();
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    ERR_clear_error();
    return sc__error_set(code, code == SC_ENOMEM ? SC_DOMAIN_OS : SC_DOMAIN_ARGS, "%s%s%s", what,
                         e ? ": " : "", e ? buf : "");
}

int sc__pki_bio_string(char **out, size_t *len, BIO *bio)
{
    char *data = NULL;
    long n = BIO_get_mem_data(bio, &data);
    char *s;
    if (n < 0)
        n = 0;
    if (!(s = sc__malloc((size_t)n + 1)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    memcpy(s, data, (size_t)n);
    s[n] = '\0';
    *out = s;
    if (len)
        *len = (size_t)n;
    return SC_OK;
}

/* What pem_string() writes. */
enum { PEM_KEY, PEM_REQ, PEM_CERT, PEM_CRL, PEM_CMS };

/* An OpenSSL object as PEM text (NUL-terminated, sc_free): the one place the
 * key, request, certificate, CRL and CMS writers share. */
static int pem_string(char **out, size_t *len, int kind, const void *obj, const char *what)
{
    BIO *bio = BIO_new(BIO_s_mem());
    int ok = bio != NULL, rc;
    if (ok) {
        switch (kind) {
        case PEM_KEY:
            ok = PEM_write_bio_PrivateKey(bio, (EVP_PKEY *)obj, NULL, NULL, 0, NULL, NULL);
            break;
        case PEM_REQ: ok = PEM_write_bio_X509_REQ(bio, (X509_REQ *)obj); break;
        case PEM_CERT: ok = PEM_write_bio_X509(bio, (X509 *)obj); break;
        case PEM_CRL: ok = PEM_write_bio_X509_CRL(bio, (X509_CRL *)obj); break;
        default: ok = PEM_write_bio_CMS(bio, (CMS_ContentInfo *)obj); break;
        }
    }
    if (!ok) {
        BIO_free(bio);
        return ossl_fail(SC_ENOMEM, what);
    }
    rc = sc__pki_bio_string(out, len, bio);
    BIO_free(bio);
    return rc;
}

/* ---- times ----------------------------------------------------------------------------- */

int sc__pki_parse_time(const char *s, time_t *out)
{
    struct tm tm;
    int y, mo, d, h = 12, mi = 0, se = 0;
    char date[11];
    size_t n;
    if (!s)
        return -1;
    n = strlen(s);
    if (n == 10) {
        if (sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) != 3)
            return -1;
    } else if (n == 20 && s[10] == 'T' && s[19] == 'Z') {
        if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &se) != 6 || h > 23 ||
            mi > 59 || se > 60)
            return -1;
    } else {
        return -1;
    }
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!sc__date_valid(date))
        return -1;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    *out = timegm(&tm);
    return 0;
}

void sc__pki_format_time(time_t t, char *buf)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, SC_PKI_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void asn1_time_text(const ASN1_TIME *t, char *buf)
{
    struct tm tm;
    buf[0] = '\0';
    if (t && ASN1_TIME_to_tm(t, &tm) == 1)
        strftime(buf, SC_PKI_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* "YYYY-MM-DD" (or NULL: today) at hh:mm:ss UTC. */
static int day_time(const char *day, int end, const char *what, time_t *out)
{
    char today[11], buf[SC_PKI_TIME_SIZE];
    if (!day) {
        sc__today(today);
        day = today;
    }
    if (!sc__date_valid(day))
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, what, "%s '%s' is not a date YYYY-MM-DD",
                              what, day);
    snprintf(buf, sizeof buf, "%.10sT%s", day, end ? "23:59:59Z" : "00:00:00Z");
    return sc__pki_parse_time(buf, out) == 0 ? SC_OK
                                             : sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, what,
                                                              "bad %s", what);
}

/* ---- parties ---------------------------------------------------------------------------- */

static int is_district_code(const char *s)
{
    size_t i;
    for (i = 0; i < 6; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return s[6] == '\0';
}

static int is_credit_code(const char *s)
{
    static const char ok[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    size_t i;
    for (i = 0; i < 18; i++)
        if (!s[i] || !strchr(ok, s[i]))
            return 0;
    return s[18] == '\0';
}

static int party_kind(const char *party)
{
    if (!party)
        return 0;
    if (!strcmp(party, "city-bureau"))
        return SC_ACTOR_CITY_BUREAU;
    if (!strcmp(party, "city-centre"))
        return SC_ACTOR_CITY_CENTRE;
    if (!strncmp(party, "district:", 9) && is_district_code(party + 9))
        return SC_ACTOR_DISTRICT;
    if (!strncmp(party, "org:", 4) && is_credit_code(party + 4))
        return SC_ACTOR_ORGANIZATION;
    return 0;
}

int sc_pki_party_check(int *kind, const char *party)
{
    int k;
    if (kind)
        *kind = 0;
    if (!party)
        return sc__error_null(__func__, "party");
    if (!(k = party_kind(party)))
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "party",
                              "'%s' names no party: city-bureau, city-centre, district:NNNNNN "
                              "or org:<18-character credit code>",
                              party);
    if (kind)
        *kind = k;
    return SC_OK;
}

/* May a certificate of party kind `issuer` certify one of kind `subject`? */
static int may_certify(int issuer, int subject)
{
    if (issuer == SC_ACTOR_CITY_BUREAU)
        return subject == SC_ACTOR_CITY_CENTRE || subject == SC_ACTOR_DISTRICT;
    if (issuer == SC_ACTOR_CITY_CENTRE)
        return subject == SC_ACTOR_ORGANIZATION;
    return 0;
}

void sc__pki_party_of(X509 *cert, char *buf)
{
    int n;
    buf[0] = '\0';
    if (!cert)
        return;
    n = X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buf,
                                  SC_PKI_PARTY_SIZE);
    if (n < 0 || n >= SC_PKI_PARTY_SIZE)
        buf[0] = '\0';
}

static void issuer_party_of(X509 *cert, char *buf)
{
    int n = X509_NAME_get_text_by_NID(X509_get_issuer_name(cert), NID_commonName, buf,
                                      SC_PKI_PARTY_SIZE);
    if (n < 0 || n >= SC_PKI_PARTY_SIZE)
        buf[0] = '\0';
}

void sc__pki_fingerprint(X509 *cert, char *buf)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0, i;
    buf[0] = '\0';
    if (!X509_digest(cert, EVP_sha256(), md, &n))
        return;
    for (i = 0; i < n && 2 * i + 2 < SC_PKI_FINGERPRINT_SIZE; i++)
        snprintf(buf + 2 * i, 3, "%02x", md[i]);
}

static void serial_hex(const ASN1_INTEGER *serial, char *buf)
{
    BIGNUM *bn = ASN1_INTEGER_to_BN(serial, NULL);
    char *hex = bn ? BN_bn2hex(bn) : NULL;
    snprintf(buf, SC_PKI_SERIAL_SIZE, "%s", hex ? hex : "");
    OPENSSL_free(hex);
    BN_free(bn);
}

static void cert_info(sc_pki_cert_info *out, X509 *cert)
{
    SC__ZERO_KEEP_VERSION(out);
    sc__pki_party_of(cert, out->party);
    issuer_party_of(cert, out->issuer);
    serial_hex(X509_get0_serialNumber(cert), out->serial);
    sc__pki_fingerprint(cert, out->fingerprint);
    asn1_time_text(X509_get0_notBefore(cert), out->not_before);
    asn1_time_text(X509_get0_notAfter(cert), out->not_after);
}

/* ---- reading PEM ------------------------------------------------------------------------- */

STACK_OF(X509) *sc__pki_read_certs(const char *pem, const char *what)
{
    STACK_OF(X509) *sk = sk_X509_new_null();
    BIO *bio;
    X509 *x;
    if (!sk) {
        sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        return NULL;
    }
    if (!pem)
        return sk;
    if (!(bio = BIO_new_mem_buf(pem, -1))) {
        sk_X509_free(sk);
        sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        return NULL;
    }
    while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL)
        if (!sk_X509_push(sk, x)) {
            X509_free(x);
            break;
        }
    ERR_clear_error(); /* the end of the text */
    BIO_free(bio);
    if (sk_X509_num(sk) == 0 && strstr(pem, "-----BEGIN CERTIFICATE-----")) {
        sk_X509_free(sk);
        sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, what, "%s: unreadable certificate", what);
        return NULL;
    }
    return sk;
}

STACK_OF(X509_CRL) *sc__pki_read_crls(const char *pem, const char *what)
{
    STACK_OF(X509_CRL) *sk = sk_X509_CRL_new_null();
    BIO *bio;
    X509_CRL *c;
    if (!sk) {
        sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        return NULL;
    }
    if (!pem || !*pem)
        return sk;
    if (!(bio = BIO_new_mem_buf(pem, -1))) {
        sk_X509_CRL_free(sk);
        sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        return NULL;
    }
    while ((c = PEM_read_bio_X509_CRL(bio, NULL, NULL, NULL)) != NULL)
        if (!sk_X509_CRL_push(sk, c)) {
            X509_CRL_free(c);
            break;
        }
    ERR_clear_error();
    BIO_free(bio);
    if (sk_X509_CRL_num(sk) == 0) {
        sk_X509_CRL_free(sk);
        sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, what, "%s: no readable CRL", what);
        return NULL;
    }
    return sk;
}

static X509 *read_one_cert(const char *pem, const char *what)
{
    STACK_OF(X509) *sk = sc__pki_read_certs(pem, what);
    X509 *x;
    if (!sk)
        return NULL;
    if (sk_X509_num(sk) == 0) {
        sk_X509_free(sk);
        sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, what, "%s: no certificate", what);
        return NULL;
    }
    x = sk_X509_shift(sk);
    sk_X509_pop_free(sk, X509_free);
    return x;
}

static EVP_PKEY *read_key(const char *pem)
{
    BIO *bio = BIO_new_mem_buf(pem, -1);
    EVP_PKEY *k = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
    BIO_free(bio);
    if (!k)
        ossl_fail(SC_EINVAL, "unreadable private key (PEM)");
    return k;
}

/* ---- keys and requests ----------------------------------------------------------------- */

int sc_pki_key_new(char **out, size_t *len)
{
    EVP_PKEY *k = NULL;
    int rc;
    if (out)
        *out = NULL;
    if (!out)
        return sc__error_null(__func__, "out");
    if (!(k = EVP_EC_gen("P-256")))
        return ossl_fail(SC_ERROR, "making an EC P-256 key");
    rc = pem_string(out, len, PEM_KEY, k, "writing the key");
    EVP_PKEY_free(k);
    return rc;
}

static int set_subject(X509_NAME *name, const char *party)
{
    return X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, (const unsigned char *)"CN", -1,
                                      -1, 0) &&
           X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, (const unsigned char *)CA_TAG, -1,
                                      -1, 0) &&
           X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)party, -1,
                                      -1, 0);
}

int sc_pki_request_new(char **out, size_t *len, const char *key_pem, const char *party)
{
    EVP_PKEY *k = NULL;
    X509_REQ *req = NULL;
    int rc;
    if (out)
        *out = NULL;
    if (!out)
        return sc__error_null(__func__, "out");
    if (!key_pem)
        return sc__error_null(__func__, "key_pem");
    if ((rc = sc_pki_party_check(NULL, party)) != SC_OK)
        return rc;
    if (!(k = read_key(key_pem)))
        return SC_EINVAL;
    if (!(req = X509_REQ_new()) || !X509_REQ_set_version(req, 0) ||
        !set_subject(X509_REQ_get_subject_name(req), party) || !X509_REQ_set_pubkey(req, k) ||
        !X509_REQ_sign(req, k, EVP_sha256())) {
        rc = ossl_fail(SC_ERROR, "making the request");
        goto done;
    }
    rc = pem_string(out, len, PEM_REQ, req, "writing the request");
done:
    X509_REQ_free(req);
    EVP_PKEY_free(k);
    return rc;
}

/* ---- signers ------------------------------------------------------------------------------ */

static pthread_once_t meth_once = PTHREAD_ONCE_INIT;
static EC_KEY_METHOD *cb_method;
static int cb_index = -1;

static ECDSA_SIG *cb_sign_sig(const unsigned char *dgst, int dlen, const BIGNUM *kinv,
                              const BIGNUM *r, EC_KEY *eckey)
{
    const sc_signer *s = EC_KEY_get_ex_data(eckey, cb_index);
    unsigned char sig[144];
    const unsigned char *p = sig;
    size_t siglen = sizeof sig;
    (void)kinv;
    (void)r;
    if (!s || !s->fn || dlen < 0 || s->fn(dgst, (size_t)dlen, sig, &siglen, s->payload) != 0 ||
        siglen > sizeof sig)
        return NULL;
    return d2i_ECDSA_SIG(NULL, &p, (long)siglen);
}

static int cb_sign(int type, const unsigned char *dgst, int dlen, unsigned char *sig,
                   unsigned int *siglen, const BIGNUM *kinv, const BIGNUM *r, EC_KEY *eckey)
{
    ECDSA_SIG *s = cb_sign_sig(dgst, dlen, kinv, r, eckey);
    int n;
    (void)type;
    if (!s)
        return 0;
    n = i2d_ECDSA_SIG(s, &sig);
    ECDSA_SIG_free(s);
    if (n <= 0)
        return 0;
    *siglen = (unsigned int)n;
    return 1;
}

static int cb_sign_setup(EC_KEY *eckey, BN_CTX *ctx, BIGNUM **kinv, BIGNUM **rp)
{
    (void)eckey;
    (void)ctx;
    (void)kinv;
    (void)rp;
    return 1;
}

static void make_method(void)
{
    cb_index = EC_KEY_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    cb_method = EC_KEY_METHOD_new(EC_KEY_OpenSSL());
    if (cb_method)
        EC_KEY_METHOD_set_sign(cb_method, cb_sign, cb_sign_setup, cb_sign_sig);
}

static int signer_chain(sc_signer *s, const char *cert_pem)
{
    STACK_OF(X509) *sk = sc__pki_read_certs(cert_pem, "cert_pem");
    if (!sk)
        return sc_error_last()->code;
    if (sk_X509_num(sk) == 0) {
        sk_X509_free(sk);
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "cert_pem", "no certificate");
    }
    s->cert = sk_X509_shift(sk);
    s->chain = sk;
    sc__pki_party_of(s->cert, s->party);
    return SC_OK;
}

int sc_signer_new_key(sc_signer **out, const char *key_pem, const char *cert_pem)
{
    sc_signer *s;
    int rc;
    if (out)
        *out = NULL;
    if (!out)
        return sc__error_null(__func__, "out");
    if (!key_pem)
        return sc__error_null(__func__, "key_pem");
    if (!(s = sc__calloc(1, sizeof *s)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    if (!(s->key = read_key(key_pem))) {
        rc = SC_EINVAL;
        goto fail;
    }
    if (cert_pem) {
        if ((rc = signer_chain(s, cert_pem)) != SC_OK)
            goto fail;
        if (X509_check_private_key(s->cert, s->key) != 1) {
            ERR_clear_error();
            rc = sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "key_pem",
                                "the key is not the one certified for %s", s->party);
            goto fail;
        }
    }
    *out = s;
    return SC_OK;
fail:
    sc_signer_free(s);
    return rc;
}

int sc_signer_new_callback(sc_signer **out, const char *cert_pem, sc_pki_sign_fn fn,
                           void *payload)
{
    sc_signer *s;
    EC_KEY *ec = NULL;
    const EC_KEY *pub;
    EVP_PKEY *pk;
    int rc;
    if (out)
        *out = NULL;
    if (!out)
        return sc__error_null(__func__, "out");
    if (!cert_pem)
        return sc__error_null(__func__, "cert_pem");
    if (!fn)
        return sc__error_null(__func__, "fn");
    pthread_once(&meth_once, make_method);
    if (!cb_method || cb_index < 0)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    if (!(s = sc__calloc(1, sizeof *s)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    s->fn = fn;
    s->payload = payload;
    if ((rc = signer_chain(s, cert_pem)) != SC_OK)
        goto fail;
    pk = X509_get0_pubkey(s->cert);
    if (!pk || !(pub = EVP_PKEY_get0_EC_KEY(pk))) {
        ERR_clear_error();
        rc = sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "cert_pem",
                            "an external signer needs an EC certificate");
        goto fail;
    }
    if (!(ec = EC_KEY_dup(pub)) || !EC_KEY_set_method(ec, cb_method) ||
        !EC_KEY_set_ex_data(ec, cb_index, s) || !(s->key = EVP_PKEY_new()) ||
        !EVP_PKEY_assign_EC_KEY(s->key, ec)) {
        EC_KEY_free(ec);
        rc = ossl_fail(SC_ENOMEM, "setting up the external signer");
        goto fail;
    }
    *out = s;
    return SC_OK;
fail:
    sc_signer_free(s);
    return rc;
}

const char *sc_signer_party(const sc_signer *signer)
{
    return signer ? signer->party : "";
}

void sc_signer_free(sc_signer *signer)
{
    if (!signer)
        return;
    EVP_PKEY_free(signer->key);
    X509_free(signer->cert);
    sk_X509_pop_free(signer->chain, X509_free);
    free(signer);
}

/* ---- certifying ---------------------------------------------------------------------------- */

static int add_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
    X509_EXTENSION *e = X509V3_EXT_nconf_nid(NULL, ctx, nid, value);
    int ok = e && X509_add_ext(x, e, -1);
    X509_EXTENSION_free(e);
    return ok;
}

static int random_serial(X509 *x)
{
    BIGNUM *bn = BN_new();
    int ok = bn && BN_rand(bn, 127, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) &&
             BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
    BN_free(bn);
    return ok;
}

int sc_pki_certify(char **out, size_t *len, const sc_signer *issuer, const char *request_pem,
                   const char *not_before, const char *not_after)
{
    X509_REQ *req = NULL;
    X509 *x = NULL;
    BIO *bio = NULL;
    EVP_PKEY *reqkey;
    char party[SC_PKI_PARTY_SIZE];
    int subject, issuer_kind, rc, n;
    time_t t0, t1;
    X509V3_CTX v3;

    if (out)
        *out = NULL;
    if (!out)
        return sc__error_null(__func__, "out");
    if (!issuer)
        return sc__error_null(__func__, "issuer");
    if (!request_pem)
        return sc__error_null(__func__, "request_pem");
    if ((rc = day_time(not_before, 0, "not_before", &t0)) != SC_OK ||
        (rc = day_time(not_after, 1, "not_after", &t1)) != SC_OK)
        return rc;
    if (t1 <= t0)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "not_after",
                              "the last valid day is before the first");
    if (!(bio = BIO_new_mem_buf(request_pem, -1)) ||
        !(req = PEM_read_bio_X509_REQ(bio, NULL, NULL, NULL))) {
        rc = ossl_fail(SC_EINVAL, "unreadable certificate request (PEM)");
        goto done;
    }
    BIO_free(bio);
    bio = NULL;
    reqkey = X509_REQ_get0_pubkey(req);
    if (!reqkey || X509_REQ_verify(req, reqkey) != 1) {
        rc = ossl_fail(SC_EINVAL, "the request's signature does not verify");
        goto done;
    }
    n = X509_NAME_get_text_by_NID(X509_REQ_get_subject_name(req), NID_commonName, party,
                                  sizeof party);
    if (n <= 0 || n >= (int)sizeof party || !(subject = party_kind(party))) {
        ERR_clear_error();
        rc = sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "request_pem",
                            "the request names no party in its CN");
        goto done;
    }
    if (!issuer->cert) {
        /* The root: the bureau's own request, signed by the same key. */
        if (subject != SC_ACTOR_CITY_BUREAU || EVP_PKEY_eq(reqkey, issuer->key) != 1) {
            rc = sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                               "only the city bureau self-signs, with its own request (this "
                               "request is for %s)", party);
            goto done;
        }
        issuer_kind = SC_ACTOR_CITY_BUREAU;
    } else {
        issuer_kind = party_kind(issuer->party);
        if (!may_certify(issuer_kind, subject)) {
            rc = sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                               "%s may not certify %s: the city bureau certifies the city "
                               "centre and district bureaus, the city centre organizations",
                               issuer->party[0] ? issuer->party : "this signer", party);
            goto done;
        }
        {
            ASN1_TIME *end = ASN1_TIME_set(NULL, t1);
            int cmp = end ? ASN1_TIME_compare(X509_get0_notAfter(issuer->cert), end) : -2;
            ASN1_TIME_free(end);
            if (cmp == -2) {
                rc = ossl_fail(SC_ENOMEM, "comparing dates");
                goto done;
            }
            if (cmp < 0) {
                rc = sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "not_after",
                                    "valid beyond the issuer's own certificate");
                goto done;
            }
        }
    }
    if (!(x = X509_new()) || !X509_set_version(x, 2) || !random_serial(x) ||
        !X509_set_subject_name(x, X509_REQ_get_subject_name(req)) ||
        !X509_set_issuer_name(x, issuer->cert ? X509_get_subject_name(issuer->cert)
                                              : X509_REQ_get_subject_name(req)) ||
        !X509_time_adj_ex(X509_getm_notBefore(x), 0, 0, &t0) ||
        !X509_time_adj_ex(X509_getm_notAfter(x), 0, 0, &t1) || !X509_set_pubkey(x, reqkey)) {
        rc = ossl_fail(SC_ENOMEM, "making the certificate");
        goto done;
    }
    X509V3_set_ctx(&v3, issuer->cert ? issuer->cert : x, x, NULL, NULL, 0);
    if (!add_ext(x, &v3, NID_basic_constraints,
                 subject == SC_ACTOR_CITY_BUREAU   ? "critical,CA:TRUE,pathlen:1"
                 : subject == SC_ACTOR_CITY_CENTRE ? "critical,CA:TRUE,pathlen:0"
                                                   : "critical,CA:FALSE") ||
        !add_ext(x, &v3, NID_key_usage,
                 subject <= SC_ACTOR_CITY_CENTRE ? "critical,digitalSignature,keyCertSign,cRLSign"
                                                 : "critical,digitalSignature,nonRepudiation") ||
        !add_ext(x, &v3, NID_subject_key_identifier, "hash") ||
        (issuer->cert && !add_ext(x, &v3, NID_authority_key_identifier, "keyid:always"))) {
        rc = ossl_fail(SC_ERROR, "adding the certificate's extensions");
        goto done;
    }
    if (!X509_sign(x, issuer->key, EVP_sha256())) {
        rc = ossl_fail(SC_ERROR, "signing the certificate");
        goto done;
    }
    rc = pem_string(out, len, PEM_CERT, x, "writing the certificate");
done:
    BIO_free(bio);
    X509_free(x);
    X509_REQ_free(req);
    return rc;
}

int sc_pki_crl_new(char **out, size_t *len, const sc_signer *issuer, const char *const *serials,
                   size_t n, const char *date, const char *next_date)
{
    X509_CRL *crl = NULL;
    ASN1_TIME *t = NULL;
    time_t t0, t1;
    size_t i;
    int rc, kind;

    if (out)
        *out = NULL;
    if (!out)
        return sc__error_null(__func__, "out");
    if (!issuer)
        return sc__error_null(__func__, "issuer");
    if (n && !serials)
        return sc__error_null(__func__, "serials");
    if ((rc = day_time(date, 0, "date", &t0)) != SC_OK ||
        (rc = day_time(next_date, 0, "next_date", &t1)) != SC_OK)
        return rc;
    if (t1 <= t0)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "next_date",
                              "the next update is not after this one");
    kind = party_kind(issuer->party);
    if (!issuer->cert || (kind != SC_ACTOR_CITY_BUREAU && kind != SC_ACTOR_CITY_CENTRE))
        return sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                             "only the city bureau or the city centre signs a CRL");
    if (!(crl = X509_CRL_new()) || !X509_CRL_set_version(crl, 1) ||
        !X509_CRL_set_issuer_name(crl, X509_get_subject_name(issuer->cert)) ||
        !(t = ASN1_TIME_set(NULL, t0)) || !X509_CRL_set1_lastUpdate(crl, t) ||
        !ASN1_TIME_set(t, t1) || !X509_CRL_set1_nextUpdate(crl, t) || !ASN1_TIME_set(t, t0)) {
        rc = ossl_fail(SC_ENOMEM, "making the CRL");
        goto done;
    }
    for (i = 0; i < n; i++) {
        X509_REVOKED *r = NULL;
        BIGNUM *bn = NULL;
        ASN1_INTEGER *ser = NULL;
        int ok = serials[i] && BN_hex2bn(&bn, serials[i]) == (int)strlen(serials[i]) &&
                 (ser = BN_to_ASN1_INTEGER(bn, NULL)) != NULL && (r = X509_REVOKED_new()) &&
                 X509_REVOKED_set_serialNumber(r, ser) &&
                 X509_REVOKED_set_revocationDate(r, t) && X509_CRL_add0_revoked(crl, r);
        BN_free(bn);
        ASN1_INTEGER_free(ser);
        if (!ok) {
            X509_REVOKED_free(r);
            ERR_clear_error();
            rc = sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "serials",
                                "serial %zu '%s' is not a hex serial number", i,
                                serials[i] ? serials[i] : "(null)");
            goto done;
        }
    }
    if (!X509_CRL_sort(crl) || !X509_CRL_sign(crl, issuer->key, EVP_sha256())) {
        rc = ossl_fail(SC_ERROR, "signing the CRL");
        goto done;
    }
    rc = pem_string(out, len, PEM_CRL, crl, "writing the CRL");
done:
    ASN1_TIME_free(t);
    X509_CRL_free(crl);
    return rc;
}

int sc_pki_cert_info_get(sc_pki_cert_info *out, const char *cert_pem)
{
    X509 *x;
    if (!out)
        return sc__error_null(__func__, "out");
    SC__VERSION_CHECK(out, "sc_pki_cert_info", SC_PKI_CERT_INFO_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!cert_pem)
        return sc__error_null(__func__, "cert_pem");
    if (!(x = read_one_cert(cert_pem, "cert_pem")))
        return sc_error_last()->code;
    cert_info(out, x);
    X509_free(x);
    return SC_OK;
}

/* ---- verification ---------------------------------------------------------------------------- */

static int verify_cb(int ok, X509_STORE_CTX *ctx)
{
    if (!ok) {
        switch (X509_STORE_CTX_get_error(ctx)) {
        /* No CRL for an issuer, or one whose dates do not cover the signing time:
         * revocation is what the imported CRLs say, whatever their dates. */
        case X509_V_ERR_UNABLE_TO_GET_CRL:
        case X509_V_ERR_CRL_NOT_YET_VALID:
        case X509_V_ERR_CRL_HAS_EXPIRED:
            return 1;
        default:
            return 0;
        }
    }
    return ok;
}

static void set_result(sc_pki_verification *out, int reason, const char *fmt, const char *a,
                       const char *b)
{
    out->ok = reason == SC_SIG_OK;
    out->reason = reason;
    snprintf(out->message, sizeof out->message, fmt, a ? a : "", b ? b : "");
}

int sc__pki_verify(sc_pki_verification *out, X509 *anchor, X509 *leaf,
                   STACK_OF(X509) *untrusted, STACK_OF(X509_CRL) *crls, time_t at)
{
    X509_STORE *store = NULL;
    X509_STORE_CTX *ctx = NULL;
    STACK_OF(X509) *chain;
    char when[SC_PKI_TIME_SIZE], anchor_party[SC_PKI_PARTY_SIZE];
    int rc = SC_OK, i, err;

    SC__ZERO_KEEP_VERSION(out);
    sc__pki_party_of(leaf, out->party);
    sc__pki_fingerprint(leaf, out->fingerprint);
    sc__pki_format_time(at, when);
    sc__pki_party_of(anchor, anchor_party);
    if (strcmp(anchor_party, "city-bureau") != 0) {
        set_result(out, SC_SIG_UNKNOWN_SIGNER, "the trust anchor is not the city bureau's root%s%s",
                   NULL, NULL);
        return SC_OK;
    }
    if (!(store = X509_STORE_new()) || !X509_STORE_add_cert(store, anchor) ||
        !(ctx = X509_STORE_CTX_new()) || !X509_STORE_CTX_init(ctx, store, leaf, untrusted)) {
        rc = ossl_fail(SC_ENOMEM, "setting up the chain check");
        goto done;
    }
    for (i = 0; crls && i < sk_X509_CRL_num(crls); i++)
        if (!X509_STORE_add_crl(store, sk_X509_CRL_value(crls, i))) {
            rc = ossl_fail(SC_ENOMEM, "adding a CRL");
            goto done;
        }
    X509_STORE_CTX_set_time(ctx, 0, at);
    if (crls && sk_X509_CRL_num(crls) > 0)
        X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
    X509_STORE_CTX_set_verify_cb(ctx, verify_cb);
    if (X509_verify_cert(ctx) != 1) {
        char why[300];
        err = X509_STORE_CTX_get_error(ctx);
        ERR_clear_error();
        snprintf(why, sizeof why, "%s", X509_verify_cert_error_string(err));
        if (err == X509_V_ERR_CERT_HAS_EXPIRED || err == X509_V_ERR_CERT_NOT_YET_VALID)
            set_result(out, SC_SIG_EXPIRED, "the signer's certificate chain was not valid at %s: %s",
                       when, why);
        else if (err == X509_V_ERR_CERT_REVOKED)
            set_result(out, SC_SIG_REVOKED, "a certificate of %s's chain is revoked%s", out->party,
                       "");
        else
            set_result(out, SC_SIG_UNKNOWN_SIGNER,
                       "the signer's certificate does not chain to the city bureau's root: %s%s",
                       why, "");
        goto done;
    }
    /* Who certifies whom, along the chain (leaf first, the root last). */
    chain = X509_STORE_CTX_get0_chain(ctx);
    for (i = 0; i + 1 < sk_X509_num(chain); i++) {
        char sub[SC_PKI_PARTY_SIZE], iss[SC_PKI_PARTY_SIZE];
        sc__pki_party_of(sk_X509_value(chain, i), sub);
        sc__pki_party_of(sk_X509_value(chain, i + 1), iss);
        if (!may_certify(party_kind(iss), party_kind(sub))) {
            set_result(out, SC_SIG_WRONG_PARTY, "%s may not certify %s", iss[0] ? iss : "?",
                       sub[0] ? sub : "?");
            goto done;
        }
    }
    set_result(out, SC_SIG_OK, "%s%s", NULL, NULL);
done:
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    return rc;
}

int sc_pki_verify_chain(sc_pki_verification *out, const char *anchor_pem, const char *chain_pem,
                        const char *crl_pem, const char *at)
{
    STACK_OF(X509) *chain = NULL;
    STACK_OF(X509_CRL) *crls = NULL;
    X509 *anchor = NULL, *leaf = NULL;
    time_t t;
    int rc;

    if (!out)
        return sc__error_null(__func__, "out");
    SC__VERSION_CHECK(out, "sc_pki_verification", SC_PKI_VERIFICATION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!anchor_pem)
        return sc__error_null(__func__, "anchor_pem");
    if (!chain_pem)
        return sc__error_null(__func__, "chain_pem");
    if (at) {
        if (sc__pki_parse_time(at, &t) != 0)
            return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "at",
                                  "'%s' is not YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD", at);
    } else {
        t = time(NULL);
    }
    if (!(anchor = read_one_cert(anchor_pem, "anchor_pem")) ||
        !(chain = sc__pki_read_certs(chain_pem, "chain_pem")) ||
        !(crls = crl_pem ? sc__pki_read_crls(crl_pem, "crl_pem") : sk_X509_CRL_new_null())) {
        rc = sc_error_last()->code ? sc_error_last()->code : SC_ENOMEM;
        goto done;
    }
    if (sk_X509_num(chain) == 0) {
        rc = sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "chain_pem", "no certificate");
        goto done;
    }
    leaf = sk_X509_shift(chain);
    rc = sc__pki_verify(out, anchor, leaf, chain, crls, t);
done:
    X509_free(leaf);
    X509_free(anchor);
    sk_X509_pop_free(chain, X509_free);
    sk_X509_CRL_pop_free(crls, X509_CRL_free);
    return rc;
}

/* ---- the registry -------------------------------------------------------------------------- */

static int read_text(sc_db *db, const char *sql, char **out)
{
    sqlite3_stmt *st = sc__db_stmt(db, sql);
    int step;
    *out = NULL;
    if (!st)
        return sc_error_last()->code;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *s = sc__col_text(st, 0);
        *out = sc__strdup(s ? s : "");
        sqlite3_reset(st);
        return *out ? SC_OK : sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE)
        return sc__db_fail(db, step, "reading the trust anchor");
    return SC_ENOTFOUND;
}

int sc_pki_anchor_get(char **out, sc_db *db)
{
    int rc;
    if (out)
        *out = NULL;
    if (!out)
        return sc__error_null(__func__, "out");
    if ((rc = sc__db_check(db, __func__, 0)) != SC_OK)
        return rc;
    rc = read_text(db, "SELECT pem FROM pki_anchor WHERE id = 1", out);
    if (rc == SC_ENOTFOUND)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES,
                             "the registry has no trust anchor (skillcert init --trust-anchor)");
    return rc;
}

int sc__pki_registry_material(sc_db *db, char **anchor_pem, char **crls_pem)
{
    sqlite3_stmt *st;
    sc__buf b;
    int rc, step;
    *crls_pem = NULL;
    if ((rc = sc_pki_anchor_get(anchor_pem, db)) != SC_OK)
        return rc;
    sc__buf_init(&b);
    sc__buf_puts(&b, "");
    if (!(st = sc__db_stmt(db, "SELECT pem FROM pki_crl ORDER BY issuer"))) {
        rc = sc_error_last()->code;
        goto fail;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        sc__buf_puts(&b, sc__col_text(st, 0));
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading the CRLs");
        goto fail;
    }
    if (b.failed) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        goto fail;
    }
    *crls_pem = b.data;
    return SC_OK;
fail:
    sc__buf_free(&b);
    sc_free(*anchor_pem);
    *anchor_pem = NULL;
    return rc;
}

int sc_pki_crls_get(char **out, sc_db *db)
{
    char *anchor = NULL;
    int rc;
    if (out)
        *out = NULL;
    if (!out)
        return sc__error_null(__func__, "out");
    if ((rc = sc__db_check(db, __func__, 0)) != SC_OK)
        return rc;
    rc = sc__pki_registry_material(db, &anchor, out);
    sc_free(anchor);
    if (rc == SC_ENOTFOUND) {
        sc_error_clear();
        if (!(*out = sc__strdup("")))
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        return SC_OK;
    }
    return rc;
}

static int cert_pem_text(X509 *x, char **out)
{
    return pem_string(out, NULL, PEM_CERT, x, "writing a certificate");
}

static const char SQL_ANCHOR_SET[] =
    "INSERT INTO pki_anchor (id, pem, fingerprint, set_at) VALUES (1, ?1, ?2, ?3) "
    "ON CONFLICT (id) DO UPDATE SET pem = excluded.pem, fingerprint = excluded.fingerprint, "
    "set_at = excluded.set_at";

int sc_pki_anchor_set(sc_db *db, const sc_actor *actor, const char *root_pem,
                      const sc_signer *current)
{
    X509 *root = NULL, *old = NULL;
    char *old_pem = NULL, *pem = NULL, fp[SC_PKI_FINGERPRINT_SIZE], party[SC_PKI_PARTY_SIZE];
    char now[SC_PKI_TIME_SIZE];
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__db_check(db, __func__, 1)) != SC_OK)
        return rc;
    if (!root_pem)
        return sc__error_null(__func__, "root_pem");
    if ((rc = sc__authorize(db, actor, SC__ACT_PKI_ANCHOR_SET, NULL)) != SC_OK)
        return rc;
    if (!(root = read_one_cert(root_pem, "root_pem")))
        return sc_error_last()->code;
    sc__pki_party_of(root, party);
    sc__pki_fingerprint(root, fp);
    if (strcmp(party, "city-bureau") != 0 ||
        X509_check_issued(root, root) != X509_V_OK || X509_verify(root, X509_get0_pubkey(root)) != 1) {
        ERR_clear_error();
        rc = sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "root_pem",
                            "the trust anchor must be the city bureau's self-signed root "
                            "(CN city-bureau), not %s", party[0] ? party : "this certificate");
        goto done;
    }
    rc = read_text(db, "SELECT pem FROM pki_anchor WHERE id = 1", &old_pem);
    if (rc == SC_OK) {
        char oldfp[SC_PKI_FINGERPRINT_SIZE];
        if (!(old = read_one_cert(old_pem, "anchor"))) {
            rc = sc_error_last()->code;
            goto done;
        }
        sc__pki_fingerprint(old, oldfp);
        if (!strcmp(oldfp, fp)) {
            rc = SC_OK; /* already the anchor */
            goto done;
        }
        /* Replacing: only with the present root's key. */
        if (!current || !current->key ||
            EVP_PKEY_eq(current->key, X509_get0_pubkey(old)) != 1) {
            ERR_clear_error();
            rc = sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                               "replacing the trust anchor needs the present root's key "
                               "(the city bureau's)");
            goto done;
        }
        /* Prove it: the present key signs the new root's fingerprint. */
        {
            EVP_MD_CTX *md = EVP_MD_CTX_new();
            unsigned char sig[160];
            size_t siglen = sizeof sig;
            int ok = md && EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, current->key) == 1 &&
                     EVP_DigestSign(md, sig, &siglen, (const unsigned char *)fp, strlen(fp)) == 1;
            EVP_MD_CTX_free(md);
            md = EVP_MD_CTX_new();
            ok = ok && md &&
                 EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, X509_get0_pubkey(old)) == 1 &&
                 EVP_DigestVerify(md, sig, siglen, (const unsigned char *)fp, strlen(fp)) == 1;
            EVP_MD_CTX_free(md);
            if (!ok) {
                ERR_clear_error();
                rc = sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                                   "the present root's key did not sign the new anchor");
                goto done;
            }
        }
    } else if (rc != SC_ENOTFOUND) {
        goto done;
    }
    if ((rc = cert_pem_text(root, &pem)) != SC_OK)
        goto done;
    sc__pki_format_time(time(NULL), now);
    if ((rc = sc__db_begin(db)) != SC_OK)
        goto done;
    if (!(st = sc__db_stmt(db, SQL_ANCHOR_SET))) {
        rc = sc_error_last()->code;
        goto fail;
    }
    sc__bind_text(st, 1, pem);
    sc__bind_text(st, 2, fp);
    sc__bind_text(st, 3, now);
    if ((rc = sc__db_exec_stmt(db, st, "setting the trust anchor")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "pki", "anchor", sc__action_name(SC__ACT_PKI_ANCHOR_SET),
                               "fingerprint=%s%s", fp, old ? " replaced" : "")) != SC_OK)
        goto fail;
    rc = sc__db_commit(db);
    goto done;
fail:
    sc__db_rollback(db);
done:
    X509_free(root);
    X509_free(old);
    sc_free(old_pem);
    sc_free(pem);
    return rc;
}

/* ---- the development setting (migration 13) --------------------------------------------- */

int sc_pki_development_get(int *out, sc_db *db)
{
    sqlite3_stmt *st;
    int rc, step;
    if (out)
        *out = 0;
    if (!out)
        return sc__error_null(__func__, "out");
    if ((rc = sc__db_check(db, __func__, 0)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, "SELECT development FROM pki_setting WHERE id = 1", &st)) !=
        SC_OK)
        return rc;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0) != 0;
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return sc__db_fail(db, step, "reading the development setting");
    return SC_OK;
}

static const char SQL_DEVELOPMENT_SET[] =
    "INSERT INTO pki_setting (id, development, set_at) VALUES (1, ?1, ?2) "
    "ON CONFLICT (id) DO UPDATE SET development = excluded.development, "
    "set_at = excluded.set_at";

int sc_pki_development_set(sc_db *db, const sc_actor *actor, int on)
{
    char now[SC_PKI_TIME_SIZE];
    sqlite3_stmt *st;
    int rc, was = 0;

    if ((rc = sc__db_check(db, __func__, 1)) != SC_OK)
        return rc;
    if (on != 0 && on != 1)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "on",
                              "the development setting is 1 (on) or 0 (off), not %d", on);
    if ((rc = sc__change_begin(db, actor, SC__ACT_PKI_DEVELOPMENT_SET, NULL)) != SC_OK)
        return rc;
    if ((rc = sc_pki_development_get(&was, db)) != SC_OK)
        return sc__change_fail(db, rc);
    if (was == on) {
        sc__db_rollback(db); /* already so: nothing to record */
        return SC_OK;
    }
    sc__pki_format_time(time(NULL), now);
    if ((rc = sc__db_stmt_get(db, SQL_DEVELOPMENT_SET, &st)) != SC_OK)
        return sc__change_fail(db, rc);
    sqlite3_bind_int(st, 1, on);
    sc__bind_text(st, 2, now);
    if ((rc = sc__db_exec_stmt(db, st, "switching the development setting")) != SC_OK)
        return sc__change_fail(db, rc);
    return sc__change_commit(db, actor, SC__ACT_PKI_DEVELOPMENT_SET, "pki", "development",
                             "development=%s",
                             on ? "on (unsigned documents accepted without a trust anchor)"
                                : "off (signed documents only)");
}

static const char SQL_CERT_INS[] =
    "INSERT OR IGNORE INTO pki_cert (fingerprint, party, issuer, serial, not_before, not_after, "
    "pem) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int sc_pki_cert_import(sc_pki_cert_info *out, sc_db *db, const sc_actor *actor,
                       const char *cert_pem)
{
    STACK_OF(X509) *chain = NULL;
    STACK_OF(X509_CRL) *crls = NULL;
    X509 *anchor = NULL, *leaf = NULL;
    char *anchor_pem = NULL, *crls_pem = NULL, *pem = NULL;
    sc_pki_cert_info info = SC_PKI_CERT_INFO_INIT;
    sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
    sqlite3_stmt *st;
    time_t t0;
    int rc;

    if (out) {
        SC__VERSION_CHECK(out, "sc_pki_cert_info", SC_PKI_CERT_INFO_VERSION);
        SC__ZERO_KEEP_VERSION(out);
    }
    if ((rc = sc__db_check(db, __func__, 1)) != SC_OK)
        return rc;
    if (!cert_pem)
        return sc__error_null(__func__, "cert_pem");
    if ((rc = sc__authorize(db, actor, SC__ACT_PKI_CERT_IMPORT, NULL)) != SC_OK)
        return rc;
    if ((rc = sc__pki_registry_material(db, &anchor_pem, &crls_pem)) != SC_OK)
        return rc;
    if (!(chain = sc__pki_read_certs(cert_pem, "cert_pem")) ||
        !(anchor = read_one_cert(anchor_pem, "anchor"))) {
        rc = sc_error_last()->code;
        goto done;
    }
    if (sk_X509_num(chain) == 0) {
        rc = sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "cert_pem", "no certificate");
        goto done;
    }
    leaf = sk_X509_shift(chain);
    cert_info(&info, leaf);
    if (sc_actor_kind_of(actor) == SC_ACTOR_CITY_CENTRE &&
        party_kind(info.party) != SC_ACTOR_ORGANIZATION) {
        rc = sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                           "the city centre records organizations' certificates, not %s's",
                           info.party);
        goto done;
    }
    if (!(crls = *crls_pem ? sc__pki_read_crls(crls_pem, "registry CRLs") : sk_X509_CRL_new_null())) {
        rc = sc_error_last()->code;
        goto done;
    }
    t0 = 0;
    sc__pki_parse_time(info.not_before, &t0);
    if ((rc = sc__pki_verify(&v, anchor, leaf, chain, crls, t0)) != SC_OK)
        goto done;
    if (!v.ok) {
        rc = sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES, "%s's certificate refused (%s): %s",
                      info.party, sc_sig_reason_name(v.reason), v.message);
        goto done;
    }
    if ((rc = cert_pem_text(leaf, &pem)) != SC_OK)
        goto done;
    if ((rc = sc__db_begin(db)) != SC_OK)
        goto done;
    if (!(st = sc__db_stmt(db, SQL_CERT_INS))) {
        rc = sc_error_last()->code;
        goto fail;
    }
    sc__bind_text(st, 1, info.fingerprint);
    sc__bind_text(st, 2, info.party);
    sc__bind_text(st, 3, info.issuer);
    sc__bind_text(st, 4, info.serial);
    sc__bind_text(st, 5, info.not_before);
    sc__bind_text(st, 6, info.not_after);
    sc__bind_text(st, 7, pem);
    if ((rc = sc__db_exec_stmt(db, st, "recording a certificate")) != SC_OK)
        goto fail;
    if (sqlite3_changes(db->conn) == 0) {
        sc__db_rollback(db); /* recorded before: nothing to do */
        rc = SC_OK;
        if (out)
            SC__ASSIGN_KEEP_VERSION(out, info);
        goto done;
    }
    if ((rc = sc__audit_append(db, actor, "pki", info.party,
                               sc__action_name(SC__ACT_PKI_CERT_IMPORT),
                               "fingerprint=%s serial=%s issuer=%s valid=%s..%s", info.fingerprint,
                               info.serial, info.issuer, info.not_before, info.not_after)) != SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) == SC_OK && out)
        SC__ASSIGN_KEEP_VERSION(out, info);
    goto done;
fail:
    sc__db_rollback(db);
done:
    X509_free(leaf);
    X509_free(anchor);
    sk_X509_pop_free(chain, X509_free);
    sk_X509_CRL_pop_free(crls, X509_CRL_free);
    sc_free(anchor_pem);
    sc_free(crls_pem);
    sc_free(pem);
    return rc;
}

/* The certificate of the CRL's issuer: the anchor, or a recorded city centre. */
static int crl_issuer(sc_db *db, X509_CRL *crl, X509 *anchor, X509 **out)
{
    sqlite3_stmt *st;
    int step;
    EVP_PKEY *k = X509_get0_pubkey(anchor);
    *out = NULL;
    if (!X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(anchor))) {
        if (X509_CRL_verify(crl, k) == 1) {
            *out = X509_dup(anchor);
            return *out ? SC_OK : sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        }
        ERR_clear_error();
        return sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES,
                             "the CRL's signature is not the city bureau's");
    }
    if (!(st = sc__db_stmt(db, "SELECT pem FROM pki_cert WHERE party = 'city-centre'")))
        return sc_error_last()->code;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        X509 *c = read_one_cert(sc__col_text(st, 0), "recorded certificate");
        if (c && X509_CRL_verify(crl, X509_get0_pubkey(c)) == 1) {
            *out = c;
            break;
        }
        ERR_clear_error();
        X509_free(c);
    }
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return sc__db_fail(db, step, "reading certificates");
    if (!*out)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES,
                             "the CRL is signed by neither the trust anchor nor a recorded "
                             "city centre certificate");
    return SC_OK;
}

int sc_pki_crl_import(int *revoked, sc_db *db, const sc_actor *actor, const char *crl_pem)
{
    STACK_OF(X509_CRL) *crls = NULL;
    X509_CRL *crl;
    X509 *anchor = NULL, *issuer = NULL;
    char *anchor_pem = NULL, *crls_pem = NULL, *held = NULL, *pem = NULL;
    char party[SC_PKI_PARTY_SIZE], this_up[SC_PKI_TIME_SIZE], next_up[SC_PKI_TIME_SIZE];
    STACK_OF(X509_REVOKED) *rev;
    sqlite3_stmt *st;
    BIO *bio = NULL;
    int rc, i, n;

    if (revoked)
        *revoked = 0;
    if ((rc = sc__db_check(db, __func__, 1)) != SC_OK)
        return rc;
    if (!crl_pem)
        return sc__error_null(__func__, "crl_pem");
    if ((rc = sc__authorize(db, actor, SC__ACT_PKI_CRL_IMPORT, NULL)) != SC_OK)
        return rc;
    if ((rc = sc__pki_registry_material(db, &anchor_pem, &crls_pem)) != SC_OK)
        return rc;
    if (!(crls = sc__pki_read_crls(crl_pem, "crl_pem")) ||
        !(anchor = read_one_cert(anchor_pem, "anchor"))) {
        rc = sc_error_last()->code;
        goto done;
    }
    crl = sk_X509_CRL_value(crls, 0);
    if ((rc = crl_issuer(db, crl, anchor, &issuer)) != SC_OK)
        goto done;
    sc__pki_party_of(issuer, party);
    asn1_time_text(X509_CRL_get0_lastUpdate(crl), this_up);
    asn1_time_text(X509_CRL_get0_nextUpdate(crl), next_up);
    /* An older CRL than the one held is refused. */
    {
        sqlite3_stmt *q = sc__db_stmt(db, "SELECT this_update FROM pki_crl WHERE issuer = ?1");
        int step;
        if (!q) {
            rc = sc_error_last()->code;
            goto done;
        }
        sc__bind_text(q, 1, party);
        step = sqlite3_step(q);
        if (step == SQLITE_ROW && strcmp(sc__col_text(q, 0), this_up) > 0) {
            sqlite3_reset(q);
            rc = sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES,
                               "this CRL of %s (%s) is older than the one held", party, this_up);
            goto done;
        }
        sqlite3_reset(q);
    }
    if (!(bio = BIO_new(BIO_s_mem())) || !PEM_write_bio_X509_CRL(bio, crl) ||
        (rc = sc__pki_bio_string(&pem, NULL, bio)) != SC_OK) {
        rc = pem ? rc : ossl_fail(SC_ENOMEM, "writing the CRL");
        goto done;
    }
    rev = X509_CRL_get_REVOKED(crl);
    n = rev ? sk_X509_REVOKED_num(rev) : 0;
    if ((rc = sc__db_begin(db)) != SC_OK)
        goto done;
    if (!(st = sc__db_stmt(db, "INSERT INTO pki_crl (issuer, this_update, next_update, pem) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (issuer) DO UPDATE SET "
                               "this_update = excluded.this_update, next_update = "
                               "excluded.next_update, pem = excluded.pem"))) {
        rc = sc_error_last()->code;
        goto fail;
    }
    sc__bind_text(st, 1, party);
    sc__bind_text(st, 2, this_up);
    sc__bind_text(st, 3, next_up[0] ? next_up : NULL);
    sc__bind_text(st, 4, pem);
    if ((rc = sc__db_exec_stmt(db, st, "recording the CRL")) != SC_OK)
        goto fail;
    if (!(st = sc__db_stmt(db, "DELETE FROM pki_revoked WHERE issuer = ?1"))) {
        rc = sc_error_last()->code;
        goto fail;
    }
    sc__bind_text(st, 1, party);
    if ((rc = sc__db_exec_stmt(db, st, "replacing revocations")) != SC_OK)
        goto fail;
    for (i = 0; i < n; i++) {
        X509_REVOKED *r = sk_X509_REVOKED_value(rev, i);
        char ser[SC_PKI_SERIAL_SIZE], when[SC_PKI_TIME_SIZE];
        serial_hex(X509_REVOKED_get0_serialNumber(r), ser);
        asn1_time_text(X509_REVOKED_get0_revocationDate(r), when);
        if (!(st = sc__db_stmt(db, "INSERT OR REPLACE INTO pki_revoked (issuer, serial, revoked) "
                                   "VALUES (?1, ?2, ?3)"))) {
            rc = sc_error_last()->code;
            goto fail;
        }
        sc__bind_text(st, 1, party);
        sc__bind_text(st, 2, ser);
        sc__bind_text(st, 3, when);
        if ((rc = sc__db_exec_stmt(db, st, "recording a revocation")) != SC_OK)
            goto fail;
    }
    if ((rc = sc__audit_append(db, actor, "pki", party, sc__action_name(SC__ACT_PKI_CRL_IMPORT),
                               "this_update=%s revoked=%d", this_up, n)) != SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) == SC_OK && revoked)
        *revoked = n;
    goto done;
fail:
    sc__db_rollback(db);
done:
    BIO_free(bio);
    X509_free(anchor);
    X509_free(issuer);
    sk_X509_CRL_pop_free(crls, X509_CRL_free);
    sc_free(anchor_pem);
    sc_free(crls_pem);
    sc_free(held);
    sc_free(pem);
    return rc;
}

/* ---- listing ----------------------------------------------------------------------------------- */

struct sc_pki_cert_iter {
    sc_db *db;
    sqlite3_stmt *st;
};

static const char SQL_CERT_LIST[] =
    "SELECT fingerprint, party, issuer, serial, not_before, not_after, revoked FROM ("
    "  SELECT a.pem AS pem, a.fingerprint AS fingerprint, 'city-bureau' AS party, "
    "    'city-bureau' AS issuer, '' AS serial, '' AS not_before, '' AS not_after, 0 AS revoked, "
    "    0 AS ord FROM pki_anchor a "
    "  UNION ALL SELECT c.pem, c.fingerprint, c.party, c.issuer, c.serial, c.not_before, "
    "    c.not_after, EXISTS (SELECT 1 FROM pki_revoked r WHERE r.issuer = c.issuer AND "
    "    r.serial = c.serial), 1 FROM pki_cert c) "
    "WHERE ?1 IS NULL OR party = ?1 ORDER BY ord, party, not_before";

int sc_pki_cert_iter_new(sc_pki_cert_iter **out, sc_db *db, const sc_pki_cert_query *q)
{
    sc_pki_cert_iter *it;
    const char *party;
    int rc;
    if (out)
        *out = NULL;
    if (!out)
        return sc__error_null(__func__, "out");
    if (q && q->version != SC_PKI_CERT_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_pki_cert_query version %u is not known to this library",
                              q->version);
    party = q ? q->party : NULL;
    if ((rc = sc__db_check(db, __func__, 0)) != SC_OK ||
        (rc = sc__check_text(party, "party", SC_PKI_PARTY_SIZE - 1, 0)) != SC_OK)
        return rc;
    if (!(it = sc__calloc(1, sizeof *it)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    if ((rc = sc__db_prepare(db, SQL_CERT_LIST, &it->st)) != SC_OK) {
        free(it);
        return rc;
    }
    sc__bind_text(it->st, 1, party);
    it->db = db;
    sc__db_ref(db);
    *out = it;
    return SC_OK;
}

int sc_pki_cert_iter_next(sc_pki_cert_info *out, sc_pki_cert_iter *it)
{
    int step;
    if (!out)
        return sc__error_null(__func__, "out");
    SC__VERSION_CHECK(out, "sc_pki_cert_info", SC_PKI_CERT_INFO_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!it)
        return sc__error_null(__func__, "it");
    step = sqlite3_step(it->st);
    if (step == SQLITE_DONE)
        return SC_ITEROVER;
    if (step != SQLITE_ROW)
        return sc__db_fail(it->db, step, "listing certificates");
    sc__copy_text(out->fingerprint, sizeof out->fingerprint, sc__col_text(it->st, 0));
    sc__copy_text(out->party, sizeof out->party, sc__col_text(it->st, 1));
    sc__copy_text(out->issuer, sizeof out->issuer, sc__col_text(it->st, 2));
    sc__copy_text(out->serial, sizeof out->serial, sc__col_text(it->st, 3));
    sc__copy_text(out->not_before, sizeof out->not_before, sc__col_text(it->st, 4));
    sc__copy_text(out->not_after, sizeof out->not_after, sc__col_text(it->st, 5));
    out->revoked = sqlite3_column_int(it->st, 6);
    return SC_OK;
}

void sc_pki_cert_iter_free(sc_pki_cert_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sc__db_unref(it->db);
    free(it);
}

/* ---- detached CMS signatures over exact bytes ------------------------------------------------ */

static int sign_detached(char **out, size_t *len, const char *path, const char *data,
                         size_t datalen, const sc_signer *signer, const char *signed_at);

int sc_pki_sign_detached(char **out, size_t *len, const char *path, const sc_signer *signer,
                         const char *signed_at)
{
    if (out)
        *out = NULL;
    if (!path)
        return sc__error_null(__func__, "path");
    return sign_detached(out, len, path, NULL, 0, signer, signed_at);
}

int sc_pki_sign_detached_memory(char **out, size_t *len, const char *data, size_t datalen,
                                const sc_signer *signer, const char *signed_at)
{
    if (out)
        *out = NULL;
    if (!data)
        return sc__error_null(__func__, "data");
    if (datalen > INT32_MAX)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "document larger than 2 GiB in memory");
    return sign_detached(out, len, NULL, data, datalen, signer, signed_at);
}

/* The file at path, or datalen bytes at data. */
static int sign_detached(char **out, size_t *len, const char *path, const char *data,
                         size_t datalen, const sc_signer *signer, const char *signed_at)
{
    const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
    CMS_ContentInfo *cms = NULL;
    CMS_SignerInfo *si;
    ASN1_TIME *when = NULL;
    BIO *in = NULL, *mem = NULL;
    time_t t;
    int rc, i;

    if (!out)
        return sc__error_null("sc_pki_sign_detached", "out");
    if (!signer)
        return sc__error_null("sc_pki_sign_detached", "signer");
    if (!signer->cert)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "signer", "the signer has no certificate");
    if (signed_at) {
        if (sc__pki_parse_time(signed_at, &t) != 0 || strlen(signed_at) != 20)
            return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "signed_at",
                                  "'%s' is not YYYY-MM-DDTHH:MM:SSZ", signed_at);
    } else {
        t = time(NULL);
    }
    if (path ? !(in = BIO_new_file(path, "rb")) : !(in = BIO_new_mem_buf(data, (int)datalen))) {
        ERR_clear_error();
        return path ? sc__error_set(SC_EIO, SC_DOMAIN_OS, "cannot open '%s'", path)
                    : sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    }
    if (!(cms = CMS_sign(NULL, NULL, NULL, NULL, flags)) ||
        !(si = CMS_add1_signer(cms, signer->cert, signer->key, EVP_sha256(), flags)) ||
        !(when = ASN1_TIME_set(NULL, t)) ||
        !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, when->type, when, -1)) {
        rc = ossl_fail(SC_ERROR, "setting up the detached signature");
        goto done;
    }
    for (i = 0; i < sk_X509_num(signer->chain); i++)
        if (!CMS_add1_cert(cms, sk_X509_value(signer->chain, i))) {
            rc = ossl_fail(SC_ENOMEM, "adding a certificate");
            goto done;
        }
    if (!CMS_final(cms, in, NULL, flags)) {
        rc = ossl_fail(SC_ERROR, "signing the file");
        goto done;
    }
    rc = pem_string(out, len, PEM_CMS, cms, "writing the signature");
done:
    ASN1_TIME_free(when);
    BIO_free(mem);
    BIO_free(in);
    CMS_ContentInfo_free(cms);
    return rc;
}

static void detached_fail(sc_pki_verification *out, int reason, const char *msg)
{
    out->ok = 0;
    out->reason = reason;
    snprintf(out->message, sizeof out->message, "%s", msg);
}

int sc_pki_verify_detached(sc_pki_verification *out, char *signed_at, const char *path,
                           const char *sig_pem, const char *anchor_pem, const char *crl_pem)
{
    if (out)
        SC__VERSION_CHECK(out, "sc_pki_verification", SC_PKI_VERIFICATION_VERSION);
    return sc__pki_verify_detached_md(out, signed_at, path, sig_pem, anchor_pem, crl_pem, NULL);
}

static int verify_detached(sc_pki_verification *out, char *signed_at, const char *path,
                           const char *data, size_t len, const char *sig_pem,
                           const char *anchor_pem, const char *crl_pem, unsigned char *digest);

int sc__pki_verify_detached_md(sc_pki_verification *out, char *signed_at, const char *path,
                               const char *sig_pem, const char *anchor_pem, const char *crl_pem,
                               unsigned char *digest)
{
    if (out)
        SC__ZERO_KEEP_VERSION(out);
    if (!path)
        return sc__error_null("sc_pki_verify_detached", "path");
    return verify_detached(out, signed_at, path, NULL, 0, sig_pem, anchor_pem, crl_pem, digest);
}

int sc__pki_verify_detached_mem(sc_pki_verification *out, char *signed_at, const char *data,
                                size_t len, const char *sig_pem, const char *anchor_pem,
                                const char *crl_pem)
{
    if (out)
        SC__ZERO_KEEP_VERSION(out);
    if (!data)
        return sc__error_null("sc_xml_import_memory_signed", "data");
    if (len > INT32_MAX)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "document larger than 2 GiB in memory");
    return verify_detached(out, signed_at, NULL, data, len, sig_pem, anchor_pem, crl_pem, NULL);
}

/* The file at path, or the len bytes at data, against the detached CMS sig_pem. */
static int verify_detached(sc_pki_verification *out, char *signed_at, const char *path,
                           const char *data, size_t len, const char *sig_pem,
                           const char *anchor_pem, const char *crl_pem, unsigned char *digest)
{
    CMS_ContentInfo *cms = NULL;
    STACK_OF(CMS_SignerInfo) *sis;
    STACK_OF(X509) *certs = NULL, *signers = NULL;
    STACK_OF(X509_CRL) *crls = NULL;
    X509 *anchor = NULL, *leaf;
    BIO *in = NULL, *sig = NULL;
    ASN1_TYPE *attr;
    struct tm tm;
    time_t t = 0;
    int rc = SC_OK;
    char when[SC_PKI_TIME_SIZE] = "";

    if (out)
        SC__ZERO_KEEP_VERSION(out);
    if (signed_at)
        signed_at[0] = '\0';
    if (!out)
        return sc__error_null("sc_pki_verify_detached", "out");
    if (!sig_pem)
        return sc__error_null("sc_pki_verify_detached", "sig_pem");
    if (!anchor_pem)
        return sc__error_null("sc_pki_verify_detached", "anchor_pem");
    if (!(anchor = read_one_cert(anchor_pem, "anchor_pem")) ||
        !(crls = crl_pem && *crl_pem ? sc__pki_read_crls(crl_pem, "crl_pem")
                                     : sk_X509_CRL_new_null())) {
        rc = sc_error_last()->code ? sc_error_last()->code : SC_ENOMEM;
        goto done;
    }
    if (path ? !(in = BIO_new_file(path, "rb")) : !(in = BIO_new_mem_buf(data, (int)len))) {
        ERR_clear_error();
        rc = path ? sc__error_set(SC_EIO, SC_DOMAIN_OS, "cannot open '%s'", path)
                  : sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        goto done;
    }
    if (!(sig = BIO_new_mem_buf(sig_pem, -1)) ||
        !(cms = PEM_read_bio_CMS(sig, NULL, NULL, NULL))) {
        ERR_clear_error();
        detached_fail(out, SC_SIG_MALFORMED, "not a CMS signature (PEM)");
        goto refused;
    }
    sis = CMS_get0_SignerInfos(cms);
    if (!sis || sk_CMS_SignerInfo_num(sis) != 1 || !CMS_is_detached(cms)) {
        detached_fail(out, SC_SIG_MALFORMED, "a detached signature with exactly one signer is "
                                             "expected");
        goto refused;
    }
    /* The digest over the file, streamed, and the signature by the included
     * certificate; the chain is checked below, at the signing time. */
    if (CMS_verify(cms, NULL, NULL, in, NULL, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
        ERR_clear_error();
        detached_fail(out, SC_SIG_BAD_SIGNATURE, "the file or its signature was altered");
        goto refused;
    }
    signers = CMS_get0_signers(cms);
    certs = CMS_get1_certs(cms);
    if (!signers || sk_X509_num(signers) != 1 || !certs) {
        detached_fail(out, SC_SIG_MALFORMED, "no signer certificate in the signature");
        goto refused;
    }
    leaf = sk_X509_value(signers, 0);
    {
        CMS_SignerInfo *si = sk_CMS_SignerInfo_value(sis, 0);
        int idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
        X509_ATTRIBUTE *xa = idx >= 0 ? CMS_signed_get_attr(si, idx) : NULL;
        attr = xa && X509_ATTRIBUTE_count(xa) == 1 ? X509_ATTRIBUTE_get0_type(xa, 0) : NULL;
    }
    if (!attr || (attr->type != V_ASN1_UTCTIME && attr->type != V_ASN1_GENERALIZEDTIME) ||
        ASN1_TIME_to_tm(attr->value.utctime, &tm) != 1) {
        ERR_clear_error();
        detached_fail(out, SC_SIG_MALFORMED, "no signed signing time");
        goto refused;
    }
    t = timegm(&tm);
    sc__pki_format_time(t, when);
    if (digest) {
        /* The signed SHA-256 of the bytes, verified above: the importer compares it
         * with the bytes it reads itself. */
        ASN1_OCTET_STRING *md = CMS_signed_get0_data_by_OBJ(
            sk_CMS_SignerInfo_value(sis, 0), OBJ_nid2obj(NID_pkcs9_messageDigest), -3,
            V_ASN1_OCTET_STRING);
        if (!md || ASN1_STRING_length(md) != 32) {
            ERR_clear_error();
            detached_fail(out, SC_SIG_MALFORMED, "a SHA-256 message digest is expected");
            goto refused;
        }
        memcpy(digest, ASN1_STRING_get0_data(md), 32);
    }
    if (signed_at)
        snprintf(signed_at, SC_PKI_TIME_SIZE, "%s", when);
    if ((rc = sc__pki_verify(out, anchor, leaf, certs, crls, t)) != SC_OK)
        goto done;
    if (!out->ok)
        goto refused;
    goto done;
refused:
    rc = sc__error_set(SC_EINVALIDDOC, SC_DOMAIN_RULES, "detached signature refused (%s): %s",
                       sc_sig_reason_name(out->reason), out->message);
done:
    sk_X509_free(signers);
    sk_X509_pop_free(certs, X509_free);
    sk_X509_CRL_pop_free(crls, X509_CRL_free);
    X509_free(anchor);
    BIO_free(in);
    BIO_free(sig);
    CMS_ContentInfo_free(cms);
    return rc;
}
