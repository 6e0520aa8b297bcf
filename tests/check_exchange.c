/* Exchange documents of issue #6: certificate batch, acknowledgement, revocations.
 * Each: export -> validate -> import into another registry -> export again gives the
 * same document; and every type refuses a wrong namespace, a truncated file and a
 * business-rule violation (line and field path), leaving the registry unchanged. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "assess_fixture.h"
#include "store_int.h"

static sc_db *fresh;   /* the city's registry: the session's results reported, no certificate */
static sc_db *bare;    /* the city's registry without the results report */
static sc_report *rep;
static char certs[3][SC_CERT_NUMBER_SIZE];

/* FX_ORG's registry with three certificates issued on 2024-03-15; `fresh` a copy made
 * before them (the organizations filed, no certificate). */
static void setup(void)
{
    char id[19];
    int64_t s;
    int i;
    sc_export_options o;
    char *report = NULL;
    fx_setup();
    fresh = t_clone_db(fx.db);
    bare = t_clone_db(fx.db);
    ck_assert_int_eq(sc_report_new(&rep), SC_OK);
    fx_candidates(1, 3);
    s = fx_ready_session("2024-03-01", 1, 3);
    fx_pass(s, 1, 3, "2024-03-02");
    for (i = 0; i < 3; i++) {
        fx_id(id, i + 1);
        ck_ok(sc_certificate_report(certs[i], fx.db, fx.org, s, id, "2024-03-10"));
        ck_ok(sc_certificate_issue(fx.db, fx.org, certs[i], i == 1 ? NULL : "sha256:photo&1",
                                   "2024-03-15"));
    }
    /* The organization reported the session's results (报备) to the city. */
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.id = s;
    ck_ok(sc_xml_exchange_export_memory(&report, NULL, fx.db, SC_DOC_RESULTS_REPORT, &o));
    ck_ok(t_import(fresh, fx.centre, report, NULL, rep));
    sc_free(report);
}

static void teardown(void)
{
    sc_report_free(rep);
    sc_db_close(fresh);
    sc_db_close(bare);
    fresh = bare = NULL;
    fx_teardown();
}

static char *export_doc(sc_db *db, int doctype, const char *date)
{
    sc_export_options o;
    char *doc = NULL;
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.credit_code = FX_ORG;
    o.date = date;
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, db, doctype, &o));
    return doc;
}

static void validates(const char *doc, int doctype)
{
    int type = 0;
    sc_report_clear(rep);
    ck_ok(sc_xml_validate_memory(&type, rep, doc, strlen(doc), "x.xml", NULL));
    ck_assert_int_eq(type, doctype);
    ck_assert_uint_eq(sc_report_count(rep), 0);
}

/* Export from `from`, validate, import into `to` as `actor`, export again: the same. */
static void round_trip(sc_db *from, sc_db *to, const sc_actor *actor, int doctype,
                       const char *date, uint64_t records)
{
    char *a = export_doc(from, doctype, date), *b;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    validates(a, doctype);
    ck_ok(t_import(to, actor, a, &r, rep));
    ck_assert_int_eq(r.doctype, doctype);
    ck_assert_uint_eq(r.records, records);
    ck_assert_int_eq(r.already_imported, 0);
    b = export_doc(to, doctype, date);
    ck_assert_str_eq(a, b);
    ck_ok(t_import(to, actor, a, &r, rep)); /* a batch again: nothing changes */
    ck_assert_int_eq(r.already_imported, 1);
    sc_free(a);
    sc_free(b);
}

/* Wrong namespace, truncated, and a business-rule violation made by `edit`. */
static void refusals(sc_db *db, const sc_actor *actor, const char *doc, const char *ns,
                     const char *bad_doc, int line, const char *field)
{
    char *wrong = t_edit(doc, "xmlns=", ns, "urn:skillcert:other:1");
    char *cut = strdup(doc);
    ck_assert_ptr_nonnull(cut);
    cut[strlen(cut) * 2 / 3] = '\0';
    t_refused_import(db, actor, wrong, SC_EINVALIDDOC, 0, NULL, rep);
    t_refused_import(db, actor, cut, SC_EXML, 0, NULL, rep);
    t_refused_import(db, actor, bad_doc, SC_EINVALIDDOC, line, field, rep);
    free(wrong);
    free(cut);
}

/* ---- certificate batch ---------------------------------------------------------------- */

START_TEST(test_exchange_certificate_batch_round_trip)
{
    sc_certificate c = SC_CERTIFICATE_INIT;
    char *doc;
    round_trip(fx.db, fresh, fx.centre, SC_DOC_CERTIFICATE_BATCH, "2024-04-01", 3);
    /* The city's registry holds them published, with their content. */
    ck_ok(sc_certificate_get(&c, fresh, certs[0]));
    ck_assert_int_eq(c.status, SC_CERT_PUBLISHED);
    ck_assert_str_eq(c.published, "2024-04-01");
    ck_assert_str_eq(c.photo, "sha256:photo&1");
    ck_assert_str_eq(c.holder, "考生1");
    ck_assert_str_eq(c.org_name, "北京智训科技有限公司");
    /* A shared registry: the centre publishes the organization's issued certificates. */
    doc = export_doc(fx.db, SC_DOC_CERTIFICATE_BATCH, "2024-04-01");
    ck_ok(t_import(fx.db, fx.centre, doc, NULL, rep));
    ck_ok(sc_certificate_get(&c, fx.db, certs[2]));
    ck_assert_int_eq(c.status, SC_CERT_PUBLISHED);
    sc_free(doc);
    /* Numbers go on after the received ones in the city's registry. */
    ck_assert_int_eq(t_count(fresh, "SELECT max(next) FROM cert_counter"), 3);
}
END_TEST

START_TEST(test_exchange_certificate_batch_only_issued_by_the_day)
{
    char *doc = export_doc(fx.db, SC_DOC_CERTIFICATE_BATCH, "2024-03-14");
    ck_assert_ptr_null(strstr(doc, "<certificate "));
    validates(doc, SC_DOC_CERTIFICATE_BATCH);
    sc_free(doc);
}
END_TEST

