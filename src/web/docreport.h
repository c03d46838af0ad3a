/*
 * docreport.h: the documents mamori prints, built as reports
 * (export/report.h) from the store: the basic policy, the handbook and
 * the risk assessment report with its treatment plan.  The web's
 * downloads and `mamori policy` / `mamori risk report` build them here,
 * so a file made in either place says the same.
 */
#ifndef MAMORI_WEB_DOCREPORT_H
#define MAMORI_WEB_DOCREPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"

struct arena;
struct catalog;
struct error;
struct i18n;
struct policy_doc;
struct report;
struct risk_assessment;
struct risk_criteria;
struct risk_method_def;
struct soa_entry;
struct soa_version;
struct store;

/* Where a document comes from, and for whom it is written. */
struct docreport_env {
	struct arena *arena; /* the report and its strings live here */
	const struct catalog *cat;
	const struct i18n *msgs;
	enum lang lang;
	struct store *store;
	int64_t org;
	const char *org_name;
	int64_t now; /* the date of a report made now */
};

/*
 * The basic policy or the handbook (kind "basic_policy" or "handbook"),
 * version d as stored: its Markdown as the body, the version and date in
 * the metadata, the 承認 / 確認 / 作成 boxes with the approver's name and
 * date in 承認 once the version is approved.  The policy is labelled
 * 公開 once published (it is meant to be shown outside), otherwise
 * 社外秘, like the handbook.  Fails only when the store does.
 */
int docreport_policy(const struct docreport_env *e, const char *kind,
		     const struct policy_doc *d, struct report **out,
		     struct error *err);

/*
 * The risk assessment report of assessment a (open or closed) rated by
 * def with criteria: landscape, 社外秘, the heat map counts, the register
 * of risks by priority (a table whose header repeats on every page) and
 * the treatment plan.
 */
int docreport_risk(const struct docreport_env *e,
		   const struct risk_assessment *a,
		   const struct risk_method_def *def,
		   const struct risk_criteria *criteria, struct report **out,
		   struct error *err);

/*
 * The Statement of Applicability: the count entries in catalogue order
 * (risks[i] the risks that chose entry i, or NULL), grouped by theme in
 * landscape tables whose headers repeat on every page.  version is the
 * approved version they are, with its approver in the 承認 box, or NULL
 * for the working copy.
 */
int docreport_soa(const struct docreport_env *e,
		  const struct soa_version *version,
		  const struct soa_entry *entries, size_t count,
		  const int64_t *risks, struct report **out, struct error *err);

/*
 * A file name for a document: base ("policy", "risk-report") and the
 * format's extension, plus the date of now, e.g. "policy-2026-11-22.pdf".
 */
const char *docreport_filename(struct arena *arena, const char *base,
			       const char *ext, int64_t now);

#endif
