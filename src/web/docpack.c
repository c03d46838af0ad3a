/*
 * docpack.c: the audit document pack: every approved document and every
 * register drawn from the store into files, hashed, listed and zipped.
 *
 * Files keep ASCII names (policy/, documents/<reference>.pdf,
 * registers/) so that every unzip tool shows them alike, whatever it
 * does with UTF-8 names; what each file is, in the pack's language, is
 * in manifest.txt and in manifest.json's titles.
 */
#include "util/compat.h"
#include "web/docpack.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "core/audit.h"
#include "core/diagnosis.h"
#include "core/document.h"
#include "core/ledger.h"
#include "core/risk.h"
#include "export/report.h"
#include "export/table.h"
#include "export/xlsx.h"
#include "store/repo_asset.h"
#include "store/repo_audit.h"
#include "store/repo_diagnosis.h"
#include "store/repo_document.h"
#include "store/repo_org.h"
#include "store/repo_policy.h"
#include "store/repo_risk.h"
#include "store/repo_soa.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/checklistview.h"
#include "web/crypto.h"
#include "web/docreport.h"
#include "web/docview.h"
#include "web/ledger_io.h"
#include "web/seal.h"
#include "web/soaview.h"

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "0.0.0-dev"
#endif

/* The audit trail's extract covers this many days back from now. */
enum { AUDIT_DAYS = 365, AUDIT_PAGE = 1000, XLSX_BIG = 10000 };

/* ---- SHA-256 for export/pack.h --------------------------------------- */

static void *hash_begin(void)
{
	return sha256_stream_new();
}

static void hash_add(void *st, const void *data, size_t len)
{
	sha256_stream_add(st, data, len);
}

static void hash_end(void *st, char hex[PACK_HASH_HEX + 1])
{
	sha256_stream_end(st, hex);
}

static const struct pack_hasher sha256_hasher = { hash_begin, hash_add,
						  hash_end };

const struct pack_hasher *docpack_hasher(void)
{
	return &sha256_hasher;
}

/* ---- the build ------------------------------------------------------- */

struct build {
	const struct docpack_request *rq;
	struct arena arena; /* the file list and the manifest */
	struct arena item;  /* one item's rows and reports, then released */
	struct docreport_env env;
	char *dir; /* the parts drawn so far */
	unsigned seq;
	struct pack_file *files;
	size_t count, cap;
	struct pack_absent *absent;
	size_t absent_count, absent_cap;
	size_t step, steps;
};

static const char *msg(const struct build *b, const char *key)
{
	return i18n_get(b->rq->msgs, b->rq->lang, key);
}

