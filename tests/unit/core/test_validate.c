/* test_validate.c: unit tests of core/validate.c and core/organisation.c. */
#include "util/compat.h"
#include "core/validate.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <limits.h>

#include "core/organisation.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* Checks that err holds ERROR_INPUT with key for field. */
static void check_error(const struct error *err, const char *key,
			const char *field)
{
	assert_int_equal(err->code, ERROR_INPUT);
	assert_string_equal(err->key, key);
	assert_true(err->argc >= 1);
	assert_string_equal(err->args[0], field);
}

/* Fills sb with count copies of s. */
static void repeat(struct strbuf *sb, const char *s, size_t count)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < count; i++)
		strbuf_addstr(sb, s);
}

static void test_validate__text_ok(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(validate_text("field.org_name", "株式会社サンプル", 1,
				       200, &err),
			 0);
	assert_int_equal(validate_text("f", "a", 1, 1, &err), 0);
	assert_int_equal(validate_text("f", "Café ｱｲｳ Ａ", 1, 200, &err), 0);
	/* A non-breaking space is not a control character. */
	assert_int_equal(validate_text("f",
				       "a\xc2\xa0"
				       "b",
				       1, 10, &err),
			 0);
	/* Optional field: empty is fine when min is 0. */
	assert_int_equal(validate_text("f", "", 0, 10, &err), 0);
	assert_int_equal(validate_text("f", "ok", 0, 10, NULL), 0);
	assert_int_equal(err.code, ERROR_NONE);
}

static void test_validate__text_success_leaves_err(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	/* err is untouched on success, so calls chain with ||. */
	error_set(&err, ERROR_CONFLICT, "earlier.error", "x", NULL);
	assert_int_equal(validate_text("f", "fine", 1, 10, &err), 0);
	assert_int_equal(validate_email("f", "a@example.com", &err), 0);
	assert_int_equal(err.code, ERROR_CONFLICT);
	assert_string_equal(err.key, "earlier.error");
	assert_int_equal(err.argc, 1);
}

static void test_validate__text_required(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(validate_text("field.org_name", "", 1, 200, &err), -1);
	check_error(&err, "input.required", "field.org_name");
	assert_int_equal(err.argc, 1);
	assert_int_equal(validate_text("field.x", "", 3, 200, NULL), -1);
}

static void test_validate__text_too_short(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(validate_text("field.code", "ab", 3, 10, &err), -1);
	check_error(&err, "input.too_short", "field.code");
	assert_int_equal(err.argc, 3);
	assert_string_equal(err.args[1], "ab");
	assert_string_equal(err.args[2], "3");
	/* Characters, not bytes: two 3-byte characters are still two. */
	assert_int_equal(validate_text("field.code", "日本", 3, 10, &err), -1);
	check_error(&err, "input.too_short", "field.code");
	assert_int_equal(validate_text("field.code", "日本語", 3, 10, &err), 0);
}

static void test_validate__text_too_long(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(validate_text("field.code", "abcd", 1, 3, &err), -1);
	check_error(&err, "input.too_long", "field.code");
	assert_int_equal(err.argc, 3);
	assert_string_equal(err.args[1], "abcd");
	assert_string_equal(err.args[2], "3");
	assert_int_equal(validate_text("field.code", "abc", 1, 3, &err), 0);
}

static void test_validate__text_counts_characters(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	int rc200, rc201;

	(void)state;
	/* 200 characters, 600 bytes: within a limit of 200 characters. */
	repeat(&sb, "あ", 200);
	rc200 = validate_text("field.org_name", sb.buf, 1, 200, &err);
	strbuf_addstr(&sb, "あ");
	rc201 = validate_text("field.org_name", sb.buf, 1, 200, &err);
	strbuf_release(&sb);
	assert_int_equal(rc200, 0);
	assert_int_equal(rc201, -1);
	check_error(&err, "input.too_long", "field.org_name");
	assert_string_equal(err.args[2], "200");
	/* The value in the message was cut, on a character boundary. */
	assert_true(utf8_valid(err.args[1], strlen(err.args[1])));
	assert_true(strlen(err.args[1]) > 0);
}

