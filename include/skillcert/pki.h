/**
 * @file skillcert/pki.h
 * @brief Signed exchange documents (issue #12): the trust chain of
 *        京人社能发〔2022〕8号 as X.509 certificates, W3C XML Signatures over
 *        exchange documents, and the offline check of an electronic
 *        certificate.
 *
 * ## Parties and the trust chain
 *
 * A certificate's subject names one party of the notice in its common name
 * (CN), written exactly as an exchange document names its issuer:
 *
 *     city-bureau              市人力资源和社会保障局, the root
 *     city-centre              市职业技能鉴定管理中心
 *     district:NNNNNN          a district bureau (区人社局), 6-digit code
 *     org:<credit code>        a social training and evaluation organization,
 *                              18-character unified social credit code
 *
 * (O is "libskillcert" and C is "CN"; only the CN is read.) Who certifies
 * whom is fixed: the bureau self-signs the root (a CA that may certify one
 * level of CA below it) and certifies the city centre (a CA for
 * organizations only) and each district bureau (an end entity); the city
 * centre certifies organizations (end entities). sc_pki_certify() refuses
 * anything else, and chain verification checks the same rule again, so a
 * district's key cannot certify an organization even if someone made such
 * a certificate with other tools.
 *
 * Keys are EC P-256 (prime256v1); signatures ECDSA with SHA-256. Validity
 * runs from 00:00:00 UTC of the first day to 23:59:59 UTC of the last.
 * Serial numbers are 128-bit random.
 *
 * Validity is checked at the moment a document was signed (its signing
 * time), not today: a document signed with an organization's old key
 * while its certificate was valid still verifies after the certificate
 * expired. Revocation is by CRLs: the bureau revokes the certificates it
 * issued (the centre, districts), the centre those of organizations; a
 * certificate on an imported CRL is refused whatever the signing time (a
 * revoked key cannot be trusted to tell the time).
 *
 * Private keys never enter the registry: they are PEM files the caller's
 * tool writes and reads, or an external signer (::sc_pki_sign_fn) such as
 * an HSM or PKCS#11 token.
 *
 * The registry keeps a trust anchor (the bureau's root certificate, set
 * when the registry is created and changeable only with the current root
 * key), the certificates of certified parties and the CRLs it imported
 * (schema migration 11, tables pki_anchor, pki_cert, pki_crl).
 *
 * ## XML signatures
 *
 * See docs/signatures.md. An exchange document is signed with an enveloped
 * W3C XML Signature (xmlsec1, OpenSSL back end): ECDSA-SHA256, exclusive
 * canonicalization, one Reference with URI="" (the whole document) and the
 * transforms enveloped-signature then exc-c14n, the signer's certificate
 * and its intermediate in KeyInfo/X509Data. Before the ds:Signature comes a
 * `<sig:signing-info>` element (namespace urn:skillcert:signature:1) that
 * the signature covers: signer, signing time, purpose, and the registry's
 * audit head. A countersignature (the city centre publishing a certificate)
 * is a second such pair after the first, covering the first. Verification
 * peels the pairs from the last one: each must be the last two children of
 * the root, nothing else may carry a signature or a signing-info, and every
 * reference other than URI="" is refused.
 *
 * Thread-safety: functions without a registry are thread-safe; with one,
 * one thread per ::sc_db.
 */
#ifndef SKILLCERT_PKI_H
#define SKILLCERT_PKI_H

#include "common.h"
#include "db.h"
#include "roles.h"
#include "xml.h"

SC_BEGIN_DECL

/** Size of a party name buffer ("org:91110108MA01XK7H26"), including the NUL. */
#define SC_PKI_PARTY_SIZE 64
/** Size of a hex SHA-256 fingerprint buffer, including the NUL. */
#define SC_PKI_FINGERPRINT_SIZE 65
/** Size of a hex serial number buffer, including the NUL. */
#define SC_PKI_SERIAL_SIZE 66
/** Size of a time buffer "YYYY-MM-DDTHH:MM:SSZ", including the NUL. */
#define SC_PKI_TIME_SIZE 21
/** Size of a verification message buffer, including the NUL. */
#define SC_PKI_MESSAGE_SIZE 512
/** Most signatures (a signature and its countersignatures) on one document. */
#define SC_PKI_MAX_LAYERS 4
/** The namespace of `<sig:signing-info>`. */
#define SC_SIGNATURE_NS "urn:skillcert:signature:1"

