/*
 * Reports to the city centre (issues #6 and #7):
 *
 *   results report (urn:skillcert:results-report:1, schemas/results-report.xsd)
 *     <results-report batch= credit-code= reported=>
 *       <session occupation= [work-type=] level= path= date= components= [online=]
 *                venue= venue-address= district= venue-rooms= rooms=>
 *         <staff component= person-id= role=/>+
 *       </session>
 *       <candidate id-number= name= attempt= passed= recorded=>
 *         <score component= [value=] [carried=]/>+
 *       </candidate>*
 *     exported by the organization for one confirmed session (报备); imported by the city
 *     centre, which then holds the venue, the session, the enrolments and the results;
 *
 *   supervision findings (urn:skillcert:supervision-findings:1)
 *     <supervision-findings batch= credit-code= issued= from= [district=]>
 *       <inspection kind= [target=] opened= opened-by= [note=] [closed= closed-by=
 *                   conclusion=] [scanned=]>
 *         <finding category= severity= evidence= date= recorded-by= [withdrawn=
 *                  withdraw-reason=]> <entity ref=/>* </finding>*
 *       </inspection>
 *     exported by a district bureau or the city centre for one inspection; imported by the
 *     city centre, whose credit evaluation then counts the findings.
 *
 * Neither carries a registry id of its own: a session is known across registries by its
 * organization, offering, path, day and venue (by name); an inspection by its
 * organization, kind, target, day opened and who opened it; its findings by their order.
 * Importing into a registry that holds them already (the same registry, or a second
 * report) checks that the document says the same and adds only what is new. The tables
 * are their owners' (issue 11): what is new is replayed through assessment.c
 * (sc__venue/session/session_staff/enrolment/result_receive and, at the report's end,
 * sc__session_confirm_receive, which make the direct calls' checks: district, venue,
 * standing on the session's day and on each recording day, each staff assignment, the
 * confirmation's venue inspection and staff numbers, session confirmed) and supervision.c (sc__inspection_receive..., sc__finding_receive...);
 * this file writes no table and restates no rule of theirs.
 *
 * Also here: the candidate batch and confirmation (xml_application.c) through the generic
 * sc_xml_exchange_export_memory() with the announcement as the options' id.
 */
#include "xml_int.h"
#include "assessment_int.h"
#include "supervision_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESULTS_NS "urn:skillcert:results-report:1"
#define FINDINGS_NS "urn:skillcert:supervision-findings:1"

extern const char sc__schema_results_report[]; /* resources.c */
extern const size_t sc__schema_results_report_len;
extern const char sc__schema_findings[];
extern const size_t sc__schema_findings_len;

/* ---- shared ------------------------------------------------------------------------ */

/* Handlers see an element before the schema validator does: every attribute may be
 * missing or malformed here, and is checked as it is used. */
static int req_attr(sc__xml_ctx *ctx, const char *name, const char **out)
{
    *out = sc__xml_attr(ctx, name);
    if (!*out || !**out)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "attribute '%s' is required", name);
    return SC_OK;
}

/* A "YYYY-MM-DD" attribute; required when `required` (else *out may be NULL). */
static int day_attr(sc__xml_ctx *ctx, const char *name, int required, const char **out)
{
    const char *v = sc__xml_attr(ctx, name);
    *out = v;
    if (!v && !required)
        return SC_OK;
    if (!v)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "attribute '%s' is required", name);
    if (!sc__date_valid(v))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name,
                            "'%.40s' is not a day in the form YYYY-MM-DD", v);
    return SC_OK;
}

/* A text attribute of 1 to max bytes; required when `required`. */
static int text_attr(sc__xml_ctx *ctx, const char *name, size_t max, int required,
                     const char **out)
{
    const char *v = sc__xml_attr(ctx, name);
    *out = v;
    if (!v && required)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "attribute '%s' is required", name);
    if (v && (!*v || strlen(v) > max))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "%s is 1-%zu bytes", name, max);
    return SC_OK;
}

/* An integer attribute lo..hi. */
static int int_attr(sc__xml_ctx *ctx, const char *name, int lo, int hi, int *out)
{
    const char *v = sc__xml_attr(ctx, name);
    char *end;
    long n = v ? strtol(v, &end, 10) : 0;
    if (!v || !*v || *end || n < lo || n > hi)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "%s is a number %d-%d, not '%.20s'",
                            name, lo, hi, v ? v : "");
    *out = (int)n;
    return SC_OK;
}

/* An xs:boolean attribute (absent: dflt). */
static int bool_attr(sc__xml_ctx *ctx, const char *name, int dflt, int *out)
{
    const char *v = sc__xml_attr(ctx, name);
    if (!v)
        *out = dflt;
    else if (!strcmp(v, "true") || !strcmp(v, "1"))
        *out = 1;
    else if (!strcmp(v, "false") || !strcmp(v, "0"))
        *out = 0;
    else
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "%s is true or false, not '%.20s'", name,
                            v);
    return SC_OK;
}

/* The owner's refusal of a replayed act, at the attribute of the element that its field
 * names ("venue_id" -> "venue"), else at `dflt`. */
static int owner_fail(sc__xml_ctx *ctx, const char *dflt)
{
    const char *f = sc_error_last()->field;
    char attr[64];
    size_t i;
    if (f && *f) {
        snprintf(attr, sizeof attr, "%s", f);
        for (i = 0; attr[i]; i++)
            if (attr[i] == '_')
                attr[i] = '-';
        if (!strcmp(attr, "venue-id"))
            attr[5] = '\0';
        if (sc__xml_attr(ctx, attr))
            return sc__xml_fail_last(ctx, attr);
    }
    return sc__xml_fail_last(ctx, dflt);
}

