-- Issue 13: several query-service instances on one database.
-- Every running instance says it is alive here about once a second (QueryInstances); an instance not seen for the
-- token claim timeout counts as gone. The processors' fair share of segments is computed from the live rows.
CREATE TABLE query_instance (
    node_id    VARCHAR(255) PRIMARY KEY,
    started_at TIMESTAMPTZ  NOT NULL,
    seen_at    TIMESTAMPTZ  NOT NULL
);

-- A rebuild of every read model, carried out by all instances (ReadModelRebuild): the newest generation is the
-- current one. Every instance stops its processors when it sees a generation it has not carried out (releasing its
-- claims); one instance resets the tokens (reset_at, in the same transaction as the reset) once no other holds a
-- claim; then all start again and share the replay.
CREATE TABLE read_model_rebuild (
    generation   BIGINT       PRIMARY KEY,
    requested_by VARCHAR(255) NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL,
    -- the event store's head when the rebuild was requested: done when every segment's token is past it
    events_total BIGINT       NOT NULL,
    reset_by     VARCHAR(255),
    reset_at     TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ
);
