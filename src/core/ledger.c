/* ledger.c: the asset register's spreadsheet layouts and their mapping. */
#include "util/compat.h"
#include "core/ledger.h"

#include <stdarg.h>
#include <string.h>

#include "core/validate.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/*
 * The columns.  The Japanese headers are the IPA ledger's own; the
 * aliases are the spellings seen in registers that offices keep by hand
 * (compared without spaces, case, width or punctuation).
 */
static const struct ledger_column columns[LEDGER_FIELD_COUNT] = {
	{ LEDGER_ID,
	  "id",
	  "ledger.field_id",
	  { "ID", "ID" },
	  { "資産ID", "asset id", NULL },
	  1,
	  8 },
	{ LEDGER_CATEGORY,
	  "category",
	  "asset.category",
	  { "業務分類", "Business category" },
	  { "業務", "業務区分", "業務名", "category", "business", NULL },
	  0,
	  16 },
	{ LEDGER_NAME,
	  "name",
	  "asset.name",
	  { "情報資産名称", "Asset name" },
	  { "情報資産名", "資産名称", "資産名", "情報資産", "名称", "name",
	    "asset", "information asset", NULL },
	  0,
	  30 },
	{ LEDGER_NOTES,
	  "notes",
	  "asset.notes",
	  { "備考", "Notes" },
	  { "メモ", "説明", "補足", "note", "remarks", "description", "comment",
	    NULL },
	  0,
	  40 },
	{ LEDGER_USERS,
	  "users",
	  "asset.users",
	  { "利用者範囲", "Users" },
	  { "利用者", "利用範囲", "利用者の範囲", "user", "user scope", NULL },
	  0,
	  16 },
	{ LEDGER_OWNER,
	  "owner",
	  "asset.owner",
	  { "リスク所有者", "Risk owner" },
	  { "所有者", "資産所有者", "管理責任者", "責任者", "owner",
	    "asset owner", NULL },
	  0,
	  14 },
	{ LEDGER_DEPARTMENT,
	  "department",
	  "asset.department",
	  { "管理部署", "Department" },
	  { "部署", "管理部門", "担当部署", "所管部署", "department",
	    "managing department", "dept", NULL },
	  0,
	  14 },
	{ LEDGER_MEDIUM,
	  "medium",
	  "asset.medium",
	  { "媒体・保存先", "Medium or location" },
	  { "媒体", "保存先", "保管場所", "保存場所", "保管先", "medium",
	    "media", "location", "storage", NULL },
	  0,
	  16 },
	{ LEDGER_PERSONAL,
	  "personal",
	  "ledger.field_personal",
	  { "個人情報", "Personal data" },
	  { "個人情報の有無", "個人情報あり", "personal",
	    "personal information", "pii", NULL },
	  0,
	  10 },
	{ LEDGER_SENSITIVE,
	  "sensitive",
	  "ledger.field_sensitive",
	  { "要配慮個人情報", "Sensitive personal data" },
	  { "要配慮", "要配慮個人情報あり", "sensitive", "sensitive data",
	    NULL },
	  0,
	  14 },
	{ LEDGER_MY_NUMBER,
	  "my_number",
	  "ledger.field_my_number",
	  { "マイナンバー", "My Number" },
	  { "個人番号", "特定個人情報", "individual number", NULL },
	  0,
	  12 },
	{ LEDGER_C,
	  "c",
	  "asset.c",
	  { "機密性", "Confidentiality" },
	  { "機密性c", "c", NULL },
	  1,
	  9 },
	{ LEDGER_I,
	  "i",
	  "asset.i",
	  { "完全性", "Integrity" },
	  { "完全性i", "i", NULL },
	  1,
	  9 },
	{ LEDGER_A,
	  "a",
	  "asset.a",
	  { "可用性", "Availability" },
	  { "可用性a", "a", NULL },
	  1,
	  9 },
	{ LEDGER_IMPORTANCE,
	  "importance",
	  "asset.importance",
	  { "重要度", "Importance" },
	  { "重要度評価", NULL },
	  1,
	  9 },
	{ LEDGER_RETENTION,
	  "retention",
	  "asset.retention",
	  { "保存期限", "Retention" },
	  { "保存期間", "保管期限", "保管期間", "retention period",
	    "keep until", NULL },
	  0,
	  12 },
	{ LEDGER_REGISTERED,
	  "registered",
	  "asset.registered_on",
	  { "登録日", "Registered on" },
	  { "登録年月日", "登録日付", "記入日", "作成日", "registered",
	    "registration date", "date registered", NULL },
	  0,
	  12 },
	{ LEDGER_LABEL,
	  "label",
	  "asset.label",
	  { "機密区分", "Classification" },
	  { "機密分類", "情報区分", "格付け", "秘密区分", "label",
	    "classification label", NULL },
	  0,
	  14 },
};

/* The IPA sheet's headers over two rows: 評価値 over 機密性 … 可用性. */
static const char *const group_headers[] = {
	"個人情報の種類",     "個人情報の種別", "評価値", "評価",
	"personal data kind", "rating",		NULL,
};

static const enum ledger_field ipa_fields[] = {
	LEDGER_CATEGORY,   LEDGER_NAME,	      LEDGER_NOTES,
	LEDGER_USERS,	   LEDGER_DEPARTMENT, LEDGER_MEDIUM,
	LEDGER_PERSONAL,   LEDGER_SENSITIVE,  LEDGER_MY_NUMBER,
	LEDGER_C,	   LEDGER_I,	      LEDGER_A,
	LEDGER_IMPORTANCE, LEDGER_RETENTION,  LEDGER_REGISTERED,
};

