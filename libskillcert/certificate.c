/*
 * Certificates: number allocation, the status workflow (reported, issued,
 * published, revoked), re-issue, the enterprise post certificate of
 * 一岗双认, public verification (single and batch) and statistics.
 */
#include "assessment_int.h"
#include "certificate_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORG_CODE_PROVINCE "0000" /* organizations filed with a province (Beijing) */
#define PROVINCE_BEIJING "11"
#define ID_TYPE_RESIDENT "居民身份证"

#define bad(field, ...) sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, field, __VA_ARGS__)

#define constraint(field, ...) sc__error_fail(SC_ECONSTRAINT, SC_DOMAIN_RULES, field, __VA_ARGS__)

/* ---- numbers ------------------------------------------------------------------ */

/* Trim and check a number into out[23] (upper-case letter). 0: well-formed;
 * otherwise a static description of the problem. */
static const char *number_norm(const char *in, char out[SC_CERT_NUMBER_SIZE])
{
    size_t n, i;
    out[0] = '\0';
    while (*in == ' ' || *in == '\t')
        in++;
    n = strlen(in);
    while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
        n--;
    if (n != 22)
        return "a certificate number has 22 characters";
    if (in[0] != 'S' && in[0] != 'Y' && in[0] != 's' && in[0] != 'y')
        return "a certificate number starts with S (social training and evaluation "
               "organization) or Y (employer)";
    for (i = 1; i < 22; i++)
        if (in[i] < '0' || in[i] > '9')
            return "positions 2-22 of a certificate number are digits";
    if (in[15] < '1' || in[15] > '5')
        return "position 16 of a certificate number is the level, 1-5";
    if (!memcmp(in + 16, "000000", 6))
        return "the sequence (positions 17-22) of a certificate number starts at 000001";
    memcpy(out, in, 22);
    out[0] = (char)(out[0] & ~0x20);
    out[22] = '\0';
    return NULL;
}

static int number_arg(const char *in, char out[SC_CERT_NUMBER_SIZE])
{
    const char *why;
    if (!in)
        return sc__error_null("certificate", "number");
    if ((why = number_norm(in, out)) != NULL)
        return bad("number", "'%.40s' is not a certificate number: %s", in, why);
    return SC_OK;
}

int sc_certificate_number_parse(sc_cert_number *out, const char *text)
{
    char num[SC_CERT_NUMBER_SIZE];
    int rc;
    if (!out)
        return sc__error_null("sc_certificate_number_parse", "out");
    SC__VERSION_CHECK(out, "sc_cert_number", SC_CERT_NUMBER_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = number_arg(text, num)) != SC_OK)
        return rc;
    memcpy(out->number, num, sizeof num);
    out->kind = num[0];
    memcpy(out->org_code, num + 1, 4);
    memcpy(out->province, num + 5, 2);
    memcpy(out->site, num + 7, 6);
    out->year = (num[13] - '0') * 10 + (num[14] - '0');
    out->level = num[15] - '0';
    out->sequence = atoi(num + 16);
    return SC_OK;
}

/* ---- names ------------------------------------------------------------------------ */

const char *sc_cert_status_name(int status)
{
    switch (status) {
    case SC_CERT_REPORTED: return "reported";
    case SC_CERT_ISSUED: return "issued";
    case SC_CERT_PUBLISHED: return "published";
    case SC_CERT_REVOKED: return "revoked";
    default: return NULL;
    }
}

const char *sc_verify_status_name(int status)
{
    switch (status) {
    case SC_VERIFY_NOT_FOUND: return "not-found";
    case SC_VERIFY_NOT_PUBLISHED: return "not-published";
    case SC_VERIFY_REVOKED: return "revoked";
    case SC_VERIFY_VALID: return "valid";
    case SC_VERIFY_NAME_MISMATCH: return "name-mismatch";
    case SC_VERIFY_MALFORMED: return "malformed";
    default: return NULL;
    }
}

/* ---- masking ------------------------------------------------------------------------ */

/* Length of the UTF-8 sequence starting with byte c (1 for stray bytes). */
static size_t utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

#define MASK_MAX_STARS 8

/* Mask without validation: name is known good UTF-8. */
static void mask_name(char *out, const char *name)
{
    size_t n = strlen(name), first, lastpos = 0, chars = 0, i = 0, o = 0, stars;
    while (i < n) {
        lastpos = i;
        i += utf8_len((unsigned char)name[i]);
        chars++;
    }
    if (chars <= 1) {
        strcpy(out, chars ? "*" : "");
        return;
    }
    first = utf8_len((unsigned char)name[0]);
    memcpy(out, name, first);
    o = first;
    stars = chars == 2 ? 1 : chars - 2;
    if (stars > MASK_MAX_STARS)
        stars = MASK_MAX_STARS;
    memset(out + o, '*', stars);
    o += stars;
    if (chars >= 3) {
        size_t ln = n - lastpos;
        memcpy(out + o, name + lastpos, ln);
        o += ln;
    }
    out[o] = '\0';
}

int sc_certificate_mask_name(char *out, const char *name)
{
    if (!out)
        return sc__error_null("sc_certificate_mask_name", "out");
    out[0] = '\0';
    if (!name)
        return sc__error_null("sc_certificate_mask_name", "name");
    if (!sc__utf8_valid(name))
        return bad("name", "the name is not valid UTF-8");
    mask_name(out, name);
    return SC_OK;
}

static void mask_id(char *out, const char *id)
{
    size_t n = strlen(id), i;
    if (n > 18)
        n = 18;
    if (n == 18) {
        memcpy(out, id, 6);
        memset(out + 6, '*', 8);
        memcpy(out + 14, id + 14, 4);
        out[18] = '\0';
        return;
    }
    for (i = 0; i < n; i++)
        out[i] = i + 4 < n ? '*' : id[i];
    out[n] = '\0';
}

int sc_certificate_mask_id(char *out, const char *id_number)
{
    if (!out)
        return sc__error_null("sc_certificate_mask_id", "out");
    out[0] = '\0';
    if (!id_number)
        return sc__error_null("sc_certificate_mask_id", "id_number");
    if (strlen(id_number) > 18)
        return bad("id_number", "an ID number has at most 18 characters");
    mask_id(out, id_number);
    return SC_OK;
}

/* ---- lookups -------------------------------------------------------------------------- */

typedef struct {
    sqlite3_int64 org_id, session_id;
    int status, level;
    char credit_code[SC_CREDIT_CODE_SIZE];
    char certified[SC_DATE_SIZE], issued[SC_DATE_SIZE];
    char occupation[SC_OCCUPATION_CODE_SIZE];
    char work_type[SC_WORK_TYPE_SIZE];
    char holder[SC_ORG_NAME_SIZE];
    char id_number[19];
    char replaced_by[SC_CERT_NUMBER_SIZE];
    int path;
    char published[SC_DATE_SIZE], revoked[SC_DATE_SIZE];
    char revoke_reason[SC_ORG_TEXT_SIZE];
} cert_row;

static const char SQL_CERT_ROW[] =
    "SELECT x.org_id, r.session_id, c.status, x.level, o.credit_code, r.certified, "
    "c.issued, x.occupation, x.work_type, c.holder, c.id_number, r.replaced_by, "
    "coalesce(s.path, 0), r.published, c.revoked, r.revoke_reason "
    "FROM certificate c JOIN certificate_record r ON r.number = c.number "
    "JOIN cert_context x ON x.id = c.context JOIN org o ON o.id = x.org_id "
    "LEFT JOIN session s ON s.id = r.session_id WHERE c.number = ?1";

