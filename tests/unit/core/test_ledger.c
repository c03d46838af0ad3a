/* test_ledger.c: unit tests of core/ledger.c, the register's layouts. */
#include "util/compat.h"
#include "core/ledger.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "util/arena.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/strbuf.h"

/* What every test reads with: the catalogue, the messages, an arena. */
struct fixture {
	struct catalog *cat;
	struct i18n *msgs;
	struct arena arena;
	struct ledger_context ctx;
	struct ledger_problems problems;
	const char *own[3];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct error err = ERROR_INIT;
	char key[64];
	int m;

	if (!fx || catalog_load_builtin(&fx->cat, &err) ||
	    i18n_load(&embedded_data, &fx->msgs, &err)) {
		fprintf(stderr, "# setup: %s %s\n", err.key, err.args[0]);
		return -1;
	}
	arena_init(&fx->arena, 0);
	fx->ctx.method = catalog_method(fx->cat, RISK_IPA);
	for (m = 0; m < MEDIUM_COUNT; m++) {
		snprintf(key, sizeof(key), "medium.%s",
			 medium_name((enum medium)m));
		fx->ctx.media[m].ja = i18n_get(fx->msgs, LANG_JA, key);
		fx->ctx.media[m].en = i18n_get(fx->msgs, LANG_EN, key);
	}
	fx->ctx.builtin_labels = fx->cat->labels;
	fx->ctx.builtin_label_count = fx->cat->label_count;
	fx->ctx.today = "2030-01-02";
	fx->ctx.lang = LANG_JA;
	fx->own[0] = "関係者限り";
	fx->own[1] = "取扱注意";
	fx->own[2] = "一般";
	ledger_problems_init(&fx->problems, &fx->arena);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	ledger_problems_release(&fx->problems);
	arena_release(&fx->arena);
	i18n_free(fx->msgs);
	catalog_free(fx->cat);
	free(fx);
	return 0;
}

/* A map of layout l's columns in their order, as if read from a file. */
static void map_of(enum ledger_layout l, struct ledger_map *map)
{
	const enum ledger_field *fields;
	size_t n = ledger_fields(l, &fields), i;
	int f;

	memset(map, 0, sizeof(*map));
	map->layout = l;
	for (f = 0; f < LEDGER_FIELD_COUNT; f++)
		map->column[f] = -1;
	for (i = 0; i < n; i++) {
		map->column[fields[i]] = (int)i;
		map->header[fields[i]] = ledger_column(fields[i])->header.ja;
	}
}

/* The field whose key is name, or -1. */
static int field_of(const char *name)
{
	int f;

	for (f = 0; f < LEDGER_FIELD_COUNT; f++)
		if (!strcmp(ledger_column((enum ledger_field)f)->key, name))
			return f;
	return -1;
}

static void test_ledger__layout_names(void **state)
{
	enum ledger_layout l = LEDGER_IPA;

	(void)state;
	assert_int_equal(ledger_layout_parse("ipa", &l), 0);
	assert_int_equal(l, LEDGER_IPA);
	assert_int_equal(ledger_layout_parse("full", &l), 0);
	assert_int_equal(l, LEDGER_FULL);
	assert_int_equal(ledger_layout_parse("auto", &l), 0);
	assert_int_equal(l, LEDGER_AUTO);
	assert_int_equal(ledger_layout_parse("IPA", &l), -1);
	assert_int_equal(ledger_layout_parse("", &l), -1);
	assert_string_equal(ledger_layout_name(LEDGER_FULL), "full");
}

