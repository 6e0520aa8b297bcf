/* The catalog: levels, codes, the notice's list, checks, dynamic adjustment. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check_suites.h"
#include "sc_int.h"

/* The notice's 附件1, written out independently of data/catalog-2022-8.xml:
 * one row per (occupation, work type or "" for undivided) with its levels. */
typedef struct {
    const char *code, *name, *work_type, *levels;
} expect_row;

static const expect_row notice[] = {
    { "4-01-02-06", "连锁经营管理师", "", "4321" },
    { "4-01-02-07", "互联网营销师", "选品员", "54321" },
    { "4-01-02-07", "互联网营销师", "直播销售员", "54321" },
    { "4-01-02-07", "互联网营销师", "视频创推员", "54321" },
    { "4-01-02-07", "互联网营销师", "平台管理员", "54321" },
    { "4-02-06-05", "供应链管理师", "", "321" },
    { "4-02-07-10", "网约配送员", "", "54321" },
    { "4-04-04-04", "信息安全测试员", "", "4321" },
    { "4-04-05-04", "建筑信息模型技术员", "", "541" },
    { "4-04-05-04", "建筑信息模型技术员", "建筑工程", "32" },
    { "4-04-05-04", "建筑信息模型技术员", "机电工程", "32" },
    { "4-04-05-04", "建筑信息模型技术员", "装饰装修工程", "32" },
    { "4-04-05-04", "建筑信息模型技术员", "市政工程", "32" },
    { "4-04-05-04", "建筑信息模型技术员", "公路工程", "32" },
    { "4-04-05-04", "建筑信息模型技术员", "铁路工程", "32" },
    { "4-04-05-05", "人工智能训练师", "数据标注员", "54321" },
    { "4-04-05-05", "人工智能训练师", "人工智能算法测试员", "54321" },
    { "4-04-05-06", "区块链应用操作员", "", "4321" },
    { "4-08-05-07", "电气电子产品环保检测员", "", "54321" },
    { "4-13-05-03", "电子竞技运营师", "", "4321" },
    { "4-13-99-01", "电子竞技员", "", "54321" },
    { "4-14-01-04", "社群健康助理员", "", "432" },
    { "4-14-02-04", "出生缺陷防控咨询师", "", "5432" },
    { "4-14-02-04", "出生缺陷防控咨询师", "医学遗传", "1" },
    { "4-14-02-04", "出生缺陷防控咨询师", "儿童发展", "1" },
    { "4-14-02-04", "出生缺陷防控咨询师", "医学母胎", "1" },
    { "4-14-02-05", "老年人能力评估师", "", "321" },
    { "4-99-00-00", "无人机驾驶员", "植保", "54321" },
    { "4-99-00-00", "无人机驾驶员", "安防", "54321" },
    { "4-99-00-00", "无人机驾驶员", "航拍", "54321" },
    { "4-99-00-00", "无人机驾驶员", "巡检", "54321" },
    { "4-99-00-00", "无人机驾驶员", "物流", "54321" },
    { "5-05-01-02", "农业经理人", "", "4321" },
    { "6-23-03-15", "无人机装调检修工", "", "54321" },
    { "6-25-04-09", "物联网安装调试员", "", "54321" },
    { "6-30-99-00", "工业机器人系统操作员", "", "4321" },
    { "6-31-01-10", "工业机器人系统运维员", "", "4321" },
};
#define NNOTICE (sizeof notice / sizeof notice[0])

static int expected_offered(const char *code, const char *wt, int level)
{
    size_t i;
    for (i = 0; i < NNOTICE; i++)
        if (!strcmp(notice[i].code, code) && !strcmp(notice[i].work_type, wt ? wt : "") &&
            strchr(notice[i].levels, '0' + level))
            return 1;
    return 0;
}

static size_t expected_offerings(const char *code)
{
    size_t i, n = 0;
    for (i = 0; i < NNOTICE; i++)
        if (!strcmp(notice[i].code, code))
            n += strlen(notice[i].levels);
    return n;
}

