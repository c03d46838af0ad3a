/* catalog.c: loading and checking of the reference catalogues. */
#include "util/compat.h"
#include "catalog/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/loader.h"
#include "catalog/tsv.h"
#include "util/alloc.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/parse.h"

static int load_controls(struct loader *ld)
{
	static const char *const cols[] = {
		"id",		"theme",      "title_ja",
		"title_en",	"purpose_ja", "purpose_en",
		"control_type", "properties", "concepts",
		"capabilities", "domains",    "new_in_2022",
		"ids_2013",	"related",    NULL
	};
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i, s;

	if (ld_load_file(ld, "catalog/iso27002.tsv", cols, idx, &t))
		return -1;
	cat->controls = ld_alloc_rows(cat, t.row_count, sizeof(*cat->controls));
	FOR_ROWS (ld, t, i) {
		struct control *c = &cat->controls[i];
		const char *flag;

		if (ld_need(ld, 0, &c->id) ||
		    ld_unique_id(ld, 0, catalog_control(cat, c->id) != NULL))
			return -1;
		if (control_theme_parse(ld_field(ld, 1), &c->theme))
			return ld_bad_value(ld, 1, "catalog.bad_value");
		if (ld_text(ld, 2, &c->title) || ld_text(ld, 4, &c->purpose))
			return -1;
		for (s = 0; s < ATTR_SET_COUNT; s++)
			if (attr_parse_list((enum attr_set)s,
					    ld_field(ld, 6 + (int)s),
					    &c->attrs[s], NULL))
				return ld_bad_value(ld, 6 + (int)s,
						    "catalog.bad_value");
		flag = ld_field(ld, 11);
		if (strcmp(flag, "yes") && strcmp(flag, "no"))
			return ld_bad_value(ld, 11, "catalog.bad_value");
		c->new_in_2022 = !strcmp(flag, "yes");
		c->ids_2013 = ld_field(ld, 12);
		cat->control_count++;
	}
	/* Relations may point forwards, so resolve them in a second pass. */
	FOR_ROWS (ld, t, i) {
		if (RESOLVE(ld, 13, ld_find_control, cat->controls[i].related,
			    cat->controls[i].related_count))
			return -1;
	}
	return 0;
}

static int load_regulations(struct loader *ld)
{
	static const char *const cols[] = { "no",	"title_ja", "title_en",
					    "scope_ja", "scope_en", "controls",
					    NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/regulations.tsv", cols, idx, &t))
		return -1;
	cat->regulations =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->regulations));
	FOR_ROWS (ld, t, i) {
		struct regulation *r = &cat->regulations[i];

		if (ld_number(ld, 0, 1, 99, &r->no) ||
		    ld_unique_id(ld, 0,
				 catalog_regulation(cat, r->no) != NULL) ||
		    ld_text(ld, 1, &r->title) || ld_text(ld, 3, &r->scope) ||
		    RESOLVE(ld, 5, ld_find_control, r->controls,
			    r->control_count))
			return -1;
		cat->regulation_count++;
	}
	return 0;
}

/* Parses the space-separated owner roles of a guideline item. */
static int owners(struct loader *ld, int col, unsigned *out)
{
	const char *p = ld_field(ld, col);
	unsigned mask = 0;

	while (*p) {
		size_t len = strcspn(p, " ");
		char name[32];
		unsigned flag;

		if (!len) {
			p++;
			continue;
		}
		if (len >= sizeof(name))
			return ld_bad_value(ld, col, "catalog.bad_value");
		memcpy(name, p, len);
		name[len] = '\0';
		if (owner_role_parse(name, &flag))
			return ld_bad_value(ld, col, "catalog.bad_value");
		mask |= flag;
		p += len;
	}
	*out = mask;
	return 0;
}

