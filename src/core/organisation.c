/* organisation.c: rules for organisations and accounts. */
#include "util/compat.h"
#include "core/organisation.h"

#include "core/validate.h"
#include "util/error.h"

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

int org_profile_validate(const struct org_profile *p, struct error *err)
{
	if (validate_text("field.representative", p->representative, 0, 100,
			  err) ||
	    validate_text("field.services", p->services, 0, 500, err) ||
	    validate_text("field.industry", p->industry, 0, 100, err))
		return -1;
	if (p->employees < 0 || p->employees > 1000000)
		return error_set(err, ERROR_INPUT, "input.out_of_range",
				 "field.employees", "0", "1000000", NULL);
	return 0;
}
