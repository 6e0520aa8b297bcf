/*
 * The demo's second half: one certification season of the organization
 * filed in part 4, from the intake announcement to the credit evaluation.
 *
 *   8.  intake: announcement (实施方案并发布公告), applications, verification
 *       against the eligibility rules, district confirmation (报名确认) in one
 *       batch, and the candidate batch the organization sends its district;
 *   9.  assessment: venue inspected, session staffed to the ratios, only
 *       confirmed applicants enrolled, a paper assembled from the question
 *       bank and scored, results;
 *   10. certificates: reported (报备) with their national numbers, issued,
 *       published, verified by a member of the public, one revoked;
 *   11. XML exchange: the certificate batch exported and validated, and a
 *       hostile document refused with nothing imported, as is an act its
 *       issuer may not do (an organization publishing its own certificates);
 *   12. quality supervision: a spot check, a finding, a sanction, the credit
 *       evaluation ranked, and the period report written as HTML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skillcert.h>
#include "demo.h"
#include "report_html.h" /* tools/ */

#define OCC "4-04-05-05"
#define WT "数据标注员"

typedef struct season {
    sc_db *db;
    const char *org;
    const char *report_path;
    sc_actor *self, *haidian, *centre, *pub;
    int64_t announcement, app[3], session;
    char number[2][SC_CERT_NUMBER_SIZE];
} season;

/* The candidates: 张三 was recorded in part 6; two more join him. */
static const struct {
    const char *id, *name, *certified;
} people[3] = {
    { "11010519491231002x", "张三", "2019-03-01" },
    { "110108199003070315", "李四", "2019-01-15" },
    { "110105198805120026", "王五", "2021-09-01" }, /* level 5 for only 1 year 9 months */
};

static int save_candidates(season *s)
{
    size_t i;
    for (i = 1; i < 3; i++) {
        sc_candidate *c = NULL;
        int rc = sc_candidate_new(&c, people[i].id, people[i].name);
        if (rc == SC_OK)
            rc = sc_candidate_add_work(c, OCC, "2018-01-01", NULL);
        if (rc == SC_OK)
            rc = sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, OCC, WT, 5,
                                              people[i].certified, NULL);
        if (rc == SC_OK)
            rc = sc_candidate_save(s->db, s->centre, c);
        sc_candidate_free(c);
        if (rc != SC_OK)
            return demo_fail("recording the candidates");
    }
    return 0;
}

