/*
 * The application exchange documents (application.h):
 *
 *   candidate batch (urn:skillcert:candidate-batch:1, schemas/candidate-batch.xsd)
 *     <candidate-batch batch= credit-code= district= announcement= [issued=]>
 *       <application id-number= name= occupation= [work-type=] level= path= [evidence=]
 *                    applied= verified= eligibility=>
 *         <records> education* work* certificate* apprenticeship? evidence* </records>?
 *       </application>*
 *     imported by the organization's own district bureau;
 *
 *   confirmation (urn:skillcert:confirmation:1, schemas/confirmation.xsd)
 *     <confirmation batch= [answers=] district= credit-code= announcement= [issued=]>
 *       <application id-number= [name=] occupation= [work-type=] level= decision= date=
 *                    [reason=]/>*
 *     imported by the organization itself.
 *
 * Import is built for size: the work per application is a few checks in C, a
 * verdict cache for (offering, path, day), and two cached statements — the
 * candidate upsert and the application upsert — for a batch; one cached
 * UPDATE for an answer. One open application per person and offering is the
 * UNIQUE partial index application_open, not a SELECT per row. The tables are
 * their owners' (issue 11): those statements live in candidate.c
 * (sc__candidate_receive) and application.c (sc__application_receive,
 * sc__application_answer), the bulk path of the same module a direct call uses;
 * this file reads the document and writes no table itself.
 */
#include "xml_int.h"
#include "application_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH_NS "urn:skillcert:candidate-batch:1"
#define CONFIRMATION_NS "urn:skillcert:confirmation:1"

extern const char sc__schema_candidate_batch[]; /* resources.c */
extern const size_t sc__schema_candidate_batch_len;
extern const char sc__schema_confirmation[];
extern const size_t sc__schema_confirmation_len;

/* ---- shared ------------------------------------------------------------------------ */

/* Handlers see an element before the schema validator does: every attribute
 * may be missing or malformed here, and is checked as it is used. */

/* A required attribute. */
static int req_attr(sc__xml_ctx *ctx, const char *name, const char **out)
{
    *out = sc__xml_attr(ctx, name);
    if (!*out)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "attribute '%s' is required", name);
    return SC_OK;
}

/* A "YYYY-MM-DD" attribute (the schema's xs:date also allows zones and
 * years beyond 9999: those are refused here); required when `required`. */
static int date_attr_req(sc__xml_ctx *ctx, const char *name, int required, const char **out)
{
    const char *v = sc__xml_attr(ctx, name);
    *out = v;
    if (!v && required)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "attribute '%s' is required", name);
    if (v && !sc__date_valid(v))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name,
                            "'%.40s' is not a day in the form YYYY-MM-DD", v);
    return SC_OK;
}

static int date_attr(sc__xml_ctx *ctx, const char *name, const char **out)
{
    return date_attr_req(ctx, name, 0, out);
}

/* A level attribute, 1-5. */
static int level_attr(sc__xml_ctx *ctx, int *out)
{
    const char *v = sc__xml_attr(ctx, "level");
    *out = v && v[0] >= '1' && v[0] <= '5' && !v[1] ? v[0] - '0' : 0;
    if (!*out)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "level", "the level is 1-5, not '%.20s'",
                            v ? v : "");
    return SC_OK;
}

/* A text attribute of at most max bytes. */
static int text_attr(sc__xml_ctx *ctx, const char *name, size_t max, const char **out)
{
    const char *v = sc__xml_attr(ctx, name);
    *out = v;
    if (v && strlen(v) > max)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, name, "%s is longer than %zu bytes", name, max);
    return SC_OK;
}

/* The organization's registered district must be the document's district. */
static int check_district(sc__xml_ctx *ctx, const sc__ann *ann)
{
    char dist[SC_DISTRICT_CODE_SIZE];
    const char *d;
    int rc;
    if ((rc = req_attr(ctx, "district", &d)) != SC_OK)
        return rc;
    if ((rc = sc__district_resolve(ctx->db, d, "district", dist)) != SC_OK)
        return sc__xml_fail_last(ctx, "district");
    if (strcmp(dist, ann->district) != 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "district",
                            "%s is registered in district %s, not %s: its candidates are "
                            "confirmed by its own district (属地管理)",
                            ann->a.credit_code, ann->district, dist);
    return SC_OK;
}

/* The root's organization and announcement. */
static int root_announcement(sc__xml_ctx *ctx, sc__ann *ann)
{
    char code[SC_CREDIT_CODE_SIZE], today[SC_DATE_SIZE];
    const char *a = sc__xml_attr(ctx, "announcement");
    int rc;
    if ((rc = sc__credit_code_norm(sc__xml_attr(ctx, "credit-code"), code)) != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    sc__today(today);
    if ((rc = sc__ann_get(ctx->db, 0, code, a ? a : "", today, ann)) != SC_OK)
        return sc__xml_fail_last(ctx, "announcement");
    return check_district(ctx, ann);
}

/* FNV-1a over a string and a separator, for hashed keys. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ull;
    }
    h ^= 0xff; /* field separator */
    h *= 1099511628211ull;
    return h;
}

static void now_utc(char buf[32])
{
    time_t t = time(NULL);
    struct tm tmv;
    gmtime_r(&t, &tmv);
    if (strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tmv) == 0)
        snprintf(buf, 32, "1970-01-01T00:00:00Z");
}

/* ---- candidate batch: import ---------------------------------------------------------- */

#define CACHE_SLOTS 4096 /* a power of two */

