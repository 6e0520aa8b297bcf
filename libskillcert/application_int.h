/*
 * Announcement and application internals shared by application.c and the
 * exchange documents (xml_application.c).
 */
#ifndef SC_APPLICATION_INT_H
#define SC_APPLICATION_INT_H

#include "org_int.h"
#include "candidate_int.h"
#include "catalog_int.h"

/* An announcement as stored, with its organization's row id and district. */
typedef struct sc__ann {
    sc_announcement a;
    sqlite3_int64 org_id;
    char district[SC_DISTRICT_CODE_SIZE];
} sc__ann;

/* Read announcement `id` (or, with id 0, the organization's `code`); `date`
 * (valid, not NULL) decides a.open. SC_OK; SC_ENOTFOUND (recorded, field
 * "announcement"); SC_EDB. */
int sc__ann_get(sc_db *db, sqlite3_int64 id, const char *credit_code, const char *code,
                const char *date, sc__ann *out);

/* Is the announcement open on `date`? 1 or 0; when 0 and why is not NULL,
 * the reason in words. */
int sc__ann_open(const sc_announcement *a, const char *date, char *why, size_t cap);

/* Is `code` a well-formed announcement code (or batch id when batch)? */
int sc__ann_code_ok(const char *code, int batch);

/* Method bits to "theory practical review" (space separated) into buf. */
void sc__methods_text(unsigned int methods, char *buf, size_t cap);

/* Application states written into SQL text: the enum's values (application.h),
 * checked at compile time, so that no query carries a bare number. A literal
 * (not a bound parameter) where the partial index application_open (migration 7:
 * state <= CONFIRMED) must be usable by the planner. */
#define SC__APP_SQL_SUBMITTED "1"
#define SC__APP_SQL_VERIFIED "2"
#define SC__APP_SQL_CONFIRMED "3"
#define SC__APP_SQL_REJECTED "4"
#define SC__APP_SQL_COMPLETED "6"
#define SC__APP_SQL_OPEN "p.state <= " SC__APP_SQL_CONFIRMED
typedef char sc__application_enum_check[(SC_APPLICATION_SUBMITTED == 1 &&
                                         SC_APPLICATION_VERIFIED == 2 &&
                                         SC_APPLICATION_CONFIRMED == 3 &&
                                         SC_APPLICATION_REJECTED == 4 &&
                                         SC_APPLICATION_COMPLETED == 6)
                                            ? 1
                                            : -1];

/* The checks of an application for an offering to announcement `ann` on `date`,
 * whichever door it comes through (sc_application_apply[_for], a candidate
 * batch): the announcement is open, the organization may certify the offering on
 * that path and day (standing, scope), the catalog offers it and the
 * announcement lists it; its canonical occupation code into canon. work_type may
 * be NULL. SC_OK; SC_ESCOPE (scope or standing, field "offering"); SC_ECONSTRAINT
 * (recorded, field "announcement", "path", "offering", or "level": not listed);
 * SC_EDB. */
int sc__application_offer_check(sc_db *db, const sc__ann *ann, const char *occ,
                                const char *work_type, int level, int path, const char *date,
                                char canon[SC_OCCUPATION_CODE_SIZE]);
/* An application on a special path rests on evidence. SC_OK; SC_ECONSTRAINT
 * (recorded, field "evidence"). */
int sc__application_evidence_check(int path, const char *evidence);
/* The organization's standing for verifying an application for the offering on
 * `date` (filed, valid, not suspended, not exited, in scope), whichever door:
 * sc_application_verify[_batch], or a candidate batch (the verification it
 * records). SC_OK; SC_ESCOPE (recorded, field "id"); SC_ECONSTRAINT; SC_EDB. */
int sc__application_verify_check(sc_db *db, const char *credit_code, const char *occupation,
                                 const char *work_type, int level, int path, const char *date);
/* Full rows of applications: the column list and joins, and the filler. */
#define SC__APP_COLS                                                                          \
    "p.id, p.announcement_id, a.code, o.credit_code, c.id_number, c.name, p.occupation, "    \
    "p.work_type, p.level, p.path, p.evidence, p.state, p.applied, p.applied_by, p.verified, " \
    "p.verified_by, p.eligibility, p.eligibility_reason, p.decision, p.confirmed, "          \
    "p.confirmed_by, p.ended, p.ended_by, p.ended_at, p.reason, p.batch_id"
