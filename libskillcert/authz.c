/*
 * The action table: who may do what (domain-model §3, notice §四), and the
 * single authorization check made by every state-changing function.
 */
#include "authz_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define CB SC_AUTHZ_KIND_BIT(SC_ACTOR_CITY_BUREAU)
#define CC SC_AUTHZ_KIND_BIT(SC_ACTOR_CITY_CENTRE)
#define DI SC_AUTHZ_KIND_BIT(SC_ACTOR_DISTRICT)
#define OR SC_AUTHZ_KIND_BIT(SC_ACTOR_ORGANIZATION)
#define CA SC_AUTHZ_KIND_BIT(SC_ACTOR_CANDIDATE)

#define NONE SC_AUTHZ_SUBJECT_NONE
#define ORG SC_AUTHZ_SUBJECT_ORGANIZATION
#define CAND SC_AUTHZ_SUBJECT_CANDIDATE

const sc__action_def sc__actions[SC__ACT_COUNT] = {
    { SC__ACT_CATALOG_ADD_OCCUPATION, "catalog.add_occupation", "sc_catalog_add_occupation", CB,
      NONE, "add an occupation to the catalog (the city bureau manages the list)" },
    { SC__ACT_CATALOG_ADD_WORK_TYPE, "catalog.add_work_type", "sc_catalog_add_work_type", CB,
      NONE, "add a work type to an occupation" },
    { SC__ACT_CATALOG_ADD_OFFERING, "catalog.add_offering", "sc_catalog_add_offering", CB, NONE,
      "add a level (offering) to an occupation or work type" },
    { SC__ACT_CATALOG_WITHDRAW_OCCUPATION, "catalog.withdraw_occupation",
      "sc_catalog_withdraw_occupation", CB, NONE, "withdraw an occupation from a date" },
    { SC__ACT_CATALOG_WITHDRAW_WORK_TYPE, "catalog.withdraw_work_type",
      "sc_catalog_withdraw_work_type", CB, NONE, "withdraw a work type from a date" },
    { SC__ACT_CATALOG_WITHDRAW_OFFERING, "catalog.withdraw_offering",
      "sc_catalog_withdraw_offering", CB, NONE, "withdraw one offering from a date" },
    { SC__ACT_CATALOG_ADD_ALIAS, "catalog.add_alias", "sc_catalog_add_alias", CB, NONE,
      "keep another code of an occupation" },
    { SC__ACT_CATALOG_LOAD_NOTICE, "catalog.load_notice", "sc_catalog_load_notice", CB, NONE,
      "load the notice's catalog (附件1) built into the library" },
    { SC__ACT_XML_IMPORT_FILE, "xml.import_file", "sc_xml_import_file", CB | CC | DI | OR,
      NONE, "import an exchange document from a file; checked per document type: a public "
      "document (catalog, eligibility rules, directory) issued by the city, by any party" },
    { SC__ACT_XML_IMPORT_MEMORY, "xml.import_memory", "sc_xml_import_memory",
      CB | CC | DI | OR, NONE, "import an exchange document from memory; checked per document "
      "type: a public document (catalog, eligibility rules, directory) issued by the city, by "
      "any party" },
    { SC__ACT_XML_IMPORT_NOTICE, "xml.import_notice", "sc_xml_import_notice", CB, NONE,
      "import the notice's catalog built into the library" },
    { SC__ACT_ORG_REGISTER, "org.register", "sc_org_register", OR, ORG,
      "an organization records itself (name, kind, registered district)" },
    { SC__ACT_ORG_PUBLISH, "org.publish", "sc_org_publish", OR, ORG,
      "an organization publishes its management rules and fee standards" },
    { SC__ACT_ORG_APPLY, "org.apply", "sc_org_apply", OR, ORG,
      "an organization applies for filing to its district" },
    { SC__ACT_ORG_APPLY_ADDITION, "org.apply_addition", "sc_org_apply_addition", OR, ORG,
      "a filed organization applies for added scope (增项)" },
    { SC__ACT_ORG_RECOMMEND, "org.recommend", "sc_org_recommend", DI, ORG,
      "the organization's own district confirms the application and recommends it to the city" },
    { SC__ACT_ORG_REJECT_APPLICATION, "org.reject_application", "sc_org_reject", DI, ORG,
      "the organization's own district declines an application at the APPLIED step" },
    { SC__ACT_ORG_EVALUATE, "org.evaluate", "sc_org_evaluate", CC, ORG,
      "the city centre's expert evaluation fixes the granted scope" },
    { SC__ACT_ORG_NOTICE, "org.notice", "sc_org_notice", CC, ORG,
      "the city centre publishes the public notice (公示)" },
    { SC__ACT_ORG_FILE, "org.file", "sc_org_file", CC, ORG,
      "the city centre files the organization (备案) and issues the receipt" },
    { SC__ACT_ORG_REJECT, "org.reject", "sc_org_reject", CC, ORG,
      "the city centre rejects an application at the RECOMMENDED, EVALUATED or NOTICED step" },
    { SC__ACT_ORG_COMMIT, "org.commit", "sc_org_commit", OR, ORG,
      "the organization signs its commitment letter (承诺书)" },
    { SC__ACT_ORG_EXIT, "org.exit", "sc_org_exit", CB | CC, ORG,
      "the city takes an organization out of the directory (退出目录)" },
    { SC__ACT_STAFF_ADD, "staff.add", "sc_staff_add", OR, ORG,
      "an organization adds a manager, examiner, quality supervisor or expert" },
    { SC__ACT_STAFF_REMOVE, "staff.remove", "sc_staff_remove", OR, ORG,
      "an organization removes a staff member from a role" },
    { SC__ACT_RULES_SUBMIT, "rules.submit", "sc_org_rules_submit", OR, ORG,
      "an organization submits its rules for exceptional application or direct certification" },
    { SC__ACT_RULES_CONFIRM, "rules.confirm", "sc_org_rules_confirm", DI | CB, ORG,
      "the organization's own district bureau, and the city bureau, confirm its special-path rules" },
    /* Candidates and eligibility (candidate.c, xml_eligibility.c check these themselves). */
    { SC__ACT_CANDIDATE_SAVE, "candidate.save", "sc_candidate_save", CC | CA, CAND,
      "a candidate saves their own record; the city centre saves any" },
    { SC__ACT_ELIGIBILITY_LOAD_DEFAULTS, "eligibility.load_defaults",
      "sc_eligibility_load_defaults", CB, NONE,
      "load the built-in eligibility rules (the city bureau sets policy)" },
    /* Assessment (assessment.c, bank.c) and certificates (certificate.c). */
    { SC__ACT_RULE_SET, "assessment.rule_set", "sc_component_rule_set", CC, NONE,
      "the city centre sets a standard's staff ratios and pass score for a component" },
    { SC__ACT_VENUE_REGISTER, "venue.register", "sc_venue_register", OR, ORG,
      "an organization records an assessment venue in its district" },
    { SC__ACT_VENUE_INSPECT, "venue.inspect", "sc_venue_inspect", DI, ORG,
      "the bureau of the organization's district records its venue inspection (评价场地核查)" },
    { SC__ACT_SESSION_CREATE, "session.create", "sc_session_create", OR, ORG,
      "an organization plans an assessment session inside its scope" },
    { SC__ACT_SESSION_STAFF_ADD, "session.staff_add", "sc_session_staff_add", OR, ORG,
      "an organization assigns a qualified invigilator, examiner or panel member" },
    { SC__ACT_SESSION_STAFF_REMOVE, "session.staff_remove", "sc_session_staff_remove", OR, ORG,
      "an organization removes a staff member from a planned session" },
    { SC__ACT_SESSION_ENROL, "session.enrol", "sc_session_enrol", OR, ORG,
      "an organization enrols a candidate in a planned session" },
    { SC__ACT_SESSION_CONFIRM, "session.confirm", "sc_session_confirm", OR, ORG,
      "an organization confirms a session whose staffing meets the standard's ratios" },
    { SC__ACT_BANK_SAVE, "bank.save", "sc_bank_item_save", OR, ORG,
      "an organization saves an item of its question bank (a new version once used)" },
    { SC__ACT_PAPER_ASSEMBLE, "paper.assemble", "sc_paper_assemble", OR, ORG,
      "an organization assembles a paper from its bank for a session" },
    { SC__ACT_PAPER_SCORE, "paper.score", "sc_paper_score", OR, ORG,
      "an organization's online exam scores a candidate's answer sheet" },
    { SC__ACT_RESULT_RECORD, "result.record", "sc_result_record", OR, ORG,
      "an organization records a candidate's scores in a confirmed session" },
    { SC__ACT_CERT_REPORT, "certificate.report", "sc_certificate_report", OR, ORG,
      "an organization certifies a passed candidate's level and reports it to the city (报备)" },
    { SC__ACT_CERT_ISSUE, "certificate.issue", "sc_certificate_issue", OR, ORG,
      "the issuing organization makes and issues a reported certificate" },
    { SC__ACT_CERT_PUBLISH, "certificate.publish", "sc_certificate_publish", CC, ORG,
      "the city centre publishes an issued certificate on the national platform" },
    { SC__ACT_CERT_REVOKE, "certificate.revoke", "sc_certificate_revoke", OR | CC, ORG,
      "the issuing organization or the city centre revokes a certificate, with a reason" },
    { SC__ACT_CERT_REISSUE, "certificate.reissue", "sc_certificate_reissue", OR, ORG,
      "the issuing organization re-issues a certificate under a new number" },
    { SC__ACT_CERT_LINK_POST, "certificate.link_post", "sc_certificate_link_post", OR, ORG,
      "the issuing organization links the enterprise post certificate of 一岗双认" },
    /* Eligibility rule documents (xml_eligibility.c checks it on the root element). */
    { SC__ACT_ELIGIBILITY_IMPORT, "eligibility.import", "sc_xml_import_file",
      CB | CC | DI | OR, NONE, "any party takes the city bureau's eligibility rules into its "
      "registry (public; only the city bureau issues them: it sets policy)" },
    /* Announcements and applications (application.c, xml_application.c). */
    { SC__ACT_ANNOUNCEMENT_PUBLISH, "announcement.publish", "sc_announcement_publish", OR, ORG,
      "an organization publishes its intake announcement (实施方案并发布公告)" },
    { SC__ACT_ANNOUNCEMENT_CLOSE, "announcement.close", "sc_announcement_close", OR, ORG,
      "an organization closes its announcement early" },
    { SC__ACT_APPLICATION_APPLY, "application.apply", "sc_application_apply", CA, CAND,
      "a candidate applies for themself" },
    { SC__ACT_APPLICATION_APPLY_FOR, "application.apply_for", "sc_application_apply_for", OR,
      ORG, "the organization that published the announcement applies for a candidate" },
    { SC__ACT_APPLICATION_VERIFY, "application.verify", "sc_application_verify", OR, ORG,
      "the organization applied to verifies the candidate's qualification (资格核实)" },
    { SC__ACT_APPLICATION_VERIFY_BATCH, "application.verify_batch",
      "sc_application_verify_batch", OR, ORG,
      "the organization applied to verifies a season's applications in one transaction" },
    { SC__ACT_APPLICATION_REJECT, "application.reject", "sc_application_reject", OR, ORG,
      "the organization applied to refuses a SUBMITTED application at verification" },
    { SC__ACT_APPLICATION_CONFIRM, "application.confirm", "sc_application_confirm", DI, ORG,
      "the bureau of the organization's own district confirms an application (报名确认)" },
    { SC__ACT_APPLICATION_CONFIRM_BATCH, "application.confirm_batch",
      "sc_application_confirm_batch", DI, ORG,
      "the bureau of the organization's own district confirms many applications at once" },
    { SC__ACT_APPLICATION_REJECT_CONFIRMATION, "application.reject_confirmation",
      "sc_application_reject", DI, ORG,
      "the bureau of the organization's own district refuses a VERIFIED application" },
    { SC__ACT_APPLICATION_WITHDRAW, "application.withdraw", "sc_application_withdraw", CA, CAND,
      "a candidate withdraws their open application" },
    { SC__ACT_APPLICATION_WITHDRAW_FOR, "application.withdraw_for",
      "sc_application_withdraw_for", OR, ORG,
      "the organization applied to withdraws an open application for the candidate" },
    { SC__ACT_CANDIDATE_BATCH_IMPORT, "candidate_batch.import", "sc_xml_import_file", DI, ORG,
      "the bureau of the organization's own district imports its candidate batch" },
    { SC__ACT_CONFIRMATION_IMPORT, "confirmation.import", "sc_xml_import_file", OR, ORG,
      "an organization imports its district's confirmation answer" },
    /* Quality supervision, sanctions, credit evaluation (supervision.c, credit.c). */
    { SC__ACT_SUPERVISION_ASSIGN, "supervision.assign", "sc_supervision_assign", OR, ORG,
      "an organization assigns an internal quality supervisor (内部质量督导员) to its session" },
    { SC__ACT_SUPERVISION_RECORD, "supervision.record", "sc_supervision_record", OR, ORG,
      "an organization records a supervision of its session (what was checked, findings)" },
    { SC__ACT_INSPECTION_OPEN, "inspection.open", "sc_inspection_open", CC | DI, ORG,
      "the city centre or the bureau of the organization's district opens a spot check "
      "(质量督导抽查)" },
    { SC__ACT_INSPECTION_FINDING, "inspection.finding", "sc_inspection_add_finding", CC | DI,
      ORG, "the city centre or the organization's district bureau records a finding" },
    { SC__ACT_INSPECTION_SCAN, "inspection.scan", "sc_inspection_scan_certificates", CC | DI,
      ORG, "the inspecting authority scans the organization's certificates against its filings" },
    { SC__ACT_INSPECTION_CLOSE, "inspection.close", "sc_inspection_close", CC | DI, ORG,
      "the city centre or the organization's district bureau closes a spot check" },
    { SC__ACT_FINDING_WITHDRAW, "finding.withdraw", "sc_finding_withdraw", CC | DI, ORG,
      "the city centre or the organization's district bureau withdraws a wrong finding" },
    { SC__ACT_FINDING_REVOKE, "finding.revoke_certificates", "sc_finding_revoke_certificates",
      CC, ORG, "the city centre revokes the certificates a finding shows fraudulent" },
    { SC__ACT_SANCTION_WARN, "sanction.warning", "sc_sanction_impose", CC | DI, ORG,
      "the city centre or the organization's district bureau warns it (警告)" },
    { SC__ACT_SANCTION_RECTIFY, "sanction.rectification", "sc_sanction_impose", CC | DI, ORG,
      "the city centre or the organization's district bureau orders rectification (限期整改)" },
    { SC__ACT_SANCTION_SUSPEND, "sanction.suspension", "sc_sanction_impose", CB | CC, ORG,
      "the city suspends an organization's certification (暂停认定)" },
    { SC__ACT_SANCTION_EXIT, "sanction.exit", "sc_sanction_impose", CB | CC, ORG,
      "the city takes an organization out of the directory on a finding (退出目录)" },
    { SC__ACT_SANCTION_LIFT, "sanction.lift", "sc_sanction_lift", CB | CC, ORG,
      "the city lifts a warning, a rectification done, or a suspension" },
    { SC__ACT_CREDIT_WEIGHT_SET, "credit.weight_set", "sc_credit_weight_set", CC, NONE,
      "the city centre sets a weight of the credit scoring model" },
    { SC__ACT_CREDIT_COMPUTE, "credit.compute", "sc_credit_compute", CC, NONE,
      "the city centre computes and publishes the credit evaluation (信用评估) as of a date" },
    /* Exchange documents of issue #6 (xml_exchange.c checks them on the root element). */
    { SC__ACT_CERT_BATCH_IMPORT, "certificate_batch.import", "sc_xml_import_file", CC, ORG,
      "the city centre imports an organization's certificate batch and publishes it (发布)" },
    { SC__ACT_CERT_ACK_IMPORT, "certificate_ack.import", "sc_xml_import_file", OR, ORG,
      "an organization imports the city centre's answer on its certificates (published or "
      "refused)" },
    { SC__ACT_REVOCATIONS_IMPORT, "revocations.import", "sc_xml_import_file", CC, ORG,
      "the city centre, their addressee, imports the revocations an organization made of "
      "its certificates (the document's issuer is the organization)" },
    /* Reports to the city centre, issues #6 and #7 (xml_report.c, on the root element). */
    { SC__ACT_RESULTS_REPORT_IMPORT, "results_report.import", "sc_xml_import_file", CC, ORG,
      "the city centre imports an organization's assessment results of a session (报备)" },
    { SC__ACT_FINDINGS_IMPORT, "supervision_findings.import", "sc_xml_import_file", CC, ORG,
      "the city centre imports an inspection and its findings by a district bureau or "
      "itself, for the credit evaluation" },
    { SC__ACT_ORG_APPLICATION_IMPORT, "organization_application.import", "sc_xml_import_file",
      DI, ORG, "the bureau of the organization's own district imports its filing application "
      "(机构申报 or 增项)" },
    { SC__ACT_RECOMMENDATION_IMPORT, "district_recommendation.import", "sc_xml_import_file", CC,
      ORG, "the city centre imports a district's recommendation (or refusal) of an application" },
    { SC__ACT_EVALUATION_RESULT_IMPORT, "evaluation_result.import", "sc_xml_import_file",
      OR, ORG, "the organization, its addressee, imports the city centre's evaluation result "
      "(evaluated, noticed, filed or rejected, with the receipt 确认回执); its district "
      "learns the filing from the published directory" },
    { SC__ACT_DIRECTORY_IMPORT, "directory.import", "sc_xml_import_file", CB | CC | DI | OR,
      NONE, "any party refreshes its copy of the published directory (评价机构目录, public: "
      "no jurisdiction; only the city issues it)" },
    { SC__ACT_PKI_ANCHOR_SET, "pki.anchor_set", "sc_pki_anchor_set", CB, NONE,
      "the city bureau sets the registry's trust anchor (its root certificate) when the "
      "registry is created, and replaces it only with the present root key" },
    { SC__ACT_PKI_CERT_IMPORT, "pki.cert_import", "sc_pki_cert_import", CB | CC, NONE,
      "the city bureau records a certified party's certificate; the city centre those of "
      "organizations it certified" },
    { SC__ACT_PKI_CRL_IMPORT, "pki.crl_import", "sc_pki_crl_import", CB | CC, NONE,
      "the city bureau or the city centre imports a CRL signed by the bureau or the centre" },
    { SC__ACT_XML_IMPORT_MEMORY_SIGNED, "xml.import_memory_signed",
      "sc_xml_import_memory_signed", DI, ORG,
      "import a batch from memory with its detached signature; checked per document type: "
      "a candidate batch by the bureau of the organization's own district" },
    { SC__ACT_PKI_DEVELOPMENT_SET, "pki.development_set", "sc_pki_development_set", CB, NONE,
      "the city bureau switches a registry without a trust anchor to accept unsigned "
      "exchange documents (a development registry), or back to refusing them" },
};

