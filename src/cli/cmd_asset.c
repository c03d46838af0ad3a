/* cmd_asset.c: `mamori asset`, the information asset register. */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "cli/riskrun.h"
#include "store/repo_asset.h"
#include "store/repo_audit.h"
#include "store/repo_risk.h"
#include "store/store.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

enum verb { V_LIST, V_SHOW, V_ADD, V_EDIT, V_COPY, V_DELETE, V_COUNT };

static const char *const verb_names[V_COUNT] = { "list", "show", "add",
						 "edit", "copy", "delete" };

#define VB(v) (1u << (v))
#define SET   (VB(V_ADD) | VB(V_EDIT))

/* The options, in the order of their table below. */
enum opt {
	O_ORG,
	O_SORT,
	O_DESC,
	O_CATEGORY,
	O_MEDIUM,
	O_DEPARTMENT,
	O_OWNER,
	O_LABEL,
	O_IMPORTANCE,
	O_PERSONAL,
	O_SEARCH,
	O_LIMIT,
	O_AFTER,
	O_FORMAT,
	O_NAME,
	O_NOTES,
	O_USERS,
	O_C,
	O_I,
	O_A,
	O_RETENTION,
	O_REGISTERED,
	O_COUNT
};

/* Each option and the verbs it applies to. */
static const struct verb_option options[O_COUNT] = {
	[O_ORG] = { "org", 1, (1u << V_COUNT) - 1 },
	[O_SORT] = { "sort", 1, VB(V_LIST) },
	[O_DESC] = { "desc", 0, VB(V_LIST) },
	[O_CATEGORY] = { "category", 1, VB(V_LIST) | SET },
	[O_MEDIUM] = { "medium", 1, VB(V_LIST) | SET | VB(V_COPY) },
	[O_DEPARTMENT] = { "department", 1, VB(V_LIST) | SET },
	[O_OWNER] = { "owner", 1, VB(V_LIST) | SET },
	[O_LABEL] = { "label", 1, VB(V_LIST) | SET },
	[O_IMPORTANCE] = { "importance", 1, VB(V_LIST) },
	[O_PERSONAL] = { "personal", 1, VB(V_LIST) | SET },
	[O_SEARCH] = { "search", 1, VB(V_LIST) },
	[O_LIMIT] = { "limit", 1, VB(V_LIST) },
	[O_AFTER] = { "after", 1, VB(V_LIST) },
	[O_FORMAT] = { "format", 1, VB(V_LIST) },
	[O_NAME] = { "name", 1, VB(V_EDIT) },
	[O_NOTES] = { "notes", 1, SET },
	[O_USERS] = { "users", 1, SET },
	[O_C] = { "c", 1, SET },
	[O_I] = { "i", 1, SET },
	[O_A] = { "a", 1, SET },
	[O_RETENTION] = { "retention", 1, SET },
	[O_REGISTERED] = { "registered", 1, SET },
};

/* What the command line said, checked for form before anything opens. */
struct asset_args {
	enum verb verb;
	const char *v[O_COUNT]; /* each option's value; NULL when not given */
	int64_t org;
	int64_t id;	   /* show, edit, copy, delete */
	const char *name;  /* add */
	int rating[3];	   /* --c --i --a */
	unsigned personal; /* --personal */
	int importance;	   /* list: IMPORTANCE_ANY, RISK_UNRATED or a value */
	enum asset_sort sort;
	size_t limit;
	int64_t after;
	enum table_format fmt;
};

/* How many events of an asset's history `asset show` prints. */
enum { HISTORY_MAX = 20 };

/* --- list ---------------------------------------------------------------- */

static int asset_list(struct risk_run *run, const struct asset_args *o,
		      struct error *err)
{
	static const char *const keys[] = { "col.id",
					    "asset.name",
					    "asset.category",
					    "asset.medium",
					    "asset.department",
					    "asset.owner",
					    "asset_cli.col.personal",
					    "asset_cli.col.c",
					    "asset_cli.col.i",
					    "asset_cli.col.a",
					    "asset.importance",
					    "asset.label",
					    "asset.registered_on",
					    "asset_cli.col.risks",
					    NULL };
	struct asset_query q;
	struct asset_page page;
	struct table t;
	size_t k;

