-- 0011: the register of documented information (文書化した情報, ISO/IEC
-- 27001 clause 7.5) and every saved version of each document's text.

-- One row per document or record the organisation keeps.  status is the
-- state of the newest version; approved_version is the version in force,
-- which stays readable while a newer one is a draft or in review, until
-- that one is approved in turn.  The rules of the moves live in
-- core/document.c; the CHECKs keep a wrong write out all the same.
CREATE TABLE document (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	code TEXT NOT NULL CHECK (length(code) BETWEEN 2 AND 20
		AND code NOT GLOB '*[^A-Z0-9-]*'),
	title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	type TEXT NOT NULL CHECK (type IN ('policy', 'rule', 'procedure',
		'record', 'external')),
	owner TEXT NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
	approver TEXT NOT NULL DEFAULT '' CHECK (length(approver) <= 254),
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft',
		'in_review', 'approved', 'withdrawn')),
	next_review TEXT NOT NULL DEFAULT '' CHECK (next_review = ''
		OR next_review GLOB
		'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	retention TEXT NOT NULL DEFAULT '' CHECK (length(retention) <= 100),
	label TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 50),
	latest_version INTEGER NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
	approved_version INTEGER NOT NULL DEFAULT 0
		CHECK (approved_version BETWEEN 0 AND latest_version),
	approved_by TEXT,
	approved_at INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK ((approved_version = 0) = (approved_by IS NULL)),
	CHECK (status <> 'approved' OR approved_version = latest_version),
	UNIQUE (org_id, code)
) STRICT;

CREATE INDEX document_list ON document (org_id, type, status);
-- The reviews due (repo_document_due, the dashboard) are a range scan.
CREATE INDEX document_review ON document (org_id, next_review)
	WHERE next_review <> '' AND status <> 'withdrawn';

-- Every saved text, numbered 1, 2, … per document; never changed but for
-- the record of its approval, never deleted but with its organisation.
CREATE TABLE document_version (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
	version INTEGER NOT NULL CHECK (version >= 1),
	body TEXT NOT NULL CHECK (length(CAST(body AS BLOB)) <= 200000),
	note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	author TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	approved_by TEXT,
	approved_at INTEGER,
	UNIQUE (document_id, version)
) STRICT;

CREATE TRIGGER document_version_fixed BEFORE UPDATE OF org_id, document_id,
	version, body, note, author, created_at ON document_version
BEGIN
	SELECT RAISE(ABORT, 'a saved document version is never changed');
END;