static void test_validate__text_bad_utf8(void **state)
{
	static const char *const bad[] = {
		"\xff",		"abc\x80",  "\xc0\x80",
		"\xed\xa0\x80", "\xe6\x97", "ok\xf4\x90\x80\x80",
		"\xc3\x28",
	};
	struct error err = ERROR_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		error_clear(&err);
		assert_int_equal(
			validate_text("field.name", bad[i], 0, 100, &err), -1);
		check_error(&err, "input.bad_utf8", "field.name");
		/* The bad bytes are not copied into the message. */
		assert_true(utf8_valid(err.args[1], strlen(err.args[1])));
	}
}

static void test_validate__text_control_chars(void **state)
{
	static const char *const bad[] = {
		"a\tb",	   "line\n",	  "\r",	      "\x01",	  "del\x7f",
		"\x1b[0m", "nel\xc2\x85", "\xc2\x80", "\xc2\x9f",
	};
	struct error err = ERROR_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		error_clear(&err);
		if (validate_text("field.name", bad[i], 0, 100, &err) != -1)
			fail_msg("case %zu accepted", i);
		check_error(&err, "input.control_char", "field.name");
	}
}

static void test_validate__email_ok(void **state)
{
	static const char *const good[] = {
		"a@b.c",
		"user@example.com",
		"first.last+tag@mail.example.co.jp",
		"x_y-z@sub.domain.org",
	};
	struct error err = ERROR_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++)
		if (validate_email("field.email", good[i], &err))
			fail_msg("'%s' refused", good[i]);
	assert_int_equal(err.code, ERROR_NONE);
}

static void test_validate__email_bad(void **state)
{
	static const char *const bad[] = {
		"userexample.com",
		"a@b@example.com",
		"a@example",
		"a.b@example",
		"@example.com",
		"a@example.com.",
		"a@.example.com",
		"a b@example.com",
		"a@exa mple.com",
		" a@example.com",
		"a@example.com ",
		"a\t@example.com",
		"a\x7f@example.com",
		"a@example.com\x7f",
		"ü@example.com",
		"a@例え.jp",
		"a@",
		"@",
	};
	struct error err = ERROR_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		error_clear(&err);
		if (validate_email("field.email", bad[i], &err) != -1)
			fail_msg("'%s' accepted", bad[i]);
		check_error(&err, "input.bad_email", "field.email");
	}
}

static void test_validate__email_required(void **state)
{
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(validate_email("field.email", "", &err), -1);
	check_error(&err, "input.required", "field.email");
}

static void test_validate__email_length(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	int rc254, rc255;

	(void)state;
	/* 242 + "@example.com" (12) = 254 bytes: the limit. */
	strbuf_addchars(&sb, 'a', 242);
	strbuf_addstr(&sb, "@example.com");
	assert_int_equal(sb.len, 254);
	rc254 = validate_email("field.email", sb.buf, &err);
	strbuf_reset(&sb);
	strbuf_addchars(&sb, 'a', 243);
	strbuf_addstr(&sb, "@example.com");
	rc255 = validate_email("field.email", sb.buf, &err);
	strbuf_release(&sb);
	assert_int_equal(rc254, 0);
	assert_int_equal(rc255, -1);
	check_error(&err, "input.bad_email", "field.email");
}

static void test_validate__organisation(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct organisation org = { 0, "株式会社サンプル", 0, NULL };
	struct error err = ERROR_INIT;
	int rc_max, rc_over;

	(void)state;
	assert_int_equal(organisation_validate(&org, &err), 0);
	org.name = "";
	assert_int_equal(organisation_validate(&org, &err), -1);
	check_error(&err, "input.required", "field.org_name");
	org.name = "bad\ttab";
	assert_int_equal(organisation_validate(&org, &err), -1);
	check_error(&err, "input.control_char", "field.org_name");

	repeat(&sb, "社", ORG_NAME_MAX);
	org.name = sb.buf;
	rc_max = organisation_validate(&org, &err);
	strbuf_addstr(&sb, "社");
	org.name = sb.buf;
	rc_over = organisation_validate(&org, &err);
	strbuf_release(&sb);
	assert_int_equal(rc_max, 0);
	assert_int_equal(rc_over, -1);
	check_error(&err, "input.too_long", "field.org_name");
}

static void test_validate__account_ok(void **state)
{
	struct account acc = { 0, "lead@example.com", "山田 花子", NULL, 0 };
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(account_validate(&acc, &err), 0);
	assert_int_equal(err.code, ERROR_NONE);
}

