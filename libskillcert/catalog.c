/*
 * The catalog: levels, occupations, work types, offerings, with effective
 * dates so that any past date can be answered (动态调整).
 */
#include "catalog_int.h"
#include "authz_int.h"
#include "audit_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- levels ---------------------------------------------------------- */

static const char *const level_zh[] = { NULL, "高级技师", "技师", "高级工", "中级工", "初级工" };
static const char *const level_rank[] = { NULL, "一级", "二级", "三级", "四级", "五级" };
static const char *const level_en[] = { NULL, "senior technician", "technician", "senior",
                                        "intermediate", "junior" };

const char *sc_level_name_zh(int level)
{
    return level >= SC_LEVEL_MIN && level <= SC_LEVEL_MAX ? level_zh[level] : NULL;
}

const char *sc_level_rank_zh(int level)
{
    return level >= SC_LEVEL_MIN && level <= SC_LEVEL_MAX ? level_rank[level] : NULL;
}

const char *sc_level_name_en(int level)
{
    return level >= SC_LEVEL_MIN && level <= SC_LEVEL_MAX ? level_en[level] : NULL;
}

int sc_level_parse(int *out, const char *text)
{
    int l;
    if (!out)
        return sc__error_null("sc_level_parse", "out");
    if (!text)
        return sc__error_null("sc_level_parse", "text");
    *out = 0;
    if (text[0] >= '1' && text[0] <= '5' && text[1] == '\0') {
        *out = text[0] - '0';
        return SC_OK;
    }
    for (l = SC_LEVEL_MIN; l <= SC_LEVEL_MAX; l++) {
        char both[64];
        snprintf(both, sizeof both, "%s/%s", level_rank[l], level_zh[l]);
        if (!strcmp(text, level_zh[l]) || !strcmp(text, level_rank[l]) ||
            !strcmp(text, level_en[l]) || !strcmp(text, both)) {
            *out = l;
            return SC_OK;
        }
    }
    sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                  "'%.60s' is not a level: give 1-5 (1 = 高级技师, 5 = 初级工) or a level name",
                  text);
    sc__error_set_field("level");
    return SC_EINVAL;
}

static int check_level(int level)
{
    if (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "level %d is outside 1-5 (1 = 一级/高级技师 … 5 = 五级/初级工)", level);
        sc__error_set_field("level");
        return SC_EINVAL;
    }
    return SC_OK;
}

/* ---- codes ----------------------------------------------------------- */

/* Length of a separator at s (ASCII hyphen or a Unicode dash), or 0. */
static size_t dash_len(const unsigned char *s)
{
    if (s[0] == '-')
        return 1;
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] >= 0x90 && s[2] <= 0x95))
        return 3; /* U+2010..U+2015: hyphens, en dash, em dash, horizontal bar */
    if (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8D)
        return 3; /* U+FF0D fullwidth hyphen-minus */
    if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92)
        return 3; /* U+2212 minus sign */
    return 0;
}

int sc__occupation_code_norm(const char *in, char out[SC__CODE_SIZE])
{
    const unsigned char *s = (const unsigned char *)in;
    static const int group_len[4] = { 1, 2, 2, 2 };
    int g, o = 0;

    if (!in)
        return sc__error_null("occupation code", "code");
    while (*s == ' ' || *s == '\t')
        s++;
    for (g = 0; g < 4; g++) {
        int i;
        if (g > 0) {
            size_t d = dash_len(s);
            if (!d)
                goto bad;
            s += d;
            out[o++] = '-';
        }
        for (i = 0; i < group_len[g]; i++) {
            if (*s < '0' || *s > '9')
                goto bad;
            out[o++] = (char)*s++;
        }
    }
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s)
        goto bad;
    out[o] = '\0';
    if (out[0] < '1' || out[0] > '8')
        goto bad;
    return SC_OK;
bad:
    out[0] = '\0';
    if (!sc__utf8_valid(in))
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "occupation code is not valid UTF-8");
    else
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "'%.40s' is not an occupation code: expected D-DD-DD-DD "
                      "(大类-中类-小类-细类, e.g. 4-04-05-05; '—' dashes accepted)", in);
    sc__error_set_field("code");
    return SC_EINVAL;
}

int sc_occupation_code_normalize(char **out, const char *code)
{
    char buf[SC__CODE_SIZE];
    int rc;
    if (!out)
        return sc__error_null("sc_occupation_code_normalize", "out");
    *out = NULL;
    if ((rc = sc__occupation_code_norm(code, buf)) != SC_OK)
        return rc;
    *out = sc__strdup(buf);
    if (!*out)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    return SC_OK;
}

/* ---- lookups --------------------------------------------------------- */

typedef struct {
    sqlite3_int64 id;
    char code[SC__CODE_SIZE];
    char effective[11];
    char withdrawn[11]; /* "" when in force */
} occ_row;

static const char SQL_FIND_OCC[] =
    "SELECT id, code, effective, withdrawn FROM occupation WHERE code = ?1 "
    "UNION ALL "
    "SELECT o.id, o.code, o.effective, o.withdrawn FROM occupation_alias a "
    "JOIN occupation o ON o.id = a.occupation_id WHERE a.alias = ?1 LIMIT 1";

