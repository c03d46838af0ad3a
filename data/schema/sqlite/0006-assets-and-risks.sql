-- 0006: the information asset register, risk assessments and their risks,
-- and the risk treatment plan.
--
-- Ratings are -1 until rated, so that every column a list sorts on is
-- NOT NULL and a page can continue from the last row it showed, by index,
-- however long the register grows.

-- Classification labels of the organisation's own; without rows the
-- built-in ones (catalog/classification.tsv) apply.
CREATE TABLE classification_label (
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 20),
	label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 50),
	PRIMARY KEY (org_id, position),
	UNIQUE (org_id, label)
) STRICT;

-- 情報資産管理台帳.  The same information on two media is two rows.  A
-- deleted asset keeps its row (closed assessments still name it).
CREATE TABLE asset (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	category TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	notes TEXT NOT NULL DEFAULT '',
	users TEXT NOT NULL DEFAULT '',
	owner TEXT NOT NULL DEFAULT '',
	department TEXT NOT NULL DEFAULT '',
	medium TEXT NOT NULL CHECK (length(medium) BETWEEN 1 AND 200),
	personal INTEGER NOT NULL DEFAULT 0 CHECK (personal BETWEEN 0 AND 7),
	c INTEGER NOT NULL DEFAULT -1 CHECK (c BETWEEN -1 AND 3),
	i INTEGER NOT NULL DEFAULT -1 CHECK (i BETWEEN -1 AND 3),
	a INTEGER NOT NULL DEFAULT -1 CHECK (a BETWEEN -1 AND 3),
	-- 重要度 is the highest of the three, never typed.
	importance INTEGER NOT NULL GENERATED ALWAYS AS
		(CASE WHEN min(c, i, a) < 0 THEN -1 ELSE max(c, i, a) END) STORED,
	retention TEXT NOT NULL DEFAULT '',
	registered_on TEXT NOT NULL,
	label TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	deleted_at INTEGER
) STRICT;

-- One index per sort order of the register, live rows only.
CREATE INDEX asset_by_id ON asset (org_id, id) WHERE deleted_at IS NULL;
CREATE INDEX asset_by_name ON asset (org_id, name, id)
	WHERE deleted_at IS NULL;
CREATE INDEX asset_by_category ON asset (org_id, category, id)
	WHERE deleted_at IS NULL;
CREATE INDEX asset_by_medium ON asset (org_id, medium, id)
	WHERE deleted_at IS NULL;
CREATE INDEX asset_by_department ON asset (org_id, department, id)
	WHERE deleted_at IS NULL;
CREATE INDEX asset_by_owner ON asset (org_id, owner, id)
	WHERE deleted_at IS NULL;
CREATE INDEX asset_by_importance ON asset (org_id, importance, id)
	WHERE deleted_at IS NULL;
CREATE INDEX asset_by_registered ON asset (org_id, registered_on, id)
	WHERE deleted_at IS NULL;
CREATE INDEX asset_by_label ON asset (org_id, label, id)
	WHERE deleted_at IS NULL;

-- The number of live assets, kept by triggers so a page need not count.
CREATE TABLE asset_count (
	org_id INTEGER PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
	n INTEGER NOT NULL
) STRICT;

CREATE TRIGGER asset_count_insert AFTER INSERT ON asset
	WHEN NEW.deleted_at IS NULL
