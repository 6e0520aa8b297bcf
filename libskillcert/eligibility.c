/*
 * Eligibility: stored rule sets, their compiled form, and decisions.
 *
 * The hot path (sc_eligibility_decide) reads only the compiled ::sc_ruleset
 * and the ::sc_candidate: no SQL, no allocation, no formatting. What a
 * decision found is kept as numbers; its sentences are written only when
 * asked for (sc_decision_message and friends).
 */
#include "eligibility_int.h"
#include "catalog_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- paths ------------------------------------------------------------------ */

static const char *const path_names[] = { "normal", "exceptional", "direct" };

const char *sc_path_name(int path)
{
    return path >= SC_PATH_NORMAL && path <= SC_PATH_DIRECT ? path_names[path] : NULL;
}

int sc_path_parse(int *out, const char *text)
{
    int i;
    if (!out)
        return sc__error_null("sc_path_parse", "out");
    *out = 0;
    if (!text)
        return sc__error_null("sc_path_parse", "text");
    for (i = SC_PATH_NORMAL; i <= SC_PATH_DIRECT; i++) {
        if (!strcmp(text, path_names[i])) {
            *out = i;
            return SC_OK;
        }
    }
    sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                  "'%.40s' is not a path: give normal, exceptional (破格) or direct (直接认定)",
                  text);
    sc__error_set_field("path");
    return SC_EINVAL;
}

/* ---- storage ------------------------------------------------------------------ */

static const char SQL_INS_RULESET[] =
    "INSERT INTO elig_ruleset(name, scope, standard, effective, withdrawn, confidence, batch_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_RULESET_SAME[] =
    "SELECT name FROM elig_ruleset WHERE name = ?1 OR (scope = ?2 AND effective = ?3)";

int sc__elig_add_ruleset(sc_db *db, const char *name, const char *occupation,
                         const char *standard, const char *effective, const char *withdrawn,
                         const char *confidence, const char *batch, sqlite3_int64 *id)
{
    char norm[SC__CODE_SIZE] = "";
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__check_text(name, "name", 64, 1)) != SC_OK ||
        (rc = sc__check_text(standard, "standard", 256, 1)) != SC_OK ||
        (rc = sc__check_date(effective, "effective")) != SC_OK ||
        (withdrawn && (rc = sc__check_date(withdrawn, "withdrawn")) != SC_OK))
        return rc;
    if (occupation && (rc = sc__occupation_code_norm(occupation, norm)) != SC_OK) {
        sc__error_set_field("occupation");
        return rc;
    }
    if (withdrawn && strcmp(withdrawn, effective) <= 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_RULES, "rules %s are withdrawn (%s) before they take "
                      "effect (%s)", name, withdrawn, effective);
        sc__error_set_field("withdrawn");
        return SC_EINVAL;
    }
    if ((rc = sc__db_stmt_get(db, SQL_RULESET_SAME, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, name);
    sc__bind_text(st, 2, norm);
    sc__bind_text(st, 3, effective);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int same_name = !strcmp(sc__col_text(st, 0), name);
        sqlite3_reset(st);
        if (same_name)
            sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "rules named %s are already stored", name);
        else
            sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES,
                          "a version of the rules for %s taking effect on %s is already stored",
                          norm[0] ? norm : "the template", effective);
        sc__error_set_field(same_name ? "name" : "effective");
        return SC_EEXISTS;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "checking rule sets");
    if ((rc = sc__db_stmt_get(db, SQL_INS_RULESET, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, name);
    sc__bind_text(st, 2, norm);
    sc__bind_text(st, 3, standard);
    sc__bind_text(st, 4, effective);
    sc__bind_text(st, 5, withdrawn);
    sc__bind_text(st, 6, confidence);
    sc__bind_text(st, 7, batch);
    if ((rc = sc__db_exec_stmt(db, st, "adding a rule set")) != SC_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(db->conn);
    return SC_OK;
}

static const char SQL_INS_RELATED[] =
    "INSERT INTO elig_related(ruleset_id, occupation) VALUES (?1, ?2)";

int sc__elig_add_related(sc_db *db, sqlite3_int64 ruleset, const char *occupation)
{
    char norm[SC__CODE_SIZE];
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__occupation_code_norm(occupation, norm)) != SC_OK) {
        sc__error_set_field("occupation");
        return rc;
    }
    if ((rc = sc__db_stmt_get(db, SQL_INS_RELATED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ruleset);
    sc__bind_text(st, 2, norm);
    rc = sc__db_exec_stmt(db, st, "adding a related occupation");
    if (rc == SC_EEXISTS) {
        sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "related occupation %s is listed twice", norm);
        sc__error_set_field("occupation");
    }
    return rc;
}

static const char SQL_INS_COND[] =
    "INSERT INTO elig_condition(ruleset_id, level, work_type, seq, cond_id, clause, confidence) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int sc__elig_add_condition(sc_db *db, sqlite3_int64 ruleset, int level, const char *work_type,
                           int seq, const char *id, const char *clause, const char *confidence,
                           sqlite3_int64 *out)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__check_text(id, "id", 31, 1)) != SC_OK ||
        (rc = sc__check_text(clause, "clause", 256, 1)) != SC_OK ||
        (rc = sc__check_text(work_type, "work-type", 128, 0)) != SC_OK)
        return rc;
    if (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_RULES, "level %d is outside 1-5", level);
        sc__error_set_field("level");
        return SC_EINVAL;
    }
    if ((rc = sc__db_stmt_get(db, SQL_INS_COND, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ruleset);
    sqlite3_bind_int(st, 2, level);
    sc__bind_text(st, 3, work_type ? work_type : "");
    sqlite3_bind_int(st, 4, seq);
    sc__bind_text(st, 5, id);
    sc__bind_text(st, 6, clause);
    sc__bind_text(st, 7, confidence);
    rc = sc__db_exec_stmt(db, st, "adding a condition");
    if (rc == SC_EEXISTS) {
        sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "condition id %s is used twice in these rules",
                      id);
        sc__error_set_field("id");
        return rc;
    }
    if (rc == SC_OK)
        *out = sqlite3_last_insert_rowid(db->conn);
    return rc;
}

/* ---- tokens -------------------------------------------------------------------- */

/* Bitmask (1 << kind) of a space-separated token list; -1 on an unknown token. */
static long token_mask(const char *list, const char *(*name)(int), int max)
{
    long mask = 0;
    const char *p = list;
    while (p && *p) {
        size_t n;
        int k, found = 0;
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        n = strcspn(p, " \t\r\n");
        for (k = 1; k <= max; k++) {
            const char *t = name(k);
            if (t && strlen(t) == n && !strncmp(p, t, n)) {
                mask |= 1L << k;
                found = 1;
                break;
            }
        }
        if (!found)
            return -1;
        p += n;
    }
    return mask;
}

static int pred_kind(const char *name)
{
    static const char *const names[] = { NULL, "work", "certificate", "education",
                                         "apprenticeship", "age", "competition", "training",
                                         "veteran" };
    int k;
    if (!name)
        return 0;
    for (k = 1; k < (int)(sizeof names / sizeof names[0]); k++)
        if (!strcmp(name, names[k]))
            return k;
    return 0;
}

#define CERT_DEFAULT_MASK ((1L << SC_CERT_KIND_SKILL_LEVEL) | (1L << SC_CERT_KIND_QUALIFICATION))

static int bad_pred(const char *field, const char *fmt, const char *arg)
{
    sc__error_set(SC_EINVAL, SC_DOMAIN_RULES, fmt, arg);
    sc__error_set_field(field);
    return SC_EINVAL;
}

