/* demo.h: the sample organisation's data (data/demo/), for make run. */
#ifndef MAMORI_CLI_DEMO_H
#define MAMORI_CLI_DEMO_H

#include <stdint.h>

struct error;
struct store;

/*
 * Fills org_id with the sample company of data/demo/: its profile, its
 * five points and its past self-diagnosis runs, dated relative to now.
 * Runs inside the caller's transaction.
 */
int demo_seed(struct store *store, int64_t org_id, int64_t now,
	      struct error *err);

#endif
