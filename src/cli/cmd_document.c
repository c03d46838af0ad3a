/*
 * cmd_document.c: `mamori document`, the document register (文書化した
 * 情報): list, show, add, edit (register fields and a new text from a
 * Markdown file), submit, approve, return, withdraw, versions, diff and
 * export.  Every change is one transaction with its audit event.
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "cli/riskrun.h"
#include "core/document.h"
#include "core/permission.h"
#include "store/repo_document.h"
#include "store/repo_org.h"
#include "store/store.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/docview.h"

enum verb {
	V_LIST,
	V_SHOW,
	V_ADD,
	V_EDIT,
	V_SUBMIT,
	V_APPROVE,
	V_RETURN,
	V_WITHDRAW,
	V_VERSIONS,
	V_DIFF,
	V_EXPORT,
	V_TEMPLATES,
	V_COUNT
};

static const char *const verb_names[V_COUNT] = {
	"list",	  "show",     "add",	  "edit", "submit", "approve",
	"return", "withdraw", "versions", "diff", "export", "templates"
};

#define VB(v) (1u << (v))

enum opt {
	O_ORG,
	O_FORMAT,
	O_TYPE,
	O_STATUS,
	O_OWNER,
	O_DUE,
	O_SORT,
	O_CODE,
	O_TITLE,
	O_APPROVER,
	O_NEXT_REVIEW,
	O_RETENTION,
	O_LABEL,
	O_FILE,
	O_NOTE,
	O_BY,
	O_VERSION,
	O_LANG,
	O_OUTPUT,
	O_TEMPLATE,
	O_COUNT
};

#define FIELDS (VB(V_ADD) | VB(V_EDIT))
#define DECIDE (VB(V_APPROVE) | VB(V_RETURN) | VB(V_WITHDRAW))

static const struct verb_option options[O_COUNT] = {
	[O_ORG] = { "org", 1, (1u << V_COUNT) - 1 },
	[O_FORMAT] = { "format", 1,
		       VB(V_LIST) | VB(V_VERSIONS) | VB(V_EXPORT) |
			       VB(V_TEMPLATES) },
	[O_TYPE] = { "type", 1, VB(V_LIST) | FIELDS },
	[O_STATUS] = { "status", 1, VB(V_LIST) },
	[O_OWNER] = { "owner", 1, VB(V_LIST) | FIELDS },
	[O_DUE] = { "due", 1, VB(V_LIST) },
	[O_SORT] = { "sort", 1, VB(V_LIST) },
	[O_CODE] = { "code", 1, VB(V_EDIT) },
	[O_TITLE] = { "title", 1, FIELDS },
	[O_APPROVER] = { "approver", 1, FIELDS },
	[O_NEXT_REVIEW] = { "next-review", 1, FIELDS },
	[O_RETENTION] = { "retention", 1, FIELDS },
	[O_LABEL] = { "label", 1, FIELDS },
	[O_FILE] = { "file", 1, FIELDS },
	[O_NOTE] = { "note", 1, FIELDS },
	[O_BY] = { "by", 1, FIELDS | VB(V_SUBMIT) | DECIDE },
	[O_VERSION] = { "version", 1, VB(V_SHOW) },
	[O_LANG] = { "lang", 1, VB(V_EXPORT) },
	[O_OUTPUT] = { "output", 1, VB(V_EXPORT) },
	[O_TEMPLATE] = { "template", 1, VB(V_ADD) },
};

struct doc_args {
	enum verb verb;
	const char *v[O_COUNT];
	const char *ref; /* a document's code or id */
	int a, b;	 /* diff */
	enum table_format fmt;
};

/* A failure already told on standard error. */
enum { REPORTED = -2 };

static const char *msg(struct risk_run *run, const char *key)
{
	return cli_msg(run->cli, key);
}

static const char *num(struct risk_run *run, long v)
{
	return arena_printf(&run->arena, "%ld", v);
}

/* Finds the document a code (or a number) names; fails when none. */
static int find(struct risk_run *run, const char *ref, struct document *d,
		struct error *err)
{
	long id;
	int found;

	if (!parse_long(ref, 1, INT32_MAX, &id))
		found = repo_document_get(run->store, &run->arena, run->org, id,
					  d, err);
	else
		found = repo_document_get_code(run->store, &run->arena,
					       run->org, ref, d, err);
	if (found < 0)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "document_cli.unknown",
				 ref, NULL);
	return 0;
}

