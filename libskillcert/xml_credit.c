/*
 * The credit evaluation document (urn:skillcert:credit:1) in the exchange
 * layer: its handler (validation only: the registry publishes the document,
 * no one imports it) and its export, from the data the credit evaluation
 * returns (credit_eval.c).
 */
#include "supervision_int.h"
#include "xml_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CREDIT_NS "urn:skillcert:credit:1"

extern const char sc__schema_credit[]; /* resources.c, from schemas/credit.xsd */

static int credit_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    (void)state, (void)local;
    return sc__xml_refuse_published(ctx, depth, "credit evaluation documents are published by "
                                    "the registry (sc_credit_export_memory), not imported: "
                                    "validate them");
}

/* Designated: members the handler leaves out are NULL. */
const sc__doc_handler sc__doc_credit = {
    .doctype = SC_DOC_CREDIT,
    .root = "credit-evaluation",
    .ns = CREDIT_NS,
    .schema = sc__schema_credit,
    .importer_kind = 0, /* the handler refuses every import itself */
    .start = credit_start,
};

static void xattr(sc__buf *b, const char *name, const char *value)
{
    sc__buf_printf(b, " %s=\"", name);
    sc__buf_put_xml(b, value ? value : "");
    sc__buf_puts(b, "\"");
}

int sc_credit_export_memory(char **out, size_t *len, sc_db *db, const char *as_of)
{
    char date[SC_DATE_SIZE];
    sc_credit_model m = SC_CREDIT_MODEL_INIT;
    sc_credit_list_query q = SC_CREDIT_LIST_QUERY_INIT;
    sc_credit_iter *it = NULL;
    sc_credit_score s = SC_CREDIT_SCORE_INIT;
    sc__credit_weight *w = NULL;
    size_t nw = 0, i;
    sc__buf b;
    int rc;

    if (!out)
        return sc__error_null("sc_credit_export_memory", "out");
    *out = NULL;
    if (len)
        *len = 0;
    if ((rc = sc__db_check(db, "sc_credit_export_memory", 0)) != SC_OK ||
        (rc = sc__credit_list_date(db, as_of, date)) != SC_OK ||
        (rc = sc_credit_model_get(&m, db)) != SC_OK ||
        (rc = sc__credit_weights(db, &w, &nw)) != SC_OK)
        return rc;
    sc__buf_init(&b);
    sc__buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sc__buf_printf(&b, "<credit-evaluation xmlns=\"%s\" version=\"1\"", CREDIT_NS);
    sc__buf_printf(&b, " batch=\"credit-%s\"", date);
    sc__xml_put_parties(&b, SC_DOC_CREDIT, NULL, NULL, NULL);
    xattr(&b, "as-of", date);
    sc__buf_puts(&b, ">\n  <model");
    sc__buf_printf(&b, " base=\"%g\" half-life-days=\"%g\" clean-bonus=\"%g\" clean-max=\"%g\" "
                       "clean-window-days=\"%g\">\n",
                   m.base, m.half_life_days, m.clean_bonus, m.clean_max, m.clean_window_days);
    for (i = 0; i < nw; i++) {
        sc__buf_puts(&b, "    <weight");
        xattr(&b, "category", w[i].category);
        xattr(&b, "severity", sc_finding_severity_name(w[i].severity));
        sc__buf_printf(&b, " points=\"%g\"/>\n", w[i].points);
    }
    free(w);
    sc__buf_puts(&b, "  </model>\n");
    q.as_of = date;
    if ((rc = sc_credit_list_iter_new(&it, db, &q)) != SC_OK)
        goto fail;
    while ((rc = sc_credit_iter_next(&s, it)) == SC_OK) {
        sc__buf_printf(&b, "  <organization rank=\"%d\"", s.rank);
        xattr(&b, "credit-code", s.credit_code);
        xattr(&b, "name", s.name);
        sc__buf_printf(&b, " score=\"%.2f\" findings=\"%lld\" clean-inspections=\"%lld\" "
                           "penalty=\"%.2f\" bonus=\"%.2f\"/>\n",
                       s.score, (long long)s.findings, (long long)s.clean, s.penalty, s.bonus);
    }
    sc_credit_iter_free(it);
    if (rc != SC_ITEROVER)
        goto fail;
    sc__buf_puts(&b, "</credit-evaluation>\n");
    if (b.failed) {
        sc__buf_free(&b);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting credit scores");
    }
    *out = b.data;
    if (len)
        *len = b.len;
    return SC_OK;
fail:
    sc__buf_free(&b);
    return rc;
}

int sc_credit_export_file(sc_db *db, const char *as_of, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    int rc;
    if (!path)
        return sc__error_null("sc_credit_export_file", "path");
    if ((rc = sc_credit_export_memory(&data, &len, db, as_of)) != SC_OK)
        return rc;
    return sc__xml_write_file(path, data, len);
}
