/* text.c: the languages of mamori's texts. */
#include "util/compat.h"
#include "core/text.h"

#include <string.h>

const char *lang_code(enum lang lang)
{
	return lang == LANG_EN ? "en" : "ja";
}

enum lang lang_from_locale(const char *locale)
{
	/* Japanese first: only an explicit English choice switches. */
	if (locale && (!strncmp(locale, "en", 2) || !strncmp(locale, "EN", 2)))
		return LANG_EN;
	return LANG_JA;
}
