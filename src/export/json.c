/* json.c: the JSON renderer of tables; jansson's door in export/. */
#include "util/compat.h"
#include "export/table.h"

#include <jansson.h>
#include <stdlib.h>

#include "util/strbuf.h"

void table_render_json(const struct table *t, struct strbuf *out)
{
	json_t *arr = json_array();
	char *text;
	size_t c, r;

	for (r = 0; r < t->row_count; r++) {
		json_t *obj = json_object();

		for (c = 0; c < t->column_count; c++)
			json_object_set_new(obj, t->columns[c].key,
					    json_string(t->rows[r][c]));
		json_array_append_new(arr, obj);
	}
	text = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text)
		BUG("json_dumps failed");
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	free(text);
	json_decref(arr);
}
