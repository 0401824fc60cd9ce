/*
 * One complete dossier for the demo accounts of `kring demo`: the demo
 * 'youth' is Noor, the demo 'jim' is her aunt Ria, in the demo team of the
 * demo 'professional'. With a network, consents, a plan with an
 * evaluation, notes, meetings with a decision and actions, the JIM's hours
 * and check-ins, and school figures, every screen of every role has
 * something to show. Synthetic data only.
 */
#include "cli/demo.h"

#include <stdio.h>

#include "domain/dates.h"
#include "domain/history_cause.h"
#include "domain/name_order.h"
#include "store/store_query.h"
#include "util/clock.h"
#include "util/text.h"

#define SHOWCASE_UID_BYTES 16

struct showcase {
	struct store_conn *c;
	struct arena *a;
	struct date today;
	const char *now;
	int64_t youth, jim, professional, youth_user, jim_user;
	/* the demo accounts' display names, as the API names kring users */
	const char *professional_name, *youth_user_name, *jim_user_name;
	bool ok;
};

/* Runs one named query while everything before it worked; *id gets an inserted row's id. */
static int64_t put(struct showcase *s, enum store_query q, const struct store_arg *args, size_t n)
{
	int64_t id = 0;
	if (s->ok && store_run(s->c, q, args, n, &id, NULL) != STORE_OK)
		s->ok = false;
	return id;
}
#define PUT(s, q, ...) put(s, q, STORE_ARGS(__VA_ARGS__))

/* The date `days` days from today (negative: before) as text in the arena. */
static const char *day(struct showcase *s, int days)
{
	char out[11];
	date_format(date_add_days(s->today, days), out);
	return arena_strdup(s->a, out);
}

/* `days` from today at `hour`:00 UTC, as the API writes a meeting's time. */
static const char *moment(struct showcase *s, int days, int hour)
{
	char out[21];
	struct date d = date_add_days(s->today, days);
	clock_format_iso(date_days_between((struct date){1970, 1, 1}, d) * 86400 + hour * 3600,
	                 out);
	return arena_strdup(s->a, out);
}

/* The demo account `username`: its id, and its display name (in the arena). */
static bool demo_user(struct showcase *s, const char *username, int64_t *id, const char **name)
{
	struct store_user u;
	if (store_user_by_username(s->c, s->a, username, &u) != STORE_OK)
		return false;
	*id = u.id;
	*name = u.display_name;
	return true;
}

static void add_youth(struct showcase *s, int64_t team)
{
	static const char *given = "Noor", *family = "de Jong";
	struct name_keys k;
	char birth[11];
	date_format((struct date){s->today.year - 16, 1, 10}, birth);
	if (!name_keys_make(given, family, &k)) {
		s->ok = false;
		return;
	}
	s->youth = PUT(s, SQ_YOUTH_INSERT, SA_INT(team), SA_TEXT(given), SA_TEXT(family),
	               SA_TEXT(birth), SA_TEXT(NULL), SA_TEXT("Utrecht"), SA_TEXT("voluntary"),
	               SA_TEXT("home"), SA_TEXT(day(s, -150)), SA_ID(s->professional),
	               SA_TEXT(s->now), SA_TEXT(k.search), SA_TEXT(k.sort));
	name_keys_free(&k);
	static const char *const opened[][2] = {
	    {"legal_frame", "voluntary"}, {"living_situation", "home"}, {"phase", "jim_search"}};
	for (size_t i = 0; i < sizeof(opened) / sizeof(opened[0]); i++)
		PUT(s, SQ_HISTORY_INSERT, SA_INT(s->youth), SA_TEXT(opened[i][0]),
		    SA_TEXT(opened[i][1]), SA_TEXT(day(s, -150)), SA_TEXT(HISTORY_OPENED),
		    SA_ID(s->professional), SA_TEXT(s->now));
	PUT(s, SQ_YOUTH_SET_USER, SA_INT(s->youth), SA_INT(s->youth_user));
}

