/*
 * Cases of the authorization matrix (tests/check_authz.c) for the exchange
 * documents of issue #6 (xml_exchange.c): certificate batch, acknowledgement,
 * revocations.
 *
 * Used in tests/check_authz.c: included after authz_cases_assessment.h;
 * build_exchange_states() called after build_assessment_states() (it reads
 * states[S_AS_ISSUED]: AS_CERT of ORG_A issued on 2024-03-15) and
 * free_exchange_states() in teardown(); AUTHZ_EXCHANGE_CASES in cases[].
 * Each document is exported once from a copy of that state: the batch as is,
 * the answer after the city centre published AS_CERT, the revocations after
 * ORG_A revoked it; each import then runs on S_AS_ISSUED.
 */
#ifndef AUTHZ_CASES_EXCHANGE_H
#define AUTHZ_CASES_EXCHANGE_H

static char *ex_batch_doc, *ex_ack_doc, *ex_rev_doc;

static char *ex_export(sc_db *db, int doctype, const char *date)
{
    sc_export_options o = SC_EXPORT_OPTIONS_INIT;
    char *doc = NULL;
    o.credit_code = ORG_A;
    o.date = date;
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, db, doctype, &o));
    return doc;
}

static void build_exchange_states(void)
{
    sc_actor *a = t_actor(SC_ACTOR_ORGANIZATION, ORG_A);
    sc_actor *c = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_db *db;

    ex_batch_doc = ex_export(states[S_AS_ISSUED], SC_DOC_CERTIFICATE_BATCH, "2024-04-01");
    db = t_clone_db(states[S_AS_ISSUED]);
    ck_ok(sc_certificate_publish(db, c, AS_CERT, "2024-04-01"));
    ex_ack_doc = ex_export(db, SC_DOC_CERTIFICATE_ACK, "2024-04-10");
    sc_db_close(db);
    db = t_clone_db(states[S_AS_ISSUED]);
    ck_ok(sc_certificate_revoke(db, a, AS_CERT, "信息有误", "2024-04-02"));
    ex_rev_doc = ex_export(db, SC_DOC_REVOCATIONS, "2024-04-10");
    sc_db_close(db);
    sc_actor_free(a);
    sc_actor_free(c);
}

static void free_exchange_states(void)
{
    sc_free(ex_batch_doc);
    sc_free(ex_ack_doc);
    sc_free(ex_rev_doc);
    ex_batch_doc = ex_ack_doc = ex_rev_doc = NULL;
}

static int inv_certificate_batch_import(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory(NULL, db, a, ex_batch_doc, strlen(ex_batch_doc), "batch.xml",
                                NULL, NULL);
}
static int inv_certificate_ack_import(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory(NULL, db, a, ex_ack_doc, strlen(ex_ack_doc), "ack.xml", NULL,
                                NULL);
}
static int inv_revocations_import(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory(NULL, db, a, ex_rev_doc, strlen(ex_rev_doc), "rev.xml", NULL,
                                NULL);
}

#define AUTHZ_EXCHANGE_CASES                                                                   \
    { "certificate_batch.import", S_AS_ISSUED, inv_certificate_batch_import, ORG_A, "110108",  \
      1, K_CC },                                                                               \
    { "certificate_ack.import", S_AS_ISSUED, inv_certificate_ack_import, ORG_A, "110108", 1,   \
      K_OR },                                                                                  \
    { "revocations.import", S_AS_ISSUED, inv_revocations_import, ORG_A, "110108", 1,           \
      K_CC }

#endif
