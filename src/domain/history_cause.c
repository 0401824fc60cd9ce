#include "domain/history_cause.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

bool history_cause_read(const char *reason, struct history_cause *out)
{
	int end = -1;
	*out = (struct history_cause){0};
	if (!reason)
		return false;
	if (strcmp(reason, HISTORY_OPENED) == 0)
		out->code = "opened";
	else if (strcmp(reason, HISTORY_JIM_ACTIVATED) == 0)
		out->code = "jim_activated";
	else if (sscanf(reason, "JIM ended: %39[a-z_]%n", out->value, &end) == 1 &&
	         scanned_to_end(reason, end))
		out->code = "jim_ended";
	else if (sscanf(reason, "decision of meeting %lld (%39[a-z_])%n", &out->meeting_id,
	                out->value, &end) == 2 &&
	         scanned_to_end(reason, end) && out->meeting_id > 0)
		out->code = "meeting_decision";
	else
		*out = (struct history_cause){0};
	return out->code != NULL;
}
