/*
 * xlsx.c: a worksheet of an Excel workbook read with libzip and libxml2
 * (the only file that includes them).  Every XML part is parsed as a
 * stream straight out of the archive, counting the bytes it expands to,
 * so a small file that claims or turns out to hold gigabytes is refused
 * as soon as it passes the limit, not after it filled the memory.
 */
#include "util/compat.h"
#include "import/xlsx.h"

#include <libxml/xmlreader.h>
#include <string.h>
#include <zip.h>

#include "core/ledger.h"
#include "import/table.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "util/strbuf.h"
#include "util/utf8.h"

enum { SHARED_STRINGS_MAX = 5000000, XF_MAX = 65536, PATH_MAX_LEN = 512 };

/* A workbook being read. */
struct workbook {
	struct import_table *t;
	zip_t *zip;
	size_t budget; /* bytes the parts may still expand to */
	struct error *err;
	/* Shared strings, in the arena. */
	const char **strings;
	size_t string_count, string_cap;
	/* For each cell format (xf), whether it shows a date. */
	unsigned char *date_xf;
	size_t xf_count;
};

/* One part of the archive, streamed into libxml2. */
struct part {
	struct workbook *wb;
	zip_file_t *file;
	int too_big;
	int failed;
};

static int bad_part(struct workbook *wb, const char *name)
{
	return error_set(wb->err, ERROR_INPUT, "import.bad_xlsx", name, NULL);
}

static int too_big(struct workbook *wb)
{
	char mb[32];

	snprintf(mb, sizeof(mb), "%d", IMPORT_EXPANDED_MAX / (1024 * 1024));
	return error_set(wb->err, ERROR_INPUT, "import.expands_too_much", mb,
			 NULL);
}

static int part_read(void *ctx, char *buf, int len)
{
	struct part *p = ctx;
	zip_int64_t n;

	if (len <= 0)
		return 0;
	n = zip_fread(p->file, buf, (zip_uint64_t)len);
	if (n < 0) {
		p->failed = 1;
		return -1;
	}
	/* The count, not the archive's claim, is what holds the line. */
	if ((size_t)n > p->wb->budget) {
		p->too_big = 1;
		return -1;
	}
	p->wb->budget -= (size_t)n;
	return (int)n;
}

static int part_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* libxml2 would print to stderr; the reader's failure is reported. */
static void quiet(void *arg, const char *msg, xmlParserSeverities severity,
		  xmlTextReaderLocatorPtr locator)
{
	(void)arg;
	(void)msg;
	(void)severity;
	(void)locator;
}

/* An XML reader over part name, or NULL (and *absent) when missing. */
static xmlTextReaderPtr open_part(struct workbook *wb, const char *name,
				  struct part *p, int *absent)
{
	zip_stat_t st;
	xmlTextReaderPtr r;

	memset(p, 0, sizeof(*p));
	p->wb = wb;
	*absent = 0;
	zip_stat_init(&st);
	if (zip_stat(wb->zip, name, 0, &st)) {
		*absent = 1;
		return NULL;
	}
	/* Refused at once when the archive itself says it is too big. */
	if ((st.valid & ZIP_STAT_SIZE) && st.size > wb->budget) {
		too_big(wb);
		return NULL;
	}
	p->file = zip_fopen(wb->zip, name, 0);
	if (!p->file) {
		bad_part(wb, name);
		return NULL;
	}
	/* No network, no entities from outside; DTDs are refused below. */
	r = xmlReaderForIO(part_read, part_close, p, name, NULL,
			   XML_PARSE_NONET | XML_PARSE_NOWARNING |
				   XML_PARSE_NOERROR);
	if (!r) {
		zip_fclose(p->file);
		bad_part(wb, name);
		return NULL;
	}
	xmlTextReaderSetErrorHandler(r, quiet, NULL);
	return r;
}

static void close_part(xmlTextReaderPtr r, struct part *p)
{
	if (r)
		xmlFreeTextReader(r);
	if (p->file)
		zip_fclose(p->file);
	p->file = NULL;
}

/*
 * The next node: 1, 0 at the end, -1 (err set) on a damaged part, a
 * part over the budget, or a DTD (a workbook never has one, and entity
 * tricks need one).
 */
