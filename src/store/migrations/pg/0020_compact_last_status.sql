-- Each Compact's last status change by date, kept with it: see the SQLite migration of this
-- number.
ALTER TABLE compact ADD COLUMN last_status text COLLATE "C",
    ADD COLUMN last_status_on text COLLATE "C";

CREATE FUNCTION compact_last_status(compact bigint) RETURNS TABLE (status text, date text)
    LANGUAGE sql STABLE AS $$
    SELECT status, date FROM compact_status WHERE compact_id = $1 ORDER BY date DESC LIMIT 1
$$;

UPDATE compact SET (last_status, last_status_on) = (SELECT * FROM compact_last_status(id));

-- Worked out once the Compact's row is locked, as 0019's names are (see there).
CREATE FUNCTION compact_last_status_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM compact WHERE id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.compact_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.compact_id END) ORDER BY id FOR NO KEY UPDATE;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE compact SET (last_status, last_status_on) =
            (SELECT * FROM compact_last_status(id)) WHERE id = OLD.compact_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.compact_id <> OLD.compact_id) THEN
        UPDATE compact SET (last_status, last_status_on) =
            (SELECT * FROM compact_last_status(id)) WHERE id = NEW.compact_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER compact_last_status_keep AFTER INSERT OR DELETE OR UPDATE ON compact_status
    FOR EACH ROW EXECUTE FUNCTION compact_last_status_keep();

INSERT INTO schema_version (version) VALUES (20);
