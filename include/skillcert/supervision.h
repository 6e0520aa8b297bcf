/**
 * @file skillcert/supervision.h
 * @brief Quality supervision (质量督导, notice §三(二)5, §四, §五(三)): the
 *        organizations' internal supervision of their sessions, spot checks
 *        by the city centre and district bureaus, their findings, sanctions,
 *        the credit evaluation (信用评估) of organizations and period reports.
 *
 * Internal supervision (内部质量督导). An organization assigns its internal
 * quality supervisors (::SC_STAFF_SUPERVISOR, on staff that day) to its
 * sessions (sc_supervision_assign()); a person assigned to examine,
 * invigilate or sit on the panel of a session cannot supervise it. Each
 * supervision produces a record tied to the session (what was checked,
 * findings): sc_supervision_record().
 *
 * Spot checks (质量督导抽查). The city centre, or the bureau of the
 * organization's own district, opens an inspection (::sc_inspection_kind) of
 * an organization, one of its sessions, one of its venues or a batch of its
 * certificates (sc_inspection_open()), records findings with a category from
 * the published list (sc_finding_category_get()), a severity, evidence text
 * and the entities they concern (sc_inspection_add_finding()), and closes
 * it. sc_inspection_scan_certificates() checks the organization's
 * certificates against its filed scope and validity on their issue dates
 * and records the findings itself.
 *
 *     sc_inspection_open            city centre or own district   OPEN
 *     sc_inspection_add_finding     the same                      (findings)
 *     sc_inspection_scan_certificates  the same                   (findings)
 *     sc_inspection_close           the same                      CLOSED
 *     sc_finding_withdraw           the same                      a finding no longer counts
 *
 * Sanctions (sc_sanction_impose()), each from a finding and an audited
 * decision: a warning (警告) or a rectification with a deadline (限期整改),
 * by the city centre or the own district bureau; a suspension of
 * certification (暂停认定), by the city bureau or city centre, during which
 * sc_org_may_certify() answers ::SC_REASON_ORG_SUSPENDED; exit from the
 * directory (退出目录, sc_org_exit()), by the city bureau or city centre.
 * Certificates found fraudulent are revoked with the finding as the reason by
 * sc_finding_revoke_certificates(); every other certificate stays valid.
 *
 * Credit evaluation (信用评估): see ::sc_credit_model and sc_credit_compute().
 *
 * Dates are "YYYY-MM-DD"; NULL means today (UTC). Changing calls name their
 * actor and are checked against the action table (authz.h): a refusal
 * returns ::SC_EDENIED and changes nothing; every change is one transaction
 * with its audit entry (audit.h). Plain structures are filled in the
 * caller's storage; handles returned through `**out` are the caller's to
 * free. Thread-safety: one thread at a time per registry.
 */
#ifndef SKILLCERT_SUPERVISION_H
#define SKILLCERT_SUPERVISION_H

#include "common.h"
#include "db.h"
#include "roles.h"
#include "org.h"

SC_BEGIN_DECL

/** Size of a finding category code buffer ("out-of-scope"), including the NUL. */
#define SC_FINDING_CATEGORY_SIZE 32
/** Size of an entity reference buffer ("certificate:S000011000001244000001"). */
#define SC_ENTITY_REF_SIZE 96

/* ---- Internal supervision ---------------------------------------------------------- */

/**
 * An organization assigns one of its internal quality supervisors to a
 * session. The person must be on staff as ::SC_STAFF_SUPERVISOR on the
 * session's day and not assigned to the session as examiner, invigilator or
 * panel member.
 * @param db, actor    the registry and the organization holding the session.
 * @param session_id   the session.
 * @param person_id    the supervisor's identifier.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (session, supervisor);
 *         ::SC_EEXISTS (already assigned); ::SC_ECONSTRAINT (not on staff
 *         that day; examines in the session); ::SC_EDENIED (not the
 *         session's organization); ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_supervision_assign(sc_db *db, const sc_actor *actor, int64_t session_id,
                                    const char *person_id);

/**
 * Record one supervision of a session by an assigned supervisor: what was
 * checked and what was found. Refused when the supervisor has meanwhile
 * become staff of the session.
 * @param[out] out    the record's id.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param session_id  the session's id.
 * @param person_id   the supervisor's identifier on the session.
 * @param checked     what was checked, 1–1023 bytes UTF-8.
 * @param findings    the findings, 0–1023 bytes UTF-8 ("" or NULL: none).
 * @param date        NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (session); ::SC_ECONSTRAINT
 *         (not assigned; examines in the session; date); ::SC_EDENIED; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_supervision_record(int64_t *out, sc_db *db, const sc_actor *actor,
                                    int64_t session_id, const char *person_id,
                                    const char *checked, const char *findings, const char *date);

/** One supervision record. A plain value owned by the caller. */
typedef struct sc_supervision {
    unsigned int version;  /**< SC_SUPERVISION_VERSION, first: set by the caller through
                                 SC_SUPERVISION_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;
    int64_t session_id;
    char credit_code[SC_CREDIT_CODE_SIZE];
    char person_id[SC_PERSON_ID_SIZE];
    char name[SC_ORG_NAME_SIZE];             /**< the supervisor */
    char date[SC_DATE_SIZE];
    char checked[SC_ORG_TEXT_SIZE];
    char findings[SC_ORG_TEXT_SIZE];         /**< "" when none */
} sc_supervision;