/* Parents with custody, the aunt she chose as JIM, and her consents. */
static void add_network_and_jim(struct showcase *s)
{
	PUT(s, SQ_NETWORK_INSERT, SA_INT(s->youth), SA_TEXT("Marieke de Jong"), SA_TEXT("moeder"),
	    SA_TEXT("06 12345678"), SA_INT(1), SA_TEXT(s->now));
	PUT(s, SQ_NETWORK_INSERT, SA_INT(s->youth), SA_TEXT("Kees de Jong"), SA_TEXT("vader"),
	    SA_TEXT(NULL), SA_INT(1), SA_TEXT(s->now));
	PUT(s, SQ_NETWORK_INSERT, SA_INT(s->youth), SA_TEXT("Ria Bos"), SA_TEXT("tante"),
	    SA_TEXT(NULL), SA_INT(0), SA_TEXT(s->now));
	int64_t nom =
	    PUT(s, SQ_NOMINATION_INSERT, SA_INT(s->youth), SA_TEXT("Ria Bos"), SA_TEXT("tante"),
	        SA_TEXT(NULL), SA_TEXT("Noor gaat al jaren elke week bij haar langs."),
	        SA_TEXT(day(s, -125)), SA_ID(s->professional), SA_TEXT(s->now));
	PUT(s, SQ_ASSESSMENT_INSERT, SA_INT(nom), SA_INT(0), SA_INT(1), SA_INT(1), SA_INT(1),
	    SA_INT(1), SA_TEXT(NULL), SA_TEXT("approve"), SA_ID(s->professional), SA_TEXT(s->now));
	PUT(s, SQ_NOMINATION_SET_STATUS, SA_INT(nom), SA_TEXT("active"));
	s->jim = PUT(s, SQ_JIM_INSERT, SA_INT(s->youth), SA_INT(nom), SA_INT(s->jim_user),
	             SA_TEXT("Ria Bos"), SA_TEXT("tante"), SA_TEXT(day(s, -110)), SA_TEXT(s->now));
	PUT(s, SQ_YOUTH_SET_PHASE, SA_INT(s->youth), SA_TEXT("collaboration"),
	    SA_TEXT(day(s, -110)), SA_TEXT(NULL), SA_TEXT(NULL));
	PUT(s, SQ_HISTORY_INSERT, SA_INT(s->youth), SA_TEXT("phase"), SA_TEXT("collaboration"),
	    SA_TEXT(day(s, -110)), SA_TEXT(HISTORY_JIM_ACTIVATED), SA_ID(s->professional),
	    SA_TEXT(s->now));
	/* Noor is 16: her own yes is enough. */
	static const char *const scopes[] = {"share_plan", "share_meetings",
	                                     "share_notes_marked_shared", "share_outcomes", NULL};
	for (const char *const *sc = scopes; *sc; sc++)
		PUT(s, SQ_CONSENT_INSERT, SA_INT(s->youth), SA_TEXT(*sc), SA_TEXT("youth"), SA_NULL,
		    SA_TEXT(day(s, -105)), SA_ID(s->professional), SA_TEXT(s->now));
}

