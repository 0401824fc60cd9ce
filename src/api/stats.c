/* GET /api/v1/stats/outcomes(.csv): placement-free survival, indicators and costs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/csv.h"
#include "api/dossier.h"
#include "api/input.h"
#include "api/stats.h"
#include "domain/dates.h"
#include "domain/outcomes.h"
#include "domain/survival.h"
#include "domain/youth_facts.h"
#include "store/facts.h"
#include "store/store_query.h"
#include "util/text.h"

#define SMALL_CELL                   5
#define DAYS_12M                     365
#define DAYS_24M                     730
#define DAYS_PER_YEAR                365.25
#define DEFAULT_PLACEMENT_YEAR_CENTS 9000000
#define DEFAULT_HOME_YEAR_CENTS      3000000
#define DEFAULT_REFERENCE_RATE       0.5

/*
 * Reads started_from and started_to into f. Under suppression they must be
 * whole quarters: two selections a day apart would otherwise differ by the
 * one young person who started that day, and their difference would give
 * that person's outcome although each answer on its own has no small cell.
 * Answers 422 and returns false when a date is wrong.
 */
static bool read_start_dates(struct request *r, struct stats_filter *f)
{
	const char *names[2] = {"started_from", "started_to"};
	const char **out[2] = {&f->started_from, &f->started_to};
	struct date d[2] = {{0}};
	for (int i = 0; i < 2; i++) {
		const char *v = http_query(r, names[i]);
		if (!v || !*v)
			continue;
		if (!date_parse(v, &d[i])) {
			http_validation_error(r, names[i], "must be a date written as YYYY-MM-DD");
			return false;
		}
		bool whole = i == 0 ? date_is_quarter_start(d[i]) : date_is_quarter_end(d[i]);
		if (f->suppress && !whole) {
			http_validation_error(r, names[i],
			                      i == 0 ? "must be the first day of a quarter"
			                             : "must be the last day of a quarter");
			return false;
		}
		*out[i] = dossier_date_text(r, d[i]);
	}
	if (f->started_from && f->started_to && date_compare(d[1], d[0]) < 0) {
		http_validation_error(r, "started_to", "must be on or after started_from");
		return false;
	}
	return true;
}

/* Reads the filters; the caller's teams limit a professional or teamlead. */
bool stats_read_filter(struct request *r, struct stats_filter *f)
{
	memset(f, 0, sizeof(*f));
	bool team_role = r->caller.role == ROLE_PROFESSIONAL || r->caller.role == ROLE_TEAMLEAD;
	f->suppress = !team_role;
	const char *m = http_query(r, "municipality"), *jim = http_query(r, "jim");
	const char *net = http_query(r, "network_is_home");
	if (!input_query_id(r, "team_id", &f->team_id) ||
	    !input_query_id(r, "organisation_id", &f->organisation_id))
		return false;
	if (m && *m) {
		if (utf8_length(m) > 100) {
			http_validation_error(r, "municipality", "is too long");
			return false;
		}
		f->municipality = m;
	}
	if (!read_start_dates(r, f))
		return false;
	if (jim && *jim) {
		if (strcmp(jim, "with") != 0 && strcmp(jim, "without") != 0) {
			http_validation_error(r, "jim", "must be with or without");
			return false;
		}
		f->jim = jim;
	}
	if (net && *net) {
		if (strcmp(net, "true") != 0 && strcmp(net, "false") != 0) {
			http_validation_error(r, "network_is_home", "must be true or false");
			return false;
		}
		f->network_is_home = !strcmp(net, "true");
	}
	if (team_role) {
		f->scope_user = r->caller.user_id;
		if (f->team_id) {
			json_t *row = NULL;
			enum store_status s = store_row(
			    r->conn, SQ_TEAM_MEMBER,
			    STORE_ARGS(SA_INT(f->team_id), SA_INT(r->caller.user_id)), &row);
			bool in = s == STORE_OK && json_is_true(json_object_get(row, "in_team"));
			json_decref(row);
			if (!in) {
				http_validation_error(r, "team_id",
				                      "you are not a member of this team");
				return false;
			}
		}
	}
	return true;
}

