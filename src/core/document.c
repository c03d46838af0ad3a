/* document.c: rules of the document register and the line comparison. */
#include "util/compat.h"
#include "core/document.h"

#include <string.h>

#include "core/validate.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static const char *const type_names[DOCUMENT_TYPE_COUNT] = {
	"policy", "rule", "procedure", "record", "external"
};
static const char *const status_names[DOCUMENT_STATUS_COUNT] = {
	"draft", "in_review", "approved", "withdrawn"
};
static const char *const action_names[DOCUMENT_ACTION_COUNT] = {
	"save", "submit", "return", "approve", "withdraw"
};
/* Message keys, so that a refusal names the state in the reader's words. */
static const char *const status_keys[DOCUMENT_STATUS_COUNT] = {
	"document.status_draft", "document.status_in_review",
	"document.status_approved", "document.status_withdrawn"
};
static const char *const action_keys[DOCUMENT_ACTION_COUNT] = {
	"document.action_save", "document.action_submit",
	"document.action_return", "document.action_approve",
	"document.action_withdraw"
};

const char *document_type_name(enum document_type t)
{
	if ((unsigned)t >= DOCUMENT_TYPE_COUNT)
		BUG("document type %d", (int)t);
	return type_names[t];
}

int document_type_parse(const char *name, enum document_type *t)
{
	int i = parse_name(type_names, DOCUMENT_TYPE_COUNT, name);

	if (i < 0)
		return -1;
	*t = (enum document_type)i;
	return 0;
}

const char *document_status_name(enum document_status s)
{
	if ((unsigned)s >= DOCUMENT_STATUS_COUNT)
		BUG("document status %d", (int)s);
	return status_names[s];
}

int document_status_parse(const char *name, enum document_status *s)
{
	int i = parse_name(status_names, DOCUMENT_STATUS_COUNT, name);

	if (i < 0)
		return -1;
	*s = (enum document_status)i;
	return 0;
}

const char *document_action_name(enum document_action a)
{
	if ((unsigned)a >= DOCUMENT_ACTION_COUNT)
		BUG("document action %d", (int)a);
	return action_names[a];
}

int document_action_parse(const char *name, enum document_action *a)
{
	int i = parse_name(action_names, DOCUMENT_ACTION_COUNT, name);

	if (i < 0)
		return -1;
	*a = (enum document_action)i;
	return 0;
}

/*
 * The one table of allowed moves: next[from][action], or -1.  Saving an
 * approved document starts a new draft while the approved version stays
 * in force; saving a text in review sends it back to draft, so what the
 * approver approves is always what was submitted.
 */
static const signed char
	next_status[DOCUMENT_STATUS_COUNT][DOCUMENT_ACTION_COUNT] = {
		/*                 save  submit  return  approve  withdraw */
		[DOCUMENT_DRAFT] = { DOCUMENT_DRAFT, DOCUMENT_IN_REVIEW, -1, -1,
				     DOCUMENT_WITHDRAWN },
		[DOCUMENT_IN_REVIEW] = { DOCUMENT_DRAFT, -1, DOCUMENT_DRAFT,
					 DOCUMENT_APPROVED,
					 DOCUMENT_WITHDRAWN },
		[DOCUMENT_APPROVED] = { DOCUMENT_DRAFT, -1, -1, -1,
					DOCUMENT_WITHDRAWN },
		[DOCUMENT_WITHDRAWN] = { -1, -1, -1, -1, -1 },
	};

int document_transition(enum document_status from, enum document_action a,
			enum document_status *to, struct error *err)
{
	int n;

	if ((unsigned)from >= DOCUMENT_STATUS_COUNT ||
	    (unsigned)a >= DOCUMENT_ACTION_COUNT)
		BUG("document transition %d %d", (int)from, (int)a);
	n = next_status[from][a];
	if (n < 0)
		return error_set(err, ERROR_CONFLICT, "document.bad_transition",
				 status_keys[from], action_keys[a], NULL);
	*to = (enum document_status)n;
	return 0;
}

int document_code_validate(const char *code, struct error *err)
{
	size_t len = strlen(code), i;

	if (len < DOCUMENT_CODE_MIN || len > DOCUMENT_CODE_MAX ||
	    code[0] < 'A' || code[0] > 'Z' || code[len - 1] == '-')
		return error_set(err, ERROR_INPUT, "document.bad_code", code,
				 NULL);
	for (i = 1; i < len; i++) {
		char c = code[i];

		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			continue;
		/* A hyphen joins two groups: never two in a row. */
		if (c == '-' && code[i - 1] != '-')
			continue;
		return error_set(err, ERROR_INPUT, "document.bad_code", code,
				 NULL);
	}
	return 0;
}

