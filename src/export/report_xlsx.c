/*
 * report_xlsx.c: a report as an Excel workbook with libxlsxwriter, beside
 * xlsx.c's one-sheet writer (whose messages it shares): a cover sheet,
 * then a sheet per table.
 */
#include "util/compat.h"
#include "export/report.h"

#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* Above this many rows in all, rows go out as they are written. */
enum { CONSTANT_MEMORY_ROWS = 10000, WIDTH_MIN = 6, WIDTH_MAX = 60 };

struct book {
	const struct report *r;
	lxw_workbook *wb;
	lxw_format *bold, *title, *label, *wrap, *head, *date, *cell;
	lxw_error failed; /* the first failure */
	int too_many;
	char **names; /* the sheets' names so far, to keep them apart */
	size_t name_count;
};

static void keep(struct book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->failed == LXW_NO_ERROR)
		b->failed = e;
}

/* s without the characters a sheet name may not have, cut to max chars. */
static void clean_name(struct strbuf *sb, const char *s, size_t max)
{
	size_t len;

	strbuf_reset(sb);
	for (; *s; s++)
		strbuf_addch(sb, strchr("[]:*?/\\", *s) ? '_' : *s);
	if (sb->buf[0] == '\'')
		sb->buf[0] = '_';
	len = sb->len;
	while (len && utf8_count(sb->buf, len) > max)
		len = utf8_prefix_len(sb->buf, len, len - 1);
	strbuf_setlen(sb, len);
}

/*
 * A sheet name Excel accepts: none of []:*?/\, at most 31 characters,
 * not blank, and unlike the other sheets' names (Excel ignores case
 * there), numbered " (2)", " (3)" … when it would clash.
 */
static const char *sheet_name(struct book *b, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 1, i;
	int clash;

	if (!want || !*want)
		want = "Sheet";
	clean_name(&sb, want, LXW_SHEETNAME_MAX);
	do {
		clash = 0;
		for (i = 0; i < b->name_count && !clash; i++)
			clash = !strcasecmp(b->names[i], sb.buf);
		if (clash) {
			char suffix[24];

			snprintf(suffix, sizeof(suffix), " (%zu)", ++n);
			clean_name(&sb, want,
				   LXW_SHEETNAME_MAX - strlen(suffix));
			strbuf_addstr(&sb, suffix);
		}
	} while (clash);
	b->names = xrealloc(b->names,
			    st_mult(b->name_count + 1, sizeof(*b->names)));
	b->names[b->name_count++] = strbuf_detach(&sb, NULL);
	return b->names[b->name_count - 1];
}

/* A print header or footer: & doubled, at most 255 bytes in all. */
static void hf_text(struct strbuf *out, const char *s, size_t room)
{
	size_t used = 0;

	for (; s && *s; s++) {
		size_t n = *s == '&' ? 2 : 1;

		/* Stop before a character that would not fit whole. */
		if (((unsigned char)*s & 0xC0) != 0x80) {
			uint32_t cp;
			size_t cl = utf8_decode(s, strlen(s), &cp);

			if (used + (cl ? cl : 1) + (n - 1) > room)
				break;
		}
		if (*s == '&')
			strbuf_addch(out, '&');
		strbuf_addch(out, *s);
		used += n;
	}
}

/* A4, the orientation, the header row on every page, page x / y. */
static void print_setup(struct book *b, lxw_worksheet *ws, int landscape,
			int header_row)
{
	const struct report *r = b->r;
	struct strbuf h = STRBUF_INIT, f = STRBUF_INIT;

	worksheet_set_paper(ws, 9); /* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	if (header_row)
		keep(b, worksheet_repeat_rows(ws, 0, 0));
	strbuf_addstr(&h, "&L");
	hf_text(&h, r->organisation, 100);
	strbuf_addstr(&h, "&R");
	hf_text(&h, r->classification, 60);
	strbuf_addstr(&f, "&L");
	hf_text(&f, r->title, 120);
	strbuf_addstr(&f, "&C");
	hf_text(&f, r->classification, 60);
	strbuf_addstr(&f, "&R&P / &N");
	keep(b, worksheet_set_header(ws, h.buf));
	keep(b, worksheet_set_footer(ws, f.buf));
	strbuf_release(&h);
	strbuf_release(&f);
}

/* The widest line of s in display columns (Japanese counting two). */
static size_t text_width(const char *s)
{
	size_t widest = 0;

	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		size_t w = utf8_width(s, len);

		if (w > widest)
			widest = w;
		if (!nl)
			break;
		s = nl + 1;
	}
	return widest;
}

