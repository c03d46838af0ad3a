/* fuzz.c: helpers shared by the fuzz targets. */
#include "util/compat.h"
#include "fuzz.h"

#include <ctype.h>

#include "util/alloc.h"
#include "util/strbuf.h"
#include "util/utf8.h"

void fuzz_split(const uint8_t *data, size_t size, const char *sep, size_t max,
		struct fuzz_parts *out)
{
	const char *p = (const char *)data, *end = p + size;
	size_t seplen = strlen(sep);

	if (max > FUZZ_PARTS_MAX)
		max = FUZZ_PARTS_MAX;
	memset(out, 0, sizeof(*out));
	while (out->count + 1 < max) {
		const char *hit = NULL, *q;

		for (q = p; q + seplen <= end; q++)
			if (!memcmp(q, sep, seplen)) {
				hit = q;
				break;
			}
		if (!hit)
			break;
		out->part[out->count] = p;
		out->len[out->count] = (size_t)(hit - p);
		out->count++;
		p = hit + seplen;
	}
	out->part[out->count] = p;
	out->len[out->count] = (size_t)(end - p);
	out->count++;
}

int fuzz_utf8(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

char *fuzz_strndup(const char *s, size_t len)
{
	return xmemdupz(s, len);
}

/* --- what an answer may not hold ---------------------------------------- */

static int starts_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix), i;

	if (len < n)
		return 0;
	for (i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != prefix[i])
			return 0;
	return 1;
}

/*
 * What a browser makes of an attribute value that holds a URL: character
 * references decoded, white space and control characters dropped,
 * lower case.
 */
static void url_as_browser(const char *v, size_t len, struct strbuf *out)
{
	size_t i = 0;

	while (i < len) {
		unsigned long cp = (unsigned char)v[i];
		size_t adv = 1;

		if (v[i] == '&' && i + 1 < len && v[i + 1] == '#') {
			size_t k = i + 2;
			int base = 10;

			if (k < len && (v[k] == 'x' || v[k] == 'X')) {
				base = 16;
				k++;
			}
			cp = 0;
			while (k < len && isxdigit((unsigned char)v[k]) &&
			       (base == 16 || isdigit((unsigned char)v[k])) &&
			       cp < 0x110000) {
				cp = cp * (unsigned long)base +
				     (unsigned long)(isdigit((unsigned char)v[k])
							     ? v[k] - '0'
							     : tolower((
								       unsigned char)
									       v[k]) -
								       'a' +
								       10);
				k++;
			}
			if (k < len && v[k] == ';')
				k++;
			adv = k - i;
		} else if (starts_ci(v + i, len - i, "&colon;")) {
			cp = ':';
			adv = 7;
		} else if (starts_ci(v + i, len - i, "&tab;") ||
			   starts_ci(v + i, len - i, "&newline;")) {
			cp = ' ';
			adv = v[i + 1] == 't' || v[i + 1] == 'T' ? 5 : 9;
		}
		if (cp > 0x20 && cp < 0x7f)
			strbuf_addch(out, tolower((int)cp));
		else if (cp >= 0x80)
			strbuf_addch(out, '?');
		i += adv;
	}
}

static int script_url(const char *v, size_t len)
{
	struct strbuf u = STRBUF_INIT;
	int bad;

	url_as_browser(v, len, &u);
	bad = !strncmp(u.buf, "javascript:", 11) ||
	      !strncmp(u.buf, "vbscript:", 9) ||
	      !strncmp(u.buf, "data:text/html", 14);
	strbuf_release(&u);
	return bad;
}

/* Checks one start tag at s (after '<'); returns where it ends. */
static size_t check_tag(const char *s, size_t len)
{
	static const char *const banned[] = { "iframe", "frame", "object",
					      "embed",	"base",	 "applet",
					      "style" };
	char name[16];
	size_t i = 0, n = 0, k;
	int script = 0, script_ok = 0;

	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-')) {
		if (n + 1 < sizeof(name))
			name[n++] = (char)tolower((unsigned char)s[i]);
		i++;
	}
	name[n] = '\0';
	for (k = 0; k < ARRAY_SIZE(banned); k++)
		if (!strcmp(name, banned[k]))
			BUG("fuzz check failed: <%s> in a page", name);
	script = !strcmp(name, "script");
	for (;;) {
		size_t an, as, vs = 0, vl = 0;

		while (i < len && (isspace((unsigned char)s[i]) || s[i] == '/'))
			i++;
		if (i >= len || s[i] == '>')
			break;
		as = i;
		while (i < len && !isspace((unsigned char)s[i]) &&
		       s[i] != '>' && s[i] != '=' && s[i] != '/')
			i++;
		an = i - as;
		if (!an) {
			i++;
			continue;
		}
		while (i < len && isspace((unsigned char)s[i]))
			i++;
		if (i < len && s[i] == '=') {
			i++;
			while (i < len && isspace((unsigned char)s[i]))
				i++;
			if (i < len && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];

				vs = i;
				while (i < len && s[i] != q)
					i++;
				vl = i - vs;
				if (i < len)
					i++;
			} else {
				vs = i;
				while (i < len &&
				       !isspace((unsigned char)s[i]) &&
				       s[i] != '>')
					i++;
				vl = i - vs;
			}
		}
		if (an > 2 && starts_ci(s + as, an, "on"))
			BUG("fuzz check failed: event handler %.*s in a page",
			    (int)an, s + as);
		if ((an == 4 && starts_ci(s + as, an, "href")) ||
		    (an == 3 && starts_ci(s + as, an, "src")) ||
		    (an == 6 && starts_ci(s + as, an, "action")) ||
		    (an == 10 && starts_ci(s + as, an, "formaction")) ||
		    (an == 10 && starts_ci(s + as, an, "xlink:href"))) {
			if (script_url(s + vs, vl))
				BUG("fuzz check failed: script URL %.*s",
				    (int)vl, s + vs);
			if (script && an == 3 &&
			    !strncmp(s + vs, "/static/", 8))
				script_ok = 1;
		}
	}
	if (script && !script_ok)
		BUG("fuzz check failed: a <script> not of /static/");
	return i;
}

void fuzz_check_html(const char *body, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (body[i] != '<')
			continue;
		if (!strncmp(body + i, "<!--", 4)) {
			const char *end = strstr(body + i + 4, "-->");

			if (!end)
				break;
			i = (size_t)(end - body) + 2;
		} else if (isalpha((unsigned char)body[i + 1])) {
			i += check_tag(body + i + 1, len - i - 1);
		}
	}
}

void fuzz_check_response(int status, const char *content_type,
			 const char *location, const char *body, size_t len)
{
	/* 505 is MHD's own answer to an HTTP version it does not speak:
	 * the client's fault, said as the protocol asks. */
	if (status >= 500 && status != 505)
		BUG("fuzz check failed: status %d", status);
	if (location)
		FUZZ_CHECK(location[0] == '/' && location[1] != '/' &&
			   location[1] != '\\');
	if (content_type && !strncmp(content_type, "text/html", 9))
		fuzz_check_html(body, len);
}
