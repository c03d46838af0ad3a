/* markdown.h: Markdown to HTML through cmark, with raw HTML disabled. */
#ifndef MAMORI_EXPORT_MARKDOWN_H
#define MAMORI_EXPORT_MARKDOWN_H

#include <stddef.h>

struct strbuf;

/*
 * Appends the HTML of len bytes of Markdown.  Raw HTML in the input and
 * links to javascript:, vbscript:, file: and data: (but images) are not
 * passed through (cmark's safe mode), and invalid UTF-8 is replaced, so
 * the output is safe to put in a page as it is.
 */
void markdown_to_html(const char *md, size_t len, struct strbuf *out);

#endif
