/*
 * test_soa.c: unit tests of core/soa.c: the names, the entry rules, what
 * blocks approval (data-driven from tests/data/soa_blocking.tsv), the
 * differences between versions, the counts and the suggestions from risk
 * treatments, weak self-diagnosis answers and a picked incident case.
 */
#include "util/compat.h"
#include "core/soa.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/control.h"
#include "core/diagnosis.h"
#include "core/reference.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

/* --- names --------------------------------------------------------------- */

static void test_soa__names_round_trip(void **state)
{
	static const char *const applic[] = { "undecided", "yes", "no" };
	static const char *const status[] = { "not_implemented", "partly",
					      "implemented", "not_applicable" };
	static const char *const problems[] = { "undecided", "no_status",
						"no_justification",
						"no_reason" };
	static const char *const fields[] = { "applicable",    "reasons",
					      "justification", "status",
					      "owner",	       "notes",
					      "reviewed_on" };
	enum soa_applicability a;
	enum soa_status s;
	int i;

	(void)state;
	for (i = 0; i < SOA_APPLICABILITY_COUNT; i++) {
		assert_string_equal(
			soa_applicability_name((enum soa_applicability)i),
			applic[i]);
		assert_int_equal(soa_applicability_parse(applic[i], &a), 0);
		assert_int_equal(a, i);
	}
	for (i = 0; i < SOA_STATUS_COUNT; i++) {
		assert_string_equal(soa_status_name((enum soa_status)i),
				    status[i]);
		assert_int_equal(soa_status_parse(status[i], &s), 0);
		assert_int_equal(s, i);
	}
	for (i = 0; i < SOA_PROBLEM_COUNT; i++)
		assert_string_equal(soa_problem_name((enum soa_problem)i),
				    problems[i]);
	for (i = 0; i < SOA_FIELD_COUNT; i++)
		assert_string_equal(soa_field_name((enum soa_field)i),
				    fields[i]);
	/* Out of range: "", never a crash. */
	assert_string_equal(soa_applicability_name(SOA_APPLICABILITY_COUNT),
			    "");
	assert_string_equal(soa_status_name(SOA_STATUS_COUNT), "");
	assert_string_equal(soa_problem_name(SOA_PROBLEM_COUNT), "");
	assert_string_equal(soa_field_name(SOA_FIELD_COUNT), "");
	assert_string_equal(soa_reason_name(-1), "");
	assert_string_equal(soa_reason_name(SOA_REASON_COUNT), "");
	/* Unknown names are refused and leave the output alone. */
	a = SOA_EXCLUDED;
	assert_int_equal(soa_applicability_parse("Yes", &a), -1);
	assert_int_equal(soa_applicability_parse("", &a), -1);
	assert_int_equal(a, SOA_EXCLUDED);
	s = SOA_PARTLY;
	assert_int_equal(soa_status_parse("unset", &s), -1);
	assert_int_equal(soa_status_parse("実施済", &s), -1);
	assert_int_equal(s, SOA_PARTLY);
}

