/* api_diagnosis.c: /api/v1/diagnosis, and the result as JSON. */
#include "util/compat.h"
#include "web/api_diagnosis.h"

#include "catalog/answers.h"
#include "catalog/catalog.h"
#include "store/repo_diagnosis.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/parse.h"
#include "web/app.h"
#include "web/json.h"
#include "web/page.h"
#include "web/request.h"
#include "web/session.h"

static json_t *run_json(const struct diagnosis_run *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "unit", json_text(r->unit));
	json_object_set_new(o, "answered_by", json_text(r->answered_by));
	json_object_set_new(o, "started_at", json_integer(r->started_at));
	json_object_set_new(o, "completed_at",
			    r->completed_at ? json_integer(r->completed_at)
					    : json_null());
	json_object_set_new(o, "answered", json_integer(r->answered));
	json_object_set_new(o, "total", json_integer(r->total));
	return o;
}

static json_t *result_tree(const struct catalog *cat, enum lang lang,
			   const int answers[DIAGNOSIS_ITEMS],
			   const struct diagnosis_run *run)
{
	json_t *o = run ? run_json(run) : json_object();
	json_t *parts = json_array(), *weak = json_array(), *all = json_array();
	const struct diagnosis_band *band;
	struct diagnosis_score s;
	int order[DIAGNOSIS_ITEMS];
	size_t i, n, k;

	if (diagnosis_score(answers, cat->parts, cat->part_count, &s))
		BUG("the catalogue's parts do not cover the 25 items");
	band = diagnosis_band_of(cat->bands, cat->band_count, s.total);
	json_object_set_new(o, "total", json_integer(s.total));
	json_object_set_new(o, "max", json_integer(DIAGNOSIS_MAX));
	if (band) {
		json_t *b = json_object();

		json_object_set_new(b, "min", json_integer(band->min));
		json_object_set_new(b, "max", json_integer(band->max));
		json_object_set_new(b, "label",
				    json_text(text_get(&band->label, lang)));
		json_object_set_new(b, "meaning",
				    json_text(text_get(&band->meaning, lang)));
		json_object_set_new(b, "next",
				    json_text(text_get(&band->next, lang)));
		json_object_set_new(o, "band", b);
	}
	for (i = 0; i < cat->part_count; i++) {
		json_t *p = json_object();
		int pi = cat->parts[i].part - 1;

		json_object_set_new(p, "part",
				    json_integer(cat->parts[i].part));
		json_object_set_new(
			p, "name",
			json_text(text_get(&cat->parts[i].name, lang)));
		json_object_set_new(p, "score", json_integer(s.part_total[pi]));
		json_object_set_new(p, "max", json_integer(s.part_max[pi]));
		json_array_append_new(parts, p);
	}
	json_object_set_new(o, "parts", parts);
	json_object_set_new(o, "unknown", json_integer(s.unknown_count));
	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		json_array_append_new(all, diagnosis_answer_valid(answers[i])
						   ? json_integer(answers[i])
						   : json_null());
	json_object_set_new(o, "answers", all);
	n = diagnosis_weakest_first(answers, order);
	for (i = 0; i < n; i++) {
		const struct diagnosis_item *d =
			catalog_diagnosis_item(cat, order[i]);
		json_t *w = json_object(), *c = json_array(), *g = json_array(),
		       *r = json_array();

		json_object_set_new(w, "no", json_integer(d->no));
		json_object_set_new(w, "answer",
				    json_integer(answers[d->no - 1]));
		json_object_set_new(w, "question",
				    json_text(text_get(&d->question, lang)));
		json_object_set_new(w, "advice",
				    json_text(text_get(&d->advice, lang)));
		for (k = 0; k < d->control_count; k++)
			json_array_append_new(c,
					      json_string(d->controls[k]->id));
		for (k = 0; k < d->guideline_count; k++)
			json_array_append_new(g,
					      json_string(d->guideline[k]->id));
		for (k = 0; k < d->regulation_count; k++)
			json_array_append_new(
				r, json_integer(d->regulations[k]->no));
		json_object_set_new(w, "controls", c);
		json_object_set_new(w, "guideline", g);
		json_object_set_new(w, "regulations", r);
		json_array_append_new(weak, w);
	}
	json_object_set_new(o, "weakest", weak);
	return o;
}