/* The root's organization, the actor allowed for it (before "already imported"). */
static int root_org(sc__xml_ctx *ctx, int action, sc__org_row *org)
{
    char code[SC_CREDIT_CODE_SIZE];
    int rc;
    if (sc__credit_code_norm(sc__xml_attr(ctx, "credit-code"), code) != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    if ((rc = sc__xml_receive(ctx, action, code, "credit-code")) != SC_OK)
        return rc;
    /* The issuer's act: reporting results (the organization, 报备), recording findings
     * (the inspecting city centre or district bureau). */
    if ((rc = sc__xml_authorize(ctx, action == SC__ACT_RESULTS_REPORT_IMPORT
                                         ? SC__ACT_CERT_REPORT
                                         : SC__ACT_INSPECTION_FINDING,
                                code, "issuer")) != SC_OK)
        return rc;
    if (sc__org_find(ctx->db, code, org) != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    return SC_OK;
}

/* ---- results report: import ------------------------------------------------------------ */

static const char SQL_VENUE_FIND[] =
    "SELECT id, district FROM venue WHERE org_id = ?1 AND name = ?2";
static const char SQL_SESSION_FIND[] =
    "SELECT id, rooms, flags, status FROM session WHERE org_id = ?1 AND occupation = ?2 "
    "AND work_type = ?3 AND level = ?4 AND path = ?5 AND date = ?6 AND venue_id = ?7 "
    "ORDER BY id LIMIT 1";
static const char SQL_RESULT_HELD[] =
    "SELECT e.name, e.attempt, e.components, r.theory, r.practical, r.review, r.carried, "
    "r.passed, r.recorded, r.session_id IS NOT NULL FROM enrolment e LEFT JOIN result r "
    "ON r.session_id = e.session_id AND r.id_number = e.id_number "
    "WHERE e.session_id = ?1 AND e.id_number = ?2";
static const char SQL_STAFF_HELD[] =
    "SELECT role FROM session_staff WHERE session_id = ?1 AND component = ?2 AND person_id = ?3";
static const char SQL_STAFF_COUNT[] = "SELECT count(*) FROM session_staff WHERE session_id = ?1";
/* The venue, session, enrolment and result tables are assessment.c's: the report is
 * recorded through its sc__*_receive operations. */

typedef struct {
    sc__org_row org;
    char reported[SC_DATE_SIZE];
    /* the session, once read */
    int have_session, held; /* held: the registry held the session before this report */
    sqlite3_int64 session_id;
    long staff;             /* <staff> assignments read */
    char occupation[SC_OCCUPATION_CODE_SIZE];
    char date[SC_DATE_SIZE];
    unsigned int components;
    sc__strset seen;
    sc__result_memo memo; /* the owner's facts for the whole report */
    /* the candidate being read */
    int in_candidate;
    char idn[19], recorded[SC_DATE_SIZE];
    char name[SC_ORG_NAME_SIZE];
    int attempt, passed;
    double score[4];
    unsigned int given, carried;
} rr_state;

static void rr_cleanup(void *state)
{
    rr_state *s = state;
    sc__strset_free(&s->seen);
}

/* "theory practical" -> component mask; 0 when malformed or a component twice. */
static unsigned int parse_components(const char *v)
{
    unsigned int mask = 0;
    char word[32];
    while (v && *v) {
        size_t n = strcspn(v, " \t\r\n");
        int c;
        if (n && n < sizeof word) {
            memcpy(word, v, n);
            word[n] = '\0';
            if (sc_component_parse(&c, word) != SC_OK || (mask & SC_COMPONENT_BIT(c)))
                return 0;
            mask |= SC_COMPONENT_BIT(c);
        } else if (n) {
            return 0;
        }
        v += n;
        v += strspn(v, " \t\r\n");
    }
    return mask;
}

/* The venue by name: the organization's, in its district; recorded when new. */
static int rr_venue(sc__xml_ctx *ctx, rr_state *s, const char *date, sqlite3_int64 *venue)
{
    const char *name, *address, *dist_in;
    char dist[SC_DISTRICT_CODE_SIZE];
    sqlite3_stmt *st;
    int rc, vrooms;
    if ((rc = text_attr(ctx, "venue", SC_ORG_NAME_SIZE - 1, 1, &name)) != SC_OK ||
        (rc = text_attr(ctx, "venue-address", SC_ORG_TEXT_SIZE - 1, 1, &address)) != SC_OK ||
        (rc = req_attr(ctx, "district", &dist_in)) != SC_OK ||
        (rc = int_attr(ctx, "venue-rooms", 1, 1000, &vrooms)) != SC_OK)
        return rc;
    if (sc__district_resolve(ctx->db, dist_in, "district", dist) != SC_OK)
        return sc__xml_fail_last(ctx, "district");
    if (sc__db_stmt_get(ctx->db, SQL_VENUE_FIND, &st) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    sqlite3_bind_int64(st, 1, s->org.id);
    sc__bind_text(st, 2, name);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *venue = sqlite3_column_int64(st, 0);
        rc = strcmp(sc__col_text(st, 1) ? sc__col_text(st, 1) : "", dist);
        sqlite3_reset(st);
        if (rc)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "district",
                                "venue '%.60s' of %s is recorded in another district", name,
                                s->org.code);
        return SC_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__xml_db_fail(ctx, rc, "reading a venue");
    if (sc__venue_receive(ctx->db, &s->org, name, address, dist, vrooms, date, venue) != SC_OK)
        return owner_fail(ctx, "venue");
    return SC_OK;
}

static int rr_session(sc__xml_ctx *ctx, rr_state *s)
{
    const char *wt, *date, *paths;
    char canon[SC__CODE_SIZE];
    sqlite3_int64 venue = 0;
    sqlite3_stmt *st;
    int rc, level, path = 0, online, rooms;
    unsigned int comps;
    if (sc__occupation_canon(ctx->db, sc__xml_attr(ctx, "occupation"), canon) != SC_OK)
        return sc__xml_fail_last(ctx, "occupation");
    if ((rc = text_attr(ctx, "work-type", SC_WORK_TYPE_SIZE - 1, 0, &wt)) != SC_OK ||
        (rc = int_attr(ctx, "level", 1, 5, &level)) != SC_OK ||
        (rc = req_attr(ctx, "path", &paths)) != SC_OK ||
        (rc = day_attr(ctx, "date", 1, &date)) != SC_OK ||
        (rc = bool_attr(ctx, "online", 0, &online)) != SC_OK ||
        (rc = int_attr(ctx, "rooms", 1, 1000, &rooms)) != SC_OK)
        return rc;
    if (!wt)
        wt = "";
    if (sc_path_parse(&path, paths) != SC_OK)
        return sc__xml_fail_last(ctx, "path");
    comps = parse_components(sc__xml_attr(ctx, "components"));
    if (comps != sc_components_for(level, path))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "components",
                            "a level %d assessment on the %s path takes %s%s%s, not '%.40s'",
                            level, sc_path_name(path),
                            level >= 3 && path != SC_PATH_DIRECT ? "theory practical" : "",
                            level <= 2 && path != SC_PATH_DIRECT ? "theory practical review" : "",
                            path == SC_PATH_DIRECT ? "review" : "",
                            sc__xml_attr(ctx, "components") ? sc__xml_attr(ctx, "components")
                                                            : "");
    if (strcmp(date, s->reported) > 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "date",
                            "the session is held on %s, after the report (%s)", date, s->reported);
    if ((rc = rr_venue(ctx, s, date, &venue)) != SC_OK)
        return rc;
    if (sc__db_stmt_get(ctx->db, SQL_SESSION_FIND, &st) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    sqlite3_bind_int64(st, 1, s->org.id);
    sc__bind_text(st, 2, canon);
    sc__bind_text(st, 3, wt);
    sqlite3_bind_int(st, 4, level);
    sqlite3_bind_int(st, 5, path);
    sc__bind_text(st, 6, date);
    sqlite3_bind_int64(st, 7, venue);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        /* held already: the document must say the same (its results are recorded
         * through the owner, which refuses them unless the session is confirmed) */
        int held_rooms = sqlite3_column_int(st, 1);
        unsigned int flags = (unsigned int)sqlite3_column_int(st, 2);
        s->session_id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (held_rooms != rooms)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "rooms",
                                "the session is recorded here with %d rooms, not %d", held_rooms,
                                rooms);
        if (!(flags & SC_SESSION_ONLINE) != !online)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "online",
                                "the session is recorded here as %s", online ? "not online" :
                                "online");
    } else {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__xml_db_fail(ctx, rc, "reading a session");
        if (sc__session_receive(ctx->db, &s->org, canon, wt, level, path, date, venue, rooms,
                                online ? (unsigned int)SC_SESSION_ONLINE : 0u,
                                &s->session_id) != SC_OK)
            return owner_fail(ctx, "occupation");
    }
    s->held = rc == SQLITE_ROW;
    s->have_session = 1;
    s->components = comps;
    sc__copy_text(s->occupation, sizeof s->occupation, canon);
    sc__copy_text(s->date, sizeof s->date, date);
    return SC_OK;
}

