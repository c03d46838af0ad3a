/* html.h: the only way to write HTML: context-named escaping writers. */
#ifndef MAMORI_WEB_HTML_H
#define MAMORI_WEB_HTML_H

#include <stddef.h>

struct strbuf;

/*
 * Trusted markup.  html_lit() accepts only a string literal: it pastes
 * "" s "" (a variable does not compile) and takes its length by sizeof, so
 * user data can never reach the page unescaped through it.
 */
#define html_lit(out, s) html_raw_literal((out), "" s "", sizeof(s) - 1)
void html_raw_literal(struct strbuf *out, const char *s, size_t len);

/* Element text: escapes & < > " ' so the text cannot open markup. */
void html_text(struct strbuf *out, const char *s);
/* A quoted attribute value (the caller writes the quotes). */
void html_attr(struct strbuf *out, const char *s);
/* A query-string component: percent-encoded, then attribute-escaped. */
void html_url_arg(struct strbuf *out, const char *s);
/* A decimal number (safe in any context). */
void html_long(struct strbuf *out, long v);

/*
 * Returns 1 when url may be used as a link target: a relative path, a
 * fragment, or an http, https or mailto URL.  javascript:, data: and
 * anything with control characters are refused.
 */
int url_is_safe(const char *url);

/*
 * The one way to put generated markup in a page: Markdown (from a user or
 * a template) rendered by cmark in its safe mode, raw HTML disabled.
 */
void html_markdown(struct strbuf *out, const char *md);

/* <a href="href">text</a>, or the plain text when href is not safe. */
void html_link(struct strbuf *out, const char *href, const char *text);
/* <input type="hidden" name="…" value="…"> */
void html_hidden(struct strbuf *out, const char *name, const char *value);
/* <option value="…" [selected]>label</option> */
void html_option(struct strbuf *out, const char *value, const char *label,
		 int selected);

#endif