static void test_validate__account_fields(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct account acc = { 0, "lead@example.com", "山田 花子", NULL, 0 };
	struct error err = ERROR_INIT;
	int rc_max, rc_over;

	(void)state;
	acc.email = "not-an-address";
	assert_int_not_equal(account_validate(&acc, &err), 0);
	check_error(&err, "input.bad_email", "field.email");

	acc.email = "lead@example.com";
	acc.display_name = "";
	assert_int_not_equal(account_validate(&acc, &err), 0);
	check_error(&err, "input.required", "field.display_name");

	/* Both wrong: the e-mail address is reported. */
	acc.email = "";
	error_clear(&err);
	assert_int_not_equal(account_validate(&acc, &err), 0);
	check_error(&err, "input.required", "field.email");

	acc.email = "lead@example.com";
	repeat(&sb, "名", ACCOUNT_NAME_MAX);
	acc.display_name = sb.buf;
	rc_max = account_validate(&acc, &err);
	strbuf_addstr(&sb, "名");
	acc.display_name = sb.buf;
	error_clear(&err);
	rc_over = account_validate(&acc, &err);
	strbuf_release(&sb);
	assert_int_equal(rc_max, 0);
	assert_int_not_equal(rc_over, 0);
	check_error(&err, "input.too_long", "field.display_name");
}

static void test_validate__account_returns_negative(void **state)
{
	struct account acc = { 0, "not-an-address", "山田 花子", NULL, 0 };
	struct error err = ERROR_INIT;
	int rc_email, rc_name;

	(void)state;
	/* STYLE rule 9: a failure is negative, like validate_text's -1. */
	rc_email = account_validate(&acc, &err);
	acc.email = "lead@example.com";
	acc.display_name = "";
	rc_name = account_validate(&acc, &err);
	assert_int_equal(rc_email, -1);
	assert_int_equal(rc_name, -1);
}

/* A valid profile with every text field empty and no employees. */
static struct org_profile empty_profile(void)
{
	struct org_profile p;

	memset(&p, 0, sizeof(p));
	p.representative = "";
	p.services = "";
	p.industry = "";
	return p;
}

static void test_validate__profile_ok(void **state)
{
	struct org_profile p = empty_profile();
	struct error err = ERROR_INIT;

	(void)state;
	/* Every field may be empty. */
	assert_int_equal(org_profile_validate(&p, &err), 0);
	p.representative = "代表取締役 山田 太郎";
	p.services = "業務用ソフトウェアの開発・保守（受託）";
	p.industry = "情報通信業";
	p.employees = 25;
	p.dedicated_admin = 1;
	p.has_csirt = 1;
	assert_int_equal(org_profile_validate(&p, &err), 0);
	assert_int_equal(org_profile_validate(&p, NULL), 0);
	assert_int_equal(err.code, ERROR_NONE);
}

/* The profile's text fields: message key and limit in characters. */
static const struct {
	const char *key;
	size_t max;
} profile_texts[] = {
	{ "field.representative", 100 },
	{ "field.services", 500 },
	{ "field.industry", 100 },
};

/* The member of p holding profile_texts[i]. */
static const char **profile_text(struct org_profile *p, size_t i)
{
	switch (i) {
	case 0:
		return &p->representative;
	case 1:
		return &p->services;
	default:
		return &p->industry;
	}
}

static void test_validate__profile_lengths(void **state)
{
	static const char *const chars[] = { "a", "社", "😀" };
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(profile_texts); i++)
		for (j = 0; j < ARRAY_SIZE(chars); j++) {
			struct org_profile p = empty_profile();
			struct error err = ERROR_INIT;
			char num[32];
			int rc_max, rc_over;

			/* Characters, not bytes: max of them is fine. */
			repeat(&sb, chars[j], profile_texts[i].max);
			*profile_text(&p, i) = sb.buf;
			rc_max = org_profile_validate(&p, &err);
			strbuf_addstr(&sb, chars[j]);
			*profile_text(&p, i) = sb.buf;
			rc_over = org_profile_validate(&p, &err);
			strbuf_release(&sb);
			if (rc_max != 0 || rc_over != -1)
				fail_msg("%s with '%s': %d at the limit, %d "
					 "past it",
					 profile_texts[i].key, chars[j], rc_max,
					 rc_over);
			check_error(&err, "input.too_long",
				    profile_texts[i].key);
			snprintf(num, sizeof(num), "%zu", profile_texts[i].max);
			assert_string_equal(err.args[2], num);
		}
}