/** Why a signature or certificate was refused. Values are stable. */
typedef enum {
    SC_SIG_OK = 0,              /**< verified */
    SC_SIG_UNSIGNED = 1,        /**< no signature */
    SC_SIG_MALFORMED = 2,       /**< not the signature layout this library makes
                                     (wrapping, other references, extra content) */
    SC_SIG_BAD_SIGNATURE = 3,   /**< the document or signature was altered */
    SC_SIG_UNKNOWN_SIGNER = 4,  /**< the certificate does not chain to the anchor */
    SC_SIG_EXPIRED = 5,         /**< a certificate of the chain was not valid then
                                     (expired or not yet valid at the signing time) */
    SC_SIG_REVOKED = 6,         /**< a certificate of the chain is on a CRL */
    SC_SIG_WRONG_PARTY = 7,     /**< the signer is not the party the document names,
                                     or a party certified by one not allowed to */
    SC_SIG_NOT_COUNTERSIGNED = 8 /**< a countersignature the document needs is missing */
} sc_sig_reason;

/** English name of an ::sc_sig_reason ("ok", "unsigned" ...); "unknown" otherwise.
 * @param reason  an ::sc_sig_reason.
 *  @return a static string. Thread-safe. @since 0.1 */
SC_EXTERN const char *sc_sig_reason_name(int reason);

/** How a document type is signed (docs/signatures.md; each schema's annotation
 *  says the same). Values are stable. */
typedef enum {
    SC_SIGNATURE_SCHEME_NONE = 0,      /**< not a document type */
    SC_SIGNATURE_SCHEME_ENVELOPED = 1, /**< enveloped XML Signature by the issuer
                                            (ECDSA P-256/SHA-256, exc-c14n), in the document */
    SC_SIGNATURE_SCHEME_DETACHED = 2   /**< detached CMS over the file's exact bytes,
                                            FILE.p7s (the large batches) */
} sc_signature_scheme;

/**
 * The signature scheme of a document type.
 * @param doctype  an ::sc_doctype.
 * @return an ::sc_signature_scheme; ::SC_SIGNATURE_SCHEME_NONE for an unknown type.
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_doctype_signature_scheme(int doctype);

/* ---- Keys, requests, certificates ------------------------------------------------ */

/**
 * Make a new EC P-256 private key.
 * @param[out] out  the key as unencrypted PKCS#8 PEM, NUL-terminated; caller
 *                  frees with sc_free(). The caller stores it (never the registry).
 * @param[out] len  its length without the NUL; may be NULL.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOMEM; ::SC_ERROR (OpenSSL).
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_key_new(char **out, size_t *len);

/**
 * Check a party name ("city-bureau", "city-centre", "district:110108",
 * "org:91110108MA01XK7H26") and give its actor kind.
 * @param[out] kind  SC_ACTOR_CITY_BUREAU, _CITY_CENTRE, _DISTRICT or
 *                   _ORGANIZATION; may be NULL.
 * @param party      the name.
 * @return ::SC_OK; ::SC_EINVAL (what is wrong, in the message). Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_party_check(int *kind, const char *party);

/**
 * Make a certificate request (PKCS#10) for a party, signed with its key.
 * @param[out] out  the request as PEM; caller frees with sc_free().
 * @param[out] len  its length; may be NULL.
 * @param key_pem   the party's private key (PEM).
 * @param party     the party name, the subject's CN (see the file comment).
 * @return ::SC_OK; ::SC_EINVAL (bad key or party); ::SC_ENOMEM; ::SC_ERROR.
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_request_new(char **out, size_t *len, const char *key_pem,
                                 const char *party);

/**
 * An external signer: sign a SHA-256 @p digest with the private key of the
 * certificate the ::sc_signer was made with, writing a DER-encoded ECDSA
 * signature (at most *@p siglen bytes, 72 suffice for P-256) and its length.
 * @return 0 on success, non-zero on failure.
 */
typedef int (*sc_pki_sign_fn)(const unsigned char *digest, size_t len, unsigned char *sig,
                              size_t *siglen, void *payload);

/** Who signs: a private key or an external signer, with its certificate. */
typedef struct sc_signer sc_signer;

