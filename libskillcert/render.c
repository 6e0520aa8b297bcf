/*
 * render.c — the rendered certificate: a 职业技能等级证书 page drawn with
 * cairo, its text shaped by Pango (Noto CJK), its QR code made by
 * libqrencode. Sits above certificate.c and reads it through
 * sc_certificate_get() only.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "sc_int.h"
#include "skillcert/certificate.h"
#include "skillcert/catalog.h"
#include "skillcert/render.h"

/* A4 landscape, in points. */
#define PAGE_W 841.89
#define PAGE_H 595.28
#define PNG_SCALE 2.0
#define MAX_URL 200

/* Latin letters and digits from DejaVu Sans, Chinese from Noto Sans CJK: cairo
   keeps a CJK face's CFF subroutines whole when it subsets it, and Noto's
   Latin glyphs alone would pull ~0.9 MB into each PDF (fonts-dejavu-core). */
#define FONT "DejaVu Sans, Noto Sans CJK SC"

/* ---- QR content ------------------------------------------------------------- */

static int url_char_ok(unsigned char ch)
{
    return isalnum(ch) || strchr("-._~:/[]@!$&'()*+,;=%", ch) != NULL;
}

static int check_base_url(const char *url, size_t *len)
{
    size_t n = strlen(url), i;
    size_t scheme = strncmp(url, "https://", 8) == 0 ? 8 : strncmp(url, "http://", 7) == 0 ? 7 : 0;
    if (scheme == 0)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "base_url",
                              "the verification URL must begin with http:// or https://");
    if (n > MAX_URL)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "base_url",
                              "the verification URL is longer than %d bytes", MAX_URL);
    for (i = 0; i < n; i++)
        if (!url_char_ok((unsigned char)url[i]))
            return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "base_url",
                                  "the verification URL holds a character not allowed in it "
                                  "(byte %zu)", i + 1);
    while (n > scheme && url[n - 1] == '/')
        n--;
    if (n == scheme)
        return sc__error_fail(SC_EINVAL, SC_DOMAIN_ARGS, "base_url",
                              "the verification URL names no host");
    *len = n;
    return SC_OK;
}

static int put_pct(sc__buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
            if (sc__buf_append(b, (const char *)&ch, 1) != SC_OK)
                return SC_ENOMEM;
        } else {
            char e[3] = { '%', hex[ch >> 4], hex[ch & 15] };
            if (sc__buf_append(b, e, 3) != SC_OK)
                return SC_ENOMEM;
        }
    }
    return SC_OK;
}

int sc_certificate_qr_text(char **out, const char *number, const char *holder,
                           const char *base_url)
{
    sc_cert_number parts = SC_CERT_NUMBER_INIT;
    sc__buf b;
    size_t ulen = 0;
    int rc;

    if (out == NULL)
        return sc__error_null(__func__, "out");
    *out = NULL;
    if (number == NULL)
        return sc__error_null(__func__, "number");
    if (holder == NULL)
        return sc__error_null(__func__, "holder");
    if (base_url == NULL)
        base_url = SC_VERIFY_URL_DEFAULT;
    if ((rc = sc_certificate_number_parse(&parts, number)) != SC_OK)
        return rc;
    if ((rc = sc__check_text(holder, "holder", 255, 1)) != SC_OK)
        return rc;
    if ((rc = check_base_url(base_url, &ulen)) != SC_OK)
        return rc;
    sc__buf_init(&b);
    sc__buf_append(&b, base_url, ulen);
    sc__buf_puts(&b, "/?v=1&number=");
    sc__buf_puts(&b, parts.number);
    sc__buf_puts(&b, "&name=");
    if (put_pct(&b, holder) != SC_OK || b.failed || b.data == NULL) {
        sc__buf_free(&b);
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_NONE, "out of memory");
    }
    *out = b.data;
    return SC_OK;
}

/* ---- Drawing ------------------------------------------------------------------ */

typedef struct {
    cairo_t *cr;
    PangoLayout *layout;
} painter;

/* Draw @text at (x, y) (top left, or centred on x when align < 0 is not
   used: align 0 left, 1 centre, 2 right) in @size points. Returns its height. */
