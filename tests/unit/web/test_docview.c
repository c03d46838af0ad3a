/*
 * test_docview.c: the document templates (data/templates/documents.tsv
 * and its Markdown files) and their filling from an organisation's data
 * in a store in memory: every template exists in both languages with a
 * valid number, no placeholder is left unknown, and values are escaped.
 */
#include "util/compat.h"
#include "web/docview.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "core/organisation.h"
#include "store/repo_diagnosis.h"
#include "store/repo_org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/embed.h"
#include "util/error.h"
#include "util/strbuf.h"

static void test_docview__templates_are_complete(void **state)
{
	static const char *const known[] = { "{company}",  "{representative}",
					     "{services}", "{date}",
					     "{labels}",   "{departments}" };
	struct arena arena = ARENA_INIT;
	struct doc_template *rows;
	size_t count, i, k;
	int l;

	(void)state;
	assert_int_equal(docview_templates(&arena, &rows, &count, NULL), 0);
	assert_true(count >= 7);
	for (i = 0; i < count; i++) {
		assert_int_equal(document_code_validate(rows[i].code, NULL), 0);
		assert_true(*rows[i].title.ja && *rows[i].title.en);
		assert_true(*rows[i].owner.ja && *rows[i].owner.en);
		assert_ptr_equal(docview_template(rows, count, rows[i].id),
				 &rows[i]);
		for (k = 0; k < i; k++)
			assert_string_not_equal(rows[k].id, rows[i].id);
		for (l = 0; l < 2; l++) {
			char path[128];
			const struct embedded_file *f;
			const char *p;

			snprintf(path, sizeof(path),
				 "templates/documents/%s.%s.md", rows[i].id,
				 l ? "en" : "ja");
			f = embedded_find(&embedded_data, path);
			if (!f)
				fail_msg("%s is not compiled in", path);
			/* Every {…} is one the filling knows. */
			for (p = strchr((const char *)f->data, '{'); p;
			     p = strchr(p + 1, '{')) {
				for (k = 0; k < ARRAY_SIZE(known); k++)
					if (!strncmp(p, known[k],
						     strlen(known[k])))
						break;
				if (k == ARRAY_SIZE(known))
					fail_msg(
						"%s: unknown placeholder %.20s",
						path, p);
			}
		}
	}
	assert_null(docview_template(rows, count, "no-such-template"));
	arena_release(&arena);
}

static void test_docview__fill_from_the_organisation(void **state)
{
	static const struct organisation org = { 0, "*まもり* 商事 <b>", 0,
						 "2024-04-01T00:00:00Z" };
	struct arena arena = ARENA_INIT;
	struct error err = ERROR_INIT;
	struct store *store = NULL;
	struct catalog *cat = NULL;
	struct doc_template *rows;
	struct strbuf out = STRBUF_INIT;
	struct org_profile profile;
	size_t count, i;
	int64_t id;

	(void)state;
	assert_int_equal(store_open("sqlite::memory:", 1, &store, &err), 0);
	assert_int_equal(store_migrate(store, NULL, &err), 0);
	assert_int_equal(repo_org_insert(store, &org, &id, &err), 0);
	assert_int_equal(catalog_load_builtin(&cat, &err), 0);
	assert_int_equal(docview_templates(&arena, &rows, &count, &err), 0);
	/* Before the profile is filled in, the blanks say so. */
	for (i = 0; i < count; i++) {
		strbuf_reset(&out);
		assert_int_equal(docview_template_text(store, &arena, cat, id,
						       LANG_JA, "2026-04-01",
						       &rows[i], &out, &err),
				 0);
		assert_null(strstr(out.buf, "{company}"));
		assert_null(strstr(out.buf, "{labels}"));
		assert_null(strstr(out.buf, "{departments}"));
		assert_null(strstr(out.buf, "<b>"));
	}
	strbuf_reset(&out);
	assert_int_equal(docview_template_text(
				 store, &arena, cat, id, LANG_JA, "2026-04-01",
				 docview_template(rows, count, "isms-scope"),
				 &out, &err),
			 0);
	assert_non_null(strstr(out.buf, "\\*まもり\\* 商事"));
	assert_non_null(strstr(out.buf, "- ［記入］")); /* no departments */
	assert_non_null(strstr(out.buf, "- 極秘"));
	assert_non_null(strstr(out.buf, "2026-04-01"));

	memset(&profile, 0, sizeof(profile));
	profile.representative = "代表 太郎";
	profile.services = "部品の製造";
	profile.industry = "";
	profile.employees = 12;
	assert_int_equal(repo_profile_put(store, id, &profile, 1, &err), 0);
	strbuf_reset(&out);
	assert_int_equal(
		docview_template_text(
			store, &arena, cat, id, LANG_EN, "2026-04-01",
			docview_template(rows, count, "security-policy"), &out,
			&err),
		0);
	assert_non_null(strstr(out.buf, "代表 太郎, Representative"));
	assert_non_null(strstr(out.buf, "部品の製造"));
	assert_non_null(strstr(out.buf, "# Information security policy"));

	strbuf_release(&out);
	catalog_free(cat);
	store_close(store);
	arena_release(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docview__templates_are_complete),
		cmocka_unit_test(test_docview__fill_from_the_organisation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
