/*
 * soa.h: the Statement of Applicability (適用宣言書) and its rules.
 *
 * Each of the 93 ISO/IEC 27002:2022 controls gets an entry: whether it
 * applies, why it was included (several reasons may hold) or why it was
 * excluded, how far it is implemented, who owns it, where its procedures
 * and evidence are, and when it was last reviewed.  The executive approves
 * the statement as a whole, which keeps a numbered version; approval waits
 * until nothing blocks it (soa_blockers()).
 */
#ifndef MAMORI_CORE_SOA_H
#define MAMORI_CORE_SOA_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct diagnosis_item;
struct error;
struct incident_case;
struct strbuf;

/* Applicable or not; undecided until someone says. */
enum soa_applicability {
	SOA_UNDECIDED,
	SOA_APPLICABLE,
	SOA_EXCLUDED,
	SOA_APPLICABILITY_COUNT
};

/* "undecided", "yes", "no" (files, options, the API). */
const char *soa_applicability_name(enum soa_applicability a);
int soa_applicability_parse(const char *name, enum soa_applicability *a);

/* Reasons for inclusion, as bits: several may hold for one control. */
enum soa_reason_bits {
	SOA_REASON_RISK = 1 << 0,     /* chosen by risk treatment */
	SOA_REASON_LEGAL = 1 << 1,    /* a law or regulation asks for it */
	SOA_REASON_CONTRACT = 1 << 2, /* a contract asks for it */
	SOA_REASON_PRACTICE = 1 << 3, /* good practice */
	SOA_REASON_ALL = (1 << 4) - 1
};

enum { SOA_REASON_COUNT = 4 };

/* "risk", "legal", "contract", "practice" for bit index i. */
const char *soa_reason_name(int i);
/* Finds a reason by name; returns its bit, or 0 when unknown. */
unsigned soa_reason_parse(const char *name);
/*
 * Parses a comma-separated list of reason names ("risk,legal"; "" is no
 * reason) into bits; returns 0, or -1 with *bad at the unknown name
 * (borrowed from list, up to the next comma).
 */
int soa_reasons_parse(const char *list, unsigned *bits, const char **bad,
		      size_t *bad_len);

/*
 * Implementation status: 未実施 / 一部実施 / 実施済 / 該当なし.  The
 * order is fixed: struct soa_progress.by_status is indexed by it.
 */
enum soa_status {
	SOA_NOT_IMPLEMENTED,
	SOA_PARTLY,
	SOA_IMPLEMENTED,
	SOA_NOT_APPLICABLE,
	SOA_STATUS_COUNT
};

/* An entry whose status nobody has set yet. */
enum { SOA_STATUS_UNSET = -1 };

/* "not_implemented", "partly", "implemented", "not_applicable". */
const char *soa_status_name(enum soa_status s);
int soa_status_parse(const char *name, enum soa_status *s);

/* Limits of the texts, in characters. */
enum {
	SOA_JUSTIFICATION_MAX = 1000,
	SOA_OWNER_MAX = 200,
	SOA_NOTES_MAX = 2000,
};

/* One control's entry; strings are borrowed. */
struct soa_entry {
	const char *control; /* "5.1" … "8.34" */
	enum soa_applicability applicable;
	unsigned reasons;	   /* SOA_REASON_* bits */
	const char *justification; /* why excluded ("" otherwise) */
	int status;		   /* enum soa_status or SOA_STATUS_UNSET */
	const char *owner;	   /* "" when nobody */
	const char *notes;	   /* procedures and evidence */
	const char *reviewed_on;   /* YYYY-MM-DD or "" */
	int64_t updated_at;
};

/* A fresh entry for control: undecided, nothing set. */
void soa_entry_init(struct soa_entry *e, const char *control);

/*
 * Brings an entry to the form its applicability implies, before it is
 * validated: an excluded control has no reasons for inclusion and its
 * status is 該当なし; an applicable one has no justification for
 * exclusion (an undecided one keeps whatever draft it has).  Every front door
 * calls it, so switching a control to excluded does not also require clearing
 * its reasons by hand.
 */
void soa_entry_normalise(struct soa_entry *e);

/*
 * Accepting a suggestion: the control becomes applicable with the reason
 * bit added; a 該当なし status left from an exclusion is cleared, since it
 * contradicts the new decision.
 */
void soa_entry_accept(struct soa_entry *e, unsigned reason);

/*
 * Checks an entry: an excluded control needs a justification and has no
 * reason and no status but 該当なし; an applicable one needs at least one
 * reason and cannot be 該当なし; known reason bits and status; the
 * lengths; a real review date.  Fails with ERROR_INPUT naming the field
 * ("soa.<field>").
 */
int soa_entry_validate(const struct soa_entry *e, struct error *err);

/* What stops approval. */
enum soa_problem {
	SOA_BLOCK_UNDECIDED,	    /* applicability not decided */
	SOA_BLOCK_NO_STATUS,	    /* applicable without a status */
	SOA_BLOCK_NO_JUSTIFICATION, /* excluded without a justification */
	SOA_BLOCK_NO_REASON,	    /* applicable without a reason */
	SOA_PROBLEM_COUNT
};

/* "undecided", "no_status", … (message keys "soa.block.<name>"). */
const char *soa_problem_name(enum soa_problem p);

