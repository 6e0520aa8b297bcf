/* Shared by the parts of the demo (demo.c, demo_season.c). */
#ifndef SKILLCERT_DEMO_H
#define SKILLCERT_DEMO_H

#include <skillcert.h>

/* Print the library's last error about `what` to stderr; returns 1. */
int demo_fail(const char *what);

/* Print "  what   ok" or "  what   refused: why"; returns rc. */
int demo_step(const char *what, int rc);

/* Parts 8-12: a season of the organization `org` (filed in part 4); the
   period report is written to report_path. Returns 0 on success. */
int demo_season(sc_db *db, const char *org, const char *report_path);

#endif
