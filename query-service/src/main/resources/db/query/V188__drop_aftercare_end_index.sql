-- the partial index of V176 answered "has this family's aftercare ended?" by trajectory; the index of V187
-- (trajectory_id, kind, occurred_on) answers the same from its prefix, so only one is kept up to date
DROP INDEX rm_coach_activity_aftercare_end;
