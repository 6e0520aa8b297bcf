/*
 * Assessment: component rules per standard (as data), venues and their
 * inspection, sessions with staff checked against the ratios, enrolment,
 * resits and results with the pass rule.
 */
#include "assessment_int.h"
#include "application_int.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ------------------------------------------------------------- */

static void verdict_yes(sc_verdict *out)
{
    SC__ZERO_KEEP_VERSION(out);
    out->ok = 1;
}

#define fail_constraint(field, ...) sc__error_fail(SC_ECONSTRAINT, SC_DOMAIN_RULES, field, __VA_ARGS__)

#define bad_arg(field, ...) sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, field, __VA_ARGS__)

static int step_error(sc_db *db, sqlite3_stmt *st, int rc, const char *what)
{
    sqlite3_reset(st);
    return sc__db_fail(db, rc, what);
}

int sc__id_number_norm(const char *in, char out[19])
{
    sc_resident_id rid = SC_RESIDENT_ID_INIT;
    int rc;
    out[0] = '\0';
    if ((rc = sc_resident_id_parse(&rid, in)) != SC_OK) {
        sc__error_set_field("id_number");
        return rc;
    }
    memcpy(out, rid.number, 19);
    return SC_OK;
}

void sc__level_text(int level, char *out, size_t cap)
{
    const char *rank = sc_level_rank_zh(level), *name = sc_level_name_zh(level);
    snprintf(out, cap, "%s/%s", rank ? rank : "?", name ? name : "?");
}

static const char SQL_CANON[] =
    "SELECT code FROM occupation WHERE code = ?1 "
    "UNION ALL SELECT o.code FROM occupation_alias a JOIN occupation o ON o.id = a.occupation_id "
    "WHERE a.alias = ?1 LIMIT 1";

int sc__occupation_canon(sc_db *db, const char *code, char out[SC__CODE_SIZE])
{
    char norm[SC__CODE_SIZE];
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__occupation_code_norm(code, norm)) != SC_OK) {
        sc__error_set_field("occupation");
        return rc;
    }
    if ((rc = sc__db_stmt_get(db, SQL_CANON, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, norm);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        sc__copy_text(out, SC__CODE_SIZE, sc__col_text(st, 0));
        sqlite3_reset(st);
        return SC_OK;
    }
    if (rc != SQLITE_DONE)
        return step_error(db, st, rc, "looking up an occupation");
    sqlite3_reset(st);
    memcpy(out, norm, SC__CODE_SIZE);
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "occupation %s is not in the catalog", norm);
    sc__error_set_field("occupation");
    return SC_ENOTFOUND;
}

/* ---- components ------------------------------------------------------------------ */

static const char *const comp_en[] = { NULL, "theory", "practical", "review" };
static const char *const comp_zh[] = { NULL, "理论知识考试", "操作技能考核", "综合评审" };

static int valid_component(int c)
{
    return c >= SC_COMPONENT_THEORY && c <= SC_COMPONENT_REVIEW;
}

const char *sc_component_name(int component)
{
    return valid_component(component) ? comp_en[component] : NULL;
}

const char *sc_component_name_zh(int component)
{
    return valid_component(component) ? comp_zh[component] : NULL;
}

int sc_component_parse(int *out, const char *text)
{
    int c;
    if (!out)
        return sc__error_null("sc_component_parse", "out");
    *out = 0;
    if (!text)
        return sc__error_null("sc_component_parse", "text");
    for (c = SC_COMPONENT_THEORY; c <= SC_COMPONENT_REVIEW; c++) {
        char num[12];
        snprintf(num, sizeof num, "%d", c);
        if (!strcmp(text, comp_en[c]) || !strcmp(text, comp_zh[c]) || !strcmp(text, num)) {
            *out = c;
            return SC_OK;
        }
    }
    return bad_arg("component",
                   "'%.40s' is not a component: theory (理论知识考试), practical (操作技能考核) "
                   "or review (综合评审)", text);
}

unsigned int sc_components_for(int level, int path)
{
    if (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX)
        return 0;
    switch (path) {
    case SC_PATH_DIRECT:
        return SC_COMPONENT_BIT(SC_COMPONENT_REVIEW);
    case SC_PATH_NORMAL:
    case SC_PATH_EXCEPTIONAL:
        return SC_COMPONENT_BIT(SC_COMPONENT_THEORY) | SC_COMPONENT_BIT(SC_COMPONENT_PRACTICAL) |
               (level <= 2 ? SC_COMPONENT_BIT(SC_COMPONENT_REVIEW) : 0u);
    default:
        return 0;
    }
}

static int check_component(int c)
{
    if (!valid_component(c))
        return bad_arg("component", "unknown component %d (1 theory, 2 practical, 3 review)", c);
    return SC_OK;
}

/* ---- component rules -------------------------------------------------------------------- */

static const char SQL_RULE_GET[] =
    "SELECT occupation, per_staff, min_staff, min_per_room, odd, pass_score FROM assess_rule "
    "WHERE component = ?2 AND occupation IN (?1, '') ORDER BY occupation DESC LIMIT 1";

int sc__component_rule(sc_db *db, const char *occupation, int component, sc_component_rule *out)
{
    sqlite3_stmt *st;
    int rc;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, SQL_RULE_GET, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, occupation ? occupation : "");
    sqlite3_bind_int(st, 2, component);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        sc__copy_text(out->occupation, sizeof out->occupation, sc__col_text(st, 0));
        out->component = component;
        out->candidates_per_staff = sqlite3_column_int(st, 1);
        out->min_staff = sqlite3_column_int(st, 2);
        out->min_per_room = sqlite3_column_int(st, 3);
        out->odd = sqlite3_column_int(st, 4);
        out->pass_score = sqlite3_column_int(st, 5);
        sqlite3_reset(st);
        return SC_OK;
    }
    if (rc != SQLITE_DONE)
        return step_error(db, st, rc, "reading a component rule");
    sqlite3_reset(st);
    /* The template rows are created by the migration; never removed. */
    return sc__error_set(SC_EDB, SC_DOMAIN_DB, "the registry has no rule for component %s",
                         comp_en[component]);
}

int sc_component_rule_get(sc_component_rule *out, sc_db *db, const char *occupation,
                          int component)
{
    char canon[SC__CODE_SIZE] = "";
    int rc;
    if (!out)
        return sc__error_null("sc_component_rule_get", "out");
    SC__VERSION_CHECK(out, "sc_component_rule", SC_COMPONENT_RULE_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_component_rule_get", 0)) != SC_OK ||
        (rc = check_component(component)) != SC_OK)
        return rc;
    if (occupation && *occupation) {
        rc = sc__occupation_canon(db, occupation, canon);
        if (rc == SC_ENOTFOUND)
            sc_error_clear(); /* not in the catalog: the template applies */
        else if (rc != SC_OK)
            return rc;
    }
    return sc__component_rule(db, canon, component, out);
}

static const char SQL_RULE_SET[] =
    "INSERT OR REPLACE INTO assess_rule(occupation, component, per_staff, min_staff, "
    "min_per_room, odd, pass_score) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int sc_component_rule_set(sc_db *db, const sc_actor *actor, const sc_component_rule *rule)
{
    char canon[SC__CODE_SIZE] = "";
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__db_check(db, "sc_component_rule_set", 1)) != SC_OK)
        return rc;
    if (!rule)
        return sc__error_null("sc_component_rule_set", "rule");
    SC__VERSION_CHECK(rule, "sc_component_rule", SC_COMPONENT_RULE_VERSION);
    if ((rc = check_component(rule->component)) != SC_OK)
        return rc;
    if (rule->candidates_per_staff < 0 || rule->candidates_per_staff > 1000 ||
        rule->min_staff < 0 || rule->min_staff > 1000 || rule->min_per_room < 0 ||
        rule->min_per_room > 1000)
        return bad_arg("rule", "staff numbers must be 0-1000");
    if (rule->pass_score < 0 || rule->pass_score > 100)
        return bad_arg("pass_score", "pass score %d is outside 0-100", rule->pass_score);
    if (rule->odd != 0 && rule->odd != 1)
        return bad_arg("odd", "odd must be 0 or 1");
    if (memchr(rule->occupation, '\0', sizeof rule->occupation) == NULL)
        return bad_arg("occupation", "occupation is not NUL-terminated");
    if ((rc = sc__authorize(db, actor, SC__ACT_RULE_SET, NULL)) != SC_OK)
        return rc;
    if (rule->occupation[0] && (rc = sc__occupation_canon(db, rule->occupation, canon)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_RULE_SET, &st)) != SC_OK)
        goto fail;
    sc__bind_text(st, 1, canon);
    sqlite3_bind_int(st, 2, rule->component);
    sqlite3_bind_int(st, 3, rule->candidates_per_staff);
    sqlite3_bind_int(st, 4, rule->min_staff);
    sqlite3_bind_int(st, 5, rule->min_per_room);
    sqlite3_bind_int(st, 6, rule->odd);
    sqlite3_bind_int(st, 7, rule->pass_score);
    if ((rc = sc__db_exec_stmt(db, st, "setting a component rule")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "rule", canon[0] ? canon : "template",
                               sc__action_name(SC__ACT_RULE_SET),
                               "component=%s per_staff=%d min_staff=%d min_per_room=%d odd=%d "
                               "pass_score=%d",
                               comp_en[rule->component], rule->candidates_per_staff,
                               rule->min_staff, rule->min_per_room, rule->odd,
                               rule->pass_score)) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

/* ---- venues ------------------------------------------------------------------------------ */

static const char SQL_VENUE_GET[] =
    "SELECT v.id, o.credit_code, v.name, v.address, v.district, v.rooms, v.registered, "
    "i.date, i.passed, i.actor, i.note, v.org_id FROM venue v JOIN org o ON o.id = v.org_id "
    "LEFT JOIN venue_inspection i ON i.id = (SELECT id FROM venue_inspection "
    "WHERE venue_id = v.id ORDER BY date DESC, id DESC LIMIT 1) WHERE v.id = ?1";

/* SC_OK; SC_ENOTFOUND (recorded); SC_EDB. */
static int venue_load(sc_db *db, sqlite3_int64 id, sc_venue *out, sqlite3_int64 *org_id)
{
    sqlite3_stmt *st;
    int rc;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, SQL_VENUE_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 1));
        sc__copy_text(out->name, sizeof out->name, sc__col_text(st, 2));
        sc__copy_text(out->address, sizeof out->address, sc__col_text(st, 3));
        sc__copy_text(out->district, sizeof out->district, sc__col_text(st, 4));
        out->rooms = sqlite3_column_int(st, 5);
        sc__copy_text(out->registered, sizeof out->registered, sc__col_text(st, 6));
        sc__copy_text(out->inspected, sizeof out->inspected, sc__col_text(st, 7));
        out->inspection_passed = sqlite3_column_int(st, 8);
        sc__copy_text(out->inspector, sizeof out->inspector, sc__col_text(st, 9));
        sc__copy_text(out->note, sizeof out->note, sc__col_text(st, 10));
        if (org_id)
            *org_id = sqlite3_column_int64(st, 11);
        sqlite3_reset(st);
        return SC_OK;
    }
    if (rc != SQLITE_DONE)
        return step_error(db, st, rc, "reading a venue");
    sqlite3_reset(st);
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no venue with id %lld", (long long)id);
    sc__error_set_field("venue_id");
    return SC_ENOTFOUND;
}

