/*
 * The action table and the one authorization check every state-changing
 * function makes (see include/skillcert/authz.h).
 */
#ifndef SC_AUTHZ_INT_H
#define SC_AUTHZ_INT_H

#include "store_int.h"

/* Action ids: indexes into sc__actions. Append new actions anywhere, but keep
 * this list and the table in authz.c in the same order. */
typedef enum {
    SC__ACT_CATALOG_ADD_OCCUPATION,
    SC__ACT_CATALOG_ADD_WORK_TYPE,
    SC__ACT_CATALOG_ADD_OFFERING,
    SC__ACT_CATALOG_WITHDRAW_OCCUPATION,
    SC__ACT_CATALOG_WITHDRAW_WORK_TYPE,
    SC__ACT_CATALOG_WITHDRAW_OFFERING,
    SC__ACT_CATALOG_ADD_ALIAS,
    SC__ACT_CATALOG_LOAD_NOTICE,
    SC__ACT_XML_IMPORT_FILE,
    SC__ACT_XML_IMPORT_MEMORY,
    SC__ACT_XML_IMPORT_NOTICE,
    SC__ACT_ORG_REGISTER,
    SC__ACT_ORG_PUBLISH,
    SC__ACT_ORG_APPLY,
    SC__ACT_ORG_APPLY_ADDITION,
    SC__ACT_ORG_RECOMMEND,
    SC__ACT_ORG_REJECT_APPLICATION,
    SC__ACT_ORG_EVALUATE,
    SC__ACT_ORG_NOTICE,
    SC__ACT_ORG_FILE,
    SC__ACT_ORG_REJECT,
    SC__ACT_ORG_COMMIT,
    SC__ACT_ORG_EXIT,
    SC__ACT_STAFF_ADD,
    SC__ACT_STAFF_REMOVE,
    SC__ACT_RULES_SUBMIT,
    SC__ACT_RULES_CONFIRM,
    SC__ACT_CANDIDATE_SAVE,
    SC__ACT_ELIGIBILITY_LOAD_DEFAULTS,
    /* Assessment and certificates (assessment.c, bank.c, certificate.c). */
    SC__ACT_RULE_SET,
    SC__ACT_VENUE_REGISTER,
    SC__ACT_VENUE_INSPECT,
    SC__ACT_SESSION_CREATE,
    SC__ACT_SESSION_STAFF_ADD,
    SC__ACT_SESSION_STAFF_REMOVE,
    SC__ACT_SESSION_ENROL,
    SC__ACT_SESSION_CONFIRM,
    SC__ACT_BANK_SAVE,
    SC__ACT_PAPER_ASSEMBLE,
    SC__ACT_PAPER_SCORE,
    SC__ACT_RESULT_RECORD,
    SC__ACT_CERT_REPORT,
    SC__ACT_CERT_ISSUE,
    SC__ACT_CERT_PUBLISH,
    SC__ACT_CERT_REVOKE,
    SC__ACT_CERT_REISSUE,
    SC__ACT_CERT_LINK_POST,
    /* Eligibility rule documents (xml_eligibility.c). */
    SC__ACT_ELIGIBILITY_IMPORT,
    /* Announcements and applications (application.c, xml_application.c). */
    SC__ACT_ANNOUNCEMENT_PUBLISH,
    SC__ACT_ANNOUNCEMENT_CLOSE,
    SC__ACT_APPLICATION_APPLY,
    SC__ACT_APPLICATION_APPLY_FOR,
    SC__ACT_APPLICATION_VERIFY,
    SC__ACT_APPLICATION_VERIFY_BATCH,
    SC__ACT_APPLICATION_REJECT,
    SC__ACT_APPLICATION_CONFIRM,
    SC__ACT_APPLICATION_CONFIRM_BATCH,
    SC__ACT_APPLICATION_REJECT_CONFIRMATION,
    SC__ACT_APPLICATION_WITHDRAW,
    SC__ACT_APPLICATION_WITHDRAW_FOR,
    SC__ACT_CANDIDATE_BATCH_IMPORT,
    SC__ACT_CONFIRMATION_IMPORT,
    /* Quality supervision, sanctions, credit evaluation (supervision.c, credit.c). */
    SC__ACT_SUPERVISION_ASSIGN,
    SC__ACT_SUPERVISION_RECORD,
    SC__ACT_INSPECTION_OPEN,
    SC__ACT_INSPECTION_FINDING,
    SC__ACT_INSPECTION_SCAN,
    SC__ACT_INSPECTION_CLOSE,
    SC__ACT_FINDING_WITHDRAW,
    SC__ACT_FINDING_REVOKE,
    SC__ACT_SANCTION_WARN,
    SC__ACT_SANCTION_RECTIFY,
    SC__ACT_SANCTION_SUSPEND,
    SC__ACT_SANCTION_EXIT,
    SC__ACT_SANCTION_LIFT,
    SC__ACT_CREDIT_WEIGHT_SET,
    SC__ACT_CREDIT_COMPUTE,
    /* Exchange documents of issue #6 (xml_exchange.c checks them on the root element). */
    SC__ACT_CERT_BATCH_IMPORT,
    SC__ACT_CERT_ACK_IMPORT,
    SC__ACT_REVOCATIONS_IMPORT,
    /* Reports to the city centre, issues #6 and #7 (xml_report.c, on the root element). */
    SC__ACT_RESULTS_REPORT_IMPORT,
    SC__ACT_FINDINGS_IMPORT,
    /* Filing workflow documents of issue #6 (xml_org.c checks them on the root element). */
    SC__ACT_ORG_APPLICATION_IMPORT,
    SC__ACT_RECOMMENDATION_IMPORT,
    SC__ACT_EVALUATION_RESULT_IMPORT,
    SC__ACT_DIRECTORY_IMPORT,
    /* The trust chain of signed documents, issue #12 (pki.c). */
    SC__ACT_PKI_ANCHOR_SET,
    SC__ACT_PKI_CERT_IMPORT,
    SC__ACT_PKI_CRL_IMPORT,
    SC__ACT_XML_IMPORT_MEMORY_SIGNED,
    SC__ACT_PKI_DEVELOPMENT_SET,
    SC__ACT_COUNT
} sc__action;

typedef struct sc__action_def {
    int id;                   /* its sc__action, checked by the test suite */
    const char *name;         /* "org.recommend": also the audit action */
    const char *function;     /* "sc_org_recommend" */
    unsigned int kinds;       /* SC_AUTHZ_KIND_BIT of each allowed actor kind */
    int subject;              /* sc_authz_subject */
    const char *description;
} sc__action_def;

extern const sc__action_def sc__actions[SC__ACT_COUNT];

/* May `actor` do `action` on `subject` (a credit code or ID number, or NULL
 * for SC_AUTHZ_SUBJECT_NONE)? Returns SC_OK; SC_EINVAL (no actor or
 * subject); SC_EDENIED (kind or jurisdiction, recorded in SC_DOMAIN_AUTH);
 * SC_ENOTFOUND (the organization is unknown when its district is needed);
 * SC_EDB. Changes nothing. */
int sc__authorize(sc_db *db, const sc_actor *actor, int action, const char *subject);

/* Name of an action for messages and the audit trail. */
const char *sc__action_name(int action);

#endif
