/*
 * Candidates: resident ID numbers (GB 11643-1999), the in-memory record the
 * eligibility engine decides on, and its storage in the registry.
 */
#include "candidate_int.h"
#include "catalog_int.h"
#include "authz_int.h"
#include "audit_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- kinds ------------------------------------------------------------------ */

typedef struct {
    const char *token, *zh;
} kind_name;

static const kind_name education_kinds[] = {
    { NULL, NULL },
    { "technical-school", "技工学校" },
    { "senior-technical-school", "高级技工学校" },
    { "technician-college", "技师学院" },
    { "secondary-vocational", "中等职业学校" },
    { "higher-vocational", "高等职业学校" },
    { "junior-college", "大专" },
    { "bachelor", "本科及以上" },
};
#define N_EDU_KINDS ((int)(sizeof education_kinds / sizeof education_kinds[0]) - 1)

static const char *const cert_kinds[] = { NULL, "skill-level", "qualification",
                                          "pre-technician" };
#define N_CERT_KINDS ((int)(sizeof cert_kinds / sizeof cert_kinds[0]) - 1)

static const char *const evidence_kinds[] = {
    NULL,          "achievement", "major-project", "major-event", "contribution",
    "competition-entry", "competition-award", "training", "veteran-conscript", "veteran-nco",
};
#define N_EVIDENCE_KINDS ((int)(sizeof evidence_kinds / sizeof evidence_kinds[0]) - 1)

static const char *const scopes[] = { NULL, "city", "provincial", "national", "international" };
#define N_SCOPES ((int)(sizeof scopes / sizeof scopes[0]) - 1)

const char *sc_education_kind_name(int kind)
{
    return kind >= 1 && kind <= N_EDU_KINDS ? education_kinds[kind].token : NULL;
}

const char *sc_education_kind_name_zh(int kind)
{
    return kind >= 1 && kind <= N_EDU_KINDS ? education_kinds[kind].zh : NULL;
}

static int parse_token(int *out, const char *text, const char *const *tokens, int n,
                       const char *what)
{
    int i;
    if (!out)
        return sc__error_null(what, "out");
    *out = 0;
    if (!text)
        return sc__error_null(what, "text");
    for (i = 1; i <= n; i++) {
        if (!strcmp(text, tokens[i])) {
            *out = i;
            return SC_OK;
        }
    }
    sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "'%.60s' is not a known %s", text, what);
    sc__error_set_field(what);
    return SC_EINVAL;
}

int sc_education_kind_parse(int *out, const char *text)
{
    int i;
    if (out && text) {
        for (i = 1; i <= N_EDU_KINDS; i++) {
            if (!strcmp(text, education_kinds[i].token) || !strcmp(text, education_kinds[i].zh)) {
                *out = i;
                return SC_OK;
            }
        }
    }
    {
        const char *tokens[N_EDU_KINDS + 1];
        tokens[0] = NULL;
        for (i = 1; i <= N_EDU_KINDS; i++)
            tokens[i] = education_kinds[i].token;
        return parse_token(out, text, tokens, N_EDU_KINDS, "education kind");
    }
}

const char *sc_cert_kind_name(int kind)
{
    return kind >= 1 && kind <= N_CERT_KINDS ? cert_kinds[kind] : NULL;
}

int sc_cert_kind_parse(int *out, const char *text)
{
    return parse_token(out, text, cert_kinds, N_CERT_KINDS, "certificate kind");
}

const char *sc_evidence_kind_name(int kind)
{
    return kind >= 1 && kind <= N_EVIDENCE_KINDS ? evidence_kinds[kind] : NULL;
}

int sc_evidence_kind_parse(int *out, const char *text)
{
    return parse_token(out, text, evidence_kinds, N_EVIDENCE_KINDS, "evidence kind");
}

const char *sc_scope_name(int scope)
{
    return scope >= 1 && scope <= N_SCOPES ? scopes[scope] : NULL;
}

int sc_scope_parse(int *out, const char *text)
{
    return parse_token(out, text, scopes, N_SCOPES, "competition scope");
}

/* ---- calendar on day numbers ------------------------------------------------- */

sc__day sc__day_from_civil(int y, int m, int d)
{
    /* Days from civil (proleptic Gregorian), after H. Hinnant's algorithm. */
    long era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (sc__day)(era * 146097 + doe - 719468);
}

void sc__civil_from_day(sc__day day, int *y, int *m, int *d)
{
    long z = (long)day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400) + (mm <= 2);
    *m = mm;
    *d = dd;
}

sc__day sc__day_parse(const char *s)
{
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return sc__day_from_civil(y, m, d);
}