static void test_ledger__headers(void **state)
{
	static const char *const ipa_ja[] = {
		"業務分類",	"情報資産名称", "備考",	    "利用者範囲",
		"管理部署",	"媒体・保存先", "個人情報", "要配慮個人情報",
		"マイナンバー", "機密性",	"完全性",   "可用性",
		"重要度",	"保存期限",	"登録日",
	};
	static const char *const full_en[] = {
		"ID",
		"Business category",
		"Asset name",
		"Notes",
		"Users",
		"Risk owner",
		"Department",
		"Medium or location",
		"Personal data",
		"Sensitive personal data",
		"My Number",
		"Confidentiality",
		"Integrity",
		"Availability",
		"Importance",
		"Retention",
		"Registered on",
		"Classification",
	};
	struct ledger_cells cells;
	size_t i;

	(void)state;
	ledger_header(LEDGER_IPA, LANG_JA, &cells);
	assert_int_equal(cells.count, ARRAY_SIZE(ipa_ja));
	for (i = 0; i < cells.count; i++)
		assert_string_equal(cells.cells[i], ipa_ja[i]);
	ledger_header(LEDGER_FULL, LANG_EN, &cells);
	assert_int_equal(cells.count, ARRAY_SIZE(full_en));
	for (i = 0; i < cells.count; i++)
		assert_string_equal(cells.cells[i], full_en[i]);
	/* Every header of either language maps back to its field. */
	for (i = 0; i < LEDGER_FIELD_COUNT; i++) {
		const struct ledger_column *c =
			ledger_column((enum ledger_field)i);
		size_t k;

		assert_int_equal(c->field, i);
		assert_int_equal(ledger_header_field(c->header.ja), (int)i);
		assert_int_equal(ledger_header_field(c->header.en), (int)i);
		assert_int_equal(ledger_header_field(c->key), (int)i);
		for (k = 0; c->aliases[k]; k++)
			if (ledger_header_field(c->aliases[k]) != (int)i)
				fail_msg("alias '%s' of %s", c->aliases[k],
					 c->key);
	}
}

/* The message keys the columns and problems name exist in both languages. */
static void test_ledger__messages_exist(void **state)
{
	struct fixture *fx = *state;
	static const char *const keys[] = {
		"ledger.method_ipa",	"ledger.method_three_point",
		"ledger.bad_mark",	"ledger.not_a_number",
		"ledger.off_scale",	"ledger.bad_date",
		"ledger.unknown_label", "ledger.bad_id",
		"ledger.duplicate_id",	"ledger.no_header",
		"ledger.no_column",	"ledger.twice_column",
		"ledger.cia_columns",	"asset.partly_rated",
	};
	size_t i;

	for (i = 0; i < LEDGER_FIELD_COUNT; i++)
		assert_non_null(i18n_find(
			fx->msgs,
			ledger_column((enum ledger_field)i)->message));
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (!i18n_find(fx->msgs, keys[i]))
			fail_msg("no message %s", keys[i]);
}

/* Reads tests/data/<name>, calling fn for each row's tab-split fields. */
static void each_row(const char *name, size_t want_fields,
		     void (*fn)(void *ctx, char **fields, const char *where),
		     void *ctx)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	char path[4096], line[1024], where[4200];
	int lineno = 0, header = 0;
	FILE *fp;

	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	snprintf(path, sizeof(path), "%s/tests/data/%s", root, name);
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), fp)) {
		char *fields[8], *p = line;
		size_t n = 0;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#')
			continue;
		if (!header) {
			header = 1;
			continue;
		}
		for (;;) {
			char *tab = strchr(p, '\t');

			if (n < ARRAY_SIZE(fields))
				fields[n++] = p;
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (n != want_fields)
			fail_msg("%s:%d: %zu fields", path, lineno, n);
		snprintf(where, sizeof(where), "%s:%d", path, lineno);
		fn(ctx, fields, where);
	}
	fclose(fp);
}

static void header_row(void *ctx, char **f, const char *where)
{
	int want = !strcmp(f[1], "-")	    ? -1
		   : !strcmp(f[1], "group") ? LEDGER_GROUP
					    : field_of(f[1]);
	int got = ledger_header_field(f[0]);

	(void)ctx;
	if (strcmp(f[1], "-") && strcmp(f[1], "group") && want < 0)
		fail_msg("%s: unknown field %s", where, f[1]);
	if (got != want)
		fail_msg("%s: '%s' gives %d, expected %d", where, f[0], got,
			 want);
}

static void test_ledger__header_table(void **state)
{
	(void)state;
	each_row("ledger_headers.tsv", 2, header_row, NULL);
}

