/**
 * @file skillcert/application.h
 * @brief Intake announcements (实施方案并发布公告) and applications (报名):
 *        apply, verify (资格核实), confirm (报名确认), reject, withdraw, and the
 *        batch forms of verify and confirm for a season's intake.
 *
 * The notice (§三(二)1–2) has an organization publish its implementation plan
 * and take applications, verify the candidates' qualifications, and send the
 * verified candidates' materials to the district bureau where it is registered
 * (属地管理), which confirms them.
 *
 * Announcements. An organization publishes an announcement: its own code
 * ("2024-01"), a title, the offerings (occupation, work type, level) it takes
 * applications for, the intake period (opens–closes, inclusive), the fees and
 * the assessment methods. Every offering must be one the organization may
 * certify (sc_org_may_certify()) on the opening day. An announcement is open
 * on a day D when it was published by D, opens <= D <= closes, and it was not
 * closed early (sc_announcement_close(): closed from that day on).
 *
 * Applications and their states:
 *
 *     sc_application_apply       candidate      SUBMITTED   for an offering of an open
 *     sc_application_apply_for   organization   SUBMITTED   announcement (see below)
 *     sc_application_verify      organization   VERIFIED    eligible: the matched condition
 *                                               REJECTED    not eligible: the reasons
 *     sc_application_confirm     own district   CONFIRMED   报名确认
 *     sc_application_reject      organization   REJECTED    at SUBMITTED (资格核实不通过)
 *                                own district   REJECTED    at VERIFIED (确认不通过)
 *     sc_application_withdraw    candidate      WITHDRAWN   at SUBMITTED, VERIFIED or CONFIRMED
 *     sc_application_withdraw_for organization  WITHDRAWN   idem, for the candidate
 *     sc_result_record (assessment.h) organization COMPLETED  at CONFIRMED: the candidate
 *                                               passed in a session it enrolled them in
 *
 * Who applies: the candidate themself (actor SC_ACTOR_CANDIDATE whose scope is
 * their ID number), with the record they saved (sc_candidate_save()); or the
 * organization acting for the candidate (代为报名, actor the organization that
 * published the announcement), handing in the candidate's record, which is
 * saved (created or replaced) in the same transaction. The two are separate
 * functions because the action table scopes a candidate by ID number and an
 * organization by credit code.
 *
 * An application is refused, changing nothing, when the announcement is not
 * open on the application day or does not list the offering; when the
 * organization may not certify the offering on that day on that path
 * (sc_org_may_certify(): filing, validity, scope, catalog, and for the special
 * paths the level — 破格 level 3 and above, 直接认定 level 2 and above — and the
 * organization's special-path rules confirmed by its district and the city);
 * when a special path has no evidence named; and when the person already has
 * an open application for the same offering (one open application per person
 * and offering, with any organization). SUBMITTED, VERIFIED and CONFIRMED
 * applications are open; REJECTED, WITHDRAWN and COMPLETED ones are closed.
 *
 * A confirmed application is what a candidate is enrolled on in an
 * assessment session (sc_session_enrol(), assessment.h); it stays CONFIRMED
 * through failed attempts and resits, and is COMPLETED, in the same
 * transaction, when a passing result is recorded for an enrolment linked to
 * it (sc_result_record()). The person may then apply again for the offering
 * (for example for a re-certification).
 *
 * Verification decides eligibility (eligibility.h) on the stored record with
 * the rules in force on the verification day and the organization's confirmed
 * special-path rules (sc_org_rules_confirmed_get()), and records the decision:
 * the matched condition (e.g. "L4-a", "exceptional", "direct") and the
 * decision's sentence, or the reason code and sentence when not eligible.
 *
 * Batch forms (sc_application_verify_batch(), sc_application_confirm_batch())
 * take an array of application ids and run in one transaction: if any id
 * fails (unknown, wrong step, another jurisdiction), nothing changes. Collect
 * ids with sc_application_iter_new() and a query.
 *
 * Exchange (xml.h): the organization sends the verified applications of an
 * announcement to its district as a candidate batch (::SC_DOC_CANDIDATE_BATCH,
 * sc_application_batch_export_memory()); the district imports it
 * (sc_xml_import_file() as district:CODE of the organization's own district),
 * which creates or updates the candidates and the applications (VERIFIED,
 * awaiting confirmation), confirms or rejects them, and answers with a
 * confirmation document (::SC_DOC_CONFIRMATION,
 * sc_application_confirmation_export_memory()) that the organization imports
 * to apply the decisions.
 *
 * Dates are "YYYY-MM-DD"; NULL means today (UTC). Step dates never go back.
 * Changing calls name their actor and are checked against the action table
 * (authz.h): a refusal returns ::SC_EDENIED and changes nothing; every change
 * is one transaction and appends one audit entry (a batch call one entry).
 *
 * Ownership: plain structures are filled in the caller's storage; handles
 * returned through `**out` are the caller's to free with the matching `_free`.
 * Thread-safety: one thread at a time per registry; the pure functions (names,
 * parsers) are thread-safe.
 */
