-- Open data (SPEC section 8): grants published in the 360Giving Data Standard and contracting
-- processes in the Open Contracting Data Standard, as imported (src/ingest/ingest_opendata.c),
-- linked to the organisation register by org-id. Money is whole pence; dates are 'YYYY-MM-DD'
-- (360Giving planned dates may also be 'YYYY' or 'YYYY-MM'). An import of the same file again
-- updates each row by its identifier.

-- A grant, by its 360Giving identifier. funder_id and recipient_id link to the register when
-- the org-id is one it keeps (GB-LAE-, GB-CHC-, GB-COH-); the org-ids are kept as published.
CREATE TABLE grant_award (
    id                   INTEGER PRIMARY KEY,
    identifier           TEXT NOT NULL UNIQUE,
    title                TEXT NOT NULL,
    currency             TEXT NOT NULL CHECK (length(currency) = 3),
    amount_pence         INTEGER NOT NULL,
    award_date           TEXT NOT NULL,
    funder_org_id        TEXT NOT NULL,
    funder_name          TEXT,
    funder_id            INTEGER REFERENCES organisation(id),
    recipient_org_id     TEXT,
    recipient_name       TEXT,
    recipient_id         INTEGER REFERENCES organisation(id),
    recipient_individual INTEGER NOT NULL DEFAULT 0 CHECK (recipient_individual IN (0, 1)),
    planned_start        TEXT,
    planned_end          TEXT,
    duration_months      INTEGER,
    from_open_call       INTEGER CHECK (from_open_call IN (0, 1)),
    programme            TEXT,
    imported_at          TEXT NOT NULL
);
CREATE INDEX grant_award_funder ON grant_award(funder_org_id COLLATE NOCASE, award_date);
CREATE INDEX grant_award_recipient ON grant_award(recipient_org_id COLLATE NOCASE);
CREATE INDEX grant_award_date ON grant_award(award_date);

-- A contracting process, by its ocid, as its newest imported release (or a record's
-- compiledRelease) describes it. value: the tender's; award: the awards' values added up.
CREATE TABLE contract (
    id               INTEGER PRIMARY KEY,
    ocid             TEXT NOT NULL UNIQUE,
    release_id       TEXT NOT NULL,
    release_date     TEXT NOT NULL,
    title            TEXT,
    buyer_org_id     TEXT,
    buyer_name       TEXT,
    buyer_id         INTEGER REFERENCES organisation(id),
    tender_published TEXT,
    tender_start     TEXT,
    tender_end       TEXT,
    vcse_suitable    INTEGER CHECK (vcse_suitable IN (0, 1)),
    value_currency   TEXT,
    value_pence      INTEGER,
    award_currency   TEXT,
    award_pence      INTEGER,
    imported_at      TEXT NOT NULL
);
CREATE INDEX contract_buyer ON contract(buyer_org_id COLLATE NOCASE, release_date);
CREATE INDEX contract_date ON contract(release_date);

-- The suppliers of a contracting process's awards, each once, in the order given.
CREATE TABLE contract_supplier (
    contract_id     INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    supplier_org_id TEXT,
    name            TEXT,
    vcse            INTEGER CHECK (vcse IN (0, 1)),
    organisation_id INTEGER REFERENCES organisation(id),
    PRIMARY KEY (contract_id, position)
) WITHOUT ROWID;
CREATE INDEX contract_supplier_org ON contract_supplier(supplier_org_id COLLATE NOCASE);

PRAGMA user_version = 7;
