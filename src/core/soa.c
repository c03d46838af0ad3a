/* soa.c: rules of the Statement of Applicability. */
#include "util/compat.h"
#include "core/soa.h"

#include <stdlib.h>
#include <string.h>

#include "core/control.h"
#include "core/diagnosis.h"
#include "core/reference.h"
#include "core/validate.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

static const char *const applicability_names[] = { "undecided", "yes", "no" };
static const char *const reason_names[] = { "risk", "legal", "contract",
					    "practice" };
static const char *const status_names[] = { "not_implemented", "partly",
					    "implemented", "not_applicable" };
static const char *const problem_names[] = { "undecided", "no_status",
					     "no_justification", "no_reason" };
static const char *const field_names[] = { "applicable",    "reasons",
					   "justification", "status",
					   "owner",	    "notes",
					   "reviewed_on" };

const char *soa_applicability_name(enum soa_applicability a)
{
	return (unsigned)a < SOA_APPLICABILITY_COUNT ? applicability_names[a]
						     : "";
}

int soa_applicability_parse(const char *name, enum soa_applicability *a)
{
	int i = parse_name(applicability_names, SOA_APPLICABILITY_COUNT, name);

	if (i < 0)
		return -1;
	*a = (enum soa_applicability)i;
	return 0;
}

const char *soa_reason_name(int i)
{
	return i >= 0 && i < SOA_REASON_COUNT ? reason_names[i] : "";
}

unsigned soa_reason_parse(const char *name)
{
	int i = parse_name(reason_names, SOA_REASON_COUNT, name);

	return i < 0 ? 0u : 1u << i;
}

int soa_reasons_parse(const char *list, unsigned *bits, const char **bad,
		      size_t *bad_len)
{
	unsigned out = 0;
	const char *p = list;

	while (*p) {
		size_t len = strcspn(p, ",");
		char name[16];
		unsigned bit = 0;

		if (len < sizeof(name)) {
			memcpy(name, p, len);
			name[len] = '\0';
			bit = soa_reason_parse(name);
		}
		if (!bit) {
			*bad = p;
			*bad_len = len;
			return -1;
		}
		out |= bit;
		p += len;
		if (*p == ',')
			p++;
	}
	*bits = out;
	return 0;
}

const char *soa_status_name(enum soa_status s)
{
	return (unsigned)s < SOA_STATUS_COUNT ? status_names[s] : "";
}

int soa_status_parse(const char *name, enum soa_status *s)
{
	int i = parse_name(status_names, SOA_STATUS_COUNT, name);

	if (i < 0)
		return -1;
	*s = (enum soa_status)i;
	return 0;
}

const char *soa_problem_name(enum soa_problem p)
{
	return (unsigned)p < SOA_PROBLEM_COUNT ? problem_names[p] : "";
}

const char *soa_field_name(enum soa_field f)
{
	return (unsigned)f < SOA_FIELD_COUNT ? field_names[f] : "";
}

void soa_entry_init(struct soa_entry *e, const char *control)
{
	memset(e, 0, sizeof(*e));
	e->control = control;
	e->applicable = SOA_UNDECIDED;
	e->status = SOA_STATUS_UNSET;
	e->justification = e->owner = e->notes = e->reviewed_on = "";
}

void soa_entry_normalise(struct soa_entry *e)
{
	/* A reason for exclusion left on an applicable control would be
	 * exported under "reason for exclusion" as if it still held. */
	if (e->applicable == SOA_APPLICABLE)
		e->justification = "";
	if (e->applicable != SOA_EXCLUDED)
		return;
	e->reasons = 0;
	e->status = SOA_NOT_APPLICABLE;
}

void soa_entry_accept(struct soa_entry *e, unsigned reason)
{
	e->applicable = SOA_APPLICABLE;
	e->reasons |= reason;
	if (e->status == SOA_NOT_APPLICABLE)
		e->status = SOA_STATUS_UNSET;
}

