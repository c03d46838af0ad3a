/*
 * test_repo_risk.c: the asset register, classification labels, risk
 * assessments, risks, the heat map and the treatment plan in the store
 * (repo_asset.c, repo_risk.c, params.c), against SQLite in memory,
 * migrated, with two organisations that must never see each other.
 */
#include "util/compat.h"
#include "store/repo_risk.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../death.h"
#include "catalog/catalog.h"
#include "store/driver.h"
#include "store/repo_asset.h"
#include "store/repo_org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"

/* 2024-05-01T00:00:00Z; each change in a test moves a little later. */
static const int64_t now0 = 1714521600;

struct fixture {
	struct store *store;
	struct catalog *cat;
	struct arena arena;
	int64_t org;   /* the organisation under test */
	int64_t other; /* its neighbour in the same data file */
};

static int setup(void **state)
{
	static const struct organisation orgs[] = {
		{ 0, "株式会社まもり商事", 0, "2024-04-01T00:00:00Z" },
		{ 0, "となりの工務店", 0, "2024-04-01T00:00:00Z" },
	};
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct error err = ERROR_INIT;
	int applied = 0;

	if (!fx)
		return -1;
	arena_init(&fx->arena, 0);
	if (store_open("sqlite::memory:", 1, &fx->store, &err) ||
	    store_migrate(fx->store, &applied, &err) ||
	    repo_org_insert(fx->store, &orgs[0], &fx->org, &err) ||
	    repo_org_insert(fx->store, &orgs[1], &fx->other, &err) ||
	    catalog_load_builtin(&fx->cat, &err)) {
		fprintf(stderr, "# setup: %s %s\n", err.key, err.args[0]);
		store_close(fx->store);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	store_close(fx->store);
	catalog_free(fx->cat);
	arena_release(&fx->arena);
	free(fx);
	return 0;
}

static const struct risk_method_def *method(struct fixture *fx,
					    enum risk_method m)
{
	return catalog_method(fx->cat, m);
}

/* Checks code and key, and the arguments when given (NULL ends them). */
static void assert_error(const struct error *err, enum error_code code,
			 const char *key, ...)
{
	const char *arg;
	va_list ap;
	int n = 0;

	assert_int_equal(err->code, code);
	assert_string_equal(err->key, key);
	va_start(ap, key);
	while ((arg = va_arg(ap, const char *))) {
		assert_true(n < err->argc);
		assert_string_equal(err->args[n], arg);
		n++;
	}
	va_end(ap);
	assert_int_equal(err->argc, n);
}

/* The integer of the first row of sql, with ?1 bound to a. */
static int64_t sql_int(struct fixture *fx, const char *sql, int64_t a)
{
	struct error err = ERROR_INIT;
	struct store_stmt st;
	int64_t v;

	assert_int_equal(stmt_prepare_built(fx->store, sql, &st, &err), 0);
	assert_int_equal(stmt_bind_int(&st, 1, a, &err), 0);
	assert_int_equal(stmt_step(&st, &err), STEP_ROW);
	v = stmt_column_int(&st, 0);
	stmt_finalize(&st);
	return v;
}

/* ---- assets ---- */

/* An asset with only what the schema requires, and C, I, A. */
static struct asset asset_of(const char *name, int c, int i, int a)
{
	struct asset x;

	memset(&x, 0, sizeof(x));
	x.category = "総務";
	x.name = name;
	x.notes = "";
	x.users = "";
	x.owner = "";
	x.department = "";
	x.medium = "office_pc";
	x.c = c;
	x.i = i;
	x.a = a;
	x.retention = "";
	x.registered_on = "2024-04-01";
	x.label = "";
	return x;
}

/* Inserts a into org and returns its id. */
static int64_t add_asset(struct fixture *fx, int64_t org, struct asset *a)
{
	struct error err = ERROR_INIT;

	a->id = 0;
	if (repo_asset_put(fx->store, org, a, now0, &err))
		fail_msg("asset %s: %s %s", a->name, err.key, err.args[0]);
	assert_true(a->id > 0);
	return a->id;
}

/* Changes a's C, I and A and stores it (a->id set). */
static void rate_asset(struct fixture *fx, struct asset *a, int c, int i, int v,
		       int64_t when)
{
	struct error err = ERROR_INIT;

	a->c = c;
	a->i = i;
	a->a = v;
	assert_int_equal(repo_asset_put(fx->store, fx->org, a, when, &err), 0);
}

static int64_t live_count(struct fixture *fx, int64_t org)
{
	struct error err = ERROR_INIT;
	int64_t n = -1;

	assert_int_equal(repo_asset_count(fx->store, org, &n, &err), 0);
	return n;
}

static void assert_same_asset(const struct asset *got, const struct asset *want)
{
	assert_int_equal(got->id, want->id);
	assert_string_equal(got->category, want->category);
	assert_string_equal(got->name, want->name);
	assert_string_equal(got->notes, want->notes);
	assert_string_equal(got->users, want->users);
	assert_string_equal(got->owner, want->owner);
	assert_string_equal(got->department, want->department);
	assert_string_equal(got->medium, want->medium);
	assert_int_equal(got->personal, want->personal);
	assert_int_equal(got->c, want->c);
	assert_int_equal(got->i, want->i);
	assert_int_equal(got->a, want->a);
	assert_int_equal(got->importance, want->importance);
	assert_string_equal(got->retention, want->retention);
	assert_string_equal(got->registered_on, want->registered_on);
	assert_string_equal(got->label, want->label);
}

static void test_repo_risk__asset_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a, got;
	int64_t id;

	memset(&a, 0, sizeof(a));
	a.category = "人事";
	a.name = "従業員名簿（2024年度）";
	a.notes = "O'Brien; DROP TABLE asset; -- \"引用\"";
	a.users = "総務部・経理部";
	a.owner = "総務部長";
	a.department = "総務部";
	a.medium = "書庫の鍵付きキャビネット";
	a.personal = PERSONAL_DATA | PERSONAL_MY_NUMBER;
	a.c = 2;
	a.i = 1;
	a.a = 0;
	a.retention = "退職後5年";
	a.registered_on = "2024-04-01";
	a.label = "secret";
	assert_int_equal(live_count(fx, fx->org), 0);
	id = add_asset(fx, fx->org, &a);
	/* The store works out the importance: the highest of C, I, A. */
	assert_int_equal(a.importance, 2);
	assert_int_equal(a.updated_at, now0);
	assert_int_equal(live_count(fx, fx->org), 1);
	assert_int_equal(live_count(fx, fx->other), 0);

	memset(&got, 0, sizeof(got));
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, id,
					&got, &err),
			 1);
	assert_same_asset(&got, &a);
	assert_int_equal(got.updated_at, now0);
	assert_int_equal(got.risk_count, 0);

	/* An update: unrated again, importance follows; the count stays. */
	a.c = a.i = a.a = RISK_UNRATED;
	a.name = "従業員名簿";
	a.label = "";
	assert_int_equal(
		repo_asset_put(fx->store, fx->org, &a, now0 + 60, &err), 0);
	assert_int_equal(a.id, id);
	assert_int_equal(a.importance, RISK_UNRATED);
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, id,
					&got, &err),
			 1);
	assert_same_asset(&got, &a);
	assert_int_equal(got.updated_at, now0 + 60);
	assert_int_equal(live_count(fx, fx->org), 1);

	/* 3-point values: importance 3. */
	rate_asset(fx, &a, 1, 3, 2, now0 + 61);
	assert_int_equal(a.importance, 3);

	/* Updating an id that does not exist is refused, nothing written. */
	a.id = id + 100;
	assert_int_equal(
		repo_asset_put(fx->store, fx->org, &a, now0 + 62, &err), -1);
	assert_error(&err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	assert_int_equal(
		sql_int(fx, "SELECT count(*) FROM asset WHERE ?1 > 0", 1), 1);
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org,
					id + 100, &got, &err),
			 0);
}

static void test_repo_risk__asset_soft_delete(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a = asset_of("見積書", 1, 1, 1),
		     b = asset_of("請求書", 0, 0, 0);
	struct asset got;

	add_asset(fx, fx->org, &a);
	add_asset(fx, fx->org, &b);
	assert_int_equal(live_count(fx, fx->org), 2);
	assert_int_equal(
		repo_asset_delete(fx->store, fx->org, a.id, now0 + 5, &err), 1);
	assert_int_equal(live_count(fx, fx->org), 1);
	/* Gone for every reader, but the row stays for closed results. */
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, a.id,
					&got, &err),
			 0);
	assert_int_equal(
		sql_int(fx, "SELECT deleted_at FROM asset WHERE id = ?1", a.id),
		now0 + 5);
	/* A second delete finds nothing and counts nothing. */
	assert_int_equal(
		repo_asset_delete(fx->store, fx->org, a.id, now0 + 6, &err), 0);
	assert_int_equal(live_count(fx, fx->org), 1);
	assert_int_equal(
		sql_int(fx, "SELECT deleted_at FROM asset WHERE id = ?1", a.id),
		now0 + 5);
	/* A deleted asset cannot be changed. */
	a.name = "見積書（改）";
	assert_int_equal(repo_asset_put(fx->store, fx->org, &a, now0 + 7, &err),
			 -1);
	assert_error(&err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	assert_int_equal(live_count(fx, fx->org), 1);
	assert_int_equal(
		repo_asset_delete(fx->store, fx->org, b.id, now0 + 8, &err), 1);
	assert_int_equal(live_count(fx, fx->org), 0);
	assert_int_equal(err.code, ERROR_NOT_FOUND); /* left from above */
}

/* A register with ties in every sort column. */
static const char *const names[] = { "顧客名簿",  "見積書",   "Aファイル",
				     "aファイル", "顧客名簿", "請求書",
				     "議事録" };
static const char *const categories[] = { "営業", "経理", "総務", "" };
static const char *const media[] = { "paper", "office_pc", "金庫", "cloud",
				     "server" };
static const char *const departments[] = { "営業部", "", "経理部" };
static const char *const owners[] = {
	"部長", "課長", "", "社長", "部長", "係長"
};
static const char *const labels[] = { "", "secret", "internal", "public" };
static const char *const dates[] = { "2024-04-01", "2023-12-31", "2024-04-01",
				     "2025-01-15", "2022-07-07" };
static const char *const notes[] = { "", "鍵付き書庫", "100%バックアップ", "" };
static const unsigned personals[] = { 0, PERSONAL_DATA,
				      PERSONAL_DATA | PERSONAL_MY_NUMBER,
				      PERSONAL_SENSITIVE | PERSONAL_DATA, 0 };

enum { REGISTER_SIZE = 23 };

/*
 * Fills rows[0 … REGISTER_SIZE) and stores them in the organisation under
 * test; with theirs, a copy of each goes to the neighbour right after, so
 * that the two registers interleave by id.
 */
static void add_register(struct fixture *fx, struct asset *rows,
			 struct asset *theirs)
{
	size_t k;

	for (k = 0; k < REGISTER_SIZE; k++) {
		struct asset *a = &rows[k];

		*a = asset_of(names[k % ARRAY_SIZE(names)], -1, -1, -1);
		a->category = categories[k % ARRAY_SIZE(categories)];
		a->medium = media[k % ARRAY_SIZE(media)];
		a->department = departments[k % ARRAY_SIZE(departments)];
		a->owner = owners[k % ARRAY_SIZE(owners)];
		a->label = labels[k % ARRAY_SIZE(labels)];
		a->registered_on = dates[k % ARRAY_SIZE(dates)];
		a->notes = notes[k % ARRAY_SIZE(notes)];
		a->users = k % 5 == 1 ? "派遣スタッフ" : "";
		a->personal = personals[k % ARRAY_SIZE(personals)];
		if (k % 4 != 3) /* every fourth unrated */
			a->c = a->i = a->a = (int)(k % 3);
		add_asset(fx, fx->org, a);
		if (theirs) {
			theirs[k] = *a;
			add_asset(fx, fx->other, &theirs[k]);
		}
	}
}

/* The sort key of a row under s, compared as the store's index does. */
static int compare_assets(const struct asset *x, const struct asset *y,
			  enum asset_sort s)
{
	int c = 0;

	switch (s) {
	case ASORT_ID:
		break;
	case ASORT_NAME:
		c = strcmp(x->name, y->name);
		break;
	case ASORT_CATEGORY:
		c = strcmp(x->category, y->category);
		break;
	case ASORT_MEDIUM:
		c = strcmp(x->medium, y->medium);
		break;
	case ASORT_DEPARTMENT:
		c = strcmp(x->department, y->department);
		break;
	case ASORT_OWNER:
		c = strcmp(x->owner, y->owner);
		break;
	case ASORT_IMPORTANCE:
		c = (x->importance > y->importance) -
		    (x->importance < y->importance);
		break;
	case ASORT_REGISTERED:
		c = strcmp(x->registered_on, y->registered_on);
		break;
	case ASORT_LABEL:
		c = strcmp(x->label, y->label);
		break;
	case ASORT_COUNT:
		fail();
	}
	if (c)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

/* Sorts ids of rows (n) by s into want, ascending. */
static void expected_order(const struct asset *rows, size_t n,
			   enum asset_sort s, int64_t *want)
{
	size_t i, j;
	const struct asset **p = calloc(n, sizeof(*p));

