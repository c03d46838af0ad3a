/*
 * test_checklist.c: unit tests of core/checklist.c: the states, inclusion
 * by level and adoption (tests/data/checklist_inclusion.tsv), the status
 * rules, coverage, risk touches and the order of the gaps with their
 * reasons (tests/data/checklist_gap_order.tsv).
 */
#include "util/compat.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../death.h"

/* The file itself, to reach the static helper that refuses a 7th reason. */
#include "../../../src/core/checklist.c"

#include "core/control.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

static void test_checklist__state_round_trip(void **state)
{
	static const char *const names[CHECKLIST_STATE_COUNT] = {
		"unanswered", "done", "partly", "not_done", "not_applicable"
	};
	int i;

	(void)state;
	for (i = 0; i < CHECKLIST_STATE_COUNT; i++) {
		enum checklist_state s = CHECKLIST_STATE_COUNT;

		assert_string_equal(
			checklist_state_name((enum checklist_state)i),
			names[i]);
		assert_int_equal(checklist_state_parse(names[i], &s), 0);
		assert_int_equal(s, i);
	}
}

static void test_checklist__state_unknown(void **state)
{
	enum checklist_state s = CHECKLIST_DONE;

	(void)state;
	assert_int_equal(checklist_state_parse("", &s), -1);
	assert_int_equal(checklist_state_parse("Done", &s), -1);
	assert_int_equal(checklist_state_parse("not-done", &s), -1);
	assert_int_equal(checklist_state_parse("実施", &s), -1);
	assert_int_equal(s, CHECKLIST_DONE);
}

static void test_checklist__init_and_empty(void **state)
{
	struct checklist_status s;
	size_t k;
	static const size_t texts[] = {
		offsetof(struct checklist_status, reason),
		offsetof(struct checklist_status, owner),
		offsetof(struct checklist_status, note),
		offsetof(struct checklist_status, evidence),
		offsetof(struct checklist_status, review_on),
	};

	(void)state;
	checklist_status_init(&s, "3.1.1");
	assert_string_equal(s.item_id, "3.1.1");
	assert_int_equal(s.state, CHECKLIST_UNANSWERED);
	assert_int_equal(s.adopted, 0);
	assert_string_equal(s.updated_by, "");
	assert_int_equal(s.updated_at, 0);
	assert_true(checklist_status_is_empty(&s));
	/* Any one thing recorded makes a row worth keeping. */
	s.state = CHECKLIST_NOT_DONE;
	assert_false(checklist_status_is_empty(&s));
	checklist_status_init(&s, "3.1.1");
	s.adopted = 1;
	assert_false(checklist_status_is_empty(&s));
	for (k = 0; k < ARRAY_SIZE(texts); k++) {
		checklist_status_init(&s, "3.1.1");
		*(const char **)((char *)&s + texts[k]) = "x";
		assert_false(checklist_status_is_empty(&s));
	}
}

/* Splits the next tab-separated field off *p. */
static char *field(char **p)
{
	char *start = *p, *tab = strchr(start, '\t');

	if (tab) {
		*tab = '\0';
		*p = tab + 1;
	} else {
		*p = start + strlen(start);
	}
	return start;
}

/* Opens a file of tests/data/. */
static FILE *open_data(const char *name, char *path, size_t size)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	FILE *fp;

	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	if ((size_t)snprintf(path, size, "%s/tests/data/%s", root, name) >=
	    size)
		fail_msg("path too long");
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	return fp;
}

static void test_checklist__inclusion_table(void **state)
{
	static const char *const names[] = { "excluded", "level", "adoption" };
	char path[4096], line[256];
	int lineno = 0, rows = 0, header = 0;
	unsigned seen = 0;
	FILE *fp = open_data("checklist_inclusion.tsv", path, sizeof(path));

	(void)state;
	while (fgets(line, sizeof(line), fp)) {
		struct guideline_item item;
		int org, adopted, want;
		char *p = line;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!header) {
			assert_string_equal(line, "item_level\torg_level\t"
						  "adopted\tincluded");
			header = 1;
			continue;
		}
		memset(&item, 0, sizeof(item));
		if (parse_int(field(&p), 1, 3, &item.level) ||
		    parse_int(field(&p), 1, 3, &org) ||
		    parse_int(field(&p), 0, 1, &adopted) ||
		    (want = parse_name(names, 3, field(&p))) < 0 || *p)
			fail_msg("%s:%d: malformed row", path, lineno);
		if ((int)checklist_included(&item, org, adopted) != want)
			fail_msg("%s:%d: L%d item, L%d organisation, adopted "
				 "%d: %s expected",
				 path, lineno, item.level, org, adopted,
				 names[want]);
		seen |= 1u << ((item.level - 1) * 6 + (org - 1) * 2 + adopted);
		rows++;
	}
	fclose(fp);
	/* Every combination, each once. */
	assert_int_equal(rows, 18);
	assert_int_equal(seen, (1u << 18) - 1);
}

