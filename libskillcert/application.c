/*
 * Intake announcements and applications (include/skillcert/application.h):
 * publish, apply, verify with the eligibility engine, confirm by the
 * organization's own district, reject, withdraw, and the one-transaction
 * batch forms of verify and confirm.
 */
#include "application_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

/* ---- names --------------------------------------------------------------------- */

static const char *const state_names[] = { NULL, "submitted", "verified", "confirmed", "rejected",
                                           "withdrawn", "completed" };

const char *sc_application_state_name(int state)
{
    return state >= SC_APPLICATION_SUBMITTED && state <= SC_APPLICATION_COMPLETED
               ? state_names[state]
               : NULL;
}

int sc_application_state_parse(int *out, const char *text)
{
    int i;
    if (!out)
        return sc__error_null("sc_application_state_parse", "out");
    *out = 0;
    if (!text)
        return sc__error_null("sc_application_state_parse", "text");
    for (i = SC_APPLICATION_SUBMITTED; i <= SC_APPLICATION_COMPLETED; i++) {
        if (!strcmp(text, state_names[i])) {
            *out = i;
            return SC_OK;
        }
    }
    sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                  "'%.40s' is not an application state (submitted, verified, confirmed, "
                  "rejected, withdrawn, completed)", text);
    sc__error_set_field("state");
    return SC_EINVAL;
}

static const struct {
    unsigned int bit;
    const char *token, *zh;
} methods[] = {
    { SC_METHOD_THEORY, "theory", "理论知识考试" },
    { SC_METHOD_PRACTICAL, "practical", "操作技能考核" },
    { SC_METHOD_REVIEW, "review", "综合评审" },
};
#define N_METHODS (sizeof methods / sizeof methods[0])

const char *sc_method_name(unsigned int method)
{
    size_t i;
    for (i = 0; i < N_METHODS; i++)
        if (methods[i].bit == method)
            return methods[i].token;
    return NULL;
}

int sc_methods_parse(unsigned int *out, const char *text)
{
    const char *p;
    unsigned int mask = 0;
    if (!out)
        return sc__error_null("sc_methods_parse", "out");
    *out = 0;
    if (!text)
        return sc__error_null("sc_methods_parse", "text");
    p = text;
    for (;;) {
        size_t n, i;
        int found = 0;
        while (*p == ',' || *p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        n = strcspn(p, ", \t");
        for (i = 0; i < N_METHODS; i++) {
            if ((strlen(methods[i].token) == n && !strncmp(p, methods[i].token, n)) ||
                (strlen(methods[i].zh) == n && !strncmp(p, methods[i].zh, n))) {
                mask |= methods[i].bit;
                found = 1;
            }
        }
        if (!found) {
            sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                          "'%.*s' is not an assessment method (theory, practical, review)",
                          (int)(n > 40 ? 40 : n), p);
            sc__error_set_field("methods");
            return SC_EINVAL;
        }
        p += n;
    }
    if (!mask) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "name at least one assessment method");
        sc__error_set_field("methods");
        return SC_EINVAL;
    }
    *out = mask;
    return SC_OK;
}

void sc__methods_text(unsigned int m, char *buf, size_t cap)
{
    size_t i, o = 0;
    buf[0] = '\0';
    for (i = 0; i < N_METHODS; i++)
        if (m & methods[i].bit) {
            int w = snprintf(buf + o, cap - o, "%s%s", o ? " " : "", methods[i].token);
            if (w < 0 || (size_t)w >= cap - o)
                return;
            o += (size_t)w;
        }
}

/* ---- announcements ------------------------------------------------------------------ */

int sc__ann_code_ok(const char *code, int batch)
{
    size_t i, n;
    if (!code)
        return 0;
    n = strlen(code);
    if (n == 0 || n >= (batch ? SC_BATCH_ID_SIZE : SC_ANNOUNCEMENT_CODE_SIZE))
        return 0;
    for (i = 0; i < n; i++) {
        char c = code[i];
        int alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!alnum && (i == 0 || !(c == '.' || c == '_' || c == '-' || (batch && c == ':'))))
            return 0;
    }
    return 1;
}

static int check_code(const char *code, const char *what, int batch)
{
    if (!code)
        return sc__error_null(what, what);
    if (sc__ann_code_ok(code, batch))
        return SC_OK;
    sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                  "%s '%.40s' must be 1-%d letters, digits, '.', '_'%s or '-', starting with a "
                  "letter or digit", what, code,
                  batch ? SC_BATCH_ID_SIZE - 1 : SC_ANNOUNCEMENT_CODE_SIZE - 1,
                  batch ? ", ':'" : "");
    sc__error_set_field(what);
    return SC_EINVAL;
}

int sc__ann_open(const sc_announcement *a, const char *date, char *why, size_t cap)
{
    const char *problem = NULL;
    if (strcmp(a->published, date) > 0)
        problem = "it is published later";
    else if (strcmp(a->opens, date) > 0)
        problem = "its intake has not opened yet";
    else if (strcmp(date, a->closes) > 0)
        problem = "its intake has ended";
    else if (a->closed[0] && strcmp(a->closed, date) <= 0)
        problem = "it was closed early";
    if (problem && why)
        snprintf(why, cap, "announcement %s of %s is not open on %s: %s (published %s, intake "
                 "%s to %s%s%s)", a->code, a->credit_code, date, problem, a->published, a->opens,
                 a->closes, a->closed[0] ? ", closed from " : "", a->closed);
    return problem == NULL;
}

#define ANN_COLS                                                                             \
    "a.id, o.credit_code, a.code, a.title, a.opens, a.closes, a.fees, a.methods, a.published, " \
    "a.closed, a.org_id, o.district"
#define ANN_FROM " FROM announcement a JOIN org o ON o.id = a.org_id "

static const char SQL_ANN_BY_ID[] = "SELECT " ANN_COLS ANN_FROM "WHERE a.id = ?1";
static const char SQL_ANN_BY_CODE[] =
    "SELECT " ANN_COLS ANN_FROM "WHERE o.credit_code = ?1 AND a.code = ?2";

static void ann_fill(sc__ann *out, sqlite3_stmt *st, const char *date)
{
    sc_announcement *a = &out->a;
    memset(out, 0, sizeof(*out));
    a->id = sqlite3_column_int64(st, 0);
    sc__copy_text(a->credit_code, sizeof a->credit_code, sc__col_text(st, 1));
    sc__copy_text(a->code, sizeof a->code, sc__col_text(st, 2));
    sc__copy_text(a->title, sizeof a->title, sc__col_text(st, 3));
    sc__copy_text(a->opens, sizeof a->opens, sc__col_text(st, 4));
    sc__copy_text(a->closes, sizeof a->closes, sc__col_text(st, 5));
    sc__copy_text(a->fees, sizeof a->fees, sc__col_text(st, 6));
    a->methods = (unsigned int)sqlite3_column_int(st, 7);
    sc__copy_text(a->published, sizeof a->published, sc__col_text(st, 8));
    sc__copy_text(a->closed, sizeof a->closed, sc__col_text(st, 9));
    out->org_id = sqlite3_column_int64(st, 10);
    sc__copy_text(out->district, sizeof out->district, sc__col_text(st, 11));
    a->open = sc__ann_open(a, date, NULL, 0);
}

int sc__ann_get(sc_db *db, sqlite3_int64 id, const char *credit_code, const char *code,
                const char *date, sc__ann *out)
{
    sqlite3_stmt *st;
    int rc;
    memset(out, 0, sizeof(*out));
    if ((rc = sc__db_stmt_get(db, id ? SQL_ANN_BY_ID : SQL_ANN_BY_CODE, &st)) != SC_OK)
        return rc;
    if (id) {
        sqlite3_bind_int64(st, 1, id);
    } else {
        sc__bind_text(st, 1, credit_code);
        sc__bind_text(st, 2, code);
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        ann_fill(out, st, date);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading an announcement");
    if (id)
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no announcement with id %lld",
                      (long long)id);
    else
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s has no announcement '%.60s'",
                      credit_code, code);
    sc__error_set_field("announcement");
    return SC_ENOTFOUND;
}

static const char SQL_ANN_EXISTS[] = "SELECT 1 FROM announcement WHERE org_id = ?1 AND code = ?2";
static const char SQL_ANN_INS[] =
    "INSERT INTO announcement(org_id, code, title, opens, closes, fees, methods, published, "
    "published_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_ANN_OFF_INS[] =
    "INSERT OR IGNORE INTO announcement_offering(announcement_id, occupation, work_type, level) "
    "VALUES (?1, ?2, ?3, ?4)";