/** The version of ::sc_supervision this library fills (its `version` member). */
#define SC_SUPERVISION_VERSION 1u
/** An ::sc_supervision ready to hand to a filler: its version set, the rest zero. */
#define SC_SUPERVISION_INIT { .version = SC_SUPERVISION_VERSION }

/** Iterator over the supervision records of a session (sc_supervision_iter_new()). Opaque. */
typedef struct sc_supervision_iter sc_supervision_iter;

/**
 * The supervision records of a session, oldest first.
 * @param[out] out  caller frees with sc_supervision_iter_free().
 * @param db          the registry.
 * @param session_id  the session's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (session); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.2
 */
SC_EXTERN int sc_supervision_iter_new(sc_supervision_iter **out, sc_db *db, int64_t session_id);

/**
 * Next supervision record.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL (NULL); ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_supervision_iter_next(sc_supervision *out, sc_supervision_iter *it);

/**
 * Free a supervision-record iterator.
 * @param it  NULL is a no-op.
 * @since 0.2
 */
SC_EXTERN void sc_supervision_iter_free(sc_supervision_iter *it);

/* ---- Finding categories (the published list) ---------------------------------------- */

/** Severities of a finding. Values are stable. */
typedef enum {
    SC_FINDING_MINOR = 1,    /**< 一般 */
    SC_FINDING_MAJOR = 2,    /**< 较重 */
    SC_FINDING_SERIOUS = 3   /**< 严重 */
} sc_finding_severity;

/**
 * "minor", "major", "serious"; NULL if unknown.
 * @param severity  an ::sc_finding_severity.
 * @since 0.2
 */
SC_EXTERN const char *sc_finding_severity_name(int severity);

/**
 * Parse a severity from its name, Chinese name (一般, 较重, 严重) or number.
 * @param[out] out  the severity.
 * @param text        a severity name, its Chinese name or its number.
 * @return ::SC_OK; ::SC_EINVAL.
 * @since 0.2
 */
SC_EXTERN int sc_finding_severity_parse(int *out, const char *text);

/** A finding category of the published list. A plain value. */
typedef struct sc_finding_category {
    unsigned int version;  /**< SC_FINDING_CATEGORY_VERSION, first: set by the caller through
                                 SC_FINDING_CATEGORY_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char code[SC_FINDING_CATEGORY_SIZE];   /**< "out-of-scope" */
    char name[SC_ORG_NAME_SIZE];           /**< English description */
    char name_zh[SC_ORG_NAME_SIZE];        /**< "超范围开展认定" */
} sc_finding_category;

/** The version of ::sc_finding_category this library fills (its `version` member). */
#define SC_FINDING_CATEGORY_VERSION 1u
/** An ::sc_finding_category ready to hand to a filler: its version set, the rest zero. */
#define SC_FINDING_CATEGORY_INIT { .version = SC_FINDING_CATEGORY_VERSION }

/**
 * Number of categories of the published list: out-of-scope (超范围),
 * out-of-region (超行政区域), outside-validity (备案有效期外或未备案),
 * staff-ratio (考评人员配比不达标), unqualified-examiner (考评人员不具备资格),
 * falsified-records (弄虚作假), venue (评价场地不符合要求), supervision
 * (内部质量督导缺失), disclosure (管理办法、收费标准未公示), other.
 * @return the count. Thread-safe.
 * @since 0.2
 */
SC_EXTERN size_t sc_finding_category_count(void);

/**
 * Category @p i of the published list.
 * @param[out] out  the category.
 * @param i           the category, from 0 (sc_finding_category_count()).
 * @return ::SC_OK; ::SC_EINVAL (NULL); ::SC_ENOTFOUND (out of range). Thread-safe.
 * @since 0.2
 */
SC_EXTERN int sc_finding_category_get(sc_finding_category *out, size_t i);

/* ---- Inspections (spot checks) ---------------------------------------------------------- */