static double text_at(painter *p, double x, double y, double width, int align, const char *text,
                      double size, int bold, double r, double g, double bl)
{
    PangoFontDescription *fd = pango_font_description_new();
    int w = 0, h = 0;
    pango_font_description_set_family(fd, FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(p->layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(p->layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(p->layout, align == 1 ? PANGO_ALIGN_CENTER
                                          : align == 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    pango_layout_set_text(p->layout, text, -1);
    pango_cairo_update_layout(p->cr, p->layout);
    pango_layout_get_size(p->layout, &w, &h);
    cairo_set_source_rgb(p->cr, r, g, bl);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, p->layout);
    return (double)h / PANGO_SCALE;
}

static void frame(cairo_t *cr)
{
    double i;
    /* Paper tone and a guilloche-like band of fine lines. */
    cairo_set_source_rgb(cr, 0.995, 0.985, 0.955);
    cairo_paint(cr);
    cairo_set_line_width(cr, 0.35);
    cairo_set_source_rgba(cr, 0.72, 0.55, 0.25, 0.35);
    for (i = 0; i < PAGE_W + PAGE_H; i += 7.0) {
        cairo_move_to(cr, i, 20);
        cairo_line_to(cr, i - 20, 40);
        cairo_move_to(cr, i, PAGE_H - 40);
        cairo_line_to(cr, i - 20, PAGE_H - 20);
    }
    cairo_stroke(cr);
    /* Outer and inner borders: deep red and gold. */
    cairo_set_source_rgb(cr, 0.62, 0.10, 0.10);
    cairo_set_line_width(cr, 4.0);
    cairo_rectangle(cr, 16, 16, PAGE_W - 32, PAGE_H - 32);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.75, 0.58, 0.22);
    cairo_set_line_width(cr, 1.2);
    cairo_rectangle(cr, 24, 24, PAGE_W - 48, PAGE_H - 48);
    cairo_stroke(cr);
    cairo_rectangle(cr, 44, 44, PAGE_W - 88, PAGE_H - 88);
    cairo_stroke(cr);
    /* Corner ornaments. */
    cairo_set_source_rgb(cr, 0.62, 0.10, 0.10);
    cairo_set_line_width(cr, 2.0);
    {
        const double cx[4] = { 44, PAGE_W - 44, 44, PAGE_W - 44 };
        const double cy[4] = { 44, 44, PAGE_H - 44, PAGE_H - 44 };
        int k;
        for (k = 0; k < 4; k++) {
            double sx = k % 2 ? -1 : 1, sy = k / 2 ? -1 : 1;
            cairo_move_to(cr, cx[k] + sx * 30, cy[k] + sy * 6);
            cairo_line_to(cr, cx[k] + sx * 6, cy[k] + sy * 6);
            cairo_line_to(cr, cx[k] + sx * 6, cy[k] + sy * 30);
            cairo_stroke(cr);
            cairo_arc(cr, cx[k] + sx * 12, cy[k] + sy * 12, 2.5, 0, 6.2832);
            cairo_fill(cr);
        }
    }
}

static int draw_qr(cairo_t *cr, const char *text, double x, double y, double size)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    int n, i, j;
    double m;
    if (qr == NULL)
        return sc__error_set(errno == ENOMEM ? SC_ENOMEM : SC_ERROR, SC_DOMAIN_NONE,
                             "the QR code could not be made: %s", strerror(errno));
    n = qr->width;
    m = size / (n + 8); /* a quiet zone of 4 modules on each side */
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, size, size);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (j = 0; j < n; j++)
        for (i = 0; i < n; i++)
            if (qr->data[j * n + i] & 1)
                cairo_rectangle(cr, x + (i + 4) * m, y + (j + 4) * m, m, m);
    cairo_fill(cr);
    QRcode_free(qr);
    return SC_OK;
}

/* The photo reference as a local PNG file name, or NULL. */
static const char *photo_file(const char *ref)
{
    size_t n = strlen(ref);
    if (strncmp(ref, "file://", 7) == 0)
        ref += 7, n -= 7;
    if (n < 5 || strstr(ref, "://") != NULL)
        return NULL;
    if (strcasecmp(ref + n - 4, ".png") != 0)
        return NULL;
    return access(ref, R_OK) == 0 ? ref : NULL;
}

