-- An authority's 2011 code is one of its columns, as the register gives it, not looked up
-- among its former codes for every row of every list (issue 17, docs/PERFORMANCE.md: a fifth
-- of the API's page of 100 authorities). authority_alias keeps every former code, the 2011 one
-- included, for finding an authority by any of them.
ALTER TABLE authority ADD COLUMN gss_2011 TEXT CHECK (gss_2011 IS NULL OR length(gss_2011) = 9);
UPDATE authority SET gss_2011 = (SELECT min(x.alias) FROM authority_alias x
                                 WHERE x.gss = authority.gss AND x.in_2011 <> 0);
ALTER TABLE authority_alias DROP COLUMN in_2011;

PRAGMA user_version = 16;
