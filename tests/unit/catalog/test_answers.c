/* test_answers.c: unit tests of catalog/answers.c (JSON and CSV answers). */
#include "util/compat.h"
#include "catalog/answers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* Each test gets an arena of its own, released even when the test fails. */
static int setup(void **state)
{
	struct arena *arena = calloc(1, sizeof(*arena));

	if (!arena)
		return -1;
	arena_init(arena, 4096);
	*state = arena;
	return 0;
}

static int teardown(void **state)
{
	struct arena *arena = *state;

	arena_release(arena);
	free(arena);
	return 0;
}

/*
 * Checks every string of a parsed set after the input is gone: each is a
 * NUL-terminated, valid UTF-8 string (read through, so AddressSanitizer
 * sees a string left in the input or in jansson's freed tree).  Those not
 * empty belong to the arena: LeakSanitizer would see anything else.
 */
static void check_strings(const struct answer_set *set)
{
	int i;

	assert_non_null(set->unit);
	assert_true(utf8_valid(set->unit, strlen(set->unit)));
	for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
		assert_non_null(set->notes[i]);
		assert_true(utf8_valid(set->notes[i], strlen(set->notes[i])));
	}
}

enum { FORMAT_JSON, FORMAT_CSV };

/*
 * Parses len bytes of s from a heap copy of exactly that size (no NUL after
 * it), which is overwritten and freed before the result is looked at.
 */
static int parse_len(void **state, int format, const char *s, size_t len,
		     struct answer_set *set, struct error *err)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	if (len)
		memcpy(copy, s, len);
	memset(set, 0x5a, sizeof(*set));
	rc = format == FORMAT_JSON
		     ? answers_from_json(*state, copy, len, set, err)
		     : answers_from_csv(*state, copy, len, set, err);
	memset(copy, '#', len ? len : 1);
	free(copy);
	if (rc == 0)
		check_strings(set);
	return rc;
}

static int json(void **state, const char *s, struct answer_set *set,
		struct error *err)
{
	return parse_len(state, FORMAT_JSON, s, strlen(s), set, err);
}

static int csv(void **state, const char *s, struct answer_set *set,
	       struct error *err)
{
	return parse_len(state, FORMAT_CSV, s, strlen(s), set, err);
}

/* Asserts that err holds ERROR_INPUT, key and the arguments given. */
static void assert_error(const struct error *err, const char *key, int argc,
			 const char *a1, const char *a2)
{
	const char *want[2] = { a1, a2 };
	int i;

	assert_int_equal(err->code, ERROR_INPUT);
	assert_string_equal(err->key, key);
	assert_int_equal(err->argc, argc);
	for (i = 0; i < argc && i < 2; i++)
		assert_string_equal(err->args[i], want[i]);
}

/* Asserts that every answer of set is DIAGNOSIS_NONE and every note "". */
static void assert_all_missing(const struct answer_set *set)
{
	int i;

	for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
		assert_int_equal(set->answers[i], DIAGNOSIS_NONE);
		assert_string_equal(set->notes[i], "");
	}
	assert_int_equal(answers_missing(set), 1);
}

/* The answers 4 2 0 -1 4 2 0 -1 … for items 1 … 25. */
static int cycle(int item)
{
	static const int values[] = { 4, 2, 0, -1 };

	return values[(item - 1) % 4];
}

/* Appends a JSON array of the first count cycle() answers to sb. */
static void add_array(struct strbuf *sb, int count)
{
	int i;

	strbuf_addch(sb, '[');
	for (i = 1; i <= count; i++)
		strbuf_addf(sb, "%s%d", i > 1 ? ", " : "", cycle(i));
	strbuf_addch(sb, ']');
}

/* Appends "{\"answers\": [all 25], " to sb, ready for more members. */
static void begin_full(struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, "{\"answers\": ");
	add_array(sb, DIAGNOSIS_ITEMS);
	strbuf_addstr(sb, ", ");
}

static void assert_cycle(const struct answer_set *set, int count)
{
	int i;

	for (i = 1; i <= DIAGNOSIS_ITEMS; i++)
		if (set->answers[i - 1] !=
		    (i <= count ? cycle(i) : DIAGNOSIS_NONE))
			fail_msg("item %d: got %d", i, set->answers[i - 1]);
}

/* ----- answers_missing ----- */

