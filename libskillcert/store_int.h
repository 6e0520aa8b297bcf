/*
 * The store: SQLite connection, statement cache, transactions, migrations.
 * It knows no domain word; domain modules bring their own SQL.
 */
#ifndef SC_STORE_INT_H
#define SC_STORE_INT_H

#include <sqlite3.h>
#include "sc_int.h"

#define SC__APPLICATION_ID 0x53434552 /* 'SCER' */

typedef struct sc__stmt_slot {
    const char *sql;      /* identity: static string literal */
    sqlite3_stmt *stmt;
} sc__stmt_slot;

struct sc_db {
    sqlite3 *conn;
    char *path;
    int refs;             /* the caller's handle + each live child */
    int closed;           /* sc_db_close was called */
    int readonly;
    int txn_depth;
    int schema_version;
    sc__stmt_slot *stmts;
    size_t nstmts, capstmts;
};

/* One migration: SQL run inside the migration transaction. */
typedef struct sc__migration {
    int version;
    const char *description;
    const char *sql;
} sc__migration;

extern const sc__migration sc__migrations[];
extern const size_t sc__migration_count;

/* Reference counting for children that outlive the caller's handle. */
void sc__db_ref(sc_db *db);
void sc__db_unref(sc_db *db);

/* A cached prepared statement for a static SQL string, reset and unbound.
 * NULL on failure (error recorded). Do not finalize. */
sqlite3_stmt *sc__db_stmt(sc_db *db, const char *sql);
/* The same, as a status: SC_OK with *out the cached statement, or the status
 * of the failure (error recorded) with *out NULL. Use it instead of testing the
 * pointer and then reading sc_error_last()->code. */
int sc__db_stmt_get(sc_db *db, const char *sql, sqlite3_stmt **out);
/* Prepare a new statement the caller owns (for iterators). */
int sc__db_prepare(sc_db *db, const char *sql, sqlite3_stmt **out);

/* One generic row iterator: a statement the iterator owns, a reference on
 * its db, and a kind tag so that a public iterator handle of one list is
 * refused by another list's _next. A module's iterator struct embeds it as
 * its first member. */
typedef struct sc__rows {
    sc_db *db;
    sqlite3_stmt *st;
    int kind;
    int done; /* SQLITE_DONE seen: stay over (a step would restart the query) */
} sc__rows;
/* Allocate `size` bytes (a struct whose first member is sc__rows), prepare
 * `sql` on db and take a reference: SC_OK, SC_ENOMEM, SC_EDB. The caller
 * binds (*out)->st. */
int sc__rows_new(sc__rows **out, size_t size, sc_db *db, const char *sql, int kind);
/* Step: SC_OK (a row in r->st), SC_ITEROVER (then always), SC_EINVAL (NULL,
 * or another kind; `func` names the public call), SC_EDB. */
int sc__rows_step(sc__rows *r, int kind, const char *func);
/* Finalize, drop the reference, free. NULL: no-op. */
void sc__rows_free(sc__rows *r);

/* Record a SQLite failure and return the mapped status. */
int sc__db_fail(sc_db *db, int rc, const char *what);

/* Transactions (nest with savepoints). Begin takes the write lock at once. */
int sc__db_begin(sc_db *db);
int sc__db_commit(sc_db *db);
void sc__db_rollback(sc_db *db);

/* Step a statement expected to finish with SQLITE_DONE. */
int sc__db_exec_stmt(sc_db *db, sqlite3_stmt *st, const char *what);
/* Run SQL with no parameters (schema and pragmas only). */
int sc__db_exec(sc_db *db, const char *sql, const char *what);

/* Bind helpers: NULL text binds SQL NULL. */
int sc__bind_text(sqlite3_stmt *st, int i, const char *s);
/* Column text or NULL. */
const char *sc__col_text(sqlite3_stmt *st, int i);

/* Checks a db argument (non-NULL, not closed, writable when write). */
int sc__db_check(const sc_db *db, const char *func, int write);

#endif
