-- 0006 as first applied kept each incident's folded IncidentState in `open_incidents.state`. Rows now
-- keep the incident's own events as recorded (type, schema version, payload) in `events`, so the next
-- page folds on with the write side's reducer, upcasters included. Rows of the old shape cannot be
-- converted: the read model is emptied and its checkpoint rewound, and the running service refills it
-- from the log (or run `opinion-ledger rebuild open-incidents`).
TRUNCATE open_incidents, open_incidents_clock_rules;
ALTER TABLE open_incidents DROP COLUMN state;
ALTER TABLE open_incidents ADD COLUMN events jsonb NOT NULL;
UPDATE projection_checkpoints SET position = 0, updated_at = now() WHERE name = 'open-incidents';