static int load_guideline(struct loader *ld)
{
	static const char *const cols[] = {
		"id",	      "kind",	    "domain",	  "function",
		"owner",      "level",	    "title_ja",	  "title_en",
		"summary_ja", "summary_en", "numbers_ja", "numbers_en",
		"controls",   NULL
	};
	static const char *const parts[] = { "catalog/guideline.tsv" };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, parts[0], cols, idx, &t))
		return -1;
	cat->guideline =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->guideline));
	FOR_ROWS (ld, t, i) {
		struct guideline_item *g = &cat->guideline[i];

		if (ld_need(ld, 0, &g->id) ||
		    ld_unique_id(ld, 0,
				 catalog_guideline_item(cat, g->id) != NULL))
			return -1;
		if (guideline_kind_parse(ld_field(ld, 1), &g->kind))
			return ld_bad_value(ld, 1, "catalog.bad_value");
		if (guideline_domain_parse(ld_field(ld, 2), &g->domain))
			return ld_bad_value(ld, 2, "catalog.bad_value");
		if (security_function_parse(ld_field(ld, 3), &g->function))
			return ld_bad_value(ld, 3, "catalog.bad_value");
		if (owners(ld, 4, &g->owners) ||
		    ld_number(ld, 5, 1, 3, &g->level) ||
		    ld_text(ld, 6, &g->title) || ld_text(ld, 8, &g->summary) ||
		    ld_text_optional(ld, 10, &g->numbers) ||
		    RESOLVE(ld, 12, ld_find_control, g->controls,
			    g->control_count))
			return -1;
		cat->guideline_count++;
	}
	return 0;
}

/* Uniqueness checks of the small catalogues, over the rows so far. */
static int find_part(const struct catalog *cat, int part)
{
	size_t i;

	for (i = 0; i < cat->part_count; i++)
		if (cat->parts[i].part == part)
			return 1;
	return 0;
}

static int find_answer(const struct catalog *cat, int value)
{
	size_t i;

	for (i = 0; i < cat->answer_count; i++)
		if (cat->answers[i].value == value)
			return 1;
	return 0;
}

static int find_executive(const struct catalog *cat, enum executive_kind kind,
			  int no)
{
	size_t i;

	for (i = 0; i < cat->executive_count; i++)
		if (cat->executive[i].kind == kind &&
		    cat->executive[i].no == no)
			return 1;
	return 0;
}