int sc_announcement_publish(int64_t *id, sc_db *db, const sc_actor *actor,
                            const sc_announcement *a, const sc_offerings *offerings,
                            const char *date_in)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE], scope[SC_ORG_TEXT_SIZE];
    char mtext[64];
    sqlite3_int64 ann = 0;
    sc__org_row org;
    sqlite3_stmt *st;
    size_t i, n;
    int rc;

    if (id)
        *id = 0;
    if ((rc = sc__db_check(db, "sc_announcement_publish", 1)) != SC_OK)
        return rc;
    if (!a)
        return sc__error_null("sc_announcement_publish", "a");
    SC__VERSION_CHECK(a, "sc_announcement", SC_ANNOUNCEMENT_VERSION);
    if (!offerings)
        return sc__error_null("sc_announcement_publish", "offerings");
    if ((rc = sc__credit_code_norm(a->credit_code, code)) != SC_OK ||
        (rc = check_code(a->code, "code", 0)) != SC_OK ||
        (rc = sc__check_text(a->title, "title", SC_ANNOUNCEMENT_TITLE_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__check_text(a->fees, "fees", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__check_date(a->opens, "opens")) != SC_OK ||
        (rc = sc__check_date(a->closes, "closes")) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (strcmp(a->closes, a->opens) < 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "the intake closes (%s) before it opens (%s)",
                      a->closes, a->opens);
        sc__error_set_field("closes");
        return SC_EINVAL;
    }
    if (strcmp(date, a->closes) > 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "an announcement published on %s for an intake that closed on %s", date,
                      a->closes);
        sc__error_set_field("date");
        return SC_EINVAL;
    }
    if (a->methods == 0 || (a->methods & ~SC_METHOD_ALL)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "methods 0x%x: name at least one of SC_METHOD_THEORY, _PRACTICAL, _REVIEW",
                      a->methods);
        sc__error_set_field("methods");
        return SC_EINVAL;
    }
    if ((n = sc_offerings_count(offerings)) == 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "an announcement names at least one offering");
        sc__error_set_field("offerings");
        return SC_EINVAL;
    }
    if ((rc = sc__authorize(db, actor, SC__ACT_ANNOUNCEMENT_PUBLISH, code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK)
        goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_ANN_EXISTS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, org.id);
    sc__bind_text(st, 2, a->code);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
        rc = sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "%s already has an announcement '%s'",
                           code, a->code);
        sc__error_set_field("code");
        goto fail;
    }
    if (rc != SQLITE_DONE) {
        rc = sc__db_fail(db, rc, "looking up an announcement");
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_ANN_INS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, org.id);
    sc__bind_text(st, 2, a->code);
    sc__bind_text(st, 3, a->title);
    sc__bind_text(st, 4, a->opens);
    sc__bind_text(st, 5, a->closes);
    sc__bind_text(st, 6, a->fees);
    sqlite3_bind_int(st, 7, (int)a->methods);
    sc__bind_text(st, 8, date);
    sc__bind_text(st, 9, actor->label);
    if ((rc = sc__db_exec_stmt(db, st, "publishing an announcement")) != SC_OK)
        goto fail;
    ann = sqlite3_last_insert_rowid(db->conn);
    for (i = 0; i < n; i++) {
        sc_offering_item it = SC_OFFERING_ITEM_INIT;
        sc_verdict v = SC_VERDICT_INIT;
        char canon[SC_OCCUPATION_CODE_SIZE];
        if ((rc = sc_offerings_get(&it, offerings, i)) != SC_OK)
            goto fail;
        /* Only what the organization may certify when the intake opens. */
        if ((rc = sc_org_may_certify(&v, db, code, it.occupation, it.work_type, it.level, a->opens,
                                     NULL, SC_PATH_NORMAL)) != SC_OK)
            goto fail;
        if (!v.ok) {
            rc = sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "offering %s%s%s:%d: %s",
                               it.occupation, it.work_type[0] ? "/" : "", it.work_type, it.level,
                               v.message);
            sc__error_set_field("offerings");
            goto fail;
        }
        if ((rc = sc__offering_certifiable(db, &it, a->opens, "offering", canon)) != SC_OK)
            goto fail;
        if ((rc = sc__db_stmt_get(db, SQL_ANN_OFF_INS, &st)) != SC_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, ann);
        sc__bind_text(st, 2, canon);
        sc__bind_text(st, 3, it.work_type);
        sqlite3_bind_int(st, 4, it.level);
        if ((rc = sc__db_exec_stmt(db, st, "recording an offering")) != SC_OK)
            goto fail;
    }
    sc__offerings_describe(offerings, scope, sizeof scope);
    sc__methods_text(a->methods, mtext, sizeof mtext);
    {
        char entity[SC_CREDIT_CODE_SIZE + SC_ANNOUNCEMENT_CODE_SIZE + 2];
        snprintf(entity, sizeof entity, "%s/%s", code, a->code);
        if ((rc = sc__audit_append(db, actor, "announcement", entity,
                                   sc__action_name(SC__ACT_ANNOUNCEMENT_PUBLISH),
                                   "id=%lld date=%s opens=%s closes=%s offerings=%s methods=%s "
                                   "title=%s fees=%s",
                                   (long long)ann, date, a->opens, a->closes, scope, mtext,
                                   a->title, a->fees)) != SC_OK)
            goto fail;
    }
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    if (id)
        *id = ann;
    return SC_OK;
fail:
    sc__db_rollback(db);
    return rc;
}

static const char SQL_ANN_CLOSE[] = "UPDATE announcement SET closed = ?2 WHERE id = ?1";

int sc_announcement_close(sc_db *db, const sc_actor *actor, int64_t id, const char *date_in)
{
    char date[SC_DATE_SIZE];
    sc__ann ann;
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_check(db, "sc_announcement_close", 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = sc__ann_get(db, id, NULL, NULL, date, &ann)) != SC_OK ||
        (rc = sc__authorize(db, actor, SC__ACT_ANNOUNCEMENT_CLOSE, ann.a.credit_code)) != SC_OK)
        return rc;
    if (ann.a.closed[0]) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "announcement %s of %s is closed since %s",
                      ann.a.code, ann.a.credit_code, ann.a.closed);
        sc__error_set_field("announcement");
        return SC_ECONSTRAINT;
    }
    if (strcmp(date, ann.a.published) < 0) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "announcement %s was published on %s: it cannot close on %s", ann.a.code,
                      ann.a.published, date);
        sc__error_set_field("date");
        return SC_ECONSTRAINT;
    }
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_ANN_CLOSE, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, date);
    if ((rc = sc__db_exec_stmt(db, st, "closing an announcement")) != SC_OK)
        goto fail;
    {
        char entity[SC_CREDIT_CODE_SIZE + SC_ANNOUNCEMENT_CODE_SIZE + 2];
        snprintf(entity, sizeof entity, "%s/%s", ann.a.credit_code, ann.a.code);
        if ((rc = sc__audit_append(db, actor, "announcement", entity,
                                   sc__action_name(SC__ACT_ANNOUNCEMENT_CLOSE),
                                   "id=%lld closed=%s", (long long)id, date)) != SC_OK)
            goto fail;
    }
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

int sc_announcement_get(sc_announcement *out, sc_db *db, int64_t id, const char *date_in)
{
    char date[SC_DATE_SIZE];
    sc__ann ann;
    int rc;
    if (!out)
        return sc__error_null("sc_announcement_get", "out");
    SC__VERSION_CHECK(out, "sc_announcement", SC_ANNOUNCEMENT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_announcement_get", 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = sc__ann_get(db, id, NULL, NULL, date, &ann)) != SC_OK)
        return rc;
    SC__ASSIGN_KEEP_VERSION(out, ann.a);
    return SC_OK;
}

int sc_announcement_lookup(sc_announcement *out, sc_db *db, const char *credit_code,
                           const char *code, const char *date_in)
{
    char cc[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE];
    sc__ann ann;
    int rc;
    if (!out)
        return sc__error_null("sc_announcement_lookup", "out");
    SC__VERSION_CHECK(out, "sc_announcement", SC_ANNOUNCEMENT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_announcement_lookup", 0)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, cc)) != SC_OK ||
        (rc = check_code(code, "code", 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = sc__ann_get(db, 0, cc, code, date, &ann)) != SC_OK)
        return rc;
    SC__ASSIGN_KEEP_VERSION(out, ann.a);
    return SC_OK;
}

static const char SQL_ANN_OFFERINGS[] =
    "SELECT occupation, work_type, level FROM announcement_offering WHERE announcement_id = ?1 "
    "ORDER BY occupation, work_type, level DESC";

int sc_announcement_offerings_get(sc_offerings **out, sc_db *db, int64_t id)
{
    char date[SC_DATE_SIZE];
    sc_offerings *s = NULL;
    sqlite3_stmt *st;
    sc__ann ann;
    int rc, step;
    if (!out)
        return sc__error_null("sc_announcement_offerings_get", "out");
    *out = NULL;
    sc__today(date);
    if ((rc = sc__db_check(db, "sc_announcement_offerings_get", 0)) != SC_OK ||
        (rc = sc__ann_get(db, id, NULL, NULL, date, &ann)) != SC_OK ||
        (rc = sc_offerings_new(&s)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_ANN_OFFERINGS, &st)) != SC_OK) {
        sc_offerings_free(s);
        return rc;
    }
    sqlite3_bind_int64(st, 1, id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = sc__offerings_push(s, sc__col_text(st, 0), sc__col_text(st, 1),
                                     sqlite3_column_int(st, 2))) != SC_OK) {
            sqlite3_reset(st);
            sc_offerings_free(s);
            return rc;
        }
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        sc_offerings_free(s);
        return sc__db_fail(db, step, "reading an announcement's offerings");
    }
    *out = s;
    return SC_OK;
}

struct sc_announcement_iter {
    sc_db *db;
    sqlite3_stmt *st;
    char date[SC_DATE_SIZE];
    int open_only, done;
};

static const char SQL_ANN_ITER[] =
    "SELECT " ANN_COLS ANN_FROM "WHERE ?1 IS NULL OR o.credit_code = ?1 ORDER BY a.id";

