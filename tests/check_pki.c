/*
 * The trust chain and signed documents (issue #12): who certifies whom,
 * chains checked on the signing day, revocation, key rotation, every refusal
 * of a signed document (unsigned, tampered, unknown, expired, revoked, wrong
 * party, signature wrapping), the registry's anchor, certificates and CRLs,
 * the audit head under a signature and the electronic certificate checked
 * offline. Keys are generated at test time.
 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include "check_suites.h"
#include "store_int.h"
#include "pki_int.h"
#include "pki_fixture.h"

#define ORG "91110108MA01ABCD2H"
#define ORG_B "91110105MA01CHY00K"

/* The PKI of the tests: made once per process (an unchecked fixture). */
static char *root_key, *root_cert, *centre_key, *centre_cert, *district_key, *district_cert;
static char *org_key, *org_cert, *org_chain, *org_key2, *org_cert2, *org_chain2;
static char *orgb_key, *orgb_chain;
static char *rogue_key, *rogue_cert, *rogue_centre_key, *rogue_centre_cert, *rogue_org_key,
    *rogue_org_chain;

static const char CERT_DOC[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<certificate xmlns=\"urn:skillcert:certificate:1\" version=\"1\" issuer=\"org:" ORG "\" "
    "batch=\"CERT-S000011000001244000001\" number=\"S000011000001244000001\" "
    "status=\"issued\">\n"
    "  <title>职业技能等级证书</title>\n"
    "  <holder name=\"张三\" id-type=\"居民身份证\" id-number=\"11010519491231002X\" "
    "photo=\"sha256:photo\"/>\n"
    "  <qualification occupation=\"4-02-07-10\" occupation-name=\"网约配送员\" "
    "work-type=\"--\" level=\"4\" level-text=\"四级/中级工\"/>\n"
    "  <issuer name=\"北京智训科技有限公司\" credit-code=\"" ORG "\" district=\"110108\"/>\n"
    "  <dates certified=\"2024-03-01\" issued=\"2024-03-05\"/>\n"
    "  <body>经评价，该同志具备相应职业技能等级水平。</body>\n"
    "  <query qr-code=\"https://verify.example/S000011000001244000001\" "
    "certificate-url=\"http://jndj.osta.org.cn\" organization-url=\"http://pjjg.osta.org.cn\"/>\n"
    "</certificate>\n";

static const char PLAIN_DOC[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<report xmlns=\"urn:example:report:1\" issuer=\"org:" ORG "\" batch=\"R1\">\n"
    "  <item id=\"a\" value=\"1\"/>\n"
    "  <item id=\"b\" value=\"2\"/>\n"
    "</report>\n";

static char *cat(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

static void pki_setup(void)
{
    root_key = new_key();
    root_cert = certify(root_key, NULL, root_key, "city-bureau", "2024-01-01", "2035-12-31");
    centre_key = new_key();
    centre_cert = certify(root_key, root_cert, centre_key, "city-centre", "2024-01-01",
                          "2030-12-31");
    district_key = new_key();
    district_cert = certify(root_key, root_cert, district_key, "district:110108", "2024-01-01",
                            "2030-12-31");
    org_key = new_key();
    org_cert = certify(centre_key, centre_cert, org_key, "org:" ORG, "2024-01-01", "2024-12-31");
    org_chain = cat(org_cert, centre_cert);
    org_key2 = new_key();
    org_cert2 = certify(centre_key, centre_cert, org_key2, "org:" ORG, "2025-01-01",
                        "2027-12-31");
    org_chain2 = cat(org_cert2, centre_cert);
    orgb_key = new_key();
    {
        char *c = certify(centre_key, centre_cert, orgb_key, "org:" ORG_B, "2024-01-01",
                          "2027-12-31");
        orgb_chain = cat(c, centre_cert);
        sc_free(c);
    }
    /* Someone else's hierarchy that also calls itself the city bureau. */
    rogue_key = new_key();
    rogue_cert = certify(rogue_key, NULL, rogue_key, "city-bureau", "2024-01-01", "2035-12-31");
    rogue_centre_key = new_key();
    rogue_centre_cert = certify(rogue_key, rogue_cert, rogue_centre_key, "city-centre",
                                "2024-01-01", "2030-12-31");
    rogue_org_key = new_key();
    {
        char *c = certify(rogue_centre_key, rogue_centre_cert, rogue_org_key, "org:" ORG,
                          "2024-01-01", "2027-12-31");
        rogue_org_chain = cat(c, rogue_centre_cert);
        sc_free(c);
    }
}

static void pki_teardown(void)
{
    char **all[] = { &root_key, &root_cert, &centre_key, &centre_cert, &district_key,
                     &district_cert, &org_key, &org_cert, &org_chain, &org_key2, &org_cert2,
                     &org_chain2, &orgb_key, &orgb_chain, &rogue_key, &rogue_cert,
                     &rogue_centre_key, &rogue_centre_cert, &rogue_org_key, &rogue_org_chain };
    size_t i;
    for (i = 0; i < sizeof all / sizeof all[0]; i++) {
        free(*all[i]);
        *all[i] = NULL;
    }
}

/* Verification refused with `reason`. */
static void refused(const char *doc, const char *crl, int reason)
{
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    int rc = sc_xml_verify_memory(&v, doc, strlen(doc), root_cert, crl);
    ck_assert_msg(rc == SC_EINVALIDDOC, "verify: %d %s (wanted refusal %s)", rc,
                  sc_error_last()->message, sc_sig_reason_name(reason));
    ck_assert_msg(v.result.reason == reason, "reason %s, wanted %s: %s",
                  sc_sig_reason_name(v.result.reason), sc_sig_reason_name(reason),
                  v.result.message);
    ck_assert_int_eq(v.result.ok, 0);
}

static char *edit(const char *doc, const char *what, const char *with)
{
    return t_edit(doc, "", what, with);
}

/* ---- parties and certification -------------------------------------------------------------- */

START_TEST(test_pki_party_names)
{
    int kind = 0;
    ck_ok(sc_pki_party_check(&kind, "city-bureau"));
    ck_assert_int_eq(kind, SC_ACTOR_CITY_BUREAU);
    ck_ok(sc_pki_party_check(&kind, "city-centre"));
    ck_assert_int_eq(kind, SC_ACTOR_CITY_CENTRE);
    ck_ok(sc_pki_party_check(&kind, "district:110108"));
    ck_assert_int_eq(kind, SC_ACTOR_DISTRICT);
    ck_ok(sc_pki_party_check(&kind, "org:" ORG));
    ck_assert_int_eq(kind, SC_ACTOR_ORGANIZATION);
    ck_assert_int_eq(sc_pki_party_check(&kind, "district:11010"), SC_EINVAL);
    ck_assert_int_eq(sc_pki_party_check(&kind, "org:91110108MA01ABCD2"), SC_EINVAL);
    ck_assert_int_eq(sc_pki_party_check(&kind, "org:91110108MA01ABCDIH"), SC_EINVAL);
    ck_assert_int_eq(sc_pki_party_check(&kind, "bureau"), SC_EINVAL);
    ck_assert_int_eq(kind, 0);
    ck_assert_int_eq(sc_pki_party_check(NULL, NULL), SC_EINVAL);
    ck_assert_str_eq(sc_sig_reason_name(SC_SIG_REVOKED), "revoked");
    ck_assert_str_eq(sc_sig_reason_name(99), "unknown");
    sc_signer_free(NULL);
    sc_pki_cert_iter_free(NULL);
}
END_TEST

START_TEST(test_pki_who_certifies_whom)
{
    sc_signer *bureau = signer(root_key, root_cert), *centre = signer(centre_key, centre_cert);
    sc_signer *district = signer(district_key, district_cert), *org = signer(org_key, org_chain);
    sc_signer *self = signer(org_key, NULL);
    char *key = new_key(), *req_org = NULL, *req_dist = NULL, *req_bureau = NULL, *out = NULL;
    sc_pki_cert_info info = SC_PKI_CERT_INFO_INIT;

    ck_ok(sc_pki_request_new(&req_org, NULL, key, "org:" ORG_B));
    ck_ok(sc_pki_request_new(&req_dist, NULL, key, "district:110105"));
    ck_ok(sc_pki_request_new(&req_bureau, NULL, key, "city-bureau"));
    ck_assert_int_eq(sc_pki_request_new(&out, NULL, key, "someone"), SC_EINVAL);
    ck_assert_int_eq(sc_pki_request_new(&out, NULL, "not a key", "city-centre"), SC_EINVAL);

    /* Refused: a district, an organization, the bureau for an organization, the
     * centre for a district, self-signing anyone but the bureau's own request. */
    ck_assert_int_eq(sc_pki_certify(&out, NULL, district, req_org, "2024-02-01", "2024-12-31"),
                     SC_EDENIED);
    ck_assert_int_eq(sc_pki_certify(&out, NULL, org, req_org, "2024-02-01", "2024-12-31"),
                     SC_EDENIED);
    ck_assert_int_eq(sc_pki_certify(&out, NULL, bureau, req_org, "2024-02-01", "2024-12-31"),
                     SC_EDENIED);
    ck_assert_int_eq(sc_pki_certify(&out, NULL, centre, req_dist, "2024-02-01", "2024-12-31"),
                     SC_EDENIED);
    ck_assert_int_eq(sc_pki_certify(&out, NULL, self, req_bureau, "2024-02-01", "2024-12-31"),
                     SC_EDENIED); /* another key's request */
    ck_assert_int_eq(sc_pki_certify(&out, NULL, self, req_org, "2024-02-01", "2024-12-31"),
                     SC_EDENIED);
    ck_assert_ptr_null(out);
    /* Dates: backwards, beyond the issuer's own, not dates. */
    ck_assert_int_eq(sc_pki_certify(&out, NULL, centre, req_org, "2024-12-31", "2024-02-01"),
                     SC_EINVAL);
    ck_assert_int_eq(sc_pki_certify(&out, NULL, centre, req_org, "2024-02-01", "2031-01-01"),
                     SC_EINVAL);
    ck_assert_int_eq(sc_pki_certify(&out, NULL, centre, req_org, "2024-02-30", "2024-12-31"),
                     SC_EINVAL);
    /* A tampered request. */
    {
        /* One base64 character inside the signed part changed. */
        char *bad = strdup(req_org), *p = strstr(bad, "-----\n") + 6 + 60;
        *p = *p == 'A' ? 'B' : 'A';
        int rc = sc_pki_certify(&out, NULL, centre, bad, "2024-02-01", "2024-12-31");
        ck_assert_int_eq(rc, SC_EINVAL);
        free(bad);
    }
    /* Allowed: the centre certifies the organization. */
    ck_ok(sc_pki_certify(&out, NULL, centre, req_org, "2024-02-01", "2024-12-31"));
    ck_ok(sc_pki_cert_info_get(&info, out));
    ck_assert_str_eq(info.party, "org:" ORG_B);
    ck_assert_str_eq(info.issuer, "city-centre");
    ck_assert_str_eq(info.not_before, "2024-02-01T00:00:00Z");
    ck_assert_str_eq(info.not_after, "2024-12-31T23:59:59Z");
    ck_assert_uint_eq(strlen(info.fingerprint), 64);
    ck_assert_uint_ge(strlen(info.serial), 30);
    sc_free(out);

    sc_free(req_org);
    sc_free(req_dist);
    sc_free(req_bureau);
    sc_free(key);
    sc_signer_free(bureau);
    sc_signer_free(centre);
    sc_signer_free(district);
    sc_signer_free(org);
    sc_signer_free(self);
}
END_TEST

START_TEST(test_pki_chain_on_the_signing_day)
{
    sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
    ck_ok(sc_pki_verify_chain(&v, root_cert, org_chain, NULL, "2024-06-01T08:00:00Z"));
    ck_assert_msg(v.ok, "%s", v.message);
    ck_assert_str_eq(v.party, "org:" ORG);
    ck_ok(sc_pki_verify_chain(&v, root_cert, org_chain, NULL, "2025-06-01"));
    ck_assert_int_eq(v.ok, 0);
    ck_assert_int_eq(v.reason, SC_SIG_EXPIRED);
    ck_ok(sc_pki_verify_chain(&v, root_cert, org_chain, NULL, "2023-12-31T23:59:59Z"));
    ck_assert_int_eq(v.reason, SC_SIG_EXPIRED); /* not yet valid */
    ck_ok(sc_pki_verify_chain(&v, root_cert, rogue_org_chain, NULL, "2024-06-01"));
    ck_assert_int_eq(v.reason, SC_SIG_UNKNOWN_SIGNER);
    ck_ok(sc_pki_verify_chain(&v, root_cert, org_cert, NULL, "2024-06-01"));
    ck_assert_int_eq(v.reason, SC_SIG_UNKNOWN_SIGNER); /* the centre's certificate missing */
    ck_ok(sc_pki_verify_chain(&v, root_cert, district_cert, NULL, "2024-06-01"));
    ck_assert(v.ok);
    ck_assert_int_eq(sc_pki_verify_chain(&v, root_cert, org_chain, NULL, "June"), SC_EINVAL);
}
END_TEST

/* ---- signed documents ----------------------------------------------------------------------- */

START_TEST(test_pki_sign_verify_round_trip)
{
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    char *doc = sign_at(PLAIN_DOC, org_key, org_chain, "2024-06-01T08:00:00Z", NULL);
    ck_assert_ptr_nonnull(strstr(doc, "<sig:signing-info"));
    ck_assert_ptr_nonnull(strstr(doc, "URI=\"\""));
    ck_ok(sc_xml_verify_memory(&v, doc, strlen(doc), root_cert, NULL));
    ck_assert(v.result.ok);
    ck_assert_int_eq(v.layers, 1);
    ck_assert_str_eq(v.sig[0].party, "org:" ORG);
    ck_assert_str_eq(v.sig[0].signed_at, "2024-06-01T08:00:00Z");
    ck_assert_str_eq(v.sig[0].purpose, "issue");
    ck_assert_str_eq(v.result.party, "org:" ORG);
    ck_assert_uint_eq(strlen(v.result.fingerprint), 64);
    free(doc);
}
END_TEST

START_TEST(test_pki_refuses_unsigned_and_tampered)
{
    char *doc = sign_at(PLAIN_DOC, org_key, org_chain, "2024-06-01T08:00:00Z", NULL), *bad;
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;

    refused(PLAIN_DOC, NULL, SC_SIG_UNSIGNED);
    /* One attribute changed after signing. */
    bad = edit(doc, "value=\"2\"", "value=\"3\"");
    refused(bad, NULL, SC_SIG_BAD_SIGNATURE);
    free(bad);
    /* The signing time moved (it is under the signature). */
    bad = edit(doc, "2024-06-01T08:00:00Z", "2024-06-02T08:00:00Z");
    refused(bad, NULL, SC_SIG_BAD_SIGNATURE);
    free(bad);
    /* The signature value changed. */
    {
        const char *p = strstr(doc, "<SignatureValue>");
        char old[8], new_[8];
        ck_assert_ptr_nonnull(p);
        snprintf(old, sizeof old, "%.5s", p + 16);
        snprintf(new_, sizeof new_, "%.5s", p + 16);
        new_[0] = new_[0] == 'A' ? 'B' : 'A';
        bad = edit(doc, old, new_);
        refused(bad, NULL, SC_SIG_BAD_SIGNATURE);
        free(bad);
    }
    /* Not XML, a DOCTYPE. */
    ck_assert_int_eq(sc_xml_verify_memory(&v, "<a>", 3, root_cert, NULL), SC_EXML);
    bad = edit(doc, "<report", "<!DOCTYPE report [<!ENTITY x \"y\">]><report");
    ck_assert_int_eq(sc_xml_verify_memory(&v, bad, strlen(bad), root_cert, NULL), SC_EXML);
    free(bad);
    free(doc);
}
END_TEST

START_TEST(test_pki_refuses_unknown_expired_revoked)
{
    sc_signer *centre = signer(centre_key, centre_cert);
    sc_pki_cert_info info = SC_PKI_CERT_INFO_INIT;
    char *doc, *crl = NULL, *crl_empty = NULL;
    const char *serials[1];
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;

    /* Unknown: a look-alike hierarchy. */
    doc = sign_at(PLAIN_DOC, rogue_org_key, rogue_org_chain, "2024-06-01T08:00:00Z", NULL);
    refused(doc, NULL, SC_SIG_UNKNOWN_SIGNER);
    free(doc);
    /* Expired at the signing time. */
    doc = sign_at(PLAIN_DOC, org_key, org_chain, "2025-01-02T08:00:00Z", NULL);
    refused(doc, NULL, SC_SIG_EXPIRED);
    free(doc);
    /* Revoked by the centre's CRL (revocation counts whatever the signing day). */
    doc = sign_at(PLAIN_DOC, org_key, org_chain, "2024-06-01T08:00:00Z", NULL);
    ck_ok(sc_pki_cert_info_get(&info, org_cert));
    serials[0] = info.serial;
    ck_ok(sc_pki_crl_new(&crl, NULL, centre, serials, 1, "2024-09-01", "2024-10-01"));
    ck_ok(sc_pki_crl_new(&crl_empty, NULL, centre, NULL, 0, "2024-09-01", "2024-10-01"));
    refused(doc, crl, SC_SIG_REVOKED);
    ck_ok(sc_xml_verify_memory(&v, doc, strlen(doc), root_cert, crl_empty));
    /* A next update before this one is refused. */
    {
        char *none = NULL;
        ck_assert_int_eq(sc_pki_crl_new(&none, NULL, centre, serials, 1, "2024-09-01",
                                        "2024-08-01"), SC_EINVAL);
        ck_assert_ptr_null(none);
    }
    free(doc);
    sc_free(crl);
    sc_free(crl_empty);
    sc_signer_free(centre);
}
END_TEST

START_TEST(test_pki_refuses_wrong_party)
{
    char *doc, *bad;
    /* Signed by organization B, the document names organization A as issuer. */
    doc = sign_at(PLAIN_DOC, orgb_key, orgb_chain, "2024-06-01T08:00:00Z", NULL);
    refused(doc, NULL, SC_SIG_WRONG_PARTY);
    free(doc);
    /* The signing-info names another signer than the certificate (edited before
     * signing, by someone holding B's key): refused too. */
    bad = edit(PLAIN_DOC, "issuer=\"org:" ORG "\"", "issuer=\"org:" ORG_B "\"");
    doc = sign_at(bad, orgb_key, orgb_chain, "2024-06-01T08:00:00Z", NULL);
    free(bad);
    bad = edit(doc, "signer=\"org:" ORG_B "\"", "signer=\"org:" ORG "\"");
    refused(bad, NULL, SC_SIG_BAD_SIGNATURE); /* under the signature */
    free(bad);
    /* The certificate in KeyInfo swapped for A's: the key no longer matches. */
    {
        const char *p = strstr(doc, "<X509Certificate>"), *e;
        char *mine, *theirs;
        sc_xml_verification v = SC_XML_VERIFICATION_INIT;
        ck_assert_ptr_nonnull(p);
        e = strstr(p, "</X509Certificate>");
        mine = strndup(p, (size_t)(e - p));
        theirs = sign_at(PLAIN_DOC, org_key, org_chain, "2024-06-01T08:00:00Z", NULL);
        p = strstr(theirs, "<X509Certificate>");
        e = strstr(p, "</X509Certificate>");
        {
            char *a_cert = strndup(p, (size_t)(e - p));
            bad = edit(doc, mine, a_cert);
            free(a_cert);
        }
        ck_assert_int_eq(sc_xml_verify_memory(&v, bad, strlen(bad), root_cert, NULL),
                         SC_EINVALIDDOC);
        ck_assert(v.result.reason == SC_SIG_BAD_SIGNATURE ||
                  v.result.reason == SC_SIG_WRONG_PARTY);
        free(bad);
        free(mine);
        free(theirs);
    }
    free(doc);
}
END_TEST

START_TEST(test_pki_refuses_signature_wrapping)
{
    char *doc = sign_at(PLAIN_DOC, org_key, org_chain, "2024-06-01T08:00:00Z", NULL);
    const char *body = strstr(doc, "<report");
    char *bad, *sigpart;
    const char *s0, *s1;
    sc__buf b;

    /* 1. The signed document moved inside a new root. */
    sc__buf_init(&b);
    sc__buf_puts(&b, "<report xmlns=\"urn:example:report:1\" issuer=\"org:" ORG "\" batch=\"R2\">"
                     "<item id=\"z\" value=\"9\"/><wrapper>");
    sc__buf_puts(&b, body);
    sc__buf_puts(&b, "</wrapper></report>");
    refused(b.data, NULL, SC_SIG_MALFORMED);
    sc__buf_free(&b);

    /* 2. The signature moved into a child element of the same document. */
    s0 = strstr(doc, "<sig:signing-info");
    s1 = strstr(doc, "</Signature>") + strlen("</Signature>");
    sigpart = strndup(s0, (size_t)(s1 - s0));
    sc__buf_init(&b);
    sc__buf_append(&b, doc, (size_t)(s0 - doc));
    sc__buf_puts(&b, "</report>");
    {
        char *nosig = strdup(b.data);
        char *moved = edit(nosig, "<item id=\"b\" value=\"2\"/>", "");
        sc__buf_free(&b);
        sc__buf_init(&b);
        /* put the signature inside <item id="a"> */
        {
            char *wrapped = malloc(strlen(sigpart) + 64);
            sprintf(wrapped, "<item id=\"a\" value=\"1\">%s</item>", sigpart);
            bad = edit(nosig, "<item id=\"a\" value=\"1\"/>", wrapped);
            free(wrapped);
        }
        refused(bad, NULL, SC_SIG_MALFORMED);
        free(bad);
        free(moved);
        free(nosig);
    }
    sc__buf_free(&b);

    /* 3. A second root-like element after the signature. */
    bad = edit(doc, "</Signature>",
               "</Signature><report batch=\"R3\"><item id=\"x\" value=\"7\"/></report>");
    refused(bad, NULL, SC_SIG_MALFORMED);
    free(bad);
    /* 4. A second root-like element hidden in a ds:Object (outside the digest). */
    bad = edit(doc, "</KeyInfo>",
               "</KeyInfo><Object><report batch=\"R3\"><item id=\"x\" value=\"7\"/></report>"
               "</Object>");
    refused(bad, NULL, SC_SIG_MALFORMED);
    free(bad);
    /* 5. A reference to another element by id. */
    bad = edit(doc, "URI=\"\"", "URI=\"#a\"");
    refused(bad, NULL, SC_SIG_MALFORMED);
    free(bad);
    /* 6. A second signature-info pair inside the content. */
    bad = edit(doc, "<item id=\"a\" value=\"1\"/>", sigpart);
    refused(bad, NULL, SC_SIG_MALFORMED);
    free(bad);
    /* 7. Another transform (XPath) in the reference. */
    bad = edit(doc, "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>",
               "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"/>");
    refused(bad, NULL, SC_SIG_MALFORMED);
    free(bad);
    free(sigpart);
    free(doc);
}
END_TEST

START_TEST(test_pki_key_rotation)
{
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    char *doc;
    /* Signed with the old key while its certificate was valid: verifies for ever
     * (the check uses the signing day, not today). */
    doc = sign_at(PLAIN_DOC, org_key, org_chain, "2024-12-31T23:00:00Z", NULL);
    ck_ok(sc_xml_verify_memory(&v, doc, strlen(doc), root_cert, NULL));
    free(doc);
    /* The old key after its certificate expired: refused. */
    doc = sign_at(PLAIN_DOC, org_key, org_chain, "2025-01-01T01:00:00Z", NULL);
    refused(doc, NULL, SC_SIG_EXPIRED);
    free(doc);
    /* The new key from its first day. */
    doc = sign_at(PLAIN_DOC, org_key2, org_chain2, "2025-01-01T01:00:00Z", NULL);
    ck_ok(sc_xml_verify_memory(&v, doc, strlen(doc), root_cert, NULL));
    ck_assert_str_eq(v.sig[0].party, "org:" ORG);
    free(doc);
    /* The new key before its first day. */
    doc = sign_at(PLAIN_DOC, org_key2, org_chain2, "2024-12-31T01:00:00Z", NULL);
    refused(doc, NULL, SC_SIG_EXPIRED);
    free(doc);
}
END_TEST

/* An external signer: an EVP key held by the "token". */
static int token_sign(const unsigned char *digest, size_t len, unsigned char *sig, size_t *siglen,
                      void *payload)
{
    EVP_PKEY *k = payload;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(k, NULL);
    int ok = ctx && EVP_PKEY_sign_init(ctx) == 1 &&
             EVP_PKEY_sign(ctx, sig, siglen, digest, len) == 1;
    EVP_PKEY_CTX_free(ctx);
    return ok ? 0 : -1;
}

static int token_fail(const unsigned char *digest, size_t len, unsigned char *sig, size_t *siglen,
                      void *payload)
{
    (void)digest; (void)len; (void)sig; (void)siglen; (void)payload;
    return -1;
}

START_TEST(test_pki_external_signer)
{
    BIO *bio = BIO_new_mem_buf(org_key, -1);
    EVP_PKEY *k = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
    sc_signer *s = NULL;
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    char *out = NULL;
    sc_sign_options o = SC_SIGN_OPTIONS_INIT;
    o.signed_at = "2024-06-01T08:00:00Z";
    ck_assert_ptr_nonnull(k);
    ck_ok(sc_signer_new_callback(&s, org_chain, token_sign, k));
    ck_assert_str_eq(sc_signer_party(s), "org:" ORG);
    ck_ok(sc_xml_sign_memory(&out, NULL, PLAIN_DOC, strlen(PLAIN_DOC), s, &o));
    ck_ok(sc_xml_verify_memory(&v, out, strlen(out), root_cert, NULL));
    sc_free(out);
    sc_signer_free(s);
    ck_ok(sc_signer_new_callback(&s, org_chain, token_fail, NULL));
    ck_assert_int_eq(sc_xml_sign_memory(&out, NULL, PLAIN_DOC, strlen(PLAIN_DOC), s, &o),
                     SC_ERROR);
    ck_assert_ptr_null(out);
    sc_signer_free(s);
    ck_assert_int_eq(sc_signer_new_callback(&s, NULL, token_fail, NULL), SC_EINVAL);
    /* The city centre's token certifies an organization's key. */
    {
        BIO *cb = BIO_new_mem_buf(centre_key, -1);
        EVP_PKEY *ck = PEM_read_bio_PrivateKey(cb, NULL, NULL, NULL);
        char *req = NULL, *cert = NULL, *chain;
        sc_pki_verification pv = SC_PKI_VERIFICATION_INIT;
        ck_ok(sc_signer_new_callback(&s, centre_cert, token_sign, ck));
        ck_ok(sc_pki_request_new(&req, NULL, orgb_key, "org:" ORG_B));
        ck_ok(sc_pki_certify(&cert, NULL, s, req, "2024-02-01", "2024-12-31"));
        chain = cat(cert, centre_cert);
        ck_ok(sc_pki_verify_chain(&pv, root_cert, chain, NULL, "2024-06-01"));
        ck_assert_msg(pv.ok, "%s", pv.message);
        free(chain);
        sc_free(req);
        sc_free(cert);
        sc_signer_free(s);
        EVP_PKEY_free(ck);
        BIO_free(cb);
    }
    /* A key with another party's certificate is refused. */
    ck_assert_int_eq(sc_signer_new_key(&s, org_key2, org_chain), SC_EINVAL);
    ck_assert_ptr_null(s);
    EVP_PKEY_free(k);
    BIO_free(bio);
}
END_TEST

/* ---- the electronic certificate, offline ----------------------------------------------------- */

START_TEST(test_pki_certificate_offline)
{
    sc_certificate_document d = SC_CERTIFICATE_DOCUMENT_INIT;
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    char *issued = sign_at(CERT_DOC, org_key, org_chain, "2024-03-05T09:00:00Z", NULL);
    char *published = sign_at(issued, centre_key, centre_cert, "2024-03-10T09:00:00Z",
                              "publication");
    char *bad;

    ck_ok(sc_certificate_verify_document(&d, &v, published, strlen(published), root_cert, NULL));
    ck_assert_str_eq(d.number, "S000011000001244000001");
    ck_assert_str_eq(d.holder, "张三");
    ck_assert_str_eq(d.id_number, "11010519491231002X");
    ck_assert_str_eq(d.occupation_name, "网约配送员");
    ck_assert_int_eq(d.level, 4);
    ck_assert_str_eq(d.credit_code, ORG);
    ck_assert_str_eq(d.issued, "2024-03-05");
    ck_assert_int_eq(d.published, 1);
    ck_assert_str_eq(d.published_at, "2024-03-10T09:00:00Z");
    ck_assert_str_eq(d.signer, "org:" ORG);
    ck_assert_int_eq(v.layers, 2);
    ck_assert_str_eq(v.sig[1].purpose, "publication");

    /* Not published: only the organization's signature. */
    ck_assert_int_eq(sc_certificate_verify_document(&d, &v, issued, strlen(issued), root_cert,
                                                    NULL), SC_EINVALIDDOC);
    ck_assert_int_eq(v.result.reason, SC_SIG_NOT_COUNTERSIGNED);
    ck_assert_str_eq(d.holder, "");
    /* Countersigned by a district, not the centre. */
    bad = sign_at(issued, district_key, district_cert, "2024-03-10T09:00:00Z", "publication");
    ck_assert_int_eq(sc_certificate_verify_document(&d, &v, bad, strlen(bad), root_cert, NULL),
                     SC_EINVALIDDOC);
    ck_assert_int_eq(v.result.reason, SC_SIG_NOT_COUNTERSIGNED);
    free(bad);
    /* Tampered: the level changed after publication. */
    bad = edit(published, "level=\"4\"", "level=\"3\"");
    ck_assert_int_eq(sc_certificate_verify_document(&d, &v, bad, strlen(bad), root_cert, NULL),
                     SC_EINVALIDDOC);
    ck_assert_int_eq(v.result.reason, SC_SIG_BAD_SIGNATURE);
    free(bad);
    /* Signed by another organization than the one it names. */
    {
        char *b1 = sign_at(CERT_DOC, orgb_key, orgb_chain, "2024-03-05T09:00:00Z", NULL);
        char *b2 = sign_at(b1, centre_key, centre_cert, "2024-03-10T09:00:00Z", "publication");
        ck_assert_int_eq(sc_certificate_verify_document(&d, &v, b2, strlen(b2), root_cert, NULL),
                         SC_EINVALIDDOC);
        ck_assert_int_eq(v.result.reason, SC_SIG_WRONG_PARTY);
        free(b1);
        free(b2);
    }
    /* Another root: nothing chains. */
    ck_assert_int_eq(sc_certificate_verify_document(&d, &v, published, strlen(published),
                                                    rogue_cert, NULL), SC_EINVALIDDOC);
    ck_assert_int_eq(v.result.reason, SC_SIG_UNKNOWN_SIGNER);
    free(issued);
    free(published);
}
END_TEST

/* A large batch is signed detached, over its exact bytes, and verified streaming. */
START_TEST(test_pki_detached_batch)
{
    char *path = t_tmpfile(".xml"), *sig = NULL, *bad_sig = NULL, when[SC_PKI_TIME_SIZE];
    sc_signer *s = signer(org_key, org_chain), *rogue = signer(rogue_org_key, rogue_org_chain);
    sc_pki_verification v = SC_PKI_VERIFICATION_INIT;
    FILE *fp = fopen(path, "wb");
    int i;
    ck_assert_ptr_nonnull(fp);
    fputs("<?xml version=\"1.0\"?>\n<batch xmlns=\"urn:example:batch:1\">\n", fp);
    for (i = 0; i < 20000; i++)
        fprintf(fp, "  <record n=\"%d\" value=\"%d\"/>\n", i, i * 7);
    fputs("</batch>\n", fp);
    fclose(fp);

    ck_ok(sc_pki_sign_detached(&sig, NULL, path, s, "2024-06-01T08:00:00Z"));
    ck_assert_ptr_nonnull(strstr(sig, "-----BEGIN CMS-----"));
    ck_ok(sc_pki_verify_detached(&v, when, path, sig, root_cert, NULL));
    ck_assert(v.ok);
    ck_assert_str_eq(v.party, "org:" ORG);
    ck_assert_str_eq(when, "2024-06-01T08:00:00Z");
    /* Someone else's hierarchy; expired at the signing time. */
    ck_ok(sc_pki_sign_detached(&bad_sig, NULL, path, rogue, "2024-06-01T08:00:00Z"));
    ck_assert_int_eq(sc_pki_verify_detached(&v, NULL, path, bad_sig, root_cert, NULL),
                     SC_EINVALIDDOC);
    ck_assert_int_eq(v.reason, SC_SIG_UNKNOWN_SIGNER);
    sc_free(bad_sig);
    ck_ok(sc_pki_sign_detached(&bad_sig, NULL, path, s, "2025-06-01T08:00:00Z"));
    ck_assert_int_eq(sc_pki_verify_detached(&v, NULL, path, bad_sig, root_cert, NULL),
                     SC_EINVALIDDOC);
    ck_assert_int_eq(v.reason, SC_SIG_EXPIRED);
    sc_free(bad_sig);
    /* One byte of the batch changed. */
    fp = fopen(path, "r+b");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 200000, SEEK_SET);
    fputc('9', fp);
    fclose(fp);
    ck_assert_int_eq(sc_pki_verify_detached(&v, NULL, path, sig, root_cert, NULL),
                     SC_EINVALIDDOC);
    ck_assert_int_eq(v.reason, SC_SIG_BAD_SIGNATURE);
    ck_assert_int_eq(sc_pki_verify_detached(&v, NULL, path, "junk", root_cert, NULL),
                     SC_EINVALIDDOC);
    ck_assert_int_eq(v.reason, SC_SIG_MALFORMED);
    ck_assert_int_eq(sc_pki_sign_detached(&bad_sig, NULL, "/nonexistent/x", s, NULL), SC_EIO);
    sc_free(sig);
    sc_signer_free(s);
    sc_signer_free(rogue);
    remove(path);
    free(path);
}
END_TEST

/* ---- the registry ----------------------------------------------------------------------------- */

/* A registry anchored at the bureau's root; with `certs`, the centre's certificate
 * (recorded by the bureau) and the organization's (by the centre) too, the latter's
 * serial in *serial when given. */
static sc_db *reg_anchored(int certs, char serial[SC_PKI_SERIAL_SIZE])
{
    sc_db *db = t_memdb();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_pki_cert_info info = SC_PKI_CERT_INFO_INIT;
    ck_ok(sc_pki_anchor_set(db, bureau, root_cert, NULL));
    if (certs) {
        ck_ok(sc_pki_cert_import(&info, db, bureau, centre_cert));
        ck_ok(sc_pki_cert_import(&info, db, centre, org_chain));
        if (serial)
            snprintf(serial, SC_PKI_SERIAL_SIZE, "%s", info.serial);
    }
    sc_actor_free(bureau);
    sc_actor_free(centre);
    return db;
}

/* The trust anchor: none at first, set only by the bureau and only to a city-bureau
 * root; a refused set changes nothing. */
START_TEST(test_pki_registry_anchor_only_by_the_bureau)
{
    sc_db *db = t_memdb();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    char *pem = NULL, *before, *after;
    ck_assert_int_eq(sc_pki_anchor_get(&pem, db), SC_ENOTFOUND);
    ck_assert_int_eq(sc_pki_cert_import(NULL, db, centre, org_chain), SC_ENOTFOUND);
    before = t_dump(db);
    ck_assert_int_eq(sc_pki_anchor_set(db, centre, root_cert, NULL), SC_EDENIED);
    ck_assert_int_eq(sc_pki_anchor_set(db, bureau, centre_cert, NULL), SC_EINVAL);
    after = t_dump(db);
    ck_assert_str_eq(before, after);
    free(after);
    free(before);
    sc_actor_free(bureau);
    sc_actor_free(centre);
    sc_db_close(db);
}
END_TEST

/* Set once, audited once: the same anchor again is a no-op. */
START_TEST(test_pki_registry_anchor_set_once)
{
    sc_db *db = t_memdb();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    char *pem = NULL;
    long audit0 = t_count(db, "SELECT count(*) FROM audit");
    ck_ok(sc_pki_anchor_set(db, bureau, root_cert, NULL));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit WHERE action = 'pki.anchor_set'"), 1);
    ck_ok(sc_pki_anchor_set(db, bureau, root_cert, NULL)); /* again: nothing */
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit"), audit0 + 1);
    ck_ok(sc_pki_anchor_get(&pem, db));
    ck_assert_ptr_nonnull(strstr(pem, "BEGIN CERTIFICATE"));
    sc_free(pem);
    sc_actor_free(bureau);
    sc_db_close(db);
}
END_TEST

/* Replacing the anchor needs the present root's key: not none, not a rogue's, not the
 * centre's; with it, the new root is the anchor. */
START_TEST(test_pki_registry_anchor_replaced_with_the_root_key)
{
    sc_db *db = reg_anchored(0, NULL);
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_signer *rs = signer(root_key, root_cert), *cs = signer(centre_key, centre_cert);
    sc_signer *rogue = signer(rogue_key, rogue_cert);
    sc_pki_cert_info a = SC_PKI_CERT_INFO_INIT, b = SC_PKI_CERT_INFO_INIT;
    char *pem = NULL;
    ck_assert_int_eq(sc_pki_anchor_set(db, bureau, rogue_cert, NULL), SC_EDENIED);
    ck_assert_int_eq(sc_pki_anchor_set(db, bureau, rogue_cert, rogue), SC_EDENIED);
    ck_assert_int_eq(sc_pki_anchor_set(db, bureau, rogue_cert, cs), SC_EDENIED);
    ck_ok(sc_pki_anchor_get(&pem, db));
    ck_ok(sc_pki_cert_info_get(&a, pem));
    ck_ok(sc_pki_cert_info_get(&b, root_cert));
    ck_assert_str_eq(a.fingerprint, b.fingerprint);
    sc_free(pem);
    ck_ok(sc_pki_anchor_set(db, bureau, rogue_cert, rs));
    ck_ok(sc_pki_anchor_get(&pem, db));
    ck_ok(sc_pki_cert_info_get(&a, pem));
    ck_ok(sc_pki_cert_info_get(&b, rogue_cert));
    ck_assert_str_eq(a.fingerprint, b.fingerprint);
    sc_free(pem);
    sc_signer_free(rs);
    sc_signer_free(cs);
    sc_signer_free(rogue);
    sc_actor_free(bureau);
    sc_db_close(db);
}
END_TEST

/* Certificates: the centre records organizations only, the bureau any; a chain from
 * another hierarchy is refused; the same certificate again is a no-op. */
START_TEST(test_pki_registry_who_records_certificates)
{
    sc_db *db = reg_anchored(0, NULL);
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_actor *district = t_actor(SC_ACTOR_DISTRICT, "110108");
    sc_pki_cert_info info = SC_PKI_CERT_INFO_INIT;
    ck_assert_int_eq(sc_pki_cert_import(NULL, db, centre, district_cert), SC_EDENIED);
    ck_assert_int_eq(sc_pki_cert_import(NULL, db, district, org_chain), SC_EDENIED);
    ck_assert_int_eq(sc_pki_cert_import(NULL, db, centre, rogue_org_chain), SC_EINVALIDDOC);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM pki_cert"), 0);
    ck_ok(sc_pki_cert_import(&info, db, bureau, centre_cert));
    ck_ok(sc_pki_cert_import(&info, db, centre, org_chain));
    ck_assert_str_eq(info.party, "org:" ORG);
    ck_ok(sc_pki_cert_import(NULL, db, centre, org_chain)); /* again: nothing */
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM pki_cert"), 2);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit WHERE action = 'pki.cert_import'"),
                     2);
    sc_actor_free(bureau);
    sc_actor_free(centre);
    sc_actor_free(district);
    sc_db_close(db);
}
END_TEST

/* A document signed by the organization verifies against the registry, and the import's
 * check holds the signer to the issuer it establishes. */
START_TEST(test_pki_registry_verifies_and_names_the_signer)
{
    sc_db *db = reg_anchored(1, NULL);
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    char fp[SC_PKI_FINGERPRINT_SIZE], when[SC_PKI_TIME_SIZE];
    char *doc = sign_at(PLAIN_DOC, org_key, org_chain, "2024-06-01T08:00:00Z", NULL);
    ck_ok(sc_xml_registry_verify(&v, db, doc, strlen(doc)));
    ck_ok(sc__xml_signature_check(db, doc, strlen(doc), "org:" ORG, fp, when));
    ck_assert_str_eq(fp, v.sig[0].fingerprint);
    ck_assert_str_eq(when, "2024-06-01T08:00:00Z");
    ck_assert_int_eq(sc__xml_signature_check(db, doc, strlen(doc), "city-centre", fp, NULL),
                     SC_EINVALIDDOC);
    ck_assert_str_eq(fp, "");
    ck_assert_int_eq(sc__xml_signature_check(db, PLAIN_DOC, strlen(PLAIN_DOC), "org:" ORG,
                                             NULL, NULL), SC_EINVALIDDOC);
    free(doc);
    sc_db_close(db);
}
END_TEST

/* Count what q selects from the certificate list; each row's party is q's when set. */
static int pki_cert_count(sc_db *db, const sc_pki_cert_query *q)
{
    sc_pki_cert_iter *it = NULL;
    sc_pki_cert_info info = SC_PKI_CERT_INFO_INIT;
    int n;
    ck_ok(sc_pki_cert_iter_new(&it, db, q));
    for (n = 0; sc_pki_cert_iter_next(&info, it) == SC_OK; n++)
        if (q && q->party)
            ck_assert_str_eq(info.party, q->party);
    sc_pki_cert_iter_free(it);
    return n;
}

/* The certificate list's filter comes in a versioned sc_pki_cert_query. */
START_TEST(test_pki_cert_query)
{
    sc_db *db = reg_anchored(1, NULL);
    sc_pki_cert_query q = SC_PKI_CERT_QUERY_INIT;
    sc_pki_cert_iter *it = NULL;
    /* No query, and the initial one: the anchor and both certificates. */
    ck_assert_int_eq(pki_cert_count(db, NULL), 3);
    ck_assert_int_eq(pki_cert_count(db, &q), 3);
    /* The party filters. */
    q.party = "org:" ORG;
    ck_assert_int_eq(pki_cert_count(db, &q), 1);
    q.party = "city-bureau";
    ck_assert_int_eq(pki_cert_count(db, &q), 1);
    q.party = "org:nobody";
    ck_assert_int_eq(pki_cert_count(db, &q), 0);
    q.party = "\xff";
    ck_assert_int_eq(sc_pki_cert_iter_new(&it, db, &q), SC_EINVAL);
    ck_assert_str_eq(sc_error_last()->field, "party");
    ck_assert_ptr_null(it);
    /* A version this library does not know is refused, naming the field. */
    q.party = NULL;
    ck_query_version_refused(q, SC_PKI_CERT_QUERY_VERSION, it, sc_pki_cert_iter_new(&it, db, &q));
    sc_db_close(db);
}
END_TEST

/* The centre's CRL, imported by the centre (not a district), revokes the organization's
 * certificate: its document no longer verifies, and the list shows it revoked. */
START_TEST(test_pki_registry_crl_revokes)
{
    char serial[SC_PKI_SERIAL_SIZE];
    sc_db *db = reg_anchored(1, serial);
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_actor *district = t_actor(SC_ACTOR_DISTRICT, "110108");
    sc_signer *cs = signer(centre_key, centre_cert);
    sc_pki_cert_iter *it = NULL;
    sc_pki_cert_info info = SC_PKI_CERT_INFO_INIT;
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    const char *serials[1] = { serial };
    char *crl = NULL, *doc = sign_at(PLAIN_DOC, org_key, org_chain, "2024-06-01T08:00:00Z", NULL);
    int revoked = 0, n = 0;
    ck_ok(sc_pki_crl_new(&crl, NULL, cs, serials, 1, "2024-09-01", "2024-10-01"));
    ck_assert_int_eq(sc_pki_crl_import(&revoked, db, district, crl), SC_EDENIED);
    ck_ok(sc_xml_registry_verify(&v, db, doc, strlen(doc)));
    ck_ok(sc_pki_crl_import(&revoked, db, centre, crl));
    ck_assert_int_eq(revoked, 1);
    ck_assert_int_eq(sc_xml_registry_verify(&v, db, doc, strlen(doc)), SC_EINVALIDDOC);
    ck_assert_int_eq(v.result.reason, SC_SIG_REVOKED);
    /* The list: the anchor, then parties; the organization shown revoked. */
    ck_ok(sc_pki_cert_iter_new(&it, db, NULL));
    while (sc_pki_cert_iter_next(&info, it) == SC_OK) {
        if (n == 0)
            ck_assert_str_eq(info.party, "city-bureau");
        ck_assert_int_eq(info.revoked, strcmp(info.party, "org:" ORG) == 0);
        n++;
    }
    ck_assert_int_eq(n, 3);
    sc_pki_cert_iter_free(it);
    sc_free(crl);
    free(doc);
    sc_signer_free(cs);
    sc_actor_free(centre);
    sc_actor_free(district);
    sc_db_close(db);
}
END_TEST

/* A CRL older than the one held is refused; one from another hierarchy is refused. */
START_TEST(test_pki_registry_crl_refusals)
{
    sc_db *db = reg_anchored(1, NULL);
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_actor *centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    sc_signer *cs = signer(centre_key, centre_cert), *rogue = signer(rogue_key, rogue_cert);
    char *crl = NULL;
    ck_ok(sc_pki_crl_new(&crl, NULL, cs, NULL, 0, "2024-09-01", "2024-10-01"));
    ck_ok(sc_pki_crl_import(NULL, db, centre, crl));
    sc_free(crl);
    ck_ok(sc_pki_crl_new(&crl, NULL, cs, NULL, 0, "2024-08-01", "2024-10-01"));
    ck_assert_int_eq(sc_pki_crl_import(NULL, db, centre, crl), SC_EINVALIDDOC);
    sc_free(crl);
    ck_ok(sc_pki_crl_new(&crl, NULL, rogue, NULL, 0, "2024-09-02", "2024-10-01"));
    ck_assert_int_ne(sc_pki_crl_import(NULL, db, bureau, crl), SC_OK);
    sc_free(crl);
    sc_signer_free(cs);
    sc_signer_free(rogue);
    sc_actor_free(bureau);
    sc_actor_free(centre);
    sc_db_close(db);
}
END_TEST

START_TEST(test_pki_audit_head_under_signature)
{
    sc_db *db = t_notice_db();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_signer *cs = signer(centre_key, centre_cert);
    sc_sign_options o = SC_SIGN_OPTIONS_INIT;
    sc_pki_verification r = SC_PKI_VERIFICATION_INIT;
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    char *doc = NULL;
    char *centre_doc = t_edit(PLAIN_DOC, "", "org:" ORG, "city-centre");

    ck_ok(sc_pki_anchor_set(db, bureau, root_cert, NULL));
    o.audit_db = db;
    o.purpose = "export";
    o.signed_at = "2024-06-01T08:00:00Z";
    ck_ok(sc_xml_sign_memory(&doc, NULL, centre_doc, strlen(centre_doc), cs, &o));
    ck_ok(sc_xml_registry_verify(&v, db, doc, strlen(doc)));
    ck_assert_int_gt(v.sig[0].audit_seq, 0);
    ck_assert_uint_eq(strlen(v.sig[0].audit_hash), 64);
    ck_assert_int_eq(v.result.ok, 1);
    ck_ok(sc_audit_head_verify(&r, db, doc, strlen(doc)));
    ck_assert_msg(r.ok, "%s", r.message);
    /* More history afterwards is fine. */
    ck_ok(sc_catalog_load_notice(db, bureau));
    ck_ok(sc_audit_head_verify(&r, db, doc, strlen(doc)));
    ck_assert(r.ok);
    /* The signed entry rewritten (and the chain recomputed from it is not
     * needed: the hash no longer matches the signed one). */
    ck_assert_int_eq(sqlite3_exec(db->conn, "UPDATE audit SET hash = zeroblob(32) WHERE seq = 1",
                                  NULL, NULL, NULL), SQLITE_OK);
    ck_ok(sc_audit_head_verify(&r, db, doc, strlen(doc)));
    ck_assert_int_eq(r.ok, 0);
    free(doc);
    /* A signature without an audit head. */
    doc = sign_at(centre_doc, centre_key, centre_cert, "2024-06-01T08:00:00Z", NULL);
    ck_assert_int_eq(sc_audit_head_verify(&r, db, doc, strlen(doc)), SC_EINVALIDDOC);
    free(doc);
    free(centre_doc);
    sc_signer_free(cs);
    sc_actor_free(bureau);
    sc_db_close(db);
}
END_TEST

/* ---- the import proves the issuer (issue 12 in the one-door import) ------------------------- */

#define WHEN "2024-06-01T08:00:00Z"

static sc_db *anchored(void)
{
    sc_db *db = t_notice_db();
    set_anchor(db, root_cert);
    return db;
}

static char *export_doc(sc_db *db, int doctype, const char *code, const char *date)
{
    sc_export_options o;
    char *doc = NULL;
    ck_ok(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION));
    o.credit_code = code;
    o.date = date;
    ck_ok(sc_xml_exchange_export_memory(&doc, NULL, db, doctype, &o));
    return doc;
}

