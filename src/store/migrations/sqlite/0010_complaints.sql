-- Complaints of non-compliance (SPEC section 6): the cases, the rules each cites, their events
-- (append-only, like the audit trail), and, kept in the same transaction as every event, what
-- the lists and the statistics read without rebuilding a case from its events: the case's
-- state (columns after created_by), each stage entry's dates, the causes of its last closing.
-- Also the working days a Compact sets for a response at each stage, and the secrets of the
-- people's calendar feeds.

CREATE TABLE complaint (
    id             INTEGER PRIMARY KEY,
    compact_id     INTEGER NOT NULL REFERENCES compact(id),
    complainant_id INTEGER NOT NULL REFERENCES organisation(id),
    respondent_id  INTEGER NOT NULL REFERENCES organisation(id),
    title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary        TEXT NOT NULL,
    aware_on       TEXT NOT NULL,
    opened_on      TEXT NOT NULL,
    activity_id    INTEGER REFERENCES activity(id),
    created_at     TEXT NOT NULL,            -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
    created_by     TEXT NOT NULL,            -- 'user:ID' or 'cli'
    -- derived from the events, written with each
    status         TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    stage          TEXT NOT NULL,            -- the current stage
    highest        TEXT NOT NULL,            -- the latest stage reached
    outcome        TEXT,                     -- of the last closing, while closed
    year_opened    INTEGER NOT NULL,
    due_on         TEXT,                     -- what is due next (complaint_due_next), or NULL
    awaiting       INTEGER NOT NULL CHECK (awaiting IN (0, 1)), -- a response is awaited by due_on
    ombudsman      TEXT,                     -- 'lgo' or 'phso' once escalated to one
    ombudsman_late INTEGER NOT NULL DEFAULT 0 CHECK (ombudsman_late IN (0, 1)),
    nevents        INTEGER NOT NULL,
    nstages        INTEGER NOT NULL,            -- stage entries (complaint_stage)
    last_date      TEXT NOT NULL             -- of the last event
);
CREATE INDEX complaint_compact ON complaint(compact_id, year_opened);
CREATE INDEX complaint_year ON complaint(year_opened);
-- the statistics' counts read from this index alone, in the order they are grouped by
CREATE INDEX complaint_stats ON complaint(highest, status, outcome, compact_id, year_opened,
                                          opened_on);
CREATE INDEX complaint_due ON complaint(awaiting, due_on);
CREATE INDEX complaint_complainant ON complaint(complainant_id);
CREATE INDEX complaint_respondent ON complaint(respondent_id);

-- The section 5 rules a case cites.
CREATE TABLE complaint_rule (
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    rule         TEXT NOT NULL,
    PRIMARY KEY (complaint_id, rule)
) WITHOUT ROWID;

-- A case's events, numbered from 1. Never changed nor removed.
CREATE TABLE complaint_event (
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    n            INTEGER NOT NULL CHECK (n >= 1),
    type         TEXT NOT NULL CHECK (type IN ('opened', 'response', 'escalated', 'closed',
                                              'reopened', 'note')),
    date         TEXT NOT NULL,
    to_stage     TEXT,                   -- opened, escalated
    ombudsman    TEXT,                   -- escalated to ombudsman: 'lgo' or 'phso'
    outcome      TEXT,                   -- closed
    causes       TEXT,                   -- closed: rule names, one space between
    remedy       TEXT,
    note         TEXT,
    by_actor     TEXT NOT NULL,          -- 'user:ID' or 'cli'
    days         INTEGER NOT NULL DEFAULT 0, -- a stage it starts: its working days, fixed then
    source       TEXT,                   -- of days: 'default' or 'compact'
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (complaint_id, n)
) WITHOUT ROWID;
CREATE TRIGGER complaint_event_no_update BEFORE UPDATE ON complaint_event
BEGIN SELECT RAISE(ABORT, 'the events of a complaint are append-only'); END;
CREATE TRIGGER complaint_event_no_delete BEFORE DELETE ON complaint_event
BEGIN SELECT RAISE(ABORT, 'the events of a complaint are append-only'); END;

-- Derived: each stage entry of a case (n from 1), with its case's Compact and year for the
-- statistics to count without a join.
CREATE TABLE complaint_stage (
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    n            INTEGER NOT NULL,
    compact_id   INTEGER NOT NULL,
    year_opened  INTEGER NOT NULL,
    stage        TEXT NOT NULL,
    started_on   TEXT NOT NULL,
    days         INTEGER NOT NULL,       -- 0: no due date
    source       TEXT,
    due_on       TEXT,
    long_due_on  TEXT,
    responded_on TEXT,
    ended_on     TEXT,
    PRIMARY KEY (complaint_id, n)
) WITHOUT ROWID;
CREATE INDEX complaint_stage_stats ON complaint_stage(compact_id, year_opened, days, started_on,
                                                  due_on, responded_on, ended_on);

-- Derived: the causes of a case's last closing.
CREATE TABLE complaint_cause (
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    rule         TEXT NOT NULL,
    compact_id   INTEGER NOT NULL,
    year_opened  INTEGER NOT NULL,
    PRIMARY KEY (complaint_id, rule)
) WITHOUT ROWID;

-- A Compact's working days for a response at a stage; the national default where none.
CREATE TABLE complaint_parameter (
    compact_id INTEGER NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (name IN ('informal_response_days', 'formal_response_days',
                                             'dispute_response_days')),
    value      INTEGER NOT NULL CHECK (value BETWEEN 1 AND 260),
    PRIMARY KEY (compact_id, name)
) WITHOUT ROWID;

-- A person's calendar feed of due dates: the keyed hash of its secret, as API tokens are kept.
CREATE TABLE complaint_feed (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    secret_hash BLOB NOT NULL UNIQUE,    -- never the secret
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX complaint_cause_stats ON complaint_cause(rule, compact_id, year_opened);
CREATE INDEX complaint_feed_user ON complaint_feed(user_id);

PRAGMA user_version = 10;