static const enum ledger_field full_fields[] = {
	LEDGER_ID,	   LEDGER_CATEGORY,   LEDGER_NAME,
	LEDGER_NOTES,	   LEDGER_USERS,      LEDGER_OWNER,
	LEDGER_DEPARTMENT, LEDGER_MEDIUM,     LEDGER_PERSONAL,
	LEDGER_SENSITIVE,  LEDGER_MY_NUMBER,  LEDGER_C,
	LEDGER_I,	   LEDGER_A,	      LEDGER_IMPORTANCE,
	LEDGER_RETENTION,  LEDGER_REGISTERED, LEDGER_LABEL,
};

/* Other words offices write for the built-in media (enum medium). */
static const char *const medium_aliases[MEDIUM_COUNT][8] = {
	[MEDIUM_PAPER] = { "紙", "紙媒体", "書面", "紙の書類", NULL },
	[MEDIUM_OFFICE_PC] = { "パソコン", "PC", "社内PC", "事務所パソコン",
			       "業務用PC", NULL },
	[MEDIUM_SERVER] = { "サーバ", "サーバー", "社内サーバ",
			    "ファイルサーバ", "ファイルサーバー", "NAS", NULL },
	[MEDIUM_PORTABLE] = { "可搬媒体", "外部記憶媒体", "USBメモリ",
			      "外付けHDD", NULL },
	[MEDIUM_MOBILE] = { "スマートフォン", "スマホ", "タブレット",
			    "携帯電話", "モバイル", NULL },
	[MEDIUM_CLOUD] = { "クラウド", "クラウドサービス", NULL },
};

/* Marks for personal data: set, and the ones that say "none". */
static const char *const marks_set[] = {
	"有", "有り", "あり", "はい", "○",    "〇", "◯",  "●",
	"✓",  "✔",    "1",    "yes",  "true", "y",  NULL,
};
static const char *const marks_unset[] = {
	"無", "無し", "なし", "いいえ", "0", "no", "false",
	"n",  "-",    "×",    "ー",	"―", "—",  NULL,
};

static const char *const layout_names[] = { "ipa", "full", "auto" };

const char *ledger_layout_name(enum ledger_layout l)
{
	return layout_names[l];
}

int ledger_layout_parse(const char *name, enum ledger_layout *l)
{
	int i = parse_name(layout_names, (int)ARRAY_SIZE(layout_names), name);

	if (i < 0)
		return -1;
	*l = (enum ledger_layout)i;
	return 0;
}

const struct ledger_column *ledger_column(enum ledger_field f)
{
	return &columns[f];
}

size_t ledger_fields(enum ledger_layout l, const enum ledger_field **fields)
{
	if (l == LEDGER_IPA) {
		*fields = ipa_fields;
		return ARRAY_SIZE(ipa_fields);
	}
	*fields = full_fields;
	return ARRAY_SIZE(full_fields);
}

int ledger_has_field(enum ledger_layout l, enum ledger_field f)
{
	const enum ledger_field *fields;
	size_t n = ledger_fields(l, &fields), i;

	for (i = 0; i < n; i++)
		if (fields[i] == f)
			return 1;
	return 0;
}

/* --- Text folding -------------------------------------------------- */

static int is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	       cp == 0x3000;
}

/*
 * The code point at s[*i] (advancing *i); a byte that is not UTF-8 comes
 * back as itself, so nothing is lost on the way to the validators.
 */
static uint32_t next_cp(const char *s, size_t len, size_t *i, size_t *n)
{
	uint32_t cp;

	*n = utf8_decode(s + *i, len - *i, &cp);
	if (!*n) {
		*n = 1;
		cp = (unsigned char)s[*i];
	}
	*i += *n;
	return cp;
}

void ledger_fold(const char *s, struct strbuf *out)
{
	size_t len = strlen(s), i = 0, start = out->len;

	while (i < len) {
		size_t at = i, n;
		uint32_t cp = next_cp(s, len, &i, &n);

		if (cp >= 0xff01 && cp <= 0xff5e)
			strbuf_addch(out, (int)(cp - 0xfee0));
		else if (is_space_cp(cp))
			strbuf_addch(out, ' ');
		else
			strbuf_add(out, s + at, n);
	}
	/* Only what was added here is trimmed, never what out held. */
	while (out->len > start && out->buf[out->len - 1] == ' ')
		strbuf_setlen(out, out->len - 1);
	i = start;
	while (i < out->len && out->buf[i] == ' ')
		i++;
	if (i > start) {
		memmove(out->buf + start, out->buf + i, out->len - i);
		strbuf_setlen(out, out->len - (i - start));
	}
}

/* Folded and lowercased: the form coded values are compared in. */
static void code_of(const char *s, struct strbuf *out)
{
	size_t i;

	strbuf_reset(out);
	ledger_fold(s, out);
	for (i = 0; i < out->len; i++)
		if (out->buf[i] >= 'A' && out->buf[i] <= 'Z')
			out->buf[i] = (char)(out->buf[i] - 'A' + 'a');
}

/*
 * Folded, lowercased, and without spaces or the punctuation headers and
 * names are written with in various ways (媒体・保存先, 媒体/保存先,
 * 機密性（C）, office_pc).
 */
