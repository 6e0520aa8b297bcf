/**
 * @file skillcert/xml.h
 * @brief XML exchange: validation, all-or-nothing import and export.
 *
 * Every document that crosses a boundary has a namespaced, versioned XSD
 * (installed under $(datadir)/skillcert/schemas and built into the library).
 * Documents are read with libxml2's streaming reader with schema validation
 * on, so memory stays flat whatever the size. The reader never touches the
 * network, never loads a DTD or external entity and refuses any DOCTYPE,
 * so entity expansion attacks have nothing to expand. Depth, text size and
 * the number of reported errors are bounded.
 *
 * An import validates and checks business rules first and writes in one
 * transaction: on any error nothing is changed. A document carries a batch id;
 * importing the same batch again changes nothing and says so.
 */
#ifndef SKILLCERT_XML_H
#define SKILLCERT_XML_H

#include "common.h"
#include "errors.h"
#include "db.h"
#include "roles.h"

SC_BEGIN_DECL

/** Document types. Values are stable. */
typedef enum {
    SC_DOC_UNKNOWN = 0,
    SC_DOC_CATALOG = 1,     /**< urn:skillcert:catalog:1, root `<catalog>` */
    SC_DOC_ELIGIBILITY = 2, /**< urn:skillcert:eligibility:1, root `<eligibility>` (eligibility.h) */
    SC_DOC_CERTIFICATE = 3, /**< urn:skillcert:certificate:1, root `<certificate>`: an electronic
                                 certificate (certificate.h); validated, never imported */
    SC_DOC_CANDIDATE_BATCH = 4, /**< urn:skillcert:candidate-batch:1, root `<candidate-batch>`:
                                     verified applications an organization sends its district
                                     (application.h); imported by that district bureau */
    SC_DOC_CONFIRMATION = 5, /**< urn:skillcert:confirmation:1, root `<confirmation>`: the district's
                                 answer (application.h); imported by the organization */
    /* 10-19: the exchange between districts, the city and organizations (issue #6). */
    SC_DOC_CERTIFICATE_BATCH = 10, /**< urn:skillcert:certificate-batch:1, root
                                        `<certificate-batch>`: an organization's issued
                                        certificates; imported by the city centre, which
                                        publishes them */
    SC_DOC_CERTIFICATE_ACK = 11,   /**< urn:skillcert:certificate-ack:1, root
                                        `<certificate-ack>`: the city centre's answer, each
                                        certificate published or refused with its reason;
                                        imported by the organization */
    SC_DOC_REVOCATIONS = 12,       /**< urn:skillcert:revocations:1, root `<revocations>`: an
                                        organization's revoked certificates with reasons;
                                        issued by the organization, imported by the city
                                        centre (its addressee) */
    SC_DOC_ORG_APPLICATION = 13,   /**< urn:skillcert:organization-application:1, root
                                        `<organization-application>`: an organization's
                                        application for filing or 增项 (org.h); imported by
                                        its district bureau */
    SC_DOC_RECOMMENDATION = 14,    /**< urn:skillcert:district-recommendation:1, root
                                        `<district-recommendation>`: the district's decision
                                        (recommended or refused) with the application;
                                        imported by the city centre */
    SC_DOC_EVALUATION_RESULT = 15, /**< urn:skillcert:evaluation-result:1, root
                                        `<evaluation-result>`: the city centre's outcome
                                        (evaluated, noticed, filed with receipt and validity,
                                        or rejected); issued by the city centre, imported by
                                        the organization (its addressee; the district learns
                                        the filing from the directory) */
    SC_DOC_DIRECTORY = 16,         /**< urn:skillcert:directory:1, root `<directory>`: the
                                        published directory (评价机构目录) as of a day,
                                        issued by the city (a directory issued by anyone else
                                        is refused); public: no addressee; imported by a
                                        district or an organization's registry
                                        to refresh its copy; a filing the copy holds in force
                                        that the directory does not list is recorded as
                                        exited (退出目录) on the directory's day */
    SC_DOC_RESULTS_REPORT = 17,    /**< urn:skillcert:results-report:1, root `<results-report>`:
                                        an organization's assessment results of one session
                                        (报备: the level certified is reported to the city
                                        before certificates, assessment.h); imported by the
                                        city centre, which then holds those results */
    /* 20-29: quality supervision (issue #7). */
    SC_DOC_CREDIT = 20,            /**< urn:skillcert:credit:1, root `<credit-evaluation>`: the
                                        published credit evaluation of organizations as of a
                                        date (supervision.h); validated, never imported */
    SC_DOC_FINDINGS = 21           /**< urn:skillcert:supervision-findings:1, root
                                        `<supervision-findings>`: one inspection (spot check)
                                        with its findings, by a district bureau or the city
                                        centre (supervision.h); imported by the city centre,
                                        whose credit evaluation then counts them */
} sc_doctype;