static void test_soa__reasons(void **state)
{
	const char *bad = NULL;
	size_t bad_len = 0;
	unsigned bits = 99;

	(void)state;
	assert_string_equal(soa_reason_name(0), "risk");
	assert_string_equal(soa_reason_name(3), "practice");
	assert_int_equal(soa_reason_parse("risk"), SOA_REASON_RISK);
	assert_int_equal(soa_reason_parse("legal"), SOA_REASON_LEGAL);
	assert_int_equal(soa_reason_parse("contract"), SOA_REASON_CONTRACT);
	assert_int_equal(soa_reason_parse("practice"), SOA_REASON_PRACTICE);
	assert_int_equal(soa_reason_parse("law"), 0);
	assert_int_equal(
		soa_reasons_parse("risk,practice", &bits, &bad, &bad_len), 0);
	assert_int_equal(bits, SOA_REASON_RISK | SOA_REASON_PRACTICE);
	/* Repeats and a trailing comma do no harm; "" is no reason. */
	assert_int_equal(
		soa_reasons_parse("legal,legal,", &bits, &bad, &bad_len), 0);
	assert_int_equal(bits, SOA_REASON_LEGAL);
	assert_int_equal(soa_reasons_parse("", &bits, &bad, &bad_len), 0);
	assert_int_equal(bits, 0);
	/* The unknown name is pointed at, up to its comma. */
	bits = 7;
	assert_int_equal(soa_reasons_parse("risk,laws,legal", &bits, &bad,
					   &bad_len),
			 -1);
	assert_int_equal(bad_len, 4);
	assert_memory_equal(bad, "laws", 4);
	assert_int_equal(bits, 7);
	/* Longer than any name fits the buffer: still refused, not cut. */
	assert_int_equal(soa_reasons_parse("practicepracticepractice", &bits,
					   &bad, &bad_len),
			 -1);
	assert_int_equal(bad_len, 24);
	/* An empty name between commas is refused. */
	assert_int_equal(
		soa_reasons_parse("risk,,legal", &bits, &bad, &bad_len), -1);
	assert_int_equal(bad_len, 0);
}

/* --- entries ------------------------------------------------------------- */

static void test_soa__init_normalise_accept(void **state)
{
	struct soa_entry e;

	(void)state;
	soa_entry_init(&e, "5.12");
	assert_string_equal(e.control, "5.12");
	assert_int_equal(e.applicable, SOA_UNDECIDED);
	assert_int_equal(e.reasons, 0);
	assert_int_equal(e.status, SOA_STATUS_UNSET);
	assert_string_equal(e.justification, "");
	assert_string_equal(e.owner, "");
	assert_string_equal(e.notes, "");
	assert_string_equal(e.reviewed_on, "");
	assert_int_equal(e.updated_at, 0);

	/* Normalising leaves an undecided draft alone. */
	e.reasons = SOA_REASON_RISK;
	e.status = SOA_PARTLY;
	e.justification = "下書き";
	soa_entry_normalise(&e);
	assert_int_equal(e.reasons, SOA_REASON_RISK);
	assert_int_equal(e.status, SOA_PARTLY);
	assert_string_equal(e.justification, "下書き");
	/* Applying drops the justification only. */
	e.applicable = SOA_APPLICABLE;
	soa_entry_normalise(&e);
	assert_int_equal(e.reasons, SOA_REASON_RISK);
	assert_int_equal(e.status, SOA_PARTLY);
	assert_string_equal(e.justification, "");
	e.justification = "除外の理由";
	/* Excluding drops the reasons and makes it 該当なし. */
	e.applicable = SOA_EXCLUDED;
	soa_entry_normalise(&e);
	assert_int_equal(e.reasons, 0);
	assert_int_equal(e.status, SOA_NOT_APPLICABLE);
	assert_string_equal(e.justification, "除外の理由");

	/* Accepting undoes the exclusion's 該当なし and adds the reason. */
	soa_entry_accept(&e, SOA_REASON_PRACTICE);
	assert_int_equal(e.applicable, SOA_APPLICABLE);
	assert_int_equal(e.reasons, SOA_REASON_PRACTICE);
	assert_int_equal(e.status, SOA_STATUS_UNSET);
	/* A real status stays; reasons accumulate. */
	e.status = SOA_IMPLEMENTED;
	soa_entry_accept(&e, SOA_REASON_RISK);
	assert_int_equal(e.reasons, SOA_REASON_PRACTICE | SOA_REASON_RISK);
	assert_int_equal(e.status, SOA_IMPLEMENTED);
}

static void expect_refused(const struct soa_entry *e, const char *key,
			   const char *arg0)
{
	struct error err = ERROR_INIT;

	assert_int_equal(soa_entry_validate(e, &err), -1);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, key);
	if (arg0)
		assert_string_equal(err.args[0], arg0);
}

