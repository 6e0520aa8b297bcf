/*
 * tools/report_html.h — the period report as one self-contained HTML page
 * (inline CSS, the data as JSON, an inline script that draws SVG bar charts),
 * rendered from the data the library returns (sc_period_report_get). Shared by
 * the CLI (`skillcert report --html`), the demo, and bench/bench_report.c.
 */
#ifndef SKILLCERT_TOOLS_REPORT_HTML_H
#define SKILLCERT_TOOLS_REPORT_HTML_H

#include <stdio.h>
#include <skillcert.h>

/* Write the page of `r` to `fp`. 0 on success, -1 on a write error (errno). */
int report_html_write(FILE *fp, const sc_period_report *r);

/* Write the page of `r` to the file `path`. 0, or -1 (errno). */
int report_html_save(const char *path, const sc_period_report *r);

#endif
