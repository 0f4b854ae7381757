-- The authorities page reads its list from this index alone, in its order (issue 17,
-- docs/PERFORMANCE.md): every column the page's statement names, so that no row is looked up
-- again in the table. It serves what authority_name served (name, then code) as well.
CREATE INDEX authority_list ON authority(name, gss, type, region, county_gss, sets);
DROP INDEX authority_name;
-- How many authorities each set holds, counted from this small index (the home pages' figures).
CREATE INDEX authority_sets ON authority(sets);

INSERT INTO schema_version (version) VALUES (15);
