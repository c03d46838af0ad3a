/* permission.h: what each role may do; the one table of it. */
#ifndef MAMORI_CORE_PERMISSION_H
#define MAMORI_CORE_PERMISSION_H

#include "core/role.h"

enum permission {
	PERM_MEMBER,	 /* any member: own settings, home, catalogues */
	PERM_VIEW,	 /* read the organisation's registers */
	PERM_EDIT,	 /* change the registers */
	PERM_APPROVE,	 /* approve policy, accept residual risk */
	PERM_ADMIN,	 /* members, roles and organisation settings */
	PERM_AUDIT_VIEW, /* read the audit trail */
	PERM_ANSWER, /* the LV1/LV2 path: profile, 5か条, self-diagnosis */
	PERM_ACCEPT_RISK, /* accept a residual risk as its owner */
	PERM_COUNT
};

/* A set of roles held in one organisation: bit r = enum role r. */
typedef unsigned role_set;

#define ROLE_BIT(r) (1u << (r))

/* Returns 1 when any role in roles grants perm. */
int permission_granted(role_set roles, enum permission perm);
/* The permission's name ("edit"), for messages and tests. */
const char *permission_name(enum permission perm);
/* Returns 1 when roles hold only read-only roles (external auditor). */
int role_set_read_only(role_set roles);

#endif
