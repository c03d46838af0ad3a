/* organisation.c: rules for organisations and accounts. */
#include "util/compat.h"
#include "core/organisation.h"

#include "core/validate.h"

int organisation_validate(const struct organisation *org, struct error *err)
{
	return validate_text("field.org_name", org->name, 1, ORG_NAME_MAX, err);
}

int account_validate(const struct account *acc, struct error *err)
{
	if (validate_email("field.email", acc->email, err) ||
	    validate_text("field.display_name", acc->display_name, 1,
			  ACCOUNT_NAME_MAX, err))
		return -1;
	return 0;
}
