/* The registries and exchange documents of tests/check_authz.c, lent to the
 * authorization matrix through every import (tests/check_authz_import.c). */
#ifndef SC_TEST_AUTHZ_FIXTURE_H
#define SC_TEST_AUTHZ_FIXTURE_H

#include "check_suites.h"

/* The organization every fixture document is about (海淀区 110108). */
#define T_AUTHZ_ORG "91110108MA01ABCD2H"

/* Build every registry state and document once (slow); free them again. */
void t_authz_fixture_build(void);
void t_authz_fixture_free(void);

/* The document of `doctype` as its genuine issuer exported it, and the registry
 * state where its genuine import applies (borrowed: clone it before changing it).
 * SC_OK, or SC_ENOTFOUND for a type the fixture has no document of. */
int t_authz_fixture_doc(int doctype, const char **doc, sc_db **receiving);

/* A registry where the organization and its district are known (for sc_authz_check). */
sc_db *t_authz_fixture_known(void);

/* A copy of a registry (the caller closes it). */
sc_db *t_authz_fixture_clone(sc_db *src);

#endif