/* An L1 execute item in the data domain, for the status rules. */
static void item_of(struct guideline_item *item, const char *id, int level)
{
	memset(item, 0, sizeof(*item));
	item->id = id;
	item->level = level;
	item->kind = GUIDELINE_EXECUTE;
	item->domain = DOMAIN_DATA;
	item->function = FUNCTION_PROTECT;
}

static void expect_refused(const struct guideline_item *item, int level,
			   const struct checklist_status *old,
			   struct checklist_status *s, const char *key,
			   const char *arg0)
{
	struct error err = ERROR_INIT;

	assert_int_equal(checklist_status_validate(item, level, old, s, &err),
			 -1);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, key);
	if (arg0)
		assert_string_equal(err.args[0], arg0);
}

static void test_checklist__validate_reason(void **state)
{
	struct guideline_item item;
	struct checklist_status old, s;
	struct error err = ERROR_INIT;

	(void)state;
	item_of(&item, "5.1.1", 1);
	checklist_status_init(&old, "5.1.1");
	s = old;
	s.state = CHECKLIST_NOT_APPLICABLE;
	expect_refused(&item, 1, &old, &s, "checklist.reason_required", NULL);
	s.reason = "紙の書類しか扱っていないため";
	assert_int_equal(checklist_status_validate(&item, 1, &old, &s, &err),
			 0);
	assert_string_equal(s.reason, "紙の書類しか扱っていないため");
	/* Several lines are fine; a carriage return is not. */
	s.reason = "一行目\n二行目";
	assert_int_equal(checklist_status_validate(&item, 1, &old, &s, &err),
			 0);
	s.reason = "a\rb";
	expect_refused(&item, 1, &old, &s, "input.control_char",
		       "checklist.reason");
	/* Any other state drops the reason. */
	s.state = CHECKLIST_DONE;
	s.reason = "古い理由";
	assert_int_equal(checklist_status_validate(&item, 1, &old, &s, &err),
			 0);
	assert_string_equal(s.reason, "");
	assert_int_equal(err.code, ERROR_NONE);
}

static void test_checklist__validate_lengths(void **state)
{
	struct guideline_item item;
	struct checklist_status old, s;
	struct strbuf longer = STRBUF_INIT;
	struct error err = ERROR_INIT;
	size_t i;

	(void)state;
	item_of(&item, "5.1.1", 1);
	checklist_status_init(&old, "5.1.1");
	for (i = 0; i < CHECKLIST_TEXT_MAX; i++)
		strbuf_addstr(&longer, "証");
	s = old;
	s.state = CHECKLIST_PARTLY;
	s.note = s.evidence = longer.buf;
	s.owner = "総務部 佐藤";
	assert_int_equal(checklist_status_validate(&item, 1, &old, &s, &err),
			 0);
	strbuf_addstr(&longer, "x");
	s.note = longer.buf;
	expect_refused(&item, 1, &old, &s, "input.too_long", "checklist.note");
	s.note = "";
	s.evidence = longer.buf;
	expect_refused(&item, 1, &old, &s, "input.too_long",
		       "checklist.evidence");
	s.evidence = "";
	s.owner = "二行の\n担当者";
	expect_refused(&item, 1, &old, &s, "input.control_char",
		       "checklist.owner");
	s.owner = "";
	/* A reason of 501 characters: the last 500 of the note's and "x". */
	s.state = CHECKLIST_NOT_APPLICABLE;
	s.reason = longer.buf + longer.len - 1 - 3 * CHECKLIST_REASON_MAX;
	expect_refused(&item, 1, &old, &s, "input.too_long",
		       "checklist.reason");
	/* One character (three bytes) less is within the limit. */
	s.reason += 3;
	assert_int_equal(checklist_status_validate(&item, 1, &old, &s, &err),
			 0);
	strbuf_release(&longer);
}