START_TEST(test_exchange_certificate_batch_refusals)
{
    char *doc = export_doc(fx.db, SC_DOC_CERTIFICATE_BATCH, "2024-04-01");
    char *twice = t_edit(doc, "<certificate number=", certs[1], certs[0]);
    char *level, *date, *other;
    /* the same certificate twice: line 4, the second certificate's number */
    refusals(fresh, fx.centre, doc, "urn:skillcert:certificate-batch:1", twice, 4,
             "certificate-batch/certificate[2]/@number");
    /* the number's level digit is not the level */
    level = t_edit(doc, certs[2], "level=\"4\"", "level=\"3\"");
    t_refused_import(fresh, fx.centre, level, SC_EINVALIDDOC, 5,
            "certificate-batch/certificate[3]/@level", rep);
    /* issued after the batch was sent */
    date = t_edit(doc, certs[0], "issued=\"2024-03-15\"", "issued=\"2024-05-15\"");
    t_refused_import(fresh, fx.centre, date, SC_EINVALIDDOC, 3,
            "certificate-batch/certificate[1]/@issued", rep);
    /* another organization sends the same numbers (in a new batch): they are FX_ORG's */
    ck_ok(t_import(fresh, fx.centre, doc, NULL, rep));
    {
        char *o1 = t_edit(doc, "credit-code=", FX_ORG, FX_ORG2), *o2;
        /* still issued by FX_ORG: an organization issues only its own certificates */
        o2 = t_edit(o1, "batch=", "certificate-batch-", "certificate-batch-x");
        t_refused_import(fresh, fx.centre, o2, SC_EDENIED, 2, "certificate-batch/@issuer", rep);
        ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "issuer may not"));
        free(o2);
        o2 = t_edit(o1, "issuer=", FX_ORG, FX_ORG2);
        other = t_edit(o2, "batch=", "certificate-batch-", "certificate-batch-x");
        free(o1);
        free(o2);
    }
    t_refused_import(fresh, fx.centre, other, SC_EINVALIDDOC, 3,
            "certificate-batch/certificate[1]/@number", rep);
    /* only the city centre imports it */
    t_refused_import(fresh, fx.org, doc, SC_EDENIED, 0, NULL, rep);
    t_refused_import(fresh, fx.city, doc, SC_EDENIED, 0, NULL, rep);
    free(twice);
    free(level);
    free(date);
    free(other);
    sc_free(doc);
}
END_TEST

/* 谁评价谁负责谁发证: the city centre cannot record and publish a certificate for someone
 * who never sat; the registry must hold the organization's passed result. */
START_TEST(test_exchange_certificate_batch_refuses_never_sat)
{
    char *doc = export_doc(fx.db, SC_DOC_CERTIFICATE_BATCH, "2024-04-01");
    long before = t_count(bare, "SELECT count(*) FROM certificate"),
         sites = t_count(bare, "SELECT count(*) FROM cert_site");
    t_refused_import(bare, fx.centre, doc, SC_EINVALIDDOC, 3,
                     "certificate-batch/certificate[1]/@id-number", rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "results report"));
    ck_assert_int_eq(t_count(bare, "SELECT count(*) FROM certificate"), before);
    ck_assert_int_eq(t_count(bare, "SELECT count(*) FROM cert_site"), sites);
    sc_free(doc);
}
END_TEST

/* Issue 11: the registry records the organization's certificate site, given when it
 * was filed (before any certificate); a batch naming another site is refused with the
 * known sites listed, the registry unchanged. */
START_TEST(test_exchange_certificate_batch_unknown_site)
{
    char *doc = export_doc(fx.db, SC_DOC_CERTIFICATE_BATCH, "2024-04-01"), *o1, *other;
    char moved[SC_CERT_NUMBER_SIZE];
    int site = 0;
    ck_assert_int_eq(t_count(fresh, "SELECT count(*) FROM certificate"), 0);
    ck_ok(sc_certificate_site_get(&site, fresh, FX_ORG));
    ck_assert_int_eq(site, 1);
    ck_ok(sc_certificate_site_get(&site, fx.db, FX_ORG));
    ck_assert_int_eq(site, 1);
    ck_ok(t_import(fresh, fx.centre, doc, NULL, rep));
    ck_ok(sc_certificate_site_get(&site, fresh, FX_ORG));
    ck_assert_int_eq(site, 1);
    memcpy(moved, certs[0], sizeof moved);
    memcpy(moved + 7, "000002", 6);
    o1 = t_edit(doc, "<certificate number=", certs[0], moved);
    other = t_edit(o1, "batch=", "certificate-batch-", "certificate-batch-y");
    t_refused_import(fresh, fx.centre, other, SC_EINVALIDDOC, 3,
                     "certificate-batch/certificate[1]/@number", rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "known sites: 000001"));
    ck_assert_int_eq(sc_certificate_site_get(&site, fresh, NULL), SC_EINVAL);
    free(o1);
    free(other);
    sc_free(doc);
}
END_TEST

/* ---- one door: a document's acts are its issuer's (issue 11) ----------------------------- */

/* A direct call refused, the registry unchanged. */
#define DIRECT_DENIED(db, call)                                                                \
    do {                                                                                       \
        char *before_ = t_dump(db), *after_;                                                   \
        ck_assert_int_eq((call), SC_EDENIED);                                                  \
        after_ = t_dump(db);                                                                   \
        ck_assert_str_eq(before_, after_);                                                     \
        free(before_);                                                                         \
        free(after_);                                                                          \
    } while (0)

/* Former bypass: an organization marks its own certificate published (a certificate
 * acknowledgement is the city centre's). Refused directly and through an answer whose
 * declared issuer is the organization or its district; its registry unchanged. */
START_TEST(test_exchange_issuer_org_publishes_own)
{
    sc_db *org_side = t_clone_db(fx.db);
    sc_certificate c = SC_CERTIFICATE_INIT;
    char *doc, *forged;
    /* direct */
    DIRECT_DENIED(org_side, sc_certificate_publish(org_side, fx.org, certs[0], "2024-04-01"));
    /* the city centre's real answer */
    ck_ok(sc_certificate_publish(fx.db, fx.centre, certs[0], "2024-04-01"));
    doc = export_doc(fx.db, SC_DOC_CERTIFICATE_ACK, "2024-04-10");
    ck_assert_ptr_nonnull(strstr(doc, "issuer=\"city-centre\""));
    forged = t_edit(doc, "issuer=", "city-centre", "org:" FX_ORG);
    t_refused_import(org_side, fx.org, forged, SC_EDENIED, 0, NULL, rep);
    ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
    free(forged);
    forged = t_edit(doc, "issuer=", "city-centre", "district:110108");
    t_refused_import(org_side, fx.org, forged, SC_EDENIED, 0, NULL, rep);
    free(forged);
    ck_ok(sc_certificate_get(&c, org_side, certs[0]));
    ck_assert_int_eq(c.status, SC_CERT_ISSUED);
    /* the centre's own answer goes through */
    ck_ok(t_import(org_side, fx.org, doc, NULL, rep));
    ck_ok(sc_certificate_get(&c, org_side, certs[0]));
    ck_assert_int_eq(c.status, SC_CERT_PUBLISHED);
    sc_free(doc);
    sc_db_close(org_side);
}
END_TEST