/**
 * Name of a document type ("catalog"), or NULL for unknown values.
 * @param doctype  an ::sc_doctype.
 * @since 0.1
 */
SC_EXTERN const char *sc_doctype_name(int doctype);

/**
 * Parse a document type name ("catalog"); returns SC_DOC_UNKNOWN when unknown.
 * @param name  the type name, e.g. "catalog".
 * @since 0.1
 */
SC_EXTERN int sc_doctype_from_name(const char *name);

/**
 * Namespace URI of a document type, or NULL.
 * @param doctype  an ::sc_doctype.
 * @since 0.1
 */
SC_EXTERN const char *sc_doctype_namespace(int doctype);

/**
 * The XSD text of a document type, as built into the library.
 * @param doctype  an ::sc_doctype.
 * @return a static NUL-terminated string, or NULL for unknown types.
 * @since 0.1
 */
SC_EXTERN const char *sc_doctype_schema(int doctype);

/**
 * Progress of a long import: called every few thousand records and at the end.
 * @param records  records read so far.
 * @param bytes    bytes of input consumed so far.
 * @param total    input size in bytes, 0 when unknown.
 * @param payload  the caller's pointer from ::sc_import_options.
 * @return 0 to go on; non-zero to cancel (the import fails, changing nothing).
 */
typedef int (*sc_progress_fn)(uint64_t records, uint64_t bytes, uint64_t total, void *payload);

/** Options for validation and import. NULL means the defaults. */
typedef struct sc_import_options {
    unsigned int version;    /**< SC_IMPORT_OPTIONS_VERSION; always first */
    unsigned int max_errors; /**< stop collecting after this many errors (default 100) */
    unsigned int max_depth;  /**< deepest element nesting accepted (default 64) */
    unsigned int max_text;   /**< longest text or attribute value in bytes (default 1 MiB) */
    sc_progress_fn progress; /**< or NULL */
    void *payload;           /**< passed to @ref progress */
} sc_import_options;

#define SC_IMPORT_OPTIONS_VERSION 1
#define SC_IMPORT_OPTIONS_INIT { SC_IMPORT_OPTIONS_VERSION, 100, 64, 1048576, NULL, NULL }

/**
 * Fill @p opts with the defaults of structure version @p version.
 * @param[out] opts  the options to fill (the caller's storage).
 * @param version  the structure version (its SC_*_VERSION).
 * @return ::SC_OK, ::SC_EINVAL (NULL or unknown version).
 * @since 0.1
 */
SC_EXTERN int sc_import_options_init(sc_import_options *opts, unsigned int version);

/** What an import did. */
typedef struct sc_import_result {
    unsigned int version;  /**< SC_IMPORT_RESULT_VERSION, first: set by the caller through
                                 SC_IMPORT_RESULT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int doctype;            /**< the ::sc_doctype detected */
    uint64_t records;       /**< records applied (0 when already imported) */
    int already_imported;   /**< 1 when this batch id had been imported before */
    char batch_id[128];     /**< the document's batch id */
} sc_import_result;

/** The version of ::sc_import_result this library fills (its `version` member). */
#define SC_IMPORT_RESULT_VERSION 1u
/** An ::sc_import_result ready to hand to a filler: its version set, the rest zero. */
#define SC_IMPORT_RESULT_INIT { .version = SC_IMPORT_RESULT_VERSION }

