/* markdown.c: Markdown to HTML; the only file that includes cmark.h. */
#include "util/compat.h"
#include "export/markdown.h"

#include <cmark.h>

#include "util/strbuf.h"

void markdown_to_html(const char *md, size_t len, struct strbuf *out)
{
	/* CMARK_OPT_UNSAFE is never given: raw HTML becomes a comment and
	 * dangerous links are dropped.  CMARK_OPT_SAFE asks for the same
	 * from a cmark older than 0.29, where it was not the default; newer
	 * ones accept and ignore it. */
	char *html = cmark_markdown_to_html(md, len,
					    CMARK_OPT_DEFAULT | CMARK_OPT_SAFE |
						    CMARK_OPT_VALIDATE_UTF8 |
						    CMARK_OPT_SMART);

	if (!html)
		BUG("cmark failed");
	strbuf_addstr(out, html);
	free(html);
}
