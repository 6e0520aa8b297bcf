/*
 * Candidate internals shared with the eligibility engine (and the
 * benchmark's floor loop): the record's layout, packed occupation codes and
 * day-number calendar arithmetic.
 */
#ifndef SC_CANDIDATE_INT_H
#define SC_CANDIDATE_INT_H

#include "store_int.h"

/* An occupation code "D-DD-DD-DD" packed into an integer DDDDDDD (0: none). */
typedef int32_t sc__occ;

/* A day: days since 1970-01-01. */
typedef int32_t sc__day;
#define SC__DAY_NONE INT32_MAX  /* an open end ("still working") */

typedef struct {
    int kind;
    unsigned int flags;
    sc__day graduated;        /* SC__DAY_NONE when not given */
    char *major, *graduated_s;
} sc__edu;

typedef struct {
    sc__occ occ;
    sc__day from, to_excl;    /* [from, to_excl): to_excl is the day after the last, or NONE */
    char *occupation, *from_s, *to_s;
} sc__work;

typedef struct {
    int kind, level;
    sc__occ occ;
    sc__day issued;
    char *occupation, *work_type, *issued_s, *number;
} sc__cert;

typedef struct {
    int kind, grade;
    sc__occ occ;              /* 0 when none */
    sc__day date;
    char *occupation, *date_s, *description;
} sc__evidence;

struct sc_candidate {
    char id_number[19];
    char birth_date[11];
    sc__day birth;
    int sex;
    char *name;
    sc__edu *edu;
    size_t n_edu, cap_edu;
    sc__work *work;           /* sorted by from (stable) */
    size_t n_work, cap_work;
    sc__cert *cert;
    size_t n_cert, cap_cert;
    sc__evidence *ev;
    size_t n_ev, cap_ev;
    sc__occ appr_occ;         /* 0 when none */
    sc__day appr_date;
    char *appr_occupation, *appr_date_s;
};

/* Pack a normalised code; 0 when it is not D-DD-DD-DD. */
sc__occ sc__occ_pack(const char *code);
/* Parse a code in any accepted form into a packed value and the ASCII form
 * (norm may be NULL). SC_EINVAL recorded when malformed. */
int sc__occ_parse(const char *code, sc__occ *out, char norm[16]);

/* Calendar on day numbers. */
sc__day sc__day_from_civil(int y, int m, int d);
void sc__civil_from_day(sc__day day, int *y, int *m, int *d);
/* Parse "YYYY-MM-DD" (must be valid) into a day number. */
sc__day sc__day_parse(const char *s);
/* Format a day into buf[11]. */
void sc__day_format(sc__day day, char buf[11]);
/* The day n months after `day`; a missing day of month is the month's last. */
sc__day sc__add_months(sc__day day, int n);
/* Whole months from a to b (b >= a), with the remaining days. */
int sc__months_between(sc__day a, sc__day b, int *rest_days);

/* Resident ID check into parts; SC_EINVAL recorded. */
int sc__resident_id_check(const char *text, sc_resident_id *out);

/* Create or replace a stored record inside the caller's transaction, without
 * an actor check (the caller made it; actor labels the row, NULL "system").
 * *id (may be NULL): its row id; *created (may be NULL): 1 when new. */
int sc__candidate_store(sc_db *db, const sc_actor *actor, const sc_candidate *c,
                        sqlite3_int64 *id, int *created);

/* As sc__candidate_store, for an organization handing in the record of a
 * candidate it applies for (sc_application_apply_for, a candidate batch): it
 * may add to a stored record but never overwrite what is there (saved by the
 * candidate, the city centre or anyone): every stored entry must be in `c`,
 * with the same name and apprenticeship. SC_OK; SC_ECONSTRAINT (recorded,
 * naming the first entry `c` would drop); SC_EDB. */
int sc__candidate_store_adding(sc_db *db, const sc_actor *actor, const sc_candidate *c,
                               sqlite3_int64 *id, int *created);

/* The bulk path of a candidate batch (xml_application.c): record the person of
 * a checked resident ID with `name`, or rename the one recorded, at `now` by
 * `by`, inside the caller's transaction. *fresh (may be NULL): the new row's id
 * when the person was not recorded before (nothing is stored of them), else 0.
 * SC_OK; SC_EDB (recorded). */
int sc__candidate_receive(sc_db *db, const sc_resident_id *rid, const char *name,
                          const char *now, const char *by, sqlite3_int64 *fresh);

/* As sc__candidate_store_adding, for the person just recorded as row `id` by
 * sc__candidate_receive (fresh: nothing of theirs is stored, so nothing can be
 * overwritten): the record's entries are added, by `actor`, inside the
 * caller's transaction. SC_OK; SC_EDB. */
int sc__candidate_store_fresh(sc_db *db, const sc_actor *actor, sqlite3_int64 id,
                              const sc_candidate *c);

#endif
