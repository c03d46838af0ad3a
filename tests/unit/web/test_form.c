/* test_form.c: unit tests of web/form.c. */
#include "util/compat.h"
#include "web/form.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/strbuf.h"
#include "web/request.h"

static int setup(void **state)
{
	struct arena *a = malloc(sizeof(*a));

	if (!a)
		return -1;
	arena_init(a, 0);
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	arena_release(*state);
	free(*state);
	return 0;
}

/* Decodes the string s; returns form_decode()'s result. */
static int decode(struct arena *a, const char *s, struct param **out,
		  size_t *count)
{
	return form_decode(a, s, strlen(s), out, count);
}

static void check_param(const struct param *p, const char *name,
			const char *value)
{
	assert_non_null(p->name);
	assert_non_null(p->value);
	assert_string_equal(p->name, name);
	assert_string_equal(p->value, value);
}

static void test_form__decode(void **state)
{
	struct param *p;
	size_t n;

	assert_int_equal(decode(*state, "a=1&b=x%20y", &p, &n), 0);
	assert_int_equal(n, 2);
	check_param(&p[0], "a", "1");
	check_param(&p[1], "b", "x y");
}

static void test_form__decode_plus_is_space(void **state)
{
	struct param *p;
	size_t n;

	assert_int_equal(decode(*state, "q=a+b%2Bc&first+name=x", &p, &n), 0);
	assert_int_equal(n, 2);
	check_param(&p[0], "q", "a b+c");
	check_param(&p[1], "first name", "x");
}

static void test_form__decode_empty_values(void **state)
{
	struct param *p;
	size_t n;

	assert_int_equal(decode(*state, "a=&flag&b==x", &p, &n), 0);
	assert_int_equal(n, 3);
	check_param(&p[0], "a", "");
	/* A name without '=' has the empty value. */
	check_param(&p[1], "flag", "");
	/* Only the first '=' separates. */
	check_param(&p[2], "b", "=x");
}

