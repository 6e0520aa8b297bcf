/*
 * Cases of the authorization matrix (tests/check_authz.c) for the trust chain of
 * signed documents, issue #12 (pki.c): the registry's trust anchor, recorded
 * certificates and CRLs.
 *
 * Used in tests/check_authz.c: build_pki_states() after the other states (it
 * makes S_PKI_ANCHOR, the notice's registry with the bureau's root as anchor),
 * free_pki_states() in teardown(); AUTHZ_PKI_CASES in cases[]. Keys are made at
 * test time: a root, the city centre, an organization certified by the centre
 * and an empty CRL of the bureau.
 */
#ifndef AUTHZ_CASES_PKI_H
#define AUTHZ_CASES_PKI_H

static char *pk_root, *pk_org_chain, *pk_crl;

static char *pk_certify(const char *issuer_key, const char *issuer_cert, const char *key,
                        const char *party)
{
    sc_signer *s = NULL;
    char *req = NULL, *cert = NULL;
    ck_ok(sc_signer_new_key(&s, issuer_key, issuer_cert));
    ck_ok(sc_pki_request_new(&req, NULL, key, party));
    ck_ok(sc_pki_certify(&cert, NULL, s, req, "2024-01-01", "2030-12-31"));
    sc_free(req);
    sc_signer_free(s);
    return cert;
}

static void build_pki_states(void)
{
    sc_actor *b = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    char *rk = NULL, *ck = NULL, *ok = NULL, *cc, *oc;
    sc_signer *rs = NULL;
    size_t n;
    ck_ok(sc_pki_key_new(&rk, NULL));
    ck_ok(sc_pki_key_new(&ck, NULL));
    ck_ok(sc_pki_key_new(&ok, NULL));
    pk_root = pk_certify(rk, NULL, rk, "city-bureau");
    cc = pk_certify(rk, pk_root, ck, "city-centre");
    oc = pk_certify(ck, cc, ok, "org:" ORG_A);
    n = strlen(oc) + strlen(cc) + 1;
    pk_org_chain = malloc(n);
    snprintf(pk_org_chain, n, "%s%s", oc, cc);
    ck_ok(sc_signer_new_key(&rs, rk, pk_root));
    ck_ok(sc_pki_crl_new(&pk_crl, NULL, rs, NULL, 0, "2024-02-01", "2024-03-01"));
    states[S_PKI_ANCHOR] = t_clone_db(states[S_CATALOG]);
    ck_ok(sc_pki_anchor_set(states[S_PKI_ANCHOR], b, pk_root, NULL));
    sc_signer_free(rs);
    sc_free(rk);
    sc_free(ck);
    sc_free(ok);
    sc_free(cc);
    sc_free(oc);
    sc_actor_free(b);
}

static void free_pki_states(void)
{
    sc_free(pk_root);
    free(pk_org_chain);
    sc_free(pk_crl);
    pk_root = pk_org_chain = pk_crl = NULL;
}

static int inv_pki_anchor_set(sc_db *db, const sc_actor *a)
{
    return sc_pki_anchor_set(db, a, pk_root, NULL);
}
static int inv_pki_cert_import(sc_db *db, const sc_actor *a)
{
    return sc_pki_cert_import(NULL, db, a, pk_org_chain);
}
static int inv_pki_crl_import(sc_db *db, const sc_actor *a)
{
    return sc_pki_crl_import(NULL, db, a, pk_crl);
}

/* The suites' registries are development ones (t_memdb): switching it off is the
 * change each allowed actor makes (one audit entry). */
static int inv_pki_development_set(sc_db *db, const sc_actor *a)
{
    return sc_pki_development_set(db, a, 0);
}

/* A candidate batch from memory with a detached signature: S_AP_VERIFIED is a
 * development registry without an anchor, so the signature is not checked and the
 * batch's own rule decides (authz_cases_application.h). */
static int inv_import_memory_signed(sc_db *db, const sc_actor *a)
{
    return sc_xml_import_memory_signed(NULL, db, a, ap_batch_doc, strlen(ap_batch_doc),
                                       "-----BEGIN CMS-----\n-----END CMS-----\n", "batch.xml",
                                       NULL, NULL);
}

#define AUTHZ_PKI_CASES                                                                    \
    { "pki.anchor_set", S_CATALOG, inv_pki_anchor_set, ORG_A, "110108", 1, K_CB },         \
    { "pki.cert_import", S_PKI_ANCHOR, inv_pki_cert_import, ORG_A, "110108", 1,            \
      K_CB | K_CC },                                                                       \
    { "pki.crl_import", S_PKI_ANCHOR, inv_pki_crl_import, ORG_A, "110108", 1, K_CB | K_CC }, \
    { "pki.development_set", S_CATALOG, inv_pki_development_set, ORG_A, "110108", 1, K_CB }, \
    { "xml.import_memory_signed", S_AP_VERIFIED, inv_import_memory_signed, ORG_A, "110108", 1, \
      K_DI }

#endif
