/**
 * @file skillcert/audit.h
 * @brief The tamper-evident audit trail.
 *
 * Every change the library makes appends one entry, in the same transaction
 * as the change: who (the actor), when (UTC time of the write), what entity,
 * which action (the name from the action table of authz.h) and what changed.
 * A refused or failed change appends nothing. An XML import appends one
 * entry per imported batch (batch id and record count).
 *
 * Entries are numbered 1, 2, 3 ... (seq) and hash-chained with SHA-256
 * (libsodium): each entry stores the hash of the entry before it (32 zero
 * bytes for the first) and its own hash,
 *
 *     hash = SHA-256(prev_hash || F(at) || F(actor) || F(entity) || F(entity_id)
 *                    || F(action) || F(detail))
 *
 * where F(s) is the 4-byte big-endian length of s followed by its bytes
 * (F(NULL) is the length 0xFFFFFFFF alone). The registry also keeps the
 * number and hash of the newest entry, so that removing the newest entries
 * is seen too. sc_audit_verify() walks the chain and names the first entry
 * that was edited, removed or reordered. The trail is evidence against
 * accidental or casual tampering; someone who can rewrite the whole file can
 * rewrite the whole chain.
 */
#ifndef SKILLCERT_AUDIT_H
#define SKILLCERT_AUDIT_H

#include "common.h"
#include "db.h"

SC_BEGIN_DECL

/** Size of ::sc_audit_entry.at, including the NUL. */
#define SC_AUDIT_TIME_SIZE 32
/** Size of ::sc_audit_entry.actor, including the NUL. */
#define SC_AUDIT_ACTOR_SIZE 400
/** Size of ::sc_audit_entry.entity and .action, including the NUL. */
#define SC_AUDIT_NAME_SIZE 64
/** Size of ::sc_audit_entry.entity_id, including the NUL. */
#define SC_AUDIT_ID_SIZE 160
/** Size of ::sc_audit_entry.detail, including the NUL; details are cut to fit when written. */
#define SC_AUDIT_DETAIL_SIZE 1024
/** Size of a hex-encoded SHA-256 hash, including the NUL. */
#define SC_AUDIT_HASH_SIZE 65
/** Size of ::sc_audit_result.message, including the NUL. */
#define SC_AUDIT_MESSAGE_SIZE 512

/** One entry of the trail. A plain value owned by the caller. */
typedef struct sc_audit_entry {
    unsigned int version;  /**< SC_AUDIT_ENTRY_VERSION, first: set by the caller through
                                 SC_AUDIT_ENTRY_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t seq;                              /**< 1, 2, 3 ... */
    char at[SC_AUDIT_TIME_SIZE];              /**< "2024-05-10T08:30:00Z" (UTC, never decreasing) */
    char actor[SC_AUDIT_ACTOR_SIZE];          /**< actor label, then its name in parentheses */
    char entity[SC_AUDIT_NAME_SIZE];          /**< "org", "staff", "rules", "occupation", "batch",
                                                   "candidate", "announcement", "application" */
    char entity_id[SC_AUDIT_ID_SIZE];         /**< credit code, occupation code, batch id ... */
    char action[SC_AUDIT_NAME_SIZE];          /**< action name, e.g. "org.recommend" */
    char detail[SC_AUDIT_DETAIL_SIZE];        /**< what changed, "key=value" words */
    char prev_hash[SC_AUDIT_HASH_SIZE];       /**< hex */
    char hash[SC_AUDIT_HASH_SIZE];            /**< hex */
} sc_audit_entry;

/** The version of ::sc_audit_entry this library fills (its `version` member). */
#define SC_AUDIT_ENTRY_VERSION 1u
/** An ::sc_audit_entry ready to hand to a filler: its version set, the rest zero. */
#define SC_AUDIT_ENTRY_INIT { .version = SC_AUDIT_ENTRY_VERSION }

