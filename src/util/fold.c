#include "util/fold.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Copies the code points of `in` that are not combining marks into a new string. */
static char *without_marks(const uint8_t *in, size_t len)
{
	char *out = malloc(len + 1);
	size_t o = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, in + i, len - i);
		if (k <= 0)
			break;
		if (!uc_is_general_category(uc, UC_CATEGORY_M)) {
			memcpy(out + o, in + i, (size_t)k);
			o += (size_t)k;
		}
		i += (size_t)k;
	}
	out[o] = '\0';
	return out;
}

char *text_fold(const char *s)
{
	size_t n = strlen(s), len = 0;
	if (u8_check((const uint8_t *)s, n))
		return NULL;
	uint8_t *folded = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFKD, NULL, &len);
	if (!folded)
		return NULL;
	char *out = without_marks(folded, len);
	free(folded);
	return out;
}
