-- How each duty's first filing came in and when it was entered here, so compliance rows can show a
-- receipt recorded after the fact (issue 10, item 4). Rows written before this migration lack both:
-- the read model is emptied and its checkpoint rewound, and the running service refills it from the
-- log (or run `opinion-ledger rebuild reporting-duties`).
TRUNCATE reporting_duties;
ALTER TABLE reporting_duties ADD COLUMN first_channel text CHECK (first_channel IN ('api', 'paper', 'documentSystem'));
ALTER TABLE reporting_duties ADD COLUMN first_recorded_at timestamptz;
UPDATE projection_checkpoints SET position = 0, updated_at = now() WHERE name = 'reporting-duties';
