-- Read model: one row per incident (every status; "open" is the usual filter), fed by the incident
-- streams and the clock rules. `state` keeps the incident's folded IncidentState so that the next
-- page of events folds on with the write side's own reducer; the other columns exist for filters,
-- sorting and the list's answer.
-- unaccent is a trusted extension (PostgreSQL 13+): a database owner without superuser may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE open_incidents (
    incident_id        text        PRIMARY KEY,
    status             text        NOT NULL CHECK (status IN ('open', 'resolved', 'closed', 'merged')),
    source             text        NOT NULL,
    outlet             text        NOT NULL,
    url                text,
    title              text        NOT NULL,
    summary            text        NOT NULL,
    topics             text[]      NOT NULL,
    unit_ids           text[]      NOT NULL,
    assigned_unit_id   text,
    -- Every unit the incident concerns: the units named when logged, the assigned unit and escalation targets.
    units              text[]      NOT NULL,
    severity           text        NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    severity_rank      smallint    NOT NULL,
    reach              bigint,
    hot_spot           boolean     NOT NULL,
    sighting_count     integer     NOT NULL,
    published_at       timestamptz NOT NULL,
    logged_at          timestamptz NOT NULL,
    assignment_due_at  timestamptz,
    -- The earliest due time among the clocks still running (NULL when none, and once not open):
    -- an incident is overdue at t when next_due_at < t.
    next_due_at        timestamptz,
    merged_into        text,
    last_event_at      timestamptz NOT NULL,
    -- lower(unaccent(…)) of title, summary, outlet, topics and sighting titles, filled when the row
    -- is written, so that `dư luận` and `du luan` are the same words.
    search_text        text        NOT NULL,
    search_vector      tsvector    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
    state              jsonb       NOT NULL,
    version            bigint      NOT NULL,
    last_position      bigint      NOT NULL
);

CREATE INDEX open_incidents_status_logged ON open_incidents (status, logged_at DESC, incident_id DESC);
CREATE INDEX open_incidents_logged ON open_incidents (logged_at DESC, incident_id DESC);
CREATE INDEX open_incidents_due ON open_incidents (next_due_at, incident_id) WHERE next_due_at IS NOT NULL;
CREATE INDEX open_incidents_severity ON open_incidents (severity_rank, incident_id);
CREATE INDEX open_incidents_source ON open_incidents (source, logged_at DESC);
CREATE INDEX open_incidents_hot_spot ON open_incidents (logged_at DESC) WHERE hot_spot;
CREATE INDEX open_incidents_units ON open_incidents USING gin (units);
CREATE INDEX open_incidents_topics ON open_incidents USING gin (topics);
CREATE INDEX open_incidents_search ON open_incidents USING gin (search_vector);

-- The clock-rule events as recorded, so the projection can fold the rule book again on every page.
CREATE TABLE open_incidents_clock_rules (
    position        bigint      PRIMARY KEY,
    stream_id       text        NOT NULL,
    stream_version  bigint      NOT NULL,
    event_type      text        NOT NULL,
    schema_version  integer     NOT NULL,
    data            jsonb       NOT NULL,
    recorded_at     timestamptz NOT NULL
);
