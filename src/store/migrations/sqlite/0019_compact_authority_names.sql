-- Each Compact's authorities' names, in order and joined by "; " (NULL for none), kept with the
-- Compact by triggers with every write to its authorities and every rename of one: what the
-- lists of Compacts show (the page and the API). Working them out on every request, one
-- subquery and sort a Compact, cost PostgreSQL more than half the list's statement (issue 12,
-- docs/PERFORMANCE.md). The same order and separator as the PostgreSQL migration of this number;
-- unit.test_store_compact checks the column against the names after every kind of write.
ALTER TABLE compact ADD COLUMN authority_names TEXT;

-- The names as they are now, written once for the triggers below (PostgreSQL: a function).
CREATE VIEW compact_authority_names AS SELECT c.id, (SELECT group_concat(name, '; ') FROM
    (SELECT a.name FROM compact_authority ca JOIN authority a ON a.gss = ca.gss
     WHERE ca.compact_id = c.id ORDER BY a.name)) AS names FROM compact c;

UPDATE compact SET authority_names = (SELECT names FROM compact_authority_names n
    WHERE n.id = compact.id);

CREATE TRIGGER compact_authority_names_insert AFTER INSERT ON compact_authority BEGIN
    UPDATE compact SET authority_names = (SELECT names FROM compact_authority_names n
        WHERE n.id = compact.id) WHERE id = NEW.compact_id;
END;
CREATE TRIGGER compact_authority_names_delete AFTER DELETE ON compact_authority BEGIN
    UPDATE compact SET authority_names = (SELECT names FROM compact_authority_names n
        WHERE n.id = compact.id) WHERE id = OLD.compact_id;
END;
CREATE TRIGGER compact_authority_names_update AFTER UPDATE ON compact_authority BEGIN
    UPDATE compact SET authority_names = (SELECT names FROM compact_authority_names n
        WHERE n.id = compact.id) WHERE id IN (OLD.compact_id, NEW.compact_id);
END;
-- A rename: the register's load writes every name, so only a name that changes moves anything.
CREATE TRIGGER compact_authority_names_rename AFTER UPDATE OF name ON authority
    WHEN OLD.name IS NOT NEW.name BEGIN
    UPDATE compact SET authority_names = (SELECT names FROM compact_authority_names n
        WHERE n.id = compact.id)
        WHERE id IN (SELECT compact_id FROM compact_authority WHERE gss = NEW.gss);
END;

PRAGMA user_version = 19;
