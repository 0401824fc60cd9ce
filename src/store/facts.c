#include "store/facts.h"

#include <stdlib.h>
#include <string.h>

#include "domain/youth_facts.h"
#include "store/store_query.h"
#include "util/text.h"

/* One row of a history of the claimed young people, ordered by young person. */
struct history_row {
	int64_t youth;
	struct date on;
	char code;         /* living: facts_living_code() */
	int share;         /* attendance: share of days attended */
	bool ended_early;  /* jims */
	struct date ended; /* jims, when ended_early */
};

struct history {
	struct history_row *rows;
	size_t n, cap;
	size_t next; /* the merge position */
};

static struct history_row *history_add(struct history *h)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 1024;
		struct history_row *rows = realloc(h->rows, cap * sizeof(*rows));
		if (!rows)
			fatal("out of memory");
		h->rows = rows;
		h->cap = cap;
	}
	struct history_row *row = &h->rows[h->n];
	memset(row, 0, sizeof(*row));
	return row;
}

/* SQ_FACTS_LIVING: youth_id, value, effective_on. */
static bool living_visit(const struct store_value *v, size_t ncols, void *ctx)
{
	struct history *h = ctx;
	(void)ncols;
	struct history_row *row = history_add(h);
	if (!store_value_date(&v[2], &row->on))
		return true;
	row->youth = v[0].i;
	row->code = facts_living_code(v[1].type == STORE_ARG_TEXT ? v[1].s : NULL);
	h->n++;
	return true;
}

/* SQ_FACTS_JIMS: youth_id, started_on, ended_on, end_reason. */
static bool jims_visit(const struct store_value *v, size_t ncols, void *ctx)
{
	struct history *h = ctx;
	(void)ncols;
	struct history_row *row = history_add(h);
	if (!store_value_date(&v[1], &row->on))
		return true;
	row->youth = v[0].i;
	row->ended_early = store_value_date(&v[2], &row->ended) &&
	                   facts_jim_reason_is_early(v[3].type == STORE_ARG_TEXT ? v[3].s : NULL);
	h->n++;
	return true;
}

/* SQ_FACTS_ATTENDANCE: youth_id, period_from, share_attended. */
static bool attendance_visit(const struct store_value *v, size_t ncols, void *ctx)
{
	struct history *h = ctx;
	(void)ncols;
	struct history_row *row = history_add(h);
	if (!store_value_date(&v[1], &row->on) || v[2].type != STORE_ARG_INT)
		return true;
	row->youth = v[0].i;
	row->share = (int)v[2].i;
	h->n++;
	return true;
}

/* The rows of `youth` in h (ordered by young person), advancing the merge. */
static struct history_row *history_of(struct history *h, int64_t youth, size_t *count)
{
	while (h->next < h->n && h->rows[h->next].youth < youth)
		h->next++;
	size_t first = h->next;
	while (h->next < h->n && h->rows[h->next].youth == youth)
		h->next++;
	*count = h->next - first;
	return *count ? h->rows + first : NULL;
}

/* A claimed young person as SQ_FACTS_YOUTHS gives them, copied out of the row. */
struct youth_row {
	int64_t id, team_id, jims, minutes, km_tenths;
	char *municipality, *end_reason;
	char started[11], closed[11], first_nomination[11];
	struct store_value scores[3]; /* REAL or NULL */
};

struct youth_rows {
	struct youth_row *rows;
	size_t n, cap;
};

/* Copies a date column into out ("" when NULL or not a date). */
static void copy_date(const struct store_value *v, char out[11])
{
	struct date d;
	out[0] = '\0';
	if (store_value_date(v, &d))
		date_format(d, out);
}

static char *copy_text(const struct store_value *v)
{
	if (v->type != STORE_ARG_TEXT)
		return NULL;
	char *s = strdup(v->s);
	if (!s)
		fatal("out of memory");
	return s;
}

static struct store_value score_of(const struct store_value *v)
{
	if (v->type == STORE_ARG_INT)
		return (struct store_value){.type = STORE_ARG_REAL, .d = (double)v->i};
	if (v->type == STORE_ARG_REAL)
		return *v;
	return (struct store_value){.type = STORE_ARG_NULL};
}

/* SQ_FACTS_YOUTHS: id, team_id, municipality, started_on, closed_on, end_reason,
 * first_nomination, jims, three latest scores, jim_minutes, jim_km_tenths. */
static bool youth_visit(const struct store_value *v, size_t ncols, void *ctx)
{
	struct youth_rows *y = ctx;
	(void)ncols;
	if (y->n == y->cap) {
		size_t cap = y->cap ? 2 * y->cap : 1024;
		struct youth_row *rows = realloc(y->rows, cap * sizeof(*rows));
		if (!rows)
			fatal("out of memory");
		y->rows = rows;
		y->cap = cap;
	}
	struct youth_row *row = &y->rows[y->n++];
	*row = (struct youth_row){.id = v[0].i,
	                          .team_id = v[1].i,
	                          .jims = v[7].i,
	                          .minutes = v[11].i,
	                          .km_tenths = v[12].i};
	row->municipality = copy_text(&v[2]);
	row->end_reason = copy_text(&v[5]);
	copy_date(&v[3], row->started);
	copy_date(&v[4], row->closed);
	copy_date(&v[6], row->first_nomination);
	for (int k = 0; k < 3; k++)
		row->scores[k] = score_of(&v[8 + k]);
	return true;
}

