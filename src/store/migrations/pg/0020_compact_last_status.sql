-- Each Compact's last status change by date, kept with it: see the SQLite migration of this
-- number.
ALTER TABLE compact ADD COLUMN last_status text COLLATE "C",
    ADD COLUMN last_status_on text COLLATE "C";

CREATE FUNCTION compact_last_status(compact bigint) RETURNS TABLE (status text, date text)
    LANGUAGE sql STABLE AS $$
    SELECT status, date FROM compact_status WHERE compact_id = $1 ORDER BY date DESC LIMIT 1
$$;

UPDATE compact SET (last_status, last_status_on) = (SELECT * FROM compact_last_status(id));

CREATE FUNCTION compact_last_status_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE compact SET (last_status, last_status_on) =
            (SELECT * FROM compact_last_status(id)) WHERE id = OLD.compact_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE compact SET (last_status, last_status_on) =
            (SELECT * FROM compact_last_status(id)) WHERE id = NEW.compact_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER compact_last_status_keep AFTER INSERT OR DELETE OR UPDATE ON compact_status
    FOR EACH ROW EXECUTE FUNCTION compact_last_status_keep();

INSERT INTO schema_version (version) VALUES (20);
