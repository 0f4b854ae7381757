-- Placeholder for issue 14's 0010_complaints.sql (branch cases-store), so that the survey's 0011
-- applies on this branch alone. At the merge the complaints' file replaces this one.
INSERT INTO schema_version (version) VALUES (10);
