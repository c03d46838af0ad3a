/*
 * page_asset_io.c: the register to and from files: export as CSV or an
 * Excel workbook, in the IPA ledger's layout or mamori's full one; import
 * of an uploaded file, previewed with every problem (row, column, value,
 * why) before anything is written, then written as a whole by a job whose
 * progress the page shows.
 */
#include "util/compat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "core/ledger.h"
#include "export/table.h"
#include "export/xlsx.h"
#include "import/table.h"
#include "store/repo_asset.h"
#include "store/repo_import.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/crypto.h"
#include "web/html.h"
#include "web/import_job.h"
#include "web/layout.h"
#include "web/ledger_io.h"
#include "web/page.h"
#include "web/request.h"
#include "web/riskview.h"
#include "web/server.h"
#include "web/session.h"

/* Rows shown in a preview; the rest are counted. */
enum { PREVIEW_ROWS = 50, XLSX_BIG = 10000, BATCH_KEPT = 24 * 3600 };

static int64_t org_of(const struct ctx *ctx)
{
	return ctx->req->session->rec.org_id;
}

/* ---- export ---- */

static int read_layout(struct ctx *ctx, enum ledger_layout *layout)
{
	const char *v = request_query(ctx->req, "layout");

	*layout = LEDGER_FULL;
	if (!v || !*v)
		return 0;
	if (ledger_layout_parse(v, layout) || *layout == LEDGER_AUTO) {
		page_error(ctx, 400, "http.bad_filter");
		return -1;
	}
	return 0;
}

struct export_state {
	const struct ledger_context *lc;
	enum ledger_layout layout;
	struct strbuf *out;	  /* CSV */
	struct xlsx_writer *xlsx; /* or a workbook */
	struct ledger_cells cells;
	/* The workbook's: the request, its columns, and whether the
	 * register is big enough to stream in constant memory. */
	struct ctx *ctx;
	const struct xlsx_column *cols;
	size_t ncols;
	int big;
};

static int export_row(void *p, const struct asset *a)
{
	struct export_state *st = p;

	ledger_row(st->lc, st->layout, a, &st->cells);
	if (st->xlsx)
		xlsx_writer_add_row(st->xlsx, st->cells.cells);
	else
		table_csv_row(st->cells.cells, st->cells.count, st->out);
	return 0;
}

/* The register's context for writing, in the reader's language. */
static int export_context(struct ctx *ctx, struct ledger_context *lc,
			  struct error *err)
{
	struct method_view mv;
	const char **own;
	size_t own_count;

	if (riskview_method(ctx, &mv, err) ||
	    repo_label_list(ctx->store, &ctx->req->arena, org_of(ctx), &own,
			    &own_count, err))
		return -1;
	ledger_io_context(lc, ctx->app->cat, ctx->app->msgs, mv.def, own,
			  own_count, page_today(ctx), ctx->req->lang);
	return 0;
}

static void attachment(struct ctx *ctx, const char *ext)
{
	/* An ASCII name for old clients, the Japanese one for the rest. */
	response_header(
		ctx->resp, "Content-Disposition",
		arena_printf(&ctx->req->arena,
			     "attachment; filename=\"assets.%s\"; "
			     "filename*=UTF-8''%%E6%%83%%85%%E5%%A0%%B1%%E8%%B3"
			     "%%87%%E7%%94%%A3%%E7%%AE%%A1%%E7%%90%%86%%E5%%8F"
			     "%%B0%%E5%%B8%%B3.%s",
			     ext, ext));
}

void page_asset_export_csv(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct ledger_context lc;
	struct export_state st;
	struct ledger_cells header;
	struct asset_query q;

	memset(&st, 0, sizeof(st));
	if (read_layout(ctx, &st.layout))
		return;
	if (export_context(ctx, &lc, &err)) {
		page_fail(ctx, &err);
		return;
	}
	st.lc = &lc;
	st.out = &ctx->resp->body;
	memset(&q, 0, sizeof(q));
	q.importance = IMPORTANCE_ANY;
	/* The BOM makes Excel read the file as UTF-8, not Shift_JIS. */
	strbuf_addstr(st.out, "\xef\xbb\xbf");
	ledger_header(st.layout, ctx->req->lang, &header);
	table_csv_row(header.cells, header.count, st.out);
	if (repo_asset_each(ctx->store, org_of(ctx), &q, export_row, &st,
			    &err) < 0) {
		page_fail(ctx, &err);
		return;
	}
	ctx->resp->content_type = "text/csv; charset=utf-8";
	attachment(ctx, "csv");
}

