/* demo.c: the sample organisation's data (data/demo/), for make run. */
#include "util/compat.h"
#include "cli/demo.h"

#include "catalog/tsv.h"
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

int demo_seed(struct store *store, int64_t org_id, int64_t now,
	      struct error *err)
{
	struct arena arena;
	int rc;

	arena_init(&arena, 0);
	rc = seed_profile(store, &arena, org_id, now, err) ||
	     seed_five(store, &arena, org_id, now, err) ||
	     seed_runs(store, &arena, org_id, now, err);
	arena_release(&arena);
	return rc ? -1 : 0;
}