char *diagnosis_result_json(const struct catalog *cat, enum lang lang,
			    const int answers[DIAGNOSIS_ITEMS],
			    const struct diagnosis_run *run)
{
	json_t *o = result_tree(cat, lang, answers, run);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(o);
	if (!s)
		BUG("json_dumps failed");
	return s;
}

void api_diagnosis_list(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct diagnosis_run *runs;
	size_t count, i;
	json_t *items, *out;

	if (repo_run_list(ctx->store, &ctx->req->arena,
			  ctx->req->session->rec.org_id, 100, &runs, &count,
			  &err)) {
		api_problem(ctx, 500, "http.internal", NULL);
		return;
	}
	items = json_array();
	for (i = 0; i < count; i++)
		json_array_append_new(items, run_json(&runs[i]));
	out = json_object();
	json_object_set_new(out, "count", json_integer((json_int_t)count));
	json_object_set_new(out, "items", items);
	json_send(ctx, 200, out);
}

void api_diagnosis_get(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct diagnosis_run r;
	long id;
	int found;

	if (parse_long(ctx->req->route_arg, 1, INT32_MAX, &id)) {
		api_problem(ctx, 404, "http.not_found", ctx->req->route_arg);
		return;
	}
	found = repo_run_get(ctx->store, &ctx->req->arena,
			     ctx->req->session->rec.org_id, id, &r, &err);
	if (found <= 0) {
		if (found < 0)
			api_problem(ctx, 500, "http.internal", NULL);
		else
			api_problem(ctx, 404, "http.not_found",
				    ctx->req->route_arg);
		return;
	}
	json_send(ctx, 200,
		  result_tree(ctx->app->cat, ctx->req->lang, r.answers, &r));
}

void api_diagnosis_post(struct ctx *ctx)
{
	struct error err = ERROR_INIT;
	struct answer_set set;
	struct diagnosis_run r;
	const char *by = ctx->req->session->rec.email;
	int64_t org = ctx->req->session->rec.org_id, id;
	int missing, i;

	if (!ctx->req->content_type ||
	    strncmp(ctx->req->content_type, "application/json", 16)) {
		api_problem(ctx, 415, "api.json_expected", NULL);
		return;
	}
	if (answers_from_json(&ctx->req->arena, ctx->req->body,
			      ctx->req->body_len, &set, &err)) {
		struct strbuf msg = STRBUF_INIT;

		i18n_error_text(ctx, &err, &msg);
		api_problem(ctx, 400, err.key, msg.buf);
		strbuf_release(&msg);
		return;
	}
	if ((missing = answers_missing(&set))) {
		char num[16];

		snprintf(num, sizeof(num), "%d", missing);
		api_problem(ctx, 400, "answers.missing", num);
		return;
	}
	/* One transaction: the run, its 25 answers, completion, the event. */
	if (store_begin(ctx->store, &err) ||
	    repo_run_create(ctx->store, org, set.unit, by, ctx->req->now, &id,
			    &err))
		goto out_fail;
	for (i = 0; i < DIAGNOSIS_ITEMS; i++)
		if (repo_run_answer(ctx->store, org, id, i + 1, set.answers[i],
				    set.notes[i], by, ctx->req->now, &err) < 0)
			goto out_fail;
	if (repo_run_complete(ctx->store, org, id, ctx->req->now, &err) <= 0 ||
	    page_audit(ctx, "diagnosis.complete",
		       arena_printf(&ctx->req->arena, "diagnosis:%lld",
				    (long long)id),
		       "", "api", &err) ||
	    store_commit(ctx->store, &err))
		goto out_fail;
	if (repo_run_get(ctx->store, &ctx->req->arena, org, id, &r, &err) <= 0)
		goto out_fail;
	response_header(ctx->resp, "Location",
			arena_printf(&ctx->req->arena, "/api/v1/diagnosis/%lld",
				     (long long)id));
	json_send(ctx, 201,
		  result_tree(ctx->app->cat, ctx->req->lang, r.answers, &r));
	return;
out_fail:
	store_rollback(ctx->store);
	api_problem(ctx, 500, "http.internal", NULL);
}
