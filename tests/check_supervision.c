/* Quality supervision, spot checks, sanctions, credit evaluation and period
 * reports (supervision.h). */
#include "config.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "assess_fixture.h"
#include "store_int.h"

static long rows(const char *sql)
{
    return t_count(fx.db, sql);
}

static void sql(const char *text)
{
    char *err = NULL;
    int rc = sqlite3_exec(fx.db->conn, text, NULL, NULL, &err);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", text, err ? err : "?");
    sqlite3_free(err);
}

/* Candidates first..last pass a level-4 session of FX_ORG held on `date`;
 * each gets a published certificate (numbers into nums). */
static int64_t certify(int first, int last, const char *date, char nums[][SC_CERT_NUMBER_SIZE])
{
    int64_t s;
    char id[19];
    int n;
    fx_candidates(first, last);
    s = fx_ready_session(date, first, last);
    fx_pass(s, first, last, date);
    for (n = first; n <= last; n++) {
        char *num = nums[n - first];
        fx_id(id, n);
        ck_ok(sc_certificate_report(num, fx.db, fx.org, s, id, "2024-03-10"));
        ck_ok(sc_certificate_issue(fx.db, fx.org, num, "sha256:photo", "2024-03-15"));
        ck_ok(sc_certificate_publish(fx.db, fx.centre, num, "2024-04-01"));
    }
    return s;
}

static sc_offerings *offs(const char *text)
{
    sc_offerings *s = NULL;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, text));
    return s;
}

static double score_in_list(const char *as_of, const char *code, int *rank)
{
    sc_credit_iter *it = NULL;
    sc_credit_score s = SC_CREDIT_SCORE_INIT;
    double found = -1;
    int rc;
    ck_ok(sc_credit_list_iter_new(&it, fx.db,
                                  &(sc_credit_list_query){ SC_CREDIT_LIST_QUERY_VERSION, as_of }));
    while ((rc = sc_credit_iter_next(&s, it)) == SC_OK)
        if (!strcmp(s.credit_code, code)) {
            found = s.score;
            if (rank)
                *rank = s.rank;
        }
    ck_assert_int_eq(rc, SC_ITEROVER);
    sc_credit_iter_free(it);
    return found;
}

/* ---- names ------------------------------------------------------------------------------ */

START_TEST(test_supervision_names)
{
    sc_finding_category c = SC_FINDING_CATEGORY_INIT;
    int v;
    size_t i;
    ck_assert_uint_eq(sc_finding_category_count(), 10);
    for (i = 0; i < sc_finding_category_count(); i++) {
        ck_ok(sc_finding_category_get(&c, i));
        ck_assert_str_ne(c.code, "");
        ck_assert_str_ne(c.name_zh, "");
    }
    ck_assert_int_eq(sc_finding_category_get(&c, i), SC_ENOTFOUND);
    ck_assert_int_eq(sc_finding_category_get(NULL, 0), SC_EINVAL);
    ck_assert_str_eq(sc_finding_severity_name(SC_FINDING_SERIOUS), "serious");
    ck_assert_ptr_null(sc_finding_severity_name(4));
    ck_ok(sc_finding_severity_parse(&v, "较重"));
    ck_assert_int_eq(v, SC_FINDING_MAJOR);
    ck_assert_int_eq(sc_finding_severity_parse(&v, "fatal"), SC_EINVAL);
    ck_ok(sc_sanction_kind_parse(&v, "暂停认定"));
    ck_assert_int_eq(v, SC_SANCTION_SUSPENSION);
    ck_assert_str_eq(sc_sanction_kind_name(SC_SANCTION_EXIT), "exit");
    ck_ok(sc_inspection_kind_parse(&v, "org"));
    ck_assert_int_eq(v, SC_INSPECT_ORG);
    ck_ok(sc_inspection_kind_parse(&v, "certificates"));
    ck_assert_int_eq(v, SC_INSPECT_CERTIFICATES);
    ck_assert_str_eq(sc_report_section_name(SC_RSEC_CERT_LEVEL), "certificates-by-level");
    ck_assert_ptr_null(sc_report_section_name(SC_RSEC_COUNT));
    /* free(NULL) of every type */
    sc_supervision_iter_free(NULL);
    sc_inspection_iter_free(NULL);
    sc_finding_iter_free(NULL);
    sc_sanction_iter_free(NULL);
    sc_credit_iter_free(NULL);
    sc_period_report_free(NULL);
}
END_TEST

/* ---- internal supervision --------------------------------------------------------------------- */

START_TEST(test_supervision_internal)
{
    sc_offerings *q = offs("4-02-07-10:4");
    sc_supervision_iter *it = NULL;
    sc_supervision v = SC_SUPERVISION_INIT;
    int64_t s, id = 0;
    ck_ok(sc_staff_add(fx.db, fx.org, FX_ORG, "S01", "督导员", SC_STAFF_SUPERVISOR, q,
                       "2023-06-01"));
    /* E02 is also a supervisor, but examines in the session. */
    ck_ok(sc_staff_add(fx.db, fx.org, FX_ORG, "E02", "考评员兼督导", SC_STAFF_SUPERVISOR, q,
                       "2023-06-01"));
    fx_candidates(1, 2);
    s = fx_session(4, "2024-03-01", 0);
    fx_enrol(s, 1, 2);
    fx_staff(s, SC_COMPONENT_THEORY, 1, 2);
    ck_refused(sc_supervision_assign(fx.db, fx.org, s, "E02"), SC_ECONSTRAINT);
    ck_refused(sc_supervision_assign(fx.db, fx.org, s, "E09"), SC_ENOTFOUND);
    ck_refused(sc_supervision_assign(fx.db, fx.org2, s, "S01"), SC_EDENIED);
    ck_refused(sc_supervision_assign(fx.db, fx.haidian, s, "S01"), SC_EDENIED);
    ck_ok(sc_supervision_assign(fx.db, fx.org, s, "S01"));
    ck_refused(sc_supervision_assign(fx.db, fx.org, s, "S01"), SC_EEXISTS);
    ck_refused(sc_supervision_record(&id, fx.db, fx.org, s, "E02", "考场纪律", NULL, "2024-03-01"),
               SC_ECONSTRAINT);
    ck_refused(sc_supervision_record(&id, fx.db, fx.org, s, "S01", "", NULL, "2024-03-01"),
               SC_EINVAL);
    ck_ok(sc_supervision_record(&id, fx.db, fx.org, s, "S01", "考场纪律、身份核验、试卷保密",
                                "一名考生迟到，已按规定处理", "2024-03-01"));
    ck_assert_int_gt(id, 0);
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE action = 'supervision.record'"), 1);
    /* A supervisor who later examines in the session can no longer record. */
    ck_ok(sc_session_staff_add(fx.db, fx.org, s, SC_COMPONENT_PRACTICAL, "E01"));
    ck_ok(sc_staff_add(fx.db, fx.org, FX_ORG, "E01", "考评员兼督导", SC_STAFF_SUPERVISOR, q,
                       "2023-06-01"));
    ck_refused(sc_supervision_assign(fx.db, fx.org, s, "E01"), SC_ECONSTRAINT);
    ck_ok(sc_supervision_iter_new(&it, fx.db, s));
    ck_ok(sc_supervision_iter_next(&v, it));
    ck_assert_str_eq(v.person_id, "S01");
    ck_assert_str_eq(v.name, "督导员");
    ck_assert_str_eq(v.findings, "一名考生迟到，已按规定处理");
    ck_assert_str_eq(v.credit_code, FX_ORG);
    ck_assert_int_eq(sc_supervision_iter_next(&v, it), SC_ITEROVER);
    sc_supervision_iter_free(it);
    ck_assert_int_eq(sc_supervision_iter_new(&it, fx.db, 999), SC_ENOTFOUND);
    sc_offerings_free(q);
}
END_TEST

