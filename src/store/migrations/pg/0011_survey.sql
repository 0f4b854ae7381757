-- PLACEHOLDER on the library branch only: migration 11 is the survey (issue 15) branch's (see
-- ../sqlite/0011_survey.sql). Merging that branch replaces it with the real migration.
INSERT INTO schema_version (version) VALUES (11);
