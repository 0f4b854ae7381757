-- The register (SPEC sections 2 and 3): organisations, the whole of a local Compact (dates,
-- document, contacts, codes of practice, who coordinates it) and its signatories.

-- Public bodies and VCS organisations. org_id is the org-id style identifier where there is one
-- ('GB-LAE-TRF', 'GB-CHC-1234567', 'GB-COH-01234567'); an organisation without one is addressed
-- by its id. verified = 0: made by an import from a funder's data, not yet checked by a person.
CREATE TABLE organisation (
    id         INTEGER PRIMARY KEY,
    org_id     TEXT UNIQUE COLLATE NOCASE CHECK (org_id IS NULL OR length(org_id) BETWEEN 5 AND 100),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    sector     TEXT NOT NULL CHECK (sector IN ('statutory', 'vcs', 'private')),
    type       TEXT NOT NULL CHECK (type IN ('council', 'nhs', 'police', 'fire', 'public_other',
                                             'vcs_infrastructure', 'charity', 'community_group',
                                             'social_enterprise', 'business')),
    gss        TEXT REFERENCES authority(gss), -- a council's own area
    website    TEXT CHECK (website IS NULL OR length(website) <= 500),
    verified   INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX organisation_name ON organisation(name COLLATE NOCASE);
CREATE INDEX organisation_gss ON organisation(gss);

-- The rest of a Compact. review_due NULL: six years after the later of adopted and refreshed.
ALTER TABLE compact ADD COLUMN adopted TEXT;
ALTER TABLE compact ADD COLUMN refreshed TEXT;
ALTER TABLE compact ADD COLUMN review_due TEXT;
ALTER TABLE compact ADD COLUMN document_url TEXT;
ALTER TABLE compact ADD COLUMN demo INTEGER NOT NULL DEFAULT 0; -- 1: fictional demo data
CREATE INDEX compact_name ON compact(name COLLATE NOCASE);

-- Key contacts, in the order given.
CREATE TABLE compact_contact (
    compact_id INTEGER NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role       TEXT CHECK (role IS NULL OR length(role) <= 200),
    email      TEXT CHECK (email IS NULL OR length(email) <= 254),
    phone      TEXT CHECK (phone IS NULL OR length(phone) <= 40),
    PRIMARY KEY (compact_id, position)
) WITHOUT ROWID;

-- Local codes of practice (on funding, consultation, volunteering, ...).
CREATE TABLE compact_code (
    id         INTEGER PRIMARY KEY,
    compact_id INTEGER NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary    TEXT CHECK (summary IS NULL OR length(summary) <= 2000),
    url        TEXT CHECK (url IS NULL OR length(url) <= 500)
);
CREATE INDEX compact_code_compact ON compact_code(compact_id);

-- Which coordinators look after which Compacts: they edit only these.
CREATE TABLE compact_coordinator (
    compact_id INTEGER NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    PRIMARY KEY (compact_id, user_id)
) WITHOUT ROWID;
CREATE INDEX compact_coordinator_user ON compact_coordinator(user_id);

-- An organisation signed a Compact on a date, signed by a named role, and may have withdrawn.
CREATE TABLE signatory (
    id              INTEGER PRIMARY KEY,
    compact_id      INTEGER NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    signed_on       TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (length(role) BETWEEN 1 AND 200),
    withdrawn_on    TEXT CHECK (withdrawn_on IS NULL OR withdrawn_on > signed_on),
    UNIQUE (compact_id, organisation_id, signed_on)
);
CREATE INDEX signatory_compact ON signatory(compact_id);
CREATE INDEX signatory_organisation ON signatory(organisation_id);

PRAGMA user_version = 6;