static int intake(season *s)
{
    sc_announcement a = SC_ANNOUNCEMENT_INIT;
    sc_offerings *offer = NULL;
    int64_t confirmed[2];
    size_t i, n = 0;
    char *xml = NULL;
    size_t len = 0;
    int rc;

    printf("\n8. Intake (实施方案并发布公告, 报名, 资格核实, 报名确认):\n");
    a = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    snprintf(a.credit_code, sizeof a.credit_code, "%s", s->org);
    snprintf(a.code, sizeof a.code, "2023-02");
    snprintf(a.title, sizeof a.title, "2023 年第二期数据标注员技能等级认定实施方案");
    snprintf(a.opens, sizeof a.opens, "2023-06-01");
    snprintf(a.closes, sizeof a.closes, "2023-06-30");
    snprintf(a.fees, sizeof a.fees, "四级 400 元");
    a.methods = SC_METHOD_THEORY | SC_METHOD_PRACTICAL;
    if (sc_offerings_new(&offer) != SC_OK || sc_offerings_add_text(offer, OCC "/" WT ":4") != SC_OK)
        return demo_fail("preparing the announcement");
    rc = demo_step("announcement 2023-02: 数据标注员 level 4, June 2023",
                   sc_announcement_publish(&s->announcement, s->db, s->self, &a, offer,
                                           "2023-05-20"));
    sc_offerings_free(offer);
    if (rc != SC_OK || save_candidates(s))
        return 1;

    for (i = 0; i < 3; i++) {
        sc_actor *cand = NULL;
        char what[96];
        if (sc_actor_new(&cand, SC_ACTOR_CANDIDATE, people[i].id, people[i].name) != SC_OK)
            return demo_fail("making the candidate");
        snprintf(what, sizeof what, "%s applies", people[i].name);
        rc = demo_step(what, sc_application_apply(&s->app[i], s->db, cand, s->announcement,
                                                  people[i].id, OCC, WT, 4, SC_PATH_NORMAL,
                                                  NULL, "2023-06-05"));
        sc_actor_free(cand);
        if (rc != SC_OK)
            return 1;
    }
    for (i = 0; i < 3; i++) {
        int eligible = 0;
        sc_application app = SC_APPLICATION_INIT;
        if (sc_application_verify(&eligible, s->db, s->self, s->app[i], "2023-06-08") != SC_OK ||
            sc_application_get(&app, s->db, s->app[i]) != SC_OK)
            return demo_fail("verifying");
        if (eligible) {
            printf("  the organization verifies %s: eligible (condition %s)\n", people[i].name,
                   app.eligibility);
        } else {
            /* The decision's first condition is enough here: "L4-a: needs ...". */
            const char *why = strstr(app.decision, "— ");
            int k = why ? (int)strcspn(why + 4, ";") : 0;
            printf("  the organization verifies %s: not eligible (%.*s)\n", people[i].name, k,
                   why ? why + 4 : "");
        }
        if (eligible)
            confirmed[n++] = s->app[i];
    }
    if (sc_application_batch_export_memory(&xml, &len, s->db, s->announcement,
                                           "ZX-2023-02") != SC_OK)
        return demo_fail("exporting the candidate batch");
    printf("  candidate batch ZX-2023-02 sent to 海淀区 (urn:skillcert:candidate-batch:1): "
           "%zu bytes\n", len);
    sc_free(xml);
    return demo_step("海淀区 confirms the eligible ones in one batch (one transaction)",
                     sc_application_confirm_batch(s->db, s->haidian, confirmed, n, "2023-06-12"));
}

static int add_item(season *s, const char *code, const char *stem, const char *right,
                    const char *wrong)
{
    sc_item *item = NULL;
    int rc = sc_item_new(&item, code, SC_ITEM_SINGLE, OCC, WT, 4, "数据标注规范", 2, stem);
    if (rc == SC_OK)
        rc = sc_item_add_option(item, right);
    if (rc == SC_OK)
        rc = sc_item_add_option(item, wrong);
    if (rc == SC_OK)
        rc = sc_item_set_answer(item, "A");
    if (rc == SC_OK)
        rc = sc_bank_item_save(NULL, s->db, s->self, s->org, item);
    sc_item_free(item);
    return rc == SC_OK ? 0 : demo_fail("saving a question");
}

