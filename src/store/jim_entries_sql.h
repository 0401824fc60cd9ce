#ifndef KRING_STORE_JIM_ENTRIES_SQL_H
#define KRING_STORE_JIM_ENTRIES_SQL_H

/*
 * The columns both engines add to a JIM's entry (activity or cost) of table
 * alias `t` (a string literal), joined with users as `u` on its entered_by:
 * who entered it, and `settled` when a submitted or approved expense
 * statement covers its day (as jim_date_unsettled() checks).
 */
#define JIM_ENTRY_COLUMNS(t)                                                                       \
	t ".entered_by AS entered_by_id, u.display_name AS entered_by_name, u.role AS "            \
	  "entered_by_role, EXISTS (SELECT 1 FROM expense_statements s WHERE s.jim_id = " t        \
	  ".jim_id AND s.status IN ('submitted', 'approved') AND " t                               \
	  ".date BETWEEN s.period_from AND s.period_to) AS settled"

#endif