/* The message key with {1} … filled, from the build's arena. */
static const char *msgf(struct build *b, const char *key, const char *a1,
			const char *a2)
{
	const char *args[2] = { a1, a2 };
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	i18n_format(b->rq->msgs, b->rq->lang, key, args, a2 ? 2 : 1, &sb);
	s = arena_strdup(&b->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

static const char *num(struct arena *a, long long v)
{
	return arena_printf(a, "%lld", v);
}

/* A day as the reader writes it, in the office's time zone. */
static const char *day(struct build *b, int64_t at, int iso)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char *buf = arena_alloc(&b->item, 32);

	localtime_r(&tt, &tm);
	strftime(buf, 32,
		 iso || b->rq->lang != LANG_JA ? "%Y-%m-%d" : "%Y年%m月%d日",
		 &tm);
	return buf;
}

/* A fresh name in the parts folder, ending in ext. */
static const char *part_path(struct build *b, const char *ext)
{
	return arena_printf(&b->arena, "%s/%04u.%s", b->dir, b->seq++, ext);
}

/* Lists the finished file source as path in the pack, with its hash. */
static int add_file(struct build *b, const char *source, const char *path,
		    const char *item, const char *title, struct error *err)
{
	struct pack_file *f;

	if (b->count == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 32;
		b->files = xrealloc(b->files, st_mult(b->cap, sizeof(*f)));
	}
	f = &b->files[b->count];
	memset(f, 0, sizeof(*f));
	f->source = source;
	f->path = arena_strdup(&b->arena, path);
	f->item = item;
	f->title = arena_strdup(&b->arena, title);
	if (pack_hash_file(&sha256_hasher, source, f, err))
		return -1;
	b->count++;
	return 0;
}

/* Lists an item the organisation does not have yet, with the reason. */
static void add_absent(struct build *b, const char *item, const char *title,
		       const char *reason)
{
	struct pack_absent *a;

	if (b->absent_count == b->absent_cap) {
		b->absent_cap = b->absent_cap ? 2 * b->absent_cap : 8;
		b->absent =
			xrealloc(b->absent, st_mult(b->absent_cap, sizeof(*a)));
	}
	a = &b->absent[b->absent_count++];
	a->item = item;
	a->title = arena_strdup(&b->arena, title);
	a->reason = reason;
	a->reason_text = msg(b, reason);
}

/* Draws r as a PDF or a workbook and lists it. */
static int add_report(struct build *b, const struct report *r,
		      enum report_format f, const char *path, const char *item,
		      const char *title, struct error *err)
{
	const char *src = part_path(b, report_format_name(f));

	if (f == REPORT_FORMAT_PDF ? report_render_pdf(r, src, err)
				   : report_render_xlsx(r, src, err))
		return -1;
	return add_file(b, src, path, item, title, err);
}

/* A report with the words around the content in the pack's language. */
static struct report *start(struct build *b, const char *title)
{
	struct report *r =
		report_new(&b->item, b->rq->lang == LANG_JA ? "ja" : "en");
	struct report_words w = {
		.cover = msg(b, "report.cover"),
		.organisation = msg(b, "report.organisation"),
		.version = msg(b, "report.version"),
		.date = msg(b, "report.date"),
		.approved = msg(b, "report.approved"),
		.classification = msg(b, "report.classification"),
		.sheets = msg(b, "report.sheets"),
	};

	report_set_words(r, &w);
	report_set_organisation(r, b->rq->org_name);
	report_set_title(r, title);
	report_set_date(r, day(b, b->rq->now, 0));
	return r;
}

static const char *label_text(struct build *b, const char *id)
{
	const struct classification_label *l = catalog_label(b->rq->cat, id);

	return l ? text_get(&l->label, b->rq->lang) : id;
}

/* The name a member signs with: the display name, else the address. */
static int signer(struct build *b, const char *email, const char **name,
		  struct error *err)
{
	struct member *rows;
	size_t count, i;

	*name = email;
	if (repo_member_list(b->rq->store, &b->item, b->rq->org, &rows, &count,
			     err))
		return -1;
	for (i = 0; i < count; i++)
		if (!strcmp(rows[i].email, email) && *rows[i].display_name)
			*name = rows[i].display_name;
	return 0;
}

/* ---- the items ------------------------------------------------------- */

/* The basic policy or the handbook: its newest approved version. */
static int add_policy_kind(struct build *b, const char *kind, const char *path,
			   const char *title_key, struct error *err)
{
	struct policy_doc *rows, d;
	struct report *r;
	size_t count, i;
	int found;

	if (repo_doc_list(b->rq->store, &b->item, b->rq->org, kind, &rows,
			  &count, err))
		return -1;
	for (i = 0; i < count && !rows[i].approved_by; i++)
		;
	if (i == count) {
		add_absent(b, kind, msg(b, title_key),
			   count ? "pack.absent_not_approved"
				 : "pack.absent_not_written");
		return 0;
	}
	found = repo_doc_get(b->rq->store, &b->item, b->rq->org, kind,
			     rows[i].version, &d, err);
	if (found <= 0)
		return found < 0 ? -1
				 : error_set(err, ERROR_CONFLICT,
					     "pack.changed", kind, NULL);
	if (docreport_policy(&b->env, kind, &d, &r, err))
		return -1;
	return add_report(b, r, REPORT_FORMAT_PDF, path, kind,
			  msgf(b, "pack.title_version", msg(b, title_key),
			       num(&b->item, d.version)),
			  err);
}

static int add_policy(struct build *b, struct error *err)
{
	return add_policy_kind(b, "basic_policy", "policy/basic-policy.pdf",
			       "policy.title", err);
}

static int add_handbook(struct build *b, struct error *err)
{
	return add_policy_kind(b, "handbook", "policy/handbook.pdf",
			       "handbook.title", err);
}

/* One approved document: the version in force, as it was approved. */
static int add_document(struct build *b, const struct document *d,
			struct error *err)
{
	struct document_version v;
	const char *approver = NULL, *title;
	struct report *r;
	int found;

	found = repo_document_version(b->rq->store, &b->item, b->rq->org, d->id,
				      d->approved_version, &v, err);
	if (found <= 0)
		return found < 0 ? -1
				 : error_set(err, ERROR_CONFLICT,
					     "pack.changed", d->code, NULL);
	if (v.approved_by && signer(b, v.approved_by, &approver, err))
		return -1;
	title = arena_printf(&b->item, "%s %s", d->code, d->title);
	r = start(b, title);
	report_set_font(r, REPORT_SERIF);
	report_set_version(r, msgf(b, "policy.version",
				   num(&b->item, v.version), NULL));
	report_set_date(r, day(b, v.created_at, 0));
	if (approver)
		report_set_approval(r, approver, day(b, v.approved_at, 0));
	if (*d->label)
		report_set_classification(r, label_text(b, d->label));
	report_seal(r, msg(b, "print.approve"), approver,
		    approver ? day(b, v.approved_at, 1) : NULL);
	report_seal(r, msg(b, "print.check"), NULL, NULL);
	report_seal(r, msg(b, "print.author"), NULL, NULL);
	report_add_markdown(r, v.body, strlen(v.body));
	return add_report(
		b, r, REPORT_FORMAT_PDF,
		arena_printf(&b->item, "documents/%s.pdf", d->code), "document",
		msgf(b, "pack.title_version", title, num(&b->item, v.version)),
		err);
}

/* Every approved document, and the register of all of them. */
static int add_documents(struct build *b, struct error *err)
{
	struct document_filter f = { -1, -1, NULL, NULL, DOCUMENT_SORT_CODE };
	struct document *rows;
	const char *src;
	size_t count, i, approved = 0;

	if (repo_document_list(b->rq->store, &b->item, b->rq->org, &f, &rows,
			       &count, err))
		return -1;
	for (i = 0; i < count; i++) {
		/* A withdrawn document is no longer in force. */
		if (!rows[i].approved_version ||
		    rows[i].status == DOCUMENT_WITHDRAWN)
			continue;
		if (add_document(b, &rows[i], err))
			return -1;
		approved++;
	}
	if (!approved)
		add_absent(b, "document", msg(b, "pack.item_documents"),
			   count ? "pack.absent_no_approved_document"
				 : "pack.absent_no_document");
	if (!count) {
		add_absent(b, "document_register",
			   msg(b, "pack.item_document_register"),
			   "pack.absent_no_document");
		return 0;
	}
	src = part_path(b, "xlsx");
	if (docview_xlsx(b->rq->cat, b->rq->msgs, b->rq->lang, rows, count,
			 &b->item, src, err))
		return -1;
	return add_file(b, src, "registers/document-register.xlsx",
			"document_register",
			msg(b, "pack.item_document_register"), err);
}

/* The method in force: the open assessment's, or the IPA sheet before. */
static int method_of(struct build *b, struct risk_assessment *a, int *open,
		     const struct risk_method_def **def,
		     struct risk_criteria *criteria, struct error *err)
{
	int found = repo_assessment_open(b->rq->store, &b->item, b->rq->org, a,
					 err);

	if (found < 0)
		return -1;
	*open = found;
	*def = catalog_method(b->rq->cat, found ? a->method : RISK_IPA);
	if (found)
		*criteria = a->criteria;
	else
		risk_criteria_default(*def, criteria);
	return 0;
}

struct asset_rows {
	const struct ledger_context *lc;
	struct xlsx_writer *xlsx;
	struct ledger_cells cells;
};

static int asset_row(void *p, const struct asset *a)
{
	struct asset_rows *st = p;

	ledger_row(st->lc, LEDGER_FULL, a, &st->cells);
	xlsx_writer_add_row(st->xlsx, st->cells.cells);
	return 0;
}

/* The asset register, every column (the full layout), row by row. */
static int add_assets(struct build *b, struct error *err)
{
	struct xlsx_column cols[LEDGER_FIELD_COUNT];
	const enum ledger_field *fields;
	const struct risk_method_def *def;
	struct risk_criteria criteria;
	struct risk_assessment a;
	struct ledger_context lc;
	struct ledger_cells header;
	struct asset_rows st;
	struct asset_query q;
	const char **own;
	const char *src;
	size_t own_count, count, i;
	int64_t assets = 0;
	int open, rc;

	if (repo_asset_count(b->rq->store, b->rq->org, &assets, err))
		return -1;
	if (!assets) {
		add_absent(b, "asset_register", msg(b, "pack.item_assets"),
			   "pack.absent_no_asset");
		return 0;
	}
	if (method_of(b, &a, &open, &def, &criteria, err) ||
	    repo_label_list(b->rq->store, &b->item, b->rq->org, &own,
			    &own_count, err))
		return -1;
	ledger_io_context(&lc, b->rq->cat, b->rq->msgs, def, own, own_count,
			  day(b, b->rq->now, 1), b->rq->lang);
	count = ledger_fields(LEDGER_FULL, &fields);
	ledger_header(LEDGER_FULL, b->rq->lang, &header);
	for (i = 0; i < count; i++) {
		const struct ledger_column *c = ledger_column(fields[i]);

		cols[i].header = header.cells[i];
		cols[i].numeric = c->numeric;
		cols[i].width = c->width;
	}
	memset(&st, 0, sizeof(st));
	st.lc = &lc;
	memset(&q, 0, sizeof(q));
	q.importance = IMPORTANCE_ANY;
	src = part_path(b, "xlsx");
	if (xlsx_writer_open(src, msg(b, "ledger.sheet"), cols, count,
			     assets > XLSX_BIG ? XLSX_CONSTANT_MEMORY : 0,
			     &st.xlsx, err))
		return -1;
	rc = repo_asset_each(b->rq->store, b->rq->org, &q, asset_row, &st,
			     err) < 0;
	if (xlsx_writer_close(st.xlsx, rc ? NULL : err) || rc)
		return -1;
	return add_file(b, src, "registers/asset-register.xlsx",
			"asset_register", msg(b, "pack.item_assets"), err);
}

/* The risk assessment report with the treatment plan: PDF and XLSX. */
static int add_risk(struct build *b, struct error *err)
{
	const struct risk_method_def *def;
	struct risk_criteria criteria;
	struct risk_assessment a;
	struct report *r;
	int open;

	if (method_of(b, &a, &open, &def, &criteria, err))
		return -1;
	if (!open) {
		add_absent(b, "risk_report", msg(b, "pack.item_risk_report"),
			   "pack.absent_no_assessment");
		return 0;
	}
	if (docreport_risk(&b->env, &a, def, &criteria, &r, err))
		return -1;
	return add_report(b, r, REPORT_FORMAT_PDF,
			  "registers/risk-assessment-report.pdf", "risk_report",
			  msg(b, "pack.item_risk_report"), err) ||
			       add_report(
				       b, r, REPORT_FORMAT_XLSX,
				       "registers/risk-assessment-report.xlsx",
				       "risk_report",
				       msg(b, "pack.item_risk_report"), err)
		       ? -1
		       : 0;
}

/*
 * The Statement of Applicability: the newest approved version, else the
 * working copy, and the title says which.
 */
static int add_soa(struct build *b, struct error *err)
{
	struct soa_version *versions, v, *vp = NULL;
	struct soa_entry *entries;
	const char *title, *src;
	struct report *r;
	int64_t *risks = NULL;
	size_t vcount, count;
	int started, found;

	if (repo_soa_versions(b->rq->store, &b->item, b->rq->org, &versions,
			      &vcount, err))
		return -1;
	if (vcount) {
		found = repo_soa_version_get(b->rq->store, &b->item, b->rq->org,
					     versions[0].no, &v, &entries,
					     &count, err);
		if (found <= 0)
			return found < 0
				       ? -1
				       : error_set(err, ERROR_CONFLICT,
						   "pack.changed", "soa", NULL);
		vp = &v;
		title = msgf(b, "pack.soa_approved", num(&b->item, v.no), NULL);
	} else {
		if (soaview_entries(b->rq->store, &b->item, b->rq->cat,
				    b->rq->org, &entries, &count, &started,
				    err))
			return -1;
		if (!started) {
			add_absent(b, "soa", msg(b, "pack.item_soa"),
				   "pack.absent_soa_not_started");
			return 0;
		}
		if (soaview_risk_counts(b->rq->store, &b->item, b->rq->cat,
					b->rq->org, &risks, err))
			return -1;
		title = msg(b, "pack.soa_working");
	}
	if (docreport_soa(&b->env, vp, entries, count, risks, &r, err) ||
	    add_report(b, r, REPORT_FORMAT_PDF,
		       "registers/statement-of-applicability.pdf", "soa", title,
		       err))
		return -1;
	src = part_path(b, "xlsx");
	if (soaview_xlsx(b->rq->cat, b->rq->msgs, b->rq->lang, entries, count,
			 risks, &b->item, src, err))
		return -1;
	return add_file(b, src, "registers/statement-of-applicability.xlsx",
			"soa", title, err);
}

/* The levelled checklist: the status of every item. */
static int add_checklist(struct build *b, struct error *err)
{
	struct checklist_view v;
	struct table t;
	const char *src;

	if (checklistview_load(b->rq->store, &b->item, b->rq->cat, b->rq->org,
			       &v, err))
		return -1;
	checklistview_export_table(&v, b->rq->msgs, b->rq->lang,
				   CHECKLIST_EXPORT_STATUS, &b->item, &t);
	src = part_path(b, "xlsx");
	if (checklistview_export_xlsx(
		    &t,
		    checklistview_export_sheet(b->rq->msgs, b->rq->lang,
					       CHECKLIST_EXPORT_STATUS),
		    src, err))
		return -1;
	return add_file(b, src, "registers/checklist-status.xlsx", "checklist",
			msg(b, "pack.item_checklist"), err);
}

static const char *answer_text(struct build *b, int value)
{
	const struct catalog *cat = b->rq->cat;
	size_t i;

	for (i = 0; i < cat->answer_count; i++)
		if (cat->answers[i].value == value)
			return text_get(&cat->answers[i].label, b->rq->lang);
	return msg(b, "pack.diagnosis_unanswered");
}

/*
 * The self-diagnosis: each unit's latest completed run with its total
 * and band, then the organisation's combined answers item by item.
 */
static int add_diagnosis(struct build *b, struct error *err)
{
	static const struct report_column run_cols[] = {
		{ "unit", NULL, 0.30, REPORT_LEFT },
		{ "completed", NULL, 0.20, REPORT_LEFT },
		{ "total", NULL, 0.15, REPORT_RIGHT },
		{ "band", NULL, 0.35, REPORT_LEFT },
	};
	static const struct report_column item_cols[] = {
		{ "item", NULL, 0.08, REPORT_RIGHT },
		{ "question", NULL, 0.67, REPORT_LEFT },
		{ "answer", NULL, 0.25, REPORT_LEFT },
	};
	const struct catalog *cat = b->rq->cat;
	struct report_column rc[4], ic[3];
	struct diagnosis_run *runs;
	struct report_table *t;
	struct report *r;
	int answers[DIAGNOSIS_ITEMS];
	size_t count, units, i, j;

	if (repo_run_list(b->rq->store, &b->item, b->rq->org, 1000, &runs,
			  &count, err) ||
	    repo_run_latest_combined(b->rq->store, &b->item, b->rq->org,
				     answers, &units, err))
		return -1;
	if (!units) {
		add_absent(b, "diagnosis", msg(b, "pack.item_diagnosis"),
			   "pack.absent_no_diagnosis");
		return 0;
	}
	memcpy(rc, run_cols, sizeof(rc));
	rc[0].header = msg(b, "diagnosis.unit");
	rc[1].header = msg(b, "pack.diagnosis_completed");
	rc[2].header = msg(b, "diagnosis.total");
	rc[3].header = msg(b, "pack.diagnosis_band");
	memcpy(ic, item_cols, sizeof(ic));
	ic[0].header = msg(b, "pack.diagnosis_item");
	ic[1].header = msg(b, "pack.diagnosis_question");
	ic[2].header = msg(b, "pack.diagnosis_answer");
	r = start(b, msg(b, "pack.item_diagnosis"));
	report_set_font(r, REPORT_SANS);
	report_set_classification(r, label_text(b, "internal"));
	report_heading(r, 1, msg(b, "pack.diagnosis_runs"));
	t = report_table(r, msg(b, "pack.diagnosis_runs"), rc, 4, 0);
	/* Runs come newest first: the first completed one of a unit is its
	 * latest. */
	for (i = 0; i < count; i++) {
		struct diagnosis_score s;
		const struct diagnosis_band *band;

		if (!runs[i].completed_at)
			continue;
		for (j = 0; j < i; j++)
			if (runs[j].completed_at &&
			    !strcmp(runs[j].unit, runs[i].unit))
				break;
		if (j < i)
			continue;
		if (diagnosis_score(runs[i].answers, cat->parts,
				    cat->part_count, &s))
			BUG("the catalogue's parts do not cover the items");
		band = diagnosis_band_of(cat->bands, cat->band_count, s.total);
		report_cell_text(
			t, *runs[i].unit ? runs[i].unit
					 : msg(b, "diagnosis.whole_company"));
		report_cell_date(t, day(b, runs[i].completed_at, 1));
		report_cell_number(t, s.total, NULL);
		report_cell_text(t, band ? text_get(&band->label, b->rq->lang)
					 : "");
	}
	report_heading(r, 1, msg(b, "pack.diagnosis_combined"));
	t = report_table(r, msg(b, "pack.diagnosis_combined"), ic, 3, 0);
	for (i = 0; i < cat->diagnosis_count; i++) {
		const struct diagnosis_item *it = &cat->diagnosis[i];

		report_cell_number(t, it->no, NULL);
		report_cell_text(t, text_get(&it->question, b->rq->lang));
		report_cell_text(t, answer_text(b, answers[it->no - 1]));
	}
	return add_report(b, r, REPORT_FORMAT_PDF,
			  "registers/self-diagnosis.pdf", "diagnosis",
			  msg(b, "pack.item_diagnosis"), err) ||
			       add_report(b, r, REPORT_FORMAT_XLSX,
					  "registers/self-diagnosis.xlsx",
					  "diagnosis",
					  msg(b, "pack.item_diagnosis"), err)
		       ? -1
		       : 0;
}

/*
 * The audit trail of the last AUDIT_DAYS days, newest first, read a page
 * at a time so a long trail never sits in memory whole.
 */
static int add_audit(struct build *b, struct error *err)
{
	static const char *const keys[] = {
		"pack.audit_seq",    "audit.when",	 "audit.actor",
		"audit.client",	     "audit.action",	 "audit.target",
		"pack.audit_before", "pack.audit_after", "pack.audit_hash",
	};
	static const double widths[] = { 8, 20, 28, 16, 22, 20, 40, 40, 66 };
	struct xlsx_column cols[ARRAY_SIZE(keys)];
	struct audit_filter f;
	struct xlsx_writer *w;
	struct arena page;
	const char *src;
	size_t offset = 0, i;
	int64_t total = 0;
	int rc = 0;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		cols[i].header = msg(b, keys[i]);
		cols[i].numeric = i == 0;
		cols[i].width = widths[i];
	}
	memset(&f, 0, sizeof(f));
	f.from = b->rq->now - (int64_t)AUDIT_DAYS * 86400;
	src = part_path(b, "xlsx");
	if (xlsx_writer_open(src, msg(b, "pack.audit_sheet"), cols,
			     ARRAY_SIZE(keys), XLSX_CONSTANT_MEMORY, &w, err))
		return -1;
	arena_init(&page, 0);
	do {
		struct audit_event *rows;
		size_t count;

		if (repo_audit_list(b->rq->store, &page, b->rq->org, &f,
				    AUDIT_PAGE, offset, &rows, &count, &total,
				    err)) {
			rc = -1;
			break;
		}
		for (i = 0; i < count; i++) {
			char when[32];
			time_t tt = (time_t)rows[i].at;
			struct tm tm;
			const char *cells[ARRAY_SIZE(keys)];

			localtime_r(&tt, &tm);
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
			cells[0] = num(&page, (long long)rows[i].seq);
			cells[1] = when;
			cells[2] = rows[i].actor;
			cells[3] = rows[i].client;
			cells[4] = rows[i].action;
			cells[5] = rows[i].target;
			cells[6] = rows[i].before;
			cells[7] = rows[i].after;
			cells[8] = rows[i].hash;
			xlsx_writer_add_row(w, cells);
		}
		offset += count;
		arena_release(&page);
		arena_init(&page, 0);
		if (!count)
			break;
	} while ((int64_t)offset < total);
	arena_release(&page);
	if (xlsx_writer_close(w, rc ? NULL : err) || rc)
		return -1;
	return add_file(b, src, "registers/audit-trail.xlsx", "audit_trail",
			msgf(b, "pack.item_audit",
			     num(&b->item, AUDIT_DAYS / 30), NULL),
			err);
}