static void test_checklist__validate_review_date(void **state)
{
	static const char *const bad[] = { "2026-02-30", "2026/04/01", "today",
					   "2026-4-1" };
	struct guideline_item item;
	struct checklist_status old, s;
	struct error err = ERROR_INIT;
	size_t i;

	(void)state;
	item_of(&item, "5.1.1", 1);
	checklist_status_init(&old, "5.1.1");
	s = old;
	s.review_on = "2026-10-01";
	assert_int_equal(checklist_status_validate(&item, 1, &old, &s, &err),
			 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		s.review_on = bad[i];
		expect_refused(&item, 1, &old, &s, "input.bad_date",
			       "checklist.review_on");
	}
}

static void test_checklist__validate_adoption(void **state)
{
	struct guideline_item l2;
	struct checklist_status old, s;
	struct error err = ERROR_INIT;

	(void)state;
	item_of(&l2, "3.2.8", 2);
	checklist_status_init(&old, "3.2.8");
	s = old;
	s.adopted = 1;
	/* Above an L1 organisation's level: it may take the item on. */
	assert_int_equal(checklist_status_validate(&l2, 1, &old, &s, &err), 0);
	/* Within an L2 or L3 organisation's level: nothing to adopt. */
	expect_refused(&l2, 2, &old, &s, "checklist.adopt_within_level",
		       "3.2.8");
	assert_int_equal(checklist_status_validate(&l2, 3, &old, &s, &err), -1);
	assert_string_equal(err.key, "checklist.adopt_within_level");
	assert_string_equal(err.args[0], "3.2.8");
	assert_string_equal(err.args[1], "3");
	/* Adopted before the level rose: the flag may stay. */
	old.adopted = 1;
	error_clear(&err);
	assert_int_equal(checklist_status_validate(&l2, 2, &old, &s, &err), 0);
	/* And giving it up is always fine. */
	s.adopted = 0;
	assert_int_equal(checklist_status_validate(&l2, 2, &old, &s, &err), 0);
}

/* A small catalogue over three domains and the three levels. */
static const struct {
	const char *id;
	int level;
	enum guideline_domain domain;
	enum checklist_state state;
	int adopted;
} cov_items[] = {
	{ "a1", 1, DOMAIN_ACCOUNT, CHECKLIST_DONE, 0 },
	{ "a2", 1, DOMAIN_ACCOUNT, CHECKLIST_PARTLY, 0 },
	{ "a3", 1, DOMAIN_ACCOUNT, CHECKLIST_NOT_APPLICABLE, 0 },
	{ "a4", 2, DOMAIN_ACCOUNT, CHECKLIST_DONE, 1 },
	{ "d1", 1, DOMAIN_DATA, CHECKLIST_NOT_DONE, 0 },
	{ "d2", 1, DOMAIN_DATA, CHECKLIST_UNANSWERED, 0 },
	{ "d3", 2, DOMAIN_DATA, CHECKLIST_PARTLY, 0 },
	{ "n1", 3, DOMAIN_NETWORK, CHECKLIST_DONE, 0 },
	{ "t1", 1, DOMAIN_TRAINING, CHECKLIST_NOT_APPLICABLE, 0 },
};

static void coverage_of(int level, struct checklist_coverage *c)
{
	struct guideline_item items[ARRAY_SIZE(cov_items)];
	struct checklist_status st[ARRAY_SIZE(cov_items)];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cov_items); i++) {
		item_of(&items[i], cov_items[i].id, cov_items[i].level);
		items[i].domain = cov_items[i].domain;
		checklist_status_init(&st[i], cov_items[i].id);
		st[i].state = cov_items[i].state;
		st[i].adopted = cov_items[i].adopted;
	}
	memset(c, 0x55, sizeof(*c));
	checklist_coverage(items, ARRAY_SIZE(items), st, level, c);
}

