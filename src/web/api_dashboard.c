/* api_dashboard.c: /api/v1/dashboard, and the same figures as JSON text. */
#include "util/compat.h"

#include <stdlib.h>
#include <time.h>

#include "catalog/catalog.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "web/api_input.h"
#include "web/app.h"
#include "web/dashboard.h"
#include "web/json.h"
#include "web/page.h"
#include "web/pagecache.h"
#include "web/request.h"
#include "web/session.h"

/* A text in both languages: {"ja": …, "en": …}. */
static json_t *both(const struct text *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "ja", json_text(t->ja));
	json_object_set_new(o, "en", json_text(t->en));
	return o;
}

/* A time as UTC ISO 8601, or null for 0. */
static json_t *when(int64_t at)
{
	time_t tt = (time_t)at;
	struct tm tm;
	char buf[32];

	if (!at)
		return json_null();
	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

/* A share in percent, or null when there is nothing to count. */
static json_t *percent(int p)
{
	return p < 0 ? json_null() : json_integer(p);
}

static json_t *diagnosis_json(const struct dashboard *d)
{
	json_t *o = json_object(), *trend = json_array();
	size_t i;

	json_object_set_new(o, "units",
			    json_integer((json_int_t)d->diagnosis_units));
	json_object_set_new(o, "total",
			    d->diagnosis_units ? json_integer(d->score.total)
					       : json_null());
	json_object_set_new(o, "band",
			    d->band ? both(&d->band->label) : json_null());
	for (i = 0; i < d->trend_count; i++) {
		json_t *p = json_object();

		json_object_set_new(p, "completed_at",
				    when(d->trend[i].completed_at));
		json_object_set_new(p, "total",
				    json_integer(d->trend[i].total));
		json_array_append_new(trend, p);
	}
	json_object_set_new(o, "trend", trend);
	return o;
}

static json_t *action_json(const struct dashboard *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "five_committed",
			    json_integer(d->five_committed));
	json_object_set_new(o, "diagnosis_done",
			    json_boolean(d->diagnosis_done));
	json_object_set_new(o, "policy_published",
			    json_boolean(d->policy_published));
	json_object_set_new(o, "one_star", json_boolean(d->sa.one_star));
	json_object_set_new(o, "two_star", json_boolean(d->sa.two_star));
	return o;
}

static json_t *checklist_json(const struct dashboard *d)
{
	const struct checklist_coverage *c = &d->coverage;
	json_t *o = json_object(), *doms = json_array();
	size_t i;

	json_object_set_new(o, "level", json_integer(d->level));
	json_object_set_new(o, "items", json_integer(c->items));
	json_object_set_new(o, "done", json_integer(c->done));
	json_object_set_new(o, "partly", json_integer(c->partly));
	json_object_set_new(o, "not_done", json_integer(c->not_done));
	json_object_set_new(o, "not_applicable",
			    json_integer(c->not_applicable));
	json_object_set_new(o, "unanswered", json_integer(c->unanswered));
	json_object_set_new(o, "percent", percent(d->coverage_percent));
	for (i = 0; i < DOMAIN_COUNT; i++) {
		json_t *e;

		if (c->domain[i].items <= 0)
			continue;
		e = json_object();
		json_object_set_new(e, "domain",
				    json_string(guideline_domain_name(
					    (enum guideline_domain)i)));
		json_object_set_new(e, "items",
				    json_integer(c->domain[i].items));
		json_object_set_new(e, "done", json_integer(c->domain[i].done));
		json_object_set_new(e, "partly",
				    json_integer(c->domain[i].partly));
		json_object_set_new(
			e, "percent",
			percent(checklist_percent(c->domain[i].done,
						  c->domain[i].partly,
						  c->domain[i].items)));
		json_array_append_new(doms, e);
	}
	json_object_set_new(o, "domains", doms);
	return o;
}