static sc_db *db;
static sc_actor *city;

static void setup(void)
{
    db = t_notice_db();
    city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
}

static void teardown(void)
{
    sc_db_close(db);
    sc_actor_free(city);
}

/* ---- levels and codes ---- */

START_TEST(test_catalog_level_names)
{
    static const char *zh[] = { NULL, "高级技师", "技师", "高级工", "中级工", "初级工" };
    static const char *rank[] = { NULL, "一级", "二级", "三级", "四级", "五级" };
    int l, parsed;
    for (l = 1; l <= 5; l++) {
        char buf[8], both[64];
        ck_assert_str_eq(sc_level_name_zh(l), zh[l]);
        ck_assert_str_eq(sc_level_rank_zh(l), rank[l]);
        ck_assert_ptr_nonnull(sc_level_name_en(l));
        snprintf(buf, sizeof buf, "%d", l);
        ck_ok(sc_level_parse(&parsed, buf));
        ck_assert_int_eq(parsed, l);
        ck_ok(sc_level_parse(&parsed, zh[l]));
        ck_assert_int_eq(parsed, l);
        ck_ok(sc_level_parse(&parsed, rank[l]));
        ck_assert_int_eq(parsed, l);
        ck_ok(sc_level_parse(&parsed, sc_level_name_en(l)));
        ck_assert_int_eq(parsed, l);
        snprintf(both, sizeof both, "%s/%s", rank[l], zh[l]);
        ck_ok(sc_level_parse(&parsed, both));
        ck_assert_int_eq(parsed, l);
    }
    ck_assert_ptr_null(sc_level_name_zh(0));
    ck_assert_ptr_null(sc_level_name_zh(6));
    ck_assert_ptr_null(sc_level_name_en(-1));
    ck_assert_int_eq(sc_level_parse(&parsed, "6"), SC_EINVAL);
    ck_assert_int_eq(sc_level_parse(&parsed, "0"), SC_EINVAL);
    ck_assert_int_eq(sc_level_parse(&parsed, "高级"), SC_EINVAL);
    ck_assert_int_eq(sc_level_parse(&parsed, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_level_parse(NULL, "1"), SC_EINVAL);
}
END_TEST

START_TEST(test_catalog_code_normalize)
{
    static const char *good[][2] = {
        { "4-04-05-05", "4-04-05-05" },   { "4—04—05—05", "4-04-05-05" },
        { "4–04–05–05", "4-04-05-05" },   { "4－04－05－05", "4-04-05-05" },
        { " 6—31—01—10 ", "6-31-01-10" }, { "4-14—02-04", "4-14-02-04" },
    };
    static const char *bad[] = { "",          "4-4-05-05",   "4-04-05-055", "9-04-05-05",
                                 "0-04-05-05", "4040505",     "4_04_05_05",  "4-04-05",
                                 "4-04-05-05-01", "a-bc-de-fg", "4--04-05-05", "\xff" };
    size_t i;
    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        char *out = NULL;
        ck_ok(sc_occupation_code_normalize(&out, good[i][0]));
        ck_assert_str_eq(out, good[i][1]);
        sc_free(out);
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out = (char *)1;
        ck_assert_msg(sc_occupation_code_normalize(&out, bad[i]) == SC_EINVAL, "accepted %s",
                      bad[i]);
        ck_assert_ptr_null(out);
        ck_assert_str_eq(sc_error_last()->field, "code");
    }
    ck_assert_int_eq(sc_occupation_code_normalize(NULL, "4-04-05-05"), SC_EINVAL);
}
END_TEST

/* ---- the notice's list ---- */

