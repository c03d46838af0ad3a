/* cmd_catalog.c: `mamori catalog`, browse the compiled-in catalogues. */
#include "util/compat.h"
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "export/table.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

/* The filters of `catalog list`; -1 (or 0 for masks) means "any". */
struct filters {
	int theme;
	int level;
	unsigned owner;
	int attr_set;
	int attr_value;
	int domain;
	int function;
	int kind;
	int new_only;
	int part;
	int phase;
};

/* Which filters each catalogue understands. */
enum filter_flags {
	F_THEME = 1 << 0,
	F_LEVEL = 1 << 1,
	F_OWNER = 1 << 2,
	F_ATTR = 1 << 3,
	F_DOMAIN = 1 << 4,
	F_FUNCTION = 1 << 5,
	F_KIND = 1 << 6,
	F_NEW = 1 << 7,
	F_PART = 1 << 8,
	F_PHASE = 1 << 9,
};

/* A command run's state, shared by the catalogue handlers. */
struct run {
	struct cli *cli;
	const struct catalog *cat;
	struct arena arena;
	struct filters f;
	struct table table;
};

/* One catalogue: how to list it, show an entry, and search it. */
struct kind {
	const char *name;
	unsigned filters;
	size_t (*count)(const struct catalog *cat);
	void (*list)(struct run *run);
	/* Appends "label: value" lines of entry id; returns -1 if none. */
	int (*show)(struct run *run, const char *id, struct strbuf *out);
};

static const char *msg(struct run *run, const char *key)
{
	return cli_msg(run->cli, key);
}

static const char *tr(struct run *run, const struct text *t)
{
	return text_get(t, run->cli->lang);
}

/* Returns the translation of "<prefix>.<name>". */
static const char *label(struct run *run, const char *prefix, const char *name)
{
	return msg(run, arena_printf(&run->arena, "%s.%s", prefix, name));
}

static const char *num(struct run *run, long v)
{
	return arena_printf(&run->arena, "%ld", v);
}

/* Starts a table whose headers are the messages "col.<key>". */
static void start_table(struct run *run, const char *const *keys)
{
	struct table_column *cols;
	size_t n = 0, i;

	while (keys[n])
		n++;
	cols = arena_calloc(&run->arena, n, sizeof(*cols));
	for (i = 0; i < n; i++) {
		cols[i].key = keys[i];
		cols[i].header = label(run, "col", keys[i]);
	}
	table_init(&run->table, &run->arena, cols, n);
}

/* Joins the ids of a resolved crosswalk list. */
static const char *join_controls(struct run *run,
				 const struct control *const *c, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", c[i]->id);
	s = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

static const char *owners_text(struct run *run, unsigned mask)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	unsigned bit;

	for (bit = 1; bit <= OWNER_HR_LEAD; bit <<= 1)
		if (mask & bit)
			strbuf_addf(&sb, "%s%s", sb.len ? "、" : "",
				    label(run, "owner", owner_role_name(bit)));
	s = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

static const char *attrs_text(struct run *run, const struct control *c,
			      enum attr_set set)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < attr_value_count(set); i++)
		if (control_has_attr(c, set, i))
			strbuf_addf(&sb, "%s%s", sb.len ? " " : "",
				    attr_value_tag(set, i));
	s = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

/* Appends one "label: value" line of show output. */
static void line(struct run *run, struct strbuf *out, const char *key,
		 const char *value)
{
	strbuf_addf(out, "%s: %s\n", label(run, "col", key), value);
}

/* --- controls ----------------------------------------------------------- */

static size_t controls_count(const struct catalog *cat)
{
	return cat->control_count;
}

static int control_matches(const struct filters *f, const struct control *c)
{
	return (f->theme < 0 || (int)c->theme == f->theme) &&
	       (!f->new_only || c->new_in_2022) &&
	       (f->attr_set < 0 ||
		control_has_attr(c, (enum attr_set)f->attr_set,
				 (size_t)f->attr_value));
}

static void controls_list(struct run *run)
{
	static const char *const keys[] = { "id",   "theme",	"title",
					    "type", "concepts", "new",
					    NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->control_count; i++) {
		const struct control *c = &run->cat->controls[i];
		const char *cells[6];

		if (!control_matches(&run->f, c))
			continue;
		cells[0] = c->id;
		cells[1] = label(run, "theme", control_theme_name(c->theme));
		cells[2] = tr(run, &c->title);
		cells[3] = attrs_text(run, c, ATTR_TYPE);
		cells[4] = attrs_text(run, c, ATTR_CONCEPT);
		cells[5] = c->new_in_2022 ? msg(run, "word.yes") : "";
		table_add_row(&run->table, cells);
	}
}

