/*
 * The audit trail: hash-chained entries appended in the transaction of each
 * change, and the verification that names the first entry tampered with.
 */
#include "audit_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>

#define HASH_LEN 32

static int sodium_ready(void)
{
    if (sodium_init() < 0)
        return sc__error_set(SC_ERROR, SC_DOMAIN_OS, "libsodium failed to initialise");
    return SC_OK;
}

static void put_field(crypto_hash_sha256_state *h, const char *s)
{
    unsigned char len[4];
    uint32_t n = s ? (uint32_t)strlen(s) : 0xFFFFFFFFu;
    len[0] = (unsigned char)(n >> 24);
    len[1] = (unsigned char)(n >> 16);
    len[2] = (unsigned char)(n >> 8);
    len[3] = (unsigned char)n;
    crypto_hash_sha256_update(h, len, 4);
    if (s)
        crypto_hash_sha256_update(h, (const unsigned char *)s, strlen(s));
}

/* hash = SHA-256(prev || F(at) || F(actor) || F(entity) || F(entity_id) || F(action) || F(detail)) */
static void entry_hash(unsigned char out[HASH_LEN], const unsigned char prev[HASH_LEN],
                       const char *at, const char *actor, const char *entity,
                       const char *entity_id, const char *action, const char *detail)
{
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, prev, HASH_LEN);
    put_field(&h, at);
    put_field(&h, actor);
    put_field(&h, entity);
    put_field(&h, entity_id);
    put_field(&h, action);
    put_field(&h, detail);
    crypto_hash_sha256_final(&h, out);
}

static void now_utc(char buf[SC_AUDIT_TIME_SIZE])
{
    time_t t = time(NULL);
    struct tm tmv;
#if defined(_WIN32)
    gmtime_s(&tmv, &t);
#else
    gmtime_r(&t, &tmv);
#endif
    if (strftime(buf, SC_AUDIT_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tmv) == 0)
        snprintf(buf, SC_AUDIT_TIME_SIZE, "1970-01-01T00:00:00Z");
}

static const char SQL_HEAD[] = "SELECT seq, at, hash FROM audit_head WHERE id = 1";
static const char SQL_INSERT[] =
    "INSERT INTO audit(seq, at, actor, entity, entity_id, action, detail, prev_hash, hash) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_SET_HEAD[] =
    "INSERT OR REPLACE INTO audit_head(id, seq, at, hash) VALUES (1, ?1, ?2, ?3)";

static int append(sc_db *db, const sc_actor *actor, const char *entity, const char *entity_id,
                  const char *action, const char *detail)
{
    unsigned char prev[HASH_LEN], hash[HASH_LEN];
    char at[SC_AUDIT_TIME_SIZE], last_at[SC_AUDIT_TIME_SIZE] = "", who[SC_AUDIT_ACTOR_SIZE];
    sqlite3_int64 seq = 0;
    sqlite3_stmt *st;
    int rc;

    if (db->txn_depth <= 0)
        return sc__error_set(SC_ERROR, SC_DOMAIN_DB, "audit: append outside a transaction");
    if ((rc = sodium_ready()) != SC_OK)
        return rc;
    memset(prev, 0, sizeof prev);
    if (!(st = sc__db_stmt(db, SQL_HEAD)))
        return sc_error_last()->code;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        seq = sqlite3_column_int64(st, 0);
        sc__copy_text(last_at, sizeof last_at, sc__col_text(st, 1));
        if (sqlite3_column_bytes(st, 2) == HASH_LEN)
            memcpy(prev, sqlite3_column_blob(st, 2), HASH_LEN);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the audit head");

    /* Times never go back along the chain, whatever the clock does. */
    now_utc(at);
    if (strcmp(at, last_at) < 0)
        snprintf(at, sizeof at, "%s", last_at);
    if (actor && actor->name && *actor->name)
        snprintf(who, sizeof who, "%s (%s)", actor->label, actor->name);
    else
        snprintf(who, sizeof who, "%s", actor ? actor->label : "system");
    entry_hash(hash, prev, at, who, entity, entity_id, action, detail);

    if (!(st = sc__db_stmt(db, SQL_INSERT)))
        return sc_error_last()->code;
    sqlite3_bind_int64(st, 1, seq + 1);
    sc__bind_text(st, 2, at);
    sc__bind_text(st, 3, who);
    sc__bind_text(st, 4, entity);
    sc__bind_text(st, 5, entity_id);
    sc__bind_text(st, 6, action);
    sc__bind_text(st, 7, detail);
    sqlite3_bind_blob(st, 8, prev, HASH_LEN, SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 9, hash, HASH_LEN, SQLITE_TRANSIENT);
    if ((rc = sc__db_exec_stmt(db, st, "appending to the audit trail")) != SC_OK)
        return rc;
    if (!(st = sc__db_stmt(db, SQL_SET_HEAD)))
        return sc_error_last()->code;
    sqlite3_bind_int64(st, 1, seq + 1);
    sc__bind_text(st, 2, at);
    sqlite3_bind_blob(st, 3, hash, HASH_LEN, SQLITE_TRANSIENT);
    return sc__db_exec_stmt(db, st, "moving the audit head");
}

