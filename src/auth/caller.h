#ifndef KRING_CALLER_H
#define KRING_CALLER_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/roles.h"

/* Who is calling, once a session token was accepted. Strings live in the request arena. */
struct caller {
	int64_t user_id;
	const char *username;
	const char *display_name;
	enum role role;
	int64_t organisation_id;
	const char *session_hash;
	const char *csrf_token;
	int64_t authenticated_at; /* when the user last gave their password in this session */
	bool via_cookie;
};

#endif
