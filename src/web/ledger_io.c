/* ledger_io.c: reading a register file and writing its rows. */
#include "util/compat.h"
#include "web/ledger_io.h"

#include <stdio.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "import/table.h"
#include "store/repo_asset.h"
#include "store/repo_risk.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"

void ledger_io_context(struct ledger_context *ctx, const struct catalog *cat,
		       const struct i18n *msgs,
		       const struct risk_method_def *method,
		       const char *const *own, size_t own_count,
		       const char *today, enum lang lang)
{
	char key[64];
	int m;

	memset(ctx, 0, sizeof(*ctx));
	ctx->method = method;
	for (m = 0; m < MEDIUM_COUNT; m++) {
		snprintf(key, sizeof(key), "medium.%s",
			 medium_name((enum medium)m));
		ctx->media[m].ja = i18n_get(msgs, LANG_JA, key);
		ctx->media[m].en = i18n_get(msgs, LANG_EN, key);
	}
	ctx->builtin_labels = cat->labels;
	ctx->builtin_label_count = cat->label_count;
	ctx->labels = own;
	ctx->label_count = own_count;
	ctx->today = today;
	ctx->lang = lang;
}

static const char *const *table_row(void *ctx, size_t index, size_t *count,
				    size_t *row_no)
{
	const struct import_table *t = ctx;

	*count = t->rows[index].count;
	*row_no = t->rows[index].row_no;
	return t->rows[index].cells;
}

int ledger_io_header(const struct import_table *t, enum ledger_layout layout,
		     struct ledger_map *map, struct error *err)
{
	return ledger_find_header(table_row, (void *)t, t->count, layout, map,
				  err);
}

void ledger_io_read(const struct ledger_context *ctx,
		    const struct import_table *t, const struct ledger_map *map,
		    struct arena *arena, struct ledger_rows *rows,
		    struct ledger_problems *problems)
{
	size_t i, n = t->count > map->data_row ? t->count - map->data_row : 0;

	rows->assets = xcalloc(n + 1, sizeof(*rows->assets));
	rows->row_no = xcalloc(n + 1, sizeof(*rows->row_no));
	rows->ids = xcalloc(n + 1, sizeof(*rows->ids));
	rows->count = 0;
	for (i = map->data_row; i < t->count; i++) {
		const struct import_row *r = &t->rows[i];
		struct asset *a = &rows->assets[rows->count];

		ledger_asset_init(a);
		if (ledger_read_row(ctx, map, r->row_no, r->cells, r->count,
				    arena, a, problems) == LEDGER_ROW_BLANK)
			continue;
		rows->row_no[rows->count] = r->row_no;
		rows->ids[rows->count] = a->id;
		rows->count++;
	}
	if (map->column[LEDGER_ID] >= 0)
		ledger_check_ids(map, rows->ids, rows->row_no, rows->count,
				 problems);
}

void ledger_rows_release(struct ledger_rows *rows)
{
	free(rows->assets);
	free(rows->row_no);
	free(rows->ids);
	memset(rows, 0, sizeof(*rows));
}

int ledger_io_write(struct store *store, int64_t org_id,
		    const struct risk_method_def *def,
		    const char *const *labels, size_t label_count,
		    const struct ledger_map *map, struct ledger_rows *rows,
		    int64_t now, const struct ledger_sink *sink,
		    struct ledger_counts *counts, struct error *err)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct arena scratch;
	size_t k;
	int rc = -1;

	arena_init(&scratch, 0);
	memset(counts, 0, sizeof(*counts));
	for (k = 0; k < rows->count; k++) {
		struct asset *a = &rows->assets[k], old, target;
		int found = 0;

		if (a->id > 0) {
			/* One row's strings at a time: 100,000 rows must
			 * not pile up in memory. */
			arena_release(&scratch);
			found = repo_asset_get(store, &scratch, org_id, a->id,
					       &old, err);
			if (found < 0)
				goto failed;
		}
		if (found) {
			target = old;
			ledger_overlay(map, a, &target);
		} else {
			target = *a;
			target.id = 0;
		}
		strbuf_reset(&before);
		strbuf_reset(&after);
		asset_changes(found ? &old : NULL, &target, &before, &after);
		/* The same file twice changes nothing the second time, and
		 * fills no audit trail. */
		if (found && !before.len && !after.len) {
			counts->same++;
			goto next;
		}
		if (asset_validate(&target, def, labels, label_count, err) ||
		    repo_asset_put(store, org_id, &target, now, err) ||
		    sink->audit(sink->ctx, target.id, before.buf, after.buf,
				err))
			goto failed;
		if (found)
			counts->updated++;
		else
			counts->added++;
next:
		if (sink->progress)
			sink->progress(sink->ctx, k + 1, rows->count);
	}
	rc = 0;
	goto out;
failed:
	counts->failed_row = rows->row_no[k];
out:
	arena_release(&scratch);
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

int ledger_import_prepare(struct ledger_import *li, struct store *store,
			  const struct catalog *cat, const struct i18n *msgs,
			  int64_t org_id, const char *data, size_t len,
			  const char *sheet, enum ledger_layout layout,
			  const char *today, enum lang lang, struct error *err)
{
	struct risk_assessment a;
	const char **own;
	size_t own_count, i;
	int open;

	memset(li, 0, sizeof(*li));
	arena_init(&li->arena, 0);
	ledger_problems_init(&li->problems, &li->arena);
	open = repo_assessment_open(store, &li->arena, org_id, &a, err);
	if (open < 0 ||
	    repo_label_list(store, &li->arena, org_id, &own, &own_count, err))
		return -1;
	li->method_open = open;
	li->def = catalog_method(cat, open ? a.method : RISK_IPA);
	if (own_count) {
		li->labels = own;
		li->label_count = own_count;
	} else {
		li->labels = arena_calloc(&li->arena, cat->label_count + 1,
					  sizeof(*li->labels));
		for (i = 0; i < cat->label_count; i++)
			li->labels[i] = cat->labels[i].id;
		li->label_count = cat->label_count;
	}
	ledger_io_context(&li->ctx, cat, msgs, li->def, own, own_count, today,
			  lang);
	if (import_table_read(data, len, sheet, &li->table, err) ||
	    ledger_io_header(li->table, layout, &li->map, err))
		return -1;
	ledger_io_read(&li->ctx, li->table, &li->map, &li->arena, &li->rows,
		       &li->problems);
	return 0;
}

void ledger_import_release(struct ledger_import *li)
{
	ledger_rows_release(&li->rows);
	ledger_problems_release(&li->problems);
	import_table_free(li->table);
	arena_release(&li->arena);
	memset(li, 0, sizeof(*li));
}