/* The import entry of the newest batch names the signer's certificate. */
static void audit_names_signer(sc_db *db, const char *signed_doc)
{
    sc_xml_verification v = SC_XML_VERIFICATION_INIT;
    char sql[256];
    ck_ok(sc_xml_verify_memory(&v, signed_doc, strlen(signed_doc), root_cert, NULL));
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = 'xml.import' AND "
             "detail LIKE '%%signer=%s%%'", v.sig[0].fingerprint);
    ck_assert_int_eq(t_count(db, sql), 1);
}

/* The import proves the issuer, in stages: each test builds the stage it needs.
 * Stage 0: the organization registered and applied in its registry, its application
 * exported (unsigned); the district's and the city's registries anchored. Stage 1: the
 * district imported the application signed by the organization. Stage 2: the city
 * imported the district's signed recommendation. */
static struct {
    sc_db *org_db, *dist_db, *city_db;
    sc_actor *org, *haidian, *centre;
    sc_report *rep;
    char *app;  /* the organization's application, unsigned */
} pk;

static void pk_stage(int stage)
{
    sc_offerings *scope = NULL;
    char *doc, *signed_doc;
    memset(&pk, 0, sizeof pk);
    pk.org_db = anchored();
    pk.dist_db = anchored();
    pk.city_db = anchored();
    pk.org = t_actor(SC_ACTOR_ORGANIZATION, ORG);
    pk.haidian = t_actor(SC_ACTOR_DISTRICT, "110108");
    pk.centre = t_actor(SC_ACTOR_CITY_CENTRE, NULL);
    ck_ok(sc_report_new(&pk.rep));
    ck_ok(sc_org_register(pk.org_db, pk.org, ORG, "北京智训科技有限公司", SC_ORG_ENTERPRISE,
                          "110108", "2023-01-05", 0));
    ck_ok(sc_offerings_new(&scope));
    ck_ok(sc_offerings_add_text(scope, "4-02-07-10:5,4,3"));
    ck_ok(sc_org_apply(pk.org_db, pk.org, ORG, scope, "2023-02-01"));
    sc_offerings_free(scope);
    pk.app = export_doc(pk.org_db, SC_DOC_ORG_APPLICATION, ORG, "2023-02-02");
    if (stage < 1)
        return;
    signed_doc = sign_at(pk.app, org_key, org_chain, WHEN, NULL);
    ck_ok(t_import(pk.dist_db, pk.haidian, signed_doc, NULL, pk.rep));
    free(signed_doc);
    if (stage < 2)
        return;
    ck_ok(sc_org_recommend(pk.dist_db, pk.haidian, ORG, "2023-02-10", NULL));
    doc = export_doc(pk.dist_db, SC_DOC_RECOMMENDATION, ORG, "2023-02-11");
    signed_doc = sign_at(doc, district_key, district_cert, WHEN, NULL);
    ck_ok(t_import(pk.city_db, pk.centre, signed_doc, NULL, pk.rep));
    free(signed_doc);
    sc_free(doc);
}