/* One staff assignment of the session: replayed through the owner (sc_session_staff_add's
 * checks) when the session is new here; when held, the registry must hold it the same. */
static int rr_staff(sc__xml_ctx *ctx, rr_state *s)
{
    const char *person, *roles;
    sqlite3_stmt *st;
    int c, role = 0, rc;
    if (sc_component_parse(&c, sc__xml_attr(ctx, "component")) != SC_OK)
        return sc__xml_fail_last(ctx, "component");
    if ((rc = text_attr(ctx, "person-id", SC_PERSON_ID_SIZE - 1, 1, &person)) != SC_OK ||
        (rc = req_attr(ctx, "role", &roles)) != SC_OK)
        return rc;
    if (sc_staff_role_parse(&role, roles) != SC_OK ||
        (role != SC_STAFF_EXAMINER && role != SC_STAFF_EXPERT))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "role",
                            "a session is staffed by examiners (examiner) and experts (expert), "
                            "not '%.40s'", roles);
    s->staff++;
    if (!s->held) {
        if (sc__session_staff_receive(ctx->db, s->session_id, c, person, role) != SC_OK)
            return owner_fail(ctx, "person-id");
        return SC_OK;
    }
    if (sc__db_stmt_get(ctx->db, SQL_STAFF_HELD, &st) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    sqlite3_bind_int64(st, 1, s->session_id);
    sqlite3_bind_int(st, 2, c);
    sc__bind_text(st, 3, person);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) == role) {
        sqlite3_reset(st);
        return SC_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__xml_db_fail(ctx, rc, "reading session staff");
    return sc__xml_fail(ctx, SC_EINVALIDDOC, "person-id",
                        "the session is recorded here without %.60s as %s of its %s",
                        person, sc_staff_role_name(role), sc_component_name(c));
}

/* The end of the report: the session's confirmation replayed on what it recorded (its
 * staff and candidates), sc_session_confirm's check; a held session names the same staff. */
static int rr_session_end(sc__xml_ctx *ctx, rr_state *s)
{
    sqlite3_stmt *st;
    long held = 0;
    int rc;
    if (s->held) {
        if (sc__db_stmt_get(ctx->db, SQL_STAFF_COUNT, &st) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
        sqlite3_bind_int64(st, 1, s->session_id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            held = (long)sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW)
            return sc__xml_db_fail(ctx, rc, "counting session staff");
        if (held != s->staff)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, NULL,
                                "the session is recorded here with %ld staff assignments; the "
                                "report names %ld", held, s->staff);
    }
    if (sc__session_confirm_receive(ctx->db, s->session_id) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    return SC_OK;
}

static int rr_candidate_start(sc__xml_ctx *ctx, rr_state *s)
{
    const char *name, *recorded;
    int rc;
    s->in_candidate = 0;
    if (sc__id_number_norm(sc__xml_attr(ctx, "id-number"), s->idn) != SC_OK)
        return sc__xml_fail_last(ctx, "id-number");
    switch (sc__strset_add(&s->seen, s->idn)) {
    case 1:
        break;
    case 0:
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "id-number",
                            "the result of %s is given twice", s->idn);
    default:
        return sc__xml_fail(ctx, SC_ENOMEM, NULL, "out of memory importing");
    }
    if ((rc = text_attr(ctx, "name", SC_ORG_NAME_SIZE - 1, 1, &name)) != SC_OK ||
        (rc = int_attr(ctx, "attempt", 1, 1000, &s->attempt)) != SC_OK ||
        (rc = bool_attr(ctx, "passed", -1, &s->passed)) != SC_OK ||
        (rc = day_attr(ctx, "recorded", 1, &recorded)) != SC_OK)
        return rc;
    if (s->passed < 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "passed", "attribute 'passed' is required");
    /* not after the report; not before the session is the owner's rule */
    if (strcmp(recorded, s->reported) > 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "recorded",
                            "a result is recorded by the report's day (%s), not on %s",
                            s->reported, recorded);
    sc__copy_text(s->name, sizeof s->name, name);
    sc__copy_text(s->recorded, sizeof s->recorded, recorded);
    s->given = s->carried = 0;
    s->score[1] = s->score[2] = s->score[3] = SC_SCORE_NONE;
    s->in_candidate = 1;
    return SC_OK;
}

static int rr_score(sc__xml_ctx *ctx, rr_state *s)
{
    const char *v = sc__xml_attr(ctx, "value");
    int c, carried, rc;
    unsigned int bit;
    if (sc_component_parse(&c, sc__xml_attr(ctx, "component")) != SC_OK)
        return sc__xml_fail_last(ctx, "component");
    bit = SC_COMPONENT_BIT(c);
    if (!(s->components & bit))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "component",
                            "the session has no %s component", sc_component_name(c));
    if (s->given & bit)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "component", "the %s score is given twice",
                            sc_component_name(c));
    if ((rc = bool_attr(ctx, "carried", 0, &carried)) != SC_OK)
        return rc;
    if (v) {
        char *end;
        double d = strtod(v, &end);
        if (!*v || *end || isnan(d) || d < 0 || d > 100)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "value", "a score is 0-100, not '%.20s'",
                                v);
        s->score[c] = d;
    } else if (!carried) {
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "value",
                            "the %s score is missing (only a carried score may be unknown)",
                            sc_component_name(c));
    }
    s->given |= bit;
    if (carried)
        s->carried |= bit;
    return SC_OK;
}

static int same_score(double a, double b)
{
    if (a == SC_SCORE_NONE || b == SC_SCORE_NONE)
        return a == b;
    return fabs(a - b) < 0.00006; /* the document has 4 decimals */
}

static int rr_candidate_end(sc__xml_ctx *ctx, rr_state *s)
{
    sqlite3_stmt *st;
    unsigned int taken;
    int c, rc, passed = 0;
    s->in_candidate = 0;
    if (s->given != s->components)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "score",
                            "the result of %s gives a score for each component of the session",
                            s->idn);
    taken = s->components & ~s->carried;
    if (sc__db_stmt_get(ctx->db, SQL_RESULT_HELD, &st) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    sqlite3_bind_int64(st, 1, s->session_id);
    sc__bind_text(st, 2, s->idn);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int ok = sqlite3_column_int(st, 1) == s->attempt &&
                 (unsigned int)sqlite3_column_int(st, 2) == taken;
        int has_result = sqlite3_column_int(st, 9);
        if (ok && has_result) {
            for (c = 1; c <= 3; c++) {
                double held = sqlite3_column_type(st, 2 + c) == SQLITE_NULL
                                  ? SC_SCORE_NONE
                                  : sqlite3_column_double(st, 2 + c);
                ok = ok && same_score(held, s->score[c]);
            }
            ok = ok && (unsigned int)sqlite3_column_int(st, 6) == s->carried &&
                 sqlite3_column_int(st, 7) == s->passed && sc__col_text(st, 8) &&
                 !strcmp(sc__col_text(st, 8), s->recorded);
        }
        sqlite3_reset(st);
        if (!ok)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "id-number",
                                "the %s of %s in this session is recorded here otherwise",
                                has_result ? "result" : "enrolment", s->idn);
        if (has_result)
            return sc__xml_count(ctx); /* held already, the same */
    } else {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__xml_db_fail(ctx, rc, "reading a result");
        if (sc__enrolment_receive(ctx->db, s->session_id, s->idn, s->name, s->attempt, taken,
                                  s->date) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
    }
    /* recorded through the owner: its checks, its pass rule */
    if (sc__result_receive(ctx->db, &s->memo, s->session_id, s->idn, s->score, s->carried,
                           s->recorded, &passed) != SC_OK)
        return sc__xml_fail_last(ctx, sc_error_last()->code == SC_EEXISTS ? "id-number"
                                                                         : "recorded");
    if (passed != s->passed)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "passed",
                            "%s %s by the pass rule of %s's standard (every component at its "
                            "pass score), not as the report says", s->idn,
                            passed ? "passed" : "failed", s->occupation);
    return sc__xml_count(ctx);
}