static void squash(const char *s, struct strbuf *out)
{
	struct strbuf folded = STRBUF_INIT;
	size_t i = 0;

	code_of(s, &folded);
	strbuf_reset(out);
	while (i < folded.len) {
		size_t at = i, n;
		uint32_t cp = next_cp(folded.buf, folded.len, &i, &n);

		if (is_space_cp(cp) ||
		    (cp < 0x80 && strchr("/()[]._-:*#", (int)cp)) ||
		    cp == 0x30fb || cp == 0xff65 || cp == 0x203b ||
		    cp == 0x3010 || cp == 0x3011 || cp == 0x300c ||
		    cp == 0x300d)
			continue;
		strbuf_add(out, folded.buf + at, n);
	}
	strbuf_release(&folded);
}

/* Returns 1 when a and b squash to the same text (b may be squashed). */
static int same_word(const char *squashed, const char *b, struct strbuf *tmp)
{
	squash(b, tmp);
	return tmp->len && !strcmp(squashed, tmp->buf);
}

static int in_list(const char *code, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(code, *list))
			return 1;
	return 0;
}

/*
 * A free-text cell as stored: trimmed, a tab made a space, and a line
 * break inside it (Alt+Enter in Excel) kept as a line feed where the
 * field has lines (備考) and made one space where it is a single line.
 * Borrows cell when nothing changes.
 */
static const char *clean_text(struct arena *arena, const char *cell, int lines)
{
	static const char ideographic_space[] = "\xe3\x80\x80";
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(cell), i = 0, start = 0, end;
	const char *r;

	while (i < len) {
		size_t at = i, n;
		uint32_t cp = next_cp(cell, len, &i, &n);

		if (lines && (cp == '\r' || cp == '\n')) {
			/* CRLF and CR alone are one line feed. */
			if (cp == '\r' && i < len && cell[i] == '\n')
				i++;
			strbuf_addch(&sb, '\n');
			continue;
		}
		if (cp == '\r' || cp == '\n' || cp == '\t') {
			if (sb.len && sb.buf[sb.len - 1] != ' ')
				strbuf_addch(&sb, ' ');
			continue;
		}
		strbuf_add(&sb, cell + at, n);
	}
	/* Trim spaces, the ideographic space and lines at both ends. */
	end = sb.len;
	for (;;) {
		if (start < end &&
		    (sb.buf[start] == ' ' || sb.buf[start] == '\n'))
			start++;
		else if (start + 3 <= end &&
			 !memcmp(sb.buf + start, ideographic_space, 3))
			start += 3;
		else
			break;
	}
	for (;;) {
		if (end > start &&
		    (sb.buf[end - 1] == ' ' || sb.buf[end - 1] == '\n'))
			end--;
		else if (end >= start + 3 &&
			 !memcmp(sb.buf + end - 3, ideographic_space, 3))
			end -= 3;
		else
			break;
	}
	if (end - start == len && !memcmp(sb.buf + start, cell, len))
		r = cell;
	else
		r = arena_memdupz(arena, sb.buf + start, end - start);
	strbuf_release(&sb);
	return r;
}

/* --- Writing ------------------------------------------------------- */

void ledger_header(enum ledger_layout l, enum lang lang,
		   struct ledger_cells *out)
{
	const enum ledger_field *fields;
	size_t i;

	out->count = ledger_fields(l, &fields);
	for (i = 0; i < out->count; i++)
		out->cells[i] = text_get(&columns[fields[i]].header, lang);
}

/* The shown name of a built-in label id, or NULL. */
static const char *builtin_label(const struct ledger_context *ctx,
				 const char *id)
{
	size_t i;

	for (i = 0; i < ctx->builtin_label_count; i++)
		if (!strcmp(ctx->builtin_labels[i].id, id))
			return text_get(&ctx->builtin_labels[i].label,
					ctx->lang);
	return NULL;
}

static const char *number(struct ledger_cells *out, size_t k, int v)
{
	if (v == RISK_UNRATED)
		return "";
	snprintf(out->numbers[k], sizeof(out->numbers[k]), "%d", v);
	return out->numbers[k];
}

void ledger_row(const struct ledger_context *ctx, enum ledger_layout l,
		const struct asset *a, struct ledger_cells *out)
{
	const char *mark = ctx->lang == LANG_EN ? "yes" : "有";
	const enum ledger_field *fields;
	int m = asset_medium(a);
	size_t k;

	out->count = ledger_fields(l, &fields);
	for (k = 0; k < out->count; k++) {
		const char *v = "";

		switch (fields[k]) {
		case LEDGER_ID:
			snprintf(out->numbers[k], sizeof(out->numbers[k]),
				 "%lld", (long long)a->id);
			v = out->numbers[k];
			break;
		case LEDGER_CATEGORY:
			v = a->category;
			break;
		case LEDGER_NAME:
			v = a->name;
			break;
		case LEDGER_NOTES:
			v = a->notes;
			break;
		case LEDGER_USERS:
			v = a->users;
			break;
		case LEDGER_OWNER:
			v = a->owner;
			break;
		case LEDGER_DEPARTMENT:
			v = a->department;
			break;
		case LEDGER_MEDIUM:
			v = m >= 0 ? text_get(&ctx->media[m], ctx->lang)
				   : a->medium;
			break;
		case LEDGER_PERSONAL:
			v = a->personal & PERSONAL_DATA ? mark : "";
			break;
		case LEDGER_SENSITIVE:
			v = a->personal & PERSONAL_SENSITIVE ? mark : "";
			break;
		case LEDGER_MY_NUMBER:
			v = a->personal & PERSONAL_MY_NUMBER ? mark : "";
			break;
		case LEDGER_C:
			v = number(out, k, a->c);
			break;
		case LEDGER_I:
			v = number(out, k, a->i);
			break;
		case LEDGER_A:
			v = number(out, k, a->a);
			break;
		case LEDGER_IMPORTANCE:
			/* Worked out again: the file shows the rule's result.
			 */
			v = number(out, k, risk_importance(a->c, a->i, a->a));
			break;
		case LEDGER_RETENTION:
			v = a->retention;
			break;
		case LEDGER_REGISTERED:
			v = a->registered_on;
			break;
		case LEDGER_LABEL:
			v = builtin_label(ctx, a->label);
			if (!v)
				v = a->label;
			break;
		case LEDGER_FIELD_COUNT:
			BUG("field count in a layout");
		}
		out->cells[k] = v ? v : "";
	}
}

