/*
 * The question bank (题库): versioned items, blueprints, paper assembly
 * reproducible from a seed with exposure tracking, and automatic scoring
 * of objective items for online exams.
 */
#include "assessment_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODE_MAX 63
#define AREA_MAX 127
#define STEM_MAX 65535
#define OPTION_MAX 4095
#define ANSWER_MAX 4095

/* ---- item types -------------------------------------------------------------- */

static const char *const type_en[] = { NULL, "single", "multiple", "true-false", "practical" };

const char *sc_item_type_name(int type)
{
    return type >= SC_ITEM_SINGLE && type <= SC_ITEM_PRACTICAL ? type_en[type] : NULL;
}

int sc_item_type_parse(int *out, const char *text)
{
    int t;
    if (!out)
        return sc__error_null("sc_item_type_parse", "out");
    *out = 0;
    if (!text)
        return sc__error_null("sc_item_type_parse", "text");
    for (t = SC_ITEM_SINGLE; t <= SC_ITEM_PRACTICAL; t++) {
        char num[12];
        snprintf(num, sizeof num, "%d", t);
        if (!strcmp(text, type_en[t]) || !strcmp(text, num)) {
            *out = t;
            return SC_OK;
        }
    }
    sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "'%.40s' is not an item type: single, multiple, "
                  "true-false or practical", text);
    sc__error_set_field("type");
    return SC_EINVAL;
}

#define bad(field, ...) sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, field, __VA_ARGS__)

#define constraint(field, ...) sc__error_fail(SC_ECONSTRAINT, SC_DOMAIN_RULES, field, __VA_ARGS__)

/* ---- items -------------------------------------------------------------------- */

struct sc_item {
    char code[CODE_MAX + 1];
    int version;
    int type;
    char occupation[SC__CODE_SIZE];
    char *work_type;
    int level;
    char *area;
    int difficulty;
    char *stem;
    char *options[SC_ITEM_MAX_OPTIONS];
    size_t noptions;
    char *answer;
    int64_t exposure;
    char saved[SC_DATE_SIZE];
};

static int check_code(const char *code)
{
    size_t i, n;
    if (!code)
        return sc__error_null("item", "code");
    n = strlen(code);
    if (n == 0 || n > CODE_MAX)
        return bad("code", "an item code has 1-%d characters", CODE_MAX);
    for (i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return bad("code", "item code '%.63s' may hold only letters, digits, '-', '_', '.'",
                       code);
    }
    return SC_OK;
}

void sc_item_free(sc_item *it)
{
    size_t i;
    if (!it)
        return;
    free(it->work_type);
    free(it->area);
    free(it->stem);
    for (i = 0; i < it->noptions; i++)
        free(it->options[i]);
    free(it->answer);
    free(it);
}

/* An empty item with its strings allocated (used by sc_item_new and loading). */
static sc_item *item_alloc(const char *work_type, const char *area, const char *stem,
                           const char *answer)
{
    sc_item *it = sc__calloc(1, sizeof(*it));
    if (!it)
        return NULL;
    it->work_type = sc__strdup(work_type ? work_type : "");
    it->area = sc__strdup(area ? area : "");
    it->stem = sc__strdup(stem ? stem : "");
    it->answer = sc__strdup(answer ? answer : "");
    if (!it->work_type || !it->area || !it->stem || !it->answer) {
        sc_item_free(it);
        return NULL;
    }
    return it;
}

