/*
 * bench_sign.c — signing and verifying one electronic certificate document
 * (issue #12). Makes a root, the city centre and an organization (keys made
 * here), then times:
 *   signed:   sc_xml_sign_memory() of the certificate document by its
 *             organization (ECDSA P-256, xmlsec1, one enveloped signature);
 *   verified: sc_certificate_verify_document() of the published document
 *             (the organization's signature and the centre's countersignature,
 *             both chains on their signing day, the schema), offline.
 * Each is run for about BENCH_SECONDS (default 2) seconds. Last line:
 *   certificates_signed_per_s=N certificates_verified_per_s=M
 * Not part of `make check`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <skillcert.h>

static const char DOC[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<certificate xmlns=\"urn:skillcert:certificate:1\" version=\"1\" "
    "issuer=\"org:91110108MA01ABCD2H\" "
    "batch=\"CERT-S000011000001244000001\" number=\"S000011000001244000001\" status=\"issued\">\n"
    "  <title>职业技能等级证书</title>\n"
    "  <holder name=\"王芳\" id-type=\"居民身份证\" id-number=\"11010519491231002X\" "
    "photo=\"sha256:ab12\"/>\n"
    "  <qualification occupation=\"4-02-07-10\" occupation-name=\"网约配送员\" work-type=\"--\" "
    "level=\"4\" level-text=\"四级/中级工\"/>\n"
    "  <issuer name=\"北京智训科技有限公司\" credit-code=\"91110108MA01ABCD2H\" "
    "district=\"110108\"/>\n"
    "  <dates certified=\"2024-03-10\" issued=\"2024-03-15\"/>\n"
    "  <body>经评价，该同志具备相应职业技能等级水平。</body>\n"
    "  <query qr-code=\"S000011000001244000001\" certificate-url=\"http://jndj.osta.org.cn\" "
    "organization-url=\"http://pjjg.osta.org.cn\"/>\n"
    "</certificate>\n";

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_sign: %s: %d %s\n", what, rc, sc_error_last()->message);
    exit(1);
}

#define OK(expr, what)                  \
    do {                                \
        int rc_ = (expr);               \
        if (rc_ != SC_OK)               \
            die(what, rc_);             \
    } while (0)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *certify(const char *ikey, const char *icert, const char *key, const char *party)
{
    sc_signer *s = NULL;
    char *req = NULL, *cert = NULL;
    OK(sc_signer_new_key(&s, ikey, icert), "signer");
    OK(sc_pki_request_new(&req, NULL, key, party), "request");
    OK(sc_pki_certify(&cert, NULL, s, req, "2024-01-01", "2030-12-31"), "certify");
    sc_free(req);
    sc_signer_free(s);
    return cert;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0, t0, t;
    char *rk = NULL, *ck = NULL, *ok = NULL, *root, *centre, *org, *chain, *issued = NULL,
         *published = NULL;
    sc_signer *os = NULL, *cs = NULL;
    sc_sign_options o = SC_SIGN_OPTIONS_INIT;
    sc_certificate_document d = SC_CERTIFICATE_DOCUMENT_INIT;
    long signs = 0, verifies = 0;
    size_t n;

    if (getenv("BENCH_SECONDS"))
        seconds = atof(getenv("BENCH_SECONDS"));
    if (seconds <= 0)
        seconds = 2.0;
    OK(sc_pki_key_new(&rk, NULL), "key");
    OK(sc_pki_key_new(&ck, NULL), "key");
    OK(sc_pki_key_new(&ok, NULL), "key");
    root = certify(rk, NULL, rk, "city-bureau");
    centre = certify(rk, root, ck, "city-centre");
    org = certify(ck, centre, ok, "org:91110108MA01ABCD2H");
    n = strlen(org) + strlen(centre) + 1;
    chain = malloc(n);
    snprintf(chain, n, "%s%s", org, centre);
    OK(sc_signer_new_key(&os, ok, chain), "org signer");
    OK(sc_signer_new_key(&cs, ck, centre), "centre signer");
    o.signed_at = "2024-03-15T09:00:00Z";
    OK(sc_xml_sign_memory(&issued, NULL, DOC, strlen(DOC), os, &o), "sign");
    o.signed_at = "2024-04-01T09:00:00Z";
    o.purpose = "publication";
    OK(sc_xml_sign_memory(&published, NULL, issued, strlen(issued), cs, &o), "countersign");
    OK(sc_certificate_verify_document(&d, NULL, published, strlen(published), root, NULL),
       "verify");

    o.signed_at = "2024-03-15T09:00:00Z";
    o.purpose = NULL;
    t0 = now();
    do {
        char *s = NULL;
        OK(sc_xml_sign_memory(&s, NULL, DOC, strlen(DOC), os, &o), "sign");
        sc_free(s);
        signs++;
    } while ((t = now() - t0) < seconds);
    printf("sign: %ld certificate documents in %.3f s (%zu bytes unsigned, %zu signed)\n", signs,
           t, strlen(DOC), strlen(issued));
    double sign_rate = signs / t;
    double verify_rate;

    t0 = now();
    do {
        OK(sc_certificate_verify_document(&d, NULL, published, strlen(published), root, NULL),
           "verify");
        verifies++;
    } while ((t = now() - t0) < seconds);
    printf("verify: %ld published documents (2 signatures, 2 chains, schema) in %.3f s "
           "(%zu bytes)\n", verifies, t, strlen(published));
    verify_rate = verifies / t;
    {
        sc_xml_verification xv = SC_XML_VERIFICATION_INIT;
        long k = 0;
        t0 = now();
        do {
            OK(sc_xml_verify_memory(&xv, published, strlen(published), root, NULL), "xml verify");
            k++;
        } while ((t = now() - t0) < seconds);
        printf("signatures only (sc_xml_verify_memory, no schema): %.0f documents/s\n", k / t);
    }
    printf("certificates_signed_per_s=%.0f certificates_verified_per_s=%.0f\n", sign_rate,
           verify_rate);

    sc_signer_free(os);
    sc_signer_free(cs);
    sc_free(rk);
    sc_free(ck);
    sc_free(ok);
    sc_free(root);
    sc_free(centre);
    sc_free(org);
    free(chain);
    sc_free(issued);
    sc_free(published);
    return 0;
}