	memset(&q, 0, sizeof(q));
	q.sort = o->sort;
	q.desc = o->v[O_DESC] != NULL;
	q.cursor = o->after;
	q.category = o->v[O_CATEGORY];
	q.medium = o->v[O_MEDIUM] ? risk_run_parse_medium(run, o->v[O_MEDIUM])
				  : NULL;
	q.department = o->v[O_DEPARTMENT];
	q.owner = o->v[O_OWNER];
	if (o->v[O_LABEL] &&
	    risk_run_parse_label(run, o->v[O_LABEL], &q.label, err))
		return -1;
	q.importance = o->importance;
	q.personal = o->personal;
	q.search = o->v[O_SEARCH];
	q.limit = o->limit;
	q.assessment_id = run->open ? run->assessment.id : 0;
	if (repo_asset_list(run->store, &run->arena, run->org, &q, &page, err))
		return -1;
	if (!page.count && o->fmt == TABLE_TEXT) {
		cli_say(run->cli, run->cli->out,
			o->after ? "list.no_more" : "asset_cli.none", NULL);
		return 0;
	}
	risk_run_table(run, &t, keys);
	for (k = 0; k < page.count; k++) {
		const struct asset *a = &page.rows[k];
		const char *cells[] = {
			arena_printf(&run->arena, "%lld", (long long)a->id),
			a->name,
			a->category,
			risk_run_medium(run, a->medium),
			a->department,
			a->owner,
			risk_run_personal(run, a->personal),
			risk_run_num(run, a->c),
			risk_run_num(run, a->i),
			risk_run_num(run, a->a),
			risk_run_num(run, a->importance),
			risk_run_label(run, a->label),
			a->registered_on,
			arena_printf(&run->arena, "%d", a->risk_count),
		};

		table_add_row(&t, cells);
	}
	risk_run_print(run, &t, o->fmt, 24);
	/* Where the page stands goes to stderr, so stdout stays data. */
	cli_say(run->cli, run->cli->err,
		page.total_capped ? "asset_cli.page_capped" : "asset_cli.page",
		arena_printf(&run->arena, "%lld", (long long)page.total),
		arena_printf(&run->arena, "%zu", page.count), NULL);
	if (page.more_after)
		cli_say(run->cli, run->cli->err, "asset_cli.page_more",
			arena_printf(&run->arena, "%lld",
				     (long long)page.rows[page.count - 1].id),
			NULL);
	return 0;
}

/* --- show ---------------------------------------------------------------- */

/* The label of a field of the asset's history ("c" → 機密性). */
static const char *field_label(struct risk_run *run, const char *field)
{
	const char *key = arena_printf(&run->arena, "asset.%s", field);

	if (i18n_find(run->cli->msgs, key))
		return cli_msg(run->cli, key);
	key = arena_printf(&run->arena, "asset_cli.field.%s", field);
	if (i18n_find(run->cli->msgs, key))
		return cli_msg(run->cli, key);
	return field;
}

/* A value of the history as the reader knows it (ratings, media …). */
static const char *field_value(struct risk_run *run, const char *field,
			       const char *value)
{
	int v;

	if (!strcmp(field, "c") || !strcmp(field, "i") || !strcmp(field, "a"))
		return parse_int(value, -1, 3, &v) ? value
						   : risk_run_num(run, v);
	if (!strcmp(field, "personal")) {
		if (parse_int(value, 0, PERSONAL_ALL, &v))
			return value;
		return v ? risk_run_personal(run, (unsigned)v) : "—";
	}
	if (!*value)
		return "—";
	if (!strcmp(field, "medium"))
		return risk_run_medium(run, value);
	if (!strcmp(field, "label"))
		return risk_run_label(run, value);
	if (!strcmp(field, "scale")) {
		enum risk_method m;

		return risk_method_parse(value, &m)
			       ? value
			       : risk_run_method_name(run, m);
	}
	return value;
}