static void test_answers__missing(void **state)
{
	struct answer_set set;
	int i;

	(void)state;
	for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
		set.answers[i] = cycle(i + 1);
		set.notes[i] = "";
	}
	set.unit = "";
	assert_int_equal(answers_missing(&set), 0);
	set.answers[24] = DIAGNOSIS_NONE;
	assert_int_equal(answers_missing(&set), 25);
	set.answers[6] = DIAGNOSIS_NONE;
	assert_int_equal(answers_missing(&set), 7);
	/* A value off the scale is no answer either. */
	set.answers[2] = 3;
	assert_int_equal(answers_missing(&set), 3);
	set.answers[0] = -2;
	assert_int_equal(answers_missing(&set), 1);
}

/* ----- JSON, the array form ----- */

static void test_answers__json_array(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct answer_set set;
	int rc, i;

	strbuf_addstr(&sb, "{\"answers\": ");
	add_array(&sb, DIAGNOSIS_ITEMS);
	strbuf_addch(&sb, '}');
	rc = json(state, sb.buf, &set, &err);
	strbuf_release(&sb);
	assert_int_equal(rc, 0);
	assert_int_equal(err.code, ERROR_NONE);
	assert_cycle(&set, DIAGNOSIS_ITEMS);
	assert_int_equal(answers_missing(&set), 0);
	assert_string_equal(set.unit, "");
	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		assert_string_equal(set.notes[i], "");
}

static void test_answers__json_array_short(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct answer_set set;
	int rc;

	/* Fewer than 25: the rest are missing, not refused. */
	strbuf_addstr(&sb, "{\"answers\": ");
	add_array(&sb, 10);
	strbuf_addch(&sb, '}');
	rc = json(state, sb.buf, &set, &err);
	strbuf_release(&sb);
	assert_int_equal(rc, 0);
	assert_cycle(&set, 10);
	assert_int_equal(answers_missing(&set), 11);

	assert_int_equal(json(state, "{\"answers\": []}", &set, &err), 0);
	assert_all_missing(&set);
}

static void test_answers__json_array_too_long(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct answer_set set;
	int rc;

	strbuf_addstr(&sb, "{\"answers\": ");
	add_array(&sb, DIAGNOSIS_ITEMS + 1);
	strbuf_addch(&sb, '}');
	rc = json(state, sb.buf, &set, &err);
	strbuf_release(&sb);
	assert_int_equal(rc, -1);
	assert_error(&err, "answers.bad_field", 1, "answers", NULL);
}

static void test_answers__json_array_bad_answer(void **state)
{
	static const struct {
		const char *value;
		const char *shown;
	} bad[] = {
		{ "3", "3" },
		{ "1", "1" },
		{ "5", "5" },
		{ "-2", "-2" },
		{ "100", "100" },
		/* Not cut to int on the way: these would become 4 and -1. */
		{ "4294967300", "4294967300" },
		{ "-4294967297", "-4294967297" },
		{ "9223372036854775807", "9223372036854775807" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc;

		/* Item 7 is wrong; items 1 … 6 are fine. */
		strbuf_addf(&sb, "{\"answers\": [4, 2, 0, -1, 4, 2, %s, 4]}",
			    bad[i].value);
		rc = json(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc != -1)
			fail_msg("%s accepted", bad[i].value);
		assert_error(&err, "answers.bad_answer", 2, "7", bad[i].shown);
	}
}

static void test_answers__json_array_non_integer(void **state)
{
	static const char *const bad[] = {
		"\"4\"", "4.0", "null", "true", "false", "[4]", "{}",
	};
	size_t i;

	/*
	 * answers.h: "On failure err names the item and the value", and the
	 * object form does (bad_answer, item, "?").  The array form must too.
	 */
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;
		char doc[64];
		int rc;

		snprintf(doc, sizeof(doc), "{\"answers\": [4, 4, %s]}", bad[i]);
		rc = json(state, doc, &set, &err);
		if (rc != -1)
			fail_msg("%s accepted", bad[i]);
		if (strcmp(err.key, "answers.bad_answer"))
			fail_msg("%s: key %s, want answers.bad_answer", bad[i],
				 err.key);
		assert_error(&err, "answers.bad_answer", 2, "3", "?");

		/* A stale error in err is replaced, not kept. */
		error_set(&err, ERROR_CONFLICT, "earlier.error", NULL);
		rc = json(state, doc, &set, &err);
		assert_int_equal(rc, -1);
		assert_error(&err, "answers.bad_answer", 2, "3", "?");
	}
}

