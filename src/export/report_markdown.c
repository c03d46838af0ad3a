/*
 * report_markdown.c: Markdown (the policy and the handbook as they are
 * kept) read into the blocks of a report, through cmark's tree.
 */
#include "util/compat.h"
#include "export/report.h"

#include <cmark.h>

#include "util/alloc.h"
#include "util/strbuf.h"

/* The spans of one paragraph or list item, merged by style. */
struct spans {
	struct report_span *items;
	size_t count;
	size_t cap;
	struct strbuf run; /* the text of the span being built */
	unsigned style;	   /* … and its style */
	int soft_space;	   /* a soft line break reads as a space */
};

static void flush(struct spans *sp)
{
	if (!sp->run.len)
		return;
	ALLOC_GROW(sp->items, sp->count + 1, sp->cap);
	sp->items[sp->count].text = strbuf_detach(&sp->run, NULL);
	sp->items[sp->count].style = sp->style;
	sp->count++;
}

static void add(struct spans *sp, const char *s, unsigned style)
{
	if (!s || !*s)
		return;
	if (style != sp->style) {
		flush(sp);
		sp->style = style;
	}
	strbuf_addstr(&sp->run, s);
}

static void release(struct spans *sp)
{
	size_t i;

	for (i = 0; i < sp->count; i++)
		free((char *)sp->items[i].text);
	free(sp->items);
	strbuf_release(&sp->run);
	memset(sp, 0, sizeof(*sp));
}

/* Collects the inline children of node into sp, in style. */
static void inlines(cmark_node *node, unsigned style, struct spans *sp)
{
	cmark_node *n;

	for (n = cmark_node_first_child(node); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			add(sp, cmark_node_get_literal(n), style);
			break;
		case CMARK_NODE_SOFTBREAK:
			/*
			 * Japanese runs on without spaces; a line wrapped in
			 * English source reads as one space.
			 */
			if (sp->soft_space)
				add(sp, " ", style);
			break;
		case CMARK_NODE_LINEBREAK:
			add(sp, "\n", style);
			break;
		case CMARK_NODE_STRONG:
			inlines(n, style | REPORT_STRONG, sp);
			break;
		default:
			/* Emphasis, links and image descriptions as text;
			 * raw HTML has no children and is dropped. */
			inlines(n, style, sp);
			break;
		}
	}
}

/* Collects a list item's blocks: paragraphs joined by line breaks. */
static void item_text(cmark_node *item, struct spans *sp)
{
	cmark_node *n;
	int first = 1;

	for (n = cmark_node_first_child(item); n; n = cmark_node_next(n)) {
		if (!first)
			add(sp, "\n", 0);
		first = 0;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_LIST: {
			cmark_node *sub;

			for (sub = cmark_node_first_child(n); sub;
			     sub = cmark_node_next(sub)) {
				add(sp, "・", 0);
				item_text(sub, sp);
				if (cmark_node_next(sub))
					add(sp, "\n", 0);
			}
			break;
		}
		case CMARK_NODE_CODE_BLOCK:
			add(sp, cmark_node_get_literal(n), 0);
			break;
		default:
			inlines(n, 0, sp);
			break;
		}
	}
}

/*
 * A heading: the first of level 1 is the document's title (the policy
 * starts with it), the rest sit one level below the title.
 */
static void heading(struct report *r, cmark_node *n, struct spans *sp)
{
	int level = cmark_node_get_heading_level(n);
	struct strbuf text = STRBUF_INIT;
	size_t i;

	inlines(n, 0, sp);
	flush(sp);
	for (i = 0; i < sp->count; i++)
		strbuf_addstr(&text, sp->items[i].text);
	if (level == 1 && !r->title)
		report_set_title(r, text.buf);
	else
		report_heading(r,
			       level <= 2   ? 1
			       : level == 3 ? 2
					    : 3,
			       text.buf);
	strbuf_release(&text);
}

static void blocks(struct report *r, cmark_node *parent, int soft_space)
{
	cmark_node *n;
	struct spans sp;

	for (n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		memset(&sp, 0, sizeof(sp));
		strbuf_init(&sp.run, 0);
		sp.soft_space = soft_space;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			heading(r, n, &sp);
			break;
		case CMARK_NODE_PARAGRAPH:
			inlines(n, 0, &sp);
			flush(&sp);
			if (sp.count)
				report_paragraph_spans(r, sp.items, sp.count);
			break;
		case CMARK_NODE_CODE_BLOCK:
			add(&sp, cmark_node_get_literal(n), 0);
			flush(&sp);
			if (sp.count)
				report_paragraph_spans(r, sp.items, sp.count);
			break;
		case CMARK_NODE_LIST: {
			cmark_node *item;

			report_list_begin(r, cmark_node_get_list_type(n) ==
						     CMARK_ORDERED_LIST);
			for (item = cmark_node_first_child(n); item;
			     item = cmark_node_next(item)) {
				struct spans one;

				memset(&one, 0, sizeof(one));
				strbuf_init(&one.run, 0);
				one.soft_space = soft_space;
				item_text(item, &one);
				flush(&one);
				report_item_spans(r, one.items, one.count);
				release(&one);
			}
			break;
		}
		case CMARK_NODE_BLOCK_QUOTE:
			blocks(r, n, soft_space);
			break;
		default:
			/* Thematic breaks and raw HTML have no place here. */
			break;
		}
		release(&sp);
	}
}

void report_add_markdown(struct report *r, const char *md, size_t len)
{
	cmark_node *doc = cmark_parse_document(
		md, len,
		CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART);

	if (!doc)
		BUG("cmark failed");
	blocks(r, doc, strcmp(r->language, "ja") != 0);
	cmark_node_free(doc);
}
