/* The assessment and certificate fixture (see assess_fixture.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "assess_fixture.h"

fx_t fx;

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
    ck_ok(sc_org_register(fx.db, org, code, name, kind, district, "2023-01-05", 0));
    ck_ok(sc_org_apply(fx.db, org, code, scope, "2023-02-01"));
    ck_ok(sc_org_recommend(fx.db, bureau, code, "2023-02-10", NULL));
    ck_ok(sc_org_evaluate(fx.db, fx.centre, code, NULL, SC_EVAL_ALL, "2023-03-01", NULL));
    ck_ok(sc_org_notice(fx.db, fx.centre, code, "2023-03-10"));
    ck_ok(sc_org_file(fx.db, fx.centre, code, "2023-05-10"));
    ck_ok(sc_org_commit(fx.db, org, code, "2023-05-12"));
    sc_offerings_free(scope);
}

static void announce(sc_actor *org, const char *credit, int64_t *id)
{
    sc_announcement ann = SC_ANNOUNCEMENT_INIT;
    sc_offerings *s = offs("4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1");
    ann = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(ann.credit_code, sizeof ann.credit_code, "%s", credit);
    snprintf(ann.code, sizeof ann.code, "FX-2023");
    snprintf(ann.title, sizeof ann.title, "新职业技能等级认定工作实施方案");
    snprintf(ann.opens, sizeof ann.opens, "2023-06-01");
    snprintf(ann.closes, sizeof ann.closes, "2026-05-01");
    snprintf(ann.fees, sizeof ann.fees, "五级 300 元, 四级 400 元");
    ann.methods = SC_METHOD_ALL;
    ck_ok(sc_announcement_publish(id, fx.db, org, &ann, s, "2023-05-20"));
    sc_offerings_free(s);
}

void fx_build(sc_db *db)
{
    sc_offerings *q = offs("4-02-07-10:1", "4-04-05-05/数据标注员:1");
    sc_offerings *low = offs("4-02-07-10:4", NULL);
    char id[16];
    int i;

    memset(&fx, 0, sizeof fx);
    fx.db = db;
    fx.city = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    fx.centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    fx.org = t_actor(SC_ACTOR_ORGANIZATION, FX_ORG);
    fx.org2 = t_actor(SC_ACTOR_ORGANIZATION, FX_ORG2);
    fx.haidian = t_actor(SC_ACTOR_DISTRICT, "110108");
    fx.chaoyang = t_actor(SC_ACTOR_DISTRICT, "110105");
    fx.xicheng = t_actor(SC_ACTOR_DISTRICT, "110102");
    fx.pub = t_actor(SC_ACTOR_PUBLIC, NULL);

    file_org(fx.org, FX_ORG, "北京智训科技有限公司", SC_ORG_ENTERPRISE, "110108", fx.haidian);
    file_org(fx.org2, FX_ORG2, "北京数字技能评价协会", SC_ORG_SOCIAL_GROUP, "110102",
             fx.xicheng);
    for (i = 1; i <= 15; i++) {
        snprintf(id, sizeof id, "E%02d", i);
        ck_ok(sc_staff_add(db, fx.org, FX_ORG, id, "考评员", SC_STAFF_EXAMINER, q, "2023-06-01"));
    }
    for (i = 1; i <= 5; i++) {
        snprintf(id, sizeof id, "X%02d", i);
        ck_ok(sc_staff_add(db, fx.org, FX_ORG, id, "专家", SC_STAFF_EXPERT, q, "2023-06-01"));
        snprintf(id, sizeof id, "E%02d", i);
        ck_ok(sc_staff_add(db, fx.org2, FX_ORG2, id, "考评员", SC_STAFF_EXAMINER, q,
                           "2023-06-01"));
    }
    ck_ok(sc_staff_add(db, fx.org, FX_ORG, "U01", "低级考评员", SC_STAFF_EXAMINER, low,
                       "2023-06-01"));
    ck_ok(sc_staff_add(db, fx.org, FX_ORG, "M01", "经理", SC_STAFF_MANAGER, NULL, "2023-06-01"));
    ck_ok(sc_venue_register(&fx.venue, db, fx.org, FX_ORG, "海淀考点", "北京市海淀区中关村大街1号",
                            "110108", 3, "2023-06-01"));
    ck_ok(sc_venue_inspect(db, fx.haidian, fx.venue, 1, "场地合格", "2023-06-05"));
    ck_ok(sc_venue_register(&fx.venue2, db, fx.org2, FX_ORG2, "西城考点", "北京市西城区金融街1号",
                            "110102", 3, "2023-06-01"));
    ck_ok(sc_venue_inspect(db, fx.xicheng, fx.venue2, 1, NULL, "2023-06-05"));
    ck_ok(sc_eligibility_load_defaults(NULL, db, fx.city));
    announce(fx.org, FX_ORG, &fx.ann);
    announce(fx.org2, FX_ORG2, &fx.ann2);
    sc_offerings_free(q);
    sc_offerings_free(low);
}

void fx_setup(void)
{
    fx_build(t_notice_db());
}

void fx_teardown(void)
{
    sc_db_close(fx.db);
    sc_actor_free(fx.city);
    sc_actor_free(fx.centre);
    sc_actor_free(fx.org);
    sc_actor_free(fx.org2);
    sc_actor_free(fx.haidian);
    sc_actor_free(fx.chaoyang);
    sc_actor_free(fx.xicheng);
    sc_actor_free(fx.pub);
    memset(&fx, 0, sizeof fx);
}

void fx_id(char out[19], int n)
{
    static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    int s = 0, i;
    /* 110105 + a birth date in 1980-1999 + a sequence: unique for n < 20 * 365 * 1000. */
    char buf[64];
    unsigned day = (unsigned)n / 1000u, seq = (unsigned)n % 1000u;
    snprintf(buf, sizeof buf, "110105%04u%02u%02u%03u", (1980u + day / 336u) % 10000u,
             1u + (day / 28u) % 12u, 1u + day % 28u, seq);
    memcpy(out, buf, 17);
    for (i = 0; i < 17; i++)
        s += (out[i] - '0') * w[i];
    out[17] = "10X98765432"[s % 11];
    out[18] = '\0';
}

