/* Organizations: credit codes, districts, the filing workflow, scope,
 * validity, exit, staff, special-path rules and "may O certify X on D?". */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_suites.h"
#include "sc_int.h"

/* Valid Beijing credit codes (check characters computed per GB 32100). */
#define ORG_A "91110108MA01ABCD2H"  /* 海淀区, enterprise */
#define ORG_B "52110102MJ00123450"  /* 西城区, social group */
#define ORG_C "91110105MA01CHY00K"  /* 朝阳区, enterprise */
#define ORG_Z "91110115MA01BDA77R"  /* 北京经济技术开发区 */

static sc_db *db;
static sc_actor *city, *centre, *haidian, *xicheng, *org_a, *org_b, *pub;

static void setup(void)
{
    db = t_notice_db();
    city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    haidian = t_actor(SC_ACTOR_DISTRICT, "110108");
    xicheng = t_actor(SC_ACTOR_DISTRICT, "110102");
    org_a = t_actor(SC_ACTOR_ORGANIZATION, ORG_A);
    org_b = t_actor(SC_ACTOR_ORGANIZATION, ORG_B);
    pub = t_actor(SC_ACTOR_PUBLIC, NULL);
}

static void teardown(void)
{
    sc_db_close(db);
    sc_actor_free(city);
    sc_actor_free(centre);
    sc_actor_free(haidian);
    sc_actor_free(xicheng);
    sc_actor_free(org_a);
    sc_actor_free(org_b);
    sc_actor_free(pub);
}

/* An offering list from "CODE[/WT]:LEVELS" texts, NULL-terminated. */
static sc_offerings *offs(const char *first, ...)
{
    sc_offerings *s = NULL;
    const char *t;
    va_list ap;
    ck_ok(sc_offerings_new(&s));
    va_start(ap, first);
    for (t = first; t; t = va_arg(ap, const char *))
        ck_ok(sc_offerings_add_text(s, t));
    va_end(ap);
    return s;
}

static long audit_rows(void)
{
    return t_count(db, "SELECT count(*) FROM audit");
}

/* Organization A (海淀区) through the whole path, up to `upto`:
 * register 2023-01-05, apply 2023-02-01, recommend 2023-02-10, evaluate
 * 2023-03-01, notice 2023-03-10, file 2023-05-10, commit 2023-05-12. */
static void walk_a(int upto)
{
    sc_offerings *s;
    ck_ok(sc_org_register(db, org_a, ORG_A, "北京智训科技有限公司", SC_ORG_ENTERPRISE, "110108",
                          "2023-01-05", 0));
    if (upto < SC_FILING_APPLIED)
        return;
    s = offs("4-04-05-05/数据标注员:5,4,3", "4-02-07-10:5,4", NULL);
    ck_ok(sc_org_apply(db, org_a, ORG_A, s, "2023-02-01"));
    sc_offerings_free(s);
    if (upto < SC_FILING_RECOMMENDED)
        return;
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2023-02-10", "材料齐全"));
    if (upto < SC_FILING_EVALUATED)
        return;
    ck_ok(sc_org_evaluate(db, centre, ORG_A, NULL, SC_EVAL_ALL, "2023-03-01", NULL));
    if (upto < SC_FILING_NOTICED)
        return;
    ck_ok(sc_org_notice(db, centre, ORG_A, "2023-03-10"));
    if (upto < SC_FILING_FILED)
        return;
    ck_ok(sc_org_file(db, centre, ORG_A, "2023-05-10"));
    if (upto < SC_FILING_ACTIVE)
        return;
    ck_ok(sc_org_commit(db, org_a, ORG_A, "2023-05-12"));
}

/* Organization B (西城区), registered 2023-01-05. */
static void register_b(void)
{
    ck_ok(sc_org_register(db, org_b, ORG_B, "北京数字社会团体", SC_ORG_SOCIAL_GROUP, "110102",
                          "2023-01-05", 0));
}

/* The number of organizations q (NULL: none) lists. */
static int org_count(const sc_org_query *q)
{
    sc_org_iter *it = NULL;
    sc_org o = SC_ORG_INIT;
    int n;
    ck_ok(sc_org_iter_new(&it, db, q));
    for (n = 0; sc_org_iter_next(&o, it) == SC_OK; n++)
        ;
    sc_org_iter_free(it);
    return n;
}

/* The filing status of the first organization q lists (there is one). */
static int org_first_status(const sc_org_query *q)
{
    sc_org_iter *it = NULL;
    sc_org o = SC_ORG_INIT;
    ck_ok(sc_org_iter_new(&it, db, q));
    ck_ok(sc_org_iter_next(&o, it));
    sc_org_iter_free(it);
    return o.status;
}

/* Assert a verdict. */
#define ck_verdict(call, want_ok, want_reason)                                           \
    do {                                                                                 \
        sc_verdict v_ = SC_VERDICT_INIT;                                                                   \
        int rc_ = (call);                                                                \
        ck_assert_msg(rc_ == SC_OK, "%s: %d %s", #call, rc_, sc_error_last()->message);  \
        ck_assert_msg(v_.ok == (want_ok) && v_.reason == (want_reason),                  \
                      "%s: ok=%d reason=%d (%s), wanted ok=%d reason=%d", #call, v_.ok,  \
                      v_.reason, v_.message, want_ok, want_reason);                       \
        ck_assert_int_eq(v_.message[0] != '\0', !(want_ok));                             \
    } while (0)
#define MAY(code, occ, wt, level, date, venue, path)                                     \
    sc_org_may_certify(&v_, db, code, occ, wt, level, date, venue, path)

/* A refused change: the status, the error domain, and nothing changed. */
#define ck_refused(call, want)                                                           \
    do {                                                                                 \
        char *before_ = t_dump(db);                                                      \
        char *after_;                                                                    \
        int rc_ = (call);                                                                \
        ck_assert_msg(rc_ == (want), "%s: %d (%s), wanted %d", #call, rc_,               \
                      sc_error_last()->message, want);                                    \
        if ((want) == SC_EDENIED)                                                        \
            ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);                   \
        after_ = t_dump(db);                                                             \
        ck_assert_msg(strcmp(before_, after_) == 0, "%s changed the registry", #call);   \
        free(before_);                                                                   \
        free(after_);                                                                    \
    } while (0)

/* ---- credit codes ------------------------------------------------------------ */

START_TEST(test_org_credit_code_valid)
{
    sc_credit_code_result r = SC_CREDIT_CODE_RESULT_INIT;
    ck_ok(sc_credit_code_validate(&r, "91350100M000100Y43", 0));
    ck_assert_int_eq(r.valid, 1);
    ck_assert_int_eq(r.legacy, 0);
    ck_assert_str_eq(r.code, "91350100M000100Y43");
    ck_assert_str_eq(r.expected_check, "3");
    ck_assert_str_eq(r.message, "");
    ck_ok(sc_credit_code_validate(&r, " 91350100m000100y43 ", 0));
    ck_assert_int_eq(r.valid, 1);
    ck_assert_str_eq(r.code, "91350100M000100Y43");
    ck_ok(sc_credit_code_validate(&r, "91350100M000100Y43", SC_CREDIT_CODE_STRICT));
    ck_assert_int_eq(r.valid, 1);
    ck_ok(sc_credit_code_validate(&r, ORG_A, 0));
    ck_assert_int_eq(r.valid, 1);

    ck_ok(sc_credit_code_validate(&r, "91350100M000100Y44", 0));
    ck_assert_int_eq(r.valid, 0);
    ck_assert_str_eq(r.expected_check, "3");
    ck_assert_ptr_nonnull(strstr(r.message, "check character"));
    ck_ok(sc_credit_code_validate(&r, "91350100M000100Y4", 0));
    ck_assert_int_eq(r.valid, 0);
    ck_assert_ptr_nonnull(strstr(r.message, "18 characters"));
    ck_ok(sc_credit_code_validate(&r, "91350100M000100I43", 0)); /* I is not used */
    ck_assert_int_eq(r.valid, 0);
    ck_ok(sc_credit_code_validate(&r, "9135A100M000100Y43", 0)); /* area code digits */
    ck_assert_int_eq(r.valid, 0);
    ck_assert_ptr_nonnull(strstr(r.message, "positions 3-8"));
    ck_ok(sc_credit_code_validate(&r, "", 0));
    ck_assert_int_eq(r.valid, 0);

    ck_assert_int_eq(sc_credit_code_validate(NULL, "x", 0), SC_EINVAL);
    ck_assert_int_eq(sc_credit_code_validate(&r, NULL, 0), SC_EINVAL);
    ck_assert_int_eq(sc_credit_code_validate(&r, "91350100M000100Y43", 0x80), SC_EINVAL);

    ck_assert_int_eq(sc_credit_code_check_char("91350100M000100Y4"), '3');
    ck_assert_int_eq(sc_credit_code_check_char("91110108MA01ABCD2"), 'H');
    ck_assert_int_eq(sc_credit_code_check_char("9135"), SC_EINVAL);
    ck_assert_int_eq(sc_credit_code_check_char(NULL), SC_EINVAL);
}
END_TEST

START_TEST(test_org_credit_code_legacy)
{
    static const char *legacy[] = { "91350100M0001TGQXM", "91350211M0000XUF46",
                                    "91350203M0001FUE2P" };
    sc_credit_code_result r = SC_CREDIT_CODE_RESULT_INIT;
    size_t i;
    for (i = 0; i < 3; i++) {
        ck_ok(sc_credit_code_validate(&r, legacy[i], 0));
        ck_assert_msg(r.valid == 0, "%s should fail the checksum", legacy[i]);
        ck_ok(sc_credit_code_validate(&r, legacy[i], SC_CREDIT_CODE_ALLOW_LEGACY));
        ck_assert_int_eq(r.valid, 1);
        ck_assert_int_eq(r.legacy, 1);
        ck_assert_ptr_nonnull(strstr(r.message, "warning"));
    }
    /* A malformed code is not rescued by the legacy flag. */
    ck_ok(sc_credit_code_validate(&r, "91350100M0001TGQX", SC_CREDIT_CODE_ALLOW_LEGACY));
    ck_assert_int_eq(r.valid, 0);
}
END_TEST

START_TEST(test_org_register_legacy_code)
{
    sc_actor *legacy = t_actor(SC_ACTOR_ORGANIZATION, "91350100M0001TGQXM");
    sc_audit_iter *it = NULL;
    sc_audit_entry e = SC_AUDIT_ENTRY_INIT;
    sc_org o = SC_ORG_INIT;
    ck_refused(sc_org_register(db, legacy, "91350100M0001TGQXM", "某公司", SC_ORG_ENTERPRISE,
                               "110105", "2023-01-01", 0),
               SC_EINVAL);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "SC_CREDIT_CODE_ALLOW_LEGACY"));
    ck_ok(sc_org_register(db, legacy, "91350100M0001TGQXM", "某公司", SC_ORG_ENTERPRISE,
                          "110105", "2023-01-01", SC_CREDIT_CODE_ALLOW_LEGACY));
    ck_ok(sc_org_get(&o, db, "91350100M0001TGQXM", "2023-01-02"));
    ck_assert_int_eq(o.legacy_code, 1);
    ck_ok(sc_audit_iter_new(&it, db, &(sc_audit_query){ SC_AUDIT_QUERY_VERSION, "org",
                                                       "91350100M0001TGQXM" }));
    ck_ok(sc_audit_iter_next(&e, it));
    ck_assert_str_eq(e.action, "org.register");
    ck_assert_ptr_nonnull(strstr(e.detail, "legacy-code"));
    ck_assert_ptr_nonnull(strstr(e.detail, "warning"));
    sc_audit_iter_free(it);
    sc_actor_free(legacy);
}
END_TEST

