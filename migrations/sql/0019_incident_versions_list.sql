-- The incident list at any cut is an index range with a LIMIT (issue 11): each version of an
-- incident's state also keeps the columns the list filters and sorts by (status, source, severity,
-- topics, hot spot, logged-at, the earliest running clock's due time under the clock rules of the
-- version's positions, the search text), the position of the incident's last event, and where it was
-- logged: `logged_from`, its logging position, and `logged_high`, the latest `logged_at` of every
-- incident logged at or before that position — so a list newest-first at position N starts at
-- `logged_high` of the last incident logged by N instead of wading through incidents logged later.
-- A clock-rule change opens a new version of every open incident whose next due time it moves.
-- The list now and at every cut reads this table; `open_incidents` is no longer read by any route.
-- The table is emptied and its checkpoint reset: the service folds the log into it again when it
-- starts, computing the columns with the write side's own code.
TRUNCATE incident_versions;
UPDATE projection_checkpoints SET position = 0 WHERE name = 'incident-history';
ALTER TABLE incident_versions
    ADD COLUMN last_position bigint      NOT NULL,
    ADD COLUMN logged_from   bigint      NOT NULL,
    ADD COLUMN logged_high   timestamptz NOT NULL,
    ADD COLUMN status        text        NOT NULL,
    ADD COLUMN source        text        NOT NULL,
    ADD COLUMN severity      text        NOT NULL,
    ADD COLUMN severity_rank smallint    NOT NULL,
    ADD COLUMN topics        text[]      NOT NULL,
    ADD COLUMN hot_spot      boolean     NOT NULL,
    ADD COLUMN logged_at     timestamptz NOT NULL,
    ADD COLUMN next_due_at   timestamptz,
    -- lower(unaccent(…)) of title, summary, outlet, topics and sighting titles.
    ADD COLUMN search_text   text        NOT NULL,
    ADD COLUMN search_vector tsvector    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
-- Each order at a position (logged-at, due time, severity): the validity test is checked inside the index.
CREATE INDEX incident_versions_logged
    ON incident_versions (logged_at DESC, incident_id DESC, valid_from, (coalesce(valid_to, 9223372036854775807)));
CREATE INDEX incident_versions_due
    ON incident_versions (next_due_at, incident_id, valid_from, (coalesce(valid_to, 9223372036854775807)));
CREATE INDEX incident_versions_severity
    ON incident_versions (severity_rank, incident_id, valid_from, (coalesce(valid_to, 9223372036854775807)));
CREATE INDEX incident_versions_logged_from ON incident_versions (logged_from);
CREATE INDEX incident_versions_topics ON incident_versions USING gin (topics);
CREATE INDEX incident_versions_search ON incident_versions USING gin (search_vector);