	assert_non_null(p);
	for (i = 0; i < n; i++)
		p[i] = &rows[i];
	/* Insertion sort: small n, and stable. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && compare_assets(p[j - 1], p[j], s) > 0;
		     j--) {
			const struct asset *t = p[j];

			p[j] = p[j - 1];
			p[j - 1] = t;
		}
	for (i = 0; i < n; i++)
		want[i] = p[i]->id;
	free(p);
}

/* One page of a keyset-paged list, as ids and the two flags. */
struct page_ids {
	int64_t ids[64];
	size_t count;
	int more_before, more_after;
	int64_t total;
	int total_capped;
};

typedef void (*fetch_fn)(struct fixture *fx, const void *query, int64_t cursor,
			 int back, struct page_ids *out);

/*
 * Pages through a list of n rows whose order is want, forward from the
 * start and backward from the end, limit rows a page, checking every
 * page's rows and flags.
 */
static void walk_pages(struct fixture *fx, fetch_fn fetch, const void *q,
		       const int64_t *want, size_t n, size_t limit)
{
	struct page_ids page;
	int64_t cursor = 0;
	size_t pos = 0, k, pages = 0;

	/* Forward: each page continues after the last row shown. */
	do {
		fetch(fx, q, cursor, 0, &page);
		assert_true(page.count <= limit);
		assert_int_equal(page.count, n - pos < limit ? n - pos : limit);
		for (k = 0; k < page.count; k++)
			if (page.ids[k] != want[pos + k])
				fail_msg("forward page %zu row %zu: id %lld, "
					 "expected %lld",
					 pages, k, (long long)page.ids[k],
					 (long long)want[pos + k]);
		assert_int_equal(page.more_before, pos > 0);
		assert_int_equal(page.more_after, pos + page.count < n);
		pos += page.count;
		if (page.count)
			cursor = page.ids[page.count - 1];
		pages++;
	} while (page.more_after);
	assert_int_equal(pos, n);

	/* Backward: from the end, each page ends before the first shown. */
	cursor = 0;
	pos = n;
	pages = 0;
	do {
		fetch(fx, q, cursor, 1, &page);
		assert_int_equal(page.count, pos < limit ? pos : limit);
		pos -= page.count;
		for (k = 0; k < page.count; k++)
			if (page.ids[k] != want[pos + k])
				fail_msg("backward page %zu row %zu: id %lld, "
					 "expected %lld",
					 pages, k, (long long)page.ids[k],
					 (long long)want[pos + k]);
		assert_int_equal(page.more_before, pos > 0);
		assert_int_equal(page.more_after, pos + page.count < n);
		if (page.count)
			cursor = page.ids[0];
		pages++;
	} while (page.more_before);
	assert_int_equal(pos, 0);
}

static struct asset_query any_assets(void)
{
	struct asset_query q;

	memset(&q, 0, sizeof(q));
	q.importance = IMPORTANCE_ANY;
	q.limit = 1000;
	return q;
}

static void fetch_assets(struct fixture *fx, const void *query, int64_t cursor,
			 int back, struct page_ids *out)
{
	struct asset_query q = *(const struct asset_query *)query;
	struct error err = ERROR_INIT;
	struct asset_page page;
	size_t k;

	q.cursor = cursor;
	q.back = back;
	if (repo_asset_list(fx->store, &fx->arena, fx->org, &q, &page, &err))
		fail_msg("repo_asset_list: %s %s", err.key, err.args[0]);
	assert_true(page.count <= ARRAY_SIZE(out->ids));
	memset(out, 0, sizeof(*out));
	for (k = 0; k < page.count; k++)
		out->ids[k] = page.rows[k].id;
	out->count = page.count;
	out->more_before = page.more_before;
	out->more_after = page.more_after;
	out->total = page.total;
	out->total_capped = page.total_capped;
}

static void test_repo_risk__asset_list_sorts(void **state)
{
	struct fixture *fx = *state;
	struct asset rows[REGISTER_SIZE], theirs[REGISTER_SIZE];
	int64_t want[REGISTER_SIZE], rev[REGISTER_SIZE];
	enum asset_sort s;
	size_t k, limit;

	/* The neighbour's rows interleave by id and must never show. */
	add_register(fx, rows, theirs);
	for (s = 0; s < ASORT_COUNT; s++) {
		expected_order(rows, REGISTER_SIZE, s, want);
		for (k = 0; k < REGISTER_SIZE; k++)
			rev[k] = want[REGISTER_SIZE - 1 - k];
		for (limit = 1; limit <= 24; limit += limit < 5 ? 2 : 19) {
			struct asset_query q = any_assets();

			q.sort = s;
			q.limit = limit;
			q.desc = 0;
			walk_pages(fx, fetch_assets, &q, want, REGISTER_SIZE,
				   limit);
			q.desc = 1;
			walk_pages(fx, fetch_assets, &q, rev, REGISTER_SIZE,
				   limit);
		}
	}
}

/* Lists q in one page by id and checks it holds exactly the rows match. */
static void assert_filter(struct fixture *fx, const struct asset_query *filter,
			  const struct asset *rows, size_t n,
			  int (*match)(const struct asset *a, const void *arg),
			  const void *arg)
{
	struct asset_query q = *filter;
	struct page_ids page;
	size_t k, m = 0;

	q.sort = ASORT_ID;
	q.limit = 1000;
	fetch_assets(fx, &q, 0, 0, &page);
	for (k = 0; k < n; k++) {
		if (!match(&rows[k], arg))
			continue;
		if (m >= page.count || page.ids[m] != rows[k].id)
			fail_msg("row %zu (id %lld) missing from the filtered "
				 "list",
				 k, (long long)rows[k].id);
		m++;
	}
	assert_int_equal(page.count, m);
	/* A filtered total is counted, exactly while under the cap. */
	assert_int_equal(page.total, (int64_t)m);
	assert_false(page.total_capped);
	assert_false(page.more_after);
	assert_false(page.more_before);
}

static int match_category(const struct asset *a, const void *arg)
{
	return !strcmp(a->category, arg);
}

static int match_medium(const struct asset *a, const void *arg)
{
	return !strcmp(a->medium, arg);
}

static int match_department(const struct asset *a, const void *arg)
{
	return !strcmp(a->department, arg);
}

static int match_owner(const struct asset *a, const void *arg)
{
	return !strcmp(a->owner, arg);
}

static int match_label(const struct asset *a, const void *arg)
{
	return !strcmp(a->label, arg);
}

static int match_importance(const struct asset *a, const void *arg)
{
	return a->importance == *(const int *)arg;
}

static int match_personal(const struct asset *a, const void *arg)
{
	unsigned bits = *(const unsigned *)arg;

	return (a->personal & bits) == bits;
}

/* The search: a substring of name, category, notes, department, owner or
 * users. */
static int match_search(const struct asset *a, const void *arg)
{
	return strstr(a->name, arg) || strstr(a->category, arg) ||
	       strstr(a->notes, arg) || strstr(a->department, arg) ||
	       strstr(a->owner, arg) || strstr(a->users, arg);
}

static int match_all(const struct asset *a, const void *arg)
{
	(void)a;
	(void)arg;
	return 1;
}

static void test_repo_risk__asset_filters(void **state)
{
	static const int importances[] = { 0, 1, 2, 3, RISK_UNRATED };
	static const unsigned bits[] = { PERSONAL_DATA, PERSONAL_MY_NUMBER,
					 PERSONAL_SENSITIVE,
					 PERSONAL_DATA | PERSONAL_MY_NUMBER,
					 PERSONAL_ALL };
	static const char *const searches[] = { "名簿",	   "ファイル", "鍵付き",
						"派遣",	   "部長",     "経理",
						"該当なし" };
	struct fixture *fx = *state;
	struct asset rows[REGISTER_SIZE], theirs[REGISTER_SIZE];
	struct asset_query q;
	size_t k;

	add_register(fx, rows, theirs);
	q = any_assets();
	assert_filter(fx, &q, rows, REGISTER_SIZE, match_all, NULL);
	/* "" is no filter, as NULL is. */
	q.category = q.medium = q.department = q.owner = q.label = "";
	q.search = "";
	assert_filter(fx, &q, rows, REGISTER_SIZE, match_all, NULL);
	for (k = 0; k < ARRAY_SIZE(categories); k++) {
		if (!*categories[k])
			continue;
		q = any_assets();
		q.category = categories[k];
		assert_filter(fx, &q, rows, REGISTER_SIZE, match_category,
			      categories[k]);
	}
	for (k = 0; k < ARRAY_SIZE(media); k++) {
		q = any_assets();
		q.medium = media[k];
		assert_filter(fx, &q, rows, REGISTER_SIZE, match_medium,
			      media[k]);
	}
	for (k = 0; k < ARRAY_SIZE(departments); k++) {
		if (!*departments[k])
			continue;
		q = any_assets();
		q.department = departments[k];
		assert_filter(fx, &q, rows, REGISTER_SIZE, match_department,
			      departments[k]);
	}
	for (k = 0; k < ARRAY_SIZE(owners); k++) {
		if (!*owners[k])
			continue;
		q = any_assets();
		q.owner = owners[k];
		assert_filter(fx, &q, rows, REGISTER_SIZE, match_owner,
			      owners[k]);
	}
	for (k = 0; k < ARRAY_SIZE(labels); k++) {
		if (!*labels[k])
			continue;
		q = any_assets();
		q.label = labels[k];
		assert_filter(fx, &q, rows, REGISTER_SIZE, match_label,
			      labels[k]);
	}
	for (k = 0; k < ARRAY_SIZE(importances); k++) {
		q = any_assets();
		q.importance = importances[k];
		assert_filter(fx, &q, rows, REGISTER_SIZE, match_importance,
			      &importances[k]);
	}
	for (k = 0; k < ARRAY_SIZE(bits); k++) {
		q = any_assets();
		q.personal = bits[k];
		assert_filter(fx, &q, rows, REGISTER_SIZE, match_personal,
			      &bits[k]);
	}
	for (k = 0; k < ARRAY_SIZE(searches); k++) {
		q = any_assets();
		q.search = searches[k];
		assert_filter(fx, &q, rows, REGISTER_SIZE, match_search,
			      searches[k]);
	}
	/* Filters combine. */
	q = any_assets();
	q.category = "営業";
	q.importance = 0;
	{
		struct page_ids page;

		fetch_assets(fx, &q, 0, 0, &page);
		for (k = 0; k < page.count; k++) {
			size_t j;

			for (j = 0; j < REGISTER_SIZE; j++)
				if (rows[j].id == page.ids[k])
					break;
			assert_true(j < REGISTER_SIZE);
			assert_string_equal(rows[j].category, "営業");
			assert_int_equal(rows[j].importance, 0);
		}
		assert_true(page.count > 0);
	}
}

/* % _ and \ in a search are the characters themselves. */
static void test_repo_risk__asset_search_wildcards(void **state)
{
	static const char *const texts[] = { "達成率100%の記録", "達成率100X",
					     "a_b.txt",		 "axb.txt",
					     "C:\\共有\\見積",	 "C:共有見積",
					     "ABC顧客",		 "%_\\" };
	static const struct {
		const char *search;
		size_t hits[3]; /* indexes into texts, ending with -1 */
	} cases[] = {
		{ "100%", { 0, (size_t)-1 } },	{ "%", { 0, 7, (size_t)-1 } },
		{ "_", { 2, 7, (size_t)-1 } },	{ "a_b", { 2, (size_t)-1 } },
		{ "\\", { 4, 7, (size_t)-1 } }, { "C:\\共", { 4, (size_t)-1 } },
		{ "%_\\", { 7, (size_t)-1 } },
	};
	struct fixture *fx = *state;
	struct asset rows[ARRAY_SIZE(texts)];
	size_t k, j;

	for (k = 0; k < ARRAY_SIZE(texts); k++) {
		rows[k] = asset_of(texts[k], -1, -1, -1);
		add_asset(fx, fx->org, &rows[k]);
	}
	for (k = 0; k < ARRAY_SIZE(cases); k++) {
		struct asset_query q = any_assets();
		struct page_ids page;

		q.search = cases[k].search;
		fetch_assets(fx, &q, 0, 0, &page);
		for (j = 0; cases[k].hits[j] != (size_t)-1; j++) {
			assert_true(j < page.count);
			assert_int_equal(page.ids[j],
					 rows[cases[k].hits[j]].id);
		}
		if (page.count != j)
			fail_msg("search '%s': %zu rows, expected %zu",
				 cases[k].search, page.count, j);
		assert_int_equal(page.total, (int64_t)j);
	}
}

/*
 * Past TOTAL_CAP rows the unfiltered total stays exact (a counter kept by
 * triggers) and a filtered one stops at the cap and says so.
 */
static void test_repo_risk__asset_totals_capped(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset_query q = any_assets();
	struct page_ids page;
	struct asset a;
	size_t k;

	assert_int_equal(store_begin(fx->store, &err), 0);
	for (k = 0; k < TOTAL_CAP + 5; k++) {
		a = asset_of("一括登録の資産", 1, 1, 1);
		a.category = k < TOTAL_CAP ? "大量" : "少量";
		add_asset(fx, fx->org, &a);
	}
	assert_int_equal(store_commit(fx->store, &err), 0);
	q.limit = 10;
	fetch_assets(fx, &q, 0, 0, &page);
	assert_int_equal(page.total, TOTAL_CAP + 5);
	assert_false(page.total_capped);
	assert_int_equal(page.count, 10);
	assert_true(page.more_after);
	/* Exactly the cap is still exact. */
	q.category = "大量";
	fetch_assets(fx, &q, 0, 0, &page);
	assert_int_equal(page.total, TOTAL_CAP);
	assert_false(page.total_capped);
	q.category = "少量";
	fetch_assets(fx, &q, 0, 0, &page);
	assert_int_equal(page.total, 5);
	assert_false(page.total_capped);
	assert_int_equal(page.count, 5);
	/* One more than the cap matches: capped. */
	q.category = NULL;
	q.search = "一括";
	fetch_assets(fx, &q, 0, 0, &page);
	assert_int_equal(page.total, TOTAL_CAP);
	assert_true(page.total_capped);
	q.search = NULL;
	q.importance = 1;
	fetch_assets(fx, &q, 0, 0, &page);
	assert_int_equal(page.total, TOTAL_CAP);
	assert_true(page.total_capped);
	/* The neighbour's count is its own. */
	assert_int_equal(live_count(fx, fx->other), 0);
	/* A deletion shows in the exact total at once. */
	assert_int_equal(
		repo_asset_delete(fx->store, fx->org, a.id, now0 + 1, &err), 1);
	q = any_assets();
	q.limit = 1;
	fetch_assets(fx, &q, 0, 0, &page);
	assert_int_equal(page.total, TOTAL_CAP + 4);
}

static void test_repo_risk__asset_cursor_vanished(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset rows[10], theirs;
	struct asset_query q = any_assets();
	struct page_ids page;
	size_t k;

	for (k = 0; k < ARRAY_SIZE(rows); k++) {
		rows[k] = asset_of(names[k % ARRAY_SIZE(names)], 1, 1, 1);
		add_asset(fx, fx->org, &rows[k]);
	}
	theirs = asset_of("となりの資産", 1, 1, 1);
	add_asset(fx, fx->other, &theirs);
	q.limit = 3;
	/* An id that never was: the first page, with nothing before it. */
	fetch_assets(fx, &q, rows[9].id + 1000, 0, &page);
	assert_int_equal(page.count, 3);
	assert_int_equal(page.ids[0], rows[0].id);
	assert_false(page.more_before);
	assert_true(page.more_after);
	/* Backwards: the last page, with nothing after it. */
	fetch_assets(fx, &q, rows[9].id + 1000, 1, &page);
	assert_int_equal(page.count, 3);
	assert_int_equal(page.ids[2], rows[9].id);
	assert_true(page.more_before);
	assert_false(page.more_after);
	/* Another organisation's row is no cursor here. */
	fetch_assets(fx, &q, theirs.id, 0, &page);
	assert_int_equal(page.ids[0], rows[0].id);
	assert_false(page.more_before);

	/* A row deleted since the page was shown still marks the place. */
	assert_int_equal(repo_asset_delete(fx->store, fx->org, rows[2].id,
					   now0 + 1, &err),
			 1);
	fetch_assets(fx, &q, rows[2].id, 0, &page);
	assert_int_equal(page.count, 3);
	assert_int_equal(page.ids[0], rows[3].id);
	assert_true(page.more_before);
	fetch_assets(fx, &q, rows[2].id, 1, &page);
	assert_int_equal(page.count, 2);
	assert_int_equal(page.ids[0], rows[0].id);
	assert_int_equal(page.ids[1], rows[1].id);
	assert_false(page.more_before);
	assert_true(page.more_after);
	/* By name as well: the deleted row's name places the cursor. */
	q.sort = ASORT_NAME;
	fetch_assets(fx, &q, rows[2].id, 0, &page);
	{
		int64_t want[ARRAY_SIZE(rows)];
		size_t n = 0, m = 0;

		expected_order(rows, ARRAY_SIZE(rows), ASORT_NAME, want);
		while (want[n] != rows[2].id)
			n++;
		for (k = n + 1; k < ARRAY_SIZE(rows) && m < 3; k++)
			assert_int_equal(page.ids[m++], want[k]);
		assert_int_equal(page.count, m);
	}
	assert_true(page.more_before);
}

/* The callback of repo_asset_each: records names, stops at stop_at. */
struct each_ctx {
	char seen[32][64];
	size_t count, stop_at;
};

static int collect_name(void *ctx, const struct asset *a)
{
	struct each_ctx *c = ctx;

	assert_true(c->count < ARRAY_SIZE(c->seen));
	snprintf(c->seen[c->count], sizeof(c->seen[0]), "%s", a->name);
	c->count++;
	return c->count == c->stop_at ? 42 : 0;
}

static void test_repo_risk__asset_each_and_values(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset rows[REGISTER_SIZE], theirs[REGISTER_SIZE];
	struct asset_query q = any_assets();
	struct each_ctx ctx;
	int64_t want[REGISTER_SIZE];
	const char **values = NULL;
	size_t count = 0, k;

	add_register(fx, rows, theirs);
	/* Every live row, in the query's order, whatever the paging says. */
	q.sort = ASORT_NAME;
	q.desc = 1;
	q.limit = 1;
	q.cursor = rows[5].id;
	memset(&ctx, 0, sizeof(ctx));
	assert_int_equal(repo_asset_each(fx->store, fx->org, &q, collect_name,
					 &ctx, &err),
			 0);
	assert_int_equal(ctx.count, REGISTER_SIZE);
	expected_order(rows, REGISTER_SIZE, ASORT_NAME, want);
	for (k = 0; k < REGISTER_SIZE; k++) {
		size_t j;

		for (j = 0; rows[j].id != want[REGISTER_SIZE - 1 - k]; j++)
			;
		assert_string_equal(ctx.seen[k], rows[j].name);
	}
	/* Filters apply; the callback's non-zero answer stops and returns. */
	q = any_assets();
	q.category = "営業";
	memset(&ctx, 0, sizeof(ctx));
	ctx.stop_at = 2;
	assert_int_equal(repo_asset_each(fx->store, fx->org, &q, collect_name,
					 &ctx, &err),
			 42);
	assert_int_equal(ctx.count, 2);

	/* Pick-lists: distinct, sorted, without "" and deleted rows. */
	assert_int_equal(repo_asset_values(fx->store, &fx->arena, fx->org,
					   ASORT_CATEGORY, &values, &count,
					   &err),
			 0);
	assert_int_equal(count, 3);
	/* Byte order of UTF-8: 経 (U+7D4C) before 総 (U+7DCF). */
	assert_string_equal(values[0], "営業");
	assert_string_equal(values[1], "経理");
	assert_string_equal(values[2], "総務");
	assert_int_equal(repo_asset_values(fx->store, &fx->arena, fx->org,
					   ASORT_MEDIUM, &values, &count, &err),
			 0);
	assert_int_equal(count, 5);
	for (k = 1; k < count; k++)
		assert_true(strcmp(values[k - 1], values[k]) < 0);
	assert_int_equal(repo_asset_values(fx->store, &fx->arena, fx->org,
					   ASORT_OWNER, &values, &count, &err),
			 0);
	assert_int_equal(count, 4); /* 部長 課長 社長 係長, "" left out */
	assert_int_equal(repo_asset_values(fx->store, &fx->arena, fx->org,
					   ASORT_LABEL, &values, &count, &err),
			 0);
	assert_int_equal(count, 3);
	assert_int_equal(repo_asset_values(fx->store, &fx->arena, fx->org,
					   ASORT_DEPARTMENT, &values, &count,
					   &err),
			 0);
	assert_int_equal(count, 2);
	/* Delete every 経理 row: the value leaves the list. */
	for (k = 0; k < REGISTER_SIZE; k++)
		if (!strcmp(rows[k].category, "経理"))
			assert_int_equal(repo_asset_delete(fx->store, fx->org,
							   rows[k].id, now0,
							   &err),
					 1);
	assert_int_equal(repo_asset_values(fx->store, &fx->arena, fx->org,
					   ASORT_CATEGORY, &values, &count,
					   &err),
			 0);
	assert_int_equal(count, 2);
	assert_string_equal(values[1], "総務");
	/* The neighbour still has all three. */
	assert_int_equal(repo_asset_values(fx->store, &fx->arena, fx->other,
					   ASORT_CATEGORY, &values, &count,
					   &err),
			 0);
	assert_int_equal(count, 3);
}

static void test_repo_risk__labels(void **state)
{
	static const char *const own[] = { "関係者外秘", "社外秘", "公開" };
	static const char *const fewer[] = { "秘", "公開" };
	static const char *const twice[] = { "秘", "秘" };
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	const char **got = NULL;
	size_t count = 99, k;

	/* None: the built-in set applies. */
	assert_int_equal(repo_label_list(fx->store, &fx->arena, fx->org, &got,
					 &count, &err),
			 0);
	assert_int_equal(count, 0);
	assert_int_equal(repo_label_set(fx->store, fx->org, own,
					ARRAY_SIZE(own), &err),
			 0);
	assert_int_equal(repo_label_list(fx->store, &fx->arena, fx->org, &got,
					 &count, &err),
			 0);
	assert_int_equal(count, ARRAY_SIZE(own));
	for (k = 0; k < count; k++)
		assert_string_equal(got[k], own[k]); /* in the order given */
	/* Replaced as a whole. */
	assert_int_equal(repo_label_set(fx->store, fx->org, fewer,
					ARRAY_SIZE(fewer), &err),
			 0);
	assert_int_equal(repo_label_list(fx->store, &fx->arena, fx->org, &got,
					 &count, &err),
			 0);
	assert_int_equal(count, 2);
	assert_string_equal(got[0], "秘");
	assert_string_equal(got[1], "公開");
	/* The neighbour has none of them. */
	assert_int_equal(repo_label_list(fx->store, &fx->arena, fx->other, &got,
					 &count, &err),
			 0);
	assert_int_equal(count, 0);
	/* A label twice is refused; in a transaction nothing changes. */
	assert_int_equal(store_begin(fx->store, &err), 0);
	assert_int_equal(repo_label_set(fx->store, fx->org, twice,
					ARRAY_SIZE(twice), &err),
			 -1);
	assert_int_equal(err.code, ERROR_CONFLICT);
	store_rollback(fx->store);
	assert_int_equal(repo_label_list(fx->store, &fx->arena, fx->org, &got,
					 &count, &err),
			 0);
	assert_int_equal(count, 2);
	assert_string_equal(got[0], "秘");
	/* Back to the built-in set. */
	assert_int_equal(repo_label_set(fx->store, fx->org, NULL, 0, &err), 0);
	assert_int_equal(repo_label_list(fx->store, &fx->arena, fx->org, &got,
					 &count, &err),
			 0);
	assert_int_equal(count, 0);
}

/* ---- assessments and risks ---- */

/* Starts an assessment of org with method m and its default criteria,
 * in a transaction as the header asks; returns its id. */
static int64_t start(struct fixture *fx, int64_t org, enum risk_method m,
		     const char *by, int64_t when)
{
	struct risk_criteria c;
	struct error err = ERROR_INIT;
	int64_t id = 0;

	risk_criteria_default(method(fx, m), &c);
	assert_int_equal(store_begin(fx->store, &err), 0);
	if (repo_assessment_start(fx->store, org, method(fx, m), &c, by, when,
				  &id, &err))
		fail_msg("repo_assessment_start: %s %s", err.key, err.args[0]);
	assert_int_equal(store_commit(fx->store, &err), 0);
	assert_true(id > 0);
	return id;
}

static void open_assessment(struct fixture *fx, int64_t org,
			    struct risk_assessment *out)
{
	struct error err = ERROR_INIT;

