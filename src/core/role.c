/* role.c: the roles a member can hold in an organisation. */
#include "util/compat.h"
#include "core/role.h"

#include "util/parse.h"

/* Must match the CHECK constraint of the membership table. */
static const char *const role_names[ROLE_COUNT] = {
	"executive",	 "security_lead", "department_lead", "sysadmin",
	"training_lead", "audit_lead",	  "document_lead",   "employee",
	"auditor",	 "consultant",
};

const char *role_name(enum role role)
{
	return role_names[role];
}

int role_parse(const char *name, enum role *role)
{
	int i = parse_name(role_names, ROLE_COUNT, name);

	if (i < 0)
		return -1;
	*role = (enum role)i;
	return 0;
}

int role_is_admin(enum role role)
{
	return role == ROLE_SECURITY_LEAD || role == ROLE_SYSADMIN ||
	       role == ROLE_CONSULTANT;
}
