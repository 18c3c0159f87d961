-- API tokens: only a SHA-256 of each token is kept; the token itself is shown once at creation.
CREATE TABLE access_tokens (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role        text        NOT NULL CHECK (role IN ('admin', 'supervisor', 'unit-officer', 'monitor', 'auditor')),
    unit_id     text,
    token_hash  text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
