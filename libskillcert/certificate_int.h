/*
 * Certificates exchanged between registries (xml_exchange.c): the city's
 * registry receives an organization's issued certificates under their own
 * numbers; an organization's registry records the city's publication or
 * refusal. These run inside the caller's transaction, neither authorize nor
 * append audit entries (the import authorizes its actor and appends one entry
 * per batch), and record failures with the field concerned.
 */
#ifndef SC_CERTIFICATE_INT_H
#define SC_CERTIFICATE_INT_H

#include "assessment_int.h"

typedef struct sc__cert_in {
    const char *number, *credit_code, *holder, *id_number, *occupation, *work_type;
    const char *certified, *issued, *photo; /* photo may be NULL */
    int level;
} sc__cert_in;

/* Record an issued certificate reported elsewhere under its own number (its
 * site and sequence then belong to the organization here too), or check that
 * the one recorded under that number has the same content. *status: the
 * status it had (0 when newly recorded). SC_OK; SC_EINVAL; SC_ENOTFOUND
 * (organization); SC_ECONSTRAINT (content differs; number inconsistent with
 * level, year or site; the organization may not certify it then); SC_EDB. */
int sc__certificate_receive(sc_db *db, const sc__cert_in *c, int *status);

/* ISSUED -> PUBLISHED on date (already published on that date: unchanged). */
int sc__certificate_set_published(sc_db *db, const char *number, const char *date);

/* Revoke with a reason on date (already revoked so: unchanged). */
int sc__certificate_set_revoked(sc_db *db, const char *number, const char *reason,
                                const char *date);

#endif
