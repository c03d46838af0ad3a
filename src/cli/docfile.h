/*
 * docfile.h: the CLI's printable documents (web/docreport.c builds them)
 * written as PDF, XLSX, Markdown or HTML to a file or standard output.
 * The formats are named as on the command line so that a command's own
 * header need not see export/report.h.
 */
#ifndef MAMORI_CLI_DOCFILE_H
#define MAMORI_CLI_DOCFILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"

struct arena;
struct catalog;
struct cli;
struct error;
struct policy_doc;
struct risk_run;
struct soa_entry;
struct store;

/* Which formats a command offers. */
enum {
	DOCFILE_PDF = 1 << 0,
	DOCFILE_XLSX = 1 << 1,
	DOCFILE_MD = 1 << 2,
	DOCFILE_HTML = 1 << 3,
	DOCFILE_CSV = 1 << 4,
};

/*
 * Checks --format NAME, --output PATH and --encoding (utf-8 or cp932,
 * CSV only; NULL when the command has no such option) for a command
 * offering the formats in allowed; returns 0, or the usage exit code
 * after saying what is wrong (an unknown format or encoding, or a PDF or
 * workbook without a file to write it to).
 */
int docfile_check(struct cli *cli, const char *cmd, const char *format,
		  const char *output, const char *encoding, unsigned allowed);

/* The basic policy or the handbook (kind), version d, as format. */
int docfile_policy(struct cli *cli, struct store *store, struct arena *arena,
		   const struct catalog *cat, int64_t org, const char *kind,
		   const struct policy_doc *d, const char *format,
		   const char *output, struct error *err);

/*
 * The risk assessment report of run's open assessment, as format; as
 * CSV, its register of risks in encoding (NULL: UTF-8 with a BOM).
 */
int docfile_risk_report(struct risk_run *run, const char *format,
			const char *output, const char *encoding,
			struct error *err);

/*
 * The working Statement of Applicability (entries in catalogue order,
 * risks[i] the risks that chose entry i) as a PDF in lang at output.
 */
int docfile_soa(struct risk_run *run, enum lang lang,
		const struct soa_entry *entries, size_t count,
		const int64_t *risks, const char *output, struct error *err);

#endif
