/* reference.h: the smaller reference records of the IPA method and ISO. */
#ifndef MAMORI_CORE_REFERENCE_H
#define MAMORI_CORE_REFERENCE_H

#include <stddef.h>

#include "core/text.h"

struct control;
struct diagnosis_item;

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

#endif
