/* demo.c: the sample organisation's data (data/demo/), for make run. */
#include "util/compat.h"
#include "cli/demo.h"

#include <time.h>

#include "catalog/catalog.h"
#include "catalog/tsv.h"
#include "store/repo_asset.h"
#include "store/repo_risk.h"
#include "store/repo_diagnosis.h"
#include "util/arena.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/parse.h"

/* Parses data/demo/<name> and checks its columns. */
static int demo_file(struct arena *arena, const char *name,
		     const char *const *cols, int *idx, struct tsv *t,
		     struct error *err)
{
	const struct embedded_file *f = embedded_find(&embedded_data, name);

	if (!f)
		return error_set(err, ERROR_INPUT, "catalog.no_file", name,
				 NULL);
	return tsv_parse(arena, name, (const char *)f->data, f->len, t, err) ||
			       tsv_require(t, idx, cols, err)
		       ? -1
		       : 0;
}

static int bad(const struct tsv *t, size_t row, struct error *err)
{
	char line[32];

	snprintf(line, sizeof(line), "%zu", t->rows[row].line);
	return error_set(err, ERROR_INPUT, "tsv.field_count", t->name, line,
			 "?", "?", NULL);
}

static int seed_profile(struct store *store, struct arena *arena,
			int64_t org_id, int64_t now, struct error *err)
{
	static const char *const cols[] = {
		"representative",  "services",
		"employees",	   "industry",
		"dedicated_admin", "large_private_data",
		"has_csirt",	   NULL
	};
	int idx[ARRAY_SIZE(cols)];
	struct org_profile p;
	struct tsv t;
	const char **f;

	if (demo_file(arena, "demo/profile.tsv", cols, idx, &t, err))
		return -1;
	if (t.row_count != 1)
		return bad(&t, 0, err);
	f = t.rows[0].fields;
	memset(&p, 0, sizeof(p));
	p.representative = f[idx[0]];
	p.services = f[idx[1]];
	p.industry = f[idx[3]];
	if (parse_long(f[idx[2]], 0, 1000000, &p.employees) ||
	    parse_int(f[idx[4]], 0, 1, &p.dedicated_admin) ||
	    parse_int(f[idx[5]], 0, 1, &p.large_private_data) ||
	    parse_int(f[idx[6]], 0, 1, &p.has_csirt))
		return bad(&t, 0, err);
	return repo_profile_put(store, org_id, &p, now, err);
}

