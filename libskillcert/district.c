/*
 * Beijing's district-level units, as data in the registry (migration 2).
 */
#include "org_int.h"

#include <stdlib.h>
#include <string.h>

#define DISTRICT_COLS "d.code, d.gb_code, d.zone, d.name, d.name_en, d.bureau"

static const char SQL_LOOKUP[] =
    "SELECT " DISTRICT_COLS " FROM district d WHERE d.code = upper(?1) OR d.name = ?1 "
    "UNION ALL SELECT " DISTRICT_COLS " FROM district_alias a JOIN district d ON d.code = a.code "
    "WHERE a.alias = ?1 LIMIT 1";

static void fill(sc_district *out, sqlite3_stmt *st)
{
    SC__ZERO_KEEP_VERSION(out);
    sc__copy_text(out->code, sizeof out->code, sc__col_text(st, 0));
    sc__copy_text(out->gb_code, sizeof out->gb_code, sc__col_text(st, 1));
    sc__copy_text(out->zone, sizeof out->zone, sc__col_text(st, 2));
    sc__copy_text(out->name, sizeof out->name, sc__col_text(st, 3));
    sc__copy_text(out->name_en, sizeof out->name_en, sc__col_text(st, 4));
    sc__copy_text(out->bureau, sizeof out->bureau, sc__col_text(st, 5));
}

/* Trim blanks into buf; SC_EINVAL when empty or too long. */
static int trimmed(const char *text, const char *what, char *buf, size_t cap)
{
    size_t n;
    int rc;
    if ((rc = sc__check_text(text, what, 256, 1)) != SC_OK)
        return rc;
    while (*text == ' ' || *text == '\t')
        text++;
    n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    if (n == 0 || n >= cap) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s '%.40s' is not a district code or name", what,
                      text);
        sc__error_set_field(what);
        return SC_EINVAL;
    }
    memcpy(buf, text, n);
    buf[n] = '\0';
    return SC_OK;
}

static int lookup(sc_district *out, sc_db *db, const char *text, const char *what)
{
    char key[SC_DISTRICT_NAME_SIZE];
    sqlite3_stmt *st;
    int rc;
    if ((rc = trimmed(text, what, key, sizeof key)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_LOOKUP, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        fill(out, st);
        sqlite3_reset(st);
        return SC_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "looking up a district");
    sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES,
                  "'%.40s' is not a Beijing district (110101-110119, or 110115-BDA for "
                  "北京经济技术开发区)", key);
    sc__error_set_field(what);
    return SC_ENOTFOUND;
}

int sc__district_resolve(sc_db *db, const char *text, const char *what,
                         char out[SC_DISTRICT_CODE_SIZE])
{
    sc_district d = SC_DISTRICT_INIT;
    int rc = lookup(&d, db, text, what);
    out[0] = '\0';
    if (rc == SC_OK)
        sc__copy_text(out, SC_DISTRICT_CODE_SIZE, d.code);
    return rc;
}

int sc_district_lookup(sc_district *out, sc_db *db, const char *code)
{
    int rc;
    if (!out)
        return sc__error_null("sc_district_lookup", "out");
    SC__VERSION_CHECK(out, "sc_district", SC_DISTRICT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__db_check(db, "sc_district_lookup", 0)) != SC_OK)
        return rc;
    return lookup(out, db, code, "district");
}

/* The store's generic row iterator. */
struct sc_district_iter {
    sc__rows r;
};

static const char SQL_ALL[] = "SELECT " DISTRICT_COLS " FROM district d ORDER BY d.ordinal";

int sc_district_iter_new(sc_district_iter **out, sc_db *db)
{
    sc__rows *r = NULL;
    int rc;
    if (!out)
        return sc__error_null("sc_district_iter_new", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_district_iter_new", 0)) != SC_OK ||
        (rc = sc__rows_new(&r, sizeof(sc_district_iter), db, SQL_ALL, 0)) != SC_OK)
        return rc;
    *out = (sc_district_iter *)(void *)r; /* r is its first member */
    return SC_OK;
}

int sc_district_iter_next(sc_district *out, sc_district_iter *it)
{
    int rc;
    if (!out)
        return sc__error_null("sc_district_iter_next", "out");
    SC__VERSION_CHECK(out, "sc_district", SC_DISTRICT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if ((rc = sc__rows_step(it ? &it->r : NULL, 0, "sc_district_iter_next")) != SC_OK)
        return rc;
    fill(out, it->r.st);
    return SC_OK;
}

void sc_district_iter_free(sc_district_iter *it)
{
    if (it)
        sc__rows_free(&it->r);
}
