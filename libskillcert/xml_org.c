/*
 * Exchange documents of the organization filing workflow (org.h, issue #6):
 *
 *   organization application (urn:skillcert:organization-application:1)
 *     <organization-application batch= credit-code= name= kind= district= registered=
 *                               [legacy-code=] sent=>
 *       <application kind= applied= [base-receipt=]> <offering occupation= [work-type=]
 *                                                              level=/>+ </application>
 *     exported by the organization; imported by its district bureau, whose registry then
 *     holds the organization and the application (APPLIED);
 *
 *   district recommendation (urn:skillcert:district-recommendation:1)
 *     <district-recommendation (as above)> <application .../>
 *       <decision outcome="recommended|refused" date= [reason=]/>
 *     exported by the district; imported by the city centre (RECOMMENDED, or REJECTED by
 *     the district);
 *
 *   evaluation result (urn:skillcert:evaluation-result:1)
 *     <evaluation-result batch= credit-code= district= issued=>
 *       <application kind= applied= [base-receipt=] [recommended=]> <offering/>+
 *       <outcome decision="evaluated|noticed|filed|rejected" [evaluated=] [methods=]
 *                [noticed=] [filed=] [receipt=] [valid-until=] [committed=] [rejected=]
 *                [reason=]> <granted .../>* </outcome>
 *     exported by the city; imported by the district or the organization, which bring
 *     the application they hold to the outcome;
 *
 *   directory (urn:skillcert:directory:1)
 *     <directory batch= as-of=> <organization credit-code= name= kind= district=
 *       registered= [legacy-code=]> <filing kind= receipt= [base-receipt=] applied= filed=
 *       valid-until= [committed=]> <offering/>+ </filing>+ </organization>*
 *     exported by the city; imported by a district or an organization's registry to
 *     refresh its copy.
 *
 * The documents replicate state between separate registries. Each records its issuer's
 * acts: the issuer's role is checked for the document type (xml.c), and its act on the
 * root (sc__xml_authorize: the organization applies, its own district recommends, the
 * city centre evaluates and files, the city publishes the directory); the importing
 * actor is the addressee and must have the right to receive it (sc__xml_receive). The
 * workflow's own checks are restated as business rules (unknown references, state
 * conflicts), and the acts are written only through org.c's operations (org_int.h:
 * org.c owns the org and filing tables), each step recorded with the party that took
 * it, the issuer and the receiver. Everything runs in the framework's one transaction;
 * one audit entry per batch (xml.c), naming issuer and receiver.
 */
#include "xml_int.h"
#include "org_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OA_NS "urn:skillcert:organization-application:1"
#define DR_NS "urn:skillcert:district-recommendation:1"
#define ER_NS "urn:skillcert:evaluation-result:1"
#define DI_NS "urn:skillcert:directory:1"

extern const char sc__schema_org_application[]; /* resources.c */
extern const size_t sc__schema_org_application_len;
extern const char sc__schema_recommendation[];
extern const size_t sc__schema_recommendation_len;
extern const char sc__schema_evaluation_result[];
extern const size_t sc__schema_evaluation_result_len;
extern const char sc__schema_directory[];
extern const size_t sc__schema_directory_len;

/* ---- shared ------------------------------------------------------------------------ */

typedef struct {
    /* the root */
    char code[SC_CREDIT_CODE_SIZE];
    char district[SC_DISTRICT_CODE_SIZE];
    char day[SC_DATE_SIZE];
    sqlite3_int64 org_id;
    /* the application (or directory filing) being read */
    int kind;
    char applied[SC_DATE_SIZE], recommended[SC_DATE_SIZE];
    sqlite3_int64 base_id;
    sqlite3_int64 filing_id;     /* evaluation result: the importer's filing */
    int status;                  /* its status */
    size_t requested;            /* evaluation result: offerings the importer holds */
    sc_offerings *req;           /* offerings read */
    sc_offerings *granted;       /* evaluation result: granted offerings read */
    /* directory filing */
    char receipt[SC_RECEIPT_SIZE], filed[SC_DATE_SIZE], valid_until[SC_DATE_SIZE];
    char committed[SC_DATE_SIZE];
    /* evaluation outcome */
    int target;
    unsigned int methods;
    char evaluated[SC_DATE_SIZE], noticed[SC_DATE_SIZE], rejected[SC_DATE_SIZE];
    char reason[SC_ORG_TEXT_SIZE];
    int site;                    /* evaluation outcome: the certificate site given, or 0 */
    sc__strset orgs, receipts;
} org_state;

static void org_cleanup(void *state)
{
    org_state *s = state;
    sc_offerings_free(s->req);
    sc_offerings_free(s->granted);
    sc__strset_free(&s->orgs);
    sc__strset_free(&s->receipts);
    s->req = s->granted = NULL;
}

/* A required attribute (the handler sees an element before the validator does). */
static int req_attr(sc__xml_ctx *ctx, const char *name, const char **out)
{
    *out = sc__xml_attr(ctx, name);
    if (!*out || !**out)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "attribute '%s' is required", name);
    return SC_OK;
}

/* A day attribute into buf ("" when absent and optional). */
static int day_attr(sc__xml_ctx *ctx, const char *name, int required, char buf[SC_DATE_SIZE])
{
    const char *v = sc__xml_attr(ctx, name);
    buf[0] = '\0';
    if (!v || !*v)
        return required ? sc__xml_fail(ctx, SC_EINVALIDDOC, name, "attribute '%s' is required",
                                       name)
                        : SC_OK;
    if (!sc__date_valid(v))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name,
                            "'%.40s' is not a day in the form YYYY-MM-DD", v);
    snprintf(buf, SC_DATE_SIZE, "%s", v);
    return SC_OK;
}

/* A receipt attribute "BJ-YYYY-NNNN" into buf ("" when absent and optional). */
static int receipt_attr(sc__xml_ctx *ctx, const char *name, int required,
                        char buf[SC_RECEIPT_SIZE])
{
    const char *v = sc__xml_attr(ctx, name);
    size_t i;
    buf[0] = '\0';
    if (!v || !*v)
        return required ? sc__xml_fail(ctx, SC_EINVALIDDOC, name, "attribute '%s' is required",
                                       name)
                        : SC_OK;
    for (i = 0; i < 12 && v[i]; i++)
        if ((i < 3 && v[i] != "BJ-"[i]) || (i == 7 && v[i] != '-') ||
            (i > 2 && i != 7 && (v[i] < '0' || v[i] > '9')))
            break;
    if (i != 12 || v[12])
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name,
                            "'%.40s' is not a receipt number BJ-YYYY-NNNN", v);
    snprintf(buf, SC_RECEIPT_SIZE, "%s", v);
    return SC_OK;
}

/* An optional site attribute "NNNNNN" (not 000000) into *site (0 when absent). */
static int site_attr(sc__xml_ctx *ctx, int *site)
{
    const char *v = sc__xml_attr(ctx, "site");
    int i, n = 0;
    *site = 0;
    if (!v || !*v)
        return SC_OK;
    for (i = 0; i < 6 && v[i] >= '0' && v[i] <= '9'; i++)
        n = n * 10 + (v[i] - '0');
    if (i != 6 || v[6] || n == 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "site", "'%.40s' is not a site: 6 digits, "
                            "not 000000", v);
    *site = n;
    return SC_OK;
}

/* "initial" or "addition". */
static int kind_attr(sc__xml_ctx *ctx, int *kind)
{
    const char *v;
    int rc = req_attr(ctx, "kind", &v);
    if (rc != SC_OK)
        return rc;
    *kind = !strcmp(v, "initial")    ? SC_FILING_INITIAL
            : !strcmp(v, "addition") ? SC_FILING_ADDITION
                                     : 0;
    if (!*kind)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "kind",
                            "the kind is initial or addition, not '%.20s'", v);
    return SC_OK;
}

/* An org.c operation's status: a failure reported at the current position. */
static int op(sc__xml_ctx *ctx, int rc)
{
    return rc == SC_OK ? SC_OK : sc__xml_fail_last(ctx, NULL);
}

/* Record a step taken by `who` (an actor label), as imported: the step names the party,
 * the document's issuer and its receiver (the importing actor). */
static int add_step(sc__xml_ctx *ctx, sqlite3_int64 filing, int step, const char *date,
                    const char *who, const char *note)
{
    char text[SC_ACTOR_TEXT_SIZE];
    snprintf(text, sizeof text, "%s (issued by %s, imported by %s, %s %.80s)", who,
             ctx->issuer ? sc_actor_label(ctx->issuer) : "?", sc_actor_label(ctx->actor),
             ctx->handler->root, ctx->batch_id);
    return op(ctx, sc__filing_step_replicate(ctx->db, filing, step, date, text, note));
}