static int load_parts(struct loader *ld)
{
	static const char *const cols[] = { "part",    "first",	  "last",
					    "name_ja", "name_en", NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/diagnosis_parts.tsv", cols, idx, &t))
		return -1;
	cat->parts = ld_alloc_rows(cat, t.row_count, sizeof(*cat->parts));
	FOR_ROWS (ld, t, i) {
		struct diagnosis_part *p = &cat->parts[i];

		size_t j;

		if (ld_number(ld, 0, 1, DIAGNOSIS_PARTS, &p->part) ||
		    ld_unique_id(ld, 0, find_part(cat, p->part)) ||
		    ld_number(ld, 1, 1, DIAGNOSIS_ITEMS, &p->first) ||
		    ld_number(ld, 2, p->first, DIAGNOSIS_ITEMS, &p->last) ||
		    ld_text(ld, 3, &p->name))
			return -1;
		/* Each item belongs to exactly one part. */
		for (j = 0; j < cat->part_count; j++)
			if (p->first <= cat->parts[j].last &&
			    cat->parts[j].first <= p->last)
				return ld_bad_value(ld, 1, "catalog.bad_value");
		cat->part_count++;
	}
	return 0;
}

static int load_answers(struct loader *ld)
{
	static const char *const cols[] = { "value", "label_ja", "label_en",
					    NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/diagnosis_answers.tsv", cols, idx, &t))
		return -1;
	cat->answers = ld_alloc_rows(cat, t.row_count, sizeof(*cat->answers));
	FOR_ROWS (ld, t, i) {
		struct diagnosis_answer_label *a = &cat->answers[i];

		if (ld_number(ld, 0, -1, 4, &a->value) ||
		    ld_unique_id(ld, 0, find_answer(cat, a->value)))
			return -1;
		if (!diagnosis_answer_valid(a->value))
			return ld_bad_value(ld, 0, "catalog.bad_value");
		if (ld_text(ld, 1, &a->label))
			return -1;
		cat->answer_count++;
	}
	return 0;
}

static int load_bands(struct loader *ld)
{
	static const char *const cols[] = {
		"min",	      "max",	 "label_ja", "label_en", "meaning_ja",
		"meaning_en", "next_ja", "next_en",  NULL
	};
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/diagnosis_bands.tsv", cols, idx, &t))
		return -1;
	cat->bands = ld_alloc_rows(cat, t.row_count, sizeof(*cat->bands));
	FOR_ROWS (ld, t, i) {
		struct diagnosis_band *b = &cat->bands[i];

		if (ld_number(ld, 0, DIAGNOSIS_MIN, DIAGNOSIS_MAX, &b->min) ||
		    ld_number(ld, 1, b->min, DIAGNOSIS_MAX, &b->max) ||
		    ld_text(ld, 2, &b->label) || ld_text(ld, 4, &b->meaning) ||
		    ld_text(ld, 6, &b->next))
			return -1;
		cat->band_count++;
	}
	if (diagnosis_bands_check(cat->bands, cat->band_count))
		return error_set(ld->err, ERROR_INPUT, "catalog.bad_bands",
				 t.name, NULL);
	return 0;
}

static int load_diagnosis(struct loader *ld)
{
	static const char *const cols[] = { "no",	   "part",
					    "question_ja", "question_en",
					    "advice_ja",   "advice_en",
					    "controls",	   "guideline",
					    "regulation",  NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/diagnosis.tsv", cols, idx, &t))
		return -1;
	cat->diagnosis =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->diagnosis));
	FOR_ROWS (ld, t, i) {
		struct diagnosis_item *d = &cat->diagnosis[i];
		size_t p;
		int in_part = 0;

		if (ld_number(ld, 0, 1, DIAGNOSIS_ITEMS, &d->no) ||
		    ld_unique_id(ld, 0,
				 catalog_diagnosis_item(cat, d->no) != NULL) ||
		    ld_number(ld, 1, 1, DIAGNOSIS_PARTS, &d->part))
			return -1;
		for (p = 0; p < cat->part_count; p++)
			if (cat->parts[p].part == d->part &&
			    d->no >= cat->parts[p].first &&
			    d->no <= cat->parts[p].last)
				in_part = 1;
		if (!in_part)
			return ld_bad_value(ld, 1, "catalog.bad_value");
		if (ld_text(ld, 2, &d->question) ||
		    ld_text(ld, 4, &d->advice) ||
		    RESOLVE(ld, 6, ld_find_control, d->controls,
			    d->control_count) ||
		    RESOLVE(ld, 7, ld_find_guideline, d->guideline,
			    d->guideline_count) ||
		    RESOLVE(ld, 8, ld_find_regulation, d->regulations,
			    d->regulation_count))
			return -1;
		cat->diagnosis_count++;
	}
	return 0;
}

static int load_five_points(struct loader *ld)
{
	static const char *const cols[] = { "no",	   "title_ja",
					    "title_en",	   "practice_ja",
					    "practice_en", "diagnosis",
					    "controls",	   NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/five_points.tsv", cols, idx, &t))
		return -1;
	cat->five_points =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->five_points));
	FOR_ROWS (ld, t, i) {
		struct five_point *f = &cat->five_points[i];

		if (ld_number(ld, 0, (int)i + 1, (int)i + 1, &f->no) ||
		    ld_text(ld, 1, &f->title) || ld_text(ld, 3, &f->practice) ||
		    RESOLVE(ld, 5, ld_find_diagnosis, f->diagnosis,
			    f->diagnosis_count) ||
		    RESOLVE(ld, 6, ld_find_control, f->controls,
			    f->control_count))
			return -1;
		cat->five_point_count++;
	}
	return 0;
}

