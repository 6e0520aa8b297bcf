/*
 * Small shared helpers: UTF-8 and date checks, a growable buffer.
 */
#include "sc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int sc__utf8_valid(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        unsigned c = *s;
        size_t need;
        unsigned cp;
        if (c < 0x80) {
            s++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        s++;
        for (size_t i = 0; i < need; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            return 0;
        s += need;
    }
    return 1;
}

int sc__check_text(const char *s, const char *what, size_t max, int required)
{
    if (!s) {
        if (!required)
            return SC_OK;
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s must be given", what);
        sc__error_set_field(what);
        return SC_EINVAL;
    }
    if (required && !*s) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s must not be empty", what);
        sc__error_set_field(what);
        return SC_EINVAL;
    }
    if (strlen(s) > max) {
        /* Never cut: name the field, its length and its limit. */
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s: %zu bytes, limit %zu", what, strlen(s),
                      max);
        sc__error_set_field(what);
        return SC_EINVAL;
    }
    if (!sc__utf8_valid(s)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s is not valid UTF-8", what);
        sc__error_set_field(what);
        return SC_EINVAL;
    }
    return SC_OK;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

static int parse_date(const char *s, int *y, int *m, int *d)
{
    int i;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (i = 0; i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    if (*y < 1900 || *y > 9999 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
        return 0;
    return 1;
}

int sc__date_valid(const char *s)
{
    int y, m, d;
    return parse_date(s, &y, &m, &d);
}

int sc__check_date(const char *s, const char *what)
{
    if (!s) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s must be given (YYYY-MM-DD)", what);
        sc__error_set_field(what);
        return SC_EINVAL;
    }
    if (!sc__date_valid(s)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "%s '%.40s' is not a calendar date in the form YYYY-MM-DD", what, s);
        sc__error_set_field(what);
        return SC_EINVAL;
    }
    return SC_OK;
}

long sc__date_days(const char *s)
{
    /* Days from civil (proleptic Gregorian), after H. Hinnant's algorithm. */
    int y, m, d;
    long era, yoe, doy, doe;
    if (!parse_date(s, &y, &m, &d))
        return 0;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void sc__today(char buf[11])
{
    time_t t = time(NULL);
    struct tm tmv;
#if defined(_WIN32)
    gmtime_s(&tmv, &t);
#else
    gmtime_r(&t, &tmv);
#endif
    {
        unsigned y = (unsigned)(tmv.tm_year + 1900) % 10000u;
        unsigned m = (unsigned)(tmv.tm_mon + 1) % 100u, d = (unsigned)tmv.tm_mday % 100u;
        snprintf(buf, 11, "%04u-%02u-%02u", y, m, d);
    }
}

const char *sc__date_or_today(const char *date, char buf[11])
{
    if (!date) {
        sc__today(buf);
        return buf;
    }
    return date;
}

/* ---- buffer ---- */

void sc__buf_init(sc__buf *b)
{
    memset(b, 0, sizeof(*b));
}

void sc__buf_free(sc__buf *b)
{
    free(b->data);
    sc__buf_init(b);
}

int sc__buf_append(sc__buf *b, const char *s, size_t n)
{
    if (b->failed)
        return SC_ENOMEM;
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 256;
        char *p;
        while (ncap < b->len + n + 1)
            ncap *= 2;
        p = sc__realloc(b->data, ncap);
        if (!p) {
            b->failed = 1;
            return SC_ENOMEM;
        }
        b->data = p;
        b->cap = ncap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return SC_OK;
}

int sc__buf_puts(sc__buf *b, const char *s)
{
    return sc__buf_append(b, s, strlen(s));
}

int sc__buf_printf(sc__buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0)
        return SC_ERROR;
    if ((size_t)n < sizeof(tmp))
        return sc__buf_append(b, tmp, (size_t)n);
    {
        char *big = sc__malloc((size_t)n + 1);
        int rc;
        if (!big) {
            b->failed = 1;
            return SC_ENOMEM;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        rc = sc__buf_append(b, big, (size_t)n);
        free(big);
        return rc;
    }
}

int sc__buf_put_xml(sc__buf *b, const char *s)
{
    const char *start = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        default: break;
        }
        if (rep) {
            if (sc__buf_append(b, start, (size_t)(s - start)) || sc__buf_puts(b, rep))
                return SC_ENOMEM;
            start = s + 1;
        }
    }
    return sc__buf_append(b, start, (size_t)(s - start));
}

