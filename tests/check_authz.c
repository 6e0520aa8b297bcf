/* Authorization: every state-changing call × every actor kind against the one
 * action table, and every exported changing call has a rule (authz.h). */
#include "config.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "check_suites.h"
#include "store_int.h"
#include "authz_fixture.h"

#define ORG_A "91110108MA01ABCD2H"  /* 海淀区 110108 */
#define ORG_B "52110102MJ00123450"  /* 西城区 110102, not yet registered */
#define ORG_C "91110105MA01CHY00K"  /* another organization, never registered */
#define CAND  "11010519491231002X"

static const char CATALOG_DOC[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<catalog xmlns=\"urn:skillcert:catalog:1\" version=\"1\" batch=\"authz-test-1\" issuer=\"city-bureau\">\n"
    "  <occupation code=\"4-04-05-13\" name=\"测试职业\" effective=\"2024-01-01\">\n"
    "    <offering level=\"5\"/>\n"
    "  </occupation>\n"
    "</catalog>\n";

/* ---- registry states, built once and copied for every call ---------------------- */

enum { S_EMPTY, S_CATALOG, S_REG, S_APPLIED, S_RECOMMENDED, S_EVALUATED, S_NOTICED, S_FILED,
       S_ACTIVE, S_RULES, S_STAFF,
       S_AP_ANN, S_AP_SUBMITTED, S_AP_VERIFIED, S_AP_CONFIRMED, /* authz_cases_application.h */
       S_AS_VENUE, S_AS_SESSION, S_AS_CONFIRMED, S_AS_PASSED, S_AS_REPORTED,
       S_AS_ISSUED, /* authz_cases_assessment.h */
       S_SV_SESSION, S_SV_ASSIGNED, S_SV_OPEN, S_SV_FINDING,
       S_SV_SANCTION, /* authz_cases_supervision.h */
       S_PKI_ANCHOR, /* authz_cases_pki.h */
       S_COUNT };

static sc_db *states[S_COUNT];

#include "authz_cases_application.h"
#include "authz_cases_assessment.h"
#include "authz_cases_exchange.h"
#include "authz_cases_xml_org.h"
#include "authz_cases_supervision.h"
#include "authz_cases_report_xml.h"
#include "authz_cases_pki.h"

static void build_states(void)
{
    sc_actor *a = t_actor(SC_ACTOR_ORGANIZATION, ORG_A);
    sc_actor *d = t_actor(SC_ACTOR_DISTRICT, "110108");
    sc_actor *c = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_offerings *s = NULL, *q = NULL;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-04-05-05/数据标注员:5,4,3"));
    ck_ok(sc_offerings_add_text(s, "4-02-07-10:5,4"));
    ck_ok(sc_offerings_new(&q));
    ck_ok(sc_offerings_add_text(q, "4-02-07-10:5"));

    states[S_EMPTY] = t_memdb();
    states[S_CATALOG] = t_notice_db();
    states[S_REG] = t_clone_db(states[S_CATALOG]);
    ck_ok(sc_org_register(states[S_REG], a, ORG_A, "北京智训科技有限公司", SC_ORG_ENTERPRISE,
                          "110108", "2023-01-05", 0));
    states[S_APPLIED] = t_clone_db(states[S_REG]);
    ck_ok(sc_org_apply(states[S_APPLIED], a, ORG_A, s, "2023-02-01"));
    states[S_RECOMMENDED] = t_clone_db(states[S_APPLIED]);
    ck_ok(sc_org_recommend(states[S_RECOMMENDED], d, ORG_A, "2023-02-10", NULL));
    states[S_EVALUATED] = t_clone_db(states[S_RECOMMENDED]);
    ck_ok(sc_org_evaluate(states[S_EVALUATED], c, ORG_A, NULL, SC_EVAL_ALL, "2023-03-01", NULL));
    states[S_NOTICED] = t_clone_db(states[S_EVALUATED]);
    ck_ok(sc_org_notice(states[S_NOTICED], c, ORG_A, "2023-03-10"));
    states[S_FILED] = t_clone_db(states[S_NOTICED]);
    ck_ok(sc_org_file(states[S_FILED], c, ORG_A, "2023-05-10"));
    states[S_ACTIVE] = t_clone_db(states[S_FILED]);
    ck_ok(sc_org_commit(states[S_ACTIVE], a, ORG_A, "2023-05-12"));
    states[S_RULES] = t_clone_db(states[S_ACTIVE]);
    ck_ok(sc_org_rules_submit(states[S_RULES], a, ORG_A, SC_PATH_EXCEPTIONAL, "破格申报办法",
                              "2023-06-01"));
    states[S_STAFF] = t_clone_db(states[S_ACTIVE]);
    ck_ok(sc_staff_add(states[S_STAFF], a, ORG_A, "E001", "张考评", SC_STAFF_EXAMINER, q,
                       "2023-06-01"));
    sc_offerings_free(s);
    sc_offerings_free(q);
    sc_actor_free(a);
    sc_actor_free(d);
    sc_actor_free(c);
    build_application_states();
    build_assessment_states();
    build_exchange_states();
    build_xml_org_states();
    build_supervision_states();
    build_report_xml_states();
    build_pki_states();
}

static void setup(void)
{
    build_states();
}

static void teardown(void)
{
    int i;
    for (i = 0; i < S_COUNT; i++) {
        sc_db_close(states[i]);
        states[i] = NULL;
    }
    free_application_states();
    free_exchange_states();
    free_report_xml_states();
    free_xml_org_states();
    free_pki_states();
}

/* ---- one call per action ------------------------------------------------------------- */

typedef int (*invoke_fn)(sc_db *db, const sc_actor *a);

static int inv_add_occupation(sc_db *db, const sc_actor *a)
{
    return sc_catalog_add_occupation(db, a, "4-04-05-13", "测试职业", "2024-01-01");
}
static int inv_add_work_type(sc_db *db, const sc_actor *a)
{
    return sc_catalog_add_work_type(db, a, "4-02-07-10", "新工种", "2024-01-01");
}
static int inv_add_offering(sc_db *db, const sc_actor *a)
{
    return sc_catalog_add_offering(db, a, "4-02-06-05", NULL, 5, "2024-01-01");
}
static int inv_withdraw_occupation(sc_db *db, const sc_actor *a)
{
    return sc_catalog_withdraw_occupation(db, a, "4-02-07-10", "2024-01-01");
}
static int inv_withdraw_work_type(sc_db *db, const sc_actor *a)
{
    return sc_catalog_withdraw_work_type(db, a, "4-01-02-07", "选品员", "2024-01-01");
}
static int inv_withdraw_offering(sc_db *db, const sc_actor *a)
{
    return sc_catalog_withdraw_offering(db, a, "4-02-07-10", NULL, 5, "2024-01-01");
}
static int inv_add_alias(sc_db *db, const sc_actor *a)
{
    return sc_catalog_add_alias(db, a, "4-01-06-02", "4-01-02-07");
}
static int inv_load_notice(sc_db *db, const sc_actor *a)
{
    return sc_catalog_load_notice(db, a);
}
static int inv_import_file(sc_db *db, const sc_actor *a)
{
    char *path = t_tmpfile(".xml");
    FILE *fp = fopen(path, "wb");
    int rc;
    ck_assert_ptr_nonnull(fp);
    fputs(CATALOG_DOC, fp);
    fclose(fp);
    rc = sc_xml_import_file(NULL, db, a, path, NULL, NULL);
    remove(path);
    free(path);
    return rc;
}
static int inv_import_memory(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory(NULL, db, a, CATALOG_DOC, strlen(CATALOG_DOC), "doc", NULL, NULL);
}
static int inv_import_notice(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_notice(NULL, db, a);
}
static int inv_register(sc_db *db, const sc_actor *a)
{
    return sc_org_register(db, a, ORG_B, "北京数字社会团体", SC_ORG_SOCIAL_GROUP, "110102",
                           "2023-01-05", 0);
}
static int inv_publish(sc_db *db, const sc_actor *a)
{
    return sc_org_publish(db, a, ORG_A, "https://example.org/rules", "300 元", "2023-01-10");
}
static int inv_apply(sc_db *db, const sc_actor *a)
{
    sc_offerings *s = NULL;
    int rc;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-02-07-10:5"));
    rc = sc_org_apply(db, a, ORG_A, s, "2023-02-01");
    sc_offerings_free(s);
    return rc;
}
static int inv_apply_addition(sc_db *db, const sc_actor *a)
{
    sc_offerings *s = NULL;
    int rc;
    ck_ok(sc_offerings_new(&s));
    ck_ok(sc_offerings_add_text(s, "4-04-05-05/数据标注员:2"));
    rc = sc_org_apply_addition(db, a, ORG_A, s, "2023-06-01");
    sc_offerings_free(s);
    return rc;
}
static int inv_recommend(sc_db *db, const sc_actor *a)
{
    return sc_org_recommend(db, a, ORG_A, "2023-02-10", NULL);
}
static int inv_reject_application(sc_db *db, const sc_actor *a)
{
    return sc_org_reject(db, a, ORG_A, "材料不全", "2023-02-10");
}
static int inv_evaluate(sc_db *db, const sc_actor *a)
{
    return sc_org_evaluate(db, a, ORG_A, NULL, SC_EVAL_ALL, "2023-03-01", NULL);
}
static int inv_notice(sc_db *db, const sc_actor *a)
{
    return sc_org_notice(db, a, ORG_A, "2023-03-10");
}
static int inv_file(sc_db *db, const sc_actor *a)
{
    return sc_org_file(db, a, ORG_A, "2023-05-10");
}
static int inv_reject(sc_db *db, const sc_actor *a)
{
    return sc_org_reject(db, a, ORG_A, "专家论证未通过", "2023-03-01");
}
static int inv_commit(sc_db *db, const sc_actor *a)
{
    return sc_org_commit(db, a, ORG_A, "2023-05-12");
}
static int inv_exit(sc_db *db, const sc_actor *a)
{
    return sc_org_exit(db, a, ORG_A, "不履行工作承诺", "2024-01-01");
}
static int inv_staff_add(sc_db *db, const sc_actor *a)
{
    return sc_staff_add(db, a, ORG_A, "M001", "王经理", SC_STAFF_MANAGER, NULL, "2023-06-01");
}
static int inv_staff_remove(sc_db *db, const sc_actor *a)
{
    return sc_staff_remove(db, a, ORG_A, "E001", SC_STAFF_EXAMINER, "2023-07-01");
}
static int inv_rules_submit(sc_db *db, const sc_actor *a)
{
    return sc_org_rules_submit(db, a, ORG_A, SC_PATH_DIRECT, "直接认定办法", "2023-06-01");
}
static int inv_rules_confirm(sc_db *db, const sc_actor *a)
{
    return sc_org_rules_confirm(db, a, ORG_A, SC_PATH_EXCEPTIONAL, "2023-06-10");
}
static int inv_candidate_save(sc_db *db, const sc_actor *a)
{
    sc_candidate *c = NULL;
    int rc;
    ck_ok(sc_candidate_new(&c, CAND, "张三"));
    rc = sc_candidate_save(db, a, c);
    sc_candidate_free(c);
    return rc;
}
static int inv_eligibility_defaults(sc_db *db, const sc_actor *a)
{
    return sc_eligibility_load_defaults(NULL, db, a);
}

typedef struct {
    const char *action;   /* the table's name */
    int state;            /* the registry it runs on */
    invoke_fn invoke;
    const char *org;      /* an organization actor's scope (its credit code) */
    const char *district; /* a district actor's scope (the organization's district) */
    int audited;          /* appends one audit entry when allowed */
    unsigned int kinds;   /* who may, restated from domain-model §3 independently of the table */
} action_case;

#define K_CB SC_AUTHZ_KIND_BIT(SC_ACTOR_CITY_BUREAU)
#define K_CC SC_AUTHZ_KIND_BIT(SC_ACTOR_CITY_CENTRE)
#define K_DI SC_AUTHZ_KIND_BIT(SC_ACTOR_DISTRICT)
#define K_OR SC_AUTHZ_KIND_BIT(SC_ACTOR_ORGANIZATION)
#define K_CA SC_AUTHZ_KIND_BIT(SC_ACTOR_CANDIDATE)

static const action_case cases[] = {
    { "catalog.add_occupation", S_CATALOG, inv_add_occupation, ORG_A, "110108", 1, K_CB },
    { "catalog.add_work_type", S_CATALOG, inv_add_work_type, ORG_A, "110108", 1, K_CB },
    { "catalog.add_offering", S_CATALOG, inv_add_offering, ORG_A, "110108", 1, K_CB },
    { "catalog.withdraw_occupation", S_CATALOG, inv_withdraw_occupation, ORG_A, "110108", 1, K_CB },
    { "catalog.withdraw_work_type", S_CATALOG, inv_withdraw_work_type, ORG_A, "110108", 1, K_CB },
    { "catalog.withdraw_offering", S_CATALOG, inv_withdraw_offering, ORG_A, "110108", 1, K_CB },
    { "catalog.add_alias", S_CATALOG, inv_add_alias, ORG_A, "110108", 1, K_CB },
    { "catalog.load_notice", S_EMPTY, inv_load_notice, ORG_A, "110108", 1, K_CB },
    /* A catalog document is public: any party takes the city bureau's catalog. */
    { "xml.import_file", S_CATALOG, inv_import_file, ORG_A, "110108", 1,
      K_CB | K_CC | K_DI | K_OR },
    { "xml.import_memory", S_CATALOG, inv_import_memory, ORG_A, "110108", 1,
      K_CB | K_CC | K_DI | K_OR },
    { "xml.import_notice", S_EMPTY, inv_import_notice, ORG_A, "110108", 1, K_CB },
    { "org.register", S_CATALOG, inv_register, ORG_B, "110102", 1, K_OR },
    { "org.publish", S_REG, inv_publish, ORG_A, "110108", 1, K_OR },
    { "org.apply", S_REG, inv_apply, ORG_A, "110108", 1, K_OR },
    { "org.apply_addition", S_ACTIVE, inv_apply_addition, ORG_A, "110108", 1, K_OR },
    { "org.recommend", S_APPLIED, inv_recommend, ORG_A, "110108", 1, K_DI },
    { "org.reject_application", S_APPLIED, inv_reject_application, ORG_A, "110108", 1, K_DI },
    { "org.evaluate", S_RECOMMENDED, inv_evaluate, ORG_A, "110108", 1, K_CC },
    { "org.notice", S_EVALUATED, inv_notice, ORG_A, "110108", 1, K_CC },
    { "org.file", S_NOTICED, inv_file, ORG_A, "110108", 1, K_CC },
    { "org.reject", S_RECOMMENDED, inv_reject, ORG_A, "110108", 1, K_CC },
    { "org.commit", S_FILED, inv_commit, ORG_A, "110108", 1, K_OR },
    { "org.exit", S_ACTIVE, inv_exit, ORG_A, "110108", 1, K_CB | K_CC },
    { "staff.add", S_ACTIVE, inv_staff_add, ORG_A, "110108", 1, K_OR },
    { "staff.remove", S_STAFF, inv_staff_remove, ORG_A, "110108", 1, K_OR },
    { "rules.submit", S_ACTIVE, inv_rules_submit, ORG_A, "110108", 1, K_OR },
    { "rules.confirm", S_RULES, inv_rules_confirm, ORG_A, "110108", 1, K_DI | K_CB },
    { "candidate.save", S_CATALOG, inv_candidate_save, ORG_A, "110108", 1, K_CC | K_CA },
    { "eligibility.load_defaults", S_CATALOG, inv_eligibility_defaults, ORG_A, "110108", 1, K_CB },
    AUTHZ_APPLICATION_CASES,
    AUTHZ_ASSESSMENT_CASES,
    AUTHZ_EXCHANGE_CASES,
    AUTHZ_XML_ORG_CASES,
    AUTHZ_SUPERVISION_CASES,
    AUTHZ_REPORT_XML_CASES,
    AUTHZ_PKI_CASES,
};
#define NCASES (sizeof cases / sizeof cases[0])

static const action_case *find_case(const char *action)
{
    size_t i;
    for (i = 0; i < NCASES; i++)
        if (!strcmp(cases[i].action, action))
            return &cases[i];
    return NULL;
}

/* The actor of `kind` in the scope of the case's subject. */
static sc_actor *actor_for(const action_case *c, int kind)
{
    switch (kind) {
    case SC_ACTOR_DISTRICT: return t_actor(kind, c->district);
    case SC_ACTOR_ORGANIZATION: return t_actor(kind, c->org);
    case SC_ACTOR_CANDIDATE: return t_actor(kind, CAND);
    default: return t_actor(kind, NULL);
    }
}

/* Run one call on a fresh copy of its state; check allowed ⇔ expected. */
static void run_case(const action_case *c, const sc_actor *a, int allowed, const char *what)
{
    sc_db *db = t_clone_db(states[c->state]);
    char *before = t_dump(db), *after;
    long audit0 = t_count(db, "SELECT count(*) FROM audit");
    int rc = c->invoke(db, a);
    after = t_dump(db);
    if (allowed) {
        ck_assert_msg(rc == SC_OK, "%s by %s (%s): %d %s", c->action, sc_actor_label(a), what,
                      rc, sc_error_last()->message);
        ck_assert_msg(strcmp(before, after) != 0, "%s by %s changed nothing", c->action,
                      sc_actor_label(a));
        if (c->audited)
            ck_assert_msg(t_count(db, "SELECT count(*) FROM audit") == audit0 + 1,
                          "%s by %s: not one audit entry", c->action, sc_actor_label(a));
    } else {
        ck_assert_msg(rc == SC_EDENIED, "%s by %s (%s): %d %s, wanted SC_EDENIED", c->action,
                      sc_actor_label(a), what, rc, sc_error_last()->message);
        ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
        ck_assert_msg(strcmp(before, after) == 0, "refused %s by %s changed the registry",
                      c->action, sc_actor_label(a));
    }
    free(before);
    free(after);
    sc_db_close(db);
}

/* The import of a public document (issue 11): any party, no subject. */
static int public_import(const char *name)
{
    return !strcmp(name, "directory.import") || !strcmp(name, "eligibility.import") ||
           !strcmp(name, "xml.import_file") || !strcmp(name, "xml.import_memory");
}

/* ---- the table itself ----------------------------------------------------------------- */

START_TEST(test_authz_table_consistent)
{
    size_t i, j, n = sc_authz_action_count();
    sc_authz_action a = SC_AUTHZ_ACTION_INIT, b = SC_AUTHZ_ACTION_INIT;
    ck_assert_uint_gt(n, 0);
    for (i = 0; i < n; i++) {
        ck_ok(sc_authz_action_get(&a, i));
        ck_assert_int_eq(a.id, (int)i);
        ck_assert_msg(a.kinds != 0, "%s: nobody may do it", a.name);
        ck_assert_msg((a.kinds & ~0x7Eu) == 0, "%s: unknown kinds", a.name);
        ck_assert_msg(!(a.kinds & SC_AUTHZ_KIND_BIT(SC_ACTOR_PUBLIC)),
                      "%s: the public only asks questions", a.name);
        ck_assert_msg(strncmp(a.function, "sc_", 3) == 0, "%s: %s", a.name, a.function);
        ck_assert_str_ne(a.description, "");
        ck_ok(sc_authz_action_lookup(&b, a.name));
        ck_assert_int_eq(b.id, a.id);
        for (j = 0; j < i; j++) {
            ck_ok(sc_authz_action_get(&b, j));
            ck_assert_str_ne(a.name, b.name);
        }
        /* Scoped actors need a subject to be scoped by (but for a public document:
         * the catalog, the rules, the directory; every registry may hold a copy). */
        if ((a.kinds & (SC_AUTHZ_KIND_BIT(SC_ACTOR_DISTRICT) |
                        SC_AUTHZ_KIND_BIT(SC_ACTOR_ORGANIZATION))) &&
            !public_import(a.name))
            ck_assert_int_eq(a.subject, SC_AUTHZ_SUBJECT_ORGANIZATION);
        if (a.kinds & SC_AUTHZ_KIND_BIT(SC_ACTOR_CANDIDATE))
            ck_assert_int_eq(a.subject, SC_AUTHZ_SUBJECT_CANDIDATE);
    }
    ck_assert_int_eq(sc_authz_action_get(&a, n), SC_ENOTFOUND);
    ck_assert_int_eq(sc_authz_action_get(NULL, 0), SC_EINVAL);
    ck_assert_int_eq(sc_authz_action_lookup(&a, "org.fly"), SC_ENOTFOUND);
    ck_assert_int_eq(sc_authz_action_lookup(&a, NULL), SC_EINVAL);
    /* Spot checks of the division of work (domain-model §3). */
    ck_ok(sc_authz_action_lookup(&a, "org.recommend"));
    ck_assert_uint_eq(a.kinds, SC_AUTHZ_KIND_BIT(SC_ACTOR_DISTRICT));
    ck_ok(sc_authz_action_lookup(&a, "org.file"));
    ck_assert_uint_eq(a.kinds, SC_AUTHZ_KIND_BIT(SC_ACTOR_CITY_CENTRE));
    ck_assert_str_eq(a.function, "sc_org_file");
    ck_ok(sc_authz_action_lookup(&a, "catalog.add_occupation"));
    ck_assert_uint_eq(a.kinds, SC_AUTHZ_KIND_BIT(SC_ACTOR_CITY_BUREAU));
    ck_assert_int_eq(a.subject, SC_AUTHZ_SUBJECT_NONE);
}
END_TEST

/* ---- every exported changing call has a rule ---------------------------------------------- */

typedef struct {
    char name[96];
    int db;      /* takes a writable `sc_db *` */
    int actor;   /* takes `const sc_actor *` */
} proto;

static proto protos[600];
static size_t nprotos;

/* Collapse blanks; then read "SC_EXTERN ... name(params);" declarations. */
static void parse_header(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *text, *p;
    long len;
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    text = malloc((size_t)len + 1);
    ck_assert_uint_eq(fread(text, 1, (size_t)len, fp), (size_t)len);
    text[len] = '\0';
    fclose(fp);
    for (p = strstr(text, "SC_EXTERN "); p; p = strstr(p + 1, "SC_EXTERN ")) {
        char decl[2048], *paren, *start, *q;
        size_t k = 0;
        const char *s;
        for (s = p; *s && *s != ';' && k + 1 < sizeof decl; s++) {
            char ch = (*s == '\n' || *s == '\t') ? ' ' : *s;
            if (ch == ' ' && k && decl[k - 1] == ' ')
                continue;
            decl[k++] = ch;
        }
        decl[k] = '\0';
        paren = strchr(decl, '(');
        if (!paren)
            continue; /* not a function */
        for (q = paren; q > decl && q[-1] == ' '; q--)
            ;
        start = q;
        while (start > decl && (start[-1] == '_' || (start[-1] >= 'a' && start[-1] <= 'z') ||
                                (start[-1] >= 'A' && start[-1] <= 'Z') ||
                                (start[-1] >= '0' && start[-1] <= '9')))
            start--;
        ck_assert_uint_lt(nprotos, sizeof protos / sizeof protos[0]);
        snprintf(protos[nprotos].name, sizeof protos[nprotos].name, "%.*s", (int)(q - start),
                 start);
        {
            /* a writable registry: "sc_db *" not preceded by "const " and not "sc_db **" */
            const char *m;
            protos[nprotos].db = 0;
            for (m = strstr(paren, "sc_db *"); m; m = strstr(m + 1, "sc_db *"))
                if (m[7] != '*' && !(m - paren >= 6 && !strncmp(m - 6, "const ", 6)))
                    protos[nprotos].db = 1;
            protos[nprotos].actor = strstr(paren, "sc_actor *") != NULL &&
                                    strstr(paren, "const sc_actor *") != NULL;
        }
        nprotos++;
    }
    free(text);
}

static const proto *find_proto(const char *name)
{
    size_t i;
    for (i = 0; i < nprotos; i++)
        if (!strcmp(protos[i].name, name))
            return &protos[i];
    return NULL;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* The read and lifecycle words of authz.h. */
static int reads_only(const char *name)
{
    static const char *words[] = { "_get", "_lookup", "_load", "_check", "_verify",
                                   "_may_certify", "_export_file", "_export_memory",
                                   "_render", "_iter_new", "_open", "_close" };
    size_t i;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (ends_with(name, words[i]))
            return 1;
    return 0;
}

static int in_table(const char *function)
{
    size_t i, n = sc_authz_action_count();
    sc_authz_action a = SC_AUTHZ_ACTION_INIT;
    for (i = 0; i < n; i++) {
        ck_ok(sc_authz_action_get(&a, i));
        if (!strcmp(a.function, function))
            return 1;
    }
    return 0;
}

START_TEST(test_authz_every_changing_export_has_a_rule)
{
    const char *src = getenv("srcdir");
    char path[1024], line[256];
    DIR *dir;
    struct dirent *de;
    FILE *fp;
    size_t exported = 0, changing = 0, i, n = sc_authz_action_count();
    sc_authz_action a = SC_AUTHZ_ACTION_INIT;

    if (!src || !*src)
        src = SC_TEST_SRCDIR;
    nprotos = 0;
    snprintf(path, sizeof path, "%s/include/skillcert", src);
    dir = opendir(path);
    ck_assert_ptr_nonnull(dir);
    while ((de = readdir(dir)) != NULL) {
        char file[1200];
        if (!ends_with(de->d_name, ".h") && !ends_with(de->d_name, ".h.in"))
            continue; /* version.h is generated from version.h.in */
        snprintf(file, sizeof file, "%s/%s", path, de->d_name);
        parse_header(file);
    }
    closedir(dir);
    ck_assert_uint_gt(nprotos, 100);

    snprintf(path, sizeof path, "%s/libskillcert/skillcert.sym", src);
    fp = fopen(path, "r");
    ck_assert_ptr_nonnull(fp);
    while (fgets(line, sizeof line, fp)) {
        const proto *p;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        exported++;
        p = find_proto(line);
        ck_assert_msg(p != NULL, "%s is exported but declared in no public header", line);
        if (p->db && p->actor && !ends_with(line, "_check")) {
            changing++;
            ck_assert_msg(in_table(line),
                          "%s changes the registry (it takes sc_db * and an actor) but has no "
                          "entry in the action table (libskillcert/authz.c)", line);
        } else if (p->db && !p->actor) {
            ck_assert_msg(reads_only(line),
                          "%s takes a writable sc_db * without an actor: name it with a read "
                          "word (authz.h) or make it name its actor and add a rule", line);
        }
    }
    fclose(fp);
    ck_assert_uint_gt(exported, 100);
    ck_assert_uint_ge(changing, 20);
    /* And the other way: every rule names an exported changing function. */
    for (i = 0; i < n; i++) {
        const proto *p;
        ck_ok(sc_authz_action_get(&a, i));
        p = find_proto(a.function);
        ck_assert_msg(p != NULL, "rule %s names %s, which no header declares", a.name, a.function);
        ck_assert_msg(p->db && p->actor, "rule %s: %s does not take a registry and an actor",
                      a.name, a.function);
    }
}
END_TEST

/* ---- every action × every actor kind ------------------------------------------------------ */

START_TEST(test_authz_matrix)
{
    size_t i, n = sc_authz_action_count();
    unsigned long pair = 0, ran = 0;
    int kind;
    for (i = 0; i < n; i++) {
        sc_authz_action a = SC_AUTHZ_ACTION_INIT;
        const action_case *c;
        ck_ok(sc_authz_action_get(&a, i));
        c = find_case(a.name);
        ck_assert_msg(c != NULL,
                      "action %s (%s) has no case in tests/check_authz.c: add one to cases[] "
                      "(the registry state it needs, a call, who may per domain-model §3)",
                      a.name, a.function);
        ck_assert_msg(a.kinds == c->kinds, "action %s: the table allows 0x%x, §3 says 0x%x",
                      a.name, a.kinds, c->kinds);
        for (kind = SC_ACTOR_CITY_BUREAU; kind <= SC_ACTOR_PUBLIC; kind++) {
            sc_actor *actor;
            int allowed = (a.kinds & SC_AUTHZ_KIND_BIT(kind)) != 0;
            /* Under valgrind a sample; the count of kinds is prime, so a stride
             * below it gives each action some kinds and every kind some actions. */
            if (!t_sampled(pair++))
                continue;
            ran++;
            actor = actor_for(c, kind);
            run_case(c, actor, allowed, "kind");
            /* The read-only check says the same. */
            {
                sc_db *db = t_clone_db(states[c->state]);
                const char *subject = a.subject == SC_AUTHZ_SUBJECT_ORGANIZATION ? c->org
                                      : a.subject == SC_AUTHZ_SUBJECT_CANDIDATE  ? CAND
                                                                                  : NULL;
                int rc = sc_authz_check(db, actor, a.name, subject);
                ck_assert_msg(rc == (allowed ? SC_OK : SC_EDENIED), "sc_authz_check(%s, %s): %d",
                              a.name, sc_actor_label(actor), rc);
                sc_db_close(db);
            }
            sc_actor_free(actor);
        }
    }
    ck_assert_uint_gt(ran, 0);
    /* No case for an action that does not exist. */
    for (i = 0; i < NCASES; i++) {
        sc_authz_action a = SC_AUTHZ_ACTION_INIT;
        ck_assert_msg(sc_authz_action_lookup(&a, cases[i].action) == SC_OK,
                      "case %s is for no action", cases[i].action);
    }
}
END_TEST

/* ---- jurisdiction: the right kind in the wrong place ---------------------------------------- */

START_TEST(test_authz_jurisdiction)
{
    size_t i, n = sc_authz_action_count();
    int checked = 0;
    for (i = 0; i < n; i++) {
        sc_authz_action a = SC_AUTHZ_ACTION_INIT;
        const action_case *c;
        ck_ok(sc_authz_action_get(&a, i));
        c = find_case(a.name);
        ck_assert_msg(c != NULL, "action %s (%s) has no case in tests/check_authz.c", a.name,
                      a.function);
        if (public_import(a.name))
            continue; /* a public document: no jurisdiction to cross */
        if (a.kinds & SC_AUTHZ_KIND_BIT(SC_ACTOR_DISTRICT)) {
            /* 朝阳区 is not where the organization is registered. */
            sc_actor *other = t_actor(SC_ACTOR_DISTRICT, "110105");
            run_case(c, other, 0, "another district");
            sc_actor_free(other);
            checked++;
        }
        if (a.kinds & SC_AUTHZ_KIND_BIT(SC_ACTOR_ORGANIZATION)) {
            sc_actor *other = t_actor(SC_ACTOR_ORGANIZATION, ORG_C);
            run_case(c, other, 0, "another organization");
            sc_actor_free(other);
            checked++;
        }
        if (a.kinds & SC_AUTHZ_KIND_BIT(SC_ACTOR_CANDIDATE)) {
            sc_actor *other = t_actor(SC_ACTOR_CANDIDATE, "110105198001011238");
            run_case(c, other, 0, "another candidate");
            sc_actor_free(other);
            checked++;
        }
    }
    ck_assert_int_ge(checked, 12);
    /* An old district code names its successor: 110228 (密云县) is 110118. */
    {
        sc_db *db = t_clone_db(states[S_REG]);
        sc_actor *miyun = t_actor(SC_ACTOR_DISTRICT, "110228");
        sc_actor *haidian = t_actor(SC_ACTOR_DISTRICT, " 110108 ");
        ck_assert_int_eq(sc_authz_check(db, miyun, "org.recommend", ORG_A), SC_EDENIED);
        ck_ok(sc_authz_check(db, haidian, "org.recommend", ORG_A));
        ck_assert_int_eq(sc_authz_check(db, haidian, "org.recommend", ORG_C), SC_ENOTFOUND);
        ck_assert_int_eq(sc_authz_check(db, haidian, "org.recommend", NULL), SC_EINVAL);
        ck_assert_int_eq(sc_authz_check(db, NULL, "org.recommend", ORG_A), SC_EINVAL);
        ck_assert_int_eq(sc_authz_check(db, haidian, "org.teleport", ORG_A), SC_ENOTFOUND);
        sc_actor_free(miyun);
        sc_actor_free(haidian);
        sc_db_close(db);
    }
}
END_TEST

/* ---- the other door: an import acts as its issuer ------------------------------------------ */
/* Each filing workflow document records one act of its issuer. For every actor kind the
 * action table denies that act, the direct call is refused (test_authz_matrix) and so is
 * the import of the same document declaring that party its issuer, received by its
 * addressee: SC_EDENIED, auth domain, the registry unchanged. */

START_TEST(test_authz_import_acts_as_issuer)
{
    struct {
        const char *doc, *act, *issuer;
        int state, receiver;
        const char *scope;
    } docs[] = {
        { xo_app_doc, "org.apply", "org:" ORG_A, S_REG, SC_ACTOR_DISTRICT, "110108" },
        { xo_rec_doc, "org.recommend", "district:110108", S_CATALOG, SC_ACTOR_CITY_CENTRE,
          NULL },
        { xo_res_doc, "org.file", "city-centre", S_RECOMMENDED, SC_ACTOR_ORGANIZATION, ORG_A },
        { xo_dir_doc, "org.exit", "city-centre", S_CATALOG, SC_ACTOR_ORGANIZATION, ORG_A },
    };
    const char *party[] = { NULL, "city-bureau", "city-centre", "district:110108",
                            "org:" ORG_A };
    size_t i;
    int kind, refused = 0;
    for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        sc_authz_action a = SC_AUTHZ_ACTION_INIT;
        sc_actor *receiver = t_actor(docs[i].receiver, docs[i].scope);
        ck_ok(sc_authz_action_lookup(&a, docs[i].act));
        ck_assert_ptr_nonnull(strstr(docs[i].doc, docs[i].issuer));
        for (kind = SC_ACTOR_CITY_BUREAU; kind <= SC_ACTOR_ORGANIZATION; kind++) {
            sc_db *db;
            char *forged, *before, *after;
            int rc;
            if (a.kinds & SC_AUTHZ_KIND_BIT(kind))
                continue; /* that party may do it */
            forged = t_edit(docs[i].doc, "issuer=", docs[i].issuer, party[kind]);
            db = t_clone_db(states[docs[i].state]);
            before = t_dump(db);
            rc = sc_xml_import_memory(NULL, db, receiver, forged, strlen(forged), "forged.xml",
                                      NULL, NULL);
            after = t_dump(db);
            ck_assert_msg(rc == SC_EDENIED, "%s issued by %s, imported by %s: %d %s",
                          docs[i].act, party[kind], sc_actor_label(receiver), rc,
                          sc_error_last()->message);
            ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);
            ck_assert_msg(strcmp(before, after) == 0, "a refused %s import changed the registry",
                          docs[i].act);
            refused++;
            free(before);
            free(after);
            free(forged);
            sc_db_close(db);
        }
        sc_actor_free(receiver);
    }
    ck_assert_int_ge(refused, 11);
}
END_TEST

