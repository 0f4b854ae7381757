-- Activities recorded against a Compact (SPEC section 5), with the findings of their last check.
CREATE TABLE activity (
    id          INTEGER PRIMARY KEY,
    compact_id  INTEGER NOT NULL REFERENCES compact(id),
    org_id      TEXT,                   -- the organisation it concerns, where known
    kind        TEXT NOT NULL CHECK (kind IN ('funding_change', 'consultation',
                                              'funding_award', 'procurement')),
    facts       TEXT NOT NULL CHECK (json_valid(facts)), -- the check contract's activity object
    recorded_by TEXT NOT NULL,          -- 'user:ID'
    recorded_at TEXT NOT NULL,
    checked_on  TEXT NOT NULL,          -- the date its findings were worked out for
    overall     TEXT NOT NULL
);
CREATE INDEX activity_compact ON activity(compact_id);

CREATE TABLE activity_finding (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    rule        TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('met', 'justified', 'pending', 'unknown',
                                                 'breach')),
    explanation TEXT NOT NULL,
    due_date    TEXT,                   -- when a pending step falls due
    PRIMARY KEY (activity_id, rule)
) WITHOUT ROWID;

PRAGMA user_version = 4;
