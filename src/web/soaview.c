/*
 * soaview.c: the Statement of Applicability as its pages, its API and
 * the command line share it.
 */
#include "util/compat.h"
#include "web/soaview.h"

#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "export/table.h"
#include "export/xlsx.h"
#include "store/repo_diagnosis.h"
#include "store/repo_risk.h"
#include "store/repo_soa.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"

int soaview_entries(struct store *store, struct arena *arena,
		    const struct catalog *cat, int64_t org_id,
		    struct soa_entry **rows, size_t *count, int *started,
		    struct error *err)
{
	struct soa_entry *saved, *out;
	size_t n, i, k;

	if (repo_soa_list(store, arena, org_id, &saved, &n, err))
		return -1;
	out = arena_calloc(arena, cat->control_count + 1, sizeof(*out));
	for (i = 0; i < cat->control_count; i++) {
		const char *id = cat->controls[i].id;

		soa_entry_init(&out[i], id);
		for (k = 0; k < n; k++)
			if (!strcmp(saved[k].control, id)) {
				out[i] = saved[k];
				out[i].control = id;
				break;
			}
	}
	*rows = out;
	*count = cat->control_count;
	*started = n > 0;
	return 0;
}

struct soa_entry *soaview_find(struct soa_entry *entries, size_t count,
			       const char *control)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcmp(entries[i].control, control))
			return &entries[i];
	return NULL;
}

int soaview_risk_counts(struct store *store, struct arena *arena,
			const struct catalog *cat, int64_t org_id,
			int64_t **counts, struct error *err)
{
	struct ref_count *refs;
	size_t n, i, k;
	int64_t *out;

	if (repo_risk_refs(store, arena, org_id, &refs, &n, err))
		return -1;
	out = arena_calloc(arena, cat->control_count + 1, sizeof(*out));
	for (k = 0; k < n; k++) {
		if (strcmp(refs[k].kind, "control"))
			continue;
		for (i = 0; i < cat->control_count; i++)
			if (!strcmp(cat->controls[i].id, refs[k].ref))
				out[i] = refs[k].risks;
	}
	*counts = out;
	return 0;
}

int soaview_suggestions(struct store *store, struct arena *arena,
			const struct catalog *cat, int64_t org_id,
			const struct incident_case *picked_case,
			const struct soa_entry *entries, size_t count,
			struct soa_suggestion **out, size_t *out_count,
			struct error *err)
{
	struct soa_sources src;
	struct soa_decision *decisions;
	struct soa_risk_link *links;
	int answers[DIAGNOSIS_ITEMS];
	size_t nd, nl, units = 0;

	if (repo_soa_risk_links(store, arena, org_id, NULL, &links, &nl, err) ||
	    repo_run_latest_combined(store, arena, org_id, answers, &units,
				     err) ||
	    repo_soa_decisions(store, arena, org_id, &decisions, &nd, err))
		return -1;
	memset(&src, 0, sizeof(src));
	src.links = links;
	src.link_count = nl;
	src.items = cat->diagnosis;
	src.item_count = cat->diagnosis_count;
	/* Without a completed run nothing is known to be weak. */
	src.answers = units ? answers : NULL;
	src.picked_case = picked_case;
	*out_count =
		soa_suggest(&src, entries, count, decisions, nd, arena, out);
	return 0;
}

/* Creates the 93 working rows on the first change. */
static int ensure_started(struct store *store, const struct catalog *cat,
			  int64_t org_id, const char *control, int64_t now,
			  struct error *err)
{
	struct arena a;
	struct soa_entry probe;
	const char **ids;
	size_t i;
	int found, rc;

	arena_init(&a, 4096);
	found = repo_soa_get(store, &a, org_id, control, &probe, err);
	if (found) {
		arena_release(&a);
		return found < 0 ? -1 : 0;
	}
	ids = arena_calloc(&a, cat->control_count + 1, sizeof(*ids));
	for (i = 0; i < cat->control_count; i++)
		ids[i] = cat->controls[i].id;
	rc = repo_soa_start(store, org_id, ids, cat->control_count, now, err);
	arena_release(&a);
	return rc;
}