/* ---- spot checks ----------------------------------------------------------------------------- */

START_TEST(test_supervision_inspections)
{
    const char *ents[] = { "venue:1", "staff:E01" };
    const char *other[] = { "venue:2" };
    const char *bad[] = { "room:1" };
    sc_inspection in = SC_INSPECTION_INIT;
    sc_finding f = SC_FINDING_INIT;
    char ref[SC_ENTITY_REF_SIZE];
    int64_t i1 = 0, i2 = 0, fid = 0;

    ck_refused(sc_inspection_open(&i1, fx.db, fx.chaoyang, FX_ORG, SC_INSPECT_ORG, NULL,
                                  "2024-05-01", NULL), SC_EDENIED);
    ck_refused(sc_inspection_open(&i1, fx.db, fx.org, FX_ORG, SC_INSPECT_ORG, NULL, "2024-05-01",
                                  NULL), SC_EDENIED);
    ck_refused(sc_inspection_open(&i1, fx.db, fx.city, FX_ORG, SC_INSPECT_ORG, NULL, "2024-05-01",
                                  NULL), SC_EDENIED);
    ck_refused(sc_inspection_open(&i1, fx.db, fx.haidian, FX_ORG, SC_INSPECT_VENUE, "2",
                                  "2024-05-01", NULL), SC_ECONSTRAINT);
    ck_refused(sc_inspection_open(&i1, fx.db, fx.haidian, FX_ORG, SC_INSPECT_SESSION, "x",
                                  "2024-05-01", NULL), SC_EINVAL);
    ck_refused(sc_inspection_open(&i1, fx.db, fx.haidian, FX_ORG, SC_INSPECT_CERTIFICATES,
                                  "2024-06-01/2024-01-01", "2024-05-01", NULL), SC_EINVAL);
    ck_ok(sc_inspection_open(&i1, fx.db, fx.haidian, FX_ORG, SC_INSPECT_VENUE, "1", "2024-05-01",
                             "日常抽查"));
    ck_ok(sc_inspection_open(&i2, fx.db, fx.centre, FX_ORG2, SC_INSPECT_CERTIFICATES,
                             "2024-01-01/2024-12-31", "2024-05-01", NULL));
    ck_refused(sc_inspection_add_finding(&fid, fx.db, fx.haidian, i1, "bogus", 1, "x", NULL, 0,
                                         "2024-05-02"), SC_EINVAL);
    ck_refused(sc_inspection_add_finding(&fid, fx.db, fx.haidian, i1, "venue", 7, "x", NULL, 0,
                                         "2024-05-02"), SC_EINVAL);
    ck_refused(sc_inspection_add_finding(&fid, fx.db, fx.haidian, i1, "venue", 1, "x", other, 1,
                                         "2024-05-02"), SC_ECONSTRAINT);
    ck_refused(sc_inspection_add_finding(&fid, fx.db, fx.haidian, i1, "venue", 1, "x", bad, 1,
                                         "2024-05-02"), SC_EINVAL);
    ck_refused(sc_inspection_add_finding(&fid, fx.db, fx.haidian, i1, "venue", 1, "x", NULL, 0,
                                         "2024-04-30"), SC_ECONSTRAINT);
    ck_refused(sc_inspection_add_finding(&fid, fx.db, fx.xicheng, i1, "venue", 1, "x", NULL, 0,
                                         "2024-05-02"), SC_EDENIED);
    ck_ok(sc_inspection_add_finding(&fid, fx.db, fx.haidian, i1, "venue", SC_FINDING_MINOR,
                                    "消防通道堆放杂物", ents, 2, "2024-05-02"));
    ck_ok(sc_finding_get(&f, fx.db, fid));
    ck_assert_str_eq(f.category, "venue");
    ck_assert_uint_eq(f.entities, 2);
    ck_ok(sc_finding_entity_get(ref, fx.db, fid, 1));
    ck_assert_str_eq(ref, "staff:E01");
    ck_assert_int_eq(sc_finding_entity_get(ref, fx.db, fid, 2), SC_ENOTFOUND);
    ck_refused(sc_inspection_close(fx.db, fx.xicheng, i1, "整改", "2024-05-03"), SC_EDENIED);
    ck_ok(sc_inspection_close(fx.db, fx.haidian, i1, "已责令整改", "2024-05-03"));
    ck_refused(sc_inspection_close(fx.db, fx.haidian, i1, "again", "2024-05-04"), SC_ECONSTRAINT);
    ck_refused(sc_inspection_add_finding(&fid, fx.db, fx.haidian, i1, "venue", 1, "x", NULL, 0,
                                         "2024-05-04"), SC_ECONSTRAINT);
    ck_ok(sc_inspection_get(&in, fx.db, i1));
    ck_assert_int_eq(in.status, SC_INSPECTION_CLOSED);
    ck_assert_int_eq(in.findings, 1);
    ck_assert_str_eq(in.target, "1");
    ck_ok(sc_inspection_get(&in, fx.db, i2));
    ck_assert_str_eq(in.target, "2024-01-01/2024-12-31");
    /* A session or venue inspection is not scanned. */
    ck_refused(sc_inspection_scan_certificates(NULL, NULL, fx.db, fx.haidian, i1, "2024-05-05"),
               SC_ECONSTRAINT);
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE entity = 'inspection'"), 3);
    ck_assert_int_eq(sc_inspection_get(&in, fx.db, 99), SC_ENOTFOUND);
}
END_TEST

