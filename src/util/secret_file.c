#include "util/secret_file.h"

#include <sys/stat.h>

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
