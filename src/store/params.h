/*
 * params.h: the values of a statement the store builds from fragments (a
 * list's filters), gathered in the order of their placeholders and bound
 * in one go.  Texts are copied, so a value may come from a statement
 * finalized before the binding.  Private to store/.
 */
#ifndef MAMORI_STORE_PARAMS_H
#define MAMORI_STORE_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

struct error;
struct store_stmt;

struct param {
	char *text; /* NULL: an integer */
	int64_t value;
};

struct params {
	struct param *v;
	size_t count, cap;
};

#define PARAMS_INIT        \
	{                  \
		NULL, 0, 0 \
	}

void params_int(struct params *p, int64_t v);
void params_text(struct params *p, const char *s);
/* A LIKE pattern matching s anywhere, with % _ and \ escaped by \. */
void params_like(struct params *p, const char *s);
/* Appends the first n values of from. */
void params_append(struct params *p, const struct params *from, size_t n);
/* Binds every value to st as ?1, ?2, … */
int params_bind(struct store_stmt *st, const struct params *p,
		struct error *err);
void params_release(struct params *p);

/* One statement a repository builds: its SQL and its values. */
struct query_part {
	struct strbuf sql;
	struct params p;
};

#define QUERY_PART_INIT                  \
	{                                \
		STRBUF_INIT, PARAMS_INIT \
	}

void query_parts_release(struct query_part *parts, size_t n);

struct store;

/*
 * A list's filtered total, counted up to cap: sql is "SELECT count(*)
 * FROM (SELECT 1 …" with its subquery left open and its values in p; the
 * subquery is closed with a LIMIT of cap + 1, so the count stops there.
 * *total gets the count (at most cap) and *capped whether there were
 * more.  Releases sql and p.  0, or -1 with err set.
 */
int params_count_capped(struct store *store, struct strbuf *sql,
			struct params *p, int64_t cap, int64_t *total,
			int *capped, struct error *err);

#endif