static int rr_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    rr_state *s = state;
    const char *day;
    int rc;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0) {
        if ((rc = root_org(ctx, SC__ACT_RESULTS_REPORT_IMPORT, &s->org)) != SC_OK ||
            (rc = day_attr(ctx, "reported", 1, &day)) != SC_OK)
            return rc;
        sc__copy_text(s->reported, sizeof s->reported, day);
        return SC_OK;
    }
    if (depth == 1 && !strcmp(local, "session"))
        return rr_session(ctx, s);
    if (depth == 1 && !strcmp(local, "candidate")) {
        if (!s->have_session)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, NULL, "the session comes first");
        return rr_candidate_start(ctx, s);
    }
    if (depth == 2 && !strcmp(local, "score") && s->in_candidate)
        return rr_score(ctx, s);
    if (depth == 2 && !strcmp(local, "staff") && s->have_session && !s->in_candidate)
        return rr_staff(ctx, s);
    return SC_OK;
}

static int rr_end(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    rr_state *s = state;
    if (ctx->db && depth == 1 && !strcmp(local, "candidate") && s->in_candidate)
        return rr_candidate_end(ctx, s);
    if (ctx->db && depth == 0 && s->have_session)
        return rr_session_end(ctx, s);
    return SC_OK;
}

const sc__doc_handler sc__doc_results_report = {
    SC_DOC_RESULTS_REPORT, "results-report", RESULTS_NS, sc__schema_results_report, 0,
    0 /* checked on the root element */, sizeof(rr_state), rr_start, rr_end, NULL, rr_cleanup
};

/* ---- supervision findings: import ------------------------------------------------------- */

static const char SQL_INSP_FIND[] =
    "SELECT id, note, closed, closed_by, conclusion, scanned FROM inspection WHERE org_id = ?1 "
    "AND kind = ?2 AND target = ?3 AND opened = ?4 AND opened_by = ?5 ORDER BY id LIMIT 1";
static const char SQL_FINDING_NTH[] =
    "SELECT id, category, severity, evidence, date, recorded_by, withdrawn, withdraw_reason, "
    "(SELECT count(*) FROM finding_entity e WHERE e.finding_id = f.id) FROM finding f "
    "WHERE inspection_id = ?1 ORDER BY id LIMIT 1 OFFSET ?2";
static const char SQL_FINDING_COUNT[] = "SELECT count(*) FROM finding WHERE inspection_id = ?1";
static const char SQL_ENTITY_NTH[] =
    "SELECT ref FROM finding_entity WHERE finding_id = ?1 ORDER BY seq LIMIT 1 OFFSET ?2";
static const char SQL_CERT_OWNER[] =
    "SELECT x.org_id FROM certificate c JOIN cert_context x ON x.id = c.context "
    "WHERE c.number = ?1";

typedef struct {
    sc__org_row org;
    char issued[SC_DATE_SIZE];
    char issuer[SC_ACTOR_TEXT_SIZE];  /* "district:110108" or "city-centre" */
    /* the inspection */
    sqlite3_int64 insp_id;
    int existed;
    char opened[SC_DATE_SIZE], closed[SC_DATE_SIZE];  /* closed: the document's, "" */
    char closed_by[SC_ACTOR_TEXT_SIZE], conclusion[SC_ORG_TEXT_SIZE];
    int held_closed;
    long long nfindings;               /* findings read so far */
    /* the finding being read */
    int in_finding, finding_new;
    sqlite3_int64 finding_id;
    long long nentities, held_entities;
} sf_state;

/* The jurisdiction of who inspected: a district only its own organizations. */
static int sf_root(sc__xml_ctx *ctx, sf_state *s)
{
    const char *from, *day, *dist_in = sc__xml_attr(ctx, "district");
    char dist[SC_DISTRICT_CODE_SIZE];
    int rc;
    if ((rc = root_org(ctx, SC__ACT_FINDINGS_IMPORT, &s->org)) != SC_OK ||
        (rc = day_attr(ctx, "issued", 1, &day)) != SC_OK ||
        (rc = req_attr(ctx, "from", &from)) != SC_OK)
        return rc;
    sc__copy_text(s->issued, sizeof s->issued, day);
    if (!strcmp(from, "city-centre")) {
        if (dist_in)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "district",
                                "the city centre's inspection names no district");
        snprintf(s->issuer, sizeof s->issuer, "city-centre");
        return SC_OK;
    }
    if (strcmp(from, "district"))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "from",
                            "from is district or city-centre, not '%.20s'", from);
    if (!dist_in)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "district",
                            "a district bureau's inspection names its district");
    if (sc__district_resolve(ctx->db, dist_in, "district", dist) != SC_OK)
        return sc__xml_fail_last(ctx, "district");
    if (strcmp(dist, s->org.district))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "district",
                            "%s is registered in district %s: the bureau of district %s does "
                            "not supervise it (属地管理)", s->org.code, s->org.district, dist);
    snprintf(s->issuer, sizeof s->issuer, "district:%s", dist);
    return SC_OK;
}

/* "district:110108 (name)" starts with "district:110108" followed by nothing or " ". */
static int opened_by_issuer(const char *who, const char *issuer)
{
    size_t n = strlen(issuer);
    return !strncmp(who, issuer, n) && (who[n] == '\0' || who[n] == ' ');
}