/* Undoes \n, \r, \t and \xHH of a test table's cell, in place. */
static void unescape(char *s)
{
	char *o = s;

	while (*s) {
		if (s[0] == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'r') {
			*o++ = '\r';
			s += 2;
		} else if (s[0] == '\\' && s[1] == 't') {
			*o++ = '\t';
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
			char hex[3] = { s[2], s[3], 0 };

			*o++ = (char)strtol(hex, NULL, 16);
			s += 4;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
}

/* The stored value of field f of a, as the values table writes it. */
static const char *stored(struct fixture *fx, const struct asset *a, int f)
{
	switch ((enum ledger_field)f) {
	case LEDGER_ID:
		return arena_printf(&fx->arena, "%lld", (long long)a->id);
	case LEDGER_CATEGORY:
		return a->category;
	case LEDGER_NOTES:
		return a->notes;
	case LEDGER_USERS:
		return a->users;
	case LEDGER_MEDIUM:
		return a->medium;
	case LEDGER_PERSONAL:
		return a->personal & PERSONAL_DATA ? "1" : "0";
	case LEDGER_SENSITIVE:
		return a->personal & PERSONAL_SENSITIVE ? "1" : "0";
	case LEDGER_MY_NUMBER:
		return a->personal & PERSONAL_MY_NUMBER ? "1" : "0";
	case LEDGER_C:
		return a->c == RISK_UNRATED
			       ? "unrated"
			       : arena_printf(&fx->arena, "%d", a->c);
	case LEDGER_RETENTION:
		return a->retention;
	case LEDGER_REGISTERED:
		return !strcmp(a->registered_on, fx->ctx.today)
			       ? "today"
			       : a->registered_on;
	case LEDGER_LABEL:
		return a->label;
	default:
		fail_msg("field %d is not in the values table", f);
	}
	return NULL;
}

static void value_row(void *ctx, char **f, const char *where)
{
	struct fixture *fx = ctx;
	const char *cells[LEDGER_FIELD_COUNT];
	struct ledger_map map;
	struct asset a;
	enum risk_method method;
	enum ledger_read got;
	int field = field_of(f[1]), k;
	const char *value;

	if (field < 0 || risk_method_parse(f[0], &method))
		fail_msg("%s: unknown field or method", where);
	unescape(f[2]);
	fx->ctx.method = catalog_method(fx->cat, method);
	map_of(LEDGER_FULL, &map);
	for (k = 0; k < LEDGER_FIELD_COUNT; k++)
		cells[k] = "";
	cells[map.column[LEDGER_NAME]] = "顧客名簿";
	cells[map.column[LEDGER_MEDIUM]] = "書類";
	cells[map.column[field]] = f[2];
	if (field == LEDGER_C)
		cells[map.column[LEDGER_I]] = cells[map.column[LEDGER_A]] =
			f[2];
	ledger_problems_release(&fx->problems);
	ledger_asset_init(&a);
	got = ledger_read_row(&fx->ctx, &map, 7, cells, LEDGER_FIELD_COUNT,
			      &fx->arena, &a, &fx->problems);
	if (!strcmp(f[4], "-")) {
		if (fx->problems.count)
			fail_msg("%s: problem %s", where,
				 fx->problems.v[0].key);
		assert_int_equal(got, LEDGER_ROW_OK);
	} else {
		if (got != LEDGER_ROW_BAD || !fx->problems.count)
			fail_msg("%s: no problem, expected %s", where, f[4]);
		/* One mistake, one problem, named by its own message. */
		if (strcmp(fx->problems.v[0].key, f[4]))
			fail_msg("%s: problem %s, expected %s", where,
				 fx->problems.v[0].key, f[4]);
		assert_int_equal(fx->problems.v[0].row, 7);
		assert_string_equal(
			fx->problems.v[0].column,
			ledger_column((enum ledger_field)field)->header.ja);
		if (field == LEDGER_C)
			assert_int_equal(fx->problems.count, 3);
		else
			assert_int_equal(fx->problems.count, 1);
	}
	if (strcmp(f[3], "-")) {
		unescape(f[3]);
		value = stored(fx, &a, field);
		if (strcmp(value, f[3]))
			fail_msg("%s: stored '%s', expected '%s'", where, value,
				 f[3]);
	}
	fx->ctx.method = catalog_method(fx->cat, RISK_IPA);
}

static void test_ledger__value_table(void **state)
{
	each_row("ledger_values.tsv", 5, value_row, *state);
}

static struct asset sample(void)
{
	struct asset a;

	ledger_asset_init(&a);
	a.id = 42;
	a.category = "人事";
	a.name = "社員名簿, \"旧\"";
	a.notes = "=1+1";
	a.users = "人事部";
	a.owner = "総務部長";
	a.department = "総務部";
	a.medium = "office_pc";
	a.personal = PERSONAL_DATA | PERSONAL_MY_NUMBER;
	a.c = 2;
	a.i = 1;
	a.a = 0;
	a.importance = 2;
	a.retention = "5年";
	a.registered_on = "2024-04-01";
	a.label = "internal";
	return a;
}

static void test_ledger__row(void **state)
{
	struct fixture *fx = *state;
	static const char *const want_ja[] = {
		"42",	  "人事",	"社員名簿, \"旧\"",
		"=1+1",	  "人事部",	"総務部長",
		"総務部", "事務所PC",	"有",
		"",	  "有",		"2",
		"1",	  "0",		"2",
		"5年",	  "2024-04-01", "社外秘",
	};
	struct asset a = sample();
	struct ledger_cells cells;
	size_t i;

	ledger_row(&fx->ctx, LEDGER_FULL, &a, &cells);
	assert_int_equal(cells.count, ARRAY_SIZE(want_ja));
	for (i = 0; i < cells.count; i++)
		assert_string_equal(cells.cells[i], want_ja[i]);
	fx->ctx.lang = LANG_EN;
	ledger_row(&fx->ctx, LEDGER_IPA, &a, &cells);
	assert_int_equal(cells.count, 15);
	assert_string_equal(cells.cells[5], "office PC");
	assert_string_equal(cells.cells[6], "yes");
	assert_string_equal(cells.cells[7], "");
	assert_string_equal(cells.cells[8], "yes");
	/* Unrated: empty cells, the importance too; own words as typed. */
	a.c = a.i = a.a = RISK_UNRATED;
	a.medium = "社外の倉庫";
	a.label = "取扱注意";
	ledger_row(&fx->ctx, LEDGER_FULL, &a, &cells);
	assert_string_equal(cells.cells[7], "社外の倉庫");
	for (i = 11; i <= 14; i++)
		assert_string_equal(cells.cells[i], "");
	assert_string_equal(cells.cells[17], "取扱注意");
	fx->ctx.lang = LANG_JA;
}

/* Written and read back, in either language, an asset is the same. */
static void test_ledger__round_trip(void **state)
{
	struct fixture *fx = *state;
	struct asset a = sample(), b;
	struct ledger_cells cells;
	struct ledger_map map;
	int lang;

	ledger_problems_release(&fx->problems);
	for (lang = LANG_JA; lang <= LANG_EN; lang++) {
		fx->ctx.lang = (enum lang)lang;
		ledger_row(&fx->ctx, LEDGER_FULL, &a, &cells);
		map_of(LEDGER_FULL, &map);
		ledger_asset_init(&b);
		assert_int_equal(ledger_read_row(&fx->ctx, &map, 2, cells.cells,
						 cells.count, &fx->arena, &b,
						 &fx->problems),
				 LEDGER_ROW_OK);
		assert_int_equal(fx->problems.count, 0);
		assert_int_equal(b.id, a.id);
		assert_string_equal(b.name, a.name);
		assert_string_equal(b.notes, a.notes);
		assert_string_equal(b.owner, a.owner);
		assert_string_equal(b.medium, "office_pc");
		assert_int_equal(b.personal, a.personal);
		assert_int_equal(b.c, 2);
		assert_int_equal(b.i, 1);
		assert_int_equal(b.a, 0);
		assert_int_equal(b.importance, 2);
		assert_string_equal(b.registered_on, a.registered_on);
		assert_string_equal(b.label, "internal");
	}
	fx->ctx.lang = LANG_JA;
}

/* A row with several mistakes gives every one, each with its message. */
static void test_ledger__every_problem(void **state)
{
	struct fixture *fx = *state;
	static const char *const want[] = {
		"ledger.bad_id",    "input.too_long",
		"input.required",   "ledger.bad_mark",
		"ledger.off_scale", "ledger.not_a_number",
		"ledger.bad_date",  "ledger.unknown_label",
	};
	const char *cells[LEDGER_FIELD_COUNT];
	char long_name[ASSET_NAME_MAX * 3 + 4];
	struct ledger_map map;
	struct asset a;
	size_t i;

	memset(long_name, 0, sizeof(long_name));
	for (i = 0; i < ASSET_NAME_MAX + 1; i++)
		memcpy(long_name + i * 3, "名", 3);
	map_of(LEDGER_FULL, &map);
	for (i = 0; i < LEDGER_FIELD_COUNT; i++)
		cells[i] = "";
	cells[map.column[LEDGER_ID]] = "x1";
	cells[map.column[LEDGER_NAME]] = long_name;
	cells[map.column[LEDGER_PERSONAL]] = "?";
	cells[map.column[LEDGER_C]] = "5";
	cells[map.column[LEDGER_I]] = "中";
	cells[map.column[LEDGER_A]] = "1";
	cells[map.column[LEDGER_REGISTERED]] = "いつか";
	cells[map.column[LEDGER_LABEL]] = "秘";
	ledger_problems_release(&fx->problems);
	ledger_asset_init(&a);
	assert_int_equal(ledger_read_row(&fx->ctx, &map, 9, cells,
					 LEDGER_FIELD_COUNT, &fx->arena, &a,
					 &fx->problems),
			 LEDGER_ROW_BAD);
	assert_int_equal(fx->problems.count, ARRAY_SIZE(want));
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		assert_string_equal(fx->problems.v[i].key, want[i]);
		assert_int_equal(fx->problems.v[i].row, 9);
	}
	/* The medium was empty: named by its field, with no value. */
	assert_string_equal(fx->problems.v[2].column, "媒体・保存先");
	assert_string_equal(fx->problems.v[2].args[0], "asset.medium");
	assert_string_equal(fx->problems.v[4].value, "5");
	assert_string_equal(fx->problems.v[4].args[3], "ledger.method_ipa");
	/* The labels the organisation can use are listed. */
	assert_string_equal(fx->problems.v[7].args[1], "極秘, 社外秘, 公開");
}

static void test_ledger__partly_rated(void **state)
{
	struct fixture *fx = *state;
	const char *cells[LEDGER_FIELD_COUNT];
	struct ledger_map map;
	struct asset a;
	size_t i;

	map_of(LEDGER_IPA, &map);
	for (i = 0; i < LEDGER_FIELD_COUNT; i++)
		cells[i] = "";
	cells[map.column[LEDGER_NAME]] = "見積書";
	cells[map.column[LEDGER_MEDIUM]] = "書類";
	cells[map.column[LEDGER_C]] = "1";
	cells[map.column[LEDGER_A]] = "1";
	/* A mark that is wrong does not hide the half rating. */
	cells[map.column[LEDGER_PERSONAL]] = "?";
	ledger_problems_release(&fx->problems);
	ledger_asset_init(&a);
	assert_int_equal(ledger_read_row(&fx->ctx, &map, 3, cells,
					 LEDGER_FIELD_COUNT, &fx->arena, &a,
					 &fx->problems),
			 LEDGER_ROW_BAD);
	assert_int_equal(fx->problems.count, 2);
	assert_string_equal(fx->problems.v[1].key, "asset.partly_rated");
	assert_string_equal(fx->problems.v[1].column, "完全性");
	assert_int_equal(a.importance, RISK_UNRATED);
}

static void test_ledger__blank_rows(void **state)
{
	struct fixture *fx = *state;
	const char *cells[LEDGER_FIELD_COUNT];
	struct ledger_map map;
	struct asset a;
	size_t i;

	map_of(LEDGER_IPA, &map);
	for (i = 0; i < LEDGER_FIELD_COUNT; i++)
		cells[i] = "";
	ledger_problems_release(&fx->problems);
	ledger_asset_init(&a);
	assert_int_equal(ledger_read_row(&fx->ctx, &map, 3, cells, 0,
					 &fx->arena, &a, &fx->problems),
			 LEDGER_ROW_BLANK);
	/* Spaces, and the importance a sheet's formula shows, are nothing. */
	cells[map.column[LEDGER_NAME]] = " 　";
	cells[map.column[LEDGER_IMPORTANCE]] = "0";
	assert_int_equal(ledger_read_row(&fx->ctx, &map, 3, cells,
					 LEDGER_FIELD_COUNT, &fx->arena, &a,
					 &fx->problems),
			 LEDGER_ROW_BLANK);
	assert_int_equal(fx->problems.count, 0);
	/* A short row: the missing cells are empty. */
	cells[map.column[LEDGER_NAME]] = "請求書";
	cells[map.column[LEDGER_MEDIUM]] = "書類";
	assert_int_equal(ledger_read_row(&fx->ctx, &map, 3, cells,
					 (size_t)map.column[LEDGER_MEDIUM] + 1,
					 &fx->arena, &a, &fx->problems),
			 LEDGER_ROW_OK);
	assert_string_equal(a.registered_on, "2030-01-02");
	assert_int_equal(a.c, RISK_UNRATED);
}

/* With labels of its own, an organisation uses those and only those. */
static void test_ledger__own_labels(void **state)
{
	struct fixture *fx = *state;
	const char *cells[LEDGER_FIELD_COUNT];
	struct ledger_map map;
	struct asset a;
	size_t i;

	fx->ctx.labels = fx->own;
	fx->ctx.label_count = 3;
	map_of(LEDGER_FULL, &map);
	for (i = 0; i < LEDGER_FIELD_COUNT; i++)
		cells[i] = "";
	cells[map.column[LEDGER_NAME]] = "図面";
	cells[map.column[LEDGER_MEDIUM]] = "社内サーバー";
	cells[map.column[LEDGER_LABEL]] = " 取扱注意 ";
	ledger_problems_release(&fx->problems);
	ledger_asset_init(&a);
	assert_int_equal(ledger_read_row(&fx->ctx, &map, 2, cells,
					 LEDGER_FIELD_COUNT, &fx->arena, &a,
					 &fx->problems),
			 LEDGER_ROW_OK);
	assert_ptr_equal(a.label, fx->own[1]);
	cells[map.column[LEDGER_LABEL]] = "社外秘";
	assert_int_equal(ledger_read_row(&fx->ctx, &map, 2, cells,
					 LEDGER_FIELD_COUNT, &fx->arena, &a,
					 &fx->problems),
			 LEDGER_ROW_BAD);
	assert_string_equal(fx->problems.v[0].key, "ledger.unknown_label");
	assert_string_equal(fx->problems.v[0].args[1],
			    "関係者限り, 取扱注意, 一般");
	fx->ctx.labels = NULL;
	fx->ctx.label_count = 0;
}

static void test_ledger__serial_dates(void **state)
{
	static const struct {
		const char *serial;
		const char *date;
	} cases[] = {
		{ "1", "1900-01-01" },
		{ "59", "1900-02-28" },
		{ "60", NULL },
		{ "61", "1900-03-01" },
		{ "25569", "1970-01-01" },
		{ "45383", "2024-04-01" },
		{ "45383.75", "2024-04-01" },
		{ "2958465", "9999-12-31" },
		{ "2958466", NULL },
		{ "0", NULL },
		{ "", NULL },
		{ "1e3", NULL },
		{ "-5", NULL },
		{ "12345678", NULL },
	};
	char out[11];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int rc = ledger_serial_date(cases[i].serial, out);

		if (!cases[i].date) {
			if (rc == 0)
				fail_msg("serial '%s' gave %s", cases[i].serial,
					 out);
			continue;
		}
		if (rc)
			fail_msg("serial '%s' refused", cases[i].serial);
		assert_string_equal(out, cases[i].date);
	}
}

