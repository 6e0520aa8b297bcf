/*
 * fuzz_import — validate and import of every exchange document type.
 *
 * Input: the first byte picks who imports (city bureau, city centre, the
 * district 海淀区, the filed organization); the rest is the document, whose
 * root element picks its type. Asserted on every input:
 *   - validate and import agree: what validate refuses, import refuses;
 *   - a refused import changes nothing (rows of every table, the audit head);
 *   - an accepted import leaves the audit chain intact (sc_audit_verify).
 * The registry (the notice's catalog and the default eligibility rules) is
 * made once and reused; accepted imports accumulate in it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <skillcert.h>
#include "store_int.h"

#define ORG "91110108MA01ABCD2H"

static sc_db *db;
static sc_actor *actors[4];
static sc_report *rep;
static char *fingerprint_sql;

static void die(const char *what)
{
    fprintf(stderr, "fuzz_import: %s: %s\n", what, sc_error_last()->message);
    abort();
}

/* One statement summing the rows of every table, and the audit head. */
static void make_fingerprint_sql(void)
{
    sqlite3_stmt *st;
    size_t cap = 1 << 16, len = 0;
    fingerprint_sql = malloc(cap);
    len += (size_t)snprintf(fingerprint_sql, cap, "SELECT 0");
    if (sqlite3_prepare_v2(db->conn,
                           "SELECT name FROM sqlite_master WHERE type = 'table' "
                           "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                           -1, &st, NULL) != SQLITE_OK)
        abort();
    while (sqlite3_step(st) == SQLITE_ROW && len + 256 < cap)
        len += (size_t)snprintf(fingerprint_sql + len, cap - len,
                                " || ',' || (SELECT count(*) FROM \"%s\")",
                                (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    snprintf(fingerprint_sql + len, cap - len,
             " || ',' || coalesce((SELECT hex(hash) FROM audit ORDER BY seq DESC LIMIT 1), '')");
}

static char *fingerprint(void)
{
    sqlite3_stmt *st;
    char *out;
    if (sqlite3_prepare_v2(db->conn, fingerprint_sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        abort();
    out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

static void setup(void)
{
    sc_actor *city;
    if (sc_db_open(&db, ":memory:", NULL) != SC_OK)
        die("open");
    if (sc_actor_new(&city, SC_ACTOR_CITY_BUREAU, NULL, "fuzz") != SC_OK)
        die("actor");
    if (sc_catalog_load_notice(db, city) != SC_OK)
        die("catalog");
    /* A development registry: the inputs are unsigned, and the engine behind the
     * signature check (parsing, validation, the handlers) is what is fuzzed. */
    if (sc_pki_development_set(db, city, 1) != SC_OK)
        die("development");
    if (sc_eligibility_load_defaults(NULL, db, city) != SC_OK)
        die("rules");
    actors[0] = city;
    if (sc_actor_new(&actors[1], SC_ACTOR_CITY_CENTRE, NULL, "fuzz") != SC_OK ||
        sc_actor_new(&actors[2], SC_ACTOR_DISTRICT, "110108", "fuzz") != SC_OK ||
        sc_actor_new(&actors[3], SC_ACTOR_ORGANIZATION, ORG, "fuzz") != SC_OK)
        die("actors");
    if (sc_report_new(&rep) != SC_OK)
        die("report");
    make_fingerprint_sql();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const sc_actor *actor;
    const char *doc;
    sc_import_result r = SC_IMPORT_RESULT_INIT;
    int vrc, irc, doctype = 0;
    char *before, *after;

    if (!db)
        setup();
    if (size < 1)
        return 0;
    actor = actors[data[0] % 4];
    doc = (const char *)data + 1;
    size -= 1;

    sc_report_clear(rep);
    vrc = sc_xml_validate_memory(&doctype, rep, doc, size, "fuzz.xml", NULL);
    before = fingerprint();
    sc_report_clear(rep);
    irc = sc_xml_import_memory(&r, db, actor, doc, size, "fuzz.xml", NULL, rep);
    after = fingerprint();
    if (vrc != SC_OK && irc == SC_OK) {
        fprintf(stderr, "validate refused (%d) what import accepted\n", vrc);
        abort();
    }
    if (irc != SC_OK || r.already_imported) {
        if (strcmp(before, after) != 0) {
            fprintf(stderr, "a refused import changed the registry:\n  %s\n  %s\n", before,
                    after);
            abort();
        }
    } else {
        sc_audit_result a = SC_AUDIT_RESULT_INIT;
        if (sc_audit_verify(&a, db) != SC_OK || !a.ok) {
            fprintf(stderr, "an accepted import broke the audit chain: %s\n", a.message);
            abort();
        }
    }
    free(before);
    free(after);
    return 0;
}
