/*
 * The catalog document (urn:skillcert:catalog:1): import handler, export
 * (through the dispatcher, xml_dispatch.c), and the notice's own catalog
 * built into the library.
 */
#include "xml_int.h"
#include "catalog_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CATALOG_NS "urn:skillcert:catalog:1"

typedef struct {
    char code[SC__CODE_SIZE];
    char occ_effective[11];
    char occ_withdrawn[11];
    char work_type[257];
    char wt_effective[11];
    char wt_withdrawn[11];
    int in_work_type;
    /* The occupation as this registry already holds it, when the document's entry is
     * the same (code, name, effective): its work types and offerings the registry
     * holds alike are skipped, so a catalog exported from another registry merges
     * into one that holds the notice (issue 12: the bureau's catalog, signed, taken
     * by a district's registry). NULL otherwise. */
    sc_occupation *held;
} catalog_state;

static void copy_date(char dst[11], const char *src)
{
    snprintf(dst, 11, "%s", src ? src : "");
}

static int applied(sc__xml_ctx *ctx, int rc, const char *field)
{
    if (rc != SC_OK)
        return sc__xml_fail_last(ctx, field);
    return sc__xml_count(ctx);
}

/* Equal texts, NULL counting as "". */
static int same(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}

/* The held occupation's work type `name`: its index, or -1. */
static long held_work_type(const sc_occupation *o, const char *name)
{
    size_t i;
    for (i = 0; i < sc_occupation_work_type_count(o); i++)
        if (same(sc_occupation_work_type(o, i), name))
            return (long)i;
    return -1;
}

/* The held occupation's offering of `level` (of work type `wt`, NULL: undivided)
 * effective on `eff`: its index, or -1. */
static long held_offering(const sc_occupation *o, const char *wt, int level, const char *eff)
{
    size_t i;
    for (i = 0; i < sc_occupation_offering_count(o); i++)
        if (sc_occupation_offering_level(o, i) == level &&
            same(sc_occupation_offering_work_type(o, i), wt) &&
            same(sc_occupation_offering_effective(o, i), eff))
            return (long)i;
    return -1;
}

/* The document's occupation: held alike (s->held set, nothing to add), or added. */
static int occupation_start(sc__xml_ctx *ctx, catalog_state *s)
{
    const char *name = sc__xml_attr(ctx, "name");
    const char *eff = sc__xml_attr(ctx, "effective");
    sc_occupation *o = NULL;
    int rc;

    sc_occupation_free(s->held);
    s->held = NULL;
    if ((rc = sc__occupation_code_norm(sc__xml_attr(ctx, "code"), s->code)) != SC_OK)
        return sc__xml_fail_last(ctx, "code");
    copy_date(s->occ_effective, eff);
    copy_date(s->occ_withdrawn, sc__xml_attr(ctx, "withdrawn"));
    rc = sc_occupation_lookup(&o, ctx->db, s->code);
    if (rc == SC_OK && same(sc_occupation_code(o), s->code) && same(sc_occupation_name(o), name) &&
        same(sc_occupation_effective(o), eff)) {
        s->held = o;
        return SC_OK;
    }
    sc_occupation_free(o);
    if (rc == SC_ENOTFOUND)
        sc_error_clear(); /* a new occupation: recovered */
    else if (rc != SC_OK)
        return sc__xml_fail_last(ctx, "code");
    /* Not held, or held otherwise: added (refused in the second case, with the reason). */
    return applied(ctx, sc__catalog_add_occupation(ctx->db, s->code, name, eff), "code");
}