/* ---- sanctions ------------------------------------------------------------------------------- */

START_TEST(test_supervision_suspension)
{
    sc_verdict v = SC_VERDICT_INIT;
    sc_sanction s = SC_SANCTION_INIT;
    int64_t in = 0, fid = 0, sid = 0, w = 0;
    ck_ok(sc_inspection_open(&in, fx.db, fx.haidian, FX_ORG, SC_INSPECT_ORG, NULL, "2024-05-01",
                             NULL));
    ck_ok(sc_inspection_add_finding(&fid, fx.db, fx.haidian, in, "staff-ratio",
                                    SC_FINDING_MAJOR, "实操考评员不足", NULL, 0, "2024-05-02"));
    ck_refused(sc_sanction_impose(&sid, fx.db, fx.haidian, fid, SC_SANCTION_SUSPENSION,
                                  "2024-06-30", "暂停", "2024-05-10"), SC_EDENIED);
    ck_refused(sc_sanction_impose(&sid, fx.db, fx.chaoyang, fid, SC_SANCTION_WARNING, NULL,
                                  "警告", "2024-05-10"), SC_EDENIED);
    ck_refused(sc_sanction_impose(&sid, fx.db, fx.haidian, fid, SC_SANCTION_RECTIFICATION, NULL,
                                  "整改", "2024-05-10"), SC_EINVAL);
    ck_refused(sc_sanction_impose(&sid, fx.db, fx.centre, fid, SC_SANCTION_SUSPENSION,
                                  "2024-05-01", "暂停", "2024-05-10"), SC_EINVAL);
    ck_ok(sc_sanction_impose(&w, fx.db, fx.haidian, fid, SC_SANCTION_RECTIFICATION, "2024-06-10",
                             "限期整改考评员配比", "2024-05-10"));
    ck_ok(sc_sanction_impose(&sid, fx.db, fx.centre, fid, SC_SANCTION_SUSPENSION, "2024-06-30",
                             "暂停认定至整改完成", "2024-05-10"));
    ck_ok(sc_org_may_certify(&v, fx.db, FX_ORG, FX_OCC, NULL, 4, "2024-05-09", NULL, 0));
    ck_verdict(v, 1, 0);
    ck_ok(sc_org_may_certify(&v, fx.db, FX_ORG, FX_OCC, NULL, 4, "2024-05-10", NULL, 0));
    ck_verdict(v, 0, SC_REASON_ORG_SUSPENDED);
    ck_ok(sc_org_may_certify(&v, fx.db, FX_ORG, FX_OCC, NULL, 4, "2024-06-30", NULL, 0));
    ck_verdict(v, 0, SC_REASON_ORG_SUSPENDED);
    ck_ok(sc_org_may_certify(&v, fx.db, FX_ORG, FX_OCC, NULL, 4, "2024-07-01", NULL, 0));
    ck_verdict(v, 1, 0);
    ck_ok(sc_org_may_certify(&v, fx.db, FX_ORG2, FX_OCC, NULL, 4, "2024-06-01", NULL, 0));
    ck_verdict(v, 1, 0);
    /* A session cannot be planned while suspended. */
    {
        int64_t id = 0;
        ck_refused(sc_session_create(&id, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4, SC_PATH_NORMAL,
                                     "2024-06-01", fx.venue, 1, 0), SC_ESCOPE);
    }
    ck_refused(sc_sanction_lift(fx.db, fx.haidian, sid, NULL, "2024-06-01"), SC_EDENIED);
    ck_refused(sc_sanction_lift(fx.db, fx.centre, sid, NULL, "2024-05-01"), SC_ECONSTRAINT);
    ck_ok(sc_sanction_lift(fx.db, fx.centre, sid, "整改完成", "2024-06-01"));
    ck_refused(sc_sanction_lift(fx.db, fx.centre, sid, NULL, "2024-06-02"), SC_ECONSTRAINT);
    ck_ok(sc_org_may_certify(&v, fx.db, FX_ORG, FX_OCC, NULL, 4, "2024-06-01", NULL, 0));
    ck_verdict(v, 1, 0);
    ck_ok(sc_sanction_get(&s, fx.db, sid));
    ck_assert_int_eq(s.kind, SC_SANCTION_SUSPENSION);
    ck_assert_str_eq(s.lifted, "2024-06-01");
    ck_assert_str_eq(s.until, "2024-06-30");
    ck_ok(sc_sanction_get(&s, fx.db, w));
    ck_assert_str_eq(s.until, "2024-06-10");
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE entity = 'sanction'"), 3);
    /* A withdrawn finding carries no new sanction. */
    ck_ok(sc_finding_withdraw(fx.db, fx.haidian, fid, "复核不成立", "2024-06-05"));
    ck_refused(sc_sanction_impose(&sid, fx.db, fx.haidian, fid, SC_SANCTION_WARNING, NULL, "警告",
                                  "2024-06-06"), SC_ECONSTRAINT);
}
END_TEST

/* ---- the credit model -------------------------------------------------------------------------- */