/* ---- districts ------------------------------------------------------------------ */

START_TEST(test_org_districts)
{
    static const char *codes[] = { "110101", "110102", "110105", "110106", "110107", "110108",
                                   "110109", "110111", "110112", "110113", "110114", "110115",
                                   "110116", "110117", "110118", "110119", "110115-BDA" };
    sc_district_iter *it = NULL;
    sc_district d = SC_DISTRICT_INIT;
    int n = 0, rc;
    ck_ok(sc_district_iter_new(&it, db));
    while ((rc = sc_district_iter_next(&d, it)) == SC_OK) {
        ck_assert_int_lt(n, 17);
        ck_assert_str_eq(d.code, codes[n]);
        ck_assert_str_ne(d.name, "");
        ck_assert_str_ne(d.bureau, "");
        n++;
    }
    ck_assert_int_eq(rc, SC_ITEROVER);
    ck_assert_int_eq(sc_district_iter_next(&d, it), SC_ITEROVER);
    ck_assert_int_eq(n, 17);
    sc_district_iter_free(it);

    ck_ok(sc_district_lookup(&d, db, "110108"));
    ck_assert_str_eq(d.name, "海淀区");
    ck_assert_str_eq(d.bureau, "海淀区人力资源和社会保障局");
    ck_ok(sc_district_lookup(&d, db, "海淀区"));
    ck_assert_str_eq(d.code, "110108");
    ck_ok(sc_district_lookup(&d, db, " 110228 ")); /* 密云县 until 2015 */
    ck_assert_str_eq(d.code, "110118");
    ck_ok(sc_district_lookup(&d, db, "110104")); /* 宣武区 */
    ck_assert_str_eq(d.code, "110102");
    ck_ok(sc_district_lookup(&d, db, "110115-bda"));
    ck_assert_str_eq(d.code, SC_DISTRICT_BDA);
    ck_assert_str_eq(d.gb_code, "110115");
    ck_assert_str_eq(d.zone, "BDA");
    ck_assert_str_eq(d.name, "北京经济技术开发区");
    ck_assert_str_eq(d.bureau, "北京经济技术开发区社会事业局");
    ck_ok(sc_district_lookup(&d, db, "北京经济技术开发区"));
    ck_assert_int_eq(sc_district_lookup(&d, db, "310101"), SC_ENOTFOUND);
    ck_assert_int_eq(sc_district_lookup(&d, db, ""), SC_EINVAL);
    ck_assert_int_eq(sc_district_lookup(&d, db, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_district_lookup(NULL, db, "110108"), SC_EINVAL);
}
END_TEST

/* ---- registration ------------------------------------------------------------------ */

START_TEST(test_org_register)
{
    sc_actor *zone = t_actor(SC_ACTOR_ORGANIZATION, ORG_Z);
    long before = audit_rows();
    sc_org o = SC_ORG_INIT;
    ck_ok(sc_org_register(db, org_a, ORG_A, "北京智训科技有限公司", SC_ORG_ENTERPRISE, "海淀区",
                          "2023-01-05", 0));
    ck_assert_int_eq(audit_rows(), before + 1);
    ck_ok(sc_org_get(&o, db, "91110108ma01abcd2h", "2023-01-06"));
    ck_assert_str_eq(o.credit_code, ORG_A);
    ck_assert_str_eq(o.name, "北京智训科技有限公司");
    ck_assert_int_eq(o.kind, SC_ORG_ENTERPRISE);
    ck_assert_str_eq(o.district, "110108");
    ck_assert_str_eq(o.registered, "2023-01-05");
    ck_assert_int_eq(o.legacy_code, 0);
    ck_assert_int_eq(o.status, SC_FILING_NONE);
    ck_assert_str_eq(o.receipt, "");
    ck_ok(sc_org_register(db, zone, ORG_Z, "亦庄评价中心", SC_ORG_SOCIAL_GROUP,
                          SC_DISTRICT_BDA, "2023-01-05", 0));
    ck_ok(sc_org_get(&o, db, ORG_Z, NULL));
    ck_assert_str_eq(o.district, "110115-BDA");

    ck_refused(sc_org_register(db, org_a, ORG_A, "again", SC_ORG_ENTERPRISE, "110108", NULL, 0),
               SC_EEXISTS);
    ck_refused(sc_org_register(db, org_b, ORG_B, "x", SC_ORG_SOCIAL_GROUP, "310101", NULL, 0),
               SC_ENOTFOUND);
    ck_refused(sc_org_register(db, org_b, ORG_B, "x", 9, "110102", NULL, 0), SC_EINVAL);
    ck_refused(sc_org_register(db, org_b, ORG_B, "", SC_ORG_SOCIAL_GROUP, "110102", NULL, 0),
               SC_EINVAL);
    ck_refused(sc_org_register(db, org_b, ORG_B, "x", SC_ORG_SOCIAL_GROUP, "110102", "2023-02-30",
                               0),
               SC_EINVAL);
    /* Only the organization itself registers itself. */
    ck_refused(sc_org_register(db, org_a, ORG_B, "x", SC_ORG_SOCIAL_GROUP, "110102", NULL, 0),
               SC_EDENIED);
    ck_refused(sc_org_register(db, xicheng, ORG_B, "x", SC_ORG_SOCIAL_GROUP, "110102", NULL, 0),
               SC_EDENIED);
    ck_refused(sc_org_register(db, NULL, ORG_B, "x", SC_ORG_SOCIAL_GROUP, "110102", NULL, 0),
               SC_EINVAL);
    ck_assert_int_eq(sc_org_get(&o, db, ORG_B, NULL), SC_ENOTFOUND);
    ck_assert_int_eq(sc_org_get(&o, db, "nonsense", NULL), SC_EINVAL);
    sc_actor_free(zone);
}
END_TEST

START_TEST(test_org_kind_and_status_names)
{
    int k;
    ck_assert_str_eq(sc_org_kind_name(SC_ORG_VOCATIONAL_SCHOOL), "vocational-school");
    ck_assert_str_eq(sc_org_kind_name_zh(SC_ORG_SOCIAL_GROUP), "社会团体");
    ck_assert_ptr_null(sc_org_kind_name(0));
    ck_assert_ptr_null(sc_org_kind_name_zh(5));
    ck_ok(sc_org_kind_parse(&k, "university"));
    ck_assert_int_eq(k, SC_ORG_UNIVERSITY);
    ck_ok(sc_org_kind_parse(&k, "技工院校"));
    ck_assert_int_eq(k, SC_ORG_VOCATIONAL_SCHOOL);
    ck_ok(sc_org_kind_parse(&k, "1"));
    ck_assert_int_eq(k, SC_ORG_ENTERPRISE);
    ck_assert_int_eq(sc_org_kind_parse(&k, "bank"), SC_EINVAL);
    ck_assert_str_eq(sc_filing_status_name(SC_FILING_NOTICED), "noticed");
    ck_assert_str_eq(sc_filing_status_name(SC_FILING_EXPIRED), "expired");
    ck_assert_ptr_null(sc_filing_status_name(10));
    ck_assert_str_eq(sc_staff_role_name(SC_STAFF_SUPERVISOR), "supervisor");
    ck_assert_str_eq(sc_staff_role_name_zh(SC_STAFF_EXAMINER), "考评员");
    ck_ok(sc_staff_role_parse(&k, "内部质量督导员"));
    ck_assert_int_eq(k, SC_STAFF_SUPERVISOR);
    ck_assert_int_eq(sc_staff_role_parse(&k, "boss"), SC_EINVAL);
}
END_TEST

START_TEST(test_org_publish)
{
    sc_org o = SC_ORG_INIT;
    walk_a(SC_FILING_NONE);
    ck_ok(sc_org_publish(db, org_a, ORG_A, "https://example.org/rules", "初级工 300 元",
                         "2023-01-10"));
    ck_ok(sc_org_publish(db, org_a, ORG_A, NULL, "初级工 280 元", "2023-02-10"));
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-03-01"));
    ck_assert_str_eq(o.rules, "https://example.org/rules");
    ck_assert_str_eq(o.fees, "初级工 280 元");
    ck_assert_str_eq(o.published, "2023-02-10");
    ck_refused(sc_org_publish(db, org_a, ORG_A, NULL, NULL, NULL), SC_EINVAL);
    ck_refused(sc_org_publish(db, haidian, ORG_A, "x", NULL, NULL), SC_EDENIED);
    ck_refused(sc_org_publish(db, org_b, ORG_A, "x", NULL, NULL), SC_EDENIED);
}
END_TEST

/* ---- the whole filing path ------------------------------------------------------------ */

/* The filing path (备案), one step per test: walk_a() takes organization A up to
 * the step before, the test takes the step and checks the standing and the audit. */
START_TEST(test_org_filing_apply)
{
    sc_offerings *s = offs("4-04-05-05/数据标注员:5,4,3", "4-02-07-10:5,4", NULL);
    sc_org o = SC_ORG_INIT;
    long audit0;
    walk_a(SC_FILING_NONE);
    audit0 = audit_rows();
    ck_ok(sc_org_apply(db, org_a, ORG_A, s, "2023-02-01"));
    sc_offerings_free(s);
    ck_assert_int_eq(audit_rows(), audit0 + 1);
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-02-01"));
    ck_assert_int_eq(o.status, SC_FILING_APPLIED);
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-01-31"));
    ck_assert_int_eq(o.status, SC_FILING_NONE);
}
END_TEST

START_TEST(test_org_filing_recommend_evaluate)
{
    sc_org o = SC_ORG_INIT;
    long audit0;
    walk_a(SC_FILING_APPLIED);
    audit0 = audit_rows();
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2023-02-10", "材料齐全"));
    ck_assert_int_eq(audit_rows(), audit0 + 1);
    ck_ok(sc_org_evaluate(db, centre, ORG_A, NULL, SC_EVAL_ALL, "2023-03-01", "专家论证通过"));
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-03-05"));
    ck_assert_int_eq(o.status, SC_FILING_EVALUATED);
}
END_TEST

/* Filed: a receipt, valid three years; listed but not committed, so it may not certify yet. */
START_TEST(test_org_filing_filed)
{
    sc_org o = SC_ORG_INIT;
    walk_a(SC_FILING_NOTICED);
    ck_ok(sc_org_file(db, centre, ORG_A, "2023-05-10"));
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-05-11"));
    ck_assert_int_eq(o.status, SC_FILING_FILED);
    ck_assert_str_eq(o.receipt, "BJ-2023-0001");
    ck_assert_str_eq(o.filed, "2023-05-10");
    ck_assert_str_eq(o.valid_until, "2026-05-09");
    ck_assert_str_eq(o.committed, "");
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2023-05-11", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_ORG_NOT_COMMITTED);
}
END_TEST

/* The commitment makes it active: it may certify to the filing's last day. Standing as
   of past dates is history, not today's state. */
START_TEST(test_org_filing_commit)
{
    sc_org o = SC_ORG_INIT;
    long audit0;
    walk_a(SC_FILING_FILED);
    audit0 = audit_rows();
    ck_ok(sc_org_commit(db, org_a, ORG_A, "2023-05-12"));
    ck_assert_int_eq(audit_rows(), audit0 + 1);
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-06-01"));
    ck_assert_int_eq(o.status, SC_FILING_ACTIVE);
    ck_assert_str_eq(o.committed, "2023-05-12");
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2023-06-01", "110105", SC_PATH_NORMAL), 1,
               SC_REASON_NONE);
    ck_verdict(MAY(ORG_A, "4—04—05—05", "数据标注员", 3, "2026-05-09", NULL, SC_PATH_NORMAL), 1,
               SC_REASON_NONE);
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-03-05"));
    ck_assert_int_eq(o.status, SC_FILING_EVALUATED);
    ck_assert_str_eq(o.receipt, "");
}
END_TEST