/* A verdict remembered: the organization may certify (occupation, work type,
 * level) on a path and day, and the announcement lists it. The key is a 64-bit
 * hash of the five; a batch has at most a few thousand of them (offerings x
 * paths x days of the intake), so lookups stay O(1) however long it is. */
typedef struct {
    uint64_t key;               /* 0: empty */
    char canon[SC_OCCUPATION_CODE_SIZE];
} offer_entry;

typedef struct {
    sc__ann ann;
    char now[32];
    char org_label[64];
    offer_entry cache[CACHE_SLOTS];
    size_t ncache;
    /* the application being read */
    char id_number[SC_ID_NUMBER_SIZE];
    char name[SC_ORG_NAME_SIZE];
    char canon[SC_OCCUPATION_CODE_SIZE], work_type[SC_WORK_TYPE_SIZE];
    char verified[SC_DATE_SIZE], claim[32];
    int level, path;
    sc_candidate *records;      /* from <records> to the application's end */
    int carried;                /* the application carried <records>, now stored */
    sqlite3_int64 fresh;        /* the person's row, when this application recorded them */
    sc__claim_cache claims;     /* deciding a claim again: the rules of a day */
} batch_state;

static void batch_cleanup(void *state)
{
    batch_state *s = state;
    sc_candidate_free(s->records);
    s->records = NULL;
    sc__claim_cache_free(&s->claims);
}

/* The organization verified the application on the claim (a condition of the
 * standard, or the special path): decided again here, on the record this registry
 * holds once the application's own <records> (if any) are added, as
 * sc_application_verify decides it (sc__application_claim_check). An application
 * that carries no record for a person this registry holds none of is refused: a
 * claim with no record never passes (issue 11). SC_OK, or the refusal at field
 * "eligibility". */
static int claim_decide(sc__xml_ctx *ctx, batch_state *s)
{
    if (sc__application_claim_check(ctx->db, &s->claims, s->ann.a.credit_code, s->id_number,
                                    s->canon, s->work_type, s->level, s->path, s->claim,
                                    s->verified, !s->carried,
                                    s->carried ? s->records : NULL) != SC_OK)
        return sc__xml_fail_last(ctx, "eligibility");
    return SC_OK;
}

static int batch_authorize(sc__xml_ctx *ctx)
{
    char code[SC_CREDIT_CODE_SIZE];
    int rc;
    if (sc__credit_code_norm(sc__xml_attr(ctx, "credit-code"), code) != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    /* The bureau of the district where the organization is registered receives the
     * verified applications of the organization, which issues the batch. */
    if ((rc = sc__xml_receive(ctx, SC__ACT_CANDIDATE_BATCH_IMPORT, code, "credit-code")) != SC_OK)
        return rc;
    return sc__xml_authorize(ctx, SC__ACT_APPLICATION_VERIFY_BATCH, code, "issuer");
}

/* The document's field for a field of the direct call's checks. */
static const char *doc_field(const char *field)
{
    if (!strcmp(field, "offering"))
        return "occupation";
    if (!strcmp(field, "announcement"))
        return "applied";
    return field[0] ? field : NULL;
}

/* The checks of the direct call for an offering on a path and day, remembered:
 * the application's (sc__application_offer_check: the announcement open that day,
 * the organization's standing and scope, the catalog, the announcement's list;
 * the canonical occupation code into canon), or with `verify` the verification's
 * (sc__application_verify_check: the organization's standing that day; canon is
 * given). */
static int check_offering(sc__xml_ctx *ctx, batch_state *s, const char *occ, const char *wt,
                          int level, int path, const char *date, int verify,
                          char canon[SC_OCCUPATION_CODE_SIZE])
{
    char lp[16];
    uint64_t key;
    size_t i;
    snprintf(lp, sizeof lp, "%d/%d%s", level, path, verify ? "/v" : "");
    key = fnv1a(fnv1a(fnv1a(fnv1a(1469598103934665603ull, occ), wt), lp), date);
    if (key == 0)
        key = 1;
    for (i = (size_t)(key & (CACHE_SLOTS - 1)); s->cache[i].key; i = (i + 1) & (CACHE_SLOTS - 1))
        if (s->cache[i].key == key) {
            memcpy(canon, s->cache[i].canon, SC_OCCUPATION_CODE_SIZE);
            return SC_OK;
        }
    if (verify) {
        /* canon is the canonical code already; the verification's own check */
        if (sc__application_verify_check(ctx->db, s->ann.a.credit_code, canon, wt, level, path,
                                         date) != SC_OK)
            return sc__xml_fail_last(ctx, "verified");
    } else if (sc__application_offer_check(ctx->db, &s->ann, occ, wt, level, path, date,
                                           canon) != SC_OK) {
        return sc__xml_fail_last(ctx, doc_field(sc_error_last()->field));
    }
    if (s->ncache >= CACHE_SLOTS / 4 * 3) { /* full: start again */
        memset(s->cache, 0, sizeof s->cache);
        s->ncache = 0;
    }
    for (i = (size_t)(key & (CACHE_SLOTS - 1)); s->cache[i].key; i = (i + 1) & (CACHE_SLOTS - 1))
        ;
    s->cache[i].key = key;
    memcpy(s->cache[i].canon, canon, SC_OCCUPATION_CODE_SIZE);
    s->ncache++;
    return SC_OK;
}

/* The candidate and application tables are candidate.c's and application.c's:
 * the batch goes through sc__candidate_receive() and sc__application_receive(). */
static const char SQL_OPEN_APP[] =
    "SELECT p.id, p.state, o.credit_code, a.code, p.batch_id FROM application p "
    "JOIN org o ON o.id = p.org_id JOIN announcement a ON a.id = p.announcement_id "
    "WHERE p.candidate_id = (SELECT id FROM candidate WHERE id_number = ?1) "
    "AND p.occupation = ?2 AND p.work_type = ?3 AND p.level = ?4 AND " SC__APP_SQL_OPEN;

/* Why the upsert changed nothing: the open application in the way. */
static int upsert_refused(sc__xml_ctx *ctx, batch_state *s, const char *canon, const char *wt,
                          int level)
{
    sqlite3_stmt *st = sc__db_stmt(ctx->db, SQL_OPEN_APP);
    int rc;
    if (!st)
        return sc__xml_fail_last(ctx, NULL);
    sc__bind_text(st, 1, s->id_number);
    sc__bind_text(st, 2, canon);
    sc__bind_text(st, 3, wt);
    sqlite3_bind_int(st, 4, level);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "id-number",
                            "the application of %s for %s%s%s level %d could not be recorded",
                            s->id_number, canon, wt[0] ? "/" : "", wt, level);
    }
    if (sc__col_text(st, 4) && !strcmp(sc__col_text(st, 4), ctx->batch_id))
        rc = sc__xml_fail(ctx, SC_EINVALIDDOC, "id-number",
                          "%s applies for %s%s%s level %d twice in this batch: one open "
                          "application per person and offering", s->id_number, canon,
                          wt[0] ? "/" : "", wt, level);
    else
        rc = sc__xml_fail(ctx, SC_EINVALIDDOC, "id-number",
                          "%s already has an open application (%lld, %s, to %s, announcement "
                          "%s) for %s%s%s level %d: one open application per person and "
                          "offering", s->id_number, (long long)sqlite3_column_int64(st, 0),
                          sc_application_state_name(sqlite3_column_int(st, 1)),
                          sc__col_text(st, 2), sc__col_text(st, 3), canon, wt[0] ? "/" : "",
                          wt, level);
    sqlite3_reset(st);
    return rc;
}