#define FILTER_ARGS(f)                                                                             \
	SA_ID((f)->scope_user), SA_ID((f)->team_id), SA_ID((f)->organisation_id),                  \
	    SA_TEXT((f)->municipality), SA_TEXT((f)->started_from), SA_TEXT((f)->started_to),      \
	    SA_TEXT((f)->jim)

enum store_status stats_youth_rows(struct request *r, const struct stats_filter *f, json_t **rows)
{
	return store_rows(r->conn, SQ_STATS_YOUTHS, STORE_ARGS(FILTER_ARGS(f)), rows);
}

enum store_status stats_living_rows(struct request *r, const struct stats_filter *f, json_t **rows)
{
	return store_rows(r->conn, SQ_STATS_LIVING, STORE_ARGS(FILTER_ARGS(f)), rows);
}

/* The trajectory from a start, an optional close and the living-situation changes. */
static void trajectory_of(struct date started, const struct date *closed,
                          const struct living_change *changes, size_t n, struct date today,
                          struct trajectory *t, bool *at_risk, int *placement_days)
{
	bool placed_at_start = false;
	memset(t, 0, sizeof(*t));
	t->started = started;
	t->end = closed && date_compare(*closed, today) < 0 ? *closed : today;
	for (size_t i = 0; i < n; i++) {
		if (date_compare(changes[i].on, t->started) <= 0) {
			placed_at_start =
			    changes[i].placement; /* the situation in force at the start */
		} else if (changes[i].placement && !t->has_placement) {
			t->has_placement = true;
			t->placement = changes[i].on;
		}
	}
	*at_risk = !placed_at_start;
	*placement_days = outcome_placement_days(changes, n, t->started, t->end);
}

bool stats_trajectory(json_t *row, json_t *living, size_t *k, bool network_is_home,
                      struct date today, struct trajectory *t, bool *at_risk, int *placement_days)
{
	struct date started, closed;
	struct living_change changes[FACTS_MAX_CHANGES];
	size_t n = 0, len = json_array_size(living);
	json_int_t id = json_integer_value(json_object_get(row, "id"));
	while (*k < len &&
	       json_integer_value(json_object_get(json_array_get(living, *k), "youth_id")) < id)
		(*k)++;
	for (; *k < len; (*k)++) {
		json_t *h = json_array_get(living, *k);
		if (json_integer_value(json_object_get(h, "youth_id")) != id)
			break;
		if (n < FACTS_MAX_CHANGES &&
		    date_parse(json_string_value(json_object_get(h, "effective_on")),
		               &changes[n].on)) {
			changes[n].placement = outcome_is_placement(
			    json_string_value(json_object_get(h, "value")), network_is_home);
			n++;
		}
	}
	if (!date_parse(json_string_value(json_object_get(row, "started_on")), &started))
		return false;
	bool is_closed = date_parse(json_string_value(json_object_get(row, "closed_on")), &closed);
	trajectory_of(started, is_closed ? &closed : NULL, changes, n, today, t, at_risk,
	              placement_days);
	return true;
}

/* Per young person, what the figures are made of. */
struct youth_fact {
	int64_t id;
	struct trajectory t;
	bool usable, placed, closed, planned, had_jim, nominated;
	int days, days_to_nomination, placement_days;
};

/* The sum and count of one kind of measurement (the latest per young person). */
struct measure_sum {
	double sum;
	int64_t n;
};

enum { MEASURE_SATISFACTION_YOUTH, MEASURE_SATISFACTION_PARENTS, MEASURE_GOAL_REALISATION };

struct stats {
	struct request *r;
	const struct stats_filter *f;
	struct date today;
	struct youth_fact *facts;
	size_t n, cap, at_risk;
	struct survival_obs *obs;
	bool any_suppressed;
	struct measure_sum measures[3];
	int64_t jim_minutes, jim_km_tenths;
	long jim_eligible[2], jim_kept[2]; /* retention at 6 and 12 months */
	struct {
		double sum_t0, sum_t9;
		int64_t n;
	} attendance;
	/* Placements up to day 365 and 730 that the curve as shown does not
	 * count (merged after its last point shown); set by placement_free(). */
	int64_t unshown_12m, unshown_24m;
};