START_TEST(test_catalog_notice_every_offering)
{
    sc_occupation_iter *it = NULL;
    sc_occupation *o = NULL;
    sc_occupation_query q = SC_OCCUPATION_QUERY_INIT;
    int count = 0, rc;
    q.date = "2022-04-12";
    ck_ok(sc_occupation_iter_new(&it, db, &q));
    while ((rc = sc_occupation_iter_next(&o, it)) == SC_OK) {
        const char *code = sc_occupation_code(o);
        size_t i, found = 0;
        count++;
        for (i = 0; i < NNOTICE; i++)
            if (!strcmp(notice[i].code, code)) {
                ck_assert_str_eq(sc_occupation_name(o), notice[i].name);
                found = 1;
            }
        ck_assert_msg(found, "unexpected occupation %s", code);
        ck_assert_uint_eq(sc_occupation_offering_count(o), expected_offerings(code));
        for (i = 0; i < sc_occupation_offering_count(o); i++) {
            const char *wt = sc_occupation_offering_work_type(o, i);
            int lv = sc_occupation_offering_level(o, i);
            ck_assert_msg(expected_offered(code, wt, lv), "%s %s level %d not in the notice",
                          code, wt ? wt : "(undivided)", lv);
            ck_assert_str_eq(sc_occupation_offering_effective(o, i), "2022-04-12");
            ck_assert_ptr_null(sc_occupation_offering_withdrawn(o, i));
        }
        sc_occupation_free(o);
    }
    ck_assert_int_eq(rc, SC_ITEROVER);
    ck_assert_int_eq(sc_occupation_iter_next(&o, it), SC_ITEROVER);
    ck_assert_int_eq(count, 20);
    sc_occupation_iter_free(it);
}
END_TEST

START_TEST(test_catalog_notice_check_matrix)
{
    /* Every (row, level 1-5) of the notice: certifiable exactly when listed. */
    size_t i;
    int level;
    for (i = 0; i < NNOTICE; i++) {
        for (level = 1; level <= 5; level++) {
            sc_verdict v = SC_VERDICT_INIT;
            const char *wt = notice[i].work_type[0] ? notice[i].work_type : NULL;
            ck_ok(sc_catalog_check(&v, db, notice[i].code, wt, level, "2022-06-01"));
            ck_assert_msg(v.ok == expected_offered(notice[i].code, wt, level),
                          "%s/%s level %d: ok=%d (%s)", notice[i].code, wt ? wt : "-", level,
                          v.ok, v.message);
            if (!v.ok)
                ck_assert_str_ne(v.message, "");
        }
    }
}
END_TEST