/* --- The header ---------------------------------------------------- */

int ledger_header_field(const char *cell)
{
	struct strbuf key = STRBUF_INIT, tmp = STRBUF_INIT;
	int found = -1;
	size_t f, k;

	squash(cell, &key);
	if (!key.len)
		goto out;
	for (f = 0; f < LEDGER_FIELD_COUNT && found < 0; f++) {
		const struct ledger_column *c = &columns[f];

		if (same_word(key.buf, c->header.ja, &tmp) ||
		    same_word(key.buf, c->header.en, &tmp) ||
		    same_word(key.buf, c->key, &tmp))
			found = (int)f;
		for (k = 0; found < 0 && c->aliases[k]; k++)
			if (same_word(key.buf, c->aliases[k], &tmp))
				found = (int)f;
	}
	for (k = 0; found < 0 && group_headers[k]; k++)
		if (same_word(key.buf, group_headers[k], &tmp))
			found = LEDGER_GROUP;
out:
	strbuf_release(&key);
	strbuf_release(&tmp);
	return found;
}

static int blank(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	ledger_fold(s, &sb);
	r = sb.len == 0;
	strbuf_release(&sb);
	return r;
}

static const char *cell_at(const char *const *cells, size_t count, size_t c)
{
	return c < count && cells[c] ? cells[c] : "";
}

/* How many different fields a row names. */
static int fields_named(const char *const *cells, size_t count)
{
	int seen[LEDGER_FIELD_COUNT] = { 0 }, n = 0;
	size_t c;

	for (c = 0; c < count; c++) {
		int f = ledger_header_field(cell_at(cells, count, c));

		if (f >= 0 && f < LEDGER_FIELD_COUNT && !seen[f]) {
			seen[f] = 1;
			n++;
		}
	}
	return n;
}

static int twice(const struct ledger_map *map, int f, size_t c,
		 struct error *err)
{
	char a[24], b[24];

	snprintf(a, sizeof(a), "%d", map->column[f] + 1);
	snprintf(b, sizeof(b), "%zu", c + 1);
	return error_set(err, ERROR_INPUT, "ledger.twice_column",
			 columns[f].message, a, b, NULL);
}

/*
 * Reads the row below the header as its second line when it names fields
 * under columns the header leaves open and has nothing under the columns
 * the header names (the IPA sheet merges those cells downwards).
 */
static int take_second_row(struct ledger_map *map, const char *const *hdr,
			   size_t hdr_count, const char *const *cells,
			   size_t count, struct error *err)
{
	int field_of[LEDGER_FIELD_COUNT * 2];
	size_t c, width = count < ARRAY_SIZE(field_of) ? count
						       : ARRAY_SIZE(field_of);
	int found = 0, f;

	for (c = 0; c < width; c++) {
		int top = c < hdr_count ? ledger_header_field(hdr[c]) : -1;

		field_of[c] = -1;
		if (top >= 0 && top < LEDGER_FIELD_COUNT) {
			if (!blank(cell_at(cells, count, c)))
				return 0;
			continue;
		}
		f = ledger_header_field(cell_at(cells, count, c));
		if (f >= 0 && f < LEDGER_FIELD_COUNT) {
			field_of[c] = f;
			found++;
		}
	}
	for (c = width; c < count; c++)
		if (ledger_header_field(cells[c]) >= 0)
			return 0;
	if (!found)
		return 0;
	for (c = 0; c < width; c++) {
		size_t k;

		f = field_of[c];
		if (f < 0)
			continue;
		if (map->column[f] >= 0) {
			twice(map, f, c, err);
			return -1;
		}
		map->column[f] = (int)c;
		map->header[f] = cells[c];
		/* A column named below is no longer unknown. */
		for (k = 0; k < map->unknown_count; k++)
			if (map->unknown[k] == c) {
				map->unknown[k] =
					map->unknown[--map->unknown_count];
				break;
			}
	}
	return 1;
}

int ledger_find_header(const char *const *(*row)(void *ctx, size_t index,
						 size_t *count, size_t *row_no),
		       void *row_ctx, size_t row_count,
		       enum ledger_layout layout, struct ledger_map *map,
		       struct error *err)
{
	const char *const *cells = NULL;
	size_t idx, count = 0, row_no = 0, c;
	int f, full_only = 0, rated;

