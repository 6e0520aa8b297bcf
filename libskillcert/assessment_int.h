/*
 * Assessment and certificate internals shared by assessment.c, bank.c,
 * certificate.c and xml_certificate.c.
 */
#ifndef SC_ASSESSMENT_INT_H
#define SC_ASSESSMENT_INT_H

#include "org_int.h"
#include "catalog_int.h"

/* One row reader for sessions, their staff, enrolments, results and
 * paper items: a prepared statement the iterator owns, and what it yields. */
enum {
    SC__IT_SESSIONS = 1,
    SC__IT_STAFF,
    SC__IT_ENROLMENTS,
    SC__IT_RESULTS,
    SC__IT_PAPER_ITEMS
};

struct sc_session_iter {
    sc_db *db;
    sqlite3_stmt *st;
    int kind;
};

/* Each row kind has its own public iterator type (a wrong pairing is a
 * compile error); each wraps the shared row reader as its only member. */
struct sc_session_staff_iter {
    struct sc_session_iter rows;
};
struct sc_enrolment_iter {
    struct sc_session_iter rows;
};
struct sc_paper_item_iter {
    struct sc_session_iter rows;
};
struct sc_result_iter {
    struct sc_session_iter rows;
};

/* Make an iterator of `kind` over `sql` (bound by the caller through it->st). */
int sc__session_iter_make(sc_session_iter **out, sc_db *db, const char *sql, int kind);

/* A session as stored, with its organization's row id. */
typedef struct sc__session_row {
    sc_session s;
    sqlite3_int64 org_id;
} sc__session_row;

/* Load a session. SC_OK; SC_ENOTFOUND (recorded); SC_EDB. */
int sc__session_load(sc_db *db, sqlite3_int64 id, sc__session_row *row);

/* Canonical code of an occupation (aliases resolved) into out.
 * SC_OK; SC_EINVAL (malformed); SC_ENOTFOUND (recorded); SC_EDB. */
int sc__occupation_canon(sc_db *db, const char *code, char out[SC__CODE_SIZE]);

/* The rule in force for a component (see sc_component_rule_get). */
int sc__component_rule(sc_db *db, const char *occupation, int component,
                       sc_component_rule *out);

/* Fill a verdict that says no. */

/* The enrolment of a candidate in a session. SC_OK; SC_ENOTFOUND (recorded); SC_EDB. */
int sc__enrolment_load(sc_db *db, sqlite3_int64 session_id, const char *id_number,
                       sc_enrolment *out);

/* Normalise a resident ID number (checked) into out[19]. SC_OK or SC_EINVAL. */
int sc__id_number_norm(const char *in, char out[19]);

/* Did `id_number` (normalised) pass a session of organization `org_id` for
 * (occupation, work_type: "" when undivided, level), the result recorded on or before
 * `by` (as sc_certificate_report requires of the day certified)?
 * *passed 1 or 0. SC_OK; SC_EDB. Certificates are issued only on such a
 * result (谁评价谁负责谁发证), wherever they are recorded. */
int sc__result_passed(sc_db *db, sqlite3_int64 org_id, const char *id_number,
                      const char *occupation, const char *work_type, int level, const char *by,
                      int *passed);

/* The acts of a results report (xml_report.c), replayed in the receiving registry
 * through the same checks as the direct calls (issue 11: one door), inside the caller's
 * transaction; the import authorizes the issuer and appends one audit entry for the
 * document, so these have no authorization or audit of their own. The tables are this
 * module's. SC_OK; SC_ESCOPE, SC_ECONSTRAINT, SC_EEXISTS (the direct call's refusal,
 * recorded with its field); SC_EDB. */

/* Facts that hold for a whole import, kept by the caller (zeroed before the first
 * record) so that a million results do not re-read the same session and standing:
 * the session last checked and the last day its organization stood for it. Safe
 * because a results report changes neither sessions' state nor standing. */
typedef struct sc__result_memo {
    sc__session_row row; /* row.s.id 0: none yet */
    char stood[SC_DATE_SIZE];
    int pass[4];         /* the pass scores of its components (-1: none) */
} sc__result_memo;

/* A venue registered (sc_venue_register's checks: in the organization's district, a
 * name not used). */
int sc__venue_receive(sc_db *db, const sc__org_row *org, const char *name,
                      const char *address, const char *district, int rooms, const char *date,
                      sqlite3_int64 *id);
/* A session held (sc_session_create's checks but for the venue's inspection, which
 * sc__session_confirm_receive makes with the confirmation's: the venue the
 * organization's and large enough, the organization standing for the offering on the day
 * at the venue); recorded confirmed, created and confirmed on its day. */
int sc__session_receive(sc_db *db, const sc__org_row *org, const char *occupation,
                        const char *work_type, int level, int path, const char *date,
                        sqlite3_int64 venue_id, int rooms, unsigned int flags,
                        sqlite3_int64 *id);
/* A staff member assigned to a component of a session the report records
 * (sc_session_staff_add's checks: the session has the component, the person not assigned
 * yet, on the organization's staff on the session day in a role fit for it, qualified
 * for the offering); `role` (0: not said) must be the role so found. A refusal when the
 * registry holds no staff of the organization that day says so: its staff are filed
 * here first (no document carries them). */
int sc__session_staff_receive(sc_db *db, sqlite3_int64 session_id, int component,
                              const char *person_id, int role);
/* The confirmation of a session the report records, with all its candidates and staff
 * recorded (sc_session_confirm's check, the same message: the venue passed its latest
 * inspection on or before the day, candidates enrolled, each component staffed in the
 * standard's number by people fit for it). A refusal names what the registry lacks
 * (the organization's staff, the venue's inspection), to be recorded here first. */
int sc__session_confirm_receive(sc_db *db, sqlite3_int64 session_id);
int sc__enrolment_receive(sc_db *db, sqlite3_int64 session_id, const char *id_number,
                          const char *name, int attempt, unsigned int components,
                          const char *date);
/* A result recorded (sc_result_record's checks: the session confirmed, the day not before
 * it, the organization standing for the offering on the day, no result yet), passed or
 * not by the same pass rule (*passed); score[1..3]: theory, practical, review
 * (SC_SCORE_NONE: not taken). `memo` may be NULL. */
int sc__result_receive(sc_db *db, sc__result_memo *memo, sqlite3_int64 session_id,
                       const char *id_number, const double score[4], unsigned int carried,
                       const char *recorded, int *passed);

/* Text of a level as printed on certificates: "三级/高级工". */
void sc__level_text(int level, char *out, size_t cap);

#endif