static int assessment(season *s)
{
    static const char *staff[] = { "J01", "J02", "K01", "K02", "K03" };
    sc_offerings *q = NULL;
    sc_blueprint *bp = NULL;
    sc_verdict v = SC_VERDICT_INIT;
    int64_t venue = 0, paper = 0;
    const char *answers[4] = { "A", "A", "A", "B" };
    double score = 0;
    size_t i;
    char ref[32];
    int rc;

    printf("\n9. Assessment (理论知识考试, 操作技能考核):\n");
    if (sc_offerings_new(&q) != SC_OK || sc_offerings_add_text(q, OCC "/" WT ":2") != SC_OK)
        return demo_fail("preparing qualifications");
    for (i = 0, rc = SC_OK; i < 5 && rc == SC_OK; i++)
        rc = sc_staff_add(s->db, s->self, s->org, staff[i], i < 2 ? "监考员" : "考评员",
                          SC_STAFF_EXAMINER, q, "2023-06-01");
    sc_offerings_free(q);
    if (rc != SC_OK)
        return demo_fail("adding staff");
    if (demo_step("venue 中关村考点 registered in 海淀区",
                  sc_venue_register(&venue, s->db, s->self, s->org, "中关村考点",
                                    "北京市海淀区中关村大街27号", "110108", 1, "2023-06-01")) ||
        demo_step("海淀区 inspects the venue (评价场地核查)",
                  sc_venue_inspect(s->db, s->haidian, venue, 1, "场地合格", "2023-06-10")) ||
        demo_step("session 2023-07-15, online theory exam",
                  sc_session_create(&s->session, s->db, s->self, s->org, OCC, WT, 4,
                                    SC_PATH_NORMAL, "2023-07-15", venue, 1, SC_SESSION_ONLINE)))
        return 1;
    for (i = 0; i < 2; i++) {
        snprintf(ref, sizeof ref, "%lld", (long long)s->app[i]);
        if (sc_session_enrol(s->db, s->self, s->session, people[i].id, ref) != SC_OK)
            return demo_fail("enrolling");
    }
    snprintf(ref, sizeof ref, "%lld", (long long)s->app[2]);
    demo_step("enrol 王五 (application not confirmed)",
              sc_session_enrol(s->db, s->self, s->session, people[2].id, ref));
    for (i = 0, rc = SC_OK; i < 5 && rc == SC_OK; i++)
        rc = sc_session_staff_add(s->db, s->self, s->session,
                                  i < 2 ? SC_COMPONENT_THEORY : SC_COMPONENT_PRACTICAL, staff[i]);
    if (rc != SC_OK || sc_session_check(&v, s->db, s->session) != SC_OK)
        return demo_fail("staffing");
    printf("  staffing: 2 invigilators, 3 examiners for 2 candidates: %s%s\n",
           v.ok ? "meets the standard's ratios" : "short: ", v.ok ? "" : v.message);
    if (demo_step("the organization confirms the session",
                  sc_session_confirm(s->db, s->self, s->session, "2023-07-01")))
        return 1;

    if (add_item(s, "DB-001", "标注图像中的行人时，被遮挡部分应当如何处理？", "按规范估计完整轮廓",
                 "忽略被遮挡部分") ||
        add_item(s, "DB-002", "数据标注质检发现批量错误时，首先应当？", "暂停并追溯原因",
                 "直接提交") ||
        add_item(s, "DB-003", "个人信息数据标注前应当？", "完成脱敏处理", "无需处理") ||
        add_item(s, "DB-004", "多人标注结果不一致时，应当？", "按规则仲裁", "随机选取一个"))
        return 1;
    if (sc_blueprint_new(&bp) != SC_OK || sc_blueprint_add_area(bp, "数据标注规范", 100) ||
        sc_blueprint_add_type(bp, SC_ITEM_SINGLE, 4, 25)) {
        sc_blueprint_free(bp);
        return demo_fail("preparing the blueprint");
    }
    rc = sc_paper_assemble(&paper, s->db, s->self, s->session, SC_COMPONENT_THEORY, bp, 20230715);
    sc_blueprint_free(bp);
    if (rc != SC_OK || sc_paper_score(&score, s->db, s->self, paper, people[0].id, answers, 4))
        return demo_fail("assembling and scoring the paper");
    printf("  paper %lld assembled from the bank (seed 20230715); 张三's answer sheet scores %.0f\n",
           (long long)paper, score);
    if (sc_result_record(s->db, s->self, s->session, people[0].id, 75, 82, SC_SCORE_NONE,
                         "2023-07-15") != SC_OK ||
        sc_result_record(s->db, s->self, s->session, people[1].id, 64, 71, SC_SCORE_NONE,
                         "2023-07-15") != SC_OK)
        return demo_fail("recording results");
    printf("  results: 张三 75/82 pass, 李四 64/71 pass (every component at least 60)\n");
    return 0;
}

static void show(const sc_verification *v, const char *asked)
{
    printf("  verify %s as %s: %s", v->number, asked, sc_verify_status_name(v->status));
    if (v->status == SC_VERIFY_VALID || v->status == SC_VERIFY_REVOKED)
        printf(" — %s %s, %s level %d, %s%s%s", v->masked_name, v->masked_id,
               v->occupation_name, v->level, v->org_name, v->revoked[0] ? ", revoked " : "",
               v->revoked);
    printf("\n");
}

