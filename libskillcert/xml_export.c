/*
 * What every export of the exchange shares, on the engine floor below the
 * documents: the content id and envelope of an exported document, and the
 * export options. The documents' exports are picked by the dispatcher
 * (xml_dispatch.c).
 */
#include "xml_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

int sc__xml_content_hex(char hex[SC__CONTENT_ID_SIZE], const sc__xml_part *parts, size_t n)
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state h;
    size_t i;
    if (sodium_init() < 0)
        return sc__error_set(SC_ERROR, SC_DOMAIN_OS, "libsodium failed to initialise");
    crypto_hash_sha256_init(&h);
    for (i = 0; i < n; i++)
        if (parts[i].data && parts[i].len)
            crypto_hash_sha256_update(&h, (const unsigned char *)parts[i].data, parts[i].len);
    crypto_hash_sha256_final(&h, hash);
    sodium_bin2hex(hex, SC__CONTENT_ID_SIZE, hash, (SC__CONTENT_ID_SIZE - 1) / 2);
    return SC_OK;
}

int sc__xml_batch_id(char batch[SC__BATCH_ID_SIZE], const char *root, const char *given,
                     const sc__xml_part *parts, size_t n)
{
    char hex[SC__CONTENT_ID_SIZE];
    int rc;
    if (given && *given) {
        snprintf(batch, SC__BATCH_ID_SIZE, "%s", given);
        return SC_OK;
    }
    if ((rc = sc__xml_content_hex(hex, parts, n)) != SC_OK)
        return rc;
    snprintf(batch, SC__BATCH_ID_SIZE, "%s-%s", root, hex);
    return SC_OK;
}

int sc__xml_content_id(char hex[SC__CONTENT_ID_SIZE], const sc__buf *body)
{
    sc__xml_part part;
    part.data = body->data;
    part.len = body->len;
    return sc__xml_content_hex(hex, &part, 1);
}

int sc__xml_envelope(sc__buf *out, int doctype, const char *root, const char *ns,
                     sc__buf *body)
{
    char hex[SC__CONTENT_ID_SIZE];
    int rc = body->failed ? sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting")
                          : sc__xml_content_id(hex, body);
    if (rc == SC_OK) {
        sc__buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sc__buf_printf(out, "<%s xmlns=\"%s\" version=\"1\" batch=\"%s-%s\"", root, ns, root,
                       hex);
        sc__xml_put_parties(out, doctype, NULL, NULL, NULL);
        sc__buf_puts(out, " source=\"libskillcert export\">\n");
        if (body->data)
            sc__buf_append(out, body->data, body->len);
        sc__buf_printf(out, "</%s>\n", root);
        if (out->failed)
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting");
    }
    sc__buf_free(body);
    return rc;
}

int sc__export_options_check(const sc_export_options *opts)
{
    if (opts->version != 1 && opts->version != SC_EXPORT_OPTIONS_VERSION)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_export_options version %u is not known to this library",
                             opts->version);
    return SC_OK;
}

int64_t sc__export_options_id(const sc_export_options *opts)
{
    /* A version-1 structure ends before `id`: never read past it. */
    return opts && opts->version >= 2 ? opts->id : 0;
}

int sc_export_options_init(sc_export_options *opts, unsigned int version)
{
    if (!opts)
        return sc__error_null("sc_export_options_init", "opts");
    if (version != 1 && version != SC_EXPORT_OPTIONS_VERSION)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_export_options version %u is not known to this library",
                             version);
    /* Field by field: a version-1 caller's structure has no room for `id`. */
    opts->version = version;
    opts->credit_code = NULL;
    opts->date = NULL;
    opts->batch = NULL;
    if (version >= 2)
        opts->id = 0;
    return SC_OK;
}
