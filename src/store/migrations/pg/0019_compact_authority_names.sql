-- Each Compact's authorities' names, kept with it: see the SQLite migration of this number.
ALTER TABLE compact ADD COLUMN authority_names text COLLATE "C";

CREATE FUNCTION compact_authority_names(compact bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(a.name, '; ' ORDER BY a.name)
        FROM compact_authority ca JOIN authority a ON a.gss = ca.gss WHERE ca.compact_id = $1
$$;

UPDATE compact SET authority_names = compact_authority_names(id);

-- Each value is worked out only once the Compact's row is locked, each statement with a snapshot
-- of its own: a writer outside SERIALIZABLE (psql's default, READ COMMITTED) that waited for
-- another then sees what that one committed, so two writes at once cannot leave a stale value.
-- A row of compact_authority also waits for a rename of its authority in progress (FOR SHARE
-- against the rename's row lock), and a rename for the rows being added.
CREATE FUNCTION compact_authority_names_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'authority' THEN
        PERFORM 1 FROM compact WHERE id IN (SELECT compact_id FROM compact_authority
            WHERE gss = NEW.gss) ORDER BY id FOR NO KEY UPDATE;
        UPDATE compact SET authority_names = compact_authority_names(id)
            WHERE id IN (SELECT compact_id FROM compact_authority WHERE gss = NEW.gss);
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM 1 FROM authority WHERE gss = NEW.gss FOR SHARE;
    END IF;
    PERFORM 1 FROM compact WHERE id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.compact_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.compact_id END) ORDER BY id FOR NO KEY UPDATE;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE compact SET authority_names = compact_authority_names(id) WHERE id = OLD.compact_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.compact_id <> OLD.compact_id) THEN
        UPDATE compact SET authority_names = compact_authority_names(id) WHERE id = NEW.compact_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER compact_authority_names_keep AFTER INSERT OR DELETE OR UPDATE ON compact_authority
    FOR EACH ROW EXECUTE FUNCTION compact_authority_names_keep();
-- A rename: the register's load writes every name, so only a name that changes moves anything.
CREATE TRIGGER compact_authority_names_rename AFTER UPDATE OF name ON authority
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION compact_authority_names_keep();

INSERT INTO schema_version (version) VALUES (19);
