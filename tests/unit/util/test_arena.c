/* test_arena.c: unit tests of util/arena.c. */
#include "util/compat.h"
#include "util/arena.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdalign.h>
#include <wchar.h>

#include "../death.h"
#include "util/alloc.h"

static int is_aligned(const void *p)
{
	return (uintptr_t)p % alignof(max_align_t) == 0;
}

static void test_arena__alignment(void **state)
{
	struct arena a;
	size_t size;

	(void)state;
	arena_init(&a, 256);
	for (size = 0; size < 300; size++) {
		unsigned char *p = arena_alloc(&a, size);

		assert_non_null(p);
		assert_true(is_aligned(p));
		/* Every byte asked for is usable. */
		memset(p, 0xa5, size);
	}
	arena_release(&a);
}

static void test_arena__alignment_after_odd_sizes(void **state)
{
	struct arena a;
	long double *ld;
	char *c;

	(void)state;
	arena_init(&a, 0);
	c = arena_alloc(&a, 1);
	*c = 'x';
	ld = arena_alloc(&a, sizeof(*ld));
	assert_true(is_aligned(ld));
	*ld = 1.5L;
	c = arena_alloc(&a, 3);
	assert_true(is_aligned(c));
	memcpy(c, "ab", 3);
	assert_true(*ld == 1.5L);
	assert_string_equal(c, "ab");
	arena_release(&a);
}

