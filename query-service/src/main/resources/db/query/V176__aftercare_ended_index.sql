-- issue 11: "Mijn gezinnen" reads its facts only for families whose aftercare has not ended; this finds the
-- others without reading every activity of a coach's (or a cluster's) career
CREATE INDEX rm_coach_activity_aftercare_end ON rm_coach_activity (trajectory_id) WHERE kind = 'AFTERCARE_END';
