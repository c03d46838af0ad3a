/* diagnosis.h: the 25-item self-diagnosis and its scoring rules. */
#ifndef MAMORI_CORE_DIAGNOSIS_H
#define MAMORI_CORE_DIAGNOSIS_H

#include <stddef.h>
#include <stdint.h>

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

/* The answers of one run: item n at index n-1; DIAGNOSIS_NONE = not yet. */
enum { DIAGNOSIS_NONE = -99, DIAGNOSIS_NOTE_MAX = 1000 };

/* One answering of the 25 items, by the company or a department/site. */
struct diagnosis_run {
	int64_t id;
	const char *unit;	 /* "" for the whole company */
	const char *answered_by; /* who started it */
	int64_t started_at;
	int64_t completed_at; /* 0 while open */
	int answers[DIAGNOSIS_ITEMS];
	const char *notes[DIAGNOSIS_ITEMS];
	int answered; /* how many items have an answer */
	int total;    /* the score of the answers so far */
};

/* The state of one of the five points. */
enum five_status {
	FIVE_NOT_STARTED,
	FIVE_IN_PROGRESS,
	FIVE_COMMITTED,
	FIVE_STATUS_COUNT
};

const char *five_status_name(enum five_status s);
int five_status_parse(const char *name, enum five_status *s);

/*
 * Combines the answers of several departments or sites into one set: per
 * item the weakest answer, わからない (-1) counting as the weakest, since
 * a company does something only when every unit does it.  An item that
 * some unit has not answered is unanswered in the result.  count may be 0
 * (everything unanswered).
 */
void diagnosis_combine(const int (*runs)[DIAGNOSIS_ITEMS], size_t count,
		       int out[DIAGNOSIS_ITEMS]);

/*
 * Orders the item numbers 1 … 25 weakest first into order[]: 実施していない
 * and わからない first, then 一部実施, then unanswered, then 実施している;
 * within a group by item number.  Returns how many are weak (answer < 4,
 * answered).
 */
size_t diagnosis_weakest_first(const int answers[DIAGNOSIS_ITEMS],
			       int order[DIAGNOSIS_ITEMS]);

/* How an item's answer moved between two runs. */
enum diagnosis_change {
	CHANGE_SAME,
	CHANGE_BETTER,
	CHANGE_WORSE,
	CHANGE_UNCOMPARABLE, /* one of the two is unanswered or わからない */
};

enum diagnosis_change diagnosis_compare_item(int before, int after);

/* SECURITY ACTION self-declaration levels. */
struct security_action {
	int one_star; /* every one of the five points is committed */
	int two_star; /* a completed diagnosis, and a published policy */
};

/*
 * The readiness rules: ★ needs all five points committed; ★★ needs a
 * completed self-diagnosis on file and a basic policy approved and marked
 * as published (★★ does not need ★ in the scheme's own terms).
 */
void security_action_readiness(const int five_committed[5],
			       int diagnosis_completed, int policy_published,
			       struct security_action *out);

#endif
