/*
 * cli_assessment.c — the `session`, `bank`, `paper` and `result` command
 * groups: venues, assessment sessions with their staff and candidates, the
 * question bank, papers from a blueprint, online scoring, and results.
 *
 *   session venue-add CODE --name N --address A --district D --rooms N     (organization)
 *   session venue-inspect VENUE --result passed|failed                      (district)
 *   session create CODE OCCUPATION --level N --venue V [--date D] ...       (organization)
 *   session staff SESSION COMPONENT PERSON... [--remove]
 *   session enrol SESSION ID-NUMBER... [--application NUMBER]
 *   session check | confirm | show SESSION, session list
 *   bank add-item CODE ITEM --type T --occupation O --level N --area A --difficulty D
 *                 --stem S [--answer K] [OPTION...]
 *   bank list CODE, bank show CODE ITEM [--version N]
 *   paper assemble SESSION --component C --areas A:P,... --types T:N:P,... [--mix D:P,...]
 *   paper show PAPER, paper score PAPER ID-NUMBER ANSWER...
 *   result record SESSION ID-NUMBER [--theory S] [--practical S] [--review S]
 *   result list SESSION
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CHANGE (CLI_NEEDS_DB | CLI_NEEDS_ACTOR)

/* ---- small helpers ----------------------------------------------------------------- */

