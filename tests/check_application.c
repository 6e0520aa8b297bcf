/* Announcements and applications (application.h): the whole flow, every
 * refusal leaving the registry unchanged, the one-transaction batches (with
 * 100,000 applications), and the candidate-batch and confirmation documents. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "app_fixture.h"
#include "store_int.h"

#define CAND_A "11010519491231002X"
#define CAND_B "110105198001011238"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Expect `call` to fail with `code` and leave the whole registry as it was. */
#define REFUSED(code, call)                                                                \
    do {                                                                                   \
        char *before_ = t_dump(af.db), *after_;                                            \
        int rc_ = (call);                                                                  \
        ck_assert_msg(rc_ == (code), "%s: %d (%s), wanted %d", #call, rc_,                 \
                      sc_error_last()->message, (code));                                   \
        after_ = t_dump(af.db);                                                            \
        ck_assert_msg(strcmp(before_, after_) == 0, "refused %s changed the registry",     \
                      #call);                                                              \
        free(before_);                                                                     \
        free(after_);                                                                      \
    } while (0)

static sc_actor *cand_actor(const char *id)
{
    return t_actor(SC_ACTOR_CANDIDATE, id);
}

static int64_t apply_self(const char *id, const char *occ, const char *wt, int level, int path,
                          const char *evidence, const char *date)
{
    sc_actor *self = cand_actor(id);
    int64_t app = 0;
    ck_ok(sc_application_apply(&app, af.db, self, af.ann, id, occ, wt, level, path, evidence,
                               date));
    ck_assert_int_gt(app, 0);
    sc_actor_free(self);
    return app;
}

static int state_of(int64_t id)
{
    sc_application a = SC_APPLICATION_INIT;
    ck_ok(sc_application_get(&a, af.db, id));
    return a.state;
}

/* Two documents are the same text (the first difference is shown, briefly). */
static void same_doc(const char *x, const char *y)
{
    size_t i = 0;
    while (x[i] && x[i] == y[i])
        i++;
    ck_assert_msg(x[i] == y[i], "documents differ at byte %zu: '%.60s' / '%.60s'", i, x + i,
                  y + i);
}

/* ---- names, lifecycle ----------------------------------------------------------------- */

START_TEST(test_application_names)
{
    int s = 0;
    unsigned int m = 0;
    sc_application_query q;
    ck_assert_str_eq(sc_application_state_name(SC_APPLICATION_SUBMITTED), "submitted");
    ck_assert_str_eq(sc_application_state_name(SC_APPLICATION_WITHDRAWN), "withdrawn");
    ck_assert_ptr_null(sc_application_state_name(0));
    ck_assert_str_eq(sc_application_state_name(SC_APPLICATION_COMPLETED), "completed");
    ck_assert_ptr_null(sc_application_state_name(7));
    ck_ok(sc_application_state_parse(&s, "confirmed"));
    ck_assert_int_eq(s, SC_APPLICATION_CONFIRMED);
    ck_ok(sc_application_state_parse(&s, "completed"));
    ck_assert_int_eq(s, SC_APPLICATION_COMPLETED);
    ck_assert_int_eq(sc_application_state_parse(&s, "open"), SC_EINVAL);
    ck_assert_int_eq(s, 0);
    ck_assert_int_eq(sc_application_state_parse(NULL, "open"), SC_EINVAL);
    ck_assert_int_eq(sc_application_state_parse(&s, NULL), SC_EINVAL);
    ck_assert_str_eq(sc_method_name(SC_METHOD_REVIEW), "review");
    ck_assert_ptr_null(sc_method_name(SC_METHOD_ALL));
    ck_ok(sc_methods_parse(&m, "theory, practical"));
    ck_assert_uint_eq(m, SC_METHOD_THEORY | SC_METHOD_PRACTICAL);
    ck_ok(sc_methods_parse(&m, "理论知识考试 综合评审"));
    ck_assert_uint_eq(m, SC_METHOD_THEORY | SC_METHOD_REVIEW);
    ck_assert_int_eq(sc_methods_parse(&m, "theory,essay"), SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "methods");
    ck_assert_int_eq(sc_methods_parse(&m, " , "), SC_EINVAL);
    ck_assert_int_eq(sc_methods_parse(NULL, "theory"), SC_EINVAL);
    ck_ok(sc_application_query_init(&q, SC_APPLICATION_QUERY_VERSION));
    ck_assert_uint_eq(q.version, SC_APPLICATION_QUERY_VERSION);
    ck_assert_int_eq(sc_application_query_init(&q, 99), SC_EINVAL);
    ck_assert_int_eq(sc_application_query_init(NULL, SC_APPLICATION_QUERY_VERSION), SC_EINVAL);
}
END_TEST

START_TEST(test_application_free_null)
{
    sc_announcement_iter_free(NULL);
    sc_application_iter_free(NULL);
}
END_TEST

/* ---- announcements ------------------------------------------------------------------- */

static void fill_ann(sc_announcement *a, const char *code)
{
    *a = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(a->credit_code, sizeof a->credit_code, "%s", AF_ORG);
    snprintf(a->code, sizeof a->code, "%s", code);
    snprintf(a->title, sizeof a->title, "秋季认定公告");
    snprintf(a->opens, sizeof a->opens, "2024-09-01");
    snprintf(a->closes, sizeof a->closes, "2024-10-31");
    snprintf(a->fees, sizeof a->fees, "300 元");
    a->methods = SC_METHOD_THEORY | SC_METHOD_PRACTICAL;
}

/* The announcement "2024-02" of AF_ORG for 4-02-07-10 levels 5 and 4. */
static sc_offerings *ann_offerings(void)
{
    sc_offerings *s = NULL;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-02-07-10:5,4"));
    return s;
}

/* ... published on 2024-08-01; returns its id. */
static int64_t ann_published(void)
{
    sc_announcement a = SC_ANNOUNCEMENT_INIT;
    sc_offerings *s = ann_offerings();
    int64_t id = 0;
    fill_ann(&a, "2024-02");
    ck_ok(sc_announcement_publish(&id, af.db, af.org, &a, s, "2024-08-01"));
    sc_offerings_free(s);
    return id;
}

/* Another organization, a district: denied, in the auth domain; nothing changes. */
START_TEST(test_application_announce_denied)
{
    sc_announcement a = SC_ANNOUNCEMENT_INIT;
    sc_offerings *s = ann_offerings();
    int64_t id = 0;
    fill_ann(&a, "2024-02");
    REFUSED(SC_EDENIED, sc_announcement_publish(&id, af.db, af.org2, &a, s, "2024-08-01"));
    ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
    REFUSED(SC_EDENIED, sc_announcement_publish(&id, af.db, af.haidian, &a, s, "2024-08-01"));
    sc_offerings_free(s);
}
END_TEST

/* Offerings outside the organization's filed scope. */
START_TEST(test_application_announce_out_of_scope)
{
    sc_announcement a = SC_ANNOUNCEMENT_INIT;
    sc_offerings *bad = NULL;
    int64_t id = 0;
    ck_ok(sc_offerings_new(&bad));
    ck_ok(sc_offerings_add_text(bad, "4-04-05-04/建筑工程:3"));
    fill_ann(&a, "2024-02");
    REFUSED(SC_ECONSTRAINT, sc_announcement_publish(&id, af.db, af.org, &a, bad, "2024-08-01"));
    ck_assert_str_eq(sc_error_last()->field, "offerings");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "scope"));
    sc_offerings_free(bad);
}
END_TEST

/* A code taken or malformed, a bad intake, no methods, no title, no arguments. */
START_TEST(test_application_announce_refusals)
{
    sc_announcement a = SC_ANNOUNCEMENT_INIT;
    sc_offerings *s = ann_offerings();
    int64_t id = 0;
    fill_ann(&a, "2024-01");
    REFUSED(SC_EEXISTS, sc_announcement_publish(&id, af.db, af.org, &a, s, "2024-08-01"));
    fill_ann(&a, "2024 02");
    REFUSED(SC_EINVAL, sc_announcement_publish(&id, af.db, af.org, &a, s, "2024-08-01"));
    fill_ann(&a, "2024-02");
    snprintf(a.closes, sizeof a.closes, "2024-08-31");
    REFUSED(SC_EINVAL, sc_announcement_publish(&id, af.db, af.org, &a, s, "2024-08-01"));
    ck_assert_str_eq(sc_error_last()->field, "closes");
    fill_ann(&a, "2024-02");
    REFUSED(SC_EINVAL, sc_announcement_publish(&id, af.db, af.org, &a, s, "2024-11-01"));
    a.methods = 0;
    REFUSED(SC_EINVAL, sc_announcement_publish(&id, af.db, af.org, &a, s, "2024-08-01"));
    fill_ann(&a, "2024-02");
    a.title[0] = '\0';
    REFUSED(SC_EINVAL, sc_announcement_publish(&id, af.db, af.org, &a, s, "2024-08-01"));
    fill_ann(&a, "2024-02");
    ck_assert_int_eq(sc_announcement_publish(&id, af.db, af.org, NULL, s, NULL), SC_EINVAL);
    ck_assert_int_eq(sc_announcement_publish(&id, af.db, af.org, &a, NULL, NULL), SC_EINVAL);
    sc_offerings_free(s);
}
END_TEST

/* Published: read back by id and by code, open during its intake, with its offerings. */
START_TEST(test_application_announce_publish)
{
    sc_announcement got = SC_ANNOUNCEMENT_INIT;
    sc_offerings *got_off = NULL;
    sc_offering_item item = SC_OFFERING_ITEM_INIT;
    int64_t id = ann_published();
    ck_assert_int_gt(id, af.ann2);
    ck_ok(sc_announcement_get(&got, af.db, id, "2024-09-01"));
    ck_assert_str_eq(got.code, "2024-02");
    ck_assert_str_eq(got.credit_code, AF_ORG);
    ck_assert_str_eq(got.published, "2024-08-01");
    ck_assert_uint_eq(got.methods, SC_METHOD_THEORY | SC_METHOD_PRACTICAL);
    ck_assert_int_eq(got.open, 1);
    ck_ok(sc_announcement_get(&got, af.db, id, "2024-08-31"));
    ck_assert_int_eq(got.open, 0);
    ck_ok(sc_announcement_lookup(&got, af.db, AF_ORG, "2024-02", "2024-09-01"));
    ck_assert_int_eq(got.id, id);
    ck_assert_int_eq(sc_announcement_lookup(&got, af.db, AF_ORG, "2099-01", NULL), SC_ENOTFOUND);
    ck_assert_int_eq(sc_announcement_get(&got, af.db, 999, NULL), SC_ENOTFOUND);
    ck_ok(sc_announcement_offerings_get(&got_off, af.db, id));
    ck_assert_uint_eq(sc_offerings_count(got_off), 2);
    ck_ok(sc_offerings_get(&item, got_off, 0));
    ck_assert_str_eq(item.occupation, AF_OCC);
    ck_assert_int_eq(item.level, 5);
    sc_offerings_free(got_off);
}
END_TEST

/* Listing: all on a day, or one organization's open ones. */
START_TEST(test_application_announce_listing)
{
    sc_announcement_query q = SC_ANNOUNCEMENT_QUERY_INIT;
    sc_announcement got = SC_ANNOUNCEMENT_INIT;
    sc_announcement_iter *it = NULL;
    int n = 0;
    ann_published();
    q.date = "2024-09-15";
    ck_ok(sc_announcement_iter_new(&it, af.db, &q));
    while (sc_announcement_iter_next(&got, it) == SC_OK)
        n++;
    sc_announcement_iter_free(it);
    ck_assert_int_eq(n, 3);
    n = 0;
    q.credit_code = AF_ORG;
    q.open_only = 1;
    ck_ok(sc_announcement_iter_new(&it, af.db, &q));
    while (sc_announcement_iter_next(&got, it) == SC_OK) {
        ck_assert_int_eq(got.open, 1);
        n++;
    }
    ck_assert_int_eq(sc_announcement_iter_next(&got, it), SC_ITEROVER);
    sc_announcement_iter_free(it);
    ck_assert_int_eq(n, 2); /* 2024-01 (to 2026-06-30) and 2024-02 */
}
END_TEST

/* Count the announcements q selects; the number of them open in *open. */
static int ann_count(const sc_announcement_query *q, int *open)
{
    sc_announcement got = SC_ANNOUNCEMENT_INIT;
    sc_announcement_iter *it = NULL;
    int n;
    *open = 0;
    ck_ok(sc_announcement_iter_new(&it, af.db, q));
    for (n = 0; sc_announcement_iter_next(&got, it) == SC_OK; n++) {
        if (q && q->credit_code)
            ck_assert_str_eq(got.credit_code, q->credit_code);
        *open += got.open;
    }
    sc_announcement_iter_free(it);
    return n;
}

/* The listing's filters come in a versioned sc_announcement_query. */
START_TEST(test_application_announcement_query)
{
    sc_announcement_query q = SC_ANNOUNCEMENT_QUERY_INIT;
    sc_announcement_iter *it = NULL;
    int open;
    ann_published();
    /* No query, and the initial one: every announcement. */
    ck_assert_int_eq(ann_count(NULL, &open), 3);
    ck_assert_int_eq(ann_count(&q, &open), 3);
    /* The organization filters. */
    q.credit_code = AF_ORG;
    ck_assert_int_eq(ann_count(&q, &open), 2);
    q.credit_code = AF_ORG2;
    ck_assert_int_eq(ann_count(&q, &open), 1);
    /* The date sets the day of `open`; open_only keeps those open then. On 2025-01-15
     * only "2024-01" (to 2026-06-30) is open. */
    q.credit_code = NULL;
    q.date = "2025-01-15";
    ck_assert_int_eq(ann_count(&q, &open), 3);
    ck_assert_int_eq(open, 1);
    q.date = "2024-09-15";
    ck_assert_int_eq(ann_count(&q, &open), 3);
    ck_assert_int_eq(open, 3);
    q.open_only = 1;
    ck_assert_int_eq(ann_count(&q, &open), 3);
    q.date = "2025-01-15";
    ck_assert_int_eq(ann_count(&q, &open), 1);
    ck_assert_int_eq(open, 1);
    q.credit_code = AF_ORG2;
    ck_assert_int_eq(ann_count(&q, &open), 0);
    /* Malformed filters are refused. */
    q.credit_code = "not a code";
    ck_assert_int_eq(sc_announcement_iter_new(&it, af.db, &q), SC_EINVAL);
    ck_assert_ptr_null(it);
    q.credit_code = NULL;
    q.date = "2025-02-30";
    ck_assert_int_eq(sc_announcement_iter_new(&it, af.db, &q), SC_EINVAL);
    ck_assert_ptr_null(it);
    /* A version this library does not know is refused, naming the field. */
    q.date = NULL;
    ck_query_version_refused(q, SC_ANNOUNCEMENT_QUERY_VERSION, it,
                             sc_announcement_iter_new(&it, af.db, &q));
}
END_TEST

