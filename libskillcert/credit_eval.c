/*
 * The credit evaluation of organizations (信用评估, supervision.h): the
 * scoring model kept as data, scores as of a date, the published ranked
 * lists and their history. Owner of the tables credit_param, credit_weight
 * and credit_score. Data only: the credit document (urn:skillcert:credit:1)
 * is written by the exchange layer (xml_credit.c).
 *
 * Floor: supervision/credit. Supervision calls this module (a finding
 * recorded or withdrawn rescores the stored lists, sc__credit_refresh); this
 * module reads supervision's findings and inspections but calls nothing of
 * supervision.c: the names it shares live in supervision_names.c.
 */
#include "supervision_int.h" /* the shared iterator handle; credit_eval_int.h */
#include "change_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the model ----------------------------------------------------------------------------- */

static const char SQL_PARAMS[] = "SELECT name, value FROM credit_param";
static const char SQL_WEIGHT[] =
    "SELECT points FROM credit_weight WHERE category = ?1 AND severity = ?2";
static const char SQL_WEIGHT_SET[] =
    "INSERT INTO credit_weight (category, severity, points) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (category, severity) DO UPDATE SET points = excluded.points";

static int model_load(sc_db *db, sc_credit_model *m)
{
    sqlite3_stmt *st;
    int rc;
    m->base = 100;
    m->half_life_days = 365;
    m->clean_bonus = 2;
    m->clean_max = 10;
    m->clean_window_days = 730;
    if ((rc = sc__db_stmt_get(db, SQL_PARAMS, &st)) != SC_OK)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = sc__col_text(st, 0);
        double v = sqlite3_column_double(st, 1);
        if (!name)
            continue;
        if (!strcmp(name, "base"))
            m->base = v;
        else if (!strcmp(name, "half_life_days"))
            m->half_life_days = v;
        else if (!strcmp(name, "clean_bonus"))
            m->clean_bonus = v;
        else if (!strcmp(name, "clean_max"))
            m->clean_max = v;
        else if (!strcmp(name, "clean_window_days"))
            m->clean_window_days = v;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the credit model");
    return SC_OK;
}

int sc_credit_model_get(sc_credit_model *out, sc_db *db)
{
    int rc;
    if (!out)
        return sc__error_null("sc_credit_model_get", "out");
    SC__VERSION_CHECK(out, "sc_credit_model", SC_CREDIT_MODEL_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_credit_model_get", 0)) != SC_OK)
        return rc;
    return model_load(db, out);
}

static int check_weight_key(const char *category, int severity)
{
    if (!category)
        return sc__error_null("sc_credit_weight", "category");
    if (!sc__finding_category_known(category)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "'%.40s' is not a finding category", category);
        sc__error_set_field("category");
        return SC_EINVAL;
    }
    if (!sc_finding_severity_name(severity)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown severity %d", severity);
        sc__error_set_field("severity");
        return SC_EINVAL;
    }
    return SC_OK;
}

int sc_credit_weight_get(double *out, sc_db *db, const char *category, int severity)
{
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_credit_weight_get", "out");
    *out = 0;
    if ((rc = sc__db_check(db, "sc_credit_weight_get", 0)) != SC_OK ||
        (rc = check_weight_key(category, severity)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_WEIGHT, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, category);
    sqlite3_bind_int(st, 2, severity);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_double(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a credit weight");
    return SC_OK;
}

int sc_credit_weight_set(sc_db *db, const sc_actor *actor, const char *category, int severity,
                         double points)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_check(db, "sc_credit_weight_set", 1)) != SC_OK ||
        (rc = check_weight_key(category, severity)) != SC_OK)
        return rc;
    if (!(points >= 0 && points <= 1000)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "a weight is 0-1000 points");
        sc__error_set_field("points");
        return SC_EINVAL;
    }
    if ((rc = sc__change_begin(db, actor, SC__ACT_CREDIT_WEIGHT_SET, NULL)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_WEIGHT_SET, &st)) != SC_OK)
        goto fail;
    sc__bind_text(st, 1, category);
    sqlite3_bind_int(st, 2, severity);
    sqlite3_bind_double(st, 3, points);
    if ((rc = sc__db_exec_stmt(db, st, "setting a credit weight")) != SC_OK)
        goto fail;
    return sc__change_commit(db, actor, SC__ACT_CREDIT_WEIGHT_SET, "credit", category,
                             "category=%s severity=%s points=%g", category,
                             sc_finding_severity_name(severity), points);
