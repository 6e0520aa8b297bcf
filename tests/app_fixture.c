/* The application fixture (see app_fixture.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app_fixture.h"

af_t af;

static sc_offerings *offs(const char *a, const char *b)
{
    sc_offerings *s = NULL;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, a));
    if (b)
        ck_ok(sc_offerings_add_text(s, b));
    return s;
}

static void file_org(sc_actor *org, const char *code, const char *name, int kind,
                     const char *district, sc_actor *bureau)
{
    sc_offerings *scope = offs("4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1");
    ck_ok(sc_org_register(af.db, org, code, name, kind, district, "2023-01-05", 0));
    ck_ok(sc_org_apply(af.db, org, code, scope, "2023-02-01"));
    ck_ok(sc_org_recommend(af.db, bureau, code, "2023-02-10", NULL));
    ck_ok(sc_org_evaluate(af.db, af.centre, code, NULL, SC_EVAL_ALL, "2023-03-01", NULL));
    ck_ok(sc_org_notice(af.db, af.centre, code, "2023-03-10"));
    ck_ok(sc_org_file(af.db, af.centre, code, "2023-05-10"));
    ck_ok(sc_org_commit(af.db, org, code, "2023-05-12"));
    sc_offerings_free(scope);
}

static void announce(sc_actor *org, const char *credit, const char *code, const char *a,
                     const char *b, const char *closes, int64_t *id)
{
    sc_announcement ann = SC_ANNOUNCEMENT_INIT;
    sc_offerings *s = offs(a, b);
    ann = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(ann.credit_code, sizeof ann.credit_code, "%s", credit);
    snprintf(ann.code, sizeof ann.code, "%s", code);
    snprintf(ann.title, sizeof ann.title, "%s 新职业技能等级认定工作实施方案", code);
    snprintf(ann.opens, sizeof ann.opens, "2024-03-01");
    snprintf(ann.closes, sizeof ann.closes, "%s", closes);
    snprintf(ann.fees, sizeof ann.fees, "五级 300 元, 四级 400 元, 三级 500 元");
    ann.methods = SC_METHOD_THEORY | SC_METHOD_PRACTICAL | SC_METHOD_REVIEW;
    ck_ok(sc_announcement_publish(id, af.db, org, &ann, s, "2024-02-20"));
    sc_offerings_free(s);
}

void af_build(sc_db *db)
{
    memset(&af, 0, sizeof af);
    af.db = db;
    af.city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    af.centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    af.org = t_actor(SC_ACTOR_ORGANIZATION, AF_ORG);
    af.org2 = t_actor(SC_ACTOR_ORGANIZATION, AF_ORG2);
    af.haidian = t_actor(SC_ACTOR_DISTRICT, "110108");
    af.xicheng = t_actor(SC_ACTOR_DISTRICT, "110102");
    af.pub = t_actor(SC_ACTOR_PUBLIC, NULL);

    ck_ok(sc_eligibility_load_defaults(NULL, db, af.city));
    file_org(af.org, AF_ORG, "北京智训科技有限公司", SC_ORG_ENTERPRISE, "110108", af.haidian);
    file_org(af.org2, AF_ORG2, "北京数字技能评价协会", SC_ORG_SOCIAL_GROUP, "110102",
             af.xicheng);
    ck_ok(sc_org_rules_submit(db, af.org, AF_ORG, SC_PATH_EXCEPTIONAL, "破格申报办法",
                              "2023-06-01"));
    ck_ok(sc_org_rules_submit(db, af.org, AF_ORG, SC_PATH_DIRECT, "直接认定办法", "2023-06-01"));
    ck_ok(sc_org_rules_confirm(db, af.haidian, AF_ORG, SC_PATH_EXCEPTIONAL, "2023-06-05"));
    ck_ok(sc_org_rules_confirm(db, af.city, AF_ORG, SC_PATH_EXCEPTIONAL, "2023-06-10"));
    ck_ok(sc_org_rules_confirm(db, af.haidian, AF_ORG, SC_PATH_DIRECT, "2023-06-05"));
    ck_ok(sc_org_rules_confirm(db, af.city, AF_ORG, SC_PATH_DIRECT, "2023-06-10"));
    announce(af.org, AF_ORG, "2024-01", "4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:3,2",
             "2026-06-30", &af.ann);
    announce(af.org2, AF_ORG2, "2024-A", "4-02-07-10:5,4,3", NULL, "2024-12-31", &af.ann2);
}

void af_setup(void)
{
    af_build(t_notice_db());
}

void af_teardown(void)
{
    sc_db_close(af.db);
    sc_actor_free(af.city);
    sc_actor_free(af.centre);
    sc_actor_free(af.org);
    sc_actor_free(af.org2);
    sc_actor_free(af.haidian);
    sc_actor_free(af.xicheng);
    sc_actor_free(af.pub);
    memset(&af, 0, sizeof af);
}

void af_id(char out[19], long n)
{
    static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    static const char check[] = "10X98765432";
    /* Birth days from 1960-01-01, 1000 numbers a day. */
    long day = n / 1000, seq = n % 1000, z, era, doe, yoe, y, doy, mp, d, m;
    int i, sum = 0;
    z = day - 3653 + 719468; /* 1960-01-01 is day -3653 of 1970 */
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "110101%04d%02d%02d%03d", (int)(y % 10000), (int)(m % 100),
                 (int)(d % 100), (int)(seq % 1000));
        memcpy(out, tmp, 17);
    }
    for (i = 0; i < 17; i++)
        sum += (out[i] - '0') * weights[i];
    out[17] = check[sum % 11];
    out[18] = '\0';
}

sc_candidate *af_record(const char *id_number, const char *name, const char *since)
{
    sc_candidate *c = NULL;
    ck_ok(sc_candidate_new(&c, id_number, name));
    if (since)
        ck_ok(sc_candidate_add_work(c, AF_OCC, since, NULL));
    return c;
}

void af_candidate(const char *id_number, const char *name, const char *since)
{
    sc_candidate *c = af_record(id_number, name, since);
    sc_actor *self = t_actor(SC_ACTOR_CANDIDATE, id_number);
    ck_ok(sc_candidate_save(af.db, self, c));
    sc_actor_free(self);
    sc_candidate_free(c);
}