/*
 * Finds the line "field: value" of lines; sets *value (from the arena)
 * and returns 1, or returns 0.
 */
static int find_line(struct risk_run *run, const char *lines, const char *field,
		     const char **value)
{
	size_t flen = strlen(field);
	const char *p = lines;

	while (*p) {
		size_t len = strcspn(p, "\n");

		if (len > flen + 1 && !strncmp(p, field, flen) &&
		    p[flen] == ':' && p[flen + 1] == ' ') {
			*value = arena_memdupz(&run->arena, p + flen + 2,
					       len - flen - 2);
			return 1;
		}
		p += len;
		if (*p)
			p++;
	}
	return 0;
}

/* Appends the changes of one event, "  label: before → after". */
static void history_changes(struct risk_run *run, const struct audit_event *ev,
			    struct strbuf *out)
{
	const char *p = ev->after;

	while (*p) {
		size_t len = strcspn(p, "\n");
		const char *colon = memchr(p, ':', len);

		if (colon && colon[1] == ' ') {
			const char *field = arena_memdupz(&run->arena, p,
							  (size_t)(colon - p));
			const char *after =
				arena_memdupz(&run->arena, colon + 2,
					      len - (size_t)(colon - p) - 2);
			const char *before;

			strbuf_addf(out, "    %s: ", field_label(run, field));
			if (find_line(run, ev->before, field, &before))
				strbuf_addf(out, "%s → ",
					    field_value(run, field, before));
			strbuf_addf(out, "%s\n",
				    field_value(run, field, after));
		} else if (len) {
			strbuf_addf(out, "    %.*s\n", (int)len, p);
		}
		p += len;
		if (*p)
			p++;
	}
}

static int show_history(struct risk_run *run, int64_t id, struct strbuf *out,
			struct error *err)
{
	struct audit_event *rows;
	size_t count, k;

	if (repo_audit_target(run->store, &run->arena, run->org,
			      arena_printf(&run->arena, "asset:%lld",
					   (long long)id),
			      HISTORY_MAX, &rows, &count, err))
		return -1;
	strbuf_addf(out, "\n%s:\n", cli_msg(run->cli, "asset.history"));
	for (k = 0; k < count; k++) {
		const struct audit_event *ev = &rows[k];

		strbuf_addf(out, "  %s  %s  %s\n", risk_run_time(run, ev->at),
			    cli_msg(run->cli,
				    arena_printf(&run->arena, "action.%s",
						 ev->action)),
			    ev->actor);
		history_changes(run, ev, out);
	}
	if (count == HISTORY_MAX)
		strbuf_addf(out, "  %s\n",
			    cli_msg(run->cli, "asset_cli.history_more"));
	return 0;
}

static int show_risks(struct risk_run *run, int64_t id, struct strbuf *out,
		      struct error *err)
{
	static const char *const keys[] = {
		"col.id",	  "risk.threat", "risk.vulnerability",
		"risk.level",	  "risk.grade",	 "risk.rank",
		"risk.treatment", "risk.status", NULL
	};
	size_t cells[5][5], levels[10], k;
	struct risk_query q;
	struct risk_page page;
	struct table t;