#ifndef SKILLCERT_APPLICATION_H
#define SKILLCERT_APPLICATION_H

#include "common.h"
#include "db.h"
#include "roles.h"
#include "org.h"
#include "candidate.h"
#include "eligibility.h"

SC_BEGIN_DECL

/** Buffer sizes, each including the NUL. */
#define SC_ANNOUNCEMENT_CODE_SIZE 64    /**< an announcement's code, "2024-01" */
#define SC_ANNOUNCEMENT_TITLE_SIZE 256  /**< its title */
#define SC_ID_NUMBER_SIZE 19            /**< a resident ID number, 18 characters */
#define SC_BATCH_ID_SIZE 128            /**< an exchange document's batch id */
#define SC_CONDITION_ID_SIZE 32         /**< an eligibility condition id, "L4-a" */

/* ---- Assessment methods ---------------------------------------------------- */

/** Assessment methods an announcement names (a mask). */
#define SC_METHOD_THEORY    0x1u  /**< "theory" 理论知识考试 */
#define SC_METHOD_PRACTICAL 0x2u  /**< "practical" 操作技能考核 */
#define SC_METHOD_REVIEW    0x4u  /**< "review" 综合评审 */
#define SC_METHOD_ALL       0x7u

/**
 * English token of one method bit ("theory", "practical", "review").
 * @param method  one SC_METHOD_* bit.
 * @return a static string, or NULL for anything else. Thread-safe.
 * @since 0.1
 */
SC_EXTERN const char *sc_method_name(unsigned int method);

/**
 * Parse a list of methods: tokens or Chinese names separated by commas or
 * blanks, e.g. "theory,practical" or "理论知识考试 综合评审".
 * @param[out] out  the mask; 0 on failure.
 * @param text      the list.
 * @return ::SC_OK; ::SC_EINVAL (NULL, empty, unknown token).
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_methods_parse(unsigned int *out, const char *text);

/* ---- Announcements ----------------------------------------------------------- */

/**
 * An intake announcement. As input to sc_announcement_publish() the caller
 * fills credit_code, code, title, opens, closes, fees and methods; the other
 * fields are outputs. A plain value owned by the caller.
 */
typedef struct sc_announcement {
    unsigned int version;  /**< SC_ANNOUNCEMENT_VERSION, first: set by the caller through
                                 SC_ANNOUNCEMENT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;                                  /**< registry id (output) */
    char credit_code[SC_CREDIT_CODE_SIZE];       /**< the publishing organization */
    char code[SC_ANNOUNCEMENT_CODE_SIZE];        /**< its own code, unique per organization:
                                                      letters, digits, '.', '_', '-' */
    char title[SC_ANNOUNCEMENT_TITLE_SIZE];      /**< title, non-empty */
    char opens[SC_DATE_SIZE];                    /**< first day applications are taken */
    char closes[SC_DATE_SIZE];                   /**< last day applications are taken */
    char fees[SC_ORG_TEXT_SIZE];                 /**< fees (text or URL), non-empty */
    unsigned int methods;                        /**< SC_METHOD_* mask, non-zero */
    char published[SC_DATE_SIZE];                /**< publication day (output) */
    char closed[SC_DATE_SIZE];                   /**< closed early from this day, "" (output) */
    int open;                                    /**< 1 when open on the day asked (output) */
} sc_announcement;

/** The version of ::sc_announcement this library fills (its `version` member). */
#define SC_ANNOUNCEMENT_VERSION 1u
/** An ::sc_announcement ready to hand to a filler: its version set, the rest zero. */
#define SC_ANNOUNCEMENT_INIT { .version = SC_ANNOUNCEMENT_VERSION }

