#include "auth/login_gate.h"

#include <pthread.h>
#include <stdint.h>

#define GATE_SLOTS 128

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static int in_flight_user[GATE_SLOTS], in_flight_addr[GATE_SLOTS], in_flight_device[GATE_SLOTS];

/* FNV-1a: spreads names over the slots; not a secret, so no keyed hash is needed. */
static int slot_of(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (int)(h % GATE_SLOTS);
}

void login_gate_claim(struct login_claim *c, const char *username, const char *addr, int64_t device)
{
	c->user_slot = slot_of(username);
	c->addr_slot = addr ? slot_of(addr) : -1;
	c->device_slot = device > 0 ? (int)((uint64_t)device % GATE_SLOTS) : -1;
	pthread_mutex_lock(&gate_lock);
	in_flight_user[c->user_slot]++;
	if (c->addr_slot >= 0)
		in_flight_addr[c->addr_slot]++;
	if (c->device_slot >= 0)
		in_flight_device[c->device_slot]++;
	pthread_mutex_unlock(&gate_lock);
}

void login_gate_others(const struct login_claim *c, int *by_user, int *by_addr, int *by_device)
{
	pthread_mutex_lock(&gate_lock);
	*by_user = c->user_slot >= 0 ? in_flight_user[c->user_slot] - 1 : 0;
	*by_addr = c->addr_slot >= 0 ? in_flight_addr[c->addr_slot] - 1 : 0;
	*by_device = c->device_slot >= 0 ? in_flight_device[c->device_slot] - 1 : 0;
	pthread_mutex_unlock(&gate_lock);
}

void login_gate_release(void *claim)
{
	struct login_claim *c = claim;
	pthread_mutex_lock(&gate_lock);
	if (c->user_slot >= 0)
		in_flight_user[c->user_slot]--;
	if (c->addr_slot >= 0)
		in_flight_addr[c->addr_slot]--;
	if (c->device_slot >= 0)
		in_flight_device[c->device_slot]--;
	pthread_mutex_unlock(&gate_lock);
	c->user_slot = c->addr_slot = c->device_slot = -1;
}
