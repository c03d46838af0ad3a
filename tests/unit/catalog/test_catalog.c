/* test_catalog.c: the built-in catalogues load, hold the known facts, and
 * broken catalogues are refused with a message naming what is wrong. */
#include "util/compat.h"
#include "catalog/catalog.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/embed.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The state of the fact tests: the built-in catalogue. */
static int setup_builtin(void **state)
{
	struct catalog *cat = NULL;
	struct error err = ERROR_INIT;

	if (catalog_load_builtin(&cat, &err)) {
		fprintf(stderr, "# catalog_load_builtin: %s %s %s %s %s\n",
			err.key, err.args[0], err.args[1], err.args[2],
			err.args[3]);
		return -1;
	}
	*state = cat;
	return 0;
}

static int teardown_builtin(void **state)
{
	catalog_free(*state);
	return 0;
}

/* Returns 1 when s holds a byte outside ASCII. */
static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* Returns 1 when s starts or ends with an ASCII space or tab. */
static int has_outer_space(const char *s)
{
	size_t len = strlen(s);

	return len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
		       s[len - 1] == '\t');
}

/* A required text: both languages present, no stray outer white space. */
static void assert_text(const struct text *t)
{
	assert_non_null(t->ja);
	assert_non_null(t->en);
	assert_true(t->ja[0] != '\0');
	assert_true(t->en[0] != '\0');
	assert_false(has_outer_space(t->ja));
	assert_false(has_outer_space(t->en));
}

/* A title: a required text whose Japanese holds Japanese characters. */
static void assert_title(const struct text *t)
{
	assert_text(t);
	assert_true(has_non_ascii(t->ja));
}

/* An optional text: both languages empty, or both present. */
static void assert_optional_text(const struct text *t)
{
	assert_non_null(t->ja);
	assert_non_null(t->en);
	assert_int_equal(t->ja[0] == '\0', t->en[0] == '\0');
}

/* Every entry of a crosswalk is a control that catalog_control() finds. */
static void assert_controls(const struct catalog *cat,
			    const struct control *const *list, size_t count)
{
	size_t i;

	if (count)
		assert_non_null(list);
	for (i = 0; i < count; i++) {
		assert_non_null(list[i]);
		assert_ptr_equal(catalog_control(cat, list[i]->id), list[i]);
	}
}

/* Counts the controls that carry the hashtag tag of set. */
static size_t count_attr(const struct catalog *cat, enum attr_set set,
			 const char *tag)
{
	int v = attr_value_find(set, tag);
	size_t i, n = 0;

	assert_true(v >= 0);
	for (i = 0; i < cat->control_count; i++)
		n += (size_t)control_has_attr(&cat->controls[i], set,
					      (size_t)v);
	return n;
}

static void test_catalog__control_counts(void **state)
{
	const struct catalog *cat = *state;
	size_t by_theme[THEME_COUNT] = { 0 };
	size_t i;

	assert_int_equal(cat->control_count, 93);
	for (i = 0; i < cat->control_count; i++) {
		assert_true((int)cat->controls[i].theme >= 0 &&
			    cat->controls[i].theme < THEME_COUNT);
		by_theme[cat->controls[i].theme]++;
	}
	assert_int_equal(by_theme[THEME_ORGANIZATIONAL], 37);
	assert_int_equal(by_theme[THEME_PEOPLE], 8);
	assert_int_equal(by_theme[THEME_PHYSICAL], 14);
	assert_int_equal(by_theme[THEME_TECHNOLOGICAL], 34);
}

static void test_catalog__control_ids_follow_themes(void **state)
{
	const struct catalog *cat = *state;
	static const int clause_of[THEME_COUNT] = { 5, 6, 7, 8 };
	int next[THEME_COUNT] = { 1, 1, 1, 1 };
	size_t i;

	/* 5.1 … 5.37, 6.1 … 6.8, 7.1 … 7.14, 8.1 … 8.34, in file order. */
	for (i = 0; i < cat->control_count; i++) {
		const struct control *c = &cat->controls[i];
		char want[16];

		snprintf(want, sizeof(want), "%d.%d", clause_of[c->theme],
			 next[c->theme]++);
		assert_string_equal(c->id, want);
		if (i)
			assert_true(control_id_cmp(cat->controls[i - 1].id,
						   c->id) < 0);
	}
}

static void test_catalog__new_in_2022(void **state)
{
	static const char *const want[] = { "5.7",  "5.23", "5.30", "7.4",
					    "8.9",  "8.10", "8.11", "8.12",
					    "8.16", "8.23", "8.28" };
	const struct catalog *cat = *state;
	size_t i, n = 0;

	for (i = 0; i < cat->control_count; i++) {
		if (!cat->controls[i].new_in_2022)
			continue;
		assert_true(n < ARRAY_SIZE(want));
		assert_string_equal(cat->controls[i].id, want[n]);
		n++;
		/* A new control has no ISO/IEC 27001:2013 predecessor. */
		assert_string_equal(cat->controls[i].ids_2013, "");
	}
	assert_int_equal(n, ARRAY_SIZE(want));
}

static void test_catalog__attribute_totals(void **state)
{
	const struct catalog *cat = *state;
	size_t i, s;

	assert_int_equal(count_attr(cat, ATTR_TYPE, "#Preventive"), 83);
	assert_int_equal(count_attr(cat, ATTR_TYPE, "#Detective"), 13);
	assert_int_equal(count_attr(cat, ATTR_TYPE, "#Corrective"), 14);
	/* Every control carries at least one value of every attribute set. */
	for (i = 0; i < cat->control_count; i++)
		for (s = 0; s < ATTR_SET_COUNT; s++)
			assert_true(cat->controls[i].attrs[s] != 0);
}

static void test_catalog__guideline_counts(void **state)
{
	const struct catalog *cat = *state;
	size_t kinds[KIND_COUNT] = { 0 }, levels[4] = { 0 };
	size_t i;

	assert_int_equal(cat->guideline_count, 170);
	for (i = 0; i < cat->guideline_count; i++) {
		const struct guideline_item *g = &cat->guideline[i];

		assert_true((int)g->kind >= 0 && g->kind < KIND_COUNT);
		assert_true(g->level >= 1 && g->level <= 3);
		assert_true((int)g->function >= 0 &&
			    g->function < FUNCTION_COUNT);
		kinds[g->kind]++;
		levels[g->level]++;
	}
	assert_int_equal(kinds[GUIDELINE_ESTABLISH], 10);
	assert_int_equal(kinds[GUIDELINE_EXECUTE], 160);
	assert_int_equal(levels[1], 110);
	assert_int_equal(levels[2], 51);
	assert_int_equal(levels[3], 9);
}

static void test_catalog__guideline_chapters(void **state)
{
	/* Chapter n of the guideline and the domains its items belong to. */
	static const struct {
		int chapter;
		size_t count;
		enum guideline_domain main, sub;
		const char *sub_prefix; /* items of the sub-domain */
		size_t sub_count;
	} chapters[] = {
		{ 3, 17, DOMAIN_ACCOUNT, DOMAIN_ACCOUNT, NULL, 0 },
		{ 4, 41, DOMAIN_SOFTWARE, DOMAIN_CLOUD, "4.4.", 8 },
		{ 5, 19, DOMAIN_DATA, DOMAIN_BACKUP, "5.3.", 4 },
		{ 6, 21, DOMAIN_DEVICE, DOMAIN_DEVICE, NULL, 0 },
		{ 7, 35, DOMAIN_NETWORK, DOMAIN_NETWORK, NULL, 0 },
		{ 8, 16, DOMAIN_SECURE_DEVELOPMENT, DOMAIN_SECURE_DEVELOPMENT,
		  NULL, 0 },
		{ 9, 11, DOMAIN_TRAINING, DOMAIN_TRAINING, NULL, 0 },
		{ 10, 10, DOMAIN_INCIDENT_RESPONSE, DOMAIN_INCIDENT_RESPONSE,
		  NULL, 0 },
	};
	const struct catalog *cat = *state;
	size_t by_domain[DOMAIN_COUNT] = { 0 };
	size_t c, i, total = 0;

	for (i = 0; i < cat->guideline_count; i++) {
		assert_true((int)cat->guideline[i].domain >= 0 &&
			    cat->guideline[i].domain < DOMAIN_COUNT);
		by_domain[cat->guideline[i].domain]++;
	}
	for (c = 0; c < ARRAY_SIZE(chapters); c++) {
		size_t in_chapter = 0, in_sub = 0;

		for (i = 0; i < cat->guideline_count; i++) {
			const struct guideline_item *g = &cat->guideline[i];
			long ch = strtol(g->id, NULL, 10);
			int is_sub = chapters[c].sub_prefix &&
				     !strncmp(g->id, chapters[c].sub_prefix,
					      strlen(chapters[c].sub_prefix));

			if (ch != chapters[c].chapter)
				continue;
			in_chapter++;
			if (is_sub) {
				in_sub++;
				assert_int_equal(g->domain, chapters[c].sub);
			} else {
				assert_int_equal(g->domain, chapters[c].main);
			}
		}
		assert_int_equal(in_chapter, chapters[c].count);
		assert_int_equal(in_sub, chapters[c].sub_count);
		if (chapters[c].main == chapters[c].sub)
			assert_int_equal(by_domain[chapters[c].main],
					 chapters[c].count);
		else
			assert_int_equal(by_domain[chapters[c].main] +
						 by_domain[chapters[c].sub],
					 chapters[c].count);
		total += in_chapter;
	}
	assert_int_equal(total, cat->guideline_count);
	assert_int_equal(by_domain[DOMAIN_CLOUD], 8);
	assert_int_equal(by_domain[DOMAIN_BACKUP], 4);
}

