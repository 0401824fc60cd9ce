#include "unit.h"

#include <math.h>

#include "domain/survival.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-8)

/*
 * Worked example, by hand (times in days; * = placement, + = censored):
 *   10*  20*  20*  20+  30+  40*  50+            n = 7
 *   t=10: at risk 7, 1 event   S = 6/7                      = 0.857142857
 *   t=20: at risk 6, 2 events (and 1 censored at the same time, still at risk)
 *                              S = 6/7 · 4/6                = 0.571428571
 *   t=30: at risk 3, censored  S unchanged
 *   t=40: at risk 2, 1 event   S = 0.571428571 · 1/2        = 0.285714286
 *   Greenwood sums d/(n(n-d)): 1/42, + 2/24, + 1/2.
 *   At t=20: σ = sqrt(1/42 + 2/24) / |ln S| = 0.58491...; the interval is
 *   S^exp(±1.96σ) = [0.171859640, 0.837085916].
 */
static struct survival_obs example[] = {{20, true},  {10, true}, {50, false}, {20, false},
                                        {30, false}, {40, true}, {20, true}};

static void worked_example(void **state)
{
	(void)state;
	struct survival_obs obs[7];
	struct survival_point pts[7];
	memcpy(obs, example, sizeof(obs));
	size_t n = survival_km(obs, 7, pts, 7);
	assert_int_equal(n, 5);
	int times[] = {10, 20, 30, 40, 50}, risk[] = {7, 6, 3, 2, 1}, ev[] = {1, 2, 0, 1, 0},
	    cens[] = {0, 1, 1, 0, 1};
	double est[] = {0.857142857142857, 0.571428571428571, 0.571428571428571, 0.285714285714286,
	                0.285714285714286};
	double lo[] = {0.334040675, 0.171859640, 0.171859640, 0.014415575, 0.014415575};
	double hi[] = {0.978561823, 0.837085916, 0.837085916, 0.690600739, 0.690600739};
	for (int i = 0; i < 5; i++) {
		assert_int_equal(pts[i].time, times[i]);
		assert_int_equal(pts[i].at_risk, risk[i]);
		assert_int_equal(pts[i].events, ev[i]);
		assert_int_equal(pts[i].censored, cens[i]);
		NEAR(pts[i].estimate, est[i]);
		assert_true(fabs(pts[i].ci_low - lo[i]) < 1e-8);
		assert_true(fabs(pts[i].ci_high - hi[i]) < 1e-8);
	}
	struct survival_point at;
	assert_true(survival_at(pts, n, obs, 7, 25, &at));
	NEAR(at.estimate, 0.571428571428571);
	assert_int_equal(at.at_risk, 3); /* 30, 40, 50 */
	assert_true(survival_at(pts, n, obs, 7, 5, &at));
	NEAR(at.estimate, 1.0);
	assert_int_equal(at.at_risk, 7);
	assert_false(survival_at(pts, n, obs, 7, 51, &at)); /* nobody followed that long */
}

static void nobody_placed(void **state)
{
	(void)state;
	struct survival_obs obs[] = {{100, false}, {365, false}, {800, false}};
	struct survival_point pts[3], at;
	size_t n = survival_km(obs, 3, pts, 3);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		NEAR(pts[i].estimate, 1.0);
		NEAR(pts[i].ci_low, 1.0);
	}
	assert_true(survival_at(pts, n, obs, 3, 730, &at));
	assert_int_equal(at.at_risk, 1);
}

static void everybody_placed_at_once(void **state)
{
	(void)state;
	struct survival_obs obs[] = {{30, true}, {30, true}};
	struct survival_point pts[2];
	assert_int_equal(survival_km(obs, 2, pts, 2), 1);
	NEAR(pts[0].estimate, 0.0);
	NEAR(pts[0].ci_low, 0.0);
	NEAR(pts[0].ci_high, 0.0);
}

static void empty_selection(void **state)
{
	(void)state;
	struct survival_point at;
	assert_int_equal(survival_km(NULL, 0, NULL, 0), 0);
	assert_false(survival_at(NULL, 0, NULL, 0, 365, &at));
}

static void tie_of_event_and_censoring(void **state)
{
	(void)state;
	/* Four followed: at day 5 one placement and one censoring; the censored
	 * one is still at risk for the event: S = 3/4, then at day 9 S = 3/4 · 1/2. */
	struct survival_obs obs[] = {{5, false}, {9, true}, {5, true}, {12, false}};
	struct survival_point pts[4];
	size_t n = survival_km(obs, 4, pts, 4);
	assert_int_equal(n, 3);
	assert_int_equal(pts[0].at_risk, 4);
	NEAR(pts[0].estimate, 0.75);
	assert_int_equal(pts[1].at_risk, 2);
	NEAR(pts[1].estimate, 0.375);
	assert_true(pts[1].ci_low < 0.375 && pts[1].ci_high > 0.375);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(worked_example),
	    cmocka_unit_test(nobody_placed),
	    cmocka_unit_test(everybody_placed_at_once),
	    cmocka_unit_test(empty_selection),
	    cmocka_unit_test(tie_of_event_and_censoring),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
