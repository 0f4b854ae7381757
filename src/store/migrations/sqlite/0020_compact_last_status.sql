-- Each Compact's last status change by date, kept with the Compact by triggers with every write
-- to its statuses (NULL for none). A list of Compacts shows each one's state on a day: where the
-- last change is on or before that day (every Compact, unless a change is dated ahead), it is
-- that change, read from the row; otherwise the list looks the state up among the changes. On
-- PostgreSQL the lookup of every Compact's state from its changes was a third of the list's
-- statement (issue 12, docs/PERFORMANCE.md). unit.test_store_compact checks the state after
-- every kind of write and on days before, at and after the last change.
ALTER TABLE compact ADD COLUMN last_status TEXT;
ALTER TABLE compact ADD COLUMN last_status_on TEXT;

-- Each Compact's last change as it is now, written once for the triggers below (PostgreSQL: a
-- function).
CREATE VIEW compact_last_status AS SELECT compact_id, status, date FROM compact_status s
    WHERE date = (SELECT max(date) FROM compact_status x WHERE x.compact_id = s.compact_id);

UPDATE compact SET (last_status, last_status_on) = (SELECT status, date FROM compact_last_status
    WHERE compact_id = compact.id);

CREATE TRIGGER compact_last_status_insert AFTER INSERT ON compact_status BEGIN
    UPDATE compact SET (last_status, last_status_on) = (SELECT status, date
        FROM compact_last_status WHERE compact_id = compact.id) WHERE id = NEW.compact_id;
END;
CREATE TRIGGER compact_last_status_delete AFTER DELETE ON compact_status BEGIN
    UPDATE compact SET (last_status, last_status_on) = (SELECT status, date
        FROM compact_last_status WHERE compact_id = compact.id) WHERE id = OLD.compact_id;
END;
CREATE TRIGGER compact_last_status_update AFTER UPDATE ON compact_status BEGIN
    UPDATE compact SET (last_status, last_status_on) = (SELECT status, date
        FROM compact_last_status WHERE compact_id = compact.id)
        WHERE id IN (OLD.compact_id, NEW.compact_id);
END;

PRAGMA user_version = 20;