static json_t *soa_json(const struct catalog *cat, const struct dashboard *d)
{
	const struct soa_progress *s = &d->soa;
	json_t *o = json_object(), *st = json_object();
	int i;

	json_object_set_new(o, "started", json_boolean(s->started));
	json_object_set_new(o, "controls",
			    json_integer((json_int_t)cat->control_count));
	json_object_set_new(o, "applicable", json_integer(s->applicable));
	json_object_set_new(o, "excluded", json_integer(s->excluded));
	json_object_set_new(
		o, "undecided",
		json_integer(s->started ? s->undecided
					: (json_int_t)cat->control_count));
	for (i = 0; i < SOA_STATUS_COUNT; i++)
		json_object_set_new(st, soa_status_name((enum soa_status)i),
				    json_integer(s->by_status[i]));
	json_object_set_new(o, "by_status", st);
	json_object_set_new(o, "version",
			    s->version_no ? json_integer(s->version_no)
					  : json_null());
	json_object_set_new(o, "approved_at", when(s->approved_at));
	return o;
}

static json_t *risks_json(const struct dashboard *d)
{
	json_t *o = json_object(), *g = json_object();
	int i;

	json_object_set_new(o, "assessment_open",
			    json_boolean(d->assessment_open));
	json_object_set_new(o, "method",
			    json_string(risk_method_name(d->method)));
	json_object_set_new(o, "total", json_integer((json_int_t)d->risks));
	json_object_set_new(o, "unrated", json_integer((json_int_t)d->unrated));
	for (i = 0; i < GRADE_COUNT; i++)
		json_object_set_new(g, risk_grade_name((enum risk_grade)i),
				    json_integer((json_int_t)d->by_grade[i]));
	json_object_set_new(o, "by_grade", g);
	return o;
}

static json_t *due_json(const struct dashboard *d)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < d->due_count; i++) {
		const struct dashboard_due *e = &d->due[i];
		json_t *o = json_object();

		json_object_set_new(o, "kind",
				    json_string(due_kind_name(e->kind)));
		json_object_set_new(o, "date", json_string(e->date));
		json_object_set_new(o, "days", json_integer(e->days));
		json_object_set_new(o, "ref", json_text(e->ref));
		json_object_set_new(o, "what", json_text(e->what));
		json_object_set_new(o, "task_id",
				    e->kind == DUE_TASK ? json_integer(e->id)
							: json_null());
		json_object_set_new(o, "document_id",
				    e->kind == DUE_DOCUMENT
					    ? json_integer(e->id)
					    : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

char *dashboard_json(const struct catalog *cat, const struct dashboard *d,
		     const char *today)
{
	json_t *o = json_object();
	char *s;

	json_object_set_new(o, "date", json_string(today));
	json_object_set_new(o, "diagnosis", diagnosis_json(d));
	json_object_set_new(o, "security_action", action_json(d));
	json_object_set_new(o, "checklist", checklist_json(d));
	json_object_set_new(o, "soa", soa_json(cat, d));
	json_object_set_new(o, "risks", risks_json(d));
	json_object_set_new(o, "overdue_tasks",
			    json_integer((json_int_t)d->overdue_tasks));
	json_object_set_new(o, "soon", json_integer((json_int_t)d->soon));
	json_object_set_new(o, "due", due_json(d));
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

static void api_dashboard_build(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct dashboard d;
	const char *today = page_today(ctx);
	char *s;

	if (dashboard_load(ctx->store, ctx->app->cat, &ctx->req->arena,
			   ctx->req->session->rec.org_id, today, &d, &err)) {
		api_fail(ctx, &err);
		return;
	}
	s = dashboard_json(ctx->app->cat, &d, today);
	strbuf_addstr(&ctx->resp->body, s);
	free(s);
	ctx->resp->status = 200;
	ctx->resp->content_type = "application/json";
}

void api_dashboard_get(struct ctx *ctx)
{
	/* Like the home page: the figures move with the data and the day. */
	pagecache_answer(ctx,
			 arena_printf(&ctx->req->arena, "api-dashboard:%s",
				      page_today(ctx)),
			 api_dashboard_build, "application/json");
}
