/*
 * kring demo: fills a database with synthetic, believable data — never real
 * people. Deterministic for a seed (on a given day: dates are relative to
 * today). Placement-free survival is drawn from a piecewise-constant hazard
 * so that about 90% are placement-free after a year and 60% after two, as
 * in the published JIM studies.
 */
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "auth/password.h"
#include "cli/commands.h"
#include "cli/demo.h"
#include "cli/options.h"
#include "domain/dates.h"
#include "domain/history_cause.h"
#include "domain/name_order.h"
#include "store/facts.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

static const char demo_help[] =
    "usage: kring demo --db PATH --youths N [--seed S]\n"
    "\n"
    "Fills the database with synthetic organisations, teams, users, young people,\n"
    "JIMs (with hours and check-ins) and outcomes, for trying kring out and for\n"
    "benchmarks. The same seed gives the same data (on the same day: dates are\n"
    "relative to today). Also creates the demo accounts of 'kring serve --demo'\n"
    "(password " DEMO_PASSWORD "), and one complete dossier for the demo 'youth'\n"
    "and 'jim' (Noor de Jong: plan, meetings, notes, consents, hours).\n"
    "\n"
    "  --youths N   how many young people (1 to 1000000)\n"
    "  --seed S     random seed (default 1)\n";

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1DULL;
}

static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

static int rng_int(struct rng *r, int lo, int hi)
{
	return lo + (int)(rng_unit(r) * (hi - lo + 1));
}

static const char *pick(struct rng *r, const char *const *list, size_t n)
{
	return list[rng_next(r) % n];
}
#define PICK(r, list) pick(r, list, sizeof(list) / sizeof(list[0]))

static const char *const given_names[] = {
    "Zoë",   "Daan",  "Sem",  "Lieke",  "Noah",  "Fleur", "Mohammed", "Yasmina", "Jesse",
    "Bo",    "Anouk", "Luuk", "Milan",  "Sara",  "Emma",  "Lucas",    "Julia",   "Finn",
    "Nina",  "Ayoub", "Ilse", "Thijs",  "Mila",  "Senna", "Rayan",    "Jade",    "Çiğdem",
    "Siham", "Stijn", "Roos", "Mees",   "Lotte", "Ilias", "Amira",    "Teun",    "Evi",
    "Kofi",  "Ama",   "Dewi", "Wesley", "Romy",  "Bram",  "Hatice",   "Jayden",  "Sanne",
    "Tygo",  "Noor",  "Ravi", "Priya",  "Mirte"};
static const char *const family_prefixes[] = {"",   "",        "",        "",    "van",
                                              "de", "van der", "van den", "ter", "'t"};
static const char *const family_stems[] = {
    "Vries",     "Jong",   "Berg",  "Dijk",   "Bakker",   "Visser", "Smit",    "Meijer",
    "Mulder",    "Bos",    "Vos",   "Peters", "Hendriks", "Dekker", "Brouwer", "Öztürk",
    "El Amrani", "Yılmaz", "Kaya",  "Jansen", "Haan",     "Wal",    "Veen",    "Hoek",
    "Kramer",    "Koster", "Prins", "Boer",   "Laan",     "Vliet",  "Ramdin",  "Mensah"};
static const char *const municipalities[] = {"Utrecht",     "Amersfoort", "Zeist",     "Nieuwegein",
                                             "Houten",      "Veenendaal", "Ede",       "Arnhem",
                                             "Nijmegen",    "Tiel",       "Culemborg", "Wageningen",
                                             "IJsselstein", "Woerden",    "Soest",     "Barneveld"};
static const char *const jim_relations[] = {
    "oom",          "tante", "buurvrouw", "buurman", "oudere zus",
    "oudere broer", "opa",   "oma",       "trainer", "vriend van de familie"};

struct demo {
	struct store_conn *c;
	struct arena *a;
	struct rng rng;
	struct date today;
	const char *hash;
	int64_t teams[12];
	int team_count;
	int64_t next_jim_user;
	const char *now; /* created_at of every row */
};

static const char *date_text(struct demo *d, struct date x)
{
	char buf[11];
	date_format(x, buf);
	return arena_strdup(d->a, buf);
}

static bool run(struct demo *d, enum store_query q, const struct store_arg *args, size_t n,
                int64_t *id)
{
	return store_run(d->c, q, args, n, id, NULL) == STORE_OK;
}
#define RUN(d, q, id, ...) run(d, q, STORE_ARGS(__VA_ARGS__), id)

