/*
 * Evaluation organizations: registration, the filing workflow (申报 → 推荐 →
 * 专家评估 → 公示 → 备案 → 承诺), added scope (增项), exit (退出目录), the
 * directory, and "may O certify this on date D?".
 */
#include "org_int.h"
#include "catalog_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ------------------------------------------------------------ */

static const char *const kind_en[] = { NULL, "enterprise", "social-group", "university",
                                       "vocational-school" };
static const char *const kind_zh[] = { NULL, "企业", "社会团体", "高等院校", "职业院校" };

const char *sc_org_kind_name(int kind)
{
    return kind >= SC_ORG_ENTERPRISE && kind <= SC_ORG_VOCATIONAL_SCHOOL ? kind_en[kind] : NULL;
}

const char *sc_org_kind_name_zh(int kind)
{
    return kind >= SC_ORG_ENTERPRISE && kind <= SC_ORG_VOCATIONAL_SCHOOL ? kind_zh[kind] : NULL;
}

int sc_org_kind_parse(int *out, const char *text)
{
    if (!out)
        return sc__error_null("sc_org_kind_parse", "out");
    *out = 0;
    if (!text)
        return sc__error_null("sc_org_kind_parse", "text");
    if ((*out = sc__name_lookup(text, kind_en, kind_zh, SC_ORG_ENTERPRISE,
                                SC_ORG_VOCATIONAL_SCHOOL)) != 0)
        return SC_OK;
    if (!strcmp(text, "技工院校")) {
        *out = SC_ORG_VOCATIONAL_SCHOOL;
        return SC_OK;
    }
    return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "kind",
                          "'%.40s' is not an organization kind (enterprise, social-group, "
                          "university, vocational-school)", text);
}

static const char *const status_names[] = { "none", "applied", "recommended", "evaluated",
                                            "noticed", "filed", "active", "rejected",
                                            "exited", "expired" };

const char *sc_filing_status_name(int status)
{
    return status >= SC_FILING_NONE && status <= SC_FILING_EXPIRED ? status_names[status] : NULL;
}

/* ---- dates -------------------------------------------------------------- */

int sc__date_arg(const char *date, const char *what, char buf[SC_DATE_SIZE])
{
    int rc;
    if (!date) {
        sc__today(buf);
        return SC_OK;
    }
    if ((rc = sc__check_date(date, what)) != SC_OK)
        return rc;
    memcpy(buf, date, SC_DATE_SIZE);
    return SC_OK;
}

/* Days since 1970-01-01 to a date (H. Hinnant's civil_from_days). */
static void date_from_days(long z, char out[SC_DATE_SIZE])
{
    long era, doe, yoe, y, doy, mp, d, m;
    char buf[64];
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y % 10000, m % 100, d % 100);
    sc__copy_text(out, SC_DATE_SIZE, buf);
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The last valid day of a filing made on `filed`: the day before the third
 * anniversary (29 February → 1 March in a common year). */
static void validity_end(const char *filed, char out[SC_DATE_SIZE])
{
    int y = atoi(filed), m = atoi(filed + 5), d = atoi(filed + 8);
    char anniv[64];
    y += 3;
    if (m == 2 && d == 29 && !is_leap(y)) {
        m = 3;
        d = 1;
    }
    snprintf(anniv, sizeof anniv, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    date_from_days(sc__date_days(anniv) - 1, out);
}

/* ---- rows ---------------------------------------------------------------- */

/* Step a bound lookup of (id, credit_code, district) into row: SC_OK, SC_ENOTFOUND
 * with no message (the caller names what it looked for), or the database error. */
static int org_row_read(sc_db *db, sqlite3_stmt *st, sc__org_row *row)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        row->id = sqlite3_column_int64(st, 0);
        sc__copy_text(row->code, sizeof row->code, sc__col_text(st, 1));
        sc__copy_text(row->district, sizeof row->district, sc__col_text(st, 2));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "looking up an organization");
    return SC_ENOTFOUND;
}

static const char SQL_ORG_FIND[] =
    "SELECT id, credit_code, district FROM org WHERE credit_code = ?1";

int sc__org_find(sc_db *db, const char *credit_code, sc__org_row *row)
{
    char norm[SC_CREDIT_CODE_SIZE];
    sqlite3_stmt *st;
    int rc;
    memset(row, 0, sizeof(*row));
    if ((rc = sc__credit_code_norm(credit_code, norm)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_ORG_FIND, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, norm);
    if ((rc = org_row_read(db, st, row)) != SC_ENOTFOUND)
        return rc;
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no organization with credit code %s", norm);
    sc__error_set_field("credit_code");
    return SC_ENOTFOUND;
}

static const char SQL_ORG_BY_ID[] = "SELECT id, credit_code, district FROM org WHERE id = ?1";

static int org_by_id(sc_db *db, sqlite3_int64 id, sc__org_row *row)
{
    sqlite3_stmt *st;
    int rc;
    memset(row, 0, sizeof(*row));
    if ((rc = sc__db_stmt_get(db, SQL_ORG_BY_ID, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = org_row_read(db, st, row)) != SC_ENOTFOUND)
        return rc;
    return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no organization %lld", (long long)id);
}

#define FILING_COLS                                                                         \
    "f.id, o.credit_code, f.kind, f.base_id, f.status, f.applied, f.recommended, "         \
    "f.evaluated, f.methods, f.noticed, f.filed, f.committed, f.receipt, f.valid_until, "  \
    "f.ended, f.reason"
#define FILING_FROM " FROM filing f JOIN org o ON o.id = f.org_id "
/* A filing in force on ?2: filed by then, within validity, not ended. */
/* Filing states and kinds written into SQL text: the enum's values (org.h), checked
 * at compile time, so that no query carries a bare number. */
#define SQL_APPLIED "1"
#define SQL_RECOMMENDED "2"
#define SQL_EVALUATED "3"
#define SQL_NOTICED "4"
#define SQL_FILED "5"
#define SQL_ACTIVE "6"
#define SQL_REJECTED "7"
#define SQL_EXITED "8"
#define SQL_INITIAL "1"
typedef char sc__filing_enum_check[(SC_FILING_APPLIED == 1 && SC_FILING_RECOMMENDED == 2 &&
                                    SC_FILING_EVALUATED == 3 && SC_FILING_NOTICED == 4 &&
                                    SC_FILING_FILED == 5 && SC_FILING_ACTIVE == 6 &&
                                    SC_FILING_REJECTED == 7 && SC_FILING_EXITED == 8 &&
                                    SC_FILING_INITIAL == 1)
                                       ? 1
                                       : -1];

#define IN_FORCE                                                                            \
    "f.filed IS NOT NULL AND f.filed <= ?2 AND ?2 <= f.valid_until "                       \
    "AND (f.ended IS NULL OR ?2 < f.ended)"

static void filing_fill(sc_filing *out, sqlite3_stmt *st)
{
    SC__ZERO_KEEP_VERSION(out);
    out->id = sqlite3_column_int64(st, 0);
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 1));
    out->kind = sqlite3_column_int(st, 2);
    out->base_id = sqlite3_column_int64(st, 3);
    out->status = sqlite3_column_int(st, 4);
    sc__copy_text(out->applied, sizeof out->applied, sc__col_text(st, 5));
    sc__copy_text(out->recommended, sizeof out->recommended, sc__col_text(st, 6));
    sc__copy_text(out->evaluated, sizeof out->evaluated, sc__col_text(st, 7));
    out->methods = (unsigned int)sqlite3_column_int(st, 8);
    sc__copy_text(out->noticed, sizeof out->noticed, sc__col_text(st, 9));
    sc__copy_text(out->filed, sizeof out->filed, sc__col_text(st, 10));
    sc__copy_text(out->committed, sizeof out->committed, sc__col_text(st, 11));
    sc__copy_text(out->receipt, sizeof out->receipt, sc__col_text(st, 12));
    sc__copy_text(out->valid_until, sizeof out->valid_until, sc__col_text(st, 13));
    sc__copy_text(out->ended, sizeof out->ended, sc__col_text(st, 14));
    sc__copy_text(out->reason, sizeof out->reason, sc__col_text(st, 15));
}

/* Run a cached query expected to return at most one filing; *found says. */
static int one_filing(sc_db *db, const char *sql, sqlite3_int64 id, const char *date,
                      sc_filing *out, int *found)
{
    sqlite3_stmt *st;
    int rc;
    *found = 0;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, sql, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if (date)
        sc__bind_text(st, 2, date);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        filing_fill(out, st);
        *found = 1;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading filings");
    return SC_OK;
}

static const char SQL_OPEN_FILING[] =
    "SELECT " FILING_COLS FILING_FROM
    "WHERE f.org_id = ?1 AND f.status BETWEEN " SQL_APPLIED " AND " SQL_FILED
    " AND NOT (f.status = " SQL_FILED " AND f.committed IS NOT NULL) ORDER BY f.id DESC LIMIT 1";
static const char SQL_IN_FORCE_FILING[] =
    "SELECT " FILING_COLS FILING_FROM "WHERE f.org_id = ?1 AND f.kind = " SQL_INITIAL " AND " IN_FORCE
    " ORDER BY f.filed DESC, f.id DESC LIMIT 1";
static const char SQL_LAST_FILED[] =
    "SELECT " FILING_COLS FILING_FROM
    "WHERE f.org_id = ?1 AND f.kind = " SQL_INITIAL " AND f.filed IS NOT NULL AND f.filed <= ?2 "
    "ORDER BY f.filed DESC, f.id DESC LIMIT 1";
static const char SQL_LATEST_INITIAL[] =
    "SELECT " FILING_COLS FILING_FROM
    "WHERE f.org_id = ?1 AND f.kind = " SQL_INITIAL " AND f.applied <= ?2 "
    "ORDER BY f.applied DESC, f.id DESC LIMIT 1";
static const char SQL_FILING_BY_ID[] =
    "SELECT " FILING_COLS FILING_FROM "WHERE f.id = ?1";

/* The application in progress (APPLIED..FILED-awaiting-commitment). */
static int open_filing(sc_db *db, sqlite3_int64 org, sc_filing *f, int *found)
{
    return one_filing(db, SQL_OPEN_FILING, org, NULL, f, found);
}

/* The organization's (initial) filing in force on date. */
static int in_force(sc_db *db, sqlite3_int64 org, const char *date, sc_filing *f, int *found)
{
    return one_filing(db, SQL_IN_FORCE_FILING, org, date, f, found);
}

static void actor_text(const sc_actor *a, char out[SC_ACTOR_TEXT_SIZE])
{
    if (a->name && *a->name)
        snprintf(out, SC_ACTOR_TEXT_SIZE, "%s (%s)", a->label, a->name);
    else
        snprintf(out, SC_ACTOR_TEXT_SIZE, "%s", a->label);
}

static const char SQL_INS_STEP[] =
    "INSERT INTO filing_step(filing_id, step, date, actor, note) VALUES (?1, ?2, ?3, ?4, ?5)";

static int record_step(sc_db *db, const sc_actor *actor, sqlite3_int64 filing, int step,
                       const char *date, const char *note)
{
    char who[SC_ACTOR_TEXT_SIZE];
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_INS_STEP, &st)) != SC_OK)
        return rc;
    actor_text(actor, who);
    sqlite3_bind_int64(st, 1, filing);
    sqlite3_bind_int(st, 2, step);
    sc__bind_text(st, 3, date);
    sc__bind_text(st, 4, who);
    sc__bind_text(st, 5, note && *note ? note : NULL);
    return sc__db_exec_stmt(db, st, "recording a filing step");
}

/* Granted offerings of every filing in force on date. */
static const char SQL_SCOPE_ON[] =
    "SELECT s.occupation, s.work_type, s.level FROM filing_scope s "
    "JOIN filing f ON f.id = s.filing_id WHERE f.org_id = ?1 AND s.granted = 1 AND " IN_FORCE
    " ORDER BY s.occupation, s.work_type, s.level DESC";

