/* cmd_soa.c: `mamori soa`, the Statement of Applicability (適用宣言書). */
#include "util/compat.h"
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "cli/docfile.h"
#include "cli/outfile.h"
#include "cli/riskrun.h"
#include "core/permission.h"
#include "core/soa.h"
#include "store/repo_org.h"
#include "store/repo_soa.h"
#include "store/store.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/soaview.h"

enum verb {
	V_LIST,
	V_SHOW,
	V_SET,
	V_SUGGEST,
	V_APPROVE,
	V_VERSIONS,
	V_DIFF,
	V_EXPORT,
	V_COUNT
};

static const char *const verb_names[V_COUNT] = { "list",    "show",
						 "set",	    "suggest",
						 "approve", "versions",
						 "diff",    "export" };

#define VB(v) (1u << (v))

/* A failure already told on standard error. */
enum { REPORTED = -2 };

enum opt {
	O_ORG,
	O_FORMAT,
	O_THEME,
	O_STATUS,
	O_APPLICABLE,
	O_REASON,
	O_JUSTIFICATION,
	O_OWNER,
	O_NOTES,
	O_REVIEWED,
	O_ACCEPT,
	O_REJECT,
	O_SOURCE,
	O_CASE,
	O_BY,
	O_LANG,
	O_OUTPUT,
	O_COUNT
};

static const struct verb_option options[O_COUNT] = {
	[O_ORG] = { "org", 1, (1u << V_COUNT) - 1 },
	[O_FORMAT] = { "format", 1,
		       VB(V_LIST) | VB(V_SUGGEST) | VB(V_VERSIONS) |
			       VB(V_DIFF) | VB(V_EXPORT) },
	[O_THEME] = { "theme", 1, VB(V_LIST) },
	[O_STATUS] = { "status", 1, VB(V_LIST) | VB(V_SET) },
	[O_APPLICABLE] = { "applicable", 1, VB(V_LIST) | VB(V_SET) },
	[O_REASON] = { "reason", 1, VB(V_SET) },
	[O_JUSTIFICATION] = { "justification", 1, VB(V_SET) },
	[O_OWNER] = { "owner", 1, VB(V_SET) },
	[O_NOTES] = { "notes", 1, VB(V_SET) },
	[O_REVIEWED] = { "reviewed", 1, VB(V_SET) },
	[O_ACCEPT] = { "accept", 1, VB(V_SUGGEST) },
	[O_REJECT] = { "reject", 1, VB(V_SUGGEST) },
	[O_SOURCE] = { "source", 1, VB(V_SUGGEST) },
	[O_CASE] = { "case", 1, VB(V_SUGGEST) },
	[O_BY] = { "by", 1, VB(V_APPROVE) },
	[O_LANG] = { "lang", 1, VB(V_EXPORT) },
	[O_OUTPUT] = { "output", 1, VB(V_EXPORT) },
};

struct soa_args {
	enum verb verb;
	const char *v[O_COUNT];
	int64_t org;
	const char *control; /* show, set */
	int64_t a, b;	     /* diff */
	enum table_format fmt;
	int theme;	  /* list: enum control_theme or -1 */
	int applicable;	  /* list, set: enum soa_applicability or -1 */
	int status;	  /* list, set: a status, SOA_STATUS_UNSET, or -2 */
	unsigned reasons; /* set */
	enum lang lang;	  /* export */
	int xlsx;	  /* export: a workbook, else CSV */
	int pdf;	  /* export: a PDF to print and sign */
	const struct incident_case *picked; /* suggest --case */
};

static const char *num(struct risk_run *run, long long v)
{
	return arena_printf(&run->arena, "%lld", v);
}

static const char *msg(struct risk_run *run, const char *key)
{
	return cli_msg(run->cli, key);
}

static const char *applicable_text(struct risk_run *run,
				   enum soa_applicability a)
{
	return soaview_applicable_text(run->cli->msgs, run->cli->lang, a);
}

static const char *status_text(struct risk_run *run, int status)
{
	return soaview_status_text(run->cli->msgs, run->cli->lang, status);
}