int soa_entry_validate(const struct soa_entry *e, struct error *err)
{
	char num[16];
	struct date d;

	if ((unsigned)e->applicable >= SOA_APPLICABILITY_COUNT) {
		snprintf(num, sizeof(num), "%d", (int)e->applicable);
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "soa.applicable", num, NULL);
	}
	if (e->reasons & ~(unsigned)SOA_REASON_ALL) {
		snprintf(num, sizeof(num), "%u", e->reasons);
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "soa.reasons", num, NULL);
	}
	if (e->status != SOA_STATUS_UNSET &&
	    (e->status < 0 || e->status >= SOA_STATUS_COUNT)) {
		snprintf(num, sizeof(num), "%d", e->status);
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "soa.status", num, NULL);
	}
	if (validate_lines("soa.justification", e->justification, 0,
			   SOA_JUSTIFICATION_MAX, err) ||
	    validate_text("soa.owner", e->owner, 0, SOA_OWNER_MAX, err) ||
	    validate_lines("soa.notes", e->notes, 0, SOA_NOTES_MAX, err))
		return -1;
	if (*e->reviewed_on && parse_date(e->reviewed_on, &d))
		return error_set(err, ERROR_INPUT, "input.bad_date",
				 "soa.reviewed_on", e->reviewed_on, NULL);
	switch (e->applicable) {
	case SOA_EXCLUDED:
		/* An auditor asks why a control was left out: say so. */
		if (!*e->justification)
			return error_set(err, ERROR_INPUT,
					 "soa.needs_justification", e->control,
					 NULL);
		if (e->reasons)
			return error_set(err, ERROR_INPUT,
					 "soa.excluded_with_reason", e->control,
					 NULL);
		if (e->status != SOA_STATUS_UNSET &&
		    e->status != SOA_NOT_APPLICABLE)
			return error_set(err, ERROR_INPUT,
					 "soa.excluded_with_status", e->control,
					 NULL);
		break;
	case SOA_APPLICABLE:
		if (!e->reasons)
			return error_set(err, ERROR_INPUT, "soa.needs_reason",
					 e->control, NULL);
		if (e->status == SOA_NOT_APPLICABLE)
			return error_set(err, ERROR_INPUT,
					 "soa.applicable_not_applicable",
					 e->control, NULL);
		break;
	case SOA_UNDECIDED:
	case SOA_APPLICABILITY_COUNT:
		break;
	}
	return 0;
}

size_t soa_blockers(const struct soa_entry *entries, size_t count,
		    struct soa_blocker *out)
{
	size_t i, n = 0;

	for (i = 0; i < count; i++) {
		const struct soa_entry *e = &entries[i];

		switch (e->applicable) {
		case SOA_APPLICABLE:
			if (!e->reasons)
				out[n++] = (struct soa_blocker){
					e->control, SOA_BLOCK_NO_REASON
				};
			if (e->status == SOA_STATUS_UNSET ||
			    e->status == SOA_NOT_APPLICABLE)
				out[n++] = (struct soa_blocker){
					e->control, SOA_BLOCK_NO_STATUS
				};
			break;
		case SOA_EXCLUDED:
			if (!*e->justification)
				out[n++] = (struct soa_blocker){
					e->control, SOA_BLOCK_NO_JUSTIFICATION
				};
			break;
		case SOA_UNDECIDED:
		case SOA_APPLICABILITY_COUNT:
			out[n++] = (struct soa_blocker){ e->control,
							 SOA_BLOCK_UNDECIDED };
			break;
		}
	}
	return n;
}

const char *soa_field_value(const struct soa_entry *e, enum soa_field f,
			    char *buf, size_t size)
{
	size_t len = 0;
	int i;

	switch (f) {
	case SOA_FIELD_APPLICABLE:
		return soa_applicability_name(e->applicable);
	case SOA_FIELD_REASONS:
		buf[0] = '\0';
		for (i = 0; i < SOA_REASON_COUNT; i++) {
			if (!(e->reasons & (1u << i)))
				continue;
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? "," : "",
						reason_names[i]);
		}
		return buf;
	case SOA_FIELD_JUSTIFICATION:
		return e->justification;
	case SOA_FIELD_STATUS:
		return e->status == SOA_STATUS_UNSET
			       ? ""
			       : soa_status_name((enum soa_status)e->status);
	case SOA_FIELD_OWNER:
		return e->owner;
	case SOA_FIELD_NOTES:
		return e->notes;
	case SOA_FIELD_REVIEWED_ON:
		return e->reviewed_on;
	case SOA_FIELD_COUNT:
		break;
	}
	return "";
}