/** What an inspection looks at. Values are stable. */
typedef enum {
    SC_INSPECT_ORG = 1,           /**< the organization as a whole; target NULL */
    SC_INSPECT_SESSION = 2,       /**< one session; target its id ("12") */
    SC_INSPECT_VENUE = 3,         /**< one venue; target its id */
    SC_INSPECT_CERTIFICATES = 4   /**< a batch of certificates: target "FROM/TO" issue
                                       dates, or NULL for all */
} sc_inspection_kind;

/**
 * "organization", "session", "venue", "certificates"; NULL if unknown.
 * @param kind  the value to name.
 * @since 0.2
 */
SC_EXTERN const char *sc_inspection_kind_name(int kind);

/**
 * Parse an inspection kind from its name ("org" also) or number.
 * @param[out] out  the value parsed.
 * @param text  the text to parse.
 * @return ::SC_OK; ::SC_EINVAL.
 * @since 0.2
 */
SC_EXTERN int sc_inspection_kind_parse(int *out, const char *text);

/**
 * Open an inspection (质量督导抽查) of an organization: the city centre, or
 * the bureau of the organization's own district.
 * @param[out] out     the inspection's id.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code  the organization inspected.
 * @param kind         an ::sc_inspection_kind.
 * @param target       as the kind says; a session or venue must be the organization's.
 * @param date        the opening day, "YYYY-MM-DD", NULL for today.
 * @param note         a remark, or NULL.
 * @return ::SC_OK; ::SC_EINVAL (kind, target syntax); ::SC_ENOTFOUND
 *         (organization, session, venue); ::SC_ECONSTRAINT (the session or
 *         venue is another organization's); ::SC_EDENIED; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_inspection_open(int64_t *out, sc_db *db, const sc_actor *actor,
                                 const char *credit_code, int kind, const char *target,
                                 const char *date, const char *note);

/**
 * Record a finding of an open inspection. The organization's credit score
 * is recomputed at once for every date computed on or after @p date.
 * @param[out] out     the finding's id.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param inspection_id the inspection's id.
 * @param category     a code of the published list (sc_finding_category_get()).
 * @param severity     an ::sc_finding_severity.
 * @param evidence     1–1023 bytes UTF-8.
 * @param entities     @p n references "KIND:ID" to what it concerns, KIND one of
 *                     certificate, session, venue, staff, org (may be NULL when n is 0).
 * @param n           the number of references in @p entities.
 * @param date         not before the inspection was opened, NULL for today.
 * @return ::SC_OK; ::SC_EINVAL (category, severity, reference syntax);
 *         ::SC_ENOTFOUND (inspection; a referenced certificate, session or
 *         venue); ::SC_ECONSTRAINT (inspection closed; the entity is another
 *         organization's; date); ::SC_EDENIED; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_inspection_add_finding(int64_t *out, sc_db *db, const sc_actor *actor,
                                        int64_t inspection_id, const char *category,
                                        int severity, const char *evidence,
                                        const char *const *entities, size_t n,
                                        const char *date);

/**
 * Scan the inspected organization's certificates (all, or the batch of a
 * ::SC_INSPECT_CERTIFICATES inspection) against its filed scope and validity
 * on each one's issue date (the certification date while not issued),
 * as sc_org_may_certify() answers on that date (a certificate issued while
 * suspended counts as outside-validity). Records
 * one ::SC_FINDING_SERIOUS finding per category found (out-of-scope for
 * scope and catalog reasons, outside-validity for filing reasons), naming
 * every certificate concerned. Revoked certificates are skipped.
 * @param[out] findings  number of findings recorded (may be NULL).
 * @param[out] bad       number of certificates found (may be NULL).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param inspection_id the inspection's id.
 * @param date           the scan's date, NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT
 *         (inspection closed, or of a session or venue); ::SC_EDENIED; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.2
 */
SC_EXTERN int sc_inspection_scan_certificates(size_t *findings, size_t *bad, sc_db *db,
                                              const sc_actor *actor, int64_t inspection_id,
                                              const char *date);

/**
 * Close an inspection with a conclusion. An inspection closed without
 * findings counts as a clean inspection in the credit evaluation.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param inspection_id the inspection's id.
 * @param conclusion  1–1023 bytes UTF-8.
 * @param date        the closing day, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (already
 *         closed; date); ::SC_EDENIED; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_inspection_close(sc_db *db, const sc_actor *actor, int64_t inspection_id,
                                  const char *conclusion, const char *date);

/** Status of an inspection. Values are stable. */
typedef enum {
    SC_INSPECTION_OPEN = 1,
    SC_INSPECTION_CLOSED = 2
} sc_inspection_status;

