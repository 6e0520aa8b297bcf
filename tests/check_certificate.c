/* Certificates: numbers, the workflow from reporting to publication,
 * revocation and re-issue, public verification, statistics, the electronic
 * certificate, and numbering from two processes at once. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "assess_fixture.h"
#include "store_int.h"

static long rows(const char *sql)
{
    return t_count(fx.db, sql);
}

/* Candidates first..last pass a level-4 session held on `date`. */
static int64_t passed(int first, int last, const char *date)
{
    int64_t s;
    fx_candidates(first, last);
    s = fx_ready_session(date, first, last);
    fx_pass(s, first, last, date);
    return s;
}

static void report_cert(char num[SC_CERT_NUMBER_SIZE], int64_t s, int n, const char *date)
{
    char id[19];
    fx_id(id, n);
    ck_ok(sc_certificate_report(num, fx.db, fx.org, s, id, date));
}

/* Report, issue and publish: a valid certificate. */
static void valid_cert(char num[SC_CERT_NUMBER_SIZE], int64_t s, int n)
{
    report_cert(num, s, n, "2024-03-10");
    ck_ok(sc_certificate_issue(fx.db, fx.org, num, "sha256:photo", "2024-03-15"));
    ck_ok(sc_certificate_publish(fx.db, fx.centre, num, "2024-04-01"));
}

static sc_verification verify(const char *num, const char *name, const char *id)
{
    sc_verification v = SC_VERIFICATION_INIT;
    ck_ok(sc_certificate_verify(&v, fx.db, num, name, id));
    return v;
}

/* ---- numbers and masking (no registry) ---------------------------------------------------- */