static int load_cloud_checks(struct loader *ld)
{
	static const char *const cols[] = { "no",	"phase",    "title_ja",
					    "title_en", "check_ja", "check_en",
					    "controls", NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/cloud_checks.tsv", cols, idx, &t))
		return -1;
	cat->cloud_checks =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->cloud_checks));
	FOR_ROWS (ld, t, i) {
		struct cloud_check *c = &cat->cloud_checks[i];

		if (ld_number(ld, 0, (int)i + 1, (int)i + 1, &c->no))
			return -1;
		if (cloud_phase_parse(ld_field(ld, 1), &c->phase))
			return ld_bad_value(ld, 1, "catalog.bad_value");
		if (ld_text(ld, 2, &c->title) || ld_text(ld, 4, &c->check) ||
		    RESOLVE(ld, 6, ld_find_control, c->controls,
			    c->control_count))
			return -1;
		cat->cloud_check_count++;
	}
	return 0;
}

static int load_executive(struct loader *ld)
{
	static const char *const cols[] = { "kind",	 "no",
					    "title_ja",	 "title_en",
					    "detail_ja", "detail_en",
					    NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/executive.tsv", cols, idx, &t))
		return -1;
	cat->executive =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->executive));
	FOR_ROWS (ld, t, i) {
		struct executive_item *e = &cat->executive[i];

		if (executive_kind_parse(ld_field(ld, 0), &e->kind))
			return ld_bad_value(ld, 0, "catalog.bad_value");
		if (ld_number(ld, 1, 1, 99, &e->no) ||
		    ld_unique_id(ld, 1, find_executive(cat, e->kind, e->no)) ||
		    ld_text(ld, 2, &e->title) || ld_text(ld, 4, &e->detail))
			return -1;
		cat->executive_count++;
	}
	return 0;
}

static int load_clauses(struct loader *ld)
{
	static const char *const cols[] = { "id",	  "parent",
					    "title_ja",	  "title_en",
					    "summary_ja", "summary_en",
					    NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/clauses.tsv", cols, idx, &t))
		return -1;
	cat->clauses = ld_alloc_rows(cat, t.row_count, sizeof(*cat->clauses));
	FOR_ROWS (ld, t, i) {
		struct clause *c = &cat->clauses[i];
		const char *parent = ld_field(ld, 1);

		if (ld_need(ld, 0, &c->id) ||
		    ld_unique_id(ld, 0, catalog_clause(cat, c->id) != NULL) ||
		    ld_text(ld, 2, &c->title) || ld_text(ld, 4, &c->summary))
			return -1;
		/* Parents come before their children in the file. */
		if (*parent && !(c->parent = catalog_clause(cat, parent)))
			return ld_bad_value(ld, 1, "catalog.bad_value");
		cat->clause_count++;
	}
	return 0;
}

static int load_documents(struct loader *ld)
{
	static const char *const cols[] = { "no",	"clause",   "kind",
					    "title_ja", "title_en", NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/clause_documents.tsv", cols, idx, &t))
		return -1;
	cat->documents =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->documents));
	FOR_ROWS (ld, t, i) {
		struct clause_document *d = &cat->documents[i];

		if (ld_number(ld, 0, (int)i + 1, (int)i + 1, &d->no))
			return -1;
		if (!(d->clause = catalog_clause(cat, ld_field(ld, 1))))
			return ld_bad_value(ld, 1, "catalog.bad_value");
		if (document_kind_parse(ld_field(ld, 2), &d->kind))
			return ld_bad_value(ld, 2, "catalog.bad_value");
		if (ld_text(ld, 3, &d->title))
			return -1;
		cat->document_count++;
	}
	return 0;
}

static int load_objectives(struct loader *ld)
{
	static const char *const cols[] = { "id",      "title_ja", "title_en",
					    "text_ja", "text_en",  NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/policy_objectives.tsv", cols, idx, &t))
		return -1;
	cat->objectives =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->objectives));
	FOR_ROWS (ld, t, i) {
		struct policy_objective *o = &cat->objectives[i];

		if (ld_need(ld, 0, &o->id) ||
		    ld_unique_id(ld, 0,
				 catalog_objective(cat, o->id) != NULL) ||
		    ld_text(ld, 1, &o->title) || ld_text(ld, 3, &o->text))
			return -1;
		cat->objective_count++;
	}
	return 0;
}