static void add_plan(struct showcase *s)
{
	/* agreed soon after Ria became the JIM (day -110), before the evaluation of day -40 */
	int64_t school =
	    PUT(s, SQ_GOAL_INSERT, SA_INT(s->youth), SA_TEXT("Elke dag naar school"),
	        SA_TEXT("Minstens vier dagen per week op tijd in de klas."), SA_TEXT("youth"),
	        SA_ID(s->professional), SA_TEXT(s->now), SA_TEXT(day(s, -100)));
	int64_t home =
	    PUT(s, SQ_GOAL_INSERT, SA_INT(s->youth), SA_TEXT("Rust thuis"),
	        SA_TEXT("Minder ruzie aan tafel; afspraken over thuiskomen."), SA_TEXT("parent"),
	        SA_ID(s->professional), SA_TEXT(s->now), SA_TEXT(day(s, -100)));
	int64_t job =
	    PUT(s, SQ_GOAL_INSERT, SA_INT(s->youth), SA_TEXT("Een bijbaan vinden"), SA_TEXT(NULL),
	        SA_TEXT("youth"), SA_ID(s->professional), SA_TEXT(s->now), SA_TEXT(day(s, -70)));
	/* reached after the evaluation: the plan shows a finished goal too */
	int64_t sport = PUT(s, SQ_GOAL_INSERT, SA_INT(s->youth), SA_TEXT("Weer naar de sportclub"),
	                    SA_TEXT(NULL), SA_TEXT("youth"), SA_ID(s->professional),
	                    SA_TEXT(s->now), SA_TEXT(day(s, -100)));
	/*
	 * one action Noor ticks off herself, one her JIM does: owner_kind says
	 * whose, and, as the API stores them, no name in `owner` (each screen
	 * names them in its own words)
	 */
	PUT(s, SQ_ACTION_INSERT, SA_INT(school), SA_TEXT("Wekker om 7 uur, elke schooldag"),
	    SA_TEXT(""), SA_TEXT(day(s, 14)), SA_ID(s->professional), SA_TEXT(s->now),
	    SA_TEXT("youth"));
	PUT(s, SQ_ACTION_INSERT, SA_INT(job), SA_TEXT("Samen een cv maken"), SA_TEXT(""),
	    SA_TEXT(day(s, 21)), SA_ID(s->professional), SA_TEXT(s->now), SA_TEXT("jim"));
	PUT(s, SQ_VIEW_INSERT, SA_INT(school), SA_TEXT("youth"), SA_INT(s->youth_user),
	    SA_TEXT("Het lukt bijna elke dag. Maandag is het moeilijkst."), SA_TEXT(s->now));
	PUT(s, SQ_VIEW_INSERT, SA_INT(school), SA_TEXT("jim"), SA_INT(s->jim_user),
	    SA_TEXT("Op dinsdag breng ik haar; dat helpt."), SA_TEXT(s->now));
	int64_t eval = PUT(s, SQ_EVALUATION_INSERT, SA_INT(s->youth), SA_TEXT(day(s, -40)),
	                   SA_TEXT("Noor, moeder, Ria (JIM), hulpverlener"), SA_ID(s->professional),
	                   SA_TEXT(s->now));
	PUT(s, SQ_SCORE_INSERT, SA_INT(eval), SA_INT(school), SA_INT(7),
	    SA_TEXT("Veel beter dan in de zomer."));
	PUT(s, SQ_SCORE_INSERT, SA_INT(eval), SA_INT(home), SA_INT(5), SA_TEXT(NULL));
	PUT(s, SQ_SCORE_INSERT, SA_INT(eval), SA_INT(job), SA_INT(3),
	    SA_TEXT("Nog niet aan begonnen."));
	PUT(s, SQ_SCORE_INSERT, SA_INT(eval), SA_INT(sport), SA_INT(8),
	    SA_TEXT("Ze traint weer mee op woensdag."));
	PUT(s, SQ_GOAL_UPDATE, SA_INT(sport), SA_TEXT("Weer naar de sportclub"), SA_TEXT(NULL),
	    SA_TEXT(day(s, -100)), SA_TEXT("reached"), SA_TEXT(day(s, -20)));
	PUT(s, SQ_JOURNAL_INSERT, SA_INT(s->youth), SA_TEXT(day(s, -12)), SA_TEXT("contact"),
	    SA_INT(45), SA_TEXT("Gesprek met Noor en Ria: het gaat beter op school."), SA_INT(1),
	    SA_ID(s->professional), SA_TEXT(s->now));
	PUT(s, SQ_JOURNAL_INSERT, SA_INT(s->youth), SA_TEXT(day(s, -5)), SA_TEXT("phone"),
	    SA_INT(15), SA_TEXT("Moeder gebeld over de afspraken thuis."), SA_INT(0),
	    SA_ID(s->professional), SA_TEXT(s->now));
}

/* A network meeting a month ago with a decision and actions, and one to come. */
static void add_meetings(struct showcase *s)
{
	char uid[2 * SHOWCASE_UID_BYTES + 1];
	/* kring users appear under their display names, as the API adds them */
	const int64_t user[] = {s->professional, s->jim_user, s->youth_user};
	const char *const name[] = {s->professional_name, s->jim_user_name, s->youth_user_name};
	const char *const role[] = {"hulpverlener", "JIM", "jongere"};
	for (int m = 0; m < 2; m++) {
		int offset = m == 0 ? -30 : 10;
		random_hex(SHOWCASE_UID_BYTES, uid);
		int64_t id = PUT(
		    s, SQ_MEETING_INSERT, SA_INT(s->youth), SA_TEXT("network"),
		    SA_TEXT(moment(s, offset, 14)), SA_TEXT(moment(s, offset, 15)),
		    SA_TEXT("Wijkcentrum De Linde"),
		    SA_TEXT(m == 0 ? "Hoe gaat het thuis en op school?" : "Evaluatie van het plan"),
		    SA_ID(s->professional), SA_TEXT(s->now),
		    SA_TEXT(arena_printf(s->a, "%s@kring", uid)));
		for (int p = 0; p < 3; p++)
			PUT(s, SQ_PARTICIPANT_INSERT, SA_INT(id), SA_INT(user[p]), SA_TEXT(name[p]),
			    SA_TEXT(NULL), SA_TEXT(role[p]));
		PUT(s, SQ_PARTICIPANT_INSERT, SA_INT(id), SA_NULL, SA_TEXT("Marieke de Jong"),
		    SA_TEXT(NULL), SA_TEXT("moeder"));
		if (m == 1)
			break;
		PUT(s, SQ_DECISION_INSERT, SA_INT(id), SA_TEXT("placement_averted"),
		    SA_TEXT("Noor blijft thuis wonen; Ria helpt met school."), SA_TEXT(NULL),
		    SA_ID(s->professional), SA_TEXT(s->now));
		PUT(s, SQ_MACTION_INSERT, SA_INT(id), SA_TEXT("Rooster ophangen in de keuken"),
		    SA_INT(s->youth_user), SA_TEXT(s->youth_user_name), SA_TEXT(day(s, 7)),
		    SA_ID(s->professional), SA_TEXT(s->now));
		PUT(s, SQ_MACTION_INSERT, SA_INT(id), SA_TEXT("Mentor op school bellen"),
		    SA_INT(s->jim_user), SA_TEXT(s->jim_user_name), SA_TEXT(day(s, 3)),
		    SA_ID(s->professional), SA_TEXT(s->now));
	}
}

