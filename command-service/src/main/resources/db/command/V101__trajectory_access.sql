-- Who guides which trajectory, for the access rules (a coach acts on their own families, a senior coach
-- on their cluster's). Written in the same transaction as the events, like the other lookups.
ALTER TABLE coach_directory ADD COLUMN cluster VARCHAR(255);

CREATE TABLE trajectory_access (
    trajectory_id VARCHAR(255) PRIMARY KEY,
    coach_id      VARCHAR(255)
);
