/*
 * The one door of the exchange: the table of every document type with its
 * handler (import, validation) and its export, and the public calls that
 * pick from it. It sits on top of the exchange layer: it calls the document
 * modules (xml_catalog.c ... xml_credit.c) and the engine (xml.c,
 * xml_export.c), and none of them calls it.
 */
#include "xml_int.h"
#include "pki_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const sc__doc_handler sc__doc_eligibility;                           /* xml_eligibility.c */
extern const sc__doc_handler sc__doc_certificate;                           /* xml_certificate.c */
extern const sc__doc_handler sc__doc_candidate_batch, sc__doc_confirmation; /* xml_application.c */
extern const sc__doc_handler sc__doc_certificate_batch, sc__doc_certificate_ack,
    sc__doc_revocations;                                                    /* xml_exchange.c */
extern const sc__doc_handler sc__doc_credit;                                /* xml_credit.c */
extern const sc__doc_handler sc__doc_results_report, sc__doc_findings;      /* xml_report.c */
extern const sc__doc_handler sc__doc_org_application, sc__doc_recommendation,
    sc__doc_evaluation_result, sc__doc_directory;                           /* xml_org.c */

/* An export into a buffer; opts may be NULL where the type needs none. */
typedef int (*export_fn)(sc__buf *out, sc_db *db, int doctype, const sc_export_options *opts);

static int export_catalog(sc__buf *out, sc_db *db, int doctype, const sc_export_options *opts)
{
    (void)doctype;
    (void)opts;
    return sc__xml_export_catalog(out, db);
}

static int export_eligibility(sc__buf *out, sc_db *db, int doctype,
                              const sc_export_options *opts)
{
    (void)doctype;
    (void)opts;
    return sc__xml_export_eligibility(out, db);
}

/* xml_report.c exports into memory of its own. */
static int export_report(sc__buf *out, sc_db *db, int doctype, const sc_export_options *opts)
{
    char *data = NULL;
    size_t len = 0;
    int rc = sc__xml_export_report(&data, &len, db, doctype, opts);
    if (rc == SC_OK && sc__buf_append(out, data, len) != SC_OK)
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting");
    sc_free(data);
    return rc;
}

typedef struct {
    const sc__doc_handler *handler;
    export_fn export;  /* NULL: not exported here (a certificate: sc_certificate_export_*;
                          the credit evaluation: sc_credit_export_*) */
    int plain;         /* exported by sc_xml_export_memory, without options */
} doc_entry;

static const doc_entry docs[] = {
    { &sc__doc_catalog, export_catalog, 1 },
    { &sc__doc_eligibility, export_eligibility, 1 },
    { &sc__doc_certificate, NULL, 0 },
    { &sc__doc_candidate_batch, export_report, 0 },
    { &sc__doc_confirmation, export_report, 0 },
    { &sc__doc_certificate_batch, sc__xml_export_exchange, 1 },
    { &sc__doc_certificate_ack, sc__xml_export_exchange, 1 },
    { &sc__doc_revocations, sc__xml_export_exchange, 1 },
    { &sc__doc_credit, NULL, 0 },
    { &sc__doc_results_report, export_report, 0 },
    { &sc__doc_findings, export_report, 0 },
    { &sc__doc_org_application, sc__xml_export_org, 0 },
    { &sc__doc_recommendation, sc__xml_export_org, 0 },
    { &sc__doc_evaluation_result, sc__xml_export_org, 0 },
    { &sc__doc_directory, sc__xml_export_org, 0 },
};
#define NDOCS (sizeof docs / sizeof docs[0])

/* The handlers alone, in the same order, for the engine. */
static const sc__doc_handler *const handlers[NDOCS] = {
    &sc__doc_catalog, &sc__doc_eligibility, &sc__doc_certificate, &sc__doc_candidate_batch,
    &sc__doc_confirmation, &sc__doc_certificate_batch, &sc__doc_certificate_ack,
    &sc__doc_revocations, &sc__doc_credit, &sc__doc_results_report, &sc__doc_findings,
    &sc__doc_org_application, &sc__doc_recommendation, &sc__doc_evaluation_result,
    &sc__doc_directory
};

