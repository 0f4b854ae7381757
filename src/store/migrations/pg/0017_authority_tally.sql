-- How many authorities there are of each set bits, type and region, kept by a trigger with every
-- write to authority (issue 17, docs/PERFORMANCE.md): every count of authorities a page or the
-- API gives (a list's total, the home page's two figures, the counts by type) is a sum over
-- these few dozen rows, not a scan of the table's 364 (on PostgreSQL some 35 us of a page of the
-- API). Rows whose n falls to 0 stay, counting nothing.
CREATE TABLE authority_tally (
    sets   integer NOT NULL,
    type   text COLLATE "C" NOT NULL,
    region text COLLATE "C" NOT NULL,
    n      integer NOT NULL,
    PRIMARY KEY (sets, type, region)
);

INSERT INTO authority_tally (sets, type, region, n)
    SELECT sets, type, region, count(*) FROM authority GROUP BY sets, type, region;

CREATE FUNCTION authority_tally_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE authority_tally SET n = n - 1
            WHERE sets = OLD.sets AND type = OLD.type AND region = OLD.region;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO authority_tally (sets, type, region, n)
            VALUES (NEW.sets, NEW.type, NEW.region, 1)
            ON CONFLICT (sets, type, region) DO UPDATE SET n = authority_tally.n + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER authority_tally_keep AFTER INSERT OR DELETE OR UPDATE OF sets, type, region
    ON authority FOR EACH ROW EXECUTE FUNCTION authority_tally_keep();

-- What authority_sets served, the home page's two counts, is the tally's now.
DROP INDEX authority_sets;

SELECT compact_notify_on(ARRAY['authority_tally']);

INSERT INTO schema_version (version) VALUES (17);
