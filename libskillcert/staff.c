/*
 * An organization's staff (managers, examiners 考评员, internal quality
 * supervisors 内部质量督导员, experts) and its special-path rules (破格申报,
 * 直接认定) with their district and city confirmations.
 */
#include "org_int.h"
#include "change_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_en[] = { NULL, "manager", "examiner", "supervisor", "expert" };
static const char *const role_zh[] = { NULL, "管理人员", "考评员", "内部质量督导员", "专家" };

const char *sc_staff_role_name(int role)
{
    return role >= SC_STAFF_MANAGER && role <= SC_STAFF_EXPERT ? role_en[role] : NULL;
}

const char *sc_staff_role_name_zh(int role)
{
    return role >= SC_STAFF_MANAGER && role <= SC_STAFF_EXPERT ? role_zh[role] : NULL;
}

int sc_staff_role_parse(int *out, const char *text)
{
    if (!out)
        return sc__error_null("sc_staff_role_parse", "out");
    *out = 0;
    if (!text)
        return sc__error_null("sc_staff_role_parse", "text");
    if ((*out = sc__name_lookup(text, role_en, role_zh, SC_STAFF_MANAGER, SC_STAFF_EXPERT)) != 0)
        return SC_OK;
    return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "role",
                          "'%.40s' is not a staff role (manager, examiner, supervisor, expert)",
                          text);
}

static int check_role(int role)
{
    if (!sc_staff_role_name(role)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "unknown staff role %d (1 manager, 2 examiner, 3 supervisor, 4 expert)", role);
        sc__error_set_field("role");
        return SC_EINVAL;
    }
    return SC_OK;
}

static int check_path(int path)
{
    if (path != SC_PATH_EXCEPTIONAL && path != SC_PATH_DIRECT) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "special-path rules are for SC_PATH_EXCEPTIONAL (破格) or SC_PATH_DIRECT "
                      "(直接认定), not %d", path);
        sc__error_set_field("path");
        return SC_EINVAL;
    }
    return SC_OK;
}

/* ---- staff ------------------------------------------------------------------ */

static const char SQL_STAFF_CURRENT[] =
    "SELECT id, added FROM staff WHERE org_id = ?1 AND person_id = ?2 AND role = ?3 "
    "AND removed IS NULL ORDER BY id DESC LIMIT 1";
static const char SQL_INS_STAFF[] =
    "INSERT INTO staff(org_id, person_id, name, role, added) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_INS_QUAL[] =
    "INSERT OR IGNORE INTO staff_qualification(staff_id, occupation, work_type, level) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char SQL_STAFF_REMOVE[] = "UPDATE staff SET removed = ?2 WHERE id = ?1";

/* The member currently in that role: SC_OK with id, SC_ENOTFOUND (not recorded). */
static int current_member(sc_db *db, sqlite3_int64 org, const char *person, int role,
                          sqlite3_int64 *id, char added[SC_DATE_SIZE])
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_STAFF_CURRENT, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org);
    sc__bind_text(st, 2, person);
    sqlite3_bind_int(st, 3, role);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        sc__copy_text(added, SC_DATE_SIZE, sc__col_text(st, 1));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc == SQLITE_DONE)
        return SC_ENOTFOUND;
    return sc__db_fail(db, rc, "looking up a staff member");
}