/* Former bypass: the city centre creates and publishes a certificate for someone who
 * never sat (谁评价谁负责谁发证: issuing is the organization's). Refused directly
 * (reporting and issuing are the organization's), through a batch issued by the centre
 * itself, and through a batch naming the organization for a holder with no passed result
 * here; the city's registry unchanged. */
START_TEST(test_exchange_issuer_centre_issues_for_never_sat)
{
    char *doc = export_doc(fx.db, SC_DOC_CERTIFICATE_BATCH, "2024-04-01");
    char *forged, *stranger, id[19], num[SC_CERT_NUMBER_SIZE];
    int64_t s = t_count(fx.db, "SELECT max(id) FROM session");
    /* direct: the centre may neither report nor issue */
    fx_candidates(4, 4);
    fx_id(id, 4);
    DIRECT_DENIED(fx.db, sc_certificate_report(num, fx.db, fx.centre, s, id, "2024-03-10"));
    DIRECT_DENIED(fx.db, sc_certificate_issue(fx.db, fx.centre, certs[0], NULL, "2024-03-15"));
    /* import: a batch the centre declares it issued */
    ck_assert_ptr_nonnull(strstr(doc, "issuer=\"org:" FX_ORG "\""));
    forged = t_edit(doc, "issuer=", "org:" FX_ORG, "city-centre");
    t_refused_import(fresh, fx.centre, forged, SC_EDENIED, 0, NULL, rep);
    ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
    free(forged);
    /* import: the organization named, the holder someone who never sat */
    {
        char id1[19];
        fx_id(id1, 1);
        stranger = t_edit(doc, certs[0], id1, id);
    }
    t_refused_import(fresh, fx.centre, stranger, SC_EINVALIDDOC, 3,
                     "certificate-batch/certificate[1]/@id-number", rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "no passed result"));
    ck_assert_int_eq(t_count(fresh, "SELECT count(*) FROM certificate"), 0);
    free(stranger);
    sc_free(doc);
}
END_TEST

/* ---- one door: an import replays each act through its owner's checks (issue 11) ---------- */

/* A direct call refused with `want`, the registry unchanged; its message kept in `msg`. */
#define DIRECT_REFUSED(db, call, want, msg)                                                    \
    do {                                                                                       \
        char *before_ = t_dump(db), *after_;                                                   \
        ck_assert_int_eq((call), (want));                                                      \
        snprintf((msg), sizeof(msg), "%s", sc_error_last()->message);                          \
        after_ = t_dump(db);                                                                   \
        ck_assert_str_eq(before_, after_);                                                     \
        free(before_);                                                                         \
        free(after_);                                                                          \
    } while (0)

/* The refusal of an import carries the direct call's reason: its message, after the
 * organization's code, is the same text. */
static void same_reason(const char *direct)
{
    const char *tail = strstr(direct, FX_ORG);
    ck_assert_ptr_nonnull(tail);
    ck_assert_msg(strstr(sc_error_last()->message, tail) != NULL,
                  "import refused for '%s', the direct call for '%s'",
                  sc_error_last()->message, direct);
}

/* The fixture alone (no session yet): for the replayed assessment acts. */
static void setup_plain(void)
{
    fx_setup();
    fresh = bare = NULL;
    ck_assert_int_eq(sc_report_new(&rep), SC_OK);
}

static void teardown_plain(void)
{
    sc_report_free(rep);
    rep = NULL;
    fx_teardown();
}

static char *results_report(int64_t session)
{
    sc_export_options o;
    char *doc = NULL;
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.id = session;
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_RESULTS_REPORT, &o));
    return doc;
}

/* One candidate passes a session of 2024-03-01 (recorded 2024-03-02): its results
   report, and the session in *session. */
static char *passed_report(int64_t *session)
{
    fx_candidates(1, 1);
    *session = fx_ready_session("2024-03-01", 1, 1);
    fx_pass(*session, 1, 1, "2024-03-02");
    return results_report(*session);
}

/* sc_session_create of FX_ORG's session on 2024-03-01 at venue is refused with want,
   changing nothing; its message in msg. */
static void session_create_refused(int64_t venue, int want, char *msg, size_t size)
{
    char got[1024];
    int64_t sid = 0;
    DIRECT_REFUSED(fx.db, sc_session_create(&sid, fx.db, fx.org, FX_ORG, FX_OCC, NULL, 4,
                                            SC_PATH_NORMAL, "2024-03-01", venue, 1, 0),
                   want, got);
    snprintf(msg, size, "%s", got);
}

/* Standing on the recording day: the organization exits on 2024-03-05, the day its
 * results are recorded. sc_result_record refuses (SC_ESCOPE); a results report recording
 * them that day is refused the same, though its session (2024-03-01) was held in
 * standing. Before the replay, the import checked standing on the session's day only. */
START_TEST(test_exchange_replay_result_standing_on_recorded_day)
{
    sc_db *city = t_clone_db(fx.db), *direct;
    char id[19], msg[1024], *report;
    int64_t s;
    fx_candidates(1, 2);
    s = fx_ready_session("2024-03-01", 1, 2);
    direct = t_clone_db(fx.db); /* the session confirmed, no result yet */
    fx_pass(s, 1, 2, "2024-03-05");
    report = results_report(s);
    ck_ok(sc_org_exit(direct, fx.centre, FX_ORG, "不履行工作承诺", "2024-03-05"));
    ck_ok(sc_org_exit(city, fx.centre, FX_ORG, "不履行工作承诺", "2024-03-05"));
    fx_id(id, 1);
    DIRECT_REFUSED(direct, sc_result_record(direct, fx.org, s, id, 80, 75, SC_SCORE_NONE,
                                            "2024-03-05"), SC_ESCOPE, msg);
    t_refused_import(city, fx.centre, report, SC_ESCOPE, 0, NULL, rep);
    same_reason(msg);
    ck_assert_int_eq(t_count(city, "SELECT count(*) FROM result"), 0);
    ck_assert_int_eq(t_count(city, "SELECT count(*) FROM session"), 0);
    /* the day before the exit, both doors record them */
    ck_ok(sc_result_record(direct, fx.org, s, id, 80, 75, SC_SCORE_NONE, "2024-03-04"));
    sc_free(report);
    sc_db_close(direct);
    sc_db_close(city);
}
END_TEST