int document_validate(const struct document *d, const char *const *labels,
		      size_t label_count, struct error *err)
{
	struct date day;
	size_t k;

	if ((unsigned)d->type >= DOCUMENT_TYPE_COUNT ||
	    (unsigned)d->status >= DOCUMENT_STATUS_COUNT)
		BUG("document type %d status %d", (int)d->type, (int)d->status);
	if (document_code_validate(d->code, err) ||
	    validate_text("document.title", d->title, 1, DOCUMENT_TITLE_MAX,
			  err) ||
	    validate_text("document.owner", d->owner, 1, DOCUMENT_OWNER_MAX,
			  err) ||
	    validate_text("document.retention", d->retention, 0,
			  DOCUMENT_RETENTION_MAX, err))
		return -1;
	if (*d->approver &&
	    validate_email("document.approver", d->approver, err))
		return -1;
	if (*d->next_review && parse_date(d->next_review, &day))
		return error_set(err, ERROR_INPUT, "input.bad_date",
				 "document.next_review", d->next_review, NULL);
	if (!*d->label)
		return 0;
	for (k = 0; k < label_count; k++)
		if (!strcmp(labels[k], d->label))
			return 0;
	return error_set(err, ERROR_INPUT, "document.unknown_label", d->label,
			 NULL);
}

int document_body_validate(const char *body, struct error *err)
{
	size_t len = strlen(body);
	char limit[24];

	if (len > DOCUMENT_BODY_MAX) {
		snprintf(limit, sizeof(limit), "%d", DOCUMENT_BODY_MAX);
		return error_set(err, ERROR_INPUT, "document.body_too_long",
				 limit, NULL);
	}
	if (!utf8_valid(body, len))
		return error_set(err, ERROR_INPUT, "input.bad_utf8",
				 "document.body", NULL);
	return 0;
}

int document_note_validate(const char *note, struct error *err)
{
	return validate_text("document.note", note, 0, DOCUMENT_NOTE_MAX, err);
}

int document_may_approve(const struct document *d, const char *by,
			 struct error *err)
{
	if (!*d->approver || !strcmp(d->approver, by))
		return 0;
	return error_set(err, ERROR_DENIED, "document.not_approver",
			 d->approver, NULL);
}

enum document_review document_review_state(const struct document *d,
					   const char *today)
{
	struct date due, now;
	long days;

	if (d->status == DOCUMENT_WITHDRAWN || !*d->next_review ||
	    parse_date(d->next_review, &due) || parse_date(today, &now))
		return DOCUMENT_REVIEW_NONE;
	days = date_to_days(&due) - date_to_days(&now);
	if (days < 0)
		return DOCUMENT_REVIEW_OVERDUE;
	if (days <= DOCUMENT_REVIEW_SOON_DAYS)
		return DOCUMENT_REVIEW_SOON;
	return DOCUMENT_REVIEW_LATER;
}

static void change_line(struct strbuf *sb, const char *field, const char *v)
{
	if (sb->len)
		strbuf_addch(sb, '\n');
	strbuf_addf(sb, "%s: %s", field, v);
}

void document_changes(const struct document *old, const struct document *new_,
		      struct strbuf *before, struct strbuf *after)
{
	static const struct {
		const char *name;
		size_t offset;
	} texts[] = {
		{ "code", offsetof(struct document, code) },
		{ "title", offsetof(struct document, title) },
		{ "owner", offsetof(struct document, owner) },
		{ "approver", offsetof(struct document, approver) },
		{ "next_review", offsetof(struct document, next_review) },
		{ "retention", offsetof(struct document, retention) },
		{ "label", offsetof(struct document, label) },
	};
	size_t i;

	if (!old || old->type != new_->type) {
		if (old)
			change_line(before, "type",
				    document_type_name(old->type));
		change_line(after, "type", document_type_name(new_->type));
	}
	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		const char *o = old ? *(const char *const *)((const char *)old +
							     texts[i].offset)
				    : "";
		const char *n = *(const char *const *)((const char *)new_ +
						       texts[i].offset);

		if (!strcmp(o, n))
			continue;
		if (old)
			change_line(before, texts[i].name, o);
		/* A new document's empty fields equal "" and never get here. */
		change_line(after, texts[i].name, n);
	}
}

void document_fill(struct strbuf *out, const char *text,
		   const char *const *names, const char *const *values,
		   size_t count)
{
	while (*text) {
		size_t i, len;

		if (*text != '{') {
			len = strcspn(text, "{");
			strbuf_add(out, text, len);
			text += len;
			continue;
		}
		for (i = 0; i < count; i++) {
			len = strlen(names[i]);
			if (!strncmp(text + 1, names[i], len) &&
			    text[len + 1] == '}')
				break;
		}
		if (i == count) {
			strbuf_addch(out, *text++);
			continue;
		}
		strbuf_addstr(out, values[i]);
		text += len + 2;
	}
}

