/*
 * risk.h: the two risk methods and their rules.
 *
 * The IPA risk analysis sheet rates C, I and A 0-2, takes the highest as
 * the importance, converts threat (1-3) and vulnerability (1-3) into the
 * likelihood of damage (1-3) by a table, and multiplies: the risk value
 * 0-6, banded 小 / 中 / 大.  The seminar's 3-point method rates C, I and A
 * 1-3 and the likelihood 1-3 directly: the risk level 1-9, graded by the
 * organisation's own acceptance criteria.  Both end in three grades, low,
 * medium and high, so the rest of mamori need not care which method runs.
 * The scales, the table and the grades are data (data/catalog/risk_*.tsv).
 */
#ifndef MAMORI_CORE_RISK_H
#define MAMORI_CORE_RISK_H

#include <stddef.h>
#include <stdint.h>

#include "core/reference.h"
#include "core/text.h"

struct control;
struct error;
struct guideline_item;

enum risk_method { RISK_IPA, RISK_THREE_POINT, RISK_METHOD_COUNT };

const char *risk_method_name(enum risk_method m);
int risk_method_parse(const char *name, enum risk_method *m);

enum risk_scale_kind {
	SCALE_CIA,
	SCALE_THREAT,
	SCALE_VULNERABILITY,
	SCALE_LIKELIHOOD,
	SCALE_KIND_COUNT
};

const char *risk_scale_name(enum risk_scale_kind k);
int risk_scale_parse(const char *name, enum risk_scale_kind *k);

/* Low, medium, high: 小/中/大 (IPA) or accept/follow up/reduce. */
enum risk_grade { GRADE_LOW, GRADE_MEDIUM, GRADE_HIGH, GRADE_COUNT };

const char *risk_grade_name(enum risk_grade g);
int risk_grade_parse(const char *name, enum risk_grade *g);

enum { RISK_SCALE_POINTS = 3, RISK_UNRATED = -1 };

struct risk_scale_point {
	int value;
	struct text label;
	struct text meaning;
};

/* A rating scale, highest value first, as the file lists it. */
struct risk_scale {
	struct risk_scale_point points[RISK_SCALE_POINTS];
	size_t count; /* 0 when the method does not use the scale */
	int min, max;
};

struct risk_grade_def {
	int min, max; /* the levels in this grade (defaults, for 3-point) */
	struct text label;
	struct text meaning;
};

/* Everything a method is, as loaded from the catalogue. */
struct risk_method_def {
	enum risk_method method;
	struct risk_scale scales[SCALE_KIND_COUNT];
	int table[RISK_SCALE_POINTS][RISK_SCALE_POINTS]; /* IPA: [t-1][v-1] */
	int has_table;
	struct risk_grade_def grades[GRADE_COUNT];
};

/*
 * The grading in force: the highest level that is still low, and the
 * highest that is still medium.  IPA's are fixed by the method; 3-point
 * organisations choose theirs.
 */
struct risk_criteria {
	int low_max;
	int medium_max;
};

/* Returns 1 when v is a value of the scale k of method m. */
int risk_value_valid(const struct risk_method_def *m, enum risk_scale_kind k,
		     int v);
/* The highest of c, i and a; RISK_UNRATED when any is unrated. */
int risk_importance(int c, int i, int a);
/*
 * IPA: the likelihood of threat and vulnerability from the table;
 * RISK_UNRATED when either is unrated or out of the scale.
 */
int risk_likelihood(const struct risk_method_def *m, int threat,
		    int vulnerability);
/* importance x likelihood; RISK_UNRATED when either is unrated. */
int risk_level(int importance, int likelihood);
/* The highest level a method can reach: 6 (IPA) or 9 (3-point). */
int risk_level_max(const struct risk_method_def *m);
/* The lowest: 0 (IPA) or 1 (3-point). */
int risk_level_min(const struct risk_method_def *m);
/* Returns 1 when some importance x likelihood of the method gives level. */
int risk_level_possible(const struct risk_method_def *m, int level);