static void test_checklist__coverage(void **state)
{
	struct checklist_coverage c;
	int d;

	(void)state;
	coverage_of(1, &c);
	assert_int_equal(c.level, 1);
	/* The adopted L2 item a4 is extra, not part of the level's share. */
	assert_int_equal(c.items, 6);
	assert_int_equal(c.done, 1);
	assert_int_equal(c.partly, 1);
	assert_int_equal(c.not_done, 1);
	assert_int_equal(c.not_applicable, 2);
	assert_int_equal(c.unanswered, 1);
	assert_int_equal(c.done + c.partly + c.not_done + c.not_applicable +
				 c.unanswered,
			 c.items);
	/* Not applicable leaves the domain's denominator. */
	assert_int_equal(c.domain[DOMAIN_ACCOUNT].items, 2);
	assert_int_equal(c.domain[DOMAIN_ACCOUNT].done, 1);
	assert_int_equal(c.domain[DOMAIN_ACCOUNT].partly, 1);
	assert_int_equal(c.domain[DOMAIN_DATA].items, 2);
	assert_int_equal(c.domain[DOMAIN_DATA].done, 0);
	assert_int_equal(c.domain[DOMAIN_TRAINING].items, 0);
	assert_int_equal(c.domain[DOMAIN_NETWORK].items, 0);
	for (d = 0; d < DOMAIN_COUNT; d++)
		if (d != DOMAIN_ACCOUNT && d != DOMAIN_DATA)
			assert_int_equal(c.domain[d].items, 0);
	/* (1 + 0.5) of 4: 37.5 % rounds to 38. */
	assert_int_equal(checklist_coverage_percent(&c), 38);
	assert_int_equal(checklist_percent(c.domain[DOMAIN_ACCOUNT].done,
					   c.domain[DOMAIN_ACCOUNT].partly,
					   c.domain[DOMAIN_ACCOUNT].items),
			 75);

	coverage_of(3, &c);
	assert_int_equal(c.items, 9);
	assert_int_equal(c.done, 3);
	assert_int_equal(c.partly, 2);
	assert_int_equal(c.domain[DOMAIN_NETWORK].items, 1);
	assert_int_equal(c.domain[DOMAIN_NETWORK].done, 1);
	assert_int_equal(c.domain[DOMAIN_ACCOUNT].items, 3);
	assert_int_equal(c.domain[DOMAIN_DATA].items, 3);
	assert_int_equal(c.domain[DOMAIN_DATA].partly, 1);
	/* (3 + 1) of 7. */
	assert_int_equal(checklist_coverage_percent(&c), 57);
}

static void test_checklist__coverage_empty(void **state)
{
	struct checklist_coverage c;

	(void)state;
	memset(&c, 0x55, sizeof(c));
	checklist_coverage(NULL, 0, NULL, 2, &c);
	assert_int_equal(c.level, 2);
	assert_int_equal(c.items, 0);
	assert_int_equal(c.domain[DOMAIN_COUNT - 1].items, 0);
	assert_int_equal(checklist_coverage_percent(&c), -1);
}

static void test_checklist__percent(void **state)
{
	(void)state;
	assert_int_equal(checklist_percent(0, 0, 0), -1);
	assert_int_equal(checklist_percent(0, 0, -1), -1);
	assert_int_equal(checklist_percent(0, 0, 5), 0);
	assert_int_equal(checklist_percent(5, 0, 5), 100);
	assert_int_equal(checklist_percent(0, 5, 5), 50);
	assert_int_equal(checklist_percent(1, 0, 3), 33);
	assert_int_equal(checklist_percent(2, 0, 3), 67);
	assert_int_equal(checklist_percent(0, 1, 8), 6);
	assert_int_equal(checklist_percent(0, 1, 4), 13);
	assert_int_equal(checklist_percent(110, 0, 110), 100);
	assert_int_equal(checklist_percent(109, 1, 110), 100);
	assert_int_equal(checklist_percent(108, 1, 110), 99);
}

