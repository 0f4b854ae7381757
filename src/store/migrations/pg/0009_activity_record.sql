-- PostgreSQL twin of ../sqlite/0009_activity_record.sql (what differs: 0001's header). A
-- recorded activity as people keep it: its title, the organisation whose member recorded it,
-- the amount and the date of the decision, and its withdrawal.
ALTER TABLE activity ADD COLUMN title text COLLATE "C";
-- the organisation of the member who recorded it (an org-id), whose members may see, change
-- and withdraw it; NULL when an admin, a coordinator or the command line recorded it
ALTER TABLE activity ADD COLUMN recorder_org text COLLATE "C";
ALTER TABLE activity ADD COLUMN amount_pence bigint CHECK (amount_pence >= 0);
ALTER TABLE activity ADD COLUMN decision_date text COLLATE "C";
ALTER TABLE activity ADD COLUMN withdrawn_at text COLLATE "C";     -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
ALTER TABLE activity ADD COLUMN withdrawn_by text COLLATE "C";     -- 'user:ID' or 'cli'
ALTER TABLE activity ADD COLUMN withdrawn_reason text COLLATE "C";

-- Until now a member recorded only for their own organisation: that organisation recorded it.
UPDATE activity SET recorder_org = org_id
WHERE recorded_by IN (SELECT 'user:' || id FROM "user" WHERE role = 'member');

INSERT INTO schema_version (version) VALUES (9);