/* The e-mail given by --by must be a member who may approve. */
static int check_by(struct risk_run *run, const char *email, int approve,
		    struct error *err)
{
	struct member *rows;
	size_t count, i;

	if (repo_member_list(run->store, &run->arena, run->org, &rows, &count,
			     err))
		return -1;
	for (i = 0; i < count; i++) {
		if (strcmp(rows[i].email, email))
			continue;
		if (!permission_granted(rows[i].roles,
					approve ? PERM_APPROVE : PERM_EDIT))
			break;
		return 0;
	}
	return error_set(err, ERROR_DENIED,
			 approve ? "document_cli.not_approver"
				 : "document_cli.not_editor",
			 email, NULL);
}

/* Reads the Markdown file path ("-": standard input) into out. */
static int read_body(const char *path, struct strbuf *out, struct error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!f)
		return error_set(err, ERROR_INPUT, "document_cli.cannot_read",
				 path, strerror(errno), NULL);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		strbuf_add(out, buf, n);
		/* Past the limit, the rules refuse it anyway. */
		if (out->len > DOCUMENT_BODY_MAX)
			break;
	}
	if (ferror(f))
		rc = error_set(err, ERROR_INPUT, "document_cli.cannot_read",
			       path, strerror(errno), NULL);
	if (f != stdin)
		fclose(f);
	if (!rc && memchr(out->buf, '\0', out->len))
		rc = error_set(err, ERROR_INPUT, "input.bad_utf8",
			       "document.body", NULL);
	return rc;
}

/* The option values of the register fields into d. */
static int read_fields(struct risk_run *run, const struct doc_args *o,
		       struct document *d, struct error *err)
{
	const char **labels;
	size_t label_count;

	if (o->v[O_CODE])
		d->code = o->v[O_CODE];
	if (o->v[O_TITLE])
		d->title = o->v[O_TITLE];
	if (o->v[O_TYPE] && document_type_parse(o->v[O_TYPE], &d->type))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "document.type", o->v[O_TYPE], NULL);
	if (o->v[O_OWNER])
		d->owner = o->v[O_OWNER];
	if (o->v[O_APPROVER])
		d->approver = o->v[O_APPROVER];
	if (o->v[O_NEXT_REVIEW])
		d->next_review = o->v[O_NEXT_REVIEW];
	if (o->v[O_RETENTION])
		d->retention = o->v[O_RETENTION];
	if (o->v[O_LABEL] && *o->v[O_LABEL] &&
	    risk_run_parse_label(run, o->v[O_LABEL], &d->label, err))
		return -1;
	if (o->v[O_LABEL] && !*o->v[O_LABEL])
		d->label = "";
	if (risk_run_labels(run, &labels, &label_count, err) ||
	    document_validate(d, labels, label_count, err) ||
	    docview_check_approver(run->store, &run->arena, run->org,
				   d->approver, err))
		return -1;
	return 0;
}

static const char *who(const struct doc_args *o)
{
	return o->v[O_BY] ? o->v[O_BY] : "cli";
}

/*
 * A template's title, type, owner and text (filled from the
 * organisation's data) as the defaults of a new document; the options
 * given override them.
 */
static int from_template(struct risk_run *run, const struct doc_args *o,
			 struct document *d, struct strbuf *body,
			 struct error *err)
{
	const struct doc_template *tp;
	struct doc_template *rows;
	size_t count;

	if (docview_templates(&run->arena, &rows, &count, err))
		return -1;
	tp = docview_template(rows, count, o->v[O_TEMPLATE]);
	if (!tp)
		return error_set(err, ERROR_INPUT, "document_cli.no_template",
				 o->v[O_TEMPLATE], NULL);
	d->title = text_get(&tp->title, run->cli->lang);
	d->owner = text_get(&tp->owner, run->cli->lang);
	d->type = tp->type;
	return docview_template_text(run->store, &run->arena, run->cat,
				     run->org, run->cli->lang, run->today, tp,
				     body, err);
}

static int doc_templates(struct risk_run *run, const struct doc_args *o,
			 struct error *err)
{
	static const char *const keys[] = {
		"document_cli.template_id", "document.code",
		"document.title",	    "document.type",
		"document.owner",	    NULL
	};
	struct doc_template *rows;
	struct table t;
	size_t count, i;