static const struct step {
	const char *what; /* message key of what is being drawn */
	int (*run)(struct build *b, struct error *err);
} steps[] = {
	{ "policy.title", add_policy },
	{ "handbook.title", add_handbook },
	{ "pack.item_documents", add_documents },
	{ "pack.item_assets", add_assets },
	{ "pack.item_risk_report", add_risk },
	{ "pack.item_soa", add_soa },
	{ "pack.item_checklist", add_checklist },
	{ "pack.item_diagnosis", add_diagnosis },
	{ "pack.item_audit_short", add_audit },
};

/* ---- manifest, archive, event ---------------------------------------- */

/* manifest.txt: what the pack holds, for a person, in its language. */
static int write_index(struct build *b, const struct pack_manifest *m,
		       const char *path, struct error *err)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f;
	size_t i;
	int rc = -1;

	strbuf_addf(&sb, "%s\n\n", msg(b, "pack.index_title"));
	strbuf_addf(&sb, "%s: %s\n", msg(b, "report.organisation"),
		    m->org_name);
	strbuf_addf(&sb, "%s: %s\n", msg(b, "pack.index_created"),
		    m->created_at);
	strbuf_addf(&sb, "%s: %s / %s %d / %s %" PRId64 "\n\n",
		    msg(b, "pack.index_program"), m->program,
		    msg(b, "pack.index_schema"), m->schema,
		    msg(b, "pack.index_data_version"), m->data_version);
	strbuf_addf(&sb, "%s\n",
		    msgf(b, "pack.index_files",
			 num(&b->item, (long long)b->count), NULL));
	for (i = 0; i < b->count; i++)
		strbuf_addf(&sb,
			    "  %s\n    %s\n    %" PRIu64 " %s, SHA-256 %s\n",
			    b->files[i].path, b->files[i].title,
			    b->files[i].size, msg(b, "pack.index_bytes"),
			    b->files[i].sha256);
	if (b->absent_count) {
		strbuf_addf(&sb, "\n%s\n",
			    msgf(b, "pack.index_absent",
				 num(&b->item, (long long)b->absent_count),
				 NULL));
		for (i = 0; i < b->absent_count; i++)
			strbuf_addf(&sb, "  %s: %s\n", b->absent[i].title,
				    b->absent[i].reason_text);
	}
	strbuf_addf(&sb, "\n%s\n", msg(b, "pack.index_verify"));
	f = fopen(path, "wb");
	if (!f) {
		error_set(err, ERROR_INTERNAL, "pack.write_failed", path,
			  strerror(errno), NULL);
		goto out;
	}
	if (fwrite(sb.buf, 1, sb.len, f) != sb.len) {
		error_set(err, ERROR_INTERNAL, "pack.write_failed", path,
			  strerror(errno), NULL);
		fclose(f);
		goto out;
	}
	if (fclose(f)) {
		error_set(err, ERROR_INTERNAL, "pack.write_failed", path,
			  strerror(errno), NULL);
		goto out;
	}
	rc = 0;
