/*
 * Quality supervision (include/skillcert/supervision.h): internal
 * supervision of sessions, spot checks and their findings, the certificate
 * scan, sanctions and the revocation of certificates found fraudulent.
 */
#include "supervision_int.h"
#include "certificate_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---------------------------------------------------------------------- */

void sc__actor_text(const sc_actor *a, char out[SC_ACTOR_TEXT_SIZE])
{
    if (a->name && *a->name)
        snprintf(out, SC_ACTOR_TEXT_SIZE, "%s (%s)", a->label, a->name);
    else
        snprintf(out, SC_ACTOR_TEXT_SIZE, "%s", a->label);
}

/* Errors with a field: the shared sc__error_fail() (error.c). */
#define constraint(field, ...) sc__error_fail(SC_ECONSTRAINT, SC_DOMAIN_RULES, field, __VA_ARGS__)
#define not_found(field, ...) sc__error_fail(SC_ENOTFOUND, SC_DOMAIN_RULES, field, __VA_ARGS__)
#define bad(field, ...) sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, field, __VA_ARGS__)

/* ---- iterators ------------------------------------------------------------------------------ */

void sc_supervision_iter_free(sc_supervision_iter *it)
{
    if (!it)
        return;
    sc__rows_free(&it->r);
}

/* ---- internal supervision ------------------------------------------------------------------ */

static const char SQL_SUPERVISOR_ON_STAFF[] =
    "SELECT name FROM staff WHERE org_id = ?1 AND person_id = ?2 AND role = 3 AND added <= ?3 "
    "AND (removed IS NULL OR removed > ?3) ORDER BY id DESC LIMIT 1";
static const char SQL_SUPERVISOR_ANY[] =
    "SELECT 1 FROM staff WHERE org_id = ?1 AND person_id = ?2 AND role = 3 LIMIT 1";
static const char SQL_EXAMINES_IN[] =
    "SELECT component FROM session_staff WHERE session_id = ?1 AND person_id = ?2 LIMIT 1";
static const char SQL_ASSIGNED[] =
    "SELECT name FROM session_supervisor WHERE session_id = ?1 AND person_id = ?2";
static const char SQL_ASSIGN[] =
    "INSERT INTO session_supervisor (session_id, person_id, name, assigned) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_SUPERVISION_INS[] =
    "INSERT INTO supervision (session_id, person_id, name, date, checked, findings, actor) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/* A one-row text query with (int64, text[, text]) parameters: *found, value into buf. */
