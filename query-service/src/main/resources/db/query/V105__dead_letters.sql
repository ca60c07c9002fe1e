-- Axon's dead-letter queue (JdbcSequencedDeadLetterQueue): events a projection could not handle, with the
-- events of the same trajectory that came after them, waiting in order until an administrator retries
-- them. The columns are Axon's (DeadLetterSchema, in snake_case as in DeadLetterConfiguration); payloads
-- are bytea, never large objects, and hold the event as the event store does (personal fields encrypted
-- with the family's key, so an erasure shreds a dead letter too). Axon stores its instants as ISO-8601
-- text and compares them as text: the time columns stay VARCHAR.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  PRIMARY KEY,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    type                 VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    -- also the index for every lookup by processing group, or by group and sequence
    CONSTRAINT dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);