void fx_candidate(int n, const char *name)
{
    char id[19], nm[32];
    sc_candidate *c = NULL;
    fx_id(id, n);
    snprintf(nm, sizeof nm, "考生%d", n);
    ck_ok(sc_candidate_new(&c, id, name ? name : nm));
    ck_ok(sc_candidate_add_work(c, FX_OCC, "2000-01-01", NULL));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, FX_OCC, NULL, 5, "2002-01-01",
                                       NULL));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, FX_OCC, NULL, 4, "2007-01-01",
                                       NULL));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, FX_OCC, NULL, 3, "2012-01-01",
                                       NULL));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, FX_OCC, NULL, 2, "2017-01-01",
                                       NULL));
    ck_ok(sc_candidate_save(fx.db, fx.centre, c));
    sc_candidate_free(c);
}

void fx_candidates(int first, int last)
{
    int n;
    for (n = first; n <= last; n++)
        fx_candidate(n, NULL);
}

int64_t fx_session(int level, const char *date, unsigned int flags)
{
    int64_t id = 0;
    ck_ok(sc_session_create(&id, fx.db, fx.org, FX_ORG, FX_OCC, NULL, level, SC_PATH_NORMAL,
                            date, fx.venue, 1, flags));
    return id;
}

void fx_staff(int64_t session, int component, int first, int last)
{
    char id[16];
    int i;
    for (i = first; i <= last; i++) {
        snprintf(id, sizeof id, "%c%02u", component == SC_COMPONENT_REVIEW && i > 100 ? 'X' : 'E',
                 (unsigned)(i > 100 ? i - 100 : i) % 100u);
        ck_ok(sc_session_staff_add(fx.db, fx.org, session, component, id));
    }
}

