-- The official catalogue: regions, raions, communities (hromadas), their settlements,
-- and the European municipalities directory. Seeded from data/seed.
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('oblast', 'arc', 'city')),
    name_uk TEXT NOT NULL,
    name_latin TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE raions (
    code TEXT PRIMARY KEY,
    region_code TEXT NOT NULL REFERENCES regions (code),
    name_uk TEXT NOT NULL,
    name_latin TEXT NOT NULL
);

CREATE TABLE communities (
    code TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('urban', 'settlement', 'rural')),
    name_uk TEXT NOT NULL,
    name_latin TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code),
    raion_code TEXT REFERENCES raions (code),
    centre_code TEXT,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    position_method TEXT NOT NULL,
    occupied BIGINT NOT NULL DEFAULT 0 CHECK (occupied IN (0, 1)),
    centre_population BIGINT
);
CREATE INDEX communities_listing ON communities (occupied, code);
CREATE INDEX communities_region ON communities (region_code);

CREATE TABLE settlements (
    code TEXT PRIMARY KEY,
    community_code TEXT NOT NULL REFERENCES communities (code),
    ord BIGINT NOT NULL,
    category TEXT NOT NULL,
    name_uk TEXT NOT NULL,
    name_latin TEXT NOT NULL,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION
);
CREATE INDEX settlements_community ON settlements (community_code, ord);

CREATE TABLE municipalities (
    geonameid BIGINT PRIMARY KEY,
    country TEXT NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    ascii_name TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    population BIGINT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    alt_names TEXT NOT NULL,
    UNIQUE (country, slug)
);

CREATE TABLE app_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