START_TEST(test_supervision_credit_model)
{
    sc_credit_model m = SC_CREDIT_MODEL_INIT;
    sc_credit_score s = SC_CREDIT_SCORE_INIT;
    sc_credit_iter *it = NULL;
    double w;
    int64_t in = 0, in2 = 0, fid = 0;
    size_t n = 0;
    ck_ok(sc_credit_model_get(&m, fx.db));
    ck_assert(m.base == 100 && m.half_life_days == 365 && m.clean_bonus == 2);
    ck_ok(sc_credit_weight_get(&w, fx.db, "out-of-scope", SC_FINDING_SERIOUS));
    ck_assert(w == 40);
    ck_ok(sc_credit_weight_get(&w, fx.db, "venue", SC_FINDING_MAJOR));
    ck_assert(w == 12);
    ck_assert_int_eq(sc_credit_weight_get(&w, fx.db, "nope", 1), SC_EINVAL);
    ck_refused(sc_credit_weight_set(fx.db, fx.haidian, "venue", 2, 15), SC_EDENIED);
    ck_refused(sc_credit_weight_set(fx.db, fx.centre, "venue", 2, -1), SC_EINVAL);
    ck_ok(sc_credit_weight_set(fx.db, fx.centre, "venue", 2, 20));
    /* A clean inspection adds a bonus; a finding subtracts its weight, halved after a year. */
    ck_ok(sc_inspection_open(&in2, fx.db, fx.centre, FX_ORG, SC_INSPECT_ORG, NULL, "2024-01-02",
                             NULL));
    ck_ok(sc_inspection_close(fx.db, fx.centre, in2, "未发现问题", "2024-01-05"));
    ck_ok(sc_credit_score_get(&s, fx.db, FX_ORG, "2024-01-10"));
    ck_assert(s.score == 102 && s.clean == 1 && s.findings == 0);
    ck_ok(sc_credit_compute(&n, fx.db, fx.centre, "2024-01-10"));
    ck_assert_uint_eq(n, 2);
    ck_ok(sc_inspection_open(&in, fx.db, fx.haidian, FX_ORG, SC_INSPECT_VENUE, "1", "2024-02-01",
                             NULL));
    ck_ok(sc_inspection_add_finding(&fid, fx.db, fx.haidian, in, "venue", SC_FINDING_MAJOR,
                                    "场地面积不足", NULL, 0, "2024-02-01"));
    ck_ok(sc_credit_score_get(&s, fx.db, FX_ORG, "2024-02-01"));
    ck_assert_msg(fabs(s.score - 82) < 0.001, "score %g", s.score);
    ck_ok(sc_credit_score_get(&s, fx.db, FX_ORG, "2025-01-31"));
    ck_assert_msg(fabs(s.score - 92) < 0.01, "score after a year %g", s.score); /* 100 - 10 + 2 */
    /* The list of 2024-01-10 predates the finding and stays; later lists follow it. */
    ck_ok(sc_credit_compute(&n, fx.db, fx.centre, "2024-03-01"));
    ck_assert(score_in_list("2024-01-10", FX_ORG, NULL) == 102);
    {
        double before = score_in_list("2024-03-01", FX_ORG, NULL);
        ck_ok(sc_finding_withdraw(fx.db, fx.haidian, fid, "复核不成立", "2024-02-15"));
        ck_assert_msg(score_in_list("2024-03-01", FX_ORG, NULL) > before,
                      "withdrawing a finding recomputes the published list");
        ck_assert(score_in_list("2024-03-01", FX_ORG, NULL) == 102);
    }
    ck_refused(sc_finding_withdraw(fx.db, fx.haidian, fid, "again", "2024-02-16"),
               SC_ECONSTRAINT);
    ck_ok(sc_credit_history_iter_new(&it, fx.db, FX_ORG));
    ck_ok(sc_credit_iter_next(&s, it));
    ck_assert_str_eq(s.as_of, "2024-01-10");
    ck_ok(sc_credit_iter_next(&s, it));
    ck_assert_str_eq(s.as_of, "2024-03-01");
    ck_assert_int_eq(sc_credit_iter_next(&s, it), SC_ITEROVER);
    sc_credit_iter_free(it);
    ck_assert_int_eq(sc_credit_list_iter_new(
                         &it, fx.db,
                         &(sc_credit_list_query){ SC_CREDIT_LIST_QUERY_VERSION, "2023-01-01" }),
                     SC_ENOTFOUND);
    /* No query: the latest list; an unknown query version is refused. */
    ck_ok(sc_credit_list_iter_new(&it, fx.db, NULL));
    ck_ok(sc_credit_iter_next(&s, it));
    ck_assert_str_eq(s.as_of, "2024-03-01");
    sc_credit_iter_free(it);
    it = NULL;
    ck_assert_int_eq(sc_credit_list_iter_new(
                         &it, fx.db, &(sc_credit_list_query){ SC_CREDIT_LIST_QUERY_VERSION + 1, NULL }),
                     SC_EINVAL);
    ck_assert_ptr_null(it);
    ck_refused(sc_credit_compute(&n, fx.db, fx.haidian, "2024-03-01"), SC_EDENIED);
}
END_TEST

/* ---- must show: out of scope → scan → sanction → exit ----------------------------------------------- */

#define CRAFT1 "S000011000001245900001"
#define CRAFT2 "S000011000001245900002"

/* The stages of the case, each built on the one before. */
static char oos_good[2][SC_CERT_NUMBER_SIZE]; /* two good certificates of FX_ORG */
static int64_t oos_finding;                    /* the scan's finding */

/* Two good certificates; two crafted ones outside the filed scope (4-04-05-04
 * 建筑信息模型技术员 was never granted), written with plain SQL; a minor
 * finding of FX_ORG2 and the credit lists of 2024-05-15 and 2024-06-01. */
static void oos_crafted(void)
{
    int64_t in2 = 0, fid2 = 0;
    size_t n = 0;
    certify(1, 2, "2024-03-01", oos_good);
    sql("INSERT INTO cert_context (org_id, org_name, district, occupation, occupation_name, "
        "work_type, level) SELECT id, name, district, '4-04-05-04', (SELECT name FROM occupation "
        "WHERE code = '4-04-05-04'), '', 5 FROM org WHERE credit_code = '" FX_ORG "'");
    sql("INSERT INTO certificate (number, holder, id_number, status, issued, context) VALUES "
        "('" CRAFT1 "', '冒名甲', '110105198001011238', 3, '2024-05-01', last_insert_rowid()),"
        "('" CRAFT2 "', '冒名乙', '11010519491231002X', 3, '2024-05-02', last_insert_rowid())");
    sql("INSERT INTO certificate_record (number, id_number, certified, published) VALUES "
        "('" CRAFT1 "', '110105198001011238', '2024-05-01', '2024-05-03'),"
        "('" CRAFT2 "', '11010519491231002X', '2024-05-02', '2024-05-03')");
    ck_ok(sc_inspection_open(&in2, fx.db, fx.xicheng, FX_ORG2, SC_INSPECT_ORG, NULL, "2024-05-10",
                             NULL));
    ck_ok(sc_inspection_add_finding(&fid2, fx.db, fx.xicheng, in2, "disclosure",
                                    SC_FINDING_MINOR, "收费标准未公示", NULL, 0, "2024-05-10"));
    ck_ok(sc_credit_compute(&n, fx.db, fx.centre, "2024-05-15"));
    ck_ok(sc_credit_compute(&n, fx.db, fx.centre, "2024-06-01"));
}

