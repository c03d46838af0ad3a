/* test_i18n.c: the UI message catalogue, its formatting, and a check that
 * every message key named in the sources exists. */
#include "util/compat.h"
#include "catalog/i18n.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>

#include "core/control.h"
#include "core/guideline.h"
#include "core/reference.h"
#include "core/role.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/strbuf.h"

static int setup_builtin(void **state)
{
	struct i18n *m = NULL;
	struct error err = ERROR_INIT;

	if (i18n_load(&embedded_data, &m, &err)) {
		fprintf(stderr, "# i18n_load: %s %s %s\n", err.key, err.args[0],
			err.args[1]);
		return -1;
	}
	*state = m;
	return 0;
}

static int teardown_builtin(void **state)
{
	i18n_free(*state);
	return 0;
}

/* Loads text as the only file of a group, "i18n/messages.tsv". */
static int load_text(const char *text, struct i18n **out, struct error *err)
{
	struct embedded_file file = { .name = "i18n/messages.tsv",
				      .data = (const unsigned char *)text,
				      .len = strlen(text) };
	struct embedded_group group = { &file, 1 };

	return i18n_load(&group, out, err);
}

/* Formats key with args into a fresh buffer and compares it with want. */
static void assert_format(const struct i18n *m, enum lang lang, const char *key,
			  const char *const *args, int argc, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	i18n_format(m, lang, key, args, argc, &sb);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void test_i18n__builtin_loads(void **state)
{
	const struct i18n *m = *state;
	size_t i;

	assert_true(m->count > 100);
	for (i = 0; i < m->count; i++) {
		const struct i18n_message *msg = &m->messages[i];

		assert_non_null(msg->key);
		assert_true(msg->key[0] != '\0');
		assert_non_null(msg->text.ja);
		assert_non_null(msg->text.en);
		assert_true(msg->text.ja[0] != '\0');
		assert_true(msg->text.en[0] != '\0');
		/* Sorted, and so without repeats, for the binary search. */
		if (i)
			assert_true(strcmp(m->messages[i - 1].key, msg->key) <
				    0);
		assert_ptr_equal(i18n_find(m, msg->key), msg);
	}
}

static void test_i18n__keys_are_well_formed(void **state)
{
	const struct i18n *m = *state;
	size_t i;

	for (i = 0; i < m->count; i++) {
		const char *k = m->messages[i].key;

		assert_non_null(strchr(k, '.'));
		for (; *k; k++)
			assert_non_null(strchr("abcdefghijklmnopqrstuvwxyz"
					       "0123456789_.-",
					       *k));
	}
}

static void test_i18n__japanese_is_japanese(void **state)
{
	const struct i18n *m = *state;
	const struct i18n_message *msg = i18n_find(m, "field.org_name");

	assert_non_null(msg);
	assert_string_equal(msg->text.ja, "組織名");
	assert_string_equal(msg->text.en, "organisation name");
	assert_string_equal(i18n_get(m, LANG_JA, "word.yes"), "はい");
	assert_string_equal(i18n_get(m, LANG_EN, "word.yes"), "yes");
}

static void test_i18n__find_and_get(void **state)
{
	const struct i18n *m = *state;
	static const char unknown[] = "no.such.key";
	const struct i18n_message *msg = i18n_find(m, "store.bad_url");

	assert_non_null(msg);
	assert_string_equal(msg->key, "store.bad_url");
	assert_ptr_equal(i18n_get(m, LANG_JA, "store.bad_url"), msg->text.ja);
	assert_ptr_equal(i18n_get(m, LANG_EN, "store.bad_url"), msg->text.en);

	assert_null(i18n_find(m, unknown));
	assert_null(i18n_find(m, ""));
	assert_null(i18n_find(m, "store.bad_ur"));
	assert_null(i18n_find(m, "store.bad_url "));
	/* An unknown key reads as itself, so nothing is ever blank. */
	assert_ptr_equal(i18n_get(m, LANG_JA, unknown), unknown);
	assert_ptr_equal(i18n_get(m, LANG_EN, unknown), unknown);
}

static void test_i18n__format_arguments(void **state)
{
	const struct i18n *m = *state;
	const char *const args[] = { "catalog/x.tsv", "12", "related", "9.99" };

	assert_format(m, LANG_EN, "catalog.no_target", args, 4,
		      "catalog/x.tsv line 12: column 'related' refers to "
		      "'9.99', which does not exist");
	assert_format(m, LANG_JA, "catalog.no_target", args, 4,
		      "catalog/x.tsv の 12 行目：列「related」の参照先「9.99」"
		      "が存在しません");
}

static void test_i18n__format_translates_key_arguments(void **state)
{
	const struct i18n *m = *state;
	const char *const args[] = { "field.org_name" };
	const char *const plain[] = { "field.no_such_field" };

	assert_format(m, LANG_JA, "input.required", args, 1,
		      "「組織名」を入力してください");
	assert_format(m, LANG_EN, "input.required", args, 1,
		      "organisation name is required");
	/* An argument that is not a key is kept as it is. */
	assert_format(m, LANG_EN, "input.required", plain, 1,
		      "field.no_such_field is required");
}

static void test_i18n__format_missing_arguments(void **state)
{
	const struct i18n *m = *state;
	const char *const args[] = { "a.tsv", "3" };

	/* Placeholders beyond argc are left out, not printed as "{3}". */
	assert_format(m, LANG_EN, "catalog.no_target", args, 2,
		      "a.tsv line 3: column '' refers to '', which does not "
		      "exist");
	assert_format(m, LANG_EN, "catalog.no_target", NULL, 0,
		      " line : column '' refers to '', which does not exist");
}

static void test_i18n__format_unknown_key(void **state)
{
	const struct i18n *m = *state;
	const char *const args[] = { "x" };
	struct strbuf sb = STRBUF_INIT;

	assert_format(m, LANG_JA, "no.such.key", args, 1, "no.such.key");
	/* i18n_format appends. */
	strbuf_addstr(&sb, "> ");
	i18n_format(m, LANG_EN, "word.no", NULL, 0, &sb);
	assert_string_equal(sb.buf, "> no");
	strbuf_release(&sb);
}

static void test_i18n__newlines_unescaped(void **state)
{
	const struct i18n *m = *state;
	const struct i18n_message *msg = i18n_find(m, "help.main");

	assert_non_null(msg);
	assert_non_null(strchr(msg->text.ja, '\n'));
	assert_non_null(strchr(msg->text.en, '\n'));
	assert_null(strstr(msg->text.ja, "\\n"));
	assert_null(strstr(msg->text.en, "\\n"));
	assert_non_null(strstr(msg->text.en, "mamori"));
}

static void test_i18n__error(void **state)
{
	const struct i18n *m = *state;
	struct error err = ERROR_INIT;
	struct strbuf sb = STRBUF_INIT;

	error_set(&err, ERROR_INPUT, "input.too_long", "field.org_name",
		  "株式会社サンプル", "5", NULL);
	i18n_error(m, LANG_EN, &err, &sb);
	assert_string_equal(sb.buf, "organisation name is too long (at most 5 "
				    "characters): '株式会社サンプル'");
	strbuf_reset(&sb);
	i18n_error(m, LANG_JA, &err, &sb);
	assert_string_equal(sb.buf, "「組織名」が長すぎます（5文字まで）："
				    "「株式会社サンプル」");
	strbuf_reset(&sb);

	error_set(&err, ERROR_STORE, "store.too_new", "7", "1", NULL);
	i18n_error(m, LANG_EN, &err, &sb);
	assert_string_equal(sb.buf,
			    "the data file's schema (version 7) is newer than "
			    "this mamori understands (up to 1); update mamori");
	strbuf_release(&sb);
}

static void test_i18n__format_edge_cases(void **state)
{
	struct i18n *m = NULL;
	struct error err = ERROR_INIT;
	const char *const args[] = { "A", "B", "t.key" };

	(void)state;
	assert_int_equal(load_text("key\tja\ten\n"
				   "t.key\t訳\ttranslated\n"
				   "t.mix\t{0}{1}{x}{2}{9}{1\t"
				   "{3}|{2}|{1}|{1}|{10}|{\n"
				   "t.esc\t一\\n二\\\\n\tone\\ntwo\\\n",
				   &m, &err),
			 0);
	assert_int_equal(m->count, 3);
	/* Only {1} … {9} are placeholders; anything else is text. */
	assert_format(m, LANG_JA, "t.mix", args, 3, "{0}A{x}B{1");
	assert_format(m, LANG_EN, "t.mix", args, 3, "translated|B|A|A|{10}|{");
	assert_format(m, LANG_JA, "t.mix", args, 1, "{0}A{x}{1");
	assert_format(m, LANG_EN, "t.mix", args, 1, "||A|A|{10}|{");
	assert_string_equal(i18n_get(m, LANG_JA, "t.esc"), "一\n二\\\n");
	assert_string_equal(i18n_get(m, LANG_EN, "t.esc"), "one\ntwo\\");
	i18n_free(m);
}

static void test_i18n__duplicate_refused(void **state)
{
	struct i18n dummy;
	struct i18n *m = &dummy;
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(load_text("# c\nkey\tja\ten\n"
				   "b.one\t一\tone\n"
				   "a.two\t二\ttwo\n"
				   "b.one\t壱\tfirst\n",
				   &m, &err),
			 -1);
	/* *out is untouched on failure. */
	assert_ptr_equal(m, &dummy);
	assert_int_equal(err.code, ERROR_INPUT);
	assert_string_equal(err.key, "i18n.duplicate");
	assert_int_equal(err.argc, 2);
	assert_string_equal(err.args[0], "i18n/messages.tsv");
	assert_string_equal(err.args[1], "b.one");
}

static void test_i18n__missing_language_refused(void **state)
{
	static const char *const texts[] = {
		"key\tja\ten\na.one\t一\tone\na.two\t\ttwo\n",
		"key\tja\ten\na.one\t一\tone\na.two\t二\t\n",
		"key\tja\ten\na.one\t一\tone\n\t二\ttwo\n",
	};
	static const char *const keys[] = { "a.two", "a.two", "" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		struct i18n *m = NULL;
		struct error err = ERROR_INIT;

		assert_int_equal(load_text(texts[i], &m, &err), -1);
		assert_null(m);
		assert_int_equal(err.code, ERROR_INPUT);
		assert_string_equal(err.key, "i18n.incomplete");
		assert_int_equal(err.argc, 3);
		assert_string_equal(err.args[0], "i18n/messages.tsv");
		assert_string_equal(err.args[1], "3");
		assert_string_equal(err.args[2], keys[i]);
	}
}

static void test_i18n__broken_files_refused(void **state)
{
	struct embedded_group none = { NULL, 0 };
	struct i18n *m = NULL;
	struct error err = ERROR_INIT;

	(void)state;
	assert_int_equal(i18n_load(&none, &m, &err), -1);
	assert_null(m);
	assert_string_equal(err.key, "catalog.no_file");
	assert_string_equal(err.args[0], "i18n/messages.tsv");

	assert_int_equal(load_text("key\tja\nx.y\tはい\n", &m, &err), -1);
	assert_null(m);
	assert_string_equal(err.key, "tsv.no_column");
	assert_string_equal(err.args[1], "en");

	assert_int_equal(load_text("key\tja\ten\nx.y\tはい\n", &m, &err), -1);
	assert_null(m);
	assert_string_equal(err.key, "tsv.field_count");

	assert_int_equal(load_text("# nothing\n", &m, &err), -1);
	assert_null(m);
	assert_string_equal(err.key, "tsv.no_header");

	/* Columns are found by name, in any order. */
	assert_int_equal(load_text("en\tkey\tja\nyes\tx.y\tはい\n", &m, &err),
			 0);
	assert_string_equal(i18n_get(m, LANG_JA, "x.y"), "はい");
	assert_string_equal(i18n_get(m, LANG_EN, "x.y"), "yes");
	i18n_free(m);
	i18n_free(NULL);
}

static void test_i18n__enum_labels_exist(void **state)
{
	const struct i18n *m = *state;
	char key[128];
	size_t i;

	/* The catalogue browser shows every enum value as "<prefix>.<name>". */
#define CHECK_LABEL(prefix, name)                                  \
	do {                                                       \
		snprintf(key, sizeof(key), "%s.%s", prefix, name); \
		if (!i18n_find(m, key))                            \
			fail_msg("message %s is missing", key);    \
	} while (0)
	for (i = 0; i < THEME_COUNT; i++)
		CHECK_LABEL("theme", control_theme_name((enum control_theme)i));
	for (i = 0; i < ATTR_SET_COUNT; i++)
		CHECK_LABEL("attr", attr_set_name((enum attr_set)i));
	for (i = 0; i < KIND_COUNT; i++)
		CHECK_LABEL("kind",
			    guideline_kind_name((enum guideline_kind)i));
	for (i = 0; i < DOMAIN_COUNT; i++)
		CHECK_LABEL("domain",
			    guideline_domain_name((enum guideline_domain)i));
	for (i = 0; i < FUNCTION_COUNT; i++)
		CHECK_LABEL("function",
			    security_function_name((enum security_function)i));
	for (i = 0; i < OWNER_ROLE_COUNT; i++)
		CHECK_LABEL("owner", owner_role_name(1u << i));
	for (i = 0; i < PHASE_COUNT; i++)
		CHECK_LABEL("phase", cloud_phase_name((enum cloud_phase)i));
	for (i = 0; i < EXEC_KIND_COUNT; i++)
		CHECK_LABEL("exec",
			    executive_kind_name((enum executive_kind)i));
	for (i = 0; i < DOC_KIND_COUNT; i++)
		CHECK_LABEL("dockind",
			    document_kind_name((enum document_kind)i));
	for (i = 0; i < ROLE_COUNT; i++)
		CHECK_LABEL("role", role_name((enum role)i));
	CHECK_LABEL("help", "main");
	CHECK_LABEL("help", "init");
	CHECK_LABEL("help", "catalog");
	CHECK_LABEL("help", "migrate");
	CHECK_LABEL("help", "version");
#undef CHECK_LABEL
}

/* --- Completeness: every key literal in src/ has a message. --- */

/*
 * The scan reads C source as tokens, enough to know for each string
 * literal the innermost call it is an argument of and in which position.
 * A literal is a message key to check when
 *  - it looks like one of the key families below ("store.too_new"), or
 *  - it has the shape of a key and is the key argument of a function that
 *    shows messages (error_set, cli_say, t, page_t, …).
 * The action names given to the functions that record audit events (and
 * assigned to an event's .action) are shown through "action.<name>", so
 * that message is checked for them instead.
 */
static const char *const key_families[] = {
	"input", "store",   "tsv",   "catalog", "i18n",	 "system", "account",
	"init",	 "migrate", "usage", "help",	"field", "word",
};

static const struct {
	const char *name;
	int key_arg; /* 0-based position of the key */
} message_functions[] = {
	{ "error_set", 2 },   { "cli_say", 2 },	 { "cli_usage", 2 },
	{ "cli_msg", 1 },     { "i18n_get", 2 }, { "i18n_find", 1 },
	{ "i18n_format", 2 }, { "t", 1 },	 { "page_t", 1 },
	{ "page_error", 2 },
};

static const struct {
	const char *name;
	int action_arg; /* 0-based position of the action name */
} audit_functions[] = {
	{ "page_audit", 1 }, { "page_audit_as", 4 },	{ "commit_change", 2 },
	{ "cli_audit", 3 },  { "cli_audit_change", 3 }, { "risk_run_audit", 1 },
};

/* What a string literal is, as far as messages go. */
enum literal_use { USE_NONE, USE_MESSAGE, USE_ACTION };

/* What the source scan found. */
struct scan {
	const struct i18n *m;
	size_t root_len; /* of the source root, left out of file names */
	size_t files;
	size_t keys;
	struct strbuf missing; /* "file: key" lines */
};

/* One open parenthesis: the identifier before it, and the argument. */
struct call {
	char name[48];
	int arg;
};

enum { CALL_DEPTH = 64 };

static int is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Returns 1 when s (len bytes) is "word.rest" with rest in [a-z0-9_.-]. */
static int key_shaped(const char *s, size_t len)
{
	size_t i = 0;

	if (!len || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	while (i < len && s[i] != '.') {
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_", s[i]))
			return 0;
		i++;
	}
	if (i + 1 >= len)
		return 0;
	for (i++; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_.-", s[i]))
			return 0;
	return 1;
}

/* Returns 1 when s (len bytes) can be an audit action ("login.failed"). */
static int action_shaped(const char *s, size_t len)
{
	size_t i;

	if (!len || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (i = 0; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_.", s[i]))
			return 0;
	return 1;
}

/* Returns 1 when the key-shaped s belongs to one of key_families. */
static int in_family(const char *s, size_t len)
{
	size_t i, plen;

	for (i = 0; i < ARRAY_SIZE(key_families); i++) {
		plen = strlen(key_families[i]);
		if (len > plen && !memcmp(s, key_families[i], plen) &&
		    s[plen] == '.')
			return 1;
	}
	return 0;
}

/*
 * Decides what the literal s (len bytes) is: top is the innermost call it
 * is an argument of (or NULL), and is_action says that it is assigned to
 * something called action.
 */
static enum literal_use classify(const char *s, size_t len,
				 const struct call *top, int is_action)
{
	size_t i;

	if (is_action)
		return action_shaped(s, len) ? USE_ACTION : USE_NONE;
	for (i = 0; top && i < ARRAY_SIZE(audit_functions); i++) {
		if (strcmp(top->name, audit_functions[i].name))
			continue;
		if (top->arg == audit_functions[i].action_arg &&
		    action_shaped(s, len))
			return USE_ACTION;
		return USE_NONE;
	}
	if (!key_shaped(s, len))
		return USE_NONE;
	for (i = 0; top && i < ARRAY_SIZE(message_functions); i++)
		if (!strcmp(top->name, message_functions[i].name) &&
		    top->arg == message_functions[i].key_arg)
			return USE_MESSAGE;
	return in_family(s, len) ? USE_MESSAGE : USE_NONE;
}

/* Records the message of literal s (len bytes) when it is missing. */
static void check_key(struct scan *sc, const char *path, const char *s,
		      size_t len, enum literal_use use)
{
	struct strbuf line = STRBUF_INIT;
	char key[160];

	snprintf(key, sizeof(key), "%s%.*s", use == USE_ACTION ? "action." : "",
		 (int)len, s);
	sc->keys++;
	if (i18n_find(sc->m, key))
		return;
	/* Each missing key once per file. */
	strbuf_addf(&line, "%s: %s\n", path, key);
	if (!strstr(sc->missing.buf, line.buf))
		strbuf_addstr(&sc->missing, line.buf);
	strbuf_release(&line);
}

/* Scans C source text (len bytes) and checks the keys it uses. */
static void scan_source(struct scan *sc, const char *path, const char *text,
			size_t len)
{
	struct call stack[CALL_DEPTH];
	size_t depth = 0, i = 0, ident = 0, ident_len = 0;
	int after_action = 0; /* just after "action =" */

	while (i < len) {
		char c = text[i];

		if (c == '/' && i + 1 < len && text[i + 1] == '*') {
			const char *end = strstr(text + i + 2, "*/");

			i = end ? (size_t)(end - text) + 2 : len;
			continue;
		}
		if (c == '/' && i + 1 < len && text[i + 1] == '/') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (c == '\'' || c == '"') {
			size_t start = ++i;
			const struct call *top = NULL;
			enum literal_use use;

			for (; i < len && text[i] != c; i++)
				if (text[i] == '\\')
					i++;
			if (depth && depth <= CALL_DEPTH)
				top = &stack[depth - 1];
			use = classify(text + start, i - start, top,
				       after_action);
			if (c == '"' && use != USE_NONE)
				check_key(sc, path, text + start, i - start,
					  use);
			i++;
			ident_len = 0;
			after_action = 0;
			continue;
		}
		if (is_ident_char(c)) {
			if (!ident_len || ident + ident_len != i) {
				ident = i;
				ident_len = 0;
			}
			ident_len++;
			i++;
			continue;
		}
		if (c == '(') {
			if (depth < CALL_DEPTH) {
				snprintf(stack[depth].name,
					 sizeof(stack[depth].name), "%.*s",
					 (int)ident_len, text + ident);
				stack[depth].arg = 0;
			}
			depth++;
		} else if (c == ')') {
			if (depth)
				depth--;
		} else if (c == ',') {
			if (depth && depth <= CALL_DEPTH)
				stack[depth - 1].arg++;
		} else if (c == ';' || c == '{' || c == '}') {
			depth = 0;
		}
		if (c != ' ' && c != '\t' && c != '\n') {
			/* "action =", not "action ==". */
			after_action = c == '=' && i + 1 < len &&
				       text[i + 1] != '=' && ident_len == 6 &&
				       !memcmp(text + ident, "action", 6);
			ident_len = 0;
		}
		i++;
	}
}

static void scan_file(struct scan *sc, const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf text = STRBUF_INIT;
	char buf[8192];
	size_t n;

	assert_non_null(fp);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&text, buf, n);
	assert_int_equal(ferror(fp), 0);
	fclose(fp);
	/* Messages name the file below the source root. */
	scan_source(sc, path + sc->root_len, text.buf, text.len);
	sc->files++;
	strbuf_release(&text);
}

/* Scans every .c file below dir. */
static void scan_dir(struct scan *sc, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		fail_msg("cannot open %s", dir);
	while ((e = readdir(d))) {
		struct strbuf path = STRBUF_INIT;
		struct stat st;
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		strbuf_addf(&path, "%s/%s", dir, e->d_name);
		if (stat(path.buf, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				scan_dir(sc, path.buf);
			else if (S_ISREG(st.st_mode) && len > 2 &&
				 !strcmp(e->d_name + len - 2, ".c"))
				scan_file(sc, path.buf);
		}
		strbuf_release(&path);
	}
	closedir(d);
}

static void test_i18n__key_detection(void **state)
{
	struct scan sc = { NULL, 0, 0, 0, STRBUF_INIT };
	static const char src[] =
		"/* \"store.in_comment\" */\n"
		"// \"store.in_line_comment\"\n"
		"char c = '\"'; f(\"store.bad_url\", \"help.%s\", \"x.y\",\n"
		"  \"store.not_\\\"a key\", \"Store.Upper\", \"store.\");\n"
		"g(\"usage.unknown_verb\"); h(\"word.nope\");\n"
		"page_audit(ctx, \"account.changed\", \"account:1\");\n"
		"page_t (ctx, \"nav.nope\"); page_t(ctx, g(\"a.b\"));\n"
		"error_set(err, ERROR_INPUT, \"input.required\", \"x.z\");\n"
		"error_set(err, ERROR_INPUT,\n\t\"odd.key\", NULL);\n"
		"cli_say(cli, stdout, \"migrate.done\", \"3\");\n"
		"page_audit(ctx, x ? \"login.mfa\" : \"no_such\", \"t.t\");\n"
		"page_audit_as(ctx, 0, 0, \"a@b\", \"login\", \"login\", e);\n"
		"ev.action = \"org.create\"; ev.target = \"store.thing\";\n"
		"if (action == \"x\") ev.action=\"odd.action\";\n";

	sc.m = *state;
	scan_source(&sc, "t.c", src, sizeof(src) - 1);
	/*
	 * Checked: store.bad_url, usage.unknown_verb, word.nope, store.thing
	 * (families); nav.nope, input.required, odd.key, migrate.done (key
	 * arguments); action.account.changed, action.login.mfa,
	 * action.no_such, action.login, action.org.create and
	 * action.odd.action (audit actions).  Not: comments, "help.%s",
	 * "x.y", "a.b", "x.z", "t.t" and "x" (other arguments), malformed
	 * literals.
	 */
	assert_string_equal(sc.missing.buf, "t.c: word.nope\n"
					    "t.c: action.account.changed\n"
					    "t.c: nav.nope\n"
					    "t.c: odd.key\n"
					    "t.c: action.no_such\n"
					    "t.c: store.thing\n"
					    "t.c: action.odd.action\n");
	assert_int_equal(sc.keys, 14);
	strbuf_release(&sc.missing);
}

static void test_i18n__every_source_key_exists(void **state)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	struct scan sc = { NULL, 0, 0, 0, STRBUF_INIT };
	struct strbuf dir = STRBUF_INIT;

	if (!root || !*root)
		skip();
	sc.m = *state;
	sc.root_len = strlen(root) + 1;
	strbuf_addf(&dir, "%s/src", root);
	scan_dir(&sc, dir.buf);
	strbuf_release(&dir);
	if (sc.missing.len) {
		fprintf(stderr, "# keys without a message:\n%s",
			sc.missing.buf);
		strbuf_release(&sc.missing);
		fail_msg("message keys used in src/ are missing");
	}
	strbuf_release(&sc.missing);
	/* The scan really looked at the sources. */
	assert_true(sc.files >= 20);
	assert_true(sc.keys >= 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define B(name) \
	cmocka_unit_test_setup_teardown(name, setup_builtin, teardown_builtin)
		B(test_i18n__builtin_loads),
		B(test_i18n__keys_are_well_formed),
		B(test_i18n__japanese_is_japanese),
		B(test_i18n__find_and_get),
		B(test_i18n__format_arguments),
		B(test_i18n__format_translates_key_arguments),
		B(test_i18n__format_missing_arguments),
		B(test_i18n__format_unknown_key),
		B(test_i18n__newlines_unescaped),
		B(test_i18n__error),
		cmocka_unit_test(test_i18n__format_edge_cases),
		cmocka_unit_test(test_i18n__duplicate_refused),
		cmocka_unit_test(test_i18n__missing_language_refused),
		cmocka_unit_test(test_i18n__broken_files_refused),
		B(test_i18n__enum_labels_exist),
		B(test_i18n__key_detection),
		B(test_i18n__every_source_key_exists),
#undef B
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