int sc__audit_append(sc_db *db, const sc_actor *actor, const char *entity,
                     const char *entity_id, const char *action, const char *fmt, ...)
{
    char tmp[SC_AUDIT_DETAIL_SIZE * 2], detail[SC_AUDIT_DETAIL_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    sc__copy_text(detail, sizeof detail, tmp);
    return append(db, actor, entity, entity_id ? entity_id : "", action, detail);
}

int sc__audit_import(sc_db *db, const sc_actor *actor, const sc_actor *issuer,
                     const char *doctype, const char *batch_id, uint64_t records,
                     const char *signer_fp)
{
    char id[SC_AUDIT_ID_SIZE];
    snprintf(id, sizeof id, "%s:%s", doctype ? doctype : "?", batch_id ? batch_id : "");
    /* The acts are the issuer's; the entry's actor is the receiver that imported them. */
    return sc__audit_append(db, actor, "batch", id, "xml.import",
                            "doctype=%s batch=%s signer=%s records=%llu issuer=%s "
                            "receiver=%s",
                            doctype ? doctype : "?", batch_id ? batch_id : "",
                            signer_fp && *signer_fp ? signer_fp : "-",
                            (unsigned long long)records,
                            issuer ? sc_actor_label(issuer) : "-",
                            actor ? sc_actor_label(actor) : "-");
}

/* ---- verification ---- */

const char *sc_audit_problem_name(int problem)
{
    switch (problem) {
    case SC_AUDIT_INTACT: return "intact";
    case SC_AUDIT_EDITED: return "edited";
    case SC_AUDIT_REMOVED: return "removed";
    case SC_AUDIT_REORDERED: return "reordered";
    default: return "unknown";
    }
}

static void bad(sc_audit_result *out, int problem, int64_t seq, const char *fmt, ...)
    SC__PRINTF(4, 5);
static void bad(sc_audit_result *out, int problem, int64_t seq, const char *fmt, ...)
{
    va_list ap;
    out->ok = 0;
    out->problem = problem;
    out->first_bad_seq = seq;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);
}

/* "entry 3 was removed" / "entries 3-5 were removed" */
static void removed(sc_audit_result *out, sqlite3_int64 first, sqlite3_int64 last)
{
    if (last <= first)
        bad(out, SC_AUDIT_REMOVED, first, "entry %lld was removed", (long long)first);
    else
        bad(out, SC_AUDIT_REMOVED, first, "entries %lld-%lld were removed", (long long)first,
            (long long)last);
}

static const char SQL_ALL[] =
    "SELECT seq, at, actor, entity, entity_id, action, detail, prev_hash, hash "
    "FROM audit ORDER BY seq";
static const char SQL_BY_HASH[] = "SELECT seq FROM audit WHERE hash = ?1 ORDER BY seq LIMIT 1";

