/*
 * A change to the registry, from its start to its audit entry: the one
 * begin-change helper beside authz and audit. Every operation that changes the
 * registry authorizes the actor for its action, begins one transaction, does
 * its writes, appends one audit entry named after the action and commits, or
 * rolls everything back. Beside every floor: calls only authz, audit and the
 * store.
 */
#include "change_int.h"
#include "audit_int.h"
#include "authz_int.h"

#include <stdarg.h>
#include <stdio.h>

int sc__change_begin(sc_db *db, const sc_actor *actor, int action, const char *subject)
{
    int rc;
    if ((rc = sc__authorize(db, actor, action, subject)) != SC_OK)
        return rc;
    return sc__db_begin(db);
}

int sc__change_commit(sc_db *db, const sc_actor *actor, int action, const char *entity,
                      const char *entity_id, const char *fmt, ...)
{
    /* Twice the detail: sc__audit_append cuts it on a character boundary. */
    char detail[SC_AUDIT_DETAIL_SIZE * 2];
    va_list ap;
    int rc;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    if ((rc = sc__audit_append(db, actor, entity, entity_id, sc__action_name(action), "%s",
                               detail)) != SC_OK) {
        sc__db_rollback(db);
        return rc;
    }
    return sc__db_commit(db);
}

int sc__change_fail(sc_db *db, int rc)
{
    sc__db_rollback(db);
    return rc;
}