	strbuf_addch(out, '\n');
	if (!run->open) {
		strbuf_addf(out, "%s\n",
			    cli_msg(run->cli, "asset_cli.risks_no_method"));
		return 0;
	}
	memset(&q, 0, sizeof(q));
	q.assessment_id = run->assessment.id;
	q.sort = RSORT_LEVEL;
	q.desc = 1;
	q.limit = 1000;
	q.asset_id = id;
	q.level_min = q.level_max = RISK_ANY;
	q.importance = q.likelihood = RISK_ANY;
	if (repo_risk_list(run->store, &run->arena, run->org, &q, &page, err) ||
	    risk_run_levels(run, cells, levels, err))
		return -1;
	if (!page.count) {
		strbuf_addf(out, "%s\n",
			    risk_run_text(run, "asset_cli.risks_none",
					  arena_printf(&run->arena, "%lld",
						       (long long)id),
					  NULL));
		return 0;
	}
	strbuf_addf(out, "%s\n",
		    risk_run_text(run, "asset_cli.risks_title",
				  arena_printf(&run->arena, "%d",
					       run->assessment.no),
				  NULL));
	risk_run_table(run, &t, keys);
	for (k = 0; k < page.count; k++) {
		const struct risk *r = &page.rows[k];
		const char *row[] = {
			arena_printf(&run->arena, "%lld", (long long)r->id),
			risk_run_threat(run, r),
			risk_run_vulnerability(run, r),
			risk_run_num(run, r->level),
			risk_run_grade(run, r->level),
			r->level < 0
				? "—"
				: arena_printf(&run->arena, "%d",
					       risk_rank(levels, r->level)),
			risk_run_treatment(run, r->treatment),
			risk_run_status(run, r->status),
		};

		table_add_row(&t, row);
	}
	table_render_text(&t, 30, out);
	return 0;
}

static int asset_show(struct risk_run *run, int64_t id, struct error *err)
{
	struct strbuf out = STRBUF_INIT;
	struct asset a;
	int found, rc = -1;

	found = repo_asset_get(run->store, &run->arena, run->org, id, &a, err);
	if (found <= 0) {
		if (!found)
			error_set(err, ERROR_NOT_FOUND, "asset.not_found",
				  NULL);
		goto out;
	}
	strbuf_addf(&out, "%s\n",
		    risk_run_text(run, "asset_cli.show_title",
				  arena_printf(&run->arena, "%lld",
					       (long long)a.id),
				  NULL));
	risk_run_line(run, &out, "asset.name", a.name);
	risk_run_line(run, &out, "asset.category", a.category);
	risk_run_line(run, &out, "asset.medium",
		      risk_run_medium(run, a.medium));
	risk_run_line(run, &out, "asset.notes", a.notes);
	risk_run_line(run, &out, "asset.users", a.users);
	risk_run_line(run, &out, "asset.owner", a.owner);
	risk_run_line(run, &out, "asset.department", a.department);
	risk_run_line(run, &out, "asset.personal",
		      risk_run_personal(run, a.personal));
	risk_run_line(run, &out, "asset.c",
		      risk_run_point(run, SCALE_CIA, a.c));
	risk_run_line(run, &out, "asset.i",
		      risk_run_point(run, SCALE_CIA, a.i));
	risk_run_line(run, &out, "asset.a",
		      risk_run_point(run, SCALE_CIA, a.a));
	risk_run_line(run, &out, "asset.importance",
		      risk_run_point(run, SCALE_CIA, a.importance));
	risk_run_line(run, &out, "asset.retention", a.retention);
	risk_run_line(run, &out, "asset.registered_on", a.registered_on);
	risk_run_line(run, &out, "asset.label", risk_run_label(run, a.label));
	risk_run_line(run, &out, "asset_cli.field.updated_at",
		      risk_run_time(run, a.updated_at));
	if (show_risks(run, id, &out, err) || show_history(run, id, &out, err))
		goto out;
	fwrite(out.buf, 1, out.len, run->cli->out);
	rc = 0;
out:
	strbuf_release(&out);
	return rc;
}

/* --- add, edit, copy, delete --------------------------------------------- */

/* Sets the fields whose options were given. */
static int apply(struct risk_run *run, const struct asset_args *o,
		 struct asset *a, struct error *err)
{
	static const struct {
		enum opt opt;
		size_t offset;
	} texts[] = {
		{ O_NAME, offsetof(struct asset, name) },
		{ O_CATEGORY, offsetof(struct asset, category) },
		{ O_NOTES, offsetof(struct asset, notes) },
		{ O_USERS, offsetof(struct asset, users) },
		{ O_OWNER, offsetof(struct asset, owner) },
		{ O_DEPARTMENT, offsetof(struct asset, department) },
		{ O_RETENTION, offsetof(struct asset, retention) },
		{ O_REGISTERED, offsetof(struct asset, registered_on) },
	};
	size_t k;