static int certificates(season *s)
{
    sc_verification v = SC_VERIFICATION_INIT;
    size_t i;

    printf("\n10. Certificates (报备, 发证, 公布, 查询):\n");
    for (i = 0; i < 2; i++) {
        if (sc_certificate_report(s->number[i], s->db, s->self, s->session, people[i].id,
                                  "2023-07-20") != SC_OK ||
            sc_certificate_issue(s->db, s->self, s->number[i], "sha256:photo", "2023-07-25") ||
            sc_certificate_publish(s->db, s->centre, s->number[i], "2023-08-01"))
            return demo_fail("issuing");
        printf("  %s: reported, issued, published — %s\n", people[i].name, s->number[i]);
    }
    if (sc_certificate_verify(&v, s->db, s->number[0], "张三", NULL) != SC_OK)
        return demo_fail("verifying");
    show(&v, "张三");
    if (sc_certificate_verify(&v, s->db, s->number[0], "李四", NULL) != SC_OK)
        return demo_fail("verifying");
    show(&v, "李四");
    if (demo_step("the organization revokes 李四's (资料不实)",
                  sc_certificate_revoke(s->db, s->self, s->number[1], "资料不实", "2023-09-01")))
        return 1;
    if (sc_certificate_verify(&v, s->db, s->number[1], "李四", NULL) != SC_OK)
        return demo_fail("verifying");
    show(&v, "李四");
    return 0;
}

/* A key and its certificate for `party`, certified by (ikey, icert); the root when
 * ikey is NULL (self-signed). */
static int make_party(char **key, char **cert, const char *party, const char *ikey,
                      const char *icert, const char *to)
{
    sc_signer *by = NULL;
    char *req = NULL;
    int rc = sc_pki_key_new(key, NULL);
    if (rc == SC_OK)
        rc = sc_pki_request_new(&req, NULL, *key, party);
    if (rc == SC_OK)
        rc = sc_signer_new_key(&by, ikey ? ikey : *key, icert);
    if (rc == SC_OK)
        rc = sc_pki_certify(cert, NULL, by, req, "2023-01-01", to);
    sc_signer_free(by);
    sc_free(req);
    return rc;
}

/* Issue 12: the bureau's root, the centre, the district and the organization make
 * their keys, and the registry takes the bureau's root as its trust anchor (from
 * then on it imports only documents whose signer chains to it); the organization
 * signs its certificate batch (a detached signature over the file's bytes), the
 * city centre the directory (an enveloped XML Signature); both are checked against
 * the bureau's root alone. *org_out: the organization's signer (sc_signer_free). */
