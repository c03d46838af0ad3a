/* docfile.c: the printable documents from the command line. */
#include "util/compat.h"
#include "cli/docfile.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "cli/outfile.h"
#include "cli/riskrun.h"
#include "export/report.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/docreport.h"

static const unsigned format_bits[REPORT_FORMAT_COUNT] = {
	[REPORT_FORMAT_PDF] = DOCFILE_PDF, [REPORT_FORMAT_XLSX] = DOCFILE_XLSX,
	[REPORT_FORMAT_MD] = DOCFILE_MD,   [REPORT_FORMAT_HTML] = DOCFILE_HTML,
	[REPORT_FORMAT_CSV] = DOCFILE_CSV,
};

/* "utf-8" (with a BOM) or "cp932" (Shift_JIS as Windows has it). */
static int parse_encoding(const char *name, enum report_charset *c)
{
	static const char *const utf8[] = { "utf-8", "utf8" };
	static const char *const cp932[] = { "cp932", "sjis", "shift_jis" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(utf8); i++)
		if (!strcmp(name, utf8[i])) {
			*c = REPORT_UTF8;
			return 0;
		}
	for (i = 0; i < ARRAY_SIZE(cp932); i++)
		if (!strcmp(name, cp932[i])) {
			*c = REPORT_CP932;
			return 0;
		}
	return -1;
}

int docfile_check(struct cli *cli, const char *cmd, const char *format,
		  const char *output, const char *encoding, unsigned allowed)
{
	enum report_format f;
	enum report_charset cs;

	if (!format) {
		if (output || encoding)
			return cli_usage(cli, cmd, "usage.missing_option",
					 "--format", NULL);
		return 0;
	}
	if (report_format_parse(format, &f) || !(format_bits[f] & allowed))
		return cli_usage(cli, cmd, "usage.bad_value", "format", format,
				 NULL);
	if (output && !*output)
		return cli_usage(cli, cmd, "usage.bad_value", "output", output,
				 NULL);
	if (encoding &&
	    (f != REPORT_FORMAT_CSV || parse_encoding(encoding, &cs)))
		return cli_usage(cli, cmd, "usage.bad_value", "encoding",
				 encoding, NULL);
	/* A PDF or a workbook on a terminal is noise: ask for a file. */
	if (!output && (f == REPORT_FORMAT_PDF || f == REPORT_FORMAT_XLSX))
		return cli_usage(cli, cmd, "usage.missing_option", "--output",
				 NULL);
	return 0;
}

/*
 * A PDF or a workbook: drawn straight into the temporary file, page by
 * page or row by row, rather than gathered in memory first.
 */
struct binary {
	const struct report *r;
	enum report_format f;
};

static int make_binary(const char *tmp, void *arg, struct error *err)
{
	const struct binary *b = arg;

	return b->f == REPORT_FORMAT_PDF ? report_render_pdf(b->r, tmp, err)
					 : report_render_xlsx(b->r, tmp, err);
}

static int write_binary(const struct report *r, enum report_format f,
			const char *path, struct error *err)
{
	struct binary b = { r, f };

	return outfile_make(path, make_binary, &b, err);
}

/*
 * Renders r as format to output, or to standard output; as CSV, its
 * table csv_table in encoding.
 */
static int emit(struct cli *cli, const struct report *r, const char *format,
		const char *output, size_t csv_table, const char *encoding,
		struct error *err)
{
	struct strbuf out = STRBUF_INIT;
	enum report_format f;
	enum report_charset cs = REPORT_UTF8;
	int rc = -1;

	if (report_format_parse(format, &f) ||
	    (encoding && parse_encoding(encoding, &cs)))
		BUG("unchecked format %s", format);
	if (output && (f == REPORT_FORMAT_PDF || f == REPORT_FORMAT_XLSX)) {
		if (write_binary(r, f, output, err))
			goto done;
		cli_say(cli, cli->err, "report.written", output, NULL);
		rc = 0;
		goto done;
	}
	if (f == REPORT_FORMAT_CSV) {
		const struct report_table *t = report_table_at(r, csv_table);

		if (!t)
			BUG("no table %zu to write as CSV", csv_table);
		if (report_render_csv(r, t, cs, &out, err))
			goto done;
	} else if (report_render(r, f, &out, err)) {
		goto done;
	}
	if (output) {
		if (outfile_write(output, out.buf, out.len, err))
			goto done;
		cli_say(cli, cli->err, "report.written", output, NULL);
	} else if (fwrite(out.buf, 1, out.len, cli->out) != out.len ||
		   fflush(cli->out)) {
		error_set(err, ERROR_INPUT, "ledger.cannot_write", "-",
			  strerror(errno), NULL);
		goto done;
	}
	rc = 0;
done:
	strbuf_release(&out);
	return rc;
}

int docfile_policy(struct cli *cli, struct store *store, struct arena *arena,
		   const struct catalog *cat, int64_t org, const char *kind,
		   const struct policy_doc *d, const char *format,
		   const char *output, struct error *err)
{
	struct docreport_env e;
	struct report *r;

	memset(&e, 0, sizeof(e));
	e.arena = arena;
	e.cat = cat;
	e.msgs = cli->msgs;
	e.lang = cli->lang;
	e.store = store;
	e.org = org;
	e.now = (int64_t)time(NULL);
	if (cli_org_name(store, arena, org, &e.org_name, err) ||
	    docreport_policy(&e, kind, d, &r, err))
		return -1;
	return emit(cli, r, format, output, 0, NULL, err);
}

int docfile_risk_report(struct risk_run *run, const char *format,
			const char *output, const char *encoding,
			struct error *err)
{
	struct docreport_env e;
	struct report *r;

	if (risk_run_need_open(run, err))
		return -1;
	memset(&e, 0, sizeof(e));
	e.arena = &run->arena;
	e.cat = run->cat;
	e.msgs = run->cli->msgs;
	e.lang = run->cli->lang;
	e.store = run->store;
	e.org = run->org;
	e.now = (int64_t)time(NULL);
	if (cli_org_name(run->store, &run->arena, run->org, &e.org_name, err) ||
	    docreport_risk(&e, &run->assessment, run->def, &run->criteria, &r,
			   err))
		return -1;
	/* Table 0 is the heat map, 1 the register (docreport_risk). */
	return emit(run->cli, r, format, output, 1, encoding, err);
}

int docfile_soa(struct risk_run *run, enum lang lang,
		const struct soa_entry *entries, size_t count,
		const int64_t *risks, const char *output, struct error *err)
{
	struct docreport_env e;
	struct report *r;

	memset(&e, 0, sizeof(e));
	e.arena = &run->arena;
	e.cat = run->cat;
	e.msgs = run->cli->msgs;
	e.lang = lang;
	e.store = run->store;
	e.org = run->org;
	e.now = (int64_t)time(NULL);
	if (cli_org_name(run->store, &run->arena, run->org, &e.org_name, err) ||
	    docreport_soa(&e, NULL, entries, count, risks, &r, err))
		return -1;
	return emit(run->cli, r, "pdf", output, 0, NULL, err);
}
