/* organisation.h: an organisation and the accounts that work in it. */
#ifndef MAMORI_CORE_ORGANISATION_H
#define MAMORI_CORE_ORGANISATION_H

#include <stdint.h>

struct error;

/* Limits of the fields, in characters; shared by every front door. */
enum {
	ORG_NAME_MAX = 200,
	ACCOUNT_NAME_MAX = 100,
};

struct organisation {
	int64_t id;
	const char *name;
	int is_sample;		/* the demonstration organisation */
	const char *created_at; /* ISO 8601 UTC */
};

struct account {
	int64_t id;
	const char *email;
	const char *display_name;
	const char *created_at;
	int must_change_password; /* the password was generated, not chosen */
};

/* What the organisation tells about itself (the first step of the path). */
struct org_profile {
	const char *representative;
	const char *services;
	long employees;
	const char *industry;
	int dedicated_admin; /* the three level questions of the guideline */
	int large_private_data;
	int has_csirt;
	int64_t updated_at; /* 0 until first saved */
};

/* Checks a profile's fields (lengths, employee count). */
int org_profile_validate(const struct org_profile *p, struct error *err);

/* Checks an organisation's fields; ERROR_INPUT naming the field. */
int organisation_validate(const struct organisation *org, struct error *err);
/* Checks an account's e-mail and display name. */
int account_validate(const struct account *acc, struct error *err);

#endif