static void test_catalog__guideline_owners(void **state)
{
	const struct catalog *cat = *state;
	const unsigned all = OWNER_EXECUTIVE | OWNER_SYSADMIN | OWNER_DEV_LEAD |
			     OWNER_HR_LEAD;
	size_t i, none = 0;

	for (i = 0; i < cat->guideline_count; i++) {
		const struct guideline_item *g = &cat->guideline[i];

		assert_int_equal(g->owners & ~all, 0);
		if (!g->owners) {
			assert_string_equal(g->id, "5.1.6");
			none++;
		}
	}
	assert_int_equal(none, 1);
}

static void test_catalog__guideline_lookup(void **state)
{
	const struct catalog *cat = *state;
	const struct guideline_item *g = catalog_guideline_item(cat, "3.2.2");

	assert_non_null(g);
	assert_string_equal(g->id, "3.2.2");
	assert_int_equal(g->level, 1);
	assert_int_equal(g->owners, OWNER_SYSADMIN);
	assert_int_equal(g->domain, DOMAIN_ACCOUNT);
	assert_true(guideline_item_applies(g, 1));

	g = catalog_guideline_item(cat, "3");
	assert_non_null(g);
	assert_int_equal(g->kind, GUIDELINE_ESTABLISH);
	assert_true(g->owners & OWNER_EXECUTIVE);

	assert_null(catalog_guideline_item(cat, "3.2.99"));
	assert_null(catalog_guideline_item(cat, ""));
	assert_null(catalog_guideline_item(cat, "3.2.2 "));
}

static void test_catalog__control_lookup(void **state)
{
	const struct catalog *cat = *state;
	const struct control *c = catalog_control(cat, "5.12");
	size_t i;
	int has_5_13 = 0;

	assert_non_null(c);
	assert_string_equal(c->id, "5.12");
	assert_int_equal(c->theme, THEME_ORGANIZATIONAL);
	assert_ptr_equal(c, &cat->controls[11]);
	for (i = 0; i < c->related_count; i++)
		if (!strcmp(c->related[i]->id, "5.13"))
			has_5_13 = 1;
	assert_true(has_5_13);

	c = catalog_control(cat, "8.34");
	assert_non_null(c);
	assert_ptr_equal(c, &cat->controls[92]);
	assert_int_equal(c->theme, THEME_TECHNOLOGICAL);

	assert_null(catalog_control(cat, "8.35"));
	assert_null(catalog_control(cat, "A.5.1"));
	assert_null(catalog_control(cat, "5"));
	assert_null(catalog_control(cat, ""));
}

/* Checks one list of catalog_control_refs() against the catalogue. */
#define CHECK_REFS(arr, n, list_of, count_of, got, got_n)             \
	do {                                                          \
		size_t i_, j_, k_ = 0;                                \
		for (i_ = 0; i_ < (n); i_++) {                        \
			int names_ = 0;                               \
			for (j_ = 0; j_ < (arr)[i_].count_of; j_++)   \
				names_ |= (arr)[i_].list_of[j_] == c; \
			if (!names_)                                  \
				continue;                             \
			assert_true(k_ < (got_n));                    \
			assert_ptr_equal((got)[k_], &(arr)[i_]);      \
			k_++;                                         \
		}                                                     \
		assert_int_equal(k_, (got_n));                        \
		if (!k_)                                              \
			assert_null(got);                             \
	} while (0)

static void test_catalog__control_refs(void **state)
{
	const struct catalog *cat = *state;
	struct arena arena;
	struct control_refs r;
	size_t n, total = 0;
	int found;

	arena_init(&arena, 0);
	/* Every control: exactly the entries that name it, in file order. */
	for (n = 0; n < cat->control_count; n++) {
		const struct control *c = &cat->controls[n];

		catalog_control_refs(cat, c, &arena, &r);
		CHECK_REFS(cat->guideline, cat->guideline_count, controls,
			   control_count, r.guideline, r.guideline_count);
		CHECK_REFS(cat->diagnosis, cat->diagnosis_count, controls,
			   control_count, r.diagnosis, r.diagnosis_count);
		CHECK_REFS(cat->regulations, cat->regulation_count, controls,
			   control_count, r.regulations, r.regulation_count);
		CHECK_REFS(cat->cases, cat->case_count, controls, control_count,
			   r.cases, r.case_count);
		CHECK_REFS(cat->vulnerabilities, cat->vulnerability_count,
			   controls, control_count, r.vulnerabilities,
			   r.vulnerability_count);
		total += r.guideline_count + r.diagnosis_count +
			 r.regulation_count + r.case_count +
			 r.vulnerability_count;
	}
	assert_true(total > cat->control_count);
	/* 5.12 classification: the guideline's labelling item, the rule
	 * set's asset section, the shared-link case and the weakness of
	 * unlabelled data all point at it. */
	catalog_control_refs(cat, catalog_control(cat, "5.12"), &arena, &r);
	for (n = 0, found = 0; n < r.guideline_count; n++)
		found |= !strcmp(r.guideline[n]->id, "5.1.1");
	assert_true(found);
	for (n = 0, found = 0; n < r.regulation_count; n++)
		found |= r.regulations[n]->no == 3;
	assert_true(found);
	for (n = 0, found = 0; n < r.case_count; n++)
		found |= !strcmp(r.cases[n]->id, "c08");
	assert_true(found);
	for (n = 0, found = 0; n < r.vulnerability_count; n++)
		found |= !strcmp(r.vulnerabilities[n]->id, "v06");
	assert_true(found);
	arena_release(&arena);
}

#undef CHECK_REFS

static void test_catalog__diagnosis(void **state)
{
	static const int want_part_size[DIAGNOSIS_PARTS] = { 5, 13, 7 };
	static const int want_answers[] = { 4, 2, 0, -1 };
	const struct catalog *cat = *state;
	int part_size[DIAGNOSIS_PARTS + 1] = { 0 };
	size_t i;
	int p;

	assert_int_equal(cat->diagnosis_count, DIAGNOSIS_ITEMS);
	assert_int_equal(cat->part_count, DIAGNOSIS_PARTS);
	for (i = 0; i < cat->diagnosis_count; i++) {
		const struct diagnosis_item *d = &cat->diagnosis[i];

		assert_int_equal(d->no, (int)i + 1);
		assert_ptr_equal(catalog_diagnosis_item(cat, d->no), d);
		assert_true(d->part >= 1 && d->part <= DIAGNOSIS_PARTS);
		part_size[d->part]++;
	}
	for (p = 0; p < DIAGNOSIS_PARTS; p++) {
		const struct diagnosis_part *part = &cat->parts[p];

		assert_int_equal(part->part, p + 1);
		assert_int_equal(part->last - part->first + 1,
				 want_part_size[p]);
		assert_int_equal(part_size[p + 1], want_part_size[p]);
		assert_title(&part->name);
	}
	assert_int_equal(cat->parts[0].first, 1);
	assert_int_equal(cat->parts[1].first, 6);
	assert_int_equal(cat->parts[2].first, 19);
	assert_int_equal(cat->parts[2].last, 25);
	assert_null(catalog_diagnosis_item(cat, 0));
	assert_null(catalog_diagnosis_item(cat, 26));

	assert_int_equal(cat->answer_count, ARRAY_SIZE(want_answers));
	for (i = 0; i < cat->answer_count; i++) {
		assert_int_equal(cat->answers[i].value, want_answers[i]);
		assert_title(&cat->answers[i].label);
	}
}

static void test_catalog__bands(void **state)
{
	const struct catalog *cat = *state;
	int total;

	assert_true(cat->band_count > 0);
	assert_int_equal(diagnosis_bands_check(cat->bands, cat->band_count), 0);
	for (total = DIAGNOSIS_MIN; total <= DIAGNOSIS_MAX; total++)
		assert_non_null(
			diagnosis_band_of(cat->bands, cat->band_count, total));
	assert_null(diagnosis_band_of(cat->bands, cat->band_count,
				      DIAGNOSIS_MIN - 1));
	assert_null(diagnosis_band_of(cat->bands, cat->band_count,
				      DIAGNOSIS_MAX + 1));
}

