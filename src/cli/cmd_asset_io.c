/*
 * cmd_asset_io.c: `mamori asset import` and `mamori asset export`, the
 * register to and from CSV and Excel files in the IPA ledger's layout or
 * mamori's full one.  An import checks every row before it writes any,
 * and writes all of them in one transaction or none.
 */
#include "util/compat.h"
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "cli/riskrun.h"
#include "core/ledger.h"
#include "export/table.h"
#include "export/xlsx.h"
#include "import/table.h"
#include "store/repo_asset.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "web/ledger_io.h"

/* Above this many assets a workbook is written in constant memory. */
enum { XLSX_BIG = 10000, PROGRESS_EVERY = 10000, VALUE_SHOWN = 40 };

/* The context of the organisation's register, in the reader's words. */
static void fill_context(struct risk_run *run, const char *const *own,
			 size_t own_count, struct ledger_context *ctx)
{
	ledger_io_context(ctx, run->cat, run->cli->msgs, run->def, own,
			  own_count, run->today, run->cli->lang);
}

static long parse_org(const char *arg)
{
	long org;

	return parse_long(arg, 1, INT32_MAX, &org) ? -1 : org;
}

/* --- import -------------------------------------------------------- */

struct import_options {
	long org;
	enum ledger_layout layout;
	int dry_run;
	int progress;
	const char *sheet;
	const char *file;
};

/* Reads all of path ("-": standard input), refusing more than the max. */
static int read_file(const char *path, struct strbuf *out, struct error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!f)
		return error_set(err, ERROR_INPUT, "ledger.cannot_read", path,
				 strerror(errno), NULL);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (out->len + n > IMPORT_FILE_MAX) {
			char mb[32];

			snprintf(mb, sizeof(mb), "%d",
				 IMPORT_FILE_MAX / (1024 * 1024));
			rc = error_set(err, ERROR_INPUT, "import.too_big", mb,
				       NULL);
			break;
		}
		strbuf_add(out, buf, n);
	}
	if (!rc && ferror(f))
		rc = error_set(err, ERROR_INPUT, "ledger.cannot_read", path,
			       strerror(errno), NULL);
	if (f != stdin)
		fclose(f);
	return rc;
}

/*
 * A value as shown in a problem: on one line, cut when long, named when
 * empty.
 */
static const char *shown_value(struct cli *cli, struct arena *arena,
			       const char *v)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(v), at = 0, chars = 0;
	const char *r;

	if (!*v)
		return cli_msg(cli, "ledger.empty_cell");
	while (at < len && chars < VALUE_SHOWN) {
		uint32_t cp;
		size_t n = utf8_decode(v + at, len - at, &cp);

		if (!n || cp < 0x20 || cp == 0x7f)
			strbuf_addch(&sb, ' ');
		else
			strbuf_add(&sb, v + at, n);
		at += n ? n : 1;
		chars++;
	}
	if (at < len)
		strbuf_addstr(&sb, "…");
	r = arena_strdup(arena, sb.buf);
	strbuf_release(&sb);
	return r;
}

static void print_problem(struct cli *cli, struct arena *arena,
			  const struct ledger_problem *p)
{
	struct error e = ERROR_INIT;
	struct strbuf why = STRBUF_INIT;
	char row[32];

	error_set(&e, ERROR_INPUT, p->key, p->argc > 0 ? p->args[0] : NULL,
		  p->argc > 1 ? p->args[1] : NULL,
		  p->argc > 2 ? p->args[2] : NULL,
		  p->argc > 3 ? p->args[3] : NULL, NULL);
	i18n_error(cli->msgs, cli->lang, &e, &why);
	snprintf(row, sizeof(row), "%zu", p->row);
	cli_say(cli, cli->err, "ledger.problem", row, p->column,
		shown_value(cli, arena, p->value), why.buf, NULL);
	strbuf_release(&why);
}

/* Problems in row order; within a row, in the order they were found. */
static int by_row(const void *pa, const void *pb)
{
	const struct ledger_problem *const *a = pa, *const *b = pb;

	if ((*a)->row != (*b)->row)
		return (*a)->row < (*b)->row ? -1 : 1;
	return *a < *b ? -1 : *a > *b;
}