static void cover(struct book *b, const char *name, const char *const *tables)
{
	const struct report *r = b->r;
	const struct report_block *blk;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	lxw_row_t row = 0;
	const struct {
		const char *label, *value;
	} meta[] = {
		{ r->words.organisation, r->organisation },
		{ r->words.version, r->version },
		{ r->words.date, r->date },
		{ r->words.approved,
		  r->approver
			  ? (r->approved_on
				     ? arena_printf(r->arena, "%s (%s)",
						    r->approver, r->approved_on)
				     : r->approver)
			  : NULL },
		{ r->words.classification, r->classification },
	};
	size_t i;

	if (!ws) {
		keep(b, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
		return;
	}
	keep(b, worksheet_set_column(ws, 0, 0, 18, b->label));
	keep(b, worksheet_set_column(ws, 1, 1, 80, b->wrap));
	print_setup(b, ws, 0, 0);
	keep(b, worksheet_write_string(ws, row++, 0, r->title ? r->title : "",
				       b->title));
	row++;
	for (i = 0; i < ARRAY_SIZE(meta); i++) {
		if (!meta[i].value)
			continue;
		keep(b, worksheet_write_string(
				ws, row, 0, meta[i].label ? meta[i].label : "",
				b->label));
		keep(b, worksheet_write_string(ws, row++, 1, meta[i].value,
					       b->wrap));
	}
	/* The text of the document; its tables are the other sheets. */
	for (blk = r->first; blk; blk = blk->next) {
		size_t k, s;

		if (blk->kind == REPORT_TABLE)
			continue;
		if (blk->kind == REPORT_HEADING)
			row++;
		for (k = 0; k < blk->count; k++) {
			struct strbuf text = STRBUF_INIT;

			if (blk->kind == REPORT_LIST)
				strbuf_addstr(&text,
					      blk->ordered
						      ? arena_printf(r->arena,
								     "%zu. ",
								     k + 1)
						      : "・");
			for (s = 0; s < blk->items[k].count; s++)
				strbuf_addstr(&text,
					      blk->items[k].spans[s].text);
			keep(b, worksheet_write_string(
					ws, row++,
					blk->kind == REPORT_HEADING ? 0 : 1,
					text.buf,
					blk->kind == REPORT_HEADING ? b->bold
								    : b->wrap));
			strbuf_release(&text);
		}
	}
	if (r->table_count) {
		row++;
		keep(b, worksheet_write_string(ws, row, 0,
					       r->words.sheets ? r->words.sheets
							       : "",
					       b->label));
		for (i = 0; i < r->table_count; i++)
			keep(b, worksheet_write_string(ws, row++, 1, tables[i],
						       NULL));
	}
	worksheet_activate(ws);
}

static void sheet(struct book *b, const struct report_table *t,
		  const char *name)
{
	const struct report *r = b->r;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
	size_t c, row;

	if (!ws) {
		keep(b, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
		return;
	}
	if (t->row_count + 1 > LXW_ROW_MAX) {
		b->too_many = 1;
		return;
	}
	for (c = 0; c < t->column_count; c++) {
		const struct report_column *col = &t->columns[c];
		double cap = col->width > 0 ? col->width : WIDTH_MAX;
		size_t widest = text_width(col->header);
		double w;

		for (row = 0; row < t->row_count; row++) {
			size_t cw = text_width(t->rows[row][c].text);

			if (cw > widest)
				widest = cw;
		}
		w = (double)widest + 2;
		if (w < WIDTH_MIN)
			w = WIDTH_MIN;
		if (w > cap)
			w = cap;
		/* Long text wraps in its column instead of running on. */
		keep(b, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w,
					     b->cell));
		keep(b, worksheet_write_string(ws, 0, (lxw_col_t)c, col->header,
					       b->head));
	}
	worksheet_freeze_panes(ws, 1, 0);
	print_setup(b, ws,
		    r->orientation == REPORT_LANDSCAPE ||
			    (t->flags & REPORT_TABLE_LANDSCAPE),
		    1);
	for (row = 0; row < t->row_count; row++) {
		lxw_row_t xr = (lxw_row_t)row + 1;

		for (c = 0; c < t->column_count; c++) {
			const struct report_cell *cell = &t->rows[row][c];
			lxw_col_t xc = (lxw_col_t)c;

			if (!cell->text || !*cell->text)
				continue;
			if (cell->kind == REPORT_CELL_NUMBER) {
				keep(b, worksheet_write_number(ws, xr, xc,
							       cell->number,
							       b->cell));
			} else if (cell->kind == REPORT_CELL_DATE) {
				lxw_datetime d = { cell->date.year,
						   cell->date.month,
						   cell->date.day,
						   0,
						   0,
						   0 };

				keep(b, worksheet_write_datetime(ws, xr, xc, &d,
								 b->date));
			} else {
				/* Always a string, never a formula. */
				keep(b, worksheet_write_string(ws, xr, xc,
							       cell->text,
							       b->cell));
			}
		}
	}
	keep(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->row_count,
				     (lxw_col_t)(t->column_count - 1)));
}