START_TEST(test_certificate_number_parse)
{
    sc_cert_number n = SC_CERT_NUMBER_INIT;
    ck_ok(sc_certificate_number_parse(&n, "S000011000001243000001"));
    ck_assert_int_eq(n.kind, 'S');
    ck_assert_str_eq(n.org_code, "0000");
    ck_assert_str_eq(n.province, "11");
    ck_assert_str_eq(n.site, "000001");
    ck_assert_int_eq(n.year, 24);
    ck_assert_int_eq(n.level, 3);
    ck_assert_int_eq(n.sequence, 1);
    ck_ok(sc_certificate_number_parse(&n, " y000123000000195000123 "));
    ck_assert_str_eq(n.number, "Y000123000000195000123");
    ck_assert_str_eq(n.org_code, "0001");
    ck_assert_str_eq(n.province, "23");
    ck_assert_int_eq(n.level, 5);
    ck_assert_int_eq(n.sequence, 123);
    /* Wrong length, letter, level, sequence, characters. */
    ck_assert_int_eq(sc_certificate_number_parse(&n, "S0000110000012430000"), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_number_parse(&n, "S0000110000012430000011"), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_number_parse(&n, "X00001100000124300001"), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_number_parse(&n, "S000011000001246000001"), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_number_parse(&n, "S000011000001240000001"), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_number_parse(&n, "S000011000001243000000"), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_number_parse(&n, "S00001100000124300000A"), SC_EINVAL);
    ck_assert_str_eq(n.number, "");
    ck_assert_int_eq(sc_certificate_number_parse(&n, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_number_parse(NULL, "S000011000001243000001"), SC_EINVAL);
    ck_assert_str_eq(sc_cert_status_name(SC_CERT_PUBLISHED), "published");
    ck_assert_ptr_null(sc_cert_status_name(9));
    ck_assert_str_eq(sc_verify_status_name(SC_VERIFY_NAME_MISMATCH), "name-mismatch");
}
END_TEST

START_TEST(test_certificate_masking)
{
    char m[SC_MASKED_NAME_SIZE], id[SC_MASKED_ID_SIZE];
    ck_ok(sc_certificate_mask_name(m, "张小三"));
    ck_assert_str_eq(m, "张*三");
    ck_ok(sc_certificate_mask_name(m, "李四"));
    ck_assert_str_eq(m, "李*");
    ck_ok(sc_certificate_mask_name(m, "欧阳小明"));
    ck_assert_str_eq(m, "欧**明");
    ck_ok(sc_certificate_mask_name(m, "王"));
    ck_assert_str_eq(m, "*");
    ck_ok(sc_certificate_mask_name(m, "阿卜杜热合曼·买买提艾力克木江"));
    ck_assert_str_eq(m, "阿********江");
    ck_ok(sc_certificate_mask_name(m, "Li Si"));
    ck_assert_str_eq(m, "L***i");
    ck_assert_int_eq(sc_certificate_mask_name(m, "\xff"), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_mask_name(NULL, "x"), SC_EINVAL);
    ck_ok(sc_certificate_mask_id(id, "11010519491231002X"));
    ck_assert_str_eq(id, "110105********002X");
    ck_ok(sc_certificate_mask_id(id, "12345678"));
    ck_assert_str_eq(id, "****5678");
    ck_assert_int_eq(sc_certificate_mask_id(id, "1101051949123100201"), SC_EINVAL);
}
END_TEST

/* ---- the workflow -------------------------------------------------------------------------------- */

/* The certificate's workflow, one step per test: 张小三 (candidate 1) passed
 * session wf.s, 李四 (candidate 2) failed its theory. */
static struct {
    int64_t s;
    char id[19], other[19], num[SC_CERT_NUMBER_SIZE];
} wf;

static void wf_passed(void)
{
    memset(&wf, 0, sizeof wf);
    fx_candidate(1, "张小三");
    fx_candidate(2, "李四");
    fx_id(wf.id, 1);
    fx_id(wf.other, 2);
    wf.s = fx_ready_session("2024-03-01", 1, 2);
    ck_ok(sc_result_record(fx.db, fx.org, wf.s, wf.id, 88, 91, SC_SCORE_NONE, "2024-03-02"));
    ck_ok(sc_result_record(fx.db, fx.org, wf.s, wf.other, 50, 91, SC_SCORE_NONE, "2024-03-02"));
}

/* ... reported on 2024-03-10 (wf.num). */
static void wf_reported(void)
{
    wf_passed();
    ck_ok(sc_certificate_report(wf.num, fx.db, fx.org, wf.s, wf.id, "2024-03-10"));
}

/* ... issued on 2024-03-15 and published on 2024-04-01. */
static void wf_published(void)
{
    wf_reported();
    ck_ok(sc_certificate_issue(fx.db, fx.org, wf.num, "sha256:abcd", "2024-03-15"));
    ck_ok(sc_certificate_publish(fx.db, fx.centre, wf.num, "2024-04-01"));
}

/* A failed candidate, another organization, the centre, a day before the result, an
   unknown session: refused, nothing changed. */
START_TEST(test_certificate_report_refusals)
{
    char dup[SC_CERT_NUMBER_SIZE];
    wf_passed();
    ck_refused(sc_certificate_report(dup, fx.db, fx.org, wf.s, wf.other, "2024-03-10"),
               SC_ECONSTRAINT);
    ck_assert_str_eq(dup, "");
    ck_refused(sc_certificate_report(dup, fx.db, fx.org2, wf.s, wf.id, "2024-03-10"), SC_EDENIED);
    ck_refused(sc_certificate_report(dup, fx.db, fx.centre, wf.s, wf.id, "2024-03-10"),
               SC_EDENIED);
    ck_refused(sc_certificate_report(dup, fx.db, fx.org, wf.s, wf.id, "2024-03-01"),
               SC_ECONSTRAINT);
    ck_refused(sc_certificate_report(dup, fx.db, fx.org, wf.s + 50, wf.id, "2024-03-10"),
               SC_ENOTFOUND);
}
END_TEST

/* The first number of the organization's year; once only; on the result. */
START_TEST(test_certificate_report)
{
    char dup[SC_CERT_NUMBER_SIZE];
    sc_result r = SC_RESULT_INIT;
    wf_reported();
    ck_assert_str_eq(wf.num, "S000011000001244000001");
    ck_refused(sc_certificate_report(dup, fx.db, fx.org, wf.s, wf.id, "2024-03-11"), SC_EEXISTS);
    ck_ok(sc_result_get(&r, fx.db, wf.s, wf.id));
    ck_assert_str_eq(r.certificate, wf.num);
}
END_TEST

/* Reported, not yet public: its record holds the holder and the issuing context. */
START_TEST(test_certificate_reported_record)
{
    sc_verification v = SC_VERIFICATION_INIT;
    sc_certificate c = SC_CERTIFICATE_INIT;
    wf_reported();
    v = verify(wf.num, "张小三", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_NOT_PUBLISHED);
    ck_assert_str_eq(v.masked_name, "张*三");
    ck_assert_str_eq(v.issued, "");
    ck_ok(sc_certificate_get(&c, fx.db, wf.num));
    ck_assert_int_eq(c.status, SC_CERT_REPORTED);
    ck_assert_str_eq(c.title, "职业技能等级证书");
    ck_assert_str_eq(c.holder, "张小三");
    ck_assert_str_eq(c.id_type, "居民身份证");
    ck_assert_str_eq(c.id_number, wf.id);
    ck_assert_str_eq(c.occupation, FX_OCC);
    ck_assert_str_eq(c.occupation_name, FX_OCC_NAME);
    ck_assert_str_eq(c.work_type, "--");
    ck_assert_int_eq(c.level, 4);
    ck_assert_str_eq(c.level_text, "四级/中级工");
    ck_assert_str_eq(c.credit_code, FX_ORG);
    ck_assert_str_eq(c.org_name, "北京智训科技有限公司");
    ck_assert_str_eq(c.district, "110108");
    ck_assert_int_eq(c.session_id, wf.s);
    ck_assert_str_eq(c.certified, "2024-03-10");
}
END_TEST

/* Issued by its organization, not before it was reported, once; still not public. */
START_TEST(test_certificate_issue)
{
    sc_verification v = SC_VERIFICATION_INIT;
    wf_reported();
    ck_refused(sc_certificate_publish(fx.db, fx.centre, wf.num, "2024-03-20"), SC_ECONSTRAINT);
    ck_refused(sc_certificate_issue(fx.db, fx.org2, wf.num, NULL, "2024-03-15"), SC_EDENIED);
    ck_refused(sc_certificate_issue(fx.db, fx.org, wf.num, NULL, "2024-03-09"), SC_ECONSTRAINT);
    ck_ok(sc_certificate_issue(fx.db, fx.org, wf.num, "sha256:abcd", "2024-03-15"));
    ck_refused(sc_certificate_issue(fx.db, fx.org, wf.num, NULL, "2024-03-16"), SC_ECONSTRAINT);
    v = verify(wf.num, "张小三", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_NOT_PUBLISHED);
    ck_assert_str_eq(v.issued, "2024-03-15");
}
END_TEST

/* Published by the city centre, not before the issue: valid, with masked details. */
START_TEST(test_certificate_publish)
{
    sc_verification v = SC_VERIFICATION_INIT;
    wf_reported();
    ck_ok(sc_certificate_issue(fx.db, fx.org, wf.num, "sha256:abcd", "2024-03-15"));
    ck_refused(sc_certificate_publish(fx.db, fx.org, wf.num, "2024-04-01"), SC_EDENIED);
    ck_refused(sc_certificate_publish(fx.db, fx.centre, wf.num, "2024-03-14"), SC_ECONSTRAINT);
    ck_ok(sc_certificate_publish(fx.db, fx.centre, wf.num, "2024-04-01"));
    v = verify(wf.num, "张小三", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_VALID);
    ck_assert_str_eq(v.number, wf.num);
    ck_assert_str_eq(v.masked_name, "张*三");
    ck_assert_int_eq(strlen(v.masked_id), 18);
    ck_assert(strncmp(v.masked_id, "110105********", 14) == 0);
    ck_assert_str_eq(v.masked_id + 14, wf.id + 14);
    ck_assert_str_eq(v.occupation, FX_OCC);
    ck_assert_str_eq(v.occupation_name, FX_OCC_NAME);
    ck_assert_str_eq(v.work_type, "--");
    ck_assert_int_eq(v.level, 4);
    ck_assert_str_eq(v.org_name, "北京智训科技有限公司");
    ck_assert_str_eq(v.issued, "2024-03-15");
    ck_assert_str_eq(v.revoked, "");
    /* Every change left one audit entry. */
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE entity = 'certificate'"), 3);
}
END_TEST

/* With the ID number, in any case and with blanks around it. */
START_TEST(test_certificate_verify_with_id)
{
    sc_verification v = SC_VERIFICATION_INIT;
    char spaced[32];
    wf_published();
    v = verify(wf.num, "张小三", wf.id);
    ck_assert_int_eq(v.status, SC_VERIFY_VALID);
    snprintf(spaced, sizeof spaced, " %s ", wf.id);
    v = verify(wf.num, "张小三", spaced);
    ck_assert_int_eq(v.status, SC_VERIFY_VALID);
}
END_TEST

/* Somebody else's name or ID: nothing shown; unknown and malformed numbers. */
START_TEST(test_certificate_verify_mismatch)
{
    sc_verification v = SC_VERIFICATION_INIT;
    sc_certificate c = SC_CERTIFICATE_INIT;
    wf_published();
    v = verify(wf.num, "张小二", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_NAME_MISMATCH);
    ck_assert_str_eq(v.masked_name, "");
    ck_assert_str_eq(v.org_name, "");
    v = verify(wf.num, "张小三", wf.other);
    ck_assert_int_eq(v.status, SC_VERIFY_NAME_MISMATCH);
    v = verify("S000011000001244000099", "张小三", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_NOT_FOUND);
    ck_assert_int_eq(sc_certificate_verify(&v, fx.db, "S000011", "张小三", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_verify(&v, fx.db, wf.num, NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_verify(NULL, fx.db, wf.num, "x", NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_get(&c, fx.db, "S000011000001244000099"), SC_ENOTFOUND);
}
END_TEST

START_TEST(test_certificate_numbering)
{
    char n1[SC_CERT_NUMBER_SIZE], n2[SC_CERT_NUMBER_SIZE], n3[SC_CERT_NUMBER_SIZE];
    char id[19];
    int64_t s4, s3, s5, t;
    s4 = passed(1, 3, "2024-03-01");
    report_cert(n1, s4, 1, "2024-03-10");
    report_cert(n2, s4, 2, "2024-03-10");
    ck_assert_str_eq(n1, "S000011000001244000001");
    ck_assert_str_eq(n2, "S000011000001244000002");
    /* Next year: its own sequence. */
    report_cert(n3, s4, 3, "2025-01-05");
    ck_assert_str_eq(n3, "S000011000001254000001");
    /* Another level: its own sequence. */
    fx_candidates(10, 10);
    s3 = fx_session(3, "2024-03-01", 0);
    fx_enrol(s3, 10, 10);
    fx_staff(s3, SC_COMPONENT_THEORY, 1, 2);
    fx_staff(s3, SC_COMPONENT_PRACTICAL, 1, 3);
    ck_ok(sc_session_confirm(fx.db, fx.org, s3, NULL));
    fx_pass(s3, 10, 10, "2024-03-01");
    report_cert(n1, s3, 10, "2024-03-10");
    ck_assert_str_eq(n1, "S000011000001243000001");
    /* The second organization to report gets site sequence 000002. */
    fx_candidates(20, 20);
    fx_id(id, 20);
    ck_ok(sc_session_create(&s5, fx.db, fx.org2, FX_ORG2, FX_OCC, NULL, 5, SC_PATH_NORMAL,
                            "2024-03-01", fx.venue2, 1, 0));
    fx_enrol(s5, 20, 20);
    ck_ok(sc_session_staff_add(fx.db, fx.org2, s5, SC_COMPONENT_THEORY, "E01"));
    ck_ok(sc_session_staff_add(fx.db, fx.org2, s5, SC_COMPONENT_THEORY, "E02"));
    ck_ok(sc_session_staff_add(fx.db, fx.org2, s5, SC_COMPONENT_PRACTICAL, "E03"));
    ck_ok(sc_session_staff_add(fx.db, fx.org2, s5, SC_COMPONENT_PRACTICAL, "E04"));
    ck_ok(sc_session_staff_add(fx.db, fx.org2, s5, SC_COMPONENT_PRACTICAL, "E05"));
    ck_ok(sc_session_confirm(fx.db, fx.org2, s5, NULL));
    ck_ok(sc_result_record(fx.db, fx.org2, s5, id, 70, 70, SC_SCORE_NONE, "2024-03-01"));
    ck_ok(sc_certificate_report(n2, fx.db, fx.org2, s5, id, "2024-03-10"));
    ck_assert_str_eq(n2, "S000011000002245000001");
    {
        sc_cert_number p = SC_CERT_NUMBER_INIT;
        ck_ok(sc_certificate_number_parse(&p, n2));
        ck_assert_str_eq(p.site, "000002");
    }
    /* The unique key on the number is the last guard: never stored twice. */
    ck_assert_int_eq(0xff & sqlite3_exec(fx.db->conn,
                                         "INSERT INTO certificate(number, holder, id_number, "
                                         "status, context) SELECT number, holder, id_number, "
                                         "status, context FROM certificate LIMIT 1",
                                         NULL, NULL, NULL), SQLITE_CONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sqlite3_errmsg(fx.db->conn), "certificate.number"));
    t = rows("SELECT count(*) FROM certificate");
    ck_assert_int_eq(t, 5);
}
END_TEST

START_TEST(test_certificate_revoke_reissue)
{
    char num[SC_CERT_NUMBER_SIZE], fresh[SC_CERT_NUMBER_SIZE], again[SC_CERT_NUMBER_SIZE];
    char second[SC_CERT_NUMBER_SIZE], third[SC_CERT_NUMBER_SIZE];
    sc_verification v = SC_VERIFICATION_INIT;
    sc_certificate c = SC_CERTIFICATE_INIT;
    int64_t s;
    fx_candidate(1, "王五");
    fx_candidate(2, "赵六");
    s = fx_ready_session("2024-03-01", 1, 2);
    fx_pass(s, 1, 2, "2024-03-01");
    valid_cert(num, s, 1);

    ck_refused(sc_certificate_revoke(fx.db, fx.org2, num, "错误", "2024-05-01"), SC_EDENIED);
    ck_refused(sc_certificate_revoke(fx.db, fx.pub, num, "错误", "2024-05-01"), SC_EDENIED);
    ck_refused(sc_certificate_revoke(fx.db, fx.org, num, "", "2024-05-01"), SC_EINVAL);
    ck_ok(sc_certificate_revoke(fx.db, fx.org, num, "姓名录入错误", "2024-05-01"));
    ck_refused(sc_certificate_revoke(fx.db, fx.centre, num, "again", "2024-05-02"),
               SC_ECONSTRAINT);
    v = verify(num, "王五", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_REVOKED);
    ck_assert_str_eq(v.revoked, "2024-05-01");
    ck_assert_str_eq(v.masked_name, "王*");

    /* Re-issue with a corrected name: a new number, reported again. */
    ck_ok(sc_certificate_reissue(fresh, fx.db, fx.org, num, "王伍", "姓名更正", "2024-05-02"));
    ck_assert_str_eq(fresh, "S000011000001244000002");
    ck_refused(sc_certificate_reissue(again, fx.db, fx.org, num, NULL, "again", "2024-05-03"),
               SC_ECONSTRAINT);
    ck_ok(sc_certificate_get(&c, fx.db, num));
    ck_assert_int_eq(c.status, SC_CERT_REVOKED);
    ck_assert_str_eq(c.replaced_by, fresh);
    ck_assert_str_eq(c.revoke_reason, "姓名录入错误");
    ck_ok(sc_certificate_get(&c, fx.db, fresh));
    ck_assert_int_eq(c.status, SC_CERT_REPORTED);
    ck_assert_str_eq(c.replaces, num);
    ck_assert_str_eq(c.holder, "王伍");
    ck_assert_int_eq(c.session_id, s);
    v = verify(fresh, "王伍", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_NOT_PUBLISHED);
    ck_ok(sc_certificate_issue(fx.db, fx.org, fresh, "sha256:p2", "2024-05-03"));
    ck_ok(sc_certificate_publish(fx.db, fx.centre, fresh, "2024-05-10"));
    v = verify(fresh, "王伍", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_VALID);
    v = verify(num, "王五", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_REVOKED);

    /* Re-issuing a certificate in force revokes it with the reason. */
    valid_cert(second, s, 2);
    ck_ok(sc_certificate_reissue(third, fx.db, fx.org, second, NULL, "证书遗失补发", "2024-06-01"));
    ck_ok(sc_certificate_get(&c, fx.db, second));
    ck_assert_int_eq(c.status, SC_CERT_REVOKED);
    ck_assert_str_eq(c.revoke_reason, "证书遗失补发");
    ck_ok(sc_certificate_get(&c, fx.db, third));
    ck_assert_str_eq(c.holder, "赵六");
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE action = 'certificate.reissue'"), 2);
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE action = 'certificate.revoke'"), 2);
}
END_TEST

START_TEST(test_certificate_exit_stays_valid)
{
    char num[SC_CERT_NUMBER_SIZE], later[SC_CERT_NUMBER_SIZE], id[19];
    sc_verification v = SC_VERIFICATION_INIT;
    int64_t s = passed(1, 2, "2024-03-01");
    valid_cert(num, s, 1);
    ck_ok(sc_org_exit(fx.db, fx.centre, FX_ORG, "不履行工作承诺", "2024-06-01"));
    v = verify(num, "考生1", NULL);
    ck_assert_int_eq(v.status, SC_VERIFY_VALID);
    ck_assert_str_eq(v.org_name, "北京智训科技有限公司");
    /* No new certificate after the exit; before it, yes. */
    fx_id(id, 2);
    ck_refused(sc_certificate_report(later, fx.db, fx.org, s, id, "2024-06-02"), SC_ESCOPE);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "may not certify"));
    ck_ok(sc_certificate_report(later, fx.db, fx.org, s, id, "2024-05-31"));
}
END_TEST

/* Issue 11: issuing, recording results and linking a post certificate need the
 * organization's standing on that day, refused with the one status SC_ESCOPE and
 * nothing changed. */
START_TEST(test_certificate_standing_on_the_day)
{
    char num[SC_CERT_NUMBER_SIZE], id[19];
    sc_certificate c = SC_CERTIFICATE_INIT;
    int64_t s;
    long results, audit;
    fx_candidates(1, 3);
    s = fx_ready_session("2024-03-01", 1, 3);
    fx_pass(s, 1, 2, "2024-03-02");
    report_cert(num, s, 1, "2024-03-10");
    ck_ok(sc_org_exit(fx.db, fx.centre, FX_ORG, "不履行工作承诺", "2024-06-01"));
    results = rows("SELECT count(*) FROM result");
    audit = rows("SELECT count(*) FROM audit");
    /* issuing after the exit */
    ck_refused(sc_certificate_issue(fx.db, fx.org, num, "sha256:photo", "2024-06-02"), SC_ESCOPE);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "left the directory"));
    ck_assert_str_eq(sc_error_last()->field, "number");
    ck_ok(sc_certificate_get(&c, fx.db, num));
    ck_assert_int_eq(c.status, SC_CERT_REPORTED);
    /* recording a result after the exit */
    fx_id(id, 3);
    ck_refused(sc_result_record(fx.db, fx.org, s, id, 80, 80, SC_SCORE_NONE, "2024-06-02"),
               SC_ESCOPE);
    ck_assert_int_eq(rows("SELECT count(*) FROM result"), results);
    /* before the exit both are the organization's acts */
    ck_ok(sc_certificate_issue(fx.db, fx.org, num, "sha256:photo", "2024-05-31"));
    ck_ok(sc_result_record(fx.db, fx.org, s, id, 80, 80, SC_SCORE_NONE, "2024-05-31"));
    audit += 2;
    /* 一岗双认 after the exit */
    ck_refused(sc_certificate_link_post(fx.db, fx.org, num, "北京某物流有限公司", "配送主管",
                                        "QY-2024-001", "2024-06-02"), SC_ESCOPE);
    ck_ok(sc_certificate_get(&c, fx.db, num));
    ck_assert_str_eq(c.post_enterprise, "");
    ck_assert_int_eq(rows("SELECT count(*) FROM audit"), audit);
    ck_ok(sc_certificate_link_post(fx.db, fx.org, num, "北京某物流有限公司", "配送主管",
                                   "QY-2024-001", "2024-05-31"));
}
END_TEST

