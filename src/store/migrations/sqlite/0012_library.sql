-- The library (SPEC section 9, issue 16): case studies of what local Compacts achieved, and
-- resources (the national documents, guidance, a local Compact's own documents) with any
-- uploaded PDF. Each is a draft until an admin publishes it. Text columns hold plain text as
-- people wrote it (no markup): title, summary, outcome, organisations (one a line) and
-- source_citation of a case study, title and summary of a resource are what a search indexes.
-- Every write goes through store_case_study_save or store_resource_save (store_library.c).
CREATE TABLE case_study (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    outcome         TEXT,
    year            INTEGER CHECK (year BETWEEN 1998 AND 2100), -- NULL: not known
    compact_id      INTEGER REFERENCES compact(id),             -- the Compact it is of, if any
    organisations   TEXT,                   -- the organisations involved, one a line
    source_citation TEXT,
    source_url      TEXT,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    created_by      TEXT NOT NULL,          -- 'user:ID' or 'cli': its author
    created_at      TEXT NOT NULL,          -- UTC, "YYYY-MM-DDTHH:MM:SSZ"
    updated_at      TEXT NOT NULL,
    published_at    TEXT
);
CREATE INDEX case_study_compact ON case_study(compact_id);

-- Its themes (core/library.h): any of the nine.
CREATE TABLE case_study_theme (
    case_study_id INTEGER NOT NULL REFERENCES case_study(id),
    theme         TEXT NOT NULL CHECK (theme IN ('delivering_results', 'managing_cuts',
                      'commissioning', 'efficiency_innovation', 'managing_risk', 'consultation',
                      'equality', 'volunteering', 'independence')),
    PRIMARY KEY (case_study_id, theme)
) WITHOUT ROWID;

-- Its area: the authorities it concerns.
CREATE TABLE case_study_area (
    case_study_id INTEGER NOT NULL REFERENCES case_study(id),
    gss           TEXT NOT NULL REFERENCES authority(gss),
    PRIMARY KEY (case_study_id, gss)
) WITHOUT ROWID;

CREATE TABLE resource (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('national_compact', 'guidance', 'toolkit',
                     'template', 'report', 'local_compact_document')),
    summary      TEXT,
    published_on TEXT,                      -- the document's date, YYYY-MM-DD, or NULL
    url          TEXT,
    compact_id   INTEGER REFERENCES compact(id), -- a local Compact's document: its Compact
    status       TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    published_at TEXT
);
CREATE INDEX resource_compact ON resource(compact_id);

-- A resource's uploaded PDF, in the database so that a backup carries it: its bytes, its
-- SHA-256 (hex) and the name it is served under (made safe: core/library.h).
CREATE TABLE resource_document (
    resource_id INTEGER PRIMARY KEY REFERENCES resource(id),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size > 0),
    bytes       BLOB NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);

-- What `compact init` loaded of the library shipped with the program (data/library/), a key
-- each, so that it loads each once and a later init leaves people's edits as they are.
CREATE TABLE library_loaded (
    key       TEXT PRIMARY KEY,
    loaded_at TEXT NOT NULL
);

PRAGMA user_version = 12;
