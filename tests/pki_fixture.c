/* Keys, signers and certificates of the test trust chains (pki_fixture.h). */
#include "config.h"
#include <string.h>
#include "pki_fixture.h"

char *new_key(void)
{
    char *k = NULL;
    ck_ok(sc_pki_key_new(&k, NULL));
    return k;
}

sc_signer *signer(const char *key, const char *cert)
{
    sc_signer *s = NULL;
    ck_ok(sc_signer_new_key(&s, key, cert));
    return s;
}

char *certify(const char *issuer_key, const char *issuer_cert, const char *key,
              const char *party, const char *from, const char *to)
{
    sc_signer *s = signer(issuer_key, issuer_cert);
    char *req = NULL, *cert = NULL;
    ck_ok(sc_pki_request_new(&req, NULL, key, party));
    ck_ok(sc_pki_certify(&cert, NULL, s, req, from, to));
    sc_free(req);
    sc_signer_free(s);
    return cert;
}

char *sign_at(const char *doc, const char *key, const char *chain, const char *at,
              const char *purpose)
{
    sc_signer *s = signer(key, chain);
    sc_sign_options o = SC_SIGN_OPTIONS_INIT;
    char *out = NULL;
    o.signed_at = at;
    o.purpose = purpose;
    ck_ok(sc_xml_sign_memory(&out, NULL, doc, strlen(doc), s, &o));
    sc_signer_free(s);
    return out;
}

void set_anchor(sc_db *db, const char *cert)
{
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    ck_ok(sc_pki_anchor_set(db, bureau, cert, NULL));
    sc_actor_free(bureau);
}
