/*
 * test_markdown.c: export/markdown.c renders what people write and
 * nothing they could smuggle in: raw HTML, script links and invalid
 * UTF-8 never reach the page as they were typed.
 */
#include "util/compat.h"
#include "export/markdown.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "util/strbuf.h"

static char *render(const char *md)
{
	struct strbuf out = STRBUF_INIT;

	markdown_to_html(md, strlen(md), &out);
	return strbuf_detach(&out, NULL);
}

static void test_markdown__renders_markdown(void **state)
{
	char *html = render("# 手順\n\n1. **確認**する\n2. [手引](https://"
			    "example.jp/a?b=1&c=2)\n\n| a |\n");

	(void)state;
	assert_non_null(strstr(html, "<h1>手順</h1>"));
	assert_non_null(strstr(html, "<strong>確認</strong>"));
	assert_non_null(
		strstr(html, "<a href=\"https://example.jp/a?b=1&amp;c=2\">"));
	free(html);
}

static void test_markdown__raw_html_is_dropped(void **state)
{
	static const char *const attacks[] = {
		"<script>alert(1)</script>",
		"para <img src=x onerror=alert(1)> text",
		"<iframe src=\"https://evil.example\"></iframe>",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<style>body{display:none}</style>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(attacks); i++) {
		char *html = render(attacks[i]);

		assert_null(strstr(html, "<script"));
		assert_null(strstr(html, "<img"));
		assert_null(strstr(html, "<iframe"));
		assert_null(strstr(html, "<style"));
		assert_null(strstr(html, "javascript:"));
		assert_null(strstr(html, "onerror"));
		free(html);
	}
}

static void test_markdown__dangerous_links_are_emptied(void **state)
{
	static const char *const links[] = {
		"[x](javascript:alert(1))",
		"[x](JavaScript:alert(1))",
		"[x](vbscript:msgbox)",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"[x](file:///etc/passwd)",
		"<javascript:alert(1)>",
		"![x](javascript:alert(1))",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(links); i++) {
		char *html = render(links[i]);

		/* The text may show; no href or src may point there. */
		assert_null(strstr(html, "=\"javascript"));
		assert_null(strstr(html, "=\"JavaScript"));
		assert_null(strstr(html, "=\"vbscript"));
		assert_null(strstr(html, "=\"data:"));
		assert_null(strstr(html, "=\"file:"));
		assert_true(strstr(html, "href=\"\"") ||
			    strstr(html, "src=\"\""));
		free(html);
	}
}

static void test_markdown__invalid_utf8_is_replaced(void **state)
{
	char *html = render("a\xff\xfe b");

	(void)state;
	assert_null(strchr(html, '\xff'));
	assert_non_null(strstr(html, "\xef\xbf\xbd")); /* U+FFFD */
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown__renders_markdown),
		cmocka_unit_test(test_markdown__raw_html_is_dropped),
		cmocka_unit_test(test_markdown__dangerous_links_are_emptied),
		cmocka_unit_test(test_markdown__invalid_utf8_is_replaced),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
