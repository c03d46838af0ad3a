/*
 * page_backup.c: where an administrator sees that backups are taken and
 * restores are tried, as the guideline asks (automated, kept apart,
 * restore tested at least twice a year).  The log is the installation's
 * (backup_log), not an organisation's register.
 */
#include "util/compat.h"
#include "web/backupview.h"

#include <time.h>

#include "core/permission.h"
#include "store/repo_backup.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/app.h"
#include "web/backup.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

enum { LOG_SHOWN = 20 };

int64_t backup_max_age(int64_t every)
{
	return every > 0 ? every + every / 2 + 60 : BACKUP_MAX_AGE;
}

/* A time as the office reads it (the server's local time). */
static const char *when(struct ctx *ctx, int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char *buf = arena_alloc(&ctx->req->arena, 32);

	localtime_r(&tt, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

static const char *num(struct ctx *ctx, long long v)
{
	return arena_printf(&ctx->req->arena, "%lld", v);
}

/* What the page and the warning need: the newest of each. */
struct backup_state {
	int have_backup, have_test;
	struct backup_entry backup, test;
	struct backup_schedule schedule;
	int scheduled;
	int backup_late, test_late;
};

static int load_state(struct ctx *ctx, struct backup_state *st,
		      struct error *err)
{
	int64_t now = ctx->req->now;

	memset(st, 0, sizeof(*st));
	st->have_backup = repo_backup_last_ok(ctx->store, &ctx->req->arena,
					      BACKUP_KIND_BACKUP, &st->backup,
					      err);
	if (st->have_backup < 0)
		return -1;
	st->have_test = repo_backup_last_ok(ctx->store, &ctx->req->arena,
					    BACKUP_KIND_RESTORE_TEST, &st->test,
					    err);
	if (st->have_test < 0)
		return -1;
	st->scheduled =
		backup_schedule_current(&ctx->req->arena, &st->schedule);
	st->backup_late =
		!st->have_backup ||
		now - st->backup.at >
			backup_max_age(st->scheduled ? st->schedule.every : 0);
	st->test_late = !st->have_test ||
			now - st->test.at > RESTORE_TEST_MAX_AGE;
	return 0;
}

void backup_warning_render(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct backup_state st;
	struct error err = ERROR_INIT;

	if (!permission_granted(ctx->req->session->rec.roles, PERM_ADMIN))
		return;
	/* A warning that cannot be worked out is no reason to fail home. */
	if (load_state(ctx, &st, &err) || (!st.backup_late && !st.test_late))
		return;
	html_lit(o, "<p class=\"notice warn\" id=\"backup-warning\">");
	/* Each warning has an id, so tests need not read the language. */
	if (st.backup_late) {
		html_lit(o, "<span id=\"");
		html_attr(o, st.have_backup ? "warn-backup-old"
					    : "warn-backup-none");
		html_lit(o, "\">");
		page_t(ctx,
		       st.have_backup ? "backup.warn_old" : "backup.warn_none");
		html_lit(o, "</span> ");
	}
	if (st.test_late) {
		html_lit(o, "<span id=\"");
		html_attr(o, st.have_test ? "warn-test-old" : "warn-test-none");
		html_lit(o, "\">");
		page_t(ctx, st.have_test ? "backup.warn_test_old"
					 : "backup.warn_test_none");
		html_lit(o, "</span> ");
	}
	html_lit(o, "<a href=\"/backup\">");
	page_t(ctx, "backup.warn_link");
	html_lit(o, "</a></p>");
}

static void entry_row(struct ctx *ctx, const struct backup_entry *e)
{
	struct strbuf *o = &ctx->resp->body;
	static const char *const kind_keys[BACKUP_KIND_COUNT] = {
		[BACKUP_KIND_BACKUP] = "backup.kind_backup",
		[BACKUP_KIND_RESTORE_TEST] = "backup.kind_restore_test",
		[BACKUP_KIND_RESTORE] = "backup.kind_restore",
	};

	html_lit(o, "<tr><td>");
	html_text(o, when(ctx, e->at));
	html_lit(o, "</td><td>");
	page_t(ctx, kind_keys[e->kind]);
	html_lit(o, "</td><td><code>");
	html_text(o, e->file);
	html_lit(o, "</code></td><td class=\"num\">");
	if (e->size)
		html_text(o, num(ctx, (long long)e->size));
	html_lit(o, "</td><td>");
	page_t(ctx, e->actor && !strcmp(e->actor, "schedule")
			    ? "backup.by_schedule"
			    : "backup.by_cli");
	html_lit(o, "</td><td>");
	if (e->ok) {
		html_lit(o, "<span class=\"badge\">");
		page_t(ctx, "backup.ok");
		html_lit(o, "</span>");
	} else {
		struct error failure;
		struct strbuf msg = STRBUF_INIT;

		backup_error_parse(e->message, &failure);
		i18n_error_text(ctx, &failure, &msg);
		html_lit(o, "<strong>");
		page_t(ctx, "backup.failed_word");
		html_lit(o, "</strong> ");
		html_text(o, msg.buf);
		strbuf_release(&msg);
	}
	html_lit(o, "</td></tr>");
}

/* One summary: the newest entry, or a line saying there is none. */
static void summary(struct ctx *ctx, const char *id, const char *title_key,
		    int have, const struct backup_entry *e, int late,
		    const char *late_key, const char *none_key)
{
	struct strbuf *o = &ctx->resp->body;

	html_lit(o, "<section id=\"");
	html_attr(o, id);
	html_lit(o, "\"><h2>");
	page_t(ctx, title_key);
	html_lit(o, "</h2>");
	if (late) {
		html_lit(o, "<p class=\"notice warn\">");
		page_t(ctx, have ? late_key : none_key);
		html_lit(o, "</p>");
	}
	if (have) {
		html_lit(o, "<dl class=\"facts\"><dt>");
		page_t(ctx, "backup.at");
		html_lit(o, "</dt><dd>");
		html_text(o, when(ctx, e->at));
		html_lit(o, "</dd><dt>");
		page_t(ctx, "backup.file");
		html_lit(o, "</dt><dd><code>");
		html_text(o, e->file);
		html_lit(o, "</code></dd><dt>SHA-256</dt><dd><code>");
		html_text(o, e->sha256);
		html_lit(o, "</code></dd></dl>");
	}
	html_lit(o, "</section>");
}

void page_backup(struct ctx *ctx)
{
	struct strbuf *o = &ctx->resp->body;
	struct error err = ERROR_INIT;
	struct backup_state st;
	struct backup_entry *rows;
	size_t count, i;

	if (load_state(ctx, &st, &err) ||
	    repo_backup_log_list(ctx->store, &ctx->req->arena, LOG_SHOWN, &rows,
				 &count, &err)) {
		page_fail(ctx, &err);
		return;
	}
	layout_begin(ctx, t(ctx, "backup.title"), NAV_BACKUP);
	html_lit(o, "<p class=\"lead\">");
	page_t(ctx, "backup.lead");
	html_lit(o, "</p>");
	summary(ctx, "last-backup", "backup.last_backup", st.have_backup,
		&st.backup, st.backup_late, "backup.warn_old",
		"backup.warn_none");
	summary(ctx, "last-test", "backup.last_test", st.have_test, &st.test,
		st.test_late, "backup.warn_test_old", "backup.warn_test_none");
	html_lit(o, "<section><h2>");
	page_t(ctx, "backup.schedule");
	html_lit(o, "</h2><p id=\"backup-schedule\">");
	if (st.scheduled) {
		const char *args[4] = {
			arena_printf(&ctx->req->arena, "%.2f",
				     (double)st.schedule.every / 3600),
			st.schedule.dir,
			num(ctx, st.schedule.keep),
			t(ctx, st.schedule.passphrase ? "backup.sealed"
						      : "backup.plain"),
		};

		html_text(o, tn(ctx, "backup.schedule_on", args, 4));
	} else {
		page_t(ctx, "backup.schedule_off");
	}
	html_lit(o, "</p><p>");
	page_t(ctx, "backup.howto");
	html_lit(o, "</p><pre>mamori backup --output FILE\n"
		    "mamori backup verify FILE\n"
		    "mamori restore FILE</pre></section><section><h2>");
	page_t(ctx, "backup.log");
	html_lit(o, "</h2>");
	if (!count) {
		html_lit(o, "<p>");
		page_t(ctx, "backup.log_empty");
		html_lit(o, "</p>");
	} else {
		html_lit(o,
			 "<table class=\"list\" id=\"backup-log\"><thead><tr>"
			 "<th scope=\"col\">");
		page_t(ctx, "backup.at");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "backup.kind");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "backup.file");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "backup.size");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "backup.by");
		html_lit(o, "</th><th scope=\"col\">");
		page_t(ctx, "backup.result");
		html_lit(o, "</th></tr></thead><tbody>");
		for (i = 0; i < count; i++)
			entry_row(ctx, &rows[i]);
		html_lit(o, "</tbody></table>");
	}
	html_lit(o, "</section>");
	layout_end(ctx);
}