/* Closing early: applications are refused from that day on. */
START_TEST(test_application_announce_close)
{
    sc_announcement got = SC_ANNOUNCEMENT_INIT;
    sc_actor *self;
    int64_t id = ann_published();
    af_candidate(CAND_A, "张三", "2015-01-01");
    REFUSED(SC_EDENIED, sc_announcement_close(af.db, af.org2, id, "2024-09-10"));
    REFUSED(SC_ECONSTRAINT, sc_announcement_close(af.db, af.org, id, "2024-07-01"));
    ck_ok(sc_announcement_close(af.db, af.org, id, "2024-09-10"));
    REFUSED(SC_ECONSTRAINT, sc_announcement_close(af.db, af.org, id, "2024-09-11"));
    ck_ok(sc_announcement_get(&got, af.db, id, "2024-09-10"));
    ck_assert_str_eq(got.closed, "2024-09-10");
    ck_assert_int_eq(got.open, 0);
    self = cand_actor(CAND_A);
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, self, id, CAND_A, AF_OCC, NULL,
                                                 5, SC_PATH_NORMAL, NULL, "2024-09-10"));
    ck_assert_str_eq(sc_error_last()->field, "announcement");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "closed early"));
    ck_ok(sc_application_apply(NULL, af.db, self, id, CAND_A, AF_OCC, NULL, 5,
                               SC_PATH_NORMAL, NULL, "2024-09-09"));
    sc_actor_free(self);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit WHERE entity = 'announcement'"),
                     4);
}
END_TEST

/* ---- the flow --------------------------------------------------------------------------- */

/* The flow of one application of candidate A, in stages. */
static int64_t flow_applied(void)
{
    af_candidate(CAND_A, "张三", "2015-01-01");
    return apply_self(CAND_A, "4—02—07—10", "", 4, SC_PATH_NORMAL, NULL, "2024-03-05");
}

static int64_t flow_confirmed(void)
{
    int64_t id = flow_applied();
    ck_ok(sc_application_verify(NULL, af.db, af.org, id, "2024-03-10"));
    ck_ok(sc_application_confirm(af.db, af.haidian, id, "2024-03-15"));
    return id;
}

/* Applied: submitted, with the normalized occupation and the announcement. */
START_TEST(test_application_flow_apply)
{
    sc_application a = SC_APPLICATION_INIT;
    int64_t id = flow_applied();
    ck_ok(sc_application_get(&a, af.db, id));
    ck_assert_int_eq(a.state, SC_APPLICATION_SUBMITTED);
    ck_assert_str_eq(a.occupation, AF_OCC);
    ck_assert_str_eq(a.work_type, "");
    ck_assert_str_eq(a.credit_code, AF_ORG);
    ck_assert_str_eq(a.announcement, "2024-01");
    ck_assert_int_eq(a.announcement_id, af.ann);
    ck_assert_str_eq(a.id_number, CAND_A);
    ck_assert_str_eq(a.name, "张三");
    ck_assert_str_eq(a.applied, "2024-03-05");
    ck_assert_str_eq(a.applied_by, "candidate:" CAND_A);
}
END_TEST

/* Verification (its own organization, not before the application, once) records the
   eligibility decision; nothing is confirmed before it. */
START_TEST(test_application_flow_verify)
{
    sc_application a = SC_APPLICATION_INIT;
    int ok = -1;
    int64_t id = flow_applied();
    REFUSED(SC_EDENIED, sc_application_verify(&ok, af.db, af.org2, id, "2024-03-10"));
    REFUSED(SC_ECONSTRAINT, sc_application_verify(&ok, af.db, af.org, id, "2024-03-04"));
    ck_assert_str_eq(sc_error_last()->field, "date");
    REFUSED(SC_ECONSTRAINT, sc_application_confirm(af.db, af.haidian, id, "2024-03-10"));
    ck_ok(sc_application_verify(&ok, af.db, af.org, id, "2024-03-10"));
    ck_assert_int_eq(ok, 1);
    ck_ok(sc_application_get(&a, af.db, id));
    ck_assert_int_eq(a.state, SC_APPLICATION_VERIFIED);
    ck_assert_str_eq(a.eligibility, "L4-b");
    ck_assert_str_eq(a.verified, "2024-03-10");
    ck_assert_str_eq(a.verified_by, "organization:" AF_ORG);
    ck_assert_ptr_nonnull(strstr(a.decision, "L4-b"));
    REFUSED(SC_ECONSTRAINT, sc_application_verify(&ok, af.db, af.org, id, "2024-03-11"));
}
END_TEST

/* Only the bureau of the organization's own district confirms; each step is audited. */
START_TEST(test_application_flow_confirm)
{
    sc_application a = SC_APPLICATION_INIT;
    long audit0;
    int64_t id;
    af_candidate(CAND_A, "张三", "2015-01-01");
    audit0 = t_count(af.db, "SELECT count(*) FROM audit");
    id = apply_self(CAND_A, "4—02—07—10", "", 4, SC_PATH_NORMAL, NULL, "2024-03-05");
    ck_ok(sc_application_verify(NULL, af.db, af.org, id, "2024-03-10"));
    REFUSED(SC_EDENIED, sc_application_confirm(af.db, af.xicheng, id, "2024-03-15"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "110108"));
    REFUSED(SC_EDENIED, sc_application_confirm(af.db, af.org, id, "2024-03-15"));
    REFUSED(SC_EDENIED, sc_application_confirm(af.db, af.centre, id, "2024-03-15"));
    REFUSED(SC_ECONSTRAINT, sc_application_confirm(af.db, af.haidian, id, "2024-03-09"));
    ck_ok(sc_application_confirm(af.db, af.haidian, id, "2024-03-15"));
    ck_ok(sc_application_get(&a, af.db, id));
    ck_assert_int_eq(a.state, SC_APPLICATION_CONFIRMED);
    ck_assert_str_eq(a.confirmed, "2024-03-15");
    ck_assert_str_eq(a.confirmed_by, "district:110108");
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit"), audit0 + 3);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit WHERE entity = 'application' "
                                    "AND action IN ('application.apply', 'application.verify', "
                                    "'application.confirm')"), 3);
}
END_TEST

/* One open application per person and offering, at any organization. */
START_TEST(test_application_flow_one_open)
{
    sc_actor *self;
    flow_confirmed();
    self = cand_actor(CAND_A);
    REFUSED(SC_EEXISTS, sc_application_apply(NULL, af.db, self, af.ann, CAND_A, AF_OCC, NULL, 4,
                                             SC_PATH_NORMAL, NULL, "2024-04-01"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "open application"));
    REFUSED(SC_EEXISTS, sc_application_apply(NULL, af.db, self, af.ann2, CAND_A, AF_OCC, NULL, 4,
                                             SC_PATH_NORMAL, NULL, "2024-04-01"));
    sc_actor_free(self);
}
END_TEST

/* A confirmed application is withdrawn (by its candidate), not rejected; then a new
   one may be made. */
START_TEST(test_application_flow_withdraw)
{
    sc_application a = SC_APPLICATION_INIT;
    sc_actor *self, *other;
    int64_t id = flow_confirmed(), again;
    self = cand_actor(CAND_A);
    other = cand_actor(CAND_B);
    REFUSED(SC_ECONSTRAINT, sc_application_reject(af.db, af.org, id, "x", "2024-04-01"));
    REFUSED(SC_EDENIED, sc_application_withdraw(af.db, other, id, "x", "2024-04-01"));
    REFUSED(SC_EDENIED, sc_application_withdraw(af.db, af.org, id, "x", "2024-04-01"));
    REFUSED(SC_EINVAL, sc_application_withdraw(af.db, self, id, "", "2024-04-01"));
    ck_ok(sc_application_withdraw(af.db, self, id, "个人原因", "2024-04-01"));
    ck_ok(sc_application_get(&a, af.db, id));
    ck_assert_int_eq(a.state, SC_APPLICATION_WITHDRAWN);
    ck_assert_int_eq(a.ended_at, SC_APPLICATION_CONFIRMED);
    ck_assert_str_eq(a.reason, "个人原因");
    ck_assert_str_eq(a.ended_by, "candidate:" CAND_A);
    REFUSED(SC_ECONSTRAINT, sc_application_withdraw(af.db, self, id, "again", "2024-04-02"));
    ck_ok(sc_application_apply(&again, af.db, self, af.ann2, CAND_A, AF_OCC, NULL, 4,
                               SC_PATH_NORMAL, NULL, "2024-04-02"));
    ck_assert_int_gt(again, id);
    sc_actor_free(other);
    sc_actor_free(self);
}
END_TEST

/* Migration 7 (state 6 completed): a registry of schema 6, whose application
 * table allows states 1-5 only, keeps its applications and the one-open rule. */
static const char OLD_APPLICATION_TABLE[] =
    "CREATE TABLE application_6 ("
    "  id INTEGER PRIMARY KEY,"
    "  candidate_id INTEGER NOT NULL REFERENCES candidate(id),"
    "  org_id INTEGER NOT NULL REFERENCES org(id),"
    "  announcement_id INTEGER NOT NULL REFERENCES announcement(id),"
    "  occupation TEXT NOT NULL,"
    "  work_type TEXT NOT NULL DEFAULT '',"
    "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),"
    "  path INTEGER NOT NULL CHECK (path BETWEEN 0 AND 2),"
    "  evidence TEXT,"
    "  state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 5),"
    "  applied TEXT NOT NULL, applied_by TEXT NOT NULL, verified TEXT, verified_by TEXT,"
    "  eligibility TEXT, eligibility_reason INTEGER NOT NULL DEFAULT 0, decision TEXT,"
    "  confirmed TEXT, confirmed_by TEXT, ended TEXT, ended_by TEXT,"
    "  ended_at INTEGER NOT NULL DEFAULT 0, reason TEXT, batch_id TEXT);"
    "INSERT INTO application_6 SELECT id, candidate_id, org_id, announcement_id, occupation, "
    "  work_type, level, path, evidence, state, applied, applied_by, verified, verified_by, "
    "  eligibility, eligibility_reason, decision, confirmed, confirmed_by, ended, ended_by, "
    "  ended_at, reason, batch_id FROM application;"
    "DROP TABLE application;"
    "ALTER TABLE application_6 RENAME TO application;"
    "CREATE UNIQUE INDEX application_open ON application(candidate_id, occupation, work_type, "
    "  level) WHERE state <= 3;"
    "CREATE INDEX application_by_announcement ON application(announcement_id, state);"
    "PRAGMA user_version = 6;";

START_TEST(test_application_migration_completed)
{
    sc_application before = SC_APPLICATION_INIT, after = SC_APPLICATION_INIT;
    const sc__migration *m = NULL;
    int64_t id, again = 0;
    sc_actor *self;
    size_t i;

    af_candidate(CAND_A, "张三", "2015-01-01");
    id = apply_self(CAND_A, AF_OCC, "", 4, SC_PATH_NORMAL, NULL, "2024-03-05");
    ck_ok(sc_application_verify(NULL, af.db, af.org, id, "2024-03-10"));
    ck_ok(sc_application_get(&before, af.db, id));
    for (i = 0; i < sc__migration_count; i++)
        if (sc__migrations[i].version == 7)
            m = &sc__migrations[i];
    ck_assert_ptr_nonnull(m);

    /* Back to schema 6: state 6 is refused there. */
    ck_assert_int_eq(sqlite3_exec(af.db->conn, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(af.db->conn, OLD_APPLICATION_TABLE, NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(af.db->conn, "PRAGMA foreign_keys = ON", NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_ne(sqlite3_exec(af.db->conn, "UPDATE application SET state = 6", NULL, NULL,
                                  NULL), SQLITE_OK);

    /* Migrate, as sc_db_open() does: in a transaction, foreign keys on. */
    ck_ok(sc__db_begin(af.db));
    ck_ok(sc__db_exec(af.db, m->sql, m->description));
    for (i = 0; i < sc__migration_count; i++) /* and the column migration 9 adds */
        if (sc__migrations[i].version == 9)
            ck_ok(sc__db_exec(af.db, sc__migrations[i].sql, sc__migrations[i].description));
    ck_ok(sc__db_commit(af.db));
    ck_ok(sc_application_get(&after, af.db, id));
    ck_assert(memcmp(&before, &after, sizeof before) == 0);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                    "AND name IN ('application_open', "
                                    "'application_by_announcement')"),
                     2);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* One open application per person and offering still holds. */
    self = t_actor(SC_ACTOR_CANDIDATE, CAND_A);
    REFUSED(SC_EEXISTS, sc_application_apply(&again, af.db, self, af.ann2, CAND_A, AF_OCC, NULL,
                                             4, SC_PATH_NORMAL, NULL, "2024-03-06"));
    sc_actor_free(self);
    /* State 6 is allowed now, and no longer open. */
    ck_assert_int_eq(sqlite3_exec(af.db->conn, "UPDATE application SET state = 6", NULL, NULL,
                                  NULL), SQLITE_OK);
    self = t_actor(SC_ACTOR_CANDIDATE, CAND_A);
    ck_ok(sc_application_apply(&again, af.db, self, af.ann2, CAND_A, AF_OCC, NULL, 4,
                               SC_PATH_NORMAL, NULL, "2024-03-06"));
    sc_actor_free(self);
}
END_TEST

/* Issue 11: verifying an application needs the organization's standing that day
 * (SC_ESCOPE, the registry unchanged): its filing expired on 2026-05-09. */
START_TEST(test_application_verify_needs_standing)
{
    int64_t id;
    af_candidate(CAND_A, "张三", "2015-01-01");
    id = apply_self(CAND_A, AF_OCC, "", 4, SC_PATH_NORMAL, NULL, "2026-05-01");
    REFUSED(SC_ESCOPE, sc_application_verify(NULL, af.db, af.org, id, "2026-05-10"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "verify an application"));
    ck_assert_int_eq(state_of(id), SC_APPLICATION_SUBMITTED);
    REFUSED(SC_ESCOPE, sc_application_verify_batch(NULL, af.db, af.org, &id, 1, "2026-05-10"));
    ck_ok(sc_application_verify(NULL, af.db, af.org, id, "2026-05-09"));
    ck_assert_int_eq(state_of(id), SC_APPLICATION_VERIFIED);
}
END_TEST

/* Candidates A and B recorded; returns A's own actor (free it). */
static sc_actor *refusals_start(void)
{
    af_candidate(CAND_A, "张三", "2015-01-01");
    af_candidate(CAND_B, "李四", "2015-01-01");
    return cand_actor(CAND_A);
}

/* The candidate applies only for themself; the organization does not apply. */
START_TEST(test_application_refusals_who)
{
    sc_actor *a_self = refusals_start();
    REFUSED(SC_EDENIED, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_B, AF_OCC, NULL, 5,
                                             SC_PATH_NORMAL, NULL, "2024-03-05"));
    ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
    REFUSED(SC_EDENIED, sc_application_apply(NULL, af.db, af.org, af.ann, CAND_A, AF_OCC, NULL, 5,
                                             SC_PATH_NORMAL, NULL, "2024-03-05"));
    sc_actor_free(a_self);
}
END_TEST

/* No open announcement: before the intake, unknown, after the intake. */
START_TEST(test_application_refusals_no_open_announcement)
{
    sc_actor *a_self = refusals_start();
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_OCC, NULL,
                                                 5, SC_PATH_NORMAL, NULL, "2024-02-28"));
    ck_assert_str_eq(sc_error_last()->field, "announcement");
    REFUSED(SC_ENOTFOUND, sc_application_apply(NULL, af.db, a_self, 999, CAND_A, AF_OCC, NULL, 5,
                                               SC_PATH_NORMAL, NULL, "2024-03-05"));
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, a_self, af.ann2, CAND_A, AF_OCC,
                                                 NULL, 5, SC_PATH_NORMAL, NULL, "2025-01-01"));
    sc_actor_free(a_self);
}
END_TEST