/* SC_OK with row; SC_ENOTFOUND (not recorded) when absent; other errors recorded. */
static int find_occupation(sc_db *db, const char *norm, occ_row *row)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_FIND_OCC, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, norm);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *w = sc__col_text(st, 3);
        row->id = sqlite3_column_int64(st, 0);
        snprintf(row->code, sizeof row->code, "%s", sc__col_text(st, 1));
        snprintf(row->effective, sizeof row->effective, "%s", sc__col_text(st, 2));
        snprintf(row->withdrawn, sizeof row->withdrawn, "%s", w ? w : "");
        sqlite3_reset(st);
        return SC_OK;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return SC_ENOTFOUND;
    return sc__db_fail(db, rc, "looking up an occupation");
}

static int require_occupation(sc_db *db, const char *code, occ_row *row)
{
    char norm[SC__CODE_SIZE];
    int rc;
    if ((rc = sc__occupation_code_norm(code, norm)) != SC_OK)
        return rc;
    rc = find_occupation(db, norm, row);
    if (rc == SC_ENOTFOUND) {
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "occupation %s is not in the catalog", norm);
        sc__error_set_field("code");
    }
    return rc;
}

static const char SQL_FIND_WT[] =
    "SELECT id, effective, withdrawn FROM work_type WHERE occupation_id = ?1 AND name = ?2";

/* SC_OK, SC_ENOTFOUND (not recorded), or a recorded error. */
static int find_work_type(sc_db *db, sqlite3_int64 occ, const char *name, sqlite3_int64 *id,
                          char effective[11], char withdrawn[11])
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_FIND_WT, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, occ);
    sc__bind_text(st, 2, name);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *w = sc__col_text(st, 2);
        *id = sqlite3_column_int64(st, 0);
        if (effective)
            snprintf(effective, 11, "%s", sc__col_text(st, 1));
        if (withdrawn)
            snprintf(withdrawn, 11, "%s", w ? w : "");
        sqlite3_reset(st);
        return SC_OK;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return SC_ENOTFOUND;
    return sc__db_fail(db, rc, "looking up a work type");
}

static int in_force(const char *effective, const char *withdrawn, const char *date)
{
    return strcmp(effective, date) <= 0 && (!withdrawn || !*withdrawn || strcmp(date, withdrawn) < 0);
}

/* ---- unchecked changes ------------------------------------------------ */

static const char SQL_INS_OCC[] =
    "INSERT INTO occupation(code, name, effective) VALUES (?1, ?2, ?3)";
int sc__catalog_add_occupation(sc_db *db, const char *code, const char *name,
                               const char *effective)
{
    char norm[SC__CODE_SIZE];
    occ_row row;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__occupation_code_norm(code, norm)) != SC_OK ||
        (rc = sc__check_text(name, "name", 256, 1)) != SC_OK ||
        (rc = sc__check_date(effective, "effective")) != SC_OK)
        return rc;
    rc = find_occupation(db, norm, &row);
    if (rc == SC_OK) {
        sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "occupation %s is already in the catalog%s",
                      norm, strcmp(row.code, norm) ? " (as an alias)" : "");
        sc__error_set_field("code");
        return SC_EEXISTS;
    }
    if (rc != SC_ENOTFOUND)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_INS_OCC, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, norm);
    sc__bind_text(st, 2, name);
    sc__bind_text(st, 3, effective);
    return sc__db_exec_stmt(db, st, "adding an occupation");
}

static const char SQL_INS_WT[] =
    "INSERT INTO work_type(occupation_id, name, effective) VALUES (?1, ?2, ?3)";

int sc__catalog_add_work_type(sc_db *db, const char *code, const char *work_type,
                              const char *effective)
{
    occ_row row;
    sqlite3_int64 wid;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__check_text(work_type, "work_type", 256, 1)) != SC_OK ||
        (rc = sc__check_date(effective, "effective")) != SC_OK ||
        (rc = require_occupation(db, code, &row)) != SC_OK)
        return rc;
    if (row.withdrawn[0] && strcmp(effective, row.withdrawn) >= 0)
        return sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                             "occupation %s is withdrawn from %s; no work type can start on %s",
                             row.code, row.withdrawn, effective);
    rc = find_work_type(db, row.id, work_type, &wid, NULL, NULL);
    if (rc == SC_OK) {
        sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "occupation %s already has work type %s",
                      row.code, work_type);
        sc__error_set_field("work_type");
        return SC_EEXISTS;
    }
    if (rc != SC_ENOTFOUND)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_INS_WT, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, row.id);
    sc__bind_text(st, 2, work_type);
    sc__bind_text(st, 3, strcmp(effective, row.effective) < 0 ? row.effective : effective);
    return sc__db_exec_stmt(db, st, "adding a work type");
}

static const char SQL_OFFERING_OPEN[] =
    "SELECT effective, withdrawn FROM offering WHERE occupation_id = ?1 AND level = ?2 "
    "AND work_type_id IS ?3 AND (withdrawn IS NULL OR withdrawn > ?4)";
static const char SQL_INS_OFFERING[] =
    "INSERT INTO offering(occupation_id, work_type_id, level, effective) VALUES (?1, ?2, ?3, ?4)";

