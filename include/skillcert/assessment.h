/**
 * @file skillcert/assessment.h
 * @brief Assessment (评价): component rules per standard, venues, sessions
 *        with their staff and candidates, the question bank (题库) and
 *        papers, and results.
 *
 * The notice (§三(二)3) has organizations assess by theory exam (理论知识考试),
 * practical exam (操作技能考核) and comprehensive review (综合评审), setting
 * papers from their own question bank. The national standards fix, per
 * standard (occupation):
 *
 * - the components by level: levels 5–3 take theory and practical; levels 2
 *   and 1 add the review; direct certification (直接认定) is the review only;
 * - staff ratios: theory at least 1 invigilator per 15 candidates and at
 *   least 2 per room; practical at least 1 examiner per 5 candidates, an odd
 *   number, 3 or more; review panel an odd number, 3 or more;
 * - the pass rule: each component scored 0–100, every component at least 60.
 *
 * These numbers are data (::sc_component_rule), one set for the template
 * and optionally one per occupation, changed by the city centre.
 *
 * Flow:
 *
 *     sc_venue_register     organization   a venue in its registered district
 *     sc_venue_inspect      own district   the venue inspection (评价场地核查)
 *     sc_session_create     organization   (occupation, work type, level, path) on a date
 *                                          at an inspected venue, inside its filed scope
 *     sc_session_staff_add  organization   invigilators / examiners / panel, each on staff
 *                                          that day and qualified for the occupation and level
 *     sc_session_enrol      organization   a candidate (see below)
 *     sc_session_confirm    organization   staffing checked against the ratios; the session
 *                                          is then fixed (no more staff or candidate changes)
 *     sc_paper_assemble     organization   a paper per component from the bank
 *     sc_paper_score        organization   automatic scoring of an online answer sheet
 *     sc_result_record      organization   scores per component, pass or fail
 *
 * Enrolment: only confirmed applicants enrol (notice §三(二)2). A recorded
 * candidate (candidate.h) is enrolled on their application (application.h)
 * confirmed by the district (报名确认) to the session's organization for the
 * session's offering (occupation, work type, level) and path; the enrolment
 * is linked to it (::sc_enrolment.application_ref holds its number).
 * sc_session_enrol() finds that application itself, or checks the one named.
 * When a passing result is recorded for a linked enrolment
 * (sc_result_record()), the application is COMPLETED in the same
 * transaction: it no longer counts as open, and the person may apply again
 * for the offering. A failed result leaves it CONFIRMED.
 *
 * Resits (补考): a candidate whose latest result for the same organization,
 * occupation, work type and level failed may enrol in a later session of
 * it, on the same confirmed application; they then take only the
 * components they failed, and the components they passed are carried over
 * to the new result.
 *
 * Dates are "YYYY-MM-DD"; NULL means today (UTC). Changing calls name their
 * actor and are checked against the action table (authz.h); a refusal
 * changes nothing, and every change is one transaction with its audit entry.
 */
#ifndef SKILLCERT_ASSESSMENT_H
#define SKILLCERT_ASSESSMENT_H

#include "common.h"
#include "db.h"
#include "roles.h"
#include "org.h"

SC_BEGIN_DECL

/* ---- Components ------------------------------------------------------------ */

/** Assessment components. Values are stable. */
typedef enum {
    SC_COMPONENT_THEORY = 1,     /**< 理论知识考试 */
    SC_COMPONENT_PRACTICAL = 2,  /**< 操作技能考核 */
    SC_COMPONENT_REVIEW = 3      /**< 综合评审 */
} sc_component;

/** The bit of a component in a component mask. */
#define SC_COMPONENT_BIT(c) (1u << (unsigned)(c))

/**
 * English token of a component: "theory", "practical", "review".
 * @param component  an ::sc_component (SC_COMPONENT_THEORY ...).
 * @return a static string, or NULL when unknown. Thread-safe.
 * @since 0.1
 */
SC_EXTERN const char *sc_component_name(int component);

/**
 * Chinese name of a component: "理论知识考试", "操作技能考核", "综合评审".
 * @param component  an ::sc_component (SC_COMPONENT_THEORY ...).
 * @return a static string, or NULL when unknown. Thread-safe.
 * @since 0.1
 */
SC_EXTERN const char *sc_component_name_zh(int component);

/**
 * Parse a component from its token, Chinese name or number.
 * @param[out] out  the component.
 * @param text      the text.
 * @return ::SC_OK; ::SC_EINVAL (NULL or unknown).
 * @since 0.1
 */
SC_EXTERN int sc_component_parse(int *out, const char *text);

/**
 * The components an assessment at @p level on @p path takes: theory and
 * practical for levels 5–3, plus the review for levels 2 and 1; the review
 * only for direct certification (SC_PATH_DIRECT).
 * @param level  1–5.
 * @param path   an ::sc_path (eligibility.h).
 * @return the mask of SC_COMPONENT_BIT() values; 0 for a bad level or path.
 * Pure function; thread-safe.
 * @since 0.1
 */