static int scope_on(sc_db *db, sqlite3_int64 org, const char *date, sc_offerings *out)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_SCOPE_ON, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org);
    sc__bind_text(st, 2, date);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sc__offerings_push(out, sc__col_text(st, 0), sc__col_text(st, 1),
                               sqlite3_column_int(st, 2)) != SC_OK) {
            sqlite3_reset(st);
            return SC_ENOMEM;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a scope");
    return SC_OK;
}

/* ---- registration ---------------------------------------------------------- */

static const char SQL_INS_ORG[] =
    "INSERT INTO org(credit_code, name, kind, district, registered, legacy_code) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* The checks of registering an organization, whichever door it comes through
 * (sc_org_register, or the replay of a document bringing an organization new to
 * this registry, through sc__org_register_check): a valid credit code (a legacy
 * one only with SC_CREDIT_CODE_ALLOW_LEGACY), a name, a known kind and district.
 * *cc the code's verdict, dist the district's current code. SC_OK; SC_EINVAL
 * (recorded, field "credit_code", "name", "kind" or "district"); SC_ENOTFOUND;
 * SC_EDB. */
static int register_check(sc_db *db, const char *credit_code, const char *name, int kind,
                          const char *district, unsigned int flags, sc_credit_code_result *cc,
                          char dist[SC_DISTRICT_CODE_SIZE])
{
    int rc;
    if ((rc = sc_credit_code_validate(cc, credit_code, flags)) != SC_OK)
        return rc;
    if (!cc->valid) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "'%.40s' is not a valid unified social credit "
                      "code: %s%s", credit_code, cc->message,
                      cc->expected_check[0] && !(flags & SC_CREDIT_CODE_ALLOW_LEGACY)
                          ? " (SC_CREDIT_CODE_ALLOW_LEGACY accepts a known legacy code)"
                          : "");
        sc__error_set_field("credit_code");
        return SC_EINVAL;
    }
    if ((rc = sc__check_text(name, "name", SC_ORG_NAME_SIZE - 1, 1)) != SC_OK)
        return rc;
    if (!sc_org_kind_name(kind)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "unknown organization kind %d (1 enterprise, 2 social group, 3 university, "
                      "4 vocational school)", kind);
        sc__error_set_field("kind");
        return SC_EINVAL;
    }
    return sc__district_resolve(db, district, "district", dist);
}

int sc__org_register_check(sc_db *db, const char *credit_code, const char *name, int kind,
                           const char *district, int legacy, char code[SC_CREDIT_CODE_SIZE],
                           char dist[SC_DISTRICT_CODE_SIZE], int *is_legacy)
{
    sc_credit_code_result cc = SC_CREDIT_CODE_RESULT_INIT;
    int rc = register_check(db, credit_code, name, kind, district,
                            legacy ? SC_CREDIT_CODE_ALLOW_LEGACY : 0, &cc, dist);
    if (rc != SC_OK)
        return rc;
    sc__copy_text(code, SC_CREDIT_CODE_SIZE, cc.code);
    *is_legacy = cc.legacy;
    return SC_OK;
}

int sc_org_register(sc_db *db, const sc_actor *actor, const char *credit_code, const char *name,
                    int kind, const char *district, const char *date_in, unsigned int flags)
{
    sc_credit_code_result cc = SC_CREDIT_CODE_RESULT_INIT;
    char date[SC_DATE_SIZE], dist[SC_DISTRICT_CODE_SIZE];
    sc__org_row row;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__db_check(db, "sc_org_register", 1)) != SC_OK)
        return rc;
    if ((rc = register_check(db, credit_code, name, kind, district, flags, &cc, dist)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = sc__authorize(db, actor, SC__ACT_ORG_REGISTER, cc.code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    rc = sc__org_find(db, cc.code, &row);
    if (rc == SC_OK) {
        rc = sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "organization %s is already registered",
                           cc.code);
        sc__error_set_field("credit_code");
        goto fail;
    }
    if (rc != SC_ENOTFOUND)
        goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_INS_ORG, &st)) != SC_OK)
        goto fail;
    sc__bind_text(st, 1, cc.code);
    sc__bind_text(st, 2, name);
    sqlite3_bind_int(st, 3, kind);
    sc__bind_text(st, 4, dist);
    sc__bind_text(st, 5, date);
    sqlite3_bind_int(st, 6, cc.legacy);
    if ((rc = sc__db_exec_stmt(db, st, "registering an organization")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "org", cc.code, sc__action_name(SC__ACT_ORG_REGISTER),
                               "name=%s kind=%s district=%s date=%s%s%s", name,
                               sc_org_kind_name(kind), dist, date,
                               cc.legacy ? " legacy-code " : "", cc.legacy ? cc.message : "")) !=
            SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

static const char SQL_PUBLISH[] =
    "UPDATE org SET rules = coalesce(?2, rules), fees = coalesce(?3, fees), published = ?4 "
    "WHERE id = ?1";

int sc_org_publish(sc_db *db, const sc_actor *actor, const char *credit_code, const char *rules,
                   const char *fees, const char *date_in)
{
    char date[SC_DATE_SIZE], code[SC_CREDIT_CODE_SIZE];
    sc__org_row org;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__db_check(db, "sc_org_publish", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__check_text(rules, "rules", SC_ORG_TEXT_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__check_text(fees, "fees", SC_ORG_TEXT_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (!rules && !fees)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_org_publish: give the rules, the fees or both");
    if ((rc = sc__authorize(db, actor, SC__ACT_ORG_PUBLISH, code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK)
        goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_PUBLISH, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, org.id);
    sc__bind_text(st, 2, rules);
    sc__bind_text(st, 3, fees);
    sc__bind_text(st, 4, date);
    if ((rc = sc__db_exec_stmt(db, st, "publishing rules and fees")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "org", code, sc__action_name(SC__ACT_ORG_PUBLISH),
                               "date=%s%s%s%s%s", date, rules ? " rules=" : "",
                               rules ? rules : "", fees ? " fees=" : "", fees ? fees : "")) !=
            SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

/* ---- applications ---------------------------------------------------------------- */

static const char SQL_INS_FILING[] =
    "INSERT INTO filing(org_id, kind, base_id, status, applied) VALUES (?1, ?2, ?3, " SQL_APPLIED
    ", ?4)";
static const char SQL_INS_SCOPE[] =
    "INSERT OR IGNORE INTO filing_scope(filing_id, occupation, work_type, level, granted) "
    "VALUES (?1, ?2, ?3, ?4, 0)";

/* The checks of an application for filing (备案申请) or added scope (增项) of
 * `org` on `date` for the canonical scope `canon`, whichever door it comes
 * through: sc_org_apply[_addition], or the replay of an organization-application
 * or district-recommendation document (sc__filing_apply_check). One application
 * at a time; an initial one only without a filing in force; an addition only
 * within a filing in force whose commitment is signed, for offerings not yet in
 * its scope. *base: the filing in force (an addition's base). With
 * `commitment_elsewhere` (a replay), the base filing may await its commitment
 * here: the letter is signed at the organization and arrives with the
 * directory. SC_OK; SC_ECONSTRAINT (recorded); SC_EDB. */
static int apply_check(sc_db *db, const sc__org_row *org, int addition, const sc_offerings *canon,
                       const char *date, int commitment_elsewhere, sc_filing *base)
{
    sc_offerings *have = NULL;
    sc_filing cur = SC_FILING_INIT;
    size_t i;
    int rc, found, in;
    if ((rc = in_force(db, org->id, date, base, &in)) != SC_OK ||
        (rc = open_filing(db, org->id, &cur, &found)) != SC_OK)
        return rc;
    if (found && !(commitment_elsewhere && addition && in && cur.id == base->id)) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "%s already has an application in progress (filing %lld, step %s): one "
                      "at a time", org->code, (long long)cur.id, sc_filing_status_name(cur.status));
        sc__error_set_field("date");
        return SC_ECONSTRAINT;
    }
    if (!addition && in) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "%s is filed (%s) and valid until %s: apply for added scope (增项), "
                      "or again after the validity", org->code, base->receipt, base->valid_until);
        sc__error_set_field("kind");
        return SC_ECONSTRAINT;
    }
    if (!addition)
        return SC_OK;
    if (!in) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "%s has no filing in force on %s: added scope (增项) is for a filed "
                      "organization within its validity", org->code, date);
        sc__error_set_field("kind");
        return SC_ECONSTRAINT;
    }
    if (!commitment_elsewhere && (!base->committed[0] || strcmp(base->committed, date) > 0)) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "%s has not signed its commitment letter by %s", org->code, date);
        sc__error_set_field("date");
        return SC_ECONSTRAINT;
    }
    if ((rc = sc_offerings_new(&have)) != SC_OK || (rc = scope_on(db, org->id, date, have)) != SC_OK)
        goto done;
    for (i = 0; i < canon->n; i++) {
        const sc_offering_item *it = &canon->items[i];
        if (sc__offerings_has(have, it->occupation, it->work_type, it->level)) {
            rc = sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                               "%s%s%s level %d is already in the scope of %s", it->occupation,
                               it->work_type[0] ? "/" : "", it->work_type, it->level, org->code);
            sc__error_set_field("scope");
            goto done;
        }
    }
done:
    sc_offerings_free(have);
    return rc;
}

int sc__filing_apply_check(sc_db *db, sqlite3_int64 org_id, int kind, const sc_offerings *scope,
                           const char *date, sqlite3_int64 *base_id)
{
    sc__org_row org;
    sc_filing base = SC_FILING_INIT;
    int rc;
    if (!db || org_id <= 0 || !scope || !date || !base_id ||
        (kind != SC_FILING_INITIAL && kind != SC_FILING_ADDITION))
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "sc__filing_apply_check: bad arguments");
    *base_id = 0;
    if ((rc = org_by_id(db, org_id, &org)) != SC_OK ||
        (rc = apply_check(db, &org, kind == SC_FILING_ADDITION, scope, date, 1, &base)) != SC_OK)
        return rc;
    if (kind == SC_FILING_ADDITION)
        *base_id = base.id;
    return SC_OK;
}

