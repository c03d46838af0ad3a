/* risk.c: the rules of the two risk methods. */
#include "util/compat.h"
#include "core/risk.h"

#include "util/error.h"
#include "util/parse.h"

static const char *const method_names[RISK_METHOD_COUNT] = { "ipa",
							     "three_point" };
static const char *const scale_names[SCALE_KIND_COUNT] = { "cia", "threat",
							   "vulnerability",
							   "likelihood" };
static const char *const grade_names[GRADE_COUNT] = { "low", "medium", "high" };
static const char *const treatment_names[TREAT_COUNT] = { "", "reduce",
							  "retain", "avoid",
							  "transfer" };
static const char *const tstatus_names[TSTATUS_COUNT] = { "undecided",
							  "planned", "done" };

const char *risk_method_name(enum risk_method m)
{
	return method_names[m];
}

int risk_method_parse(const char *name, enum risk_method *m)
{
	int i = parse_name(method_names, RISK_METHOD_COUNT, name);

	if (i < 0)
		return -1;
	*m = (enum risk_method)i;
	return 0;
}

const char *risk_scale_name(enum risk_scale_kind k)
{
	return scale_names[k];
}

int risk_scale_parse(const char *name, enum risk_scale_kind *k)
{
	int i = parse_name(scale_names, SCALE_KIND_COUNT, name);

	if (i < 0)
		return -1;
	*k = (enum risk_scale_kind)i;
	return 0;
}

const char *risk_grade_name(enum risk_grade g)
{
	return grade_names[g];
}

int risk_grade_parse(const char *name, enum risk_grade *g)
{
	int i = parse_name(grade_names, GRADE_COUNT, name);

	if (i < 0)
		return -1;
	*g = (enum risk_grade)i;
	return 0;
}

const char *risk_treatment_name(enum risk_treatment t)
{
	return treatment_names[t];
}

int risk_treatment_parse(const char *name, enum risk_treatment *t)
{
	int i = parse_name(treatment_names, TREAT_COUNT, name);

	if (i < 0)
		return -1;
	*t = (enum risk_treatment)i;
	return 0;
}

const char *treatment_status_name(enum treatment_status s)
{
	return tstatus_names[s];
}

int treatment_status_parse(const char *name, enum treatment_status *s)
{
	int i = parse_name(tstatus_names, TSTATUS_COUNT, name);

	if (i < 0)
		return -1;
	*s = (enum treatment_status)i;
	return 0;
}

int risk_value_valid(const struct risk_method_def *m, enum risk_scale_kind k,
		     int v)
{
	const struct risk_scale *s = &m->scales[k];

	return s->count && v >= s->min && v <= s->max;
}

int risk_importance(int c, int i, int a)
{
	int max = c;

	if (c < 0 || i < 0 || a < 0)
		return RISK_UNRATED;
	if (i > max)
		max = i;
	if (a > max)
		max = a;
	return max;
}

int risk_likelihood(const struct risk_method_def *m, int threat,
		    int vulnerability)
{
	if (!m->has_table || !risk_value_valid(m, SCALE_THREAT, threat) ||
	    !risk_value_valid(m, SCALE_VULNERABILITY, vulnerability))
		return RISK_UNRATED;
	return m->table[threat - 1][vulnerability - 1];
}

int risk_level(int importance, int likelihood)
{
	if (importance < 0 || likelihood < 0)
		return RISK_UNRATED;
	return importance * likelihood;
}

int risk_level_max(const struct risk_method_def *m)
{
	return m->scales[SCALE_CIA].max * m->scales[SCALE_LIKELIHOOD].max;
}

int risk_level_min(const struct risk_method_def *m)
{
	return m->scales[SCALE_CIA].min * m->scales[SCALE_LIKELIHOOD].min;
}

int risk_level_possible(const struct risk_method_def *m, int level)
{
	const struct risk_scale *imp = &m->scales[SCALE_CIA];
	const struct risk_scale *lik = &m->scales[SCALE_LIKELIHOOD];
	int i, l;

	for (i = imp->min; i <= imp->max; i++)
		for (l = lik->min; l <= lik->max; l++)
			if (i * l == level)
				return 1;
	return 0;
}

void risk_criteria_default(const struct risk_method_def *m,
			   struct risk_criteria *out)
{
	out->low_max = m->grades[GRADE_LOW].max;
	out->medium_max = m->grades[GRADE_MEDIUM].max;
}

int risk_criteria_validate(const struct risk_method_def *m,
			   const struct risk_criteria *c, struct error *err)
{
	struct risk_criteria def;
	int lo = risk_level_min(m), hi = risk_level_max(m);

	risk_criteria_default(m, &def);
	if (m->method == RISK_IPA) {
		/* The sheet's bands are part of the method, not a choice. */
		if (c->low_max != def.low_max ||
		    c->medium_max != def.medium_max)
			return error_set(err, ERROR_INPUT, "risk.fixed_bands",
					 NULL);
		return 0;
	}
	if (c->low_max < lo || c->low_max >= hi)
		return error_set(err, ERROR_INPUT, "risk.bad_criteria",
				 "risk.low_max", NULL);
	if (c->medium_max <= c->low_max || c->medium_max > hi)
		return error_set(err, ERROR_INPUT, "risk.bad_criteria",
				 "risk.medium_max", NULL);
	return 0;
}

enum risk_grade risk_grade_of(const struct risk_criteria *c, int level)
{
	if (level < 0)
		return GRADE_COUNT;
	if (level <= c->low_max)
		return GRADE_LOW;
	if (level <= c->medium_max)
		return GRADE_MEDIUM;
	return GRADE_HIGH;
}

int risk_rank(const size_t counts[10], int level)
{
	size_t above = 0;
	int l;

	for (l = level + 1; l < 10; l++)
		above += counts[l];
	return (int)above + 1;
}

int risk_convert_value(enum risk_method from, enum risk_method to, int v)
{
	if (v < 0 || from == to)
		return v;
	return from == RISK_IPA ? v + 1 : v - 1;
}

/* Returns 1 when a catalogue entry for media fits medium. */
static int fits(unsigned media, int medium)
{
	if (media & MEDIA_ANY)
		return 1;
	return medium >= 0 && (media & (1u << medium));
}

size_t risk_suggest(const struct threat *threats, size_t threat_count,
		    const struct vulnerability *vulns, size_t vuln_count,
		    int medium, unsigned personal, struct risk_pair *out,
		    size_t max)
{
	size_t t, v, k, n = 0;

	for (t = 0; t < threat_count; t++) {
		const struct threat *th = &threats[t];

		if (!fits(th->media, medium) || (th->personal && !personal))
			continue;
		for (v = 0; v < vuln_count; v++) {
			if (!fits(vulns[v].media, medium))
				continue;
			for (k = 0; k < vulns[v].threat_count; k++)
				if (vulns[v].threats[k] == th)
					break;
			if (k == vulns[v].threat_count)
				continue;
			if (n < max) {
				out[n].threat = th;
				out[n].vulnerability = &vulns[v];
			}
			n++;
		}
	}
	return n;
}
