/* json.c: the JSON renderer of tables; jansson's door in export/. */
#include "util/compat.h"
#include "export/table.h"

#include <jansson.h>
#include <stdlib.h>

#include "util/strbuf.h"
#include "util/utf8.h"

/*
 * A JSON string must be UTF-8: a cell that is not (text from an old or
 * damaged file) is kept with each bad byte replaced by U+FFFD.
 */
static json_t *json_text(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(s), i = 0;
	json_t *j;

	if (utf8_valid(s, len))
		return json_string(s);
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n) {
			strbuf_add(&sb, s + i, n);
			i += n;
		} else {
			strbuf_addstr(&sb, "\xef\xbf\xbd");
			i++;
		}
	}
	j = json_string(sb.buf);
	strbuf_release(&sb);
	return j;
}

void table_render_json(const struct table *t, struct strbuf *out)
{
	json_t *arr = json_array();
	char *text;
	size_t c, r;

	for (r = 0; r < t->row_count; r++) {
		json_t *obj = json_object();

		for (c = 0; c < t->column_count; c++)
			json_object_set_new(obj, t->columns[c].key,
					    json_text(t->rows[r][c]));
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
