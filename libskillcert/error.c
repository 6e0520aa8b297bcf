/*
 * The error model: status codes, a per-thread last error, diagnostic reports.
 */
#include "sc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && !defined(__STDC_NO_THREADS__)
#  define SC_THREAD_LOCAL _Thread_local
#elif defined(__GNUC__)
#  define SC_THREAD_LOCAL __thread
#elif defined(_MSC_VER)
#  define SC_THREAD_LOCAL __declspec(thread)
#else
#  error "no thread-local storage available"
#endif

#define MSG_MAX 1024
#define SRC_MAX 256
#define FIELD_MAX 256

typedef struct {
    sc_error err;
    char message[MSG_MAX];
    char source[SRC_MAX];
    char field[FIELD_MAX];
} tls_error;

static SC_THREAD_LOCAL tls_error last_error;

static void copy_bounded(char *dst, size_t cap, const char *src)
{
    size_t n;
    if (!src) {
        dst[0] = '\0';
        return;
    }
    n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        /* Do not cut a UTF-8 sequence in half. */
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void fix_pointers(tls_error *t)
{
    t->err.message = t->message;
    t->err.source = t->source;
    t->err.field = t->field;
}

const sc_error *sc_error_last(void)
{
    fix_pointers(&last_error);
    return &last_error.err;
}

void sc_error_clear(void)
{
    memset(&last_error.err, 0, sizeof(last_error.err));
    last_error.message[0] = '\0';
    last_error.source[0] = '\0';
    last_error.field[0] = '\0';
    fix_pointers(&last_error);
}

static int set_v(int code, int domain, const char *source, int line, int column,
                 const char *field, int cause, const char *fmt, va_list ap)
{
    char tmp[MSG_MAX];
    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    /* vsnprintf may cut a multi-byte character: trim to a boundary. */
    copy_bounded(last_error.message, MSG_MAX, tmp);
    copy_bounded(last_error.source, SRC_MAX, source);
    copy_bounded(last_error.field, FIELD_MAX, field);
    last_error.err.code = code;
    last_error.err.domain = domain;
    last_error.err.line = line;
    last_error.err.column = column;
    last_error.err.cause = cause;
    fix_pointers(&last_error);
    return code;
}

int sc__error_set(int code, int domain, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_v(code, domain, NULL, 0, 0, NULL, 0, fmt, ap);
    va_end(ap);
    return code;
}

int sc__error_set_at(int code, int domain, const char *source, int line, int column,
                     const char *field, int cause, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_v(code, domain, source, line, column, field, cause, fmt, ap);
    va_end(ap);
    return code;
}

int sc__error_fail(int code, int domain, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_v(code, domain, NULL, 0, 0, field, 0, fmt, ap);
    va_end(ap);
    return code;
}

void sc__error_set_field(const char *field)
{
    copy_bounded(last_error.field, FIELD_MAX, field);
    fix_pointers(&last_error);
}

int sc__error_null(const char *func, const char *arg)
{
    /* The C function is the error's source, not part of its text. */
    sc__error_set_at(SC_EINVAL, SC_DOMAIN_ARGS, func, 0, 0, arg, 0,
                     "argument '%s' must not be NULL", arg);
    return SC_EINVAL;
}

const char *sc_strerror(int code)
{
    switch (code) {
    case SC_OK: return "success";
    case SC_ERROR: return "unexpected error";
    case SC_ENOMEM: return "out of memory";
    case SC_EINVAL: return "invalid argument";
    case SC_ENOTFOUND: return "not found";
    case SC_EEXISTS: return "already exists";
    case SC_ECONSTRAINT: return "forbidden by a domain rule";
    case SC_EXML: return "XML not well-formed or refused";
    case SC_EINVALIDDOC: return "invalid document";
    case SC_EDB: return "database error";
    case SC_EDENIED: return "not permitted for this actor";
    case SC_EVERSION: return "registry written by a newer version";
    case SC_ENOTREGISTRY: return "not a skillcert registry";
    case SC_EBUSY: return "registry is busy";
    case SC_EIO: return "input/output error";
    case SC_ESCOPE: return "outside the organization's filed scope or standing";
    case SC_ITEROVER: return "no more items";
    default: return "unknown status";
    }
}

/* ---- reports ---- */

typedef struct {
    sc_error err;
    int severity;
} report_entry;

struct sc_report {
    report_entry *items;
    size_t count, cap, errors;
};

int sc_report_new(sc_report **out)
{
    sc_report *r;
    if (!out)
        return sc__error_null("sc_report_new", "out");
    *out = NULL;
    r = sc__calloc(1, sizeof(*r));
    if (!r)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating a report");
    *out = r;
    return SC_OK;
}

static void entry_free(report_entry *e)
{
    free((char *)e->err.message);
    free((char *)e->err.source);
    free((char *)e->err.field);
}

void sc_report_clear(sc_report *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; i < r->count; i++)
        entry_free(&r->items[i]);
    r->count = 0;
    r->errors = 0;
}

void sc_report_free(sc_report *r)
{
    if (!r)
        return;
    sc_report_clear(r);
    free(r->items);
    free(r);
}

size_t sc_report_count(const sc_report *r)
{
    return r ? r->count : 0;
}

size_t sc_report_error_count(const sc_report *r)
{
    return r ? r->errors : 0;
}

const sc_error *sc_report_get(const sc_report *r, size_t i)
{
    if (!r || i >= r->count)
        return NULL;
    return &r->items[i].err;
}

int sc_report_severity(const sc_report *r, size_t i)
{
    if (!r || i >= r->count)
        return 0;
    return r->items[i].severity;
}

int sc__report_add(sc_report *r, int severity, int code, int domain, const char *source,
                   int line, int column, const char *field, int cause, const char *message)
{
    report_entry *e;
    if (!r)
        return SC_OK;
    if (r->count == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 16;
        report_entry *n = sc__realloc(r->items, ncap * sizeof(*n));
        if (!n)
            return SC_ENOMEM;
        r->items = n;
        r->cap = ncap;
    }
    e = &r->items[r->count];
    memset(e, 0, sizeof(*e));
    e->err.message = sc__strdup(message ? message : "");
    e->err.source = sc__strdup(source ? source : "");
    e->err.field = sc__strdup(field ? field : "");
    if (!e->err.message || !e->err.source || !e->err.field) {
        entry_free(e);
        return SC_ENOMEM;
    }
    e->err.code = code;
    e->err.domain = domain;
    e->err.line = line;
    e->err.column = column;
    e->err.cause = cause;
    e->severity = severity;
    r->count++;
    if (severity == SC_SEVERITY_ERROR)
        r->errors++;
    return SC_OK;
}