static void test_answers__json_null_err(void **state)
{
	struct answer_set set;

	/* err may be NULL on every path. */
	assert_int_equal(json(state, "{\"answers\": [4, \"x\"]}", &set, NULL),
			 -1);
	assert_int_equal(json(state, "{\"answers\": [4, 3]}", &set, NULL), -1);
	assert_int_equal(json(state, "{\"answers\": {\"0\": 4}}", &set, NULL),
			 -1);
	assert_int_equal(json(state, "nonsense", &set, NULL), -1);
	assert_int_equal(json(state, "{\"answers\": [4]}", &set, NULL), 0);
}

/* ----- JSON, the object form ----- */

static void test_answers__json_object(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct answer_set set;
	int rc, i;

	/* Every item, in reverse order. */
	strbuf_addstr(&sb, "{\"answers\": {");
	for (i = DIAGNOSIS_ITEMS; i >= 1; i--)
		strbuf_addf(&sb, "\"%d\": %d%s", i, cycle(i),
			    i > 1 ? ", " : "");
	strbuf_addstr(&sb, "}}");
	rc = json(state, sb.buf, &set, &err);
	strbuf_release(&sb);
	assert_int_equal(rc, 0);
	assert_cycle(&set, DIAGNOSIS_ITEMS);
	assert_int_equal(answers_missing(&set), 0);

	/* Some items only. */
	assert_int_equal(json(state,
			      "{\"answers\": {\"25\": -1, \"1\": 4, \"2\": 0}}",
			      &set, &err),
			 0);
	assert_int_equal(set.answers[0], 4);
	assert_int_equal(set.answers[1], 0);
	assert_int_equal(set.answers[24], -1);
	for (i = 2; i < 24; i++)
		assert_int_equal(set.answers[i], DIAGNOSIS_NONE);
	assert_int_equal(answers_missing(&set), 3);

	assert_int_equal(json(state, "{\"answers\": {}}", &set, &err), 0);
	assert_all_missing(&set);
	assert_int_equal(err.code, ERROR_NONE);
}

static void test_answers__json_object_bad_item(void **state)
{
	static const char *const bad[] = {
		"0", "26", "x", "", "-1", "1.5", " 1", "1 ", "100000000000",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc;

		strbuf_addf(&sb, "{\"answers\": {\"1\": 4, \"%s\": 4}}",
			    bad[i]);
		rc = json(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc != -1)
			fail_msg("item '%s' accepted", bad[i]);
		assert_error(&err, "answers.bad_item", 1, bad[i], NULL);
	}
}

static void test_answers__json_object_bad_answer(void **state)
{
	static const struct {
		const char *value;
		const char *shown;
	} bad[] = {
		{ "3", "3" },
		{ "-2", "-2" },
		{ "5", "5" },
		{ "4294967300", "4294967300" },
		{ "-4294967297", "-4294967297" },
		{ "\"4\"", "?" },
		{ "4.0", "?" },
		{ "null", "?" },
		{ "true", "?" },
		{ "[4]", "?" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc;

		strbuf_addf(&sb, "{\"answers\": {\"1\": 4, \"12\": %s}}",
			    bad[i].value);
		rc = json(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc != -1)
			fail_msg("%s accepted", bad[i].value);
		assert_error(&err, "answers.bad_answer", 2, "12", bad[i].shown);
	}
}

static void test_answers__json_duplicate_keys(void **state)
{
	static const char *const bad[] = {
		"{\"answers\": {\"1\": 4, \"1\": 2}}",
		"{\"answers\": {\"1\": 4, \"2\": 4, \"1\": 4}}",
		"{\"answers\": [4], \"answers\": [2]}",
		"{\"answers\": [4], \"notes\": {\"1\": \"a\", \"1\": \"b\"}}",
		"{\"answers\": [4], \"unit\": \"a\", \"unit\": \"b\"}",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;

		if (json(state, bad[i], &set, &err) != -1)
			fail_msg("case %zu accepted", i);
		assert_int_equal(err.code, ERROR_INPUT);
		assert_string_equal(err.key, "answers.bad_json");
		assert_int_equal(err.argc, 1);
		/* jansson's reason, for the message. */
		assert_true(strlen(err.args[0]) > 0);
	}
}

static void test_answers__json_item_aliases_refused(void **state)
{
	static const char *const bad[] = {
		"{\"answers\": {\"1\": 4, \"01\": 0}}",
		"{\"answers\": {\"1\": 4, \"+1\": 0}}",
		"{\"answers\": {\"25\": 4, \"025\": -1}}",
	};
	size_t i;

	/*
	 * Duplicate keys are refused; a key spelling the same item another
	 * way must not slip past and silently replace the first answer.
	 */
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;

		if (json(state, bad[i], &set, &err) != -1)
			fail_msg("'%s' accepted (item %d = %d)", bad[i],
				 i == 2 ? 25 : 1, set.answers[i == 2 ? 24 : 0]);
		assert_int_equal(err.code, ERROR_INPUT);
	}
}

