-- 0009: the levelled control checklist (L1/L2/L3) and its status.

-- What an organisation recorded about one guideline item: where it
-- stands, whether it took the item on above its level, who looks after
-- it, a note, the evidence and the next review.  Only items with
-- something recorded have a row; the rest read as unanswered.  The item
-- is a guideline id of the compiled-in catalogue (data/catalog/
-- guideline.tsv), checked by the front doors, as risk_control's refs are.
CREATE TABLE checklist_status (
	org_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	item TEXT NOT NULL CHECK (length(item) BETWEEN 1 AND 16),
	status TEXT NOT NULL DEFAULT 'unanswered'
		CHECK (status IN ('unanswered', 'done', 'partly', 'not_done',
			'not_applicable')),
	adopted INTEGER NOT NULL DEFAULT 0 CHECK (adopted IN (0, 1)),
	reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
	owner TEXT NOT NULL DEFAULT '' CHECK (length(owner) <= 200),
	note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
	evidence TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 2000),
	review_on TEXT NOT NULL DEFAULT ''
		CHECK (review_on = '' OR review_on GLOB
			'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	updated_by TEXT NOT NULL,
	updated_at INTEGER NOT NULL,
	-- Excluding an item is a decision that needs its reason; any other
	-- status has none.
	CHECK ((status = 'not_applicable') = (reason <> '')),
	PRIMARY KEY (org_id, item)
) STRICT;

-- The list filtered by status (open items, not applicable ones), and the
-- reviews coming up.
CREATE INDEX checklist_status_state ON checklist_status (org_id, status, item);
CREATE INDEX checklist_status_review ON checklist_status (org_id, review_on)
	WHERE review_on <> '';
