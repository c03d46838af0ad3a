/* layout.h: the page around every screen: head, navigation, footer. */
#ifndef MAMORI_WEB_LAYOUT_H
#define MAMORI_WEB_LAYOUT_H

struct ctx;
struct strbuf;

/* Which navigation entry is current. */
enum nav {
	NAV_NONE,
	NAV_HOME,
	NAV_START,
	NAV_FIVE,
	NAV_DIAGNOSIS,
	NAV_POLICY,
	NAV_HANDBOOK,
	NAV_EXECUTIVE,
	NAV_CLOUD,
	NAV_CASES,
	NAV_ASSETS,
	NAV_RISKS,
	NAV_PLAN,
	NAV_SOA,
	NAV_DOCUMENTS,
	NAV_CHECKLIST,
	NAV_CONTROLS,
	NAV_GUIDELINE,
	NAV_AUDIT,
	NAV_SETTINGS,
	NAV_ORGS,
	NAV_MEMBERS,
	NAV_BACKUP,
	NAV_PACK,
};

/*
 * Opens the page: <head> with the title, then the header with the
 * organisation (marked when it is a sample), the navigation by level
 * (LV1 quick, LV2 baseline, LV3 ISMS) and the user menu.  title is
 * plain text (escaped here).
 */
void layout_begin(struct ctx *ctx, const char *title, enum nav current);
/* Closes the main area and the page. */
void layout_end(struct ctx *ctx);
/* A bare page (login, errors): no navigation, centred card. */
void layout_begin_bare(struct ctx *ctx, const char *title);
void layout_end_bare(struct ctx *ctx);

/*
 * A form that switches the page language and returns to next, guarded by
 * the CSRF token csrf.
 */
void layout_lang_switch(struct ctx *ctx, const char *csrf, const char *next,
			const char *form_class);

/*
 * A page meant for paper: the organisation's name, the seal boxes a
 * Japanese office expects (承認 / 確認 / 作成) and the content; no
 * navigation.
 */
void layout_begin_print(struct ctx *ctx, const char *title);
void layout_end_print(struct ctx *ctx);

/* Percent-encodes s for a URL query component. */
void layout_url_arg(struct strbuf *out, const char *s);

#endif