/* ----- JSON, notes and unit ----- */

static void test_answers__json_notes(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct answer_set set;
	int rc, i;

	begin_full(&sb);
	strbuf_addstr(&sb, "\"notes\": {\"3\": \"来期に対応, \\\"予定\\\"\", "
			   "\"25\": \"a\\nb\", \"7\": \"\"}}");
	rc = json(state, sb.buf, &set, &err);
	strbuf_release(&sb);
	assert_int_equal(rc, 0);
	assert_string_equal(set.notes[2], "来期に対応, \"予定\"");
	assert_string_equal(set.notes[24], "a\nb");
	assert_string_equal(set.notes[6], "");
	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		if (i != 2 && i != 24)
			assert_string_equal(set.notes[i], "");
	assert_cycle(&set, DIAGNOSIS_ITEMS);

	/* A note for an item without an answer is kept. */
	assert_int_equal(json(state,
			      "{\"answers\": {}, \"notes\": {\"9\": \"x\"}}",
			      &set, &err),
			 0);
	assert_string_equal(set.notes[8], "x");
	assert_int_equal(set.answers[8], DIAGNOSIS_NONE);

	/* Empty notes and explicit empty object are fine. */
	assert_int_equal(
		json(state, "{\"answers\": [], \"notes\": {}}", &set, &err), 0);
	assert_all_missing(&set);
}