int sc_staff_add(sc_db *db, const sc_actor *actor, const char *credit_code, const char *person_id,
                 const char *name, int role, const sc_offerings *qualifications,
                 const char *date_in)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE], added[SC_DATE_SIZE], desc[600];
    char entity_id[SC_CREDIT_CODE_SIZE + SC_PERSON_ID_SIZE + 1];
    sc_offerings *canon = NULL;
    sc__org_row org;
    sqlite3_stmt *st;
    sqlite3_int64 id;
    size_t i;
    int rc;

    if ((rc = sc__db_check(db, "sc_staff_add", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__check_text(person_id, "person_id", SC_PERSON_ID_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__check_text(name, "name", SC_ORG_NAME_SIZE - 1, 1)) != SC_OK ||
        (rc = check_role(role)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (role != SC_STAFF_MANAGER && (!qualifications || qualifications->n == 0)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "%s %s needs the offerings they are qualified for",
                      sc__article(role_en[role]), role_en[role]);
        sc__error_set_field("qualifications");
        return SC_EINVAL;
    }
    if ((rc = sc__change_begin(db, actor, SC__ACT_STAFF_ADD, code)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK)
        goto fail;
    rc = current_member(db, org.id, person_id, role, &id, added);
    if (rc == SC_OK) {
        rc = sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "%s is already %s %s of %s (since %s)",
                           person_id, sc__article(role_en[role]), role_en[role], code, added);
        sc__error_set_field("person_id");
        goto fail;
    }
    if (rc != SC_ENOTFOUND)
        goto fail;
    if ((rc = sc_offerings_new(&canon)) != SC_OK)
        goto fail;
    for (i = 0; qualifications && i < qualifications->n; i++) {
        char c[SC_OCCUPATION_CODE_SIZE];
        if ((rc = sc__offering_certifiable(db, &qualifications->items[i], date, "qualifications",
                                           c)) != SC_OK ||
            (rc = sc__offerings_push(canon, c, qualifications->items[i].work_type,
                                     qualifications->items[i].level)) != SC_OK)
            goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_INS_STAFF, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, org.id);
    sc__bind_text(st, 2, person_id);
    sc__bind_text(st, 3, name);
    sqlite3_bind_int(st, 4, role);
    sc__bind_text(st, 5, date);
    if ((rc = sc__db_exec_stmt(db, st, "adding a staff member")) != SC_OK)
        goto fail;
    id = sqlite3_last_insert_rowid(db->conn);
    for (i = 0; i < canon->n; i++) {
        if ((rc = sc__db_stmt_get(db, SQL_INS_QUAL, &st)) != SC_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, id);
        sc__bind_text(st, 2, canon->items[i].occupation);
        sc__bind_text(st, 3, canon->items[i].work_type);
        sqlite3_bind_int(st, 4, canon->items[i].level);
        if ((rc = sc__db_exec_stmt(db, st, "recording qualifications")) != SC_OK)
            goto fail;
    }
    sc__offerings_describe(canon, desc, sizeof desc);
    snprintf(entity_id, sizeof entity_id, "%s/%s", code, person_id);
    sc_offerings_free(canon);
    return sc__change_commit(db, actor, SC__ACT_STAFF_ADD, "staff", entity_id,
                             "role=%s name=%s date=%s qualifications=%s", role_en[role], name,
                             date, desc);
fail:
    sc_offerings_free(canon);
    sc__db_rollback(db);
    return rc;
}

int sc_staff_remove(sc_db *db, const sc_actor *actor, const char *credit_code,
                    const char *person_id, int role, const char *date_in)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE], added[SC_DATE_SIZE];
    char entity_id[SC_CREDIT_CODE_SIZE + SC_PERSON_ID_SIZE + 1];
    sc__org_row org;
    sqlite3_stmt *st;
    sqlite3_int64 id;
    int rc;

    if ((rc = sc__db_check(db, "sc_staff_remove", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__check_text(person_id, "person_id", SC_PERSON_ID_SIZE - 1, 1)) != SC_OK ||
        (rc = check_role(role)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = sc__change_begin(db, actor, SC__ACT_STAFF_REMOVE, code)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK)
        goto fail;
    rc = current_member(db, org.id, person_id, role, &id, added);
    if (rc == SC_ENOTFOUND) {
        rc = sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s is not %s %s of %s", person_id,
                           sc__article(role_en[role]), role_en[role], code);
        sc__error_set_field("person_id");
        goto fail;
    }
    if (rc != SC_OK)
        goto fail;
    if (strcmp(date, added) < 0) {
        rc = sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                           "%s joined on %s; they cannot leave on %s", person_id, added, date);
        sc__error_set_field("date");
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_STAFF_REMOVE, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, date);
    snprintf(entity_id, sizeof entity_id, "%s/%s", code, person_id);
    if ((rc = sc__db_exec_stmt(db, st, "removing a staff member")) != SC_OK)
        goto fail;
    return sc__change_commit(db, actor, SC__ACT_STAFF_REMOVE, "staff", entity_id,
                             "role=%s date=%s", role_en[role], date);
fail:
    return sc__change_fail(db, rc);
}