int sc__elig_check_predicate(const sc__pred_spec *p)
{
    int kind = pred_kind(p->kind);
    long mask;
    switch (kind) {
    case SC__P_WORK:
        if (p->years < 1)
            return bad_pred("years", "<work> needs years of 1 or more%s", "");
        break;
    case SC__P_CERT:
        mask = p->kinds ? token_mask(p->kinds, sc_cert_kind_name, 3) : CERT_DEFAULT_MASK;
        if (mask <= 0)
            return bad_pred("kinds", "'%.60s' is not a list of certificate kinds "
                            "(skill-level, qualification, pre-technician)",
                            p->kinds ? p->kinds : "");
        if (!p->level && (mask & ~(1L << SC_CERT_KIND_PRE_TECHNICIAN)))
            return bad_pred("level", "<certificate> needs a level unless its kinds are only "
                            "pre-technician%s", "");
        if (p->level && mask == (1L << SC_CERT_KIND_PRE_TECHNICIAN))
            return bad_pred("level", "a pre-technician certificate has no level%s", "");
        break;
    case SC__P_EDU:
        mask = p->kinds ? token_mask(p->kinds, sc_education_kind_name, 7) : -1;
        if (mask <= 0)
            return bad_pred("kinds", "'%.60s' is not a list of education kinds",
                            p->kinds ? p->kinds : "");
        break;
    case SC__P_AGE:
        if (!p->min_age && !p->max_age)
            return bad_pred("min", "<age> needs min or max%s", "");
        if (p->max_age && p->min_age > p->max_age)
            return bad_pred("max", "<age> max is below min%s", "");
        break;
    case SC__P_COMP: {
        int s;
        if (sc_scope_parse(&s, p->scope) != SC_OK)
            return bad_pred("scope", "'%.40s' is not a competition scope",
                            p->scope ? p->scope : "");
        if (!p->result || (strcmp(p->result, "entry") && strcmp(p->result, "award")))
            return bad_pred("result", "competition result '%.40s' is neither entry nor award",
                            p->result ? p->result : "");
        break;
    }
    case SC__P_TRAIN:
        if (p->level < SC_LEVEL_MIN || p->level > SC_LEVEL_MAX)
            return bad_pred("level", "<training> needs a level 1-5%s", "");
        break;
    case SC__P_VET:
        if (!p->rank || (strcmp(p->rank, "conscript") && strcmp(p->rank, "nco")))
            return bad_pred("rank", "veteran rank '%.40s' is neither conscript nor nco",
                            p->rank ? p->rank : "");
        break;
    case SC__P_APPR:
        break;
    default:
        return bad_pred(NULL, "<%.40s> is not a predicate", p->kind ? p->kind : "?");
    }
    if (p->level && (p->level < SC_LEVEL_MIN || p->level > SC_LEVEL_MAX))
        return bad_pred("level", "level is outside 1-5%s", "");
    return SC_OK;
}

static const char SQL_INS_PRED[] =
    "INSERT INTO elig_predicate(condition_id, seq, kind, years, held_years, level, kinds, "
    "related, evaluated, final_year, scope, result, min_age, max_age, rank) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

static void bind_int_or_null(sqlite3_stmt *st, int i, int v)
{
    if (v)
        sqlite3_bind_int(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

int sc__elig_add_predicate(sc_db *db, sqlite3_int64 condition, int seq, const sc__pred_spec *p)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__elig_check_predicate(p)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_INS_PRED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, condition);
    sqlite3_bind_int(st, 2, seq);
    sc__bind_text(st, 3, p->kind);
    bind_int_or_null(st, 4, p->years);
    bind_int_or_null(st, 5, p->held_years);
    bind_int_or_null(st, 6, p->level);
    sc__bind_text(st, 7, p->kinds);
    sqlite3_bind_int(st, 8, p->related);
    sqlite3_bind_int(st, 9, p->evaluated);
    sqlite3_bind_int(st, 10, p->final_year);
    sc__bind_text(st, 11, p->scope);
    sc__bind_text(st, 12, p->result);
    bind_int_or_null(st, 13, p->min_age);
    bind_int_or_null(st, 14, p->max_age);
    sc__bind_text(st, 15, p->rank);
    return sc__db_exec_stmt(db, st, "adding a predicate");
}

/* ---- the compiled form ----------------------------------------------------------- */

typedef struct {
    unsigned char kind;
    unsigned char level;       /* certificate / training level; 0: any */
    unsigned char related, evaluated, final_year;
    unsigned char scope;       /* competition: lowest scope */
    unsigned char award;       /* competition: an award is needed (else entry suffices) */
    unsigned char nco;         /* veteran: an NCO is needed (else a conscript suffices) */
    unsigned short years, held_years, min_age, max_age;
    unsigned int kinds;        /* certificate or education kinds, as 1 << kind */
} sc__pred;

typedef struct {
    sc__pred preds[SC__MAX_PREDS];
    int npreds;
    int level;
    char *work_type;           /* NULL: every work type */
    char *id, *clause, *confidence;
} sc__cond;

typedef struct {
    int level;
    const char *work_type;
    size_t first, n;
} sc__group;

typedef struct {
    sc__occ occ;               /* 0: the template */
    char *code;                /* NULL: the template */
    char *name, *standard, *effective;
    char **related;
    size_t nrelated;
    sc__occ *rel;              /* the occupation, its aliases, related ones and theirs */
    size_t nrel;
    sc__cond *conds;
    size_t nconds;
    sc__group *groups;
    size_t ngroups;
} sc__scope;

typedef struct {
    sc__occ alias, code;
} sc__alias;

struct sc_ruleset {
    char date[11];
    sc__scope *scopes;         /* sorted by occ; the template (0) first */
    size_t nscopes;
    const sc__scope *tmpl;
    sc__alias *aliases;
    size_t naliases;
};

static void scope_clear(sc__scope *s)
{
    size_t i;
    free(s->code);
    free(s->name);
    free(s->standard);
    free(s->effective);
    for (i = 0; i < s->nrelated; i++)
        free(s->related[i]);
    free(s->related);
    free(s->rel);
    for (i = 0; i < s->nconds; i++) {
        free(s->conds[i].work_type);
        free(s->conds[i].id);
        free(s->conds[i].clause);
        free(s->conds[i].confidence);
    }
    free(s->conds);
    free(s->groups);
}

void sc_ruleset_free(sc_ruleset *rs)
{
    size_t i;
    if (!rs)
        return;
    for (i = 0; i < rs->nscopes; i++)
        scope_clear(&rs->scopes[i]);
    free(rs->scopes);
    free(rs->aliases);
    free(rs);
}

static int rs_nomem(void)
{
    return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory compiling eligibility rules");
}

static int corrupt(sc_db *db, const char *what)
{
    return sc__error_set(SC_EDB, SC_DOMAIN_DB, "'%s': stored eligibility rules are corrupt (%s)",
                         db->path, what);
}

static char *dup_col(sqlite3_stmt *st, int i, int *bad)
{
    const char *s = sc__col_text(st, i);
    char *d;
    if (!s)
        return NULL;
    if (!(d = sc__strdup(s)))
        *bad = 1;
    return d;
}

static const char SQL_RS_IN_FORCE[] =
    "SELECT id, name, scope, standard, effective FROM elig_ruleset r "
    "WHERE effective <= ?1 AND (withdrawn IS NULL OR withdrawn > ?1) "
    "AND NOT EXISTS (SELECT 1 FROM elig_ruleset n WHERE n.scope = r.scope "
    "AND n.effective <= ?1 AND n.effective > r.effective) "
    "ORDER BY scope";