static void print_problems(struct cli *cli, struct arena *arena,
			   const struct ledger_problems *problems)
{
	const struct ledger_problem **order =
		xcalloc(problems->count + 1, sizeof(*order));
	char n[32], more[32];
	size_t i;

	for (i = 0; i < problems->count; i++)
		order[i] = &problems->v[i];
	qsort(order, problems->count, sizeof(*order), by_row);
	for (i = 0; i < problems->count; i++)
		print_problem(cli, arena, order[i]);
	free(order);
	if (problems->more) {
		snprintf(more, sizeof(more), "%zu", problems->more);
		cli_say(cli, cli->err, "ledger.more_problems", more, NULL);
	}
	snprintf(n, sizeof(n), "%zu", problems->count + problems->more);
	cli_say(cli, cli->err, "ledger.refused", n, NULL);
}

/* Says what was read: the format, the header's row, the layout. */
static void print_reading(struct cli *cli, const struct import_table *t,
			  const struct ledger_map *map)
{
	static const char *const charsets[] = { "ledger.utf8", "ledger.utf8",
						"ledger.shift_jis" };
	const struct import_row *hdr = &t->rows[map->header_row];
	struct strbuf skipped = STRBUF_INIT;
	char row[32];
	size_t i;

	snprintf(row, sizeof(row), "%zu", hdr->row_no);
	if (t->format == IMPORT_XLSX)
		cli_say(cli, cli->out, "ledger.read_xlsx", t->sheet, row,
			map->layout == LEDGER_IPA ? "ledger.layout_ipa"
						  : "ledger.layout_full",
			NULL);
	else
		cli_say(cli, cli->out, "ledger.read_csv", charsets[t->charset],
			row,
			map->layout == LEDGER_IPA ? "ledger.layout_ipa"
						  : "ledger.layout_full",
			NULL);
	/* Columns that were not read, so nobody wonders where they went. */
	for (i = 0; i < map->unknown_count + map->outside_count; i++) {
		const char *name =
			i < map->unknown_count
				? hdr->cells[map->unknown[i]]
				: text_get(
					  &ledger_column(
						   map->outside
							   [i -
							    map->unknown_count])
						   ->header,
					  cli->lang);

		strbuf_addf(&skipped,
			    cli->lang == LANG_JA ? "%s「%s」" : "%s'%s'",
			    !i			   ? ""
			    : cli->lang == LANG_JA ? ""
						   : ", ",
			    name);
	}
	if (skipped.len)
		cli_say(cli, cli->out, "ledger.skipped_columns", skipped.buf,
			NULL);
	strbuf_release(&skipped);
}

/* One line of progress on standard error. */
static void progress(struct cli *cli, size_t done, size_t total)
{
	size_t step = total / 20;
	char a[32], b[32], pct[32];

	if (step > PROGRESS_EVERY)
		step = PROGRESS_EVERY;
	if (!step)
		step = 1;
	if (done % step && done != total)
		return;
	snprintf(a, sizeof(a), "%zu", done);
	snprintf(b, sizeof(b), "%zu", total);
	snprintf(pct, sizeof(pct), "%zu", total ? done * 100 / total : 100);
	cli_say(cli, cli->err, "ledger.progress", a, b, pct, NULL);
}

/* Writes each imported asset's audit event, as the CLI. */
static int import_audit(void *ctx, int64_t asset_id, const char *before,
			const char *after, struct error *err)
{
	return risk_run_audit(ctx, "asset.import", "asset", asset_id, before,
			      after, err);
}

static void import_progress(void *ctx, size_t done, size_t total)
{
	struct risk_run *run = ctx;

	progress(run->cli, done, total);
}

/*
 * Writes the rows in one transaction: a row whose ID names one of the
 * organisation's assets updates it (the columns the file has), any other
 * row is added.  Each asset gets its audit event.
 */
static int write_rows(struct risk_run *run, const struct import_options *o,
		      const struct ledger_map *map, struct ledger_rows *rows,
		      const char *const *labels, size_t label_count,
		      struct ledger_counts *counts, struct error *err)
{
	struct ledger_sink sink = { import_audit, NULL, run };

	if (o->progress || isatty(fileno(run->cli->err)))
		sink.progress = import_progress;
	/* The method is read again under the write lock: should another
	 * run have changed it since the rows were checked, each row is held
	 * to the scale now in force. */
	if (store_begin(run->store, err))
		return -1;
	if (risk_run_method(run, err) ||
	    ledger_io_write(run->store, run->org, run->def, labels, label_count,
			    map, rows, (int64_t)time(NULL), &sink, counts,
			    err) ||
	    store_commit(run->store, err)) {
		if (counts->failed_row) {
			char row[32];

			snprintf(row, sizeof(row), "%zu", counts->failed_row);
			cli_say(run->cli, run->cli->err, "ledger.row_failed",
				row, NULL);
		}
		store_rollback(run->store);
		return -1;
	}
	return 0;
}

