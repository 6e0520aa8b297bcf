/*
 * fuzz_parser — the pure parsers, one target each (FUZZ_PARSER chooses):
 * 1 resident ID, 2 credit code, 3 certificate number, 4 occupation code,
 * 5 date. Each takes the input as a C string; asserted: a parser either
 * accepts or refuses with SC_EINVAL and a message, and what it accepts it
 * accepts again in its normal form (parse, normalise, parse again).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <skillcert.h>
#include "sc_int.h"

#ifndef FUZZ_PARSER
#error "define FUZZ_PARSER (1-5)"
#endif

static void check(int ok, const char *what, const char *text)
{
    if (!ok) {
        fprintf(stderr, "fuzz_parser %d: %s for '%s'\n", FUZZ_PARSER, what, text);
        abort();
    }
}

#if FUZZ_PARSER != 2 && FUZZ_PARSER != 5
static void refused(int rc, const char *text)
{
    check(rc == SC_EINVAL || rc == SC_ENOMEM, "unexpected status", text);
    check(sc_error_last()->message[0] != '\0', "a refusal without a message", text);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
#if FUZZ_PARSER != 5
    int rc;
#endif
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
#if FUZZ_PARSER == 1
    {
        sc_resident_id id = SC_RESIDENT_ID_INIT, again = SC_RESIDENT_ID_INIT;
        rc = sc_resident_id_parse(&id, text);
        if (rc == SC_OK) {
            check(strlen(id.number) == 18, "a parsed ID is not 18 characters", text);
            check(sc_resident_id_parse(&again, id.number) == SC_OK, "normal form refused",
                  text);
            check(strcmp(again.number, id.number) == 0, "normal form differs", text);
        } else {
            refused(rc, text);
        }
    }
#elif FUZZ_PARSER == 2
    {
        sc_credit_code_result r = SC_CREDIT_CODE_RESULT_INIT, again = SC_CREDIT_CODE_RESULT_INIT;
        rc = sc_credit_code_validate(&r, text, 0);
        check(rc == SC_OK, "validate failed on a string", text);
        if (r.valid) {
            check(sc_credit_code_validate(&again, r.code, 0) == SC_OK && again.valid,
                  "normal form refused", text);
            check(strcmp(again.code, r.code) == 0, "normal form differs", text);
        } else {
            check(r.message[0] != '\0', "refused without a reason", text);
        }
    }
#elif FUZZ_PARSER == 3
    {
        sc_cert_number n = SC_CERT_NUMBER_INIT, again = SC_CERT_NUMBER_INIT;
        rc = sc_certificate_number_parse(&n, text);
        if (rc == SC_OK) {
            check(sc_certificate_number_parse(&again, n.number) == SC_OK, "normal form refused",
                  text);
            check(strcmp(again.number, n.number) == 0, "normal form differs", text);
        } else {
            refused(rc, text);
        }
    }
#elif FUZZ_PARSER == 4
    {
        char *norm = NULL, *again = NULL;
        rc = sc_occupation_code_normalize(&norm, text);
        if (rc == SC_OK) {
            check(sc_occupation_code_normalize(&again, norm) == SC_OK, "normal form refused",
                  text);
            check(strcmp(again, norm) == 0, "normal form differs", text);
        } else {
            refused(rc, text);
        }
        sc_free(norm);
        sc_free(again);
    }
#elif FUZZ_PARSER == 5
    {
        if (sc__date_valid(text)) {
            long days = sc__date_days(text);
            char back[11];
            check(strlen(text) == 10, "a valid date is not YYYY-MM-DD", text);
            check(days >= -25567 && days <= 2932896, "a valid date out of years 1900-9999", text);
            check(sc__check_date(text, "date") == SC_OK, "check_date refuses a valid date",
                  text);
            snprintf(back, sizeof back, "%s", text);
            check(sc__date_valid(back), "a valid date is not valid again", text);
        } else {
            check(sc__check_date(text, "date") == SC_EINVAL, "check_date accepts an invalid date",
                  text);
        }
    }
#endif
    free(text);
    return 0;
}