int soaview_save(struct store *store, const struct catalog *cat, int64_t org_id,
		 const struct soa_entry *old, struct soa_entry *e, int64_t now,
		 struct strbuf *before, struct strbuf *after, int *changed,
		 struct error *err)
{
	*changed = 0;
	if (!catalog_control(cat, e->control))
		return error_set(err, ERROR_NOT_FOUND, "soa.not_found",
				 e->control, NULL);
	soa_entry_normalise(e);
	if (soa_entry_validate(e, err))
		return -1;
	/* A write that changes nothing writes nothing. */
	if (!soa_entry_changes(old, e))
		return 0;
	if (ensure_started(store, cat, org_id, e->control, now, err) ||
	    repo_soa_put(store, org_id, e, now, err))
		return -1;
	soa_entry_audit(old, e, before, after);
	*changed = 1;
	return 0;
}

int soaview_decide(struct store *store, const struct catalog *cat,
		   int64_t org_id, const struct soa_suggestion *s, int accept,
		   struct soa_entry *entry, const char *by, int64_t now,
		   struct strbuf *before, struct strbuf *after,
		   struct error *err)
{
	struct soa_decision d;
	struct soa_entry old = *entry;
	int changed = 0;

	if (accept) {
		soa_entry_accept(entry, s->reason);
		if (soaview_save(store, cat, org_id, &old, entry, now, before,
				 after, &changed, err))
			return -1;
	}
	d.control = s->control;
	d.source = s->source;
	d.basis = s->basis;
	d.accepted = accept;
	if (after->len)
		strbuf_addch(after, '\n');
	strbuf_addf(after, "suggestion: %s (%s)", s->source,
		    accept ? "accepted" : "rejected");
	return repo_soa_decide(store, org_id, &d, by, now, err);
}

int soaview_approve(struct store *store, struct arena *arena,
		    const struct catalog *cat, int64_t org_id, const char *by,
		    const char *on, int64_t now, int64_t *no, struct error *err)
{
	struct soa_entry *entries;
	struct soa_blocker *blockers;
	size_t count, n;
	int started;

	/* Read inside the write transaction: what is approved is what was
	 * checked. */
	if (soaview_entries(store, arena, cat, org_id, &entries, &count,
			    &started, err))
		return -1;
	blockers = arena_calloc(arena, 2 * count + 1, sizeof(*blockers));
	n = soa_blockers(entries, count, blockers);
	if (n) {
		char num[24];

		snprintf(num, sizeof(num), "%zu", n);
		return error_set(err, ERROR_CONFLICT, "soa.blocked", num, NULL);
	}
	return repo_soa_approve(store, org_id, by, on, now, no, err);
}

static const char *msg(const struct i18n *msgs, enum lang lang,
		       struct arena *arena, const char *prefix,
		       const char *name)
{
	return i18n_get(msgs, lang, arena_printf(arena, "%s.%s", prefix, name));
}

const char *soaview_applicable_text(const struct i18n *msgs, enum lang lang,
				    enum soa_applicability a)
{
	static const char *const keys[] = { "soa.applicable.undecided",
					    "soa.applicable.yes",
					    "soa.applicable.no" };

	return i18n_get(msgs, lang,
			keys[(unsigned)a < SOA_APPLICABILITY_COUNT ? a : 0]);
}

const char *soaview_status_text(const struct i18n *msgs, enum lang lang,
				int status)
{
	static const char *const keys[] = { "soa.status.not_implemented",
					    "soa.status.partly",
					    "soa.status.implemented",
					    "soa.status.not_applicable" };

	if (status < 0 || status >= SOA_STATUS_COUNT)
		return i18n_get(msgs, lang, "soa.status.unset");
	return i18n_get(msgs, lang, keys[status]);
}