int sc_item_new(sc_item **out, const char *code, int type, const char *occupation,
                const char *work_type, int level, const char *area, int difficulty,
                const char *stem)
{
    char occ[SC__CODE_SIZE];
    sc_item *it;
    int rc;
    if (!out)
        return sc__error_null("sc_item_new", "out");
    *out = NULL;
    if (work_type && !*work_type)
        work_type = NULL;
    if ((rc = check_code(code)) != SC_OK ||
        (rc = sc__occupation_code_norm(occupation, occ)) != SC_OK ||
        (rc = sc__check_text(work_type, "work_type", SC_WORK_TYPE_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__check_text(area, "area", AREA_MAX, 1)) != SC_OK ||
        (rc = sc__check_text(stem, "stem", STEM_MAX, 1)) != SC_OK)
        return rc;
    if (!sc_item_type_name(type))
        return bad("type", "unknown item type %d", type);
    if (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX)
        return bad("level", "level %d is outside 1-5", level);
    if (difficulty < 1 || difficulty > 5)
        return bad("difficulty", "difficulty %d is outside 1-5", difficulty);
    if (!(it = item_alloc(work_type, area, stem, NULL)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an item");
    snprintf(it->code, sizeof it->code, "%s", code);
    memcpy(it->occupation, occ, sizeof occ);
    it->type = type;
    it->level = level;
    it->difficulty = difficulty;
    *out = it;
    return SC_OK;
}

static int is_choice(int type)
{
    return type == SC_ITEM_SINGLE || type == SC_ITEM_MULTIPLE;
}

int sc_item_add_option(sc_item *it, const char *text)
{
    int rc;
    char *copy;
    if (!it)
        return sc__error_null("sc_item_add_option", "it");
    if ((rc = sc__check_text(text, "option", OPTION_MAX, 1)) != SC_OK)
        return rc;
    if (!is_choice(it->type))
        return bad("option", "a %s item has no options", type_en[it->type]);
    if (it->noptions >= SC_ITEM_MAX_OPTIONS)
        return bad("option", "an item has at most %d options", SC_ITEM_MAX_OPTIONS);
    if (!(copy = sc__strdup(text)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory adding an option");
    it->options[it->noptions++] = copy;
    return SC_OK;
}

/* Normalise an objective answer into out (upper case; multiple choice
 * sorted, without repeats). A key (strict) names two letters or more for
 * multiple choice; a candidate's answer may name one. SC_OK or SC_EINVAL. */
static int norm_answer(int type, const char *in, char out[SC_ITEM_MAX_OPTIONS + 1], int strict)
{
    int seen[SC_ITEM_MAX_OPTIONS] = { 0 };
    size_t i, o = 0, n = strlen(in);
    if (type == SC_ITEM_TRUE_FALSE) {
        if (n == 1 && (in[0] == 'T' || in[0] == 't' || in[0] == 'F' || in[0] == 'f')) {
            out[0] = (char)(in[0] & ~0x20);
            out[1] = '\0';
            return SC_OK;
        }
        return bad("answer", "a true/false answer is T or F, not '%.20s'", in);
    }
    for (i = 0; i < n; i++) {
        char c = (char)(in[i] & ~0x20);
        if (c < 'A' || c >= 'A' + SC_ITEM_MAX_OPTIONS)
            return bad("answer", "'%.20s' is not an answer of option letters A-J", in);
        if (seen[c - 'A']++)
            return bad("answer", "answer '%.20s' names option %c twice", in, c);
    }
    for (i = 0; i < SC_ITEM_MAX_OPTIONS; i++)
        if (seen[i])
            out[o++] = (char)('A' + i);
    out[o] = '\0';
    if (type == SC_ITEM_SINGLE && o != 1)
        return bad("answer", "a single-choice answer is one letter, not '%.20s'", in);
    if (type == SC_ITEM_MULTIPLE && o < (strict ? 2u : 1u))
        return bad("answer", "a multiple-choice answer has two letters or more, not '%.20s'", in);
    return SC_OK;
}

int sc_item_set_answer(sc_item *it, const char *answer)
{
    char norm[SC_ITEM_MAX_OPTIONS + 1];
    char *copy;
    int rc;
    if (!it)
        return sc__error_null("sc_item_set_answer", "it");
    if ((rc = sc__check_text(answer, "answer", ANSWER_MAX, 1)) != SC_OK)
        return rc;
    if (it->type != SC_ITEM_PRACTICAL && (rc = norm_answer(it->type, answer, norm, 1)) != SC_OK)
        return rc;
    if (!(copy = sc__strdup(it->type == SC_ITEM_PRACTICAL ? answer : norm)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory setting an answer");
    free(it->answer);
    it->answer = copy;
    return SC_OK;
}

const char *sc_item_code(const sc_item *it) { return it ? it->code : NULL; }
int sc_item_version(const sc_item *it) { return it ? it->version : 0; }
int sc_item_type_of(const sc_item *it) { return it ? it->type : 0; }
const char *sc_item_occupation(const sc_item *it) { return it ? it->occupation : NULL; }
const char *sc_item_work_type(const sc_item *it) { return it ? it->work_type : NULL; }
int sc_item_level(const sc_item *it) { return it ? it->level : 0; }
const char *sc_item_area(const sc_item *it) { return it ? it->area : NULL; }
int sc_item_difficulty(const sc_item *it) { return it ? it->difficulty : 0; }
const char *sc_item_stem(const sc_item *it) { return it ? it->stem : NULL; }
size_t sc_item_option_count(const sc_item *it) { return it ? it->noptions : 0; }
const char *sc_item_answer(const sc_item *it) { return it ? it->answer : NULL; }
int64_t sc_item_exposure(const sc_item *it) { return it ? it->exposure : 0; }
const char *sc_item_saved(const sc_item *it) { return it ? it->saved : NULL; }

const char *sc_item_option(const sc_item *it, size_t i)
{
    return it && i < it->noptions ? it->options[i] : NULL;
}

/* A complete item: choice items have >= 2 options and an answer within them. */
static int item_complete(const sc_item *it)
{
    size_t i;
    if (is_choice(it->type)) {
        if (it->noptions < 2)
            return bad("options", "item %s: a choice item needs at least two options", it->code);
        if (!it->answer[0])
            return bad("answer", "item %s has no answer key", it->code);
        for (i = 0; it->answer[i]; i++)
            if ((size_t)(it->answer[i] - 'A') >= it->noptions)
                return bad("answer", "item %s: answer %c names no option (it has %zu)", it->code,
                           it->answer[i], it->noptions);
    } else if (it->type == SC_ITEM_TRUE_FALSE && !it->answer[0]) {
        return bad("answer", "item %s has no answer key", it->code);
    }
    return SC_OK;
}

/* ---- the bank ------------------------------------------------------------------- */

#define ITEM_COLS                                                                         \
    "b.id, b.code, b.version, b.type, b.occupation, b.work_type, b.level, b.area, "       \
    "b.difficulty, b.stem, b.answer, b.exposure, b.saved"

static const char SQL_OPTIONS[] =
    "SELECT text FROM bank_option WHERE item_id = ?1 ORDER BY seq";

/* Build an item from a row of ITEM_COLS, with its options. */
static int item_from_row(sc_db *db, sqlite3_stmt *row, sc_item **out)
{
    sc_item *it;
    sqlite3_stmt *st;
    sqlite3_int64 id = sqlite3_column_int64(row, 0);
    int rc;
    *out = NULL;
    it = item_alloc(sc__col_text(row, 5), sc__col_text(row, 7), sc__col_text(row, 9),
                    sc__col_text(row, 10));
    if (!it)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading an item");
    sc__copy_text(it->code, sizeof it->code, sc__col_text(row, 1));
    it->version = sqlite3_column_int(row, 2);
    it->type = sqlite3_column_int(row, 3);
    sc__copy_text(it->occupation, sizeof it->occupation, sc__col_text(row, 4));
    it->level = sqlite3_column_int(row, 6);
    it->difficulty = sqlite3_column_int(row, 8);
    it->exposure = sqlite3_column_int64(row, 11);
    sc__copy_text(it->saved, sizeof it->saved, sc__col_text(row, 12));
    if ((rc = sc__db_stmt_get(db, SQL_OPTIONS, &st)) != SC_OK) {
        sc_item_free(it);
        return rc;
    }
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && it->noptions < SC_ITEM_MAX_OPTIONS) {
        if (!(it->options[it->noptions] = sc__strdup(sc__col_text(st, 0)))) {
            sqlite3_reset(st);
            sc_item_free(it);
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory reading an item");
        }
        it->noptions++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        sc_item_free(it);
        return sc__db_fail(db, rc, "reading item options");
    }
    *out = it;
    return SC_OK;
}

static const char SQL_ITEM_GET[] =
    "SELECT " ITEM_COLS " FROM bank_item b WHERE b.org_id = ?1 AND b.code = ?2 "
    "AND (?3 = 0 AND b.latest = 1 OR b.version = ?3)";

/* Load an item version (0: latest). SC_ENOTFOUND is recorded. */
static int item_load(sc_db *db, sqlite3_int64 org_id, const char *code, int version,
                     sc_item **out, sqlite3_int64 *row_id, int *used)
{
    sqlite3_stmt *st;
    int rc;
    *out = NULL;
    if ((rc = sc__db_stmt_get(db, SQL_ITEM_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sc__bind_text(st, 2, code);
    sqlite3_bind_int(st, 3, version);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        if (version)
            sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "the bank has no version %d of item %s",
                          version, code);
        else
            sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "the bank has no item %s", code);
        sc__error_set_field("code");
        return SC_ENOTFOUND;
    }
    if (rc != SQLITE_ROW) {
        rc = sc__db_fail(db, rc, "reading an item");
        sqlite3_reset(st);
        return rc;
    }
    if (row_id)
        *row_id = sqlite3_column_int64(st, 0);
    if (used)
        *used = sqlite3_column_int64(st, 11) > 0;
    /* Copy the row out before running the options statement. */
    rc = item_from_row(db, st, out);
    sqlite3_reset(st);
    return rc;
}

static int same_content(const sc_item *a, const sc_item *b)
{
    size_t i;
    if (a->type != b->type || a->level != b->level || a->difficulty != b->difficulty ||
        strcmp(a->occupation, b->occupation) || strcmp(a->work_type, b->work_type) ||
        strcmp(a->area, b->area) || strcmp(a->stem, b->stem) || strcmp(a->answer, b->answer) ||
        a->noptions != b->noptions)
        return 0;
    for (i = 0; i < a->noptions; i++)
        if (strcmp(a->options[i], b->options[i]))
            return 0;
    return 1;
}

static const char SQL_ITEM_INS[] =
    "INSERT INTO bank_item(org_id, code, version, type, occupation, work_type, level, area, "
    "difficulty, stem, answer, saved) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char SQL_ITEM_UPD[] =
    "UPDATE bank_item SET work_type = ?2, area = ?3, difficulty = ?4, stem = ?5, answer = ?6, "
    "saved = ?7 WHERE id = ?1";
static const char SQL_ITEM_OLD[] = "UPDATE bank_item SET latest = 0 WHERE id = ?1";
static const char SQL_OPT_DEL[] = "DELETE FROM bank_option WHERE item_id = ?1";
static const char SQL_OPT_INS[] = "INSERT INTO bank_option(item_id, seq, text) VALUES (?1, ?2, ?3)";

static int write_options(sc_db *db, sqlite3_int64 id, const sc_item *item)
{
    sqlite3_stmt *st;
    size_t i;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_OPT_DEL, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = sc__db_exec_stmt(db, st, "replacing options")) != SC_OK)
        return rc;
    for (i = 0; i < item->noptions; i++) {
        if ((rc = sc__db_stmt_get(db, SQL_OPT_INS, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, (int)i);
        sc__bind_text(st, 3, item->options[i]);
        if ((rc = sc__db_exec_stmt(db, st, "saving an option")) != SC_OK)
            return rc;
    }
    return SC_OK;
}

int sc_bank_item_save(int *version, sc_db *db, const sc_actor *actor, const char *credit_code,
                      const sc_item *item)
{
    char code[SC_CREDIT_CODE_SIZE], occ[SC__CODE_SIZE], today[SC_DATE_SIZE];
    sc__org_row org;
    sc_item *cur = NULL;
    sqlite3_int64 cur_id = 0, id;
    sqlite3_stmt *st;
    int rc, used = 0, v = 1;
    const char *what = "created";

    if (version)
        *version = 0;
    if ((rc = sc__db_check(db, "sc_bank_item_save", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK)
        return rc;
    if (!item)
        return sc__error_null("sc_bank_item_save", "item");
    if ((rc = item_complete(item)) != SC_OK)
        return rc;
    if ((rc = sc__authorize(db, actor, SC__ACT_BANK_SAVE, code)) != SC_OK)
        return rc;
    if ((rc = sc__occupation_canon(db, item->occupation, occ)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK)
        goto fail;
    rc = item_load(db, org.id, item->code, 0, &cur, &cur_id, &used);
    if (rc == SC_ENOTFOUND) {
        sc_error_clear();
        cur = NULL;
    } else if (rc != SC_OK) {
        goto fail;
    }
    sc__today(today);
    if (cur) {
        if (cur->type != item->type || strcmp(cur->occupation, occ) || cur->level != item->level) {
            rc = constraint("code", "item %s is a %s item of %s level %d; an item keeps its type, "
                            "occupation and level across versions (use a new code)",
                            item->code, type_en[cur->type], cur->occupation, cur->level);
            goto fail;
        }
        v = cur->version;
        {
            sc_item probe = *item;
            memcpy(probe.occupation, occ, sizeof occ);
            if (same_content(cur, &probe)) {
                sc_item_free(cur);
                sc__db_rollback(db);
                if (version)
                    *version = v;
                return SC_OK;
            }
        }
        if (used) {
            v = cur->version + 1;
            what = "new version (the previous one is in a paper)";
            if ((rc = sc__db_stmt_get(db, SQL_ITEM_OLD, &st)) != SC_OK)
                goto fail;
            sqlite3_bind_int64(st, 1, cur_id);
            if ((rc = sc__db_exec_stmt(db, st, "superseding an item")) != SC_OK)
                goto fail;
        } else {
            what = "changed in place (in no paper yet)";
        }
    }
    if (cur && !used) {
        if ((rc = sc__db_stmt_get(db, SQL_ITEM_UPD, &st)) != SC_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, cur_id);
        sc__bind_text(st, 2, item->work_type);
        sc__bind_text(st, 3, item->area);
        sqlite3_bind_int(st, 4, item->difficulty);
        sc__bind_text(st, 5, item->stem);
        sc__bind_text(st, 6, item->answer);
        sc__bind_text(st, 7, today);
        if ((rc = sc__db_exec_stmt(db, st, "changing an item")) != SC_OK)
            goto fail;
        id = cur_id;
    } else {
        if ((rc = sc__db_stmt_get(db, SQL_ITEM_INS, &st)) != SC_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, org.id);
        sc__bind_text(st, 2, item->code);
        sqlite3_bind_int(st, 3, v);
        sqlite3_bind_int(st, 4, item->type);
        sc__bind_text(st, 5, occ);
        sc__bind_text(st, 6, item->work_type);
        sqlite3_bind_int(st, 7, item->level);
        sc__bind_text(st, 8, item->area);
        sqlite3_bind_int(st, 9, item->difficulty);
        sc__bind_text(st, 10, item->stem);
        sc__bind_text(st, 11, item->answer);
        sc__bind_text(st, 12, today);
        if ((rc = sc__db_exec_stmt(db, st, "saving an item")) != SC_OK)
            goto fail;
        id = sqlite3_last_insert_rowid(db->conn);
    }
    if ((rc = write_options(db, id, item)) != SC_OK ||
        (rc = sc__audit_append(db, actor, "item", item->code, sc__action_name(SC__ACT_BANK_SAVE),
                               "org=%s version=%d %s type=%s occupation=%s level=%d area=%s "
                               "difficulty=%d", code, v, what, type_en[item->type], occ,
                               item->level, item->area, item->difficulty)) != SC_OK)
        goto fail;
    sc_item_free(cur);
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    if (version)
        *version = v;
    return SC_OK;
fail:
    sc_item_free(cur);
    sc__db_rollback(db);
    return rc;
}

int sc_bank_item_get(sc_item **out, sc_db *db, const char *credit_code, const char *code,
                     int version)
{
    char cc[SC_CREDIT_CODE_SIZE];
    sc__org_row org;
    int rc;
    if (!out)
        return sc__error_null("sc_bank_item_get", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_bank_item_get", 0)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, cc)) != SC_OK || (rc = check_code(code)) != SC_OK)
        return rc;
    if (version < 0)
        return bad("version", "version %d is negative", version);
    if ((rc = sc__org_find(db, cc, &org)) != SC_OK)
        return rc;
    return item_load(db, org.id, code, version, out, NULL, NULL);
}

static const char SQL_EXPOSURE[] =
    "SELECT count(*), total(exposure) FROM bank_item WHERE org_id = ?1 AND code = ?2";

int sc_bank_exposure_get(int64_t *out, sc_db *db, const char *credit_code, const char *code)
{
    char cc[SC_CREDIT_CODE_SIZE];
    sc__org_row org;
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_bank_exposure_get", "out");
    *out = 0;
    if ((rc = sc__db_check(db, "sc_bank_exposure_get", 0)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, cc)) != SC_OK || (rc = check_code(code)) != SC_OK ||
        (rc = sc__org_find(db, cc, &org)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_EXPOSURE, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org.id);
    sc__bind_text(st, 2, code);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        rc = sc__db_fail(db, rc, "reading exposure");
        sqlite3_reset(st);
        return rc;
    }
    if (sqlite3_column_int64(st, 0) == 0) {
        sqlite3_reset(st);
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "the bank has no item %s", code);
        sc__error_set_field("code");
        return SC_ENOTFOUND;
    }
    *out = (int64_t)sqlite3_column_double(st, 1);
    sqlite3_reset(st);
    return SC_OK;
}

/* The store's generic row iterator. */
struct sc_bank_iter {
    sc__rows r;
};

static const char SQL_BANK_ITER[] =
    "SELECT " ITEM_COLS " FROM bank_item b WHERE b.org_id = ?1 AND b.latest = 1 "
    "AND (?2 IS NULL OR b.occupation = ?2) AND (?3 = 0 OR b.level = ?3) ORDER BY b.code";

int sc_bank_iter_new(sc_bank_iter **out, sc_db *db, const char *credit_code,
                     const sc_bank_query *q)
{
    char cc[SC_CREDIT_CODE_SIZE], occ[SC__CODE_SIZE];
    sc__org_row org;
    sc__rows *r = NULL;
    const char *occupation;
    int level, rc;
    if (!out)
        return sc__error_null("sc_bank_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_BANK_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_bank_query version %u is not known to this library",
                              q->version);
    occupation = q ? q->occupation : NULL;
    level = q ? q->level : 0;
    if ((rc = sc__db_check(db, "sc_bank_iter_new", 0)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, cc)) != SC_OK)
        return rc;
    if (level < 0 || level > SC_LEVEL_MAX)
        return bad("level", "level %d is outside 1-5 (0 for all)", level);
    if (occupation) {
        rc = sc__occupation_canon(db, occupation, occ);
        if (rc == SC_ENOTFOUND)
            sc_error_clear();
        else if (rc != SC_OK)
            return rc;
    }
    if ((rc = sc__org_find(db, cc, &org)) != SC_OK ||
        (rc = sc__rows_new(&r, sizeof(sc_bank_iter), db, SQL_BANK_ITER, 0)) != SC_OK)
        return rc;
    sqlite3_bind_int64(r->st, 1, org.id);
    sc__bind_text(r->st, 2, occupation ? occ : NULL);
    sqlite3_bind_int(r->st, 3, level);
    *out = (sc_bank_iter *)(void *)r; /* r is its first member */
    return SC_OK;
}

int sc_bank_iter_next(sc_item **out, sc_bank_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_bank_iter_next", "out");
    *out = NULL;
    if ((rc = sc__rows_step(it ? &it->r : NULL, 0, "sc_bank_iter_next")) != SC_OK)
        return rc;
    return item_from_row(it->r.db, it->r.st, out);
}

void sc_bank_iter_free(sc_bank_iter *it)
{
    if (it)
        sc__rows_free(&it->r);
}

/* ---- blueprints ------------------------------------------------------------------ */

#define MAX_AREAS 64

typedef struct {
    char *area;
    int percent;
} bp_area;

struct sc_blueprint {
    bp_area areas[MAX_AREAS];
    size_t nareas;
    int count[SC_ITEM_PRACTICAL + 1];     /* by type; 0 = not asked */
    double points[SC_ITEM_PRACTICAL + 1];
    int mix[6];                           /* percent by difficulty 1-5; -1 = not given */
    int has_mix;
};

int sc_blueprint_new(sc_blueprint **out)
{
    sc_blueprint *bp;
    int d;
    if (!out)
        return sc__error_null("sc_blueprint_new", "out");
    *out = NULL;
    if (!(bp = sc__calloc(1, sizeof(*bp))))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating a blueprint");
    for (d = 0; d < 6; d++)
        bp->mix[d] = -1;
    *out = bp;
    return SC_OK;
}

void sc_blueprint_free(sc_blueprint *bp)
{
    size_t i;
    if (!bp)
        return;
    for (i = 0; i < bp->nareas; i++)
        free(bp->areas[i].area);
    free(bp);
}

int sc_blueprint_add_area(sc_blueprint *bp, const char *area, int percent)
{
    size_t i;
    int rc;
    if (!bp)
        return sc__error_null("sc_blueprint_add_area", "bp");
    if ((rc = sc__check_text(area, "area", AREA_MAX, 1)) != SC_OK)
        return rc;
    if (percent < 1 || percent > 100)
        return bad("percent", "area weight %d is outside 1-100", percent);
    for (i = 0; i < bp->nareas; i++)
        if (!strcmp(bp->areas[i].area, area)) {
            sc__error_set(SC_EEXISTS, SC_DOMAIN_ARGS, "area '%s' is in the blueprint already",
                          area);
            sc__error_set_field("area");
            return SC_EEXISTS;
        }
    if (bp->nareas >= MAX_AREAS)
        return bad("area", "a blueprint has at most %d areas", MAX_AREAS);
    if (!(bp->areas[bp->nareas].area = sc__strdup(area)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory adding an area");
    bp->areas[bp->nareas++].percent = percent;
    return SC_OK;
}

int sc_blueprint_add_type(sc_blueprint *bp, int type, int count, double points)
{
    if (!bp)
        return sc__error_null("sc_blueprint_add_type", "bp");
    if (!sc_item_type_name(type))
        return bad("type", "unknown item type %d", type);
    if (count < 1 || count > 1000)
        return bad("count", "item count %d is outside 1-1000", count);
    if (isnan(points) || points < 0.5 || points > 100 || floor(points * 2) != points * 2)
        return bad("points", "points per item must be 0.5-100 in halves");
    if (bp->count[type]) {
        sc__error_set(SC_EEXISTS, SC_DOMAIN_ARGS, "type %s is in the blueprint already",
                      type_en[type]);
        sc__error_set_field("type");
        return SC_EEXISTS;
    }
    bp->count[type] = count;
    bp->points[type] = points;
    return SC_OK;
}

int sc_blueprint_add_difficulty(sc_blueprint *bp, int difficulty, int percent)
{
    if (!bp)
        return sc__error_null("sc_blueprint_add_difficulty", "bp");
    if (difficulty < 1 || difficulty > 5)
        return bad("difficulty", "difficulty %d is outside 1-5", difficulty);
    if (percent < 0 || percent > 100)
        return bad("percent", "difficulty share %d is outside 0-100", percent);
    if (bp->mix[difficulty] >= 0) {
        sc__error_set(SC_EEXISTS, SC_DOMAIN_ARGS, "difficulty %d is in the blueprint already",
                      difficulty);
        sc__error_set_field("difficulty");
        return SC_EEXISTS;
    }
    bp->mix[difficulty] = percent;
    bp->has_mix = 1;
    return SC_OK;
}

static int blueprint_valid(const sc_blueprint *bp, int component)
{
    size_t i;
    int t, d, sum = 0, any = 0;
    double total = 0;
    if (bp->nareas == 0)
        return bad("blueprint", "the blueprint has no knowledge areas");
    for (i = 0; i < bp->nareas; i++)
        sum += bp->areas[i].percent;
    if (sum != 100)
        return bad("blueprint", "the area weights sum to %d, not 100", sum);
    for (t = SC_ITEM_SINGLE; t <= SC_ITEM_PRACTICAL; t++) {
        if (!bp->count[t])
            continue;
        any = 1;
        total += bp->count[t] * bp->points[t];
        if (component == SC_COMPONENT_THEORY && t == SC_ITEM_PRACTICAL)
            return bad("blueprint", "a theory paper has no practical tasks");
        if (component == SC_COMPONENT_PRACTICAL && t != SC_ITEM_PRACTICAL)
            return bad("blueprint", "a practical paper has practical tasks only");
    }
    if (!any)
        return bad("blueprint", "the blueprint asks for no items");
    if (fabs(total - 100.0) > 1e-9)
        return bad("blueprint", "the items are worth %g points in all, not 100", total);
    if (bp->has_mix) {
        sum = 0;
        for (d = 1; d <= 5; d++)
            if (bp->mix[d] > 0)
                sum += bp->mix[d];
        if (sum != 100)
            return bad("blueprint", "the difficulty mix sums to %d, not 100", sum);
    }
    return SC_OK;
}

/* Split total over shares (summing to 100) by largest remainders; ties go to
 * the earlier share. */
static void apportion(int total, const int *share, size_t n, int *out)
{
    long rem[MAX_AREAS];
    size_t i;
    int given = 0;
    for (i = 0; i < n; i++) {
        long num = (long)total * share[i];
        out[i] = (int)(num / 100);
        rem[i] = num % 100;
        given += out[i];
    }
    while (given < total) {
        size_t best = 0;
        for (i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        out[best]++;
        rem[best] = -1;
        given++;
    }
}

/* ---- paper assembly ----------------------------------------------------------------- */

/* splitmix64: a small generator with the same output everywhere. */
static uint64_t next_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

typedef struct {
    sqlite3_int64 id;
    int area;        /* index in the blueprint, -1 when not in it */
    int difficulty;
} pool_item;

typedef struct {
    sqlite3_int64 id;
    int type;
    double points;
} drawn_item;

static const char SQL_POOL[] =
    "SELECT id, area, difficulty FROM bank_item WHERE org_id = ?1 AND latest = 1 "
    "AND occupation = ?2 AND level = ?3 AND (work_type = '' OR work_type = ?4) AND type = ?5 "
    "ORDER BY code";

/* Max flow from areas (quota qa) to difficulties (quota qd) with cell
 * capacities cap[a][d]; the flow per cell goes into flow[a][d]. Returns the
 * total flow. A tiny Ford-Fulkerson with DFS: at most 1000 units. */
typedef struct {
    int na;
    int qa[MAX_AREAS], qd[6];
    int cap[MAX_AREAS][6], flow[MAX_AREAS][6];
    int fa[MAX_AREAS], fd[6]; /* flow out of areas, into difficulties */
} flow_net;

static int augment_from_area(flow_net *g, int a, int *seen_a, int *seen_d);

/* Can a unit reach the sink from difficulty d (possibly rerouting)? */
static int augment_from_diff(flow_net *g, int d, int *seen_a, int *seen_d)
{
    int a;
    if (seen_d[d])
        return 0;
    seen_d[d] = 1;
    if (g->fd[d] < g->qd[d]) {
        g->fd[d]++;
        return 1;
    }
    /* Push back: some area a' sends to d; reroute a' elsewhere. */
    for (a = 0; a < g->na; a++) {
        if (g->flow[a][d] > 0 && augment_from_area(g, a, seen_a, seen_d)) {
            g->flow[a][d]--;
            return 1;
        }
    }
    return 0;
}

static int augment_from_area(flow_net *g, int a, int *seen_a, int *seen_d)
{
    int d;
    if (seen_a[a])
        return 0;
    seen_a[a] = 1;
    for (d = 1; d <= 5; d++) {
        if (g->flow[a][d] < g->cap[a][d] && augment_from_diff(g, d, seen_a, seen_d)) {
            g->flow[a][d]++;
            return 1;
        }
    }
    return 0;
}

static int max_flow(flow_net *g)
{
    int a, total = 0, progress = 1;
    while (progress) {
        progress = 0;
        for (a = 0; a < g->na; a++) {
            int seen_a[MAX_AREAS] = { 0 }, seen_d[6] = { 0 };
            if (g->fa[a] >= g->qa[a])
                continue;
            if (augment_from_area(g, a, seen_a, seen_d)) {
                g->fa[a]++;
                total++;
                progress = 1;
            }
        }
    }
    return total;
}

/* Draw the items of one type into drawn[*nd...]. */
static int draw_type(sc_db *db, const sc__session_row *row, const sc_blueprint *bp, int type,
                     uint64_t *rng, drawn_item *drawn, size_t *nd)
{
    pool_item *pool = NULL;
    size_t npool = 0, cap = 0, i;
    flow_net *g = NULL;
    int quota_a[MAX_AREAS], share[MAX_AREAS], dshare[5], quota_d[5];
    int count = bp->count[type], rc = SC_OK, a, d, step;
    sqlite3_stmt *st;

    if ((rc = sc__db_stmt_get(db, SQL_POOL, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, row->org_id);
    sc__bind_text(st, 2, row->s.occupation);
    sqlite3_bind_int(st, 3, row->s.level);
    sc__bind_text(st, 4, row->s.work_type);
    sqlite3_bind_int(st, 5, type);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *area = sc__col_text(st, 1);
        int idx = -1;
        for (i = 0; i < bp->nareas; i++)
            if (!strcmp(bp->areas[i].area, area)) {
                idx = (int)i;
                break;
            }
        if (idx < 0)
            continue;
        if (npool == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            pool_item *n = sc__realloc(pool, ncap * sizeof(*n));
            if (!n) {
                sqlite3_reset(st);
                rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory assembling a paper");
                goto done;
            }
            pool = n;
            cap = ncap;
        }
        pool[npool].id = sqlite3_column_int64(st, 0);
        pool[npool].area = idx;
        pool[npool].difficulty = sqlite3_column_int(st, 2);
        npool++;
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading the bank");
        goto done;
    }

    for (i = 0; i < bp->nareas; i++)
        share[i] = bp->areas[i].percent;
    apportion(count, share, bp->nareas, quota_a);
    if (!(g = sc__calloc(1, sizeof(*g)))) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory assembling a paper");
        goto done;
    }
    g->na = (int)bp->nareas;
    for (a = 0; a < g->na; a++)
        g->qa[a] = quota_a[a];
    if (bp->has_mix) {
        for (d = 1; d <= 5; d++)
            dshare[d - 1] = bp->mix[d] > 0 ? bp->mix[d] : 0;
        apportion(count, dshare, 5, quota_d);
        for (d = 1; d <= 5; d++)
            g->qd[d] = quota_d[d - 1];
    } else {
        for (d = 1; d <= 5; d++)
            g->qd[d] = count;
    }
    for (i = 0; i < npool; i++)
        g->cap[pool[i].area][pool[i].difficulty]++;
    if (max_flow(g) < count) {
        /* Say what is short: an area, a difficulty, or their combination. */
        for (a = 0; a < g->na; a++) {
            int have = 0;
            for (d = 1; d <= 5; d++)
                have += g->cap[a][d];
            if (have < g->qa[a]) {
                rc = constraint("blueprint", "the bank has %d %s items of %s level %d in area "
                                "'%s'; the blueprint needs %d", have, type_en[type],
                                row->s.occupation, row->s.level, bp->areas[a].area, g->qa[a]);
                goto done;
            }
        }
        for (d = 1; d <= 5; d++) {
            int have = 0;
            for (a = 0; a < g->na; a++)
                have += g->cap[a][d];
            if (bp->has_mix && have < g->qd[d]) {
                rc = constraint("blueprint", "the bank has %d %s items of difficulty %d in the "
                                "blueprint's areas; the mix needs %d", have, type_en[type], d,
                                g->qd[d]);
                goto done;
            }
        }
        rc = constraint("blueprint", "the bank's %s items cannot meet the area weights and the "
                        "difficulty mix together", type_en[type]);
        goto done;
    }
    /* Draw each cell's items at random, in area then difficulty order. */
    for (a = 0; a < g->na; a++) {
        for (d = 1; d <= 5; d++) {
            size_t k = (size_t)g->flow[a][d], m = 0, j;
            sqlite3_int64 *cell;
            if (!k)
                continue;
            if (!(cell = sc__malloc((size_t)g->cap[a][d] * sizeof(*cell)))) {
                rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory assembling a paper");
                goto done;
            }
            for (i = 0; i < npool; i++)
                if (pool[i].area == a && pool[i].difficulty == d)
                    cell[m++] = pool[i].id;
            for (j = 0; j < k; j++) { /* partial Fisher-Yates: no repeats */
                size_t r = j + (size_t)(next_rand(rng) % (uint64_t)(m - j));
                sqlite3_int64 t = cell[j];
                cell[j] = cell[r];
                cell[r] = t;
                drawn[*nd].id = cell[j];
                drawn[*nd].type = type;
                drawn[*nd].points = bp->points[type];
                (*nd)++;
            }
            free(cell);
        }
    }
done:
    free(pool);
    free(g);
    return rc;
}

static const char SQL_PAPER_INS[] =
    "INSERT INTO paper(session_id, component, seed, items, total_points, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_PAPER_ITEM_INS[] =
    "INSERT INTO paper_item(paper_id, seq, item_id, points) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_EXPOSE[] = "UPDATE bank_item SET exposure = exposure + 1 WHERE id = ?1";

int sc_paper_assemble(int64_t *out, sc_db *db, const sc_actor *actor, int64_t session_id,
                      int component, const sc_blueprint *bp, uint64_t seed)
{
    sc__session_row row;
    drawn_item *drawn = NULL;
    size_t nd = 0, total = 0, i;
    uint64_t rng = seed;
    char today[SC_DATE_SIZE], idtext[32];
    sqlite3_int64 paper_id;
    sqlite3_stmt *st;
    int rc, t;

    if (!out)
        return sc__error_null("sc_paper_assemble", "out");
    *out = 0;
    if ((rc = sc__db_check(db, "sc_paper_assemble", 1)) != SC_OK)
        return rc;
    if (!bp)
        return sc__error_null("sc_paper_assemble", "bp");
    if (component != SC_COMPONENT_THEORY && component != SC_COMPONENT_PRACTICAL)
        return bad("component", "papers are set for the theory or practical component");
    if ((rc = blueprint_valid(bp, component)) != SC_OK)
        return rc;
    if (!actor)
        return sc__error_null("sc_paper_assemble", "actor");
    for (t = SC_ITEM_SINGLE; t <= SC_ITEM_PRACTICAL; t++)
        total += (size_t)bp->count[t];
    if (!(drawn = sc__calloc(total, sizeof(*drawn))))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory assembling a paper");
    if ((rc = sc__db_begin(db)) != SC_OK)
        goto out_free;
    if ((rc = sc__session_load(db, session_id, &row)) != SC_OK ||
        (rc = sc__authorize(db, actor, SC__ACT_PAPER_ASSEMBLE, row.s.credit_code)) != SC_OK)
        goto fail;
    if (!(row.s.components & SC_COMPONENT_BIT(component))) {
        rc = constraint("component", "session %lld has no %s component", (long long)session_id,
                        sc_component_name(component));
        goto fail;
    }
    for (t = SC_ITEM_SINGLE; t <= SC_ITEM_PRACTICAL; t++)
        if (bp->count[t] && (rc = draw_type(db, &row, bp, t, &rng, drawn, &nd)) != SC_OK)
            goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_PAPER_INS, &st)) != SC_OK)
        goto fail;
    sc__today(today);
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int(st, 2, component);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)seed);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)nd);
    sqlite3_bind_double(st, 5, 100.0);
    sc__bind_text(st, 6, today);
    if ((rc = sc__db_exec_stmt(db, st, "saving a paper")) != SC_OK)
        goto fail;
    paper_id = sqlite3_last_insert_rowid(db->conn);
    for (i = 0; i < nd; i++) {
        if ((rc = sc__db_stmt_get(db, SQL_PAPER_ITEM_INS, &st)) != SC_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, paper_id);
        sqlite3_bind_int(st, 2, (int)i + 1);
        sqlite3_bind_int64(st, 3, drawn[i].id);
        sqlite3_bind_double(st, 4, drawn[i].points);
        if ((rc = sc__db_exec_stmt(db, st, "saving a paper item")) != SC_OK)
            goto fail;
        if ((rc = sc__db_stmt_get(db, SQL_EXPOSE, &st)) != SC_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, drawn[i].id);
        if ((rc = sc__db_exec_stmt(db, st, "counting exposure")) != SC_OK)
            goto fail;
    }
    snprintf(idtext, sizeof idtext, "%lld", (long long)paper_id);
    if ((rc = sc__audit_append(db, actor, "paper", idtext,
                               sc__action_name(SC__ACT_PAPER_ASSEMBLE),
                               "session=%lld component=%s seed=%llu items=%zu",
                               (long long)session_id, sc_component_name(component),
                               (unsigned long long)seed, nd)) != SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) != SC_OK)
        goto out_free;
    *out = paper_id;
    free(drawn);
    return SC_OK;
fail:
    sc__db_rollback(db);
out_free:
    free(drawn);
    return rc;
}

static const char SQL_PAPER_GET[] =
    "SELECT id, session_id, component, seed, items, total_points, created FROM paper "
    "WHERE id = ?1";

static int paper_load(sc_db *db, int64_t paper_id, sc_paper *out)
{
    sqlite3_stmt *st;
    int rc;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, SQL_PAPER_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, paper_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->session_id = sqlite3_column_int64(st, 1);
        out->component = sqlite3_column_int(st, 2);
        out->seed = (uint64_t)sqlite3_column_int64(st, 3);
        out->items = sqlite3_column_int64(st, 4);
        out->total_points = sqlite3_column_double(st, 5);
        sc__copy_text(out->created, sizeof out->created, sc__col_text(st, 6));
        sqlite3_reset(st);
        return SC_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a paper");
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no paper with id %lld", (long long)paper_id);
    sc__error_set_field("paper_id");
    return SC_ENOTFOUND;
}

int sc_paper_get(sc_paper *out, sc_db *db, int64_t paper_id)
{
    int rc;
    if (!out)
        return sc__error_null("sc_paper_get", "out");
    SC__VERSION_CHECK(out, "sc_paper", SC_PAPER_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_paper_get", 0)) != SC_OK)
        return rc;
    return paper_load(db, paper_id, out);
}

static const char SQL_PAPER_ITEMS[] =
    "SELECT pi.seq, b.code, b.version, b.type, b.area, b.difficulty, pi.points, b.answer "
    "FROM paper_item pi JOIN bank_item b ON b.id = pi.item_id WHERE pi.paper_id = ?1 "
    "ORDER BY pi.seq";

int sc_paper_item_iter_new(sc_paper_item_iter **out, sc_db *db, int64_t paper_id)
{
    sc_session_iter *rows = NULL;
    sc_paper p = SC_PAPER_INIT;
    int rc;
    if (!out)
        return sc__error_null("sc_paper_item_iter_new", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_paper_item_iter_new", 0)) != SC_OK ||
        (rc = paper_load(db, paper_id, &p)) != SC_OK ||
        (rc = sc__session_iter_make(&rows, db, SQL_PAPER_ITEMS, SC__IT_PAPER_ITEMS)) != SC_OK)
        return rc;
    sqlite3_bind_int64(rows->st, 1, paper_id);
    *out = (sc_paper_item_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_paper_item_iter_next(sc_paper_item *out, sc_paper_item_iter *wrapped)
{
    sc_session_iter *it = wrapped ? &wrapped->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_paper_item_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_paper_item", SC_PAPER_ITEM_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!it)
        return sc__error_null("sc_paper_item_iter_next", "it");
    if (it->kind != SC__IT_PAPER_ITEMS)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_paper_item_iter_next: wrong kind of iterator");
    rc = sqlite3_step(it->st);
    if (rc == SQLITE_DONE)
        return SC_ITEROVER;
    if (rc != SQLITE_ROW)
        return sc__db_fail(it->db, rc, "iterating paper items");
    out->seq = sqlite3_column_int(it->st, 0);
    sc__copy_text(out->code, sizeof out->code, sc__col_text(it->st, 1));
    out->item_version = sqlite3_column_int(it->st, 2);
    out->type = sqlite3_column_int(it->st, 3);
    sc__copy_text(out->area, sizeof out->area, sc__col_text(it->st, 4));
    out->difficulty = sqlite3_column_int(it->st, 5);
    out->points = sqlite3_column_double(it->st, 6);
    return SC_OK;
}

void sc_paper_item_iter_free(sc_paper_item_iter *it)
{
    sc_session_iter_free(it ? &it->rows : NULL);
}

/* ---- scoring ---------------------------------------------------------------------------- */

static const char SQL_SHEET_HAS[] =
    "SELECT 1 FROM paper_sheet WHERE paper_id = ?1 AND id_number = ?2";
static const char SQL_SHEET_INS[] =
    "INSERT INTO paper_sheet(paper_id, id_number, answers, score, scored) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

int sc_paper_score(double *out, sc_db *db, const sc_actor *actor, int64_t paper_id,
                   const char *id_number, const char *const *answers, size_t n)
{
    sc_paper p = SC_PAPER_INIT;
    sc__session_row row;
    sc_enrolment e = SC_ENROLMENT_INIT;
    sc__buf sheet;
    char idn[19], today[SC_DATE_SIZE], idtext[48];
    double score = 0;
    sqlite3_stmt *st;
    size_t i = 0;
    int rc, step;

    if (!out)
        return sc__error_null("sc_paper_score", "out");
    *out = 0;
    if ((rc = sc__db_check(db, "sc_paper_score", 1)) != SC_OK ||
        (rc = sc__id_number_norm(id_number, idn)) != SC_OK)
        return rc;
    if (!answers && n)
        return sc__error_null("sc_paper_score", "answers");
    if (!actor)
        return sc__error_null("sc_paper_score", "actor");
    sc__buf_init(&sheet);
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = paper_load(db, paper_id, &p)) != SC_OK ||
        (rc = sc__session_load(db, p.session_id, &row)) != SC_OK ||
        (rc = sc__authorize(db, actor, SC__ACT_PAPER_SCORE, row.s.credit_code)) != SC_OK)
        goto fail;
    if (!(row.s.flags & SC_SESSION_ONLINE)) {
        rc = constraint("paper_id", "session %lld is not held online: its papers are marked by "
                        "examiners", (long long)p.session_id);
        goto fail;
    }
    if ((rc = sc__enrolment_load(db, p.session_id, idn, &e)) != SC_OK)
        goto fail;
    if ((size_t)p.items != n) {
        rc = bad("answers", "paper %lld has %lld items; %zu answers given", (long long)paper_id,
                 (long long)p.items, n);
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_SHEET_HAS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, paper_id);
    sc__bind_text(st, 2, idn);
    step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step == SQLITE_ROW) {
        rc = sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "the sheet of %s on paper %lld is already "
                           "scored", idn, (long long)paper_id);
        sc__error_set_field("id_number");
        goto fail;
    }
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading answer sheets");
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_PAPER_ITEMS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, paper_id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW && i < n) {
        int type = sqlite3_column_int(st, 3);
        const char *key = sc__col_text(st, 7);
        const char *given = answers[i];
        char norm[SC_ITEM_MAX_OPTIONS + 1] = "";
        if (given && *given) {
            if (type == SC_ITEM_PRACTICAL) {
                sqlite3_reset(st);
                rc = bad("answers", "item %zu is a practical task, scored by examiners: give NULL",
                         i + 1);
                goto fail;
            }
            if (strlen(given) > SC_ITEM_MAX_OPTIONS || norm_answer(type, given, norm, 0) != SC_OK) {
                sqlite3_reset(st);
                rc = bad("answers", "answer %zu ('%.20s') is not a %s answer", i + 1, given,
                         type_en[type]);
                goto fail;
            }
            if (key && !strcmp(norm, key))
                score += sqlite3_column_double(st, 6);
        }
        sc__buf_printf(&sheet, "%s%s", i ? "|" : "", norm);
        i++;
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE && step != SQLITE_ROW) {
        rc = sc__db_fail(db, step, "reading the paper");
        goto fail;
    }
    if (sheet.failed) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory scoring");
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_SHEET_INS, &st)) != SC_OK)
        goto fail;
    sc__today(today);
    sqlite3_bind_int64(st, 1, paper_id);
    sc__bind_text(st, 2, idn);
    sc__bind_text(st, 3, sheet.data ? sheet.data : "");
    sqlite3_bind_double(st, 4, score);
    sc__bind_text(st, 5, today);
    snprintf(idtext, sizeof idtext, "%lld:%s", (long long)paper_id, idn);
    if ((rc = sc__db_exec_stmt(db, st, "saving an answer sheet")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "paper", idtext, sc__action_name(SC__ACT_PAPER_SCORE),
                               "candidate=%s score=%g", idn, score)) != SC_OK)
        goto fail;
    sc__buf_free(&sheet);
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    *out = score;
    return SC_OK;
fail:
    sc__buf_free(&sheet);
    sc__db_rollback(db);
    return rc;
}
