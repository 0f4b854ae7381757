-- Accounts, sessions, API tokens, sign-in failures, the audit trail, and the first of the
-- register: local Compacts with the authorities they cover and their status history.

-- The key of the keyed hashes that stand for sessions and tokens (made by the program).
CREATE TABLE server_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL CHECK (length(key) = 32)
);

CREATE TABLE user (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'member')),
    org_id        TEXT,                 -- the organisation a member acts for (an org-id)
    password_hash TEXT,                 -- Argon2id; NULL: cannot sign in with a password
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL,
    CHECK (role <> 'member' OR org_id IS NOT NULL)
);

CREATE TABLE session (
    id_hash    BLOB PRIMARY KEY,        -- keyed hash of the cookie's secret; never the secret
    user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,        -- Unix seconds
    seen_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_user ON session(user_id);

CREATE TABLE api_token (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE,    -- keyed hash of the token; never the token
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_token_user ON api_token(user_id);

-- Failed sign-ins, for the limits per account and per client address.
CREATE TABLE login_failure (
    key TEXT NOT NULL,                  -- 'email:...' or 'addr:...'
    at  INTEGER NOT NULL                -- Unix seconds
);
CREATE INDEX login_failure_key ON login_failure(key, at);

-- Who changed what, when, with the state before and after (JSON). Append-only.
CREATE TABLE audit (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,               -- UTC, 'YYYY-MM-DDTHH:MM:SSZ'
    actor  TEXT NOT NULL,               -- 'user:ID' or 'cli'
    action TEXT NOT NULL,               -- 'create', 'update', 'disable', 'revoke', ...
    kind   TEXT NOT NULL,               -- 'compact', 'user', 'api_token'
    entity TEXT NOT NULL,               -- the entity's identifier
    before TEXT,
    after  TEXT
);
CREATE INDEX audit_entity ON audit(kind, entity, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE compact (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at TEXT NOT NULL
);

CREATE TABLE compact_authority (
    compact_id INTEGER NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    gss        TEXT NOT NULL REFERENCES authority(gss),
    PRIMARY KEY (compact_id, gss)
) WITHOUT ROWID;
CREATE INDEX compact_authority_gss ON compact_authority(gss);

CREATE TABLE compact_status (
    compact_id INTEGER NOT NULL REFERENCES compact(id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('in_development', 'active', 'inactive')),
    date       TEXT NOT NULL,           -- the date it took effect
    PRIMARY KEY (compact_id, date)
) WITHOUT ROWID;

PRAGMA user_version = 2;