/* A session not confirmed: results are refused by both doors with the owner's reason. */
START_TEST(test_exchange_replay_result_session_not_confirmed)
{
    sc_db *planned;
    char id[19], msg[1024], *report;
    int64_t s;
    fx_candidates(1, 2);
    s = fx_session(4, "2024-03-01", 0);
    fx_enrol(s, 1, 2);
    fx_staff(s, SC_COMPONENT_THEORY, 1, 3);
    fx_staff(s, SC_COMPONENT_PRACTICAL, 1, 3);
    planned = t_clone_db(fx.db); /* the same session, planned */
    ck_ok(sc_session_confirm(fx.db, fx.org, s, "2024-03-01"));
    fx_pass(s, 1, 2, "2024-03-02");
    report = results_report(s);
    fx_id(id, 1);
    DIRECT_REFUSED(planned, sc_result_record(planned, fx.org, s, id, 80, 75, SC_SCORE_NONE,
                                             "2024-03-02"), SC_ECONSTRAINT, msg);
    t_refused_import(planned, fx.centre, report, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "is not confirmed"));
    ck_assert_ptr_nonnull(strstr(msg, "is not confirmed"));
    sc_free(report);
    sc_db_close(planned);
}
END_TEST

/* Out of the directory on the session's day (exited before it): a session is refused by
 * sc_session_create and by a results report recording it (SC_ESCOPE, the same reason). */
START_TEST(test_exchange_replay_session_standing)
{
    sc_db *city = t_clone_db(fx.db);
    char msg[1024], *report;
    int64_t s, venue;
    report = passed_report(&s);
    ck_ok(sc_org_exit(fx.db, fx.centre, FX_ORG, "不履行工作承诺", "2024-02-01"));
    ck_ok(sc_org_exit(city, fx.centre, FX_ORG, "不履行工作承诺", "2024-02-01"));
    venue = t_count(fx.db, "SELECT min(id) FROM venue");
    session_create_refused(venue, SC_ESCOPE, msg, sizeof msg);
    t_refused_import(city, fx.centre, report, SC_ESCOPE, 0, NULL, rep);
    same_reason(msg);
    ck_assert_int_eq(t_count(city, "SELECT count(*) FROM session"), 0);
    sc_free(report);
    sc_db_close(city);
}
END_TEST

/* Out of scope (超范围): FX_ORG is filed for 4-04-05-05 / 数据标注员, not for its work type
 * 人工智能算法测试员. A session of it is refused by sc_session_create and by a results
 * report that names it (SC_ESCOPE, the same reason); nothing recorded. */
START_TEST(test_exchange_replay_session_out_of_scope)
{
    sc_db *city = t_clone_db(fx.db);
    char msg[1024], *report, *other;
    int64_t s, venue, sid = 0;
    report = passed_report(&s);
    other = t_edit(report, "<session", "occupation=\"" FX_OCC "\"",
                   "occupation=\"4-04-05-05\" work-type=\"人工智能算法测试员\"");
    venue = t_count(fx.db, "SELECT min(id) FROM venue");
    DIRECT_REFUSED(fx.db, sc_session_create(&sid, fx.db, fx.org, FX_ORG, "4-04-05-05",
                                            "人工智能算法测试员", 4, SC_PATH_NORMAL,
                                            "2024-03-01", venue, 1, 0), SC_ESCOPE, msg);
    t_refused_import(city, fx.centre, other, SC_ESCOPE, 3, "results-report/session[1]/@occupation",
                     rep);
    same_reason(msg);
    ck_assert_int_eq(t_count(city, "SELECT count(*) FROM session"), 0);
    free(other);
    sc_free(report);
    sc_db_close(city);
}
END_TEST

/* Issuing needs standing on the day issued (not only on the day certified): the
 * organization exits on 2024-03-12, between certification (03-10) and issue (03-15).
 * sc_certificate_issue refuses; so does the city's import of the batch. */
START_TEST(test_exchange_replay_issue_standing_on_issued_day)
{
    char *doc = export_doc(fx.db, SC_DOC_CERTIFICATE_BATCH, "2024-04-01");
    char id[19], num[SC_CERT_NUMBER_SIZE], msg[1024];
    int64_t s;
    fx_candidates(4, 4);
    s = fx_ready_session("2024-03-03", 4, 4);
    fx_pass(s, 4, 4, "2024-03-04");
    fx_id(id, 4);
    ck_ok(sc_certificate_report(num, fx.db, fx.org, s, id, "2024-03-10"));
    ck_ok(sc_org_exit(fx.db, fx.centre, FX_ORG, "不履行工作承诺", "2024-03-12"));
    ck_ok(sc_org_exit(fresh, fx.centre, FX_ORG, "不履行工作承诺", "2024-03-12"));
    DIRECT_REFUSED(fx.db, sc_certificate_issue(fx.db, fx.org, num, NULL, "2024-03-15"),
                   SC_ESCOPE, msg);
    t_refused_import(fresh, fx.centre, doc, SC_ESCOPE, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "may not issue a certificate of"));
    ck_assert_ptr_nonnull(strstr(msg, "may not issue a certificate of"));
    ck_assert_int_eq(t_count(fresh, "SELECT count(*) FROM certificate"), 0);
    sc_free(doc);
}
END_TEST

/* A revoked certificate acknowledged as published: the organization revoked it before the
 * centre's answer arrived. sc_certificate_publish refuses, and so does the answer, with
 * the same reason; the organization's registry unchanged. */
START_TEST(test_exchange_replay_ack_of_revoked)
{
    sc_db *org_side = t_clone_db(fx.db);
    char msg[1024], *doc;
    ck_ok(sc_certificate_revoke(org_side, fx.org, certs[0], "照片与本人不符", "2024-03-20"));
    ck_ok(sc_certificate_publish(fx.db, fx.centre, certs[0], "2024-04-01"));
    doc = export_doc(fx.db, SC_DOC_CERTIFICATE_ACK, "2024-04-10");
    DIRECT_REFUSED(org_side, sc_certificate_publish(org_side, fx.centre, certs[0], "2024-04-01"),
                   SC_ECONSTRAINT, msg);
    t_refused_import(org_side, fx.org, doc, SC_EINVALIDDOC, 3,
                     "certificate-ack/certificate[1]/@number", rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, msg));
    sc_free(doc);
    sc_db_close(org_side);
}
END_TEST