static const char *reasons_text(struct risk_run *run, unsigned reasons)
{
	return soaview_reasons_text(run->cli->msgs, run->cli->lang, reasons,
				    &run->arena);
}

static const char *control_title(struct risk_run *run, const char *id)
{
	const struct control *c = catalog_control(run->cat, id);

	return c ? text_get(&c->title, run->cli->lang) : "";
}

/* A field's value for a person (text) or a script (names). */
static const char *field_text(struct risk_run *run, const struct soa_entry *e,
			      enum soa_field f, int names)
{
	char buf[64];

	if (!e)
		return "";
	if (!names)
		switch (f) {
		case SOA_FIELD_APPLICABLE:
			return applicable_text(run, e->applicable);
		case SOA_FIELD_REASONS:
			return reasons_text(run, e->reasons);
		case SOA_FIELD_STATUS:
			return e->status == SOA_STATUS_UNSET
				       ? ""
				       : status_text(run, e->status);
		default:
			break;
		}
	return arena_strdup(&run->arena,
			    soa_field_value(e, f, buf, sizeof(buf)));
}

/* --- list, show ---------------------------------------------------------- */

static int soa_list(struct risk_run *run, const struct soa_args *o,
		    struct error *err)
{
	static const char *const keys[] = { "soa.col.control", "col.theme",
					    "soa.col.title",   "soa.applicable",
					    "soa.reasons",     "soa.status",
					    "soa.owner",       "soa.col.risks",
					    "soa.reviewed_on", NULL };
	struct soa_entry *entries;
	struct soa_progress prog;
	struct soa_counts counts;
	int64_t *risks;
	size_t count, i;
	int started, names = o->fmt != TABLE_TEXT;
	struct table t;

	if (soaview_entries(run->store, &run->arena, run->cat, run->org,
			    &entries, &count, &started, err) ||
	    soaview_risk_counts(run->store, &run->arena, run->cat, run->org,
				&risks, err) ||
	    repo_soa_progress(run->store, run->org, &prog, err))
		return -1;
	risk_run_table(run, &t, keys);
	for (i = 0; i < count; i++) {
		const struct soa_entry *e = &entries[i];
		const struct control *c = catalog_control(run->cat, e->control);
		const char *cells[9];

		if (!c || (o->theme >= 0 && (int)c->theme != o->theme) ||
		    (o->applicable >= 0 &&
		     (int)e->applicable != o->applicable) ||
		    (o->status != -2 && e->status != o->status))
			continue;
		cells[0] = e->control;
		cells[1] =
			names ? control_theme_name(c->theme)
			      : msg(run,
				    arena_printf(&run->arena, "theme.%s",
						 control_theme_name(c->theme)));
		cells[2] = text_get(&c->title, run->cli->lang);
		cells[3] = field_text(run, e, SOA_FIELD_APPLICABLE, names);
		cells[4] = field_text(run, e, SOA_FIELD_REASONS, names);
		cells[5] = field_text(run, e, SOA_FIELD_STATUS, names);
		cells[6] = e->owner;
		cells[7] = num(run, risks[i]);
		cells[8] = e->reviewed_on;
		table_add_row(&t, cells);
	}
	if (o->fmt != TABLE_TEXT) {
		risk_run_print(run, &t, o->fmt, 0);
		return 0;
	}
	soa_count(entries, count, &counts);
	cli_say(run->cli, run->cli->out, "soa_cli.summary",
		num(run, counts.applicable), num(run, counts.excluded),
		num(run, counts.undecided), num(run, (long long)count), NULL);
	if (prog.version_no)
		cli_say(run->cli, run->cli->out, "soa.current_version",
			num(run, prog.version_no), NULL);
	else
		cli_say(run->cli, run->cli->out, "soa.no_version", NULL);
	if (!t.row_count) {
		cli_say(run->cli, run->cli->out, "soa.none_match", NULL);
		return 0;
	}
	risk_run_print(run, &t, TABLE_TEXT, 30);
	return 0;
}

