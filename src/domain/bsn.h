#ifndef KRING_BSN_H
#define KRING_BSN_H

#include <stdbool.h>

/*
 * The Dutch citizen service number (BSN): exactly nine digits that pass the
 * eleven-test (elfproef): 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11.
 * All zeros is refused although it passes the sum.
 */
bool bsn_valid(const char *s);

#endif