static json_t *count(struct stats *s, int64_t n)
{
	if (s->f->suppress && n < SMALL_CELL) {
		s->any_suppressed = true;
		return json_null();
	}
	return json_integer(n);
}

static json_t *figure(struct stats *s, double v, int64_t n)
{
	if ((s->f->suppress && n < SMALL_CELL) || n == 0) {
		if (n > 0)
			s->any_suppressed = true;
		return json_null();
	}
	return json_real(v);
}

/*
 * The share k of n young people. Under suppression it is hidden when either
 * part describes fewer than 5 (or nobody): share × n would give the count
 * back.
 */
static json_t *share(struct stats *s, int64_t k, int64_t n)
{
	if (n == 0)
		return json_null();
	if (s->f->suppress && (k < SMALL_CELL || n - k < SMALL_CELL)) {
		s->any_suppressed = true;
		return json_null();
	}
	return json_real((double)k / (double)n);
}

static const char *text_of(const struct store_value *v)
{
	return v->type == STORE_ARG_TEXT ? v->s : NULL;
}

static void grow_facts(struct stats *s)
{
	if (s->n < s->cap)
		return;
	s->cap = s->cap ? 2 * s->cap : 4096;
	s->facts = realloc(s->facts, s->cap * sizeof(*s->facts));
	s->obs = realloc(s->obs, s->cap * sizeof(*s->obs));
	if (!s->facts || !s->obs)
		fatal("out of memory");
}

/* Adds the measurements, JIM work, JIM periods and attendance of one facts row. */
static void add_aggregates(struct stats *s, const struct store_value *v)
{
	struct facts_jim jim;
	const char *cursor = text_of(&v[7]);
	for (int k = 0; k < 3; k++) {
		const struct store_value *m = &v[8 + k];
		if (m->type == STORE_ARG_REAL || m->type == STORE_ARG_INT) {
			s->measures[k].sum += m->type == STORE_ARG_REAL ? m->d : (double)m->i;
			s->measures[k].n++;
		}
	}
	s->jim_minutes += v[11].type == STORE_ARG_INT ? v[11].i : 0;
	s->jim_km_tenths += v[12].type == STORE_ARG_INT ? v[12].i : 0;
	while (facts_jim_next(&cursor, &jim) == 1)
		facts_jim_retention(&jim, s->today, s->jim_eligible, s->jim_kept);
	if (v[13].type == STORE_ARG_INT && v[14].type == STORE_ARG_INT) {
		s->attendance.sum_t0 += (double)v[13].i;
		s->attendance.sum_t9 += (double)v[14].i;
		s->attendance.n++;
	}
}

/*
 * SQ_STATS_FACTS columns: youth_id, started_on, closed_on, end_reason,
 * first_nomination, had_jim, living, jims, satisfaction_youth,
 * satisfaction_parents, goal_realisation, jim_minutes, jim_km_tenths,
 * attendance_t0, attendance_t9.
 */
static bool fact_visit(const struct store_value *v, size_t ncols, void *ctx)
{
	struct stats *s = ctx;
	struct living_change changes[FACTS_MAX_CHANGES];
	struct date started, closed, nom;
	(void)ncols;
	if (!store_value_date(&v[1], &started))
		return true;
	size_t n =
	    facts_living_decode(text_of(&v[6]), s->f->network_is_home, changes, FACTS_MAX_CHANGES);
	grow_facts(s);
	struct youth_fact *f = &s->facts[s->n++];
	memset(f, 0, sizeof(*f));
	f->id = v[0].i;
	bool is_closed = store_value_date(&v[2], &closed), at_risk;
	trajectory_of(started, is_closed ? &closed : NULL, changes, n == (size_t)-1 ? 0 : n,
	              s->today, &f->t, &at_risk, &f->placement_days);
	f->closed = v[2].type != STORE_ARG_NULL;
	f->planned = text_of(&v[3]) && !strcmp(v[3].s, "planned");
	f->had_jim = v[5].type == STORE_ARG_INT && v[5].i != 0;
	f->nominated = store_value_date(&v[4], &nom);
	if (f->nominated)
		f->days_to_nomination = (int)date_days_between(started, nom);
	/* a damaged living text leaves the young person out of the survival figures */
	f->usable = n != (size_t)-1 && at_risk && outcome_follow_up(&f->t, &f->days, &f->placed);
	if (f->usable)
		s->obs[s->at_risk++] = (struct survival_obs){f->days, f->placed};
	add_aggregates(s, v);
	return true;
}

