/*
 * report.h: one model of a printable document, and its renderers.
 *
 * A document is a title, its metadata (organisation, version, date,
 * approval, classification label), the seal boxes an office signs in
 * (承認 / 確認 / 作成), and a sequence of blocks: headings, paragraphs,
 * lists and tables.  Table cells are typed (text, number, date) so that a
 * workbook gets real numbers and dates while a page shows them as text.
 * The caller builds the document in an arena (every string is copied
 * there, so rows read from the store may be passed as they are) and
 * renders it as many times and in as many formats as it likes:
 *
 *  - PDF (report_pdf.c, cairo + pango): A4, portrait or landscape, the
 *    organisation and classification in the running head, "page / pages"
 *    in the foot, table headers repeated on every page, Japanese line
 *    breaking rules enforced, fonts embedded as subsets;
 *  - XLSX (report_xlsx.c, libxlsxwriter): a cover sheet with the metadata
 *    and one sheet per table;
 *  - CSV of one table (report_csv.c): UTF-8 with a BOM, or Shift_JIS;
 *  - Markdown and a self-contained, print-ready HTML page (report.c).
 *
 * Everything the renderers print around the content (the labels of the
 * metadata, the cover sheet's name) comes from the caller in the
 * reader's language, as struct report_words; export/ has no messages.
 */
#ifndef MAMORI_EXPORT_REPORT_H
#define MAMORI_EXPORT_REPORT_H

#include <stddef.h>

#include "util/parse.h"

struct arena;
struct error;
struct strbuf;

enum report_font {
	REPORT_SANS,  /* "Noto Sans CJK JP" (ゴシック): registers, tables */
	REPORT_SERIF, /* "Noto Serif CJK JP" (明朝): policies, prose */
};

enum report_orientation { REPORT_PORTRAIT, REPORT_LANDSCAPE };

enum report_align { REPORT_LEFT, REPORT_CENTER, REPORT_RIGHT };

/* How a span of text is set. */
enum report_style {
	REPORT_STRONG = 1 << 0,
};

/* A run of text in one style; "\n" in text is a line break. */
struct report_span {
	const char *text;
	unsigned style;
};

/* The text of a heading, a paragraph or a list item. */
struct report_text {
	struct report_span *spans;
	size_t count;
};

struct report_column {
	const char *key;    /* a stable name ("asset"), for scripts */
	const char *header; /* in the reader's language */
	/*
	 * The column's share of the table's width on paper, and its width
	 * in a workbook in Excel's units (about one Latin character, two
	 * for a Japanese one).  0: fitted to the column's content.
	 */
	double width;
	enum report_align align;
};

enum report_cell_kind {
	REPORT_CELL_TEXT,
	REPORT_CELL_NUMBER,
	REPORT_CELL_DATE,
};

struct report_cell {
	enum report_cell_kind kind;
	const char *text; /* as shown: the text, number or date */
	double number;	  /* REPORT_CELL_NUMBER */
	struct date date; /* REPORT_CELL_DATE */
};

enum report_table_flags {
	/* A wide table: its pages are landscape in a portrait document. */
	REPORT_TABLE_LANDSCAPE = 1 << 0,
};

struct report;

struct report_table {
	struct report *report;
	const char *name; /* the sheet's name in a workbook */
	struct report_column *columns;
	size_t column_count;
	unsigned flags;
	struct report_cell **rows; /* row_count rows of column_count cells */
	size_t row_count;
	size_t row_cap;
	size_t filled; /* cells given of the row being filled */
};

enum report_block_kind {
	REPORT_HEADING,
	REPORT_PARAGRAPH,
	REPORT_LIST,
	REPORT_TABLE,
};

struct report_block {
	enum report_block_kind kind;
	int level;		   /* heading: 1 … 3 */
	int ordered;		   /* list: numbered */
	struct report_text *items; /* heading, paragraph: 1; list: count */
	size_t count;
	size_t cap;
	struct report_table *table; /* REPORT_TABLE */
	struct report_block *next;
};

