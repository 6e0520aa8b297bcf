/* Actors. */
#include "config.h"
#include <string.h>
#include "check_suites.h"
#include "sc_int.h"

START_TEST(test_roles_actor_new)
{
    sc_actor *a = NULL;
    ck_ok(sc_actor_new(&a, SC_ACTOR_DISTRICT, "110108", "海淀区人社局"));
    ck_assert_int_eq(sc_actor_kind_of(a), SC_ACTOR_DISTRICT);
    ck_assert_str_eq(sc_actor_scope(a), "110108");
    ck_assert_str_eq(sc_actor_name(a), "海淀区人社局");
    ck_assert_str_eq(sc_actor_label(a), "district:110108");
    sc_actor_free(a);
    ck_ok(sc_actor_new(&a, SC_ACTOR_CITY_BUREAU, NULL, NULL));
    ck_assert_str_eq(sc_actor_label(a), "city-bureau");
    ck_assert_str_eq(sc_actor_scope(a), "");
    sc_actor_free(a);
}
END_TEST

START_TEST(test_roles_actor_errors)
{
    sc_actor *a = (sc_actor *)1;
    ck_assert_int_eq(sc_actor_new(NULL, SC_ACTOR_PUBLIC, NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_actor_new(&a, 0, NULL, NULL), SC_EINVAL);
    ck_assert_ptr_null(a);
    ck_assert_int_eq(sc_actor_new(&a, 99, NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_actor_new(&a, SC_ACTOR_DISTRICT, NULL, NULL), SC_EINVAL);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "district code"));
    ck_assert_int_eq(sc_actor_new(&a, SC_ACTOR_ORGANIZATION, "", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_actor_new(&a, SC_ACTOR_CITY_CENTRE, "110108", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_actor_new(&a, SC_ACTOR_CANDIDATE, "1101\xc3", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_actor_kind_of(NULL), 0);
    ck_assert_str_eq(sc_actor_kind_name(42), "unknown");
}
END_TEST

START_TEST(test_roles_actor_enomem_loop)
{
    long n;
    for (n = 0;; n++) {
        sc_actor *a = (sc_actor *)1;
        int rc;
        sc__mem_fail_after(n);
        rc = sc_actor_new(&a, SC_ACTOR_ORGANIZATION, "91110108MA01ABCD2X", "org");
        sc__mem_fail_after(-1);
        if (rc == SC_OK) {
            sc_actor_free(a);
            break;
        }
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(a);
    }
    ck_assert_int_eq(n, 4);
}
END_TEST

Suite *sc_roles_suite(void)
{
    Suite *s = suite_create("roles");
    TCase *tc = tcase_create("actors");
    tcase_add_test(tc, test_roles_actor_new);
    tcase_add_test(tc, test_roles_actor_errors);
    tcase_add_test(tc, test_roles_actor_enomem_loop);
    suite_add_tcase(s, tc);
    return s;
}