static int batch_root(sc__xml_ctx *ctx, batch_state *s)
{
    int rc;
    if ((rc = batch_authorize(ctx)) != SC_OK || (rc = root_announcement(ctx, &s->ann)) != SC_OK)
        return rc;
    now_utc(s->now);
    snprintf(s->org_label, sizeof s->org_label, "organization:%s", s->ann.a.credit_code);
    return SC_OK;
}

static int batch_application(sc__xml_ctx *ctx, batch_state *s)
{
    const char *name, *wt, *evidence, *applied, *verified, *elig;
    char occ[SC__CODE_SIZE], canon[SC_OCCUPATION_CODE_SIZE];
    sc_resident_id rid = SC_RESIDENT_ID_INIT;
    sc__app_in in;
    int level, path = 0, rc, changed = 0;

    if (sc__resident_id_check(sc__xml_attr(ctx, "id-number"), &rid) != SC_OK)
        return sc__xml_fail_last(ctx, "id-number");
    memcpy(s->id_number, rid.number, sizeof s->id_number);
    if ((rc = req_attr(ctx, "name", &name)) != SC_OK ||
        (rc = text_attr(ctx, "name", 128, &name)) != SC_OK ||
        (rc = text_attr(ctx, "work-type", SC_WORK_TYPE_SIZE - 1, &wt)) != SC_OK ||
        (rc = text_attr(ctx, "evidence", SC_ORG_TEXT_SIZE - 1, &evidence)) != SC_OK ||
        (rc = date_attr_req(ctx, "applied", 1, &applied)) != SC_OK ||
        (rc = date_attr_req(ctx, "verified", 1, &verified)) != SC_OK ||
        (rc = req_attr(ctx, "eligibility", &elig)) != SC_OK)
        return rc;
    sc__copy_text(s->name, sizeof s->name, name);
    if (sc__occupation_code_norm(sc__xml_attr(ctx, "occupation"), occ) != SC_OK)
        return sc__xml_fail_last(ctx, "occupation");
    if ((rc = level_attr(ctx, &level)) != SC_OK)
        return rc;
    if (sc_path_parse(&path, sc__xml_attr(ctx, "path")) != SC_OK)
        return sc__xml_fail_last(ctx, "path");
    if (!wt)
        wt = "";
    if (strcmp(verified, applied) < 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "verified",
                            "verified on %s, before the application on %s", verified, applied);
    /* The application's checks on the day applied, the verification's on the day
     * verified: the direct calls' (sc_application_apply, sc_application_verify). */
    if ((rc = check_offering(ctx, s, occ, wt, level, path, applied, 0, canon)) != SC_OK ||
        (rc = check_offering(ctx, s, canon, wt, level, path, verified, 1, canon)) != SC_OK)
        return rc;
    if (sc__application_evidence_check(path, evidence) != SC_OK)
        return sc__xml_fail_last(ctx, "evidence");
    if (path != SC_PATH_NORMAL) {
        if (strcmp(elig, sc_path_name(path)) != 0)
            return sc__xml_fail(ctx, SC_EINVALIDDOC, "eligibility",
                                "an application on the %s path is verified as '%s', not '%.31s'",
                                sc_path_name(path), sc_path_name(path), elig);
    } else if (!strcmp(elig, "exceptional") || !strcmp(elig, "direct")) {
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "eligibility",
                            "an application on the normal path matches a condition of the "
                            "standard, not '%s'", elig);
    }

    /* what the claim is decided on again, when the batch carries the record */
    sc__copy_text(s->canon, sizeof s->canon, canon);
    sc__copy_text(s->work_type, sizeof s->work_type, wt);
    sc__copy_text(s->verified, sizeof s->verified, verified);
    sc__copy_text(s->claim, sizeof s->claim, elig);
    s->level = level;
    s->path = path;
    s->carried = 0;
    if (sc__candidate_receive(ctx->db, &rid, name, s->now, ctx->actor->label, &s->fresh) !=
        SC_OK)
        return sc__xml_fail_last(ctx, "id-number");
    memset(&in, 0, sizeof in);
    in.id_number = rid.number;
    in.org_id = s->ann.org_id;
    in.announcement_id = s->ann.a.id;
    in.occupation = canon;
    in.work_type = wt;
    in.level = level;
    in.path = path;
    in.evidence = evidence;
    in.applied = applied;
    in.applied_by = s->org_label;
    in.verified = verified;
    in.eligibility = elig;
    in.batch_id = ctx->batch_id;
    if (sc__application_receive(ctx->db, &in, &changed) != SC_OK)
        return sc__xml_fail_last(ctx, NULL);
    if (!changed)
        return upsert_refused(ctx, s, canon, wt, level);
    return sc__xml_count(ctx);
}