static int sf_inspection(sc__xml_ctx *ctx, sf_state *s)
{
    const char *kinds, *target, *opened, *who, *note, *closed, *closed_by, *conclusion,
        *scanned;
    sqlite3_stmt *st;
    int rc, kind;
    if ((rc = req_attr(ctx, "kind", &kinds)) != SC_OK ||
        (rc = text_attr(ctx, "target", SC_ORG_NAME_SIZE - 1, 0, &target)) != SC_OK ||
        (rc = day_attr(ctx, "opened", 1, &opened)) != SC_OK ||
        (rc = text_attr(ctx, "opened-by", SC_ACTOR_TEXT_SIZE - 1, 1, &who)) != SC_OK ||
        (rc = text_attr(ctx, "note", SC_ORG_TEXT_SIZE - 1, 0, &note)) != SC_OK ||
        (rc = day_attr(ctx, "closed", 0, &closed)) != SC_OK ||
        (rc = text_attr(ctx, "closed-by", SC_ACTOR_TEXT_SIZE - 1, closed != NULL,
                        &closed_by)) != SC_OK ||
        (rc = text_attr(ctx, "conclusion", SC_ORG_TEXT_SIZE - 1, closed != NULL,
                        &conclusion)) != SC_OK ||
        (rc = day_attr(ctx, "scanned", 0, &scanned)) != SC_OK)
        return rc;
    if (sc_inspection_kind_parse(&kind, kinds) != SC_OK)
        return sc__xml_fail_last(ctx, "kind");
    if (!target)
        target = "";
    if (!opened_by_issuer(who, s->issuer))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "opened-by",
                            "the document is from %s; this inspection was opened by %.80s",
                            s->issuer, who);
    if (strcmp(opened, s->issued) > 0 || (closed && strcmp(closed, s->issued) > 0))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, closed ? "closed" : "opened",
                            "the document is of %s: nothing after it", s->issued);
    sc__copy_text(s->opened, sizeof s->opened, opened);
    sc__copy_text(s->closed, sizeof s->closed, closed);
    sc__copy_text(s->closed_by, sizeof s->closed_by, closed_by);
    sc__copy_text(s->conclusion, sizeof s->conclusion, conclusion);
    if (sc__db_stmt_get(ctx->db, SQL_INSP_FIND, &st) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    sqlite3_bind_int64(st, 1, s->org.id);
    sqlite3_bind_int(st, 2, kind);
    sc__bind_text(st, 3, target);
    sc__bind_text(st, 4, opened);
    sc__bind_text(st, 5, who);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *hnote = sc__col_text(st, 1), *hclosed = sc__col_text(st, 2);
        int bad_note = strcmp(hnote ? hnote : "", note ? note : "") != 0, bad_close = 0;
        s->insp_id = sqlite3_column_int64(st, 0);
        s->existed = 1;
        s->held_closed = hclosed != NULL;
        if (hclosed)
            bad_close = !closed || strcmp(hclosed, closed) ||
                        strcmp(sc__col_text(st, 3) ? sc__col_text(st, 3) : "", closed_by) ||
                        strcmp(sc__col_text(st, 4) ? sc__col_text(st, 4) : "", conclusion);
        sqlite3_reset(st);
        if (bad_note)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "note",
                                "inspection %lld is recorded here with another note",
                                (long long)s->insp_id);
        if (bad_close)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "closed",
                                "inspection %lld is recorded here as closed otherwise",
                                (long long)s->insp_id);
    } else {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__xml_db_fail(ctx, rc, "reading an inspection");
        if (sc__inspection_receive(ctx->db, s->org.id, kind, target, opened, who, note, scanned,
                                   &s->insp_id) != SC_OK)
            return owner_fail(ctx, "target");
    }
    if (scanned && s->existed) {
        if (sc__inspection_receive_scan(ctx->db, s->insp_id, scanned) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
    }
    return SC_OK;
}

static int credit_refresh(sc__xml_ctx *ctx, sf_state *s, const char *date)
{
    int n = 0;
    if (sc__credit_refresh(ctx->db, s->org.id, date, &n) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    return SC_OK;
}

static int sf_finding(sc__xml_ctx *ctx, sf_state *s)
{
    const char *category, *sev, *evidence, *date, *who, *withdrawn, *reason;
    sqlite3_stmt *st;
    int rc, severity;
    long long k = s->nfindings++;
    s->in_finding = 0;
    if ((rc = req_attr(ctx, "category", &category)) != SC_OK ||
        (rc = req_attr(ctx, "severity", &sev)) != SC_OK ||
        (rc = text_attr(ctx, "evidence", SC_ORG_TEXT_SIZE - 1, 1, &evidence)) != SC_OK ||
        (rc = day_attr(ctx, "date", 1, &date)) != SC_OK ||
        (rc = text_attr(ctx, "recorded-by", SC_ACTOR_TEXT_SIZE - 1, 1, &who)) != SC_OK ||
        (rc = day_attr(ctx, "withdrawn", 0, &withdrawn)) != SC_OK ||
        (rc = text_attr(ctx, "withdraw-reason", SC_ORG_TEXT_SIZE - 1, withdrawn != NULL,
                        &reason)) != SC_OK)
        return rc;
    if (sc_finding_severity_parse(&severity, sev) != SC_OK)
        return sc__xml_fail_last(ctx, "severity");
    /* the document's bounds; the owner's rules (not before the inspection opened, not
     * withdrawn before the finding) are checked as the acts are replayed */
    if (strcmp(date, s->issued) > 0 || (s->closed[0] && strcmp(date, s->closed) > 0))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "date",
                            "a finding is dated within its inspection (up to %s), not %s",
                            s->closed[0] ? s->closed : s->issued, date);
    if (withdrawn && strcmp(withdrawn, s->issued) > 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "withdrawn",
                            "withdrawn on %s, after the document (%s)", withdrawn, s->issued);
    if (sc__db_stmt_get(ctx->db, SQL_FINDING_NTH, &st) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    sqlite3_bind_int64(st, 1, s->insp_id);
    sqlite3_bind_int64(st, 2, k);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *hw = sc__col_text(st, 6), *hr = sc__col_text(st, 7);
        int same = !strcmp(sc__col_text(st, 1), category) && sqlite3_column_int(st, 2) == severity &&
                   !strcmp(sc__col_text(st, 3), evidence) && !strcmp(sc__col_text(st, 4), date) &&
                   !strcmp(sc__col_text(st, 5), who);
        int withdraw_now = 0, bad_withdrawal = 0;
        s->finding_id = sqlite3_column_int64(st, 0);
        s->held_entities = sqlite3_column_int64(st, 8);
        if (hw)
            bad_withdrawal = !withdrawn || strcmp(hw, withdrawn) || strcmp(hr ? hr : "", reason);
        else
            withdraw_now = withdrawn != NULL;
        sqlite3_reset(st);
        if (!same)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "category",
                                "finding %lld of this inspection is recorded here otherwise",
                                k + 1);
        if (bad_withdrawal)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "withdrawn",
                                "finding %lld of this inspection is recorded here as withdrawn "
                                "otherwise", k + 1);
        s->finding_new = 0;
        if (withdraw_now) {
            if (sc__finding_receive_withdrawal(ctx->db, s->finding_id, withdrawn, reason) !=
                SC_OK)
                return sc__xml_fail_last(ctx, "withdrawn");
            if ((rc = credit_refresh(ctx, s, withdrawn)) != SC_OK)
                return rc;
        }
    } else {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__xml_db_fail(ctx, rc, "reading a finding");
        if (sc__finding_receive(ctx->db, s->insp_id, s->org.id, category, severity, evidence,
                                date, who, &s->finding_id) != SC_OK)
            return owner_fail(ctx, NULL);
        s->finding_new = 1;
        s->held_entities = 0;
        if (withdrawn) {
            if (sc__finding_receive_withdrawal(ctx->db, s->finding_id, withdrawn, reason) !=
                SC_OK)
                return sc__xml_fail_last(ctx, "withdrawn");
        }
        if ((rc = credit_refresh(ctx, s, date)) != SC_OK)
            return rc;
    }
    s->nentities = 0;
    s->in_finding = 1;
    return SC_OK;
}