/**
 * A signer from a PEM private key.
 * @param[out] out   the signer; caller frees with sc_signer_free(); NULL on failure.
 * @param key_pem    the private key (PEM).
 * @param cert_pem   its certificate followed by its intermediates (the city
 *                   centre's for an organization), PEM; NULL only to
 *                   self-sign the root with sc_pki_certify().
 * @return ::SC_OK; ::SC_EINVAL (unreadable key or certificate, key and
 *         certificate not a pair); ::SC_ENOMEM.
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_signer_new_key(sc_signer **out, const char *key_pem, const char *cert_pem);

/**
 * A signer whose private key stays outside the process (HSM, PKCS#11):
 * every signature is asked of @p fn.
 * @param[out] out  the signer; caller frees with sc_signer_free().
 * @param cert_pem  its certificate followed by its intermediates (PEM); required.
 * @param fn        the signing function.
 * @param payload   passed to @p fn; must outlive the signer.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOMEM. Thread-safe. @since 0.1
 */
SC_EXTERN int sc_signer_new_callback(sc_signer **out, const char *cert_pem, sc_pki_sign_fn fn,
                                     void *payload);

/** The party a signer's certificate names, or "" when it has none (borrowed,
 *  valid until the signer is freed). @since 0.1
 * @param signer  the signer.
 */
SC_EXTERN const char *sc_signer_party(const sc_signer *signer);

/**
 * Free a signer; NULL is a no-op.
 * @param signer  the signer.
 * @since 0.1
 */
SC_EXTERN void sc_signer_free(sc_signer *signer);

/**
 * Certify a request: the issuer signs a certificate for the request's party.
 * With a signer without certificate, the request must be the city bureau's
 * own, signed by the same key: the result is the self-signed root. Otherwise
 * the bureau certifies the city centre and districts, and the city centre
 * organizations; anything else is refused.
 * @param[out] out     the certificate (PEM); caller frees with sc_free().
 * @param[out] len     its length; may be NULL.
 * @param issuer       the certifying party.
 * @param request_pem  the request (PEM).
 * @param not_before   first valid day "YYYY-MM-DD", NULL for today.
 * @param not_after    last valid day; not before @p not_before and, unless
 *                     self-signed, not after the issuer's own last day.
 * @return ::SC_OK; ::SC_EINVAL (bad request, its signature, dates);
 *         ::SC_EDENIED (the issuer may not certify that party); ::SC_ENOMEM; ::SC_ERROR.
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_certify(char **out, size_t *len, const sc_signer *issuer,
                             const char *request_pem, const char *not_before,
                             const char *not_after);

/**
 * Make a CRL listing certificates the issuer (city bureau or city centre)
 * certified and revokes.
 * @param[out] out   the CRL (PEM); caller frees with sc_free().
 * @param[out] len   its length; may be NULL.
 * @param issuer     the bureau or the centre, with its certificate.
 * @param serials    hex serial numbers (as sc_pki_cert_info.serial); @p n of them.
 * @param n          how many (0 makes an empty CRL).
 * @param date       this update and the revocation date, NULL for today.
 * @param next_date  next update "YYYY-MM-DD" (after @p date).
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EDENIED (not a CA party); ::SC_ENOMEM; ::SC_ERROR.
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_crl_new(char **out, size_t *len, const sc_signer *issuer,
                             const char *const *serials, size_t n, const char *date,
                             const char *next_date);

/** What a certificate says. A plain value owned by the caller. */
typedef struct sc_pki_cert_info {
    unsigned int version;  /**< SC_PKI_CERT_INFO_VERSION, first: set by the caller through
                                 SC_PKI_CERT_INFO_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char party[SC_PKI_PARTY_SIZE];              /**< the subject's CN */
    char issuer[SC_PKI_PARTY_SIZE];             /**< the issuer's CN */
    char serial[SC_PKI_SERIAL_SIZE];            /**< hex, upper case */
    char fingerprint[SC_PKI_FINGERPRINT_SIZE];  /**< SHA-256 of the DER, hex lower case */
    char not_before[SC_PKI_TIME_SIZE];          /**< "YYYY-MM-DDTHH:MM:SSZ" */
    char not_after[SC_PKI_TIME_SIZE];
    int revoked;                                /**< on an imported CRL (registry lists only) */
} sc_pki_cert_info;

/** The version of ::sc_pki_cert_info this library fills (its `version` member). */
#define SC_PKI_CERT_INFO_VERSION 1u
/** An ::sc_pki_cert_info ready to hand to a filler: its version set, the rest zero. */
#define SC_PKI_CERT_INFO_INIT { .version = SC_PKI_CERT_INFO_VERSION }

