/*
 * Credit evaluation internals (credit_eval.c), for supervision.c (which
 * tells the credit evaluation that a finding changed), the period report and
 * the exchange layer (xml_credit.c, the credit document).
 */
#ifndef SC_CREDIT_EVAL_INT_H
#define SC_CREDIT_EVAL_INT_H

#include "assessment_int.h"

/* After a finding of organization `org_id` dated `date` was recorded or
 * withdrawn: recompute its stored scores of every date on or after `date`
 * and re-rank those lists. Inside the caller's transaction. *n: lists touched. */
int sc__credit_refresh(sc_db *db, sqlite3_int64 org_id, const char *date, int *n);

/* The score of every organization registered by `date`, ranked (best first,
 * then credit code), computed now and not stored. *out: caller frees. */
int sc__credit_scores_as_of(sc_db *db, const char *date, sc_credit_score **out, size_t *n);

/* The date of a stored list: as_of checked, or the latest. SC_ENOTFOUND when
 * none was computed. */
int sc__credit_list_date(sc_db *db, const char *as_of, char out[SC_DATE_SIZE]);

/* One weight of the scoring model. */
typedef struct {
    char category[64];
    int severity;
    double points;
} sc__credit_weight;

/* Every stored weight, by category and severity. *out: caller frees (free). */
int sc__credit_weights(sc_db *db, sc__credit_weight **out, size_t *n);

#endif