	if (docview_templates(&run->arena, &rows, &count, err))
		return -1;
	risk_run_table(run, &t, keys);
	for (i = 0; i < count; i++) {
		const char *cells[5];

		cells[0] = rows[i].id;
		cells[1] = rows[i].code;
		cells[2] = text_get(&rows[i].title, run->cli->lang);
		cells[3] = msg(run, docview_type_key(rows[i].type));
		cells[4] = text_get(&rows[i].owner, run->cli->lang);
		table_add_row(&t, cells);
	}
	risk_run_print(run, &t, o->fmt, 40);
	return 0;
}

static int doc_add(struct risk_run *run, const struct doc_args *o,
		   struct error *err)
{
	struct strbuf body = STRBUF_INIT, before = STRBUF_INIT,
		      after = STRBUF_INIT;
	const char *note = o->v[O_NOTE] ? o->v[O_NOTE] : "";
	struct document d;
	int version = 0, rc = -1;

	memset(&d, 0, sizeof(d));
	d.code = o->ref;
	d.title = d.owner = d.approver = d.next_review = d.retention = "";
	d.label = "";
	d.type = DOCUMENT_PROCEDURE;
	if (o->v[O_TEMPLATE] && from_template(run, o, &d, &body, err))
		goto out;
	/* A file given replaces the template's text. */
	if (o->v[O_FILE]) {
		strbuf_reset(&body);
		if (read_body(o->v[O_FILE], &body, err))
			goto out;
	}
	if ((o->v[O_BY] && check_by(run, o->v[O_BY], 0, err)) ||
	    read_fields(run, o, &d, err) ||
	    document_body_validate(body.buf, err) ||
	    document_note_validate(note, err) || store_begin(run->store, err))
		goto out;
	if (repo_document_insert(run->store, run->org, &d, (int64_t)time(NULL),
				 err) ||
	    (body.len &&
	     repo_document_save(run->store, run->org, d.id, body.buf, note,
				who(o), DOCUMENT_DRAFT, (int64_t)time(NULL),
				&version, err) != 1))
		goto out_rollback;
	document_changes(NULL, &d, &before, &after);
	if (version)
		strbuf_addf(&after, "\nversion: %d", version);
	if (risk_run_audit(run, "document.add", "document", d.id, "", after.buf,
			   err) ||
	    store_commit(run->store, err))
		goto out_rollback;
	if (version)
		cli_say(run->cli, run->cli->out, "document_cli.added", d.code,
			num(run, version), NULL);
	else
		cli_say(run->cli, run->cli->out, "document_cli.added_empty",
			d.code, NULL);
	rc = 0;
	goto out;
out_rollback:
	store_rollback(run->store);
out:
	strbuf_release(&body);
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

static int doc_edit(struct risk_run *run, const struct doc_args *o,
		    struct error *err)
{
	struct strbuf body = STRBUF_INIT, before = STRBUF_INIT,
		      after = STRBUF_INIT;
	const char *note = o->v[O_NOTE] ? o->v[O_NOTE] : "";
	struct document old, d;
	enum document_status to;
	int version = 0, rc = -1;

	if ((o->v[O_BY] && check_by(run, o->v[O_BY], 0, err)) ||
	    (o->v[O_FILE] && (read_body(o->v[O_FILE], &body, err) ||
			      document_body_validate(body.buf, err))) ||
	    document_note_validate(note, err) || store_begin(run->store, err))
		goto out;
	if (find(run, o->ref, &old, err))
		goto out_rollback;
	if (old.status == DOCUMENT_WITHDRAWN) {
		error_set(err, ERROR_CONFLICT, "document.withdrawn", NULL);
		goto out_rollback;
	}
	d = old;
	if (read_fields(run, o, &d, err))
		goto out_rollback;
	document_changes(&old, &d, &before, &after);
	if ((before.len || after.len) &&
	    (repo_document_update(run->store, run->org, &d, (int64_t)time(NULL),
				  err) != 1 ||
	     risk_run_audit(run, "document.edit", "document", d.id, before.buf,
			    after.buf, err)))
		goto out_rollback;
	if (o->v[O_FILE]) {
		if (document_transition(old.status, DOCUMENT_SAVE, &to, err) ||
		    repo_document_save(run->store, run->org, d.id, body.buf,
				       note, who(o), to, (int64_t)time(NULL),
				       &version, err) != 1 ||
		    risk_run_audit(
			    run, "document.save", "document", d.id,
			    arena_printf(&run->arena, "status: %s",
					 document_status_name(old.status)),
			    arena_printf(&run->arena, "version: %d\nstatus: %s",
					 version, document_status_name(to)),
			    err))
			goto out_rollback;
	}
	if (store_commit(run->store, err))
		goto out_rollback;
	if (version)
		cli_say(run->cli, run->cli->out, "document_cli.saved", d.code,
			num(run, version), NULL);
	else if (before.len || after.len)
		cli_say(run->cli, run->cli->out, "document_cli.changed", d.code,
			NULL);
	else
		cli_say(run->cli, run->cli->out, "document_cli.unchanged",
			d.code, NULL);
	rc = 0;
	goto out;
out_rollback:
	store_rollback(run->store);
out:
	strbuf_release(&body);
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

/* submit, approve, return, withdraw: one move of the status. */
static int doc_move(struct risk_run *run, const struct doc_args *o,
		    enum document_action a, struct error *err)
{
	struct document d;
	enum document_status to;
	int rc;