static void test_ledger__fold(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	ledger_fold("　ＡＢＣ　１２３！　", &sb);
	assert_string_equal(sb.buf, "ABC 123!");
	strbuf_reset(&sb);
	ledger_fold("  漢字ｶﾅ  ", &sb);
	assert_string_equal(sb.buf, "漢字ｶﾅ");
	strbuf_reset(&sb);
	ledger_fold(" \t\r\n", &sb);
	assert_string_equal(sb.buf, "");
	/* It appends, leaving what was there alone. */
	strbuf_addstr(&sb, "前 ");
	ledger_fold("　", &sb);
	assert_string_equal(sb.buf, "前 ");
	ledger_fold(" ｘ ", &sb);
	assert_string_equal(sb.buf, "前 x");
	strbuf_release(&sb);
}

/* Rows for ledger_find_header: cells separated by "|". */
struct rows {
	const char *const *lines;
	size_t count;
	size_t first_row_no;
	char *cells[32][24];
	size_t counts[32];
};

static void rows_split(struct rows *r)
{
	size_t i;

	for (i = 0; i < r->count; i++) {
		char *copy = strdup(r->lines[i]), *p = copy;
		size_t n = 0;

		for (;;) {
			char *bar = strchr(p, '|');

			if (bar)
				*bar = '\0';
			r->cells[i][n++] = strdup(p);
			if (!bar)
				break;
			p = bar + 1;
		}
		r->counts[i] = n;
		free(copy);
	}
}