/* The organization may not certify it that day: its filing expired on 2026-05-09
 * while the announcement runs to 2026-06-30. */
START_TEST(test_application_refusals_filing_expired)
{
    sc_actor *a_self = refusals_start();
    REFUSED(SC_ESCOPE, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_OCC, NULL,
                                                 5, SC_PATH_NORMAL, NULL, "2026-06-01"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "expired"));
    ck_assert_str_eq(sc_error_last()->field, "offering");
    sc_actor_free(a_self);
}
END_TEST

/* The announcement does not list it (in scope, but not announced); not in the catalog. */
START_TEST(test_application_refusals_not_announced)
{
    sc_actor *a_self = refusals_start();
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_WT_OCC,
                                                 AF_WT, 5, SC_PATH_NORMAL, NULL, "2024-03-05"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "does not take applications"));
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, "4-02-06-05",
                                                 NULL, 5, SC_PATH_NORMAL, NULL, "2024-03-05"));
    sc_actor_free(a_self);
}
END_TEST

/* No candidate record. */
START_TEST(test_application_refusals_no_record)
{
    sc_actor *a_self = refusals_start(), *c3;
    char id3[19];
    af_id(id3, 3);
    c3 = cand_actor(id3);
    REFUSED(SC_ENOTFOUND, sc_application_apply(NULL, af.db, c3, af.ann, id3, AF_OCC, NULL, 5,
                                               SC_PATH_NORMAL, NULL, "2024-03-05"));
    ck_assert_str_eq(sc_error_last()->field, "id_number");
    sc_actor_free(c3);
    sc_actor_free(a_self);
}
END_TEST

START_TEST(test_application_refusals_malformed)
{
    sc_actor *a_self = refusals_start();
    REFUSED(SC_EINVAL, sc_application_apply(NULL, af.db, a_self, af.ann, "110105194912310021",
                                            AF_OCC, NULL, 5, SC_PATH_NORMAL, NULL, "2024-03-05"));
    REFUSED(SC_EINVAL, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_OCC, NULL, 6,
                                            SC_PATH_NORMAL, NULL, "2024-03-05"));
    REFUSED(SC_EINVAL, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_OCC, NULL, 5, 7,
                                            NULL, "2024-03-05"));
    REFUSED(SC_EINVAL, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_OCC, NULL, 5,
                                            SC_PATH_NORMAL, NULL, "2024-02-30"));
    REFUSED(SC_EINVAL, sc_application_apply(NULL, af.db, NULL, af.ann, CAND_A, AF_OCC, NULL, 5,
                                            SC_PATH_NORMAL, NULL, "2024-03-05"));
    sc_actor_free(a_self);
}
END_TEST

/* Exceptional (破格): level 3 and above, confirmed rules, evidence. */
START_TEST(test_application_refusals_exceptional)
{
    sc_actor *a_self = refusals_start();
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_OCC, NULL,
                                                 4, SC_PATH_EXCEPTIONAL, "业绩突出",
                                                 "2024-03-05"));
    ck_assert_str_eq(sc_error_last()->field, "path");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "level 3"));
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, a_self, af.ann2, CAND_A, AF_OCC, NULL,
                                                 3, SC_PATH_EXCEPTIONAL, "业绩突出",
                                                 "2024-03-05"));
    ck_assert_str_eq(sc_error_last()->field, "path");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "confirmed"));
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_OCC, NULL,
                                                 3, SC_PATH_EXCEPTIONAL, NULL, "2024-03-05"));
    ck_assert_str_eq(sc_error_last()->field, "evidence");
    sc_actor_free(a_self);
}
END_TEST

/* Direct certification (直接认定): level 2 and above, with evidence. */
START_TEST(test_application_refusals_direct)
{
    sc_actor *a_self = refusals_start();
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_OCC, NULL,
                                                 3, SC_PATH_DIRECT, "技术创新", "2024-03-05"));
    ck_assert_str_eq(sc_error_last()->field, "path");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "level 2"));
    REFUSED(SC_ECONSTRAINT, sc_application_apply(NULL, af.db, a_self, af.ann, CAND_A, AF_OCC, NULL,
                                                 2, SC_PATH_DIRECT, NULL, "2024-03-05"));
    ck_assert_str_eq(sc_error_last()->field, "evidence");
    sc_actor_free(a_self);
}
END_TEST

/* The organization rejects a submitted application (with a reason); nobody else does. */
START_TEST(test_application_reject_submitted)
{
    sc_actor *a_self = refusals_start();
    sc_application app = SC_APPLICATION_INIT;
    int64_t id = apply_self(CAND_B, AF_OCC, NULL, 5, SC_PATH_NORMAL, NULL, "2024-03-05");
    REFUSED(SC_EDENIED, sc_application_reject(af.db, af.haidian, id, "材料不全", "2024-03-06"));
    REFUSED(SC_EDENIED, sc_application_reject(af.db, af.org2, id, "材料不全", "2024-03-06"));
    REFUSED(SC_EINVAL, sc_application_reject(af.db, af.org, id, "", "2024-03-06"));
    REFUSED(SC_EINVAL, sc_application_reject(af.db, af.org, id, NULL, "2024-03-06"));
    REFUSED(SC_ENOTFOUND, sc_application_reject(af.db, af.org, 999, "x", "2024-03-06"));
    REFUSED(SC_EDENIED, sc_application_withdraw(af.db, a_self, id, "x", "2024-03-06"));
    REFUSED(SC_EDENIED, sc_application_withdraw_for(af.db, af.org2, id, "x", "2024-03-06"));
    ck_ok(sc_application_reject(af.db, af.org, id, "材料不全", "2024-03-06"));
    ck_ok(sc_application_get(&app, af.db, id));
    ck_assert_int_eq(app.state, SC_APPLICATION_REJECTED);
    ck_assert_int_eq(app.ended_at, SC_APPLICATION_SUBMITTED);
    ck_assert_str_eq(app.reason, "材料不全");
    REFUSED(SC_ECONSTRAINT, sc_application_reject(af.db, af.org, id, "again", "2024-03-07"));
    sc_actor_free(a_self);
}
END_TEST

/* The district rejects a verified application; the organization no longer does. */
START_TEST(test_application_reject_verified)
{
    sc_actor *a_self = refusals_start();
    sc_application app = SC_APPLICATION_INIT;
    int64_t id = apply_self(CAND_B, AF_OCC, NULL, 5, SC_PATH_NORMAL, NULL, "2024-03-07");
    ck_ok(sc_application_verify(NULL, af.db, af.org, id, "2024-03-08"));
    REFUSED(SC_EDENIED, sc_application_reject(af.db, af.org, id, "x", "2024-03-09"));
    REFUSED(SC_EDENIED, sc_application_reject(af.db, af.xicheng, id, "x", "2024-03-09"));
    ck_ok(sc_application_reject(af.db, af.haidian, id, "工作年限证明不实", "2024-03-09"));
    ck_ok(sc_application_get(&app, af.db, id));
    ck_assert_int_eq(app.state, SC_APPLICATION_REJECTED);
    ck_assert_int_eq(app.ended_at, SC_APPLICATION_VERIFIED);
    ck_assert_str_eq(app.ended_by, "district:110108");
    sc_actor_free(a_self);
}
END_TEST

/* The organization withdraws for the candidate, not before the application. */
START_TEST(test_application_withdraw_for)
{
    sc_actor *a_self = refusals_start();
    int64_t id = apply_self(CAND_B, AF_OCC, NULL, 5, SC_PATH_NORMAL, NULL, "2024-03-10");
    REFUSED(SC_ECONSTRAINT, sc_application_withdraw_for(af.db, af.org, id, "x", "2024-03-09"));
    ck_ok(sc_application_withdraw_for(af.db, af.org, id, "考生申请", "2024-03-11"));
    ck_assert_int_eq(state_of(id), SC_APPLICATION_WITHDRAWN);
    sc_actor_free(a_self);
}
END_TEST

START_TEST(test_application_special_paths)
{
    sc_candidate *c;
    sc_actor *self;
    int ok = -1;
    sc_application a = SC_APPLICATION_INIT;
    int64_t ex, dir, none;

    /* Evidence of an achievement and of a contribution, on record. */
    c = af_record(CAND_A, "张三", "2020-01-01");
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_ACHIEVEMENT, AF_OCC, 0, "2023-10-01",
                                    "年度优秀配送员"));
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_CONTRIBUTION, NULL, 0, "2023-11-01",
                                    "智能调度系统改造"));
    self = cand_actor(CAND_A);
    ck_ok(sc_candidate_save(af.db, self, c));
    sc_candidate_free(c);
    af_candidate(CAND_B, "李四", "2020-01-01");

    ex = apply_self(CAND_A, AF_OCC, NULL, 3, SC_PATH_EXCEPTIONAL, "年度优秀配送员", "2024-03-05");
    dir = apply_self(CAND_A, AF_OCC, NULL, 2, SC_PATH_DIRECT, "智能调度系统改造", "2024-03-05");
    /* Named evidence, but none on record: not eligible, with the reason. */
    none = apply_self(CAND_B, AF_OCC, NULL, 3, SC_PATH_EXCEPTIONAL, "重大活动保障", "2024-03-05");
    ck_ok(sc_application_verify(&ok, af.db, af.org, ex, "2024-03-10"));
    ck_assert_int_eq(ok, 1);
    ck_ok(sc_application_verify(&ok, af.db, af.org, dir, "2024-03-10"));
    ck_assert_int_eq(ok, 1);
    ck_ok(sc_application_get(&a, af.db, dir));
    ck_assert_str_eq(a.eligibility, "direct");
    ck_ok(sc_application_verify(&ok, af.db, af.org, none, "2024-03-10"));
    ck_assert_int_eq(ok, 0);
    ck_ok(sc_application_get(&a, af.db, ex));
    ck_assert_int_eq(a.state, SC_APPLICATION_VERIFIED);
    ck_assert_int_eq(a.path, SC_PATH_EXCEPTIONAL);
    ck_assert_str_eq(a.evidence, "年度优秀配送员");
    ck_assert_str_eq(a.eligibility, "exceptional");
    ck_ok(sc_application_get(&a, af.db, none));
    ck_assert_int_eq(a.state, SC_APPLICATION_REJECTED);
    ck_assert_int_eq(a.ended_at, SC_APPLICATION_SUBMITTED);
    ck_assert_int_eq(a.eligibility_reason, SC_REASON_SPECIAL_PATH_NO_EVIDENCE);
    ck_assert_str_eq(a.eligibility, "");
    ck_assert_str_ne(a.reason, "");
    ck_assert_str_eq(a.reason, a.decision);
    sc_actor_free(self);
}
END_TEST

START_TEST(test_application_not_eligible)
{
    int ok = -1;
    sc_application a = SC_APPLICATION_INIT;
    int64_t id;
    af_candidate(CAND_A, "张三", "2023-12-01");
    id = apply_self(CAND_A, AF_OCC, NULL, 5, SC_PATH_NORMAL, NULL, "2024-03-05");
    ck_ok(sc_application_verify(&ok, af.db, af.org, id, "2024-03-10"));
    ck_assert_int_eq(ok, 0);
    ck_ok(sc_application_get(&a, af.db, id));
    ck_assert_int_eq(a.state, SC_APPLICATION_REJECTED);
    ck_assert_int_eq(a.eligibility_reason, SC_REASON_CONDITIONS_NOT_MET);
    ck_assert_str_eq(a.verified, "2024-03-10");
    ck_assert_ptr_nonnull(strstr(a.reason, "not eligible"));
    ck_assert_ptr_nonnull(strstr(a.reason, "L5-a: needs 1 year"));
}
END_TEST

START_TEST(test_application_apply_for)
{
    sc_candidate *c, *loaded = NULL;
    sc_application a = SC_APPLICATION_INIT;
    int64_t id = 0;

    c = af_record(CAND_B, "李四", "2015-01-01");
    REFUSED(SC_EDENIED, sc_application_apply_for(&id, af.db, af.org2, af.ann, c, AF_OCC, NULL, 5,
                                                 SC_PATH_NORMAL, NULL, "2024-03-05"));
    REFUSED(SC_EDENIED, sc_application_apply_for(&id, af.db, af.haidian, af.ann, c, AF_OCC, NULL,
                                                 5, SC_PATH_NORMAL, NULL, "2024-03-05"));
    ck_assert_int_eq(sc_application_apply_for(&id, af.db, af.org, af.ann, NULL, AF_OCC, NULL, 5,
                                              SC_PATH_NORMAL, NULL, "2024-03-05"),
                     SC_EINVAL);
    ck_ok(sc_application_apply_for(&id, af.db, af.org, af.ann, c, AF_OCC, NULL, 5,
                                   SC_PATH_NORMAL, NULL, "2024-03-05"));
    ck_ok(sc_candidate_load(&loaded, af.db, CAND_B));
    ck_assert_uint_eq(sc_candidate_work_count(loaded), 1);
    ck_ok(sc_application_get(&a, af.db, id));
    ck_assert_str_eq(a.applied_by, "organization:" AF_ORG);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit WHERE action = "
                                    "'application.apply_for' AND detail LIKE '%record=created%'"),
                     1);
    sc_candidate_free(loaded);
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_application_candidate_save_audited)
{
    sc_candidate *c = af_record(CAND_A, "张三", "2015-01-01");
    sc_actor *self = cand_actor(CAND_A), *other = cand_actor(CAND_B);
    REFUSED(SC_EDENIED, sc_candidate_save(af.db, other, c));
    REFUSED(SC_EDENIED, sc_candidate_save(af.db, af.org, c));
    ck_ok(sc_candidate_save(af.db, self, c));
    ck_ok(sc_candidate_save(af.db, af.centre, c));
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit WHERE entity = 'candidate' AND "
                                    "action = 'candidate.save'"), 2);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit WHERE entity = 'candidate' AND "
                                    "detail LIKE 'replaced%'"), 1);
    sc_actor_free(self);
    sc_actor_free(other);
    sc_candidate_free(c);
}
END_TEST

/* ---- batches, iterators ---------------------------------------------------------------- */

/* Three applications to AF_ORG (the third candidate's work is too short) and one to
 * AF_ORG2 (bt.other, by candidate bt.idn). */
static struct {
    int64_t ids[4], other;
    char idn[19];
} bt;

static void bt_applied(void)
{
    sc_actor *self;
    char idn[19];
    int i;
    memset(&bt, 0, sizeof bt);
    for (i = 0; i < 3; i++) {
        af_id(idn, 100 + i);
        af_candidate(idn, "考生", i == 2 ? "2023-12-01" : "2015-01-01");
        bt.ids[i] = apply_self(idn, AF_OCC, NULL, 5, SC_PATH_NORMAL, NULL, "2024-03-05");
    }
    af_id(bt.idn, 200);
    af_candidate(bt.idn, "考生", "2015-01-01");
    self = cand_actor(bt.idn);
    ck_ok(sc_application_apply(&bt.other, af.db, self, af.ann2, bt.idn, AF_OCC, NULL, 5,
                               SC_PATH_NORMAL, NULL, "2024-03-05"));
    sc_actor_free(self);
}

