-- Placeholder for issue 14's 0010_complaints.sql (branch cases-store), so that the survey's 0011
-- applies on this branch alone. At the merge the complaints' file replaces this one.
PRAGMA user_version = 10;