static void pk_free(void)
{
    sc_free(pk.app);
    sc_report_free(pk.rep);
    sc_actor_free(pk.org);
    sc_actor_free(pk.haidian);
    sc_actor_free(pk.centre);
    sc_db_close(pk.org_db);
    sc_db_close(pk.dist_db);
    sc_db_close(pk.city_db);
    memset(&pk, 0, sizeof pk);
}

/* The district's import of the organization's application signed with key/chain at
 * `when` is refused, nothing changed; the message holds `says` when given. */
static void pk_refused(const char *key, const char *chain, const char *when, const char *says)
{
    char *bad = sign_at(pk.app, key, chain, when, NULL);
    t_refused_import(pk.dist_db, pk.haidian, bad, SC_EINVALIDDOC, 0, NULL, pk.rep);
    if (says)
        ck_assert_ptr_nonnull(strstr(sc_error_last()->message, says));
    free(bad);
}

/* ---- the development setting (migration 13) ------------------------------------------------ */

/* A new registry (no anchor, not development) with the notice's catalog: the built-in
 * catalog is not an exchange and loads whatever the setting. */
static sc_db *new_registry(void)
{
    sc_db *db = t_newdb();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    int on = -1;
    ck_ok(sc_pki_development_get(&on, db));
    ck_assert_int_eq(on, 0);
    ck_ok(sc_catalog_load_notice(db, bureau));
    sc_actor_free(bureau);
    return db;
}

