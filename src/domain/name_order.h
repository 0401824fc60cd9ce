#ifndef KRING_NAME_ORDER_H
#define KRING_NAME_ORDER_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Dutch surname order: "de Vries" sorts under V, "van den Berg" under B and
 * "'t Hooft" under H. The tussenvoegsels are the leading words of `family`
 * written in lower case and found in a fixed list; a capitalised prefix
 * ("De Smet", Belgian style) is part of the name and sorts under D. Returns
 * the byte offset of the part the name sorts on: 0 when there are no such
 * words, and never past the last word.
 */
size_t name_sort_offset(const char *family);

/*
 * The stored forms of a young person's name (util/fold.h folds them): the
 * search key "given family", and the sort key "surname given tussenvoegsels"
 * that lists are ordered by. Both are new strings, freed by name_keys_free;
 * false (nothing to free) when a name is not valid UTF-8 or memory runs out.
 */
struct name_keys {
	char *search;
	char *sort;
};
bool name_keys_make(const char *given, const char *family, struct name_keys *out);
void name_keys_free(struct name_keys *k);

#endif
