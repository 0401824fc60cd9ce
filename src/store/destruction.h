#ifndef KRING_STORE_DESTRUCTION_H
#define KRING_STORE_DESTRUCTION_H

#include <stdint.h>

#include "store/store.h"

/*
 * Destroys a young person's file inside the caller's write transaction:
 * deletes every row of the tables in store/youth_tables.h (children first),
 * disables and renames the accounts of the young person and their JIMs and
 * deletes their sessions, invitations, team memberships and feeds, forgets
 * the notes of their requests, and records the destruction (request_id 0:
 * the retention period ended; approver 0: nobody signed in, the retention
 * command). What stays is the pseudonymous id. The caller audits it, commits,
 * then calls store_scrub(). STORE_OK, or the store's error (roll back).
 */
enum store_status store_destroy_youth(struct store_conn *c, int64_t youth, int64_t request_id,
                                      int64_t approver, const char *today);

#endif