static int soa_show(struct risk_run *run, const struct soa_args *o,
		    struct error *err)
{
	const struct control *c = catalog_control(run->cat, o->control);
	struct soa_entry *entries, *e;
	struct soa_risk_link *links;
	struct soa_blocker b[2];
	struct strbuf out = STRBUF_INIT;
	size_t count, nl, nb, i;
	int started;

	if (!c)
		return error_set(err, ERROR_NOT_FOUND, "soa.not_found",
				 o->control, NULL);
	if (soaview_entries(run->store, &run->arena, run->cat, run->org,
			    &entries, &count, &started, err) ||
	    repo_soa_risk_links(run->store, &run->arena, run->org, c->id,
				&links, &nl, err))
		return -1;
	e = soaview_find(entries, count, c->id);
	strbuf_addf(&out, "%s %s\n", c->id,
		    text_get(&c->title, run->cli->lang));
	strbuf_addf(&out, "%s\n\n", text_get(&c->purpose, run->cli->lang));
	risk_run_line(run, &out, "col.theme",
		      msg(run, arena_printf(&run->arena, "theme.%s",
					    control_theme_name(c->theme))));
	risk_run_line(run, &out, "soa.applicable",
		      applicable_text(run, e->applicable));
	risk_run_line(run, &out, "soa.reasons", reasons_text(run, e->reasons));
	risk_run_line(run, &out, "soa.justification", e->justification);
	risk_run_line(run, &out, "soa.status", status_text(run, e->status));
	risk_run_line(run, &out, "soa.owner", e->owner);
	risk_run_line(run, &out, "soa.notes", e->notes);
	risk_run_line(run, &out, "soa.reviewed_on", e->reviewed_on);
	if (c->related_count) {
		struct strbuf rel = STRBUF_INIT;

		for (i = 0; i < c->related_count; i++)
			strbuf_addf(&rel, "%s%s", i ? " " : "",
				    c->related[i]->id);
		risk_run_line(run, &out, "col.related", rel.buf);
		strbuf_release(&rel);
	}
	strbuf_addf(&out, "\n%s:\n", msg(run, "soa.linked_risks"));
	if (!nl)
		strbuf_addf(&out, "  %s\n", msg(run, "soa.no_linked_risks"));
	for (i = 0; i < nl; i++) {
		const struct threat *th =
			*links[i].threat_id
				? catalog_threat(run->cat, links[i].threat_id)
				: NULL;

		strbuf_addf(&out, "  #%lld %s / %s\n",
			    (long long)links[i].risk_id, links[i].asset_name,
			    th ? text_get(&th->title, run->cli->lang)
			       : links[i].threat);
	}
	nb = soa_blockers(e, 1, b);
	if (nb) {
		strbuf_addf(&out, "\n%s:\n", msg(run, "soa_cli.blockers"));
		for (i = 0; i < nb; i++)
			strbuf_addf(&out, "  %s\n",
				    soaview_blocker_text(run->cli->msgs,
							 run->cli->lang, &b[i],
							 &run->arena));
	}
	fwrite(out.buf, 1, out.len, run->cli->out);
	strbuf_release(&out);
	return 0;
}

/* --- set ----------------------------------------------------------------- */

