-- PLACEHOLDER on the library branch only: migration 11 is the survey (issue 15) branch's. This file
-- holds its number so that 0012 (the library) applies here; merging that branch replaces it
-- with the real migration (take theirs in the add/add conflict).
PRAGMA user_version = 11;
