/* permission.c: the role -> permission table. */
#include "util/compat.h"
#include "core/permission.h"

#define R(r) ROLE_BIT(ROLE_##r)

/*
 * Who may do what.  The external auditor reads everything an audit needs
 * and changes nothing; employees see the catalogues and their own
 * settings; approving is the executive's; administration is for the
 * security lead, the system administrator and a consultant.
 */
static const role_set grants[PERM_COUNT] = {
	[PERM_MEMBER] = ~0u,
	[PERM_VIEW] = R(EXECUTIVE) | R(SECURITY_LEAD) | R(DEPARTMENT_LEAD) |
		      R(SYSADMIN) | R(TRAINING_LEAD) | R(AUDIT_LEAD) |
		      R(DOCUMENT_LEAD) | R(AUDITOR) | R(CONSULTANT),
	[PERM_EDIT] = R(SECURITY_LEAD) | R(DEPARTMENT_LEAD) | R(SYSADMIN) |
		      R(TRAINING_LEAD) | R(AUDIT_LEAD) | R(DOCUMENT_LEAD) |
		      R(CONSULTANT),
	[PERM_APPROVE] = R(EXECUTIVE),
	[PERM_ADMIN] = R(SECURITY_LEAD) | R(SYSADMIN) | R(CONSULTANT),
	[PERM_AUDIT_VIEW] = R(EXECUTIVE) | R(SECURITY_LEAD) | R(AUDIT_LEAD) |
			    R(AUDITOR) | R(CONSULTANT),
	/*
	 * The first steps are often the owner's own work (the method says
	 * the self-diagnosis is answered by whoever knows the real state),
	 * so the executive answers too, beside everyone who edits.
	 */
	[PERM_ANSWER] = R(EXECUTIVE) | R(SECURITY_LEAD) | R(DEPARTMENT_LEAD) |
			R(SYSADMIN) | R(TRAINING_LEAD) | R(AUDIT_LEAD) |
			R(DOCUMENT_LEAD) | R(CONSULTANT),
	/*
	 * Risk owners: top management, or the head of the department
	 * whose information it is; never the one who assessed the risk in
	 * the security lead's seat, so the acceptance is a second pair of
	 * eyes.
	 */
	[PERM_ACCEPT_RISK] = R(EXECUTIVE) | R(DEPARTMENT_LEAD),
};

static const char *const names[PERM_COUNT] = { "member", "view",
					       "edit",	 "approve",
					       "admin",	 "audit_view",
					       "answer", "accept_risk" };

int permission_granted(role_set roles, enum permission perm)
{
	return (roles & grants[perm]) != 0;
}

const char *permission_name(enum permission perm)
{
	return names[perm];
}

int role_set_read_only(role_set roles)
{
	return roles && !(roles & ~ROLE_BIT(ROLE_AUDITOR));
}