static void rows_free(struct rows *r)
{
	size_t i, k;

	for (i = 0; i < r->count; i++)
		for (k = 0; k < r->counts[i]; k++)
			free(r->cells[i][k]);
}

static const char *const *row_at(void *ctx, size_t index, size_t *count,
				 size_t *row_no)
{
	struct rows *r = ctx;

	*count = r->counts[index];
	*row_no = r->first_row_no + index;
	return (const char *const *)r->cells[index];
}

/* The rows of the last find(): the map's headers point into them. */
static struct rows found_rows;

static int find(const char *const *lines, size_t count, size_t first,
		enum ledger_layout layout, struct ledger_map *map,
		struct error *err)
{
	struct rows *r = &found_rows;

	rows_free(r);
	memset(r, 0, sizeof(*r));
	r->lines = lines;
	r->count = count;
	r->first_row_no = first;
	rows_split(r);
	return ledger_find_header(row_at, r, count, layout, map, err);
}

static void test_ledger__find_header(void **state)
{
	static const char *const titled[] = {
		"情報資産管理台帳",
		"",
		"作成日|2025/4/1",
		"No.|業務分類|情報資産名称|備考|媒体・保存先|機密性|完全性|"
		"可用性|記入例",
		"1|人事|社員名簿||書類|2|0|0",
	};
	/* The IPA sheet: 評価値 and 個人情報の種類 over their columns. */
	static const char *const two_rows[] = {
		"業務分類|情報資産名称|媒体・保存先|個人情報の種類|||評価値|||"
		"重要度|登録日",
		"|||個人情報|要配慮個人情報|マイナンバー|機密性|完全性|可用性",
		"総務|契約書|書類|||||1|1|1|",
	};
	static const char *const with_id[] = {
		"ID|情報資産名称|媒体・保存先|機密区分",
	};
	struct error err = ERROR_INIT;
	struct ledger_map map;

	(void)state;
	assert_int_equal(find(titled, ARRAY_SIZE(titled), 1, LEDGER_AUTO, &map,
			      &err),
			 0);
	assert_int_equal(map.header_row, 3);
	assert_int_equal(map.data_row, 4);
	assert_int_equal(map.layout, LEDGER_IPA);
	assert_int_equal(map.column[LEDGER_NAME], 2);
	assert_int_equal(map.column[LEDGER_A], 7);
	assert_int_equal(map.column[LEDGER_ID], -1);
	assert_int_equal(map.unknown_count, 2); /* No. and 記入例 */
	assert_int_equal(map.unknown[0], 0);
	assert_int_equal(map.unknown[1], 8);

	assert_int_equal(find(two_rows, ARRAY_SIZE(two_rows), 5, LEDGER_AUTO,
			      &map, &err),
			 0);
	assert_int_equal(map.header_row, 0);
	assert_int_equal(map.data_row, 2);
	assert_int_equal(map.column[LEDGER_PERSONAL], 3);
	assert_int_equal(map.column[LEDGER_MY_NUMBER], 5);
	assert_int_equal(map.column[LEDGER_C], 6);
	assert_int_equal(map.column[LEDGER_A], 8);
	assert_int_equal(map.column[LEDGER_IMPORTANCE], 9);
	assert_string_equal(map.header[LEDGER_I], "完全性");
	assert_int_equal(map.unknown_count, 0);

	assert_int_equal(find(with_id, 1, 1, LEDGER_AUTO, &map, &err), 0);
	assert_int_equal(map.layout, LEDGER_FULL);
	assert_int_equal(map.column[LEDGER_ID], 0);
	assert_int_equal(map.column[LEDGER_LABEL], 3);
	/* The IPA layout leaves the full layout's own columns aside. */
	assert_int_equal(find(with_id, 1, 1, LEDGER_IPA, &map, &err), 0);
	assert_int_equal(map.layout, LEDGER_IPA);
	assert_int_equal(map.column[LEDGER_ID], -1);
	assert_int_equal(map.column[LEDGER_LABEL], -1);
	assert_int_equal(map.outside_count, 2);
	assert_int_equal(map.outside[0], LEDGER_ID);
	assert_int_equal(map.outside[1], LEDGER_LABEL);
}