/**
 * The organization publishes an announcement (实施方案并发布公告).
 *
 * @param[out] id    the new announcement's id; may be NULL.
 * @param db         the registry.
 * @param actor      the organization itself.
 * @param a          what to publish (see ::sc_announcement).
 * @param offerings  the offerings applications are taken for (at least one);
 *                   each must be certifiable by the organization on @p a->opens.
 * @param date       the publication day, on or before @p a->closes; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL (NULL, malformed code, date or text, no
 *         offering, no method, closes before opens, published after closes);
 *         ::SC_ENOTFOUND (organization); ::SC_EEXISTS (the organization has an
 *         announcement with that code); ::SC_ECONSTRAINT (an offering the
 *         organization may not certify: the message gives the reason);
 *         ::SC_EDENIED (not the organization itself); ::SC_EDB. On failure the
 *         registry is unchanged.
 * Ownership: nothing is kept of @p a or @p offerings.
 * @since 0.1
 */
SC_EXTERN int sc_announcement_publish(int64_t *id, sc_db *db, const sc_actor *actor,
                                      const sc_announcement *a, const sc_offerings *offerings,
                                      const char *date);

/**
 * The organization closes an announcement early: no application is taken
 * from @p date on. Applications already made are not affected.
 * @param db     the registry.
 * @param actor  the organization that published it.
 * @param id     the announcement.
 * @param date   the first day it is closed, on or after its publication; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (announcement);
 *         ::SC_ECONSTRAINT (already closed; before publication); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_announcement_close(sc_db *db, const sc_actor *actor, int64_t id,
                                    const char *date);

/**
 * An announcement by id.
 * @param[out] out  the announcement (the caller's storage).
 * @param db        the registry.
 * @param id        its id.
 * @param date      the day for ::sc_announcement.open; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_announcement_get(sc_announcement *out, sc_db *db, int64_t id, const char *date);

/**
 * An announcement by organization and code.
 * @param[out] out     the announcement.
 * @param db           the registry.
 * @param credit_code  the organization.
 * @param code         the announcement's code.
 * @param date         the day for ::sc_announcement.open; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_announcement_lookup(sc_announcement *out, sc_db *db, const char *credit_code,
                                     const char *code, const char *date);

/**
 * The offerings an announcement takes applications for.
 * @param[out] out  the list; NULL on failure. Caller frees with sc_offerings_free().
 * @param db        the registry.
 * @param id        the announcement.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_announcement_offerings_get(sc_offerings **out, sc_db *db, int64_t id);

/** Iterator over announcements. Opaque. */
typedef struct sc_announcement_iter sc_announcement_iter;

/**
 * What sc_announcement_iter_new() selects; NULL and 0 fields select everything.
 * Versioned: set it up with SC_ANNOUNCEMENT_QUERY_INIT; an unknown version is
 * ::SC_EINVAL.
 */
typedef struct sc_announcement_query {
    unsigned int version;    /**< SC_ANNOUNCEMENT_QUERY_VERSION; first */
    const char *credit_code; /**< only this organization's, or NULL */
    const char *date;        /**< the day for ::sc_announcement.open (YYYY-MM-DD), NULL
                                  for today */
    int open_only;           /**< set (non-zero): only those open on @p date; 0: all */
} sc_announcement_query;

#define SC_ANNOUNCEMENT_QUERY_VERSION 1
#define SC_ANNOUNCEMENT_QUERY_INIT { SC_ANNOUNCEMENT_QUERY_VERSION, NULL, NULL, 0 }

/**
 * Iterate over announcements, in order of id.
 * @param[out] out     the iterator; NULL on failure. Caller frees with
 *                     sc_announcement_iter_free(); it keeps @p db alive.
 * @param db           the registry.
 * @param q   what to select, or NULL for every announcement (::sc_announcement.open
 *            as of today); @p q->version must be SC_ANNOUNCEMENT_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_announcement_iter_new(sc_announcement_iter **out, sc_db *db,
                                       const sc_announcement_query *q);

/**
 * Next announcement.
 * @param[out] out  the announcement (the caller's storage).
 * @param it        the iterator.
 * @return ::SC_OK; ::SC_ITEROVER at the end; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_announcement_iter_next(sc_announcement *out, sc_announcement_iter *it);

/**
 * Free an announcement iterator.
 * @param it  the iterator; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_announcement_iter_free(sc_announcement_iter *it);

/* ---- Applications --------------------------------------------------------------- */