/* ---- the fixture lent to tests/check_authz_import.c (authz_fixture.h) ------------------- */

static char *el_rules_doc; /* the default eligibility rules, as the city bureau exports them */
static char *cert_doc, *credit_doc; /* documents the registry issues and never imports */

void t_authz_fixture_build(void)
{
    sc_actor *b = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_db *db;
    build_states();
    db = t_clone_db(states[S_CATALOG]);
    ck_ok(sc_eligibility_load_defaults(NULL, db, b));
    ck_ok(sc_xml_export_memory(&el_rules_doc, NULL, db, SC_DOC_ELIGIBILITY));
    sc_db_close(db);
    ck_ok(sc_certificate_export_memory(&cert_doc, NULL, states[S_AS_ISSUED], AS_CERT));
    db = t_clone_db(states[S_SV_FINDING]);
    {
        sc_actor *c = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
        ck_ok(sc_credit_compute(NULL, db, c, "2024-12-31"));
        sc_actor_free(c);
    }
    ck_ok(sc_credit_export_memory(&credit_doc, NULL, db, "2024-12-31"));
    sc_db_close(db);
    sc_actor_free(b);
}

void t_authz_fixture_free(void)
{
    teardown();
    sc_free(el_rules_doc);
    sc_free(cert_doc);
    sc_free(credit_doc);
    el_rules_doc = cert_doc = credit_doc = NULL;
}