SC_EXTERN unsigned int sc_components_for(int level, int path);

/* ---- Component rules (per standard, as data) -------------------------------- */

/** The rules of one component of a standard. A plain value owned by the caller. */
typedef struct sc_component_rule {
    unsigned int version;  /**< SC_COMPONENT_RULE_VERSION, first: set by the caller through
                                 SC_COMPONENT_RULE_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char occupation[SC_OCCUPATION_CODE_SIZE]; /**< "" for the template (every standard
                                                   without its own rule) */
    int component;              /**< an ::sc_component */
    int candidates_per_staff;   /**< at least 1 staff per this many candidates; 0: no ratio */
    int min_staff;              /**< at least this many staff in all */
    int min_per_room;           /**< at least this many staff per room (theory); 0: none */
    int odd;                    /**< 1: an odd number of staff is required */
    int pass_score;             /**< a component passes with a score at least this (0–100) */
} sc_component_rule;

/** The version of ::sc_component_rule this library fills (its `version` member). */
#define SC_COMPONENT_RULE_VERSION 1u
/** An ::sc_component_rule ready to hand to a filler: its version set, the rest zero. */
#define SC_COMPONENT_RULE_INIT { .version = SC_COMPONENT_RULE_VERSION }

/**
 * The rule in force for a component of an occupation's standard: the
 * occupation's own rule when one was set, else the template's. The registry
 * starts with the template of the national standards: theory 15 per
 * invigilator, 2 per room; practical 5 per examiner, odd, at least 3; review
 * odd, at least 3; every component passes at 60.
 * @param[out] out    the rule (its occupation field says which one applied).
 * @param db          the registry.
 * @param occupation  occupation code or alias, or NULL for the template.
 * @param component   an ::sc_component.
 * @return ::SC_OK; ::SC_EINVAL (malformed code, unknown component); ::SC_EDB.
 * Ownership: @p out is the caller's. Thread-safety: one thread per @p db.
 * @since 0.1
 */
SC_EXTERN int sc_component_rule_get(sc_component_rule *out, sc_db *db, const char *occupation,
                                    int component);

/**
 * Set (create or replace) the rule of a component for an occupation's
 * standard, or for the template when rule->occupation is "". Results
 * already recorded keep the pass decision made when they were recorded.
 * @param db, actor  the registry and the acting city centre.
 * @param rule       the rule: candidates_per_staff, min_staff, min_per_room
 *                   0–1000; pass_score 0–100; odd 0 or 1.
 * @return ::SC_OK; ::SC_EINVAL (NULL, malformed code, values out of range);
 *         ::SC_ENOTFOUND (occupation not in the catalog); ::SC_EDENIED (not
 *         the city centre); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_component_rule_set(sc_db *db, const sc_actor *actor,
                                    const sc_component_rule *rule);

/* ---- Venues ------------------------------------------------------------------ */

/** An assessment venue (评价场地) and its latest inspection. A plain value. */
typedef struct sc_venue {
    unsigned int version;  /**< SC_VENUE_VERSION, first: set by the caller through
                                 SC_VENUE_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;                              /**< registry id */
    char credit_code[SC_CREDIT_CODE_SIZE];   /**< the organization it belongs to */
    char name[SC_ORG_NAME_SIZE];
    char address[SC_ORG_TEXT_SIZE];
    char district[SC_DISTRICT_CODE_SIZE];    /**< where it is (the organization's district) */
    int rooms;                               /**< exam rooms */
    char registered[SC_DATE_SIZE];
    char inspected[SC_DATE_SIZE];            /**< latest inspection date, "" never */
    int inspection_passed;                   /**< 1 when the latest inspection passed */
    char inspector[SC_ACTOR_TEXT_SIZE];      /**< who inspected, "" */
    char note[SC_ORG_TEXT_SIZE];             /**< the inspection's note, "" */
} sc_venue;

/** The version of ::sc_venue this library fills (its `version` member). */
#define SC_VENUE_VERSION 1u
/** An ::sc_venue ready to hand to a filler: its version set, the rest zero. */
#define SC_VENUE_INIT { .version = SC_VENUE_VERSION }

/**
 * An organization records a venue. It must lie in the organization's
 * registered district, whose bureau inspects it.
 * @param[out] out     the venue's id.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code  the organization.
 * @param name         1–255 bytes UTF-8; unique per organization.
 * @param address      1–1023 bytes UTF-8.
 * @param district     the venue's district (code, old code or name).
 * @param rooms        exam rooms, 1–1000.
 * @param date         NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization, district);
 *         ::SC_ECONSTRAINT (district other than the organization's);
 *         ::SC_EEXISTS (name taken); ::SC_EDENIED (not the organization itself); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_venue_register(int64_t *out, sc_db *db, const sc_actor *actor,
                                const char *credit_code, const char *name, const char *address,
                                const char *district, int rooms, const char *date);

/**
 * The district bureau records its inspection of a venue (评价场地核查). A
 * session may use the venue from an inspection that passed on or before
 * its date; a later failed inspection stops later sessions.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param venue_id    the venue's id.
 * @param passed  1 passed, 0 failed.
 * @param note    a remark, or NULL.
 * @param date        the inspection day, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (venue); ::SC_ECONSTRAINT (date
 *         before the venue was registered or before its latest inspection);
 *         ::SC_EDENIED (not the bureau of the organization's district); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_venue_inspect(sc_db *db, const sc_actor *actor, int64_t venue_id, int passed,
                               const char *note, const char *date);

/**
 * One venue.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param venue_id  the venue's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB. @p out is the caller's.
 * @since 0.1
 */