/**
 * Validate a file against the schema of its type (detected from the root
 * element and namespace), without touching any registry.
 * @param[out] doctype  the detected ::sc_doctype (SC_DOC_UNKNOWN if none); may be NULL.
 * @param report        collects every problem found (up to max_errors); may be NULL.
 * @param path          the file.
 * @param opts          limits, or NULL.
 * @return ::SC_OK when valid; ::SC_EIO (unreadable); ::SC_EXML (not well-formed,
 *         DOCTYPE, limits); ::SC_EINVALIDDOC (unknown root or namespace, schema errors);
 *         ::SC_EINVAL. sc_error_last() holds the first problem with line and column.
 * @since 0.1
 */
SC_EXTERN int sc_xml_validate_file(int *doctype, sc_report *report, const char *path,
                                   const sc_import_options *opts);

/**
 * As sc_xml_validate_file(), for a document in memory.
 * @param doctype     as sc_xml_validate_file().
 * @param report      as sc_xml_validate_file().
 * @param data        the document.
 * @param len         the length of @p data in bytes.
 * @param name  a name for messages ("<memory>" when NULL).
 * @param opts        as sc_xml_validate_file().
 * @since 0.1
 */
SC_EXTERN int sc_xml_validate_memory(int *doctype, sc_report *report, const char *data,
                                     size_t len, const char *name, const sc_import_options *opts);

/**
 * Import a document: validate, check business rules, write in one transaction.
 *
 * A document's acts are its issuer's: the root names its issuer (attribute issuer:
 * city-bureau, city-centre, district:NNNNNN, org:CODE), which must be of the document
 * type's issuer role, and each act it records is checked in the action table for that
 * issuer, as the direct call would be; an import never achieves what its issuer may not
 * do directly. The importing actor is the receiver: it must be the document's addressee
 * (attribute addressee), except for public documents (catalog, directory, eligibility
 * rules), and have the right to receive that type.
 *
 * Signatures (issue 12, docs/signatures.md): when the registry has a trust anchor
 * (sc_pki_anchor_set()), the issuer is proven: before anything is written the
 * document's signature is verified against the anchor and the imported CRLs, at its
 * signing time, and its signer must be the issuer the document names. Enveloped XML
 * Signature for every type but the large batches; a candidate-batch or
 * certificate-batch is signed by a detached CMS over the file's exact bytes, read
 * from PATH.p7s beside the file and verified streaming (so those are imported with
 * sc_xml_import_file() in an anchored registry; from memory they are refused as
 * unsigned). Refused (::SC_EINVALIDDOC, message "signature refused (REASON): ...",
 * nothing changed): unsigned, tampered, an unknown, expired or revoked key, signed by
 * one party while naming another. A registry WITHOUT a trust anchor proves nothing:
 * it refuses every document (a signed one: set the anchor first; an unsigned one:
 * sign it), unless it is a development registry (sc_pki_development_set()), which
 * accepts an unsigned document with the issuer it declares and checks a signature
 * present for integrity only. The audit entry names the issuer, the receiver and the
 * signer certificate's SHA-256 fingerprint ("signer=-" when not proven).
 * @param[out] out  what was done; may be NULL.
 * @param db, actor the registry and the receiving party (checked per document type).
 * @param path        the document's file.
 * @param opts        the options, or NULL for the defaults.
 * @param report    collects every problem found; may be NULL.
 * @return ::SC_OK (also when the batch was imported before: see @p out);
 *         the errors of sc_xml_validate_file(); ::SC_EINVALIDDOC for business-rule
 *         violations; ::SC_EDENIED; ::SC_EDB. On failure the registry is unchanged.
 * @since 0.1
 */
SC_EXTERN int sc_xml_import_file(sc_import_result *out, sc_db *db, const sc_actor *actor,
                                 const char *path, const sc_import_options *opts,
                                 sc_report *report);