/* A certificate batch naming a certificate the city's registry holds revoked: the centre
 * cannot publish it, directly or by importing the batch again (a new batch id). */
START_TEST(test_exchange_replay_batch_of_revoked)
{
    char *doc = export_doc(fx.db, SC_DOC_CERTIFICATE_BATCH, "2024-03-20"), *again, msg[1024];
    ck_ok(t_import(fresh, fx.centre, doc, NULL, rep));
    ck_ok(sc_certificate_revoke(fresh, fx.centre, certs[0], "照片与本人不符", "2024-03-25"));
    /* the same certificates sent again, in a new batch */
    again = t_edit(doc, "batch=", "certificate-batch-", "certificate-batch-z");
    DIRECT_REFUSED(fresh, sc_certificate_publish(fresh, fx.centre, certs[0], "2024-03-20"),
                   SC_ECONSTRAINT, msg);
    t_refused_import(fresh, fx.centre, again, SC_EINVALIDDOC, 3,
                     "certificate-batch/certificate[1]/@number", rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, msg));
    free(again);
    sc_free(doc);
}
END_TEST

/* A certificate revoked twice: sc_certificate_revoke and a revocations document with
 * another day refuse it the same. */
START_TEST(test_exchange_replay_revoke_twice)
{
    sc_db *other = t_clone_db(fx.db);
    char msg[1024], *doc;
    ck_ok(sc_certificate_revoke(fx.db, fx.org, certs[1], "证书信息错误", "2024-03-20"));
    doc = export_doc(fx.db, SC_DOC_REVOCATIONS, "2024-04-01");
    ck_ok(sc_certificate_revoke(other, fx.org, certs[1], "重复", "2024-03-18"));
    DIRECT_REFUSED(other, sc_certificate_revoke(other, fx.org, certs[1], "证书信息错误",
                                                "2024-03-20"), SC_ECONSTRAINT, msg);
    t_refused_import(other, fx.centre, doc, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, msg));
    sc_free(doc);
    sc_db_close(other);
}
END_TEST

/* ---- acknowledgement -------------------------------------------------------------------- */

START_TEST(test_exchange_ack_round_trip)
{
    sc_db *org_side = t_clone_db(fx.db); /* the organization's registry, before the answer */
    sc_certificate c = SC_CERTIFICATE_INIT;
    char *doc;
    ck_ok(sc_certificate_publish(fx.db, fx.centre, certs[0], "2024-04-01"));
    ck_ok(sc_certificate_publish(fx.db, fx.centre, certs[1], "2024-04-02"));
    ck_ok(sc_certificate_revoke(fx.db, fx.centre, certs[2], "照片与本人不符", "2024-04-02"));
    doc = export_doc(fx.db, SC_DOC_CERTIFICATE_ACK, "2024-04-10");
    ck_assert_ptr_nonnull(strstr(doc, "outcome=\"refused\""));
    sc_free(doc);
    round_trip(fx.db, org_side, fx.org, SC_DOC_CERTIFICATE_ACK, "2024-04-10", 3);
    ck_ok(sc_certificate_get(&c, org_side, certs[1]));
    ck_assert_int_eq(c.status, SC_CERT_PUBLISHED);
    ck_assert_str_eq(c.published, "2024-04-02");
    ck_ok(sc_certificate_get(&c, org_side, certs[2]));
    ck_assert_int_eq(c.status, SC_CERT_REVOKED);
    ck_assert_str_eq(c.revoke_reason, "照片与本人不符");
    sc_db_close(org_side);
}
END_TEST

START_TEST(test_exchange_ack_refusals)
{
    sc_db *org_side = t_clone_db(fx.db);
    char *doc, *unknown, *early;
    ck_ok(sc_certificate_publish(fx.db, fx.centre, certs[0], "2024-04-01"));
    ck_ok(sc_certificate_publish(fx.db, fx.centre, certs[1], "2024-04-01"));
    doc = export_doc(fx.db, SC_DOC_CERTIFICATE_ACK, "2024-04-10");
    /* a certificate this registry does not hold */
    unknown = t_edit(doc, "<certificate number=", certs[1], "S000011000001244999999");
    refusals(org_side, fx.org, doc, "urn:skillcert:certificate-ack:1", unknown, 4,
             "certificate-ack/certificate[2]/@number");
    /* published before it was issued */
    early = t_edit(doc, certs[0], "2024-04-01", "2024-03-01");
    t_refused_import(org_side, fx.org, early, SC_EINVALIDDOC, 3,
                     "certificate-ack/certificate[1]/@date", rep);
    /* only the organization itself */
    t_refused_import(org_side, fx.centre, doc, SC_EDENIED, 0, NULL, rep);
    {
        sc_actor *other = t_actor(SC_ACTOR_ORGANIZATION, FX_ORG2);
        t_refused_import(org_side, other, doc, SC_EDENIED, 0, NULL, rep);
        sc_actor_free(other);
    }
    free(unknown);
    free(early);
    sc_free(doc);
    sc_db_close(org_side);
}
END_TEST

/* ---- revocations ---------------------------------------------------------------------- */

START_TEST(test_exchange_revocations_round_trip)
{
    sc_db *before = t_clone_db(fx.db), *before2 = t_clone_db(fx.db);
    ck_ok(sc_certificate_revoke(fx.db, fx.org, certs[0], "信息有误", "2024-04-02"));
    ck_ok(sc_certificate_revoke(fx.db, fx.centre, certs[2], "督导发现违规 <核查>", "2024-04-03"));
    /* issued by the organization, addressed to the city centre: only it imports them */
    {
        char *doc = export_doc(fx.db, SC_DOC_REVOCATIONS, "2024-04-10");
        t_refused_import(before, fx.org, doc, SC_EDENIED, 0, NULL, rep);
        ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "not its addressee"));
        sc_free(doc);
    }
    round_trip(fx.db, before2, fx.centre, SC_DOC_REVOCATIONS, "2024-04-10", 2);
    ck_assert_int_eq(t_count(before2, "SELECT count(*) FROM certificate WHERE status = 4"), 2);
    sc_db_close(before);
    sc_db_close(before2);
}
END_TEST