SC_EXTERN int sc_venue_get(sc_venue *out, sc_db *db, int64_t venue_id);

/* ---- Sessions ------------------------------------------------------------------ */

/** The session is held online (its objective items are scored by sc_paper_score()). */
#define SC_SESSION_ONLINE 0x1u

/** Status of a session. Values are stable. */
typedef enum {
    SC_SESSION_PLANNED = 1,    /**< staff and candidates may change */
    SC_SESSION_CONFIRMED = 2   /**< staffing checked and fixed; results may be recorded */
} sc_session_status;

/**
 * "planned", "confirmed"; NULL if unknown.
 * @param status  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_session_status_name(int status);

/** An assessment session. A plain value owned by the caller. */
typedef struct sc_session {
    unsigned int version;  /**< SC_SESSION_VERSION, first: set by the caller through
                                 SC_SESSION_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;                               /**< registry id */
    char credit_code[SC_CREDIT_CODE_SIZE];    /**< the organization */
    char occupation[SC_OCCUPATION_CODE_SIZE]; /**< canonical code */
    char work_type[SC_WORK_TYPE_SIZE];        /**< "" when undivided */
    int level;                                /**< 1–5 */
    int path;                                 /**< an ::sc_path */
    char date[SC_DATE_SIZE];                  /**< the day it is held */
    int64_t venue_id;
    int rooms;                                /**< exam rooms used */
    unsigned int components;                  /**< SC_COMPONENT_BIT() mask */
    unsigned int flags;                       /**< SC_SESSION_ONLINE */
    int status;                               /**< ::sc_session_status */
    char created[SC_DATE_SIZE];
    char confirmed[SC_DATE_SIZE];             /**< "" until confirmed */
    int64_t candidates;                       /**< enrolled */
} sc_session;

/** The version of ::sc_session this library fills (its `version` member). */
#define SC_SESSION_VERSION 1u
/** An ::sc_session ready to hand to a filler: its version set, the rest zero. */
#define SC_SESSION_INIT { .version = SC_SESSION_VERSION }

/**
 * An organization plans an assessment session for (occupation, work type,
 * level) on @p date at one of its venues. Checked: the organization may
 * certify that offering on that date at that venue (sc_org_may_certify(),
 * with the path); the venue is the organization's and passed its latest
 * inspection on or before @p date; @p rooms fits the venue.
 *
 * @param[out] out     the session id.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code  the organization.
 * @param occupation   code or alias; @p work_type NULL/"" for undivided; @p level 1–5.
 * @param work_type   the work type (工种/方向), or NULL/"" when the level is undivided.
 * @param level       1–5 (1 = 一级/高级技师 … 5 = 五级/初级工).
 * @param path         SC_PATH_NORMAL, SC_PATH_EXCEPTIONAL or SC_PATH_DIRECT
 *                     (the review only).
 * @param date         the session day ("YYYY-MM-DD", NULL today).
 * @param venue_id     the venue.
 * @param rooms        exam rooms used, 1 to the venue's rooms.
 * @param flags        0 or ::SC_SESSION_ONLINE.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization, venue);
 *         ::SC_ECONSTRAINT (may not certify: the message gives the reason;
 *         venue not inspected, failed or of another organization; too many
 *         rooms); ::SC_EDENIED (not the organization itself); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_session_create(int64_t *out, sc_db *db, const sc_actor *actor,
                                const char *credit_code, const char *occupation,
                                const char *work_type, int level, int path, const char *date,
                                int64_t venue_id, int rooms, unsigned int flags);

/**
 * Assign a staff member to a component of a planned session: a theory
 * invigilator or practical examiner must be an examiner (考评员); a review
 * panel member an examiner or an expert (专家). They must be on the
 * organization's staff on the session day in that role and qualified
 * (sc_staff_qualifications_get()) for the session's occupation and level: a
 * qualification for the same occupation, the same work type or undivided,
 * at the session's level or a higher one (a smaller number).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param session_id  the session's id.
 * @param component  a component the session takes.
 * @param person_id  the organization's identifier of the person.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (session); ::SC_EEXISTS
 *         (already assigned to that component); ::SC_ECONSTRAINT (not on staff,
 *         not qualified, component not taken, session confirmed);
 *         ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_session_staff_add(sc_db *db, const sc_actor *actor, int64_t session_id,
                                   int component, const char *person_id);

/**
 * Remove a staff member from a component of a planned session.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param session_id  the session's id.
 * @param component  the component the member serves.
 * @param person_id  the organization's identifier of the person.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (session or assignment);
 *         ::SC_ECONSTRAINT (session confirmed); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_session_staff_remove(sc_db *db, const sc_actor *actor, int64_t session_id,
                                      int component, const char *person_id);

/**
 * Enrol a candidate in a planned session. The candidate must be recorded in
 * the registry (sc_candidate_save()); the name is taken from the record.
 * A resit (see the file comment) is recognised here. A candidate who
 * passed this offering with this organization is refused.
 *
 * Only confirmed applicants enrol. With @p application_ref NULL or "", the
 * candidate's application confirmed by the district (报名确认) to this
 * organization for the session's offering (occupation, work type, level)
 * and path is found and linked; there is at most one (one open application
 * per person and offering). With an application's number (application.h),
 * that application must be this candidate's, confirmed, to this
 * organization, for the session's offering and path. Either way it must have
 * been confirmed on or before the session's day, and the enrolment records
 * the application's number (::sc_enrolment.application_ref).
 * A resit enrols on the same application, still confirmed after the fail.
 *
 * @param db               the registry.
 * @param actor            the session's organization.
 * @param session_id       a planned session.
 * @param id_number        the resident ID number.
 * @param application_ref  the confirmed application's number as text
 *                         (decimal digits, e.g. "42"), or NULL (or "") to
 *                         find it.
 * @return ::SC_OK; ::SC_EINVAL (malformed ID number; a reference that is not
 *         an application number of this registry); ::SC_ENOTFOUND (session,
 *         candidate, the application named); ::SC_EEXISTS (already
 *         enrolled); ::SC_ECONSTRAINT (session confirmed; already passed; no
 *         confirmed application for the offering — "... has no application
 *         confirmed by the district (报名确认) for ..."; the application named
 *         not confirmed, another person's, for another organization,
 *         offering or path, or confirmed after the session's day; enrolled in another session of the same offering
 *         that has no result for them yet); ::SC_EDENIED; ::SC_EDB. On
 *         failure the registry is unchanged.
 * @since 0.1
 */
