/*
 * Certificates exchanged between registries (xml_exchange.c): the city's
 * registry receives an organization's issued certificates under their own
 * numbers; an organization's registry records the city's publication or
 * refusal. Each replays an act through the same checks as its direct call
 * (issue 11: one door; certificate.c's issue_check, publish_check and
 * revoke_check), inside the caller's transaction; they neither authorize nor
 * append audit entries (the import authorizes the document's issuer and appends
 * one entry per batch), and record failures with the field concerned.
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
 * status it had (0 when newly recorded). The checks of sc_certificate_report
 * (standing on the day certified, a passed result held here) and of
 * sc_certificate_issue (standing on the day issued; a certificate held here as
 * reported is issued through issue_check). SC_OK; SC_EINVAL; SC_ENOTFOUND
 * (organization); SC_ESCOPE (outside scope or standing on either day);
 * SC_ECONSTRAINT (content differs; number inconsistent with level, year or
 * site; no passed result); SC_EDB. */
int sc__certificate_receive(sc_db *db, const sc__cert_in *c, int *status);

/* ISSUED -> PUBLISHED on date, sc_certificate_publish's checks (already published on
 * that date: unchanged). */
int sc__certificate_set_published(sc_db *db, const char *number, const char *date);

/* Revoke with a reason on date, sc_certificate_revoke's checks (already revoked so:
 * unchanged). */
int sc__certificate_set_revoked(sc_db *db, const char *number, const char *reason,
                                const char *date);

#endif