static int query_text(sc_db *db, const char *sql, sqlite3_int64 a, const char *b, const char *c,
                      int *found, char *buf, size_t cap)
{
    sqlite3_stmt *st;
    int rc;
    *found = 0;
    if (buf && cap)
        buf[0] = '\0';
    if ((rc = sc__db_stmt_get(db, sql, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, a);
    sc__bind_text(st, 2, b);
    if (c)
        sc__bind_text(st, 3, c);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *found = 1;
        if (buf && cap)
            sc__copy_text(buf, cap, sc__col_text(st, 0));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the registry");
    return SC_OK;
}

/* The session's organization for the actor check, before any write. */
static int session_for(sc_db *db, int64_t session_id, sc__session_row *row, char code[SC_CREDIT_CODE_SIZE])
{
    int rc = sc__session_load(db, session_id, row);
    if (rc == SC_OK)
        snprintf(code, SC_CREDIT_CODE_SIZE, "%s", row->s.credit_code);
    return rc;
}

static int examines_in(sc_db *db, int64_t session_id, const char *person, int *yes)
{
    char comp[16];
    return query_text(db, SQL_EXAMINES_IN, session_id, person, NULL, yes, comp, sizeof comp);
}

int sc_supervision_assign(sc_db *db, const sc_actor *actor, int64_t session_id,
                          const char *person_id)
{
    sc__session_row s;
    char code[SC_CREDIT_CODE_SIZE], name[SC_ORG_NAME_SIZE];
    sqlite3_stmt *st;
    int rc, found, yes;

    if ((rc = sc__db_check(db, "sc_supervision_assign", 1)) != SC_OK ||
        (rc = sc__check_text(person_id, "person_id", SC_PERSON_ID_SIZE - 1, 1)) != SC_OK ||
        (rc = session_for(db, session_id, &s, code)) != SC_OK)
        return rc;
    if ((rc = sc__authorize(db, actor, SC__ACT_SUPERVISION_ASSIGN, code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = query_text(db, SQL_SUPERVISOR_ON_STAFF, s.org_id, person_id, s.s.date, &found, name,
                         sizeof name)) != SC_OK)
        goto fail;
    if (!found) {
        int any;
        if ((rc = query_text(db, SQL_SUPERVISOR_ANY, s.org_id, person_id, NULL, &any, NULL, 0)) !=
            SC_OK)
            goto fail;
        rc = any ? constraint("person_id", "%s is not on the staff of %s as an internal quality "
                                           "supervisor on %s, the session's day",
                              person_id, code, s.s.date)
                 : not_found("person_id", "%s has no internal quality supervisor %s", code,
                             person_id);
        goto fail;
    }
    if ((rc = examines_in(db, session_id, person_id, &yes)) != SC_OK)
        goto fail;
    if (yes) {
        rc = constraint("person_id", "%s examines in session %lld: a supervisor cannot supervise "
                                     "a session they examine in",
                        person_id, (long long)session_id);
        goto fail;
    }
    if ((rc = query_text(db, SQL_ASSIGNED, session_id, person_id, NULL, &found, NULL, 0)) != SC_OK)
        goto fail;
    if (found) {
        rc = sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "%s already supervises session %lld",
                           person_id, (long long)session_id);
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_ASSIGN, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, session_id);
    sc__bind_text(st, 2, person_id);
    sc__bind_text(st, 3, name);
    sc__bind_text(st, 4, s.s.date);
    if ((rc = sc__db_exec_stmt(db, st, "assigning a supervisor")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "session", code,
                               sc__action_name(SC__ACT_SUPERVISION_ASSIGN),
                               "session=%lld supervisor=%s", (long long)session_id, person_id)) !=
            SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

int sc_supervision_record(int64_t *out, sc_db *db, const sc_actor *actor, int64_t session_id,
                          const char *person_id, const char *checked, const char *findings,
                          const char *date_in)
{
    sc__session_row s;
    char code[SC_CREDIT_CODE_SIZE], name[SC_ORG_NAME_SIZE], date[SC_DATE_SIZE];
    char who[SC_ACTOR_TEXT_SIZE];
    sqlite3_stmt *st;
    int rc, found, yes;

    if (!out)
        return sc__error_null("sc_supervision_record", "out");
    *out = 0;
    if ((rc = sc__db_check(db, "sc_supervision_record", 1)) != SC_OK ||
        (rc = sc__check_text(person_id, "person_id", SC_PERSON_ID_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__check_text(checked, "checked", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__check_text(findings, "findings", SC_ORG_TEXT_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = session_for(db, session_id, &s, code)) != SC_OK)
        return rc;
    if ((rc = sc__authorize(db, actor, SC__ACT_SUPERVISION_RECORD, code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = query_text(db, SQL_ASSIGNED, session_id, person_id, NULL, &found, name,
                         sizeof name)) != SC_OK)
        goto fail;
    if (!found) {
        rc = constraint("person_id", "%s is not assigned to supervise session %lld", person_id,
                        (long long)session_id);
        goto fail;
    }
    if ((rc = examines_in(db, session_id, person_id, &yes)) != SC_OK)
        goto fail;
    if (yes) {
        rc = constraint("person_id", "%s examines in session %lld: a supervisor cannot supervise "
                                     "a session they examine in",
                        person_id, (long long)session_id);
        goto fail;
    }
    sc__actor_text(actor, who);
    if ((rc = sc__db_stmt_get(db, SQL_SUPERVISION_INS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, session_id);
    sc__bind_text(st, 2, person_id);
    sc__bind_text(st, 3, name);
    sc__bind_text(st, 4, date);
    sc__bind_text(st, 5, checked);
    sc__bind_text(st, 6, findings ? findings : "");
    sc__bind_text(st, 7, who);
    if ((rc = sc__db_exec_stmt(db, st, "recording a supervision")) != SC_OK)
        goto fail;
    *out = sqlite3_last_insert_rowid(db->conn);
    if ((rc = sc__audit_append(db, actor, "supervision", code,
                               sc__action_name(SC__ACT_SUPERVISION_RECORD),
                               "id=%lld session=%lld supervisor=%s date=%s findings=%s",
                               (long long)*out, (long long)session_id, person_id, date,
                               findings && *findings ? findings : "none")) != SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) != SC_OK)
        *out = 0;
    return rc;
fail:
    *out = 0;
    sc__db_rollback(db);
    return rc;
}

static const char SQL_SUPERVISION_ITER[] =
    "SELECT v.id, v.session_id, o.credit_code, v.person_id, v.name, v.date, v.checked, "
    "v.findings FROM supervision v JOIN session s ON s.id = v.session_id "
    "JOIN org o ON o.id = s.org_id WHERE v.session_id = ?1 ORDER BY v.date, v.id";

int sc_supervision_iter_new(sc_supervision_iter **out, sc_db *db, int64_t session_id)
{
    sc__session_row s;
    int rc;
    if (!out)
        return sc__error_null("sc_supervision_iter_new", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_supervision_iter_new", 0)) != SC_OK ||
        (rc = sc__session_load(db, session_id, &s)) != SC_OK ||
        (rc = sc__supervision_iter_make(out, db, SQL_SUPERVISION_ITER,
                                        SC__SIT_SUPERVISION)) != SC_OK)
        return rc;
    sqlite3_bind_int64((*out)->r.st, 1, session_id);
    return SC_OK;
}

int sc_supervision_iter_next(sc_supervision *out, sc_supervision_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_supervision_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_supervision", SC_SUPERVISION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__supervision_iter_step(it, SC__SIT_SUPERVISION, "sc_supervision_iter_next")) !=
        SC_OK)
        return rc;
    out->id = sqlite3_column_int64(it->r.st, 0);
    out->session_id = sqlite3_column_int64(it->r.st, 1);
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(it->r.st, 2));
    sc__copy_text(out->person_id, sizeof out->person_id, sc__col_text(it->r.st, 3));
    sc__copy_text(out->name, sizeof out->name, sc__col_text(it->r.st, 4));
    sc__copy_text(out->date, sizeof out->date, sc__col_text(it->r.st, 5));
    sc__copy_text(out->checked, sizeof out->checked, sc__col_text(it->r.st, 6));
    sc__copy_text(out->findings, sizeof out->findings, sc__col_text(it->r.st, 7));
    return SC_OK;
}

/* ---- inspections ---------------------------------------------------------------------------- */

#define INSPECTION_COLS                                                                      \
    "i.id, o.credit_code, i.kind, i.target, i.opened, i.opened_by, i.closed, i.conclusion, " \
    "i.note, i.scanned, (SELECT count(*) FROM finding f WHERE f.inspection_id = i.id), "     \
    "i.org_id "
static const char SQL_INSPECTION_GET[] =
    "SELECT " INSPECTION_COLS "FROM inspection i JOIN org o ON o.id = i.org_id WHERE i.id = ?1";
static const char SQL_INSPECTION_ITER[] =
    "SELECT " INSPECTION_COLS "FROM inspection i JOIN org o ON o.id = i.org_id "
    "WHERE ?1 IS NULL OR o.credit_code = ?1 ORDER BY i.id";
static const char SQL_INSPECTION_INS[] =
    "INSERT INTO inspection (org_id, kind, target, opened, opened_by, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_INSPECTION_CLOSE[] =
    "UPDATE inspection SET closed = ?2, closed_by = ?3, conclusion = ?4 WHERE id = ?1";
static const char SQL_VENUE_ORG[] = "SELECT org_id FROM venue WHERE id = ?1";
static const char SQL_SESSION_ORG[] = "SELECT org_id FROM session WHERE id = ?1";

static void inspection_fill(sc_inspection *out, sqlite3_stmt *st)
{
    SC__ZERO_KEEP_VERSION(out);
    out->id = sqlite3_column_int64(st, 0);
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 1));
    out->kind = sqlite3_column_int(st, 2);
    sc__copy_text(out->target, sizeof out->target, sc__col_text(st, 3));
    sc__copy_text(out->opened, sizeof out->opened, sc__col_text(st, 4));
    sc__copy_text(out->opened_by, sizeof out->opened_by, sc__col_text(st, 5));
    sc__copy_text(out->closed, sizeof out->closed, sc__col_text(st, 6));
    out->status = out->closed[0] ? SC_INSPECTION_CLOSED : SC_INSPECTION_OPEN;
    sc__copy_text(out->conclusion, sizeof out->conclusion, sc__col_text(st, 7));
    sc__copy_text(out->note, sizeof out->note, sc__col_text(st, 8));
    sc__copy_text(out->scanned, sizeof out->scanned, sc__col_text(st, 9));
    out->findings = sqlite3_column_int64(st, 10);
}

/* Load an inspection and its organization's row id. */
static int inspection_load(sc_db *db, int64_t id, sc_inspection *out, sqlite3_int64 *org_id)
{
    sqlite3_stmt *st;
    int rc;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, SQL_INSPECTION_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        inspection_fill(out, st);
        if (org_id)
            *org_id = sqlite3_column_int64(st, 11);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading an inspection");
    return not_found("inspection_id", "no inspection %lld", (long long)id);
}

int sc_inspection_get(sc_inspection *out, sc_db *db, int64_t inspection_id)
{
    int rc;
    if (!out)
        return sc__error_null("sc_inspection_get", "out");
    SC__VERSION_CHECK(out, "sc_inspection", SC_INSPECTION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_inspection_get", 0)) != SC_OK)
        return rc;
    return inspection_load(db, inspection_id, out, NULL);
}

/* "12" → 12; 0 when not a positive decimal. */
static sqlite3_int64 parse_id(const char *s)
{
    char *end;
    long long v;
    if (!s || !*s)
        return 0;
    v = strtoll(s, &end, 10);
    return *end || v <= 0 ? 0 : (sqlite3_int64)v;
}

/* Check a target against the kind; owned by org; normalise into norm. */
static int check_target(sc_db *db, int kind, const char *target, sqlite3_int64 org_id,
                        char *norm, size_t cap)
{
    norm[0] = '\0';
    if (target && !*target)
        target = NULL;
    switch (kind) {
    case SC_INSPECT_ORG:
        if (target)
            return bad("target", "an inspection of the organization has no target");
        return SC_OK;
    case SC_INSPECT_SESSION:
    case SC_INSPECT_VENUE: {
        sqlite3_int64 id = parse_id(target);
        sqlite3_stmt *st;
        sqlite3_int64 owner = 0;
        int rc;
        if (!id)
            return bad("target", "the %s to inspect must be named by its id",
                       sc_inspection_kind_name(kind));
        if ((rc = sc__db_stmt_get(db, kind == SC_INSPECT_SESSION ? SQL_SESSION_ORG
                                                                 : SQL_VENUE_ORG, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            owner = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            return not_found("target", "no %s %lld", sc_inspection_kind_name(kind),
                             (long long)id);
        if (rc != SQLITE_ROW)
            return sc__db_fail(db, rc, "reading an inspection target");
        if (owner != org_id)
            return constraint("target", "%s %lld belongs to another organization",
                              sc_inspection_kind_name(kind), (long long)id);
        snprintf(norm, cap, "%lld", (long long)id);
        return SC_OK;
    }
    case SC_INSPECT_CERTIFICATES:
        if (target) {
            char from[SC_DATE_SIZE], to[SC_DATE_SIZE];
            const char *slash = strchr(target, '/');
            if (!slash || slash - target != 10 || strlen(slash + 1) != 10)
                return bad("target", "a batch of certificates is \"FROM/TO\" (issue dates)");
            memcpy(from, target, 10);
            from[10] = '\0';
            memcpy(to, slash + 1, 10);
            to[10] = '\0';
            if (!sc__date_valid(from) || !sc__date_valid(to) || strcmp(from, to) > 0)
                return bad("target", "'%.40s' is not a period FROM/TO", target);
            snprintf(norm, cap, "%s/%s", from, to);
        }
        return SC_OK;
    default:
        return bad("kind", "unknown inspection kind %d", kind);
    }
}

int sc_inspection_open(int64_t *out, sc_db *db, const sc_actor *actor, const char *credit_code,
                       int kind, const char *target, const char *date_in, const char *note)
{
    char code[SC_CREDIT_CODE_SIZE], date[SC_DATE_SIZE], norm[SC_ORG_NAME_SIZE];
    char who[SC_ACTOR_TEXT_SIZE];
    sc__org_row org;
    sqlite3_stmt *st;
    int rc;

    if (!out)
        return sc__error_null("sc_inspection_open", "out");
    *out = 0;
    if ((rc = sc__db_check(db, "sc_inspection_open", 1)) != SC_OK ||
        (rc = sc__credit_code_norm(credit_code, code)) != SC_OK ||
        (rc = sc__check_text(target, "target", 64, 0)) != SC_OK ||
        (rc = sc__check_text(note, "note", SC_ORG_TEXT_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (kind < SC_INSPECT_ORG || kind > SC_INSPECT_CERTIFICATES)
        return bad("kind", "unknown inspection kind %d", kind);
    if ((rc = sc__authorize(db, actor, SC__ACT_INSPECTION_OPEN, code)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__org_find(db, code, &org)) != SC_OK ||
        (rc = check_target(db, kind, target, org.id, norm, sizeof norm)) != SC_OK)
        goto fail;
    sc__actor_text(actor, who);
    if ((rc = sc__db_stmt_get(db, SQL_INSPECTION_INS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, org.id);
    sqlite3_bind_int(st, 2, kind);
    sc__bind_text(st, 3, norm);
    sc__bind_text(st, 4, date);
    sc__bind_text(st, 5, who);
    sc__bind_text(st, 6, note ? note : "");
    if ((rc = sc__db_exec_stmt(db, st, "opening an inspection")) != SC_OK)
        goto fail;
    *out = sqlite3_last_insert_rowid(db->conn);
    if ((rc = sc__audit_append(db, actor, "inspection", code,
                               sc__action_name(SC__ACT_INSPECTION_OPEN),
                               "id=%lld kind=%s target=%s date=%s", (long long)*out,
                               sc_inspection_kind_name(kind), norm[0] ? norm : "-", date)) !=
        SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) != SC_OK)
        *out = 0;
    return rc;
fail:
    *out = 0;
    sc__db_rollback(db);
    return rc;
}

/* Load an inspection, check the actor on its organization, begin. */
static int inspection_begin(sc_db *db, const sc_actor *actor, int action, int64_t id,
                            const char *func, sc_inspection *in, sqlite3_int64 *org_id,
                            int need_open)
{
    int rc;
    if ((rc = sc__db_check(db, func, 1)) != SC_OK ||
        (rc = inspection_load(db, id, in, org_id)) != SC_OK)
        return rc;
    if ((rc = sc__authorize(db, actor, action, in->credit_code)) != SC_OK)
        return rc;
    if (need_open && in->status == SC_INSPECTION_CLOSED)
        return constraint("inspection_id", "inspection %lld was closed on %s", (long long)id,
                          in->closed);
    return sc__db_begin(db);
}

static const char SQL_FINDING_INS[] =
    "INSERT INTO finding (inspection_id, org_id, category, severity, evidence, date, "
    "recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_ENTITY_INS[] =
    "INSERT INTO finding_entity (finding_id, seq, ref) VALUES (?1, ?2, ?3)";
static const char SQL_CERT_ORG[] =
    "SELECT x.org_id FROM certificate c JOIN cert_context x ON x.id = c.context "
    "WHERE c.number = ?1";
static const char SQL_STAFF_ANY[] =
    "SELECT org_id FROM staff WHERE org_id = ?1 AND person_id = ?2 LIMIT 1";

/* Check one "KIND:ID" reference; normalised into out. */
static int check_entity(sc_db *db, const char *ref, sqlite3_int64 org_id, char *out)
{
    const char *colon;
    const char *id;
    sqlite3_stmt *st;
    sqlite3_int64 owner = 0;
    int rc, is_staff = 0;
    const char *sql = NULL;
    if (!ref || sc__check_text(ref, "entities", SC_ENTITY_REF_SIZE - 1, 1) != SC_OK)
        return bad("entities", "an entity reference is \"KIND:ID\" (at most %d bytes)",
                   SC_ENTITY_REF_SIZE - 1);
    colon = strchr(ref, ':');
    if (!colon || !colon[1])
        return bad("entities", "'%.60s' is not \"KIND:ID\"", ref);
    id = colon + 1;
    snprintf(out, SC_ENTITY_REF_SIZE, "%s", ref);
    if (!strncmp(ref, "org:", 4))
        return SC_OK; /* the organization itself, by credit code */
    if (!strncmp(ref, "certificate:", 12))
        sql = SQL_CERT_ORG;
    else if (!strncmp(ref, "session:", 8))
        sql = SQL_SESSION_ORG;
    else if (!strncmp(ref, "venue:", 6))
        sql = SQL_VENUE_ORG;
    else if (!strncmp(ref, "staff:", 6)) {
        sql = SQL_STAFF_ANY;
        is_staff = 1;
    } else
        return bad("entities", "'%.60s': KIND is certificate, session, venue, staff or org", ref);
    if ((rc = sc__db_stmt_get(db, sql, &st)) != SC_OK)
        return rc;
    if (is_staff) {
        sqlite3_bind_int64(st, 1, org_id);
        sc__bind_text(st, 2, id);
    } else if (sql == SQL_CERT_ORG) {
        sc__bind_text(st, 1, id);
    } else {
        sqlite3_int64 n = parse_id(id);
        if (!n) {
            sqlite3_reset(st);
            return bad("entities", "'%.60s': the id must be a number", ref);
        }
        sqlite3_bind_int64(st, 1, n);
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        owner = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return not_found("entities", "%.60s does not exist", ref);
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "checking an entity");
    if (owner != org_id)
        return constraint("entities", "%.60s belongs to another organization", ref);
    return SC_OK;
}

static int finding_apply(sc_db *db, sqlite3_int64 inspection_id, sqlite3_int64 org_id,
                         const char *category, int severity, const char *evidence,
                         const char *date, const char *who, sqlite3_int64 *id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_FINDING_INS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, inspection_id);
    sqlite3_bind_int64(st, 2, org_id);
    sc__bind_text(st, 3, category);
    sqlite3_bind_int(st, 4, severity);
    sc__bind_text(st, 5, evidence);
    sc__bind_text(st, 6, date);
    sc__bind_text(st, 7, who);
    if ((rc = sc__db_exec_stmt(db, st, "recording a finding")) != SC_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(db->conn);
    return SC_OK;
}

static int entity_apply(sc_db *db, sqlite3_int64 finding_id, long long seq, const char *ref)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_ENTITY_INS, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, finding_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)seq);
    sc__bind_text(st, 3, ref);
    return sc__db_exec_stmt(db, st, "recording a finding's entity");
}

/* Insert a finding with checked references (inside a transaction). */
static int finding_insert(sc_db *db, const sc_actor *actor, const sc_inspection *in,
                          sqlite3_int64 org_id, const char *category, int severity,
                          const char *evidence, const char *const *entities, size_t n,
                          const char *date, int64_t *id)
{
    char who[SC_ACTOR_TEXT_SIZE], ref[SC_ENTITY_REF_SIZE];
    size_t i;
    int rc, touched = 0;
    sqlite3_int64 fid = 0;
    sc__actor_text(actor, who);
    if ((rc = finding_apply(db, in->id, org_id, category, severity, evidence, date, who,
                            &fid)) != SC_OK)
        return rc;
    *id = fid;
    for (i = 0; i < n; i++) {
        if ((rc = check_entity(db, entities[i], org_id, ref)) != SC_OK ||
            (rc = entity_apply(db, fid, (long long)i, ref)) != SC_OK)
            return rc;
    }
    if ((rc = sc__credit_refresh(db, org_id, date, &touched)) != SC_OK)
        return rc;
    return sc__audit_append(db, actor, "finding", in->credit_code,
                            sc__action_name(SC__ACT_INSPECTION_FINDING),
                            "id=%lld inspection=%lld category=%s severity=%s date=%s entities=%zu "
                            "rescored=%d evidence=%s",
                            (long long)*id, (long long)in->id, category,
                            sc_finding_severity_name(severity), date, n, touched, evidence);
}

static int check_finding_args(const char *category, int severity, const char *evidence,
                              const char *const *entities, size_t n)
{
    int rc;
    if (!category)
        return sc__error_null("sc_inspection_add_finding", "category");
    if (!sc__finding_category_known(category))
        return bad("category", "'%.40s' is not a category of the published list", category);
    if (!sc_finding_severity_name(severity))
        return bad("severity", "unknown severity %d", severity);
    if ((rc = sc__check_text(evidence, "evidence", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK)
        return rc;
    if (n && !entities)
        return sc__error_null("sc_inspection_add_finding", "entities");
    return SC_OK;
}

/* Adding a finding, for sc_inspection_add_finding and an imported findings document:
 * the inspection open, the day not before it was opened. */
static int finding_check(const sc_inspection *in, const char *date)
{
    if (in->status == SC_INSPECTION_CLOSED)
        return constraint("inspection_id", "inspection %lld was closed on %s: no finding is "
                          "added to it", (long long)in->id, in->closed);
    if (strcmp(date, in->opened) < 0)
        return constraint("date", "inspection %lld was opened on %s; no finding on %s",
                          (long long)in->id, in->opened, date);
    return SC_OK;
}

int sc_inspection_add_finding(int64_t *out, sc_db *db, const sc_actor *actor,
                              int64_t inspection_id, const char *category, int severity,
                              const char *evidence, const char *const *entities, size_t n,
                              const char *date_in)
{
    char date[SC_DATE_SIZE];
    sc_inspection in = SC_INSPECTION_INIT;
    sqlite3_int64 org_id = 0;
    int rc;

    if (!out)
        return sc__error_null("sc_inspection_add_finding", "out");
    *out = 0;
    if ((rc = check_finding_args(category, severity, evidence, entities, n)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = inspection_begin(db, actor, SC__ACT_INSPECTION_FINDING, inspection_id,
                               "sc_inspection_add_finding", &in, &org_id, 0)) != SC_OK)
        return rc;
    if ((rc = finding_check(&in, date)) != SC_OK ||
        (rc = finding_insert(db, actor, &in, org_id, category, severity, evidence, entities, n,
                             date, out)) != SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) != SC_OK)
        *out = 0;
    return rc;
fail:
    *out = 0;
    sc__db_rollback(db);
    return rc;
}

/* ---- the certificate scan ------------------------------------------------------------------- */

static const char SQL_SCAN[] =
    "SELECT c.number, x.occupation, x.work_type, x.level, coalesce(c.issued, r.certified), "
    "coalesce(s.path, 0) FROM certificate c JOIN cert_context x ON x.id = c.context "
    "JOIN certificate_record r ON r.number = c.number LEFT JOIN session s ON s.id = r.session_id "
    "WHERE x.org_id = ?1 AND c.status <> ?4 AND (?2 IS NULL OR coalesce(c.issued, r.certified) >= ?2) "
    "AND (?3 IS NULL OR coalesce(c.issued, r.certified) <= ?3) ORDER BY c.number";
static const char SQL_SET_SCANNED[] = "UPDATE inspection SET scanned = ?2 WHERE id = ?1";

/* The category of a verdict's reason. */
static int scan_bucket(int reason)
{
    switch (reason) {
    case SC_REASON_ORG_UNKNOWN: case SC_REASON_ORG_NOT_FILED: case SC_REASON_ORG_NOT_COMMITTED:
    case SC_REASON_ORG_EXPIRED: case SC_REASON_ORG_EXITED: case SC_REASON_ORG_SUSPENDED:
        return 1; /* outside-validity */
    case SC_REASON_OUT_OF_REGION:
        return 2;
    case SC_REASON_SPECIAL_PATH_LEVEL: case SC_REASON_SPECIAL_PATH_NOT_CONFIRMED:
        return 3; /* other */
    default:
        return 0; /* out-of-scope: scope and catalog reasons */
    }
}

static const char *const bucket_category[] = { "out-of-scope", "outside-validity",
                                               "out-of-region", "other" };

typedef struct {
    char **refs;
    size_t n, cap;
    char first[SC_VERDICT_MESSAGE_SIZE];
} scan_bucket_t;

static int bucket_add(scan_bucket_t *b, const char *number, const char *message)
{
    char *ref;
    if (b->n == b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 16;
        char **p = sc__realloc(b->refs, ncap * sizeof(*p));
        if (!p)
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        b->refs = p;
        b->cap = ncap;
    }
    if (!(ref = sc__malloc(strlen(number) + 13)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    sprintf(ref, "certificate:%s", number);
    if (b->n == 0)
        snprintf(b->first, sizeof b->first, "%s", message);
    b->refs[b->n++] = ref;
    return SC_OK;
}

int sc_inspection_scan_certificates(size_t *findings, size_t *bad_out, sc_db *db,
                                    const sc_actor *actor, int64_t inspection_id,
                                    const char *date_in)
{
    scan_bucket_t buckets[4];
    char date[SC_DATE_SIZE], from[SC_DATE_SIZE], to[SC_DATE_SIZE];
    sc_inspection in = SC_INSPECTION_INIT;
    sqlite3_int64 org_id = 0;
    sqlite3_stmt *scan = NULL, *st;
    size_t nf = 0, nbad = 0, k, total = 0;
    int rc, step;

    memset(buckets, 0, sizeof buckets);
    if (findings)
        *findings = 0;
    if (bad_out)
        *bad_out = 0;
    if ((rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = inspection_begin(db, actor, SC__ACT_INSPECTION_SCAN, inspection_id,
                               "sc_inspection_scan_certificates", &in, &org_id, 1)) != SC_OK)
        return rc;
    if (in.kind != SC_INSPECT_ORG && in.kind != SC_INSPECT_CERTIFICATES) {
        rc = constraint("inspection_id", "inspection %lld is of a %s: only an organization or a "
                                         "batch of certificates is scanned",
                        (long long)inspection_id, sc_inspection_kind_name(in.kind));
        goto done;
    }
    if (strcmp(date, in.opened) < 0) {
        rc = constraint("date", "inspection %lld was opened on %s; no scan on %s",
                        (long long)inspection_id, in.opened, date);
        goto done;
    }
    from[0] = to[0] = '\0';
    if (in.target[0] && strlen(in.target) == 21) {
        memcpy(from, in.target, 10);
        from[10] = '\0';
        memcpy(to, in.target + 11, 10);
        to[10] = '\0';
    }
    if ((rc = sc__db_prepare(db, SQL_SCAN, &scan)) != SC_OK)
        goto done;
    sqlite3_bind_int64(scan, 1, org_id);
    sc__bind_text(scan, 2, from[0] ? from : NULL);
    sc__bind_text(scan, 3, to[0] ? to : NULL);
    sqlite3_bind_int(scan, 4, SC_CERT_REVOKED);
    while ((step = sqlite3_step(scan)) == SQLITE_ROW) {
        sc_verdict v = SC_VERDICT_INIT;
        char number[SC_CERT_NUMBER_SIZE], occ[SC_OCCUPATION_CODE_SIZE], wt[SC_WORK_TYPE_SIZE];
        char on[SC_DATE_SIZE];
        int level = sqlite3_column_int(scan, 3), path = sqlite3_column_int(scan, 5);
        sc__copy_text(number, sizeof number, sc__col_text(scan, 0));
        sc__copy_text(occ, sizeof occ, sc__col_text(scan, 1));
        sc__copy_text(wt, sizeof wt, sc__col_text(scan, 2));
        sc__copy_text(on, sizeof on, sc__col_text(scan, 4));
        total++;
        if ((rc = sc_org_may_certify(&v, db, in.credit_code, occ, wt[0] ? wt : NULL, level, on,
                                     NULL, path)) != SC_OK)
            goto done;
        if (v.ok)
            continue;
        nbad++;
        if ((rc = bucket_add(&buckets[scan_bucket(v.reason)], number, v.message)) != SC_OK)
            goto done;
    }
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "scanning certificates");
        goto done;
    }
    for (k = 0; k < 4; k++) {
        char evidence[SC_ORG_TEXT_SIZE];
        int64_t id = 0;
        if (!buckets[k].n)
            continue;
        snprintf(evidence, sizeof evidence,
                 "certificate scan: %zu of %zu certificates issued outside the organization's "
                 "filing (first: %s)",
                 buckets[k].n, total, buckets[k].first);
        if ((rc = finding_insert(db, actor, &in, org_id, bucket_category[k], SC_FINDING_SERIOUS,
                                 evidence, (const char *const *)buckets[k].refs, buckets[k].n,
                                 date, &id)) != SC_OK)
            goto done;
        nf++;
    }
    if ((rc = sc__db_stmt_get(db, SQL_SET_SCANNED, &st)) != SC_OK)
        goto done;
    sqlite3_bind_int64(st, 1, inspection_id);
    sc__bind_text(st, 2, date);
    if ((rc = sc__db_exec_stmt(db, st, "recording the scan")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "inspection", in.credit_code,
                               sc__action_name(SC__ACT_INSPECTION_SCAN),
                               "id=%lld date=%s scanned=%zu bad=%zu findings=%zu",
                               (long long)inspection_id, date, total, nbad, nf)) != SC_OK)
        goto done;
    rc = SC_OK;
done:
    sqlite3_finalize(scan);
    for (k = 0; k < 4; k++) {
        size_t i;
        for (i = 0; i < buckets[k].n; i++)
            free(buckets[k].refs[i]);
        free(buckets[k].refs);
    }
    if (rc != SC_OK) {
        sc__db_rollback(db);
        return rc;
    }
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    if (findings)
        *findings = nf;
    if (bad_out)
        *bad_out = nbad;
    return SC_OK;
}

/* Closing an inspection, for sc_inspection_close and an imported findings document: open
 * still, the day not before it was opened. */
static int close_check(const sc_inspection *in, const char *date)
{
    if (in->status == SC_INSPECTION_CLOSED)
        return constraint("inspection_id", "inspection %lld was closed on %s",
                          (long long)in->id, in->closed);
    if (strcmp(date, in->opened) < 0)
        return constraint("date", "inspection %lld was opened on %s; it cannot close on %s",
                          (long long)in->id, in->opened, date);
    return SC_OK;
}

static int close_apply(sc_db *db, sqlite3_int64 id, const char *date, const char *who,
                       const char *conclusion)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_INSPECTION_CLOSE, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, date);
    sc__bind_text(st, 3, who);
    sc__bind_text(st, 4, conclusion);
    return sc__db_exec_stmt(db, st, "closing an inspection");
}

int sc_inspection_close(sc_db *db, const sc_actor *actor, int64_t inspection_id,
                        const char *conclusion, const char *date_in)
{
    char date[SC_DATE_SIZE], who[SC_ACTOR_TEXT_SIZE];
    sc_inspection in = SC_INSPECTION_INIT;
    int rc;

    if ((rc = sc__check_text(conclusion, "conclusion", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = inspection_begin(db, actor, SC__ACT_INSPECTION_CLOSE, inspection_id,
                               "sc_inspection_close", &in, NULL, 0)) != SC_OK)
        return rc;
    sc__actor_text(actor, who);
    if ((rc = close_check(&in, date)) != SC_OK ||
        (rc = close_apply(db, inspection_id, date, who, conclusion)) != SC_OK ||
        (rc = sc__audit_append(db, actor, "inspection", in.credit_code,
                               sc__action_name(SC__ACT_INSPECTION_CLOSE),
                               "id=%lld date=%s findings=%lld conclusion=%s",
                               (long long)inspection_id, date, (long long)in.findings,
                               conclusion)) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

int sc_inspection_iter_new(sc_inspection_iter **out, sc_db *db, const sc_inspection_query *q)
{
    sc_supervision_iter *rows = NULL;
    char code[SC_CREDIT_CODE_SIZE];
    const char *credit_code;
    int rc;
    if (!out)
        return sc__error_null("sc_inspection_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_INSPECTION_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_inspection_query version %u is not known to this library",
                              q->version);
    credit_code = q ? q->credit_code : NULL;
    if ((rc = sc__db_check(db, "sc_inspection_iter_new", 0)) != SC_OK ||
        (credit_code && (rc = sc__credit_code_norm(credit_code, code)) != SC_OK) ||
        (rc = sc__supervision_iter_make(&rows, db, SQL_INSPECTION_ITER,
                                        SC__SIT_INSPECTION)) != SC_OK)
        return rc;
    sc__bind_text(rows->r.st, 1, credit_code ? code : NULL);
    *out = (sc_inspection_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_inspection_iter_next(sc_inspection *out, sc_inspection_iter *wrapped)
{
    sc_supervision_iter *it = wrapped ? &wrapped->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_inspection_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_inspection", SC_INSPECTION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__supervision_iter_step(it, SC__SIT_INSPECTION, "sc_inspection_iter_next")) !=
        SC_OK)
        return rc;
    inspection_fill(out, it->r.st);
    return SC_OK;
}

void sc_inspection_iter_free(sc_inspection_iter *it)
{
    sc_supervision_iter_free(it ? &it->rows : NULL);
}

/* ---- findings ---------------------------------------------------------------------------------- */

#define FINDING_COLS                                                                          \
    "f.id, f.inspection_id, o.credit_code, f.category, f.severity, f.evidence, f.date, "     \
    "f.recorded_by, f.withdrawn, (SELECT count(*) FROM finding_entity e WHERE "              \
    "e.finding_id = f.id), f.org_id "
static const char SQL_FINDING_GET[] =
    "SELECT " FINDING_COLS "FROM finding f JOIN org o ON o.id = f.org_id WHERE f.id = ?1";
static const char SQL_FINDING_ITER[] =
    "SELECT " FINDING_COLS "FROM finding f JOIN org o ON o.id = f.org_id "
    "WHERE (?1 IS NULL OR o.credit_code = ?1) AND (?2 = 0 OR f.inspection_id = ?2) ORDER BY f.id";
static const char SQL_ENTITY_GET[] =
    "SELECT ref FROM finding_entity WHERE finding_id = ?1 ORDER BY seq LIMIT 1 OFFSET ?2";
static const char SQL_ENTITY_LIST[] =
    "SELECT ref FROM finding_entity WHERE finding_id = ?1 ORDER BY seq";
static const char SQL_FINDING_WITHDRAW[] =
    "UPDATE finding SET withdrawn = ?2, withdraw_reason = ?3 WHERE id = ?1";

static void finding_fill(sc_finding *out, sqlite3_stmt *st)
{
    SC__ZERO_KEEP_VERSION(out);
    out->id = sqlite3_column_int64(st, 0);
    out->inspection_id = sqlite3_column_int64(st, 1);
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 2));
    sc__copy_text(out->category, sizeof out->category, sc__col_text(st, 3));
    out->severity = sqlite3_column_int(st, 4);
    sc__copy_text(out->evidence, sizeof out->evidence, sc__col_text(st, 5));
    sc__copy_text(out->date, sizeof out->date, sc__col_text(st, 6));
    sc__copy_text(out->recorded_by, sizeof out->recorded_by, sc__col_text(st, 7));
    sc__copy_text(out->withdrawn, sizeof out->withdrawn, sc__col_text(st, 8));
    out->entities = (size_t)sqlite3_column_int64(st, 9);
}

static int finding_load(sc_db *db, int64_t id, sc_finding *out, sqlite3_int64 *org_id)
{
    sqlite3_stmt *st;
    int rc;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, SQL_FINDING_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        finding_fill(out, st);
        if (org_id)
            *org_id = sqlite3_column_int64(st, 10);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a finding");
    return not_found("finding_id", "no finding %lld", (long long)id);
}

int sc_finding_get(sc_finding *out, sc_db *db, int64_t finding_id)
{
    int rc;
    if (!out)
        return sc__error_null("sc_finding_get", "out");
    SC__VERSION_CHECK(out, "sc_finding", SC_FINDING_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_finding_get", 0)) != SC_OK)
        return rc;
    return finding_load(db, finding_id, out, NULL);
}

int sc_finding_entity_get(char *out, sc_db *db, int64_t finding_id, size_t i)
{
    sc_finding f = SC_FINDING_INIT;
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_finding_entity_get", "out");
    out[0] = '\0';
    if ((rc = sc__db_check(db, "sc_finding_entity_get", 0)) != SC_OK ||
        (rc = finding_load(db, finding_id, &f, NULL)) != SC_OK)
        return rc;
    if (i >= f.entities)
        return not_found("i", "finding %lld names %zu entities", (long long)finding_id,
                         f.entities);
    if ((rc = sc__db_stmt_get(db, SQL_ENTITY_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, finding_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        sc__copy_text(out, SC_ENTITY_REF_SIZE, sc__col_text(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "reading a finding's entity");
    return SC_OK;
}

int sc_finding_iter_new(sc_finding_iter **out, sc_db *db, const sc_finding_query *q)
{
    sc_supervision_iter *rows = NULL;
    char code[SC_CREDIT_CODE_SIZE];
    const char *credit_code;
    int64_t inspection_id;
    int rc;
    if (!out)
        return sc__error_null("sc_finding_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_FINDING_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_finding_query version %u is not known to this library",
                              q->version);
    credit_code = q ? q->credit_code : NULL;
    inspection_id = q ? q->inspection_id : 0;
    if ((rc = sc__db_check(db, "sc_finding_iter_new", 0)) != SC_OK ||
        (credit_code && (rc = sc__credit_code_norm(credit_code, code)) != SC_OK) ||
        (rc = sc__supervision_iter_make(&rows, db, SQL_FINDING_ITER,
                                        SC__SIT_FINDING)) != SC_OK)
        return rc;
    sc__bind_text(rows->r.st, 1, credit_code ? code : NULL);
    sqlite3_bind_int64(rows->r.st, 2, inspection_id);
    *out = (sc_finding_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_finding_iter_next(sc_finding *out, sc_finding_iter *wrapped)
{
    sc_supervision_iter *it = wrapped ? &wrapped->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_finding_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_finding", SC_FINDING_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__supervision_iter_step(it, SC__SIT_FINDING, "sc_finding_iter_next")) != SC_OK)
        return rc;
    finding_fill(out, it->r.st);
    return SC_OK;
}

void sc_finding_iter_free(sc_finding_iter *it)
{
    sc_supervision_iter_free(it ? &it->rows : NULL);
}

/* Load a finding, check the actor on its organization, begin. */
static int finding_begin(sc_db *db, const sc_actor *actor, int action, int64_t id,
                         const char *func, sc_finding *f, sqlite3_int64 *org_id)
{
    int rc;
    if ((rc = sc__db_check(db, func, 1)) != SC_OK || (rc = finding_load(db, id, f, org_id)) != SC_OK)
        return rc;
    if ((rc = sc__authorize(db, actor, action, f->credit_code)) != SC_OK)
        return rc;
    return sc__db_begin(db);
}

/* Withdrawing a finding, for sc_finding_withdraw and an imported findings document: not
 * withdrawn yet, the day not before the finding. */
static int withdraw_check(const sc_finding *f, const char *date)
{
    if (f->withdrawn[0])
        return constraint("finding_id", "finding %lld was withdrawn on %s", (long long)f->id,
                          f->withdrawn);
    if (strcmp(date, f->date) < 0)
        return constraint("date", "finding %lld is of %s; it cannot be withdrawn on %s",
                          (long long)f->id, f->date, date);
    return SC_OK;
}

static int withdraw_apply(sc_db *db, sqlite3_int64 id, const char *date, const char *reason)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_FINDING_WITHDRAW, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, date);
    sc__bind_text(st, 3, reason);
    return sc__db_exec_stmt(db, st, "withdrawing a finding");
}

int sc_finding_withdraw(sc_db *db, const sc_actor *actor, int64_t finding_id, const char *reason,
                        const char *date_in)
{
    char date[SC_DATE_SIZE];
    sc_finding f = SC_FINDING_INIT;
    sqlite3_int64 org_id = 0;
    int rc, touched = 0;

    if ((rc = sc__check_text(reason, "reason", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = finding_begin(db, actor, SC__ACT_FINDING_WITHDRAW, finding_id, "sc_finding_withdraw",
                            &f, &org_id)) != SC_OK)
        return rc;
    if ((rc = withdraw_check(&f, date)) != SC_OK ||
        (rc = withdraw_apply(db, finding_id, date, reason)) != SC_OK ||
        (rc = sc__credit_refresh(db, org_id, date, &touched)) != SC_OK ||
        (rc = sc__audit_append(db, actor, "finding", f.credit_code,
                               sc__action_name(SC__ACT_FINDING_WITHDRAW),
                               "id=%lld withdrawn=%s rescored=%d reason=%s",
                               (long long)finding_id, date, touched, reason)) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

int sc_finding_revoke_certificates(size_t *revoked, sc_db *db, const sc_actor *actor,
                                   int64_t finding_id, const char *date_in)
{
    char date[SC_DATE_SIZE], reason[SC_ORG_TEXT_SIZE];
    char **numbers = NULL;
    size_t n = 0, cap = 0, i, done_n = 0;
    sc_finding f = SC_FINDING_INIT;
    sqlite3_stmt *st;
    int rc, step;

    if (revoked)
        *revoked = 0;
    if ((rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if ((rc = finding_begin(db, actor, SC__ACT_FINDING_REVOKE, finding_id,
                            "sc_finding_revoke_certificates", &f, NULL)) != SC_OK)
        return rc;
    if (f.withdrawn[0]) {
        rc = constraint("finding_id", "finding %lld was withdrawn on %s", (long long)finding_id,
                        f.withdrawn);
        goto done;
    }
    if ((rc = sc__db_stmt_get(db, SQL_ENTITY_LIST, &st)) != SC_OK)
        goto done;
    sqlite3_bind_int64(st, 1, finding_id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *ref = sc__col_text(st, 0);
        if (!ref || strncmp(ref, "certificate:", 12))
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **p = sc__realloc(numbers, ncap * sizeof(*p));
            if (!p) {
                sqlite3_reset(st);
                rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
                goto done;
            }
            numbers = p;
            cap = ncap;
        }
        if (!(numbers[n] = sc__strdup(ref + 12))) {
            sqlite3_reset(st);
            rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
            goto done;
        }
        n++;
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        rc = sc__db_fail(db, step, "reading a finding's entities");
        goto done;
    }
    {
        char full[SC_ORG_TEXT_SIZE + 96];
        snprintf(full, sizeof full, "finding %lld (%s): %s", (long long)finding_id, f.category,
                 f.evidence);
        sc__copy_text(reason, sizeof reason, full);
    }
    for (i = 0; i < n; i++) {
        /* The certificate table is certificate.c's: revoke through its operation. */
        sc_certificate c = SC_CERTIFICATE_INIT;
        rc = sc_certificate_get(&c, db, numbers[i]);
        if (rc == SC_ENOTFOUND) {
            sc_error_clear();
            continue;
        }
        if (rc != SC_OK)
            goto done;
        if (c.status == SC_CERT_REVOKED)
            continue;
        if ((rc = sc__certificate_set_revoked(db, numbers[i], reason, date)) != SC_OK ||
            (rc = sc__audit_append(db, actor, "certificate", numbers[i],
                                   sc__action_name(SC__ACT_FINDING_REVOKE),
                                   "revoked=%s finding=%lld reason=%s", date,
                                   (long long)finding_id, reason)) != SC_OK)
            goto done;
        done_n++;
    }
    rc = SC_OK;
done:
    for (i = 0; i < n; i++)
        free(numbers[i]);
    free(numbers);
    if (rc != SC_OK) {
        sc__db_rollback(db);
        return rc;
    }
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    if (revoked)
        *revoked = done_n;
    return SC_OK;
}

/* ---- sanctions ----------------------------------------------------------------------------------- */

#define SANCTION_COLS                                                                         \
    "s.id, o.credit_code, s.finding_id, s.kind, s.date, s.until, s.lifted, s.reason, "       \
    "s.decided_by "
static const char SQL_SANCTION_GET[] =
    "SELECT " SANCTION_COLS "FROM sanction s JOIN org o ON o.id = s.org_id WHERE s.id = ?1";
static const char SQL_SANCTION_ITER[] =
    "SELECT " SANCTION_COLS "FROM sanction s JOIN org o ON o.id = s.org_id "
    "WHERE ?1 IS NULL OR o.credit_code = ?1 ORDER BY s.id";
static const char SQL_SANCTION_INS[] =
    "INSERT INTO sanction (org_id, finding_id, kind, date, until, reason, decided_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_SANCTION_LIFT[] = "UPDATE sanction SET lifted = ?2, note = ?3 WHERE id = ?1";

static void sanction_fill(sc_sanction *out, sqlite3_stmt *st)
{
    SC__ZERO_KEEP_VERSION(out);
    out->id = sqlite3_column_int64(st, 0);
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 1));
    out->finding_id = sqlite3_column_int64(st, 2);
    out->kind = sqlite3_column_int(st, 3);
    sc__copy_text(out->date, sizeof out->date, sc__col_text(st, 4));
    sc__copy_text(out->until, sizeof out->until, sc__col_text(st, 5));
    sc__copy_text(out->lifted, sizeof out->lifted, sc__col_text(st, 6));
    sc__copy_text(out->reason, sizeof out->reason, sc__col_text(st, 7));
    sc__copy_text(out->decided_by, sizeof out->decided_by, sc__col_text(st, 8));
}

static int sanction_load(sc_db *db, int64_t id, sc_sanction *out)
{
    sqlite3_stmt *st;
    int rc;
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_stmt_get(db, SQL_SANCTION_GET, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        sanction_fill(out, st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a sanction");
    return not_found("sanction_id", "no sanction %lld", (long long)id);
}

static const int sanction_action[] = { 0, SC__ACT_SANCTION_WARN, SC__ACT_SANCTION_RECTIFY,
                                       SC__ACT_SANCTION_SUSPEND, SC__ACT_SANCTION_EXIT };

int sc_sanction_impose(int64_t *out, sc_db *db, const sc_actor *actor, int64_t finding_id,
                       int kind, const char *until, const char *reason, const char *date_in)
{
    char date[SC_DATE_SIZE], who[SC_ACTOR_TEXT_SIZE];
    sc_finding f = SC_FINDING_INIT;
    sqlite3_int64 org_id = 0;
    sqlite3_stmt *st;
    int rc;

    if (!out)
        return sc__error_null("sc_sanction_impose", "out");
    *out = 0;
    if (kind < SC_SANCTION_WARNING || kind > SC_SANCTION_EXIT)
        return bad("kind", "unknown sanction kind %d", kind);
    if (until && !*until)
        until = NULL;
    if ((rc = sc__check_text(reason, "reason", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (until && (rc = sc__check_date(until, "until")) != SC_OK))
        return rc;
    if (kind == SC_SANCTION_RECTIFICATION && !until)
        return bad("until", "a rectification needs a deadline");
    if ((kind == SC_SANCTION_WARNING || kind == SC_SANCTION_EXIT) && until)
        return bad("until", "%s %s has no end date", sc__article(sc_sanction_kind_name(kind)),
                   sc_sanction_kind_name(kind));
    if (until && strcmp(until, date) < 0)
        return bad("until", "%s is before the sanction's date %s", until, date);
    if ((rc = finding_begin(db, actor, sanction_action[kind], finding_id, "sc_sanction_impose", &f,
                            &org_id)) != SC_OK)
        return rc;
    if (f.withdrawn[0]) {
        rc = constraint("finding_id", "finding %lld was withdrawn on %s", (long long)finding_id,
                        f.withdrawn);
        goto fail;
    }
    if (strcmp(date, f.date) < 0) {
        rc = constraint("date", "finding %lld is of %s; no sanction can rest on it on %s",
                        (long long)finding_id, f.date, date);
        goto fail;
    }
    sc__actor_text(actor, who);
    if ((rc = sc__db_stmt_get(db, SQL_SANCTION_INS, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int64(st, 2, finding_id);
    sqlite3_bind_int(st, 3, kind);
    sc__bind_text(st, 4, date);
    sc__bind_text(st, 5, until);
    sc__bind_text(st, 6, reason);
    sc__bind_text(st, 7, who);
    if ((rc = sc__db_exec_stmt(db, st, "recording a sanction")) != SC_OK)
        goto fail;
    *out = sqlite3_last_insert_rowid(db->conn);
    if (kind == SC_SANCTION_SUSPENSION &&
        (rc = sc__org_suspend(db, org_id, *out, date, until)) != SC_OK)
        goto fail;
    if ((rc = sc__audit_append(db, actor, "sanction", f.credit_code,
                               sc__action_name(sanction_action[kind]),
                               "id=%lld kind=%s finding=%lld date=%s until=%s reason=%s",
                               (long long)*out, sc_sanction_kind_name(kind),
                               (long long)finding_id, date, until ? until : "-", reason)) != SC_OK)
        goto fail;
    if (kind == SC_SANCTION_EXIT) {
        char full[SC_ORG_TEXT_SIZE + 64], why[SC_ORG_TEXT_SIZE];
        snprintf(full, sizeof full, "sanction %lld on finding %lld: %s", (long long)*out,
                 (long long)finding_id, reason);
        sc__copy_text(why, sizeof why, full);
        if ((rc = sc_org_exit(db, actor, f.credit_code, why, date)) != SC_OK)
            goto fail;
    }
    if ((rc = sc__db_commit(db)) != SC_OK)
        *out = 0;
    return rc;
fail:
    *out = 0;
    sc__db_rollback(db);
    return rc;
}

int sc_sanction_lift(sc_db *db, const sc_actor *actor, int64_t sanction_id, const char *note,
                     const char *date_in)
{
    char date[SC_DATE_SIZE];
    sc_sanction s = SC_SANCTION_INIT;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__db_check(db, "sc_sanction_lift", 1)) != SC_OK ||
        (rc = sc__check_text(note, "note", SC_ORG_TEXT_SIZE - 1, 0)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK ||
        (rc = sanction_load(db, sanction_id, &s)) != SC_OK)
        return rc;
    if ((rc = sc__authorize(db, actor, SC__ACT_SANCTION_LIFT, s.credit_code)) != SC_OK)
        return rc;
    if (s.kind == SC_SANCTION_EXIT)
        return constraint("sanction_id", "an exit from the directory is not lifted: the "
                                         "organization applies for a new filing");
    if (s.lifted[0])
        return constraint("sanction_id", "sanction %lld was lifted on %s", (long long)sanction_id,
                          s.lifted);
    if (strcmp(date, s.date) < 0)
        return constraint("date", "sanction %lld took effect on %s; it cannot be lifted on %s",
                          (long long)sanction_id, s.date, date);
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_SANCTION_LIFT, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, sanction_id);
    sc__bind_text(st, 2, date);
    sc__bind_text(st, 3, note);
    if ((rc = sc__db_exec_stmt(db, st, "lifting a sanction")) != SC_OK ||
        (s.kind == SC_SANCTION_SUSPENSION &&
         (rc = sc__org_suspension_lift(db, sanction_id, date)) != SC_OK) ||
        (rc = sc__audit_append(db, actor, "sanction", s.credit_code,
                               sc__action_name(SC__ACT_SANCTION_LIFT), "id=%lld kind=%s lifted=%s",
                               (long long)sanction_id, sc_sanction_kind_name(s.kind), date)) !=
            SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

int sc_sanction_get(sc_sanction *out, sc_db *db, int64_t sanction_id)
{
    int rc;
    if (!out)
        return sc__error_null("sc_sanction_get", "out");
    SC__VERSION_CHECK(out, "sc_sanction", SC_SANCTION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_sanction_get", 0)) != SC_OK)
        return rc;
    return sanction_load(db, sanction_id, out);
}

int sc_sanction_iter_new(sc_sanction_iter **out, sc_db *db, const sc_sanction_query *q)
{
    sc_supervision_iter *rows = NULL;
    char code[SC_CREDIT_CODE_SIZE];
    const char *credit_code;
    int rc;
    if (!out)
        return sc__error_null("sc_sanction_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_SANCTION_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_sanction_query version %u is not known to this library",
                              q->version);
    credit_code = q ? q->credit_code : NULL;
    if ((rc = sc__db_check(db, "sc_sanction_iter_new", 0)) != SC_OK ||
        (credit_code && (rc = sc__credit_code_norm(credit_code, code)) != SC_OK) ||
        (rc = sc__supervision_iter_make(&rows, db, SQL_SANCTION_ITER,
                                        SC__SIT_SANCTION)) != SC_OK)
        return rc;
    sc__bind_text(rows->r.st, 1, credit_code ? code : NULL);
    *out = (sc_sanction_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_sanction_iter_next(sc_sanction *out, sc_sanction_iter *wrapped)
{
    sc_supervision_iter *it = wrapped ? &wrapped->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_sanction_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_sanction", SC_SANCTION_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__supervision_iter_step(it, SC__SIT_SANCTION, "sc_sanction_iter_next")) != SC_OK)
        return rc;
    sanction_fill(out, it->r.st);
    return SC_OK;
}

void sc_sanction_iter_free(sc_sanction_iter *it)
{
    sc_supervision_iter_free(it ? &it->rows : NULL);
}

/* ---- the bulk path of a supervision-findings document (xml_report.c) ------------------- */

static const char SQL_INSP_RECEIVE[] =
    "INSERT INTO inspection(org_id, kind, target, opened, opened_by, note, scanned) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_INSP_RECEIVE_SCAN[] =
    "UPDATE inspection SET scanned = ?2 WHERE id = ?1 AND (scanned IS NULL OR scanned < ?2)";

int sc__inspection_receive(sc_db *db, sqlite3_int64 org_id, int kind, const char *target,
                           const char *opened, const char *opened_by, const char *note,
                           const char *scanned, sqlite3_int64 *id)
{
    char norm[SC_ORG_NAME_SIZE];
    sqlite3_stmt *st;
    int rc;
    /* sc_inspection_open's target checks; a session or venue is named by the inspecting
     * registry's id, which this registry cannot check. */
    if (kind == SC_INSPECT_SESSION || kind == SC_INSPECT_VENUE) {
        if (!target || !*target)
            return bad("target", "the %s to inspect must be named by its id",
                       sc_inspection_kind_name(kind));
    } else if ((rc = check_target(db, kind, target, org_id, norm, sizeof norm)) != SC_OK) {
        return rc;
    }
    if ((rc = sc__db_stmt_get(db, SQL_INSP_RECEIVE, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int(st, 2, kind);
    sc__bind_text(st, 3, target);
    sc__bind_text(st, 4, opened);
    sc__bind_text(st, 5, opened_by);
    sc__bind_text(st, 6, note ? note : "");
    sc__bind_text(st, 7, scanned);
    if ((rc = sc__db_exec_stmt(db, st, "recording an inspection")) != SC_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(db->conn);
    return SC_OK;
}

int sc__inspection_receive_scan(sc_db *db, sqlite3_int64 id, const char *scanned)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_INSP_RECEIVE_SCAN, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, scanned);
    return sc__db_exec_stmt(db, st, "recording a certificate scan");
}

int sc__inspection_receive_close(sc_db *db, sqlite3_int64 id, const char *closed,
                                 const char *closed_by, const char *conclusion)
{
    sc_inspection in = SC_INSPECTION_INIT;
    int rc;
    if ((rc = inspection_load(db, id, &in, NULL)) != SC_OK || (rc = close_check(&in, closed)) != SC_OK)
        return rc;
    return close_apply(db, id, closed, closed_by, conclusion);
}

int sc__finding_receive(sc_db *db, sqlite3_int64 inspection_id, sqlite3_int64 org_id,
                        const char *category, int severity, const char *evidence,
                        const char *date, const char *recorded_by, sqlite3_int64 *id)
{
    sc_inspection in = SC_INSPECTION_INIT;
    int rc;
    if ((rc = check_finding_args(category, severity, evidence, NULL, 0)) != SC_OK ||
        (rc = inspection_load(db, inspection_id, &in, NULL)) != SC_OK ||
        (rc = finding_check(&in, date)) != SC_OK)
        return rc;
    return finding_apply(db, inspection_id, org_id, category, severity, evidence, date,
                         recorded_by, id);
}

int sc__finding_receive_withdrawal(sc_db *db, sqlite3_int64 id, const char *date,
                                   const char *reason)
{
    sc_finding f = SC_FINDING_INIT;
    int rc;
    if ((rc = finding_load(db, id, &f, NULL)) != SC_OK || (rc = withdraw_check(&f, date)) != SC_OK)
        return rc;
    return withdraw_apply(db, id, date, reason);
}

int sc__finding_entity_receive(sc_db *db, sqlite3_int64 finding_id, long long seq,
                               const char *ref)
{
    return entity_apply(db, finding_id, seq, ref);
}