/* A reference: known here when it can be (the organization itself; a certificate held
 * here is the organization's); sessions, venues and staff are the inspecting registry's. */
static int sf_entity(sc__xml_ctx *ctx, sf_state *s)
{
    const char *ref;
    sqlite3_stmt *st;
    long long k = s->nentities++;
    int rc;
    if ((rc = text_attr(ctx, "ref", SC_ENTITY_REF_SIZE - 1, 1, &ref)) != SC_OK)
        return rc;
    if (!strncmp(ref, "org:", 4) && strcmp(ref + 4, s->org.code))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "ref",
                            "a finding on %s concerns that organization, not %.40s", s->org.code,
                            ref + 4);
    if (!strncmp(ref, "certificate:", 12)) {
        if (sc__db_stmt_get(ctx->db, SQL_CERT_OWNER, &st) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
        sc__bind_text(st, 1, ref + 12);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) != s->org.id) {
            sqlite3_reset(st);
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "ref",
                                "certificate %.30s is another organization's", ref + 12);
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return sc__xml_db_fail(ctx, rc, "reading a certificate");
    }
    if (!s->finding_new) {
        int same;
        if (sc__db_stmt_get(ctx->db, SQL_ENTITY_NTH, &st) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
        sqlite3_bind_int64(st, 1, s->finding_id);
        sqlite3_bind_int64(st, 2, k);
        rc = sqlite3_step(st);
        same = rc == SQLITE_ROW && !strcmp(sc__col_text(st, 0), ref);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return sc__xml_db_fail(ctx, rc, "reading a finding's entities");
        if (!same)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "ref",
                                "the finding is recorded here concerning other entities");
        return SC_OK;
    }
    if (sc__finding_entity_receive(ctx->db, s->finding_id, k, ref) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    return SC_OK;
}

static int sf_inspection_end(sc__xml_ctx *ctx, sf_state *s)
{
    sqlite3_stmt *st;
    long long held;
    int rc;
    if (sc__db_stmt_get(ctx->db, SQL_FINDING_COUNT, &st) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    sqlite3_bind_int64(st, 1, s->insp_id);
    rc = sqlite3_step(st);
    held = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return sc__xml_db_fail(ctx, rc, "counting findings");
    if (held > s->nfindings)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, NULL,
                            "inspection %lld has %lld findings here; the document lists %lld",
                            (long long)s->insp_id, held, s->nfindings);
    if (s->closed[0] && !s->held_closed) {
        if (sc__inspection_receive_close(ctx->db, s->insp_id, s->closed, s->closed_by,
                                         s->conclusion) != SC_OK)
            return sc__xml_fail_last(ctx, "closed");
        if ((rc = credit_refresh(ctx, s, s->closed)) != SC_OK)
            return rc;
    }
    return sc__xml_count(ctx);
}

static int sf_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    sf_state *s = state;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0)
        return sf_root(ctx, s);
    if (depth == 1 && !strcmp(local, "inspection"))
        return sf_inspection(ctx, s);
    if (depth == 2 && !strcmp(local, "finding") && s->insp_id)
        return sf_finding(ctx, s);
    if (depth == 3 && !strcmp(local, "entity") && s->in_finding)
        return sf_entity(ctx, s);
    return SC_OK;
}

static int sf_end(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    sf_state *s = state;
    if (!ctx->db)
        return SC_OK;
    if (depth == 2 && !strcmp(local, "finding") && s->in_finding) {
        s->in_finding = 0;
        if (!s->finding_new && s->nentities != s->held_entities)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, NULL,
                                "the finding concerns %lld entities here, %lld in the document",
                                s->held_entities, s->nentities);
        return sc__xml_count(ctx);
    }
    if (depth == 1 && !strcmp(local, "inspection") && s->insp_id)
        return sf_inspection_end(ctx, s);
    return SC_OK;
}

const sc__doc_handler sc__doc_findings = {
    SC_DOC_FINDINGS, "supervision-findings", FINDINGS_NS, sc__schema_findings, 0,
    0 /* checked on the root element */, sizeof(sf_state), sf_start, sf_end, NULL, NULL
};

/* ---- export ------------------------------------------------------------------------------ */

static void attr(sc__buf *b, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    sc__buf_printf(b, " %s=\"", name);
    sc__buf_put_xml(b, value);
    sc__buf_puts(b, "\"");
}

/* A score with at most 4 decimals, without trailing zeros. */
static void attr_score(sc__buf *b, const char *name, double v)
{
    char t[32];
    size_t n;
    snprintf(t, sizeof t, "%.4f", v);
    n = strlen(t);
    while (n > 0 && t[n - 1] == '0')
        t[--n] = '\0';
    if (n > 0 && t[n - 1] == '.')
        t[--n] = '\0';
    attr(b, name, t);
}

/* Root + body: the batch id, unless given, from the content. */
static int finish_doc(sc__buf *out, sc__buf *body, const char *root, const char *ns,
                      const char *batch_in, const char *head)
{
    char batch[SC__BATCH_ID_SIZE];
    sc__xml_part parts[2];
    int rc;
    if (body->failed)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting");
    parts[0].data = head, parts[0].len = strlen(head);
    parts[1].data = body->data, parts[1].len = body->len;
    if ((rc = sc__xml_batch_id(batch, root, batch_in, parts, 2)) != SC_OK)
        return rc;
    sc__buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sc__buf_printf(out, "<%s xmlns=\"%s\" version=\"1\"", root, ns);
    attr(out, "batch", batch);
    sc__buf_puts(out, head);
    sc__buf_puts(out, ">\n");
    if (body->data)
        sc__buf_append(out, body->data, body->len);
    sc__buf_printf(out, "</%s>\n", root);
    return out->failed ? sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting")
                       : SC_OK;
}

typedef struct {
    int64_t id;
    char code[SC_CREDIT_CODE_SIZE]; /* "" when not named */
    char day[SC_DATE_SIZE];
    const char *batch;
} report_args;

static int report_args_get(report_args *a, const sc_export_options *opts, const char *what)
{
    memset(a, 0, sizeof(*a));
    if (opts && sc__export_options_check(opts) != SC_OK)
        return sc_error_last()->code;
    a->id = sc__export_options_id(opts);
    if (a->id <= 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "sc_xml_exchange_export_memory: this document is about one %s: give its "
                      "id in sc_export_options.id (options version 2)", what);
        sc__error_set_field("id");
        return SC_EINVAL;
    }
    if (opts->credit_code && sc__credit_code_norm(opts->credit_code, a->code) != SC_OK)
        return sc_error_last()->code;
    if (sc__date_arg(opts->date, "date", a->day) != SC_OK)
        return sc_error_last()->code;
    a->batch = opts->batch;
    return SC_OK;
}

static int other_org(const report_args *a, const char *code, const char *what)
{
    if (!a->code[0] || !strcmp(a->code, code))
        return SC_OK;
    sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "%s %lld is of %s, not of %s", what,
                  (long long)a->id, code, a->code);
    sc__error_set_field("credit_code");
    return SC_ECONSTRAINT;
}

static const char SQL_EXPORT_VENUE[] =
    "SELECT name, address, district, rooms FROM venue WHERE id = ?1";