int sc__catalog_add_offering(sc_db *db, const char *code, const char *work_type, int level,
                             const char *effective)
{
    occ_row row;
    sqlite3_int64 wid = 0;
    sqlite3_stmt *st;
    int rc, has_wt;
    char wt_eff[11] = "", wt_wd[11] = "";

    if (work_type && !*work_type)
        work_type = NULL;
    has_wt = work_type != NULL;
    if ((rc = check_level(level)) != SC_OK ||
        (rc = sc__check_text(work_type, "work_type", 256, 0)) != SC_OK ||
        (rc = sc__check_date(effective, "effective")) != SC_OK ||
        (rc = require_occupation(db, code, &row)) != SC_OK)
        return rc;
    if (row.withdrawn[0] && strcmp(effective, row.withdrawn) >= 0)
        return sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                             "occupation %s is withdrawn from %s; no offering can start on %s",
                             row.code, row.withdrawn, effective);
    if (has_wt) {
        rc = find_work_type(db, row.id, work_type, &wid, wt_eff, wt_wd);
        if (rc == SC_ENOTFOUND) {
            sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "occupation %s has no work type %s",
                          row.code, work_type);
            sc__error_set_field("work_type");
            return SC_ENOTFOUND;
        }
        if (rc != SC_OK)
            return rc;
        if (wt_wd[0] && strcmp(effective, wt_wd) >= 0)
            return sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                                 "work type %s of %s is withdrawn from %s", work_type, row.code,
                                 wt_wd);
    }
    if ((rc = sc__db_stmt_get(db, SQL_OFFERING_OPEN, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, row.id);
    sqlite3_bind_int(st, 2, level);
    if (has_wt)
        sqlite3_bind_int64(st, 3, wid);
    else
        sqlite3_bind_null(st, 3);
    sc__bind_text(st, 4, effective);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
        sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "level %d of %s%s%s is already offered",
                      level, row.code, has_wt ? " / " : " (undivided)", has_wt ? work_type : "");
        sc__error_set_field("level");
        return SC_EEXISTS;
    }
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "checking offerings");
    if ((rc = sc__db_stmt_get(db, SQL_INS_OFFERING, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, row.id);
    if (has_wt)
        sqlite3_bind_int64(st, 2, wid);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_int(st, 3, level);
    {
        /* An offering cannot start before its occupation or work type. */
        const char *eff = effective;
        if (strcmp(eff, row.effective) < 0)
            eff = row.effective;
        if (has_wt && strcmp(eff, wt_eff) < 0)
            eff = wt_eff;
        sc__bind_text(st, 4, eff);
    }
    return sc__db_exec_stmt(db, st, "adding an offering");
}

static const char SQL_INS_ALIAS[] =
    "INSERT INTO occupation_alias(alias, occupation_id) VALUES (?1, ?2)";

int sc__catalog_add_alias(sc_db *db, const char *alias, const char *code)
{
    char anorm[SC__CODE_SIZE];
    occ_row row, other;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__occupation_code_norm(alias, anorm)) != SC_OK) {
        sc__error_set_field("alias");
        return rc;
    }
    if ((rc = require_occupation(db, code, &row)) != SC_OK)
        return rc;
    rc = find_occupation(db, anorm, &other);
    if (rc == SC_OK) {
        sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES,
                      "%s already names occupation %s; it cannot be an alias of %s", anorm,
                      other.code, row.code);
        sc__error_set_field("alias");
        return SC_EEXISTS;
    }
    if (rc != SC_ENOTFOUND)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_INS_ALIAS, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, anorm);
    sqlite3_bind_int64(st, 2, row.id);
    return sc__db_exec_stmt(db, st, "adding an alias");
}

static const char SQL_WD_OCC[] =
    "UPDATE occupation SET withdrawn = ?2 WHERE id = ?1";
static const char SQL_WD_OCC_WTS[] =
    "UPDATE work_type SET withdrawn = ?2 WHERE occupation_id = ?1 "
    "AND (withdrawn IS NULL OR withdrawn > ?2) AND effective < ?2";
static const char SQL_WD_OCC_OFFS[] =
    "UPDATE offering SET withdrawn = ?2 WHERE occupation_id = ?1 "
    "AND (withdrawn IS NULL OR withdrawn > ?2) AND effective < ?2";
static const char SQL_WD_WT[] =
    "UPDATE work_type SET withdrawn = ?2 WHERE id = ?1";
static const char SQL_WD_WT_OFFS[] =
    "UPDATE offering SET withdrawn = ?2 WHERE work_type_id = ?1 "
    "AND (withdrawn IS NULL OR withdrawn > ?2) AND effective < ?2";
static const char SQL_WD_OFFERING[] =
    "UPDATE offering SET withdrawn = ?4 WHERE occupation_id = ?1 AND work_type_id IS ?2 "
    "AND level = ?3 AND withdrawn IS NULL AND effective < ?4";

static int run_update(sc_db *db, const char *sql, sqlite3_int64 id, const char *date,
                      const char *what, int *changed)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, sql, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, date);
    rc = sc__db_exec_stmt(db, st, what);
    if (changed)
        *changed = sqlite3_changes(db->conn);
    return rc;
}

