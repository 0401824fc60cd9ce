/* GET /api/v1/exports/research.csv: one pseudonymised row per trajectory for researchers. */
#include <string.h>

#include "api/api.h"
#include "api/csv.h"
#include "api/stats.h"
#include "domain/pseudonym.h"
#include "store/store_query.h"
#include "util/text.h"

#define SMALL_MUNICIPALITY 5
/* Follow-up in whole units of 30 days (rounded down): exact days, counted to
 * the export's day, would give each open trajectory's start date back. */
#define FOLLOWUP_UNIT_DAYS 30

static const char *const score_columns[][2] = {
    {"satisfaction_youth", "T0"},   {"satisfaction_youth", "T9"}, {"satisfaction_parents", "T0"},
    {"satisfaction_parents", "T9"}, {"goal_realisation", "T9"},   {"goal_realisation", "T15"},
};
#define SCORE_COLUMNS (sizeof(score_columns) / sizeof(score_columns[0]))

/* Young people per municipality (a new object: name -> count). */
static json_t *municipality_counts(json_t *rows)
{
	json_t *counts = json_object(), *row;
	size_t i;
	json_array_foreach(rows, i, row)
	{
		const char *m = json_string_value(json_object_get(row, "municipality"));
		json_int_t n = json_integer_value(json_object_get(counts, m));
		json_object_set_new(counts, m, json_integer(n + 1));
	}
	return counts;
}

static void write_number(struct csv *c, double v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%g", v);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
	csv_raw(c, buf);
}

/* The measurement columns of one young person (rows ordered by youth). */
static void write_scores(struct csv *c, json_t *scores, size_t *k, json_int_t youth)
{
	double values[SCORE_COLUMNS];
	bool has[SCORE_COLUMNS] = {false};
	size_t len = json_array_size(scores);
	while (*k < len &&
	       json_integer_value(json_object_get(json_array_get(scores, *k), "youth_id")) < youth)
		(*k)++;
	for (; *k < len; (*k)++) {
		json_t *m = json_array_get(scores, *k);
		if (json_integer_value(json_object_get(m, "youth_id")) != youth)
			break;
		for (size_t j = 0; j < SCORE_COLUMNS; j++)
			if (!strcmp(json_string_value(json_object_get(m, "kind")),
			            score_columns[j][0]) &&
			    !strcmp(json_string_value(json_object_get(m, "moment")),
			            score_columns[j][1])) {
				values[j] = json_number_value(json_object_get(m, "score"));
				has[j] = true;
			}
	}
	for (size_t j = 0; j < SCORE_COLUMNS; j++) {
		if (has[j])
			write_number(c, values[j]);
		else
			csv_raw(c, "");
	}
}

static void write_row(struct request *r, struct csv *c, json_t *row, json_t *counts, json_t *scores,
                      size_t *k, json_t *living, size_t *lk)
{
	char pseudo[PSEUDONYM_HEX], team[PSEUDONYM_HEX], buf[32];
	struct trajectory t;
	bool at_risk, placed = false;
	int days = 0;
	json_int_t id = json_integer_value(json_object_get(row, "id"));
	const unsigned char *key = r->srv->research_key;
	pseudonym_make(key, "youth", id, pseudo);
	pseudonym_make(key, "team", json_integer_value(json_object_get(row, "team_id")), team);
	int placement_days;
	stats_trajectory(row, living, lk, false, date_today(), &t, &at_risk, &placement_days);
	outcome_follow_up(&t, &days, &placed);
	const char *m = json_string_value(json_object_get(row, "municipality"));
	const char *birth = json_string_value(json_object_get(row, "birth_date"));
	csv_raw(c, pseudo);
	snprintf(buf, sizeof(buf), "%.4s", birth ? birth : "");
	csv_raw(c, buf);
	csv_text(c, json_integer_value(json_object_get(counts, m)) < SMALL_MUNICIPALITY ? "overig"
	                                                                                : m);
	csv_raw(c, team);
	csv_raw(c, json_is_true(json_object_get(row, "had_jim")) ? "1" : "0");
	struct date nom;
	const char *first = json_string_value(json_object_get(row, "first_nomination"));
	if (first && date_parse(first, &nom)) {
		snprintf(buf, sizeof(buf), "%lld", (long long)date_days_between(t.started, nom));
		csv_raw(c, buf);
	} else {
		csv_raw(c, "");
	}
	if (!at_risk) { /* placed at the start: a placement on day 0, not a success */
		placed = true;
		days = 0;
	}
	snprintf(buf, sizeof(buf), "%d", days / FOLLOWUP_UNIT_DAYS * FOLLOWUP_UNIT_DAYS);
	csv_raw(c, buf);
	csv_raw(c, placed ? "1" : "0");
	const char *reason = json_string_value(json_object_get(row, "end_reason"));
	csv_raw(c, json_is_null(json_object_get(row, "closed_on")) ? ""
	           : reason && !strcmp(reason, "planned")          ? "0"
	                                                           : "1");
	write_scores(c, scores, k, id);
	csv_end_row(c);
}

void api_research_export(struct request *r)
{
	static const char *const header[] = {"pseudonym",
	                                     "birth_year",
	                                     "municipality",
	                                     "team",
	                                     "has_jim",
	                                     "days_to_nomination",
	                                     "followup_days",
	                                     "placement",
	                                     "dropout",
	                                     "satisfaction_youth_T0",
	                                     "satisfaction_youth_T9",
	                                     "satisfaction_parents_T0",
	                                     "satisfaction_parents_T9",
	                                     "goal_realisation_T9",
	                                     "goal_realisation_T15"};
	struct stats_filter f = {.suppress = true};
	json_t *rows = NULL, *scores = NULL, *living = NULL, *row;
	struct csv c;
	size_t i, k = 0, lk = 0;
	if (!r->srv->has_research_key) {
		http_error(r, 503, "research_key_missing",
		           "the server has no research key (--research-key FILE)", NULL);
		return;
	}
	if (stats_youth_rows(r, &f, &rows) != STORE_OK ||
	    stats_living_rows(r, &f, &living) != STORE_OK ||
	    store_rows(r->conn, SQ_EXPORT_MEASUREMENTS,
	               STORE_ARGS(SA_ID(0), SA_ID(0), SA_ID(0), SA_TEXT(NULL), SA_TEXT(NULL),
	                          SA_TEXT(NULL), SA_TEXT(NULL)),
	               &scores) != STORE_OK) {
		json_decref(rows);
		json_decref(living);
		http_store_error(r, STORE_ERROR);
		return;
	}
	csv_init(&c);
	for (size_t h = 0; h < sizeof(header) / sizeof(header[0]); h++)
		csv_raw(&c, header[h]);
	csv_end_row(&c);
	json_t *counts = municipality_counts(rows);
	json_array_foreach(rows, i, row) write_row(r, &c, row, counts, scores, &k, living, &lk);
	json_decref(counts);
	r->audit.reason =
	    arena_printf(&r->arena, "research export of %zu trajectories", json_array_size(rows));
	json_decref(rows);
	json_decref(scores);
	json_decref(living);
	http_reply_raw(r, 200, "text/csv; charset=utf-8",
	               "attachment; filename=\"kring-onderzoek.csv\"", c.data, c.len);
}