static const char *family_name(struct demo *d)
{
	const char *prefix = PICK(&d->rng, family_prefixes);
	const char *stem = PICK(&d->rng, family_stems);
	if (rng_unit(&d->rng) < 0.08)
		return arena_printf(d->a, "%s%s%s-%s", prefix, *prefix ? " " : "", stem,
		                    PICK(&d->rng, family_stems));
	return arena_printf(d->a, "%s%s%s", prefix, *prefix ? " " : "", stem);
}

/* Organisations, teams and professionals beyond the demo ones. */
static bool make_structure(struct demo *d)
{
	static const char *const orgs[] = {"Jeugdteam Zuid", "Stichting Rivierenland"};
	static const char *const team_names[] = {"Team Oost", "Team West", "Team Centrum"};
	json_t *teams = NULL;
	if (store_team_list(d->c, &teams) != STORE_OK)
		return false;
	d->teams[d->team_count++] =
	    json_integer_value(json_object_get(json_array_get(teams, 0), "id"));
	json_decref(teams);
	for (size_t o = 0; o < 2; o++) {
		int64_t org, team, user;
		if (store_org_create(d->c, orgs[o], &org) != STORE_OK)
			return false;
		for (size_t t = 0; t < 3; t++) {
			if (store_team_create(d->c, org, team_names[t], &team) != STORE_OK)
				return false;
			d->teams[d->team_count++] = team;
			for (int p = 0; p < 3; p++) {
				struct store_user u = {
				    .username =
				        arena_printf(d->a, "pro.%lld.%d", (long long)team, p),
				    .display_name = arena_printf(
				        d->a, "%s %s", PICK(&d->rng, given_names), family_name(d)),
				    .role = p == 0 ? "teamlead" : "professional",
				    .organisation_id = org,
				    .status = "active",
				    .password_hash = d->hash};
				if (store_user_create(d->c, &u, &user) != STORE_OK ||
				    store_team_add_member(d->c, team, user) != STORE_OK)
					return false;
				if (rng_unit(&d->rng) < 0.6 &&
				    !RUN(d, SQ_TRAINING_INSERT, NULL, SA_INT(user),
				         SA_TEXT("JIM-aanpak basistraining"),
				         SA_TEXT(date_text(
				             d,
				             date_add_days(d->today, -rng_int(&d->rng, 30, 700)))),
				         SA_TEXT("JIM-academie"), SA_ID(0), SA_TEXT(d->now)))
					return false;
			}
		}
	}
	return true;
}

/* Days to the first placement: hazard for year 1 gives S(365) = 0.9, year 2 S(730) = 0.6. */
static int placement_day(struct demo *d, double factor)
{
	double h1 = -log(0.9) / 365.0 * factor, h2 = -log(0.6 / 0.9) / 365.0 * factor;
	double e = -log(1.0 - rng_unit(&d->rng));
	if (e < h1 * 365)
		return (int)(e / h1);
	e -= h1 * 365;
	return 365 + (int)(e / h2);
}

struct youth_plan {
	int64_t id, team;
	struct date birth, started, end;
	bool closed, jim;
	int nominated_after;
};

