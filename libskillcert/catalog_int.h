/*
 * Catalog internals used by the XML exchange layer, which applies many
 * changes inside one transaction after checking the actor once.
 */
#ifndef SC_CATALOG_INT_H
#define SC_CATALOG_INT_H

#include "store_int.h"

#define SC__CODE_SIZE 16

/* Normalise an occupation code into out; SC_EINVAL (recorded) when malformed. */
int sc__occupation_code_norm(const char *in, char out[SC__CODE_SIZE]);

/* Unchecked changes (actor checked by the caller; must run inside a transaction
 * for atomicity). Arguments are validated; codes may be in any accepted form. */
int sc__catalog_add_occupation(sc_db *db, const char *code, const char *name,
                               const char *effective);
int sc__catalog_add_work_type(sc_db *db, const char *code, const char *work_type,
                              const char *effective);
int sc__catalog_add_offering(sc_db *db, const char *code, const char *work_type, int level,
                             const char *effective);
int sc__catalog_add_alias(sc_db *db, const char *alias, const char *code);
/* Withdraw the occupation (work_type NULL, level 0), a work type (level 0) or an offering. */
int sc__catalog_withdraw(sc_db *db, const char *code, const char *work_type, int level,
                         const char *date);

#endif