static int do_apply(sc_db *db, const sc_actor *actor, const char *credit_code,
                    const sc_offerings *scope, const char *date_in, int addition)
{
    const char *func = addition ? "sc_org_apply_addition" : "sc_org_apply";
    int action = addition ? SC__ACT_ORG_APPLY_ADDITION : SC__ACT_ORG_APPLY;
    char date[SC_DATE_SIZE], code[SC_CREDIT_CODE_SIZE], desc[700];
    sc_offerings *canon = NULL;
    sc__org_row org;
    sc_filing cur = SC_FILING_INIT;
    sqlite3_stmt *st;
    sqlite3_int64 id;
    size_t i;
    int rc;

    if ((rc = sc__db_check(db, func, 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (!scope)
        return sc__error_null(func, "scope");
    if (scope->n == 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s: the requested scope is empty", func);
        sc__error_set_field("scope");
        return SC_EINVAL;
    }
    if ((rc = sc__authorize(db, actor, action, code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK)
        goto fail;
    if ((rc = sc_offerings_new(&canon)) != SC_OK)
        goto fail;
    for (i = 0; i < scope->n; i++) {
        char c[SC_OCCUPATION_CODE_SIZE];
        if ((rc = sc__offering_certifiable(db, &scope->items[i], date, "scope", c)) != SC_OK ||
            (rc = sc__offerings_push(canon, c, scope->items[i].work_type,
                                     scope->items[i].level)) != SC_OK)
            goto fail;
    }
    if ((rc = apply_check(db, &org, addition, canon, date, 0, &cur)) != SC_OK)
        goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_INS_FILING, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, org.id);
    sqlite3_bind_int(st, 2, addition ? SC_FILING_ADDITION : SC_FILING_INITIAL);
    if (addition)
        sqlite3_bind_int64(st, 3, cur.id);
    else
        sqlite3_bind_null(st, 3);
    sc__bind_text(st, 4, date);
    if ((rc = sc__db_exec_stmt(db, st, "recording an application")) != SC_OK)
        goto fail;
    id = sqlite3_last_insert_rowid(db->conn);
    for (i = 0; i < canon->n; i++) {
        if ((rc = sc__db_stmt_get(db, SQL_INS_SCOPE, &st)) != SC_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, id);
        sc__bind_text(st, 2, canon->items[i].occupation);
        sc__bind_text(st, 3, canon->items[i].work_type);
        sqlite3_bind_int(st, 4, canon->items[i].level);
        if ((rc = sc__db_exec_stmt(db, st, "recording the requested scope")) != SC_OK)
            goto fail;
    }
    sc__offerings_describe(canon, desc, sizeof desc);
    if ((rc = record_step(db, actor, id, SC_FILING_APPLIED, date, NULL)) != SC_OK ||
        (rc = sc__audit_append(db, actor, "org", code, sc__action_name(action),
                               "filing=%lld kind=%s date=%s district=%s scope=%s",
                               (long long)id, addition ? "addition" : "initial", date,
                               org.district, desc)) != SC_OK)
        goto fail;
    sc_offerings_free(canon);
    return sc__db_commit(db);
fail:
    sc_offerings_free(canon);
    sc__db_rollback(db);
    return rc;
}

int sc_org_apply(sc_db *db, const sc_actor *actor, const char *credit_code,
                 const sc_offerings *scope, const char *date)
{
    return do_apply(db, actor, credit_code, scope, date, 0);
}

int sc_org_apply_addition(sc_db *db, const sc_actor *actor, const char *credit_code,
                          const sc_offerings *scope, const char *date)
{
    return do_apply(db, actor, credit_code, scope, date, 1);
}

/* ---- workflow steps --------------------------------------------------------------- */

typedef struct {
    sc_db *db;
    const sc_actor *actor;
    int action;
    char code[SC_CREDIT_CODE_SIZE];
    char date[SC_DATE_SIZE];
    sc__org_row org;
    sc_filing f;
} step_ctx;

static const char *last_step_date(const sc_filing *f)
{
    if (f->committed[0])
        return f->committed;
    if (f->filed[0])
        return f->filed;
    if (f->noticed[0])
        return f->noticed;
    if (f->evaluated[0])
        return f->evaluated;
    if (f->recommended[0])
        return f->recommended;
    return f->applied;
}

/* The checks of a step of the filing workflow on filing f of organization `code`,
 * whichever door it comes through (the direct calls through step_begin, the
 * replay of a district's decision through sc__filing_decided_by_district): the
 * application is at step `expect` and `date` is not before its last step.
 * SC_OK; SC_ECONSTRAINT (recorded, field "state" or "date"). */
static int step_check(const char *code, const sc_filing *f, int expect, const char *date)
{
    const char *prev;
    if (f->status != expect) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "the application of %s (filing %lld) is at step '%s', not '%s'", code,
                      (long long)f->id, sc_filing_status_name(f->status),
                      sc_filing_status_name(expect));
        sc__error_set_field("state");
        return SC_ECONSTRAINT;
    }
    prev = last_step_date(f);
    if (strcmp(date, prev) < 0) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "%s is before the previous step of filing %lld (%s on %s)", date,
                      (long long)f->id, sc_filing_status_name(f->status), prev);
        sc__error_set_field("date");
        return SC_ECONSTRAINT;
    }
    return SC_OK;
}

/* Validate, authorize, begin, and find the application at step `expect`.
 * On failure nothing is left open. */
static int step_begin(step_ctx *c, sc_db *db, const sc_actor *actor, int action,
                      const char *func, const char *credit_code, const char *date, int expect)
{
    int rc, found;
    memset(c, 0, sizeof(*c));
    c->db = db;
    c->actor = actor;
    c->action = action;
    if ((rc = sc__db_check(db, func, 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, c->code)) != SC_OK ||
        (rc = sc__date_arg(date, "date", c->date)) != SC_OK)
        return rc;
    if ((rc = sc__authorize(db, actor, action, c->code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, c->code, &c->org)) != SC_OK ||
        (rc = open_filing(db, c->org.id, &c->f, &found)) != SC_OK)
        goto fail;
    if (!found) {
        rc = sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                           "%s has no application in progress", c->code);
        goto fail;
    }
    if ((rc = step_check(c->code, &c->f, expect, c->date)) != SC_OK)
        goto fail;
    return SC_OK;
fail:
    sc__db_rollback(db);
    return rc;
}

/* Record the step and its audit entry, then commit; rolls back on failure. */
static int step_end(step_ctx *c, int step, const char *note, const char *extra)
{
    int rc;
    if ((rc = record_step(c->db, c->actor, c->f.id, step, c->date, note)) != SC_OK ||
        (rc = sc__audit_append(c->db, c->actor, "org", c->code, sc__action_name(c->action),
                               "filing=%lld step=%s date=%s%s%s%s%s", (long long)c->f.id,
                               sc_filing_status_name(step), c->date, extra ? " " : "",
                               extra ? extra : "", note && *note ? " note=" : "",
                               note && *note ? note : "")) != SC_OK) {
        sc__db_rollback(c->db);
        return rc;
    }
    return sc__db_commit(c->db);
}

static int step_fail(step_ctx *c, int rc)
{
    sc__db_rollback(c->db);
    return rc;
}

static const char SQL_SET_RECOMMENDED[] =
    "UPDATE filing SET status = " SQL_RECOMMENDED ", recommended = ?2 WHERE id = ?1";
static const char SQL_SET_EVALUATED[] =
    "UPDATE filing SET status = " SQL_EVALUATED ", evaluated = ?2, methods = ?3 WHERE id = ?1";
static const char SQL_GRANT[] =
    "UPDATE filing_scope SET granted = 1 WHERE filing_id = ?1 AND occupation = ?2 "
    "AND work_type = ?3 AND level = ?4";
static const char SQL_SET_NOTICED[] = "UPDATE filing SET status = " SQL_NOTICED ", noticed = ?2 WHERE id = ?1";
static const char SQL_SET_FILED[] =
    "UPDATE filing SET status = ?2, filed = ?3, receipt = ?4, valid_until = ?5 WHERE id = ?1";
static const char SQL_SET_COMMITTED[] =
    "UPDATE filing SET status = " SQL_ACTIVE ", committed = ?2 WHERE id = ?1";
static const char SQL_SET_REJECTED[] =
    "UPDATE filing SET status = " SQL_REJECTED ", ended = ?2, reason = ?3 WHERE id = ?1";
static const char SQL_MAX_RECEIPT[] =
    "SELECT max(CAST(substr(receipt, 9) AS INTEGER)) FROM filing WHERE receipt LIKE ?1";

/* UPDATE ... SET <step date> = ?2 WHERE id = ?1 */
static int set_date(step_ctx *c, const char *sql)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(c->db, sql, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, c->f.id);
    sc__bind_text(st, 2, c->date);
    return sc__db_exec_stmt(c->db, st, "recording a filing step");
}

int sc_org_recommend(sc_db *db, const sc_actor *actor, const char *credit_code, const char *date,
                     const char *note)
{
    step_ctx c;
    int rc;
    if ((rc = sc__check_text(note, "note", SC_ORG_TEXT_SIZE - 1, 0)) != SC_OK ||
        (rc = step_begin(&c, db, actor, SC__ACT_ORG_RECOMMEND, "sc_org_recommend", credit_code,
                         date, SC_FILING_APPLIED)) != SC_OK)
        return rc;
    if ((rc = set_date(&c, SQL_SET_RECOMMENDED)) != SC_OK)
        return step_fail(&c, rc);
    return step_end(&c, SC_FILING_RECOMMENDED, note, NULL);
}

static const char SQL_REQUESTED[] =
    "SELECT occupation, work_type, level FROM filing_scope WHERE filing_id = ?1 "
    "ORDER BY occupation, work_type, level DESC";

static int read_scope(sc_db *db, sqlite3_int64 filing, int granted_only, sc_offerings *out);

static const char SQL_IS_REQUESTED[] =
    "SELECT 1 FROM filing_scope WHERE filing_id = ?1 AND occupation = ?2 AND work_type = ?3 "
    "AND level = ?4";

/* The check of a granted offering (canonical code), whichever door: the city grants
 * only what the application of `code` (filing_id) requested (sc_org_evaluate, the
 * evaluation result's <granted>). SC_OK; SC_ECONSTRAINT (recorded, field "scope");
 * SC_EDB. */
static int grant_check(sc_db *db, sqlite3_int64 filing_id, const char *code,
                       const sc_offering_item *it)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_IS_REQUESTED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing_id);
    sc__bind_text(st, 2, it->occupation);
    sc__bind_text(st, 3, it->work_type);
    sqlite3_bind_int(st, 4, it->level);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a scope");
    sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "%s%s%s level %d was not requested by %s",
                  it->occupation, it->work_type[0] ? "/" : "", it->work_type, it->level, code);
    sc__error_set_field("scope");
    return SC_ECONSTRAINT;
}

int sc__filing_grant_check(sc_db *db, sqlite3_int64 filing_id, const char *code,
                           const sc_offering_item *item)
{
    if (!db || filing_id <= 0 || !code || !item)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "sc__filing_grant_check: bad arguments");
    return grant_check(db, filing_id, code, item);
}

/* Each step newly reached on f (days by step, NULL or "" when not taken), in order,
 * as its direct call checks it; then a rejection's day. *at: the step refused. */
static int steps_check(sc_filing *f, const char *code, const char *const *days,
                       const char *rejected, int *at)
{
    int rc, step;
    for (step = f->status + 1; step <= SC_FILING_ACTIVE && f->status < SC_FILING_ACTIVE;
         step++) {
        const char *d = days[step];
        char *slot;
        if (!d || !d[0])
            continue;
        if ((rc = step_check(code, f, f->status, d)) != SC_OK) {
            if (at)
                *at = step;
            return rc;
        }
        slot = step == SC_FILING_RECOMMENDED ? f->recommended
               : step == SC_FILING_EVALUATED ? f->evaluated
               : step == SC_FILING_NOTICED   ? f->noticed
               : step == SC_FILING_FILED     ? f->filed
                                             : f->committed;
        snprintf(slot, SC_DATE_SIZE, "%s", d);
        f->status = step;
    }
    if (rejected && rejected[0] && (rc = step_check(code, f, f->status, rejected)) != SC_OK) {
        if (at)
            *at = SC_FILING_REJECTED;
        return rc;
    }
    return SC_OK;
}

static int filing_by_id(sc_db *db, sqlite3_int64 filing_id, sc_filing *f)
{
    int rc, found;
    if ((rc = one_filing(db, SQL_FILING_BY_ID, filing_id, NULL, f, &found)) != SC_OK)
        return rc;
    if (!found)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no filing %lld",
                             (long long)filing_id);
    return SC_OK;
}

int sc__filing_steps_check(sc_db *db, sqlite3_int64 filing_id, const char *code,
                           const char *const days[SC_FILING_ACTIVE + 1], const char *rejected,
                           int *at)
{
    sc_filing f = SC_FILING_INIT;
    int rc;
    if (at)
        *at = 0;
    if (!db || filing_id <= 0 || !code || !days)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "sc__filing_steps_check: bad arguments");
    if ((rc = filing_by_id(db, filing_id, &f)) != SC_OK)
        return rc;
    return steps_check(&f, code, days, rejected, at);
}

/* The check of filing an addition (增项) on date, whichever door (sc_org_file, a
 * directory listing it): the filing it extends is in force that day. until: the
 * base's validity, which the addition keeps (may be NULL). */