const char *sc__action_name(int action)
{
    return action >= 0 && action < SC__ACT_COUNT ? sc__actions[action].name : "unknown action";
}

/* "the city-bureau or the city-centre" */
static void kinds_text(char *buf, size_t cap, unsigned int kinds)
{
    int k, n = 0, total = 0;
    size_t len = 0;
    buf[0] = '\0';
    for (k = SC_ACTOR_CITY_BUREAU; k <= SC_ACTOR_PUBLIC; k++)
        if (kinds & SC_AUTHZ_KIND_BIT(k))
            total++;
    for (k = SC_ACTOR_CITY_BUREAU; k <= SC_ACTOR_PUBLIC && len < cap; k++) {
        if (!(kinds & SC_AUTHZ_KIND_BIT(k)))
            continue;
        n++;
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", n == 1 ? "" : n == total ? " or " : ", ",
                                k == SC_ACTOR_DISTRICT ? "bureau of the organization's district"
                                : k == SC_ACTOR_ORGANIZATION ? "organization itself"
                                                             : sc_actor_kind_name(k));
    }
    if (total == 0)
        snprintf(buf, cap, "nobody");
}

/* Case-insensitive ASCII equality after trimming blanks. */
static int same_code(const char *a, const char *b)
{
    size_t la, lb;
    while (*a == ' ' || *a == '\t')
        a++;
    while (*b == ' ' || *b == '\t')
        b++;
    la = strlen(a);
    lb = strlen(b);
    while (la && (a[la - 1] == ' ' || a[la - 1] == '\t'))
        la--;
    while (lb && (b[lb - 1] == ' ' || b[lb - 1] == '\t'))
        lb--;
    if (la != lb)
        return 0;
    while (la--) {
        if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
            return 0;
        a++;
        b++;
    }
    return 1;
}

