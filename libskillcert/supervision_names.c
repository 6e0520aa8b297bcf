/*
 * The names of supervision's values (include/skillcert/supervision.h): the
 * published list of finding categories, finding severities, inspection and
 * sanction kinds. Plain lookup tables with no registry access, on the ground
 * floor, so that supervision, the credit evaluation and the period report
 * share them without calling one another.
 */
#include "supervision_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define bad(field, ...) sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, field, __VA_ARGS__)

/* ---- names ------------------------------------------------------------------------------------ */

typedef struct {
    const char *code, *name, *zh;
} category_def;

static const category_def categories[] = {
    { "out-of-scope", "certification outside the filed scope", "超范围开展认定" },
    { "out-of-region", "certification outside Beijing", "超行政区域开展认定" },
    { "outside-validity", "certification without a filing in force, or while suspended",
      "未备案、备案有效期外或暂停期间开展认定" },
    { "staff-ratio", "staff ratio of an assessment broken", "考评人员配比不达标" },
    { "unqualified-examiner", "unqualified examiner or invigilator", "考评人员不具备资格" },
    { "falsified-records", "falsified records or certificates", "弄虚作假" },
    { "venue", "assessment venue not as inspected", "评价场地不符合要求" },
    { "supervision", "internal quality supervision missing", "内部质量督导缺失" },
    { "disclosure", "rules or fees not published", "管理办法、收费标准未公示" },
    { "other", "other breach of the commitment letter", "其他违反承诺的情形" },
};
#define NCATEGORIES (sizeof categories / sizeof categories[0])

size_t sc_finding_category_count(void)
{
    return NCATEGORIES;
}

int sc_finding_category_get(sc_finding_category *out, size_t i)
{
    if (!out)
        return sc__error_null("sc_finding_category_get", "out");
    SC__VERSION_CHECK(out, "sc_finding_category", SC_FINDING_CATEGORY_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (i >= NCATEGORIES)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_ARGS, "category %zu is out of range", i);
    snprintf(out->code, sizeof out->code, "%s", categories[i].code);
    snprintf(out->name, sizeof out->name, "%s", categories[i].name);
    snprintf(out->name_zh, sizeof out->name_zh, "%s", categories[i].zh);
    return SC_OK;
}

int sc__finding_category_known(const char *code)
{
    size_t i;
    for (i = 0; code && i < NCATEGORIES; i++)
        if (!strcmp(categories[i].code, code))
            return 1;
    return 0;
}

const char *sc__finding_category_zh(const char *code)
{
    size_t i;
    for (i = 0; code && i < NCATEGORIES; i++)
        if (!strcmp(categories[i].code, code))
            return categories[i].zh;
    return "";
}

static int parse_named(int *out, const char *text, const char *const *en,
                       const char *const *zh, int n, const char *what)
{
    int i;
    char *end;
    long v;
    if (!out)
        return sc__error_null(what, "out");
    *out = 0;
    if (!text)
        return sc__error_null(what, "text");
    for (i = 1; i <= n; i++)
        if (!strcmp(text, en[i]) || (zh && !strcmp(text, zh[i]))) {
            *out = i;
            return SC_OK;
        }
    v = strtol(text, &end, 10);
    if (*text && !*end && v >= 1 && v <= n) {
        *out = (int)v;
        return SC_OK;
    }
    return bad("text", "%s: unknown value '%.40s'", what, text);
}

static const char *const severity_en[] = { NULL, "minor", "major", "serious" };
static const char *const severity_zh[] = { NULL, "一般", "较重", "严重" };

const char *sc_finding_severity_name(int severity)
{
    return severity >= 1 && severity <= 3 ? severity_en[severity] : NULL;
}

int sc_finding_severity_parse(int *out, const char *text)
{
    return parse_named(out, text, severity_en, severity_zh, 3, "sc_finding_severity_parse");
}

static const char *const inspect_en[] = { NULL, "organization", "session", "venue",
                                          "certificates" };

const char *sc_inspection_kind_name(int kind)
{
    return kind >= 1 && kind <= 4 ? inspect_en[kind] : NULL;
}

int sc_inspection_kind_parse(int *out, const char *text)
{
    if (out && text && !strcmp(text, "org")) {
        *out = SC_INSPECT_ORG;
        return SC_OK;
    }
    return parse_named(out, text, inspect_en, NULL, 4, "sc_inspection_kind_parse");
}

static const char *const sanction_en[] = { NULL, "warning", "rectification", "suspension",
                                           "exit" };
static const char *const sanction_zh[] = { NULL, "警告", "限期整改", "暂停认定", "退出目录" };

const char *sc_sanction_kind_name(int kind)
{
    return kind >= 1 && kind <= 4 ? sanction_en[kind] : NULL;
}

int sc_sanction_kind_parse(int *out, const char *text)
{
    return parse_named(out, text, sanction_en, sanction_zh, 4, "sc_sanction_kind_parse");
}
