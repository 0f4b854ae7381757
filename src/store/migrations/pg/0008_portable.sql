-- PostgreSQL twin of ../sqlite/0008_portable.sql (what differs: 0001's header): normalised columns where
-- case must not matter, and the date each Compact's review is due, written by the program.

-- Case-folded copies of the names and org-ids that lists order by and that lookups in any case
-- compare with lower(?N). lower() under COLLATE "C" folds the ASCII letters only, as SQLite's
-- lower() does, so both engines store the same text; STORED, PostgreSQL's one kind.
ALTER TABLE organisation ADD COLUMN org_id_norm text COLLATE "C"
    GENERATED ALWAYS AS (lower(org_id COLLATE "C")) STORED;
ALTER TABLE organisation ADD COLUMN name_norm text COLLATE "C"
    GENERATED ALWAYS AS (lower(name COLLATE "C")) STORED;
CREATE UNIQUE INDEX organisation_org_id_norm ON organisation(org_id_norm);
DROP INDEX organisation_name;
CREATE INDEX organisation_name_norm ON organisation(name_norm);

ALTER TABLE compact ADD COLUMN name_norm text COLLATE "C"
    GENERATED ALWAYS AS (lower(name COLLATE "C")) STORED;
DROP INDEX compact_name;
CREATE INDEX compact_name_norm ON compact(name_norm);

ALTER TABLE authority ADD COLUMN name_norm text COLLATE "C"
    GENERATED ALWAYS AS (lower(name COLLATE "C")) STORED;
ALTER TABLE authority ADD COLUMN official_name_norm text COLLATE "C"
    GENERATED ALWAYS AS (lower(official_name COLLATE "C")) STORED;

ALTER TABLE grant_award ADD COLUMN funder_org_id_norm text COLLATE "C"
    GENERATED ALWAYS AS (lower(funder_org_id COLLATE "C")) STORED;
ALTER TABLE grant_award ADD COLUMN recipient_org_id_norm text COLLATE "C"
    GENERATED ALWAYS AS (lower(recipient_org_id COLLATE "C")) STORED;
DROP INDEX grant_award_funder;
DROP INDEX grant_award_recipient;
CREATE INDEX grant_award_funder_norm ON grant_award(funder_org_id_norm, award_date);
CREATE INDEX grant_award_recipient_norm ON grant_award(recipient_org_id_norm);

ALTER TABLE contract ADD COLUMN buyer_org_id_norm text COLLATE "C"
    GENERATED ALWAYS AS (lower(buyer_org_id COLLATE "C")) STORED;
DROP INDEX contract_buyer;
CREATE INDEX contract_buyer_norm ON contract(buyer_org_id_norm, release_date);

ALTER TABLE contract_supplier ADD COLUMN supplier_org_id_norm text COLLATE "C"
    GENERATED ALWAYS AS (lower(supplier_org_id COLLATE "C")) STORED;
DROP INDEX contract_supplier_org;
CREATE INDEX contract_supplier_org_norm ON contract_supplier(supplier_org_id_norm);

-- When the next review is due: review_due where one is set, else six years after the later
-- of adopted and refreshed (compact_review_due in core/compact.c, the one place the rule
-- lives); NULL when none is known. The store writes it with every change of those dates, and
-- fills it for the Compacts already there right after this migration (store_migrate).
ALTER TABLE compact ADD COLUMN review_due_on text COLLATE "C";

INSERT INTO schema_version (version) VALUES (8);