static const char SQL_ORG_DISTRICT[] =
    "SELECT district FROM org WHERE credit_code = upper(trim(?1))";
static const char SQL_DISTRICT_RESOLVE[] =
    "SELECT code FROM district WHERE code = upper(trim(?1)) "
    "UNION ALL SELECT code FROM district_alias WHERE alias = trim(?1) LIMIT 1";

/* The district code an actor's scope names (an old code resolves to its
 * successor); "" when it names none. */
static int actor_district(sc_db *db, const char *scope, char out[32])
{
    sqlite3_stmt *st = sc__db_stmt(db, SQL_DISTRICT_RESOLVE);
    int rc;
    out[0] = '\0';
    if (!st)
        return sc_error_last()->code;
    sc__bind_text(st, 1, scope);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, 32, "%s", sc__col_text(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "resolving a district");
    return SC_OK;
}

int sc__authorize(sc_db *db, const sc_actor *actor, int action, const char *subject)
{
    const sc__action_def *a;
    char who[128];

    if (action < 0 || action >= SC__ACT_COUNT)
        return sc__error_set(SC_ERROR, SC_DOMAIN_AUTH, "unknown action %d", action);
    a = &sc__actions[action];
    if (!actor)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s: an actor must be named", a->function);
    if (!(a->kinds & SC_AUTHZ_KIND_BIT(actor->kind))) {
        kinds_text(who, sizeof who, a->kinds);
        return sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                             "%s (%s) is reserved to the %s; %s may not do it", a->name,
                             a->function, who, actor->label);
    }
    if (a->subject == SC_AUTHZ_SUBJECT_NONE)
        return SC_OK;
    if (!subject || !*subject)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s: the %s must be named", a->function,
                             a->subject == SC_AUTHZ_SUBJECT_ORGANIZATION ? "organization"
                                                                          : "candidate");
    switch (actor->kind) {
    case SC_ACTOR_ORGANIZATION:
        if (a->subject == SC_AUTHZ_SUBJECT_ORGANIZATION && same_code(actor->scope, subject))
            return SC_OK;
        return sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                             "%s: an organization acts only for itself; %s may not act for %.40s",
                             a->name, actor->label, subject);
    case SC_ACTOR_CANDIDATE:
        if (a->subject == SC_AUTHZ_SUBJECT_CANDIDATE && same_code(actor->scope, subject))
            return SC_OK;
        return sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                             "%s: a candidate acts only for themself; %s may not act for %.40s",
                             a->name, actor->label, subject);
    case SC_ACTOR_DISTRICT: {
        sqlite3_stmt *st;
        char own[32], mine[32];
        int rc;
        if (a->subject != SC_AUTHZ_SUBJECT_ORGANIZATION)
            return sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                                 "%s: a district bureau does not act on candidates directly",
                                 a->name);
        if (!(st = sc__db_stmt(db, SQL_ORG_DISTRICT)))
            return sc_error_last()->code;
        sc__bind_text(st, 1, subject);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            snprintf(own, sizeof own, "%s", sc__col_text(st, 0));
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) {
            sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no organization with credit code %.40s",
                          subject);
            sc__error_set_field("credit_code");
            return SC_ENOTFOUND;
        }
        if (rc != SQLITE_ROW)
            return sc__db_fail(db, rc, "looking up an organization's district");
        if ((rc = actor_district(db, actor->scope, mine)) != SC_OK)
            return rc;
        if (strcmp(own, mine) == 0)
            return SC_OK;
        return sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH,
                             "%s: only the bureau of district %s, where %.40s is registered, may "
                             "do this; %s may not",
                             a->name, own, subject, actor->label);
    }
    default:
        return SC_OK; /* the city bureau and the city centre act city-wide */
    }
}