/* ... the three verified as one batch (two eligible, one rejected). */
static void bt_verified(void)
{
    size_t verified = 0;
    bt_applied();
    ck_ok(sc_application_verify_batch(&verified, af.db, af.org, bt.ids, 3, "2024-03-10"));
}

/* A bad id anywhere changes nothing, and the error says where; another organization's
   application, a district, no ids. */
START_TEST(test_application_verify_batch_refusals)
{
    size_t verified = 99;
    bt_applied();
    bt.ids[3] = 999;
    REFUSED(SC_ENOTFOUND, sc_application_verify_batch(&verified, af.db, af.org, bt.ids, 4,
                                                      "2024-03-10"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "batch item 4 of 4"));
    bt.ids[3] = bt.other; /* another organization's */
    REFUSED(SC_EDENIED, sc_application_verify_batch(&verified, af.db, af.org, bt.ids, 4,
                                                    "2024-03-10"));
    ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
    REFUSED(SC_EDENIED, sc_application_verify_batch(&verified, af.db, af.haidian, bt.ids, 3,
                                                    "2024-03-10"));
    REFUSED(SC_EDENIED, sc_application_verify_batch(&verified, af.db, af.haidian, bt.ids, 0,
                                                    "2024-03-10"));
    ck_ok(sc_application_verify_batch(&verified, af.db, af.org, bt.ids, 0, "2024-03-10"));
    ck_assert_uint_eq(verified, 0);
    ck_assert_int_eq(sc_application_verify_batch(&verified, af.db, af.org, NULL, 2, NULL),
                     SC_EINVAL);
}
END_TEST

/* Verified as one batch: the ineligible one is rejected; one audit entry counts them. */
START_TEST(test_application_verify_batch)
{
    size_t verified = 99;
    bt_applied();
    ck_ok(sc_application_verify_batch(&verified, af.db, af.org, bt.ids, 3, "2024-03-10"));
    ck_assert_uint_eq(verified, 2);
    ck_assert_int_eq(state_of(bt.ids[2]), SC_APPLICATION_REJECTED);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit WHERE action = "
                                    "'application.verify_batch' AND detail LIKE 'count=3 "
                                    "verified=2 rejected=1 %'"), 1);
}
END_TEST

/* Confirm: a rejected one in the list, another district, a repeat refuse the whole batch. */
START_TEST(test_application_confirm_batch)
{
    bt_verified();
    REFUSED(SC_ECONSTRAINT, sc_application_confirm_batch(af.db, af.haidian, bt.ids, 3,
                                                         "2024-03-15"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "batch item 3 of 3"));
    REFUSED(SC_EDENIED, sc_application_confirm_batch(af.db, af.xicheng, bt.ids, 2,
                                                     "2024-03-15"));
    REFUSED(SC_ECONSTRAINT, sc_application_confirm_batch(af.db, af.haidian,
                                                         (int64_t[]){ bt.ids[0], bt.ids[1],
                                                                      bt.ids[0] }, 3,
                                                         "2024-03-15"));
    ck_ok(sc_application_confirm_batch(af.db, af.haidian, bt.ids, 2, "2024-03-15"));
    ck_assert_int_eq(state_of(bt.ids[0]), SC_APPLICATION_CONFIRMED);
    ck_assert_int_eq(state_of(bt.ids[1]), SC_APPLICATION_CONFIRMED);
}
END_TEST

/* Iterators and counts by query; a query of an unknown version or a bad ID is refused. */
START_TEST(test_application_query)
{
    sc_application_query q = SC_APPLICATION_QUERY_INIT;
    sc_application_iter *it = NULL;
    sc_application a = SC_APPLICATION_INIT;
    int64_t count = 0;
    int n = 0;
    bt_verified();
    ck_ok(sc_application_confirm_batch(af.db, af.haidian, bt.ids, 2, "2024-03-15"));
    snprintf(q.credit_code, sizeof q.credit_code, "%s", AF_ORG);
    q.state = SC_APPLICATION_CONFIRMED;
    ck_ok(sc_application_count_get(&count, af.db, &q));
    ck_assert_int_eq(count, 2);
    ck_ok(sc_application_iter_new(&it, af.db, &q));
    while (sc_application_iter_next(&a, it) == SC_OK) {
        ck_assert_int_eq(a.id, bt.ids[n]);
        n++;
    }
    ck_assert_int_eq(sc_application_iter_next(&a, it), SC_ITEROVER);
    sc_application_iter_free(it);
    ck_assert_int_eq(n, 2);
    ck_ok(sc_application_count_get(&count, af.db, NULL));
    ck_assert_int_eq(count, 4);
    memset(&q, 0, sizeof q);
    q.version = SC_APPLICATION_QUERY_VERSION;
    q.announcement = af.ann2;
    ck_ok(sc_application_count_get(&count, af.db, &q));
    ck_assert_int_eq(count, 1);
    snprintf(q.id_number, sizeof q.id_number, "%s", bt.idn);
    ck_ok(sc_application_count_get(&count, af.db, &q));
    ck_assert_int_eq(count, 1);
    q.version = 7;
    ck_assert_int_eq(sc_application_iter_new(&it, af.db, &q), SC_EINVAL);
    ck_assert_ptr_null(it);
    q.version = SC_APPLICATION_QUERY_VERSION;
    snprintf(q.id_number, sizeof q.id_number, "12345");
    ck_assert_int_eq(sc_application_count_get(&count, af.db, &q), SC_EINVAL);
}
END_TEST

/* ---- 100,000 in one transaction ---------------------------------------------------------- */

#define BULK 100000

/* A digest of every row of the applications table and the audit row count. */
static uint64_t table_digest(sc_db *db, const char *sql)
{
    sqlite3_stmt *st;
    uint64_t h = 1469598103934665603ull;
    int i, n;
    ck_assert_int_eq(sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL), SQLITE_OK);
    n = sqlite3_column_count(st);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (i = 0; i < n; i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            if (v)
                for (; *v; v++) {
                    h ^= *v;
                    h *= 1099511628211ull;
                }
            h ^= 0x1f;
            h *= 1099511628211ull;
        }
    }
    sqlite3_finalize(st);
    return h;
}

static void exec_sql(sc_db *db, const char *sql)
{
    char *err = NULL;
    ck_assert_msg(sqlite3_exec(db->conn, sql, NULL, NULL, &err) == SQLITE_OK, "%s: %s", sql,
                  err ? err : "");
    sqlite3_free(err);
}

START_TEST(test_application_confirm_batch_100000)
{
    sqlite3_stmt *cand, *app, *work;
    int64_t *ids = malloc(BULK * sizeof(*ids));
    int64_t org_id, middle, cand_id;
    uint64_t before, after;
    long audit0, confirmed;
    double t0, t_fail, t_ok, t_make;
    char idn[19];
    long i;
    int rc;

    ck_assert_ptr_nonnull(ids);
    org_id = t_count(af.db, "SELECT id FROM org WHERE credit_code = '" AF_ORG "'");
    /* 100,000 verified applications, made quickly: one prepared loop in one transaction. */
    t0 = now_s();
    exec_sql(af.db, "BEGIN");
    ck_assert_int_eq(sqlite3_prepare_v2(af.db->conn,
                                        "INSERT INTO candidate(id_number, name, birth_date, sex, "
                                        "created, updated, updated_by) VALUES (?1, '考生', ?2, "
                                        "?3, 'now', 'now', 'bulk')", -1, &cand, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(af.db->conn,
                                        "INSERT INTO application(candidate_id, org_id, "
                                        "announcement_id, occupation, work_type, level, path, "
                                        "state, applied, applied_by, verified, verified_by, "
                                        "eligibility) VALUES (?1, ?2, ?3, '4-02-07-10', '', 5, 0, "
                                        "2, '2024-03-05', 'bulk', '2024-03-10', 'bulk', 'L5-a')",
                                        -1, &app, NULL),
                     SQLITE_OK);
    /* the work record each claim (L5-a, a year's work) rests on: confirmation decides
     * the claim again on it (issue 11) */
    ck_assert_int_eq(sqlite3_prepare_v2(af.db->conn,
                                        "INSERT INTO candidate_work(candidate_id, seq, "
                                        "occupation, from_date) VALUES (?1, 0, '4-02-07-10', "
                                        "'2020-01-01')", -1, &work, NULL),
                     SQLITE_OK);
    for (i = 0; i < BULK; i++) {
        char birth[11];
        af_id(idn, i);
        snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", idn + 6, idn + 10, idn + 12);
        sqlite3_bind_text(cand, 1, idn, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(cand, 2, birth, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(cand, 3, (idn[16] - '0') % 2 ? 1 : 2);
        ck_assert_int_eq(sqlite3_step(cand), SQLITE_DONE);
        sqlite3_reset(cand);
        cand_id = sqlite3_last_insert_rowid(af.db->conn);
        sqlite3_bind_int64(work, 1, cand_id);
        ck_assert_int_eq(sqlite3_step(work), SQLITE_DONE);
        sqlite3_reset(work);
        sqlite3_bind_int64(app, 1, cand_id);
        sqlite3_bind_int64(app, 2, org_id);
        sqlite3_bind_int64(app, 3, af.ann);
        ck_assert_int_eq(sqlite3_step(app), SQLITE_DONE);
        sqlite3_reset(app);
        ids[i] = sqlite3_last_insert_rowid(af.db->conn);
    }
    sqlite3_finalize(cand);
    sqlite3_finalize(work);
    sqlite3_finalize(app);
    /* #50,000 is not verified yet (its candidate really worked six years). */
    middle = ids[BULK / 2 - 1];
    {
        char sql[512];
        snprintf(sql, sizeof sql,
                 "UPDATE application SET state = 1, verified = NULL, verified_by = NULL, "
                 "eligibility = NULL WHERE id = %lld;"
                 "INSERT INTO candidate_work(candidate_id, seq, occupation, from_date) "
                 "SELECT candidate_id, 1, '4-02-07-10', '2015-01-01' FROM application "
                 "WHERE id = %lld;",
                 (long long)middle, (long long)middle);
        exec_sql(af.db, sql);
    }
    exec_sql(af.db, "COMMIT");
    t_make = now_s() - t0;
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM application WHERE state = 2"),
                     BULK - 1);

    /* One batch of all 100,000 fails at #50,000: nothing changes. */
    before = table_digest(af.db, "SELECT * FROM application ORDER BY id");
    audit0 = t_count(af.db, "SELECT count(*) FROM audit");
    t0 = now_s();
    rc = sc_application_confirm_batch(af.db, af.haidian, ids, BULK, "2024-04-01");
    t_fail = now_s() - t0;
    ck_assert_int_eq(rc, SC_ECONSTRAINT);
    ck_assert_msg(strstr(sc_error_last()->message, "batch item 50000 of 100000") != NULL, "%s",
                  sc_error_last()->message);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "submitted, not verified"));
    after = table_digest(af.db, "SELECT * FROM application ORDER BY id");
    ck_assert_msg(before == after, "the failed batch changed the applications table");
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM application WHERE state = 2"),
                     BULK - 1);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM application WHERE state = 3"), 0);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit"), audit0);
    ck_assert_int_eq(af.db->txn_depth, 0);

    /* Verify #50,000, then the same batch confirms all 100,000. */
    ck_ok(sc_application_verify(NULL, af.db, af.org, middle, "2024-03-20"));
    ck_assert_int_eq(state_of(middle), SC_APPLICATION_VERIFIED);
    t0 = now_s();
    ck_ok(sc_application_confirm_batch(af.db, af.haidian, ids, BULK, "2024-04-01"));
    t_ok = now_s() - t0;
    confirmed = t_count(af.db, "SELECT count(*) FROM application WHERE state = 3 AND "
                               "confirmed = '2024-04-01' AND confirmed_by = 'district:110108'");
    ck_assert_int_eq(confirmed, BULK);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit"), audit0 + 2);
    ck_assert_int_eq(t_count(af.db, "SELECT count(*) FROM audit WHERE action = "
                                    "'application.confirm_batch' AND detail LIKE "
                                    "'count=100000 %'"), 1);
    printf("application: made %d verified applications in %.2f s; batch confirm of %d: "
           "refused at #50000 in %.2f s (nothing changed), confirmed all in %.2f s\n",
           BULK, t_make, BULK, t_fail, t_ok);
    fflush(stdout);
    free(ids);
}
END_TEST

/* ---- exchange documents ------------------------------------------------------------------ */

/* Candidates with records, applications on both paths, verified. */
static void make_verified(int64_t out[3])
{
    sc_candidate *c = af_record(CAND_A, "张三", "2015-01-01");
    sc_actor *self = cand_actor(CAND_A);
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_TECHNICAL_SCHOOL, "物流服务与管理",
                                     SC_EDUCATION_RELATED, "2014-07-01"));
    ck_ok(sc_candidate_add_education(c, SC_EDUCATION_JUNIOR_COLLEGE, NULL,
                                     SC_EDUCATION_FINAL_YEAR | SC_EDUCATION_EVALUATED, NULL));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, AF_OCC, NULL, 5, "2019-06-01",
                                       "S000011000001195000001"));
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_QUALIFICATION, AF_WT_OCC, AF_WT, 4,
                                       "2018-06-01", NULL));
    ck_ok(sc_candidate_set_apprenticeship(c, AF_OCC, "2015-06-30"));
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_ACHIEVEMENT, AF_OCC, 0, "2023-10-01",
                                    "年度优秀 <配送员> & \"标兵\""));
    ck_ok(sc_candidate_add_evidence(c, SC_EVIDENCE_COMPETITION_AWARD, NULL, SC_SCOPE_NATIONAL,
                                    "2022-05-01", NULL));
    ck_ok(sc_candidate_save(af.db, self, c));
    sc_candidate_free(c);
    sc_actor_free(self);
    af_candidate(CAND_B, "李四", "2015-01-01");
    out[0] = apply_self(CAND_A, AF_OCC, NULL, 4, SC_PATH_NORMAL, NULL, "2024-03-05");
    out[1] = apply_self(CAND_A, AF_OCC, NULL, 3, SC_PATH_EXCEPTIONAL, "年度优秀配送员",
                        "2024-03-05");
    out[2] = apply_self(CAND_B, AF_OCC, NULL, 5, SC_PATH_NORMAL, NULL, "2024-03-06");
    ck_ok(sc_application_verify_batch(NULL, af.db, af.org, out, 3, "2024-03-10"));
}

/* Issue 11, former bypass: an organization confirms its own candidates (报名确认 is
 * the district's). Refused through both doors: the direct call, and the import of a
 * confirmation whose declared issuer is the organization itself (or a district that is
 * not its own); the organization's registry is unchanged. */
/* Issue 11: an organization applying for a candidate may add to the stored record,
 * not overwrite what the candidate saved (refused, the registry unchanged). */