static const char SQL_RS_RELATED[] =
    "SELECT occupation FROM elig_related WHERE ruleset_id = ?1 ORDER BY rowid";
static const char SQL_RS_CONDS[] =
    "SELECT id, level, work_type, cond_id, clause, confidence FROM elig_condition "
    "WHERE ruleset_id = ?1 ORDER BY seq";
static const char SQL_RS_PREDS[] =
    "SELECT kind, years, held_years, level, kinds, related, evaluated, final_year, scope, "
    "result, min_age, max_age, rank FROM elig_predicate WHERE condition_id = ?1 ORDER BY seq";
static const char SQL_RS_ALIASES[] =
    "SELECT a.alias, o.code FROM occupation_alias a JOIN occupation o ON o.id = a.occupation_id";

static int load_preds(sc_db *db, sc__cond *c, sqlite3_int64 cond_id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_RS_PREDS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, cond_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc__pred_spec sp;
        sc__pred *p;
        long mask = 0;
        memset(&sp, 0, sizeof sp);
        sp.kind = sc__col_text(st, 0);
        sp.years = sqlite3_column_int(st, 1);
        sp.held_years = sqlite3_column_int(st, 2);
        sp.level = sqlite3_column_int(st, 3);
        sp.kinds = sc__col_text(st, 4);
        sp.related = sqlite3_column_int(st, 5);
        sp.evaluated = sqlite3_column_int(st, 6);
        sp.final_year = sqlite3_column_int(st, 7);
        sp.scope = sc__col_text(st, 8);
        sp.result = sc__col_text(st, 9);
        sp.min_age = sqlite3_column_int(st, 10);
        sp.max_age = sqlite3_column_int(st, 11);
        sp.rank = sc__col_text(st, 12);
        if (c->npreds >= SC__MAX_PREDS || sc__elig_check_predicate(&sp) != SC_OK) {
            sqlite3_reset(st);
            return corrupt(db, "a predicate");
        }
        p = &c->preds[c->npreds++];
        memset(p, 0, sizeof(*p));
        p->kind = (unsigned char)pred_kind(sp.kind);
        p->level = (unsigned char)sp.level;
        p->related = (unsigned char)(sp.related != 0);
        p->evaluated = (unsigned char)(sp.evaluated != 0);
        p->final_year = (unsigned char)(sp.final_year != 0);
        p->years = (unsigned short)sp.years;
        p->held_years = (unsigned short)sp.held_years;
        p->min_age = (unsigned short)sp.min_age;
        p->max_age = (unsigned short)sp.max_age;
        if (p->kind == SC__P_CERT)
            mask = sp.kinds ? token_mask(sp.kinds, sc_cert_kind_name, 3) : CERT_DEFAULT_MASK;
        else if (p->kind == SC__P_EDU)
            mask = token_mask(sp.kinds, sc_education_kind_name, 7);
        p->kinds = (unsigned int)mask;
        if (p->kind == SC__P_COMP) {
            int scope = 0;
            sc_scope_parse(&scope, sp.scope);
            p->scope = (unsigned char)scope;
            p->award = (unsigned char)!strcmp(sp.result, "award");
        }
        if (p->kind == SC__P_VET)
            p->nco = (unsigned char)!strcmp(sp.rank, "nco");
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading eligibility rules");
    if (c->npreds == 0)
        return corrupt(db, "a condition without predicates");
    return SC_OK;
}