/* ... the city centre's spot check scans the certificates (oos_finding). */
static void oos_scanned(void)
{
    sc_finding_iter *it = NULL;
    sc_finding f = SC_FINDING_INIT;
    size_t nf = 0, nbad = 0;
    int64_t in = 0;
    oos_crafted();
    ck_ok(sc_inspection_open(&in, fx.db, fx.centre, FX_ORG, SC_INSPECT_ORG, NULL, "2024-05-20",
                             "证书专项抽查"));
    ck_ok(sc_inspection_scan_certificates(&nf, &nbad, fx.db, fx.centre, in, "2024-05-20"));
    ck_ok(sc_finding_iter_new(&it, fx.db, &(sc_finding_query){ SC_FINDING_QUERY_VERSION, FX_ORG, in }));
    ck_ok(sc_finding_iter_next(&f, it));
    sc_finding_iter_free(it);
    oos_finding = f.id;
}

/* ... the exit sanction, the crafted certificates revoked, the list of 2024-07-01. */
static void oos_exited(void)
{
    size_t revoked = 0, n = 0;
    int64_t sid = 0;
    oos_scanned();
    ck_ok(sc_sanction_impose(&sid, fx.db, fx.centre, oos_finding, SC_SANCTION_EXIT, NULL,
                             "超范围开展认定，不履行承诺", "2024-06-10"));
    ck_ok(sc_finding_revoke_certificates(&revoked, fx.db, fx.centre, oos_finding, "2024-06-10"));
    ck_assert_uint_eq(revoked, 2);
    ck_ok(sc_credit_compute(&n, fx.db, fx.centre, "2024-07-01"));
}

/* The crafted certificate verifies; FX_ORG leads the list before the scan. */
START_TEST(test_supervision_oos_crafted)
{
    sc_verification v = SC_VERIFICATION_INIT;
    int rank = 0;
    oos_crafted();
    ck_ok(sc_certificate_verify(&v, fx.db, CRAFT1, "冒名甲", NULL));
    ck_assert_int_eq(v.status, SC_VERIFY_VALID);
    ck_assert(score_in_list("2024-06-01", FX_ORG, &rank) == 100);
    ck_assert_int_eq(rank, 1);
}
END_TEST

/* The spot check (the city centre's, not a district's): the scan finds the crafted
   certificates and only them, as one serious finding. */
START_TEST(test_supervision_oos_scan)
{
    sc_finding_iter *it = NULL;
    sc_finding f = SC_FINDING_INIT, v2 = SC_FINDING_INIT;
    size_t nf = 0, nbad = 0;
    int64_t in = 0;
    int k;
    oos_crafted();
    ck_ok(sc_inspection_open(&in, fx.db, fx.centre, FX_ORG, SC_INSPECT_ORG, NULL, "2024-05-20",
                             "证书专项抽查"));
    ck_refused(sc_inspection_scan_certificates(&nf, &nbad, fx.db, fx.chaoyang, in, "2024-05-20"),
               SC_EDENIED);
    ck_ok(sc_inspection_scan_certificates(&nf, &nbad, fx.db, fx.centre, in, "2024-05-20"));
    ck_assert_uint_eq(nf, 1);
    ck_assert_uint_eq(nbad, 2);
    ck_ok(sc_finding_iter_new(&it, fx.db, &(sc_finding_query){ SC_FINDING_QUERY_VERSION, FX_ORG, in }));
    ck_ok(sc_finding_iter_next(&f, it));
    ck_assert_int_eq(sc_finding_iter_next(&v2, it), SC_ITEROVER);
    sc_finding_iter_free(it);
    ck_assert_str_eq(f.category, "out-of-scope");
    ck_assert_int_eq(f.severity, SC_FINDING_SERIOUS);
    ck_assert_uint_eq(f.entities, 2);
    ck_assert_msg(strstr(f.evidence, "2 of 4") != NULL, "%s", f.evidence);
    for (k = 0; k < 2; k++) {
        char ref[SC_ENTITY_REF_SIZE];
        ck_ok(sc_finding_entity_get(ref, fx.db, f.id, (size_t)k));
        ck_assert_str_eq(ref, k ? "certificate:" CRAFT2 : "certificate:" CRAFT1);
    }
}
END_TEST

/* The published list of 2024-06-01 was recomputed with the finding; 2024-05-15's was not. */
START_TEST(test_supervision_oos_list_recomputed)
{
    double after;
    int rank = 0;
    oos_scanned();
    after = score_in_list("2024-06-01", FX_ORG, &rank);
    ck_assert_msg(after < 100 && after < 62 && after > 59, "score %g", after);
    ck_assert_int_eq(rank, 2);
    ck_assert(score_in_list("2024-05-15", FX_ORG, NULL) == 100); /* before the finding */
}
END_TEST

/* Sanction → exit: only the city may; the district's refusal changes nothing. */
START_TEST(test_supervision_oos_exit)
{
    sc_verdict vd = SC_VERDICT_INIT;
    size_t revoked = 0;
    int64_t sid = 0;
    oos_scanned();
    ck_refused(sc_sanction_impose(&sid, fx.db, fx.haidian, oos_finding, SC_SANCTION_EXIT, NULL,
                                  "超范围认定", "2024-06-10"), SC_EDENIED);
    ck_refused(sc_finding_revoke_certificates(&revoked, fx.db, fx.haidian, oos_finding,
                                              "2024-06-10"), SC_EDENIED);
    ck_refused(sc_finding_revoke_certificates(&revoked, fx.db, fx.org, oos_finding,
                                              "2024-06-10"), SC_EDENIED);
    ck_ok(sc_sanction_impose(&sid, fx.db, fx.centre, oos_finding, SC_SANCTION_EXIT, NULL,
                             "超范围开展认定，不履行承诺", "2024-06-10"));
    ck_ok(sc_org_may_certify(&vd, fx.db, FX_ORG, FX_OCC, NULL, 4, "2024-06-10", NULL, 0));
    ck_verdict(vd, 0, SC_REASON_ORG_EXITED);
    ck_ok(sc_org_may_certify(&vd, fx.db, FX_ORG, FX_OCC, NULL, 4, "2024-06-09", NULL, 0));
    ck_verdict(vd, 1, 0);
    ck_ok(sc_finding_revoke_certificates(&revoked, fx.db, fx.centre, oos_finding, "2024-06-10"));
    ck_assert_uint_eq(revoked, 2);
}
END_TEST