int t_authz_fixture_doc(int doctype, const char **doc, sc_db **receiving)
{
    int st;
    switch (doctype) {
    case SC_DOC_CATALOG: *doc = CATALOG_DOC; st = S_CATALOG; break;
    case SC_DOC_ELIGIBILITY: *doc = el_rules_doc; st = S_CATALOG; break;
    case SC_DOC_CANDIDATE_BATCH: *doc = ap_batch_doc; st = S_AP_VERIFIED; break;
    case SC_DOC_CONFIRMATION: *doc = ap_answer_doc; st = S_AP_VERIFIED; break;
    case SC_DOC_CERTIFICATE_BATCH: *doc = ex_batch_doc; st = S_AS_ISSUED; break;
    case SC_DOC_CERTIFICATE_ACK: *doc = ex_ack_doc; st = S_AS_ISSUED; break;
    case SC_DOC_REVOCATIONS: *doc = ex_rev_doc; st = S_AS_ISSUED; break;
    case SC_DOC_RESULTS_REPORT: *doc = rx_results_doc; st = S_AS_PASSED; break;
    case SC_DOC_FINDINGS: *doc = rx_findings_doc; st = S_SV_FINDING; break;
    case SC_DOC_ORG_APPLICATION: *doc = xo_app_doc; st = S_REG; break;
    case SC_DOC_RECOMMENDATION: *doc = xo_rec_doc; st = S_CATALOG; break;
    case SC_DOC_EVALUATION_RESULT: *doc = xo_res_doc; st = S_RECOMMENDED; break;
    case SC_DOC_DIRECTORY: *doc = xo_dir_doc; st = S_CATALOG; break;
    case SC_DOC_CERTIFICATE: *doc = cert_doc; st = S_AS_ISSUED; break;
    case SC_DOC_CREDIT: *doc = credit_doc; st = S_SV_FINDING; break;
    default: *doc = NULL; *receiving = NULL; return SC_ENOTFOUND;
    }
    *receiving = states[st];
    return SC_OK;
}

sc_db *t_authz_fixture_known(void)
{
    return states[S_ACTIVE];
}

sc_db *t_authz_fixture_clone(sc_db *src)
{
    return t_clone_db(src);
}

Suite *sc_authz_suite(void)
{
    Suite *s = suite_create("authz");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, test_authz_table_consistent);
    tcase_add_test(tc, test_authz_every_changing_export_has_a_rule);
    suite_add_tcase(s, tc);
    tc = tcase_create("matrix");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_authz_matrix);
    tcase_add_test(tc, test_authz_jurisdiction);
    tcase_add_test(tc, test_authz_import_acts_as_issuer);
    suite_add_tcase(s, tc);
    return s;
}
