-- The one search (SPEC section 9, issue 16): a document per published case study, published
-- resource, Compact and organisation, written by store_search_index (store_search.c) inside the
-- transaction of each write of those, and by store_search_rebuild (this migration, a copy).
-- The engines share this table and every statement that writes it; what differs is the index:
-- here an FTS5 table over title and body (porter over unicode61: "commissioner" finds
-- "commissioning"), kept by the triggers below; PostgreSQL a generated tsvector with a GIN
-- index (../pg/0013_search.sql). themes and regions are lists between '|' ("|North West|"),
-- which a filter matches with LIKE; year is a case study's year, a resource's date's, a
-- Compact's adoption's.
CREATE TABLE search_doc (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('case_study', 'resource', 'compact', 'organisation')),
    item_id INTEGER NOT NULL,
    ref     TEXT NOT NULL,          -- what its page's URL names it by (an org-id, or its id)
    title   TEXT NOT NULL,
    body    TEXT NOT NULL,
    themes  TEXT NOT NULL,
    regions TEXT NOT NULL,
    year    INTEGER,
    UNIQUE (kind, item_id)
);

CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content = 'search_doc',
    content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TRIGGER search_doc_insert AFTER INSERT ON search_doc BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_doc_delete AFTER DELETE ON search_doc BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_doc_update AFTER UPDATE ON search_doc BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

PRAGMA user_version = 13;
