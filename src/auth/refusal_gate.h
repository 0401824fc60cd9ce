#ifndef KRING_AUTH_REFUSAL_GATE_H
#define KRING_AUTH_REFUSAL_GATE_H

#include <stdint.h>

/*
 * Refused tries at files, per account, in this process: an account whose
 * requests for files were refused `max` times as not found (no such file,
 * or one it has no relation to; the caller decides what counts) is answered
 * 429 on every file route until its window of `window_s` seconds, which
 * began at its first refusal, has passed. It stops
 * an account that walks the numbers of other people's files, and with it
 * the growth of those files' access logs, while someone who follows an old
 * link now and then never meets it.
 *
 * Counts live in a fixed table: a window that has passed frees its place,
 * and when a neighbourhood of the table is full the account with the fewest
 * refusals gives its place up, so that a blocked account stays blocked.
 * Across several kring processes on one PostgreSQL database each process
 * counts its own refusals.
 */

/* Counts one refused try by `user_id` at `now_ms` (milliseconds on a monotonic clock). */
void refusal_gate_note(int64_t user_id, int64_t now_ms, int window_s);

/* Seconds `user_id` must wait before a file route answers again; 0 when it may go on. */
int refusal_gate_wait(int64_t user_id, int64_t now_ms, int max, int window_s);

/* Forgets every count (for tests). */
void refusal_gate_reset(void);

#endif
