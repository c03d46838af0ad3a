/* test_permission.c: unit tests of core/permission.c. */
#include "util/compat.h"
#include "core/permission.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/role.h"
#include "util/parse.h"

/* tests/data/permissions.tsv: want[role][perm] is 1 when granted. */
struct grant_table {
	int want[ROLE_COUNT][PERM_COUNT];
	int seen[ROLE_COUNT];
};

/* Cuts the next tab-separated field off *p; NULL when there is none. */
static char *next_field(char **p)
{
	char *start = *p, *tab;

	if (!start)
		return NULL;
	tab = strchr(start, '\t');
	if (tab) {
		*tab = '\0';
		*p = tab + 1;
	} else {
		*p = NULL;
	}
	return start;
}

/* The columns are the role, then the permissions by name, in order. */
static void check_header(const char *first, char *p, const char *path,
			 int lineno)
{
	int perm;

	assert_string_equal(first, "role");
	for (perm = 0; perm < PERM_COUNT; perm++) {
		const char *f = next_field(&p);
		const char *name = permission_name(perm);

		if (!f || !name || strcmp(f, name))
			fail_msg("%s:%d: column %d is '%s', expected '%s'",
				 path, lineno, perm + 2, f ? f : "",
				 name ? name : "");
	}
	if (p)
		fail_msg("%s:%d: extra columns", path, lineno);
}

static void load_table(struct grant_table *t)
{
	const char *root = getenv("MAMORI_SOURCE_ROOT");
	char path[4096], line[512];
	int lineno = 0, header = 0, r;
	FILE *fp;

	memset(t, 0, sizeof(*t));
	if (!root)
		fail_msg("MAMORI_SOURCE_ROOT is not set");
	if ((size_t)snprintf(path, sizeof(path), "%s%s", root,
			     "/tests/data/permissions.tsv") >= sizeof(path))
		fail_msg("path too long");
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), fp)) {
		char *p = line, *f;
		enum role role;
		int perm;

		lineno++;
		if (!strchr(line, '\n'))
			fail_msg("%s:%d: line too long", path, lineno);
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		f = next_field(&p);
		if (!header) {
			check_header(f, p, path, lineno);
			header = 1;
			continue;
		}
		if (role_parse(f, &role))
			fail_msg("%s:%d: unknown role '%s'", path, lineno, f);
		if (t->seen[role]++)
			fail_msg("%s:%d: role '%s' twice", path, lineno, f);
		for (perm = 0; perm < PERM_COUNT; perm++) {
			f = next_field(&p);
			if (!f || parse_int(f, 0, 1, &t->want[role][perm]))
				fail_msg("%s:%d: column %d is not 0 or 1", path,
					 lineno, perm + 2);
		}
		if (p)
			fail_msg("%s:%d: extra columns", path, lineno);
	}
	fclose(fp);
	assert_int_equal(header, 1);
	for (r = 0; r < ROLE_COUNT; r++)
		if (!t->seen[r])
			fail_msg("%s: no row for role '%s'", path,
				 role_name((enum role)r));
}

static void test_permission__names(void **state)
{
	int perm, other;

	(void)state;
	assert_string_equal(permission_name(PERM_MEMBER), "member");
	assert_string_equal(permission_name(PERM_VIEW), "view");
	assert_string_equal(permission_name(PERM_EDIT), "edit");
	assert_string_equal(permission_name(PERM_APPROVE), "approve");
	assert_string_equal(permission_name(PERM_ADMIN), "admin");
	assert_string_equal(permission_name(PERM_AUDIT_VIEW), "audit_view");
	/* Every permission, including any added later, has its own name. */
	for (perm = 0; perm < PERM_COUNT; perm++) {
		const char *name = permission_name(perm);

		if (!name || !*name)
			fail_msg("permission %d has no name", perm);
		for (other = 0; other < perm; other++)
			if (!strcmp(name, permission_name(other)))
				fail_msg("permissions %d and %d are both '%s'",
					 other, perm, name);
	}
}