/* The crosswalk seen from the control: who in the catalogues points here. */
static void control_refs_lines(struct run *run, const struct control *c,
			       struct strbuf *out)
{
	struct control_refs r;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	catalog_control_refs(run->cat, c, &run->arena, &r);
	for (i = 0; i < r.guideline_count; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", r.guideline[i]->id);
	line(run, out, "guideline", sb.buf);
	strbuf_reset(&sb);
	for (i = 0; i < r.diagnosis_count; i++)
		strbuf_addf(&sb, "%s%d", i ? " " : "", r.diagnosis[i]->no);
	line(run, out, "diagnosis", sb.buf);
	strbuf_reset(&sb);
	for (i = 0; i < r.regulation_count; i++)
		strbuf_addf(&sb, "%s%d", i ? " " : "", r.regulations[i]->no);
	line(run, out, "regulation", sb.buf);
	strbuf_reset(&sb);
	for (i = 0; i < r.case_count; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", r.cases[i]->id);
	line(run, out, "cases", sb.buf);
	strbuf_reset(&sb);
	for (i = 0; i < r.vulnerability_count; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "",
			    r.vulnerabilities[i]->id);
	line(run, out, "vulnerabilities", sb.buf);
	strbuf_release(&sb);
}

static int controls_show(struct run *run, const char *id, struct strbuf *out)
{
	const struct control *c = catalog_control(run->cat, id);
	int s;

	if (!c)
		return -1;
	line(run, out, "id", c->id);
	line(run, out, "title", tr(run, &c->title));
	line(run, out, "theme",
	     label(run, "theme", control_theme_name(c->theme)));
	line(run, out, "purpose", tr(run, &c->purpose));
	for (s = 0; s < ATTR_SET_COUNT; s++)
		strbuf_addf(out, "%s: %s\n",
			    label(run, "attr", attr_set_name((enum attr_set)s)),
			    attrs_text(run, c, (enum attr_set)s));
	line(run, out, "new",
	     msg(run, c->new_in_2022 ? "word.yes" : "word.no"));
	line(run, out, "ids_2013", c->ids_2013);
	line(run, out, "related",
	     join_controls(run, c->related, c->related_count));
	control_refs_lines(run, c, out);
	return 0;
}

/* --- guideline ----------------------------------------------------------- */

static size_t guideline_count(const struct catalog *cat)
{
	return cat->guideline_count;
}

static int item_matches(const struct filters *f, const struct guideline_item *g)
{
	return (f->level < 0 || g->level == f->level) &&
	       (!f->owner || (g->owners & f->owner)) &&
	       (f->domain < 0 || (int)g->domain == f->domain) &&
	       (f->function < 0 || (int)g->function == f->function) &&
	       (f->kind < 0 || (int)g->kind == f->kind);
}

static void guideline_list(struct run *run)
{
	static const char *const keys[] = { "id",     "level",	  "kind",
					    "domain", "function", "owner",
					    "title",  NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->guideline_count; i++) {
		const struct guideline_item *g = &run->cat->guideline[i];
		const char *cells[7];

		if (!item_matches(&run->f, g))
			continue;
		cells[0] = g->id;
		cells[1] = arena_printf(&run->arena, "L%d", g->level);
		cells[2] = label(run, "kind", guideline_kind_name(g->kind));
		cells[3] =
			label(run, "domain", guideline_domain_name(g->domain));
		cells[4] = label(run, "function",
				 security_function_name(g->function));
		cells[5] = owners_text(run, g->owners);
		cells[6] = tr(run, &g->title);
		table_add_row(&run->table, cells);
	}
}

static int guideline_show(struct run *run, const char *id, struct strbuf *out)
{
	const struct guideline_item *g = catalog_guideline_item(run->cat, id);

	if (!g)
		return -1;
	line(run, out, "id", g->id);
	line(run, out, "title", tr(run, &g->title));
	line(run, out, "level", arena_printf(&run->arena, "L%d", g->level));
	line(run, out, "kind",
	     label(run, "kind", guideline_kind_name(g->kind)));
	line(run, out, "domain",
	     label(run, "domain", guideline_domain_name(g->domain)));
	line(run, out, "function",
	     label(run, "function", security_function_name(g->function)));
	line(run, out, "owner", owners_text(run, g->owners));
	line(run, out, "summary", tr(run, &g->summary));
	line(run, out, "numbers", tr(run, &g->numbers));
	line(run, out, "controls",
	     join_controls(run, g->controls, g->control_count));
	strbuf_addf(out, "\n%s\n", msg(run, "catalog.guideline_credit"));
	return 0;
}

/* --- self-diagnosis ------------------------------------------------------ */

static size_t diagnosis_count(const struct catalog *cat)
{
	return cat->diagnosis_count;
}

static void diagnosis_list(struct run *run)
{
	static const char *const keys[] = { "no", "part", "question", NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->diagnosis_count; i++) {
		const struct diagnosis_item *d = &run->cat->diagnosis[i];
		const char *cells[3];

		if (run->f.part >= 0 && d->part != run->f.part)
			continue;
		cells[0] = num(run, d->no);
		cells[1] = tr(run, &run->cat->parts[d->part - 1].name);
		cells[2] = tr(run, &d->question);
		table_add_row(&run->table, cells);
	}
}

static int diagnosis_show(struct run *run, const char *id, struct strbuf *out)
{
	const struct diagnosis_item *d;
	struct strbuf sb = STRBUF_INIT;
	int no;
	size_t i;

	if (parse_int(id, 1, DIAGNOSIS_ITEMS, &no) ||
	    !(d = catalog_diagnosis_item(run->cat, no)))
		return -1;
	line(run, out, "no", num(run, d->no));
	line(run, out, "part", tr(run, &run->cat->parts[d->part - 1].name));
	line(run, out, "question", tr(run, &d->question));
	line(run, out, "advice", tr(run, &d->advice));
	line(run, out, "controls",
	     join_controls(run, d->controls, d->control_count));
	for (i = 0; i < d->guideline_count; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", d->guideline[i]->id);
	line(run, out, "guideline", sb.buf);
	strbuf_reset(&sb);
	for (i = 0; i < d->regulation_count; i++)
		strbuf_addf(&sb, "%s%d", i ? " " : "", d->regulations[i]->no);
	line(run, out, "regulation", sb.buf);
	strbuf_release(&sb);
	return 0;
}

/* --- the smaller catalogues ---------------------------------------------- */

static size_t five_points_count(const struct catalog *cat)
{
	return cat->five_point_count;
}

static void five_points_list(struct run *run)
{
	static const char *const keys[] = { "no", "title", "practice", NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->five_point_count; i++) {
		const struct five_point *p = &run->cat->five_points[i];
		const char *cells[] = { num(run, p->no), tr(run, &p->title),
					tr(run, &p->practice) };

		table_add_row(&run->table, cells);
	}
}

static size_t cloud_count(const struct catalog *cat)
{
	return cat->cloud_check_count;
}

static void cloud_list(struct run *run)
{
	static const char *const keys[] = { "no", "phase", "title", "check",
					    NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->cloud_check_count; i++) {
		const struct cloud_check *c = &run->cat->cloud_checks[i];
		const char *cells[4];

		if (run->f.phase >= 0 && (int)c->phase != run->f.phase)
			continue;
		cells[0] = num(run, c->no);
		cells[1] = label(run, "phase", cloud_phase_name(c->phase));
		cells[2] = tr(run, &c->title);
		cells[3] = tr(run, &c->check);
		table_add_row(&run->table, cells);
	}
}

static size_t regulations_count(const struct catalog *cat)
{
	return cat->regulation_count;
}

static void regulations_list(struct run *run)
{
	static const char *const keys[] = { "no", "title", "scope", "controls",
					    NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->regulation_count; i++) {
		const struct regulation *r = &run->cat->regulations[i];
		const char *cells[] = {
			num(run, r->no), tr(run, &r->title), tr(run, &r->scope),
			join_controls(run, r->controls, r->control_count)
		};

		table_add_row(&run->table, cells);
	}
}

static size_t executive_count(const struct catalog *cat)
{
	return cat->executive_count;
}

static void executive_list(struct run *run)
{
	static const char *const keys[] = { "id",    "kind",   "no",
					    "title", "detail", NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->executive_count; i++) {
		const struct executive_item *e = &run->cat->executive[i];
		/* Numbered per kind, so the id joins both: "principle-1". */
		const char *cells[] = {
			arena_printf(&run->arena, "%s-%d",
				     executive_kind_name(e->kind), e->no),
			label(run, "exec", executive_kind_name(e->kind)),
			num(run, e->no), tr(run, &e->title), tr(run, &e->detail)
		};

		table_add_row(&run->table, cells);
	}
}

static size_t clauses_count(const struct catalog *cat)
{
	return cat->clause_count;
}

static void clauses_list(struct run *run)
{
	static const char *const keys[] = { "id", "title", "summary", NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->clause_count; i++) {
		const struct clause *c = &run->cat->clauses[i];
		const char *cells[] = { c->id, tr(run, &c->title),
					tr(run, &c->summary) };

		table_add_row(&run->table, cells);
	}
}

static size_t documents_count(const struct catalog *cat)
{
	return cat->document_count;
}

static void documents_list(struct run *run)
{
	static const char *const keys[] = { "no", "clause", "doc_kind", "title",
					    NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->document_count; i++) {
		const struct clause_document *d = &run->cat->documents[i];
		const char *cells[] = { num(run, d->no), d->clause->id,
					label(run, "dockind",
					      document_kind_name(d->kind)),
					tr(run, &d->title) };

		table_add_row(&run->table, cells);
	}
}

static size_t bands_count(const struct catalog *cat)
{
	return cat->band_count;
}

static void bands_list(struct run *run)
{
	static const char *const keys[] = { "min", "max", "label", "meaning",
					    NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->band_count; i++) {
		const struct diagnosis_band *b = &run->cat->bands[i];
		const char *cells[] = { num(run, b->min), num(run, b->max),
					tr(run, &b->label),
					tr(run, &b->meaning) };

		table_add_row(&run->table, cells);
	}
}

static size_t objectives_count(const struct catalog *cat)
{
	return cat->objective_count;
}

static void objectives_list(struct run *run)
{
	static const char *const keys[] = { "id", "title", "detail", NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->objective_count; i++) {
		const struct policy_objective *o = &run->cat->objectives[i];
		const char *cells[] = { o->id, tr(run, &o->title),
					tr(run, &o->text) };

		table_add_row(&run->table, cells);
	}
}

static size_t cases_count(const struct catalog *cat)
{
	return cat->case_count;
}

static void cases_list(struct run *run)
{
	static const char *const keys[] = { "id",     "title",	  "threat",
					    "medium", "controls", NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->case_count; i++) {
		const struct incident_case *c = &run->cat->cases[i];
		const char *cells[] = {
			c->id, tr(run, &c->title), tr(run, &c->threat),
			label(run, "medium", medium_name(c->medium)),
			join_controls(run, c->controls, c->control_count)
		};

		table_add_row(&run->table, cells);
	}
}

static int cases_show(struct run *run, const char *id, struct strbuf *out)
{
	const struct incident_case *c = catalog_case(run->cat, id);

	if (!c)
		return -1;
	line(run, out, "id", c->id);
	line(run, out, "title", tr(run, &c->title));
	line(run, out, "threat", tr(run, &c->threat));
	line(run, out, "story", tr(run, &c->story));
	line(run, out, "cause", tr(run, &c->cause));
	line(run, out, "impact", tr(run, &c->impact));
	strbuf_addf(out, "%s:\n%s\n", label(run, "col", "risks"),
		    tr(run, &c->risks));
	strbuf_addf(out, "%s:\n%s\n", label(run, "col", "measures"),
		    tr(run, &c->measures));
	strbuf_addf(out, "%s:\n%s\n", label(run, "col", "procedures"),
		    tr(run, &c->procedures));
	line(run, out, "controls",
	     join_controls(run, c->controls, c->control_count));
	return 0;
}

/* --- risk assessment ----------------------------------------------------- */

/* The media of a threat or vulnerability, in the reader's language. */
static const char *media_text(struct run *run, unsigned media)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	int m;

	if (media & MEDIA_ANY)
		return msg(run, "risk_cli.any_medium");
	for (m = 0; m < MEDIUM_COUNT; m++)
		if (media & (1u << m))
			strbuf_addf(&sb, "%s%s",
				    sb.len ? msg(run, "risk_cli.list_sep") : "",
				    label(run, "medium",
					  medium_name((enum medium)m)));
	s = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

static const char *properties_text(struct run *run, unsigned p)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	if (p & PROPERTY_C)
		strbuf_addstr(&sb, "C");
	if (p & PROPERTY_I)
		strbuf_addstr(&sb, sb.len ? " I" : "I");
	if (p & PROPERTY_A)
		strbuf_addstr(&sb, sb.len ? " A" : "A");
	s = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

static size_t threats_count(const struct catalog *cat)
{
	return cat->threat_count;
}

static void threats_list(struct run *run)
{
	static const char *const keys[] = { "id",	"title",      "media",
					    "personal", "properties", NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->threat_count; i++) {
		const struct threat *t = &run->cat->threats[i];
		const char *cells[] = { t->id, tr(run, &t->title),
					media_text(run, t->media),
					t->personal ? msg(run, "word.yes") : "",
					properties_text(run, t->properties) };

		table_add_row(&run->table, cells);
	}
}

static int threats_show(struct run *run, const char *id, struct strbuf *out)
{
	const struct threat *t = catalog_threat(run->cat, id);

	if (!t)
		return -1;
	line(run, out, "id", t->id);
	line(run, out, "title", tr(run, &t->title));
	line(run, out, "description", tr(run, &t->description));
	line(run, out, "media", media_text(run, t->media));
	line(run, out, "personal",
	     msg(run, t->personal ? "word.yes" : "word.no"));
	line(run, out, "properties", properties_text(run, t->properties));
	line(run, out, "consequence", tr(run, &t->consequence));
	return 0;
}

static size_t vulnerabilities_count(const struct catalog *cat)
{
	return cat->vulnerability_count;
}

/* The ids of the threats a vulnerability lets happen. */
static const char *threat_ids(struct run *run, const struct vulnerability *v)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < v->threat_count; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", v->threats[i]->id);
	s = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

/* The ids of the guideline items that fix a vulnerability. */
static const char *item_ids(struct run *run, const struct vulnerability *v)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < v->guideline_count; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", v->guideline[i]->id);
	s = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

static void vulnerabilities_list(struct run *run)
{
	static const char *const keys[] = { "id",      "title",	   "media",
					    "threats", "controls", "guideline",
					    NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->vulnerability_count; i++) {
		const struct vulnerability *v = &run->cat->vulnerabilities[i];
		const char *cells[] = {
			v->id,
			tr(run, &v->title),
			media_text(run, v->media),
			threat_ids(run, v),
			join_controls(run, v->controls, v->control_count),
			item_ids(run, v),
		};

		table_add_row(&run->table, cells);
	}
}

static int vulnerabilities_show(struct run *run, const char *id,
				struct strbuf *out)
{
	const struct vulnerability *v = catalog_vulnerability(run->cat, id);
	size_t i;

	if (!v)
		return -1;
	line(run, out, "id", v->id);
	line(run, out, "title", tr(run, &v->title));
	line(run, out, "media", media_text(run, v->media));
	strbuf_addf(out, "%s:\n", label(run, "col", "threats"));
	for (i = 0; i < v->threat_count; i++)
		strbuf_addf(out, "  %s %s\n", v->threats[i]->id,
			    tr(run, &v->threats[i]->title));
	strbuf_addf(out, "%s:\n", label(run, "col", "controls"));
	for (i = 0; i < v->control_count; i++)
		strbuf_addf(out, "  %s %s\n", v->controls[i]->id,
			    tr(run, &v->controls[i]->title));
	strbuf_addf(out, "%s:\n", label(run, "col", "guideline"));
	for (i = 0; i < v->guideline_count; i++)
		strbuf_addf(out, "  %s %s\n", v->guideline[i]->id,
			    tr(run, &v->guideline[i]->title));
	return 0;
}

static const char *method_text(struct run *run, enum risk_method m)
{
	return msg(run, m == RISK_IPA ? "risk.method_ipa"
				      : "risk.method_three_point");
}

static size_t scales_count(const struct catalog *cat)
{
	size_t n = 0;
	int m, k;

	for (m = 0; m < RISK_METHOD_COUNT; m++)
		for (k = 0; k < SCALE_KIND_COUNT; k++)
			n += cat->methods[m].scales[k].count;
	return n;
}

static void scales_list(struct run *run)
{
	static const char *const keys[] = { "method", "scale",	 "value",
					    "point",  "meaning", NULL };
	int m, k;
	size_t i;

	start_table(run, keys);
	for (m = 0; m < RISK_METHOD_COUNT; m++)
		for (k = 0; k < SCALE_KIND_COUNT; k++) {
			const struct risk_scale *s =
				&run->cat->methods[m].scales[k];

			for (i = 0; i < s->count; i++) {
				const char *cells[] = {
					method_text(run, (enum risk_method)m),
					label(run, "risk",
					      arena_printf(
						      &run->arena, "scale_%s",
						      risk_scale_name(
							      (enum risk_scale_kind)
								      k))),
					num(run, s->points[i].value),
					tr(run, &s->points[i].label),
					tr(run, &s->points[i].meaning),
				};

				table_add_row(&run->table, cells);
			}
		}
}

static size_t likelihood_count(const struct catalog *cat)
{
	(void)cat;
	return RISK_SCALE_POINTS * RISK_SCALE_POINTS;
}

static void likelihood_list(struct run *run)
{
	static const char *const keys[] = { "threat_level",
					    "vulnerability_level", "likelihood",
					    NULL };
	const struct risk_method_def *m = catalog_method(run->cat, RISK_IPA);
	int t, v;

	start_table(run, keys);
	for (t = RISK_SCALE_POINTS; t >= 1; t--)
		for (v = RISK_SCALE_POINTS; v >= 1; v--) {
			const char *cells[] = { num(run, t), num(run, v),
						num(run,
						    m->table[t - 1][v - 1]) };

			table_add_row(&run->table, cells);
		}
}

static size_t grades_count(const struct catalog *cat)
{
	(void)cat;
	return RISK_METHOD_COUNT * GRADE_COUNT;
}

static void grades_list(struct run *run)
{
	static const char *const keys[] = { "method", "grade",	 "min", "max",
					    "label",  "meaning", NULL };
	int m, g;

	start_table(run, keys);
	for (m = 0; m < RISK_METHOD_COUNT; m++)
		for (g = 0; g < GRADE_COUNT; g++) {
			const struct risk_grade_def *d =
				&run->cat->methods[m].grades[g];
			const char *cells[] = {
				method_text(run, (enum risk_method)m),
				risk_grade_name((enum risk_grade)g),
				num(run, d->min),
				num(run, d->max),
				tr(run, &d->label),
				tr(run, &d->meaning),
			};

			table_add_row(&run->table, cells);
		}
}

static size_t labels_count(const struct catalog *cat)
{
	return cat->label_count;
}

static void labels_list(struct run *run)
{
	static const char *const keys[] = { "id", "title", "meaning", NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < run->cat->label_count; i++) {
		const struct classification_label *l = &run->cat->labels[i];
		const char *cells[] = { l->id, tr(run, &l->label),
					tr(run, &l->meaning) };

		table_add_row(&run->table, cells);
	}
}

/* Shows the entry whose first list column equals id, for small lists. */
static int show_from_list(struct run *run, const struct kind *k, const char *id,
			  struct strbuf *out);

static const struct kind kinds[] = {
	{ "controls", F_THEME | F_ATTR | F_NEW, controls_count, controls_list,
	  controls_show },
	{ "guideline", F_LEVEL | F_OWNER | F_DOMAIN | F_FUNCTION | F_KIND,
	  guideline_count, guideline_list, guideline_show },
	{ "diagnosis", F_PART, diagnosis_count, diagnosis_list,
	  diagnosis_show },
	{ "five-points", 0, five_points_count, five_points_list, NULL },
	{ "cloud", F_PHASE, cloud_count, cloud_list, NULL },
	{ "regulations", 0, regulations_count, regulations_list, NULL },
	{ "executive", 0, executive_count, executive_list, NULL },
	{ "clauses", 0, clauses_count, clauses_list, NULL },
	{ "documents", 0, documents_count, documents_list, NULL },
	{ "bands", 0, bands_count, bands_list, NULL },
	{ "cases", 0, cases_count, cases_list, cases_show },
	{ "objectives", 0, objectives_count, objectives_list, NULL },
	{ "threats", 0, threats_count, threats_list, threats_show },
	{ "vulnerabilities", 0, vulnerabilities_count, vulnerabilities_list,
	  vulnerabilities_show },
	{ "risk-scales", 0, scales_count, scales_list, NULL },
	{ "risk-likelihood", 0, likelihood_count, likelihood_list, NULL },
	{ "risk-grades", 0, grades_count, grades_list, NULL },
	{ "labels", 0, labels_count, labels_list, NULL },
};

static int show_from_list(struct run *run, const struct kind *k, const char *id,
			  struct strbuf *out)
{
	size_t r, c;

	k->list(run);
	for (r = 0; r < run->table.row_count; r++) {
		if (strcmp(run->table.rows[r][0], id))
			continue;
		for (c = 0; c < run->table.column_count; c++)
			line(run, out, run->table.columns[c].key,
			     run->table.rows[r][c]);
		return 0;
	}
	return -1;
}

static const struct kind *find_kind(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i].name, name))
			return &kinds[i];
	return NULL;
}