/* A published certificate of candidate 1 (session *s, candidates 1-2 passed), its
 * post certificate (一岗双认) linked. */
static void pd_linked(char num[SC_CERT_NUMBER_SIZE], int64_t *s)
{
    *s = passed(1, 2, "2024-03-01");
    valid_cert(num, *s, 1);
    ck_ok(sc_certificate_link_post(fx.db, fx.org, num, "北京某物流有限公司", "配送主管",
                                   "QY-2024-001", "2024-04-02"));
}

/* The post certificate (一岗双认): linked by the issuing organization, with its fields. */
START_TEST(test_certificate_link_post)
{
    char num[SC_CERT_NUMBER_SIZE];
    sc_certificate c = SC_CERTIFICATE_INIT;
    int64_t s = passed(1, 2, "2024-03-01");
    valid_cert(num, s, 1);
    ck_refused(sc_certificate_link_post(fx.db, fx.org2, num, "某物流公司", "配送主管", "QY-001",
                                        "2024-04-02"), SC_EDENIED);
    ck_refused(sc_certificate_link_post(fx.db, fx.org, num, "", "配送主管", "QY-001", NULL),
               SC_EINVAL);
    ck_ok(sc_certificate_link_post(fx.db, fx.org, num, "北京某物流有限公司", "配送主管",
                                   "QY-2024-001", "2024-04-02"));
    ck_ok(sc_certificate_get(&c, fx.db, num));
    ck_assert_str_eq(c.post_enterprise, "北京某物流有限公司");
    ck_assert_str_eq(c.post_name, "配送主管");
    ck_assert_str_eq(c.post_number, "QY-2024-001");
    ck_assert_str_eq(c.post_issued, "2024-04-02");
    ck_assert_str_eq(c.photo, "sha256:photo");
}
END_TEST