static void test_permission__single_roles(void **state)
{
	struct grant_table t;
	int r, perm;

	(void)state;
	load_table(&t);
	for (r = 0; r < ROLE_COUNT; r++)
		for (perm = 0; perm < PERM_COUNT; perm++)
			if (permission_granted(ROLE_BIT(r), perm) !=
			    t.want[r][perm])
				fail_msg("%s: %s is %d, expected %d",
					 role_name((enum role)r),
					 permission_name(perm),
					 permission_granted(ROLE_BIT(r), perm),
					 t.want[r][perm]);
}

static void test_permission__role_sets(void **state)
{
	struct grant_table t;
	role_set set;

	(void)state;
	load_table(&t);
	/* Every set of roles grants the union of what its roles grant. */
	for (set = 0; set < ROLE_BIT(ROLE_COUNT); set++) {
		int perm;

		for (perm = 0; perm < PERM_COUNT; perm++) {
			int want = 0, r;

			for (r = 0; r < ROLE_COUNT; r++)
				if (set & ROLE_BIT(r))
					want |= t.want[r][perm];
			if (permission_granted(set, perm) != want)
				fail_msg("roles %#x: %s is %d, expected %d",
					 set, permission_name(perm),
					 permission_granted(set, perm), want);
		}
	}
}

static void test_permission__empty_set(void **state)
{
	int perm;

	(void)state;
	/*
	 * PERM_MEMBER is granted to every role (its row is ~0u), so any
	 * non-empty set has it; a member with no role at all has nothing,
	 * not even PERM_MEMBER.
	 */
	for (perm = 0; perm < PERM_COUNT; perm++)
		assert_int_equal(permission_granted(0, perm), 0);
}

static void test_permission__admin_roles(void **state)
{
	int r;

	(void)state;
	/* role_is_admin() (MFA is needed) names the roles with PERM_ADMIN. */
	for (r = 0; r < ROLE_COUNT; r++)
		if (role_is_admin((enum role)r) !=
		    permission_granted(ROLE_BIT(r), PERM_ADMIN))
			fail_msg("%s: role_is_admin %d, admin permission %d",
				 role_name((enum role)r),
				 role_is_admin((enum role)r),
				 permission_granted(ROLE_BIT(r), PERM_ADMIN));
}

static void test_permission__read_only(void **state)
{
	int r;

	(void)state;
	assert_int_equal(role_set_read_only(ROLE_BIT(ROLE_AUDITOR)), 1);
	assert_int_equal(role_set_read_only(ROLE_BIT(ROLE_AUDITOR) |
					    ROLE_BIT(ROLE_EMPLOYEE)),
			 0);
	assert_int_equal(role_set_read_only(0), 0);
	for (r = 0; r < ROLE_COUNT; r++) {
		if (r == ROLE_AUDITOR)
			continue;
		if (role_set_read_only(ROLE_BIT(r)))
			fail_msg("%s alone is read-only",
				 role_name((enum role)r));
		if (role_set_read_only(ROLE_BIT(r) | ROLE_BIT(ROLE_AUDITOR)))
			fail_msg("auditor and %s is read-only",
				 role_name((enum role)r));
	}
}

static void test_permission__read_only_grants_no_change(void **state)
{
	role_set auditor = ROLE_BIT(ROLE_AUDITOR);

	(void)state;
	/* A read-only set reads, and changes or answers nothing. */
	assert_int_equal(role_set_read_only(auditor), 1);
	assert_int_equal(permission_granted(auditor, PERM_VIEW), 1);
	assert_int_equal(permission_granted(auditor, PERM_AUDIT_VIEW), 1);
	assert_int_equal(permission_granted(auditor, PERM_EDIT), 0);
	assert_int_equal(permission_granted(auditor, PERM_APPROVE), 0);
	assert_int_equal(permission_granted(auditor, PERM_ADMIN), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_permission__names),
		cmocka_unit_test(test_permission__single_roles),
		cmocka_unit_test(test_permission__role_sets),
		cmocka_unit_test(test_permission__empty_set),
		cmocka_unit_test(test_permission__admin_roles),
		cmocka_unit_test(test_permission__read_only),
		cmocka_unit_test(test_permission__read_only_grants_no_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