/* The register as a workbook at path, row by row from the store. */
static int write_assets_xlsx(const char *path, void *arg, struct error *err)
{
	struct export_state *st = arg;
	struct ctx *ctx = st->ctx;
	struct asset_query q;
	int rc;

	memset(&q, 0, sizeof(q));
	q.importance = IMPORTANCE_ANY;
	rc = xlsx_writer_open(path, t(ctx, "ledger.sheet"), st->cols, st->ncols,
			      st->big ? XLSX_CONSTANT_MEMORY : 0, &st->xlsx,
			      err);
	if (!rc) {
		rc = repo_asset_each(ctx->store, org_of(ctx), &q, export_row,
				     st, err) < 0;
		if (xlsx_writer_close(st->xlsx, rc ? NULL : err))
			rc = -1;
	}
	return rc ? -1 : 0;
}

void page_asset_export_xlsx(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct xlsx_column cols[LEDGER_FIELD_COUNT];
	const enum ledger_field *fields;
	struct ledger_context lc;
	struct export_state st;
	struct ledger_cells header;
	int64_t assets = 0;
	size_t count, i;

	memset(&st, 0, sizeof(st));
	if (read_layout(ctx, &st.layout))
		return;
	if (export_context(ctx, &lc, &err) ||
	    repo_asset_count(ctx->store, org_of(ctx), &assets, &err)) {
		page_fail(ctx, &err);
		return;
	}
	st.lc = &lc;
	count = ledger_fields(st.layout, &fields);
	ledger_header(st.layout, ctx->req->lang, &header);
	for (i = 0; i < count; i++) {
		const struct ledger_column *c = ledger_column(fields[i]);

		cols[i].header = header.cells[i];
		cols[i].numeric = c->numeric;
		cols[i].width = c->width;
	}
	st.ctx = ctx;
	st.cols = cols;
	st.ncols = count;
	st.big = assets > XLSX_BIG;
	if (page_send_xlsx(ctx, write_assets_xlsx, &st))
		return;
	attachment(ctx, "xlsx");
}

/* ---- import ---- */

static void upload_form(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	static const char *const layouts[] = { "auto", "ipa", "full" };
	size_t i;

	html_lit(o, "<form method=\"post\" action=\"/assets/import\" "
		    "enctype=\"multipart/form-data\" class=\"stack narrow\">");
	page_csrf_field(ctx);
	html_lit(o, "<label for=\"f-file\">");
	page_t(ctx, "import_page.file");
	html_lit(o, "</label><input type=\"file\" id=\"f-file\" name=\"file\" "
		    "required accept=\".csv,.txt,.xlsx,text/csv,application/"
		    "vnd.openxmlformats-officedocument.spreadsheetml.sheet\">"
		    "<label for=\"f-layout\">");
	page_t(ctx, "import_page.layout");
	html_lit(o, "</label><select id=\"f-layout\" name=\"layout\">");
	for (i = 0; i < ARRAY_SIZE(layouts); i++)
		html_option(o, layouts[i],
			    t(ctx, arena_printf(&ctx->req->arena,
						"import_page.layout_%s",
						layouts[i])),
			    i == 0);
	html_lit(o, "</select><label for=\"f-sheet\">");
	page_t(ctx, "import_page.sheet");
	html_lit(o,
		 "</label><input id=\"f-sheet\" name=\"sheet\" placeholder=\"");
	page_t(ctx, "import_page.sheet_hint");
	html_lit(o, "\"><button type=\"submit\" class=\"primary\">");
	page_t(ctx, "import_page.check");
	html_lit(o, "</button></form>");
}

