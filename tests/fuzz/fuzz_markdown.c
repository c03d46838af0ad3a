/*
 * fuzz_markdown.c: Markdown as a policy, a handbook or a procedure holds
 * it, rendered by export/markdown.c (cmark, safe mode), and the escaping
 * of a value filled into a template (core/policy.c, markdown_escape()).
 * The input is the document; its text up to the first NUL is also the
 * value, when a front door would accept it as a name.
 *
 * Oracles: the HTML runs no script whatever the document says
 * (fuzz_check_html(): raw HTML is dropped, javascript: links are not
 * linked); and a value escaped and rendered as a paragraph of its own
 * (as {company} stands in the policy template) makes no markup at all:
 * no link, image, emphasis, code, heading, list or raw HTML, only text.
 */
#include "util/compat.h"

#include "core/policy.h"
#include "core/validate.h"
#include "export/markdown.h"
#include "fuzz.h"
#include "util/error.h"
#include "util/strbuf.h"

/* Every tag in html must be <p> or </p>. */
static void only_paragraphs(const char *html)
{
	const char *p = html;

	while ((p = strchr(p, '<'))) {
		if (strncmp(p, "<p>", 3) && strncmp(p, "</p>", 4))
			BUG("fuzz check failed: an escaped value made markup:"
			    "\n%s",
			    html);
		p++;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf html = STRBUF_INIT, md = STRBUF_INIT;
	struct error err = ERROR_INIT;
	char *value;

	markdown_to_html((const char *)data, size, &html);
	fuzz_check_html(html.buf, html.len);
	strbuf_reset(&html);

	value = fuzz_strndup((const char *)data, size);
	/* Only what a front door accepts reaches a template. */
	if (validate_text("field.org_name", value, 1, 200, &err))
		goto out;
	/* A value never opens a document (cmark would drop a leading BOM
	 * there), so a title comes first; then the value starts a line. */
	strbuf_addstr(&md, "前書き\n\n");
	markdown_escape(&md, value);
	strbuf_addstr(&md, "\n\n");
	strbuf_addstr(&md, "前の段落の後に: ");
	markdown_escape(&md, value);
	strbuf_addch(&md, '\n');
	markdown_to_html(md.buf, md.len, &html);
	only_paragraphs(html.buf);
out:
	free(value);
	strbuf_release(&md);
	strbuf_release(&html);
	return 0;
}
