/* Shared declarations of the Check suites and test helpers. */
#ifndef CHECK_SUITES_H
#define CHECK_SUITES_H

#include <check.h>
#include "skillcert.h"

Suite *sc_errors_suite(void);
Suite *sc_store_suite(void);
Suite *sc_roles_suite(void);
Suite *sc_catalog_suite(void);
Suite *sc_xml_suite(void);
Suite *sc_candidate_suite(void);
Suite *sc_eligibility_suite(void);
Suite *sc_org_suite(void);
Suite *sc_audit_suite(void);
Suite *sc_authz_suite(void);
Suite *sc_pki_suite(void);
Suite *sc_pki_exchange_suite(void);
Suite *sc_assessment_suite(void);
Suite *sc_certificate_suite(void);
Suite *sc_application_suite(void);
Suite *sc_exchange_suite(void);
Suite *sc_report_xml_suite(void);
Suite *sc_xml_org_suite(void);
Suite *sc_supervision_suite(void);
Suite *sc_e2e_suite(void);
Suite *sc_render_suite(void);
Suite *sc_reliability_suite(void);
Suite *sc_alloc_suite(void);
Suite *sc_authz_import_suite(void);
Suite *sc_versions_suite(void);     /* issue 13: versioned structs */

/* Test cases too slow for `make check`; check_main.c runs them as the "slow"
   suite when SC_CHECK_SLOW is set (`make check-slow`). They are always built. */
TCase *sc_application_slow_tcase(void);

/* Helpers (check_main.c). */
sc_actor *t_actor(int kind, const char *scope);
sc_db *t_newdb(void);         /* a new registry: no anchor, not development */
void t_development(sc_db *db); /* the bureau switches it to development */
sc_db *t_memdb(void);         /* a development registry (t_newdb + t_development) */
sc_db *t_clone_db(sc_db *src); /* an in-memory copy of src */
sc_db *t_notice_db(void);       /* in-memory registry with the notice's catalog */
char *t_tmpfile(const char *suffix); /* a fresh path in a temp dir; free() it */
char *t_data_path(const char *name); /* tests/data/NAME in the source tree; free() it */
/* Count rows of a table with plain SQL (white-box). */
long t_count(sc_db *db, const char *sql);
/* Every row of every table as text (white-box), to show that a refused call
 * changed nothing; free() it. */
char *t_dump(sc_db *db);
/* Whether case i of a large matrix runs: every case, or with SC_TEST_SAMPLE=K in
 * the environment every K-th (scripts/test.sh's valgrind pass; the plain and
 * sanitizer passes run them all). */
int t_sampled(unsigned long i);
/* Import doc (strlen) as actor, diagnostics into rep (cleared first). */
int t_import(sc_db *db, const sc_actor *actor, const char *doc, sc_import_result *r,
             sc_report *rep);
/* A copy of doc with the first `what` after `after` replaced by `with`; free() it. */
char *t_edit(const char *doc, const char *after, const char *what, const char *with);
/* The import is refused with `want`, imports no record and changes nothing; the
   first error is at (line, field) when line > 0. */
void t_refused_import(sc_db *db, const sc_actor *actor, const char *doc, int want, int line,
                      const char *field, sc_report *rep);

#define ck_ok(expr)                                                                  \
    do {                                                                             \
        int rc_ = (expr);                                                            \
        ck_assert_msg(rc_ == SC_OK, "%s failed: %d %s", #expr, rc_,                  \
                      sc_error_last()->message);                                     \
    } while (0)

/* A query of the version after QVER: NEW_CALL (which reads q and sets the handle it)
   is refused with SC_EINVAL naming "version", and it is left NULL. */
#define ck_query_version_refused(q, QVER, it, NEW_CALL)                              \
    do {                                                                             \
        int rc_;                                                                     \
        (q).version = (QVER) + 1;                                                    \
        (it) = (void *)1;                                                            \
        rc_ = (NEW_CALL);                                                            \
        ck_assert_msg(rc_ == SC_EINVAL, "%s: %d, wanted SC_EINVAL", #NEW_CALL, rc_); \
        ck_assert_str_eq(sc_error_last()->field, "version");                         \
        ck_assert_ptr_null(it);                                                      \
    } while (0)

#endif