	assert_int_equal(
		repo_assessment_open(fx->store, &fx->arena, org, out, &err), 1);
}

/* An IPA risk of asset_id from the catalogue, rated threat x vuln. */
static struct risk risk_of(int64_t asset_id, int threat, int vuln)
{
	struct risk r;

	memset(&r, 0, sizeof(r));
	r.asset_id = asset_id;
	r.threat_id = "t03";
	r.threat = "";
	r.vulnerability_id = "v23";
	r.vulnerability = "";
	r.consequence = "";
	r.threat_level = threat;
	r.vulnerability_level = vuln;
	r.likelihood = RISK_UNRATED;
	r.treatment = TREAT_NONE;
	r.reason = "";
	r.controls = "";
	r.guideline = "";
	r.status = TSTATUS_UNDECIDED;
	r.residual_vulnerability = RISK_UNRATED;
	r.residual_likelihood = RISK_UNRATED;
	return r;
}

/* Stores r (new when r->id is 0) in org's open assessment. */
static void put_risk(struct fixture *fx, int64_t org, struct risk *r,
		     int64_t when)
{
	struct risk_assessment a;
	struct error err = ERROR_INIT;

	open_assessment(fx, org, &a);
	if (repo_risk_put(fx->store, org, &a, method(fx, a.method), r, when,
			  &err))
		fail_msg("repo_risk_put: %s %s", err.key, err.args[0]);
	assert_true(r->id > 0);
}

static struct risk get_risk(struct fixture *fx, int64_t org, int64_t id,
			    int64_t *assessment_id)
{
	struct error err = ERROR_INIT;
	struct risk r;

	memset(&r, 0, sizeof(r));
	assert_int_equal(repo_risk_get(fx->store, &fx->arena, org, id, &r,
				       assessment_id, &err),
			 1);
	return r;
}

static int cmp_words(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Compares two space-separated lists as sets of words. */
static void assert_same_refs(const char *got, const char *want)
{
	char gbuf[512], wbuf[512];
	char *gw[32], *ww[32];
	size_t gn = 0, wn = 0, k;
	char *p;

	snprintf(gbuf, sizeof(gbuf), "%s", got);
	snprintf(wbuf, sizeof(wbuf), "%s", want);
	for (p = gbuf; *p;) {
		if (*p == ' ') {
			*p++ = '\0';
			continue;
		}
		assert_true(gn < ARRAY_SIZE(gw));
		gw[gn++] = p;
		p += strcspn(p, " ");
	}
	for (p = wbuf; *p;) {
		if (*p == ' ') {
			*p++ = '\0';
			continue;
		}
		assert_true(wn < ARRAY_SIZE(ww));
		ww[wn++] = p;
		p += strcspn(p, " ");
	}
	qsort(gw, gn, sizeof(*gw), cmp_words);
	qsort(ww, wn, sizeof(*ww), cmp_words);
	if (gn != wn)
		fail_msg("refs '%s', expected '%s'", got, want);
	for (k = 0; k < gn; k++)
		if (strcmp(gw[k], ww[k]))
			fail_msg("refs '%s', expected '%s'", got, want);
}

static int64_t refs_count(struct fixture *fx, int64_t org, const char *kind,
			  const char *ref)
{
	struct error err = ERROR_INIT;
	int64_t n = -1;

	assert_int_equal(
		repo_risk_count_by_ref(fx->store, org, kind, ref, &n, &err), 0);
	return n;
}

/* The risks of an assessment, by id, from repo_risk_each. */
struct risk_rows {
	struct risk rows[1100];
	size_t count;
	struct arena *arena;
};

static int collect_risk_row(void *ctx, const struct risk *r)
{
	struct risk_rows *c = ctx;
	struct risk *x;

	assert_true(c->count < ARRAY_SIZE(c->rows));
	x = &c->rows[c->count++];
	*x = *r;
	/* Rows are valid during the call only. */
	x->asset_name = arena_strdup(c->arena, r->asset_name);
	x->asset_medium = arena_strdup(c->arena, r->asset_medium);
	x->owner = arena_strdup(c->arena, r->owner);
	x->threat_id = arena_strdup(c->arena, r->threat_id);
	x->threat = arena_strdup(c->arena, r->threat);
	x->vulnerability_id = arena_strdup(c->arena, r->vulnerability_id);
	x->vulnerability = arena_strdup(c->arena, r->vulnerability);
	x->consequence = arena_strdup(c->arena, r->consequence);
	x->reason = arena_strdup(c->arena, r->reason);
	x->controls = arena_strdup(c->arena, r->controls);
	x->guideline = arena_strdup(c->arena, r->guideline);
	x->accepted_by = r->accepted_by ? arena_strdup(c->arena, r->accepted_by)
					: NULL;
	return 0;
}

static struct risk_query any_risks(int64_t assessment_id)
{
	struct risk_query q;

	memset(&q, 0, sizeof(q));
	q.assessment_id = assessment_id;
	q.sort = RSORT_ID;
	q.limit = 1000;
	q.level_min = q.level_max = RISK_ANY;
	q.importance = q.likelihood = RISK_ANY;
	return q;
}

/* Every risk of the assessment into out (heap; the caller frees). */
static struct risk_rows *all_risks(struct fixture *fx, int64_t org,
				   int64_t assessment_id)
{
	struct risk_rows *out = calloc(1, sizeof(*out));
	struct risk_query q = any_risks(assessment_id);
	struct error err = ERROR_INIT;

	assert_non_null(out);
	out->arena = &fx->arena;
	assert_int_equal(repo_risk_each(fx->store, org, &q, collect_risk_row,
					out, &err),
			 0);
	return out;
}

/*
 * The heat map the triggers keep equals a count of the risks themselves,
 * and the total of its cells is the number of risks.
 */
static void assert_cells_consistent(struct fixture *fx, int64_t org,
				    int64_t assessment_id)
{
	struct risk_rows *all = all_risks(fx, org, assessment_id);
	size_t cells[5][5], want[5][5];
	struct error err = ERROR_INIT;
	size_t k, i, l;

	memset(want, 0, sizeof(want));
	for (k = 0; k < all->count; k++)
		want[all->rows[k].importance + 1][all->rows[k].likelihood + 1]++;
	assert_int_equal(
		repo_risk_cells(fx->store, org, assessment_id, cells, &err), 0);
	for (i = 0; i < 5; i++)
		for (l = 0; l < 5; l++)
			if (cells[i][l] != want[i][l])
				fail_msg("cell importance %d likelihood %d: "
					 "%zu, counted %zu",
					 (int)i - 1, (int)l - 1, cells[i][l],
					 want[i][l]);
	assert_int_equal(sql_int(fx,
				 "SELECT coalesce(sum(n), 0) FROM risk_cell"
				 " WHERE assessment_id = ?1",
				 assessment_id),
			 (int64_t)all->count);
	free(all);
}

static void test_repo_risk__assessment_first(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct risk_assessment a, *rows = NULL;
	size_t count = 99;
	int64_t id;

	assert_int_equal(repo_assessment_open(fx->store, &fx->arena, fx->org,
					      &a, &err),
			 0);
	assert_int_equal(repo_assessment_list(fx->store, &fx->arena, fx->org,
					      &rows, &count, &err),
			 0);
	assert_int_equal(count, 0);
	id = start(fx, fx->org, RISK_IPA, "佐藤 花子", now0);
	open_assessment(fx, fx->org, &a);
	assert_int_equal(a.id, id);
	assert_int_equal(a.no, 1);
	assert_int_equal(a.method, RISK_IPA);
	assert_int_equal(a.criteria.low_max, 0);
	assert_int_equal(a.criteria.medium_max, 3);
	assert_string_equal(a.started_by, "佐藤 花子");
	assert_int_equal(a.started_at, now0);
	assert_null(a.closed_by);
	assert_int_equal(a.closed_at, 0);
	memset(&a, 0, sizeof(a));
	assert_int_equal(repo_assessment_get(fx->store, &fx->arena, fx->org, id,
					     &a, &err),
			 1);
	assert_int_equal(a.id, id);
	assert_int_equal(repo_assessment_get(fx->store, &fx->arena, fx->org,
					     id + 1, &a, &err),
			 0);
	assert_int_equal(repo_assessment_list(fx->store, &fx->arena, fx->org,
					      &rows, &count, &err),
			 0);
	assert_int_equal(count, 1);
	assert_int_equal(rows[0].id, id);
	/* The neighbour's numbering starts on its own. */
	start(fx, fx->other, RISK_THREE_POINT, "となり", now0);
	open_assessment(fx, fx->other, &a);
	assert_int_equal(a.no, 1);
	assert_int_equal(a.method, RISK_THREE_POINT);
	assert_int_equal(a.criteria.low_max, 2);
	assert_int_equal(a.criteria.medium_max, 4);
	open_assessment(fx, fx->org, &a);
	assert_int_equal(a.id, id);
}

static void test_repo_risk__criteria(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct risk_criteria c = { 3, 6 };
	struct risk_assessment a;

	/* Nothing open yet. */
	assert_int_equal(
		repo_assessment_set_criteria(fx->store, fx->org, &c, &err), 0);
	start(fx, fx->org, RISK_THREE_POINT, "佐藤", now0);
	start(fx, fx->other, RISK_THREE_POINT, "となり", now0);
	assert_int_equal(
		repo_assessment_set_criteria(fx->store, fx->org, &c, &err), 1);
	open_assessment(fx, fx->org, &a);
	assert_int_equal(a.criteria.low_max, 3);
	assert_int_equal(a.criteria.medium_max, 6);
	/* Only the organisation's own assessment changed. */
	open_assessment(fx, fx->other, &a);
	assert_int_equal(a.criteria.low_max, 2);
	assert_int_equal(a.criteria.medium_max, 4);
	/* The schema refuses criteria out of order even if a caller forgot
	 * to check them. */
	c.low_max = 5;
	c.medium_max = 5;
	assert_int_equal(
		repo_assessment_set_criteria(fx->store, fx->org, &c, &err), -1);
	assert_int_equal(err.code, ERROR_CONFLICT);
	open_assessment(fx, fx->org, &a);
	assert_int_equal(a.criteria.low_max, 3);
}

static void test_repo_risk__risk_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset asset = asset_of("顧客データベース", 2, 1, 0);
	struct risk r, got;
	int64_t assessment_id = 0, aid;

	asset.owner = "営業部長";
	asset.medium = "server";
	add_asset(fx, fx->org, &asset);
	aid = start(fx, fx->org, RISK_IPA, "佐藤", now0);
	r = risk_of(asset.id, 3, 2);
	r.threat_id = "t01";
	r.vulnerability_id = "v22";
	r.consequence = "顧客情報が漏れ、信用を失う";
	r.treatment = TREAT_REDUCE;
	r.reason = "自動更新で脆弱性を減らす";
	r.status = TSTATUS_PLANNED;
	r.residual_vulnerability = 1;
	r.controls = "8.8 5.17 8.8";   /* a repeat is kept once */
	r.guideline = "4.3.1  4.3.2 "; /* spaces are separators */
	put_risk(fx, fx->org, &r, now0 + 1);
	/* The derived fields come back in r. */
	assert_int_equal(r.importance, 2);
	assert_int_equal(r.likelihood, 2);
	assert_int_equal(r.level, 4);
	assert_int_equal(r.residual_likelihood, 1);
	assert_int_equal(r.residual_level, 2);
	assert_int_equal(r.updated_at, now0 + 1);

	got = get_risk(fx, fx->org, r.id, &assessment_id);
	assert_int_equal(assessment_id, aid);
	assert_int_equal(got.id, r.id);
	assert_int_equal(got.asset_id, asset.id);
	assert_string_equal(got.asset_name, "顧客データベース");
	assert_string_equal(got.asset_medium, "server");
	assert_string_equal(got.owner, "営業部長");
	assert_string_equal(got.threat_id, "t01");
	assert_string_equal(got.threat, "");
	assert_string_equal(got.vulnerability_id, "v22");
	assert_string_equal(got.vulnerability, "");
	assert_string_equal(got.consequence, r.consequence);
	assert_int_equal(got.threat_level, 3);
	assert_int_equal(got.vulnerability_level, 2);
	assert_int_equal(got.likelihood, 2);
	assert_int_equal(got.importance, 2);
	assert_int_equal(got.level, 4);
	assert_int_equal(got.treatment, TREAT_REDUCE);
	assert_string_equal(got.reason, r.reason);
	assert_int_equal(got.status, TSTATUS_PLANNED);
	assert_int_equal(got.residual_vulnerability, 1);
	assert_int_equal(got.residual_likelihood, 1);
	assert_int_equal(got.residual_level, 2);
	assert_null(got.accepted_by);
	assert_int_equal(got.accepted_at, 0);
	assert_int_equal(got.updated_at, now0 + 1);
	assert_same_refs(got.controls, "5.17 8.8");
	assert_same_refs(got.guideline, "4.3.1 4.3.2");
	assert_int_equal(refs_count(fx, fx->org, "control", "8.8"), 1);
	assert_int_equal(refs_count(fx, fx->org, "control", "5.17"), 1);
	assert_int_equal(refs_count(fx, fx->org, "guideline", "4.3.1"), 1);
	assert_int_equal(refs_count(fx, fx->org, "control", "4.3.1"), 0);
	assert_int_equal(refs_count(fx, fx->other, "control", "8.8"), 0);

	/* An update replaces the links, and the neighbour's stay apart. */
	r.controls = "";
	r.guideline = "9.1";
	r.threat_id = "";
	r.threat = "委託先からの持ち出し";
	put_risk(fx, fx->org, &r, now0 + 2);
	got = get_risk(fx, fx->org, r.id, NULL);
	assert_string_equal(got.controls, "");
	assert_string_equal(got.guideline, "9.1");
	assert_string_equal(got.threat_id, "");
	assert_string_equal(got.threat, "委託先からの持ち出し");
	assert_int_equal(refs_count(fx, fx->org, "control", "8.8"), 0);
	assert_int_equal(refs_count(fx, fx->org, "guideline", "9.1"), 1);

	/* A reference too long for an id: refused, and in a transaction
	 * the risk stays as it was. */
	assert_int_equal(store_begin(fx->store, &err), 0);
	r.controls = "8.8 0123456789012345678901234567890123456789";
	r.guideline = "";
	r.reason = "変更後";
	{
		struct risk_assessment a;

		open_assessment(fx, fx->org, &a);
		assert_int_equal(repo_risk_put(fx->store, fx->org, &a,
					       method(fx, RISK_IPA), &r,
					       now0 + 3, &err),
				 -1);
	}
	assert_error(&err, ERROR_INPUT, "risk.bad_ref",
		     "0123456789012345678901234567890123456789", NULL);
	store_rollback(fx->store);
	got = get_risk(fx, fx->org, r.id, NULL);
	assert_string_equal(got.reason, "自動更新で脆弱性を減らす");
	assert_string_equal(got.guideline, "9.1");
	assert_int_equal(got.updated_at, now0 + 2);

	/* A risk of an asset not yet rated: rated threat, no level. */
	{
		struct asset blank = asset_of("未評価の資産", -1, -1, -1);
		struct risk u;

		add_asset(fx, fx->org, &blank);
		u = risk_of(blank.id, 3, 3);
		put_risk(fx, fx->org, &u, now0 + 4);
		assert_int_equal(u.likelihood, 3);
		assert_int_equal(u.importance, RISK_UNRATED);
		assert_int_equal(u.level, RISK_UNRATED);
	}
	assert_cells_consistent(fx, fx->org, aid);
}

static void test_repo_risk__risk_put_refused(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset mine = asset_of("見積書", 1, 1, 1);
	struct asset theirs = asset_of("となりの見積書", 1, 1, 1);
	struct asset gone = asset_of("廃棄済みの資産", 1, 1, 1);
	struct risk_assessment a;
	struct risk r;

	add_asset(fx, fx->org, &mine);
	add_asset(fx, fx->other, &theirs);
	add_asset(fx, fx->org, &gone);
	assert_int_equal(repo_asset_delete(fx->store, fx->org, gone.id,
					   now0 + 1, &err),
			 1);
	start(fx, fx->org, RISK_IPA, "佐藤", now0);
	open_assessment(fx, fx->org, &a);
	/* Another organisation's asset, or a deleted one: not found. */
	r = risk_of(theirs.id, 2, 2);
	assert_int_equal(repo_risk_put(fx->store, fx->org, &a,
				       method(fx, RISK_IPA), &r, now0, &err),
			 -1);
	assert_error(&err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	assert_int_equal(r.id, 0);
	error_clear(&err);
	r = risk_of(gone.id, 2, 2);
	assert_int_equal(repo_risk_put(fx->store, fx->org, &a,
				       method(fx, RISK_IPA), &r, now0, &err),
			 -1);
	assert_error(&err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	/* An id that is no risk of this assessment. */
	error_clear(&err);
	r = risk_of(mine.id, 2, 2);
	r.id = 4242;
	assert_int_equal(repo_risk_put(fx->store, fx->org, &a,
				       method(fx, RISK_IPA), &r, now0, &err),
			 -1);
	assert_error(&err, ERROR_NOT_FOUND, "risk.not_found", NULL);
	assert_int_equal(sql_int(fx, "SELECT count(*) FROM risk WHERE ?1", 1),
			 0);
	assert_cells_consistent(fx, fx->org, a.id);
}

static void test_repo_risk__heat_map(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a = asset_of("顧客名簿", 2, 0, 0);
	struct asset b = asset_of("見積書", 1, 1, 0);
	struct asset c = asset_of("掲示物", -1, -1, -1);
	struct risk r[6];
	size_t cells[5][5], levels[10], unrated = 0;
	int64_t aid;

	add_asset(fx, fx->org, &a);
	add_asset(fx, fx->org, &b);
	add_asset(fx, fx->org, &c);
	aid = start(fx, fx->org, RISK_IPA, "佐藤", now0);
	r[0] = risk_of(a.id, 3, 3); /* 2 x 3 = 6 */
	r[1] = risk_of(a.id, 2, 2); /* 2 x 1 = 2 */
	r[2] = risk_of(b.id, 3, 2); /* 1 x 2 = 2 */
	r[3] = risk_of(c.id, 1, 1); /* unrated x 1 */
	r[4] = risk_of(a.id, RISK_UNRATED, 2);
	put_risk(fx, fx->org, &r[0], now0);
	put_risk(fx, fx->org, &r[1], now0);
	put_risk(fx, fx->org, &r[2], now0);
	put_risk(fx, fx->org, &r[3], now0);
	put_risk(fx, fx->org, &r[4], now0);
	assert_int_equal(repo_risk_cells(fx->store, fx->org, aid, cells, &err),
			 0);
	assert_int_equal(cells[3][4], 1);
	assert_int_equal(cells[3][2], 1);
	assert_int_equal(cells[2][3], 1);
	assert_int_equal(cells[0][2], 1);
	assert_int_equal(cells[3][0], 1);
	assert_cells_consistent(fx, fx->org, aid);
	risk_cells_levels(cells, levels, &unrated);
	assert_int_equal(levels[6], 1);
	assert_int_equal(levels[2], 2);
	assert_int_equal(levels[0] + levels[1] + levels[3] + levels[4] +
				 levels[5] + levels[7] + levels[8] + levels[9],
			 0);
	assert_int_equal(unrated, 2);
	/* No risk of the neighbour's map, however asked. */
	assert_int_equal(
		repo_risk_cells(fx->store, fx->other, aid, cells, &err), 0);
	assert_int_equal(cells[3][4] + cells[3][2] + cells[2][3], 0);

	/* The likelihood moves: the risk moves cell. */
	r[1].vulnerability_level = 3; /* 2 x 3 -> likelihood 2 */
	put_risk(fx, fx->org, &r[1], now0 + 1);
	assert_int_equal(r[1].level, 4);
	assert_cells_consistent(fx, fx->org, aid);
	/* A change elsewhere leaves the map as it is. */
	r[1].consequence = "納期が遅れる";
	put_risk(fx, fx->org, &r[1], now0 + 2);
	assert_cells_consistent(fx, fx->org, aid);
	/* A deleted risk leaves its cell. */
	assert_int_equal(repo_risk_delete(fx->store, fx->org, r[2].id, &err),
			 1);
	assert_int_equal(repo_risk_delete(fx->store, fx->org, r[2].id, &err),
			 0);
	assert_cells_consistent(fx, fx->org, aid);
	assert_int_equal(repo_risk_cells(fx->store, fx->org, aid, cells, &err),
			 0);
	assert_int_equal(cells[2][3], 0);

	/* The asset's importance changes: its risks follow, levels too. */
	rate_asset(fx, &a, 1, 0, 0, now0 + 3);
	assert_cells_consistent(fx, fx->org, aid);
	r[0] = get_risk(fx, fx->org, r[0].id, NULL);
	assert_int_equal(r[0].importance, 1);
	assert_int_equal(r[0].level, 3);
	assert_int_equal(r[0].updated_at, now0 + 3);
	r[4] = get_risk(fx, fx->org, r[4].id, NULL);
	assert_int_equal(r[4].importance, 1);
	assert_int_equal(r[4].level, RISK_UNRATED);
	rate_asset(fx, &c, 0, 0, 0, now0 + 4);
	r[3] = get_risk(fx, fx->org, r[3].id, NULL);
	assert_int_equal(r[3].importance, 0);
	assert_int_equal(r[3].level, 0);
	assert_cells_consistent(fx, fx->org, aid);
	/* And back to unrated. */
	rate_asset(fx, &c, -1, -1, -1, now0 + 5);
	r[3] = get_risk(fx, fx->org, r[3].id, NULL);
	assert_int_equal(r[3].level, RISK_UNRATED);
	assert_cells_consistent(fx, fx->org, aid);

	/* A deleted asset takes its open risks with it. */
	r[5] = risk_of(b.id, 3, 3);
	put_risk(fx, fx->org, &r[5], now0 + 6);
	assert_cells_consistent(fx, fx->org, aid);
	assert_int_equal(
		repo_asset_delete(fx->store, fx->org, b.id, now0 + 7, &err), 1);
	assert_int_equal(repo_risk_get(fx->store, &fx->arena, fx->org, r[5].id,
				       &r[5], NULL, &err),
			 0);
	assert_cells_consistent(fx, fx->org, aid);
	assert_int_equal(repo_risk_cells(fx->store, fx->org, aid, cells, &err),
			 0);
	assert_int_equal(cells[2][4], 1); /* r[0] only, r[5] gone */
	risk_cells_levels(cells, levels, &unrated);
	assert_int_equal(unrated, 2); /* r[3] (asset), r[4] (threat) */
	assert_int_equal(levels[3], 1);
	assert_int_equal(levels[2], 1); /* r[1]: 1 x 2 */
}

static void test_repo_risk__acceptance(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a = asset_of("顧客名簿", 1, 1, 1);
	struct asset blank = asset_of("未評価", -1, -1, -1);
	struct risk none, unrated, treated, got;

	add_asset(fx, fx->org, &a);
	add_asset(fx, fx->org, &blank);
	start(fx, fx->org, RISK_IPA, "佐藤", now0);
	none = risk_of(a.id, 2, 2);
	put_risk(fx, fx->org, &none, now0);
	unrated = risk_of(blank.id, 2, 2);
	unrated.treatment = TREAT_RETAIN;
	unrated.reason = "影響が小さい";
	put_risk(fx, fx->org, &unrated, now0);
	treated = risk_of(a.id, 3, 2);
	treated.treatment = TREAT_RETAIN;
	treated.reason = "費用が被害を上回る";
	treated.status = TSTATUS_DONE;
	put_risk(fx, fx->org, &treated, now0);

	/* Nothing decided, or nothing rated: nothing to accept. */
	assert_int_equal(repo_risk_accept(fx->store, fx->org, none.id, "社長",
					  now0 + 1, &err),
			 0);
	assert_int_equal(repo_risk_accept(fx->store, fx->org, unrated.id,
					  "社長", now0 + 1, &err),
			 0);
	assert_int_equal(repo_risk_accept(fx->store, fx->org, 4242, "社長",
					  now0 + 1, &err),
			 0);
	/* The neighbour cannot accept ours. */
	assert_int_equal(repo_risk_accept(fx->store, fx->other, treated.id,
					  "となり", now0 + 1, &err),
			 0);
	got = get_risk(fx, fx->org, treated.id, NULL);
	assert_null(got.accepted_by);
	assert_int_equal(repo_risk_accept(fx->store, fx->org, treated.id,
					  "社長", now0 + 2, &err),
			 1);
	got = get_risk(fx, fx->org, treated.id, NULL);
	assert_string_equal(got.accepted_by, "社長");
	assert_int_equal(got.accepted_at, now0 + 2);
	/* Accepted once; a second acceptance changes nothing. */
	assert_int_equal(repo_risk_accept(fx->store, fx->org, treated.id,
					  "専務", now0 + 3, &err),
			 0);
	got = get_risk(fx, fx->org, treated.id, NULL);
	assert_string_equal(got.accepted_by, "社長");
	assert_int_equal(got.accepted_at, now0 + 2);

	/* A later change to the risk clears it. */
	treated.reason = "費用が被害を上回るため保有する";
	put_risk(fx, fx->org, &treated, now0 + 4);
	assert_null(treated.accepted_by);
	got = get_risk(fx, fx->org, treated.id, NULL);
	assert_null(got.accepted_by);
	assert_int_equal(got.accepted_at, 0);
	/* So does a change of its level through the asset's importance:
	 * the owner accepted a level that no longer holds. */
	assert_int_equal(repo_risk_accept(fx->store, fx->org, treated.id,
					  "社長", now0 + 5, &err),
			 1);
	rate_asset(fx, &a, 2, 1, 1, now0 + 6);
	got = get_risk(fx, fx->org, treated.id, NULL);
	assert_int_equal(got.level, 4);
	assert_null(got.accepted_by);
	/* An asset change that leaves the importance keeps it. */
	assert_int_equal(repo_risk_accept(fx->store, fx->org, treated.id,
					  "社長", now0 + 7, &err),
			 1);
	a.notes = "保管場所を変更";
	assert_int_equal(repo_asset_put(fx->store, fx->org, &a, now0 + 8, &err),
			 0);
	got = get_risk(fx, fx->org, treated.id, NULL);
	assert_string_equal(got.accepted_by, "社長");
	assert_int_equal(err.code, ERROR_NONE);
}

/* What a carried risk keeps: everything but its id and acceptance. */
static void assert_same_content(const struct risk *got, const struct risk *want)
{
	assert_int_equal(got->asset_id, want->asset_id);
	assert_string_equal(got->threat_id, want->threat_id);
	assert_string_equal(got->threat, want->threat);
	assert_string_equal(got->vulnerability_id, want->vulnerability_id);
	assert_string_equal(got->vulnerability, want->vulnerability);
	assert_string_equal(got->consequence, want->consequence);
	assert_int_equal(got->threat_level, want->threat_level);
	assert_int_equal(got->vulnerability_level, want->vulnerability_level);
	assert_int_equal(got->likelihood, want->likelihood);
	assert_int_equal(got->importance, want->importance);
	assert_int_equal(got->level, want->level);
	assert_int_equal(got->treatment, want->treatment);
	assert_string_equal(got->reason, want->reason);
	assert_int_equal(got->status, want->status);
	assert_int_equal(got->residual_vulnerability,
			 want->residual_vulnerability);
	assert_int_equal(got->residual_likelihood, want->residual_likelihood);
	assert_int_equal(got->residual_level, want->residual_level);
	assert_same_refs(got->controls, want->controls);
	assert_same_refs(got->guideline, want->guideline);
}

/* A closed assessment's rows are exactly as they were. */
static void assert_unchanged(const struct risk_rows *now,
			     const struct risk_rows *before)
{
	size_t k;

	assert_int_equal(now->count, before->count);
	for (k = 0; k < now->count; k++) {
		assert_int_equal(now->rows[k].id, before->rows[k].id);
		assert_same_content(&now->rows[k], &before->rows[k]);
		assert_int_equal(now->rows[k].updated_at,
				 before->rows[k].updated_at);
		if (before->rows[k].accepted_by)
			assert_string_equal(now->rows[k].accepted_by,
					    before->rows[k].accepted_by);
		else
			assert_null(now->rows[k].accepted_by);
		assert_int_equal(now->rows[k].accepted_at,
				 before->rows[k].accepted_at);
	}
}

static void test_repo_risk__new_assessment_same_method(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a = asset_of("顧客名簿", 2, 1, 0);
	struct asset b = asset_of("サーバー室", -1, -1, -1);
	struct risk_assessment open, old, stale, *list = NULL;
	struct risk_rows *before, *after, *carried;
	struct risk r1, r2, got, probe;
	size_t cells_before[5][5], cells_after[5][5], count = 0, k;
	int64_t id1, id2;

	add_asset(fx, fx->org, &a);
	add_asset(fx, fx->org, &b);
	id1 = start(fx, fx->org, RISK_IPA, "佐藤", now0);
	r1 = risk_of(a.id, 3, 2);
	r1.consequence = "漏えい";
	r1.treatment = TREAT_REDUCE;
	r1.reason = "更新を自動にする";
	r1.status = TSTATUS_PLANNED;
	r1.residual_vulnerability = 1;
	r1.controls = "8.8 5.17";
	r1.guideline = "4.3.1";
	put_risk(fx, fx->org, &r1, now0 + 1);
	r2 = risk_of(b.id, 2, 3);
	r2.threat_id = "";
	r2.threat = "落雷による停電";
	r2.vulnerability_id = "";
	r2.vulnerability = "無停電電源装置がない";
	put_risk(fx, fx->org, &r2, now0 + 1);
	assert_int_equal(repo_risk_accept(fx->store, fx->org, r1.id, "社長",
					  now0 + 2, &err),
			 1);
	before = all_risks(fx, fx->org, id1);
	assert_int_equal(repo_risk_cells(fx->store, fx->org, id1, cells_before,
					 &err),
			 0);

	open_assessment(fx, fx->org, &stale);
	id2 = start(fx, fx->org, RISK_IPA, "鈴木", now0 + 10);
	assert_true(id2 != id1);
	/* The old one is closed, the new one open and numbered 2. */
	assert_int_equal(repo_assessment_get(fx->store, &fx->arena, fx->org,
					     id1, &old, &err),
			 1);
	assert_string_equal(old.closed_by, "鈴木");
	assert_int_equal(old.closed_at, now0 + 10);
	open_assessment(fx, fx->org, &open);
	assert_int_equal(open.id, id2);
	assert_int_equal(open.no, 2);
	assert_int_equal(open.method, RISK_IPA);
	assert_null(open.closed_by);
	assert_int_equal(repo_assessment_list(fx->store, &fx->arena, fx->org,
					      &list, &count, &err),
			 0);
	assert_int_equal(count, 2);
	assert_int_equal(list[0].id, id2); /* newest first */
	assert_int_equal(list[1].id, id1);

	/* Ratings, treatments and links carried; acceptances not. */
	carried = all_risks(fx, fx->org, id2);
	assert_int_equal(carried->count, 2);
	for (k = 0; k < 2; k++) {
		assert_true(carried->rows[k].id > r2.id);
		assert_same_content(&carried->rows[k], &before->rows[k]);
		assert_null(carried->rows[k].accepted_by);
		assert_int_equal(carried->rows[k].accepted_at, 0);
	}
	assert_int_equal(carried->rows[0].level, 4);
	/* Only the open assessment's links count. */
	assert_int_equal(refs_count(fx, fx->org, "control", "8.8"), 1);
	/* An assessment read before it closed takes no more writes. */
	got = get_risk(fx, fx->org, r2.id, NULL);
	got.reason = "閉じる前の画面から";
	assert_int_equal(repo_risk_put(fx->store, fx->org, &stale,
				       method(fx, RISK_IPA), &got, now0 + 11,
				       &err),
			 -1);
	assert_error(&err, ERROR_NOT_FOUND, "risk.not_found", NULL);
	probe = risk_of(b.id, 1, 1);
	assert_int_equal(repo_risk_put(fx->store, fx->org, &stale,
				       method(fx, RISK_IPA), &probe, now0 + 11,
				       &err),
			 -1);
	assert_int_equal(probe.id, 0);
	/* The old results stay as they were, the map too. */
	after = all_risks(fx, fx->org, id1);
	assert_unchanged(after, before);
	free(after);
	assert_int_equal(
		repo_risk_cells(fx->store, fx->org, id1, cells_after, &err), 0);
	assert_memory_equal(cells_after, cells_before, sizeof(cells_before));
	assert_cells_consistent(fx, fx->org, id2);
	/* The same method: the register keeps its ratings. */
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, a.id,
					&a, &err),
			 1);
	assert_int_equal(a.c, 2);
	assert_int_equal(a.i, 1);
	assert_int_equal(a.a, 0);

	/* Changes now reach the open assessment only. */
	rate_asset(fx, &a, 0, 0, 0, now0 + 11);
	got = get_risk(fx, fx->org, carried->rows[0].id, NULL);
	assert_int_equal(got.level, 0);
	got = get_risk(fx, fx->org, r1.id, NULL);
	assert_int_equal(got.importance, 2);
	assert_int_equal(got.level, 4);
	assert_string_equal(got.accepted_by, "社長");
	/* Closed results cannot be edited, deleted or accepted. */
	assert_int_equal(repo_risk_delete(fx->store, fx->org, r1.id, &err), 0);
	assert_int_equal(repo_risk_accept(fx->store, fx->org, r2.id, "社長",
					  now0 + 12, &err),
			 0);
	got = get_risk(fx, fx->org, r2.id, NULL);
	got.reason = "書き換え";
	assert_int_equal(repo_risk_put(fx->store, fx->org, &open,
				       method(fx, RISK_IPA), &got, now0 + 12,
				       &err),
			 -1);
	assert_error(&err, ERROR_NOT_FOUND, "risk.not_found", NULL);
	/* A deleted asset leaves the open assessment, not the closed one. */
	assert_int_equal(repo_asset_delete(fx->store, fx->org, a.id, now0 + 13,
					   &err),
			 1);
	assert_int_equal(repo_risk_get(fx->store, &fx->arena, fx->org,
				       carried->rows[0].id, &got, NULL, &err),
			 0);
	got = get_risk(fx, fx->org, r1.id, NULL);
	assert_string_equal(got.asset_name, "顧客名簿");
	after = all_risks(fx, fx->org, id1);
	assert_unchanged(after, before);
	assert_cells_consistent(fx, fx->org, id2);
	assert_cells_consistent(fx, fx->org, id1);
	free(after);
	free(carried);
	free(before);
}

static void test_repo_risk__new_assessment_to_three_point(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a = asset_of("顧客名簿", 2, 1, 0);
	struct asset b = asset_of("未評価", -1, -1, -1);
	struct asset c = asset_of("掲示物", 0, 0, 0);
	struct asset d = asset_of("廃棄済み", 1, 1, 1);
	struct risk_assessment open;
	struct risk_rows *before, *after, *carried;
	struct risk r[4], extra;
	int64_t id1, id2;
	size_t k;

	add_asset(fx, fx->org, &a);
	add_asset(fx, fx->org, &b);
	add_asset(fx, fx->org, &c);
	add_asset(fx, fx->org, &d);
	id1 = start(fx, fx->org, RISK_IPA, "佐藤", now0);
	r[0] = risk_of(a.id, 3, 2);
	r[0].treatment = TREAT_REDUCE;
	r[0].reason = "更新を自動にする";
	r[0].status = TSTATUS_PLANNED;
	r[0].residual_vulnerability = 1;
	r[0].controls = "8.8";
	r[1] = risk_of(b.id, 3, 3);
	r[2] = risk_of(c.id, 2, 3);
	r[3] = risk_of(d.id, 3, 3);
	for (k = 0; k < ARRAY_SIZE(r); k++)
		put_risk(fx, fx->org, &r[k], now0 + 1);
	assert_int_equal(repo_risk_accept(fx->store, fx->org, r[0].id, "社長",
					  now0 + 2, &err),
			 1);
	assert_int_equal(
		repo_asset_delete(fx->store, fx->org, d.id, now0 + 3, &err), 1);
	before = all_risks(fx, fx->org, id1);
	assert_int_equal(before->count, 3);

	id2 = start(fx, fx->org, RISK_THREE_POINT, "鈴木", now0 + 10);
	open_assessment(fx, fx->org, &open);
	assert_int_equal(open.id, id2);
	assert_int_equal(open.method, RISK_THREE_POINT);
	assert_int_equal(open.criteria.low_max, 2);
	assert_int_equal(open.criteria.medium_max, 4);
	/* C, I and A move one step up the 3-point scale. */
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, a.id,
					&a, &err),
			 1);
	assert_int_equal(a.c, 3);
	assert_int_equal(a.i, 2);
	assert_int_equal(a.a, 1);
	assert_int_equal(a.importance, 3);
	assert_int_equal(a.updated_at, now0 + 10);
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, b.id,
					&b, &err),
			 1);
	assert_int_equal(b.importance, RISK_UNRATED);
	assert_int_equal(b.c, RISK_UNRATED);
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, c.id,
					&c, &err),
			 1);
	assert_int_equal(c.importance, 1);
	/* A deleted asset is left as it was. */
	assert_int_equal(sql_int(fx, "SELECT c FROM asset WHERE id = ?1", d.id),
			 1);

	/* The likelihood carries over; IPA's own ratings do not. */
	carried = all_risks(fx, fx->org, id2);
	assert_int_equal(carried->count, 3);
	assert_int_equal(carried->rows[0].asset_id, a.id);
	assert_int_equal(carried->rows[0].threat_level, RISK_UNRATED);
	assert_int_equal(carried->rows[0].vulnerability_level, RISK_UNRATED);
	assert_int_equal(carried->rows[0].residual_vulnerability, RISK_UNRATED);
	assert_int_equal(carried->rows[0].likelihood, 2);
	assert_int_equal(carried->rows[0].residual_likelihood, 1);
	assert_int_equal(carried->rows[0].importance, 3);
	assert_int_equal(carried->rows[0].level, 6);
	assert_int_equal(carried->rows[0].residual_level, 3);
	assert_int_equal(carried->rows[0].treatment, TREAT_REDUCE);
	assert_string_equal(carried->rows[0].reason, "更新を自動にする");
	assert_int_equal(carried->rows[0].status, TSTATUS_PLANNED);
	assert_string_equal(carried->rows[0].controls, "8.8");
	assert_null(carried->rows[0].accepted_by);
	assert_int_equal(carried->rows[1].likelihood, 3);
	assert_int_equal(carried->rows[1].level, RISK_UNRATED);
	assert_int_equal(carried->rows[2].importance, 1);
	assert_int_equal(carried->rows[2].likelihood, 2);
	assert_int_equal(carried->rows[2].level, 2);
	after = all_risks(fx, fx->org, id1);
	assert_unchanged(after, before);
	assert_cells_consistent(fx, fx->org, id1);
	assert_cells_consistent(fx, fx->org, id2);

	/* The 3-point method rates the likelihood itself. */
	extra = risk_of(a.id, RISK_UNRATED, RISK_UNRATED);
	extra.likelihood = 1;
	put_risk(fx, fx->org, &extra, now0 + 11);
	assert_int_equal(extra.level, 3);
	assert_cells_consistent(fx, fx->org, id2);
	free(after);
	free(carried);
	free(before);
}

