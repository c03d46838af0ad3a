-- 0007: a register file between its preview and its import.
--
-- The uploaded file is kept (base64) so that the import writes exactly
-- what the preview showed; it is emptied once imported and dropped after
-- a day, since a register names a company's information.
CREATE TABLE import_batch (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	filename TEXT NOT NULL,
	layout TEXT NOT NULL CHECK (layout IN ('auto', 'ipa', 'full')),
	sheet TEXT NOT NULL DEFAULT '',
	data TEXT NOT NULL,
	rows INTEGER NOT NULL CHECK (rows >= 0),
	status TEXT NOT NULL DEFAULT 'ready'
		CHECK (status IN ('ready', 'running', 'done', 'failed')),
	added INTEGER NOT NULL DEFAULT 0,
	updated INTEGER NOT NULL DEFAULT 0,
	same INTEGER NOT NULL DEFAULT 0,
	error TEXT NOT NULL DEFAULT '',
	finished_at INTEGER
) STRICT;

CREATE INDEX import_batch_org ON import_batch (org_id, created_at);