START_TEST(test_exchange_revocations_refusals)
{
    sc_db *before = t_clone_db(fx.db);
    char *doc, *early, *twice;
    ck_ok(sc_certificate_revoke(fx.db, fx.org, certs[0], "信息有误", "2024-04-02"));
    ck_ok(sc_certificate_revoke(fx.db, fx.org, certs[1], "重复发证", "2024-04-02"));
    doc = export_doc(fx.db, SC_DOC_REVOCATIONS, "2024-04-10");
    /* revoked before its certification */
    early = t_edit(doc, certs[1], "2024-04-02", "2024-01-02");
    refusals(before, fx.centre, doc, "urn:skillcert:revocations:1", early, 4,
             "revocations/revocation[2]/@date");
    twice = t_edit(doc, "<revocation number=", certs[1], certs[0]);
    t_refused_import(before, fx.centre, twice, SC_EINVALIDDOC, 4,
                     "revocations/revocation[2]/@number", rep);
    /* another organization may not; a district may not */
    {
        sc_actor *other = t_actor(SC_ACTOR_ORGANIZATION, FX_ORG2);
        t_refused_import(before, other, doc, SC_EDENIED, 0, NULL, rep);
        sc_actor_free(other);
    }
    t_refused_import(before, fx.haidian, doc, SC_EDENIED, 0, NULL, rep);
    free(early);
    free(twice);
    sc_free(doc);
    sc_db_close(before);
}
END_TEST

/* ---- export arguments ------------------------------------------------------------------ */

START_TEST(test_exchange_export_needs_an_organization)
{
    char *doc = NULL;
    sc_export_options o = SC_EXPORT_OPTIONS_INIT;
    ck_assert_int_eq(sc_xml_export_memory(&doc, NULL, fx.db, SC_DOC_REVOCATIONS), SC_EINVAL);
    ck_assert_ptr_null(doc);
    ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_CERTIFICATE_ACK, &o),
                     SC_EINVAL);
    o.credit_code = "not a code";
    ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_CERTIFICATE_ACK, &o),
                     SC_EINVAL);
    o.credit_code = FX_ORG;
    o.version = 99;
    ck_assert_int_eq(sc_xml_exchange_export_memory(&doc, NULL, fx.db, SC_DOC_CERTIFICATE_ACK, &o),
                     SC_EINVAL);
    ck_assert_int_eq(sc_export_options_init(&o, 3), SC_EINVAL);
    ck_assert_int_eq(sc_export_options_init(NULL, SC_EXPORT_OPTIONS_VERSION), SC_EINVAL);
    ck_assert_str_eq(sc_doctype_name(SC_DOC_CERTIFICATE_BATCH), "certificate-batch");
    ck_assert_int_eq(sc_doctype_from_name("revocations"), SC_DOC_REVOCATIONS);
    ck_assert_str_eq(sc_doctype_namespace(SC_DOC_CERTIFICATE_ACK), "urn:skillcert:certificate-ack:1");
}
END_TEST

START_TEST(test_exchange_export_file)
{
    char *path = t_tmpfile(".xml");
    sc_export_options o = SC_EXPORT_OPTIONS_INIT;
    int type = 0;
    o.credit_code = FX_ORG;
    o.date = "2024-04-01";
    o.batch = "batch-2024-04-01";
    ck_ok(sc_xml_exchange_export_file(fx.db, SC_DOC_CERTIFICATE_BATCH, path, &o));
    ck_ok(sc_xml_validate_file(&type, rep, path, NULL));
    ck_assert_int_eq(type, SC_DOC_CERTIFICATE_BATCH);
    ck_ok(sc_xml_import_file(NULL, fresh, fx.centre, path, NULL, rep));
    ck_assert_int_eq(t_count(fresh, "SELECT count(*) FROM import_batch "
                                    "WHERE batch_id = 'batch-2024-04-01'"), 1);
    remove(path);
    free(path);
}
END_TEST

/* ---- a results report's session: its staffing and confirmation replayed ---------------- */

/* The import's refusal carries the direct call's whole message. */
static void same_message(const char *direct)
{
    ck_assert_msg(strstr(sc_error_last()->message, direct) != NULL,
                  "import refused for '%s', the direct call for '%s'",
                  sc_error_last()->message, direct);
}

/* The import's refusal carries the direct call's message from `from` on (the part that
 * names no registry id). */
static void same_from(const char *direct, const char *from)
{
    const char *tail = strstr(direct, from);
    ck_assert_ptr_nonnull(tail);
    same_message(tail);
}

/* A level-4 session of 2024-03-01 for candidates 1-3, staffed (theory E01-E02, practical
 * E01-E03), still planned. */
static int64_t staffed_session(void)
{
    int64_t s;
    fx_candidates(1, 3);
    s = fx_session(4, "2024-03-01", 0);
    fx_enrol(s, 1, 3);
    fx_staff(s, SC_COMPONENT_THEORY, 1, 2);
    fx_staff(s, SC_COMPONENT_PRACTICAL, 1, 3);
    return s;
}

/* The staffed session s confirmed and held, candidates 1-3 passed (recorded
   2024-03-02): its results report. */
static char *held_report(int64_t s)
{
    ck_ok(sc_session_confirm(fx.db, fx.org, s, "2024-03-01"));
    fx_pass(s, 1, 3, "2024-03-02");
    return results_report(s);
}

/* Too few examiners: sc_session_confirm refuses a session with one practical examiner
 * fewer; a results report that names one fewer is refused the same (its confirmation
 * replayed once its candidates are read), the city's registry unchanged. */
