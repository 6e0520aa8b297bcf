/*
 * End-to-end demo of libskillcert on an embedded SQLite file:
 *   1-3. load the notice's catalog (京人社能发〔2022〕8号 附件1), print it with
 *        levels by name, answer "is this certifiable?";
 *   4.   an evaluation organization's filing, step by step through district and
 *        city, and a refusal when the wrong district acts;
 *   5.   "may it certify ...?" from its scope and validity;
 *   6.   a candidate's eligibility decided from the rules, with the reasons;
 *   8-12 one certification season (demo_season.c): intake, assessment,
 *        certificates, XML exchange, quality supervision and credit;
 *   13.  the audit trail of every change verified.
 *
 *   demo [REGISTRY.db]      (default: demo.db)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <skillcert.h>
#include "demo.h"

int demo_fail(const char *what)
{
    const sc_error *e = sc_error_last();
    fprintf(stderr, "demo: %s: %s (%s)\n", what, e->message, sc_strerror(e->code));
    return 1;
}

/* Display width of UTF-8 text: CJK and fullwidth forms take two columns. */
static int width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        cp = n == 1 ? *p : n == 2 ? (*p & 0x1Fu) : n == 3 ? (*p & 0x0Fu) : (*p & 0x07u);
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3Fu);
        w += (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                     (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                     (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                 ? 2 : 1;
        p += n;
    }
    return w;
}

/* Print s left-aligned in a column of `cols` display columns. */
static void cell(const char *s, int cols)
{
    int pad = cols - width(s);
    printf("%s%*s", s, pad > 1 ? pad : 1, "");
}

/* Print "5 初级工, 4 中级工" for the offerings of one work type (NULL: undivided). */
static void print_levels(const sc_occupation *o, const char *work_type)
{
    size_t i, n = 0;
    for (i = 0; i < sc_occupation_offering_count(o); i++) {
        const char *wt = sc_occupation_offering_work_type(o, i);
        int level = sc_occupation_offering_level(o, i);
        if ((wt == NULL) != (work_type == NULL) || (wt && strcmp(wt, work_type)))
            continue;
        printf("%s%d %s", n++ ? ", " : "", level, sc_level_name_zh(level));
    }
    printf("\n");
}

static int print_catalog(sc_db *db)
{
    sc_occupation_query q = SC_OCCUPATION_QUERY_INIT;
    sc_occupation_iter *it = NULL;
    sc_occupation *o = NULL;
    int rc, n = 0;
    q.date = "2022-04-12";
    if (sc_occupation_iter_new(&it, db, &q) != SC_OK)
        return demo_fail("listing the catalog");
    cell("#", 4), cell("code", 12), cell("occupation", 24), cell("work type", 20);
    printf("levels\n");
    while ((rc = sc_occupation_iter_next(&o, it)) == SC_OK) {
        size_t w, has_undivided = 0, i;
        char num[16];
        for (i = 0; i < sc_occupation_offering_count(o); i++)
            has_undivided |= sc_occupation_offering_work_type(o, i) == NULL;
        snprintf(num, sizeof num, "%d", ++n);
        cell(num, 4), cell(sc_occupation_code(o), 12), cell(sc_occupation_name(o), 24);
        if (has_undivided || sc_occupation_work_type_count(o) == 0) {
            cell(sc_occupation_work_type_count(o) ? "(不分方向)" : "——", 20);
            print_levels(o, NULL);
        }
        for (w = 0; w < sc_occupation_work_type_count(o); w++) {
            const char *wt = sc_occupation_work_type(o, w);
            if (w > 0 || has_undivided)
                cell("", 40);
            cell(wt, 20);
            print_levels(o, wt);
        }
        sc_occupation_free(o);
    }
    sc_occupation_iter_free(it);
    if (rc != SC_ITEROVER)
        return demo_fail("reading the catalog");
    return 0;
}

static void ask(sc_db *db, const char *code, const char *work_type, int level, const char *date)
{
    sc_verdict v = SC_VERDICT_INIT;
    if (sc_catalog_check(&v, db, code, work_type, level, date) != SC_OK) {
        demo_fail("checking");
        return;
    }
    printf("  %s %s level %d (%s) on %s: %s%s%s\n", code, work_type ? work_type : "(no work type)",
           level, sc_level_name_zh(level), date, v.ok ? "certifiable" : "NOT certifiable",
           v.ok ? "" : " — ", v.message);
}

int demo_step(const char *what, int rc)
{
    printf("  ");
    cell(what, 60);
    if (rc == SC_OK)
        printf("ok\n");
    else
        printf("refused: %s (%s)\n", sc_error_last()->message, sc_strerror(rc));
    return rc;
}

static void may(sc_db *db, const char *org, const char *code, const char *wt, int level,
                const char *date)
{
    sc_verdict v = SC_VERDICT_INIT;
    if (sc_org_may_certify(&v, db, org, code, wt, level, date, NULL, SC_PATH_NORMAL) != SC_OK) {
        demo_fail("may-certify");
        return;
    }
    printf("  %s %s level %d on %s: %s%s%s\n", code, wt ? wt : "", level, date,
           v.ok ? "yes" : "no", v.ok ? "" : " — ", v.message);
}

#define ORG_CODE_BASE "91110108MA01XK7H2" /* 17 characters; the check character is computed */

static int demo_organization(sc_db *db, char org[19])
{
    sc_actor *self = NULL, *haidian = NULL, *chaoyang = NULL, *centre = NULL;
    sc_offerings *scope = NULL;
    sc_org info = SC_ORG_INIT;
    int rc = 1, check = sc_credit_code_check_char(ORG_CODE_BASE);

    snprintf(org, 19, "%s%c", ORG_CODE_BASE, check > 0 ? check : '0');
    printf("\n4. Filing an evaluation organization (社会培训评价组织) %s:\n", org);
    if (sc_actor_new(&self, SC_ACTOR_ORGANIZATION, org, "北京智训科技有限公司") ||
        sc_actor_new(&haidian, SC_ACTOR_DISTRICT, "110108", "海淀区人社局") ||
        sc_actor_new(&chaoyang, SC_ACTOR_DISTRICT, "110105", "朝阳区人社局") ||
        sc_actor_new(&centre, SC_ACTOR_CITY_CENTRE, NULL, "市职业技能鉴定管理中心") ||
        sc_offerings_new(&scope) || sc_offerings_add_text(scope, "4-04-05-05/数据标注员:5,4,3") ||
        sc_offerings_add_text(scope, "4-02-07-10:5,4")) {
        demo_fail("preparing");
        goto done;
    }
    if (demo_step("register in 海淀区 (the organization)",
             sc_org_register(db, self, org, "北京智训科技有限公司", SC_ORG_ENTERPRISE, "110108",
                             "2023-01-05", 0)) ||
        demo_step("apply for 4-04-05-05/数据标注员 5-3 and 4-02-07-10 5-4",
             sc_org_apply(db, self, org, scope, "2023-02-01")))
        goto done;
    demo_step("朝阳区 recommends it (not its district)",
         sc_org_recommend(db, chaoyang, org, "2023-02-10", NULL));
    if (demo_step("海淀区 confirms and recommends it to the city",
             sc_org_recommend(db, haidian, org, "2023-02-10", NULL)) ||
        demo_step("city centre: expert evaluation (材料核验, 专家论证, 现场评估)",
             sc_org_evaluate(db, centre, org, NULL, SC_EVAL_ALL, "2023-03-01", NULL)) ||
        demo_step("city centre: public notice (公示)", sc_org_notice(db, centre, org, "2023-03-10")) ||
        demo_step("city centre: filing (备案) and receipt", sc_org_file(db, centre, org, "2023-05-10")) ||
        demo_step("organization signs the commitment letter (承诺书)",
             sc_org_commit(db, self, org, "2023-05-12")))
        goto done;
    if (sc_org_get(&info, db, org, "2023-06-01") != SC_OK) {
        demo_fail("reading the organization");
        goto done;
    }
    printf("  receipt %s, filed %s, valid until %s, status %s\n", info.receipt, info.filed,
           info.valid_until, sc_filing_status_name(info.status));

    printf("\n5. May it certify?\n");
    may(db, org, "4-04-05-05", "数据标注员", 4, "2024-01-15");
    may(db, org, "4-04-05-05", "数据标注员", 2, "2024-01-15");
    may(db, org, "4-04-05-04", "建筑工程", 3, "2024-01-15");
    may(db, org, "4-02-07-10", NULL, 5, "2026-06-01");
    rc = 0;
done:
    sc_offerings_free(scope);
    sc_actor_free(self);
    sc_actor_free(haidian);
    sc_actor_free(chaoyang);
    sc_actor_free(centre);
    return rc;
}

static int demo_audit(sc_db *db)
{
    sc_audit_result r = SC_AUDIT_RESULT_INIT;
    printf("\n13. The audit trail (hash-chained with SHA-256), every change above:\n");
    if (sc_audit_verify(&r, db) != SC_OK)
        return demo_fail("verifying the audit trail");
    printf("  %lld entries, %s\n", (long long)r.entries, r.ok ? "intact" : r.message);
    return 0;
}

static int demo_eligibility(sc_db *db, sc_actor *city)
{
    sc_actor *centre = NULL;
    sc_candidate *c = NULL;
    sc_ruleset *rs = NULL;
    sc_decision *d = NULL;
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    const char *dates[] = { "2023-02-28", "2023-03-01" };
    int rc = 1;
    size_t i, k;

    printf("\n6. Eligibility (rules as data: the 2018 national template and standards):\n");
    if (sc_eligibility_load_defaults(&res, db, city) != SC_OK) {
        demo_fail("loading the eligibility rules");
        goto done;
    }
    if (sc_actor_new(&centre, SC_ACTOR_CITY_CENTRE, NULL, NULL) ||
        sc_candidate_new(&c, "11010519491231002x", "张三") ||
        sc_candidate_add_work(c, "4-04-05-05", "2018-03-01", NULL) ||
        sc_candidate_add_certificate(c, SC_CERT_KIND_SKILL_LEVEL, "4-04-05-05", "数据标注员", 5,
                                     "2019-03-01", NULL) ||
        sc_candidate_save(db, centre, c) || sc_ruleset_load(&rs, db, "2023-03-01") ||
        sc_decision_new(&d)) {
        demo_fail("preparing the candidate");
        goto done;
    }
    printf("  candidate %s %s (born %s), works as 数据标注员 since 2018-03-01,\n"
           "  level-5 certificate since 2019-03-01; applies for level 4 (中级工):\n",
           sc_candidate_id_number(c), sc_candidate_name(c), sc_candidate_birth_date(c));
    for (k = 0; k < 2; k++) {
        if (sc_eligibility_decide(d, rs, c, "4-04-05-05", "数据标注员", 4, SC_PATH_NORMAL, 0,
                                  dates[k]) != SC_OK) {
            demo_fail("deciding");
            goto done;
        }
        printf("  on %s: %s\n", dates[k], sc_decision_eligible(d) ? "ELIGIBLE" : "not eligible");
        if (sc_decision_eligible(d))
            printf("    matched %s — %s\n", sc_decision_matched(d), sc_decision_clause(d));
        else
            for (i = 0; i < sc_decision_condition_count(d); i++)
                printf("    %-8s %s\n", sc_decision_condition_id(d, i),
                       sc_decision_condition_message(d, i));
    }
    rc = 0;
done:
    sc_decision_free(d);
    sc_ruleset_free(rs);
    sc_candidate_free(c);
    sc_actor_free(centre);
    return rc;
}

/* The certificate in the holder's hand: the first published one drawn as a
   PDF beside the registry, and the command that serves public verification. */
static int demo_render(sc_db *db, const char *path, const char *pdf)
{
    sc_certificate_iter *it = NULL;
    sc_certificate c = SC_CERTIFICATE_INIT;
    int rc;

    printf("\n14. The certificate in the holder's hand (纸质或电子证书) and public verification:\n");
    if (sc_certificate_iter_new(&it, db, NULL) != SC_OK)
        return demo_fail("listing the certificates");
    while ((rc = sc_certificate_iter_next(&c, it)) == SC_OK && c.status != SC_CERT_PUBLISHED)
        ;
    sc_certificate_iter_free(it);
    if (rc != SC_OK)
        return demo_fail("finding a published certificate");
    if (sc_certificate_render(db, c.number, pdf, NULL) != SC_OK)
        return demo_fail("rendering the certificate");
    printf("  %s (%s) drawn to %s, its QR code pointing at %s\n", c.number, c.holder, pdf,
           SC_VERIFY_URL_DEFAULT);
    printf("  serve the registry (read-only) for the QR code and the form:\n");
    printf("    skillcert --db %s serve --listen 127.0.0.1:8080\n", path);
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "demo.db";
    sc_db *db = NULL;
    sc_actor *city = NULL;
    sc_import_result res = SC_IMPORT_RESULT_INIT;
    int rc = 1;

    printf("libskillcert %s — registry %s\n\n", sc_version_string(), path);
    if (sc_db_open(&db, path, NULL) != SC_OK)
        return demo_fail("opening the registry");
    if (sc_actor_new(&city, SC_ACTOR_CITY_BUREAU, NULL, "北京市人力资源和社会保障局") != SC_OK) {
        demo_fail("making the actor");
        goto done;
    }
    if (sc_xml_import_notice(&res, db, city) != SC_OK) {
        demo_fail("loading the catalog");
        goto done;
    }
    if (res.already_imported)
        printf("1. Catalog batch %s was already loaded.\n\n", res.batch_id);
    else
        printf("1. Loaded the notice's catalog (batch %s): %llu records.\n\n", res.batch_id,
               (unsigned long long)res.records);
    printf("2. 新职业目录清单 (京人社能发〔2022〕8号 附件1):\n\n");
    if (print_catalog(db))
        goto done;
    printf("\n3. Is it certifiable?\n");
    ask(db, "4-04-05-04", NULL, 5, "2023-06-01");
    ask(db, "4-04-05-04", NULL, 3, "2023-06-01");
    ask(db, "4—04—05—04", "建筑工程", 3, "2023-06-01");
    ask(db, "4-14-02-04", "医学遗传", 1, "2023-06-01");
    ask(db, "4-14-02-04", "医学遗传", 2, "2023-06-01");
    ask(db, "4-02-07-10", NULL, 5, "2021-12-31");
    if (res.already_imported) {
        printf("\n(the registry already holds the rest of the demo: remove %s to run it again)\n",
               path);
        rc = 0;
        goto done;
    }
    {
        char org[19], report[4096], pdf[4096];
        snprintf(report, sizeof report, "%s", path);
        if (strlen(report) > 3 && !strcmp(report + strlen(report) - 3, ".db"))
            report[strlen(report) - 3] = '\0';
        snprintf(pdf, sizeof pdf, "%s", report);
        strncat(report, "-report.html", sizeof report - strlen(report) - 1);
        strncat(pdf, "-certificate.pdf", sizeof pdf - strlen(pdf) - 1);
        if (demo_organization(db, org) || demo_eligibility(db, city) ||
            demo_season(db, org, report) || demo_audit(db) || demo_render(db, path, pdf))
            goto done;
    }
    rc = 0;
done:
    sc_actor_free(city);
    sc_db_close(db);
    return rc;
}
