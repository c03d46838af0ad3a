/*
 * test_document.c: unit tests of core/document.c: the names, every
 * status against every action (data-driven from
 * tests/data/document_transitions.tsv), the field rules, who approves,
 * review dates, the audit lines and the line comparison.
 */
#include "util/compat.h"
#include "core/document.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../death.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"

static void test_document__names_round_trip(void **state)
{
	static const char *const types[] = { "policy", "rule", "procedure",
					     "record", "external" };
	static const char *const statuses[] = { "draft", "in_review",
						"approved", "withdrawn" };
	static const char *const actions[] = { "save", "submit", "return",
					       "approve", "withdraw" };
	enum document_type ty;
	enum document_status st;
	enum document_action ac;
	int i;

	(void)state;
	for (i = 0; i < DOCUMENT_TYPE_COUNT; i++) {
		assert_string_equal(document_type_name((enum document_type)i),
				    types[i]);
		assert_int_equal(document_type_parse(types[i], &ty), 0);
		assert_int_equal(ty, i);
	}
	for (i = 0; i < DOCUMENT_STATUS_COUNT; i++) {
		assert_string_equal(
			document_status_name((enum document_status)i),
			statuses[i]);
		assert_int_equal(document_status_parse(statuses[i], &st), 0);
		assert_int_equal(st, i);
	}
	for (i = 0; i < DOCUMENT_ACTION_COUNT; i++) {
		assert_string_equal(
			document_action_name((enum document_action)i),
			actions[i]);
		assert_int_equal(document_action_parse(actions[i], &ac), 0);
		assert_int_equal(ac, i);
	}
	assert_int_equal(document_type_parse("Policy", &ty), -1);
	assert_int_equal(document_status_parse("", &st), -1);
	assert_int_equal(document_action_parse("publish", &ac), -1);
}

static void bad_type_name(void *arg)
{
	(void)arg;
	document_type_name(DOCUMENT_TYPE_COUNT);
}

static void bad_status_name(void *arg)
{
	(void)arg;
	document_status_name(DOCUMENT_STATUS_COUNT);
}

static void bad_action_name(void *arg)
{
	(void)arg;
	document_action_name(DOCUMENT_ACTION_COUNT);
}

static void bad_transition(void *arg)
{
	enum document_status to;

	(void)arg;
	document_transition(DOCUMENT_STATUS_COUNT, DOCUMENT_SAVE, &to, NULL);
}

static void bad_transition_action(void *arg)
{
	enum document_status to;

	(void)arg;
	document_transition(DOCUMENT_DRAFT, DOCUMENT_ACTION_COUNT, &to, NULL);
}

static void test_document__out_of_range_is_a_bug(void **state)
{
	(void)state;
	death_expect_abort(bad_type_name, NULL, "document type");
	death_expect_abort(bad_status_name, NULL, "document status");
	death_expect_abort(bad_action_name, NULL, "document action");
	death_expect_abort(bad_transition, NULL, "document transition");
	death_expect_abort(bad_transition_action, NULL, "document transition");
}

/* Returns the next tab-separated field of *p and moves past it. */
static char *field(char **p)
{
	char *start = *p;
	size_t len = strcspn(start, "\t\n");

	*p = start + len + (start[len] ? 1 : 0);
	start[len] = '\0';
	return start;
}

static void test_document__transitions_table(void **state)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	char path[4096], line[256];
	int seen[DOCUMENT_STATUS_COUNT][DOCUMENT_ACTION_COUNT] = { { 0 } };
	int rows = 0, i, k;
	FILE *fp;

	(void)state;
	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	snprintf(path, sizeof(path), "%s/tests/data/document_transitions.tsv",
		 root);
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), fp)) {
		char *p = line, *from, *action, *next;
		enum document_status s, to = DOCUMENT_STATUS_COUNT, want;
		enum document_action a;
		struct error err = ERROR_INIT;
		int rc;

		if (line[0] == '#' || !strncmp(line, "from\t", 5))
			continue;
		from = field(&p);
		action = field(&p);
		next = field(&p);
		assert_int_equal(document_status_parse(from, &s), 0);
		assert_int_equal(document_action_parse(action, &a), 0);
		rc = document_transition(s, a, &to, &err);
		if (!strcmp(next, "refused")) {
			assert_int_equal(rc, -1);
			assert_int_equal(err.code, ERROR_CONFLICT);
			assert_string_equal(err.key, "document.bad_transition");
			assert_int_equal(err.argc, 2);
		} else {
			assert_int_equal(document_status_parse(next, &want), 0);
			assert_int_equal(rc, 0);
			assert_int_equal(to, want);
		}
		seen[s][a]++;
		rows++;
	}
	fclose(fp);
	/* The table names every pair once. */
	assert_int_equal(rows, DOCUMENT_STATUS_COUNT * DOCUMENT_ACTION_COUNT);
	for (i = 0; i < DOCUMENT_STATUS_COUNT; i++)
		for (k = 0; k < DOCUMENT_ACTION_COUNT; k++)
			assert_int_equal(seen[i][k], 1);
}