#define SC__APP_FROM                                                                          \
    " FROM application p JOIN announcement a ON a.id = p.announcement_id "                    \
    "JOIN org o ON o.id = p.org_id JOIN candidate c ON c.id = p.candidate_id "
void sc__app_fill(sc_application *out, sqlite3_stmt *st);

/* The bulk path of a candidate batch (xml_application.c), inside the caller's
 * transaction: a verified application of the announcing organization, new or
 * the same open one sent again from another batch (updated). *changed: 1 when
 * recorded; 0 when an open application stands in the way (unique per person
 * and offering) and SC_OK is still returned. SC_OK; SC_EDB (recorded). */
typedef struct sc__app_in {
    const char *id_number, *occupation, *work_type, *evidence, *applied, *verified;
    const char *eligibility, *applied_by, *batch_id;
    sqlite3_int64 org_id, announcement_id;
    int level, path;
} sc__app_in;
int sc__application_receive(sc_db *db, const sc__app_in *in, int *changed);

/* The district's answer on a verified application (报名确认), replayed inside the
 * caller's transaction: confirmed (VERIFIED -> CONFIRMED) or rejected
 * (VERIFIED -> REJECTED with `reason`) on `date` by `by`, for the person's
 * latest application to announcement `announcement_id` for the offering. The
 * same checks as the direct calls (sc_application_confirm, sc_application_reject
 * at confirmation): it awaits the answer and `date` is not before its last step.
 * batch_id (may be NULL) replaces the batch id. *changed: 1 when it changed, 0
 * when this registry has the same answer already (SC_OK). SC_OK; SC_ENOTFOUND
 * (no such application); SC_ECONSTRAINT (the check's refusal, field "state" or
 * "date"); SC_EDB. */
int sc__application_answer(sc_db *db, const char *id_number, sqlite3_int64 announcement_id,
                           const char *occupation, const char *work_type, int level,
                           int confirm, const char *date, const char *by,
                           const char *batch_id, const char *reason, int *changed);

/* The rules and the confirmed special paths of a day, kept across the claims of
 * one run (a batch import, a confirmation batch); zero it before the first use
 * and free it with sc__claim_cache_free. */
typedef struct sc__claim_cache {
    sc_ruleset *rules;
    sc_decision *decision;
    char day[SC_DATE_SIZE];
    char code[SC_CREDIT_CODE_SIZE];
    unsigned int confirmed;
} sc__claim_cache;
void sc__claim_cache_free(sc__claim_cache *cc);

/* The claim an application was verified on (a condition of the standard, or the
 * special path's name), decided again on the record this registry holds for
 * `id_number`, with the rules in force on the verification day `verified` and
 * the special paths confirmed for organization `credit_code` then, as
 * sc_application_verify decides it (issue 11). `record` (may be NULL: read from
 * the registry) is that record when the caller has it at hand, exactly as stored
 * (a batch's <records> just stored by sc__candidate_store_adding, which keeps
 * nothing `c` lacks). A claim with no record behind it
 * never passes: with `need_record`, a person of whom this registry holds no
 * record at all is refused before any rule is read; otherwise the rules decide
 * (a condition needing no record may pass). SC_OK; SC_ECONSTRAINT (recorded,
 * field "eligibility"); SC_ENOTFOUND (no such person, field "id-number"); SC_EDB. */
int sc__application_claim_check(sc_db *db, sc__claim_cache *cc, const char *credit_code,
                                const char *id_number, const char *occupation,
                                const char *work_type, int level, int path, const char *claim,
                                const char *verified, int need_record,
                                const sc_candidate *record);

/* What assessment tells the application it is linked to (application.c owns
 * the table; these run inside the caller's transaction, with no authorization
 * or audit of their own). SC_OK; SC_EDB. */
/* The candidate is enrolled in `session_id` on the application. */
int sc__application_sitting(sc_db *db, sqlite3_int64 id, sqlite3_int64 session_id);
/* The session's result is recorded: the application no longer sits on it;
 * a pass completes it (CONFIRMED -> COMPLETED on `date` by `by` with
 * `reason`); an application no longer CONFIRMED is left as it is. *completed:
 * 1 when it was completed. */
int sc__application_result(sc_db *db, sqlite3_int64 id, sqlite3_int64 session_id, int passed,
                           const char *date, const char *by, const char *reason,
                           int *completed);

#endif