int64_t fx_application(int64_t session, int n)
{
    sc_application_query q = SC_APPLICATION_QUERY_INIT;
    sc_application_iter *it = NULL;
    sc_application a = SC_APPLICATION_INIT;
    sc_session s = SC_SESSION_INIT;
    sc_actor *self, *org, *bureau;
    char id[19];
    int64_t app = 0;
    int eligible = 0, rc;

    fx_id(id, n);
    ck_ok(sc_session_get(&s, fx.db, session));
    snprintf(q.credit_code, sizeof q.credit_code, "%s", s.credit_code);
    snprintf(q.id_number, sizeof q.id_number, "%s", id);
    snprintf(q.occupation, sizeof q.occupation, "%s", s.occupation);
    q.level = s.level;
    q.state = SC_APPLICATION_CONFIRMED;
    ck_ok(sc_application_iter_new(&it, fx.db, &q));
    while ((rc = sc_application_iter_next(&a, it)) == SC_OK)
        if (!strcmp(a.work_type, s.work_type) && a.path == s.path) {
            app = a.id;
            break;
        }
    ck_assert_int_ne(rc, SC_EINVAL);
    sc_application_iter_free(it);
    if (app)
        return app;

    org = strcmp(s.credit_code, FX_ORG2) ? fx.org : fx.org2;
    bureau = strcmp(s.credit_code, FX_ORG2) ? fx.haidian : fx.xicheng;
    self = t_actor(SC_ACTOR_CANDIDATE, id);
    ck_ok(sc_application_apply(&app, fx.db, self, org == fx.org ? fx.ann : fx.ann2, id,
                               s.occupation, s.work_type, s.level, s.path, NULL, FX_APPLY_DAY));
    sc_actor_free(self);
    ck_ok(sc_application_verify(&eligible, fx.db, org, app, FX_APPLY_DAY));
    ck_assert_msg(eligible, "fixture candidate %d is not eligible for level %d", n, s.level);
    ck_ok(sc_application_confirm(fx.db, bureau, app, FX_APPLY_DAY));
    return app;
}

void fx_enrol(int64_t session, int first, int last)
{
    char id[19];
    sc_session s = SC_SESSION_INIT;
    int n;
    ck_ok(sc_session_get(&s, fx.db, session));
    for (n = first; n <= last; n++) {
        fx_id(id, n);
        fx_application(session, n);
        ck_ok(sc_session_enrol(fx.db, strcmp(s.credit_code, FX_ORG2) ? fx.org : fx.org2,
                               session, id, NULL));
    }
}

/* Staff a component needs for n candidates in 1 room by the rule in force. */
static int needed(int component, int n)
{
    sc_component_rule r = SC_COMPONENT_RULE_INIT;
    int k = 0;
    ck_ok(sc_component_rule_get(&r, fx.db, FX_OCC, component));
    if (r.candidates_per_staff)
        k = (n + r.candidates_per_staff - 1) / r.candidates_per_staff;
    if (k < r.min_staff)
        k = r.min_staff;
    if (k < r.min_per_room)
        k = r.min_per_room;
    if (r.odd && k % 2 == 0)
        k++;
    return k;
}

int64_t fx_ready_session(const char *date, int first, int last)
{
    int64_t s = fx_session(4, date, 0);
    int n = last - first + 1;
    fx_enrol(s, first, last);
    fx_staff(s, SC_COMPONENT_THEORY, 1, needed(SC_COMPONENT_THEORY, n));
    fx_staff(s, SC_COMPONENT_PRACTICAL, 1, needed(SC_COMPONENT_PRACTICAL, n));
    ck_ok(sc_session_confirm(fx.db, fx.org, s, date));
    return s;
}

void fx_pass(int64_t session, int first, int last, const char *date)
{
    char id[19];
    int n;
    for (n = first; n <= last; n++) {
        fx_id(id, n);
        ck_ok(sc_result_record(fx.db, fx.org, session, id, 80, 75, SC_SCORE_NONE, date));
    }
}