static void test_answers__json_note_length(void **state)
{
	static const char *const chars[] = { "a", "済", "😀" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(chars); i++) {
		struct strbuf sb = STRBUF_INIT, note = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc_max, rc_over, k;

		/* Characters, not bytes: 1000 of them is the limit. */
		for (k = 0; k < DIAGNOSIS_NOTE_MAX; k++)
			strbuf_addstr(&note, chars[i]);
		begin_full(&sb);
		strbuf_addf(&sb, "\"notes\": {\"4\": \"%s\"}}", note.buf);
		rc_max = json(state, sb.buf, &set, &err);
		if (rc_max == 0)
			assert_string_equal(set.notes[3], note.buf);
		begin_full(&sb);
		strbuf_addf(&sb, "\"notes\": {\"4\": \"%s%s\"}}", note.buf,
			    chars[i]);
		rc_over = json(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		strbuf_release(&note);
		if (rc_max != 0 || rc_over != -1)
			fail_msg("'%s': %d at 1000, %d at 1001", chars[i],
				 rc_max, rc_over);
		assert_error(&err, "answers.bad_field", 1, "notes", NULL);
	}
}

static void test_answers__json_notes_bad(void **state)
{
	static const struct {
		const char *notes;
		const char *key;
		const char *arg;
	} bad[] = {
		{ "{\"3\": 4}", "answers.bad_field", "notes" },
		{ "{\"3\": null}", "answers.bad_field", "notes" },
		{ "{\"3\": [\"a\"]}", "answers.bad_field", "notes" },
		{ "{\"3\": {}}", "answers.bad_field", "notes" },
		{ "[\"a\"]", "answers.bad_field", "notes" },
		{ "\"a\"", "answers.bad_field", "notes" },
		{ "null", "answers.bad_field", "notes" },
		{ "{\"0\": \"a\"}", "answers.bad_item", "0" },
		{ "{\"26\": \"a\"}", "answers.bad_item", "26" },
		{ "{\"x\": \"a\"}", "answers.bad_item", "x" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc;

		begin_full(&sb);
		strbuf_addf(&sb, "\"notes\": %s}", bad[i].notes);
		rc = json(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc != -1)
			fail_msg("notes %s accepted", bad[i].notes);
		assert_error(&err, bad[i].key, 1, bad[i].arg, NULL);
	}
}

static void test_answers__json_unit(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct answer_set set;
	int rc;

	begin_full(&sb);
	strbuf_addstr(&sb, "\"unit\": \"大阪支店 営業部\"}");
	rc = json(state, sb.buf, &set, &err);
	assert_int_equal(rc, 0);
	assert_string_equal(set.unit, "大阪支店 営業部");

	/* The whole company. */
	begin_full(&sb);
	strbuf_addstr(&sb, "\"unit\": \"\"}");
	rc = json(state, sb.buf, &set, &err);
	strbuf_release(&sb);
	assert_int_equal(rc, 0);
	assert_string_equal(set.unit, "");
}

static void test_answers__json_unit_bad(void **state)
{
	static const char *const bad[] = { "4", "null", "[\"a\"]", "{}",
					   "true" };
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i <= ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;

		begin_full(&sb);
		strbuf_addstr(&sb, "\"unit\": ");
		if (i < ARRAY_SIZE(bad)) {
			strbuf_addstr(&sb, bad[i]);
		} else {
			/* Too long by any count: 400 characters. */
			strbuf_addch(&sb, '"');
			strbuf_addchars(&sb, 'u', 400);
			strbuf_addch(&sb, '"');
		}
		strbuf_addch(&sb, '}');
		if (json(state, sb.buf, &set, &err) != -1)
			fail_msg("unit case %zu accepted", i);
		assert_error(&err, "answers.bad_field", 1, "unit", NULL);
	}
	strbuf_release(&sb);
}

static void test_answers__json_unit_limit_in_characters(void **state)
{
	static const struct {
		const char *ch;
		size_t count;
		int ok;
	} cases[] = {
		{ "a", 100, 1 }, { "部", 100, 1 }, { "😀", 100, 1 },
		{ "a", 101, 0 }, { "部", 101, 0 }, { "😀", 101, 0 },
	};
	struct strbuf wrong = STRBUF_INIT;
	size_t i, k;

	/*
	 * A unit is at most 100 characters, as in the web form
	 * (web/page_diagnosis.c, page_diagnosis_start; maxlength="100"),
	 * counted in characters like every other field.
	 */
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc;

		begin_full(&sb);
		strbuf_addstr(&sb, "\"unit\": \"");
		for (k = 0; k < cases[i].count; k++)
			strbuf_addstr(&sb, cases[i].ch);
		strbuf_addstr(&sb, "\"}");
		rc = json(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc != (cases[i].ok ? 0 : -1))
			strbuf_addf(&wrong, " %zu × '%s' %s;", cases[i].count,
				    cases[i].ch, rc ? "refused" : "accepted");
		else if (!cases[i].ok)
			assert_error(&err, "answers.bad_field", 1, "unit",
				     NULL);
	}
	if (wrong.len) {
		print_error("unit limit:%s\n", wrong.buf);
		strbuf_release(&wrong);
		fail();
	}
	strbuf_release(&wrong);
}

/* ----- JSON, not the right document ----- */