static void test_repo_risk__new_assessment_to_ipa(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a, b = asset_of("未評価", -1, -1, -1);
	struct risk_rows *before, *after, *carried;
	struct risk r;
	int64_t id1, id2;

	id1 = start(fx, fx->org, RISK_THREE_POINT, "佐藤", now0);
	a = asset_of("設計図面", 3, 2, 1);
	add_asset(fx, fx->org, &a);
	add_asset(fx, fx->org, &b);
	r = risk_of(a.id, RISK_UNRATED, RISK_UNRATED);
	r.likelihood = 3;
	r.residual_likelihood = 2;
	r.treatment = TREAT_AVOID;
	r.reason = "持ち出しをやめる";
	r.status = TSTATUS_DONE;
	r.guideline = "5.1.1";
	put_risk(fx, fx->org, &r, now0 + 1);
	assert_int_equal(r.level, 9);
	assert_int_equal(r.residual_level, 6);
	before = all_risks(fx, fx->org, id1);

	id2 = start(fx, fx->org, RISK_IPA, "鈴木", now0 + 10);
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, a.id,
					&a, &err),
			 1);
	assert_int_equal(a.c, 2);
	assert_int_equal(a.i, 1);
	assert_int_equal(a.a, 0);
	assert_int_equal(a.importance, 2);
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, b.id,
					&b, &err),
			 1);
	assert_int_equal(b.importance, RISK_UNRATED);
	/* IPA derives the likelihood from ratings 3-point never made. */
	carried = all_risks(fx, fx->org, id2);
	assert_int_equal(carried->count, 1);
	assert_int_equal(carried->rows[0].likelihood, RISK_UNRATED);
	assert_int_equal(carried->rows[0].residual_likelihood, RISK_UNRATED);
	assert_int_equal(carried->rows[0].level, RISK_UNRATED);
	assert_int_equal(carried->rows[0].residual_level, RISK_UNRATED);
	assert_int_equal(carried->rows[0].threat_level, RISK_UNRATED);
	assert_int_equal(carried->rows[0].importance, 2);
	assert_int_equal(carried->rows[0].treatment, TREAT_AVOID);
	assert_string_equal(carried->rows[0].guideline, "5.1.1");
	after = all_risks(fx, fx->org, id1);
	assert_unchanged(after, before);
	assert_int_equal(after->rows[0].level, 9);
	assert_cells_consistent(fx, fx->org, id2);
	free(after);
	free(carried);
	free(before);
}

