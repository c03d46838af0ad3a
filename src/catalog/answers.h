/* answers.h: reading self-diagnosis answers from a file (JSON or CSV). */
#ifndef MAMORI_CATALOG_ANSWERS_H
#define MAMORI_CATALOG_ANSWERS_H

#include <stddef.h>

#include "core/diagnosis.h"

struct arena;
struct error;

/* The answers of one run as read from a file. */
struct answer_set {
	int answers[DIAGNOSIS_ITEMS];	    /* DIAGNOSIS_NONE if absent */
	const char *notes[DIAGNOSIS_ITEMS]; /* "" if none */
	const char *unit;		    /* "" unless the file names one */
};

/*
 * Parses a JSON object {"answers": {"1": 4, …} or [4, 2, …], "notes":
 * {"3": "…"}, "unit": "…"}.  Every answer present must be 4, 2, 0 or -1;
 * item numbers 1 … 25; notes at most 1000 characters.  On failure err
 * names the item and the value (ERROR_INPUT).  Strings come from arena.
 */
int answers_from_json(struct arena *arena, const char *data, size_t len,
		      struct answer_set *out, struct error *err);

/*
 * Parses CSV lines "item,answer[,note]" (a header line is skipped, a UTF-8
 * BOM is accepted, full-width digits are read as digits) with the same
 * rules.
 */
int answers_from_csv(struct arena *arena, const char *data, size_t len,
		     struct answer_set *out, struct error *err);

/* Returns the first item (1 … 25) without an answer, or 0 when none. */
int answers_missing(const struct answer_set *a);

#endif
