/**
 * @file skillcert/render.h
 * @brief The rendered certificate (纸质或电子证书): a 职业技能等级证书 laid out
 *        as a page (PDF, SVG or PNG) with its QR code, and the QR code's
 *        content.
 *
 * The page carries every mandatory item of 人社鉴发〔2021〕1号 kept with the
 * certificate (certificate.h): the title, the holder's photo (or a marked
 * empty frame), name, ID type and number, occupation, work type, level
 * ("三级/高级工"), certificate number, the organization's name as filed,
 * the issue date, the two query URLs and a QR code. A revoked certificate
 * is marked "已撤销" with its revocation date.
 *
 * The QR code holds the verification URL of the certificate (see
 * docs/certificate-qr.md):
 *
 *     BASE/?v=1&number=NUMBER&name=NAME
 *
 * where BASE is the public address of `skillcert serve` (no trailing '/'),
 * NUMBER the 22-character number and NAME the holder's name, UTF-8,
 * percent-encoded. Readers ignore parameters they do not know, so later
 * versions append (for example the signature of the signed document)
 * without breaking them.
 *
 * Text is laid out with Pango on cairo, with the Noto CJK fonts
 * (Debian: fonts-noto-cjk); the QR code is made with libqrencode.
 */
#ifndef SKILLCERT_RENDER_H
#define SKILLCERT_RENDER_H

#include "common.h"
#include "db.h"

SC_BEGIN_DECL

/** Base URL used when none is given: the verification service on this machine. */
#define SC_VERIFY_URL_DEFAULT "http://127.0.0.1:8080"

/**
 * The content of a certificate's QR code: its verification URL,
 * "BASE/?v=1&number=NUMBER&name=NAME" with the name percent-encoded (RFC 3986
 * unreserved characters kept).
 * @param[out] out   NUL-terminated; caller frees with sc_free(). NULL on failure.
 * @param number     a certificate number (normalised: upper case, no blanks).
 * @param holder     the holder's name, 1–255 bytes UTF-8.
 * @param base_url   "http://" or "https://" then a host, no blanks or quotes,
 *                   ≤ 200 bytes; a trailing '/' is dropped; NULL for
 *                   ::SC_VERIFY_URL_DEFAULT.
 * @return ::SC_OK; ::SC_EINVAL (NULL; malformed number, name or URL); ::SC_ENOMEM.
 * Pure function; thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_qr_text(char **out, const char *number, const char *holder,
                                     const char *base_url);

/**
 * Render a certificate to a file as a 职业技能等级证书 (A4 landscape): PDF,
 * or SVG or PNG when @p path ends in ".svg" or ".png" (any case); anything
 * else is PDF. The holder's photo is drawn when its reference names a
 * readable PNG file (a path or a "file://" URI); otherwise an empty frame
 * marked "照片" with the reference printed under it. The file is written
 * beside @p path and renamed over it, so a failure leaves no partial file.
 * @param db        the registry (read only).
 * @param number    the certificate number.
 * @param path      the file to write (replaced).
 * @param base_url  the verification service's address for the QR code, as
 *                  sc_certificate_qr_text(); NULL for ::SC_VERIFY_URL_DEFAULT.
 * @return ::SC_OK; ::SC_EINVAL (NULL; malformed number or URL);
 *         ::SC_ENOTFOUND; ::SC_ECONSTRAINT (only reported, not issued yet);
 *         ::SC_EIO (the file cannot be written); ::SC_EDB; ::SC_ENOMEM.
 * Thread-safety: one thread per @p db; renders on distinct handles may run
 * in parallel.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_render(sc_db *db, const char *number, const char *path,
                                    const char *base_url);

SC_END_DECL

#endif /* SKILLCERT_RENDER_H */