/* The electronic certificate validates against certificate.xsd. */
START_TEST(test_certificate_document)
{
    char num[SC_CERT_NUMBER_SIZE], *xml = NULL;
    sc_report *report = NULL;
    size_t len = 0;
    int doctype = 0;
    int64_t s;
    pd_linked(num, &s);
    ck_ok(sc_certificate_export_memory(&xml, &len, fx.db, num));
    ck_assert_uint_eq(len, strlen(xml));
    ck_assert_ptr_nonnull(strstr(xml, "urn:skillcert:certificate:1"));
    ck_assert_ptr_nonnull(strstr(xml, "<title>职业技能等级证书</title>"));
    ck_assert_ptr_nonnull(strstr(xml, "work-type=\"--\""));
    ck_assert_ptr_nonnull(strstr(xml, "level-text=\"四级/中级工\""));
    ck_assert_ptr_nonnull(strstr(xml, "http://jndj.osta.org.cn"));
    ck_assert_ptr_nonnull(strstr(xml, "http://pjjg.osta.org.cn"));
    ck_assert_ptr_nonnull(strstr(xml, "北京某物流有限公司"));
    ck_assert_ptr_nonnull(strstr(xml, "status=\"published\""));
    ck_ok(sc_report_new(&report));
    ck_ok(sc_xml_validate_memory(&doctype, report, xml, len, "cert.xml", NULL));
    ck_assert_int_eq(doctype, SC_DOC_CERTIFICATE);
    ck_assert_int_eq(sc_report_error_count(report), 0);
    ck_assert_str_eq(sc_doctype_name(SC_DOC_CERTIFICATE), "certificate");
    ck_assert_int_eq(sc_doctype_from_name("certificate"), SC_DOC_CERTIFICATE);
    ck_assert_str_eq(sc_doctype_namespace(SC_DOC_CERTIFICATE), "urn:skillcert:certificate:1");
    ck_assert_ptr_nonnull(strstr(sc_doctype_schema(SC_DOC_CERTIFICATE), "[SY][0-9]{21}"));
    sc_report_free(report);
    sc_free(xml);
}
END_TEST