out:
	strbuf_release(&sb);
	return rc;
}

static void tell(struct build *b, const char *what)
{
	if (b->rq->progress)
		b->rq->progress(b->rq->arg, b->step, b->steps, what);
}

/* The archive's writing is the last step, reported in hundredths. */
static void zip_progress(void *arg, double done)
{
	struct build *b = arg;

	if (b->rq->progress)
		b->rq->progress(b->rq->arg,
				(b->steps - 100) + (size_t)(done * 100.0),
				b->steps, msg(b, "pack.writing"));
}

/* Removes the parts folder and what is in it. */
static void remove_parts(struct build *b)
{
	unsigned i;

	if (!b->dir)
		return;
	for (i = 0; i < b->seq; i++)
		unlink(arena_printf(&b->arena, "%s/%04u.%s", b->dir, i, "pdf"));
	for (i = 0; i < b->seq; i++)
		unlink(arena_printf(&b->arena, "%s/%04u.%s", b->dir, i,
				    "xlsx"));
	for (i = 0; i < b->seq; i++)
		unlink(arena_printf(&b->arena, "%s/%04u.%s", b->dir, i, "txt"));
	rmdir(b->dir);
}

/* Syncs the finished archive and hashes it. */
static int seal_archive(struct build *b, const char *tmp,
			struct docpack_result *res, struct error *err)
{
	struct pack_file whole;
	int fd = open(tmp, O_RDONLY);

