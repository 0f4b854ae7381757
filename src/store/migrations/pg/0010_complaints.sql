-- PLACEHOLDER on the library branch only: migration 10 is the complaints (issue 14) branch's (see
-- ../sqlite/0010_complaints.sql). Merging that branch replaces it with the real migration.
INSERT INTO schema_version (version) VALUES (10);
