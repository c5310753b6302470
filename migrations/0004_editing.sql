-- Who may edit which community, how they got there, and every published version of a card.

-- Editors of a community (several per community; a person may edit several).
CREATE TABLE editors (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    community_code TEXT NOT NULL REFERENCES communities (code),
    granted_by TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, community_code)
);
CREATE INDEX editors_community ON editors (community_code);

-- Requests to become an editor, decided by a coordinator.
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    community_code TEXT NOT NULL REFERENCES communities (code),
    position TEXT NOT NULL,
    evidence TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason TEXT NOT NULL DEFAULT '',
    decided_by TEXT,
    decided_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX claims_status ON claims (status, created_at);

-- An editor invites a colleague by address; the colleague accepts while signed in as that address.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    community_code TEXT NOT NULL REFERENCES communities (code),
    email TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used BIGINT NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
);

-- Every published version of a card (the profiles row holds the newest).
CREATE TABLE revisions (
    community_code TEXT NOT NULL REFERENCES communities (code),
    version BIGINT NOT NULL,
    data TEXT NOT NULL,
    author TEXT,
    created_at BIGINT NOT NULL,
    -- The version this one restored, if it was a restore.
    restored_from BIGINT,
    PRIMARY KEY (community_code, version)
);

-- Unpublished edits, one per editor and community, kept on the server as well as in the browser.
CREATE TABLE drafts (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    community_code TEXT NOT NULL REFERENCES communities (code),
    data TEXT NOT NULL,
    base_version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, community_code)
);