/* Public verification: the good certificates stay valid, the crafted are revoked. */
START_TEST(test_supervision_oos_verification)
{
    sc_verification v = SC_VERIFICATION_INIT;
    sc_certificate c = SC_CERTIFICATE_INIT;
    int k;
    oos_exited();
    for (k = 0; k < 2; k++) {
        ck_ok(sc_certificate_verify(&v, fx.db, oos_good[k], k ? "考生2" : "考生1", NULL));
        ck_assert_int_eq(v.status, SC_VERIFY_VALID);
    }
    ck_ok(sc_certificate_verify(&v, fx.db, CRAFT1, "冒名甲", NULL));
    ck_assert_int_eq(v.status, SC_VERIFY_REVOKED);
    ck_ok(sc_certificate_verify(&v, fx.db, CRAFT2, "冒名乙", NULL));
    ck_assert_int_eq(v.status, SC_VERIFY_REVOKED);
    ck_ok(sc_certificate_get(&c, fx.db, CRAFT1));
    ck_assert_msg(strstr(c.revoke_reason, "out-of-scope") && strstr(c.revoke_reason, "finding"),
                  "%s", c.revoke_reason);
}
END_TEST

/* The credit list published after reflects it; history shows the drop. */
START_TEST(test_supervision_oos_credit_history)
{
    sc_credit_iter *it = NULL;
    sc_credit_score s = SC_CREDIT_SCORE_INIT;
    double after;
    int rank = 0;
    oos_exited();
    after = score_in_list("2024-07-01", FX_ORG, &rank);
    ck_assert_msg(after < 64, "score %g", after); /* 100 − 40 × 0.5^(42/365) */
    ck_assert_int_eq(rank, 2);
    ck_ok(sc_credit_history_iter_new(&it, fx.db, FX_ORG));
    ck_ok(sc_credit_iter_next(&s, it));
    ck_assert(s.score == 100 && s.rank == 1);
    ck_ok(sc_credit_iter_next(&s, it));
    ck_assert(s.score < 62 && s.rank == 2);
    ck_ok(sc_credit_iter_next(&s, it));
    ck_assert_str_eq(s.as_of, "2024-07-01");
    ck_assert_int_eq(sc_credit_iter_next(&s, it), SC_ITEROVER);
    sc_credit_iter_free(it);
}
END_TEST

/* The exported list validates against credit.xsd. */
START_TEST(test_supervision_oos_credit_export)
{
    sc_report *rep = NULL;
    char *xml = NULL;
    size_t len = 0;
    int doctype = 0;
    oos_exited();
    ck_ok(sc_credit_export_memory(&xml, &len, fx.db, NULL));
    ck_assert_ptr_nonnull(strstr(xml, "as-of=\"2024-07-01\""));
    ck_assert_ptr_nonnull(strstr(xml, "rank=\"2\" credit-code=\"" FX_ORG "\""));
    ck_ok(sc_report_new(&rep));
    ck_ok(sc_xml_validate_memory(&doctype, rep, xml, len, "credit.xml", NULL));
    ck_assert_int_eq(doctype, SC_DOC_CREDIT);
    ck_assert_str_eq(sc_doctype_name(SC_DOC_CREDIT), "credit-evaluation");
    ck_assert_ptr_nonnull(sc_doctype_schema(SC_DOC_CREDIT));
    sc_report_free(rep);
    sc_free(xml);
}
END_TEST

/* Every decision is on the audit trail, which is intact. */
START_TEST(test_supervision_oos_audit)
{
    sc_audit_result ar = SC_AUDIT_RESULT_INIT;
    oos_exited();
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE action = 'sanction.exit'"), 1);
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE action = 'org.exit'"), 1);
    ck_assert_int_eq(rows("SELECT count(*) FROM audit WHERE action = "
                          "'finding.revoke_certificates'"), 2);
    ck_ok(sc_audit_verify(&ar, fx.db));
    ck_assert_msg(ar.ok, "%s", ar.message);
}
END_TEST

/* ---- period reports ------------------------------------------------------------------------------- */