/* The recorded filing and its six steps with dates and actors. */
START_TEST(test_org_filing_record)
{
    static const int steps[] = { SC_FILING_APPLIED, SC_FILING_RECOMMENDED, SC_FILING_EVALUATED,
                                 SC_FILING_NOTICED, SC_FILING_FILED, SC_FILING_ACTIVE };
    static const char *dates[] = { "2023-02-01", "2023-02-10", "2023-03-01",
                                   "2023-03-10", "2023-05-10", "2023-05-12" };
    sc_filing_iter *it = NULL;
    sc_filing_step step = SC_FILING_STEP_INIT;
    sc_filing_step_iter *sit = NULL;
    sc_filing f = SC_FILING_INIT, end = SC_FILING_INIT;
    int i, rc;
    walk_a(SC_FILING_ACTIVE);
    ck_ok(sc_filing_iter_new(&it, db, ORG_A));
    ck_ok(sc_filing_iter_next(&f, it));
    ck_assert_int_eq(f.kind, SC_FILING_INITIAL);
    ck_assert_int_eq(f.status, SC_FILING_ACTIVE);
    ck_assert_uint_eq(f.methods, SC_EVAL_ALL);
    ck_assert_str_eq(f.receipt, "BJ-2023-0001");
    ck_assert_int_eq(sc_filing_iter_next(&end, it), SC_ITEROVER);
    ck_assert_int_eq(end.id, 0);
    sc_filing_iter_free(it);
    it = NULL;
    ck_ok(sc_filing_step_iter_new(&sit, db, f.id));
    for (i = 0; (rc = sc_filing_step_iter_next(&step, sit)) == SC_OK; i++) {
        ck_assert_int_lt(i, 6);
        ck_assert_int_eq(step.step, steps[i]);
        ck_assert_str_eq(step.date, dates[i]);
    }
    ck_assert_int_eq(rc, SC_ITEROVER);
    ck_assert_int_eq(i, 6);
    sc_filing_step_iter_free(sit);
    /* A step iterator is its own type: passing it to sc_filing_iter_next() no longer
     * compiles (it used to fail only at run time). */
    ck_ok(sc_filing_step_iter_new(&sit, db, f.id));
    ck_ok(sc_filing_step_iter_next(&step, sit));
    ck_assert_str_eq(step.actor, "organization:" ORG_A " (test)");
    ck_ok(sc_filing_step_iter_next(&step, sit));
    ck_assert_str_eq(step.actor, "district:110108 (test)");
    ck_assert_str_eq(step.note, "材料齐全");
    sc_filing_step_iter_free(sit);
    sc_filing_step_iter_free(NULL);
}
END_TEST

/* The granted scope, in force while the filing is. */
START_TEST(test_org_filing_scope)
{
    sc_filing_iter *it = NULL;
    sc_offerings *granted = NULL;
    sc_offering_item item = SC_OFFERING_ITEM_INIT;
    sc_filing f = SC_FILING_INIT;
    walk_a(SC_FILING_ACTIVE);
    ck_ok(sc_filing_iter_new(&it, db, ORG_A));
    ck_ok(sc_filing_iter_next(&f, it));
    sc_filing_iter_free(it);
    ck_ok(sc_filing_scope_get(&granted, db, f.id, 1));
    ck_assert_uint_eq(sc_offerings_count(granted), 5);
    sc_offerings_free(granted);
    ck_ok(sc_org_scope_get(&granted, db, ORG_A, "2023-06-01"));
    ck_assert_uint_eq(sc_offerings_count(granted), 5);
    ck_ok(sc_offerings_get(&item, granted, 0));
    ck_assert_str_eq(item.occupation, "4-02-07-10");
    ck_assert_str_eq(item.work_type, "");
    ck_assert_int_eq(item.level, 5);
    sc_offerings_free(granted);
    ck_ok(sc_org_scope_get(&granted, db, ORG_A, "2026-05-10"));
    ck_assert_uint_eq(sc_offerings_count(granted), 0);
    sc_offerings_free(granted);
    ck_assert_int_eq(sc_filing_get(&f, db, 999), SC_ENOTFOUND);
    ck_assert_int_eq(sc_filing_scope_get(&granted, db, 999, 1), SC_ENOTFOUND);
    ck_assert_ptr_null(granted);
}
END_TEST

