/*
 * bench_eligibility — eligibility decisions per second on one core.
 *
 *   bench/bench_eligibility [CANDIDATES [ROUNDS]]     (defaults 200000 and 5)
 *
 * Loads the notice's catalog and the built-in rules (the 2018 template and
 * the occupation-specific rules) into an in-memory registry, compiles them,
 * and generates CANDIDATES synthetic candidates with varied histories (work
 * periods in the occupation, related and unrelated ones, overlapping;
 * certificates at several levels; schools; apprenticeships; competition
 * evidence). Each candidate gets one question: an occupation (template-only
 * and occupation-specific ones) and a level 1–5. Then, ROUNDS times over all:
 *
 *   decide  sc_eligibility_decide() for every question, as of one day;
 *   floor   a bare loop over the same records that sums their dates, which is
 *           what any decision must at least touch.
 *
 * The last line is
 *   eligibility decisions_per_s=N floor_per_s=M ratio=R
 * where R = N / M. Run through `make bench-eligibility` (built with -O2); it
 * is not part of `make check`. The process pins itself to one CPU when it can.
 */
#define _GNU_SOURCE
#include "config.h"

#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "candidate_int.h"
#include "skillcert.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
    /* xorshift64*: deterministic, so every run measures the same records. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32) % n;
}

static void day_str(char out[11], int y, int m, int d)
{
    static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (d > md[m - 1])
        d = md[m - 1];
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

static void random_date(char out[11], int y0, int y1)
{
    day_str(out, y0 + (int)rnd((uint32_t)(y1 - y0 + 1)), 1 + (int)rnd(12), 1 + (int)rnd(28));
}

/* A valid resident ID number with a birth date in [1960, 2004]. */
static void make_id(char out[19], uint32_t serial)
{
    static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    char birth[11];
    int i, sum = 0;
    random_date(birth, 1960, 2004);
    snprintf(out, 19, "110105%.4s%.2s%.2s%03u", birth, birth + 5, birth + 8, serial % 1000u);
    for (i = 0; i < 17; i++)
        sum += (out[i] - '0') * w[i];
    out[17] = "10X98765432"[sum % 11];
    out[18] = '\0';
}

typedef struct {
    const char *code;
    const char *related;  /* a code whose work counts, or NULL */
} target;

static const target targets[] = {
    { "4-02-07-10", NULL },          /* 网约配送员: template only */
    { "4-99-00-00", NULL },          /* 无人机驾驶员: own rules for levels 5-3 */
    { "4-13-99-01", "4-13-99-00" },  /* 电子竞技员: own rules, old code related */
    { "4-01-02-07", "4-01-06-02" },  /* 互联网营销师: own level 1 */
    { "4-04-05-05", NULL },          /* 人工智能训练师: own level 5 */
    { "6-31-01-10", NULL },          /* 工业机器人系统运维员: template only */
};
#define NTARGETS (sizeof targets / sizeof targets[0])
static const char *const unrelated[] = { "4-04-04-04", "5-05-01-02", "6-25-04-09" };

typedef struct {
    sc_candidate *c;
    const char *occupation;
    int level;
} question;

static int fail(const char *what)
{
    fprintf(stderr, "bench_eligibility: %s: %s\n", what, sc_error_last()->message);
    return 1;
}

