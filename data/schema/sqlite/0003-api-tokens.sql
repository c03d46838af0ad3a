-- 0003: personal API tokens and second-factor recovery codes.

-- A token acts for its account in one organisation, read-only or
-- read-write, until it expires or is revoked.  As with sessions, only the
-- SHA-256 of the token is kept.
CREATE TABLE api_token (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	token_hash TEXT NOT NULL UNIQUE,
	scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
	expires_on TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_used_at INTEGER,
	revoked_at INTEGER
) STRICT;

CREATE INDEX api_token_account ON api_token (account_id);

-- One-time codes for when the authenticator is lost: hashed, each usable
-- once.
CREATE TABLE recovery_code (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	code_hash TEXT NOT NULL,
	used_at INTEGER
) STRICT;

CREATE INDEX recovery_code_account ON recovery_code (account_id);