/** An inspection. A plain value owned by the caller. */
typedef struct sc_inspection {
    unsigned int version;  /**< SC_INSPECTION_VERSION, first: set by the caller through
                                 SC_INSPECTION_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;
    char credit_code[SC_CREDIT_CODE_SIZE];
    int kind;                                /**< ::sc_inspection_kind */
    char target[SC_ORG_NAME_SIZE];           /**< "" for the organization, all certificates */
    int status;                              /**< ::sc_inspection_status */
    char opened[SC_DATE_SIZE];
    char opened_by[SC_ACTOR_TEXT_SIZE];
    char closed[SC_DATE_SIZE];               /**< "" while open */
    char conclusion[SC_ORG_TEXT_SIZE];
    char note[SC_ORG_TEXT_SIZE];
    char scanned[SC_DATE_SIZE];              /**< last certificate scan, "" */
    int64_t findings;                        /**< findings recorded (withdrawn included) */
} sc_inspection;

/** The version of ::sc_inspection this library fills (its `version` member). */
#define SC_INSPECTION_VERSION 1u
/** An ::sc_inspection ready to hand to a filler: its version set, the rest zero. */
#define SC_INSPECTION_INIT { .version = SC_INSPECTION_VERSION }

/**
 * One inspection.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param inspection_id  the inspection's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_inspection_get(sc_inspection *out, sc_db *db, int64_t inspection_id);

/**
 * What sc_inspection_iter_new() selects; NULL fields select everything. Versioned: set it
 * up with SC_INSPECTION_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_inspection_query {
    unsigned int version;    /**< SC_INSPECTION_QUERY_VERSION; first */
    const char *credit_code; /**< only this organization's inspections, or NULL */
} sc_inspection_query;

#define SC_INSPECTION_QUERY_VERSION 1
#define SC_INSPECTION_QUERY_INIT { SC_INSPECTION_QUERY_VERSION, NULL }

/** Iterator over inspections (sc_inspection_iter_new()). Opaque. */
typedef struct sc_inspection_iter sc_inspection_iter;

/**
 * Inspections by id.
 * @param out         the iterator; NULL on failure.
 * @param db          the registry.
 * @param q   what to select, or NULL for everything; @p q->version must be
 *            SC_INSPECTION_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version);
 *         ::SC_EDB; ::SC_ENOMEM. Caller frees with
 *         sc_inspection_iter_free().
 * @since 0.2
 */
SC_EXTERN int sc_inspection_iter_new(sc_inspection_iter **out, sc_db *db,
                                     const sc_inspection_query *q);

/**
 * Next inspection.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_inspection_iter_next(sc_inspection *out, sc_inspection_iter *it);

/**
 * Free an iterator over inspections; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_inspection_iter_free(sc_inspection_iter *it);

/* ---- Findings -------------------------------------------------------------------------------- */

/** A finding. A plain value owned by the caller. */
typedef struct sc_finding {
    unsigned int version;  /**< SC_FINDING_VERSION, first: set by the caller through
                                 SC_FINDING_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;
    int64_t inspection_id;
    char credit_code[SC_CREDIT_CODE_SIZE];
    char category[SC_FINDING_CATEGORY_SIZE];
    int severity;                            /**< ::sc_finding_severity */
    char evidence[SC_ORG_TEXT_SIZE];
    char date[SC_DATE_SIZE];
    char recorded_by[SC_ACTOR_TEXT_SIZE];
    char withdrawn[SC_DATE_SIZE];            /**< "" unless withdrawn */
    size_t entities;                         /**< references (sc_finding_entity_get()) */
} sc_finding;

/** The version of ::sc_finding this library fills (its `version` member). */
#define SC_FINDING_VERSION 1u
/** An ::sc_finding ready to hand to a filler: its version set, the rest zero. */
#define SC_FINDING_INIT { .version = SC_FINDING_VERSION }

/**
 * One finding.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param finding_id  the finding's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_finding_get(sc_finding *out, sc_db *db, int64_t finding_id);

/**
 * Reference @p i ("certificate:S0000..."), in the order given, of a finding.
 * @param[out] out  SC_ENTITY_REF_SIZE bytes.
 * @param db          the registry.
 * @param finding_id  the finding's id.
 * @param i           the reference, from 0.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (finding, or i out of range); ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_finding_entity_get(char *out, sc_db *db, int64_t finding_id, size_t i);

/**
 * What sc_finding_iter_new() selects; NULL and 0 fields select everything. Versioned: set
 * it up with SC_FINDING_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_finding_query {
    unsigned int version;    /**< SC_FINDING_QUERY_VERSION; first */
    const char *credit_code; /**< only this organization's findings, or NULL */
    int64_t inspection_id;   /**< only this inspection's, or 0 */
} sc_finding_query;

#define SC_FINDING_QUERY_VERSION 1
#define SC_FINDING_QUERY_INIT { SC_FINDING_QUERY_VERSION, NULL, 0 }

/** Iterator over findings (sc_finding_iter_new()). Opaque. */
typedef struct sc_finding_iter sc_finding_iter;