static void test_catalog__reference_counts(void **state)
{
	static const int phase_first[PHASE_COUNT] = { 1, 7, 11 };
	static const int phase_last[PHASE_COUNT] = { 6, 10, 15 };
	const struct catalog *cat = *state;
	size_t phases[PHASE_COUNT] = { 0 }, kinds[EXEC_KIND_COUNT] = { 0 };
	size_t i;

	assert_int_equal(cat->five_point_count, 5);
	for (i = 0; i < cat->five_point_count; i++)
		assert_int_equal(cat->five_points[i].no, (int)i + 1);

	assert_int_equal(cat->cloud_check_count, 15);
	for (i = 0; i < cat->cloud_check_count; i++) {
		const struct cloud_check *c = &cat->cloud_checks[i];

		assert_int_equal(c->no, (int)i + 1);
		assert_true((int)c->phase >= 0 && c->phase < PHASE_COUNT);
		assert_in_range(c->no, phase_first[c->phase],
				phase_last[c->phase]);
		phases[c->phase]++;
	}
	assert_int_equal(phases[CLOUD_SELECT], 6);
	assert_int_equal(phases[CLOUD_OPERATE], 4);
	assert_int_equal(phases[CLOUD_SECURITY], 5);

	assert_int_equal(cat->regulation_count, 11);
	for (i = 0; i < cat->regulation_count; i++) {
		assert_int_equal(cat->regulations[i].no, (int)i + 1);
		assert_ptr_equal(catalog_regulation(cat, (int)i + 1),
				 &cat->regulations[i]);
	}
	assert_null(catalog_regulation(cat, 12));

	assert_int_equal(cat->executive_count, 10);
	for (i = 0; i < cat->executive_count; i++) {
		const struct executive_item *e = &cat->executive[i];

		assert_true((int)e->kind >= 0 && e->kind < EXEC_KIND_COUNT);
		kinds[e->kind]++;
		/* Each kind is numbered 1, 2, … in file order. */
		assert_int_equal(e->no, (int)kinds[e->kind]);
	}
	assert_int_equal(kinds[EXECUTIVE_PRINCIPLE], 3);
	assert_int_equal(kinds[EXECUTIVE_ACTION], 7);
}

static void test_catalog__clauses(void **state)
{
	static const char *const want[] = { "4",     "5",     "6",   "7",
					    "8",     "9",     "10",  "6.1.3",
					    "9.2.2", "10.2",  "4.1", "7.5.1",
					    "9.3.3", "6.1.2", "8.3" };
	const struct catalog *cat = *state;
	size_t i, top = 0;

	for (i = 0; i < ARRAY_SIZE(want); i++)
		assert_non_null(catalog_clause(cat, want[i]));
	assert_null(catalog_clause(cat, "3"));
	assert_null(catalog_clause(cat, "11"));
	for (i = 0; i < cat->clause_count; i++) {
		const struct clause *c = &cat->clauses[i];
		size_t plen;

		if (!strchr(c->id, '.')) {
			long n = strtol(c->id, NULL, 10);

			assert_null(c->parent);
			assert_in_range(n, 4, 10);
			top++;
			continue;
		}
		/* A sub-clause's parent is the id without its last part. */
		assert_non_null(c->parent);
		assert_ptr_equal(catalog_clause(cat, c->parent->id), c->parent);
		plen = strlen(c->parent->id);
		assert_true(strlen(c->id) > plen + 1);
		assert_memory_equal(c->id, c->parent->id, plen);
		assert_int_equal(c->id[plen], '.');
		assert_null(strchr(c->id + plen + 1, '.'));
		/* Parents come first. */
		assert_true(c->parent < c);
	}
	assert_int_equal(top, 7);
}

static void test_catalog__documents(void **state)
{
	const struct catalog *cat = *state;
	size_t i;

	assert_int_equal(cat->document_count, 17);
	for (i = 0; i < cat->document_count; i++) {
		const struct clause_document *d = &cat->documents[i];

		assert_int_equal(d->no, (int)i + 1);
		assert_non_null(d->clause);
		assert_ptr_equal(catalog_clause(cat, d->clause->id), d->clause);
		assert_true((int)d->kind >= 0 && d->kind < DOC_KIND_COUNT);
		assert_title(&d->title);
	}
}

static void test_catalog__unique_ids(void **state)
{
	const struct catalog *cat = *state;
	size_t i, j;

	for (i = 0; i < cat->control_count; i++)
		for (j = 0; j < i; j++)
			assert_string_not_equal(cat->controls[i].id,
						cat->controls[j].id);
	for (i = 0; i < cat->guideline_count; i++)
		for (j = 0; j < i; j++)
			assert_string_not_equal(cat->guideline[i].id,
						cat->guideline[j].id);
	for (i = 0; i < cat->diagnosis_count; i++)
		for (j = 0; j < i; j++)
			assert_int_not_equal(cat->diagnosis[i].no,
					     cat->diagnosis[j].no);
	for (i = 0; i < cat->part_count; i++)
		for (j = 0; j < i; j++)
			assert_int_not_equal(cat->parts[i].part,
					     cat->parts[j].part);
	for (i = 0; i < cat->answer_count; i++)
		for (j = 0; j < i; j++)
			assert_int_not_equal(cat->answers[i].value,
					     cat->answers[j].value);
	for (i = 0; i < cat->five_point_count; i++)
		for (j = 0; j < i; j++)
			assert_int_not_equal(cat->five_points[i].no,
					     cat->five_points[j].no);
	for (i = 0; i < cat->cloud_check_count; i++)
		for (j = 0; j < i; j++)
			assert_int_not_equal(cat->cloud_checks[i].no,
					     cat->cloud_checks[j].no);
	for (i = 0; i < cat->regulation_count; i++)
		for (j = 0; j < i; j++)
			assert_int_not_equal(cat->regulations[i].no,
					     cat->regulations[j].no);
	for (i = 0; i < cat->executive_count; i++)
		for (j = 0; j < i; j++)
			assert_false(cat->executive[i].kind ==
					     cat->executive[j].kind &&
				     cat->executive[i].no ==
					     cat->executive[j].no);
	for (i = 0; i < cat->clause_count; i++)
		for (j = 0; j < i; j++)
			assert_string_not_equal(cat->clauses[i].id,
						cat->clauses[j].id);
	for (i = 0; i < cat->document_count; i++)
		for (j = 0; j < i; j++)
			assert_int_not_equal(cat->documents[i].no,
					     cat->documents[j].no);
}

static void test_catalog__texts_in_both_languages(void **state)
{
	const struct catalog *cat = *state;
	size_t i;

	for (i = 0; i < cat->control_count; i++) {
		assert_title(&cat->controls[i].title);
		assert_text(&cat->controls[i].purpose);
	}
	for (i = 0; i < cat->guideline_count; i++) {
		assert_title(&cat->guideline[i].title);
		assert_text(&cat->guideline[i].summary);
		assert_optional_text(&cat->guideline[i].numbers);
	}
	for (i = 0; i < cat->diagnosis_count; i++) {
		assert_title(&cat->diagnosis[i].question);
		assert_text(&cat->diagnosis[i].advice);
	}
	for (i = 0; i < cat->band_count; i++) {
		assert_title(&cat->bands[i].label);
		assert_text(&cat->bands[i].meaning);
		assert_text(&cat->bands[i].next);
	}
	for (i = 0; i < cat->five_point_count; i++) {
		assert_title(&cat->five_points[i].title);
		assert_text(&cat->five_points[i].practice);
	}
	for (i = 0; i < cat->cloud_check_count; i++) {
		assert_title(&cat->cloud_checks[i].title);
		assert_text(&cat->cloud_checks[i].check);
	}
	for (i = 0; i < cat->regulation_count; i++) {
		assert_title(&cat->regulations[i].title);
		assert_text(&cat->regulations[i].scope);
	}
	for (i = 0; i < cat->executive_count; i++) {
		assert_title(&cat->executive[i].title);
		assert_text(&cat->executive[i].detail);
	}
	for (i = 0; i < cat->clause_count; i++) {
		assert_title(&cat->clauses[i].title);
		assert_text(&cat->clauses[i].summary);
	}
}

static void test_catalog__guideline_numbers(void **state)
{
	const struct catalog *cat = *state;
	size_t i, with = 0;

	for (i = 0; i < cat->guideline_count; i++)
		if (cat->guideline[i].numbers.ja[0])
			with++;
	/* Some items carry checkable figures, not all of them. */
	assert_true(with > 0);
	assert_true(with < cat->guideline_count);
}

static void test_catalog__crosswalk_targets(void **state)
{
	const struct catalog *cat = *state;
	size_t i, j;

	for (i = 0; i < cat->control_count; i++) {
		const struct control *c = &cat->controls[i];

		assert_controls(cat, c->related, c->related_count);
		for (j = 0; j < c->related_count; j++)
			assert_ptr_not_equal(c->related[j], c);
	}
	for (i = 0; i < cat->guideline_count; i++)
		assert_controls(cat, cat->guideline[i].controls,
				cat->guideline[i].control_count);
	for (i = 0; i < cat->regulation_count; i++)
		assert_controls(cat, cat->regulations[i].controls,
				cat->regulations[i].control_count);
	for (i = 0; i < cat->cloud_check_count; i++)
		assert_controls(cat, cat->cloud_checks[i].controls,
				cat->cloud_checks[i].control_count);
	for (i = 0; i < cat->diagnosis_count; i++) {
		const struct diagnosis_item *d = &cat->diagnosis[i];

		assert_controls(cat, d->controls, d->control_count);
		for (j = 0; j < d->guideline_count; j++) {
			assert_non_null(d->guideline[j]);
			assert_ptr_equal(catalog_guideline_item(
						 cat, d->guideline[j]->id),
					 d->guideline[j]);
		}
		for (j = 0; j < d->regulation_count; j++) {
			assert_non_null(d->regulations[j]);
			assert_ptr_equal(
				catalog_regulation(cat, d->regulations[j]->no),
				d->regulations[j]);
		}
	}
	for (i = 0; i < cat->five_point_count; i++) {
		const struct five_point *f = &cat->five_points[i];

		assert_controls(cat, f->controls, f->control_count);
		assert_true(f->diagnosis_count > 0);
		for (j = 0; j < f->diagnosis_count; j++) {
			assert_non_null(f->diagnosis[j]);
			assert_ptr_equal(catalog_diagnosis_item(
						 cat, f->diagnosis[j]->no),
					 f->diagnosis[j]);
		}
	}
}