/**
 * Read the first certificate of a PEM text.
 * @param[out] out  what it says.
 * @param cert_pem  the certificate.
 * @return ::SC_OK; ::SC_EINVAL. Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_cert_info_get(sc_pki_cert_info *out, const char *cert_pem);

/** The result of a chain or document check. A plain value owned by the caller. */
typedef struct sc_pki_verification {
    unsigned int version;  /**< SC_PKI_VERIFICATION_VERSION, first: set by the caller through
                                 SC_PKI_VERIFICATION_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int ok;                                     /**< 1 when verified */
    int reason;                                 /**< ::sc_sig_reason */
    char party[SC_PKI_PARTY_SIZE];              /**< the (outermost) signer */
    char fingerprint[SC_PKI_FINGERPRINT_SIZE];  /**< its certificate's */
    char message[SC_PKI_MESSAGE_SIZE];          /**< why not, "" when ok */
} sc_pki_verification;

/** The version of ::sc_pki_verification this library fills (its `version` member). */
#define SC_PKI_VERIFICATION_VERSION 1u
/** An ::sc_pki_verification ready to hand to a filler: its version set, the rest zero. */
#define SC_PKI_VERIFICATION_INIT { .version = SC_PKI_VERIFICATION_VERSION }

/**
 * Verify a certificate chain against a root at a given time, offline.
 * @param[out] out   the answer.
 * @param anchor_pem the bureau's root certificate.
 * @param chain_pem  the certificate followed by its intermediates.
 * @param crl_pem    zero or more CRLs (PEM, concatenated); NULL for none.
 * @param at         "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD" (noon UTC); NULL for now.
 * @return ::SC_OK when @p out holds the answer (verified or not);
 *         ::SC_EINVAL (unreadable arguments); ::SC_ENOMEM.
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_verify_chain(sc_pki_verification *out, const char *anchor_pem,
                                  const char *chain_pem, const char *crl_pem, const char *at);

/* ---- The registry's trust anchor, certificates and CRLs --------------------------------- */

/**
 * Set the registry's trust anchor. The first time (a new registry) the actor
 * must be the city bureau and @p root_pem a self-signed city-bureau root;
 * @p current may be NULL. To replace it, @p current must hold the key of
 * the present anchor (it signs the new root, proving the bureau asks).
 * @param db        the registry.
 * @param actor     the city bureau.
 * @param root_pem  the new root certificate.
 * @param current   the present root's signer when replacing; NULL the first time.
 * @return ::SC_OK (also when @p root_pem is already the anchor); ::SC_EINVAL;
 *         ::SC_EDENIED (not the bureau; replacing without the present key);
 *         ::SC_EDB; ::SC_ENOMEM. One transaction with its audit entry.
 * @since 0.1
 */
SC_EXTERN int sc_pki_anchor_set(sc_db *db, const sc_actor *actor, const char *root_pem,
                                const sc_signer *current);

/**
 * The registry's trust anchor.
 * @param[out] out  PEM; caller frees with sc_free().
 * @param db          the registry.
 * @return ::SC_OK; ::SC_ENOTFOUND (none set); ::SC_EINVAL; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_pki_anchor_get(char **out, sc_db *db);

/**
 * Switch the registry's development setting. A development registry that has
 * no trust anchor accepts unsigned exchange documents: their issuer is the
 * one they declare, and the import's audit entry says `signer=-`; a signature
 * present is still checked for integrity. Off (a new registry's setting),
 * every imported exchange document must be signed and its signer proven
 * against the trust anchor: without an anchor nothing is imported. A
 * registry WITH a trust anchor always requires signatures, whatever this
 * setting says. The notice's catalog built into the library
 * (sc_catalog_load_notice()) is not an exchange and is always accepted.
 * Migration 13 switched it on for registries that held data before it (and
 * had no anchor), so that existing installs keep working until switched off.
 * @param db     the registry.
 * @param actor  the city bureau; checked against the action table (authz.h).
 * @param on     1 to accept unsigned documents (development), 0 to refuse them.
 * @return ::SC_OK (also when already so: nothing recorded); ::SC_EINVAL (@p on
 *         neither 0 nor 1); ::SC_EDENIED (not the bureau); ::SC_EDB;
 *         ::SC_ENOMEM. One transaction with its audit entry
 *         (`pki.development_set`).
 * @since 0.1
 */
SC_EXTERN int sc_pki_development_set(sc_db *db, const sc_actor *actor, int on);

/**
 * The registry's development setting (sc_pki_development_set()).
 * @param[out] out  1 when unsigned documents are accepted in the absence of a
 *                  trust anchor, else 0.
 * @param db        the registry.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EDB.
 * Read-only. @since 0.1
 */
SC_EXTERN int sc_pki_development_get(int *out, sc_db *db);