/* The store's generic row iterator. */
struct sc_staff_iter {
    sc__rows r;
};

static const char SQL_STAFF_ITER[] =
    "SELECT o.credit_code, s.person_id, s.name, s.role, s.added, s.removed FROM staff s "
    "JOIN org o ON o.id = s.org_id WHERE s.org_id = ?1 AND (?2 IS NULL OR (s.added <= ?2 AND "
    "(s.removed IS NULL OR ?2 < s.removed))) ORDER BY s.role, s.person_id, s.id";

int sc_staff_iter_new(sc_staff_iter **out, sc_db *db, const char *credit_code,
                      const sc_staff_query *q)
{
    sc__rows *r = NULL;
    sc__org_row org;
    const char *date;
    int rc;
    if (!out)
        return sc__error_null("sc_staff_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_STAFF_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_staff_query version %u is not known to this library",
                              q->version);
    date = q ? q->date : NULL;
    if ((rc = sc__db_check(db, "sc_staff_iter_new", 0)) != SC_OK)
        return rc;
    if (date && (rc = sc__check_date(date, "date")) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, credit_code, &org)) != SC_OK ||
        (rc = sc__rows_new(&r, sizeof(sc_staff_iter), db, SQL_STAFF_ITER, 0)) != SC_OK)
        return rc;
    sqlite3_bind_int64(r->st, 1, org.id);
    sc__bind_text(r->st, 2, date);
    *out = (sc_staff_iter *)(void *)r; /* r is its first member */
    return SC_OK;
}

int sc_staff_iter_next(sc_staff *out, sc_staff_iter *it)
{
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_staff_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_staff", SC_STAFF_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__rows_step(it ? &it->r : NULL, 0, "sc_staff_iter_next")) != SC_OK)
        return rc;
    st = it->r.st;
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 0));
    sc__copy_text(out->person_id, sizeof out->person_id, sc__col_text(st, 1));
    sc__copy_text(out->name, sizeof out->name, sc__col_text(st, 2));
    out->role = sqlite3_column_int(st, 3);
    sc__copy_text(out->added, sizeof out->added, sc__col_text(st, 4));
    sc__copy_text(out->removed, sizeof out->removed, sc__col_text(st, 5));
    return SC_OK;
}

void sc_staff_iter_free(sc_staff_iter *it)
{
    if (it)
        sc__rows_free(&it->r);
}

static const char SQL_STAFF_LATEST[] =
    "SELECT id FROM staff WHERE org_id = ?1 AND person_id = ?2 AND role = ?3 "
    "ORDER BY id DESC LIMIT 1";
static const char SQL_QUALS[] =
    "SELECT occupation, work_type, level FROM staff_qualification WHERE staff_id = ?1 "
    "ORDER BY occupation, work_type, level DESC";

int sc_staff_qualifications_get(sc_offerings **out, sc_db *db, const char *credit_code,
                                const char *person_id, int role)
{
    sc__org_row org;
    sqlite3_stmt *st;
    sqlite3_int64 id;
    int rc;
    if (!out)
        return sc__error_null("sc_staff_qualifications_get", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_staff_qualifications_get", 0)) != SC_OK ||
        (rc = sc__check_text(person_id, "person_id", SC_PERSON_ID_SIZE - 1, 1)) != SC_OK ||
        (rc = check_role(role)) != SC_OK ||
        (rc = sc__org_find(db, credit_code, &org)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_STAFF_LATEST, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org.id);
    sc__bind_text(st, 2, person_id);
    sqlite3_bind_int(st, 3, role);
    rc = sqlite3_step(st);
    id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s was never %s %s of %s", person_id,
                             sc__article(role_en[role]), role_en[role], org.code);
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "looking up a staff member");
    if ((rc = sc_offerings_new(out)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_QUALS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sc__offerings_push(*out, sc__col_text(st, 0), sc__col_text(st, 1),
                               sqlite3_column_int(st, 2)) != SC_OK) {
            sqlite3_reset(st);
            rc = SC_ENOMEM;
            goto fail;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        rc = sc__db_fail(db, rc, "reading qualifications");
        goto fail;
    }
    return SC_OK;
fail:
    sc_offerings_free(*out);
    *out = NULL;
    return rc;
}

