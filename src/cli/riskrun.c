/* riskrun.c: the state and the words shared by the register commands. */
#include "util/compat.h"
#include "cli/riskrun.h"

#include <getopt.h>

#include <limits.h>
#include <stdarg.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "cli/cli.h"
#include "store/repo_asset.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"

int risk_run_open(struct risk_run *run, struct cli *cli, int64_t org,
		  struct error *err)
{
	const char *name;
	time_t now = time(NULL);
	struct tm tm;

	memset(run, 0, sizeof(*run));
	run->cli = cli;
	run->org = org;
	arena_init(&run->arena, 0);
	/*
	 * The office's own calendar decides what "today" is: a task due
	 * yesterday in Tokyo is overdue at 8 in the morning there.
	 */
	localtime_r(&now, &tm);
	strftime(run->today, sizeof(run->today), "%Y-%m-%d", &tm);
	if (catalog_load_builtin(&run->cat, err) ||
	    cli_open_store(cli, &run->store, err) ||
	    cli_org_name(run->store, &run->arena, org, &name, err))
		return -1;
	return risk_run_method(run, err);
}

void risk_run_close(struct risk_run *run)
{
	store_close(run->store);
	catalog_free(run->cat);
	arena_release(&run->arena);
}

int risk_run_method(struct risk_run *run, struct error *err)
{
	int found = repo_assessment_open(run->store, &run->arena, run->org,
					 &run->assessment, err);

	if (found < 0)
		return -1;
	run->open = found;
	if (found) {
		run->def = catalog_method(run->cat, run->assessment.method);
		run->criteria = run->assessment.criteria;
	} else {
		run->def = catalog_method(run->cat, RISK_IPA);
		risk_criteria_default(run->def, &run->criteria);
	}
	return 0;
}

int risk_run_need_open(const struct risk_run *run, struct error *err)
{
	if (run->open)
		return 0;
	return error_set(err, ERROR_CONFLICT, "risk_cli.no_assessment", NULL);
}

int risk_run_labels(struct risk_run *run, const char ***labels, size_t *count,
		    struct error *err)
{
	const char **ids;
	size_t i;

	if (repo_label_list(run->store, &run->arena, run->org, labels, count,
			    err))
		return -1;
	if (*count)
		return 0;
	ids = arena_calloc(&run->arena, run->cat->label_count + 1,
			   sizeof(*ids));
	for (i = 0; i < run->cat->label_count; i++)
		ids[i] = run->cat->labels[i].id;
	*labels = ids;
	*count = run->cat->label_count;
	return 0;
}

int risk_run_levels(struct risk_run *run, size_t cells[5][5], size_t levels[10],
		    struct error *err)
{
	size_t unrated;

	if (!run->open) {
		memset(cells, 0, sizeof(size_t[5][5]));
		memset(levels, 0, sizeof(size_t[10]));
		return 0;
	}
	if (repo_risk_cells(run->store, run->org, run->assessment.id, cells,
			    err))
		return -1;
	risk_cells_levels(cells, levels, &unrated);
	return 0;
}

int risk_run_audit(struct risk_run *run, const char *action, const char *kind,
		   int64_t id, const char *before, const char *after,
		   struct error *err)
{
	const char *target =
		arena_printf(&run->arena, "%s:%lld", kind, (long long)id);

	return cli_audit_change(run->store, run->org, 0, action, target, before,
				after, err);
}

/* --- reading options ---------------------------------------------------- */

int risk_run_parse_org(struct cli *cli, const char *cmd, const char *arg,
		       int64_t *org)
{
	long v = 1;

	if (arg && parse_long(arg, 1, INT32_MAX, &v))
		return cli_usage(cli, cmd, "usage.bad_value", "org", arg, NULL);
	*org = v;
	return 0;
}

int risk_run_parse_id(const char *arg, int64_t *id)
{
	long v;

	if (parse_long(arg, 1, LONG_MAX, &v))
		return -1;
	*id = v;
	return 0;
}

int risk_run_parse_rating(const char *arg, int *v)
{
	if (!strcmp(arg, "unrated")) {
		*v = RISK_UNRATED;
		return 0;
	}
	/* Any number: whether it is on the scale is the method's rule. */
	return parse_int(arg, 0, 99, v);
}