static const char SQL_ORG_GET[] =
    "SELECT id, name, kind, district FROM org WHERE credit_code = ?1";

/* The organization of the current element's attributes: recorded when unknown to this
 * registry; when known, the same district and kind (a new name is taken). */
static int org_upsert(sc__xml_ctx *ctx, org_state *s)
{
    const char *code, *name, *kind_s, *dist_s, *legacy;
    char registered[SC_DATE_SIZE];
    sqlite3_stmt *st;
    int kind, rc, is_legacy;

    if ((rc = req_attr(ctx, "credit-code", &code)) != SC_OK ||
        (rc = req_attr(ctx, "name", &name)) != SC_OK ||
        (rc = req_attr(ctx, "kind", &kind_s)) != SC_OK ||
        (rc = req_attr(ctx, "district", &dist_s)) != SC_OK ||
        (rc = day_attr(ctx, "registered", 1, registered)) != SC_OK)
        return rc;
    legacy = sc__xml_attr(ctx, "legacy-code");
    is_legacy = legacy && (!strcmp(legacy, "true") || !strcmp(legacy, "1"));
    if (sc_org_kind_parse(&kind, kind_s) != SC_OK)
        return sc__xml_fail_last(ctx, "kind");
    /* The checks of sc_org_register, in org.c. */
    if (sc__org_register_check(ctx->db, code, name, kind, dist_s, is_legacy, s->code,
                               s->district, &is_legacy) != SC_OK) {
        const char *field = sc_error_last()->field;
        return sc__xml_fail_last(ctx, !strcmp(field, "credit_code") ? "credit-code" : field);
    }
    if (!(st = sc__db_stmt(ctx->db, SQL_ORG_GET)))
        return sc__xml_fail_last(ctx, NULL);
    sc__bind_text(st, 1, s->code);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int same_name = sc__col_text(st, 1) && !strcmp(sc__col_text(st, 1), name);
        char held[SC_DISTRICT_CODE_SIZE];
        int held_kind = sqlite3_column_int(st, 2);
        s->org_id = sqlite3_column_int64(st, 0);
        sc__copy_text(held, sizeof held, sc__col_text(st, 3));
        sqlite3_reset(st);
        if (strcmp(held, s->district))
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "district",
                                "%s is recorded here as registered in district %s, not %s",
                                s->code, held, s->district);
        if (held_kind != kind)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "kind",
                                "%s is recorded here as %s, not %s", s->code,
                                sc_org_kind_name(held_kind), sc_org_kind_name(kind));
        if (same_name)
            return SC_OK;
        return op(ctx, sc__org_rename(ctx->db, s->org_id, name));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__xml_db_fail(ctx, rc, "looking up an organization");
    return op(ctx, sc__org_replicate(ctx->db, s->code, name, kind, s->district, registered,
                                     is_legacy, &s->org_id));
}

/* The root of a document that may bring an organization new to this registry: the
 * actor's kind is checked first; when the organization is unknown here it is recorded
 * and the jurisdiction then checked on it (a refusal rolls the import back). */
static int new_org_root(sc__xml_ctx *ctx, org_state *s, int action)
{
    char code[SC_CREDIT_CODE_SIZE];
    int rc;
    if (sc__credit_code_norm(sc__xml_attr(ctx, "credit-code"), code) != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    rc = sc__authorize(ctx->db, ctx->actor, action, code);
    if (rc != SC_OK && rc != SC_ENOTFOUND)
        return sc__xml_receive(ctx, action, code, "credit-code");
    if ((rc = org_upsert(ctx, s)) != SC_OK)
        return rc;
    if ((rc = sc__xml_receive(ctx, action, s->code, "credit-code")) != SC_OK)
        return rc;
    /* The issuer's act: the organization applies; its own district recommends. */
    return sc__xml_authorize(ctx,
                             action == SC__ACT_ORG_APPLICATION_IMPORT ? SC__ACT_ORG_APPLY
                                                                      : SC__ACT_ORG_RECOMMEND,
                             s->code, "issuer");
}

/* The root of a document about one organization already recorded here. */
static int known_org_root(sc__xml_ctx *ctx, org_state *s, int action, const char *day_name)
{
    const char *code, *dist;
    sc__org_row row;
    int rc;
    if ((rc = req_attr(ctx, "credit-code", &code)) != SC_OK)
        return rc;
    if (sc__credit_code_norm(code, s->code) != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    if ((rc = sc__xml_receive(ctx, action, s->code, "credit-code")) != SC_OK)
        return rc;
    /* The issuer's act: the city centre evaluates and files (an organization never
     * files itself, nor does a district). */
    if ((rc = sc__xml_authorize(ctx, SC__ACT_ORG_FILE, s->code, "issuer")) != SC_OK)
        return rc;
    if ((rc = sc__org_find(ctx->db, s->code, &row)) == SC_ENOTFOUND)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "credit-code",
                            "no organization %s is recorded here: import its "
                            "organization-application (or the directory) first",
                            s->code);
    if (rc != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    s->org_id = row.id;
    if ((rc = req_attr(ctx, "district", &dist)) != SC_OK)
        return rc;
    if (sc__district_resolve(ctx->db, dist, "district", s->district) != SC_OK)
        return sc__xml_fail_last(ctx, "district");
    if (strcmp(s->district, row.district))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "district",
                            "%s is recorded here as registered in district %s, not %s",
                            s->code, row.district, s->district);
    return day_attr(ctx, day_name, 1, s->day);
}

static const char SQL_FILING_BY_RECEIPT[] =
    "SELECT id, org_id, status, ended, filed, valid_until, kind FROM filing WHERE receipt = ?1";

/* The filing with `receipt`, of the organization, into *id (0 when unknown). When
 * in_force_on is given it must be an initial filing in force that day. */
static int base_filing(sc__xml_ctx *ctx, org_state *s, const char *receipt,
                       const char *in_force_on, sqlite3_int64 *id)
{
    sqlite3_stmt *st = sc__db_stmt(ctx->db, SQL_FILING_BY_RECEIPT);
    int rc, ok;
    *id = 0;
    if (!st)
        return sc__xml_fail_last(ctx, NULL);
    sc__bind_text(st, 1, receipt);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__xml_db_fail(ctx, rc, "looking up a filing");
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "base-receipt",
                            "no filing with receipt %s is recorded here: import the "
                            "directory (or the evaluation result) that lists it first",
                            receipt);
    }
    ok = sqlite3_column_int64(st, 1) == s->org_id && sqlite3_column_int(st, 6) == SC_FILING_INITIAL;
    if (ok && in_force_on) {
        const char *ended = sc__col_text(st, 3), *filed = sc__col_text(st, 4),
                   *until = sc__col_text(st, 5);
        ok = filed && until && strcmp(filed, in_force_on) <= 0 &&
             strcmp(in_force_on, until) <= 0 && (!ended || strcmp(in_force_on, ended) < 0);
    }
    *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (!ok)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "base-receipt",
                            "filing %s is not a filing of %s%s%s", receipt, s->code,
                            in_force_on ? " in force on " : "", in_force_on ? in_force_on : "");
    return SC_OK;
}

/* <application kind= applied= [base-receipt=] [recommended=]>: read into the state. */
static int application_start(sc__xml_ctx *ctx, org_state *s, int check_base)
{
    char base[SC_RECEIPT_SIZE];
    int rc;
    sc_offerings_free(s->req);
    s->req = NULL;
    s->base_id = 0;
    if ((rc = kind_attr(ctx, &s->kind)) != SC_OK ||
        (rc = day_attr(ctx, "applied", 1, s->applied)) != SC_OK ||
        (rc = day_attr(ctx, "recommended", 0, s->recommended)) != SC_OK ||
        (rc = receipt_attr(ctx, "base-receipt", s->kind == SC_FILING_ADDITION, base)) != SC_OK)
        return rc;
    if (s->kind == SC_FILING_INITIAL && base[0])
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "base-receipt",
                            "an initial application adds to no filing");
    if (s->kind == SC_FILING_ADDITION &&
        (rc = base_filing(ctx, s, base, check_base ? s->applied : NULL, &s->base_id)) != SC_OK)
        return rc;
    if (sc_offerings_new(&s->req) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    return SC_OK;
}

/* An <offering>/<granted>: syntax, and when `catalog_day` is given certifiable in the
 * catalog that day (canonical code); not twice. Added to *list. */
