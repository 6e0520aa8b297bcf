/*
 * The streaming XML core shared by every document type: a libxml2 text
 * reader with schema validation, hostile-input limits, error collection with
 * line, column and field path, and a per-type handler called on elements.
 */
#ifndef SC_XML_INT_H
#define SC_XML_INT_H

#include <libxml/xmlreader.h>
#include "store_int.h"

#define SC__XML_MAX_STACK 64

typedef struct sc__xml_ctx sc__xml_ctx;

/* A document type: its schema and what to do with its elements. */
typedef struct sc__doc_handler {
    int doctype;
    const char *root;         /* local name of the root element */
    const char *ns;           /* namespace URI */
    const char *schema;       /* XSD text */
    size_t schema_len;
    /* Which actor kind may import it; 0: checked by the handler itself. */
    int importer_kind;
    /* Per-import state. */
    size_t state_size;
    /* Element start (attributes readable with sc__xml_attr). Return SC_OK, or an
     * error already reported with sc__xml_fail (the import goes on validating).
     * The root's start runs before its batch id is looked up, so an actor check
     * there (sc__xml_authorize) comes before "already imported". */
    int (*start)(sc__xml_ctx *ctx, void *state, const char *local, int depth);
    /* Element end (also called for empty elements). */
    int (*end)(sc__xml_ctx *ctx, void *state, const char *local, int depth);
    /* After the whole document was read without error (may add checks). */
    int (*finish)(sc__xml_ctx *ctx, void *state);
    /* Free anything the state holds. */
    void (*cleanup)(void *state);
} sc__doc_handler;

struct sc__pipe;

/* Verifies an enveloped-signed exchange document against the registry and opens it:
 * the signer must be `issuer`; on success the signer's fingerprint[65], the signing
 * time signed_at[21] and the document with its signatures set aside (*content,
 * sc_free). The engine does not call the signature layer itself: the dispatcher
 * passes xml_sign.c's sc__xml_signature_open (issue 12), so the engine stays below
 * the documents and the dispatcher. */
/* Issue 12: 1 when a document type is signed by a detached CMS over its file's
 * exact bytes (FILE.p7s, the large batches), 0 when by an enveloped XML Signature.
 * The one table of schemes (sc_doctype_signature_scheme(), the schemas' annotations). */
int sc__xml_detached_scheme(int doctype);

typedef int (*sc__xml_open_signed_fn)(sc_db *db, const char *data, size_t len,
                                      const char *issuer, char *fingerprint, char *signed_at,
                                      char **content, size_t *content_len);

struct sc__xml_ctx {
    /* Two of these work on one document: the reader thread's (producer: parses,
     * validates and checks limits, emitting events) and the caller's (replays
     * the events: business rules, the registry, the report, the last error). */
    int producer;
    struct sc__pipe *pipe;
    int ev_line, ev_col;      /* replaying: position of the event */
    char stack_names[SC__XML_MAX_STACK][64];
    const char **attr_names;  /* replaying: the current element's attribute names */
    xmlTextReaderPtr reader;  /* only while detecting the document type */
    xmlParserCtxtPtr parser;  /* the SAX2 push parser */
    void *state;              /* the handler's per-import state */
    int handler_ok;           /* the handler is still applying changes */
    int already;              /* the batch was imported before */
    int db_rc;                /* a store failure outside the handler */
    uint64_t bytes;           /* input consumed */
    size_t text_len;          /* length of the current text run */
    const char *source;
    sc_report *report;
    sc_import_options opts;
    sc_db *db;                /* NULL when only validating */
    const sc_actor *actor;    /* the importing actor: the receiver */
    sc_actor *issuer;         /* the root's issuer (sc__xml_issuer), NULL before */
    char declared[80];        /* the root's issuer attribute as read by detect() */
    char signer[80];          /* the proven signer's party; "" unsigned (no anchor) */
    char signer_fp[65];       /* its certificate's SHA-256 fingerprint; "" unsigned */
    char *content;            /* the verified document, signatures set aside (owned) */
    const char *detached_sig; /* a detached signature given with a document in memory */
    int detached;             /* a detached signature was verified: digest holds its */
    unsigned char digest[32]; /* signed SHA-256, compared with the bytes the import read */
    const sc__doc_handler *handler;
    sc__xml_open_signed_fn open_signed; /* NULL: the library's own data, nothing to prove */
    const sc__doc_handler *const *docs; /* the types this import may find */
    size_t ndocs;
    unsigned errors;          /* errors seen (reported or not) */
    int first_code;           /* status of the first error */
    int fatal_code;           /* a hostile-input refusal: overrides first_code */
    int stopped;              /* too many errors, or fatal */
    uint64_t records;
    uint64_t total_bytes;
    /* element stack for field paths */
    int depth;
    const xmlChar *names[SC__XML_MAX_STACK];
    unsigned index[SC__XML_MAX_STACK];
    /* attributes of the element being started (SAX2 5-tuples) */
    const xmlChar **attrs;
    int nattrs;
    char *arena;              /* NUL-terminated copies of their values */
    size_t arena_cap;
    const char **values;      /* values[i]: attribute i in the arena */
    int values_cap;
    char batch_id[128];
    /* The last error reported (replaying): one message per problem, so a second error
     * on the same field at the same place (libxml2's after the handler's) is dropped. */
    int last_line, last_col;
    char last_field[512];
    /* Validating: the notice's catalog (附件1) for the registry-free checks, opened on
     * first need by open_ref (the dispatcher's) and closed by the engine. */
    sc_db *(*open_ref)(void);
    sc_db *ref;
    int ref_failed;
};