/* Prints run->table in fmt. */
static void print_table(struct run *run, enum table_format fmt)
{
	struct strbuf sb = STRBUF_INIT;

	switch (fmt) {
	case TABLE_TEXT:
		table_render_text(&run->table, 60, &sb);
		break;
	case TABLE_CSV:
		table_render_csv(&run->table, 0, &sb);
		break;
	case TABLE_JSON:
	case TABLE_FORMAT_COUNT:
		table_render_json(&run->table, &sb);
		break;
	}
	fwrite(sb.buf, 1, sb.len, run->cli->out);
	strbuf_release(&sb);
}

/* `catalog` without a name: every catalogue with its entry count. */
static void list_catalogues(struct run *run)
{
	static const char *const keys[] = { "catalog", "title", "count", NULL };
	size_t i;

	start_table(run, keys);
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		const char *cells[] = {
			kinds[i].name, label(run, "catalog", kinds[i].name),
			num(run, (long)kinds[i].count(run->cat))
		};

		table_add_row(&run->table, cells);
	}
}

/* Returns 1 when hay contains word, ignoring the case of ASCII letters. */
static int contains_folded(const char *hay, const char *word)
{
	size_t n = strlen(word);

	for (; *hay; hay++)
		if (!strncasecmp(hay, word, n))
			return 1;
	return !n;
}