/* A new registry without an anchor refuses an unsigned document, naming the fix. */
START_TEST(test_pki_development_off_refuses_unsigned)
{
    sc_db *db = new_registry();
    pk_stage(0);
    t_refused_import(db, pk.haidian, pk.app, SC_EINVALIDDOC, 0, NULL, pk.rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "signature refused (unsigned)"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "skillcert sign"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "development registry"));
    sc_db_close(db);
    pk_free();
}
END_TEST

/* ... and a signed one too: without an anchor no signer can be proven. */
START_TEST(test_pki_development_off_refuses_signed_without_anchor)
{
    sc_db *db = new_registry();
    char *signed_doc;
    pk_stage(0);
    signed_doc = sign_at(pk.app, org_key, org_chain, WHEN, NULL);
    t_refused_import(db, pk.haidian, signed_doc, SC_EINVALIDDOC, 0, NULL, pk.rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "no trust anchor"));
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "skillcert keys anchor"));
    /* Once the bureau sets the anchor, the same document imports. */
    set_anchor(db, root_cert);
    ck_ok(t_import(db, pk.haidian, signed_doc, NULL, pk.rep));
    audit_names_signer(db, signed_doc);
    free(signed_doc);
    sc_db_close(db);
    pk_free();
}
END_TEST

/* A detached-scheme batch from memory with its signature, no anchor, not development:
 * refused as well (the signature cannot be proven). */
