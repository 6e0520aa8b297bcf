/*
 * End-to-end demo of libskillcert: create a registry file, load the notice's
 * catalog (京人社能发〔2022〕8号 附件1) and print it with levels by name, then
 * answer a few "is this certifiable?" questions.
 *
 *   demo [REGISTRY.db]      (default: demo.db)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <skillcert.h>

static int fail(const char *what)
{
    const sc_error *e = sc_error_last();
    fprintf(stderr, "demo: %s: %s (%s)\n", what, e->message, sc_strerror(e->code));
    return 1;
}

/* Display width of UTF-8 text: CJK and fullwidth forms take two columns. */
static int width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        cp = n == 1 ? *p : n == 2 ? (*p & 0x1Fu) : n == 3 ? (*p & 0x0Fu) : (*p & 0x07u);
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3Fu);
        w += (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                     (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                     (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                 ? 2 : 1;
        p += n;
    }
    return w;
}

/* Print s left-aligned in a column of `cols` display columns. */
static void cell(const char *s, int cols)
{
    int pad = cols - width(s);
    printf("%s%*s", s, pad > 1 ? pad : 1, "");
}

/* Print "5 初级工, 4 中级工" for the offerings of one work type (NULL: undivided). */
static void print_levels(const sc_occupation *o, const char *work_type)
{
    size_t i, n = 0;
    for (i = 0; i < sc_occupation_offering_count(o); i++) {
        const char *wt = sc_occupation_offering_work_type(o, i);
        int level = sc_occupation_offering_level(o, i);
        if ((wt == NULL) != (work_type == NULL) || (wt && strcmp(wt, work_type)))
            continue;
        printf("%s%d %s", n++ ? ", " : "", level, sc_level_name_zh(level));
    }
    printf("\n");
}

static int print_catalog(sc_db *db)
{
    sc_occupation_iter *it = NULL;
    sc_occupation *o = NULL;
    int rc, n = 0;
    if (sc_occupation_iter_new(&it, db, "2022-04-12") != SC_OK)
        return fail("listing the catalog");
    cell("#", 4), cell("code", 12), cell("occupation", 24), cell("work type", 20);
    printf("levels\n");
    while ((rc = sc_occupation_iter_next(&o, it)) == SC_OK) {
        size_t w, has_undivided = 0, i;
        char num[16];
        for (i = 0; i < sc_occupation_offering_count(o); i++)
            has_undivided |= sc_occupation_offering_work_type(o, i) == NULL;
        snprintf(num, sizeof num, "%d", ++n);
        cell(num, 4), cell(sc_occupation_code(o), 12), cell(sc_occupation_name(o), 24);
        if (has_undivided || sc_occupation_work_type_count(o) == 0) {
            cell(sc_occupation_work_type_count(o) ? "(不分方向)" : "——", 20);
            print_levels(o, NULL);
        }
        for (w = 0; w < sc_occupation_work_type_count(o); w++) {
            const char *wt = sc_occupation_work_type(o, w);
            if (w > 0 || has_undivided)
                cell("", 40);
            cell(wt, 20);
            print_levels(o, wt);
        }
        sc_occupation_free(o);
    }
    sc_occupation_iter_free(it);
    if (rc != SC_ITEROVER)
        return fail("reading the catalog");
    return 0;
}

static void ask(sc_db *db, const char *code, const char *work_type, int level, const char *date)
{
    sc_verdict v;
    if (sc_catalog_check(&v, db, code, work_type, level, date) != SC_OK) {
        fail("checking");
        return;
    }
    printf("  %s %s level %d (%s) on %s: %s%s%s\n", code, work_type ? work_type : "(no work type)",
           level, sc_level_name_zh(level), date, v.ok ? "certifiable" : "NOT certifiable",
           v.ok ? "" : " — ", v.message);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "demo.db";
    sc_db *db = NULL;
    sc_actor *city = NULL;
    sc_import_result res;
    int rc = 1;

    printf("libskillcert %s — registry %s\n\n", sc_version_string(), path);
    if (sc_db_open(&db, path, NULL) != SC_OK)
        return fail("opening the registry");
    if (sc_actor_new(&city, SC_ACTOR_CITY_BUREAU, NULL, "北京市人力资源和社会保障局") != SC_OK) {
        fail("making the actor");
        goto done;
    }
    if (sc_xml_import_notice(&res, db, city) != SC_OK) {
        fail("loading the catalog");
        goto done;
    }
    if (res.already_imported)
        printf("1. Catalog batch %s was already loaded.\n\n", res.batch_id);
    else
        printf("1. Loaded the notice's catalog (batch %s): %llu records.\n\n", res.batch_id,
               (unsigned long long)res.records);
    printf("2. 新职业目录清单 (京人社能发〔2022〕8号 附件1):\n\n");
    if (print_catalog(db))
        goto done;
    printf("\n3. Is it certifiable?\n");
    ask(db, "4-04-05-04", NULL, 5, "2023-06-01");
    ask(db, "4-04-05-04", NULL, 3, "2023-06-01");
    ask(db, "4—04—05—04", "建筑工程", 3, "2023-06-01");
    ask(db, "4-14-02-04", "医学遗传", 1, "2023-06-01");
    ask(db, "4-14-02-04", "医学遗传", 2, "2023-06-01");
    ask(db, "4-02-07-10", NULL, 5, "2021-12-31");
    rc = 0;
done:
    sc_actor_free(city);
    sc_db_close(db);
    return rc;
}
