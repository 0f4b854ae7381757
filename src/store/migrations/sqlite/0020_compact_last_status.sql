-- Each Compact's last status change by date, kept with the Compact by triggers with every write
-- to its statuses (NULL for none). A list of Compacts shows each one's state on a day: where the
-- last change is on or before that day (every Compact, unless a change is dated ahead), it is
-- that change, read from the row; otherwise the list looks the state up among the changes. On
-- PostgreSQL the lookup of every Compact's state from its changes was a third of the list's
-- statement (issue 12, docs/PERFORMANCE.md). unit.test_store_compact checks the state after
-- every kind of write and on days before, at and after the last change.
ALTER TABLE compact ADD COLUMN last_status TEXT;
ALTER TABLE compact ADD COLUMN last_status_on TEXT;

UPDATE compact SET (last_status, last_status_on) = (SELECT status, date FROM compact_status s
    WHERE s.compact_id = compact.id ORDER BY date DESC LIMIT 1);

CREATE TRIGGER compact_last_status_insert AFTER INSERT ON compact_status BEGIN
    UPDATE compact SET (last_status, last_status_on) = (SELECT status, date FROM compact_status s
        WHERE s.compact_id = compact.id ORDER BY date DESC LIMIT 1)
        WHERE id = NEW.compact_id;
END;
CREATE TRIGGER compact_last_status_delete AFTER DELETE ON compact_status BEGIN
    UPDATE compact SET (last_status, last_status_on) = (SELECT status, date FROM compact_status s
        WHERE s.compact_id = compact.id ORDER BY date DESC LIMIT 1)
        WHERE id = OLD.compact_id;
END;
CREATE TRIGGER compact_last_status_update AFTER UPDATE ON compact_status BEGIN
    UPDATE compact SET (last_status, last_status_on) = (SELECT status, date FROM compact_status s
        WHERE s.compact_id = compact.id ORDER BY date DESC LIMIT 1)
        WHERE id IN (OLD.compact_id, NEW.compact_id);
END;

PRAGMA user_version = 20;