START_TEST(test_org_directory)
{
    sc_org_query q = SC_ORG_QUERY_INIT;
    sc_org_iter *it = NULL;
    sc_org o = SC_ORG_INIT;
    int n;
    walk_a(SC_FILING_ACTIVE);
    register_b();
    /* Before the filing: empty; while filed: A; after its validity: empty. */
    ck_ok(sc_directory_iter_new(&it, db, "2023-05-09"));
    ck_assert_int_eq(sc_org_iter_next(&o, it), SC_ITEROVER);
    sc_org_iter_free(it);
    ck_ok(sc_directory_iter_new(&it, db, "2023-05-10"));
    ck_ok(sc_org_iter_next(&o, it));
    ck_assert_str_eq(o.credit_code, ORG_A);
    ck_assert_int_eq(o.status, SC_FILING_FILED);
    ck_assert_str_eq(o.receipt, "BJ-2023-0001");
    ck_assert_str_eq(o.valid_until, "2026-05-09");
    ck_assert_int_eq(sc_org_iter_next(&o, it), SC_ITEROVER);
    sc_org_iter_free(it);
    ck_ok(sc_directory_iter_new(&it, db, "2026-05-09"));
    ck_ok(sc_org_iter_next(&o, it));
    ck_assert_int_eq(o.status, SC_FILING_ACTIVE);
    sc_org_iter_free(it);
    ck_ok(sc_directory_iter_new(&it, db, "2026-05-10"));
    ck_assert_int_eq(sc_org_iter_next(&o, it), SC_ITEROVER);
    sc_org_iter_free(it);

    /* Every organization, and by district. */
    q.date = "2026-05-10";
    ck_ok(sc_org_iter_new(&it, db, &q));
    for (n = 0; sc_org_iter_next(&o, it) == SC_OK; n++)
        if (!strcmp(o.credit_code, ORG_A))
            ck_assert_int_eq(o.status, SC_FILING_EXPIRED);
    ck_assert_int_eq(n, 2);
    sc_org_iter_free(it);
    q.district = "西城区";
    q.date = NULL;
    ck_ok(sc_org_iter_new(&it, db, &q));
    ck_ok(sc_org_iter_next(&o, it));
    ck_assert_str_eq(o.credit_code, ORG_B);
    ck_assert_int_eq(sc_org_iter_next(&o, it), SC_ITEROVER);
    sc_org_iter_free(it);
    q.district = "310101";
    ck_assert_int_eq(sc_org_iter_new(&it, db, &q), SC_ENOTFOUND);
    ck_assert_ptr_null(it);
    ck_assert_int_eq(sc_directory_iter_new(&it, db, "2023-13-01"), SC_EINVAL);
}
END_TEST

/* The organization list's filters come in a versioned sc_org_query. */
START_TEST(test_org_iter_query)
{
    sc_org_query q = SC_ORG_QUERY_INIT;
    sc_org_iter *it = NULL;
    sc_org o = SC_ORG_INIT;
    walk_a(SC_FILING_ACTIVE);
    register_b();
    /* No query, and the initial one: every organization. */
    ck_assert_int_eq(org_count(NULL), 2);
    ck_assert_int_eq(org_count(&q), 2);
    /* The district filters, in any accepted form. */
    q.district = "110108";
    ck_ok(sc_org_iter_new(&it, db, &q));
    ck_ok(sc_org_iter_next(&o, it));
    ck_assert_str_eq(o.credit_code, ORG_A);
    ck_assert_int_eq(sc_org_iter_next(&o, it), SC_ITEROVER);
    sc_org_iter_free(it);
    /* The date sets the day of the standing given. */
    q.date = "2023-05-11";
    ck_assert_int_eq(org_first_status(&q), SC_FILING_FILED);
    q.date = "2024-01-01";
    ck_assert_int_eq(org_first_status(&q), SC_FILING_ACTIVE);
    q.date = "2024-13-01";
    ck_assert_int_eq(sc_org_iter_new(&it, db, &q), SC_EINVAL);
    ck_assert_ptr_null(it);
    /* A version this library does not know is refused, naming the field. */
    q.date = NULL;
    ck_query_version_refused(q, SC_ORG_QUERY_VERSION, it, sc_org_iter_new(&it, db, &q));
}
END_TEST

START_TEST(test_org_validity_leap_day)
{
    sc_actor *zone = t_actor(SC_ACTOR_ORGANIZATION, ORG_Z);
    sc_actor *bda = t_actor(SC_ACTOR_DISTRICT, SC_DISTRICT_BDA);
    sc_offerings *s = offs("6-30-99-00:4,3", NULL);
    sc_org o = SC_ORG_INIT;
    ck_ok(sc_org_register(db, zone, ORG_Z, "亦庄评价中心", SC_ORG_SOCIAL_GROUP, SC_DISTRICT_BDA,
                          "2024-01-02", 0));
    ck_ok(sc_org_apply(db, zone, ORG_Z, s, "2024-01-03"));
    ck_refused(sc_org_recommend(db, haidian, ORG_Z, "2024-01-10", NULL), SC_EDENIED);
    ck_ok(sc_org_recommend(db, bda, ORG_Z, "2024-01-10", NULL));
    ck_ok(sc_org_evaluate(db, centre, ORG_Z, NULL, SC_EVAL_MATERIALS, "2024-02-01", NULL));
    ck_ok(sc_org_notice(db, centre, ORG_Z, "2024-02-10"));
    ck_ok(sc_org_file(db, centre, ORG_Z, "2024-02-29"));
    ck_ok(sc_org_get(&o, db, ORG_Z, "2024-03-01"));
    ck_assert_str_eq(o.valid_until, "2027-02-28");
    ck_assert_str_eq(o.receipt, "BJ-2024-0001");
    sc_offerings_free(s);
    sc_actor_free(zone);
    sc_actor_free(bda);
}
END_TEST

/* ---- refusals ------------------------------------------------------------------------------ */

START_TEST(test_org_workflow_refusals)
{
    sc_offerings *s = offs("4-04-05-05/数据标注员:5", NULL);
    sc_offerings *other = offs("4-02-07-10:3", NULL);
    walk_a(SC_FILING_APPLIED);
    register_b();

    /* Wrong actors. */
    ck_refused(sc_org_recommend(db, xicheng, ORG_A, "2023-02-10", NULL), SC_EDENIED);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "110108"));
    ck_refused(sc_org_recommend(db, centre, ORG_A, "2023-02-10", NULL), SC_EDENIED);
    ck_refused(sc_org_recommend(db, org_a, ORG_A, "2023-02-10", NULL), SC_EDENIED);
    ck_refused(sc_org_recommend(db, city, ORG_A, "2023-02-10", NULL), SC_EDENIED);
    ck_refused(sc_org_apply(db, org_a, ORG_B, s, "2023-02-01"), SC_EDENIED);
    ck_refused(sc_org_apply(db, haidian, ORG_A, s, "2023-02-01"), SC_EDENIED);
    ck_refused(sc_org_apply(db, pub, ORG_B, s, "2023-02-01"), SC_EDENIED);
    ck_refused(sc_org_recommend(db, NULL, ORG_A, "2023-02-10", NULL), SC_EINVAL);
    /* A district for an unknown organization: not found. */
    ck_refused(sc_org_recommend(db, haidian, ORG_C, "2023-02-10", NULL), SC_ENOTFOUND);

    /* Wrong steps, dates and content. */
    ck_refused(sc_org_notice(db, centre, ORG_A, "2023-03-10"), SC_ECONSTRAINT);
    ck_refused(sc_org_file(db, centre, ORG_A, "2023-03-10"), SC_ECONSTRAINT);
    ck_refused(sc_org_commit(db, org_a, ORG_A, "2023-03-10"), SC_ECONSTRAINT);
    ck_refused(sc_org_apply(db, org_a, ORG_A, s, "2023-02-02"), SC_ECONSTRAINT); /* in progress */
    ck_refused(sc_org_recommend(db, haidian, ORG_A, "2023-01-31", NULL), SC_ECONSTRAINT);
    ck_refused(sc_org_recommend(db, haidian, ORG_B, "2023-02-10", NULL), SC_EDENIED);
    ck_refused(sc_org_recommend(db, xicheng, ORG_B, "2023-02-10", NULL), SC_ECONSTRAINT);
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2023-02-10", NULL));
    ck_refused(sc_org_evaluate(db, centre, ORG_A, other, SC_EVAL_ALL, "2023-03-01", NULL),
               SC_ECONSTRAINT); /* not requested */
    ck_refused(sc_org_evaluate(db, centre, ORG_A, NULL, 0, "2023-03-01", NULL), SC_EINVAL);
    ck_refused(sc_org_evaluate(db, haidian, ORG_A, NULL, SC_EVAL_ALL, "2023-03-01", NULL),
               SC_EDENIED);
    ck_refused(sc_org_evaluate(db, org_a, ORG_A, NULL, SC_EVAL_ALL, "2023-03-01", NULL),
               SC_EDENIED);
    ck_ok(sc_org_evaluate(db, centre, ORG_A, s, SC_EVAL_ALL, "2023-03-01", NULL));
    ck_refused(sc_org_notice(db, haidian, ORG_A, "2023-03-10"), SC_EDENIED);
    ck_ok(sc_org_notice(db, centre, ORG_A, "2023-03-10"));
    ck_refused(sc_org_file(db, city, ORG_A, "2023-05-10"), SC_EDENIED);
    ck_refused(sc_org_file(db, haidian, ORG_A, "2023-05-10"), SC_EDENIED);
    ck_ok(sc_org_file(db, centre, ORG_A, "2023-05-10"));
    ck_refused(sc_org_commit(db, centre, ORG_A, "2023-05-12"), SC_EDENIED);
    ck_refused(sc_org_commit(db, org_b, ORG_A, "2023-05-12"), SC_EDENIED);
    ck_refused(sc_org_commit(db, org_a, ORG_A, "2023-05-09"), SC_ECONSTRAINT);
    ck_ok(sc_org_commit(db, org_a, ORG_A, "2023-05-12"));
    /* Filed and valid: a new application is added scope, not a filing. */
    ck_refused(sc_org_apply(db, org_a, ORG_A, other, "2023-06-01"), SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "增项"));
    sc_offerings_free(s);
    sc_offerings_free(other);
}
END_TEST