START_TEST(test_application_apply_for_adds_only)
{
    sc_candidate *c, *loaded = NULL;
    int64_t id = 0;
    af_candidate(CAND_B, "李四", "2015-01-01"); /* saved by the candidate: work since 2015 */
    /* a record without the candidate's work */
    c = af_record(CAND_B, "李四", "2016-03-01");
    REFUSED(SC_ECONSTRAINT, sc_application_apply_for(&id, af.db, af.org, af.ann, c, AF_OCC, NULL,
                                                     5, SC_PATH_NORMAL, NULL, "2024-03-05"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "may add to a candidate's record"));
    ck_assert_str_eq(sc_error_last()->field, "record");
    sc_candidate_free(c);
    /* another name */
    c = af_record(CAND_B, "李斯", "2015-01-01");
    REFUSED(SC_ECONSTRAINT, sc_application_apply_for(&id, af.db, af.org, af.ann, c, AF_OCC, NULL,
                                                     5, SC_PATH_NORMAL, NULL, "2024-03-05"));
    sc_candidate_free(c);
    /* the stored record plus a certificate: added */
    c = af_record(CAND_B, "李四", "2015-01-01");
    ck_ok(sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, AF_OCC, NULL, 5,
                                       "2018-06-01", "S0000110000011830000001"));
    ck_ok(sc_application_apply_for(&id, af.db, af.org, af.ann, c, AF_OCC, NULL, 5,
                                   SC_PATH_NORMAL, NULL, "2024-03-05"));
    ck_ok(sc_candidate_load(&loaded, af.db, CAND_B));
    ck_assert_uint_eq(sc_candidate_work_count(loaded), 1);
    ck_assert_uint_eq(sc_candidate_certificate_count(loaded), 1);
    sc_candidate_free(loaded);
    sc_candidate_free(c);
}
END_TEST

START_TEST(test_application_issuer_org_confirms_own)
{
    sc_db *district;
    char *answer = NULL, *forged;
    int64_t ids[3];
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    make_verified(ids);
    /* direct */
    REFUSED(SC_EDENIED, sc_application_confirm(af.db, af.org, ids[0], "2024-03-20"));
    REFUSED(SC_EDENIED, sc_application_confirm_batch(af.db, af.org, ids, 3, "2024-03-20"));
    /* the district's real answer, made in its own registry */
    district = t_clone_db(af.db);
    ck_ok(sc_application_confirm_batch(district, af.haidian, ids, 3, "2024-03-20"));
    ck_ok(sc_application_confirmation_export_memory(&answer, NULL, district, af.ann, "ANS-1",
                                                    NULL));
    ck_assert_ptr_nonnull(strstr(answer, "issuer=\"district:110108\""));
    /* import: the organization as the answer's issuer */
    forged = t_edit(answer, "issuer=", "district:110108", "org:" AF_ORG);
    REFUSED(SC_EDENIED, sc_xml_import_memory(&res, af.db, af.org, forged, strlen(forged),
                                             "answer.xml", NULL, NULL));
    free(forged);
    /* import: another district's bureau as the issuer (not the organization's own) */
    forged = t_edit(answer, "issuer=", "district:110108", "district:110102");
    REFUSED(SC_EDENIED, sc_xml_import_memory(&res, af.db, af.org, forged, strlen(forged),
                                             "answer.xml", NULL, NULL));
    free(forged);
    ck_assert_int_eq(state_of(ids[0]), SC_APPLICATION_VERIFIED);
    /* the district's own answer goes through */
    ck_ok(sc_xml_import_memory(&res, af.db, af.org, answer, strlen(answer), "answer.xml", NULL,
                               NULL));
    ck_assert_int_eq(state_of(ids[0]), SC_APPLICATION_CONFIRMED);
    sc_free(answer);
    sc_db_close(district);
}
END_TEST

/* ---- one rule, two doors (issue 11) ------------------------------------------------------ */

/* The call was refused with `want` and left db as `before` was; its message is kept in
 * msg for the other door. */
static void refused_on(sc_db *db, const char *before, int rc, int want, char *msg, size_t cap)
{
    char *after = t_dump(db);
    ck_assert_msg(rc == want, "%d (%s), wanted %d", rc, sc_error_last()->message, want);
    ck_assert_msg(strcmp(before, after) == 0, "a refused call changed the registry");
    snprintf(msg, cap, "%s", sc_error_last()->message);
    free(after);
}

/* The import of doc as actor into db is refused with `want` (SC_EINVALIDDOC for a
 * rule the document breaks, the import's status for the direct call's
 * SC_ECONSTRAINT; SC_ESCOPE as it is), records nothing, changes nothing, and its
 * first diagnostic is the direct call's refusal, word for word. */
static void import_refused_as(sc_db *db, const sc_actor *actor, const char *doc, int want,
                              const char *direct_msg)
{
    sc_report *rep = NULL;
    ck_ok(sc_report_new(&rep));
    t_refused_import(db, actor, doc, want, 0, NULL, rep);
    ck_assert_msg(strstr(sc_error_last()->message, direct_msg) != NULL,
                  "import said '%s', the direct call '%s'", sc_error_last()->message,
                  direct_msg);
    sc_report_free(rep);
}

/* The district's answer (报名确认): a confirmation dated before the verification, and
 * one of an application no longer awaiting it, are refused by sc_application_confirm
 * and by the import of the district's confirmation document alike. */
START_TEST(test_application_doors_answer)
{
    sc_db *district;
    char *answer = NULL, *early, *before, msg[1024];
    int64_t ids[3];
    make_verified(ids);
    district = t_clone_db(af.db);
    ck_ok(sc_application_confirm_batch(district, af.haidian, ids, 3, "2024-03-20"));
    ck_ok(sc_application_confirmation_export_memory(&answer, NULL, district, af.ann, "ANS-D",
                                                    NULL));
    /* dated before the verification (2024-03-10) */
    before = t_dump(af.db);
    refused_on(af.db, before, sc_application_confirm(af.db, af.haidian, ids[0], "2024-03-09"),
               SC_ECONSTRAINT, msg, sizeof msg);
    ck_assert_ptr_nonnull(strstr(msg, "before its last step"));
    free(before);
    early = t_edit(answer, "<application", "date=\"2024-03-20\"", "date=\"2024-03-09\"");
    import_refused_as(af.db, af.org, early, SC_EINVALIDDOC, msg);
    free(early);
    /* no longer awaiting the answer: rejected at confirmation meanwhile */
    ck_ok(sc_application_reject(af.db, af.haidian, ids[0], "材料不全", "2024-03-15"));
    before = t_dump(af.db);
    refused_on(af.db, before, sc_application_confirm(af.db, af.haidian, ids[0], "2024-03-20"),
               SC_ECONSTRAINT, msg, sizeof msg);
    ck_assert_ptr_nonnull(strstr(msg, "is rejected, not verified"));
    free(before);
    import_refused_as(af.db, af.org, answer, SC_EINVALIDDOC, msg);
    ck_assert_int_eq(state_of(ids[1]), SC_APPLICATION_VERIFIED);
    sc_free(answer);
    sc_db_close(district);
}
END_TEST

/* An application to a closed announcement, and one the announcement does not list,
 * are refused by sc_application_apply and by the candidate batch alike. */
START_TEST(test_application_doors_apply)
{
    sc_db *district = t_clone_db(af.db);
    sc_actor *self = cand_actor(CAND_A);
    char *batch = NULL, *unlisted, *before, msg[1024];
    int64_t ids[3];
    make_verified(ids);
    ck_ok(sc_application_batch_export_memory(&batch, NULL, af.db, af.ann, "HD-DOORS-1"));
    /* not listed: 4-04-05-05/数据标注员 is announced at levels 3 and 2 only */
    before = t_dump(district);
    refused_on(district, before, sc_application_apply(NULL, district, self, af.ann, CAND_A,
                                                      AF_WT_OCC, AF_WT, 5, SC_PATH_NORMAL, NULL,
                                                      "2024-03-05"),
               SC_ECONSTRAINT, msg, sizeof msg);
    ck_assert_ptr_nonnull(strstr(msg, "does not take applications"));
    ck_assert_str_eq(sc_error_last()->field, "level");
    free(before);
    unlisted = t_edit(batch, "<application", "occupation=\"" AF_OCC "\" level=\"4\"",
                      "occupation=\"" AF_WT_OCC "\" work-type=\"" AF_WT "\" level=\"5\"");
    ck_assert_ptr_ne(strstr(unlisted, AF_WT), NULL);
    import_refused_as(district, af.haidian, unlisted, SC_EINVALIDDOC, msg);
    free(unlisted);
    /* the announcement closed before the applications */
    ck_ok(sc_announcement_close(district, af.org, af.ann, "2024-03-04"));
    before = t_dump(district);
    refused_on(district, before, sc_application_apply(NULL, district, self, af.ann, CAND_A,
                                                      AF_OCC, NULL, 4, SC_PATH_NORMAL, NULL,
                                                      "2024-03-05"),
               SC_ECONSTRAINT, msg, sizeof msg);
    ck_assert_ptr_nonnull(strstr(msg, "only for an open announcement"));
    free(before);
    import_refused_as(district, af.haidian, batch, SC_EINVALIDDOC, msg);
    sc_free(batch);
    sc_actor_free(self);
    sc_db_close(district);
}
END_TEST

/* The verification needs the organization's standing on the day it is made: the day
 * after its filing's validity (2026-05-09), sc_application_verify and a candidate
 * batch recording that verification refuse it alike, with SC_ESCOPE. */
START_TEST(test_application_doors_verify)
{
    sc_db *district = t_clone_db(af.db);
    sc_report *rep = NULL;
    char *batch = NULL, *late, *before, msg[1024];
    int64_t id;
    ck_ok(sc_report_new(&rep));
    af_candidate(CAND_A, "张三", "2015-01-01");
    id = apply_self(CAND_A, AF_OCC, "", 4, SC_PATH_NORMAL, NULL, "2026-05-01");
    before = t_dump(af.db);
    refused_on(af.db, before, sc_application_verify(NULL, af.db, af.org, id, "2026-05-10"),
               SC_ESCOPE, msg, sizeof msg);
    free(before);
    ck_ok(sc_application_verify(NULL, af.db, af.org, id, "2026-05-09"));
    ck_ok(sc_application_batch_export_memory(&batch, NULL, af.db, af.ann, "HD-LATE-1"));
    late = t_edit(batch, "<application", "verified=\"2026-05-09\"", "verified=\"2026-05-10\"");
    ck_assert_ptr_nonnull(strstr(late, "verified=\"2026-05-10\""));
    import_refused_as(district, af.haidian, late, SC_ESCOPE, msg);
    free(late);
    ck_ok(t_import(district, af.haidian, batch, NULL, rep));
    sc_free(batch);
    sc_report_free(rep);
    sc_db_close(district);
}
END_TEST

/* The candidate's record: an organization may add to what is stored, never overwrite
 * it, whether it hands the record in by sc_application_apply_for or in a candidate
 * batch's <records>; both refuse with the same words, the registry unchanged. */
START_TEST(test_application_doors_record)
{
    sc_db *other = t_clone_db(af.db);
    sc_candidate *c;
    char *batch = NULL, *before, msg[1024];
    int64_t id = 0;
    af_candidate(CAND_B, "李四", "2015-01-01"); /* saved by the candidate here */
    c = af_record(CAND_B, "李四", "2016-03-01"); /* the organization's: other work */
    before = t_dump(af.db);
    refused_on(af.db, before, sc_application_apply_for(&id, af.db, af.org, af.ann, c, AF_OCC,
                                                       NULL, 5, SC_PATH_NORMAL, NULL,
                                                       "2024-03-05"),
               SC_ECONSTRAINT, msg, sizeof msg);
    ck_assert_ptr_nonnull(strstr(msg, "may add to a candidate's record"));
    free(before);
    /* the same record, applied for and verified in another registry, sent as a batch */
    ck_ok(sc_application_apply_for(&id, other, af.org, af.ann, c, AF_OCC, NULL, 5,
                                   SC_PATH_NORMAL, NULL, "2024-03-05"));
    ck_ok(sc_application_verify(NULL, other, af.org, id, "2024-03-10"));
    ck_ok(sc_application_batch_export_memory(&batch, NULL, other, af.ann, "HD-REC-1"));
    import_refused_as(af.db, af.haidian, batch, SC_EINVALIDDOC, msg);
    sc_free(batch);
    sc_candidate_free(c);
    sc_db_close(other);
}
END_TEST

/* Issue 11: the claimed eligibility of a candidate batch is decided again where the
 * receiving registry holds the record (the batch carries it): a claim the record does
 * not support, or a condition the standard does not have, is refused, nothing kept. */
START_TEST(test_application_batch_claim_decided_again)
{
    sc_db *district = t_clone_db(af.db);
    sc_report *rep = NULL;
    char *batch = NULL, *bad;
    int64_t ids[3];
    ck_ok(sc_report_new(&rep));
    make_verified(ids);
    ck_ok(sc_application_batch_export_memory(&batch, NULL, af.db, af.ann, "HD-CLAIM-1"));
    ck_assert_ptr_nonnull(strstr(batch, "eligibility=\"L4-a\""));
    /* the record carried: work in the occupation only since 2024 */
    bad = t_edit(batch, "<work", "from=\"2015-01-01\"", "from=\"2024-01-01\"");
    t_refused_import(district, af.haidian, bad, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "but the record decides otherwise"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->field, "@eligibility"));
    free(bad);
    /* a condition the standard does not have */
    bad = t_edit(batch, "<application", "eligibility=\"L4-a\"", "eligibility=\"L4-z\"");
    t_refused_import(district, af.haidian, bad, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "'L4-z'"));
    free(bad);
    /* as verified: accepted */
    ck_ok(t_import(district, af.haidian, batch, NULL, rep));
    sc_free(batch);
    sc_report_free(rep);
    sc_db_close(district);
}
END_TEST

/* The round trip of a candidate batch and its answer, in stages; each test
 * builds the stages it needs and checks one step. */
static struct {
    sc_db *district;            /* the district's registry: directory, announcement */
    int64_t ids[3], dids[3];    /* the applications in the organization's, the district's */
    char *batch, *answer;
    size_t batch_len, answer_len;
} rt;

/* Three verified applications and their batch "HD-2024-03-001". */
static void rt_batch(void)
{
    memset(&rt, 0, sizeof rt);
    rt.district = t_clone_db(af.db);
    make_verified(rt.ids);
    ck_ok(sc_application_batch_export_memory(&rt.batch, &rt.batch_len, af.db, af.ann,
                                             "HD-2024-03-001"));
}

/* ... imported by the district. */
static void rt_imported(void)
{
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    rt_batch();
    ck_ok(sc_xml_import_memory(&res, rt.district, af.haidian, rt.batch, rt.batch_len,
                               "batch.xml", NULL, NULL));
}

/* ... which confirms two, rejects one, and answers ("HD-ANS-001"). */
static void rt_answered(void)
{
    sc_application_query q = SC_APPLICATION_QUERY_INIT;
    sc_application_iter *it = NULL;
    sc_application a = SC_APPLICATION_INIT;
    int n = 0;
    rt_imported();
    snprintf(q.batch_id, sizeof q.batch_id, "HD-2024-03-001");
    ck_ok(sc_application_iter_new(&it, rt.district, &q));
    while (n < 3 && sc_application_iter_next(&a, it) == SC_OK) {
        ck_assert_int_eq(a.state, SC_APPLICATION_VERIFIED);
        ck_assert_str_eq(a.applied_by, "organization:" AF_ORG);
        rt.dids[n++] = a.id;
    }
    sc_application_iter_free(it);
    ck_assert_int_eq(n, 3);
    ck_ok(sc_application_confirm_batch(rt.district, af.haidian, rt.dids, 2, "2024-03-20"));
    ck_ok(sc_application_reject(rt.district, af.haidian, rt.dids[2], "工作年限证明不实",
                                "2024-03-21"));
    ck_ok(sc_application_confirmation_export_memory(&rt.answer, &rt.answer_len, rt.district,
                                                    af.ann, "HD-ANS-001", "HD-2024-03-001"));
}