static bool add_jim(struct demo *d, struct youth_plan *y)
{
	int64_t nom, user, jim;
	struct date on = date_add_days(y->started, y->nominated_after);
	const char *name = arena_printf(d->a, "%s %s", PICK(&d->rng, given_names), family_name(d));
	/* the JIM keeps the relation they were nominated with, as an activation does */
	const char *relation = PICK(&d->rng, jim_relations);
	if (!RUN(d, SQ_NOMINATION_INSERT, &nom, SA_INT(y->id), SA_TEXT(name), SA_TEXT(relation),
	         SA_TEXT(NULL), SA_TEXT(NULL), SA_TEXT(date_text(d, on)), SA_ID(0),
	         SA_TEXT(d->now)) ||
	    !RUN(d, SQ_ASSESSMENT_INSERT, NULL, SA_INT(nom), SA_INT(0), SA_INT(1), SA_INT(1),
	         SA_INT(1), SA_INT(1), SA_TEXT(NULL), SA_TEXT("approve"), SA_ID(0),
	         SA_TEXT(d->now)) ||
	    !RUN(d, SQ_NOMINATION_SET_STATUS, NULL, SA_INT(nom), SA_TEXT("active")))
		return false;
	struct store_user u = {.username = arena_printf(d->a, "jim.%lld", (long long)y->id),
	                       .display_name = name,
	                       .role = "jim",
	                       .status = "active",
	                       .password_hash = d->hash};
	struct date start = date_add_days(on, rng_int(&d->rng, 3, 14));
	if (date_compare(start, d->today) > 0)
		start = d->today;
	if (store_user_create(d->c, &u, &user) != STORE_OK ||
	    !RUN(d, SQ_JIM_INSERT, &jim, SA_INT(y->id), SA_INT(nom), SA_INT(user), SA_TEXT(name),
	         SA_TEXT(relation), SA_TEXT(date_text(d, start)), SA_TEXT(d->now)))
		return false;
	/* Recent JIMs have logged hours and check-ins, so the JIM screens and alerts show. */
	if (date_days_between(start, d->today) < 120 && !y->closed) {
		int n = rng_int(&d->rng, 2, 8);
		for (int i = 0; i < n; i++) {
			int back = rng_int(&d->rng, 0, 60);
			struct date when = date_add_days(d->today, -back);
			if (date_compare(when, start) < 0)
				continue;
			/* The first falls in this month (on its first day: today), so
			 * that "this month" has hours whichever day the demo is made.
			 * Only its date moves (never before `start`): the random draws
			 * stay those of every day, and so does the rest of the demo. */
			if (i == 0)
				when = date_add_days(d->today, -(back % d->today.day));
			if (!RUN(d, SQ_ACTIVITY_INSERT, NULL, SA_INT(jim),
			         SA_TEXT(date_text(d, when)), SA_INT(rng_int(&d->rng, 30, 240)),
			         SA_INT(rng_int(&d->rng, 0, 600)),
			         SA_TEXT(rng_unit(&d->rng) < 0.5 ? "contact" : "travel"),
			         SA_TEXT(NULL), SA_INT(user),
			         SA_TEXT(
			             arena_printf(d->a, "%sT12:00:00.000Z", date_text(d, when)))))
				return false;
		}
		if (!RUN(d, SQ_CHECKIN_INSERT, NULL, SA_INT(jim),
		         SA_TEXT(date_text(d, date_add_days(d->today, -rng_int(&d->rng, 0, 20)))),
		         SA_INT(rng_int(&d->rng, 2, 5)), SA_INT(rng_int(&d->rng, 1, 4)),
		         SA_TEXT(rng_unit(&d->rng) < 0.9 ? "yes" : "doubt"), SA_TEXT(NULL),
		         SA_TEXT(d->now)))
			return false;
	}
	return true;
}

static bool add_outcomes(struct demo *d, struct youth_plan *y)
{
	int64_t followed = date_days_between(y->started, y->end);
	if (rng_unit(&d->rng) < 0.7 &&
	    (!RUN(d, SQ_MEASUREMENT_INSERT, NULL, SA_INT(y->id), SA_TEXT("T0"),
	          SA_TEXT(date_text(d, y->started)), SA_TEXT("satisfaction_youth"),
	          SA_REAL(rng_int(&d->rng, 4, 9)), SA_TEXT(NULL), SA_NULL, SA_NULL, SA_ID(0),
	          SA_TEXT(d->now)) ||
	     !RUN(d, SQ_ATTENDANCE_INSERT, NULL, SA_INT(y->id), SA_TEXT(date_text(d, y->started)),
	          SA_TEXT(date_text(d, date_add_days(y->started, 28))),
	          SA_INT(rng_int(&d->rng, 40, 95)), SA_INT(rng_int(&d->rng, 0, 8)), SA_ID(0),
	          SA_TEXT(d->now))))
		return false;
	if (followed > 280 && rng_unit(&d->rng) < 0.6) {
		struct date t9 = date_add_months(y->started, 9);
		if (!RUN(d, SQ_MEASUREMENT_INSERT, NULL, SA_INT(y->id), SA_TEXT("T9"),
		         SA_TEXT(date_text(d, t9)), SA_TEXT("satisfaction_youth"),
		         SA_REAL(rng_int(&d->rng, 5, 10)), SA_TEXT(NULL), SA_NULL, SA_NULL,
		         SA_ID(0), SA_TEXT(d->now)) ||
		    !RUN(d, SQ_MEASUREMENT_INSERT, NULL, SA_INT(y->id), SA_TEXT("T9"),
		         SA_TEXT(date_text(d, t9)), SA_TEXT("goal_realisation"),
		         SA_REAL(rng_int(&d->rng, 20, 100)), SA_TEXT(NULL), SA_NULL, SA_NULL,
		         SA_ID(0), SA_TEXT(d->now)) ||
		    !RUN(d, SQ_ATTENDANCE_INSERT, NULL, SA_INT(y->id), SA_TEXT(date_text(d, t9)),
		         SA_TEXT(date_text(d, date_add_days(t9, 28))),
		         SA_INT(rng_int(&d->rng, 55, 100)), SA_INT(rng_int(&d->rng, 0, 5)),
		         SA_ID(0), SA_TEXT(d->now)))
			return false;
	}
	if (rng_unit(&d->rng) < 0.1 && followed > 10 &&
	    !RUN(d, SQ_EVENT_INSERT, NULL, SA_INT(y->id),
	         SA_TEXT(rng_unit(&d->rng) < 0.5 ? "police_contact" : "school_return"),
	         SA_TEXT(
	             date_text(d, date_add_days(y->started, rng_int(&d->rng, 1, (int)followed)))),
	         SA_TEXT(NULL), SA_ID(0), SA_TEXT(d->now)))
		return false;
	return true;
}

