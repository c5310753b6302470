-- Accounts, sessions, one-time tokens, the mail outbox, rate-limit counters and the audit log.
-- Times are Unix seconds (BIGINT) so both databases compare them the same way.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    -- Lower-cased; unique.
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    -- visitor-level 'member', or 'coordinator', 'admin'.
    role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'coordinator', 'admin')),
    email_verified BIGINT NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1)),
    totp_secret TEXT,
    totp_enabled BIGINT NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
    -- Interface language for the mail we send.
    lang TEXT NOT NULL DEFAULT 'uk',
    created_at BIGINT NOT NULL
);

-- Only a SHA-256 of the session token is stored: a leaked table opens no session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    -- A session that passed the password but still owes its second factor.
    pending_totp BIGINT NOT NULL DEFAULT 0 CHECK (pending_totp IN (0, 1)),
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Links sent by mail: verify an address, reset a password, confirm a new address.
CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset', 'email')),
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- For 'email': the new address.
    data TEXT NOT NULL DEFAULT '',
    expires_at BIGINT NOT NULL,
    used BIGINT NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
);
CREATE INDEX tokens_user ON tokens (user_id, purpose);

-- Mail is written here in the transaction that causes it and sent by a background worker,
-- so nothing is lost while the mail server is down.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt BIGINT NOT NULL,
    sent_at BIGINT,
    -- Which instance holds the message while it sends (several instances share one outbox).
    claimed_until BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt);

-- Fixed-window counters shared by every instance: key = what is limited (e.g. 'signin-ip:…').
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit_log (at);