int sc_announcement_iter_new(sc_announcement_iter **out, sc_db *db,
                             const sc_announcement_query *q)
{
    char cc[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE];
    sc_announcement_iter *it;
    const char *credit_code, *date_in;
    int open_only, rc;
    if (!out)
        return sc__error_null("sc_announcement_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_ANNOUNCEMENT_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_announcement_query version %u is not known to this library",
                              q->version);
    credit_code = q ? q->credit_code : NULL;
    date_in = q ? q->date : NULL;
    open_only = q ? q->open_only : 0;
    if ((rc = sc__db_check(db, "sc_announcement_iter_new", 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (credit_code && (rc = sc__credit_code_norm(credit_code, cc)) != SC_OK))
        return rc;
    if (!(it = sc__calloc(1, sizeof(*it))))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an iterator");
    if ((rc = sc__db_prepare(db, SQL_ANN_ITER, &it->st)) != SC_OK) {
        free(it);
        return rc;
    }
    sc__bind_text(it->st, 1, credit_code ? cc : NULL);
    memcpy(it->date, date, sizeof date);
    it->open_only = open_only != 0;
    it->db = db;
    sc__db_ref(db);
    *out = it;
    return SC_OK;
}

int sc_announcement_iter_next(sc_announcement *out, sc_announcement_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_announcement_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_announcement", SC_ANNOUNCEMENT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!it)
        return sc__error_null("sc_announcement_iter_next", "it");
    while (!it->done) {
        sc__ann ann;
        rc = sqlite3_step(it->st);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW)
            return sc__db_fail(it->db, rc, "iterating announcements");
        ann_fill(&ann, it->st, it->date);
        if (it->open_only && !ann.a.open)
            continue;
        SC__ASSIGN_KEEP_VERSION(out, ann.a);
        return SC_OK;
    }
    it->done = 1;
    return SC_ITEROVER;
}

void sc_announcement_iter_free(sc_announcement_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sc__db_unref(it->db);
    free(it);
}

/* ---- application rows ---------------------------------------------------------------- */

void sc__app_fill(sc_application *out, sqlite3_stmt *st)
{
    SC__ZERO_KEEP_VERSION(out);
    out->id = sqlite3_column_int64(st, 0);
    out->announcement_id = sqlite3_column_int64(st, 1);
    sc__copy_text(out->announcement, sizeof out->announcement, sc__col_text(st, 2));
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 3));
    sc__copy_text(out->id_number, sizeof out->id_number, sc__col_text(st, 4));
    sc__copy_text(out->name, sizeof out->name, sc__col_text(st, 5));
    sc__copy_text(out->occupation, sizeof out->occupation, sc__col_text(st, 6));
    sc__copy_text(out->work_type, sizeof out->work_type, sc__col_text(st, 7));
    out->level = sqlite3_column_int(st, 8);
    out->path = sqlite3_column_int(st, 9);
    sc__copy_text(out->evidence, sizeof out->evidence, sc__col_text(st, 10));
    out->state = sqlite3_column_int(st, 11);
    sc__copy_text(out->applied, sizeof out->applied, sc__col_text(st, 12));
    sc__copy_text(out->applied_by, sizeof out->applied_by, sc__col_text(st, 13));
    sc__copy_text(out->verified, sizeof out->verified, sc__col_text(st, 14));
    sc__copy_text(out->verified_by, sizeof out->verified_by, sc__col_text(st, 15));
    sc__copy_text(out->eligibility, sizeof out->eligibility, sc__col_text(st, 16));
    out->eligibility_reason = sqlite3_column_int(st, 17);
    sc__copy_text(out->decision, sizeof out->decision, sc__col_text(st, 18));
    sc__copy_text(out->confirmed, sizeof out->confirmed, sc__col_text(st, 19));
    sc__copy_text(out->confirmed_by, sizeof out->confirmed_by, sc__col_text(st, 20));
    sc__copy_text(out->ended, sizeof out->ended, sc__col_text(st, 21));
    sc__copy_text(out->ended_by, sizeof out->ended_by, sc__col_text(st, 22));
    out->ended_at = sqlite3_column_int(st, 23);
    sc__copy_text(out->reason, sizeof out->reason, sc__col_text(st, 24));
    sc__copy_text(out->batch_id, sizeof out->batch_id, sc__col_text(st, 25));
}

/* What the workflow steps need of an application: small, for the batch loops. */
typedef struct {
    sqlite3_int64 id, org_id;
    int state, level, path;
    char code[SC_CREDIT_CODE_SIZE];
    char id_number[SC_ID_NUMBER_SIZE];
    char occupation[SC_OCCUPATION_CODE_SIZE];
    char work_type[SC_WORK_TYPE_SIZE];
    char last[SC_DATE_SIZE];   /* the date of its last step */
    char verified[SC_DATE_SIZE];             /* the verification: its day and claim */
    char claim[SC_CONDITION_ID_SIZE];
} app_row;

static const char SQL_APP_ROW[] =
    "SELECT p.state, p.org_id, o.credit_code, c.id_number, p.occupation, p.work_type, p.level, "
    "p.path, max(p.applied, coalesce(p.verified, ''), coalesce(p.confirmed, '')), p.id, "
    "p.verified, p.eligibility "
    "FROM application p JOIN org o ON o.id = p.org_id JOIN candidate c ON c.id = p.candidate_id "
    "WHERE p.id = ?1";

/* Columns 0..9 as SQL_APP_ROW's; the verification's day and claim at `vcol`, vcol + 1. */
static void app_row_fill(app_row *r, sqlite3_stmt *st, int vcol)
{
    sc__copy_text(r->verified, sizeof r->verified, sc__col_text(st, vcol));
    sc__copy_text(r->claim, sizeof r->claim, sc__col_text(st, vcol + 1));
    r->id = sqlite3_column_int64(st, 9);
    r->state = sqlite3_column_int(st, 0);
    r->org_id = sqlite3_column_int64(st, 1);
    sc__copy_text(r->code, sizeof r->code, sc__col_text(st, 2));
    sc__copy_text(r->id_number, sizeof r->id_number, sc__col_text(st, 3));
    sc__copy_text(r->occupation, sizeof r->occupation, sc__col_text(st, 4));
    sc__copy_text(r->work_type, sizeof r->work_type, sc__col_text(st, 5));
    r->level = sqlite3_column_int(st, 6);
    r->path = sqlite3_column_int(st, 7);
    sc__copy_text(r->last, sizeof r->last, sc__col_text(st, 8));
}

/* SC_OK; SC_ENOTFOUND (recorded); SC_EDB. */
static int app_row_get(sc_db *db, sqlite3_int64 id, app_row *r)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_APP_ROW, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        app_row_fill(r, st, 10);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading an application");
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no application with id %lld", (long long)id);
    sc__error_set_field("id");
    return SC_ENOTFOUND;
}

/* Refuse a step on an application in the wrong state or dated before its last step. */
static int step_check(const app_row *r, int expect, const char *date, const char *what)
{
    if (r->state != expect) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "application %lld is %s, not %s: it cannot "
                      "be %s", (long long)r->id, sc_application_state_name(r->state),
                      sc_application_state_name(expect), what);
        sc__error_set_field("state");
        return SC_ECONSTRAINT;
    }
    if (strcmp(date, r->last) < 0) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "application %lld: %s is before its last step (%s)", (long long)r->id, date,
                      r->last);
        sc__error_set_field("date");
        return SC_ECONSTRAINT;
    }
    return SC_OK;
}

/* Prefix the recorded error with where in a batch it happened, keeping its code,
 * domain and field. */
static int batch_error(int rc, size_t i, size_t n, int64_t id)
{
    const sc_error *e = sc_error_last();
    char msg[1024], field[128];
    int domain = e->domain;
    snprintf(msg, sizeof msg, "%s", e->message);
    snprintf(field, sizeof field, "%s", e->field);
    sc__error_set(rc, domain, "batch item %zu of %zu (application %lld): %s; nothing was changed",
                  i + 1, n, (long long)id, msg);
    sc__error_set_field(field[0] ? field : "ids");
    return rc;
}

/* The audit detail of a batch: count, first and last id, and a digest of the list. */
static void batch_digest(const int64_t *ids, size_t n, char hex[65])
{
    crypto_hash_sha256_state h;
    unsigned char out[32], be[8];
    size_t i;
    int k;
    crypto_hash_sha256_init(&h);
    for (i = 0; i < n; i++) {
        for (k = 0; k < 8; k++)
            be[k] = (unsigned char)((uint64_t)ids[i] >> (56 - 8 * k));
        crypto_hash_sha256_update(&h, be, 8);
    }
    crypto_hash_sha256_final(&h, out);
    sodium_bin2hex(hex, 65, out, sizeof out);
}

/* ---- apply ------------------------------------------------------------------------- */

static const char SQL_CAND_BY_NUMBER[] = "SELECT id FROM candidate WHERE id_number = ?1";
static const char SQL_ANN_HAS_OFFERING[] =
    "SELECT 1 FROM announcement_offering WHERE announcement_id = ?1 AND occupation = ?2 "
    "AND work_type = ?3 AND level = ?4";
static const char SQL_APP_INS[] =
    "INSERT INTO application(candidate_id, org_id, announcement_id, occupation, work_type, level, "
    "path, evidence, state, applied, applied_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    SC__APP_SQL_SUBMITTED ", ?9, ?10)";