static void expect_header_error(const char *const *lines, size_t count,
				size_t first, const char *key)
{
	struct error err = ERROR_INIT;
	struct ledger_map map;

	assert_int_equal(find(lines, count, first, LEDGER_AUTO, &map, &err),
			 -1);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, key);
}

static void test_ledger__header_errors(void **state)
{
	static const char *const none[] = { "名前|場所", "社員名簿|書類" };
	static const char *const one[] = { "情報資産名称|場所" };
	static const char *const twice[] = {
		"情報資産名称|媒体|資産名",
	};
	static const char *const no_name[] = { "業務分類|媒体・保存先" };
	static const char *const no_medium[] = { "業務分類|資産名" };
	static const char *const half_cia[] = {
		"資産名|媒体|機密性|可用性",
	};
	static const char *const late[] = { "資産名|媒体" };
	struct error err = ERROR_INIT;
	struct ledger_map map;

	(void)state;
	expect_header_error(none, ARRAY_SIZE(none), 1, "ledger.no_header");
	expect_header_error(one, 1, 1, "ledger.no_header");
	expect_header_error(twice, 1, 1, "ledger.twice_column");
	expect_header_error(no_name, 1, 1, "ledger.no_column");
	expect_header_error(no_medium, 1, 1, "ledger.no_column");
	expect_header_error(half_cia, 1, 1, "ledger.cia_columns");
	/* The header is looked for in the first 20 rows only. */
	assert_int_equal(find(late, 1, 20, LEDGER_AUTO, &map, &err), 0);
	expect_header_error(late, 1, 21, "ledger.no_header");
	assert_int_equal(find(twice, 1, 1, LEDGER_AUTO, &map, &err), -1);
	assert_string_equal(err.args[0], "asset.name");
	assert_string_equal(err.args[1], "1");
	assert_string_equal(err.args[2], "3");
}