SC_EXTERN int sc_session_enrol(sc_db *db, const sc_actor *actor, int64_t session_id,
                               const char *id_number, const char *application_ref);

/**
 * Is the session ready to be held? Checks the venue's inspection and every
 * component's staff against the rules of the occupation's standard
 * (sc_component_rule_get()) for the candidates enrolled and the rooms used.
 * Reasons: ::SC_REASON_VENUE_NOT_INSPECTED, ::SC_REASON_STAFF_TOO_FEW (below
 * the ratio, the minimum or the per-room minimum; also no candidates),
 * ::SC_REASON_STAFF_NOT_ODD.
 * @param[out] out  the verdict.
 * @param db          the registry.
 * @param session_id  the session's id.
 * @return ::SC_OK when @p out holds the answer; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_session_check(sc_verdict *out, sc_db *db, int64_t session_id);

/**
 * Confirm a planned session: sc_session_check() must say yes. Staff and
 * candidates are then fixed, and results may be recorded.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param session_id  the session's id.
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (the
 *         check's reason; already confirmed); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_session_confirm(sc_db *db, const sc_actor *actor, int64_t session_id,
                                 const char *date);

/**
 * One session.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param session_id  the session's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB. @p out is the caller's.
 * @since 0.1
 */
SC_EXTERN int sc_session_get(sc_session *out, sc_db *db, int64_t session_id);

/**
 * What sc_session_iter_new() selects; NULL fields select everything. Versioned: set it up
 * with SC_SESSION_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_session_query {
    unsigned int version;    /**< SC_SESSION_QUERY_VERSION; first */
    const char *credit_code; /**< only this organization's sessions, or NULL */
    const char *date;        /**< only sessions on this day (YYYY-MM-DD), or NULL */
} sc_session_query;

#define SC_SESSION_QUERY_VERSION 1
#define SC_SESSION_QUERY_INIT { SC_SESSION_QUERY_VERSION, NULL, NULL }

/** Iterator over sessions (sc_session_iter_new()). Opaque. */
typedef struct sc_session_iter sc_session_iter;

/**
 * Sessions in date then id order.
 * @param out         the iterator; NULL on failure.
 * @param db          the registry.
 * @param q   what to select, or NULL for everything; @p q->version must be
 *            SC_SESSION_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version);
 *         ::SC_EDB; ::SC_ENOMEM. Caller frees with
 *         sc_session_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_session_iter_new(sc_session_iter **out, sc_db *db, const sc_session_query *q);

/**
 * Next session.
 * @param[out] out  filled (the caller's storage).
 * @param it          the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL (NULL); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_session_iter_next(sc_session *out, sc_session_iter *it);

/**
 * Free a session iterator; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_session_iter_free(sc_session_iter *it);

/** A staff member assigned to a session. A plain value owned by the caller. */
typedef struct sc_session_staff {
    unsigned int version;  /**< SC_SESSION_STAFF_VERSION, first: set by the caller through
                                 SC_SESSION_STAFF_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t session_id;
    int component;                       /**< ::sc_component */
    char person_id[SC_PERSON_ID_SIZE];
    char name[SC_ORG_NAME_SIZE];
    int role;                            /**< ::sc_staff_role they serve in */
} sc_session_staff;