/**
 * Findings by id.
 * @param out         the iterator; NULL on failure.
 * @param db          the registry.
 * @param q   what to select, or NULL for everything; @p q->version must be
 *            SC_FINDING_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version);
 *         ::SC_EDB; ::SC_ENOMEM. Caller frees with
 *         sc_finding_iter_free().
 * @since 0.2
 */
SC_EXTERN int sc_finding_iter_new(sc_finding_iter **out, sc_db *db, const sc_finding_query *q);

/**
 * Next finding.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_finding_iter_next(sc_finding *out, sc_finding_iter *it);

/**
 * Free an iterator over findings; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_finding_iter_free(sc_finding_iter *it);

/**
 * Withdraw a finding found wrong (on review): from @p date on it no longer
 * counts in the credit evaluation, which is recomputed. Sanctions already
 * decided stay (lift them with sc_sanction_lift()).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param finding_id  the finding's id.
 * @param reason  1–1023 bytes UTF-8.
 * @param date        the day it stops counting, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (already
 *         withdrawn; date before the finding); ::SC_EDENIED; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_finding_withdraw(sc_db *db, const sc_actor *actor, int64_t finding_id,
                                  const char *reason, const char *date);

/**
 * The city centre revokes every certificate a finding names (found
 * fraudulent), each with the finding as the reason ("finding 3
 * (out-of-scope): evidence"); certificates already revoked are left as they
 * are. Other certificates of the organization stay valid.
 * @param[out] revoked  number of certificates revoked (may be NULL).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param finding_id  the finding's id.
 * @param date        the revocation day, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (withdrawn
 *         finding; date before a certificate's certification); ::SC_EDENIED
 *         (not the city centre); ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_finding_revoke_certificates(size_t *revoked, sc_db *db, const sc_actor *actor,
                                             int64_t finding_id, const char *date);

/* ---- Sanctions ------------------------------------------------------------------------------- */

/** Kinds of sanction. Values are stable. */
typedef enum {
    SC_SANCTION_WARNING = 1,        /**< 警告: city centre or own district */
    SC_SANCTION_RECTIFICATION = 2,  /**< 限期整改 (deadline in until): city centre or own district */
    SC_SANCTION_SUSPENSION = 3,     /**< 暂停认定 (until, inclusive; "" until lifted):
                                         city bureau or city centre */
    SC_SANCTION_EXIT = 4            /**< 退出目录 (sc_org_exit()): city bureau or city centre */
} sc_sanction_kind;

/**
 * "warning", "rectification", "suspension", "exit"; NULL if unknown.
 * @param kind  the value to name.
 * @since 0.2
 */
SC_EXTERN const char *sc_sanction_kind_name(int kind);

/**
 * Parse a sanction kind from its name or number.
 * @param[out] out  the value parsed.
 * @param text  the text to parse.
 * @return ::SC_OK; ::SC_EINVAL.
 * @since 0.2
 */
SC_EXTERN int sc_sanction_kind_parse(int *out, const char *text);

/**
 * Impose a sanction on the organization of a finding, effective @p date.
 * A suspension makes sc_org_may_certify() answer ::SC_REASON_ORG_SUSPENDED
 * from @p date through @p until (or until lifted); an exit takes the
 * organization out of the directory (sc_org_exit(), which appends its own
 * audit entry) — certificates issued before stay valid.
 * @param[out] out      the sanction's id.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param finding_id    the finding it rests on (not withdrawn).
 * @param kind          an ::sc_sanction_kind.
 * @param until         the rectification deadline (required), the last day
 *                      of a suspension (NULL: until lifted); NULL otherwise.
 * @param reason        1–1023 bytes UTF-8.
 * @param date        the day it takes effect, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL (kind; until missing, given or before
 *         @p date); ::SC_ENOTFOUND (finding); ::SC_ECONSTRAINT (withdrawn
 *         finding; date before it; exit: no filing in force); ::SC_EDENIED
 *         (see ::sc_sanction_kind); ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_sanction_impose(int64_t *out, sc_db *db, const sc_actor *actor,
                                 int64_t finding_id, int kind, const char *until,
                                 const char *reason, const char *date);

/**
 * Lift a warning, rectification (done) or suspension from @p date on
 * (the city bureau or city centre). An exit cannot be lifted: the
 * organization applies for a new filing.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param sanction_id the sanction's id.
 * @param note  a remark, or NULL.
 * @param date        the day it is lifted, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (an exit;
 *         already lifted; date before the sanction); ::SC_EDENIED; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_sanction_lift(sc_db *db, const sc_actor *actor, int64_t sanction_id,
                               const char *note, const char *date);

/** A sanction. A plain value owned by the caller. */
typedef struct sc_sanction {
    unsigned int version;  /**< SC_SANCTION_VERSION, first: set by the caller through
                                 SC_SANCTION_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;
    char credit_code[SC_CREDIT_CODE_SIZE];
    int64_t finding_id;
    int kind;                                /**< ::sc_sanction_kind */
    char date[SC_DATE_SIZE];                 /**< effective from */
    char until[SC_DATE_SIZE];                /**< deadline or last day, "" */
    char lifted[SC_DATE_SIZE];               /**< "" unless lifted */
    char reason[SC_ORG_TEXT_SIZE];
    char decided_by[SC_ACTOR_TEXT_SIZE];
} sc_sanction;