void page_asset_import(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;

	layout_begin(ctx, t(ctx, "import_page.title"), NAV_ASSETS);
	html_lit(o, "<p><a href=\"/assets\">");
	page_t(ctx, "asset.back");
	html_lit(o, "</a></p><p class=\"lead\">");
	page_t(ctx, "import_page.lead");
	html_lit(o, "</p><ul class=\"small\"><li>");
	page_t(ctx, "import_page.hint_formats");
	html_lit(o, "</li><li>");
	page_t(ctx, "import_page.hint_layouts");
	html_lit(o, "</li><li>");
	page_t(ctx, "import_page.hint_nothing");
	html_lit(o, "</li></ul>");
	upload_form(ctx);
	layout_end(ctx);
}

/* Problems in row order; within a row, in the order they were found. */
static int by_row(const void *pa, const void *pb)
{
	const struct ledger_problem *a = pa, *b = pb;

	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void problems_table(struct ctx *ctx, struct ledger_problems *p)
{
	struct strbuf *o = &ctx->resp->body;
	struct strbuf msg = STRBUF_INIT;
	size_t i;

	qsort(p->v, p->count, sizeof(*p->v), by_row);
	html_lit(o, "<p class=\"error\" role=\"alert\">");
	html_text(o, t1(ctx, "import_page.problems",
			arena_printf(&ctx->req->arena, "%zu",
				     p->count + p->more)));
	html_lit(o, "</p><div class=\"scroll\"><table class=\"list\"><thead>"
		    "<tr><th scope=\"col\">");
	page_t(ctx, "import_page.row");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "import_page.column");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "import_page.value");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "import_page.why");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < p->count; i++) {
		const struct ledger_problem *pr = &p->v[i];
		struct error e = ERROR_INIT;
		const char *a[ERROR_ARGS_MAX] = { NULL };
		int k;

		for (k = 0; k < pr->argc && k < ERROR_ARGS_MAX; k++)
			a[k] = pr->args[k];
		error_set(&e, ERROR_INPUT, pr->key, a[0], a[1], a[2], a[3],
			  NULL);
		strbuf_reset(&msg);
		i18n_error_text(ctx, &e, &msg);
		html_lit(o, "<tr><td class=\"num\">");
		html_long(o, (long)pr->row);
		html_lit(o, "</td><td>");
		html_text(o, pr->column ? pr->column : "");
		html_lit(o, "</td><td>");
		html_text(o, pr->value ? pr->value : "");
		html_lit(o, "</td><td>");
		html_text(o, msg.buf);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
	if (p->more) {
		html_lit(o, "<p>");
		html_text(o,
			  t1(ctx, "import_page.more",
			     arena_printf(&ctx->req->arena, "%zu", p->more)));
		html_lit(o, "</p>");
	}
	strbuf_release(&msg);
}

/* What was read: the format, the sheet, the header's row, the layout. */
static void reading(struct ctx *ctx, const struct ledger_import *li,
		    const char *filename)
{
	struct strbuf *o = &ctx->resp->body;
	const struct import_table *t = li->table;

	html_lit(o, "<dl class=\"facts\"><dt>");
	page_t(ctx, "import_page.file");
	html_lit(o, "</dt><dd>");
	html_text(o, filename);
	html_lit(o, "</dd><dt>");
	page_t(ctx, "import_page.format");
	html_lit(o, "</dt><dd>");
	if (t->format == IMPORT_XLSX) {
		html_lit(o, "Excel (");
		html_text(o, t->sheet ? t->sheet : "");
		html_lit(o, ")");
	} else {
		html_lit(o, "CSV · ");
		page_t(ctx, t->charset == IMPORT_SHIFT_JIS
				    ? "import_page.sjis"
				    : "import_page.utf8");
	}
	html_lit(o, "</dd><dt>");
	page_t(ctx, "import_page.layout");
	html_lit(o, "</dt><dd>");
	page_t(ctx, arena_printf(&ctx->req->arena, "import_page.layout_%s",
				 ledger_layout_name(li->map.layout)));
	html_lit(o, " · ");
	html_text(o, t1(ctx, "import_page.header_row",
			arena_printf(&ctx->req->arena, "%zu",
				     t->rows[li->map.header_row].row_no)));
	html_lit(o, "</dd><dt>");
	page_t(ctx, "risk.method");
	html_lit(o, "</dt><dd>");
	page_t(ctx, arena_printf(&ctx->req->arena, "risk.method_%s",
				 risk_method_name(li->def->method)));
	html_lit(o, "</dd></dl>");
}