static void test_form__decode_empty_pairs(void **state)
{
	static const struct {
		const char *s;
		size_t count;
	} cases[] = {
		{ "", 0 },	  { "&", 0 },	       { "&&", 0 },
		{ "a=1&", 1 },	  { "&a=1", 1 },       { "a=1&&b=2", 2 },
		{ "&&a=1&&", 1 }, { "a=1&&&&b=2", 2 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct param *p = NULL;
		size_t n = 99;

		if (decode(*state, cases[i].s, &p, &n))
			fail_msg("\"%s\" refused", cases[i].s);
		if (n != cases[i].count)
			fail_msg("\"%s\": %zu fields, expected %zu", cases[i].s,
				 n, cases[i].count);
		assert_non_null(p);
	}
}

static void test_form__decode_keeps_order_and_duplicates(void **state)
{
	struct param *p;
	size_t n;

	assert_int_equal(decode(*state, "a=1&b=2&a=3", &p, &n), 0);
	assert_int_equal(n, 3);
	check_param(&p[0], "a", "1");
	check_param(&p[1], "b", "2");
	check_param(&p[2], "a", "3");
}

static void test_form__decode_refused(void **state)
{
	static const char *const bad[] = {
		/* Bad percent escapes, in values and in names. */
		"a=%zz",
		"a=%4",
		"a=%",
		"a=%g0",
		"a=%0g",
		"a=1%",
		"%zz=1",
		"a%=1",
		"b=1&a=%4",
		/* A decoded NUL byte. */
		"a=%00",
		"%00=a",
		"a=x%00y",
		/* Invalid UTF-8, escaped or raw. */
		"a=%FF",
		"a=%C3",
		"a=%C0%80",
		"a=%ED%A0%80",
		"a=%F4%90%80%80",
		"a=\xff",
		"\xc3=1",
		/* An empty name. */
		"=x",
		"=",
		"a=1&=x",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct param sentinel, *p = &sentinel;
		size_t n = 77;

		if (decode(*state, bad[i], &p, &n) != -1)
			fail_msg("\"%s\" accepted", bad[i]);
		/* Nothing is returned on failure. */
		assert_ptr_equal(p, &sentinel);
		assert_int_equal(n, 77);
	}
}

static void test_form__decode_raw_nul_refused(void **state)
{
	static const char s[] = "a=x\0y";
	struct param *p = NULL;
	size_t n = 0;

	assert_int_equal(form_decode(*state, s, sizeof(s) - 1, &p, &n), -1);
}

static void test_form__decode_utf8(void **state)
{
	struct param *p;
	size_t n;

	assert_int_equal(decode(*state, "a=%E6%97%A5%e6%9c%ac&b=語", &p, &n),
			 0);
	assert_int_equal(n, 2);
	check_param(&p[0], "a", "日本");
	check_param(&p[1], "b", "語");
}

/* Returns "f0=0&f1=1&…" with count fields; the caller releases sb. */
static void many_fields(struct strbuf *sb, int count)
{
	int i;

	for (i = 0; i < count; i++)
		strbuf_addf(sb, "%sf%d=%d", i ? "&" : "", i, i);
}

static void test_form__decode_field_limit(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct param *p = NULL;
	size_t n = 0;
	char name[16], value[16];

	many_fields(&sb, FORM_FIELDS_MAX);
	assert_int_equal(form_decode(*state, sb.buf, sb.len, &p, &n), 0);
	assert_int_equal(n, FORM_FIELDS_MAX);
	snprintf(name, sizeof(name), "f%d", FORM_FIELDS_MAX - 1);
	snprintf(value, sizeof(value), "%d", FORM_FIELDS_MAX - 1);
	check_param(&p[FORM_FIELDS_MAX - 1], name, value);
	strbuf_reset(&sb);
	p = NULL;
	n = 0;
	many_fields(&sb, FORM_FIELDS_MAX + 1);
	assert_int_equal(form_decode(*state, sb.buf, sb.len, &p, &n), -1);
	assert_null(p);
	assert_int_equal(n, 0);
	strbuf_release(&sb);
}

static void test_form__decode_copies(void **state)
{
	char s[] = "name=plain&other=x%20y&flag";
	struct param *p;
	size_t n;

	assert_int_equal(decode(*state, s, &p, &n), 0);
	assert_int_equal(n, 3);
	/* The fields do not point into the input. */
	memset(s, 'X', sizeof(s) - 1);
	check_param(&p[0], "name", "plain");
	check_param(&p[1], "other", "x y");
	check_param(&p[2], "flag", "");
}

static void test_form__decode_respects_len(void **state)
{
	/* Not NUL-terminated: only len bytes may be read. */
	static const char s[3] = { 'a', '=', '1' };
	struct param *p;
	size_t n;

	assert_int_equal(form_decode(*state, s, sizeof(s), &p, &n), 0);
	assert_int_equal(n, 1);
	check_param(&p[0], "a", "1");
	assert_int_equal(form_decode(*state, "a=1&b=2", 3, &p, &n), 0);
	assert_int_equal(n, 1);
	check_param(&p[0], "a", "1");
	/* An escape cut by len is a bad escape. */
	assert_int_equal(form_decode(*state, "a=%41", 4, &p, &n), -1);
}

static void check_unescape(struct arena *a, const char *s, int plus_is_space,
			   const char *want)
{
	char *got = form_unescape(a, s, strlen(s), plus_is_space);

	if (!want) {
		if (got)
			fail_msg("\"%s\" decoded to \"%s\"", s, got);
		return;
	}
	if (!got)
		fail_msg("\"%s\" refused", s);
	if (strcmp(got, want))
		fail_msg("\"%s\" decoded to \"%s\", expected \"%s\"", s, got,
			 want);
}

static void test_form__unescape(void **state)
{
	struct arena *a = *state;

	check_unescape(a, "", 0, "");
	check_unescape(a, "plain", 0, "plain");
	check_unescape(a, "a+b", 0, "a+b");
	check_unescape(a, "a+b", 1, "a b");
	check_unescape(a, "%2B+", 1, "+ ");
	check_unescape(a, "%41%62%7e", 0, "Ab~");
	check_unescape(a, "%c3%a9%C3%A9%c3%A9", 0, "ééé");
	check_unescape(a, "%25", 0, "%");
	check_unescape(a, "%2525", 0, "%25");
	check_unescape(a, "%", 0, NULL);
	check_unescape(a, "%4", 0, NULL);
	check_unescape(a, "ab%", 0, NULL);
	check_unescape(a, "%zz", 0, NULL);
	check_unescape(a, "%+1", 1, NULL);
	check_unescape(a, "%00", 0, NULL);
	check_unescape(a, "%ff", 0, NULL);
	check_unescape(a, "\xe6\x97", 0, NULL);
}

static void test_form__unescape_len(void **state)
{
	struct arena *a = *state;
	char *got;

	got = form_unescape(a, "abc%20", 3, 0);
	assert_string_equal(got, "abc");
	got = form_unescape(a, "x", 0, 0);
	assert_string_equal(got, "");
	/* "%20" cut to "%2". */
	assert_null(form_unescape(a, "%20", 2, 0));
	/* A NUL byte inside len. */
	assert_null(form_unescape(a, "a\0b", 3, 0));
}

static void check_cookie(struct arena *a, const char *header, const char *want)
{
	const char *got = form_cookie(a, header, "mamori_session");

	if (!want) {
		if (got)
			fail_msg("\"%s\": found \"%s\"", header, got);
		return;
	}
	if (!got)
		fail_msg("\"%s\": not found", header);
	if (strcmp(got, want))
		fail_msg("\"%s\": found \"%s\", expected \"%s\"", header, got,
			 want);
	/* An arena copy, not a pointer into the header. */
	if ((uintptr_t)got >= (uintptr_t)header &&
	    (uintptr_t)got <= (uintptr_t)(header + strlen(header)))
		fail_msg("\"%s\": value points into the header", header);
}

static void test_form__cookie(void **state)
{
	struct arena *a = *state;

	check_cookie(a, "mamori_session=abc", "abc");
	/* First, middle and last. */
	check_cookie(a, "mamori_session=1; a=2; b=3", "1");
	check_cookie(a, "a=2; mamori_session=1; b=3", "1");
	check_cookie(a, "a=2; b=3; mamori_session=1", "1");
	/* With no space, or several, after ';'. */
	check_cookie(a, "a=2;mamori_session=1;b=3", "1");
	check_cookie(a, "a=2;   mamori_session=1", "1");
	check_cookie(a, "  mamori_session=1", "1");
	/* The value keeps '=' and stops at ';'. */
	check_cookie(a, "mamori_session=a=b;c", "a=b");
	/* The first of two wins. */
	check_cookie(a, "mamori_session=1; mamori_session=2", "1");
}

static void test_form__cookie_similar_names(void **state)
{
	struct arena *a = *state;

	/* A name that ends in the one asked for is another cookie. */
	check_cookie(a, "xmamori_session=1; mamori_session=2", "2");
	check_cookie(a, "xmamori_session=1", NULL);
	check_cookie(a, "a=1; xmamori_session=1", NULL);
	/* So is a name that begins with it. */
	check_cookie(a, "mamori_session_old=1; mamori_session=2", "2");
	check_cookie(a, "mamori_sessionx=1", NULL);
	check_cookie(a, "mamori_sessio=1", NULL);
	/* The name inside another cookie's value does not count. */
	check_cookie(a, "a=mamori_session=1", NULL);
}

static void test_form__cookie_missing_or_empty(void **state)
{
	struct arena *a = *state;

	check_cookie(a, "", NULL);
	check_cookie(a, ";", NULL);
	check_cookie(a, "; ; ", NULL);
	check_cookie(a, "a=1; b=2", NULL);
	check_cookie(a, "mamori_session", NULL);
	check_cookie(a, "mamori_session; a=1", NULL);
	/* Present but empty is not missing. */
	check_cookie(a, "mamori_session=", "");
	check_cookie(a, "mamori_session=; a=1", "");
	check_cookie(a, "a=1; mamori_session=", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form__decode),
		cmocka_unit_test(test_form__decode_plus_is_space),
		cmocka_unit_test(test_form__decode_empty_values),
		cmocka_unit_test(test_form__decode_empty_pairs),
		cmocka_unit_test(test_form__decode_keeps_order_and_duplicates),
		cmocka_unit_test(test_form__decode_refused),
		cmocka_unit_test(test_form__decode_raw_nul_refused),
		cmocka_unit_test(test_form__decode_utf8),
		cmocka_unit_test(test_form__decode_field_limit),
		cmocka_unit_test(test_form__decode_copies),
		cmocka_unit_test(test_form__decode_respects_len),
		cmocka_unit_test(test_form__unescape),
		cmocka_unit_test(test_form__unescape_len),
		cmocka_unit_test(test_form__cookie),
		cmocka_unit_test(test_form__cookie_similar_names),
		cmocka_unit_test(test_form__cookie_missing_or_empty),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
