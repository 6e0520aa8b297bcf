/*
 * The begin-change helper (change.c), beside authz and audit: authorize and
 * begin; audit and commit; or roll back.
 */
#ifndef SC_CHANGE_INT_H
#define SC_CHANGE_INT_H

#include "store_int.h"

/* Authorize `actor` for `action` (SC__ACT_*) on `subject` (a credit code, or
 * NULL) and begin the change's transaction. On failure nothing is open:
 * SC_EDENIED (error from authz), SC_EINVAL, SC_EDB. */
int sc__change_begin(sc_db *db, const sc_actor *actor, int action, const char *subject);

/* Append the change's one audit entry (entity, entity_id, the action's name,
 * detail formatted like printf) and commit; on failure everything is rolled
 * back. Returns the status. */
int sc__change_commit(sc_db *db, const sc_actor *actor, int action, const char *entity,
                      const char *entity_id, const char *fmt, ...) SC__PRINTF(6, 7);

/* Roll the change back after a failure; returns rc. */
int sc__change_fail(sc_db *db, int rc);

#endif