/* Certificate documents are never imported. */
START_TEST(test_certificate_document_not_imported)
{
    char num[SC_CERT_NUMBER_SIZE], *xml = NULL;
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    size_t len = 0;
    int64_t s;
    pd_linked(num, &s);
    ck_ok(sc_certificate_export_memory(&xml, &len, fx.db, num));
    ck_refused(sc_xml_import_memory(&res, fx.db, fx.centre, xml, len, "cert.xml", NULL, NULL),
               SC_EINVALIDDOC);
    sc_free(xml);
}
END_TEST

/* A tampered number no longer validates. */
START_TEST(test_certificate_document_tampered)
{
    char num[SC_CERT_NUMBER_SIZE], *xml = NULL, *bad, *p;
    sc_report *report = NULL;
    size_t len = 0;
    int doctype = 0;
    int64_t s;
    pd_linked(num, &s);
    ck_ok(sc_certificate_export_memory(&xml, &len, fx.db, num));
    bad = strdup(xml);
    p = strstr(bad, "number=\"S");
    ck_assert_ptr_nonnull(p);
    p[8] = 'X';
    ck_ok(sc_report_new(&report));
    ck_assert_int_eq(sc_xml_validate_memory(&doctype, report, bad, len, "bad.xml", NULL),
                     SC_EINVALIDDOC);
    ck_assert_int_gt(sc_report_error_count(report), 0);
    free(bad);
    sc_report_free(report);
    sc_free(xml);
}
END_TEST

/* As a file; and a revoked certificate's document says so. */
START_TEST(test_certificate_document_revoked)
{
    char num[SC_CERT_NUMBER_SIZE], *xml = NULL, *path;
    sc_report *report = NULL;
    int doctype = 0;
    int64_t s;
    pd_linked(num, &s);
    ck_ok(sc_certificate_revoke(fx.db, fx.centre, num, "违规发证", "2024-06-01"));
    path = t_tmpfile(".xml");
    ck_ok(sc_certificate_export_file(fx.db, num, path));
    ck_ok(sc_report_new(&report));
    ck_ok(sc_xml_validate_file(&doctype, report, path, NULL));
    ck_assert_int_eq(doctype, SC_DOC_CERTIFICATE);
    remove(path);
    free(path);
    ck_ok(sc_certificate_export_memory(&xml, NULL, fx.db, num));
    ck_assert_ptr_nonnull(strstr(xml, "status=\"revoked\""));
    ck_assert_ptr_nonnull(strstr(xml, "<revocation date=\"2024-06-01\" reason=\"违规发证\"/>"));
    sc_free(xml);
    sc_report_free(report);
}
END_TEST

/* Only published certificates have a document: not when reported, nor when issued. */
START_TEST(test_certificate_document_only_published)
{
    char num[SC_CERT_NUMBER_SIZE], rep[SC_CERT_NUMBER_SIZE], *xml = NULL;
    size_t len = 0;
    int64_t s;
    pd_linked(num, &s);
    report_cert(rep, s, 2, "2024-03-10");
    ck_assert_int_eq(sc_certificate_export_memory(&xml, &len, fx.db, rep), SC_ECONSTRAINT);
    ck_assert_ptr_null(xml);
    ck_ok(sc_certificate_issue(fx.db, fx.org, rep, NULL, "2024-03-11"));
    ck_assert_int_eq(sc_certificate_export_memory(&xml, &len, fx.db, rep), SC_ECONSTRAINT);
    ck_assert_int_eq(sc_certificate_export_memory(&xml, &len, fx.db, "S1"), SC_EINVAL);
}
END_TEST

/* ---- statistics and batch verification ---------------------------------------------------------- */

/* The statistics' registry: org 1 (海淀区, level 4): 2 published, 1 issued only and
 * 1 revoked; org 2 (西城区, level 5): 1 issued. n[0..4] are their numbers, id the
 * holder of n[4]. */
static void stats_setup(char n[8][SC_CERT_NUMBER_SIZE], char id[19])
{
    int64_t s, s2;
    int i;
    s = passed(1, 4, "2024-03-01");
    for (i = 0; i < 3; i++)
        valid_cert(n[i], s, i + 1);                   /* 3 published, issued 2024-03-15 */
    report_cert(n[3], s, 4, "2024-04-10");
    ck_ok(sc_certificate_issue(fx.db, fx.org, n[3], "p", "2024-04-12")); /* issued only */
    ck_ok(sc_certificate_revoke(fx.db, fx.org, n[2], "作废", "2024-05-01"));
    fx_candidates(10, 10);
    fx_id(id, 10);
    ck_ok(sc_session_create(&s2, fx.db, fx.org2, FX_ORG2, FX_OCC, NULL, 5, SC_PATH_NORMAL,
                            "2024-03-01", fx.venue2, 1, 0));
    fx_enrol(s2, 10, 10);
    ck_ok(sc_session_staff_add(fx.db, fx.org2, s2, SC_COMPONENT_THEORY, "E01"));
    ck_ok(sc_session_staff_add(fx.db, fx.org2, s2, SC_COMPONENT_THEORY, "E02"));
    for (i = 3; i <= 5; i++) {
        char e[4];
        snprintf(e, sizeof e, "E%02d", i);
        ck_ok(sc_session_staff_add(fx.db, fx.org2, s2, SC_COMPONENT_PRACTICAL, e));
    }
    ck_ok(sc_session_confirm(fx.db, fx.org2, s2, NULL));
    ck_ok(sc_result_record(fx.db, fx.org2, s2, id, 70, 70, SC_SCORE_NONE, "2024-03-01"));
    ck_ok(sc_certificate_report(n[4], fx.db, fx.org2, s2, id, "2024-03-10"));
    ck_ok(sc_certificate_issue(fx.db, fx.org2, n[4], "p", "2024-03-20"));
}

/* In force: 2 published + 1 issued of org 1, 1 issued of org 2; published only: 2. */
START_TEST(test_certificate_stats_in_force)
{
    char n[8][SC_CERT_NUMBER_SIZE], id[19];
    sc_cert_stats_iter *it = NULL;
    sc_cert_stats_row r = SC_CERT_STATS_ROW_INIT;
    stats_setup(n, id);
    ck_ok(sc_certificate_stats_iter_new(&it, fx.db, NULL));
    ck_ok(sc_certificate_stats_iter_next(&r, it));
    ck_assert_int_eq(r.count, 4);
    ck_assert_str_eq(r.occupation, "");
    ck_assert_int_eq(r.level, 0);
    ck_assert_int_eq(sc_certificate_stats_iter_next(&r, it), SC_ITEROVER);
    sc_cert_stats_iter_free(it);
    ck_ok(sc_certificate_stats_iter_new(&it, fx.db, &(sc_cert_stats_query){ SC_CERT_STATS_QUERY_VERSION, SC_STATS_PUBLISHED_ONLY, NULL, NULL }));
    ck_ok(sc_certificate_stats_iter_next(&r, it));
    ck_assert_int_eq(r.count, 2);
    sc_cert_stats_iter_free(it);
}
END_TEST