int report_render_xlsx(const struct report *r, const char *path,
		       struct error *err)
{
	lxw_workbook_options opts;
	lxw_doc_properties props;
	struct book b;
	const struct report_block *blk;
	const char **names;
	size_t rows = 0, i, k;
	lxw_error e;
	int rc = 0;

	memset(&b, 0, sizeof(b));
	b.r = r;
	for (blk = r->first; blk; blk = blk->next)
		if (blk->kind == REPORT_TABLE)
			rows += blk->table->row_count;
	memset(&opts, 0, sizeof(opts));
	opts.constant_memory = rows > CONSTANT_MEMORY_ROWS ? LXW_TRUE
							   : LXW_FALSE;
	b.wb = workbook_new_opt(path, &opts);
	if (!b.wb)
		return error_set(err, ERROR_INTERNAL, "export.xlsx_failed",
				 path, NULL);
	memset(&props, 0, sizeof(props));
	props.title = (char *)(r->title ? r->title : "");
	props.company = (char *)(r->organisation ? r->organisation : "");
	props.category = (char *)(r->classification ? r->classification : "");
	keep(&b, workbook_set_properties(b.wb, &props));
	b.bold = workbook_add_format(b.wb);
	format_set_bold(b.bold);
	b.title = workbook_add_format(b.wb);
	format_set_bold(b.title);
	format_set_font_size(b.title, 16);
	b.label = workbook_add_format(b.wb);
	format_set_bold(b.label);
	format_set_align(b.label, LXW_ALIGN_VERTICAL_TOP);
	b.wrap = workbook_add_format(b.wb);
	format_set_text_wrap(b.wrap);
	format_set_align(b.wrap, LXW_ALIGN_VERTICAL_TOP);
	b.head = workbook_add_format(b.wb);
	format_set_bold(b.head);
	format_set_text_wrap(b.head);
	format_set_bg_color(b.head, 0xE9ECEF);
	format_set_border(b.head, LXW_BORDER_THIN);
	format_set_align(b.head, LXW_ALIGN_VERTICAL_TOP);
	b.cell = workbook_add_format(b.wb);
	format_set_text_wrap(b.cell);
	format_set_align(b.cell, LXW_ALIGN_VERTICAL_TOP);
	b.date = workbook_add_format(b.wb);
	format_set_num_format(b.date, "yyyy-mm-dd");
	format_set_align(b.date, LXW_ALIGN_VERTICAL_TOP);
	/* The names first, so that the cover can list the sheets. */
	names = xcalloc(r->table_count + 1, sizeof(*names));
	names[0] = sheet_name(&b, r->words.cover ? r->words.cover : r->title);
	for (blk = r->first, k = 1; blk; blk = blk->next)
		if (blk->kind == REPORT_TABLE)
			names[k++] = sheet_name(&b, blk->table->name);
	cover(&b, names[0], names + 1);
	for (blk = r->first, k = 1; blk; blk = blk->next)
		if (blk->kind == REPORT_TABLE)
			sheet(&b, blk->table, names[k++]);
	e = workbook_close(b.wb);
	if (b.too_many)
		rc = error_set(err, ERROR_INPUT, "export.xlsx_too_many", NULL);
	else if (b.failed != LXW_NO_ERROR)
		rc = error_set(err, ERROR_INTERNAL, "export.xlsx_failed",
			       lxw_strerror(b.failed), NULL);
	else if (e != LXW_NO_ERROR)
		rc = error_set(err, ERROR_INTERNAL, "export.xlsx_failed",
			       lxw_strerror(e), NULL);
	for (i = 0; i < b.name_count; i++)
		free(b.names[i]);
	free(b.names);
	free(names);
	return rc;
}

int report_render_xlsx_buf(const struct report *r, struct strbuf *out,
			   struct error *err)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *f;
	int fd, rc;

	/* libxlsxwriter writes to a file: a private one, gone at once. */
	snprintf(path, sizeof(path), "%s/mamori-report-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return error_set(err, ERROR_INTERNAL, "export.xlsx_failed",
				 path, NULL);
	close(fd);
	rc = report_render_xlsx(r, path, err);
	if (!rc) {
		size_t start = out->len, n;
		char buf[65536];

		f = fopen(path, "rb");
		if (!f) {
			rc = error_set(err, ERROR_INTERNAL,
				       "export.xlsx_failed", path, NULL);
		} else {
			while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
				strbuf_add(out, buf, n);
			if (ferror(f)) {
				strbuf_setlen(out, start);
				rc = error_set(err, ERROR_INTERNAL,
					       "export.xlsx_failed", path,
					       NULL);
			}
			fclose(f);
		}
	}
	unlink(path);
	return rc;
}