START_TEST(test_org_apply_checks_catalog)
{
    sc_offerings *bad_level = offs("4-02-06-05:5", NULL);       /* 供应链管理师: 3,2,1 only */
    sc_offerings *no_wt = offs("4-04-05-04:3", NULL);          /* level 3 only per direction */
    sc_offerings *empty = NULL;
    walk_a(SC_FILING_NONE);
    ck_refused(sc_org_apply(db, org_a, ORG_A, bad_level, "2023-02-01"), SC_ECONSTRAINT);
    ck_assert_str_eq(sc_error_last()->field, "scope");
    ck_refused(sc_org_apply(db, org_a, ORG_A, no_wt, "2023-02-01"), SC_ECONSTRAINT);
    ck_ok(sc_offerings_new(&empty));
    ck_refused(sc_org_apply(db, org_a, ORG_A, empty, "2023-02-01"), SC_EINVAL);
    ck_refused(sc_org_apply(db, org_a, ORG_A, NULL, "2023-02-01"), SC_EINVAL);
    /* Withdrawn from the catalog: refused from that day on. */
    ck_ok(sc_catalog_withdraw_occupation(db, city, "4-02-07-10", "2023-01-20"));
    {
        sc_offerings *w = offs("4-02-07-10:5", NULL);
        ck_refused(sc_org_apply(db, org_a, ORG_A, w, "2023-02-01"), SC_ECONSTRAINT);
        sc_offerings_free(w);
    }
    sc_offerings_free(bad_level);
    sc_offerings_free(no_wt);
    sc_offerings_free(empty);
}
END_TEST

START_TEST(test_org_enomem_apply_changes_nothing)
{
    sc_offerings *s = offs("4-04-05-05/数据标注员:5,4", "4-02-07-10:5", NULL);
    long n;
    walk_a(SC_FILING_NONE);
    for (n = 0; n < 1000; n++) {
        char *before = t_dump(db), *after;
        int rc;
        sc__mem_fail_after(n);
        rc = sc_org_apply(db, org_a, ORG_A, s, "2023-02-01");
        sc__mem_fail_after(-1);
        if (rc == SC_OK) {
            free(before);
            break;
        }
        ck_assert_int_eq(rc, SC_ENOMEM);
        after = t_dump(db);
        ck_assert_str_eq(before, after);
        free(before);
        free(after);
    }
    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM filing"), 1);
    sc_offerings_free(s);
}
END_TEST

/* ---- rejection ------------------------------------------------------------------------------- */

START_TEST(test_org_reject)
{
    sc_offerings *s = offs("4-02-07-10:5", NULL);
    sc_org o = SC_ORG_INIT;
    walk_a(SC_FILING_APPLIED);
    /* At APPLIED the district rejects, not the city centre; not another district. */
    ck_refused(sc_org_reject(db, centre, ORG_A, "不符合条件", "2023-02-05"), SC_EDENIED);
    ck_refused(sc_org_reject(db, xicheng, ORG_A, "不符合条件", "2023-02-05"), SC_EDENIED);
    ck_refused(sc_org_reject(db, org_a, ORG_A, "不符合条件", "2023-02-05"), SC_EDENIED);
    ck_refused(sc_org_reject(db, haidian, ORG_A, "", "2023-02-05"), SC_EINVAL);
    ck_ok(sc_org_reject(db, haidian, ORG_A, "材料不全", "2023-02-05"));
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-02-06"));
    ck_assert_int_eq(o.status, SC_FILING_REJECTED);
    ck_assert_str_eq(o.reason, "材料不全");
    ck_assert_str_eq(o.ended, "2023-02-05");
    ck_refused(sc_org_reject(db, haidian, ORG_A, "again", "2023-02-06"), SC_ECONSTRAINT);
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2023-02-06", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_ORG_NOT_FILED);

    /* A new application; at RECOMMENDED the city centre rejects. */
    ck_ok(sc_org_apply(db, org_a, ORG_A, s, "2023-03-01"));
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2023-03-02", NULL));
    ck_refused(sc_org_reject(db, haidian, ORG_A, "x", "2023-03-03"), SC_EDENIED);
    ck_ok(sc_org_reject(db, centre, ORG_A, "专家论证未通过", "2023-03-03"));
    /* And after the notice (an objection), still the city centre. */
    ck_ok(sc_org_apply(db, org_a, ORG_A, s, "2023-04-01"));
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2023-04-02", NULL));
    ck_ok(sc_org_evaluate(db, centre, ORG_A, NULL, SC_EVAL_ALL, "2023-04-03", NULL));
    ck_ok(sc_org_notice(db, centre, ORG_A, "2023-04-04"));
    ck_ok(sc_org_reject(db, centre, ORG_A, "公示期间有异议", "2023-04-10"));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM filing WHERE status = 7"), 3);
    /* Filed organizations leave by exit, not rejection. */
    ck_ok(sc_org_apply(db, org_a, ORG_A, s, "2023-05-01"));
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2023-05-02", NULL));
    ck_ok(sc_org_evaluate(db, centre, ORG_A, NULL, SC_EVAL_ALL, "2023-05-03", NULL));
    ck_ok(sc_org_notice(db, centre, ORG_A, "2023-05-04"));
    ck_ok(sc_org_file(db, centre, ORG_A, "2023-05-20"));
    ck_refused(sc_org_reject(db, centre, ORG_A, "x", "2023-05-21"), SC_ECONSTRAINT);
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-05-21"));
    ck_assert_str_eq(o.receipt, "BJ-2023-0001");
    sc_offerings_free(s);
}
END_TEST

/* ---- added scope (增项) --------------------------------------------------------------------- */

START_TEST(test_org_addition)
{
    sc_offerings *add = offs("4-04-05-05/数据标注员:2", "4-04-05-05/人工智能算法测试员:4", NULL);
    sc_offerings *dup = offs("4-02-07-10:5", NULL);
    sc_filing_iter *it = NULL;
    sc_filing f = SC_FILING_INIT;
    sc_org o = SC_ORG_INIT;

    walk_a(SC_FILING_FILED);
    /* Not before the commitment letter. */
    ck_refused(sc_org_apply_addition(db, org_a, ORG_A, add, "2023-05-11"), SC_ECONSTRAINT);
    ck_ok(sc_org_commit(db, org_a, ORG_A, "2023-05-12"));
    ck_refused(sc_org_apply_addition(db, org_a, ORG_A, dup, "2023-06-01"), SC_ECONSTRAINT);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "already in the scope"));
    ck_refused(sc_org_apply_addition(db, haidian, ORG_A, add, "2023-06-01"), SC_EDENIED);
    ck_ok(sc_org_apply_addition(db, org_a, ORG_A, add, "2023-06-01"));
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 2, "2023-06-02", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_OUT_OF_SCOPE);
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2023-06-05", NULL));
    ck_ok(sc_org_evaluate(db, centre, ORG_A, NULL, SC_EVAL_EXPERT | SC_EVAL_ON_SITE,
                          "2023-07-01", NULL));
    ck_ok(sc_org_notice(db, centre, ORG_A, "2023-07-05"));
    ck_ok(sc_org_file(db, centre, ORG_A, "2023-08-01"));
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 2, "2023-08-01", NULL, SC_PATH_NORMAL), 1,
               SC_REASON_NONE);
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 2, "2023-07-31", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_OUT_OF_SCOPE);
    /* It ends with the filing it extends. */
    ck_verdict(MAY(ORG_A, "4-04-05-05", "人工智能算法测试员", 4, "2026-05-09", NULL,
                   SC_PATH_NORMAL), 1, SC_REASON_NONE);
    ck_verdict(MAY(ORG_A, "4-04-05-05", "人工智能算法测试员", 4, "2026-05-10", NULL,
                   SC_PATH_NORMAL), 0, SC_REASON_ORG_EXPIRED);
    ck_ok(sc_filing_iter_new(&it, db, ORG_A));
    ck_ok(sc_filing_iter_next(&f, it));
    ck_ok(sc_filing_iter_next(&f, it));
    ck_assert_int_eq(f.kind, SC_FILING_ADDITION);
    ck_assert_int_eq(f.status, SC_FILING_ACTIVE);
    ck_assert_str_eq(f.receipt, "BJ-2023-0002");
    ck_assert_str_eq(f.valid_until, "2026-05-09");
    ck_assert_int_gt(f.base_id, 0);
    sc_filing_iter_free(it);
    /* The organization's standing still comes from its filing. */
    ck_ok(sc_org_get(&o, db, ORG_A, "2023-08-02"));
    ck_assert_str_eq(o.receipt, "BJ-2023-0001");
    ck_assert_int_eq(o.status, SC_FILING_ACTIVE);
    sc_offerings_free(add);
    sc_offerings_free(dup);
}
END_TEST

/* Issue 11: the organization's certificate site is given when it is filed, before any
   certificate, in filing order; an organization not filed has none, a refused filing gives
   none, and its addition keeps the site. */