/* A box to sign or seal in, with who signed and when once someone has. */
struct report_seal {
	const char *label; /* 承認, 確認, 作成 */
	const char *name;  /* NULL: empty, to be sealed on paper */
	const char *date;
};

/*
 * The words a renderer writes around the content, in the reader's
 * language.  A NULL word leaves out its label (the value still shows).
 */
struct report_words {
	const char *cover;	    /* the workbook's first sheet: 表紙 */
	const char *organisation;   /* 組織 */
	const char *version;	    /* 版 */
	const char *date;	    /* 作成日 */
	const char *approved;	    /* 承認 */
	const char *classification; /* 機密区分 */
	const char *sheets;	    /* 収録シート */
};

enum { REPORT_SEALS_MAX = 4 };

struct report {
	struct arena *arena;
	const char *language; /* "ja" or "en", for HTML and line breaking */
	const char *title;
	const char *organisation;
	const char *version; /* as shown: "第3版" */
	const char *date;    /* as shown */
	const char *approver;
	const char *approved_on;
	const char *classification; /* a label: 社外秘 */
	struct report_words words;
	enum report_font font;
	enum report_orientation orientation;
	struct report_seal seals[REPORT_SEALS_MAX];
	size_t seal_count;
	struct report_block *first;
	struct report_block *last;
	size_t table_count;
};

/*
 * Starts an empty document whose memory comes from arena (released with
 * it); language is "ja" or "en".  Portrait, serif, no seal boxes.
 */
struct report *report_new(struct arena *arena, const char *language);

/* Metadata; every string is copied, NULL or "" leaves the item out. */
void report_set_title(struct report *r, const char *title);
void report_set_organisation(struct report *r, const char *organisation);
void report_set_version(struct report *r, const char *version);
void report_set_date(struct report *r, const char *date);
void report_set_approval(struct report *r, const char *approver,
			 const char *approved_on);
void report_set_classification(struct report *r, const char *label);
/* Copies the words (and the strings they point to). */
void report_set_words(struct report *r, const struct report_words *words);
void report_set_font(struct report *r, enum report_font font);
void report_set_orientation(struct report *r, enum report_orientation o);
/*
 * Adds a seal box (at most REPORT_SEALS_MAX, in order from the left);
 * name and date say who signed, NULL for a box left to seal on paper.
 */
void report_seal(struct report *r, const char *label, const char *name,
		 const char *date);

/* A heading of level 1 (a section) to 3. */
void report_heading(struct report *r, int level, const char *text);
void report_paragraph(struct report *r, const char *text);
/* A paragraph of count spans in their styles. */
void report_paragraph_spans(struct report *r, const struct report_span *spans,
			    size_t count);
/* A list of count plain items. */
void report_list(struct report *r, int ordered, const char *const *items,
		 size_t count);
/* Starts a list whose items follow with report_item_spans(). */
void report_list_begin(struct report *r, int ordered);
/* Adds an item to the list begun last. */
void report_item_spans(struct report *r, const struct report_span *spans,
		       size_t count);

/*
 * Starts a table named name (a workbook's sheet) of count columns, which
 * are copied.  Its cells follow, row by row, through report_cell_*():
 * a row is complete when it has count cells.
 */
struct report_table *report_table(struct report *r, const char *name,
				  const struct report_column *columns,
				  size_t count, unsigned flags);
void report_cell_text(struct report_table *t, const char *text);
/* A number, shown as shown (or with %g when shown is NULL). */
void report_cell_number(struct report_table *t, double value,
			const char *shown);
/*
 * A date "YYYY-MM-DD"; a value that is no such date (such as "" for a
 * date not set) is kept as text.
 */
void report_cell_date(struct report_table *t, const char *iso);

/* The i-th table of the document (0-based), or NULL. */
const struct report_table *report_table_at(const struct report *r, size_t i);