/**
 * Record a certified party's certificate (its chain may follow in the PEM
 * text) after checking it chains to the anchor on its first day. The city
 * bureau records any; the city centre those of organizations.
 * @param[out] out  what was recorded; may be NULL.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param cert_pem    the certificate in PEM, optionally followed by its chain.
 * @return ::SC_OK (also when recorded before); ::SC_EINVAL; ::SC_ENOTFOUND (no
 *         anchor); ::SC_EINVALIDDOC (does not verify; the reason in the message);
 *         ::SC_EDENIED; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_pki_cert_import(sc_pki_cert_info *out, sc_db *db, const sc_actor *actor,
                                 const char *cert_pem);

/**
 * Import a CRL signed by the anchor (city bureau) or by a city centre
 * certificate the registry holds. A CRL older than the one held for the same
 * issuer is refused.
 * @param[out] revoked  how many certificates it lists; may be NULL.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param crl_pem     the CRL in PEM.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (no anchor, unknown issuer);
 *         ::SC_EINVALIDDOC (bad signature, older than the one held);
 *         ::SC_EDENIED (only the bureau or the centre); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_pki_crl_import(int *revoked, sc_db *db, const sc_actor *actor,
                                const char *crl_pem);

/**
 * Every CRL the registry imported, as concatenated PEM ("" when none), for
 * checks made outside it (sc_pki_verify_detached()).
 * @param[out] out  caller frees with sc_free().
 * @param db          the registry.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EDB; ::SC_ENOMEM. @since 0.1
 */
SC_EXTERN int sc_pki_crls_get(char **out, sc_db *db);

/** An iterator over the recorded certificates. */
typedef struct sc_pki_cert_iter sc_pki_cert_iter;

/**
 * What sc_pki_cert_iter_new() selects; NULL fields select everything. Versioned: set it
 * up with SC_PKI_CERT_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_pki_cert_query {
    unsigned int version; /**< SC_PKI_CERT_QUERY_VERSION; first */
    const char *party;    /**< only this party's certificates ("city-bureau",
                               "org:<credit code>" ...), or NULL */
} sc_pki_cert_query;

#define SC_PKI_CERT_QUERY_VERSION 1
#define SC_PKI_CERT_QUERY_INIT { SC_PKI_CERT_QUERY_VERSION, NULL }

/**
 * Iterate over the anchor and the recorded certificates, by party then first day.
 * @param[out] out  the iterator; caller frees with sc_pki_cert_iter_free().
 * @param db          the registry.
 * @param q   what to select, or NULL for every certificate; @p q->version must be
 *            SC_PKI_CERT_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_pki_cert_iter_new(sc_pki_cert_iter **out, sc_db *db,
                                   const sc_pki_cert_query *q);

/**
 * Next certificate.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_pki_cert_iter_next(sc_pki_cert_info *out, sc_pki_cert_iter *it);

/**
 * Free the iterator; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_pki_cert_iter_free(sc_pki_cert_iter *it);

/* ---- XML signatures --------------------------------------------------------------------- */

/** Options of sc_xml_sign_memory(). */
typedef struct sc_sign_options {
    unsigned int version;     /**< ::SC_SIGN_OPTIONS_VERSION */
    const char *signed_at;    /**< signing time "YYYY-MM-DDTHH:MM:SSZ", NULL for now */
    const char *purpose;      /**< "issue" (default), "publication", "export" ... */
    sc_db *audit_db;          /**< when set, its audit head goes under the signature */
} sc_sign_options;
/** Current version of ::sc_sign_options. */
#define SC_SIGN_OPTIONS_VERSION 1
/** Defaults: now, purpose "issue", no audit head. */
#define SC_SIGN_OPTIONS_INIT { SC_SIGN_OPTIONS_VERSION, NULL, NULL, NULL }
/**
 * Fill @p opts with the defaults.
 * @param[out] opts  the options to fill (the caller's storage).
 * @param version  the structure version (its SC_*_VERSION).
 * @return ::SC_OK; ::SC_EINVAL.
 * @since 0.1
 */
SC_EXTERN int sc_sign_options_init(sc_sign_options *opts, unsigned int version);

