/* repo_policy.h: the basic policy and handbook versions, the executive's
 * sign-off and the cloud services register, in the store. */
#ifndef MAMORI_STORE_REPO_POLICY_H
#define MAMORI_STORE_REPO_POLICY_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct error;
struct store;

/* One saved version of the basic policy or the handbook. */
struct policy_doc {
	int64_t id;
	int version;
	const char *body;	/* Markdown */
	const char *objectives; /* space-separated objective ids */
	const char *created_by;
	int64_t created_at;
	const char *approved_by; /* NULL until approved */
	int64_t approved_at;
	int64_t published_at; /* 0 until published */
};

/* kind is "basic_policy" or "handbook". */
int repo_doc_save(struct store *store, int64_t org_id, const char *kind,
		  const char *body, const char *objectives, const char *by,
		  int64_t now, int *version, struct error *err);
/*
 * The newest version (version 0: the newest; else that one).  Returns 1
 * found, 0 none, -1 error.
 */
int repo_doc_get(struct store *store, struct arena *arena, int64_t org_id,
		 const char *kind, int version, struct policy_doc *out,
		 struct error *err);
/* Every version, newest first, without bodies. */
int repo_doc_list(struct store *store, struct arena *arena, int64_t org_id,
		  const char *kind, struct policy_doc **rows, size_t *count,
		  struct error *err);
/* Approves an unapproved version; returns 1, or 0 when not possible. */
int repo_doc_approve(struct store *store, int64_t org_id, const char *kind,
		     int version, const char *by, int64_t now,
		     struct error *err);
/* Publishes an approved, unpublished version; 1, or 0. */
int repo_doc_publish(struct store *store, int64_t org_id, const char *kind,
		     int version, int64_t now, struct error *err);
/* Returns 1 when some version of kind is approved and published. */
int repo_doc_published(struct store *store, int64_t org_id, const char *kind,
		       int *published, struct error *err);

/* The executive's sign-off of one item ("principle-1", "action-3"). */
struct signoff {
	const char *item;
	int done;
	const char *note;
	const char *signed_by;
	int64_t signed_at;
};

int repo_signoff_list(struct store *store, struct arena *arena, int64_t org_id,
		      struct signoff **rows, size_t *count, struct error *err);
int repo_signoff_set(struct store *store, int64_t org_id, const char *item,
		     int done, const char *note, const char *by, int64_t now,
		     struct error *err);

/* A cloud service the organisation uses. */
struct cloud_service {
	int64_t id;
	const char *name;
	const char *purpose;
	const char *data;
	int importance; /* 0 … 2, as the IPA ledger rates information */
	const char *administrator;
	const char *users;
	const char *support;
	const char *sla;
	const char *location;
	const char *cost;
	const char *contract; /* "none", "terms" or "contract" */
	int nda;
	int checks_done; /* checks answered "yes" or "na" */
	int checks_open; /* checks answered "partly" or "no", or unanswered */
};

int repo_cloud_list(struct store *store, struct arena *arena, int64_t org_id,
		    struct cloud_service **rows, size_t *count,
		    struct error *err);
/* 1 found, 0 not (not org_id's), -1 error. */
int repo_cloud_get(struct store *store, struct arena *arena, int64_t org_id,
		   int64_t id, struct cloud_service *out, struct error *err);
/* Inserts (s->id 0, sets it) or updates org_id's service s->id. */
int repo_cloud_put(struct store *store, int64_t org_id, struct cloud_service *s,
		   int64_t now, struct error *err);
/* The 15 checks of a service: status[i] "" when unanswered. */
int repo_cloud_checks(struct store *store, struct arena *arena, int64_t org_id,
		      int64_t id, const char *status[15], const char *notes[15],
		      struct error *err);
int repo_cloud_check_set(struct store *store, int64_t org_id, int64_t id,
			 int item, const char *status, const char *note,
			 struct error *err);

#endif
