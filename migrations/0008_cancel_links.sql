-- A fourth kind of mailed link: "this was not me", sent to the old address when someone
-- asks to move an account, which cancels the move. The purposes are checked by the table,
-- so the table is rebuilt with the new list (portable: both databases).
CREATE TABLE tokens_new (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset', 'email', 'cancel')),
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    data TEXT NOT NULL DEFAULT '',
    expires_at BIGINT NOT NULL,
    used BIGINT NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
);
INSERT INTO tokens_new (token_hash, purpose, user_id, data, expires_at, used)
    SELECT token_hash, purpose, user_id, data, expires_at, used FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;
CREATE INDEX tokens_user ON tokens (user_id, purpose);
