/*
 * Eligibility internals: the stored form of rule sets (written by the XML
 * exchange layer, xml_eligibility.c) and the compiled form decisions read.
 */
#ifndef SC_ELIGIBILITY_INT_H
#define SC_ELIGIBILITY_INT_H

#include "candidate_int.h"

/* Bounds, also enforced by schemas/eligibility.xsd. */
#define SC__MAX_CONDS 16   /* alternative conditions per level (and work type) */
#define SC__MAX_PREDS 6    /* predicates per condition */

/* Predicate kinds. */
enum {
    SC__P_WORK = 1,        /* <work years=N/> */
    SC__P_CERT = 2,        /* <certificate level= work-years= held-years= kinds=/> */
    SC__P_EDU = 3,         /* <education kinds= related= evaluated= final-year=/> */
    SC__P_APPR = 4,        /* <apprenticeship/> */
    SC__P_AGE = 5,         /* <age min= max=/> */
    SC__P_COMP = 6,        /* <competition scope= result=/> */
    SC__P_TRAIN = 7,       /* <training level=/> */
    SC__P_VET = 8          /* <veteran rank=/> */
};

/* A predicate as imported (XML attribute values, already schema-valid). */
typedef struct sc__pred_spec {
    const char *kind;      /* element name */
    int years, held_years, level, min_age, max_age;   /* 0: not given */
    const char *kinds;     /* space-separated tokens, or NULL */
    int related, evaluated, final_year;               /* 0/1 */
    const char *scope, *result, *rank;                /* tokens, or NULL */
} sc__pred_spec;

/* Storage (no actor check: the importer checks it; run inside a transaction). */
int sc__elig_add_ruleset(sc_db *db, const char *name, const char *occupation,
                         const char *standard, const char *effective, const char *withdrawn,
                         const char *confidence, const char *batch, sqlite3_int64 *id);
int sc__elig_add_related(sc_db *db, sqlite3_int64 ruleset, const char *occupation);
int sc__elig_add_condition(sc_db *db, sqlite3_int64 ruleset, int level, const char *work_type,
                           int seq, const char *id, const char *clause, const char *confidence,
                           sqlite3_int64 *out);
int sc__elig_add_predicate(sc_db *db, sqlite3_int64 condition, int seq, const sc__pred_spec *p);
/* Check a predicate's attributes beyond the schema; SC_EINVAL recorded. */
int sc__elig_check_predicate(const sc__pred_spec *p);

/* The built-in rules (resources.c, generated from data/ and schemas/). */
extern const char sc__schema_eligibility[];
extern const size_t sc__schema_eligibility_len;
extern const char sc__data_eligibility_default[];
extern const size_t sc__data_eligibility_default_len;

#endif