/** The version of ::sc_session_staff this library fills (its `version` member). */
#define SC_SESSION_STAFF_VERSION 1u
/** An ::sc_session_staff ready to hand to a filler: its version set, the rest zero. */
#define SC_SESSION_STAFF_INIT { .version = SC_SESSION_STAFF_VERSION }

/** Iterator over the staff of a session (sc_session_staff_iter_new()). Opaque. */
typedef struct sc_session_staff_iter sc_session_staff_iter;

/**
 * The staff of a session, by component then person id.
 * @param[out] out  the iterator; NULL on failure.
 * @param db  the registry.
 * @param session_id  the session's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 *         Caller frees with sc_session_staff_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_session_staff_iter_new(sc_session_staff_iter **out, sc_db *db, int64_t session_id);

/**
 * Next staff member.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_session_staff_iter_next(sc_session_staff *out, sc_session_staff_iter *it);

/**
 * Free an iterator over the staff of a session; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_session_staff_iter_free(sc_session_staff_iter *it);

/** A candidate enrolled in a session. A plain value owned by the caller. */
typedef struct sc_enrolment {
    unsigned int version;  /**< SC_ENROLMENT_VERSION, first: set by the caller through
                                 SC_ENROLMENT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t session_id;
    char id_number[19];
    char name[SC_ORG_NAME_SIZE];
    char application_ref[SC_ORG_NAME_SIZE]; /**< the number of the confirmed application
                                                 enrolled on ("" only in enrolments made
                                                 before links were required) */
    int attempt;                            /**< 1, or 2, 3 ... for resits */
    unsigned int components;                /**< the components to take (a resit: the failed ones) */
    char enrolled[SC_DATE_SIZE];
} sc_enrolment;

/** The version of ::sc_enrolment this library fills (its `version` member). */
#define SC_ENROLMENT_VERSION 1u
/** An ::sc_enrolment ready to hand to a filler: its version set, the rest zero. */
#define SC_ENROLMENT_INIT { .version = SC_ENROLMENT_VERSION }

/** Iterator over the enrolments of a session (sc_enrolment_iter_new()). Opaque. */
typedef struct sc_enrolment_iter sc_enrolment_iter;

/**
 * The candidates of a session, by ID number.
 * @param[out] out  the iterator; NULL on failure.
 * @param db  the registry.
 * @param session_id  the session's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 *         Caller frees with sc_enrolment_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_enrolment_iter_new(sc_enrolment_iter **out, sc_db *db, int64_t session_id);

/**
 * Next enrolment.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_enrolment_iter_next(sc_enrolment *out, sc_enrolment_iter *it);

/**
 * Free an iterator over the enrolments of a session; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_enrolment_iter_free(sc_enrolment_iter *it);

/* ---- Question bank (题库) ---------------------------------------------------------- */

/** Item types. Values are stable. */
typedef enum {
    SC_ITEM_SINGLE = 1,      /**< single choice (单项选择); answer one letter "B" */
    SC_ITEM_MULTIPLE = 2,    /**< multiple choice (多项选择); answer letters "ACD" */
    SC_ITEM_TRUE_FALSE = 3,  /**< true/false (判断); answer "T" or "F" */
    SC_ITEM_PRACTICAL = 4    /**< practical task (操作任务); scored by examiners */
} sc_item_type;

/**
 * "single", "multiple", "true-false", "practical"; NULL if unknown.
 * @param type  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_item_type_name(int type);

/**
 * Parse an item type from its token or number.
 * @param[out] out  the value parsed.
 * @param text  the text to parse.
 * @return ::SC_OK; ::SC_EINVAL.
 * @since 0.1
 */
SC_EXTERN int sc_item_type_parse(int *out, const char *text);

/** Most options a choice item may have (A–J). */
#define SC_ITEM_MAX_OPTIONS 10

/** A question bank item (one version of it). Opaque. */
typedef struct sc_item sc_item;

