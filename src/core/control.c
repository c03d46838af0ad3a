/* control.c: ISO/IEC 27002:2022 attribute sets and control ids. */
#include "util/compat.h"
#include "core/control.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* The values of each attribute set, in the standard's order (facts). */
static const char *const type_tags[] = { "#Preventive", "#Detective",
					 "#Corrective" };
static const char *const property_tags[] = { "#Confidentiality", "#Integrity",
					     "#Availability" };
static const char *const concept_tags[] = { "#Identify", "#Protect", "#Detect",
					    "#Respond", "#Recover" };
static const char *const capability_tags[] = {
	"#Governance",
	"#Asset_management",
	"#Information_protection",
	"#Human_resource_security",
	"#Physical_security",
	"#System_and_network_security",
	"#Application_security",
	"#Secure_configuration",
	"#Identity_and_access_management",
	"#Threat_and_vulnerability_management",
	"#Continuity",
	"#Supplier_relationships_security",
	"#Legal_and_compliance",
	"#Information_security_event_management",
	"#Information_security_assurance",
};
static const char *const domain_tags[] = { "#Governance_and_Ecosystem",
					   "#Protection", "#Defence",
					   "#Resilience" };

static const struct {
	const char *name;
	const char *const *tags;
	size_t count;
} attr_sets[ATTR_SET_COUNT] = {
	[ATTR_TYPE] = { "type", type_tags, ARRAY_SIZE(type_tags) },
	[ATTR_PROPERTY] = { "property", property_tags,
			    ARRAY_SIZE(property_tags) },
	[ATTR_CONCEPT] = { "concept", concept_tags, ARRAY_SIZE(concept_tags) },
	[ATTR_CAPABILITY] = { "capability", capability_tags,
			      ARRAY_SIZE(capability_tags) },
	[ATTR_DOMAIN] = { "domain", domain_tags, ARRAY_SIZE(domain_tags) },
};

static const char *const theme_names[THEME_COUNT] = { "organizational",
						      "people", "physical",
						      "technological" };

const char *attr_set_name(enum attr_set set)
{
	return attr_sets[set].name;
}

int attr_set_parse(const char *name, enum attr_set *set)
{
	int i;

	for (i = 0; i < ATTR_SET_COUNT; i++) {
		if (!strcmp(attr_sets[i].name, name)) {
			*set = (enum attr_set)i;
			return 0;
		}
	}
	return -1;
}

size_t attr_value_count(enum attr_set set)
{
	return attr_sets[set].count;
}

const char *attr_value_tag(enum attr_set set, size_t i)
{
	return attr_sets[set].tags[i];
}

/* Compares tag (len bytes, '#' optional) with a table entry. */
static int tag_equal(const char *tag, size_t len, const char *entry)
{
	if (len && tag[0] == '#') {
		tag++;
		len--;
	}
	entry++; /* table entries always start with '#' */
	return strlen(entry) == len && !strncasecmp(tag, entry, len);
}

static int find_tag(enum attr_set set, const char *tag, size_t len)
{
	size_t i;

	for (i = 0; i < attr_sets[set].count; i++)
		if (tag_equal(tag, len, attr_sets[set].tags[i]))
			return (int)i;
	return -1;
}

int attr_value_find(enum attr_set set, const char *tag)
{
	return find_tag(set, tag, strlen(tag));
}

int attr_parse_list(enum attr_set set, const char *list, uint32_t *mask,
		    const char **bad)
{
	const char *p = list;
	uint32_t m = 0;

	while (*p) {
		size_t len;
		int i;

		if (*p == ' ') {
			p++;
			continue;
		}
		len = strcspn(p, " ");
		i = find_tag(set, p, len);
		if (i < 0) {
			if (bad)
				*bad = p;
			return -1;
		}
		m |= 1u << i;
		p += len;
	}
	*mask = m;
	return 0;
}

const char *control_theme_name(enum control_theme theme)
{
	return theme_names[theme];
}

int control_theme_parse(const char *name, enum control_theme *theme)
{
	int i;

	for (i = 0; i < THEME_COUNT; i++) {
		if (!strcmp(theme_names[i], name)) {
			*theme = (enum control_theme)i;
			return 0;
		}
	}
	return -1;
}

/*
 * Compares the digit runs at *a and *b as whole numbers of any length
 * (leading zeros skipped, then the longer run is the larger, then digit by
 * digit) and moves both past their runs.
 */
static int number_cmp(const char **a, const char **b)
{
	const char *x = *a, *y = *b;
	size_t lx, ly;
	int c;

	while (*x == '0' && isdigit((unsigned char)x[1]))
		x++;
	while (*y == '0' && isdigit((unsigned char)y[1]))
		y++;
	for (lx = 0; isdigit((unsigned char)x[lx]); lx++)
		;
	for (ly = 0; isdigit((unsigned char)y[ly]); ly++)
		;
	*a = x + lx;
	*b = y + ly;
	if (lx != ly)
		return lx < ly ? -1 : 1;
	c = strncmp(x, y, lx);
	return c < 0 ? -1 : c > 0;
}

int control_id_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		int c;

		if (!isdigit((unsigned char)*a) ||
		    !isdigit((unsigned char)*b)) {
			c = strcmp(a, b);
			return c < 0 ? -1 : c > 0;
		}
		c = number_cmp(&a, &b);
		if (c)
			return c;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
	}
	return 0;
}
