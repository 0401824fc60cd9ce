#include "unit.h"

#include "util/arena.h"

static void allocations_are_aligned_and_distinct(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *p1 = arena_alloc(&a, 1);
	char *p2 = arena_alloc(&a, 3);
	assert_ptr_not_equal(p1, p2);
	assert_int_equal((uintptr_t)p2 % _Alignof(max_align_t), 0);
	p1[0] = 'a';
	memset(p2, 'x', 3);
	assert_int_equal(p1[0], 'a'); /* writing p2 must not touch p1 */
	arena_free(&a);
}

static void large_allocations_get_their_own_chunk(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	size_t big = 1 << 20;
	unsigned char *p = arena_alloc(&a, big);
	memset(p, 0xAB, big); /* ASan fails this test if the chunk were too small */
	unsigned char *q = arena_alloc(&a, 16);
	memset(q, 0xCD, 16);
	assert_int_equal(p[big - 1], 0xAB);
	assert_true(a.total >= big + 16);
	arena_free(&a);
	assert_null(a.head);
}

static void strings_are_copied(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char src[] = "Zoë 't Hooft";
	char *copy = arena_strdup(&a, src);
	src[0] = 'X';
	assert_string_equal(copy, "Zoë 't Hooft");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(arena_printf(&a, "%s-%d", "team", 42), "team-42");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(allocations_are_aligned_and_distinct),
	    cmocka_unit_test(large_allocations_get_their_own_chunk),
	    cmocka_unit_test(strings_are_copied),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