/** What sc_audit_verify() found. Values are stable. */
typedef enum {
    SC_AUDIT_INTACT = 0,     /**< the chain is whole */
    SC_AUDIT_EDITED = 1,     /**< an entry's content differs from what was hashed */
    SC_AUDIT_REMOVED = 2,    /**< an entry is missing (a gap, or the newest entries) */
    SC_AUDIT_REORDERED = 3   /**< entries are out of order (links or times) */
} sc_audit_problem;

/** Result of sc_audit_verify(). A plain value owned by the caller. */
typedef struct sc_audit_result {
    unsigned int version;  /**< SC_AUDIT_RESULT_VERSION, first: set by the caller through
                                 SC_AUDIT_RESULT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int ok;                                  /**< 1 when intact */
    int64_t entries;                         /**< entries read */
    int64_t first_bad_seq;                   /**< the first bad entry (for REMOVED: the first
                                                  missing number); 0 when intact */
    int problem;                             /**< an ::sc_audit_problem */
    char message[SC_AUDIT_MESSAGE_SIZE];     /**< explanation, "" when intact */
} sc_audit_result;

/** The version of ::sc_audit_result this library fills (its `version` member). */
#define SC_AUDIT_RESULT_VERSION 1u
/** An ::sc_audit_result ready to hand to a filler: its version set, the rest zero. */
#define SC_AUDIT_RESULT_INIT { .version = SC_AUDIT_RESULT_VERSION }

/**
 * Check the whole trail.
 *
 * @param[out] out  the result: ok, or the first entry edited, removed or
 *                  reordered, with an explanation.
 * @param db        the registry.
 * @return ::SC_OK when @p out holds the answer (intact or not); ::SC_EINVAL
 *         (NULL); ::SC_EDB.
 * Ownership: @p out is the caller's. Thread-safety: one thread per @p db.
 * @since 0.1
 */
SC_EXTERN int sc_audit_verify(sc_audit_result *out, sc_db *db);

/**
 * English name of an ::sc_audit_problem: "intact", "edited", "removed",
 * "reordered"; "unknown" for other values.
 * @param problem  the value to name.
 * @return a static string. Thread-safe.
 * @since 0.1
 */
SC_EXTERN const char *sc_audit_problem_name(int problem);

/** Iterator over audit entries in seq order. Opaque. */
typedef struct sc_audit_iter sc_audit_iter;

/**
 * What sc_audit_iter_new() selects; NULL fields select everything. Versioned: set it up
 * with SC_AUDIT_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_audit_query {
    unsigned int version;  /**< SC_AUDIT_QUERY_VERSION; first */
    const char *entity;    /**< only entries of this entity ("org", "staff" ...), or NULL */
    const char *entity_id; /**< only entries of this id (a credit code ...), or NULL */
} sc_audit_query;

#define SC_AUDIT_QUERY_VERSION 1
#define SC_AUDIT_QUERY_INIT { SC_AUDIT_QUERY_VERSION, NULL, NULL }

/**
 * Iterate over the trail, optionally only the entries of one entity.
 * @param[out] out   the iterator; NULL on failure. Caller frees with sc_audit_iter_free().
 * @param db         the registry (kept alive by the iterator).
 * @param q   what to select, or NULL for the whole trail; @p q->version must be
 *            SC_AUDIT_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_audit_iter_new(sc_audit_iter **out, sc_db *db, const sc_audit_query *q);

/**
 * Next entry.
 * @param[out] out  filled with the entry (the caller's storage); values
 *                  longer than a field are cut at a character boundary.
 * @param it        the iterator.
 * @return ::SC_OK; ::SC_ITEROVER at the end; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_audit_iter_next(sc_audit_entry *out, sc_audit_iter *it);

/**
 * Free an audit iterator.
 * @param it  the iterator; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_audit_iter_free(sc_audit_iter *it);

SC_END_DECL

#endif /* SKILLCERT_AUDIT_H */
