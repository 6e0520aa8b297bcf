/**
 * @file skillcert/errors.h
 * @brief Status codes, the per-thread last error, and diagnostic reports.
 *
 * Fallible functions return `int`: ::SC_OK (0) on success, a negative
 * ::sc_status on failure. The detail of the most recent failure on the
 * calling thread is kept until the next failing or clearing call and is
 * read with sc_error_last().
 */
#ifndef SKILLCERT_ERRORS_H
#define SKILLCERT_ERRORS_H

#include "common.h"

SC_BEGIN_DECL

/** Status codes. Values are stable: never renumbered. */
typedef enum {
    SC_OK = 0,
    SC_ERROR = -1,          /**< unexpected failure; see the message */
    SC_ENOMEM = -2,         /**< out of memory */
    SC_EINVAL = -3,         /**< an argument is malformed (NULL, bad code, bad date, bad UTF-8) */
    SC_ENOTFOUND = -4,      /**< the named entity does not exist */
    SC_EEXISTS = -5,        /**< the entity already exists */
    SC_ECONSTRAINT = -6,    /**< a domain rule forbids the change */
    SC_EXML = -7,           /**< the XML is not well-formed or is refused (DTD, limits) */
    SC_EINVALIDDOC = -8,    /**< the XML is well-formed but invalid (schema or business rules) */
    SC_EDB = -9,            /**< the SQLite store failed */
    SC_EDENIED = -10,       /**< the actor may not do this (role or jurisdiction) */
    SC_EVERSION = -11,      /**< the registry file is from a newer library version */
    SC_ENOTREGISTRY = -12,  /**< the file is not a skillcert registry */
    SC_EBUSY = -13,         /**< the registry is locked by another connection */
    SC_EIO = -14,           /**< a file could not be read or written */
    /** the organization is outside its filed scope or standing on that day (not filed, filing
     *  expired, suspended, exited, or the offering not granted): one code for every act that
     *  needs it (session, result, verification, certificate report, issue, post link). @since 0.1 */
    SC_ESCOPE = -15,
    SC_ITEROVER = -30       /**< an iterator has no more items (not an error) */
} sc_status;

/** Where an error comes from. */
typedef enum {
    SC_DOMAIN_NONE = 0,
    SC_DOMAIN_OS = 1,
    SC_DOMAIN_DB = 2,
    SC_DOMAIN_XML = 3,
    SC_DOMAIN_SCHEMA = 4,
    SC_DOMAIN_RULES = 5,
    SC_DOMAIN_AUTH = 6,
    SC_DOMAIN_ARGS = 7
} sc_error_domain;

/** Detail of a failure. All strings are UTF-8 and owned by the library. */
typedef struct sc_error {
    int code;               /**< an ::sc_status */
    int domain;             /**< an ::sc_error_domain */
    const char *message;    /**< never NULL ("" when there is no error) */
    const char *source;     /**< file name, "<memory>", the C function refusing a NULL
                                 argument, or "" (never part of the message) */
    int line, column;       /**< 1-based position in @ref source; 0 if unknown */
    const char *field;      /**< e.g. "catalog/occupation/\@code" or "level"; "" if none */
    int cause;              /**< SQLite extended code or libxml2 code; 0 if none */
} sc_error;

/**
 * The last error recorded on the calling thread.
 *
 * @return never NULL; code is ::SC_OK when nothing failed since the last clear.
 *         Borrowed: valid until the next sc_ call on this thread.
 * Thread-safe: each thread has its own.
 * @since 0.1
 */
SC_EXTERN const sc_error *sc_error_last(void);

/**
 * Forget the calling thread's last error.
 * @since 0.1
 */
SC_EXTERN void sc_error_clear(void);

/**
 * A short English description of a status code.
 * @param code  an ::sc_status (unknown values give "unknown status").
 * @return a static string. Thread-safe.
 * @since 0.1
 */
SC_EXTERN const char *sc_strerror(int code);

/** Severity of a diagnostic. */
typedef enum { SC_SEVERITY_WARNING = 1, SC_SEVERITY_ERROR = 2 } sc_severity;

/** A list of diagnostics collected while validating or importing a document. */
typedef struct sc_report sc_report;

/**
 * Create an empty report.
 * @param[out] out  the new report; NULL on failure. Caller frees with sc_report_free().
 * @return ::SC_OK, ::SC_EINVAL (out is NULL), ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_report_new(sc_report **out);

/**
 * Free a report.
 * @param r  the report; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_report_free(sc_report *r);

/**
 * Number of diagnostics held.
 * @param r  the report (NULL counts as empty).
 * @return the count. Thread-safe for concurrent readers.
 * @since 0.1
 */
SC_EXTERN size_t sc_report_count(const sc_report *r);

/**
 * Number of diagnostics of severity ::SC_SEVERITY_ERROR.
 * @param r  the report (NULL counts as empty).
 * @since 0.1
 */
SC_EXTERN size_t sc_report_error_count(const sc_report *r);

/**
 * One diagnostic of a report.
 * @param r  the report.
 * @param i  index, 0 <= i < sc_report_count(r).
 * @return the diagnostic, borrowed until @p r is freed or cleared; NULL if i is out of range.
 * @since 0.1
 */
SC_EXTERN const sc_error *sc_report_get(const sc_report *r, size_t i);

/**
 * Severity of diagnostic @p i (an ::sc_severity), or 0 when out of range.
 * @param r  the report.
 * @param i  the diagnostic, from 0.
 * @since 0.1
 */
SC_EXTERN int sc_report_severity(const sc_report *r, size_t i);

/**
 * Remove every diagnostic.
 * @param r  the report; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_report_clear(sc_report *r);

SC_END_DECL

#endif /* SKILLCERT_ERRORS_H */
