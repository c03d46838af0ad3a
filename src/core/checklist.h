/*
 * checklist.h: the levelled control checklist: which guideline items an
 * organisation takes on, how far each is done, the coverage per domain and
 * the order in which the open items are best closed.
 *
 * The guideline places an organisation at L1, L2 or L3
 * (guideline_level_of) and its levels are cumulative: L2 takes on every L1
 * item, L3 every item.  An organisation may also adopt items above its
 * level when it has the means.  Each item it records is 実施 (done),
 * 一部 (partly), 未実施 (not done) or 対象外 (not applicable, with the
 * reason why), with who looks after it, a note, what shows it is done and
 * when to look at it again.
 */
#ifndef MAMORI_CORE_CHECKLIST_H
#define MAMORI_CORE_CHECKLIST_H

#include <stddef.h>
#include <stdint.h>

#include "core/guideline.h"

struct error;
struct strbuf;

/* Where an item stands.  Nothing recorded yet reads as unanswered. */
enum checklist_state {
	CHECKLIST_UNANSWERED,
	CHECKLIST_DONE,		  /* 実施 */
	CHECKLIST_PARTLY,	  /* 一部 */
	CHECKLIST_NOT_DONE,	  /* 未実施 */
	CHECKLIST_NOT_APPLICABLE, /* 対象外: needs a reason */
	CHECKLIST_STATE_COUNT
};

/* "unanswered", "done", "partly", "not_done", "not_applicable". */
const char *checklist_state_name(enum checklist_state s);
/* Parses one of the names above; returns 0 or -1. */
int checklist_state_parse(const char *name, enum checklist_state *s);

/* Limits of the fields, in characters; shared by every front door. */
enum {
	CHECKLIST_OWNER_MAX = 200,
	CHECKLIST_REASON_MAX = 500,
	CHECKLIST_TEXT_MAX = 2000, /* note and evidence */
};

/* What an organisation recorded about one guideline item. */
struct checklist_status {
	const char *item_id; /* the guideline item's id ("3.1.1") */
	enum checklist_state state;
	int adopted;	      /* an item above the level, taken on by choice */
	const char *reason;   /* why it is not applicable; "" otherwise */
	const char *owner;    /* who looks after it (a person or a post) */
	const char *note;     /* what is done, what stops the rest */
	const char *evidence; /* where the proof is (規程, 記録, 画面…) */
	const char *review_on;	/* next review, YYYY-MM-DD, or "" */
	const char *updated_by; /* "" until recorded */
	int64_t updated_at;	/* 0 until recorded */
};

/* An unanswered status of item_id (borrowed) with every text "". */
void checklist_status_init(struct checklist_status *s, const char *item_id);

/*
 * Returns 1 when s records nothing (unanswered, not adopted, every text
 * empty): such an item is not stored at all.
 */
int checklist_status_is_empty(const struct checklist_status *s);

/*
 * The fields that differ between old and s, one "field: value" line each
 * (status, adopted, reason, owner, note, evidence, review_on), appended
 * to before and after for the audit trail; nothing when they are equal.
 * Line breaks inside a value are written as spaces, so that each field
 * stays one line.
 */
void checklist_status_changes(const struct checklist_status *old,
			      const struct checklist_status *s,
			      struct strbuf *before, struct strbuf *after);

/* Why an item is on an organisation's checklist, or that it is not. */
enum checklist_inclusion {
	CHECKLIST_EXCLUDED,    /* above the level and not adopted */
	CHECKLIST_BY_LEVEL,    /* at or below the organisation's level */
	CHECKLIST_BY_ADOPTION, /* above the level, adopted */
};

/*
 * Whether item is on the checklist of an organisation at level (1 … 3)
 * that has (adopted 1) or has not adopted it: levels are cumulative, so
 * an item at or below the level is always on it, whatever adopted says.
 */
enum checklist_inclusion checklist_included(const struct guideline_item *item,
					    int level, int adopted);

/*
 * Checks a status of item for an organisation at level before it is
 * written, old being what was recorded before (an unanswered one when
 * nothing was): not applicable needs a reason, the texts their lengths
 * (one line for the owner, several for the rest), the review date a real
 * date, and adopting is for items above the level only (an item already
 * adopted may keep the flag after the level rose).  A reason is kept only
 * for not applicable: s->reason is set to "" for any other state, since a
 * reason for excluding an item that is not excluded would mislead.  Fails
 * with ERROR_INPUT naming the field ("checklist.<field>").
 */
