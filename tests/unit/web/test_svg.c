/* test_svg.c: unit tests of web/svg.c's bar charts. */
#include "util/compat.h"
#include "web/svg.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "util/strbuf.h"

/* How often needle occurs in hay. */
static size_t occurrences(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* The number in attr="…" after the n-th (1, 2, …) occurrence of cls. */
static long attr_after(const char *svg, const char *cls, size_t n,
		       const char *attr)
{
	const char *p = svg;
	char key[32];
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			p += strlen(cls);
		p = strstr(p, cls);
		assert_non_null(p);
	}
	snprintf(key, sizeof(key), " %s=\"", attr);
	p = strstr(p, key);
	assert_non_null(p);
	return strtol(p + strlen(key), NULL, 10);
}

static void test_svg__hbars(void **state)
{
	const struct svg_hbar bars[] = {
		{ "アカウント", 3, 4, "75%", "/checklist?domain=account" },
		{ "<data>", 0, 4, "0%", NULL },
		{ "over", 9, 4, "x", "/x?a=1&b=2" },
		{ "none", 1, 0, NULL, NULL },
	};
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	svg_hbars(&sb, "Coverage \"L1\"", bars, 4);
	assert_non_null(strstr(sb.buf, "role=\"img\""));
	assert_non_null(
		strstr(sb.buf, "aria-label=\"Coverage &quot;L1&quot;\""));
	assert_non_null(
		strstr(sb.buf, "<title>Coverage &quot;L1&quot;</title>"));
	/* Labels and hrefs go through the escaping writer. */
	assert_non_null(strstr(sb.buf, "&lt;data&gt;"));
	assert_null(strstr(sb.buf, "<data>"));
	assert_non_null(strstr(sb.buf, "href=\"/x?a=1&amp;b=2\""));
	/* Two of the four rows link somewhere. */
	assert_int_equal(occurrences(sb.buf, "<a href="), 2);
	assert_int_equal(occurrences(sb.buf, "</a>"), 2);
	assert_int_equal(occurrences(sb.buf, "class=\"track\""), 4);
	/* 3 of 4 fills three quarters of 300 units; 0 is empty; more than
	 * the maximum stops at full; a maximum of 0 draws nothing. */
	assert_int_equal(attr_after(sb.buf, "class=\"fill\"", 1, "width"), 225);
	assert_int_equal(attr_after(sb.buf, "class=\"fill\"", 2, "width"), 0);
	assert_int_equal(attr_after(sb.buf, "class=\"fill\"", 3, "width"), 300);
	assert_int_equal(attr_after(sb.buf, "class=\"fill\"", 4, "width"), 0);
	assert_non_null(strstr(sb.buf, ">75%</text>"));
	assert_true(sb.len > 0 && !strcmp(sb.buf + sb.len - 6, "</svg>"));
	strbuf_release(&sb);
}

static void test_svg__stack(void **state)
{
	const struct svg_segment parts[] = {
		{ 1, "s-done", "実施済" },
		{ 0, "s-part", "一部" },
		{ 1, "s-todo", "未実施" },
		{ 1, "s-open", "<未決定>" },
	};
	struct strbuf sb = STRBUF_INIT;
	long a, b, c;

	(void)state;
	svg_stack(&sb, "SoA", parts, 4);
	/* An empty part draws nothing. */
	assert_null(strstr(sb.buf, "s-part"));
	assert_non_null(strstr(sb.buf, "&lt;未決定&gt; 1"));
	/* Thirds of 400: the last part takes the rounding, so the parts
	 * fill the bar exactly. */
	a = attr_after(sb.buf, "class=\"s-done\"", 1, "width");
	b = attr_after(sb.buf, "class=\"s-todo\"", 1, "width");
	c = attr_after(sb.buf, "class=\"s-open\"", 1, "width");
	assert_int_equal(a, 133);
	assert_int_equal(b, 133);
	assert_int_equal(c, 134);
	assert_int_equal(attr_after(sb.buf, "class=\"s-open\"", 1, "x"), 266);
	strbuf_release(&sb);

	/* Nothing at all: the track alone. */
	{
		const struct svg_segment none[] = { { 0, "s-done", "x" } };

		svg_stack(&sb, "empty", none, 1);
		assert_non_null(strstr(sb.buf, "class=\"track\""));
		assert_null(strstr(sb.buf, "s-done"));
		strbuf_release(&sb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_svg__hbars),
		cmocka_unit_test(test_svg__stack),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