/* ---- special-path rules -------------------------------------------------------- */

static const char SQL_INS_RULES[] =
    "INSERT INTO special_rules(org_id, path, text, submitted) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_LATEST_RULES[] =
    "SELECT r.id, o.credit_code, r.path, r.text, r.submitted, r.district_confirmed, "
    "r.district_actor, r.city_confirmed, r.city_actor FROM special_rules r "
    "JOIN org o ON o.id = r.org_id WHERE r.org_id = ?1 AND r.path = ?2 ORDER BY r.id DESC LIMIT 1";
static const char SQL_CONFIRM_DISTRICT[] =
    "UPDATE special_rules SET district_confirmed = ?2, district_actor = ?3 WHERE id = ?1";
static const char SQL_CONFIRM_CITY[] =
    "UPDATE special_rules SET city_confirmed = ?2, city_actor = ?3 WHERE id = ?1";

static int latest_rules(sc_db *db, sqlite3_int64 org, int path, sc_special_rules *out,
                        sqlite3_int64 *id)
{
    sqlite3_stmt *st;
    int rc;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, SQL_LATEST_RULES, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org);
    sqlite3_bind_int(st, 2, path);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (id)
            *id = sqlite3_column_int64(st, 0);
        sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 1));
        out->path = sqlite3_column_int(st, 2);
        sc__copy_text(out->text, sizeof out->text, sc__col_text(st, 3));
        sc__copy_text(out->submitted, sizeof out->submitted, sc__col_text(st, 4));
        sc__copy_text(out->district_confirmed, sizeof out->district_confirmed,
                      sc__col_text(st, 5));
        sc__copy_text(out->district_actor, sizeof out->district_actor, sc__col_text(st, 6));
        sc__copy_text(out->city_confirmed, sizeof out->city_confirmed, sc__col_text(st, 7));
        sc__copy_text(out->city_actor, sizeof out->city_actor, sc__col_text(st, 8));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc == SQLITE_DONE)
        return SC_ENOTFOUND;
    return sc__db_fail(db, rc, "reading special-path rules");
}

static const char *path_label(int path)
{
    return path == SC_PATH_EXCEPTIONAL ? "exceptional" : "direct";
}

int sc_org_rules_submit(sc_db *db, const sc_actor *actor, const char *credit_code, int path,
                        const char *text, const char *date_in)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE];
    char entity_id[SC_CREDIT_CODE_SIZE + 16];
    sc__org_row org;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__db_check(db, "sc_org_rules_submit", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = check_path(path)) != SC_OK ||
        (rc = sc__check_text(text, "text", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = sc__change_begin(db, actor, SC__ACT_RULES_SUBMIT, code)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK)
        goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_INS_RULES, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, org.id);
    sqlite3_bind_int(st, 2, path);
    sc__bind_text(st, 3, text);
    sc__bind_text(st, 4, date);
    snprintf(entity_id, sizeof entity_id, "%s/%s", code, path_label(path));
    if ((rc = sc__db_exec_stmt(db, st, "submitting special-path rules")) != SC_OK)
        goto fail;
    return sc__change_commit(db, actor, SC__ACT_RULES_SUBMIT, "rules", entity_id,
                             "date=%s text=%s", date, text);
fail:
    return sc__change_fail(db, rc);
}