static int next_node(struct workbook *wb, xmlTextReaderPtr r, struct part *p,
		     const char *name)
{
	int rc = xmlTextReaderRead(r);

	if (rc == 1 &&
	    xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE)
		return bad_part(wb, name);
	if (rc >= 0)
		return rc;
	if (p->too_big)
		return too_big(wb);
	return bad_part(wb, name);
}

static const char *local_name(xmlTextReaderPtr r)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);

	return n ? (const char *)n : "";
}

static int is_element(xmlTextReaderPtr r, const char *name)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
	       !strcmp(local_name(r), name);
}

static int is_end(xmlTextReaderPtr r, const char *name)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
	       !strcmp(local_name(r), name);
}

static int is_text(xmlTextReaderPtr r)
{
	int type = xmlTextReaderNodeType(r);

	return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
	       type == XML_READER_TYPE_WHITESPACE ||
	       type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* The attribute with this local name, whatever its namespace, or NULL. */
static char *attribute(xmlTextReaderPtr r, const char *name)
{
	char *v = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		if (!strcmp(local_name(r), name)) {
			const xmlChar *s = xmlTextReaderConstValue(r);

			v = xstrdup(s ? (const char *)s : "");
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return v;
}

static void add_text(xmlTextReaderPtr r, struct strbuf *sb)
{
	const xmlChar *s = xmlTextReaderConstValue(r);

	if (s)
		strbuf_addstr(sb, (const char *)s);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void add_utf8(struct strbuf *sb, uint32_t cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xc0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
	} else {
		strbuf_addch(sb, (int)(0xe0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
	}
}

/*
 * A string cell into the arena, with Excel's escapes undone: characters
 * XML cannot carry are written _xHHHH_ (a line's CR is _x000D_).
 */
static const char *unescape(struct arena *arena, const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	size_t i = 0;

	if (!memchr(s, '_', len))
		return arena_memdupz(arena, s, len);
	while (i < len) {
		if (s[i] == '_' && i + 7 <= len && s[i + 1] == 'x' &&
		    s[i + 6] == '_') {
			int d[4], k, ok = 1;
			uint32_t cp = 0;

			for (k = 0; k < 4; k++) {
				d[k] = hex_digit(s[i + 2 + k]);
				ok = ok && d[k] >= 0;
				cp = cp * 16 + (uint32_t)(d[k] < 0 ? 0 : d[k]);
			}
			/* Surrogates alone are no characters. */
			if (ok && (cp < 0xd800 || cp > 0xdfff)) {
				add_utf8(&sb, cp);
				i += 7;
				continue;
			}
		}
		strbuf_addch(&sb, s[i++]);
	}
	r = arena_memdupz(arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

/*
 * Reads a part that is a string: the text of its <t> elements, without
 * the furigana runs (<rPh>) Japanese Excel stores beside the text.
 * start is the element being read (si or is), already entered.
 */
static int read_rich_text(struct workbook *wb, xmlTextReaderPtr r,
			  struct part *p, const char *part, const char *start,
			  struct strbuf *out)
{
	int in_t = 0, in_phonetic = 0, rc;

	while ((rc = next_node(wb, r, p, part)) == 1) {
		if (is_end(r, start))
			return 0;
		if (is_element(r, "rPh") && !xmlTextReaderIsEmptyElement(r))
			in_phonetic = 1;
		else if (is_end(r, "rPh"))
			in_phonetic = 0;
		else if (is_element(r, "t") && !xmlTextReaderIsEmptyElement(r))
			in_t = 1;
		else if (is_end(r, "t"))
			in_t = 0;
		else if (in_t && !in_phonetic && is_text(r))
			add_text(r, out);
	}
	return rc ? -1 : bad_part(wb, part);
}

static int read_shared_strings(struct workbook *wb, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	struct part p;
	int absent, rc;
	xmlTextReaderPtr r = open_part(wb, name, &p, &absent);

	if (!r)
		return absent ? 0 : -1;
	while ((rc = next_node(wb, r, &p, name)) == 1) {
		if (!is_element(r, "si"))
			continue;
		if (wb->string_count >= SHARED_STRINGS_MAX) {
			rc = bad_part(wb, name);
			break;
		}
		strbuf_reset(&sb);
		if (!xmlTextReaderIsEmptyElement(r) &&
		    read_rich_text(wb, r, &p, name, "si", &sb)) {
			rc = -1;
			break;
		}
		ALLOC_GROW(wb->strings, wb->string_count + 1, wb->string_cap);
		wb->strings[wb->string_count++] =
			unescape(&wb->t->arena, sb.buf, sb.len);
	}
	strbuf_release(&sb);
	close_part(r, &p);
	return rc;
}

/* Excel's built-in number formats that show dates (ja-JP included). */
static int builtin_date_format(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	       (id >= 50 && id <= 58);
}

/*
 * A custom format shows a date when, outside quoted text, [brackets] and
 * escapes, it has a year, a day or an era (yyyy/m/d, ggge"年"m"月"d"日").
 */
static int custom_date_format(const char *code)
{
	int quoted = 0, bracket = 0;

	for (; *code; code++) {
		char c = *code;

		if (quoted) {
			quoted = c != '"';
			continue;
		}
		if (bracket) {
			bracket = c != ']';
			continue;
		}
		if (c == '"')
			quoted = 1;
		else if (c == '[')
			bracket = 1;
		else if (c == '\\' && code[1])
			code++;
		else if (strchr("yYdDgGeE", c))
			return 1;
	}
	return 0;
}

struct custom_format {
	long id;
	int is_date;
};

static int read_styles(struct workbook *wb, const char *name)
{
	struct custom_format *fmts = NULL;
	size_t nfmts = 0, cap = 0, i;
	int in_xfs = 0, absent, rc;
	struct part p;
	xmlTextReaderPtr r = open_part(wb, name, &p, &absent);

	if (!r)
		return absent ? 0 : -1;
	while ((rc = next_node(wb, r, &p, name)) == 1) {
		if (is_element(r, "numFmt")) {
			char *id = attribute(r, "numFmtId");
			char *code = attribute(r, "formatCode");
			long v;

			if (id && code && !parse_long(id, 0, 100000, &v) &&
			    nfmts < XF_MAX) {
				ALLOC_GROW(fmts, nfmts + 1, cap);
				fmts[nfmts].id = v;
				fmts[nfmts].is_date = custom_date_format(code);
				nfmts++;
			}
			free(id);
			free(code);
		} else if (is_element(r, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		} else if (is_end(r, "cellXfs")) {
			in_xfs = 0;
		} else if (in_xfs && is_element(r, "xf") &&
			   wb->xf_count < XF_MAX) {
			char *id = attribute(r, "numFmtId");
			long v = 0;
			int date;

			if (id && parse_long(id, 0, 100000, &v))
				v = 0;
			free(id);
			date = builtin_date_format(v);
			for (i = 0; i < nfmts; i++)
				if (fmts[i].id == v)
					date = fmts[i].is_date;
			wb->date_xf = xrealloc(wb->date_xf, wb->xf_count + 1);
			wb->date_xf[wb->xf_count++] = (unsigned char)date;
		}
	}
	free(fmts);
	close_part(r, &p);
	return rc;
}

/* A relationship of the workbook: its id, kind and resolved part name. */
struct relation {
	char *id;
	char *type; /* the last segment of the Type URI: "worksheet" … */
	char *target;
};

struct relations {
	struct relation *v;
	size_t count, cap;
};

static void relations_release(struct relations *rels)
{
	size_t i;

	for (i = 0; i < rels->count; i++) {
		free(rels->v[i].id);
		free(rels->v[i].type);
		free(rels->v[i].target);
	}
	free(rels->v);
	memset(rels, 0, sizeof(*rels));
}

/* target relative to the folder base ("xl"), "../" and "/…" allowed. */
static char *resolve(const char *base, const char *target)
{
	struct strbuf sb = STRBUF_INIT;

	if (*target == '/') {
		strbuf_addstr(&sb, target + 1);
		return strbuf_detach(&sb, NULL);
	}
	strbuf_addstr(&sb, base);
	while (!strncmp(target, "../", 3)) {
		char *slash = strrchr(sb.buf, '/');

		strbuf_setlen(&sb, slash ? (size_t)(slash - sb.buf) : 0);
		target += 3;
	}
	if (sb.len)
		strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, target);
	return strbuf_detach(&sb, NULL);
}

static int read_relations(struct workbook *wb, const char *name,
			  const char *base, struct relations *rels)
{
	struct part p;
	int absent, rc;
	xmlTextReaderPtr r = open_part(wb, name, &p, &absent);

	if (!r)
		return absent ? 0 : -1;
	while ((rc = next_node(wb, r, &p, name)) == 1) {
		char *id, *type, *target;
		const char *tail;

		if (!is_element(r, "Relationship"))
			continue;
		id = attribute(r, "Id");
		type = attribute(r, "Type");
		target = attribute(r, "Target");
		if (id && type && target && rels->count < 10000 &&
		    strlen(target) < PATH_MAX_LEN) {
			struct relation *rel;

			ALLOC_GROW(rels->v, rels->count + 1, rels->cap);
			rel = &rels->v[rels->count++];
			tail = strrchr(type, '/');
			rel->id = id;
			rel->type = xstrdup(tail ? tail + 1 : type);
			rel->target = resolve(base, target);
			id = NULL;
		}
		free(id);
		free(type);
		free(target);
	}
	close_part(r, &p);
	return rc;
}

static const struct relation *find_relation(const struct relations *rels,
					    const char *id, const char *type)
{
	size_t i;

	for (i = 0; i < rels->count; i++)
		if ((!id || !strcmp(rels->v[i].id, id)) &&
		    (!type || !strcmp(rels->v[i].type, type)))
			return &rels->v[i];
	return NULL;
}

/* The workbook's worksheets in order: their names and part names. */
struct sheet_list {
	const char **names; /* in the arena */
	char **parts;
	size_t count, cap;
};

static int read_workbook(struct workbook *wb, const char *name,
			 const struct relations *rels, struct sheet_list *out)
{
	struct part p;
	int absent, rc;
	xmlTextReaderPtr r = open_part(wb, name, &p, &absent);

	/* A .docx, .pptx or plain .zip has no workbook part. */
	if (!r)
		return absent ? error_set(wb->err, ERROR_INPUT,
					  "import.not_workbook", NULL)
			      : -1;
	while ((rc = next_node(wb, r, &p, name)) == 1) {
		const struct relation *rel;
		char *sheet, *id;

		if (!is_element(r, "sheet"))
			continue;
		sheet = attribute(r, "name");
		id = attribute(r, "id");
		/* Chart sheets and macro sheets hold no cells to read. */
		rel = id ? find_relation(rels, id, "worksheet") : NULL;
		if (sheet && rel && out->count < 1000) {
			size_t cap = out->cap;

			ALLOC_GROW(out->names, out->count + 1, out->cap);
			ALLOC_GROW(out->parts, out->count + 1, cap);
			out->names[out->count] =
				arena_strdup(&wb->t->arena, sheet);
			out->parts[out->count] = xstrdup(rel->target);
			out->count++;
		}
		free(sheet);
		free(id);
	}
	close_part(r, &p);
	return rc;
}

/*
 * "BC12" -> column 54 (0-based); -1 when there are no letters.  Columns
 * past XFD, which no sheet has, come out past what is read.
 */
static long column_of(const char *ref)
{
	long col = 0;
	int n = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		if (++n > 3)
			return IMPORT_COLUMNS_MAX;
		col = col * 26 + (*ref - 'A' + 1);
	}
	return n ? col - 1 : -1;
}

/* The state of reading a worksheet's cells. */
struct sheet_reader {
	struct workbook *wb;
	const char **cells;
	size_t count, cap;
	long row_no;
	long col;
	char *type;
	long style;
	struct strbuf value;
	int has_value;
};

/* Puts the finished cell's text at its column. */
static int finish_cell(struct sheet_reader *sr, const char *part)
{
	struct workbook *wb = sr->wb;
	const char *v = sr->value.buf, *text = NULL;
	const char *type = sr->type ? sr->type : "n";
	char date[11];

	if (!sr->has_value || sr->col >= IMPORT_COLUMNS_MAX)
		return 0;
	if (!strcmp(type, "s")) {
		long idx;

		if (parse_long(v, 0, (long)wb->string_count - 1, &idx))
			return bad_part(wb, part);
		text = wb->strings[idx];
	} else if (!strcmp(type, "inlineStr") || !strcmp(type, "str")) {
		text = unescape(&wb->t->arena, v, sr->value.len);
	} else if (!strcmp(type, "b")) {
		text = !strcmp(v, "1") ? "TRUE" : "FALSE";
	} else if (!strcmp(type, "n") && sr->style >= 0 &&
		   (size_t)sr->style < wb->xf_count && wb->date_xf[sr->style] &&
		   !ledger_serial_date(v, date)) {
		/* What the user sees in the cell, not the day number. */
		text = arena_strdup(&wb->t->arena, date);
	} else {
		/* Numbers as Excel stored them, errors (#N/A), ISO dates. */
		text = arena_memdupz(&wb->t->arena, v, sr->value.len);
	}
	if ((size_t)sr->col >= sr->count) {
		size_t i;

		ALLOC_GROW(sr->cells, (size_t)sr->col + 1, sr->cap);
		for (i = sr->count; i < (size_t)sr->col; i++)
			sr->cells[i] = "";
		sr->count = (size_t)sr->col + 1;
	}
	sr->cells[sr->col] = text;
	return 0;
}

static int start_cell(struct sheet_reader *sr, xmlTextReaderPtr r)
{
	char *ref = attribute(r, "r"), *style = attribute(r, "s");
	long col = ref ? column_of(ref) : -1;

	sr->col = col >= 0 ? col : sr->col + 1;
	free(sr->type);
	sr->type = attribute(r, "t");
	if (!style || parse_long(style, 0, XF_MAX, &sr->style))
		sr->style = -1;
	strbuf_reset(&sr->value);
	sr->has_value = 0;
	free(ref);
	free(style);
	return 0;
}

static int read_sheet(struct workbook *wb, const char *name)
{
	struct sheet_reader sr;
	struct part p;
	int absent, rc, in_v = 0;
	xmlTextReaderPtr r = open_part(wb, name, &p, &absent);

	if (!r)
		return absent ? bad_part(wb, name) : -1;
	memset(&sr, 0, sizeof(sr));
	sr.wb = wb;
	sr.col = -1;
	strbuf_init(&sr.value, 0);
	while ((rc = next_node(wb, r, &p, name)) == 1) {
		if (is_element(r, "row")) {
			char *ref = attribute(r, "r");
			long n;

			sr.row_no = ref && !parse_long(ref, 1, 1048576, &n)
					    ? n
					    : sr.row_no + 1;
			free(ref);
			sr.count = 0;
			sr.col = -1;
			if (xmlTextReaderIsEmptyElement(r))
				continue;
		} else if (is_end(r, "row")) {
			if (import_table_add_row(wb->t, (size_t)sr.row_no,
						 sr.cells, sr.count, wb->err)) {
				rc = -1;
				break;
			}
			sr.count = 0;
		} else if (is_element(r, "c")) {
			start_cell(&sr, r);
			if (xmlTextReaderIsEmptyElement(r))
				continue;
		} else if (is_end(r, "c")) {
			if (finish_cell(&sr, name)) {
				rc = -1;
				break;
			}
		} else if (is_element(r, "v")) {
			in_v = !xmlTextReaderIsEmptyElement(r);
			sr.has_value = 1;
		} else if (is_end(r, "v")) {
			in_v = 0;
		} else if (is_element(r, "is")) {
			sr.has_value = 1;
			if (!xmlTextReaderIsEmptyElement(r) &&
			    read_rich_text(wb, r, &p, name, "is", &sr.value)) {
				rc = -1;
				break;
			}
		} else if (in_v && is_text(r)) {
			add_text(r, &sr.value);
		} else if (is_end(r, "sheetData")) {
			break;
		}
	}
	if (rc > 0)
		rc = 0;
	free(sr.cells);
	free(sr.type);
	strbuf_release(&sr.value);
	close_part(r, &p);
	return rc;
}

/* The folder of a part name ("xl/workbook.xml" -> "xl"). */
static char *folder_of(const char *name)
{
	const char *slash = strrchr(name, '/');

	return xmemdupz(name, slash ? (size_t)(slash - name) : 0);
}

/* The relations part of a part ("xl/workbook.xml" -> "xl/_rels/…"). */
static char *relations_of(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	const char *slash = strrchr(name, '/');

	if (slash)
		strbuf_add(&sb, name, (size_t)(slash - name + 1));
	strbuf_addf(&sb, "_rels/%s.rels", slash ? slash + 1 : name);
	return strbuf_detach(&sb, NULL);
}

static int read_book(struct workbook *wb, const char *sheet)
{
	struct relations root = { 0 }, rels = { 0 };
	struct sheet_list sheets = { 0 };
	const struct relation *rel;
	char *book = NULL, *book_rels = NULL, *base = NULL;
	size_t i, chosen = 0;
	int rc = -1;

	/* The package's root relations name the workbook part. */
	if (read_relations(wb, "_rels/.rels", "", &root))
		goto out;
	rel = find_relation(&root, NULL, "officeDocument");
	book = xstrdup(rel ? rel->target : "xl/workbook.xml");
	base = folder_of(book);
	book_rels = relations_of(book);
	if (read_relations(wb, book_rels, base, &rels) ||
	    read_workbook(wb, book, &rels, &sheets))
		goto out;
	if (!sheets.count) {
		error_set(wb->err, ERROR_INPUT, "import.no_sheet", NULL);
		goto out;
	}
	if (sheet) {
		for (chosen = 0; chosen < sheets.count; chosen++)
			if (!strcmp(sheets.names[chosen], sheet))
				break;
		if (chosen == sheets.count) {
			struct strbuf names = STRBUF_INIT;

			for (i = 0; i < sheets.count; i++)
				strbuf_addf(&names, "%s%s", i ? ", " : "",
					    sheets.names[i]);
			error_set(wb->err, ERROR_INPUT, "import.unknown_sheet",
				  sheet, names.buf, NULL);
			strbuf_release(&names);
			goto out;
		}
	}
	wb->t->sheets = arena_alloc(&wb->t->arena,
				    st_mult(sheets.count, sizeof(char *)));
	memcpy(wb->t->sheets, sheets.names, sheets.count * sizeof(char *));
	wb->t->sheet_count = sheets.count;
	wb->t->sheet = sheets.names[chosen];
	rel = find_relation(&rels, NULL, "sharedStrings");
	if (read_shared_strings(wb, rel ? rel->target : "xl/sharedStrings.xml"))
		goto out;
	rel = find_relation(&rels, NULL, "styles");
	if (read_styles(wb, rel ? rel->target : "xl/styles.xml") ||
	    read_sheet(wb, sheets.parts[chosen]))
		goto out;
	rc = 0;
out:
	for (i = 0; i < sheets.count; i++)
		free(sheets.parts[i]);
	free(sheets.names);
	free(sheets.parts);
	relations_release(&root);
	relations_release(&rels);
	free(book);
	free(book_rels);
	free(base);
	return rc;
}

int import_xlsx_read(struct import_table *t, const char *data, size_t len,
		     const char *sheet, struct error *err)
{
	struct workbook wb;
	zip_source_t *src;
	zip_error_t zerr;
	int rc;

	memset(&wb, 0, sizeof(wb));
	wb.t = t;
	wb.err = err;
	wb.budget = IMPORT_EXPANDED_MAX;
	t->format = IMPORT_XLSX;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		zip_error_fini(&zerr);
		return error_set(err, ERROR_INPUT, "import.bad_zip", NULL);
	}
	wb.zip = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	zip_error_fini(&zerr);
	if (!wb.zip) {
		zip_source_free(src);
		return error_set(err, ERROR_INPUT, "import.bad_zip", NULL);
	}
	rc = read_book(&wb, sheet);
	/* Read-only: discard frees the archive and its source. */
	zip_discard(wb.zip);
	free(wb.strings);
	free(wb.date_xf);
	return rc;
}