/* The JIM's hours and check-ins, and how school is going. */
static void add_support(struct showcase *s)
{
	static const struct {
		int days_ago, minutes, km_tenths;
		const char *kind, *note;
	} work[] = {{2, 90, 240, "contact", "Samen huiswerk gemaakt"},
	            {6, 60, 0, "phone", NULL},
	            {9, 120, 360, "meeting", "Netwerkoverleg voorbereid"},
	            {16, 45, 120, "travel", NULL},
	            {23, 90, 240, "contact", "Naar de open dag van de bijbaan"}};
	for (size_t i = 0; i < sizeof(work) / sizeof(work[0]); i++)
		PUT(s, SQ_ACTIVITY_INSERT, SA_INT(s->jim), SA_TEXT(day(s, -work[i].days_ago)),
		    SA_INT(work[i].minutes), SA_INT(work[i].km_tenths), SA_TEXT(work[i].kind),
		    SA_TEXT(work[i].note), SA_INT(s->jim_user),
		    SA_TEXT(arena_printf(s->a, "%sT18:00:00.000Z", day(s, -work[i].days_ago))));
	PUT(s, SQ_CHECKIN_INSERT, SA_INT(s->jim), SA_TEXT(day(s, -24)), SA_INT(3), SA_INT(3),
	    SA_TEXT("doubt"), SA_TEXT("Druk met mijn eigen werk."), SA_TEXT(s->now));
	PUT(s, SQ_CHECKIN_INSERT, SA_INT(s->jim), SA_TEXT(day(s, -10)), SA_INT(4), SA_INT(2),
	    SA_TEXT("yes"), SA_TEXT(NULL), SA_TEXT(s->now));
	PUT(s, SQ_ATTENDANCE_INSERT, SA_INT(s->youth), SA_TEXT(day(s, -120)), SA_TEXT(day(s, -61)),
	    SA_INT(62), SA_INT(9), SA_ID(s->professional), SA_TEXT(s->now));
	PUT(s, SQ_ATTENDANCE_INSERT, SA_INT(s->youth), SA_TEXT(day(s, -60)), SA_TEXT(day(s, -1)),
	    SA_INT(88), SA_INT(3), SA_ID(s->professional), SA_TEXT(s->now));
	PUT(s, SQ_EVENT_INSERT, SA_INT(s->youth), SA_TEXT("school_return"), SA_TEXT(day(s, -100)),
	    SA_TEXT(NULL), SA_ID(s->professional), SA_TEXT(s->now));
}

bool demo_showcase(struct store_conn *c, struct arena *a, int64_t team, const char *now)
{
	struct showcase s = {.c = c, .a = a, .today = date_today(), .now = now, .ok = true};
	if (!demo_user(&s, "professional", &s.professional, &s.professional_name) ||
	    !demo_user(&s, "youth", &s.youth_user, &s.youth_user_name) ||
	    !demo_user(&s, "jim", &s.jim_user, &s.jim_user_name))
		return false;
	add_youth(&s, team);
	add_network_and_jim(&s);
	add_plan(&s);
	add_meetings(&s);
	add_support(&s);
	return s.ok;
}
