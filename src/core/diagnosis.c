/* diagnosis.c: scoring of the 25-item self-diagnosis. */
#include "util/compat.h"
#include "core/diagnosis.h"

#include <string.h>

#include "util/parse.h"

int diagnosis_answer_valid(int v)
{
	return v == ANSWER_DONE || v == ANSWER_PARTLY || v == ANSWER_NOT_DONE ||
	       v == ANSWER_UNKNOWN;
}

/* Returns the index of the part holding item no, or -1. */
static int part_index(const struct diagnosis_part *parts, size_t count, int no)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (no >= parts[i].first && no <= parts[i].last &&
		    parts[i].part >= 1 && parts[i].part <= DIAGNOSIS_PARTS)
			return parts[i].part - 1;
	return -1;
}

int diagnosis_score(const int answers[DIAGNOSIS_ITEMS],
		    const struct diagnosis_part *parts, size_t part_count,
		    struct diagnosis_score *out)
{
	struct diagnosis_score s;
	int no;

	memset(&s, 0, sizeof(s));
	for (no = 1; no <= DIAGNOSIS_ITEMS; no++) {
		int p = part_index(parts, part_count, no);
		int a = answers[no - 1];

		if (p < 0)
			return -1;
		s.part_max[p] += ANSWER_DONE;
		if (!diagnosis_answer_valid(a))
			continue;
		s.answered++;
		s.total += a;
		s.part_total[p] += a;
		if (a == ANSWER_UNKNOWN)
			s.unknown_count++;
	}
	*out = s;
	return 0;
}

const struct diagnosis_band *
diagnosis_band_of(const struct diagnosis_band *bands, size_t count, int total)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (total >= bands[i].min && total <= bands[i].max)
			return &bands[i];
	return NULL;
}

int diagnosis_bands_check(const struct diagnosis_band *bands, size_t count)
{
	int v;

	for (v = DIAGNOSIS_MIN; v <= DIAGNOSIS_MAX; v++) {
		size_t i, hits = 0;

		for (i = 0; i < count; i++)
			if (v >= bands[i].min && v <= bands[i].max)
				hits++;
		if (hits != 1)
			return -1;
	}
	return 0;
}

void diagnosis_combine(const int (*runs)[DIAGNOSIS_ITEMS], size_t count,
		       int out[DIAGNOSIS_ITEMS])
{
	size_t r;
	int i;

	for (i = 0; i < DIAGNOSIS_ITEMS; i++) {
		int v = count ? ANSWER_DONE : DIAGNOSIS_NONE;

		for (r = 0; r < count; r++) {
			int a = runs[r][i];

			if (!diagnosis_answer_valid(a)) {
				v = DIAGNOSIS_NONE;
				break;
			}
			if (a < v)
				v = a;
		}
		out[i] = v;
	}
}

/* The group an answer falls in when ordering weakest first. */
static int weakness_rank(int a)
{
	switch (a) {
	case ANSWER_NOT_DONE:
	case ANSWER_UNKNOWN:
		return 0;
	case ANSWER_PARTLY:
		return 1;
	case ANSWER_DONE:
		return 3;
	default:
		return 2; /* unanswered */
	}
}

size_t diagnosis_weakest_first(const int answers[DIAGNOSIS_ITEMS],
			       int order[DIAGNOSIS_ITEMS])
{
	size_t n = 0, weak = 0;
	int rank, i;

	for (rank = 0; rank <= 3; rank++)
		for (i = 0; i < DIAGNOSIS_ITEMS; i++)
			if (weakness_rank(answers[i]) == rank) {
				order[n++] = i + 1;
				if (rank < 2)
					weak++;
			}
	return weak;
}

enum diagnosis_change diagnosis_compare_item(int before, int after)
{
	if (!diagnosis_answer_valid(before) || !diagnosis_answer_valid(after) ||
	    before == ANSWER_UNKNOWN || after == ANSWER_UNKNOWN)
		return before == after && diagnosis_answer_valid(before)
			       ? CHANGE_SAME
			       : CHANGE_UNCOMPARABLE;
	if (after > before)
		return CHANGE_BETTER;
	if (after < before)
		return CHANGE_WORSE;
	return CHANGE_SAME;
}

void security_action_readiness(const int five_committed[5],
			       int diagnosis_completed, int policy_published,
			       struct security_action *out)
{
	int i, all = 1;

	for (i = 0; i < 5; i++)
		if (!five_committed[i])
			all = 0;
	out->one_star = all;
	out->two_star = diagnosis_completed && policy_published;
}

static const char *const five_names[FIVE_STATUS_COUNT] = { "not_started",
							   "in_progress",
							   "committed" };

const char *five_status_name(enum five_status s)
{
	return five_names[s];
}

int five_status_parse(const char *name, enum five_status *s)
{
	int i = parse_name(five_names, FIVE_STATUS_COUNT, name);

	if (i < 0)
		return -1;
	*s = (enum five_status)i;
	return 0;
}