START_TEST(test_exchange_replay_session_staff_too_few)
{
    sc_db *city = t_clone_db(fx.db), *planned;
    char msg[1024], *report, *fewer;
    const char *e03 = "<staff component=\"practical\" person-id=\"E03\" role=\"examiner\"/>";
    int64_t s = staffed_session();
    planned = t_clone_db(fx.db);
    ck_ok(sc_session_staff_remove(planned, fx.org, s, SC_COMPONENT_PRACTICAL, "E03"));
    DIRECT_REFUSED(planned, sc_session_confirm(planned, fx.org, s, "2024-03-01"), SC_ECONSTRAINT,
                   msg);
    ck_assert_ptr_nonnull(strstr(msg, "practical: 2 examiners"));
    report = held_report(s);
    fewer = t_edit(report, e03, e03, "");
    t_refused_import(city, fx.centre, fewer, SC_EINVALIDDOC, 0, NULL, rep);
    same_from(msg, "cannot be confirmed: ");
    ck_assert_int_eq(t_count(city, "SELECT count(*) FROM session"), 0);
    /* as exported (three practical examiners), the city records it */
    ck_ok(t_import(city, fx.centre, report, NULL, rep));
    ck_assert_int_eq(t_count(city, "SELECT count(*) FROM session_staff"), 5);
    free(fewer);
    sc_free(report);
    sc_db_close(planned);
    sc_db_close(city);
}
END_TEST

/* An examiner not on the organization's filed staff (E99), and a person on it but not as
 * an examiner (M01, its manager): sc_session_staff_add refuses each; a report naming them is refused with the
 * same message at the staff element, the city's registry unchanged. */
START_TEST(test_exchange_replay_session_staff_not_fit)
{
    sc_db *city = t_clone_db(fx.db);
    char msg[1024], *report, *stranger = NULL, *unfit = NULL;
    const char *who[] = { "E99", "M01" };
    int64_t s = staffed_session(), other;
    int i;
    report = held_report(s);
    other = fx_session(4, "2024-03-01", 0); /* a planned session the direct door staffs */
    for (i = 0; i < 2; i++) {
        char *doc = t_edit(report, "<staff component=\"theory\"", "person-id=\"E01\"",
                           i == 0 ? "person-id=\"E99\"" : "person-id=\"M01\"");
        DIRECT_REFUSED(fx.db, sc_session_staff_add(fx.db, fx.org, other, SC_COMPONENT_THEORY,
                                                   who[i]), SC_ECONSTRAINT, msg);
        t_refused_import(city, fx.centre, doc, SC_EINVALIDDOC, 4,
                         "results-report/session[1]/staff[1]/@person-id", rep);
        same_message(msg);
        ck_assert_int_eq(t_count(city, "SELECT count(*) FROM session"), 0);
        if (i == 0)
            stranger = doc;
        else
            unfit = doc;
    }
    ck_assert_ptr_nonnull(strstr(msg, "as an examiner"));
    free(stranger);
    free(unfit);
    sc_free(report);
    sc_db_close(city);
}
END_TEST

/* Unconfirmable: a session with no candidate cannot be confirmed (sc_session_confirm);
 * a report of it, made before any result was recorded, is refused the same. */
START_TEST(test_exchange_replay_session_no_candidates)
{
    sc_db *city = t_clone_db(fx.db);
    char msg[1024], *report;
    int64_t s, empty;
    fx_candidates(1, 2);
    s = fx_ready_session("2024-03-01", 1, 2);
    report = results_report(s); /* no result recorded yet: no candidate */
    ck_assert_ptr_null(strstr(report, "<candidate"));
    empty = fx_session(4, "2024-03-01", 0);
    fx_staff(empty, SC_COMPONENT_THEORY, 1, 1);
    fx_staff(empty, SC_COMPONENT_PRACTICAL, 1, 1);
    DIRECT_REFUSED(fx.db, sc_session_confirm(fx.db, fx.org, empty, "2024-03-01"),
                   SC_ECONSTRAINT, msg);
    t_refused_import(city, fx.centre, report, SC_EINVALIDDOC, 0, NULL, rep);
    ck_assert_ptr_nonnull(strstr(msg, "has no candidates enrolled"));
    same_from(msg, "has no candidates enrolled");
    ck_assert_int_eq(t_count(city, "SELECT count(*) FROM session"), 0);
    sc_free(report);
    sc_db_close(city);
}
END_TEST

/* A venue not usable: its district bureau failed it on 2024-02-20 in the city's registry.
 * sc_session_create refuses a session there on 2024-03-01; a report of one held there
 * that day is refused with the same message. */
START_TEST(test_exchange_replay_session_venue_failed)
{
    sc_db *city = t_clone_db(fx.db);
    char msg[1024], *report;
    int64_t s;
    report = passed_report(&s);
    ck_ok(sc_venue_inspect(fx.db, fx.haidian, fx.venue, 0, "消防通道堵塞", "2024-02-20"));
    ck_ok(sc_venue_inspect(city, fx.haidian, fx.venue, 0, "消防通道堵塞", "2024-02-20"));
    session_create_refused(fx.venue, SC_ECONSTRAINT, msg, sizeof msg);
    ck_assert_ptr_nonnull(strstr(msg, "failed its inspection of 2024-02-20"));
    t_refused_import(city, fx.centre, report, SC_EINVALIDDOC, 0, NULL, rep);
    same_message(msg);
    ck_assert_int_eq(t_count(city, "SELECT count(*) FROM session"), 0);
    sc_free(report);
    sc_db_close(city);
}
END_TEST

/* What no document carries, the receiving registry must hold: a registry without the
 * organization's staff refuses the report naming staff.add; a venue the registry does
 * not hold (created by the report, never inspected here) is refused with the direct
 * call's message naming venue.inspect. Both unchanged. */
START_TEST(test_exchange_replay_session_lacks_staff_or_inspection)
{
    static const char *const people[][2] = {
        { "U01", "e" }, { "M01", "m" }, { "X01", "x" }, { "X02", "x" }, { "X03", "x" },
        { "X04", "x" }, { "X05", "x" }
    };
    sc_db *city = t_clone_db(fx.db), *nostaff = t_clone_db(fx.db);
    char msg[1024], *report, *moved, id[16];
    int64_t s, venue = 0;
    size_t i;
    report = passed_report(&s);
    /* a registry where FX_ORG's staff all left before the session */
    for (i = 1; i <= 15; i++) {
        snprintf(id, sizeof id, "E%02zu", i);
        ck_ok(sc_staff_remove(nostaff, fx.org, FX_ORG, id, SC_STAFF_EXAMINER, "2023-06-02"));
    }
    for (i = 0; i < sizeof people / sizeof people[0]; i++)
        ck_ok(sc_staff_remove(nostaff, fx.org, FX_ORG, people[i][0],
                              people[i][1][0] == 'e'   ? SC_STAFF_EXAMINER
                              : people[i][1][0] == 'm' ? SC_STAFF_MANAGER
                                                       : SC_STAFF_EXPERT,
                              "2023-06-02"));
    t_refused_import(nostaff, fx.centre, report, SC_EINVALIDDOC, 4,
                     "results-report/session[1]/staff[1]/@person-id", rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message,
                                 "E01 is not on the staff of " FX_ORG " on 2024-03-01"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "staff.add"));
    /* a venue the city does not hold: the direct door refuses a session at a venue never
     * inspected; the import, which records the venue, refuses the same and says why */
    ck_ok(sc_venue_register(&venue, fx.db, fx.org, FX_ORG, "海淀第二考点", "北京市海淀区学院路2号",
                            "110108", 3, "2024-01-10"));
    session_create_refused(venue, SC_ECONSTRAINT, msg, sizeof msg);
    moved = t_edit(report, "<session", "venue=\"海淀考点\"", "venue=\"海淀第二考点\"");
    t_refused_import(city, fx.centre, moved, SC_EINVALIDDOC, 0, NULL, rep);
    same_from(msg, "has no inspection by its district bureau on or before 2024-03-01");
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "venue.inspect"));
    ck_assert_int_eq(t_count(city, "SELECT count(*) FROM venue WHERE name = '海淀第二考点'"), 0);
    free(moved);
    sc_free(report);
    sc_db_close(nostaff);
    sc_db_close(city);
}
END_TEST