/* Before any assessment the register is on IPA's scale. */
static void test_repo_risk__first_assessment_scale(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a = asset_of("顧客名簿", 2, 1, 0);
	struct asset b = asset_of("未評価", -1, -1, -1);
	struct asset theirs = asset_of("となりの名簿", 2, 1, 0);

	add_asset(fx, fx->org, &a);
	add_asset(fx, fx->org, &b);
	add_asset(fx, fx->other, &theirs);
	start(fx, fx->org, RISK_THREE_POINT, "佐藤", now0);
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, a.id,
					&a, &err),
			 1);
	assert_int_equal(a.c, 3);
	assert_int_equal(a.i, 2);
	assert_int_equal(a.a, 1);
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, b.id,
					&b, &err),
			 1);
	assert_int_equal(b.c, RISK_UNRATED);
	/* The neighbour's register is not ours to convert. */
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->other,
					theirs.id, &theirs, &err),
			 1);
	assert_int_equal(theirs.c, 2);
	/* A first IPA assessment leaves the ratings alone. */
	start(fx, fx->other, RISK_IPA, "となり", now0);
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->other,
					theirs.id, &theirs, &err),
			 1);
	assert_int_equal(theirs.c, 2);
	assert_int_equal(theirs.importance, 2);
}

static void fetch_risks(struct fixture *fx, const void *query, int64_t cursor,
			int back, struct page_ids *out)
{
	struct risk_query q = *(const struct risk_query *)query;
	struct error err = ERROR_INIT;
	struct risk_page page;
	size_t k;

	q.cursor = cursor;
	q.back = back;
	if (repo_risk_list(fx->store, &fx->arena, fx->org, &q, &page, &err))
		fail_msg("repo_risk_list: %s %s", err.key, err.args[0]);
	assert_true(page.count <= ARRAY_SIZE(out->ids));
	memset(out, 0, sizeof(*out));
	for (k = 0; k < page.count; k++)
		out->ids[k] = page.rows[k].id;
	out->count = page.count;
	out->more_before = page.more_before;
	out->more_after = page.more_after;
	out->total = page.total;
	out->total_capped = page.total_capped;
}

