/* Keys, signers and certificates of the test trust chains, shared by check_pki.c and
 * check_pki_exchange.c (issue 12). Each suite builds its own hierarchy with these in
 * its unchecked fixture. */
#ifndef PKI_FIXTURE_H
#define PKI_FIXTURE_H

#include "check_suites.h"

/* A new EC P-256 private key (PEM); free with sc_free(). */
char *new_key(void);
/* A signer of key with its certificate (chain); NULL cert for a self-signed request. */
sc_signer *signer(const char *key, const char *cert);
/* issuer_key/issuer_cert (NULL: self-signed) certify key for party on [from, to]. */
char *certify(const char *issuer_key, const char *issuer_cert, const char *key,
              const char *party, const char *from, const char *to);
/* doc signed (enveloped) by key/chain at `at` for `purpose` (NULL: "issue"); free(). */
char *sign_at(const char *doc, const char *key, const char *chain, const char *at,
              const char *purpose);
/* The city bureau sets cert as db's trust anchor. */
void set_anchor(sc_db *db, const char *cert);

#endif