static int offering_start(sc__xml_ctx *ctx, catalog_state *s, int depth)
{
    const char *lv = sc__xml_attr(ctx, "level");
    const char *eff = sc__xml_attr(ctx, "effective");
    const char *wd = sc__xml_attr(ctx, "withdrawn");
    const char *wt = depth == 3 ? s->work_type : NULL;
    int level = lv ? atoi(lv) : 0, rc = SC_OK;
    long held;
    if (!eff)
        eff = depth == 3 ? s->wt_effective : s->occ_effective;
    held = s->held ? held_offering(s->held, wt, level, eff) : -1;
    if (held >= 0 && same(sc_occupation_offering_withdrawn(s->held, (size_t)held), wd))
        return SC_OK; /* held alike */
    if (held < 0)
        rc = sc__catalog_add_offering(ctx->db, s->code, wt, level, eff);
    if (rc == SC_OK && wd)
        rc = sc__catalog_withdraw(ctx->db, s->code, wt, level, wd);
    return applied(ctx, rc, wd && rc != SC_OK ? "withdrawn" : "level");
}

static int catalog_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    catalog_state *s = state;
    if (!ctx->db)
        return SC_OK;
    if (depth == 1 && !strcmp(local, "occupation"))
        return occupation_start(ctx, s);
    if (depth == 2 && !strcmp(local, "alias")) {
        const char *alias = sc__xml_attr(ctx, "code");
        size_t i;
        for (i = 0; s->held && i < sc_occupation_alias_count(s->held); i++)
            if (same(sc_occupation_alias(s->held, i), alias))
                return SC_OK; /* held alike */
        return applied(ctx, sc__catalog_add_alias(ctx->db, alias, s->code), "code");
    }
    if (depth == 2 && !strcmp(local, "work-type")) {
        const char *name = sc__xml_attr(ctx, "name");
        const char *eff = sc__xml_attr(ctx, "effective");
        long held;
        int alike;
        snprintf(s->work_type, sizeof s->work_type, "%s", name ? name : "");
        copy_date(s->wt_effective, eff ? eff : s->occ_effective);
        copy_date(s->wt_withdrawn, sc__xml_attr(ctx, "withdrawn"));
        s->in_work_type = 1;
        held = s->held ? held_work_type(s->held, s->work_type) : -1;
        alike = held >= 0 &&
                same(sc_occupation_work_type_effective(s->held, (size_t)held),
                     s->wt_effective);
        if (alike) {
            /* Its withdrawal (at the end) only when the registry does not hold it. */
            if (same(sc_occupation_work_type_withdrawn(s->held, (size_t)held), s->wt_withdrawn))
                s->wt_withdrawn[0] = '\0';
            return SC_OK;
        }
        return applied(ctx,
                       sc__catalog_add_work_type(ctx->db, s->code, s->work_type, s->wt_effective),
                       "name");
    }
    if ((depth == 2 || depth == 3) && !strcmp(local, "offering"))
        return offering_start(ctx, s, depth);
    if (depth == 1 && !strcmp(local, "withdrawal")) {
        const char *lv = sc__xml_attr(ctx, "level");
        return applied(ctx,
                       sc__catalog_withdraw(ctx->db, sc__xml_attr(ctx, "code"),
                                            sc__xml_attr(ctx, "work-type"), lv ? atoi(lv) : 0,
                                            sc__xml_attr(ctx, "date")),
                       "date");
    }
    return SC_OK;
}

static int catalog_end(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    catalog_state *s = state;
    if (!ctx->db)
        return SC_OK;
    if (depth == 2 && !strcmp(local, "work-type")) {
        s->in_work_type = 0;
        if (s->wt_withdrawn[0])
            return applied(ctx,
                           sc__catalog_withdraw(ctx->db, s->code, s->work_type, 0,
                                                s->wt_withdrawn),
                           "withdrawn");
    }
    if (depth == 1 && !strcmp(local, "occupation") && s->occ_withdrawn[0] &&
        !(s->held && same(sc_occupation_withdrawn(s->held), s->occ_withdrawn)))
        return applied(ctx, sc__catalog_withdraw(ctx->db, s->code, NULL, 0, s->occ_withdrawn),
                       "withdrawn");
    return SC_OK;
}

static void catalog_cleanup(void *state)
{
    catalog_state *s = state;
    sc_occupation_free(s->held);
    s->held = NULL;
}

const sc__doc_handler sc__doc_catalog = {
    SC_DOC_CATALOG, "catalog", CATALOG_NS, sc__schema_catalog, 0,
    SC_ACTOR_CITY_BUREAU, sizeof(catalog_state), catalog_start, catalog_end, NULL,
    catalog_cleanup
};

