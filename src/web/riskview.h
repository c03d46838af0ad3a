/*
 * riskview.h: what the asset, risk and plan pages share: the method in
 * force, and how media, labels, ratings, grades and catalogue threats are
 * shown.
 */
#ifndef MAMORI_WEB_RISKVIEW_H
#define MAMORI_WEB_RISKVIEW_H

#include <stddef.h>

#include "core/asset.h"
#include "core/risk.h"
#include "store/repo_risk.h"

struct ctx;
struct error;
struct strbuf;

/* The organisation's method as the pages need it. */
struct method_view {
	int open; /* an assessment is open (else: none yet, IPA assumed) */
	struct risk_assessment assessment;
	const struct risk_method_def *def;
	struct risk_criteria criteria;
};

/*
 * Loads the open assessment, or, before the first one, the default (the
 * IPA sheet with its bands) so that the register can be rated at once.
 */
int riskview_method(struct ctx *ctx, struct method_view *mv, struct error *err);

/* The classification labels to offer: the organisation's, or the
 * built-in ids. */
int riskview_labels(struct ctx *ctx, const char ***labels, size_t *count,
		    struct error *err);

/*
 * The paging of a list from the query string: limit (10-200; *limit
 * keeps its default when absent), after=ID or before=ID (*back set).
 * Fails with ERROR_INPUT naming the parameter.
 */
int riskview_paging(struct ctx *ctx, size_t *limit, int64_t *cursor, int *back,
		    struct error *err);

/* A medium key shown in the reader's language; the org's own word as is. */
const char *riskview_medium(struct ctx *ctx, const char *medium);
/* A label: a built-in id translated, else as is. */
const char *riskview_label(struct ctx *ctx, const char *label);
/* A rating, or "—" when unrated. */
const char *riskview_value(struct ctx *ctx, int v);

/* The threat and vulnerability of a risk in the reader's language. */
const char *riskview_threat(struct ctx *ctx, const struct risk *r);
const char *riskview_vulnerability(struct ctx *ctx, const struct risk *r);

/* A badge with the grade of level (小/中/大 or low/medium/high). */
void riskview_grade(struct ctx *ctx, const struct method_view *mv, int level);
/* The CSS class of a grade, for the badge and the heat map. */
const char *riskview_grade_class(enum risk_grade g);

/*
 * <select name=name> of the scale k of the method, with an "unrated"
 * choice when allow_unrated; selected marks the current value.
 */
void riskview_scale_select(struct ctx *ctx, const struct method_view *mv,
			   enum risk_scale_kind k, const char *name,
			   const char *id, int selected, int allow_unrated);

/*
 * The heat map of the open assessment: importance (rows, highest first)
 * by likelihood (columns), each cell counting its risks, coloured by its
 * grade and linking to the list of its risks.
 */
void riskview_heatmap(struct ctx *ctx, const struct method_view *mv,
		      size_t cells[5][5]);

#endif