START_TEST(test_certificate_stats_by_district_level)
{
    char n[8][SC_CERT_NUMBER_SIZE], id[19];
    sc_cert_stats_iter *it = NULL;
    sc_cert_stats_row r = SC_CERT_STATS_ROW_INIT;
    int rows_seen = 0;
    stats_setup(n, id);
    ck_ok(sc_certificate_stats_iter_new(
        &it, fx.db,
        &(sc_cert_stats_query){ SC_CERT_STATS_QUERY_VERSION, SC_STATS_DISTRICT | SC_STATS_LEVEL,
                                NULL, NULL }));
    while (sc_certificate_stats_iter_next(&r, it) == SC_OK) {
        rows_seen++;
        if (!strcmp(r.district, "110102")) {
            ck_assert_int_eq(r.level, 5);
            ck_assert_int_eq(r.count, 1);
        } else {
            ck_assert_str_eq(r.district, "110108");
            ck_assert_int_eq(r.level, 4);
            ck_assert_int_eq(r.count, 3);
        }
    }
    sc_cert_stats_iter_free(it);
    ck_assert_int_eq(rows_seen, 2);
}
END_TEST

/* Ordered by occupation, ..., org, period; a stats iterator is not a listing. */
START_TEST(test_certificate_stats_by_org_month)
{
    char n[8][SC_CERT_NUMBER_SIZE], id[19];
    sc_cert_stats_iter *it = NULL;
    sc_cert_stats_row r = SC_CERT_STATS_ROW_INIT;
    stats_setup(n, id);
    ck_ok(sc_certificate_stats_iter_new(
        &it, fx.db,
        &(sc_cert_stats_query){ SC_CERT_STATS_QUERY_VERSION,
                                SC_STATS_ORG | SC_STATS_OCCUPATION | SC_STATS_MONTH, NULL, NULL }));
    ck_ok(sc_certificate_stats_iter_next(&r, it));
    ck_assert_str_eq(r.occupation, FX_OCC);
    ck_assert_str_eq(r.credit_code, FX_ORG2); /* "52..." sorts before "91..." */
    ck_assert_str_eq(r.period, "2024-03");
    ck_assert_int_eq(r.count, 1);
    ck_ok(sc_certificate_stats_iter_next(&r, it));
    ck_assert_str_eq(r.credit_code, FX_ORG);
    ck_assert_str_eq(r.period, "2024-03");
    ck_assert_int_eq(r.count, 2);
    ck_ok(sc_certificate_stats_iter_next(&r, it));
    ck_assert_str_eq(r.credit_code, FX_ORG);
    ck_assert_str_eq(r.period, "2024-04");
    ck_assert_int_eq(r.count, 1);
    ck_assert_int_eq(sc_certificate_stats_iter_next(&r, it), SC_ITEROVER);
    sc_cert_stats_iter_free(it);
}
END_TEST

/* A period; unknown flags and a bad date are refused. */
START_TEST(test_certificate_stats_period)
{
    char n[8][SC_CERT_NUMBER_SIZE], id[19];
    sc_cert_stats_iter *it = NULL;
    sc_cert_stats_row r = SC_CERT_STATS_ROW_INIT;
    stats_setup(n, id);
    ck_ok(sc_certificate_stats_iter_new(&it, fx.db, &(sc_cert_stats_query){ SC_CERT_STATS_QUERY_VERSION, SC_STATS_YEAR, "2024-04-01", "2024-12-31" }));
    ck_ok(sc_certificate_stats_iter_next(&r, it));
    ck_assert_str_eq(r.period, "2024");
    ck_assert_int_eq(r.count, 1);
    sc_cert_stats_iter_free(it);
    ck_assert_int_eq(sc_certificate_stats_iter_new(&it, fx.db, &(sc_cert_stats_query){ SC_CERT_STATS_QUERY_VERSION, 0x4000, NULL, NULL }), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_stats_iter_new(&it, fx.db, &(sc_cert_stats_query){ SC_CERT_STATS_QUERY_VERSION, 0, "2024-13-01", NULL }), SC_EINVAL);
    /* A query of a version this library does not know is refused. */
    ck_assert_int_eq(sc_certificate_stats_iter_new(
                         &it, fx.db,
                         &(sc_cert_stats_query){ SC_CERT_STATS_QUERY_VERSION + 1, 0, NULL, NULL }),
                     SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "version");
    ck_assert_ptr_null(it);
}
END_TEST

/* A batch across issuing contexts: each answer has its own organization and level. */
START_TEST(test_certificate_batch_verify_contexts)
{
    char n[8][SC_CERT_NUMBER_SIZE], id[19];
    const char *nums[4], *nms[4];
    sc_verification vs[4] = { SC_VERIFICATION_INIT, SC_VERIFICATION_INIT, SC_VERIFICATION_INIT,
                            SC_VERIFICATION_INIT };
    stats_setup(n, id);
    nums[0] = n[0]; nms[0] = "考生1";
    nums[1] = n[4]; nms[1] = "考生10";
    nums[2] = n[1]; nms[2] = "考生2";
    nums[3] = n[4]; nms[3] = "考生10";
    ck_ok(sc_certificate_batch_verify(vs, fx.db, nums, nms, NULL, 4));
    ck_assert_int_eq(vs[0].status, SC_VERIFY_VALID);
    ck_assert_int_eq(vs[0].level, 4);
    ck_assert_str_eq(vs[0].org_name, "北京智训科技有限公司");
    ck_assert_int_eq(vs[1].status, SC_VERIFY_NOT_PUBLISHED);
    ck_assert_int_eq(vs[1].level, 5);
    ck_assert_str_eq(vs[1].org_name, "北京数字技能评价协会");
    ck_assert_str_eq(vs[1].work_type, "--");
    ck_assert_str_eq(vs[1].occupation_name, FX_OCC_NAME);
    ck_assert_int_eq(vs[2].level, 4);
    ck_assert_str_eq(vs[2].org_name, "北京智训科技有限公司");
    ck_assert_str_eq(vs[3].org_name, "北京数字技能评价协会");
}
END_TEST

