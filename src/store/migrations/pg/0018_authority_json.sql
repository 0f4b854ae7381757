-- Each authority as the API's lists write it: see the SQLite migration of the same number.
ALTER TABLE authority ADD COLUMN api_json text;

INSERT INTO schema_version (version) VALUES (18);
