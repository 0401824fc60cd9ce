/* GET/PUT /api/v1/organisations/{id}/settings: the thresholds and the km rate of an organisation.
 */
#include "api/api.h"
#include "api/input.h"
#include "api/jim_support.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

/* The body of PUT, and the order the handler stores the values in. */
const struct input_field api_settings_body[] = {
    {.name = "km_rate_cents", .type = INPUT_INTEGER, .required = true, .min = 0, .max = 100},
    {.name = "checkin_interval_days",
     .type = INPUT_INTEGER,
     .required = true,
     .min = 1,
     .max = 365},
    {.name = "checkin_grace_days", .type = INPUT_INTEGER, .required = true, .min = 0, .max = 365},
    {.name = "load_hours_per_week", .type = INPUT_INTEGER, .required = true, .min = 1, .max = 168},
    {.name = "load_weeks_high",
     .type = INPUT_INTEGER,
     .required = true,
     .min = 1,
     .max = 52,
     .description = "not more than load_weeks_window"},
    {.name = "load_weeks_window", .type = INPUT_INTEGER, .required = true, .min = 1, .max = 52},
    {.name = "inactive_days", .type = INPUT_INTEGER, .required = true, .min = 1, .max = 365},
    {0},
};
#define SETTING_COUNT (sizeof(api_settings_body) / sizeof(api_settings_body[0]) - 1)

static json_t *defaults(void)
{
	struct alert_settings d = alert_settings_default();
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "km_rate_cents",
	                 KM_RATE_DEFAULT_CENTS, "checkin_interval_days", d.checkin_interval_days,
	                 "checkin_grace_days", d.checkin_grace_days, "load_hours_per_week",
	                 d.load_hours_per_week, "load_weeks_high", d.load_weeks_high,
	                 "load_weeks_window", d.load_weeks_window, "inactive_days",
	                 d.inactive_days);
}

/* The organisation in the path must exist (404). */
void api_settings_get(struct request *r)
{
	int64_t org;
	json_t *row = NULL;
	if (!input_path_organisation(r, &org))
		return;
	enum store_status s = store_row(r->conn, SQ_SETTINGS_GET, STORE_ARGS(SA_INT(org)), &row);
	if (s == STORE_NOT_FOUND) {
		http_reply(r, 200, defaults());
		return;
	}
	if (s != STORE_OK) {
		http_store_error(r, s);
		return;
	}
	http_reply(r, 200, row);
}

void api_settings_put(struct request *r)
{
	int64_t org, v[SETTING_COUNT];
	char at[25];
	if (!input_need_body(r))
		return;
	for (size_t i = 0; i < SETTING_COUNT; i++) {
		const struct input_field *f = &api_settings_body[i];
		if (!input_int_range(r, f->name, true, f->min, f->max, &v[i]))
			return;
	}
	if (v[4] > v[5]) {
		http_validation_error(r, "load_weeks_high", "must not exceed load_weeks_window");
		return;
	}
	if (!http_begin_write(r) || !input_path_organisation(r, &org))
		return;
	clock_format_iso_ms(clock_now_ms(), at);
	if (store_run(r->conn, SQ_SETTINGS_PUT,
	              STORE_ARGS(SA_INT(org), SA_INT(v[0]), SA_INT(v[1]), SA_INT(v[2]),
	                         SA_INT(v[3]), SA_INT(v[4]), SA_INT(v[5]), SA_INT(v[6]),
	                         SA_TEXT(at)),
	              NULL, NULL) != STORE_OK) {
		http_store_error(r, STORE_ERROR);
		return;
	}
	api_settings_get(r);
}
