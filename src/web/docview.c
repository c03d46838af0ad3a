/* docview.c: the document register's names and its spreadsheet. */
#include "util/compat.h"
#include "web/docview.h"

#include <string.h>
#include <time.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "catalog/tsv.h"
#include "core/policy.h"
#include "core/permission.h"
#include "export/table.h"
#include "export/xlsx.h"
#include "store/repo_asset.h"
#include "store/repo_diagnosis.h"
#include "store/repo_document.h"
#include "store/repo_org.h"
#include "util/embed.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"

static const char *const type_keys[DOCUMENT_TYPE_COUNT] = {
	"document.type_policy", "document.type_rule", "document.type_procedure",
	"document.type_record", "document.type_external"
};

static const char *const status_keys[DOCUMENT_STATUS_COUNT] = {
	"document.status_draft", "document.status_in_review",
	"document.status_approved", "document.status_withdrawn"
};

/* Column headers, and widths for the workbook. */
static const struct {
	const char *key;
	double width;
} columns[DOCVIEW_COLUMNS] = {
	{ "document.code", 10 },	{ "document.title", 36 },
	{ "document.type", 12 },	{ "document.status", 12 },
	{ "document.owner", 18 },	{ "document.in_force", 10 },
	{ "document.latest", 10 },	{ "document.approver", 24 },
	{ "document.approved_by", 24 }, { "document.approved_on", 12 },
	{ "document.next_review", 12 }, { "document.retention", 12 },
	{ "document.label", 12 },
};

const char *docview_type_key(enum document_type t)
{
	if ((unsigned)t >= DOCUMENT_TYPE_COUNT)
		BUG("document type %d", (int)t);
	return type_keys[t];
}

const char *docview_status_key(enum document_status s)
{
	if ((unsigned)s >= DOCUMENT_STATUS_COUNT)
		BUG("document status %d", (int)s);
	return status_keys[s];
}

int docview_approvers(struct store *store, struct arena *arena, int64_t org_id,
		      const char ***emails, size_t *count, struct error *err)
{
	struct member *rows;
	size_t n, i, k = 0;

	if (repo_member_list(store, arena, org_id, &rows, &n, err))
		return -1;
	*emails = arena_calloc(arena, n + 1, sizeof(**emails));
	for (i = 0; i < n; i++)
		if (permission_granted(rows[i].roles, PERM_APPROVE))
			(*emails)[k++] = rows[i].email;
	*count = k;
	return 0;
}

int docview_check_approver(struct store *store, struct arena *arena,
			   int64_t org_id, const char *approver,
			   struct error *err)
{
	const char **emails;
	size_t count, i;

	if (!*approver)
		return 0;
	if (docview_approvers(store, arena, org_id, &emails, &count, err))
		return -1;
	for (i = 0; i < count; i++)
		if (!strcmp(emails[i], approver))
			return 0;
	/* Nobody else could ever approve the document. */
	return error_set(err, ERROR_INPUT, "document.approver_unknown",
			 approver, NULL);
}

void docview_headers(const struct i18n *msgs, enum lang lang,
		     const char *cells[DOCVIEW_COLUMNS])
{
	size_t i;

	for (i = 0; i < DOCVIEW_COLUMNS; i++)
		cells[i] = i18n_get(msgs, lang, columns[i].key);
}

void docview_row(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct document *d, struct arena *arena,
		 const char *cells[DOCVIEW_COLUMNS])
{
	const struct classification_label *l = catalog_label(cat, d->label);
	char day[16] = "";

	if (d->approved_at) {
		time_t at = (time_t)d->approved_at;
		struct tm tm;

		/* The office's calendar day, as the pages show it. */
		if (localtime_r(&at, &tm))
			strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	}
	cells[0] = d->code;
	cells[1] = d->title;
	cells[2] = i18n_get(msgs, lang, docview_type_key(d->type));
	cells[3] = i18n_get(msgs, lang, docview_status_key(d->status));
	cells[4] = d->owner;
	cells[5] = d->approved_version
			   ? arena_printf(arena, "%d", d->approved_version)
			   : "";
	cells[6] = d->latest_version
			   ? arena_printf(arena, "%d", d->latest_version)
			   : "";
	cells[7] = d->approver;
	cells[8] = d->approved_by ? d->approved_by : "";
	cells[9] = arena_strdup(arena, day);
	cells[10] = d->next_review;
	cells[11] = d->retention;
	cells[12] = l ? text_get(&l->label, lang) : d->label;
}

void docview_csv(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct document *rows, size_t count,
		 struct arena *arena, struct strbuf *out)
{
	const char *cells[DOCVIEW_COLUMNS];
	size_t i;

	/* A BOM, so that Excel on a Japanese PC reads UTF-8. */
	strbuf_addstr(out, "\xef\xbb\xbf");
	docview_headers(msgs, lang, cells);
	table_csv_row(cells, DOCVIEW_COLUMNS, out);
	for (i = 0; i < count; i++) {
		docview_row(cat, msgs, lang, &rows[i], arena, cells);
		table_csv_row(cells, DOCVIEW_COLUMNS, out);
	}
}

int docview_xlsx(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct document *rows, size_t count,
		 struct arena *arena, const char *path, struct error *err)
{
	struct xlsx_column cols[DOCVIEW_COLUMNS];
	const char *cells[DOCVIEW_COLUMNS];
	struct xlsx_writer *w;
	size_t i;

