/* A registry ready for intake announcements and applications, shared by
 * check_application.c (and usable by other suites). */
#ifndef APP_FIXTURE_H
#define APP_FIXTURE_H

#include "check_suites.h"

#define AF_ORG "91110108MA01ABCD2H"    /* 海淀区 110108, filed 2023-05-10, valid to 2026-05-09 */
#define AF_ORG2 "52110102MJ00123450"   /* 西城区 110102, filed 2023-05-10, no special rules */
#define AF_OCC "4-02-07-10"            /* 网约配送员: levels 5-1, undivided; template rules */
#define AF_WT_OCC "4-04-05-05"         /* 人工智能训练师 */
#define AF_WT "数据标注员"

typedef struct {
    sc_db *db;
    sc_actor *city, *centre, *org, *org2, *haidian, *xicheng, *pub;
    int64_t ann;          /* AF_ORG's announcement "2024-01" */
    int64_t ann2;         /* AF_ORG2's announcement "2024-A" */
} af_t;

extern af_t af;

/* Build on db (taken over): the notice's catalog and the built-in eligibility
 * rules; AF_ORG and AF_ORG2 filed and active for 4-02-07-10 levels 5-1 and
 * 4-04-05-05/数据标注员 levels 5-1; AF_ORG's exceptional and direct rules
 * confirmed by 海淀区 and the city bureau on 2023-06-10; announcements
 * "2024-01" of AF_ORG (4-02-07-10:5,4,3,2,1 and 4-04-05-05/数据标注员:3,2,
 * intake 2024-03-01 to 2026-06-30, published 2024-02-20) and "2024-A" of
 * AF_ORG2 (4-02-07-10:5,4,3, intake 2024-03-01 to 2024-12-31). */
void af_build(sc_db *db);
void af_setup(void);     /* af_build(t_notice_db()) */
void af_teardown(void);

/* The n-th synthetic resident ID number (n < 36,500,000; valid check character). */
void af_id(char out[19], long n);
/* A record: worked in 4-02-07-10 from `since` (NULL: no work); caller frees. */
sc_candidate *af_record(const char *id_number, const char *name, const char *since);
/* Save af_record() by the candidate themself. */
void af_candidate(const char *id_number, const char *name, const char *since);

#endif
