/*
 * tools/report_html.c — the period report rendered as HTML from the report's
 * data (see report_html.h). The library returns data only; presentation (CSS,
 * script, layout) lives here, on top of the public API.
 */
#include "report_html.h"

#include <string.h>

static const char *const section_titles[SC_RSEC_COUNT] = {
    "督导抽查 Inspections opened, by kind",
    "问题发现 Findings, by category",
    "处理措施 Sanctions, by kind",
    "信用评估 Credit scores at the period's end",
    "证书 Certificates issued, by occupation",
    "证书 Certificates issued, by level",
    "证书 Certificates issued, by district",
    "证书 Certificates issued, by organization"
};

static const char HTML_STYLE[] =
    "body{font-family:sans-serif;margin:2em;color:#222}h1{font-size:1.5em}"
    "section{margin:1.5em 0;page-break-inside:avoid}h2{font-size:1.15em;border-bottom:1px solid "
    "#ccc}table{border-collapse:collapse;font-size:.85em;margin-top:.5em}td,th{border:1px solid "
    "#ddd;padding:2px 6px;text-align:left}td.n{text-align:right}figure{margin:.5em 0}"
    "svg text{font-size:11px}.bar{fill:#3b7dd8}.empty{color:#888}";

/* Draws every chart from the embedded data, then records what it drew. */
static const char HTML_SCRIPT[] =
    "(function(){\n"
    "var NS='http://www.w3.org/2000/svg';\n"
    "var data=JSON.parse(document.getElementById('report-data').textContent);\n"
    "var drawn={};\n"
    "function el(n,a){var e=document.createElementNS(NS,n);for(var k in a)e.setAttribute(k,a[k]);"
    "return e;}\n"
    "var figs=document.querySelectorAll('figure.chart');\n"
    "for(var f=0;f<figs.length;f++){\n"
    " var fig=figs[f],sec=fig.getAttribute('data-section'),rows=data.sections[sec]||[];\n"
    " var credit=sec==='credit',max=0,i;\n"
    " for(i=0;i<rows.length;i++)if(rows[i].value>max)max=rows[i].value;\n"
    " var W=720,L=260,H=rows.length*18+8;\n"
    " var svg=el('svg',{width:W,height:Math.max(H,24),viewBox:'0 0 '+W+' '+Math.max(H,24),"
    "role:'img'});\n"
    " for(i=0;i<rows.length;i++){\n"
    "  var r=rows[i],y=4+i*18,w=max>0?Math.max(1,(W-L-70)*r.value/max):1;\n"
    "  var t=el('text',{x:L-6,y:y+12,'text-anchor':'end'});\n"
    "  t.textContent=(r.label?r.label+' ':'')+r.key;svg.appendChild(t);\n"
    "  svg.appendChild(el('rect',{'class':'bar',x:L,y:y,width:w.toFixed(1),height:14,"
    "'data-key':r.key,'data-value':r.value}));\n"
    "  var v=el('text',{x:L+w+4,y:y+12});v.textContent=credit?r.value.toFixed(2):r.value;"
    "svg.appendChild(v);\n"
    " }\n"
    " fig.insertBefore(svg,fig.firstChild);\n"
    " var bars=svg.querySelectorAll('rect.bar'),sum=0;\n"
    " for(i=0;i<bars.length;i++)sum+=parseFloat(bars[i].getAttribute('data-value'));\n"
    " var total=credit?sum.toFixed(2):String(Math.round(sum));\n"
    " fig.setAttribute('data-drawn-bars',String(bars.length));\n"
    " fig.setAttribute('data-drawn-total',total);\n"
    " drawn[sec]={bars:bars.length,total:total};\n"
    "}\n"
    "document.getElementById('drawn-totals').textContent=JSON.stringify(drawn);\n"
    "document.body.setAttribute('data-charts-drawn',String(figs.length));\n"
    "})();\n";

/* Text as HTML character data or a quoted attribute value. */
static void put_html(FILE *fp, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '&': fputs("&amp;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&apos;", fp); break;
        default: fputc(*s, fp); break;
        }
    }
}

/* A JSON string, safe inside <script>: '<', '>' and '&' as \u escapes. */
static void put_json(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c < 0x20 || c == '<' || c == '>' || c == '&')
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

/* The sum a chart draws: counts, or the scores of the credit section. */
static double section_sum(const sc_period_report *r, int s)
{
    double sum = 0;
    size_t i, n = sc_period_report_count(r, s);
    for (i = 0; i < n; i++) {
        sc_report_row row = SC_REPORT_ROW_INIT;
        if (sc_period_report_row(&row, r, s, i) == SC_OK)
            sum += s == SC_RSEC_CREDIT ? row.value : (double)row.count;
    }
    return sum;
}