void sc__day_format(sc__day day, char buf[11])
{
    int y, m, d;
    sc__civil_from_day(day, &y, &m, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

static int month_days(int y, int m)
{
    static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return md[m - 1];
}

sc__day sc__add_months(sc__day day, int n)
{
    int y, m, d, total, last;
    sc__civil_from_day(day, &y, &m, &d);
    total = y * 12 + (m - 1) + n;
    y = total / 12;
    m = total % 12 + 1;
    last = month_days(y, m);
    return sc__day_from_civil(y, m, d < last ? d : last);
}

int sc__months_between(sc__day a, sc__day b, int *rest_days)
{
    int ya, ma, da, yb, mb, db, months;
    if (b <= a) {
        if (rest_days)
            *rest_days = 0;
        return 0;
    }
    sc__civil_from_day(a, &ya, &ma, &da);
    sc__civil_from_day(b, &yb, &mb, &db);
    months = (yb - ya) * 12 + (mb - ma);
    /* Month-end clamping makes the estimate off by at most one either way. */
    while (months > 0 && sc__add_months(a, months) > b)
        months--;
    while (sc__add_months(a, months + 1) <= b)
        months++;
    if (rest_days)
        *rest_days = (int)(b - sc__add_months(a, months));
    return months;
}

/* ---- occupation codes -------------------------------------------------------- */

sc__occ sc__occ_pack(const char *c)
{
    /* "D-DD-DD-DD" */
    int i;
    static const int pos[7] = { 0, 2, 3, 5, 6, 8, 9 };
    sc__occ v = 0;
    if (strlen(c) != 10 || c[1] != '-' || c[4] != '-' || c[7] != '-')
        return 0;
    for (i = 0; i < 7; i++) {
        char ch = c[pos[i]];
        if (ch < '0' || ch > '9')
            return 0;
        v = v * 10 + (ch - '0');
    }
    return v;
}

int sc__occ_parse(const char *code, sc__occ *out, char norm[16])
{
    char buf[SC__CODE_SIZE];
    int rc;
    if ((rc = sc__occupation_code_norm(code, buf)) != SC_OK)
        return rc;
    *out = sc__occ_pack(buf);
    if (norm)
        memcpy(norm, buf, 16 < SC__CODE_SIZE ? 16 : SC__CODE_SIZE);
    return SC_OK;
}

/* ---- resident ID numbers ----------------------------------------------------- */

#define ID_FAIL(...)                                                    \
    do {                                                                \
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, __VA_ARGS__);          \
        sc__error_set_field("id_number");                               \
        return SC_EINVAL;                                               \
    } while (0)

int sc__resident_id_check(const char *text, sc_resident_id *out)
{
    static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    static const char check_chars[] = "10X98765432";
    char id[19], date[11];
    const char *s = text, *e;
    size_t n, i;
    int sum = 0;
    char want, got;

    SC__ZERO_KEEP_VERSION(out);
    if (!text)
        ID_FAIL("a resident ID number must be given");
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    n = (size_t)(e - s);
    if (n == 15) {
        for (i = 0; i < 15 && s[i] >= '0' && s[i] <= '9'; i++)
            ;
        if (i == 15)
            ID_FAIL("'%.15s' is a 15-digit first-generation ID number (GB 11643-1989), which "
                    "has no check digit: give the 18-digit number", s);
    }
    if (n != 18) {
        if (!sc__utf8_valid(text))
            ID_FAIL("the resident ID number is not valid UTF-8");
        ID_FAIL("a resident ID number has 18 characters; '%.40s' has %zu", text, n);
    }
    for (i = 0; i < 17; i++) {
        if (s[i] < '0' || s[i] > '9')
            ID_FAIL("resident ID number '%.18s': character %zu must be a digit", s, i + 1);
        sum += (s[i] - '0') * weights[i];
    }
    got = s[17] == 'x' ? 'X' : s[17];
    if (!((got >= '0' && got <= '9') || got == 'X'))
        ID_FAIL("resident ID number '%.18s': character 18 must be a digit or X", s);
    memcpy(id, s, 17);
    id[17] = got;
    id[18] = '\0';
    snprintf(date, sizeof date, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
    if (!sc__date_valid(date))
        ID_FAIL("resident ID number '%s': the birth date %.8s (characters 7-14) is not a "
                "calendar date", id, id + 6);
    want = check_chars[sum % 11];
    if (got != want)
        ID_FAIL("resident ID number '%s': the check character is %c but should be %c "
                "(ISO 7064 MOD 11-2); the number is mistyped", id, got, want);
    memcpy(out->number, id, 19);
    memcpy(out->area, id, 6);
    out->area[6] = '\0';
    memcpy(out->birth_date, date, 11);
    out->sex = ((id[16] - '0') % 2) ? SC_SEX_MALE : SC_SEX_FEMALE;
    return SC_OK;
}

int sc_resident_id_parse(sc_resident_id *out, const char *text)
{
    if (!out)
        return sc__error_null("sc_resident_id_parse", "out");
    SC__VERSION_CHECK(out, "sc_resident_id", SC_RESIDENT_ID_VERSION);
    return sc__resident_id_check(text, out);
}

int sc_resident_id_normalize(char **out, const char *text)
{
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    int rc;
    if (!out)
        return sc__error_null("sc_resident_id_normalize", "out");
    *out = NULL;
    if ((rc = sc__resident_id_check(text, &r)) != SC_OK)
        return rc;
    if (!(*out = sc__strdup(r.number)))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    return SC_OK;
}

/* ---- the record ---------------------------------------------------------------- */

static int nomem(void)
{
    return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory building a candidate record");
}

/* Make room for one more item in a growable array. */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    void *p;
    size_t ncap;
    if (n < *cap)
        return SC_OK;
    ncap = *cap ? *cap * 2 : 4;
    p = sc__realloc(*arr, ncap * size);
    if (!p)
        return nomem();
    *arr = p;
    *cap = ncap;
    return SC_OK;
}

int sc_candidate_new(sc_candidate **out, const char *id_number, const char *name)
{
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    sc_candidate *c;
    int rc;
    if (!out)
        return sc__error_null("sc_candidate_new", "out");
    *out = NULL;
    if ((rc = sc__resident_id_check(id_number, &r)) != SC_OK ||
        (rc = sc__check_text(name, "name", 128, 1)) != SC_OK)
        return rc;
    c = sc__calloc(1, sizeof(*c));
    if (!c)
        return nomem();
    memcpy(c->id_number, r.number, sizeof c->id_number);
    memcpy(c->birth_date, r.birth_date, sizeof c->birth_date);
    c->birth = sc__day_parse(r.birth_date);
    c->sex = r.sex;
    if (!(c->name = sc__strdup(name))) {
        free(c);
        return nomem();
    }
    *out = c;
    return SC_OK;
}

void sc_candidate_free(sc_candidate *c)
{
    size_t i;
    if (!c)
        return;
    free(c->name);
    for (i = 0; i < c->n_edu; i++) {
        free(c->edu[i].major);
        free(c->edu[i].graduated_s);
    }
    free(c->edu);
    for (i = 0; i < c->n_work; i++) {
        free(c->work[i].occupation);
        free(c->work[i].from_s);
        free(c->work[i].to_s);
    }
    free(c->work);
    for (i = 0; i < c->n_cert; i++) {
        free(c->cert[i].occupation);
        free(c->cert[i].work_type);
        free(c->cert[i].issued_s);
        free(c->cert[i].number);
    }
    free(c->cert);
    for (i = 0; i < c->n_ev; i++) {
        free(c->ev[i].occupation);
        free(c->ev[i].date_s);
        free(c->ev[i].description);
    }
    free(c->ev);
    free(c->appr_occupation);
    free(c->appr_date_s);
    free(c);
}

/* strdup of an optional string: NULL stays NULL; *bad set on failure. */
static char *dup_opt(const char *s, int *bad)
{
    char *d;
    if (!s)
        return NULL;
    if (!(d = sc__strdup(s)))
        *bad = 1;
    return d;
}

int sc_candidate_add_education(sc_candidate *c, int kind, const char *major, unsigned int flags,
                               const char *graduated)
{
    sc__edu e;
    int rc, bad = 0;
    if (!c)
        return sc__error_null("sc_candidate_add_education", "c");
    if (kind < 1 || kind > N_EDU_KINDS) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown education kind %d", kind);
        sc__error_set_field("education.kind");
        return SC_EINVAL;
    }
    if (flags & ~(SC_EDUCATION_RELATED | SC_EDUCATION_EVALUATED | SC_EDUCATION_FINAL_YEAR)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown education flags 0x%x", flags);
        sc__error_set_field("education.flags");
        return SC_EINVAL;
    }
    if (major && !*major)
        major = NULL;
    if ((rc = sc__check_text(major, "education.major", 128, 0)) != SC_OK)
        return rc;
    if (!graduated && !(flags & SC_EDUCATION_FINAL_YEAR)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "education.graduated must be given unless the candidate is a final-year "
                      "student (SC_EDUCATION_FINAL_YEAR)");
        sc__error_set_field("education.graduated");
        return SC_EINVAL;
    }
    if (graduated && (rc = sc__check_date(graduated, "education.graduated")) != SC_OK)
        return rc;
    if ((rc = grow((void **)&c->edu, &c->cap_edu, c->n_edu, sizeof(*c->edu))) != SC_OK)
        return rc;
    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.flags = flags;
    e.graduated = graduated ? sc__day_parse(graduated) : SC__DAY_NONE;
    e.major = dup_opt(major, &bad);
    e.graduated_s = dup_opt(graduated, &bad);
    if (bad) {
        free(e.major);
        free(e.graduated_s);
        return nomem();
    }
    c->edu[c->n_edu++] = e;
    return SC_OK;
}

