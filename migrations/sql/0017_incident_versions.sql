-- Incidents' folded state as an inline read model with history by position (issue 11): each
-- incident's state per range of log positions `[valid_from, valid_to)`, written in the append
-- transaction. The incident figures and the incident list at a past cut read the states valid at
-- the cut's position (with the clock rules of that cut) instead of replaying every incident event.
-- An existing log is folded in when the service starts.
CREATE TABLE incident_versions (
    incident_id  text   NOT NULL,
    valid_from   bigint NOT NULL CHECK (valid_from > 0),
    valid_to     bigint CHECK (valid_to IS NULL OR valid_to > valid_from),
    state        jsonb  NOT NULL,
    PRIMARY KEY (incident_id, valid_from)
);
CREATE UNIQUE INDEX incident_versions_current ON incident_versions (incident_id) WHERE valid_to IS NULL;
CREATE INDEX incident_versions_valid_from ON incident_versions (valid_from);
INSERT INTO projection_checkpoints (name, position) VALUES ('incident-history', 0) ON CONFLICT (name) DO NOTHING;
