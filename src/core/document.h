/*
 * document.h: the register of documented information (文書化した情報,
 * ISO/IEC 27001 clause 7.5): types, statuses and how a document moves
 * between them, the rules of its fields, when its review is due, and a
 * line comparison of two saved texts.
 */
#ifndef MAMORI_CORE_DOCUMENT_H
#define MAMORI_CORE_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct error;
struct strbuf;

/* Limits, in characters (the body in bytes); shared by every front door. */
enum {
	DOCUMENT_CODE_MIN = 2,
	DOCUMENT_CODE_MAX = 20,
	DOCUMENT_TITLE_MAX = 200,
	DOCUMENT_OWNER_MAX = 200,
	DOCUMENT_RETENTION_MAX = 100,
	DOCUMENT_NOTE_MAX = 500,
	DOCUMENT_BODY_MAX = 200000,
	/* A comparison weighs at most this many pairs of changed lines. */
	DOCUMENT_DIFF_CELLS_MAX = 4000000,
	/* Reviews due within this many days are shown as soon due. */
	DOCUMENT_REVIEW_SOON_DAYS = 30,
};

/* 方針 / 規程 / 手順 / 記録 / 外部文書. */
enum document_type {
	DOCUMENT_POLICY,
	DOCUMENT_RULE,
	DOCUMENT_PROCEDURE,
	DOCUMENT_RECORD,
	DOCUMENT_EXTERNAL,
	DOCUMENT_TYPE_COUNT
};

/*
 * The state of a document's working text.  A document whose text was
 * approved once keeps that version in force (approved_version) while a
 * newer version is a draft or in review; the newer one replaces it only
 * when it is approved in turn.
 */
enum document_status {
	DOCUMENT_DRAFT,
	DOCUMENT_IN_REVIEW,
	DOCUMENT_APPROVED,
	DOCUMENT_WITHDRAWN,
	DOCUMENT_STATUS_COUNT
};

/* What a person does to a document. */
enum document_action {
	DOCUMENT_SAVE,	   /* save a new version of the text */
	DOCUMENT_SUBMIT,   /* ask for approval */
	DOCUMENT_RETURN,   /* the approver sends it back to its author */
	DOCUMENT_APPROVE,  /* the approver approves the newest version */
	DOCUMENT_WITHDRAW, /* the document is no longer in force */
	DOCUMENT_ACTION_COUNT
};

/* Names as stored and typed ("procedure", "in_review", "approve"). */
const char *document_type_name(enum document_type t);
int document_type_parse(const char *name, enum document_type *t);
const char *document_status_name(enum document_status s);
int document_status_parse(const char *name, enum document_status *s);
const char *document_action_name(enum document_action a);
int document_action_parse(const char *name, enum document_action *a);

/*
 * The status after action a on a document in status from: saving makes a
 * draft of anything but a withdrawn document; a draft is submitted; a
 * document in review is approved or returned; anything not withdrawn may
 * be withdrawn (a draft nobody needs as much as an approved text).  A
 * withdrawn document is final.  Returns 0 and sets *to, or -1 with
 * ERROR_CONFLICT "document.bad_transition" naming both.
 */
int document_transition(enum document_status from, enum document_action a,
			enum document_status *to, struct error *err);

/* One entry of the register. */
struct document {
	int64_t id;
	const char *code;  /* the organisation's reference, "P-01" */
	const char *title; /* 文書名 */
	enum document_type type;
	const char *owner;    /* 文書管理責任者: a person or a post */
	const char *approver; /* e-mail of the member who approves, or "" */
	enum document_status status;
	const char *next_review; /* YYYY-MM-DD or "" */
	const char *retention; /* 保存期間, free text ("5年", "永年") */
	const char *label;     /* classification label, "" for none */
	int latest_version;    /* newest saved version, 0 before any */
	int approved_version;  /* the version in force, 0 for none */
	const char *approved_by; /* of approved_version, NULL for none */
	int64_t approved_at;
	int64_t created_at;
	int64_t updated_at;
};

/*
 * Checks a reference code: 2-20 characters, capital letters A-Z and
 * digits in groups joined by single hyphens, starting with a letter
 * ("P-01", "POL-001", "REC-2024-3").  ERROR_INPUT "document.bad_code".
 */
int document_code_validate(const char *code, struct error *err);

/*
 * Checks d: its code, a title and an owner, lengths, an approver that is
 * an e-mail address or empty, a real review date or none, and a label
 * among the organisation's labels (count of them) or none.  Fails with
 * ERROR_INPUT naming the field (message key "document.<field>").
 */
int document_validate(const struct document *d, const char *const *labels,
		      size_t label_count, struct error *err);
/* Checks a text to save: valid UTF-8, at most DOCUMENT_BODY_MAX bytes. */
int document_body_validate(const char *body, struct error *err);
/* Checks a version's note (why it changed): one line, at most 500. */
int document_note_validate(const char *note, struct error *err);

/*
 * Whether the member with e-mail by may approve (or return, or withdraw)
 * d: when d names an approver only that member may, else anyone with the
 * right.  Returns 0, or -1 with ERROR_DENIED "document.not_approver".
 */
int document_may_approve(const struct document *d, const char *by,
			 struct error *err);

/* Where a document's review stands on today (both YYYY-MM-DD). */
enum document_review {
	DOCUMENT_REVIEW_NONE,	 /* no date set, or withdrawn */
	DOCUMENT_REVIEW_LATER,	 /* more than DOCUMENT_REVIEW_SOON_DAYS on */
	DOCUMENT_REVIEW_SOON,	 /* today or within the days */
	DOCUMENT_REVIEW_OVERDUE, /* the date has passed */
};
enum document_review document_review_state(const struct document *d,
					   const char *today);

/*
 * The fields that differ between old and new, one "field: value" line
 * each, into before and after (for the audit trail and the history);
 * old NULL: a new document, every field that is set goes to after.
 */
void document_changes(const struct document *old, const struct document *new_,
		      struct strbuf *before, struct strbuf *after);

/*
 * Appends text with each {name} of names (count of them) replaced by
 * values[i] as it is (Markdown the caller built, such as a list); any
 * other brace is copied.  The templates' lists ({labels}, {departments})
 * are filled so; single values go through policy_fill_text(), which
 * escapes them.
 */
void document_fill(struct strbuf *out, const char *text,
		   const char *const *names, const char *const *values,
		   size_t count);

/* One line of a comparison. */
enum document_diff_op {
	DOCUMENT_DIFF_SAME,
	DOCUMENT_DIFF_REMOVED,
	DOCUMENT_DIFF_ADDED,
};

struct document_diff_line {
	enum document_diff_op op;
	const char *text; /* the line without its end, in arena */
	int old_no;	  /* its number in a (1-based), 0 when added */
	int new_no;	  /* its number in b, 0 when removed */
};

/*
 * Compares the texts a and b line by line (a longest common subsequence
 * after the common head and tail are set aside; "\r\n" ends a line like
 * "\n").  *lines (from arena) gets every line of both in reading order.
 * When the changed middle parts would need more than
 * DOCUMENT_DIFF_CELLS_MAX comparisons, fails with ERROR_INPUT
 * "document.diff_too_big" instead of using the memory.
 */
int document_diff(struct arena *arena, const char *a, const char *b,
		  struct document_diff_line **lines, size_t *count,
		  struct error *err);

#endif
