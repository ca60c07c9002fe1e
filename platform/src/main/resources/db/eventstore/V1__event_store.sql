-- Axon's event store on PostgreSQL. Shared by both services: each runs this migration with its own
-- Flyway history table, so it must be idempotent; the advisory lock keeps two services that start at
-- the same moment from racing each other.
SELECT pg_advisory_xact_lock(7346201);

CREATE TABLE IF NOT EXISTS domain_event_entry (
    global_index         BIGSERIAL    PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    CONSTRAINT domain_event_entry_stream UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE IF NOT EXISTS snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

-- The stored JSON, readable for people who audit the database by hand.
CREATE OR REPLACE VIEW event_log AS
SELECT global_index,
       aggregate_identifier,
       sequence_number,
       type,
       time_stamp,
       payload_type,
       payload_revision,
       convert_from(payload, 'UTF8')::jsonb   AS payload,
       convert_from(meta_data, 'UTF8')::jsonb AS meta_data
FROM domain_event_entry;
