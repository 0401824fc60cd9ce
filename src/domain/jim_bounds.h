#ifndef KRING_JIM_BOUNDS_H
#define KRING_JIM_BOUNDS_H

#include <stdbool.h>

/*
 * The lower bounds for a JIM (DESIGN.md §1): not a parent; preferably 18 or
 * older; willing to cooperate with professionals; the child's safety is
 * absolute. A professional's assessment of one candidate:
 */
enum jim_decision { JIM_APPROVE = 1, JIM_DECLINE, JIM_DISCUSS };

/* The answer to one lower bound; JIM_UNKNOWN only with a decision to discuss. */
enum jim_answer { JIM_UNKNOWN = -1, JIM_NO = 0, JIM_YES = 1 };

struct jim_assessment {
	enum jim_answer is_parent;
	enum jim_answer adult;
	enum jim_answer willing_to_cooperate;
	enum jim_answer child_safe;
	enum jim_answer own_load_manageable;
	const char *reason; /* may be NULL */
	enum jim_decision decision;
};

/* The five lower bounds by name, in the order they are checked. */
#define JIM_BOUND_COUNT 5
extern const char *const jim_bound_names[JIM_BOUND_COUNT];

#define JIM_DECLINE_REASON_MIN   20
#define JIM_EXCEPTION_REASON_MIN 10
#define JIM_RETURN_REASON_MIN    10
#define JIM_RETURN_REASON_MAX    1000

/* Decision from "approve" | "decline" | "discuss"; 0 when unknown. */
enum jim_decision jim_decision_from_name(const char *name);
const char *jim_decision_name(enum jim_decision d);

/* A parent, or a person the child is not safe with, can never be the JIM. */
bool jim_ever_approvable(bool is_parent, bool child_safe);

/*
 * Checks an assessment against the lower bounds. Returns NULL when it may be
 * recorded, else a sentence, with *field naming the input at fault: a
 * decision to discuss may leave any lower bound not yet known; approving and
 * declining need every one answered yes or no. Approving needs an approvable, cooperative
 * candidate, and a stated reason (10+ characters) when the candidate is a minor or their own load
 * is heavy; declining needs a reason of 20+ characters.
 */
const char *jim_assessment_problem(const struct jim_assessment *a, const char **field);

/*
 * The reason a teamlead gives for sending a decline back to assessment (the
 * second look disagrees): NULL when it may be recorded, else a sentence.
 * 10 to 1000 characters, leading spaces not counted.
 */
const char *jim_return_reason_problem(const char *reason);

/*
 * Whether a nomination in `status` still stands for its candidate: open,
 * approved, waiting for the second look at a decline (decline_pending), or
 * active as the JIM. A declined or ended nomination does not: the same
 * person may be nominated again.
 */
bool jim_nomination_stands(const char *status);

/*
 * Whether two names are the same candidate's: equal once folded (case,
 * accents: util/fold.h) and with runs of spaces as one, leading and trailing
 * spaces not counted ("Oma  Truus" is "oma truus"). Sets *same (false when
 * either is NULL); false when a name is not valid UTF-8 or memory runs out.
 */
bool jim_same_candidate(const char *a, const char *b, bool *same);

#endif
