-- The annual survey of local Compacts (SPEC section 7). The question bank is seeded here, from
-- core/survey.c's table (unit.test_store_survey compares the two); a round copies the bank's
-- questions when it is made, so a later change of the bank (a new version of a question) leaves
-- earlier rounds as they were asked. Answers are kept apart from who gave them: a response
-- names its Compact, sector and body type, never a person, a code or a time; a signed-in
-- general answer adds a row to survey_respondent, which says only that the person answered
-- that round. Results are read from tallies kept in each response's transaction (a round of a
-- million answers is a few hundred rows to read); the raw answers stay for the anonymised
-- export and a recount.

-- The bank: the questions a new round copies.
CREATE TABLE survey_bank_question (
    key           TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 40),
    position      INTEGER NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    questionnaire TEXT NOT NULL CHECK (questionnaire IN ('general', 'benchmark')),
    type          TEXT NOT NULL CHECK (type IN ('agree5', 'choice', 'choose_up_to_3',
                                                'choose_any', 'yes_no_dk', 'text')),
    text          TEXT NOT NULL,
    hint          TEXT
);
CREATE TABLE survey_bank_option (
    key      TEXT NOT NULL REFERENCES survey_bank_question(key) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    option   TEXT NOT NULL CHECK (length(option) BETWEEN 1 AND 40),
    label    TEXT NOT NULL,
    PRIMARY KEY (key, option)
);

