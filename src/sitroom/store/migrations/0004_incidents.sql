-- Across sources: incidents (clusters of events from different articles) with their members, and the
-- pairs of events a user split apart, which clustering must never put together again.
CREATE TABLE incidents (
    id VARCHAR PRIMARY KEY,
    record JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE incident_events (
    event_id VARCHAR PRIMARY KEY,
    incident_id VARCHAR NOT NULL
);
CREATE INDEX incident_events_incident ON incident_events (incident_id);

CREATE TABLE incident_splits (
    event_a VARCHAR NOT NULL,
    event_b VARCHAR NOT NULL
);