int sc_candidate_add_work(sc_candidate *c, const char *occupation, const char *from,
                          const char *to)
{
    sc__work w;
    char norm[16];
    size_t i;
    int rc, bad = 0;
    if (!c)
        return sc__error_null("sc_candidate_add_work", "c");
    memset(&w, 0, sizeof w);
    if ((rc = sc__occ_parse(occupation, &w.occ, norm)) != SC_OK) {
        sc__error_set_field("work.occupation");
        return rc;
    }
    if ((rc = sc__check_date(from, "work.from")) != SC_OK ||
        (to && (rc = sc__check_date(to, "work.to")) != SC_OK))
        return rc;
    if (to && strcmp(to, from) < 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "work ends (%s) before it starts (%s)", to, from);
        sc__error_set_field("work.to");
        return SC_EINVAL;
    }
    if ((rc = grow((void **)&c->work, &c->cap_work, c->n_work, sizeof(*c->work))) != SC_OK)
        return rc;
    w.from = sc__day_parse(from);
    w.to_excl = to ? sc__day_parse(to) + 1 : SC__DAY_NONE;
    w.occupation = dup_opt(norm, &bad);
    w.from_s = dup_opt(from, &bad);
    w.to_s = dup_opt(to, &bad);
    if (bad) {
        free(w.occupation);
        free(w.from_s);
        free(w.to_s);
        return nomem();
    }
    /* Keep the periods sorted by first day (stable), for one-pass merging. */
    i = c->n_work;
    while (i > 0 && c->work[i - 1].from > w.from) {
        c->work[i] = c->work[i - 1];
        i--;
    }
    c->work[i] = w;
    c->n_work++;
    return SC_OK;
}

int sc_candidate_add_certificate(sc_candidate *c, int kind, const char *occupation,
                                 const char *work_type, int level, const char *issued,
                                 const char *number)
{
    sc__cert x;
    char norm[16];
    int rc, bad = 0;
    if (!c)
        return sc__error_null("sc_candidate_add_certificate", "c");
    if (kind < 1 || kind > N_CERT_KINDS) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown certificate kind %d", kind);
        sc__error_set_field("certificate.kind");
        return SC_EINVAL;
    }
    if (kind == SC_CERT_KIND_PRE_TECHNICIAN ? level != 0
                                            : (level < SC_LEVEL_MIN || level > SC_LEVEL_MAX)) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      kind == SC_CERT_KIND_PRE_TECHNICIAN
                          ? "a pre-technician certificate has no level (give 0, not %d)"
                          : "certificate level %d is outside 1-5",
                      level);
        sc__error_set_field("certificate.level");
        return SC_EINVAL;
    }
    memset(&x, 0, sizeof x);
    if ((rc = sc__occ_parse(occupation, &x.occ, norm)) != SC_OK) {
        sc__error_set_field("certificate.occupation");
        return rc;
    }
    if (work_type && !*work_type)
        work_type = NULL;
    if (number && !*number)
        number = NULL;
    if ((rc = sc__check_text(work_type, "certificate.work_type", 128, 0)) != SC_OK ||
        (rc = sc__check_text(number, "certificate.number", 64, 0)) != SC_OK ||
        (rc = sc__check_date(issued, "certificate.issued")) != SC_OK)
        return rc;
    if ((rc = grow((void **)&c->cert, &c->cap_cert, c->n_cert, sizeof(*c->cert))) != SC_OK)
        return rc;
    x.kind = kind;
    x.level = level;
    x.issued = sc__day_parse(issued);
    x.occupation = dup_opt(norm, &bad);
    x.work_type = dup_opt(work_type, &bad);
    x.issued_s = dup_opt(issued, &bad);
    x.number = dup_opt(number, &bad);
    if (bad) {
        free(x.occupation);
        free(x.work_type);
        free(x.issued_s);
        free(x.number);
        return nomem();
    }
    c->cert[c->n_cert++] = x;
    return SC_OK;
}