static void test_arena__zero_size(void **state)
{
	struct arena a;
	void *p, *q;

	(void)state;
	arena_init(&a, 0);
	p = arena_alloc(&a, 0);
	q = arena_alloc(&a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	arena_release(&a);
}

enum { SMALL_COUNT = 2000, SMALL_SIZE = 24 };

static void test_arena__many_small_across_blocks(void **state)
{
	struct arena a;
	unsigned char **ptrs = xcalloc(SMALL_COUNT, sizeof(*ptrs));
	size_t i, j;

	(void)state;
	/* A block of 100 bytes holds few allocations: many blocks are made. */
	arena_init(&a, 100);
	for (i = 0; i < SMALL_COUNT; i++) {
		ptrs[i] = arena_alloc(&a, SMALL_SIZE);
		assert_non_null(ptrs[i]);
		assert_true(is_aligned(ptrs[i]));
		memset(ptrs[i], (int)(i & 0xff), SMALL_SIZE);
	}
	/* No allocation overlapped another. */
	for (i = 0; i < SMALL_COUNT; i++)
		for (j = 0; j < SMALL_SIZE; j++)
			assert_int_equal(ptrs[i][j], i & 0xff);
	arena_release(&a);
	free(ptrs);
}

static void test_arena__large_allocation(void **state)
{
	struct arena a;
	unsigned char *small1, *big, *small2;
	size_t i;

	(void)state;
	arena_init(&a, 128);
	small1 = arena_alloc(&a, 16);
	memset(small1, 1, 16);
	big = arena_alloc(&a, 100000);
	assert_non_null(big);
	assert_true(is_aligned(big));
	memset(big, 2, 100000);
	small2 = arena_alloc(&a, 16);
	memset(small2, 3, 16);
	for (i = 0; i < 16; i++) {
		assert_int_equal(small1[i], 1);
		assert_int_equal(small2[i], 3);
	}
	for (i = 0; i < 100000; i++)
		assert_int_equal(big[i], 2);
	/*
	 * arena.c puts a large allocation in its own block behind the current
	 * one, so the next small allocation still uses the current block.
	 */
	assert_true((uintptr_t)small2 > (uintptr_t)small1 &&
		    (uintptr_t)small2 < (uintptr_t)small1 + 128);
	arena_release(&a);
}

static void test_arena__large_first(void **state)
{
	struct arena a;
	char *big, *small;

	(void)state;
	arena_init(&a, 64);
	big = arena_alloc(&a, 4096);
	memset(big, 'b', 4096);
	small = arena_alloc(&a, 8);
	memset(small, 's', 8);
	assert_int_equal(big[0], 'b');
	assert_int_equal(big[4095], 'b');
	assert_int_equal(small[7], 's');
	arena_release(&a);
}

static void test_arena__calloc_zeroes(void **state)
{
	struct arena a;
	unsigned char *p;
	int *ints;
	size_t i;

	(void)state;
	/* Dirty memory first, so calloc has something to clear. */
	arena_init(&a, 1024);
	p = arena_alloc(&a, 1000);
	memset(p, 0xff, 1000);
	arena_release(&a);

	p = arena_calloc(&a, 10, 100);
	for (i = 0; i < 1000; i++)
		assert_int_equal(p[i], 0);
	ints = arena_calloc(&a, 50, sizeof(*ints));
	assert_true(is_aligned(ints));
	for (i = 0; i < 50; i++)
		assert_int_equal(ints[i], 0);
	/* A large zeroed allocation, bigger than a block. */
	p = arena_calloc(&a, 5000, 1);
	for (i = 0; i < 5000; i++)
		assert_int_equal(p[i], 0);
	assert_non_null(arena_calloc(&a, 0, 8));
	assert_non_null(arena_calloc(&a, 8, 0));
	arena_release(&a);
}

static void test_arena__strdup(void **state)
{
	struct arena a;
	char src[] = "情報セキュリティ";
	char *copy, *empty;

	(void)state;
	arena_init(&a, 0);
	copy = arena_strdup(&a, src);
	assert_ptr_not_equal(copy, src);
	assert_string_equal(copy, "情報セキュリティ");
	/* A copy, not a view. */
	src[0] = 'X';
	assert_string_equal(copy, "情報セキュリティ");
	empty = arena_strdup(&a, "");
	assert_string_equal(empty, "");
	arena_release(&a);
}

static void test_arena__memdupz(void **state)
{
	struct arena a;
	char *p;

	(void)state;
	arena_init(&a, 0);
	p = arena_memdupz(&a, "abcdef", 3);
	assert_string_equal(p, "abc");
	p = arena_memdupz(&a, "a\0b", 3);
	assert_memory_equal(p, "a\0b\0", 4);
	p = arena_memdupz(&a, NULL, 0);
	assert_string_equal(p, "");
	arena_release(&a);
}

static void test_arena__printf(void **state)
{
	struct arena a;
	char *p;

	(void)state;
	arena_init(&a, 32);
	p = arena_printf(&a, "%s %d/%d", "score", 41, 100);
	assert_string_equal(p, "score 41/100");
	p = arena_printf(&a, "%s", "");
	assert_string_equal(p, "");
	/* Longer than the block. */
	p = arena_printf(&a, "%0200d", 5);
	assert_int_equal(strlen(p), 200);
	assert_int_equal(p[0], '0');
	assert_int_equal(p[199], '5');
	/* Longer than the stack buffer: measured, then formatted in place;
	 * and exactly one byte short of it. */
	p = arena_printf(&a, "%0300d", 7);
	assert_int_equal(strlen(p), 300);
	assert_int_equal(p[299], '7');
	p = arena_printf(&a, "%0255d", 8);
	assert_int_equal(strlen(p), 255);
	p = arena_printf(&a, "%0256d", 9);
	assert_int_equal(strlen(p), 256);
	assert_int_equal(p[255], '9');
	arena_release(&a);
}

static void test_arena__release_then_reuse(void **state)
{
	struct arena a;
	char *p = NULL;
	int round;

	(void)state;
	arena_init(&a, 64);
	for (round = 0; round < 3; round++) {
		int i;

		for (i = 0; i < 50; i++) {
			p = arena_printf(&a, "round %d item %d", round, i);
			assert_non_null(p);
		}
		assert_string_equal(p, round == 0   ? "round 0 item 49"
				       : round == 1 ? "round 1 item 49"
						    : "round 2 item 49");
		arena_release(&a);
		assert_null(a.head);
		/* The block size survives a release. */
		assert_int_equal(a.block_size, 64);
	}
	/* Releasing an empty arena is harmless. */
	arena_release(&a);
	assert_null(a.head);
}

static void test_arena__static_init(void **state)
{
	struct arena a = ARENA_INIT;
	char *p;

	(void)state;
	/* An arena never given to arena_init works with the default size. */
	p = arena_strdup(&a, "works");
	assert_string_equal(p, "works");
	assert_true(a.block_size > 0);
	arena_release(&a);
	assert_null(a.head);
}

static void test_arena__block_size_not_aligned(void **state)
{
	struct arena a;
	unsigned char *p, *q;
	size_t i;

	(void)state;
	/*
	 * A block of 100 bytes with 99 used: the next aligned offset lies
	 * past the end of the block, so a new block is taken.
	 */
	arena_init(&a, 100);
	p = arena_alloc(&a, 99);
	memset(p, 'p', 99);
	q = arena_alloc(&a, 1);
	assert_true(is_aligned(q));
	assert_true(q + 1 <= p || q >= p + 99);
	*q = 'q';
	for (i = 0; i < 99; i++)
		assert_int_equal(p[i], 'p');
	arena_release(&a);
}

static void printf_unencodable(void *arg)
{
	/* No multibyte encoding has this wide character: vsnprintf fails. */
	static const wchar_t bad[] = { 0x7fffffff, 0 };

	arena_printf(arg, "%ls", bad);
}

static void test_arena__printf_encoding_error_aborts(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	death_expect_abort(printf_unencodable, &a,
			   "vsnprintf failed for format '%ls'");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena__alignment),
		cmocka_unit_test(test_arena__alignment_after_odd_sizes),
		cmocka_unit_test(test_arena__zero_size),
		cmocka_unit_test(test_arena__many_small_across_blocks),
		cmocka_unit_test(test_arena__large_allocation),
		cmocka_unit_test(test_arena__large_first),
		cmocka_unit_test(test_arena__calloc_zeroes),
		cmocka_unit_test(test_arena__strdup),
		cmocka_unit_test(test_arena__memdupz),
		cmocka_unit_test(test_arena__printf),
		cmocka_unit_test(test_arena__release_then_reuse),
		cmocka_unit_test(test_arena__static_init),
		cmocka_unit_test(test_arena__block_size_not_aligned),
		cmocka_unit_test(test_arena__printf_encoding_error_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
