/* test_alloc.c: unit tests of util/alloc.c. */
#include "util/compat.h"
#include "util/alloc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../death.h"

#ifdef __SANITIZE_ADDRESS__
/*
 * AddressSanitizer stops the process itself on an impossible allocation;
 * made to return NULL like the C library, it lets xmalloc() and friends
 * take their own out-of-memory path in the sanitizer build too.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}
#endif

/* Results of calls that must abort; volatile so the calls are made. */
static volatile size_t size_sink;
static void *volatile ptr_sink;

static void test_alloc__xmalloc(void **state)
{
	unsigned char *p, *q;

	(void)state;
	p = xmalloc(100);
	assert_non_null(p);
	memset(p, 0xa5, 100);
	/* Size 0 is a real, distinct allocation, not NULL. */
	q = xmalloc(0);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	free(q);
	free(p);
}

static void test_alloc__xcalloc(void **state)
{
	unsigned char *p;
	size_t i;

	(void)state;
	p = xcalloc(10, 7);
	for (i = 0; i < 70; i++)
		assert_int_equal(p[i], 0);
	free(p);
	p = xcalloc(0, 7);
	assert_non_null(p);
	free(p);
	p = xcalloc(7, 0);
	assert_non_null(p);
	free(p);
}

static void test_alloc__xrealloc(void **state)
{
	char *p;

	(void)state;
	p = xrealloc(NULL, 4);
	memcpy(p, "abc", 4);
	p = xrealloc(p, 100000);
	assert_string_equal(p, "abc");
	p = xrealloc(p, 2);
	assert_memory_equal(p, "ab", 2);
	free(p);
}

static void test_alloc__xrealloc_zero(void **state)
{
	char *p;

	(void)state;
	/* realloc(p, 0) may free p and return NULL; xrealloc never does. */
	p = xrealloc(xmalloc(16), 0);
	assert_non_null(p);
	p = xrealloc(p, 3);
	memcpy(p, "ok", 3);
	assert_string_equal(p, "ok");
	free(p);
}

static void test_alloc__xstrdup(void **state)
{
	const char *s = "日本語 text";
	char *p;

	(void)state;
	p = xstrdup(s);
	assert_ptr_not_equal(p, s);
	assert_string_equal(p, s);
	free(p);
	p = xstrdup("");
	assert_string_equal(p, "");
	free(p);
}

static void test_alloc__xmemdupz(void **state)
{
	char *p;

	(void)state;
	p = xmemdupz("abcdef", 3);
	assert_string_equal(p, "abc");
	free(p);
	/* Bytes after an embedded NUL are copied too. */
	p = xmemdupz("a\0b", 3);
	assert_memory_equal(p, "a\0b\0", 4);
	free(p);
	/* No bytes: the source is not read. */
	p = xmemdupz(NULL, 0);
	assert_string_equal(p, "");
	free(p);
}

static void test_alloc__st_add(void **state)
{
	(void)state;
	assert_int_equal(st_add(0, 0), 0);
	assert_int_equal(st_add(2, 3), 5);
	assert_true(st_add(SIZE_MAX - 1, 1) == SIZE_MAX);
	assert_true(st_add(0, SIZE_MAX) == SIZE_MAX);
}

static void test_alloc__st_mult(void **state)
{
	(void)state;
	assert_int_equal(st_mult(6, 7), 42);
	assert_int_equal(st_mult(0, SIZE_MAX), 0);
	assert_int_equal(st_mult(SIZE_MAX, 0), 0);
	assert_true(st_mult(SIZE_MAX, 1) == SIZE_MAX);
	assert_true(st_mult(SIZE_MAX / 2, 2) == SIZE_MAX - 1);
}

static void test_alloc__xgrow(void **state)
{
	int *arr = NULL;
	size_t cap = 0;
	int *before;

	(void)state;
	/* The first growth takes at least 8 elements. */
	ALLOC_GROW(arr, 1, cap);
	assert_non_null(arr);
	assert_int_equal(cap, 8);
	arr[7] = 7;
	/* Enough room: nothing moves. */
	before = arr;
	ALLOC_GROW(arr, 8, cap);
	assert_ptr_equal(arr, before);
	assert_int_equal(cap, 8);
	/* One more doubles. */
	ALLOC_GROW(arr, 9, cap);
	assert_int_equal(cap, 16);
	assert_int_equal(arr[7], 7);
	/* Far more than double takes exactly what is needed. */
	ALLOC_GROW(arr, 1000, cap);
	assert_int_equal(cap, 1000);
	arr[999] = 999;
	assert_int_equal(arr[7], 7);
	free(arr);
}

