-- England's principal local authorities, their former codes, and the sets they belong to.
CREATE TABLE authority (
    gss           TEXT PRIMARY KEY CHECK (length(gss) = 9),
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    official_name TEXT NOT NULL,
    type          TEXT NOT NULL CHECK (type IN ('county', 'district', 'metropolitan_district',
                                                'london_borough', 'unitary')),
    county_gss    TEXT REFERENCES authority(gss) DEFERRABLE INITIALLY DEFERRED,
    region        TEXT NOT NULL,
    start_date    TEXT,
    end_date      TEXT,
    sets          INTEGER NOT NULL DEFAULT 0, -- bit 0: the 2009-2019 set; bit 1: today's
    CHECK ((type = 'district') = (county_gss IS NOT NULL))
) WITHOUT ROWID;

CREATE INDEX authority_name ON authority(name, gss);
CREATE INDEX authority_county ON authority(county_gss);

-- Codes an authority was known by before it was recoded (e.g. its 2011 code).
CREATE TABLE authority_alias (
    alias TEXT PRIMARY KEY CHECK (length(alias) = 9),
    gss   TEXT NOT NULL REFERENCES authority(gss) DEFERRABLE INITIALLY DEFERRED,
    in_2011 INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE INDEX authority_alias_gss ON authority_alias(gss);

PRAGMA user_version = 1;