/**
 * Sign an XML document: append `<sig:signing-info>` and an enveloped
 * ds:Signature as the last children of the root. A document that is
 * already signed gets a countersignature covering the signatures before.
 * @param[out] out  the signed document; caller frees with sc_free().
 * @param[out] len  its length; may be NULL.
 * @param doc       the document (UTF-8 XML; no DOCTYPE).
 * @param doclen    its length.
 * @param signer    the signing party with its certificate.
 * @param opts      NULL for the defaults.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EXML (not well-formed, DOCTYPE);
 *         ::SC_EINVALIDDOC (a signature it cannot extend); ::SC_EDB (audit
 *         head); ::SC_ENOMEM; ::SC_ERROR (signing failed).
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_xml_sign_memory(char **out, size_t *len, const char *doc, size_t doclen,
                                 const sc_signer *signer, const sc_sign_options *opts);

/** As sc_xml_sign_memory(), file to file (@p out_path replaced).
 * @param in_path  the document to sign.
 * @param out_path  the signed document (replaced).
 * @param signer  the signer.
 * @param opts  the options, or NULL for the defaults.
 *  @return as sc_xml_sign_memory(); ::SC_EIO. @since 0.1 */
SC_EXTERN int sc_xml_sign_file(const char *in_path, const char *out_path,
                               const sc_signer *signer, const sc_sign_options *opts);

/** One signature of a verified document. A plain value owned by the caller. */
typedef struct sc_signature_info {
    unsigned int version;  /**< SC_SIGNATURE_INFO_VERSION, first: set by the caller through
                                 SC_SIGNATURE_INFO_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char party[SC_PKI_PARTY_SIZE];              /**< the signer (certificate CN) */
    char signed_at[SC_PKI_TIME_SIZE];           /**< signing time */
    char purpose[32];                           /**< "issue", "publication" ... */
    char fingerprint[SC_PKI_FINGERPRINT_SIZE];  /**< the signer certificate's */
    int64_t audit_seq;                          /**< the signer's registry audit head; 0 none */
    char audit_hash[SC_PKI_FINGERPRINT_SIZE];   /**< its hash (hex), "" none */
} sc_signature_info;

/** The version of ::sc_signature_info this library fills (its `version` member). */
#define SC_SIGNATURE_INFO_VERSION 1u
/** An ::sc_signature_info ready to hand to a filler: its version set, the rest zero. */
#define SC_SIGNATURE_INFO_INIT { .version = SC_SIGNATURE_INFO_VERSION }

/** The signatures of a verified document. A plain value owned by the caller. The
 * library fills `result` and `sig`, their versions included. */
typedef struct sc_xml_verification {
    unsigned int version;  /**< SC_XML_VERIFICATION_VERSION, first: set by the caller through
                                 SC_XML_VERIFICATION_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    sc_pki_verification result;                 /**< ok, reason, outermost signer, message */
    int layers;                                 /**< signatures found, innermost first */
    sc_signature_info sig[SC_PKI_MAX_LAYERS];
} sc_xml_verification;

/** The version of ::sc_xml_verification this library fills (its `version` member). */
#define SC_XML_VERIFICATION_VERSION 1u
/** An ::sc_xml_verification ready to hand to a filler: its version set, the rest zero. */
#define SC_XML_VERIFICATION_INIT { .version = SC_XML_VERIFICATION_VERSION }

/**
 * Verify every signature of a document offline, outermost first, against a
 * root certificate and optional CRLs, each signer's chain at its signing time.
 * @param[out] out  the answer, with each signature.
 * @param doc       the document; @p len its length.
 * @param len         the length of @p doc in bytes.
 * @param anchor_pem the bureau's root certificate.
 * @param crl_pem   CRLs (PEM), or NULL.
 * @return ::SC_OK when every signature verifies; ::SC_EINVALIDDOC when not
 *         (@p out says why); ::SC_EXML (not well-formed, DOCTYPE); ::SC_EINVAL;
 *         ::SC_ENOMEM. Thread-safe. @since 0.1
 */
SC_EXTERN int sc_xml_verify_memory(sc_xml_verification *out, const char *doc, size_t len,
                                   const char *anchor_pem, const char *crl_pem);

/**
 * As sc_xml_verify_memory(), against the registry's anchor and imported CRLs.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param doc  the document.
 * @param len  the length of @p doc in bytes.
 * @return as sc_xml_verify_memory(); ::SC_ENOTFOUND (no anchor); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_xml_registry_verify(sc_xml_verification *out, sc_db *db, const char *doc,
                                     size_t len);

/**
 * Does the registry's audit chain still hold the head a signed export
 * recorded? Verifies @p doc (sc_xml_registry_verify()), reads the audit
 * head under its innermost signature and compares it with the entry of that
 * number in the registry, then checks the whole chain (sc_audit_verify()).
 * @param[out] out  ok = 1 when the head is there and the chain intact.
 * @param db          the registry.
 * @param doc         the signed export (XML text).
 * @param len         the length of @p doc in bytes.
 * @return ::SC_OK when @p out holds the answer; ::SC_EINVALIDDOC (the
 *         document does not verify or has no audit head); ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_audit_head_verify(sc_pki_verification *out, sc_db *db, const char *doc,
                                      size_t len);

/* ---- Detached signatures over exact bytes (large batches) ------------------------------- */

