/* embed.c: lookup of files compiled into the binary. */
#include "util/compat.h"
#include "util/embed.h"

#include <string.h>

const struct embedded_file *embedded_find(const struct embedded_group *group,
					  const char *name)
{
	size_t i;

	for (i = 0; i < group->count; i++)
		if (!strcmp(group->files[i].name, name))
			return &group->files[i];
	return NULL;
}
