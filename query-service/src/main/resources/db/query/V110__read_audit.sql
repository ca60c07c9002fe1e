-- Every read of one family's personal data: who, when, which family, through what. Append-only and
-- tamper-evident: each entry carries the hash of the one before it and a hash over itself.
CREATE TABLE read_audit (
    id            BIGSERIAL    PRIMARY KEY,
    read_at       TIMESTAMPTZ  NOT NULL,
    reader        VARCHAR(255) NOT NULL,
    trajectory_id VARCHAR(255) NOT NULL,
    purpose       VARCHAR(64)  NOT NULL,
    previous_hash CHAR(64)     NOT NULL,
    hash          CHAR(64)     NOT NULL
);
CREATE INDEX read_audit_trajectory ON read_audit (trajectory_id, id);
