/* html.c: context-named escaping writers for HTML output. */
#include "util/compat.h"
#include "web/html.h"

#include <string.h>
#include <strings.h>

#include "export/markdown.h"
#include "util/strbuf.h"

void html_raw_literal(struct strbuf *out, const char *s, size_t len)
{
	strbuf_add(out, s, len);
}

/*
 * Escapes the five characters that matter in text and quoted values.
 * strcspn() finds each run of plain bytes at once, so text without markup
 * characters is copied in one piece.
 */
static void escape(struct strbuf *out, const char *s)
{
	for (;;) {
		size_t run = strcspn(s, "&<>\"'");

		strbuf_add(out, s, run);
		s += run;
		switch (*s) {
		case '\0':
			return;
		case '&':
			strbuf_add(out, "&amp;", 5);
			break;
		case '<':
			strbuf_add(out, "&lt;", 4);
			break;
		case '>':
			strbuf_add(out, "&gt;", 4);
			break;
		case '"':
			strbuf_add(out, "&quot;", 6);
			break;
		default:
			strbuf_add(out, "&#39;", 5);
			break;
		}
		s++;
	}
}

void html_text(struct strbuf *out, const char *s)
{
	escape(out, s ? s : "");
}

void html_attr(struct strbuf *out, const char *s)
{
	escape(out, s ? s : "");
}

/* Bytes a URL component may carry as they are (RFC 3986 unreserved). */
static int unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	       c == '~';
}

void html_url_arg(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	/* Runs of unreserved bytes go in one piece; a Japanese value is
	 * mostly escapes, written three bytes at a time. */
	while (s && *s) {
		size_t run = 0;
		char esc[3];

		while (s[run] && unreserved((unsigned char)s[run]))
			run++;
		strbuf_add(out, s, run);
		s += run;
		if (!*s)
			break;
		esc[0] = '%';
		esc[1] = hex[(unsigned char)*s >> 4];
		esc[2] = hex[(unsigned char)*s & 15];
		strbuf_add(out, esc, 3);
		s++;
	}
}

void html_long(struct strbuf *out, long v)
{
	/* Digits backwards into a small buffer: no printf on a hot path. */
	char buf[24];
	char *p = buf + sizeof(buf);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	strbuf_add(out, p, (size_t)(buf + sizeof(buf) - p));
}

int url_is_safe(const char *url)
{
	const char *p;
	size_t scheme;

	for (p = url; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	/* A scheme is letters before ':' with no '/', '?' or '#' first. */
	scheme = strcspn(url, ":/?#");
	if (url[scheme] != ':')
		return url[0] != '/' || url[1] != '/'; /* no //host */
	return (scheme == 4 && !strncasecmp(url, "http", 4)) ||
	       (scheme == 5 && !strncasecmp(url, "https", 5)) ||
	       (scheme == 6 && !strncasecmp(url, "mailto", 6));
}

void html_link(struct strbuf *out, const char *href, const char *text)
{
	if (!url_is_safe(href)) {
		html_text(out, text);
		return;
	}
	html_lit(out, "<a href=\"");
	html_attr(out, href);
	html_lit(out, "\">");
	html_text(out, text);
	html_lit(out, "</a>");
}

void html_hidden(struct strbuf *out, const char *name, const char *value)
{
	html_lit(out, "<input type=\"hidden\" name=\"");
	html_attr(out, name);
	html_lit(out, "\" value=\"");
	html_attr(out, value);
	html_lit(out, "\">");
}

void html_option(struct strbuf *out, const char *value, const char *label,
		 int selected)
{
	html_lit(out, "<option value=\"");
	html_attr(out, value);
	if (selected)
		html_lit(out, "\" selected>");
	else
		html_lit(out, "\">");
	html_text(out, label);
	html_lit(out, "</option>");
}

void html_markdown(struct strbuf *out, const char *md)
{
	markdown_to_html(md, strlen(md), out);
}
