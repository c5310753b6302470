-- Second-factor codes are accepted once: the time step of the last accepted code.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

-- Where an account signed in from before (its client networks, and devices by the hash of
-- a cookie they keep): sign-in attempts from these do not count against the account's
-- limit for attempts from elsewhere, so guessing from other places cannot lock the owner out.
CREATE TABLE known_places (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    place TEXT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (user_id, place)
);
