-- What a query (sitroom.query.Query) filters on, as columns, so the store filters in SQL: an event's
-- place, region and sentence; an incident's class, dates, place, actors, reports and sentences.
-- Filled here from the stored JSON; written beside the record from now on.
ALTER TABLE events ADD COLUMN place VARCHAR;
ALTER TABLE events ADD COLUMN admin1 VARCHAR;
ALTER TABLE events ADD COLUMN sentence VARCHAR;
UPDATE events SET
    place = record->>'$.location.name',
    admin1 = record->>'$.location.admin1',
    sentence = record->>'$.evidence.text';

ALTER TABLE incidents ADD COLUMN event_class VARCHAR;
ALTER TABLE incidents ADD COLUMN event_type VARCHAR;
ALTER TABLE incidents ADD COLUMN sub_event_type VARCHAR;
ALTER TABLE incidents ADD COLUMN date_start DATE;
ALTER TABLE incidents ADD COLUMN date_end DATE;
ALTER TABLE incidents ADD COLUMN country VARCHAR;
ALTER TABLE incidents ADD COLUMN place VARCHAR;
ALTER TABLE incidents ADD COLUMN admin1 VARCHAR;
ALTER TABLE incidents ADD COLUMN actors VARCHAR;            -- every actor's id, name and ACLED name, lower case, ' | ' between
ALTER TABLE incidents ADD COLUMN n_reports INTEGER;         -- how many articles tell it
ALTER TABLE incidents ADD COLUMN modalities VARCHAR[];      -- its reports' modalities
ALTER TABLE incidents ADD COLUMN article_ids VARCHAR[];
ALTER TABLE incidents ADD COLUMN text VARCHAR;              -- its reports' sentences, a line each
UPDATE incidents SET
    event_class = record->>'$.event_class',
    event_type = record->>'$.event_type',
    sub_event_type = record->>'$.sub_event_type',
    date_start = CAST(record->>'$.date.start' AS DATE),
    date_end = CAST(record->>'$.date.end' AS DATE),
    country = record->>'$.location.country',
    place = record->>'$.location.name',
    admin1 = record->>'$.location.admin1',
    actors = lower(array_to_string(list_transform(
        json_extract(record, '$.actors[*]'),
        lambda a: concat_ws(' ', a->>'id', a->>'name', coalesce(a->>'acled_name', ''))
    ), ' | ')),
    n_reports = json_array_length(record->'$.article_ids'),
    modalities = json_extract_string(record, '$.reports[*].modality'),
    article_ids = json_extract_string(record, '$.article_ids[*]'),
    text = array_to_string(json_extract_string(record, '$.reports[*].sentence'), chr(10));