static int signed_exchange(season *s, sc_signer **org_out)
{
    char *rk = NULL, *rootc = NULL, *ck = NULL, *cc = NULL, *dk = NULL, *dc = NULL, *ok = NULL,
         *oc = NULL, *chain = NULL, *sig = NULL, *xml = NULL, *signed_xml = NULL;
    char party[64], path[512];
    sc_export_options opts = SC_EXPORT_OPTIONS_INIT;
    sc_sign_options so = SC_SIGN_OPTIONS_INIT;
    sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
    sc_xml_verification xv = SC_XML_VERIFICATION_INIT;
    sc_signer *signer = NULL;
    sc_actor *bureau = NULL;
    size_t len = 0;
    int rc, fd;

    *org_out = NULL;
    snprintf(party, sizeof party, "org:%s", s->org);
    rc = make_party(&rk, &rootc, "city-bureau", NULL, NULL, "2035-12-31");
    if (rc == SC_OK)
        rc = make_party(&ck, &cc, "city-centre", rk, rootc, "2030-12-31");
    if (rc == SC_OK)
        rc = make_party(&dk, &dc, "district:110108", rk, rootc, "2030-12-31");
    if (rc == SC_OK)
        rc = make_party(&ok, &oc, party, ck, cc, "2030-12-31");
    if (rc != SC_OK)
        goto done;
    printf("  keys: city-bureau (root), city-centre and district:110108 certified by the "
           "bureau, %s certified by the centre\n", party);
    if ((rc = sc_actor_new(&bureau, SC_ACTOR_CITY_BUREAU, NULL, NULL)) != SC_OK ||
        (rc = sc_pki_anchor_set(s->db, bureau, rootc, NULL)) != SC_OK)
        goto done;
    printf("  the registry's trust anchor: the bureau's root (imports must be signed)\n");
    if (!(chain = malloc(strlen(oc) + strlen(cc) + 1))) {
        rc = SC_ENOMEM;
        goto done;
    }
    strcpy(chain, oc);
    strcat(chain, cc);
    snprintf(path, sizeof path, "%s/demo-batch-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR")
                                                                          : "/tmp");
    if ((fd = mkstemp(path)) < 0) {
        rc = SC_EIO;
        goto done;
    }
    close(fd);
    opts.credit_code = s->org;
    opts.date = "2023-08-31";
    if ((rc = sc_xml_exchange_export_file(s->db, SC_DOC_CERTIFICATE_BATCH, path, &opts)) ||
        (rc = sc_signer_new_key(&signer, ok, chain)) ||
        (rc = sc_pki_sign_detached(&sig, &len, path, signer, NULL)))
        goto removed;
    rc = sc_pki_verify_detached(&v, NULL, path, sig, rootc, NULL);
    printf("  certificate batch signed by %s (detached CMS over its bytes), verified "
           "against the bureau's root: %s\n", v.party, rc == SC_OK ? "yes" : "NO");
    sc_signer_free(signer);
    signer = NULL;
    opts.credit_code = NULL;
    if ((rc = sc_xml_exchange_export_memory(&xml, &len, s->db, SC_DOC_DIRECTORY, &opts)) ||
        (rc = sc_signer_new_key(&signer, ck, cc)) ||
        (rc = sc_xml_sign_memory(&signed_xml, &len, xml, len, signer, &so)))
        goto removed;
    rc = sc_xml_verify_memory(&xv, signed_xml, len, rootc, NULL);
    printf("  directory signed by %s (enveloped XML Signature), verified: %s\n",
           xv.sig[0].party, rc == SC_OK ? "yes" : "NO");
    if (rc == SC_OK)
        rc = sc_signer_new_key(org_out, ok, chain);
removed:
    remove(path);
done:
    sc_signer_free(signer);
    sc_actor_free(bureau);
    sc_free(rk); sc_free(rootc); sc_free(ck); sc_free(cc); sc_free(dk); sc_free(dc);
    sc_free(ok); sc_free(oc); sc_free(sig); sc_free(xml); sc_free(signed_xml);
    free(chain);
    return rc;
}

/* The organization forges the city centre's act: a certificate acknowledgement
 * (公示, publication) that it issues itself, and signs it with its own key, so the
 * signature proves who sent it (issue 12). An import does only what its issuer may
 * do directly, so it is refused and nothing changes (issue 11). 0: refused. */
