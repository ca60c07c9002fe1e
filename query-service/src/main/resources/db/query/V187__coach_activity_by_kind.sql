-- issue 11: "Mijn gezinnen" reads each family's newest contact, first family plan and newest aftercare call as
-- the top entry of one kind in this index, instead of aggregating every activity row of the family (a family
-- with thousands of home visits cost thousands of row reads per list; now one index entry per kind)
CREATE INDEX rm_coach_activity_kind ON rm_coach_activity (trajectory_id, kind, occurred_on);