	if (fd < 0 || fsync(fd)) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		return error_set(err, ERROR_INTERNAL, "pack.write_failed",
				 b->rq->output, strerror(e), NULL);
	}
	close(fd);
	memset(&whole, 0, sizeof(whole));
	if (pack_hash_file(&sha256_hasher, tmp, &whole, err))
		return -1;
	res->size = whole.size;
	memcpy(res->sha256, whole.sha256, sizeof(res->sha256));
	return 0;
}

/* The event that records the pack, in a transaction of its own. */
static int record(struct build *b, const struct docpack_result *res,
		  struct error *err)
{
	const struct docpack_request *rq = b->rq;
	struct audit_event ev;
	const char *base = strrchr(rq->output, '/');

	memset(&ev, 0, sizeof(ev));
	ev.org_id = rq->org;
	/* When the pack was finished, which a big one is well after now. */
	ev.at = (int64_t)time(NULL);
	ev.account_id = rq->account_id;
	ev.actor = rq->actor;
	ev.client = rq->client;
	ev.action = "export.pack";
	ev.target = arena_printf(&b->arena, "pack:%s",
				 base ? base + 1 : rq->output);
	ev.before = "";
	ev.after = arena_printf(&b->arena,
				"sha256: %s\nsize: %" PRIu64
				"\nfiles: %zu\nabsent: %zu",
				res->sha256, res->size, res->files,
				res->absent);
	if (store_begin(rq->store, err))
		return -1;
	if (repo_audit_append(rq->store, &ev, sha256_bytes, err) ||
	    store_commit(rq->store, err)) {
		store_rollback(rq->store);
		return -1;
	}
	return 0;
}