START_TEST(test_org_site_at_filing)
{
    sc_offerings *s = offs("4-04-05-05/数据标注员:5,4", NULL);
    int site = -1;
    walk_a(SC_FILING_NOTICED);
    ck_assert_int_eq(sc_certificate_site_get(&site, db, ORG_A), SC_ENOTFOUND);
    ck_assert_int_eq(site, 0);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "given when the organization is filed"));
    /* a refused filing (the organization files itself) gives no site */
    ck_refused(sc_org_file(db, org_a, ORG_A, "2023-05-10"), SC_EDENIED);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM cert_site"), 0);
    ck_ok(sc_org_file(db, centre, ORG_A, "2023-05-10"));
    ck_ok(sc_certificate_site_get(&site, db, ORG_A));
    ck_assert_int_eq(site, 1);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM certificate"), 0);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM cert_site WHERE assigned = '2023-05-10'"),
                     1);
    /* B: registered, applied, recommended: not filed, no site */
    ck_ok(sc_org_register(db, org_b, ORG_B, "北京市新职业协会", SC_ORG_SOCIAL_GROUP, "110102",
                          "2023-01-10", 0));
    ck_ok(sc_org_apply(db, org_b, ORG_B, s, "2023-02-01"));
    ck_ok(sc_org_recommend(db, xicheng, ORG_B, "2023-02-10", NULL));
    ck_ok(sc_org_evaluate(db, centre, ORG_B, NULL, SC_EVAL_ALL, "2023-03-01", NULL));
    ck_ok(sc_org_notice(db, centre, ORG_B, "2023-03-10"));
    ck_assert_int_eq(sc_certificate_site_get(&site, db, ORG_B), SC_ENOTFOUND);
    ck_ok(sc_org_file(db, centre, ORG_B, "2023-06-01"));
    ck_ok(sc_certificate_site_get(&site, db, ORG_B));
    ck_assert_int_eq(site, 2);
    /* A's addition keeps A's site */
    ck_ok(sc_org_commit(db, org_a, ORG_A, "2023-05-12"));
    sc_offerings_free(s);
    s = offs("4-04-05-05/数据标注员:2", NULL);
    ck_ok(sc_org_apply_addition(db, org_a, ORG_A, s, "2023-06-01"));
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2023-06-05", NULL));
    ck_ok(sc_org_evaluate(db, centre, ORG_A, NULL, SC_EVAL_EXPERT, "2023-07-01", NULL));
    ck_ok(sc_org_notice(db, centre, ORG_A, "2023-07-05"));
    ck_ok(sc_org_file(db, centre, ORG_A, "2023-08-01"));
    ck_ok(sc_certificate_site_get(&site, db, ORG_A));
    ck_assert_int_eq(site, 1);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM cert_site"), 2);
    /* an unknown organization has none either */
    ck_assert_int_eq(sc_certificate_site_get(&site, db, ORG_C), SC_ENOTFOUND);
    sc_offerings_free(s);
}
END_TEST

/* ---- exit, expiry, a new filing -------------------------------------------------------------- */

START_TEST(test_org_exit_and_new_filing)
{
    sc_offerings *s = offs("4-02-07-10:4", NULL);
    sc_org_iter *it = NULL;
    sc_org o = SC_ORG_INIT;
    walk_a(SC_FILING_ACTIVE);
    ck_refused(sc_org_exit(db, haidian, ORG_A, "违反承诺", "2025-01-01"), SC_EDENIED);
    ck_refused(sc_org_exit(db, org_a, ORG_A, "违反承诺", "2025-01-01"), SC_EDENIED);
    ck_refused(sc_org_exit(db, centre, ORG_A, "", "2025-01-01"), SC_EINVAL);
    ck_refused(sc_org_exit(db, centre, ORG_A, "违反承诺", "2023-05-01"), SC_ECONSTRAINT);
    ck_ok(sc_org_exit(db, centre, ORG_A, "不履行工作承诺", "2025-01-01"));
    ck_refused(sc_org_exit(db, city, ORG_A, "again", "2025-01-02"), SC_ECONSTRAINT);
    /* Before the exit: still yes (certificates issued then stay valid). */
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2024-12-31", NULL, SC_PATH_NORMAL), 1,
               SC_REASON_NONE);
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2025-01-01", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_ORG_EXITED);
    ck_ok(sc_org_get(&o, db, ORG_A, "2025-02-01"));
    ck_assert_int_eq(o.status, SC_FILING_EXITED);
    ck_assert_str_eq(o.reason, "不履行工作承诺");
    ck_ok(sc_org_get(&o, db, ORG_A, "2024-12-31"));
    ck_assert_int_eq(o.status, SC_FILING_ACTIVE);
    ck_ok(sc_directory_iter_new(&it, db, "2025-01-01"));
    ck_assert_int_eq(sc_org_iter_next(&o, it), SC_ITEROVER);
    sc_org_iter_free(it);
    ck_refused(sc_org_apply_addition(db, org_a, ORG_A, s, "2025-02-01"), SC_ECONSTRAINT);

    /* A new filing later. */
    ck_ok(sc_org_apply(db, org_a, ORG_A, s, "2025-03-01"));
    ck_ok(sc_org_recommend(db, haidian, ORG_A, "2025-03-05", NULL));
    ck_ok(sc_org_evaluate(db, centre, ORG_A, NULL, SC_EVAL_ALL, "2025-04-01", NULL));
    ck_ok(sc_org_notice(db, centre, ORG_A, "2025-04-05"));
    ck_ok(sc_org_file(db, centre, ORG_A, "2025-05-01"));
    ck_ok(sc_org_commit(db, org_a, ORG_A, "2025-05-02"));
    ck_ok(sc_org_get(&o, db, ORG_A, "2025-06-01"));
    ck_assert_int_eq(o.status, SC_FILING_ACTIVE);
    ck_assert_str_eq(o.receipt, "BJ-2025-0001");
    ck_assert_str_eq(o.valid_until, "2028-04-30");
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 4, "2025-06-01", NULL, SC_PATH_NORMAL), 1,
               SC_REASON_NONE);
    /* Only the new scope: level 5 was in the old filing only. */
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2025-06-01", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_OUT_OF_SCOPE);
    sc_offerings_free(s);
}
END_TEST

START_TEST(test_org_expiry_then_new_filing)
{
    sc_offerings *s = offs("4-02-07-10:5", NULL);
    walk_a(SC_FILING_ACTIVE);
    ck_refused(sc_org_apply(db, org_a, ORG_A, s, "2026-05-09"), SC_ECONSTRAINT);
    ck_ok(sc_org_apply(db, org_a, ORG_A, s, "2026-05-10"));
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2026-05-10", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_ORG_EXPIRED);
    ck_refused(sc_org_exit(db, centre, ORG_A, "x", "2026-05-10"), SC_ECONSTRAINT);
    sc_offerings_free(s);
}
END_TEST

/* ---- the question ---------------------------------------------------------------------------- */

START_TEST(test_org_may_certify_refusals)
{
    char *before, *after;
    walk_a(SC_FILING_ACTIVE);
    ck_ok(sc_catalog_withdraw_occupation(db, city, "4-02-07-10", "2024-07-01"));
    ck_ok(sc_catalog_withdraw_offering(db, city, "4-04-05-05", "数据标注员", 3, "2024-09-01"));
    ck_ok(sc_org_rules_submit(db, org_a, ORG_A, SC_PATH_EXCEPTIONAL, "破格申报办法", "2023-06-01"));
    ck_ok(sc_org_rules_confirm(db, haidian, ORG_A, SC_PATH_EXCEPTIONAL, "2023-06-10"));

    before = t_dump(db);
    /* an unknown organization is SC_ENOTFOUND (one not-found rule), its reason given */
    {
        sc_verdict v_ = SC_VERDICT_INIT;
        ck_assert_int_eq(MAY(ORG_C, "4-02-07-10", NULL, 5, "2023-06-01", NULL, SC_PATH_NORMAL),
                         SC_ENOTFOUND);
        ck_assert_int_eq(v_.ok, 0);
        ck_assert_int_eq(v_.reason, SC_REASON_ORG_UNKNOWN);
    }
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2023-02-15", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_ORG_NOT_FILED);
    /* Outside the scope: another occupation, another level, another work type. */
    ck_verdict(MAY(ORG_A, "4-13-99-01", NULL, 5, "2023-06-01", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_OUT_OF_SCOPE);
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 3, "2023-06-01", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_OUT_OF_SCOPE);
    ck_verdict(MAY(ORG_A, "4-04-05-05", "人工智能算法测试员", 5, "2023-06-01", NULL,
                   SC_PATH_NORMAL), 0, SC_REASON_OUT_OF_SCOPE);
    /* Outside Beijing. */
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2023-06-01", "310101", SC_PATH_NORMAL), 0,
               SC_REASON_OUT_OF_REGION);
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2023-06-01", "北京经济技术开发区",
                   SC_PATH_NORMAL), 1, SC_REASON_NONE);
    /* Withdrawn from the catalog: the catalog's reason. */
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2024-06-30", NULL, SC_PATH_NORMAL), 1,
               SC_REASON_NONE);
    ck_verdict(MAY(ORG_A, "4-02-07-10", NULL, 5, "2024-07-01", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_OCCUPATION_NOT_IN_FORCE);
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 3, "2024-09-01", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_OFFERING_NOT_IN_FORCE);
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 4, "2024-09-01", NULL, SC_PATH_NORMAL), 1,
               SC_REASON_NONE);
    /* After expiry. */
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 4, "2026-05-10", NULL, SC_PATH_NORMAL), 0,
               SC_REASON_ORG_EXPIRED);
    /* Special paths: the level, then the confirmations. */
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 4, "2023-07-01", NULL,
                   SC_PATH_EXCEPTIONAL), 0, SC_REASON_SPECIAL_PATH_LEVEL);
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 3, "2023-07-01", NULL, SC_PATH_DIRECT), 0,
               SC_REASON_SPECIAL_PATH_LEVEL);
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 3, "2023-07-01", NULL,
                   SC_PATH_EXCEPTIONAL), 0, SC_REASON_SPECIAL_PATH_NOT_CONFIRMED);
    after = t_dump(db);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);

    ck_ok(sc_org_rules_confirm(db, city, ORG_A, SC_PATH_EXCEPTIONAL, "2023-07-01"));
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 3, "2023-07-01", NULL,
                   SC_PATH_EXCEPTIONAL), 1, SC_REASON_NONE);
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 3, "2023-06-30", NULL,
                   SC_PATH_EXCEPTIONAL), 0, SC_REASON_SPECIAL_PATH_NOT_CONFIRMED);

    /* Malformed questions are errors, not verdicts. */
    {
        sc_verdict v = SC_VERDICT_INIT;
        ck_assert_int_eq(sc_org_may_certify(&v, db, "x", "4-02-07-10", NULL, 5, NULL, NULL, 0),
                         SC_EINVAL);
        ck_assert_int_eq(sc_org_may_certify(&v, db, ORG_A, "4-02", NULL, 5, NULL, NULL, 0),
                         SC_EINVAL);
        ck_assert_int_eq(sc_org_may_certify(&v, db, ORG_A, "4-02-07-10", NULL, 6, NULL, NULL, 0),
                         SC_EINVAL);
        ck_assert_int_eq(
            sc_org_may_certify(&v, db, ORG_A, "4-02-07-10", NULL, 5, "2023-02-31", NULL, 0),
            SC_EINVAL);
        ck_assert_int_eq(sc_org_may_certify(&v, db, ORG_A, "4-02-07-10", NULL, 5, NULL, NULL, 7),
                         SC_EINVAL);
        ck_assert_int_eq(sc_org_may_certify(NULL, db, ORG_A, "4-02-07-10", NULL, 5, NULL, NULL, 0),
                         SC_EINVAL);
    }
}
END_TEST

