-- PostgreSQL twin of ../sqlite/0014_complaint_tally.sql (see it for the design).
DROP INDEX complaint_due;
CREATE INDEX complaint_due ON complaint(awaiting, due_on, compact_id, status, opened_on);
CREATE INDEX complaint_open ON complaint(compact_id, status, awaiting DESC, due_on,
                                         opened_on DESC, id DESC);

CREATE TABLE complaint_tally_case (
    compact_id  bigint NOT NULL,
    year_opened bigint NOT NULL,
    highest     text COLLATE "C" NOT NULL,
    status      text COLLATE "C" NOT NULL,
    outcome     text COLLATE "C" NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (compact_id, year_opened, highest, status, outcome)
);
CREATE TABLE complaint_tally (
    compact_id  bigint NOT NULL,
    year_opened bigint NOT NULL,
    on_time     bigint NOT NULL,
    settled     bigint NOT NULL,
    last_date   text COLLATE "C" NOT NULL,
    PRIMARY KEY (compact_id, year_opened)
);
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

SELECT compact_notify_on(ARRAY['complaint_tally_case', 'complaint_tally']);

INSERT INTO schema_version (version) VALUES (14);