fail:
    return sc__change_fail(db, rc);
}

/* ---- scores ------------------------------------------------------------------------------------ */

static const char SQL_ORG_FINDINGS[] =
    "SELECT julianday(?2) - julianday(f.date), coalesce(w.points, 0) FROM finding f "
    "LEFT JOIN credit_weight w ON w.category = f.category AND w.severity = f.severity "
    "WHERE f.org_id = ?1 AND f.date <= ?2 AND (f.withdrawn IS NULL OR f.withdrawn > ?2)";
static const char SQL_ORG_CLEAN[] =
    "SELECT count(*) FROM inspection i WHERE i.org_id = ?1 AND i.closed IS NOT NULL AND "
    "i.closed <= ?2 AND julianday(?2) - julianday(i.closed) <= ?3 AND NOT EXISTS (SELECT 1 FROM "
    "finding f WHERE f.inspection_id = i.id AND (f.withdrawn IS NULL OR f.withdrawn > ?2))";

/* The score of organization org_id as of date (not ranked). */
static int score_of(sc_db *db, const sc_credit_model *m, sqlite3_int64 org_id, const char *date,
                    sc_credit_score *out)
{
    sqlite3_stmt *st;
    double penalty = 0, bonus, score, top;
    int rc;
    int64_t n = 0, clean = 0;
    if ((rc = sc__db_stmt_get(db, SQL_ORG_FINDINGS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sc__bind_text(st, 2, date);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        double age = sqlite3_column_double(st, 0);
        double w = sqlite3_column_double(st, 1);
        double decay = m->half_life_days > 0 ? pow(0.5, age / m->half_life_days) : 1.0;
        penalty += w * decay;
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading findings");
    if ((rc = sc__db_stmt_get(db, SQL_ORG_CLEAN, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sc__bind_text(st, 2, date);
    sqlite3_bind_double(st, 3, m->clean_window_days);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        clean = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "reading inspections");
    bonus = m->clean_bonus * (double)clean;
    if (bonus > m->clean_max)
        bonus = m->clean_max;
    top = m->base + m->clean_max;
    score = m->base - penalty + bonus;
    if (score < 0)
        score = 0;
    if (score > top)
        score = top;
    /* Two decimals, so that stored, exported and compared scores agree. */
    out->score = floor(score * 100 + 0.5) / 100;
    out->penalty = floor(penalty * 100 + 0.5) / 100;
    out->bonus = bonus;
    out->findings = n;
    out->clean = clean;
    snprintf(out->as_of, sizeof out->as_of, "%s", date);
    return SC_OK;
}

static const char SQL_ORG_NAME[] = "SELECT name FROM org WHERE id = ?1";

int sc_credit_score_get(sc_credit_score *out, sc_db *db, const char *credit_code,
                        const char *as_of)
{
    char date[SC_DATE_SIZE];
    sc_credit_model m = SC_CREDIT_MODEL_INIT;
    sc__org_row org;
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_credit_score_get", "out");
    SC__VERSION_CHECK(out, "sc_credit_score", SC_CREDIT_SCORE_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_credit_score_get", 0)) != SC_OK ||
        (rc = sc__date_arg(as_of, "as_of", date)) != SC_OK ||
        (rc = sc__org_find(db, credit_code, &org)) != SC_OK ||
        (rc = model_load(db, &m)) != SC_OK ||
        (rc = score_of(db, &m, org.id, date, out)) != SC_OK)
        return rc;
    snprintf(out->credit_code, sizeof out->credit_code, "%s", org.code);
    if ((rc = sc__db_stmt_get(db, SQL_ORG_NAME, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org.id);
    if (sqlite3_step(st) == SQLITE_ROW)
        sc__copy_text(out->name, sizeof out->name, sc__col_text(st, 0));
    sqlite3_reset(st);
    return SC_OK;
}

static const char SQL_SCORE_PUT[] =
    "INSERT INTO credit_score (as_of, org_id, score, findings, clean, penalty, bonus) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (as_of, org_id) DO UPDATE SET "
    "score = excluded.score, findings = excluded.findings, clean = excluded.clean, "
    "penalty = excluded.penalty, bonus = excluded.bonus";
static const char SQL_RERANK[] =
    "UPDATE credit_score SET rank = (SELECT count(*) + 1 FROM credit_score s2 JOIN org o2 ON "
    "o2.id = s2.org_id WHERE s2.as_of = credit_score.as_of AND (s2.score > credit_score.score OR "
    "(s2.score = credit_score.score AND o2.credit_code < (SELECT credit_code FROM org WHERE "
    "id = credit_score.org_id)))) WHERE as_of = ?1";
static const char SQL_SCORED_ORGS[] =
    "SELECT id FROM org WHERE registered <= ?1 ORDER BY id";
static const char SQL_STORED_DATES[] =
    "SELECT DISTINCT as_of FROM credit_score WHERE as_of >= ?1 ORDER BY as_of";
static const char SQL_SCORE_CLEAR[] = "DELETE FROM credit_score WHERE as_of = ?1";

static int score_put(sc_db *db, const sc_credit_model *m, sqlite3_int64 org_id, const char *date)
{
    sc_credit_score s = SC_CREDIT_SCORE_INIT;
    sqlite3_stmt *st;
    int rc;
    s = (sc_credit_score)SC_CREDIT_SCORE_INIT;
    if ((rc = score_of(db, m, org_id, date, &s)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_SCORE_PUT, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, date);
    sqlite3_bind_int64(st, 2, org_id);
    sqlite3_bind_double(st, 3, s.score);
    sqlite3_bind_int64(st, 4, s.findings);
    sqlite3_bind_int64(st, 5, s.clean);
    sqlite3_bind_double(st, 6, s.penalty);
    sqlite3_bind_double(st, 7, s.bonus);
    return sc__db_exec_stmt(db, st, "storing a credit score");
}

static int rerank(sc_db *db, const char *date)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_RERANK, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, date);
    return sc__db_exec_stmt(db, st, "ranking credit scores");
}

int sc__credit_refresh(sc_db *db, sqlite3_int64 org_id, const char *date, int *n)
{
    sc_credit_model m = SC_CREDIT_MODEL_INIT;
    sqlite3_stmt *st = NULL;
    char (*dates)[SC_DATE_SIZE] = NULL;
    size_t nd = 0, cap = 0, i;
    int rc, step;
    *n = 0;
    if ((rc = model_load(db, &m)) != SC_OK)
        return rc;
    /* Collect the dates first: the statement cache hands out one statement per SQL. */
    if ((rc = sc__db_prepare(db, SQL_STORED_DATES, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, date);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (nd == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            char (*p)[SC_DATE_SIZE] = sc__realloc(dates, ncap * sizeof(*p));
            if (!p) {
                rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
                goto done;
            }
            dates = p;
            cap = ncap;
        }
        sc__copy_text(dates[nd++], SC_DATE_SIZE, sc__col_text(st, 0));
    }
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading credit lists");
        goto done;
    }
    for (i = 0; i < nd; i++)
        if ((rc = score_put(db, &m, org_id, dates[i])) != SC_OK || (rc = rerank(db, dates[i])) != SC_OK)
            goto done;
    *n = (int)nd;
    rc = SC_OK;
done:
    sqlite3_finalize(st);
    free(dates);
    return rc;
}

int sc_credit_compute(size_t *count, sc_db *db, const sc_actor *actor, const char *as_of)
{
    char date[SC_DATE_SIZE];
    sc_credit_model m = SC_CREDIT_MODEL_INIT;
    sqlite3_stmt *orgs = NULL, *st;
    size_t n = 0;
    int rc, step;

    if (count)
        *count = 0;
    if ((rc = sc__db_check(db, "sc_credit_compute", 1)) != SC_OK ||
        (rc = sc__date_arg(as_of, "as_of", date)) != SC_OK)
        return rc;
    if ((rc = sc__change_begin(db, actor, SC__ACT_CREDIT_COMPUTE, NULL)) != SC_OK)
        return rc;
    if ((rc = model_load(db, &m)) != SC_OK)
        goto done;
    if ((rc = sc__db_stmt_get(db, SQL_SCORE_CLEAR, &st)) != SC_OK)
        goto done;
    sc__bind_text(st, 1, date);
    if ((rc = sc__db_exec_stmt(db, st, "replacing a credit list")) != SC_OK ||
        (rc = sc__db_prepare(db, SQL_SCORED_ORGS, &orgs)) != SC_OK)
        goto done;
    sc__bind_text(orgs, 1, date);
    while ((step = sqlite3_step(orgs)) == SQLITE_ROW) {
        if ((rc = score_put(db, &m, sqlite3_column_int64(orgs, 0), date)) != SC_OK)
            goto done;
        n++;
    }
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading organizations");
        goto done;
    }
    rc = rerank(db, date);
done:
    sqlite3_finalize(orgs);
    if (rc != SC_OK)
        return sc__change_fail(db, rc);
    if ((rc = sc__change_commit(db, actor, SC__ACT_CREDIT_COMPUTE, "credit", date,
                                "as_of=%s organizations=%zu", date, n)) != SC_OK)
        return rc;
    if (count)
        *count = n;
    return SC_OK;
}

/* ---- lists and history ------------------------------------------------------------------------ */

#define SCORE_COLS                                                                            \
    "o.credit_code, o.name, s.as_of, s.score, s.rank, s.findings, s.clean, s.penalty, s.bonus "
static const char SQL_LATEST_DATE[] = "SELECT max(as_of) FROM credit_score";
static const char SQL_HAS_DATE[] = "SELECT 1 FROM credit_score WHERE as_of = ?1 LIMIT 1";
static const char SQL_LIST[] =
    "SELECT " SCORE_COLS "FROM credit_score s JOIN org o ON o.id = s.org_id WHERE s.as_of = ?1 "
    "ORDER BY s.rank, o.credit_code";
static const char SQL_HISTORY[] =
    "SELECT " SCORE_COLS "FROM credit_score s JOIN org o ON o.id = s.org_id "
    "WHERE o.credit_code = ?1 ORDER BY s.as_of";

/* The list date: as_of checked, or the latest. SC_ENOTFOUND when none. */
static int list_date(sc_db *db, const char *as_of, char out[SC_DATE_SIZE])
{
    sqlite3_stmt *st;
    int rc, found = 0;
    out[0] = '\0';
    if (as_of) {
        if ((rc = sc__check_date(as_of, "as_of")) != SC_OK)
            return rc;
        if ((rc = sc__db_stmt_get(db, SQL_HAS_DATE, &st)) != SC_OK)
            return rc;
        sc__bind_text(st, 1, as_of);
        rc = sqlite3_step(st);
        found = rc == SQLITE_ROW;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return sc__db_fail(db, rc, "reading credit lists");
        if (found)
            snprintf(out, SC_DATE_SIZE, "%s", as_of);
    } else {
        if ((rc = sc__db_stmt_get(db, SQL_LATEST_DATE, &st)) != SC_OK)
            return rc;
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && sc__col_text(st, 0)) {
            sc__copy_text(out, SC_DATE_SIZE, sc__col_text(st, 0));
            found = 1;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW)
            return sc__db_fail(db, rc, "reading credit lists");
    }
    if (!found) {
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no credit evaluation was computed%s%s",
                      as_of ? " as of " : "", as_of ? as_of : "");
        sc__error_set_field("as_of");
        return SC_ENOTFOUND;
    }
    return SC_OK;
}

int sc_credit_list_iter_new(sc_credit_iter **out, sc_db *db, const sc_credit_list_query *q)
{
    sc_supervision_iter *rows = NULL;
    char date[SC_DATE_SIZE];
    const char *as_of;
    int rc;
    if (!out)
        return sc__error_null("sc_credit_list_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_CREDIT_LIST_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_credit_list_query version %u is not known to this library",
                              q->version);
    as_of = q ? q->as_of : NULL;
    if ((rc = sc__db_check(db, "sc_credit_list_iter_new", 0)) != SC_OK ||
        (rc = list_date(db, as_of, date)) != SC_OK ||
        (rc = sc__supervision_iter_make(&rows, db, SQL_LIST,
                                        SC__SIT_CREDIT)) != SC_OK)
        return rc;
    sc__bind_text(rows->r.st, 1, date);
    *out = (sc_credit_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_credit_history_iter_new(sc_credit_iter **out, sc_db *db, const char *credit_code)
{
    sc_supervision_iter *rows = NULL;
    sc__org_row org;
    int rc;
    if (!out)
        return sc__error_null("sc_credit_history_iter_new", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_credit_history_iter_new", 0)) != SC_OK ||
        (rc = sc__org_find(db, credit_code, &org)) != SC_OK ||
        (rc = sc__supervision_iter_make(&rows, db, SQL_HISTORY,
                                        SC__SIT_CREDIT)) != SC_OK)
        return rc;
    sc__bind_text(rows->r.st, 1, org.code);
    *out = (sc_credit_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_credit_iter_next(sc_credit_score *out, sc_credit_iter *wrapped)
{
    sc_supervision_iter *it = wrapped ? &wrapped->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_credit_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_credit_score", SC_CREDIT_SCORE_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__supervision_iter_step(it, SC__SIT_CREDIT, "sc_credit_iter_next")) != SC_OK)
        return rc;
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(it->r.st, 0));
    sc__copy_text(out->name, sizeof out->name, sc__col_text(it->r.st, 1));
    sc__copy_text(out->as_of, sizeof out->as_of, sc__col_text(it->r.st, 2));
    out->score = sqlite3_column_double(it->r.st, 3);
    out->rank = sqlite3_column_int(it->r.st, 4);
    out->findings = sqlite3_column_int64(it->r.st, 5);
    out->clean = sqlite3_column_int64(it->r.st, 6);
    out->penalty = sqlite3_column_double(it->r.st, 7);
    out->bonus = sqlite3_column_double(it->r.st, 8);
    return SC_OK;
}

void sc_credit_iter_free(sc_credit_iter *it)
{
    /* The store's row reader directly, as sc_supervision_iter_free() does: credit_eval
     * sits below supervision (supervision refreshes the credit), so it calls down only. */
    if (it)
        sc__rows_free(&it->rows.r);
}

/* ---- the data of the credit document (xml_credit.c) ----------------------------------------- */

static const char SQL_WEIGHTS[] =
    "SELECT category, severity, points FROM credit_weight ORDER BY category, severity";

int sc__credit_list_date(sc_db *db, const char *as_of, char out[SC_DATE_SIZE])
{
    return list_date(db, as_of, out);
}

int sc__credit_weights(sc_db *db, sc__credit_weight **out, size_t *n)
{
    sqlite3_stmt *st;
    sc__credit_weight *v = NULL;
    size_t k = 0, cap = 0;
    int rc, step;
    *out = NULL;
    *n = 0;
    if ((rc = sc__db_stmt_get(db, SQL_WEIGHTS, &st)) != SC_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (k == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            sc__credit_weight *p = sc__realloc(v, ncap * sizeof(*p));
            if (!p) {
                sqlite3_reset(st);
                free(v);
                return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
            }
            v = p;
            cap = ncap;
        }
        sc__copy_text(v[k].category, sizeof v[k].category, sc__col_text(st, 0));
        v[k].severity = sqlite3_column_int(st, 1);
        v[k].points = sqlite3_column_double(st, 2);
        k++;
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        free(v);
        return sc__db_fail(db, step, "reading credit weights");
    }
    *out = v;
    *n = k;
    return SC_OK;
}

/* ---- scores computed on the fly (reports) ---------------------------------------------------- */

static const char SQL_SCORED_ORGS_NAMED[] =
    "SELECT id, credit_code, name FROM org WHERE registered <= ?1 ORDER BY credit_code";

static int score_cmp(const void *a, const void *b)
{
    const sc_credit_score *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->credit_code, y->credit_code);
}

int sc__credit_scores_as_of(sc_db *db, const char *date, sc_credit_score **out, size_t *n)
{
    sc_credit_model m = SC_CREDIT_MODEL_INIT;
    sqlite3_stmt *st = NULL;
    sc_credit_score *v = NULL;
    size_t k = 0, cap = 0, i;
    int rc, step;
    *out = NULL;
    *n = 0;
    if ((rc = model_load(db, &m)) != SC_OK || (rc = sc__db_prepare(db, SQL_SCORED_ORGS_NAMED, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, date);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (k == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            sc_credit_score *p = sc__realloc(v, ncap * sizeof(*p));
            if (!p) {
                rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
                goto fail;
            }
            v = p;
            cap = ncap;
        }
        memset(&v[k], 0, sizeof v[k]);
        if ((rc = score_of(db, &m, sqlite3_column_int64(st, 0), date, &v[k])) != SC_OK)
            goto fail;
        sc__copy_text(v[k].credit_code, sizeof v[k].credit_code, sc__col_text(st, 1));
        sc__copy_text(v[k].name, sizeof v[k].name, sc__col_text(st, 2));
        k++;
    }
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading organizations");
        goto fail;
    }
    sqlite3_finalize(st);
    if (k)
        qsort(v, k, sizeof *v, score_cmp);
    for (i = 0; i < k; i++)
        v[i].rank = (int)i + 1;
    *out = v;
    *n = k;
    return SC_OK;
fail:
    sqlite3_finalize(st);
    free(v);
    return rc;
}
