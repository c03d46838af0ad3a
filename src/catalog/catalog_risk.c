/*
 * catalog_risk.c: the risk catalogues: the two methods' scales, the IPA
 * conversion table and the grades, typical threats and vulnerabilities,
 * and the built-in classification labels.
 */
#include "util/compat.h"
#include "catalog/catalog.h"

#include <stdio.h>
#include <string.h>

#include "catalog/loader.h"
#include "util/error.h"
#include "util/parse.h"

/* Fails naming the file when a method's data do not hang together. */
static int bad_method(struct loader *ld, const char *file, const char *why)
{
	return error_set(ld->err, ERROR_INPUT, "catalog.bad_method", file, why,
			 NULL);
}

static int load_scales(struct loader *ld)
{
	static const char *const cols[] = { "method",	  "scale",
					    "value",	  "label_ja",
					    "label_en",	  "meaning_ja",
					    "meaning_en", NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	size_t i, j;

	if (ld_load_file(ld, "catalog/risk_scales.tsv", cols, idx, &t))
		return -1;
	FOR_ROWS (ld, t, i) {
		enum risk_method m;
		enum risk_scale_kind k;
		struct risk_scale *s;
		struct risk_scale_point *p;

		if (risk_method_parse(ld_field(ld, 0), &m))
			return ld_bad_value(ld, 0, "catalog.bad_value");
		if (risk_scale_parse(ld_field(ld, 1), &k))
			return ld_bad_value(ld, 1, "catalog.bad_value");
		s = &ld->cat->methods[m].scales[k];
		if (s->count == RISK_SCALE_POINTS)
			return ld_bad_value(ld, 2, "catalog.dup_id");
		p = &s->points[s->count];
		/* Highest first, one step at a time: 2 1 0 or 3 2 1. */
		if (ld_number(ld, 2, 0, 3, &p->value))
			return -1;
		/* A repeated point is named as such, not as a bad step. */
		for (j = 0; j < s->count; j++)
			if (s->points[j].value == p->value)
				return ld_bad_value(ld, 2, "catalog.dup_id");
		if (s->count && p->value != s->points[s->count - 1].value - 1)
			return ld_bad_value(ld, 2, "catalog.bad_value");
		if (ld_text(ld, 3, &p->label) || ld_text(ld, 5, &p->meaning))
			return -1;
		if (!s->count)
			s->max = p->value;
		s->min = p->value;
		s->count++;
	}
	return 0;
}

static int load_table(struct loader *ld)
{
	static const char *const cols[] = { "threat", "vulnerability",
					    "likelihood", NULL };
	struct risk_method_def *m = &ld->cat->methods[RISK_IPA];
	int idx[ARRAY_SIZE(cols)], seen[3][3] = { { 0 } };
	struct tsv t;
	size_t i;

	if (ld_load_file(ld, "catalog/risk_likelihood.tsv", cols, idx, &t))
		return -1;
	FOR_ROWS (ld, t, i) {
		int th, v, l;

		if (ld_number(ld, 0, 1, 3, &th) || ld_number(ld, 1, 1, 3, &v) ||
		    ld_number(ld, 2, 1, 3, &l))
			return -1;
		if (seen[th - 1][v - 1]++)
			return ld_bad_value(ld, 1, "catalog.dup_id");
		m->table[th - 1][v - 1] = l;
	}
	/* A missing cell leaves the IPA method incomplete. */
	if (t.row_count != 9)
		return bad_method(ld, t.name, risk_method_name(RISK_IPA));
	m->has_table = 1;
	return 0;
}

static int load_grades(struct loader *ld)
{
	static const char *const cols[] = {
		"method",   "grade",	  "min",	"max", "label_ja",
		"label_en", "meaning_ja", "meaning_en", NULL
	};
	int idx[ARRAY_SIZE(cols)],
		seen[RISK_METHOD_COUNT][GRADE_COUNT] = { { 0 } };
	struct tsv t;
	size_t i;

	if (ld_load_file(ld, "catalog/risk_grades.tsv", cols, idx, &t))
		return -1;
	FOR_ROWS (ld, t, i) {
		enum risk_method m;
		enum risk_grade g;
		struct risk_grade_def *d;

		if (risk_method_parse(ld_field(ld, 0), &m))
			return ld_bad_value(ld, 0, "catalog.bad_value");
		if (risk_grade_parse(ld_field(ld, 1), &g))
			return ld_bad_value(ld, 1, "catalog.bad_value");
		if (seen[m][g]++)
			return ld_bad_value(ld, 1, "catalog.dup_id");
		d = &ld->cat->methods[m].grades[g];
		if (ld_number(ld, 2, 0, 9, &d->min) ||
		    ld_number(ld, 3, d->min, 9, &d->max) ||
		    ld_text(ld, 4, &d->label) || ld_text(ld, 6, &d->meaning))
			return -1;
	}
	return 0;
}

/*
 * A method is whole when its C/I/A and likelihood scales have three
 * points (IPA: threat and vulnerability too, and the table), and its
 * three grades follow each other and take in every reachable level.
 */
static int check_method(struct loader *ld, struct risk_method_def *m)
{
	const char *file = "catalog/risk_scales.tsv";
	int need_table = m->method == RISK_IPA, l;
	struct risk_grade_def *g = m->grades;

	if (m->scales[SCALE_CIA].count != RISK_SCALE_POINTS ||
	    m->scales[SCALE_LIKELIHOOD].count != RISK_SCALE_POINTS)
		return bad_method(ld, file, risk_method_name(m->method));
	if (need_table &&
	    (m->scales[SCALE_THREAT].count != RISK_SCALE_POINTS ||
	     m->scales[SCALE_VULNERABILITY].count != RISK_SCALE_POINTS ||
	     m->scales[SCALE_THREAT].min != 1 ||
	     m->scales[SCALE_VULNERABILITY].min != 1 || !m->has_table))
		return bad_method(ld, file, risk_method_name(m->method));
	if (!need_table)
		m->has_table = 0;
	file = "catalog/risk_grades.tsv";
	if (!g[GRADE_LOW].label.ja || !g[GRADE_MEDIUM].label.ja ||
	    !g[GRADE_HIGH].label.ja ||
	    g[GRADE_LOW].max >= g[GRADE_MEDIUM].min ||
	    g[GRADE_MEDIUM].max >= g[GRADE_HIGH].min)
		return bad_method(ld, file, risk_method_name(m->method));
	for (l = risk_level_min(m); l <= risk_level_max(m); l++) {
		enum risk_grade k;

		if (!risk_level_possible(m, l))
			continue;
		for (k = GRADE_LOW; k < GRADE_COUNT; k++)
			if (l >= g[k].min && l <= g[k].max)
				break;
		if (k == GRADE_COUNT)
			return bad_method(ld, file,
					  risk_method_name(m->method));
	}
	return 0;
}

/* A space-separated list of medium names, or "*" for any medium. */
static int media(struct loader *ld, int col, unsigned *out)
{
	const char *p = ld_field(ld, col);
	char word[32];
	size_t len;

	*out = 0;
	if (!strcmp(p, "*")) {
		*out = MEDIA_ANY;
		return 0;
	}
	while (*p) {
		enum medium m;

		if (*p == ' ') {
			p++;
			continue;
		}
		len = strcspn(p, " ");
		if (len >= sizeof(word))
			return ld_bad_value(ld, col, "catalog.bad_value");
		memcpy(word, p, len);
		word[len] = '\0';
		if (medium_parse(word, &m))
			return ld_bad_value(ld, col, "catalog.bad_value");
		*out |= 1u << m;
		p += len;
	}
	if (!*out)
		return ld_bad_value(ld, col, "catalog.empty");
	return 0;
}

static int properties(struct loader *ld, int col, unsigned *out)
{
	const char *p;

	*out = 0;
	for (p = ld_field(ld, col); *p; p++) {
		switch (*p) {
		case 'C':
			*out |= PROPERTY_C;
			break;
		case 'I':
			*out |= PROPERTY_I;
			break;
		case 'A':
			*out |= PROPERTY_A;
			break;
		case ' ':
			break;
		default:
			return ld_bad_value(ld, col, "catalog.bad_value");
		}
	}
	if (!*out)
		return ld_bad_value(ld, col, "catalog.empty");
	return 0;
}

static int load_threats(struct loader *ld)
{
	static const char *const cols[] = { "id",
					    "title_ja",
					    "title_en",
					    "description_ja",
					    "description_en",
					    "media",
					    "personal",
					    "properties",
					    "consequence_ja",
					    "consequence_en",
					    NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/threats.tsv", cols, idx, &t))
		return -1;
	cat->threats = ld_alloc_rows(cat, t.row_count, sizeof(*cat->threats));
	FOR_ROWS (ld, t, i) {
		struct threat *th = &cat->threats[i];

		if (ld_need(ld, 0, &th->id) ||
		    ld_unique_id(ld, 0, catalog_threat(cat, th->id) != NULL) ||
		    ld_text(ld, 1, &th->title) ||
		    ld_text(ld, 3, &th->description) ||
		    media(ld, 5, &th->media) ||
		    ld_number(ld, 6, 0, 1, &th->personal) ||
		    properties(ld, 7, &th->properties) ||
		    ld_text(ld, 8, &th->consequence))
			return -1;
		cat->threat_count++;
	}
	return 0;
}

static const void *find_threat(const struct catalog *cat, const char *id)
{
	return catalog_threat(cat, id);
}

static int load_vulnerabilities(struct loader *ld)
{
	static const char *const cols[] = { "id",	 "title_ja", "title_en",
					    "media",	 "threats",  "controls",
					    "guideline", NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/vulnerabilities.tsv", cols, idx, &t))
		return -1;
	cat->vulnerabilities =
		ld_alloc_rows(cat, t.row_count, sizeof(*cat->vulnerabilities));
	FOR_ROWS (ld, t, i) {
		struct vulnerability *v = &cat->vulnerabilities[i];

		if (ld_need(ld, 0, &v->id) ||
		    ld_unique_id(ld, 0,
				 catalog_vulnerability(cat, v->id) != NULL) ||
		    ld_text(ld, 1, &v->title) || media(ld, 3, &v->media) ||
		    RESOLVE(ld, 4, find_threat, v->threats, v->threat_count) ||
		    RESOLVE(ld, 5, ld_find_control, v->controls,
			    v->control_count) ||
		    RESOLVE(ld, 6, ld_find_guideline, v->guideline,
			    v->guideline_count))
			return -1;
		if (!v->threat_count)
			return ld_bad_value(ld, 4, "catalog.empty");
		cat->vulnerability_count++;
	}
	return 0;
}

static int load_labels(struct loader *ld)
{
	static const char *const cols[] = { "id",	  "label_ja",
					    "label_en",	  "meaning_ja",
					    "meaning_en", NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	struct catalog *cat = ld->cat;
	size_t i;

	if (ld_load_file(ld, "catalog/classification.tsv", cols, idx, &t))
		return -1;
	cat->labels = ld_alloc_rows(cat, t.row_count, sizeof(*cat->labels));
	FOR_ROWS (ld, t, i) {
		struct classification_label *l = &cat->labels[i];

		if (ld_need(ld, 0, &l->id) ||
		    ld_unique_id(ld, 0, catalog_label(cat, l->id) != NULL) ||
		    ld_text(ld, 1, &l->label) || ld_text(ld, 3, &l->meaning))
			return -1;
		cat->label_count++;
	}
	return 0;
}

int catalog_load_risk(struct loader *ld)
{
	enum risk_method m;

	for (m = 0; m < RISK_METHOD_COUNT; m++)
		ld->cat->methods[m].method = m;
	if (load_scales(ld) || load_table(ld) || load_grades(ld))
		return -1;
	for (m = 0; m < RISK_METHOD_COUNT; m++)
		if (check_method(ld, &ld->cat->methods[m]))
			return -1;
	return load_threats(ld) || load_vulnerabilities(ld) || load_labels(ld)
		       ? -1
		       : 0;
}

const struct risk_method_def *catalog_method(const struct catalog *cat,
					     enum risk_method m)
{
	return &cat->methods[m];
}

const struct threat *catalog_threat(const struct catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->threat_count; i++)
		if (!strcmp(cat->threats[i].id, id))
			return &cat->threats[i];
	return NULL;
}

const struct vulnerability *catalog_vulnerability(const struct catalog *cat,
						  const char *id)
{
	size_t i;

	for (i = 0; i < cat->vulnerability_count; i++)
		if (!strcmp(cat->vulnerabilities[i].id, id))
			return &cat->vulnerabilities[i];
	return NULL;
}

const struct classification_label *catalog_label(const struct catalog *cat,
						 const char *id)
{
	size_t i;

	for (i = 0; i < cat->label_count; i++)
		if (!strcmp(cat->labels[i].id, id))
			return &cat->labels[i];
	return NULL;
}
