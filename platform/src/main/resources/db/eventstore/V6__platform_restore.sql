-- Every restore of the database (deploy/restore.sh), written in the restore's own transaction after the backup's
-- rows (issue 23): an instance of a service that still runs sees a restore newer than its start and stops serving
-- until it is restarted (it would serve from caches and keys of the database before the restore, and would not
-- apply the erasure register again). Shared by both services, so idempotent and serialized like V1.
SELECT pg_advisory_xact_lock(7346201);

CREATE TABLE IF NOT EXISTS platform_restore (
    restored_at     TIMESTAMPTZ NOT NULL,
    -- when the restored backup was taken (null when restored by pg_restore)
    backup_taken_at TIMESTAMPTZ
);
