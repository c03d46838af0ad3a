-- 0010: the backup log, and the audit trails of organisations moved in
-- from another installation.

-- Every backup, restore test and restore of this installation: when, the
-- file, its SHA-256 and size, and whether it worked.  The installation's
-- bookkeeping, not an organisation's register, so it has no org_id; the
-- guideline asks for backups that are taken and restores that are tried,
-- and this is where mamori shows both.
CREATE TABLE backup_log (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('backup', 'restore_test', 'restore')),
	at INTEGER NOT NULL,
	file TEXT NOT NULL CHECK (length(file) <= 4096),
	sha256 TEXT NOT NULL DEFAULT ''
		CHECK (sha256 = '' OR length(sha256) = 64),
	size INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0),
	ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
	message TEXT NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
	-- who took it: "cli" or "schedule"
	actor TEXT NOT NULL CHECK (actor IN ('cli', 'schedule'))
) STRICT;

CREATE INDEX backup_log_last ON backup_log (kind, ok, at);

-- The hash chains an organisation brought along when it was moved here
-- (mamori org import), exactly as they were: from_org is the number the
-- organisation had where the events were written, and the hashes cover
-- it, so the chains verify as they did there.  chain numbers them in the
-- order of the moves; the organisation's live chain here starts with an
-- "org.import" event naming the head of the newest one.  Like
-- audit_event it has no foreign key: the trail outlives what it names.
CREATE TABLE audit_archive (
	org_id INTEGER NOT NULL,
	chain INTEGER NOT NULL CHECK (chain >= 1),
	seq INTEGER NOT NULL CHECK (seq >= 1),
	from_org INTEGER NOT NULL,
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
	PRIMARY KEY (org_id, chain, seq)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER audit_archive_no_update BEFORE UPDATE ON audit_archive
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_archive_no_delete BEFORE DELETE ON audit_archive
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