/* The method's own criteria (its grade boundaries as the file has them). */
void risk_criteria_default(const struct risk_method_def *m,
			   struct risk_criteria *out);
/*
 * Checks 3-point criteria an organisation chose: levels within the
 * method's range, low_max < medium_max.  IPA criteria must equal the
 * method's.  Fails with ERROR_INPUT naming the field.
 */
int risk_criteria_validate(const struct risk_method_def *m,
			   const struct risk_criteria *c, struct error *err);
/* The grade of a rated level; GRADE_COUNT for RISK_UNRATED. */
enum risk_grade risk_grade_of(const struct risk_criteria *c, int level);

/*
 * The priority of a level: 1 + how many rated risks have a higher level
 * (tied levels share a rank).  counts[L] is the number of risks at level
 * L, for L in 0 … 9.
 */
int risk_rank(const size_t counts[10], int level);

/*
 * A C, I or A value carried into a new assessment whose method differs:
 * the scales have the same three steps, so the step is kept (IPA 0-2 is
 * 3-point 1-3).  RISK_UNRATED stays unrated.
 */
int risk_convert_value(enum risk_method from, enum risk_method to, int v);

/* 低減 / 保有 / 回避 / 移転, or not decided yet. */
enum risk_treatment {
	TREAT_NONE,
	TREAT_REDUCE,
	TREAT_RETAIN,
	TREAT_AVOID,
	TREAT_TRANSFER,
	TREAT_COUNT
};

const char *risk_treatment_name(enum risk_treatment t);
int risk_treatment_parse(const char *name, enum risk_treatment *t);

/* 未定 / 予定 / 済み: how far the treatment has gone. */
enum treatment_status {
	TSTATUS_UNDECIDED,
	TSTATUS_PLANNED,
	TSTATUS_DONE,
	TSTATUS_COUNT
};

const char *treatment_status_name(enum treatment_status s);
int treatment_status_parse(const char *name, enum treatment_status *s);

/* Personal data an asset holds (the ledger's three columns). */
enum personal_data {
	PERSONAL_DATA = 1 << 0,	     /* 個人情報 */
	PERSONAL_SENSITIVE = 1 << 1, /* 要配慮個人情報 */
	PERSONAL_MY_NUMBER = 1 << 2, /* マイナンバー */
	PERSONAL_ALL = (1 << 3) - 1
};

/* The C, I, A properties a threat harms. */
enum cia_property {
	PROPERTY_C = 1 << 0,
	PROPERTY_I = 1 << 1,
	PROPERTY_A = 1 << 2,
};

/* A typical threat (脅威), from data/catalog/threats.tsv. */
struct threat {
	const char *id; /* "t01" */
	struct text title;
	struct text description;
	struct text consequence; /* the usual 起こり得る結果 */
	unsigned media;		 /* 1 << enum medium, or MEDIA_ANY */
	int personal;		 /* suggested only for personal data */
	unsigned properties;	 /* PROPERTY_* */
};

enum { MEDIA_ANY = 1u << MEDIUM_COUNT };

/* A weakness (脆弱性) that lets threats happen, and what fixes it. */
struct vulnerability {
	const char *id; /* "v01" */
	struct text title;
	unsigned media;
	const struct threat **threats;
	size_t threat_count;
	const struct control **controls;
	size_t control_count;
	const struct guideline_item **guideline;
	size_t guideline_count;
};

/* A suggested (threat, vulnerability) pair. */
struct risk_pair {
	const struct threat *threat;
	const struct vulnerability *vulnerability;
};

/*
 * The pairs that fit an asset on medium (a enum medium, or -1 for a
 * medium of the organisation's own) holding the personal data bits:
 * every threat for the medium (or for any medium), paired with each
 * vulnerability for the medium that lets it happen; threats meant for
 * personal data only when the asset holds some.  In threat order, then
 * vulnerability order.  Writes at most max pairs, returns how many fit.
 */
size_t risk_suggest(const struct threat *threats, size_t threat_count,
		    const struct vulnerability *vulns, size_t vuln_count,
		    int medium, unsigned personal, struct risk_pair *out,
		    size_t max);

#endif