/** States of an application. Values are stable. */
typedef enum {
    SC_APPLICATION_SUBMITTED = 1,  /**< "submitted": applied, awaiting the organization's
                                        verification (资格核实) */
    SC_APPLICATION_VERIFIED = 2,   /**< "verified": eligible, awaiting the district's
                                        confirmation (报名确认) */
    SC_APPLICATION_CONFIRMED = 3,  /**< "confirmed": confirmed by the organization's district */
    SC_APPLICATION_REJECTED = 4,   /**< "rejected": refused at verification or confirmation */
    SC_APPLICATION_WITHDRAWN = 5,  /**< "withdrawn": by the candidate or the organization */
    SC_APPLICATION_COMPLETED = 6   /**< "completed": the candidate passed the assessment
                                        they were enrolled in on it */
} sc_application_state;

/**
 * English token of a state ("submitted", "verified", "confirmed",
 * "rejected", "withdrawn", "completed").
 * @param state  the value to name.
 * @return a static string, or NULL for unknown values. Thread-safe.
 * @since 0.1
 */
SC_EXTERN const char *sc_application_state_name(int state);

/**
 * Parse a state token.
 * @param[out] out  the ::sc_application_state; 0 on failure.
 * @param text      the token.
 * @return ::SC_OK; ::SC_EINVAL (NULL or unknown). Thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_application_state_parse(int *out, const char *text);

/** An application and its history. A plain value owned by the caller. */
typedef struct sc_application {
    unsigned int version;  /**< SC_APPLICATION_VERSION, first: set by the caller through
                                 SC_APPLICATION_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;                                  /**< registry id */
    int64_t announcement_id;                     /**< the announcement applied to */
    char announcement[SC_ANNOUNCEMENT_CODE_SIZE];/**< its code */
    char credit_code[SC_CREDIT_CODE_SIZE];       /**< the organization */
    char id_number[SC_ID_NUMBER_SIZE];           /**< the candidate */
    char name[SC_ORG_NAME_SIZE];                 /**< the candidate's name */
    char occupation[SC_OCCUPATION_CODE_SIZE];    /**< the offering: occupation code */
    char work_type[SC_WORK_TYPE_SIZE];           /**< work type, "" when undivided */
    int level;                                   /**< 1–5 */
    int path;                                    /**< an ::sc_path */
    char evidence[SC_ORG_TEXT_SIZE];             /**< what a special path rests on, "" */
    int state;                                   /**< an ::sc_application_state */
    char applied[SC_DATE_SIZE];                  /**< application day */
    char applied_by[SC_ACTOR_TEXT_SIZE];         /**< who applied (actor label) */
    char verified[SC_DATE_SIZE];                 /**< verification day, "" before */
    char verified_by[SC_ACTOR_TEXT_SIZE];        /**< who verified, "" before */
    char eligibility[SC_CONDITION_ID_SIZE];      /**< matched condition ("L4-a", "exceptional",
                                                      "direct"); "" when not eligible or before */
    int eligibility_reason;                      /**< the ::sc_reason when found not eligible */
    char decision[SC_ORG_TEXT_SIZE];             /**< the eligibility decision: its sentence and,
                                                      when not eligible, what each condition
                                                      misses; "" before verification or when
                                                      imported (cut to fit) */
    char confirmed[SC_DATE_SIZE];                /**< confirmation day, "" before */
    char confirmed_by[SC_ACTOR_TEXT_SIZE];       /**< the confirming district, "" before */
    char ended[SC_DATE_SIZE];                    /**< rejection, withdrawal or completion
                                                      day (the passing result's date), "" */
    char ended_by[SC_ACTOR_TEXT_SIZE];           /**< who rejected or withdrew it, or recorded
                                                      the passing result, "" */
    int ended_at;                                /**< the state it was in then (SUBMITTED:
                                                      refused at verification, VERIFIED: at
                                                      confirmation; CONFIRMED when withdrawn
                                                      or completed); 0 while open */
    char reason[SC_ORG_TEXT_SIZE];               /**< rejection or withdrawal reason; for a
                                                      completed one the session passed, "" */
    char batch_id[SC_BATCH_ID_SIZE];             /**< the candidate batch it was sent to the
                                                      district in, "" when none */
} sc_application;

/** The version of ::sc_application this library fills (its `version` member). */
#define SC_APPLICATION_VERSION 1u
/** An ::sc_application ready to hand to a filler: its version set, the rest zero. */
#define SC_APPLICATION_INIT { .version = SC_APPLICATION_VERSION }

