#include "util/secret_file.h"

#include <sys/stat.h>

#include "util/log.h"

enum secret_file_status secret_file_open(const char *path, FILE **out)
{
	struct stat st;
	*out = NULL;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return SECRET_FILE_UNREADABLE;
	if (fstat(fileno(fp), &st) != 0) {
		fclose(fp);
		return SECRET_FILE_UNREADABLE;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		fclose(fp);
		return SECRET_FILE_OPEN_TO_OTHERS;
	}
	*out = fp;
	return SECRET_FILE_OK;
}

enum secret_file_status secret_file_read_key(const char *path,
                                             unsigned char buf[SECRET_FILE_KEY_MAX], size_t *n)
{
	FILE *fp;
	*n = 0;
	enum secret_file_status opened = secret_file_open(path, &fp);
	if (opened != SECRET_FILE_OK)
		return opened;
	*n = fread(buf, 1, SECRET_FILE_KEY_MAX, fp);
	fclose(fp);
	return *n < SECRET_FILE_KEY_MIN ? SECRET_FILE_TOO_SHORT : SECRET_FILE_OK;
}

void secret_file_log_problem(enum secret_file_status status, const char *what, const char *path)
{
	char msg[160];
	switch (status) {
	case SECRET_FILE_OK:
		return;
	case SECRET_FILE_OPEN_TO_OTHERS:
		snprintf(msg, sizeof(msg),
		         "%s may be read by others: make it its owner's only (chmod 600)", what);
		break;
	case SECRET_FILE_TOO_SHORT:
		snprintf(msg, sizeof(msg), "%s must hold at least %d bytes", what,
		         SECRET_FILE_KEY_MIN);
		break;
	case SECRET_FILE_UNREADABLE:
	default:
		snprintf(msg, sizeof(msg), "cannot read %s", what);
		break;
	}
	log_line(LOG_ERROR, msg, "path", path, (const char *)NULL);
}
