/*
 * All library allocations go through here so tests can make the Nth fail.
 */
#include "sc_int.h"

#include <stdlib.h>
#include <string.h>

/* Allocation-failure injection, used only by the test suite. Per thread so
 * that concurrent tests do not interfere. */
#if defined(__GNUC__)
static __thread long fail_after = -1;
static __thread long alloc_count = 0;
#else
static long fail_after = -1;
static long alloc_count = 0;
#endif

void sc__mem_fail_after(long n)
{
    fail_after = n;
    alloc_count = 0;
}

long sc__mem_count(void)
{
    return alloc_count;
}

static int should_fail(void)
{
    if (fail_after < 0)
        return 0;
    return alloc_count++ >= fail_after;
}

void *sc__malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *sc__calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *sc__realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

char *sc__strdup(const char *s)
{
    return s ? sc__strndup(s, strlen(s)) : NULL;
}

char *sc__strndup(const char *s, size_t n)
{
    char *d;
    if (!s)
        return NULL;
    d = sc__malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void sc_free(void *p)
{
    free(p);
}
