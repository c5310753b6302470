-- The registry's import and activity log (issue 15).

-- The European side's key within a community's partnerships: its GeoNames id, or its name
-- when it is not in the directory ("name:" and the folded name). Re-importing a list finds
-- the rows it made before by it, so a second run creates nothing new.
ALTER TABLE partnerships ADD COLUMN partner_key TEXT;
UPDATE partnerships SET partner_key = COALESCE('geonames:' || CAST(geonameid AS TEXT), 'id:' || id);
CREATE UNIQUE INDEX partnerships_pair_of_places
    ON partnerships (community_code, municipality_country, partner_key);
-- A part of either side the record names: a city district ("Solomianskyi" of Kyiv), a
-- village, a rural gmina.
ALTER TABLE partnerships ADD COLUMN community_part TEXT NOT NULL DEFAULT '';
ALTER TABLE partnerships ADD COLUMN partner_part TEXT NOT NULL DEFAULT '';
-- How precise `signed_on` is: a day (the pipeline's signing), a year (most lists give one),
-- or unknown (`signed_on` is then 0).
ALTER TABLE partnerships ADD COLUMN since_precision TEXT NOT NULL DEFAULT 'day'
    CHECK (since_precision IN ('day', 'year', 'unknown'));
-- The last joint action (or the start, without one) and the one "dormant?" reminder sent
-- for the quiet spell since it.
ALTER TABLE partnerships ADD COLUMN last_activity_at BIGINT NOT NULL DEFAULT 0;
UPDATE partnerships SET last_activity_at = created_at;
ALTER TABLE partnerships ADD COLUMN reminded_at BIGINT;

-- Joint actions of a partnership: the proof that it is alive.
CREATE TABLE partnership_activities (
    id TEXT PRIMARY KEY,
    partnership_id TEXT NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    happened_on BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('aid_delivery', 'visit', 'joint_project',
        'grant_application', 'exchange', 'event')),
    text TEXT NOT NULL,
    amount_eur BIGINT,
    added_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX partnership_activities_of ON partnership_activities (partnership_id, happened_on);

-- A coordinator's import: the file's rows kept between the dry run and the confirmation
-- (no personal data: place names, types, years and sources), removed when confirmed or
-- after a day.
CREATE TABLE partnership_imports (
    id TEXT PRIMARY KEY,
    created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    body TEXT NOT NULL
);
