-- 0008: the Statement of Applicability (適用宣言書).
--
-- The working statement is one row per ISO/IEC 27002 control and
-- organisation, written when someone first changes it; approving copies
-- every row into a numbered version, which never changes afterwards.  The
-- rules (a justification for an excluded control, a reason for an
-- applicable one) are core/soa.c's; the table only keeps values in range,
-- so an entry that still blocks approval can be saved and finished later.

CREATE TABLE soa_entry (
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	control TEXT NOT NULL CHECK (length(control) BETWEEN 3 AND 8),
	applicable TEXT NOT NULL DEFAULT 'undecided'
		CHECK (applicable IN ('undecided', 'yes', 'no')),
	reasons INTEGER NOT NULL DEFAULT 0 CHECK (reasons BETWEEN 0 AND 15),
	justification TEXT NOT NULL DEFAULT ''
		CHECK (length(justification) <= 1000),
	status TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'not_implemented',
		'partly', 'implemented', 'not_applicable')),
	owner TEXT NOT NULL DEFAULT '' CHECK (length(owner) <= 200),
	notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
	reviewed_on TEXT NOT NULL DEFAULT '' CHECK (reviewed_on = '' OR
		reviewed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (org_id, control)
) STRICT, WITHOUT ROWID;

-- The dashboard's counts by applicability and by status.
CREATE INDEX soa_entry_by_applicable ON soa_entry (org_id, applicable);
CREATE INDEX soa_entry_by_status ON soa_entry (org_id, status);

-- An approved statement: who approved it and when.
CREATE TABLE soa_version (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	no INTEGER NOT NULL CHECK (no >= 1),
	approved_by TEXT NOT NULL CHECK (length(approved_by) BETWEEN 1 AND 254),
	approved_on TEXT NOT NULL CHECK (approved_on GLOB
		'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	approved_at INTEGER NOT NULL,
	UNIQUE (org_id, no)
) STRICT;

-- The entries as they were approved.
CREATE TABLE soa_version_entry (
	version_id INTEGER NOT NULL REFERENCES soa_version (id) ON DELETE CASCADE,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	control TEXT NOT NULL,
	applicable TEXT NOT NULL CHECK (applicable IN ('undecided', 'yes', 'no')),
	reasons INTEGER NOT NULL CHECK (reasons BETWEEN 0 AND 15),
	justification TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('', 'not_implemented', 'partly',
		'implemented', 'not_applicable')),
	owner TEXT NOT NULL,
	notes TEXT NOT NULL,
	reviewed_on TEXT NOT NULL,
	PRIMARY KEY (version_id, control)
) STRICT, WITHOUT ROWID;

CREATE INDEX soa_version_entry_org ON soa_version_entry (org_id);

-- An approved version is a record of what was approved: it is never
-- edited.  (Deleting an organisation still removes its versions.)
CREATE TRIGGER soa_version_frozen BEFORE UPDATE ON soa_version
BEGIN
	SELECT RAISE(ABORT, 'approved SoA versions cannot be changed');
END;
CREATE TRIGGER soa_version_entry_frozen BEFORE UPDATE ON soa_version_entry
BEGIN
	SELECT RAISE(ABORT, 'approved SoA versions cannot be changed');
END;

-- Accepted and rejected suggestions.  basis is what the source said when
-- the decision was made (the risks' ids, the diagnosis answer), so a
-- suggestion comes back once its source changes.
CREATE TABLE soa_decision (
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	control TEXT NOT NULL CHECK (length(control) BETWEEN 3 AND 8),
	source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 40),
	basis TEXT NOT NULL CHECK (length(basis) <= 1000),
	accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
	decided_by TEXT NOT NULL,
	decided_at INTEGER NOT NULL,
	PRIMARY KEY (org_id, control, source)
) STRICT, WITHOUT ROWID;