START_TEST(test_pki_development_off_refuses_detached_without_anchor)
{
    sc_db *db = new_registry();
    char *before = t_dump(db), *after;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    static const char batch[] =
        "<candidate-batch xmlns=\"urn:skillcert:candidate-batch:1\" version=\"1\" "
        "batch=\"b-1\" issuer=\"org:" ORG "\" addressee=\"district:110108\"/>";
    pk_stage(0);
    ck_assert_int_eq(sc_xml_import_memory_signed(&r, db, pk.haidian, batch, strlen(batch),
                                                 "-----BEGIN CMS-----\n-----END CMS-----\n",
                                                 "batch.xml", NULL, NULL), SC_EINVALIDDOC);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "no trust anchor"));
    after = t_dump(db);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    sc_db_close(db);
    pk_free();
}
END_TEST

/* Switched to development, the registry accepts the unsigned document as before
 * issue 12 finished: the issuer declared, the audit entry says signer=-. */
START_TEST(test_pki_development_on_accepts_unsigned)
{
    sc_db *db = new_registry();
    pk_stage(0);
    t_development(db);
    ck_ok(t_import(db, pk.haidian, pk.app, NULL, pk.rep));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit WHERE action = 'xml.import' "
                                 "AND detail LIKE 'doctype=organization-application%signer=- %'"),
                     1);
    sc_db_close(db);
    pk_free();
}
END_TEST

