-- The commitments catalogue as data (SPEC section 4): sections, commitments and the rules that
-- test them. Seeded from the program's defaults; admins correct numbers and mark them verified.
CREATE TABLE commitment_section (
    number INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 5),
    title  TEXT NOT NULL
);

CREATE TABLE commitment (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 16),
    section    INTEGER NOT NULL REFERENCES commitment_section(number),
    party      TEXT NOT NULL CHECK (party IN ('public_bodies', 'csos')),
    paraphrase TEXT NOT NULL CHECK (length(paraphrase) BETWEEN 1 AND 1000),
    verified   INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1))
);

-- Each rule tests one commitment; a commitment may be tested by several rules.
CREATE TABLE commitment_rule (
    rule          TEXT PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitment(id)
) WITHOUT ROWID;

PRAGMA user_version = 3;
