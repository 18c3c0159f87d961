-- The event log: one row per event, appended only, hash-chained in position order.
CREATE TABLE events (
    position        bigint      PRIMARY KEY CHECK (position > 0),
    event_id        uuid        NOT NULL UNIQUE,
    stream_id       text        NOT NULL CHECK (stream_id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$'),
    stream_version  bigint      NOT NULL CHECK (stream_version > 0),
    event_type      text        NOT NULL CHECK (event_type ~ '^[A-Za-z][A-Za-z0-9.]{0,99}$'),
    schema_version  integer     NOT NULL CHECK (schema_version > 0),
    data            jsonb       NOT NULL,
    metadata        jsonb       NOT NULL,
    recorded_at     timestamptz NOT NULL,
    previous_hash   text        NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    hash            text        NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
    UNIQUE (stream_id, stream_version)
);

CREATE INDEX events_type_position ON events (event_type, position);
CREATE INDEX events_actor_position ON events ((metadata -> 'actor' ->> 'tokenId'), position);

-- Events are immutable: the application never updates or deletes them, and nobody else may either.
CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % on events is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_refuse_change();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();

-- Idempotency records, written in the same transaction as the events they answer for.
CREATE TABLE idempotency_keys (
    scope        text        NOT NULL,
    key          text        NOT NULL,
    fingerprint  text        NOT NULL,
    result       jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
