-- The incident figures at any position, and every scan of incident versions, visit small rows
-- (issue 11). Two changes:
-- 1. Each version's state (a few KB of JSON) moves to `incident_states`, written once and never
--    updated; `incident_versions` keeps the columns readers select, filter and sort by, so a scan
--    touches a few hundred bytes a version and closing a version rewrites only those. A reader
--    joins the states of the rows it keeps (by primary key).
-- 2. "Valid at N" is a stabbing query on the range [valid_from, valid_to), which a GiST index answers
--    without wading through the versions of other positions: the figures read the versions valid at
--    N that are open, or closed and active since the window's start (btree_gist, a trusted
--    extension, lets `last_event_at` share that index). The partial indexes of current rows of 0018
--    served the same readers at the head only.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE incident_states (
    incident_id  text   NOT NULL,
    valid_from   bigint NOT NULL,
    state        jsonb  NOT NULL,
    PRIMARY KEY (incident_id, valid_from)
);
INSERT INTO incident_states (incident_id, valid_from, state) SELECT incident_id, valid_from, state FROM incident_versions;
ALTER TABLE incident_versions DROP COLUMN state;
DROP INDEX IF EXISTS incident_versions_current_open;
DROP INDEX IF EXISTS incident_versions_current_last_event;
CREATE INDEX incident_versions_open_range
    ON incident_versions USING gist (int8range(valid_from, coalesce(valid_to, 9223372036854775807))) WHERE open;
CREATE INDEX incident_versions_closed_active
    ON incident_versions USING gist (last_event_at, int8range(valid_from, coalesce(valid_to, 9223372036854775807))) WHERE NOT open;