int sc_venue_get(sc_venue *out, sc_db *db, int64_t venue_id)
{
    int rc;
    if (!out)
        return sc__error_null("sc_venue_get", "out");
    SC__VERSION_CHECK(out, "sc_venue", SC_VENUE_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_venue_get", 0)) != SC_OK)
        return rc;
    return venue_load(db, venue_id, out, NULL);
}

static const char SQL_VENUE_INS[] =
    "INSERT INTO venue(org_id, name, address, district, rooms, registered) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_VENUE_NAME[] = "SELECT 1 FROM venue WHERE org_id = ?1 AND name = ?2";

/* The checks of registering a venue, for sc_venue_register and an imported results
 * report: in the organization's own district, a name it has not used. */
static int venue_check(sc_db *db, const sc__org_row *org, const char *name, const char *dist)
{
    sqlite3_stmt *st;
    int rc;
    if (strcmp(org->district, dist) != 0)
        return fail_constraint("district",
                               "venue '%s' is in district %s; %s is registered in %s, and "
                               "assesses at venues in its own district (属地管理)",
                               name, dist, org->code, org->district);
    if ((rc = sc__db_stmt_get(db, SQL_VENUE_NAME, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org->id);
    sc__bind_text(st, 2, name);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return sc__error_fail(SC_EEXISTS, SC_DOMAIN_RULES, "name",
                              "%s already has a venue named '%s'", org->code, name);
    return rc == SQLITE_DONE ? SC_OK : sc__db_fail(db, rc, "checking venue names");
}

static int venue_apply(sc_db *db, const sc__org_row *org, const char *name,
                       const char *address, const char *dist, int rooms, const char *date,
                       sqlite3_int64 *id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_VENUE_INS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org->id);
    sc__bind_text(st, 2, name);
    sc__bind_text(st, 3, address);
    sc__bind_text(st, 4, dist);
    sqlite3_bind_int(st, 5, rooms);
    sc__bind_text(st, 6, date);
    if ((rc = sc__db_exec_stmt(db, st, "registering a venue")) != SC_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(db->conn);
    return SC_OK;
}

int sc_venue_register(int64_t *out, sc_db *db, const sc_actor *actor, const char *credit_code,
                      const char *name, const char *address, const char *district, int rooms,
                      const char *date_in)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE], dist[SC_DISTRICT_CODE_SIZE];
    char idtext[32];
    sc__org_row org;
    sqlite3_int64 id;
    int rc;

    if (!out)
        return sc__error_null("sc_venue_register", "out");
    *out = 0;
    if ((rc = sc__db_check(db, "sc_venue_register", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__check_text(name, "name", SC_ORG_NAME_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__check_text(address, "address", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (rooms < 1 || rooms > 1000)
        return bad_arg("rooms", "rooms %d is outside 1-1000", rooms);
    if ((rc = sc__authorize(db, actor, SC__ACT_VENUE_REGISTER, code)) != SC_OK)
        return rc;
    if ((rc = sc__district_resolve(db, district, "district", dist)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK ||
        (rc = venue_check(db, &org, name, dist)) != SC_OK ||
        (rc = venue_apply(db, &org, name, address, dist, rooms, date, &id)) != SC_OK)
        goto fail;
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    if ((rc = sc__audit_append(db, actor, "venue", idtext,
                               sc__action_name(SC__ACT_VENUE_REGISTER),
                               "org=%s name=%s district=%s rooms=%d date=%s", code, name, dist,
                               rooms, date)) != SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    *out = id;
    return SC_OK;
fail:
    sc__db_rollback(db);
    return rc;
}

static const char SQL_INSPECT_INS[] =
    "INSERT INTO venue_inspection(venue_id, date, passed, actor, note) VALUES (?1, ?2, ?3, ?4, ?5)";

int sc_venue_inspect(sc_db *db, const sc_actor *actor, int64_t venue_id, int passed,
                     const char *note, const char *date_in)
{
    char date[SC_DATE_SIZE], idtext[32];
    sc_venue v = SC_VENUE_INIT;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__db_check(db, "sc_venue_inspect", 1)) != SC_OK ||
        (rc = sc__check_text(note, "note", SC_ORG_TEXT_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (passed != 0 && passed != 1)
        return bad_arg("passed", "passed must be 1 (passed) or 0 (failed)");
    if (!actor)
        return sc__error_null("sc_venue_inspect", "actor");
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = venue_load(db, venue_id, &v, NULL)) != SC_OK ||
        (rc = sc__authorize(db, actor, SC__ACT_VENUE_INSPECT, v.credit_code)) != SC_OK)
        goto fail;
    if (strcmp(date, v.registered) < 0) {
        rc = fail_constraint("date", "venue %lld was registered on %s; it cannot be inspected on %s",
                             (long long)venue_id, v.registered, date);
        goto fail;
    }
    if (v.inspected[0] && strcmp(date, v.inspected) < 0) {
        rc = fail_constraint("date", "venue %lld was last inspected on %s; an inspection on %s "
                             "would go back in time", (long long)venue_id, v.inspected, date);
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_INSPECT_INS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, venue_id);
    sc__bind_text(st, 2, date);
    sqlite3_bind_int(st, 3, passed);
    sc__bind_text(st, 4, sc_actor_label(actor));
    sc__bind_text(st, 5, note);
    snprintf(idtext, sizeof idtext, "%lld", (long long)venue_id);
    if ((rc = sc__db_exec_stmt(db, st, "recording an inspection")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "venue", idtext, sc__action_name(SC__ACT_VENUE_INSPECT),
                               "org=%s passed=%d date=%s%s%s", v.credit_code, passed, date,
                               note ? " note=" : "", note ? note : "")) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

static const char SQL_VENUE_OK[] =
    "SELECT passed, date FROM venue_inspection WHERE venue_id = ?1 AND date <= ?2 "
    "ORDER BY date DESC, id DESC LIMIT 1";

/* Did the venue's latest inspection on or before date pass? *ok; message in why. */
static int venue_usable(sc_db *db, sqlite3_int64 venue_id, const char *date, int *ok,
                        char *why, size_t cap)
{
    sqlite3_stmt *st;
    int rc;
    *ok = 0;
    if ((rc = sc__db_stmt_get(db, SQL_VENUE_OK, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, venue_id);
    sc__bind_text(st, 2, date);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *ok = sqlite3_column_int(st, 0) == 1;
        if (!*ok)
            snprintf(why, cap, "venue %lld failed its inspection of %s", (long long)venue_id,
                     sc__col_text(st, 1));
        sqlite3_reset(st);
        return SC_OK;
    }
    if (rc != SQLITE_DONE)
        return step_error(db, st, rc, "reading venue inspections");
    sqlite3_reset(st);
    snprintf(why, cap, "venue %lld has no inspection by its district bureau on or before %s",
             (long long)venue_id, date);
    return SC_OK;
}

/* ---- sessions --------------------------------------------------------------------------------- */

const char *sc_session_status_name(int status)
{
    switch (status) {
    case SC_SESSION_PLANNED: return "planned";
    case SC_SESSION_CONFIRMED: return "confirmed";
    default: return NULL;
    }
}

#define SESSION_COLS                                                                         \
    "s.id, o.credit_code, s.occupation, s.work_type, s.level, s.path, s.date, s.venue_id, "  \
    "s.rooms, s.components, s.flags, s.status, s.created, s.confirmed, "                    \
    "(SELECT count(*) FROM enrolment e WHERE e.session_id = s.id), s.org_id"

static const char SQL_SESSION_GET[] =
    "SELECT " SESSION_COLS " FROM session s JOIN org o ON o.id = s.org_id WHERE s.id = ?1";

static void session_fill(sc_session *out, sqlite3_stmt *st)
{
    SC__ZERO_KEEP_VERSION(out);
    out->id = sqlite3_column_int64(st, 0);
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 1));
    sc__copy_text(out->occupation, sizeof out->occupation, sc__col_text(st, 2));
    sc__copy_text(out->work_type, sizeof out->work_type, sc__col_text(st, 3));
    out->level = sqlite3_column_int(st, 4);
    out->path = sqlite3_column_int(st, 5);
    sc__copy_text(out->date, sizeof out->date, sc__col_text(st, 6));
    out->venue_id = sqlite3_column_int64(st, 7);
    out->rooms = sqlite3_column_int(st, 8);
    out->components = (unsigned int)sqlite3_column_int(st, 9);
    out->flags = (unsigned int)sqlite3_column_int(st, 10);
    out->status = sqlite3_column_int(st, 11);
    sc__copy_text(out->created, sizeof out->created, sc__col_text(st, 12));
    sc__copy_text(out->confirmed, sizeof out->confirmed, sc__col_text(st, 13));
    out->candidates = sqlite3_column_int64(st, 14);
}

int sc__session_load(sc_db *db, sqlite3_int64 id, sc__session_row *row)
{
    sqlite3_stmt *st;
    int rc;
    memset(row, 0, sizeof(*row));
    if ((rc = sc__db_stmt_get(db, SQL_SESSION_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        session_fill(&row->s, st);
        row->org_id = sqlite3_column_int64(st, 15);
        sqlite3_reset(st);
        return SC_OK;
    }
    if (rc != SQLITE_DONE)
        return step_error(db, st, rc, "reading a session");
    sqlite3_reset(st);
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no session with id %lld", (long long)id);
    sc__error_set_field("session_id");
    return SC_ENOTFOUND;
}

int sc_session_get(sc_session *out, sc_db *db, int64_t session_id)
{
    sc__session_row row;
    int rc;
    if (!out)
        return sc__error_null("sc_session_get", "out");
    SC__VERSION_CHECK(out, "sc_session", SC_SESSION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_session_get", 0)) != SC_OK)
        return rc;
    if ((rc = sc__session_load(db, session_id, &row)) != SC_OK)
        return rc;
    SC__ASSIGN_KEEP_VERSION(out, row.s);
    return SC_OK;
}

static const char SQL_SESSION_INS[] =
    "INSERT INTO session(org_id, occupation, work_type, level, path, date, venue_id, rooms, "
    "components, flags, status, created, confirmed) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

/* What a new session is; the checks and the insert share it. */
typedef struct {
    const sc__org_row *org;
    const char *occupation, *work_type; /* work_type NULL or "": undivided */
    int level, path, rooms;
    const char *date;
    sqlite3_int64 venue_id;
    unsigned int flags;
} session_in;

/* The checks of creating a session, for sc_session_create and an imported results report:
 * the venue the organization's and large enough, passed its district bureau's inspection
 * (when `inspected`: the direct call; no exchange document carries venue inspections),
 * the organization standing for the offering on the day at the venue. *v: the venue. */
static int session_check(sc_db *db, const session_in *in, int inspected, sc_venue *v)
{
    sqlite3_int64 venue_org = 0;
    const char *wt = in->work_type && *in->work_type ? in->work_type : NULL;
    char why[512];
    int rc, ok;
    if ((rc = venue_load(db, in->venue_id, v, &venue_org)) != SC_OK)
        return rc;
    if (venue_org != in->org->id)
        return fail_constraint("venue_id", "venue %lld belongs to %s, not to %s",
                               (long long)in->venue_id, v->credit_code, in->org->code);
    if (in->rooms > v->rooms)
        return fail_constraint("rooms", "venue %lld has %d exam rooms; %d asked",
                               (long long)in->venue_id, v->rooms, in->rooms);
    if (inspected) {
        if ((rc = venue_usable(db, in->venue_id, in->date, &ok, why, sizeof why)) != SC_OK)
            return rc;
        if (!ok)
            return fail_constraint("venue_id", "%s", why);
    }
    return sc__org_require_standing(db, in->org->code, in->occupation, wt, in->level, in->date,
                                    v->district, in->path, "assess", "occupation");
}

/* Insert the session, planned (created today) or, replayed, confirmed on its day. */
static int session_apply(sc_db *db, const session_in *in, int status, const char *created,
                         sqlite3_int64 *id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_SESSION_INS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, in->org->id);
    sc__bind_text(st, 2, in->occupation);
    sc__bind_text(st, 3, in->work_type ? in->work_type : "");
    sqlite3_bind_int(st, 4, in->level);
    sqlite3_bind_int(st, 5, in->path);
    sc__bind_text(st, 6, in->date);
    sqlite3_bind_int64(st, 7, in->venue_id);
    sqlite3_bind_int(st, 8, in->rooms);
    sqlite3_bind_int(st, 9, (int)sc_components_for(in->level, in->path));
    sqlite3_bind_int(st, 10, (int)in->flags);
    sqlite3_bind_int(st, 11, status);
    sc__bind_text(st, 12, created);
    sc__bind_text(st, 13, status == SC_SESSION_CONFIRMED ? created : NULL);
    if ((rc = sc__db_exec_stmt(db, st, "creating a session")) != SC_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(db->conn);
    return SC_OK;
}

int sc_session_create(int64_t *out, sc_db *db, const sc_actor *actor, const char *credit_code,
                      const char *occupation, const char *work_type, int level, int path,
                      const char *date_in, int64_t venue_id, int rooms, unsigned int flags)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE], occ[SC__CODE_SIZE], today[SC_DATE_SIZE];
    char idtext[32];
    sc__org_row org;
    session_in in;
    sc_venue v = SC_VENUE_INIT;
    sqlite3_int64 id;
    int rc;

    if (!out)
        return sc__error_null("sc_session_create", "out");
    *out = 0;
    if (work_type && !*work_type)
        work_type = NULL;
    if ((rc = sc__db_check(db, "sc_session_create", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__check_text(work_type, "work_type", SC_WORK_TYPE_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX)
        return bad_arg("level", "level %d is outside 1-5", level);
    if (path != SC_PATH_NORMAL && path != SC_PATH_EXCEPTIONAL && path != SC_PATH_DIRECT)
        return bad_arg("path", "unknown certification path %d", path);
    if (rooms < 1 || rooms > 1000)
        return bad_arg("rooms", "rooms %d is outside 1-1000", rooms);
    if (flags & ~SC_SESSION_ONLINE)
        return bad_arg("flags", "unknown session flags 0x%x", flags & ~SC_SESSION_ONLINE);
    if ((rc = sc__authorize(db, actor, SC__ACT_SESSION_CREATE, code)) != SC_OK)
        return rc;
    if ((rc = sc__occupation_canon(db, occupation, occ)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK)
        goto fail;
    in = (session_in){ &org, occ, work_type, level, path, rooms, date, venue_id, flags };
    if ((rc = session_check(db, &in, 1, &v)) != SC_OK)
        goto fail;
    sc__today(today);
    if ((rc = session_apply(db, &in, SC_SESSION_PLANNED, today, &id)) != SC_OK)
        goto fail;
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    if ((rc = sc__audit_append(db, actor, "session", idtext,
                               sc__action_name(SC__ACT_SESSION_CREATE),
                               "org=%s occupation=%s work_type=%s level=%d path=%s date=%s "
                               "venue=%lld rooms=%d online=%d",
                               code, occ, work_type ? work_type : "", level, sc_path_name(path),
                               date, (long long)venue_id, rooms,
                               (flags & SC_SESSION_ONLINE) ? 1 : 0)) != SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    *out = id;
    return SC_OK;
fail:
    sc__db_rollback(db);
    return rc;
}

/* The session of a changing call, loaded inside its transaction, with the
 * actor checked against `action` for the session's organization. */
static int session_for_change(sc_db *db, const sc_actor *actor, int action, int64_t id,
                              sc__session_row *row, int need_planned)
{
    int rc;
    if ((rc = sc__session_load(db, id, row)) != SC_OK ||
        (rc = sc__authorize(db, actor, action, row->s.credit_code)) != SC_OK)
        return rc;
    if (need_planned && row->s.status != SC_SESSION_PLANNED)
        return fail_constraint("session_id",
                               "session %lld is confirmed: its staff and candidates are fixed",
                               (long long)id);
    return SC_OK;
}

/* ---- staff ---------------------------------------------------------------------------------------- */

/* Does a qualification cover the session's offering? Same occupation, the
 * same work type or undivided, at the session's level or a higher one. */
static int covers(const sc_offerings *q, const sc_session *s)
{
    size_t i, n = sc_offerings_count(q);
    for (i = 0; i < n; i++) {
        sc_offering_item it = SC_OFFERING_ITEM_INIT;
        if (sc_offerings_get(&it, q, i) != SC_OK)
            continue;
        if (strcmp(it.occupation, s->occupation) != 0)
            continue;
        if (it.work_type[0] && strcmp(it.work_type, s->work_type) != 0)
            continue;
        if (it.level <= s->level)
            return 1;
    }
    return 0;
}

/* Is person_id on the organization's staff on the session day in a role
 * fit for the component, and qualified? ok=1 with their name and role, or
 * ok=0 and why. */
static int staff_fit(sc_db *db, const sc_session *s, int component, const char *person_id,
                     int *ok, char name[SC_ORG_NAME_SIZE], int *role_out, char *why, size_t cap)
{
    sc_staff_query sq = SC_STAFF_QUERY_INIT;
    sc_staff_iter *it = NULL;
    sc_staff m = SC_STAFF_INIT;
    int rc, on_staff = 0, roles_found = 0;
    int want[2];
    int r;

    *ok = 0;
    want[0] = SC_STAFF_EXAMINER;
    want[1] = component == SC_COMPONENT_REVIEW ? SC_STAFF_EXPERT : 0;
    sq.date = s->date;
    if ((rc = sc_staff_iter_new(&it, db, s->credit_code, &sq)) != SC_OK)
        return rc;
    while ((rc = sc_staff_iter_next(&m, it)) == SC_OK) {
        if (strcmp(m.person_id, person_id) != 0)
            continue;
        on_staff = 1;
        for (r = 0; r < 2; r++) {
            sc_offerings *q = NULL;
            if (!want[r] || m.role != want[r])
                continue;
            roles_found = 1;
            if ((rc = sc_staff_qualifications_get(&q, db, s->credit_code, person_id, m.role)) !=
                SC_OK) {
                sc_staff_iter_free(it);
                return rc;
            }
            if (covers(q, s)) {
                *ok = 1;
                *role_out = m.role;
                sc__copy_text(name, SC_ORG_NAME_SIZE, m.name);
            }
            sc_offerings_free(q);
            if (*ok)
                break;
        }
        if (*ok)
            break;
    }
    sc_staff_iter_free(it);
    if (rc != SC_OK && rc != SC_ITEROVER)
        return rc;
    if (*ok)
        return SC_OK;
    if (!on_staff)
        snprintf(why, cap, "%s is not on the staff of %s on %s", person_id, s->credit_code,
                 s->date);
    else if (!roles_found)
        snprintf(why, cap, "%s is not on the staff of %s as %s on %s", person_id, s->credit_code,
                 component == SC_COMPONENT_REVIEW ? "an examiner (考评员) or expert (专家)"
                                                  : "an examiner (考评员)",
                 s->date);
    else
        snprintf(why, cap, "%s is not qualified for %s%s%s level %d (a qualification for that "
                 "occupation at level %d or higher is needed)", person_id, s->occupation,
                 s->work_type[0] ? " / " : "", s->work_type, s->level, s->level);
    return SC_OK;
}

static const char SQL_STAFF_HAS[] =
    "SELECT 1 FROM session_staff WHERE session_id = ?1 AND component = ?2 AND person_id = ?3";
static const char SQL_STAFF_INS[] =
    "INSERT INTO session_staff(session_id, component, person_id, name, role) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_STAFF_DEL[] =
    "DELETE FROM session_staff WHERE session_id = ?1 AND component = ?2 AND person_id = ?3";

/* The checks of assigning staff, for sc_session_staff_add and an imported results report:
 * the session has the component, the person not assigned to it yet, on the organization's
 * staff on the session day in a role fit for it and qualified. *name, *role: theirs. */
static int staff_check(sc_db *db, const sc_session *s, int component, const char *person_id,
                       char name[SC_ORG_NAME_SIZE], int *role)
{
    sqlite3_stmt *st;
    char why[512];
    int rc, ok = 0;
    if (!(s->components & SC_COMPONENT_BIT(component)))
        return fail_constraint("component", "session %lld (level %d, %s path) has no %s component",
                               (long long)s->id, s->level, sc_path_name(s->path),
                               comp_en[component]);
    if ((rc = sc__db_stmt_get(db, SQL_STAFF_HAS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_int(st, 2, component);
    sc__bind_text(st, 3, person_id);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return sc__error_fail(SC_EEXISTS, SC_DOMAIN_RULES, "person_id",
                              "%s is already assigned to the %s of session %lld", person_id,
                              comp_en[component], (long long)s->id);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading session staff");
    if ((rc = staff_fit(db, s, component, person_id, &ok, name, role, why, sizeof why)) != SC_OK)
        return rc;
    if (!ok)
        return fail_constraint("person_id", "%s", why);
    return SC_OK;
}

static int staff_apply(sc_db *db, sqlite3_int64 session_id, int component,
                       const char *person_id, const char *name, int role)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_STAFF_INS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int(st, 2, component);
    sc__bind_text(st, 3, person_id);
    sc__bind_text(st, 4, name);
    sqlite3_bind_int(st, 5, role);
    return sc__db_exec_stmt(db, st, "assigning staff");
}

int sc_session_staff_add(sc_db *db, const sc_actor *actor, int64_t session_id, int component,
                         const char *person_id)
{
    sc__session_row row;
    char name[SC_ORG_NAME_SIZE] = "", idtext[32];
    int rc, role = 0;

    if ((rc = sc__db_check(db, "sc_session_staff_add", 1)) != SC_OK ||
        (rc = check_component(component)) != SC_OK ||
        (rc = sc__check_text(person_id, "person_id", SC_PERSON_ID_SIZE - 1, 1)) != SC_OK)
        return rc;
    if (!actor)
        return sc__error_null("sc_session_staff_add", "actor");
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = session_for_change(db, actor, SC__ACT_SESSION_STAFF_ADD, session_id, &row, 1)) !=
            SC_OK ||
        (rc = staff_check(db, &row.s, component, person_id, name, &role)) != SC_OK ||
        (rc = staff_apply(db, session_id, component, person_id, name, role)) != SC_OK)
        goto fail;
    snprintf(idtext, sizeof idtext, "%lld", (long long)session_id);
    if ((rc = sc__audit_append(db, actor, "session", idtext,
                               sc__action_name(SC__ACT_SESSION_STAFF_ADD),
                               "component=%s person=%s role=%s", comp_en[component], person_id,
                               sc_staff_role_name(role))) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

int sc_session_staff_remove(sc_db *db, const sc_actor *actor, int64_t session_id, int component,
                            const char *person_id)
{
    sc__session_row row;
    char idtext[32];
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__db_check(db, "sc_session_staff_remove", 1)) != SC_OK ||
        (rc = check_component(component)) != SC_OK ||
        (rc = sc__check_text(person_id, "person_id", SC_PERSON_ID_SIZE - 1, 1)) != SC_OK)
        return rc;
    if (!actor)
        return sc__error_null("sc_session_staff_remove", "actor");
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = session_for_change(db, actor, SC__ACT_SESSION_STAFF_REMOVE, session_id, &row, 1)) !=
        SC_OK)
        goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_STAFF_DEL, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int(st, 2, component);
    sc__bind_text(st, 3, person_id);
    if ((rc = sc__db_exec_stmt(db, st, "removing staff")) != SC_OK)
        goto fail;
    if (sqlite3_changes(db->conn) == 0) {
        rc = sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s is not assigned to the %s of "
                           "session %lld", person_id, comp_en[component], (long long)session_id);
        sc__error_set_field("person_id");
        goto fail;
    }
    snprintf(idtext, sizeof idtext, "%lld", (long long)session_id);
    if ((rc = sc__audit_append(db, actor, "session", idtext,
                               sc__action_name(SC__ACT_SESSION_STAFF_REMOVE),
                               "component=%s person=%s", comp_en[component], person_id)) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

/* ---- enrolment -------------------------------------------------------------------------------------- */

static const char SQL_ENROLMENT_GET[] =
    "SELECT session_id, id_number, name, application_ref, attempt, components, enrolled "
    "FROM enrolment WHERE session_id = ?1 AND id_number = ?2";

static void enrolment_fill(sc_enrolment *out, sqlite3_stmt *st)
{
    SC__ZERO_KEEP_VERSION(out);
    out->session_id = sqlite3_column_int64(st, 0);
    sc__copy_text(out->id_number, sizeof out->id_number, sc__col_text(st, 1));
    sc__copy_text(out->name, sizeof out->name, sc__col_text(st, 2));
    sc__copy_text(out->application_ref, sizeof out->application_ref, sc__col_text(st, 3));
    out->attempt = sqlite3_column_int(st, 4);
    out->components = (unsigned int)sqlite3_column_int(st, 5);
    sc__copy_text(out->enrolled, sizeof out->enrolled, sc__col_text(st, 6));
}

int sc__enrolment_load(sc_db *db, sqlite3_int64 session_id, const char *id_number,
                       sc_enrolment *out)
{
    sqlite3_stmt *st;
    int rc;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, SQL_ENROLMENT_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, session_id);
    sc__bind_text(st, 2, id_number);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        enrolment_fill(out, st);
        sqlite3_reset(st);
        return SC_OK;
    }
    if (rc != SQLITE_DONE)
        return step_error(db, st, rc, "reading an enrolment");
    sqlite3_reset(st);
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s is not enrolled in session %lld", id_number,
                  (long long)session_id);
    sc__error_set_field("id_number");
    return SC_ENOTFOUND;
}

/* The candidate's latest result with the session's organization for the
 * same offering and path, in a session before `before` (date, then id). */
static const char SQL_PREVIOUS[] =
    "SELECT r.passed, e.attempt, r.failed, r.theory, r.practical, r.review, s.date, s.id "
    "FROM result r JOIN enrolment e ON e.session_id = r.session_id AND e.id_number = r.id_number "
    "JOIN session s ON s.id = r.session_id "
    "WHERE r.id_number = ?1 AND s.org_id = ?2 AND s.occupation = ?3 AND s.work_type = ?4 "
    "AND s.level = ?5 AND s.path = ?6 AND s.id <> ?7 AND (s.date < ?8 OR (s.date = ?8 AND s.id < ?7)) "
    "ORDER BY s.date DESC, s.id DESC LIMIT 1";

typedef struct {
    int found, passed, attempt;
    unsigned int failed;
    double score[4];
    char date[SC_DATE_SIZE];
    sqlite3_int64 session_id;
} previous_result;

static int previous(sc_db *db, const sc__session_row *row, const char *id_number,
                    previous_result *p)
{
    sqlite3_stmt *st;
    int rc, c;
    memset(p, 0, sizeof(*p));
    if ((rc = sc__db_stmt_get(db, SQL_PREVIOUS, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, id_number);
    sqlite3_bind_int64(st, 2, row->org_id);
    sc__bind_text(st, 3, row->s.occupation);
    sc__bind_text(st, 4, row->s.work_type);
    sqlite3_bind_int(st, 5, row->s.level);
    sqlite3_bind_int(st, 6, row->s.path);
    sqlite3_bind_int64(st, 7, row->s.id);
    sc__bind_text(st, 8, row->s.date);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        p->found = 1;
        p->passed = sqlite3_column_int(st, 0);
        p->attempt = sqlite3_column_int(st, 1);
        p->failed = (unsigned int)sqlite3_column_int(st, 2);
        for (c = 1; c <= 3; c++)
            p->score[c] = sqlite3_column_type(st, 2 + c) == SQLITE_NULL
                              ? SC_SCORE_NONE
                              : sqlite3_column_double(st, 2 + c);
        sc__copy_text(p->date, sizeof p->date, sc__col_text(st, 6));
        p->session_id = sqlite3_column_int64(st, 7);
        sqlite3_reset(st);
        return SC_OK;
    }
    if (rc != SQLITE_DONE)
        return step_error(db, st, rc, "reading earlier results");
    sqlite3_reset(st);
    return SC_OK;
}

/* Another session of the same offering where the candidate waits for a result. */
static const char SQL_PENDING[] =
    "SELECT s.id FROM enrolment e JOIN session s ON s.id = e.session_id "
    "LEFT JOIN result r ON r.session_id = e.session_id AND r.id_number = e.id_number "
    "WHERE e.id_number = ?1 AND s.org_id = ?2 AND s.occupation = ?3 AND s.work_type = ?4 "
    "AND s.level = ?5 AND s.id <> ?6 AND r.session_id IS NULL LIMIT 1";

static const char SQL_ENROL_INS[] =
    "INSERT INTO enrolment(session_id, id_number, name, application_ref, attempt, components, "
    "enrolled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/* The application an enrolment names by its number: this candidate's,
 * confirmed by the district (报名确认), to this organization, for this
 * session's offering and path. */
static const char SQL_APP_FOR_ENROL[] =
    "SELECT p.state, c.id_number, p.org_id, p.occupation, p.work_type, p.level, p.path, "
    "p.confirmed FROM application p JOIN candidate c ON c.id = p.candidate_id WHERE p.id = ?1";

/* The candidate's confirmed application for the session's organization,
 * offering and path (at most one: one open application per person and
 * offering). "state <= 3" is the partial index's own predicate (migrations.c), which
 * SQLite matches only as that literal text; the state sought is bound from the enum. */
static const char SQL_APP_CONFIRMED[] =
    "SELECT p.id FROM application p JOIN candidate c ON c.id = p.candidate_id "
    "WHERE c.id_number = ?1 AND p.org_id = ?2 AND p.occupation = ?3 AND p.work_type = ?4 "
    "AND p.level = ?5 AND p.path = ?6 AND p.state <= 3 AND p.state = ?7 ORDER BY p.id LIMIT 1";

/* To explain a refusal: the candidate's latest open application for the
 * offering, with any organization, on any path. */
static const char SQL_APP_OPEN[] =
    "SELECT p.id, p.state, o.credit_code, p.path FROM application p "
    "JOIN candidate c ON c.id = p.candidate_id JOIN org o ON o.id = p.org_id "
    "WHERE c.id_number = ?1 AND p.occupation = ?2 AND p.work_type = ?3 AND p.level = ?4 "
    "AND p.state <= 3 ORDER BY p.id DESC LIMIT 1";

/* Parse an application reference: a decimal application number of this
 * registry. SC_OK with *id; SC_EINVAL (recorded) for anything else. */
static int application_number(const char *ref, long long *id)
{
    const char *p;
    *id = 0;
    for (p = ref; *p >= '0' && *p <= '9'; p++)
        if (*id >= 0 && *id <= (LLONG_MAX - 9) / 10)
            *id = *id * 10 + (*p - '0');
        else
            *id = -1; /* too large for any id */
    if (p == ref || *p || *id <= 0)
        return bad_arg("application_ref",
                       "'%.40s' is not an application number of this registry: name the "
                       "candidate's application confirmed by the district (报名确认) by its "
                       "number, or give NULL to link it", ref);
    return SC_OK;
}

static int check_application(sc_db *db, const sc__session_row *row, const char *idn,
                             long long id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_APP_FOR_ENROL, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__db_fail(db, rc, "reading an application");
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "application %lld does not exist", id);
        sc__error_set_field("application_ref");
        return SC_ENOTFOUND;
    }
    if (sqlite3_column_int(st, 0) != SC_APPLICATION_CONFIRMED)
        rc = fail_constraint("application_ref",
                             "application %lld is %s: only applications confirmed by the "
                             "district (报名确认) enrol", id,
                             sc_application_state_name(sqlite3_column_int(st, 0)));
    else if (strcmp(sc__col_text(st, 1), idn))
        rc = fail_constraint("application_ref", "application %lld is not %s's", id, idn);
    else if (sqlite3_column_int64(st, 2) != row->org_id ||
             strcmp(sc__col_text(st, 3), row->s.occupation) ||
             strcmp(sc__col_text(st, 4), row->s.work_type) ||
             sqlite3_column_int(st, 5) != row->s.level ||
             sqlite3_column_int(st, 6) != row->s.path)
        rc = fail_constraint("application_ref",
                             "application %lld is for another organization, offering or path "
                             "than session %lld", id, (long long)row->s.id);
    else if (sc__col_text(st, 7) && strcmp(sc__col_text(st, 7), row->s.date) > 0)
        rc = fail_constraint("application_ref",
                             "application %lld was confirmed on %s, after the day of session "
                             "%lld (%s): only applications confirmed by then enrol", id,
                             sc__col_text(st, 7), (long long)row->s.id, row->s.date);
    else
        rc = SC_OK;
    sqlite3_reset(st);
    return rc;
}

/* Find the candidate's confirmed application for the session (NULL reference). */
static int find_application(sc_db *db, const sc__session_row *row, const char *idn,
                            long long *id)
{
    sqlite3_stmt *st;
    char offering[SC_OCCUPATION_CODE_SIZE + SC_WORK_TYPE_SIZE + 16], hint[160];
    int rc;
    *id = 0;
    if ((rc = sc__db_stmt_get(db, SQL_APP_CONFIRMED, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, idn);
    sqlite3_bind_int64(st, 2, row->org_id);
    sc__bind_text(st, 3, row->s.occupation);
    sc__bind_text(st, 4, row->s.work_type);
    sqlite3_bind_int(st, 5, row->s.level);
    sqlite3_bind_int(st, 6, row->s.path);
    sqlite3_bind_int(st, 7, SC_APPLICATION_CONFIRMED);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading applications");

    hint[0] = '\0';
    if ((rc = sc__db_stmt_get(db, SQL_APP_OPEN, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, idn);
    sc__bind_text(st, 2, row->s.occupation);
    sc__bind_text(st, 3, row->s.work_type);
    sqlite3_bind_int(st, 4, row->s.level);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(hint, sizeof hint, " (application %lld is %s, to %s, on the %s path)",
                 (long long)sqlite3_column_int64(st, 0),
                 sc_application_state_name(sqlite3_column_int(st, 1)), sc__col_text(st, 2),
                 sc_path_name(sqlite3_column_int(st, 3)));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading applications");
    snprintf(offering, sizeof offering, "%s%s%s level %d", row->s.occupation,
             row->s.work_type[0] ? "/" : "", row->s.work_type, row->s.level);
    return fail_constraint("application_ref",
                           "%s has no application confirmed by the district (报名确认) for %s "
                           "on the %s path with %s%s: only confirmed applicants enrol",
                           idn, offering, sc_path_name(row->s.path), row->s.credit_code, hint);
}

int sc_session_enrol(sc_db *db, const sc_actor *actor, int64_t session_id, const char *id_number,
                     const char *application_ref)
{
    sc__session_row row;
    sc_candidate *cand = NULL;
    sc_enrolment e = SC_ENROLMENT_INIT;
    previous_result prev;
    char idn[19], name[SC_ORG_NAME_SIZE], today[SC_DATE_SIZE], idtext[32], apptext[32];
    unsigned int components;
    long long app_id = 0;
    sqlite3_stmt *st;
    int rc, attempt = 1;

    if ((rc = sc__db_check(db, "sc_session_enrol", 1)) != SC_OK ||
        (rc = sc__id_number_norm(id_number, idn)) != SC_OK ||
        (rc = sc__check_text(application_ref, "application_ref", SC_ORG_NAME_SIZE - 1, 0)) !=
            SC_OK)
        return rc;
    if (application_ref && *application_ref &&
        (rc = application_number(application_ref, &app_id)) != SC_OK)
        return rc;
    if (!actor)
        return sc__error_null("sc_session_enrol", "actor");
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = session_for_change(db, actor, SC__ACT_SESSION_ENROL, session_id, &row, 1)) != SC_OK)
        goto fail;
    rc = sc__enrolment_load(db, session_id, idn, &e);
    if (rc == SC_OK) {
        rc = sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "%s is already enrolled in session %lld",
                           idn, (long long)session_id);
        sc__error_set_field("id_number");
        goto fail;
    }
    if (rc != SC_ENOTFOUND)
        goto fail;
    sc_error_clear();
    if ((rc = sc_candidate_load(&cand, db, idn)) != SC_OK)
        goto fail;
    sc__copy_text(name, sizeof name, sc_candidate_name(cand));
    sc_candidate_free(cand);
    cand = NULL;

    components = row.s.components;
    if ((rc = previous(db, &row, idn, &prev)) != SC_OK)
        goto fail;
    if (prev.found && prev.passed) {
        rc = fail_constraint("id_number", "%s already passed %s level %d with %s (session %lld)",
                             idn, row.s.occupation, row.s.level, row.s.credit_code,
                             (long long)prev.session_id);
        goto fail;
    }
    /* Only confirmed applicants enrol: the application named, or the one found. */
    if ((!app_id && (rc = find_application(db, &row, idn, &app_id)) != SC_OK) ||
        (rc = check_application(db, &row, idn, app_id)) != SC_OK)
        goto fail;
    snprintf(apptext, sizeof apptext, "%lld", app_id);
    if (prev.found) {
        attempt = prev.attempt + 1;
        components &= prev.failed;
        if (!components)
            components = row.s.components;
    }
    if ((rc = sc__db_stmt_get(db, SQL_PENDING, &st)) != SC_OK)
        goto fail;
    sc__bind_text(st, 1, idn);
    sqlite3_bind_int64(st, 2, row.org_id);
    sc__bind_text(st, 3, row.s.occupation);
    sc__bind_text(st, 4, row.s.work_type);
    sqlite3_bind_int(st, 5, row.s.level);
    sqlite3_bind_int64(st, 6, session_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        long long other = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        rc = fail_constraint("id_number", "%s is enrolled in session %lld for the same offering, "
                             "which has no result for them yet", idn, other);
        goto fail;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        rc = sc__db_fail(db, rc, "reading enrolments");
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_ENROL_INS, &st)) != SC_OK)
        goto fail;
    sc__today(today);
    sqlite3_bind_int64(st, 1, session_id);
    sc__bind_text(st, 2, idn);
    sc__bind_text(st, 3, name);
    sc__bind_text(st, 4, apptext);
    sqlite3_bind_int(st, 5, attempt);
    sqlite3_bind_int(st, 6, (int)components);
    sc__bind_text(st, 7, today);
    snprintf(idtext, sizeof idtext, "%lld", (long long)session_id);
    if ((rc = sc__db_exec_stmt(db, st, "enrolling a candidate")) != SC_OK ||
        (app_id > 0 && (rc = sc__application_sitting(db, app_id, session_id)) != SC_OK) ||
        (rc = sc__audit_append(db, actor, "session", idtext, sc__action_name(SC__ACT_SESSION_ENROL),
                               "candidate=%s attempt=%d components=%u application=%s", idn,
                               attempt, components, apptext)) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc_candidate_free(cand);
    sc__db_rollback(db);
    return rc;
}

/* ---- the staffing check ------------------------------------------------------------------------------- */

static const char SQL_COUNT_TAKING[] =
    "SELECT count(*) FROM enrolment WHERE session_id = ?1 AND (components & ?2) <> 0";
static const char SQL_STAFF_OF[] =
    "SELECT person_id FROM session_staff WHERE session_id = ?1 AND component = ?2 "
    "ORDER BY person_id";

static int count_taking(sc_db *db, sqlite3_int64 session_id, int component, long *n)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_COUNT_TAKING, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, session_id);
    sqlite3_bind_int(st, 2, (int)SC_COMPONENT_BIT(component));
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
        return step_error(db, st, rc, "counting candidates");
    *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return SC_OK;
}

static const char *staff_word(int component)
{
    switch (component) {
    case SC_COMPONENT_THEORY: return "invigilators";
    case SC_COMPONENT_PRACTICAL: return "examiners";
    default: return "review panel members";
    }
}

/* Check one component: out stays ok, or says no. */
static int check_component_staff(sc_db *db, const sc_session *s, int component, sc_verdict *out)
{
    sc_component_rule rule = SC_COMPONENT_RULE_INIT;
    sqlite3_stmt *st;
    char **people = NULL;
    long n = 0, k = 0, need = 0, by_ratio = 0, by_room = 0, i;
    int rc, step;

    if ((rc = count_taking(db, s->id, component, &n)) != SC_OK)
        return rc;
    if (n == 0)
        return SC_OK; /* nobody takes it (resits of other components only) */
    if ((rc = sc__component_rule(db, s->occupation, component, &rule)) != SC_OK)
        return rc;
    /* Collect the assigned people first: qualification checks use other statements. */
    if ((rc = sc__db_stmt_get(db, SQL_STAFF_OF, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, s->id);
    sqlite3_bind_int(st, 2, component);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        char **grown = sc__realloc(people, (size_t)(k + 1) * sizeof(*people));
        if (!grown || !(grown[k] = sc__strdup(sc__col_text(st, 0)))) {
            if (grown)
                people = grown;
            sqlite3_reset(st);
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory checking staff");
            goto done;
        }
        people = grown;
        k++;
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading session staff");
        goto done;
    }
    for (i = 0; i < k; i++) {
        char name[SC_ORG_NAME_SIZE], why[512];
        int ok = 0, role = 0;
        if ((rc = staff_fit(db, s, component, people[i], &ok, name, &role, why, sizeof why)) !=
            SC_OK)
            goto done;
        if (!ok) {
            sc__verdict_no(out, SC_REASON_STAFF_UNQUALIFIED, "%s: %s", comp_en[component], why);
            goto done;
        }
    }
    if (rule.candidates_per_staff > 0)
        by_ratio = (n + rule.candidates_per_staff - 1) / rule.candidates_per_staff;
    by_room = (long)rule.min_per_room * s->rooms;
    need = by_ratio;
    if (rule.min_staff > need)
        need = rule.min_staff;
    if (by_room > need)
        need = by_room;
    if (k < need) {
        char detail[256] = "";
        size_t o = 0;
        if (rule.candidates_per_staff > 0)
            o += (size_t)snprintf(detail + o, sizeof detail - o, "1 per %d candidates",
                                  rule.candidates_per_staff);
        if (rule.min_per_room > 0 && o < sizeof detail)
            o += (size_t)snprintf(detail + o, sizeof detail - o, "%s%d per room",
                                  o ? ", " : "", rule.min_per_room);
        if (rule.min_staff > 0 && o < sizeof detail)
            o += (size_t)snprintf(detail + o, sizeof detail - o, "%sat least %d",
                                  o ? ", " : "", rule.min_staff);
        if (rule.odd && o < sizeof detail)
            snprintf(detail + o, sizeof detail - o, "%san odd number", o ? ", " : "");
        sc__verdict_no(out, SC_REASON_STAFF_TOO_FEW,
                       "%s: %ld %s for %ld candidates in %d room%s; the standard (%s) asks at "
                       "least %ld (%s)",
                       comp_en[component], k, staff_word(component), n, s->rooms,
                       s->rooms == 1 ? "" : "s",
                       rule.occupation[0] ? rule.occupation : "template", need, detail);
        goto done;
    }
    if (rule.odd && k % 2 == 0) {
        sc__verdict_no(out, SC_REASON_STAFF_NOT_ODD,
                       "%s: %ld %s; the standard asks an odd number", comp_en[component], k,
                       staff_word(component));
        goto done;
    }
    rc = SC_OK;
done:
    for (i = 0; i < k; i++)
        free(people[i]);
    free(people);
    return rc;
}

static int check_session(sc_db *db, const sc_session *s, sc_verdict *out)
{
    char why[512];
    int rc, ok, c;
    verdict_yes(out);
    if ((rc = venue_usable(db, s->venue_id, s->date, &ok, why, sizeof why)) != SC_OK)
        return rc;
    if (!ok) {
        sc__verdict_no(out, SC_REASON_VENUE_NOT_INSPECTED, "%s", why);
        return SC_OK;
    }
    if (s->candidates == 0) {
        sc__verdict_no(out, SC_REASON_NO_CANDIDATES, "session %lld has no candidates enrolled",
                       (long long)s->id);
        return SC_OK;
    }
    for (c = SC_COMPONENT_THEORY; c <= SC_COMPONENT_REVIEW; c++) {
        if (!(s->components & SC_COMPONENT_BIT(c)))
            continue;
        if ((rc = check_component_staff(db, s, c, out)) != SC_OK)
            return rc;
        if (!out->ok)
            return SC_OK;
    }
    return SC_OK;
}

int sc_session_check(sc_verdict *out, sc_db *db, int64_t session_id)
{
    sc__session_row row;
    int rc;
    if (!out)
        return sc__error_null("sc_session_check", "out");
    SC__VERSION_CHECK(out, "sc_verdict", SC_VERDICT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_session_check", 0)) != SC_OK)
        return rc;
    if ((rc = sc__session_load(db, session_id, &row)) != SC_OK)
        return rc;
    return check_session(db, &row.s, out);
}

/* The check of confirming a session, for sc_session_confirm and an imported results
 * report: the venue usable on the day, candidates enrolled, each component staffed by
 * qualified people in the standard's number. `hint`, when not NULL, is appended to a
 * refusal (the import's word on what the receiving registry lacks). */
static int confirm_check(sc_db *db, const sc_session *s, sc_verdict *v, const char *hint)
{
    int rc;
    if ((rc = check_session(db, s, v)) != SC_OK)
        return rc;
    if (!v->ok)
        return fail_constraint("session_id", "session %lld cannot be confirmed: %s%s",
                               (long long)s->id, v->message, hint ? hint : "");
    return SC_OK;
}

static const char SQL_CONFIRM[] = "UPDATE session SET status = ?3, confirmed = ?2 WHERE id = ?1";

int sc_session_confirm(sc_db *db, const sc_actor *actor, int64_t session_id, const char *date_in)
{
    sc__session_row row;
    sc_verdict v = SC_VERDICT_INIT;
    char date[SC_DATE_SIZE], idtext[32];
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__db_check(db, "sc_session_confirm", 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (!actor)
        return sc__error_null("sc_session_confirm", "actor");
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = session_for_change(db, actor, SC__ACT_SESSION_CONFIRM, session_id, &row, 1)) != SC_OK)
        goto fail;
    if ((rc = confirm_check(db, &row.s, &v, NULL)) != SC_OK)
        goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_CONFIRM, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, session_id);
    sc__bind_text(st, 2, date);
    sqlite3_bind_int(st, 3, SC_SESSION_CONFIRMED);
    snprintf(idtext, sizeof idtext, "%lld", (long long)session_id);
    if ((rc = sc__db_exec_stmt(db, st, "confirming a session")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "session", idtext,
                               sc__action_name(SC__ACT_SESSION_CONFIRM), "date=%s candidates=%lld",
                               date, (long long)row.s.candidates)) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

/* Results are recorded only while the organization stands for the session's offering. */
static int standing_for(sc_db *db, const sc__session_row *row, const char *date)
{
    const sc_session *s = &row->s;
    return sc__org_require_standing(db, s->credit_code, s->occupation,
                                    s->work_type[0] ? s->work_type : NULL, s->level, date, NULL,
                                    s->path, "record results of", "session_id");
}

/* ---- results ------------------------------------------------------------------------------------------- */

static const char SQL_RESULT_INS[] =
    "INSERT INTO result(session_id, id_number, theory, practical, review, carried, passed, "
    "failed, recorded) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_RESULT_HAS[] =
    "SELECT 1 FROM result WHERE session_id = ?1 AND id_number = ?2";
/* A pass closes the confirmed application the enrolment is linked to: the
 * application table is application.c's (sc__application_complete). */

/* Tell the enrolment's application, if it names one, of the result (a pass
 * completes it when still confirmed); *done says whether it was completed. */
static int complete_application(sc_db *db, const sc_actor *actor, const sc_enrolment *e,
                                int passed, const char *date, int *done)
{
    char why[64];
    long long id = 0;
    const char *p;
    *done = 0;
    for (p = e->application_ref; *p >= '0' && *p <= '9' && id < LLONG_MAX / 10 - 9; p++)
        id = id * 10 + (*p - '0');
    if (p == e->application_ref || *p || id <= 0)
        return SC_OK; /* none linked (an enrolment made before links were required) */
    snprintf(why, sizeof why, "passed in session %lld", (long long)e->session_id);
    return sc__application_result(db, id, e->session_id, passed, date, sc_actor_label(actor), why,
                                  done);
}

/* The checks of recording a result, for sc_result_record and an imported results report:
 * the session confirmed, the day not before it, the organization standing for the
 * offering on the day (suspended, exited or out of validity: SC_ESCOPE), no result of
 * the candidate yet. `stood`: the standing on `date` is known already (a memo). */
static int result_check(sc_db *db, const sc__session_row *row, const char *idn,
                        const char *date, int stood)
{
    const sc_session *s = &row->s;
    sqlite3_stmt *st;
    int rc;
    if (s->status != SC_SESSION_CONFIRMED)
        return fail_constraint("session_id", "session %lld is not confirmed: its staffing "
                               "must be checked and the session confirmed before results are "
                               "recorded", (long long)s->id);
    if (strcmp(date, s->date) < 0)
        return fail_constraint("date", "session %lld is held on %s; results cannot be "
                               "recorded on %s", (long long)s->id, s->date, date);
    if (!stood && (rc = standing_for(db, row, date)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_RESULT_HAS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, s->id);
    sc__bind_text(st, 2, idn);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return sc__error_fail(SC_EEXISTS, SC_DOMAIN_RULES, "id_number", "the result of %s in "
                              "session %lld is already recorded", idn, (long long)s->id);
    return rc == SQLITE_DONE ? SC_OK : sc__db_fail(db, rc, "reading results");
}

/* The pass scores of the session's components (pass[c]; -1 where it has none). */
static int pass_scores(sc_db *db, const sc_session *s, int pass[4])
{
    int c, rc;
    for (c = 0; c < 4; c++)
        pass[c] = -1;
    for (c = 1; c <= 3; c++) {
        sc_component_rule rule = SC_COMPONENT_RULE_INIT;
        if (!(s->components & SC_COMPONENT_BIT(c)))
            continue;
        if ((rc = sc__component_rule(db, s->occupation, c, &rule)) != SC_OK)
            return rc;
        pass[c] = rule.pass_score;
    }
    return SC_OK;
}

/* The pass rule of the standard: every component of the session at its pass score.
 * *failed: the components below it. */
static int result_outcome(const int pass[4], const double score[4], unsigned int *failed)
{
    int c, passed = 1;
    *failed = 0;
    for (c = 1; c <= 3; c++) {
        if (pass[c] < 0)
            continue;
        if (score[c] == SC_SCORE_NONE || score[c] < pass[c]) {
            passed = 0;
            *failed |= SC_COMPONENT_BIT(c);
        }
    }
    return passed;
}

static int result_apply(sc_db *db, sqlite3_int64 session_id, const char *idn,
                        const double score[4], unsigned int carried, int passed,
                        unsigned int failed, const char *date)
{
    sqlite3_stmt *st;
    int c, rc;
    if ((rc = sc__db_stmt_get(db, SQL_RESULT_INS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, session_id);
    sc__bind_text(st, 2, idn);
    for (c = 1; c <= 3; c++) {
        if (score[c] == SC_SCORE_NONE)
            sqlite3_bind_null(st, 2 + c);
        else
            sqlite3_bind_double(st, 2 + c, score[c]);
    }
    sqlite3_bind_int(st, 6, (int)carried);
    sqlite3_bind_int(st, 7, passed);
    sqlite3_bind_int(st, 8, (int)failed);
    sc__bind_text(st, 9, date);
    return sc__db_exec_stmt(db, st, "recording a result");
}

int sc_result_record(sc_db *db, const sc_actor *actor, int64_t session_id, const char *id_number,
                     double theory, double practical, double review, const char *date_in)
{
    sc__session_row row;
    sc_enrolment e = SC_ENROLMENT_INIT;
    previous_result prev;
    double given[4], score[4];
    char idn[19], date[SC_DATE_SIZE], idtext[48];
    unsigned int carried = 0, failed = 0;
    int rc, c, passed = 1, completed = 0, pass[4];

    given[0] = SC_SCORE_NONE;
    given[1] = theory;
    given[2] = practical;
    given[3] = review;
    if ((rc = sc__db_check(db, "sc_result_record", 1)) != SC_OK ||
        (rc = sc__id_number_norm(id_number, idn)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    for (c = 1; c <= 3; c++)
        if (isnan(given[c]) || (given[c] != SC_SCORE_NONE && (given[c] < 0 || given[c] > 100)))
            return bad_arg(comp_en[c], "the %s score must be 0-100 (or SC_SCORE_NONE)",
                           comp_en[c]);
    if (!actor)
        return sc__error_null("sc_result_record", "actor");
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = session_for_change(db, actor, SC__ACT_RESULT_RECORD, session_id, &row, 0)) != SC_OK)
        goto fail;
    if ((rc = result_check(db, &row, idn, date, 0)) != SC_OK)
        goto fail;
    if ((rc = sc__enrolment_load(db, session_id, idn, &e)) != SC_OK)
        goto fail;
    memset(&prev, 0, sizeof prev);
    if (e.components != row.s.components &&
        (rc = previous(db, &row, idn, &prev)) != SC_OK)
        goto fail;
    for (c = 1; c <= 3; c++) {
        unsigned int bit = SC_COMPONENT_BIT(c);
        score[c] = SC_SCORE_NONE;
        if (!(row.s.components & bit)) {
            if (given[c] != SC_SCORE_NONE) {
                rc = bad_arg(comp_en[c], "session %lld has no %s component; give SC_SCORE_NONE",
                             (long long)session_id, comp_en[c]);
                goto fail;
            }
            continue;
        }
        if (e.components & bit) {
            if (given[c] == SC_SCORE_NONE) {
                rc = bad_arg(comp_en[c], "the %s score of %s is missing", comp_en[c], idn);
                goto fail;
            }
            score[c] = given[c];
        } else {
            if (given[c] != SC_SCORE_NONE) {
                rc = bad_arg(comp_en[c], "%s passed the %s before (attempt %d); its score is "
                             "carried over: give SC_SCORE_NONE", idn, comp_en[c], prev.attempt);
                goto fail;
            }
            score[c] = prev.found ? prev.score[c] : SC_SCORE_NONE;
            carried |= bit;
        }
    }
    if ((rc = pass_scores(db, &row.s, pass)) != SC_OK)
        goto fail;
    passed = result_outcome(pass, score, &failed);
    snprintf(idtext, sizeof idtext, "%lld:%s", (long long)session_id, idn);
    if ((rc = result_apply(db, session_id, idn, score, carried, passed, failed, date)) !=
            SC_OK ||
        (rc = complete_application(db, actor, &e, passed, date, &completed)) != SC_OK ||
        (rc = sc__audit_append(db, actor, "result", idtext, sc__action_name(SC__ACT_RESULT_RECORD),
                               "theory=%g practical=%g review=%g carried=%u passed=%d date=%s "
                               "application=%s%s",
                               score[1], score[2], score[3], carried, passed, date,
                               e.application_ref, completed ? " completed" : "")) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

#define RESULT_COLS                                                                            \
    "r.session_id, r.id_number, e.name, o.credit_code, s.occupation, s.work_type, s.level, "   \
    "e.attempt, r.theory, r.practical, r.review, r.carried, r.passed, r.recorded, "            \
    "(SELECT c.number FROM certificate_record c WHERE c.session_id = r.session_id "            \
    " AND c.id_number = r.id_number AND c.replaced_by IS NULL LIMIT 1) "                       \
    "FROM result r JOIN enrolment e ON e.session_id = r.session_id AND e.id_number = r.id_number " \
    "JOIN session s ON s.id = r.session_id JOIN org o ON o.id = s.org_id "

static const char SQL_RESULT_GET[] =
    "SELECT " RESULT_COLS "WHERE r.session_id = ?1 AND r.id_number = ?2";
static const char SQL_RESULT_ITER[] =
    "SELECT " RESULT_COLS "WHERE r.session_id = ?1 ORDER BY r.id_number";

static void result_fill(sc_result *out, sqlite3_stmt *st)
{
    int c;
    SC__ZERO_KEEP_VERSION(out);
    out->session_id = sqlite3_column_int64(st, 0);
    sc__copy_text(out->id_number, sizeof out->id_number, sc__col_text(st, 1));
    sc__copy_text(out->name, sizeof out->name, sc__col_text(st, 2));
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 3));
    sc__copy_text(out->occupation, sizeof out->occupation, sc__col_text(st, 4));
    sc__copy_text(out->work_type, sizeof out->work_type, sc__col_text(st, 5));
    out->level = sqlite3_column_int(st, 6);
    out->attempt = sqlite3_column_int(st, 7);
    for (c = 0; c < 3; c++) {
        double v = sqlite3_column_type(st, 8 + c) == SQLITE_NULL ? SC_SCORE_NONE
                                                                 : sqlite3_column_double(st, 8 + c);
        if (c == 0)
            out->theory = v;
        else if (c == 1)
            out->practical = v;
        else
            out->review = v;
    }
    out->carried = (unsigned int)sqlite3_column_int(st, 11);
    out->passed = sqlite3_column_int(st, 12);
    sc__copy_text(out->recorded, sizeof out->recorded, sc__col_text(st, 13));
    sc__copy_text(out->certificate, sizeof out->certificate, sc__col_text(st, 14));
}

int sc_result_get(sc_result *out, sc_db *db, int64_t session_id, const char *id_number)
{
    char idn[19];
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_result_get", "out");
    SC__VERSION_CHECK(out, "sc_result", SC_RESULT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_result_get", 0)) != SC_OK ||
        (rc = sc__id_number_norm(id_number, idn)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_RESULT_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, session_id);
    sc__bind_text(st, 2, idn);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        result_fill(out, st);
        sqlite3_reset(st);
        return SC_OK;
    }
    if (rc != SQLITE_DONE)
        return step_error(db, st, rc, "reading a result");
    sqlite3_reset(st);
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no result of %s in session %lld", idn,
                  (long long)session_id);
    sc__error_set_field("id_number");
    return SC_ENOTFOUND;
}

/* ---- iterators ------------------------------------------------------------------------------------------- */

int sc__session_iter_make(sc_session_iter **out, sc_db *db, const char *sql, int kind)
{
    sc_session_iter *it;
    int rc;
    *out = NULL;
    it = sc__calloc(1, sizeof(*it));
    if (!it)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an iterator");
    if ((rc = sc__db_prepare(db, sql, &it->st)) != SC_OK) {
        free(it);
        return rc;
    }
    it->db = db;
    it->kind = kind;
    sc__db_ref(db);
    *out = it;
    return SC_OK;
}

void sc_session_iter_free(sc_session_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sc__db_unref(it->db);
    free(it);
}

/* Step an iterator of `kind`: SC_OK with a row, SC_ITEROVER, or an error. */
static int iter_step(sc_session_iter *it, int kind, const char *func)
{
    int rc;
    if (!it)
        return sc__error_null(func, "it");
    if (it->kind != kind)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s: wrong kind of iterator", func);
    rc = sqlite3_step(it->st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc == SQLITE_DONE)
        return SC_ITEROVER;
    return sc__db_fail(it->db, rc, func);
}

static const char SQL_SESSION_ITER[] =
    "SELECT " SESSION_COLS " FROM session s JOIN org o ON o.id = s.org_id "
    "WHERE (?1 IS NULL OR o.credit_code = ?1) AND (?2 IS NULL OR s.date = ?2) "
    "ORDER BY s.date, s.id";

int sc_session_iter_new(sc_session_iter **out, sc_db *db, const sc_session_query *q)
{
    char code[SC_CREDIT_CODE_SIZE];
    const char *credit_code;
    const char *date;
    int rc;
    if (!out)
        return sc__error_null("sc_session_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_SESSION_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_session_query version %u is not known to this library",
                              q->version);
    credit_code = q ? q->credit_code : NULL;
    date = q ? q->date : NULL;
    if ((rc = sc__db_check(db, "sc_session_iter_new", 0)) != SC_OK ||
        (credit_code && (rc = sc__credit_code_norm(credit_code, code)) != SC_OK) ||
        (date && (rc = sc__check_date(date, "date")) != SC_OK))
        return rc;
    if ((rc = sc__session_iter_make(out, db, SQL_SESSION_ITER, SC__IT_SESSIONS)) != SC_OK)
        return rc;
    sc__bind_text((*out)->st, 1, credit_code ? code : NULL);
    sc__bind_text((*out)->st, 2, date);
    return SC_OK;
}

int sc_session_iter_next(sc_session *out, sc_session_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_session_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_session", SC_SESSION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = iter_step(it, SC__IT_SESSIONS, "sc_session_iter_next")) != SC_OK)
        return rc;
    session_fill(out, it->st);
    return SC_OK;
}

static int require_session(sc_db *db, int64_t session_id)
{
    sc__session_row row;
    return sc__session_load(db, session_id, &row);
}

static const char SQL_STAFF_ITER[] =
    "SELECT session_id, component, person_id, name, role FROM session_staff "
    "WHERE session_id = ?1 ORDER BY component, person_id";

int sc_session_staff_iter_new(sc_session_staff_iter **out, sc_db *db, int64_t session_id)
{
    sc_session_iter *rows = NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_session_staff_iter_new", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_session_staff_iter_new", 0)) != SC_OK ||
        (rc = require_session(db, session_id)) != SC_OK ||
        (rc = sc__session_iter_make(&rows, db, SQL_STAFF_ITER, SC__IT_STAFF)) != SC_OK)
        return rc;
    sqlite3_bind_int64(rows->st, 1, session_id);
    *out = (sc_session_staff_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_session_staff_iter_next(sc_session_staff *out, sc_session_staff_iter *wrapped)
{
    sc_session_iter *it = wrapped ? &wrapped->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_session_staff_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_session_staff", SC_SESSION_STAFF_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = iter_step(it, SC__IT_STAFF, "sc_session_staff_iter_next")) != SC_OK)
        return rc;
    out->session_id = sqlite3_column_int64(it->st, 0);
    out->component = sqlite3_column_int(it->st, 1);
    sc__copy_text(out->person_id, sizeof out->person_id, sc__col_text(it->st, 2));
    sc__copy_text(out->name, sizeof out->name, sc__col_text(it->st, 3));
    out->role = sqlite3_column_int(it->st, 4);
    return SC_OK;
}

void sc_session_staff_iter_free(sc_session_staff_iter *it)
{
    sc_session_iter_free(it ? &it->rows : NULL);
}

static const char SQL_ENROL_ITER[] =
    "SELECT session_id, id_number, name, application_ref, attempt, components, enrolled "
    "FROM enrolment WHERE session_id = ?1 ORDER BY id_number";

int sc_enrolment_iter_new(sc_enrolment_iter **out, sc_db *db, int64_t session_id)
{
    sc_session_iter *rows = NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_enrolment_iter_new", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_enrolment_iter_new", 0)) != SC_OK ||
        (rc = require_session(db, session_id)) != SC_OK ||
        (rc = sc__session_iter_make(&rows, db, SQL_ENROL_ITER, SC__IT_ENROLMENTS)) != SC_OK)
        return rc;
    sqlite3_bind_int64(rows->st, 1, session_id);
    *out = (sc_enrolment_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_enrolment_iter_next(sc_enrolment *out, sc_enrolment_iter *wrapped)
{
    sc_session_iter *it = wrapped ? &wrapped->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_enrolment_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_enrolment", SC_ENROLMENT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = iter_step(it, SC__IT_ENROLMENTS, "sc_enrolment_iter_next")) != SC_OK)
        return rc;
    enrolment_fill(out, it->st);
    return SC_OK;
}

void sc_enrolment_iter_free(sc_enrolment_iter *it)
{
    sc_session_iter_free(it ? &it->rows : NULL);
}

int sc_result_iter_new(sc_result_iter **out, sc_db *db, int64_t session_id)
{
    sc_session_iter *rows = NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_result_iter_new", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_result_iter_new", 0)) != SC_OK ||
        (rc = require_session(db, session_id)) != SC_OK ||
        (rc = sc__session_iter_make(&rows, db, SQL_RESULT_ITER, SC__IT_RESULTS)) != SC_OK)
        return rc;
    sqlite3_bind_int64(rows->st, 1, session_id);
    *out = (sc_result_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_result_iter_next(sc_result *out, sc_result_iter *wrapped)
{
    sc_session_iter *it = wrapped ? &wrapped->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_result_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_result", SC_RESULT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = iter_step(it, SC__IT_RESULTS, "sc_result_iter_next")) != SC_OK)
        return rc;
    result_fill(out, it->st);
    return SC_OK;
}

void sc_result_iter_free(sc_result_iter *it)
{
    sc_session_iter_free(it ? &it->rows : NULL);
}

static const char SQL_RESULT_PASSED[] =
    "SELECT 1 FROM result r JOIN session s ON s.id = r.session_id WHERE s.org_id = ?1 AND "
    "r.id_number = ?2 AND r.passed = 1 AND s.occupation = ?3 AND s.work_type = ?4 AND "
    "s.level = ?5 AND r.recorded <= ?6 LIMIT 1";

int sc__result_passed(sc_db *db, sqlite3_int64 org_id, const char *id_number,
                      const char *occupation, const char *work_type, int level, const char *by,
                      int *passed)
{
    sqlite3_stmt *st;
    int rc;
    *passed = 0;
    if ((rc = sc__db_stmt_get(db, SQL_RESULT_PASSED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sc__bind_text(st, 2, id_number);
    sc__bind_text(st, 3, occupation);
    sc__bind_text(st, 4, work_type ? work_type : "");
    sqlite3_bind_int(st, 5, level);
    sc__bind_text(st, 6, by);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
        *passed = 1;
        return SC_OK;
    }
    return rc == SQLITE_DONE ? SC_OK : sc__db_fail(db, rc, "reading results");
}

/* ---- the acts of a results report, replayed (xml_report.c) ------------------------------ */

static const char SQL_ENROL_RECEIVE[] =
    "INSERT INTO enrolment(session_id, id_number, name, attempt, components, enrolled) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int sc__venue_receive(sc_db *db, const sc__org_row *org, const char *name,
                      const char *address, const char *district, int rooms, const char *date,
                      sqlite3_int64 *id)
{
    int rc;
    if ((rc = venue_check(db, org, name, district)) != SC_OK)
        return rc;
    return venue_apply(db, org, name, address, district, rooms, date, id);
}

int sc__session_receive(sc_db *db, const sc__org_row *org, const char *occupation,
                        const char *work_type, int level, int path, const char *date,
                        sqlite3_int64 venue_id, int rooms, unsigned int flags,
                        sqlite3_int64 *id)
{
    session_in in = { org, occupation, work_type, level, path, rooms, date, venue_id, flags };
    sc_venue v = SC_VENUE_INIT;
    int rc;
    if ((rc = session_check(db, &in, 0, &v)) != SC_OK)
        return rc;
    return session_apply(db, &in, SC_SESSION_CONFIRMED, date, id);
}

int sc__enrolment_receive(sc_db *db, sqlite3_int64 session_id, const char *id_number,
                          const char *name, int attempt, unsigned int components,
                          const char *date)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_ENROL_RECEIVE, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, session_id);
    sc__bind_text(st, 2, id_number);
    sc__bind_text(st, 3, name);
    sqlite3_bind_int(st, 4, attempt);
    sqlite3_bind_int(st, 5, (int)components);
    sc__bind_text(st, 6, date);
    return sc__db_exec_stmt(db, st, "recording an enrolment");
}

int sc__result_receive(sc_db *db, sc__result_memo *memo, sqlite3_int64 session_id,
                       const char *id_number, const double score[4], unsigned int carried,
                       const char *recorded, int *passed)
{
    sc__result_memo local;
    unsigned int failed = 0;
    int rc;
    *passed = 0;
    if (!memo) {
        memset(&local, 0, sizeof local);
        memo = &local;
    }
    if (memo->row.s.id != session_id) {
        memo->stood[0] = '\0';
        if ((rc = sc__session_load(db, session_id, &memo->row)) != SC_OK ||
            (rc = pass_scores(db, &memo->row.s, memo->pass)) != SC_OK) {
            memo->row.s.id = 0;
            return rc;
        }
    }
    if ((rc = result_check(db, &memo->row, id_number, recorded,
                           !strcmp(memo->stood, recorded))) != SC_OK)
        return rc;
    sc__copy_text(memo->stood, sizeof memo->stood, recorded);
    *passed = result_outcome(memo->pass, score, &failed);
    return result_apply(db, session_id, id_number, score, carried, *passed, failed, recorded);
}

static const char SQL_VENUE_INSPECTED[] =
    "SELECT 1 FROM venue_inspection WHERE venue_id = ?1 LIMIT 1";

/* Does the registry hold any inspection of the venue? */
static int venue_ever_inspected(sc_db *db, sqlite3_int64 venue_id, int *any)
{
    sqlite3_stmt *st;
    int rc;
    *any = 0;
    if ((rc = sc__db_stmt_get(db, SQL_VENUE_INSPECTED, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, venue_id);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading venue inspections");
    *any = rc == SQLITE_ROW;
    return SC_OK;
}

/* Does the registry hold any staff of the organization on `date`? */
static int org_has_staff(sc_db *db, const char *code, const char *date, int *any)
{
    sc_staff_iter *it = NULL;
    sc_staff m = SC_STAFF_INIT;
    sc_staff_query q = SC_STAFF_QUERY_INIT;
    int rc;
    *any = 0;
    q.date = date;
    if ((rc = sc_staff_iter_new(&it, db, code, &q)) != SC_OK)
        return rc;
    rc = sc_staff_iter_next(&m, it);
    sc_staff_iter_free(it);
    if (rc == SC_OK)
        *any = 1;
    else if (rc != SC_ITEROVER)
        return rc;
    return SC_OK;
}

/* The hint for a registry that holds none of the organization's staff on the day. */
static void staff_hint(const sc_session *s, char *hint, size_t cap)
{
    snprintf(hint, cap, " (this registry holds no staff of %s on %s: no exchange document "
             "carries staff, so its staff are filed here (staff.add) before its results "
             "report is imported)", s->credit_code, s->date);
}

/* What a receiving registry must hold before a results report of `s` is imported, when
 * it lacks it: the organization's staff (staff.add) and the venue's inspection by its
 * district bureau (venue.inspect), acts no exchange document carries. "" when it holds
 * both. */
static int receive_hint(sc_db *db, const sc_session *s, char *hint, size_t cap)
{
    int rc, staff = 0, inspected = 0;
    hint[0] = '\0';
    if ((rc = org_has_staff(db, s->credit_code, s->date, &staff)) != SC_OK ||
        (rc = venue_ever_inspected(db, s->venue_id, &inspected)) != SC_OK)
        return rc;
    if (!staff) {
        staff_hint(s, hint, cap);
    } else if (!inspected) {
        sc_venue v = SC_VENUE_INIT;
        if ((rc = venue_load(db, s->venue_id, &v, NULL)) != SC_OK)
            return rc;
        snprintf(hint, cap, " (this registry holds no inspection of venue '%s': no exchange "
                 "document carries inspections, so the venue is registered here and its "
                 "district bureau (%s) inspects it here (venue.inspect) before a results "
                 "report of a session held there is imported)", v.name, v.district);
    }
    return SC_OK;
}

int sc__session_staff_receive(sc_db *db, sqlite3_int64 session_id, int component,
                              const char *person_id, int role)
{
    sc__session_row row;
    char name[SC_ORG_NAME_SIZE] = "", hint[1024];
    int rc, found = 0;
    if ((rc = check_component(component)) != SC_OK ||
        (rc = sc__check_text(person_id, "person_id", SC_PERSON_ID_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__session_load(db, session_id, &row)) != SC_OK)
        return rc;
    if ((rc = staff_check(db, &row.s, component, person_id, name, &found)) != SC_OK) {
        char msg[1024], field[64];
        int staff = 1;
        if (rc != SC_ECONSTRAINT)
            return rc;
        snprintf(msg, sizeof msg, "%s", sc_error_last()->message);
        snprintf(field, sizeof field, "%s", sc_error_last()->field);
        if (org_has_staff(db, row.s.credit_code, row.s.date, &staff) != SC_OK)
            return sc_error_last()->code;
        if (staff)
            return sc__error_fail(rc, SC_DOMAIN_RULES, field, "%s", msg);
        staff_hint(&row.s, hint, sizeof hint);
        return sc__error_fail(rc, SC_DOMAIN_RULES, field, "%s%s", msg, hint);
    }
    if (role && role != found)
        return fail_constraint("role", "%s serves the %s of session %lld as %s (%s), not as %s",
                               person_id, comp_en[component], (long long)session_id,
                               sc_staff_role_name(found), sc_staff_role_name_zh(found),
                               sc_staff_role_name(role));
    return staff_apply(db, session_id, component, person_id, name, found);
}

int sc__session_confirm_receive(sc_db *db, sqlite3_int64 session_id)
{
    sc__session_row row;
    sc_verdict v = SC_VERDICT_INIT;
    char hint[1024];
    int rc;
    if ((rc = sc__session_load(db, session_id, &row)) != SC_OK ||
        (rc = check_session(db, &row.s, &v)) != SC_OK)
        return rc;
    if (v.ok)
        return SC_OK;
    if ((rc = receive_hint(db, &row.s, hint, sizeof hint)) != SC_OK)
        return rc;
    return confirm_check(db, &row.s, &v, hint);
}