/* Refreshes the facts and reads those of the selection into s. */
static bool collect_facts(struct stats *s, struct store_conn *c)
{
	return store_facts_refresh(c) == STORE_OK &&
	       store_each(c, SQ_STATS_FACTS, STORE_ARGS(FILTER_ARGS(s->f)), fact_visit, s) ==
	           STORE_OK;
}

/*
 * The estimate at `day` (null when nobody was followed that long). Under
 * suppression it is the last point the curve shows on or before `day`, with
 * that point's at_risk (all at the start before any): the exact estimate on
 * the day, compared with the point before it, would give back the 1-4
 * placements that the curve merged away. `shown` is the curve as shown.
 */
static json_t *survival_value(struct stats *s, const struct survival_point *curve, size_t points,
                              const struct survival_point *shown, size_t n_shown, int day)
{
	struct survival_point at;
	if (!survival_at(curve, points, s->obs, s->at_risk, day, &at))
		return json_null();
	if (s->f->suppress && at.at_risk < SMALL_CELL) {
		s->any_suppressed = true;
		return json_null();
	}
	if (s->f->suppress) {
		at = (struct survival_point){
		    .at_risk = (int)s->at_risk, .estimate = 1.0, .ci_low = 1.0, .ci_high = 1.0};
		for (size_t i = 0; i < n_shown && shown[i].time <= day; i++)
			at = shown[i];
	}
	return json_pack("{s:f, s:f, s:f, s:i}", "estimate", at.estimate, "ci_low", at.ci_low,
	                 "ci_high", at.ci_high, "at_risk", at.at_risk);
}

/*
 * The events or censorings at one curve point: these describe that many young
 * people, so under suppression a count under 5 is null (otherwise the events
 * would add up to a suppressed placements_observed).
 */
static json_t *point_count(struct stats *s, int n)
{
	if (s->f->suppress && n > 0 && n < SMALL_CELL) {
		s->any_suppressed = true;
		return json_null();
	}
	return json_integer(n);
}

static json_t *placement_free(struct stats *s)
{
	struct survival_point *curve = calloc(s->at_risk ? s->at_risk : 1, sizeof(*curve));
	struct survival_point *shown = calloc(s->at_risk ? s->at_risk : 1, sizeof(*shown));
	struct survival_obs *sorted = malloc((s->at_risk ? s->at_risk : 1) * sizeof(*sorted));
	if (!curve || !shown || !sorted)
		fatal("out of memory");
	if (s->at_risk)
		memcpy(sorted, s->obs, s->at_risk * sizeof(*sorted));
	size_t points = survival_km(sorted, s->at_risk, curve, s->at_risk), n_shown = 0;
	json_t *list = json_array();
	int events = 0, censored = 0;                    /* since the last point shown */
	int64_t all_12m = 0, all_24m = 0, shown_all = 0; /* events up to a day; shown up to here */
	int64_t shown_12m = 0, shown_24m = 0;
	for (size_t i = 0; i < points; i++) {
		all_12m += curve[i].time <= DAYS_12M ? curve[i].events : 0;
		all_24m += curve[i].time <= DAYS_24M ? curve[i].events : 0;
	}
	for (size_t i = 0; i < points; i++) {
		if (s->f->suppress && curve[i].at_risk < SMALL_CELL) {
			s->any_suppressed = true;
			break;
		}
		events += curve[i].events;
		censored += curve[i].censored;
		/* Under suppression a point whose drop stands for 1-4 events is merged
		 * into a later one: at_risk x (1 - S/S before) would give them back. */
		if (s->f->suppress && events > 0 && events < SMALL_CELL) {
			s->any_suppressed = true;
			continue;
		}
		shown[n_shown++] = curve[i];
		shown_all += events;
		if (curve[i].time <= DAYS_12M)
			shown_12m = shown_all;
		if (curve[i].time <= DAYS_24M)
			shown_24m = shown_all;
		json_array_append_new(list, json_pack("{s:i, s:f, s:f, s:f, s:i, s:o, s:o}", "day",
		                                      curve[i].time, "estimate", curve[i].estimate,
		                                      "ci_low", curve[i].ci_low, "ci_high",
		                                      curve[i].ci_high, "at_risk", curve[i].at_risk,
		                                      "events", point_count(s, events), "censored",
		                                      point_count(s, censored)));
		events = censored = 0;
	}
	s->unshown_12m = all_12m - shown_12m;
	s->unshown_24m = all_24m - shown_24m;
	json_t *out =
	    json_pack("{s:o, s:o, s:o}", "at_12_months",
	              survival_value(s, curve, points, shown, n_shown, DAYS_12M), "at_24_months",
	              survival_value(s, curve, points, shown, n_shown, DAYS_24M), "curve", list);
	free(curve);
	free(shown);
	free(sorted);
	return out;
}

