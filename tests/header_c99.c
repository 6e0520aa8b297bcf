/* The umbrella header compiles as strict C99 on its own, and the header's
 * version agrees with the library's. */
#include "skillcert.h"
#include <stdio.h>

int main(void)
{
    if (sc_version() != SC_VERSION_HEX) {
        fprintf(stderr, "header 0x%06x, library 0x%06x\n", SC_VERSION_HEX, sc_version());
        return 1;
    }
    printf("1..1\nok 1 - skillcert.h is C99 clean; version %s\n", sc_version_string());
    return 0;
}
