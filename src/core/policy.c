/* policy.c: the basic policy and the handbook, written from templates. */
#include "util/compat.h"
#include "core/policy.h"

#include "util/strbuf.h"

void markdown_escape(struct strbuf *out, const char *s)
{
	const char *start = s;

	for (; *s; s++) {
		int space = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';

		if (strchr("\\`*_{}[]()#+-.!<>|~&", *s))
			strbuf_addch(out, '\\');
		/* A value that begins a line with spaces would indent it
		 * into a code block (found by tests/fuzz/fuzz_markdown.c):
		 * its first space is a character reference, read as text. */
		if (space && s == start)
			strbuf_addstr(out, "&#32;");
		/* A line break inside a value would start a new block. */
		else
			strbuf_addch(out, space ? ' ' : *s);
	}
}

void policy_fill_text(struct strbuf *out, const char *text,
		      const struct policy_fill *fill)
{
	while (*text) {
		const char *close;
		size_t len;
		const char *value = NULL;
		char num[16];

		if (*text != '{' || !(close = strchr(text, '}'))) {
			strbuf_addch(out, *text++);
			continue;
		}
		len = (size_t)(close - text - 1);
		if (len == 7 && !strncmp(text + 1, "company", 7))
			value = fill->company;
		else if (len == 14 && !strncmp(text + 1, "representative", 14))
			value = fill->representative;
		else if (len == 8 && !strncmp(text + 1, "services", 8))
			value = fill->services;
		else if (len == 4 && !strncmp(text + 1, "date", 4))
			value = fill->date;
		else if (len == 7 && !strncmp(text + 1, "version", 7)) {
			snprintf(num, sizeof(num), "%d", fill->version);
			value = num;
		}
		if (!value) {
			strbuf_addch(out, *text++);
			continue;
		}
		markdown_escape(out, value);
		text = close + 1;
	}
}

/* Appends the signature's parts, split at ／ or " / ", as lines. */
static void signature(struct strbuf *out, const char *text,
		      const struct policy_fill *fill)
{
	struct strbuf line = STRBUF_INIT;
	const char *p = text;

	while (*p) {
		const char *sep = strstr(p, "／");
		const char *sep2 = strstr(p, " / ");
		size_t len, skip;

		if (sep2 && (!sep || sep2 < sep)) {
			sep = sep2;
			skip = 3;
		} else {
			skip = sep ? strlen("／") : 0;
		}
		len = sep ? (size_t)(sep - p) : strlen(p);
		strbuf_reset(&line);
		strbuf_add(&line, p, len);
		/* Two trailing spaces: a hard line break in Markdown. */
		policy_fill_text(out, line.buf, fill);
		strbuf_addstr(out, sep ? "  \n" : "\n");
		p += len + skip;
	}
	strbuf_release(&line);
}

void policy_generate(const struct policy_block *blocks, size_t count,
		     const struct policy_objective *const *chosen,
		     size_t chosen_count, enum lang lang,
		     const struct policy_fill *fill, struct strbuf *out)
{
	size_t i, k;

	for (i = 0; i < count; i++) {
		const char *t = text_get(&blocks[i].text, lang);

		switch (blocks[i].kind) {
		case BLOCK_TITLE:
			strbuf_addstr(out, "# ");
			policy_fill_text(out, t, fill);
			break;
		case BLOCK_HEADING:
			strbuf_addstr(out, "## ");
			policy_fill_text(out, t, fill);
			break;
		case BLOCK_PARA:
			policy_fill_text(out, t, fill);
			break;
		case BLOCK_OBJECTIVES:
			policy_fill_text(out, t, fill);
			strbuf_addstr(out, "\n");
			for (k = 0; k < chosen_count; k++) {
				strbuf_addf(out, "\n%zu. ", k + 1);
				policy_fill_text(
					out, text_get(&chosen[k]->text, lang),
					fill);
			}
			break;
		case BLOCK_SIGNATURE:
			strbuf_addch(out, '\n');
			signature(out, t, fill);
			break;
		case BLOCK_KIND_COUNT:
			BUG("policy block kind out of range");
		}
		strbuf_addstr(out, "\n\n");
	}
	strbuf_rtrim(out);
	strbuf_addch(out, '\n');
}

/* Appends one rule as a list item, marked when it is a focus. */
static void rule(struct strbuf *out, const struct handbook_rule *r,
		 enum lang lang, const struct policy_fill *fill,
		 const char *mark)
{
	strbuf_addstr(out, "- **");
	policy_fill_text(out, text_get(&r->title, lang), fill);
	strbuf_addstr(out, "**");
	if (mark) {
		strbuf_addstr(out, " (");
		markdown_escape(out, mark);
		strbuf_addch(out, ')');
	}
	strbuf_addstr(out, "  \n  ");
	policy_fill_text(out, text_get(&r->rule, lang), fill);
	strbuf_addch(out, '\n');
}

void handbook_generate(const struct handbook_rule *rules, size_t count,
		       const struct diagnosis_part *parts, size_t part_count,
		       const int answers[DIAGNOSIS_ITEMS], enum lang lang,
		       const struct policy_fill *fill, const char *title,
		       const char *intro, const char *focus_mark,
		       struct strbuf *out)
{
	size_t i, p;
	int focus;

	strbuf_addstr(out, "# ");
	markdown_escape(out, fill->company);
	strbuf_addch(out, ' ');
	markdown_escape(out, title);
	strbuf_addstr(out, "\n\n");
	policy_fill_text(out, intro, fill);
	strbuf_addstr(out, "\n\n");
	for (i = 0; i < count; i++)
		if (rules[i].diagnosis == 0)
			rule(out, &rules[i], lang, fill, NULL);
	for (p = 0; p < part_count; p++) {
		strbuf_addstr(out, "\n## ");
		markdown_escape(out, text_get(&parts[p].name, lang));
		strbuf_addstr(out, "\n\n");
		/* Focus rules (the company's weak items) first. */
		for (focus = 1; focus >= 0; focus--)
			for (i = 0; i < count; i++) {
				int d = rules[i].diagnosis, weak;

				if (d < parts[p].first || d > parts[p].last)
					continue;
				weak = answers[d - 1] != ANSWER_DONE;
				if (weak != focus)
					continue;
				rule(out, &rules[i], lang, fill,
				     weak ? focus_mark : NULL);
			}
	}
}
