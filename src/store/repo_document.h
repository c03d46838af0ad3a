/*
 * repo_document.h: the document register and every saved version of each
 * document's text, in the store.  The rules (what may move where, field
 * checks) are core/document.c's; these functions write what they are
 * given, inside the caller's transaction.
 */
#ifndef MAMORI_STORE_REPO_DOCUMENT_H
#define MAMORI_STORE_REPO_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/document.h"

struct arena;
struct error;
struct store;

/*
 * Inserts d (its id is set) for org_id, with status draft and no version
 * yet.  A code the organisation uses already fails with ERROR_CONFLICT
 * "document.code_taken".
 */
int repo_document_insert(struct store *store, int64_t org_id,
			 struct document *d, int64_t now, struct error *err);
/*
 * Writes d's fields (code, title, type, owner, approver, next review,
 * retention, label).  A code another document of org_id uses fails with
 * ERROR_CONFLICT "document.code_taken".  Returns 1, or 0 when d->id is
 * not org_id's.
 */
int repo_document_update(struct store *store, int64_t org_id,
			 const struct document *d, int64_t now,
			 struct error *err);
/* Document id of org_id into *out (strings from arena): 1, 0 none, -1. */
int repo_document_get(struct store *store, struct arena *arena, int64_t org_id,
		      int64_t id, struct document *out, struct error *err);
/* The same by reference code. */
int repo_document_get_code(struct store *store, struct arena *arena,
			   int64_t org_id, const char *code,
			   struct document *out, struct error *err);

/* Orders of the register. */
enum document_sort {
	DOCUMENT_SORT_CODE,
	DOCUMENT_SORT_TITLE,
	DOCUMENT_SORT_TYPE,
	DOCUMENT_SORT_STATUS,
	DOCUMENT_SORT_REVIEW,  /* soonest review first, none last */
	DOCUMENT_SORT_UPDATED, /* most recently changed first */
	DOCUMENT_SORT_COUNT
};

const char *document_sort_name(enum document_sort s);
int document_sort_parse(const char *name, enum document_sort *s);

/* What the register shows; NULL or -1 members do not filter. */
struct document_filter {
	int type;	    /* enum document_type, or -1 */
	int status;	    /* enum document_status, or -1 */
	const char *owner;  /* exactly this owner */
	const char *due_by; /* next review on or before (YYYY-MM-DD) */
	enum document_sort sort;
};

/* Every document of org_id the filter lets through, in its order. */
int repo_document_list(struct store *store, struct arena *arena, int64_t org_id,
		       const struct document_filter *f, struct document **rows,
		       size_t *count, struct error *err);

/* A document whose review is due, for the dashboard. */
struct document_due {
	int64_t id;
	const char *code;
	const char *title;
	const char *owner;
	const char *next_review; /* YYYY-MM-DD */
};

/*
 * The documents of org_id whose next review date is on or before until
 * (YYYY-MM-DD), withdrawn ones left out, soonest first (strings and rows
 * from arena).
 */
int repo_document_due(struct store *store, struct arena *arena, int64_t org_id,
		      const char *until, struct document_due **rows,
		      size_t *count, struct error *err);

/*
 * The departments named in org_id's asset register (管理部署), each once,
 * in order, for the templates that list them.
 */
int repo_document_departments(struct store *store, struct arena *arena,
			      int64_t org_id, const char ***names,
			      size_t *count, struct error *err);

/* One saved text of a document. */
struct document_version {
	int version;
	const char *body; /* Markdown; "" in lists */
	const char *note; /* why it changed */
	const char *author;
	int64_t created_at;
	const char *approved_by; /* NULL unless this version was approved */
	int64_t approved_at;
};

/*
 * Saves body as the next version of document id (note and author as
 * given), makes it the document's newest and sets its status to status
 * (core/document.c decides which).  *version gets the new number.
 * Returns 1, or 0 when id is not org_id's.
 */
int repo_document_save(struct store *store, int64_t org_id, int64_t id,
		       const char *body, const char *note, const char *author,
		       enum document_status status, int64_t now, int *version,
		       struct error *err);
/* Sets the status of document id.  Returns 1, or 0 when not org_id's. */
int repo_document_set_status(struct store *store, int64_t org_id, int64_t id,
			     enum document_status status, int64_t now,
			     struct error *err);
/*
 * Approves the newest version of document id: it becomes the version in
 * force, with by and now recorded on the document and the version, and
 * the status approved.  Returns 1, or 0 when id is not org_id's or has no
 * version.
 */
int repo_document_approve(struct store *store, int64_t org_id, int64_t id,
			  const char *by, int64_t now, struct error *err);
/* Version n of document id (org_id's): 1, 0 none, -1 error. */
int repo_document_version(struct store *store, struct arena *arena,
			  int64_t org_id, int64_t id, int n,
			  struct document_version *out, struct error *err);
/* Every version of document id, newest first, without their bodies. */
int repo_document_versions(struct store *store, struct arena *arena,
			   int64_t org_id, int64_t id,
			   struct document_version **rows, size_t *count,
			   struct error *err);

#endif