static json_t *measure(struct stats *s, int kind)
{
	const struct measure_sum *m = &s->measures[kind];
	if (!m->n)
		return json_pack("{s:n, s:i}", "mean", "n", 0);
	return json_pack("{s:o, s:o}", "mean", figure(s, m->sum / (double)m->n, m->n), "n",
	                 count(s, m->n));
}

static json_t *retention(struct stats *s)
{
	json_t *out = json_object();
	for (int h = 0; h < 2; h++)
		json_object_set_new(out, h ? "at_12_months" : "at_6_months",
		                    figure(s,
		                           s->jim_eligible[h]
		                               ? (double)s->jim_kept[h] / (double)s->jim_eligible[h]
		                               : 0,
		                           s->jim_eligible[h]));
	json_object_set_new(out, "n", count(s, s->jim_eligible[0]));
	return out;
}

/* Mean share attended at T0 (the first period) and T9 (nearest to 9 months in). */
static json_t *attendance_change(struct stats *s)
{
	int64_t n = s->attendance.n;
	double m0 = n ? s->attendance.sum_t0 / (double)n : 0,
	       m9 = n ? s->attendance.sum_t9 / (double)n : 0;
	return json_pack("{s:o, s:o, s:o, s:o}", "mean_t0", figure(s, m0, n), "mean_t9",
	                 figure(s, m9, n), "change", figure(s, m9 - m0, n), "n", count(s, n));
}

static json_t *indicators(struct stats *s, json_t *training)
{
	int64_t closed = 0, dropout = 0, with_jim = 0, nominated = 0;
	int *nom_days = malloc((s->n ? s->n : 1) * sizeof(int));
	if (!nom_days)
		fatal("out of memory");
	for (size_t i = 0; i < s->n; i++) {
		struct youth_fact *y = &s->facts[i];
		closed += y->closed;
		dropout += y->closed && !y->planned;
		with_jim += y->had_jim;
		if (y->nominated)
			nom_days[nominated++] = y->days_to_nomination;
	}
	double median = outcome_median(nom_days, (size_t)nominated);
	free(nom_days);
	int64_t pros = json_integer_value(json_object_get(training, "professionals"));
	int64_t trained = json_integer_value(json_object_get(training, "trained"));
	return json_pack(
	    "{s:{s:o, s:o}, s:o, s:o, s:o, s:{s:o, s:o}, s:{s:o, s:o}, s:o, s:{s:f}, s:{s:f}, "
	    "s:o, s:{s:o, s:o}}",
	    "dropout", "share", share(s, dropout, closed), "closed", count(s, closed),
	    "satisfaction_youth", measure(s, MEASURE_SATISFACTION_YOUTH), "satisfaction_parents",
	    measure(s, MEASURE_SATISFACTION_PARENTS), "goal_realisation",
	    measure(s, MEASURE_GOAL_REALISATION), "with_jim", "share",
	    share(s, with_jim, (int64_t)s->n), "n", count(s, with_jim), "days_to_nomination",
	    "median", figure(s, median, nominated), "n", count(s, nominated), "jim_retention",
	    retention(s), "jim_hours", "total", (double)s->jim_minutes / 60.0, "jim_km", "total",
	    (double)s->jim_km_tenths / 10.0, "attendance_change", attendance_change(s), "training",
	    "share_trained", figure(s, pros ? (double)trained / pros : 0, pros), "professionals",
	    count(s, pros));
}