static int forged_issuer(season *s, const sc_signer *org)
{
    sc_sign_options so = SC_SIGN_OPTIONS_INIT;
    char *signed_doc = NULL;
    size_t slen = 0;
    static const char centre[] = "issuer=\"city-centre\"";
    sc_export_options opts = SC_EXPORT_OPTIONS_INIT;
    sc_audit_result before = SC_AUDIT_RESULT_INIT, after = SC_AUDIT_RESULT_INIT;
    sc_report *report = NULL;
    char *xml = NULL, *forged = NULL, *p;
    size_t len = 0, n = 0;
    int rc = SC_ERROR;

    opts.credit_code = s->org;
    opts.date = "2023-08-31";
    if (sc_xml_exchange_export_memory(&xml, &len, s->db, SC_DOC_CERTIFICATE_ACK, &opts) != SC_OK)
        return demo_fail("exporting the certificate acknowledgement");
    if (!(p = strstr(xml, centre)) || !(forged = malloc(len + 64))) {
        sc_free(xml);
        return demo_fail("forging the acknowledgement");
    }
    n = (size_t)(p - xml);
    memcpy(forged, xml, n);
    n += (size_t)sprintf(forged + n, "issuer=\"org:%s\"", s->org);
    memcpy(forged + n, p + sizeof centre - 1, len - (size_t)(p - xml) - (sizeof centre - 1));
    n += len - (size_t)(p - xml) - (sizeof centre - 1);
    sc_free(xml);
    if (sc_xml_sign_memory(&signed_doc, &slen, forged, n, org, &so) != SC_OK) {
        free(forged);
        return demo_fail("signing the forged acknowledgement");
    }
    if (sc_report_new(&report) == SC_OK && sc_audit_verify(&before, s->db) == SC_OK) {
        rc = sc_xml_import_memory(NULL, s->db, s->self, signed_doc, slen, "forged-ack.xml",
                                  NULL, report);
        if (sc_audit_verify(&after, s->db) == SC_OK)
            printf("  a certificate acknowledgement (公示) the organization issued itself: %s\n"
                   "    %s\n    audit entries before %lld, after %lld: nothing imported\n",
                   rc == SC_OK ? "IMPORTED" : "refused",
                   rc == SC_OK ? "" : sc_error_last()->message, (long long)before.entries,
                   (long long)after.entries);
        else
            rc = SC_OK;
    }
    sc_report_free(report);
    sc_free(signed_doc);
    free(forged);
    return rc == SC_OK || rc == SC_ERROR;
}

