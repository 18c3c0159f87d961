-- The obligation catalog as an inline read model with history by position (issue 11): each
-- obligation's state (its versions of terms with the period each starts at, its retirement) per
-- range of log positions `[valid_from, valid_to)`, written inside the append transaction. Requests
-- read the catalog at their cut's position instead of folding every obligation event. An existing
-- log is folded in when the service starts.
CREATE TABLE obligation_versions (
    obligation_id  text   NOT NULL,
    valid_from     bigint NOT NULL CHECK (valid_from > 0),
    valid_to       bigint CHECK (valid_to IS NULL OR valid_to > valid_from),
    state          jsonb  NOT NULL,
    PRIMARY KEY (obligation_id, valid_from)
);
CREATE UNIQUE INDEX obligation_versions_current ON obligation_versions (obligation_id) WHERE valid_to IS NULL;
CREATE INDEX obligation_versions_valid_from ON obligation_versions (valid_from);
INSERT INTO projection_checkpoints (name, position) VALUES ('obligation-catalog', 0) ON CONFLICT (name) DO NOTHING;