/* The first rows as they will be registered. */
static void preview_rows(struct ctx *ctx, const struct ledger_import *li)
{
	struct strbuf *o = &ctx->resp->body;
	size_t i, n = li->rows.count < PREVIEW_ROWS ? li->rows.count
						    : PREVIEW_ROWS;

	html_lit(o, "<div class=\"scroll\"><table class=\"list\"><thead><tr>"
		    "<th scope=\"col\">");
	page_t(ctx, "import_page.row");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "asset.category");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "asset.name");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "asset.medium");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "asset.department");
	html_lit(o, "</th><th scope=\"col\">C I A</th><th scope=\"col\">");
	page_t(ctx, "asset.importance");
	html_lit(o, "</th><th scope=\"col\">");
	page_t(ctx, "asset.registered_on");
	html_lit(o, "</th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct asset *a = &li->rows.assets[i];

		html_lit(o, "<tr><td class=\"num\">");
		html_long(o, (long)li->rows.row_no[i]);
		html_lit(o, "</td><td>");
		html_text(o, a->category);
		html_lit(o, "</td><td>");
		html_text(o, a->name);
		html_lit(o, "</td><td>");
		html_text(o, riskview_medium(ctx, a->medium));
		html_lit(o, "</td><td>");
		html_text(o, a->department);
		html_lit(o, "</td><td class=\"cia\">");
		html_text(o, riskview_value(ctx, a->c));
		html_lit(o, " ");
		html_text(o, riskview_value(ctx, a->i));
		html_lit(o, " ");
		html_text(o, riskview_value(ctx, a->a));
		html_lit(o, "</td><td class=\"num\">");
		html_text(o, riskview_value(ctx,
					    risk_importance(a->c, a->i, a->a)));
		html_lit(o, "</td><td>");
		html_text(o, a->registered_on);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
}

/* The preview of a clean file, and the button that imports it. */
static void preview(struct ctx *ctx, const struct ledger_import *li,
		    const struct import_batch *b)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<p class=\"notice ok\">");
	html_text(o, t1(ctx, "import_page.ready",
			arena_printf(&ctx->req->arena, "%zu", li->rows.count)));
	html_lit(o, "</p>");
	preview_rows(ctx, li);
	if (li->rows.count > PREVIEW_ROWS) {
		html_lit(o, "<p class=\"small\">");
		html_text(o, t1(ctx, "import_page.shown",
				arena_printf(&ctx->req->arena, "%d",
					     PREVIEW_ROWS)));
		html_lit(o, "</p>");
	}
	html_lit(o, "<form method=\"post\" action=\"/assets/import/");
	html_long(o, (long)b->id);
	html_lit(o, "\" class=\"inline\">");
	page_csrf_field(ctx);
	html_lit(o, "<button type=\"submit\" class=\"primary\">");
	html_text(o, t1(ctx, "import_page.do",
			arena_printf(&ctx->req->arena, "%zu", li->rows.count)));
	html_lit(o, "</button></form> <a href=\"/assets/import\">");
	page_t(ctx, "import_page.other_file");
	html_lit(o, "</a>");
}

static void refused_file(struct ctx *ctx, const struct error *err)
{
	struct strbuf *o = &ctx->resp->body;
	struct strbuf msg = STRBUF_INIT;

	i18n_error_text(ctx, err, &msg);
	ctx->resp->status = 400;
	layout_begin(ctx, t(ctx, "import_page.title"), NAV_ASSETS);
	html_lit(o, "<p class=\"error\" role=\"alert\">");
	html_text(o, msg.buf);
	html_lit(o, "</p>");
	upload_form(ctx);
	layout_end(ctx);
	strbuf_release(&msg);
}