/* The seq of the entry whose hash is h, or 0. */
static int seq_of_hash(sc_db *db, const unsigned char *h, sqlite3_int64 *out)
{
    sqlite3_stmt *st = sc__db_stmt(db, SQL_BY_HASH);
    int rc;
    *out = 0;
    if (!st)
        return sc_error_last()->code;
    sqlite3_bind_blob(st, 1, h, HASH_LEN, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the audit trail");
    return SC_OK;
}

static const char SQL_COUNTS[] =
    "SELECT (SELECT seq FROM audit_head WHERE id = 1), (SELECT count(*) FROM audit)";

/* *out = 1 when the trail holds fewer entries than the library wrote. */
static int fewer_than_written(sc_db *db, sqlite3_int64 *out)
{
    sqlite3_stmt *st = sc__db_stmt(db, SQL_COUNTS);
    int rc;
    *out = 0;
    if (!st)
        return sc_error_last()->code;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *out = sqlite3_column_int64(st, 0) > sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return sc__db_fail(db, rc, "reading the audit head");
    return SC_OK;
}

/* Walk the chain; stops at the first problem (recorded in out). */
static int walk(sc_audit_result *out, sc_db *db, sqlite3_stmt *st, sqlite3_int64 *last_seq,
                unsigned char last_hash[HASH_LEN])
{
    unsigned char prev[HASH_LEN], h[HASH_LEN];
    char prev_at[SC_AUDIT_TIME_SIZE] = "";
    sqlite3_int64 prev_seq = 0;
    int rc;

    memset(prev, 0, sizeof prev);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 seq = sqlite3_column_int64(st, 0);
        const char *at = sc__col_text(st, 1);
        const unsigned char *ph = sqlite3_column_blob(st, 7);
        int phn = sqlite3_column_bytes(st, 7);
        const unsigned char *hh = sqlite3_column_blob(st, 8);
        int hhn = sqlite3_column_bytes(st, 8);

        out->entries++;
        if (phn != HASH_LEN || hhn != HASH_LEN) {
            bad(out, SC_AUDIT_EDITED, seq, "entry %lld was edited: its hashes are not 32 bytes",
                (long long)seq);
            return SC_OK;
        }
        entry_hash(h, ph, at, sc__col_text(st, 2), sc__col_text(st, 3), sc__col_text(st, 4),
                   sc__col_text(st, 5), sc__col_text(st, 6));
        if (sodium_memcmp(h, hh, HASH_LEN) != 0) {
            bad(out, SC_AUDIT_EDITED, seq,
                "entry %lld was edited: its content does not match its hash", (long long)seq);
            return SC_OK;
        }
        if (sodium_memcmp(ph, prev, HASH_LEN) != 0) {
            sqlite3_int64 other;
            if (seq != prev_seq + 1) {
                removed(out, prev_seq + 1, seq - 1);
                size_t n = strlen(out->message);
                snprintf(out->message + n, sizeof out->message - n,
                         ": entry %lld follows entry %lld", (long long)seq, (long long)prev_seq);
                return SC_OK;
            }
            if ((rc = seq_of_hash(db, ph, &other)) != SC_OK)
                return rc;
            if (other != 0 && other != seq) {
                bad(out, SC_AUDIT_REORDERED, seq,
                    "entry %lld was reordered: it follows entry %lld in the chain, not entry %lld",
                    (long long)seq, (long long)other, (long long)prev_seq);
                return SC_OK;
            }
            if (prev_seq == 0) {
                bad(out, SC_AUDIT_REMOVED, 1,
                    "the first entries were removed: entry %lld does not start the chain",
                    (long long)seq);
                return SC_OK;
            }
            /* Entry prev_seq was replaced, or an entry after it was removed and
             * the rest renumbered: the head, which counts entries, tells. */
            if ((rc = fewer_than_written(db, &other)) != SC_OK)
                return rc;
            if (other) {
                bad(out, SC_AUDIT_REMOVED, seq,
                    "an entry between entries %lld and %lld was removed and the later entries "
                    "renumbered: entry %lld links to an entry that is gone",
                    (long long)prev_seq, (long long)seq, (long long)seq);
                return SC_OK;
            }
            bad(out, SC_AUDIT_EDITED, prev_seq,
                "entry %lld was edited: entry %lld links to a different version of it",
                (long long)prev_seq, (long long)seq);
            return SC_OK;
        }
        if (seq != prev_seq + 1) {
            bad(out, SC_AUDIT_EDITED, seq, "entry %lld was edited: it was numbered %lld",
                (long long)seq, (long long)(prev_seq + 1));
            return SC_OK;
        }
        if (strcmp(at ? at : "", prev_at) < 0) {
            bad(out, SC_AUDIT_REORDERED, seq,
                "entry %lld was reordered: its time %s is before entry %lld's %s", (long long)seq,
                at ? at : "", (long long)prev_seq, prev_at);
            return SC_OK;
        }
        memcpy(prev, hh, HASH_LEN);
        sc__copy_text(prev_at, sizeof prev_at, at);
        prev_seq = seq;
    }
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the audit trail");
    *last_seq = prev_seq;
    memcpy(last_hash, prev, HASH_LEN);
    return SC_OK;
}

