/*
 * Appending to the audit trail (include/skillcert/audit.h). Every change
 * appends inside its own transaction, after its checks and writes.
 */
#ifndef SC_AUDIT_INT_H
#define SC_AUDIT_INT_H

#include "store_int.h"

/* Append one entry. Must run inside a transaction (sc__db_begin); the detail
 * is formatted like printf and cut to SC_AUDIT_DETAIL_SIZE - 1 bytes at a
 * character boundary. actor may be NULL ("system"). */
int sc__audit_append(sc_db *db, const sc_actor *actor, const char *entity,
                     const char *entity_id, const char *action, const char *fmt, ...)
    SC__PRINTF(6, 7);

/* The entry for an imported XML batch (one per batch): its actor is the receiver
 * (the importing actor); its detail names the document's issuer, whose acts the
 * import replayed, the receiver, and the SHA-256 fingerprint of the signer's
 * certificate when the import verified a signature (issue 12; "signer=-" when the
 * registry has no trust anchor): "doctype=... batch=... signer=ab12... records=N
 * issuer=organization:X receiver=district:Y". */
int sc__audit_import(sc_db *db, const sc_actor *actor, const sc_actor *issuer,
                     const char *doctype, const char *batch_id, uint64_t records,
                     const char *signer_fp);

#endif