/* An anchored registry requires signatures whatever the setting. */
START_TEST(test_pki_development_anchored_still_refuses_unsigned)
{
    pk_stage(0);
    t_development(pk.dist_db);
    t_refused_import(pk.dist_db, pk.haidian, pk.app, SC_EINVALIDDOC, 0, NULL, pk.rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "unsigned"));
    pk_free();
}
END_TEST

/* Only the city bureau switches it; the others are denied and nothing changes. */
START_TEST(test_pki_development_only_the_bureau)
{
    static const struct { int kind; const char *scope; } who[] = {
        { SC_ACTOR_CITY_CENTRE, NULL }, { SC_ACTOR_DISTRICT, "110108" },
        { SC_ACTOR_ORGANIZATION, ORG }, { SC_ACTOR_CANDIDATE, "110105198001011238" },
        { SC_ACTOR_PUBLIC, NULL },
    };
    sc_db *db = t_newdb();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    size_t i;
    int on = -1;
    for (i = 0; i < sizeof who / sizeof who[0]; i++) {
        sc_actor *a = NULL;
        ck_ok(sc_actor_new(&a, who[i].kind, who[i].scope, NULL));
        ck_assert_int_eq(sc_pki_development_set(db, a, 1), SC_EDENIED);
        sc_actor_free(a);
    }
    ck_assert_int_eq(sc_pki_development_set(db, NULL, 1), SC_EINVAL);
    ck_ok(sc_pki_development_get(&on, db));
    ck_assert_int_eq(on, 0);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit"), 0);
    ck_ok(sc_pki_development_set(db, bureau, 1));
    ck_ok(sc_pki_development_get(&on, db));
    ck_assert_int_eq(on, 1);
    sc_actor_free(bureau);
    sc_db_close(db);
}
END_TEST

