/*
 * Organization internals shared by district.c, credit_code.c, offerings.c,
 * org.c and staff.c.
 */
#ifndef SC_ORG_INT_H
#define SC_ORG_INT_H

#include "store_int.h"
#include "authz_int.h"
#include "audit_int.h"

/* ---- districts (district.c) ---- */
/* Resolve a district code, old code or name into its current code.
 * SC_OK; SC_EINVAL; SC_ENOTFOUND (recorded, field `what`); SC_EDB. */
int sc__district_resolve(sc_db *db, const char *text, const char *what,
                         char out[SC_DISTRICT_CODE_SIZE]);

/* ---- credit codes (credit_code.c) ---- */
/* Structure only (length, alphabet, digits 3-8), upper-cased into out; no
 * checksum. SC_OK or SC_EINVAL (recorded, field "credit_code"). */
int sc__credit_code_norm(const char *in, char out[SC_CREDIT_CODE_SIZE]);

/* ---- offering lists (offerings.c) ---- */
struct sc_offerings {
    sc_offering_item *items;
    size_t n, cap;
};
/* Append without normalising (items read from the registry). */
int sc__offerings_push(sc_offerings *s, const char *occupation, const char *work_type, int level);
/* 1 when s holds (occupation, work_type, level) exactly. */
int sc__offerings_has(const sc_offerings *s, const char *occupation, const char *work_type, int level);
/* Check that an item is certifiable in the catalog on date and give its
 * canonical occupation code (aliases resolved). SC_OK; SC_ECONSTRAINT
 * (recorded with the catalog's reason, field `what`); other errors. */
int sc__offering_certifiable(sc_db *db, const sc_offering_item *item, const char *date,
                               const char *what, char canon[SC_OCCUPATION_CODE_SIZE]);
/* Describe a scope for the audit trail: "4-02-07-10:5,4 4-04-05-04/建筑工程:3". */
void sc__offerings_describe(const sc_offerings *s, char *buf, size_t cap);

/* ---- organizations (org.c) ---- */
typedef struct sc__org_row {
    sqlite3_int64 id;
    char code[SC_CREDIT_CODE_SIZE];
    char district[SC_DISTRICT_CODE_SIZE];
} sc__org_row;
/* Find an organization by (normalised) credit code. SC_OK; SC_EINVAL;
 * SC_ENOTFOUND (recorded); SC_EDB. */
int sc__org_find(sc_db *db, const char *credit_code, sc__org_row *row);

/* The organization's standing on `date` for an act on an offering: filed,
 * committed, valid, not suspended, not exited, the offering in its scope (and
 * the venue in Beijing, the special path confirmed), as sc_org_may_certify()
 * decides. SC_OK; SC_ESCOPE (recorded in SC_DOMAIN_RULES with `field`: "%s may
 * not <act> ... on <date>: <reason>"), the one status of every act refused for
 * scope or standing; SC_ECONSTRAINT for the other refusals (the catalog does
 * not offer it, the special path's level or rules); SC_EINVAL; SC_EDB. */
int sc__org_require_standing(sc_db *db, const char *credit_code, const char *occupation,
                             const char *work_type, int level, const char *date,
                             const char *venue, int path, const char *act, const char *field);
/* 1 when a verdict's reason is the organization's scope or standing
 * (SC_REASON_ORG_UNKNOWN .. SC_REASON_OUT_OF_REGION): refused with SC_ESCOPE. */
int sc__org_standing_reason(int reason);

/* Acts replicated from the filing workflow documents (xml_org.c). org.c owns the org,
 * filing, filing_scope and filing_step tables: the exchange layer records another
 * registry's acts only through these, inside the import's transaction, after it has
 * authorized the document's issuer (sc__xml_authorize) and checked the workflow's rules.
 * SC_OK; SC_EINVAL; SC_EDB (error set). */
/* The checks of sc_org_apply[_addition] for the replay of an application
 * (kind SC_FILING_INITIAL or _ADDITION) of organization org_id on `date` for the
 * canonical scope: one application at a time, an initial one without a filing in
 * force, an addition within one for offerings not yet in its scope (its
 * commitment may still be on its way: signed at the organization). *base_id: the
 * addition's base filing (0 for an initial one). SC_OK; SC_ECONSTRAINT (recorded,
 * field "date", "kind" or "scope"); SC_EINVAL; SC_EDB. */
int sc__filing_apply_check(sc_db *db, sqlite3_int64 org_id, int kind, const sc_offerings *scope,
                           const char *date, sqlite3_int64 *base_id);
/* The checks of sc_org_register for an organization a document brings (credit
 * code, legacy only when `legacy`; name; kind; district): the normalised code,
 * the district's current code, and whether the code is a legacy one. SC_OK;
 * SC_EINVAL (recorded, field "credit_code", "name", "kind" or "district");
 * SC_ENOTFOUND; SC_EDB. */
int sc__org_register_check(sc_db *db, const char *credit_code, const char *name, int kind,
                           const char *district, int legacy, char code[SC_CREDIT_CODE_SIZE],
                           char dist[SC_DISTRICT_CODE_SIZE], int *is_legacy);
/* The check of sc_org_evaluate for a granted offering (canonical code) of the
 * application of `code` recorded as filing_id: it was requested. SC_OK;
 * SC_ECONSTRAINT (recorded, field "scope"); SC_EINVAL; SC_EDB. */
int sc__filing_grant_check(sc_db *db, sqlite3_int64 filing_id, const char *code,
                           const sc_offering_item *item);
