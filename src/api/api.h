#ifndef KRING_API_H
#define KRING_API_H

/*
 * The handlers, one file per resource. Each is called by the dispatcher
 * after the routing table's access rule passed; each validates its input,
 * calls domain rules and the store, and answers with http_reply() or
 * http_error(). None of them decides access by role.
 */
#include "http/http.h"

void api_healthz(struct request *r);
void api_session_create(struct request *r);
void api_session_delete(struct request *r);
void api_me(struct request *r);
void api_organisations_list(struct request *r);
void api_organisations_create(struct request *r);
void api_teams_list(struct request *r);
void api_teams_create(struct request *r);
void api_team_members_list(struct request *r);
void api_team_members_add(struct request *r);
void api_users_list(struct request *r);
void api_users_create(struct request *r);
void api_invitation_accept(struct request *r);
void api_audit_list(struct request *r);

#endif