static int soa_set(struct risk_run *run, const struct soa_args *o,
		   struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct soa_entry *entries, *old, e;
	size_t count;
	int started, changed = 0, rc = -1;

	if (!catalog_control(run->cat, o->control))
		return error_set(err, ERROR_NOT_FOUND, "soa.not_found",
				 o->control, NULL);
	if (store_begin(run->store, err))
		return -1;
	/* Read under the write lock: the change applies to what is there. */
	if (soaview_entries(run->store, &run->arena, run->cat, run->org,
			    &entries, &count, &started, err))
		goto fail;
	old = soaview_find(entries, count, o->control);
	e = *old;
	if (o->v[O_APPLICABLE])
		e.applicable = (enum soa_applicability)o->applicable;
	if (o->v[O_REASON])
		e.reasons = o->reasons;
	if (o->v[O_JUSTIFICATION])
		e.justification = o->v[O_JUSTIFICATION];
	if (o->v[O_STATUS])
		e.status = o->status;
	if (o->v[O_OWNER])
		e.owner = o->v[O_OWNER];
	if (o->v[O_NOTES])
		e.notes = o->v[O_NOTES];
	if (o->v[O_REVIEWED])
		e.reviewed_on = o->v[O_REVIEWED];
	if (soaview_save(run->store, run->cat, run->org, old, &e,
			 (int64_t)time(NULL), &before, &after, &changed, err) ||
	    (changed &&
	     cli_audit_change(run->store, run->org, 0, "soa.update",
			      arena_printf(&run->arena, "soa:%s", e.control),
			      before.buf, after.buf, err)) ||
	    store_commit(run->store, err))
		goto fail;
	cli_say(run->cli, run->cli->out,
		changed ? "soa_cli.updated" : "soa_cli.unchanged", e.control,
		NULL);
	rc = 0;
	goto out;
fail:
	store_rollback(run->store);
out:
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

/* --- suggest ------------------------------------------------------------- */

static int suggest_list(struct risk_run *run, const struct soa_args *o,
			const struct soa_suggestion *s, size_t n)
{
	static const char *const keys[] = {
		"soa.col.control",    "soa.col.title",	  "soa_cli.col.source",
		"soa_cli.col.detail", "soa_cli.col.adds", NULL
	};
	struct table t;
	size_t i;

	if (!n && o->fmt == TABLE_TEXT) {
		cli_say(run->cli, run->cli->out, "soa.no_suggestions", NULL);
		return 0;
	}
	risk_run_table(run, &t, keys);
	for (i = 0; i < n; i++) {
		char buf[64];
		struct soa_entry tmp;
		const char *cells[5];

		soa_entry_init(&tmp, s[i].control);
		tmp.reasons = s[i].reason;
		cells[0] = s[i].control;
		cells[1] = control_title(run, s[i].control);
		cells[2] = s[i].source;
		cells[3] = soaview_source_text(run->cat, run->cli->msgs,
					       run->cli->lang, &s[i],
					       &run->arena);
		cells[4] = o->fmt == TABLE_TEXT
				   ? reasons_text(run, s[i].reason)
				   : arena_strdup(
					     &run->arena,
					     soa_field_value(&tmp,
							     SOA_FIELD_REASONS,
							     buf, sizeof(buf)));
		table_add_row(&t, cells);
	}
	risk_run_print(run, &t, o->fmt, 40);
	return 0;
}

/*
 * Accepts or rejects the open suggestions of a control (those of one
 * source with --source), each decision remembered, in one transaction.
 */
static int suggest_decide(struct risk_run *run, const struct soa_args *o,
			  struct error *err)
{
	int accept = o->v[O_ACCEPT] != NULL;
	const char *control = accept ? o->v[O_ACCEPT] : o->v[O_REJECT];
	const char *by = "cli";
	struct soa_entry *entries, *e;
	struct soa_suggestion *s;
	size_t count, n, i, done = 0;
	int started;

	if (!catalog_control(run->cat, control))
		return error_set(err, ERROR_NOT_FOUND, "soa.not_found", control,
				 NULL);
	if (store_begin(run->store, err))
		return -1;
	if (soaview_entries(run->store, &run->arena, run->cat, run->org,
			    &entries, &count, &started, err) ||
	    soaview_suggestions(run->store, &run->arena, run->cat, run->org,
				o->picked, entries, count, &s, &n, err))
		goto fail;
	e = soaview_find(entries, count, control);
	for (i = 0; i < n; i++) {
		struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
		int failed;

		if (strcmp(s[i].control, control) ||
		    (o->v[O_SOURCE] && strcmp(s[i].source, o->v[O_SOURCE])))
			continue;
		failed = soaview_decide(run->store, run->cat, run->org, &s[i],
					accept, e, by, (int64_t)time(NULL),
					&before, &after, err) ||
			 cli_audit_change(run->store, run->org, 0,
					  accept ? "soa.accept" : "soa.reject",
					  arena_printf(&run->arena, "soa:%s",
						       control),
					  before.buf, after.buf, err);
		strbuf_release(&before);
		strbuf_release(&after);
		if (failed)
			goto fail;
		cli_say(run->cli, run->cli->out,
			accept ? "soa_cli.accepted" : "soa_cli.rejected",
			control,
			soaview_source_text(run->cat, run->cli->msgs,
					    run->cli->lang, &s[i], &run->arena),
			NULL);
		done++;
	}
	if (!done) {
		error_set(err, ERROR_CONFLICT, "soa_cli.no_suggestion", control,
			  NULL);
		goto fail;
	}
	if (store_commit(run->store, err))
		goto fail;
	return 0;
fail:
	store_rollback(run->store);
	return -1;
}

static int soa_suggest_cmd(struct risk_run *run, const struct soa_args *o,
			   struct error *err)
{
	struct soa_entry *entries;
	struct soa_suggestion *s;
	size_t count, n;
	int started;

	if (o->v[O_ACCEPT] || o->v[O_REJECT])
		return suggest_decide(run, o, err);
	if (soaview_entries(run->store, &run->arena, run->cat, run->org,
			    &entries, &count, &started, err) ||
	    soaview_suggestions(run->store, &run->arena, run->cat, run->org,
				o->picked, entries, count, &s, &n, err))
		return -1;
	return suggest_list(run, o, s, n);
}

/* --- approve, versions, diff --------------------------------------------- */

/* 0 when email may approve for org (the executive), else an error. */
static int check_approver(struct risk_run *run, const char *email,
			  struct error *err)
{
	struct member *rows;
	size_t count, i;

	if (repo_member_list(run->store, &run->arena, run->org, &rows, &count,
			     err))
		return -1;
	for (i = 0; i < count; i++)
		if (!strcmp(rows[i].email, email) &&
		    permission_granted(rows[i].roles, PERM_APPROVE))
			return 0;
	return error_set(err, ERROR_DENIED, "policy.not_executive", email,
			 NULL);
}

static int soa_approve(struct risk_run *run, const struct soa_args *o,
		       struct error *err)
{
	struct soa_entry *entries;
	struct soa_blocker *b;
	size_t count, n, i;
	int64_t no = 0;
	int started;

	if (check_approver(run, o->v[O_BY], err) ||
	    store_begin(run->store, err))
		return -1;
	if (soaview_approve(run->store, &run->arena, run->cat, run->org,
			    o->v[O_BY], run->today, (int64_t)time(NULL), &no,
			    err) ||
	    cli_audit_change(
		    run->store, run->org, 0, "soa.approve",
		    arena_printf(&run->arena, "soa:v%lld", (long long)no), "",
		    arena_printf(&run->arena, "version: %lld\nby: %s",
				 (long long)no, o->v[O_BY]),
		    err) ||
	    store_commit(run->store, err)) {
		store_rollback(run->store);
		if (err->code != ERROR_CONFLICT ||
		    soaview_entries(run->store, &run->arena, run->cat, run->org,
				    &entries, &count, &started, NULL))
			return -1;
		/* The refusal, then what blocks it. */
		cli_fail(run->cli, err);
		b = arena_calloc(&run->arena, 2 * count + 1, sizeof(*b));
		n = soa_blockers(entries, count, b);
		for (i = 0; i < n; i++)
			fprintf(run->cli->err, "  %s\n",
				soaview_blocker_text(run->cli->msgs,
						     run->cli->lang, &b[i],
						     &run->arena));
		return REPORTED;
	}
	cli_say(run->cli, run->cli->out, "soa_cli.approved", num(run, no),
		NULL);
	return 0;
}

static int soa_versions(struct risk_run *run, const struct soa_args *o,
			struct error *err)
{
	static const char *const keys[] = {
		"soa.col.version",	  "soa.col.approved_by",
		"soa.col.approved_on",	  "soa.col.applicable_count",
		"soa.col.excluded_count", NULL
	};
	struct soa_version *v;
	size_t n, i;
	struct table t;

	if (repo_soa_versions(run->store, &run->arena, run->org, &v, &n, err))
		return -1;
	if (!n && o->fmt == TABLE_TEXT) {
		cli_say(run->cli, run->cli->out, "soa.no_version", NULL);
		return 0;
	}
	risk_run_table(run, &t, keys);
	for (i = 0; i < n; i++) {
		const char *cells[] = { num(run, v[i].no), v[i].approved_by,
					v[i].approved_on,
					num(run, v[i].applicable),
					num(run, v[i].excluded) };

		table_add_row(&t, cells);
	}
	risk_run_print(run, &t, o->fmt, 40);
	return 0;
}

static int load_version(struct risk_run *run, int64_t no, struct soa_version *v,
			struct soa_entry **rows, size_t *count,
			struct error *err)
{
	int found = repo_soa_version_get(run->store, &run->arena, run->org, no,
					 v, rows, count, err);

	if (found < 0)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "soa_cli.no_version",
				 num(run, no), NULL);
	return 0;
}