static int offering_read(sc__xml_ctx *ctx, sc_offerings *list, const char *catalog_day,
                         sc_offering_item *item)
{
    const char *occ, *wt, *lv;
    char canon[SC_OCCUPATION_CODE_SIZE];
    int rc, level;
    if ((rc = req_attr(ctx, "occupation", &occ)) != SC_OK ||
        (rc = req_attr(ctx, "level", &lv)) != SC_OK)
        return rc;
    wt = sc__xml_attr(ctx, "work-type");
    if (!wt)
        wt = "";
    level = lv[0] >= '1' && lv[0] <= '5' && !lv[1] ? lv[0] - '0' : 0;
    if (!level)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "level", "the level is 1-5, not '%.20s'", lv);
    SC__ZERO_KEEP_VERSION(item);
    {
        sc_offerings *one = NULL;
        if (sc_offerings_new(&one) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
        if (sc_offerings_add(one, occ, wt, level) != SC_OK) {
            sc_offerings_free(one);
            return sc__xml_fail_last(ctx, "occupation");
        }
        sc_offerings_get(item, one, 0);
        sc_offerings_free(one);
    }
    if (catalog_day) {
        if (sc__offering_certifiable(ctx->db, item, catalog_day, "occupation", canon) != SC_OK)
            return sc__xml_fail_last(ctx, "occupation");
        sc__copy_text(item->occupation, sizeof item->occupation, canon);
    }
    if (sc__offerings_has(list, item->occupation, item->work_type, item->level))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "occupation", "%s%s%s level %d is listed twice",
                            item->occupation, item->work_type[0] ? "/" : "", item->work_type,
                            item->level);
    if (sc__offerings_push(list, item->occupation, item->work_type, item->level) != SC_OK)
        return sc__xml_fail(ctx, SC_ENOMEM, NULL, "out of memory importing");
    return SC_OK;
}

/* Record the application read as APPLIED (organization-application and
 * district-recommendation), after the workflow's checks. */
static int application_record(sc__xml_ctx *ctx, org_state *s)
{
    char who[64];
    sqlite3_int64 base;
    int rc;

    if (!s->req || sc_offerings_count(s->req) == 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, NULL, "the application lists no offering");
    /* The checks of the direct call (sc_org_apply[_addition]), in org.c. */
    if (sc__filing_apply_check(ctx->db, s->org_id, s->kind, s->req, s->applied, &base) != SC_OK) {
        const char *field = sc_error_last()->field;
        return sc__xml_fail_last(ctx, !strcmp(field, "date") ? "applied" : "kind");
    }
    if ((rc = op(ctx, sc__filing_replicate(ctx->db, s->org_id, s->kind, s->base_id,
                                           s->applied, s->req, &s->filing_id))) != SC_OK)
        return rc;
    snprintf(who, sizeof who, "organization:%s", s->code);
    return add_step(ctx, s->filing_id, SC_FILING_APPLIED, s->applied, who, NULL);
}

/* ---- organization application: the district bureau receives it ------------------------- */

static int oa_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    org_state *s = state;
    sc_offering_item item = SC_OFFERING_ITEM_INIT;
    int rc;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0) {
        if ((rc = new_org_root(ctx, s, SC__ACT_ORG_APPLICATION_IMPORT)) != SC_OK)
            return rc;
        return day_attr(ctx, "sent", 1, s->day);
    }
    if (depth == 1 && !strcmp(local, "application"))
        return application_start(ctx, s, 1);
    if (depth == 2 && !strcmp(local, "offering") && s->req)
        return offering_read(ctx, s->req, s->applied, &item);
    return SC_OK;
}

static int oa_end(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    org_state *s = state;
    int rc;
    if (!ctx->db || depth != 1 || strcmp(local, "application"))
        return SC_OK;
    if (strcmp(s->applied, s->day) > 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "applied",
                            "the application (%s) is dated after the document (%s)", s->applied,
                            s->day);
    if ((rc = application_record(ctx, s)) != SC_OK)
        return rc;
    return sc__xml_count(ctx);
}

const sc__doc_handler sc__doc_org_application = {
    SC_DOC_ORG_APPLICATION, "organization-application", OA_NS, sc__schema_org_application, 0, 0,
    sizeof(org_state), oa_start, oa_end, NULL, org_cleanup
};

/* ---- district recommendation: the city centre receives it ------------------------------- */

static int dr_decision(sc__xml_ctx *ctx, org_state *s)
{
    const char *outcome, *reason;
    char date[SC_DATE_SIZE], who[64];
    int rc, refused;
    if ((rc = req_attr(ctx, "outcome", &outcome)) != SC_OK ||
        (rc = day_attr(ctx, "date", 1, date)) != SC_OK)
        return rc;
    refused = !strcmp(outcome, "refused");
    if (!refused && strcmp(outcome, "recommended"))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "outcome",
                            "the outcome is recommended or refused, not '%.20s'", outcome);
    reason = sc__xml_attr(ctx, "reason");
    if (refused && (!reason || !*reason))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "reason", "a refusal gives its reason");
    if (strcmp(date, s->day) > 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "date",
                            "the decision (%s) is dated after the document (%s)", date, s->day);
    if ((rc = application_record(ctx, s)) != SC_OK)
        return rc;
    if ((rc = op(ctx, sc__filing_decided_by_district(ctx->db, s->filing_id, refused, date,
                                                     reason))) != SC_OK)
        return rc;
    snprintf(who, sizeof who, "district:%s", s->district);
    if ((rc = add_step(ctx, s->filing_id, refused ? SC_FILING_REJECTED : SC_FILING_RECOMMENDED,
                       date, who, refused ? reason : NULL)) != SC_OK)
        return rc;
    return sc__xml_count(ctx);
}

static int dr_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    org_state *s = state;
    sc_offering_item item = SC_OFFERING_ITEM_INIT;
    int rc;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0) {
        if ((rc = new_org_root(ctx, s, SC__ACT_RECOMMENDATION_IMPORT)) != SC_OK)
            return rc;
        return day_attr(ctx, "sent", 1, s->day);
    }
    if (depth == 1 && !strcmp(local, "application"))
        return application_start(ctx, s, 1);
    if (depth == 2 && !strcmp(local, "offering") && s->req)
        return offering_read(ctx, s->req, s->applied, &item);
    if (depth == 1 && !strcmp(local, "decision") && s->req)
        return dr_decision(ctx, s);
    return SC_OK;
}

const sc__doc_handler sc__doc_recommendation = {
    SC_DOC_RECOMMENDATION, "district-recommendation", DR_NS, sc__schema_recommendation, 0, 0,
    sizeof(org_state), dr_start, NULL, NULL, org_cleanup
};

/* ---- evaluation result: the district or the organization receives it -------------------- */

static const char SQL_FIND_APPLICATION[] =
    "SELECT id, status, coalesce(base_id, 0) FROM filing WHERE org_id = ?1 AND kind = ?2 "
    "AND applied = ?3 ORDER BY id DESC LIMIT 1";
static const char SQL_COUNT_REQUESTED[] = "SELECT count(*) FROM filing_scope WHERE filing_id = ?1";

/* The application the result is about, as recorded here. */
static int er_application(sc__xml_ctx *ctx, org_state *s)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = application_start(ctx, s, 0)) != SC_OK)
        return rc;
    if (!(st = sc__db_stmt(ctx->db, SQL_FIND_APPLICATION)))
        return sc__xml_fail_last(ctx, NULL);
    sqlite3_bind_int64(st, 1, s->org_id);
    sqlite3_bind_int(st, 2, s->kind);
    sc__bind_text(st, 3, s->applied);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        s->filing_id = sqlite3_column_int64(st, 0);
        s->status = sqlite3_column_int(st, 1);
        if (s->kind == SC_FILING_ADDITION && sqlite3_column_int64(st, 2) != s->base_id) {
            sqlite3_reset(st);
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "base-receipt",
                                "the addition of %s applied on %s adds to another filing here",
                                s->code, s->applied);
        }
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "applied",
                            "no %s application of %s made on %s is recorded here",
                            s->kind == SC_FILING_ADDITION ? "addition" : "initial", s->code,
                            s->applied);
    if (rc != SQLITE_ROW)
        return sc__xml_db_fail(ctx, rc, "looking up an application");
    if (s->status < SC_FILING_APPLIED || s->status > SC_FILING_FILED)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "applied",
                            "the application of %s made on %s is %s here: no longer in progress",
                            s->code, s->applied, sc_filing_status_name(s->status));
    if (!(st = sc__db_stmt(ctx->db, SQL_COUNT_REQUESTED)))
        return sc__xml_fail_last(ctx, NULL);
    sqlite3_bind_int64(st, 1, s->filing_id);
    rc = sqlite3_step(st);
    s->requested = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return sc__xml_db_fail(ctx, rc, "reading a scope");
    if (sc_offerings_new(&s->granted) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    return SC_OK;
}