static int addition_base_check(sc_db *db, sqlite3_int64 base_id, const char *date,
                               char until[SC_DATE_SIZE])
{
    sc_filing base = SC_FILING_INIT;
    int rc, found;
    if ((rc = one_filing(db, SQL_FILING_BY_ID, base_id, NULL, &base, &found)) != SC_OK)
        return rc;
    if (!found || !base.filed[0] || strcmp(date, base.valid_until) > 0 ||
        strcmp(date, base.filed) < 0 || (base.ended[0] && strcmp(date, base.ended) >= 0)) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "the filing %s that this addition (增项) extends is no longer in force "
                      "on %s: reject the addition", found ? base.receipt : "?", date);
        sc__error_set_field("date");
        return SC_ECONSTRAINT;
    }
    if (until)
        snprintf(until, SC_DATE_SIZE, "%s", base.valid_until);
    return SC_OK;
}

int sc__filing_listing_check(sc_db *db, sqlite3_int64 filing_id, sqlite3_int64 base_id,
                             const char *filed, const char *committed, int *at)
{
    const char *days[SC_FILING_ACTIVE + 1] = { NULL };
    sc_filing f = SC_FILING_INIT;
    int rc;
    if (at)
        *at = 0;
    if (!db || filing_id <= 0 || !filed)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc__filing_listing_check: bad arguments");
    if ((rc = filing_by_id(db, filing_id, &f)) != SC_OK)
        return rc;
    if (f.status < SC_FILING_FILED) {
        days[SC_FILING_FILED] = filed;
        if (f.kind == SC_FILING_ADDITION) {
            if (!base_id)
                base_id = f.base_id;
            if (base_id && (rc = addition_base_check(db, base_id, filed, NULL)) != SC_OK) {
                if (at)
                    *at = SC_FILING_FILED;
                return rc;
            }
        }
    }
    if (f.kind == SC_FILING_INITIAL && committed && committed[0])
        days[SC_FILING_ACTIVE] = committed;
    return steps_check(&f, f.credit_code, days, NULL, at);
}

int sc_org_evaluate(sc_db *db, const sc_actor *actor, const char *credit_code,
                    const sc_offerings *granted, unsigned int methods, const char *date,
                    const char *note)
{
    step_ctx c;
    sc_offerings *requested = NULL, *grant = NULL;
    char desc[600], extra[700];
    size_t i;
    int rc;

    if (methods == 0 || (methods & ~SC_EVAL_ALL)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "evaluation methods 0x%x: name at least one of SC_EVAL_MATERIALS, "
                      "SC_EVAL_EXPERT, SC_EVAL_ON_SITE", methods);
        sc__error_set_field("methods");
        return SC_EINVAL;
    }
    if (granted && granted->n == 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "the granted scope is empty: reject the application instead");
        sc__error_set_field("scope");
        return SC_EINVAL;
    }
    if ((rc = sc__check_text(note, "note", SC_ORG_TEXT_SIZE - 1, 0)) != SC_OK ||
        (rc = step_begin(&c, db, actor, SC__ACT_ORG_EVALUATE, "sc_org_evaluate", credit_code,
                         date, SC_FILING_RECOMMENDED)) != SC_OK)
        return rc;
    if ((rc = sc_offerings_new(&requested)) != SC_OK || (rc = sc_offerings_new(&grant)) != SC_OK ||
        (rc = read_scope(db, c.f.id, 0, requested)) != SC_OK)
        goto fail;
    if (!granted)
        granted = requested;
    for (i = 0; i < granted->n; i++) {
        const sc_offering_item *it = &granted->items[i];
        char canon[SC_OCCUPATION_CODE_SIZE];
        sc_offering_item ci = *it;
        if ((rc = sc__offering_certifiable(db, it, c.date, "scope", canon)) != SC_OK)
            goto fail;
        sc__copy_text(ci.occupation, sizeof ci.occupation, canon);
        if ((rc = grant_check(db, c.f.id, c.code, &ci)) != SC_OK)
            goto fail;
        if ((rc = sc__offerings_push(grant, canon, it->work_type, it->level)) != SC_OK)
            goto fail;
    }
    {
        sqlite3_stmt *st;
        if ((rc = sc__db_stmt_get(db, SQL_SET_EVALUATED, &st)) != SC_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, c.f.id);
        sc__bind_text(st, 2, c.date);
        sqlite3_bind_int(st, 3, (int)methods);
        if ((rc = sc__db_exec_stmt(db, st, "recording the evaluation")) != SC_OK)
            goto fail;
    }
    for (i = 0; i < grant->n; i++) {
        sqlite3_stmt *st;
        if ((rc = sc__db_stmt_get(db, SQL_GRANT, &st)) != SC_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, c.f.id);
        sc__bind_text(st, 2, grant->items[i].occupation);
        sc__bind_text(st, 3, grant->items[i].work_type);
        sqlite3_bind_int(st, 4, grant->items[i].level);
        if ((rc = sc__db_exec_stmt(db, st, "granting scope")) != SC_OK)
            goto fail;
    }
    sc__offerings_describe(grant, desc, sizeof desc);
    snprintf(extra, sizeof extra, "methods=%s%s%s granted=%s",
             methods & SC_EVAL_MATERIALS ? "materials," : "",
             methods & SC_EVAL_EXPERT ? "expert," : "", methods & SC_EVAL_ON_SITE ? "on-site" : "",
             desc);
    sc_offerings_free(requested);
    sc_offerings_free(grant);
    return step_end(&c, SC_FILING_EVALUATED, note, extra);
fail:
    sc_offerings_free(requested);
    sc_offerings_free(grant);
    return step_fail(&c, rc);
}

int sc_org_notice(sc_db *db, const sc_actor *actor, const char *credit_code, const char *date)
{
    step_ctx c;
    int rc;
    if ((rc = step_begin(&c, db, actor, SC__ACT_ORG_NOTICE, "sc_org_notice", credit_code, date,
                         SC_FILING_EVALUATED)) != SC_OK)
        return rc;
    if ((rc = set_date(&c, SQL_SET_NOTICED)) != SC_OK)
        return step_fail(&c, rc);
    return step_end(&c, SC_FILING_NOTICED, NULL, NULL);
}

int sc_org_file(sc_db *db, const sc_actor *actor, const char *credit_code, const char *date)
{
    step_ctx c;
    char receipt[SC_RECEIPT_SIZE], pattern[16], until[SC_DATE_SIZE], extra[96];
    sqlite3_stmt *st;
    long next = 1;
    int rc, status;

    if ((rc = step_begin(&c, db, actor, SC__ACT_ORG_FILE, "sc_org_file", credit_code, date,
                         SC_FILING_NOTICED)) != SC_OK)
        return rc;
    if (c.f.kind == SC_FILING_ADDITION) {
        if ((rc = addition_base_check(db, c.f.base_id, c.date, until)) != SC_OK)
            return step_fail(&c, rc);
        status = SC_FILING_ACTIVE;
    } else {
        validity_end(c.date, until);
        status = SC_FILING_FILED;
    }
    /* BJ-YYYY-NNNN: the next number in the filing year. */
    snprintf(pattern, sizeof pattern, "BJ-%.4s-%%", c.date);
    if ((rc = sc__db_stmt_get(db, SQL_MAX_RECEIPT, &st)) != SC_OK)
        return step_fail(&c, rc);
    sc__bind_text(st, 1, pattern);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        next = (long)sqlite3_column_int64(st, 0) + 1;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return step_fail(&c, sc__db_fail(db, rc, "numbering the receipt"));
    snprintf(receipt, sizeof receipt, "BJ-%.4s-%04ld", c.date, next);
    if ((rc = sc__db_stmt_get(db, SQL_SET_FILED, &st)) != SC_OK)
        return step_fail(&c, rc);
    sqlite3_bind_int64(st, 1, c.f.id);
    sqlite3_bind_int(st, 2, status);
    sc__bind_text(st, 3, c.date);
    sc__bind_text(st, 4, receipt);
    sc__bind_text(st, 5, until);
    if ((rc = sc__db_exec_stmt(db, st, "filing")) != SC_OK)
        return step_fail(&c, rc);
    /* Filed: the organization's certificate site is given now, before any certificate. */
    if ((rc = sc__org_site_assign(db, c.org.id, c.date, NULL)) != SC_OK)
        return step_fail(&c, rc);
    snprintf(extra, sizeof extra, "receipt=%s valid_until=%s", receipt, until);
    return step_end(&c, SC_FILING_FILED, NULL, extra);
}

int sc_org_commit(sc_db *db, const sc_actor *actor, const char *credit_code, const char *date)
{
    step_ctx c;
    int rc;
    if ((rc = step_begin(&c, db, actor, SC__ACT_ORG_COMMIT, "sc_org_commit", credit_code, date,
                         SC_FILING_FILED)) != SC_OK)
        return rc;
    if ((rc = set_date(&c, SQL_SET_COMMITTED)) != SC_OK)
        return step_fail(&c, rc);
    return step_end(&c, SC_FILING_ACTIVE, NULL, NULL);
}

int sc_org_reject(sc_db *db, const sc_actor *actor, const char *credit_code, const char *reason,
                  const char *date_in)
{
    unsigned int any = sc__actions[SC__ACT_ORG_REJECT].kinds |
                       sc__actions[SC__ACT_ORG_REJECT_APPLICATION].kinds;
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE];
    sc__org_row org;
    sc_filing f = SC_FILING_INIT;
    step_ctx c;
    sqlite3_stmt *st;
    int rc, found, action;

    if ((rc = sc__db_check(db, "sc_org_reject", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__check_text(reason, "reason", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (!actor)
        return sc__authorize(db, actor, SC__ACT_ORG_REJECT, code);
    if (!(any & SC_AUTHZ_KIND_BIT(actor->kind)))
        return sc__authorize(db, actor, SC__ACT_ORG_REJECT, code);
    /* Which rejection it is depends on the step the application is at. */
    if ((rc = sc__org_find(db, code, &org)) != SC_OK ||
        (rc = open_filing(db, org.id, &f, &found)) != SC_OK)
        return rc;
    if (!found || f.status == SC_FILING_FILED)
        return sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                             found ? "%s is filed: a filed organization leaves through exit "
                                     "(退出目录), not rejection"
                                   : "%s has no application in progress to reject",
                             code);
    action = f.status == SC_FILING_APPLIED ? SC__ACT_ORG_REJECT_APPLICATION : SC__ACT_ORG_REJECT;
    if ((rc = step_begin(&c, db, actor, action, "sc_org_reject", code, date, f.status)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_SET_REJECTED, &st)) != SC_OK)
        return step_fail(&c, rc);
    sqlite3_bind_int64(st, 1, c.f.id);
    sc__bind_text(st, 2, c.date);
    sc__bind_text(st, 3, reason);
    if ((rc = sc__db_exec_stmt(db, st, "rejecting")) != SC_OK)
        return step_fail(&c, rc);
    {
        char extra[SC_ORG_TEXT_SIZE + 32];
        snprintf(extra, sizeof extra, "at=%s reason=%s", sc_filing_status_name(c.f.status),
                 reason);
        return step_end(&c, SC_FILING_REJECTED, NULL, extra);
    }
}

/* ---- exit ------------------------------------------------------------------------------ */

static const char SQL_TO_END[] =
    "SELECT f.id, f.status FROM filing f WHERE f.org_id = ?1 AND f.ended IS NULL AND "
    "(f.status BETWEEN " SQL_APPLIED " AND " SQL_NOTICED " OR (f.status IN (" SQL_FILED ", " SQL_ACTIVE
    ") AND f.filed <= ?2 AND ?2 <= f.valid_until)) "
    "ORDER BY f.id";
/* The checks of an exit (退出目录) of filing f on date, whichever door (sc_org_exit, a
 * directory that no longer lists the filing): the filing is in the directory on that
 * day, and the exit is not dated before its last step. */
static int exit_check(const sc_filing *f, const char *date)
{
    if ((f->status != SC_FILING_FILED && f->status != SC_FILING_ACTIVE) || f->ended[0] ||
        !f->filed[0] || strcmp(f->filed, date) > 0 || strcmp(date, f->valid_until) > 0) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "%s has no filing in force on %s: it is not in the directory",
                      f->credit_code, date);
        sc__error_set_field("date");
        return SC_ECONSTRAINT;
    }
    return step_check(f->credit_code, f, f->status, date);
}