unsigned soa_entry_changes(const struct soa_entry *a, const struct soa_entry *b)
{
	char ba[64], bb[64];
	unsigned bits = 0;
	int f;

	for (f = 0; f < SOA_FIELD_COUNT; f++)
		if (strcmp(soa_field_value(a, (enum soa_field)f, ba,
					   sizeof(ba)),
			   soa_field_value(b, (enum soa_field)f, bb,
					   sizeof(bb))))
			bits |= 1u << f;
	return bits;
}

static void change_line(struct strbuf *sb, const char *field, const char *v)
{
	if (sb->len)
		strbuf_addch(sb, '\n');
	strbuf_addf(sb, "%s: %s", field, v);
}

void soa_entry_audit(const struct soa_entry *old, const struct soa_entry *new_,
		     struct strbuf *before, struct strbuf *after)
{
	struct soa_entry fresh;
	char bo[64], bn[64];
	int f;

	if (!old) {
		soa_entry_init(&fresh, new_->control);
		old = &fresh;
	}
	for (f = 0; f < SOA_FIELD_COUNT; f++) {
		const char *o =
			soa_field_value(old, (enum soa_field)f, bo, sizeof(bo));
		const char *n = soa_field_value(new_, (enum soa_field)f, bn,
						sizeof(bn));

		if (!strcmp(o, n))
			continue;
		change_line(before, field_names[f], o);
		change_line(after, field_names[f], n);
	}
}

size_t soa_diff(const struct soa_entry *a, size_t na, const struct soa_entry *b,
		size_t nb, struct soa_diff *out)
{
	size_t i = 0, j = 0, n = 0;

	/* Both lists are in control order: walk them side by side. */
	while (i < na || j < nb) {
		int c = i == na	  ? 1
			: j == nb ? -1
				  : control_id_cmp(a[i].control, b[j].control);
		unsigned bits;

		if (c < 0) {
			out[n++] =
				(struct soa_diff){ a[i].control,
						   (1u << SOA_FIELD_COUNT) - 1,
						   &a[i], NULL };
			i++;
			continue;
		}
		if (c > 0) {
			out[n++] =
				(struct soa_diff){ b[j].control,
						   (1u << SOA_FIELD_COUNT) - 1,
						   NULL, &b[j] };
			j++;
			continue;
		}
		bits = soa_entry_changes(&a[i], &b[j]);
		if (bits)
			out[n++] = (struct soa_diff){ a[i].control, bits, &a[i],
						      &b[j] };
		i++;
		j++;
	}
	return n;
}

void soa_count(const struct soa_entry *entries, size_t count,
	       struct soa_counts *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < count; i++) {
		const struct soa_entry *e = &entries[i];

		if (e->applicable == SOA_APPLICABLE)
			out->applicable++;
		else if (e->applicable == SOA_EXCLUDED)
			out->excluded++;
		else
			out->undecided++;
		if (e->status >= 0 && e->status < SOA_STATUS_COUNT)
			out->by_status[e->status]++;
	}
}

/* ---- suggestions ---- */

struct suggest_list {
	struct soa_suggestion *rows;
	size_t count, cap;
	const struct soa_entry *entries;
	size_t entry_count;
	const struct soa_decision *decisions;
	size_t decision_count;
};

static const struct soa_entry *entry_of(const struct suggest_list *l,
					const char *control)
{
	size_t i;

	for (i = 0; i < l->entry_count; i++)
		if (!strcmp(l->entries[i].control, control))
			return &l->entries[i];
	return NULL;
}

/* Adds s unless the entry has it already or it was decided on its basis. */
static void offer(struct suggest_list *l, const struct soa_suggestion *s)
{
	const struct soa_entry *e = entry_of(l, s->control);
	size_t i;

	if (e && e->applicable == SOA_APPLICABLE && (e->reasons & s->reason))
		return;
	for (i = 0; i < l->decision_count; i++) {
		const struct soa_decision *d = &l->decisions[i];

		if (!strcmp(d->control, s->control) &&
		    !strcmp(d->source, s->source) &&
		    !strcmp(d->basis, s->basis))
			return;
	}
	/* One item may list a control twice in other catalogues: once. */
	if (soa_suggestion_find(l->rows, l->count, s->control, s->source))
		return;
	ALLOC_GROW(l->rows, l->count + 1, l->cap);
	l->rows[l->count++] = *s;
}

