-- A local Compact's own parameters (SPEC section 5): where it sets one, its value wins over the
-- national default.
CREATE TABLE compact_parameter (
    compact_id INTEGER NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (name IN ('consultation_weeks', 'feedback_weeks',
                                             'notice_months', 'min_funding_months',
                                             'min_tender_days')),
    value      INTEGER NOT NULL CHECK (value BETWEEN 0 AND 3660),
    PRIMARY KEY (compact_id, name)
) WITHOUT ROWID;

PRAGMA user_version = 5;