static bool history(struct demo *d, int64_t youth, const char *field, const char *value,
                    struct date on, const char *reason)
{
	return RUN(d, SQ_HISTORY_INSERT, NULL, SA_INT(youth), SA_TEXT(field), SA_TEXT(value),
	           SA_TEXT(date_text(d, on)), SA_TEXT(reason), SA_ID(0), SA_TEXT(d->now));
}

static bool add_youth(struct demo *d)
{
	static const char *const frames[] = {"voluntary", "voluntary",    "voluntary",
	                                     "voluntary", "ots",          "ots",
	                                     "ots",       "guardianship", "youth_probation"};
	static const char *const placements[] = {
	    "network_foster_care", "network_foster_care", "foster_care", "foster_care",
	    "residential",         "residential",         "closed_care"};
	static const char *const end_reasons[] = {
	    "planned", "planned", "planned",         "planned",           "planned",
	    "planned", "planned", "ended_by_client", "ended_by_provider", "moved"};
	struct youth_plan y = {.team = d->teams[rng_next(&d->rng) % (uint64_t)d->team_count]};
	y.started = date_add_days(d->today, -rng_int(&d->rng, 0, 3 * 365));
	y.birth = date_add_days(y.started, -rng_int(&d->rng, 12 * 365, 21 * 365));
	y.end = d->today;
	int64_t age_days = date_days_between(y.started, d->today);
	if (age_days > 400 && rng_unit(&d->rng) < 0.6) {
		struct date close = date_add_days(y.started, rng_int(&d->rng, 300, 700));
		if (date_compare(close, d->today) < 0) {
			y.closed = true;
			y.end = close;
		}
	}
	y.jim = rng_unit(&d->rng) < 0.83;
	y.nominated_after = 1 + (int)(-log(1.0 - rng_unit(&d->rng)) * 32.0);
	if (y.nominated_after > date_days_between(y.started, y.end))
		y.jim = false;
	const char *frame = PICK(&d->rng, frames), *start = date_text(d, y.started);
	const char *given = PICK(&d->rng, given_names), *family = family_name(d);
	struct name_keys k;
	if (!name_keys_make(given, family, &k))
		return false;
	bool inserted =
	    RUN(d, SQ_YOUTH_INSERT, &y.id, SA_INT(y.team), SA_TEXT(given), SA_TEXT(family),
	        SA_TEXT(date_text(d, y.birth)), SA_TEXT(NULL),
	        SA_TEXT(PICK(&d->rng, municipalities)), SA_TEXT(frame), SA_TEXT("home"),
	        SA_TEXT(start), SA_ID(0), SA_TEXT(d->now), SA_TEXT(k.search), SA_TEXT(k.sort));
	name_keys_free(&k);
	if (!inserted || !history(d, y.id, "legal_frame", frame, y.started, HISTORY_OPENED) ||
	    !history(d, y.id, "living_situation", "home", y.started, HISTORY_OPENED) ||
	    !history(d, y.id, "phase", "jim_search", y.started, HISTORY_OPENED))
		return false;
	if (y.jim && !add_jim(d, &y))
		return false;
	int day = placement_day(d, y.jim ? 0.85 : 1.75);
	if (day <= date_days_between(y.started, y.end)) {
		const char *where = PICK(&d->rng, placements);
		struct date on = date_add_days(y.started, day);
		if (!history(d, y.id, "living_situation", where, on, "uithuisplaatsing") ||
		    !RUN(d, SQ_YOUTH_SET_LIVING, NULL, SA_INT(y.id), SA_TEXT(where)))
			return false;
	}
	if (y.closed) {
		const char *why = PICK(&d->rng, end_reasons), *on = date_text(d, y.end);
		if (!RUN(d, SQ_YOUTH_SET_PHASE, NULL, SA_INT(y.id), SA_TEXT("closed"), SA_TEXT(on),
		         SA_TEXT(why), SA_TEXT(on)) ||
		    !history(d, y.id, "phase", "closed", y.end, "traject afgesloten"))
			return false;
	} else if (y.jim &&
	           !RUN(d, SQ_YOUTH_SET_PHASE, NULL, SA_INT(y.id), SA_TEXT("collaboration"),
	                SA_TEXT(start), SA_TEXT(NULL), SA_TEXT(NULL))) {
		return false;
	}
	return add_outcomes(d, &y);
}

