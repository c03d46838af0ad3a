/* test_html.c: unit tests of web/html.c. */
#include "util/compat.h"
#include "web/html.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <limits.h>

#include "util/strbuf.h"

typedef void writer_fn(struct strbuf *out, const char *s);

/* Returns what writer makes of s, in a heap string the caller frees. */
static char *written(writer_fn *writer, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	writer(&sb, s);
	return strbuf_detach(&sb, NULL);
}

static void check_written(writer_fn *writer, const char *name, const char *s,
			  const char *want)
{
	char *got = written(writer, s);

	if (strcmp(got, want))
		fail_msg("%s(\"%s\") = \"%s\", expected \"%s\"", name, s, got,
			 want);
	free(got);
}

static void check_escaper(writer_fn *writer, const char *name)
{
	check_written(writer, name, "&<>\"'", "&amp;&lt;&gt;&quot;&#39;");
	check_written(writer, name, "", "");
	check_written(writer, name, "plain text", "plain text");
	check_written(writer, name, "<<<", "&lt;&lt;&lt;");
	check_written(writer, name, "a<b", "a&lt;b");
	check_written(writer, name, "<a", "&lt;a");
	check_written(writer, name, "a>", "a&gt;");
	check_written(writer, name, "&amp;", "&amp;amp;");
	check_written(writer, name, "\" onmouseover=\"x",
		      "&quot; onmouseover=&quot;x");
	check_written(writer, name, "' onload='x", "&#39; onload=&#39;x");
	check_written(writer, name, "<script>alert(1)</script>",
		      "&lt;script&gt;alert(1)&lt;/script&gt;");
	/* UTF-8 passes untouched, around and between escapes. */
	check_written(writer, name, "日本語", "日本語");
	check_written(writer, name, "株式会社<テスト>&「例」",
		      "株式会社&lt;テスト&gt;&amp;「例」");
	check_written(writer, name, "\xe2\x80\xae", "\xe2\x80\xae");
}

/* Every byte but the five escaped ones is copied as it is. */
static void check_other_bytes_kept(writer_fn *writer, const char *name)
{
	char in[256];
	char *got;
	int c, n = 0;

	for (c = 1; c < 256; c++)
		if (!strchr("&<>\"'", c))
			in[n++] = (char)c;
	in[n] = '\0';
	got = written(writer, in);
	if (strcmp(got, in))
		fail_msg("%s changed a byte that needs no escape", name);
	free(got);
}

/* Long runs of plain bytes around the escapes are copied whole. */
static void check_long_runs(writer_fn *writer)
{
	enum { RUN = 100000 };
	struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;
	char *got;

	strbuf_addchars(&in, 'a', RUN);
	strbuf_addch(&in, '<');
	strbuf_addchars(&in, 'b', RUN);
	strbuf_addch(&in, '&');
	strbuf_addchars(&want, 'a', RUN);
	strbuf_addstr(&want, "&lt;");
	strbuf_addchars(&want, 'b', RUN);
	strbuf_addstr(&want, "&amp;");
	got = written(writer, in.buf);
	assert_int_equal(strlen(got), want.len);
	assert_string_equal(got, want.buf);
	free(got);
	strbuf_release(&in);
	strbuf_release(&want);
}

static void test_html__text(void **state)
{
	(void)state;
	check_escaper(html_text, "html_text");
	check_other_bytes_kept(html_text, "html_text");
	check_long_runs(html_text);
}

static void test_html__attr(void **state)
{
	(void)state;
	check_escaper(html_attr, "html_attr");
	check_other_bytes_kept(html_attr, "html_attr");
	check_long_runs(html_attr);
}