/**
 * As sc_xml_import_file(), for a document in memory.
 * @param[out] out  as sc_xml_import_file().
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param data  the document.
 * @param len  the length of @p data in bytes.
 * @param name  a name for messages ("<memory>" when NULL).
 * @param opts  the options, or NULL for the defaults.
 * @param report  as sc_xml_import_file().
 * @since 0.1
 */
SC_EXTERN int sc_xml_import_memory(sc_import_result *out, sc_db *db, const sc_actor *actor,
                                   const char *data, size_t len, const char *name,
                                   const sc_import_options *opts, sc_report *report);

/**
 * Import the notice's catalog (京人社能发〔2022〕8号 附件1), built into the library,
 * through the same path as sc_xml_import_memory(). Importing it again changes
 * nothing and says so in @p out.
 * @param[out] out  what was done; may be NULL.
 * @param db          the registry.
 * @param actor     must be the city bureau.
 * @return as sc_xml_import_memory().
 * @since 0.1
 */
SC_EXTERN int sc_xml_import_notice(sc_import_result *out, sc_db *db, const sc_actor *actor);

/**
 * Export a document of type @p doctype from the registry to a file. The
 * output validates against the type's schema.
 * @param db          the registry.
 * @param doctype  ::SC_DOC_CATALOG: the whole catalog with its history (imported into
 *                 a registry holding part of it, e.g. the notice's, it merges: what
 *                 that registry holds alike is kept, the rest added; an occupation,
 *                 work type or withdrawal it holds otherwise is refused);
 *                 ::SC_DOC_ELIGIBILITY: every stored version of the eligibility rules
 *                 (its batch id derives from the content, so importing the export
 *                 into a registry that holds it is a no-op).
 * @param path     the file to write (replaced).
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EIO; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_xml_export_file(sc_db *db, int doctype, const char *path);

/**
 * Export to memory.
 * @param[out] out  NUL-terminated UTF-8 document; caller frees with sc_free().
 * @param[out] len  its length without the NUL; may be NULL.
 * @param db          the registry.
 * @param doctype     an ::sc_doctype.
 * @return as sc_xml_export_file().
 * @since 0.1
 */
SC_EXTERN int sc_xml_export_memory(char **out, size_t *len, sc_db *db, int doctype);

/**
 * What to export, for document types about one organization, one day or one
 * announcement, session or inspection. Version 1 ends with `batch`: a
 * version-1 structure is read without `id` (which is then 0).
 */
typedef struct sc_export_options {
    unsigned int version;    /**< SC_EXPORT_OPTIONS_VERSION (or 1); always first */
    const char *credit_code; /**< the organization: required by ::SC_DOC_CERTIFICATE_BATCH,
                                  ::SC_DOC_CERTIFICATE_ACK, ::SC_DOC_REVOCATIONS,
                                  ::SC_DOC_ORG_APPLICATION, ::SC_DOC_RECOMMENDATION and
                                  ::SC_DOC_EVALUATION_RESULT; for
                                  the types about an @ref id, NULL or that one's
                                  organization */
    const char *date;        /**< the document's day ("YYYY-MM-DD"), NULL for today: the
                                  batch's sent day (certificates issued by then), the
                                  answer's day (outcomes by then), the revocations' day */
    const char *batch;       /**< the batch id to give, or NULL: derived from the content,
                                  so exporting the same state twice gives the same id */
    int64_t id;              /**< (version 2) the announcement, session or inspection the
                                  document is about; 0 = none. Required by
                                  ::SC_DOC_CANDIDATE_BATCH and ::SC_DOC_CONFIRMATION (the
                                  announcement), ::SC_DOC_RESULTS_REPORT (the session) and
                                  ::SC_DOC_FINDINGS (the inspection) */
} sc_export_options;

#define SC_EXPORT_OPTIONS_VERSION 2
#define SC_EXPORT_OPTIONS_INIT { SC_EXPORT_OPTIONS_VERSION, NULL, NULL, NULL, 0 }