/* ---- staff ----------------------------------------------------------------------------------- */

START_TEST(test_org_staff)
{
    sc_offerings *q = offs("4-04-05-05/数据标注员:5,4,3", NULL);
    sc_offerings *bad = offs("4-02-06-05:5", NULL);
    sc_offerings *got = NULL;
    sc_staff_query sq = SC_STAFF_QUERY_INIT;
    sc_staff_iter *it = NULL;
    sc_staff m = SC_STAFF_INIT;
    int n, rc;
    walk_a(SC_FILING_ACTIVE);
    ck_ok(sc_staff_add(db, org_a, ORG_A, "E001", "张考评", SC_STAFF_EXAMINER, q, "2023-06-01"));
    ck_ok(sc_staff_add(db, org_a, ORG_A, "S001", "李督导", SC_STAFF_SUPERVISOR, q, "2023-06-01"));
    ck_ok(sc_staff_add(db, org_a, ORG_A, "M001", "王经理", SC_STAFF_MANAGER, NULL, "2023-06-01"));
    ck_ok(sc_staff_add(db, org_a, ORG_A, "E001", "张考评", SC_STAFF_EXPERT, q, "2023-06-02"));
    ck_refused(sc_staff_add(db, org_a, ORG_A, "E001", "张考评", SC_STAFF_EXAMINER, q, NULL),
               SC_EEXISTS);
    ck_refused(sc_staff_add(db, org_a, ORG_A, "E002", "赵", SC_STAFF_EXAMINER, NULL, NULL),
               SC_EINVAL);
    ck_refused(sc_staff_add(db, org_a, ORG_A, "E002", "赵", SC_STAFF_EXAMINER, bad, NULL),
               SC_ECONSTRAINT);
    ck_refused(sc_staff_add(db, org_a, ORG_A, "E002", "赵", 9, q, NULL), SC_EINVAL);
    ck_refused(sc_staff_add(db, org_b, ORG_A, "E002", "赵", SC_STAFF_EXAMINER, q, NULL),
               SC_EDENIED);
    ck_refused(sc_staff_add(db, haidian, ORG_A, "E002", "赵", SC_STAFF_EXAMINER, q, NULL),
               SC_EDENIED);

    ck_ok(sc_staff_qualifications_get(&got, db, ORG_A, "E001", SC_STAFF_EXAMINER));
    ck_assert_uint_eq(sc_offerings_count(got), 3);
    sc_offerings_free(got);
    ck_assert_int_eq(sc_staff_qualifications_get(&got, db, ORG_A, "M001", SC_STAFF_EXAMINER),
                     SC_ENOTFOUND);

    ck_refused(sc_staff_remove(db, org_a, ORG_A, "E001", SC_STAFF_EXAMINER, "2023-05-01"),
               SC_ECONSTRAINT);
    ck_ok(sc_staff_remove(db, org_a, ORG_A, "E001", SC_STAFF_EXAMINER, "2024-01-01"));
    ck_refused(sc_staff_remove(db, org_a, ORG_A, "E001", SC_STAFF_EXAMINER, "2024-01-02"),
               SC_ENOTFOUND);
    ck_refused(sc_staff_remove(db, org_b, ORG_A, "S001", SC_STAFF_SUPERVISOR, "2024-01-02"),
               SC_EDENIED);

    sq.date = "2023-12-31";
    ck_ok(sc_staff_iter_new(&it, db, ORG_A, &sq));
    for (n = 0; (rc = sc_staff_iter_next(&m, it)) == SC_OK; n++)
        ck_assert_str_eq(m.credit_code, ORG_A);
    ck_assert_int_eq(rc, SC_ITEROVER);
    ck_assert_int_eq(n, 4);
    sc_staff_iter_free(it);
    sq.date = "2024-01-01";
    ck_ok(sc_staff_iter_new(&it, db, ORG_A, &sq));
    for (n = 0; sc_staff_iter_next(&m, it) == SC_OK; n++)
        ck_assert_msg(!(m.role == SC_STAFF_EXAMINER && !strcmp(m.person_id, "E001")),
                      "E001 left the examiners");
    ck_assert_int_eq(n, 3);
    sc_staff_iter_free(it);
    ck_ok(sc_staff_iter_new(&it, db, ORG_A, NULL));
    ck_ok(sc_staff_iter_next(&m, it)); /* by role: the manager first */
    ck_assert_int_eq(m.role, SC_STAFF_MANAGER);
    ck_assert_str_eq(m.name, "王经理");
    ck_ok(sc_staff_iter_next(&m, it));
    ck_assert_int_eq(m.role, SC_STAFF_EXAMINER);
    ck_assert_str_eq(m.removed, "2024-01-01");
    sc_staff_iter_free(it);
    /* Rejoining after leaving is a new record. */
    ck_ok(sc_staff_add(db, org_a, ORG_A, "E001", "张考评", SC_STAFF_EXAMINER, q, "2024-03-01"));
    ck_assert_int_eq(sc_staff_iter_new(&it, db, ORG_C, NULL), SC_ENOTFOUND);
    sc_offerings_free(q);
    sc_offerings_free(bad);
}
END_TEST

/* The number of ORG_A's staff sq (NULL: none) lists. */
static int staff_count(const sc_staff_query *sq)
{
    sc_staff_iter *it = NULL;
    sc_staff m = SC_STAFF_INIT;
    int n;
    ck_ok(sc_staff_iter_new(&it, db, ORG_A, sq));
    for (n = 0; sc_staff_iter_next(&m, it) == SC_OK; n++)
        ;
    sc_staff_iter_free(it);
    return n;
}

/* The staff list's filter comes in a versioned sc_staff_query; the organization stays
 * an argument: it is the staff asked for, SC_ENOTFOUND when unknown. */
START_TEST(test_org_staff_query)
{
    sc_offerings *q = offs("4-04-05-05/数据标注员:5,4,3", NULL);
    sc_staff_query sq = SC_STAFF_QUERY_INIT;
    sc_staff_iter *it = NULL;
    sc_staff m = SC_STAFF_INIT;
    walk_a(SC_FILING_ACTIVE);
    ck_ok(sc_staff_add(db, org_a, ORG_A, "E001", "张考评", SC_STAFF_EXAMINER, q, "2023-06-01"));
    ck_ok(sc_staff_add(db, org_a, ORG_A, "S001", "李督导", SC_STAFF_SUPERVISOR, q, "2023-07-01"));
    /* No query, and the initial one: everyone ever recorded. */
    ck_assert_int_eq(staff_count(NULL), 2);
    ck_assert_int_eq(staff_count(&sq), 2);
    /* The date filters: before the supervisor joined, only the examiner. */
    sq.date = "2023-06-15";
    ck_ok(sc_staff_iter_new(&it, db, ORG_A, &sq));
    ck_ok(sc_staff_iter_next(&m, it));
    ck_assert_str_eq(m.person_id, "E001");
    ck_assert_int_eq(sc_staff_iter_next(&m, it), SC_ITEROVER);
    sc_staff_iter_free(it);
    sq.date = "2023-06-31";
    ck_assert_int_eq(sc_staff_iter_new(&it, db, ORG_A, &sq), SC_EINVAL);
    ck_assert_ptr_null(it);
    ck_assert_int_eq(sc_staff_iter_new(&it, db, ORG_C, NULL), SC_ENOTFOUND);
    /* A version this library does not know is refused, naming the field. */
    sq.date = NULL;
    ck_query_version_refused(sq, SC_STAFF_QUERY_VERSION, it,
                             sc_staff_iter_new(&it, db, ORG_A, &sq));
    sc_offerings_free(q);
}
END_TEST

/* ---- special-path rules ---------------------------------------------------------------------- */

