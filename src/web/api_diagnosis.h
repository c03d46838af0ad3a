/* api_diagnosis.h: the self-diagnosis result as JSON, for the API and the
 * CLI. */
#ifndef MAMORI_WEB_API_DIAGNOSIS_H
#define MAMORI_WEB_API_DIAGNOSIS_H

#include "core/diagnosis.h"
#include "core/text.h"

struct catalog;

/*
 * Returns (caller frees) the result of answers as compact JSON: total,
 * band, parts, unknown count and the weak items weakest first with advice
 * and links, texts in lang.  run, when not NULL, adds its id, unit, who
 * and when.
 */
char *diagnosis_result_json(const struct catalog *cat, enum lang lang,
			    const int answers[DIAGNOSIS_ITEMS],
			    const struct diagnosis_run *run);

#endif