static const doc_entry *entry_for(int doctype)
{
    size_t i;
    for (i = 0; i < NDOCS; i++)
        if (docs[i].handler->doctype == doctype)
            return &docs[i];
    return NULL;
}

/* ---- document types ---------------------------------------------------------------------- */

const char *sc_doctype_name(int doctype)
{
    const doc_entry *e = entry_for(doctype);
    return e ? e->handler->root : NULL;
}

int sc_doctype_from_name(const char *name)
{
    size_t i;
    if (!name)
        return SC_DOC_UNKNOWN;
    for (i = 0; i < NDOCS; i++)
        if (!strcmp(docs[i].handler->root, name))
            return docs[i].handler->doctype;
    return SC_DOC_UNKNOWN;
}

const char *sc_doctype_namespace(int doctype)
{
    const doc_entry *e = entry_for(doctype);
    return e ? e->handler->ns : NULL;
}

const char *sc_doctype_schema(int doctype)
{
    const doc_entry *e = entry_for(doctype);
    return e ? e->handler->schema : NULL;
}

int sc_doctype_signature_scheme(int doctype)
{
    if (!entry_for(doctype))
        return SC_SIGNATURE_SCHEME_NONE;
    return sc__xml_detached_scheme(doctype) ? SC_SIGNATURE_SCHEME_DETACHED
                                            : SC_SIGNATURE_SCHEME_ENVELOPED;
}

/* ---- import and validation ------------------------------------------------------------------ */

/* The notice's catalog (附件1) in a registry of its own, in memory: what `skillcert
 * validate` checks occupations and levels against, with no registry of the caller's. */
static sc_db *open_notice(void)
{
    sc_db *db = NULL;
    sc_actor *bureau = NULL;
    if (sc_db_open(&db, ":memory:", NULL) != SC_OK ||
        sc_actor_new(&bureau, SC_ACTOR_CITY_BUREAU, NULL, NULL) != SC_OK ||
        sc_catalog_load_notice(db, bureau) != SC_OK) {
        sc_db_close(db);
        db = NULL;
    }
    sc_actor_free(bureau);
    return db;
}

int sc_xml_validate_file(int *doctype, sc_report *report, const char *path,
                         const sc_import_options *opts)
{
    if (!path)
        return sc__error_null("sc_xml_validate_file", "path");
    return sc__xml_validate_checked(handlers, NDOCS, doctype, report, path, NULL, 0, NULL, opts,
                                    open_notice);
}

int sc_xml_validate_memory(int *doctype, sc_report *report, const char *data, size_t len,
                           const char *name, const sc_import_options *opts)
{
    if (!data)
        return sc__error_null("sc_xml_validate_memory", "data");
    if (len > INT32_MAX)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "document larger than 2 GiB in memory");
    return sc__xml_validate_checked(handlers, NDOCS, doctype, report, NULL, data, len, name,
                                    opts, open_notice);
}

int sc_xml_import_file(sc_import_result *out, sc_db *db, const sc_actor *actor,
                       const char *path, const sc_import_options *opts, sc_report *report)
{
    if (out)
        SC__VERSION_CHECK(out, "sc_import_result", SC_IMPORT_RESULT_VERSION);
    if (!path)
        return sc__error_null("sc_xml_import_file", "path");
    /* An exchange document from outside: its signature is checked (issue 12). */
    return sc__xml_import(handlers, NDOCS, out, db, actor, path, NULL, 0, NULL, opts, report,
                          sc__xml_signature_open);
}

