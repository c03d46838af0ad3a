/* policy.h: the basic policy and the handbook, written from templates. */
#ifndef MAMORI_CORE_POLICY_H
#define MAMORI_CORE_POLICY_H

#include <stddef.h>

#include "core/diagnosis.h"
#include "core/reference.h"
#include "core/text.h"

struct strbuf;

/* What the templates' placeholders are filled with. */
struct policy_fill {
	const char *company;	    /* {company} */
	const char *representative; /* {representative} */
	const char *services;	    /* {services} */
	const char *date;	    /* {date}, already formatted */
	int version;		    /* {version} */
};

/*
 * Appends Markdown escaping every character Markdown could read as
 * markup, so a company called "*A* & [B]" prints as itself.
 */
void markdown_escape(struct strbuf *out, const char *s);

/*
 * Appends the template text with each {name} replaced by its escaped value;
 * an unknown {name} is left as it is.
 */
void policy_fill_text(struct strbuf *out, const char *text,
		      const struct policy_fill *fill);

/*
 * Writes the basic policy as Markdown in lang: the template's blocks in
 * order, the chosen objectives as a list after their lead-in, and the
 * signature's parts (separated by ／ or /) on lines of their own.
 */
void policy_generate(const struct policy_block *blocks, size_t count,
		     const struct policy_objective *const *chosen,
		     size_t chosen_count, enum lang lang,
		     const struct policy_fill *fill, struct strbuf *out);

/*
 * Writes the employee handbook as Markdown in lang: a title and an
 * introduction, the general rules, then one section per part of the
 * self-diagnosis with its rules; rules whose item the company answered
 * below 実施している in answers (DIAGNOSIS_NONE = unknown) come first in
 * their part and are marked as a focus.  parts names the sections.
 */
void handbook_generate(const struct handbook_rule *rules, size_t count,
		       const struct diagnosis_part *parts, size_t part_count,
		       const int answers[DIAGNOSIS_ITEMS], enum lang lang,
		       const struct policy_fill *fill, const char *title,
		       const char *intro, const char *focus_mark,
		       struct strbuf *out);

#endif
