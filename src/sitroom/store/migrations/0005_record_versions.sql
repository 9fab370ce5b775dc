-- Every record kept as JSON carries the version of its shape (sitroom.store.records). Rows written
-- before this migration have the first shape: version 1.
ALTER TABLE articles ADD COLUMN record_version INTEGER DEFAULT 1;
ALTER TABLE annotations ADD COLUMN record_version INTEGER DEFAULT 1;
ALTER TABLE events ADD COLUMN record_version INTEGER DEFAULT 1;
ALTER TABLE claims ADD COLUMN record_version INTEGER DEFAULT 1;
ALTER TABLE relations ADD COLUMN record_version INTEGER DEFAULT 1;
ALTER TABLE incidents ADD COLUMN record_version INTEGER DEFAULT 1;
