-- 0001: organisations, accounts and who belongs where.
--
-- Every table that holds an organisation's data carries org_id.  An account
-- (a person who logs in) is the one exception: a consultant logs in once
-- and belongs to several organisations, so accounts are shared and the
-- membership table says where each one may act and in which roles.

CREATE TABLE organisation (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	-- 1 for the demonstration organisation, shown as a sample everywhere
	is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
	created_at TEXT NOT NULL
) STRICT;

CREATE TABLE account (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	-- argon2id in libsodium's encoded form; never the password itself
	password_hash TEXT NOT NULL,
	-- 1 until the first login replaces the generated password
	must_change_password INTEGER NOT NULL DEFAULT 1
		CHECK (must_change_password IN (0, 1)),
	created_at TEXT NOT NULL
) STRICT;

CREATE TABLE membership (
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('executive', 'security_lead',
		'department_lead', 'sysadmin', 'training_lead', 'audit_lead',
		'document_lead', 'employee', 'auditor', 'consultant')),
	-- the day after which the role ends (external auditors); NULL = never
	expires_on TEXT,
	created_at TEXT NOT NULL,
	PRIMARY KEY (org_id, account_id, role)
) STRICT;

CREATE INDEX membership_account ON membership (account_id);
