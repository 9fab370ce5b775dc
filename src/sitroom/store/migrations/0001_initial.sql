-- The first schema: stored articles, near-duplicate links, ingest runs and their failures.
CREATE SEQUENCE ingest_run_ids START 1;

CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    inputs VARCHAR,
    read INTEGER DEFAULT 0,
    stored INTEGER DEFAULT 0,
    duplicates INTEGER DEFAULT 0,
    failed INTEGER DEFAULT 0
);

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    source VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    published_earliest DATE,
    language VARCHAR NOT NULL,
    site_name VARCHAR,
    record JSON NOT NULL,
    minhash UBIGINT[] NOT NULL,
    run_id INTEGER,
    ingested_at TIMESTAMP NOT NULL
);

-- Locality-sensitive-hashing buckets of each article's MinHash, so a new page finds its near-duplicates
-- without comparing against every stored article.
CREATE TABLE article_bands (
    band SMALLINT NOT NULL,
    bucket UBIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);
CREATE INDEX article_bands_lookup ON article_bands (band, bucket);

CREATE TABLE duplicates (
    content_hash VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    url VARCHAR,
    duplicate_of VARCHAR NOT NULL,
    similarity DOUBLE NOT NULL,
    kind VARCHAR NOT NULL,
    run_id INTEGER,
    seen_at TIMESTAMP NOT NULL
);

CREATE TABLE ingest_errors (
    run_id INTEGER,
    source VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    error VARCHAR NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