static int build(question *q, uint32_t serial)
{
    const target *t = &targets[rnd(NTARGETS)];
    char id[19], from[11], to[11], d[11];
    int n, i, rc;

    make_id(id, serial);
    if ((rc = sc_candidate_new(&q->c, id, "考生")) != SC_OK)
        return rc;
    q->occupation = t->code;
    q->level = 1 + (int)rnd(5);
    n = (int)rnd(5); /* 0-4 work periods, some overlapping, some elsewhere */
    for (i = 0; i < n && rc == SC_OK; i++) {
        const char *occ = rnd(10) < 7 ? t->code
                          : (t->related && rnd(2)) ? t->related
                                                   : unrelated[rnd(3)];
        int y = 2005 + (int)rnd(18);
        random_date(from, y, y);
        random_date(to, y + (int)rnd(6), y + 6);
        if (strcmp(to, from) < 0)
            memcpy(to, from, sizeof to);
        rc = sc_candidate_add_work(q->c, occ, from, rnd(3) ? to : NULL);
    }
    n = (int)rnd(3); /* 0-2 certificates */
    for (i = 0; i < n && rc == SC_OK; i++) {
        random_date(d, 2008, 2023);
        rc = sc_candidate_add_certificate(q->c, rnd(5) ? SC_CERT_KIND_SKILL_LEVEL
                                                        : SC_CERT_KIND_QUALIFICATION,
                                          rnd(10) < 8 ? t->code : unrelated[rnd(3)], NULL,
                                          2 + (int)rnd(4), d, NULL);
    }
    if (rc == SC_OK && rnd(3) == 0) {
        random_date(d, 2000, 2024);
        rc = sc_candidate_add_education(q->c, 1 + (int)rnd(7), "专业",
                                        (rnd(2) ? SC_EDUCATION_RELATED : 0u) |
                                            (rnd(3) ? 0u : SC_EDUCATION_EVALUATED),
                                        d);
    }
    if (rc == SC_OK && rnd(8) == 0) {
        random_date(d, 2005, 2023);
        rc = sc_candidate_set_apprenticeship(q->c, t->code, d);
    }
    if (rc == SC_OK && rnd(20) == 0) {
        random_date(d, 2015, 2023);
        rc = sc_candidate_add_evidence(q->c, rnd(2) ? SC_EVIDENCE_COMPETITION_AWARD
                                                    : SC_EVIDENCE_COMPETITION_ENTRY,
                                       t->code, 1 + (int)rnd(4), d, NULL);
    }
    return rc;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The floor: touch every record a decision may read, summing their dates. */
static int64_t floor_pass(const question *qs, size_t n)
{
    int64_t sum = 0;
    size_t i, k;
    for (i = 0; i < n; i++) {
        const sc_candidate *c = qs[i].c;
        sum += c->birth + c->appr_date + qs[i].level;
        for (k = 0; k < c->n_work; k++)
            sum += c->work[k].from + c->work[k].to_excl + c->work[k].occ;
        for (k = 0; k < c->n_cert; k++)
            sum += c->cert[k].issued + c->cert[k].level + c->cert[k].occ;
        for (k = 0; k < c->n_edu; k++)
            sum += c->edu[k].graduated + (int64_t)c->edu[k].flags;
        for (k = 0; k < c->n_ev; k++)
            sum += c->ev[k].date + c->ev[k].grade;
    }
    return sum;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 200000;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    const char *as_of = "2024-06-30";
    sc_db *db = NULL;
    sc_actor *city = NULL;
    sc_ruleset *rs = NULL;
    sc_decision *d = NULL;
    question *qs;
    size_t i, eligible = 0, by_level[6] = { 0 };
    double t0, t_decide = 0, t_floor = 0, dps, fps;
    volatile int64_t sink = 0;
    int r, pinned = 0;

#if defined(__linux__)
    {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(0, &set);
        pinned = sched_setaffinity(0, sizeof set, &set) == 0;
    }
#endif
    if (n == 0 || rounds <= 0) {
        fprintf(stderr, "usage: bench_eligibility [CANDIDATES [ROUNDS]]\n");
        return 2;
    }
    if (sc_db_open(&db, ":memory:", NULL) != SC_OK)
        return fail("opening a registry");
    if (sc_actor_new(&city, SC_ACTOR_CITY_BUREAU, NULL, "bench") != SC_OK)
        return fail("making the actor");
    if (sc_catalog_load_notice(db, city) != SC_OK)
        return fail("loading the catalog");
    if (sc_eligibility_load_defaults(NULL, db, city) != SC_OK)
        return fail("loading the built-in rules");
    if (sc_ruleset_load(&rs, db, as_of) != SC_OK)
        return fail("compiling the rules");
    if (sc_decision_new(&d) != SC_OK)
        return fail("making a decision");
    if (!(qs = calloc(n, sizeof(*qs)))) {
        fprintf(stderr, "bench_eligibility: out of memory\n");
        return 1;
    }
    for (i = 0; i < n; i++)
        if (build(&qs[i], (uint32_t)i) != SC_OK)
            return fail("building a candidate");

    printf("bench_eligibility: %zu candidates, %d rounds, as of %s, %zu rule sets, %s\n", n,
           rounds, as_of, sc_ruleset_count(rs), pinned ? "pinned to CPU 0" : "not pinned");

    for (r = 0; r < rounds; r++) {
        t0 = now();
        for (i = 0; i < n; i++) {
            if (sc_eligibility_decide(d, rs, qs[i].c, qs[i].occupation, NULL, qs[i].level,
                                      SC_PATH_NORMAL, 0, as_of) != SC_OK)
                return fail("deciding");
            if (r == 0 && sc_decision_eligible(d)) {
                eligible++;
                by_level[qs[i].level]++;
            }
        }
        t_decide += now() - t0;

        t0 = now();
        sink += floor_pass(qs, n);
        t_floor += now() - t0;
    }
    dps = (double)n * rounds / t_decide;
    fps = (double)n * rounds / t_floor;
    printf("bench_eligibility: %zu of %zu eligible (level 5..1: %zu %zu %zu %zu %zu); "
           "floor checksum %lld\n",
           eligible, n, by_level[5], by_level[4], by_level[3], by_level[2], by_level[1],
           (long long)sink);
    printf("bench_eligibility: decide %.3f s, floor %.3f s for %zu records each\n", t_decide,
           t_floor, n * (size_t)rounds);
    printf("eligibility decisions_per_s=%.0f floor_per_s=%.0f ratio=%.4f\n", dps, fps, dps / fps);

    for (i = 0; i < n; i++)
        sc_candidate_free(qs[i].c);
    free(qs);
    sc_decision_free(d);
    sc_ruleset_free(rs);
    sc_actor_free(city);
    sc_db_close(db);
    return 0;
}