static void expect_valid(const struct soa_entry *e)
{
	struct error err = ERROR_INIT;

	if (soa_entry_validate(e, &err))
		fail_msg("refused: %s %s", err.key,
			 err.argc ? err.args[0] : "");
}

static void test_soa__validate(void **state)
{
	char long_text[SOA_NOTES_MAX + 2];
	struct soa_entry e;

	(void)state;
	soa_entry_init(&e, "5.1");
	expect_valid(&e); /* undecided with nothing: fine to keep */
	e.reasons = SOA_REASON_LEGAL;
	e.status = SOA_PARTLY;
	e.justification = "下書き";
	expect_valid(&e); /* undecided: anything in range may be kept */

	/* Values out of range. */
	e.applicable = SOA_APPLICABILITY_COUNT;
	expect_refused(&e, "input.bad_choice", "soa.applicable");
	e.applicable = SOA_APPLICABLE;
	e.reasons = 1u << 4;
	expect_refused(&e, "input.bad_choice", "soa.reasons");
	e.reasons = SOA_REASON_RISK;
	e.status = SOA_STATUS_COUNT;
	expect_refused(&e, "input.bad_choice", "soa.status");
	e.status = -2;
	expect_refused(&e, "input.bad_choice", "soa.status");
	e.status = SOA_IMPLEMENTED;
	e.justification = "";
	expect_valid(&e);

	/* Lengths and characters. */
	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	e.notes = long_text;
	expect_refused(&e, "input.too_long", "soa.notes");
	long_text[SOA_NOTES_MAX] = '\0';
	expect_valid(&e);
	e.notes = "手順書: 共有フォルダ\n記録: 台帳";
	expect_valid(&e); /* line feeds are fine in notes */
	long_text[SOA_OWNER_MAX + 1] = '\0';
	e.owner = long_text;
	expect_refused(&e, "input.too_long", "soa.owner");
	e.owner = "総務\n部長";
	expect_refused(&e, "input.control_char", "soa.owner");
	e.owner = "総務部長";
	memset(long_text, 'x', SOA_JUSTIFICATION_MAX + 1);
	long_text[SOA_JUSTIFICATION_MAX + 1] = '\0';
	e.justification = long_text;
	expect_refused(&e, "input.too_long", "soa.justification");
	e.justification = "";

	/* The review date must be a real one. */
	e.reviewed_on = "2026-02-30";
	expect_refused(&e, "input.bad_date", "soa.reviewed_on");
	e.reviewed_on = "2026/01/10";
	expect_refused(&e, "input.bad_date", "soa.reviewed_on");
	e.reviewed_on = "2024-02-29";
	expect_valid(&e);

	/* An applicable control needs a reason and cannot be 該当なし. */
	e.reasons = 0;
	expect_refused(&e, "soa.needs_reason", "5.1");
	e.reasons = SOA_REASON_CONTRACT;
	e.status = SOA_NOT_APPLICABLE;
	expect_refused(&e, "soa.applicable_not_applicable", "5.1");
	e.status = SOA_STATUS_UNSET;
	expect_valid(&e); /* no status yet: kept, but blocks approval */

	/* An excluded one needs a justification, no reason, only 該当なし. */
	e.applicable = SOA_EXCLUDED;
	e.reasons = 0;
	expect_refused(&e, "soa.needs_justification", "5.1");
	e.justification = "在宅勤務がないため";
	expect_valid(&e);
	e.reasons = SOA_REASON_RISK;
	expect_refused(&e, "soa.excluded_with_reason", "5.1");
	e.reasons = 0;
	e.status = SOA_PARTLY;
	expect_refused(&e, "soa.excluded_with_status", "5.1");
	e.status = SOA_NOT_APPLICABLE;
	expect_valid(&e);
}

/* --- blockers, from tests/data/soa_blocking.tsv --------------------------- */

/* Returns the next tab-separated field of *p and moves past it. */
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

enum { MAX_ROWS = 16 };

