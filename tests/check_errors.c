/* Error model: codes, messages, the per-thread last error, reports. */
#include "config.h"
#include <pthread.h>
#include <string.h>
#include "check_suites.h"
#include "sc_int.h"

START_TEST(test_errors_strerror_every_code)
{
    static const int codes[] = { SC_OK, SC_ERROR, SC_ENOMEM, SC_EINVAL, SC_ENOTFOUND,
                                 SC_EEXISTS, SC_ECONSTRAINT, SC_EXML, SC_EINVALIDDOC, SC_EDB,
                                 SC_EDENIED, SC_EVERSION, SC_ENOTREGISTRY, SC_EBUSY, SC_EIO,
                                 SC_ESCOPE,
                                 SC_ITEROVER };
    size_t i, j;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        ck_assert_str_ne(sc_strerror(codes[i]), "unknown status");
        for (j = 0; j < i; j++)
            ck_assert_str_ne(sc_strerror(codes[i]), sc_strerror(codes[j]));
    }
    ck_assert_str_eq(sc_strerror(-999), "unknown status");
}
END_TEST

START_TEST(test_errors_last_and_clear)
{
    sc_db *db = NULL;
    sc_error_clear();
    ck_assert_int_eq(sc_error_last()->code, SC_OK);
    ck_assert_str_eq(sc_error_last()->message, "");
    ck_assert_int_eq(sc_db_open(NULL, ":memory:", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_error_last()->code, SC_EINVAL);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "out"));
    ck_assert_str_eq(sc_error_last()->field, "out");
    sc_error_clear();
    ck_assert_int_eq(sc_error_last()->code, SC_OK);
    (void)db;
}
END_TEST

static void *thread_body(void *arg)
{
    (void)arg;
    sc_error_clear();
    sc__error_set(SC_EDB, SC_DOMAIN_DB, "in the thread");
    return NULL;
}

START_TEST(test_errors_thread_local)
{
    pthread_t t;
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "in main");
    ck_assert_int_eq(pthread_create(&t, NULL, thread_body, NULL), 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(sc_error_last()->code, SC_ENOTFOUND);
    ck_assert_str_eq(sc_error_last()->message, "in main");
}
END_TEST

START_TEST(test_errors_message_truncated_on_utf8_boundary)
{
    char big[3000];
    size_t i, n;
    for (i = 0; i + 3 < sizeof big; i += 3)
        memcpy(big + i, "码", 3);
    big[i] = '\0';
    sc__error_set(SC_ERROR, SC_DOMAIN_NONE, "%s", big);
    n = strlen(sc_error_last()->message);
    ck_assert_uint_gt(n, 100);
    ck_assert_int_eq(n % 3, 0);
    ck_assert(sc__utf8_valid(sc_error_last()->message));
}
END_TEST

START_TEST(test_errors_report)
{
    sc_report *r = NULL;
    ck_assert_int_eq(sc_report_new(NULL), SC_EINVAL);
    ck_ok(sc_report_new(&r));
    ck_assert_uint_eq(sc_report_count(r), 0);
    ck_assert_ptr_null(sc_report_get(r, 0));
    ck_ok(sc__report_add(r, SC_SEVERITY_ERROR, SC_EINVALIDDOC, SC_DOMAIN_SCHEMA, "a.xml", 3, 7,
                         "catalog/occupation[2]/@code", 1839, "bad code"));
    ck_ok(sc__report_add(r, SC_SEVERITY_WARNING, SC_OK, SC_DOMAIN_RULES, "a.xml", 4, 1, "", 0,
                         "legacy code"));
    ck_assert_uint_eq(sc_report_count(r), 2);
    ck_assert_uint_eq(sc_report_error_count(r), 1);
    ck_assert_int_eq(sc_report_get(r, 0)->line, 3);
    ck_assert_int_eq(sc_report_get(r, 0)->column, 7);
    ck_assert_str_eq(sc_report_get(r, 0)->field, "catalog/occupation[2]/@code");
    ck_assert_int_eq(sc_report_severity(r, 1), SC_SEVERITY_WARNING);
    ck_assert_int_eq(sc_report_severity(r, 2), 0);
    sc_report_clear(r);
    ck_assert_uint_eq(sc_report_count(r), 0);
    sc_report_free(r);
    sc_report_free(NULL);
}
END_TEST

START_TEST(test_errors_report_new_enomem)
{
    sc_report *r = (sc_report *)1;
    sc__mem_fail_after(0);
    ck_assert_int_eq(sc_report_new(&r), SC_ENOMEM);
    sc__mem_fail_after(-1);
    ck_assert_ptr_null(r);
}
END_TEST

START_TEST(test_errors_version)
{
    ck_assert_uint_eq(sc_version(), SC_VERSION_HEX);
    ck_assert_str_eq(sc_version_string(), SC_VERSION_STRING);
}
END_TEST

START_TEST(test_errors_free_null)
{
    sc_free(NULL);
    sc_report_free(NULL);
    sc_actor_free(NULL);
    sc_db_close(NULL);
    sc_occupation_free(NULL);
    sc_occupation_iter_free(NULL);
}
END_TEST

Suite *sc_errors_suite(void)
{
    Suite *s = suite_create("errors");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_errors_strerror_every_code);
    tcase_add_test(tc, test_errors_last_and_clear);
    tcase_add_test(tc, test_errors_thread_local);
    tcase_add_test(tc, test_errors_message_truncated_on_utf8_boundary);
    tcase_add_test(tc, test_errors_report);
    tcase_add_test(tc, test_errors_report_new_enomem);
    tcase_add_test(tc, test_errors_version);
    tcase_add_test(tc, test_errors_free_null);
    suite_add_tcase(s, tc);
    return s;
}