START_TEST(test_supervision_report)
{
    char good[2][SC_CERT_NUMBER_SIZE];
    sc_period_report *r = NULL;
    sc_report_row row = SC_REPORT_ROW_INIT;
    int64_t in = 0, fid = 0;
    certify(1, 2, "2024-03-01", good);
    ck_ok(sc_inspection_open(&in, fx.db, fx.haidian, FX_ORG, SC_INSPECT_ORG, NULL, "2024-05-01",
                             NULL));
    ck_ok(sc_inspection_add_finding(&fid, fx.db, fx.haidian, in, "falsified-records",
                                    SC_FINDING_SERIOUS, "伪造考试记录", NULL, 0, "2024-05-02"));
    ck_assert_int_eq(sc_period_report_get(&r, fx.db, "2024-12-31", "2024-01-01"), SC_EINVAL);
    ck_ok(sc_period_report_get(&r, fx.db, "2024-01-01", "2024-05-02"));
    ck_assert_str_eq(sc_period_report_from(r), "2024-01-01");
    ck_assert_int_eq(sc_period_report_total(r, SC_RSEC_INSPECTIONS), 1);
    ck_assert_int_eq(sc_period_report_total(r, SC_RSEC_FINDINGS), 1);
    ck_assert_int_eq(sc_period_report_total(r, SC_RSEC_SANCTIONS), 0);
    ck_assert_int_eq(sc_period_report_total(r, SC_RSEC_CERT_LEVEL), 2);
    ck_assert_int_eq(sc_period_report_total(r, SC_RSEC_CERT_ORG), 2);
    ck_assert_int_eq(sc_period_report_total(r, SC_RSEC_CREDIT), 2);
    ck_ok(sc_period_report_row(&row, r, SC_RSEC_CREDIT, 0));
    ck_assert_str_eq(row.key, FX_ORG2);
    ck_assert(row.value == 100);
    ck_ok(sc_period_report_row(&row, r, SC_RSEC_CREDIT, 1));
    ck_assert(row.value == 60 && row.count == 1);
    ck_ok(sc_period_report_row(&row, r, SC_RSEC_CERT_LEVEL, 0));
    ck_assert_str_eq(row.key, "4");
    ck_assert_str_eq(row.label, "四级/中级工");
    ck_ok(sc_period_report_row(&row, r, SC_RSEC_CERT_OCCUPATION, 0));
    ck_assert_str_eq(row.label, FX_OCC_NAME);
    ck_ok(sc_period_report_row(&row, r, SC_RSEC_FINDINGS, 0));
    ck_assert_str_eq(row.label, "弄虚作假");
    ck_assert_int_eq(sc_period_report_row(&row, r, SC_RSEC_FINDINGS, 1), SC_ENOTFOUND);
    ck_assert_int_eq(sc_period_report_row(&row, r, 42, 0), SC_EINVAL);
    /* The data a page is drawn from (the CLI renders it: tools/report_html.c). */
    ck_assert_uint_eq(sc_period_report_count(r, SC_RSEC_CERT_LEVEL), 1);
    ck_assert_uint_eq(sc_period_report_count(r, SC_RSEC_CREDIT), 2);
    ck_assert_str_eq(sc_report_section_name(SC_RSEC_CERT_LEVEL), "certificates-by-level");
    ck_assert_ptr_null(sc_report_section_name(SC_RSEC_COUNT));
    sc_period_report_free(r);
}
END_TEST

/* Every constructor and every allocating call fails cleanly when memory
   runs out at any point: SC_ENOMEM, no output, nothing written. */
/* Each constructor builds its own iterator type, frees it, and checks that a
   failed construction leaves no iterator. */
typedef int (*iter_ctor)(void);
static int64_t alloc_inspection, alloc_session;
#define ALLOC_CTOR(name, type, call)                                                        \
    static int name(void)                                                                   \
    {                                                                                       \
        type *o = NULL;                                                                     \
        int rc = (call);                                                                    \
        if (rc != SC_OK)                                                                    \
            ck_assert_ptr_null(o);                                                          \
        type##_free(o);                                                                     \
        return rc;                                                                          \
    }
ALLOC_CTOR(ctor_supervisions, sc_supervision_iter, sc_supervision_iter_new(&o, fx.db, alloc_session))
ALLOC_CTOR(ctor_inspections, sc_inspection_iter, sc_inspection_iter_new(&o, fx.db, &(sc_inspection_query){ SC_INSPECTION_QUERY_VERSION, FX_ORG }))
ALLOC_CTOR(ctor_findings, sc_finding_iter, sc_finding_iter_new(&o, fx.db, &(sc_finding_query){ SC_FINDING_QUERY_VERSION, NULL, alloc_inspection }))
ALLOC_CTOR(ctor_sanctions, sc_sanction_iter, sc_sanction_iter_new(&o, fx.db, NULL))
ALLOC_CTOR(ctor_credit_list, sc_credit_iter,
           sc_credit_list_iter_new(&o, fx.db,
                                   &(sc_credit_list_query){ SC_CREDIT_LIST_QUERY_VERSION,
                                                            "2024-06-30" }))
ALLOC_CTOR(ctor_credit_history, sc_credit_iter, sc_credit_history_iter_new(&o, fx.db, FX_ORG))

static const char *const alloc_entities[] = { "venue:1", "staff:E01", "staff:E02" };

/* Two certificates, an inspection of FX_ORG with a minor finding, the credit list
   of 2024-06-30. */
static void alloc_setup(void)
{
    char good[2][SC_CERT_NUMBER_SIZE];
    int64_t fid = 0;
    size_t count = 0;
    alloc_session = certify(1, 2, "2024-03-01", good);
    ck_ok(sc_inspection_open(&alloc_inspection, fx.db, fx.haidian, FX_ORG, SC_INSPECT_ORG, NULL,
                             "2024-05-01", NULL));
    ck_ok(sc_inspection_add_finding(&fid, fx.db, fx.haidian, alloc_inspection, "venue",
                                    SC_FINDING_MINOR, "消防通道堆放杂物", alloc_entities, 1,
                                    "2024-05-02"));
    ck_ok(sc_credit_compute(&count, fx.db, fx.centre, "2024-06-30"));
}

/* The lists take their filters in versioned query structures: NULL selects
   everything, the filters narrow, an unknown version is SC_EINVAL. */
START_TEST(test_supervision_list_queries)
{
    sc_inspection_query iq = SC_INSPECTION_QUERY_INIT;
    sc_finding_query fq = SC_FINDING_QUERY_INIT;
    sc_sanction_query sq = SC_SANCTION_QUERY_INIT;
    sc_inspection_iter *ii = NULL;
    sc_finding_iter *fi = NULL;
    sc_sanction_iter *si = NULL;
    sc_inspection ins = SC_INSPECTION_INIT;
    sc_finding f = SC_FINDING_INIT;
    sc_sanction sa = SC_SANCTION_INIT;
    alloc_setup();
    ck_ok(sc_inspection_iter_new(&ii, fx.db, NULL));
    ck_ok(sc_inspection_iter_next(&ins, ii));
    ck_assert_int_eq(ins.id, alloc_inspection);
    ck_assert_int_eq(sc_inspection_iter_next(&ins, ii), SC_ITEROVER);
    sc_inspection_iter_free(ii);
    iq.credit_code = FX_ORG;
    ck_ok(sc_inspection_iter_new(&ii, fx.db, &iq));
    ck_ok(sc_inspection_iter_next(&ins, ii));
    sc_inspection_iter_free(ii);
    ii = NULL;
    iq.version = 0;
    ck_assert_int_eq(sc_inspection_iter_new(&ii, fx.db, &iq), SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "version");
    ck_assert_ptr_null(ii);

    fq.inspection_id = alloc_inspection;
    ck_ok(sc_finding_iter_new(&fi, fx.db, &fq));
    ck_ok(sc_finding_iter_next(&f, fi));
    ck_assert_int_eq(f.inspection_id, alloc_inspection);
    sc_finding_iter_free(fi);
    fq.inspection_id = alloc_inspection + 100;
    ck_ok(sc_finding_iter_new(&fi, fx.db, &fq));
    ck_assert_int_eq(sc_finding_iter_next(&f, fi), SC_ITEROVER);
    sc_finding_iter_free(fi);
    fi = NULL;
    fq.version = SC_FINDING_QUERY_VERSION + 1;
    ck_assert_int_eq(sc_finding_iter_new(&fi, fx.db, &fq), SC_EINVAL);
    ck_assert_ptr_null(fi);

    /* No sanction was imposed. */
    sq.credit_code = FX_ORG;
    ck_ok(sc_sanction_iter_new(&si, fx.db, &sq));
    ck_assert_int_eq(sc_sanction_iter_next(&sa, si), SC_ITEROVER);
    sc_sanction_iter_free(si);
    si = NULL;
    sq.version = SC_SANCTION_QUERY_VERSION + 1;
    ck_assert_int_eq(sc_sanction_iter_new(&si, fx.db, &sq), SC_EINVAL);
    ck_assert_ptr_null(si);
}
END_TEST

