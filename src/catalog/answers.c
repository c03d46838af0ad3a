/* answers.c: reading self-diagnosis answers from JSON (jansson) or CSV
 * (libcsv). */
#include "util/compat.h"
#include "catalog/answers.h"

#include <csv.h>
#include <jansson.h>

#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static void set_init(struct answer_set *out)
{
	int i;

	for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
		out->answers[i] = DIAGNOSIS_NONE;
		out->notes[i] = "";
	}
	out->unit = "";
}

int answers_missing(const struct answer_set *a)
{
	int i;

	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		if (!diagnosis_answer_valid(a->answers[i]))
			return i + 1;
	return 0;
}

static int bad_item(const char *item, struct error *err)
{
	return error_set(err, ERROR_INPUT, "answers.bad_item", item, NULL);
}

static int bad_answer(int item, const char *value, struct error *err)
{
	char num[16];

	snprintf(num, sizeof(num), "%d", item);
	return error_set(err, ERROR_INPUT, "answers.bad_answer", num, value,
			 NULL);
}

/* Records an answer and a note for item, checking both. */
static int put(struct arena *arena, struct answer_set *out, int item, long v,
	       const char *shown, const char *note, struct error *err)
{
	if (!diagnosis_answer_valid((int)v) || v < -1 || v > 4)
		return bad_answer(item, shown, err);
	out->answers[item - 1] = (int)v;
	if (note) {
		if (!utf8_valid(note, strlen(note)) ||
		    utf8_count(note, strlen(note)) > DIAGNOSIS_NOTE_MAX)
			return bad_answer(item, "note", err);
		out->notes[item - 1] = arena_strdup(arena, note);
	}
	return 0;
}

/*
 * Reads an item number from a JSON key or a CSV field.  Only the plain
 * spelling counts ("1", not "01" or "+1"), so one item cannot be given
 * twice under two names.
 */
static int item_of(const char *s, int *item, struct error *err)
{
	char canon[16];

	if (parse_int(s, 1, DIAGNOSIS_ITEMS, item))
		return bad_item(s, err);
	snprintf(canon, sizeof(canon), "%d", *item);
	if (strcmp(canon, s))
		return bad_item(s, err);
	return 0;
}

enum { UNIT_MAX = 100 }; /* characters, as on the web form */

/* Records the JSON value v as the answer to item, naming both if bad. */
static int check_value(struct arena *arena, struct answer_set *out, int item,
		       const json_t *v, struct error *err)
{
	char shown[32];

	if (!json_is_integer(v))
		return bad_answer(item, "?", err);
	snprintf(shown, sizeof(shown), "%lld",
		 (long long)json_integer_value(v));
	if (json_integer_value(v) < -1 || json_integer_value(v) > 4)
		return bad_answer(item, shown, err);
	return put(arena, out, item, (long)json_integer_value(v), shown, NULL,
		   err);
}