enum { RISK_SET = 17 };

/* Seventeen risks of four assets, with ties of level and unrated ones. */
static int64_t add_risk_set(struct fixture *fx, struct risk *r)
{
	static const struct {
		int asset, threat, vuln; /* asset: 0-3 */
		enum risk_treatment treatment;
	} set[RISK_SET] = {
		{ 0, 3, 3, TREAT_REDUCE }, { 0, 3, 2, TREAT_NONE },
		{ 0, 2, 2, TREAT_RETAIN }, { 0, 1, 1, TREAT_NONE },
		{ 0, -1, -1, TREAT_NONE }, { 1, 3, 3, TREAT_REDUCE },
		{ 1, 3, 2, TREAT_NONE },   { 1, 2, 3, TREAT_TRANSFER },
		{ 1, 1, 3, TREAT_NONE },   { 2, 3, 3, TREAT_NONE },
		{ 2, 2, 2, TREAT_AVOID },  { 3, 3, 3, TREAT_NONE },
		{ 3, 1, 1, TREAT_NONE },   { 0, 3, 3, TREAT_REDUCE },
		{ 1, 3, 1, TREAT_NONE },   { 0, 2, 3, TREAT_NONE },
		{ 2, 1, 1, TREAT_RETAIN },
	};
	struct asset assets[4];
	int64_t aid;
	size_t k;

	assets[0] = asset_of("顧客名簿", 2, 1, 1);
	assets[1] = asset_of("見積書", 1, 0, 0);
	assets[2] = asset_of("掲示物", 0, 0, 0);
	assets[3] = asset_of("未評価", -1, -1, -1);
	for (k = 0; k < 4; k++)
		add_asset(fx, fx->org, &assets[k]);
	aid = start(fx, fx->org, RISK_IPA, "佐藤", now0);
	for (k = 0; k < RISK_SET; k++) {
		r[k] = risk_of(assets[set[k].asset].id, set[k].threat,
			       set[k].vuln);
		r[k].treatment = set[k].treatment;
		if (set[k].treatment != TREAT_NONE) {
			r[k].reason = "判断の理由";
			r[k].status = k % 2 ? TSTATUS_DONE : TSTATUS_PLANNED;
		}
		put_risk(fx, fx->org, &r[k], now0);
	}
	return aid;
}

static void test_repo_risk__risk_list_sorts(void **state)
{
	struct fixture *fx = *state;
	struct risk r[RISK_SET];
	int64_t by_id[RISK_SET], by_level[RISK_SET], rev[RISK_SET];
	size_t i, j, limit;
	int64_t aid;

	aid = add_risk_set(fx, r);
	for (i = 0; i < RISK_SET; i++)
		by_id[i] = r[i].id;
	/* By level, then id: sorted by hand. */
	{
		const struct risk *p[RISK_SET];

		for (i = 0; i < RISK_SET; i++)
			p[i] = &r[i];
		for (i = 1; i < RISK_SET; i++)
			for (j = i; j > 0 && (p[j - 1]->level > p[j]->level ||
					      (p[j - 1]->level == p[j]->level &&
					       p[j - 1]->id > p[j]->id));
			     j--) {
				const struct risk *t = p[j];

				p[j] = p[j - 1];
				p[j - 1] = t;
			}
		for (i = 0; i < RISK_SET; i++)
			by_level[i] = p[i]->id;
		/* Unrated first, the two 6s last. */
		assert_int_equal(p[0]->level, RISK_UNRATED);
		assert_int_equal(p[RISK_SET - 1]->level, 6);
	}
	for (limit = 1; limit <= 20; limit += limit < 4 ? 3 : 16) {
		struct risk_query q = any_risks(aid);

		q.limit = limit;
		q.sort = RSORT_ID;
		walk_pages(fx, fetch_risks, &q, by_id, RISK_SET, limit);
		for (i = 0; i < RISK_SET; i++)
			rev[i] = by_id[RISK_SET - 1 - i];
		q.desc = 1;
		walk_pages(fx, fetch_risks, &q, rev, RISK_SET, limit);
		q.sort = RSORT_LEVEL;
		q.desc = 0;
		walk_pages(fx, fetch_risks, &q, by_level, RISK_SET, limit);
		for (i = 0; i < RISK_SET; i++)
			rev[i] = by_level[RISK_SET - 1 - i];
		q.desc = 1;
		walk_pages(fx, fetch_risks, &q, rev, RISK_SET, limit);
	}
	{
		/* The unfiltered total comes from the map and is exact. */
		struct risk_query q = any_risks(aid);
		struct page_ids page;

		q.limit = 2;
		fetch_risks(fx, &q, 0, 0, &page);
		assert_int_equal(page.total, RISK_SET);
		assert_false(page.total_capped);
	}
}