static void test_answers__json_not_json(void **state)
{
	static const char *const bad[] = {
		"",	    "{",	"nonsense", "{\"answers\": [4,]}",
		"4",	    "\"text\"", "null",	    "{\"answers\": [4]} x",
		"{'a': 1}",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;

		if (json(state, bad[i], &set, &err) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_int_equal(err.code, ERROR_INPUT);
		assert_string_equal(err.key, "answers.bad_json");
		assert_int_equal(err.argc, 1);
		assert_true(strlen(err.args[0]) > 0);
		/* The set is reset even on failure. */
		assert_int_equal(answers_missing(&set), 1);
	}
}

static void test_answers__json_not_object(void **state)
{
	static const char *const bad[] = { "[4, 2, 0]", "[]" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;

		if (json(state, bad[i], &set, &err) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_error(&err, "answers.bad_json", 1, "{…}", NULL);
	}
}

static void test_answers__json_answers_bad(void **state)
{
	static const char *const bad[] = {
		"{}",
		"{\"unit\": \"x\"}",
		"{\"answers\": 4}",
		"{\"answers\": null}",
		"{\"answers\": \"4,2,0\"}",
		"{\"Answers\": [4]}",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;

		if (json(state, bad[i], &set, &err) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_error(&err, "answers.bad_field", 1, "answers", NULL);
	}
}

static void test_answers__json_len_not_strlen(void **state)
{
	static const char doc[] = "{\"answers\": [4, 2]}garbage";
	struct error err = ERROR_INIT;
	struct answer_set set;

	/* Only len bytes are read. */
	assert_int_equal(parse_len(state, FORMAT_JSON, doc,
				   strlen("{\"answers\": [4, 2]}"), &set, &err),
			 0);
	assert_int_equal(set.answers[0], 4);
	assert_int_equal(set.answers[1], 2);
	assert_int_equal(answers_missing(&set), 3);
	assert_int_equal(parse_len(state, FORMAT_JSON, doc, strlen(doc), &set,
				   &err),
			 -1);
	assert_string_equal(err.key, "answers.bad_json");
}

/* ----- CSV ----- */

/* Appends the 25 rows "n,cycle(n)" to sb, lines ending in eol. */
static void add_rows(struct strbuf *sb, const char *eol)
{
	int i;

	for (i = 1; i <= DIAGNOSIS_ITEMS; i++)
		strbuf_addf(sb, "%d,%d%s", i, cycle(i), eol);
}

static void test_answers__csv_full(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	struct answer_set set;
	int rc, i;

	add_rows(&sb, "\n");
	rc = csv(state, sb.buf, &set, &err);
	strbuf_release(&sb);
	assert_int_equal(rc, 0);
	assert_int_equal(err.code, ERROR_NONE);
	assert_cycle(&set, DIAGNOSIS_ITEMS);
	assert_int_equal(answers_missing(&set), 0);
	assert_string_equal(set.unit, "");
	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		assert_string_equal(set.notes[i], "");
}

static void test_answers__csv_header(void **state)
{
	static const char *const headers[] = {
		"item,answer,note\n",
		"質問番号,回答,メモ\n",
		"\"item\",\"answer\"\n",
		"no\n",
		"#,answer\n",
		"item,answer,note,extra\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(headers); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc;

		strbuf_addstr(&sb, headers[i]);
		add_rows(&sb, "\n");
		rc = csv(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc != 0)
			fail_msg("header %zu: %s", i, err.key);
		assert_cycle(&set, DIAGNOSIS_ITEMS);
	}
}

static void test_answers__csv_header_only_first_line(void **state)
{
	struct error err = ERROR_INIT;
	struct answer_set set;

	/* A second line that is not a number is an error, not a header. */
	assert_int_equal(
		csv(state, "item,answer\nitem,answer\n1,4\n", &set, &err), -1);
	assert_error(&err, "answers.bad_item", 1, "item", NULL);
	/* A first line with a number is data, even out of range. */
	assert_int_equal(csv(state, "26,4\n", &set, &err), -1);
	assert_error(&err, "answers.bad_item", 1, "26", NULL);
	assert_int_equal(csv(state, "1,3\n", &set, &err), -1);
	assert_error(&err, "answers.bad_answer", 2, "1", "3");
}

static void test_answers__csv_bom_crlf(void **state)
{
	static const char *const eols[] = { "\n", "\r\n", "\r" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(eols); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc;

		strbuf_addstr(&sb, "\xef\xbb\xbf"
				   "質問,回答");
		strbuf_addstr(&sb, eols[i]);
		add_rows(&sb, eols[i]);
		rc = csv(state, sb.buf, &set, &err);
		if (rc != 0)
			fail_msg("eol %zu: %s", i, err.key);
		assert_cycle(&set, DIAGNOSIS_ITEMS);

		/* A BOM and no header: the first row is data. */
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "\xef\xbb\xbf");
		add_rows(&sb, eols[i]);
		rc = csv(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc != 0)
			fail_msg("eol %zu without header: %s", i, err.key);
		assert_cycle(&set, DIAGNOSIS_ITEMS);
	}
}

static void test_answers__csv_full_width(void **state)
{
	struct error err = ERROR_INIT;
	struct answer_set set;

	/* As Excel writes them: full-width digits, minus signs, spaces. */
	assert_int_equal(csv(state,
			     "質問,回答\n"
			     "１,－１\n"
			     "２,４\n"
			     "３,−１\n"
			     "１２,０\n"
			     "２５,２\n"
			     "　７　,　４\n"
			     "8,\" 2 \"\n"
			     "9,+4\n",
			     &set, &err),
			 0);
	assert_int_equal(set.answers[0], -1);
	assert_int_equal(set.answers[1], 4);
	assert_int_equal(set.answers[2], -1);
	assert_int_equal(set.answers[11], 0);
	assert_int_equal(set.answers[24], 2);
	assert_int_equal(set.answers[6], 4);
	assert_int_equal(set.answers[7], 2);
	assert_int_equal(set.answers[8], 4);
	assert_int_equal(answers_missing(&set), 4);

	/* Other full-width characters stay as they are, and are refused. */
	assert_int_equal(csv(state, "1,４ａ\n", &set, &err), -1);
	assert_error(&err, "answers.bad_answer", 2, "1", "4ａ");
	assert_int_equal(csv(state, "１,３\n", &set, &err), -1);
	assert_error(&err, "answers.bad_answer", 2, "1", "3");
	assert_int_equal(csv(state, "２６,４\n", &set, &err), -1);
	assert_error(&err, "answers.bad_item", 1, "26", NULL);
}

static void test_answers__csv_notes(void **state)
{
	struct error err = ERROR_INIT;
	struct answer_set set;
	int i;

	assert_int_equal(csv(state,
			     "item,answer,note\n"
			     "1,4,\"バックアップは週1回, 外部に保管\"\n"
			     "2,2,\"規程に \"\"重要\"\" と記載\"\n"
			     "3,0,plain note\n"
			     "4,-1,\n"
			     "5,4,\"two\nlines\"\n",
			     &set, &err),
			 0);
	assert_string_equal(set.notes[0], "バックアップは週1回, 外部に保管");
	assert_string_equal(set.notes[1], "規程に \"重要\" と記載");
	assert_string_equal(set.notes[2], "plain note");
	assert_string_equal(set.notes[3], "");
	assert_string_equal(set.notes[4], "two\nlines");
	for (i = 5; i < DIAGNOSIS_ITEMS; i++)
		assert_string_equal(set.notes[i], "");
	assert_int_equal(set.answers[3], -1);
	assert_int_equal(set.answers[4], 4);
	assert_int_equal(answers_missing(&set), 6);
}

static void test_answers__csv_note_length(void **state)
{
	static const char *const chars[] = { "a", "済", "😀" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(chars); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc_max, rc_over, k;

		strbuf_addstr(&sb, "6,2,");
		for (k = 0; k < DIAGNOSIS_NOTE_MAX; k++)
			strbuf_addstr(&sb, chars[i]);
		rc_max = csv(state, sb.buf, &set, &err);
		if (rc_max == 0)
			assert_int_equal(utf8_count(set.notes[5],
						    strlen(set.notes[5])),
					 DIAGNOSIS_NOTE_MAX);
		strbuf_addstr(&sb, chars[i]);
		rc_over = csv(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc_max != 0 || rc_over != -1)
			fail_msg("'%s': %d at 1000, %d at 1001", chars[i],
				 rc_max, rc_over);
		assert_error(&err, "answers.bad_answer", 2, "6", "note");
	}
}

static void test_answers__csv_extra_field(void **state)
{
	static const char *const bad[] = {
		"1,4,note,extra\n",
		"item,answer\n1,4\n2,4,a,b,c\n",
		"1,4,,\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;

		if (csv(state, bad[i], &set, &err) != -1)
			fail_msg("case %zu accepted", i);
		assert_error(&err, "answers.bad_csv", 0, NULL, NULL);
	}
}

static void test_answers__csv_bad_item(void **state)
{
	static const struct {
		const char *row;
		const char *item;
	} bad[] = {
		{ "0,4", "0" },	      { "26,4", "26" }, { "-1,4", "-1" },
		{ "x,4", "x" },	      { ",4", "" },	{ "1.0,4", "1.0" },
		{ "9999,4", "9999" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc;

		/* After a header, so no row is taken for one. */
		strbuf_addf(&sb, "item,answer\n%s\n", bad[i].row);
		rc = csv(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc != -1)
			fail_msg("'%s' accepted", bad[i].row);
		assert_error(&err, "answers.bad_item", 1, bad[i].item, NULL);
	}
}

static void test_answers__csv_bad_answer(void **state)
{
	static const struct {
		const char *row;
		const char *shown;
	} bad[] = {
		{ "4,3", "3" },	  { "4,5", "5" },
		{ "4,-2", "-2" }, { "4,1", "1" },
		{ "4,x", "x" },	  { "4,4.0", "4.0" },
		{ "4,", "" },	  { "4", "" },
		{ "4,?", "?" },	  { "4,4294967300", "4294967300" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error err = ERROR_INIT;
		struct answer_set set;
		int rc;

		strbuf_addf(&sb, "1,4\n%s\n", bad[i].row);
		rc = csv(state, sb.buf, &set, &err);
		strbuf_release(&sb);
		if (rc != -1)
			fail_msg("'%s' accepted", bad[i].row);
		assert_error(&err, "answers.bad_answer", 2, "4", bad[i].shown);
	}
}

static void test_answers__csv_first_error_kept(void **state)
{
	struct error err = ERROR_INIT;
	struct answer_set set;

	/* Later rows, good or bad, do not change the error. */
	assert_int_equal(csv(state, "1,4\n2,3\n3,5\n0,4\n4,4,a,b\n5,4\n", &set,
			     &err),
			 -1);
	assert_error(&err, "answers.bad_answer", 2, "2", "3");
	assert_int_equal(csv(state, "1,3\n2,4\n", &set, NULL), -1);
}

static void test_answers__csv_empty(void **state)
{
	static const char *const empty[] = {
		"",
		"\n",
		"\r\n\r\n",
		"\xef\xbb\xbf",
		"item,answer,note\n",
		"\xef\xbb\xbfitem,answer\r\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(empty); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;

		if (csv(state, empty[i], &set, &err) != 0)
			fail_msg("case %zu refused: %s", i, err.key);
		assert_all_missing(&set);
		assert_string_equal(set.unit, "");
	}
}

static void test_answers__csv_blank_lines(void **state)
{
	struct error err = ERROR_INIT;
	struct answer_set set;

	assert_int_equal(csv(state,
			     "\n\nitem,answer\n\n1,4\n\r\n\n2,0\r\n\r\n   \n"
			     "3,2\n\n",
			     &set, &err),
			 0);
	assert_int_equal(set.answers[0], 4);
	assert_int_equal(set.answers[1], 0);
	assert_int_equal(set.answers[2], 2);
	assert_int_equal(answers_missing(&set), 4);
	/* No line end after the last row. */
	assert_int_equal(csv(state, "1,4\n2,-1", &set, &err), 0);
	assert_int_equal(set.answers[1], -1);
}

static void test_answers__csv_bad_encoding(void **state)
{
	static const struct {
		const char *data;
		size_t len;
	} bad[] = {
		{ "1,4,\xff\n", 6 },
		{ "1,4,\xe6\x97\n", 7 },
		{ "\xef\xbb\xbf"
		  "1,4,\xc0\x80\n",
		  10 },
		{ "\xef\xbb"
		  "1,4\n",
		  6 },
		{ "1,4,\xed\xa0\x80\n", 8 },
		/* A NUL byte is not text either. */
		{ "1,4\n\0002,4\n", 9 },
		{ "item,answer\n1,4,\"\x80\"\n", 20 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;
		struct answer_set set;

		if (parse_len(state, FORMAT_CSV, bad[i].data, bad[i].len, &set,
			      &err) != -1)
			fail_msg("case %zu accepted", i);
		assert_error(&err, "answers.bad_encoding", 0, NULL, NULL);
		assert_all_missing(&set);
	}
}

static void test_answers__csv_len_not_strlen(void **state)
{
	static const char doc[] = "1,4\n2,2\n3,3\n";
	struct error err = ERROR_INIT;
	struct answer_set set;

	/* Only len bytes are read: the bad third row is outside. */
	assert_int_equal(parse_len(state, FORMAT_CSV, doc, 8, &set, &err), 0);
	assert_int_equal(set.answers[1], 2);
	assert_int_equal(answers_missing(&set), 3);
}

static void test_answers__csv_last_row_wins(void **state)
{
	struct error err = ERROR_INIT;
	struct answer_set set;

	/* A repeated item is refused, as JSON refuses duplicate keys. */
	assert_int_equal(csv(state, "1,4,first\n1,0,second\n", &set, &err), -1);
	assert_string_equal(err.key, "answers.duplicate");
	assert_string_equal(err.args[0], "1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answers__missing),
		cmocka_unit_test_setup_teardown(test_answers__json_array, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_array_short,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__json_array_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__json_array_bad_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__json_array_non_integer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_null_err,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_object,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__json_object_bad_item, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__json_object_bad_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__json_duplicate_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__json_item_aliases_refused, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_notes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_note_length,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_notes_bad,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_unit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_unit_bad,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__json_unit_limit_in_characters, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_not_json,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_not_object,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__json_answers_bad,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__json_len_not_strlen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_full, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_header, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__csv_header_only_first_line, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_bom_crlf,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_full_width,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_notes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_note_length,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_extra_field,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_bad_item,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_bad_answer,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__csv_first_error_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_empty, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_blank_lines,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_bad_encoding,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_answers__csv_len_not_strlen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers__csv_last_row_wins,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
