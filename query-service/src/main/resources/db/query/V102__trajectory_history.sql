-- The full audit trail of each trajectory: every event in stream order, with who recorded it and when.
CREATE TABLE rm_history (
    trajectory_id VARCHAR(255) NOT NULL,
    sequence      BIGINT       NOT NULL,
    event_id      VARCHAR(255) NOT NULL,
    type          VARCHAR(128) NOT NULL,
    occurred_on   DATE,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    recorded_by   VARCHAR(255),
    data          JSONB        NOT NULL,
    PRIMARY KEY (trajectory_id, sequence)
);