int answers_from_json(struct arena *arena, const char *data, size_t len,
		      struct answer_set *out, struct error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *answers, *notes, *v;
	const char *key;
	int rc = -1;

	set_init(out);
	if (!root || !json_is_object(root)) {
		error_set(err, ERROR_INPUT, "answers.bad_json",
			  root ? "{…}" : jerr.text, NULL);
		goto out;
	}
	answers = json_object_get(root, "answers");
	notes = json_object_get(root, "notes");
	v = json_object_get(root, "unit");
	if (v) {
		if (!json_is_string(v) ||
		    utf8_count(json_string_value(v), json_string_length(v)) >
			    UNIT_MAX) {
			error_set(err, ERROR_INPUT, "answers.bad_field", "unit",
				  NULL);
			goto out;
		}
		out->unit = arena_strdup(arena, json_string_value(v));
	}
	if (json_is_array(answers)) {
		size_t i;

		if (json_array_size(answers) > DIAGNOSIS_ITEMS) {
			error_set(err, ERROR_INPUT, "answers.bad_field",
				  "answers", NULL);
			goto out;
		}
		json_array_foreach(answers, i, v)
		{
			if (check_value(arena, out, (int)i + 1, v, err))
				goto out;
		}
	} else if (json_is_object(answers)) {
		json_object_foreach(answers, key, v)
		{
			int item;

			if (item_of(key, &item, err) ||
			    check_value(arena, out, item, v, err))
				goto out;
		}
	} else {
		error_set(err, ERROR_INPUT, "answers.bad_field", "answers",
			  NULL);
		goto out;
	}
	if (notes && !json_is_object(notes)) {
		error_set(err, ERROR_INPUT, "answers.bad_field", "notes", NULL);
		goto out;
	}
	json_object_foreach(notes, key, v)
	{
		int item;

		if (item_of(key, &item, err))
			goto out;
		if (!json_is_string(v) ||
		    utf8_count(json_string_value(v), json_string_length(v)) >
			    DIAGNOSIS_NOTE_MAX) {
			error_set(err, ERROR_INPUT, "answers.bad_field",
				  "notes", NULL);
			goto out;
		}
		out->notes[item - 1] =
			arena_strdup(arena, json_string_value(v));
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* The state of libcsv's callbacks while reading a file. */
struct csv_reader {
	struct arena *arena;
	struct answer_set *out;
	struct error *err;
	const char *fields[3];
	size_t nfields;
	size_t line;
	int failed;
};

/* Turns full-width digits and minus (０-９, －) into ASCII, for Excel. */
static char *ascii_digits(struct arena *arena, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(s), i = 0;
	char *r;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n && cp >= 0xff10 && cp <= 0xff19)
			strbuf_addch(&sb, (int)('0' + (cp - 0xff10)));
		else if (n && (cp == 0xff0d || cp == 0x2212))
			strbuf_addch(&sb, '-');
		else if (n && cp == 0x3000)
			strbuf_addch(&sb, ' ');
		else
			strbuf_add(&sb, s + i, n ? n : 1);
		i += n ? n : 1;
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		strbuf_setlen(&sb, sb.len - 1);
	r = arena_strdup(arena, sb.buf[0] == ' ' ? sb.buf + strspn(sb.buf, " ")
						 : sb.buf);
	strbuf_release(&sb);
	return r;
}

static void on_field(void *s, size_t len, void *data)
{
	struct csv_reader *r = data;

	if (r->nfields < 3)
		r->fields[r->nfields] = arena_memdupz(r->arena, s, len);
	r->nfields++;
}

/* Checks one row "item,answer[,note]" and records it; 0 or -1. */
static int take_row(struct csv_reader *r)
{
	const char *item_s = ascii_digits(r->arena, r->fields[0]);
	const char *answer_s =
		r->nfields > 1 ? ascii_digits(r->arena, r->fields[1]) : "";
	int item;
	long v;

	/* A first line whose first field holds no digit is a header. */
	if (r->line == 1 && !strpbrk(item_s, "0123456789"))
		return 0;
	if (r->nfields > 3)
		return error_set(r->err, ERROR_INPUT, "answers.bad_csv", NULL);
	if (item_of(item_s, &item, r->err))
		return -1;
	if (parse_long(answer_s, -1, 4, &v))
		return bad_answer(item, answer_s, r->err);
	/* As in JSON, an item given twice is a mistake, not an update. */
	if (diagnosis_answer_valid(r->out->answers[item - 1]))
		return error_set(r->err, ERROR_INPUT, "answers.duplicate",
				 item_s, NULL);
	return put(r->arena, r->out, item, v, answer_s,
		   r->nfields > 2 ? r->fields[2] : NULL, r->err);
}

static void on_row(int c, void *data)
{
	struct csv_reader *r = data;

	(void)c;
	r->line++;
	if (!r->failed && r->nfields && take_row(r))
		r->failed = 1;
	r->nfields = 0;
}

int answers_from_csv(struct arena *arena, const char *data, size_t len,
		     struct answer_set *out, struct error *err)
{
	struct csv_parser p;
	struct csv_reader r;

	set_init(out);
	memset(&r, 0, sizeof(r));
	r.arena = arena;
	r.out = out;
	r.err = err;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
	}
	if (!utf8_valid(data, len))
		return error_set(err, ERROR_INPUT, "answers.bad_encoding",
				 NULL);
	if (csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		return error_set(err, ERROR_INTERNAL, "answers.bad_csv", NULL);
	if (csv_parse(&p, data, len, on_field, on_row, &r) != len ||
	    csv_fini(&p, on_field, on_row, &r) != 0) {
		csv_free(&p);
		if (!r.failed)
			error_set(err, ERROR_INPUT, "answers.bad_csv", NULL);
		return -1;
	}
	csv_free(&p);
	return r.failed ? -1 : 0;
}