	if ((o->v[O_BY] &&
	     check_by(run, o->v[O_BY], a != DOCUMENT_SUBMIT, err)) ||
	    store_begin(run->store, err))
		return -1;
	if (find(run, o->ref, &d, err) ||
	    document_transition(d.status, a, &to, err))
		goto out_rollback;
	if (a == DOCUMENT_SUBMIT && !d.latest_version) {
		error_set(err, ERROR_CONFLICT, "document.no_text", NULL);
		goto out_rollback;
	}
	if (a != DOCUMENT_SUBMIT && document_may_approve(&d, o->v[O_BY], err))
		goto out_rollback;
	rc = a == DOCUMENT_APPROVE
		     ? repo_document_approve(run->store, run->org, d.id,
					     o->v[O_BY], (int64_t)time(NULL),
					     err)
		     : repo_document_set_status(run->store, run->org, d.id, to,
						(int64_t)time(NULL), err);
	if (rc != 1 ||
	    risk_run_audit(
		    run,
		    arena_printf(&run->arena, "document.%s",
				 document_action_name(a)),
		    "document", d.id,
		    arena_printf(&run->arena, "status: %s",
				 document_status_name(d.status)),
		    arena_printf(&run->arena, "status: %s\nversion: %d%s%s",
				 document_status_name(to), d.latest_version,
				 o->v[O_BY] ? "\nby: " : "",
				 o->v[O_BY] ? o->v[O_BY] : ""),
		    err) ||
	    store_commit(run->store, err))
		goto out_rollback;
	cli_say(run->cli, run->cli->out, "document_cli.moved", d.code,
		msg(run, docview_status_key(to)), NULL);
	return 0;
out_rollback:
	store_rollback(run->store);
	return -1;
}

static void row_cells(struct risk_run *run, const struct document *d,
		      const char **cells)
{
	cells[0] = d->code;
	cells[1] = d->title;
	cells[2] = msg(run, docview_type_key(d->type));
	cells[3] = msg(run, docview_status_key(d->status));
	cells[4] = d->owner;
	cells[5] = d->approved_version ? num(run, d->approved_version) : "";
	cells[6] = d->latest_version ? num(run, d->latest_version) : "";
	cells[7] = d->next_review;
	cells[8] = risk_run_label(run, d->label);
}

static int doc_list(struct risk_run *run, const struct doc_args *o,
		    struct error *err)
{
	static const char *const keys[] = {
		"document.code",   "document.title",
		"document.type",   "document.status",
		"document.owner",  "document.in_force",
		"document.latest", "document.next_review",
		"document.label",  NULL
	};
	struct document_filter f = { -1, -1, NULL, NULL, DOCUMENT_SORT_CODE };
	struct document *rows;
	enum document_type ty;
	enum document_status st;
	struct table t;
	size_t count, i;