static void progress(int done, int total, bool tty)
{
	if (!tty || (done % 500 && done != total))
		return;
	int width = 30, filled = total ? done * width / total : width;
	fprintf(stderr, "\rkring demo: [%.*s%*s] %3d%% %d/%d", filled,
	        "##############################", width - filled, "",
	        total ? done * 100 / total : 100, done, total);
	if (done == total)
		fputc('\n', stderr);
}

static int generate(struct store *s, int youths, uint64_t seed)
{
	char hash[PASSWORD_HASH_BYTES];
	struct arena a;
	int rc = 1;
	if (!password_hash(DEMO_PASSWORD, hash) || !demo_seed(s))
		return 1;
	struct store_conn *c = store_acquire(s);
	struct demo d = {.c = c,
	                 .a = &a,
	                 .rng = {seed * 0x9E3779B97F4A7C15ULL + 1},
	                 .today = date_today(),
	                 .hash = hash};
	bool tty = isatty(STDERR_FILENO);
	char now[25];
	clock_format_iso_ms(clock_now_ms(), now);
	d.now = now;
	arena_init(&a);
	if (store_begin(c, true) != STORE_OK || !make_structure(&d))
		goto done;
	for (int i = 1; i <= youths; i++) {
		if (!add_youth(&d))
			goto done;
		progress(i, youths, tty);
		if (i % 1000 == 0) { /* keep the arena small */
			arena_free(&a);
			arena_init(&a);
		}
	}
	struct audit_event ev = {.action = "create",
	                         .object_type = "youth",
	                         .reason = arena_printf(&a,
	                                                "synthetic demo data: %d young people "
	                                                "(kring demo, seed %llu)",
	                                                youths, (unsigned long long)seed)};
	/* the outcome facts land with the data, so the first dashboard is quick */
	if (!demo_showcase(c, &a, d.teams[0], now) || store_facts_refresh(c) != STORE_OK ||
	    audit_append_in_tx(c, &a, &ev) != STORE_OK || store_commit(c) != STORE_OK)
		goto done;
	printf("kring demo: %d synthetic young people added (seed %llu)\n", youths,
	       (unsigned long long)seed);
	rc = 0;
done:
	if (rc)
		fputs("kring demo: could not write the demo data\n", stderr);
	store_release(c);
	arena_free(&a);
	return rc;
}

int cmd_demo(int argc, char **argv)
{
	const char *youths_text = NULL, *seed_text = NULL;
	const struct cli_opt opts[] = {
	    {"db", true, CFG_DB, NULL, NULL},
	    {"youths", true, -1, &youths_text, NULL},
	    {"seed", true, -1, &seed_text, NULL},
	    {0},
	};
	struct cli_command c;
	long youths = 0, seed = 1;
	int rc = cli_command_start(&c, argc, argv, opts, demo_help, "demo", false);
	if (rc != CLI_GO)
		goto done;
	rc = 2;
	if (!c.cfg.db || !youths_text || !parse_long_range(youths_text, 1, 1000000, &youths) ||
	    (seed_text && !parse_long_range(seed_text, 0, 2147483647L, &seed))) {
		fputs("kring demo: --db and --youths N (1 to 1000000) are required; --seed is a "
		      "whole number\n",
		      stderr);
		goto done;
	}
	/*
	 * Each young person is a transaction of its own, whose memory C's
	 * allocator would give back to the kernel at its end and ask for again
	 * at the next: a third of the generator's time went to that (system
	 * time and page faults, docs/BENCHMARKS.md). A short-lived batch
	 * command keeps it instead. A failure only costs that time.
	 */
	(void)mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	struct store *s = store_open(c.cfg.db, 1);
	if (!s)
		goto done;
	rc = store_migrate(s) < 0 ? 1 : generate(s, (int)youths, (uint64_t)seed);
	store_close(s);
done:
	cli_command_free(&c);
	return rc;
}