static void test_checklist__touch(void **state)
{
	const struct control c512 = { .id = "5.12" }, c51 = { .id = "5.1" },
			     c815 = { .id = "8.15" };
	const struct control *a_ctl[] = { &c512, &c815 }, *b_ctl[] = { &c51 };
	struct guideline_item items[3];
	struct checklist_touch touch[3];

	(void)state;
	item_of(&items[0], "5.1.1", 1);
	items[0].controls = a_ctl;
	items[0].control_count = 2;
	item_of(&items[1], "5.1", 1);
	items[1].controls = b_ctl;
	items[1].control_count = 1;
	item_of(&items[2], "5", 1);
	memset(touch, 0, sizeof(touch));
	/* A treatment that chose 5.1 and 8.15: 5.1.1 shares 8.15. */
	checklist_touch_high(items, 3, "5.1 8.15", "", 1, touch);
	assert_int_equal(touch[0].high_risks, 1);
	/* 5.1 is item 5.1's control: the id, not a prefix of 5.12. */
	assert_int_equal(touch[1].high_risks, 1);
	assert_int_equal(touch[2].high_risks, 0);
	/* Item "5" chosen itself, among extra spaces. */
	checklist_touch_high(items, 3, "  ", " 5.1.1x  5 ", 1, touch);
	assert_int_equal(touch[0].high_risks, 1);
	assert_int_equal(touch[2].high_risks, 1);
	/* Chosen and sharing a control: still one risk. */
	checklist_touch_high(items, 3, "5.12", "5.1.1", 1, touch);
	assert_int_equal(touch[0].high_risks, 2);
	assert_int_equal(touch[1].high_risks, 1);
	/* Prefixes and longer ids are not ids. */
	checklist_touch_high(items, 3, "5.121 8.1 5", "5.1.11 5.", 1, touch);
	assert_int_equal(touch[0].high_risks, 2);
	assert_int_equal(touch[1].high_risks, 1);
	assert_int_equal(touch[2].high_risks, 1);
	/* Nothing chosen touches nothing; treated counts are not ours. */
	checklist_touch_high(items, 3, "", "", 1, touch);
	assert_int_equal(touch[0].high_risks, 2);
	/* Several risks with the same references count as many. */
	checklist_touch_high(items, 3, "8.15", "", 40, touch);
	assert_int_equal(touch[0].high_risks, 42);
	assert_int_equal(touch[1].high_risks, 1);
	assert_int_equal(touch[0].treated_risks, 0);
}

static void test_checklist__important_data(void **state)
{
	struct guideline_item g;
	int d, f;

	(void)state;
	item_of(&g, "x", 1);
	for (d = 0; d < DOMAIN_COUNT; d++)
		for (f = 0; f < FUNCTION_COUNT; f++) {
			int want = (f == FUNCTION_IDENTIFY ||
				    f == FUNCTION_PROTECT) &&
				   (d == DOMAIN_DATA || d == DOMAIN_ACCOUNT ||
				    d == DOMAIN_BACKUP);

			g.domain = (enum guideline_domain)d;
			g.function = (enum security_function)f;
			assert_int_equal(checklist_important_data(&g), want);
		}
}

/* --- the gap order, from tests/data/checklist_gap_order.tsv ------------- */

enum { CASE_MAX = 16 };

struct gap_case {
	char name[32];
	size_t count;
	int org_level;
	int lineno[CASE_MAX];
	struct guideline_item items[CASE_MAX];
	struct checklist_status st[CASE_MAX];
	struct checklist_touch touch[CASE_MAX];
	char id[CASE_MAX][16];
	char rank[CASE_MAX][8];
	char why[CASE_MAX][160];
};

/* The reasons of g as the file writes them: "level=1 establish …". */
static void why_text(const struct checklist_gap *g, struct strbuf *out)
{
	size_t k;

	strbuf_reset(out);
	for (k = 0; k < g->why_count; k++) {
		const char *key = g->why[k].key;

		assert_true(!strncmp(key, "checklist.why.", 14));
		strbuf_addf(out, "%s%s", k ? " " : "", key + 14);
		if (g->why[k].arg)
			strbuf_addf(out, "=%d", g->why[k].arg);
	}
}

