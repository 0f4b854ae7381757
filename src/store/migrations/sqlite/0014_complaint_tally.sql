-- Complaints over 100,000 cases in well under 100 ms (issue 14, docs/PERFORMANCE.md
-- "Complaints"): indexes that answer the lists' counts alone, and the statistics' totals kept
-- in the same transaction as every event (store_complaint.c, "kept totals").

-- The overdue count reads this index alone: every column its statement names.
DROP INDEX complaint_due;
CREATE INDEX complaint_due ON complaint(awaiting, due_on, compact_id, status, opened_on);
-- A Compact's open cases in the order of its list (awaited first, then by due date, newest),
-- so that a page is read from it and the reading stops there; and their count.
CREATE INDEX complaint_open ON complaint(compact_id, status, awaiting DESC, due_on,
                                         opened_on DESC, id DESC);

-- Kept totals: the cases of each Compact and year by highest stage, status and outcome ('' for
-- none), as the statistics group them.
CREATE TABLE complaint_tally_case (
    compact_id  INTEGER NOT NULL,
    year_opened INTEGER NOT NULL,
    highest     TEXT NOT NULL,
    status      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (compact_id, year_opened, highest, status, outcome)
) WITHOUT ROWID;
-- Kept totals of the stage entries with a due date of each Compact and year: responded on time
-- (by the due date), and settled (responded, or ended unanswered after the due date); with
-- the latest date any of its cases has ever stored (the totals hold for every as_of from it on).
CREATE TABLE complaint_tally (
    compact_id  INTEGER NOT NULL,
    year_opened INTEGER NOT NULL,
    on_time     INTEGER NOT NULL,
    settled     INTEGER NOT NULL,
    last_date   TEXT NOT NULL,
    PRIMARY KEY (compact_id, year_opened)
) WITHOUT ROWID;
-- The stage entries still waiting for a response (the statistics count those due before as_of),
-- read from the index alone.
CREATE INDEX complaint_stage_waiting ON complaint_stage(compact_id, year_opened, due_on, days,
                                                    responded_on, ended_on)
    WHERE days > 0 AND responded_on IS NULL AND ended_on IS NULL;

INSERT INTO complaint_tally_case (compact_id, year_opened, highest, status, outcome, n)
SELECT compact_id, year_opened, highest, status, coalesce(outcome, ''), count(*)
FROM complaint GROUP BY compact_id, year_opened, highest, status, coalesce(outcome, '');
INSERT INTO complaint_tally (compact_id, year_opened, on_time, settled, last_date)
SELECT compact_id, year_opened, on_time, settled,
       CASE WHEN e > r AND e > s THEN e WHEN r > s THEN r ELSE s END
FROM (SELECT compact_id, year_opened,
             sum(CASE WHEN days > 0 AND responded_on <= due_on THEN 1 ELSE 0 END) AS on_time,
             sum(CASE WHEN days > 0 AND (responded_on IS NOT NULL OR due_on < ended_on)
                      THEN 1 ELSE 0 END) AS settled,
             max(started_on) AS s, coalesce(max(responded_on), '') AS r,
             coalesce(max(ended_on), '') AS e
      FROM complaint_stage GROUP BY compact_id, year_opened) t;

PRAGMA user_version = 14;