static json_t *opt_str(const char *s)
{
    return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *score_json(double s)
{
    return s < 0 ? json_null() : json_real(s);
}

/* A positive integer id argument. */
static int parse_id(cli_ctx *ctx, const char *text, const char *what, int64_t *out)
{
    return cli_parse_id(ctx, text, what, out);
}

static int parse_int(cli_ctx *ctx, const char *text, const char *what, long lo, long hi,
                     long *out)
{
    int64_t v = 0;
    if (cli_strict_int64(text, &v) != 0 || v < lo || v > hi)
        return cli_usage_error(ctx, "%s '%s' is not a whole number in %ld-%ld", what, text, lo,
                               hi);
    *out = (long)v;
    return CLI_EXIT_OK;
}

static int parse_score(cli_ctx *ctx, const char *text, const char *what, double *out)
{
    double v = 0;
    *out = SC_SCORE_NONE;
    if (text == NULL)
        return CLI_EXIT_OK;
    /* Digits with an optional decimal part: no "0x50", " 80", "8e1", "nan". */
    if (cli_strict_decimal(text, &v) != 0 || v < 0 || v > 100)
        return cli_usage_error(ctx, "%s '%s' is not a score 0-100 (digits, e.g. 80 or 72.5)",
                               what, text);
    *out = v;
    return CLI_EXIT_OK;
}

static const char *components_text(unsigned int mask, char *buf, size_t cap)
{
    int c;
    size_t o = 0;
    buf[0] = '\0';
    for (c = SC_COMPONENT_THEORY; c <= SC_COMPONENT_REVIEW; c++)
        if (mask & SC_COMPONENT_BIT(c))
            o += (size_t)snprintf(buf + o, cap > o ? cap - o : 0, "%s%s", o ? "," : "",
                                  sc_component_name(c));
    return buf;
}

static json_t *components_json(unsigned int mask)
{
    json_t *arr = json_array();
    int c;
    for (c = SC_COMPONENT_THEORY; arr != NULL && c <= SC_COMPONENT_REVIEW; c++)
        if ((mask & SC_COMPONENT_BIT(c)) && cli_json_append(arr, json_string(sc_component_name(c)))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

/* {"key": value} printed, or the text line. */
static int emit_simple(cli_ctx *ctx, const char *key, json_t *value, const char *fmt, ...)
    CLI_PRINTF(4, 5);
static int emit_simple(cli_ctx *ctx, const char *key, json_t *value, const char *fmt, ...)
{
    if (ctx->json) {
        json_t *root = json_object();
        if (root != NULL && cli_json_set(root, key, value)) {
            json_decref(root);
            root = NULL;
        } else if (root == NULL) {
            json_decref(value);
        }
        return cli_emit_json(root);
    } else {
        va_list ap;
        json_decref(value);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        fputc('\n', stdout);
    }
    return CLI_EXIT_OK;
}

/* ---- venues ------------------------------------------------------------------------- */

static const cli_option venue_add_options[] = {
    { "name", "NAME", "the venue's name (required)" },
    { "address", "TEXT", "its address (required)" },
    { "district", "DISTRICT", "its district: the organization's own (required)" },
    { "rooms", "N", "exam rooms (default 1)" },
    { "date", "YYYY-MM-DD", "recorded on (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_venue_add(cli_ctx *ctx)
{
    const char *name = cli_opt(ctx, "name"), *address = cli_opt(ctx, "address");
    const char *district = cli_opt(ctx, "district");
    long rooms = 1;
    int64_t id = 0;
    int rc, status;

    if (name == NULL || address == NULL || district == NULL)
        return cli_usage_error(ctx, "--name, --address and --district are required");
    if (cli_opt(ctx, "rooms") != NULL
        && (status = parse_int(ctx, cli_opt(ctx, "rooms"), "--rooms", 1, 1000, &rooms)) != 0)
        return status;
    if ((rc = sc_venue_register(&id, ctx->db, ctx->actor, ctx->args[0], name, address, district,
                                (int)rooms, cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return emit_simple(ctx, "venue", json_integer(id), "venue %lld: %s (%ld rooms)",
                       (long long)id, name, rooms);
}

static const cli_option venue_inspect_options[] = {
    { "result", "RESULT", "passed or failed (required)" },
    { "note", "TEXT", "a remark for the record" },
    { "date", "YYYY-MM-DD", "the inspection date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_venue_inspect(cli_ctx *ctx)
{
    const char *result = cli_opt(ctx, "result");
    int64_t id = 0;
    int passed, rc, status;

    if ((status = parse_id(ctx, ctx->args[0], "venue", &id)) != CLI_EXIT_OK)
        return status;
    if (result == NULL || (strcmp(result, "passed") != 0 && strcmp(result, "failed") != 0))
        return cli_usage_error(ctx, "--result passed|failed is required");
    passed = strcmp(result, "passed") == 0;
    if ((rc = sc_venue_inspect(ctx->db, ctx->actor, id, passed, cli_opt(ctx, "note"),
                               cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return emit_simple(ctx, "inspection_passed", json_boolean(passed), "venue %lld: inspection %s",
                       (long long)id, result);
}

/* ---- sessions ------------------------------------------------------------------------ */

static json_t *session_json(const sc_session *s)
{
    json_t *o = json_object();
    if (o == NULL
        || cli_json_set(o, "id", json_integer(s->id))
        || cli_json_set(o, "organization", json_string(s->credit_code))
        || cli_json_set(o, "occupation", json_string(s->occupation))
        || cli_json_set(o, "work_type", opt_str(s->work_type))
        || cli_json_set(o, "level", json_integer(s->level))
        || cli_json_set(o, "path", cli_json_str(sc_path_name(s->path)))
        || cli_json_set(o, "date", json_string(s->date))
        || cli_json_set(o, "venue", json_integer(s->venue_id))
        || cli_json_set(o, "rooms", json_integer(s->rooms))
        || cli_json_set(o, "components", components_json(s->components))
        || cli_json_set(o, "online", json_boolean(s->flags & SC_SESSION_ONLINE))
        || cli_json_set(o, "status", cli_json_str(sc_session_status_name(s->status)))
        || cli_json_set(o, "confirmed", opt_str(s->confirmed))
        || cli_json_set(o, "candidates", json_integer(s->candidates))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void print_session(const sc_session *s)
{
    char comps[64];
    printf("session %lld: %s %s%s%s level %d (%s), %s path, %s at venue %lld (%d room%s), %s%s, "
           "%lld candidates, %s\n",
           (long long)s->id, s->credit_code, s->occupation, s->work_type[0] ? "/" : "",
           s->work_type, s->level, sc_level_name_zh(s->level), sc_path_name(s->path), s->date,
           (long long)s->venue_id, s->rooms, s->rooms == 1 ? "" : "s",
           components_text(s->components, comps, sizeof comps),
           (s->flags & SC_SESSION_ONLINE) ? ", online" : "", (long long)s->candidates,
           sc_session_status_name(s->status));
}

static const cli_option create_options[] = {
    { "level", "N", "the level: 1-5 or a name (required)" },
    { "venue", "ID", "the venue (required)" },
    { "work-type", "NAME", "the work type; omit for an undivided level" },
    { "path", "PATH", "normal (default), exceptional (破格) or direct (直接认定: review only)" },
    { "date", "YYYY-MM-DD", "the session day (default: today, UTC)" },
    { "rooms", "N", "exam rooms used (default 1)" },
    { "online", NULL, "held online: objective items are scored by 'paper score'" },
    { NULL, NULL, NULL }
};

static int cmd_create(cli_ctx *ctx)
{
    const char *level_text = cli_opt(ctx, "level"), *venue_text = cli_opt(ctx, "venue");
    const char *path_text = cli_opt(ctx, "path");
    int level = 0, path = SC_PATH_NORMAL, rc, status;
    int64_t venue = 0, id = 0;
    long rooms = 1;
    sc_session s = SC_SESSION_INIT;

    if (level_text == NULL || venue_text == NULL)
        return cli_usage_error(ctx, "--level and --venue are required");
    if ((rc = sc_level_parse(&level, level_text)) != SC_OK)
        return cli_fail(rc, "--level");
    if (path_text != NULL && (rc = sc_path_parse(&path, path_text)) != SC_OK)
        return cli_fail(rc, "--path");
    if ((status = parse_id(ctx, venue_text, "--venue", &venue)) != CLI_EXIT_OK)
        return status;
    if (cli_opt(ctx, "rooms") != NULL
        && (status = parse_int(ctx, cli_opt(ctx, "rooms"), "--rooms", 1, 1000, &rooms)) != 0)
        return status;
    if ((rc = sc_session_create(&id, ctx->db, ctx->actor, ctx->args[0], ctx->args[1],
                                cli_opt(ctx, "work-type"), level, path, cli_opt(ctx, "date"),
                                venue, (int)rooms,
                                cli_opt(ctx, "online") != NULL ? SC_SESSION_ONLINE : 0)) != SC_OK)
        return cli_fail(rc, NULL);
    if ((rc = sc_session_get(&s, ctx->db, id)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json)
        return cli_emit_json(session_json(&s));
    print_session(&s);
    return CLI_EXIT_OK;
}

static const cli_option staff_options[] = {
    { "remove", NULL, "remove them instead of assigning" },
    { NULL, NULL, NULL }
};

static int cmd_staff(cli_ctx *ctx)
{
    int64_t id = 0;
    int component = 0, rc, status, i, remove = cli_opt(ctx, "remove") != NULL;

    if ((status = parse_id(ctx, ctx->args[0], "session", &id)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_component_parse(&component, ctx->args[1])) != SC_OK)
        return cli_fail(rc, "COMPONENT");
    for (i = 2; i < ctx->nargs; i++) {
        rc = remove ? sc_session_staff_remove(ctx->db, ctx->actor, id, component, ctx->args[i])
                    : sc_session_staff_add(ctx->db, ctx->actor, id, component, ctx->args[i]);
        if (rc != SC_OK)
            return cli_fail(rc, ctx->args[i]);
    }
    return emit_simple(ctx, remove ? "removed" : "assigned", json_integer(ctx->nargs - 2),
                       "session %lld: %d %s %s the %s", (long long)id, ctx->nargs - 2,
                       ctx->nargs - 2 == 1 ? "person" : "people", remove ? "removed from" : "assigned to",
                       sc_component_name(component));
}

static const cli_option enrol_options[] = {
    { "application", "NUMBER", "the candidate's confirmed application (报名确认) by "
                               "number; found when left out" },
    { NULL, NULL, NULL }
};

static int cmd_enrol(cli_ctx *ctx)
{
    int64_t id = 0;
    int rc, status, i;

    if ((status = parse_id(ctx, ctx->args[0], "session", &id)) != CLI_EXIT_OK)
        return status;
    for (i = 1; i < ctx->nargs; i++)
        if ((rc = sc_session_enrol(ctx->db, ctx->actor, id, ctx->args[i],
                                   cli_opt(ctx, "application"))) != SC_OK)
            return cli_fail(rc, ctx->args[i]);
    return emit_simple(ctx, "enrolled", json_integer(ctx->nargs - 1),
                       "session %lld: %d candidate%s enrolled", (long long)id, ctx->nargs - 1,
                       ctx->nargs == 2 ? "" : "s");
}

static int cmd_check(cli_ctx *ctx)
{
    int64_t id = 0;
    sc_verdict v = SC_VERDICT_INIT;
    int rc, status;

    if ((status = parse_id(ctx, ctx->args[0], "session", &id)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_session_check(&v, ctx->db, id)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        json_t *root = json_object();
        if (root != NULL
            && (cli_json_set(root, "ready", json_boolean(v.ok))
                || cli_json_set(root, "reason", v.ok ? json_null() : json_string(v.message))
                || cli_json_set(root, "reason_code", json_integer(v.reason)))) {
            json_decref(root);
            root = NULL;
        }
        if ((status = cli_emit_json(root)) != CLI_EXIT_OK)
            return status;
    } else if (v.ok) {
        printf("session %lld: ready (staffing meets the standard's ratios)\n", (long long)id);
    } else {
        printf("session %lld: not ready: %s\n", (long long)id, v.message);
    }
    return v.ok ? CLI_EXIT_OK : CLI_EXIT_NO;
}

static const cli_option date_options[] = {
    { "date", "YYYY-MM-DD", "the date (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_confirm(cli_ctx *ctx)
{
    int64_t id = 0;
    int rc, status;
    if ((status = parse_id(ctx, ctx->args[0], "session", &id)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_session_confirm(ctx->db, ctx->actor, id, cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return emit_simple(ctx, "confirmed", json_integer(id),
                       "session %lld: confirmed; staff and candidates are fixed", (long long)id);
}

static int cmd_show(cli_ctx *ctx)
{
    int64_t id = 0;
    sc_session s = SC_SESSION_INIT;
    sc_session_staff_iter *it = NULL;
    sc_enrolment_iter *eit = NULL;
    sc_session_staff st = SC_SESSION_STAFF_INIT;
    sc_enrolment e = SC_ENROLMENT_INIT;
    json_t *root = NULL, *staff = NULL, *cands = NULL;
    int rc, status, bad = 0;

    if ((status = parse_id(ctx, ctx->args[0], "session", &id)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_session_get(&s, ctx->db, id)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        root = session_json(&s);
        staff = json_array();
        cands = json_array();
        bad = root == NULL || staff == NULL || cands == NULL;
    } else {
        print_session(&s);
    }
    if ((rc = sc_session_staff_iter_new(&it, ctx->db, id)) != SC_OK)
        goto fail;
    while ((rc = sc_session_staff_iter_next(&st, it)) == SC_OK) {
        if (ctx->json) {
            json_t *o = json_object();
            bad = bad || o == NULL
                  || cli_json_set(o, "component", json_string(sc_component_name(st.component)))
                  || cli_json_set(o, "person_id", json_string(st.person_id))
                  || cli_json_set(o, "name", json_string(st.name))
                  || cli_json_set(o, "role", cli_json_str(sc_staff_role_name(st.role)))
                  || cli_json_append(staff, o);
        } else {
            printf("  staff      %-9s %s %s (%s)\n", sc_component_name(st.component), st.person_id,
                   st.name, sc_staff_role_name_zh(st.role));
        }
    }
    sc_session_staff_iter_free(it);
    it = NULL;
    if (rc != SC_ITEROVER)
        goto fail;
    if ((rc = sc_enrolment_iter_new(&eit, ctx->db, id)) != SC_OK)
        goto fail;
    while ((rc = sc_enrolment_iter_next(&e, eit)) == SC_OK) {
        char comps[64];
        if (ctx->json) {
            json_t *o = json_object();
            bad = bad || o == NULL || cli_json_set(o, "id_number", json_string(e.id_number))
                  || cli_json_set(o, "name", json_string(e.name))
                  || cli_json_set(o, "attempt", json_integer(e.attempt))
                  || cli_json_set(o, "components", components_json(e.components))
                  || cli_json_set(o, "application", opt_str(e.application_ref))
                  || cli_json_append(cands, o);
        } else {
            printf("  candidate  %s %s attempt %d (%s)\n", e.id_number, e.name, e.attempt,
                   components_text(e.components, comps, sizeof comps));
        }
    }
    sc_enrolment_iter_free(eit);
    eit = NULL;
    if (rc != SC_ITEROVER)
        goto fail;
    if (ctx->json) {
        if (!bad) {
            bad = cli_json_set(root, "staff", staff);
            staff = NULL;
            bad = cli_json_set(root, "enrolled", cands) || bad;
            cands = NULL;
        }
        json_decref(staff);
        json_decref(cands);
        if (bad) {
            json_decref(root);
            root = NULL;
        }
        return cli_emit_json(root);
    }
    return CLI_EXIT_OK;
fail:
    sc_session_staff_iter_free(it);
    sc_enrolment_iter_free(eit);
    json_decref(root);
    json_decref(staff);
    json_decref(cands);
    return cli_fail(rc, NULL);
}

static const cli_option list_options[] = {
    { "org", "CODE", "only this organization's sessions" },
    { "date", "YYYY-MM-DD", "only sessions on this day" },
    { NULL, NULL, NULL }
};

static int cmd_list(cli_ctx *ctx)
{
    sc_session_query q = SC_SESSION_QUERY_INIT;
    sc_session_iter *it = NULL;
    sc_session s = SC_SESSION_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    int rc;

    if (ctx->json && arr == NULL)
        return cli_oom();
    q.credit_code = cli_opt(ctx, "org");
    q.date = cli_opt(ctx, "date");
    if ((rc = sc_session_iter_new(&it, ctx->db, &q)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_session_iter_next(&s, it)) == SC_OK) {
        if (ctx->json) {
            if (cli_json_append(arr, session_json(&s))) {
                sc_session_iter_free(it);
                json_decref(arr);
                return cli_oom();
            }
        } else {
            print_session(&s);
        }
    }
    sc_session_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

const cli_command cli_session_commands[] = {
    { "venue-add", cmd_venue_add, NULL, venue_add_options, 1, 1, CHANGE,
      "CODE --name N --address A --district D [--rooms N] [--date D]",
      "record an assessment venue in the organization's district (actor: the organization)",
      NULL },
    { "venue-inspect", cmd_venue_inspect, NULL, venue_inspect_options, 1, 1, CHANGE,
      "VENUE --result passed|failed [--note TEXT] [--date D]",
      "record the district's venue inspection (评价场地核查) (actor: district:CODE)", NULL },
    { "create", cmd_create, NULL, create_options, 2, 2, CHANGE,
      "CODE OCCUPATION --level N --venue ID [--work-type W] [--path P] [--date D] [--rooms N] "
      "[--online]",
      "plan an assessment session inside the organization's scope (actor: the organization)",
      "The organization must be allowed to certify the offering that day, and the\n"
      "venue must be its own and have passed its inspection on or before that day.\n"
      "Levels 5-3 take theory and practical; levels 2 and 1 add the review; the\n"
      "direct path is the review only." },
    { "staff", cmd_staff, NULL, staff_options, 3, -1, CHANGE,
      "SESSION COMPONENT PERSON... [--remove]",
      "assign qualified staff to theory, practical or review (actor: the organization)",
      "Invigilators and practical examiners are examiners (考评员); review panel\n"
      "members are examiners or experts (专家). Each must be on staff that day and\n"
      "qualified for the occupation at the session's level or higher." },
    { "enrol", cmd_enrol, NULL, enrol_options, 2, -1, CHANGE,
      "SESSION ID-NUMBER... [--application NUMBER]",
      "enrol confirmed applicants (actor: the organization)",
      "Only confirmed applicants enrol: each candidate's application confirmed by\n"
      "the district (报名确认) to the organization for the session's offering and\n"
      "path is found and linked (or the one --application names is checked). A\n"
      "pass completes it; a candidate whose last result for the offering failed\n"
      "enrols again on it and takes only the failed components (a resit)." },
    { "check", cmd_check, NULL, NULL, 1, 1, CLI_NEEDS_DB, "SESSION",
      "does the staffing meet the standard's ratios? (exit 0 yes, 1 no)",
      "Theory: 1 invigilator per 15 candidates and 2 per room; practical: 1 examiner\n"
      "per 5, an odd number, 3 or more; review: an odd panel of 3 or more (the\n"
      "template; a standard may set its own)." },
    { "confirm", cmd_confirm, NULL, date_options, 1, 1, CHANGE, "SESSION [--date D]",
      "confirm a ready session; staff and candidates are then fixed", NULL },
    { "show", cmd_show, NULL, NULL, 1, 1, CLI_NEEDS_DB, "SESSION",
      "show a session with its staff and candidates", NULL },
    { "list", cmd_list, NULL, list_options, 0, 0, CLI_NEEDS_DB, "[--org CODE] [--date D]",
      "list sessions", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- the bank ------------------------------------------------------------------------- */

static json_t *item_json(const sc_item *it)
{
    json_t *o = json_object(), *opts = json_array();
    size_t i;
    int bad = o == NULL || opts == NULL;
    for (i = 0; !bad && i < sc_item_option_count(it); i++)
        bad = cli_json_append(opts, json_string(sc_item_option(it, i)));
    bad = bad || cli_json_set(o, "code", json_string(sc_item_code(it)))
          || cli_json_set(o, "version", json_integer(sc_item_version(it)))
          || cli_json_set(o, "type", cli_json_str(sc_item_type_name(sc_item_type_of(it))))
          || cli_json_set(o, "occupation", json_string(sc_item_occupation(it)))
          || cli_json_set(o, "work_type", opt_str(sc_item_work_type(it)))
          || cli_json_set(o, "level", json_integer(sc_item_level(it)))
          || cli_json_set(o, "area", json_string(sc_item_area(it)))
          || cli_json_set(o, "difficulty", json_integer(sc_item_difficulty(it)))
          || cli_json_set(o, "stem", json_string(sc_item_stem(it)))
          || cli_json_set(o, "answer", opt_str(sc_item_answer(it)))
          || cli_json_set(o, "exposure", json_integer(sc_item_exposure(it)))
          || cli_json_set(o, "saved", opt_str(sc_item_saved(it)));
    if (!bad) {
        bad = cli_json_set(o, "options", opts);
        opts = NULL;
    }
    json_decref(opts);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void print_item(const sc_item *it, int full)
{
    size_t i;
    printf("%s v%d  %-10s %s level %d  area %s  difficulty %d  exposure %lld\n",
           sc_item_code(it), sc_item_version(it), sc_item_type_name(sc_item_type_of(it)),
           sc_item_occupation(it), sc_item_level(it), sc_item_area(it), sc_item_difficulty(it),
           (long long)sc_item_exposure(it));
    if (!full)
        return;
    printf("  %s\n", sc_item_stem(it));
    for (i = 0; i < sc_item_option_count(it); i++)
        printf("  %c. %s\n", (int)('A' + i), sc_item_option(it, i));
    printf("  answer: %s\n", sc_item_answer(it)[0] ? sc_item_answer(it) : "-");
}

static const cli_option add_item_options[] = {
    { "type", "TYPE", "single, multiple, true-false or practical (required)" },
    { "occupation", "CODE", "the occupation (required)" },
    { "work-type", "NAME", "the work type; omit for items common to the occupation" },
    { "level", "N", "the level (required)" },
    { "area", "AREA", "the knowledge area of the standard's weight table (required)" },
    { "difficulty", "N", "1 (easiest) to 5 (required)" },
    { "stem", "TEXT", "the question or task (required)" },
    { "answer", "KEY", "B; ACD; T or F; or the scoring criteria of a practical task" },
    { NULL, NULL, NULL }
};

static int cmd_add_item(cli_ctx *ctx)
{
    const char *type_text = cli_opt(ctx, "type"), *occ = cli_opt(ctx, "occupation");
    const char *level_text = cli_opt(ctx, "level"), *area = cli_opt(ctx, "area");
    const char *diff_text = cli_opt(ctx, "difficulty"), *stem = cli_opt(ctx, "stem");
    sc_item *it = NULL;
    long difficulty = 0;
    int type = 0, level = 0, version = 0, rc, status, i;

    if (!type_text || !occ || !level_text || !area || !diff_text || !stem)
        return cli_usage_error(ctx, "--type, --occupation, --level, --area, --difficulty and "
                                    "--stem are required");
    if ((rc = sc_item_type_parse(&type, type_text)) != SC_OK)
        return cli_fail(rc, "--type");
    if ((rc = sc_level_parse(&level, level_text)) != SC_OK)
        return cli_fail(rc, "--level");
    if ((status = parse_int(ctx, diff_text, "--difficulty", 1, 5, &difficulty)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_item_new(&it, ctx->args[1], type, occ, cli_opt(ctx, "work-type"), level, area,
                          (int)difficulty, stem)) != SC_OK)
        return cli_fail(rc, NULL);
    for (i = 2; i < ctx->nargs && rc == SC_OK; i++)
        rc = sc_item_add_option(it, ctx->args[i]);
    if (rc == SC_OK && cli_opt(ctx, "answer") != NULL)
        rc = sc_item_set_answer(it, cli_opt(ctx, "answer"));
    if (rc == SC_OK)
        rc = sc_bank_item_save(&version, ctx->db, ctx->actor, ctx->args[0], it);
    sc_item_free(it);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return emit_simple(ctx, "version", json_integer(version), "%s: item %s saved as version %d",
                       ctx->args[0], ctx->args[1], version);
}

static const cli_option bank_list_options[] = {
    { "occupation", "CODE", "only this occupation's items" },
    { "level", "N", "only this level's items" },
    { NULL, NULL, NULL }
};

static int cmd_bank_list(cli_ctx *ctx)
{
    sc_bank_query q = SC_BANK_QUERY_INIT;
    sc_bank_iter *it = NULL;
    sc_item *item = NULL;
    json_t *arr = ctx->json ? json_array() : NULL;
    int level = 0, rc;

    if (cli_opt(ctx, "level") != NULL && (rc = sc_level_parse(&level, cli_opt(ctx, "level"))) != SC_OK)
        return cli_fail(rc, "--level");
    q.occupation = cli_opt(ctx, "occupation");
    q.level = level;
    if ((rc = sc_bank_iter_new(&it, ctx->db, ctx->args[0], &q)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_bank_iter_next(&item, it)) == SC_OK) {
        if (ctx->json) {
            if (cli_json_append(arr, item_json(item)))
                rc = SC_ENOMEM;
        } else {
            print_item(item, 0);
        }
        sc_item_free(item);
        if (rc != SC_OK)
            break;
    }
    sc_bank_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

static const cli_option bank_show_options[] = {
    { "version", "N", "this version (default: the latest)" },
    { NULL, NULL, NULL }
};

static int cmd_bank_show(cli_ctx *ctx)
{
    sc_item *it = NULL;
    long version = 0;
    int64_t exposure = 0;
    int rc, status;
    if (cli_opt(ctx, "version") != NULL
        && (status = parse_int(ctx, cli_opt(ctx, "version"), "--version", 1, 1000000, &version))
               != CLI_EXIT_OK)
        return status;
    if ((rc = sc_bank_item_get(&it, ctx->db, ctx->args[0], ctx->args[1], (int)version)) != SC_OK)
        return cli_fail(rc, NULL);
    if ((rc = sc_bank_exposure_get(&exposure, ctx->db, ctx->args[0], ctx->args[1])) != SC_OK) {
        sc_item_free(it);
        return cli_fail(rc, NULL);
    }
    if (ctx->json) {
        json_t *o = item_json(it);
        sc_item_free(it);
        if (o != NULL && cli_json_set(o, "total_exposure", json_integer(exposure))) {
            json_decref(o);
            o = NULL;
        }
        return cli_emit_json(o);
    }
    print_item(it, 1);
    printf("  total exposure (all versions): %lld\n", (long long)exposure);
    sc_item_free(it);
    return CLI_EXIT_OK;
}

const cli_command cli_bank_commands[] = {
    { "add-item", cmd_add_item, NULL, add_item_options, 2, -1, CHANGE,
      "CODE ITEM --type T --occupation O --level N --area A --difficulty D --stem S "
      "[--answer K] [OPTION...]",
      "save an item in the organization's question bank (题库) (actor: the organization)",
      "OPTIONs are the choices A, B, C ... of a choice item. An item that appears in\n"
      "a paper is never changed: saving it again creates its next version." },
    { "list", cmd_bank_list, NULL, bank_list_options, 1, 1, CLI_NEEDS_DB,
      "CODE [--occupation O] [--level N]", "list the latest version of each item", NULL },
    { "show", cmd_bank_show, NULL, bank_show_options, 2, 2, CLI_NEEDS_DB,
      "CODE ITEM [--version N]", "show an item with its options, answer and exposure", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- papers ------------------------------------------------------------------------------ */

/* Split "A:1,B:2" on commas; call fn for each "K:V[:W]" part. */
static int each_spec(cli_ctx *ctx, const char *text, const char *opt,
                     int (*fn)(cli_ctx *, sc_blueprint *, char *, const char *), sc_blueprint *bp)
{
    char *copy = strdup(text), *p, *save = NULL;
    int status = CLI_EXIT_OK;
    if (copy == NULL)
        return cli_oom();
    for (p = strtok_r(copy, ",", &save); p != NULL && status == CLI_EXIT_OK;
         p = strtok_r(NULL, ",", &save))
        status = fn(ctx, bp, p, opt);
    free(copy);
    return status;
}

static int add_area(cli_ctx *ctx, sc_blueprint *bp, char *spec, const char *opt)
{
    char *colon = strrchr(spec, ':');
    long pct = 0;
    int rc, status;
    if (colon == NULL)
        return cli_usage_error(ctx, "%s: '%s' is not AREA:PERCENT", opt, spec);
    *colon = '\0';
    if ((status = parse_int(ctx, colon + 1, opt, 1, 100, &pct)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_blueprint_add_area(bp, spec, (int)pct)) != SC_OK)
        return cli_fail(rc, opt);
    return CLI_EXIT_OK;
}

static int add_type(cli_ctx *ctx, sc_blueprint *bp, char *spec, const char *opt)
{
    char *a = strchr(spec, ':'), *b = a != NULL ? strchr(a + 1, ':') : NULL;
    long count = 0;
    double points = 0;
    int type = 0, rc, status;
    if (a == NULL || b == NULL)
        return cli_usage_error(ctx, "%s: '%s' is not TYPE:COUNT:POINTS", opt, spec);
    *a = '\0';
    *b = '\0';
    if ((rc = sc_item_type_parse(&type, spec)) != SC_OK)
        return cli_fail(rc, opt);
    if ((status = parse_int(ctx, a + 1, opt, 1, 1000, &count)) != CLI_EXIT_OK)
        return status;
    if (cli_strict_decimal(b + 1, &points) != 0)
        return cli_usage_error(ctx, "%s: '%s' is not a number of points", opt, b + 1);
    if ((rc = sc_blueprint_add_type(bp, type, (int)count, points)) != SC_OK)
        return cli_fail(rc, opt);
    return CLI_EXIT_OK;
}

static int add_mix(cli_ctx *ctx, sc_blueprint *bp, char *spec, const char *opt)
{
    char *colon = strchr(spec, ':');
    long d = 0, pct = 0;
    int rc, status;
    if (colon == NULL)
        return cli_usage_error(ctx, "%s: '%s' is not DIFFICULTY:PERCENT", opt, spec);
    *colon = '\0';
    if ((status = parse_int(ctx, spec, opt, 1, 5, &d)) != CLI_EXIT_OK ||
        (status = parse_int(ctx, colon + 1, opt, 0, 100, &pct)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_blueprint_add_difficulty(bp, (int)d, (int)pct)) != SC_OK)
        return cli_fail(rc, opt);
    return CLI_EXIT_OK;
}

static const cli_option assemble_options[] = {
    { "component", "C", "theory or practical (required)" },
    { "areas", "A:P,...", "the weight table: knowledge area and percent, summing to 100 (required)" },
    { "types", "T:N:P,...", "item type, count and points each, summing to 100 points (required)" },
    { "mix", "D:P,...", "difficulty mix: difficulty 1-5 and percent, summing to 100" },
    { "seed", "N", "the random seed (default 1): the same seed gives the same paper" },
    { NULL, NULL, NULL }
};

static int print_paper(cli_ctx *ctx, int64_t id)
{
    sc_paper p = SC_PAPER_INIT;
    sc_paper_item_iter *it = NULL;
    sc_paper_item item = SC_PAPER_ITEM_INIT;
    json_t *root = NULL, *items = NULL;
    int rc, bad = 0;

    if ((rc = sc_paper_get(&p, ctx->db, id)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        root = json_object();
        items = json_array();
        bad = root == NULL || items == NULL
              || cli_json_set(root, "id", json_integer(p.id))
              || cli_json_set(root, "session", json_integer(p.session_id))
              || cli_json_set(root, "component", json_string(sc_component_name(p.component)))
              || cli_json_set(root, "seed", json_integer((json_int_t)p.seed))
              || cli_json_set(root, "total_points", json_real(p.total_points));
    } else {
        printf("paper %lld: session %lld, %s, seed %llu, %lld items, %g points\n",
               (long long)p.id, (long long)p.session_id, sc_component_name(p.component),
               (unsigned long long)p.seed, (long long)p.items, p.total_points);
    }
    if ((rc = sc_paper_item_iter_new(&it, ctx->db, id)) != SC_OK) {
        json_decref(root);
        json_decref(items);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_paper_item_iter_next(&item, it)) == SC_OK) {
        if (ctx->json) {
            json_t *o = json_object();
            bad = bad || o == NULL || cli_json_set(o, "seq", json_integer(item.seq))
                  || cli_json_set(o, "code", json_string(item.code))
                  || cli_json_set(o, "version", json_integer(item.item_version))
                  || cli_json_set(o, "type", cli_json_str(sc_item_type_name(item.type)))
                  || cli_json_set(o, "area", json_string(item.area))
                  || cli_json_set(o, "difficulty", json_integer(item.difficulty))
                  || cli_json_set(o, "points", json_real(item.points))
                  || cli_json_append(items, o);
        } else {
            printf("  %3d  %-20s v%-3d %-10s %-12s d%d  %g\n", item.seq, item.code, item.item_version,
                   sc_item_type_name(item.type), item.area, item.difficulty, item.points);
        }
    }
    sc_paper_item_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(root);
        json_decref(items);
        return cli_fail(rc, NULL);
    }
    if (!ctx->json)
        return CLI_EXIT_OK;
    if (!bad) {
        bad = cli_json_set(root, "items", items);
        items = NULL;
    }
    json_decref(items);
    if (bad) {
        json_decref(root);
        root = NULL;
    }
    return cli_emit_json(root);
}

static int cmd_assemble(cli_ctx *ctx)
{
    const char *comp = cli_opt(ctx, "component"), *areas = cli_opt(ctx, "areas");
    const char *types = cli_opt(ctx, "types"), *mix = cli_opt(ctx, "mix");
    sc_blueprint *bp = NULL;
    int64_t session = 0, paper = 0;
    unsigned long long seed = 1;
    int component = 0, rc, status;

    if (comp == NULL || areas == NULL || types == NULL)
        return cli_usage_error(ctx, "--component, --areas and --types are required");
    if ((status = parse_id(ctx, ctx->args[0], "session", &session)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_component_parse(&component, comp)) != SC_OK)
        return cli_fail(rc, "--component");
    if (cli_opt(ctx, "seed") != NULL) {
        uint64_t v = 0;
        if (cli_strict_uint64(cli_opt(ctx, "seed"), &v) != 0)
            return cli_usage_error(ctx, "--seed '%s' is not a number", cli_opt(ctx, "seed"));
        seed = v;
    }
    if ((rc = sc_blueprint_new(&bp)) != SC_OK)
        return cli_fail(rc, NULL);
    status = each_spec(ctx, areas, "--areas", add_area, bp);
    if (status == CLI_EXIT_OK)
        status = each_spec(ctx, types, "--types", add_type, bp);
    if (status == CLI_EXIT_OK && mix != NULL)
        status = each_spec(ctx, mix, "--mix", add_mix, bp);
    if (status != CLI_EXIT_OK) {
        sc_blueprint_free(bp);
        return status;
    }
    rc = sc_paper_assemble(&paper, ctx->db, ctx->actor, session, component, bp, (uint64_t)seed);
    sc_blueprint_free(bp);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return print_paper(ctx, paper);
}

static int cmd_paper_show(cli_ctx *ctx)
{
    int64_t id = 0;
    int status;
    if ((status = parse_id(ctx, ctx->args[0], "paper", &id)) != CLI_EXIT_OK)
        return status;
    return print_paper(ctx, id);
}

static int cmd_paper_score(cli_ctx *ctx)
{
    int64_t id = 0;
    const char **answers;
    double score = 0;
    int i, n = ctx->nargs - 2, rc, status;

    if ((status = parse_id(ctx, ctx->args[0], "paper", &id)) != CLI_EXIT_OK)
        return status;
    answers = calloc((size_t)(n > 0 ? n : 1), sizeof *answers);
    if (answers == NULL)
        return cli_oom();
    for (i = 0; i < n; i++)
        answers[i] = strcmp(ctx->args[2 + i], "-") == 0 ? NULL : ctx->args[2 + i];
    rc = sc_paper_score(&score, ctx->db, ctx->actor, id, ctx->args[1], answers, (size_t)n);
    free(answers);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return emit_simple(ctx, "score", json_real(score), "paper %lld: %s scored %g",
                       (long long)id, ctx->args[1], score);
}

const cli_command cli_paper_commands[] = {
    { "assemble", cmd_assemble, NULL, assemble_options, 1, 1, CHANGE,
      "SESSION --component C --areas A:P,... --types T:N:P,... [--mix D:P,...] [--seed N]",
      "assemble a paper from the organization's bank (actor: the organization)",
      "The count of each type is split over the areas by weight and over the\n"
      "difficulties by the mix; items are drawn at random from the seed: the same\n"
      "bank, blueprint and seed give the same paper. No item appears twice; each\n"
      "drawn item's exposure grows by one.\n"
      "Example: --areas 基础知识:30,配送作业:70 --types single:20:3,true-false:20:2\n"
      "         --mix 1:30,2:50,3:20" },
    { "show", cmd_paper_show, NULL, NULL, 1, 1, CLI_NEEDS_DB, "PAPER",
      "show a paper's items", NULL },
    { "score", cmd_paper_score, NULL, NULL, 2, -1, CHANGE, "PAPER ID-NUMBER ANSWER...",
      "score an online answer sheet (one ANSWER per item; '-' for none or a practical task)",
      NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- results -------------------------------------------------------------------------------- */

static json_t *result_json(const sc_result *r)
{
    json_t *o = json_object();
    if (o == NULL || cli_json_set(o, "session", json_integer(r->session_id))
        || cli_json_set(o, "id_number", json_string(r->id_number))
        || cli_json_set(o, "name", json_string(r->name))
        || cli_json_set(o, "attempt", json_integer(r->attempt))
        || cli_json_set(o, "theory", score_json(r->theory))
        || cli_json_set(o, "practical", score_json(r->practical))
        || cli_json_set(o, "review", score_json(r->review))
        || cli_json_set(o, "carried", components_json(r->carried))
        || cli_json_set(o, "passed", json_boolean(r->passed))
        || cli_json_set(o, "recorded", json_string(r->recorded))
        || cli_json_set(o, "certificate", opt_str(r->certificate))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void print_score(const char *name, double s)
{
    if (s >= 0)
        printf(" %s %g", name, s);
}

static void print_result(const sc_result *r)
{
    printf("%s %s attempt %d:", r->id_number, r->name, r->attempt);
    print_score("theory", r->theory);
    print_score("practical", r->practical);
    print_score("review", r->review);
    printf(" -> %s%s%s\n", r->passed ? "passed" : "failed", r->certificate[0] ? ", certificate " : "",
           r->certificate);
}

static const cli_option record_options[] = {
    { "theory", "SCORE", "theory score 0-100" },
    { "practical", "SCORE", "practical score 0-100" },
    { "review", "SCORE", "review score 0-100" },
    { "date", "YYYY-MM-DD", "recorded on (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_record(cli_ctx *ctx)
{
    double t, p, r;
    int64_t id = 0;
    sc_result res = SC_RESULT_INIT;
    int rc, status;
    if ((status = parse_id(ctx, ctx->args[0], "session", &id)) != CLI_EXIT_OK ||
        (status = parse_score(ctx, cli_opt(ctx, "theory"), "--theory", &t)) != CLI_EXIT_OK ||
        (status = parse_score(ctx, cli_opt(ctx, "practical"), "--practical", &p)) != CLI_EXIT_OK ||
        (status = parse_score(ctx, cli_opt(ctx, "review"), "--review", &r)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_result_record(ctx->db, ctx->actor, id, ctx->args[1], t, p, r,
                               cli_opt(ctx, "date"))) != SC_OK ||
        (rc = sc_result_get(&res, ctx->db, id, ctx->args[1])) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json)
        return cli_emit_json(result_json(&res));
    print_result(&res);
    return CLI_EXIT_OK;
}

static int cmd_result_list(cli_ctx *ctx)
{
    sc_result_iter *it = NULL;
    sc_result r = SC_RESULT_INIT;
    json_t *arr = ctx->json ? json_array() : NULL;
    int64_t id = 0;
    int rc, status;
    if ((status = parse_id(ctx, ctx->args[0], "session", &id)) != CLI_EXIT_OK) {
        json_decref(arr);
        return status;
    }
    if ((rc = sc_result_iter_new(&it, ctx->db, id)) != SC_OK) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    while ((rc = sc_result_iter_next(&r, it)) == SC_OK) {
        if (ctx->json) {
            if (cli_json_append(arr, result_json(&r))) {
                rc = SC_ENOMEM;
                break;
            }
        } else {
            print_result(&r);
        }
    }
    sc_result_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    return ctx->json ? cli_emit_json(arr) : CLI_EXIT_OK;
}

const cli_command cli_result_commands[] = {
    { "record", cmd_record, NULL, record_options, 2, 2, CHANGE,
      "SESSION ID-NUMBER [--theory S] [--practical S] [--review S] [--date D]",
      "record a candidate's scores in a confirmed session (actor: the organization)",
      "Give a score for every component the candidate takes; a resit's passed\n"
      "components are carried over. The result passes when every component reaches\n"
      "the standard's pass score (60 unless the standard says otherwise)." },
    { "list", cmd_result_list, NULL, NULL, 1, 1, CLI_NEEDS_DB, "SESSION",
      "list a session's results", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};