enum report_format {
	REPORT_FORMAT_PDF,
	REPORT_FORMAT_XLSX,
	REPORT_FORMAT_CSV,
	REPORT_FORMAT_MD,
	REPORT_FORMAT_HTML,
	REPORT_FORMAT_COUNT
};

/* "pdf", "xlsx", "csv", "md" or "html"; 0, or -1 for another name. */
int report_format_parse(const char *name, enum report_format *f);
const char *report_format_name(enum report_format f);
/* The Content-Type of a rendered file. */
const char *report_format_mime(enum report_format f);

/*
 * Appends the document as CommonMark: the title as "#", the metadata as
 * lines, headings one level below the title, tables as pipe tables
 * (GitHub's extension).  Every value is escaped, so text reads as text.
 */
void report_render_md(const struct report *r, struct strbuf *out);

/*
 * Appends a self-contained HTML page (its style inline) ready to print
 * on A4: the seal boxes top right, table headers repeated on each page,
 * the classification and "page / pages" in the page margins where the
 * browser supports them.  Every value is escaped.
 */
void report_render_html(const struct report *r, struct strbuf *out);

enum report_charset {
	REPORT_UTF8,  /* with a BOM, so that Excel reads it as UTF-8 */
	REPORT_CP932, /* Shift_JIS as Windows has it (code page 932) */
};

/*
 * Appends table t of r as CSV (RFC 4180, CRLF, formula-like cells
 * neutralised as export/table.h does): the header row, then the rows.
 * In CP932 a character that Shift_JIS cannot hold (an emoji, 𠮷, é) is
 * not replaced or dropped: the file would silently differ from the
 * record.  It fails with ERROR_INPUT "report.csv_cp932" naming the row
 * (as a spreadsheet numbers it, the header being row 1), the column's
 * header and the character; out is then left as it was.
 */
int report_render_csv(const struct report *r, const struct report_table *t,
		      enum report_charset charset, struct strbuf *out,
		      struct error *err);

/*
 * Writes the document as a PDF file at path, or appends it to out.  The
 * Noto CJK fonts must be installed (fonts-noto-cjk): without them it
 * fails with ERROR_INTERNAL "report.font_missing" naming the font and
 * writes nothing, rather than a file of empty boxes.  Pages are drawn
 * and written one at a time: memory does not grow with the page count.
 * Other failures: ERROR_INTERNAL "report.pdf_failed".
 */
int report_render_pdf(const struct report *r, const char *path,
		      struct error *err);
int report_render_pdf_buf(const struct report *r, struct strbuf *out,
			  struct error *err);

/*
 * Writes the document as an Excel workbook at path: a cover sheet with
 * the title, the metadata, the text blocks and the list of sheets, then
 * one sheet per table (bold frozen header, autofilter, widths fitted to
 * Japanese text, numbers and dates as such, A4 print set-up with the
 * header row repeated).  Fails with ERROR_INTERNAL "export.xlsx_failed"
 * or ERROR_INPUT "export.xlsx_too_many".
 */
int report_render_xlsx(const struct report *r, const char *path,
		       struct error *err);
/* The same into out, through a private temporary file. */
int report_render_xlsx_buf(const struct report *r, struct strbuf *out,
			   struct error *err);

/*
 * Renders into out in format f; for CSV the first table in UTF-8 (a
 * document without tables fails with ERROR_INPUT "report.no_table").
 */
int report_render(const struct report *r, enum report_format f,
		  struct strbuf *out, struct error *err);

/*
 * Reads Markdown (as the policy and the handbook are kept) into blocks
 * of r: the first level-1 heading becomes the title when r has none, the
 * others headings one level up; paragraphs, lists (with bold spans and
 * line breaks), block quotes and code as paragraphs.  Raw HTML is
 * dropped, as the pages drop it (report_markdown.c).
 */
void report_add_markdown(struct report *r, const char *md, size_t len);

#endif