/* An offering of the application (or granted): requested here. */
static int er_offering(sc__xml_ctx *ctx, org_state *s, sc_offerings *list)
{
    sc_offering_item item = SC_OFFERING_ITEM_INIT;
    int rc;
    if ((rc = offering_read(ctx, list, NULL, &item)) != SC_OK)
        return rc;
    /* The check of the direct call (sc_org_evaluate), in org.c. */
    if (sc__filing_grant_check(ctx->db, s->filing_id, s->code, &item) != SC_OK)
        return sc__xml_fail_last(ctx, "occupation");
    return SC_OK;
}

/* methods="materials expert on-site" into SC_EVAL_* flags. */
static int methods_attr(sc__xml_ctx *ctx, unsigned int *out)
{
    const char *v = sc__xml_attr(ctx, "methods");
    *out = 0;
    while (v && *v) {
        size_t n;
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
            v++;
        n = strcspn(v, " \t\r\n");
        if (!n)
            break;
        if (n == 9 && !strncmp(v, "materials", n))
            *out |= SC_EVAL_MATERIALS;
        else if (n == 6 && !strncmp(v, "expert", n))
            *out |= SC_EVAL_EXPERT;
        else if (n == 7 && !strncmp(v, "on-site", n))
            *out |= SC_EVAL_ON_SITE;
        else
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "methods",
                                "an evaluation method is materials, expert or on-site, not "
                                "'%.*s'", (int)(n > 20 ? 20 : n), v);
        v += n;
    }
    return SC_OK;
}

static int er_outcome_start(sc__xml_ctx *ctx, org_state *s)
{
    const char *d, *reason;
    int rc;
    if (sc_offerings_count(s->req) != s->requested)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, NULL,
                            "the application lists %zu offerings; the one recorded here %zu",
                            sc_offerings_count(s->req), s->requested);
    if ((rc = req_attr(ctx, "decision", &d)) != SC_OK)
        return rc;
    s->target = !strcmp(d, "evaluated") ? SC_FILING_EVALUATED
                : !strcmp(d, "noticed") ? SC_FILING_NOTICED
                : !strcmp(d, "filed")   ? SC_FILING_FILED
                : !strcmp(d, "rejected") ? SC_FILING_REJECTED
                                         : 0;
    if (!s->target)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "decision",
                            "the decision is evaluated, noticed, filed or rejected, not '%.20s'",
                            d);
    if ((rc = day_attr(ctx, "evaluated", s->target != SC_FILING_REJECTED, s->evaluated)) !=
            SC_OK ||
        (rc = day_attr(ctx, "noticed", s->target == SC_FILING_NOTICED ||
                                           s->target == SC_FILING_FILED, s->noticed)) != SC_OK ||
        (rc = day_attr(ctx, "filed", s->target == SC_FILING_FILED, s->filed)) != SC_OK ||
        (rc = day_attr(ctx, "valid-until", s->target == SC_FILING_FILED, s->valid_until)) !=
            SC_OK ||
        (rc = day_attr(ctx, "committed", 0, s->committed)) != SC_OK ||
        (rc = day_attr(ctx, "rejected", s->target == SC_FILING_REJECTED, s->rejected)) != SC_OK ||
        (rc = receipt_attr(ctx, "receipt", s->target == SC_FILING_FILED, s->receipt)) != SC_OK ||
        (rc = methods_attr(ctx, &s->methods)) != SC_OK ||
        (rc = site_attr(ctx, &s->site)) != SC_OK)
        return rc;
    if (s->site && !s->filed[0])
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "site", "a certificate site comes with a "
                            "filing date");
    if (!s->filed[0] && (s->receipt[0] || s->valid_until[0] || s->committed[0]))
        return sc__xml_fail(ctx, SC_EINVALIDDOC,
                            s->receipt[0]       ? "receipt"
                            : s->valid_until[0] ? "valid-until"
                                                : "committed",
                            "a receipt, validity or commitment comes with a filing date");
    {
        int status = s->target;
        if (status == SC_FILING_FILED && (s->committed[0] || s->kind == SC_FILING_ADDITION))
            status = SC_FILING_ACTIVE;
        if (status != SC_FILING_REJECTED && status <= s->status)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "decision",
                                "the application of %s made on %s is already %s here", s->code,
                                s->applied, sc_filing_status_name(s->status));
        if (status == SC_FILING_REJECTED && s->status > SC_FILING_NOTICED)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "decision",
                                "the application of %s made on %s is already %s here: it "
                                "cannot be rejected", s->code, s->applied,
                                sc_filing_status_name(s->status));
    }
    if (s->evaluated[0] && !s->methods)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "methods",
                            "an evaluation names the methods used");
    reason = sc__xml_attr(ctx, "reason");
    if (s->target == SC_FILING_REJECTED && (!reason || !*reason))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "reason", "a rejection gives its reason");
    if (reason && sc__check_text(reason, "reason", SC_ORG_TEXT_SIZE - 1, 0) != SC_OK)
        return sc__xml_fail_last(ctx, "reason");
    sc__copy_text(s->reason, sizeof s->reason, s->target == SC_FILING_REJECTED ? reason : "");
    /* The steps follow each other: the checks of the direct steps, in org.c. */
    {
        const char *names[] = { "applied", "recommended", "evaluated", "noticed", "filed",
                                "committed", "rejected" };
        const char *days[] = { s->applied, s->recommended, s->evaluated, s->noticed, s->filed,
                               s->committed, s->rejected };
        const char *step_days[SC_FILING_ACTIVE + 1] = { NULL };
        const char *last = NULL, *last_name = NULL;
        size_t i;
        int at = 0;
        step_days[SC_FILING_RECOMMENDED] = s->recommended;
        step_days[SC_FILING_EVALUATED] = s->evaluated;
        step_days[SC_FILING_NOTICED] = s->noticed;
        step_days[SC_FILING_FILED] = s->filed;
        step_days[SC_FILING_ACTIVE] = s->kind == SC_FILING_ADDITION ? "" : s->committed;
        if (sc__filing_steps_check(ctx->db, s->filing_id, s->code, step_days, s->rejected,
                                   &at) != SC_OK)
            return sc__xml_fail_last(ctx, at == SC_FILING_REJECTED ? "rejected"
                                          : at == SC_FILING_ACTIVE ? "committed"
                                          : at >= SC_FILING_RECOMMENDED ? names[at - 1]
                                                                        : NULL);
        for (i = 0; i < sizeof days / sizeof days[0]; i++)
            if (days[i][0] && (!last || strcmp(days[i], last) > 0)) {
                last = days[i];
                last_name = names[i];
            }
        if (last && strcmp(last, s->day) > 0)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, last_name,
                                "%s (%s) is after the document was issued (%s)", last_name, last,
                                s->day);
    }
    if (s->filed[0]) {
        if (strncmp(s->receipt + 3, s->filed, 4))
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "receipt",
                                "receipt %s is not numbered in the year of the filing (%s)",
                                s->receipt, s->filed);
        if (strcmp(s->valid_until, s->filed) < 0)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "valid-until",
                                "the validity (%s) ends before the filing (%s)", s->valid_until,
                                s->filed);
    }
    return SC_OK;
}

static const char SQL_RECEIPT_OTHER[] =
    "SELECT id FROM filing WHERE receipt = ?1 AND id <> ?2";
/* Set the granted flags of a filing's scope to `granted` (recording missing rows). */
static int set_granted(sc__xml_ctx *ctx, sqlite3_int64 filing, const sc_offerings *granted,
                       int insert)
{
    return op(ctx, sc__filing_grant(ctx->db, filing, granted, insert));
}

/* A receipt held by no other filing here. */
static int receipt_free(sc__xml_ctx *ctx, const char *receipt, sqlite3_int64 filing)
{
    sqlite3_stmt *st = sc__db_stmt(ctx->db, SQL_RECEIPT_OTHER);
    int rc;
    if (!st)
        return sc__xml_fail_last(ctx, NULL);
    sc__bind_text(st, 1, receipt);
    sqlite3_bind_int64(st, 2, filing);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "receipt",
                            "receipt %s is held by another filing here", receipt);
    if (rc != SQLITE_DONE)
        return sc__xml_db_fail(ctx, rc, "looking up a receipt");
    return SC_OK;
}