/* Attribute of the current element, or NULL when absent. Valid until the
 * callback returns. */
const char *sc__xml_attr(sc__xml_ctx *ctx, const char *name);
/* Record an error at the current position (field may be an attribute name,
 * appended to the element path as "/@name"; NULL for the element). Returns code. */
int sc__xml_fail(sc__xml_ctx *ctx, int code, const char *field, const char *fmt, ...)
    SC__PRINTF(4, 5);
/* Record the current library error (sc_error_last) at the current position. */
int sc__xml_fail_last(sc__xml_ctx *ctx, const char *field);
/* Establish the document's issuer: the party named by the root's `issuer` attribute,
 * whose acts the document records (city-bureau, city-centre, district:NNNNNN,
 * org:CODE). This is THE place where the issuer is established. When the registry
 * has a trust anchor (issue 12), the import verified the document's signature before
 * reading it (the enveloped XML Signature, or FILE.p7s for the large batches; see
 * docs/signatures.md) and the issuer named here must be its signer, else refused.
 * Without an anchor only a development registry imports (sc_pki_development_set;
 * prove() in xml.c refuses otherwise) and the issuer is declared (parsed and
 * checked against the document type's issuer role only). *out is borrowed from ctx
 * (valid for the import). Returns SC_OK, or a failure already reported at the root. */
int sc__xml_issuer(sc__xml_ctx *ctx, const sc_actor **out);
/* Check the action table for the document's ISSUER (not the importing actor) doing
 * `action` on `subject` (a credit code, or NULL): an import replays the issuer's acts,
 * so it never achieves what the issuer may not do directly. A refusal becomes the
 * import's result (SC_EDENIED, auth domain) and stops reading; another failure
 * (unknown organization ...) is recorded at the current position with `field`.
 * Returns SC_OK or the status. */
int sc__xml_authorize(sc__xml_ctx *ctx, int action, const char *subject, const char *field);
/* Check the action table for the importing actor (the receiver) on `subject`: may it
 * receive this document type for that organization (its jurisdiction)? Refusals as
 * sc__xml_authorize. The receiver being the addressee is checked by the core. */
int sc__xml_receive(sc__xml_ctx *ctx, int action, const char *subject, const char *field);
/* Count one applied record (drives the progress callback). Returns non-zero
 * when the caller's progress callback asked to cancel. */
int sc__xml_record(sc__xml_ctx *ctx);
/* Count one record as sc__xml_record; SC_OK, or the failure "cancelled by the
   progress callback" reported at the current position. */
int sc__xml_count(sc__xml_ctx *ctx);
/* A store failure (SQLite status rc while doing `what`) reported at the current
   position; returns its status. */
int sc__xml_db_fail(sc__xml_ctx *ctx, int rc, const char *what);
/* Run a cached statement that returns no row; a failure is reported at the
   current position. */
int sc__xml_exec(sc__xml_ctx *ctx, sqlite3_stmt *st, const char *what);

/* Registered document types (xml_catalog.c and later modules). */
extern const sc__doc_handler sc__doc_catalog;

/* The catalog stored (xml_catalog.c). */
int sc__xml_export_catalog(sc__buf *out, sc_db *db);
/* Export a certificate batch, acknowledgement or revocations (xml_exchange.c). */
int sc__xml_export_exchange(sc__buf *out, sc_db *db, int doctype, const sc_export_options *opts);
/* Documents the registry publishes and no one imports (xml_exchange.c): the root's refusal
 * of an import, for `why`; and an exported document written to `path` (data freed). */
int sc__xml_refuse_published(sc__xml_ctx *ctx, int depth, const char *why);
int sc__xml_write_file(const char *path, char *data, size_t len);
/* The eligibility rules stored (xml_eligibility.c). */
int sc__xml_export_eligibility(sc__buf *out, sc_db *db);
/* ---- xml_export.c (engine floor) ---- */
/* A batch id part derived from a document body (24 hex digits of its SHA-256):
   exporting the same content twice gives the same id, so re-importing is a no-op. */
#define SC__CONTENT_ID_SIZE 25
int sc__xml_content_id(char hex[SC__CONTENT_ID_SIZE], const sc__buf *body);
/* The same over several pieces, hashed in order (a NULL or empty one adds nothing). */
typedef struct {
    const char *data;
    size_t len;
} sc__xml_part;
int sc__xml_content_hex(char hex[SC__CONTENT_ID_SIZE], const sc__xml_part *parts, size_t n);
/* The batch id of an exported document: `given` when the caller gave one, else
 * "ROOT-<content id of the parts>". The one place every export derives it. */