/* ... and the organization applies the answer. */
static void rt_applied(void)
{
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    rt_answered();
    ck_ok(sc_xml_import_memory(&res, af.db, af.org, rt.answer, rt.answer_len, "answer.xml",
                               NULL, NULL));
    ck_assert_uint_eq(res.records, 3);
}

static void rt_free(void)
{
    sc_free(rt.batch);
    sc_free(rt.answer);
    sc_db_close(rt.district);
    memset(&rt, 0, sizeof rt);
}

/* The batch: valid, in its namespace, with the eligibility, the path, escaped text. */
START_TEST(test_application_xml_batch_export)
{
    int type = 0;
    rt_batch();
    ck_assert_uint_eq(rt.batch_len, strlen(rt.batch));
    ck_ok(sc_xml_validate_memory(&type, NULL, rt.batch, rt.batch_len, "batch.xml", NULL));
    ck_assert_int_eq(type, SC_DOC_CANDIDATE_BATCH);
    ck_assert_ptr_nonnull(strstr(rt.batch, "urn:skillcert:candidate-batch:1"));
    ck_assert_ptr_nonnull(strstr(rt.batch, "eligibility=\"L4-a\""));
    ck_assert_ptr_nonnull(strstr(rt.batch, "path=\"exceptional\""));
    ck_assert_ptr_nonnull(strstr(rt.batch, "&lt;配送员&gt; &amp; &quot;标兵&quot;"));
    rt_free();
}
END_TEST

/* The district imports it (the organization may not), with the candidates' records;
   its own export is the same document. */
START_TEST(test_application_xml_batch_import)
{
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_candidate *x = NULL, *y = NULL;
    char *batch2 = NULL;
    rt_batch();
    ck_assert_int_eq(sc_xml_import_memory(&res, rt.district, af.org, rt.batch, rt.batch_len,
                                          "batch.xml", NULL, NULL), SC_EDENIED);
    ck_ok(sc_xml_import_memory(&res, rt.district, af.haidian, rt.batch, rt.batch_len,
                               "batch.xml", NULL, NULL));
    ck_assert_int_eq(res.doctype, SC_DOC_CANDIDATE_BATCH);
    ck_assert_uint_eq(res.records, 3);
    ck_assert_str_eq(res.batch_id, "HD-2024-03-001");
    ck_ok(sc_application_batch_export_memory(&batch2, NULL, rt.district, af.ann,
                                             "HD-2024-03-001"));
    same_doc(rt.batch, batch2);
    sc_free(batch2);
    ck_ok(sc_candidate_load(&x, af.db, CAND_A));
    ck_ok(sc_candidate_load(&y, rt.district, CAND_A));
    ck_assert_uint_eq(sc_candidate_education_count(y), sc_candidate_education_count(x));
    ck_assert_uint_eq(sc_candidate_certificate_count(y), 2);
    ck_assert_uint_eq(sc_candidate_evidence_count(y), 2);
    ck_assert_str_eq(sc_candidate_apprenticeship_completed(y), "2015-06-30");
    sc_candidate_free(x);
    sc_candidate_free(y);
    rt_free();
}
END_TEST

/* Again: already imported, nothing changes. */
START_TEST(test_application_xml_batch_again)
{
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    char *before;
    rt_imported();
    before = t_dump(rt.district);
    ck_ok(sc_xml_import_memory(&res, rt.district, af.haidian, rt.batch, rt.batch_len,
                               "batch.xml", NULL, NULL));
    ck_assert_int_eq(res.already_imported, 1);
    {
        char *after = t_dump(rt.district);
        ck_assert_str_eq(before, after);
        free(after);
    }
    free(before);
    rt_free();
}
END_TEST

/* The district's answer: valid, with the rejection. */
START_TEST(test_application_xml_answer_export)
{
    int type = 0;
    rt_answered();
    ck_ok(sc_xml_validate_memory(&type, NULL, rt.answer, rt.answer_len, "answer.xml", NULL));
    ck_assert_int_eq(type, SC_DOC_CONFIRMATION);
    ck_assert_ptr_nonnull(strstr(rt.answer, "decision=\"rejected\""));
    rt_free();
}
END_TEST

/* The organization applies the answer (nobody else may); its own export is the same. */
START_TEST(test_application_xml_answer_applied)
{
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_application a = SC_APPLICATION_INIT;
    char *answer2 = NULL;
    rt_answered();
    ck_assert_int_eq(sc_xml_import_memory(&res, af.db, af.haidian, rt.answer, rt.answer_len,
                                          "answer.xml", NULL, NULL), SC_EDENIED);
    ck_assert_int_eq(sc_xml_import_memory(&res, af.db, af.org2, rt.answer, rt.answer_len,
                                          "answer.xml", NULL, NULL), SC_EDENIED);
    ck_ok(sc_xml_import_memory(&res, af.db, af.org, rt.answer, rt.answer_len, "answer.xml", NULL,
                               NULL));
    ck_assert_uint_eq(res.records, 3);
    ck_ok(sc_application_get(&a, af.db, rt.ids[0]));
    ck_assert_int_eq(a.state, SC_APPLICATION_CONFIRMED);
    ck_assert_str_eq(a.confirmed, "2024-03-20");
    ck_assert_str_eq(a.confirmed_by, "district:110108");
    ck_assert_str_eq(a.batch_id, "HD-2024-03-001");
    ck_ok(sc_application_get(&a, af.db, rt.ids[2]));
    ck_assert_int_eq(a.state, SC_APPLICATION_REJECTED);
    ck_assert_int_eq(a.ended_at, SC_APPLICATION_VERIFIED);
    ck_assert_str_eq(a.reason, "工作年限证明不实");
    ck_ok(sc_application_confirmation_export_memory(&answer2, NULL, af.db, af.ann, "HD-ANS-001",
                                                    "HD-2024-03-001"));
    same_doc(rt.answer, answer2);
    sc_free(answer2);
    rt_free();
}
END_TEST

/* The same decisions under another batch id: accepted, unchanged. */
START_TEST(test_application_xml_answer_other_batch_id)
{
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_application a = SC_APPLICATION_INIT;
    char *again, *p;
    rt_applied();
    again = strdup(rt.answer);
    p = strstr(again, "HD-ANS-001");
    memcpy(p, "HD-ANS-002", 10);
    ck_ok(sc_xml_import_memory(&res, af.db, af.org, again, strlen(again), "again.xml", NULL,
                               NULL));
    ck_assert_int_eq(res.already_imported, 0);
    free(again);
    ck_ok(sc_application_get(&a, af.db, rt.ids[0]));
    ck_assert_str_eq(a.confirmed, "2024-03-20");
    rt_free();
}
END_TEST

/* Completed since (its candidate passed, sc_result_record()): still confirmed in
 * the answer, and the same answer is still accepted, changing nothing. */
START_TEST(test_application_xml_answer_after_completion)
{
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_application a = SC_APPLICATION_INIT;
    char sql[128], *again, *p, *third = NULL;
    rt_applied();
    again = strdup(rt.answer);
    p = strstr(again, "HD-ANS-001");
    snprintf(sql, sizeof sql, "UPDATE application SET state = 6, ended = '2024-05-01', "
             "ended_at = 3 WHERE id = %lld", (long long)rt.ids[0]);
    ck_assert_int_eq(sqlite3_exec(af.db->conn, sql, NULL, NULL, NULL), SQLITE_OK);
    ck_ok(sc_application_confirmation_export_memory(&third, NULL, af.db, af.ann,
                                                    "HD-ANS-001", "HD-2024-03-001"));
    same_doc(rt.answer, third);
    sc_free(third);
    memcpy(p, "HD-ANS-003", 10);
    ck_ok(sc_xml_import_memory(&res, af.db, af.org, again, strlen(again), "again.xml", NULL,
                               NULL));
    free(again);
    ck_ok(sc_application_get(&a, af.db, rt.ids[0]));
    ck_assert_int_eq(a.state, SC_APPLICATION_COMPLETED);
    rt_free();
}
END_TEST

/* The same documents as files; a directory that does not exist is an I/O error. */
START_TEST(test_application_xml_files)
{
    char *path = t_tmpfile(".xml");
    char *back = NULL;
    FILE *fp;
    long sz;
    int type = 0;
    rt_applied();
    ck_ok(sc_application_confirmation_export_file(af.db, af.ann, "HD-ANS-001",
                                                  "HD-2024-03-001", path));
    fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    sz = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    back = calloc(1, (size_t)sz + 1);
    ck_assert_uint_eq(fread(back, 1, (size_t)sz, fp), (size_t)sz);
    fclose(fp);
    same_doc(back, rt.answer);
    free(back);
    ck_ok(sc_application_batch_export_file(rt.district, af.ann, "HD-2024-03-002", path));
    ck_ok(sc_xml_validate_file(&type, NULL, path, NULL));
    ck_assert_int_eq(sc_application_batch_export_file(af.db, af.ann, "b",
                                                      "/nonexistent/dir/x.xml"), SC_EIO);
    remove(path);
    free(path);
    rt_free();
}
END_TEST

/* A bad batch id, an unknown announcement, no output. */
START_TEST(test_application_xml_export_refusals)
{
    char *batch2 = NULL;
    int64_t ids[3];
    make_verified(ids);
    ck_assert_int_eq(sc_application_batch_export_memory(&batch2, NULL, af.db, af.ann, "bad id"),
                     SC_EINVAL);
    ck_assert_ptr_null(batch2);
    ck_assert_int_eq(sc_application_batch_export_memory(&batch2, NULL, af.db, 999, "b1"),
                     SC_ENOTFOUND);
    ck_assert_int_eq(sc_application_batch_export_memory(NULL, NULL, af.db, af.ann, "b1"),
                     SC_EINVAL);
}
END_TEST

static const char BATCH_HEAD[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/* A candidate batch of AF_ORG's "2024-01" with the applications given: issued by the
 * organization named, addressed to 海淀区 (AF_ORG's district). */
static char *batch_doc(const char *ns, const char *district, const char *code, const char *ann,
                       const char *body)
{
    char *doc = malloc(8192);
    snprintf(doc, 8192,
             "%s<candidate-batch xmlns=\"%s\" version=\"1\" batch=\"T-1\" issuer=\"org:%s\" "
             "addressee=\"district:110108\" credit-code=\"%s\" district=\"%s\" "
             "announcement=\"%s\">\n%s</candidate-batch>\n",
             BATCH_HEAD, ns, code, code, district, ann, body);
    return doc;
}

/* Import `doc` as `actor`: expect `code`, the error at `line` on `field`, and no change. */
static void hostile(const char *doc, const sc_actor *actor, int code, int line,
                    const char *field)
{
    char *before = t_dump(af.db), *after;
    sc_report *rep = NULL;
    int rc;
    ck_ok(sc_report_new(&rep));
    rc = sc_xml_import_memory(NULL, af.db, actor, doc, strlen(doc), "hostile.xml", NULL, rep);
    ck_assert_msg(rc == code, "%d (%s), wanted %d", rc, sc_error_last()->message, code);
    if (line)
        ck_assert_msg(sc_error_last()->line == line, "line %d, wanted %d: %s",
                      sc_error_last()->line, line, sc_error_last()->message);
    if (field)
        ck_assert_msg(strcmp(sc_error_last()->field, field) == 0, "field '%s', wanted '%s': %s",
                      sc_error_last()->field, field, sc_error_last()->message);
    ck_assert_uint_gt(sc_report_count(rep), 0);
    after = t_dump(af.db);
    ck_assert_msg(strcmp(before, after) == 0, "a refused import changed the registry");
    sc_report_free(rep);
    free(before);
    free(after);
}

/* The hostile candidate batches and confirmations, one behaviour each. */
static const char *const BATCH_NS = "urn:skillcert:candidate-batch:1";

/* Candidate n's resident ID with its check character spoiled. */
static void bad_id(char out[19], int n)
{
    af_id(out, n);
    out[17] = out[17] == '0' ? '1' : '0';
}

/* One level-5 application of id-number/name in a batch body, carrying the work
   record its claim (L5-a: a year's work) rests on, on one line. */
static void batch_line(char *body, size_t size, const char *id, const char *name)
{
    snprintf(body, size, "  <application id-number=\"%s\" name=\"%s\" "
             "occupation=\"4-02-07-10\" level=\"5\" path=\"normal\" applied=\"2024-03-05\" "
             "verified=\"2024-03-10\" eligibility=\"L5-a\"><records><work "
             "occupation=\"4-02-07-10\" from=\"2020-01-01\"/></records></application>\n",
             id, name);
}

/* batch_doc() of body in the namespace, from 110108 for AF_ORG's 2024-01, refused as
   `code` at (line, field). */
static void hostile_batch(const char *body, int code, int line, const char *field)
{
    char *doc = batch_doc(BATCH_NS, "110108", AF_ORG, "2024-01", body);
    hostile(doc, af.haidian, code, line, field);
    free(doc);
}

START_TEST(test_application_xml_hostile_namespace)
{
    char *doc = batch_doc("urn:skillcert:candidate-batch:2", "110108", AF_ORG, "2024-01", "");
    hostile(doc, af.haidian, SC_EINVALIDDOC, 0, NULL);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "namespace"));
    free(doc);
}
END_TEST

/* A bad check character: line 4, the second application's @id-number. */
START_TEST(test_application_xml_hostile_check_character)
{
    char id1[19], bad[19], one[1024], two[1024], body[2048];
    af_id(id1, 1);
    bad_id(bad, 2);
    batch_line(one, sizeof one, id1, "王五");
    batch_line(two, sizeof two, bad, "赵六");
    snprintf(body, sizeof body, "%s%s", one, two);
    hostile_batch(body, SC_EINVALIDDOC, 4, "candidate-batch/application[2]/@id-number");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "check character"));
}
END_TEST

/* Another district: denied, in the auth domain; so are the organization and the city. */
START_TEST(test_application_xml_hostile_not_addressee)
{
    char id1[19], body[1024], *doc;
    af_id(id1, 1);
    batch_line(body, sizeof body, id1, "王五");
    doc = batch_doc(BATCH_NS, "110108", AF_ORG, "2024-01", body);
    hostile(doc, af.xicheng, SC_EDENIED, 2, "candidate-batch/@addressee");
    ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "not its addressee"));
    hostile(doc, af.org, SC_EDENIED, 0, NULL);
    hostile(doc, af.city, SC_EDENIED, 0, NULL);
    free(doc);
}
END_TEST