static void test_ledger__duplicate_ids(void **state)
{
	struct fixture *fx = *state;
	const int64_t ids[] = { 5, 0, 7, 5, 0, 5 };
	const size_t rows[] = { 2, 3, 4, 5, 6, 9 };
	struct ledger_map map;

	map_of(LEDGER_FULL, &map);
	ledger_problems_release(&fx->problems);
	ledger_check_ids(&map, ids, rows, ARRAY_SIZE(ids), &fx->problems);
	/* Rows without an ID are new assets, never repeats. */
	assert_int_equal(fx->problems.count, 2);
	assert_string_equal(fx->problems.v[0].key, "ledger.duplicate_id");
	assert_int_equal(fx->problems.v[0].row, 5);
	assert_string_equal(fx->problems.v[0].args[1], "2");
	assert_int_equal(fx->problems.v[1].row, 9);
	assert_string_equal(fx->problems.v[1].args[1], "2");
	assert_string_equal(fx->problems.v[1].column, "ID");
}

static void test_ledger__overlay(void **state)
{
	struct asset from = sample(), to;
	struct ledger_map map;

	(void)state;
	map_of(LEDGER_IPA, &map);
	ledger_asset_init(&to);
	to.owner = "前の所有者";
	to.label = "secret";
	to.personal = PERSONAL_SENSITIVE;
	ledger_overlay(&map, &from, &to);
	/* The IPA columns come from the file; the others stay. */
	assert_string_equal(to.name, from.name);
	assert_string_equal(to.medium, "office_pc");
	assert_int_equal(to.personal, from.personal);
	assert_int_equal(to.importance, 2);
	assert_string_equal(to.owner, "前の所有者");
	assert_string_equal(to.label, "secret");
	/* A mark the file lacks keeps its bit; the others follow. */
	map.column[LEDGER_SENSITIVE] = -1;
	to.personal = PERSONAL_SENSITIVE;
	ledger_overlay(&map, &from, &to);
	assert_int_equal(to.personal, PERSONAL_ALL);
}