static int load_conds(sc_db *db, sc__scope *s, sqlite3_int64 rs_id)
{
    sqlite3_stmt *st;
    size_t cap = 0, i;
    int rc, bad = 0;
    /* Condition rows first (the predicate query reuses no statement of ours). */
    sqlite3_int64 *ids = NULL;
    if ((rc = sc__db_stmt_get(db, SQL_RS_CONDS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, rs_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc__cond *c;
        const char *wt;
        if (s->nconds == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            sc__cond *n = sc__realloc(s->conds, ncap * sizeof(*n));
            sqlite3_int64 *m;
            if (n)
                s->conds = n;
            m = n ? sc__realloc(ids, ncap * sizeof(*m)) : NULL;
            if (!m) {
                sqlite3_reset(st);
                free(ids);
                return rs_nomem();
            }
            ids = m;
            cap = ncap;
        }
        c = &s->conds[s->nconds];
        memset(c, 0, sizeof(*c));
        ids[s->nconds] = sqlite3_column_int64(st, 0);
        c->level = sqlite3_column_int(st, 1);
        wt = sc__col_text(st, 2);
        c->work_type = wt && *wt ? dup_col(st, 2, &bad) : NULL;
        c->id = dup_col(st, 3, &bad);
        c->clause = dup_col(st, 4, &bad);
        c->confidence = dup_col(st, 5, &bad);
        s->nconds++;
        if (bad || !c->id || !c->clause) {
            sqlite3_reset(st);
            free(ids);
            return bad ? rs_nomem() : corrupt(db, "a condition");
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(ids);
        return sc__db_fail(db, rc, "reading eligibility rules");
    }
    for (i = 0; i < s->nconds; i++) {
        if ((rc = load_preds(db, &s->conds[i], ids[i])) != SC_OK) {
            free(ids);
            return rc;
        }
    }
    free(ids);

    /* Groups: runs of one (level, work type), in document order. */
    if (s->nconds) {
        if (!(s->groups = sc__calloc(s->nconds, sizeof(*s->groups))))
            return rs_nomem();
        for (i = 0; i < s->nconds; i++) {
            const sc__cond *c = &s->conds[i];
            sc__group *g = s->ngroups ? &s->groups[s->ngroups - 1] : NULL;
            int same = g && g->level == c->level &&
                       (g->work_type == NULL ? c->work_type == NULL
                                             : c->work_type && !strcmp(g->work_type, c->work_type));
            if (!same) {
                g = &s->groups[s->ngroups++];
                g->level = c->level;
                g->work_type = c->work_type;
                g->first = i;
                g->n = 0;
            }
            if (g->n >= SC__MAX_CONDS)
                return corrupt(db, "more than 16 conditions for one level");
            g->n++;
        }
    }
    return SC_OK;
}

static int add_rel(sc__scope *s, sc__occ occ, size_t *cap)
{
    size_t i;
    for (i = 0; i < s->nrel; i++)
        if (s->rel[i] == occ)
            return SC_OK;
    if (s->nrel == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        sc__occ *n = sc__realloc(s->rel, ncap * sizeof(*n));
        if (!n)
            return rs_nomem();
        s->rel = n;
        *cap = ncap;
    }
    s->rel[s->nrel++] = occ;
    return SC_OK;
}

/* The occupation and every alias of it (both directions of the alias table). */
static int add_with_aliases(const sc_ruleset *rs, sc__scope *s, sc__occ occ, size_t *cap)
{
    size_t i;
    int rc;
    if ((rc = add_rel(s, occ, cap)) != SC_OK)
        return rc;
    for (i = 0; i < rs->naliases; i++) {
        if (rs->aliases[i].code == occ && (rc = add_rel(s, rs->aliases[i].alias, cap)) != SC_OK)
            return rc;
        if (rs->aliases[i].alias == occ && (rc = add_rel(s, rs->aliases[i].code, cap)) != SC_OK)
            return rc;
    }
    return SC_OK;
}

static int load_related(sc_db *db, const sc_ruleset *rs, sc__scope *s, sqlite3_int64 rs_id)
{
    sqlite3_stmt *st;
    size_t cap = 0, relcap = 0, i;
    int rc, bad = 0;
    if ((rc = sc__db_stmt_get(db, SQL_RS_RELATED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, rs_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (s->nrelated == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            char **n = sc__realloc(s->related, ncap * sizeof(*n));
            if (!n) {
                sqlite3_reset(st);
                return rs_nomem();
            }
            s->related = n;
            cap = ncap;
        }
        s->related[s->nrelated] = dup_col(st, 0, &bad);
        if (!s->related[s->nrelated]) {
            sqlite3_reset(st);
            return bad ? rs_nomem() : corrupt(db, "a related occupation");
        }
        s->nrelated++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading eligibility rules");
    if (s->occ && (rc = add_with_aliases(rs, s, s->occ, &relcap)) != SC_OK)
        return rc;
    for (i = 0; i < s->nrelated; i++) {
        sc__occ o = sc__occ_pack(s->related[i]);
        if (!o)
            return corrupt(db, "a related occupation code");
        if ((rc = add_with_aliases(rs, s, o, &relcap)) != SC_OK)
            return rc;
    }
    return SC_OK;
}

static int load_aliases(sc_db *db, sc_ruleset *rs)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_RS_ALIASES, &st)) != SC_OK)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc__occ a = sc__occ_pack(sc__col_text(st, 0)), c = sc__occ_pack(sc__col_text(st, 1));
        if (!a || !c)
            continue;
        if (rs->naliases == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            sc__alias *n = sc__realloc(rs->aliases, ncap * sizeof(*n));
            if (!n) {
                sqlite3_reset(st);
                return rs_nomem();
            }
            rs->aliases = n;
            cap = ncap;
        }
        rs->aliases[rs->naliases].alias = a;
        rs->aliases[rs->naliases].code = c;
        rs->naliases++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading occupation aliases");
    return SC_OK;
}

int sc_ruleset_load(sc_ruleset **out, sc_db *db, const char *date)
{
    sc_ruleset *rs;
    sqlite3_stmt *st;
    sqlite3_int64 *ids = NULL;
    size_t cap = 0, i;
    char today[11];
    int rc, bad = 0;

    if (!out)
        return sc__error_null("sc_ruleset_load", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_ruleset_load", 0)) != SC_OK)
        return rc;
    if (date && (rc = sc__check_date(date, "date")) != SC_OK)
        return rc;
    date = sc__date_or_today(date, today);
    if (!(rs = sc__calloc(1, sizeof(*rs))))
        return rs_nomem();
    snprintf(rs->date, sizeof rs->date, "%s", date);
    if ((rc = load_aliases(db, rs)) != SC_OK)
        goto fail;

    if ((rc = sc__db_stmt_get(db, SQL_RS_IN_FORCE, &st)) != SC_OK)
        goto fail;
    sc__bind_text(st, 1, date);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc__scope *s;
        const char *scope = sc__col_text(st, 2);
        if (rs->nscopes == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            sc__scope *n = sc__realloc(rs->scopes, ncap * sizeof(*n));
            sqlite3_int64 *m;
            if (n)
                rs->scopes = n;
            m = n ? sc__realloc(ids, ncap * sizeof(*m)) : NULL;
            if (!m) {
                sqlite3_reset(st);
                rc = rs_nomem();
                goto fail;
            }
            ids = m;
            cap = ncap;
        }
        s = &rs->scopes[rs->nscopes++];
        memset(s, 0, sizeof(*s));
        ids[rs->nscopes - 1] = sqlite3_column_int64(st, 0);
        s->name = dup_col(st, 1, &bad);
        if (scope && *scope) {
            s->code = dup_col(st, 2, &bad);
            s->occ = sc__occ_pack(scope);
        }
        s->standard = dup_col(st, 3, &bad);
        s->effective = dup_col(st, 4, &bad);
        if (bad) {
            sqlite3_reset(st);
            rc = rs_nomem();
            goto fail;
        }
        if (!s->name || !s->standard || !s->effective || (scope && *scope && !s->occ)) {
            sqlite3_reset(st);
            rc = corrupt(db, "a rule set");
            goto fail;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        rc = sc__db_fail(db, rc, "reading eligibility rules");
        goto fail;
    }
    for (i = 0; i < rs->nscopes; i++) {
        if ((rc = load_related(db, rs, &rs->scopes[i], ids[i])) != SC_OK ||
            (rc = load_conds(db, &rs->scopes[i], ids[i])) != SC_OK)
            goto fail;
    }
    /* Sorted by scope text: the template ('') first, then codes, which sort as
     * their packed values do. */
    if (rs->nscopes && rs->scopes[0].occ == 0)
        rs->tmpl = &rs->scopes[0];
    free(ids);
    *out = rs;
    return SC_OK;
fail:
    free(ids);
    sc_ruleset_free(rs);
    return rc;
}

/* ---- introspection ------------------------------------------------------------------ */

#define SCOPE(rs, i) ((rs) && (i) < (rs)->nscopes)
#define COND(rs, i, j) (SCOPE(rs, i) && (j) < (rs)->scopes[i].nconds)

const char *sc_ruleset_date(const sc_ruleset *rs) { return rs ? rs->date : NULL; }
size_t sc_ruleset_count(const sc_ruleset *rs) { return rs ? rs->nscopes : 0; }
const char *sc_ruleset_name(const sc_ruleset *rs, size_t i)
{
    return SCOPE(rs, i) ? rs->scopes[i].name : NULL;
}
const char *sc_ruleset_occupation(const sc_ruleset *rs, size_t i)
{
    return SCOPE(rs, i) ? rs->scopes[i].code : NULL;
}
const char *sc_ruleset_standard(const sc_ruleset *rs, size_t i)
{
    return SCOPE(rs, i) ? rs->scopes[i].standard : NULL;
}
const char *sc_ruleset_effective(const sc_ruleset *rs, size_t i)
{
    return SCOPE(rs, i) ? rs->scopes[i].effective : NULL;
}
size_t sc_ruleset_related_count(const sc_ruleset *rs, size_t i)
{
    return SCOPE(rs, i) ? rs->scopes[i].nrelated : 0;
}
const char *sc_ruleset_related(const sc_ruleset *rs, size_t i, size_t j)
{
    return SCOPE(rs, i) && j < rs->scopes[i].nrelated ? rs->scopes[i].related[j] : NULL;
}
size_t sc_ruleset_condition_count(const sc_ruleset *rs, size_t i)
{
    return SCOPE(rs, i) ? rs->scopes[i].nconds : 0;
}
int sc_ruleset_condition_level(const sc_ruleset *rs, size_t i, size_t j)
{
    return COND(rs, i, j) ? rs->scopes[i].conds[j].level : 0;
}
const char *sc_ruleset_condition_work_type(const sc_ruleset *rs, size_t i, size_t j)
{
    return COND(rs, i, j) ? rs->scopes[i].conds[j].work_type : NULL;
}
const char *sc_ruleset_condition_id(const sc_ruleset *rs, size_t i, size_t j)
{
    return COND(rs, i, j) ? rs->scopes[i].conds[j].id : NULL;
}
const char *sc_ruleset_condition_clause(const sc_ruleset *rs, size_t i, size_t j)
{
    return COND(rs, i, j) ? rs->scopes[i].conds[j].clause : NULL;
}
const char *sc_ruleset_condition_confidence(const sc_ruleset *rs, size_t i, size_t j)
{
    return COND(rs, i, j) ? rs->scopes[i].conds[j].confidence : NULL;
}

/* ---- deciding ------------------------------------------------------------------------ */

/* What one predicate found, as numbers (sentences are written on demand). */
typedef struct {
    sc__day anchor;     /* work: first day; certificate: its issue day; age: birth */
    int32_t days;       /* days worked (since the anchor); age: whole years */
    int32_t extra;      /* education: -1 when only a final-year student's record would do
                         * (a match keeps its kind in anchor and its flags in days) */
    unsigned char ok, none;
} sc__pres;

typedef struct {
    const sc__cond *cond;
    int met;
    sc__pres pres[SC__MAX_PREDS];
} sc__cres;

#define SC__MSG 1024

typedef struct {
    unsigned int valid;                 /* bit i: cond[i] written; bit 31: summary */
    char summary[SC__MSG];
    char cond[SC__MAX_CONDS][SC__MSG];
} sc__dtext;

struct sc_decision {
    int eligible, reason, level, path;
    int matched;                        /* index in conds, or -1 */
    int evidence;                       /* special paths: evidence items found */
    const sc__scope *rules;             /* the rule set the conditions came from */
    size_t ncond;
    sc__day as_of;
    char occupation[16];
    sc__cres conds[SC__MAX_CONDS];
    sc__dtext *text;                    /* written lazily; owned */
    sc_ruleset *owned;                  /* sc_eligibility_check(): the rules it loaded */
};

int sc_decision_new(sc_decision **out)
{
    sc_decision *d;
    if (!out)
        return sc__error_null("sc_decision_new", "out");
    *out = NULL;
    if (!(d = sc__calloc(1, sizeof(*d))))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory making a decision");
    if (!(d->text = sc__calloc(1, sizeof(*d->text)))) {
        free(d);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory making a decision");
    }
    d->matched = -1;
    *out = d;
    return SC_OK;
}

void sc_decision_free(sc_decision *d)
{
    if (!d)
        return;
    sc_ruleset_free(d->owned);
    free(d->text);
    free(d);
}

typedef struct {
    const sc_candidate *c;
    sc__day as_of;
    const sc__occ *rel;
    size_t nrel;
    int level;
} eval_ctx;

static inline int in_rel(const eval_ctx *x, sc__occ occ)
{
    size_t i;
    for (i = 0; i < x->nrel; i++)
        if (x->rel[i] == occ)
            return 1;
    return 0;
}

/* Days worked in this or a related occupation within [lo, hi), each day once.
 * *first: the first such day. Periods are sorted by their first day. */
static int32_t worked(const eval_ctx *x, sc__day lo, sc__day hi, sc__day *first)
{
    const sc__work *w = x->c->work;
    size_t i, n = x->c->n_work;
    int32_t total = 0;
    sc__day cs = 0, ce = 0;
    int have = 0;
    for (i = 0; i < n; i++) {
        sc__day s, e;
        if (!in_rel(x, w[i].occ))
            continue;
        s = w[i].from > lo ? w[i].from : lo;
        e = w[i].to_excl < hi ? w[i].to_excl : hi;
        if (s >= e)
            continue;
        if (!have) {
            cs = s;
            ce = e;
            have = 1;
            if (first)
                *first = s;
        } else if (s <= ce) {
            if (e > ce)
                ce = e;
        } else {
            total += ce - cs;
            cs = s;
            ce = e;
        }
    }
    if (have)
        total += ce - cs;
    return total;
}

/* Are `years` complete for `days` laid end to end from `anchor`? */
static inline int years_done(sc__day anchor, int32_t days, int years)
{
    return days > 0 && anchor + days >= sc__add_months(anchor, 12 * years);
}

static int eval_pred(const eval_ctx *x, const sc__pred *p, sc__pres *r)
{
    const sc_candidate *c = x->c;
    size_t i;
    memset(r, 0, sizeof(*r));
    switch (p->kind) {
    case SC__P_WORK:
        r->days = worked(x, INT32_MIN, x->as_of, &r->anchor);
        r->ok = (unsigned char)years_done(r->anchor, r->days, p->years);
        break;
    case SC__P_CERT: {
        int found = 0;
        int32_t best_margin = INT32_MIN;
        for (i = 0; i < c->n_cert; i++) {
            const sc__cert *k = &c->cert[i];
            int ok = 1;
            int32_t days = 0, margin = 0;
            if (!(p->kinds & (1u << k->kind)) || (p->level && k->level != p->level) ||
                k->issued > x->as_of || !in_rel(x, k->occ))
                continue;
            if (p->years) {
                days = worked(x, k->issued, x->as_of, NULL);
                margin = (k->issued + days) - sc__add_months(k->issued, 12 * p->years);
                ok = days > 0 && margin >= 0;
            }
            if (p->held_years) {
                int32_t m = x->as_of - sc__add_months(k->issued, 12 * p->held_years);
                if (!p->years) {
                    days = x->as_of - k->issued;
                    margin = m;
                }
                ok = ok && m >= 0;
            }
            if (!found || (ok && !r->ok) || (ok == r->ok && margin > best_margin)) {
                r->anchor = k->issued;
                r->days = days;
                r->ok = (unsigned char)ok;
                best_margin = margin;
            }
            found = 1;
        }
        r->none = (unsigned char)!found;
        break;
    }
    case SC__P_EDU:
        for (i = 0; i < c->n_edu; i++) {
            const sc__edu *e = &c->edu[i];
            int final_year = (e->flags & SC_EDUCATION_FINAL_YEAR) != 0;
            if (!(p->kinds & (1u << e->kind)) ||
                (p->related && !(e->flags & SC_EDUCATION_RELATED)) ||
                (p->evaluated && !(e->flags & SC_EDUCATION_EVALUATED)))
                continue;
            if (final_year ? p->final_year : e->graduated <= x->as_of) {
                r->ok = 1;
                r->anchor = e->kind;
                r->days = (int32_t)e->flags;
                break;
            }
            if (final_year)
                r->extra = -1;
        }
        r->none = !r->ok;
        break;
    case SC__P_APPR:
        r->ok = (unsigned char)(c->appr_occ && c->appr_date <= x->as_of &&
                                in_rel(x, c->appr_occ));
        r->anchor = c->appr_date;
        r->none = !r->ok;
        break;
    case SC__P_AGE:
        r->anchor = c->birth;
        r->days = sc__months_between(c->birth, x->as_of, NULL) / 12;
        r->ok = (unsigned char)(r->days >= p->min_age && (!p->max_age || r->days <= p->max_age));
        break;
    case SC__P_COMP:
    case SC__P_TRAIN:
    case SC__P_VET:
        for (i = 0; i < c->n_ev && !r->ok; i++) {
            const sc__evidence *e = &c->ev[i];
            int ok;
            if (e->date > x->as_of || !in_rel(x, e->occ))
                continue;
            if (p->kind == SC__P_COMP)
                ok = (e->kind == SC_EVIDENCE_COMPETITION_AWARD ||
                      (!p->award && e->kind == SC_EVIDENCE_COMPETITION_ENTRY)) &&
                     e->grade >= p->scope;
            else if (p->kind == SC__P_TRAIN)
                ok = e->kind == SC_EVIDENCE_TRAINING && e->grade == p->level;
            else
                ok = e->kind == SC_EVIDENCE_VETERAN_NCO ||
                     (!p->nco && e->kind == SC_EVIDENCE_VETERAN_CONSCRIPT);
            if (ok) {
                r->ok = 1;
                r->anchor = e->date;
            }
        }
        r->none = !r->ok;
        break;
    default:
        break;
    }
    return r->ok;
}

static const sc__scope *find_scope(const sc_ruleset *rs, sc__occ occ)
{
    size_t lo = 0, hi = rs->nscopes;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (rs->scopes[mid].occ < occ)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < rs->nscopes && rs->scopes[lo].occ == occ ? &rs->scopes[lo] : NULL;
}

/* The group for a work type, else the undivided one. */
static const sc__group *find_group(const sc__scope *s, const char *work_type, int level)
{
    const sc__group *undivided = NULL;
    size_t i;
    if (!s)
        return NULL;
    for (i = 0; i < s->ngroups; i++) {
        const sc__group *g = &s->groups[i];
        if (g->level != level)
            continue;
        if (!g->work_type)
            undivided = g;
        else if (work_type && !strcmp(g->work_type, work_type))
            return g;
    }
    return undivided;
}

/* Evidence for a special path recorded by as_of. Evidence naming an
 * occupation must name this or a related one. */
static int count_evidence(const eval_ctx *x, int path)
{
    size_t i;
    int n = 0;
    for (i = 0; i < x->c->n_ev; i++) {
        const sc__evidence *e = &x->c->ev[i];
        int fits = path == SC_PATH_DIRECT
                       ? e->kind == SC_EVIDENCE_CONTRIBUTION
                       : (e->kind == SC_EVIDENCE_ACHIEVEMENT || e->kind == SC_EVIDENCE_MAJOR_PROJECT ||
                          e->kind == SC_EVIDENCE_MAJOR_EVENT);
        if (fits && e->date <= x->as_of && (!e->occ || in_rel(x, e->occ)))
            n++;
    }
    return n;
}

int sc_eligibility_decide(sc_decision *out, const sc_ruleset *rs, const sc_candidate *c,
                          const char *occupation, const char *work_type, int level, int path,
                          unsigned int confirmed, const char *as_of)
{
    eval_ctx x;
    sc__occ occ, rel_local[16];
    const sc__scope *scope;
    const sc__group *g;
    char norm[16], today[11];
    size_t i, k;
    int rc;

    if (!out)
        return sc__error_null("sc_eligibility_decide", "out");
    if (!rs)
        return sc__error_null("sc_eligibility_decide", "rs");
    if (!c)
        return sc__error_null("sc_eligibility_decide", "c");
    if ((rc = sc__occ_parse(occupation, &occ, norm)) != SC_OK)
        return rc;
    if (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "level %d is outside 1-5", level);
        sc__error_set_field("level");
        return SC_EINVAL;
    }
    if (path < SC_PATH_NORMAL || path > SC_PATH_DIRECT) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown path %d", path);
        sc__error_set_field("path");
        return SC_EINVAL;
    }
    if (confirmed & ~(SC_CONFIRMED_EXCEPTIONAL | SC_CONFIRMED_DIRECT)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown confirmation flags 0x%x", confirmed);
        sc__error_set_field("confirmed");
        return SC_EINVAL;
    }
    if (as_of && (rc = sc__check_date(as_of, "as_of")) != SC_OK)
        return rc;
    as_of = sc__date_or_today(as_of, today);
    if (work_type && !*work_type)
        work_type = NULL;

    if (out->owned && out->owned != rs) {
        sc_ruleset_free(out->owned);
    }
    if (out->owned != rs)
        out->owned = NULL;
    out->eligible = 0;
    out->reason = SC_REASON_NONE;
    out->level = level;
    out->path = path;
    out->matched = -1;
    out->evidence = 0;
    out->rules = NULL;
    out->ncond = 0;
    out->as_of = sc__day_parse(as_of);
    memcpy(out->occupation, norm, sizeof out->occupation);
    out->text->valid = 0;

    /* An alias stands for its occupation. */
    for (i = 0; i < rs->naliases; i++) {
        if (rs->aliases[i].alias == occ) {
            occ = rs->aliases[i].code;
            break;
        }
    }
    scope = find_scope(rs, occ);
    x.c = c;
    x.as_of = out->as_of;
    x.level = level;
    if (scope) {
        x.rel = scope->rel;
        x.nrel = scope->nrel;
    } else {
        /* No rules of its own: the occupation and its aliases. */
        k = 0;
        rel_local[k++] = occ;
        for (i = 0; i < rs->naliases && k < sizeof rel_local / sizeof rel_local[0]; i++)
            if (rs->aliases[i].code == occ)
                rel_local[k++] = rs->aliases[i].alias;
        x.rel = rel_local;
        x.nrel = k;
    }

    if (path != SC_PATH_NORMAL) {
        int top = path == SC_PATH_EXCEPTIONAL ? 3 : 2;
        unsigned int need = path == SC_PATH_EXCEPTIONAL ? SC_CONFIRMED_EXCEPTIONAL
                                                        : SC_CONFIRMED_DIRECT;
        if (level > top)
            out->reason = SC_REASON_SPECIAL_PATH_LEVEL;
        else if (!(confirmed & need))
            out->reason = SC_REASON_SPECIAL_PATH_NOT_CONFIRMED;
        else if ((out->evidence = count_evidence(&x, path)) == 0)
            out->reason = SC_REASON_SPECIAL_PATH_NO_EVIDENCE;
        else
            out->eligible = 1;
        return SC_OK;
    }

    g = find_group(scope, work_type, level);
    if (g) {
        out->rules = scope;
    } else if ((g = find_group(rs->tmpl, work_type, level)) != NULL) {
        out->rules = rs->tmpl;
    } else {
        out->reason = SC_REASON_NO_RULES;
        return SC_OK;
    }
    for (i = 0; i < g->n; i++) {
        const sc__cond *cond = &out->rules->conds[g->first + i];
        sc__cres *cr = &out->conds[i];
        int met = 1, j;
        cr->cond = cond;
        for (j = 0; j < cond->npreds; j++)
            met &= eval_pred(&x, &cond->preds[j], &cr->pres[j]);
        cr->met = met;
        if (met && out->matched < 0)
            out->matched = (int)i;
    }
    out->ncond = g->n;
    out->eligible = out->matched >= 0;
    out->reason = out->eligible ? SC_REASON_NONE : SC_REASON_CONDITIONS_NOT_MET;
    return SC_OK;
}

/* ---- words --------------------------------------------------------------------------- */

#define NOTICE_CLAUSE "京人社能发〔2022〕8号 二(二)"

static void put(sc__buf *b, const char *s) { sc__buf_puts(b, s); }

static const char *plural(int n) { return n == 1 ? "" : "s"; }

static void put_level(sc__buf *b, int level)
{
    sc__buf_printf(b, "level-%d (%s)", level, sc_level_name_zh(level));
}

/* "3 years 11 months", or "none". */
static void put_span(sc__buf *b, sc__day anchor, int32_t days)
{
    int months;
    if (days <= 0) {
        put(b, "none");
        return;
    }
    months = sc__months_between(anchor, anchor + days, NULL);
    sc__buf_printf(b, "%d year%s %d month%s", months / 12, plural(months / 12), months % 12,
                   plural(months % 12));
}

static void put_date(sc__buf *b, sc__day day)
{
    char d[11];
    sc__day_format(day, d);
    put(b, d);
}

/* "a technical school (技工学校)" */
static void put_edu_kind(sc__buf *b, int kind)
{
    static const char *const en[] = { "?",
                                      "a technical school",
                                      "a senior technical school",
                                      "a technician college",
                                      "a secondary vocational school",
                                      "a higher vocational school",
                                      "a junior college",
                                      "a university (bachelor or above)" };
    sc__buf_printf(b, "%s (%s)", en[kind >= 1 && kind <= 7 ? kind : 0],
                   sc_education_kind_name_zh(kind) ? sc_education_kind_name_zh(kind) : "?");
}

static void put_edu_kinds(sc__buf *b, unsigned int kinds)
{
    int k, first = 1;
    for (k = 1; k <= 7; k++) {
        if (!(kinds & (1u << k)))
            continue;
        if (!first)
            put(b, " or ");
        first = 0;
        put_edu_kind(b, k);
    }
}

static void put_cert_noun(sc__buf *b, const sc__pred *p)
{
    if (p->kinds == (1u << SC_CERT_KIND_PRE_TECHNICIAN)) {
        put(b, "pre-technician (预备技师) certificate");
        return;
    }
    if (p->level)
        put_level(b, p->level);
    else
        put(b, "skill");
    put(b, " certificate");
}

/* What the predicate asks for, as a noun phrase after "needs". */
static void put_need(sc__buf *b, const sc__pred *p)
{
    switch (p->kind) {
    case SC__P_WORK:
        sc__buf_printf(b, "%d year%s of work in this or a related occupation", p->years,
                       plural(p->years));
        break;
    case SC__P_CERT:
        put(b, "a ");
        put_cert_noun(b, p);
        put(b, " of this or a related occupation");
        if (p->years)
            sc__buf_printf(b, " and %d year%s of work since it", p->years, plural(p->years));
        if (p->held_years)
            sc__buf_printf(b, ", held for %d year%s", p->held_years, plural(p->held_years));
        break;
    case SC__P_EDU:
        put(b, "a diploma from ");
        put_edu_kinds(b, p->kinds);
        if (p->related)
            put(b, " in this or a related major");
        if (p->evaluated)
            put(b, ", in a programme evaluated as training for the level (经评估论证)");
        if (p->final_year)
            put(b, " (final-year students accepted)");
        break;
    case SC__P_APPR:
        put(b, "a completed apprenticeship (学徒期满) in this or a related occupation");
        break;
    case SC__P_AGE:
        if (p->min_age && p->max_age)
            sc__buf_printf(b, "an age of %d to %d", p->min_age, p->max_age);
        else if (p->min_age)
            sc__buf_printf(b, "an age of at least %d", p->min_age);
        else
            sc__buf_printf(b, "an age of at most %d", p->max_age);
        break;
    case SC__P_COMP:
        sc__buf_printf(b, "%s at a %s or higher competition or event in this or a related "
                          "occupation",
                       p->award ? "an award" : "qualification to take part",
                       sc_scope_name(p->scope));
        break;
    case SC__P_TRAIN:
        put(b, "a completion certificate (结业证书) of formal ");
        put_level(b, p->level);
        put(b, " training in this or a related occupation");
        break;
    case SC__P_VET:
        put(b, p->nco ? "service as an NCO (士官), now retired, related to this occupation"
                      : "service as a conscript or NCO (义务兵/士官), now retired, related to this "
                        "occupation");
        break;
    default:
        put(b, "?");
    }
}

/* One predicate's finding. */
static void put_finding(sc__buf *b, const sc__pred *p, const sc__pres *r)
{
    switch (p->kind) {
    case SC__P_WORK:
        if (r->ok) {
            put(b, "has ");
            put_span(b, r->anchor, r->days);
            sc__buf_printf(b, " of work in this or a related occupation (needs %d year%s)",
                           p->years, plural(p->years));
        } else {
            put(b, "needs ");
            put_need(b, p);
            put(b, "; has ");
            put_span(b, r->anchor, r->days);
        }
        return;
    case SC__P_CERT:
        if (r->none) {
            put(b, "needs a ");
            put_cert_noun(b, p);
            put(b, " of this or a related occupation; has none");
            return;
        }
        if (!p->years && !p->held_years) {
            put(b, "holds a ");
            put_cert_noun(b, p);
            put(b, " (");
            put_date(b, r->anchor);
            put(b, ")");
            return;
        }
        if (r->ok) {
            put(b, "has ");
            put_span(b, r->anchor, r->days);
            put(b, p->years ? " of work since the " : " since the ");
            put_cert_noun(b, p);
            put(b, " (");
            put_date(b, r->anchor);
            sc__buf_printf(b, ") (needs %d year%s)", p->years ? p->years : p->held_years,
                           plural(p->years ? p->years : p->held_years));
        } else {
            int n = p->years ? p->years : p->held_years;
            sc__buf_printf(b, "needs %d year%s %s the ", n, plural(n),
                           p->years ? "of work since" : "since");
            put_cert_noun(b, p);
            put(b, " (");
            put_date(b, r->anchor);
            put(b, "); has ");
            put_span(b, r->anchor, r->days);
        }
        return;
    case SC__P_EDU:
        if (r->ok) {
            put(b, ((unsigned)r->days & SC_EDUCATION_FINAL_YEAR) ? "is a final-year student at "
                                                                  : "has a diploma from ");
            put_edu_kind(b, (int)r->anchor);
            if ((unsigned)r->days & SC_EDUCATION_RELATED)
                put(b, " in this or a related major");
            return;
        }
        put(b, "needs ");
        put_need(b, p);
        put(b, r->extra < 0 ? "; a final-year student's record does not count here"
                            : "; has none");
        return;
    case SC__P_AGE:
        if (r->ok) {
            sc__buf_printf(b, "is %d", (int)r->days);
        } else {
            put(b, "needs ");
            put_need(b, p);
            sc__buf_printf(b, "; is %d", (int)r->days);
        }
        return;
    default:
        if (r->ok) {
            put(b, "has ");
            put_need(b, p);
            put(b, " (");
            put_date(b, r->anchor);
            put(b, ")");
        } else {
            put(b, "needs ");
            put_need(b, p);
            put(b, "; has none");
        }
        return;
    }
}

static void write_text(char *dst, sc__buf *b)
{
    if (b->failed || !b->data)
        snprintf(dst, SC__MSG, "%s", b->failed ? "(out of memory writing the explanation)" : "");
    else
        snprintf(dst, SC__MSG, "%s", b->data);
    sc__buf_free(b);
}

/* The explanation of one evaluated condition. */
static void explain_cond(sc__buf *b, const sc__cres *cr)
{
    const sc__cond *cond = cr->cond;
    int j, n = 0;
    if (cr->met)
        put(b, "met: ");
    for (j = 0; j < cond->npreds; j++) {
        const sc__pres *r = &cr->pres[j];
        if (!cr->met && r->ok)
            continue;
        if (n++)
            put(b, "; ");
        put_finding(b, &cond->preds[j], r);
    }
}

const char *sc_decision_condition_message(const sc_decision *d, size_t i)
{
    sc__buf b;
    if (!d || i >= d->ncond)
        return NULL;
    if (!(d->text->valid & (1u << i))) {
        sc__buf_init(&b);
        explain_cond(&b, &d->conds[i]);
        write_text(d->text->cond[i], &b);
        d->text->valid |= 1u << i;
    }
    return d->text->cond[i];
}

const char *sc_decision_message(const sc_decision *d)
{
    sc__buf b;
    if (!d)
        return NULL;
    if (d->text->valid & (1u << 31))
        return d->text->summary;
    sc__buf_init(&b);
    if (d->level < SC_LEVEL_MIN || d->level > SC_LEVEL_MAX) {
        put(&b, "no decision has been made");
    } else if (d->path != SC_PATH_NORMAL) {
        const char *what = d->path == SC_PATH_EXCEPTIONAL ? "an exceptional application (破格申报)"
                                                          : "direct certification (直接认定)";
        int top = d->path == SC_PATH_EXCEPTIONAL ? 3 : 2;
        switch (d->reason) {
        case SC_REASON_SPECIAL_PATH_LEVEL:
            sc__buf_printf(&b, "%s is only for level %d (%s) and above (%s); level %d (%s) was "
                               "asked for",
                           what, top, sc_level_name_zh(top), NOTICE_CLAUSE, d->level,
                           sc_level_name_zh(d->level));
            break;
        case SC_REASON_SPECIAL_PATH_NOT_CONFIRMED:
            sc__buf_printf(&b, "%s is possible only under the organization's own rules for it, "
                               "once its district bureau and the city bureau have confirmed "
                               "them (%s); they are not confirmed",
                           what, NOTICE_CLAUSE);
            break;
        case SC_REASON_SPECIAL_PATH_NO_EVIDENCE:
            sc__buf_printf(&b, "%s needs recorded evidence of %s (%s); none is recorded by ",
                           what,
                           d->path == SC_PATH_EXCEPTIONAL
                               ? "outstanding performance in the occupation, or of direct part "
                                 "in a major national or Beijing project or event"
                               : "an outstanding contribution to technical innovation or "
                                 "renovation with major economic benefit",
                           NOTICE_CLAUSE);
            put_date(&b, d->as_of);
            break;
        default:
            sc__buf_printf(&b, "eligible for %s at level %d (%s) of %s under the organization's "
                               "confirmed rules (%s); %d item%s of evidence recorded; the "
                               "organization's rules decide the rest",
                           what, d->level, sc_level_name_zh(d->level), d->occupation,
                           NOTICE_CLAUSE, d->evidence, plural(d->evidence));
        }
    } else if (d->reason == SC_REASON_NO_RULES) {
        sc__buf_printf(&b, "no eligibility rules for level %d (%s) of %s are loaded", d->level,
                       sc_level_name_zh(d->level), d->occupation);
    } else if (d->eligible) {
        const sc__cond *cond = d->conds[d->matched].cond;
        sc__buf_printf(&b, "eligible for level %d (%s) of %s under condition %s: %s", d->level,
                       sc_level_name_zh(d->level), d->occupation, cond->id, cond->clause);
    } else {
        sc__buf_printf(&b, "not eligible for level %d (%s) of %s: none of the %zu condition%s "
                           "of %s is met",
                       d->level, sc_level_name_zh(d->level), d->occupation, d->ncond,
                       d->ncond == 1 ? "" : "s", d->rules->standard);
    }
    write_text(d->text->summary, &b);
    d->text->valid |= 1u << 31;
    return d->text->summary;
}

/* ---- one call for a stored candidate ------------------------------------------------- */

int sc_eligibility_check(sc_decision *out, sc_db *db, const char *id_number,
                         const char *credit_code, const char *occupation, const char *work_type,
                         int level, int path, const char *as_of)
{
    sc_candidate *c = NULL;
    sc_ruleset *rs = NULL;
    sc_verdict v = SC_VERDICT_INIT;
    unsigned int confirmed = 0;
    char today[11];
    int rc;

    if (!out)
        return sc__error_null("sc_eligibility_check", "out");
    if ((rc = sc__db_check(db, "sc_eligibility_check", 0)) != SC_OK)
        return rc;
    if (!id_number)
        return sc__error_null("sc_eligibility_check", "id_number");
    if (!occupation)
        return sc__error_null("sc_eligibility_check", "occupation");
    if (as_of && (rc = sc__check_date(as_of, "as_of")) != SC_OK)
        return rc;
    as_of = sc__date_or_today(as_of, today);
    if (work_type && !*work_type)
        work_type = NULL;
    if (path < SC_PATH_NORMAL || path > SC_PATH_DIRECT) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown path %d", path);
        sc__error_set_field("path");
        return SC_EINVAL;
    }
    if ((rc = sc_candidate_load(&c, db, id_number)) != SC_OK)
        goto done;
    if (credit_code && (rc = sc_org_rules_confirmed_get(&confirmed, db, credit_code, as_of)) != SC_OK)
        goto done;
    if ((rc = sc_catalog_check(&v, db, occupation, work_type, level, as_of)) != SC_OK)
        goto done;
    if ((rc = sc_ruleset_load(&rs, db, as_of)) != SC_OK)
        goto done;
    if ((rc = sc_eligibility_decide(out, rs, c, occupation, work_type, level, path, confirmed,
                                    as_of)) != SC_OK)
        goto done;
    out->owned = rs;            /* the decision's texts point into it */
    rs = NULL;
    if (!v.ok) {
        /* Not certifiable on that day: not eligible, whatever the conditions say. */
        out->eligible = 0;
        out->reason = v.reason;
        out->matched = -1;
        snprintf(out->text->summary, SC__MSG, "not eligible for level %d (%s) of %s: %s",
                 level, sc_level_name_zh(level), out->occupation, v.message);
        out->text->valid |= 1u << 31;
    }
done:
    sc_ruleset_free(rs);
    sc_candidate_free(c);
    return rc;
}