/**
 * Start an item.
 * @param[out] out     the item; NULL on failure. Caller frees with sc_item_free().
 * @param code         the organization's item code, stable across versions:
 *                     1–63 bytes of letters, digits, '-', '_', '.'.
 * @param type         an ::sc_item_type.
 * @param occupation   occupation code (any accepted form).
 * @param work_type    work type, or NULL/"" for items common to the occupation.
 * @param level        1–5.
 * @param area         the knowledge area of the standard's weight table it
 *                     tests (e.g. "基础知识", "数据采集"), 1–127 bytes.
 * @param difficulty   1 (easiest) – 5.
 * @param stem         the question or task, 1–65535 bytes UTF-8.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_item_new(sc_item **out, const char *code, int type, const char *occupation,
                          const char *work_type, int level, const char *area, int difficulty,
                          const char *stem);

/**
 * Free an item; NULL is a no-op.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN void sc_item_free(sc_item *it);

/**
 * Add an option (A, B, C ... in order) to a choice item.
 * @param it          the item (a choice item).
 * @param text  1–4095 bytes UTF-8.
 * @return ::SC_OK; ::SC_EINVAL (not a choice item; too many; bad text); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_item_add_option(sc_item *it, const char *text);

/**
 * Set the answer key: one option letter (single choice), two or more
 * letters in any order (multiple choice; stored sorted), "T" or "F"
 * (true/false), or the scoring criteria text (practical task).
 * Letters must name options the item has when it is saved.
 * @param it  the item.
 * @param answer  the option letters, or the text for a practical item.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_item_set_answer(sc_item *it, const char *answer);

/**
 * Item code. Borrowed while @p it lives.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN const char *sc_item_code(const sc_item *it);
/**
 * Version (1, 2 ...), 0 for an item never saved.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN int sc_item_version(const sc_item *it);
/**
 * ::sc_item_type.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN int sc_item_type_of(const sc_item *it);
/**
 * Occupation code (normalised). Borrowed.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN const char *sc_item_occupation(const sc_item *it);
/**
 * Work type, "" when common to the occupation. Borrowed.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN const char *sc_item_work_type(const sc_item *it);
/**
 * Level 1–5.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN int sc_item_level(const sc_item *it);
/**
 * Knowledge area. Borrowed.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN const char *sc_item_area(const sc_item *it);
/**
 * Difficulty 1–5.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN int sc_item_difficulty(const sc_item *it);
/**
 * Stem. Borrowed.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN const char *sc_item_stem(const sc_item *it);
/**
 * Number of options.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN size_t sc_item_option_count(const sc_item *it);
/**
 * Option @p i (0 = A), NULL out of range. Borrowed.
 * @param it  the item.
 * @param i  the option, from 0 (A).
 * @since 0.1
 */
SC_EXTERN const char *sc_item_option(const sc_item *it, size_t i);
/**
 * Answer key, "" when not set. Borrowed.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN const char *sc_item_answer(const sc_item *it);
/**
 * Papers this version of the item appears in (its exposure).
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN int64_t sc_item_exposure(const sc_item *it);
/**
 * Day this version was saved, "" for an item never saved. Borrowed.
 * @param it  the item.
 * @since 0.1
 */
SC_EXTERN const char *sc_item_saved(const sc_item *it);

/**
 * Save an item in an organization's bank. A new code starts at version 1.
 * For an existing code: when its latest version appears in no paper it is
 * changed in place; once it appears in a paper it is never changed: the
 * save creates the next version, which new papers use. Saving an item equal
 * to the latest version changes nothing.
 * @param[out] version  the version saved (may be NULL).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code   the organization.
 * @param item          the item (complete: a choice item needs at least two
 *                      options and its answer; true/false its answer).
 * @return ::SC_OK; ::SC_EINVAL (incomplete or inconsistent item);
 *         ::SC_ENOTFOUND (organization; occupation not in the catalog);
 *         ::SC_ECONSTRAINT (the type, occupation or level differs from the
 *         earlier versions); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_bank_item_save(int *version, sc_db *db, const sc_actor *actor,
                                const char *credit_code, const sc_item *item);

/**
 * One item of an organization's bank.
 * @param[out] out  the item; caller frees with sc_item_free().
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param code        the item's code in the bank.
 * @param version   a version, or 0 for the latest.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_bank_item_get(sc_item **out, sc_db *db, const char *credit_code,
                               const char *code, int version);

/**
 * Total exposure of an item: the papers any of its versions appears in.
 * @param[out] out  the count.
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param code        the item's code in the bank.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_bank_exposure_get(int64_t *out, sc_db *db, const char *credit_code,
                                   const char *code);

/**
 * What sc_bank_iter_new() selects from an organization's bank; NULL and 0 fields select
 * everything. Versioned: set it up with SC_BANK_QUERY_INIT; an unknown version is
 * ::SC_EINVAL.
 */
typedef struct sc_bank_query {
    unsigned int version;   /**< SC_BANK_QUERY_VERSION; first */
    const char *occupation; /**< only this occupation's items, or NULL */
    int level;              /**< only this level's (1-5), or 0 */
} sc_bank_query;

#define SC_BANK_QUERY_VERSION 1
#define SC_BANK_QUERY_INIT { SC_BANK_QUERY_VERSION, NULL, 0 }

/** Iterator over bank items. Opaque. */
typedef struct sc_bank_iter sc_bank_iter;