static int soa_diff_cmd(struct risk_run *run, const struct soa_args *o,
			struct error *err)
{
	static const char *const keys[] = { "soa.col.control", "soa.col.field",
					    "soa_cli.col.before",
					    "soa_cli.col.after", NULL };
	struct soa_version va, vb;
	struct soa_entry *ra, *rb;
	struct soa_diff *d;
	size_t na, nb, n, i;
	int names = o->fmt != TABLE_TEXT, f;
	struct table t;

	if (load_version(run, o->a, &va, &ra, &na, err) ||
	    load_version(run, o->b, &vb, &rb, &nb, err))
		return -1;
	d = arena_calloc(&run->arena, na + nb + 1, sizeof(*d));
	n = soa_diff(ra, na, rb, nb, d);
	if (!n && o->fmt == TABLE_TEXT) {
		cli_say(run->cli, run->cli->out, "soa.no_differences", NULL);
		return 0;
	}
	risk_run_table(run, &t, keys);
	for (i = 0; i < n; i++)
		for (f = 0; f < SOA_FIELD_COUNT; f++) {
			const char *cells[4];

			if (!(d[i].fields & (1u << f)))
				continue;
			cells[0] = d[i].control;
			cells[1] =
				names ? soa_field_name((enum soa_field)f)
				      : msg(run,
					    arena_printf(
						    &run->arena, "soa.%s",
						    soa_field_name((
							    enum soa_field)f)));
			cells[2] = field_text(run, d[i].before,
					      (enum soa_field)f, names);
			cells[3] = field_text(run, d[i].after,
					      (enum soa_field)f, names);
			table_add_row(&t, cells);
		}
	if (o->fmt == TABLE_TEXT)
		cli_say(run->cli, run->cli->out, "soa.diff_count",
			num(run, (long long)n), NULL);
	risk_run_print(run, &t, o->fmt, 40);
	return 0;
}

