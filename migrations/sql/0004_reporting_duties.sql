-- Read model: where each reporting duty (obligation, unit, period) stands, fed by the duty streams.
CREATE TABLE reporting_duties (
    obligation_id       text        NOT NULL,
    unit_id             text        NOT NULL,
    period              text        NOT NULL,
    report_id           text,
    stage               text        NOT NULL CHECK (stage IN ('open', 'submitted', 'returned', 'accepted')),
    first_submitted_at  timestamptz,
    confidential        boolean     NOT NULL DEFAULT false,
    excused             boolean     NOT NULL DEFAULT false,
    excuse_reason       text,
    return_count        integer     NOT NULL DEFAULT 0,
    summary             text,
    version             bigint      NOT NULL,
    last_position       bigint      NOT NULL,
    PRIMARY KEY (obligation_id, period, unit_id)
);

CREATE INDEX reporting_duties_unit ON reporting_duties (unit_id, obligation_id, period);
