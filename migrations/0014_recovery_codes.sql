-- Two-factor recovery codes (issue 16): each one signs in once, instead of a code from the
-- app, when the phone is lost. Only a SHA-256 of each is kept; a used one is deleted.
CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);
-- The current set's number (a set is derived from the secret and it) and whether the
-- account page still shows that set (until its holder says it is written down).
ALTER TABLE users ADD COLUMN recovery_set BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN recovery_shown BIGINT NOT NULL DEFAULT 0 CHECK (recovery_shown IN (0, 1));
