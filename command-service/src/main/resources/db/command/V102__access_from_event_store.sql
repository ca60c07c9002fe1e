-- The access facts (event-store V4: access_coach, access_trajectory) completed from the event store, which
-- is their source: a database migrated from before V101 got an empty trajectory table and coaches without a
-- cluster there, and V4 copied both. CoachRegistered, FamilyReferred, CoachAssigned and CoachReassigned are
-- plain JSON: cluster and coach ids are not personal data, so they are not encrypted (shared-events).
-- Then the command service's own copies of these facts (V100 coach_directory, V101 trajectory_access) go:
-- from this release it writes access_coach and access_trajectory instead.

-- every registered coach, with their cluster where it was not known
INSERT INTO access_coach (coach_id, cluster)
SELECT convert_from(e.payload, 'UTF8')::jsonb ->> 'coachId', convert_from(e.payload, 'UTF8')::jsonb ->> 'cluster'
FROM domain_event_entry e
WHERE e.payload_type = 'nl.gezinscoaching.events.coach.CoachRegistered'
ON CONFLICT (coach_id) DO UPDATE SET cluster = EXCLUDED.cluster WHERE access_coach.cluster IS NULL;

-- every trajectory, with its current coach (the latest assignment) and whether it is still open
INSERT INTO access_trajectory (trajectory_id, coach_id, open)
SELECT r.aggregate_identifier,
       (SELECT convert_from(a.payload, 'UTF8')::jsonb ->> 'coachId' FROM domain_event_entry a
        WHERE a.aggregate_identifier = r.aggregate_identifier
          AND a.payload_type IN ('nl.gezinscoaching.events.trajectory.CoachAssigned',
                                 'nl.gezinscoaching.events.trajectory.CoachReassigned')
        ORDER BY a.sequence_number DESC LIMIT 1),
       NOT EXISTS (SELECT 1 FROM domain_event_entry c
                   WHERE c.aggregate_identifier = r.aggregate_identifier
                     AND c.payload_type IN ('nl.gezinscoaching.events.trajectory.TrajectoryClosed',
                                            'nl.gezinscoaching.events.trajectory.ReferralDeclined'))
FROM domain_event_entry r
WHERE r.payload_type = 'nl.gezinscoaching.events.trajectory.FamilyReferred'
ON CONFLICT (trajectory_id) DO UPDATE SET coach_id = EXCLUDED.coach_id, open = EXCLUDED.open;

DROP TABLE IF EXISTS trajectory_access;
DROP TABLE IF EXISTS coach_directory;
DROP FUNCTION IF EXISTS access_copy_from_command_lookups();