static int load_policy_blocks(struct loader *ld)
{
	static const char *const cols[] = { "no", "kind", "text_ja", "text_en",
					    NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "templates/basic_policy.tsv", cols, idx, &t))
		return -1;
	cat->policy_blocks =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->policy_blocks));
	FOR_ROWS (ld, t, i) {
		struct policy_block *b = &cat->policy_blocks[i];

		if (ld_number(ld, 0, (int)i + 1, (int)i + 1, &b->no))
			return -1;
		if (policy_block_kind_parse(ld_field(ld, 1), &b->kind))
			return ld_bad_value(ld, 1, "catalog.bad_value");
		if (ld_text(ld, 2, &b->text))
			return -1;
		cat->policy_block_count++;
	}
	return 0;
}

static int load_handbook(struct loader *ld)
{
	static const char *const cols[] = { "diagnosis", "title_ja", "title_en",
					    "rule_ja",	 "rule_en",  NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/handbook.tsv", cols, idx, &t))
		return -1;
	cat->handbook = ld_alloc_rows(cat, t.row_count, sizeof(*cat->handbook));
	FOR_ROWS (ld, t, i) {
		struct handbook_rule *h = &cat->handbook[i];

		if (ld_number(ld, 0, 0, DIAGNOSIS_ITEMS, &h->diagnosis) ||
		    ld_text(ld, 1, &h->title) || ld_text(ld, 3, &h->rule))
			return -1;
		cat->handbook_count++;
	}
	return 0;
}

/* Fails naming the pair or id (not the whole list) that is wrong. */
static int pair_fail(struct loader *ld, int col, const char *key,
		     const char *value)
{
	char line[32];

	snprintf(line, sizeof(line), "%zu", ld->row->line);
	return error_set(ld->err, ERROR_INPUT, key, ld->tsv->name, line,
			 ld->tsv->columns[ld->idx[col]], value, NULL);
}

/* Resolves one "THREAT:VULNERABILITY" of column col into *out. */
static int case_pair(struct loader *ld, int col, const char *pair,
		     struct risk_pair *out)
{
	const char *colon = strchr(pair, ':');
	const char *tid;
	size_t k;

	if (!colon)
		return pair_fail(ld, col, "catalog.bad_value", pair);
	tid = arena_memdupz(&ld->cat->arena, pair, (size_t)(colon - pair));
	out->threat = catalog_threat(ld->cat, tid);
	out->vulnerability = catalog_vulnerability(ld->cat, colon + 1);
	if (!out->threat)
		return pair_fail(ld, col, "catalog.no_target", tid);
	if (!out->vulnerability)
		return pair_fail(ld, col, "catalog.no_target", colon + 1);
	for (k = 0; k < out->vulnerability->threat_count; k++)
		if (out->vulnerability->threats[k] == out->threat)
			return 0;
	return pair_fail(ld, col, "catalog.pair_unrelated", pair);
}

/*
 * The pairs of a case.  A pair must name a known threat and vulnerability,
 * the vulnerability must list the threat (so a case proposes nothing the
 * risk catalogues would not pair), and no pair may repeat: each becomes
 * one risk per asset.
 */
static int case_pairs(struct loader *ld, int col, struct incident_case *c)
{
	const char *p = ld_field(ld, col);
	struct risk_pair *out = NULL;
	size_t n = 0, cap = 0, k;

	while (*p) {
		size_t len = strcspn(p, " ");
		const char *pair;

		if (!len) {
			p++;
			continue;
		}
		pair = arena_memdupz(&ld->cat->arena, p, len);
		ALLOC_GROW(out, n + 1, cap);
		if (case_pair(ld, col, pair, &out[n]))
			goto out_fail;
		for (k = 0; k < n; k++)
			if (out[k].threat == out[n].threat &&
			    out[k].vulnerability == out[n].vulnerability) {
				pair_fail(ld, col, "catalog.dup_id", pair);
				goto out_fail;
			}
		n++;
		p += len;
	}
	if (!n)
		return ld_bad_value(ld, col, "catalog.empty");
	c->pairs = ld_alloc_rows(ld->cat, n, sizeof(*out));
	memcpy((struct risk_pair *)c->pairs, out, n * sizeof(*out));
	c->pair_count = n;
	free(out);
	return 0;
out_fail:
	free(out);
	return -1;
}

static int load_cases(struct loader *ld)
{
	static const char *const cols[] = {
		"id",	       "title_ja",	"title_en",	 "story_ja",
		"story_en",    "cause_ja",	"cause_en",	 "impact_ja",
		"impact_en",   "risks_ja",	"risks_en",	 "measures_ja",
		"measures_en", "procedures_ja", "procedures_en", "controls",
		"guideline",   "diagnosis",	"regulation",	 "threat_ja",
		"threat_en",   "medium",	"pairs",	 NULL
	};
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/cases.tsv", cols, idx, &t))
		return -1;
	cat->cases = ld_alloc_rows(cat, t.row_count, sizeof(*cat->cases));
	FOR_ROWS (ld, t, i) {
		struct incident_case *c = &cat->cases[i];

		if (ld_need(ld, 0, &c->id) ||
		    ld_unique_id(ld, 0, catalog_case(cat, c->id) != NULL) ||
		    ld_text(ld, 1, &c->title) || ld_text(ld, 3, &c->story) ||
		    ld_text(ld, 5, &c->cause) || ld_text(ld, 7, &c->impact) ||
		    ld_text(ld, 9, &c->risks) ||
		    ld_text(ld, 11, &c->measures) ||
		    ld_text(ld, 13, &c->procedures) ||
		    RESOLVE(ld, 15, ld_find_control, c->controls,
			    c->control_count) ||
		    RESOLVE(ld, 16, ld_find_guideline, c->guideline,
			    c->guideline_count) ||
		    RESOLVE(ld, 17, ld_find_diagnosis, c->diagnosis,
			    c->diagnosis_count) ||
		    RESOLVE(ld, 18, ld_find_regulation, c->regulations,
			    c->regulation_count) ||
		    ld_text(ld, 19, &c->threat))
			return -1;
		if (medium_parse(ld_field(ld, 21), &c->medium))
			return ld_bad_value(ld, 21, "catalog.bad_value");
		if (case_pairs(ld, 22, c))
			return -1;
		tsv_unescape_newlines((char *)c->risks.ja);
		tsv_unescape_newlines((char *)c->risks.en);
		tsv_unescape_newlines((char *)c->measures.ja);
		tsv_unescape_newlines((char *)c->measures.en);
		tsv_unescape_newlines((char *)c->procedures.ja);
		tsv_unescape_newlines((char *)c->procedures.en);
		cat->case_count++;
	}
	return 0;
}

int catalog_load(const struct embedded_group *files, struct catalog **out,
		 struct error *err)
{
	struct catalog *cat = xcalloc(1, sizeof(*cat));
	struct loader ld = { cat, files, NULL, NULL, NULL, err };

	arena_init(&cat->arena, 64 * 1024);
	/* Order matters: each file may point only at those loaded before. */
	if (load_controls(&ld) || load_regulations(&ld) ||
	    load_guideline(&ld) || load_parts(&ld) || load_answers(&ld) ||
	    load_bands(&ld) || load_diagnosis(&ld) || load_five_points(&ld) ||
	    load_cloud_checks(&ld) || load_executive(&ld) ||
	    load_clauses(&ld) || load_documents(&ld) || load_objectives(&ld) ||
	    load_policy_blocks(&ld) || load_handbook(&ld) ||
	    catalog_load_risk(&ld) || load_cases(&ld)) {
		catalog_free(cat);
		return -1;
	}
	*out = cat;
	return 0;
}

int catalog_load_builtin(struct catalog **out, struct error *err)
{
	return catalog_load(&embedded_data, out, err);
}

void catalog_free(struct catalog *cat)
{
	if (!cat)
		return;
	arena_release(&cat->arena);
	free(cat);
}

const struct control *catalog_control(const struct catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->control_count; i++)
		if (!strcmp(cat->controls[i].id, id))
			return &cat->controls[i];
	return NULL;
}