/* An unknown organization or announcement; a district that is not the reader's own. */
START_TEST(test_application_xml_hostile_unknown_header)
{
    char id1[19], body[1024], *doc;
    af_id(id1, 1);
    batch_line(body, sizeof body, id1, "王五");
    doc = batch_doc(BATCH_NS, "110108", "91110105MA01CHY00K", "2024-01", body);
    hostile(doc, af.haidian, SC_EINVALIDDOC, 2, "candidate-batch/@credit-code");
    free(doc);
    doc = batch_doc(BATCH_NS, "110108", AF_ORG, "2099-01", body);
    hostile(doc, af.haidian, SC_EINVALIDDOC, 2, "candidate-batch/@announcement");
    free(doc);
    doc = batch_doc(BATCH_NS, "110102", AF_ORG, "2024-01", body);
    hostile(doc, af.haidian, SC_EINVALIDDOC, 2, "candidate-batch/@district");
    free(doc);
}
END_TEST

/* The same candidate twice in one document. */
START_TEST(test_application_xml_hostile_twice)
{
    hostile_batch("  <application id-number=\"11010519491231002X\" name=\"王五\" "
                  "occupation=\"4-02-07-10\" level=\"5\" path=\"normal\" applied=\"2024-03-05\" "
                  "verified=\"2024-03-10\" eligibility=\"L5-a\"><records><work "
                  "occupation=\"4-02-07-10\" from=\"2020-01-01\"/></records></application>\n"
                  "  <application id-number=\"11010519491231002X\" name=\"王五\" "
                  "occupation=\"4-02-07-10\" level=\"5\" path=\"normal\" applied=\"2024-03-06\" "
                  "verified=\"2024-03-10\" eligibility=\"L5-a\"/>\n",
                  SC_EINVALIDDOC, 4, "candidate-batch/application[2]/@id-number");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "twice"));
}
END_TEST

/* A level the announcement does not offer. */
START_TEST(test_application_xml_hostile_not_announced)
{
    hostile_batch("  <application id-number=\"11010519491231002X\" name=\"王五\" "
                  "occupation=\"4-04-05-05\" work-type=\"数据标注员\" level=\"5\" "
                  "path=\"normal\" applied=\"2024-03-05\" verified=\"2024-03-10\" "
                  "eligibility=\"L5-a\"/>\n",
                  SC_EINVALIDDOC, 3, "candidate-batch/application[1]/@level");
}
END_TEST

/* A special path below its level (exceptional at level 4). */
START_TEST(test_application_xml_hostile_special_path_level)
{
    hostile_batch("  <application id-number=\"11010519491231002X\" name=\"王五\" "
                  "occupation=\"4-02-07-10\" level=\"4\" path=\"exceptional\" "
                  "evidence=\"业绩\" applied=\"2024-03-05\" verified=\"2024-03-10\" "
                  "eligibility=\"exceptional\"/>\n",
                  SC_EINVALIDDOC, 3, "candidate-batch/application[1]/@path");
}
END_TEST

/* A special path without its evidence. */
START_TEST(test_application_xml_hostile_special_path_evidence)
{
    hostile_batch("  <application id-number=\"11010519491231002X\" name=\"王五\" "
                  "occupation=\"4-02-07-10\" level=\"3\" path=\"exceptional\" "
                  "applied=\"2024-03-05\" verified=\"2024-03-10\" "
                  "eligibility=\"exceptional\"/>\n",
                  SC_EINVALIDDOC, 3, "candidate-batch/application[1]/@evidence");
}
END_TEST

/* Applied outside the announcement's intake. */
START_TEST(test_application_xml_hostile_outside_intake)
{
    hostile_batch("  <application id-number=\"11010519491231002X\" name=\"王五\" "
                  "occupation=\"4-02-07-10\" level=\"5\" path=\"normal\" "
                  "applied=\"2024-02-01\" verified=\"2024-03-10\" eligibility=\"L5-a\"/>\n",
                  SC_EINVALIDDOC, 3, "candidate-batch/application[1]/@applied");
}
END_TEST

/* A schema error (level 9). */
START_TEST(test_application_xml_hostile_schema)
{
    hostile_batch("  <application id-number=\"11010519491231002X\" name=\"王五\" "
                  "occupation=\"4-02-07-10\" level=\"9\" path=\"normal\" "
                  "applied=\"2024-03-05\" verified=\"2024-03-10\" eligibility=\"L5-a\"/>\n",
                  SC_EINVALIDDOC, 3, NULL);
}
END_TEST

/* A bad record: work ending before it starts. */
START_TEST(test_application_xml_hostile_bad_record)
{
    hostile_batch("  <application id-number=\"11010519491231002X\" name=\"王五\" "
                  "occupation=\"4-02-07-10\" level=\"5\" path=\"normal\" "
                  "applied=\"2024-03-05\" verified=\"2024-03-10\" eligibility=\"L5-a\">\n"
                  "    <records>\n"
                  "      <work occupation=\"4-02-07-10\" from=\"2020-01-01\" to=\"2019-01-01\"/>\n"
                  "    </records>\n"
                  "  </application>\n",
                  SC_EINVALIDDOC, 5, NULL);
}
END_TEST

/* An open application elsewhere blocks the batch's. */
START_TEST(test_application_xml_hostile_open_elsewhere)
{
    sc_actor *self;
    af_candidate(CAND_A, "张三", "2015-01-01");
    self = cand_actor(CAND_A);
    ck_ok(sc_application_apply(NULL, af.db, self, af.ann2, CAND_A, AF_OCC, NULL, 5,
                               SC_PATH_NORMAL, NULL, "2024-03-05"));
    sc_actor_free(self);
    hostile_batch("  <application id-number=\"11010519491231002X\" name=\"张三\" "
                  "occupation=\"4-02-07-10\" level=\"5\" path=\"normal\" "
                  "applied=\"2024-03-05\" verified=\"2024-03-10\" eligibility=\"L5-a\"/>\n",
                  SC_EINVALIDDOC, 3, "candidate-batch/application[1]/@id-number");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, AF_ORG2));
}
END_TEST

/* A DOCTYPE is refused before anything is read. */
START_TEST(test_application_xml_hostile_doctype)
{
    char doc[512];
    snprintf(doc, sizeof doc, "%s<!DOCTYPE candidate-batch [<!ENTITY x \"y\">]>\n"
             "<candidate-batch xmlns=\"%s\"/>", BATCH_HEAD, BATCH_NS);
    hostile(doc, af.haidian, SC_EXML, 0, NULL);
}
END_TEST

/* ---- hostile confirmation documents ---- */

static const char CONFIRM_NS[] = "urn:skillcert:confirmation:1";

/* A confirmation document (namespace ns, from district for org code) of body. */
static void answer(char *text, size_t size, const char *ns, const char *district,
                   const char *code, const char *body)
{
    snprintf(text, size,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<confirmation xmlns=\"%s\" version=\"1\" batch=\"A-1\" issuer=\"district:110108\" "
             "addressee=\"org:%s\" district=\"%s\" credit-code=\"%s\" "
             "announcement=\"2024-01\">\n%s</confirmation>\n", ns, code, district, code, body);
}

/* One answer line for id-number at level: decision and date (and a reason). */
static void answer_line(char *item, size_t size, const char *id, int level,
                        const char *decision, const char *reason, const char *date)
{
    snprintf(item, size, "  <application id-number=\"%s\" occupation=\"4-02-07-10\" "
             "level=\"%d\" decision=\"%s\"%s%s%s date=\"%s\"/>\n", id, level, decision,
             reason ? " reason=\"" : "", reason ? reason : "", reason ? "\"" : "", date);
}

/* Candidate B's level-4 application, verified on 2024-03-10 when `verify`. */
static int64_t confirm_applicant(int verify)
{
    int64_t id;
    af_candidate(CAND_B, "李四", "2015-01-01");
    id = apply_self(CAND_B, AF_OCC, NULL, 4, SC_PATH_NORMAL, NULL, "2024-03-05");
    if (verify)
        ck_ok(sc_application_verify(NULL, af.db, af.org, id, "2024-03-10"));
    return id;
}

/* The good answer for candidate B's application from 110108. */
static void good_answer(char *text, size_t size)
{
    char item[1024];
    answer_line(item, sizeof item, CAND_B, 4, "confirmed", NULL, "2024-03-20");
    answer(text, size, CONFIRM_NS, "110108", AF_ORG, item);
}

START_TEST(test_application_xml_confirm_not_verified)
{
    char text[4096];
    confirm_applicant(0);
    good_answer(text, sizeof text);
    hostile(text, af.org, SC_EINVALIDDOC, 3, "confirmation/application[1]/@decision");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "submitted"));
}
END_TEST

/* Another organization, or a district, reads it: denied. */
START_TEST(test_application_xml_confirm_not_addressee)
{
    char text[4096];
    confirm_applicant(1);
    good_answer(text, sizeof text);
    hostile(text, af.org2, SC_EDENIED, 2, "confirmation/@addressee");
    hostile(text, af.haidian, SC_EDENIED, 2, NULL);
}
END_TEST

START_TEST(test_application_xml_confirm_namespace)
{
    char text[4096], item[1024];
    confirm_applicant(1);
    answer_line(item, sizeof item, CAND_B, 4, "confirmed", NULL, "2024-03-20");
    answer(text, sizeof text, "urn:skillcert:confirm:1", "110108", AF_ORG, item);
    hostile(text, af.org, SC_EINVALIDDOC, 0, NULL);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "namespace"));
}
END_TEST

START_TEST(test_application_xml_confirm_wrong_district)
{
    char text[4096], item[1024];
    confirm_applicant(1);
    answer_line(item, sizeof item, CAND_B, 4, "confirmed", NULL, "2024-03-20");
    answer(text, sizeof text, CONFIRM_NS, "110102", AF_ORG, item);
    hostile(text, af.org, SC_EINVALIDDOC, 2, "confirmation/@district");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "own district"));
}
END_TEST

/* Issued by another district: its act (报名确认) is not that district's to do. */
START_TEST(test_application_xml_confirm_other_issuer)
{
    char text[4096], *other;
    confirm_applicant(1);
    good_answer(text, sizeof text);
    other = t_edit(text, "issuer=", "110108", "110102");
    hostile(other, af.org, SC_EDENIED, 2, "confirmation/@issuer");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "issuer may not"));
    free(other);
}
END_TEST

START_TEST(test_application_xml_confirm_rejection_without_reason)
{
    char text[4096], item[1024];
    confirm_applicant(1);
    answer_line(item, sizeof item, CAND_B, 4, "rejected", NULL, "2024-03-20");
    answer(text, sizeof text, CONFIRM_NS, "110108", AF_ORG, item);
    hostile(text, af.org, SC_EINVALIDDOC, 3, "confirmation/application[1]/@reason");
}
END_TEST

/* An application that does not exist; a bad check character. */
START_TEST(test_application_xml_confirm_unknown_application)
{
    char text[4096], item[1024], bad[19];
    confirm_applicant(1);
    answer_line(item, sizeof item, CAND_B, 3, "confirmed", NULL, "2024-03-20");
    answer(text, sizeof text, CONFIRM_NS, "110108", AF_ORG, item);
    hostile(text, af.org, SC_EINVALIDDOC, 3, "confirmation/application[1]/@id-number");
    bad_id(bad, 2);
    answer_line(item, sizeof item, bad, 4, "confirmed", NULL, "2024-03-20");
    answer(text, sizeof text, CONFIRM_NS, "110108", AF_ORG, item);
    hostile(text, af.org, SC_EINVALIDDOC, 3, "confirmation/application[1]/@id-number");
}
END_TEST

START_TEST(test_application_xml_confirm_twice)
{
    char text[4096], one[1024], two[1024], body[2048];
    confirm_applicant(1);
    answer_line(one, sizeof one, CAND_B, 4, "confirmed", NULL, "2024-03-20");
    answer_line(two, sizeof two, CAND_B, 4, "rejected", "x", "2024-03-20");
    snprintf(body, sizeof body, "%s%s", one, two);
    answer(text, sizeof text, CONFIRM_NS, "110108", AF_ORG, body);
    hostile(text, af.org, SC_EINVALIDDOC, 4, "confirmation/application[2]/@id-number");
}
END_TEST

START_TEST(test_application_xml_confirm_before_verification)
{
    char text[4096], item[1024];
    confirm_applicant(1);
    answer_line(item, sizeof item, CAND_B, 4, "confirmed", NULL, "2024-03-09");
    answer(text, sizeof text, CONFIRM_NS, "110108", AF_ORG, item);
    hostile(text, af.org, SC_EINVALIDDOC, 3, "confirmation/application[1]/@date");
}
END_TEST

/* And the good one applies. */
START_TEST(test_application_xml_confirm_good)
{
    char text[4096];
    int64_t id = confirm_applicant(1);
    good_answer(text, sizeof text);
    ck_ok(sc_xml_import_memory(NULL, af.db, af.org, text, strlen(text), "a.xml", NULL, NULL));
    ck_assert_int_eq(state_of(id), SC_APPLICATION_CONFIRMED);
}
END_TEST

/* ---- allocation failures ------------------------------------------------------------------ */

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