static int exchange(season *s)
{
    static const char hostile[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<revocations xmlns=\"urn:skillcert:revocations:1\">&x;</revocations>\n";
    sc_export_options opts = SC_EXPORT_OPTIONS_INIT;
    sc_report *report = NULL;
    sc_signer *org = NULL;
    char *xml = NULL;
    size_t len = 0;
    int doctype = 0, rc;
    sc_audit_result before = SC_AUDIT_RESULT_INIT, after = SC_AUDIT_RESULT_INIT;

    printf("\n11. XML exchange (schemas in share/skillcert/schemas):\n");
    opts.credit_code = s->org;
    opts.date = "2023-08-31";
    if (sc_xml_exchange_export_memory(&xml, &len, s->db, SC_DOC_CERTIFICATE_BATCH, &opts) != SC_OK)
        return demo_fail("exporting the certificate batch");
    rc = sc_xml_validate_memory(&doctype, NULL, xml, len, "certificate-batch.xml", NULL);
    printf("  certificate batch for the city centre: %zu bytes, validates as <%s>: %s\n", len,
           sc_doctype_name(doctype), rc == SC_OK ? "yes" : "NO");
    sc_free(xml);
    if (signed_exchange(s, &org) != SC_OK)
        return demo_fail("signing the exchange");
    if (sc_report_new(&report) != SC_OK || sc_audit_verify(&before, s->db) != SC_OK) {
        sc_signer_free(org);
        return demo_fail("preparing the import");
    }
    rc = sc_xml_import_memory(NULL, s->db, s->self, hostile, sizeof hostile - 1, "hostile.xml",
                              NULL, report);
    if (sc_audit_verify(&after, s->db) != SC_OK) {
        sc_report_free(report);
        sc_signer_free(org);
        return demo_fail("reading the audit trail");
    }
    printf("  a document with an external entity (XXE): %s\n    %s\n    audit entries before "
           "%lld, after %lld: nothing imported\n",
           rc == SC_OK ? "IMPORTED" : "refused",
           sc_report_count(report) ? sc_report_get(report, 0)->message : "(no diagnostic)",
           (long long)before.entries, (long long)after.entries);
    sc_report_free(report);
    if (rc != SC_OK)
        rc = forged_issuer(s, org);
    else
        rc = 1;
    sc_signer_free(org);
    return rc;
}

static int supervision(season *s)
{
    sc_credit_list_query q = SC_CREDIT_LIST_QUERY_INIT;
    sc_credit_iter *it = NULL;
    sc_period_report *rep = NULL;
    sc_credit_score score = SC_CREDIT_SCORE_INIT;
    int64_t inspection = 0, finding = 0, sanction = 0;
    size_t count = 0;
    size_t len = 0;
    FILE *f;
    int rc;

    printf("\n12. Quality supervision (质量督导, 信用评估):\n");
    if (demo_step("city centre opens a spot check of the organization",
                  sc_inspection_open(&inspection, s->db, s->centre, s->org, SC_INSPECT_ORG, NULL,
                                     "2023-10-10", "年度抽查")) ||
        demo_step("finding: fees not published (disclosure, 一般)",
                  sc_inspection_add_finding(&finding, s->db, s->centre, inspection, "disclosure",
                                            SC_FINDING_MINOR, "官网未公示收费标准", NULL, 0,
                                            "2023-10-10")) ||
        demo_step("sanction: rectification by 2023-11-10 (限期整改)",
                  sc_sanction_impose(&sanction, s->db, s->centre, finding,
                                     SC_SANCTION_RECTIFICATION, "2023-11-10", "公示收费标准",
                                     "2023-10-12")) ||
        demo_step("close the inspection",
                  sc_inspection_close(s->db, s->centre, inspection, "限期整改", "2023-10-12")))
        return 1;
    q.as_of = "2023-12-31";
    if (sc_credit_compute(&count, s->db, s->centre, "2023-12-31") != SC_OK ||
        sc_credit_list_iter_new(&it, s->db, &q) != SC_OK)
        return demo_fail("computing the credit evaluation");
    printf("  credit evaluation as of 2023-12-31 (%zu organization%s):\n", count,
           count == 1 ? "" : "s");
    while ((rc = sc_credit_iter_next(&score, it)) == SC_OK)
        printf("    #%d %s %s  %.1f (findings %lld, penalty %.1f)\n", score.rank, score.name,
               score.credit_code, score.score, (long long)score.findings, score.penalty);
    sc_credit_iter_free(it);
    if (rc != SC_ITEROVER)
        return demo_fail("listing the credit evaluation");
    if (sc_period_report_get(&rep, s->db, "2023-01-01", "2023-12-31") != SC_OK)
        return demo_fail("gathering the period report");
    printf("  period report 2023: %lld certificates in force, %lld findings, %lld sanctions\n",
           (long long)sc_period_report_total(rep, SC_RSEC_CERT_ORG),
           (long long)sc_period_report_total(rep, SC_RSEC_FINDINGS),
           (long long)sc_period_report_total(rep, SC_RSEC_SANCTIONS));
    /* The library returns the data; the page is rendered here (tools/report_html.c). */
    f = fopen(s->report_path, "wb");
    if (!f || report_html_write(f, rep) != 0) {
        if (f)
            fclose(f);
        sc_period_report_free(rep);
        fprintf(stderr, "demo: cannot write %s\n", s->report_path);
        return 1;
    }
    len = (size_t)ftell(f);
    sc_period_report_free(rep);
    if (fclose(f) != 0) {
        fprintf(stderr, "demo: cannot write %s\n", s->report_path);
        return 1;
    }
    printf("  charts written to %s (%zu bytes; open it in a browser)\n", s->report_path, len);
    return 0;
}

int demo_season(sc_db *db, const char *org, const char *report_path)
{
    season s;
    int rc = 1;

    memset(&s, 0, sizeof s);
    s.db = db;
    s.org = org;
    s.report_path = report_path;
    if (sc_actor_new(&s.self, SC_ACTOR_ORGANIZATION, org, "北京智训科技有限公司") ||
        sc_actor_new(&s.haidian, SC_ACTOR_DISTRICT, "110108", "海淀区人社局") ||
        sc_actor_new(&s.centre, SC_ACTOR_CITY_CENTRE, NULL, "市职业技能鉴定管理中心") ||
        sc_actor_new(&s.pub, SC_ACTOR_PUBLIC, NULL, NULL)) {
        demo_fail("making the actors");
        goto done;
    }
    if (intake(&s) || assessment(&s) || certificates(&s) || exchange(&s) || supervision(&s))
        goto done;
    rc = 0;
done:
    sc_actor_free(s.self);
    sc_actor_free(s.haidian);
    sc_actor_free(s.centre);
    sc_actor_free(s.pub);
    return rc;
}
