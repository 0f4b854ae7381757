-- Each authority as the API's lists write it, written with the row, so that a page of the API's
-- list reads one column an authority and copies it, not twelve columns turned into JSON on every
-- request (issue 17, docs/PERFORMANCE.md). It is of the row's own columns alone. The register's
-- load writes it with each row (store_authority_put's json); `compact migrate`, and opening a
-- database that moves its schema, write it for every row whose JSON differs (app/db.c,
-- db_authority_json). NULL until then, and wherever a row is written without it: the page then
-- writes that row's JSON from its columns. unit.test_ingest pins what the codec writes of an
-- authority: a change to it comes with a migration, which has every row's JSON written again.
ALTER TABLE authority ADD COLUMN api_json TEXT;

PRAGMA user_version = 18;