/* --- The risk catalogues --- */

/* Checks a scale: count points from top down by one, each with texts. */
static void assert_scale(const struct risk_scale *s, int top, size_t count)
{
	size_t k;

	assert_int_equal(s->count, count);
	for (k = 0; k < count; k++) {
		assert_int_equal(s->points[k].value, top - (int)k);
		assert_title(&s->points[k].label);
		assert_text(&s->points[k].meaning);
	}
	if (count) {
		assert_int_equal(s->max, top);
		assert_int_equal(s->min, top - (int)count + 1);
	}
}

static void test_catalog__risk_methods(void **state)
{
	const struct catalog *cat = *state;
	const struct risk_method_def *ipa = catalog_method(cat, RISK_IPA);
	const struct risk_method_def *tp =
		catalog_method(cat, RISK_THREE_POINT);
	enum risk_grade g;

	assert_int_equal(ipa->method, RISK_IPA);
	assert_int_equal(tp->method, RISK_THREE_POINT);
	/* IPA: C/I/A 2-0, threat, vulnerability and likelihood 3-1. */
	assert_scale(&ipa->scales[SCALE_CIA], 2, 3);
	assert_scale(&ipa->scales[SCALE_THREAT], 3, 3);
	assert_scale(&ipa->scales[SCALE_VULNERABILITY], 3, 3);
	assert_scale(&ipa->scales[SCALE_LIKELIHOOD], 3, 3);
	assert_true(ipa->has_table);
	/* 3-point: C/I/A and likelihood 3-1, nothing else rated. */
	assert_scale(&tp->scales[SCALE_CIA], 3, 3);
	assert_scale(&tp->scales[SCALE_THREAT], 0, 0);
	assert_scale(&tp->scales[SCALE_VULNERABILITY], 0, 0);
	assert_scale(&tp->scales[SCALE_LIKELIHOOD], 3, 3);
	assert_false(tp->has_table);
	/* The grades: IPA's fixed bands, the 3-point defaults. */
	assert_int_equal(ipa->grades[GRADE_LOW].min, 0);
	assert_int_equal(ipa->grades[GRADE_LOW].max, 0);
	assert_int_equal(ipa->grades[GRADE_MEDIUM].min, 1);
	assert_int_equal(ipa->grades[GRADE_MEDIUM].max, 3);
	assert_int_equal(ipa->grades[GRADE_HIGH].min, 4);
	assert_int_equal(ipa->grades[GRADE_HIGH].max, 6);
	assert_int_equal(tp->grades[GRADE_LOW].min, 1);
	assert_int_equal(tp->grades[GRADE_LOW].max, 2);
	assert_int_equal(tp->grades[GRADE_MEDIUM].min, 3);
	assert_int_equal(tp->grades[GRADE_MEDIUM].max, 4);
	assert_int_equal(tp->grades[GRADE_HIGH].min, 6);
	assert_int_equal(tp->grades[GRADE_HIGH].max, 9);
	assert_string_equal(ipa->grades[GRADE_LOW].label.ja, "小");
	assert_string_equal(ipa->grades[GRADE_MEDIUM].label.ja, "中");
	assert_string_equal(ipa->grades[GRADE_HIGH].label.ja, "大");
	for (g = GRADE_LOW; g < GRADE_COUNT; g++) {
		assert_title(&ipa->grades[g].label);
		assert_text(&ipa->grades[g].meaning);
		assert_title(&tp->grades[g].label);
		assert_text(&tp->grades[g].meaning);
	}
}

static void test_catalog__risk_threats(void **state)
{
	const struct catalog *cat = *state;
	size_t i, j;

	assert_true(cat->threat_count > 0);
	for (i = 0; i < cat->threat_count; i++) {
		const struct threat *t = &cat->threats[i];

		assert_ptr_equal(catalog_threat(cat, t->id), t);
		assert_title(&t->title);
		assert_text(&t->description);
		assert_text(&t->consequence);
		assert_true(t->media != 0);
		/* MEDIA_ANY stands alone. */
		if (t->media & MEDIA_ANY)
			assert_int_equal(t->media, MEDIA_ANY);
		assert_true(t->media <= MEDIA_ANY);
		assert_true(t->personal == 0 || t->personal == 1);
		assert_true(t->properties != 0);
		assert_int_equal(t->properties &
					 ~(unsigned)(PROPERTY_C | PROPERTY_I |
						     PROPERTY_A),
				 0);
		for (j = 0; j < i; j++)
			assert_string_not_equal(t->id, cat->threats[j].id);
	}
	assert_null(catalog_threat(cat, "t00"));
	assert_null(catalog_threat(cat, ""));
	assert_null(catalog_threat(cat, "T01"));
}

static void test_catalog__risk_vulnerabilities(void **state)
{
	const struct catalog *cat = *state;
	size_t i, j;

	assert_true(cat->vulnerability_count > 0);
	for (i = 0; i < cat->vulnerability_count; i++) {
		const struct vulnerability *v = &cat->vulnerabilities[i];

		assert_ptr_equal(catalog_vulnerability(cat, v->id), v);
		assert_title(&v->title);
		assert_true(v->media != 0);
		if (v->media & MEDIA_ANY)
			assert_int_equal(v->media, MEDIA_ANY);
		assert_true(v->threat_count > 0);
		for (j = 0; j < v->threat_count; j++)
			assert_ptr_equal(catalog_threat(cat, v->threats[j]->id),
					 v->threats[j]);
		/* Every weakness names what fixes it. */
		assert_true(v->control_count > 0);
		assert_controls(cat, v->controls, v->control_count);
		for (j = 0; j < v->guideline_count; j++)
			assert_ptr_equal(catalog_guideline_item(
						 cat, v->guideline[j]->id),
					 v->guideline[j]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(v->id,
						cat->vulnerabilities[j].id);
	}
	assert_null(catalog_vulnerability(cat, "v00"));
	assert_null(catalog_vulnerability(cat, ""));
}

/*
 * Every incident case names the risks it reveals as threat x
 * vulnerability pairs that resolve into the risk catalogues, each
 * vulnerability listing its threat, no pair twice.
 */
static void test_catalog__case_pairs(void **state)
{
	const struct catalog *cat = *state;
	const struct incident_case *c;
	size_t i, j, k;

	assert_int_equal(cat->case_count, 14);
	for (i = 0; i < cat->case_count; i++) {
		c = &cat->cases[i];
		assert_true(c->pair_count >= 1);
		for (j = 0; j < c->pair_count; j++) {
			const struct risk_pair *p = &c->pairs[j];

			assert_ptr_equal(catalog_threat(cat, p->threat->id),
					 p->threat);
			assert_ptr_equal(catalog_vulnerability(
						 cat, p->vulnerability->id),
					 p->vulnerability);
			for (k = 0; k < p->vulnerability->threat_count &&
				    p->vulnerability->threats[k] != p->threat;
			     k++)
				;
			assert_true(k < p->vulnerability->threat_count);
			for (k = 0; k < j; k++)
				assert_false(c->pairs[k].threat == p->threat &&
					     c->pairs[k].vulnerability ==
						     p->vulnerability);
		}
	}
	/* The VPN ransomware case: the unpatched VPN device first. */
	c = catalog_case(cat, "c02");
	assert_non_null(c);
	assert_string_equal(c->pairs[0].threat->id, "t03");
	assert_string_equal(c->pairs[0].vulnerability->id, "v43");
}

/* Returns 1 when an entry with media belongs on medium m. */
static int on_medium(unsigned media, enum medium m)
{
	return (media & MEDIA_ANY) || (media & (1u << m));
}

/* Returns 1 when an entry of media a and one of media b share a medium. */
static int share_medium(unsigned a, unsigned b)
{
	enum medium m;

	for (m = 0; m < MEDIUM_COUNT; m++)
		if (on_medium(a, m) && on_medium(b, m))
			return 1;
	return 0;
}

/*
 * Enough to start from on every medium: at least 6 threats and 8
 * vulnerabilities each, so a suggestion list is never thin.
 */
static void test_catalog__risk_media_coverage(void **state)
{
	const struct catalog *cat = *state;
	enum medium m;
	size_t i;

	for (m = 0; m < MEDIUM_COUNT; m++) {
		size_t threats = 0, vulns = 0;

		for (i = 0; i < cat->threat_count; i++)
			threats += (size_t)on_medium(cat->threats[i].media, m);
		for (i = 0; i < cat->vulnerability_count; i++)
			vulns += (size_t)on_medium(
				cat->vulnerabilities[i].media, m);
		if (threats < 6 || vulns < 8)
			fail_msg("medium %s: %zu threats, %zu vulnerabilities",
				 medium_name(m), threats, vulns);
	}
}

/*
 * Every threat is reachable: at least two vulnerabilities let it in on a
 * medium both apply to; and every pair a vulnerability lists can be
 * suggested, i.e. the two share a medium.
 */
static void test_catalog__risk_threats_reachable(void **state)
{
	const struct catalog *cat = *state;
	size_t t, v, k;

	for (t = 0; t < cat->threat_count; t++) {
		const struct threat *th = &cat->threats[t];
		size_t reach = 0;

		for (v = 0; v < cat->vulnerability_count; v++) {
			const struct vulnerability *vu =
				&cat->vulnerabilities[v];

			for (k = 0; k < vu->threat_count; k++)
				if (vu->threats[k] == th)
					break;
			if (k == vu->threat_count)
				continue;
			if (!share_medium(th->media, vu->media))
				fail_msg("%s lists %s, but they share no "
					 "medium",
					 vu->id, th->id);
			reach++;
		}
		if (reach < 2)
			fail_msg("threat %s is reached by %zu vulnerabilities",
				 th->id, reach);
	}
}

static void test_catalog__risk_labels(void **state)
{
	static const char *const ids[] = { "secret", "internal", "public" };
	const struct catalog *cat = *state;
	size_t i;

	assert_int_equal(cat->label_count, ARRAY_SIZE(ids));
	for (i = 0; i < cat->label_count; i++) {
		assert_string_equal(cat->labels[i].id, ids[i]);
		assert_ptr_equal(catalog_label(cat, ids[i]), &cat->labels[i]);
		assert_title(&cat->labels[i].label);
		assert_text(&cat->labels[i].meaning);
	}
	assert_null(catalog_label(cat, "極秘"));
	assert_null(catalog_label(cat, ""));
}

/* --- Broken catalogues, built from the real files with one change. --- */

/* A group of files: the embedded ones with some replaced or left out. */
struct fixture {
	struct embedded_file files[128];
	struct embedded_group group;
	struct strbuf edited;
	size_t line; /* the line changed by fixture_edit() */
};

/* Puts every embedded file back, unchanged. */
static void fixture_reset(struct fixture *fx)
{
	memcpy(fx->files, embedded_data.files,
	       embedded_data.count * sizeof(*fx->files));
	fx->group.count = embedded_data.count;
	fx->line = 0;
}

static int setup_fixture(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || embedded_data.count > ARRAY_SIZE(fx->files)) {
		free(fx);
		return -1;
	}
	fx->group.files = fx->files;
	strbuf_init(&fx->edited, 0);
	fixture_reset(fx);
	*state = fx;
	return 0;
}