/* --- export -------------------------------------------------------------- */

struct soa_book {
	struct risk_run *run;
	enum lang lang;
	const struct soa_entry *entries;
	size_t count;
	const int64_t *risks;
};

/* libxlsxwriter writes the workbook by its name. */
static int make_soa_xlsx(const char *tmp, void *arg, struct error *err)
{
	struct soa_book *b = arg;

	return soaview_xlsx(b->run->cat, b->run->cli->msgs, b->lang, b->entries,
			    b->count, b->risks, &b->run->arena, tmp, err);
}

/*
 * Writes the statement to the output (through a temporary file beside
 * it, so a failure leaves no half-written file), or as CSV to standard
 * output for a pipe.
 */
static int soa_export(struct risk_run *run, const struct soa_args *o,
		      struct error *err)
{
	const char *output = o->v[O_OUTPUT];
	struct strbuf csv = STRBUF_INIT;
	struct soa_entry *entries;
	int64_t *risks;
	size_t count;
	int started, rc;

	if (soaview_entries(run->store, &run->arena, run->cat, run->org,
			    &entries, &count, &started, err) ||
	    soaview_risk_counts(run->store, &run->arena, run->cat, run->org,
				&risks, err))
		return -1;
	if (o->pdf)
		return docfile_soa(run, o->lang, entries, count, risks, output,
				   err);
	if (o->xlsx) {
		struct soa_book b = { run, o->lang, entries, count, risks };

		rc = outfile_make(output, make_soa_xlsx, &b, err);
	} else {
		soaview_csv(run->cat, run->cli->msgs, o->lang, entries, count,
			    risks, &run->arena, &csv);
		if (!output) {
			fwrite(csv.buf, 1, csv.len, run->cli->out);
			strbuf_release(&csv);
			return 0;
		}
		rc = outfile_write(output, csv.buf, csv.len, err);
		strbuf_release(&csv);
	}
	if (!rc)
		cli_say(run->cli, run->cli->err, "soa_cli.exported", output,
			NULL);
	return rc;
}