static int er_outcome_end(sc__xml_ctx *ctx, org_state *s)
{
    char org_who[64], dist_who[64];
    int status = s->target, rc, step;
    const char *step_days[7];

    if (status == SC_FILING_FILED && (s->committed[0] || s->kind == SC_FILING_ADDITION))
        status = SC_FILING_ACTIVE;
    if (s->target != SC_FILING_REJECTED && s->evaluated[0] &&
        sc_offerings_count(s->granted) == 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, NULL,
                            "an evaluation grants at least one offering");
    if (s->receipt[0] && (rc = receipt_free(ctx, s->receipt, s->filing_id)) != SC_OK)
        return rc;
    {
        sc_filing f = SC_FILING_INIT;
        snprintf(f.recommended, sizeof f.recommended, "%s", s->recommended);
        snprintf(f.evaluated, sizeof f.evaluated, "%s", s->evaluated);
        f.methods = s->methods;
        snprintf(f.noticed, sizeof f.noticed, "%s", s->noticed);
        snprintf(f.filed, sizeof f.filed, "%s", s->filed);
        snprintf(f.receipt, sizeof f.receipt, "%s", s->receipt);
        snprintf(f.valid_until, sizeof f.valid_until, "%s", s->valid_until);
        snprintf(f.committed, sizeof f.committed, "%s", s->committed);
        snprintf(f.ended, sizeof f.ended, "%s", s->rejected);
        sc__copy_text(f.reason, sizeof f.reason, s->reason);
        if ((rc = op(ctx, sc__filing_outcome(ctx->db, s->filing_id, status, &f))) != SC_OK)
            return rc;
    }
    /* Filed: the organization's certificate site, as the city gave it. */
    if (s->site && s->filed[0]) {
        char what[80];
        snprintf(what, sizeof what, "the evaluation result of %s", s->code);
        if ((rc = op(ctx, sc__org_site_claim(ctx->db, s->org_id, s->site, what, "site",
                                             s->filed))) != SC_OK)
            return rc;
    }
    if (s->evaluated[0] && (rc = set_granted(ctx, s->filing_id, s->granted, 0)) != SC_OK)
        return rc;
    /* The steps newly reached, each with the party that took it. */
    snprintf(org_who, sizeof org_who, "organization:%s", s->code);
    snprintf(dist_who, sizeof dist_who, "district:%s", s->district);
    step_days[SC_FILING_RECOMMENDED] = s->recommended;
    step_days[SC_FILING_EVALUATED] = s->evaluated;
    step_days[SC_FILING_NOTICED] = s->noticed;
    step_days[SC_FILING_FILED] = s->filed;
    step_days[SC_FILING_ACTIVE] = s->kind == SC_FILING_ADDITION ? "" : s->committed;
    for (step = s->status + 1; step <= SC_FILING_ACTIVE; step++) {
        const char *who = step == SC_FILING_RECOMMENDED ? dist_who
                          : step == SC_FILING_ACTIVE    ? org_who
                                                        : "city-centre";
        if (!step_days[step][0])
            continue;
        if ((rc = add_step(ctx, s->filing_id, step, step_days[step], who, NULL)) != SC_OK)
            return rc;
    }
    if (status == SC_FILING_REJECTED &&
        (rc = add_step(ctx, s->filing_id, SC_FILING_REJECTED, s->rejected, "city-centre",
                       s->reason)) != SC_OK)
        return rc;
    return sc__xml_count(ctx);
}

static int er_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    org_state *s = state;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0)
        return known_org_root(ctx, s, SC__ACT_EVALUATION_RESULT_IMPORT, "issued");
    if (depth == 1 && !strcmp(local, "application"))
        return er_application(ctx, s);
    if (depth == 2 && !strcmp(local, "offering") && s->req)
        return er_offering(ctx, s, s->req);
    if (depth == 1 && !strcmp(local, "outcome") && s->granted)
        return er_outcome_start(ctx, s);
    if (depth == 2 && !strcmp(local, "granted") && s->granted)
        return er_offering(ctx, s, s->granted);
    return SC_OK;
}

static int er_end(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    org_state *s = state;
    if (!ctx->db || depth != 1 || strcmp(local, "outcome") || !s->granted)
        return SC_OK;
    return er_outcome_end(ctx, s);
}

const sc__doc_handler sc__doc_evaluation_result = {
    SC_DOC_EVALUATION_RESULT, "evaluation-result", ER_NS, sc__schema_evaluation_result, 0, 0,
    sizeof(org_state), er_start, er_end, NULL, org_cleanup
};

/* ---- directory: a district or an organization refreshes its copy -------------------------- */

static int di_filing_start(sc__xml_ctx *ctx, org_state *s)
{
    char base[SC_RECEIPT_SIZE];
    int rc;
    sc_offerings_free(s->req);
    s->req = NULL;
    s->base_id = 0;
    if ((rc = kind_attr(ctx, &s->kind)) != SC_OK ||
        (rc = receipt_attr(ctx, "receipt", 1, s->receipt)) != SC_OK ||
        (rc = receipt_attr(ctx, "base-receipt", s->kind == SC_FILING_ADDITION, base)) != SC_OK ||
        (rc = day_attr(ctx, "applied", 1, s->applied)) != SC_OK ||
        (rc = day_attr(ctx, "filed", 1, s->filed)) != SC_OK ||
        (rc = day_attr(ctx, "valid-until", 1, s->valid_until)) != SC_OK ||
        (rc = day_attr(ctx, "committed", 0, s->committed)) != SC_OK)
        return rc;
    switch (sc__strset_add(&s->receipts, s->receipt)) {
    case 1:
        break;
    case 0:
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "receipt", "receipt %s is listed twice",
                            s->receipt);
    default:
        return sc__xml_fail(ctx, SC_ENOMEM, NULL, "out of memory importing");
    }
    if (strncmp(s->receipt + 3, s->filed, 4))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "receipt",
                            "receipt %s is not numbered in the year of the filing (%s)",
                            s->receipt, s->filed);
    if (strcmp(s->applied, s->filed) > 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "filed", "filed (%s) before applied (%s)",
                            s->filed, s->applied);
    if (strcmp(s->filed, s->day) > 0 || strcmp(s->day, s->valid_until) > 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "valid-until",
                            "filing %s (filed %s, valid through %s) is not in force on %s",
                            s->receipt, s->filed, s->valid_until, s->day);
    if (s->committed[0] && strcmp(s->committed, s->filed) < 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "committed",
                            "committed (%s) before filed (%s)", s->committed, s->filed);
    if (s->kind == SC_FILING_INITIAL && base[0])
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "base-receipt",
                            "an initial filing adds to no filing");
    if (s->kind == SC_FILING_ADDITION) {
        if (sc__strset_add(&s->receipts, base) != 0)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "base-receipt",
                                "filing %s is not listed before its addition %s", base,
                                s->receipt);
        if ((rc = base_filing(ctx, s, base, NULL, &s->base_id)) != SC_OK)
            return rc;
    }
    if (sc_offerings_new(&s->req) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    return SC_OK;
}

static const char SQL_OPEN_SAME[] =
    "SELECT id, status FROM filing WHERE org_id = ?1 AND kind = ?2 AND applied = ?3 "
    "AND status BETWEEN ?4 AND ?5 AND receipt IS NULL ORDER BY id DESC LIMIT 1";