int sc_candidate_set_apprenticeship(sc_candidate *c, const char *occupation,
                                    const char *completed)
{
    char norm[16];
    sc__occ occ;
    char *o, *d;
    int rc;
    if (!c)
        return sc__error_null("sc_candidate_set_apprenticeship", "c");
    if (!occupation && !completed) {
        free(c->appr_occupation);
        free(c->appr_date_s);
        c->appr_occupation = c->appr_date_s = NULL;
        c->appr_occ = 0;
        c->appr_date = SC__DAY_NONE;
        return SC_OK;
    }
    if (!occupation || !completed) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "an apprenticeship needs both its occupation and its completion date");
        sc__error_set_field(occupation ? "apprenticeship.completed" : "apprenticeship.occupation");
        return SC_EINVAL;
    }
    if ((rc = sc__occ_parse(occupation, &occ, norm)) != SC_OK) {
        sc__error_set_field("apprenticeship.occupation");
        return rc;
    }
    if ((rc = sc__check_date(completed, "apprenticeship.completed")) != SC_OK)
        return rc;
    o = sc__strdup(norm);
    d = o ? sc__strdup(completed) : NULL;
    if (!d) {
        free(o);
        return nomem();
    }
    free(c->appr_occupation);
    free(c->appr_date_s);
    c->appr_occupation = o;
    c->appr_date_s = d;
    c->appr_occ = occ;
    c->appr_date = sc__day_parse(completed);
    return SC_OK;
}

int sc_candidate_add_evidence(sc_candidate *c, int kind, const char *occupation, int grade,
                              const char *date, const char *description)
{
    sc__evidence e;
    char norm[16];
    int rc, bad = 0, lo = 0, hi = 0;
    if (!c)
        return sc__error_null("sc_candidate_add_evidence", "c");
    if (kind < 1 || kind > N_EVIDENCE_KINDS) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown evidence kind %d", kind);
        sc__error_set_field("evidence.kind");
        return SC_EINVAL;
    }
    if (kind == SC_EVIDENCE_COMPETITION_ENTRY || kind == SC_EVIDENCE_COMPETITION_AWARD) {
        lo = SC_SCOPE_CITY;
        hi = SC_SCOPE_INTERNATIONAL;
    } else if (kind == SC_EVIDENCE_TRAINING) {
        lo = SC_LEVEL_MIN;
        hi = SC_LEVEL_MAX;
    }
    if (grade < lo || grade > hi) {
        if (hi)
            sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s evidence needs a grade from %d to %d "
                          "(%s), not %d", evidence_kinds[kind], lo, hi,
                          kind == SC_EVIDENCE_TRAINING ? "the level"
                                                       : "1 city … 4 international",
                          grade);
        else
            sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s evidence takes no grade (give 0, not %d)",
                          evidence_kinds[kind], grade);
        sc__error_set_field("evidence.grade");
        return SC_EINVAL;
    }
    memset(&e, 0, sizeof e);
    if (occupation && *occupation && (rc = sc__occ_parse(occupation, &e.occ, norm)) != SC_OK) {
        sc__error_set_field("evidence.occupation");
        return rc;
    }
    if (description && !*description)
        description = NULL;
    if ((rc = sc__check_date(date, "evidence.date")) != SC_OK ||
        (rc = sc__check_text(description, "evidence.description", 512, 0)) != SC_OK)
        return rc;
    if ((rc = grow((void **)&c->ev, &c->cap_ev, c->n_ev, sizeof(*c->ev))) != SC_OK)
        return rc;
    e.kind = kind;
    e.grade = grade;
    e.date = sc__day_parse(date);
    e.occupation = e.occ ? dup_opt(norm, &bad) : NULL;
    e.date_s = dup_opt(date, &bad);
    e.description = dup_opt(description, &bad);
    if (bad) {
        free(e.occupation);
        free(e.date_s);
        free(e.description);
        return nomem();
    }
    c->ev[c->n_ev++] = e;
    return SC_OK;
}

/* ---- getters ------------------------------------------------------------------- */

const char *sc_candidate_id_number(const sc_candidate *c) { return c ? c->id_number : NULL; }
const char *sc_candidate_name(const sc_candidate *c) { return c ? c->name : NULL; }
const char *sc_candidate_birth_date(const sc_candidate *c) { return c ? c->birth_date : NULL; }
int sc_candidate_sex(const sc_candidate *c) { return c ? c->sex : 0; }

size_t sc_candidate_education_count(const sc_candidate *c) { return c ? c->n_edu : 0; }
#define EDU(c, i) ((c) && (i) < (c)->n_edu)
int sc_candidate_education_kind(const sc_candidate *c, size_t i)
{
    return EDU(c, i) ? c->edu[i].kind : 0;
}
const char *sc_candidate_education_major(const sc_candidate *c, size_t i)
{
    return EDU(c, i) ? c->edu[i].major : NULL;
}
unsigned int sc_candidate_education_flags(const sc_candidate *c, size_t i)
{
    return EDU(c, i) ? c->edu[i].flags : 0;
}
const char *sc_candidate_education_graduated(const sc_candidate *c, size_t i)
{
    return EDU(c, i) ? c->edu[i].graduated_s : NULL;
}