/* --- the command line ---------------------------------------------------- */

static int read_operands(struct cli *cli, int argc, char **argv,
			 struct soa_args *o)
{
	int n, verb, rc, k;

	verb = risk_run_verb(argc, argv, verb_names, V_COUNT);
	if (verb < 0)
		return cli_usage(cli, "soa", "soa_cli.unknown_verb",
				 argv[optind], NULL);
	o->verb = (enum verb)verb;
	n = argc - optind;
	if ((rc = risk_run_check_options(cli, "soa", options, O_COUNT, o->v,
					 verb, verb_names[verb])))
		return rc;
	switch (o->verb) {
	case V_SHOW:
	case V_SET:
		if (n != 1)
			return cli_usage(cli, "soa", "soa_cli.usage_id",
					 verb_names[verb], NULL);
		o->control = argv[optind];
		if (o->verb == V_SET) {
			for (k = 0; k < O_COUNT; k++)
				if (o->v[k] && k != O_ORG)
					return 0;
			return cli_usage(cli, "soa",
					 "asset_cli.nothing_to_change", NULL);
		}
		return 0;
	case V_DIFF:
		if (n != 2 || risk_run_parse_id(argv[optind], &o->a) ||
		    risk_run_parse_id(argv[optind + 1], &o->b))
			return cli_usage(cli, "soa", "soa_cli.usage_diff",
					 NULL);
		return 0;
	case V_SUGGEST:
		if (o->v[O_ACCEPT] && o->v[O_REJECT])
			return cli_usage(cli, "soa", "soa_cli.accept_or_reject",
					 NULL);
		if (o->v[O_SOURCE] && !o->v[O_ACCEPT] && !o->v[O_REJECT])
			return cli_usage(cli, "soa", "soa_cli.source_needs",
					 NULL);
		break;
	case V_APPROVE:
		if (!o->v[O_BY])
			return cli_usage(cli, "soa", "usage.missing_option",
					 "--by", NULL);
		break;
	default:
		break;
	}
	if (n)
		return cli_usage(cli, "soa", "usage.extra_argument",
				 argv[optind], NULL);
	return 0;
}

/* Reads the option values into o; 0, or the exit code after a message. */
static int read_values(struct cli *cli, const struct catalog *cat,
		       struct soa_args *o)
{
	enum control_theme th;
	enum soa_applicability a;
	enum soa_status s;
	const char *bad;
	size_t bad_len;