int checklist_status_validate(const struct guideline_item *item, int level,
			      const struct checklist_status *old,
			      struct checklist_status *s, struct error *err);

/*
 * The coverage of the organisation's level: the items at or below level
 * (adopted items above it are extra and not counted, so the figure
 * answers the guideline's first question, how far the level is done).
 * items is how many there are, and done … unanswered how many stand so
 * (they add up to items).  Per domain, items leaves the not applicable
 * ones out, so that done + partly / 2 over items is the domain's share.
 */
struct checklist_coverage {
	int level;
	int items, done, partly, not_done, not_applicable, unanswered;
	struct {
		int items, done, partly;
	} domain[DOMAIN_COUNT];
};

/*
 * Counts the coverage of count items (the catalogue) whose statuses are
 * parallel to them (statuses[i] is items[i]'s) at level into *out.
 */
void checklist_coverage(const struct guideline_item *items, size_t count,
			const struct checklist_status *statuses, int level,
			struct checklist_coverage *out);

/*
 * The share done of items, as a whole percentage (done counts 1, partly
 * one half; rounded half up), or -1 when items is 0: nothing to do is
 * not 100 % done.
 */
int checklist_percent(int done, int partly, int items);

/* The share of the whole level: not applicable items left out. */
int checklist_coverage_percent(const struct checklist_coverage *c);

/*
 * What the risk register says about one item, counted by the caller: the
 * high-grade risks of the open assessment the item touches (their
 * treatment chose it, or it shares an ISO/IEC 27002 control with the
 * controls their treatment chose), and how many risks' treatments chose
 * the item itself.
 */
struct checklist_touch {
	int high_risks;
	int treated_risks;
};

/*
 * Adds risks high-grade risks that chose the same treatment references
 * to the touches of count items (parallel to them): controls and
 * guideline are the space-separated ISO/IEC 27002 ids and guideline item
 * ids.  An item counts each risk once when it was chosen itself or shares
 * a control with the risk (or both).  The treated counts come from the
 * register's totals (repo_risk_refs) and are the caller's to fill.
 */
void checklist_touch_high(const struct guideline_item *items, size_t count,
			  const char *controls, const char *guideline,
			  int risks, struct checklist_touch *touch);

/*
 * Returns 1 when item identifies or protects important data: function
 * identify or protect in the data, account or backup domain.  The
 * guideline asks for these first (2.5: 重要情報の「識別」と「保護」).
 */
int checklist_important_data(const struct guideline_item *item);

enum { CHECKLIST_WHY_MAX = 6 };

/* One part of the reason for a gap's position: a message key and {1}. */
struct checklist_why {
	const char *key; /* "checklist.why.level" … */
	int arg;	 /* the number for {1}; 0 when the message has none */
};

/* An open item of the checklist, in the order it is best closed. */
struct checklist_gap {
	const struct guideline_item *item;
	size_t index; /* in the catalogue (and statuses) */
	enum checklist_state state;
	enum checklist_inclusion inclusion;
	int high_risks;
	int treated_risks;
	struct checklist_why why[CHECKLIST_WHY_MAX];
	size_t why_count;
};

/*
 * The gaps of the checklist: every item on it (checklist_included) that
 * is not done and not applicable, in priority order, into out (room for
 * count), each with the reasons for its position; returns how many.
 * touch is parallel to items, or NULL when there is no risk register.
 *
 * The order is the guideline's advice, not the share done (2.6: a simple
 * completion ratio means nothing; the executive sets priorities by what
 * touches important assets):
 *  1. items of the level before adopted ones above it;
 *  2. items touching more high-grade risks first;
 *  3. items that identify or protect important data (checklist_important_
 *     data) first (2.5);
 *  4. setting a process up before carrying it out (2.3);
 *  5. by function: identify, protect, detect, respond, recover (2.1.1:
 *     what is not identified cannot be protected, and so on);
 *  6. items more risk treatments chose first;
 *  7. lower levels first;
 *  8. nothing in place (not done or unanswered) before partly done;
 *  9. the catalogue's order.
 */
size_t checklist_gaps(const struct guideline_item *items, size_t count,
		      const struct checklist_status *statuses,
		      const struct checklist_touch *touch, int level,
		      struct checklist_gap *out);

/* The order above: <0 when a comes first, >0 when b does, 0 for one item. */
int checklist_gap_cmp(const struct checklist_gap *a,
		      const struct checklist_gap *b);

#endif