/**
 * A candidate applies for an offering of an open announcement.
 *
 * @param[out] id     the new application's id; may be NULL.
 * @param db          the registry.
 * @param actor       the candidate themself (scope: @p id_number).
 * @param announcement the announcement's id.
 * @param id_number   the candidate's resident ID number; the record must be
 *                    stored (sc_candidate_save()).
 * @param occupation  the occupation code (any accepted form, or an alias).
 * @param work_type   the work type, NULL or "" when undivided.
 * @param level       1–5.
 * @param path        an ::sc_path.
 * @param evidence    what a special path rests on (required for
 *                    SC_PATH_EXCEPTIONAL and SC_PATH_DIRECT, up to 1023 bytes),
 *                    NULL for the normal path.
 * @param date        the application day; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL (malformed argument); ::SC_ENOTFOUND
 *         (announcement, candidate record); ::SC_ECONSTRAINT (announcement not
 *         open that day or not listing the offering; the organization may not
 *         certify it that day on that path — the message gives the reason;
 *         a special path without evidence); ::SC_EEXISTS (an open application
 *         of this person for this offering); ::SC_EDENIED (not the candidate
 *         themself); ::SC_EDB. On failure the registry is unchanged.
 * @since 0.1
 */
SC_EXTERN int sc_application_apply(int64_t *id, sc_db *db, const sc_actor *actor,
                                   int64_t announcement, const char *id_number,
                                   const char *occupation, const char *work_type, int level,
                                   int path, const char *evidence, const char *date);

/**
 * The organization applies for a candidate (代为报名), handing in the
 * candidate's record, which is saved (created, or replacing the stored one)
 * in the same transaction. Checked as sc_application_apply().
 *
 * @param[out] id      the new application's id; may be NULL.
 * @param db           the registry.
 * @param actor        the organization that published the announcement.
 * @param announcement the announcement's id.
 * @param record       the candidate's record; only read (the caller keeps it).
 * @param occupation   the occupation code (any accepted form, or an alias).
 * @param work_type    the work type, NULL or "" when undivided.
 * @param level        1–5.
 * @param path         an ::sc_path.
 * @param evidence     what a special path rests on (required for the special paths).
 * @param date         the application day; NULL for today.
 * @return as sc_application_apply() (::SC_EINVAL also for a NULL record);
 *         ::SC_EDENIED when not that organization. On failure the registry,
 *         including the stored record, is unchanged.
 * @since 0.1
 */
SC_EXTERN int sc_application_apply_for(int64_t *id, sc_db *db, const sc_actor *actor,
                                       int64_t announcement, const sc_candidate *record,
                                       const char *occupation, const char *work_type,
                                       int level, int path, const char *evidence,
                                       const char *date);

/**
 * The organization verifies an application (资格核实): eligibility is decided
 * (sc_eligibility_decide()) on the stored record with the rules in force on
 * @p date and the organization's special-path rules confirmed by then
 * (sc_org_rules_confirmed_get()). Eligible: VERIFIED, recording the matched
 * condition and the decision's sentence. Not eligible: REJECTED, recording
 * the reason code and the decision's sentence, which is also the reason.
 * Both are a success; read the outcome with sc_application_get().
 *
 * @param[out] eligible  1 when found eligible, 0 when not; may be NULL.
 * @param db        the registry.
 * @param actor     the organization applied to.
 * @param id        the application, SUBMITTED.
 * @param date      the verification day, on or after the application day; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (application); ::SC_ECONSTRAINT
 *         (not SUBMITTED; date before the application); ::SC_EDENIED; ::SC_EDB;
 *         ::SC_ENOMEM. On failure the registry is unchanged.
 * @since 0.1
 */
SC_EXTERN int sc_application_verify(int *eligible, sc_db *db, const sc_actor *actor, int64_t id,
                                    const char *date);

/**
 * Verify many applications in one transaction (a season's intake), each as
 * sc_application_verify(). If any id fails, nothing changes.
 *
 * @param[out] verified  how many were found eligible (the others of the @p n
 *                       were rejected as not eligible); may be NULL.
 * @param db        the registry.
 * @param actor     the organization every application was made to.
 * @param ids       the applications, each SUBMITTED, no id twice.
 * @param n         how many (0 is allowed and changes nothing).
 * @param date      the verification day; NULL for today.
 * @return as sc_application_verify(); the error names the failing id and its
 *         position. Ownership: @p ids is only read.
 * @since 0.1
 */
