#include "domain/money.h"

#include <math.h>
#include <stdio.h>

bool money_km_tenths(double km, int64_t *tenths)
{
	if (!isfinite(km) || km < 0 || km > KM_MAX_TENTHS / 10.0)
		return false;
	double scaled = km * 10.0;
	double rounded = nearbyint(scaled);
	if (fabs(scaled - rounded) > 1e-6)
		return false;
	*tenths = (int64_t)rounded;
	return *tenths <= KM_MAX_TENTHS;
}

int64_t money_km_amount(int64_t km_tenths, int64_t rate_cents_per_km)
{
	return (km_tenths * rate_cents_per_km + 5) / 10;
}

void money_format_km(int64_t tenths, char out[32])
{
	if (tenths % 10)
		snprintf(out, 32, "%lld,%lld", (long long)(tenths / 10), (long long)(tenths % 10));
	else
		snprintf(out, 32, "%lld", (long long)(tenths / 10));
}

void money_format_euro(int64_t cents, char out[32])
{
	const char *sign = cents < 0 ? "-" : "";
	long long abs_cents = cents < 0 ? -(long long)cents : (long long)cents;
	snprintf(out, 32, "%s%lld,%02lld", sign, abs_cents / 100, abs_cents % 100);
}