static int di_filing_end(sc__xml_ctx *ctx, org_state *s)
{
    char org_who[64];
    sqlite3_stmt *st;
    sqlite3_int64 id = 0;
    int rc, status, prev = 0;

    status = s->committed[0] || s->kind == SC_FILING_ADDITION ? SC_FILING_ACTIVE
                                                              : SC_FILING_FILED;
    snprintf(org_who, sizeof org_who, "organization:%s", s->code);
    /* Known here by its receipt? */
    if (!(st = sc__db_stmt(ctx->db, SQL_FILING_BY_RECEIPT)))
        return sc__xml_fail_last(ctx, NULL);
    sc__bind_text(st, 1, s->receipt);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int other = sqlite3_column_int64(st, 1) != s->org_id,
            kind = sqlite3_column_int(st, 6);
        id = sqlite3_column_int64(st, 0);
        prev = sqlite3_column_int(st, 2);
        sqlite3_reset(st);
        if (other || kind != s->kind)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "receipt",
                                "receipt %s is held here by another %s", s->receipt,
                                other ? "organization" : "kind of filing");
        if (prev != SC_FILING_FILED && prev != SC_FILING_ACTIVE)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "receipt",
                                "filing %s of %s is %s here, not in force", s->receipt, s->code,
                                sc_filing_status_name(prev));
        if (prev == SC_FILING_ACTIVE)
            status = SC_FILING_ACTIVE;
    } else {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__xml_db_fail(ctx, rc, "looking up a filing");
        /* The application in progress here, or a new filing. */
        if (!(st = sc__db_stmt(ctx->db, SQL_OPEN_SAME)))
            return sc__xml_fail_last(ctx, NULL);
        sqlite3_bind_int64(st, 1, s->org_id);
        sqlite3_bind_int(st, 2, s->kind);
        sc__bind_text(st, 3, s->applied);
        sqlite3_bind_int(st, 4, SC_FILING_APPLIED);
        sqlite3_bind_int(st, 5, SC_FILING_NOTICED);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            id = sqlite3_column_int64(st, 0);
            prev = sqlite3_column_int(st, 1);
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return sc__xml_db_fail(ctx, rc, "looking up an application");
        if (!id) {
            if ((rc = op(ctx, sc__filing_replicate(ctx->db, s->org_id, s->kind, s->base_id,
                                                   s->applied, NULL, &id))) != SC_OK)
                return rc;
            prev = SC_FILING_APPLIED;
            if ((rc = add_step(ctx, id, SC_FILING_APPLIED, s->applied, org_who, NULL)) != SC_OK)
                return rc;
        }
        if ((rc = receipt_free(ctx, s->receipt, id)) != SC_OK)
            return rc;
    }
    /* The checks of the direct filing and commitment, in org.c. */
    {
        int at = 0;
        if (sc__filing_listing_check(ctx->db, id, s->base_id, s->filed, s->committed, &at) !=
            SC_OK)
            return sc__xml_fail_last(ctx, at == SC_FILING_ACTIVE ? "committed" : "filed");
    }
    if ((rc = op(ctx, sc__filing_listed(ctx->db, id, status, s->filed, s->receipt,
                                        s->valid_until, s->committed, s->base_id))) != SC_OK)
        return rc;
    if ((rc = set_granted(ctx, id, s->req, 1)) != SC_OK)
        return rc;
    if (prev < SC_FILING_FILED &&
        (rc = add_step(ctx, id, SC_FILING_FILED, s->filed, "city-centre", NULL)) != SC_OK)
        return rc;
    if (prev < SC_FILING_ACTIVE && s->committed[0] && s->kind == SC_FILING_INITIAL &&
        (rc = add_step(ctx, id, SC_FILING_ACTIVE, s->committed, org_who, NULL)) != SC_OK)
        return rc;
    return sc__xml_count(ctx);
}

/* The organization's certificate site, as the directory's issuer gave it at filing:
 * recorded here through org (a filing listed without it gets one of this registry's). */
static int di_site(sc__xml_ctx *ctx, org_state *s)
{
    char what[80];
    int site = 0, rc;
    if (!s->org_id)
        return SC_OK;
    if ((rc = site_attr(ctx, &site)) != SC_OK || !site)
        return rc;
    snprintf(what, sizeof what, "the directory's organization %s", s->code);
    return op(ctx, sc__org_site_claim(ctx->db, s->org_id, site, what, "site", s->day));
}

static int di_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    org_state *s = state;
    sc_offering_item item = SC_OFFERING_ITEM_INIT;
    int rc;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0) {
        if ((rc = sc__xml_receive(ctx, SC__ACT_DIRECTORY_IMPORT, NULL, NULL)) != SC_OK)
            return rc;
        return day_attr(ctx, "as-of", 1, s->day);
    }
    if (depth == 1 && !strcmp(local, "organization")) {
        s->org_id = 0;
        if ((rc = org_upsert(ctx, s)) != SC_OK || (rc = di_site(ctx, s)) != SC_OK)
            return rc;
        switch (sc__strset_add(&s->orgs, s->code)) {
        case 1:
            return SC_OK;
        case 0:
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "credit-code", "%s is listed twice",
                                s->code);
        default:
            return sc__xml_fail(ctx, SC_ENOMEM, NULL, "out of memory importing");
        }
    }
    if (depth == 2 && !strcmp(local, "filing") && s->org_id)
        return di_filing_start(ctx, s);
    if (depth == 3 && !strcmp(local, "offering") && s->req)
        return offering_read(ctx, s->req, NULL, &item);
    return SC_OK;
}

static int di_end(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    org_state *s = state;
    if (!ctx->db || depth != 2 || strcmp(local, "filing") || !s->req)
        return SC_OK;
    if (sc_offerings_count(s->req) == 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, NULL, "the filing lists no offering");
    return di_filing_end(ctx, s);
}

/* A filing this registry holds in force on the directory's day that the
 * directory does not list has left it (退出目录) by then: the city ends a
 * filing only by exit (a suspension keeps it listed). It is recorded as
 * exited on that day, the latest the document lets us know. */
static const char SQL_DI_IN_FORCE[] =
    "SELECT f.id, f.receipt FROM filing f WHERE f.receipt IS NOT NULL AND f.status IN (?2, ?3) "
    "AND f.ended IS NULL AND f.filed <= ?1 AND ?1 <= f.valid_until ORDER BY f.id";

static int di_finish(sc__xml_ctx *ctx, void *state)
{
    org_state *s = state;
    sqlite3_int64 *gone = NULL;
    size_t n = 0, cap = 0, i;
    char why[96];
    sqlite3_stmt *st;
    int rc = SC_OK, step;

    if (!ctx->db)
        return SC_OK;
    if (!(st = sc__db_stmt(ctx->db, SQL_DI_IN_FORCE)))
        return sc__xml_fail_last(ctx, NULL);
    sc__bind_text(st, 1, s->day);
    sqlite3_bind_int(st, 2, SC_FILING_FILED);
    sqlite3_bind_int(st, 3, SC_FILING_ACTIVE);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (sc__strset_has(&s->receipts, sc__col_text(st, 1)))
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            sqlite3_int64 *g = sc__realloc(gone, ncap * sizeof(*g));
            if (!g) {
                rc = sc__xml_fail(ctx, SC_ENOMEM, NULL, "out of memory importing");
                break;
            }
            gone = g;
            cap = ncap;
        }
        gone[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc == SC_OK && step != SQLITE_DONE && step != SQLITE_ROW)
        rc = sc__xml_db_fail(ctx, step, "reading filings");
    snprintf(why, sizeof why, "not in the directory of %s (评价机构目录)", s->day);
    for (i = 0; rc == SC_OK && i < n; i++) {
        /* The exit is the city's (§五(三)): the directory's issuer, checked on the root. */
        if ((rc = op(ctx, sc__filing_exit_check(ctx->db, gone[i], s->day))) == SC_OK &&
            (rc = op(ctx, sc__filing_unlisted(ctx->db, gone[i], s->day, why))) == SC_OK)
            rc = add_step(ctx, gone[i], SC_FILING_EXITED, s->day,
                          ctx->issuer ? sc_actor_label(ctx->issuer) : "city-centre", why);
    }
    free(gone);
    return rc;
}