/**
 * The latest version of each item of an organization's bank, by code.
 * @param out         the iterator; NULL on failure.
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param q           what to select, or NULL for every item; @p q->version must be
 *                    SC_BANK_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version); ::SC_ENOTFOUND
 *         (organization); ::SC_EDB;
 *         ::SC_ENOMEM. Caller frees with sc_bank_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_bank_iter_new(sc_bank_iter **out, sc_db *db, const char *credit_code,
                               const sc_bank_query *q);

/**
 * Next item.
 * @param[out] out  the item, caller frees with sc_item_free(); NULL at the end.
 * @param it          the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_bank_iter_next(sc_item **out, sc_bank_iter *it);

/**
 * Free a bank iterator; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_bank_iter_free(sc_bank_iter *it);

/* ---- Blueprints and papers (组卷) --------------------------------------------------- */

/**
 * How to assemble a paper: the standard's weight table by knowledge area
 * (percentages summing to 100), the number of items of each type and their
 * points (summing to 100), and optionally the difficulty mix (percentages
 * summing to 100). Opaque.
 */
typedef struct sc_blueprint sc_blueprint;

/**
 * Make an empty blueprint.
 * @param[out] out  caller frees with sc_blueprint_free().
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_blueprint_new(sc_blueprint **out);

/**
 * Free a blueprint; NULL is a no-op.
 * @param bp  the blueprint.
 * @since 0.1
 */
SC_EXTERN void sc_blueprint_free(sc_blueprint *bp);

/**
 * Give a knowledge area its weight.
 * @param bp          the blueprint.
 * @param area     1–127 bytes, as items name it; each area once.
 * @param percent  1–100.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EEXISTS (area given twice); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_blueprint_add_area(sc_blueprint *bp, const char *area, int percent);

/**
 * Ask for @p count items of @p type, worth @p points each.
 * @param bp          the blueprint.
 * @param type        an ::sc_item_type.
 * @param count   1–1000.  @param points 0.5–100, in halves.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EEXISTS (type given twice); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_blueprint_add_type(sc_blueprint *bp, int type, int count, double points);

/**
 * Ask for @p percent of each type's items at difficulty @p difficulty.
 * @param bp  the blueprint.
 * @param difficulty  1–5.
 * @param percent  1–100.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EEXISTS; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_blueprint_add_difficulty(sc_blueprint *bp, int difficulty, int percent);

/**
 * Assemble a paper for a component of a session from the organization's
 * bank (latest versions of items of the session's occupation and level,
 * common or of its work type). For each item type, the count is split over
 * the areas by weight and over the difficulties by the mix (largest
 * remainders), then the items are drawn at random from a generator seeded
 * with @p seed: the same bank, blueprint and seed give the same paper. No
 * item appears twice; each drawn item's exposure grows by one.
 *
 * @param[out] out   the paper id.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param session_id  the session's id.
 * @param component  SC_COMPONENT_THEORY or SC_COMPONENT_PRACTICAL, taken by the session.
 * @param bp         the blueprint (weights 100, points 100, mix 100 if given).
 * @param seed       any value.
 * @return ::SC_OK; ::SC_EINVAL (incomplete blueprint); ::SC_ENOTFOUND (session);
 *         ::SC_ECONSTRAINT (not enough items for an area/difficulty/type:
 *         the message says which; component not taken); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_paper_assemble(int64_t *out, sc_db *db, const sc_actor *actor,
                                int64_t session_id, int component, const sc_blueprint *bp,
                                uint64_t seed);

/** A paper. A plain value owned by the caller. */
typedef struct sc_paper {
    unsigned int version;  /**< SC_PAPER_VERSION, first: set by the caller through
                                 SC_PAPER_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;
    int64_t session_id;
    int component;
    uint64_t seed;
    int64_t items;            /**< number of items */
    double total_points;      /**< 100 */
    char created[SC_DATE_SIZE];
} sc_paper;

/** The version of ::sc_paper this library fills (its `version` member). */
#define SC_PAPER_VERSION 1u
/** An ::sc_paper ready to hand to a filler: its version set, the rest zero. */
#define SC_PAPER_INIT { .version = SC_PAPER_VERSION }

/**
 * One paper.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param paper_id  the paper's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_paper_get(sc_paper *out, sc_db *db, int64_t paper_id);

/** One item of a paper. A plain value owned by the caller. */
typedef struct sc_paper_item {
    unsigned int version;  /**< SC_PAPER_ITEM_VERSION, first: set by the caller through
                                 SC_PAPER_ITEM_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int seq;                  /**< 1, 2 ... */
    char code[SC_PERSON_ID_SIZE];
    int item_version;             /**< the bank item's version */
    int type;
    char area[128];
    int difficulty;
    double points;
} sc_paper_item;

/** The version of ::sc_paper_item this library fills (its `version` member). */
#define SC_PAPER_ITEM_VERSION 1u
/** An ::sc_paper_item ready to hand to a filler: its version set, the rest zero. */
#define SC_PAPER_ITEM_INIT { .version = SC_PAPER_ITEM_VERSION }

/** Iterator over the items of a paper (sc_paper_item_iter_new()). Opaque. */
typedef struct sc_paper_item_iter sc_paper_item_iter;