/* Risk r matches the filter of the query q. */
static int risk_matches(const struct risk *r, const struct risk_query *q)
{
	if (q->asset_id && r->asset_id != q->asset_id)
		return 0;
	if (q->level_min != RISK_ANY &&
	    (r->level < q->level_min || r->level > q->level_max))
		return 0;
	if (q->importance != RISK_ANY &&
	    (r->importance != q->importance || r->likelihood != q->likelihood))
		return 0;
	if (q->status && strcmp(treatment_status_name(r->status), q->status))
		return 0;
	if (q->treatment &&
	    strcmp(risk_treatment_name(r->treatment), q->treatment))
		return 0;
	return 1;
}

/* Lists q in one page and checks it holds exactly the matching rows of
 * r, in id order (desc: reversed). */
static void assert_risk_filter(struct fixture *fx, const struct risk_query *q,
			       const struct risk *r, size_t n)
{
	struct page_ids page;
	int64_t want[RISK_SET];
	size_t k, m = 0;

	fetch_risks(fx, q, 0, 0, &page);
	for (k = 0; k < n; k++)
		if (risk_matches(&r[k], q))
			want[m++] = r[k].id;
	if (page.count != m)
		fail_msg("%zu rows, expected %zu", page.count, m);
	for (k = 0; k < m; k++)
		assert_int_equal(page.ids[k],
				 q->desc ? want[m - 1 - k] : want[k]);
	assert_int_equal(page.total, (int64_t)m);
	assert_false(page.total_capped);
}

static void test_repo_risk__risk_list_filters(void **state)
{
	static const int ranges[][2] = { { 4, 6 },
					 { 1, 3 },
					 { 0, 0 },
					 { RISK_UNRATED, RISK_UNRATED },
					 { 7, 9 } };
	static const int heat[][2] = { { 2, 3 },
				       { 1, 2 },
				       { 0, 3 },
				       { RISK_UNRATED, 3 },
				       { 2, RISK_UNRATED },
				       { 2, 2 } };
	static const char *const statuses[] = { "undecided", "planned",
						"done" };
	static const char *const treatments[] = { "", "reduce", "retain",
						  "avoid", "transfer" };
	struct fixture *fx = *state;
	struct risk r[RISK_SET];
	struct risk_query q;
	size_t k;
	int64_t aid;

	aid = add_risk_set(fx, r);
	for (k = 0; k < RISK_SET; k += 5) {
		q = any_risks(aid);
		q.asset_id = r[k].asset_id;
		assert_risk_filter(fx, &q, r, RISK_SET);
	}
	for (k = 0; k < ARRAY_SIZE(ranges); k++) {
		q = any_risks(aid);
		q.level_min = ranges[k][0];
		q.level_max = ranges[k][1];
		assert_risk_filter(fx, &q, r, RISK_SET);
	}
	for (k = 0; k < ARRAY_SIZE(heat); k++) {
		q = any_risks(aid);
		q.importance = heat[k][0];
		q.likelihood = heat[k][1];
		assert_risk_filter(fx, &q, r, RISK_SET);
		/* Inside a cell every level is the same: by level is by id. */
		q.sort = RSORT_LEVEL;
		assert_risk_filter(fx, &q, r, RISK_SET);
		q.desc = 1;
		assert_risk_filter(fx, &q, r, RISK_SET);
	}
	for (k = 0; k < ARRAY_SIZE(statuses); k++) {
		q = any_risks(aid);
		q.status = statuses[k];
		assert_risk_filter(fx, &q, r, RISK_SET);
	}
	for (k = 0; k < ARRAY_SIZE(treatments); k++) {
		q = any_risks(aid);
		q.treatment = treatments[k];
		assert_risk_filter(fx, &q, r, RISK_SET);
	}
	/* Combined: an asset's high risks. */
	q = any_risks(aid);
	q.asset_id = r[0].asset_id;
	q.level_min = 4;
	q.level_max = 6;
	assert_risk_filter(fx, &q, r, RISK_SET);
	/* A filtered list pages like the whole one. */
	{
		int64_t want[RISK_SET];
		size_t m = 0;

		q = any_risks(aid);
		q.treatment = "";
		q.limit = 3;
		for (k = 0; k < RISK_SET; k++)
			if (r[k].treatment == TREAT_NONE)
				want[m++] = r[k].id;
		walk_pages(fx, fetch_risks, &q, want, m, 3);
	}
}

static void test_repo_risk__risk_cursor_vanished(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct risk r[RISK_SET];
	struct risk_query q;
	struct page_ids page;
	int64_t aid;

	aid = add_risk_set(fx, r);
	q = any_risks(aid);
	q.limit = 4;
	assert_int_equal(repo_risk_delete(fx->store, fx->org, r[5].id, &err),
			 1);
	/* The row the page ended on is gone: start again from the top. */
	fetch_risks(fx, &q, r[5].id, 0, &page);
	assert_int_equal(page.count, 4);
	assert_int_equal(page.ids[0], r[0].id);
	assert_false(page.more_before);
	assert_true(page.more_after);
	fetch_risks(fx, &q, r[5].id, 1, &page);
	assert_int_equal(page.count, 4);
	assert_int_equal(page.ids[3], r[RISK_SET - 1].id);
	assert_true(page.more_before);
	assert_false(page.more_after);
	assert_int_equal(page.total, RISK_SET - 1);
}

/* Past the cap a filtered count stops; the unfiltered one stays exact. */
static void test_repo_risk__risk_totals_capped(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a = asset_of("共有フォルダ", 1, 1, 1);
	struct risk_query q;
	struct page_ids page;
	struct risk r;
	size_t k;
	int64_t aid;

	add_asset(fx, fx->org, &a);
	aid = start(fx, fx->org, RISK_IPA, "佐藤", now0);
	assert_int_equal(store_begin(fx->store, &err), 0);
	for (k = 0; k < TOTAL_RISK_CAP + 1; k++) {
		r = risk_of(a.id, 1 + (int)(k % 3), 3);
		put_risk(fx, fx->org, &r, now0);
	}
	assert_int_equal(store_commit(fx->store, &err), 0);
	q = any_risks(aid);
	q.limit = 5;
	fetch_risks(fx, &q, 0, 0, &page);
	assert_int_equal(page.total, TOTAL_RISK_CAP + 1);
	assert_false(page.total_capped);
	q.treatment = "";
	fetch_risks(fx, &q, 0, 0, &page);
	assert_int_equal(page.total, TOTAL_RISK_CAP);
	assert_true(page.total_capped);
	q.treatment = NULL;
	q.level_min = 1;
	q.level_max = 3; /* 1 x 1, 1 x 2, 1 x 3: every one */
	fetch_risks(fx, &q, 0, 0, &page);
	assert_true(page.total_capped);
	q.level_min = q.level_max = 3; /* threat 3: a third */
	fetch_risks(fx, &q, 0, 0, &page);
	assert_int_equal(page.total, (TOTAL_RISK_CAP + 1) / 3);
	assert_false(page.total_capped);
	assert_cells_consistent(fx, fx->org, aid);
}

/*
 * An asset with more risks than one batch of the update that brings them
 * to its importance: every one follows, the map too.
 */
static void test_repo_risk__sync_many(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a = asset_of("基幹サーバー", 1, 1, 1);
	struct risk_rows *all;
	struct risk r;
	size_t k;
	int64_t aid;

	add_asset(fx, fx->org, &a);
	aid = start(fx, fx->org, RISK_IPA, "佐藤", now0);
	assert_int_equal(store_begin(fx->store, &err), 0);
	for (k = 0; k < 128; k++) {
		r = risk_of(a.id, 3, 1 + (int)(k % 3));
		r.treatment = TREAT_REDUCE;
		r.reason = "理由";
		put_risk(fx, fx->org, &r, now0);
		if (k % 2)
			assert_int_equal(repo_risk_accept(fx->store, fx->org,
							  r.id, "社長", now0,
							  &err),
					 1);
	}
	assert_int_equal(store_commit(fx->store, &err), 0);
	rate_asset(fx, &a, 2, 1, 1, now0 + 1);
	all = all_risks(fx, fx->org, aid);
	assert_int_equal(all->count, 128);
	for (k = 0; k < all->count; k++) {
		assert_int_equal(all->rows[k].importance, 2);
		assert_int_equal(all->rows[k].level,
				 2 * all->rows[k].likelihood);
		assert_int_equal(all->rows[k].updated_at, now0 + 1);
		assert_null(all->rows[k].accepted_by);
	}
	free(all);
	assert_cells_consistent(fx, fx->org, aid);
}

static void test_repo_risk__sort_names(void **state)
{
	static const char *const assets[ASORT_COUNT] = {
		"id",	 "name",       "category",   "medium", "department",
		"owner", "importance", "registered", "label"
	};
	static const char *const risks[RSORT_COUNT] = { "level", "id" };
	enum asset_sort as = ASORT_LABEL;
	enum risk_sort rs = RSORT_ID;
	int k;

	(void)state;
	for (k = 0; k < ASORT_COUNT; k++) {
		assert_string_equal(asset_sort_name((enum asset_sort)k),
				    assets[k]);
		assert_int_equal(asset_sort_parse(assets[k], &as), 0);
		assert_int_equal(as, k);
	}
	for (k = 0; k < RSORT_COUNT; k++) {
		assert_string_equal(risk_sort_name((enum risk_sort)k),
				    risks[k]);
		assert_int_equal(risk_sort_parse(risks[k], &rs), 0);
		assert_int_equal(rs, k);
	}
	/* The column is registered_on, the sort's name is not. */
	assert_int_equal(asset_sort_parse("registered_on", &as), -1);
	assert_int_equal(asset_sort_parse("", &as), -1);
	assert_int_equal(as, ASORT_COUNT - 1);
	assert_int_equal(risk_sort_parse("Level", &rs), -1);
	assert_int_equal(rs, RSORT_COUNT - 1);
}

/* ---- the treatment plan ---- */

static struct plan_task task_of(const char *control, const char *text)
{
	struct plan_task t;

	memset(&t, 0, sizeof(t));
	t.control = control;
	t.task = text;
	t.owner = "情報システム担当";
	t.planned_start = "2024-05-01";
	t.planned_end = "2024-05-31";
	t.actual_start = "";
	t.actual_end = "";
	t.status = TASK_NOT_STARTED;
	return t;
}

static void test_repo_risk__ref_sets(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset a = asset_of("顧客名簿", 2, 0, 0);
	struct risk r[5];
	struct ref_set *sets = NULL;
	size_t n = 99, k;
	int64_t total = -1, aid;

	add_asset(fx, fx->org, &a);
	aid = start(fx, fx->org, RISK_IPA, "佐藤", now0);
	assert_int_equal(repo_risk_ref_sets(fx->store, &fx->arena, fx->org, aid,
					    4, 6, &sets, &n, &total, &err),
			 0);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	for (k = 0; k < 5; k++)
		r[k] = risk_of(a.id, 3, 3); /* 2 x 3 = 6: high */
	r[0].controls = "5.15 8.5";
	r[1].controls = "5.15 8.5";
	r[2].controls = "8.7";
	r[2].guideline = "3.1.1";
	/* r[3] chose nothing; r[4] is medium, with references. */
	r[4].threat_level = 1;
	r[4].vulnerability_level = 1;
	r[4].controls = "8.7";
	for (k = 0; k < 5; k++) {
		r[k].threat_id = k ? "t01" : "t03";
		r[k].vulnerability_id = (const char *[]){ "v23", "v01", "v02",
							  "v03", "v04" }[k];
		put_risk(fx, fx->org, &r[k], now0 + (int64_t)k);
	}
	assert_int_equal(repo_risk_ref_sets(fx->store, &fx->arena, fx->org, aid,
					    4, 6, &sets, &n, &total, &err),
			 0);
	/* Four high risks; two sets of references among them. */
	assert_int_equal(total, 4);
	assert_int_equal(n, 2);
	assert_string_equal(sets[0].controls, "5.15 8.5");
	assert_string_equal(sets[0].guideline, "");
	assert_int_equal(sets[0].risks, 2);
	assert_string_equal(sets[1].controls, "8.7");
	assert_string_equal(sets[1].guideline, "3.1.1");
	assert_int_equal(sets[1].risks, 1);
	/* The neighbour sees none of it. */
	assert_int_equal(repo_risk_ref_sets(fx->store, &fx->arena, fx->other,
					    aid, 0, 6, &sets, &n, &total, &err),
			 0);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
}

