/*
 * An invitation link: GET /api/v1/invitations/{token} says whose it is, POST
 * /api/v1/invitations/{token}/accept sets the invited person's password.
 */
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "api/input.h"
#include "auth/password.h"
#include "auth/token.h"
#include "auth/totp.h"
#include "auth/totp_key.h"
#include "domain/account_rules.h"
#include "util/clock.h"

static void gone(struct request *r, const char *code, const char *message)
{
	http_error(r, 410, code, message, NULL);
}

/* The hash of the link's token into `hash`; false with 404 (not audited) for a malformed one. */
static bool token_of_link(struct request *r, char hash[TOKEN_HASH_CHARS + 1])
{
	const char *token = http_param(r, 0);
	if (!token_well_formed(token)) {
		r->audit.action = NULL; /* no account was reached: nothing to audit */
		http_error(r, 404, "not_found", "no such invitation", NULL);
		return false;
	}
	token_hash(token, hash);
	return true;
}

/* Looks up the invitation; answers 404/410 and returns false when it cannot be used. */
static bool usable_invitation(struct request *r, const char *hash, struct store_invitation *inv)
{
	enum store_status s = store_invitation_get(r->conn, hash, inv);
	if (s == STORE_NOT_FOUND) {
		r->audit.action = NULL; /* no account was reached: nothing to audit */
		http_error(r, 404, "not_found", "no such invitation", NULL);
		return false;
	}
	if (s != STORE_OK) {
		http_store_error(r, s);
		return false;
	}
	if (inv->used) {
		gone(r, "invitation_used", "this invitation was already used");
		return false;
	}
	if (clock_now() >= inv->expires_at) {
		gone(r, "invitation_expired", "this invitation has expired");
		return false;
	}
	return true;
}

/*
 * The invited account of a usable invitation into *u (strings in r's arena);
 * false when answered: 404, 410 (used, expired, or the account no longer
 * invited: ended or invited again), or a store error.
 */
static bool invited_account(struct request *r, const char *hash, struct store_invitation *inv,
                            struct store_user *u)
{
	if (!usable_invitation(r, hash, inv))
		return false;
	enum store_status s = store_user_by_id(r->conn, &r->arena, inv->user_id, u);
	if (s != STORE_OK) {
		http_store_error(r, s == STORE_NOT_FOUND ? STORE_ERROR : s);
		return false;
	}
	if (!u->status || strcmp(u->status, "invited") != 0) {
		gone(r, "invitation_used", "this invitation can no longer be used");
		return false;
	}
	r->audit.object_id = arena_printf(&r->arena, "%lld", (long long)u->id);
	return true;
}

/*
 * GET /api/v1/invitations/{token}: whose invitation a link is, for the page
 * where the invited person chooses a password before logging in: the
 * username (which the password meter weighs, as the acceptance will, and a
 * password manager stores with the password) and until when the link can
 * be used. Audited as a read of the account, as whoever holds the link was
 * shown its username; 404 for a token kring never gave (not audited), 410
 * as for the acceptance.
 */
void api_invitation_get(struct request *r)
{
	char hash[TOKEN_HASH_CHARS + 1], expires[21];
	struct store_invitation inv;
	struct store_user u;
	if (!token_of_link(r, hash) || !invited_account(r, hash, &inv, &u))
		return;
	clock_format_iso(inv.expires_at, expires);
	http_reply(r, 200, json_pack("{s:s, s:s}", "username", u.username, "expires_at", expires));
}

const struct input_field api_invitation_accept_body[] = {
    {.name = "password",
     .type = INPUT_STRING,
     .required = true,
     /* no .max: that would be published as a maxLength in characters */
     .description = "at least 12 characters, at most 1024 bytes of UTF-8, not the username, "
                    "not easy to guess (zxcvbn: at least 2^30 guesses)"},
    {0},
};

void api_invitation_accept(struct request *r)
{
	char hash[TOKEN_HASH_CHARS + 1], pw_hash[PASSWORD_HASH_BYTES],
	    secret[TOTP_SECRET_CHARS + 1], stored[TOTP_STORED_MAX];
	struct store_invitation inv;
	struct store_user u;
	if (!token_of_link(r, hash) || !input_need_body(r) || !invited_account(r, hash, &inv, &u))
		return;
	const char *password = input_string(r, "password", true, NULL);
	if (!password)
		return;
	const char *problem = account_check_password(password, u.username);
	if (problem) {
		http_validation_error(r, "password", problem);
		return;
	}
	if (!password_hash(password, pw_hash) || !totp_new_secret(secret) ||
	    !totp_secret_seal(secret, u.username, stored)) {
		http_error(r, 500, "internal_error", "could not store the password", NULL);
		return;
	}
	r->audit.user_id = u.id;
	r->audit.username = u.username;
	r->audit.role = u.role;
	if (!http_begin_write(r))
		return;
	enum store_status s = store_invitation_mark_used(r->conn, hash, clock_now());
	if (s == STORE_CONFLICT) {
		gone(r, "invitation_used", "this invitation was already used");
		return;
	}
	if (s == STORE_OK) {
		s = store_user_activate(r->conn, u.id, pw_hash, stored);
		if (s == STORE_NOT_FOUND) { /* the account was disabled meanwhile */
			gone(r, "invitation_used", "this invitation can no longer be used");
			return;
		}
	}
	json_t *user = NULL;
	if (s == STORE_OK)
		s = store_user_json(r->conn, u.id, &user);
	if (s != STORE_OK) {
		http_store_error(r, s == STORE_NOT_FOUND ? STORE_ERROR : s);
		return;
	}
	if (role_needs_totp(role_from_name(u.role), r->srv->cfg->require_totp))
		json_object_set_new(user, "totp_secret", json_string(secret));
	sodium_memzero(secret, sizeof(secret));
	http_reply(r, 200, user);
}