-- A round: answers are taken from opens_on to closes_on inclusive.
CREATE TABLE survey_round (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    opens_on   TEXT NOT NULL,
    closes_on  TEXT NOT NULL CHECK (closes_on >= opens_on),
    created_at TEXT NOT NULL
);
-- A round's questions and options, as the bank had them when it was made.
CREATE TABLE survey_question (
    round_id      INTEGER NOT NULL REFERENCES survey_round(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    position      INTEGER NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    questionnaire TEXT NOT NULL CHECK (questionnaire IN ('general', 'benchmark')),
    type          TEXT NOT NULL CHECK (type IN ('agree5', 'choice', 'choose_up_to_3',
                                                'choose_any', 'yes_no_dk', 'text')),
    text          TEXT NOT NULL,
    hint          TEXT,
    PRIMARY KEY (round_id, key)
);
CREATE TABLE survey_option (
    round_id INTEGER NOT NULL,
    key      TEXT NOT NULL,
    position INTEGER NOT NULL,
    option   TEXT NOT NULL,
    label    TEXT NOT NULL,
    PRIMARY KEY (round_id, key, option),
    FOREIGN KEY (round_id, key) REFERENCES survey_question(round_id, key) ON DELETE CASCADE
);

-- Invitation codes, per Compact: the keyed hash of the code (as API tokens), never the code.
-- Single use: used_at is set in the transaction of the response it answered.
CREATE TABLE survey_code (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES survey_round(id) ON DELETE CASCADE,
    compact_id INTEGER NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    code_hash  BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX survey_code_round ON survey_code(round_id, compact_id);

-- A response, apart from who gave it. One benchmark response per Compact per round.
CREATE TABLE survey_response (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES survey_round(id) ON DELETE CASCADE,
    questionnaire TEXT NOT NULL CHECK (questionnaire IN ('general', 'benchmark')),
    compact_id    INTEGER NOT NULL REFERENCES compact(id),
    sector        TEXT NOT NULL CHECK (sector IN ('statutory', 'vcs', 'other')),
    body_type     TEXT CHECK (body_type IN ('local_authority', 'nhs', 'police', 'fire',
                                            'central_government', 'other_statutory')),
    CHECK ((sector = 'statutory') = (body_type IS NOT NULL))
);
CREATE INDEX survey_response_round ON survey_response(round_id, compact_id);
CREATE UNIQUE INDEX survey_response_benchmark ON survey_response(round_id, compact_id)
    WHERE questionnaire = 'benchmark';
-- Its answers, one a question answered: an option, options separated by ';', or text.
CREATE TABLE survey_answer (
    response_id INTEGER NOT NULL REFERENCES survey_response(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (response_id, key)
);
-- Who has answered a round's general questionnaire signed in (once each), and nothing else:
-- no link to the response, no time (and no rowid, so no order of arrival either).
CREATE TABLE survey_respondent (
    round_id INTEGER NOT NULL REFERENCES survey_round(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, user_id)
) WITHOUT ROWID;

-- The tallies results are read from, kept in each response's transaction: per question, group
-- ('all', 'statutory', 'local_authority', 'vcs', 'other') and option how many chose it; option
-- '' is how many answered the question.
CREATE TABLE survey_tally (
    round_id INTEGER NOT NULL REFERENCES survey_round(id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    grp      TEXT NOT NULL,
    option   TEXT NOT NULL,
    n        INTEGER NOT NULL, -- a delta on its way in may be negative: no CHECK
    PRIMARY KEY (round_id, key, grp, option)
);
-- How many responses per questionnaire and group.
CREATE TABLE survey_tally_response (
    round_id      INTEGER NOT NULL REFERENCES survey_round(id) ON DELETE CASCADE,
    questionnaire TEXT NOT NULL,
    grp           TEXT NOT NULL,
    n             INTEGER NOT NULL, -- a delta on its way in may be negative: no CHECK
    PRIMARY KEY (round_id, questionnaire, grp)
);
-- How many responses per Compact: general ones, and whether it has its benchmark (0 or 1).
CREATE TABLE survey_tally_compact (
    round_id   INTEGER NOT NULL REFERENCES survey_round(id) ON DELETE CASCADE,
    compact_id INTEGER NOT NULL REFERENCES compact(id),
    general    INTEGER NOT NULL,
    benchmark  INTEGER NOT NULL,
    PRIMARY KEY (round_id, compact_id)
);

-- The bank as SPEC section 7 seeds it (version 1 of every question).
INSERT INTO survey_bank_question (key, position, version, questionnaire, type, text, hint) VALUES
    ('importance', 1, 1, 'general', 'agree5',
     'The Compact is important and effort should go into implementing it in full', 'How far do you agree?'),
    ('relationship_change', 2, 1, 'general', 'choice',
     'Over the last year, have relations between the statutory and voluntary sectors in your area improved, stayed the same or worsened?', NULL),
    ('independence_respect', 3, 1, 'general', 'choice',
     'Over the last year, has respect for the independence of the voluntary and community sector improved, stayed the same or worsened?', NULL),
    ('actively_engaged', 4, 1, 'general', 'yes_no_dk',
     'Is your organisation actively engaged with your local Compact?', NULL),
    ('improvements', 5, 1, 'general', 'choose_up_to_3',
     'What would most improve the impact of your local Compact?', 'Choose up to 3.'),
    ('comments', 6, 1, 'general', 'text',
     'Is there anything else you would like to tell us about your local Compact?', 'Your comments are not published.'),
    ('group_meets', 7, 1, 'benchmark', 'choice',
     'How often does the Compact''s group meet?', NULL),
    ('refresh_planned', 8, 1, 'benchmark', 'yes_no_dk',
     'Is a refresh of the Compact planned?', NULL),
    ('paid_worker', 9, 1, 'benchmark', 'yes_no_dk',
     'Does the Compact have a paid worker?', NULL),
    ('dispute_procedure', 10, 1, 'benchmark', 'yes_no_dk',
     'Does the Compact have a dispute procedure?', NULL),
    ('annual_review_held', 11, 1, 'benchmark', 'yes_no_dk',
     'Was an annual review of the Compact held this year?', NULL),
    ('signed_partners', 12, 1, 'benchmark', 'choose_any',
     'Which partners have signed the Compact?', 'Choose all that apply.');
INSERT INTO survey_bank_option (key, position, option, label) VALUES
    ('importance', 1, 'strongly_agree', 'Strongly agree'),
    ('importance', 2, 'agree', 'Agree'),
    ('importance', 3, 'neither', 'Neither agree nor disagree'),
    ('importance', 4, 'disagree', 'Disagree'),
    ('importance', 5, 'strongly_disagree', 'Strongly disagree'),
    ('importance', 6, 'dont_know', 'Don''t know'),
    ('relationship_change', 1, 'improved', 'Improved'),
    ('relationship_change', 2, 'same', 'Stayed the same'),
    ('relationship_change', 3, 'worsened', 'Worsened'),
    ('relationship_change', 4, 'dont_know', 'Don''t know'),
    ('independence_respect', 1, 'improved', 'Improved'),
    ('independence_respect', 2, 'same', 'Stayed the same'),
    ('independence_respect', 3, 'worsened', 'Worsened'),
    ('independence_respect', 4, 'dont_know', 'Don''t know'),
    ('actively_engaged', 1, 'yes', 'Yes'),
    ('actively_engaged', 2, 'no', 'No'),
    ('actively_engaged', 3, 'dont_know', 'Don''t know'),
    ('improvements', 1, 'senior_leadership', 'Commitment from senior leaders'),
    ('improvements', 2, 'resources', 'More resources'),
    ('improvements', 3, 'promotion', 'Promoting the Compact more widely'),
    ('improvements', 4, 'commissioner_links', 'Closer links with commissioners'),
    ('improvements', 5, 'training', 'Training on the Compact'),
    ('improvements', 6, 'compliance_monitoring', 'Monitoring that the Compact is kept'),
    ('improvements', 7, 'paid_worker', 'A paid Compact worker'),
    ('improvements', 8, 'other', 'Something else'),
    ('group_meets', 1, 'monthly', 'Every month'),
    ('group_meets', 2, 'quarterly', 'Every three months'),
    ('group_meets', 3, 'twice_yearly', 'Twice a year'),
    ('group_meets', 4, 'yearly', 'Once a year'),
    ('group_meets', 5, 'less_often', 'Less than once a year'),
    ('group_meets', 6, 'no_group', 'There is no Compact group'),
    ('refresh_planned', 1, 'yes', 'Yes'),
    ('refresh_planned', 2, 'no', 'No'),
    ('refresh_planned', 3, 'dont_know', 'Don''t know'),
    ('paid_worker', 1, 'yes', 'Yes'),
    ('paid_worker', 2, 'no', 'No'),
    ('paid_worker', 3, 'dont_know', 'Don''t know'),
    ('dispute_procedure', 1, 'yes', 'Yes'),
    ('dispute_procedure', 2, 'no', 'No'),
    ('dispute_procedure', 3, 'dont_know', 'Don''t know'),
    ('annual_review_held', 1, 'yes', 'Yes'),
    ('annual_review_held', 2, 'no', 'No'),
    ('annual_review_held', 3, 'dont_know', 'Don''t know'),
    ('signed_partners', 1, 'council', 'The council'),
    ('signed_partners', 2, 'nhs', 'The NHS'),
    ('signed_partners', 3, 'police', 'The police'),
    ('signed_partners', 4, 'fire', 'The fire and rescue service'),
    ('signed_partners', 5, 'other', 'Other partners');

PRAGMA user_version = 11;