/* Accepted: the report carries the session's staff; the city records them through the
 * owner, the session confirmed, and exports the same report. Another report of the
 * session, now held, must name the same staff. */
START_TEST(test_exchange_replay_session_staff_round_trip)
{
    sc_db *city = t_clone_db(fx.db);
    sc_session_staff_iter *it = NULL;
    sc_session_staff m = SC_SESSION_STAFF_INIT;
    sc_session got = SC_SESSION_INIT;
    sc_export_options o;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    char *report, *again = NULL;
    int64_t s = staffed_session(), cs;
    int n = 0;
    report = held_report(s);
    ck_ok(t_import(city, fx.centre, report, &r, rep));
    ck_assert_uint_eq(r.records, 3);
    cs = t_count(city, "SELECT max(id) FROM session");
    ck_ok(sc_session_get(&got, city, cs));
    ck_assert_int_eq(got.status, SC_SESSION_CONFIRMED);
    ck_ok(sc_session_staff_iter_new(&it, city, cs));
    while (sc_session_staff_iter_next(&m, it) == SC_OK) {
        ck_assert_int_eq(m.role, SC_STAFF_EXAMINER);
        ck_assert_str_eq(m.name, "考评员");
        n++;
    }
    sc_session_staff_iter_free(it);
    ck_assert_int_eq(n, 5);
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.id = cs;
    ck_ok(sc_xml_exchange_export_memory(&again, NULL, city, SC_DOC_RESULTS_REPORT, &o));
    ck_assert_str_eq(strstr(again, "<session"), strstr(report, "<session"));
    /* held now: another report of it must name the same staff (the direct door fixes a
     * confirmed session's staff too) */
    {
        char *other = t_edit(report, "batch=\"", "results-report-", "results-report-X");
        char *swapped = t_edit(other, "<staff component=\"practical\"", "person-id=\"E03\"",
                               "person-id=\"E04\"");
        char *fewer = t_edit(other, "<staff component=\"practical\" person-id=\"E03\"",
                             "<staff component=\"practical\" person-id=\"E03\" "
                             "role=\"examiner\"/>", "");
        t_refused_import(city, fx.centre, swapped, SC_EINVALIDDOC, 8,
                         "results-report/session[1]/staff[5]/@person-id", rep);
        ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "without E04"));
        t_refused_import(city, fx.centre, fewer, SC_EINVALIDDOC, 0, NULL, rep);
        ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "5 staff assignments"));
        free(other);
        free(swapped);
        free(fewer);
    }
    sc_free(again);
    sc_free(report);
    sc_db_close(city);
}
END_TEST

Suite *sc_exchange_suite(void)
{
    Suite *s = suite_create("exchange");
    TCase *tc = tcase_create("certificate-batch");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_exchange_certificate_batch_round_trip);
    tcase_add_test(tc, test_exchange_certificate_batch_only_issued_by_the_day);
    tcase_add_test(tc, test_exchange_certificate_batch_refusals);
    tcase_add_test(tc, test_exchange_certificate_batch_refuses_never_sat);
    tcase_add_test(tc, test_exchange_issuer_org_publishes_own);
    tcase_add_test(tc, test_exchange_certificate_batch_unknown_site);
    tcase_add_test(tc, test_exchange_issuer_centre_issues_for_never_sat);
    suite_add_tcase(s, tc);
    tc = tcase_create("one-door-replay");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_exchange_replay_issue_standing_on_issued_day);
    tcase_add_test(tc, test_exchange_replay_ack_of_revoked);
    tcase_add_test(tc, test_exchange_replay_revoke_twice);
    tcase_add_test(tc, test_exchange_replay_batch_of_revoked);
    suite_add_tcase(s, tc);
    tc = tcase_create("one-door-replay-assessment");
    tcase_add_checked_fixture(tc, setup_plain, teardown_plain);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_exchange_replay_result_standing_on_recorded_day);
    tcase_add_test(tc, test_exchange_replay_result_session_not_confirmed);
    tcase_add_test(tc, test_exchange_replay_session_standing);
    tcase_add_test(tc, test_exchange_replay_session_out_of_scope);
    tcase_add_test(tc, test_exchange_replay_session_staff_too_few);
    tcase_add_test(tc, test_exchange_replay_session_staff_not_fit);
    tcase_add_test(tc, test_exchange_replay_session_no_candidates);
    tcase_add_test(tc, test_exchange_replay_session_venue_failed);
    tcase_add_test(tc, test_exchange_replay_session_lacks_staff_or_inspection);
    tcase_add_test(tc, test_exchange_replay_session_staff_round_trip);
    suite_add_tcase(s, tc);
    tc = tcase_create("certificate-ack");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_exchange_ack_round_trip);
    tcase_add_test(tc, test_exchange_ack_refusals);
    suite_add_tcase(s, tc);
    tc = tcase_create("revocations");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_exchange_revocations_round_trip);
    tcase_add_test(tc, test_exchange_revocations_refusals);
    suite_add_tcase(s, tc);
    tc = tcase_create("export");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_exchange_export_needs_an_organization);
    tcase_add_test(tc, test_exchange_export_file);
    suite_add_tcase(s, tc);
    return s;
}