/** The version of ::sc_sanction this library fills (its `version` member). */
#define SC_SANCTION_VERSION 1u
/** An ::sc_sanction ready to hand to a filler: its version set, the rest zero. */
#define SC_SANCTION_INIT { .version = SC_SANCTION_VERSION }

/**
 * One sanction.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param sanction_id  the sanction's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_sanction_get(sc_sanction *out, sc_db *db, int64_t sanction_id);

/**
 * What sc_sanction_iter_new() selects; NULL fields select everything. Versioned: set it up
 * with SC_SANCTION_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_sanction_query {
    unsigned int version;    /**< SC_SANCTION_QUERY_VERSION; first */
    const char *credit_code; /**< only this organization's sanctions, or NULL */
} sc_sanction_query;

#define SC_SANCTION_QUERY_VERSION 1
#define SC_SANCTION_QUERY_INIT { SC_SANCTION_QUERY_VERSION, NULL }

/** Iterator over sanctions (sc_sanction_iter_new()). Opaque. */
typedef struct sc_sanction_iter sc_sanction_iter;

/**
 * Sanctions by id.
 * @param out         the iterator; NULL on failure.
 * @param db          the registry.
 * @param q   what to select, or NULL for everything; @p q->version must be
 *            SC_SANCTION_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version);
 *         ::SC_EDB; ::SC_ENOMEM. Caller frees with
 *         sc_sanction_iter_free().
 * @since 0.2
 */
SC_EXTERN int sc_sanction_iter_new(sc_sanction_iter **out, sc_db *db, const sc_sanction_query *q);

/**
 * Next sanction.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_sanction_iter_next(sc_sanction *out, sc_sanction_iter *it);

/**
 * Free an iterator over sanctions; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_sanction_iter_free(sc_sanction_iter *it);

/* ---- Credit evaluation (信用评估) --------------------------------------------------------- */

/**
 * The scoring model, kept as data in the registry. The score of an
 * organization as of date D:
 *
 *     score = clamp(base − Σ weight(category, severity) × 0.5^(age / half_life)
 *                   + min(clean_max, clean_bonus × clean), 0, base + clean_max)
 *
 * over its findings dated on or before D and not withdrawn by D (age: days
 * from the finding to D), where clean is the number of its inspections
 * closed without findings within clean_window_days before D. Weights are
 * per (category, severity); defaults: serious 30, major 12, minor 4 for
 * every category, falsified-records, out-of-scope and out-of-region
 * serious 40. A plain value owned by the caller.
 */
typedef struct sc_credit_model {
    unsigned int version;  /**< SC_CREDIT_MODEL_VERSION, first: set by the caller through
                                 SC_CREDIT_MODEL_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    double base;              /**< 100 */
    double half_life_days;    /**< 365: a finding weighs half after a year */
    double clean_bonus;       /**< 2 per clean inspection */
    double clean_max;         /**< 10 at most */
    double clean_window_days; /**< 730 */
} sc_credit_model;

/** The version of ::sc_credit_model this library fills (its `version` member). */
#define SC_CREDIT_MODEL_VERSION 1u
/** An ::sc_credit_model ready to hand to a filler: its version set, the rest zero. */
#define SC_CREDIT_MODEL_INIT { .version = SC_CREDIT_MODEL_VERSION }

/**
 * The model's parameters.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_credit_model_get(sc_credit_model *out, sc_db *db);

/**
 * The weight of a finding of @p category and @p severity.
 * @param[out] out  the points subtracted for a fresh finding.
 * @param db          the registry.
 * @param category    a code of the published list (sc_finding_category_get()).
 * @param severity    an ::sc_finding_severity.
 * @return ::SC_OK; ::SC_EINVAL (unknown category or severity); ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_credit_weight_get(double *out, sc_db *db, const char *category, int severity);

/**
 * The city centre sets the weight of a (category, severity). Stored scores
 * are not recomputed (compute again to publish new ones).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param category    a code of the published list (sc_finding_category_get()).
 * @param severity    an ::sc_finding_severity.
 * @param points  0–1000.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EDENIED (not the city centre); ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_credit_weight_set(sc_db *db, const sc_actor *actor, const char *category,
                                   int severity, double points);

/** An organization's credit score as of a date. A plain value owned by the caller. */
typedef struct sc_credit_score {
    unsigned int version;  /**< SC_CREDIT_SCORE_VERSION, first: set by the caller through
                                 SC_CREDIT_SCORE_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char credit_code[SC_CREDIT_CODE_SIZE];
    char name[SC_ORG_NAME_SIZE];
    char as_of[SC_DATE_SIZE];
    double score;
    int rank;                                /**< 1 = best on that date; 0 when not stored */
    int64_t findings;                        /**< findings counted */
    int64_t clean;                           /**< clean inspections counted */
    double penalty;                          /**< points subtracted (decayed) */
    double bonus;                            /**< points added */
} sc_credit_score;

