-- The latest rebuild of each projection (one row per projection, replaced when a new rebuild starts):
-- how far the replay into the shadow tables has come, so operators see "rebuilding n%" from any instance.
-- `backend_pid` is the PostgreSQL backend holding the rebuild's advisory lock: a row still 'running'
-- whose backend is gone was interrupted (the process died).
CREATE TABLE projection_rebuilds (
    name         text        PRIMARY KEY,
    state        text        NOT NULL CHECK (state IN ('running', 'completed', 'failed')),
    position     bigint      NOT NULL DEFAULT 0 CHECK (position >= 0),
    target       bigint      NOT NULL DEFAULT 0 CHECK (target >= 0),
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    error        text,
    backend_pid  integer
);