/* Returns 1 when any cell of row r of t contains word. */
static int row_contains(const struct table *t, size_t r, const char *word)
{
	size_t c;

	for (c = 0; c < t->column_count; c++)
		if (contains_folded(t->rows[r][c], word))
			return 1;
	return 0;
}

/* The column that names an entry: title, question or label. */
static size_t title_column(const struct table *t)
{
	size_t c;

	for (c = 0; c < t->column_count; c++)
		if (!strcmp(t->columns[c].key, "title") ||
		    !strcmp(t->columns[c].key, "question") ||
		    !strcmp(t->columns[c].key, "label"))
			return c;
	return 0;
}

/*
 * `catalog search WORD`: every entry of every catalogue with a text that
 * holds word in either language, titled in the user's language.
 */
static void search(struct run *run, const char *word)
{
	static const char *const keys[] = { "catalog", "id", "title", NULL };
	enum lang user = run->cli->lang;
	struct table hits, other, mine;
	size_t i, r;

	start_table(run, keys);
	hits = run->table;
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		/* Rows come in the same order in both languages. */
		run->cli->lang = user == LANG_JA ? LANG_EN : LANG_JA;
		kinds[i].list(run);
		other = run->table;
		run->cli->lang = user;
		kinds[i].list(run);
		mine = run->table;
		for (r = 0; r < mine.row_count; r++) {
			const char *cells[3];

			if (!row_contains(&mine, r, word) &&
			    !row_contains(&other, r, word))
				continue;
			cells[0] = kinds[i].name;
			cells[1] = mine.rows[r][0];
			cells[2] = mine.rows[r][title_column(&mine)];
			table_add_row(&hits, cells);
		}
	}
	run->table = hits;
}