	if (o->v[O_TYPE]) {
		if (document_type_parse(o->v[O_TYPE], &ty))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "document.type", o->v[O_TYPE], NULL);
		f.type = (int)ty;
	}
	if (o->v[O_STATUS]) {
		if (document_status_parse(o->v[O_STATUS], &st))
			return error_set(err, ERROR_INPUT, "input.bad_choice",
					 "document.status", o->v[O_STATUS],
					 NULL);
		f.status = (int)st;
	}
	if (o->v[O_SORT] && document_sort_parse(o->v[O_SORT], &f.sort))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "document.sort", o->v[O_SORT], NULL);
	f.owner = o->v[O_OWNER];
	if (o->v[O_DUE]) {
		struct date day;

		/* "today" is the office's day; a date names any other. */
		if (!strcmp(o->v[O_DUE], "today"))
			f.due_by = run->today;
		else if (parse_date(o->v[O_DUE], &day))
			return error_set(err, ERROR_INPUT, "input.bad_date",
					 "document.next_review", o->v[O_DUE],
					 NULL);
		else
			f.due_by = o->v[O_DUE];
	}
	if (repo_document_list(run->store, &run->arena, run->org, &f, &rows,
			       &count, err))
		return -1;
	risk_run_table(run, &t, keys);
	for (i = 0; i < count; i++) {
		const char *cells[9];

		row_cells(run, &rows[i], cells);
		table_add_row(&t, cells);
	}
	risk_run_print(run, &t, o->fmt, 40);
	return 0;
}

static void line(struct risk_run *run, const char *key, const char *value)
{
	fprintf(run->cli->out, "%s: %s\n", msg(run, key), value);
}

static int doc_show(struct risk_run *run, const struct doc_args *o,
		    struct error *err)
{
	struct document d;
	struct document_version v;
	int n = 0, found;

	if (find(run, o->ref, &d, err))
		return -1;
	if (o->v[O_VERSION] && parse_int(o->v[O_VERSION], 1, INT32_MAX, &n))
		return error_set(err, ERROR_INPUT, "input.bad_choice",
				 "document.version", o->v[O_VERSION], NULL);
	line(run, "document.code", d.code);
	line(run, "document.title", d.title);
	line(run, "document.type", msg(run, docview_type_key(d.type)));
	line(run, "document.status", msg(run, docview_status_key(d.status)));
	line(run, "document.owner", d.owner);
	line(run, "document.approver",
	     *d.approver ? d.approver : msg(run, "document.approver_any"));
	line(run, "document.in_force",
	     d.approved_version
		     ? risk_run_text(run, "document.in_force_by",
				     num(run, d.approved_version),
				     d.approved_by,
				     risk_run_time(run, d.approved_at), NULL)
		     : msg(run, "document.none_in_force"));
	line(run, "document.latest",
	     d.latest_version ? num(run, d.latest_version) : "—");
	line(run, "document.next_review", *d.next_review ? d.next_review : "—");
	line(run, "document.retention", *d.retention ? d.retention : "—");
	line(run, "document.label",
	     *d.label ? risk_run_label(run, d.label) : "—");
	if (!n)
		n = d.latest_version;
	if (!n)
		return 0;
	found = repo_document_version(run->store, &run->arena, run->org, d.id,
				      n, &v, err);
	if (found < 0)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "document.no_version",
				 NULL);
	fprintf(run->cli->out, "\n%s\n\n%s",
		risk_run_text(run, "document.version_no", num(run, n), NULL),
		v.body);
	if (v.body[0] && v.body[strlen(v.body) - 1] != '\n')
		fputc('\n', run->cli->out);
	return 0;
}

static int doc_versions(struct risk_run *run, const struct doc_args *o,
			struct error *err)
{
	static const char *const keys[] = {
		"document.version", "document.saved_on",    "document.author",
		"document.note",    "document.approved_by", NULL
	};
	struct document d;
	struct document_version *rows;
	struct table t;
	size_t count, i;

	if (find(run, o->ref, &d, err) ||
	    repo_document_versions(run->store, &run->arena, run->org, d.id,
				   &rows, &count, err))
		return -1;
	risk_run_table(run, &t, keys);
	for (i = 0; i < count; i++) {
		const char *cells[5];

		cells[0] = num(run, rows[i].version);
		cells[1] = risk_run_time(run, rows[i].created_at);
		cells[2] = rows[i].author;
		cells[3] = rows[i].note;
		cells[4] = rows[i].approved_by ? rows[i].approved_by : "";
		table_add_row(&t, cells);
	}
	risk_run_print(run, &t, o->fmt, 40);
	return 0;
}