static void run_case(const char *path, struct gap_case *c, size_t *checked)
{
	struct checklist_gap gaps[CASE_MAX];
	struct strbuf why = STRBUF_INIT;
	size_t n, i, k, gaps_expected = 0;

	if (!c->count)
		return;
	n = checklist_gaps(c->items, c->count, c->st, c->touch, c->org_level,
			   gaps);
	for (i = 0; i < c->count; i++) {
		int found = -1, want;

		for (k = 0; k < n; k++)
			if (gaps[k].index == i)
				found = (int)k;
		if (!strcmp(c->rank[i], "-")) {
			if (found >= 0)
				fail_msg("%s:%d: case %s: %s is no gap, but "
					 "came %d",
					 path, c->lineno[i], c->name, c->id[i],
					 found + 1);
			(*checked)++;
			continue;
		}
		gaps_expected++;
		if (parse_int(c->rank[i], 1, CASE_MAX, &want) || found < 0 ||
		    found + 1 != want)
			fail_msg("%s:%d: case %s: %s came %d, expected %s",
				 path, c->lineno[i], c->name, c->id[i],
				 found + 1, c->rank[i]);
		assert_ptr_equal(gaps[found].item, &c->items[i]);
		why_text(&gaps[found], &why);
		if (strcmp(why.buf, c->why[i]))
			fail_msg("%s:%d: case %s: %s's reasons are '%s', "
				 "expected '%s'",
				 path, c->lineno[i], c->name, c->id[i], why.buf,
				 c->why[i]);
		(*checked)++;
	}
	assert_int_equal(n, gaps_expected);
	/* The comparison agrees with the order, and is a strict one. */
	for (k = 0; k + 1 < n; k++) {
		assert_true(checklist_gap_cmp(&gaps[k], &gaps[k + 1]) < 0);
		assert_true(checklist_gap_cmp(&gaps[k + 1], &gaps[k]) > 0);
		assert_int_equal(checklist_gap_cmp(&gaps[k], &gaps[k]), 0);
	}
	strbuf_release(&why);
	c->count = 0;
}

static void test_checklist__gap_order_table(void **state)
{
	char path[4096], line[512];
	int lineno = 0, header = 0;
	size_t checked = 0, cases = 0, rows = 0;
	FILE *fp = open_data("checklist_gap_order.tsv", path, sizeof(path));
	struct gap_case *c = xcalloc(1, sizeof(*c));

	(void)state;
	while (fgets(line, sizeof(line), fp)) {
		char *p = line, *name, *kind, *domain, *function, *st;
		size_t i;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!header) {
			assert_string_equal(line,
					    "case\tid\tlevel\tkind\tdomain\t"
					    "function\tstate\tadopted\thigh\t"
					    "treated\torg_level\trank\twhy");
			header = 1;
			continue;
		}
		name = field(&p);
		if (strcmp(name, c->name)) {
			run_case(path, c, &checked);
			snprintf(c->name, sizeof(c->name), "%s", name);
			cases++;
		}
		i = c->count;
		if (i == CASE_MAX)
			fail_msg("%s:%d: too many rows in a case", path,
				 lineno);
		c->lineno[i] = lineno;
		snprintf(c->id[i], sizeof(c->id[i]), "%s", field(&p));
		item_of(&c->items[i], c->id[i], 1);
		checklist_status_init(&c->st[i], c->id[i]);
		if (parse_int(field(&p), 1, 3, &c->items[i].level))
			fail_msg("%s:%d: level", path, lineno);
		kind = field(&p);
		domain = field(&p);
		function = field(&p);
		st = field(&p);
		if (guideline_kind_parse(kind, &c->items[i].kind) ||
		    guideline_domain_parse(domain, &c->items[i].domain) ||
		    security_function_parse(function, &c->items[i].function) ||
		    checklist_state_parse(st, &c->st[i].state) ||
		    parse_int(field(&p), 0, 1, &c->st[i].adopted) ||
		    parse_int(field(&p), 0, 99, &c->touch[i].high_risks) ||
		    parse_int(field(&p), 0, 99, &c->touch[i].treated_risks) ||
		    parse_int(field(&p), 1, 3, &c->org_level))
			fail_msg("%s:%d: malformed row", path, lineno);
		snprintf(c->rank[i], sizeof(c->rank[i]), "%s", field(&p));
		snprintf(c->why[i], sizeof(c->why[i]), "%s", field(&p));
		if (*p)
			fail_msg("%s:%d: too many columns", path, lineno);
		c->count++;
		rows++;
	}
	run_case(path, c, &checked);
	fclose(fp);
	free(c);
	/* Every row was checked, in every case. */
	assert_true(cases >= 10);
	assert_int_equal(checked, rows);
}