static void youth_rows_free(struct youth_rows *y)
{
	for (size_t i = 0; i < y->n; i++) {
		free(y->rows[i].municipality);
		free(y->rows[i].end_reason);
	}
	free(y->rows);
}

struct claimed {
	struct history living, jims, attendance;
	struct youth_rows youths;
};

static struct store_arg date_arg(const char *text)
{
	return SA_TEXT(*text ? text : NULL);
}

static struct store_arg score_arg(const struct store_value *v)
{
	return v->type == STORE_ARG_REAL
	           ? SA_REAL(v->d)
	           : (struct store_arg){.type = STORE_ARG_NULL, .null_as = STORE_ARG_REAL};
}

/* Writes the facts row of one claimed young person. */
static enum store_status put_youth(struct store_conn *c, struct claimed *cl,
                                   const struct youth_row *y)
{
	char living[FACTS_LIVING_SIZE] = "", jims[FACTS_JIMS_SIZE] = "";
	struct facts_attendance att = {0};
	struct date started;
	size_t n;
	bool has_start = date_parse(y->started, &started);
	struct history_row *h = history_of(&cl->living, y->id, &n);
	for (size_t i = 0; i < n && facts_living_append(living, h[i].on, h[i].code); i++)
		;
	h = history_of(&cl->jims, y->id, &n);
	for (size_t i = 0; i < n; i++) {
		struct facts_jim jim = {h[i].on, h[i].ended_early, h[i].ended};
		if (!facts_jim_append(jims, &jim))
			break;
	}
	h = history_of(&cl->attendance, y->id, &n);
	if (has_start) {
		facts_attendance_start(&att, started);
		for (size_t i = 0; i < n; i++)
			facts_attendance_add(&att, h[i].on, h[i].share);
	}
	return store_run(
	    c, SQ_FACTS_PUT,
	    STORE_ARGS(SA_INT(y->id), SA_INT(y->team_id),
	               SA_TEXT(y->municipality ? y->municipality : ""), SA_TEXT(y->started),
	               date_arg(y->closed), SA_TEXT(y->end_reason), date_arg(y->first_nomination),
	               SA_BOOL(y->jims > 0), SA_TEXT(living), SA_TEXT(jims),
	               score_arg(&y->scores[0]), score_arg(&y->scores[1]), score_arg(&y->scores[2]),
	               SA_INT(y->minutes), SA_INT(y->km_tenths),
	               att.periods ? SA_INT(att.t0) : store_arg_id(0),
	               att.has_t9 ? SA_INT(att.t9) : store_arg_id(0)),
	    NULL, NULL);
}

/* Claims the marks, recomputes the claimed young people and removes the marks. */
static enum store_status refresh_claimed(struct store_conn *c)
{
	struct claimed cl = {0};
	enum store_status st = store_run(c, SQ_FACTS_CLAIM, NULL, 0, NULL, NULL);
	if (st == STORE_OK)
		st = store_each(c, SQ_FACTS_LIVING, NULL, 0, living_visit, &cl.living);
	if (st == STORE_OK)
		st = store_each(c, SQ_FACTS_JIMS, NULL, 0, jims_visit, &cl.jims);
	if (st == STORE_OK)
		st = store_each(c, SQ_FACTS_ATTENDANCE, NULL, 0, attendance_visit, &cl.attendance);
	if (st == STORE_OK)
		st = store_each(c, SQ_FACTS_YOUTHS, NULL, 0, youth_visit, &cl.youths);
	for (size_t i = 0; st == STORE_OK && i < cl.youths.n; i++)
		st = put_youth(c, &cl, &cl.youths.rows[i]);
	if (st == STORE_OK)
		st = store_run(c, SQ_FACTS_DROP_GONE, NULL, 0, NULL, NULL);
	if (st == STORE_OK)
		st = store_run(c, SQ_FACTS_UNCLAIM, NULL, 0, NULL, NULL);
	free(cl.living.rows);
	free(cl.jims.rows);
	free(cl.attendance.rows);
	youth_rows_free(&cl.youths);
	return st;
}

enum store_status store_facts_refresh(struct store_conn *c)
{
	json_t *row = NULL;
	enum store_status st = store_row(c, SQ_FACTS_PENDING, NULL, 0, &row);
	bool pending = st == STORE_OK && json_integer_value(json_object_get(row, "pending")) > 0;
	json_decref(row);
	if (st != STORE_OK || !pending)
		return st;
	bool own = !store_in_transaction(c);
	if (own && (st = store_begin(c, true)) != STORE_OK)
		return st;
	st = refresh_claimed(c);
	if (!own)
		return st;
	if (st != STORE_OK) {
		store_rollback(c);
		return st;
	}
	return store_commit(c);
}