int sc__filing_exit_check(sc_db *db, sqlite3_int64 filing_id, const char *date)
{
    sc_filing f = SC_FILING_INIT;
    int rc, found;
    if (!db || filing_id <= 0 || !date)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "sc__filing_exit_check: bad arguments");
    if ((rc = one_filing(db, SQL_FILING_BY_ID, filing_id, NULL, &f, &found)) != SC_OK)
        return rc;
    if (!found)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no filing %lld",
                             (long long)filing_id);
    return exit_check(&f, date);
}

static const char SQL_SET_EXITED[] =
    "UPDATE filing SET status = ?2, ended = ?3, reason = ?4 WHERE id = ?1";

int sc_org_exit(sc_db *db, const sc_actor *actor, const char *credit_code, const char *reason,
                const char *date_in)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE], why[SC_ORG_TEXT_SIZE + 64];
    sqlite3_int64 *ids = NULL;
    int *statuses = NULL;
    size_t n = 0, cap = 0, i;
    sc__org_row org;
    sc_filing f = SC_FILING_INIT;
    sqlite3_stmt *st;
    int rc, found, step;

    if ((rc = sc__db_check(db, "sc_org_exit", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__check_text(reason, "reason", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = sc__authorize(db, actor, SC__ACT_ORG_EXIT, code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK ||
        (rc = in_force(db, org.id, date, &f, &found)) != SC_OK)
        goto done;
    if (!found) {
        rc = sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                           "%s has no filing in force on %s: it is not in the directory", code,
                           date);
        goto done;
    }
    if ((rc = exit_check(&f, date)) != SC_OK)
        goto done;
    if ((rc = sc__db_stmt_get(db, SQL_TO_END, &st)) != SC_OK)
        goto done;
    sqlite3_bind_int64(st, 1, org.id);
    sc__bind_text(st, 2, date);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            sqlite3_int64 *a = sc__realloc(ids, ncap * sizeof(*a));
            int *b;
            if (a)
                ids = a;
            b = a ? sc__realloc(statuses, ncap * sizeof(*b)) : NULL;
            if (!b) {
                sqlite3_reset(st);
                rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
                goto done;
            }
            statuses = b;
            cap = ncap;
        }
        ids[n] = sqlite3_column_int64(st, 0);
        statuses[n++] = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading filings");
        goto done;
    }
    for (i = 0; i < n; i++) {
        int open = statuses[i] <= SC_FILING_NOTICED;
        int to = open ? SC_FILING_REJECTED : SC_FILING_EXITED;
        if (open)
            snprintf(why, sizeof why, "the organization left the directory: %s", reason);
        else
            snprintf(why, sizeof why, "%s", reason);
        if ((rc = sc__db_stmt_get(db, SQL_SET_EXITED, &st)) != SC_OK)
            goto done;
        sqlite3_bind_int64(st, 1, ids[i]);
        sqlite3_bind_int(st, 2, to);
        sc__bind_text(st, 3, date);
        sc__bind_text(st, 4, why);
        if ((rc = sc__db_exec_stmt(db, st, "ending a filing")) != SC_OK ||
            (rc = record_step(db, actor, ids[i], to, date, why)) != SC_OK)
            goto done;
    }
    if ((rc = sc__audit_append(db, actor, "org", code, sc__action_name(SC__ACT_ORG_EXIT),
                               "date=%s receipt=%s filings=%zu reason=%s", date, f.receipt, n,
                               reason)) != SC_OK)
        goto done;
    rc = sc__db_commit(db);
    free(ids);
    free(statuses);
    return rc;
done:
    free(ids);
    free(statuses);
    sc__db_rollback(db);
    return rc;
}

/* ---- reading ------------------------------------------------------------------------------ */

static const char SQL_ORG_ROW[] =
    "SELECT id, credit_code, name, kind, district, registered, legacy_code, rules, fees, "
    "published FROM org WHERE credit_code = ?1";

/* The standing on date from the latest initial filing begun by then. */
static int standing(sc_db *db, sqlite3_int64 org, const char *date, sc_org *out)
{
    sc_filing f = SC_FILING_INIT;
    int rc, found, st;
    if ((rc = one_filing(db, SQL_LATEST_INITIAL, org, date, &f, &found)) != SC_OK)
        return rc;
    if (!found) {
        out->status = SC_FILING_NONE;
        return SC_OK;
    }
#define REACHED(d) ((d)[0] && strcmp((d), date) <= 0)
    st = SC_FILING_APPLIED;
    if (REACHED(f.recommended))
        st = SC_FILING_RECOMMENDED;
    if (REACHED(f.evaluated))
        st = SC_FILING_EVALUATED;
    if (REACHED(f.noticed))
        st = SC_FILING_NOTICED;
    if (REACHED(f.filed)) {
        st = SC_FILING_FILED;
        sc__copy_text(out->receipt, sizeof out->receipt, f.receipt);
        sc__copy_text(out->filed, sizeof out->filed, f.filed);
        sc__copy_text(out->valid_until, sizeof out->valid_until, f.valid_until);
    }
    if (REACHED(f.committed)) {
        st = SC_FILING_ACTIVE;
        sc__copy_text(out->committed, sizeof out->committed, f.committed);
    }
    if ((f.status == SC_FILING_REJECTED || f.status == SC_FILING_EXITED) && REACHED(f.ended)) {
        st = f.status;
        sc__copy_text(out->ended, sizeof out->ended, f.ended);
        sc__copy_text(out->reason, sizeof out->reason, f.reason);
    }
#undef REACHED
    if ((st == SC_FILING_FILED || st == SC_FILING_ACTIVE) && strcmp(date, f.valid_until) > 0)
        st = SC_FILING_EXPIRED;
    out->status = st;
    return SC_OK;
}

/* Fill out from the org row of credit code `norm`. */
static int org_fill(sc_db *db, const char *norm, const char *date, sc_org *out)
{
    sqlite3_stmt *st;
    sqlite3_int64 id;
    int rc;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, SQL_ORG_ROW, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, norm);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__db_fail(db, rc, "reading an organization");
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no organization with credit code %s", norm);
        sc__error_set_field("credit_code");
        return SC_ENOTFOUND;
    }
    id = sqlite3_column_int64(st, 0);
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 1));
    sc__copy_text(out->name, sizeof out->name, sc__col_text(st, 2));
    out->kind = sqlite3_column_int(st, 3);
    sc__copy_text(out->district, sizeof out->district, sc__col_text(st, 4));
    sc__copy_text(out->registered, sizeof out->registered, sc__col_text(st, 5));
    out->legacy_code = sqlite3_column_int(st, 6);
    sc__copy_text(out->rules, sizeof out->rules, sc__col_text(st, 7));
    sc__copy_text(out->fees, sizeof out->fees, sc__col_text(st, 8));
    sc__copy_text(out->published, sizeof out->published, sc__col_text(st, 9));
    sqlite3_reset(st);
    return standing(db, id, date, out);
}

int sc_org_get(sc_org *out, sc_db *db, const char *credit_code, const char *date_in)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE];
    int rc;
    if (!out)
        return sc__error_null("sc_org_get", "out");
    SC__VERSION_CHECK(out, "sc_org", SC_ORG_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_org_get", 0)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    return org_fill(db, code, date, out);
}

int sc_org_scope_get(sc_offerings **out, sc_db *db, const char *credit_code, const char *date_in)
{
    char date[SC_DATE_SIZE];
    sc__org_row org;
    int rc;
    if (!out)
        return sc__error_null("sc_org_scope_get", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_org_scope_get", 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = sc__org_find(db, credit_code, &org)) != SC_OK)
        return rc;
    if ((rc = sc_offerings_new(out)) != SC_OK)
        return rc;
    if ((rc = scope_on(db, org.id, date, *out)) != SC_OK) {
        sc_offerings_free(*out);
        *out = NULL;
    }
    return rc;
}

/* ---- may certify ---------------------------------------------------------------------------- */

/* The shared helper of util.c (kept under its old name here: the checks below use it). */
#define verdict_no sc__verdict_no

static const char SQL_IN_SCOPE[] =
    "SELECT 1 FROM filing_scope s JOIN filing f ON f.id = s.filing_id "
    "WHERE f.org_id = ?1 AND s.granted = 1 AND " IN_FORCE
    " AND s.occupation = ?3 AND s.work_type = ?4 AND s.level = ?5 LIMIT 1";
static const char SQL_SUSPENDED[] =
    "SELECT since, coalesce(until, '') FROM org_suspension WHERE org_id = ?1 AND "
    "since <= ?2 AND (until IS NULL OR ?2 <= until) AND (lifted IS NULL OR ?2 < lifted) LIMIT 1";
static const char SQL_RULES_CONFIRMED[] =
    "SELECT 1 FROM special_rules WHERE org_id = ?1 AND path = ?3 AND district_confirmed <= ?2 "
    "AND city_confirmed <= ?2 LIMIT 1";

/* ---- may an organization certify: named checks, each a verdict -------------------------
 * Each returns a status (SC_OK unless the registry fails) and, when the organization may
 * not, sets the verdict (out->ok 0 with its reason); sc_org_may_certify runs them in
 * order and stops at the first "no". */

/* Filed, in force on date, not exited or expired. *f: the filing in force. */
static int check_filed(sc_verdict *out, sc_db *db, const sc__org_row *org, const char *date,
                       sc_filing *f)
{
    sc_filing last = SC_FILING_INIT;
    int rc, found, any;
    if ((rc = in_force(db, org->id, date, f, &found)) != SC_OK || found)
        return rc;
    if ((rc = one_filing(db, SQL_LAST_FILED, org->id, date, &last, &any)) != SC_OK)
        return rc;
    if (!any) {
        sc_filing cur = SC_FILING_INIT;
        int open;
        if ((rc = open_filing(db, org->id, &cur, &open)) != SC_OK)
            return rc;
        if (open && strcmp(cur.applied, date) <= 0)
            verdict_no(out, SC_REASON_ORG_NOT_FILED,
                       "%s is not filed on %s: its application is at step '%s'", org->code,
                       date, sc_filing_status_name(cur.status));
        else
            verdict_no(out, SC_REASON_ORG_NOT_FILED, "%s is not filed (备案) on %s", org->code,
                       date);
    } else if (last.status == SC_FILING_EXITED && last.ended[0] &&
               strcmp(last.ended, date) <= 0) {
        verdict_no(out, SC_REASON_ORG_EXITED, "%s left the directory (退出目录) on %s: %s",
                   org->code, last.ended, last.reason);
    } else {
        verdict_no(out, SC_REASON_ORG_EXPIRED,
                   "the filing of %s (%s) was valid until %s; it has expired on %s", org->code,
                   last.receipt, last.valid_until, date);
    }
    return SC_OK;
}

/* The commitment letter (承诺书) signed by date. */
static int check_committed(sc_verdict *out, const sc__org_row *org, const sc_filing *f,
                           const char *date)
{
    if (!f->committed[0] || strcmp(f->committed, date) > 0)
        verdict_no(out, SC_REASON_ORG_NOT_COMMITTED,
                   "%s is filed (%s) but has not signed its commitment letter (承诺书) by %s",
                   org->code, f->receipt, date);
    return SC_OK;
}

/* Not suspended (暂停认定) on date, as supervision told us (sc__org_suspend). */
static int check_not_suspended(sc_verdict *out, sc_db *db, const sc__org_row *org,
                               const char *date)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_SUSPENDED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org->id);
    sc__bind_text(st, 2, date);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char since[SC_DATE_SIZE], until[SC_DATE_SIZE];
        sc__copy_text(since, sizeof since, sc__col_text(st, 0));
        sc__copy_text(until, sizeof until, sc__col_text(st, 1));
        sqlite3_reset(st);
        verdict_no(out, SC_REASON_ORG_SUSPENDED,
                   "the certification of %s is suspended (暂停认定) from %s %s%s", org->code,
                   since, until[0] ? "through " : "until lifted", until);
        return SC_OK;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SC_OK : sc__db_fail(db, rc, "reading suspensions");
}

