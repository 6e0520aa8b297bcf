/*
 * Period reports (supervision.h): inspections, findings, sanctions, credit
 * scores and certificate statistics of a period, as data. The HTML page is
 * rendered by the faces from this data (tools/report_html.c), not here.
 *
 * Floor: supervision/credit, above both: it reads supervision's, the credit
 * evaluation's and the certificates' tables and writes none.
 */
#include "supervision_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    sc_report_row *rows;
    size_t n, cap;
    int64_t total;
} section_t;

struct sc_period_report {
    char from[SC_DATE_SIZE], to[SC_DATE_SIZE];
    section_t sec[SC_RSEC_COUNT];
};

static const char *const section_names[SC_RSEC_COUNT] = {
    "inspections", "findings", "sanctions", "credit", "certificates-by-occupation",
    "certificates-by-level", "certificates-by-district", "certificates-by-org"
};

const char *sc_report_section_name(int section)
{
    return section >= 0 && section < SC_RSEC_COUNT ? section_names[section] : NULL;
}

static int row_add(section_t *s, const char *key, const char *label, int64_t count, double value)
{
    sc_report_row *r;
    if (s->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 16;
        sc_report_row *p = sc__realloc(s->rows, ncap * sizeof(*p));
        if (!p)
            return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
        s->rows = p;
        s->cap = ncap;
    }
    r = &s->rows[s->n++];
    SC__ZERO_KEEP_VERSION(r);
    sc__copy_text(r->key, sizeof r->key, key);
    sc__copy_text(r->label, sizeof r->label, label);
    r->count = count;
    r->value = value;
    s->total += count;
    return SC_OK;
}

void sc_period_report_free(sc_period_report *r)
{
    int i;
    if (!r)
        return;
    for (i = 0; i < SC_RSEC_COUNT; i++)
        free(r->sec[i].rows);
    free(r);
}

static const char SQL_R_INSPECTIONS[] =
    "SELECT kind, count(*) FROM inspection WHERE opened BETWEEN ?1 AND ?2 GROUP BY kind "
    "ORDER BY kind";
static const char SQL_R_FINDINGS[] =
    "SELECT category, count(*) FROM finding WHERE date BETWEEN ?1 AND ?2 AND "
    "(withdrawn IS NULL OR withdrawn > ?2) GROUP BY category ORDER BY category";
static const char SQL_R_SANCTIONS[] =
    "SELECT kind, count(*) FROM sanction WHERE date BETWEEN ?1 AND ?2 GROUP BY kind ORDER BY kind";
/* Certificates in force issued in the period (as sc_certificate_stats_iter_new counts). */
#define CERT_FROM                                                                             \
    " FROM certificate c JOIN cert_context x ON x.id = c.context JOIN org o ON o.id = x.org_id " \
    "WHERE c.status IN (?3, ?4) AND c.issued BETWEEN ?1 AND ?2 "
static const char SQL_R_BY_OCC[] =
    "SELECT x.occupation, (SELECT name FROM occupation WHERE code = x.occupation), count(*)"
    CERT_FROM "GROUP BY 1 ORDER BY 1";
static const char SQL_R_BY_LEVEL[] =
    "SELECT x.level, '', count(*)" CERT_FROM "GROUP BY 1 ORDER BY 1 DESC";
static const char SQL_R_BY_DISTRICT[] =
    "SELECT x.district, (SELECT name FROM district WHERE code = x.district), count(*)" CERT_FROM
    "GROUP BY 1 ORDER BY 1";
static const char SQL_R_BY_ORG[] =
    "SELECT o.credit_code, o.name, count(*)" CERT_FROM "GROUP BY 1 ORDER BY 1";

static const char *const sanction_zh[] = { "", "警告", "限期整改", "暂停认定", "退出目录" };
static const char *const inspect_zh[] = { "", "机构", "评价活动", "评价场地", "证书批次" };

static int gather(sc_db *db, sc_period_report *r, int section, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc, step;
    if ((rc = sc__db_prepare(db, sql, &st)) != SC_OK)
        return rc;
    sc__bind_text(st, 1, r->from);
    sc__bind_text(st, 2, r->to);
    if (sqlite3_bind_parameter_count(st) >= 4) { /* the certificates in force: CERT_FROM */
        sqlite3_bind_int(st, 3, SC_CERT_ISSUED);
        sqlite3_bind_int(st, 4, SC_CERT_PUBLISHED);
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        char key[SC_ORG_NAME_SIZE], label[SC_ORG_NAME_SIZE];
        int64_t count;
        int k;
        label[0] = '\0';
        switch (section) {
        case SC_RSEC_INSPECTIONS:
        case SC_RSEC_SANCTIONS:
            k = sqlite3_column_int(st, 0);
            snprintf(key, sizeof key, "%s",
                     section == SC_RSEC_SANCTIONS ? sc_sanction_kind_name(k)
                                                  : sc_inspection_kind_name(k));
            snprintf(label, sizeof label, "%s",
                     k >= 1 && k <= 4 ? (section == SC_RSEC_SANCTIONS ? sanction_zh[k]
                                                                       : inspect_zh[k])
                                      : "");
            count = sqlite3_column_int64(st, 1);
            break;
        case SC_RSEC_FINDINGS:
            sc__copy_text(key, sizeof key, sc__col_text(st, 0));
            snprintf(label, sizeof label, "%s", sc__finding_category_zh(key));
            count = sqlite3_column_int64(st, 1);
            break;
        case SC_RSEC_CERT_LEVEL:
            k = sqlite3_column_int(st, 0);
            snprintf(key, sizeof key, "%d", k);
            sc__level_text(k, label, sizeof label);
            count = sqlite3_column_int64(st, 2);
            break;
        default:
            sc__copy_text(key, sizeof key, sc__col_text(st, 0));
            sc__copy_text(label, sizeof label, sc__col_text(st, 1));
            count = sqlite3_column_int64(st, 2);
            break;
        }
        if ((rc = row_add(&r->sec[section], key, label, count, (double)count)) != SC_OK)
            goto done;
    }
    rc = step == SQLITE_DONE ? SC_OK : sc__db_fail(db, step, "gathering a report");
done:
    sqlite3_finalize(st);
    return rc;
}