int report_html_write(FILE *fp, const sc_period_report *r)
{
    const char *from = sc_period_report_from(r), *to = sc_period_report_to(r);
    int s;
    size_t i;
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n", fp);
    fprintf(fp, "<title>新职业技能等级认定质量督导报告 %s – %s</title>\n", from, to);
    fprintf(fp, "<style>%s</style>\n</head>\n<body>\n", HTML_STYLE);
    fprintf(fp, "<h1>新职业技能等级认定质量督导与证书统计报告</h1>\n"
                "<p>Period <time>%s</time> – <time>%s</time>. Quality supervision under "
                "京人社能发〔2022〕8号 §三(二)5; certificates in force issued in the period.</p>\n",
            from, to);
    for (s = 0; s < SC_RSEC_COUNT; s++) {
        const char *name = sc_report_section_name(s);
        size_t n = sc_period_report_count(r, s);
        long long total = (long long)sc_period_report_total(r, s);
        double sum = section_sum(r, s);
        fprintf(fp, "<section id=\"%s\">\n<h2>", name);
        put_html(fp, section_titles[s]);
        fprintf(fp, "</h2>\n<figure class=\"chart\" data-section=\"%s\" data-rows=\"%zu\" "
                    "data-total=\"",
                name, n);
        if (s == SC_RSEC_CREDIT)
            fprintf(fp, "%.2f", sum);
        else
            fprintf(fp, "%lld", total);
        fprintf(fp, "\"><figcaption>%zu rows, total ", n);
        if (s == SC_RSEC_CREDIT)
            fprintf(fp, "%.2f points over %lld organizations", sum, total);
        else
            fprintf(fp, "%lld", total);
        fputs("</figcaption></figure>\n", fp);
        if (!n) {
            fputs("<p class=\"empty\">None in the period.</p>\n</section>\n", fp);
            continue;
        }
        fprintf(fp, "<table><thead><tr><th>%s</th><th>name</th><th>%s</th></tr></thead>"
                    "<tbody>\n",
                s == SC_RSEC_CREDIT ? "credit code" : "key",
                s == SC_RSEC_CREDIT ? "score (findings)" : "count");
        for (i = 0; i < n; i++) {
            sc_report_row row = SC_REPORT_ROW_INIT;
            if (sc_period_report_row(&row, r, s, i) != SC_OK)
                continue;
            fputs("<tr><td>", fp);
            put_html(fp, row.key);
            fputs("</td><td>", fp);
            put_html(fp, row.label);
            if (s == SC_RSEC_CREDIT)
                fprintf(fp, "</td><td class=\"n\">%.2f (%lld)</td></tr>\n", row.value,
                        (long long)row.count);
            else
                fprintf(fp, "</td><td class=\"n\">%lld</td></tr>\n", (long long)row.count);
        }
        fputs("</tbody></table>\n</section>\n", fp);
    }
    fputs("<h2>Drawn</h2>\n<pre id=\"drawn-totals\"></pre>\n", fp);
    /* The data the charts are drawn from. */
    fputs("<script type=\"application/json\" id=\"report-data\">{\"from\":", fp);
    put_json(fp, from);
    fputs(",\"to\":", fp);
    put_json(fp, to);
    fputs(",\"sections\":{", fp);
    for (s = 0; s < SC_RSEC_COUNT; s++) {
        size_t n = sc_period_report_count(r, s);
        fprintf(fp, "%s\"%s\":[", s ? "," : "", sc_report_section_name(s));
        for (i = 0; i < n; i++) {
            sc_report_row row = SC_REPORT_ROW_INIT;
            if (sc_period_report_row(&row, r, s, i) != SC_OK)
                continue;
            fprintf(fp, "%s{\"key\":", i ? "," : "");
            put_json(fp, row.key);
            fputs(",\"label\":", fp);
            put_json(fp, row.label);
            if (s == SC_RSEC_CREDIT)
                fprintf(fp, ",\"value\":%.2f,\"findings\":%lld}", row.value,
                        (long long)row.count);
            else
                fprintf(fp, ",\"value\":%lld}", (long long)row.count);
        }
        fputs("]", fp);
    }
    fputs("}}</script>\n<script>\n", fp);
    fputs(HTML_SCRIPT, fp);
    fputs("</script>\n</body>\n</html>\n", fp);
    return ferror(fp) ? -1 : 0;
}

int report_html_save(const char *path, const sc_period_report *r)
{
    FILE *fp = fopen(path, "wb");
    int rc;
    if (!fp)
        return -1;
    rc = report_html_write(fp, r);
    if (fclose(fp) != 0)
        rc = -1;
    return rc;
}