/* The venue, when named, inside Beijing (不得超行政区域). */
static int check_region(sc_verdict *out, sc_db *db, const sc__org_row *org, const char *venue)
{
    char dist[SC_DISTRICT_CODE_SIZE];
    int rc;
    if (!venue)
        return SC_OK;
    rc = sc__district_resolve(db, venue, "venue", dist);
    if (rc == SC_ENOTFOUND) {
        sc_error_clear();
        verdict_no(out, SC_REASON_OUT_OF_REGION,
                   "the venue '%.40s' is outside Beijing: %s may not certify outside its "
                   "administrative region (超行政区域)", venue, org->code);
        return SC_OK;
    }
    return rc;
}

/* Inside the filed scope (不得超范围) on date; canon: the catalog's code. */
static int check_scope(sc_verdict *out, sc_db *db, const sc__org_row *org, const char *occ,
                       const char *work_type, int level, const char *date)
{
    char canon[SC_OCCUPATION_CODE_SIZE];
    sc_offering_item item = SC_OFFERING_ITEM_INIT;
    sqlite3_stmt *st;
    int rc;
    item = (sc_offering_item)SC_OFFERING_ITEM_INIT;
    sc__copy_text(item.occupation, sizeof item.occupation, occ);
    sc__copy_text(item.work_type, sizeof item.work_type, work_type);
    item.level = level;
    if ((rc = sc__offering_certifiable(db, &item, date, "occupation", canon)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_IN_SCOPE, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org->id);
    sc__bind_text(st, 2, date);
    sc__bind_text(st, 3, canon);
    sc__bind_text(st, 4, work_type ? work_type : "");
    sqlite3_bind_int(st, 5, level);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "checking the scope");
    if (rc == SQLITE_DONE)
        verdict_no(out, SC_REASON_OUT_OF_SCOPE,
                   "%s%s%s level %d (%s) is outside the filed scope of %s on %s (超范围)", canon,
                   work_type ? "/" : "", work_type ? work_type : "", level,
                   sc_level_name_zh(level), org->code, date);
    return SC_OK;
}

/* A special path: its levels, and rules confirmed by the district and the city. */
static int check_special_path(sc_verdict *out, sc_db *db, const sc__org_row *org, int path,
                              int level, const char *date)
{
    int top = path == SC_PATH_EXCEPTIONAL ? 3 : 2, rc;
    const char *name = path == SC_PATH_EXCEPTIONAL ? "exceptional application (破格申报)"
                                                   : "direct certification (直接认定)";
    sqlite3_stmt *st;
    if (path == SC_PATH_NORMAL)
        return SC_OK;
    if (level > top) {
        verdict_no(out, SC_REASON_SPECIAL_PATH_LEVEL, "%s is for level %d (%s) and above, not "
                   "level %d", name, top, sc_level_name_zh(top), level);
        return SC_OK;
    }
    if ((rc = sc__db_stmt_get(db, SQL_RULES_CONFIRMED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org->id);
    sc__bind_text(st, 2, date);
    sqlite3_bind_int(st, 3, path);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "checking special-path rules");
    if (rc == SQLITE_DONE)
        verdict_no(out, SC_REASON_SPECIAL_PATH_NOT_CONFIRMED,
                   "%s has no %s rules confirmed by both its district bureau and the city "
                   "bureau on %s",
                   org->code, path == SC_PATH_EXCEPTIONAL ? "exceptional-application (破格)"
                                                          : "direct-certification (直接认定)",
                   date);
    return SC_OK;
}

/* The arguments of sc_org_may_certify, normalised. */
static int may_certify_args(sc_db *db, const char *credit_code, const char *occupation,
                            const char *work_type, int level, const char *date_in,
                            const char *venue, int path, char code[SC_CREDIT_CODE_SIZE],
                            char occ[SC__CODE_SIZE], char date[SC_DATE_SIZE])
{
    int rc;
    if ((rc = sc__db_check(db, "sc_org_may_certify", 0)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__occupation_code_norm(occupation, occ)) != SC_OK ||
        (rc = sc__check_text(work_type, "work_type", SC_WORK_TYPE_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = sc__check_text(venue, "venue", 256, 0)) != SC_OK)
        return rc;
    if (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "level %d is outside 1-5", level);
        sc__error_set_field("level");
        return SC_EINVAL;
    }
    if (path != SC_PATH_NORMAL && path != SC_PATH_EXCEPTIONAL && path != SC_PATH_DIRECT) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown certification path %d", path);
        sc__error_set_field("path");
        return SC_EINVAL;
    }
    return SC_OK;
}

int sc_org_may_certify(sc_verdict *out, sc_db *db, const char *credit_code,
                       const char *occupation, const char *work_type, int level,
                       const char *date_in, const char *venue, int path)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE], occ[SC__CODE_SIZE];
    sc__org_row org;
    sc_verdict cat = SC_VERDICT_INIT;
    sc_filing f = SC_FILING_INIT;
    int rc;

    if (!out)
        return sc__error_null("sc_org_may_certify", "out");
    SC__VERSION_CHECK(out, "sc_verdict", SC_VERDICT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    out->ok = 1;
    if (work_type && !*work_type)
        work_type = NULL;
    if ((rc = may_certify_args(db, credit_code, occupation, work_type, level, date_in, venue,
                               path, code, occ, date)) != SC_OK) {
        out->ok = 0;
        return rc;
    }
    /* One not-found rule across the API: an unknown organization, occupation or work
     * type is SC_ENOTFOUND (the error names the field); a known one that may not certify
     * is SC_OK with the verdict "no" and its reason. */
    rc = sc__org_find(db, code, &org);
    if (rc == SC_ENOTFOUND) {
        out->ok = 0;
        out->reason = SC_REASON_ORG_UNKNOWN;
        snprintf(out->message, sizeof out->message, "%s", sc_error_last()->message);
        return rc;
    }
    f = (sc_filing)SC_FILING_INIT;
    cat = (sc_verdict)SC_VERDICT_INIT;
    if (rc == SC_OK && (rc = sc_catalog_check(&cat, db, occ, work_type, level, date)) == SC_OK &&
        !cat.ok && (cat.reason == SC_REASON_UNKNOWN_OCCUPATION ||
                    cat.reason == SC_REASON_UNKNOWN_WORK_TYPE)) {
        SC__ASSIGN_KEEP_VERSION(out, cat);
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s", cat.message);
        sc__error_set_field(cat.reason == SC_REASON_UNKNOWN_OCCUPATION ? "occupation"
                                                                        : "work_type");
        return SC_ENOTFOUND;
    }
    if (rc != SC_OK || (rc = check_filed(out, db, &org, date, &f)) != SC_OK || !out->ok ||
        (rc = check_committed(out, &org, &f, date)) != SC_OK || !out->ok ||
        (rc = check_not_suspended(out, db, &org, date)) != SC_OK || !out->ok ||
        (rc = check_region(out, db, &org, venue)) != SC_OK || !out->ok) {
        if (rc != SC_OK)
            out->ok = 0;
        return rc;
    }
    if (!cat.ok) {
        SC__ASSIGN_KEEP_VERSION(out, cat);
        return SC_OK;
    }
    if ((rc = check_scope(out, db, &org, occ, work_type, level, date)) != SC_OK || !out->ok ||
        (rc = check_special_path(out, db, &org, path, level, date)) != SC_OK || !out->ok) {
        if (rc != SC_OK)
            out->ok = 0;
        return rc;
    }
    out->ok = 1;
    out->reason = SC_REASON_NONE;
    out->message[0] = '\0';
    return SC_OK;
}

/* ---- iterators: organizations, directory ------------------------------------------------ */

struct sc_org_iter {
    sc_db *db;
    sqlite3_stmt *st;
    char date[SC_DATE_SIZE];
    int done;
};

static const char SQL_ORG_ITER[] =
    "SELECT credit_code FROM org WHERE ?1 IS NULL OR district = ?1 ORDER BY credit_code";
static const char SQL_DIRECTORY_ITER[] =
    "SELECT o.credit_code FROM org o WHERE EXISTS (SELECT 1 FROM filing f WHERE "
    "f.org_id = o.id AND f.kind = " SQL_INITIAL " AND " IN_FORCE ") ORDER BY o.credit_code";

