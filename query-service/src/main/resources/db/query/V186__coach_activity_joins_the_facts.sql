-- Issue 13: the coaches' activity (rm_coach_activity) is projected in the management facts' processing group instead of
-- a group of its own (every group's every segment reads the whole stream; docs/benchmarks.md). On a database that
-- had the old group, its token and dead letters belong to no processor any more, and the activity may stand at
-- another position than the facts: request a rebuild of every read model, which every query instance carries out
-- when it starts (ReadModelRebuild) and which also gives the facts their configured two segments.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM token_entry WHERE processor_name = 'coach-activity') THEN
        INSERT INTO read_model_rebuild (generation, requested_by, requested_at, events_total)
        SELECT coalesce(max(generation), 0) + 1, 'migration V186', now(),
               (SELECT coalesce(max(global_index), 0) FROM domain_event_entry)
        FROM read_model_rebuild;
        DELETE FROM token_entry WHERE processor_name = 'coach-activity';
        DELETE FROM dead_letter_entry WHERE processing_group = 'coach-activity';
    END IF;
END
$$;
