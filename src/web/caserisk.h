/*
 * caserisk.h: registering the risks an incident case reveals, for
 * several assets in one step.  The case page, the API and `mamori case
 * risks` share it, so the three make the same risks, skip the same
 * duplicates and write the same audit events.
 */
#ifndef MAMORI_WEB_CASERISK_H
#define MAMORI_WEB_CASERISK_H

#include <stddef.h>
#include <stdint.h>

#include "core/text.h"

struct arena;
struct catalog;
struct error;
struct i18n;
struct incident_case;
struct risk_pair;
struct store;
struct threat;
struct vulnerability;

/*
 * The most assets one request may name: the case page lists at most this
 * many, and a case has a handful of pairs, so one transaction writes a
 * few hundred risks at most.
 */
enum { CASERISK_ASSETS_MAX = 200 };

/* One pair of the case for one asset. */
struct caserisk_item {
	int64_t asset_id;
	const char *asset_name;
	const char *asset_medium;
	const struct threat *threat;
	const struct vulnerability *vulnerability;
	int64_t risk_id; /* the new risk, or the one the asset had already */
};

/* What one run made and what it left alone. */
/*
 * The case's rules and procedures, registered with the risks as a draft
 * procedure (実施手順) of the document register, numbered "PR-" and the
 * case's id ("PR-C05"), in the messages' language lang.
 */
struct caserisk_draft {
	const struct i18n *msgs;
	const char *author; /* e-mail of who saves it; "" from the CLI */
};

struct caserisk_result {
	int64_t assessment_id;
	int assessment_no;
	/* The draft: its id and number, and whether it was registered
	 * before (then it is left as it is); 0 and NULL without one. */
	int64_t draft_id;
	const char *draft_code;
	int draft_existed;
	struct caserisk_item *created; /* in asset, then pair order */
	size_t created_count;
	struct caserisk_item *skipped; /* the asset had the pair already */
	size_t skipped_count;
};

/*
 * How the front door records an event in the audit trail (page_audit,
 * cli_audit), inside the transaction of the change.
 */
struct caserisk_audit {
	int (*record)(void *arg, const char *action, const char *target,
		      const char *after, struct error *err);
	void *arg;
};

/* The case's pair of threat id and vulnerability id, or NULL. */
const struct risk_pair *caserisk_find_pair(const struct incident_case *c,
					   const char *threat,
					   const char *vulnerability);

/*
 * Registers, in one transaction of its own, a risk for every asset of
 * assets (asset_count of them, repeats ignored) and every pair of pairs
 * (pair_count pointers into c->pairs), unrated, in the open assessment,
 * with the threat's usual consequence in lang and one "risk.create"
 * audit event per risk.  A pair the asset already has in the open
 * assessment is skipped and reported.  out's lists come from arena.
 *
 * Everything is checked before anything is written, and nothing is
 * written on failure: ERROR_INPUT when no asset, more than
 * CASERISK_ASSETS_MAX or no pair is given; ERROR_NOT_FOUND
 * ("caserisk.no_asset", the id) when an asset is not one of org_id's
 * live assets; ERROR_CONFLICT ("caserisk.no_assessment") when no
 * assessment is open.
 */
int caserisk_create(struct store *store, struct arena *arena,
		    const struct catalog *cat, int64_t org_id,
		    const struct incident_case *c, const int64_t *assets,
		    size_t asset_count, const struct risk_pair *const *pairs,
		    size_t pair_count, enum lang lang, int64_t now,
		    const struct caserisk_draft *draft,
		    const struct caserisk_audit *audit,
		    struct caserisk_result *out, struct error *err);

#endif
