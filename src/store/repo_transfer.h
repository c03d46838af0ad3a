/*
 * repo_transfer.h: one organisation moved between installations.  An
 * export copies every row of the organisation from a data file into a
 * fresh one of the same schema; an import copies such a file's rows into
 * a data file under new ids, in the caller's transaction.  Which tables
 * move is read from the schema itself, so a table added later moves
 * without anyone touching this code — or, when its meaning cannot be
 * read from the schema, makes the move fail rather than be left behind.
 */
#ifndef MAMORI_STORE_REPO_TRANSFER_H
#define MAMORI_STORE_REPO_TRANSFER_H

#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"

struct arena;
struct error;
struct store;

/* What a move does with a table. */
enum transfer_use {
	TRANSFER_COPY,	       /* has org_id: its rows move, ids renumbered */
	TRANSFER_ORG,	       /* organisation: the one row */
	TRANSFER_ACCOUNTS,     /* account: members, matched by e-mail */
	TRANSFER_TRAIL,	       /* audit_event: archived exactly as it was */
	TRANSFER_SECRET,       /* this installation's credentials: stay */
	TRANSFER_TRANSIENT,    /* working data that expires: stays */
	TRANSFER_DERIVED,      /* kept by triggers from other tables */
	TRANSFER_INSTALLATION, /* the installation's own bookkeeping */
	TRANSFER_USE_COUNT
};

struct transfer_table {
	const char *name;
	enum transfer_use use;
};

/*
 * Classifies every table of store's schema (strings from arena).  Fails
 * with ERROR_STORE "backup.transfer_unknown_table" for a table that has
 * no org_id and is not one of the known exceptions, and
 * "backup.transfer_unmapped" for a column of a moving table that looks
 * like a reference (an integer "…_id") without a foreign key saying to
 * what: in both cases nobody can tell whether the rows belong to the
 * organisation, so the move refuses instead of guessing.
 */
int repo_transfer_plan(struct store *store, struct arena *arena,
		       struct transfer_table **rows, size_t *count,
		       struct error *err);

/*
 * Attaches the SQLite file path to store as the schema "transfer" (no
 * transaction may be open), and detaches it again.
 */
int repo_transfer_attach(struct store *store, const char *path,
			 struct error *err);
void repo_transfer_detach(struct store *store);

/*
 * Copies organisation org_id from store into the attached file (a fresh
 * data file of the same schema): the organisation, its members' accounts
 * without any credential, every moving table's rows with their ids, and
 * its audit trail.  *rows counts the rows copied.  Run it inside a
 * transaction.
 */
int repo_transfer_export(struct store *store, int64_t org_id, int64_t *rows,
			 struct error *err);

/*
 * Gives the password hash for a new account with the e-mail address, or
 * NULL with err set.  The string stays valid until the next call.
 */
typedef const char *transfer_password_fn(void *arg, const char *email,
					 struct error *err);

/* What an import did. */
struct transfer_result {
	int64_t org_id;	  /* the organisation's number here */
	int64_t from_org; /* and in the file */
	const char *name; /* from arena */
	int64_t rows;	  /* rows copied */
	int64_t matched;  /* members who already had an account here */
	int64_t created;  /* members given a new account */
	int64_t events;	  /* audit events archived */
	int64_t chain;	  /* the archive chain they form; 0 when none */
	char head[AUDIT_HASH_HEX + 1]; /* its last hash, or "" */
};

/*
 * Copies the organisation of the attached file into store as a new
 * organisation (named name, or as in the file when name is NULL).
 * Members are matched to accounts by e-mail address; an address unknown
 * here becomes a new account whose password hash password() gives (must
 * be changed at first login; no second factor).  Every moving table's
 * rows get new ids, references follow them.  The file's audit trail
 * becomes archive chain number *chain of the new organisation, exactly as
 * it was.  Fails with ERROR_INPUT "backup.transfer_bad_file" when the file
 * does not hold exactly one organisation and only its rows.  Run it
 * inside a transaction, and append the "org.import" event that names
 * result->head (see transfer_head_line()) before committing.
 */
int repo_transfer_import(struct store *store, struct arena *arena,
			 const char *name, transfer_password_fn *password,
			 void *arg, struct transfer_result *result,
			 struct error *err);

/*
 * The line of the "org.import" event's after text that links the
 * archive chain to the organisation's chain here: "head: <hex>".
 */
#define TRANSFER_HEAD_LINE "head: "

/*
 * Walks every archived chain (audit_archive) the way repo_audit_verify()
 * walks the live ones, and checks that each chain's last hash is named by
 * an "org.import" event of its organisation.  Returns 0 with *bad_org 0
 * when all hold, or 0 with *bad_org, *bad_chain and *bad_seq naming the
 * first broken link; -1 on a store error.  *checked counts the events.
 */
int repo_transfer_verify_archive(struct store *store, audit_sha256_fn *sha256,
				 int64_t *bad_org, int64_t *bad_chain,
				 int64_t *bad_seq, int64_t *checked,
				 struct error *err);

#endif