/* The lines of s: start pointers and lengths without the line ends. */
struct lines {
	const char **start;
	size_t *len;
	size_t count;
};

static void split_lines(struct arena *arena, const char *s, struct lines *l)
{
	size_t n = 0, i = 0;
	const char *p;

	for (p = s; *p; p++)
		if (*p == '\n')
			n++;
	n++; /* the last line, ended or not */
	l->start = arena_calloc(arena, n, sizeof(*l->start));
	l->len = arena_calloc(arena, n, sizeof(*l->len));
	p = s;
	while (*p) {
		size_t len = strcspn(p, "\n");

		l->start[i] = p;
		l->len[i] = len && p[len - 1] == '\r' ? len - 1 : len;
		i++;
		p += len;
		if (*p == '\n')
			p++;
	}
	l->count = i;
}

static int line_eq(const struct lines *a, size_t i, const struct lines *b,
		   size_t j)
{
	return a->len[i] == b->len[j] &&
	       !memcmp(a->start[i], b->start[j], a->len[i]);
}

static void add_line(struct arena *arena, struct document_diff_line *out,
		     size_t *n, enum document_diff_op op, const struct lines *l,
		     size_t i, int old_no, int new_no)
{
	out[*n].op = op;
	out[*n].text = arena_memdupz(arena, l->start[i], l->len[i]);
	out[*n].old_no = old_no;
	out[*n].new_no = new_no;
	(*n)++;
}

int document_diff(struct arena *arena, const char *a, const char *b,
		  struct document_diff_line **lines, size_t *count,
		  struct error *err)
{
	struct lines la, lb;
	struct document_diff_line *out;
	size_t head = 0, tail = 0, m, n, i, j, k = 0;
	uint32_t *lcs;

	split_lines(arena, a, &la);
	split_lines(arena, b, &lb);
	while (head < la.count && head < lb.count &&
	       line_eq(&la, head, &lb, head))
		head++;
	while (tail < la.count - head && tail < lb.count - head &&
	       line_eq(&la, la.count - 1 - tail, &lb, lb.count - 1 - tail))
		tail++;
	m = la.count - head - tail;
	n = lb.count - head - tail;
	if (m && n && (m > DOCUMENT_DIFF_CELLS_MAX / n))
		return error_set(err, ERROR_INPUT, "document.diff_too_big",
				 NULL);
	/*
	 * lcs[i][j]: the longest common subsequence of the middle lines of
	 * a from i and of b from j, filled from the end.
	 */
	lcs = xcalloc(st_mult(m + 1, n + 1), sizeof(*lcs));
#define LCS(i, j) lcs[(i) * (n + 1) + (j)]
	for (i = m; i-- > 0;)
		for (j = n; j-- > 0;)
			LCS(i, j) = line_eq(&la, head + i, &lb, head + j)
					    ? LCS(i + 1, j + 1) + 1
				    : LCS(i + 1, j) >= LCS(i, j + 1)
					    ? LCS(i + 1, j)
					    : LCS(i, j + 1);
	out = arena_calloc(arena, la.count + lb.count, sizeof(*out));
	for (i = 0; i < head; i++)
		add_line(arena, out, &k, DOCUMENT_DIFF_SAME, &la, i, (int)i + 1,
			 (int)i + 1);
	i = j = 0;
	while (i < m || j < n) {
		if (i < m && j < n && line_eq(&la, head + i, &lb, head + j)) {
			add_line(arena, out, &k, DOCUMENT_DIFF_SAME, &la,
				 head + i, (int)(head + i) + 1,
				 (int)(head + j) + 1);
			i++;
			j++;
		} else if (i < m &&
			   (j == n || LCS(i + 1, j) >= LCS(i, j + 1))) {
			/* Removed lines before added ones, as diff shows. */
			add_line(arena, out, &k, DOCUMENT_DIFF_REMOVED, &la,
				 head + i, (int)(head + i) + 1, 0);
			i++;
		} else {
			add_line(arena, out, &k, DOCUMENT_DIFF_ADDED, &lb,
				 head + j, 0, (int)(head + j) + 1);
			j++;
		}
	}
#undef LCS
	free(lcs);
	for (i = 0; i < tail; i++)
		add_line(arena, out, &k, DOCUMENT_DIFF_SAME, &la,
			 la.count - tail + i, (int)(la.count - tail + i) + 1,
			 (int)(lb.count - tail + i) + 1);
	*lines = out;
	*count = k;
	return 0;
}