int sc__catalog_withdraw(sc_db *db, const char *code, const char *work_type, int level,
                         const char *date)
{
    occ_row row;
    int rc, changed = 0;

    if (work_type && !*work_type)
        work_type = NULL;
    if ((rc = sc__check_date(date, "date")) != SC_OK ||
        (rc = sc__check_text(work_type, "work_type", 256, 0)) != SC_OK ||
        (level != 0 && (rc = check_level(level)) != SC_OK) ||
        (rc = require_occupation(db, code, &row)) != SC_OK)
        return rc;
    if (row.withdrawn[0])
        return sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                             "occupation %s was already withdrawn on %s", row.code, row.withdrawn);
    if (strcmp(date, row.effective) <= 0)
        return sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                             "occupation %s is effective from %s; a withdrawal must come after",
                             row.code, row.effective);

    if (!work_type && level == 0) {
        if ((rc = run_update(db, SQL_WD_OCC, row.id, date, "withdrawing an occupation", NULL)) ||
            (rc = run_update(db, SQL_WD_OCC_WTS, row.id, date, "withdrawing work types", NULL)) ||
            (rc = run_update(db, SQL_WD_OCC_OFFS, row.id, date, "withdrawing offerings", NULL)))
            return rc;
        return SC_OK;
    }
    if (work_type && level == 0) {
        sqlite3_int64 wid;
        char eff[11], wd[11];
        rc = find_work_type(db, row.id, work_type, &wid, eff, wd);
        if (rc == SC_ENOTFOUND) {
            sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "occupation %s has no work type %s",
                          row.code, work_type);
            sc__error_set_field("work_type");
            return SC_ENOTFOUND;
        }
        if (rc != SC_OK)
            return rc;
        if (wd[0])
            return sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                                 "work type %s of %s was already withdrawn on %s", work_type,
                                 row.code, wd);
        if (strcmp(date, eff) <= 0)
            return sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                                 "work type %s of %s is effective from %s; a withdrawal must "
                                 "come after", work_type, row.code, eff);
        if ((rc = run_update(db, SQL_WD_WT, wid, date, "withdrawing a work type", NULL)) ||
            (rc = run_update(db, SQL_WD_WT_OFFS, wid, date, "withdrawing offerings", NULL)))
            return rc;
        return SC_OK;
    }
    {
        sqlite3_stmt *st;
        sqlite3_int64 wid = 0;
        if (work_type) {
            rc = find_work_type(db, row.id, work_type, &wid, NULL, NULL);
            if (rc == SC_ENOTFOUND) {
                sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "occupation %s has no work type %s",
                              row.code, work_type);
                sc__error_set_field("work_type");
                return SC_ENOTFOUND;
            }
            if (rc != SC_OK)
                return rc;
        }
        if ((rc = sc__db_stmt_get(db, SQL_WD_OFFERING, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, row.id);
        if (work_type)
            sqlite3_bind_int64(st, 2, wid);
        else
            sqlite3_bind_null(st, 2);
        sqlite3_bind_int(st, 3, level);
        sc__bind_text(st, 4, date);
        if ((rc = sc__db_exec_stmt(db, st, "withdrawing an offering")) != SC_OK)
            return rc;
        changed = sqlite3_changes(db->conn);
        if (changed == 0)
            return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES,
                                 "level %d of %s%s%s is not offered before %s, so it cannot be "
                                 "withdrawn then", level, row.code, work_type ? " / " : "",
                                 work_type ? work_type : "", date);
        return SC_OK;
    }
}

/* ---- public changes ---------------------------------------------------- */

/* Run one unchecked change as its own transaction, after the authorization
 * check of its action (authz.c); on success append its audit entry (entity
 * "occupation", the code) in the same transaction. */
#define CATALOG_CHANGE(func, action, code, call, ...)                                \
    do {                                                                             \
        char norm_[SC__CODE_SIZE];                                                   \
        int rc_;                                                                     \
        if ((rc_ = sc__db_check(db, func, 1)) != SC_OK)                              \
            return rc_;                                                              \
        if ((rc_ = sc__authorize(db, actor, action, NULL)) != SC_OK)                 \
            return rc_;                                                              \
        if ((rc_ = sc__db_begin(db)) != SC_OK)                                       \
            return rc_;                                                              \
        if ((rc_ = (call)) != SC_OK ||                                               \
            (rc_ = sc__audit_append(db, actor, "occupation",                         \
                                    sc__occupation_code_norm(code, norm_) == SC_OK   \
                                        ? norm_ : "?",                               \
                                    sc__action_name(action), __VA_ARGS__)) != SC_OK) { \
            sc__db_rollback(db);                                                     \
            return rc_;                                                              \
        }                                                                            \
        return sc__db_commit(db);                                                    \
    } while (0)

int sc_catalog_add_occupation(sc_db *db, const sc_actor *actor, const char *code,
                              const char *name, const char *effective)
{
    CATALOG_CHANGE("sc_catalog_add_occupation", SC__ACT_CATALOG_ADD_OCCUPATION, code,
                   sc__catalog_add_occupation(db, code, name, effective),
                   "name=%s effective=%s", name, effective);
}