static int teardown_fixture(void **state)
{
	struct fixture *fx = *state;

	strbuf_release(&fx->edited);
	free(fx);
	return 0;
}

static struct embedded_file *fixture_file(struct fixture *fx, const char *name)
{
	size_t i;

	for (i = 0; i < fx->group.count; i++)
		if (!strcmp(fx->files[i].name, name))
			return &fx->files[i];
	fail_msg("no embedded file %s", name);
	return NULL;
}

/* Leaves the file called name out of the group. */
static void fixture_remove(struct fixture *fx, const char *name)
{
	struct embedded_file *f = fixture_file(fx, name);
	size_t at = (size_t)(f - fx->files);

	memmove(f, f + 1, (fx->group.count - at - 1) * sizeof(*f));
	fx->group.count--;
}

/* Replaces the bytes of the file called name with text. */
static void fixture_replace(struct fixture *fx, const char *name,
			    const char *text)
{
	struct embedded_file *f = fixture_file(fx, name);

	f->data = (const unsigned char *)text;
	f->len = strlen(text);
}

/* Returns the end of the field of line (len bytes) that starts at i. */
static size_t field_end(const char *line, size_t len, size_t i)
{
	while (i < len && line[i] != '\t')
		i++;
	return i;
}

/* Returns the index of the field equal to name in line, or -1. */
static int field_index(const char *line, size_t len, const char *name)
{
	size_t i = 0, start;
	int n;

	for (n = 0; i <= len; n++) {
		start = i;
		i = field_end(line, len, i);
		if (i - start == strlen(name) &&
		    !memcmp(line + start, name, i - start))
			return n;
		i++;
	}
	return -1;
}

/* Appends line (len bytes) with field col replaced by value. */
static void add_edited(struct strbuf *out, const char *line, size_t len,
		       int col, const char *value)
{
	size_t i = 0, start;
	int n;

	for (n = 0; i <= len; n++) {
		start = i;
		i = field_end(line, len, i);
		if (n)
			strbuf_addch(out, '\t');
		if (n == col)
			strbuf_addstr(out, value);
		else
			strbuf_add(out, line + start, i - start);
		i++;
	}
}

/*
 * Replaces, in the file called name, the field of column `column` in the
 * first row whose first fields are row_id (tab-separated when it names more
 * than one; the header when row_id is NULL) by value, and records the line
 * number in fx->line.
 */
static void fixture_edit(struct fixture *fx, const char *name,
			 const char *row_id, const char *column,
			 const char *value)
{
	struct embedded_file *f = fixture_file(fx, name);
	const char *p = (const char *)f->data, *end = p + f->len;
	size_t lineno = 0;
	int col = -1, header = 0, done = 0;

	strbuf_reset(&fx->edited);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int target = 0;

		lineno++;
		if (len && p[0] != '#' && !done) {
			if (!header) {
				header = 1;
				col = field_index(p, len, column);
				if (col < 0)
					fail_msg("no column %s in %s", column,
						 name);
				target = !row_id;
			} else {
				size_t rl = strlen(row_id);

				target = len >= rl && !memcmp(p, row_id, rl) &&
					 (len == rl || p[rl] == '\t');
			}
		}
		if (target) {
			done = 1;
			fx->line = lineno;
			add_edited(&fx->edited, p, len, col, value);
		} else {
			strbuf_add(&fx->edited, p, len);
		}
		if (nl)
			strbuf_addch(&fx->edited, '\n');
		p = nl ? nl + 1 : end;
	}
	if (!done)
		fail_msg("no row %s in %s", row_id ? row_id : "(header)", name);
	f->data = (const unsigned char *)fx->edited.buf;
	f->len = fx->edited.len;
}

/*
 * Loads the fixture's group, which must fail with key and the arguments
 * given (NULL ends them; "@line" stands for the edited line's number).
 */
static void assert_load_fails(struct fixture *fx, const char *key, ...)
{
	struct catalog dummy;
	struct catalog *const sentinel = &dummy;
	struct catalog *cat = sentinel;
	struct error err = ERROR_INIT;
	const char *arg;
	char line[32];
	va_list ap;
	int n = 0;

	snprintf(line, sizeof(line), "%zu", fx->line);
	if (catalog_load(&fx->group, &cat, &err) == 0) {
		catalog_free(cat);
		fail_msg("the catalogue loaded; expected %s", key);
	}
	/* *out is untouched on failure. */
	assert_ptr_equal(cat, sentinel);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, key);
	va_start(ap, key);
	while ((arg = va_arg(ap, const char *))) {
		assert_true(n < err.argc);
		assert_string_equal(err.args[n],
				    strcmp(arg, "@line") ? arg : line);
		n++;
	}
	va_end(ap);
	assert_int_equal(err.argc, n);
}

static void test_catalog__fixture_unchanged_loads(void **state)
{
	struct fixture *fx = *state;
	struct catalog *cat = NULL;
	struct error err = ERROR_INIT;

	/* An edit that changes nothing keeps the catalogue valid. */
	fixture_edit(fx, "catalog/iso27002.tsv", "5.12", "related",
		     "5.13 5.18");
	assert_int_equal(catalog_load(&fx->group, &cat, &err), 0);
	assert_non_null(cat);
	assert_int_equal(cat->control_count, 93);
	catalog_free(cat);
}

static void test_catalog__no_target(void **state)
{
	struct fixture *fx = *state;

	fixture_edit(fx, "catalog/iso27002.tsv", "5.12", "related",
		     "5.13 9.99");
	assert_load_fails(fx, "catalog.no_target", "catalog/iso27002.tsv",
			  "@line", "related", "9.99", NULL);
}

static void test_catalog__no_target_in_other_files(void **state)
{
	struct fixture *fx = *state;

	fixture_edit(fx, "catalog/guideline.tsv", "3.1.1", "controls", "5.99");
	assert_load_fails(fx, "catalog.no_target", "catalog/guideline.tsv",
			  "@line", "controls", "5.99", NULL);
	fixture_reset(fx);

	fixture_edit(fx, "catalog/diagnosis.tsv", "1", "guideline", "3.9.9");
	assert_load_fails(fx, "catalog.no_target", "catalog/diagnosis.tsv",
			  "@line", "guideline", "3.9.9", NULL);
	fixture_reset(fx);

	fixture_edit(fx, "catalog/diagnosis.tsv", "2", "regulation", "1 12");
	assert_load_fails(fx, "catalog.no_target", "catalog/diagnosis.tsv",
			  "@line", "regulation", "12", NULL);
	fixture_reset(fx);

	fixture_edit(fx, "catalog/five_points.tsv", "1", "diagnosis", "26");
	assert_load_fails(fx, "catalog.no_target", "catalog/five_points.tsv",
			  "@line", "diagnosis", "26", NULL);
}

