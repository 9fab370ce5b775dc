-- The event layer: each annotated article's events, claims and relations, one row each, replaced with
-- the article's annotation. Flat columns are what `sitroom events` and the exports filter on; `record`
-- holds the whole record (sitroom.model.Event, Claim, Relation).
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    event_class VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    sub_event_type VARCHAR NOT NULL,
    actor1_id VARCHAR,
    actor2_id VARCHAR,
    actors VARCHAR NOT NULL,        -- every actor's id and name, lower case, for --actor
    country VARCHAR,
    date_start DATE,
    date_end DATE,
    fatalities INTEGER,
    modality VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    record JSON NOT NULL
);
CREATE INDEX events_article ON events (article_id);

CREATE TABLE claims (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    subject_id VARCHAR,
    modality VARCHAR NOT NULL,
    record JSON NOT NULL
);
CREATE INDEX claims_article ON claims (article_id);

CREATE TABLE relations (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    target_id VARCHAR NOT NULL,
    modality VARCHAR NOT NULL,
    record JSON NOT NULL
);
CREATE INDEX relations_article ON relations (article_id);