/* 1 when c is among list[0..n). */
static int names(const struct control *const *list, size_t n,
		 const struct control *c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == c)
			return 1;
	return 0;
}

/*
 * Each list is gathered in two passes (count, then fill) so that it is one
 * exact arena allocation; the catalogues are a few hundred rows, and a
 * reverse index kept for all 93 controls would cost more than it saves.
 */
#define GATHER(arr, n, list_of, count_of, dst, dst_n)                        \
	do {                                                                 \
		size_t i_, k_ = 0;                                           \
		for (i_ = 0; i_ < (n); i_++)                                 \
			k_ += (size_t)names((arr)[i_].list_of,               \
					    (arr)[i_].count_of, c);          \
		(dst_n) = k_;                                                \
		(dst) = NULL;                                                \
		if (!k_)                                                     \
			break;                                               \
		(dst) = arena_calloc(arena, k_, sizeof(*(dst)));             \
		for (i_ = 0, k_ = 0; i_ < (n); i_++)                         \
			if (names((arr)[i_].list_of, (arr)[i_].count_of, c)) \
				(dst)[k_++] = &(arr)[i_];                    \
	} while (0)

void catalog_control_refs(const struct catalog *cat, const struct control *c,
			  struct arena *arena, struct control_refs *out)
{
	GATHER(cat->guideline, cat->guideline_count, controls, control_count,
	       out->guideline, out->guideline_count);
	GATHER(cat->diagnosis, cat->diagnosis_count, controls, control_count,
	       out->diagnosis, out->diagnosis_count);
	GATHER(cat->regulations, cat->regulation_count, controls, control_count,
	       out->regulations, out->regulation_count);
	GATHER(cat->cases, cat->case_count, controls, control_count, out->cases,
	       out->case_count);
	GATHER(cat->vulnerabilities, cat->vulnerability_count, controls,
	       control_count, out->vulnerabilities, out->vulnerability_count);
}