/* The checks of the direct steps (sc_org_recommend, _evaluate, _notice, _file,
 * _commit, _reject: a step is not dated before the previous one) for the steps of
 * filing_id of `code` that a document replays: days[step] the day of each step
 * (SC_FILING_RECOMMENDED..SC_FILING_ACTIVE; NULL or "" when not taken), checked in
 * order from the filing's present step; rejected the day of a rejection ("" or NULL
 * for none). *at (may be NULL): the step refused. SC_OK; SC_ECONSTRAINT (recorded with
 * the direct call's words, field "date"); SC_ENOTFOUND; SC_EINVAL; SC_EDB. */
int sc__filing_steps_check(sc_db *db, sqlite3_int64 filing_id, const char *code,
                           const char *const days[SC_FILING_ACTIVE + 1], const char *rejected,
                           int *at);
/* The checks of sc_org_file (an addition's base in force on the filing day, the
 * filing not dated before the previous step) and sc_org_commit (not before the
 * filing) for a directory listing filing_id as filed on `filed` (committed: the
 * commitment's day or ""), base_id its base (0: the filing's own). Steps already
 * recorded here are not checked again. *at (may be NULL): SC_FILING_FILED or
 * SC_FILING_ACTIVE, the step refused. SC_OK; SC_ECONSTRAINT (recorded with the
 * direct call's words, field "date"); SC_ENOTFOUND; SC_EINVAL; SC_EDB. */
int sc__filing_listing_check(sc_db *db, sqlite3_int64 filing_id, sqlite3_int64 base_id,
                             const char *filed, const char *committed, int *at);
/* A new organization, as registered elsewhere; *id its row. */
int sc__org_replicate(sc_db *db, const char *code, const char *name, int kind,
                      const char *district, const char *registered, int legacy,
                      sqlite3_int64 *id);
/* The organization's newer name. */
int sc__org_rename(sc_db *db, sqlite3_int64 org_id, const char *name);
/* An application (APPLIED) with its requested scope; *id the filing. */
int sc__filing_replicate(sc_db *db, sqlite3_int64 org_id, int kind, sqlite3_int64 base_id,
                         const char *applied, const sc_offerings *requested,
                         sqlite3_int64 *id);
/* The granted flags of the filing's scope: exactly `granted` (insert: recording rows the
 * scope lacks). */
int sc__filing_grant(sc_db *db, sqlite3_int64 filing_id, const sc_offerings *granted,
                     int insert);
/* A step taken by `who` (the party, and how it came here). */
int sc__filing_step_replicate(sc_db *db, sqlite3_int64 filing_id, int step, const char *date,
                              const char *who, const char *note);
/* The district's decision: RECOMMENDED on date, or REJECTED with its reason, after
 * the checks of sc_org_recommend / sc_org_reject at that step (the filing is
 * APPLIED, date not before it): SC_ECONSTRAINT (recorded, field "date"). */
int sc__filing_decided_by_district(sc_db *db, sqlite3_int64 filing_id, int refused,
                                   const char *date, const char *reason);
/* The city's outcome: status and the step days of f (recommended kept when set). */
int sc__filing_outcome(sc_db *db, sqlite3_int64 filing_id, int status, const sc_filing *f);
/* Listed in the directory: FILED or ACTIVE with receipt and validity. */
int sc__filing_listed(sc_db *db, sqlite3_int64 filing_id, int status, const char *filed,
                      const char *receipt, const char *valid_until, const char *committed,
                      sqlite3_int64 base_id);
/* The checks of sc_org_exit for the exit of filing_id on date that a directory no
 * longer listing it replays: in the directory on that day, the exit not dated before
 * the filing's last step. SC_OK; SC_ECONSTRAINT (recorded with the direct call's words,
 * field "date"); SC_ENOTFOUND; SC_EINVAL; SC_EDB. */
int sc__filing_exit_check(sc_db *db, sqlite3_int64 filing_id, const char *date);
/* No longer listed in the directory: EXITED (退出目录) on date. */
int sc__filing_unlisted(sc_db *db, sqlite3_int64 filing_id, const char *date,
                        const char *reason);

/* Suspensions of certification (暂停认定): the supervision module, which decides
 * them, tells org (which decides whether an organization may certify) through these;
 * org never reads supervision's tables. `ref` is supervision's reference (the
 * sanction id); until NULL or "": until lifted. Run inside the caller's transaction.
 * SC_OK; SC_EINVAL; SC_EDB. */
int sc__org_suspend(sc_db *db, sqlite3_int64 org_id, sqlite3_int64 ref, const char *since,
                    const char *until);
int sc__org_suspension_lift(sc_db *db, sqlite3_int64 ref, const char *lifted);

/* Certificate sites (cert_site, owned here): the 6-digit site sequence of an
 * organization's certificate numbers, given in order when it is filed (sc_org_file,
 * a filing listed or recorded from a document), before any certificate. Run inside
 * the caller's transaction.
 * sc__org_site_get: *site the organization's site, 0 when it has none yet.
 * sc__org_site_assign: the site, given now (assigned on date) when it has none;
 *   site may be NULL.
 * sc__org_site_claim: a site named by another registry's document (`what`, e.g.
 *   "certificate S...", reported on `field`) is the organization's: taken when it has
 *   none and nobody here holds it; SC_ECONSTRAINT (recorded, listing the known sites)
 *   when it names another site.
 * SC_OK; SC_ECONSTRAINT; SC_EINVAL; SC_EDB (error set). */
int sc__org_site_get(sc_db *db, sqlite3_int64 org_id, int *site);
int sc__org_site_assign(sc_db *db, sqlite3_int64 org_id, const char *date, int *site);
int sc__org_site_claim(sc_db *db, sqlite3_int64 org_id, int site, const char *what,
                       const char *field, const char *date);

/* Validates an optional date (NULL: today) into buf. */
int sc__date_arg(const char *date, const char *what, char buf[SC_DATE_SIZE]);

#endif