SC_EXTERN int sc_application_verify_batch(size_t *verified, sc_db *db, const sc_actor *actor,
                                          const int64_t *ids, size_t n, const char *date);

/**
 * The bureau of the organization's district confirms an application (报名确认).
 * @param db     the registry.
 * @param actor  the district bureau where the organization is registered.
 * @param id     the application, VERIFIED.
 * @param date   the confirmation day, on or after the verification; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (not VERIFIED;
 *         date before verification); ::SC_EDENIED (another district, another
 *         kind of actor); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_application_confirm(sc_db *db, const sc_actor *actor, int64_t id,
                                     const char *date);

/**
 * Confirm many applications in one transaction, each as
 * sc_application_confirm(). If any id fails, nothing changes.
 * @param db     the registry.
 * @param actor  the district bureau of every application's organization.
 * @param ids    the applications, each VERIFIED, no id twice.
 * @param n      how many (0 is allowed and changes nothing).
 * @param date   the confirmation day; NULL for today.
 * @return as sc_application_confirm(); the error names the failing id and its
 *         position. Ownership: @p ids is only read.
 * @since 0.1
 */
SC_EXTERN int sc_application_confirm_batch(sc_db *db, const sc_actor *actor, const int64_t *ids,
                                           size_t n, const char *date);

/**
 * Reject an application with a reason: the organization at SUBMITTED (its
 * verification refuses it), the bureau of the organization's district at
 * VERIFIED (its confirmation refuses it).
 * @param db      the registry.
 * @param actor   the organization, or its district bureau, as the step says.
 * @param id      the application.
 * @param reason  why, non-empty, up to 1023 bytes.
 * @param date    the day; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (confirmed
 *         or closed; date before the last step); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_application_reject(sc_db *db, const sc_actor *actor, int64_t id,
                                    const char *reason, const char *date);

/**
 * The candidate withdraws their open application, with a reason.
 * @param db      the registry.
 * @param actor   the candidate themself.
 * @param id      the application (SUBMITTED, VERIFIED or CONFIRMED).
 * @param reason  why, non-empty, up to 1023 bytes.
 * @param date    the day; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (closed;
 *         date before the last step; confirmed and enrolled in a session that
 *         has no result for the candidate yet: the result decides it);
 *         ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_application_withdraw(sc_db *db, const sc_actor *actor, int64_t id,
                                      const char *reason, const char *date);

/**
 * The organization withdraws an open application made to it (for the
 * candidate, e.g. at their request), with a reason.
 * @param db      the registry.
 * @param actor   the organization applied to.
 * @param id      the application (SUBMITTED, VERIFIED or CONFIRMED).
 * @param reason  why, non-empty, up to 1023 bytes.
 * @param date    the day; NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (closed;
 *         date before the last step; enrolled without a result yet, as
 *         sc_application_withdraw()); ::SC_EDENIED (another organization, or
 *         not an organization); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_application_withdraw_for(sc_db *db, const sc_actor *actor, int64_t id,
                                          const char *reason, const char *date);

/**
 * An application by id.
 * @param[out] out  the application (the caller's storage).
 * @param db        the registry.
 * @param id        its id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_application_get(sc_application *out, sc_db *db, int64_t id);

/** What to select; every field left empty (0, "") selects everything. */
typedef struct sc_application_query {
    unsigned int version;                        /**< SC_APPLICATION_QUERY_VERSION; first */
    char credit_code[SC_CREDIT_CODE_SIZE];       /**< the organization, or "" */
    int64_t announcement;                        /**< the announcement's id, or 0 */
    char id_number[SC_ID_NUMBER_SIZE];           /**< the candidate, or "" */
    char occupation[SC_OCCUPATION_CODE_SIZE];    /**< the occupation code, or "" */
    int level;                                   /**< 1–5, or 0 */
    int state;                                   /**< an ::sc_application_state, or 0 */
    char batch_id[SC_BATCH_ID_SIZE];             /**< the candidate batch, or "" */
} sc_application_query;

#define SC_APPLICATION_QUERY_VERSION 1
#define SC_APPLICATION_QUERY_INIT { SC_APPLICATION_QUERY_VERSION, "", 0, "", "", 0, 0, "" }