	for (k = 0; k < ARRAY_SIZE(texts); k++)
		if (o->v[texts[k].opt])
			*(const char **)((char *)a + texts[k].offset) =
				o->v[texts[k].opt];
	if (o->v[O_MEDIUM])
		a->medium = risk_run_parse_medium(run, o->v[O_MEDIUM]);
	if (o->v[O_PERSONAL])
		a->personal = o->personal;
	if (o->v[O_C])
		a->c = o->rating[0];
	if (o->v[O_I])
		a->i = o->rating[1];
	if (o->v[O_A])
		a->a = o->rating[2];
	if (o->v[O_LABEL])
		return risk_run_parse_label(run, o->v[O_LABEL], &a->label, err);
	return 0;
}

/* Checks a against the rules and the organisation's method and labels. */
static int check(struct risk_run *run, const struct asset *a, struct error *err)
{
	const char **labels;
	size_t count;

	return risk_run_labels(run, &labels, &count, err) ||
	       asset_validate(a, run->def, labels, count, err);
}

/*
 * Inside the open transaction: reads live asset id into *a (a copy of
 * its fields from the run's arena), or fails with asset.not_found.
 */
static int get(struct risk_run *run, int64_t id, struct asset *a,
	       struct error *err)
{
	int found =
		repo_asset_get(run->store, &run->arena, run->org, id, a, err);

	if (found < 0)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	return 0;
}