/* One statement of the file: its entries and the blockers expected. */
struct blocking_case {
	char name[64];
	struct soa_entry entries[MAX_ROWS];
	char want[MAX_ROWS][64]; /* per entry, "no_reason,no_status" */
	size_t count;
	int line;
};

/* Runs soa_blockers over c and compares with what the file says. */
static void check_case(const char *path, const struct blocking_case *c)
{
	struct soa_blocker out[2 * MAX_ROWS];
	struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;
	size_t n, i, k;

	if (!c->count)
		return;
	n = soa_blockers(c->entries, c->count, out);
	/* Both as "control:problem" lines, in order. */
	for (i = 0; i < n; i++)
		strbuf_addf(&got, "%s:%s\n", out[i].control,
			    soa_problem_name(out[i].problem));
	for (i = 0; i < c->count; i++) {
		const char *p = c->want[i];

		while (*p) {
			k = strcspn(p, ",");
			strbuf_addf(&want, "%s:%.*s\n", c->entries[i].control,
				    (int)k, p);
			p += k;
			if (*p)
				p++;
		}
	}
	if (strcmp(got.buf, want.buf))
		fail_msg("%s:%d: case %s: blockers\n%s expected\n%s", path,
			 c->line, c->name, got.buf, want.buf);
	strbuf_release(&got);
	strbuf_release(&want);
}

static void test_soa__blocking_table(void **state)
{
	char path[4096], line[1024];
	struct blocking_case c;
	struct arena a;
	int lineno = 0, header = 0, cases = 0;
	unsigned problems_seen = 0;

	(void)state;
	arena_init(&a, 0);
	memset(&c, 0, sizeof(c));
	{
		FILE *fp = open_data("soa_blocking.tsv", path, sizeof(path));

		while (fgets(line, sizeof(line), fp)) {
			char *p = line, *name, *ctl, *ap, *rs, *just, *st, *bl;
			struct soa_entry *e;
			const char *bad;
			size_t bad_len, i;
			enum soa_status s;

			lineno++;
			line[strcspn(line, "\r\n")] = '\0';
			if (!line[0] || line[0] == '#')
				continue;
			if (!header) {
				assert_string_equal(
					line, "case\tcontrol\tapplicable\t"
					      "reasons\tjustification\tstatus\t"
					      "blockers");
				header = 1;
				continue;
			}
			name = field(&p);
			ctl = field(&p);
			ap = field(&p);
			rs = field(&p);
			just = field(&p);
			st = field(&p);
			bl = field(&p);
			if (*p)
				fail_msg("%s:%d: too many fields", path,
					 lineno);
			if (strcmp(name, c.name)) {
				check_case(path, &c);
				memset(&c, 0, sizeof(c));
				snprintf(c.name, sizeof(c.name), "%s", name);
				c.line = lineno;
				cases++;
			}
			if (c.count == MAX_ROWS)
				fail_msg("%s:%d: too many rows", path, lineno);
			e = &c.entries[c.count];
			soa_entry_init(e, arena_strdup(&a, ctl));
			if (soa_applicability_parse(ap, &e->applicable) ||
			    soa_reasons_parse(rs, &e->reasons, &bad, &bad_len))
				fail_msg("%s:%d: malformed row", path, lineno);
			e->justification = arena_strdup(&a, just);
			if (!strcmp(st, "unset"))
				e->status = SOA_STATUS_UNSET;
			else if (*st && !soa_status_parse(st, &s))
				e->status = (int)s;
			else if (*st)
				fail_msg("%s:%d: bad status", path, lineno);
			snprintf(c.want[c.count], sizeof(c.want[0]), "%s", bl);
			for (i = 0; i < SOA_PROBLEM_COUNT; i++)
				if (strstr(bl, soa_problem_name(
						       (enum soa_problem)i)))
					problems_seen |= 1u << i;
			c.count++;
		}
		fclose(fp);
	}
	check_case(path, &c);
	arena_release(&a);
	/* The file covers every problem, over several statements. */
	assert_true(cases >= 8);
	assert_int_equal(problems_seen, (1u << SOA_PROBLEM_COUNT) - 1);
}

