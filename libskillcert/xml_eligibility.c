/*
 * The eligibility rules document (urn:skillcert:eligibility:1): import
 * handler, and the built-in rules (data/eligibility-default.xml).
 *
 *   <eligibility batch=...>
 *     <rules name= [occupation=] standard= effective= [withdrawn=] [confidence=]>
 *       <related occupation=/>*
 *       <level value= [work-type=]>
 *         <condition id= clause= [confidence=]> predicates </condition>+
 *       </level>*
 *     </rules>*
 *   </eligibility>
 */
#include "xml_int.h"
#include "eligibility_int.h"
#include "authz_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ELIGIBILITY_NS "urn:skillcert:eligibility:1"

typedef struct {
    int level;
    char *work_type;           /* "" when undivided */
} seen_level;

typedef struct {
    sqlite3_int64 ruleset, condition;
    char name[65];
    int level;
    char work_type[257];
    int cond_seq, pred_seq;
    seen_level *seen;          /* (level, work type) pairs of the current rules */
    size_t nseen, capseen;
} elig_state;

static void forget_levels(elig_state *s)
{
    size_t i;
    for (i = 0; i < s->nseen; i++)
        free(s->seen[i].work_type);
    s->nseen = 0;
}

static void elig_cleanup(void *state)
{
    elig_state *s = state;
    forget_levels(s);
    free(s->seen);
}

static int applied(sc__xml_ctx *ctx, int rc, const char *field)
{
    if (rc != SC_OK)
        return sc__xml_fail_last(ctx, field);
    if (sc__xml_record(ctx))
        return sc__xml_fail(ctx, SC_ERROR, NULL, "cancelled by the progress callback");
    return SC_OK;
}

static int int_attr(sc__xml_ctx *ctx, const char *name)
{
    const char *v = sc__xml_attr(ctx, name);
    return v ? atoi(v) : 0;
}

static int bool_attr(sc__xml_ctx *ctx, const char *name)
{
    const char *v = sc__xml_attr(ctx, name);
    return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

static int start_level(sc__xml_ctx *ctx, elig_state *s)
{
    const char *wt = sc__xml_attr(ctx, "work-type");
    size_t i;
    s->level = int_attr(ctx, "value");
    snprintf(s->work_type, sizeof s->work_type, "%s", wt ? wt : "");
    for (i = 0; i < s->nseen; i++) {
        if (s->seen[i].level == s->level && !strcmp(s->seen[i].work_type, s->work_type))
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "value",
                                "rules %s list level %d%s%s twice", s->name, s->level,
                                s->work_type[0] ? " of work type " : "", s->work_type);
    }
    if (s->nseen == s->capseen) {
        size_t ncap = s->capseen ? s->capseen * 2 : 8;
        seen_level *n = sc__realloc(s->seen, ncap * sizeof(*n));
        if (!n)
            return sc__xml_fail(ctx, SC_ENOMEM, NULL, "out of memory importing rules");
        s->seen = n;
        s->capseen = ncap;
    }
    if (!(s->seen[s->nseen].work_type = sc__strdup(s->work_type)))
        return sc__xml_fail(ctx, SC_ENOMEM, NULL, "out of memory importing rules");
    s->seen[s->nseen++].level = s->level;
    return SC_OK;
}

static int elig_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    elig_state *s = state;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0) /* only the city bureau sets policy (the action table) */
        return sc__xml_authorize(ctx, SC__ACT_ELIGIBILITY_IMPORT, NULL, NULL);
    if (depth == 1 && !strcmp(local, "rules")) {
        const char *name = sc__xml_attr(ctx, "name");
        snprintf(s->name, sizeof s->name, "%s", name ? name : "");
        forget_levels(s);
        s->cond_seq = 0;
        return applied(ctx,
                       sc__elig_add_ruleset(ctx->db, name, sc__xml_attr(ctx, "occupation"),
                                            sc__xml_attr(ctx, "standard"),
                                            sc__xml_attr(ctx, "effective"),
                                            sc__xml_attr(ctx, "withdrawn"),
                                            sc__xml_attr(ctx, "confidence"), ctx->batch_id,
                                            &s->ruleset),
                       NULL);
    }
    if (depth == 2 && !strcmp(local, "related"))
        return applied(ctx, sc__elig_add_related(ctx->db, s->ruleset,
                                                 sc__xml_attr(ctx, "occupation")),
                       NULL);
    if (depth == 2 && !strcmp(local, "level"))
        return start_level(ctx, s);
    if (depth == 3 && !strcmp(local, "condition")) {
        s->pred_seq = 0;
        return applied(ctx,
                       sc__elig_add_condition(ctx->db, s->ruleset, s->level,
                                              s->work_type[0] ? s->work_type : NULL,
                                              s->cond_seq++, sc__xml_attr(ctx, "id"),
                                              sc__xml_attr(ctx, "clause"),
                                              sc__xml_attr(ctx, "confidence"), &s->condition),
                       NULL);
    }
    if (depth == 4) {
        sc__pred_spec p;
        memset(&p, 0, sizeof p);
        p.kind = local;
        p.years = int_attr(ctx, !strcmp(local, "certificate") ? "work-years" : "years");
        p.held_years = int_attr(ctx, "held-years");
        p.level = int_attr(ctx, "level");
        p.kinds = sc__xml_attr(ctx, "kinds");
        p.related = bool_attr(ctx, "related");
        p.evaluated = bool_attr(ctx, "evaluated");
        p.final_year = bool_attr(ctx, "final-year");
        p.scope = sc__xml_attr(ctx, "scope");
        p.result = sc__xml_attr(ctx, "result");
        p.min_age = int_attr(ctx, "min");
        p.max_age = int_attr(ctx, "max");
        p.rank = sc__xml_attr(ctx, "rank");
        return applied(ctx, sc__elig_add_predicate(ctx->db, s->condition, s->pred_seq++, &p),
                       NULL);
    }
    return SC_OK;
}

const sc__doc_handler sc__doc_eligibility = {
    SC_DOC_ELIGIBILITY, "eligibility", ELIGIBILITY_NS, sc__schema_eligibility, 0,
    0 /* checked on the root element */, sizeof(elig_state), elig_start, NULL, NULL,
    elig_cleanup
};

int sc_eligibility_load_defaults(sc_import_result *out, sc_db *db, const sc_actor *actor)
{
    int rc;
    if (out)
        memset(out, 0, sizeof(*out));
    if ((rc = sc__db_check(db, "sc_eligibility_load_defaults", 1)) != SC_OK ||
        (rc = sc__authorize(db, actor, SC__ACT_ELIGIBILITY_LOAD_DEFAULTS, NULL)) != SC_OK)
        return rc;
    return sc__xml_import(out, db, actor, NULL, sc__data_eligibility_default,
                          sc__data_eligibility_default_len, "eligibility-default.xml", NULL,
                          NULL);
}
