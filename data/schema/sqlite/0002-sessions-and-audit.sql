-- 0002: login sessions, the audit trail and account settings.

-- Second factor (TOTP) and the account's preferred language.
ALTER TABLE account ADD COLUMN mfa_secret TEXT;
ALTER TABLE account ADD COLUMN mfa_enabled INTEGER NOT NULL DEFAULT 0
	CHECK (mfa_enabled IN (0, 1));
ALTER TABLE account ADD COLUMN lang TEXT NOT NULL DEFAULT 'ja'
	CHECK (lang IN ('ja', 'en'));

-- A logged-in browser.  Only the SHA-256 of the cookie's token is kept,
-- so a copy of the data file does not let anyone in.
CREATE TABLE session (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	csrf_token TEXT NOT NULL,
	-- 1 once the second factor was given (or the account has none)
	mfa_passed INTEGER NOT NULL DEFAULT 0 CHECK (mfa_passed IN (0, 1)),
	created_at INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	client TEXT NOT NULL
) STRICT;

CREATE INDEX session_account ON session (account_id);

-- Every change, login, logout and failure, append-only, in one hash chain
-- per organisation.  org_id 0 holds what belongs to no organisation yet
-- (a failed login), so it carries no foreign key.
CREATE TABLE audit_event (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL,
	seq INTEGER NOT NULL,
	at INTEGER NOT NULL,
	account_id INTEGER NOT NULL,
	actor TEXT NOT NULL,
	client TEXT NOT NULL,
	action TEXT NOT NULL,
	target TEXT NOT NULL,
	before TEXT NOT NULL,
	after TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL,
	UNIQUE (org_id, seq)
) STRICT;

CREATE INDEX audit_event_login ON audit_event (org_id, action, at);

-- The trail is append-only: the data file itself refuses edits.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
