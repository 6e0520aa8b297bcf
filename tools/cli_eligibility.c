/*
 * cli_eligibility.c — the `candidate` and `eligibility` command groups.
 *
 *   candidate add FILE              a candidate record from JSON (FILE or - for stdin)
 *   candidate show ID               the stored record (--json: the same JSON `add` reads)
 *   eligibility check --id ID --occupation CODE [--work-type W] --level N
 *                     [--path P] [--confirmed LIST] [--date DATE] (--as-of: the older spelling)
 *   eligibility rules import FILE | list [--date D] | load-defaults
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* ---- Candidate records as JSON ------------------------------------------------ */

static const char candidate_json_help[] =
    "The record is a JSON object (UTF-8), as 'candidate show --json' prints it:\n"
    "  {\"id_number\": \"11010519491231002X\", \"name\": \"王芳\",\n"
    "   \"education\": [{\"kind\": \"technical-school\", \"major\": \"...\", \"related\": true,\n"
    "                  \"evaluated\": false, \"final_year\": false, \"graduated\": \"2015-07-01\"}],\n"
    "   \"work\": [{\"occupation\": \"4-99-00-00\", \"from\": \"2019-03-01\", \"to\": null}],\n"
    "   \"certificates\": [{\"kind\": \"skill-level\", \"occupation\": \"4-99-00-00\",\n"
    "                     \"work_type\": \"航拍\", \"level\": 5, \"issued\": \"2020-03-01\",\n"
    "                     \"number\": \"...\"}],\n"
    "   \"apprenticeship\": {\"occupation\": \"4-99-00-00\", \"completed\": \"2016-01-31\"},\n"
    "   \"evidence\": [{\"kind\": \"competition-award\", \"occupation\": \"4-13-99-01\",\n"
    "                 \"grade\": \"national\", \"date\": \"2022-09-01\", \"description\": \"...\"}]}\n"
    "Only id_number and name are required. \"to\": null means still working; a final-year\n"
    "student's \"graduated\" may be null. Kinds: education technical-school,\n"
    "senior-technical-school, technician-college, secondary-vocational, higher-vocational,\n"
    "junior-college, bachelor; certificates skill-level, qualification, pre-technician\n"
    "(level 0); evidence achievement, major-project, major-event, contribution,\n"
    "competition-entry, competition-award (grade: city, provincial, national,\n"
    "international or 1-4), training (grade: the level), veteran-conscript, veteran-nco.\n"
    "birth_date and sex come from the ID number and are ignored on input.";

