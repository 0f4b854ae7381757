-- How many authorities there are of each set bits, type and region, kept by triggers with every
-- write to authority (issue 17, docs/PERFORMANCE.md): every count of authorities a page or the
-- API gives (a list's total, the home page's two figures, the counts by type) is a sum over
-- these few dozen rows, not a scan of the table's 364 (on PostgreSQL some 35 us of a page of the
-- API). Rows whose n falls to 0 stay, counting nothing.
CREATE TABLE authority_tally (
    sets   INTEGER NOT NULL,
    type   TEXT NOT NULL,
    region TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (sets, type, region)
) WITHOUT ROWID;

INSERT INTO authority_tally (sets, type, region, n)
    SELECT sets, type, region, count(*) FROM authority GROUP BY sets, type, region;

CREATE TRIGGER authority_tally_insert AFTER INSERT ON authority BEGIN
    INSERT INTO authority_tally (sets, type, region, n) VALUES (NEW.sets, NEW.type, NEW.region, 1)
        ON CONFLICT (sets, type, region) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER authority_tally_delete AFTER DELETE ON authority BEGIN
    UPDATE authority_tally SET n = n - 1
        WHERE sets = OLD.sets AND type = OLD.type AND region = OLD.region;
END;
CREATE TRIGGER authority_tally_update AFTER UPDATE OF sets, type, region ON authority BEGIN
    UPDATE authority_tally SET n = n - 1
        WHERE sets = OLD.sets AND type = OLD.type AND region = OLD.region;
    INSERT INTO authority_tally (sets, type, region, n) VALUES (NEW.sets, NEW.type, NEW.region, 1)
        ON CONFLICT (sets, type, region) DO UPDATE SET n = n + 1;
END;

-- What authority_sets served, the home page's two counts, is the tally's now.
DROP INDEX authority_sets;

PRAGMA user_version = 17;