static void test_catalog__bad_theme(void **state)
{
	struct fixture *fx = *state;

	fixture_edit(fx, "catalog/iso27002.tsv", "5.1", "theme",
		     "organisational");
	assert_load_fails(fx, "catalog.bad_value", "catalog/iso27002.tsv",
			  "@line", "theme", "organisational", NULL);
}

static void test_catalog__bad_values(void **state)
{
	static const struct {
		const char *file, *row, *column, *value;
	} cases[] = {
		{ "catalog/iso27002.tsv", "5.3", "new_in_2022", "maybe" },
		{ "catalog/iso27002.tsv", "5.4", "control_type",
		  "#Preventive #Preventative" },
		{ "catalog/guideline.tsv", "3.1.2", "owner", "sysadmin ceo" },
		{ "catalog/guideline.tsv", "3.1.2", "kind", "plan" },
		{ "catalog/guideline.tsv", "3.1.2", "domain", "accounts" },
		{ "catalog/guideline.tsv", "3.1.2", "function", "defend" },
		{ "catalog/diagnosis.tsv", "1", "part", "2" },
		{ "catalog/diagnosis_answers.tsv", "2", "value", "3" },
		{ "catalog/cloud_checks.tsv", "7", "phase", "choose" },
		{ "catalog/executive.tsv", "principle", "kind", "rule" },
		{ "catalog/clauses.tsv", "6.1.3", "parent", "6.9" },
		{ "catalog/clause_documents.tsv", "1", "clause", "11" },
		{ "catalog/clause_documents.tsv", "2", "kind", "keep" },
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		fixture_reset(fx);
		fixture_edit(fx, cases[i].file, cases[i].row, cases[i].column,
			     cases[i].value);
		assert_load_fails(fx, "catalog.bad_value", cases[i].file,
				  "@line", cases[i].column, cases[i].value,
				  NULL);
	}
}

static void test_catalog__dup_id(void **state)
{
	struct fixture *fx = *state;

	fixture_edit(fx, "catalog/iso27002.tsv", "5.2", "id", "5.1");
	assert_load_fails(fx, "catalog.dup_id", "catalog/iso27002.tsv", "@line",
			  "id", "5.1", NULL);
	fixture_reset(fx);

	fixture_edit(fx, "catalog/guideline.tsv", "3.1.2", "id", "3.1.1");
	assert_load_fails(fx, "catalog.dup_id", "catalog/guideline.tsv",
			  "@line", "id", "3.1.1", NULL);
	fixture_reset(fx);

	fixture_edit(fx, "catalog/clauses.tsv", "4.2", "id", "4.1");
	assert_load_fails(fx, "catalog.dup_id", "catalog/clauses.tsv", "@line",
			  "id", "4.1", NULL);
}

/*
 * "Unique ids" holds for every catalogue, including the small ones whose
 * id is a number: the part of the diagnosis, the answer value, and the
 * number of an executive principle or action within its kind.
 */
static void test_catalog__dup_part(void **state)
{
	struct fixture *fx = *state;

	fixture_edit(fx, "catalog/diagnosis_parts.tsv", "3", "part", "2");
	assert_load_fails(fx, "catalog.dup_id", "catalog/diagnosis_parts.tsv",
			  "@line", "part", "2", NULL);
}

static void test_catalog__dup_answer(void **state)
{
	struct fixture *fx = *state;

	fixture_edit(fx, "catalog/diagnosis_answers.tsv", "2", "value", "4");
	assert_load_fails(fx, "catalog.dup_id", "catalog/diagnosis_answers.tsv",
			  "@line", "value", "4", NULL);
}

static void test_catalog__dup_executive(void **state)
{
	struct fixture *fx = *state;

	fixture_edit(fx, "catalog/executive.tsv", "principle\t2", "no", "1");
	assert_load_fails(fx, "catalog.dup_id", "catalog/executive.tsv",
			  "@line", "no", "1", NULL);
}

/*
 * The parts split 1 … 25 between them: with part 1 reaching item 6, item 6
 * (part 2) would be scored in part 1, so overlapping ranges are refused.
 */
static void test_catalog__parts_overlap(void **state)
{
	struct fixture *fx = *state;
	struct catalog *cat = NULL;
	struct error err = ERROR_INIT;

	fixture_edit(fx, "catalog/diagnosis_parts.tsv", "1", "last", "6");
	if (catalog_load(&fx->group, &cat, &err) == 0) {
		catalog_free(cat);
		fail_msg("overlapping diagnosis parts were accepted");
	}
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.args[0], "catalog/diagnosis_parts.tsv");
}

static void test_catalog__empty(void **state)
{
	struct fixture *fx = *state;

	fixture_edit(fx, "catalog/iso27002.tsv", "8.34", "purpose_en", "");
	assert_load_fails(fx, "catalog.empty", "catalog/iso27002.tsv", "@line",
			  "purpose_en", "", NULL);
	fixture_reset(fx);

	fixture_edit(fx, "catalog/regulations.tsv", "3", "title_ja", "");
	assert_load_fails(fx, "catalog.empty", "catalog/regulations.tsv",
			  "@line", "title_ja", "", NULL);
}

static void test_catalog__bad_number(void **state)
{
	struct fixture *fx = *state;

	fixture_edit(fx, "catalog/guideline.tsv", "3.1.1", "level", "4");
	assert_load_fails(fx, "catalog.bad_number", "catalog/guideline.tsv",
			  "@line", "level", "4", NULL);
	fixture_reset(fx);

	fixture_edit(fx, "catalog/guideline.tsv", "3.1.1", "level", "L1");
	assert_load_fails(fx, "catalog.bad_number", "catalog/guideline.tsv",
			  "@line", "level", "L1", NULL);
	fixture_reset(fx);

	/* Numbered rows must run 1, 2, … without gaps. */
	fixture_edit(fx, "catalog/cloud_checks.tsv", "3", "no", "4");
	assert_load_fails(fx, "catalog.bad_number", "catalog/cloud_checks.tsv",
			  "@line", "no", "4", NULL);
}

static void test_catalog__no_file(void **state)
{
	static const char *const names[] = { "catalog/iso27002.tsv",
					     "catalog/diagnosis_bands.tsv",
					     "catalog/clause_documents.tsv" };
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		fixture_reset(fx);
		fixture_remove(fx, names[i]);
		assert_load_fails(fx, "catalog.no_file", names[i], NULL);
	}
}

static void test_catalog__bad_bands(void **state)
{
	struct fixture *fx = *state;

	/* 70 … 99 becomes 71 … 99: nothing holds a total of 70. */
	fixture_edit(fx, "catalog/diagnosis_bands.tsv", "70", "min", "71");
	assert_load_fails(fx, "catalog.bad_bands",
			  "catalog/diagnosis_bands.tsv", NULL);
	fixture_reset(fx);

	/* An overlap is refused as well. */
	fixture_edit(fx, "catalog/diagnosis_bands.tsv", "70", "min", "69");
	assert_load_fails(fx, "catalog.bad_bands",
			  "catalog/diagnosis_bands.tsv", NULL);
}

static void test_catalog__one_lang(void **state)
{
	struct fixture *fx = *state;
	/* 3.2.1 carries figures in both languages. */
	fixture_edit(fx, "catalog/guideline.tsv", "3.2.1", "numbers_en", "");
	assert_load_fails(fx, "catalog.one_lang", "catalog/guideline.tsv",
			  "@line", "numbers_en", "", NULL);
	fixture_reset(fx);

	fixture_edit(fx, "catalog/guideline.tsv", "3.2.1", "numbers_ja", "");
	assert_load_fails(fx, "catalog.one_lang", "catalog/guideline.tsv",
			  "@line", "numbers_ja", "", NULL);
	fixture_reset(fx);

	/* Figures only in Japanese on an item that had none. */
	fixture_edit(fx, "catalog/guideline.tsv", "3.1.1", "numbers_ja",
		     "5回失敗で15分ロック");
	assert_load_fails(fx, "catalog.one_lang", "catalog/guideline.tsv",
			  "@line", "numbers_en", "", NULL);
}

static void test_catalog__tsv_errors_pass_through(void **state)
{
	struct fixture *fx = *state;
	struct catalog *cat = NULL;
	struct error err = ERROR_INIT;

	/* A renamed column is a missing one. */
	fixture_edit(fx, "catalog/iso27002.tsv", NULL, "related", "relates");
	assert_load_fails(fx, "tsv.no_column", "catalog/iso27002.tsv",
			  "related", NULL);
	fixture_reset(fx);

	fixture_replace(fx, "catalog/executive.tsv",
			"kind\tno\ttitle_ja\ttitle_en\tdetail_ja\tdetail_en\n"
			"principle\t1\t\xff\tx\ty\tz\n");
	assert_int_equal(catalog_load(&fx->group, &cat, &err), -1);
	assert_null(cat);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, "tsv.bad_encoding");
	assert_string_equal(err.args[0], "catalog/executive.tsv");
	fixture_reset(fx);

	/* So is a row with a missing field. */
	fixture_replace(fx, "catalog/clauses.tsv",
			"id\tparent\ttitle_ja\ttitle_en\tsummary_ja"
			"\tsummary_en\n"
			"4\t\t組織\tContext\t要約\n");
	assert_load_fails(fx, "tsv.field_count", "catalog/clauses.tsv", "2",
			  "5", "6", NULL);
}

