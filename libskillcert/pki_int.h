/*
 * The PKI module's internals shared with the XML signatures (xml_sign.c):
 * signers, certificate and CRL parsing, chain verification at a time.
 */
#ifndef SC_PKI_INT_H
#define SC_PKI_INT_H

#include <time.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include "store_int.h"

struct sc_signer {
    EVP_PKEY *key;            /* the private key, or a public key whose EC method calls fn */
    X509 *cert;               /* NULL: may only self-sign the root */
    STACK_OF(X509) *chain;    /* intermediates after cert (may be empty) */
    sc_pki_sign_fn fn;
    void *payload;
    char party[SC_PKI_PARTY_SIZE];
};

/* All certificates of a PEM text, in order (an empty stack when none). NULL on
 * out of memory or unreadable text (SC_EINVAL / SC_ENOMEM recorded). */
STACK_OF(X509) *sc__pki_read_certs(const char *pem, const char *what);
/* All CRLs of a PEM text (NULL text: an empty stack). */
STACK_OF(X509_CRL) *sc__pki_read_crls(const char *pem, const char *what);

/* The party (CN) of a certificate's subject into buf[SC_PKI_PARTY_SIZE]; "" if none. */
void sc__pki_party_of(X509 *cert, char *buf);
/* Hex SHA-256 of the DER of cert into buf[SC_PKI_FINGERPRINT_SIZE]. */
void sc__pki_fingerprint(X509 *cert, char *buf);

/* Parse "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD" (noon) into *out. 0 or -1. */
int sc__pki_parse_time(const char *s, time_t *out);
/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into buf[SC_PKI_TIME_SIZE]. */
void sc__pki_format_time(time_t t, char *buf);

/* Verify leaf (with untrusted intermediates) against anchor at time at, with
 * crls, and the who-certifies-whom rule. Fills out (never fails but on memory:
 * returns SC_OK or SC_ENOMEM). */
int sc__pki_verify(sc_pki_verification *out, X509 *anchor, X509 *leaf,
                   STACK_OF(X509) *untrusted, STACK_OF(X509_CRL) *crls, time_t at);

/* The registry's anchor (PEM) and every imported CRL (concatenated PEM, ""
 * when none); caller frees both with sc_free. SC_ENOTFOUND when no anchor. */
int sc__pki_registry_material(sc_db *db, char **anchor_pem, char **crls_pem);

/* Copy a PEM BIO's contents into a new NUL-terminated buffer. */
int sc__pki_bio_string(char **out, size_t *len, BIO *bio);

/* sc_pki_verify_detached(), and on success the signed SHA-256 of the file's bytes
 * into digest[32] (NULL: not wanted). */
int sc__pki_verify_detached_md(sc_pki_verification *out, char *signed_at, const char *path,
                               const char *sig_pem, const char *anchor_pem, const char *crl_pem,
                               unsigned char *digest);

/* The same over len bytes in memory (no digest out: the caller reads those bytes). */
int sc__pki_verify_detached_mem(sc_pki_verification *out, char *signed_at, const char *data,
                                size_t len, const char *sig_pem, const char *anchor_pem,
                                const char *crl_pem);

/* For the import (the one-door work, xml.c's sc__xml_issuer()): verify a
 * document's signatures against the registry's anchor and CRLs and check that
 * its first signer is `issuer` (a party name, "org:<credit code>" ...). On
 * success the signer certificate's fingerprint goes to fingerprint[65] (for
 * the audit entries of the imported acts) and the signing time to
 * signed_at[21] (either may be NULL). SC_OK; SC_EINVALIDDOC refused (reason
 * in the message: unsigned, tampered, unknown, expired, revoked, another
 * party); SC_EXML; SC_EDB; SC_ENOMEM. Without an anchor (reached only for a
 * development registry: the import refuses before otherwise) a signature present is checked for integrity only (intact, its signer
 * the party its signing-info, the root and `issuer` name; no chain) and an
 * unsigned document passes (SC_OK, *content NULL below). */
int sc__xml_signature_check(sc_db *db, const char *data, size_t len, const char *issuer,
                            char *fingerprint, char *signed_at);
/* As sc__xml_signature_check, and on success the document with its signatures
 * set aside (what the import then reads) into *content (sc_free; NUL-terminated,
 * length *content_len); content NULL: not wanted. */
int sc__xml_signature_open(sc_db *db, const char *data, size_t len, const char *issuer,
                           char *fingerprint, char *signed_at, char **content,
                           size_t *content_len);

#endif
