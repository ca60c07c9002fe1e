-- Who guides which trajectory, and each coach's cluster: the access rules of both services read these
-- (platform access/GuidanceLookup), the command service writes them in the same transaction as the events
-- they follow, so access is never decided on a projection's lagging facts. Here, with the event store,
-- so that the query service has them even before the command service first ran. Shared by both services,
-- so idempotent and serialized like V1.
SELECT pg_advisory_xact_lock(7346201);

CREATE TABLE IF NOT EXISTS access_coach (
    coach_id VARCHAR(255) PRIMARY KEY,
    -- NULL only for a coach registered before clusters were kept (command V101) until command V102 fills it
    -- in from the event store; the rules treat an unknown cluster as no cluster
    cluster  VARCHAR(255)
);

CREATE TABLE IF NOT EXISTS access_trajectory (
    trajectory_id VARCHAR(255) PRIMARY KEY,
    -- NULL while no coach is assigned
    coach_id      VARCHAR(255),
    -- false once the referral is declined or the trajectory closed
    open          BOOLEAN      NOT NULL DEFAULT TRUE
);

-- Until this release the command service kept the same facts in its own coach_directory (V100, with a
-- cluster since V101) and trajectory_access (V101). Where those exist, copy them, and until the command
-- service's V102 drops them (when the new command service first starts), copy every write an older
-- command service still makes, so a query service upgraded first decides on current facts too.
CREATE OR REPLACE FUNCTION access_copy_from_command_lookups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'coach_directory' THEN
        -- read through jsonb: before V101 the table has no cluster column
        INSERT INTO access_coach (coach_id, cluster) VALUES (NEW.coach_id, to_jsonb(NEW) ->> 'cluster')
        ON CONFLICT (coach_id) DO UPDATE SET cluster = COALESCE(EXCLUDED.cluster, access_coach.cluster);
    ELSE
        INSERT INTO access_trajectory (trajectory_id, coach_id) VALUES (NEW.trajectory_id, NEW.coach_id)
        ON CONFLICT (trajectory_id) DO UPDATE SET coach_id = EXCLUDED.coach_id;
    END IF;
    RETURN NEW;
END
$$;

DO $$
BEGIN
    IF to_regclass('coach_directory') IS NOT NULL THEN
        INSERT INTO access_coach (coach_id, cluster)
        SELECT coach_id, to_jsonb(d) ->> 'cluster' FROM coach_directory d
        ON CONFLICT (coach_id) DO UPDATE SET cluster = COALESCE(EXCLUDED.cluster, access_coach.cluster);
        DROP TRIGGER IF EXISTS access_copy ON coach_directory;
        CREATE TRIGGER access_copy AFTER INSERT OR UPDATE ON coach_directory
            FOR EACH ROW EXECUTE FUNCTION access_copy_from_command_lookups();
    END IF;
    IF to_regclass('trajectory_access') IS NOT NULL THEN
        INSERT INTO access_trajectory (trajectory_id, coach_id, open)
        SELECT a.trajectory_id, a.coach_id, NOT EXISTS (
                   SELECT 1 FROM domain_event_entry e
                   WHERE e.aggregate_identifier = a.trajectory_id
                     AND e.payload_type IN ('nl.gezinscoaching.events.trajectory.TrajectoryClosed',
                                            'nl.gezinscoaching.events.trajectory.ReferralDeclined'))
        FROM trajectory_access a
        ON CONFLICT (trajectory_id) DO UPDATE SET coach_id = EXCLUDED.coach_id, open = EXCLUDED.open;
        DROP TRIGGER IF EXISTS access_copy ON trajectory_access;
        CREATE TRIGGER access_copy AFTER INSERT OR UPDATE ON trajectory_access
            FOR EACH ROW EXECUTE FUNCTION access_copy_from_command_lookups();
    END IF;
END
$$;

-- nothing to copy from (a new database, or the command service's V102 ran already): no function either
DO $$
BEGIN
    IF to_regclass('coach_directory') IS NULL AND to_regclass('trajectory_access') IS NULL THEN
        DROP FUNCTION access_copy_from_command_lookups();
    END IF;
END
$$;
