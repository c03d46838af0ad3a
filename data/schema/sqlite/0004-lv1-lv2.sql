-- 0004: the LV1/LV2 path: the organisation's profile, the 5か条, the
-- self-diagnosis runs and their answers.

-- One row per organisation: who it is, and the three questions that set
-- its level (L1/L2/L3) of the control guideline.
CREATE TABLE org_profile (
	org_id INTEGER PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
	representative TEXT NOT NULL DEFAULT '',
	services TEXT NOT NULL DEFAULT '',
	employees INTEGER NOT NULL DEFAULT 0 CHECK (employees >= 0),
	industry TEXT NOT NULL DEFAULT '',
	dedicated_admin INTEGER NOT NULL DEFAULT 0 CHECK (dedicated_admin IN (0, 1)),
	large_private_data INTEGER NOT NULL DEFAULT 0
		CHECK (large_private_data IN (0, 1)),
	has_csirt INTEGER NOT NULL DEFAULT 0 CHECK (has_csirt IN (0, 1)),
	updated_at INTEGER NOT NULL
) STRICT;

-- Where the organisation stands on each of the five points.
CREATE TABLE five_point_status (
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	point INTEGER NOT NULL CHECK (point BETWEEN 1 AND 5),
	status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress',
		'committed')),
	note TEXT NOT NULL DEFAULT '',
	updated_by TEXT NOT NULL,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (org_id, point)
) STRICT;

-- One answering of the 25 questions, by the whole company or by one
-- department or site (unit).  A run is open until all 25 are answered and
-- it is completed; it can be left and resumed.
CREATE TABLE diagnosis_run (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	unit TEXT NOT NULL DEFAULT '',
	answered_by TEXT NOT NULL,
	started_at INTEGER NOT NULL,
	completed_at INTEGER
) STRICT;

CREATE INDEX diagnosis_run_org ON diagnosis_run (org_id, completed_at);

CREATE TABLE diagnosis_answer (
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	run_id INTEGER NOT NULL REFERENCES diagnosis_run (id) ON DELETE CASCADE,
	item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 25),
	answer INTEGER NOT NULL CHECK (answer IN (4, 2, 0, -1)),
	note TEXT NOT NULL DEFAULT '',
	answered_by TEXT NOT NULL,
	answered_at INTEGER NOT NULL,
	PRIMARY KEY (run_id, item)
) STRICT;