static int org_iter_make(sc_org_iter **out, sc_db *db, const char *func, const char *sql,
                         const char *district, const char *date_in, int date_param)
{
    sc_org_iter *it;
    char date[SC_DATE_SIZE], dist[SC_DISTRICT_CODE_SIZE];
    int rc;
    if (!out)
        return sc__error_null(func, "out");
    *out = NULL;
    if ((rc = sc__db_check(db, func, 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (district && (rc = sc__district_resolve(db, district, "district", dist)) != SC_OK)
        return rc;
    it = sc__calloc(1, sizeof(*it));
    if (!it)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an iterator");
    if ((rc = sc__db_prepare(db, sql, &it->st)) != SC_OK) {
        free(it);
        return rc;
    }
    memcpy(it->date, date, sizeof date);
    if (date_param)
        sc__bind_text(it->st, 2, it->date);
    else
        sc__bind_text(it->st, 1, district ? dist : NULL);
    it->db = db;
    sc__db_ref(db);
    *out = it;
    return SC_OK;
}

int sc_org_iter_new(sc_org_iter **out, sc_db *db, const sc_org_query *q)
{
    if (!out)
        return sc__error_null("sc_org_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_ORG_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_org_query version %u is not known to this library",
                              q->version);
    return org_iter_make(out, db, "sc_org_iter_new", SQL_ORG_ITER, q ? q->district : NULL,
                         q ? q->date : NULL, 0);
}

int sc_directory_iter_new(sc_org_iter **out, sc_db *db, const char *date)
{
    return org_iter_make(out, db, "sc_directory_iter_new", SQL_DIRECTORY_ITER, NULL, date, 1);
}

int sc_org_iter_next(sc_org *out, sc_org_iter *it)
{
    char code[SC_CREDIT_CODE_SIZE];
    int rc;
    if (!out)
        return sc__error_null("sc_org_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_org", SC_ORG_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!it)
        return sc__error_null("sc_org_iter_next", "it");
    if (it->done)
        return SC_ITEROVER;
    rc = sqlite3_step(it->st);
    if (rc == SQLITE_DONE) {
        it->done = 1;
        return SC_ITEROVER;
    }
    if (rc != SQLITE_ROW)
        return sc__db_fail(it->db, rc, "iterating organizations");
    sc__copy_text(code, sizeof code, sc__col_text(it->st, 0));
    return org_fill(it->db, code, it->date, out);
}

void sc_org_iter_free(sc_org_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sc__db_unref(it->db);
    free(it);
}

/* ---- filings ----------------------------------------------------------------------------- */

int sc_filing_get(sc_filing *out, sc_db *db, int64_t id)
{
    int rc, found;
    if (!out)
        return sc__error_null("sc_filing_get", "out");
    SC__VERSION_CHECK(out, "sc_filing", SC_FILING_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_filing_get", 0)) != SC_OK)
        return rc;
    if ((rc = one_filing(db, SQL_FILING_BY_ID, id, NULL, out, &found)) != SC_OK)
        return rc;
    if (!found)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no filing %lld", (long long)id);
    return SC_OK;
}

struct sc_filing_iter {
    sc_db *db;
    sqlite3_stmt *st;
    int steps;
    int done;
};

/* A step iterator is its own type (one iterator type per row type); it reads
 * through the same row reader. */
struct sc_filing_step_iter {
    struct sc_filing_iter rows;
};

static const char SQL_FILING_ITER[] =
    "SELECT " FILING_COLS FILING_FROM "WHERE f.org_id = ?1 ORDER BY f.id";
static const char SQL_STEP_ITER[] =
    "SELECT filing_id, step, date, actor, note FROM filing_step WHERE filing_id = ?1 ORDER BY id";

static int filing_iter_make(sc_filing_iter **out, sc_db *db, const char *func, const char *sql,
                            sqlite3_int64 id, int steps)
{
    sc_filing_iter *it;
    int rc;
    it = sc__calloc(1, sizeof(*it));
    (void)func;
    if (!it)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an iterator");
    if ((rc = sc__db_prepare(db, sql, &it->st)) != SC_OK) {
        free(it);
        return rc;
    }
    sqlite3_bind_int64(it->st, 1, id);
    it->steps = steps;
    it->db = db;
    sc__db_ref(db);
    *out = it;
    return SC_OK;
}

int sc_filing_iter_new(sc_filing_iter **out, sc_db *db, const char *credit_code)
{
    sc__org_row org;
    int rc;
    if (!out)
        return sc__error_null("sc_filing_iter_new", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_filing_iter_new", 0)) != SC_OK ||
        (rc = sc__org_find(db, credit_code, &org)) != SC_OK)
        return rc;
    return filing_iter_make(out, db, "sc_filing_iter_new", SQL_FILING_ITER, org.id, 0);
}

int sc_filing_step_iter_new(sc_filing_step_iter **out, sc_db *db, int64_t filing_id)
{
    sc_filing_iter *rows = NULL;
    sc_filing f = SC_FILING_INIT;
    int rc;
    if (!out)
        return sc__error_null("sc_filing_step_iter_new", "out");
    *out = NULL;
    if ((rc = sc_filing_get(&f, db, filing_id)) != SC_OK ||
        (rc = filing_iter_make(&rows, db, "sc_filing_step_iter_new", SQL_STEP_ITER, filing_id,
                               1)) != SC_OK)
        return rc;
    *out = (sc_filing_step_iter *)rows; /* rows is the first (only) member */
    return SC_OK;
}

/* Step the iterator; SC_OK with a row, SC_ITEROVER, or an error. */
static int filing_iter_step(sc_filing_iter *it, int steps)
{
    int rc;
    if (it->steps != steps)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "this iterator is over %s",
                             it->steps ? "steps" : "filings");
    if (it->done)
        return SC_ITEROVER;
    rc = sqlite3_step(it->st);
    if (rc == SQLITE_DONE) {
        it->done = 1;
        return SC_ITEROVER;
    }
    if (rc != SQLITE_ROW)
        return sc__db_fail(it->db, rc, "iterating filings");
    return SC_OK;
}

int sc_filing_iter_next(sc_filing *out, sc_filing_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_filing_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_filing", SC_FILING_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!it)
        return sc__error_null("sc_filing_iter_next", "it");
    if ((rc = filing_iter_step(it, 0)) != SC_OK)
        return rc;
    filing_fill(out, it->st);
    return SC_OK;
}

int sc_filing_step_iter_next(sc_filing_step *out, sc_filing_step_iter *step_it)
{
    sc_filing_iter *it = step_it ? &step_it->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_filing_step_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_filing_step", SC_FILING_STEP_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!it)
        return sc__error_null("sc_filing_step_iter_next", "it");
    if ((rc = filing_iter_step(it, 1)) != SC_OK)
        return rc;
    out->filing_id = sqlite3_column_int64(it->st, 0);
    out->step = sqlite3_column_int(it->st, 1);
    sc__copy_text(out->date, sizeof out->date, sc__col_text(it->st, 2));
    sc__copy_text(out->actor, sizeof out->actor, sc__col_text(it->st, 3));
    sc__copy_text(out->note, sizeof out->note, sc__col_text(it->st, 4));
    return SC_OK;
}

void sc_filing_iter_free(sc_filing_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sc__db_unref(it->db);
    free(it);
}

void sc_filing_step_iter_free(sc_filing_step_iter *it)
{
    sc_filing_iter_free(it ? &it->rows : NULL);
}

static const char SQL_GRANTED[] =
    "SELECT occupation, work_type, level FROM filing_scope WHERE filing_id = ?1 AND granted = 1 "
    "ORDER BY occupation, work_type, level DESC";

static int read_scope(sc_db *db, sqlite3_int64 filing, int granted_only, sc_offerings *out)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, granted_only ? SQL_GRANTED : SQL_REQUESTED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sc__offerings_push(out, sc__col_text(st, 0), sc__col_text(st, 1),
                               sqlite3_column_int(st, 2)) != SC_OK) {
            sqlite3_reset(st);
            return SC_ENOMEM;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a scope");
    return SC_OK;
}

int sc_filing_scope_get(sc_offerings **out, sc_db *db, int64_t filing_id, int granted)
{
    sc_filing f = SC_FILING_INIT;
    int rc;
    if (!out)
        return sc__error_null("sc_filing_scope_get", "out");
    *out = NULL;
    if ((rc = sc_filing_get(&f, db, filing_id)) != SC_OK)
        return rc;
    if ((rc = sc_offerings_new(out)) != SC_OK)
        return rc;
    if ((rc = read_scope(db, filing_id, granted != 0, *out)) != SC_OK) {
        sc_offerings_free(*out);
        *out = NULL;
    }
    return rc;
}

int sc__org_require_standing(sc_db *db, const char *credit_code, const char *occupation,
                             const char *work_type, int level, const char *date,
                             const char *venue, int path, const char *act, const char *field)
{
    sc_verdict v = SC_VERDICT_INIT;
    int rc;
    if ((rc = sc_org_may_certify(&v, db, credit_code, occupation, work_type, level, date, venue,
                                 path)) != SC_OK)
        return rc;
    if (v.ok)
        return SC_OK;
    rc = sc__org_standing_reason(v.reason) ? SC_ESCOPE : SC_ECONSTRAINT;
    sc__error_set(rc, SC_DOMAIN_RULES, "%s may not %s %s%s%s level %d on %s: %s", credit_code,
                  act, occupation, work_type && *work_type ? " / " : "",
                  work_type ? work_type : "", level, date, v.message);
    sc__error_set_field(field);
    return rc;
}

int sc__org_standing_reason(int reason)
{
    return reason >= SC_REASON_ORG_UNKNOWN && reason <= SC_REASON_OUT_OF_REGION;
}

/* ---- suspensions, told by supervision ------------------------------------------------- */

static const char SQL_SUSPEND[] =
    "INSERT INTO org_suspension (ref, org_id, since, until) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_SUSPENSION_LIFT[] =
    "UPDATE org_suspension SET lifted = ?2 WHERE ref = ?1 AND lifted IS NULL";

int sc__org_suspend(sc_db *db, sqlite3_int64 org_id, sqlite3_int64 ref, const char *since,
                    const char *until)
{
    int rc;
    sqlite3_stmt *st;
    if (!db || org_id <= 0 || ref <= 0 || !since || !sc__date_valid(since) ||
        (until && *until && !sc__date_valid(until)))
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc__org_suspend: an organization, a reference and days are needed");
    if ((rc = sc__db_stmt_get(db, SQL_SUSPEND, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ref);
    sqlite3_bind_int64(st, 2, org_id);
    sc__bind_text(st, 3, since);
    sc__bind_text(st, 4, until && *until ? until : NULL);
    return sc__db_exec_stmt(db, st, "recording a suspension");
}

int sc__org_suspension_lift(sc_db *db, sqlite3_int64 ref, const char *lifted)
{
    int rc;
    sqlite3_stmt *st;
    if (!db || ref <= 0 || !lifted || !sc__date_valid(lifted))
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc__org_suspension_lift: a reference and a day are needed");
    if ((rc = sc__db_stmt_get(db, SQL_SUSPENSION_LIFT, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ref);
    sc__bind_text(st, 2, lifted);
    return sc__db_exec_stmt(db, st, "lifting a suspension");
}

/* ---- acts replicated from exchange documents (xml_org.c) --------------------------------
 * The filing workflow documents bring another registry's acts here. org.c owns the org,
 * filing, filing_scope and filing_step tables, so the exchange layer records those acts
 * only through these operations (run inside the import's transaction; the import has
 * authorized the document's issuer and checked the workflow's rules). States come from
 * sc_filing_status. Each returns SC_OK, SC_EINVAL or SC_EDB (error set). */

static const char SQL_REP_ORG_INS[] =
    "INSERT INTO org(credit_code, name, kind, district, registered, legacy_code) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_REP_ORG_RENAME[] = "UPDATE org SET name = ?2 WHERE id = ?1";
static const char SQL_REP_FILING_INS[] =
    "INSERT INTO filing(org_id, kind, base_id, status, applied) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_REP_SCOPE_INS[] =
    "INSERT OR IGNORE INTO filing_scope(filing_id, occupation, work_type, level, granted) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_REP_UNGRANT[] = "UPDATE filing_scope SET granted = 0 WHERE filing_id = ?1";
static const char SQL_REP_GRANT[] =
    "UPDATE filing_scope SET granted = 1 WHERE filing_id = ?1 AND occupation = ?2 "
    "AND work_type = ?3 AND level = ?4";
static const char SQL_REP_RECOMMENDED[] =
    "UPDATE filing SET status = ?2, recommended = ?3 WHERE id = ?1";
static const char SQL_REP_ENDED[] =
    "UPDATE filing SET status = ?2, ended = ?3, reason = ?4 WHERE id = ?1";
static const char SQL_REP_OUTCOME[] =
    "UPDATE filing SET status = ?2, recommended = coalesce(recommended, ?3), evaluated = ?4, "
    "methods = ?5, noticed = ?6, filed = ?7, receipt = ?8, valid_until = ?9, committed = ?10, "
    "ended = ?11, reason = ?12 WHERE id = ?1";
static const char SQL_REP_FILED[] =
    "UPDATE filing SET status = ?2, filed = ?3, receipt = ?4, valid_until = ?5, "
    "committed = coalesce(?6, committed), base_id = coalesce(base_id, ?7) WHERE id = ?1";

static const char *or_null(const char *s)
{
    return s && *s ? s : NULL;
}

static void bind_id_or_null(sqlite3_stmt *st, int i, sqlite3_int64 id)
{
    if (id)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

static int rep_bad(const char *fn)
{
    return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s: missing or invalid arguments", fn);
}

int sc__org_replicate(sc_db *db, const char *code, const char *name, int kind,
                      const char *district, const char *registered, int legacy,
                      sqlite3_int64 *id)
{
    sqlite3_stmt *st;
    int rc;
    if (!db || !code || !name || !district || !registered || !id)
        return rep_bad("sc__org_replicate");
    *id = 0;
    if ((rc = sc__db_stmt_get(db, SQL_REP_ORG_INS, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, code);
    sc__bind_text(st, 2, name);
    sqlite3_bind_int(st, 3, kind);
    sc__bind_text(st, 4, district);
    sc__bind_text(st, 5, registered);
    sqlite3_bind_int(st, 6, legacy ? 1 : 0);
    if ((rc = sc__db_exec_stmt(db, st, "recording an organization")) != SC_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(db->conn);
    return SC_OK;
}

int sc__org_rename(sc_db *db, sqlite3_int64 org_id, const char *name)
{
    int rc;
    sqlite3_stmt *st;
    if (!db || org_id <= 0 || !name || !*name)
        return rep_bad("sc__org_rename");
    if ((rc = sc__db_stmt_get(db, SQL_REP_ORG_RENAME, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sc__bind_text(st, 2, name);
    return sc__db_exec_stmt(db, st, "renaming an organization");
}

int sc__filing_replicate(sc_db *db, sqlite3_int64 org_id, int kind, sqlite3_int64 base_id,
                         const char *applied, const sc_offerings *requested,
                         sqlite3_int64 *id)
{
    sqlite3_stmt *st;
    size_t i;
    int rc;
    if (!db || org_id <= 0 || !applied || !id ||
        (kind != SC_FILING_INITIAL && kind != SC_FILING_ADDITION))
        return rep_bad("sc__filing_replicate");
    *id = 0;
    if ((rc = sc__db_stmt_get(db, SQL_REP_FILING_INS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int(st, 2, kind);
    bind_id_or_null(st, 3, base_id);
    sqlite3_bind_int(st, 4, SC_FILING_APPLIED);
    sc__bind_text(st, 5, applied);
    if ((rc = sc__db_exec_stmt(db, st, "recording an application")) != SC_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(db->conn);
    for (i = 0; requested && i < sc_offerings_count(requested); i++) {
        sc_offering_item it = SC_OFFERING_ITEM_INIT;
        sc_offerings_get(&it, requested, i);
        if ((rc = sc__db_stmt_get(db, SQL_REP_SCOPE_INS, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, *id);
        sc__bind_text(st, 2, it.occupation);
        sc__bind_text(st, 3, it.work_type);
        sqlite3_bind_int(st, 4, it.level);
        sqlite3_bind_int(st, 5, 0);
        if ((rc = sc__db_exec_stmt(db, st, "recording a scope")) != SC_OK)
            return rc;
    }
    return SC_OK;
}

int sc__filing_grant(sc_db *db, sqlite3_int64 filing_id, const sc_offerings *granted,
                     int insert)
{
    sqlite3_stmt *st;
    size_t i;
    int rc;
    if (!db || filing_id <= 0 || !granted)
        return rep_bad("sc__filing_grant");
    if ((rc = sc__db_stmt_get(db, SQL_REP_UNGRANT, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing_id);
    if ((rc = sc__db_exec_stmt(db, st, "recording a granted scope")) != SC_OK)
        return rc;
    for (i = 0; i < sc_offerings_count(granted); i++) {
        sc_offering_item it = SC_OFFERING_ITEM_INIT;
        sc_offerings_get(&it, granted, i);
        if (insert) {
            if ((rc = sc__db_stmt_get(db, SQL_REP_SCOPE_INS, &st)) != SC_OK)
                return rc;
            sqlite3_bind_int64(st, 1, filing_id);
            sc__bind_text(st, 2, it.occupation);
            sc__bind_text(st, 3, it.work_type);
            sqlite3_bind_int(st, 4, it.level);
            sqlite3_bind_int(st, 5, 1);
            if ((rc = sc__db_exec_stmt(db, st, "recording a granted scope")) != SC_OK)
                return rc;
        }
        if ((rc = sc__db_stmt_get(db, SQL_REP_GRANT, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, filing_id);
        sc__bind_text(st, 2, it.occupation);
        sc__bind_text(st, 3, it.work_type);
        sqlite3_bind_int(st, 4, it.level);
        if ((rc = sc__db_exec_stmt(db, st, "recording a granted scope")) != SC_OK)
            return rc;
    }
    return SC_OK;
}

int sc__filing_step_replicate(sc_db *db, sqlite3_int64 filing_id, int step, const char *date,
                              const char *who, const char *note)
{
    int rc;
    sqlite3_stmt *st;
    if (!db || filing_id <= 0 || !date || !who || step < SC_FILING_APPLIED ||
        step > SC_FILING_EXITED)
        return rep_bad("sc__filing_step_replicate");
    if ((rc = sc__db_stmt_get(db, SQL_INS_STEP, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing_id);
    sqlite3_bind_int(st, 2, step);
    sc__bind_text(st, 3, date);
    sc__bind_text(st, 4, who);
    sc__bind_text(st, 5, or_null(note));
    return sc__db_exec_stmt(db, st, "recording a filing step");
}

int sc__filing_decided_by_district(sc_db *db, sqlite3_int64 filing_id, int refused,
                                   const char *date, const char *reason)
{
    int rc, found;
    sqlite3_stmt *st;
    sc_filing f = SC_FILING_INIT;
    if (!db || filing_id <= 0 || !date || (refused && (!reason || !*reason)))
        return rep_bad("sc__filing_decided_by_district");
    /* The checks of sc_org_recommend / sc_org_reject at the application step. */
    if ((rc = one_filing(db, SQL_FILING_BY_ID, filing_id, NULL, &f, &found)) != SC_OK)
        return rc;
    if (!found)
        return rep_bad("sc__filing_decided_by_district");
    if ((rc = step_check(f.credit_code, &f, SC_FILING_APPLIED, date)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, refused ? SQL_REP_ENDED : SQL_REP_RECOMMENDED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing_id);
    sqlite3_bind_int(st, 2, refused ? SC_FILING_REJECTED : SC_FILING_RECOMMENDED);
    sc__bind_text(st, 3, date);
    if (refused)
        sc__bind_text(st, 4, reason);
    return sc__db_exec_stmt(db, st, "recording the district's decision");
}

int sc__filing_outcome(sc_db *db, sqlite3_int64 filing_id, int status, const sc_filing *f)
{
    int rc;
    sqlite3_stmt *st;
    if (!db || filing_id <= 0 || !f || status < SC_FILING_APPLIED || status > SC_FILING_EXITED)
        return rep_bad("sc__filing_outcome");
    if ((rc = sc__db_stmt_get(db, SQL_REP_OUTCOME, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing_id);
    sqlite3_bind_int(st, 2, status);
    sc__bind_text(st, 3, or_null(f->recommended));
    sc__bind_text(st, 4, or_null(f->evaluated));
    sqlite3_bind_int(st, 5, (int)f->methods);
    sc__bind_text(st, 6, or_null(f->noticed));
    sc__bind_text(st, 7, or_null(f->filed));
    sc__bind_text(st, 8, or_null(f->receipt));
    sc__bind_text(st, 9, or_null(f->valid_until));
    sc__bind_text(st, 10, or_null(f->committed));
    sc__bind_text(st, 11, or_null(f->ended));
    sc__bind_text(st, 12, or_null(f->reason));
    return sc__db_exec_stmt(db, st, "recording an evaluation result");
}

static const char SQL_FILING_ORG[] = "SELECT org_id FROM filing WHERE id = ?1";

int sc__filing_listed(sc_db *db, sqlite3_int64 filing_id, int status, const char *filed,
                      const char *receipt, const char *valid_until, const char *committed,
                      sqlite3_int64 base_id)
{
    int rc;
    sqlite3_stmt *st;
    sqlite3_int64 org_id = 0;
    if (!db || filing_id <= 0 || !filed || !receipt || !valid_until ||
        (status != SC_FILING_FILED && status != SC_FILING_ACTIVE))
        return rep_bad("sc__filing_listed");
    /* Listed, hence filed: its certificate site, when the document did not bring it. */
    if ((rc = sc__db_stmt_get(db, SQL_FILING_ORG, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing_id);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        org_id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? rep_bad("sc__filing_listed")
                                 : sc__db_fail(db, rc, "reading a filing");
    if ((rc = sc__org_site_assign(db, org_id, filed, NULL)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_REP_FILED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing_id);
    sqlite3_bind_int(st, 2, status);
    sc__bind_text(st, 3, filed);
    sc__bind_text(st, 4, receipt);
    sc__bind_text(st, 5, valid_until);
    sc__bind_text(st, 6, or_null(committed));
    bind_id_or_null(st, 7, base_id);
    return sc__db_exec_stmt(db, st, "recording a filing");
}

int sc__filing_unlisted(sc_db *db, sqlite3_int64 filing_id, const char *date,
                        const char *reason)
{
    int rc;
    sqlite3_stmt *st;
    if (!db || filing_id <= 0 || !date || !reason)
        return rep_bad("sc__filing_unlisted");
    if ((rc = sc__db_stmt_get(db, SQL_REP_ENDED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing_id);
    sqlite3_bind_int(st, 2, SC_FILING_EXITED);
    sc__bind_text(st, 3, date);
    sc__bind_text(st, 4, reason);
    return sc__db_exec_stmt(db, st, "ending a filing");
}


/* ---- certificate sites (cert_site, org_int.h) -------------------------------------------- */

/* The site is the organization's: the 6-digit sequence in its certificate numbers,
 * given in order when it is filed (or claimed from another registry's numbers). */
static const char SQL_SITE_GET[] = "SELECT site FROM cert_site WHERE org_id = ?1";
static const char SQL_SITE_NEW[] =
    "INSERT INTO cert_site(org_id, site, assigned) "
    "SELECT ?1, coalesce(max(site), 0) + 1, ?2 FROM cert_site";
static const char SQL_SITE_OWNER[] = "SELECT org_id FROM cert_site WHERE site = ?1";
static const char SQL_SITE_SET[] =
    "INSERT INTO cert_site(org_id, site, assigned) VALUES (?1, ?2, ?3)";

int sc__org_site_get(sc_db *db, sqlite3_int64 org_id, int *site)
{
    sqlite3_stmt *st;
    int rc;
    if (!db || org_id <= 0 || !site)
        return rep_bad("sc__org_site_get");
    *site = 0;
    if ((rc = sc__db_stmt_get(db, SQL_SITE_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *site = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the site sequence");
    return SC_OK;
}

int sc__org_site_assign(sc_db *db, sqlite3_int64 org_id, const char *date, int *site)
{
    sqlite3_stmt *st;
    int rc, got = 0;
    if (!db || org_id <= 0 || !date)
        return rep_bad("sc__org_site_assign");
    if ((rc = sc__org_site_get(db, org_id, &got)) != SC_OK)
        return rc;
    if (!got) {
        if ((rc = sc__db_stmt_get(db, SQL_SITE_NEW, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, org_id);
        sc__bind_text(st, 2, date);
        if ((rc = sc__db_exec_stmt(db, st, "assigning a site sequence")) != SC_OK ||
            (rc = sc__org_site_get(db, org_id, &got)) != SC_OK)
            return rc;
        if (!got)
            return sc__error_set(SC_EDB, SC_DOMAIN_DB, "no site sequence could be assigned");
    }
    if (site)
        *site = got;
    return SC_OK;
}

int sc__org_site_claim(sc_db *db, sqlite3_int64 org_id, int site, const char *what,
                       const char *field, const char *date)
{
    sqlite3_stmt *st;
    int rc, own = 0;
    if (!db || org_id <= 0 || site <= 0 || !what || !field || !date)
        return rep_bad("sc__org_site_claim");
    if ((rc = sc__org_site_get(db, org_id, &own)) != SC_OK)
        return rc;
    if (own) {
        if (own == site)
            return SC_OK;
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "%s names site %06d, unknown here; "
                      "the organization's known sites: %06d", what, site, own);
        sc__error_set_field(field);
        return SC_ECONSTRAINT;
    }
    if ((rc = sc__db_stmt_get(db, SQL_SITE_OWNER, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int(st, 1, site);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "%s names site %06d, which is another "
                      "organization's; this organization has no site here yet (its known "
                      "sites: none)", what, site);
        sc__error_set_field(field);
        return SC_ECONSTRAINT;
    }
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the site sequence");
    if ((rc = sc__db_stmt_get(db, SQL_SITE_SET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int(st, 2, site);
    sc__bind_text(st, 3, date);
    return sc__db_exec_stmt(db, st, "assigning a site sequence");
}