static void test_ledger__problems_capped(void **state)
{
	struct fixture *fx = *state;
	struct error e = ERROR_INIT;
	size_t i;

	error_set(&e, ERROR_INPUT, "ledger.bad_id", NULL);
	ledger_problems_release(&fx->problems);
	for (i = 0; i < LEDGER_PROBLEMS_MAX + 5; i++)
		ledger_problem_add(&fx->problems, i + 2, "ID", "x", &e);
	assert_int_equal(fx->problems.count, LEDGER_PROBLEMS_MAX);
	assert_int_equal(fx->problems.more, 5);
	ledger_problems_release(&fx->problems);
	assert_int_equal(fx->problems.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ledger__layout_names),
		cmocka_unit_test(test_ledger__headers),
		cmocka_unit_test(test_ledger__messages_exist),
		cmocka_unit_test(test_ledger__header_table),
		cmocka_unit_test(test_ledger__value_table),
		cmocka_unit_test(test_ledger__row),
		cmocka_unit_test(test_ledger__round_trip),
		cmocka_unit_test(test_ledger__every_problem),
		cmocka_unit_test(test_ledger__partly_rated),
		cmocka_unit_test(test_ledger__blank_rows),
		cmocka_unit_test(test_ledger__own_labels),
		cmocka_unit_test(test_ledger__serial_dates),
		cmocka_unit_test(test_ledger__fold),
		cmocka_unit_test(test_ledger__find_header),
		cmocka_unit_test(test_ledger__header_errors),
		cmocka_unit_test(test_ledger__duplicate_ids),
		cmocka_unit_test(test_ledger__overlay),
		cmocka_unit_test(test_ledger__problems_capped),
	};

	int rc = cmocka_run_group_tests(tests, setup, teardown);

	rows_free(&found_rows);
	return rc;
}
