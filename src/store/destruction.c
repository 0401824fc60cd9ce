#include "store/destruction.h"

#include "store/store_query.h"

enum store_status store_destroy_youth(struct store_conn *c, int64_t youth, int64_t request_id,
                                      int64_t approver, const char *today)
{
	static const enum store_query per_account[] = {
	    SQ_USER_SESSIONS_END,  SQ_DESTROY_USER_INVITATIONS,   SQ_DESTROY_USER_TEAMS,
	    SQ_FEED_DELETE,        SQ_DESTROY_USER_PARTICIPATION, SQ_DESTROY_USER_ACTIONS,
	    SQ_DESTROY_USER_VIEWS, SQ_LOGIN_DEVICES_FORGET,       SQ_DESTROY_USER_ANONYMISE};
#define DESTROY_QUERY(table, cond) SQ_DESTROY_##table,
	static const enum store_query tables[] = {YOUTH_DATA_TABLES(DESTROY_QUERY, "")};
#undef DESTROY_QUERY
	json_t *accounts = NULL, *account;
	size_t i;
	/* the facts mark first: the lock order of a facts refresh (PostgreSQL) */
	enum store_status s = store_run(c, SQ_FACTS_MARK, STORE_ARGS(SA_INT(youth)), NULL, NULL);
	if (s == STORE_OK)
		s = store_rows(c, SQ_DESTROY_ACCOUNTS_OF, STORE_ARGS(SA_INT(youth)), &accounts);
	for (size_t t = 0; s == STORE_OK && t < sizeof(tables) / sizeof(*tables); t++)
		s = store_run(c, tables[t], STORE_ARGS(SA_INT(youth)), NULL, NULL);
	json_array_foreach(accounts, i, account)
	{
		int64_t user = json_integer_value(json_object_get(account, "user_id"));
		for (size_t q = 0; s == STORE_OK && q < sizeof(per_account) / sizeof(*per_account);
		     q++)
			s = store_run(c, per_account[q], STORE_ARGS(SA_INT(user)), NULL, NULL);
	}
	json_decref(accounts);
	if (s == STORE_OK)
		s = store_run(c, SQ_RIGHTS_FORGET_NOTES, STORE_ARGS(SA_INT(youth)), NULL, NULL);
	if (s == STORE_OK)
		s = store_run(
		    c, SQ_DESTRUCTION_RECORD,
		    STORE_ARGS(SA_INT(youth), SA_TEXT(today), SA_ID(request_id), SA_ID(approver)),
		    NULL, NULL);
	return s;
}
