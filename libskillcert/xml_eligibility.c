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
    return sc__xml_count(ctx);
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
        return sc__xml_receive(ctx, SC__ACT_ELIGIBILITY_IMPORT, NULL, NULL);
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

/* Its own type only: the built-in data is a document of this type. */
static const sc__doc_handler *const eligibility_only[] = { &sc__doc_eligibility };

int sc_eligibility_load_defaults(sc_import_result *out, sc_db *db, const sc_actor *actor)
{
    int rc;
    if (out) {
        SC__VERSION_CHECK(out, "sc_import_result", SC_IMPORT_RESULT_VERSION);
        SC__ZERO_KEEP_VERSION(out);
    }
    if ((rc = sc__db_check(db, "sc_eligibility_load_defaults", 1)) != SC_OK ||
        (rc = sc__authorize(db, actor, SC__ACT_ELIGIBILITY_LOAD_DEFAULTS, NULL)) != SC_OK)
        return rc;
    return sc__xml_import(eligibility_only, 1, out, db, actor, NULL, sc__data_eligibility_default,
                          sc__data_eligibility_default_len, "eligibility-default.xml", NULL,
                          NULL, NULL);
}

/* ---- export ------------------------------------------------------------------------ */

static const char SQL_EXP_RULESETS[] =
    "SELECT id, name, scope, standard, effective, withdrawn, confidence "
    "FROM elig_ruleset ORDER BY id";
static const char SQL_EXP_RELATED[] =
    "SELECT occupation FROM elig_related WHERE ruleset_id = ?1 ORDER BY rowid";
static const char SQL_EXP_CONDS[] =
    "SELECT id, level, work_type, cond_id, clause, confidence "
    "FROM elig_condition WHERE ruleset_id = ?1 ORDER BY seq";
static const char SQL_EXP_PREDS[] =
    "SELECT kind, years, held_years, level, kinds, related, evaluated, final_year, scope, "
    "result, min_age, max_age, rank FROM elig_predicate WHERE condition_id = ?1 ORDER BY seq";

/* An integer column as an attribute, when it is not NULL. */
static void put_int(sc__buf *b, const char *name, sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) != SQLITE_NULL)
        sc__buf_printf(b, " %s=\"%d\"", name, sqlite3_column_int(st, col));
}

static void put_flag(sc__buf *b, const char *name, sqlite3_stmt *st, int col)
{
    if (sqlite3_column_int(st, col))
        sc__buf_printf(b, " %s=\"true\"", name);
}

static int export_predicates(sc__buf *b, sc_db *db, sqlite3_int64 condition)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_EXP_PREDS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, condition);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *kind = sc__col_text(st, 0);
        sc__buf_printf(b, "        <%s", kind);
        put_int(b, !strcmp(kind, "certificate") ? "work-years" : "years", st, 1);
        put_int(b, "held-years", st, 2);
        put_int(b, "level", st, 3);
        sc__buf_attr(b, "kinds", sc__col_text(st, 4));
        put_flag(b, "related", st, 5);
        put_flag(b, "evaluated", st, 6);
        put_flag(b, "final-year", st, 7);
        sc__buf_attr(b, "scope", sc__col_text(st, 8));
        sc__buf_attr(b, "result", sc__col_text(st, 9));
        put_int(b, "min", st, 10);
        put_int(b, "max", st, 11);
        sc__buf_attr(b, "rank", sc__col_text(st, 12));
        sc__buf_puts(b, "/>\n");
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SC_OK : sc__db_fail(db, rc, "exporting predicates");
}

/* The conditions of a rule set, grouped into <level> elements: conditions
   are numbered in document order, and a level appears once per rule set. */
static int export_conditions(sc__buf *b, sc_db *db, sqlite3_int64 ruleset)
{
    sqlite3_stmt *st;
    int rc, level = 0, open = 0;
    char work_type[SC_WORK_TYPE_SIZE] = "";
    if ((rc = sc__db_stmt_get(db, SQL_EXP_CONDS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ruleset);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *wt = sc__col_text(st, 2);
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        int rc2;
        if (!wt)
            wt = "";
        if (!open || level != sqlite3_column_int(st, 1) || strcmp(work_type, wt)) {
            if (open)
                sc__buf_puts(b, "    </level>\n");
            level = sqlite3_column_int(st, 1);
            snprintf(work_type, sizeof work_type, "%s", wt);
            sc__buf_printf(b, "    <level value=\"%d\"", level);
            sc__buf_attr(b, "work-type", wt[0] ? wt : NULL);
            sc__buf_puts(b, ">\n");
            open = 1;
        }
        sc__buf_puts(b, "      <condition");
        sc__buf_attr(b, "id", sc__col_text(st, 3));
        sc__buf_attr(b, "clause", sc__col_text(st, 4));
        sc__buf_attr(b, "confidence", sc__col_text(st, 5));
        sc__buf_puts(b, ">\n");
        if ((rc2 = export_predicates(b, db, id)) != SC_OK) {
            sqlite3_reset(st);
            return rc2;
        }
        sc__buf_puts(b, "      </condition>\n");
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "exporting conditions");
    if (open)
        sc__buf_puts(b, "    </level>\n");
    return SC_OK;
}

static int export_related(sc__buf *b, sc_db *db, sqlite3_int64 ruleset)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_EXP_RELATED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ruleset);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc__buf_puts(b, "    <related");
        sc__buf_attr(b, "occupation", sc__col_text(st, 0));
        sc__buf_puts(b, "/>\n");
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SC_OK : sc__db_fail(db, rc, "exporting related occupations");
}

static int export_rulesets(sc__buf *b, sc_db *db)
{
    sqlite3_stmt *st;
    int rc, rc2 = SC_OK;
    if ((rc = sc__db_stmt_get(db, SQL_EXP_RULESETS, &st)) != SC_OK)
        return rc;
    while (rc2 == SC_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        const char *scope = sc__col_text(st, 2);
        sc__buf_puts(b, "  <rules");
        sc__buf_attr(b, "name", sc__col_text(st, 1));
        sc__buf_attr(b, "occupation", scope && scope[0] ? scope : NULL);
        sc__buf_attr(b, "standard", sc__col_text(st, 3));
        sc__buf_attr(b, "effective", sc__col_text(st, 4));
        sc__buf_attr(b, "withdrawn", sc__col_text(st, 5));
        sc__buf_attr(b, "confidence", sc__col_text(st, 6));
        sc__buf_puts(b, ">\n");
        if ((rc2 = export_related(b, db, id)) == SC_OK &&
            (rc2 = export_conditions(b, db, id)) == SC_OK)
            sc__buf_puts(b, "  </rules>\n");
    }
    sqlite3_reset(st);
    if (rc2 != SC_OK)
        return rc2;
    return rc == SQLITE_DONE ? SC_OK : sc__db_fail(db, rc, "exporting rule sets");
}

int sc__xml_export_eligibility(sc__buf *out, sc_db *db)
{
    sc__buf body;
    int rc;

    sc__buf_init(&body);
    /* One read transaction: the rule sets, conditions and predicates of one state. */
    if ((rc = sc__db_exec(db, "SAVEPOINT sc_export_eligibility", "starting the export")) !=
        SC_OK)
        return rc;
    rc = export_rulesets(&body, db);
    sc__db_exec(db, "RELEASE sc_export_eligibility", "ending the export");
    if (rc != SC_OK) {
        sc__buf_free(&body);
        return rc;
    }
    return sc__xml_envelope(out, SC_DOC_ELIGIBILITY, "eligibility", ELIGIBILITY_NS, &body);
}
