/* A registry ready for assessments and certificates, shared by
 * check_assessment.c and check_certificate.c. */
#ifndef ASSESS_FIXTURE_H
#define ASSESS_FIXTURE_H

#include "check_suites.h"

#define FX_ORG "91110108MA01ABCD2H"    /* 海淀区 110108, filed 2023-05-10 */
#define FX_ORG2 "52110102MJ00123450"   /* 西城区 110102, filed 2023-05-10 */
#define FX_OTHER "91110105MA01CHY00K"  /* 朝阳区 110105, never registered */
#define FX_OCC "4-02-07-10"            /* 网约配送员: levels 5-1, undivided */
#define FX_OCC_NAME "网约配送员"

#define FX_APPLY_DAY "2023-06-10"   /* fixture applications: applied, verified, confirmed */

typedef struct {
    sc_db *db;
    sc_actor *city, *centre, *org, *org2, *haidian, *chaoyang, *xicheng, *pub;
    int64_t venue, venue2;
    int64_t ann, ann2;   /* the intake announcements "FX-2023" of FX_ORG and FX_ORG2 */
} fx_t;

extern fx_t fx;

/* Build the fixture on db (taken over): the notice's catalog, FX_ORG and
 * FX_ORG2 filed and active for 4-02-07-10 levels 5-1 and 4-04-05-05/数据标注员
 * levels 5-1; examiners E01-E15 and experts X01-X05 of FX_ORG qualified at
 * level 1 for both, examiner U01 qualified for 4-02-07-10 level 4 only,
 * manager M01; examiners E01-E05 of FX_ORG2; a venue of each with 3 rooms,
 * inspected and passed on 2023-06-05; the built-in eligibility rules; an
 * intake announcement "FX-2023" of each (4-02-07-10:5,4,3,2,1 and
 * 4-04-05-05/数据标注员:5,4,3,2,1, intake 2023-06-01 to 2026-05-01). */
void fx_build(sc_db *db);
void fx_setup(void);     /* fx_build(t_notice_db()) */
void fx_teardown(void);

/* The n-th synthetic resident ID number (valid check character). */
void fx_id(char out[19], int n);
/* Record candidates first..last (names "考生<n>", or the name given for one),
 * each with a work history eligible for every level of 4-02-07-10: work in
 * it since 2000 and its skill-level certificates 5 (2002), 4 (2007),
 * 3 (2012) and 2 (2017). */
void fx_candidates(int first, int last);
void fx_candidate(int n, const char *name);

/* Candidate n's application confirmed by the district (报名确认) for the
 * session's organization, offering and path: the one there is, or a new one
 * applied for by the candidate, verified by the organization and confirmed by
 * its district on FX_APPLY_DAY. Returns its id. */
int64_t fx_application(int64_t session, int n);

/* A session of FX_ORG for 4-02-07-10 at `level`, path normal, on date. */
int64_t fx_session(int level, const char *date, unsigned int flags);
/* Assign staff "E01".."Enn" to a component. */
void fx_staff(int64_t session, int component, int first, int last);
/* Enrol candidates first..last, each on their confirmed application
 * (fx_application(), linked by sc_session_enrol() with a NULL reference). */
void fx_enrol(int64_t session, int first, int last);
/* A level-4 session on date with candidates first..last, staffed, confirmed. */
int64_t fx_ready_session(const char *date, int first, int last);
/* Record passing scores for candidates first..last of a level 3-5 session. */
void fx_pass(int64_t session, int first, int last, const char *date);

/* Assert a verdict. */
#define ck_verdict(v, want_ok, want_reason)                                              \
    do {                                                                                 \
        ck_assert_msg((v).ok == (want_ok) && (v).reason == (want_reason),                \
                      "verdict ok=%d reason=%d (%s), wanted ok=%d reason=%d", (v).ok,    \
                      (v).reason, (v).message, want_ok, want_reason);                    \
    } while (0)

/* A refused change: the status, and nothing changed. */
#define ck_refused(call, want)                                                           \
    do {                                                                                 \
        char *before_ = t_dump(fx.db);                                                   \
        char *after_;                                                                    \
        int rc_ = (call);                                                                \
        ck_assert_msg(rc_ == (want), "%s: %d (%s), wanted %d", #call, rc_,               \
                      sc_error_last()->message, want);                                    \
        if ((want) == SC_EDENIED)                                                        \
            ck_assert_int_eq(sc_error_last()->domain, SC_DOMAIN_AUTH);                   \
        after_ = t_dump(fx.db);                                                          \
        ck_assert_msg(strcmp(before_, after_) == 0, "%s changed the registry", #call);   \
        free(before_);                                                                   \
        free(after_);                                                                    \
    } while (0)

#endif
