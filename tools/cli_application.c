/*
 * cli_application.c — intake announcements and applications (application.h).
 *
 *   announce publish CODE OFFERING... --code C --title T --opens D --closes D --fees F
 *   announce list | show ID | close ID
 *   apply ANNOUNCEMENT ID-NUMBER OFFERING [--path P] [--evidence TEXT] [--record FILE]
 *   application verify | confirm  ID... | --ids-file FILE | --all-submitted/--all-verified --org C
 *   application reject | withdraw ID --reason TEXT
 *   application list | show ID
 *   application export-answer ANNOUNCEMENT --batch B [FILE | --output FILE]
 *   application export-batch ...   (deprecated: export candidate-batch)
 *
 * OFFERING is CODE[/WORK-TYPE]:LEVELS for an announcement (e.g. 4-02-07-10:5,4)
 * and CODE[/WORK-TYPE]:LEVEL for an application. The district imports the
 * exported candidate batch and the organization the answer with `import`.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CHANGE (CLI_NEEDS_DB | CLI_NEEDS_ACTOR)

/* ---- values as JSON and text ------------------------------------------------------ */

static json_t *opt_str(const char *s)
{
    return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *methods_json(unsigned int m)
{
    json_t *arr = json_array();
    unsigned int bit;
    for (bit = SC_METHOD_THEORY; arr != NULL && bit <= SC_METHOD_REVIEW; bit <<= 1)
        if ((m & bit) && cli_json_append(arr, json_string(sc_method_name(bit)))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

static void methods_text(unsigned int m, char *buf, size_t cap)
{
    unsigned int bit;
    size_t o = 0;
    buf[0] = '\0';
    for (bit = SC_METHOD_THEORY; bit <= SC_METHOD_REVIEW; bit <<= 1)
        if ((m & bit) && o < cap)
            o += (size_t)snprintf(buf + o, cap - o, "%s%s", o ? "," : "", sc_method_name(bit));
}

static json_t *offerings_json(const sc_offerings *s)
{
    json_t *arr = json_array();
    size_t i, n = sc_offerings_count(s);
    for (i = 0; arr != NULL && i < n; i++) {
        sc_offering_item it = SC_OFFERING_ITEM_INIT;
        json_t *o = json_object();
        if (sc_offerings_get(&it, s, i) != SC_OK || o == NULL
            || cli_json_set(o, "occupation", json_string(it.occupation))
            || cli_json_set(o, "work_type", opt_str(it.work_type))
            || cli_json_set(o, "level", json_integer(it.level))
            || cli_json_append(arr, o)) {
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static void print_offerings(const sc_offerings *s)
{
    size_t i, n = sc_offerings_count(s);
    sc_offering_item prev = SC_OFFERING_ITEM_INIT, it = SC_OFFERING_ITEM_INIT;
    prev = (sc_offering_item)SC_OFFERING_ITEM_INIT;
    for (i = 0; i < n; i++) {
        if (sc_offerings_get(&it, s, i) != SC_OK)
            continue;
        if (i > 0 && !strcmp(it.occupation, prev.occupation) &&
            !strcmp(it.work_type, prev.work_type))
            printf(",%d", it.level);
        else
            printf("%s%s%s%s:%d", i ? " " : "", it.occupation, it.work_type[0] ? "/" : "",
                   it.work_type, it.level);
        prev = it;
    }
}

static json_t *announcement_json(const sc_announcement *a, const sc_offerings *s)
{
    json_t *o = json_object();
    if (o != NULL
        && (cli_json_set(o, "id", json_integer((json_int_t)a->id))
            || cli_json_set(o, "credit_code", json_string(a->credit_code))
            || cli_json_set(o, "code", json_string(a->code))
            || cli_json_set(o, "title", json_string(a->title))
            || cli_json_set(o, "opens", json_string(a->opens))
            || cli_json_set(o, "closes", json_string(a->closes))
            || cli_json_set(o, "fees", json_string(a->fees))
            || cli_json_set(o, "methods", methods_json(a->methods))
            || cli_json_set(o, "published", json_string(a->published))
            || cli_json_set(o, "closed", opt_str(a->closed))
            || cli_json_set(o, "open", json_boolean(a->open))
            || (s != NULL && cli_json_set(o, "offerings", offerings_json(s))))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *application_json(const sc_application *a)
{
    json_t *o = json_object();
    if (o != NULL
        && (cli_json_set(o, "id", json_integer((json_int_t)a->id))
            || cli_json_set(o, "announcement_id", json_integer((json_int_t)a->announcement_id))
            || cli_json_set(o, "announcement", json_string(a->announcement))
            || cli_json_set(o, "credit_code", json_string(a->credit_code))
            || cli_json_set(o, "id_number", json_string(a->id_number))
            || cli_json_set(o, "name", json_string(a->name))
            || cli_json_set(o, "occupation", json_string(a->occupation))
            || cli_json_set(o, "work_type", opt_str(a->work_type))
            || cli_json_set(o, "level", json_integer(a->level))
            || cli_json_set(o, "path", cli_json_str(sc_path_name(a->path)))
            || cli_json_set(o, "evidence", opt_str(a->evidence))
            || cli_json_set(o, "state", cli_json_str(sc_application_state_name(a->state)))
            || cli_json_set(o, "applied", json_string(a->applied))
            || cli_json_set(o, "applied_by", json_string(a->applied_by))
            || cli_json_set(o, "verified", opt_str(a->verified))
            || cli_json_set(o, "verified_by", opt_str(a->verified_by))
            || cli_json_set(o, "eligibility", opt_str(a->eligibility))
            || cli_json_set(o, "eligibility_reason", json_integer(a->eligibility_reason))
            || cli_json_set(o, "decision", opt_str(a->decision))
            || cli_json_set(o, "confirmed", opt_str(a->confirmed))
            || cli_json_set(o, "confirmed_by", opt_str(a->confirmed_by))
            || cli_json_set(o, "ended", opt_str(a->ended))
            || cli_json_set(o, "ended_by", opt_str(a->ended_by))
            || cli_json_set(o, "ended_at", a->ended_at ? cli_json_str(sc_application_state_name(
                                                             a->ended_at))
                                                       : json_null())
            || cli_json_set(o, "reason", opt_str(a->reason))
            || cli_json_set(o, "batch_id", opt_str(a->batch_id)))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void print_application(const sc_application *a)
{
    printf("application    %lld\n", (long long)a->id);
    printf("candidate      %s (%s)\n", a->id_number, a->name);
    printf("organization   %s, announcement %s (%lld)\n", a->credit_code, a->announcement,
           (long long)a->announcement_id);
    printf("offering       %s%s%s level %d (%s)\n", a->occupation, a->work_type[0] ? "/" : "",
           a->work_type, a->level, sc_level_name_zh(a->level));
    printf("path           %s%s%s\n", sc_path_name(a->path), a->evidence[0] ? ": " : "",
           a->evidence);
    printf("state          %s\n", sc_application_state_name(a->state));
    printf("applied        %s by %s\n", a->applied, a->applied_by);
    if (a->verified[0])
        printf("verified       %s by %s%s%s\n", a->verified, a->verified_by,
               a->eligibility[0] ? ", condition " : "", a->eligibility);
    if (a->decision[0])
        printf("eligibility    %s\n", a->decision);
    if (a->confirmed[0])
        printf("confirmed      %s by %s\n", a->confirmed, a->confirmed_by);
    if (a->ended[0])
        printf("%-14s %s by %s (at %s): %s\n", sc_application_state_name(a->state), a->ended,
               a->ended_by, sc_application_state_name(a->ended_at), a->reason);
    if (a->batch_id[0])
        printf("batch          %s\n", a->batch_id);
}

/* Print (or emit as JSON) application `id` after a change, with `what`. */
static int report_application(cli_ctx *ctx, int64_t id, const char *what)
{
    sc_application a = SC_APPLICATION_INIT;
    int rc = sc_application_get(&a, ctx->db, id);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json)
        return cli_emit_json(application_json(&a));
    printf("application %lld: %s (%s)\n", (long long)id, what, sc_application_state_name(a.state));
    return CLI_EXIT_OK;
}

static int parse_id(const cli_ctx *ctx, const char *text, int64_t *out)
{
    return cli_parse_id(ctx, text, "id", out);
}

/* ---- announce ------------------------------------------------------------------------ */

static const cli_option publish_options[] = {
    { "code", "CODE", "the announcement's own code, e.g. 2024-01 (required)" },
    { "title", "TEXT", "its title (required)" },
    { "opens", "YYYY-MM-DD", "first day applications are taken (required)" },
    { "closes", "YYYY-MM-DD", "last day applications are taken (required)" },
    { "fees", "TEXT", "the fees (text or URL) (required)" },
    { "methods", "LIST", "theory,practical,review (default: theory,practical)" },
    { "date", "YYYY-MM-DD", "publication day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int copy_opt(const cli_ctx *ctx, const char *name, char *dst, size_t cap)
{
    const char *v = cli_opt(ctx, name);
    if (v == NULL)
        return cli_usage_error(ctx, "option --%s is required", name);
    if (strlen(v) >= cap)
        return cli_usage_error(ctx, "--%s is longer than %zu bytes", name, cap - 1);
    memcpy(dst, v, strlen(v) + 1);
    return CLI_EXIT_OK;
}

static int show_announcement(cli_ctx *ctx, int64_t id, const char *date, const char *what)
{
    sc_announcement a = SC_ANNOUNCEMENT_INIT;
    sc_offerings *s = NULL;
    int rc;
    char m[64];
    if ((rc = sc_announcement_get(&a, ctx->db, id, date)) != SC_OK ||
        (rc = sc_announcement_offerings_get(&s, ctx->db, id)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json) {
        rc = cli_emit_json(announcement_json(&a, s));
        sc_offerings_free(s);
        return rc;
    }
    methods_text(a.methods, m, sizeof m);
    if (what) {
        printf("announcement %lld (%s of %s) %s: ", (long long)a.id, a.code, a.credit_code, what);
        print_offerings(s);
        printf(", intake %s to %s\n", a.opens, a.closes);
    } else {
        printf("announcement  %lld\n", (long long)a.id);
        printf("organization  %s\n", a.credit_code);
        printf("code          %s\n", a.code);
        printf("title         %s\n", a.title);
        printf("intake        %s to %s%s%s\n", a.opens, a.closes,
               a.closed[0] ? ", closed early from " : "", a.closed);
        printf("offerings     ");
        print_offerings(s);
        printf("\nfees          %s\nmethods       %s\npublished     %s\nopen          %s%s%s\n",
               a.fees, m, a.published, a.open ? "yes" : "no", date ? " on " : "",
               date ? date : "");
    }
    sc_offerings_free(s);
    return CLI_EXIT_OK;
}

static int cmd_announce_publish(cli_ctx *ctx)
{
    sc_announcement a = SC_ANNOUNCEMENT_INIT;
    sc_offerings *s = NULL;
    const char *methods = cli_opt(ctx, "methods");
    int64_t id = 0;
    int i, rc, status;

    a = (sc_announcement)SC_ANNOUNCEMENT_INIT;
    if ((status = copy_opt(ctx, "code", a.code, sizeof a.code)) != CLI_EXIT_OK ||
        (status = copy_opt(ctx, "title", a.title, sizeof a.title)) != CLI_EXIT_OK ||
        (status = copy_opt(ctx, "opens", a.opens, sizeof a.opens)) != CLI_EXIT_OK ||
        (status = copy_opt(ctx, "closes", a.closes, sizeof a.closes)) != CLI_EXIT_OK ||
        (status = copy_opt(ctx, "fees", a.fees, sizeof a.fees)) != CLI_EXIT_OK)
        return status;
    if (strlen(ctx->args[0]) >= sizeof a.credit_code)
        return cli_usage_error(ctx, "'%s' is not a credit code", ctx->args[0]);
    memcpy(a.credit_code, ctx->args[0], strlen(ctx->args[0]) + 1);
    if ((rc = sc_methods_parse(&a.methods, methods ? methods : "theory,practical")) != SC_OK)
        return cli_fail(rc, "--methods");
    if ((rc = sc_offerings_new(&s)) != SC_OK)
        return cli_fail(rc, NULL);
    for (i = 1; i < ctx->nargs; i++)
        if ((rc = sc_offerings_add_text(s, ctx->args[i])) != SC_OK) {
            sc_offerings_free(s);
            return cli_fail(rc, NULL);
        }
    rc = sc_announcement_publish(&id, ctx->db, ctx->actor, &a, s, cli_opt(ctx, "date"));
    sc_offerings_free(s);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return show_announcement(ctx, id, cli_opt(ctx, "date"), "published");
}

static const cli_option announce_list_options[] = {
    { "org", "CODE", "only this organization's" },
    { "date", "YYYY-MM-DD", "open on that day (default: today, UTC)" },
    { "open", NULL, "only those open on that day" },
    { NULL, NULL, NULL }
};

static int cmd_announce_list(cli_ctx *ctx)
{
    sc_announcement_query q = SC_ANNOUNCEMENT_QUERY_INIT;
    sc_announcement_iter *it = NULL;
    sc_announcement a = SC_ANNOUNCEMENT_INIT;
    json_t *arr = NULL;
    int rc, n = 0;

    q.credit_code = cli_opt(ctx, "org");
    q.date = cli_opt(ctx, "date");
    q.open_only = cli_opt(ctx, "open") != NULL;
    if ((rc = sc_announcement_iter_new(&it, ctx->db, &q)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json && (arr = json_array()) == NULL) {
        sc_announcement_iter_free(it);
        return cli_oom();
    }
    while ((rc = sc_announcement_iter_next(&a, it)) == SC_OK) {
        n++;
        if (ctx->json) {
            if (cli_json_append(arr, announcement_json(&a, NULL))) {
                rc = SC_ENOMEM;
                break;
            }
        } else {
            printf("%-4lld %-18s %-12s %s to %s  %-6s %s\n", (long long)a.id, a.credit_code,
                   a.code, a.opens, a.closes, a.open ? "open" : "closed", a.title);
        }
    }
    sc_announcement_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    if (ctx->json)
        return cli_emit_json(arr);
    if (n == 0)
        printf("(none)\n");
    return CLI_EXIT_OK;
}

static const cli_option on_date_options[] = {
    { "date", "YYYY-MM-DD", "whether it is open on that day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_announce_show(cli_ctx *ctx)
{
    int64_t id;
    int status;
    if ((status = parse_id(ctx, ctx->args[0], &id)) != CLI_EXIT_OK)
        return status;
    return show_announcement(ctx, id, cli_opt(ctx, "date"), NULL);
}

static const cli_option date_options[] = {
    { "date", "YYYY-MM-DD", "the day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_announce_close(cli_ctx *ctx)
{
    int64_t id;
    int rc, status;
    if ((status = parse_id(ctx, ctx->args[0], &id)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_announcement_close(ctx->db, ctx->actor, id, cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    return show_announcement(ctx, id, cli_opt(ctx, "date"), "closed");
}

const cli_command cli_announce_commands[] = {
    { "publish", cmd_announce_publish, NULL, publish_options, 2, -1, CHANGE,
      "CODE OFFERING... --code C --title T --opens D --closes D --fees F [--methods LIST] "
      "[--date D]",
      "publish an intake announcement (实施方案并发布公告) (actor: the organization)",
      "OFFERING is CODE[/WORK-TYPE]:LEVELS, e.g. 4-02-07-10:5,4; each must be one the\n"
      "organization may certify on the opening day. Applications are taken only while\n"
      "the announcement is open (opens to closes, unless closed early)." },
    { "list", cmd_announce_list, NULL, announce_list_options, 0, 0, CLI_NEEDS_DB,
      "[--org CODE] [--date D] [--open]", "list announcements", NULL },
    { "show", cmd_announce_show, NULL, on_date_options, 1, 1, CLI_NEEDS_DB, "ID [--date D]",
      "show an announcement and its offerings", NULL },
    { "close", cmd_announce_close, NULL, date_options, 1, 1, CHANGE, "ID [--date D]",
      "stop taking applications from that day (actor: the organization)", NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- apply ------------------------------------------------------------------------------ */

const cli_option cli_apply_options[] = {
    { "path", "PATH", "normal (default), exceptional (破格申报) or direct (直接认定)" },
    { "evidence", "TEXT", "what a special path rests on (required for exceptional, direct)" },
    { "record", "FILE", "the candidate's record as JSON (organization only; default: stored)" },
    { "date", "YYYY-MM-DD", "the application day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

int cli_cmd_apply(cli_ctx *ctx);
int cli_cmd_apply(cli_ctx *ctx)
{
    const char *path_text = cli_opt(ctx, "path"), *record = cli_opt(ctx, "record");
    sc_offerings *s = NULL;
    sc_offering_item item = SC_OFFERING_ITEM_INIT;
    sc_candidate *c = NULL;
    int64_t ann, id = 0;
    int path = SC_PATH_NORMAL, rc, status;
    char what[512];

    if ((status = parse_id(ctx, ctx->args[0], &ann)) != CLI_EXIT_OK)
        return status;
    if (path_text != NULL && (rc = sc_path_parse(&path, path_text)) != SC_OK)
        return cli_fail(rc, "--path");
    if ((rc = sc_offerings_new(&s)) != SC_OK)
        return cli_fail(rc, NULL);
    rc = sc_offerings_add_text(s, ctx->args[2]);
    if (rc == SC_OK && sc_offerings_count(s) != 1) {
        sc_offerings_free(s);
        return cli_usage_error(ctx, "apply for one level: CODE[/WORK-TYPE]:LEVEL, not '%s'",
                               ctx->args[2]);
    }
    if (rc == SC_OK)
        rc = sc_offerings_get(&item, s, 0);
    sc_offerings_free(s);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    if (sc_actor_kind_of(ctx->actor) == SC_ACTOR_ORGANIZATION) {
        /* The organization applies for the candidate, handing in the record. */
        sc_resident_id r = SC_RESIDENT_ID_INIT;
        if ((rc = sc_resident_id_parse(&r, ctx->args[1])) != SC_OK)
            return cli_fail(rc, NULL);
        if (record != NULL) {
            if ((status = cli_candidate_read(&c, record)) != CLI_EXIT_OK)
                return status;
        } else if ((rc = sc_candidate_load(&c, ctx->db, r.number)) != SC_OK) {
            return cli_fail(rc, "the stored record (or give --record FILE)");
        }
        if (strcmp(r.number, sc_candidate_id_number(c)) != 0) {
            status = cli_usage_error(ctx, "the record is %s's, not %s's",
                                     sc_candidate_id_number(c), r.number);
            sc_candidate_free(c);
            return status;
        }
        rc = sc_application_apply_for(&id, ctx->db, ctx->actor, ann, c, item.occupation,
                                      item.work_type, item.level, path, cli_opt(ctx, "evidence"),
                                      cli_opt(ctx, "date"));
        sc_candidate_free(c);
    } else {
        if (record != NULL)
            return cli_usage_error(ctx, "--record is for an organization applying for a "
                                        "candidate; a candidate saves it with 'candidate add'");
        rc = sc_application_apply(&id, ctx->db, ctx->actor, ann, ctx->args[1], item.occupation,
                                  item.work_type, item.level, path, cli_opt(ctx, "evidence"),
                                  cli_opt(ctx, "date"));
    }
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    snprintf(what, sizeof what, "%s applied for %s%s%s level %d on the %s path", ctx->args[1],
             item.occupation, item.work_type[0] ? "/" : "", item.work_type, item.level,
             sc_path_name(path));
    return report_application(ctx, id, what);
}

/* ---- application: the ids a batch command acts on ------------------------------------------ */

typedef struct {
    int64_t *v;
    size_t n, cap;
} id_list;

static int ids_push(id_list *l, int64_t id)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 64;
        int64_t *nv = realloc(l->v, ncap * sizeof(*nv));
        if (nv == NULL)
            return -1;
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = id;
    return 0;
}

/* The ids from the arguments, --ids-file, or --all-<state> with --org/--announcement. */
static int collect_ids(cli_ctx *ctx, const char *all_flag, int state, id_list *l)
{
    const char *file = cli_opt(ctx, "ids-file"), *org = cli_opt(ctx, "org");
    const char *ann = cli_opt(ctx, "announcement");
    int i, status, sources = (ctx->nargs > 0) + (file != NULL) + (cli_opt(ctx, all_flag) != NULL);

    memset(l, 0, sizeof *l);
    if (sources != 1)
        return cli_usage_error(ctx, "give application ids, --ids-file FILE or --%s", all_flag);
    for (i = 0; i < ctx->nargs; i++) {
        int64_t id;
        if ((status = parse_id(ctx, ctx->args[i], &id)) != CLI_EXIT_OK)
            return status;
        if (ids_push(l, id))
            return cli_oom();
    }
    if (file != NULL) {
        FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
        char line[256];
        if (fp == NULL) {
            cli_errorf("cannot read '%s': %s", file, strerror(errno));
            return CLI_EXIT_USAGE;
        }
        while (fgets(line, sizeof line, fp)) {
            char *p = line + strspn(line, " \t");
            int64_t id;
            p[strcspn(p, " \t\r\n#")] = '\0';
            if (!*p)
                continue;
            if ((status = parse_id(ctx, p, &id)) != CLI_EXIT_OK || ids_push(l, id)) {
                if (fp != stdin)
                    fclose(fp);
                return status != CLI_EXIT_OK ? status : cli_oom();
            }
        }
        if (fp != stdin)
            fclose(fp);
    }
    if (cli_opt(ctx, all_flag) != NULL) {
        sc_application_query q = SC_APPLICATION_QUERY_INIT;
        sc_application_iter *it = NULL;
        sc_application a = SC_APPLICATION_INIT;
        int rc;
        if (org == NULL)
            return cli_usage_error(ctx, "--%s needs --org CODE", all_flag);
        if (strlen(org) >= sizeof q.credit_code)
            return cli_usage_error(ctx, "'%s' is not a credit code", org);
        memcpy(q.credit_code, org, strlen(org) + 1);
        q.state = state;
        if (ann != NULL && (status = parse_id(ctx, ann, &q.announcement)) != CLI_EXIT_OK)
            return status;
        if ((rc = sc_application_iter_new(&it, ctx->db, &q)) != SC_OK)
            return cli_fail(rc, NULL);
        while ((rc = sc_application_iter_next(&a, it)) == SC_OK)
            if (ids_push(l, a.id)) {
                sc_application_iter_free(it);
                return cli_oom();
            }
        sc_application_iter_free(it);
        if (rc != SC_ITEROVER)
            return cli_fail(rc, NULL);
    }
    return CLI_EXIT_OK;
}

static const cli_option verify_options[] = {
    { "ids-file", "FILE", "application ids, one a line ('-': standard input)" },
    { "all-submitted", NULL, "every submitted application of --org (and --announcement)" },
    { "org", "CODE", "the organization, with --all-submitted" },
    { "announcement", "ID", "only this announcement's, with --all-submitted" },
    { "date", "YYYY-MM-DD", "the verification day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_verify(cli_ctx *ctx)
{
    id_list l;
    size_t verified = 0;
    int rc, status;

    if ((status = collect_ids(ctx, "all-submitted", SC_APPLICATION_SUBMITTED, &l)) !=
        CLI_EXIT_OK) {
        free(l.v);
        return status;
    }
    if (l.n == 1 && ctx->nargs == 1) {
        /* One application: the eligibility decision it records. */
        sc_application a = SC_APPLICATION_INIT;
        int eligible = 0;
        rc = sc_application_verify(&eligible, ctx->db, ctx->actor, l.v[0], cli_opt(ctx, "date"));
        if (rc == SC_OK)
            rc = sc_application_get(&a, ctx->db, l.v[0]);
        free(l.v);
        if (rc != SC_OK)
            return cli_fail(rc, NULL);
        if (ctx->json)
            return cli_emit_json(application_json(&a));
        if (eligible)
            printf("application %lld: verified: eligible under condition %s\n  %s\n",
                   (long long)a.id, a.eligibility, a.decision);
        else
            printf("application %lld: rejected: not eligible (reason %d)\n  %s\n",
                   (long long)a.id, a.eligibility_reason, a.decision);
        return CLI_EXIT_OK;
    }
    rc = sc_application_verify_batch(&verified, ctx->db, ctx->actor, l.v, l.n,
                                     cli_opt(ctx, "date"));
    if (rc != SC_OK) {
        free(l.v);
        return cli_fail(rc, NULL);
    }
    if (ctx->json) {
        json_t *o = json_object();
        if (o != NULL && (cli_json_set(o, "applications", json_integer((json_int_t)l.n))
                          || cli_json_set(o, "verified", json_integer((json_int_t)verified))
                          || cli_json_set(o, "rejected",
                                          json_integer((json_int_t)(l.n - verified))))) {
            json_decref(o);
            o = NULL;
        }
        free(l.v);
        return cli_emit_json(o);
    }
    printf("verified %zu application%s in one transaction: %zu eligible, %zu rejected as not "
           "eligible\n", l.n, l.n == 1 ? "" : "s", verified, l.n - verified);
    free(l.v);
    return CLI_EXIT_OK;
}

static const cli_option confirm_options[] = {
    { "ids-file", "FILE", "application ids, one a line ('-': standard input)" },
    { "all-verified", NULL, "every verified application of --org (and --announcement)" },
    { "org", "CODE", "the organization, with --all-verified" },
    { "announcement", "ID", "only this announcement's, with --all-verified" },
    { "date", "YYYY-MM-DD", "the confirmation day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int cmd_confirm(cli_ctx *ctx)
{
    id_list l;
    int rc, status;

    if ((status = collect_ids(ctx, "all-verified", SC_APPLICATION_VERIFIED, &l)) != CLI_EXIT_OK) {
        free(l.v);
        return status;
    }
    if (l.n == 1 && ctx->nargs == 1) {
        int64_t id = l.v[0];
        free(l.v);
        rc = sc_application_confirm(ctx->db, ctx->actor, id, cli_opt(ctx, "date"));
        return rc != SC_OK ? cli_fail(rc, NULL) : report_application(ctx, id, "confirmed");
    }
    rc = sc_application_confirm_batch(ctx->db, ctx->actor, l.v, l.n, cli_opt(ctx, "date"));
    if (rc != SC_OK) {
        free(l.v);
        return cli_fail(rc, NULL);
    }
    if (ctx->json) {
        json_t *o = json_object();
        if (o != NULL && cli_json_set(o, "confirmed", json_integer((json_int_t)l.n))) {
            json_decref(o);
            o = NULL;
        }
        free(l.v);
        return cli_emit_json(o);
    }
    printf("confirmed %zu application%s in one transaction\n", l.n, l.n == 1 ? "" : "s");
    free(l.v);
    return CLI_EXIT_OK;
}

static const cli_option reason_options[] = {
    { "reason", "TEXT", "why (required)" },
    { "date", "YYYY-MM-DD", "the day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static int end_common(cli_ctx *ctx, int reject)
{
    const char *reason = cli_opt(ctx, "reason");
    int64_t id;
    int rc, status;
    if ((status = parse_id(ctx, ctx->args[0], &id)) != CLI_EXIT_OK)
        return status;
    if (reason == NULL)
        return cli_usage_error(ctx, "option --reason is required");
    if (reject)
        rc = sc_application_reject(ctx->db, ctx->actor, id, reason, cli_opt(ctx, "date"));
    else if (sc_actor_kind_of(ctx->actor) == SC_ACTOR_ORGANIZATION)
        rc = sc_application_withdraw_for(ctx->db, ctx->actor, id, reason, cli_opt(ctx, "date"));
    else
        rc = sc_application_withdraw(ctx->db, ctx->actor, id, reason, cli_opt(ctx, "date"));
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    return report_application(ctx, id, reject ? "rejected" : "withdrawn");
}

static int cmd_reject(cli_ctx *ctx)
{
    return end_common(ctx, 1);
}

static int cmd_withdraw(cli_ctx *ctx)
{
    return end_common(ctx, 0);
}

static const cli_option list_options[] = {
    { "org", "CODE", "only this organization's" },
    { "announcement", "ID", "only this announcement's" },
    { "candidate", "ID-NUMBER", "only this candidate's" },
    { "state", "STATE", "submitted, verified, confirmed, rejected, withdrawn or completed" },
    { "batch", "BATCH", "only those sent in this candidate batch" },
    { NULL, NULL, NULL }
};

static int set_field(const cli_ctx *ctx, const char *name, char *dst, size_t cap)
{
    const char *v = cli_opt(ctx, name);
    if (v == NULL)
        return CLI_EXIT_OK;
    if (strlen(v) >= cap)
        return cli_usage_error(ctx, "--%s is too long", name);
    memcpy(dst, v, strlen(v) + 1);
    return CLI_EXIT_OK;
}

static int cmd_list(cli_ctx *ctx)
{
    sc_application_query q = SC_APPLICATION_QUERY_INIT;
    sc_application_iter *it = NULL;
    sc_application a = SC_APPLICATION_INIT;
    json_t *arr = NULL;
    int rc, status, n = 0;

    if ((status = set_field(ctx, "org", q.credit_code, sizeof q.credit_code)) != CLI_EXIT_OK ||
        (status = set_field(ctx, "candidate", q.id_number, sizeof q.id_number)) != CLI_EXIT_OK ||
        (status = set_field(ctx, "batch", q.batch_id, sizeof q.batch_id)) != CLI_EXIT_OK)
        return status;
    if (cli_opt(ctx, "announcement") != NULL &&
        (status = parse_id(ctx, cli_opt(ctx, "announcement"), &q.announcement)) != CLI_EXIT_OK)
        return status;
    if (cli_opt(ctx, "state") != NULL &&
        (rc = sc_application_state_parse(&q.state, cli_opt(ctx, "state"))) != SC_OK)
        return cli_fail(rc, "--state");
    if ((rc = sc_application_iter_new(&it, ctx->db, &q)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json && (arr = json_array()) == NULL) {
        sc_application_iter_free(it);
        return cli_oom();
    }
    while ((rc = sc_application_iter_next(&a, it)) == SC_OK) {
        n++;
        if (ctx->json) {
            if (cli_json_append(arr, application_json(&a))) {
                rc = SC_ENOMEM;
                break;
            }
        } else {
            printf("%-6lld %-18s %s %-12s %s%s%s:%d %-11s %s\n", (long long)a.id, a.id_number,
                   a.credit_code, a.announcement, a.occupation, a.work_type[0] ? "/" : "",
                   a.work_type, a.level, sc_path_name(a.path),
                   sc_application_state_name(a.state));
        }
    }
    sc_application_iter_free(it);
    if (rc != SC_ITEROVER) {
        json_decref(arr);
        return cli_fail(rc, NULL);
    }
    if (ctx->json)
        return cli_emit_json(arr);
    if (n == 0)
        printf("(none)\n");
    return CLI_EXIT_OK;
}

static int cmd_show(cli_ctx *ctx)
{
    sc_application a = SC_APPLICATION_INIT;
    int64_t id;
    int rc, status;
    if ((status = parse_id(ctx, ctx->args[0], &id)) != CLI_EXIT_OK)
        return status;
    if ((rc = sc_application_get(&a, ctx->db, id)) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json)
        return cli_emit_json(application_json(&a));
    print_application(&a);
    return CLI_EXIT_OK;
}

static const cli_option export_batch_options[] = {
    { "batch", "BATCH", "the document's batch id (required)" },
    { "output", "FILE", "write the document to FILE (as the FILE argument)" },
    { NULL, NULL, NULL }
};

static const cli_option export_answer_options[] = {
    { "batch", "BATCH", "the answer's batch id (required)" },
    { "answers", "BATCH", "only the applications sent in this candidate batch" },
    { "output", "FILE", "write the document to FILE (as the FILE argument)" },
    { NULL, NULL, NULL }
};

static int export_common(cli_ctx *ctx, int answer)
{
    const char *batch = cli_opt(ctx, "batch"), *path;
    char *xml = NULL;
    size_t len = 0;
    int64_t ann;
    int rc, status;

    if ((status = cli_output_path(ctx, 1, &path)) != CLI_EXIT_OK)
        return status;
    if ((status = parse_id(ctx, ctx->args[0], &ann)) != CLI_EXIT_OK)
        return status;
    if (batch == NULL)
        return cli_usage_error(ctx, "option --batch is required");
    if (path != NULL) {
        rc = answer ? sc_application_confirmation_export_file(ctx->db, ann, batch,
                                                              cli_opt(ctx, "answers"), path)
                    : sc_application_batch_export_file(ctx->db, ann, batch, path);
        if (rc != SC_OK)
            return cli_fail(rc, NULL);
        if (!ctx->json)
            printf("%s: exported %s %s\n", path, answer ? "confirmation" : "candidate batch",
                   batch);
        return CLI_EXIT_OK;
    }
    rc = answer ? sc_application_confirmation_export_memory(&xml, &len, ctx->db, ann, batch,
                                                            cli_opt(ctx, "answers"))
                : sc_application_batch_export_memory(&xml, &len, ctx->db, ann, batch);
    if (rc != SC_OK)
        return cli_fail(rc, NULL);
    rc = fwrite(xml, 1, len, stdout) == len && fflush(stdout) == 0;
    sc_free(xml);
    if (!rc) {
        cli_errorf("cannot write the document");
        return CLI_EXIT_INTERNAL;
    }
    return CLI_EXIT_OK;
}

/* The older spelling of `export candidate-batch --announcement ID --batch B`: the same
 * document, with a deprecation note on stderr. */
static int cmd_export_batch(cli_ctx *ctx)
{
    cli_deprecated("application export-batch ANNOUNCEMENT --batch B [FILE]",
                   "export candidate-batch --announcement ANNOUNCEMENT --batch B "
                   "[--output FILE]");
    return export_common(ctx, 0);
}

static int cmd_export_answer(cli_ctx *ctx)
{
    return export_common(ctx, 1);
}

const cli_command cli_application_commands[] = {
    { "verify", cmd_verify, NULL, verify_options, 0, -1, CHANGE,
      "ID... | --ids-file FILE | --all-submitted --org CODE [--announcement ID] [--date D]",
      "verify qualifications (资格核实), showing the eligibility decision (actor: the organization)",
      "One id: the decision recorded (the condition matched, or why not eligible).\n"
      "Several: one transaction; any failure changes nothing." },
    { "confirm", cmd_confirm, NULL, confirm_options, 0, -1, CHANGE,
      "ID... | --ids-file FILE | --all-verified --org CODE [--announcement ID] [--date D]",
      "confirm applications (报名确认) (actor: district:CODE of the organization's district)",
      "Several: one transaction; any failure changes nothing." },
    { "reject", cmd_reject, NULL, reason_options, 1, 1, CHANGE, "ID --reason TEXT [--date D]",
      "refuse an application: the organization at 'submitted', its district at 'verified'",
      NULL },
    { "withdraw", cmd_withdraw, NULL, reason_options, 1, 1, CHANGE, "ID --reason TEXT [--date D]",
      "withdraw an open application (actor: the candidate, or the organization for them)", NULL },
    { "list", cmd_list, NULL, list_options, 0, 0, CLI_NEEDS_DB,
      "[--org CODE] [--announcement ID] [--candidate ID] [--state S] [--batch B]",
      "list applications", NULL },
    { "show", cmd_show, NULL, NULL, 1, 1, CLI_NEEDS_DB, "ID",
      "show an application and its history", NULL },
    { "export-batch", cmd_export_batch, NULL, export_batch_options, 1, 2, CLI_NEEDS_DB,
      "ANNOUNCEMENT --batch B [FILE | --output FILE]",
      "deprecated: use 'export candidate-batch --announcement ID --batch B'",
      "The candidate batch of an announcement's verified applications, for the\n"
      "district: the same document as 'export candidate-batch --announcement\n"
      "ANNOUNCEMENT --batch B [--output FILE]', the spelling to use. This one still\n"
      "works and prints a deprecation note on stderr." },
    { "export-answer", cmd_export_answer, NULL, export_answer_options, 1, 2, CLI_NEEDS_DB,
      "ANNOUNCEMENT --batch B [--answers B0] [FILE | --output FILE]",
      "the district's confirmation answer, for the organization",
      "The organization imports it with 'import FILE' (actor: organization:CODE)." },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};
