-- What a reader typed into a form the server refused (sent without JavaScript, or outside
-- an island): kept for minutes under the hash of a token that only the redirect back to the
-- form carries, so the form comes back filled in. Never passwords, codes or tokens.
CREATE TABLE form_echoes (
    token_hash TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    fields TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX form_echoes_expiry ON form_echoes (expires_at);