int sc_org_rules_confirm(sc_db *db, const sc_actor *actor, const char *credit_code, int path,
                         const char *date_in)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE], who[SC_ACTOR_TEXT_SIZE];
    char entity_id[SC_CREDIT_CODE_SIZE + 16];
    sc_special_rules r = SC_SPECIAL_RULES_INIT;
    sc__org_row org;
    sqlite3_stmt *st;
    sqlite3_int64 id = 0;
    int rc, by_district;

    if ((rc = sc__db_check(db, "sc_org_rules_confirm", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = check_path(path)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = sc__change_begin(db, actor, SC__ACT_RULES_CONFIRM, code)) != SC_OK)
        return rc;
    by_district = actor->kind == SC_ACTOR_DISTRICT;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK)
        goto fail;
    rc = latest_rules(db, org.id, path, &r, &id);
    if (rc == SC_ENOTFOUND) {
        rc = sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s has submitted no %s rules", code,
                           path_label(path));
        goto fail;
    }
    if (rc != SC_OK)
        goto fail;
    if ((by_district ? r.district_confirmed : r.city_confirmed)[0]) {
        rc = sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                           "the %s rules of %s submitted on %s were already confirmed by the %s "
                           "on %s", path_label(path), code, r.submitted,
                           by_district ? "district bureau" : "city bureau",
                           by_district ? r.district_confirmed : r.city_confirmed);
        goto fail;
    }
    if (strcmp(date, r.submitted) < 0) {
        rc = sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                           "the rules were submitted on %s; they cannot be confirmed on %s",
                           r.submitted, date);
        sc__error_set_field("date");
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, by_district ? SQL_CONFIRM_DISTRICT : SQL_CONFIRM_CITY,
                              &st)) != SC_OK)
        goto fail;
    if (actor->name && *actor->name)
        snprintf(who, sizeof who, "%s (%s)", actor->label, actor->name);
    else
        snprintf(who, sizeof who, "%s", actor->label);
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, date);
    sc__bind_text(st, 3, who);
    snprintf(entity_id, sizeof entity_id, "%s/%s", code, path_label(path));
    if ((rc = sc__db_exec_stmt(db, st, "confirming special-path rules")) != SC_OK)
        goto fail;
    return sc__change_commit(db, actor, SC__ACT_RULES_CONFIRM, "rules", entity_id,
                             "by=%s date=%s submitted=%s", by_district ? "district" : "city",
                             date, r.submitted);
fail:
    return sc__change_fail(db, rc);
}

int sc_org_rules_get(sc_special_rules *out, sc_db *db, const char *credit_code, int path)
{
    sc__org_row org;
    int rc;
    if (!out)
        return sc__error_null("sc_org_rules_get", "out");
    SC__VERSION_CHECK(out, "sc_special_rules", SC_SPECIAL_RULES_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_org_rules_get", 0)) != SC_OK ||
        (rc = check_path(path)) != SC_OK ||
        (rc = sc__org_find(db, credit_code, &org)) != SC_OK)
        return rc;
    rc = latest_rules(db, org.id, path, out, NULL);
    if (rc == SC_ENOTFOUND)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s has submitted no %s rules",
                             org.code, path_label(path));
    return rc;
}

static const char SQL_CONFIRMED_PATHS[] =
    "SELECT DISTINCT path FROM special_rules WHERE org_id = ?1 AND district_confirmed <= ?2 "
    "AND city_confirmed <= ?2";

int sc_org_rules_confirmed_get(unsigned int *out, sc_db *db, const char *credit_code,
                               const char *date_in)
{
    char date[SC_DATE_SIZE];
    sc__org_row org;
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_org_rules_confirmed_get", "out");
    *out = 0;
    if ((rc = sc__db_check(db, "sc_org_rules_confirmed_get", 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = sc__org_find(db, credit_code, &org)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_CONFIRMED_PATHS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org.id);
    sc__bind_text(st, 2, date);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int p = sqlite3_column_int(st, 0);
        if (p >= 1 && p <= 2)
            *out |= 1u << (p - 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading special-path rules");
    return SC_OK;
}