int risk_run_parse_personal(const char *arg, unsigned *bits)
{
	static const char *const names[] = { "personal", "sensitive",
					     "my_number" };
	const char *p = arg;

	*bits = 0;
	if (!strcmp(arg, "none"))
		return 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		size_t i;

		for (i = 0; i < ARRAY_SIZE(names); i++)
			if (strlen(names[i]) == len &&
			    !strncmp(p, names[i], len))
				break;
		if (i == ARRAY_SIZE(names))
			return -1;
		*bits |= 1u << i;
		p += len;
		if (*p == ',' && *++p == '\0')
			return -1;
	}
	return *bits ? 0 : -1;
}

const char *risk_run_parse_medium(struct risk_run *run, const char *arg)
{
	enum medium m;
	int i;

	if (!medium_parse(arg, &m))
		return medium_name(m);
	for (i = 0; i < MEDIUM_COUNT; i++) {
		const char *key = arena_printf(&run->arena, "medium.%s",
					       medium_name((enum medium)i));

		if (!strcmp(arg, i18n_get(run->cli->msgs, LANG_JA, key)) ||
		    !strcmp(arg, i18n_get(run->cli->msgs, LANG_EN, key)))
			return medium_name((enum medium)i);
	}
	return arg;
}

int risk_run_parse_label(struct risk_run *run, const char *arg,
			 const char **label, struct error *err)
{
	const char **allowed;
	size_t count, i, k;

	*label = arg;
	if (risk_run_labels(run, &allowed, &count, err))
		return -1;
	for (k = 0; k < count; k++)
		if (!strcmp(allowed[k], arg))
			return 0;
	/* A built-in label typed by its name, when the built-ins apply. */
	for (i = 0; i < run->cat->label_count; i++) {
		const struct classification_label *l = &run->cat->labels[i];

		if (strcmp(arg, l->label.ja) && strcmp(arg, l->label.en))
			continue;
		for (k = 0; k < count; k++)
			if (!strcmp(allowed[k], l->id))
				*label = l->id;
	}
	return 0;
}

/* --- showing values ------------------------------------------------------ */

static const char *msg(struct risk_run *run, const char *key)
{
	return cli_msg(run->cli, key);
}

const char *risk_run_medium(struct risk_run *run, const char *medium)
{
	enum medium m;

	if (medium_parse(medium, &m))
		return medium;
	return msg(run, arena_printf(&run->arena, "medium.%s", medium));
}

const char *risk_run_label(struct risk_run *run, const char *label)
{
	const struct classification_label *l = catalog_label(run->cat, label);

	return l ? text_get(&l->label, run->cli->lang) : label;
}

const char *risk_run_num(struct risk_run *run, int v)
{
	if (v < 0)
		return "—";
	return arena_printf(&run->arena, "%d", v);
}

const char *risk_run_point(struct risk_run *run, enum risk_scale_kind k, int v)
{
	const struct risk_scale *s = &run->def->scales[k];
	size_t i;

	for (i = 0; i < s->count; i++)
		if (s->points[i].value == v)
			return text_get(&s->points[i].label, run->cli->lang);
	return risk_run_num(run, v);
}

