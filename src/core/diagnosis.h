/* diagnosis.h: the 25-item self-diagnosis and its scoring rules. */
#ifndef MAMORI_CORE_DIAGNOSIS_H
#define MAMORI_CORE_DIAGNOSIS_H

#include <stddef.h>

#include "core/text.h"

struct control;
struct guideline_item;
struct regulation;

enum {
	DIAGNOSIS_ITEMS = 25,
	DIAGNOSIS_PARTS = 3,
	DIAGNOSIS_MAX = DIAGNOSIS_ITEMS * 4, /* every item 実施している */
	DIAGNOSIS_MIN = -DIAGNOSIS_ITEMS,    /* every item わからない */
};

/* The answer scale (facts of the method): 4 / 2 / 0 / -1. */
enum diagnosis_answer {
	ANSWER_DONE = 4,     /* 実施している */
	ANSWER_PARTLY = 2,   /* 一部実施している */
	ANSWER_NOT_DONE = 0, /* 実施していない */
	ANSWER_UNKNOWN = -1, /* わからない */
};

/* Returns 1 when v is one of the four answer values. */
int diagnosis_answer_valid(int v);

struct diagnosis_part {
	int part; /* 1 … 3 */
	int first, last;
	struct text name;
};

struct diagnosis_item {
	int no;	  /* 1 … 25 */
	int part; /* 1 … 3 */
	struct text question;
	struct text advice;
	const struct control **controls;
	size_t control_count;
	const struct guideline_item **guideline;
	size_t guideline_count;
	const struct regulation **regulations;
	size_t regulation_count;
};

struct diagnosis_band {
	int min, max; /* inclusive total range */
	struct text label;
	struct text meaning;
	struct text next;
};

/* The scored result of one set of 25 answers. */
struct diagnosis_score {
	int total; /* -25 … 100 */
	int part_total[DIAGNOSIS_PARTS];
	int part_max[DIAGNOSIS_PARTS]; /* 4 × the part's item count */
	int unknown_count;	       /* items answered わからない */
	int answered;		       /* items with any answer */
};

/*
 * Scores answers[0..24] (item n at index n-1) against the parts.  An
 * answer that is not one of the four values counts as unanswered and
 * adds nothing.  Returns 0, or -1 when the parts do not cover 1 … 25.
 */
int diagnosis_score(const int answers[DIAGNOSIS_ITEMS],
		    const struct diagnosis_part *parts, size_t part_count,
		    struct diagnosis_score *out);

/* Returns the band whose range holds total, or NULL. */
const struct diagnosis_band *
diagnosis_band_of(const struct diagnosis_band *bands, size_t count, int total);

/*
 * Checks that bands cover DIAGNOSIS_MIN … DIAGNOSIS_MAX exactly once, in
 * any order.  Returns 0 or -1.
 */
int diagnosis_bands_check(const struct diagnosis_band *bands, size_t count);

#endif