static void test_checklist__gaps_without_risks(void **state)
{
	struct guideline_item items[2];
	struct checklist_status st[2];
	struct checklist_gap gaps[2];

	(void)state;
	item_of(&items[0], "a", 1);
	item_of(&items[1], "b", 1);
	items[1].function = FUNCTION_IDENTIFY;
	checklist_status_init(&st[0], "a");
	checklist_status_init(&st[1], "b");
	/* No risk register: the rule's other keys still order them. */
	assert_int_equal(checklist_gaps(items, 2, st, NULL, 1, gaps), 2);
	assert_ptr_equal(gaps[0].item, &items[1]);
	assert_int_equal(gaps[0].high_risks, 0);
	assert_int_equal(gaps[0].treated_risks, 0);
	assert_int_equal(checklist_gaps(items, 0, st, NULL, 1, gaps), 0);
}

static void seventh_reason(void *arg)
{
	struct checklist_gap *g = arg;
	int i;

	for (i = 0; i <= CHECKLIST_WHY_MAX; i++)
		why_add(g, "checklist.why.level", 1);
}

/*
 * The audit lines: only the fields that differ, old values before and new
 * ones after, in a fixed order, line breaks of a value as spaces.
 */
static void test_checklist__changes(void **state)
{
	struct checklist_status old, s;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;

	(void)state;
	checklist_status_init(&old, "3.1.1");
	s = old;
	checklist_status_changes(&old, &s, &before, &after);
	assert_int_equal(before.len, 0);
	assert_int_equal(after.len, 0);

	s.state = CHECKLIST_NOT_APPLICABLE;
	s.reason = "共有の\nアカウントはない";
	s.adopted = 1;
	s.owner = "山田";
	s.note = "n";
	s.evidence = "e";
	s.review_on = "2027-01-31";
	checklist_status_changes(&old, &s, &before, &after);
	assert_string_equal(before.buf, "status: unanswered\n"
					"adopted: no\n"
					"reason: \n"
					"owner: \n"
					"note: \n"
					"evidence: \n"
					"review_on: ");
	assert_string_equal(after.buf, "status: not_applicable\n"
				       "adopted: yes\n"
				       "reason: 共有の アカウントはない\n"
				       "owner: 山田\n"
				       "note: n\n"
				       "evidence: e\n"
				       "review_on: 2027-01-31");

	/* One field: one line each; adopted compared as a flag. */
	strbuf_reset(&before);
	strbuf_reset(&after);
	old = s;
	s.adopted = 7;
	s.owner = "佐藤";
	checklist_status_changes(&old, &s, &before, &after);
	assert_string_equal(before.buf, "owner: 山田");
	assert_string_equal(after.buf, "owner: 佐藤");
	strbuf_release(&before);
	strbuf_release(&after);
}

static void test_checklist__too_many_reasons(void **state)
{
	struct checklist_gap g;

	(void)state;
	memset(&g, 0, sizeof(g));
	death_expect_abort(seventh_reason, &g, "too many reasons");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checklist__state_round_trip),
		cmocka_unit_test(test_checklist__state_unknown),
		cmocka_unit_test(test_checklist__init_and_empty),
		cmocka_unit_test(test_checklist__changes),
		cmocka_unit_test(test_checklist__inclusion_table),
		cmocka_unit_test(test_checklist__validate_reason),
		cmocka_unit_test(test_checklist__validate_lengths),
		cmocka_unit_test(test_checklist__validate_review_date),
		cmocka_unit_test(test_checklist__validate_adoption),
		cmocka_unit_test(test_checklist__coverage),
		cmocka_unit_test(test_checklist__coverage_empty),
		cmocka_unit_test(test_checklist__percent),
		cmocka_unit_test(test_checklist__touch),
		cmocka_unit_test(test_checklist__important_data),
		cmocka_unit_test(test_checklist__gap_order_table),
		cmocka_unit_test(test_checklist__gaps_without_risks),
		cmocka_unit_test(test_checklist__too_many_reasons),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
