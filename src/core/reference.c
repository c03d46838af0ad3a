/* reference.c: names of the enumerations in the reference records. */
#include "util/compat.h"
#include "core/reference.h"

#include <string.h>

#include "util/parse.h"

static const char *const phase_names[PHASE_COUNT] = { "select", "operate",
						      "security" };
static const char *const exec_names[EXEC_KIND_COUNT] = { "principle",
							 "action" };
static const char *const doc_names[DOC_KIND_COUNT] = { "maintain", "retain" };

const char *cloud_phase_name(enum cloud_phase phase)
{
	return phase_names[phase];
}

int cloud_phase_parse(const char *name, enum cloud_phase *phase)
{
	int i = parse_name(phase_names, PHASE_COUNT, name);

	if (i < 0)
		return -1;
	*phase = (enum cloud_phase)i;
	return 0;
}

const char *executive_kind_name(enum executive_kind kind)
{
	return exec_names[kind];
}

int executive_kind_parse(const char *name, enum executive_kind *kind)
{
	int i = parse_name(exec_names, EXEC_KIND_COUNT, name);

	if (i < 0)
		return -1;
	*kind = (enum executive_kind)i;
	return 0;
}

const char *document_kind_name(enum document_kind kind)
{
	return doc_names[kind];
}

int document_kind_parse(const char *name, enum document_kind *kind)
{
	int i = parse_name(doc_names, DOC_KIND_COUNT, name);

	if (i < 0)
		return -1;
	*kind = (enum document_kind)i;
	return 0;
}

static const char *const block_names[BLOCK_KIND_COUNT] = { "title", "heading",
							   "para", "objectives",
							   "signature" };

int policy_block_kind_parse(const char *name, enum policy_block_kind *kind)
{
	int i = parse_name(block_names, BLOCK_KIND_COUNT, name);

	if (i < 0)
		return -1;
	*kind = (enum policy_block_kind)i;
	return 0;
}

static const char *const medium_names[MEDIUM_COUNT] = { "paper",  "office_pc",
							"server", "portable",
							"mobile", "cloud" };

const char *medium_name(enum medium m)
{
	return medium_names[m];
}

int medium_parse(const char *name, enum medium *m)
{
	int i = parse_name(medium_names, MEDIUM_COUNT, name);

	if (i < 0)
		return -1;
	*m = (enum medium)i;
	return 0;
}
