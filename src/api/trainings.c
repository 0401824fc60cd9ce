/* Training records of professionals, and the cost settings of an organisation (admin). */
#include <string.h>

#include "api/accounts.h"
#include "api/api.h"
#include "api/dossier.h"
#include "api/input.h"
#include "domain/person_rules.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define DEFAULT_PLACEMENT_YEAR_CENTS 9000000
#define DEFAULT_HOME_YEAR_CENTS      3000000
#define DEFAULT_REFERENCE_RATE       0.5
#define YEAR_CENTS_MAX               100000000000LL

#define TEXT_CHARS 200 /* characters: also the declared .max of its fields */

static const char *check_text(const char *s)
{
	return person_check_text(s, TEXT_CHARS);
}

void api_trainings_list(struct request *r)
{
	int64_t id;
	struct store_user u;
	json_t *rows = NULL;
	if (!api_path_account(r, &id, &u))
		return;
	if (store_rows(r->conn, SQ_TRAINING_LIST, STORE_ARGS(SA_INT(id)), &rows) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	http_reply(r, 200, json_pack("{s:o}", "items", rows));
}

const struct input_field api_training_body[] = {
    {.name = "course",
     .type = INPUT_STRING,
     .max = TEXT_CHARS,
     .required = true,
     .description = "at most 200 characters"},
    {.name = "trained_on", .type = INPUT_DATE, .description = "not in the future; absent: today"},
    {.name = "provider",
     .type = INPUT_STRING,
     .max = TEXT_CHARS,
     .required = true,
     .description = "at most 200 characters"},
    {0},
};

void api_trainings_create(struct request *r)
{
	int64_t id, tid;
	struct store_user u;
	struct date on;
	char at[25];
	/* the account first (the route is target_first): a young person's own
	   account is 404 whatever the body, as everywhere on the admin's screen */
	if (!api_path_account(r, &id, &u))
		return;
	if (strcmp(u.role, "professional") != 0 && strcmp(u.role, "teamlead") != 0) {
		http_validation_error(r, "user_id",
		                      "trainings are recorded for professionals and "
		                      "teamleads");
		return;
	}
	if (!input_check_body(r, api_training_body) || !input_need_body(r))
		return;
	const char *course = input_string(r, "course", true, check_text);
	if (!course || !dossier_input_past_date(r, "trained_on", &on))
		return;
	const char *provider = input_string(r, "provider", true, check_text);
	if (!provider)
		return;
	if (!http_begin_write(r))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_TRAINING_INSERT,
	              STORE_ARGS(SA_INT(id), SA_TEXT(course), SA_TEXT(dossier_date_text(r, on)),
	                         SA_TEXT(provider), SA_INT(r->caller.user_id), SA_TEXT(at)),
	              &tid, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	r->audit.object_id = api_id_text(r, id);
	http_reply(r, 201,
	           json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)tid, "course", course,
	                     "trained_on", dossier_date_text(r, on), "provider", provider));
}

void api_cost_settings_get(struct request *r)
{
	int64_t org;
	json_t *row = NULL;
	if (!input_path_organisation(r, &org))
		return;
	enum store_status s =
	    store_row(r->conn, SQ_COST_SETTINGS_GET, STORE_ARGS(SA_INT(org)), &row);
	if (s == STORE_NOT_FOUND) {
		http_reply(r, 200,
		           json_pack("{s:i, s:i, s:f}", "placement_year_cents",
		                     DEFAULT_PLACEMENT_YEAR_CENTS, "home_year_cents",
		                     DEFAULT_HOME_YEAR_CENTS, "reference_placement_rate",
		                     DEFAULT_REFERENCE_RATE));
		return;
	}
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, row);
}

const struct input_field api_cost_settings_body[] = {
    {.name = "placement_year_cents",
     .type = INPUT_INTEGER,
     .required = true,
     .min = 0,
     .max = YEAR_CENTS_MAX,
     .description = "the cost of a year in placement"},
    {.name = "home_year_cents",
     .type = INPUT_INTEGER,
     .required = true,
     .min = 0,
     .max = YEAR_CENTS_MAX,
     .description = "the cost of a year at home"},
    {.name = "reference_placement_rate",
     .type = INPUT_NUMBER,
     .required = true,
     .min = 0,
     .max = 1,
     .description =
         "the share of the young people at risk expected to be placed, for comparison: 0 to 1"},
    {0},
};

void api_cost_settings_put(struct request *r)
{
	int64_t org, placement, home;
	char at[25];
	if (!input_need_body(r) ||
	    !input_int_range(r, "placement_year_cents", true, 0, YEAR_CENTS_MAX, &placement) ||
	    !input_int_range(r, "home_year_cents", true, 0, YEAR_CENTS_MAX, &home))
		return;
	json_t *rate = json_object_get(r->input, "reference_placement_rate");
	if (!json_is_number(rate) || json_number_value(rate) < 0 || json_number_value(rate) > 1) {
		http_validation_error(r, "reference_placement_rate",
		                      "must be a number from 0 to 1");
		return;
	}
	if (!http_begin_write(r) || !input_path_organisation(r, &org))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_COST_SETTINGS_PUT,
	              STORE_ARGS(SA_INT(org), SA_INT(placement), SA_INT(home),
	                         SA_REAL(json_number_value(rate)), SA_TEXT(at)),
	              NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	api_cost_settings_get(r);
}