/* Each switch is one audit entry; setting what is already set records nothing. */
START_TEST(test_pki_development_switch_audited)
{
    sc_db *db = t_newdb();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_audit_result ar = SC_AUDIT_RESULT_INIT;
    ck_ok(sc_pki_development_set(db, bureau, 0));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit"), 0);
    ck_ok(sc_pki_development_set(db, bureau, 1));
    ck_ok(sc_pki_development_set(db, bureau, 1));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit WHERE action = "
                                 "'pki.development_set' AND detail LIKE 'development=on%'"), 1);
    ck_ok(sc_pki_development_set(db, bureau, 0));
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit WHERE action = "
                                 "'pki.development_set' AND detail LIKE 'development=off%'"), 1);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit"), 2);
    ck_ok(sc_audit_verify(&ar, db));
    ck_assert(ar.ok);
    sc_actor_free(bureau);
    sc_db_close(db);
}
END_TEST

START_TEST(test_pki_development_bad_arguments)
{
    sc_db *db = t_newdb();
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    int on = 7;
    ck_assert_int_eq(sc_pki_development_set(db, bureau, 2), SC_EINVAL);
    ck_assert_int_eq(sc_pki_development_set(db, bureau, -1), SC_EINVAL);
    ck_assert_int_eq(sc_pki_development_set(NULL, bureau, 1), SC_EINVAL);
    ck_assert_int_eq(sc_pki_development_get(NULL, db), SC_EINVAL);
    ck_assert_int_eq(sc_pki_development_get(&on, NULL), SC_EINVAL);
    ck_assert_int_eq(on, 0);
    ck_assert_int_eq(t_count(db, "SELECT count(*) FROM audit"), 0);
    sc_actor_free(bureau);
    sc_db_close(db);
}
END_TEST

/* Back to schema 12 (before migration 13), as a file; `fill` puts data in first. */
static char *registry_at_12(void (*fill)(sc_db *))
{
    char *path = t_tmpfile(".db");
    sc_db *db = NULL;
    ck_ok(sc_db_open(&db, path, NULL));
    if (fill)
        fill(db);
    ck_assert_int_eq(sqlite3_exec(db->conn, "DROP TABLE pki_setting; PRAGMA user_version = 12",
                                  NULL, NULL, NULL), SQLITE_OK);
    sc_db_close(db);
    return path;
}

/* Migrated from 12: the setting as migration 13 left it. */
static int migrated_setting(char *path)
{
    sc_db *db = NULL;
    int on = -1;
    ck_ok(sc_db_open(&db, path, NULL));
    ck_assert_int_eq(sc_db_schema_version(db), sc_db_schema_version_supported());
    ck_ok(sc_pki_development_get(&on, db));
    sc_db_close(db);
    unlink(path);
    free(path);
    return on;
}

static void fill_catalog(sc_db *db)
{
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    ck_ok(sc_catalog_load_notice(db, bureau));
    sc_actor_free(bureau);
}

static void fill_anchored(sc_db *db)
{
    fill_catalog(db);
    set_anchor(db, root_cert);
}

static void fill_org_only(sc_db *db)
{
    /* An organization without its audit entry (an install whose audit was cut). */
    ck_assert_int_eq(sqlite3_exec(db->conn, "INSERT INTO org (credit_code, name, kind, district, "
                                            "registered) VALUES ('" ORG "', 'x', 1, '110108', "
                                            "'2023-01-05')", NULL, NULL, NULL), SQLITE_OK);
}

/* Migration 13: an existing install with data keeps accepting unsigned documents
 * (development on) until switched off; an empty or anchored one starts off. */
START_TEST(test_pki_development_migration_13)
{
    ck_assert_int_eq(migrated_setting(registry_at_12(NULL)), 0);
    ck_assert_int_eq(migrated_setting(registry_at_12(fill_catalog)), 1);
    ck_assert_int_eq(migrated_setting(registry_at_12(fill_org_only)), 1);
    ck_assert_int_eq(migrated_setting(registry_at_12(fill_anchored)), 0);
}
END_TEST

/* A development registry without a trust anchor: the issuer is declared. */
START_TEST(test_pki_import_unanchored_declares)
{
    sc_db *plain = t_notice_db();
    pk_stage(0);
    ck_ok(t_import(plain, pk.haidian, pk.app, NULL, pk.rep));
    ck_assert_int_eq(t_count(plain, "SELECT count(*) FROM audit WHERE action = 'xml.import' "
                                    "AND detail LIKE 'doctype=organization-application%signer=- %'"), 1);
    sc_db_close(plain);
    pk_free();
}
END_TEST

/* Anchored, an unsigned document is refused. */
START_TEST(test_pki_import_refuses_unsigned)
{
    pk_stage(0);
    t_refused_import(pk.dist_db, pk.haidian, pk.app, SC_EINVALIDDOC, 0, NULL, pk.rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "unsigned"));
    pk_free();
}
END_TEST

/* One date changed after signing. */
START_TEST(test_pki_import_refuses_tampered)
{
    char *signed_doc, *bad;
    pk_stage(0);
    signed_doc = sign_at(pk.app, org_key, org_chain, WHEN, NULL);
    bad = t_edit(signed_doc, "<application", "2023-02-01", "2023-02-03");
    ck_assert_ptr_nonnull(bad);
    t_refused_import(pk.dist_db, pk.haidian, bad, SC_EINVALIDDOC, 0, NULL, pk.rep);
    free(bad);
    free(signed_doc);
    pk_free();
}
END_TEST

