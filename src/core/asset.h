/*
 * asset.h: the information asset register (情報資産管理台帳), the risks
 * found for its assets, and the risk treatment plan.
 */
#ifndef MAMORI_CORE_ASSET_H
#define MAMORI_CORE_ASSET_H

#include <stddef.h>
#include <stdint.h>

#include "core/risk.h"

struct error;
struct strbuf;

/* Limits of the fields, in characters; shared by every front door. */
enum {
	ASSET_NAME_MAX = 200,
	ASSET_TEXT_MAX = 200, /* category, users, owner, department … */
	ASSET_NOTES_MAX = 2000,
	RISK_TEXT_MAX = 500,
	RISK_REFS_MAX = 32, /* controls or guideline items of one risk */
	PLAN_TASK_MAX = 1000,
};

/*
 * One row of the register.  The same information on two media is two
 * rows.  importance is derived (the highest of C, I, A), never typed.
 */
struct asset {
	int64_t id;
	const char *category;	/* 業務分類 */
	const char *name;	/* 情報資産名称 */
	const char *notes;	/* 備考 */
	const char *users;	/* 利用者範囲 */
	const char *owner;	/* リスク所有者 */
	const char *department; /* 管理部署 */
	const char *medium;	/* a enum medium name, or the org's own word */
	unsigned personal;	/* PERSONAL_* */
	int c, i, a;		/* RISK_UNRATED until rated */
	int importance;		/* derived */
	const char *retention;	/* 保存期限, free text ("5年", "永年") */
	const char *registered_on; /* 登録日, YYYY-MM-DD */
	const char *label;	   /* classification label, "" for none */
	int risk_count;		   /* risks in the open assessment */
	int64_t updated_at;
};

/*
 * A classification label (極秘 / 社外秘 / 公開 …).  An asset stores a
 * built-in label by its id and shows it in the reader's language; an
 * organisation may add labels of its own, stored as typed.
 */
struct classification_label {
	const char *id;
	struct text label;
	struct text meaning;
};

/* The built-in medium of an asset, or -1 for the organisation's own. */
int asset_medium(const struct asset *a);

/*
 * Checks an asset against the rules and the organisation's method: the
 * lengths, a medium, C/I/A on the method's scale (or all unrated), a real
 * registration date.  labels (count of them) are the organisation's
 * classification labels; label must be one of them or "".  Fails with
 * ERROR_INPUT naming the field (a message key "asset.<field>").
 */
int asset_validate(const struct asset *a, const struct risk_method_def *m,
		   const char *const *labels, size_t label_count,
		   struct error *err);

/*
 * The fields that differ between old and new, one "field: value" line
 * each (field as in the message keys "asset.<field>"), into before and
 * after, for the audit trail and the asset's history.  old NULL: a new
 * asset, every field that is set goes to after.
 */
void asset_changes(const struct asset *old, const struct asset *new_,
		   struct strbuf *before, struct strbuf *after);

/*
 * The "before" and "after" lines of an asset whose C, I and A (cia) a new
 * assessment moves from one method's scale to the other's
 * (risk_convert_value), so its history explains the new values.
 */
void asset_rescale_changes(const int cia[3], enum risk_method from,
			   enum risk_method to, struct strbuf *before,
			   struct strbuf *after);

/* A risk: an asset, a threat and a vulnerability, rated and treated. */
struct risk {
	int64_t id;
	int64_t asset_id;
	const char *asset_name; /* for lists; filled by the store */
	const char *asset_medium;
	const char *owner;     /* the asset's risk owner */
	const char *threat_id; /* a catalogue id, or "" for an own entry */
	const char *threat;    /* the own entry's text ("" with an id) */
	const char *vulnerability_id;
	const char *vulnerability;
	const char *consequence; /* 起こり得る結果 */
	int threat_level;	 /* IPA: 1-3, or RISK_UNRATED */
	int vulnerability_level; /* IPA: 1-3 */
	int likelihood;		 /* derived (IPA) or rated (3-point) */
	int importance;		 /* the asset's, kept in step by the store */
	int level;		 /* derived */
	enum risk_treatment treatment;
	const char *reason;
	const char *controls;  /* space-separated ISO/IEC 27002 ids */
	const char *guideline; /* space-separated guideline item ids */
	enum treatment_status status;
	int residual_vulnerability; /* IPA: after the treatment */
	int residual_likelihood;    /* derived (IPA) or rated (3-point) */
	int residual_level;	    /* derived */
	const char *accepted_by;    /* NULL until the owner accepts */
	int64_t accepted_at;
	int64_t updated_at;
};

/*
 * Works out the derived fields of r from its ratings and the asset's
 * importance: likelihood (IPA, from threat and vulnerability), level,
 * residual likelihood (IPA) and residual level.
 */
void risk_derive(const struct risk_method_def *m, struct risk *r);

/*
 * Checks a risk: a threat and a vulnerability (an id or a text), the
 * ratings on the method's scales, a treatment reason when treated, the
 * residual rating not above the current one.  Control and guideline ids
 * are checked by the caller against the catalogue.
 */
int risk_validate(const struct risk_method_def *m, const struct risk *r,
		  struct error *err);

/* 未着手 / 着手 / 終了. */
enum task_status {
	TASK_NOT_STARTED,
	TASK_STARTED,
	TASK_FINISHED,
	TASK_STATUS_COUNT
};

const char *task_status_name(enum task_status s);
int task_status_parse(const char *name, enum task_status *s);

/* One task of the risk treatment plan, under a control. */
struct plan_task {
	int64_t id;
	const char *control; /* an ISO/IEC 27002 id or a guideline item id */
	const char *task;
	const char *owner;
	const char *planned_start; /* YYYY-MM-DD or "" */
	const char *planned_end;
	const char *actual_start;
	const char *actual_end;
	enum task_status status;
	int64_t updated_at;
};

/*
 * Checks a task: its text, dates that are real and in order (start not
 * after end), an actual end only when finished.
 */
int plan_task_validate(const struct plan_task *t, struct error *err);
/* Returns 1 when t is unfinished and its planned end is before today. */
int plan_task_overdue(const struct plan_task *t, const char *today);

#endif