static void test_repo_risk__plan(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct plan_task t[3], got, *rows = NULL;
	size_t count = 99, k;

	assert_int_equal(repo_plan_list(fx->store, &fx->arena, fx->org, &rows,
					&count, &err),
			 0);
	assert_int_equal(count, 0);
	t[0] = task_of("8.8", "自動更新を有効にする");
	t[1] = task_of("5.1", "基本方針を見直す");
	t[2] = task_of("8.8", "更新の適用状況を月次で確認する");
	for (k = 0; k < 3; k++) {
		assert_int_equal(repo_plan_put(fx->store, fx->org, &t[k],
					       now0 + (int64_t)k, &err),
				 0);
		assert_true(t[k].id > 0);
		assert_int_equal(t[k].updated_at, now0 + (int64_t)k);
	}
	/* By control, then as entered. */
	assert_int_equal(repo_plan_list(fx->store, &fx->arena, fx->org, &rows,
					&count, &err),
			 0);
	assert_int_equal(count, 3);
	assert_int_equal(rows[0].id, t[1].id);
	assert_int_equal(rows[1].id, t[0].id);
	assert_int_equal(rows[2].id, t[2].id);
	assert_int_equal(repo_plan_get(fx->store, &fx->arena, fx->org, t[0].id,
				       &got, &err),
			 1);
	assert_string_equal(got.control, "8.8");
	assert_string_equal(got.task, "自動更新を有効にする");
	assert_string_equal(got.owner, "情報システム担当");
	assert_string_equal(got.planned_start, "2024-05-01");
	assert_string_equal(got.planned_end, "2024-05-31");
	assert_string_equal(got.actual_start, "");
	assert_string_equal(got.actual_end, "");
	assert_int_equal(got.status, TASK_NOT_STARTED);
	assert_int_equal(got.updated_at, now0);
	/* Finished. */
	t[0].status = TASK_FINISHED;
	t[0].actual_start = "2024-05-02";
	t[0].actual_end = "2024-05-20";
	assert_int_equal(
		repo_plan_put(fx->store, fx->org, &t[0], now0 + 10, &err), 0);
	assert_int_equal(repo_plan_get(fx->store, &fx->arena, fx->org, t[0].id,
				       &got, &err),
			 1);
	assert_int_equal(got.status, TASK_FINISHED);
	assert_string_equal(got.actual_end, "2024-05-20");
	assert_int_equal(got.updated_at, now0 + 10);
	/* An id that is no task: refused. */
	got = t[1];
	got.id = t[2].id + 100;
	assert_int_equal(
		repo_plan_put(fx->store, fx->org, &got, now0 + 11, &err), -1);
	assert_error(&err, ERROR_NOT_FOUND, "plan.not_found", NULL);
	/* Deleted once. */
	assert_int_equal(repo_plan_delete(fx->store, fx->org, t[1].id, &err),
			 1);
	assert_int_equal(repo_plan_delete(fx->store, fx->org, t[1].id, &err),
			 0);
	assert_int_equal(repo_plan_get(fx->store, &fx->arena, fx->org, t[1].id,
				       &got, &err),
			 0);
	assert_int_equal(repo_plan_list(fx->store, &fx->arena, fx->org, &rows,
					&count, &err),
			 0);
	assert_int_equal(count, 2);
}

/* ---- isolation ---- */

/*
 * Everything the neighbour can name by id: our asset, risk, assessment
 * and task.  Every call with those ids under its own organisation must
 * find nothing and change nothing.
 */
static void test_repo_risk__isolation(void **state)
{
	struct fixture *fx = *state;
	struct error err = ERROR_INIT;
	struct asset ours = asset_of("顧客名簿", 2, 1, 0), mine, got;
	struct asset theirs = asset_of("となりの台帳", 1, 1, 1);
	struct risk_assessment a, b;
	struct risk_rows *before, *after;
	struct risk r, probe;
	struct plan_task task = task_of("8.8", "自動更新を有効にする"), t;
	struct risk_criteria c = { 3, 6 };
	struct asset_query aq = any_assets();
	struct risk_query rq;
	struct page_ids page;
	size_t cells[5][5], before_cells[5][5];
	const char **values = NULL, **labels_got = NULL;
	struct plan_task *tasks = NULL;
	size_t count = 0;
	int64_t n = -1, aid;

	add_asset(fx, fx->org, &ours);
	aid = start(fx, fx->org, RISK_IPA, "佐藤", now0);
	r = risk_of(ours.id, 3, 3);
	r.treatment = TREAT_REDUCE;
	r.reason = "理由";
	r.controls = "8.8";
	put_risk(fx, fx->org, &r, now0);
	assert_int_equal(repo_plan_put(fx->store, fx->org, &task, now0, &err),
			 0);
	{
		static const char *const own[] = { "社外秘" };

		assert_int_equal(
			repo_label_set(fx->store, fx->org, own, 1, &err), 0);
	}
	before = all_risks(fx, fx->org, aid);
	assert_int_equal(repo_risk_cells(fx->store, fx->org, aid, before_cells,
					 &err),
			 0);

	/* The neighbour, with an asset and an assessment of its own. */
	add_asset(fx, fx->other, &theirs);
	start(fx, fx->other, RISK_THREE_POINT, "となり", now0);
	open_assessment(fx, fx->other, &b);

	/* Assets. */
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->other,
					ours.id, &got, &err),
			 0);
	mine = ours;
	mine.name = "乗っ取り";
	assert_int_equal(repo_asset_put(fx->store, fx->other, &mine, now0 + 1,
					&err),
			 -1);
	assert_error(&err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	assert_int_equal(repo_asset_delete(fx->store, fx->other, ours.id,
					   now0 + 1, &err),
			 0);
	{
		struct asset_page p;

		assert_int_equal(repo_asset_list(fx->store, &fx->arena,
						 fx->other, &aq, &p, &err),
				 0);
		assert_int_equal(p.count, 1);
		assert_int_equal(p.rows[0].id, theirs.id);
		assert_int_equal(p.total, 1);
	}
	assert_int_equal(repo_asset_values(fx->store, &fx->arena, fx->other,
					   ASORT_CATEGORY, &values, &count,
					   &err),
			 0);
	assert_int_equal(count, 1);
	assert_int_equal(repo_label_list(fx->store, &fx->arena, fx->other,
					 &labels_got, &count, &err),
			 0);
	assert_int_equal(count, 0);
	assert_int_equal(repo_label_set(fx->store, fx->other, NULL, 0, &err),
			 0);
	assert_int_equal(repo_label_list(fx->store, &fx->arena, fx->org,
					 &labels_got, &count, &err),
			 0);
	assert_int_equal(count, 1);

	/* Assessments. */
	assert_int_equal(repo_assessment_get(fx->store, &fx->arena, fx->other,
					     aid, &a, &err),
			 0);
	assert_int_equal(repo_assessment_set_criteria(fx->store, fx->other, &c,
						      &err),
			 1); /* its own */
	open_assessment(fx, fx->org, &a);
	assert_int_equal(a.criteria.low_max, 0);
	assert_int_equal(a.criteria.medium_max, 3);

	/* Risks. */
	assert_int_equal(repo_risk_get(fx->store, &fx->arena, fx->other, r.id,
				       &probe, NULL, &err),
			 0);
	probe = r;
	probe.asset_id = theirs.id;
	probe.reason = "乗っ取り";
	assert_int_equal(repo_risk_put(fx->store, fx->other, &b,
				       method(fx, RISK_THREE_POINT), &probe,
				       now0 + 1, &err),
			 -1);
	assert_error(&err, ERROR_NOT_FOUND, "risk.not_found", NULL);
	/* Our asset under its assessment. */
	probe = risk_of(ours.id, RISK_UNRATED, RISK_UNRATED);
	probe.likelihood = 3;
	assert_int_equal(repo_risk_put(fx->store, fx->other, &b,
				       method(fx, RISK_THREE_POINT), &probe,
				       now0 + 1, &err),
			 -1);
	assert_error(&err, ERROR_NOT_FOUND, "asset.not_found", NULL);
	/* Its asset under our assessment. */
	open_assessment(fx, fx->org, &a);
	probe = risk_of(theirs.id, 3, 3);
	assert_int_equal(repo_risk_put(fx->store, fx->other, &a,
				       method(fx, RISK_IPA), &probe, now0 + 1,
				       &err),
			 -1);
	assert_int_equal(err.code, ERROR_NOT_FOUND);
	assert_int_equal(probe.id, 0);
	assert_int_equal(repo_risk_delete(fx->store, fx->other, r.id, &err), 0);
	assert_int_equal(repo_risk_accept(fx->store, fx->other, r.id, "となり",
					  now0 + 1, &err),
			 0);
	assert_int_equal(
		repo_risk_cells(fx->store, fx->other, aid, cells, &err), 0);
	{
		size_t i, l, sum = 0;

		for (i = 0; i < 5; i++)
			for (l = 0; l < 5; l++)
				sum += cells[i][l];
		assert_int_equal(sum, 0);
	}
	rq = any_risks(aid);
	{
		struct risk_page p;

		assert_int_equal(repo_risk_list(fx->store, &fx->arena,
						fx->other, &rq, &p, &err),
				 0);
		assert_int_equal(p.count, 0);
		assert_int_equal(p.total, 0);
	}
	assert_int_equal(repo_risk_count_by_ref(fx->store, fx->other, "control",
						"8.8", &n, &err),
			 0);
	assert_int_equal(n, 0);
	assert_int_equal(repo_risk_sync_asset(fx->store, fx->other, ours.id, 0,
					      now0 + 1, &err),
			 0);
	assert_int_equal(
		repo_risk_drop_asset(fx->store, fx->other, ours.id, &err), 0);

	/* The plan. */
	assert_int_equal(repo_plan_get(fx->store, &fx->arena, fx->other,
				       task.id, &t, &err),
			 0);
	t = task;
	t.task = "乗っ取り";
	assert_int_equal(
		repo_plan_put(fx->store, fx->other, &t, now0 + 1, &err), -1);
	assert_error(&err, ERROR_NOT_FOUND, "plan.not_found", NULL);
	assert_int_equal(repo_plan_delete(fx->store, fx->other, task.id, &err),
			 0);
	assert_int_equal(repo_plan_list(fx->store, &fx->arena, fx->other,
					&tasks, &count, &err),
			 0);
	assert_int_equal(count, 0);

	/* Ours, all as it was. */
	assert_int_equal(repo_asset_get(fx->store, &fx->arena, fx->org, ours.id,
					&got, &err),
			 1);
	assert_same_asset(&got, &ours);
	assert_int_equal(got.updated_at, now0);
	after = all_risks(fx, fx->org, aid);
	assert_unchanged(after, before);
	assert_int_equal(repo_risk_cells(fx->store, fx->org, aid, cells, &err),
			 0);
	assert_memory_equal(cells, before_cells, sizeof(cells));
	assert_cells_consistent(fx, fx->org, aid);
	assert_cells_consistent(fx, fx->other, b.id);
	assert_int_equal(repo_plan_get(fx->store, &fx->arena, fx->org, task.id,
				       &t, &err),
			 1);
	assert_string_equal(t.task, "自動更新を有効にする");
	assert_int_equal(t.updated_at, now0);
	assert_int_equal(refs_count(fx, fx->org, "control", "8.8"), 1);
	fetch_assets(fx, &aq, 0, 0, &page);
	assert_int_equal(page.count, 1);
	assert_int_equal(page.ids[0], ours.id);
	free(after);
	free(before);
}

/* ---- broken invariants abort ---- */

static void list_assets_with(void *arg, size_t limit)
{
	struct fixture *fx = arg;
	struct asset_query q = any_assets();
	struct asset_page page;
	struct error err = ERROR_INIT;

	q.limit = limit;
	repo_asset_list(fx->store, &fx->arena, fx->org, &q, &page, &err);
}

static void list_no_assets(void *arg)
{
	list_assets_with(arg, 0);
}

static void list_too_many_assets(void *arg)
{
	list_assets_with(arg, 1001);
}

static void list_no_risks(void *arg)
{
	struct fixture *fx = arg;
	struct risk_query q = any_risks(1);
	struct risk_page page;
	struct error err = ERROR_INIT;

	q.limit = 0;
	repo_risk_list(fx->store, &fx->arena, fx->org, &q, &page, &err);
}

/* Ids are not a pick-list. */
static void values_of_ids(void *arg)
{
	struct fixture *fx = arg;
	struct error err = ERROR_INIT;
	const char **values = NULL;
	size_t count = 0;

	repo_asset_values(fx->store, &fx->arena, fx->org, ASORT_ID, &values,
			  &count, &err);
}

/* A risk written to an assessment the caller knows is closed. */
static void put_into_closed(void *arg)
{
	struct fixture *fx = arg;
	struct risk_assessment a;
	struct error err = ERROR_INIT;
	struct risk r = risk_of(1, 1, 1);

	memset(&a, 0, sizeof(a));
	a.id = 1;
	a.closed_at = now0;
	repo_risk_put(fx->store, fx->org, &a, method(fx, RISK_IPA), &r, now0,
		      &err);
}

static void test_repo_risk__bugs_abort(void **state)
{
	struct fixture *fx = *state;

	death_expect_abort(list_no_assets, fx, "asset page of 0 rows");
	death_expect_abort(list_too_many_assets, fx, "asset page of 1001 rows");
	death_expect_abort(list_no_risks, fx, "risk page of 0 rows");
	death_expect_abort(put_into_closed, fx,
			   "risk written to a closed assessment");
	death_expect_abort(values_of_ids, fx, "no pick-list for column 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_repo_risk__asset_round_trip),
		T(test_repo_risk__asset_soft_delete),
		T(test_repo_risk__asset_list_sorts),
		T(test_repo_risk__asset_filters),
		T(test_repo_risk__asset_search_wildcards),
		T(test_repo_risk__asset_totals_capped),
		T(test_repo_risk__asset_cursor_vanished),
		T(test_repo_risk__asset_each_and_values),
		T(test_repo_risk__labels),
		T(test_repo_risk__assessment_first),
		T(test_repo_risk__criteria),
		T(test_repo_risk__risk_round_trip),
		T(test_repo_risk__risk_put_refused),
		T(test_repo_risk__heat_map),
		T(test_repo_risk__acceptance),
		T(test_repo_risk__new_assessment_same_method),
		T(test_repo_risk__new_assessment_to_three_point),
		T(test_repo_risk__new_assessment_to_ipa),
		T(test_repo_risk__first_assessment_scale),
		T(test_repo_risk__risk_list_sorts),
		T(test_repo_risk__risk_list_filters),
		T(test_repo_risk__risk_cursor_vanished),
		T(test_repo_risk__risk_totals_capped),
		T(test_repo_risk__sync_many),
		cmocka_unit_test(test_repo_risk__sort_names),
		T(test_repo_risk__ref_sets),
		T(test_repo_risk__plan),
		T(test_repo_risk__isolation),
		T(test_repo_risk__bugs_abort),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
