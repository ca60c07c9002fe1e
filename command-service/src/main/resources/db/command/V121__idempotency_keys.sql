-- Idempotency-Key: the first answer to a POST with a key, per user, stored in the transaction that recorded
-- the action, so that a repeat (a double click, a reload, a retried request) gets the same answer without a
-- second event. The answers hold ids and dates only (no personal data); the request is kept as its SHA-256.
CREATE TABLE idempotency_key (
    username        VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(100) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    status          INTEGER      NOT NULL,
    content_type    VARCHAR(200),
    body            TEXT,
    recorded_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (username, idempotency_key)
);
CREATE INDEX idempotency_key_recorded_at ON idempotency_key (recorded_at);