static void test_html__null_is_empty(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	html_text(&sb, NULL);
	html_attr(&sb, NULL);
	html_url_arg(&sb, NULL);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void test_html__writers_append(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	html_lit(&sb, "<p>");
	html_text(&sb, "a&b");
	html_lit(&sb, "</p>");
	html_long(&sb, -5);
	html_url_arg(&sb, "x y");
	assert_string_equal(sb.buf, "<p>a&amp;b</p>-5x%20y");
	strbuf_release(&sb);
}

static void test_html__url_arg(void **state)
{
	(void)state;
	check_written(html_url_arg, "html_url_arg", "", "");
	check_written(html_url_arg, "html_url_arg", "AZaz09-_.~", "AZaz09-_.~");
	check_written(html_url_arg, "html_url_arg", "a b&c=d/e?f#g+h%i",
		      "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25i");
	check_written(html_url_arg, "html_url_arg", "\"'<>", "%22%27%3C%3E");
	check_written(html_url_arg, "html_url_arg", "é日", "%C3%A9%E6%97%A5");
	check_written(html_url_arg, "html_url_arg", "\x01\x7f\xff",
		      "%01%7F%FF");
}

static void test_html__url_arg_every_byte(void **state)
{
	static const char unreserved[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					 "abcdefghijklmnopqrstuvwxyz"
					 "0123456789-_.~";
	int c;

	(void)state;
	for (c = 1; c < 256; c++) {
		char in[2] = { (char)c, '\0' }, want[4];
		char *got;

		if (strchr(unreserved, c))
			snprintf(want, sizeof(want), "%c", c);
		else
			snprintf(want, sizeof(want), "%%%02X", c);
		got = written(html_url_arg, in);
		if (strcmp(got, want))
			fail_msg("byte %#x: \"%s\", expected \"%s\"", c, got,
				 want);
		free(got);
	}
}

static void test_html__long(void **state)
{
	static const long cases[] = { 0,	1,	  -1,
				      9,	10,	  -10,
				      42,	-42,	  1234567890,
				      LONG_MAX, LONG_MIN, LONG_MIN + 1 };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;
		char want[32];

		snprintf(want, sizeof(want), "%ld", cases[i]);
		html_long(&sb, cases[i]);
		if (strcmp(sb.buf, want))
			fail_msg("html_long(%ld) = \"%s\"", cases[i], sb.buf);
		strbuf_release(&sb);
	}
}

static void test_html__url_safe(void **state)
{
	static const char *const safe[] = {
		"",
		"/",
		"/controls/5.12",
		"/controls?theme=people&q=a",
		"controls",
		"../up",
		"./a:b",
		"/a:b",
		"#frag",
		"#javascript:x",
		"?q=1",
		"?next=javascript:alert(1)",
		"http://example.com/",
		"https://example.com/a?b=c#d",
		"HTTP://EXAMPLE.COM",
		"Https://example.com",
		"hTtPs://example.com",
		"mailto:someone@example.com",
		"MailTo:someone@example.com",
		"http:",
		"javascript&#58;alert(1)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(safe); i++)
		if (!url_is_safe(safe[i]))
			fail_msg("\"%s\" refused", safe[i]);
}

static void test_html__url_unsafe(void **state)
{
	static const char *const unsafe[] = {
		"javascript:alert(1)",
		"JaVaScRiPt:alert(1)",
		"JAVASCRIPT:alert(1)",
		" javascript:alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"DATA:text/html;base64,PHNjcmlwdD4=",
		"vbscript:msgbox(1)",
		"file:///etc/passwd",
		"ftp://example.com/",
		"httpx://example.com",
		"http2://example.com",
		"htt://example.com",
		"webcal://example.com",
		"mailtx:someone@example.com",
		"mail:someone@example.com",
		"x:y",
		"//evil.example",
		"//evil.example/path",
		"///evil.example",
		"/\\evil.example",
		"\\\\evil.example",
		"\\/evil.example",
		"http://a\\b",
		"java\tscript:alert(1)",
		"java\nscript:alert(1)",
		"java\rscript:alert(1)",
		"\x01javascript:alert(1)",
		"/\t/evil.example",
		"/ok\x7f",
		"/ok\x1f",
		"https://example.com/\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(unsafe); i++)
		if (url_is_safe(unsafe[i]))
			fail_msg("\"%s\" accepted", unsafe[i]);
}

static void check_link(const char *href, const char *text, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	html_link(&sb, href, text);
	if (strcmp(sb.buf, want))
		fail_msg("html_link(\"%s\", \"%s\") = \"%s\", expected \"%s\"",
			 href, text, sb.buf, want);
	strbuf_release(&sb);
}

static void test_html__link(void **state)
{
	(void)state;
	check_link("/controls/5.12", "5.12",
		   "<a href=\"/controls/5.12\">5.12</a>");
	check_link("/a?b=1&c=\"2\"", "x<y",
		   "<a href=\"/a?b=1&amp;c=&quot;2&quot;\">x&lt;y</a>");
	check_link("https://example.com/'", "'",
		   "<a href=\"https://example.com/&#39;\">&#39;</a>");
	/* An entity in the href reaches the browser as text, not as ':'. */
	check_link("javascript&#58;alert(1)", "t",
		   "<a href=\"javascript&amp;#58;alert(1)\">t</a>");
}

static void test_html__link_unsafe_is_text(void **state)
{
	(void)state;
	check_link("javascript:alert(1)", "click <me>", "click &lt;me&gt;");
	check_link("JaVaScRiPt:alert(1)", "x", "x");
	check_link("//evil.example", "a&b", "a&amp;b");
	check_link("data:text/html,x", "", "");
}

static void test_html__hidden(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	html_hidden(&sb, "csrf", "0123abcd");
	assert_string_equal(sb.buf, "<input type=\"hidden\" name=\"csrf\" "
				    "value=\"0123abcd\">");
	strbuf_reset(&sb);
	html_hidden(&sb, "n\"><x", "v\"><script>'");
	assert_string_equal(sb.buf,
			    "<input type=\"hidden\" "
			    "name=\"n&quot;&gt;&lt;x\" "
			    "value=\"v&quot;&gt;&lt;script&gt;&#39;\">");
	strbuf_reset(&sb);
	html_hidden(&sb, "next", "");
	assert_string_equal(sb.buf,
			    "<input type=\"hidden\" name=\"next\" value=\"\">");
	strbuf_release(&sb);
}

static void test_html__option(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	html_option(&sb, "ja", "日本語", 0);
	assert_string_equal(sb.buf, "<option value=\"ja\">日本語</option>");
	strbuf_reset(&sb);
	html_option(&sb, "en", "English", 1);
	assert_string_equal(sb.buf,
			    "<option value=\"en\" selected>English</option>");
	strbuf_reset(&sb);
	/* Any non-zero value selects. */
	html_option(&sb, "a\"b", "<b>&", 2);
	assert_string_equal(sb.buf, "<option value=\"a&quot;b\" "
				    "selected>&lt;b&gt;&amp;</option>");
	strbuf_release(&sb);
}

static void test_html__lit(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	/* html_lit() takes string literals only (a variable does not
	 * compile); its length comes from sizeof, so a NUL inside counts. */
	html_lit(&sb, "<td>");
	html_lit(&sb, "");
	html_lit(&sb, "a\0b");
	assert_int_equal(sb.len, 7);
	assert_memory_equal(sb.buf, "<td>a\0b", 7);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html__text),
		cmocka_unit_test(test_html__attr),
		cmocka_unit_test(test_html__null_is_empty),
		cmocka_unit_test(test_html__writers_append),
		cmocka_unit_test(test_html__url_arg),
		cmocka_unit_test(test_html__url_arg_every_byte),
		cmocka_unit_test(test_html__long),
		cmocka_unit_test(test_html__url_safe),
		cmocka_unit_test(test_html__url_unsafe),
		cmocka_unit_test(test_html__link),
		cmocka_unit_test(test_html__link_unsafe_is_text),
		cmocka_unit_test(test_html__hidden),
		cmocka_unit_test(test_html__option),
		cmocka_unit_test(test_html__lit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
