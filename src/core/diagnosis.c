/* diagnosis.c: scoring of the 25-item self-diagnosis. */
#include "util/compat.h"
#include "core/diagnosis.h"

#include <string.h>

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
