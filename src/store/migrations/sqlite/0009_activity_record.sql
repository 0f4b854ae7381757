-- A recorded activity as people keep it (issue 13): what it is called, the organisation whose
-- member recorded it, the amount and the date of the decision, and its withdrawal. A withdrawn
-- activity stays, with who withdrew it, when and why; it leaves the compliance counts and is
-- not checked again.
ALTER TABLE activity ADD COLUMN title TEXT;
-- the organisation of the member who recorded it (an org-id), whose members may see, change
-- and withdraw it; NULL when an admin, a coordinator or the command line recorded it
ALTER TABLE activity ADD COLUMN recorder_org TEXT;
ALTER TABLE activity ADD COLUMN amount_pence INTEGER CHECK (amount_pence >= 0);
ALTER TABLE activity ADD COLUMN decision_date TEXT;
ALTER TABLE activity ADD COLUMN withdrawn_at TEXT;     -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
ALTER TABLE activity ADD COLUMN withdrawn_by TEXT;     -- 'user:ID' or 'cli'
ALTER TABLE activity ADD COLUMN withdrawn_reason TEXT;

-- Until now a member recorded only for their own organisation: that organisation recorded it.
UPDATE activity SET recorder_org = org_id
WHERE recorded_by IN (SELECT 'user:' || id FROM "user" WHERE role = 'member');

PRAGMA user_version = 9;