static int import_run(struct cli *cli, const struct import_options *o)
{
	struct error err = ERROR_INIT;
	struct strbuf data = STRBUF_INIT;
	struct import_table *t = NULL;
	struct ledger_problems problems;
	struct ledger_rows rows = { NULL, NULL, NULL, 0 };
	struct ledger_counts counts;
	struct ledger_context ctx;
	struct ledger_map map;
	struct risk_run run;
	const char **own = NULL, **labels = NULL;
	size_t own_count = 0, label_count = 0;
	char n[32], a[32], u[32], s[32];
	int rc = EXIT_INPUT;

	memset(&run, 0, sizeof(run));
	ledger_problems_init(&problems, NULL);
	if (read_file(o->file, &data, &err) ||
	    import_table_read(data.buf, data.len, o->sheet, &t, &err))
		goto out_fail;
	strbuf_release(&data);
	if (risk_run_open(&run, cli, o->org, &err) ||
	    repo_label_list(run.store, &run.arena, o->org, &own, &own_count,
			    &err) ||
	    risk_run_labels(&run, &labels, &label_count, &err))
		goto out_fail;
	problems.arena = &run.arena;
	fill_context(&run, own, own_count, &ctx);
	if (ledger_io_header(t, o->layout, &map, &err)) {
		rc = cli_fail(cli, &err);
		/* The header may be on another sheet of the workbook. */
		if (t->sheet_count > 1 && !o->sheet) {
			struct strbuf others = STRBUF_INIT;
			size_t i;

			for (i = 1; i < t->sheet_count; i++)
				strbuf_addf(&others, "%s%s", i > 1 ? ", " : "",
					    t->sheets[i]);
			cli_say(cli, cli->err, "ledger.other_sheets", t->sheet,
				others.buf, NULL);
			strbuf_release(&others);
		}
		goto out;
	}
	print_reading(cli, t, &map);
	if (run.open)
		cli_say(cli, cli->out, "asset.method_is",
			risk_run_method_name(&run, run.def->method), NULL);
	else
		cli_say(cli, cli->out, "asset.method_default", NULL);
	ledger_io_read(&ctx, t, &map, &run.arena, &rows, &problems);
	if (problems.count) {
		print_problems(cli, &run.arena, &problems);
		goto out;
	}
	if (!rows.count) {
		error_set(&err, ERROR_INPUT, "ledger.no_rows", NULL);
		goto out_fail;
	}
	snprintf(n, sizeof(n), "%zu", rows.count);
	if (o->dry_run) {
		cli_say(cli, cli->out, "ledger.dry_run", n, NULL);
		rc = EXIT_DONE;
		goto out;
	}
	if (write_rows(&run, o, &map, &rows, labels, label_count, &counts,
		       &err))
		goto out_fail;
	snprintf(a, sizeof(a), "%zu", counts.added);
	snprintf(u, sizeof(u), "%zu", counts.updated);
	snprintf(s, sizeof(s), "%zu", counts.same);
	cli_say(cli, cli->out, "ledger.imported", n, a, u, s, NULL);
	rc = EXIT_DONE;
	goto out;
out_fail:
	rc = cli_fail(cli, &err);
out:
	ledger_rows_release(&rows);
	ledger_problems_release(&problems);
	import_table_free(t);
	strbuf_release(&data);
	if (run.cli)
		risk_run_close(&run);
	return rc;
}

int cmd_asset_import(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "layout", required_argument, NULL, 'l' },
		{ "sheet", required_argument, NULL, 's' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "progress", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_options o;
	int c;

	memset(&o, 0, sizeof(o));
	o.org = 1;
	o.layout = LEDGER_AUTO;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if ((o.org = parse_org(optarg)) < 0)
				return cli_usage(cli, "asset import",
						 "usage.bad_value", "org",
						 optarg, NULL);
			break;
		case 'l':
			if (ledger_layout_parse(optarg, &o.layout))
				return cli_usage(cli, "asset import",
						 "usage.bad_value", "layout",
						 optarg, NULL);
			break;
		case 's':
			o.sheet = optarg;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'p':
			o.progress = 1;
			break;
		case 'h':
			return cli_help(cli, "asset_import");
		default:
			return cli_usage(cli, "asset import",
					 "usage.bad_option", argv[optind - 1],
					 NULL);
		}
	}
	if (optind >= argc)
		return cli_usage(cli, "asset import", "ledger.usage_import",
				 NULL);
	if (optind + 1 < argc)
		return cli_usage(cli, "asset import", "usage.extra_argument",
				 argv[optind + 1], NULL);
	o.file = argv[optind];
	return import_run(cli, &o);
}

