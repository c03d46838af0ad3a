/* catalog.h: the reference data, loaded once and read-only afterwards. */
#ifndef MAMORI_CATALOG_CATALOG_H
#define MAMORI_CATALOG_CATALOG_H

#include <stddef.h>

#include "core/asset.h"
#include "core/control.h"
#include "core/diagnosis.h"
#include "core/guideline.h"
#include "core/reference.h"
#include "core/risk.h"
#include "util/arena.h"

struct embedded_group;
struct error;

/* A label of the diagnosis answer scale. */
struct diagnosis_answer_label {
	int value; /* 4, 2, 0 or -1 */
	struct text label;
};

/*
 * Every catalogue of data/catalog/, with crosswalks resolved to pointers.
 * Arrays are in file order; the arena owns all of it, and nothing changes
 * after catalog_load() returns, so threads may share one catalog.
 */
struct catalog {
	struct arena arena;
	struct control *controls;
	size_t control_count;
	struct guideline_item *guideline;
	size_t guideline_count;
	struct diagnosis_item *diagnosis;
	size_t diagnosis_count;
	struct diagnosis_part *parts;
	size_t part_count;
	struct diagnosis_answer_label *answers;
	size_t answer_count;
	struct diagnosis_band *bands;
	size_t band_count;
	struct five_point *five_points;
	size_t five_point_count;
	struct cloud_check *cloud_checks;
	size_t cloud_check_count;
	struct regulation *regulations;
	size_t regulation_count;
	struct executive_item *executive;
	size_t executive_count;
	struct clause *clauses;
	size_t clause_count;
	struct clause_document *documents;
	size_t document_count;
	struct policy_objective *objectives;
	size_t objective_count;
	struct policy_block *policy_blocks;
	size_t policy_block_count;
	struct handbook_rule *handbook;
	size_t handbook_count;
	struct incident_case *cases;
	size_t case_count;
	struct risk_method_def methods[RISK_METHOD_COUNT];
	struct threat *threats;
	size_t threat_count;
	struct vulnerability *vulnerabilities;
	size_t vulnerability_count;
	struct classification_label *labels; /* the built-in ones */
	size_t label_count;
};

/*
 * Loads every catalogue from files (the embedded data/ group, or a user's
 * set in the same layout: "catalog/iso27002.tsv" …) and checks it: the
 * columns, each value, unique ids, both languages, and that every
 * crosswalk target exists.  On failure err names the file, line, column
 * and value (ERROR_INPUT) and *out is untouched.  The caller frees the
 * result with catalog_free().
 */
int catalog_load(const struct embedded_group *files, struct catalog **out,
		 struct error *err);
/* Loads the catalogues compiled into the binary. */
int catalog_load_builtin(struct catalog **out, struct error *err);
void catalog_free(struct catalog *cat);

/* Lookups by id; each returns NULL when there is no such entry. */
const struct control *catalog_control(const struct catalog *cat,
				      const char *id);
const struct guideline_item *catalog_guideline_item(const struct catalog *cat,
						    const char *id);
const struct diagnosis_item *catalog_diagnosis_item(const struct catalog *cat,
						    int no);
const struct regulation *catalog_regulation(const struct catalog *cat, int no);
const struct clause *catalog_clause(const struct catalog *cat, const char *id);
const struct policy_objective *catalog_objective(const struct catalog *cat,
						 const char *id);
const struct incident_case *catalog_case(const struct catalog *cat,
					 const char *id);
const struct threat *catalog_threat(const struct catalog *cat, const char *id);
const struct vulnerability *catalog_vulnerability(const struct catalog *cat,
						  const char *id);
const struct classification_label *catalog_label(const struct catalog *cat,
						 const char *id);
/*
 * Everything in the catalogues that points at one control: the guideline
 * items, diagnosis items, rule-set sections, incident cases and
 * weaknesses whose crosswalk names it, each list in file order.  The
 * arrays come from arena; lists may be empty (NULL, 0).
 */
struct control_refs {
	const struct guideline_item **guideline;
	size_t guideline_count;
	const struct diagnosis_item **diagnosis;
	size_t diagnosis_count;
	const struct regulation **regulations;
	size_t regulation_count;
	const struct incident_case **cases;
	size_t case_count;
	const struct vulnerability **vulnerabilities;
	size_t vulnerability_count;
};

void catalog_control_refs(const struct catalog *cat, const struct control *c,
			  struct arena *arena, struct control_refs *out);

/* The scales, table and grades of a risk method; never NULL. */
const struct risk_method_def *catalog_method(const struct catalog *cat,
					     enum risk_method m);

#endif