static int doc_diff(struct risk_run *run, const struct doc_args *o,
		    struct error *err)
{
	struct document d;
	struct document_version va, vb;
	struct document_diff_line *lines;
	size_t count, i;
	int found;

	if (find(run, o->ref, &d, err))
		return -1;
	found = repo_document_version(run->store, &run->arena, run->org, d.id,
				      o->a, &va, err);
	if (found == 1)
		found = repo_document_version(run->store, &run->arena, run->org,
					      d.id, o->b, &vb, err);
	if (found < 0)
		return -1;
	if (!found)
		return error_set(err, ERROR_NOT_FOUND, "document.no_version",
				 NULL);
	if (document_diff(&run->arena, va.body, vb.body, &lines, &count, err))
		return -1;
	/* The unified diff's markers, so that people and tools read it. */
	fprintf(run->cli->out, "--- %s v%d\n+++ %s v%d\n", d.code, o->a, d.code,
		o->b);
	for (i = 0; i < count; i++)
		fprintf(run->cli->out, "%c%s\n", " -+"[lines[i].op],
			lines[i].text);
	return 0;
}

static int doc_export(struct risk_run *run, const struct doc_args *o,
		      struct error *err)
{
	struct document_filter f = { -1, -1, NULL, NULL, DOCUMENT_SORT_CODE };
	enum lang lang = run->cli->lang;
	const char *out = o->v[O_OUTPUT];
	struct document *rows;
	struct strbuf sb = STRBUF_INIT, tmp = STRBUF_INIT;
	size_t count;
	int xlsx = o->v[O_FORMAT] && !strcmp(o->v[O_FORMAT], "xlsx"), rc = 0;
	FILE *f_out;

	if (o->v[O_LANG])
		lang = lang_from_locale(o->v[O_LANG]);
	if (repo_document_list(run->store, &run->arena, run->org, &f, &rows,
			       &count, err))
		return -1;
	if (!out) {
		docview_csv(run->cat, run->cli->msgs, lang, rows, count,
			    &run->arena, &sb);
		fwrite(sb.buf, 1, sb.len, run->cli->out);
		strbuf_release(&sb);
		return 0;
	}
	/* Written beside the target and renamed over it: a failure never
	 * leaves half a file where the old one was. */
	strbuf_addf(&tmp, "%s.tmp-%ld", out, (long)getpid());
	if (xlsx) {
		rc = docview_xlsx(run->cat, run->cli->msgs, lang, rows, count,
				  &run->arena, tmp.buf, err);
	} else {
		docview_csv(run->cat, run->cli->msgs, lang, rows, count,
			    &run->arena, &sb);
		f_out = fopen(tmp.buf, "wb");
		if (!f_out || fwrite(sb.buf, 1, sb.len, f_out) != sb.len ||
		    fclose(f_out))
			rc = error_set(err, ERROR_INTERNAL,
				       "document_cli.cannot_write", out,
				       strerror(errno), NULL);
	}
	if (!rc && rename(tmp.buf, out))
		rc = error_set(err, ERROR_INTERNAL, "document_cli.cannot_write",
			       out, strerror(errno), NULL);
	if (rc)
		unlink(tmp.buf);
	else
		cli_say(run->cli, run->cli->err, "document_cli.exported",
			num(run, (long)count), out, NULL);
	strbuf_release(&sb);
	strbuf_release(&tmp);
	return rc;
}

static int read_operands(struct cli *cli, int argc, char **argv,
			 struct doc_args *o)
{
	int n, verb, rc;