/* Listing by organization and by holder. */
START_TEST(test_certificate_listing)
{
    char n[8][SC_CERT_NUMBER_SIZE], id[19];
    sc_certificate_iter *it = NULL;
    sc_certificate c = SC_CERTIFICATE_INIT;
    int k = 0;
    stats_setup(n, id);
    ck_ok(sc_certificate_iter_new(&it, fx.db, &(sc_certificate_query){ SC_CERTIFICATE_QUERY_VERSION, FX_ORG, NULL }));
    while (sc_certificate_iter_next(&c, it) == SC_OK)
        k++;
    sc_certificate_iter_free(it);
    ck_assert_int_eq(k, 4);
    ck_ok(sc_certificate_iter_new(&it, fx.db, &(sc_certificate_query){ SC_CERTIFICATE_QUERY_VERSION, NULL, id }));
    ck_ok(sc_certificate_iter_next(&c, it));
    ck_assert_str_eq(c.number, n[4]);
    ck_assert_int_eq(sc_certificate_iter_next(&c, it), SC_ITEROVER);
    sc_certificate_iter_free(it);
    /* No query selects every certificate; a query of an unknown version is refused. */
    ck_ok(sc_certificate_iter_new(&it, fx.db, NULL));
    ck_ok(sc_certificate_iter_next(&c, it));
    sc_certificate_iter_free(it);
    it = NULL;
    ck_assert_int_eq(sc_certificate_iter_new(
                         &it, fx.db,
                         &(sc_certificate_query){ SC_CERTIFICATE_QUERY_VERSION + 1, NULL, NULL }),
                     SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "version");
    ck_assert_ptr_null(it);
}
END_TEST

START_TEST(test_certificate_batch_verify)
{
    char a[SC_CERT_NUMBER_SIZE], b[SC_CERT_NUMBER_SIZE], id1[19];
    const char *numbers[6], *names[6], *ids[6];
    sc_verification out[6] = { SC_VERIFICATION_INIT, SC_VERIFICATION_INIT, SC_VERIFICATION_INIT,
                              SC_VERIFICATION_INIT, SC_VERIFICATION_INIT, SC_VERIFICATION_INIT };
    int64_t s = passed(1, 2, "2024-03-01");
    valid_cert(a, s, 1);
    report_cert(b, s, 2, "2024-03-10");
    fx_id(id1, 1);
    numbers[0] = a;              names[0] = "考生1"; ids[0] = id1;
    numbers[1] = b;              names[1] = "考生2"; ids[1] = NULL;
    numbers[2] = "S000011000001244000777"; names[2] = "x"; ids[2] = NULL;
    numbers[3] = "garbage";      names[3] = "x";     ids[3] = NULL;
    numbers[4] = a;              names[4] = "考生2"; ids[4] = NULL;
    numbers[5] = NULL;           names[5] = NULL;    ids[5] = NULL;
    ck_ok(sc_certificate_batch_verify(out, fx.db, numbers, names, ids, 6));
    ck_assert_int_eq(out[0].status, SC_VERIFY_VALID);
    ck_assert_int_eq(out[1].status, SC_VERIFY_NOT_PUBLISHED);
    ck_assert_int_eq(out[2].status, SC_VERIFY_NOT_FOUND);
    ck_assert_int_eq(out[3].status, SC_VERIFY_MALFORMED);
    ck_assert_str_eq(out[3].number, "garbage");
    ck_assert_int_eq(out[4].status, SC_VERIFY_NAME_MISMATCH);
    ck_assert_int_eq(out[5].status, SC_VERIFY_MALFORMED);
    ck_ok(sc_certificate_batch_verify(out, fx.db, numbers, names, NULL, 2));
    ck_assert_int_eq(out[0].status, SC_VERIFY_VALID);
    ck_ok(sc_certificate_batch_verify(NULL, fx.db, NULL, NULL, NULL, 0));
    ck_assert_int_eq(sc_certificate_batch_verify(out, fx.db, NULL, names, NULL, 1), SC_EINVAL);
    /* Inside a caller's transaction it reads in it. */
    ck_ok(sc__db_begin(fx.db));
    ck_ok(sc_certificate_batch_verify(out, fx.db, numbers, names, NULL, 1));
    ck_assert_int_eq(out[0].status, SC_VERIFY_VALID);
    sc__db_rollback(fx.db);
}
END_TEST

/* ---- two processes numbering at once -------------------------------------------------------------- */

#define HALF 200

/* The first TURNS reports of each child alternate, a token passed through two pipes
 * (child 0 first): the write lock changes hands between the two connections whatever
 * the scheduler does (under valgrind one process could otherwise take every turn).
 * The rest run freely, both at once. */
#define TURNS 3

static int child_reports(const char *path, int64_t session, int first, int last, int go,
                         const char *who, int wait_fd, int signal_fd, int starts)
{
    sc_db *db = NULL;
    sc_actor *org = NULL;
    char num[SC_CERT_NUMBER_SIZE], id[19], c;
    int n, bad = 0;
    if (sc_db_open(&db, path, NULL) != SC_OK)
        return 2;
    /* Both children start together, when the parent writes to the pipe. */
    if (read(go, &c, 1) != 1) {
        sc_db_close(db);
        return 4;
    }
    if (sc_actor_new(&org, SC_ACTOR_ORGANIZATION, FX_ORG, who) != SC_OK) {
        sc_db_close(db);
        return 3;
    }
    for (n = first; n <= last && !bad; n++) {
        int turn = n - first < TURNS;
        if (turn && (n > first || !starts) && read(wait_fd, &c, 1) != 1)
            bad = 5;
        fx_id(id, n);
        if (!bad && sc_certificate_report(num, db, org, session, id, "2024-03-10") != SC_OK)
            bad = 1;
        if (turn && write(signal_fd, "t", 1) != 1)
            bad = 6;
        usleep(500); /* other work between reports: the other process gets its turns */
    }
    sc_actor_free(org);
    sc_db_close(db);
    return bad;
}

/* The fixture in a registry file at path, with a standard of light ratios so that
 * one session holds every candidate. */
static void file_fixture_light_ratios(const char *path)
{
    sc_db *db = NULL;
    sc_actor *city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_component_rule r = SC_COMPONENT_RULE_INIT;
    ck_ok(sc_db_open(&db, path, NULL));
    ck_ok(sc_catalog_load_notice(db, city));
    sc_actor_free(city);
    fx_build(db);
    r = (sc_component_rule)SC_COMPONENT_RULE_INIT;
    snprintf(r.occupation, sizeof r.occupation, FX_OCC);
    r.component = SC_COMPONENT_THEORY;
    r.candidates_per_staff = 1000;
    r.min_per_room = 1;
    r.pass_score = 60;
    ck_ok(sc_component_rule_set(fx.db, fx.centre, &r));
    r.component = SC_COMPONENT_PRACTICAL;
    r.min_staff = 3;
    r.odd = 1;
    ck_ok(sc_component_rule_set(fx.db, fx.centre, &r));
}