/** The version of ::sc_credit_score this library fills (its `version` member). */
#define SC_CREDIT_SCORE_VERSION 1u
/** An ::sc_credit_score ready to hand to a filler: its version set, the rest zero. */
#define SC_CREDIT_SCORE_INIT { .version = SC_CREDIT_SCORE_VERSION }

/**
 * Compute (without storing) an organization's score as of @p as_of.
 * @param out         the iterator; NULL on failure.
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param as_of  NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_credit_score_get(sc_credit_score *out, sc_db *db, const char *credit_code,
                                  const char *as_of);

/**
 * The city centre computes and publishes the score of every organization
 * ever filed as of @p as_of, ranked (replacing a list of that date). Lists
 * are recomputed by themselves when findings dated on or before their date
 * are recorded or withdrawn.
 * @param[out] count  organizations scored (may be NULL).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param as_of       the evaluation day, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EDENIED (not the city centre); ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_credit_compute(size_t *count, sc_db *db, const sc_actor *actor,
                                const char *as_of);

/**
 * What sc_credit_list_iter_new() selects; a NULL field selects the latest list computed.
 * Versioned: set it up with SC_CREDIT_LIST_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_credit_list_query {
    unsigned int version; /**< SC_CREDIT_LIST_QUERY_VERSION; first */
    const char *as_of;    /**< the list's date (YYYY-MM-DD), or NULL for the latest computed */
} sc_credit_list_query;

#define SC_CREDIT_LIST_QUERY_VERSION 1
#define SC_CREDIT_LIST_QUERY_INIT { SC_CREDIT_LIST_QUERY_VERSION, NULL }

/** Iterator over credit scores (sc_credit_list_iter_new(), sc_credit_history_iter_new()). Opaque. */
typedef struct sc_credit_iter sc_credit_iter;

/**
 * The published ranked list of @p as_of (NULL: the latest computed), best
 * first (score descending, then credit code).
 * @param[out] out  the iterator; NULL on failure.
 * @param db  the registry.
 * @param q   what to select, or NULL for the latest list; @p q->version must be
 *            SC_CREDIT_LIST_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version); ::SC_ENOTFOUND (no
 *         list computed for that date); ::SC_EDB; ::SC_ENOMEM. Caller frees with sc_credit_iter_free().
 * @since 0.2
 */
SC_EXTERN int sc_credit_list_iter_new(sc_credit_iter **out, sc_db *db,
                                      const sc_credit_list_query *q);

/**
 * The history of an organization's published scores, oldest date first.
 * @param[out] out  the iterator; NULL on failure.
 * @param db  the registry.
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization); ::SC_EDB;
 *         ::SC_ENOMEM. Caller frees with sc_credit_iter_free().
 * @since 0.2
 */
SC_EXTERN int sc_credit_history_iter_new(sc_credit_iter **out, sc_db *db,
                                         const char *credit_code);

/**
 * Next row of a credit list or history.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.2
 */
SC_EXTERN int sc_credit_iter_next(sc_credit_score *out, sc_credit_iter *it);

/**
 * Free an iterator over credit scores; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_credit_iter_free(sc_credit_iter *it);

/**
 * The published list of @p as_of (NULL: latest) as an XML document
 * (namespace urn:skillcert:credit:1, root <credit-evaluation>, schema
 * sc_doctype_schema(SC_DOC_CREDIT)), with the model it was computed with.
 * @param[out] out  NUL-terminated UTF-8; caller frees with sc_free().
 * @param[out] len  its length, or NULL.
 * @param db          the registry.
 * @param as_of       the list's date, or NULL for the latest.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (no list); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.2
 */
SC_EXTERN int sc_credit_export_memory(char **out, size_t *len, sc_db *db, const char *as_of);

/**
 * As sc_credit_export_memory(), written to a file (replaced).
 * @param db  the registry.
 * @param as_of  the list's date, or NULL for the latest.
 * @param path  the file to write (replaced).
 * @return as sc_credit_export_memory(); ::SC_EIO.
 * @since 0.2
 */
SC_EXTERN int sc_credit_export_file(sc_db *db, const char *as_of, const char *path);