int sc_decision_eligible(const sc_decision *d) { return d ? d->eligible : 0; }
int sc_decision_reason(const sc_decision *d) { return d ? d->reason : SC_REASON_NONE; }

const char *sc_decision_matched(const sc_decision *d)
{
    if (!d || !d->eligible)
        return NULL;
    if (d->path != SC_PATH_NORMAL)
        return path_names[d->path];
    return d->conds[d->matched].cond->id;
}

const char *sc_decision_clause(const sc_decision *d)
{
    if (!d || !d->eligible)
        return NULL;
    if (d->path != SC_PATH_NORMAL)
        return NOTICE_CLAUSE;
    return d->conds[d->matched].cond->clause;
}

const char *sc_decision_rules(const sc_decision *d)
{
    return d && d->rules ? d->rules->name : NULL;
}

const char *sc_decision_standard(const sc_decision *d)
{
    return d && d->rules ? d->rules->standard : NULL;
}

size_t sc_decision_condition_count(const sc_decision *d) { return d ? d->ncond : 0; }

const char *sc_decision_condition_id(const sc_decision *d, size_t i)
{
    return d && i < d->ncond ? d->conds[i].cond->id : NULL;
}

const char *sc_decision_condition_clause(const sc_decision *d, size_t i)
{
    return d && i < d->ncond ? d->conds[i].cond->clause : NULL;
}

int sc_decision_condition_met(const sc_decision *d, size_t i)
{
    return d && i < d->ncond ? d->conds[i].met : 0;
}

int sc_ruleset_condition_text(char **out, const sc_ruleset *rs, size_t i, size_t j)
{
    const sc__cond *cond;
    sc__buf b;
    int k;
    if (!out)
        return sc__error_null("sc_ruleset_condition_text", "out");
    *out = NULL;
    if (!rs)
        return sc__error_null("sc_ruleset_condition_text", "rs");
    if (!COND(rs, i, j))
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "no condition %zu of rule set %zu", j, i);
    cond = &rs->scopes[i].conds[j];
    sc__buf_init(&b);
    put(&b, "needs ");
    for (k = 0; k < cond->npreds; k++) {
        if (k)
            put(&b, k + 1 == cond->npreds ? " and " : ", ");
        put_need(&b, &cond->preds[k]);
    }
    if (b.failed) {
        sc__buf_free(&b);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    }
    *out = b.data;
    return SC_OK;
}