static void test_document__codes(void **state)
{
	static const char *const good[] = { "P-01", "POL-001", "REC-2024-3",
					    "AB", "A1B2C3D4E5F6G7H8I9J0" };
	static const char *const bad[] = { "",
					   "P",
					   "p-01",
					   "1-PO",
					   "P--01",
					   "P-01-",
					   "P_01",
					   "P 01",
					   "Ｐ-01",
					   "-P01",
					   "A1B2C3D4E5F6G7H8I9J0K",
					   "P-a" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++)
		assert_int_equal(document_code_validate(good[i], NULL), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct error err = ERROR_INIT;

		assert_int_equal(document_code_validate(bad[i], &err), -1);
		assert_string_equal(err.key, "document.bad_code");
	}
}

static struct document sample(void)
{
	struct document d;

	memset(&d, 0, sizeof(d));
	d.code = "PR-01";
	d.title = "アカウント管理手順";
	d.type = DOCUMENT_PROCEDURE;
	d.owner = "総務部長";
	d.approver = "";
	d.status = DOCUMENT_DRAFT;
	d.next_review = "";
	d.retention = "5年";
	d.label = "";
	return d;
}

static void expect_refused(const struct document *d, const char *key,
			   const char *arg)
{
	static const char *const labels[] = { "internal", "社外秘" };
	struct error err = ERROR_INIT;

	assert_int_equal(document_validate(d, labels, 2, &err), -1);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, key);
	if (arg)
		assert_string_equal(err.args[0], arg);
}

static void test_document__validate(void **state)
{
	static const char *const labels[] = { "internal", "社外秘" };
	struct document d = sample();
	char long_title[DOCUMENT_TITLE_MAX * 3 + 4];

	(void)state;
	assert_int_equal(document_validate(&d, labels, 2, NULL), 0);
	d.approver = "boss@example.jp";
	d.next_review = "2028-02-29";
	d.label = "社外秘";
	assert_int_equal(document_validate(&d, labels, 2, NULL), 0);

	d = sample();
	d.code = "pr-01";
	expect_refused(&d, "document.bad_code", "pr-01");
	d = sample();
	d.title = "";
	expect_refused(&d, "input.required", "document.title");
	memset(long_title, 'a', DOCUMENT_TITLE_MAX + 1);
	long_title[DOCUMENT_TITLE_MAX + 1] = '\0';
	d.title = long_title;
	expect_refused(&d, "input.too_long", "document.title");
	d = sample();
	d.owner = "";
	expect_refused(&d, "input.required", "document.owner");
	d = sample();
	d.retention = "5\x01年";
	expect_refused(&d, "input.control_char", "document.retention");
	d = sample();
	d.approver = "nobody";
	expect_refused(&d, "input.bad_email", "document.approver");
	d = sample();
	d.next_review = "2027-02-29";
	expect_refused(&d, "input.bad_date", "document.next_review");
	d = sample();
	d.label = "極秘";
	expect_refused(&d, "document.unknown_label", "極秘");
}

static void bad_validate(void *arg)
{
	struct document d = sample();

	(void)arg;
	d.type = DOCUMENT_TYPE_COUNT;
	document_validate(&d, NULL, 0, NULL);
}

static void bad_validate_status(void *arg)
{
	struct document d = sample();

	(void)arg;
	d.status = DOCUMENT_STATUS_COUNT;
	document_validate(&d, NULL, 0, NULL);
}

static void test_document__validate_bug(void **state)
{
	(void)state;
	death_expect_abort(bad_validate, NULL, "document type");
	death_expect_abort(bad_validate_status, NULL, "status 4");
}