static int bool_attr(sc__xml_ctx *ctx, const char *name)
{
    const char *v = sc__xml_attr(ctx, name);
    return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

static int int_attr(sc__xml_ctx *ctx, const char *name)
{
    const char *v = sc__xml_attr(ctx, name);
    return v ? atoi(v) : 0;
}

/* One record element into the candidate being rebuilt. */
static int batch_record(sc__xml_ctx *ctx, batch_state *s, const char *local)
{
    sc_candidate *c = s->records;
    const char *d1 = NULL, *d2 = NULL;
    int rc, kind = 0;
    if (!strcmp(local, "education")) {
        unsigned int flags = (bool_attr(ctx, "related") ? SC_EDUCATION_RELATED : 0) |
                             (bool_attr(ctx, "evaluated") ? SC_EDUCATION_EVALUATED : 0) |
                             (bool_attr(ctx, "final-year") ? SC_EDUCATION_FINAL_YEAR : 0);
        if ((rc = date_attr(ctx, "graduated", &d1)) != SC_OK)
            return rc;
        if (sc_education_kind_parse(&kind, sc__xml_attr(ctx, "kind")) != SC_OK ||
            sc_candidate_add_education(c, kind, sc__xml_attr(ctx, "major"), flags, d1) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
    } else if (!strcmp(local, "work")) {
        if ((rc = date_attr(ctx, "from", &d1)) != SC_OK || (rc = date_attr(ctx, "to", &d2)) != SC_OK)
            return rc;
        if (sc_candidate_add_work(c, sc__xml_attr(ctx, "occupation"), d1, d2) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
    } else if (!strcmp(local, "certificate")) {
        if ((rc = date_attr(ctx, "issued", &d1)) != SC_OK)
            return rc;
        if (sc_cert_kind_parse(&kind, sc__xml_attr(ctx, "kind")) != SC_OK ||
            sc_candidate_add_certificate(c, kind, sc__xml_attr(ctx, "occupation"),
                                         sc__xml_attr(ctx, "work-type"), int_attr(ctx, "level"),
                                         d1, sc__xml_attr(ctx, "number")) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
    } else if (!strcmp(local, "apprenticeship")) {
        if ((rc = date_attr(ctx, "completed", &d1)) != SC_OK)
            return rc;
        if (sc_candidate_set_apprenticeship(c, sc__xml_attr(ctx, "occupation"), d1) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
    } else if (!strcmp(local, "evidence")) {
        if ((rc = date_attr(ctx, "date", &d1)) != SC_OK)
            return rc;
        if (sc_evidence_kind_parse(&kind, sc__xml_attr(ctx, "kind")) != SC_OK ||
            sc_candidate_add_evidence(c, kind, sc__xml_attr(ctx, "occupation"),
                                      int_attr(ctx, "grade"), d1,
                                      sc__xml_attr(ctx, "description")) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
    }
    return SC_OK;
}

static int batch_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    batch_state *s = state;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0)
        return batch_root(ctx, s);
    if (depth == 1)
        return batch_application(ctx, s);
    if (depth == 2) { /* <records>: the candidate's records are rebuilt from here */
        sc_candidate_free(s->records);
        s->records = NULL;
        if (sc_candidate_new(&s->records, s->id_number, s->name) != SC_OK)
            return sc__xml_fail_last(ctx, NULL);
        return SC_OK;
    }
    if (depth == 3 && s->records)
        return batch_record(ctx, s, local);
    return SC_OK;
}

static int batch_end(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    batch_state *s = state;
    int rc = SC_OK;
    (void)local;
    if (ctx->db && depth == 2 && s->records) {
        /* The organization's record (the batch is its act): it adds, never overwrites. */
        /* Recorded by this application, the person has nothing stored to keep. */
        if ((s->fresh ? sc__candidate_store_fresh(ctx->db, ctx->actor, s->fresh, s->records)
                      : sc__candidate_store_adding(ctx->db, ctx->actor, s->records, NULL,
                                                   NULL)) != SC_OK)
            rc = sc__xml_fail_last(ctx, NULL);
        /* Stored, it is the record held here: every stored entry is in it. */
        s->carried = rc == SC_OK;
    }
    /* The application read, its record (if carried) held here now: the claim is
     * decided again on the record (issue 11). */
    if (ctx->db && depth == 1) {
        if (rc == SC_OK)
            rc = claim_decide(ctx, s);
        sc_candidate_free(s->records);
        s->records = NULL;
        s->carried = 0;
    }
    return rc;
}

const sc__doc_handler sc__doc_candidate_batch = {
    SC_DOC_CANDIDATE_BATCH, "candidate-batch", BATCH_NS, sc__schema_candidate_batch, 0,
    0 /* checked on the root element */, sizeof(batch_state), batch_start, batch_end, NULL,
    batch_cleanup
};

/* ---- confirmation: import -------------------------------------------------------------- */

/* A set of 64-bit hashes of (ID number, offering): no application twice. */
typedef struct {
    uint64_t *slots;            /* 0: empty */
    size_t cap, n;
} hash_set;

/* 1 when added, 0 when already there, -1 out of memory. */
static int set_add(hash_set *hs, uint64_t h)
{
    size_t i;
    if (h == 0)
        h = 1;
    if ((hs->n + 1) * 2 > hs->cap) {
        size_t ncap = hs->cap ? hs->cap * 2 : 1024, k;
        uint64_t *ns = sc__calloc(ncap, sizeof(*ns));
        if (!ns)
            return -1;
        for (k = 0; k < hs->cap; k++) {
            if (hs->slots[k]) {
                size_t j = (size_t)(hs->slots[k] & (ncap - 1));
                while (ns[j])
                    j = (j + 1) & (ncap - 1);
                ns[j] = hs->slots[k];
            }
        }
        free(hs->slots);
        hs->slots = ns;
        hs->cap = ncap;
    }
    for (i = (size_t)(h & (hs->cap - 1)); hs->slots[i]; i = (i + 1) & (hs->cap - 1))
        if (hs->slots[i] == h)
            return 0;
    hs->slots[i] = h;
    hs->n++;
    return 1;
}

typedef struct {
    char occ[SC__CODE_SIZE];
    char canon[SC_OCCUPATION_CODE_SIZE];
} occ_entry;

typedef struct {
    sc__ann ann;
    char district_label[64];
    char answers_buf[SC_BATCH_ID_SIZE];
    int has_answers;
    hash_set seen;
    occ_entry occs[16];
    size_t nocc;
} answer_state;

static void answer_cleanup(void *state)
{
    answer_state *s = state;
    free(s->seen.slots);
    s->seen.slots = NULL;
}

static int answer_authorize(sc__xml_ctx *ctx)
{
    char code[SC_CREDIT_CODE_SIZE];
    int rc;
    if (sc__credit_code_norm(sc__xml_attr(ctx, "credit-code"), code) != SC_OK)
        return sc__xml_fail_last(ctx, "credit-code");
    /* The organization itself receives what its district confirmed (报名确认). */
    if ((rc = sc__xml_receive(ctx, SC__ACT_CONFIRMATION_IMPORT, code, "credit-code")) != SC_OK)
        return rc;
    return sc__xml_authorize(ctx, SC__ACT_APPLICATION_CONFIRM_BATCH, code, "issuer");
}

/* The canonical code of an occupation (aliases resolved), remembered. */
static int canonical(sc__xml_ctx *ctx, answer_state *s, const char *occ, char *canon)
{
    sc_occupation *o = NULL;
    size_t i;
    for (i = 0; i < s->nocc; i++)
        if (!strcmp(s->occs[i].occ, occ)) {
            memcpy(canon, s->occs[i].canon, SC_OCCUPATION_CODE_SIZE);
            return SC_OK;
        }
    if (sc_occupation_lookup(&o, ctx->db, occ) != SC_OK)
        return sc__xml_fail_last(ctx, "occupation");
    sc__copy_text(canon, SC_OCCUPATION_CODE_SIZE, sc_occupation_code(o));
    sc_occupation_free(o);
    i = s->nocc < 16 ? s->nocc++ : 15;
    memcpy(s->occs[i].occ, occ, sizeof s->occs[i].occ);
    memcpy(s->occs[i].canon, canon, sizeof s->occs[i].canon);
    return SC_OK;
}

static int answer_application(sc__xml_ctx *ctx, answer_state *s)
{
    const char *wt, *date, *reason, *decision = sc__xml_attr(ctx, "decision");
    char occ[SC__CODE_SIZE], canon[SC_OCCUPATION_CODE_SIZE];
    sc_resident_id rid = SC_RESIDENT_ID_INIT;
    uint64_t h;
    int level, confirm, rc, changed = 0;

    if (sc__resident_id_check(sc__xml_attr(ctx, "id-number"), &rid) != SC_OK)
        return sc__xml_fail_last(ctx, "id-number");
    if ((rc = text_attr(ctx, "work-type", SC_WORK_TYPE_SIZE - 1, &wt)) != SC_OK ||
        (rc = text_attr(ctx, "reason", SC_ORG_TEXT_SIZE - 1, &reason)) != SC_OK ||
        (rc = date_attr_req(ctx, "date", 1, &date)) != SC_OK || (rc = level_attr(ctx, &level)) != SC_OK)
        return rc;
    if (!decision || (strcmp(decision, "confirmed") && strcmp(decision, "rejected")))
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "decision",
                            "the decision is 'confirmed' or 'rejected', not '%.20s'",
                            decision ? decision : "");
    if (sc__occupation_code_norm(sc__xml_attr(ctx, "occupation"), occ) != SC_OK)
        return sc__xml_fail_last(ctx, "occupation");
    if ((rc = canonical(ctx, s, occ, canon)) != SC_OK)
        return rc;
    if (!wt)
        wt = "";
    confirm = !strcmp(decision, "confirmed");
    if (!confirm && !reason)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "reason", "a rejection gives its reason");
    if (strcmp(date, s->ann.a.published) < 0)
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "date",
                            "%s is before the announcement was published (%s)", date,
                            s->ann.a.published);
    {
        char lv[4];
        snprintf(lv, sizeof lv, "%d", level);
        h = fnv1a(fnv1a(fnv1a(fnv1a(1469598103934665603ull, rid.number), canon), wt), lv);
    }
    switch (set_add(&s->seen, h)) {
    case 0:
        return sc__xml_fail(ctx, SC_EINVALIDDOC, "id-number",
                            "the decision on %s for %s%s%s level %d is given twice", rid.number,
                            canon, wt[0] ? "/" : "", wt, level);
    case -1:
        return sc__xml_fail(ctx, SC_ENOMEM, NULL, "out of memory importing");
    default:
        break;
    }
    /* The application table is application.c's: the district's act replayed there,
     * through the checks its direct call makes (a replay of the same answer changes
     * nothing and is accepted). */
    if (sc__application_answer(ctx->db, rid.number, s->ann.a.id, canon, wt, level, confirm, date,
                               s->district_label, s->has_answers ? s->answers_buf : NULL,
                               reason, &changed) != SC_OK) {
        const char *field = sc_error_last()->field;
        return sc__xml_fail_last(ctx, !strcmp(field, "state") ? "decision" : NULL);
    }
    return sc__xml_count(ctx);
}

static int answer_start(sc__xml_ctx *ctx, void *state, const char *local, int depth)
{
    answer_state *s = state;
    (void)local;
    if (!ctx->db)
        return SC_OK;
    if (depth == 0) {
        const char *answers = sc__xml_attr(ctx, "answers");
        int rc;
        if ((rc = answer_authorize(ctx)) != SC_OK ||
            (rc = root_announcement(ctx, &s->ann)) != SC_OK)
            return rc;
        snprintf(s->district_label, sizeof s->district_label, "district:%s", s->ann.district);
        s->has_answers = answers != NULL;
        sc__copy_text(s->answers_buf, sizeof s->answers_buf, answers);
        return SC_OK;
    }
    if (depth == 1)
        return answer_application(ctx, s);
    return SC_OK;
}

const sc__doc_handler sc__doc_confirmation = {
    SC_DOC_CONFIRMATION, "confirmation", CONFIRMATION_NS, sc__schema_confirmation, 0,
    0 /* checked on the root element */, sizeof(answer_state), answer_start, NULL, NULL,
    answer_cleanup
};

/* ---- export ---------------------------------------------------------------------------- */

/* Output to memory, or to a file in 64 KiB pieces. */
typedef struct {
    sc__buf b;
    FILE *fp;
    int io_error;
} out_t;

static void out_flush(out_t *o, int force)
{
    if (!o->fp || o->b.failed || (!force && o->b.len < 65536))
        return;
    if (o->b.len && fwrite(o->b.data, 1, o->b.len, o->fp) != o->b.len)
        o->io_error = 1;
    o->b.len = 0;
}

static void attr(sc__buf *b, const char *name, const char *value)
{
    if (!value)
        return;
    sc__buf_printf(b, " %s=\"", name);
    sc__buf_put_xml(b, value);
    sc__buf_puts(b, "\"");
}

static void attr_nonempty(sc__buf *b, const char *name, const char *value)
{
    if (value && *value)
        attr(b, name, value);
}

static void attr_int(sc__buf *b, const char *name, int v)
{
    sc__buf_printf(b, " %s=\"%d\"", name, v);
}

static int out_finish(out_t *o, int rc, char **out, size_t *len, const char *path)
{
    if (rc == SC_OK && o->b.failed)
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory exporting");
    if (rc == SC_OK && o->fp) {
        out_flush(o, 1);
        if (o->io_error)
            rc = sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, 0,
                                  "error writing '%s'", path);
    }
    if (rc == SC_OK && out) {
        *out = o->b.data;
        if (len)
            *len = o->b.len;
        return SC_OK;
    }
    sc__buf_free(&o->b);
    return rc;
}