/* --- fields, diffs and the audit trail ------------------------------------ */

static void test_soa__field_values(void **state)
{
	struct soa_entry e;
	char buf[64];

	(void)state;
	soa_entry_init(&e, "8.1");
	assert_string_equal(soa_field_value(&e, SOA_FIELD_APPLICABLE, buf,
					    sizeof(buf)),
			    "undecided");
	assert_string_equal(
		soa_field_value(&e, SOA_FIELD_REASONS, buf, sizeof(buf)), "");
	assert_string_equal(
		soa_field_value(&e, SOA_FIELD_STATUS, buf, sizeof(buf)), "");
	e.applicable = SOA_APPLICABLE;
	e.reasons = SOA_REASON_ALL;
	e.status = SOA_PARTLY;
	e.justification = "j";
	e.owner = "情報システム担当";
	e.notes = "n";
	e.reviewed_on = "2026-04-01";
	assert_string_equal(soa_field_value(&e, SOA_FIELD_REASONS, buf,
					    sizeof(buf)),
			    "risk,legal,contract,practice");
	assert_string_equal(soa_field_value(&e, SOA_FIELD_STATUS, buf,
					    sizeof(buf)),
			    "partly");
	assert_string_equal(soa_field_value(&e, SOA_FIELD_JUSTIFICATION, buf,
					    sizeof(buf)),
			    "j");
	assert_string_equal(soa_field_value(&e, SOA_FIELD_OWNER, buf,
					    sizeof(buf)),
			    "情報システム担当");
	assert_string_equal(
		soa_field_value(&e, SOA_FIELD_NOTES, buf, sizeof(buf)), "n");
	assert_string_equal(soa_field_value(&e, SOA_FIELD_REVIEWED_ON, buf,
					    sizeof(buf)),
			    "2026-04-01");
	assert_string_equal(
		soa_field_value(&e, SOA_FIELD_COUNT, buf, sizeof(buf)), "");
}

static void test_soa__changes_and_audit(void **state)
{
	struct soa_entry a, b;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;

	(void)state;
	soa_entry_init(&a, "5.7");
	b = a;
	assert_int_equal(soa_entry_changes(&a, &b), 0);
	b.applicable = SOA_APPLICABLE;
	b.reasons = SOA_REASON_RISK | SOA_REASON_LEGAL;
	b.owner = "総務部長";
	assert_int_equal(soa_entry_changes(&a, &b),
			 (1u << SOA_FIELD_APPLICABLE) |
				 (1u << SOA_FIELD_REASONS) |
				 (1u << SOA_FIELD_OWNER));
	soa_entry_audit(&a, &b, &before, &after);
	assert_string_equal(before.buf, "applicable: undecided\nreasons: \n"
					"owner: ");
	assert_string_equal(after.buf, "applicable: yes\nreasons: risk,legal\n"
				       "owner: 総務部長");
	strbuf_release(&before);
	strbuf_release(&after);
	/* No old entry: compared with a fresh one. */
	b.status = SOA_IMPLEMENTED;
	soa_entry_audit(NULL, &b, &before, &after);
	assert_string_equal(after.buf, "applicable: yes\nreasons: risk,legal\n"
				       "status: implemented\nowner: 総務部長");
	strbuf_release(&before);
	strbuf_release(&after);
	/* Nothing changed: nothing written. */
	soa_entry_audit(&b, &b, &before, &after);
	assert_int_equal(before.len, 0);
	assert_int_equal(after.len, 0);
}