#undef GATHER

const struct guideline_item *catalog_guideline_item(const struct catalog *cat,
						    const char *id)
{
	size_t i;

	for (i = 0; i < cat->guideline_count; i++)
		if (!strcmp(cat->guideline[i].id, id))
			return &cat->guideline[i];
	return NULL;
}

const struct diagnosis_item *catalog_diagnosis_item(const struct catalog *cat,
						    int no)
{
	size_t i;

	for (i = 0; i < cat->diagnosis_count; i++)
		if (cat->diagnosis[i].no == no)
			return &cat->diagnosis[i];
	return NULL;
}

const struct regulation *catalog_regulation(const struct catalog *cat, int no)
{
	size_t i;

	for (i = 0; i < cat->regulation_count; i++)
		if (cat->regulations[i].no == no)
			return &cat->regulations[i];
	return NULL;
}

const struct clause *catalog_clause(const struct catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->clause_count; i++)
		if (!strcmp(cat->clauses[i].id, id))
			return &cat->clauses[i];
	return NULL;
}

const struct policy_objective *catalog_objective(const struct catalog *cat,
						 const char *id)
{
	size_t i;

	for (i = 0; i < cat->objective_count; i++)
		if (!strcmp(cat->objectives[i].id, id))
			return &cat->objectives[i];
	return NULL;
}

const struct incident_case *catalog_case(const struct catalog *cat,
					 const char *id)
{
	size_t i;

	for (i = 0; i < cat->case_count; i++)
		if (!strcmp(cat->cases[i].id, id))
			return &cat->cases[i];
	return NULL;
}
