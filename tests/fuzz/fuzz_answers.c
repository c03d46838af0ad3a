/*
 * fuzz_answers.c: self-diagnosis answers from a file, as `mamori
 * diagnose --from` reads them (catalog/answers.c): JSON through jansson
 * and CSV through libcsv.  The input is the file, read both ways.
 *
 * Oracles: what is read is only answers the scale has (4, 2, 0, -1) or
 * none, notes of at most DIAGNOSIS_NOTE_MAX characters of UTF-8, and a
 * refusal carries a message key.
 */
#include "util/compat.h"

#include "catalog/answers.h"
#include "fuzz.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/utf8.h"

static void check_set(const struct answer_set *s)
{
	int i;

	for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
		const char *n = s->notes[i];

		FUZZ_CHECK(s->answers[i] == DIAGNOSIS_NONE ||
			   diagnosis_answer_valid(s->answers[i]));
		FUZZ_CHECK(n && utf8_valid(n, strlen(n)));
		FUZZ_CHECK(utf8_count(n, strlen(n)) <= DIAGNOSIS_NOTE_MAX);
	}
	FUZZ_CHECK(s->unit && utf8_valid(s->unit, strlen(s->unit)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err = ERROR_INIT;
	struct answer_set set;
	struct arena arena;

	arena_init(&arena, 0);
	if (!answers_from_json(&arena, (const char *)data, size, &set, &err))
		check_set(&set);
	else
		FUZZ_CHECK(*err.key);
	error_clear(&err);
	if (!answers_from_csv(&arena, (const char *)data, size, &set, &err))
		check_set(&set);
	else
		FUZZ_CHECK(*err.key);
	arena_release(&arena);
	return 0;
}
