-- Reporting duties become an inline read model with history by position (issue 11): each duty's
-- record per range of log positions `[valid_from, valid_to)`, so compliance, summaries,
-- consolidations and a unit's history answer `asOf`/`atPosition` from a table, never by replaying
-- the log. `reporting_duties` stays the current state (the report list reads it). Both are emptied
-- and the checkpoint rewound: the service refills them from the log when it starts, with appends
-- held off meanwhile (or run `opinion-ledger rebuild reporting-duties`).
CREATE TABLE duty_versions (
    obligation_id  text   NOT NULL,
    unit_id        text   NOT NULL,
    period         text   NOT NULL,
    valid_from     bigint NOT NULL CHECK (valid_from > 0),
    valid_to       bigint CHECK (valid_to IS NULL OR valid_to > valid_from),
    record         jsonb  NOT NULL,
    PRIMARY KEY (obligation_id, period, unit_id, valid_from)
);
CREATE UNIQUE INDEX duty_versions_current ON duty_versions (obligation_id, period, unit_id) WHERE valid_to IS NULL;
CREATE INDEX duty_versions_unit ON duty_versions (unit_id, obligation_id, period, valid_from);
-- The report list's order (byte order of the ids), now and at a position: a page costs what it
-- returns, not what the table holds.
CREATE INDEX duty_versions_list ON duty_versions (obligation_id COLLATE "C", unit_id COLLATE "C", period COLLATE "C", valid_from);
CREATE INDEX reporting_duties_list ON reporting_duties (obligation_id COLLATE "C", unit_id COLLATE "C", period COLLATE "C");
TRUNCATE reporting_duties;
INSERT INTO projection_checkpoints (name, position) VALUES ('reporting-duties', 0)
    ON CONFLICT (name) DO UPDATE SET position = 0, updated_at = now(), last_error = NULL;