/**
 * Fill @p opts with the defaults of structure version @p version (1 or 2; only
 * the fields of that version are written).
 * @param[out] opts  the options to fill (the caller's storage).
 * @param version  the structure version (its SC_*_VERSION).
 * @return ::SC_OK, ::SC_EINVAL (NULL or unknown version).
 * @since 0.1
 */
SC_EXTERN int sc_export_options_init(sc_export_options *opts, unsigned int version);

/**
 * Export a document with options (see ::sc_export_options); the output validates
 * against the type's schema. Types without options export as sc_xml_export_memory().
 *  - ::SC_DOC_CERTIFICATE_BATCH: the organization's certificates issued by the day and
 *    not revoked (issued or published), by number;
 *  - ::SC_DOC_CERTIFICATE_ACK: its published certificates ("published", with the day),
 *    and those revoked without being published ("refused", with the day and reason);
 *  - ::SC_DOC_REVOCATIONS: its revoked certificates with day and reason;
 *  - ::SC_DOC_ORG_APPLICATION: the organization with its latest application (initial
 *    or 增项) made by the day, and the requested offerings;
 *  - ::SC_DOC_RECOMMENDATION: the organization with its latest application its district
 *    decided on by the day: recommended, or refused with the reason;
 *  - ::SC_DOC_EVALUATION_RESULT: its latest application the city evaluated or rejected
 *    by the day, with the steps reached by then (evaluated with methods and granted
 *    scope, noticed, filed with receipt, validity and commitment, or rejected);
 *  - ::SC_DOC_DIRECTORY: every filing in force on the day (credit_code is not used),
 *    by organization, with receipt, validity and granted scope.
 *  - ::SC_DOC_CANDIDATE_BATCH, ::SC_DOC_CONFIRMATION: as
 *    sc_application_batch_export_memory() and sc_application_confirmation_export_memory()
 *    (every answer) for the announcement @ref sc_export_options.id; the batch id is
 *    @ref sc_export_options.batch or "candidate-batch-ID-DAY" / "confirmation-ID-DAY";
 *  - ::SC_DOC_RESULTS_REPORT: the recorded results of the confirmed session @p opts->id,
 *    by ID number, with the session, its venue and each component's score; the report's
 *    day is @ref sc_export_options.date (results recorded by then);
 *  - ::SC_DOC_FINDINGS: the inspection @p opts->id with its findings (withdrawn ones
 *    too, with their withdrawal) as of the day.
 * The filing documents are imported into another registry (xml_org.c): the
 * application by the organization's district bureau (organization_application.import),
 * the recommendation by the city centre, the result by the district or the
 * organization, the directory by any district or organization; exporting again from
 * the importing registry gives the same document.
 * @param[out] out  NUL-terminated UTF-8 document; caller frees with sc_free().
 * @param[out] len  its length without the NUL; may be NULL.
 * @param db          the registry.
 * @param doctype     an ::sc_doctype.
 * @param opts        the options (see ::sc_export_options), or NULL.
 * @return ::SC_OK; ::SC_EINVAL (no organization or id named, malformed code or date,
 *         unknown options version); ::SC_ENOTFOUND (the organization or no application
 *         of the kind asked by the day; announcement, session, inspection);
 *         ::SC_ECONSTRAINT (the session is not confirmed, or of another organization than
 *         @ref sc_export_options.credit_code); ::SC_EDB; ::SC_ENOMEM.
 * Thread-safety: one thread per @p db.
 * @since 0.1
 */
SC_EXTERN int sc_xml_exchange_export_memory(char **out, size_t *len, sc_db *db, int doctype,
                                        const sc_export_options *opts);

/**
 * As sc_xml_exchange_export_memory(), to a file (replaced).
 * @param db  the registry.
 * @param doctype  an ::sc_doctype.
 * @param path  the file to write (replaced).
 * @param opts  the options, or NULL for the defaults.
 * @return as sc_xml_exchange_export_memory(); ::SC_EIO.
 * @since 0.1
 */
SC_EXTERN int sc_xml_exchange_export_file(sc_db *db, int doctype, const char *path,
                                      const sc_export_options *opts);

SC_END_DECL

#endif /* SKILLCERT_XML_H */
