#ifndef KRING_CSV_H
#define KRING_CSV_H

#include <stddef.h>

/*
 * A CSV writer for Dutch spreadsheet programs: UTF-8 with a byte-order mark,
 * ';' between fields, CRLF after each row. Text is quoted when it holds ';',
 * '"', CR or LF, and a text that a spreadsheet would read as a formula
 * (starting with '=', '+', '-', '@', tab or CR) gets a leading apostrophe.
 */
struct csv {
	char *data;
	size_t len, cap;
	int fields_in_row;
};

void csv_init(struct csv *c); /* starts with the BOM */
void csv_free(struct csv *c);
void csv_text(struct csv *c, const char *text); /* NULL writes an empty field */
void csv_raw(struct csv *c, const char *text);  /* a number we formatted ourselves */
void csv_end_row(struct csv *c);

#endif