/* Saves a (new when a->id is 0) and records the change; 1 when unchanged. */
static int save(struct risk_run *run, struct asset *a, const struct asset *old,
		const char *extra, struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	int rc = -1;

	if (extra)
		strbuf_addstr(&after, extra);
	asset_changes(old, a, &before, &after);
	if (old && !after.len) {
		rc = 1;
		goto out;
	}
	if (check(run, a, err) ||
	    repo_asset_put(run->store, run->org, a, (int64_t)time(NULL), err) ||
	    risk_run_audit(run, old ? "asset.update" : "asset.create", "asset",
			   a->id, before.buf, after.buf, err))
		goto out;
	rc = 0;
out:
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

static void blank_asset(struct risk_run *run, struct asset *a)
{
	memset(a, 0, sizeof(*a));
	a->category = a->name = a->notes = a->users = a->owner = a->department =
		a->medium = a->retention = a->label = "";
	a->c = a->i = a->a = a->importance = RISK_UNRATED;
	a->registered_on = run->today;
}

static int asset_change(struct risk_run *run, const struct asset_args *o,
			struct error *err)
{
	struct asset a, old;
	const char *extra = NULL;
	char id[24];
	int rc;

	if (store_begin(run->store, err))
		return -1;
	/* The method is read again under the write lock. */
	if (risk_run_method(run, err))
		goto fail;
	if (o->verb == V_ADD) {
		blank_asset(run, &a);
		a.name = o->name;
		if (apply(run, o, &a, err))
			goto fail;
	} else {
		if (get(run, o->id, &old, err))
			goto fail;
		a = old;
		if (o->verb == V_EDIT) {
			if (apply(run, o, &a, err))
				goto fail;
		} else {
			/* A copy is a new row of the register, today. */
			a.id = 0;
			a.registered_on = run->today;
			if (o->v[O_MEDIUM])
				a.medium = risk_run_parse_medium(
					run, o->v[O_MEDIUM]);
			extra = arena_printf(&run->arena, "copy_of: %lld",
					     (long long)o->id);
		}
	}
	rc = save(run, &a, o->verb == V_EDIT ? &old : NULL, extra, err);
	if (rc < 0 || store_commit(run->store, err))
		goto fail;
	snprintf(id, sizeof(id), "%lld", (long long)a.id);
	if (rc == 1)
		cli_say(run->cli, run->cli->out, "asset_cli.unchanged", id,
			NULL);
	else
		cli_say(run->cli, run->cli->out,
			o->verb == V_ADD    ? "asset_cli.added"
			: o->verb == V_EDIT ? "asset_cli.updated"
					    : "asset_cli.copied",
			id, a.name,
			arena_printf(&run->arena, "%lld", (long long)o->id),
			NULL);
	return 0;
fail:
	store_rollback(run->store);
	return -1;
}

static int asset_delete(struct risk_run *run, int64_t id, struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct risk_page page;
	struct risk_query q;
	struct asset a;
	char num[24];

	page.total = 0;
	if (store_begin(run->store, err))
		goto out;
	if (risk_run_method(run, err) || get(run, id, &a, err))
		goto fail;
	if (run->open) {
		/* Its risks in the open assessment go with it: say so. */
		memset(&q, 0, sizeof(q));
		q.assessment_id = run->assessment.id;
		q.sort = RSORT_ID;
		q.limit = 1;
		q.asset_id = id;
		q.level_min = q.level_max = RISK_ANY;
		q.importance = q.likelihood = RISK_ANY;
		if (repo_risk_list(run->store, &run->arena, run->org, &q, &page,
				   err))
			goto fail;
	}
	/* The history keeps what was deleted as the state before. */
	asset_changes(NULL, &a, &after, &before);
	strbuf_addf(&after, "risks_removed: %lld", (long long)page.total);
	if (repo_asset_delete(run->store, run->org, id, (int64_t)time(NULL),
			      err) != 1 ||
	    risk_run_audit(run, "asset.delete", "asset", id, before.buf,
			   after.buf, err) ||
	    store_commit(run->store, err))
		goto fail;
	snprintf(num, sizeof(num), "%lld", (long long)id);
	cli_say(run->cli, run->cli->out, "asset_cli.deleted", num, a.name,
		NULL);
	if (page.total) {
		snprintf(num, sizeof(num), "%lld", (long long)page.total);
		cli_say(run->cli, run->cli->out, "asset_cli.deleted_risks", num,
			NULL);
	}
	strbuf_release(&before);
	strbuf_release(&after);
	return 0;
fail:
	store_rollback(run->store);
out:
	strbuf_release(&before);
	strbuf_release(&after);
	return -1;
}

/* --- the command line ---------------------------------------------------- */

/* Checks the form of the options the verb takes; returns 0 or an exit. */
static int check_args(struct cli *cli, struct asset_args *o)
{
	static const char *const rating_opts[] = { "c", "i", "a" };
	int k, v, rc;

	if ((rc = risk_run_parse_org(cli, "asset", o->v[O_ORG], &o->org)))
		return rc;
	if (o->v[O_SORT] && asset_sort_parse(o->v[O_SORT], &o->sort))
		return cli_usage(cli, "asset", "usage.bad_value", "sort",
				 o->v[O_SORT], NULL);
	if (o->v[O_IMPORTANCE]) {
		if (!strcmp(o->v[O_IMPORTANCE], "unrated"))
			o->importance = RISK_UNRATED;
		else if (parse_int(o->v[O_IMPORTANCE], 0, 3, &o->importance))
			return cli_usage(cli, "asset", "usage.bad_value",
					 "importance", o->v[O_IMPORTANCE],
					 NULL);
	}
	if (o->v[O_PERSONAL] &&
	    (risk_run_parse_personal(o->v[O_PERSONAL], &o->personal) ||
	     (o->verb == V_LIST && !o->personal)))
		return cli_usage(cli, "asset", "asset_cli.bad_personal",
				 o->v[O_PERSONAL], NULL);
	if (o->v[O_LIMIT] && parse_int(o->v[O_LIMIT], 1, 1000, &v) == 0)
		o->limit = (size_t)v;
	else if (o->v[O_LIMIT])
		return cli_usage(cli, "asset", "usage.bad_value", "limit",
				 o->v[O_LIMIT], NULL);
	if (o->v[O_AFTER] && risk_run_parse_id(o->v[O_AFTER], &o->after))
		return cli_usage(cli, "asset", "usage.bad_value", "after",
				 o->v[O_AFTER], NULL);
	if (o->v[O_FORMAT] && table_format_parse(o->v[O_FORMAT], &o->fmt))
		return cli_usage(cli, "asset", "usage.bad_value", "format",
				 o->v[O_FORMAT], NULL);
	for (k = 0; k < 3; k++)
		if (o->v[O_C + k] &&
		    risk_run_parse_rating(o->v[O_C + k], &o->rating[k]))
			return cli_usage(cli, "asset", "usage.bad_value",
					 rating_opts[k], o->v[O_C + k], NULL);
	return 0;
}

/* Reads the verb and its arguments after the options. */
static int read_operands(struct cli *cli, int argc, char **argv,
			 struct asset_args *o)
{
	int k, n, verb, rc;

	if (optind < argc) {
		/* import and export take their own options: verb first. */
		if (!strcmp(argv[optind], "import") ||
		    !strcmp(argv[optind], "export"))
			return cli_usage(cli, "asset", "asset_cli.verb_first",
					 argv[optind], NULL);
	}
	verb = risk_run_verb(argc, argv, verb_names, V_COUNT);
	if (verb < 0)
		return cli_usage(cli, "asset", "asset_cli.unknown_verb",
				 argv[optind], NULL);
	o->verb = (enum verb)verb;
	n = argc - optind;
	if ((rc = risk_run_check_options(cli, "asset", options, O_COUNT, o->v,
					 verb, verb_names[verb])))
		return rc;
	switch (o->verb) {
	case V_LIST:
		if (n)
			return cli_usage(cli, "asset", "usage.extra_argument",
					 argv[optind], NULL);
		return 0;
	case V_ADD:
		if (n != 1)
			return cli_usage(cli, "asset", "asset_cli.usage_add",
					 NULL);
		if (!o->v[O_MEDIUM])
			return cli_usage(cli, "asset", "usage.missing_option",
					 "--medium", NULL);
		o->name = argv[optind];
		return 0;
	default:
		if (n != 1 || risk_run_parse_id(argv[optind], &o->id))
			return cli_usage(cli, "asset", "asset_cli.usage_id",
					 verb_names[o->verb], NULL);
		if (o->verb == V_EDIT) {
			for (k = 0; k < O_COUNT; k++)
				if (o->v[k] && k != O_ORG)
					return 0;
			return cli_usage(cli, "asset",
					 "asset_cli.nothing_to_change", NULL);
		}
		return 0;
	}
}

int cmd_asset(struct cli *cli, int argc, char **argv)
{
	struct asset_args o;
	struct error err = ERROR_INIT;
	struct risk_run run;
	int rc;

	/* import and export keep their own options (cmd_asset_io.c). */
	if (argc > 1 && !strcmp(argv[1], "import"))
		return cmd_asset_import(cli, argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "export"))
		return cmd_asset_export(cli, argc - 1, argv + 1);
	memset(&o, 0, sizeof(o));
	o.importance = IMPORTANCE_ANY;
	o.sort = ASORT_ID;
	o.limit = 50;
	o.fmt = TABLE_TEXT;
	rc = risk_run_options(cli, "asset", options, O_COUNT, argc, argv, o.v);
	if (rc != RISK_RUN_GO)
		return rc;
	if ((rc = read_operands(cli, argc, argv, &o)) ||
	    (rc = check_args(cli, &o)))
		return rc;
	if (risk_run_open(&run, cli, o.org, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	switch (o.verb) {
	case V_LIST:
		rc = asset_list(&run, &o, &err);
		break;
	case V_SHOW:
		rc = asset_show(&run, o.id, &err);
		break;
	case V_DELETE:
		rc = asset_delete(&run, o.id, &err);
		break;
	default:
		rc = asset_change(&run, &o, &err);
		break;
	}
	rc = rc ? cli_fail(cli, &err) : EXIT_DONE;
out:
	risk_run_close(&run);
	return rc;
}
