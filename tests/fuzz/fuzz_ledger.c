/*
 * fuzz_ledger.c: an asset register file through the whole import check
 * (web/ledger_io.c, core/ledger.c, core/asset.c): the table read from
 * CSV or XLSX, its header found (title rows, two-row IPA headers,
 * spellings of both languages), every row turned into an asset with its
 * problems.  The first byte of the input picks the reading — bits 0-1
 * the layout (ipa, full, auto), bit 2 the 3-point method instead of the
 * IPA sheet, bit 3 English, bit 4 the organisation's own labels — and
 * the rest is the file.
 *
 * Oracles: a row read without a problem passes asset_validate() (the
 * preview must not promise what the write then refuses), and written
 * back as a row of the full layout (what the export makes) it reads
 * again as the same asset.
 */
#include "util/compat.h"

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "core/asset.h"
#include "core/ledger.h"
#include "fuzz.h"
#include "import/table.h"
#include "util/arena.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/ledger_io.h"

static const struct catalog *cat;
static const struct i18n *msgs;

/* Two rows, the header and one asset, as ledger_find_header reads. */
struct two_rows {
	struct ledger_cells head, row;
};

static const char *const *two_rows_get(void *ctx, size_t index, size_t *count,
				       size_t *row_no)
{
	struct two_rows *t = ctx;
	struct ledger_cells *c = index ? &t->row : &t->head;

	*count = c->count;
	*row_no = index + 1;
	return c->cells;
}

static void round_trip(const struct ledger_context *ctx, const struct asset *a)
{
	struct error err = ERROR_INIT;
	struct ledger_problems problems;
	struct ledger_map map;
	struct two_rows t;
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct asset copy = *a, back;
	struct arena arena;

	/* The export writes stored assets, which all have an id. */
	if (!copy.id)
		copy.id = 1;
	arena_init(&arena, 0);
	ledger_problems_init(&problems, &arena);
	ledger_header(LEDGER_FULL, ctx->lang, &t.head);
	ledger_row(ctx, LEDGER_FULL, &copy, &t.row);
	FUZZ_CHECK(!ledger_find_header(two_rows_get, &t, 2, LEDGER_FULL, &map,
				       &err));
	ledger_asset_init(&back);
	FUZZ_CHECK(ledger_read_row(ctx, &map, 2, t.row.cells, t.row.count,
				   &arena, &back, &problems) == LEDGER_ROW_OK);
	FUZZ_CHECK(back.id == copy.id);
	asset_changes(&copy, &back, &before, &after);
	if (before.len || after.len)
		BUG("fuzz check failed: round trip changed\n%s\n→\n%s",
		    before.buf, after.buf);
	strbuf_release(&before);
	strbuf_release(&after);
	ledger_problems_release(&problems);
	arena_release(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const own[] = { "部外秘", "取扱注意", "Public" };
	struct error err = ERROR_INIT;
	struct import_table *t = NULL;
	struct ledger_context ctx;
	struct ledger_problems problems;
	struct ledger_map map;
	const struct risk_method_def *def;
	const char *builtin[16];
	const char *const *labels;
	size_t label_count, i;
	struct arena arena;
	enum ledger_layout layout;
	unsigned flags;

	if (!cat) {
		struct catalog *c;
		struct i18n *m;

		if (catalog_load_builtin(&c, &err) ||
		    i18n_load(&embedded_data, &m, &err))
			BUG("fuzz_ledger: %s", err.key);
		cat = c;
		msgs = m;
	}
	if (!size)
		return 0;
	flags = data[0];
	layout = (flags & 3) == 0   ? LEDGER_IPA
		 : (flags & 3) == 1 ? LEDGER_FULL
				    : LEDGER_AUTO;
	def = catalog_method(cat, flags & 4 ? RISK_THREE_POINT : RISK_IPA);
	if (flags & 16) {
		labels = own;
		label_count = ARRAY_SIZE(own);
	} else {
		for (i = 0; i < cat->label_count && i < ARRAY_SIZE(builtin);
		     i++)
			builtin[i] = cat->labels[i].id;
		labels = builtin;
		label_count = i;
	}
	if (import_table_read((const char *)data + 1, size - 1, NULL, &t, &err))
		return 0;
	arena_init(&arena, 0);
	ledger_problems_init(&problems, &arena);
	ledger_io_context(&ctx, cat, msgs, def, flags & 16 ? own : NULL,
			  flags & 16 ? ARRAY_SIZE(own) : 0, "2024-04-01",
			  flags & 8 ? LANG_EN : LANG_JA);
	if (ledger_io_header(t, layout, &map, &err))
		goto out;
	for (i = map.data_row; i < t->count; i++) {
		const struct import_row *r = &t->rows[i];
		struct asset a;

		ledger_asset_init(&a);
		if (ledger_read_row(&ctx, &map, r->row_no, r->cells, r->count,
				    &arena, &a, &problems) != LEDGER_ROW_OK)
			continue;
		if (asset_validate(&a, def, labels, label_count, &err))
			BUG("fuzz check failed: row %zu read without a "
			    "problem, refused by asset_validate: %s %s",
			    r->row_no, err.key, err.argc ? err.args[0] : "");
		round_trip(&ctx, &a);
	}
out:
	ledger_problems_release(&problems);
	arena_release(&arena);
	import_table_free(t);
	return 0;
}