static void add_overflow(void *arg)
{
	(void)arg;
	size_sink = st_add(SIZE_MAX, 1);
}

static void mult_overflow(void *arg)
{
	(void)arg;
	size_sink = st_mult(SIZE_MAX / 2 + 1, 2);
}

static void test_alloc__st_add_overflow_aborts(void **state)
{
	char want[128];

	(void)state;
	snprintf(want, sizeof(want), "size overflow: %zu + 1", SIZE_MAX);
	death_expect_abort(add_overflow, NULL, want);
	/* BUG() names the place. */
	death_expect_abort(add_overflow, NULL, "BUG: ");
	death_expect_abort(add_overflow, NULL, "alloc.c:");
}

static void test_alloc__st_mult_overflow_aborts(void **state)
{
	char want[128];

	(void)state;
	snprintf(want, sizeof(want), "size overflow: %zu * 2",
		 SIZE_MAX / 2 + 1);
	death_expect_abort(mult_overflow, NULL, want);
}

static void malloc_huge(void *arg)
{
	(void)arg;
	ptr_sink = xmalloc(SIZE_MAX);
}

static void calloc_huge(void *arg)
{
	(void)arg;
	ptr_sink = xcalloc(1, SIZE_MAX);
}

static void calloc_overflow(void *arg)
{
	(void)arg;
	ptr_sink = xcalloc(SIZE_MAX, 2);
}

static void realloc_huge(void *arg)
{
	(void)arg;
	ptr_sink = xrealloc(NULL, SIZE_MAX);
}

static void memdupz_huge(void *arg)
{
	(void)arg;
	ptr_sink = xmemdupz("x", SIZE_MAX);
}

static void grow_overflow(void *arg)
{
	char *arr = NULL;
	size_t cap = SIZE_MAX / 2 + 1;

	(void)arg;
	/* Doubling the capacity overflows before anything is allocated. */
	xgrow((void **)&arr, 1, cap + 1, &cap);
	ptr_sink = arr;
}

static void test_alloc__out_of_memory_aborts(void **state)
{
	char want[128];

	(void)state;
	snprintf(want, sizeof(want),
		 "fatal: out of memory allocating %zu bytes", SIZE_MAX);
	death_expect_abort(malloc_huge, NULL, want);
	death_expect_abort(calloc_huge, NULL, want);
	death_expect_abort(realloc_huge, NULL, want);
}

static void test_alloc__size_overflow_in_callers_aborts(void **state)
{
	char want[128];

	(void)state;
	/*
	 * calloc() refuses count * size past SIZE_MAX, and the product is
	 * checked while the failure is reported: a BUG, not out-of-memory.
	 */
	snprintf(want, sizeof(want), "size overflow: %zu * 2", SIZE_MAX);
	death_expect_abort(calloc_overflow, NULL, want);
	snprintf(want, sizeof(want), "size overflow: %zu + 1", SIZE_MAX);
	death_expect_abort(memdupz_huge, NULL, want);
	snprintf(want, sizeof(want), "size overflow: %zu * 2",
		 SIZE_MAX / 2 + 1);
	death_expect_abort(grow_overflow, NULL, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc__xmalloc),
		cmocka_unit_test(test_alloc__xcalloc),
		cmocka_unit_test(test_alloc__xrealloc),
		cmocka_unit_test(test_alloc__xrealloc_zero),
		cmocka_unit_test(test_alloc__xstrdup),
		cmocka_unit_test(test_alloc__xmemdupz),
		cmocka_unit_test(test_alloc__st_add),
		cmocka_unit_test(test_alloc__st_mult),
		cmocka_unit_test(test_alloc__xgrow),
		cmocka_unit_test(test_alloc__st_add_overflow_aborts),
		cmocka_unit_test(test_alloc__st_mult_overflow_aborts),
		cmocka_unit_test(test_alloc__out_of_memory_aborts),
		cmocka_unit_test(test_alloc__size_overflow_in_callers_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
