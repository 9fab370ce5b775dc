-- The language layer: each English article's annotation (one JSON record, replaced when re-annotated),
-- and GeoNames dumps the user loads with `sitroom gazetteer add`.
CREATE TABLE annotations (
    article_id VARCHAR PRIMARY KEY,
    record JSON NOT NULL,
    model VARCHAR NOT NULL,
    knowledge VARCHAR NOT NULL,
    annotated_at TIMESTAMP NOT NULL
);

CREATE TABLE gazetteer_places (
    geonameid BIGINT PRIMARY KEY,
    name VARCHAR NOT NULL,
    lat DOUBLE NOT NULL,
    lon DOUBLE NOT NULL,
    feature VARCHAR NOT NULL,       -- C, A1, A2, P, R, H, T, S (see sitroom.model.Place)
    feature_code VARCHAR,           -- GeoNames' own code, e.g. PPL, ADM2
    country VARCHAR,
    admin1_code VARCHAR,
    population BIGINT
);

-- Every Latin-script name of a place, by the key sitroom compares names with (kb.gazetteer.name_key).
CREATE TABLE gazetteer_names (
    key VARCHAR NOT NULL,
    geonameid BIGINT NOT NULL
);
CREATE INDEX gazetteer_names_key ON gazetteer_names (key);

-- GeoNames' admin1CodesASCII.txt: 'ML.10' -> 'Kidal'.
CREATE TABLE gazetteer_admin1 (
    code VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL
);

CREATE TABLE gazetteer_files (
    path VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    rows BIGINT NOT NULL,
    loaded_at TIMESTAMP NOT NULL
);