const sc__doc_handler sc__doc_directory = {
    SC_DOC_DIRECTORY, "directory", DI_NS, sc__schema_directory, 0, 0, sizeof(org_state),
    di_start, di_end, di_finish, org_cleanup
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

static const char SQL_EX_ORG[] =
    "SELECT id, credit_code, name, kind, district, registered, legacy_code FROM org "
    "WHERE credit_code = ?1";
static const char SQL_EX_FILING[] =
    "SELECT f.id, f.kind, f.status, f.applied, f.recommended, f.evaluated, f.methods, "
    "f.noticed, f.filed, f.committed, f.receipt, f.valid_until, f.ended, f.reason, "
    "(SELECT b.receipt FROM filing b WHERE b.id = f.base_id) FROM filing f WHERE f.id = ?1";
static const char SQL_EX_SCOPE[] =
    "SELECT occupation, work_type, level FROM filing_scope WHERE filing_id = ?1 "
    "AND (?2 = 0 OR granted = 1) ORDER BY occupation, work_type, level DESC";
/* Which filing each document is about, as of ?2. */
static const char SQL_EX_LATEST_APPLIED[] =
    "SELECT id FROM filing WHERE org_id = ?1 AND applied <= ?2 ORDER BY applied DESC, id DESC "
    "LIMIT 1";
static const char SQL_EX_LATEST_DECIDED_DISTRICT[] =
    "SELECT id FROM filing WHERE org_id = ?1 AND ((recommended IS NOT NULL AND recommended <= ?2) "
    "OR (recommended IS NULL AND status = ?3 AND ended <= ?2)) ORDER BY applied DESC, id DESC "
    "LIMIT 1";
static const char SQL_EX_LATEST_DECIDED_CITY[] =
    "SELECT id FROM filing WHERE org_id = ?1 AND ((evaluated IS NOT NULL AND evaluated <= ?2) "
    "OR (recommended IS NOT NULL AND status = ?3 AND ended <= ?2)) ORDER BY applied DESC, id DESC "
    "LIMIT 1";
static const char SQL_EX_DIRECTORY[] =
    "SELECT o.credit_code, f.id FROM filing f JOIN org o ON o.id = f.org_id "
    "WHERE f.filed IS NOT NULL AND f.receipt IS NOT NULL AND f.filed <= ?1 "
    "AND ?1 <= f.valid_until AND (f.ended IS NULL OR ?1 < f.ended) "
    "ORDER BY o.credit_code, f.kind, f.filed, f.receipt";

/* One filing read for export. */
typedef struct {
    sqlite3_int64 id;
    int kind, status;
    unsigned int methods;
    char applied[SC_DATE_SIZE], recommended[SC_DATE_SIZE], evaluated[SC_DATE_SIZE];
    char noticed[SC_DATE_SIZE], filed[SC_DATE_SIZE], committed[SC_DATE_SIZE];
    char receipt[SC_RECEIPT_SIZE], valid_until[SC_DATE_SIZE], ended[SC_DATE_SIZE];
    char reason[SC_ORG_TEXT_SIZE], base[SC_RECEIPT_SIZE];
} ex_filing;

static int ex_filing_get(sc_db *db, sqlite3_int64 id, ex_filing *f)
{
    sqlite3_stmt *st;
    int rc;
    memset(f, 0, sizeof(*f));
    if ((rc = sc__db_stmt_get(db, SQL_EX_FILING, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        f->id = sqlite3_column_int64(st, 0);
        f->kind = sqlite3_column_int(st, 1);
        f->status = sqlite3_column_int(st, 2);
        sc__copy_text(f->applied, sizeof f->applied, sc__col_text(st, 3));
        sc__copy_text(f->recommended, sizeof f->recommended, sc__col_text(st, 4));
        sc__copy_text(f->evaluated, sizeof f->evaluated, sc__col_text(st, 5));
        f->methods = (unsigned int)sqlite3_column_int(st, 6);
        sc__copy_text(f->noticed, sizeof f->noticed, sc__col_text(st, 7));
        sc__copy_text(f->filed, sizeof f->filed, sc__col_text(st, 8));
        sc__copy_text(f->committed, sizeof f->committed, sc__col_text(st, 9));
        sc__copy_text(f->receipt, sizeof f->receipt, sc__col_text(st, 10));
        sc__copy_text(f->valid_until, sizeof f->valid_until, sc__col_text(st, 11));
        sc__copy_text(f->ended, sizeof f->ended, sc__col_text(st, 12));
        sc__copy_text(f->reason, sizeof f->reason, sc__col_text(st, 13));
        sc__copy_text(f->base, sizeof f->base, sc__col_text(st, 14));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no filing %lld", (long long)id);
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "reading a filing");
    return SC_OK;
}

/* The offerings of a filing (granted only, or all requested) as <name .../> lines. */
static int ex_scope(sc_db *db, sc__buf *b, sqlite3_int64 filing, int granted, const char *name,
                    const char *indent)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_EX_SCOPE, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, filing);
    sqlite3_bind_int(st, 2, granted);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc__buf_printf(b, "%s<%s", indent, name);
        attr(b, "occupation", sc__col_text(st, 0));
        attr(b, "work-type", sc__col_text(st, 1));
        sc__buf_printf(b, " level=\"%d\"/>\n", sqlite3_column_int(st, 2));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a scope");
    return SC_OK;
}

/* The organization's attributes (credit-code, name, kind, district, registered,
 * legacy-code); *org_id its row. */
static int ex_org_attrs(sc_db *db, sc__buf *b, const char *code, sqlite3_int64 *org_id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_EX_ORG, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, code);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *org_id = sqlite3_column_int64(st, 0);
        attr(b, "credit-code", sc__col_text(st, 1));
        attr(b, "name", sc__col_text(st, 2));
        attr(b, "kind", sc_org_kind_name(sqlite3_column_int(st, 3)));
        attr(b, "district", sc__col_text(st, 4));
        attr(b, "registered", sc__col_text(st, 5));
        if (sqlite3_column_int(st, 6))
            attr(b, "legacy-code", "true");
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no organization with credit code %s", code);
        sc__error_set_field("credit_code");
        return SC_ENOTFOUND;
    }
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "reading an organization");
    return SC_OK;
}