static void test_validate__profile_control_chars(void **state)
{
	static const char *const bad[] = { "a\tb", "line\n",  "\r\n",
					   "\x01", "del\x7f", "nel\xc2\x85" };
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(profile_texts); i++)
		for (j = 0; j < ARRAY_SIZE(bad); j++) {
			struct org_profile p = empty_profile();
			struct error err = ERROR_INIT;

			*profile_text(&p, i) = bad[j];
			if (org_profile_validate(&p, &err) != -1)
				fail_msg("%s: case %zu accepted",
					 profile_texts[i].key, j);
			check_error(&err, "input.control_char",
				    profile_texts[i].key);
		}
}

static void test_validate__profile_bad_utf8(void **state)
{
	struct org_profile p = empty_profile();
	struct error err = ERROR_INIT;

	(void)state;
	p.industry = "\xe6\x97";
	assert_int_equal(org_profile_validate(&p, &err), -1);
	check_error(&err, "input.bad_utf8", "field.industry");
}

static void test_validate__profile_first_bad_field(void **state)
{
	struct org_profile p = empty_profile();
	struct error err = ERROR_INIT;

	(void)state;
	/* Fields are checked in the order of the form. */
	p.representative = "a\tb";
	p.services = "a\tb";
	p.industry = "a\tb";
	p.employees = -1;
	assert_int_equal(org_profile_validate(&p, &err), -1);
	check_error(&err, "input.control_char", "field.representative");
	p.representative = "";
	assert_int_equal(org_profile_validate(&p, &err), -1);
	check_error(&err, "input.control_char", "field.services");
	p.services = "";
	assert_int_equal(org_profile_validate(&p, &err), -1);
	check_error(&err, "input.control_char", "field.industry");
	p.industry = "";
	assert_int_equal(org_profile_validate(&p, &err), -1);
	check_error(&err, "input.out_of_range", "field.employees");
}

static void test_validate__profile_employees(void **state)
{
	static const long good[] = { 0, 1, 300, 999999, 1000000 };
	static const long bad[] = { -1, 1000001, LONG_MIN, LONG_MAX, -1000000 };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		struct org_profile p = empty_profile();
		struct error err = ERROR_INIT;

		p.employees = good[i];
		if (org_profile_validate(&p, &err))
			fail_msg("%ld employees refused", good[i]);
		assert_int_equal(err.code, ERROR_NONE);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct org_profile p = empty_profile();
		struct error err = ERROR_INIT;

		p.employees = bad[i];
		if (org_profile_validate(&p, &err) != -1)
			fail_msg("%ld employees accepted", bad[i]);
		check_error(&err, "input.out_of_range", "field.employees");
		assert_int_equal(err.argc, 3);
		assert_string_equal(err.args[1], "0");
		assert_string_equal(err.args[2], "1000000");
		assert_int_equal(org_profile_validate(&p, NULL), -1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate__text_ok),
		cmocka_unit_test(test_validate__text_success_leaves_err),
		cmocka_unit_test(test_validate__text_required),
		cmocka_unit_test(test_validate__text_too_short),
		cmocka_unit_test(test_validate__text_too_long),
		cmocka_unit_test(test_validate__text_counts_characters),
		cmocka_unit_test(test_validate__text_bad_utf8),
		cmocka_unit_test(test_validate__text_control_chars),
		cmocka_unit_test(test_validate__email_ok),
		cmocka_unit_test(test_validate__email_bad),
		cmocka_unit_test(test_validate__email_required),
		cmocka_unit_test(test_validate__email_length),
		cmocka_unit_test(test_validate__organisation),
		cmocka_unit_test(test_validate__account_ok),
		cmocka_unit_test(test_validate__account_fields),
		cmocka_unit_test(test_validate__account_returns_negative),
		cmocka_unit_test(test_validate__profile_ok),
		cmocka_unit_test(test_validate__profile_lengths),
		cmocka_unit_test(test_validate__profile_control_chars),
		cmocka_unit_test(test_validate__profile_bad_utf8),
		cmocka_unit_test(test_validate__profile_first_bad_field),
		cmocka_unit_test(test_validate__profile_employees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
