/*
 * docview.h: what the document register's pages, its API and
 * `mamori document` share: the names of types and statuses in the
 * reader's language, and the register as a spreadsheet (CSV or a
 * workbook) in a chosen language.
 */
#ifndef MAMORI_WEB_DOCVIEW_H
#define MAMORI_WEB_DOCVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/document.h"
#include "core/text.h"

struct arena;
struct catalog;
struct error;
struct i18n;
struct store;
struct strbuf;

/* Message keys of a type ("document.type_policy") and a status. */
const char *docview_type_key(enum document_type t);
const char *docview_status_key(enum document_status s);

/*
 * The e-mail addresses of org_id's members who may approve documents
 * (their roles grant PERM_APPROVE), as an arena array.
 */
int docview_approvers(struct store *store, struct arena *arena, int64_t org_id,
		      const char ***emails, size_t *count, struct error *err);
/*
 * Checks a document's approver: "" or one of docview_approvers(); else
 * ERROR_INPUT "document.approver_unknown" naming it.
 */
int docview_check_approver(struct store *store, struct arena *arena,
			   int64_t org_id, const char *approver,
			   struct error *err);

/*
 * A document template (data/templates/documents.tsv): a draft in our own
 * words, its text in templates/documents/<id>.<ja|en>.md with
 * placeholders {company}, {representative}, {services}, {date},
 * {labels} and {departments}.
 */
struct doc_template {
	const char *id;
	enum document_type type;
	const char *code; /* a suggested number */
	struct text title;
	struct text owner; /* a suggested owner (a post) */
};

/* Every template, in the file's order (from arena). */
int docview_templates(struct arena *arena, struct doc_template **rows,
		      size_t *count, struct error *err);
/* The template called id among rows (count of them), or NULL. */
const struct doc_template *docview_template(const struct doc_template *rows,
					    size_t count, const char *id);
/*
 * Appends the text of template t in lang filled from org_id's data: its
 * name, the profile's representative and services, today, the
 * classification labels (translated) and the departments of the asset
 * register.  Blanks the organisation has not filled in stay as a
 * bracketed placeholder for a person to complete before approval.
 */
int docview_template_text(struct store *store, struct arena *arena,
			  const struct catalog *cat, int64_t org_id,
			  enum lang lang, const char *today,
			  const struct doc_template *t, struct strbuf *out,
			  struct error *err);

/* The register's columns. */
enum { DOCVIEW_COLUMNS = 13 };

/* The header of each column, in lang. */
void docview_headers(const struct i18n *msgs, enum lang lang,
		     const char *cells[DOCVIEW_COLUMNS]);
/*
 * The cells of d in lang (strings from arena): built-in labels
 * translated, the approval day as the office's local date.
 */
void docview_row(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct document *d, struct arena *arena,
		 const char *cells[DOCVIEW_COLUMNS]);

/* The register as CSV (a BOM for Excel, formula cells neutralised). */
void docview_csv(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct document *rows, size_t count,
		 struct arena *arena, struct strbuf *out);
/* The register as a one-sheet workbook written to path. */
int docview_xlsx(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct document *rows, size_t count,
		 struct arena *arena, const char *path, struct error *err);

#endif