struct cost_assumptions {
	int64_t placement_year, home_year;
	double reference_rate;
};

static bool cost_assumptions(struct request *r, const struct stats_filter *f,
                             struct cost_assumptions *c)
{
	int64_t org = f->organisation_id;
	json_t *row = NULL;
	*c = (struct cost_assumptions){DEFAULT_PLACEMENT_YEAR_CENTS, DEFAULT_HOME_YEAR_CENTS,
	                               DEFAULT_REFERENCE_RATE};
	if (!org && f->team_id &&
	    store_row(r->conn, SQ_TEAM_ORGANISATION, STORE_ARGS(SA_INT(f->team_id)), &row) ==
	        STORE_OK) {
		org = json_integer_value(json_object_get(row, "organisation_id"));
		json_decref(row);
		row = NULL;
	}
	if (!org && r->caller.organisation_id && f->scope_user)
		org = r->caller.organisation_id;
	if (!org)
		return true;
	enum store_status st =
	    store_row(r->conn, SQ_COST_SETTINGS_GET, STORE_ARGS(SA_INT(org)), &row);
	if (st == STORE_OK) {
		c->placement_year =
		    json_integer_value(json_object_get(row, "placement_year_cents"));
		c->home_year = json_integer_value(json_object_get(row, "home_year_cents"));
		c->reference_rate =
		    json_number_value(json_object_get(row, "reference_placement_rate"));
	}
	json_decref(row);
	return st == STORE_OK || st == STORE_NOT_FOUND;
}

static json_t *costs(struct stats *s, const struct cost_assumptions *c)
{
	int64_t observed = 0, placement_days = 0;
	double *spend = malloc((s->n ? s->n : 1) * sizeof(double));
	if (!spend)
		fatal("out of memory");
	double placement_day = c->placement_year / DAYS_PER_YEAR,
	       home_day = c->home_year / DAYS_PER_YEAR;
	int64_t cohort = 0; /* at risk, with their first 24 months known */
	for (size_t i = 0; i < s->n; i++) {
		struct youth_fact *y = &s->facts[i];
		/* The reference rate is a rate within 24 months: compare only young
		 * people followed that long or placed before, or a cohort of a few
		 * weeks would count as half a placement averted each. */
		bool placed_24m = y->usable && y->placed && y->days <= DAYS_24M;
		bool known = placed_24m || (y->usable && y->days >= DAYS_24M);
		cohort += known;
		observed += placed_24m;
		placement_days += y->placement_days;
		int64_t follow = date_days_between(y->t.started, y->t.end);
		spend[i] = y->placement_days * placement_day +
		           (double)(follow > y->placement_days ? follow - y->placement_days : 0) *
		               home_day;
	}
	double expected = (double)cohort * c->reference_rate;
	double averted = expected > observed ? expected - (double)observed : 0;
	double top5 = outcome_top5_share(spend, s->n);
	free(spend);
	int64_t n = (int64_t)s->n;
	/* Averted = expected - observed: hidden with the observed count it would
	 * reveal. Observed is also hidden when it minus the placements the curve
	 * shows up to day 730 would give back 1-4 that the curve merged away. */
	bool hide = s->f->suppress &&
	            (observed < SMALL_CELL || (s->unshown_24m > 0 && s->unshown_24m < SMALL_CELL));
	if (hide)
		s->any_suppressed = true;
	json_t *money = hide ? json_null()
	                     : json_integer((json_int_t)llround(
	                           averted * (double)(c->placement_year - c->home_year)));
	return json_pack("{s:{s:I, s:I, s:f}, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "assumptions",
	                 "placement_year_cents", (json_int_t)c->placement_year, "home_year_cents",
	                 (json_int_t)c->home_year, "reference_placement_rate", c->reference_rate,
	                 "placement_years_observed", figure(s, placement_days / DAYS_PER_YEAR, n),
	                 "cohort_24_months", count(s, cohort), "placements_expected",
	                 figure(s, expected, cohort), "placements_observed",
	                 hide ? json_null() : count(s, observed), "placements_averted",
	                 hide ? json_null() : figure(s, averted, n), "money_not_spent_cents", money,
	                 "top5_share", figure(s, top5, n));
}

