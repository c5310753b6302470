-- The open registry of partnerships (issue 15) starts from the pipeline's records: how a
-- partnership came to be, where the record comes from and who confirmed it, its state,
-- and the European side's GeoNames id (when the municipality is in the directory).
ALTER TABLE partnerships ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
    CHECK (state IN ('active', 'dormant', 'ended'));
ALTER TABLE partnerships ADD COLUMN origin TEXT NOT NULL DEFAULT 'pipeline'
    CHECK (origin IN ('pipeline', 'imported', 'manual'));
ALTER TABLE partnerships ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE partnerships ADD COLUMN confirmed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE partnerships ADD COLUMN geonameid BIGINT;
CREATE INDEX partnerships_country ON partnerships (municipality_country);