	memset(map, 0, sizeof(*map));
	for (f = 0; f < LEDGER_FIELD_COUNT; f++)
		map->column[f] = -1;
	for (idx = 0; idx < row_count; idx++) {
		cells = row(row_ctx, idx, &count, &row_no);
		if (row_no > LEDGER_HEADER_ROWS)
			break;
		if (fields_named(cells, count) >= 2)
			break;
	}
	if (idx == row_count || row_no > LEDGER_HEADER_ROWS) {
		char n[16];

		snprintf(n, sizeof(n), "%d", LEDGER_HEADER_ROWS);
		return error_set(err, ERROR_INPUT, "ledger.no_header", n, NULL);
	}
	map->header_row = idx;
	map->data_row = idx + 1;
	for (c = 0; c < count; c++) {
		const char *cell = cell_at(cells, count, c);

		f = ledger_header_field(cell);
		if (f < 0 && !blank(cell) &&
		    map->unknown_count < LEDGER_NOTED_MAX)
			map->unknown[map->unknown_count++] = c;
		if (f < 0 || f == LEDGER_GROUP)
			continue;
		if (map->column[f] >= 0)
			return twice(map, f, c, err);
		map->column[f] = (int)c;
		map->header[f] = cell;
	}
	if (idx + 1 < row_count) {
		size_t count2, row_no2;
		const char *const *below =
			row(row_ctx, idx + 1, &count2, &row_no2);
		int r = take_second_row(map, cells, count, below, count2, err);

		if (r < 0)
			return -1;
		if (r)
			map->data_row = idx + 2;
	}
	full_only = map->column[LEDGER_ID] >= 0 ||
		    map->column[LEDGER_OWNER] >= 0 ||
		    map->column[LEDGER_LABEL] >= 0;
	map->layout = layout == LEDGER_AUTO
			      ? (full_only ? LEDGER_FULL : LEDGER_IPA)
			      : layout;
	for (f = 0; f < LEDGER_FIELD_COUNT; f++)
		if (map->column[f] >= 0 &&
		    !ledger_has_field(map->layout, (enum ledger_field)f)) {
			map->outside[map->outside_count++] =
				(enum ledger_field)f;
			map->column[f] = -1;
		}
	if (map->column[LEDGER_NAME] < 0)
		return error_set(err, ERROR_INPUT, "ledger.no_column",
				 "asset.name", NULL);
	if (map->column[LEDGER_MEDIUM] < 0)
		return error_set(err, ERROR_INPUT, "ledger.no_column",
				 "asset.medium", NULL);
	rated = (map->column[LEDGER_C] >= 0) + (map->column[LEDGER_I] >= 0) +
		(map->column[LEDGER_A] >= 0);
	if (rated == 1 || rated == 2)
		return error_set(err, ERROR_INPUT, "ledger.cia_columns", NULL);
	return 0;
}

/* --- Problems ------------------------------------------------------ */

void ledger_problems_init(struct ledger_problems *p, struct arena *arena)
{
	memset(p, 0, sizeof(*p));
	p->arena = arena;
}

void ledger_problems_release(struct ledger_problems *p)
{
	free(p->v);
	p->v = NULL;
	p->count = p->cap = p->more = 0;
}

void ledger_problem_add(struct ledger_problems *p, size_t row,
			const char *column, const char *value,
			const struct error *e)
{
	struct ledger_problem *q;
	int i;

	if (p->count >= LEDGER_PROBLEMS_MAX) {
		p->more++;
		return;
	}
	ALLOC_GROW(p->v, p->count + 1, p->cap);
	q = &p->v[p->count++];
	memset(q, 0, sizeof(*q));
	q->row = row;
	q->column = arena_strdup(p->arena, column ? column : "");
	q->value = arena_strdup(p->arena, value ? value : "");
	q->key = arena_strdup(p->arena, e->key);
	q->argc = e->argc;
	for (i = 0; i < e->argc && i < ERROR_ARGS_MAX; i++)
		q->args[i] = arena_strdup(p->arena, e->args[i]);
}

/* --- Reading a row ------------------------------------------------- */

/* The state of reading one row. */
struct row_reader {
	const struct ledger_context *ctx;
	const struct ledger_map *map;
	size_t row_no;
	struct arena *arena;
	struct ledger_problems *problems;
	struct strbuf tmp, tmp2;
	int bad;
	int bad_rating; /* a C, I or A value was wrong in itself */
};

static void problem(struct row_reader *r, enum ledger_field f,
		    const char *value, const struct error *e)
{
	ledger_problem_add(r->problems, r->row_no, r->map->header[f], value, e);
	r->bad = 1;
}

/* Sets a problem with key and NULL-terminated arguments. */
static void problem_key(struct row_reader *r, enum ledger_field f,
			const char *value, const char *key, ...)
	__attribute__((sentinel));

