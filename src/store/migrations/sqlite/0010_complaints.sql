-- PLACEHOLDER on the library branch only: migration 10 is the complaints (issue 14) branch's. This file
-- holds its number so that 0012 (the library) applies here; merging that branch replaces it
-- with the real migration (take theirs in the add/add conflict).
PRAGMA user_version = 10;