enum { QUARTER_MEASURES = 3 }; /* started, placements within 12 months, with a JIM */

/* The quarter with the smallest count still shown, or n when none is. */
static size_t smallest_shown(const int64_t *values, size_t n, const bool *hide)
{
	size_t smallest = n;
	for (size_t j = 0; j < n; j++)
		if (!hide[j] && (smallest == n || values[j] < values[smallest]))
			smallest = j;
	return smallest;
}

/*
 * Under suppression, one measure of the quarters: `hide` is set for each
 * quarter under 5, and when exactly one is hidden the smallest quarter shown
 * is hidden as well, since the total of the selection minus the quarters
 * shown would give the one hidden count back. With `sum_secret` the sum of
 * the quarters must not be known either (it would give back placements that
 * the survival curve merged away): then at least two are hidden.
 */
static void hide_quarters(const int64_t *values, size_t n, bool *hide, bool sum_secret)
{
	size_t hidden = 0;
	for (size_t j = 0; j < n; j++) {
		hide[j] = values[j] < SMALL_CELL;
		hidden += hide[j];
	}
	while (hidden == 1 || (hidden == 0 && sum_secret)) {
		size_t j = smallest_shown(values, n, hide);
		if (j == n)
			break;
		hide[j] = true;
		hidden++;
	}
}

static json_t *by_quarter(struct stats *s)
{
	json_t *out = json_array();
	size_t i = 0;
	/* facts are in id order; collect quarters in a small sorted table */
	struct q {
		int key;
		int64_t m[QUARTER_MEASURES];
		bool hide[QUARTER_MEASURES];
	} *qs = calloc(s->n ? s->n : 1, sizeof(*qs));
	size_t nq = 0;
	if (!qs)
		fatal("out of memory");
	for (i = 0; i < s->n; i++) {
		struct youth_fact *y = &s->facts[i];
		int key = y->t.started.year * 4 + (y->t.started.month - 1) / 3;
		size_t j = 0;
		while (j < nq && qs[j].key != key)
			j++;
		if (j == nq)
			qs[nq++].key = key;
		qs[j].m[0]++;
		qs[j].m[1] += y->usable && y->placed && y->days <= DAYS_12M;
		qs[j].m[2] += y->had_jim;
	}
	for (size_t a = 0; a < nq; a++)
		for (size_t b = a + 1; b < nq; b++)
			if (qs[b].key < qs[a].key) {
				struct q t = qs[a];
				qs[a] = qs[b];
				qs[b] = t;
			}
	for (int k = 0; s->f->suppress && k < QUARTER_MEASURES; k++) {
		int64_t *values = calloc(nq ? nq : 1, sizeof(*values));
		bool *hide = calloc(nq ? nq : 1, sizeof(*hide));
		if (!values || !hide)
			fatal("out of memory");
		for (size_t j = 0; j < nq; j++)
			values[j] = qs[j].m[k];
		/* measure 1: placements within 12 months (unshown_12m, placement_free) */
		hide_quarters(values, nq, hide,
		              k == 1 && s->unshown_12m > 0 && s->unshown_12m < SMALL_CELL);
		for (size_t j = 0; j < nq; j++)
			qs[j].hide[k] = hide[j];
		free(values);
		free(hide);
	}
	json_t *cell[QUARTER_MEASURES];
	for (size_t j = 0; j < nq; j++) {
		for (int k = 0; k < QUARTER_MEASURES; k++) {
			cell[k] = qs[j].hide[k] ? json_null() : json_integer(qs[j].m[k]);
			s->any_suppressed |= qs[j].hide[k];
		}
		json_array_append_new(out, json_pack("{s:s, s:o, s:o, s:o}", "quarter",
		                                     arena_printf(&s->r->arena, "%04d-Q%d",
		                                                  qs[j].key / 4, qs[j].key % 4 + 1),
		                                     "started", cell[0], "placements_12m", cell[1],
		                                     "with_jim", cell[2]));
	}
	free(qs);
	return out;
}