static int verify_chain(sc_audit_result *out, sc_db *db);

int sc_audit_verify(sc_audit_result *out, sc_db *db)
{
    int rc, own;
    if (!out)
        return sc__error_null("sc_audit_verify", "out");
    SC__VERSION_CHECK(out, "sc_audit_result", SC_AUDIT_RESULT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    out->ok = 1;
    if ((rc = sc__db_check(db, "sc_audit_verify", 0)) != SC_OK)
        return rc;
    /* One read transaction: the chain and its head from the same snapshot,
     * or an entry appended by another connection between the two reads
     * looks like a removed one. */
    own = db->txn_depth == 0 && sqlite3_get_autocommit(db->conn);
    if (own && (rc = sc__db_exec(db, "BEGIN", "starting a read transaction")) != SC_OK)
        return rc;
    rc = verify_chain(out, db);
    if (own)
        sqlite3_exec(db->conn, "COMMIT", NULL, NULL, NULL);
    return rc;
}

static int verify_chain(sc_audit_result *out, sc_db *db)
{
    unsigned char last_hash[HASH_LEN], head_hash[HASH_LEN];
    sqlite3_int64 last_seq = 0, head_seq = 0;
    sqlite3_stmt *st = NULL;
    int rc, have_head = 0;

    if ((rc = sodium_ready()) != SC_OK)
        return rc;
    /* Its own statement: walk() uses cached ones meanwhile. */
    if ((rc = sc__db_prepare(db, SQL_ALL, &st)) != SC_OK)
        return rc;
    rc = walk(out, db, st, &last_seq, last_hash);
    sqlite3_finalize(st);
    if (rc != SC_OK || !out->ok)
        return rc;

    if (!(st = sc__db_stmt(db, SQL_HEAD)))
        return sc_error_last()->code;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        have_head = 1;
        head_seq = sqlite3_column_int64(st, 0);
        memset(head_hash, 0, sizeof head_hash);
        if (sqlite3_column_bytes(st, 2) == HASH_LEN)
            memcpy(head_hash, sqlite3_column_blob(st, 2), HASH_LEN);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "reading the audit head");
    if (!have_head) {
        if (last_seq != 0)
            bad(out, SC_AUDIT_EDITED, last_seq,
                "the audit head is missing: entries 1-%lld were not all written by the library",
                (long long)last_seq);
        return SC_OK;
    }
    if (head_seq > last_seq) {
        size_t n;
        removed(out, last_seq + 1, head_seq);
        n = strlen(out->message);
        snprintf(out->message + n, sizeof out->message - n,
                 ": the trail ends at entry %lld, the library wrote %lld", (long long)last_seq,
                 (long long)head_seq);
        return SC_OK;
    }
    if (head_seq < last_seq) {
        bad(out, SC_AUDIT_EDITED, head_seq + 1,
            "entry %lld was added outside the library: the library wrote %lld entries",
            (long long)(head_seq + 1), (long long)head_seq);
        return SC_OK;
    }
    if (sodium_memcmp(head_hash, last_hash, HASH_LEN) != 0)
        bad(out, SC_AUDIT_EDITED, last_seq,
            "entry %lld was edited: it is not the entry the library wrote last",
            (long long)last_seq);
    return SC_OK;
}

