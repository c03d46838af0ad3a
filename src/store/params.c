/* params.c: values of a built statement, bound in order. */
#include "util/compat.h"
#include "store/params.h"

#include <stdlib.h>
#include <string.h>

#include "store/driver.h"
#include "util/alloc.h"
#include "util/strbuf.h"

static struct param *next(struct params *p)
{
	ALLOC_GROW(p->v, p->count + 1, p->cap);
	return &p->v[p->count++];
}

void params_int(struct params *p, int64_t v)
{
	struct param *x = next(p);

	x->text = NULL;
	x->value = v;
}

void params_text(struct params *p, const char *s)
{
	struct param *x = next(p);

	x->text = xstrdup(s ? s : "");
	x->value = 0;
}

void params_like(struct params *p, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	struct param *x;

	strbuf_addch(&sb, '%');
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			strbuf_addch(&sb, '\\');
		strbuf_addch(&sb, *s);
	}
	strbuf_addch(&sb, '%');
	x = next(p);
	x->text = strbuf_detach(&sb, NULL);
	x->value = 0;
}

void params_append(struct params *p, const struct params *from, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < from->count; i++) {
		if (from->v[i].text)
			params_text(p, from->v[i].text);
		else
			params_int(p, from->v[i].value);
	}
}

int params_bind(struct store_stmt *st, const struct params *p,
		struct error *err)
{
	size_t i;

	for (i = 0; i < p->count; i++) {
		int rc = p->v[i].text ? stmt_bind_text(st, (int)i + 1,
						       p->v[i].text, err)
				      : stmt_bind_int(st, (int)i + 1,
						      p->v[i].value, err);

		if (rc)
			return -1;
	}
	return 0;
}

void params_release(struct params *p)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		free(p->v[i].text);
	free(p->v);
	p->v = NULL;
	p->count = p->cap = 0;
}

void query_parts_release(struct query_part *parts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		strbuf_release(&parts[i].sql);
		params_release(&parts[i].p);
	}
}

int params_count_capped(struct store *store, struct strbuf *sql,
			struct params *p, int64_t cap, int64_t *total,
			int *capped, struct error *err)
{
	struct store_stmt st;
	int rc = -1;

	strbuf_addstr(sql, " LIMIT ?)");
	params_int(p, cap + 1);
	if (stmt_prepare_built(store, sql->buf, &st, err))
		goto out;
	if (params_bind(&st, p, err)) {
		stmt_finalize(&st);
		goto out;
	}
	if (stmt_step(&st, err) == STEP_ROW) {
		*total = stmt_column_int(&st, 0);
		*capped = *total > cap;
		if (*capped)
			*total = cap;
		rc = 0;
	}
	stmt_finalize(&st);
out:
	strbuf_release(sql);
	params_release(p);
	return rc;
}
