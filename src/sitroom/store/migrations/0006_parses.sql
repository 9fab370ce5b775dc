-- Each article's spaCy parse (DocBin bytes of its pieces, in order, and where each piece starts in the
-- annotated text), so extraction can run again without the models.
CREATE TABLE parses (
    article_id VARCHAR PRIMARY KEY,
    model VARCHAR NOT NULL,         -- the pipeline and its version, e.g. en_core_web_sm-3.8.0
    data BLOB NOT NULL,
    offsets BIGINT[] NOT NULL,
    parsed_at TIMESTAMP NOT NULL
);