/**
 * Fill @p q with an empty query (select everything) of structure version
 * @p version (for the bindings, which cannot use SC_APPLICATION_QUERY_INIT).
 * @param[out] q     the query (the caller's storage).
 * @param version    SC_APPLICATION_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (NULL or unknown version). Thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_application_query_init(sc_application_query *q, unsigned int version);

/** Iterator over applications. Opaque. */
typedef struct sc_application_iter sc_application_iter;

/**
 * Iterate over the applications a query selects, in order of id.
 * @param[out] out  the iterator; NULL on failure. Caller frees with
 *                  sc_application_iter_free(); it keeps @p db alive.
 * @param db        the registry.
 * @param q         the query; NULL selects every application. Copied.
 * @return ::SC_OK; ::SC_EINVAL (unknown query version, malformed field);
 *         ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_application_iter_new(sc_application_iter **out, sc_db *db,
                                      const sc_application_query *q);

/**
 * Next application.
 * @param[out] out  the application (the caller's storage).
 * @param it        the iterator.
 * @return ::SC_OK; ::SC_ITEROVER at the end; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_application_iter_next(sc_application *out, sc_application_iter *it);

/**
 * Free an application iterator.
 * @param it  the iterator; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_application_iter_free(sc_application_iter *it);

/**
 * How many applications a query selects.
 * @param[out] out  the count.
 * @param db        the registry.
 * @param q         the query; NULL counts every application.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_application_count_get(int64_t *out, sc_db *db, const sc_application_query *q);

/* ---- Exchange documents (xml.h) -------------------------------------------------- */

/**
 * The candidate batch (::SC_DOC_CANDIDATE_BATCH, urn:skillcert:candidate-batch:1)
 * an organization sends its district for confirmation: every VERIFIED
 * application of announcement @p announcement, in order of id, with each
 * candidate's record. The document validates against schemas/candidate-batch.xsd.
 *
 * @param[out] out  NUL-terminated UTF-8 document; caller frees with sc_free().
 * @param[out] len  its length without the NUL; may be NULL.
 * @param db        the registry.
 * @param announcement  the announcement.
 * @param batch_id  the document's batch id: letters, digits, '.', '_', ':', '-',
 *                  up to 127 bytes.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (announcement); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_application_batch_export_memory(char **out, size_t *len, sc_db *db,
                                                 int64_t announcement, const char *batch_id);

/**
 * As sc_application_batch_export_memory(), to a file (replaced).
 * @param db          the registry.
 * @param announcement as sc_application_batch_export_memory().
 * @param batch_id    as sc_application_batch_export_memory().
 * @param path  the file.
 * @return as sc_application_batch_export_memory(); ::SC_EIO.
 * @since 0.1
 */
SC_EXTERN int sc_application_batch_export_file(sc_db *db, int64_t announcement,
                                               const char *batch_id, const char *path);

/**
 * The district's answer (::SC_DOC_CONFIRMATION, urn:skillcert:confirmation:1)
 * to an organization: each application of announcement @p announcement that
 * its district confirmed (a completed one included, as confirmed) or
 * rejected at confirmation, in order of id. The
 * document validates against schemas/confirmation.xsd.
 *
 * @param[out] out  NUL-terminated UTF-8 document; caller frees with sc_free().
 * @param[out] len  its length without the NUL; may be NULL.
 * @param db        the registry.
 * @param announcement  the announcement.
 * @param batch_id  the answer's own batch id.
 * @param answers   the candidate batch answered: only applications sent in
 *                  it; NULL for every application decided by the district.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (announcement); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_application_confirmation_export_memory(char **out, size_t *len, sc_db *db,
                                                        int64_t announcement,
                                                        const char *batch_id,
                                                        const char *answers);

/**
 * As sc_application_confirmation_export_memory(), to a file (replaced).
 * @param db          the registry.
 * @param announcement as sc_application_confirmation_export_memory().
 * @param batch_id    as sc_application_confirmation_export_memory().
 * @param answers     as sc_application_confirmation_export_memory().
 * @param path  the file.
 * @return as sc_application_confirmation_export_memory(); ::SC_EIO.
 * @since 0.1
 */
SC_EXTERN int sc_application_confirmation_export_file(sc_db *db, int64_t announcement,
                                                      const char *batch_id, const char *answers,
                                                      const char *path);

SC_END_DECL

#endif /* SKILLCERT_APPLICATION_H */
