-- Requests for a partner, the pairs they become, every move of a pair, the conversation of
-- each request, and the partnerships signed through the pipeline.

-- A European municipality asks for a partner: for a named community, or (community_code
-- NULL) with preferences for the coordinators to find one. The requester has no account;
-- their personal data lives in this row only, and is blanked (anonymised_at) when the
-- request has been closed long enough or when they ask.
CREATE TABLE partner_requests (
    id TEXT PRIMARY KEY,
    community_code TEXT REFERENCES communities (code),
    -- The municipality: its directory entry (country and slug), or a name and country
    -- typed by the requester when the directory lacks it (slug NULL).
    municipality_country TEXT NOT NULL,
    municipality_slug TEXT,
    municipality_name TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_role TEXT NOT NULL,
    -- Lower-cased.
    email TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    -- ISO 639-1 codes and theme keys, comma-separated.
    languages TEXT NOT NULL,
    themes TEXT NOT NULL,
    message TEXT NOT NULL,
    -- A general request's wishes (JSON), '{}' for a named one.
    preferences TEXT NOT NULL DEFAULT '{}',
    -- The requester's language: their mail is written in it.
    lang TEXT NOT NULL,
    -- new, matching, withdrawn, declined: where the request stands before (and besides)
    -- its pairs.
    stage TEXT NOT NULL DEFAULT 'new',
    assigned_to TEXT REFERENCES users (id) ON DELETE SET NULL,
    consent_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    closed_at BIGINT,
    anonymised_at BIGINT
);
CREATE INDEX partner_requests_email ON partner_requests (email, community_code);
CREATE INDEX partner_requests_stage ON partner_requests (stage, created_at);

-- The requester's private links: only a SHA-256 of each is stored. A duplicate request
-- mails a new link to the same request; the old one keeps working.
CREATE TABLE request_links (
    token_hash TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES partner_requests (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE INDEX request_links_request ON request_links (request_id);

-- A request and one community on their way to a partnership.
CREATE TABLE partner_pairs (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES partner_requests (id) ON DELETE CASCADE,
    community_code TEXT NOT NULL REFERENCES communities (code),
    stage TEXT NOT NULL,
    -- A community without editors, reached by the coordinators outside the platform.
    reached_outside BIGINT NOT NULL DEFAULT 0 CHECK (reached_outside IN (0, 1)),
    created_at BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    UNIQUE (request_id, community_code)
);
CREATE INDEX partner_pairs_community ON partner_pairs (community_code);

-- Every move of a pair: who (requester, editor, coordinator; the account when there is
-- one), when, and a note. Internal notes are the coordinators' own.
CREATE TABLE pair_events (
    id TEXT PRIMARY KEY,
    pair_id TEXT NOT NULL REFERENCES partner_pairs (id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    actor TEXT NOT NULL CHECK (actor IN ('requester', 'editor', 'coordinator')),
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX pair_events_pair ON pair_events (pair_id, at);

-- One thread per request. Internal messages are coordinators' notes the requester never sees.
CREATE TABLE request_messages (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES partner_requests (id) ON DELETE CASCADE,
    author TEXT NOT NULL CHECK (author IN ('requester', 'editor', 'coordinator')),
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    internal BIGINT NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
    at BIGINT NOT NULL
);
CREATE INDEX request_messages_request ON request_messages (request_id, at);

-- A partnership signed through the pipeline (the registry builds on it).
CREATE TABLE partnerships (
    id TEXT PRIMARY KEY,
    community_code TEXT NOT NULL REFERENCES communities (code),
    municipality_country TEXT NOT NULL,
    municipality_slug TEXT,
    municipality_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    themes TEXT NOT NULL,
    signed_on BIGINT NOT NULL,
    pair_id TEXT UNIQUE REFERENCES partner_pairs (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX partnerships_community ON partnerships (community_code);
