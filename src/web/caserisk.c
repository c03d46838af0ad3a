/* caserisk.c: the risks of an incident case, registered for assets. */
#include "util/compat.h"
#include "web/caserisk.h"

#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"
#include "catalog/i18n.h"
#include "core/asset.h"
#include "core/document.h"
#include "core/risk.h"
#include "store/repo_asset.h"
#include "store/repo_document.h"
#include "store/repo_risk.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/strbuf.h"

const struct risk_pair *caserisk_find_pair(const struct incident_case *c,
					   const char *threat,
					   const char *vulnerability)
{
	size_t i;

	for (i = 0; i < c->pair_count; i++)
		if (!strcmp(c->pairs[i].threat->id, threat) &&
		    !strcmp(c->pairs[i].vulnerability->id, vulnerability))
			return &c->pairs[i];
	return NULL;
}

/* The catalogue pairs an asset has already, gathered by repo_risk_each. */
struct held {
	struct arena *arena;
	const char **threats;
	const char **vulns;
	int64_t *ids;
	size_t count, cap;
};

static void held_add(struct held *h, const char *threat, const char *vuln,
		     int64_t id)
{
	if (h->count == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 16;
		const char **t = arena_calloc(h->arena, cap, sizeof(*t));
		const char **v = arena_calloc(h->arena, cap, sizeof(*v));
		int64_t *ids = arena_calloc(h->arena, cap, sizeof(*ids));

		if (h->count) {
			memcpy(t, h->threats, h->count * sizeof(*t));
			memcpy(v, h->vulns, h->count * sizeof(*v));
			memcpy(ids, h->ids, h->count * sizeof(*ids));
		}
		h->threats = t;
		h->vulns = v;
		h->ids = ids;
		h->cap = cap;
	}
	h->threats[h->count] = threat;
	h->vulns[h->count] = vuln;
	h->ids[h->count] = id;
	h->count++;
}

static int hold(void *arg, const struct risk *r)
{
	struct held *h = arg;

	/* Rows live only during the call, so the ids are copied. */
	if (*r->threat_id && *r->vulnerability_id)
		held_add(h, arena_strdup(h->arena, r->threat_id),
			 arena_strdup(h->arena, r->vulnerability_id), r->id);
	return 0;
}

/* The id of the asset's risk for the pair, or 0. */
static int64_t held_risk(const struct held *h, const struct risk_pair *p)
{
	size_t i;

	for (i = 0; i < h->count; i++)
		if (!strcmp(h->threats[i], p->threat->id) &&
		    !strcmp(h->vulns[i], p->vulnerability->id))
			return h->ids[i];
	return 0;
}

static void blank_risk(struct risk *r, int64_t asset_id)
{
	memset(r, 0, sizeof(*r));
	r->asset_id = asset_id;
	r->threat_id = r->threat = r->vulnerability_id = "";
	r->vulnerability = r->consequence = r->reason = "";
	r->controls = r->guideline = "";
	r->threat_level = r->vulnerability_level = RISK_UNRATED;
	r->likelihood = r->importance = r->level = RISK_UNRATED;
	r->residual_vulnerability = r->residual_likelihood = RISK_UNRATED;
	r->residual_level = RISK_UNRATED;
}

/* The distinct assets of the request, each checked to be org_id's. */
static int load_assets(struct store *store, struct arena *arena, int64_t org_id,
		       const int64_t *ids, size_t count, struct asset **out,
		       size_t *out_count, struct error *err)
{
	struct asset *rows = arena_calloc(arena, count, sizeof(*rows));
	size_t i, j, n = 0;

	for (i = 0; i < count; i++) {
		int found;

		for (j = 0; j < n && rows[j].id != ids[i]; j++)
			;
		if (j < n)
			continue;
		found = repo_asset_get(store, arena, org_id, ids[i], &rows[n],
				       err);
		if (found < 0)
			return -1;
		if (!found) {
			char id[32];

			snprintf(id, sizeof(id), "%lld", (long long)ids[i]);
			return error_set(err, ERROR_NOT_FOUND,
					 "caserisk.no_asset", id, NULL);
		}
		n++;
	}
	*out = rows;
	*out_count = n;
	return 0;
}

/* Adds one item to a growing arena list. */
static void push(struct arena *arena, struct caserisk_item **list,
		 size_t *count, size_t cap, const struct caserisk_item *item)
{
	if (!*list)
		*list = arena_calloc(arena, cap, sizeof(**list));
	(*list)[(*count)++] = *item;
}