/* Sets out from a parse function's enum, or returns 0 (no filter). */
#define PARSE_ENUM(fn, type, arg, out) \
	do {                           \
		type v_;               \
		if (fn((arg), &v_))    \
			return 0;      \
		(out) = (int)v_;       \
	} while (0)

/* Parses --attribute SET:VALUE such as concept:Protect. */
static int parse_attribute(const char *arg, struct filters *f)
{
	const char *colon = strchr(arg, ':');
	char set[32];
	enum attr_set s;
	int v;

	if (!colon || (size_t)(colon - arg) >= sizeof(set))
		return -1;
	memcpy(set, arg, (size_t)(colon - arg));
	set[colon - arg] = '\0';
	if (attr_set_parse(set, &s) || (v = attr_value_find(s, colon + 1)) < 0)
		return -1;
	f->attr_set = (int)s;
	f->attr_value = v;
	return 0;
}

/* Applies one filter option; returns its F_ flag, or 0 when bad. */
static unsigned apply_filter(int opt, const char *arg, struct filters *f)
{
	unsigned flag;

	switch (opt) {
	case 't':
		PARSE_ENUM(control_theme_parse, enum control_theme, arg,
			   f->theme);
		return F_THEME;
	case 'l':
		if (parse_int(arg[0] == 'L' || arg[0] == 'l' ? arg + 1 : arg, 1,
			      3, &f->level))
			return 0;
		return F_LEVEL;
	case 'o':
		if (owner_role_parse(arg, &flag))
			return 0;
		f->owner |= flag;
		return F_OWNER;
	case 'a':
		return parse_attribute(arg, f) ? 0 : F_ATTR;
	case 'd':
		PARSE_ENUM(guideline_domain_parse, enum guideline_domain, arg,
			   f->domain);
		return F_DOMAIN;
	case 'f':
		PARSE_ENUM(security_function_parse, enum security_function, arg,
			   f->function);
		return F_FUNCTION;
	case 'k':
		PARSE_ENUM(guideline_kind_parse, enum guideline_kind, arg,
			   f->kind);
		return F_KIND;
	case 'n':
		f->new_only = 1;
		return F_NEW;
	case 'p':
		if (parse_int(arg, 1, DIAGNOSIS_PARTS, &f->part))
			return 0;
		return F_PART;
	case 'P':
		PARSE_ENUM(cloud_phase_parse, enum cloud_phase, arg, f->phase);
		return F_PHASE;
	}
	return 0;
}