static int seed_five(struct store *store, struct arena *arena, int64_t org_id,
		     int64_t now, struct error *err)
{
	static const char *const cols[] = { "point", "status", "note", NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	size_t r;

	if (demo_file(arena, "demo/five.tsv", cols, idx, &t, err))
		return -1;
	for (r = 0; r < t.row_count; r++) {
		const char **f = t.rows[r].fields;
		enum five_status st;
		int point;

		if (parse_int(f[idx[0]], 1, 5, &point) ||
		    five_status_parse(f[idx[1]], &st))
			return bad(&t, r, err);
		if (repo_five_set(store, org_id, point, st, f[idx[2]], "demo",
				  now, err))
			return -1;
	}
	return 0;
}

static int seed_runs(struct store *store, struct arena *arena, int64_t org_id,
		     int64_t now, struct error *err)
{
	static const char *const cols[] = { "unit", "days_ago", "answered_by",
					    "answers", NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	size_t r;

	if (demo_file(arena, "demo/diagnosis.tsv", cols, idx, &t, err))
		return -1;
	for (r = 0; r < t.row_count; r++) {
		const char **f = t.rows[r].fields;
		const char *p = f[idx[3]];
		int64_t id, at;
		int days, item;

		if (parse_int(f[idx[1]], 0, 3650, &days))
			return bad(&t, r, err);
		at = now - (int64_t)days * 86400;
		if (repo_run_create(store, org_id, f[idx[0]], f[idx[2]], at,
				    &id, err))
			return -1;
		for (item = 1; item <= DIAGNOSIS_ITEMS; item++) {
			char num[4];
			size_t len;
			int v;

			while (*p == ' ')
				p++;
			len = strcspn(p, " ");
			if (!len || len >= sizeof(num))
				return bad(&t, r, err);
			memcpy(num, p, len);
			num[len] = '\0';
			p += len;
			if (parse_int(num, -1, 4, &v) ||
			    !diagnosis_answer_valid(v))
				return bad(&t, r, err);
			if (repo_run_answer(store, org_id, id, item, v, "",
					    f[idx[2]], at, err) < 0)
				return -1;
		}
		if (repo_run_complete(store, org_id, id, at, err) <= 0)
			return err && err->code ? -1 : bad(&t, r, err);
	}
	return 0;
}

/* A rating column: empty is unrated. */
static int rating(const char *s, int max, int *out)
{
	if (!*s) {
		*out = RISK_UNRATED;
		return 0;
	}
	return parse_int(s, 0, max, out);
}

static int seed_assets(struct store *store, struct arena *arena, int64_t org_id,
		       int64_t now, int64_t **ids, size_t *count,
		       struct error *err)
{
	static const char *const cols[] = {
		"category",   "name",	   "notes",    "users", "owner",
		"department", "medium",	   "personal", "c",	"i",
		"a",	      "retention", "label",    NULL
	};
	static const char *const kinds[] = { "personal", "sensitive",
					     "my_number" };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	size_t r;
	char day[16];
	time_t tt = (time_t)now;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	if (demo_file(arena, "demo/assets.tsv", cols, idx, &t, err))
		return -1;
	*ids = arena_calloc(arena, t.row_count + 1, sizeof(**ids));
	for (r = 0; r < t.row_count; r++) {
		const char **f = t.rows[r].fields;
		const char *p = f[idx[7]];
		struct asset a;

		memset(&a, 0, sizeof(a));
		a.category = f[idx[0]];
		a.name = f[idx[1]];
		a.notes = f[idx[2]];
		a.users = f[idx[3]];
		a.owner = f[idx[4]];
		a.department = f[idx[5]];
		a.medium = f[idx[6]];
		a.retention = f[idx[11]];
		a.label = f[idx[12]];
		a.registered_on = day;
		while (*p) {
			size_t len = strcspn(p, " "), k;

			for (k = 0; k < ARRAY_SIZE(kinds); k++)
				if (strlen(kinds[k]) == len &&
				    !strncmp(kinds[k], p, len))
					a.personal |= 1u << k;
			p += len;
			while (*p == ' ')
				p++;
		}
		if (rating(f[idx[8]], 2, &a.c) || rating(f[idx[9]], 2, &a.i) ||
		    rating(f[idx[10]], 2, &a.a))
			return bad(&t, r, err);
		if (repo_asset_put(store, org_id, &a, now, err))
			return -1;
		(*ids)[r] = a.id;
	}
	*count = t.row_count;
	return 0;
}

static int seed_risks(struct store *store, struct arena *arena,
		      const struct catalog *cat, int64_t org_id, int64_t now,
		      const int64_t *assets, size_t asset_count,
		      struct error *err)
{
	static const char *const cols[] = { "asset",
					    "threat",
					    "vulnerability",
					    "consequence",
					    "threat_level",
					    "vulnerability_level",
					    "treatment",
					    "reason",
					    "controls",
					    "status",
					    "residual_vulnerability",
					    NULL };
	const struct risk_method_def *m = catalog_method(cat, RISK_IPA);
	struct risk_criteria c;
	struct risk_assessment a;
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	int64_t id;
	size_t r;

	risk_criteria_default(m, &c);
	if (demo_file(arena, "demo/risks.tsv", cols, idx, &t, err) ||
	    repo_assessment_start(store, org_id, m, &c, "demo", now, &id,
				  err) ||
	    repo_assessment_get(store, arena, org_id, id, &a, err) != 1)
		return -1;
	for (r = 0; r < t.row_count; r++) {
		const char **f = t.rows[r].fields;
		struct risk k;
		int row;

		memset(&k, 0, sizeof(k));
		if (parse_int(f[idx[0]], 1, (int)asset_count, &row) ||
		    !catalog_threat(cat, f[idx[1]]) ||
		    !catalog_vulnerability(cat, f[idx[2]]) ||
		    rating(f[idx[4]], 3, &k.threat_level) ||
		    rating(f[idx[5]], 3, &k.vulnerability_level) ||
		    rating(f[idx[10]], 3, &k.residual_vulnerability) ||
		    risk_treatment_parse(f[idx[6]], &k.treatment) ||
		    treatment_status_parse(f[idx[9]], &k.status))
			return bad(&t, r, err);
		k.asset_id = assets[row - 1];
		k.threat_id = f[idx[1]];
		k.vulnerability_id = f[idx[2]];
		k.threat = k.vulnerability = "";
		k.consequence = f[idx[3]];
		k.reason = f[idx[7]];
		k.controls = f[idx[8]];
		k.guideline = "";
		k.likelihood = k.residual_likelihood = RISK_UNRATED;
		if (risk_validate(m, &k, err) ||
		    repo_risk_put(store, org_id, &a, m, &k, now, err))
			return -1;
	}
	return 0;
}

static int seed_plan(struct store *store, struct arena *arena, int64_t org_id,
		     int64_t now, struct error *err)
{
	static const char *const cols[] = { "control",	  "task",     "owner",
					    "start_days", "end_days", "status",
					    NULL };
	int idx[ARRAY_SIZE(cols)];
	struct tsv t;
	size_t r;

	if (demo_file(arena, "demo/plan.tsv", cols, idx, &t, err))
		return -1;
	for (r = 0; r < t.row_count; r++) {
		const char **f = t.rows[r].fields;
		struct plan_task k;
		char start[16], end[16], done[16];
		int ds, de;
		time_t tt;
		struct tm tm;

		memset(&k, 0, sizeof(k));
		if (parse_int(f[idx[3]], -3650, 3650, &ds) ||
		    parse_int(f[idx[4]], -3650, 3650, &de) ||
		    task_status_parse(f[idx[5]], &k.status))
			return bad(&t, r, err);
		tt = (time_t)(now + (int64_t)ds * 86400);
		localtime_r(&tt, &tm);
		strftime(start, sizeof(start), "%Y-%m-%d", &tm);
		tt = (time_t)(now + (int64_t)de * 86400);
		localtime_r(&tt, &tm);
		strftime(end, sizeof(end), "%Y-%m-%d", &tm);
		memcpy(done, end, sizeof(done));
		k.control = f[idx[0]];
		k.task = f[idx[1]];
		k.owner = f[idx[2]];
		k.planned_start = start;
		k.planned_end = end;
		k.actual_start = k.status != TASK_NOT_STARTED ? start : "";
		k.actual_end = k.status == TASK_FINISHED ? done : "";
		if (plan_task_validate(&k, err) ||
		    repo_plan_put(store, org_id, &k, now, err))
			return -1;
	}
	return 0;
}

static int seed_register(struct store *store, struct arena *arena,
			 int64_t org_id, int64_t now, struct error *err)
{
	struct catalog *cat = NULL;
	int64_t *assets;
	size_t count;
	int rc;

	if (catalog_load_builtin(&cat, err))
		return -1;
	rc = seed_assets(store, arena, org_id, now, &assets, &count, err) ||
	     seed_risks(store, arena, cat, org_id, now, assets, count, err) ||
	     seed_plan(store, arena, org_id, now, err);
	catalog_free(cat);
	return rc ? -1 : 0;
}

int demo_seed(struct store *store, int64_t org_id, int64_t now,
	      struct error *err)
{
	struct arena arena;
	int rc;

	arena_init(&arena, 0);
	rc = seed_profile(store, &arena, org_id, now, err) ||
	     seed_five(store, &arena, org_id, now, err) ||
	     seed_runs(store, &arena, org_id, now, err) ||
	     seed_register(store, &arena, org_id, now, err);
	arena_release(&arena);
	return rc ? -1 : 0;
}