START_TEST(test_org_special_rules)
{
    sc_special_rules r = SC_SPECIAL_RULES_INIT;
    unsigned int flags;
    walk_a(SC_FILING_ACTIVE);
    ck_assert_int_eq(sc_org_rules_get(&r, db, ORG_A, SC_PATH_DIRECT), SC_ENOTFOUND);
    ck_refused(sc_org_rules_confirm(db, haidian, ORG_A, SC_PATH_DIRECT, "2023-06-01"),
               SC_ENOTFOUND);
    ck_refused(sc_org_rules_submit(db, haidian, ORG_A, SC_PATH_DIRECT, "x", "2023-06-01"),
               SC_EDENIED);
    ck_refused(sc_org_rules_submit(db, org_a, ORG_A, SC_PATH_NORMAL, "x", "2023-06-01"),
               SC_EINVAL);
    ck_ok(sc_org_rules_submit(db, org_a, ORG_A, SC_PATH_DIRECT, "直接认定办法 v1", "2023-06-01"));
    ck_refused(sc_org_rules_confirm(db, xicheng, ORG_A, SC_PATH_DIRECT, "2023-06-05"),
               SC_EDENIED);
    ck_refused(sc_org_rules_confirm(db, centre, ORG_A, SC_PATH_DIRECT, "2023-06-05"), SC_EDENIED);
    ck_refused(sc_org_rules_confirm(db, org_a, ORG_A, SC_PATH_DIRECT, "2023-06-05"), SC_EDENIED);
    ck_refused(sc_org_rules_confirm(db, city, ORG_A, SC_PATH_DIRECT, "2023-05-31"),
               SC_ECONSTRAINT);
    /* Either order: the city bureau first here. */
    ck_ok(sc_org_rules_confirm(db, city, ORG_A, SC_PATH_DIRECT, "2023-06-05"));
    ck_refused(sc_org_rules_confirm(db, city, ORG_A, SC_PATH_DIRECT, "2023-06-06"),
               SC_ECONSTRAINT);
    ck_ok(sc_org_rules_confirmed_get(&flags, db, ORG_A, "2023-06-20"));
    ck_assert_uint_eq(flags, 0);
    ck_verdict(MAY(ORG_A, "4-04-05-05", "数据标注员", 3, "2023-06-20", NULL, SC_PATH_DIRECT), 0,
               SC_REASON_SPECIAL_PATH_LEVEL);
    ck_ok(sc_org_rules_confirm(db, haidian, ORG_A, SC_PATH_DIRECT, "2023-06-10"));
    ck_ok(sc_org_rules_confirmed_get(&flags, db, ORG_A, "2023-06-09"));
    ck_assert_uint_eq(flags, 0);
    ck_ok(sc_org_rules_confirmed_get(&flags, db, ORG_A, "2023-06-10"));
    ck_assert_uint_eq(flags, SC_CONFIRMED_DIRECT);
    ck_ok(sc_org_rules_get(&r, db, ORG_A, SC_PATH_DIRECT));
    ck_assert_str_eq(r.text, "直接认定办法 v1");
    ck_assert_str_eq(r.district_confirmed, "2023-06-10");
    ck_assert_str_eq(r.city_confirmed, "2023-06-05");
    ck_assert_str_eq(r.district_actor, "district:110108 (test)");
    ck_assert_str_eq(r.city_actor, "city-bureau (test)");
    /* A new version needs its own confirmations; the old one stays in force. */
    ck_ok(sc_org_rules_submit(db, org_a, ORG_A, SC_PATH_DIRECT, "直接认定办法 v2", "2023-09-01"));
    ck_ok(sc_org_rules_get(&r, db, ORG_A, SC_PATH_DIRECT));
    ck_assert_str_eq(r.district_confirmed, "");
    ck_ok(sc_org_rules_confirmed_get(&flags, db, ORG_A, "2023-09-02"));
    ck_assert_uint_eq(flags, SC_CONFIRMED_DIRECT);
}
END_TEST

/* ---- offering lists, free(NULL), allocation failures ---------------------------------------- */

START_TEST(test_org_offerings)
{
    sc_offerings *s = NULL;
    sc_offering_item it = SC_OFFERING_ITEM_INIT;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add(s, "4—04—05—04", "建筑工程", 3));
    ck_ok(sc_offerings_add(s, "4-04-05-04", "建筑工程", 3)); /* already there */
    ck_ok(sc_offerings_add(s, "4-02-07-10", "", 5));
    ck_assert_uint_eq(sc_offerings_count(s), 2);
    ck_ok(sc_offerings_get(&it, s, 0));
    ck_assert_str_eq(it.occupation, "4-04-05-04");
    ck_assert_str_eq(it.work_type, "建筑工程");
    ck_assert_int_eq(it.level, 3);
    ck_ok(sc_offerings_get(&it, s, 1));
    ck_assert_str_eq(it.work_type, "");
    ck_assert_int_eq(sc_offerings_get(&it, s, 2), SC_ENOTFOUND);
    ck_ok(sc_offerings_add_text(s, "4-04-05-05/数据标注员:5, 4,3"));
    ck_assert_uint_eq(sc_offerings_count(s), 5);
    /* Malformed texts add nothing. */
    ck_assert_int_eq(sc_offerings_add_text(s, "4-04-05-05:5,6"), SC_EINVAL);
    ck_assert_int_eq(sc_offerings_add_text(s, "4-04-05-05"), SC_EINVAL);
    ck_assert_int_eq(sc_offerings_add_text(s, "4-04:5"), SC_EINVAL);
    ck_assert_int_eq(sc_offerings_add_text(s, "4-04-05-05/:5"), SC_EINVAL);
    ck_assert_int_eq(sc_offerings_add_text(s, ":5"), SC_EINVAL);
    ck_assert_uint_eq(sc_offerings_count(s), 5);
    ck_assert_int_eq(sc_offerings_add(s, "4-04-05", NULL, 3), SC_EINVAL);
    ck_assert_int_eq(sc_offerings_add(s, "4-04-05-05", NULL, 0), SC_EINVAL);
    ck_assert_int_eq(sc_offerings_add(NULL, "4-04-05-05", NULL, 3), SC_EINVAL);
    ck_assert_int_eq(sc_offerings_new(NULL), SC_EINVAL);
    ck_assert_uint_eq(sc_offerings_count(NULL), 0);
    sc_offerings_free(s);
}
END_TEST

START_TEST(test_org_free_null)
{
    sc_offerings_free(NULL);
    sc_org_iter_free(NULL);
    sc_filing_iter_free(NULL);
    sc_staff_iter_free(NULL);
    sc_district_iter_free(NULL);
}
END_TEST

/* The allocation-failure loop for one constructor call. */
#define ENOMEM_LOOP(call, obj, freefn)                                                   \
    do {                                                                                 \
        long n_;                                                                         \
        for (n_ = 0; n_ < 1000; n_++) {                                                  \
            int rc_;                                                                     \
            obj = NULL;                                                                  \
            sc__mem_fail_after(n_);                                                      \
            rc_ = (call);                                                                \
            sc__mem_fail_after(-1);                                                      \
            if (rc_ == SC_OK) {                                                          \
                freefn(obj);                                                             \
                break;                                                                   \
            }                                                                            \
            ck_assert_msg(rc_ == SC_ENOMEM, "%s: %d at %ld", #call, rc_, n_);            \
            ck_assert_ptr_null(obj);                                                     \
        }                                                                                \
        ck_assert_int_gt(n_, 0);                                                         \
        ck_assert_int_lt(n_, 1000);                                                      \
    } while (0)

START_TEST(test_org_enomem_constructors)
{
    sc_offerings *s;
    sc_org_iter *oi;
    sc_filing_iter *fi;
    sc_staff_iter *si;
    sc_district_iter *di;
    walk_a(SC_FILING_ACTIVE);
    ENOMEM_LOOP(sc_offerings_new(&s), s, sc_offerings_free);
    ENOMEM_LOOP(sc_org_scope_get(&s, db, ORG_A, "2023-06-01"), s, sc_offerings_free);
    ENOMEM_LOOP(sc_org_iter_new(&oi, db, NULL), oi, sc_org_iter_free);
    ENOMEM_LOOP(sc_directory_iter_new(&oi, db, NULL), oi, sc_org_iter_free);
    ENOMEM_LOOP(sc_filing_iter_new(&fi, db, ORG_A), fi, sc_filing_iter_free);
    ENOMEM_LOOP(sc_staff_iter_new(&si, db, ORG_A, NULL), si, sc_staff_iter_free);
    ENOMEM_LOOP(sc_district_iter_new(&di, db), di, sc_district_iter_free);
}
END_TEST

Suite *sc_org_suite(void)
{
    Suite *s = suite_create("org");
    TCase *tc = tcase_create("identifiers");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_org_credit_code_valid);
    tcase_add_test(tc, test_org_credit_code_legacy);
    tcase_add_test(tc, test_org_register_legacy_code);
    tcase_add_test(tc, test_org_districts);
    tcase_add_test(tc, test_org_kind_and_status_names);
    suite_add_tcase(s, tc);

    tc = tcase_create("filing");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_org_register);
    tcase_add_test(tc, test_org_publish);
    tcase_add_test(tc, test_org_filing_apply);
    tcase_add_test(tc, test_org_filing_recommend_evaluate);
    tcase_add_test(tc, test_org_filing_filed);
    tcase_add_test(tc, test_org_filing_commit);
    tcase_add_test(tc, test_org_filing_record);
    tcase_add_test(tc, test_org_filing_scope);
    tcase_add_test(tc, test_org_directory);
    tcase_add_test(tc, test_org_iter_query);
    tcase_add_test(tc, test_org_validity_leap_day);
    tcase_add_test(tc, test_org_workflow_refusals);
    tcase_add_test(tc, test_org_apply_checks_catalog);
    tcase_add_test(tc, test_org_enomem_apply_changes_nothing);
    tcase_add_test(tc, test_org_reject);
    tcase_add_test(tc, test_org_addition);
    tcase_add_test(tc, test_org_site_at_filing);
    tcase_add_test(tc, test_org_exit_and_new_filing);
    tcase_add_test(tc, test_org_expiry_then_new_filing);
    tcase_add_test(tc, test_org_may_certify_refusals);
    suite_add_tcase(s, tc);

    tc = tcase_create("staff-rules");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_org_staff);
    tcase_add_test(tc, test_org_staff_query);
    tcase_add_test(tc, test_org_special_rules);
    suite_add_tcase(s, tc);

    tc = tcase_create("values");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_org_offerings);
    tcase_add_test(tc, test_org_free_null);
    tcase_add_test(tc, test_org_enomem_constructors);
    suite_add_tcase(s, tc);
    return s;
}
