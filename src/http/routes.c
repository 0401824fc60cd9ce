/*
 * The routing table: every route of kring, the roles it admits and the
 * audit action each call writes. The dispatcher refuses a caller whose role
 * is not listed before the handler runs (401 when not logged in, 403
 * otherwise) and audits the refusal. `kring routes` prints this table.
 */
#include "api/api.h"
#include "http/router.h"

#define STAFF_ADMIN ROLE_ADMIN
#define PRIVACY     ROLE_PRIVACY_OFFICER

const struct route kring_routes[] = {
    {"GET", "/healthz", api_healthz, ROUTE_PUBLIC, NULL, NULL, 0, "liveness check"},
    {"POST", "/api/v1/session", api_session_create, ROUTE_PUBLIC, "login", "session", 0,
     "log in with username, password and (when required) a TOTP code"},
    {"DELETE", "/api/v1/session", api_session_delete, ROLE_ALL, "logout", "session", 0, "log out"},
    {"GET", "/api/v1/me", api_me, ROLE_ALL, "read", "user", 0, "the signed-in user"},
    {"GET", "/api/v1/organisations", api_organisations_list, STAFF_ADMIN, "read", "organisation", 0,
     "list organisations"},
    {"POST", "/api/v1/organisations", api_organisations_create, STAFF_ADMIN, "create",
     "organisation", 0, "create an organisation"},
    {"GET", "/api/v1/teams", api_teams_list, STAFF_ADMIN, "read", "team", 0, "list teams"},
    {"POST", "/api/v1/teams", api_teams_create, STAFF_ADMIN, "create", "team", 0,
     "create a team in an organisation"},
    {"GET", "/api/v1/teams/{id}/members", api_team_members_list, STAFF_ADMIN, "read", "team", 0,
     "list a team's members"},
    {"POST", "/api/v1/teams/{id}/members", api_team_members_add, STAFF_ADMIN, "update", "team", 0,
     "add a user to a team"},
    {"GET", "/api/v1/users", api_users_list, STAFF_ADMIN, "read", "user", 0, "list users"},
    {"POST", "/api/v1/users", api_users_create, STAFF_ADMIN, "create", "user", 0,
     "create a user with a one-time invitation"},
    {"POST", "/api/v1/invitations/{token}/accept", api_invitation_accept, ROUTE_PUBLIC,
     "accept_invitation", "user", 0, "accept an invitation by setting a password"},
    {"GET", "/api/v1/audit", api_audit_list, PRIVACY, "read", "audit_log", 0,
     "the audit trail, filtered by user, young person and time"},
};

const size_t kring_route_count = sizeof(kring_routes) / sizeof(kring_routes[0]);