int sc_period_report_get(sc_period_report **out, sc_db *db, const char *from, const char *to)
{
    sc_period_report *r;
    sc_credit_score *scores = NULL;
    size_t n = 0, i;
    int rc, own = 0;
    if (!out)
        return sc__error_null("sc_period_report_get", "out");
    *out = NULL;
    if ((rc = sc__db_check(db, "sc_period_report_get", 0)) != SC_OK)
        return rc;
    if (!from)
        return sc__error_null("sc_period_report_get", "from");
    if ((rc = sc__check_date(from, "from")) != SC_OK ||
        (to && (rc = sc__check_date(to, "to")) != SC_OK))
        return rc;
    if (!(r = sc__calloc(1, sizeof(*r))))
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory");
    snprintf(r->from, sizeof r->from, "%s", from);
    if (to)
        snprintf(r->to, sizeof r->to, "%s", to);
    else
        sc__today(r->to);
    if (strcmp(r->from, r->to) > 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "the period %s .. %s ends before it begins", from,
                      r->to);
        sc_period_report_free(r);
        sc__error_set_field("to");
        return SC_EINVAL;
    }
    /* One snapshot for every section. */
    if (db->txn_depth == 0 && sqlite3_get_autocommit(db->conn)) {
        int x = sqlite3_exec(db->conn, "BEGIN", NULL, NULL, NULL);
        if (x != SQLITE_OK) {
            sc_period_report_free(r);
            return sc__db_fail(db, x, "starting a read transaction");
        }
        own = 1;
    }
    if ((rc = gather(db, r, SC_RSEC_INSPECTIONS, SQL_R_INSPECTIONS)) != SC_OK ||
        (rc = gather(db, r, SC_RSEC_FINDINGS, SQL_R_FINDINGS)) != SC_OK ||
        (rc = gather(db, r, SC_RSEC_SANCTIONS, SQL_R_SANCTIONS)) != SC_OK ||
        (rc = gather(db, r, SC_RSEC_CERT_OCCUPATION, SQL_R_BY_OCC)) != SC_OK ||
        (rc = gather(db, r, SC_RSEC_CERT_LEVEL, SQL_R_BY_LEVEL)) != SC_OK ||
        (rc = gather(db, r, SC_RSEC_CERT_DISTRICT, SQL_R_BY_DISTRICT)) != SC_OK ||
        (rc = gather(db, r, SC_RSEC_CERT_ORG, SQL_R_BY_ORG)) != SC_OK ||
        (rc = sc__credit_scores_as_of(db, r->to, &scores, &n)) != SC_OK)
        goto fail;
    for (i = 0; i < n; i++) {
        char label[SC_ORG_NAME_SIZE];
        snprintf(label, sizeof label, "%s", scores[i].name);
        if ((rc = row_add(&r->sec[SC_RSEC_CREDIT], scores[i].credit_code, label,
                          scores[i].findings, scores[i].score)) != SC_OK)
            goto fail;
    }
    r->sec[SC_RSEC_CREDIT].total = (int64_t)n;
    free(scores);
    if (own)
        sqlite3_exec(db->conn, "COMMIT", NULL, NULL, NULL);
    *out = r;
    return SC_OK;
fail:
    free(scores);
    if (own)
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    sc_period_report_free(r);
    return rc;
}

const char *sc_period_report_from(const sc_period_report *r)
{
    return r ? r->from : "";
}

const char *sc_period_report_to(const sc_period_report *r)
{
    return r ? r->to : "";
}

size_t sc_period_report_count(const sc_period_report *r, int section)
{
    return r && section >= 0 && section < SC_RSEC_COUNT ? r->sec[section].n : 0;
}

int64_t sc_period_report_total(const sc_period_report *r, int section)
{
    return r && section >= 0 && section < SC_RSEC_COUNT ? r->sec[section].total : 0;
}

int sc_period_report_row(sc_report_row *out, const sc_period_report *r, int section, size_t i)
{
    if (!out)
        return sc__error_null("sc_period_report_row", "out");
    SC__VERSION_CHECK(out, "sc_report_row", SC_REPORT_ROW_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!r)
        return sc__error_null("sc_period_report_row", "r");
    if (section < 0 || section >= SC_RSEC_COUNT)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown report section %d", section);
    if (i >= r->sec[section].n)
        return sc__error_set(SC_ENOTFOUND, SC_DOMAIN_ARGS, "section %s has %zu rows",
                             section_names[section], r->sec[section].n);
    SC__ASSIGN_KEEP_VERSION(out, r->sec[section].rows[i]);
    return SC_OK;
}