void page_asset_import_check(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	const struct upload *u = ctx->req->upload;
	const char *layout_s = request_form(ctx->req, "layout");
	const char *sheet = request_form(ctx->req, "sheet");
	enum ledger_layout layout = LEDGER_AUTO;
	struct ledger_import li;
	struct import_batch b;
	struct strbuf data = STRBUF_INIT;

	if (!u || !u->len) {
		error_set(&err, ERROR_INPUT, "import_page.no_file", NULL);
		refused_file(ctx, &err);
		return;
	}
	if (layout_s && *layout_s && ledger_layout_parse(layout_s, &layout)) {
		error_set(&err, ERROR_INPUT, "input.bad_choice",
			  "import_page.layout", layout_s, NULL);
		refused_file(ctx, &err);
		return;
	}
	if (ledger_import_prepare(&li, ctx->store, ctx->app->cat,
				  ctx->app->msgs, org_of(ctx), u->data, u->len,
				  sheet && *sheet ? sheet : NULL, layout,
				  page_today(ctx), ctx->req->lang, &err)) {
		ledger_import_release(&li);
		if (err.code == ERROR_INPUT)
			refused_file(ctx, &err);
		else
			page_fail(ctx, &err);
		return;
	}
	if (!li.problems.count && !li.rows.count) {
		ledger_import_release(&li);
		error_set(&err, ERROR_INPUT, "ledger.no_rows", NULL);
		refused_file(ctx, &err);
		return;
	}
	if (li.problems.count) {
		/* Nothing is kept of a file with problems. */
		ctx->resp->status = 400;
		layout_begin(ctx, t(ctx, "import_page.title"), NAV_ASSETS);
		reading(ctx, &li, u->filename);
		problems_table(ctx, &li.problems);
		html_lit(o, "<h2>");
		page_t(ctx, "import_page.again");
		html_lit(o, "</h2>");
		upload_form(ctx);
		layout_end(ctx);
		ledger_import_release(&li);
		return;
	}
	memset(&b, 0, sizeof(b));
	base64_encode(u->data, u->len, &data);
	b.account_id = ctx->req->session->rec.account_id;
	b.created_at = ctx->req->now;
	b.filename = u->filename;
	b.layout = ledger_layout_name(layout);
	b.sheet = sheet ? sheet : "";
	b.data = data.buf;
	b.rows = (int64_t)li.rows.count;
	if (store_begin(ctx->store, &err) ||
	    repo_import_create(ctx->store, org_of(ctx), &b,
			       ctx->req->now - BATCH_KEPT, &err) ||
	    store_commit(ctx->store, &err)) {
		store_rollback(ctx->store);
		strbuf_release(&data);
		ledger_import_release(&li);
		page_fail(ctx, &err);
		return;
	}
	strbuf_release(&data);
	layout_begin(ctx, t(ctx, "import_page.title"), NAV_ASSETS);
	reading(ctx, &li, u->filename);
	preview(ctx, &li, &b);
	layout_end(ctx);
	ledger_import_release(&li);
}

static int load_batch(struct ctx *ctx, int with_data, struct import_batch *b)
{
	struct error err = ERROR_INIT;
	int64_t id;
	int found;

	if (page_route_id(ctx, "http.not_found", &id))
		return -1;
	found = repo_import_get(ctx->store, &ctx->req->arena, org_of(ctx), id,
				with_data, b, &err);
	if (found < 0)
		page_fail(ctx, &err);
	else if (!found)
		page_error(ctx, 404, "http.not_found");
	return found == 1 ? 0 : -1;
}