/* Writes the risks; the caller holds the transaction. */
static int write_risks(struct store *store, struct arena *arena,
		       const struct catalog *cat, int64_t org_id,
		       const struct incident_case *c,
		       const struct risk_assessment *a,
		       const struct asset *rows, size_t asset_count,
		       const struct risk_pair *const *pairs, size_t pair_count,
		       enum lang lang, int64_t now,
		       const struct caserisk_audit *audit,
		       struct caserisk_result *out, struct error *err)
{
	const struct risk_method_def *def = catalog_method(cat, a->method);
	size_t cap = st_mult(asset_count, pair_count), i, k;

	for (i = 0; i < asset_count; i++) {
		struct held h = { arena, NULL, NULL, NULL, 0, 0 };
		struct risk_query q;

		memset(&q, 0, sizeof(q));
		q.assessment_id = a->id;
		q.sort = RSORT_ID;
		q.limit = 1000;
		q.asset_id = rows[i].id;
		q.level_min = q.level_max = RISK_ANY;
		q.importance = q.likelihood = RISK_ANY;
		if (repo_risk_each(store, org_id, &q, hold, &h, err) < 0)
			return -1;
		for (k = 0; k < pair_count; k++) {
			struct caserisk_item item = {
				rows[i].id,
				rows[i].name,
				rows[i].medium,
				pairs[k]->threat,
				pairs[k]->vulnerability,
				held_risk(&h, pairs[k]),
			};
			struct risk r;

			if (item.risk_id) {
				push(arena, &out->skipped, &out->skipped_count,
				     cap, &item);
				continue;
			}
			blank_risk(&r, rows[i].id);
			r.threat_id = pairs[k]->threat->id;
			r.vulnerability_id = pairs[k]->vulnerability->id;
			r.consequence =
				text_get(&pairs[k]->threat->consequence, lang);
			if (risk_validate(def, &r, err) ||
			    repo_risk_put(store, org_id, a, def, &r, now,
					  err) ||
			    audit->record(
				    audit->arg, "risk.create",
				    arena_printf(arena, "risk:%lld",
						 (long long)r.id),
				    arena_printf(
					    arena, "asset:%lld %s %s case:%s",
					    (long long)r.asset_id, r.threat_id,
					    r.vulnerability_id, c->id),
				    err))
				return -1;
			item.risk_id = r.id;
			/* A pair named twice is made once. */
			held_add(&h, r.threat_id, r.vulnerability_id, r.id);
			push(arena, &out->created, &out->created_count, cap,
			     &item);
		}
	}
	return 0;
}

/* Adds the lines of text (one per line) to md as a list. */
static void md_lines(struct strbuf *md, const char *text, int ordered)
{
	const char *p = text;
	int n = 0;

	while (*p) {
		size_t len = strcspn(p, "\n");

		if (len) {
			if (ordered)
				strbuf_addf(md, "%d. ", ++n);
			else
				strbuf_addstr(md, "- ");
			strbuf_add(md, p, len);
			strbuf_addch(md, '\n');
		}
		p += len;
		if (*p)
			p++;
	}
}

/*
 * Registers the draft of c's rules and procedures, unless a document of
 * its number exists (then out names that one and nothing is written).
 */
static int write_draft(struct store *store, struct arena *arena,
		       const struct catalog *cat, int64_t org_id,
		       const struct incident_case *c, enum lang lang,
		       int64_t now, const struct caserisk_draft *draft,
		       const struct caserisk_audit *audit,
		       struct caserisk_result *out, struct error *err)
{
	const char *title = text_get(&c->title, lang);
	const char *args[1] = { title };
	struct strbuf md = STRBUF_INIT, s = STRBUF_INIT;
	struct document d, have;
	char code[32];
	size_t i;
	int found, version = 0, rc = -1;

