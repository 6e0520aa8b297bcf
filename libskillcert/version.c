#include "sc_int.h"

unsigned int sc_version(void)
{
    return SC_VERSION_HEX;
}

const char *sc_version_string(void)
{
    return SC_VERSION_STRING;
}