int sc__name_lookup(const char *text, const char *const *en, const char *const *zh, int lo,
                    int hi)
{
    int k;
    if (!text)
        return 0;
    for (k = lo; k <= hi; k++)
        if (!strcmp(text, en[k]) || (zh && !strcmp(text, zh[k])) ||
            (k >= 0 && k <= 9 && text[0] == '0' + k && text[1] == '\0'))
            return k;
    return 0;
}

int sc__buf_attr(sc__buf *b, const char *name, const char *value)
{
    if (!value)
        return b->failed ? SC_ENOMEM : SC_OK;
    sc__buf_printf(b, " %s=\"", name);
    sc__buf_put_xml(b, value);
    return sc__buf_puts(b, "\"");
}

static size_t strset_hash(const char *v)
{
    size_t h = 2166136261u;
    while (*v)
        h = (h ^ (unsigned char)*v++) * 16777619u;
    return h;
}

int sc__strset_add(sc__strset *set, const char *v)
{
    size_t i, len = strlen(v);
    if (len == 0 || len >= SC__STRSET_KEY)
        return -1;
    if ((set->n + 1) * 2 > set->cap) {
        size_t ncap = set->cap ? set->cap * 2 : 64, j;
        char(*ns)[SC__STRSET_KEY] = sc__calloc(ncap, sizeof(*ns));
        if (!ns)
            return -1;
        for (j = 0; j < set->cap; j++) {
            if (!set->slots[j][0])
                continue;
            i = strset_hash(set->slots[j]) & (ncap - 1);
            while (ns[i][0])
                i = (i + 1) & (ncap - 1);
            memcpy(ns[i], set->slots[j], SC__STRSET_KEY);
        }
        free(set->slots);
        set->slots = ns;
        set->cap = ncap;
    }
    i = strset_hash(v) & (set->cap - 1);
    while (set->slots[i][0]) {
        if (!strcmp(set->slots[i], v))
            return 0;
        i = (i + 1) & (set->cap - 1);
    }
    memcpy(set->slots[i], v, len + 1);
    set->n++;
    return 1;
}

int sc__strset_has(const sc__strset *set, const char *v)
{
    size_t i;
    if (!set->cap)
        return 0;
    i = strset_hash(v) & (set->cap - 1);
    while (set->slots[i][0]) {
        if (!strcmp(set->slots[i], v))
            return 1;
        i = (i + 1) & (set->cap - 1);
    }
    return 0;
}

void sc__strset_free(sc__strset *set)
{
    free(set->slots);
    set->slots = NULL;
    set->cap = set->n = 0;
}

const char *sc__article(const char *word)
{
    return word && strchr("aeiouAEIOU", word[0]) && word[0] ? "an" : "a";
}

int sc__version_refuse(const char *type, unsigned int got, unsigned int want)
{
    if (got == want)
        return SC_OK;
    return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "version",
                          "%s.version: %u, this library fills version %u", type, got, want);
}

void sc__verdict_no(sc_verdict *out, int reason, const char *fmt, ...)
{
    va_list ap;
    out->ok = 0;
    out->reason = reason;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);
}

void sc__copy_text(char *dst, size_t cap, const char *src)
{
    size_t n;
    if (!cap)
        return;
    if (!src) {
        dst[0] = '\0';
        return;
    }
    n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}