/* The loop for a changing call: each failure is SC_ENOMEM and changes nothing. */
#define ENOMEM_CHANGE_LOOP(call)                                                         \
    do {                                                                                 \
        long n_;                                                                         \
        for (n_ = 0; n_ < 5000; n_++) {                                                  \
            char *before_ = t_dump(af.db), *after_;                                      \
            int rc_;                                                                     \
            sc__mem_fail_after(n_);                                                      \
            rc_ = (call);                                                                \
            sc__mem_fail_after(-1);                                                      \
            if (rc_ == SC_OK) {                                                          \
                free(before_);                                                           \
                break;                                                                   \
            }                                                                            \
            ck_assert_msg(rc_ == SC_ENOMEM, "%s: %d at %ld: %s", #call, rc_, n_,         \
                          sc_error_last()->message);                                     \
            after_ = t_dump(af.db);                                                      \
            ck_assert_msg(strcmp(before_, after_) == 0, "%s at %ld changed the registry", \
                          #call, n_);                                                    \
            free(before_);                                                               \
            free(after_);                                                                \
        }                                                                                \
        ck_assert_int_lt(n_, 5000);                                                      \
    } while (0)

static void free_str(char *p)
{
    sc_free(p);
}

START_TEST(test_application_enomem)
{
    sc_application_iter *ai;
    sc_announcement_iter *ni;
    sc_offerings *s;
    sc_candidate *c;
    char *x;
    int64_t ids[3];
    char *batch = NULL;
    sc_db *district = t_clone_db(af.db);

    ENOMEM_LOOP(sc_application_iter_new(&ai, af.db, NULL), ai, sc_application_iter_free);
    ENOMEM_LOOP(sc_announcement_iter_new(&ni, af.db, NULL), ni,
                sc_announcement_iter_free);
    ENOMEM_LOOP(sc_announcement_offerings_get(&s, af.db, af.ann), s, sc_offerings_free);
    c = af_record(CAND_B, "李四", "2015-01-01");
    ENOMEM_CHANGE_LOOP(sc_application_apply_for(NULL, af.db, af.org, af.ann, c, AF_OCC, NULL, 5,
                                                SC_PATH_NORMAL, NULL, "2024-03-05"));
    sc_candidate_free(c);
    af_candidate(CAND_A, "张三", "2015-01-01");
    ids[0] = apply_self(CAND_A, AF_OCC, NULL, 4, SC_PATH_NORMAL, NULL, "2024-03-05");
    ENOMEM_CHANGE_LOOP(sc_application_verify(NULL, af.db, af.org, ids[0], "2024-03-10"));
    ck_assert_int_eq(state_of(ids[0]), SC_APPLICATION_VERIFIED);
    ENOMEM_LOOP(sc_application_batch_export_memory(&x, NULL, af.db, af.ann, "b1"), x, free_str);
    ENOMEM_LOOP(sc_application_confirmation_export_memory(&x, NULL, af.db, af.ann, "b1", NULL),
                x, free_str);
    /* An import into the district's registry, with records. */
    sc_db_close(district);
    district = t_clone_db(af.db);
    ck_ok(sc_application_batch_export_memory(&batch, NULL, af.db, af.ann, "HD-1"));
    {
        sc_db *save = af.db;
        af.db = district;
        exec_sql(district, "DELETE FROM application");
        ENOMEM_CHANGE_LOOP(sc_xml_import_memory(NULL, district, af.haidian, batch, strlen(batch),
                                                "b.xml", NULL, NULL));
        ck_assert_int_eq(t_count(district, "SELECT count(*) FROM application"), 1);
        af.db = save;
    }
    sc_free(batch);
    sc_db_close(district);
}
END_TEST

START_TEST(test_application_schemas)
{
    const char *b = sc_doctype_schema(SC_DOC_CANDIDATE_BATCH);
    const char *c = sc_doctype_schema(SC_DOC_CONFIRMATION);
    ck_assert_str_eq(sc_doctype_name(SC_DOC_CANDIDATE_BATCH), "candidate-batch");
    ck_assert_str_eq(sc_doctype_name(SC_DOC_CONFIRMATION), "confirmation");
    ck_assert_int_eq(sc_doctype_from_name("candidate-batch"), SC_DOC_CANDIDATE_BATCH);
    ck_assert_str_eq(sc_doctype_namespace(SC_DOC_CANDIDATE_BATCH),
                     "urn:skillcert:candidate-batch:1");
    ck_assert_str_eq(sc_doctype_namespace(SC_DOC_CONFIRMATION), "urn:skillcert:confirmation:1");
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(c);
    /* Identifiers carry their patterns, enumerations their values, and docs. */
    ck_assert_ptr_nonnull(strstr(b, "[0-9]{17}[0-9X]"));
    ck_assert_ptr_nonnull(strstr(c, "[0-9]{17}[0-9X]"));
    ck_assert_ptr_nonnull(strstr(b, "[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}"));
    ck_assert_ptr_nonnull(strstr(b, "[1-8][\\-–—][0-9]{2}"));
    ck_assert_ptr_nonnull(strstr(b, "<xs:enumeration value=\"exceptional\">"));
    ck_assert_ptr_nonnull(strstr(c, "<xs:enumeration value=\"rejected\">"));
    ck_assert_ptr_nonnull(strstr(b, "<xs:annotation>"));
    ck_assert_ptr_nonnull(strstr(c, "<xs:annotation>"));
    ck_assert_ptr_null(strstr(b, "<xs:unique"));
    ck_assert_ptr_null(strstr(b, "<xs:key"));
    ck_assert_ptr_null(strstr(c, "<xs:unique"));
    ck_assert_ptr_null(strstr(c, "<xs:key"));
}
END_TEST

/* ---- a batch's claim with no record behind it (issue 11) ---------------------------------- */

/* A batch of CAND_B's level-5 application, verified as L5-a (a year's work), carrying
 * `records` (NULL: none). */
static char *claim_doc(const char *records)
{
    char body[1024];
    snprintf(body, sizeof body, "  <application id-number=\"" CAND_B "\" name=\"李四\" "
             "occupation=\"4-02-07-10\" level=\"5\" path=\"normal\" applied=\"2024-03-05\" "
             "verified=\"2024-03-10\" eligibility=\"L5-a\"%s%s%s\n",
             records ? ">\n    <records>" : "/>", records ? records : "",
             records ? "</records>\n  </application>" : "");
    return batch_doc(BATCH_NS, "110108", AF_ORG, "2024-01", body);
}

/* doc is refused on district at @eligibility, nothing kept, the message saying `words`. */
static void claim_refused(sc_db *district, const char *doc, const char *words)
{
    sc_report *rep = NULL;
    ck_ok(sc_report_new(&rep));
    t_refused_import(district, af.haidian, doc, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_msg(strstr(sc_error_last()->field, "@eligibility") != NULL, "field %s: %s",
                  sc_error_last()->field, sc_error_last()->message);
    ck_assert_msg(strstr(sc_error_last()->message, words) != NULL, "%s",
                  sc_error_last()->message);
    sc_report_free(rep);
}

/* The receiving registry's application of CAND_B, 0 when none. */
static int64_t claim_app(sc_db *district)
{
    return t_count(district, "SELECT coalesce(max(p.id), 0) FROM application p JOIN candidate c ON "
                             "c.id = p.candidate_id WHERE c.id_number = '" CAND_B "'");
}

/* No record carried, none held: refused, whatever the claim; an empty <records> is
 * decided on, and a year's work is not there. */
START_TEST(test_application_batch_claim_no_record)
{
    sc_db *district = t_clone_db(af.db);
    char *doc = claim_doc(NULL);
    claim_refused(district, doc, "holds no record of the person");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "a claim with no record never "
                                                           "passes"));
    free(doc);
    doc = claim_doc("");
    claim_refused(district, doc, "the record decides otherwise");
    free(doc);
    ck_assert_int_eq(claim_app(district), 0);
    sc_db_close(district);
}
END_TEST

/* The record carried: a claim it does not support is refused, one it does accepted. */
START_TEST(test_application_batch_claim_carried)
{
    sc_db *district = t_clone_db(af.db);
    char *doc = claim_doc("<work occupation=\"4-02-07-10\" from=\"2023-09-01\"/>");
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    sc_application a = SC_APPLICATION_INIT;
    claim_refused(district, doc, "the record decides otherwise");
    free(doc);
    doc = claim_doc("<work occupation=\"4-02-07-10\" from=\"2022-09-01\"/>");
    ck_ok(sc_xml_import_memory(&res, district, af.haidian, doc, strlen(doc), "batch.xml", NULL,
                               NULL));
    ck_assert_uint_eq(res.records, 1);
    ck_ok(sc_application_get(&a, district, claim_app(district)));
    ck_assert_int_eq(a.state, SC_APPLICATION_VERIFIED);
    ck_assert_str_eq(a.eligibility, "L5-a");
    free(doc);
    sc_db_close(district);
}
END_TEST

/* No record carried, but the receiving registry holds one: decided on it. */
START_TEST(test_application_batch_claim_held)
{
    sc_db *district = t_clone_db(af.db), *other = t_clone_db(af.db);
    sc_actor *self = cand_actor(CAND_B);
    sc_candidate *c = af_record(CAND_B, "李四", "2023-09-01");
    char *doc = claim_doc(NULL);
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    ck_ok(sc_candidate_save(district, self, c)); /* half a year's work */
    sc_candidate_free(c);
    claim_refused(district, doc, "the record decides otherwise");
    c = af_record(CAND_B, "李四", "2015-01-01");
    ck_ok(sc_candidate_save(other, self, c));
    sc_candidate_free(c);
    ck_ok(sc_xml_import_memory(&res, other, af.haidian, doc, strlen(doc), "batch.xml", NULL,
                               NULL));
    ck_assert_uint_eq(res.records, 1);
    ck_assert_int_gt(claim_app(other), 0);
    free(doc);
    sc_actor_free(self);
    sc_db_close(other);
    sc_db_close(district);
}
END_TEST

/* The district's confirmation decides the claim again on the record it holds: an
 * application whose record no longer supports its claim (one recorded before the
 * import decided claims) is refused by sc_application_confirm and _batch alike, the
 * registry unchanged; once the record supports it, confirmed. */
START_TEST(test_application_confirm_claim_decided_again)
{
    sc_db *district = t_clone_db(af.db);
    char *doc = claim_doc("<work occupation=\"4-02-07-10\" from=\"2022-09-01\"/>"), *before;
    char msg[1024];
    sc_actor *self = cand_actor(CAND_B);
    sc_candidate *c;
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    int64_t id;
    ck_ok(sc_xml_import_memory(&res, district, af.haidian, doc, strlen(doc), "batch.xml", NULL,
                               NULL));
    id = claim_app(district);
    exec_sql(district, "DELETE FROM candidate_work");
    before = t_dump(district);
    refused_on(district, before, sc_application_confirm(district, af.haidian, id, "2024-03-20"),
               SC_ECONSTRAINT, msg, sizeof msg);
    ck_assert_msg(strstr(msg, "verified as meeting 'L5-a'") != NULL, "%s", msg);
    ck_assert_msg(strstr(msg, "the record decides otherwise") != NULL, "%s", msg);
    ck_assert_str_eq(sc_error_last()->field, "eligibility");
    refused_on(district, before,
               sc_application_confirm_batch(district, af.haidian, &id, 1, "2024-03-20"),
               SC_ECONSTRAINT, msg, sizeof msg);
    ck_assert_msg(strstr(msg, "the record decides otherwise") != NULL, "%s", msg);
    free(before);
    c = af_record(CAND_B, "李四", "2015-01-01");
    ck_ok(sc_candidate_save(district, self, c));
    sc_candidate_free(c);
    ck_ok(sc_application_confirm(district, af.haidian, id, "2024-03-20"));
    ck_assert_int_eq(t_count(district, "SELECT count(*) FROM application WHERE state = 3"), 1);
    free(doc);
    sc_actor_free(self);
    sc_db_close(district);
}
END_TEST

Suite *sc_application_suite(void)
{
    Suite *s = suite_create("application");
    TCase *tc = tcase_create("names");
    tcase_add_test(tc, test_application_names);
    tcase_add_test(tc, test_application_free_null);
    tcase_add_test(tc, test_application_schemas);
    suite_add_tcase(s, tc);

    tc = tcase_create("workflow");
    tcase_add_checked_fixture(tc, af_setup, af_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_application_announce_denied);
    tcase_add_test(tc, test_application_announce_out_of_scope);
    tcase_add_test(tc, test_application_announce_refusals);
    tcase_add_test(tc, test_application_announce_publish);
    tcase_add_test(tc, test_application_announce_listing);
    tcase_add_test(tc, test_application_announcement_query);
    tcase_add_test(tc, test_application_announce_close);
    tcase_add_test(tc, test_application_flow_apply);
    tcase_add_test(tc, test_application_flow_verify);
    tcase_add_test(tc, test_application_flow_confirm);
    tcase_add_test(tc, test_application_flow_one_open);
    tcase_add_test(tc, test_application_flow_withdraw);
    tcase_add_test(tc, test_application_migration_completed);
    tcase_add_test(tc, test_application_refusals_who);
    tcase_add_test(tc, test_application_refusals_no_open_announcement);
    tcase_add_test(tc, test_application_refusals_filing_expired);
    tcase_add_test(tc, test_application_refusals_not_announced);
    tcase_add_test(tc, test_application_refusals_no_record);
    tcase_add_test(tc, test_application_refusals_malformed);
    tcase_add_test(tc, test_application_refusals_exceptional);
    tcase_add_test(tc, test_application_refusals_direct);
    tcase_add_test(tc, test_application_reject_submitted);
    tcase_add_test(tc, test_application_reject_verified);
    tcase_add_test(tc, test_application_withdraw_for);
    tcase_add_test(tc, test_application_verify_needs_standing);
    tcase_add_test(tc, test_application_special_paths);
    tcase_add_test(tc, test_application_not_eligible);
    tcase_add_test(tc, test_application_apply_for);
    tcase_add_test(tc, test_application_apply_for_adds_only);
    tcase_add_test(tc, test_application_candidate_save_audited);
    tcase_add_test(tc, test_application_verify_batch_refusals);
    tcase_add_test(tc, test_application_verify_batch);
    tcase_add_test(tc, test_application_confirm_batch);
    tcase_add_test(tc, test_application_query);
    tcase_add_test(tc, test_application_enomem);
    suite_add_tcase(s, tc);

    tc = tcase_create("exchange");
    tcase_add_checked_fixture(tc, af_setup, af_teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_application_xml_batch_export);
    tcase_add_test(tc, test_application_xml_batch_import);
    tcase_add_test(tc, test_application_xml_batch_again);
    tcase_add_test(tc, test_application_xml_answer_export);
    tcase_add_test(tc, test_application_xml_answer_applied);
    tcase_add_test(tc, test_application_xml_answer_other_batch_id);
    tcase_add_test(tc, test_application_xml_answer_after_completion);
    tcase_add_test(tc, test_application_xml_files);
    tcase_add_test(tc, test_application_xml_export_refusals);
    tcase_add_test(tc, test_application_issuer_org_confirms_own);
    tcase_add_test(tc, test_application_xml_hostile_namespace);
    tcase_add_test(tc, test_application_xml_hostile_check_character);
    tcase_add_test(tc, test_application_xml_hostile_not_addressee);
    tcase_add_test(tc, test_application_xml_hostile_unknown_header);
    tcase_add_test(tc, test_application_xml_hostile_twice);
    tcase_add_test(tc, test_application_xml_hostile_not_announced);
    tcase_add_test(tc, test_application_xml_hostile_special_path_level);
    tcase_add_test(tc, test_application_xml_hostile_special_path_evidence);
    tcase_add_test(tc, test_application_xml_hostile_outside_intake);
    tcase_add_test(tc, test_application_xml_hostile_schema);
    tcase_add_test(tc, test_application_xml_hostile_bad_record);
    tcase_add_test(tc, test_application_xml_hostile_open_elsewhere);
    tcase_add_test(tc, test_application_xml_hostile_doctype);
    tcase_add_test(tc, test_application_xml_confirm_not_verified);
    tcase_add_test(tc, test_application_xml_confirm_not_addressee);
    tcase_add_test(tc, test_application_xml_confirm_namespace);
    tcase_add_test(tc, test_application_xml_confirm_wrong_district);
    tcase_add_test(tc, test_application_xml_confirm_other_issuer);
    tcase_add_test(tc, test_application_xml_confirm_rejection_without_reason);
    tcase_add_test(tc, test_application_xml_confirm_unknown_application);
    tcase_add_test(tc, test_application_xml_confirm_twice);
    tcase_add_test(tc, test_application_xml_confirm_before_verification);
    tcase_add_test(tc, test_application_xml_confirm_good);
    tcase_add_test(tc, test_application_doors_answer);
    tcase_add_test(tc, test_application_doors_apply);
    tcase_add_test(tc, test_application_doors_verify);
    tcase_add_test(tc, test_application_doors_record);
    tcase_add_test(tc, test_application_batch_claim_decided_again);
    tcase_add_test(tc, test_application_batch_claim_no_record);
    tcase_add_test(tc, test_application_batch_claim_carried);
    tcase_add_test(tc, test_application_batch_claim_held);
    tcase_add_test(tc, test_application_confirm_claim_decided_again);
    suite_add_tcase(s, tc);
    return s;
}

/* Too slow for `make check` (100,000 rows): run by `make check-slow`, built always. */
TCase *sc_application_slow_tcase(void)
{
    TCase *tc = tcase_create("bulk");
    tcase_add_checked_fixture(tc, af_setup, af_teardown);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_application_confirm_batch_100000);
    return tc;
}