START_TEST(test_catalog_irregular_bim)
{
    sc_occupation *o = NULL;
    sc_verdict v = SC_VERDICT_INIT;
    ck_ok(sc_occupation_lookup(&o, db, "4—04—05—04"));
    ck_assert_str_eq(sc_occupation_name(o), "建筑信息模型技术员");
    ck_assert_uint_eq(sc_occupation_work_type_count(o), 6);
    ck_assert_str_eq(sc_occupation_work_type(o, 0), "建筑工程");
    ck_assert_str_eq(sc_occupation_work_type(o, 5), "铁路工程");
    ck_assert_ptr_null(sc_occupation_work_type(o, 6));
    ck_assert_uint_eq(sc_occupation_offering_count(o), 15);
    sc_occupation_free(o);

    ck_ok(sc_catalog_check(&v, db, "4-04-05-04", NULL, 5, "2023-01-01"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-04", NULL, 3, "2023-01-01"));
    ck_assert_int_eq(v.ok, 0);
    ck_assert_int_eq(v.reason, SC_REASON_WORK_TYPE_REQUIRED);
    ck_assert_ptr_nonnull(strstr(v.message, "建筑工程"));
    ck_ok(sc_catalog_check(&v, db, "4-04-05-04", "机电工程", 2, "2023-01-01"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-04", "机电工程", 1, "2023-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_WORK_TYPE_NOT_ALLOWED);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-04", "机电工程", 5, "2023-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_WORK_TYPE_NOT_ALLOWED);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-04", "水利工程", 3, "2023-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_UNKNOWN_WORK_TYPE);
}
END_TEST

START_TEST(test_catalog_irregular_birth_defect)
{
    sc_verdict v = SC_VERDICT_INIT;
    ck_ok(sc_catalog_check(&v, db, "4-14-02-04", NULL, 2, "2023-01-01"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_catalog_check(&v, db, "4-14-02-04", NULL, 1, "2023-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_WORK_TYPE_REQUIRED);
    ck_ok(sc_catalog_check(&v, db, "4-14-02-04", "医学母胎", 1, "2023-01-01"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_catalog_check(&v, db, "4-14-02-04", "医学母胎", 4, "2023-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_WORK_TYPE_NOT_ALLOWED);
}
END_TEST

START_TEST(test_catalog_check_reasons)
{
    sc_verdict v = SC_VERDICT_INIT;
    ck_ok(sc_catalog_check(&v, db, "4-04-05-09", NULL, 5, "2023-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_UNKNOWN_OCCUPATION);
    ck_ok(sc_catalog_check(&v, db, "4-02-06-05", NULL, 5, "2023-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_LEVEL_NOT_OFFERED);
    ck_ok(sc_catalog_check(&v, db, "4-02-06-05", "某方向", 3, "2023-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_UNKNOWN_WORK_TYPE);
    ck_ok(sc_catalog_check(&v, db, "4-01-02-07", NULL, 3, "2023-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_WORK_TYPE_REQUIRED);
    ck_ok(sc_catalog_check(&v, db, "4-02-07-10", NULL, 5, "2022-04-11"));
    ck_assert_int_eq(v.reason, SC_REASON_OCCUPATION_NOT_IN_FORCE);
    ck_ok(sc_catalog_check(&v, db, "4-02-07-10", NULL, 5, "2022-04-12"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_catalog_check(&v, db, "4-02-07-10", "", 5, NULL)); /* today, "" = none */
    ck_assert_int_eq(v.ok, 1);
    /* malformed input is an error, not a verdict */
    ck_assert_int_eq(sc_catalog_check(&v, db, "4-02-07", NULL, 5, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_catalog_check(&v, db, "4-02-07-10", NULL, 0, NULL), SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "level");
    ck_assert_int_eq(sc_catalog_check(&v, db, "4-02-07-10", NULL, 6, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_catalog_check(&v, db, "4-02-07-10", NULL, 5, "2022-02-30"), SC_EINVAL);
    ck_assert_int_eq(sc_catalog_check(&v, db, "4-02-07-10", "\xe4\xb8", 5, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_catalog_check(NULL, db, "4-02-07-10", NULL, 5, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_catalog_check(&v, NULL, "4-02-07-10", NULL, 5, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_catalog_check(&v, db, NULL, NULL, 5, NULL), SC_EINVAL);
}
END_TEST

START_TEST(test_catalog_alias)
{
    sc_occupation *o = NULL;
    sc_verdict v = SC_VERDICT_INIT;
    ck_ok(sc_occupation_lookup(&o, db, "4-13-99-00"));
    ck_assert_str_eq(sc_occupation_code(o), "4-13-99-01");
    ck_assert_uint_eq(sc_occupation_alias_count(o), 1);
    ck_assert_str_eq(sc_occupation_alias(o, 0), "4-13-99-00");
    sc_occupation_free(o);
    ck_ok(sc_catalog_check(&v, db, "4—13—99—00", NULL, 1, "2023-01-01"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_catalog_add_alias(db, city, "4-01-06-02", "4-01-02-07"));
    ck_assert_int_eq(sc_catalog_add_alias(db, city, "4-01-06-02", "4-02-07-10"), SC_EEXISTS);
    ck_assert_int_eq(sc_catalog_add_alias(db, city, "4-02-07-10", "4-01-02-07"), SC_EEXISTS);
    ck_assert_int_eq(sc_catalog_add_occupation(db, city, "4-01-06-02", "x", "2024-01-01"),
                     SC_EEXISTS);
    ck_assert_int_eq(sc_catalog_add_alias(db, city, "4-01-06-03", "4-09-09-09"), SC_ENOTFOUND);
}
END_TEST

START_TEST(test_catalog_lookup_errors)
{
    sc_occupation *o = (sc_occupation *)1;
    ck_assert_int_eq(sc_occupation_lookup(&o, db, "4-09-09-09"), SC_ENOTFOUND);
    ck_assert_ptr_null(o);
    ck_assert_int_eq(sc_occupation_lookup(&o, db, "nonsense"), SC_EINVAL);
    ck_assert_int_eq(sc_occupation_lookup(NULL, db, "4-02-07-10"), SC_EINVAL);
    ck_assert_int_eq(sc_occupation_iter_new(NULL, db, NULL), SC_EINVAL);
    {
        sc_occupation_iter *it = (sc_occupation_iter *)1;
        sc_occupation_query q = SC_OCCUPATION_QUERY_INIT;
        q.date = "20220412";
        ck_assert_int_eq(sc_occupation_iter_new(&it, db, &q), SC_EINVAL);
        ck_assert_ptr_null(it);
    }
    ck_assert_int_eq(sc_occupation_iter_next(&o, NULL), SC_EINVAL);
    ck_assert_ptr_null(sc_occupation_code(NULL));
    ck_assert_uint_eq(sc_occupation_offering_count(NULL), 0);
    ck_assert_int_eq(sc_occupation_offering_level(NULL, 0), 0);
}
END_TEST

START_TEST(test_catalog_lookup_enomem_loop)
{
    long n;
    for (n = 0;; n++) {
        sc_occupation *o = (sc_occupation *)1;
        int rc;
        sc__mem_fail_after(n);
        rc = sc_occupation_lookup(&o, db, "4-04-05-04");
        sc__mem_fail_after(-1);
        if (rc == SC_OK) {
            ck_assert_uint_eq(sc_occupation_offering_count(o), 15);
            sc_occupation_free(o);
            break;
        }
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(o);
    }
    ck_assert_int_gt(n, 30);
}
END_TEST

/* ---- dynamic adjustment ---- */

/* 4-04-05-13 生成式人工智能系统应用员 added from 2024-07-01: level 5, and its work type
 * 模型应用 at level 3 from 2025-01-01. */
static void cat_added(void)
{
    ck_ok(sc_catalog_add_occupation(db, city, "4—04—05—13", "生成式人工智能系统应用员",
                                    "2024-07-01"));
    ck_ok(sc_catalog_add_work_type(db, city, "4-04-05-13", "模型应用", "2024-07-01"));
    ck_ok(sc_catalog_add_offering(db, city, "4-04-05-13", NULL, 5, "2024-07-01"));
    ck_ok(sc_catalog_add_offering(db, city, "4-04-05-13", "模型应用", 3, "2025-01-01"));
}

/* The number of occupations q (NULL: none) lists; with code, *seen says whether
   it is among them. */
static int occ_count(const sc_occupation_query *q, const char *code, int *seen)
{
    sc_occupation_iter *it = NULL;
    sc_occupation *o = NULL;
    int n;
    if (seen)
        *seen = 0;
    ck_ok(sc_occupation_iter_new(&it, db, q));
    for (n = 0; sc_occupation_iter_next(&o, it) == SC_OK; n++) {
        if (code && !strcmp(sc_occupation_code(o), code))
            *seen = 1;
        sc_occupation_free(o);
    }
    sc_occupation_iter_free(it);
    return n;
}

/* Added twice, or to a work type it does not have: refused. */
START_TEST(test_catalog_add_refusals)
{
    cat_added();
    ck_assert_int_eq(sc_catalog_add_offering(db, city, "4-04-05-13", NULL, 5, "2024-08-01"),
                     SC_EEXISTS);
    ck_assert_int_eq(sc_catalog_add_offering(db, city, "4-04-05-13", "无此方向", 4, "2024-08-01"),
                     SC_ENOTFOUND);
    ck_assert_int_eq(sc_catalog_add_work_type(db, city, "4-04-05-13", "模型应用", "2024-08-01"),
                     SC_EEXISTS);
}
END_TEST

/* In force from its dates on, each offering from its own. */
START_TEST(test_catalog_added_in_force)
{
    sc_verdict v = SC_VERDICT_INIT;
    cat_added();
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", NULL, 5, "2024-06-30"));
    ck_assert_int_eq(v.reason, SC_REASON_OCCUPATION_NOT_IN_FORCE);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", NULL, 5, "2024-07-01"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", "模型应用", 3, "2024-12-31"));
    ck_assert_int_eq(v.reason, SC_REASON_OFFERING_NOT_IN_FORCE);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", "模型应用", 2, "2025-06-01"));
    ck_assert_int_eq(v.reason, SC_REASON_LEVEL_NOT_OFFERED);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", "模型应用", 3, "2025-01-01"));
    ck_assert_int_eq(v.ok, 1);
}
END_TEST

/* Withdraw one offering: history stays answerable; offered again later. */
START_TEST(test_catalog_withdraw_offering_and_again)
{
    sc_verdict v = SC_VERDICT_INIT;
    cat_added();
    ck_ok(sc_catalog_withdraw_offering(db, city, "4-04-05-13", NULL, 5, "2026-01-01"));
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", NULL, 5, "2025-12-31"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", NULL, 5, "2026-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_OFFERING_NOT_IN_FORCE);
    ck_assert_int_eq(sc_catalog_withdraw_offering(db, city, "4-04-05-13", NULL, 5, "2026-02-01"),
                     SC_ENOTFOUND);
    ck_ok(sc_catalog_add_offering(db, city, "4-04-05-13", NULL, 5, "2027-01-01"));
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", NULL, 5, "2026-06-01"));
    ck_assert_int_eq(v.ok, 0);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", NULL, 5, "2027-06-01"));
    ck_assert_int_eq(v.ok, 1);
}
END_TEST

/* Withdraw a work type: its offerings end with it. */
START_TEST(test_catalog_withdraw_work_type_over_time)
{
    sc_verdict v = SC_VERDICT_INIT;
    cat_added();
    ck_ok(sc_catalog_withdraw_work_type(db, city, "4-04-05-13", "模型应用", "2028-01-01"));
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", "模型应用", 3, "2028-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_WORK_TYPE_NOT_IN_FORCE);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", "模型应用", 3, "2027-12-31"));
    ck_assert_int_eq(v.ok, 1);
}
END_TEST

/* Withdraw the whole occupation, once; the record keeps the dates. */
START_TEST(test_catalog_withdraw_occupation_over_time)
{
    sc_verdict v = SC_VERDICT_INIT;
    sc_occupation *o = NULL;
    cat_added();
    ck_ok(sc_catalog_withdraw_work_type(db, city, "4-04-05-13", "模型应用", "2028-01-01"));
    ck_ok(sc_catalog_withdraw_occupation(db, city, "4-04-05-13", "2030-01-01"));
    ck_assert_int_eq(sc_catalog_withdraw_occupation(db, city, "4-04-05-13", "2031-01-01"),
                     SC_ECONSTRAINT);
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", NULL, 5, "2030-01-01"));
    ck_assert_int_eq(v.reason, SC_REASON_OCCUPATION_NOT_IN_FORCE);
    ck_assert_ptr_nonnull(strstr(v.message, "withdrawn"));
    ck_ok(sc_catalog_check(&v, db, "4-04-05-13", NULL, 5, "2029-12-31"));
    ck_assert_int_eq(v.ok, 1);
    ck_ok(sc_occupation_lookup(&o, db, "4-04-05-13"));
    ck_assert_str_eq(sc_occupation_withdrawn(o), "2030-01-01");
    ck_assert_str_eq(sc_occupation_work_type_withdrawn(o, 0), "2028-01-01");
    sc_occupation_free(o);
}
END_TEST

/* Listing by date excludes it after its withdrawal, includes it before. */
START_TEST(test_catalog_listing_over_time)
{
    sc_occupation_query q = SC_OCCUPATION_QUERY_INIT;
    int seen = -1;
    cat_added();
    ck_ok(sc_catalog_withdraw_occupation(db, city, "4-04-05-13", "2030-01-01"));
    q.date = "2030-06-01";
    ck_assert_int_eq(occ_count(&q, "4-04-05-13", &seen), 20);
    ck_assert_int_eq(seen, 0);
    q.date = "2029-06-01";
    ck_assert_int_eq(occ_count(&q, NULL, NULL), 21);
}
END_TEST

/* The listing's filters come in a versioned sc_occupation_query. */
START_TEST(test_catalog_occupation_query)
{
    sc_occupation_query q = SC_OCCUPATION_QUERY_INIT;
    sc_occupation_iter *it = NULL;
    int seen = -1;
    cat_added();
    ck_ok(sc_catalog_withdraw_occupation(db, city, "4-04-05-13", "2030-01-01"));
    /* No query: every occupation ever recorded, the withdrawn one too. */
    ck_assert_int_eq(occ_count(NULL, "4-04-05-13", &seen), 21);
    ck_assert_int_eq(seen, 1);
    /* The initial query (no date) selects the same. */
    ck_assert_int_eq(occ_count(&q, NULL, NULL), 21);
    /* The date filters: before the added one came into force, and after it left. */
    q.date = "2024-06-30";
    ck_assert_int_eq(occ_count(&q, "4-04-05-13", &seen), 20);
    ck_assert_int_eq(seen, 0);
    /* A version this library does not know is refused, naming the field. */
    q.date = NULL;
    ck_query_version_refused(q, SC_OCCUPATION_QUERY_VERSION, it,
                             sc_occupation_iter_new(&it, db, &q));
}
END_TEST

START_TEST(test_catalog_withdraw_errors)
{
    ck_assert_int_eq(sc_catalog_withdraw_occupation(db, city, "4-02-07-10", "2022-04-12"),
                     SC_ECONSTRAINT);
    ck_assert_int_eq(sc_catalog_withdraw_occupation(db, city, "4-09-09-09", "2023-01-01"),
                     SC_ENOTFOUND);
    ck_assert_int_eq(sc_catalog_withdraw_offering(db, city, "4-02-07-10", NULL, 7, "2023-01-01"),
                     SC_EINVAL);
    ck_assert_int_eq(sc_catalog_withdraw_offering(db, city, "4-02-06-05", NULL, 5, "2023-01-01"),
                     SC_ENOTFOUND);
    ck_assert_int_eq(sc_catalog_withdraw_work_type(db, city, "4-02-07-10", NULL, "2023-01-01"),
                     SC_EINVAL);
    ck_assert_int_eq(sc_catalog_withdraw_work_type(db, city, "4-01-02-07", "无", "2023-01-01"),
                     SC_ENOTFOUND);
    ck_assert_int_eq(sc_catalog_add_occupation(db, city, "4-02-07-10", "网约配送员", "2023-01-01"),
                     SC_EEXISTS);
    ck_assert_int_eq(sc_catalog_add_occupation(db, city, "4-02-07-11", "", "2023-01-01"),
                     SC_EINVAL);
    ck_assert_int_eq(sc_catalog_add_occupation(db, city, "4-02-07-11", "名", "2023-13-01"),
                     SC_EINVAL);
    ck_assert_int_eq(sc_catalog_add_offering(db, city, "4-02-07-10", NULL, 0, "2023-01-01"),
                     SC_EINVAL);
    /* nothing of that changed the catalog */
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 20);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM offering WHERE withdrawn IS NOT NULL"), 0);
}
END_TEST

START_TEST(test_catalog_denied_for_other_actors)
{
    static const int kinds[] = { SC_ACTOR_CITY_CENTRE, SC_ACTOR_DISTRICT, SC_ACTOR_ORGANIZATION,
                                 SC_ACTOR_CANDIDATE, SC_ACTOR_PUBLIC };
    static const char *scopes[] = { NULL, "110108", "91350100M000100Y43", "11010519491231002X",
                                    NULL };
    long before = t_count(db, "SELECT count(*) FROM offering");
    size_t i;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        sc_actor *a = t_actor(kinds[i], scopes[i]);
        ck_assert_int_eq(sc_catalog_add_occupation(db, a, "4-04-05-13", "x", "2024-01-01"),
                         SC_EDENIED);
        ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
        ck_assert_int_eq(sc_catalog_add_work_type(db, a, "4-02-07-10", "x", "2024-01-01"),
                         SC_EDENIED);
        ck_assert_int_eq(sc_catalog_add_offering(db, a, "4-02-06-05", NULL, 5, "2024-01-01"),
                         SC_EDENIED);
        ck_assert_int_eq(sc_catalog_withdraw_occupation(db, a, "4-02-07-10", "2024-01-01"),
                         SC_EDENIED);
        ck_assert_int_eq(sc_catalog_withdraw_offering(db, a, "4-02-07-10", NULL, 5, "2024-01-01"),
                         SC_EDENIED);
        ck_assert_int_eq(
            sc_catalog_withdraw_work_type(db, a, "4-01-02-07", "选品员", "2024-01-01"),
            SC_EDENIED);
        ck_assert_int_eq(sc_catalog_add_alias(db, a, "4-01-06-02", "4-01-02-07"), SC_EDENIED);
        ck_assert_int_eq(sc_catalog_load_notice(db, a), SC_EDENIED);
        sc_actor_free(a);
    }
    ck_assert_int_eq(sc_catalog_add_occupation(db, NULL, "4-04-05-13", "x", "2024-01-01"),
                     SC_EINVAL);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM offering"), before);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation"), 20);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM occupation_alias"), 1);
}
END_TEST

START_TEST(test_catalog_load_notice_twice_is_noop)
{
    long before = t_count(db, "SELECT count(*) FROM offering");
    size_t i, total = 0;
    for (i = 0; i < NNOTICE; i++)
        total += strlen(notice[i].levels);
    ck_ok(sc_catalog_load_notice(db, city));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM offering"), before);
    ck_assert_int_eq(before, (long)total);
}
END_TEST

Suite *sc_catalog_suite(void)
{
    Suite *s = suite_create("catalog");
    TCase *tc = tcase_create("levels-codes");
    tcase_add_test(tc, test_catalog_level_names);
    tcase_add_test(tc, test_catalog_code_normalize);
    suite_add_tcase(s, tc);

    tc = tcase_create("notice");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_catalog_notice_every_offering);
    tcase_add_test(tc, test_catalog_notice_check_matrix);
    tcase_add_test(tc, test_catalog_irregular_bim);
    tcase_add_test(tc, test_catalog_irregular_birth_defect);
    tcase_add_test(tc, test_catalog_check_reasons);
    tcase_add_test(tc, test_catalog_alias);
    tcase_add_test(tc, test_catalog_lookup_errors);
    tcase_add_test(tc, test_catalog_lookup_enomem_loop);
    tcase_add_test(tc, test_catalog_load_notice_twice_is_noop);
    suite_add_tcase(s, tc);

    tc = tcase_create("adjustment");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_catalog_add_refusals);
    tcase_add_test(tc, test_catalog_added_in_force);
    tcase_add_test(tc, test_catalog_withdraw_offering_and_again);
    tcase_add_test(tc, test_catalog_withdraw_work_type_over_time);
    tcase_add_test(tc, test_catalog_withdraw_occupation_over_time);
    tcase_add_test(tc, test_catalog_listing_over_time);
    tcase_add_test(tc, test_catalog_occupation_query);
    tcase_add_test(tc, test_catalog_withdraw_errors);
    tcase_add_test(tc, test_catalog_denied_for_other_actors);
    suite_add_tcase(s, tc);
    return s;
}