/* ---- Period reports ---------------------------------------------------------------------------- */

/** Sections of a period report. Values are stable. */
typedef enum {
    SC_RSEC_INSPECTIONS = 0,     /**< inspections opened in the period, by kind */
    SC_RSEC_FINDINGS = 1,        /**< findings dated in the period (not withdrawn), by category */
    SC_RSEC_SANCTIONS = 2,       /**< sanctions effective in the period, by kind */
    SC_RSEC_CREDIT = 3,          /**< credit scores as of the period's end (computed), by org */
    SC_RSEC_CERT_OCCUPATION = 4, /**< certificates in force issued in the period, by occupation */
    SC_RSEC_CERT_LEVEL = 5,      /**< ... by level */
    SC_RSEC_CERT_DISTRICT = 6,   /**< ... by the organization's district */
    SC_RSEC_CERT_ORG = 7,        /**< ... by organization */
    SC_RSEC_COUNT = 8
} sc_report_section;

/** "inspections", "findings", "sanctions", "credit", "certificates-by-occupation",
 *  "certificates-by-level", "certificates-by-district", "certificates-by-org";
 *  NULL if unknown. @since 0.2
 * @param section  a section of the report (SC_REPORT_*).
 */
SC_EXTERN const char *sc_report_section_name(int section);

/** One row of a report section. A plain value. */
typedef struct sc_report_row {
    unsigned int version;  /**< SC_REPORT_ROW_VERSION, first: set by the caller through
                                 SC_REPORT_ROW_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char key[SC_ORG_NAME_SIZE];      /**< "out-of-scope", "4-02-07-10", "3", "110108", a credit code */
    char label[SC_ORG_NAME_SIZE];    /**< a readable name ("超范围开展认定", "网约配送员") */
    int64_t count;                   /**< the count (credit: findings counted) */
    double value;                    /**< credit: the score; otherwise the count */
} sc_report_row;

/** The version of ::sc_report_row this library fills (its `version` member). */
#define SC_REPORT_ROW_VERSION 1u
/** An ::sc_report_row ready to hand to a filler: its version set, the rest zero. */
#define SC_REPORT_ROW_INIT { .version = SC_REPORT_ROW_VERSION }

/** A period report. Opaque; immutable once made. */
typedef struct sc_period_report sc_period_report;

/**
 * Gather the report of the period @p from .. @p to (inclusive) in one read
 * transaction. Credit scores are computed as of @p to for every organization
 * recorded by then (not stored; sc_credit_compute() publishes a list).
 * @param[out] out  caller frees with sc_period_report_free().
 * @param db          the registry.
 * @param from      the first day (required).
 * @param to        the last day, NULL for today.
 * @return ::SC_OK; ::SC_EINVAL (dates; from after to); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.2
 */
SC_EXTERN int sc_period_report_get(sc_period_report **out, sc_db *db, const char *from,
                                   const char *to);

/**
 * Free a report.
 * @param r  NULL is a no-op.
 * @since 0.2
 */
SC_EXTERN void sc_period_report_free(sc_period_report *r);

/**
 * The period's first day. Borrowed: valid while @p r lives.
 * @param r  the report.
 * @since 0.2
 */
SC_EXTERN const char *sc_period_report_from(const sc_period_report *r);

/**
 * The period's last day. Borrowed: valid while @p r lives.
 * @param r  the report.
 * @since 0.2
 */
SC_EXTERN const char *sc_period_report_to(const sc_period_report *r);

/**
 * Number of rows of a section; 0 for NULL or an unknown section.
 * @param r  the report.
 * @param section  a section of the report (SC_REPORT_*).
 * @since 0.2
 */
SC_EXTERN size_t sc_period_report_count(const sc_period_report *r, int section);

/**
 * Sum of the counts of a section's rows (credit: organizations); 0 when unknown.
 * @param r  the report.
 * @param section  a section of the report (SC_REPORT_*).
 * @since 0.2
 */
SC_EXTERN int64_t sc_period_report_total(const sc_period_report *r, int section);

/**
 * Row @p i of a section (rows in key order; credit rows best first).
 * @param[out] out  the row.
 * @param r           the report.
 * @param section     a section of the report (SC_REPORT_*).
 * @param i           the row, from 0.
 * @return ::SC_OK; ::SC_EINVAL (NULL, unknown section); ::SC_ENOTFOUND (i out of range).
 * @since 0.2
 */
SC_EXTERN int sc_period_report_row(sc_report_row *out, const sc_period_report *r, int section,
                                   size_t i);

/* The period report as an HTML page is rendered by the faces from this data
 * (tools/report_html.c in the source tree); sc_period_report_html() was removed. */

SC_END_DECL

#endif /* SKILLCERT_SUPERVISION_H */