/* Its own type only: the built-in data is a document of this type. */
static const sc__doc_handler *const catalog_only[] = { &sc__doc_catalog };

int sc_xml_import_notice(sc_import_result *out, sc_db *db, const sc_actor *actor)
{
    if (out)
        SC__VERSION_CHECK(out, "sc_import_result", SC_IMPORT_RESULT_VERSION);
    return sc__xml_import(catalog_only, 1, out, db, actor, NULL, sc__data_catalog_notice,
                          sc__data_catalog_notice_len, "catalog-2022-8.xml", NULL, NULL, NULL);
}

int sc_catalog_load_notice(sc_db *db, const sc_actor *actor)
{
    return sc_xml_import_notice(NULL, db, actor);
}

/* ---- export ---- */

static int write_offering(sc__buf *b, const sc_occupation *o, size_t i, const char *indent,
                          const char *parent_eff)
{
    const char *eff = sc_occupation_offering_effective(o, i);
    sc__buf_printf(b, "%s<offering level=\"%d\"", indent, sc_occupation_offering_level(o, i));
    if (eff && strcmp(eff, parent_eff))
        sc__buf_attr(b, "effective", eff);
    sc__buf_attr(b, "withdrawn", sc_occupation_offering_withdrawn(o, i));
    return sc__buf_puts(b, "/>\n");
}

static int write_occupation(sc__buf *b, const sc_occupation *o)
{
    size_t i, w, n = sc_occupation_offering_count(o);
    const char *occ_eff = sc_occupation_effective(o);
    sc__buf_puts(b, "  <occupation");
    sc__buf_attr(b, "code", sc_occupation_code(o));
    sc__buf_attr(b, "name", sc_occupation_name(o));
    sc__buf_attr(b, "effective", occ_eff);
    sc__buf_attr(b, "withdrawn", sc_occupation_withdrawn(o));
    sc__buf_puts(b, ">\n");
    for (i = 0; i < sc_occupation_alias_count(o); i++) {
        sc__buf_puts(b, "    <alias");
        sc__buf_attr(b, "code", sc_occupation_alias(o, i));
        sc__buf_puts(b, "/>\n");
    }
    for (i = 0; i < n; i++)
        if (!sc_occupation_offering_work_type(o, i))
            write_offering(b, o, i, "    ", occ_eff);
    for (w = 0; w < sc_occupation_work_type_count(o); w++) {
        const char *wt = sc_occupation_work_type(o, w);
        const char *wt_eff = sc_occupation_work_type_effective(o, w);
        sc__buf_puts(b, "    <work-type");
        sc__buf_attr(b, "name", wt);
        if (strcmp(wt_eff, occ_eff))
            sc__buf_attr(b, "effective", wt_eff);
        sc__buf_attr(b, "withdrawn", sc_occupation_work_type_withdrawn(o, w));
        sc__buf_puts(b, ">\n");
        for (i = 0; i < n; i++) {
            const char *owt = sc_occupation_offering_work_type(o, i);
            if (owt && !strcmp(owt, wt))
                write_offering(b, o, i, "      ", wt_eff);
        }
        sc__buf_puts(b, "    </work-type>\n");
    }
    return sc__buf_puts(b, "  </occupation>\n");
}

int sc__xml_export_catalog(sc__buf *out, sc_db *db)
{
    sc__buf body;
    sc_occupation_iter *it = NULL;
    sc_occupation *o = NULL;
    int rc;

    sc__buf_init(&body);
    if ((rc = sc_occupation_iter_new(&it, db, NULL)) != SC_OK)
        return rc;
    while ((rc = sc_occupation_iter_next(&o, it)) == SC_OK) {
        write_occupation(&body, o);
        sc_occupation_free(o);
    }
    sc_occupation_iter_free(it);
    if (rc != SC_ITEROVER) {
        sc__buf_free(&body);
        return rc;
    }
    return sc__xml_envelope(out, SC_DOC_CATALOG, "catalog", CATALOG_NS, &body);
}