static void test_document__body_and_note(void **state)
{
	struct error err = ERROR_INIT;
	char *big = malloc(DOCUMENT_BODY_MAX + 2);

	(void)state;
	assert_int_equal(
		document_body_validate("# 手順\n\n1. 確認する\n", NULL), 0);
	assert_int_equal(document_body_validate("", NULL), 0);
	assert_int_equal(document_body_validate("\xff\xfe", &err), -1);
	assert_string_equal(err.key, "input.bad_utf8");
	memset(big, 'x', DOCUMENT_BODY_MAX + 1);
	big[DOCUMENT_BODY_MAX + 1] = '\0';
	error_clear(&err);
	assert_int_equal(document_body_validate(big, &err), -1);
	assert_string_equal(err.key, "document.body_too_long");
	big[DOCUMENT_BODY_MAX] = '\0';
	assert_int_equal(document_body_validate(big, NULL), 0);
	free(big);
	assert_int_equal(document_note_validate("誤字を直した", NULL), 0);
	error_clear(&err);
	assert_int_equal(document_note_validate("a\nb", &err), -1);
	assert_string_equal(err.key, "input.control_char");
}

static void test_document__may_approve(void **state)
{
	struct document d = sample();
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(document_may_approve(&d, "anyone@example.jp", NULL),
			 0);
	d.approver = "boss@example.jp";
	assert_int_equal(document_may_approve(&d, "boss@example.jp", NULL), 0);
	assert_int_equal(document_may_approve(&d, "clerk@example.jp", &err),
			 -1);
	assert_int_equal(err.code, ERROR_DENIED);
	assert_string_equal(err.key, "document.not_approver");
	assert_string_equal(err.args[0], "boss@example.jp");
}

static void test_document__review_state(void **state)
{
	struct document d = sample();

	(void)state;
	assert_int_equal(document_review_state(&d, "2026-01-01"),
			 DOCUMENT_REVIEW_NONE);
	d.next_review = "2026-03-31";
	assert_int_equal(document_review_state(&d, "2026-04-01"),
			 DOCUMENT_REVIEW_OVERDUE);
	assert_int_equal(document_review_state(&d, "2026-03-31"),
			 DOCUMENT_REVIEW_SOON);
	assert_int_equal(document_review_state(&d, "2026-03-01"),
			 DOCUMENT_REVIEW_SOON);
	assert_int_equal(document_review_state(&d, "2026-02-28"),
			 DOCUMENT_REVIEW_LATER);
	assert_int_equal(document_review_state(&d, "not a day"),
			 DOCUMENT_REVIEW_NONE);
	d.status = DOCUMENT_WITHDRAWN;
	assert_int_equal(document_review_state(&d, "2026-04-01"),
			 DOCUMENT_REVIEW_NONE);
	d.status = DOCUMENT_APPROVED;
	d.next_review = "2026-13-01";
	assert_int_equal(document_review_state(&d, "2026-04-01"),
			 DOCUMENT_REVIEW_NONE);
}

static void test_document__changes(void **state)
{
	struct document old = sample(), now = sample();
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;

	(void)state;
	document_changes(NULL, &now, &before, &after);
	assert_string_equal(before.buf, "");
	assert_string_equal(after.buf,
			    "type: procedure\ncode: PR-01\n"
			    "title: アカウント管理手順\nowner: 総務部長\n"
			    "retention: 5年");
	strbuf_reset(&after);
	now.type = DOCUMENT_RULE;
	now.title = "アカウント管理規程";
	now.label = "社外秘";
	document_changes(&old, &now, &before, &after);
	assert_string_equal(before.buf, "type: procedure\n"
					"title: アカウント管理手順\nlabel: ");
	assert_string_equal(after.buf,
			    "type: rule\n"
			    "title: アカウント管理規程\nlabel: 社外秘");
	strbuf_reset(&before);
	strbuf_reset(&after);
	document_changes(&old, &old, &before, &after);
	assert_string_equal(before.buf, "");
	assert_string_equal(after.buf, "");
	strbuf_release(&before);
	strbuf_release(&after);
}