/* The facts the manifest opens with. */
static int manifest_head(struct build *b, struct pack_manifest *m,
			 struct error *err)
{
	struct audit_filter f;
	struct audit_event *rows;
	size_t count;
	int64_t total;
	time_t tt = (time_t)b->rq->now;
	struct tm tm;
	char *at = arena_alloc(&b->arena, 32);

	memset(m, 0, sizeof(*m));
	gmtime_r(&tt, &tm);
	strftime(at, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	m->org_id = b->rq->org;
	m->org_name = b->rq->org_name;
	m->created_at = at;
	m->program = "mamori " MAMORI_VERSION;
	m->language = b->rq->lang == LANG_JA ? "ja" : "en";
	memset(&f, 0, sizeof(f));
	if (store_schema_version(b->rq->store, &m->schema, err) ||
	    repo_audit_list(b->rq->store, &b->arena, b->rq->org, &f, 1, 0,
			    &rows, &count, &total, err))
		return -1;
	/* The data the pack was drawn from: the newest event's number. */
	m->data_version = count ? rows[0].seq : 0;
	return 0;
}

int docpack_build(const struct docpack_request *rq, struct docpack_result *res,
		  struct error *err)
{
	struct build b;
	struct pack_manifest m;
	struct strbuf json = STRBUF_INIT;
	struct pack_file *all = NULL;
	char *tmp = NULL;
	const char *index;
	size_t i;
	int fd, rc = -1;

