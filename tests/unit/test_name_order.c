#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "domain/name_order.h"
#include "util/fold.h"

/* The part of `family` that name_sort_offset() sorts on. */
static const char *sorts_on(const char *family)
{
	return family + name_sort_offset(family);
}

static void dutch_surname_order(void **state)
{
	(void)state;
	assert_string_equal(sorts_on("de Vries"), "Vries");
	assert_string_equal(sorts_on("van den Berg"), "Berg");
	assert_string_equal(sorts_on("van der Wal-de Jong"), "Wal-de Jong");
	assert_string_equal(sorts_on("'t Hooft"), "Hooft");
	assert_string_equal(sorts_on("\xe2\x80\x99t Hart"), "Hart");
	assert_string_equal(sorts_on("de la Cruz"), "Cruz");
	/* Capitalised (Belgian style) prefixes belong to the name. */
	assert_string_equal(sorts_on("De Smet"), "De Smet");
	assert_string_equal(sorts_on("Van Dam"), "Van Dam");
	/* Never past the last word. */
	assert_string_equal(sorts_on("van"), "van");
	assert_string_equal(sorts_on("de van"), "van");
	assert_string_equal(sorts_on("Bakker"), "Bakker");
	assert_string_equal(sorts_on("vandaag"), "vandaag");
	assert_string_equal(sorts_on(""), "");
}

static void name_keys(void **state)
{
	(void)state;
	struct name_keys k;
	assert_true(name_keys_make("Zoë", "van der Öztürk", &k));
	assert_string_equal(k.search, "zoe van der ozturk");
	assert_string_equal(k.sort, "ozturk zoe van der");
	name_keys_free(&k);
	assert_true(name_keys_make("Anne", "Bakker", &k));
	assert_string_equal(k.sort, "bakker anne");
	name_keys_free(&k);
	assert_false(name_keys_make("Anne", "\xff", &k));
	assert_null(k.search);
	assert_false(name_keys_make(NULL, "Bakker", &k));
}

static void folding(void **state)
{
	(void)state;
	const char *cases[][2] = {
	    {"Öztürk", "ozturk"}, {"ZOË", "zoe"},       {"Straße", "strasse"}, {"İlayda", "ilayda"},
	    {"Çiğdem", "cigdem"}, {"Ørsted", "ørsted"}, {"ﬁne", "fine"},       {"", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *f = text_fold(cases[i][0]);
		assert_non_null(f);
		assert_string_equal(f, cases[i][1]);
		free(f);
	}
	assert_null(text_fold("\xc3"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(dutch_surname_order),
	    cmocka_unit_test(name_keys),
	    cmocka_unit_test(folding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