static void test_soa__diff(void **state)
{
	struct soa_entry a[3], b[3];
	struct soa_diff d[6];
	size_t n;

	(void)state;
	/* Text order would put 5.10 before 5.9: the walk uses the ids. */
	soa_entry_init(&a[0], "5.1");
	soa_entry_init(&a[1], "5.9");
	soa_entry_init(&a[2], "5.10");
	soa_entry_init(&b[0], "5.1");
	soa_entry_init(&b[1], "5.10");
	soa_entry_init(&b[2], "5.11");
	b[1].notes = "記録あり";
	n = soa_diff(a, 3, b, 3, d);
	assert_int_equal(n, 3);
	assert_string_equal(d[0].control, "5.9");
	assert_non_null(d[0].before);
	assert_null(d[0].after);
	assert_int_equal(d[0].fields, (1u << SOA_FIELD_COUNT) - 1);
	assert_string_equal(d[1].control, "5.10");
	assert_int_equal(d[1].fields, 1u << SOA_FIELD_NOTES);
	assert_ptr_equal(d[1].before, &a[2]);
	assert_ptr_equal(d[1].after, &b[1]);
	assert_string_equal(d[2].control, "5.11");
	assert_null(d[2].before);
	assert_ptr_equal(d[2].after, &b[2]);
	/* The same statement twice: nothing. */
	assert_int_equal(soa_diff(a, 3, a, 3, d), 0);
	assert_int_equal(soa_diff(NULL, 0, NULL, 0, d), 0);
}

static void test_soa__count(void **state)
{
	struct soa_entry e[5];
	struct soa_counts n;
	int i;

	(void)state;
	for (i = 0; i < 5; i++)
		soa_entry_init(&e[i], "5.1");
	e[0].applicable = SOA_APPLICABLE;
	e[0].status = SOA_IMPLEMENTED;
	e[1].applicable = SOA_APPLICABLE;
	e[1].status = SOA_PARTLY;
	e[2].applicable = SOA_EXCLUDED;
	e[2].status = SOA_NOT_APPLICABLE;
	e[3].status = SOA_NOT_IMPLEMENTED; /* undecided, status kept */
	soa_count(e, 5, &n);
	assert_int_equal(n.applicable, 2);
	assert_int_equal(n.excluded, 1);
	assert_int_equal(n.undecided, 2);
	assert_int_equal(n.by_status[SOA_NOT_IMPLEMENTED], 1);
	assert_int_equal(n.by_status[SOA_PARTLY], 1);
	assert_int_equal(n.by_status[SOA_IMPLEMENTED], 1);
	assert_int_equal(n.by_status[SOA_NOT_APPLICABLE], 1);
	/* A value out of range counts, and blocks, as undecided. */
	e[4].applicable = SOA_APPLICABILITY_COUNT;
	soa_count(&e[4], 1, &n);
	assert_int_equal(n.undecided, 1);
	{
		struct soa_blocker b[2];

		assert_int_equal(soa_blockers(&e[4], 1, b), 1);
		assert_int_equal(b[0].problem, SOA_BLOCK_UNDECIDED);
	}
}

/* --- suggestions --------------------------------------------------------- */

static const struct control c51 = { .id = "5.1" };
static const struct control c515 = { .id = "5.15" };
static const struct control c83 = { .id = "8.3" };
static const struct control c87 = { .id = "8.7" };

static const struct control *const item_controls[] = { &c515, &c83, &c515 };
static const struct control *const case_controls[] = { &c87, &c51 };

static const struct soa_risk_link links[] = {
	{ "5.15", 3, "顧客名簿", "t01", "", 12 },
	{ "5.15", 7, "会計データ", "", "持ち出し", -1 },
	{ "8.7", 9, "社内PC", "t05", "", 6 },
};

/* The sources of most tests: three links, item 7 answered a. */
static void sources(struct soa_sources *src, struct diagnosis_item *items,
		    int *answers, int a, const struct incident_case *picked)
{
	int i;

	memset(items, 0, 2 * sizeof(*items));
	items[0].no = 7;
	items[0].controls = (const struct control **)item_controls;
	items[0].control_count = 3; /* 5.15 twice: suggested once */
	items[1].no = 0;	    /* out of range: ignored */
	items[1].controls = (const struct control **)item_controls;
	items[1].control_count = 1;
	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		answers[i] = DIAGNOSIS_NONE;
	answers[6] = a;
	memset(src, 0, sizeof(*src));
	src->links = links;
	src->link_count = 3;
	src->items = items;
	src->item_count = 2;
	src->answers = answers;
	src->picked_case = picked;
}