	docview_headers(msgs, lang, cells);
	for (i = 0; i < DOCVIEW_COLUMNS; i++) {
		cols[i].header = cells[i];
		cols[i].numeric = i == 5 || i == 6;
		cols[i].width = columns[i].width;
	}
	if (xlsx_writer_open(path, i18n_get(msgs, lang, "document.sheet"), cols,
			     DOCVIEW_COLUMNS, 0, &w, err))
		return -1;
	for (i = 0; i < count; i++) {
		docview_row(cat, msgs, lang, &rows[i], arena, cells);
		xlsx_writer_add_row(w, cells);
	}
	return xlsx_writer_close(w, err);
}

int docview_templates(struct arena *arena, struct doc_template **rows,
		      size_t *count, struct error *err)
{
	static const char *const cols[] = { "id",	"type",	    "code",
					    "title_ja", "title_en", "owner_ja",
					    "owner_en", NULL };
	const struct embedded_file *f =
		embedded_find(&embedded_data, "templates/documents.tsv");
	struct doc_template *out;
	struct tsv t;
	int idx[7];
	size_t i;

	if (!f)
		BUG("templates/documents.tsv is not compiled in");
	if (tsv_parse(arena, f->name, (const char *)f->data, f->len, &t, err) ||
	    tsv_require(&t, idx, cols, err))
		return -1;
	out = arena_calloc(arena, t.row_count + 1, sizeof(*out));
	for (i = 0; i < t.row_count; i++) {
		const char **v = t.rows[i].fields;

		out[i].id = v[idx[0]];
		/* The file is ours and checked by a unit test. */
		if (document_type_parse(v[idx[1]], &out[i].type))
			BUG("template %s: type %s", v[idx[0]], v[idx[1]]);
		out[i].code = v[idx[2]];
		out[i].title.ja = v[idx[3]];
		out[i].title.en = v[idx[4]];
		out[i].owner.ja = v[idx[5]];
		out[i].owner.en = v[idx[6]];
	}
	*rows = out;
	*count = t.row_count;
	return 0;
}

const struct doc_template *docview_template(const struct doc_template *rows,
					    size_t count, const char *id)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcmp(rows[i].id, id))
			return &rows[i];
	return NULL;
}

/* A Markdown list of items (escaped), or the blank to fill in. */
static const char *md_list(struct arena *arena, const char *const *items,
			   size_t count, const char *blank)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	size_t i;

	for (i = 0; i < count; i++) {
		strbuf_addstr(&sb, "- ");
		markdown_escape(&sb, items[i]);
		strbuf_addch(&sb, '\n');
	}
	if (!count)
		strbuf_addf(&sb, "- %s\n", blank);
	if (sb.len)
		sb.buf[--sb.len] = '\0'; /* the template ends the line */
	out = arena_strdup(arena, sb.buf);
	strbuf_release(&sb);
	return out;
}

int docview_template_text(struct store *store, struct arena *arena,
			  const struct catalog *cat, int64_t org_id,
			  enum lang lang, const char *today,
			  const struct doc_template *t, struct strbuf *out,
			  struct error *err)
{
	static const char *const names[] = { "labels", "departments", "date" };
	const char *blank = lang == LANG_EN ? "[to be filled in]" : "［記入］";
	const struct embedded_file *f;
	struct organisation *orgs;
	struct org_profile profile;
	struct policy_fill fill;
	struct strbuf first = STRBUF_INIT;
	const char **labels, **departments, *values[3];
	size_t org_count, label_count, department_count, i;
	char path[128];

	snprintf(path, sizeof(path), "templates/documents/%s.%s.md", t->id,
		 lang == LANG_EN ? "en" : "ja");
	f = embedded_find(&embedded_data, path);
	if (!f)
		BUG("template %s is not compiled in", path);
	if (repo_org_list(store, arena, &orgs, &org_count, err) ||
	    repo_profile_get(store, arena, org_id, &profile, err) ||
	    repo_label_list(store, arena, org_id, &labels, &label_count, err) ||
	    repo_document_departments(store, arena, org_id, &departments,
				      &department_count, err))
		return -1;
	memset(&fill, 0, sizeof(fill));
	fill.company = blank;
	for (i = 0; i < org_count; i++)
		if (orgs[i].id == org_id)
			fill.company = orgs[i].name;
	fill.representative = *profile.representative ? profile.representative
						      : blank;
	fill.services = *profile.services ? profile.services : blank;
	/* The day is filled below as it is: escaped, the editor would
	 * show a backslash before each hyphen. */
	fill.date = NULL;
	fill.version = 1;
	/* The built-in labels until the organisation sets its own. */
	if (!label_count) {
		labels = arena_calloc(arena, cat->label_count + 1,
				      sizeof(*labels));
		for (i = 0; i < cat->label_count; i++)
			labels[i] = cat->labels[i].id;
		label_count = cat->label_count;
	}
	for (i = 0; i < label_count; i++) {
		const struct classification_label *l =
			catalog_label(cat, labels[i]);

		if (l)
			labels[i] = arena_printf(arena, "%s: %s",
						 text_get(&l->label, lang),
						 text_get(&l->meaning, lang));
	}
	values[0] = md_list(arena, labels, label_count, blank);
	values[1] = md_list(arena, departments, department_count, blank);
	values[2] = today;
	policy_fill_text(&first, (const char *)f->data, &fill);
	document_fill(out, first.buf, names, values, ARRAY_SIZE(names));
	strbuf_release(&first);
	return 0;
}
