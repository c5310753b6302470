-- Business cards. Official data stays in `communities`; what a community says about itself
-- (or what the demo loader writes) is one JSON document per community (model::profile::Profile),
-- versioned so that concurrent edits can be detected.
ALTER TABLE communities ADD COLUMN aliases TEXT NOT NULL DEFAULT '';

CREATE TABLE profiles (
    community_code TEXT PRIMARY KEY REFERENCES communities (code),
    data TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    claimed BIGINT NOT NULL DEFAULT 0 CHECK (claimed IN (0, 1)),
    verified BIGINT NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    last_verified TEXT,
    updated_at TEXT NOT NULL,
    demo BIGINT NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
);

-- Bumped in the same transaction as every profile change: each app instance compares it with
-- the number its in-memory search index was built at, so a change is searchable at once everywhere.
CREATE TABLE catalogue_version (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO catalogue_version (id, n) VALUES (1, 0);
