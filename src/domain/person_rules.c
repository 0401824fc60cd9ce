#include "domain/person_rules.h"

#include <locale.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "util/text.h"

static locale_t utf8_locale;
static pthread_once_t locale_once = PTHREAD_ONCE_INIT;

/* C.UTF-8 is part of Debian's libc; its character classes cover Unicode. */
static void open_locale(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!utf8_locale)
		fatal("the C.UTF-8 locale is missing");
}

static bool name_char_ok(wchar_t wc, bool *letter)
{
	if (iswalpha_l((wint_t)wc, utf8_locale)) {
		*letter = true;
		return true;
	}
	if ((wc >= 0x0300 && wc <= 0x036F) || wc == L'\'' || wc == 0x2019 || wc == L'-' ||
	    wc == L' ' || wc == L'.')
		return true;
	return false;
}

const char *person_check_name(const char *name)
{
	pthread_once(&locale_once, open_locale);
	size_t n = strlen(name), count = 0;
	bool letter = false;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	locale_t old = uselocale(utf8_locale);
	const char *p = name, *problem = NULL;
	while (*p) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, p, n - (size_t)(p - name), &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0 || !name_char_ok(wc, &letter)) {
			problem = "may hold only letters, apostrophes, hyphens and spaces";
			break;
		}
		p += k;
		count++;
	}
	uselocale(old);
	if (problem)
		return problem;
	if (!letter)
		return "must hold at least one letter";
	if (count > PERSON_NAME_MAX)
		return "must be at most 100 characters";
	return NULL;
}

const char *person_check_text(const char *text, unsigned max)
{
	size_t n = utf8_length(text);
	if (n == 0 || strspn(text, " \n\t") == strlen(text))
		return "must not be empty";
	if (n > max)
		return "is too long";
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return "must not contain control characters";
	return NULL;
}
