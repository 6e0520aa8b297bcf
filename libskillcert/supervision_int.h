/*
 * Quality supervision internals shared by supervision.c, supervision_names.c,
 * credit_eval.c, period_report.c and the exchange layer (include/skillcert/supervision.h).
 */
#ifndef SC_SUPERVISION_INT_H
#define SC_SUPERVISION_INT_H

#include "assessment_int.h"
#include "credit_eval_int.h"

/* One iterator type for every list of the module. */
enum {
    SC__SIT_SUPERVISION = 1,
    SC__SIT_INSPECTION,
    SC__SIT_FINDING,
    SC__SIT_SANCTION,
    SC__SIT_CREDIT
};

/* The public handle of every list of supervision and credit: the generic
 * row iterator of the store (store_int.h). */
struct sc_supervision_iter {
    sc__rows r;
};

/* Each row kind has its own public iterator type (a wrong pairing is a
 * compile error); each wraps the shared row reader as its only member. */
struct sc_inspection_iter {
    struct sc_supervision_iter rows;
};
struct sc_finding_iter {
    struct sc_supervision_iter rows;
};
struct sc_sanction_iter {
    struct sc_supervision_iter rows;
};
struct sc_credit_iter {
    struct sc_supervision_iter rows;
};

/* Make an iterator of `kind` over `sql` (the caller binds it->r.st). */
static inline int sc__supervision_iter_make(sc_supervision_iter **out, sc_db *db,
                                            const char *sql, int kind)
{
    sc__rows *r = NULL;
    int rc = sc__rows_new(&r, sizeof(sc_supervision_iter), db, sql, kind);
    /* r is the first member of the struct it allocated. */
    *out = (sc_supervision_iter *)(void *)r;
    return rc;
}

/* Step an iterator of `kind`: SC_OK (a row), SC_ITEROVER, SC_EINVAL, SC_EDB. */
static inline int sc__supervision_iter_step(sc_supervision_iter *it, int kind, const char *func)
{
    return sc__rows_step(it ? &it->r : NULL, kind, func);
}

/* "label (name)" of an actor for the registry. */
void sc__actor_text(const sc_actor *a, char out[SC_ACTOR_TEXT_SIZE]);

/* 1 when `code` is a category of the published list. */
int sc__finding_category_known(const char *code);
/* Chinese name of a category, "" when unknown. */
const char *sc__finding_category_zh(const char *code);

/* The acts of a supervision-findings document (xml_report.c), replayed: an
 * inspection, its findings and their entities as the inspecting authority
 * recorded them, through the checks of the direct calls (the target's form;
 * a finding's category, severity and evidence, its inspection open and the day
 * not before it; a withdrawal once, not before the finding; a closing once, not
 * before the opening), inside the caller's transaction; the import authorizes
 * the issuer and appends one audit entry. The tables are this module's. SC_OK;
 * SC_EINVAL, SC_ECONSTRAINT, SC_ENOTFOUND (the direct call's refusal); SC_EDB. */
int sc__inspection_receive(sc_db *db, sqlite3_int64 org_id, int kind, const char *target,
                           const char *opened, const char *opened_by, const char *note,
                           const char *scanned, sqlite3_int64 *id);
/* The scan date moves forward only. */
int sc__inspection_receive_scan(sc_db *db, sqlite3_int64 id, const char *scanned);
int sc__inspection_receive_close(sc_db *db, sqlite3_int64 id, const char *closed,
                                 const char *closed_by, const char *conclusion);
int sc__finding_receive(sc_db *db, sqlite3_int64 inspection_id, sqlite3_int64 org_id,
                        const char *category, int severity, const char *evidence,
                        const char *date, const char *recorded_by, sqlite3_int64 *id);
int sc__finding_receive_withdrawal(sc_db *db, sqlite3_int64 id, const char *date,
                                   const char *reason);
int sc__finding_entity_receive(sc_db *db, sqlite3_int64 finding_id, long long seq,
                               const char *ref);

#endif
