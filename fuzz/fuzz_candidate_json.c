/*
 * fuzz_candidate_json — the CLI's JSON candidate record (`candidate add FILE`,
 * `apply --record FILE`), read through cli_candidate_read() from a file
 * holding the input. Asserted: it either gives a candidate (status 0) or
 * none with a usage status, never anything between.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static char path[256];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_candidate *c = NULL;
    FILE *f;
    int status;
    if (!path[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/fuzz-candidate-%ld.json", tmp && *tmp ? tmp : "/tmp",
                 (long)getpid());
    }
    f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    status = cli_candidate_read(&c, path);
    if (status == CLI_EXIT_OK) {
        if (!c) {
            fprintf(stderr, "status 0 without a candidate\n");
            abort();
        }
        sc_candidate_free(c);
    } else if (c != NULL || status == CLI_EXIT_INTERNAL + 1) {
        fprintf(stderr, "status %d with a candidate\n", status);
        abort();
    }
    unlink(path);
    return 0;
}