int sc_catalog_add_work_type(sc_db *db, const sc_actor *actor, const char *code,
                             const char *work_type, const char *effective)
{
    CATALOG_CHANGE("sc_catalog_add_work_type", SC__ACT_CATALOG_ADD_WORK_TYPE, code,
                   sc__catalog_add_work_type(db, code, work_type, effective),
                   "work_type=%s effective=%s", work_type, effective);
}

int sc_catalog_add_offering(sc_db *db, const sc_actor *actor, const char *code,
                            const char *work_type, int level, const char *effective)
{
    CATALOG_CHANGE("sc_catalog_add_offering", SC__ACT_CATALOG_ADD_OFFERING, code,
                   sc__catalog_add_offering(db, code, work_type, level, effective),
                   "work_type=%s level=%d effective=%s", work_type ? work_type : "", level,
                   effective);
}

int sc_catalog_withdraw_occupation(sc_db *db, const sc_actor *actor, const char *code,
                                   const char *date)
{
    CATALOG_CHANGE("sc_catalog_withdraw_occupation", SC__ACT_CATALOG_WITHDRAW_OCCUPATION, code,
                   sc__catalog_withdraw(db, code, NULL, 0, date), "withdrawn=%s", date);
}

int sc_catalog_withdraw_work_type(sc_db *db, const sc_actor *actor, const char *code,
                                  const char *work_type, const char *date)
{
    if (!work_type || !*work_type)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "a work type must be named");
    CATALOG_CHANGE("sc_catalog_withdraw_work_type", SC__ACT_CATALOG_WITHDRAW_WORK_TYPE, code,
                   sc__catalog_withdraw(db, code, work_type, 0, date),
                   "work_type=%s withdrawn=%s", work_type, date);
}

int sc_catalog_withdraw_offering(sc_db *db, const sc_actor *actor, const char *code,
                                 const char *work_type, int level, const char *date)
{
    int rc;
    if ((rc = check_level(level)) != SC_OK)
        return rc;
    CATALOG_CHANGE("sc_catalog_withdraw_offering", SC__ACT_CATALOG_WITHDRAW_OFFERING, code,
                   sc__catalog_withdraw(db, code, work_type, level, date),
                   "work_type=%s level=%d withdrawn=%s", work_type ? work_type : "", level, date);
}

int sc_catalog_add_alias(sc_db *db, const sc_actor *actor, const char *alias, const char *code)
{
    CATALOG_CHANGE("sc_catalog_add_alias", SC__ACT_CATALOG_ADD_ALIAS, code,
                   sc__catalog_add_alias(db, alias, code), "alias=%s", alias);
}

/* ---- the question ------------------------------------------------------ */


static const char SQL_LEVEL_ROWS[] =
    "SELECT f.work_type_id, w.name, f.effective, f.withdrawn FROM offering f "
    "LEFT JOIN work_type w ON w.id = f.work_type_id "
    "WHERE f.occupation_id = ?1 AND f.level = ?2 ORDER BY f.work_type_id, f.effective";

/* The levels of an occupation (or of one of its work types) in force on a day. */
static const char SQL_LEVELS_OFFERED[] =
    "SELECT DISTINCT level FROM offering WHERE occupation_id = ?1 "
    "AND ((?2 = 0 AND work_type_id IS NULL) OR work_type_id = ?2) "
    "AND effective <= ?3 AND (withdrawn IS NULL OR withdrawn = '' OR ?3 < withdrawn) "
    "ORDER BY level DESC";

