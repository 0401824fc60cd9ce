#ifndef KRING_FOLD_H
#define KRING_FOLD_H

/*
 * The search form of a text, so that a name is found however it is typed:
 * full Unicode case folding ("Straße" → "strasse"), compatibility
 * decomposition, and no combining marks ("Öztürk" → "ozturk", "Zoë" →
 * "zoe", "İlayda" → "ilayda"). Letters without a decomposition stay
 * themselves ("ø", "ł"). Returns a new NUL-terminated string that the
 * caller frees, or NULL when `s` is not valid UTF-8 or memory runs out.
 */
char *text_fold(const char *s);

#endif