/**
 * The items of a paper in order (by type, then as drawn).
 * @param[out] out  the iterator; NULL on failure.
 * @param db  the registry.
 * @param paper_id  the paper's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 *         Caller frees with sc_paper_item_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_paper_item_iter_new(sc_paper_item_iter **out, sc_db *db, int64_t paper_id);

/**
 * Next paper item.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_paper_item_iter_next(sc_paper_item *out, sc_paper_item_iter *it);

/**
 * Free an iterator over the items of a paper; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_paper_item_iter_free(sc_paper_item_iter *it);

/**
 * Score an online answer sheet automatically: each objective item (single,
 * multiple, true/false) earns its points when the answer equals the key
 * (multiple choice: exactly the key's letters, in any order, no partial
 * credit); practical items are not scored here (give NULL). The sheet and
 * its score are recorded; a candidate's sheet is scored once.
 * @param[out] out   the objective score (0 to the paper's objective points).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param paper_id   a paper of an online session.
 * @param id_number  a candidate enrolled in the paper's session.
 * @param answers    one answer per paper item in order; NULL or "" = unanswered.
 * @param n          the number of answers (the paper's item count).
 * @return ::SC_OK; ::SC_EINVAL (count differs, malformed answer);
 *         ::SC_ENOTFOUND (paper, enrolment); ::SC_EEXISTS (already scored);
 *         ::SC_ECONSTRAINT (not an online session); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_paper_score(double *out, sc_db *db, const sc_actor *actor, int64_t paper_id,
                             const char *id_number, const char *const *answers, size_t n);

/* ---- Results ---------------------------------------------------------------------- */

/** A component not taken (or carried over from an earlier attempt). */
#define SC_SCORE_NONE (-1.0)

/** A candidate's result in a session. A plain value owned by the caller. */
typedef struct sc_result {
    unsigned int version;  /**< SC_RESULT_VERSION, first: set by the caller through
                                 SC_RESULT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t session_id;
    char id_number[19];
    char name[SC_ORG_NAME_SIZE];
    char credit_code[SC_CREDIT_CODE_SIZE];
    char occupation[SC_OCCUPATION_CODE_SIZE];
    char work_type[SC_WORK_TYPE_SIZE];
    int level;
    int attempt;                 /**< 1, or 2, 3 ... for resits */
    double theory;               /**< 0–100, or SC_SCORE_NONE when not part */
    double practical;
    double review;
    unsigned int carried;        /**< components whose score comes from an earlier attempt */
    int passed;                  /**< 1: every component at its pass score or above */
    char recorded[SC_DATE_SIZE];
    char certificate[23];        /**< the certificate number, "" until reported */
} sc_result;

/** The version of ::sc_result this library fills (its `version` member). */
#define SC_RESULT_VERSION 1u
/** An ::sc_result ready to hand to a filler: its version set, the rest zero. */
#define SC_RESULT_INIT { .version = SC_RESULT_VERSION }

/**
 * Record a candidate's scores in a confirmed session and decide the result
 * by the pass rule of the occupation's standard (every component at least
 * its rule's pass score, default 60). Give the score of every component the
 * candidate takes (sc_enrolment.components) and SC_SCORE_NONE for the
 * others; a resit's carried components come from the earlier result.
 * A pass completes the application the enrolment is linked to
 * (SC_APPLICATION_COMPLETED, application.h) in the same transaction, with
 * the result's date and "passed in session N"; the audit entry of the
 * result names it. A fail leaves it confirmed, for a resit.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param session_id  the session's id.
 * @param id_number   the candidate's resident ID number (居民身份证号码).
 * @param theory, practical, review  0–100 or SC_SCORE_NONE.
 * @param date  NULL for today; not before the session day.
 * @return ::SC_OK; ::SC_EINVAL (score outside 0–100, a score missing or not
 *         expected); ::SC_ENOTFOUND (session, enrolment); ::SC_EEXISTS
 *         (already recorded); ::SC_ECONSTRAINT (session not confirmed; date
 *         before the session); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_result_record(sc_db *db, const sc_actor *actor, int64_t session_id,
                               const char *id_number, double theory, double practical,
                               double review, const char *date);

/**
 * One result.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param session_id  the session's id.
 * @param id_number  the candidate's resident ID number (居民身份证号码).
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_result_get(sc_result *out, sc_db *db, int64_t session_id,
                            const char *id_number);

/** Iterator over the results of a session (sc_result_iter_new()). Opaque. */
typedef struct sc_result_iter sc_result_iter;

/**
 * The results of a session, by ID number.
 * @param[out] out  the iterator; NULL on failure.
 * @param db  the registry.
 * @param session_id  the session's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 *         Caller frees with sc_result_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_result_iter_new(sc_result_iter **out, sc_db *db, int64_t session_id);

/**
 * Next result.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_result_iter_next(sc_result *out, sc_result_iter *it);

/**
 * Free an iterator over the results of a session; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_result_iter_free(sc_result_iter *it);

SC_END_DECL

#endif /* SKILLCERT_ASSESSMENT_H */