static const char SQL_EXPORT_STAFF[] =
    "SELECT component, person_id, role FROM session_staff WHERE session_id = ?1 "
    "ORDER BY component, person_id";
static const char SQL_EXPORT_RESULTS[] =
    "SELECT r.id_number, e.name, e.attempt, r.theory, r.practical, r.review, r.carried, "
    "r.passed, r.recorded FROM result r JOIN enrolment e ON e.session_id = r.session_id "
    "AND e.id_number = r.id_number WHERE r.session_id = ?1 AND r.recorded <= ?2 "
    "ORDER BY r.id_number";

static int export_results(sc__buf *out, sc_db *db, const sc_export_options *opts)
{
    static const char *const comp[] = { NULL, "theory", "practical", "review" };
    report_args a;
    sc__session_row row;
    sc__buf body, head;
    sqlite3_stmt *st = NULL;
    char comps[64] = "";
    int rc, c;
    if ((rc = report_args_get(&a, opts, "session")) != SC_OK)
        return rc;
    if ((rc = sc__session_load(db, a.id, &row)) != SC_OK)
        return rc;
    if ((rc = other_org(&a, row.s.credit_code, "session")) != SC_OK)
        return rc;
    if (row.s.status != SC_SESSION_CONFIRMED) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "session %lld is not confirmed: it has no results to report",
                      (long long)a.id);
        sc__error_set_field("id");
        return SC_ECONSTRAINT;
    }
    for (c = 1; c <= 3; c++)
        if (row.s.components & SC_COMPONENT_BIT(c))
            snprintf(comps + strlen(comps), sizeof comps - strlen(comps), "%s%s",
                     comps[0] ? " " : "", comp[c]);
    sc__buf_init(&body);
    sc__buf_init(&head);
    sc__buf_puts(&body, "  <session");
    attr(&body, "occupation", row.s.occupation);
    attr(&body, "work-type", row.s.work_type);
    sc__buf_printf(&body, " level=\"%d\"", row.s.level);
    attr(&body, "path", sc_path_name(row.s.path));
    attr(&body, "date", row.s.date);
    attr(&body, "components", comps);
    if (row.s.flags & SC_SESSION_ONLINE)
        attr(&body, "online", "true");
    if ((rc = sc__db_stmt_get(db, SQL_EXPORT_VENUE, &st)) != SC_OK)
        goto done;
    sqlite3_bind_int64(st, 1, row.s.venue_id);
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        sqlite3_reset(st);
        rc = sc__db_fail(db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "reading a venue");
        goto done;
    }
    attr(&body, "venue", sc__col_text(st, 0));
    attr(&body, "venue-address", sc__col_text(st, 1));
    attr(&body, "district", sc__col_text(st, 2));
    sc__buf_printf(&body, " venue-rooms=\"%d\" rooms=\"%d\">\n", sqlite3_column_int(st, 3),
                   row.s.rooms);
    sqlite3_reset(st);
    st = NULL;
    /* its staff, whom the receiving registry checks as sc_session_staff_add and
     * sc_session_confirm do */
    if ((rc = sc__db_stmt_get(db, SQL_EXPORT_STAFF, &st)) != SC_OK)
        goto done;
    sqlite3_bind_int64(st, 1, a.id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = sqlite3_column_int(st, 0);
        sc__buf_puts(&body, "    <staff");
        attr(&body, "component", k >= 1 && k <= 3 ? comp[k] : "");
        attr(&body, "person-id", sc__col_text(st, 1));
        attr(&body, "role", sc_staff_role_name(sqlite3_column_int(st, 2)));
        sc__buf_puts(&body, "/>\n");
    }
    sqlite3_reset(st);
    st = NULL;
    if (rc != SQLITE_DONE) {
        rc = sc__db_fail(db, rc, "exporting session staff");
        goto done;
    }
    sc__buf_puts(&body, "  </session>\n");
    if ((rc = sc__db_prepare(db, SQL_EXPORT_RESULTS, &st)) != SC_OK)
        goto done;
    sqlite3_bind_int64(st, 1, a.id);
    sc__bind_text(st, 2, a.day);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        unsigned int carried = (unsigned int)sqlite3_column_int(st, 6);
        sc__buf_puts(&body, "  <candidate");
        attr(&body, "id-number", sc__col_text(st, 0));
        attr(&body, "name", sc__col_text(st, 1));
        sc__buf_printf(&body, " attempt=\"%d\" passed=\"%s\"", sqlite3_column_int(st, 2),
                       sqlite3_column_int(st, 7) ? "true" : "false");
        attr(&body, "recorded", sc__col_text(st, 8));
        sc__buf_puts(&body, ">\n");
        for (c = 1; c <= 3; c++) {
            if (!(row.s.components & SC_COMPONENT_BIT(c)))
                continue;
            sc__buf_puts(&body, "    <score");
            attr(&body, "component", comp[c]);
            if (sqlite3_column_type(st, 2 + c) != SQLITE_NULL)
                attr_score(&body, "value", sqlite3_column_double(st, 2 + c));
            if (carried & SC_COMPONENT_BIT(c))
                attr(&body, "carried", "true");
            sc__buf_puts(&body, "/>\n");
        }
        sc__buf_puts(&body, "  </candidate>\n");
    }
    rc = rc == SQLITE_DONE ? SC_OK : sc__db_fail(db, rc, "exporting results");
    sqlite3_finalize(st);
    if (rc == SC_OK) {
        sc__xml_put_parties(&head, SC_DOC_RESULTS_REPORT, row.s.credit_code, NULL, NULL);
        attr(&head, "credit-code", row.s.credit_code);
        attr(&head, "reported", a.day);
        rc = head.failed ? sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting")
                         : finish_doc(out, &body, "results-report", RESULTS_NS, a.batch,
                                      head.data);
    }
done:
    sc__buf_free(&body);
    sc__buf_free(&head);
    return rc;
}

static const char SQL_EXPORT_INSP[] =
    "SELECT o.credit_code, i.kind, i.target, i.opened, i.opened_by, i.note, i.closed, "
    "i.closed_by, i.conclusion, i.scanned FROM inspection i JOIN org o ON o.id = i.org_id "
    "WHERE i.id = ?1";
static const char SQL_EXPORT_FINDINGS[] =
    "SELECT id, category, severity, evidence, date, recorded_by, withdrawn, withdraw_reason "
    "FROM finding WHERE inspection_id = ?1 ORDER BY id";
static const char SQL_EXPORT_ENTITIES[] =
    "SELECT ref FROM finding_entity WHERE finding_id = ?1 ORDER BY seq";

/* Who opened it: "district:110108 ..." or "city-centre ..."; into issuer/district. */
static int issuer_of(const char *who, char *from, size_t cap, char dist[SC_DISTRICT_CODE_SIZE])
{
    dist[0] = '\0';
    if (!strncmp(who, "city-centre", 11) && (who[11] == '\0' || who[11] == ' ')) {
        snprintf(from, cap, "city-centre");
        return 1;
    }
    if (!strncmp(who, "district:", 9)) {
        size_t n = strcspn(who + 9, " ");
        if (n == 0 || n >= SC_DISTRICT_CODE_SIZE)
            return 0;
        memcpy(dist, who + 9, n);
        dist[n] = '\0';
        snprintf(from, cap, "district");
        return 1;
    }
    return 0;
}