/*
 * Leaves out, of the file called name, the first row whose first fields
 * are row_id, and records its line number in fx->line.
 */
static void fixture_drop(struct fixture *fx, const char *name,
			 const char *row_id)
{
	struct embedded_file *f = fixture_file(fx, name);
	const char *p = (const char *)f->data, *end = p + f->len;
	size_t lineno = 0, rl = strlen(row_id);
	int done = 0;

	strbuf_reset(&fx->edited);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		lineno++;
		if (!done && len >= rl && !memcmp(p, row_id, rl) &&
		    (len == rl || p[rl] == '\t')) {
			done = 1;
			fx->line = lineno;
		} else {
			strbuf_add(&fx->edited, p, len);
			if (nl)
				strbuf_addch(&fx->edited, '\n');
		}
		p = nl ? nl + 1 : end;
	}
	if (!done)
		fail_msg("no row %s in %s", row_id, name);
	f->data = (const unsigned char *)fx->edited.buf;
	f->len = fx->edited.len;
}

/*
 * Replaces the first occurrence of from by to in the file called name;
 * unlike fixture_edit(), calls may follow each other on one file.
 */
static void fixture_subst(struct fixture *fx, const char *name,
			  const char *from, const char *to)
{
	struct embedded_file *f = fixture_file(fx, name);
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
	const char *hit;

	/* Embedded data need not end in a NUL; a strbuf does. */
	strbuf_add(&in, f->data, f->len);
	hit = strstr(in.buf, from);
	if (!hit)
		fail_msg("no '%s' in %s", from, name);
	strbuf_add(&out, in.buf, (size_t)(hit - in.buf));
	strbuf_addstr(&out, to);
	strbuf_addstr(&out, hit + strlen(from));
	strbuf_release(&in);
	strbuf_release(&fx->edited);
	fx->edited = out;
	f->data = (const unsigned char *)fx->edited.buf;
	f->len = fx->edited.len;
}

/*
 * The IPA table is looked up by threat - 1 and vulnerability - 1, so
 * their scales must run 1-3: a scale of 0-2 would read outside it.
 */
static void test_catalog__risk_table_scales_from_one(void **state)
{
	static const char *const scales[] = { "threat", "vulnerability" };
	struct fixture *fx = *state;
	char from[64], to[64];
	size_t i;
	int v;

	for (i = 0; i < ARRAY_SIZE(scales); i++) {
		fixture_reset(fx);
		/* 3 2 1 becomes 2 1 0, lowest first so each edit is unique. */
		for (v = 1; v <= 3; v++) {
			snprintf(from, sizeof(from), "ipa\t%s\t%d\t", scales[i],
				 v);
			snprintf(to, sizeof(to), "ipa\t%s\t%d\t", scales[i],
				 v - 1);
			fixture_subst(fx, "catalog/risk_scales.tsv", from, to);
		}
		assert_load_fails(fx, "catalog.bad_method",
				  "catalog/risk_scales.tsv", "ipa", NULL);
	}
}

/* Values of the risk files that are not what their column may hold. */
static void test_catalog__risk_bad_values(void **state)
{
	static const struct {
		const char *file, *row, *column, *value, *key;
	} cases[] = {
		/* Method, scale and grade names. */
		{ "catalog/risk_scales.tsv", "ipa\tcia\t2", "method", "IPA",
		  "catalog.bad_value" },
		{ "catalog/risk_scales.tsv", "three_point\tcia\t3", "method",
		  "3point", "catalog.bad_value" },
		{ "catalog/risk_scales.tsv", "ipa\tcia\t2", "scale", "impact",
		  "catalog.bad_value" },
		{ "catalog/risk_grades.tsv", "ipa\tlow", "method", "ipa2",
		  "catalog.bad_value" },
		{ "catalog/risk_grades.tsv", "ipa\tlow", "grade", "small",
		  "catalog.bad_value" },
		/* A scale that skips a step, or leaves the range. */
		{ "catalog/risk_scales.tsv", "ipa\tcia\t1", "value", "0",
		  "catalog.bad_value" },
		{ "catalog/risk_scales.tsv", "three_point\tlikelihood\t2",
		  "value", "1", "catalog.bad_value" },
		{ "catalog/risk_scales.tsv", "ipa\tcia\t2", "value", "4",
		  "catalog.bad_number" },
		{ "catalog/risk_scales.tsv", "ipa\tcia\t2", "value", "-1",
		  "catalog.bad_number" },
		/* The table's numbers. */
		{ "catalog/risk_likelihood.tsv", "3\t3", "likelihood", "4",
		  "catalog.bad_number" },
		{ "catalog/risk_likelihood.tsv", "3\t3", "threat", "0",
		  "catalog.bad_number" },
		{ "catalog/risk_likelihood.tsv", "1\t1", "vulnerability", "x",
		  "catalog.bad_number" },
		/* A grade's bounds: the maximum below the minimum. */
		{ "catalog/risk_grades.tsv", "ipa\thigh", "max", "3",
		  "catalog.bad_number" },
		{ "catalog/risk_grades.tsv", "three_point\thigh", "max", "10",
		  "catalog.bad_number" },
		/* Media words. */
		{ "catalog/threats.tsv", "t01", "media", "server cloud usb",
		  "catalog.bad_value" },
		{ "catalog/threats.tsv", "t01", "media", "* server",
		  "catalog.bad_value" },
		{ "catalog/threats.tsv", "t01", "media", "Server",
		  "catalog.bad_value" },
		{ "catalog/threats.tsv", "t01", "media",
		  "server office_pc_and_every_laptop_in_the_shop",
		  "catalog.bad_value" },
		{ "catalog/vulnerabilities.tsv", "v10", "media",
		  "paper server clouds", "catalog.bad_value" },
		{ "catalog/threats.tsv", "t01", "media", "", "catalog.empty" },
		{ "catalog/threats.tsv", "t01", "media", "  ",
		  "catalog.empty" },
		/* C, I and A letters. */
		{ "catalog/threats.tsv", "t01", "properties", "C X",
		  "catalog.bad_value" },
		{ "catalog/threats.tsv", "t01", "properties", "c i",
		  "catalog.bad_value" },
		{ "catalog/threats.tsv", "t01", "properties", "",
		  "catalog.empty" },
		{ "catalog/threats.tsv", "t01", "personal", "2",
		  "catalog.bad_number" },
		/* Ids, texts. */
		{ "catalog/threats.tsv", "t02", "id", "t01", "catalog.dup_id" },
		{ "catalog/threats.tsv", "t02", "id", "", "catalog.empty" },
		{ "catalog/threats.tsv", "t02", "consequence_en", "",
		  "catalog.empty" },
		{ "catalog/vulnerabilities.tsv", "v02", "id", "v01",
		  "catalog.dup_id" },
		{ "catalog/vulnerabilities.tsv", "v02", "title_ja", "",
		  "catalog.empty" },
		{ "catalog/vulnerabilities.tsv", "v01", "threats", "",
		  "catalog.empty" },
		{ "catalog/classification.tsv", "internal", "id", "secret",
		  "catalog.dup_id" },
		{ "catalog/classification.tsv", "public", "meaning_ja", "",
		  "catalog.empty" },
		{ "catalog/risk_scales.tsv", "ipa\tthreat\t3", "label_en", "",
		  "catalog.empty" },
		{ "catalog/risk_grades.tsv", "ipa\tmedium", "meaning_ja", "",
		  "catalog.empty" },
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		fixture_reset(fx);
		fixture_edit(fx, cases[i].file, cases[i].row, cases[i].column,
			     cases[i].value);
		assert_load_fails(fx, cases[i].key, cases[i].file, "@line",
				  cases[i].column, cases[i].value, NULL);
	}
}

static void test_catalog__risk_dup_point(void **state)
{
	struct fixture *fx = *state;

	/* The same scale value twice is a repeated point. */
	fixture_edit(fx, "catalog/risk_scales.tsv", "ipa\tcia\t1", "value",
		     "2");
	assert_load_fails(fx, "catalog.dup_id", "catalog/risk_scales.tsv",
			  "@line", "value", "2", NULL);
	fixture_reset(fx);
	fixture_edit(fx, "catalog/risk_scales.tsv", "three_point\tcia\t1",
		     "value", "3");
	assert_load_fails(fx, "catalog.dup_id", "catalog/risk_scales.tsv",
			  "@line", "value", "3", NULL);
	fixture_reset(fx);
	/* A fourth point: the 3-point method's top moved into IPA's C/I/A. */
	fixture_edit(fx, "catalog/risk_scales.tsv", "three_point\tcia\t3",
		     "method", "ipa");
	assert_load_fails(fx, "catalog.dup_id", "catalog/risk_scales.tsv",
			  "@line", "value", "3", NULL);
	fixture_reset(fx);
	/* A table cell twice. */
	fixture_edit(fx, "catalog/risk_likelihood.tsv", "3\t2", "vulnerability",
		     "3");
	assert_load_fails(fx, "catalog.dup_id", "catalog/risk_likelihood.tsv",
			  "@line", "vulnerability", "3", NULL);
	fixture_reset(fx);
	/* A grade twice. */
	fixture_edit(fx, "catalog/risk_grades.tsv", "ipa\tmedium", "grade",
		     "low");
	assert_load_fails(fx, "catalog.dup_id", "catalog/risk_grades.tsv",
			  "@line", "grade", "low", NULL);
}