static void draw_photo(painter *p, const sc_certificate *c, double x, double y, double w,
                       double h)
{
    cairo_t *cr = p->cr;
    const char *file = c->photo[0] ? photo_file(c->photo) : NULL;
    cairo_surface_t *img = file ? cairo_image_surface_create_from_png(file) : NULL;

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    if (img != NULL && cairo_surface_status(img) == CAIRO_STATUS_SUCCESS
        && cairo_image_surface_get_width(img) > 0 && cairo_image_surface_get_height(img) > 0) {
        double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
        double s = w / iw > h / ih ? w / iw : h / ih; /* cover the frame */
        cairo_save(cr);
        cairo_rectangle(cr, x, y, w, h);
        cairo_clip(cr);
        cairo_translate(cr, x + (w - iw * s) / 2, y + (h - ih * s) / 2);
        cairo_scale(cr, s, s);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
    } else {
        static const double dash[] = { 4.0, 3.0 };
        cairo_save(cr);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
        cairo_set_line_width(cr, 0.8);
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + w, y + h);
        cairo_move_to(cr, x + w, y);
        cairo_line_to(cr, x, y + h);
        cairo_stroke(cr);
        cairo_restore(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, x + 12, y + h / 2 - 22, w - 24, 44);
        cairo_fill(cr);
        text_at(p, x, y + h / 2 - 20, w, 1, "照片", 14, 1, 0.45, 0.45, 0.45);
        text_at(p, x, y + h / 2 + 2, w, 1, c->photo[0] ? "Photo on file" : "No photo",
                8, 0, 0.45, 0.45, 0.45);
        if (c->photo[0]) {
            char ref[64];
            size_t n = strlen(c->photo);
            if (n > 40) /* keep its end: the digest or file name */
                snprintf(ref, sizeof ref, "…%s", c->photo + n - 36);
            else
                snprintf(ref, sizeof ref, "%s", c->photo);
            text_at(p, x - 10, y + h + 3, w + 20, 1, ref, 5.5, 0, 0.4, 0.4, 0.4);
        }
    }
    if (img != NULL)
        cairo_surface_destroy(img);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    cairo_set_line_width(cr, 1.0);
    cairo_rectangle(cr, x, y, w, h);
    cairo_stroke(cr);
}

static void revoked_mark(painter *p, const sc_certificate *c)
{
    cairo_t *cr = p->cr;
    char line[96];
    /* An upright line a reader (and pdftotext) takes in order ... */
    snprintf(line, sizeof line, "本证书已撤销 撤销日期 %s · This certificate was revoked on %s",
             c->revoked, c->revoked);
    text_at(p, 50, PAGE_H - 96, PAGE_W - 100, 1, line, 11, 1, 0.80, 0.05, 0.05);
    /* ... and a stamp across the right of the page. */
    cairo_save(cr);
    cairo_translate(cr, PAGE_W * 0.75, PAGE_H * 0.62);
    cairo_rotate(cr, -0.30);
    cairo_scale(cr, 0.72, 0.72);
    cairo_set_source_rgba(cr, 0.80, 0.05, 0.05, 0.85);
    cairo_set_line_width(cr, 5.0);
    cairo_rectangle(cr, -170, -62, 340, 124);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.5);
    cairo_rectangle(cr, -162, -54, 324, 108);
    cairo_stroke(cr);
    text_at(p, -170, -58, 340, 1, "已撤销", 56, 1, 0.80, 0.05, 0.05);
    snprintf(line, sizeof line, "撤销日期 %s · REVOKED", c->revoked);
    text_at(p, -170, 24, 340, 1, line, 14, 1, 0.80, 0.05, 0.05);
    cairo_restore(cr);
}

/* One labelled line of the table; returns the height used. */
static double field(painter *p, double x, double y, double w, const char *zh, const char *en,
                    const char *value)
{
    double h;
    text_at(p, x, y + 1, 110, 0, zh, 12.5, 1, 0.30, 0.12, 0.08);
    text_at(p, x, y + 17, 110, 0, en, 6.5, 0, 0.45, 0.40, 0.35);
    h = text_at(p, x + 112, y, w - 112, 0, value, 14, 0, 0.08, 0.08, 0.08);
    cairo_set_source_rgba(p->cr, 0.75, 0.58, 0.22, 0.8);
    cairo_set_line_width(p->cr, 0.5);
    h = h < 24 ? 24 : h;
    cairo_move_to(p->cr, x + 112, y + h + 2);
    cairo_line_to(p->cr, x + w, y + h + 2);
    cairo_stroke(p->cr);
    return h + 9;
}