static json_t *selection(const struct stats_filter *f)
{
	json_t *o = json_object();
	if (f->team_id)
		json_object_set_new(o, "team_id", json_integer(f->team_id));
	if (f->organisation_id)
		json_object_set_new(o, "organisation_id", json_integer(f->organisation_id));
	if (f->municipality)
		json_object_set_new(o, "municipality", json_string(f->municipality));
	if (f->started_from)
		json_object_set_new(o, "started_from", json_string(f->started_from));
	if (f->started_to)
		json_object_set_new(o, "started_to", json_string(f->started_to));
	if (f->jim)
		json_object_set_new(o, "jim", json_string(f->jim));
	json_object_set_new(o, "network_is_home", json_boolean(f->network_is_home));
	return o;
}

json_t *stats_outcomes(struct request *r, const struct stats_filter *f)
{
	struct cost_assumptions c;
	struct stats s = {.r = r, .f = f, .today = date_today()};
	json_t *out = NULL;
	http_end_snapshot(r); /* the facts refresh writes, which a read snapshot refuses */
	if (!cost_assumptions(r, f, &c) || !collect_facts(&s, r->conn)) {
		http_store_error(r, STORE_ERROR);
		goto done;
	}
	if (f->suppress && s.n < SMALL_CELL) {
		out = json_pack("{s:o, s:n, s:b}", "selection", selection(f), "young_people",
		                "suppressed", 1);
		goto done;
	}
	json_t *training = NULL;
	if (store_row(r->conn, SQ_STATS_TRAINING, STORE_ARGS(FILTER_ARGS(f)), &training) !=
	    STORE_OK) {
		http_store_error(r, STORE_ERROR);
		goto done;
	}
	/* first: costs() and by_quarter() hide what the curve as shown would give back */
	json_t *survival = placement_free(&s);
	out =
	    json_pack("{s:o, s:i, s:o, s:o, s:o, s:o}", "selection", selection(f), "young_people",
	              (int)s.n, "placement_free", survival, "indicators", indicators(&s, training),
	              "costs", costs(&s, &c), "by_quarter", by_quarter(&s));
	json_object_set_new(out, "suppressed", json_boolean(s.any_suppressed));
	json_decref(training);
done:
	free(s.facts);
	free(s.obs);
	return out;
}

void api_stats_outcomes(struct request *r)
{
	struct stats_filter f;
	if (!stats_read_filter(r, &f))
		return;
	json_t *out = stats_outcomes(r, &f);
	if (out)
		http_reply(r, 200, out);
}

/* Writes every leaf of a JSON tree as a "section;measure;value" row. */
static void flatten(struct csv *c, const char *section, const char *path, json_t *v)
{
	char buf[64];
	if (json_is_object(v)) {
		const char *key;
		json_t *child;
		json_object_foreach(v, key, child)
		{
			char sub[256];
			snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "", key);
			flatten(c, section, sub, child);
		}
		return;
	}
	if (json_is_array(v)) {
		size_t i;
		json_t *child;
		json_array_foreach(v, i, child)
		{
			char sub[256];
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			flatten(c, section, sub, child);
		}
		return;
	}
	csv_text(c, section);
	csv_text(c, path);
	if (json_is_real(v)) {
		snprintf(buf, sizeof(buf), "%.6f", json_real_value(v));
		char *dot = strchr(buf, '.');
		if (dot)
			*dot = ',';
		csv_raw(c, buf);
	} else if (json_is_integer(v)) {
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
		csv_raw(c, buf);
	} else if (json_is_string(v)) {
		csv_text(c, json_string_value(v));
	} else if (json_is_boolean(v)) {
		csv_raw(c, json_is_true(v) ? "1" : "0");
	} else {
		csv_raw(c, "");
	}
	csv_end_row(c);
}

void api_stats_outcomes_csv(struct request *r)
{
	struct stats_filter f;
	struct csv c;
	const char *key;
	json_t *v;
	if (!stats_read_filter(r, &f))
		return;
	json_t *out = stats_outcomes(r, &f);
	if (!out)
		return;
	csv_init(&c);
	csv_text(&c, "section");
	csv_text(&c, "measure");
	csv_text(&c, "value");
	csv_end_row(&c);
	json_object_foreach(out, key, v) flatten(&c, key, "", v);
	json_decref(out);
	http_reply_raw(r, 200, "text/csv; charset=utf-8", "attachment; filename=\"uitkomsten.csv\"",
	               c.data, c.len);
}
