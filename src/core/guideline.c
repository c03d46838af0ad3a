/* guideline.c: names and level rules of the levelled control guideline. */
#include "util/compat.h"
#include "core/guideline.h"

#include <string.h>

#include "util/parse.h"

static const char *const kind_names[KIND_COUNT] = { "establish", "execute" };

static const char *const domain_names[DOMAIN_COUNT] = {
	"account",  "software",		"cloud",   "data",
	"backup",   "device",		"network", "secure_development",
	"training", "incident_response"
};

static const char *const function_names[FUNCTION_COUNT] = {
	"identify", "protect", "detect", "respond", "recover"
};

static const char *const owner_names[OWNER_ROLE_COUNT] = {
	"executive", "sysadmin", "dev_lead", "hr_lead"
};

const char *guideline_kind_name(enum guideline_kind kind)
{
	return kind_names[kind];
}

int guideline_kind_parse(const char *name, enum guideline_kind *kind)
{
	int i = parse_name(kind_names, KIND_COUNT, name);

	if (i < 0)
		return -1;
	*kind = (enum guideline_kind)i;
	return 0;
}

const char *guideline_domain_name(enum guideline_domain domain)
{
	return domain_names[domain];
}

int guideline_domain_parse(const char *name, enum guideline_domain *domain)
{
	int i = parse_name(domain_names, DOMAIN_COUNT, name);

	if (i < 0)
		return -1;
	*domain = (enum guideline_domain)i;
	return 0;
}

const char *security_function_name(enum security_function f)
{
	return function_names[f];
}

int security_function_parse(const char *name, enum security_function *f)
{
	int i = parse_name(function_names, FUNCTION_COUNT, name);

	if (i < 0)
		return -1;
	*f = (enum security_function)i;
	return 0;
}

const char *owner_role_name(unsigned flag)
{
	int i;

	for (i = 0; i < OWNER_ROLE_COUNT; i++)
		if (flag == 1u << i)
			return owner_names[i];
	return NULL;
}

int owner_role_parse(const char *name, unsigned *flag)
{
	int i = parse_name(owner_names, OWNER_ROLE_COUNT, name);

	if (i < 0)
		return -1;
	*flag = 1u << i;
	return 0;
}

int guideline_level_of(const struct level_profile *p)
{
	if (p->has_csirt && p->dedicated_admin)
		return 3;
	if (p->large_private_data || p->has_csirt)
		return 2;
	return 1;
}

int guideline_item_applies(const struct guideline_item *item, int org_level)
{
	return item->level <= org_level;
}