/**
 * Sign a file's exact bytes with a detached CMS (PKCS#7) SignedData: SHA-256,
 * the signer's certificate and intermediates included, a signed signingTime
 * attribute. The file is read in chunks, never held whole (a batch of any
 * size). The signature goes beside the file (FILE.p7s).
 * @param[out] out  the CMS structure as PEM; caller frees with sc_free().
 * @param[out] len  its length; may be NULL.
 * @param path      the file to sign.
 * @param signer    the signing party with its certificate.
 * @param signed_at signing time "YYYY-MM-DDTHH:MM:SSZ", NULL for now.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EIO; ::SC_ENOMEM; ::SC_ERROR.
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_sign_detached(char **out, size_t *len, const char *path,
                                   const sc_signer *signer, const char *signed_at);

/**
 * As sc_pki_sign_detached(), over @p datalen bytes in memory (at most 2 GiB):
 * the signature sc_xml_import_memory_signed() takes with them.
 * @param[out] out  the CMS structure as PEM; caller frees with sc_free().
 * @param[out] len  its length; may be NULL.
 * @param data      the bytes to sign.
 * @param datalen   their length.
 * @param signer    the signing party with its certificate.
 * @param signed_at signing time "YYYY-MM-DDTHH:MM:SSZ", NULL for now.
 * @return as sc_pki_sign_detached() (no ::SC_EIO). Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_sign_detached_memory(char **out, size_t *len, const char *data,
                                          size_t datalen, const sc_signer *signer,
                                          const char *signed_at);

/**
 * Verify a detached signature over a file's exact bytes, streaming: the
 * digest, the signature, then the signer's chain to @p anchor_pem at the
 * signed signingTime, with @p crl_pem.
 * @param[out] out   the answer (party, fingerprint, reason, message).
 * @param[out] signed_at the signing time (::SC_PKI_TIME_SIZE bytes); may be NULL.
 * @param path       the signed file.
 * @param sig_pem    the CMS signature (PEM), as sc_pki_sign_detached() made it.
 * @param anchor_pem the bureau's root certificate.
 * @param crl_pem    CRLs or NULL.
 * @return ::SC_OK when verified; ::SC_EINVALIDDOC (refused, @p out says why);
 *         ::SC_EINVAL; ::SC_EIO; ::SC_ENOMEM. Thread-safe. @since 0.1
 */
SC_EXTERN int sc_pki_verify_detached(sc_pki_verification *out, char *signed_at,
                                     const char *path, const char *sig_pem,
                                     const char *anchor_pem, const char *crl_pem);

/**
 * Import a batch of the detached scheme (candidate-batch, certificate-batch)
 * from memory with its detached signature: as sc_xml_import_memory(), but in a
 * registry with a trust anchor the signature is verified over exactly these
 * bytes first (at its signing time, against the anchor and the registry's
 * CRLs), and its signer must be the issuer the batch names. Refused like an
 * unsigned file import otherwise, nothing changed. Without an anchor the batch
 * is refused, unless the registry is a development one (sc_pki_development_set()),
 * where the signature is not checked (docs/signatures.md). The
 * bytes are parsed streaming as always; the whole batch is in the caller's
 * memory anyway.
 * @param[out] out  the result; may be NULL.
 * @param db        the registry.
 * @param actor     the importing actor (the receiver).
 * @param data      the batch.
 * @param len       its length (at most 2 GiB).
 * @param sig_pem   the CMS signature over @p data as sc_pki_sign_detached() or
 *                  `skillcert sign --detached` made it (PEM, the FILE.p7s text).
 * @param name      the name in messages, or NULL.
 * @param opts      NULL for the defaults.
 * @param report    collects every error; may be NULL.
 * @return as sc_xml_import_memory(); ::SC_EINVALIDDOC also for a signature
 *         refused, or given with a type signed enveloped.
 * @since 0.1
 */
SC_EXTERN int sc_xml_import_memory_signed(sc_import_result *out, sc_db *db,
                                          const sc_actor *actor, const char *data, size_t len,
                                          const char *sig_pem, const char *name,
                                          const sc_import_options *opts, sc_report *report);