	memset(&b, 0, sizeof(b));
	memset(res, 0, sizeof(*res));
	b.rq = rq;
	arena_init(&b.arena, 0);
	arena_init(&b.item, 0);
	/* Steps count in hundredths so the archive's writing can move the
	 * bar too; it weighs as much as one item. */
	b.steps = (ARRAY_SIZE(steps) + 1) * 100;
	b.dir = arena_printf(&b.arena, "%s.parts-XXXXXX", rq->output);
	if (!mkdtemp(b.dir)) {
		error_set(err, ERROR_INTERNAL, "pack.write_failed", rq->output,
			  strerror(errno), NULL);
		b.dir = NULL;
		goto out;
	}
	if (manifest_head(&b, &m, err))
		goto out;
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		b.step = i * 100;
		tell(&b, msg(&b, steps[i].what));
		memset(&b.env, 0, sizeof(b.env));
		b.env.arena = &b.item;
		b.env.cat = rq->cat;
		b.env.msgs = rq->msgs;
		b.env.lang = rq->lang;
		b.env.store = rq->store;
		b.env.org = rq->org;
		b.env.org_name = rq->org_name;
		b.env.now = rq->now;
		if (steps[i].run(&b, err))
			goto out;
		/* The item's rows and reports are done with: memory stays
		 * that of the biggest item, not of all of them. */
		arena_release(&b.item);
		arena_init(&b.item, 0);
	}
	b.step = ARRAY_SIZE(steps) * 100;
	tell(&b, msg(&b, "pack.writing"));
	m.files = b.files;
	m.file_count = b.count;
	m.absent = b.absent;
	m.absent_count = b.absent_count;
	index = part_path(&b, "txt");
	if (write_index(&b, &m, index, err))
		goto out;
	/* manifest.txt comes first, right after manifest.json. */
	all = xcalloc(b.count + 1, sizeof(*all));
	memset(&all[0], 0, sizeof(all[0]));
	all[0].source = index;
	all[0].path = "manifest.txt";
	all[0].item = "index";
	all[0].title = msg(&b, "pack.index_title");
	if (pack_hash_file(&sha256_hasher, index, &all[0], err))
		goto out;
	for (i = 0; i < b.count; i++)
		all[i + 1] = b.files[i];
	m.files = all;
	m.file_count = b.count + 1;
	pack_manifest_json(&m, &json);
	tmp = arena_printf(&b.arena, "%s.tmp-XXXXXX", rq->output);
	fd = mkstemp(tmp);
	if (fd < 0) {
		error_set(err, ERROR_INTERNAL, "pack.write_failed", rq->output,
			  strerror(errno), NULL);
		tmp = NULL;
		goto out;
	}
	close(fd);
	if (pack_write_zip(tmp, json.buf, json.len, all, b.count + 1, rq->now,
			   zip_progress, &b, err))
		goto out;
	res->files = b.count + 1;
	res->absent = b.absent_count;
	/* The trail records the finished file before it is put in place:
	 * a pack the trail does not know of is never handed out. */
	if (seal_archive(&b, tmp, res, err) || record(&b, res, err))
		goto out;
	if (rename(tmp, rq->output)) {
		error_set(err, ERROR_INTERNAL, "pack.write_failed", rq->output,
			  strerror(errno), NULL);
		goto out;
	}
	tmp = NULL;
	b.step = b.steps;
	tell(&b, msg(&b, "pack.writing"));
	rc = 0;
out:
	if (tmp)
		unlink(tmp);
	remove_parts(&b);
	strbuf_release(&json);
	free(all);
	free(b.files);
	free(b.absent);
	arena_release(&b.item);
	arena_release(&b.arena);
	return rc;
}
