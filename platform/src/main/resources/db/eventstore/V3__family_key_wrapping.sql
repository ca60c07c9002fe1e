-- Data keys are stored wrapped (AES key wrap) by the master key named in wrapped_by; NULL means stored as
-- is, as before this migration: the services wrap those rows at start-up. Shared, idempotent, serialized.
SELECT pg_advisory_xact_lock(7346201);

ALTER TABLE family_key ADD COLUMN IF NOT EXISTS wrapped_by VARCHAR(64);