int cmd_catalog(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "theme", required_argument, NULL, 't' },
		{ "level", required_argument, NULL, 'l' },
		{ "owner", required_argument, NULL, 'o' },
		{ "attribute", required_argument, NULL, 'a' },
		{ "domain", required_argument, NULL, 'd' },
		{ "function", required_argument, NULL, 'f' },
		{ "kind", required_argument, NULL, 'k' },
		{ "new", no_argument, NULL, 'n' },
		{ "part", required_argument, NULL, 'p' },
		{ "phase", required_argument, NULL, 'P' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run run;
	struct error err = ERROR_INIT;
	struct catalog *cat = NULL;
	enum table_format fmt = TABLE_TEXT;
	const struct kind *k = NULL;
	const char *verb = "list", *option = NULL;
	unsigned used = 0;
	int c, li = 0, rc = EXIT_DONE;

	memset(&run, 0, sizeof(run));
	run.f = (struct filters){ -1, -1, 0, -1, -1, -1, -1, -1, 0, -1, -1 };
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
		unsigned flag;

		if (c == 'h')
			return cli_help(cli, "catalog");
		if (c == 'F') {
			if (table_format_parse(optarg, &fmt))
				return cli_usage(cli, "catalog",
						 "usage.bad_value", "format",
						 optarg, NULL);
			continue;
		}
		if (c == '?' || c == ':')
			return cli_usage(cli, "catalog", "usage.bad_option",
					 argv[optind - 1], NULL);
		flag = apply_filter(c, optarg ? optarg : "", &run.f);
		if (!flag)
			return cli_usage(cli, "catalog", "usage.bad_value",
					 longopts[li].name, optarg, NULL);
		used |= flag;
		option = longopts[li].name;
	}
	/* "catalog NAME" is short for "catalog list NAME". */
	if (optind < argc && !find_kind(argv[optind]))
		verb = argv[optind++];
	if (strcmp(verb, "list") && strcmp(verb, "show") &&
	    strcmp(verb, "search"))
		return cli_usage(cli, "catalog", "usage.unknown_verb", verb,
				 NULL);
	if (!strcmp(verb, "search")) {
		if (optind != argc - 1)
			return cli_usage(cli, "catalog", "usage.search_word",
					 NULL);
	} else if (optind < argc) {
		k = find_kind(argv[optind]);
		if (!k)
			return cli_usage(cli, "catalog",
					 "usage.unknown_catalog", argv[optind],
					 NULL);
		optind++;
	}
	if (!strcmp(verb, "show") && (!k || optind != argc - 1))
		return cli_usage(cli, "catalog", "usage.show_id", NULL);
	if (!strcmp(verb, "list") && optind < argc)
		return cli_usage(cli, "catalog", "usage.extra_argument",
				 argv[optind], NULL);
	if (used && (!k || (used & ~k->filters)))
		return cli_usage(cli, "catalog", "usage.filter_not_here",
				 option, k ? k->name : "", NULL);
	if (catalog_load_builtin(&cat, &err))
		return cli_fail(cli, &err);
	run.cli = cli;
	run.cat = cat;
	arena_init(&run.arena, 0);
	if (!strcmp(verb, "show")) {
		struct strbuf sb = STRBUF_INIT;
		const char *id = argv[optind];
		int found = k->show ? k->show(&run, id, &sb)
				    : show_from_list(&run, k, id, &sb);

		if (found) {
			error_set(&err, ERROR_NOT_FOUND, "catalog.no_entry",
				  k->name, id, NULL);
			rc = cli_fail(cli, &err);
		} else {
			fwrite(sb.buf, 1, sb.len, cli->out);
		}
		strbuf_release(&sb);
	} else {
		if (!strcmp(verb, "search"))
			search(&run, argv[optind]);
		else if (k)
			k->list(&run);
		else
			list_catalogues(&run);
		print_table(&run, fmt);
	}
	arena_release(&run.arena);
	catalog_free(cat);
	return rc;
}