/* --- export -------------------------------------------------------- */

enum export_format { EXPORT_CSV, EXPORT_XLSX };

struct export_options {
	long org;
	enum ledger_layout layout;
	enum export_format format;
	int format_given;
	const char *output;
};

/* The state of writing the rows. */
struct export_state {
	const struct ledger_context *ctx;
	enum ledger_layout layout;
	FILE *f;		  /* CSV */
	struct xlsx_writer *xlsx; /* or a workbook */
	struct strbuf line;
	struct ledger_cells cells;
	size_t count;
	int write_failed;
};

static int export_row(void *p, const struct asset *a)
{
	struct export_state *st = p;

	ledger_row(st->ctx, st->layout, a, &st->cells);
	st->count++;
	if (st->xlsx) {
		xlsx_writer_add_row(st->xlsx, st->cells.cells);
		return 0;
	}
	strbuf_reset(&st->line);
	table_csv_row(st->cells.cells, st->cells.count, &st->line);
	if (fwrite(st->line.buf, 1, st->line.len, st->f) != st->line.len) {
		st->write_failed = 1;
		return 1;
	}
	return 0;
}

/*
 * A temporary file beside path, so the finished file replaces the old
 * one in one rename and a failure leaves no half-written file behind.
 * It gets the permissions a new file would have.
 */
static int open_temp(const char *path, struct strbuf *tmp, int *fd,
		     struct error *err)
{
	mode_t mask = umask(0);

	umask(mask);
	strbuf_reset(tmp);
	strbuf_addf(tmp, "%s.XXXXXX", path);
	*fd = mkstemp(tmp->buf);
	if (*fd < 0)
		return error_set(err, ERROR_INPUT, "ledger.cannot_write", path,
				 strerror(errno), NULL);
	if (fchmod(*fd, 0666 & ~mask)) {
		int e = errno;

		close(*fd);
		unlink(tmp->buf);
		return error_set(err, ERROR_INPUT, "ledger.cannot_write", path,
				 strerror(e), NULL);
	}
	return 0;
}

static int write_xlsx(struct risk_run *run, const struct export_options *o,
		      const char *tmp, struct export_state *st,
		      const struct asset_query *q, struct error *err)
{
	struct xlsx_column cols[LEDGER_FIELD_COUNT];
	const enum ledger_field *fields;
	size_t count = ledger_fields(o->layout, &fields), i;
	int64_t assets = 0;
	struct ledger_cells header;
	int rc;

	ledger_header(o->layout, run->cli->lang, &header);
	for (i = 0; i < count; i++) {
		const struct ledger_column *c = ledger_column(fields[i]);

		cols[i].header = header.cells[i];
		cols[i].numeric = c->numeric;
		cols[i].width = c->width;
	}
	if (repo_asset_count(run->store, o->org, &assets, err) ||
	    xlsx_writer_open(tmp, cli_msg(run->cli, "ledger.sheet"), cols,
			     count,
			     assets > XLSX_BIG ? XLSX_CONSTANT_MEMORY : 0,
			     &st->xlsx, err))
		return -1;
	rc = repo_asset_each(run->store, o->org, q, export_row, st, err);
	if (xlsx_writer_close(st->xlsx, rc ? NULL : err))
		rc = -1;
	st->xlsx = NULL;
	return rc ? -1 : 0;
}

static int write_csv(struct risk_run *run, const struct export_options *o,
		     struct export_state *st, const struct asset_query *q,
		     struct error *err)
{
	struct ledger_cells header;
	int rc;

	/* The BOM makes Excel read the file as UTF-8, not Shift_JIS. */
	strbuf_addstr(&st->line, "\xef\xbb\xbf");
	ledger_header(o->layout, run->cli->lang, &header);
	table_csv_row(header.cells, header.count, &st->line);
	if (fwrite(st->line.buf, 1, st->line.len, st->f) != st->line.len)
		st->write_failed = 1;
	rc = st->write_failed ? 1
			      : repo_asset_each(run->store, o->org, q,
						export_row, st, err);
	if (fflush(st->f) || ferror(st->f))
		st->write_failed = 1;
	if (st->write_failed)
		return error_set(err, ERROR_INPUT, "ledger.cannot_write",
				 o->output ? o->output : "-", strerror(errno),
				 NULL);
	return rc ? -1 : 0;
}

