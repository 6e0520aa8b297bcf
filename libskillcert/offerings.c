/*
 * Lists of catalog offerings: the requested or granted scope of a filing,
 * the qualifications of a staff member.
 */
#include "org_int.h"
#include "catalog_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sc_offerings_new(sc_offerings **out)
{
    if (!out)
        return sc__error_null("sc_offerings_new", "out");
    *out = sc__calloc(1, sizeof(sc_offerings));
    if (!*out)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an offering list");
    return SC_OK;
}

void sc_offerings_free(sc_offerings *s)
{
    if (!s)
        return;
    free(s->items);
    free(s);
}

int sc__offerings_has(const sc_offerings *s, const char *occupation, const char *work_type,
                      int level)
{
    size_t i;
    if (!work_type)
        work_type = "";
    for (i = 0; i < s->n; i++)
        if (s->items[i].level == level && !strcmp(s->items[i].occupation, occupation) &&
            !strcmp(s->items[i].work_type, work_type))
            return 1;
    return 0;
}

int sc__offerings_push(sc_offerings *s, const char *occupation, const char *work_type, int level)
{
    sc_offering_item *it;
    if (sc__offerings_has(s, occupation, work_type, level))
        return SC_OK;
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 8;
        sc_offering_item *n = sc__realloc(s->items, ncap * sizeof(*n));
        if (!n)
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory adding an offering");
        s->items = n;
        s->cap = ncap;
    }
    it = &s->items[s->n++];
    SC__ZERO_KEEP_VERSION(it);
    sc__copy_text(it->occupation, sizeof it->occupation, occupation);
    sc__copy_text(it->work_type, sizeof it->work_type, work_type ? work_type : "");
    it->level = level;
    return SC_OK;
}

static int check_level(int level)
{
    if (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "level %d is outside 1-5 (1 = 一级/高级技师 … 5 = 五级/初级工)", level);
        sc__error_set_field("level");
        return SC_EINVAL;
    }
    return SC_OK;
}

int sc_offerings_add(sc_offerings *s, const char *occupation, const char *work_type, int level)
{
    char norm[SC__CODE_SIZE];
    int rc;
    if (!s)
        return sc__error_null("sc_offerings_add", "s");
    if (work_type && !*work_type)
        work_type = NULL;
    if ((rc = sc__occupation_code_norm(occupation, norm)) != SC_OK ||
        (rc = sc__check_text(work_type, "work_type", SC_WORK_TYPE_SIZE - 1, 0)) != SC_OK ||
        (rc = check_level(level)) != SC_OK)
        return rc;
    return sc__offerings_push(s, norm, work_type, level);
}

int sc_offerings_add_text(sc_offerings *s, const char *text)
{
    char code[64], wt[SC_WORK_TYPE_SIZE];
    const char *colon, *slash, *p;
    int levels[5], nlevels = 0, i, rc;
    size_t before, codelen;

    if (!s)
        return sc__error_null("sc_offerings_add_text", "s");
    if ((rc = sc__check_text(text, "offering", 1024, 1)) != SC_OK)
        return rc;
    colon = strrchr(text, ':');
    if (!colon)
        goto bad;
    slash = memchr(text, '/', (size_t)(colon - text));
    codelen = (size_t)((slash ? slash : colon) - text);
    if (codelen == 0 || codelen >= sizeof code)
        goto bad;
    memcpy(code, text, codelen);
    code[codelen] = '\0';
    wt[0] = '\0';
    if (slash) {
        size_t n = (size_t)(colon - slash - 1);
        if (n == 0 || n >= sizeof wt)
            goto bad;
        memcpy(wt, slash + 1, n);
        wt[n] = '\0';
    }
    for (p = colon + 1;;) {
        while (*p == ' ')
            p++;
        if (*p < '1' || *p > '5' || nlevels == 5)
            goto bad;
        levels[nlevels++] = *p++ - '0';
        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
        if (*p != ',')
            goto bad;
        p++;
    }
    /* Validate everything first so that a bad level adds nothing. */
    {
        char norm[SC__CODE_SIZE];
        if ((rc = sc__occupation_code_norm(code, norm)) != SC_OK)
            return rc;
    }
    before = s->n;
    for (i = 0; i < nlevels; i++) {
        if ((rc = sc_offerings_add(s, code, wt, levels[i])) != SC_OK) {
            s->n = before;
            return rc;
        }
    }
    return SC_OK;
bad:
    sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                  "'%.80s' is not an offering list: write CODE[/WORK-TYPE]:LEVELS, e.g. "
                  "4-02-07-10:5,4 or 4-04-05-04/建筑工程:3,2", text);
    sc__error_set_field("offering");
    return SC_EINVAL;
}

size_t sc_offerings_count(const sc_offerings *s)
{
    return s ? s->n : 0;
}

int sc_offerings_get(sc_offering_item *out, const sc_offerings *s, size_t i)
{
    if (!out)
        return sc__error_null("sc_offerings_get", "out");
    SC__VERSION_CHECK(out, "sc_offering_item", SC_OFFERING_ITEM_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!s)
        return sc__error_null("sc_offerings_get", "s");
    if (i >= s->n)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_ARGS, "offering %zu is out of range (%zu)", i,
                             s->n);
    SC__ASSIGN_KEEP_VERSION(out, s->items[i]);
    return SC_OK;
}

int sc__offering_certifiable(sc_db *db, const sc_offering_item *item, const char *date,
                             const char *what, char canon[SC_OCCUPATION_CODE_SIZE])
{
    sc_verdict v = SC_VERDICT_INIT;
    sc_occupation *o = NULL;
    int rc;
    canon[0] = '\0';
    rc = sc_catalog_check(&v, db, item->occupation, item->work_type, item->level, date);
    if (rc != SC_OK)
        return rc;
    if (!v.ok) {
        sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES, "%s %s%s%s level %d: %s", what,
                      item->occupation, item->work_type[0] ? "/" : "", item->work_type,
                      item->level, v.message);
        sc__error_set_field(what);
        return SC_ECONSTRAINT;
    }
    if ((rc = sc_occupation_lookup(&o, db, item->occupation)) != SC_OK)
        return rc;
    sc__copy_text(canon, SC_OCCUPATION_CODE_SIZE, sc_occupation_code(o));
    sc_occupation_free(o);
    return SC_OK;
}

void sc__offerings_describe(const sc_offerings *s, char *buf, size_t cap)
{
    sc__buf b;
    size_t i;
    sc__buf_init(&b);
    for (i = 0; s && i < s->n; i++) {
        const sc_offering_item *it = &s->items[i];
        if (i > 0 && !strcmp(it->occupation, s->items[i - 1].occupation) &&
            !strcmp(it->work_type, s->items[i - 1].work_type))
            sc__buf_printf(&b, ",%d", it->level);
        else
            sc__buf_printf(&b, "%s%s%s%s:%d", i ? " " : "", it->occupation,
                           it->work_type[0] ? "/" : "", it->work_type, it->level);
    }
    sc__copy_text(buf, cap, b.data && !b.failed ? b.data : "");
    sc__buf_free(&b);
}
