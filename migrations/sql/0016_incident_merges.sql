-- Merge links as an inline read model (issue 11): one row per `IncidentMerged` event, written in
-- the append transaction, so showing an incident no longer scans every merge in the log. A merge is
-- never undone, so a row is valid from its position on: the links at position N are the rows at or
-- below N. An existing log is folded in when the service starts.
CREATE TABLE incident_merges (
    position     bigint PRIMARY KEY,
    incident_id  text   NOT NULL,
    into_id      text   NOT NULL
);
CREATE INDEX incident_merges_into ON incident_merges (into_id, position);
INSERT INTO projection_checkpoints (name, position) VALUES ('merge-links', 0) ON CONFLICT (name) DO NOTHING;
