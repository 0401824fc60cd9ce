#ifndef KRING_MONEY_H
#define KRING_MONEY_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Money is in euro cents and distances in tenths of a kilometre, both as
 * integers, so that sums are exact.
 */

#define KM_MAX_TENTHS 20000 /* 2000 km */

/* Reads a JSON number of kilometres with at most one decimal, 0–2000. */
bool money_km_tenths(double km, int64_t *tenths);

/* Kilometres × rate in cents, rounded half up: 12.5 km × 23 = 287.5 → 288. */
int64_t money_km_amount(int64_t km_tenths, int64_t rate_cents_per_km);

/* "12,5" for 125 tenths; "0" for 0 (Dutch decimal comma). out holds 32 bytes. */
void money_format_km(int64_t tenths, char out[32]);

/* "2,88" for 288 cents; "-1,05" for -105 (Dutch decimal comma). out holds 32 bytes. */
void money_format_euro(int64_t cents, char out[32]);

#endif