struct soa_blocker {
	const char *control;
	enum soa_problem problem;
};

/*
 * Fills out (room for at least count * 2 blockers; an entry can have two
 * problems at most) with what stops approving entries, in their order,
 * and returns how many.  None: the statement may be approved.
 */
size_t soa_blockers(const struct soa_entry *entries, size_t count,
		    struct soa_blocker *out);

/* The fields of an entry, for diffs and history. */
enum soa_field {
	SOA_FIELD_APPLICABLE,
	SOA_FIELD_REASONS,
	SOA_FIELD_JUSTIFICATION,
	SOA_FIELD_STATUS,
	SOA_FIELD_OWNER,
	SOA_FIELD_NOTES,
	SOA_FIELD_REVIEWED_ON,
	SOA_FIELD_COUNT
};

/* "applicable", "reasons", … (message keys "soa.<name>"). */
const char *soa_field_name(enum soa_field f);

/*
 * A field's value as text for diffs, exports and the audit trail: names
 * ("yes", "risk,legal", "partly"), "" for an unset status or no reason.
 * Returns a borrowed string or one written into buf (size at least 64).
 */
const char *soa_field_value(const struct soa_entry *e, enum soa_field f,
			    char *buf, size_t size);

/* Bit f set when field f differs between a and b. */
unsigned soa_entry_changes(const struct soa_entry *a,
			   const struct soa_entry *b);

/*
 * The fields that differ between old and new, one "field: value" line
 * each, into before and after (the audit trail's form).
 */
void soa_entry_audit(const struct soa_entry *old, const struct soa_entry *new_,
		     struct strbuf *before, struct strbuf *after);

/* One control's difference between two versions. */
struct soa_diff {
	const char *control;
	unsigned fields;		/* soa_field bits that changed */
	const struct soa_entry *before; /* NULL: not in the older version */
	const struct soa_entry *after;	/* NULL: not in the newer one */
};

/*
 * Compares versions a (older) and b (newer), each sorted by control id
 * (control_id_cmp), into out (room for na + nb); returns how many
 * controls differ, in control order.
 */
size_t soa_diff(const struct soa_entry *a, size_t na, const struct soa_entry *b,
		size_t nb, struct soa_diff *out);

/* The counts a dashboard shows, from entries (count of them). */
struct soa_counts {
	int applicable, excluded, undecided;
	int by_status[SOA_STATUS_COUNT];
};

void soa_count(const struct soa_entry *entries, size_t count,
	       struct soa_counts *out);

/* A risk of the open assessment whose treatment chose a control. */
struct soa_risk_link {
	const char *control;
	int64_t risk_id;
	const char *asset_name;
	const char *threat_id; /* a catalogue id, or "" for an own entry */
	const char *threat;    /* the own entry's text */
	int level;	       /* RISK_UNRATED (-1) until rated */
};

/* A decision on a suggestion, remembered with what the source said. */
struct soa_decision {
	const char *control;
	const char *source; /* "risk", "diagnosis:7", "case:c05" */
	const char *basis;  /* the risks' ids, the answer; "" for a case */
	int accepted;	    /* 1 accepted, 0 rejected */
};

/* Where a suggestion comes from. */
enum soa_source_kind {
	SOA_SOURCE_RISK,
	SOA_SOURCE_DIAGNOSIS,
	SOA_SOURCE_CASE,
	SOA_SOURCE_KIND_COUNT
};

/* What the suggestions are made from; any part may be empty. */
struct soa_sources {
	/* Risk links sorted by control (control_id_cmp), then risk id. */
	const struct soa_risk_link *links;
	size_t link_count;
	/* The diagnosis items and the combined latest answers, item n at
	 * answers[n - 1] (DIAGNOSIS_NONE where not answered). */
	const struct diagnosis_item *items;
	size_t item_count;
	const int *answers;
	/* A case the user picked, or NULL. */
	const struct incident_case *picked_case;
};

struct soa_suggestion {
	const char *control;
	enum soa_source_kind kind;
	const char *source; /* the decision's key: "risk", "diagnosis:7" … */
	const char *basis;
	unsigned reason; /* the bit accepting adds */
	/* Risk: how many, and the first risk (asset, threat) to name it. */
	size_t risks;
	const struct soa_risk_link *first;
	/* Diagnosis: the item and its answer. */
	int item;
	int answer;
	/* Case: its id. */
	const char *case_id;
};

/*
 * The suggestions from src, in control order then source kind, into an
 * array from arena (*out; returns the count): the controls the risk
 * treatments chose (reason: risk treatment), those of the diagnosis
 * items answered 2, 0 or -1, and those of the picked case (reason: good
 * practice).  A suggestion is left out when the entry already applies
 * with its reason, or when a decision on the same control and source was
 * made on the same basis; a changed source brings it back.  entries may
 * be fewer than the controls (not started: none).
 */
size_t soa_suggest(const struct soa_sources *src,
		   const struct soa_entry *entries, size_t entry_count,
		   const struct soa_decision *decisions, size_t decision_count,
		   struct arena *arena, struct soa_suggestion **out);

/* Finds the suggestion of control × source in list; NULL when none. */
const struct soa_suggestion *
soa_suggestion_find(const struct soa_suggestion *list, size_t count,
		    const char *control, const char *source);

#endif
