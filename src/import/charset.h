/*
 * charset.h: the text of a CSV file as UTF-8.  Excel on Japanese Windows
 * saves "CSV" in Shift_JIS (Windows code page 932) and "CSV UTF-8" with a
 * byte order mark; both are read.  iconv (glibc) does the converting, in
 * charset.c only.
 */
#ifndef MAMORI_IMPORT_CHARSET_H
#define MAMORI_IMPORT_CHARSET_H

#include <stddef.h>

#include "import/table.h"

struct arena;
struct error;

/*
 * Sets *text (len bytes, NUL-terminated, from arena or data itself) to
 * the UTF-8 text of data and *cs to what it was: UTF-8 with its BOM left
 * off, UTF-8, or else Shift_JIS converted.  Fails with ERROR_INPUT
 * "import.bad_charset" naming the line where the bytes are neither.
 */
int charset_to_utf8(struct arena *arena, const char *data, size_t len,
		    const char **text, size_t *text_len,
		    enum import_charset *cs, struct error *err);

#endif