/* ---- The electronic certificate, offline --------------------------------------------------- */

/** What a verified electronic certificate says. A plain value owned by the caller. */
typedef struct sc_certificate_document {
    unsigned int version;  /**< SC_CERTIFICATE_DOCUMENT_VERSION, first: set by the caller through
                                 SC_CERTIFICATE_DOCUMENT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char number[23];                           /**< certificate number */
    char holder[256];                          /**< 姓名 */
    char id_number[19];                        /**< 证件号码 */
    char occupation[16];                       /**< code */
    char occupation_name[256];
    char work_type[256];
    int level;                                 /**< 1–5 */
    char level_text[32];
    char org_name[256];                        /**< the issuing organization */
    char credit_code[19];
    char issued[11];                           /**< 发证日期 */
    char status[16];                           /**< as the organization issued it */
    int published;                             /**< countersigned by the city centre */
    char published_at[SC_PKI_TIME_SIZE];       /**< its countersignature's time, "" */
    char signer[SC_PKI_PARTY_SIZE];            /**< "org:" and the credit code */
    char signed_at[SC_PKI_TIME_SIZE];
} sc_certificate_document;

/** The version of ::sc_certificate_document this library fills (its `version` member). */
#define SC_CERTIFICATE_DOCUMENT_VERSION 1u
/** An ::sc_certificate_document ready to hand to a filler: its version set, the rest zero. */
#define SC_CERTIFICATE_DOCUMENT_INIT { .version = SC_CERTIFICATE_DOCUMENT_VERSION }

/**
 * Check an electronic certificate document offline with the bureau's root
 * certificate alone: signed by the organization it names (its certificate
 * certified by the city centre, valid on the signing day), untampered,
 * countersigned by the city centre (published), valid against the
 * certificate schema once the signatures are set aside.
 * @param[out] out     the holder's data when verified; zeroed otherwise.
 * @param[out] detail  the signatures and, when refused, the reason; may be NULL.
 * @param doc          the document; @p len its length.
 * @param len         the length of @p doc in bytes.
 * @param root_pem     the bureau's root certificate.
 * @param crl_pem      CRLs to apply, or NULL (offline: none).
 * @return ::SC_OK; ::SC_EINVALIDDOC (refused: why in @p detail and the
 *         message); ::SC_EXML; ::SC_EINVAL; ::SC_ENOMEM.
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_certificate_verify_document(sc_certificate_document *out,
                                             sc_xml_verification *detail, const char *doc,
                                             size_t len, const char *root_pem,
                                             const char *crl_pem);

/**
 * The published electronic certificate: the city centre countersigns the
 * document its organization signed (purpose "publication"). The registry must
 * hold the certificate as issued (about to be published) or published. The
 * organization's document is verified first against the registry's anchor and
 * CRLs: one signature, by the organization the certificate names, over a
 * certificate document of @p number. The result is what
 * sc_certificate_verify_document() / `skillcert cert verify-file` accept.
 * Reads the registry only: the publication is sc_certificate_publish(), and a
 * caller hands the document out only once that succeeded (`skillcert cert
 * publish NUMBER --signed FILE --key K --cert C` countersigns, then publishes,
 * then writes the document).
 * @param[out] out   the countersigned document; caller frees with sc_free().
 * @param[out] len   its length; may be NULL.
 * @param db         the registry (with a trust anchor).
 * @param number     the certificate number.
 * @param issued_doc the organization-signed certificate document.
 * @param doclen     its length.
 * @param centre     the city centre's signer (its certificate).
 * @param opts       signing options (signing time; the purpose is "publication");
 *                   NULL for the defaults.
 * @return ::SC_OK; ::SC_EINVAL (arguments; the signer is not the city centre);
 *         ::SC_ENOTFOUND (no such certificate, no trust anchor); ::SC_ECONSTRAINT
 *         (neither issued nor published in the registry); ::SC_EINVALIDDOC (the document does
 *         not verify, is signed by another party, is of another certificate, or
 *         is countersigned already); ::SC_EXML; ::SC_EDB; ::SC_ENOMEM; ::SC_ERROR.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_countersign_export_memory(char **out, size_t *len, sc_db *db,
                                                       const char *number,
                                                       const char *issued_doc, size_t doclen,
                                                       const sc_signer *centre,
                                                       const sc_sign_options *opts);

SC_END_DECL

#endif /* SKILLCERT_PKI_H */