BEGIN
	INSERT INTO asset_count (org_id, n) VALUES (NEW.org_id, 1)
		ON CONFLICT (org_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER asset_count_delete AFTER UPDATE OF deleted_at ON asset
	WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL
BEGIN
	UPDATE asset_count SET n = n - 1 WHERE org_id = NEW.org_id;
END;

-- One assessment is open per organisation; it fixes the method and, for
-- the 3-point method, the acceptance criteria.  A new method means a new
-- assessment: the old one is closed with its results as they were.
CREATE TABLE risk_assessment (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	no INTEGER NOT NULL CHECK (no >= 1),
	method TEXT NOT NULL CHECK (method IN ('ipa', 'three_point')),
	low_max INTEGER NOT NULL,
	medium_max INTEGER NOT NULL CHECK (medium_max > low_max),
	started_by TEXT NOT NULL,
	started_at INTEGER NOT NULL,
	closed_by TEXT,
	closed_at INTEGER,
	UNIQUE (org_id, no)
) STRICT;

CREATE UNIQUE INDEX risk_assessment_open ON risk_assessment (org_id)
	WHERE closed_at IS NULL;

-- A risk: an asset, a threat and a vulnerability (catalogue ids, or the
-- organisation's own words), rated, evaluated and treated.  importance
-- follows the asset while the assessment is open and stays as it was once
-- closed; likelihood and the levels are worked out by the rules in core/.
CREATE TABLE risk (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	assessment_id INTEGER NOT NULL
		REFERENCES risk_assessment (id) ON DELETE CASCADE,
	asset_id INTEGER NOT NULL REFERENCES asset (id),
	threat_id TEXT NOT NULL DEFAULT '',
	threat TEXT NOT NULL DEFAULT '',
	vulnerability_id TEXT NOT NULL DEFAULT '',
	vulnerability TEXT NOT NULL DEFAULT '',
	consequence TEXT NOT NULL DEFAULT '',
	threat_level INTEGER NOT NULL DEFAULT -1
		CHECK (threat_level BETWEEN -1 AND 3),
	vulnerability_level INTEGER NOT NULL DEFAULT -1
		CHECK (vulnerability_level BETWEEN -1 AND 3),
	likelihood INTEGER NOT NULL DEFAULT -1 CHECK (likelihood BETWEEN -1 AND 3),
	importance INTEGER NOT NULL DEFAULT -1 CHECK (importance BETWEEN -1 AND 3),
	level INTEGER NOT NULL DEFAULT -1 CHECK (level BETWEEN -1 AND 9),
	treatment TEXT NOT NULL DEFAULT '' CHECK (treatment IN ('', 'reduce',
		'retain', 'avoid', 'transfer')),
	reason TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'undecided'
		CHECK (status IN ('undecided', 'planned', 'done')),
	residual_vulnerability INTEGER NOT NULL DEFAULT -1
		CHECK (residual_vulnerability BETWEEN -1 AND 3),
	residual_likelihood INTEGER NOT NULL DEFAULT -1
		CHECK (residual_likelihood BETWEEN -1 AND 3),
	residual_level INTEGER NOT NULL DEFAULT -1
		CHECK (residual_level BETWEEN -1 AND 9),
	accepted_by TEXT,
	accepted_at INTEGER,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK (threat_id != '' OR threat != ''),
	CHECK (vulnerability_id != '' OR vulnerability != '')
) STRICT;

CREATE INDEX risk_by_id ON risk (assessment_id, id);
CREATE INDEX risk_by_level ON risk (assessment_id, level, id);
CREATE INDEX risk_by_treatment ON risk (assessment_id, treatment, level, id);
CREATE INDEX risk_by_cell ON risk (assessment_id, importance, likelihood, id);
CREATE INDEX risk_by_status ON risk (assessment_id, status, level, id);
CREATE INDEX risk_by_asset ON risk (asset_id, assessment_id);

-- The controls (ISO/IEC 27002) and guideline items a treatment chose.
CREATE TABLE risk_control (
	risk_id INTEGER NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('control', 'guideline')),
	ref TEXT NOT NULL,
	org_id INTEGER NOT NULL,
	PRIMARY KEY (risk_id, kind, ref)
) STRICT, WITHOUT ROWID;

CREATE INDEX risk_control_ref ON risk_control (org_id, kind, ref);

-- How many risks sit in each cell of the heat map (importance x
-- likelihood), kept by triggers: the map, the totals and the priority
-- ranks cost the same for ten risks or fifty thousand.
CREATE TABLE risk_cell (
	assessment_id INTEGER NOT NULL
		REFERENCES risk_assessment (id) ON DELETE CASCADE,
	importance INTEGER NOT NULL,
	likelihood INTEGER NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (assessment_id, importance, likelihood)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER risk_cell_insert AFTER INSERT ON risk
BEGIN
	INSERT INTO risk_cell VALUES (NEW.assessment_id, NEW.importance,
		NEW.likelihood, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER risk_cell_delete AFTER DELETE ON risk
BEGIN
	UPDATE risk_cell SET n = n - 1 WHERE assessment_id = OLD.assessment_id
		AND importance = OLD.importance AND likelihood = OLD.likelihood;
END;
CREATE TRIGGER risk_cell_update AFTER UPDATE OF importance, likelihood ON risk
	WHEN OLD.importance != NEW.importance OR OLD.likelihood != NEW.likelihood
BEGIN
	UPDATE risk_cell SET n = n - 1 WHERE assessment_id = OLD.assessment_id
		AND importance = OLD.importance AND likelihood = OLD.likelihood;
	INSERT INTO risk_cell VALUES (NEW.assessment_id, NEW.importance,
		NEW.likelihood, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- リスク対応計画: the tasks that put a control in place.
CREATE TABLE plan_task (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	control TEXT NOT NULL,
	task TEXT NOT NULL CHECK (length(task) BETWEEN 1 AND 1000),
	owner TEXT NOT NULL DEFAULT '',
	planned_start TEXT NOT NULL DEFAULT '',
	planned_end TEXT NOT NULL DEFAULT '',
	actual_start TEXT NOT NULL DEFAULT '',
	actual_end TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'not_started'
		CHECK (status IN ('not_started', 'started', 'finished')),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX plan_task_org ON plan_task (org_id, control, id);

-- The history of one record (an asset's changes) is read by its target.
CREATE INDEX audit_event_target ON audit_event (org_id, target, seq);