static void problem_key(struct row_reader *r, enum ledger_field f,
			const char *value, const char *key, ...)
{
	struct error e = ERROR_INIT;
	const char *a[ERROR_ARGS_MAX] = { NULL };
	va_list ap;
	int n = 0;

	va_start(ap, key);
	while (n < ERROR_ARGS_MAX && (a[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	error_set(&e, ERROR_INPUT, key, a[0], a[1], a[2], a[3], NULL);
	problem(r, f, value, &e);
}

/* A text field: cleaned, then checked against its length. */
static const char *take_text(struct row_reader *r, enum ledger_field f,
			     const char *cell, size_t min, size_t max)
{
	int lines = f == LEDGER_NOTES;
	const char *v = clean_text(r->arena, cell, lines);
	struct error e = ERROR_INIT;

	if (lines ? validate_lines(columns[f].message, v, min, max, &e)
		  : validate_text(columns[f].message, v, min, max, &e))
		problem(r, f, v, &e);
	return v;
}

static const char *take_medium(struct row_reader *r, const char *cell)
{
	const char *v = clean_text(r->arena, cell, 0);
	struct error e = ERROR_INIT;
	int m, k;

	squash(v, &r->tmp);
	if (r->tmp.len)
		for (m = 0; m < MEDIUM_COUNT; m++) {
			const struct text *t = &r->ctx->media[m];

			if (same_word(r->tmp.buf, medium_name((enum medium)m),
				      &r->tmp2) ||
			    (t->ja && same_word(r->tmp.buf, t->ja, &r->tmp2)) ||
			    (t->en && same_word(r->tmp.buf, t->en, &r->tmp2)))
				return medium_name((enum medium)m);
			for (k = 0; medium_aliases[m][k]; k++)
				if (same_word(r->tmp.buf, medium_aliases[m][k],
					      &r->tmp2))
					return medium_name((enum medium)m);
		}
	/* Any other word is the organisation's own medium, kept as typed. */
	if (validate_text("asset.medium", v, 1, ASSET_TEXT_MAX, &e))
		problem(r, LEDGER_MEDIUM, v, &e);
	return v;
}

static unsigned take_mark(struct row_reader *r, enum ledger_field f,
			  const char *cell, unsigned bit)
{
	code_of(cell, &r->tmp);
	if (!r->tmp.len || in_list(r->tmp.buf, marks_unset))
		return 0;
	if (in_list(r->tmp.buf, marks_set))
		return bit;
	problem_key(r, f, cell, "ledger.bad_mark", columns[f].message, NULL);
	return 0;
}

/* The method's name as a message key, for problems. */
static const char *method_key(const struct risk_method_def *m)
{
	return m->method == RISK_IPA ? "ledger.method_ipa"
				     : "ledger.method_three_point";
}

static int take_rating(struct row_reader *r, enum ledger_field f,
		       const char *cell)
{
	const struct risk_scale *s = &r->ctx->method->scales[SCALE_CIA];
	char lo[16], hi[16];
	int v;

	code_of(cell, &r->tmp);
	if (!r->tmp.len)
		return RISK_UNRATED;
	snprintf(lo, sizeof(lo), "%d", s->min);
	snprintf(hi, sizeof(hi), "%d", s->max);
	if (parse_int(r->tmp.buf, -1000000, 1000000, &v)) {
		problem_key(r, f, cell, "ledger.not_a_number",
			    columns[f].message, lo, hi, NULL);
		r->bad_rating = 1;
		return RISK_UNRATED;
	}
	if (!risk_value_valid(r->ctx->method, SCALE_CIA, v)) {
		problem_key(r, f, cell, "ledger.off_scale", columns[f].message,
			    lo, hi, method_key(r->ctx->method), NULL);
		r->bad_rating = 1;
		return RISK_UNRATED;
	}
	return v;
}

/* y-m-d (a valid date) as YYYY-MM-DD in out. */
static void format_date(char out[11], int y, int m, int d)
{
	int k;

	for (k = 3; k >= 0; k--, y /= 10)
		out[k] = (char)('0' + y % 10);
	out[4] = out[7] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Reads up to max digits at *s into *v; returns how many. */
static int digits(const char **s, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **s >= '0' && **s <= '9') {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n;
}

/* Skips a time of day after a date ("2025/4/1 0:00:00"). */
static int time_tail(const char *s)
{
	if (!*s)
		return 1;
	/* The folded form is lower case: ISO 8601's T is a t here. */
	if (*s != ' ' && *s != 't' && *s != 'T')
		return 0;
	for (s++; *s; s++)
		if (!strchr("0123456789:.", *s))
			return 0;
	return 1;
}

/* y-m-d written with - / . or 年月日, with or without leading zeros. */
static int calendar_date(const char *s, char out[11])
{
	int y, m, d;

	if (digits(&s, 4, &y) != 4)
		return -1;
	if (!strncmp(s, "年", 3))
		s += 3;
	else if (*s == '-' || *s == '/' || *s == '.')
		s++;
	else
		return -1;
	if (digits(&s, 2, &m) < 1)
		return -1;
	if (!strncmp(s, "月", 3))
		s += 3;
	else if (*s == '-' || *s == '/' || *s == '.')
		s++;
	else
		return -1;
	if (digits(&s, 2, &d) < 1)
		return -1;
	if (!strncmp(s, "日", 3))
		s += 3;
	if (!time_tail(s) || !date_is_valid(y, m, d))
		return -1;
	format_date(out, y, m, d);
	return 0;
}

/* Days since 1970-01-01 as a civil date (H. Hinnant's algorithm). */
static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int ledger_serial_date(const char *s, char out[11])
{
	long n = 0;
	int count = 0, y, m, d;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (++count > 7)
			return -1;
		n = n * 10 + (*s - '0');
	}
	if (!count)
		return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	}
	/* 9999-12-31 is 2958465; 60 is Excel's 29 February 1900. */
	if (*s || n < 1 || n > 2958465 || n == 60)
		return -1;
	/* 25569 is 1970-01-01; before Excel's phantom day one less. */
	civil_from_days(n > 60 ? n - 25569 : n - 25568, &y, &m, &d);
	format_date(out, y, m, d);
	return 0;
}

static const char *take_date(struct row_reader *r, const char *cell)
{
	char out[11];
	const char *s;

	code_of(cell, &r->tmp);
	if (!r->tmp.len)
		return r->ctx->today;
	s = r->tmp.buf;
	if (!calendar_date(s, out))
		return arena_strdup(r->arena, out);
	/* 20250401, as some systems write dates. */
	if (strlen(s) == 8 && strspn(s, "0123456789") == 8) {
		int y = 0, m = 0, d = 0;

		digits(&s, 4, &y);
		digits(&s, 2, &m);
		digits(&s, 2, &d);
		if (date_is_valid(y, m, d)) {
			format_date(out, y, m, d);
			return arena_strdup(r->arena, out);
		}
	} else if (!ledger_serial_date(s, out)) {
		return arena_strdup(r->arena, out);
	}
	problem_key(r, LEDGER_REGISTERED, cell, "ledger.bad_date",
		    "asset.registered_on", NULL);
	return r->ctx->today;
}

/* The labels this organisation may use, shown in a problem. */
static const char *label_choices(struct row_reader *r)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	if (r->ctx->label_count)
		for (i = 0; i < r->ctx->label_count; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "",
				    r->ctx->labels[i]);
	else
		for (i = 0; i < r->ctx->builtin_label_count; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "",
				    text_get(&r->ctx->builtin_labels[i].label,
					     r->ctx->lang));
	s = arena_strdup(r->arena, sb.buf);
	strbuf_release(&sb);
	return s;
}

static const char *take_label(struct row_reader *r, const char *cell)
{
	const char *v = clean_text(r->arena, cell, 0);
	size_t i;

	if (!*v)
		return "";
	squash(v, &r->tmp);
	/* The organisation's own labels replace the built-in set. */
	if (r->ctx->label_count) {
		for (i = 0; i < r->ctx->label_count; i++)
			if (same_word(r->tmp.buf, r->ctx->labels[i], &r->tmp2))
				return r->ctx->labels[i];
	} else {
		for (i = 0; i < r->ctx->builtin_label_count; i++) {
			const struct classification_label *l =
				&r->ctx->builtin_labels[i];

			if (same_word(r->tmp.buf, l->id, &r->tmp2) ||
			    same_word(r->tmp.buf, l->label.ja, &r->tmp2) ||
			    same_word(r->tmp.buf, l->label.en, &r->tmp2))
				return l->id;
		}
	}
	problem_key(r, LEDGER_LABEL, v, "ledger.unknown_label", v,
		    label_choices(r), NULL);
	return "";
}

static int64_t take_id(struct row_reader *r, const char *cell)
{
	long v;

	code_of(cell, &r->tmp);
	if (!r->tmp.len)
		return 0;
	if (parse_long(r->tmp.buf, 1, INT64_MAX, &v)) {
		problem_key(r, LEDGER_ID, cell, "ledger.bad_id", NULL);
		return 0;
	}
	return v;
}

void ledger_asset_init(struct asset *a)
{
	memset(a, 0, sizeof(*a));
	a->category = a->name = a->notes = a->users = a->owner = a->department =
		a->medium = a->retention = a->registered_on = a->label = "";
	a->c = a->i = a->a = a->importance = RISK_UNRATED;
}

enum ledger_read ledger_read_row(const struct ledger_context *ctx,
				 const struct ledger_map *map, size_t row_no,
				 const char *const *cells, size_t count,
				 struct arena *arena, struct asset *a,
				 struct ledger_problems *problems)
{
	struct row_reader r = { ctx,	     map,      row_no,
				arena,	     problems, STRBUF_INIT,
				STRBUF_INIT, 0,	       0 };
	const char *v[LEDGER_FIELD_COUNT];
	int f, empty = 1, first_unrated = -1;

	for (f = 0; f < LEDGER_FIELD_COUNT; f++) {
		v[f] = map->column[f] >= 0
			       ? cell_at(cells, count, (size_t)map->column[f])
			       : "";
		if (map->column[f] >= 0 && f != LEDGER_IMPORTANCE &&
		    !blank(v[f]))
			empty = 0;
	}
	if (empty)
		return LEDGER_ROW_BLANK;
	for (f = 0; f < LEDGER_FIELD_COUNT; f++) {
		if (map->column[f] < 0)
			continue;
		switch ((enum ledger_field)f) {
		case LEDGER_ID:
			a->id = take_id(&r, v[f]);
			break;
		case LEDGER_CATEGORY:
			a->category = take_text(&r, f, v[f], 0, ASSET_TEXT_MAX);
			break;
		case LEDGER_NAME:
			a->name = take_text(&r, f, v[f], 1, ASSET_NAME_MAX);
			break;
		case LEDGER_NOTES:
			a->notes = take_text(&r, f, v[f], 0, ASSET_NOTES_MAX);
			break;
		case LEDGER_USERS:
			a->users = take_text(&r, f, v[f], 0, ASSET_TEXT_MAX);
			break;
		case LEDGER_OWNER:
			a->owner = take_text(&r, f, v[f], 0, ASSET_TEXT_MAX);
			break;
		case LEDGER_DEPARTMENT:
			a->department =
				take_text(&r, f, v[f], 0, ASSET_TEXT_MAX);
			break;
		case LEDGER_MEDIUM:
			a->medium = take_medium(&r, v[f]);
			break;
		case LEDGER_PERSONAL:
			a->personal = (a->personal & ~(unsigned)PERSONAL_DATA) |
				      take_mark(&r, f, v[f], PERSONAL_DATA);
			break;
		case LEDGER_SENSITIVE:
			a->personal =
				(a->personal & ~(unsigned)PERSONAL_SENSITIVE) |
				take_mark(&r, f, v[f], PERSONAL_SENSITIVE);
			break;
		case LEDGER_MY_NUMBER:
			a->personal =
				(a->personal & ~(unsigned)PERSONAL_MY_NUMBER) |
				take_mark(&r, f, v[f], PERSONAL_MY_NUMBER);
			break;
		case LEDGER_C:
			a->c = take_rating(&r, f, v[f]);
			break;
		case LEDGER_I:
			a->i = take_rating(&r, f, v[f]);
			break;
		case LEDGER_A:
			a->a = take_rating(&r, f, v[f]);
			break;
		case LEDGER_IMPORTANCE:
			/* Derived: whatever the file says, the rule decides. */
			break;
		case LEDGER_RETENTION:
			a->retention =
				take_text(&r, f, v[f], 0, ASSET_TEXT_MAX);
			break;
		case LEDGER_REGISTERED:
			a->registered_on = take_date(&r, v[f]);
			break;
		case LEDGER_LABEL:
			a->label = take_label(&r, v[f]);
			break;
		case LEDGER_FIELD_COUNT:
			break;
		}
	}
	if (map->column[LEDGER_REGISTERED] < 0 && !*a->registered_on)
		a->registered_on = ctx->today;
	/* Half a rating would give an importance nobody chose: name the
	 * first empty one of the three, unless a value was wrong anyway. */
	if (map->column[LEDGER_C] >= 0 && !r.bad_rating) {
		int vals[3] = { a->c, a->i, a->a }, k, rated = 0;

		for (k = 0; k < 3; k++) {
			if (vals[k] != RISK_UNRATED)
				rated++;
			else if (first_unrated < 0)
				first_unrated = LEDGER_C + k;
		}
		if (rated == 1 || rated == 2)
			problem_key(&r, (enum ledger_field)first_unrated, "",
				    "asset.partly_rated", NULL);
	}
	a->importance = risk_importance(a->c, a->i, a->a);
	strbuf_release(&r.tmp);
	strbuf_release(&r.tmp2);
	return r.bad ? LEDGER_ROW_BAD : LEDGER_ROW_OK;
}

/* An ID and the row it is on, sorted by ID to find repeats. */
struct id_row {
	int64_t id;
	size_t row;
};

static int by_id_then_row(const void *pa, const void *pb)
{
	const struct id_row *a = pa, *b = pb;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

void ledger_check_ids(const struct ledger_map *map, const int64_t *ids,
		      const size_t *rows, size_t count,
		      struct ledger_problems *problems)
{
	struct id_row *v = xcalloc(count ? count : 1, sizeof(*v));
	size_t n = 0, i;

	for (i = 0; i < count; i++)
		if (ids[i] > 0) {
			v[n].id = ids[i];
			v[n].row = rows[i];
			n++;
		}
	qsort(v, n, sizeof(*v), by_id_then_row);
	for (i = 1; i < n; i++) {
		size_t first = i - 1;
		struct error e = ERROR_INIT;
		char id[24], row[24];

		if (v[i].id != v[i - 1].id)
			continue;
		/* Every repeat points at the first row with the ID. */
		while (first > 0 && v[first - 1].id == v[i].id)
			first--;
		snprintf(id, sizeof(id), "%lld", (long long)v[i].id);
		snprintf(row, sizeof(row), "%zu", v[first].row);
		error_set(&e, ERROR_INPUT, "ledger.duplicate_id", id, row,
			  NULL);
		ledger_problem_add(problems, v[i].row, map->header[LEDGER_ID],
				   id, &e);
	}
	free(v);
}

void ledger_overlay(const struct ledger_map *map, const struct asset *from,
		    struct asset *to)
{
	static const struct {
		enum ledger_field f;
		size_t offset;
	} texts[] = {
		{ LEDGER_CATEGORY, offsetof(struct asset, category) },
		{ LEDGER_NAME, offsetof(struct asset, name) },
		{ LEDGER_NOTES, offsetof(struct asset, notes) },
		{ LEDGER_USERS, offsetof(struct asset, users) },
		{ LEDGER_OWNER, offsetof(struct asset, owner) },
		{ LEDGER_DEPARTMENT, offsetof(struct asset, department) },
		{ LEDGER_MEDIUM, offsetof(struct asset, medium) },
		{ LEDGER_RETENTION, offsetof(struct asset, retention) },
		{ LEDGER_REGISTERED, offsetof(struct asset, registered_on) },
		{ LEDGER_LABEL, offsetof(struct asset, label) },
	};
	static const struct {
		enum ledger_field f;
		unsigned bit;
	} marks[] = {
		{ LEDGER_PERSONAL, PERSONAL_DATA },
		{ LEDGER_SENSITIVE, PERSONAL_SENSITIVE },
		{ LEDGER_MY_NUMBER, PERSONAL_MY_NUMBER },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(texts); i++)
		if (map->column[texts[i].f] >= 0)
			*(const char **)((char *)to + texts[i].offset) =
				*(const char *const *)((const char *)from +
						       texts[i].offset);
	for (i = 0; i < ARRAY_SIZE(marks); i++)
		if (map->column[marks[i].f] >= 0)
			to->personal = (to->personal & ~marks[i].bit) |
				       (from->personal & marks[i].bit);
	if (map->column[LEDGER_C] >= 0) {
		to->c = from->c;
		to->i = from->i;
		to->a = from->a;
	}
	to->importance = risk_importance(to->c, to->i, to->a);
}