static int draw_certificate(cairo_t *cr, const sc_certificate *c, const char *qr_text)
{
    painter p = { cr, NULL };
    char buf[512];
    double y, x0 = 70, photo_w = 108, photo_h = 144, tx = 250, tw = PAGE_W - 70 - tx;
    int rc;

    p.layout = pango_cairo_create_layout(cr);
    if (p.layout == NULL)
        return sc__error_set(SC_ENOMEM, SC_DOMAIN_NONE, "out of memory");
    frame(cr);

    /* Title. */
    text_at(&p, 0, 58, PAGE_W, 1, c->title[0] ? c->title : SC_CERT_TITLE, 34, 1, 0.62, 0.10,
            0.10);
    text_at(&p, 0, 104, PAGE_W, 1, "VOCATIONAL SKILL LEVEL CERTIFICATE", 10, 0, 0.45, 0.32,
            0.12);
    cairo_set_source_rgb(cr, 0.75, 0.58, 0.22);
    cairo_set_line_width(cr, 1.0);
    cairo_move_to(cr, PAGE_W / 2 - 150, 124);
    cairo_line_to(cr, PAGE_W / 2 + 150, 124);
    cairo_stroke(cr);

    /* Left column: photo and QR code. */
    draw_photo(&p, c, x0 + 20, 150, photo_w, photo_h);
    if ((rc = draw_qr(cr, qr_text, x0 + 14, 330, 120)) != SC_OK)
        goto done;
    text_at(&p, x0 - 6, 452, 160, 1, "扫码验证 · Scan to verify", 7.5, 0, 0.35, 0.3, 0.25);

    /* Right column: the mandatory items. */
    y = 146;
    y += field(&p, tx, y, tw, "姓名", "Name", c->holder);
    y += field(&p, tx, y, tw, "证件类型", "ID type", c->id_type);
    y += field(&p, tx, y, tw, "证件号码", "ID number", c->id_number);
    snprintf(buf, sizeof buf, "%s（%s）", c->occupation_name, c->occupation);
    y += field(&p, tx, y, tw, "职业名称", "Occupation", buf);
    y += field(&p, tx, y, tw, "工种/职业方向", "Work type", c->work_type[0] ? c->work_type : "--");
    y += field(&p, tx, y, tw, "职业技能等级", "Skill level", c->level_text);
    y += field(&p, tx, y, tw, "证书编号", "Certificate No.", c->number);
    y += field(&p, tx, y, tw, "评价机构", "Assessed by", c->org_name);
    y += field(&p, tx, y, tw, "发证日期", "Date of issue", c->issued);
    (void)y;

    /* Foot: the two query URLs. */
    snprintf(buf, sizeof buf, "证书查询 Certificate query：%s　　评价机构查询 Organization query：%s",
             SC_CERT_QUERY_URL, SC_ORG_QUERY_URL);
    text_at(&p, 50, PAGE_H - 72, PAGE_W - 100, 1, buf, 9, 0, 0.25, 0.22, 0.2);

    if (c->status == SC_CERT_REVOKED)
        revoked_mark(&p, c);
    rc = SC_OK;
done:
    g_object_unref(p.layout);
    return rc;
}

/* ---- Output --------------------------------------------------------------------- */

enum { FMT_PDF, FMT_SVG, FMT_PNG };

static int format_of(const char *path)
{
    size_t n = strlen(path);
    if (n >= 4 && strcasecmp(path + n - 4, ".svg") == 0)
        return FMT_SVG;
    if (n >= 4 && strcasecmp(path + n - 4, ".png") == 0)
        return FMT_PNG;
    return FMT_PDF;
}

static cairo_status_t write_fp(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, (FILE *)closure) == length ? CAIRO_STATUS_SUCCESS
                                                                 : CAIRO_STATUS_WRITE_ERROR;
}