static int export_findings(sc__buf *out, sc_db *db, const sc_export_options *opts)
{
    report_args a;
    sc__buf body, head;
    sqlite3_stmt *st = NULL, *fs = NULL;
    char code[SC_CREDIT_CODE_SIZE], from[16], dist[SC_DISTRICT_CODE_SIZE];
    const char *closed;
    int rc;
    if ((rc = report_args_get(&a, opts, "inspection")) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_EXPORT_INSP, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, a.id);
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__db_fail(db, rc, "reading an inspection");
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no inspection %lld", (long long)a.id);
        sc__error_set_field("id");
        return SC_ENOTFOUND;
    }
    sc__copy_text(code, sizeof code, sc__col_text(st, 0));
    if ((rc = other_org(&a, code, "inspection")) != SC_OK) {
        sqlite3_reset(st);
        return rc;
    }
    if (!issuer_of(sc__col_text(st, 4), from, sizeof from, dist)) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                      "inspection %lld was opened by %.80s, neither a district bureau nor the "
                      "city centre", (long long)a.id, sc__col_text(st, 4));
        sqlite3_reset(st);
        return SC_ECONSTRAINT;
    }
    sc__buf_init(&body);
    sc__buf_init(&head);
    closed = sc__col_text(st, 6);
    if (closed && strcmp(closed, a.day) > 0)
        closed = NULL;
    sc__buf_puts(&body, "  <inspection");
    attr(&body, "kind", sc_inspection_kind_name(sqlite3_column_int(st, 1)));
    attr(&body, "target", sc__col_text(st, 2));
    attr(&body, "opened", sc__col_text(st, 3));
    attr(&body, "opened-by", sc__col_text(st, 4));
    attr(&body, "note", sc__col_text(st, 5));
    if (closed) {
        attr(&body, "closed", closed);
        attr(&body, "closed-by", sc__col_text(st, 7));
        attr(&body, "conclusion", sc__col_text(st, 8));
    }
    if (sc__col_text(st, 9) && strcmp(sc__col_text(st, 9), a.day) <= 0)
        attr(&body, "scanned", sc__col_text(st, 9));
    sc__buf_puts(&body, ">\n");
    sqlite3_reset(st);
    if ((rc = sc__db_prepare(db, SQL_EXPORT_FINDINGS, &fs)) != SC_OK)
        goto done;
    sqlite3_bind_int64(fs, 1, a.id);
    while ((rc = sqlite3_step(fs)) == SQLITE_ROW) {
        const char *w = sc__col_text(fs, 6);
        if (strcmp(sc__col_text(fs, 4), a.day) > 0)
            break; /* findings in the order recorded, up to the day */
        sc__buf_puts(&body, "    <finding");
        attr(&body, "category", sc__col_text(fs, 1));
        attr(&body, "severity", sc_finding_severity_name(sqlite3_column_int(fs, 2)));
        attr(&body, "evidence", sc__col_text(fs, 3));
        attr(&body, "date", sc__col_text(fs, 4));
        attr(&body, "recorded-by", sc__col_text(fs, 5));
        if (w && strcmp(w, a.day) <= 0) {
            attr(&body, "withdrawn", w);
            attr(&body, "withdraw-reason", sc__col_text(fs, 7));
        }
        sc__buf_puts(&body, ">\n");
        if ((rc = sc__db_stmt_get(db, SQL_EXPORT_ENTITIES, &st)) != SC_OK)
            goto done;
        sqlite3_bind_int64(st, 1, sqlite3_column_int64(fs, 0));
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            sc__buf_puts(&body, "      <entity");
            attr(&body, "ref", sc__col_text(st, 0));
            sc__buf_puts(&body, "/>\n");
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            rc = sc__db_fail(db, rc, "exporting a finding's entities");
            goto done;
        }
        sc__buf_puts(&body, "    </finding>\n");
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        rc = sc__db_fail(db, rc, "exporting findings");
        goto done;
    }
    sc__buf_puts(&body, "  </inspection>\n");
    {
        char issuer[32];
        if (dist[0])
            snprintf(issuer, sizeof issuer, "district:%s", dist);
        else
            snprintf(issuer, sizeof issuer, "city-centre");
        sc__xml_put_parties(&head, SC_DOC_FINDINGS, code, dist, issuer);
    }
    attr(&head, "credit-code", code);
    attr(&head, "issued", a.day);
    attr(&head, "from", from);
    attr(&head, "district", dist);
    rc = head.failed ? sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting")
                     : finish_doc(out, &body, "supervision-findings", FINDINGS_NS, a.batch,
                                  head.data);
done:
    sqlite3_finalize(fs);
    sc__buf_free(&body);
    sc__buf_free(&head);
    return rc;
}

/* The candidate batch or confirmation of an announcement (xml_application.c). */
static int export_application(char **out, size_t *len, sc_db *db, int doctype,
                              const sc_export_options *opts)
{
    sc_announcement ann = SC_ANNOUNCEMENT_INIT;
    report_args a;
    char batch[128];
    int rc;
    if ((rc = report_args_get(&a, opts, "announcement")) != SC_OK)
        return rc;
    if ((rc = sc_announcement_get(&ann, db, a.id, a.day)) != SC_OK)
        return rc;
    if ((rc = other_org(&a, ann.credit_code, "announcement")) != SC_OK)
        return rc;
    if (a.batch && *a.batch)
        snprintf(batch, sizeof batch, "%s", a.batch);
    else
        snprintf(batch, sizeof batch, "%s-%lld-%s",
                 doctype == SC_DOC_CANDIDATE_BATCH ? "candidate-batch" : "confirmation",
                 (long long)a.id, a.day);
    if (doctype == SC_DOC_CANDIDATE_BATCH)
        return sc_application_batch_export_memory(out, len, db, a.id, batch);
    return sc_application_confirmation_export_memory(out, len, db, a.id, batch, NULL);
}

int sc__xml_report_type(int doctype)
{
    return doctype == SC_DOC_CANDIDATE_BATCH || doctype == SC_DOC_CONFIRMATION ||
           doctype == SC_DOC_RESULTS_REPORT || doctype == SC_DOC_FINDINGS;
}

int sc__xml_export_report(char **out, size_t *len, sc_db *db, int doctype,
                          const sc_export_options *opts)
{
    sc__buf b;
    int rc;
    if (!out)
        return sc__error_null("sc_xml_exchange_export_memory", "out");
    *out = NULL;
    if (len)
        *len = 0;
    if ((rc = sc__db_check(db, "sc_xml_exchange_export_memory", 0)) != SC_OK)
        return rc;
    if (doctype == SC_DOC_CANDIDATE_BATCH || doctype == SC_DOC_CONFIRMATION)
        return export_application(out, len, db, doctype, opts);
    sc__buf_init(&b);
    rc = doctype == SC_DOC_RESULTS_REPORT ? export_results(&b, db, opts)
                                          : export_findings(&b, db, opts);
    if (rc != SC_OK) {
        sc__buf_free(&b);
        return rc;
    }
    *out = b.data;
    if (len)
        *len = b.len;
    return SC_OK;
}