static void test_soa__suggest_sources(void **state)
{
	struct diagnosis_item items[2];
	struct incident_case ic;
	int answers[DIAGNOSIS_ITEMS];
	struct soa_sources src;
	struct soa_suggestion *s;
	struct arena a;
	size_t n;

	(void)state;
	arena_init(&a, 0);
	memset(&ic, 0, sizeof(ic));
	ic.id = "c05";
	ic.controls = (const struct control **)case_controls;
	ic.control_count = 2;
	sources(&src, items, answers, ANSWER_PARTLY, &ic);
	n = soa_suggest(&src, NULL, 0, NULL, 0, &a, &s);
	/* Control order, then risk < diagnosis < case. */
	assert_int_equal(n, 6);
	assert_string_equal(s[0].control, "5.1");
	assert_int_equal(s[0].kind, SOA_SOURCE_CASE);
	assert_string_equal(s[0].source, "case:c05");
	assert_string_equal(s[0].basis, "");
	assert_string_equal(s[0].case_id, "c05");
	assert_int_equal(s[0].reason, SOA_REASON_PRACTICE);
	assert_string_equal(s[1].control, "5.15");
	assert_int_equal(s[1].kind, SOA_SOURCE_RISK);
	assert_string_equal(s[1].source, "risk");
	assert_string_equal(s[1].basis, "3,7");
	assert_int_equal(s[1].risks, 2);
	assert_ptr_equal(s[1].first, &links[0]);
	assert_int_equal(s[1].reason, SOA_REASON_RISK);
	assert_string_equal(s[2].control, "5.15");
	assert_int_equal(s[2].kind, SOA_SOURCE_DIAGNOSIS);
	assert_string_equal(s[2].source, "diagnosis:7");
	assert_string_equal(s[2].basis, "2");
	assert_int_equal(s[2].item, 7);
	assert_int_equal(s[2].answer, ANSWER_PARTLY);
	assert_int_equal(s[2].reason, SOA_REASON_PRACTICE);
	assert_string_equal(s[3].control, "8.3");
	assert_int_equal(s[3].kind, SOA_SOURCE_DIAGNOSIS);
	assert_string_equal(s[4].control, "8.7");
	assert_int_equal(s[4].kind, SOA_SOURCE_RISK);
	assert_string_equal(s[4].basis, "9");
	assert_int_equal(s[4].risks, 1);
	assert_string_equal(s[5].control, "8.7");
	assert_int_equal(s[5].kind, SOA_SOURCE_CASE);
	assert_ptr_equal(soa_suggestion_find(s, n, "8.3", "diagnosis:7"),
			 &s[3]);
	assert_null(soa_suggestion_find(s, n, "8.3", "risk"));
	assert_null(soa_suggestion_find(s, n, "5.2", "case:c05"));
	arena_release(&a);
}

static void test_soa__suggest_weak_answers(void **state)
{
	static const int weak[] = { ANSWER_PARTLY, ANSWER_NOT_DONE,
				    ANSWER_UNKNOWN };
	static const int strong[] = { ANSWER_DONE, DIAGNOSIS_NONE };
	struct diagnosis_item items[2];
	int answers[DIAGNOSIS_ITEMS];
	struct soa_sources src;
	struct soa_suggestion *s;
	struct arena a;
	size_t i;

	(void)state;
	arena_init(&a, 0);
	for (i = 0; i < ARRAY_SIZE(weak); i++) {
		sources(&src, items, answers, weak[i], NULL);
		src.link_count = 0;
		assert_int_equal(soa_suggest(&src, NULL, 0, NULL, 0, &a, &s),
				 2);
		assert_int_equal(s[0].answer, weak[i]);
	}
	for (i = 0; i < ARRAY_SIZE(strong); i++) {
		sources(&src, items, answers, strong[i], NULL);
		src.link_count = 0;
		assert_int_equal(soa_suggest(&src, NULL, 0, NULL, 0, &a, &s),
				 0);
	}
	/* No run at all: nothing from the diagnosis. */
	sources(&src, items, answers, ANSWER_NOT_DONE, NULL);
	src.link_count = 0;
	src.answers = NULL;
	assert_int_equal(soa_suggest(&src, NULL, 0, NULL, 0, &a, &s), 0);
	assert_non_null(s);
	arena_release(&a);
}

