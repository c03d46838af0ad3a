-- 0005: the basic policy and the handbook (versioned documents), the
-- executive's checklist, and the register of cloud services.

-- Every saved text of the basic policy or the handbook is a new version;
-- none is ever overwritten.  A version is approved by the executive and
-- then may be published (made known outside the company).
CREATE TABLE policy_doc (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('basic_policy', 'handbook')),
	version INTEGER NOT NULL CHECK (version >= 1),
	body TEXT NOT NULL,
	objectives TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	approved_by TEXT,
	approved_at INTEGER,
	published_at INTEGER,
	UNIQUE (org_id, kind, version)
) STRICT;

-- The executive's sign-off of the 3 principles and 7 key actions.
CREATE TABLE executive_signoff (
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	item TEXT NOT NULL,
	done INTEGER NOT NULL CHECK (done IN (0, 1)),
	note TEXT NOT NULL DEFAULT '',
	signed_by TEXT NOT NULL,
	signed_at INTEGER NOT NULL,
	PRIMARY KEY (org_id, item)
) STRICT;

-- Cloud services the organisation uses, and the 15 checks for each.
CREATE TABLE cloud_service (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	purpose TEXT NOT NULL DEFAULT '',
	data TEXT NOT NULL DEFAULT '',
	importance INTEGER NOT NULL DEFAULT 1 CHECK (importance BETWEEN 0 AND 2),
	administrator TEXT NOT NULL DEFAULT '',
	users TEXT NOT NULL DEFAULT '',
	support TEXT NOT NULL DEFAULT '',
	sla TEXT NOT NULL DEFAULT '',
	location TEXT NOT NULL DEFAULT '',
	cost TEXT NOT NULL DEFAULT '',
	contract TEXT NOT NULL DEFAULT 'none'
		CHECK (contract IN ('none', 'terms', 'contract')),
	nda INTEGER NOT NULL DEFAULT 0 CHECK (nda IN (0, 1)),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX cloud_service_org ON cloud_service (org_id);

CREATE TABLE cloud_service_check (
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	service_id INTEGER NOT NULL REFERENCES cloud_service (id)
		ON DELETE CASCADE,
	item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 15),
	status TEXT NOT NULL CHECK (status IN ('yes', 'partly', 'no', 'na')),
	note TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (service_id, item)
) STRICT;