const char *risk_run_personal(struct risk_run *run, unsigned bits)
{
	static const char *const keys[] = { "asset.personal_personal",
					    "asset.personal_sensitive",
					    "asset.personal_my_number" };
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (bits & (1u << i))
			strbuf_addf(&sb, "%s%s",
				    sb.len ? msg(run, "risk_cli.list_sep") : "",
				    msg(run, keys[i]));
	s = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

const char *risk_run_grade(struct risk_run *run, int level)
{
	enum risk_grade g = risk_grade_of(&run->criteria, level);

	if (g == GRADE_COUNT)
		return "—";
	return text_get(&run->def->grades[g].label, run->cli->lang);
}

const char *risk_run_threat(struct risk_run *run, const struct risk *r)
{
	const struct threat *t;

	if (!*r->threat_id)
		return r->threat;
	t = catalog_threat(run->cat, r->threat_id);
	return t ? text_get(&t->title, run->cli->lang) : r->threat_id;
}

const char *risk_run_vulnerability(struct risk_run *run, const struct risk *r)
{
	const struct vulnerability *v;

	if (!*r->vulnerability_id)
		return r->vulnerability;
	v = catalog_vulnerability(run->cat, r->vulnerability_id);
	return v ? text_get(&v->title, run->cli->lang) : r->vulnerability_id;
}

const char *risk_run_method_name(struct risk_run *run, enum risk_method m)
{
	return msg(run, m == RISK_IPA ? "risk.method_ipa"
				      : "risk.method_three_point");
}

const char *risk_run_treatment(struct risk_run *run, enum risk_treatment t)
{
	static const char *const keys[TREAT_COUNT] = {
		"risk.treatment_none", "risk.treatment_reduce",
		"risk.treatment_retain", "risk.treatment_avoid",
		"risk.treatment_transfer"
	};

	return msg(run, keys[t]);
}

const char *risk_run_status(struct risk_run *run, enum treatment_status s)
{
	static const char *const keys[TSTATUS_COUNT] = {
		"risk.status_undecided", "risk.status_planned",
		"risk.status_done"
	};

	return msg(run, keys[s]);
}

const char *risk_run_time(struct risk_run *run, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	localtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
	return arena_strdup(&run->arena, buf);
}

const char *risk_run_asset(struct risk_run *run, const char *name,
			   const char *medium)
{
	return arena_printf(&run->arena, "%s%s%s%s", name,
			    msg(run, "risk_cli.paren_open"),
			    risk_run_medium(run, medium),
			    msg(run, "risk_cli.paren_close"));
}

const char *risk_run_text(struct risk_run *run, const char *key, ...)
{
	struct strbuf sb = STRBUF_INIT;
	const char *args[ERROR_ARGS_MAX], *a, *s;
	int n = 0;
	va_list ap;

	va_start(ap, key);
	while ((a = va_arg(ap, const char *)) && n < ERROR_ARGS_MAX)
		args[n++] = a;
	va_end(ap);
	i18n_format(run->cli->msgs, run->cli->lang, key, args, n, &sb);
	s = arena_strdup(&run->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

void risk_run_line(struct risk_run *run, struct strbuf *out, const char *key,
		   const char *value)
{
	strbuf_addf(out, "%s: %s\n", msg(run, key), value);
}

void risk_run_table(struct risk_run *run, struct table *t,
		    const char *const *keys)
{
	struct table_column *cols;
	size_t n = 0, i;

	while (keys[n])
		n++;
	cols = arena_calloc(&run->arena, n, sizeof(*cols));
	for (i = 0; i < n; i++) {
		const char *dot = strrchr(keys[i], '.');

		cols[i].key = dot ? dot + 1 : keys[i];
		cols[i].header = msg(run, keys[i]);
	}
	table_init(t, &run->arena, cols, n);
}

void risk_run_print(struct risk_run *run, const struct table *t,
		    enum table_format fmt, size_t max_width)
{
	struct strbuf sb = STRBUF_INIT;

	switch (fmt) {
	case TABLE_TEXT:
		table_render_text(t, max_width, &sb);
		break;
	case TABLE_CSV:
		/* With a BOM, so that Excel opens the Japanese as UTF-8. */
		table_render_csv(t, CSV_BOM, &sb);
		break;
	case TABLE_JSON:
	case TABLE_FORMAT_COUNT:
		table_render_json(t, &sb);
		break;
	}
	fwrite(sb.buf, 1, sb.len, run->cli->out);
	strbuf_release(&sb);
}

int risk_run_options(struct cli *cli, const char *command,
		     const struct verb_option *options, size_t count, int argc,
		     char **argv, const char **values)
{
	struct option *longopts = xcalloc(count + 2, sizeof(*longopts));
	size_t k;
	int c, rc = RISK_RUN_GO;

	for (k = 0; k < count; k++) {
		longopts[k].name = options[k].name;
		longopts[k].has_arg = options[k].has_arg ? required_argument
							 : no_argument;
		longopts[k].val = 1000 + (int)k;
	}
	longopts[count].name = "help";
	longopts[count].val = 'h';
	opterr = 0;
	optind = 1;
	while (rc == RISK_RUN_GO &&
	       (c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h')
			rc = cli_help(cli, command);
		else if (c < 1000 || c >= 1000 + (int)count)
			rc = cli_usage(cli, command, "usage.bad_option",
				       argv[optind - 1], NULL);
		else
			values[c - 1000] = optarg ? optarg : "";
	}
	free(longopts);
	return rc;
}

int risk_run_verb(int argc, char **argv, const char *const *names, size_t count)
{
	size_t k;

	if (optind >= argc)
		return 0;
	for (k = 0; k < count; k++)
		if (!strcmp(argv[optind], names[k])) {
			optind++;
			return (int)k;
		}
	return -1;
}

int risk_run_check_options(struct cli *cli, const char *command,
			   const struct verb_option *options, size_t count,
			   const char *const *values, int verb,
			   const char *verb_name)
{
	size_t k;

	for (k = 0; k < count; k++)
		if (values[k] && !(options[k].verbs & (1u << verb)))
			return cli_usage(cli, command, "asset_cli.not_for_verb",
					 options[k].name, verb_name, NULL);
	return 0;
}
