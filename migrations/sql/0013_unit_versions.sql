-- The unit tree as an inline read model (issue 11): applied to each batch's unit events inside the
-- append transaction, so a decision never reads a tree older than the log it appends to. One row
-- per unit and range of log positions `[valid_from, valid_to)` (system time); `timeline` holds the
-- unit's whole history on the domain's date axis as the log stood in that range (names, parents,
-- end, each with the date it took effect). The current tree is the rows with `valid_to IS NULL`.
-- An existing log is folded in when the service starts (or by `opinion-ledger rebuild unit-tree`).
CREATE TABLE unit_versions (
    unit_id     text   NOT NULL,
    valid_from  bigint NOT NULL CHECK (valid_from > 0),
    valid_to    bigint CHECK (valid_to IS NULL OR valid_to > valid_from),
    timeline    jsonb  NOT NULL,
    PRIMARY KEY (unit_id, valid_from)
);
CREATE UNIQUE INDEX unit_versions_current ON unit_versions (unit_id) WHERE valid_to IS NULL;
CREATE INDEX unit_versions_valid_from ON unit_versions (valid_from);
INSERT INTO projection_checkpoints (name, position) VALUES ('unit-tree', 0) ON CONFLICT (name) DO NOTHING;

-- `asOf=T` finds the last position recorded at or before T; `recorded_at` never decreases along the log.
CREATE INDEX events_recorded_at ON events (recorded_at, position);