/* SC_OK; SC_ENOTFOUND (recorded); SC_EDB. */
static int cert_find(sc_db *db, const char *number, cert_row *r)
{
    sqlite3_stmt *st;
    int rc;
    memset(r, 0, sizeof(*r));
    if ((rc = sc__db_stmt_get(db, SQL_CERT_ROW, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, number);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->org_id = sqlite3_column_int64(st, 0);
        r->session_id = sqlite3_column_int64(st, 1);
        r->status = sqlite3_column_int(st, 2);
        r->level = sqlite3_column_int(st, 3);
        sc__copy_text(r->credit_code, sizeof r->credit_code, sc__col_text(st, 4));
        sc__copy_text(r->certified, sizeof r->certified, sc__col_text(st, 5));
        sc__copy_text(r->issued, sizeof r->issued, sc__col_text(st, 6));
        sc__copy_text(r->occupation, sizeof r->occupation, sc__col_text(st, 7));
        sc__copy_text(r->work_type, sizeof r->work_type, sc__col_text(st, 8));
        sc__copy_text(r->holder, sizeof r->holder, sc__col_text(st, 9));
        sc__copy_text(r->id_number, sizeof r->id_number, sc__col_text(st, 10));
        sc__copy_text(r->replaced_by, sizeof r->replaced_by, sc__col_text(st, 11));
        r->path = sqlite3_column_int(st, 12);
        sc__copy_text(r->published, sizeof r->published, sc__col_text(st, 13));
        sc__copy_text(r->revoked, sizeof r->revoked, sc__col_text(st, 14));
        sc__copy_text(r->revoke_reason, sizeof r->revoke_reason, sc__col_text(st, 15));
        sqlite3_reset(st);
        return SC_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a certificate");
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no certificate numbered %s", number);
    sc__error_set_field("number");
    return SC_ENOTFOUND;
}

/* ---- allocation ------------------------------------------------------------------------ */

static const char SQL_COUNTER[] =
    "INSERT INTO cert_counter(org_id, site, year, level, next) VALUES (?1, ?2, ?3, ?4, 1) "
    "ON CONFLICT (org_id, site, year, level) DO UPDATE SET next = next + 1 RETURNING next";

/* Allocate the next number for (org, year of date, level). Must run inside
 * the caller's write transaction. */
static int allocate(sc_db *db, sqlite3_int64 org_id, const char *date, int level,
                    char out[SC_CERT_NUMBER_SIZE])
{
    sqlite3_stmt *st;
    int rc, site = 0, year = (date[2] - '0') * 10 + (date[3] - '0');
    sqlite3_int64 seq;
    /* The site was given at filing; an organization filed before sites were given
     * at filing gets its own now. */
    if ((rc = sc__org_site_assign(db, org_id, date, &site)) != SC_OK)
        return rc;
    if (site > 999999)
        return constraint("site", "site sequences are exhausted (999999)");
    if ((rc = sc__db_stmt_get(db, SQL_COUNTER, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int(st, 2, site);
    sqlite3_bind_int(st, 3, year);
    sqlite3_bind_int(st, 4, level);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        rc = sc__db_fail(db, rc, "allocating a certificate number");
        sqlite3_reset(st);
        return rc;
    }
    seq = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (seq > 999999)
        return constraint("number", "the certificate sequence of year %02d level %d is exhausted "
                          "(999999)", year, level);
    {
        char buf[64];
        snprintf(buf, sizeof buf, "S" ORG_CODE_PROVINCE PROVINCE_BEIJING "%06u%02u%u%06u",
                 (unsigned)site % 1000000u, (unsigned)year % 100u, (unsigned)level % 10u,
                 (unsigned)seq % 1000000u);
        memcpy(out, buf, SC_CERT_NUMBER_SIZE - 1);
        out[SC_CERT_NUMBER_SIZE - 1] = '\0';
    }
    return SC_OK;
}

static const char SQL_CONTEXT_FIND[] =
    "SELECT id FROM cert_context WHERE org_id = ?1 AND org_name = ?2 AND district = ?3 "
    "AND occupation = ?4 AND occupation_name = ?5 AND work_type = ?6 AND level = ?7";
static const char SQL_CONTEXT_INS[] =
    "INSERT INTO cert_context(org_id, org_name, district, occupation, occupation_name, "
    "work_type, level) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_CERT_INS[] =
    "INSERT INTO certificate(number, holder, id_number, status, context) "
    "VALUES (?1, ?2, ?3, ?5, ?4)";
static const char SQL_RECORD_INS[] =
    "INSERT INTO certificate_record(number, id_type, session_id, id_number, certified, replaces) "
    "VALUES (?1, 1, ?2, ?3, ?4, ?5)";
static const char SQL_OCC_NAME[] = "SELECT name FROM occupation WHERE code = ?1";

typedef struct {
    sqlite3_int64 org_id, session_id;
    const char *credit_code, *holder, *id_number, *occupation, *work_type, *date, *replaces;
    int level, path;
} new_cert;

static void bind_context(sqlite3_stmt *st, const new_cert *c, const sc_org *org,
                         const char *occ_name)
{
    sqlite3_bind_int64(st, 1, c->org_id);
    sc__bind_text(st, 2, org->name);
    sc__bind_text(st, 3, org->district);
    sc__bind_text(st, 4, c->occupation);
    sc__bind_text(st, 5, occ_name);
    sc__bind_text(st, 6, c->work_type);
    sqlite3_bind_int(st, 7, c->level);
}

/* The issuing context (shared by the certificates of one organization, as
 * named on that day, for one offering), found or made. */
static int context_of(sc_db *db, const new_cert *c, const sc_org *org, const char *occ_name,
                      sqlite3_int64 *id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_CONTEXT_FIND, &st)) != SC_OK)
        return rc;
    bind_context(st, c, org, occ_name);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return SC_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading certificate contexts");
    if ((rc = sc__db_stmt_get(db, SQL_CONTEXT_INS, &st)) != SC_OK)
        return rc;
    bind_context(st, c, org, occ_name);
    if ((rc = sc__db_exec_stmt(db, st, "recording a certificate context")) != SC_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(db->conn);
    return SC_OK;
}

/* Check the organization may certify, allocate the number and insert. */
static int insert_certificate(sc_db *db, const new_cert *c, char number[SC_CERT_NUMBER_SIZE])
{
    sc_org org = SC_ORG_INIT;
    char occ_name[SC_ORG_NAME_SIZE] = "";
    sqlite3_int64 context = 0;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__org_require_standing(db, c->credit_code, c->occupation, c->work_type,
                                       c->level, c->date, NULL, c->path, "certify",
                                       "credit_code")) != SC_OK)
        return rc;
    if ((rc = sc_org_get(&org, db, c->credit_code, c->date)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_OCC_NAME, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, c->occupation);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        sc__copy_text(occ_name, sizeof occ_name, sc__col_text(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the occupation");
    if ((rc = context_of(db, c, &org, occ_name, &context)) != SC_OK ||
        (rc = allocate(db, c->org_id, c->date, c->level, number)) != SC_OK)
        return rc;
    /* The number is the table's PRIMARY KEY: the unique index that is the
     * last guard against a number given twice. */
    if ((rc = sc__db_stmt_get(db, SQL_CERT_INS, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, number);
    sc__bind_text(st, 2, c->holder);
    sc__bind_text(st, 3, c->id_number);
    sqlite3_bind_int64(st, 4, context);
    sqlite3_bind_int(st, 5, SC_CERT_REPORTED);
    if ((rc = sc__db_exec_stmt(db, st, "recording a certificate")) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_RECORD_INS, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, number);
    if (c->session_id)
        sqlite3_bind_int64(st, 2, c->session_id);
    else
        sqlite3_bind_null(st, 2);
    sc__bind_text(st, 3, c->id_number);
    sc__bind_text(st, 4, c->date);
    sc__bind_text(st, 5, c->replaces);
    return sc__db_exec_stmt(db, st, "recording a certificate");
}

/* ---- the workflow ------------------------------------------------------------------------ */

static const char SQL_ORIGINAL[] =
    "SELECT number FROM certificate_record WHERE session_id = ?1 AND id_number = ?2 "
    "AND replaces IS NULL";

int sc_certificate_report(char *out, sc_db *db, const sc_actor *actor, int64_t session_id,
                          const char *id_number, const char *date_in)
{
    char idn[19], date[SC_DATE_SIZE], number[SC_CERT_NUMBER_SIZE];
    sc__session_row row;
    sc_result res = SC_RESULT_INIT;
    new_cert c;
    sqlite3_stmt *st;
    int rc;

    if (!out)
        return sc__error_null("sc_certificate_report", "out");
    out[0] = '\0';
    if ((rc = sc__db_check(db, "sc_certificate_report", 1)) != SC_OK ||
        (rc = sc__id_number_norm(id_number, idn)) != SC_OK ||
        (rc = sc__date_arg(date_in, "date", date)) != SC_OK)
        return rc;
    if (!actor)
        return sc__error_null("sc_certificate_report", "actor");
    /* BEGIN IMMEDIATE: the write lock first, so numbering is serialised. */
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__session_load(db, session_id, &row)) != SC_OK ||
        (rc = sc__authorize(db, actor, SC__ACT_CERT_REPORT, row.s.credit_code)) != SC_OK ||
        (rc = sc_result_get(&res, db, session_id, idn)) != SC_OK)
        goto fail;
    if (!res.passed) {
        rc = constraint("id_number", "%s did not pass session %lld; no level can be certified",
                        idn, (long long)session_id);
        goto fail;
    }
    if (strcmp(date, res.recorded) < 0) {
        rc = constraint("date", "the result was recorded on %s; a certification on %s would come "
                        "before it", res.recorded, date);
        goto fail;
    }
    if ((rc = sc__db_stmt_get(db, SQL_ORIGINAL, &st)) != SC_OK)
        goto fail;
    sqlite3_bind_int64(st, 1, session_id);
    sc__bind_text(st, 2, idn);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        rc = sc__error_set(SC_EEXISTS, SC_DOMAIN_RULES, "the level of %s in session %lld is "
                           "already certified: certificate %s", idn, (long long)session_id,
                           sc__col_text(st, 0));
        sqlite3_reset(st);
        sc__error_set_field("id_number");
        goto fail;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        rc = sc__db_fail(db, rc, "reading certificates");
        goto fail;
    }
    memset(&c, 0, sizeof c);
    c.org_id = row.org_id;
    c.session_id = session_id;
    c.credit_code = row.s.credit_code;
    c.holder = res.name;
    c.id_number = idn;
    c.occupation = row.s.occupation;
    c.work_type = row.s.work_type;
    c.date = date;
    c.level = row.s.level;
    c.path = row.s.path;
    if ((rc = insert_certificate(db, &c, number)) != SC_OK ||
        (rc = sc__audit_append(db, actor, "certificate", number,
                               sc__action_name(SC__ACT_CERT_REPORT),
                               "session=%lld holder=%s occupation=%s work_type=%s level=%d "
                               "certified=%s", (long long)session_id, idn, row.s.occupation,
                               row.s.work_type, row.s.level, date)) != SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    memcpy(out, number, SC_CERT_NUMBER_SIZE);
    return SC_OK;
fail:
    sc__db_rollback(db);
    return rc;
}

/* Common frame of the status changes: find, authorize, check, update, audit. */
typedef struct {
    const char *func;
    int action;
    const char *number;
    const char *date;
} change;

/* The organization's standing on `date` for an offering (issue 11). */
static int standing(sc_db *db, const char *code, const char *occupation, const char *work_type,
                    int level, int path, const char *date, const char *act, const char *field)
{
    const char *wt = work_type && *work_type && strcmp(work_type, "--") ? work_type : NULL;
    return sc__org_require_standing(db, code, occupation, wt, level, date, NULL, path, act,
                                    field);
}

static int standing_on(sc_db *db, const cert_row *r, const char *date, const char *act)
{
    return standing(db, r->credit_code, r->occupation, r->work_type, r->level, r->path, date,
                    act, "number");
}

static int change_begin(sc_db *db, const sc_actor *actor, const change *ch, cert_row *r,
                        char num[SC_CERT_NUMBER_SIZE], char date[SC_DATE_SIZE])
{
    int rc;
    if ((rc = sc__db_check(db, ch->func, 1)) != SC_OK || (rc = number_arg(ch->number, num)) != SC_OK ||
        (rc = sc__date_arg(ch->date, "date", date)) != SC_OK)
        return rc;
    if (!actor)
        return sc__error_null(ch->func, "actor");
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = cert_find(db, num, r)) != SC_OK ||
        (rc = sc__authorize(db, actor, ch->action, r->credit_code)) != SC_OK) {
        sc__db_rollback(db);
        return rc;
    }
    return SC_OK;
}

/* Each status change is its checks and its apply step: the direct call authorizes its
 * actor, runs both and audits; an import replays both as the document's issuer
 * (sc__certificate_receive / _set_published / _set_revoked), so each rule lives here once. */

/* Issuing (颁发): a reported certificate, not before its certification, the organization
 * standing for the offering on the day. */
static int issue_check(sc_db *db, const cert_row *r, const char *num, const char *date)
{
    if (r->status != SC_CERT_REPORTED)
        return constraint("number", "certificate %s is %s; only a reported certificate is "
                          "issued", num, sc_cert_status_name(r->status));
    if (strcmp(date, r->certified) < 0)
        return constraint("date", "certificate %s was certified on %s; it cannot be issued on "
                          "%s", num, r->certified, date);
    return standing_on(db, r, date, "issue a certificate of");
}

static const char SQL_ISSUE[] =
    "UPDATE certificate SET status = ?3, issued = ?2 WHERE number = ?1";
static const char SQL_ISSUE_PHOTO[] = "UPDATE certificate_record SET photo = ?2 WHERE number = ?1";

static int issue_apply(sc_db *db, const char *num, const char *photo, const char *date)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_ISSUE, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, num);
    sc__bind_text(st, 2, date);
    sqlite3_bind_int(st, 3, SC_CERT_ISSUED);
    if ((rc = sc__db_exec_stmt(db, st, "issuing a certificate")) != SC_OK ||
        (rc = sc__db_stmt_get(db, SQL_ISSUE_PHOTO, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, num);
    sc__bind_text(st, 2, photo && *photo ? photo : NULL);
    return sc__db_exec_stmt(db, st, "issuing a certificate");
}

int sc_certificate_issue(sc_db *db, const sc_actor *actor, const char *number, const char *photo,
                         const char *date_in)
{
    change ch = { "sc_certificate_issue", SC__ACT_CERT_ISSUE, number, date_in };
    char num[SC_CERT_NUMBER_SIZE], date[SC_DATE_SIZE];
    cert_row r;
    int rc;

    if ((rc = sc__check_text(photo, "photo", SC_CERT_PHOTO_SIZE - 1, 0)) != SC_OK ||
        (rc = change_begin(db, actor, &ch, &r, num, date)) != SC_OK)
        return rc;
    if ((rc = issue_check(db, &r, num, date)) != SC_OK ||
        (rc = issue_apply(db, num, photo, date)) != SC_OK ||
        (rc = sc__audit_append(db, actor, "certificate", num, sc__action_name(SC__ACT_CERT_ISSUE),
                               "issued=%s photo=%s", date, photo ? photo : "")) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

/* Publishing (the city centre): an issued certificate, not before its issue. */
static int publish_check(const cert_row *r, const char *num, const char *date)
{
    if (r->status != SC_CERT_ISSUED)
        return constraint("number", "certificate %s is %s; only an issued certificate is "
                          "published", num, sc_cert_status_name(r->status));
    if (strcmp(date, r->issued) < 0)
        return constraint("date", "certificate %s was issued on %s; it cannot be published on "
                          "%s", num, r->issued, date);
    return SC_OK;
}

static const char SQL_PUBLISH[] = "UPDATE certificate SET status = ?2 WHERE number = ?1";
static const char SQL_PUBLISH_DATE[] =
    "UPDATE certificate_record SET published = ?2 WHERE number = ?1";

static int publish_apply(sc_db *db, const char *num, const char *date)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_PUBLISH, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, num);
    sqlite3_bind_int(st, 2, SC_CERT_PUBLISHED);
    if ((rc = sc__db_exec_stmt(db, st, "publishing a certificate")) != SC_OK ||
        (rc = sc__db_stmt_get(db, SQL_PUBLISH_DATE, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, num);
    sc__bind_text(st, 2, date);
    return sc__db_exec_stmt(db, st, "publishing a certificate");
}

int sc_certificate_publish(sc_db *db, const sc_actor *actor, const char *number,
                           const char *date_in)
{
    change ch = { "sc_certificate_publish", SC__ACT_CERT_PUBLISH, number, date_in };
    char num[SC_CERT_NUMBER_SIZE], date[SC_DATE_SIZE];
    cert_row r;
    int rc;

    if ((rc = change_begin(db, actor, &ch, &r, num, date)) != SC_OK)
        return rc;
    if ((rc = publish_check(&r, num, date)) != SC_OK ||
        (rc = publish_apply(db, num, date)) != SC_OK ||
        (rc = sc__audit_append(db, actor, "certificate", num,
                               sc__action_name(SC__ACT_CERT_PUBLISH), "published=%s", date)) !=
            SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

/* Revoking: not revoked yet, not before its certification. */
static int revoke_check(const cert_row *r, const char *num, const char *date)
{
    if (r->status == SC_CERT_REVOKED)
        return constraint("number", "certificate %s was already revoked on %s", num,
                          r->revoked);
    if (strcmp(date, r->certified) < 0)
        return constraint("date", "certificate %s was certified on %s; it cannot be revoked on "
                          "%s", num, r->certified, date);
    return SC_OK;
}

static const char SQL_REVOKE[] =
    "UPDATE certificate SET status = ?3, revoked = ?2 WHERE number = ?1";
static const char SQL_REVOKE_REASON[] =
    "UPDATE certificate_record SET revoke_reason = ?2 WHERE number = ?1";

static int revoke_apply(sc_db *db, const char *num, const char *reason, const char *date)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_REVOKE, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, num);
    sc__bind_text(st, 2, date);
    sqlite3_bind_int(st, 3, SC_CERT_REVOKED);
    if ((rc = sc__db_exec_stmt(db, st, "revoking a certificate")) != SC_OK ||
        (rc = sc__db_stmt_get(db, SQL_REVOKE_REASON, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, num);
    sc__bind_text(st, 2, reason);
    return sc__db_exec_stmt(db, st, "revoking a certificate");
}

static int revoke_row(sc_db *db, const sc_actor *actor, const char *num, const char *reason,
                      const char *date)
{
    int rc;
    if ((rc = revoke_apply(db, num, reason, date)) != SC_OK)
        return rc;
    return sc__audit_append(db, actor, "certificate", num, sc__action_name(SC__ACT_CERT_REVOKE),
                            "revoked=%s reason=%s", date, reason);
}

int sc_certificate_revoke(sc_db *db, const sc_actor *actor, const char *number,
                          const char *reason, const char *date_in)
{
    change ch = { "sc_certificate_revoke", SC__ACT_CERT_REVOKE, number, date_in };
    char num[SC_CERT_NUMBER_SIZE], date[SC_DATE_SIZE];
    cert_row r;
    int rc;

    if ((rc = sc__check_text(reason, "reason", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = change_begin(db, actor, &ch, &r, num, date)) != SC_OK)
        return rc;
    if ((rc = revoke_check(&r, num, date)) != SC_OK ||
        (rc = revoke_row(db, actor, num, reason, date)) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

static const char SQL_REPLACED_BY[] =
    "UPDATE certificate_record SET replaced_by = ?2 WHERE number = ?1";

int sc_certificate_reissue(char *out, sc_db *db, const sc_actor *actor, const char *number,
                           const char *holder, const char *reason, const char *date_in)
{
    change ch = { "sc_certificate_reissue", SC__ACT_CERT_REISSUE, number, date_in };
    char num[SC_CERT_NUMBER_SIZE], date[SC_DATE_SIZE], fresh[SC_CERT_NUMBER_SIZE];
    cert_row r;
    new_cert c;
    sqlite3_stmt *st;
    int rc;

    if (!out)
        return sc__error_null("sc_certificate_reissue", "out");
    out[0] = '\0';
    if (holder && !*holder)
        holder = NULL;
    if ((rc = sc__check_text(reason, "reason", SC_ORG_TEXT_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__check_text(holder, "holder", SC_ORG_NAME_SIZE - 1, 0)) != SC_OK ||
        (rc = change_begin(db, actor, &ch, &r, num, date)) != SC_OK)
        return rc;
    if (r.replaced_by[0]) {
        rc = constraint("number", "certificate %s was already re-issued as %s", num,
                        r.replaced_by);
        goto fail;
    }
    if (strcmp(date, r.certified) < 0) {
        rc = constraint("date", "certificate %s was certified on %s; it cannot be re-issued on %s",
                        num, r.certified, date);
        goto fail;
    }
    if (r.status != SC_CERT_REVOKED && (rc = revoke_row(db, actor, num, reason, date)) != SC_OK)
        goto fail;
    memset(&c, 0, sizeof c);
    c.org_id = r.org_id;
    c.session_id = r.session_id;
    c.replaces = num;
    c.credit_code = r.credit_code;
    c.holder = holder ? holder : r.holder;
    c.id_number = r.id_number;
    c.occupation = r.occupation;
    c.work_type = r.work_type;
    c.date = date;
    c.level = r.level;
    c.path = r.path;
    if ((rc = insert_certificate(db, &c, fresh)) != SC_OK)
        goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_REPLACED_BY, &st)) != SC_OK)
        goto fail;
    sc__bind_text(st, 1, num);
    sc__bind_text(st, 2, fresh);
    if ((rc = sc__db_exec_stmt(db, st, "linking the re-issue")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "certificate", fresh,
                               sc__action_name(SC__ACT_CERT_REISSUE),
                               "replaces=%s reason=%s holder=%s certified=%s", num, reason,
                               c.holder, date)) != SC_OK)
        goto fail;
    if ((rc = sc__db_commit(db)) != SC_OK)
        return rc;
    memcpy(out, fresh, SC_CERT_NUMBER_SIZE);
    return SC_OK;
fail:
    sc__db_rollback(db);
    return rc;
}

static const char SQL_POST[] =
    "INSERT OR REPLACE INTO post_certificate(number, enterprise, post, post_number, issued) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

int sc_certificate_link_post(sc_db *db, const sc_actor *actor, const char *number,
                             const char *enterprise, const char *post, const char *post_number,
                             const char *date_in)
{
    change ch = { "sc_certificate_link_post", SC__ACT_CERT_LINK_POST, number, date_in };
    char num[SC_CERT_NUMBER_SIZE], date[SC_DATE_SIZE];
    cert_row r;
    sqlite3_stmt *st;
    int rc;

    if ((rc = sc__check_text(enterprise, "enterprise", SC_ORG_NAME_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__check_text(post, "post", SC_ORG_NAME_SIZE - 1, 1)) != SC_OK ||
        (rc = sc__check_text(post_number, "post_number", SC_ORG_NAME_SIZE - 1, 1)) != SC_OK ||
        (rc = change_begin(db, actor, &ch, &r, num, date)) != SC_OK)
        return rc;
    if (r.status == SC_CERT_REVOKED) {
        rc = constraint("number", "certificate %s is revoked", num);
        goto fail;
    }
    /* 一岗双认: the link is the organization's act, on its standing that day. */
    if ((rc = standing_on(db, &r, date, "link a post certificate to")) != SC_OK)
        goto fail;
    if ((rc = sc__db_stmt_get(db, SQL_POST, &st)) != SC_OK)
        goto fail;
    sc__bind_text(st, 1, num);
    sc__bind_text(st, 2, enterprise);
    sc__bind_text(st, 3, post);
    sc__bind_text(st, 4, post_number);
    sc__bind_text(st, 5, date);
    if ((rc = sc__db_exec_stmt(db, st, "linking a post certificate")) != SC_OK ||
        (rc = sc__audit_append(db, actor, "certificate", num,
                               sc__action_name(SC__ACT_CERT_LINK_POST),
                               "enterprise=%s post=%s post_number=%s issued=%s", enterprise, post,
                               post_number, date)) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

/* ---- reading ------------------------------------------------------------------------------ */

#define CERT_COLS                                                                               \
    "c.number, c.status, c.holder, r.id_type, c.id_number, x.occupation, x.occupation_name, "   \
    "x.work_type, x.level, o.credit_code, x.org_name, x.district, r.session_id, r.certified, "  \
    "c.issued, r.published, c.revoked, r.revoke_reason, r.replaces, r.replaced_by, r.photo, "   \
    "p.enterprise, p.post, p.post_number, p.issued "                                            \
    "FROM certificate c JOIN certificate_record r ON r.number = c.number "                      \
    "JOIN cert_context x ON x.id = c.context JOIN org o ON o.id = x.org_id "                    \
    "LEFT JOIN post_certificate p ON p.number = c.number "

static const char SQL_CERT_GET[] = "SELECT " CERT_COLS "WHERE c.number = ?1";
static const char SQL_CERT_ITER[] =
    "SELECT " CERT_COLS "WHERE (?1 IS NULL OR o.credit_code = ?1) "
    "AND (?2 IS NULL OR c.id_number = ?2) ORDER BY c.number";

static void cert_fill(sc_certificate *out, sqlite3_stmt *st)
{
    const char *wt;
    SC__ZERO_KEEP_VERSION(out);
    sc__copy_text(out->number, sizeof out->number, sc__col_text(st, 0));
    out->status = sqlite3_column_int(st, 1);
    sc__copy_text(out->title, sizeof out->title, SC_CERT_TITLE);
    sc__copy_text(out->holder, sizeof out->holder, sc__col_text(st, 2));
    sc__copy_text(out->id_type, sizeof out->id_type, ID_TYPE_RESIDENT); /* id_type 1 */
    sc__copy_text(out->id_number, sizeof out->id_number, sc__col_text(st, 4));
    sc__copy_text(out->occupation, sizeof out->occupation, sc__col_text(st, 5));
    sc__copy_text(out->occupation_name, sizeof out->occupation_name, sc__col_text(st, 6));
    wt = sc__col_text(st, 7);
    sc__copy_text(out->work_type, sizeof out->work_type, wt && *wt ? wt : "--");
    out->level = sqlite3_column_int(st, 8);
    sc__level_text(out->level, out->level_text, sizeof out->level_text);
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(st, 9));
    sc__copy_text(out->org_name, sizeof out->org_name, sc__col_text(st, 10));
    sc__copy_text(out->district, sizeof out->district, sc__col_text(st, 11));
    out->session_id = sqlite3_column_int64(st, 12);
    sc__copy_text(out->certified, sizeof out->certified, sc__col_text(st, 13));
    sc__copy_text(out->issued, sizeof out->issued, sc__col_text(st, 14));
    sc__copy_text(out->published, sizeof out->published, sc__col_text(st, 15));
    sc__copy_text(out->revoked, sizeof out->revoked, sc__col_text(st, 16));
    sc__copy_text(out->revoke_reason, sizeof out->revoke_reason, sc__col_text(st, 17));
    sc__copy_text(out->replaces, sizeof out->replaces, sc__col_text(st, 18));
    sc__copy_text(out->replaced_by, sizeof out->replaced_by, sc__col_text(st, 19));
    sc__copy_text(out->photo, sizeof out->photo, sc__col_text(st, 20));
    sc__copy_text(out->post_enterprise, sizeof out->post_enterprise, sc__col_text(st, 21));
    sc__copy_text(out->post_name, sizeof out->post_name, sc__col_text(st, 22));
    sc__copy_text(out->post_number, sizeof out->post_number, sc__col_text(st, 23));
    sc__copy_text(out->post_issued, sizeof out->post_issued, sc__col_text(st, 24));
}

int sc_certificate_get(sc_certificate *out, sc_db *db, const char *number)
{
    char num[SC_CERT_NUMBER_SIZE];
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_certificate_get", "out");
    SC__VERSION_CHECK(out, "sc_certificate", SC_CERTIFICATE_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_certificate_get", 0)) != SC_OK ||
        (rc = number_arg(number, num)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_CERT_GET, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, num);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        cert_fill(out, st);
        sqlite3_reset(st);
        return SC_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading a certificate");
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no certificate numbered %s", num);
    sc__error_set_field("number");
    return SC_ENOTFOUND;
}

enum { IT_CERTS = 1, IT_STATS = 2 };

struct sc_certificate_iter {
    sc_db *db;
    sqlite3_stmt *st;
    int kind;
};

/* Statistics rows have their own public iterator type; it wraps the same
 * row reader as its only member. */
struct sc_cert_stats_iter {
    struct sc_certificate_iter rows;
};

static int cert_iter_make(sc_certificate_iter **out, sc_db *db, const char *sql, int kind)
{
    sc_certificate_iter *it = sc__calloc(1, sizeof(*it));
    int rc;
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

int sc_certificate_iter_new(sc_certificate_iter **out, sc_db *db, const sc_certificate_query *q)
{
    char cc[SC_CREDIT_CODE_SIZE], idn[19];
    const char *credit_code;
    const char *id_number;
    int rc;
    if (!out)
        return sc__error_null("sc_certificate_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_CERTIFICATE_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_certificate_query version %u is not known to this library",
                              q->version);
    credit_code = q ? q->credit_code : NULL;
    id_number = q ? q->id_number : NULL;
    if ((rc = sc__db_check(db, "sc_certificate_iter_new", 0)) != SC_OK ||
        (credit_code && (rc = sc__credit_code_norm(credit_code, cc)) != SC_OK) ||
        (id_number && (rc = sc__id_number_norm(id_number, idn)) != SC_OK))
        return rc;
    if ((rc = cert_iter_make(out, db, SQL_CERT_ITER, IT_CERTS)) != SC_OK)
        return rc;
    sc__bind_text((*out)->st, 1, credit_code ? cc : NULL);
    sc__bind_text((*out)->st, 2, id_number ? idn : NULL);
    return SC_OK;
}

static int iter_step(sc_certificate_iter *it, int kind, const char *func)
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

int sc_certificate_iter_next(sc_certificate *out, sc_certificate_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_certificate_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_certificate", SC_CERTIFICATE_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = iter_step(it, IT_CERTS, "sc_certificate_iter_next")) != SC_OK)
        return rc;
    cert_fill(out, it->st);
    return SC_OK;
}

void sc_certificate_iter_free(sc_certificate_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sc__db_unref(it->db);
    free(it);
}

/* ---- verification ------------------------------------------------------------------------------ */

static const char SQL_VERIFY[] =
    "SELECT c.holder, c.id_number, c.status, x.occupation, x.occupation_name, x.work_type, "
    "x.level, x.org_name, c.issued, c.revoked FROM certificate c "
    "JOIN cert_context x ON x.id = c.context WHERE c.number = ?1";
static const char SQL_READ_BEGIN[] = "BEGIN";
static const char SQL_READ_COMMIT[] = "COMMIT";

/* Copy a column into a fixed field (cut at a character boundary). */
static void col_copy(char *dst, size_t cap, sqlite3_stmt *st, int i)
{
    sc__copy_text(dst, cap, (const char *)sqlite3_column_text(st, i));
}

/* Is the ID number given the holder's? Upper/lower-case 'x' alike, blanks
 * around ignored. */
static int same_id(const char *given, const char *stored)
{
    size_t n;
    while (*given == ' ' || *given == '\t')
        given++;
    n = strlen(given);
    while (n && (given[n - 1] == ' ' || given[n - 1] == '\t'))
        n--;
    if (n != strlen(stored))
        return 0;
    while (n--) {
        char a = *given++, b = *stored++;
        if (a == 'x')
            a = 'X';
        if (a != b)
            return 0;
    }
    return 1;
}

/* The issuing context of the previous certificate of a batch: within one
 * read transaction a context never changes, and neighbouring numbers mostly
 * share one, so a batch reads each context once. */
typedef struct {
    sqlite3_int64 id; /* 0: none yet */
    char occupation[SC_OCCUPATION_CODE_SIZE];
    char occupation_name[SC_ORG_NAME_SIZE];
    char work_type[SC_WORK_TYPE_SIZE];
    int level;
    char org_name[SC_ORG_NAME_SIZE];
} verify_ctx;

static const char SQL_VERIFY_ROW[] =
    "SELECT holder, id_number, status, issued, revoked, context FROM certificate "
    "WHERE number = ?1";
static const char SQL_VERIFY_CONTEXT[] =
    "SELECT occupation, occupation_name, work_type, level, org_name FROM cert_context "
    "WHERE id = ?1";

static int load_context(sc_db *db, sqlite3_stmt *cst, sqlite3_int64 id, verify_ctx *ctx)
{
    const char *wt;
    int rc;
    sqlite3_bind_int64(cst, 1, id);
    rc = sqlite3_step(cst);
    if (rc != SQLITE_ROW) {
        rc = rc == SQLITE_DONE ? sc__error_set(SC_EDB, SC_DOMAIN_DB, "certificate context %lld "
                                               "is missing", (long long)id)
                               : sc__db_fail(db, rc, "reading a certificate context");
        sqlite3_reset(cst);
        ctx->id = 0;
        return rc;
    }
    ctx->id = id;
    col_copy(ctx->occupation, sizeof ctx->occupation, cst, 0);
    col_copy(ctx->occupation_name, sizeof ctx->occupation_name, cst, 1);
    wt = (const char *)sqlite3_column_text(cst, 2);
    sc__copy_text(ctx->work_type, sizeof ctx->work_type, wt && *wt ? wt : "--");
    ctx->level = sqlite3_column_int(cst, 3);
    col_copy(ctx->org_name, sizeof ctx->org_name, cst, 4);
    sqlite3_reset(cst);
    return SC_OK;
}

/* One lookup (no allocation). Single calls (ctx NULL): st is SQL_VERIFY,
 * the row joined with its context. Batches: st is SQL_VERIFY_ROW and the
 * context comes from ctx, read with cst when it changes. SC_OK or a store
 * error. */
static int verify_one(sc_db *db, sqlite3_stmt *st, sqlite3_stmt *cst, verify_ctx *ctx,
                      sc_verification *out, const char *number, const char *name,
                      const char *id_number)
{
    char num[SC_CERT_NUMBER_SIZE];
    const char *holder, *wt;
    int rc, status;

    SC__ZERO_KEEP_VERSION(out);
    if (!number || number_norm(number, num) != NULL) {
        if (!ctx)
            return number_arg(number, num);
        out->status = SC_VERIFY_MALFORMED;
        if (number)
            sc__copy_text(out->number, sizeof out->number, number);
        return SC_OK;
    }
    memcpy(out->number, num, sizeof num);
    sqlite3_bind_text(st, 1, num, 22, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        out->status = SC_VERIFY_NOT_FOUND;
        return SC_OK;
    }
    if (rc != SQLITE_ROW) {
        rc = sc__db_fail(db, rc, "verifying a certificate");
        sqlite3_reset(st);
        return rc;
    }
    holder = (const char *)sqlite3_column_text(st, 0);
    if (!name || !holder || strcmp(name, holder) != 0 ||
        (id_number && !same_id(id_number, (const char *)sqlite3_column_text(st, 1)))) {
        sqlite3_reset(st);
        out->status = SC_VERIFY_NAME_MISMATCH;
        return SC_OK;
    }
    status = sqlite3_column_int(st, 2);
    out->status = status == SC_CERT_PUBLISHED ? SC_VERIFY_VALID
                  : status == SC_CERT_REVOKED ? SC_VERIFY_REVOKED
                                              : SC_VERIFY_NOT_PUBLISHED;
    mask_name(out->masked_name, holder);
    mask_id(out->masked_id, (const char *)sqlite3_column_text(st, 1));
    if (!ctx) {
        col_copy(out->occupation, sizeof out->occupation, st, 3);
        col_copy(out->occupation_name, sizeof out->occupation_name, st, 4);
        wt = (const char *)sqlite3_column_text(st, 5);
        sc__copy_text(out->work_type, sizeof out->work_type, wt && *wt ? wt : "--");
        out->level = sqlite3_column_int(st, 6);
        col_copy(out->org_name, sizeof out->org_name, st, 7);
        col_copy(out->issued, sizeof out->issued, st, 8);
        col_copy(out->revoked, sizeof out->revoked, st, 9);
        sqlite3_reset(st);
        return SC_OK;
    }
    col_copy(out->issued, sizeof out->issued, st, 3);
    col_copy(out->revoked, sizeof out->revoked, st, 4);
    {
        sqlite3_int64 id = sqlite3_column_int64(st, 5);
        sqlite3_reset(st);
        if (id != ctx->id && (rc = load_context(db, cst, id, ctx)) != SC_OK)
            return rc;
    }
    memcpy(out->occupation, ctx->occupation, sizeof out->occupation);
    memcpy(out->occupation_name, ctx->occupation_name, sizeof out->occupation_name);
    memcpy(out->work_type, ctx->work_type, sizeof out->work_type);
    out->level = ctx->level;
    memcpy(out->org_name, ctx->org_name, sizeof out->org_name);
    return SC_OK;
}

/* Begin a read transaction unless one is open (a batch reads one snapshot).
 * *own = 1 when begun here. */
static int read_begin(sc_db *db, int *own)
{
    sqlite3_stmt *st;
    int rc;
    *own = 0;
    if (db->txn_depth > 0 || !sqlite3_get_autocommit(db->conn))
        return SC_OK;
    if ((rc = sc__db_stmt_get(db, SQL_READ_BEGIN, &st)) != SC_OK)
        return rc;
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "starting a read transaction");
    *own = 1;
    return SC_OK;
}

static int read_end(sc_db *db, int own, int rc)
{
    sqlite3_stmt *st;
    int step;
    if (!own)
        return rc;
    if (!(st = sc__db_stmt(db, SQL_READ_COMMIT))) {
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
        return rc != SC_OK ? rc : sc_error_last()->code;
    }
    step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        int code = sc__db_fail(db, step, "ending a read transaction");
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
        return rc != SC_OK ? rc : code;
    }
    return rc;
}

int sc_certificate_verify(sc_verification *out, sc_db *db, const char *number, const char *name,
                          const char *id_number)
{
    sqlite3_stmt *st;
    int rc;
    if (!out)
        return sc__error_null("sc_certificate_verify", "out");
    SC__VERSION_CHECK(out, "sc_verification", SC_VERIFICATION_VERSION);
    if (!db || db->closed) {
        SC__ZERO_KEEP_VERSION(out);
        return sc__db_check(db, "sc_certificate_verify", 0);
    }
    if (!name) {
        SC__ZERO_KEEP_VERSION(out);
        return sc__error_null("sc_certificate_verify", "name");
    }
    /* One statement: outside a transaction SQLite runs it in a read
     * transaction of its own (one snapshot), which costs less than an
     * explicit BEGIN ... COMMIT around it; inside the caller's transaction it
     * reads in that one. */
    if ((rc = sc__db_stmt_get(db, SQL_VERIFY, &st)) != SC_OK) {
        SC__ZERO_KEEP_VERSION(out);
        return rc;
    }
    return verify_one(db, st, NULL, NULL, out, number, name, id_number);
}

/* The batch is looked up in chunks, each in number order: neighbouring keys
 * share the upper pages of the b-tree, which then stay in the page cache. */
#define BATCH_CHUNK 512

typedef struct {
    const char *number;
    size_t index;
} batch_key;

static int batch_key_cmp(const void *a, const void *b)
{
    const char *x = ((const batch_key *)a)->number, *y = ((const batch_key *)b)->number;
    if (!x || !y)
        return (x != NULL) - (y != NULL);
    return strcmp(x, y);
}

int sc_certificate_batch_verify(sc_verification *out, sc_db *db, const char *const *numbers,
                                const char *const *names, const char *const *id_numbers, size_t n)
{
    batch_key keys[BATCH_CHUNK];
    verify_ctx ctx;
    sqlite3_stmt *st, *cst;
    size_t i, base;
    int rc = SC_OK, own;
    if (!out && n)
        return sc__error_null("sc_certificate_batch_verify", "out");
    if ((rc = sc__db_check(db, "sc_certificate_batch_verify", 0)) != SC_OK)
        return rc;
    if (n && (!numbers || !names))
        return sc__error_null("sc_certificate_batch_verify", numbers ? "names" : "numbers");
    for (i = 0; i < n; i++)
        SC__VERSION_CHECK(&out[i], "sc_verification", SC_VERIFICATION_VERSION);
    if (n == 0)
        return SC_OK;
    if ((rc = read_begin(db, &own)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_VERIFY_ROW, &st)) != SC_OK ||
        (rc = sc__db_stmt_get(db, SQL_VERIFY_CONTEXT, &cst)) != SC_OK)
        return read_end(db, own, rc);
    ctx.id = 0;
    for (base = 0; base < n && rc == SC_OK; base += BATCH_CHUNK) {
        size_t k = n - base < BATCH_CHUNK ? n - base : BATCH_CHUNK;
        for (i = 0; i < k; i++) {
            keys[i].number = numbers[base + i];
            keys[i].index = base + i;
        }
        qsort(keys, k, sizeof keys[0], batch_key_cmp);
        for (i = 0; i < k && rc == SC_OK; i++) {
            size_t j = keys[i].index;
            rc = verify_one(db, st, cst, &ctx, &out[j], numbers[j], names[j] ? names[j] : "",
                            id_numbers ? id_numbers[j] : NULL);
        }
    }
    return read_end(db, own, rc);
}

/* ---- statistics ----------------------------------------------------------------------------------- */

#define STATS_GROUPS (SC_STATS_OCCUPATION | SC_STATS_LEVEL | SC_STATS_DISTRICT | SC_STATS_ORG | \
                      SC_STATS_YEAR | SC_STATS_MONTH)

int sc_certificate_stats_iter_new(sc_cert_stats_iter **out, sc_db *db,
                                  const sc_cert_stats_query *q)
{
    sc_certificate_iter *rows = NULL;
    char sql[1024];
    const char *period;
    unsigned int flags;
    const char *from;
    const char *to;
    int rc, grouped;
    if (!out)
        return sc__error_null("sc_certificate_stats_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_CERT_STATS_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_cert_stats_query version %u is not known to this library",
                              q->version);
    flags = q ? q->flags : 0;
    from = q ? q->from : NULL;
    to = q ? q->to : NULL;
    grouped = (flags & STATS_GROUPS) != 0;
    if ((rc = sc__db_check(db, "sc_certificate_stats_iter_new", 0)) != SC_OK ||
        (from && (rc = sc__check_date(from, "from")) != SC_OK) ||
        (to && (rc = sc__check_date(to, "to")) != SC_OK))
        return rc;
    if (flags & ~(STATS_GROUPS | SC_STATS_PUBLISHED_ONLY))
        return bad("flags", "unknown statistics flags 0x%x",
                   flags & ~(STATS_GROUPS | SC_STATS_PUBLISHED_ONLY));
    period = (flags & SC_STATS_MONTH)  ? "substr(c.issued, 1, 7)"
             : (flags & SC_STATS_YEAR) ? "substr(c.issued, 1, 4)"
                                       : "''";
    /* Only fixed fragments are formatted in; the dates are bound. */
    snprintf(sql, sizeof sql,
             "SELECT %s, %s, %s, %s, %s, count(*) FROM certificate c "
             "JOIN cert_context x ON x.id = c.context JOIN org o ON o.id = x.org_id "
             "WHERE c.status IN (%s) AND (?1 IS NULL OR c.issued >= ?1) "
             "AND (?2 IS NULL OR c.issued <= ?2)%s",
             (flags & SC_STATS_OCCUPATION) ? "x.occupation" : "''",
             (flags & SC_STATS_LEVEL) ? "x.level" : "0",
             (flags & SC_STATS_DISTRICT) ? "x.district" : "''",
             (flags & SC_STATS_ORG) ? "o.credit_code" : "''", period,
             (flags & SC_STATS_PUBLISHED_ONLY) ? "3" : "2, 3",
             grouped ? " GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5" : "");
    if ((rc = cert_iter_make(&rows, db, sql, IT_STATS)) != SC_OK)
        return rc;
    sc__bind_text(rows->st, 1, from);
    sc__bind_text(rows->st, 2, to);
    *out = (sc_cert_stats_iter *)(void *)rows; /* rows is its first member */
    return SC_OK;
}

int sc_certificate_stats_iter_next(sc_cert_stats_row *out, sc_cert_stats_iter *wrapped)
{
    sc_certificate_iter *it = wrapped ? &wrapped->rows : NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_certificate_stats_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_cert_stats_row", SC_CERT_STATS_ROW_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = iter_step(it, IT_STATS, "sc_certificate_stats_iter_next")) != SC_OK)
        return rc;
    sc__copy_text(out->occupation, sizeof out->occupation, sc__col_text(it->st, 0));
    out->level = sqlite3_column_int(it->st, 1);
    sc__copy_text(out->district, sizeof out->district, sc__col_text(it->st, 2));
    sc__copy_text(out->credit_code, sizeof out->credit_code, sc__col_text(it->st, 3));
    sc__copy_text(out->period, sizeof out->period, sc__col_text(it->st, 4));
    out->count = sqlite3_column_int64(it->st, 5);
    return SC_OK;
}

void sc_cert_stats_iter_free(sc_cert_stats_iter *it)
{
    sc_certificate_iter_free(it ? &it->rows : NULL);
}

/* ---- certificates exchanged between registries (certificate_int.h) ----------------------- */

static const char SQL_COUNTER_AT_LEAST[] =
    "INSERT INTO cert_counter(org_id, site, year, level, next) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (org_id, site, year, level) DO UPDATE SET next = max(next, excluded.next)";
static const char SQL_CERT_INS_ISSUED[] =
    "INSERT INTO certificate(number, holder, id_number, status, issued, context) "
    "VALUES (?1, ?2, ?3, ?6, ?4, ?5)";
static const char SQL_RECORD_INS_ISSUED[] =
    "INSERT INTO certificate_record(number, id_type, session_id, id_number, certified, photo) "
    "VALUES (?1, 1, NULL, ?2, ?3, ?4)";

/* The site of a received number is the organization's (org.c keeps the sites). */
static int claim_site(sc_db *db, sqlite3_int64 org_id, int site, const char *num,
                      const char *date)
{
    char what[64];
    snprintf(what, sizeof what, "certificate %s", num);
    return sc__org_site_claim(db, org_id, site, what, "number", date);
}

static int same_content(const sc_certificate *have, const sc__cert_in *c, const char *idn)
{
    return !strcmp(have->credit_code, c->credit_code) && !strcmp(have->holder, c->holder) &&
           !strcmp(have->id_number, idn) && !strcmp(have->occupation, c->occupation) &&
           !strcmp(have->work_type, c->work_type[0] ? c->work_type : "--") &&
           have->level == c->level && !strcmp(have->certified, c->certified) &&
           (!have->issued[0] || !strcmp(have->issued, c->issued));
}

int sc__certificate_receive(sc_db *db, const sc__cert_in *c, int *status)
{
    char num[SC_CERT_NUMBER_SIZE], idn[19], occ_name[SC_ORG_NAME_SIZE] = "";
    sc_certificate have = SC_CERTIFICATE_INIT;
    sc_cert_number parts = SC_CERT_NUMBER_INIT;
    sc__org_row org;
    cert_row r;
    sc_org o = SC_ORG_INIT;
    new_cert nc;
    sqlite3_int64 context = 0;
    sqlite3_stmt *st;
    int rc, passed = 0;

    *status = 0;
    if ((rc = number_arg(c->number, num)) != SC_OK ||
        (rc = sc_certificate_number_parse(&parts, num)) != SC_OK)
        return rc;
    if ((rc = sc__id_number_norm(c->id_number, idn)) != SC_OK)
        return rc;
    if (parts.kind != 'S' || strcmp(parts.org_code, ORG_CODE_PROVINCE) ||
        strcmp(parts.province, PROVINCE_BEIJING))
        return constraint("number", "certificate %s is not numbered by an organization filed "
                          "with Beijing (S0000 11 ...)", num);
    if (parts.level != c->level)
        return constraint("level", "certificate %s is numbered for level %d, not %d", num,
                          parts.level, c->level);
    if (!sc__date_valid(c->certified) || !sc__date_valid(c->issued))
        return bad("certified", "certification and issue dates are YYYY-MM-DD");
    if (parts.year != (c->certified[2] - '0') * 10 + (c->certified[3] - '0'))
        return constraint("certified", "certificate %s is numbered in year %02d; it was not "
                          "certified on %s", num, parts.year, c->certified);
    if (strcmp(c->issued, c->certified) < 0)
        return constraint("issued", "certificate %s cannot be issued on %s, before its "
                          "certification on %s", num, c->issued, c->certified);
    rc = sc_certificate_get(&have, db, num);
    if (rc == SC_OK) {
        if (!same_content(&have, c, idn))
            return constraint("number", "certificate %s is recorded here with other content "
                              "(%s, %s, %s level %d, certified %s)", num, have.credit_code,
                              have.holder, have.occupation, have.level, have.certified);
        *status = have.status;
        if (have.status != SC_CERT_REPORTED)
            return SC_OK;
        /* reported here, issued there: the issue replayed, with its checks */
        if ((rc = cert_find(db, num, &r)) != SC_OK || (rc = issue_check(db, &r, num, c->issued)) != SC_OK)
            return rc;
        return issue_apply(db, num, c->photo, c->issued);
    }
    if (rc != SC_ENOTFOUND)
        return rc;
    if ((rc = sc__org_find(db, c->credit_code, &org)) != SC_OK)
        return rc;
    /* The report's checks (standing on the day certified) and the issue's (standing on
     * the day issued), as sc_certificate_report and sc_certificate_issue make them. */
    if ((rc = standing(db, org.code, c->occupation, c->work_type, c->level, SC_PATH_NORMAL,
                       c->certified, "certify", "occupation")) != SC_OK ||
        (rc = standing(db, org.code, c->occupation, c->work_type, c->level, SC_PATH_NORMAL,
                       c->issued, "issue a certificate of", "issued")) != SC_OK)
        return rc;
    /* 谁评价谁负责谁发证: a certificate stands on a result the organization recorded and
     * reported; the registry receiving it must hold that result (issue 11). */
    if ((rc = sc__result_passed(db, org.id, idn, c->occupation, c->work_type, c->level,
                                c->certified, &passed)) != SC_OK)
        return rc;
    if (!passed)
        return constraint("id_number", "certificate %s: this registry holds no passed result of "
                          "%s in a session of %s for %s%s%s level %d held by %s; import the "
                          "organization's results report (报备) of that session first", num, idn,
                          org.code, c->occupation, c->work_type[0] ? " / " : "", c->work_type,
                          c->level, c->certified);
    if ((rc = sc_org_get(&o, db, org.code, c->certified)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_OCC_NAME, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, c->occupation);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        sc__copy_text(occ_name, sizeof occ_name, sc__col_text(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the occupation");
    memset(&nc, 0, sizeof nc);
    nc.org_id = org.id;
    nc.occupation = c->occupation;
    nc.work_type = c->work_type;
    nc.level = c->level;
    if ((rc = claim_site(db, org.id, atoi(parts.site), num, c->certified)) != SC_OK ||
        (rc = context_of(db, &nc, &o, occ_name, &context)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_COUNTER_AT_LEAST, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, org.id);
    sqlite3_bind_int(st, 2, atoi(parts.site));
    sqlite3_bind_int(st, 3, parts.year);
    sqlite3_bind_int(st, 4, parts.level);
    sqlite3_bind_int(st, 5, parts.sequence);
    if ((rc = sc__db_exec_stmt(db, st, "advancing the certificate counter")) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_CERT_INS_ISSUED, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, num);
    sc__bind_text(st, 2, c->holder);
    sc__bind_text(st, 3, idn);
    sc__bind_text(st, 4, c->issued);
    sqlite3_bind_int64(st, 5, context);
    sqlite3_bind_int(st, 6, SC_CERT_ISSUED);
    if ((rc = sc__db_exec_stmt(db, st, "recording a certificate")) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_RECORD_INS_ISSUED, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, num);
    sc__bind_text(st, 2, idn);
    sc__bind_text(st, 3, c->certified);
    sc__bind_text(st, 4, c->photo && *c->photo ? c->photo : NULL);
    return sc__db_exec_stmt(db, st, "recording a certificate");
}

int sc__certificate_set_published(sc_db *db, const char *number, const char *date)
{
    char num[SC_CERT_NUMBER_SIZE];
    cert_row r;
    int rc;
    if ((rc = number_arg(number, num)) != SC_OK || (rc = cert_find(db, num, &r)) != SC_OK)
        return rc;
    if (r.status == SC_CERT_PUBLISHED && !strcmp(r.published, date))
        return SC_OK; /* replayed before: the same act */
    if ((rc = publish_check(&r, num, date)) != SC_OK)
        return rc;
    return publish_apply(db, num, date);
}

int sc__certificate_set_revoked(sc_db *db, const char *number, const char *reason,
                                const char *date)
{
    char num[SC_CERT_NUMBER_SIZE];
    cert_row r;
    int rc;
    if ((rc = number_arg(number, num)) != SC_OK || (rc = cert_find(db, num, &r)) != SC_OK)
        return rc;
    if (r.status == SC_CERT_REVOKED && !strcmp(r.revoked, date) &&
        !strcmp(r.revoke_reason, reason))
        return SC_OK; /* replayed before: the same act */
    if ((rc = revoke_check(&r, num, date)) != SC_OK)
        return rc;
    return revoke_apply(db, num, reason, date);
}

int sc_certificate_site_get(int *site, sc_db *db, const char *credit_code)
{
    sc__org_row org;
    int rc;
    if (!site)
        return sc__error_null("sc_certificate_site_get", "site");
    *site = 0;
    if ((rc = sc__db_check(db, "sc_certificate_site_get", 0)) != SC_OK ||
        (rc = sc__org_find(db, credit_code, &org)) != SC_OK)
        return rc;
    if ((rc = sc__org_site_get(db, org.id, site)) != SC_OK || *site)
        return rc;
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "%s has no certificate site yet: it is "
                  "given when the organization is filed", org.code);
    sc__error_set_field("credit_code");
    return SC_ENOTFOUND;
}