	(void)cat;
	snprintf(code, sizeof(code), "PR-%s", c->id);
	for (i = 3; code[i]; i++)
		if (code[i] >= 'a' && code[i] <= 'z')
			code[i] = (char)(code[i] - 'a' + 'A');
	out->draft_code = arena_strdup(arena, code);
	found = repo_document_get_code(store, arena, org_id, code, &have, err);
	if (found) {
		out->draft_id = found > 0 ? have.id : 0;
		out->draft_existed = found > 0;
		return found < 0 ? -1 : 0;
	}
	memset(&d, 0, sizeof(d));
	d.code = out->draft_code;
	i18n_format(draft->msgs, lang, "caserisk.draft_title", args, 1, &s);
	d.title = arena_strdup(arena, s.buf);
	d.type = DOCUMENT_PROCEDURE;
	/* The post that usually keeps procedures; the user changes it. */
	d.owner = i18n_get(draft->msgs, lang, "caserisk.draft_owner");
	d.approver = d.next_review = d.retention = d.label = "";
	d.status = DOCUMENT_DRAFT;
	strbuf_addf(&md, "# %s\n\n", d.title);
	strbuf_reset(&s);
	i18n_format(draft->msgs, lang, "caserisk.draft_intro", args, 1, &s);
	strbuf_addf(&md, "%s\n\n## %s\n\n", s.buf,
		    i18n_get(draft->msgs, lang, "caserisk.draft_measures"));
	md_lines(&md, text_get(&c->measures, lang), 0);
	strbuf_addf(&md, "\n## %s\n\n",
		    i18n_get(draft->msgs, lang, "caserisk.draft_procedures"));
	md_lines(&md, text_get(&c->procedures, lang), 1);
	strbuf_addf(&md, "\n## %s\n\n",
		    i18n_get(draft->msgs, lang, "caserisk.draft_controls"));
	for (i = 0; i < c->control_count; i++)
		strbuf_addf(&md, "- %s %s\n", c->controls[i]->id,
			    text_get(&c->controls[i]->title, lang));
	if (document_validate(&d, NULL, 0, err) ||
	    repo_document_insert(store, org_id, &d, now, err) ||
	    repo_document_save(store, org_id, d.id, md.buf, "", draft->author,
			       DOCUMENT_DRAFT, now, &version, err) != 1)
		goto out;
	strbuf_reset(&s);
	strbuf_addf(&s, "code: %s\ntype: procedure\ncase: %s\nversion: %d",
		    d.code, c->id, version);
	if (audit->record(audit->arg, "document.add",
			  arena_printf(arena, "document:%lld", (long long)d.id),
			  s.buf, err))
		goto out;
	out->draft_id = d.id;
	rc = 0;
out:
	strbuf_release(&md);
	strbuf_release(&s);
	return rc;
}

int caserisk_create(struct store *store, struct arena *arena,
		    const struct catalog *cat, int64_t org_id,
		    const struct incident_case *c, const int64_t *assets,
		    size_t asset_count, const struct risk_pair *const *pairs,
		    size_t pair_count, enum lang lang, int64_t now,
		    const struct caserisk_draft *draft,
		    const struct caserisk_audit *audit,
		    struct caserisk_result *out, struct error *err)
{
	struct risk_assessment a;
	struct asset *rows = NULL;
	size_t n = 0;
	int found;

	memset(out, 0, sizeof(*out));
	if (!asset_count)
		return error_set(err, ERROR_INPUT, "caserisk.no_assets", NULL);
	if (asset_count > CASERISK_ASSETS_MAX) {
		char max[16];

		snprintf(max, sizeof(max), "%d", CASERISK_ASSETS_MAX);
		return error_set(err, ERROR_INPUT, "caserisk.too_many", max,
				 NULL);
	}
	if (!pair_count)
		return error_set(err, ERROR_INPUT, "caserisk.no_pairs", NULL);
	/*
	 * The assessment and the assets are read under the write lock, so
	 * the risks land in the assessment that is open when they are
	 * written, on the assets as they are then.
	 */
	if (store_begin(store, err))
		return -1;
	found = repo_assessment_open(store, arena, org_id, &a, err);
	if (found < 0)
		goto out_rollback;
	if (!found) {
		error_set(err, ERROR_CONFLICT, "caserisk.no_assessment", NULL);
		goto out_rollback;
	}
	out->assessment_id = a.id;
	out->assessment_no = a.no;
	if (load_assets(store, arena, org_id, assets, asset_count, &rows, &n,
			err) ||
	    write_risks(store, arena, cat, org_id, c, &a, rows, n, pairs,
			pair_count, lang, now, audit, out, err) ||
	    (draft && write_draft(store, arena, cat, org_id, c, lang, now,
				  draft, audit, out, err)) ||
	    store_commit(store, err))
		goto out_rollback;
	return 0;
out_rollback:
	store_rollback(store);
	out->created_count = out->skipped_count = 0;
	out->draft_id = 0;
	out->draft_existed = 0;
	return -1;
}
