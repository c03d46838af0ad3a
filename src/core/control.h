/* control.h: ISO/IEC 27002:2022 controls and their attribute sets. */
#ifndef MAMORI_CORE_CONTROL_H
#define MAMORI_CORE_CONTROL_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"

enum control_theme {
	THEME_ORGANIZATIONAL, /* clause 5, 37 controls */
	THEME_PEOPLE,	      /* clause 6, 8 controls */
	THEME_PHYSICAL,	      /* clause 7, 14 controls */
	THEME_TECHNOLOGICAL,  /* clause 8, 34 controls */
	THEME_COUNT
};

/* The five attribute sets of ISO/IEC 27002:2022 (clause 4.2). */
enum attr_set {
	ATTR_TYPE,	 /* control type: #Preventive … */
	ATTR_PROPERTY,	 /* information security properties: C, I, A */
	ATTR_CONCEPT,	 /* cybersecurity concepts: #Identify … */
	ATTR_CAPABILITY, /* operational capabilities */
	ATTR_DOMAIN,	 /* security domains */
	ATTR_SET_COUNT
};

/* Returns the set's name as used in files and options ("type" …). */
const char *attr_set_name(enum attr_set set);
/* Finds a set by that name; returns 0 and fills *set, or -1. */
int attr_set_parse(const char *name, enum attr_set *set);
/* Number of values in a set. */
size_t attr_value_count(enum attr_set set);
/* The hashtag of value index i in set ("#Preventive"). */
const char *attr_value_tag(enum attr_set set, size_t i);
/*
 * Finds tag in set; the leading '#' is optional and case is ignored.
 * Returns the value's index or -1.
 */
int attr_value_find(enum attr_set set, const char *tag);
/*
 * Parses a space-separated list of hashtags into a bit mask of value
 * indexes; returns 0, or -1 with *bad pointing at the unknown tag's start.
 */
int attr_parse_list(enum attr_set set, const char *list, uint32_t *mask,
		    const char **bad);

/* Returns "organizational" … for files and options. */
const char *control_theme_name(enum control_theme theme);
int control_theme_parse(const char *name, enum control_theme *theme);

/* One control, as loaded from the catalogue; all strings are borrowed. */
struct control {
	const char *id; /* "5.1" … "8.34" */
	enum control_theme theme;
	struct text title;
	struct text purpose;
	uint32_t attrs[ATTR_SET_COUNT]; /* bit i = attr_value_tag(set, i) */
	int new_in_2022;
	const char *ids_2013;		/* space-separated, may be "" */
	const struct control **related; /* resolved after loading */
	size_t related_count;
};

/* Returns 1 when the control carries value index i of set. */
static inline int control_has_attr(const struct control *c, enum attr_set set,
				   size_t i)
{
	return (c->attrs[set] >> i) & 1u;
}

/*
 * Compares control ids numerically ("5.9" < "5.10"), for sorting; ids of
 * the form "N.M…" with any number of parts.
 */
int control_id_cmp(const char *a, const char *b);

#endif
