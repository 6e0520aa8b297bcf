/*
 * Private declarations shared by the library's source files. Never installed.
 */
#ifndef SC_INT_H
#define SC_INT_H

#include "config.h"
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "skillcert.h"

#if defined(__GNUC__)
#  define SC__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#  define SC__PRINTF(a, b)
#endif

/* ---- errors (error.c) ---- */
/* Record a failure on this thread and return code (for `return sc__error_set(...)`). */
int sc__error_set(int code, int domain, const char *fmt, ...) SC__PRINTF(3, 4);
/* Same, with a position and field. Any of source/field may be NULL. */
int sc__error_set_at(int code, int domain, const char *source, int line, int column,
                     const char *field, int cause, const char *fmt, ...) SC__PRINTF(8, 9);
/* Record a failure with a field (may be NULL) and return code. */
int sc__error_fail(int code, int domain, const char *field, const char *fmt, ...) SC__PRINTF(4, 5);
/* Set the field of the current error (after sc__error_set). */
void sc__error_set_field(const char *field);
/* Record that a NULL argument was passed. */
int sc__error_null(const char *func, const char *arg);
/* Append a diagnostic to a report; returns SC_OK or SC_ENOMEM. */
int sc__report_add(sc_report *r, int severity, int code, int domain, const char *source,
                   int line, int column, const char *field, int cause, const char *message);

/* ---- memory (mem.c) ---- */
void *sc__malloc(size_t n);
void *sc__calloc(size_t n, size_t size);
void *sc__realloc(void *p, size_t n);
char *sc__strdup(const char *s);
char *sc__strndup(const char *s, size_t n);
/* Test hook: make the Nth (0-based) allocation from now fail; -1 disables. */
void sc__mem_fail_after(long n);
/* Test hook: allocations performed since the hook was armed. */
long sc__mem_count(void);

/* ---- utilities (util.c) ---- */
/* 1 when s is valid UTF-8 (no overlongs, no surrogates), else 0. */
int sc__utf8_valid(const char *s);
/* Checks that s is non-NULL, non-empty (when required) valid UTF-8 of at most max bytes.
 * On failure records SC_EINVAL naming `what`. */
int sc__check_text(const char *s, const char *what, size_t max, int required);
/* The index k in [lo, hi] whose en[k] or zh[k] (zh may be NULL) is text, or
   whose single digit text is; 0 when none (tables start at 1). */
int sc__name_lookup(const char *text, const char *const *en, const char *const *zh, int lo,
                    int hi);
/* Validates "YYYY-MM-DD" (a real calendar date). */
int sc__date_valid(const char *s);
/* Checks a date argument; NULL allowed when allow_null (means today). */
int sc__check_date(const char *s, const char *what);
/* Today's date in UTC as "YYYY-MM-DD" into buf[11]. */
void sc__today(char buf[11]);
/* A "no" verdict with its reason and message (catalog, org, assessment checks). */
void sc__verdict_no(sc_verdict *out, int reason, const char *fmt, ...) SC__PRINTF(3, 4);
/* Copy src (NULL: "") into dst of cap bytes, cut on a UTF-8 character boundary. */
void sc__copy_text(char *dst, size_t cap, const char *src);
/* Days since 1970-01-01 of a valid date string. */
long sc__date_days(const char *s);
/* Resolve a date argument: NULL -> today into buf; else copies. Returns buf. */
const char *sc__date_or_today(const char *date, char buf[11]);
/* Versioned structs the library fills: `version` is their first member, set by the
 * caller through SC_*_INIT. SC_OK when got is want; else records SC_EINVAL naming the
 * field `version`: "<type>.version: N, this library fills version W". */
int sc__version_refuse(const char *type, unsigned int got, unsigned int want);
/* Return that refusal from the calling function when (p)->version is not want. */
#define SC__VERSION_CHECK(p, type, want)                                      \
    do {                                                                      \
        if ((p)->version != (want))                                           \
            return sc__version_refuse((type), (p)->version, (want));          \
    } while (0)
/* Zero *p (a versioned struct) but keep its version. */
#define SC__ZERO_KEEP_VERSION(p)                                              \
    do {                                                                      \
        unsigned int sc__kept_version = (p)->version;                         \
        memset((p), 0, sizeof *(p));                                          \
        (p)->version = sc__kept_version;                                      \
    } while (0)
/* *p = v for a versioned struct, keeping p's version. */
#define SC__ASSIGN_KEEP_VERSION(p, v)                                         \
    do {                                                                      \
        unsigned int sc__kept_version = (p)->version;                         \
        *(p) = (v);                                                           \
        (p)->version = sc__kept_version;                                      \
    } while (0)
/* "an" before a word that starts with a vowel letter ("an examiner"), else "a". */
const char *sc__article(const char *word);

/* A growable byte buffer. */
typedef struct sc__buf {
    char *data;
    size_t len, cap;
    int failed;
} sc__buf;
void sc__buf_init(sc__buf *b);
void sc__buf_free(sc__buf *b);
int sc__buf_append(sc__buf *b, const char *s, size_t n);
int sc__buf_puts(sc__buf *b, const char *s);
int sc__buf_printf(sc__buf *b, const char *fmt, ...) SC__PRINTF(2, 3);
/* Append s with XML escaping (&, <, >, ", '). */
int sc__buf_put_xml(sc__buf *b, const char *s);
/* A set of short strings (identifiers seen in a document): open addressing.
   Zero-initialise; free with sc__strset_free. */
#define SC__STRSET_KEY 24
typedef struct {
    char (*slots)[SC__STRSET_KEY];
    size_t cap, n;
} sc__strset;
/* Add v (1 to SC__STRSET_KEY - 1 bytes): 1 added; 0 already there; -1 out of
   memory (or v empty or too long). */
int sc__strset_add(sc__strset *set, const char *v);
/* 1 when v is in the set, else 0. */
int sc__strset_has(const sc__strset *set, const char *v);
void sc__strset_free(sc__strset *set);
/* Append ` name="value"` (escaped); nothing when value is NULL. */
int sc__buf_attr(sc__buf *b, const char *name, const char *value);

/* ---- actors (roles.c) ---- */
struct sc_actor {
    int kind;
    char *scope;
    char *name;
    char *label;
};
/* Returns SC_OK when actor is non-NULL and of kind `kind`; else records SC_EDENIED
 * (or SC_EINVAL for NULL) naming the action. */
int sc__require_actor(const sc_actor *actor, int kind, const char *action);

/* ---- resources (resources.c, generated) ---- */
extern const char sc__schema_catalog[];
extern const size_t sc__schema_catalog_len;
extern const char sc__data_catalog_notice[];
extern const size_t sc__data_catalog_notice_len;

#endif /* SC_INT_H */
