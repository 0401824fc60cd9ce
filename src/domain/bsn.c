#include "domain/bsn.h"

#include <string.h>

bool bsn_valid(const char *s)
{
	if (!s || strlen(s) != 9)
		return false;
	int sum = 0;
	bool nonzero = false;
	for (int i = 0; i < 9; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		int d = s[i] - '0';
		nonzero |= d != 0;
		sum += i < 8 ? (9 - i) * d : -d;
	}
	return nonzero && sum % 11 == 0;
}
