-- The incident figures and the incident list at a past cut read only the states they can use
-- (issue 11): each version of an incident's state also keeps, as columns, whether the incident was
-- open, every unit it concerned (named, assigned, both ends of each escalation) and when its last
-- event happened, with indexes, so a reader asks PostgreSQL for the incidents of a subtree that are
-- open or had anything happen since an instant, instead of decoding every incident's state.
-- The table is emptied and its checkpoint reset: the service folds the log into it again when it
-- starts (as for a new inline model), computing the columns with the write side's own code.
TRUNCATE incident_versions;
UPDATE projection_checkpoints SET position = 0 WHERE name = 'incident-history';
ALTER TABLE incident_versions
    ADD COLUMN open          boolean     NOT NULL,
    ADD COLUMN units         text[]      NOT NULL,
    ADD COLUMN last_event_at timestamptz NOT NULL;
CREATE INDEX incident_versions_units ON incident_versions USING gin (units);
CREATE INDEX incident_versions_current_open ON incident_versions (incident_id) WHERE valid_to IS NULL AND open;
CREATE INDEX incident_versions_current_last_event ON incident_versions (last_event_at) WHERE valid_to IS NULL;