#define SC__BATCH_ID_SIZE 128
int sc__xml_batch_id(char batch[SC__BATCH_ID_SIZE], const char *root, const char *given,
                     const sc__xml_part *parts, size_t n);
/* Write the exported document: the XML declaration, <root xmlns=ns version="1"
   batch="root-<content id>" issuer=...>, the body, the end tag. Frees body. For the
   public documents of the city bureau (catalog, eligibility rules). */
int sc__xml_envelope(sc__buf *out, int doctype, const char *root, const char *ns,
                     sc__buf *body);

/* ---- parties: who issues a document type, who receives it ----
 * One table (xml.c) of document type -> issuer role / addressee role, used by every
 * export to write the root's issuer and addressee, and by every import to check them.
 * Roles relative to the organization the document is about. */
enum {
    SC__PARTY_NONE = 0,        /* addressee: none, the document is public */
    SC__PARTY_CITY_BUREAU,     /* city-bureau */
    SC__PARTY_CITY_CENTRE,     /* city-centre */
    SC__PARTY_CITY,            /* the city: city-centre (when exported) or city-bureau */
    SC__PARTY_DISTRICT,        /* district:NNNNNN, the organization's district */
    SC__PARTY_ORG,             /* org:CODE, the organization */
    SC__PARTY_INSPECTOR        /* city-centre or the organization's district (by data) */
};
typedef struct sc__doc_parties {
    int doctype;
    const char *root;
    int issuer;     /* SC__PARTY_* */
    int addressee;  /* SC__PARTY_*; SC__PARTY_NONE: public */
} sc__doc_parties;
/* The parties of a document type (NULL for an unknown type). */
const sc__doc_parties *sc__xml_parties(int doctype);
/* Append ` issuer="..."[ addressee="..."]` for a document of `doctype` about the
 * organization `code` registered in `district` (NULL when the roles need neither).
 * issuer: the issuer's party text when the role depends on the data
 * (SC__PARTY_INSPECTOR: "city-centre" or "district:NNNNNN"), else NULL. */
void sc__xml_put_parties(sc__buf *b, int doctype, const char *code, const char *district,
                         const char *issuer);

/* Version check of export options (SC_OK or SC_EINVAL, error set), and their id
 * (0 for a version-1 structure, which has none). */
int sc__export_options_check(const sc_export_options *opts);
int64_t sc__export_options_id(const sc_export_options *opts);

/* Document types exported by xml_report.c through sc_xml_exchange_export_memory: the
 * candidate batch and confirmation of an announcement, the results report of a session
 * and the findings of an inspection (issues #6, #7). */
int sc__xml_report_type(int doctype);
/* Export one of them (opts->id names what); *out is the caller's (sc_free). */
int sc__xml_export_report(char **out, size_t *len, sc_db *db, int doctype,
                          const sc_export_options *opts);

/* The filing workflow documents (xml_org.c): 1 for their types; export into out. */
int sc__xml_org_is_doc(int doctype);
int sc__xml_export_org(sc__buf *out, sc_db *db, int doctype, const sc_export_options *opts);

/* ---- the engine's entries (xml.c) ---- */
/* Validate a document (from path, or data/len) of one of the `ndocs` types of
 * `docs`: *doctype is the type found. */
int sc__xml_validate(const sc__doc_handler *const *docs, size_t ndocs, int *doctype,
                     sc_report *report, const char *path, const char *data, size_t len,
                     const char *name, const sc_import_options *opts);
/* The same, with every check that needs no registry (skillcert validate): ID numbers,
 * credit codes, certificate numbers, calendar days, and occupations and levels against
 * the notice's catalog, which open_ref opens (an in-memory registry; NULL: skipped). */
int sc__xml_validate_checked(const sc__doc_handler *const *docs, size_t ndocs, int *doctype,
                             sc_report *report, const char *path, const char *data,
                             size_t len, const char *name, const sc_import_options *opts,
                             sc_db *(*open_ref)(void));
/* Import a document of one of the `ndocs` types of `docs`, checking the actor.
 * open_signed NULL: the library's own data (the notice's catalog and the default
 * rules, which pass their own type), no signature; otherwise an exchange document
 * from outside whose signature is checked with it where the registry has a trust
 * anchor (issue 12: the dispatcher passes every type, xml_dispatch.c). */
/* As sc__xml_import from memory, with the detached signature (CMS, PEM) of a batch
 * of the detached scheme (issue 12: sc_xml_import_memory_signed). */
int sc__xml_import_detached(const sc__doc_handler *const *docs, size_t ndocs,
                            sc_import_result *out, sc_db *db, const sc_actor *actor,
                            const char *data, size_t len, const char *sig_pem, const char *name,
                            const sc_import_options *opts, sc_report *report,
                            sc__xml_open_signed_fn open_signed);
int sc__xml_import(const sc__doc_handler *const *docs, size_t ndocs, sc_import_result *out,
                   sc_db *db, const sc_actor *actor, const char *path, const char *data,
                   size_t len, const char *name, const sc_import_options *opts,
                   sc_report *report, sc__xml_open_signed_fn open_signed);

#endif