static int export_run(struct cli *cli, const struct export_options *o)
{
	struct error err = ERROR_INIT;
	struct strbuf tmp = STRBUF_INIT;
	struct export_state st;
	struct ledger_context ctx;
	struct asset_query q;
	struct risk_run run;
	const char **own = NULL;
	size_t own_count = 0;
	int rc = EXIT_INPUT, fd = -1, failed;
	char n[32];

	memset(&st, 0, sizeof(st));
	strbuf_init(&st.line, 0);
	memset(&q, 0, sizeof(q));
	q.sort = ASORT_ID;
	q.importance = IMPORTANCE_ANY;
	q.limit = 1;
	if (risk_run_open(&run, cli, o->org, &err) ||
	    repo_label_list(run.store, &run.arena, o->org, &own, &own_count,
			    &err))
		goto out_fail;
	fill_context(&run, own, own_count, &ctx);
	st.ctx = &ctx;
	st.layout = o->layout;
	if (o->output && open_temp(o->output, &tmp, &fd, &err))
		goto out_fail;
	if (o->format == EXPORT_XLSX) {
		/* libxlsxwriter writes the file by its name. */
		close(fd);
		fd = -1;
		failed = write_xlsx(&run, o, tmp.buf, &st, &q, &err);
	} else {
		st.f = o->output ? fdopen(fd, "wb") : cli->out;
		if (!st.f) {
			error_set(&err, ERROR_INPUT, "ledger.cannot_write",
				  o->output, strerror(errno), NULL);
			failed = 1;
		} else {
			fd = -1;
			failed = write_csv(&run, o, &st, &q, &err);
			if (o->output && fclose(st.f) && !failed)
				failed = error_set(&err, ERROR_INPUT,
						   "ledger.cannot_write",
						   o->output, strerror(errno),
						   NULL);
		}
	}
	if (fd >= 0)
		close(fd);
	if (!failed && o->output && rename(tmp.buf, o->output))
		failed = error_set(&err, ERROR_INPUT, "ledger.cannot_write",
				   o->output, strerror(errno), NULL);
	if (failed) {
		if (o->output)
			unlink(tmp.buf);
		goto out_fail;
	}
	if (o->output) {
		snprintf(n, sizeof(n), "%zu", st.count);
		cli_say(cli, cli->err, "ledger.exported", n, o->output, NULL);
	}
	rc = EXIT_DONE;
	goto out;
out_fail:
	rc = cli_fail(cli, &err);
out:
	strbuf_release(&st.line);
	strbuf_release(&tmp);
	if (run.cli)
		risk_run_close(&run);
	return rc;
}

/* Returns 1 when path ends in suffix, case aside. */
static int ends_with(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix), i;

	if (n < k)
		return 0;
	for (i = 0; i < k; i++) {
		char c = path[n - k + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return 0;
	}
	return 1;
}

int cmd_asset_export(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "layout", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct export_options o;
	int c;

	memset(&o, 0, sizeof(o));
	o.org = 1;
	o.layout = LEDGER_FULL;
	o.format = EXPORT_CSV;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if ((o.org = parse_org(optarg)) < 0)
				return cli_usage(cli, "asset export",
						 "usage.bad_value", "org",
						 optarg, NULL);
			break;
		case 'l':
			if (ledger_layout_parse(optarg, &o.layout) ||
			    o.layout == LEDGER_AUTO)
				return cli_usage(cli, "asset export",
						 "usage.bad_value", "layout",
						 optarg, NULL);
			break;
		case 'F':
			if (strcmp(optarg, "csv") && strcmp(optarg, "xlsx"))
				return cli_usage(cli, "asset export",
						 "usage.bad_value", "format",
						 optarg, NULL);
			o.format = strcmp(optarg, "csv") ? EXPORT_XLSX
							 : EXPORT_CSV;
			o.format_given = 1;
			break;
		case 'O':
			o.output = optarg;
			break;
		case 'h':
			return cli_help(cli, "asset_export");
		default:
			return cli_usage(cli, "asset export",
					 "usage.bad_option", argv[optind - 1],
					 NULL);
		}
	}
	if (optind < argc)
		return cli_usage(cli, "asset export", "usage.extra_argument",
				 argv[optind], NULL);
	if (o.output && !*o.output)
		return cli_usage(cli, "asset export", "usage.bad_value",
				 "output", o.output, NULL);
	/* A file named .xlsx is a workbook unless told otherwise. */
	if (!o.format_given && o.output && ends_with(o.output, ".xlsx"))
		o.format = EXPORT_XLSX;
	if (o.format == EXPORT_XLSX && !o.output)
		return cli_usage(cli, "asset export", "usage.missing_option",
				 "--output", NULL);
	return export_run(cli, &o);
}