static void test_document__fill(void **state)
{
	static const char *const names[] = { "labels", "departments" };
	static const char *const values[] = { "- 極秘\n- 公開", "- 総務部" };
	struct strbuf out = STRBUF_INIT;

	(void)state;
	document_fill(&out, "区分:\n{labels}\n部署: {departments}.", names,
		      values, 2);
	assert_string_equal(out.buf, "区分:\n- 極秘\n- 公開\n部署: - 総務部.");
	strbuf_reset(&out);
	/* Other braces, unknown names and unclosed ones stay as they are. */
	document_fill(&out, "{company} {label} {labels {} {{labels}}", names,
		      values, 2);
	assert_string_equal(out.buf,
			    "{company} {label} {labels {} {- 極秘\n- 公開}");
	strbuf_reset(&out);
	document_fill(&out, "", names, values, 2);
	assert_string_equal(out.buf, "");
	strbuf_release(&out);
}

/* The comparison as "op old new text" lines, for compact expectations. */
static const char *diff_text(struct arena *arena, const char *a, const char *b)
{
	struct document_diff_line *lines;
	struct strbuf sb = STRBUF_INIT;
	size_t count, i;
	const char *out;

	assert_int_equal(document_diff(arena, a, b, &lines, &count, NULL), 0);
	for (i = 0; i < count; i++)
		strbuf_addf(&sb, "%c%d,%d %s|", " -+"[lines[i].op],
			    lines[i].old_no, lines[i].new_no, lines[i].text);
	out = arena_strdup(arena, sb.buf);
	strbuf_release(&sb);
	return out;
}

static void test_document__diff(void **state)
{
	struct arena arena = ARENA_INIT;

	(void)state;
	assert_string_equal(diff_text(&arena, "", ""), "");
	assert_string_equal(diff_text(&arena, "a\nb\n", "a\nb"),
			    " 1,1 a| 2,2 b|");
	assert_string_equal(diff_text(&arena, "", "x\n"), "+0,1 x|");
	assert_string_equal(diff_text(&arena, "x\r\n", ""), "-1,0 x|");
	/* CRLF and LF lines are the same line. */
	assert_string_equal(diff_text(&arena, "a\r\nb\r\n", "a\nb\n"),
			    " 1,1 a| 2,2 b|");
	assert_string_equal(diff_text(&arena, "a\nb\nc\n", "a\nB\nc\n"),
			    " 1,1 a|-2,0 b|+0,2 B| 3,3 c|");
	assert_string_equal(
		diff_text(&arena, "h\nx\ny\nz\nt\n", "h\ny\nq\nz\nw\nt\n"),
		" 1,1 h|-2,0 x| 3,2 y|+0,3 q| 4,4 z|+0,5 w| 5,6 t|");
	assert_string_equal(diff_text(&arena, "a\nb\n", "b\na\n"),
			    "-1,0 a| 2,1 b|+0,2 a|");
	/* Empty lines and lines of different lengths. */
	assert_string_equal(diff_text(&arena, "x\n\nlonger line\n",
				      "x\n\nlong\n"),
			    " 1,1 x| 2,2 |-3,0 longer line|+0,3 long|");
	arena_release(&arena);
}

static void test_document__diff_too_big(void **state)
{
	struct arena arena = ARENA_INIT;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct document_diff_line *lines;
	struct error err = ERROR_INIT;
	size_t count, i;

	(void)state;
	/* 2,001 × 2,001 changed lines: just over the bound. */
	for (i = 0; i < 2001; i++) {
		strbuf_addf(&a, "a%zu\n", i);
		strbuf_addf(&b, "b%zu\n", i);
	}
	assert_int_equal(
		document_diff(&arena, a.buf, b.buf, &lines, &count, &err), -1);
	assert_string_equal(err.key, "document.diff_too_big");
	/* Equal texts, however long, need no table at all. */
	assert_int_equal(
		document_diff(&arena, a.buf, a.buf, &lines, &count, NULL), 0);
	assert_int_equal(count, 2001);
	strbuf_release(&a);
	strbuf_release(&b);
	arena_release(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document__names_round_trip),
		cmocka_unit_test(test_document__out_of_range_is_a_bug),
		cmocka_unit_test(test_document__transitions_table),
		cmocka_unit_test(test_document__codes),
		cmocka_unit_test(test_document__validate),
		cmocka_unit_test(test_document__validate_bug),
		cmocka_unit_test(test_document__body_and_note),
		cmocka_unit_test(test_document__may_approve),
		cmocka_unit_test(test_document__review_state),
		cmocka_unit_test(test_document__changes),
		cmocka_unit_test(test_document__fill),
		cmocka_unit_test(test_document__diff),
		cmocka_unit_test(test_document__diff_too_big),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