/* Signed by a key no one in the hierarchy certified. */
START_TEST(test_pki_import_refuses_unknown_key)
{
    pk_stage(0);
    pk_refused(rogue_org_key, rogue_org_chain, WHEN, NULL);
    pk_free();
}
END_TEST

/* Signed after the signer's certificate expired. */
START_TEST(test_pki_import_refuses_expired)
{
    pk_stage(0);
    pk_refused(org_key, org_chain, "2025-03-01T08:00:00Z", "expired");
    pk_free();
}
END_TEST

/* Signed by one party while naming another: another organization, or the district. */
START_TEST(test_pki_import_refuses_another_party)
{
    pk_stage(0);
    pk_refused(orgb_key, orgb_chain, WHEN, "wrong-party");
    pk_refused(district_key, district_cert, WHEN, NULL);
    pk_free();
}
END_TEST

/* Key rotation: the new key after the old certificate expired verifies; a document
 * signed with the old key while it was valid imports (today it has expired), and the
 * audit entry names the signer's certificate. */
START_TEST(test_pki_import_key_rotation)
{
    char *doc, *signed_doc;
    pk_stage(0);
    doc = sign_at(pk.app, org_key2, org_chain2, "2025-03-01T08:00:00Z", NULL);
    ck_ok(sc_xml_registry_verify(&(sc_xml_verification)SC_XML_VERIFICATION_INIT, pk.dist_db, doc, strlen(doc)));
    free(doc);
    signed_doc = sign_at(pk.app, org_key, org_chain, WHEN, NULL);
    ck_ok(t_import(pk.dist_db, pk.haidian, signed_doc, NULL, pk.rep));
    audit_names_signer(pk.dist_db, signed_doc);
    free(signed_doc);
    pk_free();
}
END_TEST

/* district -> city: the recommendation is the district's; the organization signing
 * it (recommending itself) is refused. */
START_TEST(test_pki_import_recommendation_by_the_district)
{
    char *doc, *bad, *signed_doc;
    pk_stage(1);
    ck_ok(sc_org_recommend(pk.dist_db, pk.haidian, ORG, "2023-02-10", NULL));
    doc = export_doc(pk.dist_db, SC_DOC_RECOMMENDATION, ORG, "2023-02-11");
    bad = sign_at(doc, org_key, org_chain, WHEN, NULL);
    t_refused_import(pk.city_db, pk.centre, bad, SC_EINVALIDDOC, 0, NULL, pk.rep);
    free(bad);
    signed_doc = sign_at(doc, district_key, district_cert, WHEN, NULL);
    ck_ok(t_import(pk.city_db, pk.centre, signed_doc, NULL, pk.rep));
    audit_names_signer(pk.city_db, signed_doc);
    free(signed_doc);
    sc_free(doc);
    pk_free();
}
END_TEST

/* city -> everyone: the directory is the city centre's; signed by a district it is
 * refused, also when it names the district as its issuer. */
START_TEST(test_pki_import_directory_by_the_centre)
{
    char *doc, *bad, *named, *signed_doc;
    pk_stage(2);
    ck_ok(sc_org_evaluate(pk.city_db, pk.centre, ORG, NULL, SC_EVAL_MATERIALS | SC_EVAL_ON_SITE,
                          "2023-03-01", NULL));
    ck_ok(sc_org_notice(pk.city_db, pk.centre, ORG, "2023-03-10"));
    ck_ok(sc_org_file(pk.city_db, pk.centre, ORG, "2023-05-10"));
    doc = export_doc(pk.city_db, SC_DOC_DIRECTORY, NULL, "2023-05-11");
    bad = sign_at(doc, district_key, district_cert, WHEN, NULL);
    t_refused_import(pk.org_db, pk.org, bad, SC_EINVALIDDOC, 0, NULL, pk.rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "wrong-party"));
    free(bad);
    named = t_edit(doc, "issuer=", "city-centre", "district:110108");
    bad = sign_at(named, district_key, district_cert, WHEN, NULL);
    t_refused_import(pk.org_db, pk.org, bad, SC_EDENIED, 0, NULL, pk.rep);
    free(bad);
    free(named);
    signed_doc = sign_at(doc, centre_key, centre_cert, WHEN, NULL);
    ck_ok(t_import(pk.org_db, pk.org, signed_doc, NULL, pk.rep));
    audit_names_signer(pk.org_db, signed_doc);
    free(signed_doc);
    sc_free(doc);
    pk_free();
}
END_TEST

/* Revoked: the centre's CRL on the organization's key, imported by the district,
 * refuses what the key signed. */
START_TEST(test_pki_import_refuses_revoked)
{
    sc_signer *cs = signer(centre_key, centre_cert);
    sc_actor *bureau = t_actor(SC_ACTOR_CITY_BUREAU, NULL);
    sc_pki_cert_info info = SC_PKI_CERT_INFO_INIT;
    const char *serials[1];
    char *crl = NULL, *signed_doc;
    pk_stage(0);
    ck_ok(sc_pki_cert_info_get(&info, org_cert));
    serials[0] = info.serial;
    ck_ok(sc_pki_crl_new(&crl, NULL, cs, serials, 1, "2024-09-01", "2024-10-01"));
    ck_ok(sc_pki_cert_import(NULL, pk.dist_db, bureau, centre_cert));
    ck_ok(sc_pki_crl_import(NULL, pk.dist_db, pk.centre, crl));
    signed_doc = sign_at(pk.app, org_key, org_chain, WHEN, NULL);
    t_refused_import(pk.dist_db, pk.haidian, signed_doc, SC_EINVALIDDOC, 0, NULL, pk.rep);
    ck_assert_ptr_nonnull(strstr(sc_error_last()->message, "revoked"));
    free(signed_doc);
    sc_free(crl);
    sc_actor_free(bureau);
    sc_signer_free(cs);
    pk_free();
}
END_TEST

Suite *sc_pki_suite(void)
{
    Suite *s = suite_create("pki");
    TCase *tc = tcase_create("chain");
    tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_pki_party_names);
    tcase_add_test(tc, test_pki_who_certifies_whom);
    tcase_add_test(tc, test_pki_chain_on_the_signing_day);
    suite_add_tcase(s, tc);

    tc = tcase_create("signatures");
    tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_pki_sign_verify_round_trip);
    tcase_add_test(tc, test_pki_refuses_unsigned_and_tampered);
    tcase_add_test(tc, test_pki_refuses_unknown_expired_revoked);
    tcase_add_test(tc, test_pki_refuses_wrong_party);
    tcase_add_test(tc, test_pki_refuses_signature_wrapping);
    tcase_add_test(tc, test_pki_key_rotation);
    tcase_add_test(tc, test_pki_external_signer);
    tcase_add_test(tc, test_pki_certificate_offline);
    tcase_add_test(tc, test_pki_detached_batch);
    suite_add_tcase(s, tc);

    tc = tcase_create("registry");
    tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_pki_registry_anchor_only_by_the_bureau);
    tcase_add_test(tc, test_pki_registry_anchor_set_once);
    tcase_add_test(tc, test_pki_registry_anchor_replaced_with_the_root_key);
    tcase_add_test(tc, test_pki_registry_who_records_certificates);
    tcase_add_test(tc, test_pki_registry_verifies_and_names_the_signer);
    tcase_add_test(tc, test_pki_registry_crl_revokes);
    tcase_add_test(tc, test_pki_cert_query);
    tcase_add_test(tc, test_pki_registry_crl_refusals);
    tcase_add_test(tc, test_pki_audit_head_under_signature);
    tcase_add_test(tc, test_pki_import_unanchored_declares);
    tcase_add_test(tc, test_pki_development_off_refuses_unsigned);
    tcase_add_test(tc, test_pki_development_off_refuses_signed_without_anchor);
    tcase_add_test(tc, test_pki_development_off_refuses_detached_without_anchor);
    tcase_add_test(tc, test_pki_development_on_accepts_unsigned);
    tcase_add_test(tc, test_pki_development_anchored_still_refuses_unsigned);
    tcase_add_test(tc, test_pki_development_only_the_bureau);
    tcase_add_test(tc, test_pki_development_switch_audited);
    tcase_add_test(tc, test_pki_development_bad_arguments);
    tcase_add_test(tc, test_pki_development_migration_13);
    tcase_add_test(tc, test_pki_import_refuses_unsigned);
    tcase_add_test(tc, test_pki_import_refuses_tampered);
    tcase_add_test(tc, test_pki_import_refuses_unknown_key);
    tcase_add_test(tc, test_pki_import_refuses_expired);
    tcase_add_test(tc, test_pki_import_refuses_another_party);
    tcase_add_test(tc, test_pki_import_key_rotation);
    tcase_add_test(tc, test_pki_import_recommendation_by_the_district);
    tcase_add_test(tc, test_pki_import_directory_by_the_centre);
    tcase_add_test(tc, test_pki_import_refuses_revoked);
    suite_add_tcase(s, tc);
    return s;
}