/* Data that parse but leave a method incomplete or inconsistent. */
static void test_catalog__risk_bad_method(void **state)
{
	static const struct {
		const char *file, *row, *column, *value, *method;
	} edits[] = {
		/* Grades overlapping: level 0 both low and medium. */
		{ "catalog/risk_grades.tsv", "ipa\tmedium", "min", "0", "ipa" },
		{ "catalog/risk_grades.tsv", "three_point\tlow", "max", "3",
		  "three_point" },
		{ "catalog/risk_grades.tsv", "ipa\thigh", "min", "3", "ipa" },
		/* A reachable level in no grade: 1 (IPA), 6 (3-point). */
		{ "catalog/risk_grades.tsv", "ipa\tmedium", "min", "2", "ipa" },
		{ "catalog/risk_grades.tsv", "three_point\thigh", "min", "7",
		  "three_point" },
		{ "catalog/risk_grades.tsv", "ipa\thigh", "max", "5", "ipa" },
		{ "catalog/risk_grades.tsv", "three_point\tlow", "min", "2",
		  "three_point" },
	};
	static const struct {
		const char *file, *row, *method;
	} drops[] = {
		/* A scale with two points. */
		{ "catalog/risk_scales.tsv", "ipa\tcia\t0", "ipa" },
		{ "catalog/risk_scales.tsv", "ipa\tlikelihood\t1", "ipa" },
		{ "catalog/risk_scales.tsv", "ipa\tthreat\t1", "ipa" },
		{ "catalog/risk_scales.tsv", "ipa\tvulnerability\t1", "ipa" },
		{ "catalog/risk_scales.tsv", "three_point\tcia\t1",
		  "three_point" },
		{ "catalog/risk_scales.tsv", "three_point\tlikelihood\t1",
		  "three_point" },
		/* A grade missing. */
		{ "catalog/risk_grades.tsv", "ipa\thigh", "ipa" },
		{ "catalog/risk_grades.tsv", "ipa\tmedium", "ipa" },
		{ "catalog/risk_grades.tsv", "three_point\tlow",
		  "three_point" },
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(edits); i++) {
		fixture_reset(fx);
		fixture_edit(fx, edits[i].file, edits[i].row, edits[i].column,
			     edits[i].value);
		assert_load_fails(fx, "catalog.bad_method", edits[i].file,
				  edits[i].method, NULL);
	}
	for (i = 0; i < ARRAY_SIZE(drops); i++) {
		fixture_reset(fx);
		fixture_drop(fx, drops[i].file, drops[i].row);
		/* Scales are checked as a whole, so the file is named. */
		assert_load_fails(fx, "catalog.bad_method", drops[i].file,
				  drops[i].method, NULL);
	}
}

static void test_catalog__risk_table_cell_missing(void **state)
{
	static const char *const cells[] = { "3\t3", "2\t2", "1\t1" };
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cells); i++) {
		fixture_reset(fx);
		fixture_drop(fx, "catalog/risk_likelihood.tsv", cells[i]);
		assert_load_fails(fx, "catalog.bad_method",
				  "catalog/risk_likelihood.tsv", "ipa", NULL);
	}
}

/* An unreachable level may stay outside every grade (5 of the 3-point
 * method, which no product of 1-3 and 1-3 gives). */
static void test_catalog__risk_unreachable_level_ungraded(void **state)
{
	struct fixture *fx = *state;
	struct catalog *cat = NULL;
	struct error err = ERROR_INIT;

	fixture_edit(fx, "catalog/risk_grades.tsv", "three_point\tmedium",
		     "max", "3");
	/* Now 4 is in no grade: refused. */
	assert_load_fails(fx, "catalog.bad_method", "catalog/risk_grades.tsv",
			  "three_point", NULL);
	fixture_reset(fx);
	/* High from 5 upward covers the unreachable 5 as well: accepted. */
	fixture_edit(fx, "catalog/risk_grades.tsv", "three_point\thigh", "min",
		     "5");
	assert_int_equal(catalog_load(&fx->group, &cat, &err), 0);
	assert_int_equal(
		catalog_method(cat, RISK_THREE_POINT)->grades[GRADE_HIGH].min,
		5);
	catalog_free(cat);
}

static void test_catalog__risk_unknown_targets(void **state)
{
	static const struct {
		const char *row, *column, *value, *missing;
	} cases[] = {
		{ "v01", "threats", "t13 t99", "t99" },
		{ "v01", "threats", "T13", "T13" },
		{ "v02", "controls", "6.3 5.99", "5.99" },
		{ "v02", "controls", "A.6.3", "A.6.3" },
		{ "v02", "guideline", "9.3 9.99", "9.99" },
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		fixture_reset(fx);
		fixture_edit(fx, "catalog/vulnerabilities.tsv", cases[i].row,
			     cases[i].column, cases[i].value);
		assert_load_fails(fx, "catalog.no_target",
				  "catalog/vulnerabilities.tsv", "@line",
				  cases[i].column, cases[i].missing, NULL);
	}
}

/* A case's pairs that do not resolve, or do not belong together. */
static void test_catalog__case_bad_pairs(void **state)
{
	static const struct {
		const char *value, *key, *named;
	} cases[] = {
		{ "t14:v99", "catalog.no_target", "v99" },
		{ "t99:v58", "catalog.no_target", "t99" },
		{ "t14:v58 T14:v55", "catalog.no_target", "T14" },
		{ "t14v58", "catalog.bad_value", "t14v58" },
		/* v58 (private USB sticks) does not lead to t01. */
		{ "t14:v58 t01:v58", "catalog.pair_unrelated", "t01:v58" },
		{ "t14:v58 t15:v40 t14:v58", "catalog.dup_id", "t14:v58" },
		{ "", "catalog.empty", "" },
		{ "  ", "catalog.empty", "  " },
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		fixture_reset(fx);
		fixture_edit(fx, "catalog/cases.tsv", "c01", "pairs",
			     cases[i].value);
		assert_load_fails(fx, cases[i].key, "catalog/cases.tsv",
				  "@line", "pairs", cases[i].named, NULL);
	}
}

static void test_catalog__risk_no_file(void **state)
{
	static const char *const names[] = {
		"catalog/risk_scales.tsv",     "catalog/risk_likelihood.tsv",
		"catalog/risk_grades.tsv",     "catalog/threats.tsv",
		"catalog/vulnerabilities.tsv", "catalog/classification.tsv"
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		fixture_reset(fx);
		fixture_remove(fx, names[i]);
		assert_load_fails(fx, "catalog.no_file", names[i], NULL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define B(name) \
	cmocka_unit_test_setup_teardown(name, setup_builtin, teardown_builtin)
		B(test_catalog__control_counts),
		B(test_catalog__control_ids_follow_themes),
		B(test_catalog__new_in_2022),
		B(test_catalog__attribute_totals),
		B(test_catalog__guideline_counts),
		B(test_catalog__guideline_chapters),
		B(test_catalog__guideline_owners),
		B(test_catalog__guideline_lookup),
		B(test_catalog__control_lookup),
		B(test_catalog__control_refs),
		B(test_catalog__diagnosis),
		B(test_catalog__bands),
		B(test_catalog__reference_counts),
		B(test_catalog__clauses),
		B(test_catalog__documents),
		B(test_catalog__unique_ids),
		B(test_catalog__texts_in_both_languages),
		B(test_catalog__guideline_numbers),
		B(test_catalog__crosswalk_targets),
		B(test_catalog__risk_methods),
		B(test_catalog__risk_threats),
		B(test_catalog__risk_vulnerabilities),
		B(test_catalog__risk_media_coverage),
		B(test_catalog__risk_threats_reachable),
		B(test_catalog__risk_labels),
		B(test_catalog__case_pairs),
#undef B
#define F(name) \
	cmocka_unit_test_setup_teardown(name, setup_fixture, teardown_fixture)
		F(test_catalog__fixture_unchanged_loads),
		F(test_catalog__no_target),
		F(test_catalog__no_target_in_other_files),
		F(test_catalog__bad_theme),
		F(test_catalog__bad_values),
		F(test_catalog__dup_id),
		F(test_catalog__dup_part),
		F(test_catalog__dup_answer),
		F(test_catalog__dup_executive),
		F(test_catalog__parts_overlap),
		F(test_catalog__empty),
		F(test_catalog__bad_number),
		F(test_catalog__no_file),
		F(test_catalog__bad_bands),
		F(test_catalog__one_lang),
		F(test_catalog__tsv_errors_pass_through),
		F(test_catalog__risk_bad_values),
		F(test_catalog__risk_dup_point),
		F(test_catalog__risk_bad_method),
		F(test_catalog__risk_table_cell_missing),
		F(test_catalog__risk_table_scales_from_one),
		F(test_catalog__risk_unreachable_level_ungraded),
		F(test_catalog__risk_unknown_targets),
		F(test_catalog__risk_no_file),
		F(test_catalog__case_bad_pairs),
#undef F
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