	verb = risk_run_verb(argc, argv, verb_names, V_COUNT);
	if (verb < 0)
		return cli_usage(cli, "document", "document_cli.unknown_verb",
				 argv[optind], NULL);
	o->verb = (enum verb)verb;
	n = argc - optind;
	if ((rc = risk_run_check_options(cli, "document", options, O_COUNT,
					 o->v, verb, verb_names[verb])))
		return rc;
	switch (o->verb) {
	case V_LIST:
	case V_EXPORT:
	case V_TEMPLATES:
		if (n)
			return cli_usage(cli, "document",
					 "usage.extra_argument", argv[optind],
					 NULL);
		break;
	case V_DIFF:
		if (n != 3 ||
		    parse_int(argv[optind + 1], 1, INT32_MAX, &o->a) ||
		    parse_int(argv[optind + 2], 1, INT32_MAX, &o->b))
			return cli_usage(cli, "document",
					 "document_cli.usage_diff", NULL);
		o->ref = argv[optind];
		break;
	default:
		if (n != 1)
			return cli_usage(cli, "document",
					 "document_cli.usage_ref",
					 verb_names[verb], NULL);
		o->ref = argv[optind];
		break;
	}
	if (o->verb == V_ADD) {
		static const int need[] = { O_TITLE, O_TYPE, O_OWNER };
		static const char *const names[] = { "--title", "--type",
						     "--owner" };
		size_t k;

		/* A template gives a title, a type and an owner. */
		for (k = 0; k < ARRAY_SIZE(need) && !o->v[O_TEMPLATE]; k++)
			if (!o->v[need[k]])
				return cli_usage(cli, "document",
						 "usage.missing_option",
						 names[k], NULL);
	}
	if ((o->verb == V_APPROVE || o->verb == V_RETURN ||
	     o->verb == V_WITHDRAW) &&
	    !o->v[O_BY])
		return cli_usage(cli, "document", "usage.missing_option",
				 "--by", NULL);
	if (o->verb == V_EXPORT) {
		const char *f = o->v[O_FORMAT];

		if (f && strcmp(f, "csv") && strcmp(f, "xlsx"))
			return cli_usage(cli, "document", "usage.bad_value",
					 "format", f, NULL);
		if (f && !strcmp(f, "xlsx") && !o->v[O_OUTPUT])
			return cli_usage(cli, "document",
					 "usage.missing_option", "--output",
					 NULL);
		if (o->v[O_OUTPUT] && !*o->v[O_OUTPUT])
			return cli_usage(cli, "document", "usage.bad_value",
					 "output", o->v[O_OUTPUT], NULL);
		if (o->v[O_LANG] && strcmp(o->v[O_LANG], "ja") &&
		    strcmp(o->v[O_LANG], "en"))
			return cli_usage(cli, "document", "usage.bad_value",
					 "lang", o->v[O_LANG], NULL);
	} else if (o->v[O_FORMAT] &&
		   table_format_parse(o->v[O_FORMAT], &o->fmt)) {
		return cli_usage(cli, "document", "usage.bad_value", "format",
				 o->v[O_FORMAT], NULL);
	}
	return 0;
}

int cmd_document(struct cli *cli, int argc, char **argv)
{
	struct doc_args o;
	struct error err = ERROR_INIT;
	struct risk_run run;
	int64_t org;
	int rc;

	memset(&o, 0, sizeof(o));
	o.fmt = TABLE_TEXT;
	rc = risk_run_options(cli, "document", options, O_COUNT, argc, argv,
			      o.v);
	if (rc != RISK_RUN_GO)
		return rc;
	if ((rc = read_operands(cli, argc, argv, &o)))
		return rc;
	if ((rc = risk_run_parse_org(cli, "document", o.v[O_ORG], &org)))
		return rc;
	if (risk_run_open(&run, cli, org, &err)) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	switch (o.verb) {
	case V_LIST:
		rc = doc_list(&run, &o, &err);
		break;
	case V_SHOW:
		rc = doc_show(&run, &o, &err);
		break;
	case V_ADD:
		rc = doc_add(&run, &o, &err);
		break;
	case V_EDIT:
		rc = doc_edit(&run, &o, &err);
		break;
	case V_SUBMIT:
		rc = doc_move(&run, &o, DOCUMENT_SUBMIT, &err);
		break;
	case V_APPROVE:
		rc = doc_move(&run, &o, DOCUMENT_APPROVE, &err);
		break;
	case V_RETURN:
		rc = doc_move(&run, &o, DOCUMENT_RETURN, &err);
		break;
	case V_WITHDRAW:
		rc = doc_move(&run, &o, DOCUMENT_WITHDRAW, &err);
		break;
	case V_VERSIONS:
		rc = doc_versions(&run, &o, &err);
		break;
	case V_DIFF:
		rc = doc_diff(&run, &o, &err);
		break;
	case V_TEMPLATES:
		rc = doc_templates(&run, &o, &err);
		break;
	case V_EXPORT:
	case V_COUNT:
		rc = doc_export(&run, &o, &err);
		break;
	}
	rc = rc == REPORTED ? EXIT_INPUT : rc ? cli_fail(cli, &err) : EXIT_DONE;
out:
	risk_run_close(&run);
	return rc;
}