int sc_certificate_render(sc_db *db, const char *number, const char *path, const char *base_url)
{
    sc_certificate c = SC_CERTIFICATE_INIT;
    cairo_surface_t *s = NULL;
    cairo_t *cr = NULL;
    char *qr = NULL, *tmp = NULL;
    FILE *fp = NULL;
    int rc, fd = -1, fmt;
    cairo_status_t cs;

    if (db == NULL)
        return sc__error_null(__func__, "db");
    if (number == NULL)
        return sc__error_null(__func__, "number");
    if (path == NULL || path[0] == '\0')
        return sc__error_null(__func__, "path");
    if ((rc = sc_certificate_get(&c, db, number)) != SC_OK)
        return rc;
    if (c.status == SC_CERT_REPORTED || c.issued[0] == '\0')
        return sc__error_fail(SC_ECONSTRAINT, SC_DOMAIN_RULES, "status",
                              "certificate %s is only reported, not issued yet: it has no "
                              "issue date to print", c.number);
    if ((rc = sc_certificate_qr_text(&qr, c.number, c.holder, base_url)) != SC_OK)
        return rc;
    fmt = format_of(path);

    if ((tmp = sc__malloc(strlen(path) + 16)) == NULL) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_NONE, "out of memory");
        goto done;
    }
    sprintf(tmp, "%s.tmp.XXXXXX", path);
    if ((fd = mkstemp(tmp)) < 0 || (fp = fdopen(fd, "wb")) == NULL) {
        rc = sc__error_fail(SC_EIO, SC_DOMAIN_OS, "path", "%s: cannot write: %s", path,
                            strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        fd = -1;
        goto done;
    }
    if (fmt == FMT_PDF) {
        s = cairo_pdf_surface_create_for_stream(write_fp, fp, PAGE_W, PAGE_H);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, SC_CERT_TITLE);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, c.number);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "libskillcert");
    } else if (fmt == FMT_SVG) {
        s = cairo_svg_surface_create_for_stream(write_fp, fp, PAGE_W, PAGE_H);
    } else {
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(PAGE_W * PNG_SCALE),
                                       (int)(PAGE_H * PNG_SCALE));
    }
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        rc = sc__error_set(SC_ENOMEM, SC_DOMAIN_NONE, "cannot make the page: %s",
                           cairo_status_to_string(cairo_surface_status(s)));
        goto done;
    }
    cr = cairo_create(s);
    if (fmt == FMT_PNG)
        cairo_scale(cr, PNG_SCALE, PNG_SCALE);
    if ((rc = draw_certificate(cr, &c, qr)) != SC_OK)
        goto done;
    cairo_show_page(cr);
    if ((cs = cairo_status(cr)) != CAIRO_STATUS_SUCCESS) {
        rc = sc__error_set(SC_ERROR, SC_DOMAIN_NONE, "drawing failed: %s",
                           cairo_status_to_string(cs));
        goto done;
    }
    cairo_destroy(cr);
    cr = NULL;
    if (fmt == FMT_PNG)
        cs = cairo_surface_write_to_png_stream(s, write_fp, fp);
    else
        cairo_surface_finish(s), cs = cairo_surface_status(s);
    if (cs != CAIRO_STATUS_SUCCESS) {
        rc = sc__error_fail(SC_EIO, SC_DOMAIN_OS, "path", "%s: cannot write: %s", path,
                            cairo_status_to_string(cs));
        goto done;
    }
    cairo_surface_destroy(s);
    s = NULL;
    if (fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
        rc = sc__error_fail(SC_EIO, SC_DOMAIN_OS, "path", "%s: cannot write: %s", path,
                            strerror(errno));
        goto done;
    }
    if (fclose(fp) != 0) {
        fp = NULL;
        rc = sc__error_fail(SC_EIO, SC_DOMAIN_OS, "path", "%s: cannot write: %s", path,
                            strerror(errno));
        goto done;
    }
    fp = NULL;
    if (rename(tmp, path) != 0) {
        rc = sc__error_fail(SC_EIO, SC_DOMAIN_OS, "path", "%s: cannot write: %s", path,
                            strerror(errno));
        goto done;
    }
    sc_free(tmp);
    tmp = NULL;
    rc = SC_OK;
done:
    if (cr != NULL)
        cairo_destroy(cr);
    if (s != NULL)
        cairo_surface_destroy(s);
    if (fp != NULL)
        fclose(fp);
    if (tmp != NULL) {
        if (fp != NULL || rc != SC_OK)
            unlink(tmp);
        sc_free(tmp);
    }
    sc_free(qr);
    return rc;
}