/* " (offered on DATE: 5, 4, 3)" or " (no level is offered on DATE)" into b. */
static int levels_offered(sc_db *db, sqlite3_int64 occ, sqlite3_int64 wid, const char *date,
                          sc__buf *b)
{
    sqlite3_stmt *st;
    int rc, step, n = 0;
    if ((rc = sc__db_stmt_get(db, SQL_LEVELS_OFFERED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, occ);
    sqlite3_bind_int64(st, 2, wid);
    sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        sc__buf_printf(b, "%s%d", n++ ? ", " : "", sqlite3_column_int(st, 0));
    sqlite3_reset(st);
    if (step != SQLITE_DONE)
        return sc__db_fail(db, step, "reading the levels offered");
    return SC_OK;
}

int sc_catalog_check(sc_verdict *out, sc_db *db, const char *code, const char *work_type,
                     int level, const char *date)
{
    char norm[SC__CODE_SIZE], today[11], wt_eff[11], wt_wd[11];
    occ_row row;
    sqlite3_stmt *st;
    sqlite3_int64 wid = 0;
    int rc, step;
    int undivided_now = 0, this_wt_now = 0, this_wt_ever = 0, undivided_ever = 0;
    int other_wt_now = 0;
    sc__buf others;

    if (!out)
        return sc__error_null("sc_catalog_check", "out");
    SC__VERSION_CHECK(out, "sc_verdict", SC_VERDICT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_catalog_check", 0)) != SC_OK)
        return rc;
    if (work_type && !*work_type)
        work_type = NULL;
    if ((rc = sc__occupation_code_norm(code, norm)) != SC_OK || (rc = check_level(level)) ||
        (rc = sc__check_text(work_type, "work_type", 256, 0)) != SC_OK)
        return rc;
    if (date && (rc = sc__check_date(date, "date")) != SC_OK)
        return rc;
    date = sc__date_or_today(date, today);

    rc = find_occupation(db, norm, &row);
    if (rc == SC_ENOTFOUND) {
        sc__verdict_no(out, SC_REASON_UNKNOWN_OCCUPATION, "occupation %s is not in the catalog", norm);
        return SC_OK;
    }
    if (rc != SC_OK)
        return rc;
    if (!in_force(row.effective, row.withdrawn, date)) {
        if (strcmp(date, row.effective) < 0)
            sc__verdict_no(out, SC_REASON_OCCUPATION_NOT_IN_FORCE,
                       "occupation %s enters the catalog on %s, after %s", row.code,
                       row.effective, date);
        else
            sc__verdict_no(out, SC_REASON_OCCUPATION_NOT_IN_FORCE,
                       "occupation %s was withdrawn from the catalog on %s", row.code,
                       row.withdrawn);
        return SC_OK;
    }
    if (work_type) {
        rc = find_work_type(db, row.id, work_type, &wid, wt_eff, wt_wd);
        if (rc == SC_ENOTFOUND) {
            sc__verdict_no(out, SC_REASON_UNKNOWN_WORK_TYPE, "occupation %s has no work type %s",
                       row.code, work_type);
            return SC_OK;
        }
        if (rc != SC_OK)
            return rc;
        if (!in_force(wt_eff, wt_wd, date)) {
            sc__verdict_no(out, SC_REASON_WORK_TYPE_NOT_IN_FORCE,
                       "work type %s of %s is not in force on %s (effective %s%s%s)", work_type,
                       row.code, date, wt_eff, wt_wd[0] ? ", withdrawn " : "", wt_wd);
            return SC_OK;
        }
    }

    if ((rc = sc__db_stmt_get(db, SQL_LEVEL_ROWS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, row.id);
    sqlite3_bind_int(st, 2, level);
    sc__buf_init(&others);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int undivided = sqlite3_column_type(st, 0) == SQLITE_NULL;
        sqlite3_int64 w = sqlite3_column_int64(st, 0);
        const char *wname = sc__col_text(st, 1);
        int now = in_force(sc__col_text(st, 2), sc__col_text(st, 3), date);
        if (undivided) {
            undivided_ever = 1;
            undivided_now |= now;
        } else if (work_type && w == wid) {
            this_wt_ever = 1;
            this_wt_now |= now;
        } else if (now) {
            if (other_wt_now++)
                sc__buf_puts(&others, "、");
            sc__buf_puts(&others, wname ? wname : "?");
        }
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        sc__buf_free(&others);
        return sc__db_fail(db, step, "reading offerings");
    }

    if (work_type ? this_wt_now : undivided_now) {
        out->ok = 1;
    } else if (work_type && undivided_now) {
        sc__verdict_no(out, SC_REASON_WORK_TYPE_NOT_ALLOWED,
                   "level %d (%s) of %s is undivided (不分方向): give no work type", level,
                   level_zh[level], row.code);
    } else if (!work_type && other_wt_now) {
        sc__verdict_no(out, SC_REASON_WORK_TYPE_REQUIRED,
                   "level %d (%s) of %s is offered only per work type: name one of %s", level,
                   level_zh[level], row.code, others.data ? others.data : "");
    } else if (work_type ? this_wt_ever : undivided_ever) {
        sc__verdict_no(out, SC_REASON_OFFERING_NOT_IN_FORCE,
                   "level %d (%s) of %s%s%s is not in force on %s", level, level_zh[level],
                   row.code, work_type ? " / " : "", work_type ? work_type : "", date);
    } else {
        sc__buf offered;
        sc__buf_init(&offered);
        if ((rc = levels_offered(db, row.id, work_type ? wid : 0, date, &offered)) != SC_OK) {
            sc__buf_free(&offered);
            sc__buf_free(&others);
            return rc;
        }
        sc__verdict_no(out, SC_REASON_LEVEL_NOT_OFFERED,
                       "level %d (%s) of %s%s%s is not offered; levels offered on %s: %s", level,
                       level_zh[level], row.code, work_type ? " / " : "",
                       work_type ? work_type : "", date,
                       offered.data && !offered.failed ? offered.data : "none");
        sc__buf_free(&offered);
    }
    sc__buf_free(&others);
    return SC_OK;
}

/* ---- reading ----------------------------------------------------------- */

typedef struct {
    char *work_type; /* NULL: undivided */
    int level;
    char *effective;
    char *withdrawn;
} offering_item;

struct sc_occupation {
    char *code, *name, *effective, *withdrawn;
    char **work_types;
    char **wt_effective;
    char **wt_withdrawn;
    size_t n_work_types;
    offering_item *offerings;
    size_t n_offerings;
    char **aliases;
    size_t n_aliases;
};

struct sc_occupation_iter {
    sc_db *db;
    sqlite3_stmt *st;
    char date[11]; /* "" for all */
    int done;
};

void sc_occupation_free(sc_occupation *o)
{
    size_t i;
    if (!o)
        return;
    free(o->code);
    free(o->name);
    free(o->effective);
    free(o->withdrawn);
    for (i = 0; i < o->n_work_types; i++) {
        free(o->work_types[i]);
        free(o->wt_effective[i]);
        free(o->wt_withdrawn[i]);
    }
    free(o->work_types);
    free(o->wt_effective);
    free(o->wt_withdrawn);
    for (i = 0; i < o->n_offerings; i++) {
        free(o->offerings[i].work_type);
        free(o->offerings[i].effective);
        free(o->offerings[i].withdrawn);
    }
    free(o->offerings);
    for (i = 0; i < o->n_aliases; i++)
        free(o->aliases[i]);
    free(o->aliases);
    free(o);
}

/* strdup that treats NULL as NULL and reports failure through *bad. */
static char *dup_or_null(const char *s, int *bad)
{
    char *d;
    if (!s)
        return NULL;
    d = sc__strdup(s);
    if (!d)
        *bad = 1;
    return d;
}

static const char SQL_OCC_WTS[] =
    "SELECT name, effective, withdrawn FROM work_type WHERE occupation_id = ?1 "
    "AND (?2 IS NULL OR (effective <= ?2 AND (withdrawn IS NULL OR withdrawn > ?2))) ORDER BY id";
static const char SQL_OCC_OFFS[] =
    "SELECT w.name, f.level, f.effective, f.withdrawn FROM offering f "
    "LEFT JOIN work_type w ON w.id = f.work_type_id WHERE f.occupation_id = ?1 "
    "AND (?2 IS NULL OR (f.effective <= ?2 AND (f.withdrawn IS NULL OR f.withdrawn > ?2))) "
    "ORDER BY f.work_type_id IS NOT NULL, f.work_type_id, f.level DESC, f.effective";
static const char SQL_OCC_ALIASES[] =
    "SELECT alias FROM occupation_alias WHERE occupation_id = ?1 ORDER BY alias";

/* Read rows of a child query into a growable array; item filler per row. */
static int load_children(sc_db *db, sc_occupation *o, sqlite3_int64 id, const char *date)
{
    sqlite3_stmt *st;
    int rc, bad = 0;

    /* work types */
    if ((rc = sc__db_stmt_get(db, SQL_OCC_WTS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, date);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t n = o->n_work_types + 1;
        char **a = sc__realloc(o->work_types, n * sizeof(char *));
        char **b, **c;
        if (a)
            o->work_types = a;
        b = a ? sc__realloc(o->wt_effective, n * sizeof(char *)) : NULL;
        if (b)
            o->wt_effective = b;
        c = b ? sc__realloc(o->wt_withdrawn, n * sizeof(char *)) : NULL;
        if (c)
            o->wt_withdrawn = c;
        if (!c) {
            sqlite3_reset(st);
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading work types");
        }
        a[n - 1] = dup_or_null(sc__col_text(st, 0), &bad);
        b[n - 1] = dup_or_null(sc__col_text(st, 1), &bad);
        c[n - 1] = dup_or_null(sc__col_text(st, 2), &bad);
        o->n_work_types = n;
        if (bad) {
            sqlite3_reset(st);
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading work types");
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading work types");

    /* offerings */
    if ((rc = sc__db_stmt_get(db, SQL_OCC_OFFS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, date);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        offering_item *n = sc__realloc(o->offerings, (o->n_offerings + 1) * sizeof(*n));
        offering_item *it;
        if (!n) {
            sqlite3_reset(st);
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading offerings");
        }
        o->offerings = n;
        it = &n[o->n_offerings++];
        memset(it, 0, sizeof(*it));
        it->work_type = dup_or_null(sc__col_text(st, 0), &bad);
        it->level = sqlite3_column_int(st, 1);
        it->effective = dup_or_null(sc__col_text(st, 2), &bad);
        it->withdrawn = dup_or_null(sc__col_text(st, 3), &bad);
        if (bad) {
            sqlite3_reset(st);
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading offerings");
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading offerings");

    /* aliases */
    if ((rc = sc__db_stmt_get(db, SQL_OCC_ALIASES, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char **n = sc__realloc(o->aliases, (o->n_aliases + 1) * sizeof(char *));
        if (!n || !(n[o->n_aliases] = sc__strdup(sc__col_text(st, 0)))) {
            if (n)
                o->aliases = n;
            sqlite3_reset(st);
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading aliases");
        }
        o->aliases = n;
        o->n_aliases++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading aliases");
    return SC_OK;
}

/* Build an occupation from a row (id, code, name, effective, withdrawn). */
static int occupation_from_row(sc_occupation **out, sc_db *db, sqlite3_stmt *row,
                               const char *date)
{
    sc_occupation *o = sc__calloc(1, sizeof(*o));
    int bad = 0, rc;
    *out = NULL;
    if (!o)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading an occupation");
    o->code = dup_or_null(sc__col_text(row, 1), &bad);
    o->name = dup_or_null(sc__col_text(row, 2), &bad);
    o->effective = dup_or_null(sc__col_text(row, 3), &bad);
    o->withdrawn = dup_or_null(sc__col_text(row, 4), &bad);
    if (bad) {
        sc_occupation_free(o);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading an occupation");
    }
    if ((rc = load_children(db, o, sqlite3_column_int64(row, 0), date)) != SC_OK) {
        sc_occupation_free(o);
        return rc;
    }
    *out = o;
    return SC_OK;
}

static const char SQL_OCC_BY_ID[] =
    "SELECT id, code, name, effective, withdrawn FROM occupation WHERE id = ?1";

int sc_occupation_lookup(sc_occupation **out, sc_db *db, const char *code)
{
    occ_row row;
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_occupation_lookup", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_occupation_lookup", 0)) != SC_OK ||
        (rc = require_occupation(db, code, &row)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_OCC_BY_ID, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, row.id);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return sc__db_fail(db, rc, "reading an occupation");
    }
    /* occupation_from_row uses other cached statements, not this one. */
    rc = occupation_from_row(out, db, st, NULL);
    sqlite3_reset(st);
    return rc;
}

static const char SQL_OCC_ITER[] =
    "SELECT id, code, name, effective, withdrawn FROM occupation "
    "WHERE ?1 IS NULL OR (effective <= ?1 AND (withdrawn IS NULL OR withdrawn > ?1)) "
    "ORDER BY code";

int sc_occupation_iter_new(sc_occupation_iter **out, sc_db *db, const sc_occupation_query *q)
{
    sc_occupation_iter *it;
    const char *date;
    int rc;
    if (!out)
        return sc__error_null("sc_occupation_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_OCCUPATION_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_occupation_query version %u is not known to this library",
                              q->version);
    date = q ? q->date : NULL;
    if ((rc = sc__db_check(db, "sc_occupation_iter_new", 0)) != SC_OK)
        return rc;
    if (date && (rc = sc__check_date(date, "date")) != SC_OK)
        return rc;
    it = sc__calloc(1, sizeof(*it));
    if (!it)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an iterator");
    if ((rc = sc__db_prepare(db, SQL_OCC_ITER, &it->st)) != SC_OK) {
        free(it);
        return rc;
    }
    if (date)
        snprintf(it->date, sizeof it->date, "%s", date);
    sc__bind_text(it->st, 1, date);
    it->db = db;
    sc__db_ref(db);
    *out = it;
    return SC_OK;
}

int sc_occupation_iter_next(sc_occupation **out, sc_occupation_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_occupation_iter_next", "out");
    *out = NULL;
    if (!it)
        return sc__error_null("sc_occupation_iter_next", "it");
    if (it->done)
        return SC_ITEROVER;
    rc = sqlite3_step(it->st);
    if (rc == SQLITE_DONE) {
        it->done = 1;
        return SC_ITEROVER;
    }
    if (rc != SQLITE_ROW)
        return sc__db_fail(it->db, rc, "iterating occupations");
    return occupation_from_row(out, it->db, it->st, it->date[0] ? it->date : NULL);
}

void sc_occupation_iter_free(sc_occupation_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sc__db_unref(it->db);
    free(it);
}

const char *sc_occupation_code(const sc_occupation *o) { return o ? o->code : NULL; }
const char *sc_occupation_name(const sc_occupation *o) { return o ? o->name : NULL; }
const char *sc_occupation_effective(const sc_occupation *o) { return o ? o->effective : NULL; }
const char *sc_occupation_withdrawn(const sc_occupation *o) { return o ? o->withdrawn : NULL; }
size_t sc_occupation_work_type_count(const sc_occupation *o) { return o ? o->n_work_types : 0; }

const char *sc_occupation_work_type(const sc_occupation *o, size_t i)
{
    return o && i < o->n_work_types ? o->work_types[i] : NULL;
}

const char *sc_occupation_work_type_effective(const sc_occupation *o, size_t i)
{
    return o && i < o->n_work_types ? o->wt_effective[i] : NULL;
}

const char *sc_occupation_work_type_withdrawn(const sc_occupation *o, size_t i)
{
    return o && i < o->n_work_types ? o->wt_withdrawn[i] : NULL;
}

size_t sc_occupation_offering_count(const sc_occupation *o) { return o ? o->n_offerings : 0; }

const char *sc_occupation_offering_work_type(const sc_occupation *o, size_t i)
{
    return o && i < o->n_offerings ? o->offerings[i].work_type : NULL;
}

int sc_occupation_offering_level(const sc_occupation *o, size_t i)
{
    return o && i < o->n_offerings ? o->offerings[i].level : 0;
}

const char *sc_occupation_offering_effective(const sc_occupation *o, size_t i)
{
    return o && i < o->n_offerings ? o->offerings[i].effective : NULL;
}

const char *sc_occupation_offering_withdrawn(const sc_occupation *o, size_t i)
{
    return o && i < o->n_offerings ? o->offerings[i].withdrawn : NULL;
}

size_t sc_occupation_alias_count(const sc_occupation *o) { return o ? o->n_aliases : 0; }

const char *sc_occupation_alias(const sc_occupation *o, size_t i)
{
    return o && i < o->n_aliases ? o->aliases[i] : NULL;
}
