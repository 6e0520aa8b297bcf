/**
 * @file skillcert/authz.h
 * @brief Who may do what: the library's one table of state-changing actions.
 *
 * Every public function that changes a registry names its actor and is
 * checked against one entry of this table before anything is written; a
 * refusal returns ::SC_EDENIED (error domain ::SC_DOMAIN_AUTH) and changes
 * nothing. The table follows the division of work of the notice (§四) and
 * domain-model §3:
 *
 * - the city bureau (市人社局) changes the catalog, confirms special-path rules,
 *   and may take an organization out of the directory;
 * - the city centre (市职业技能鉴定管理中心) evaluates organizations, publishes
 *   the public notice, files them and issues receipts, rejects applications
 *   it evaluates, and takes organizations out of the directory;
 * - a district bureau recommends, or declines, the applications of the
 *   organizations registered in its own district and confirms their
 *   special-path rules;
 * - an organization acts only for itself: it registers, publishes its rules
 *   and fees, applies (also for added scope, 增项), signs its commitment letter,
 *   manages its staff and submits its special-path rules; it publishes its
 *   intake announcements, applies for candidates (代为报名), verifies their
 *   qualifications (资格核实) and withdraws applications made to it;
 * - a district bureau also confirms (报名确认) or refuses the verified
 *   applications of the organizations registered in its district, and
 *   imports their candidate batches;
 * - a candidate saves their own record, applies and withdraws for themself.
 *
 * The subject of an action fixes the jurisdiction (the "scope relation"):
 * with ::SC_AUTHZ_SUBJECT_ORGANIZATION a district actor must be the bureau of
 * the district where that organization is registered (own district), and an
 * organization actor must be that organization itself (its credit code); the
 * city bureau and city centre act city-wide.
 *
 * Convention (checked by the test suite against libskillcert/skillcert.sym
 * and these headers, so that a new changing call without a rule fails):
 * - a public function that changes a registry takes the registry (`sc_db *`)
 *   and names its actor (`const sc_actor *`), and has an entry here;
 * - a function taking both but only asking a question ends in `_check`
 *   (sc_authz_check());
 * - a function taking `sc_db *` without an actor only reads, and its name
 *   ends in a read or lifecycle word: `_get`, `_lookup`, `_load`, `_check`,
 *   `_verify`, `_may_certify`, `_export_file`, `_export_memory`,
 *   `_render` (draws a file from what it reads), `_iter_new`, `_open`, `_close`;
 * - functions on in-memory values (actors, offering lists, candidate
 *   records, reports) and pure functions (parsers, validators, names) take
 *   no registry.
 */
#ifndef SKILLCERT_AUTHZ_H
#define SKILLCERT_AUTHZ_H

#include "common.h"
#include "db.h"
#include "roles.h"

SC_BEGIN_DECL

/** The bit of an ::sc_actor_kind in ::sc_authz_action.kinds. */
#define SC_AUTHZ_KIND_BIT(kind) (1u << (unsigned)(kind))

/** Size of the name buffers of ::sc_authz_action, including the NUL. */
#define SC_AUTHZ_NAME_SIZE 64
/** Size of the description buffer of ::sc_authz_action, including the NUL. */
#define SC_AUTHZ_TEXT_SIZE 256

/** What an action acts on, which fixes the jurisdiction of scoped actors. */
typedef enum {
    /** Nothing in particular (the catalog, a document): no district or
     *  organization actor can be in scope. */
    SC_AUTHZ_SUBJECT_NONE = 0,
    /** An organization, named by its credit code: a district actor must be
     *  its registered district; an organization actor must be itself. */
    SC_AUTHZ_SUBJECT_ORGANIZATION = 1,
    /** A candidate, named by resident ID number: a candidate actor must be
     *  that person; district and organization actors are never in scope
     *  (their actions on candidates name the organization as subject). */
    SC_AUTHZ_SUBJECT_CANDIDATE = 2
} sc_authz_subject;

/** One entry of the action table. A plain value owned by the caller. */
typedef struct sc_authz_action {
    unsigned int version;  /**< SC_AUTHZ_ACTION_VERSION, first: set by the caller through
                                 SC_AUTHZ_ACTION_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int id;                                 /**< index in the table, 0-based */
    char name[SC_AUTHZ_NAME_SIZE];          /**< "org.recommend"; also the audit action */
    char function[SC_AUTHZ_NAME_SIZE];      /**< the public function, "sc_org_recommend" */
    unsigned int kinds;                     /**< SC_AUTHZ_KIND_BIT() of each allowed kind */
    int subject;                            /**< an ::sc_authz_subject */
    char description[SC_AUTHZ_TEXT_SIZE];   /**< when the action applies, in English */
} sc_authz_action;

/** The version of ::sc_authz_action this library fills (its `version` member). */
#define SC_AUTHZ_ACTION_VERSION 1u
/** An ::sc_authz_action ready to hand to a filler: its version set, the rest zero. */
#define SC_AUTHZ_ACTION_INIT { .version = SC_AUTHZ_ACTION_VERSION }

/**
 * Number of entries in the action table.
 * @return the count (constant for a given library). Thread-safe.
 * @since 0.1
 */
SC_EXTERN size_t sc_authz_action_count(void);

/**
 * Entry @p i of the action table.
 * @param[out] out  the entry (the caller's storage).
 * @param i         0 <= i < sc_authz_action_count().
 * @return ::SC_OK; ::SC_EINVAL (out NULL); ::SC_ENOTFOUND (i out of range).
 * Thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_authz_action_get(sc_authz_action *out, size_t i);

/**
 * Find an entry by action name ("org.recommend").
 * @param[out] out  the entry.
 * @param name      the action name.
 * @return ::SC_OK; ::SC_EINVAL (NULL); ::SC_ENOTFOUND.
 * Thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_authz_action_lookup(sc_authz_action *out, const char *name);

/**
 * Would @p actor be allowed to do action @p name on @p subject? The same
 * check the changing function makes first, without changing anything (the
 * state of the subject, e.g. the step an application is at, is not looked at).
 *
 * @param db       the registry (to find an organization's district).
 * @param actor    who would act.
 * @param name     the action name.
 * @param subject  the organization's credit code, or the candidate's ID
 *                 number, as the entry's subject says; NULL for
 *                 ::SC_AUTHZ_SUBJECT_NONE.
 * @return ::SC_OK (allowed); ::SC_EDENIED (not allowed; sc_error_last() says
 *         why); ::SC_ENOTFOUND (unknown action, or the organization does not
 *         exist when its district is needed); ::SC_EINVAL (NULL actor, missing
 *         subject); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_authz_check(sc_db *db, const sc_actor *actor, const char *name,
                             const char *subject);

SC_END_DECL

#endif /* SKILLCERT_AUTHZ_H */