static const char SQL_APP_OPEN_OF[] =
    "SELECT p.id, p.state, o.credit_code FROM application p JOIN org o ON o.id = p.org_id "
    "WHERE p.candidate_id = ?1 AND p.occupation = ?2 AND p.work_type = ?3 AND p.level = ?4 "
    "AND " SC__APP_SQL_OPEN;

static int path_ok(int path)
{
    if (path == SC_PATH_NORMAL || path == SC_PATH_EXCEPTIONAL || path == SC_PATH_DIRECT)
        return SC_OK;
    sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown certification path %d", path);
    sc__error_set_field("path");
    return SC_EINVAL;
}

/* Describe an open application blocking a new one (after a UNIQUE violation). */
static int duplicate_error(sc_db *db, sqlite3_int64 cand, const char *id_number, const char *occ,
                           const char *wt, int level)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_APP_OPEN_OF, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, cand);
    sc__bind_text(st, 2, occ);
    sc__bind_text(st, 3, wt);
    sqlite3_bind_int(st, 4, level);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES,
                      "%s already has an open application (%lld, %s, to %s) for %s%s%s level %d: "
                      "one open application per person and offering",
                      id_number, (long long)sqlite3_column_int64(st, 0),
                      sc_application_state_name(sqlite3_column_int(st, 1)), sc__col_text(st, 2),
                      occ, wt[0] ? "/" : "", wt, level);
    else
        sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES,
                      "%s already has an open application for %s%s%s level %d", id_number, occ,
                      wt[0] ? "/" : "", wt, level);
    sqlite3_reset(st);
    sc__error_set_field("offering");
    return SC_EEXISTS;
}

int sc__application_offer_check(sc_db *db, const sc__ann *ann, const char *occ,
                                const char *work_type, int level, int path, const char *date,
                                char canon[SC_OCCUPATION_CODE_SIZE])
{
    const char *wt = work_type ? work_type : "";
    sc_offering_item item = SC_OFFERING_ITEM_INIT;
    sqlite3_stmt *st;
    sc_verdict v = SC_VERDICT_INIT;
    char why[512];
    int rc;
    if (!sc__ann_open(&ann->a, date, why, sizeof why)) {
        rc = sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                           "%s: applications are taken only for an open announcement", why);
        sc__error_set_field("announcement");
        return rc;
    }
    /* May the organization certify it that day, on that path? */
    if ((rc = sc_org_may_certify(&v, db, ann->a.credit_code, occ, work_type, level, date, NULL,
                                 path)) != SC_OK)
        return rc;
    if (!v.ok) {
        rc = sc__error_set(sc__org_standing_reason(v.reason) ? SC_ESCOPE : SC_ECONSTRAINT,
                           SC_DOMAIN_RULES, "%s", v.message);
        sc__error_set_field(v.reason == SC_REASON_SPECIAL_PATH_LEVEL ||
                                    v.reason == SC_REASON_SPECIAL_PATH_NOT_CONFIRMED
                                ? "path"
                                : "offering");
        return rc;
    }
    item = (sc_offering_item)SC_OFFERING_ITEM_INIT;
    sc__copy_text(item.occupation, sizeof item.occupation, occ);
    sc__copy_text(item.work_type, sizeof item.work_type, wt);
    item.level = level;
    if ((rc = sc__offering_certifiable(db, &item, date, "offering", canon)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_ANN_HAS_OFFERING, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ann->a.id);
    sc__bind_text(st, 2, canon);
    sc__bind_text(st, 3, wt);
    sqlite3_bind_int(st, 4, level);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading an announcement's offerings");
    if (rc == SQLITE_DONE) {
        rc = sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                           "announcement %s of %s does not take applications for %s%s%s level %d",
                           ann->a.code, ann->a.credit_code, canon, wt[0] ? "/" : "", wt, level);
        sc__error_set_field("level");
        return rc;
    }
    return SC_OK;
}

int sc__application_evidence_check(int path, const char *evidence)
{
    if (path == SC_PATH_NORMAL || (evidence && *evidence))
        return SC_OK;
    sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                  "%s needs the evidence it rests on (业绩, 重大项目或活动, 技术创新贡献)",
                  path == SC_PATH_EXCEPTIONAL ? "exceptional application (破格申报)"
                                              : "direct certification (直接认定)");
    sc__error_set_field("evidence");
    return SC_ECONSTRAINT;
}

/* An application as asked: by the candidate (id_number) or by the organization for
 * them (record). */
typedef struct {
    int action;               /* SC__ACT_APPLICATION_APPLY or _APPLY_FOR */
    int64_t announcement;
    const char *id_number;    /* the candidate's own application */
    const sc_candidate *record; /* the organization's, with the record it hands in */
    const char *occupation, *work_type;
    int level, path;
    const char *evidence, *date;
} apply_req;