static const char SQL_EXPORT_BATCH[] =
    "SELECT c.id_number, c.name, p.occupation, p.work_type, p.level, p.path, p.evidence, "
    "p.applied, p.verified, p.eligibility, c.id, c.apprenticeship_occupation, "
    "c.apprenticeship_completed FROM application p JOIN candidate c ON c.id = p.candidate_id "
    "WHERE p.announcement_id = ?1 AND p.state = " SC__APP_SQL_VERIFIED " ORDER BY p.id";
static const char SQL_EXPORT_EDU[] =
    "SELECT kind, major, flags, graduated FROM candidate_education WHERE candidate_id = ?1 "
    "ORDER BY seq";
static const char SQL_EXPORT_WORK[] =
    "SELECT occupation, from_date, to_date FROM candidate_work WHERE candidate_id = ?1 "
    "ORDER BY seq";
static const char SQL_EXPORT_CERT[] =
    "SELECT kind, occupation, work_type, level, issued, number FROM candidate_certificate "
    "WHERE candidate_id = ?1 ORDER BY seq";
static const char SQL_EXPORT_EV[] =
    "SELECT kind, occupation, grade, date, description FROM candidate_evidence "
    "WHERE candidate_id = ?1 ORDER BY seq";

/* The <records> of a candidate, when there are any. */
static int write_records(sc_db *db, sc__buf *b, sqlite3_int64 cand, const char *appr_occ,
                         const char *appr_date)
{
    static const char *const sqls[] = { SQL_EXPORT_EDU, SQL_EXPORT_WORK, SQL_EXPORT_CERT,
                                        SQL_EXPORT_EV };
    int opened = 0, k, rc;
    for (k = 0; k < 4; k++) {
        sqlite3_stmt *st;
        if ((rc = sc__db_stmt_get(db, sqls[k], &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, cand);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (!opened++)
                sc__buf_puts(b, "    <records>\n");
            if (k == 0) {
                unsigned int f = (unsigned int)sqlite3_column_int(st, 2);
                sc__buf_puts(b, "      <education");
                attr(b, "kind", sc_education_kind_name(sqlite3_column_int(st, 0)));
                attr(b, "major", sc__col_text(st, 1));
                if (f & SC_EDUCATION_RELATED)
                    attr(b, "related", "true");
                if (f & SC_EDUCATION_EVALUATED)
                    attr(b, "evaluated", "true");
                if (f & SC_EDUCATION_FINAL_YEAR)
                    attr(b, "final-year", "true");
                attr(b, "graduated", sc__col_text(st, 3));
            } else if (k == 1) {
                sc__buf_puts(b, "      <work");
                attr(b, "occupation", sc__col_text(st, 0));
                attr(b, "from", sc__col_text(st, 1));
                attr(b, "to", sc__col_text(st, 2));
            } else if (k == 2) {
                sc__buf_puts(b, "      <certificate");
                attr(b, "kind", sc_cert_kind_name(sqlite3_column_int(st, 0)));
                attr(b, "occupation", sc__col_text(st, 1));
                attr(b, "work-type", sc__col_text(st, 2));
                attr_int(b, "level", sqlite3_column_int(st, 3));
                attr(b, "issued", sc__col_text(st, 4));
                attr(b, "number", sc__col_text(st, 5));
            } else {
                sc__buf_puts(b, "      <evidence");
                attr(b, "kind", sc_evidence_kind_name(sqlite3_column_int(st, 0)));
                attr(b, "occupation", sc__col_text(st, 1));
                attr_int(b, "grade", sqlite3_column_int(st, 2));
                attr(b, "date", sc__col_text(st, 3));
                attr(b, "description", sc__col_text(st, 4));
            }
            sc__buf_puts(b, "/>\n");
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sc__db_fail(db, rc, "reading a candidate's records");
        if (k == 2 && appr_occ && appr_date) { /* the schema's order */
            if (!opened++)
                sc__buf_puts(b, "    <records>\n");
            sc__buf_puts(b, "      <apprenticeship");
            attr(b, "occupation", appr_occ);
            attr(b, "completed", appr_date);
            sc__buf_puts(b, "/>\n");
        }
    }
    if (opened)
        sc__buf_puts(b, "    </records>\n");
    return SC_OK;
}

static int export_batch(out_t *o, sc_db *db, int64_t announcement, const char *batch_id)
{
    char today[SC_DATE_SIZE];
    sqlite3_stmt *st = NULL;
    sc__buf *b = &o->b;
    sc__ann ann;
    int rc;
    sc__today(today);
    if ((rc = sc__ann_get(db, announcement, NULL, NULL, today, &ann)) != SC_OK)
        return rc;
    sc__buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sc__buf_printf(b, "<candidate-batch xmlns=\"%s\" version=\"1\"", BATCH_NS);
    attr(b, "batch", batch_id);
    sc__xml_put_parties(b, SC_DOC_CANDIDATE_BATCH, ann.a.credit_code, ann.district, NULL);
    attr(b, "credit-code", ann.a.credit_code);
    attr(b, "district", ann.district);
    attr(b, "announcement", ann.a.code);
    sc__buf_puts(b, ">\n");
    /* The outer statement is the caller's own: the records reuse the cache. */
    if ((rc = sc__db_prepare(db, SQL_EXPORT_BATCH, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, announcement);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *elig = sc__col_text(st, 9);
        sc__buf_puts(b, "  <application");
        attr(b, "id-number", sc__col_text(st, 0));
        attr(b, "name", sc__col_text(st, 1));
        attr(b, "occupation", sc__col_text(st, 2));
        attr_nonempty(b, "work-type", sc__col_text(st, 3));
        attr_int(b, "level", sqlite3_column_int(st, 4));
        attr(b, "path", sc_path_name(sqlite3_column_int(st, 5)));
        attr(b, "evidence", sc__col_text(st, 6));
        attr(b, "applied", sc__col_text(st, 7));
        attr(b, "verified", sc__col_text(st, 8));
        attr(b, "eligibility", elig && *elig ? elig : "unknown");
        sc__buf_puts(b, ">\n");
        if ((rc = write_records(db, b, sqlite3_column_int64(st, 10), sc__col_text(st, 11),
                                sc__col_text(st, 12))) != SC_OK) {
            sqlite3_finalize(st);
            return rc;
        }
        sc__buf_puts(b, "  </application>\n");
        out_flush(o, 0);
    }
    if (rc != SQLITE_DONE)
        rc = sc__db_fail(db, rc, "exporting a candidate batch");
    else
        rc = SC_OK;
    sqlite3_finalize(st);
    sc__buf_puts(b, "</candidate-batch>\n");
    return rc;
}

static const char SQL_EXPORT_ANSWER[] =
    "SELECT c.id_number, c.name, p.occupation, p.work_type, p.level, p.state, p.confirmed, "
    "p.ended, p.reason FROM application p JOIN candidate c ON c.id = p.candidate_id "
    "WHERE p.announcement_id = ?1 AND (p.state IN (" SC__APP_SQL_CONFIRMED ", " SC__APP_SQL_COMPLETED ") "
    "OR (p.state = " SC__APP_SQL_REJECTED " AND p.ended_at = " SC__APP_SQL_VERIFIED ")) "
    "AND (?2 IS NULL OR p.batch_id = ?2) ORDER BY p.id";

static int export_answer(out_t *o, sc_db *db, int64_t announcement, const char *batch_id,
                         const char *answers)
{
    char today[SC_DATE_SIZE];
    sqlite3_stmt *st = NULL;
    sc__buf *b = &o->b;
    sc__ann ann;
    int rc;
    sc__today(today);
    if ((rc = sc__ann_get(db, announcement, NULL, NULL, today, &ann)) != SC_OK)
        return rc;
    sc__buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sc__buf_printf(b, "<confirmation xmlns=\"%s\" version=\"1\"", CONFIRMATION_NS);
    attr(b, "batch", batch_id);
    sc__xml_put_parties(b, SC_DOC_CONFIRMATION, ann.a.credit_code, ann.district, NULL);
    attr(b, "answers", answers);
    attr(b, "district", ann.district);
    attr(b, "credit-code", ann.a.credit_code);
    attr(b, "announcement", ann.a.code);
    sc__buf_puts(b, ">\n");
    if ((rc = sc__db_prepare(db, SQL_EXPORT_ANSWER, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, announcement);
    sc__bind_text(st, 2, answers);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        /* a completed application was confirmed (and passed since) */
        int confirmed = sqlite3_column_int(st, 5) != SC_APPLICATION_REJECTED;
        sc__buf_puts(b, "  <application");
        attr(b, "id-number", sc__col_text(st, 0));
        attr(b, "name", sc__col_text(st, 1));
        attr(b, "occupation", sc__col_text(st, 2));
        attr_nonempty(b, "work-type", sc__col_text(st, 3));
        attr_int(b, "level", sqlite3_column_int(st, 4));
        attr(b, "decision", confirmed ? "confirmed" : "rejected");
        attr(b, "date", sc__col_text(st, confirmed ? 6 : 7));
        if (!confirmed)
            attr(b, "reason", sc__col_text(st, 8));
        sc__buf_puts(b, "/>\n");
        out_flush(o, 0);
    }
    if (rc != SQLITE_DONE)
        rc = sc__db_fail(db, rc, "exporting a confirmation");
    else
        rc = SC_OK;
    sqlite3_finalize(st);
    sc__buf_puts(b, "</confirmation>\n");
    return rc;
}

/* Export to memory (path NULL) or a file. */
static int export_doc(char **out, size_t *len, sc_db *db, const char *func, int answer,
                      int64_t announcement, const char *batch_id, const char *answers,
                      const char *path)
{
    out_t o;
    int rc;
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!path && !out)
        return sc__error_null(func, "out");
    if ((rc = sc__db_check(db, func, 0)) != SC_OK)
        return rc;
    if (!sc__ann_code_ok(batch_id, 1) || (answers && !sc__ann_code_ok(answers, 1))) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "a batch id is 1-127 letters, digits, '.', '_', ':' or '-', starting with "
                      "a letter or digit: '%.40s'",
                      !sc__ann_code_ok(batch_id, 1) ? (batch_id ? batch_id : "(null)") : answers);
        sc__error_set_field(!sc__ann_code_ok(batch_id, 1) ? "batch_id" : "answers");
        return SC_EINVAL;
    }
    memset(&o, 0, sizeof o);
    sc__buf_init(&o.b);
    if (path && !(o.fp = fopen(path, "wb")))
        return sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, 0, "cannot write '%s'",
                                path);
    rc = answer ? export_answer(&o, db, announcement, batch_id, answers)
                : export_batch(&o, db, announcement, batch_id);
    rc = out_finish(&o, rc, path ? NULL : out, len, path);
    if (o.fp && fclose(o.fp) != 0 && rc == SC_OK)
        rc = sc__error_set_at(SC_EIO, SC_DOMAIN_OS, path, 0, 0, NULL, 0, "error writing '%s'",
                              path);
    if (rc != SC_OK && path)
        remove(path);
    return rc;
}

int sc_application_batch_export_memory(char **out, size_t *len, sc_db *db, int64_t announcement,
                                       const char *batch_id)
{
    return export_doc(out, len, db, "sc_application_batch_export_memory", 0, announcement,
                      batch_id, NULL, NULL);
}

int sc_application_batch_export_file(sc_db *db, int64_t announcement, const char *batch_id,
                                     const char *path)
{
    if (!path)
        return sc__error_null("sc_application_batch_export_file", "path");
    return export_doc(NULL, NULL, db, "sc_application_batch_export_file", 0, announcement,
                      batch_id, NULL, path);
}

int sc_application_confirmation_export_memory(char **out, size_t *len, sc_db *db,
                                              int64_t announcement, const char *batch_id,
                                              const char *answers)
{
    return export_doc(out, len, db, "sc_application_confirmation_export_memory", 1,
                      announcement, batch_id, answers, NULL);
}

int sc_application_confirmation_export_file(sc_db *db, int64_t announcement, const char *batch_id,
                                            const char *answers, const char *path)
{
    if (!path)
        return sc__error_null("sc_application_confirmation_export_file", "path");
    return export_doc(NULL, NULL, db, "sc_application_confirmation_export_file", 1,
                      announcement, batch_id, answers, path);
}
