-- One data key per family (per trajectory): personal fields in events are encrypted with it. Erasure
-- deletes the row, which makes those fields unreadable everywhere: crypto-shredding. Shared by both
-- services, so idempotent and serialized like V1.
SELECT pg_advisory_xact_lock(7346201);

CREATE TABLE IF NOT EXISTS family_key (
    subject_id VARCHAR(255) PRIMARY KEY,
    key_bytes  BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