static void test_soa__suggest_entries_and_decisions(void **state)
{
	struct diagnosis_item items[2];
	int answers[DIAGNOSIS_ITEMS];
	struct soa_sources src;
	struct soa_suggestion *s;
	struct soa_entry e[2];
	struct soa_decision d[2];
	struct arena a;
	size_t n;

	(void)state;
	arena_init(&a, 0);
	sources(&src, items, answers, ANSWER_NOT_DONE, NULL);
	/* 5.15 applies for risk already: its risk suggestion goes, its
	 * good-practice one stays; 8.7 applies for a contract only. */
	soa_entry_init(&e[0], "5.15");
	e[0].applicable = SOA_APPLICABLE;
	e[0].reasons = SOA_REASON_RISK;
	soa_entry_init(&e[1], "8.7");
	e[1].applicable = SOA_APPLICABLE;
	e[1].reasons = SOA_REASON_CONTRACT;
	n = soa_suggest(&src, e, 2, NULL, 0, &a, &s);
	assert_int_equal(n, 3);
	assert_null(soa_suggestion_find(s, n, "5.15", "risk"));
	assert_non_null(soa_suggestion_find(s, n, "5.15", "diagnosis:7"));
	assert_non_null(soa_suggestion_find(s, n, "8.7", "risk"));
	/* An excluded control is still suggested: the reason is news. */
	e[0].applicable = SOA_EXCLUDED;
	n = soa_suggest(&src, e, 2, NULL, 0, &a, &s);
	assert_non_null(soa_suggestion_find(s, n, "5.15", "risk"));

	/* Decided on the same basis: not shown again. */
	d[0] = (struct soa_decision){ "5.15", "risk", "3,7", 0 };
	d[1] = (struct soa_decision){ "8.3", "diagnosis:7", "0", 1 };
	n = soa_suggest(&src, NULL, 0, d, 2, &a, &s);
	assert_int_equal(n, 2);
	assert_null(soa_suggestion_find(s, n, "5.15", "risk"));
	assert_null(soa_suggestion_find(s, n, "8.3", "diagnosis:7"));
	/* The source changed (one risk fewer; another answer): back. */
	src.link_count = 1;
	answers[6] = ANSWER_UNKNOWN;
	n = soa_suggest(&src, NULL, 0, d, 2, &a, &s);
	assert_non_null(soa_suggestion_find(s, n, "5.15", "risk"));
	assert_string_equal(soa_suggestion_find(s, n, "5.15", "risk")->basis,
			    "3");
	assert_string_equal(
		soa_suggestion_find(s, n, "8.3", "diagnosis:7")->basis, "-1");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_soa__names_round_trip),
		cmocka_unit_test(test_soa__reasons),
		cmocka_unit_test(test_soa__init_normalise_accept),
		cmocka_unit_test(test_soa__validate),
		cmocka_unit_test(test_soa__blocking_table),
		cmocka_unit_test(test_soa__field_values),
		cmocka_unit_test(test_soa__changes_and_audit),
		cmocka_unit_test(test_soa__diff),
		cmocka_unit_test(test_soa__count),
		cmocka_unit_test(test_soa__suggest_sources),
		cmocka_unit_test(test_soa__suggest_weak_answers),
		cmocka_unit_test(test_soa__suggest_entries_and_decisions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