static int do_apply(int64_t *id_out, sc_db *db, const sc_actor *actor, const apply_req *rq)
{
    const int action = rq->action, level = rq->level, path = rq->path;
    const int64_t announcement = rq->announcement;
    const sc_candidate *record = rq->record;
    const char *id_number = rq->id_number, *occupation = rq->occupation;
    const char *work_type = rq->work_type, *evidence = rq->evidence, *date_in = rq->date;
    const char *func = action == SC__ACT_APPLICATION_APPLY ? "sc_application_apply"
                                                            : "sc_application_apply_for";
    char date[SC_DATE_SIZE], occ[SC__CODE_SIZE], canon[SC_OCCUPATION_CODE_SIZE];
    sc_resident_id rid = SC_RESIDENT_ID_INIT;
    sqlite3_int64 cand = 0, app;
    sqlite3_stmt *st;
    sc__ann ann;
    int rc, created = -1;

    if (id_out)
        *id_out = 0;
    if (work_type && !*work_type)
        work_type = NULL;
    if (evidence && !*evidence)
        evidence = NULL;
    if ((rc = sc__db_check(db, func, 1)) != SC_OK)
        return rc;
    if (record)
        id_number = sc_candidate_id_number(record);
    if ((rc = sc__resident_id_check(id_number, &rid)) != SC_OK) {
        sc__error_set_field("id_number");
        return rc;
    }
    if ((rc = sc__occupation_code_norm(occupation, occ)) != SC_OK ||
        (rc = sc__check_text(work_type, "work_type", SC_WORK_TYPE_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__check_text(evidence, "evidence", SC_ORG_TEXT_SIZE - 1, 0)) != SC_OK ||
        (rc = path_ok(path)) != SC_OK || (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "level %d is outside 1-5", level);
        sc__error_set_field("level");
        return SC_EINVAL;
    }
    if ((rc = sc__ann_get(db, announcement, NULL, NULL, date, &ann)) != SC_OK)
        return rc;
    /* The candidate themself (by ID number), or the announcing organization. */
    if ((rc = sc__authorize(db, actor, action,
                            action == SC__ACT_APPLICATION_APPLY ? rid.number
                                                                : ann.a.credit_code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__application_offer_check(db, &ann, occ, work_type, level, path, date,
                                          canon)) != SC_OK ||
        (rc = sc__application_evidence_check(path, evidence)) != SC_OK)
        goto fail;
    /* The candidate's record: handed in, or stored by the candidate. */
    if (record) {
        if ((rc = sc__candidate_store_adding(db, actor, record, &cand, &created)) != SC_OK)
            goto fail;
    } else {
        if ((rc = sc__db_stmt_get(db, SQL_CAND_BY_NUMBER, &st)) != SC_OK)
            goto fail;
        sc__bind_text(st, 1, rid.number);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            cand = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) {
            rc = sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES,
                               "no candidate record for %s: record the candidate first",
                               rid.number);
            sc__error_set_field("id_number");
            goto fail;
        }
        if (rc != SQLITE_ROW) {
            rc = sc__db_fail(db, rc, "looking up a candidate");
            goto fail;
        }
    }
    if ((rc = sc__db_stmt_get(db, SQL_APP_INS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, cand);
    sqlite3_bind_int64(st, 2, ann.org_id);
    sqlite3_bind_int64(st, 3, ann.a.id);
    sc__bind_text(st, 4, canon);
    sc__bind_text(st, 5, work_type ? work_type : "");
    sqlite3_bind_int(st, 6, level);
    sqlite3_bind_int(st, 7, path);
    sc__bind_text(st, 8, evidence);
    sc__bind_text(st, 9, date);
    sc__bind_text(st, 10, actor->label);
    if ((rc = sc__db_exec_stmt(db, st, "recording an application")) != SC_OK) {
        if (rc == SC_EEXISTS)
            rc = duplicate_error(db, cand, rid.number, canon, work_type ? work_type : "", level);
        goto fail;
    }
    app = sqlite3_last_insert_rowid(db->conn);
    {
        char entity[32];
        snprintf(entity, sizeof entity, "%lld", (long long)app);
        if ((rc = sc__audit_append(db, actor, "application", entity, sc__action_name(action),
                                   "candidate=%s org=%s announcement=%s offering=%s%s%s:%d "
                                   "path=%s date=%s%s%s%s",
                                   rid.number, ann.a.credit_code, ann.a.code, canon,
                                   work_type ? "/" : "", work_type ? work_type : "", level,
                                   sc_path_name(path), date,
                                   created < 0 ? "" : created ? " record=created"
                                                              : " record=replaced",
                                   evidence ? " evidence=" : "", evidence ? evidence : "")) !=
            SC_OK)
            goto fail;
    }
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    if (id_out)
        *id_out = app;
    return SC_OK;
fail:
    sc__db_rollback(db);
    return rc;
}

int sc_application_apply(int64_t *id, sc_db *db, const sc_actor *actor, int64_t announcement,
                         const char *id_number, const char *occupation, const char *work_type,
                         int level, int path, const char *evidence, const char *date)
{
    apply_req rq = { SC__ACT_APPLICATION_APPLY, announcement, id_number, NULL, occupation,
                     work_type, level, path, evidence, date };
    return do_apply(id, db, actor, &rq);
}

int sc_application_apply_for(int64_t *id, sc_db *db, const sc_actor *actor, int64_t announcement,
                             const sc_candidate *record, const char *occupation,
                             const char *work_type, int level, int path, const char *evidence,
                             const char *date)
{
    apply_req rq = { SC__ACT_APPLICATION_APPLY_FOR, announcement, NULL, record, occupation,
                     work_type, level, path, evidence, date };
    if (id)
        *id = 0;
    if (!record)
        return sc__error_null("sc_application_apply_for", "record");
    return do_apply(id, db, actor, &rq);
}

/* ---- verify ------------------------------------------------------------------------ */

static const char SQL_SET_VERIFIED[] =
    "UPDATE application SET state = " SC__APP_SQL_VERIFIED ", verified = ?2, verified_by = ?3, eligibility = ?4, "
    "eligibility_reason = 0, decision = ?5 WHERE id = ?1";
static const char SQL_SET_NOT_ELIGIBLE[] =
    "UPDATE application SET state = " SC__APP_SQL_REJECTED ", verified = ?2, verified_by = ?3, eligibility = NULL, "
    "eligibility_reason = ?4, decision = ?5, ended = ?2, ended_by = ?3, "
    "ended_at = " SC__APP_SQL_SUBMITTED ", "
    "reason = ?5 WHERE id = ?1";

int sc__application_verify_check(sc_db *db, const char *credit_code, const char *occupation,
                                 const char *work_type, int level, int path, const char *date)
{
    /* The organization verifies only while it stands for the offering (issue 11). */
    return sc__org_require_standing(db, credit_code, occupation, work_type, level, date, NULL,
                                    path, "verify an application for", "id");
}

/* State shared by a verification run (one or a batch). */
typedef struct {
    sc_db *db;
    const sc_actor *actor;
    const char *date;
    sc_ruleset *rules;
    sc_decision *decision;
    sqlite3_int64 org_id;      /* the organization whose confirmed bits are cached */
    unsigned int confirmed;
    char text[SC_ORG_TEXT_SIZE * 2]; /* the decision as recorded */
} verify_ctx;

static int verify_one(verify_ctx *v, const app_row *r, int *eligible)
{
    sc_candidate *c = NULL;
    sqlite3_stmt *st;
    int rc, ok;
    if ((rc = step_check(r, SC_APPLICATION_SUBMITTED, v->date, "verified")) != SC_OK)
        return rc;
    if ((rc = sc__application_verify_check(v->db, r->code, r->occupation, r->work_type,
                                           r->level, r->path, v->date)) != SC_OK)
        return rc;
    if (r->org_id != v->org_id) {
        if ((rc = sc_org_rules_confirmed_get(&v->confirmed, v->db, r->code, v->date)) != SC_OK)
            return rc;
        v->org_id = r->org_id;
    }
    if ((rc = sc_candidate_load(&c, v->db, r->id_number)) != SC_OK)
        return rc;
    rc = sc_eligibility_decide(v->decision, v->rules, c, r->occupation,
                               r->work_type[0] ? r->work_type : NULL, r->level, r->path,
                               v->confirmed, v->date);
    sc_candidate_free(c);
    if (rc != SC_OK)
        return rc;
    ok = sc_decision_eligible(v->decision);
    /* Not eligible: the sentence, then what each condition misses. */
    {
        size_t i, n = sc_decision_condition_count(v->decision), o;
        o = (size_t)snprintf(v->text, sizeof v->text, "%s", sc_decision_message(v->decision));
        for (i = 0; !ok && i < n && o < sizeof v->text; i++)
            o += (size_t)snprintf(v->text + o, sizeof v->text - o, "%s%s: %s",
                                  i ? "; " : " — ", sc_decision_condition_id(v->decision, i),
                                  sc_decision_condition_message(v->decision, i));
    }
    if ((rc = sc__db_stmt_get(v->db, ok ? SQL_SET_VERIFIED : SQL_SET_NOT_ELIGIBLE, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, r->id);
    sc__bind_text(st, 2, v->date);
    sc__bind_text(st, 3, v->actor->label);
    if (ok)
        sc__bind_text(st, 4, sc_decision_matched(v->decision));
    else
        sqlite3_bind_int(st, 4, sc_decision_reason(v->decision));
    sc__bind_text(st, 5, v->text);
    if ((rc = sc__db_exec_stmt(v->db, st, "recording a verification")) != SC_OK)
        return rc;
    *eligible = ok;
    return SC_OK;
}

/* Verify ids[0..n) (n >= 1) in one transaction; one audit entry. */
static int do_verify(size_t *verified, sc_db *db, const sc_actor *actor, int action,
                     const int64_t *ids, size_t n, const char *date)
{
    verify_ctx v;
    sc_decision *own = NULL;
    sqlite3_int64 authorized[16];
    size_t nauth = 0, i, good = 0;
    app_row r;
    int rc, eligible = 0;

    memset(&v, 0, sizeof v);
    v.db = db;
    v.actor = actor;
    v.date = date;
    /* The decision points into the rules: both live only during the run. */
    if ((rc = sc_decision_new(&own)) != SC_OK)
        return rc;
    v.decision = own;
    if ((rc = sc__db_begin(db)) != SC_OK)
        goto out;
    for (i = 0; i < n; i++) {
        size_t k;
        int known = 0;
        if ((rc = app_row_get(db, ids[i], &r)) != SC_OK)
            goto fail_item;
        for (k = 0; k < nauth; k++)
            known |= authorized[k] == r.org_id;
        if (!known) {
            if ((rc = sc__authorize(db, actor, action, r.code)) != SC_OK)
                goto fail_item;
            authorized[nauth < 16 ? nauth++ : 15] = r.org_id;
        }
        if (!v.rules && (rc = sc_ruleset_load(&v.rules, db, date)) != SC_OK)
            goto fail;
        if ((rc = verify_one(&v, &r, &eligible)) != SC_OK)
            goto fail_item;
        good += eligible != 0;
    }
    {
        char entity[32], hex[65];
        if (action == SC__ACT_APPLICATION_VERIFY) {
            snprintf(entity, sizeof entity, "%lld", (long long)ids[0]);
            rc = sc__audit_append(db, actor, "application", entity, sc__action_name(action),
                                  "result=%s date=%s%s%s", eligible ? "verified" : "rejected",
                                  date, eligible ? " matched=" : " reason=",
                                  eligible ? sc_decision_matched(v.decision) : v.text);
        } else {
            batch_digest(ids, n, hex);
            rc = sc__audit_append(db, actor, "application", "batch", sc__action_name(action),
                                  "count=%zu verified=%zu rejected=%zu first=%lld last=%lld "
                                  "date=%s ids-sha256=%s", n, good, n - good,
                                  (long long)ids[0], (long long)ids[n - 1], date, hex);
        }
        if (rc != SC_OK)
            goto fail;
    }
    if ((rc = sc__db_commit(db)) != SC_OK)
        goto out;
    if (verified)
        *verified = good;
    goto out;
fail_item:
    if (action != SC__ACT_APPLICATION_VERIFY)
        batch_error(rc, i, n, ids[i]);
fail:
    sc__db_rollback(db);
out:
    sc_ruleset_free(v.rules);
    sc_decision_free(own);
    return rc;
}

/* The actor may act at all (for an empty batch, which names no subject). */
static int kind_allowed(sc_db *db, const sc_actor *actor, int action)
{
    if (actor && (sc__actions[action].kinds & SC_AUTHZ_KIND_BIT(actor->kind)))
        return SC_OK;
    return sc__authorize(db, actor, action, NULL);
}

int sc_application_verify(int *eligible, sc_db *db, const sc_actor *actor, int64_t id,
                          const char *date_in)
{
    char date[SC_DATE_SIZE];
    size_t good = 0;
    app_row r;
    int rc;
    if (eligible)
        *eligible = 0;
    if ((rc = sc__db_check(db, "sc_application_verify", 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = app_row_get(db, id, &r)) != SC_OK ||
        (rc = sc__authorize(db, actor, SC__ACT_APPLICATION_VERIFY, r.code)) != SC_OK)
        return rc;
    if ((rc = do_verify(&good, db, actor, SC__ACT_APPLICATION_VERIFY, &id, 1, date)) == SC_OK &&
        eligible)
        *eligible = good == 1;
    return rc;
}

int sc_application_verify_batch(size_t *verified, sc_db *db, const sc_actor *actor,
                                const int64_t *ids, size_t n, const char *date_in)
{
    char date[SC_DATE_SIZE];
    int rc;
    if (verified)
        *verified = 0;
    if ((rc = sc__db_check(db, "sc_application_verify_batch", 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (n && !ids)
        return sc__error_null("sc_application_verify_batch", "ids");
    if ((rc = kind_allowed(db, actor, SC__ACT_APPLICATION_VERIFY_BATCH)) != SC_OK || n == 0)
        return rc;
    return do_verify(verified, db, actor, SC__ACT_APPLICATION_VERIFY_BATCH, ids, n, date);
}

/* ---- the claim, decided again ----------------------------------------------------------- */

void sc__claim_cache_free(sc__claim_cache *cc)
{
    if (!cc)
        return;
    sc_ruleset_free(cc->rules);
    sc_decision_free(cc->decision);
    memset(cc, 0, sizeof *cc);
}

/* Does c hold any record at all (what a rule may consume)? */
static int record_held(const sc_candidate *c)
{
    return sc_candidate_work_count(c) || sc_candidate_education_count(c) ||
           sc_candidate_certificate_count(c) || sc_candidate_evidence_count(c) ||
           sc_candidate_apprenticeship_occupation(c) != NULL;
}

/* The refusal of a claim: "<person> is verified as meeting '<claim>' for
 * <offering>, but <why>". */
static int claim_refused(const char *id_number, const char *claim, const char *occupation,
                         const char *work_type, int level, const char *why)
{
    sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                  "%s is verified as meeting '%s' for %s%s%s level %d, but %s", id_number,
                  claim, occupation, work_type[0] ? "/" : "", work_type, level, why);
    sc__error_set_field("eligibility");
    return SC_ECONSTRAINT;
}

int sc__application_claim_check(sc_db *db, sc__claim_cache *cc, const char *credit_code,
                                const char *id_number, const char *occupation,
                                const char *work_type, int level, int path, const char *claim,
                                const char *verified, int need_record,
                                const sc_candidate *record)
{
    sc_candidate *own = NULL;
    const sc_candidate *c = record;
    size_t i, n;
    int rc, met = 0;
    if (!work_type)
        work_type = "";
    if (!claim || !claim[0] || !verified || !verified[0])
        return claim_refused(id_number, claim ? claim : "", occupation, work_type, level,
                             "it has no verified claim and day to decide again");
    if (!cc->decision && (rc = sc_decision_new(&cc->decision)) != SC_OK)
        return rc;
    if (!cc->rules || strcmp(cc->day, verified) || strcmp(cc->code, credit_code)) {
        sc_ruleset_free(cc->rules);
        cc->rules = NULL;
        cc->day[0] = '\0';
        if ((rc = sc_ruleset_load(&cc->rules, db, verified)) != SC_OK ||
            (rc = sc_org_rules_confirmed_get(&cc->confirmed, db, credit_code, verified)) != SC_OK)
            return rc;
        sc__copy_text(cc->day, sizeof cc->day, verified);
        sc__copy_text(cc->code, sizeof cc->code, credit_code);
    }
    if (!c) {
        if ((rc = sc_candidate_load(&own, db, id_number)) != SC_OK)
            return rc;
        c = own;
    }
    if (need_record && !record_held(c)) {
        sc_candidate_free(own);
        return claim_refused(id_number, claim, occupation, work_type, level,
                             "this registry holds no record of the person and none is "
                             "carried (<records>): a claim with no record never passes");
    }
    rc = sc_eligibility_decide(cc->decision, cc->rules, c, occupation,
                               work_type[0] ? work_type : NULL, level, path, cc->confirmed,
                               verified);
    sc_candidate_free(own);
    if (rc != SC_OK)
        return rc;
    if (path != SC_PATH_NORMAL) {
        met = sc_decision_eligible(cc->decision) && !strcmp(claim, sc_path_name(path));
    } else {
        n = sc_decision_condition_count(cc->decision);
        for (i = 0; i < n && !met; i++)
            met = !strcmp(sc_decision_condition_id(cc->decision, i), claim) &&
                  sc_decision_condition_met(cc->decision, i) == 1;
    }
    if (met)
        return SC_OK;
    {
        char why[SC_ORG_TEXT_SIZE * 2];
        snprintf(why, sizeof why, "the record decides otherwise: %s",
                 sc_decision_message(cc->decision));
        return claim_refused(id_number, claim, occupation, work_type, level, why);
    }
}

/* ---- confirm ------------------------------------------------------------------------- */

static const char SQL_SET_CONFIRMED[] =
    "UPDATE application SET state = " SC__APP_SQL_CONFIRMED ", confirmed = ?2, confirmed_by = ?3, "
    "batch_id = coalesce(?4, batch_id) WHERE id = ?1";

/* The checks of the district's answer on an application (报名确认), confirm or
 * reject, whichever door it comes through: the direct calls
 * (sc_application_confirm[_batch], sc_application_reject at confirmation) and
 * the replay of a confirmation document (sc__application_answer). It awaits the
 * answer (verified) and the day is not before its last step. SC_OK;
 * SC_ECONSTRAINT (recorded). */
static int answer_check(const app_row *r, int confirm, const char *date)
{
    return step_check(r, SC_APPLICATION_VERIFIED, date, confirm ? "confirmed" : "rejected");
}

/* Record a confirmation of r on date by `by` (batch_id: NULL keeps it). */
static int confirm_apply(sc_db *db, const app_row *r, const char *date, const char *by,
                         const char *batch_id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_SET_CONFIRMED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, r->id);
    sc__bind_text(st, 2, date);
    sc__bind_text(st, 3, by);
    sc__bind_text(st, 4, batch_id);
    return sc__db_exec_stmt(db, st, "recording a confirmation");
}

/* The district confirms only a claim the record supports: the claim the
 * application was verified on, decided again on the record this registry holds
 * (issue 11). */
static int claim_confirmable(sc_db *db, sc__claim_cache *cc, const app_row *r)
{
    return sc__application_claim_check(db, cc, r->code, r->id_number, r->occupation,
                                       r->work_type, r->level, r->path, r->claim, r->verified, 0,
                                       NULL);
}

static int do_confirm(sc_db *db, const sc_actor *actor, int action, const int64_t *ids, size_t n,
                      const char *date)
{
    sqlite3_int64 authorized[16];
    sc__claim_cache cc;
    size_t nauth = 0, i;
    app_row r;
    int rc;

    memset(&cc, 0, sizeof cc);
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    for (i = 0; i < n; i++) {
        size_t k;
        int known = 0;
        if ((rc = app_row_get(db, ids[i], &r)) != SC_OK)
            goto fail_item;
        for (k = 0; k < nauth; k++)
            known |= authorized[k] == r.org_id;
        if (!known) {
            if ((rc = sc__authorize(db, actor, action, r.code)) != SC_OK)
                goto fail_item;
            authorized[nauth < 16 ? nauth++ : 15] = r.org_id;
        }
        if ((rc = answer_check(&r, 1, date)) != SC_OK ||
            (rc = claim_confirmable(db, &cc, &r)) != SC_OK)
            goto fail_item;
        if ((rc = confirm_apply(db, &r, date, actor->label, NULL)) != SC_OK)
            goto fail;
    }
    {
        char entity[32], hex[65];
        if (action == SC__ACT_APPLICATION_CONFIRM) {
            snprintf(entity, sizeof entity, "%lld", (long long)ids[0]);
            rc = sc__audit_append(db, actor, "application", entity, sc__action_name(action),
                                  "confirmed=%s", date);
        } else {
            batch_digest(ids, n, hex);
            rc = sc__audit_append(db, actor, "application", "batch", sc__action_name(action),
                                  "count=%zu first=%lld last=%lld date=%s ids-sha256=%s", n,
                                  (long long)ids[0], (long long)ids[n - 1], date, hex);
        }
        if (rc != SC_OK)
            goto fail;
    }
    sc__claim_cache_free(&cc);
    return sc__db_commit(db);
fail_item:
    if (action != SC__ACT_APPLICATION_CONFIRM)
        batch_error(rc, i, n, ids[i]);
fail:
    sc__claim_cache_free(&cc);
    sc__db_rollback(db);
    return rc;
}

int sc_application_confirm(sc_db *db, const sc_actor *actor, int64_t id, const char *date_in)
{
    char date[SC_DATE_SIZE];
    app_row r;
    int rc;
    if ((rc = sc__db_check(db, "sc_application_confirm", 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = app_row_get(db, id, &r)) != SC_OK ||
        (rc = sc__authorize(db, actor, SC__ACT_APPLICATION_CONFIRM, r.code)) != SC_OK)
        return rc;
    return do_confirm(db, actor, SC__ACT_APPLICATION_CONFIRM, &id, 1, date);
}

int sc_application_confirm_batch(sc_db *db, const sc_actor *actor, const int64_t *ids, size_t n,
                                 const char *date_in)
{
    char date[SC_DATE_SIZE];
    int rc;
    if ((rc = sc__db_check(db, "sc_application_confirm_batch", 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (n && !ids)
        return sc__error_null("sc_application_confirm_batch", "ids");
    if ((rc = kind_allowed(db, actor, SC__ACT_APPLICATION_CONFIRM_BATCH)) != SC_OK || n == 0)
        return rc;
    return do_confirm(db, actor, SC__ACT_APPLICATION_CONFIRM_BATCH, ids, n, date);
}

/* ---- reject, withdraw ------------------------------------------------------------------ */

static const char SQL_SET_ENDED[] =
    "UPDATE application SET state = ?2, ended = ?3, ended_by = ?4, ended_at = ?5, reason = ?6, "
    "batch_id = coalesce(?7, batch_id) WHERE id = ?1";

/* Record the end of r in `state` (REJECTED or WITHDRAWN) on date by `by`, from
 * the state it was in (batch_id: NULL keeps it). */
static int end_apply(sc_db *db, const app_row *r, int state, const char *date, const char *by,
                     const char *reason, const char *batch_id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_SET_ENDED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int(st, 2, state);
    sc__bind_text(st, 3, date);
    sc__bind_text(st, 4, by);
    sqlite3_bind_int(st, 5, r->state);
    sc__bind_text(st, 6, reason);
    sc__bind_text(st, 7, batch_id);
    return sc__db_exec_stmt(db, st, "ending an application");
}

/* End application r in state `state` (REJECTED or WITHDRAWN), with its audit entry. */
static int end_application(sc_db *db, const sc_actor *actor, int action, const app_row *r,
                           int state, const char *reason, const char *date)
{
    char entity[32];
    int rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = end_apply(db, r, state, date, actor->label, reason, NULL)) != SC_OK)
        goto fail;
    snprintf(entity, sizeof entity, "%lld", (long long)r->id);
    if ((rc = sc__audit_append(db, actor, "application", entity, sc__action_name(action),
                               "%s=%s at=%s reason=%s", sc_application_state_name(state), date,
                               sc_application_state_name(r->state), reason)) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

int sc_application_reject(sc_db *db, const sc_actor *actor, int64_t id, const char *reason,
                          const char *date_in)
{
    unsigned int any = sc__actions[SC__ACT_APPLICATION_REJECT].kinds |
                       sc__actions[SC__ACT_APPLICATION_REJECT_CONFIRMATION].kinds;
    char date[SC_DATE_SIZE];
    app_row r;
    int rc, action;
    if ((rc = sc__db_check(db, "sc_application_reject", 1)) != SC_OK ||
        (rc = sc__check_text(reason, "reason", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = app_row_get(db, id, &r)) != SC_OK)
        return rc;
    if (!actor || !(any & SC_AUTHZ_KIND_BIT(actor->kind)))
        return sc__authorize(db, actor, SC__ACT_APPLICATION_REJECT, r.code);
    /* Which refusal it is depends on the step: the organization's verification,
     * or its district's confirmation. */
    action = r.state == SC_APPLICATION_VERIFIED ? SC__ACT_APPLICATION_REJECT_CONFIRMATION
                                                : SC__ACT_APPLICATION_REJECT;
    if ((rc = sc__authorize(db, actor, action, r.code)) != SC_OK)
        return rc;
    if (r.state != SC_APPLICATION_SUBMITTED && r.state != SC_APPLICATION_VERIFIED) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "application %lld is %s: only a submitted (at verification) or verified "
                      "(at confirmation) application can be rejected%s",
                      (long long)id, sc_application_state_name(r.state),
                      r.state == SC_APPLICATION_CONFIRMED ? "; a confirmed one is withdrawn"
                                                          : "");
        sc__error_set_field("state");
        return SC_ECONSTRAINT;
    }
    /* At confirmation, the district's answer: the same checks as its replay. */
    if ((rc = r.state == SC_APPLICATION_VERIFIED ? answer_check(&r, 0, date)
                                                 : step_check(&r, r.state, date, "rejected")) !=
        SC_OK)
        return rc;
    return end_application(db, actor, action, &r, SC_APPLICATION_REJECTED, reason, date);
}

/* An enrolment linked to the application (sc_session_enrol) that has no
 * result yet: the candidate sits on it, and the result decides it (a pass
 * completes it, a fail leaves it open for the resit or a withdrawal). The
 * assessment tells it through sc__application_sitting/_result. */
static const char SQL_APP_AWAITING[] =
    "SELECT sitting FROM application WHERE id = ?1 AND sitting IS NOT NULL";

static int not_awaiting_result(sc_db *db, const app_row *r)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_APP_AWAITING, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, r->id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        long long session = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return sc__error_fail(SC_ECONSTRAINT, SC_DOMAIN_RULES, "state",
                              "application %lld is enrolled in session %lld, which has no "
                              "result for %s yet: the result decides it (an absent candidate "
                              "is recorded with scores of 0; a failed application may then be "
                              "withdrawn)", (long long)r->id, session, r->id_number);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SC_OK : sc__db_fail(db, rc, "reading an application");
}

static int do_withdraw(sc_db *db, const sc_actor *actor, int action, int64_t id,
                       const char *reason, const char *date_in)
{
    char date[SC_DATE_SIZE];
    app_row r;
    int rc;
    if ((rc = sc__db_check(db, sc__actions[action].function, 1)) != SC_OK ||
        (rc = sc__check_text(reason, "reason", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = app_row_get(db, id, &r)) != SC_OK ||
        (rc = sc__authorize(db, actor, action,
                            action == SC__ACT_APPLICATION_WITHDRAW ? r.id_number : r.code)) !=
            SC_OK)
        return rc;
    if (r.state != SC_APPLICATION_SUBMITTED && r.state != SC_APPLICATION_VERIFIED &&
        r.state != SC_APPLICATION_CONFIRMED) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "application %lld is %s: only an open application can be withdrawn",
                      (long long)id, sc_application_state_name(r.state));
        sc__error_set_field("state");
        return SC_ECONSTRAINT;
    }
    if ((rc = step_check(&r, r.state, date, "withdrawn")) != SC_OK ||
        (r.state == SC_APPLICATION_CONFIRMED && (rc = not_awaiting_result(db, &r)) != SC_OK))
        return rc;
    return end_application(db, actor, action, &r, SC_APPLICATION_WITHDRAWN, reason, date);
}

int sc_application_withdraw(sc_db *db, const sc_actor *actor, int64_t id, const char *reason,
                            const char *date)
{
    return do_withdraw(db, actor, SC__ACT_APPLICATION_WITHDRAW, id, reason, date);
}

int sc_application_withdraw_for(sc_db *db, const sc_actor *actor, int64_t id,
                                const char *reason, const char *date)
{
    return do_withdraw(db, actor, SC__ACT_APPLICATION_WITHDRAW_FOR, id, reason, date);
}

/* ---- reading --------------------------------------------------------------------------- */

static const char SQL_APP_GET[] = "SELECT " SC__APP_COLS SC__APP_FROM "WHERE p.id = ?1";

int sc_application_get(sc_application *out, sc_db *db, int64_t id)
{
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_application_get", "out");
    SC__VERSION_CHECK(out, "sc_application", SC_APPLICATION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_application_get", 0)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_APP_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        sc__app_fill(out, st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading an application");
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no application with id %lld", (long long)id);
    sc__error_set_field("id");
    return SC_ENOTFOUND;
}

int sc_application_query_init(sc_application_query *q, unsigned int version)
{
    if (!q)
        return sc__error_null("sc_application_query_init", "q");
    if (version != SC_APPLICATION_QUERY_VERSION)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_application_query version %u is not known to this library",
                             version);
    memset(q, 0, sizeof(*q));
    q->version = version;
    return SC_OK;
}

#define QUERY_WHERE                                                                         \
    "WHERE (?1 IS NULL OR o.credit_code = ?1) AND (?2 = 0 OR p.announcement_id = ?2) AND "  \
    "(?3 IS NULL OR c.id_number = ?3) AND (?4 IS NULL OR p.occupation = ?4) AND "           \
    "(?5 = 0 OR p.level = ?5) AND (?6 = 0 OR p.state = ?6) AND (?7 IS NULL OR p.batch_id = ?7) "

static const char SQL_APP_ITER[] = "SELECT " SC__APP_COLS SC__APP_FROM QUERY_WHERE "ORDER BY p.id";
static const char SQL_APP_COUNT[] = "SELECT count(*)" SC__APP_FROM QUERY_WHERE;

/* Check a query and bind it to st. */
static int query_bind(sc_db *db, sqlite3_stmt *st, const sc_application_query *q)
{
    char cc[SC_CREDIT_CODE_SIZE], occ[SC__CODE_SIZE];
    sc_resident_id rid = SC_RESIDENT_ID_INIT;
    int rc;
    (void)db;
    if (!q) {
        sqlite3_bind_null(st, 1);
        sqlite3_bind_int64(st, 2, 0);
        sqlite3_bind_null(st, 3);
        sqlite3_bind_null(st, 4);
        sqlite3_bind_int(st, 5, 0);
        sqlite3_bind_int(st, 6, 0);
        sqlite3_bind_null(st, 7);
        return SC_OK;
    }
    if (q->version != SC_APPLICATION_QUERY_VERSION)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_application_query version %u is not known to this library",
                             q->version);
    if (q->credit_code[0] && (rc = sc__credit_code_norm(q->credit_code, cc)) != SC_OK)
        return rc;
    if (q->id_number[0] && (rc = sc__resident_id_check(q->id_number, &rid)) != SC_OK)
        return rc;
    if (q->occupation[0] && (rc = sc__occupation_code_norm(q->occupation, occ)) != SC_OK)
        return rc;
    if (q->level < 0 || q->level > SC_LEVEL_MAX || q->state < 0 ||
        q->state > SC_APPLICATION_COMPLETED) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "query level %d or state %d out of range",
                      q->level, q->state);
        sc__error_set_field(q->state < 0 || q->state > SC_APPLICATION_COMPLETED ? "state"
                                                                                : "level");
        return SC_EINVAL;
    }
    if (!memchr(q->batch_id, '\0', sizeof q->batch_id))
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "query batch_id is not terminated");
    sc__bind_text(st, 1, q->credit_code[0] ? cc : NULL);
    sqlite3_bind_int64(st, 2, q->announcement);
    sc__bind_text(st, 3, q->id_number[0] ? rid.number : NULL);
    sc__bind_text(st, 4, q->occupation[0] ? occ : NULL);
    sqlite3_bind_int(st, 5, q->level);
    sqlite3_bind_int(st, 6, q->state);
    sc__bind_text(st, 7, q->batch_id[0] ? q->batch_id : NULL);
    return SC_OK;
}

struct sc_application_iter {
    sc_db *db;
    sqlite3_stmt *st;
    int done;
};

int sc_application_iter_new(sc_application_iter **out, sc_db *db, const sc_application_query *q)
{
    sc_application_iter *it;
    int rc;
    if (!out)
        return sc__error_null("sc_application_iter_new", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_application_iter_new", 0)) != SC_OK)
        return rc;
    if (!(it = sc__calloc(1, sizeof(*it))))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an iterator");
    if ((rc = sc__db_prepare(db, SQL_APP_ITER, &it->st)) != SC_OK ||
        (rc = query_bind(db, it->st, q)) != SC_OK) {
        sqlite3_finalize(it->st);
        free(it);
        return rc;
    }
    it->db = db;
    sc__db_ref(db);
    *out = it;
    return SC_OK;
}

int sc_application_iter_next(sc_application *out, sc_application_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_application_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_application", SC_APPLICATION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!it)
        return sc__error_null("sc_application_iter_next", "it");
    if (it->done)
        return SC_ITEROVER;
    rc = sqlite3_step(it->st);
    if (rc == SQLITE_DONE) {
        it->done = 1;
        return SC_ITEROVER;
    }
    if (rc != SQLITE_ROW)
        return sc__db_fail(it->db, rc, "iterating applications");
    sc__app_fill(out, it->st);
    return SC_OK;
}

void sc_application_iter_free(sc_application_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sc__db_unref(it->db);
    free(it);
}

int sc_application_count_get(int64_t *out, sc_db *db, const sc_application_query *q)
{
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_application_count_get", "out");
    *out = 0;
    if ((rc = sc__db_check(db, "sc_application_count_get", 0)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_APP_COUNT, &st)) != SC_OK)
        return rc;
    if ((rc = query_bind(db, st, q)) != SC_OK) {
        sqlite3_reset(st);
        return rc;
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "counting applications");
    return SC_OK;
}

static const char SQL_APP_SITTING[] = "UPDATE application SET sitting = ?2 WHERE id = ?1";
static const char SQL_APP_SAT[] =
    "UPDATE application SET sitting = NULL WHERE id = ?1 AND sitting = ?2";
static const char SQL_APP_COMPLETE[] =
    "UPDATE application SET state = ?5, ended = ?2, ended_by = ?3, ended_at = ?6, reason = ?4 "
    "WHERE id = ?1 AND state = ?6";

int sc__application_sitting(sc_db *db, sqlite3_int64 id, sqlite3_int64 session_id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_APP_SITTING, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, session_id);
    return sc__db_exec_stmt(db, st, "recording an enrolment on an application");
}

int sc__application_result(sc_db *db, sqlite3_int64 id, sqlite3_int64 session_id, int passed,
                           const char *date, const char *by, const char *reason,
                           int *completed)
{
    sqlite3_stmt *st;
    int rc;
    *completed = 0;
    if ((rc = sc__db_stmt_get(db, SQL_APP_SAT, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, session_id);
    if ((rc = sc__db_exec_stmt(db, st, "recording a result on an application")) != SC_OK)
        return rc;
    if (!passed)
        return SC_OK;
    if ((rc = sc__db_stmt_get(db, SQL_APP_COMPLETE, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, date);
    sc__bind_text(st, 3, by);
    sc__bind_text(st, 4, reason);
    sqlite3_bind_int(st, 5, SC_APPLICATION_COMPLETED);
    sqlite3_bind_int(st, 6, SC_APPLICATION_CONFIRMED);
    if ((rc = sc__db_exec_stmt(db, st, "completing an application")) != SC_OK)
        return rc;
    *completed = sqlite3_changes(db->conn) > 0;
    return SC_OK;
}

/* A new application awaiting confirmation, or the same open one of this
 * organization and announcement sent again (from another batch) updated. */
static const char SQL_APP_UPSERT[] =
    "INSERT INTO application(candidate_id, org_id, announcement_id, occupation, work_type, level, "
    "path, evidence, state, applied, applied_by, verified, verified_by, eligibility, batch_id) "
    "VALUES ((SELECT id FROM candidate WHERE id_number = ?1), ?2, ?3, ?4, ?5, ?6, "
    "?7, ?8, ?14, ?9, ?10, ?11, ?10, ?12, ?13) "
    /* the partial index application_open, as migration 7 defines it */
    "ON CONFLICT (candidate_id, occupation, work_type, level) WHERE state <= " SC__APP_SQL_CONFIRMED " "
    "DO UPDATE SET path = excluded.path, evidence = excluded.evidence, "
    "applied = excluded.applied, verified = excluded.verified, "
    "eligibility = excluded.eligibility, batch_id = excluded.batch_id "
    "WHERE application.org_id = excluded.org_id "
    "AND application.announcement_id = excluded.announcement_id AND application.state = ?14 "
    "AND application.batch_id IS NOT excluded.batch_id";

int sc__application_receive(sc_db *db, const sc__app_in *in, int *changed)
{
    sqlite3_stmt *st;
    int rc;
    *changed = 0;
    if ((rc = sc__db_stmt_get(db, SQL_APP_UPSERT, &st)) != SC_OK)
        return rc;
    sqlite3_bind_text(st, 1, in->id_number, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, in->org_id);
    sqlite3_bind_int64(st, 3, in->announcement_id);
    sqlite3_bind_text(st, 4, in->occupation, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, in->work_type, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, in->level);
    sqlite3_bind_int(st, 7, in->path);
    if (in->evidence)
        sqlite3_bind_text(st, 8, in->evidence, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 8);
    sqlite3_bind_text(st, 9, in->applied, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, in->applied_by, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, in->verified, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, in->eligibility, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, in->batch_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, SC_APPLICATION_VERIFIED);
    rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        sqlite3_reset(st);
        if ((rc & 0xff) == SQLITE_CONSTRAINT)
            return SC_OK; /* the open application in the way: *changed stays 0 */
        return sc__db_fail(db, rc, "recording an application");
    }
    *changed = sqlite3_changes(db->conn) == 1;
    sqlite3_reset(st);
    return SC_OK;
}

/* The latest application of a person to an announcement for an offering, with
 * what an answer replayed again must compare: confirmed, ended, ended_at, reason. */
static const char SQL_APP_ROW_BY_KEY[] =
    "SELECT p.state, p.org_id, o.credit_code, c.id_number, p.occupation, p.work_type, p.level, "
    "p.path, max(p.applied, coalesce(p.verified, ''), coalesce(p.confirmed, '')), p.id, "
    "p.confirmed, p.ended, p.ended_at, p.reason, p.verified, p.eligibility "
    "FROM application p JOIN org o ON o.id = p.org_id JOIN candidate c ON c.id = p.candidate_id "
    "WHERE p.candidate_id = (SELECT id FROM candidate WHERE id_number = ?1) "
    "AND p.announcement_id = ?2 AND p.occupation = ?3 AND p.work_type = ?4 AND p.level = ?5 "
    "ORDER BY p.id DESC LIMIT 1";

int sc__application_answer(sc_db *db, const char *id_number, sqlite3_int64 announcement_id,
                           const char *occupation, const char *work_type, int level,
                           int confirm, const char *date, const char *by,
                           const char *batch_id, const char *reason, int *changed)
{
    sqlite3_stmt *st;
    app_row r;
    int rc, same = 0;
    *changed = 0;
    if ((rc = sc__db_stmt_get(db, SQL_APP_ROW_BY_KEY, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, id_number);
    sqlite3_bind_int64(st, 2, announcement_id);
    sc__bind_text(st, 3, occupation);
    sc__bind_text(st, 4, work_type);
    sqlite3_bind_int(st, 5, level);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *when = sc__col_text(st, confirm ? 10 : 11), *why = sc__col_text(st, 13);
        app_row_fill(&r, st, 14);
        /* This registry has the decision already: a replay of the same answer. */
        if (confirm)
            same = r.state == SC_APPLICATION_CONFIRMED || r.state == SC_APPLICATION_COMPLETED;
        else
            same = r.state == SC_APPLICATION_REJECTED &&
                   sqlite3_column_int(st, 12) == SC_APPLICATION_VERIFIED && why && reason &&
                   !strcmp(why, reason);
        same = same && when && !strcmp(when, date);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES,
                      "%s has no application for %s%s%s level %d to this announcement",
                      id_number, occupation, work_type[0] ? "/" : "", work_type, level);
        sc__error_set_field("id-number");
        return SC_ENOTFOUND;
    }
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "reading an application");
    if (same)
        return SC_OK;
    /* The district's act, with the checks its direct call makes. */
    if ((rc = answer_check(&r, confirm, date)) != SC_OK)
        return rc;
    rc = confirm ? confirm_apply(db, &r, date, by, batch_id)
                 : end_apply(db, &r, SC_APPLICATION_REJECTED, date, by, reason, batch_id);
    if (rc == SC_OK)
        *changed = 1;
    return rc;
}