void page_asset_import_run(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct import_owner owner;
	struct import_batch b;
	int claimed;

	if (load_batch(ctx, 0, &b))
		return;
	claimed = repo_import_claim(ctx->store, org_of(ctx), b.id, &err);
	if (claimed < 0) {
		page_fail(ctx, &err);
		return;
	}
	/* A second click finds it running or done and shows just that. */
	if (claimed) {
		owner.org_id = org_of(ctx);
		owner.account_id = ctx->req->session->rec.account_id;
		owner.actor = ctx->req->session->rec.email;
		owner.client = ctx->req->client;
		owner.lang = ctx->req->lang;
		if (import_job_start(ctx->app, b.id, &owner, &err)) {
			struct error e2 = ERROR_INIT;

			repo_import_unclaim(ctx->store, org_of(ctx), b.id, &e2);
			page_fail(ctx, &err);
			return;
		}
	}
	response_redirect(ctx->resp,
			  arena_printf(&ctx->req->arena, "/assets/import/%lld",
				       (long long)b.id));
}

void page_asset_import_show(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct import_batch b;
	size_t done = 0, total = 0;
	int running;

	if (load_batch(ctx, 0, &b))
		return;
	running = !strcmp(b.status, "running") &&
		  import_job_progress(org_of(ctx), b.id, &done, &total);
	if (!strcmp(b.status, "ready")) {
		/* The preview again: read from the file kept. */
		struct ledger_import li;
		struct strbuf data = STRBUF_INIT;
		enum ledger_layout layout;

		if (load_batch(ctx, 1, &b))
			return;
		if (ledger_layout_parse(b.layout, &layout))
			layout = LEDGER_AUTO;
		if (base64_decode(b.data, &data) ||
		    ledger_import_prepare(&li, ctx->store, ctx->app->cat,
					  ctx->app->msgs, org_of(ctx), data.buf,
					  data.len, *b.sheet ? b.sheet : NULL,
					  layout, page_today(ctx),
					  ctx->req->lang, &err)) {
			ledger_import_release(&li);
			strbuf_release(&data);
			if (!err.key[0])
				error_set(&err, ERROR_INTERNAL,
					  "import.damaged", NULL);
			page_fail(ctx, &err);
			return;
		}
		layout_begin(ctx, t(ctx, "import_page.title"), NAV_ASSETS);
		reading(ctx, &li, b.filename);
		if (li.problems.count)
			problems_table(ctx, &li.problems);
		else
			preview(ctx, &li, &b);
		layout_end(ctx);
		ledger_import_release(&li);
		strbuf_release(&data);
		return;
	}
	if (running)
		/* The page looks again every second until the job ends. */
		response_header(ctx->resp, "Refresh", "1");
	layout_begin(ctx, t(ctx, "import_page.title"), NAV_ASSETS);
	html_lit(o, "<p><a href=\"/assets\">");
	page_t(ctx, "asset.back");
	html_lit(o, "</a></p><dl class=\"facts\"><dt>");
	page_t(ctx, "import_page.file");
	html_lit(o, "</dt><dd>");
	html_text(o, b.filename);
	html_lit(o, "</dd></dl>");
	if (running) {
		html_lit(o, "<p role=\"status\">");
		html_text(o,
			  t1(ctx, "import_page.running",
			     arena_printf(&ctx->req->arena, "%zu / %zu", done,
					  total ? total : (size_t)b.rows)));
		html_lit(o, "</p><progress max=\"");
		html_long(o, (long)(total ? total : (size_t)b.rows));
		html_lit(o, "\" value=\"");
		html_long(o, (long)done);
		html_lit(o, "\"></progress>");
	} else if (!strcmp(b.status, "done")) {
		html_lit(o, "<p class=\"notice ok\" role=\"status\">");
		html_text(o, t1(ctx, "import_page.done",
				arena_printf(&ctx->req->arena,
					     "%lld / %lld / %lld",
					     (long long)b.added,
					     (long long)b.updated,
					     (long long)b.same)));
		html_lit(o, "</p>");
	} else if (!strcmp(b.status, "failed")) {
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		page_t(ctx, "import_page.failed");
		html_lit(o, " ");
		html_text(o, b.error);
		html_lit(o, "</p>");
	} else {
		/* Running, but no job: the server stopped under it, and the
		 * transaction was rolled back. */
		html_lit(o, "<p class=\"error\" role=\"alert\">");
		page_t(ctx, "import_page.interrupted");
		html_lit(o, "</p>");
	}
	layout_end(ctx);
}