/* ---- public introspection ---- */

size_t sc_authz_action_count(void)
{
    return SC__ACT_COUNT;
}

static void fill(sc_authz_action *out, const sc__action_def *d, size_t i)
{
    SC__ZERO_KEEP_VERSION(out);
    out->id = (int)i;
    snprintf(out->name, sizeof out->name, "%s", d->name);
    snprintf(out->function, sizeof out->function, "%s", d->function);
    out->kinds = d->kinds;
    out->subject = d->subject;
    snprintf(out->description, sizeof out->description, "%s", d->description);
}

int sc_authz_action_get(sc_authz_action *out, size_t i)
{
    if (!out)
        return sc__error_null("sc_authz_action_get", "out");
    SC__VERSION_CHECK(out, "sc_authz_action", SC_AUTHZ_ACTION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (i >= SC__ACT_COUNT)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_ARGS,
                             "action %zu is out of range (the table has %d)", i, SC__ACT_COUNT);
    fill(out, &sc__actions[i], i);
    return SC_OK;
}

static int find_action(const char *name)
{
    int i;
    for (i = 0; i < SC__ACT_COUNT; i++)
        if (strcmp(sc__actions[i].name, name) == 0)
            return i;
    return -1;
}

int sc_authz_action_lookup(sc_authz_action *out, const char *name)
{
    int i;
    if (!out)
        return sc__error_null("sc_authz_action_lookup", "out");
    SC__VERSION_CHECK(out, "sc_authz_action", SC_AUTHZ_ACTION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!name)
        return sc__error_null("sc_authz_action_lookup", "name");
    if ((i = find_action(name)) < 0)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_ARGS, "no action named '%.60s'", name);
    fill(out, &sc__actions[i], (size_t)i);
    return SC_OK;
}

int sc_authz_check(sc_db *db, const sc_actor *actor, const char *name, const char *subject)
{
    int i, rc;
    if ((rc = sc__db_check(db, "sc_authz_check", 0)) != SC_OK)
        return rc;
    if (!name)
        return sc__error_null("sc_authz_check", "name");
    if ((i = find_action(name)) < 0)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_ARGS, "no action named '%.60s'", name);
    return sc__authorize(db, actor, i, subject);
}
