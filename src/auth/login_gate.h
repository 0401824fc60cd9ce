#ifndef KRING_AUTH_LOGIN_GATE_H
#define KRING_AUTH_LOGIN_GATE_H

#include <stdint.h>

/*
 * Logins in flight in this process, per username, per client address and
 * per browser the account logged in from before (api/login_device.h).
 * The lockout counts the failures in the audit trail, but an attempt's
 * failure is stored only after its password check and the commit of its
 * audit event, so attempts that run at the same moment would each pass the
 * count and together check far more passwords than the limit allows. An
 * attempt therefore holds a claim from before it counts until its answer
 * goes out (its failure stored by then), and the lockout adds the claims of
 * the others to the stored failures. Claims are counted in a small table
 * by hash: two names in one slot only make the count stricter.
 *
 * Across several kring processes on one PostgreSQL database each process
 * has its own claims; there the limit can be passed by the attempts that
 * the other processes have in flight at that moment.
 */

struct login_claim {
	int user_slot;   /* -1: none */
	int addr_slot;   /* -1: none (no client address) */
	int device_slot; /* -1: none (not from a browser the account logged in from) */
};

/*
 * Claims an attempt for `username` from `addr` (may be NULL) in the browser
 * `device` (0: none); release it once.
 */
void login_gate_claim(struct login_claim *c, const char *username, const char *addr,
                      int64_t device);

/* The attempts in flight besides the caller's own: by username, by address, by browser. */
void login_gate_others(const struct login_claim *c, int *by_user, int *by_addr, int *by_device);

/* Gives the claim back (a `struct login_claim *` as void *, for a request's finish hook). */
void login_gate_release(void *claim);

#endif
