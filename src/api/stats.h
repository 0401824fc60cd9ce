#ifndef KRING_STATS_H
#define KRING_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/outcomes.h"
#include "http/http.h"

/* The selection of young people behind the figures (docs/api-outcomes.md). */
struct stats_filter {
	int64_t scope_user; /* limit to this user's teams; 0: everyone */
	int64_t team_id, organisation_id;
	const char *municipality, *started_from, *started_to, *jim;
	bool network_is_home;
	bool suppress; /* small cells hidden (researcher, admin) */
};

/* Reads the query filters; answers 422 and returns false when one is wrong. */
bool stats_read_filter(struct request *r, struct stats_filter *f);

/* One row per young person of the selection (SQ_STATS_YOUTHS). */
enum store_status stats_youth_rows(struct request *r, const struct stats_filter *f, json_t **rows);

/* The living-situation history of the selection, ordered by young person (SQ_STATS_LIVING). */
enum store_status stats_living_rows(struct request *r, const struct stats_filter *f, json_t **rows);

/*
 * The trajectory of a SQ_STATS_YOUTHS row, with its living-situation facts
 * from `living` (rows ordered by young person; *k is the cursor, advanced
 * past this young person). *at_risk is false when placed at the start.
 */
bool stats_trajectory(json_t *row, json_t *living, size_t *k, bool network_is_home,
                      struct date today, struct trajectory *t, bool *at_risk, int *placement_days);

/* The whole outcomes answer (new reference); NULL answered. */
json_t *stats_outcomes(struct request *r, const struct stats_filter *f);

#endif
