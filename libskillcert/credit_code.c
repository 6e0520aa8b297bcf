/*
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
 */
#include "org_int.h"

#include <stdio.h>
#include <string.h>

static const char CHARSET[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int WEIGHTS[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

/* Value 0-30 of a code character (upper case), or -1. */
static int value_of(char c)
{
    const char *p;
    if (c == '\0')
        return -1;
    p = strchr(CHARSET, c);
    return p ? (int)(p - CHARSET) : -1;
}

static char upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Copy the trimmed, upper-cased code into out[cap]; its length, or -1 if too long. */
static int take(const char *in, char *out, size_t cap)
{
    size_t n, i;
    while (*in == ' ' || *in == '\t')
        in++;
    n = strlen(in);
    while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
        n--;
    if (n >= cap)
        return -1;
    for (i = 0; i < n; i++)
        out[i] = upper(in[i]);
    out[n] = '\0';
    return (int)n;
}

static int compute_check(const char *code17)
{
    int i, sum = 0, c;
    for (i = 0; i < 17; i++) {
        int v = value_of(code17[i]);
        if (v < 0)
            return -1;
        sum += v * WEIGHTS[i];
    }
    c = 31 - sum % 31;
    if (c == 31)
        c = 0;
    return CHARSET[c];
}

/* GB 11714 check of the embedded organization code (positions 9-17). */
static int org_code_ok(const char *code)
{
    static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
    int i, sum = 0, c;
    char expect;
    for (i = 0; i < 8; i++) {
        char ch = code[8 + i];
        int v;
        if (ch >= '0' && ch <= '9')
            v = ch - '0';
        else if (ch >= 'A' && ch <= 'Z')
            v = ch - 'A' + 10;
        else
            return 0;
        sum += v * w[i];
    }
    c = 11 - sum % 11;
    expect = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
    return code[16] == expect;
}

/* Structure: returns NULL when fine, else why not (static text). */
static const char *structure_problem(const char *code, int len)
{
    int i;
    if (len != 18)
        return "a credit code has 18 characters";
    for (i = 0; i < 18; i++)
        if (value_of(code[i]) < 0)
            return "a credit code uses only 0-9 and A-Y without I, O, S, V and Z";
    for (i = 2; i < 8; i++)
        if (code[i] < '0' || code[i] > '9')
            return "positions 3-8 of a credit code (the area code) are digits";
    return NULL;
}

int sc__credit_code_norm(const char *in, char out[SC_CREDIT_CODE_SIZE])
{
    char buf[64];
    const char *why;
    int len;
    out[0] = '\0';
    if (!in)
        return sc__error_null("credit code", "credit_code");
    len = take(in, buf, sizeof buf);
    why = len < 0 ? "a credit code has 18 characters" : structure_problem(buf, len);
    if (why) {
        if (!sc__utf8_valid(in))
            sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "credit code is not valid UTF-8");
        else
            sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "'%.40s' is not a unified social credit code: %s",
                          in, why);
        sc__error_set_field("credit_code");
        return SC_EINVAL;
    }
    memcpy(out, buf, 19);
    return SC_OK;
}

int sc_credit_code_check_char(const char *code)
{
    char buf[18];
    int i, c;
    if (!code)
        return sc__error_null("sc_credit_code_check_char", "code");
    for (i = 0; i < 17; i++) {
        if (code[i] == '\0')
            break;
        buf[i] = upper(code[i]);
    }
    buf[i < 17 ? i : 17] = '\0';
    if (i < 17 || (c = compute_check(buf)) < 0) {
        sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                      "'%.40s' does not start with 17 credit-code characters", code);
        sc__error_set_field("credit_code");
        return SC_EINVAL;
    }
    return c;
}

int sc_credit_code_validate(sc_credit_code_result *out, const char *code, unsigned int flags)
{
    char buf[64];
    const char *why;
    int len, check;

    if (!out)
        return sc__error_null("sc_credit_code_validate", "out");
    SC__VERSION_CHECK(out, "sc_credit_code_result", SC_CREDIT_CODE_RESULT_VERSION);
    SC__ZERO_KEEP_VERSION(out);
    if (!code)
        return sc__error_null("sc_credit_code_validate", "code");
    if (flags & ~(SC_CREDIT_CODE_ALLOW_LEGACY | SC_CREDIT_CODE_STRICT))
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown credit code flags 0x%x", flags);
    len = take(code, buf, sizeof buf);
    why = len < 0 ? "a credit code has 18 characters" : structure_problem(buf, len);
    if (why) {
        snprintf(out->message, sizeof out->message, "%s", why);
        return SC_OK;
    }
    memcpy(out->code, buf, 19);
    check = compute_check(buf);
    out->expected_check[0] = (char)check;
    if ((flags & SC_CREDIT_CODE_STRICT) && !org_code_ok(buf)) {
        snprintf(out->message, sizeof out->message,
                 "the embedded organization code %.9s fails its GB 11714 check", buf + 8);
        return SC_OK;
    }
    if (buf[17] != check) {
        if (flags & SC_CREDIT_CODE_ALLOW_LEGACY) {
            out->valid = 1;
            out->legacy = 1;
            snprintf(out->message, sizeof out->message,
                     "warning: check character %c does not match the computed %c; accepted as "
                     "a known legacy code", buf[17], check);
        } else {
            snprintf(out->message, sizeof out->message,
                     "check character %c does not match the computed %c", buf[17], check);
        }
        return SC_OK;
    }
    out->valid = 1;
    return SC_OK;
}