size_t sc_candidate_work_count(const sc_candidate *c) { return c ? c->n_work : 0; }
#define WORK(c, i) ((c) && (i) < (c)->n_work)
const char *sc_candidate_work_occupation(const sc_candidate *c, size_t i)
{
    return WORK(c, i) ? c->work[i].occupation : NULL;
}
const char *sc_candidate_work_from(const sc_candidate *c, size_t i)
{
    return WORK(c, i) ? c->work[i].from_s : NULL;
}
const char *sc_candidate_work_to(const sc_candidate *c, size_t i)
{
    return WORK(c, i) ? c->work[i].to_s : NULL;
}

size_t sc_candidate_certificate_count(const sc_candidate *c) { return c ? c->n_cert : 0; }
#define CERT(c, i) ((c) && (i) < (c)->n_cert)
int sc_candidate_certificate_kind(const sc_candidate *c, size_t i)
{
    return CERT(c, i) ? c->cert[i].kind : 0;
}
const char *sc_candidate_certificate_occupation(const sc_candidate *c, size_t i)
{
    return CERT(c, i) ? c->cert[i].occupation : NULL;
}
const char *sc_candidate_certificate_work_type(const sc_candidate *c, size_t i)
{
    return CERT(c, i) ? c->cert[i].work_type : NULL;
}
int sc_candidate_certificate_level(const sc_candidate *c, size_t i)
{
    return CERT(c, i) ? c->cert[i].level : 0;
}
const char *sc_candidate_certificate_issued(const sc_candidate *c, size_t i)
{
    return CERT(c, i) ? c->cert[i].issued_s : NULL;
}
const char *sc_candidate_certificate_number(const sc_candidate *c, size_t i)
{
    return CERT(c, i) ? c->cert[i].number : NULL;
}

const char *sc_candidate_apprenticeship_occupation(const sc_candidate *c)
{
    return c ? c->appr_occupation : NULL;
}
const char *sc_candidate_apprenticeship_completed(const sc_candidate *c)
{
    return c ? c->appr_date_s : NULL;
}

size_t sc_candidate_evidence_count(const sc_candidate *c) { return c ? c->n_ev : 0; }
#define EV(c, i) ((c) && (i) < (c)->n_ev)
int sc_candidate_evidence_kind(const sc_candidate *c, size_t i)
{
    return EV(c, i) ? c->ev[i].kind : 0;
}
const char *sc_candidate_evidence_occupation(const sc_candidate *c, size_t i)
{
    return EV(c, i) ? c->ev[i].occupation : NULL;
}
int sc_candidate_evidence_grade(const sc_candidate *c, size_t i)
{
    return EV(c, i) ? c->ev[i].grade : 0;
}
const char *sc_candidate_evidence_date(const sc_candidate *c, size_t i)
{
    return EV(c, i) ? c->ev[i].date_s : NULL;
}
const char *sc_candidate_evidence_description(const sc_candidate *c, size_t i)
{
    return EV(c, i) ? c->ev[i].description : NULL;
}

/* ---- the registry -------------------------------------------------------------- */

static const char SQL_CAND_ID[] = "SELECT id FROM candidate WHERE id_number = ?1";
static const char SQL_CAND_INS[] =
    "INSERT INTO candidate(id_number, name, birth_date, sex, apprenticeship_occupation, "
    "apprenticeship_completed, created, updated, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?7)";
static const char SQL_CAND_UPD[] =
    "UPDATE candidate SET name = ?2, apprenticeship_occupation = ?3, "
    "apprenticeship_completed = ?4, updated = strftime('%Y-%m-%dT%H:%M:%SZ','now'), "
    "updated_by = ?5 WHERE id = ?1";
static const char SQL_DEL_EDU[] = "DELETE FROM candidate_education WHERE candidate_id = ?1";
static const char SQL_DEL_WORK[] = "DELETE FROM candidate_work WHERE candidate_id = ?1";
static const char SQL_DEL_CERT[] = "DELETE FROM candidate_certificate WHERE candidate_id = ?1";
static const char SQL_DEL_EV[] = "DELETE FROM candidate_evidence WHERE candidate_id = ?1";
static const char SQL_INS_EDU[] =
    "INSERT INTO candidate_education(candidate_id, seq, kind, major, flags, graduated) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_INS_WORK[] =
    "INSERT INTO candidate_work(candidate_id, seq, occupation, from_date, to_date) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_INS_CERT[] =
    "INSERT INTO candidate_certificate(candidate_id, seq, kind, occupation, work_type, level, "
    "issued, number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_INS_EV[] =
    "INSERT INTO candidate_evidence(candidate_id, seq, kind, occupation, grade, date, "
    "description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/* SC_OK with *id, SC_ENOTFOUND (not recorded), or a recorded error. */
static int find_candidate(sc_db *db, const char *number, sqlite3_int64 *id)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_CAND_ID, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, number);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return SC_OK;
    if (rc == SQLITE_DONE)
        return SC_ENOTFOUND;
    return sc__db_fail(db, rc, "looking up a candidate");
}