static int suggestion_cmp(const void *pa, const void *pb)
{
	const struct soa_suggestion *a = pa, *b = pb;
	int c = control_id_cmp(a->control, b->control);

	if (c)
		return c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

static void suggest_risks(const struct soa_sources *src, struct arena *arena,
			  struct suggest_list *l)
{
	size_t i = 0;

	while (i < src->link_count) {
		const struct soa_risk_link *first = &src->links[i];
		struct soa_suggestion s;
		struct strbuf basis = STRBUF_INIT;
		size_t j;

		/* The risks' ids are the basis: another risk choosing the
		 * control, or one dropping it, asks again. */
		for (j = i; j < src->link_count &&
			    !strcmp(src->links[j].control, first->control);
		     j++)
			strbuf_addf(&basis, "%s%lld", j > i ? "," : "",
				    (long long)src->links[j].risk_id);
		memset(&s, 0, sizeof(s));
		s.control = first->control;
		s.kind = SOA_SOURCE_RISK;
		s.source = "risk";
		s.basis = arena_strdup(arena, basis.buf);
		s.reason = SOA_REASON_RISK;
		s.risks = j - i;
		s.first = first;
		strbuf_release(&basis);
		offer(l, &s);
		i = j;
	}
}

static void suggest_diagnosis(const struct soa_sources *src,
			      struct arena *arena, struct suggest_list *l)
{
	size_t i, k;

	if (!src->answers)
		return;
	for (i = 0; i < src->item_count; i++) {
		const struct diagnosis_item *it = &src->items[i];
		int answer;

		if (it->no < 1 || it->no > DIAGNOSIS_ITEMS)
			continue;
		answer = src->answers[it->no - 1];
		/* Weak: partly, not done, or not known. */
		if (answer != ANSWER_PARTLY && answer != ANSWER_NOT_DONE &&
		    answer != ANSWER_UNKNOWN)
			continue;
		for (k = 0; k < it->control_count; k++) {
			struct soa_suggestion s;

			memset(&s, 0, sizeof(s));
			s.control = it->controls[k]->id;
			s.kind = SOA_SOURCE_DIAGNOSIS;
			s.source = arena_printf(arena, "diagnosis:%d", it->no);
			s.basis = arena_printf(arena, "%d", answer);
			s.reason = SOA_REASON_PRACTICE;
			s.item = it->no;
			s.answer = answer;
			offer(l, &s);
		}
	}
}

static void suggest_case(const struct soa_sources *src, struct arena *arena,
			 struct suggest_list *l)
{
	const struct incident_case *c = src->picked_case;
	size_t k;

	if (!c)
		return;
	for (k = 0; k < c->control_count; k++) {
		struct soa_suggestion s;

		memset(&s, 0, sizeof(s));
		s.control = c->controls[k]->id;
		s.kind = SOA_SOURCE_CASE;
		s.source = arena_printf(arena, "case:%s", c->id);
		s.basis = "";
		s.reason = SOA_REASON_PRACTICE;
		s.case_id = c->id;
		offer(l, &s);
	}
}

size_t soa_suggest(const struct soa_sources *src,
		   const struct soa_entry *entries, size_t entry_count,
		   const struct soa_decision *decisions, size_t decision_count,
		   struct arena *arena, struct soa_suggestion **out)
{
	struct suggest_list l;

	memset(&l, 0, sizeof(l));
	l.entries = entries;
	l.entry_count = entry_count;
	l.decisions = decisions;
	l.decision_count = decision_count;
	suggest_risks(src, arena, &l);
	suggest_diagnosis(src, arena, &l);
	suggest_case(src, arena, &l);
	if (l.count)
		qsort(l.rows, l.count, sizeof(*l.rows), suggestion_cmp);
	*out = arena_alloc(arena,
			   l.count ? st_mult(l.count, sizeof(*l.rows)) : 1);
	if (l.count)
		memcpy(*out, l.rows, st_mult(l.count, sizeof(*l.rows)));
	free(l.rows);
	return l.count;
}

const struct soa_suggestion *
soa_suggestion_find(const struct soa_suggestion *list, size_t count,
		    const char *control, const char *source)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcmp(list[i].control, control) &&
		    !strcmp(list[i].source, source))
			return &list[i];
	return NULL;
}
