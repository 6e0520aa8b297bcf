/* The rendered certificate (render.h): the QR code's content, the files
 * written by sc_certificate_render() and its refusals. The page's text and
 * QR code are read back by independent tools in tests/cli/test-render.sh. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "assess_fixture.h"
#include "sc_int.h"

static char dir[64];

static void render_setup(void)
{
    fx_setup();
    snprintf(dir, sizeof dir, "/tmp/check-render-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void render_teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    fx_teardown();
}

/* A certificate reported (and, when issue, issued and published) for candidate 1. */
static void cert(char num[SC_CERT_NUMBER_SIZE], int issue)
{
    char id[19];
    int64_t s;
    fx_candidates(1, 1);
    s = fx_ready_session("2024-03-01", 1, 1);
    fx_pass(s, 1, 1, "2024-03-01");
    fx_id(id, 1);
    ck_ok(sc_certificate_report(num, fx.db, fx.org, s, id, "2024-03-10"));
    if (issue) {
        ck_ok(sc_certificate_issue(fx.db, fx.org, num, "sha256:photo", "2024-03-15"));
        ck_ok(sc_certificate_publish(fx.db, fx.centre, num, "2024-04-01"));
    }
}

static int starts_with_file(const char *path, const char *magic)
{
    char buf[16] = { 0 };
    FILE *f = fopen(path, "rb");
    size_t n;
    if (f == NULL)
        return 0;
    n = fread(buf, 1, strlen(magic), f);
    fclose(f);
    return n == strlen(magic) && memcmp(buf, magic, n) == 0;
}

START_TEST(test_render_qr_text)
{
    char *t = NULL;
    ck_ok(sc_certificate_qr_text(&t, " s000011000001244000001 ", "王芳",
                                 "https://verify.example.org/city//"));
    ck_assert_str_eq(t, "https://verify.example.org/city/?v=1&number=S000011000001244000001"
                        "&name=%E7%8E%8B%E8%8A%B3");
    sc_free(t);
    ck_ok(sc_certificate_qr_text(&t, "S000011000001244000001", "Li Ming-x_y.z~", NULL));
    ck_assert_str_eq(t, SC_VERIFY_URL_DEFAULT
                     "/?v=1&number=S000011000001244000001&name=Li%20Ming-x_y.z~");
    sc_free(t);
}
END_TEST

START_TEST(test_render_qr_text_refuses)
{
    char *t = (char *)"x";
    static const char *const urls[] = { "ftp://x", "http://", "https:///", "javascript:1",
                                        "http://x/a b", "http://x/\"", "http://x/<", "http://x?q",
                                        "http://x/#f" };
    char longurl[260];
    size_t i;
    ck_assert_int_eq(sc_certificate_qr_text(&t, "S1", "王芳", NULL), SC_EINVAL);
    ck_assert_ptr_null(t);
    ck_assert_int_eq(sc_certificate_qr_text(&t, "S000011000001244000001", "", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_qr_text(&t, "S000011000001244000001", "\xff\xfe", NULL),
                     SC_EINVAL);
    for (i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        ck_assert_msg(sc_certificate_qr_text(&t, "S000011000001244000001", "王芳", urls[i])
                      == SC_EINVAL, "%s accepted", urls[i]);
        ck_assert_ptr_null(t);
    }
    memset(longurl, 'a', sizeof longurl - 1);
    memcpy(longurl, "http://", 7);
    longurl[sizeof longurl - 1] = '\0';
    ck_assert_int_eq(sc_certificate_qr_text(&t, "S000011000001244000001", "王芳", longurl),
                     SC_EINVAL);
    ck_assert_int_eq(sc_certificate_qr_text(NULL, "S000011000001244000001", "王芳", NULL),
                     SC_EINVAL);
    ck_assert_int_eq(sc_certificate_qr_text(&t, NULL, "王芳", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_qr_text(&t, "S000011000001244000001", NULL, NULL),
                     SC_EINVAL);
}
END_TEST

START_TEST(test_render_qr_text_nomem)
{
    char *t = NULL;
    long n;
    for (n = 0;; n++) {
        int rc;
        sc__mem_fail_after(n);
        rc = sc_certificate_qr_text(&t, "S000011000001244000001", "王芳", NULL);
        sc__mem_fail_after(-1);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(t);
    }
    sc_free(t);
}
END_TEST

START_TEST(test_render_formats)
{
    static const char *const names[] = { "c.pdf", "c.svg", "c.PNG", "c.anything" };
    static const char *const magic[] = { "%PDF-", "<?xml", "\x89PNG", "%PDF-" };
    char num[SC_CERT_NUMBER_SIZE], path[128];
    size_t i;
    cert(num, 1);
    for (i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        ck_ok(sc_certificate_render(fx.db, num, path, "https://verify.example.org"));
        ck_assert_msg(starts_with_file(path, magic[i]), "%s is not what its name says", names[i]);
    }
    /* Rendering again replaces the file; a revoked one renders too. */
    ck_ok(sc_certificate_revoke(fx.db, fx.centre, num, "信息有误", "2024-05-01"));
    snprintf(path, sizeof path, "%s/c.pdf", dir);
    ck_ok(sc_certificate_render(fx.db, num, path, NULL));
    ck_assert(starts_with_file(path, "%PDF-"));
}
END_TEST

START_TEST(test_render_refusals)
{
    char num[SC_CERT_NUMBER_SIZE], path[128];
    struct stat st;
    cert(num, 0);
    snprintf(path, sizeof path, "%s/r.pdf", dir);
    ck_assert_int_eq(sc_certificate_render(fx.db, num, path, NULL), SC_ECONSTRAINT);
    ck_assert_str_eq(sc_error_last()->field, "status");
    ck_assert_int_ne(stat(path, &st), 0);
    ck_assert_int_eq(sc_certificate_render(fx.db, "S000011000001244000099", path, NULL),
                     SC_ENOTFOUND);
    ck_assert_int_eq(sc_certificate_render(fx.db, "S0000", path, NULL), SC_EINVAL);
    ck_ok(sc_certificate_issue(fx.db, fx.org, num, NULL, "2024-03-15"));
    ck_assert_int_eq(sc_certificate_render(fx.db, num, path, "gopher://x"), SC_EINVAL);
    ck_assert_int_ne(stat(path, &st), 0);
    snprintf(path, sizeof path, "%s/no-such-dir/r.pdf", dir);
    ck_assert_int_eq(sc_certificate_render(fx.db, num, path, NULL), SC_EIO);
    ck_assert_int_eq(sc_certificate_render(NULL, num, path, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_render(fx.db, NULL, path, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_render(fx.db, num, NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_render(fx.db, num, "", NULL), SC_EINVAL);
}
END_TEST

Suite *sc_render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("qr");
    tcase_add_test(tc, test_render_qr_text);
    tcase_add_test(tc, test_render_qr_text_refuses);
    tcase_add_test(tc, test_render_qr_text_nomem);
    suite_add_tcase(s, tc);
    tc = tcase_create("files");
    tcase_add_checked_fixture(tc, render_setup, render_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_render_formats);
    tcase_add_test(tc, test_render_refusals);
    suite_add_tcase(s, tc);
    return s;
}