static int delete_children(sc_db *db, sqlite3_int64 id)
{
    const char *const sqls[] = { SQL_DEL_EDU, SQL_DEL_WORK, SQL_DEL_CERT, SQL_DEL_EV };
    size_t i;
    int rc;
    for (i = 0; i < sizeof sqls / sizeof sqls[0]; i++) {
        sqlite3_stmt *st;
        if ((rc = sc__db_stmt_get(db, sqls[i], &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, id);
        if ((rc = sc__db_exec_stmt(db, st, "replacing a candidate record")) != SC_OK)
            return rc;
    }
    return SC_OK;
}

static int save_children(sc_db *db, sqlite3_int64 id, const sc_candidate *c)
{
    sqlite3_stmt *st;
    size_t i;
    int rc;
    for (i = 0; i < c->n_edu; i++) {
        const sc__edu *e = &c->edu[i];
        if ((rc = sc__db_stmt_get(db, SQL_INS_EDU, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int(st, 3, e->kind);
        sc__bind_text(st, 4, e->major);
        sqlite3_bind_int(st, 5, (int)e->flags);
        sc__bind_text(st, 6, e->graduated_s);
        if ((rc = sc__db_exec_stmt(db, st, "saving education")) != SC_OK)
            return rc;
    }
    for (i = 0; i < c->n_work; i++) {
        const sc__work *w = &c->work[i];
        if ((rc = sc__db_stmt_get(db, SQL_INS_WORK, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sc__bind_text(st, 3, w->occupation);
        sc__bind_text(st, 4, w->from_s);
        sc__bind_text(st, 5, w->to_s);
        if ((rc = sc__db_exec_stmt(db, st, "saving work history")) != SC_OK)
            return rc;
    }
    for (i = 0; i < c->n_cert; i++) {
        const sc__cert *x = &c->cert[i];
        if ((rc = sc__db_stmt_get(db, SQL_INS_CERT, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int(st, 3, x->kind);
        sc__bind_text(st, 4, x->occupation);
        sc__bind_text(st, 5, x->work_type);
        sqlite3_bind_int(st, 6, x->level);
        sc__bind_text(st, 7, x->issued_s);
        sc__bind_text(st, 8, x->number);
        if ((rc = sc__db_exec_stmt(db, st, "saving certificates")) != SC_OK)
            return rc;
    }
    for (i = 0; i < c->n_ev; i++) {
        const sc__evidence *e = &c->ev[i];
        if ((rc = sc__db_stmt_get(db, SQL_INS_EV, &st)) != SC_OK)
            return rc;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int(st, 3, e->kind);
        sc__bind_text(st, 4, e->occupation);
        sqlite3_bind_int(st, 5, e->grade);
        sc__bind_text(st, 6, e->date_s);
        sc__bind_text(st, 7, e->description);
        if ((rc = sc__db_exec_stmt(db, st, "saving evidence")) != SC_OK)
            return rc;
    }
    return SC_OK;
}

/* Rewrite candidate row id from c (name, apprenticeship, who saved it). */
static int update_row(sc_db *db, const sc_actor *actor, sqlite3_int64 id, const sc_candidate *c)
{
    sqlite3_stmt *st;
    int rc;
    if ((rc = sc__db_stmt_get(db, SQL_CAND_UPD, &st)) != SC_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sc__bind_text(st, 2, c->name);
    sc__bind_text(st, 3, c->appr_occupation);
    sc__bind_text(st, 4, c->appr_date_s);
    sc__bind_text(st, 5, actor ? actor->label : "system");
    return sc__db_exec_stmt(db, st, "updating a candidate");
}

/* Create or replace a record inside the caller's transaction, without an
 * actor check (the caller made it); *id (may be NULL) gets its row id and
 * *created (may be NULL) whether it was new. */
int sc__candidate_store(sc_db *db, const sc_actor *actor, const sc_candidate *c,
                        sqlite3_int64 *id_out, int *created)
{
    sqlite3_int64 id = 0;
    sqlite3_stmt *st;
    int rc;
    rc = find_candidate(db, c->id_number, &id);
    if (rc == SC_OK) {
        if ((rc = update_row(db, actor, id, c)) != SC_OK ||
            (rc = delete_children(db, id)) != SC_OK)
            return rc;
        if (created)
            *created = 0;
    } else if (rc == SC_ENOTFOUND) {
        if ((rc = sc__db_stmt_get(db, SQL_CAND_INS, &st)) != SC_OK)
            return rc;
        sc__bind_text(st, 1, c->id_number);
        sc__bind_text(st, 2, c->name);
        sc__bind_text(st, 3, c->birth_date);
        sqlite3_bind_int(st, 4, c->sex);
        sc__bind_text(st, 5, c->appr_occupation);
        sc__bind_text(st, 6, c->appr_date_s);
        sc__bind_text(st, 7, actor ? actor->label : "system");
        if ((rc = sc__db_exec_stmt(db, st, "adding a candidate")) != SC_OK)
            return rc;
        id = sqlite3_last_insert_rowid(db->conn);
        if (created)
            *created = 1;
    } else {
        return rc;
    }
    if ((rc = save_children(db, id, c)) != SC_OK)
        return rc;
    if (id_out)
        *id_out = id;
    return SC_OK;
}

int sc_candidate_save(sc_db *db, const sc_actor *actor, const sc_candidate *c)
{
    int rc, created = 0;
    if ((rc = sc__db_check(db, "sc_candidate_save", 1)) != SC_OK)
        return rc;
    if (!c)
        return sc__error_null("sc_candidate_save", "c");
    /* The candidate themself, or the city centre (the action table). */
    if ((rc = sc__authorize(db, actor, SC__ACT_CANDIDATE_SAVE, c->id_number)) != SC_OK)
        return rc;
    if ((rc = sc__db_begin(db)) != SC_OK)
        return rc;
    if ((rc = sc__candidate_store(db, actor, c, NULL, &created)) != SC_OK ||
        (rc = sc__audit_append(db, actor, "candidate", c->id_number,
                               sc__action_name(SC__ACT_CANDIDATE_SAVE),
                               "%s education=%zu work=%zu certificates=%zu evidence=%zu%s",
                               created ? "created" : "replaced", c->n_edu, c->n_work, c->n_cert,
                               c->n_ev, c->appr_occupation ? " apprenticeship" : "")) != SC_OK)
        goto fail;
    return sc__db_commit(db);
fail:
    sc__db_rollback(db);
    return rc;
}

static const char SQL_CAND_ROW[] =
    "SELECT id, name, apprenticeship_occupation, apprenticeship_completed FROM candidate "
    "WHERE id_number = ?1";
static const char SQL_GET_EDU[] =
    "SELECT kind, major, flags, graduated FROM candidate_education WHERE candidate_id = ?1 "
    "ORDER BY seq";
static const char SQL_GET_WORK[] =
    "SELECT occupation, from_date, to_date FROM candidate_work WHERE candidate_id = ?1 "
    "ORDER BY seq";
static const char SQL_GET_CERT[] =
    "SELECT kind, occupation, work_type, level, issued, number FROM candidate_certificate "
    "WHERE candidate_id = ?1 ORDER BY seq";
static const char SQL_GET_EV[] =
    "SELECT kind, occupation, grade, date, description FROM candidate_evidence "
    "WHERE candidate_id = ?1 ORDER BY seq";

/* Stored rows were checked when saved; a row the builder refuses now means
 * the file was edited behind the library's back. */
static int load_fail(sc_db *db, int rc, sqlite3_stmt *st)
{
    sqlite3_reset(st);
    if (rc == SC_EINVAL)
        return sc__error_set(SC_EDB, SC_DOMAIN_DB, "'%s': a stored candidate record is corrupt: %s",
                             db->path, sc_error_last()->message);
    return rc;
}

static int load_children(sc_db *db, sc_candidate *c, sqlite3_int64 id)
{
    sqlite3_stmt *st;
    int rc, step;

#define CHILD_LOOP(sql, call, what)                                                        \
    do {                                                                                   \
        if ((rc = sc__db_stmt_get(db, sql, &st)) != SC_OK)                                 \
            return rc;                                                                     \
        sqlite3_bind_int64(st, 1, id);                                                     \
        while ((step = sqlite3_step(st)) == SQLITE_ROW)                                    \
            if ((rc = (call)) != SC_OK)                                                    \
                return load_fail(db, rc, st);                                              \
        sqlite3_reset(st);                                                                 \
        if (step != SQLITE_DONE)                                                           \
            return sc__db_fail(db, step, what);                                            \
    } while (0)

    CHILD_LOOP(SQL_GET_EDU,
               sc_candidate_add_education(c, sqlite3_column_int(st, 0), sc__col_text(st, 1),
                                          (unsigned)sqlite3_column_int(st, 2),
                                          sc__col_text(st, 3)),
               "reading education");
    CHILD_LOOP(SQL_GET_WORK,
               sc_candidate_add_work(c, sc__col_text(st, 0), sc__col_text(st, 1),
                                     sc__col_text(st, 2)),
               "reading work history");
    CHILD_LOOP(SQL_GET_CERT,
               sc_candidate_add_certificate(c, sqlite3_column_int(st, 0), sc__col_text(st, 1),
                                            sc__col_text(st, 2), sqlite3_column_int(st, 3),
                                            sc__col_text(st, 4), sc__col_text(st, 5)),
               "reading certificates");
    CHILD_LOOP(SQL_GET_EV,
               sc_candidate_add_evidence(c, sqlite3_column_int(st, 0), sc__col_text(st, 1),
                                         sqlite3_column_int(st, 2), sc__col_text(st, 3),
                                         sc__col_text(st, 4)),
               "reading evidence");
#undef CHILD_LOOP
    return SC_OK;
}

int sc_candidate_load(sc_candidate **out, sc_db *db, const char *id_number)
{
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    sc_candidate *c = NULL;
    sqlite3_stmt *st;
    sqlite3_int64 id;
    int rc, step;
    if (!out)
        return sc__error_null("sc_candidate_load", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_candidate_load", 0)) != SC_OK ||
        (rc = sc__resident_id_check(id_number, &r)) != SC_OK)
        return rc;
    if ((rc = sc__db_stmt_get(db, SQL_CAND_ROW, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, r.number);
    step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        sqlite3_reset(st);
        sc__error_set(SC_ENOTFOUND, SC_DOMAIN_RULES, "no candidate with ID number %s is recorded",
                      r.number);
        sc__error_set_field("id_number");
        return SC_ENOTFOUND;
    }
    if (step != SQLITE_ROW) {
        sqlite3_reset(st);
        return sc__db_fail(db, step, "reading a candidate");
    }
    id = sqlite3_column_int64(st, 0);
    rc = sc_candidate_new(&c, r.number, sc__col_text(st, 1));
    if (rc == SC_OK && sqlite3_column_type(st, 2) != SQLITE_NULL)
        rc = sc_candidate_set_apprenticeship(c, sc__col_text(st, 2), sc__col_text(st, 3));
    if (rc != SC_OK) {
        rc = load_fail(db, rc, st);
        sc_candidate_free(c);
        return rc;
    }
    sqlite3_reset(st);
    if ((rc = load_children(db, c, id)) != SC_OK) {
        sc_candidate_free(c);
        return rc;
    }
    *out = c;
    return SC_OK;
}

/* No RETURNING: SQLite runs it through an ephemeral table per row, which cost a
 * sixth of an import; the application insert finds the candidate's id itself. */
static const char SQL_CAND_RECEIVE[] =
    "INSERT OR IGNORE INTO candidate(id_number, name, birth_date, sex, created, updated, "
    "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)";
static const char SQL_CAND_RENAME[] =
    "UPDATE candidate SET name = ?2, updated = ?3, updated_by = ?4 WHERE id_number = ?1";

int sc__candidate_receive(sc_db *db, const sc_resident_id *rid, const char *name,
                          const char *now, const char *by, sqlite3_int64 *fresh)
{
    sqlite3_stmt *st;
    int rc;
    if (fresh)
        *fresh = 0;
    /* New: one INSERT, and the caller knows nothing of theirs is stored. */
    if ((rc = sc__db_stmt_get(db, SQL_CAND_RECEIVE, &st)) != SC_OK)
        return rc;
    sqlite3_bind_text(st, 1, rid->number, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, rid->birth_date, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, rid->sex);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, by, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "recording a candidate");
    if (sqlite3_changes(db->conn) == 1) {
        if (fresh)
            *fresh = sqlite3_last_insert_rowid(db->conn);
        return SC_OK;
    }
    /* Recorded before: renamed. */
    if ((rc = sc__db_stmt_get(db, SQL_CAND_RENAME, &st)) != SC_OK)
        return rc;
    sqlite3_bind_text(st, 1, rid->number, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, by, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sc__db_fail(db, rc, "recording a candidate");
    if (sqlite3_changes(db->conn) != 1)
        return sc__error_set(SC_EDB, SC_DOMAIN_DB, "recording a candidate: %s was neither "
                             "added nor found", rid->number);
    return SC_OK;
}

int sc__candidate_store_fresh(sc_db *db, const sc_actor *actor, sqlite3_int64 id,
                              const sc_candidate *c)
{
    int rc;
    /* the row holds the apprenticeship */
    if (c->appr_occupation && (rc = update_row(db, actor, id, c)) != SC_OK)
        return rc;
    return save_children(db, id, c);
}

/* ---- an organization adds, never overwrites (issue 11) -------------------------------- */

static int same_text(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}

static int has_edu(const sc_candidate *c, const sc__edu *e)
{
    size_t i;
    for (i = 0; i < c->n_edu; i++)
        if (c->edu[i].kind == e->kind && c->edu[i].flags == e->flags &&
            same_text(c->edu[i].major, e->major) &&
            same_text(c->edu[i].graduated_s, e->graduated_s))
            return 1;
    return 0;
}

static int has_work(const sc_candidate *c, const sc__work *w)
{
    size_t i;
    for (i = 0; i < c->n_work; i++)
        if (same_text(c->work[i].occupation, w->occupation) &&
            same_text(c->work[i].from_s, w->from_s) && same_text(c->work[i].to_s, w->to_s))
            return 1;
    return 0;
}

static int has_cert(const sc_candidate *c, const sc__cert *x)
{
    size_t i;
    for (i = 0; i < c->n_cert; i++)
        if (c->cert[i].kind == x->kind && c->cert[i].level == x->level &&
            same_text(c->cert[i].occupation, x->occupation) &&
            same_text(c->cert[i].work_type, x->work_type) &&
            same_text(c->cert[i].issued_s, x->issued_s) &&
            same_text(c->cert[i].number, x->number))
            return 1;
    return 0;
}

static int has_ev(const sc_candidate *c, const sc__evidence *x)
{
    size_t i;
    for (i = 0; i < c->n_ev; i++)
        if (c->ev[i].kind == x->kind && c->ev[i].grade == x->grade &&
            same_text(c->ev[i].occupation, x->occupation) &&
            same_text(c->ev[i].date_s, x->date_s) &&
            same_text(c->ev[i].description, x->description))
            return 1;
    return 0;
}

static int overwrite_refused(const char *id_number, const char *what)
{
    sc__error_set(SC_ECONSTRAINT, SC_DOMAIN_RULES,
                  "the stored record of %s has %s, which the record handed in would drop: "
                  "an organization may add to a candidate's record, not overwrite what the "
                  "candidate or the city centre saved", id_number, what);
    sc__error_set_field("record");
    return SC_ECONSTRAINT;
}

int sc__candidate_store_adding(sc_db *db, const sc_actor *actor, const sc_candidate *c,
                               sqlite3_int64 *id, int *created)
{
    sc_candidate *have = NULL;
    char what[160];
    size_t i;
    int rc = sc_candidate_load(&have, db, c->id_number);
    if (rc == SC_ENOTFOUND) {
        sc_error_clear();
        return sc__candidate_store(db, actor, c, id, created);
    }
    if (rc != SC_OK)
        return rc;
    rc = SC_OK;
    if (!same_text(have->name, c->name)) {
        snprintf(what, sizeof what, "the name %s", have->name);
        rc = overwrite_refused(c->id_number, what);
    } else if (have->appr_occupation &&
               (!same_text(have->appr_occupation, c->appr_occupation) ||
                !same_text(have->appr_date_s, c->appr_date_s))) {
        snprintf(what, sizeof what, "an apprenticeship in %s", have->appr_occupation);
        rc = overwrite_refused(c->id_number, what);
    }
    for (i = 0; rc == SC_OK && i < have->n_edu; i++)
        if (!has_edu(c, &have->edu[i])) {
            snprintf(what, sizeof what, "education %zu (%s)", i + 1,
                     have->edu[i].major ? have->edu[i].major : "");
            rc = overwrite_refused(c->id_number, what);
        }
    for (i = 0; rc == SC_OK && i < have->n_work; i++)
        if (!has_work(c, &have->work[i])) {
            snprintf(what, sizeof what, "work in %s from %s", have->work[i].occupation,
                     have->work[i].from_s);
            rc = overwrite_refused(c->id_number, what);
        }
    for (i = 0; rc == SC_OK && i < have->n_cert; i++)
        if (!has_cert(c, &have->cert[i])) {
            snprintf(what, sizeof what, "certificate %zu (%s level %d)", i + 1,
                     have->cert[i].occupation ? have->cert[i].occupation : "",
                     have->cert[i].level);
            rc = overwrite_refused(c->id_number, what);
        }
    for (i = 0; rc == SC_OK && i < have->n_ev; i++)
        if (!has_ev(c, &have->ev[i])) {
            snprintf(what, sizeof what, "evidence %zu", i + 1);
            rc = overwrite_refused(c->id_number, what);
        }
    sc_candidate_free(have);
    if (rc != SC_OK)
        return rc;
    return sc__candidate_store(db, actor, c, id, created);
}