/* The organization's filing the document is about, as of day. */
static int ex_pick(sc_db *db, const char *sql, sqlite3_int64 org_id, const char *code,
                   const char *day, const char *what, sqlite3_int64 *id)
{
    sqlite3_stmt *st;
    int rc;
    *id = 0;
    if ((rc = sc__db_stmt_get(db, sql, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sc__bind_text(st, 2, day);
    if (sqlite3_bind_parameter_count(st) >= 3) /* the decided ones: ?3 is REJECTED */
        sqlite3_bind_int(st, 3, SC_FILING_REJECTED);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s has no %s by %s", code, what, day);
        sc__error_set_field("credit_code");
        return SC_ENOTFOUND;
    }
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "choosing a filing");
    return SC_OK;
}

/* <application ...> with its requested offerings. */
static int ex_application(sc_db *db, sc__buf *b, const ex_filing *f, int with_recommended)
{
    int rc;
    sc__buf_puts(b, "  <application");
    attr(b, "kind", f->kind == SC_FILING_ADDITION ? "addition" : "initial");
    attr(b, "applied", f->applied);
    attr(b, "base-receipt", f->base);
    if (with_recommended)
        attr(b, "recommended", f->recommended);
    sc__buf_puts(b, ">\n");
    if ((rc = ex_scope(db, b, f->id, 0, "offering", "    ")) != SC_OK)
        return rc;
    sc__buf_puts(b, "  </application>\n");
    return SC_OK;
}

/* Steps after `day` are not known yet on that day. */
static void clip(char *date, const char *day)
{
    if (date[0] && strcmp(date, day) > 0)
        date[0] = '\0';
}

static int ex_outcome(sc_db *db, sc__buf *b, ex_filing *f, const char *day, int site)
{
    const char *decision;
    int rc;
    clip(f->evaluated, day);
    clip(f->noticed, day);
    clip(f->filed, day);
    clip(f->committed, day);
    if (f->status == SC_FILING_REJECTED && f->ended[0] && strcmp(f->ended, day) <= 0)
        decision = "rejected";
    else if (f->filed[0])
        decision = "filed";
    else if (f->noticed[0])
        decision = "noticed";
    else
        decision = "evaluated";
    sc__buf_puts(b, "  <outcome");
    attr(b, "decision", decision);
    attr(b, "evaluated", f->evaluated);
    if (f->evaluated[0] && f->methods) {
        static const struct { unsigned int flag; const char *name; } m[] = {
            { SC_EVAL_MATERIALS, "materials" }, { SC_EVAL_EXPERT, "expert" },
            { SC_EVAL_ON_SITE, "on-site" }
        };
        const char *sep = "";
        size_t i;
        sc__buf_puts(b, " methods=\"");
        for (i = 0; i < sizeof m / sizeof m[0]; i++)
            if (f->methods & m[i].flag) {
                sc__buf_printf(b, "%s%s", sep, m[i].name);
                sep = " ";
            }
        sc__buf_puts(b, "\"");
    }
    attr(b, "noticed", f->noticed);
    if (f->filed[0]) {
        attr(b, "filed", f->filed);
        attr(b, "receipt", f->receipt);
        attr(b, "valid-until", f->valid_until);
        if (f->kind == SC_FILING_INITIAL)
            attr(b, "committed", f->committed);
        if (site > 0) {
            char text[16];
            snprintf(text, sizeof text, "%06d", site);
            attr(b, "site", text);
        }
    }
    if (!strcmp(decision, "rejected")) {
        attr(b, "rejected", f->ended);
        attr(b, "reason", f->reason);
    }
    if (!f->evaluated[0]) {
        sc__buf_puts(b, "/>\n");
        return SC_OK;
    }
    sc__buf_puts(b, ">\n");
    if ((rc = ex_scope(db, b, f->id, 1, "granted", "    ")) != SC_OK)
        return rc;
    sc__buf_puts(b, "  </outcome>\n");
    return SC_OK;
}

static int ex_directory(sc_db *db, sc__buf *b, const char *day)
{
    char cur[SC_CREDIT_CODE_SIZE] = "";
    sqlite3_stmt *st = NULL;
    int rc, step;
    /* The outer statement is our own: the inner ones use the cache. */
    if ((rc = sc__db_prepare(db, SQL_EX_DIRECTORY, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, day);
    while (rc == SC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *code = sc__col_text(st, 0);
        sqlite3_int64 org_id = 0;
        int site = 0;
        ex_filing f;
        if (strcmp(cur, code)) {
            if (cur[0])
                sc__buf_puts(b, "  </organization>\n");
            sc__copy_text(cur, sizeof cur, code);
            sc__buf_puts(b, "  <organization");
            if ((rc = ex_org_attrs(db, b, cur, &org_id)) != SC_OK ||
                (rc = sc__org_site_get(db, org_id, &site)) != SC_OK)
                break;
            if (site) {
                char text[16];
                snprintf(text, sizeof text, "%06d", site);
                attr(b, "site", text);
            }
            sc__buf_puts(b, ">\n");
        }
        if ((rc = ex_filing_get(db, sqlite3_column_int64(st, 1), &f)) != SC_OK)
            break;
        clip(f.committed, day);
        sc__buf_puts(b, "    <filing");
        attr(b, "kind", f.kind == SC_FILING_ADDITION ? "addition" : "initial");
        attr(b, "receipt", f.receipt);
        attr(b, "base-receipt", f.base);
        attr(b, "applied", f.applied);
        attr(b, "filed", f.filed);
        attr(b, "valid-until", f.valid_until);
        if (f.kind == SC_FILING_INITIAL)
            attr(b, "committed", f.committed);
        sc__buf_puts(b, ">\n");
        if ((rc = ex_scope(db, b, f.id, 1, "offering", "      ")) != SC_OK)
            break;
        sc__buf_puts(b, "    </filing>\n");
    }
    if (rc == SC_OK && step != SQLITE_DONE)
        rc = sc__db_fail(db, step, "exporting the directory");
    sqlite3_finalize(st);
    if (rc == SC_OK && cur[0])
        sc__buf_puts(b, "  </organization>\n");
    return rc;
}

/* The document: root with `attrs` and the body; the batch id, unless given, comes from the
 * content, so that the same registry state exports the same document. */
static int ex_finish(sc__buf *out, const char *root, const char *ns, const sc__buf *attrs,
                     const sc__buf *body, const char *batch_opt)
{
    char batch[SC__BATCH_ID_SIZE];
    sc__xml_part parts[3];
    int rc;
    if (attrs->failed || body->failed)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting");
    parts[0].data = root, parts[0].len = strlen(root);
    parts[1].data = attrs->data, parts[1].len = attrs->len;
    parts[2].data = body->data, parts[2].len = body->len;
    if ((rc = sc__xml_batch_id(batch, root, batch_opt, parts, 3)) != SC_OK)
        return rc;
    sc__buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sc__buf_printf(out, "<%s xmlns=\"%s\" version=\"1\"", root, ns);
    attr(out, "batch", batch);
    if (attrs->data)
        sc__buf_append(out, attrs->data, attrs->len);
    sc__buf_puts(out, ">\n");
    if (body->data)
        sc__buf_append(out, body->data, body->len);
    sc__buf_printf(out, "</%s>\n", root);
    return out->failed ? sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting")
                       : SC_OK;
}

int sc__xml_org_is_doc(int doctype)
{
    return doctype == SC_DOC_ORG_APPLICATION || doctype == SC_DOC_RECOMMENDATION ||
           doctype == SC_DOC_EVALUATION_RESULT || doctype == SC_DOC_DIRECTORY;
}

int sc__xml_export_org(sc__buf *out, sc_db *db, int doctype, const sc_export_options *opts)
{
    char code[SC_CREDIT_CODE_SIZE], day[SC_DATE_SIZE];
    const char *root, *ns;
    sc__buf attrs, body;
    sqlite3_int64 org_id = 0, filing = 0;
    ex_filing f;
    int rc, site = 0;

    switch (doctype) {
    case SC_DOC_ORG_APPLICATION: root = "organization-application", ns = OA_NS; break;
    case SC_DOC_RECOMMENDATION: root = "district-recommendation", ns = DR_NS; break;
    case SC_DOC_EVALUATION_RESULT: root = "evaluation-result", ns = ER_NS; break;
    case SC_DOC_DIRECTORY: root = "directory", ns = DI_NS; break;
    default:
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "document type %d cannot be exported",
                             doctype);
    }
    if (opts && opts->version != SC_EXPORT_OPTIONS_VERSION)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "sc_export_options version %u is not known to this library",
                             opts->version);
    if (sc__date_arg(opts ? opts->date : NULL, "date", day) != SC_OK)
        return sc_error_last()->code;
    if (doctype != SC_DOC_DIRECTORY) {
        if (!opts || !opts->credit_code)
            return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                                 "sc_xml_exchange_export_memory: a %s is about one "
                                 "organization: name its credit code", root);
        if (sc__credit_code_norm(opts->credit_code, code) != SC_OK)
            return sc_error_last()->code;
    }
    sc__buf_init(&attrs);
    sc__buf_init(&body);
    if (doctype == SC_DOC_DIRECTORY) {
        attr(&attrs, "as-of", day);
        rc = ex_directory(db, &body, day);
    } else if (doctype == SC_DOC_EVALUATION_RESULT) {
        sc__buf tmp;
        sc__buf_init(&tmp);
        rc = ex_org_attrs(db, &tmp, code, &org_id); /* known, and its district */
        sc__buf_free(&tmp);
        if (rc == SC_OK)
            rc = ex_pick(db, SQL_EX_LATEST_DECIDED_CITY, org_id, code, day,
                         "application evaluated or rejected by the city", &filing);
        if (rc == SC_OK)
            rc = ex_filing_get(db, filing, &f);
        if (rc == SC_OK) {
            sc__org_row row;
            if ((rc = sc__org_find(db, code, &row)) == SC_OK) {
                attr(&attrs, "credit-code", code);
                attr(&attrs, "district", row.district);
                attr(&attrs, "issued", day);
            }
        }
        if (rc == SC_OK)
            rc = ex_application(db, &body, &f, 1);
        if (rc == SC_OK)
            rc = sc__org_site_get(db, org_id, &site);
        if (rc == SC_OK)
            rc = ex_outcome(db, &body, &f, day, site);
    } else {
        rc = ex_org_attrs(db, &attrs, code, &org_id);
        attr(&attrs, "sent", day);
        if (rc == SC_OK)
            rc = ex_pick(db,
                         doctype == SC_DOC_ORG_APPLICATION ? SQL_EX_LATEST_APPLIED
                                                           : SQL_EX_LATEST_DECIDED_DISTRICT,
                         org_id, code, day,
                         doctype == SC_DOC_ORG_APPLICATION ? "application"
                                                           : "application decided by its district",
                         &filing);
        if (rc == SC_OK)
            rc = ex_filing_get(db, filing, &f);
        if (rc == SC_OK)
            rc = ex_application(db, &body, &f, 0);
        if (rc == SC_OK && doctype == SC_DOC_RECOMMENDATION) {
            int refused = f.status == SC_FILING_REJECTED && !f.recommended[0];
            sc__buf_puts(&body, "  <decision");
            attr(&body, "outcome", refused ? "refused" : "recommended");
            attr(&body, "date", refused ? f.ended : f.recommended);
            if (refused)
                attr(&body, "reason", f.reason);
            sc__buf_puts(&body, "/>\n");
        }
    }
    if (rc == SC_OK && doctype == SC_DOC_DIRECTORY) {
        sc__xml_put_parties(&attrs, doctype, NULL, NULL, NULL);
    } else if (rc == SC_OK) {
        sc__org_row row;
        if ((rc = sc__org_find(db, code, &row)) == SC_OK)
            sc__xml_put_parties(&attrs, doctype, code, row.district, NULL);
    }
    if (rc == SC_OK)
        rc = ex_finish(out, root, ns, &attrs, &body, opts ? opts->batch : NULL);
    sc__buf_free(&attrs);
    sc__buf_free(&body);
    return rc;
}
