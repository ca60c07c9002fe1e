-- Command-side lookups, written in the same transaction as the events they follow.

CREATE TABLE coach_directory (
    coach_id VARCHAR(255) PRIMARY KEY
);

-- Client numbers of referring organisations, as SHA-256 digests, to refuse a second referral of a family
-- with an open trajectory unless it brings a new help question.
CREATE TABLE family_reference (
    trajectory_id    VARCHAR(255) PRIMARY KEY,
    reference_digest CHAR(64)     NOT NULL,
    open             BOOLEAN      NOT NULL
);
CREATE INDEX family_reference_open ON family_reference (reference_digest) WHERE open;
