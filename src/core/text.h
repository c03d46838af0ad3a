/* text.h: a text in both of mamori's languages. */
#ifndef MAMORI_CORE_TEXT_H
#define MAMORI_CORE_TEXT_H

/* The languages every text exists in; Japanese is the default. */
enum lang { LANG_JA = 0, LANG_EN = 1 };

/* A borrowed pair of strings, owned by whoever loaded them. */
struct text {
	const char *ja;
	const char *en;
};

/* Returns the text in lang (never NULL for a loaded catalogue). */
static inline const char *text_get(const struct text *t, enum lang lang)
{
	return lang == LANG_EN ? t->en : t->ja;
}

/* Returns "ja" or "en". */
const char *lang_code(enum lang lang);
/*
 * Picks the language from a locale or Accept-Language-like string: one that
 * starts with "en" gives LANG_EN; anything else, including NULL, LANG_JA.
 */
enum lang lang_from_locale(const char *locale);

#endif
