-- The coordinators' pipeline: background jobs that must run once however many instances
-- serve the site (the weekly digest of quiet pairs), and a pair's last quiet warning.

-- One row per job: the instance that moves `next_at` forward (a guarded UPDATE) runs it.
CREATE TABLE job_runs (
    name TEXT PRIMARY KEY,
    next_at BIGINT NOT NULL
);

-- When a coordinator introduced the request to the pair's community (NULL: asked directly).
ALTER TABLE partner_pairs ADD COLUMN introduced_at BIGINT;
CREATE INDEX partner_pairs_request ON partner_pairs (request_id);
CREATE INDEX partner_pairs_activity ON partner_pairs (stage, last_activity_at);

-- The order of moves and messages within one second (several can be made in a second: a
-- bulk action, a coordinator catching up): one more than the last of the pair or request.
ALTER TABLE pair_events ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE request_messages ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
