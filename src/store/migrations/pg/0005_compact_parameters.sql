-- PostgreSQL twin of ../sqlite/0005_compact_parameters.sql (what differs: 0001's header). A local
-- Compact's own parameters (SPEC section 5): where it sets one, its value wins over the
-- national default.
CREATE TABLE compact_parameter (
    compact_id bigint NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    name       text COLLATE "C" NOT NULL CHECK (name IN ('consultation_weeks', 'feedback_weeks',
                                                         'notice_months', 'min_funding_months',
                                                         'min_tender_days')),
    value      integer NOT NULL CHECK (value BETWEEN 0 AND 3660),
    PRIMARY KEY (compact_id, name)
);

SELECT compact_notify_on(ARRAY['compact_parameter']);

INSERT INTO schema_version (version) VALUES (5);
