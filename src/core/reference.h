/* reference.h: the smaller reference records of the IPA method and ISO. */
#ifndef MAMORI_CORE_REFERENCE_H
#define MAMORI_CORE_REFERENCE_H

#include <stddef.h>

#include "core/text.h"

struct control;
struct diagnosis_item;
struct guideline_item;
struct regulation;
struct risk_pair;

/* One of the 情報セキュリティ5か条. */
struct five_point {
	int no; /* 1 … 5 */
	struct text title;
	struct text practice;
	const struct diagnosis_item **diagnosis;
	size_t diagnosis_count;
	const struct control **controls;
	size_t control_count;
};

/* The phase of cloud-service use a check belongs to. */
enum cloud_phase { CLOUD_SELECT, CLOUD_OPERATE, CLOUD_SECURITY, PHASE_COUNT };

const char *cloud_phase_name(enum cloud_phase phase);
int cloud_phase_parse(const char *name, enum cloud_phase *phase);

/* One of the 15 checks for using a cloud service safely. */
struct cloud_check {
	int no; /* 1 … 15 */
	enum cloud_phase phase;
	struct text title;
	struct text check;
	const struct control **controls;
	size_t control_count;
};

/* One of the 11 sections of the IPA-style rule set. */
struct regulation {
	int no; /* 1 … 11 */
	struct text title;
	struct text scope;
	const struct control **controls;
	size_t control_count;
};

/* A principle (3) or a key action (7) for executives. */
enum executive_kind { EXECUTIVE_PRINCIPLE, EXECUTIVE_ACTION, EXEC_KIND_COUNT };

const char *executive_kind_name(enum executive_kind kind);
int executive_kind_parse(const char *name, enum executive_kind *kind);

struct executive_item {
	enum executive_kind kind;
	int no;
	struct text title;
	struct text detail;
};

/* A clause or sub-clause of ISO/IEC 27001:2022, 4 … 10.2. */
struct clause {
	const char *id;
	const struct clause *parent; /* NULL for 4 … 10 */
	struct text title;
	struct text summary;
};

/* Whether documented information is kept current or kept as evidence. */
enum document_kind { DOCUMENT_MAINTAIN, DOCUMENT_RETAIN, DOC_KIND_COUNT };

const char *document_kind_name(enum document_kind kind);
int document_kind_parse(const char *name, enum document_kind *kind);

struct clause_document {
	int no;
	const struct clause *clause;
	enum document_kind kind;
	struct text title;
};

/* An objective an organisation may pick for its basic policy. */
struct policy_objective {
	const char *id; /* "o01" */
	struct text title;
	struct text text; /* the sentence as it stands in the policy */
};

/* The kinds of block of the basic policy's template. */
enum policy_block_kind {
	BLOCK_TITLE,
	BLOCK_HEADING,
	BLOCK_PARA,
	BLOCK_OBJECTIVES, /* where the chosen objectives go, after a lead-in */
	BLOCK_SIGNATURE,  /* the closing lines, parts separated by ／ or / */
	BLOCK_KIND_COUNT
};

int policy_block_kind_parse(const char *name, enum policy_block_kind *kind);

struct policy_block {
	int no;
	enum policy_block_kind kind;
	struct text text; /* with {company} {representative} {services}
			     {date} {version} */
};

/* An employee rule of the handbook, tied to a self-diagnosis item. */
struct handbook_rule {
	int diagnosis; /* 1 … 25, or 0 for the general rules */
	struct text title;
	struct text rule;
};

/* The media and places an asset or a risk lives in (IPA's ledger). */
enum medium {
	MEDIUM_PAPER,
	MEDIUM_OFFICE_PC,
	MEDIUM_SERVER,
	MEDIUM_PORTABLE,
	MEDIUM_MOBILE,
	MEDIUM_CLOUD,
	MEDIUM_COUNT
};

const char *medium_name(enum medium m);
int medium_parse(const char *name, enum medium *m);

/* A typical incident of a small company, for the quick approach (LV1). */
struct incident_case {
	const char *id; /* "c01" */
	struct text title;
	struct text story;
	struct text cause;
	struct text impact;
	struct text risks;	/* items separated by newlines */
	struct text measures;	/* 対策基準 items, newline-separated */
	struct text procedures; /* 実施手順 examples, newline-separated */
	struct text threat;
	enum medium medium;
	const struct control **controls;
	size_t control_count;
	const struct guideline_item **guideline;
	size_t guideline_count;
	const struct diagnosis_item **diagnosis;
	size_t diagnosis_count;
	const struct regulation **regulations;
	size_t regulation_count;
	/*
	 * The threat x vulnerability pairs the case reveals, from which a
	 * user registers its risks in one step; each vulnerability lists
	 * its threat, as risk_suggest() would pair them.
	 */
	const struct risk_pair *pairs;
	size_t pair_count;
};

#endif