int sc_xml_import_memory(sc_import_result *out, sc_db *db, const sc_actor *actor,
                         const char *data, size_t len, const char *name,
                         const sc_import_options *opts, sc_report *report)
{
    if (out)
        SC__VERSION_CHECK(out, "sc_import_result", SC_IMPORT_RESULT_VERSION);
    if (!data)
        return sc__error_null("sc_xml_import_memory", "data");
    if (len > INT32_MAX)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "document larger than 2 GiB in memory");
    return sc__xml_import(handlers, NDOCS, out, db, actor, NULL, data, len, name, opts, report,
                          sc__xml_signature_open);
}

int sc_xml_import_memory_signed(sc_import_result *out, sc_db *db, const sc_actor *actor,
                                const char *data, size_t len, const char *sig_pem,
                                const char *name, const sc_import_options *opts,
                                sc_report *report)
{
    if (out)
        SC__VERSION_CHECK(out, "sc_import_result", SC_IMPORT_RESULT_VERSION);
    if (!data)
        return sc__error_null("sc_xml_import_memory_signed", "data");
    if (!sig_pem)
        return sc__error_null("sc_xml_import_memory_signed", "sig_pem");
    if (len > INT32_MAX)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "document larger than 2 GiB in memory");
    return sc__xml_import_detached(handlers, NDOCS, out, db, actor, data, len, sig_pem, name,
                                   opts, report, sc__xml_signature_open);
}

/* ---- export ------------------------------------------------------------------------------ */

/* The one export path: `plain` limits it to the types exported without options. */
static int export_memory(char **out, size_t *len, sc_db *db, int doctype,
                         const sc_export_options *opts, int plain, const char *func)
{
    const doc_entry *e;
    sc__buf b;
    int rc;
    if (!out)
        return sc__error_null(func, "out");
    *out = NULL;
    if (len)
        *len = 0;
    if ((rc = sc__db_check(db, func, 0)) != SC_OK ||
        (opts && (rc = sc__export_options_check(opts)) != SC_OK))
        return rc;
    /* A day given must be a day, whatever the type does with it. */
    if (opts && opts->date && !sc__date_valid(opts->date))
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "export date '%s' is not a date (YYYY-MM-DD)", opts->date);
    e = entry_for(doctype);
    if (!e || !e->export || (plain && !e->plain))
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "document type %d cannot be exported",
                             doctype);
    sc__buf_init(&b);
    if ((rc = e->export(&b, db, doctype, opts)) != SC_OK) {
        sc__buf_free(&b);
        return rc;
    }
    if (b.failed) {
        sc__buf_free(&b);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting");
    }
    if (!b.data && sc__buf_puts(&b, "") != SC_OK) {
        sc__buf_free(&b);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting");
    }
    *out = b.data;
    if (len)
        *len = b.len;
    return SC_OK;
}

int sc_xml_export_memory(char **out, size_t *len, sc_db *db, int doctype)
{
    return export_memory(out, len, db, doctype, NULL, 1, "sc_xml_export_memory");
}

int sc_xml_export_file(sc_db *db, int doctype, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    int rc;
    if (!path)
        return sc__error_null("sc_xml_export_file", "path");
    if ((rc = sc_xml_export_memory(&data, &len, db, doctype)) != SC_OK)
        return rc;
    return sc__xml_write_file(path, data, len);
}

int sc_xml_exchange_export_memory(char **out, size_t *len, sc_db *db, int doctype,
                                  const sc_export_options *opts)
{
    return export_memory(out, len, db, doctype, opts, 0, "sc_xml_exchange_export_memory");
}

int sc_xml_exchange_export_file(sc_db *db, int doctype, const char *path,
                                const sc_export_options *opts)
{
    char *data = NULL;
    size_t len = 0;
    int rc;
    if (!path)
        return sc__error_null("sc_xml_exchange_export_file", "path");
    if ((rc = sc_xml_exchange_export_memory(&data, &len, db, doctype, opts)) != SC_OK)
        return rc;
    return sc__xml_write_file(path, data, len);
}