const char *soaview_reasons_text(const struct i18n *msgs, enum lang lang,
				 unsigned reasons, struct arena *arena)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	int i;

	for (i = 0; i < SOA_REASON_COUNT; i++) {
		if (!(reasons & (1u << i)))
			continue;
		if (sb.len)
			strbuf_addstr(&sb, lang == LANG_EN ? ", " : "、");
		strbuf_addstr(&sb, msg(msgs, lang, arena, "soa.reason",
				       soa_reason_name(i)));
	}
	r = arena_strdup(arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

const char *soaview_blocker_text(const struct i18n *msgs, enum lang lang,
				 const struct soa_blocker *b,
				 struct arena *arena)
{
	struct strbuf sb = STRBUF_INIT;
	const char *arg = b->control;
	const char *r;

	i18n_format(msgs, lang,
		    arena_printf(arena, "soa.block.%s",
				 soa_problem_name(b->problem)),
		    &arg, 1, &sb);
	r = arena_strdup(arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

/* The message key with its NULL-ended arguments, from arena. */
static const char *format(const struct i18n *msgs, enum lang lang,
			  struct arena *arena, const char *key,
			  const char *const *args, int argc)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	i18n_format(msgs, lang, key, args, argc, &sb);
	r = arena_strdup(arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

const char *soaview_source_text(const struct catalog *cat,
				const struct i18n *msgs, enum lang lang,
				const struct soa_suggestion *s,
				struct arena *arena)
{
	const char *args[3];
	size_t i;

	switch (s->kind) {
	case SOA_SOURCE_RISK: {
		const struct soa_risk_link *r = s->first;
		const struct threat *th =
			*r->threat_id ? catalog_threat(cat, r->threat_id)
				      : NULL;

		args[0] = arena_printf(arena, "%s / %s", r->asset_name,
				       th ? text_get(&th->title, lang)
					  : r->threat);
		args[1] = arena_printf(arena, "%zu", s->risks);
		return format(msgs, lang, arena,
			      s->risks > 1 ? "soa.source.risks"
					   : "soa.source.risk",
			      args, 2);
	}
	case SOA_SOURCE_DIAGNOSIS:
		args[0] = arena_printf(arena, "%d", s->item);
		args[1] = "";
		for (i = 0; i < cat->answer_count; i++)
			if (cat->answers[i].value == s->answer)
				args[1] =
					text_get(&cat->answers[i].label, lang);
		return format(msgs, lang, arena, "soa.source.diagnosis", args,
			      2);
	case SOA_SOURCE_CASE: {
		const struct incident_case *c = catalog_case(cat, s->case_id);

		args[0] = s->case_id;
		args[1] = c ? text_get(&c->title, lang) : "";
		return format(msgs, lang, arena, "soa.source.case", args, 2);
	}
	case SOA_SOURCE_KIND_COUNT:
		break;
	}
	return "";
}

static const struct {
	const char *key;
	double width;
} columns[SOAV_COLUMN_COUNT] = {
	[SOAV_CONTROL] = { "control", 8 },
	[SOAV_THEME] = { "theme", 12 },
	[SOAV_TITLE] = { "title", 36 },
	[SOAV_APPLICABLE] = { "applicable", 10 },
	[SOAV_REASONS] = { "reasons", 24 },
	[SOAV_JUSTIFICATION] = { "justification", 36 },
	[SOAV_STATUS] = { "status", 12 },
	[SOAV_OWNER] = { "owner", 16 },
	[SOAV_NOTES] = { "notes", 40 },
	[SOAV_RISKS] = { "risks", 10 },
	[SOAV_REVIEWED_ON] = { "reviewed_on", 14 },
};

const char *soaview_column_key(enum soaview_column c)
{
	return (unsigned)c < SOAV_COLUMN_COUNT ? columns[c].key : "";
}

double soaview_column_width(enum soaview_column c)
{
	return (unsigned)c < SOAV_COLUMN_COUNT ? columns[c].width : 10;
}

void soaview_header(const struct i18n *msgs, enum lang lang,
		    const char *cells[SOAV_COLUMN_COUNT])
{
	static const char *const keys[SOAV_COLUMN_COUNT] = {
		[SOAV_CONTROL] = "soa.col.control",
		[SOAV_THEME] = "soa.col.theme",
		[SOAV_TITLE] = "soa.col.title",
		[SOAV_APPLICABLE] = "soa.applicable",
		[SOAV_REASONS] = "soa.reasons",
		[SOAV_JUSTIFICATION] = "soa.justification",
		[SOAV_STATUS] = "soa.status",
		[SOAV_OWNER] = "soa.owner",
		[SOAV_NOTES] = "soa.notes",
		[SOAV_RISKS] = "soa.col.risks",
		[SOAV_REVIEWED_ON] = "soa.reviewed_on",
	};
	size_t i;

	for (i = 0; i < SOAV_COLUMN_COUNT; i++)
		cells[i] = i18n_get(msgs, lang, keys[i]);
}

void soaview_row(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct soa_entry *e, int64_t risks,
		 struct arena *arena, const char *cells[SOAV_COLUMN_COUNT])
{
	const struct control *c = catalog_control(cat, e->control);

	cells[SOAV_CONTROL] = e->control;
	cells[SOAV_THEME] = c ? msg(msgs, lang, arena, "soa.theme",
				    control_theme_name(c->theme))
			      : "";
	cells[SOAV_TITLE] = c ? text_get(&c->title, lang) : "";
	cells[SOAV_APPLICABLE] =
		soaview_applicable_text(msgs, lang, e->applicable);
	cells[SOAV_REASONS] =
		soaview_reasons_text(msgs, lang, e->reasons, arena);
	cells[SOAV_JUSTIFICATION] = e->justification;
	cells[SOAV_STATUS] =
		e->status == SOA_STATUS_UNSET
			? ""
			: soaview_status_text(msgs, lang, e->status);
	cells[SOAV_OWNER] = e->owner;
	cells[SOAV_NOTES] = e->notes;
	cells[SOAV_RISKS] = arena_printf(arena, "%lld", (long long)risks);
	cells[SOAV_REVIEWED_ON] = e->reviewed_on;
}

void soaview_csv(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct soa_entry *entries, size_t count,
		 const int64_t *risks, struct arena *arena, struct strbuf *out)
{
	const char *cells[SOAV_COLUMN_COUNT];
	size_t i;

	/* The BOM makes Excel read the file as UTF-8, not Shift_JIS. */
	strbuf_addstr(out, "\xef\xbb\xbf");
	soaview_header(msgs, lang, cells);
	table_csv_row(cells, SOAV_COLUMN_COUNT, out);
	for (i = 0; i < count; i++) {
		soaview_row(cat, msgs, lang, &entries[i], risks ? risks[i] : 0,
			    arena, cells);
		table_csv_row(cells, SOAV_COLUMN_COUNT, out);
	}
}

int soaview_xlsx(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct soa_entry *entries, size_t count,
		 const int64_t *risks, struct arena *arena, const char *path,
		 struct error *err)
{
	struct xlsx_column cols[SOAV_COLUMN_COUNT];
	const char *cells[SOAV_COLUMN_COUNT];
	struct xlsx_writer *w;
	size_t i;

	soaview_header(msgs, lang, cells);
	for (i = 0; i < SOAV_COLUMN_COUNT; i++) {
		cols[i].header = cells[i];
		cols[i].numeric = i == SOAV_RISKS;
		cols[i].width = columns[i].width;
	}
	if (xlsx_writer_open(path, i18n_get(msgs, lang, "soa.sheet"), cols,
			     SOAV_COLUMN_COUNT, 0, &w, err))
		return -1;
	for (i = 0; i < count; i++) {
		soaview_row(cat, msgs, lang, &entries[i], risks ? risks[i] : 0,
			    arena, cells);
		xlsx_writer_add_row(w, cells);
	}
	return xlsx_writer_close(w, err);
}
