/* guideline.h: the levelled control guideline (L1/L2/L3) and its rules. */
#ifndef MAMORI_CORE_GUIDELINE_H
#define MAMORI_CORE_GUIDELINE_H

#include <stddef.h>

#include "core/text.h"

struct control;

/* プロセスの確立 (set the process up) or プロセスの実行 (carry it out). */
enum guideline_kind { GUIDELINE_ESTABLISH, GUIDELINE_EXECUTE, KIND_COUNT };

enum guideline_domain {
	DOMAIN_ACCOUNT,
	DOMAIN_SOFTWARE,
	DOMAIN_CLOUD,
	DOMAIN_DATA,
	DOMAIN_BACKUP,
	DOMAIN_DEVICE,
	DOMAIN_NETWORK,
	DOMAIN_SECURE_DEVELOPMENT,
	DOMAIN_TRAINING,
	DOMAIN_INCIDENT_RESPONSE,
	DOMAIN_COUNT
};

/* The five security functions an item serves. */
enum security_function {
	FUNCTION_IDENTIFY,
	FUNCTION_PROTECT,
	FUNCTION_DETECT,
	FUNCTION_RESPOND,
	FUNCTION_RECOVER,
	FUNCTION_COUNT
};

/* Who is responsible for an item; an item may name several. */
enum owner_role_flags {
	OWNER_EXECUTIVE = 1 << 0, /* 経営層 */
	OWNER_SYSADMIN = 1 << 1,  /* システム管理者 */
	OWNER_DEV_LEAD = 1 << 2,  /* 開発責任者 */
	OWNER_HR_LEAD = 1 << 3,	  /* 人事責任者 */
};
enum { OWNER_ROLE_COUNT = 4 };

/* One tagged heading of the guideline; strings are borrowed. */
struct guideline_item {
	const char *id; /* "3", "3.1.1", "9.10" */
	enum guideline_kind kind;
	enum guideline_domain domain;
	enum security_function function;
	unsigned owners; /* enum owner_role_flags */
	int level;	 /* 1, 2 or 3 */
	struct text title;
	struct text summary;
	struct text numbers; /* checkable figures; "" when none */
	const struct control **controls;
	size_t control_count;
};

const char *guideline_kind_name(enum guideline_kind kind);
int guideline_kind_parse(const char *name, enum guideline_kind *kind);
const char *guideline_domain_name(enum guideline_domain domain);
int guideline_domain_parse(const char *name, enum guideline_domain *domain);
const char *security_function_name(enum security_function f);
int security_function_parse(const char *name, enum security_function *f);
/* Name of the single role bit `flag` ("executive" …), or NULL. */
const char *owner_role_name(unsigned flag);
/* Parses one role name into its flag; returns 0 or -1. */
int owner_role_parse(const char *name, unsigned *flag);

/* The three questions that place an organisation at L1, L2 or L3. */
struct level_profile {
	int dedicated_admin;	/* a full-time system administrator on site */
	int large_private_data; /* much personal or important confidential data
				 */
	int has_csirt;		/* an incident response team is set up */
};

/*
 * Returns the organisation's level, 1 … 3.  The guideline places an
 * organisation by what it must protect and who can protect it: a CSIRT
 * backed by a dedicated administrator is L3; much sensitive data (or a
 * CSIRT without a dedicated administrator) is L2; everything else is L1.
 */
int guideline_level_of(const struct level_profile *p);

/*
 * Returns 1 when an item applies at the organisation's level: levels are
 * cumulative, so L2 includes L1 items and L3 includes both.
 */
int guideline_item_applies(const struct guideline_item *item, int org_level);

#endif
