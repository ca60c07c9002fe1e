-- issue 11: each coach period's end, kept by the database itself: the day the trajectory's next assignment
-- begins or the day it is closed, whichever comes first; 'infinity' while neither has happened. "Active on a day"
-- becomes a range an index answers (assigned_on <= day < until_on) instead of a window over every assignment and
-- an anti-join with every closure, and the open trajectories are the rows whose period has no end.
--
-- Triggers, not the projection: the projection's writes are grouped by statement within a batch (BatchedWrites),
-- so an assignment and the closure of the same trajectory can reach the database in either order. Each trigger
-- computes the end from what is stored (rm_period_end), after its statement, so the result does not depend on
-- that order; a replay truncates both tables and fills them again the same way.
ALTER TABLE rm_assignment ADD COLUMN until_on DATE NOT NULL DEFAULT 'infinity';

CREATE FUNCTION rm_period_end(trajectory VARCHAR, after_sequence BIGINT) RETURNS DATE
    LANGUAGE sql VOLATILE AS $$
    SELECT least(
        coalesce((SELECT n.assigned_on FROM rm_assignment n
                  WHERE n.trajectory_id = trajectory AND n.sequence > after_sequence
                  ORDER BY n.sequence LIMIT 1), 'infinity'::date),
        coalesce((SELECT c.closed_on FROM rm_closure c WHERE c.trajectory_id = trajectory), 'infinity'::date))
$$;

UPDATE rm_assignment a SET until_on = rm_period_end(a.trajectory_id, a.sequence);

-- a new period: its own end, and the end of the period before it
CREATE FUNCTION rm_assignment_period() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rm_assignment a SET until_on = rm_period_end(a.trajectory_id, a.sequence)
    WHERE a.trajectory_id = NEW.trajectory_id
      AND (a.sequence = NEW.sequence
           OR a.sequence = (SELECT max(p.sequence) FROM rm_assignment p
                            WHERE p.trajectory_id = NEW.trajectory_id AND p.sequence < NEW.sequence));
    RETURN NULL;
END
$$;
CREATE TRIGGER rm_assignment_period AFTER INSERT ON rm_assignment
    FOR EACH ROW EXECUTE FUNCTION rm_assignment_period();

-- a closure ends the trajectory's periods
CREATE FUNCTION rm_closure_period() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rm_assignment a SET until_on = rm_period_end(a.trajectory_id, a.sequence)
    WHERE a.trajectory_id = NEW.trajectory_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER rm_closure_period AFTER INSERT ON rm_closure
    FOR EACH ROW EXECUTE FUNCTION rm_closure_period();

-- the periods active on a day: those ending after it (few for today), with what the views read
CREATE INDEX rm_assignment_until ON rm_assignment (until_on, assigned_on) INCLUDE (coach_id);