/* Every iterator constructor: SC_ENOMEM and no iterator at each failing allocation. */
START_TEST(test_supervision_alloc_iterators)
{
    static const iter_ctor ctors[] = { ctor_supervisions, ctor_inspections, ctor_findings,
                                       ctor_sanctions, ctor_credit_list, ctor_credit_history };
    size_t k;
    int n, rc;
    alloc_setup();
    for (k = 0; k < sizeof ctors / sizeof ctors[0]; k++) {
        for (n = 0;; n++) {
            sc__mem_fail_after(n);
            rc = ctors[k]();
            sc__mem_fail_after(-1);
            if (rc == SC_OK)
                break;
            ck_assert_msg(rc == SC_ENOMEM, "constructor %zu, allocation %d: %d", k, n, rc);
        }
        ck_assert_msg(n > 0, "constructor %zu allocates nothing: the loop tested nothing", k);
    }
}
END_TEST

START_TEST(test_supervision_alloc_credit_export)
{
    int n, rc;
    alloc_setup();
    for (n = 0;; n++) {
        char *xml = NULL;
        sc__mem_fail_after(n);
        rc = sc_credit_export_memory(&xml, NULL, fx.db, "2024-06-30");
        sc__mem_fail_after(-1);
        sc_free(xml);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(xml);
    }
    ck_assert_int_gt(n, 0);
}
END_TEST

START_TEST(test_supervision_alloc_period_report)
{
    int n, rc;
    alloc_setup();
    for (n = 0;; n++) {
        sc_period_report *r = NULL;
        sc__mem_fail_after(n);
        rc = sc_period_report_get(&r, fx.db, "2024-01-01", "2024-06-30");
        sc__mem_fail_after(-1);
        sc_period_report_free(r);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_ptr_null(r);
    }
    ck_assert_int_gt(n, 0);
}
END_TEST

/* A finding with its entities changes nothing when an allocation fails. */
START_TEST(test_supervision_alloc_finding)
{
    long findings, audit;
    int64_t fid = 0;
    int n, rc;
    alloc_setup();
    findings = rows("SELECT count(*) FROM finding");
    audit = rows("SELECT count(*) FROM audit");
    for (n = 0;; n++) {
        sc__mem_fail_after(n);
        rc = sc_inspection_add_finding(&fid, fx.db, fx.haidian, alloc_inspection,
                                       "staff-ratio", SC_FINDING_MAJOR, "监考人员不足",
                                       alloc_entities, 3, "2024-05-03");
        sc__mem_fail_after(-1);
        if (rc == SC_OK)
            break;
        ck_assert_int_eq(rc, SC_ENOMEM);
        ck_assert_int_eq(rows("SELECT count(*) FROM finding"), findings);
        ck_assert_int_eq(rows("SELECT count(*) FROM audit"), audit);
    }
    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(rows("SELECT count(*) FROM finding"), findings + 1);
}
END_TEST

/* Computing the scores allocates nothing (statements are prepared and cached): it
   succeeds with every allocation failing. */
START_TEST(test_supervision_alloc_credit_compute)
{
    size_t count = 0;
    int rc;
    alloc_setup();
    sc__mem_fail_after(0);
    rc = sc_credit_compute(&count, fx.db, fx.centre, "2024-07-31");
    sc__mem_fail_after(-1);
    ck_ok(rc);
    ck_assert_uint_eq(count, 2);
    ck_assert_int_eq(rows("SELECT count(*) FROM credit_score WHERE as_of = '2024-07-31'"), 2);
}
END_TEST

Suite *sc_supervision_suite(void)
{
    Suite *s = suite_create("supervision");
    TCase *tc = tcase_create("names");
    tcase_add_test(tc, test_supervision_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("supervision");
    tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_supervision_internal);
    tcase_add_test(tc, test_supervision_inspections);
    tcase_add_test(tc, test_supervision_suspension);
    tcase_add_test(tc, test_supervision_credit_model);
    tcase_add_test(tc, test_supervision_oos_crafted);
    tcase_add_test(tc, test_supervision_oos_scan);
    tcase_add_test(tc, test_supervision_oos_list_recomputed);
    tcase_add_test(tc, test_supervision_oos_exit);
    tcase_add_test(tc, test_supervision_oos_verification);
    tcase_add_test(tc, test_supervision_oos_credit_history);
    tcase_add_test(tc, test_supervision_oos_credit_export);
    tcase_add_test(tc, test_supervision_oos_audit);
    tcase_add_test(tc, test_supervision_report);
    tcase_add_test(tc, test_supervision_alloc_iterators);
    tcase_add_test(tc, test_supervision_list_queries);
    tcase_add_test(tc, test_supervision_alloc_credit_export);
    tcase_add_test(tc, test_supervision_alloc_period_report);
    tcase_add_test(tc, test_supervision_alloc_finding);
    tcase_add_test(tc, test_supervision_alloc_credit_compute);
    suite_add_tcase(s, tc);
    return s;
}
