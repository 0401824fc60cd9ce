#ifndef KRING_SUBJECT_RIGHTS_H
#define KRING_SUBJECT_RIGHTS_H

/*
 * The rights of the young person over their file (AVG and Jeugdwet) as
 * requests with a deadline: access and a copy (one month), a statement added
 * to the file (one month), correction (one month) and destruction (three
 * months, Jeugdwet art. 7.3.11). Destruction is asked by the young person
 * from 12 (or someone acting for them), by a parent or guardian below 12.
 */

#include <stdbool.h>

#include "domain/dates.h"

/* The kinds of request and who may make one, NULL-terminated (validation, docs). */
extern const char *const rights_kinds[];
extern const char *const rights_requesters[];

/* Whether `kind` is one of rights_kinds; `who` one of rights_requesters. */
bool rights_kind_known(const char *kind);
bool rights_requester_known(const char *who);

/* The deadline of a request of `kind` received on `received`. */
struct date rights_due_on(const char *kind, struct date received);

/* How many years a closed file is kept, by the legal frame it closed under. */
struct retention_terms {
	int years;              /* voluntary help and youth probation */
	int years_ots;          /* a family supervision order (OTS) */
	int years_guardianship; /* guardianship */
};

/* The first day a file closed on `closed` under `legal_frame` may be destroyed. */
struct date rights_retention_end(const struct retention_terms *t, const char *legal_frame,
                                 struct date closed);

/*
 * NULL when `who` may ask for the destruction of the file of a young person
 * of `age`; otherwise the sentence to show.
 */
const char *rights_destruction_requester(int age, const char *who);

#endif