/* ---- iteration ---- */

struct sc_audit_iter {
    sc_db *db;
    sqlite3_stmt *st;
    int done;
};

static const char SQL_ITER[] =
    "SELECT seq, at, actor, entity, entity_id, action, detail, hex(prev_hash), hex(hash) "
    "FROM audit WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2) "
    "ORDER BY seq";

int sc_audit_iter_new(sc_audit_iter **out, sc_db *db, const sc_audit_query *q)
{
    sc_audit_iter *it;
    const char *entity, *entity_id;
    int rc;
    if (!out)
        return sc__error_null("sc_audit_iter_new", "out");
    *out = NULL;
    if (q && q->version != SC_AUDIT_QUERY_VERSION)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                              "sc_audit_query version %u is not known to this library",
                              q->version);
    entity = q ? q->entity : NULL;
    entity_id = q ? q->entity_id : NULL;
    if ((rc = sc__db_check(db, "sc_audit_iter_new", 0)) != SC_OK ||
        (rc = sc__check_text(entity, "entity", 64, 0)) != SC_OK ||
        (rc = sc__check_text(entity_id, "entity_id", 160, 0)) != SC_OK)
        return rc;
    it = sc__calloc(1, sizeof(*it));
    if (!it)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an iterator");
    if ((rc = sc__db_prepare(db, SQL_ITER, &it->st)) != SC_OK) {
        free(it);
        return rc;
    }
    sc__bind_text(it->st, 1, entity);
    sc__bind_text(it->st, 2, entity_id);
    it->db = db;
    sc__db_ref(db);
    *out = it;
    return SC_OK;
}

static void lower_hex(char *dst, size_t cap, const char *src)
{
    size_t i;
    sc__copy_text(dst, cap, src);
    for (i = 0; dst[i]; i++)
        if (dst[i] >= 'A' && dst[i] <= 'F')
            dst[i] = (char)(dst[i] - 'A' + 'a');
}

int sc_audit_iter_next(sc_audit_entry *out, sc_audit_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_audit_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_audit_entry", SC_AUDIT_ENTRY_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!it)
        return sc__error_null("sc_audit_iter_next", "it");
    if (it->done)
        return SC_ITEROVER;
    rc = sqlite3_step(it->st);
    if (rc == SQLITE_DONE) {
        it->done = 1;
        return SC_ITEROVER;
    }
    if (rc != SQLITE_ROW)
        return sc__db_fail(it->db, rc, "iterating the audit trail");
    out->seq = sqlite3_column_int64(it->st, 0);
    sc__copy_text(out->at, sizeof out->at, sc__col_text(it->st, 1));
    sc__copy_text(out->actor, sizeof out->actor, sc__col_text(it->st, 2));
    sc__copy_text(out->entity, sizeof out->entity, sc__col_text(it->st, 3));
    sc__copy_text(out->entity_id, sizeof out->entity_id, sc__col_text(it->st, 4));
    sc__copy_text(out->action, sizeof out->action, sc__col_text(it->st, 5));
    sc__copy_text(out->detail, sizeof out->detail, sc__col_text(it->st, 6));
    lower_hex(out->prev_hash, sizeof out->prev_hash, sc__col_text(it->st, 7));
    lower_hex(out->hash, sizeof out->hash, sc__col_text(it->st, 8));
    return SC_OK;
}

void sc_audit_iter_free(sc_audit_iter *it)
{
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sc__db_unref(it->db);
    free(it);
}