static json_t *education_json(const sc_candidate *c, size_t i)
{
    json_t *o = json_object();
    unsigned int f = sc_candidate_education_flags(c, i);

    if (o != NULL
        && (cli_json_set(o, "kind", cli_json_str(sc_education_kind_name(
                                        sc_candidate_education_kind(c, i))))
            || cli_json_set(o, "major", cli_json_str(sc_candidate_education_major(c, i)))
            || cli_json_set(o, "related", json_boolean(f & SC_EDUCATION_RELATED))
            || cli_json_set(o, "evaluated", json_boolean(f & SC_EDUCATION_EVALUATED))
            || cli_json_set(o, "final_year", json_boolean(f & SC_EDUCATION_FINAL_YEAR))
            || cli_json_set(o, "graduated",
                            cli_json_str(sc_candidate_education_graduated(c, i))))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *work_json(const sc_candidate *c, size_t i)
{
    json_t *o = json_object();

    if (o != NULL
        && (cli_json_set(o, "occupation", cli_json_str(sc_candidate_work_occupation(c, i)))
            || cli_json_set(o, "from", cli_json_str(sc_candidate_work_from(c, i)))
            || cli_json_set(o, "to", cli_json_str(sc_candidate_work_to(c, i))))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *certificate_json(const sc_candidate *c, size_t i)
{
    json_t *o = json_object();

    if (o != NULL
        && (cli_json_set(o, "kind", cli_json_str(sc_cert_kind_name(
                                        sc_candidate_certificate_kind(c, i))))
            || cli_json_set(o, "occupation",
                            cli_json_str(sc_candidate_certificate_occupation(c, i)))
            || cli_json_set(o, "work_type", cli_json_str(sc_candidate_certificate_work_type(c, i)))
            || cli_json_set(o, "level", json_integer(sc_candidate_certificate_level(c, i)))
            || cli_json_set(o, "issued", cli_json_str(sc_candidate_certificate_issued(c, i)))
            || cli_json_set(o, "number", cli_json_str(sc_candidate_certificate_number(c, i))))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *evidence_json(const sc_candidate *c, size_t i)
{
    json_t *o = json_object();

    if (o != NULL
        && (cli_json_set(o, "kind", cli_json_str(sc_evidence_kind_name(
                                        sc_candidate_evidence_kind(c, i))))
            || cli_json_set(o, "occupation", cli_json_str(sc_candidate_evidence_occupation(c, i)))
            || cli_json_set(o, "grade", json_integer(sc_candidate_evidence_grade(c, i)))
            || cli_json_set(o, "date", cli_json_str(sc_candidate_evidence_date(c, i)))
            || cli_json_set(o, "description",
                            cli_json_str(sc_candidate_evidence_description(c, i))))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Append @n items made by @make to a new array set as @key of @obj. */
static int set_list(json_t *obj, const char *key, const sc_candidate *c, size_t n,
                    json_t *(*make)(const sc_candidate *, size_t))
{
    json_t *arr = json_array();
    size_t i;

    if (arr == NULL)
        return -1;
    for (i = 0; i < n; i++) {
        if (cli_json_append(arr, make(c, i)) != 0) {
            json_decref(arr);
            return -1;
        }
    }
    return cli_json_set(obj, key, arr);
}

static json_t *candidate_json(const sc_candidate *c)
{
    json_t *o = json_object();
    json_t *appr = json_null();
    int bad = o == NULL;

    if (!bad && sc_candidate_apprenticeship_occupation(c) != NULL) {
        appr = json_object();
        bad = appr == NULL
            || cli_json_set(appr, "occupation",
                            cli_json_str(sc_candidate_apprenticeship_occupation(c)))
            || cli_json_set(appr, "completed",
                            cli_json_str(sc_candidate_apprenticeship_completed(c)));
    }
    bad = bad || cli_json_set(o, "id_number", cli_json_str(sc_candidate_id_number(c)))
        || cli_json_set(o, "name", cli_json_str(sc_candidate_name(c)))
        || cli_json_set(o, "birth_date", cli_json_str(sc_candidate_birth_date(c)))
        || cli_json_set(o, "sex",
                        json_string(sc_candidate_sex(c) == SC_SEX_MALE ? "male" : "female"))
        || set_list(o, "education", c, sc_candidate_education_count(c), education_json)
        || set_list(o, "work", c, sc_candidate_work_count(c), work_json)
        || set_list(o, "certificates", c, sc_candidate_certificate_count(c), certificate_json);
    if (!bad) {
        bad = cli_json_set(o, "apprenticeship", appr);
        appr = NULL;
    }
    bad = bad || set_list(o, "evidence", c, sc_candidate_evidence_count(c), evidence_json);
    json_decref(appr);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- Reading the JSON -------------------------------------------------------- */

typedef struct {
    char where[64];     /* "work[1]" */
} jctx;

static int json_fail(const jctx *j, const char *fmt, const char *arg)
{
    char msg[512];

    snprintf(msg, sizeof msg, fmt, arg);
    cli_errorf("%s%s%s", j->where, j->where[0] != '\0' ? ": " : "", msg);
    return CLI_EXIT_USAGE;
}

/* Check that @obj has only the @allowed keys. */
static int only_keys(const jctx *j, json_t *obj, const char *const *allowed)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v) {
        size_t k;
        int ok = 0;

        (void)v;
        for (k = 0; allowed[k] != NULL; k++)
            ok |= strcmp(key, allowed[k]) == 0;
        if (!ok)
            return json_fail(j, "unknown field '%s'", key);
    }
    return CLI_EXIT_OK;
}

/* A string member (or NULL when absent or null); CLI_EXIT_USAGE when of another type. */
static int get_str(const jctx *j, json_t *obj, const char *key, const char **out)
{
    json_t *v = json_object_get(obj, key);

    *out = NULL;
    if (v == NULL || json_is_null(v))
        return CLI_EXIT_OK;
    if (!json_is_string(v))
        return json_fail(j, "'%s' must be a string", key);
    *out = json_string_value(v);
    return CLI_EXIT_OK;
}

static int get_bool(const jctx *j, json_t *obj, const char *key, int *out)
{
    json_t *v = json_object_get(obj, key);

    *out = 0;
    if (v == NULL || json_is_null(v))
        return CLI_EXIT_OK;
    if (!json_is_boolean(v))
        return json_fail(j, "'%s' must be true or false", key);
    *out = json_is_true(v);
    return CLI_EXIT_OK;
}

static int get_int(const jctx *j, json_t *obj, const char *key, int *out)
{
    json_t *v = json_object_get(obj, key);

    *out = 0;
    if (v == NULL || json_is_null(v))
        return CLI_EXIT_OK;
    if (!json_is_integer(v) || json_integer_value(v) < -1000 || json_integer_value(v) > 1000)
        return json_fail(j, "'%s' must be a small integer", key);
    *out = (int)json_integer_value(v);
    return CLI_EXIT_OK;
}

/* A kind token, parsed by @parse. */
static int get_kind(const jctx *j, json_t *obj, int (*parse)(int *, const char *), int *out)
{
    const char *s;
    int rc = get_str(j, obj, "kind", &s);

    if (rc != CLI_EXIT_OK)
        return rc;
    if (s == NULL)
        return json_fail(j, "'kind' is required%s", "");
    if (parse(out, s) != SC_OK)
        return json_fail(j, "unknown kind '%s'", s);
    return CLI_EXIT_OK;
}

/* The library refused an item: say which, with its message. */
static int lib_fail(const jctx *j, int rc)
{
    cli_errorf("%s: %s", j->where, sc_error_last()->message);
    return cli_exit_status(rc);
}

static int read_list(json_t *root, const char *key, sc_candidate *c,
                     int (*item)(const jctx *, json_t *, sc_candidate *))
{
    json_t *arr = json_object_get(root, key);
    size_t i;
    jctx j;

    if (arr == NULL || json_is_null(arr))
        return CLI_EXIT_OK;
    snprintf(j.where, sizeof j.where, "%s", key);
    if (!json_is_array(arr))
        return json_fail(&j, "must be an array%s", "");
    for (i = 0; i < json_array_size(arr); i++) {
        json_t *o = json_array_get(arr, i);
        int rc;

        snprintf(j.where, sizeof j.where, "%s[%zu]", key, i);
        if (!json_is_object(o))
            return json_fail(&j, "must be an object%s", "");
        if ((rc = item(&j, o, c)) != CLI_EXIT_OK)
            return rc;
    }
    return CLI_EXIT_OK;
}

static int education_item(const jctx *j, json_t *o, sc_candidate *c)
{
    static const char *const keys[] = { "kind", "major", "related", "evaluated", "final_year",
                                        "graduated", NULL };
    const char *major, *graduated;
    int kind, related, evaluated, final_year, rc;

    if ((rc = only_keys(j, o, keys)) || (rc = get_kind(j, o, sc_education_kind_parse, &kind))
        || (rc = get_str(j, o, "major", &major)) || (rc = get_bool(j, o, "related", &related))
        || (rc = get_bool(j, o, "evaluated", &evaluated))
        || (rc = get_bool(j, o, "final_year", &final_year))
        || (rc = get_str(j, o, "graduated", &graduated)))
        return rc;
    rc = sc_candidate_add_education(c, kind, major,
                                    (related ? SC_EDUCATION_RELATED : 0u)
                                        | (evaluated ? SC_EDUCATION_EVALUATED : 0u)
                                        | (final_year ? SC_EDUCATION_FINAL_YEAR : 0u),
                                    graduated);
    return rc == SC_OK ? CLI_EXIT_OK : lib_fail(j, rc);
}

static int work_item(const jctx *j, json_t *o, sc_candidate *c)
{
    static const char *const keys[] = { "occupation", "from", "to", NULL };
    const char *occ, *from, *to;
    int rc;

    if ((rc = only_keys(j, o, keys)) || (rc = get_str(j, o, "occupation", &occ))
        || (rc = get_str(j, o, "from", &from)) || (rc = get_str(j, o, "to", &to)))
        return rc;
    rc = sc_candidate_add_work(c, occ, from, to);
    return rc == SC_OK ? CLI_EXIT_OK : lib_fail(j, rc);
}

static int certificate_item(const jctx *j, json_t *o, sc_candidate *c)
{
    static const char *const keys[] = { "kind", "occupation", "work_type", "level", "issued",
                                        "number", NULL };
    const char *occ, *wt, *issued, *number;
    int kind, level, rc;

    if ((rc = only_keys(j, o, keys)) || (rc = get_kind(j, o, sc_cert_kind_parse, &kind))
        || (rc = get_str(j, o, "occupation", &occ)) || (rc = get_str(j, o, "work_type", &wt))
        || (rc = get_int(j, o, "level", &level)) || (rc = get_str(j, o, "issued", &issued))
        || (rc = get_str(j, o, "number", &number)))
        return rc;
    rc = sc_candidate_add_certificate(c, kind, occ, wt, level, issued, number);
    return rc == SC_OK ? CLI_EXIT_OK : lib_fail(j, rc);
}

static int evidence_item(const jctx *j, json_t *o, sc_candidate *c)
{
    static const char *const keys[] = { "kind", "occupation", "grade", "date", "description",
                                        NULL };
    const char *occ, *date, *desc;
    json_t *g = json_object_get(o, "grade");
    int kind, grade = 0, rc;

    if ((rc = only_keys(j, o, keys)) || (rc = get_kind(j, o, sc_evidence_kind_parse, &kind))
        || (rc = get_str(j, o, "occupation", &occ)) || (rc = get_str(j, o, "date", &date))
        || (rc = get_str(j, o, "description", &desc)))
        return rc;
    if (g != NULL && json_is_string(g)) {
        if (sc_scope_parse(&grade, json_string_value(g)) != SC_OK)
            return json_fail(j, "unknown competition scope '%s'", json_string_value(g));
    } else if ((rc = get_int(j, o, "grade", &grade)) != CLI_EXIT_OK) {
        return rc;
    }
    rc = sc_candidate_add_evidence(c, kind, occ, grade, date, desc);
    return rc == SC_OK ? CLI_EXIT_OK : lib_fail(j, rc);
}

/* Build a record from a parsed JSON document. */
static int candidate_from_json(sc_candidate **out, json_t *root)
{
    static const char *const keys[] = { "id_number", "name", "birth_date", "sex", "education",
                                        "work", "certificates", "apprenticeship", "evidence",
                                        NULL };
    jctx j = { "" };
    const char *id, *name;
    json_t *appr;
    sc_candidate *c = NULL;
    int rc;

    *out = NULL;
    if (!json_is_object(root))
        return json_fail(&j, "the candidate record must be a JSON object%s", "");
    if ((rc = only_keys(&j, root, keys)) || (rc = get_str(&j, root, "id_number", &id))
        || (rc = get_str(&j, root, "name", &name)))
        return rc;
    if ((rc = sc_candidate_new(&c, id, name)) != SC_OK)
        return cli_fail(rc, NULL);
    appr = json_object_get(root, "apprenticeship");
    if (appr != NULL && !json_is_null(appr)) {
        static const char *const akeys[] = { "occupation", "completed", NULL };
        const char *occ, *done;

        snprintf(j.where, sizeof j.where, "apprenticeship");
        if (!json_is_object(appr))
            rc = json_fail(&j, "must be an object%s", "");
        else if ((rc = only_keys(&j, appr, akeys)) == CLI_EXIT_OK
                 && (rc = get_str(&j, appr, "occupation", &occ)) == CLI_EXIT_OK
                 && (rc = get_str(&j, appr, "completed", &done)) == CLI_EXIT_OK) {
            int lrc = sc_candidate_set_apprenticeship(c, occ, done);

            rc = lrc == SC_OK ? CLI_EXIT_OK : lib_fail(&j, lrc);
        }
    }
    if (rc == CLI_EXIT_OK)
        rc = read_list(root, "education", c, education_item);
    if (rc == CLI_EXIT_OK)
        rc = read_list(root, "work", c, work_item);
    if (rc == CLI_EXIT_OK)
        rc = read_list(root, "certificates", c, certificate_item);
    if (rc == CLI_EXIT_OK)
        rc = read_list(root, "evidence", c, evidence_item);
    if (rc != CLI_EXIT_OK) {
        sc_candidate_free(c);
        return rc;
    }
    *out = c;
    return CLI_EXIT_OK;
}

/* ---- candidate add / show ------------------------------------------------------- */

int cli_candidate_read(sc_candidate **out, const char *path)
{
    json_error_t err;
    json_t *root;
    int status;

    *out = NULL;
    if (strcmp(path, "-") == 0)
        root = json_loadf(stdin, JSON_REJECT_DUPLICATES, &err);
    else
        root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL) {
        if (err.line > 0)
            cli_errorf("%s:%d:%d: %s", strcmp(path, "-") == 0 ? "<stdin>" : path, err.line,
                       err.column, err.text);
        else
            cli_errorf("%s: %s", path, err.text);
        return CLI_EXIT_USAGE;
    }
    status = candidate_from_json(out, root);
    json_decref(root);
    return status;
}

static int cmd_candidate_add(cli_ctx *ctx)
{
    sc_candidate *c = NULL;
    int rc, status;

    if ((status = cli_candidate_read(&c, ctx->args[0])) != CLI_EXIT_OK)
        return status;
    rc = sc_candidate_save(ctx->db, ctx->actor, c);
    if (rc != SC_OK) {
        sc_candidate_free(c);
        return cli_fail(rc, NULL);
    }
    if (ctx->json) {
        status = cli_emit_json(candidate_json(c));
    } else {
        printf("saved candidate %s (%s): %zu education, %zu work, %zu certificate, "
               "%zu evidence record%s\n",
               sc_candidate_id_number(c), sc_candidate_name(c), sc_candidate_education_count(c),
               sc_candidate_work_count(c), sc_candidate_certificate_count(c),
               sc_candidate_evidence_count(c), sc_candidate_evidence_count(c) == 1 ? "" : "s");
        status = CLI_EXIT_OK;
    }
    sc_candidate_free(c);
    return status;
}

static void print_candidate(const sc_candidate *c)
{
    size_t i, n;

    printf("id number       %s\n", sc_candidate_id_number(c));
    printf("name            %s\n", sc_candidate_name(c));
    printf("born            %s (%s)\n", sc_candidate_birth_date(c),
           sc_candidate_sex(c) == SC_SEX_MALE ? "male" : "female");
    n = sc_candidate_education_count(c);
    for (i = 0; i < n; i++) {
        unsigned int f = sc_candidate_education_flags(c, i);
        int kind = sc_candidate_education_kind(c, i);
        const char *grad = sc_candidate_education_graduated(c, i);

        printf("%-16s%s (%s)%s%s%s%s%s, %s %s\n", i == 0 ? "education" : "",
               sc_education_kind_name(kind), sc_education_kind_name_zh(kind),
               sc_candidate_education_major(c, i) != NULL ? " " : "",
               sc_candidate_education_major(c, i) != NULL ? sc_candidate_education_major(c, i)
                                                          : "",
               (f & SC_EDUCATION_RELATED) ? ", related major" : "",
               (f & SC_EDUCATION_EVALUATED) ? ", evaluated programme" : "",
               (f & SC_EDUCATION_FINAL_YEAR) ? ", final-year student" : "",
               (f & SC_EDUCATION_FINAL_YEAR) ? "graduating" : "graduated",
               grad != NULL ? grad : "-");
    }
    n = sc_candidate_work_count(c);
    for (i = 0; i < n; i++) {
        const char *to = sc_candidate_work_to(c, i);

        printf("%-16s%s  %s to %s\n", i == 0 ? "work" : "", sc_candidate_work_occupation(c, i),
               sc_candidate_work_from(c, i), to != NULL ? to : "now");
    }
    n = sc_candidate_certificate_count(c);
    for (i = 0; i < n; i++) {
        int level = sc_candidate_certificate_level(c, i);
        const char *wt = sc_candidate_certificate_work_type(c, i);
        const char *no = sc_candidate_certificate_number(c, i);

        printf("%-16s%s  %s%s%s", i == 0 ? "certificates" : "",
               sc_cert_kind_name(sc_candidate_certificate_kind(c, i)),
               sc_candidate_certificate_occupation(c, i), wt != NULL ? " " : "",
               wt != NULL ? wt : "");
        if (level > 0)
            printf(" level %d (%s)", level, sc_level_name_zh(level));
        printf(", issued %s%s%s\n", sc_candidate_certificate_issued(c, i),
               no != NULL ? ", No. " : "", no != NULL ? no : "");
    }
    if (sc_candidate_apprenticeship_occupation(c) != NULL)
        printf("%-16s%s  completed %s\n", "apprenticeship",
               sc_candidate_apprenticeship_occupation(c), sc_candidate_apprenticeship_completed(c));
    n = sc_candidate_evidence_count(c);
    for (i = 0; i < n; i++) {
        const char *occ = sc_candidate_evidence_occupation(c, i);
        const char *desc = sc_candidate_evidence_description(c, i);
        int grade = sc_candidate_evidence_grade(c, i);

        printf("%-16s%s", i == 0 ? "evidence" : "",
               sc_evidence_kind_name(sc_candidate_evidence_kind(c, i)));
        if (occ != NULL)
            printf("  %s", occ);
        if (grade > 0)
            printf("  grade %d", grade);
        printf("  %s%s%s\n", sc_candidate_evidence_date(c, i), desc != NULL ? "  " : "",
               desc != NULL ? desc : "");
    }
}

static int cmd_candidate_show(cli_ctx *ctx)
{
    sc_candidate *c = NULL;
    int rc, status = CLI_EXIT_OK;

    if ((rc = sc_candidate_load(&c, ctx->db, ctx->args[0])) != SC_OK)
        return cli_fail(rc, NULL);
    if (ctx->json)
        status = cli_emit_json(candidate_json(c));
    else
        print_candidate(c);
    sc_candidate_free(c);
    return status;
}

const cli_command cli_candidate_commands[] = {
    { "add", cmd_candidate_add, NULL, NULL, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "FILE",
      "save a candidate record from a JSON file (- for standard input)",
      "Creates the candidate, or replaces every part of the stored record with the\n"
      "same ID number. Only the candidate themself (--actor candidate:ID) and the\n"
      "city centre (--actor city-centre) may save a record.\n\n"
      "The record is a JSON object, as 'candidate show --json' prints it; see\n"
      "'skillcert help candidate show'." },
    { "show", cmd_candidate_show, NULL, NULL, 1, 1, CLI_NEEDS_DB,
      "ID",
      "show a stored candidate record",
      candidate_json_help },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* ---- eligibility check ---------------------------------------------------------- */

static const cli_option check_options[] = {
    { "id", "ID", "the candidate's resident ID number (the record must be stored)" },
    { "occupation", "CODE", "the occupation code (4-99-00-00 or 4—99—00—00)" },
    { "work-type", "NAME", "the work type (工种/方向), if any" },
    { "level", "N", "the level: 1-5, a rank (三级), a name (高级工) or an English name" },
    { "path", "PATH", "normal (default), exceptional (破格, levels 3-1) or direct (直接认定, 2-1)" },
    { "confirmed", "LIST", "the organization's confirmed special-path rules: exceptional,direct" },
    { "date", "YYYY-MM-DD", "the day to decide on (default: today, UTC)" },
    { "as-of", "YYYY-MM-DD", "the older spelling of --date" },
    { NULL, NULL, NULL }
};

static int parse_confirmed(const char *text, unsigned int *out)
{
    const char *p = text;

    *out = 0;
    while (*p != '\0') {
        size_t n = strcspn(p, ",");

        if (n == 11 && strncmp(p, "exceptional", n) == 0)
            *out |= SC_CONFIRMED_EXCEPTIONAL;
        else if (n == 6 && strncmp(p, "direct", n) == 0)
            *out |= SC_CONFIRMED_DIRECT;
        else if (!(n == 4 && strncmp(p, "none", n) == 0))
            return -1;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

static json_t *decision_json(const sc_decision *d, const sc_candidate *c, const char *occupation,
                             const char *work_type, int level, int path, const char *as_of)
{
    json_t *root = json_object();
    json_t *conds = json_array();
    json_t *matched = json_null();
    size_t i, n = sc_decision_condition_count(d);
    int bad = root == NULL || conds == NULL;

    for (i = 0; !bad && i < n; i++) {
        json_t *o = json_object();

        bad = o == NULL
            || cli_json_set(o, "id", cli_json_str(sc_decision_condition_id(d, i)))
            || cli_json_set(o, "clause", cli_json_str(sc_decision_condition_clause(d, i)))
            || cli_json_set(o, "met", json_boolean(sc_decision_condition_met(d, i)))
            || cli_json_set(o, "message", cli_json_str(sc_decision_condition_message(d, i)));
        if (cli_json_append(conds, o) != 0)
            bad = 1;
    }
    if (!bad && sc_decision_eligible(d)) {
        matched = json_object();
        bad = matched == NULL
            || cli_json_set(matched, "id", cli_json_str(sc_decision_matched(d)))
            || cli_json_set(matched, "clause", cli_json_str(sc_decision_clause(d)));
    }
    bad = bad || cli_json_set(root, "eligible", json_boolean(sc_decision_eligible(d)))
        || cli_json_set(root, "reason_code", json_integer(sc_decision_reason(d)))
        || cli_json_set(root, "message", cli_json_str(sc_decision_message(d)))
        || cli_json_set(root, "id_number", cli_json_str(sc_candidate_id_number(c)))
        || cli_json_set(root, "occupation", cli_json_str(occupation))
        || cli_json_set(root, "work_type", cli_json_str(work_type))
        || cli_json_set(root, "level", json_integer(level))
        || cli_json_set(root, "path", cli_json_str(sc_path_name(path)))
        || cli_json_set(root, "as_of", cli_json_str(as_of))
        || cli_json_set(root, "rules", cli_json_str(sc_decision_rules(d)))
        || cli_json_set(root, "standard", cli_json_str(sc_decision_standard(d)));
    if (!bad) {
        bad = cli_json_set(root, "matched", matched);
        matched = NULL;
        bad = cli_json_set(root, "conditions", conds) || bad;
        conds = NULL;
    }
    json_decref(matched);
    json_decref(conds);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

static void print_decision(const sc_decision *d)
{
    size_t i, n = sc_decision_condition_count(d);

    /* The message says "eligible ..." or "not eligible ..." itself, except on
     * refusals that are not about the conditions. */
    if (sc_decision_eligible(d) || sc_decision_reason(d) == SC_REASON_CONDITIONS_NOT_MET)
        printf("%s\n", sc_decision_message(d));
    else
        printf("not eligible: %s\n", sc_decision_message(d));
    if (sc_decision_rules(d) != NULL)
        printf("rules: %s (%s)\n", sc_decision_rules(d), sc_decision_standard(d));
    for (i = 0; i < n; i++) {
        printf("  [%s] %-6s %s\n", sc_decision_condition_met(d, i) ? "met" : " no",
               sc_decision_condition_id(d, i), sc_decision_condition_clause(d, i));
        printf("               %s\n", sc_decision_condition_message(d, i));
    }
}

static int cmd_check(cli_ctx *ctx)
{
    const char *id = cli_opt(ctx, "id");
    const char *occupation = cli_opt(ctx, "occupation");
    const char *work_type = cli_opt(ctx, "work-type");
    const char *level_text = cli_opt(ctx, "level");
    const char *path_text = cli_opt(ctx, "path");
    const char *confirmed_text = cli_opt(ctx, "confirmed");
    const char *as_of = cli_opt(ctx, "date") ? cli_opt(ctx, "date") : cli_opt(ctx, "as-of");
    char today[16], norm[32];
    unsigned int confirmed = 0;
    sc_candidate *c = NULL;
    sc_ruleset *rs = NULL;
    sc_decision *d = NULL;
    char *code = NULL;
    int level = 0, path = SC_PATH_NORMAL, rc, status;

    if (id == NULL)
        return cli_usage_error(ctx, "option --id is required");
    if (occupation == NULL)
        return cli_usage_error(ctx, "option --occupation is required");
    if (level_text == NULL)
        return cli_usage_error(ctx, "option --level is required");
    if (sc_level_parse(&level, level_text) != SC_OK) {
        cli_errorf("--level: unrecognised level '%s' (use 1-5 or a name such as 高级工)",
                   level_text);
        return CLI_EXIT_USAGE;
    }
    if (path_text != NULL && sc_path_parse(&path, path_text) != SC_OK) {
        cli_errorf("--path: '%s' is not a path (normal, exceptional or direct)", path_text);
        return CLI_EXIT_USAGE;
    }
    if (confirmed_text != NULL && parse_confirmed(confirmed_text, &confirmed) != 0) {
        cli_errorf("--confirmed: '%s' is not a list of exceptional, direct or none",
                   confirmed_text);
        return CLI_EXIT_USAGE;
    }
    if ((rc = sc_occupation_code_normalize(&code, occupation)) != SC_OK)
        return cli_fail(rc, "--occupation");
    snprintf(norm, sizeof norm, "%s", code);
    sc_free(code);
    if (as_of == NULL) {
        time_t now = time(NULL);
        struct tm *tmv = gmtime(&now);

        if (tmv != NULL && strftime(today, sizeof today, "%Y-%m-%d", tmv) == 10)
            as_of = today;
    }
    if ((rc = sc_candidate_load(&c, ctx->db, id)) != SC_OK)
        return cli_fail(rc, NULL);
    rc = sc_ruleset_load(&rs, ctx->db, as_of);
    if (rc == SC_OK)
        rc = sc_decision_new(&d);
    if (rc == SC_OK)
        rc = sc_eligibility_decide(d, rs, c, norm, work_type, level, path, confirmed, as_of);
    if (rc != SC_OK) {
        status = cli_fail(rc, NULL);
        goto done;
    }
    if (sc_ruleset_count(rs) == 0)
        cli_errorf("no eligibility rules are stored in %s (load the built-in ones with "
                   "'" CLI_PROGRAM " eligibility rules load-defaults')", ctx->db_path);
    if (ctx->json) {
        status = cli_emit_json(decision_json(d, c, norm, work_type, level, path, as_of));
    } else {
        print_decision(d);
        status = CLI_EXIT_OK;
    }
    if (status == CLI_EXIT_OK && !sc_decision_eligible(d))
        status = CLI_EXIT_NO;
done:
    sc_decision_free(d);
    sc_ruleset_free(rs);
    sc_candidate_free(c);
    return status;
}

/* ---- eligibility rules ---------------------------------------------------------- */

static int cmd_rules_import(cli_ctx *ctx)
{
    const char *path = ctx->args[0];
    sc_import_result result = SC_IMPORT_RESULT_INIT;
    sc_report *report = NULL;
    int doctype = SC_DOC_UNKNOWN, rc, status;

    result = (sc_import_result)SC_IMPORT_RESULT_INIT;
    if ((rc = sc_report_new(&report)) != SC_OK)
        return cli_fail(rc, NULL);
    /* Refuse other document types before touching the registry. */
    rc = sc_xml_validate_file(&doctype, report, path, NULL);
    if (rc == SC_OK && doctype != SC_DOC_ELIGIBILITY) {
        cli_errorf("%s: a %s document, not eligibility rules (import it with '" CLI_PROGRAM
                   " import')", path, sc_doctype_name(doctype));
        sc_report_free(report);
        return CLI_EXIT_USAGE;
    }
    if (rc == SC_OK) {
        sc_report_clear(report);
        rc = sc_xml_import_file(&result, ctx->db, ctx->actor, path, NULL, report);
    }
    if (rc != SC_OK) {
        status = cli_report_failure(rc, report, path);
        sc_report_free(report);
        return status;
    }
    cli_report_warnings(report, path);
    sc_report_free(report);
    if (ctx->json) {
        json_t *root = json_object();

        if (root != NULL
            && (cli_json_set(root, "file", cli_json_str(path))
                || cli_json_set(root, "batch_id", json_string(result.batch_id))
                || cli_json_set(root, "records", json_integer((json_int_t)result.records))
                || cli_json_set(root, "already_imported", json_boolean(result.already_imported)))) {
            json_decref(root);
            root = NULL;
        }
        return cli_emit_json(root);
    }
    if (result.already_imported)
        printf("%s: batch %s already imported; nothing changed\n", path, result.batch_id);
    else
        printf("%s: imported eligibility rules, batch %s: %llu records\n", path, result.batch_id,
               (unsigned long long)result.records);
    return CLI_EXIT_OK;
}

static int cmd_rules_load_defaults(cli_ctx *ctx)
{
    sc_import_result result = SC_IMPORT_RESULT_INIT;
    int rc;

    result = (sc_import_result)SC_IMPORT_RESULT_INIT;
    if ((rc = sc_eligibility_load_defaults(&result, ctx->db, ctx->actor)) != SC_OK)
        return cli_fail(rc, "loading the built-in eligibility rules");
    if (ctx->json) {
        json_t *root = json_object();

        if (root != NULL
            && (cli_json_set(root, "batch_id", json_string(result.batch_id))
                || cli_json_set(root, "records", json_integer((json_int_t)result.records))
                || cli_json_set(root, "already_imported", json_boolean(result.already_imported)))) {
            json_decref(root);
            root = NULL;
        }
        return cli_emit_json(root);
    }
    if (result.already_imported)
        printf("the built-in eligibility rules (batch %s) are already imported; nothing changed\n",
               result.batch_id);
    else
        printf("loaded the built-in eligibility rules (batch %s): %llu records\n",
               result.batch_id, (unsigned long long)result.records);
    return CLI_EXIT_OK;
}

static const cli_option rules_list_options[] = {
    { "date", "YYYY-MM-DD", "the rules in force on that day (default: today, UTC)" },
    { NULL, NULL, NULL }
};

static json_t *ruleset_json(const sc_ruleset *rs, size_t i)
{
    json_t *o = json_object();
    json_t *related = json_array();
    json_t *conds = json_array();
    size_t j, n;
    int bad = o == NULL || related == NULL || conds == NULL;

    n = sc_ruleset_related_count(rs, i);
    for (j = 0; !bad && j < n; j++)
        bad = cli_json_append(related, cli_json_str(sc_ruleset_related(rs, i, j))) != 0;
    n = sc_ruleset_condition_count(rs, i);
    for (j = 0; !bad && j < n; j++) {
        json_t *c = json_object();
        char *text = NULL;

        bad = c == NULL || sc_ruleset_condition_text(&text, rs, i, j) != SC_OK
            || cli_json_set(c, "id", cli_json_str(sc_ruleset_condition_id(rs, i, j)))
            || cli_json_set(c, "level", json_integer(sc_ruleset_condition_level(rs, i, j)))
            || cli_json_set(c, "work_type", cli_json_str(sc_ruleset_condition_work_type(rs, i, j)))
            || cli_json_set(c, "clause", cli_json_str(sc_ruleset_condition_clause(rs, i, j)))
            || cli_json_set(c, "confidence",
                            cli_json_str(sc_ruleset_condition_confidence(rs, i, j)))
            || cli_json_set(c, "text", cli_json_str(text));
        sc_free(text);
        if (cli_json_append(conds, c) != 0)
            bad = 1;
    }
    bad = bad || cli_json_set(o, "name", cli_json_str(sc_ruleset_name(rs, i)))
        || cli_json_set(o, "occupation", cli_json_str(sc_ruleset_occupation(rs, i)))
        || cli_json_set(o, "standard", cli_json_str(sc_ruleset_standard(rs, i)))
        || cli_json_set(o, "effective", cli_json_str(sc_ruleset_effective(rs, i)));
    if (!bad) {
        bad = cli_json_set(o, "related", related);
        related = NULL;
        bad = cli_json_set(o, "conditions", conds) || bad;
        conds = NULL;
    }
    json_decref(related);
    json_decref(conds);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int print_ruleset(const sc_ruleset *rs, size_t i)
{
    size_t j, n = sc_ruleset_related_count(rs, i);
    const char *occ = sc_ruleset_occupation(rs, i);

    printf("%s  %s  %s, effective %s\n", sc_ruleset_name(rs, i),
           occ != NULL ? occ : "(template: every occupation without rules of its own)",
           sc_ruleset_standard(rs, i), sc_ruleset_effective(rs, i));
    if (n > 0) {
        printf("  related:");
        for (j = 0; j < n; j++)
            printf(" %s", sc_ruleset_related(rs, i, j));
        printf("\n");
    }
    n = sc_ruleset_condition_count(rs, i);
    for (j = 0; j < n; j++) {
        const char *wt = sc_ruleset_condition_work_type(rs, i, j);
        const char *conf = sc_ruleset_condition_confidence(rs, i, j);
        char *text = NULL;

        if (sc_ruleset_condition_text(&text, rs, i, j) != SC_OK)
            return cli_oom();
        printf("  level %d%s%s  %-6s [%s] %s\n", sc_ruleset_condition_level(rs, i, j),
               wt != NULL ? " " : "", wt != NULL ? wt : "", sc_ruleset_condition_id(rs, i, j),
               conf != NULL ? conf : "-", text);
        printf("           %s\n", sc_ruleset_condition_clause(rs, i, j));
        sc_free(text);
    }
    return CLI_EXIT_OK;
}

static int cmd_rules_list(cli_ctx *ctx)
{
    sc_ruleset *rs = NULL;
    size_t i, n;
    int rc, status = CLI_EXIT_OK;

    if ((rc = sc_ruleset_load(&rs, ctx->db, cli_opt(ctx, "date"))) != SC_OK)
        return cli_fail(rc, NULL);
    n = sc_ruleset_count(rs);
    if (ctx->json) {
        json_t *arr = json_array();

        for (i = 0; arr != NULL && i < n; i++) {
            if (cli_json_append(arr, ruleset_json(rs, i)) != 0) {
                json_decref(arr);
                arr = NULL;
            }
        }
        status = cli_emit_json(arr);
    } else {
        printf("eligibility rules in force on %s: %zu rule set%s\n", sc_ruleset_date(rs), n,
               n == 1 ? "" : "s");
        for (i = 0; i < n && status == CLI_EXIT_OK; i++)
            status = print_ruleset(rs, i);
    }
    sc_ruleset_free(rs);
    return status;
}

static const cli_command rules_commands[] = {
    { "import", cmd_rules_import, NULL, NULL, 1, 1, CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "FILE",
      "import an eligibility rules document (all or nothing; city bureau only)",
      "FILE must be an eligibility document (urn:skillcert:eligibility:1). Problems are\n"
      "listed as FILE:LINE:COL: FIELD: message; on any error nothing changes." },
    { "list", cmd_rules_list, NULL, rules_list_options, 0, 0, CLI_NEEDS_DB,
      "[--date YYYY-MM-DD]",
      "list the rule sets in force on a day, with every condition in plain words",
      "With --json: an array of {name, occupation (null for the template), standard,\n"
      "effective, related, conditions: [{id, level, work_type, clause, confidence, text}]}." },
    { "load-defaults", cmd_rules_load_defaults, NULL, NULL, 0, 0,
      CLI_NEEDS_DB | CLI_NEEDS_ACTOR,
      "",
      "load the built-in rules (2018 template and confirmed occupation rules)",
      "Loading them again changes nothing." },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};

const cli_command cli_eligibility_commands[] = {
    { "check", cmd_check, NULL, check_options, 0, 0, CLI_NEEDS_DB,
      "--id ID --occupation CODE [--work-type W] --level N [--path P] [--confirmed LIST] "
      "[--date DATE]",
      "may a stored candidate apply for a level? exit 0 yes, 1 no",
      "Decides on the rules in force on the --date day, and says why: the condition\n"
      "of the standard that is met (with its clause), or for each condition what is\n"
      "missing. Exceptional (破格) and direct (直接认定) applications need the\n"
      "organization's confirmed rules (--confirmed exceptional,direct) and recorded\n"
      "evidence. Exit 0 when eligible, 1 when not, 2 or more on errors.\n"
      "With --json: {eligible, reason_code, message, id_number, occupation, work_type,\n"
      "level, path, as_of, rules, standard, matched: null|{id, clause},\n"
      "conditions: [{id, clause, met, message}]}." },
    { "rules", NULL, rules_commands, NULL, 0, 0, 0,
      "SUBCOMMAND ...",
      "eligibility rules as data: import, list, load-defaults",
      NULL },
    { NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL }
};