	o->theme = o->applicable = -1;
	o->status = -2;
	o->lang = cli->lang;
	if (o->v[O_THEME]) {
		if (control_theme_parse(o->v[O_THEME], &th))
			return cli_usage(cli, "soa", "usage.bad_value", "theme",
					 o->v[O_THEME], NULL);
		o->theme = (int)th;
	}
	if (o->v[O_APPLICABLE]) {
		if (soa_applicability_parse(o->v[O_APPLICABLE], &a))
			return cli_usage(cli, "soa", "usage.bad_value",
					 "applicable", o->v[O_APPLICABLE],
					 NULL);
		o->applicable = (int)a;
	}
	if (o->v[O_STATUS]) {
		if (!strcmp(o->v[O_STATUS], "unset"))
			o->status = SOA_STATUS_UNSET;
		else if (soa_status_parse(o->v[O_STATUS], &s))
			return cli_usage(cli, "soa", "usage.bad_value",
					 "status", o->v[O_STATUS], NULL);
		else
			o->status = (int)s;
	}
	if (o->v[O_REASON]) {
		if (!strcmp(o->v[O_REASON], "none"))
			o->reasons = 0;
		else if (soa_reasons_parse(o->v[O_REASON], &o->reasons, &bad,
					   &bad_len))
			return cli_usage(cli, "soa", "usage.bad_value",
					 "reason", o->v[O_REASON], NULL);
	}
	if (o->v[O_LANG]) {
		if (strcmp(o->v[O_LANG], "ja") && strcmp(o->v[O_LANG], "en"))
			return cli_usage(cli, "soa", "usage.bad_value", "lang",
					 o->v[O_LANG], NULL);
		o->lang = lang_from_locale(o->v[O_LANG]);
	}
	if (o->v[O_CASE] && !(o->picked = catalog_case(cat, o->v[O_CASE])))
		return cli_usage(cli, "soa", "usage.bad_value", "case",
				 o->v[O_CASE], NULL);
	if (o->verb == V_EXPORT) {
		/* export: csv (default) or xlsx, kept as CSV / JSON here. */
		const char *f = o->v[O_FORMAT];

		if (f && strcmp(f, "csv") && strcmp(f, "xlsx") &&
		    strcmp(f, "pdf"))
			return cli_usage(cli, "soa", "usage.bad_value",
					 "format", f, NULL);
		o->xlsx = f && !strcmp(f, "xlsx");
		o->pdf = f && !strcmp(f, "pdf");
		if (o->v[O_OUTPUT] && !*o->v[O_OUTPUT])
			return cli_usage(cli, "soa", "usage.bad_value",
					 "output", o->v[O_OUTPUT], NULL);
		if ((o->xlsx || o->pdf) && !o->v[O_OUTPUT])
			return cli_usage(cli, "soa", "usage.missing_option",
					 "--output", NULL);
	} else if (o->v[O_FORMAT] &&
		   table_format_parse(o->v[O_FORMAT], &o->fmt)) {
		return cli_usage(cli, "soa", "usage.bad_value", "format",
				 o->v[O_FORMAT], NULL);
	}
	return 0;
}

int cmd_soa(struct cli *cli, int argc, char **argv)
{
	struct soa_args o;
	struct error err = ERROR_INIT;
	struct risk_run run;
	int rc;

	memset(&o, 0, sizeof(o));
	o.fmt = TABLE_TEXT;
	rc = risk_run_options(cli, "soa", options, O_COUNT, argc, argv, o.v);
	if (rc != RISK_RUN_GO)
		return rc;
	if ((rc = read_operands(cli, argc, argv, &o)))
		return rc;
	if ((rc = risk_run_parse_org(cli, "soa", o.v[O_ORG], &o.org)))
		return rc;
	if (risk_run_open(&run, cli, o.org, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	if ((rc = read_values(cli, run.cat, &o)))
		goto out;
	switch (o.verb) {
	case V_LIST:
		rc = soa_list(&run, &o, &err);
		break;
	case V_SHOW:
		rc = soa_show(&run, &o, &err);
		break;
	case V_SET:
		rc = soa_set(&run, &o, &err);
		break;
	case V_SUGGEST:
		rc = soa_suggest_cmd(&run, &o, &err);
		break;
	case V_APPROVE:
		rc = soa_approve(&run, &o, &err);
		break;
	case V_VERSIONS:
		rc = soa_versions(&run, &o, &err);
		break;
	case V_DIFF:
		rc = soa_diff_cmd(&run, &o, &err);
		break;
	case V_EXPORT:
	case V_COUNT:
		rc = soa_export(&run, &o, &err);
		break;
	}
	rc = rc == REPORTED ? EXIT_INPUT : rc ? cli_fail(cli, &err) : EXIT_DONE;
out:
	risk_run_close(&run);
	return rc;
}