START_TEST(test_certificate_two_processes)
{
    char *path = t_tmpfile(".db");
    pid_t pids[2];
    int64_t s;
    int i, status, go[2], to1[2], to0[2];

    file_fixture_light_ratios(path);
    s = passed(1, 2 * HALF, "2024-03-01");
    sc_db_close(fx.db);
    fx.db = NULL;

    ck_assert_int_eq(pipe(go), 0);
    ck_assert_int_eq(pipe(to1), 0);
    ck_assert_int_eq(pipe(to0), 0);
    for (i = 0; i < 2; i++) {
        pids[i] = fork();
        ck_assert_int_ge(pids[i], 0);
        if (pids[i] == 0) {
            /* The child: report its half, then leave without Check's cleanup
             * (freeing what it owns, for leak checkers that follow forks). */
            /* Only its own ends stay open, so a child that ends early gives the
             * other an end of file rather than a wait for ever. */
            int wait_fd = i ? to1[0] : to0[0], signal_fd = i ? to0[1] : to1[1];
            close(go[1]);
            close(i ? to1[1] : to0[1]), close(i ? to0[0] : to1[0]);
            status = child_reports(path, s, 1 + i * HALF, (i + 1) * HALF, go[0],
                                   i ? "child-1" : "child-0", wait_fd, signal_fd, i == 0);
            close(go[0]), close(wait_fd), close(signal_fd);
            free(path);
            _exit(status);
        }
    }
    close(go[0]);
    close(to1[0]), close(to1[1]), close(to0[0]), close(to0[1]);
    ck_assert_int_eq(write(go[1], "go", 2), 2);
    close(go[1]);
    for (i = 0; i < 2; i++) {
        ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
        ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d failed: %d", i,
                      status);
    }
    ck_ok(sc_db_open(&fx.db, path, NULL));
    ck_assert_int_eq(rows("SELECT count(*) FROM certificate"), 2 * HALF);
    ck_assert_int_eq(rows("SELECT count(DISTINCT number) FROM certificate"), 2 * HALF);
    /* Sequences 1..240 with no gap. */
    ck_assert_int_eq(rows("SELECT min(CAST(substr(number, 17) AS INTEGER)) FROM certificate"), 1);
    ck_assert_int_eq(rows("SELECT max(CAST(substr(number, 17) AS INTEGER)) FROM certificate"),
                     2 * HALF);
    ck_assert_int_eq(rows("SELECT next FROM cert_counter"), 2 * HALF);
    /* The write lock changed hands between them (TURNS alternations at least). */
    ck_assert_int_ge(rows("SELECT count(*) FROM audit a JOIN audit b ON b.seq = a.seq + 1 "
                          "WHERE a.action = 'certificate.report' AND "
                          "b.action = 'certificate.report' AND a.actor <> b.actor"),
                     2 * TURNS - 1);
    {
        sc_audit_result ar = SC_AUDIT_RESULT_INIT;
        ck_ok(sc_audit_verify(&ar, fx.db));
        ck_assert_msg(ar.ok, "%s", ar.message);
    }
    fx_teardown();
    remove(path);
    {
        char side[600];
        snprintf(side, sizeof side, "%s-wal", path);
        remove(side);
        snprintf(side, sizeof side, "%s-shm", path);
        remove(side);
    }
    free(path);
}
END_TEST

/* ---- memory --------------------------------------------------------------------------------------- */

START_TEST(test_certificate_free_null)
{
    sc_certificate_iter_free(NULL);
    sc_cert_stats_iter_free(NULL);
    ck_assert_int_eq(sc_certificate_iter_next(NULL, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_certificate_stats_iter_next(NULL, NULL), SC_EINVAL);
    {
        sc_cert_stats_row r = SC_CERT_STATS_ROW_INIT;
        ck_assert_int_eq(sc_certificate_stats_iter_next(&r, NULL), SC_EINVAL);
    }
}
END_TEST

START_TEST(test_certificate_alloc_failures)
{
    char num[SC_CERT_NUMBER_SIZE];
    long n;
    int rc;
    int64_t s = passed(1, 1, "2024-03-01");
    valid_cert(num, s, 1);
    for (n = 0;; n++) {
        sc_certificate_iter *it = NULL;
        sc__mem_fail_after(n);
        rc = sc_certificate_iter_new(&it, fx.db, &(sc_certificate_query){ SC_CERTIFICATE_QUERY_VERSION, FX_ORG, NULL });
        sc__mem_fail_after(-1);
        sc_certificate_iter_free(it);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(it);
    }
    for (n = 0;; n++) {
        sc_cert_stats_iter *it = NULL;
        sc__mem_fail_after(n);
        rc = sc_certificate_stats_iter_new(&it, fx.db, &(sc_cert_stats_query){ SC_CERT_STATS_QUERY_VERSION, SC_STATS_LEVEL, NULL, NULL });
        sc__mem_fail_after(-1);
        sc_cert_stats_iter_free(it);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
    }
    for (n = 0;; n++) {
        char *xml = NULL;
        sc__mem_fail_after(n);
        rc = sc_certificate_export_memory(&xml, NULL, fx.db, num);
        sc__mem_fail_after(-1);
        sc_free(xml);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(xml);
    }
    /* Verification allocates nothing. */
    {
        sc_verification v = SC_VERIFICATION_INIT;
        ck_ok(sc_certificate_verify(&v, fx.db, num, "考生1", NULL)); /* statements cached */
        sc__mem_fail_after(0);
        rc = sc_certificate_verify(&v, fx.db, num, "考生1", NULL);
        sc__mem_fail_after(-1);
        ck_ok(rc);
        ck_assert_int_eq(v.status, SC_VERIFY_VALID);
    }
}
END_TEST

Suite *sc_certificate_suite(void)
{
    Suite *s = suite_create("certificate");
    TCase *tc;

    tc = tcase_create("numbers");
    tcase_add_test(tc, test_certificate_number_parse);
    tcase_add_test(tc, test_certificate_masking);
    tcase_add_test(tc, test_certificate_free_null);
    suite_add_tcase(s, tc);

    tc = tcase_create("workflow");
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_certificate_report_refusals);
    tcase_add_test(tc, test_certificate_report);
    tcase_add_test(tc, test_certificate_reported_record);
    tcase_add_test(tc, test_certificate_issue);
    tcase_add_test(tc, test_certificate_publish);
    tcase_add_test(tc, test_certificate_verify_with_id);
    tcase_add_test(tc, test_certificate_verify_mismatch);
    tcase_add_test(tc, test_certificate_numbering);
    tcase_add_test(tc, test_certificate_revoke_reissue);
    tcase_add_test(tc, test_certificate_exit_stays_valid);
    tcase_add_test(tc, test_certificate_standing_on_the_day);
    tcase_add_test(tc, test_certificate_link_post);
    tcase_add_test(tc, test_certificate_document);
    tcase_add_test(tc, test_certificate_document_not_imported);
    tcase_add_test(tc, test_certificate_document_tampered);
    tcase_add_test(tc, test_certificate_document_revoked);
    tcase_add_test(tc, test_certificate_document_only_published);
    tcase_add_test(tc, test_certificate_stats_in_force);
    tcase_add_test(tc, test_certificate_stats_by_district_level);
    tcase_add_test(tc, test_certificate_stats_by_org_month);
    tcase_add_test(tc, test_certificate_stats_period);
    tcase_add_test(tc, test_certificate_batch_verify_contexts);
    tcase_add_test(tc, test_certificate_listing);
    tcase_add_test(tc, test_certificate_batch_verify);
    tcase_add_test(tc, test_certificate_alloc_failures);
    suite_add_tcase(s, tc);

    tc = tcase_create("concurrency");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_certificate_two_processes);
    suite_add_tcase(s, tc);
    return s;
}
