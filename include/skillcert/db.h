/**
 * @file skillcert/db.h
 * @brief The registry: a SQLite store holding the catalog and everything built on it.
 *
 * A registry is opened on a file or in memory. Opening creates the schema
 * when the file is new and migrates an older schema forward, each migration
 * numbered and recorded in `PRAGMA user_version`. A file written by a newer
 * library, or a SQLite file that is not a registry, is refused.
 *
 * One ::sc_db may be used by one thread at a time. Separate handles on one
 * file may be used from separate threads or processes; SQLite serialises
 * writers, waiting up to the busy timeout.
 */
#ifndef SKILLCERT_DB_H
#define SKILLCERT_DB_H

#include "common.h"

SC_BEGIN_DECL

/** An open registry. Opaque. */
typedef struct sc_db sc_db;

/** Open read-only; no migration is attempted. */
#define SC_DB_READONLY 0x1u
/** Create the file when it does not exist. */
#define SC_DB_CREATE   0x2u

/** Options for sc_db_open(). Initialise with SC_DB_OPTIONS_INIT or sc_db_options_init(). */
typedef struct sc_db_options {
    unsigned int version;     /**< SC_DB_OPTIONS_VERSION; always first */
    int busy_timeout_ms;      /**< how long to wait for a lock held by another connection */
    unsigned int flags;       /**< SC_DB_READONLY | SC_DB_CREATE */
} sc_db_options;

#define SC_DB_OPTIONS_VERSION 1
#define SC_DB_OPTIONS_INIT { SC_DB_OPTIONS_VERSION, 5000, SC_DB_CREATE }

/**
 * Fill @p opts with the defaults of structure version @p version.
 * @param[out] opts  the options to fill.
 * @param version    SC_DB_OPTIONS_VERSION.
 * @return ::SC_OK, or ::SC_EINVAL (NULL, or a version this library does not know).
 * @since 0.1
 */
SC_EXTERN int sc_db_options_init(sc_db_options *opts, unsigned int version);

/**
 * Open (and if needed create and migrate) a registry.
 *
 * Files use WAL journaling and the busy timeout of @p opts; foreign keys are
 * always enforced.
 *
 * @param[out] out  the registry; NULL on failure. Caller closes with sc_db_close().
 * @param path      a file path, or ":memory:" (or NULL) for a private in-memory registry.
 * @param opts      options, or NULL for the defaults.
 * @return ::SC_OK; ::SC_EINVAL (bad arguments or options version);
 *         ::SC_ENOTREGISTRY (a SQLite or other file that is not a registry);
 *         ::SC_EVERSION (written by a newer version); ::SC_EDB (SQLite failed,
 *         e.g. the file cannot be created); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_db_open(sc_db **out, const char *path, const sc_db_options *opts);

/**
 * Close a registry. Objects that still hold it (iterators, occupations) keep
 * it alive; the connection closes when the last of them is freed.
 * @param db  the registry; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_db_close(sc_db *db);

/**
 * The schema version of the open registry (its `PRAGMA user_version`).
 * @param db  the registry.
 * @return the version, or a negative status when @p db is NULL.
 * @since 0.1
 */
SC_EXTERN int sc_db_schema_version(const sc_db *db);

/**
 * The newest schema version this library writes.
 * @since 0.1
 */
SC_EXTERN int sc_db_schema_version_supported(void);

/**
 * The path the registry was opened with.
 * @param db  the registry.
 * @return borrowed; valid until the registry is closed. ":memory:" for memory.
 * @since 0.1
 */
SC_EXTERN const char *sc_db_path(const sc_db *db);

/**
 * Copy the registry into a new file, online: other connections and processes
 * go on reading and writing while it runs, and the copy is the registry as
 * one committed state (SQLite's backup API reading one snapshot). The copy is
 * written beside @p path, synced, then renamed to @p path, so @p path is
 * either absent or a whole copy. Restore by copying it over the registry
 * while nothing has the registry open (and removing the registry's -wal and
 * -shm files), or simply by opening the copy.
 *
 * @param db    the registry (a read-only open works).
 * @param path  the file to create; it must not exist.
 * @return ::SC_OK; ::SC_EINVAL (NULL, or an in-memory destination);
 *         ::SC_EEXISTS (@p path exists); ::SC_EBUSY (locked for longer than
 *         the busy timeout); ::SC_EDB or ::SC_EIO (the copy could not be
 *         written: the message names the cause, e.g. a full disk);
 *         ::SC_ENOMEM. On failure @p path is not created.
 * Thread-safety: one thread per @p db.
 * @since 0.1
 */
SC_EXTERN int sc_db_backup(const sc_db *db, const char *path);

/** What sc_db_check() found. A plain value owned by the caller. */
typedef struct sc_db_check_result {
    unsigned int version;  /**< SC_DB_CHECK_RESULT_VERSION, first: set by the caller through
                                 SC_DB_CHECK_RESULT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int ok;                        /**< 1 when both checks found nothing */
    int64_t integrity_problems;    /**< lines of PRAGMA integrity_check other than "ok" */
    int64_t foreign_key_problems;  /**< rows of PRAGMA foreign_key_check */
    int schema_version;            /**< the registry's schema version */
    char message[512];             /**< the first problem, "" when ok */
} sc_db_check_result;

/** The version of ::sc_db_check_result this library fills (its `version` member). */
#define SC_DB_CHECK_RESULT_VERSION 1u
/** An ::sc_db_check_result ready to hand to a filler: its version set, the rest zero. */
#define SC_DB_CHECK_RESULT_INIT { .version = SC_DB_CHECK_RESULT_VERSION }

/**
 * Check the registry file: SQLite's integrity check (every page, index and
 * constraint) and the foreign key check. The audit chain is checked by
 * sc_audit_verify(); `skillcert check` runs all three.
 *
 * @param[out] out  the result (ok, or counts and the first problem).
 * @param db        the registry (a read-only open works).
 * @return ::SC_OK when @p out holds the answer (whatever it is); ::SC_EINVAL
 *         (NULL); ::SC_EDB when the checks could not run (the message names
 *         the cause: corrupt, I/O error, full disk).
 * Thread-safety: one thread per @p db.
 * @since 0.1
 */
SC_EXTERN int sc_db_check(sc_db_check_result *out, sc_db *db);

SC_END_DECL

#endif /* SKILLCERT_DB_H */
