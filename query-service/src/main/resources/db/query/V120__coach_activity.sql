-- What a coach's list of families ("Mijn gezinnen") needs beyond the management facts: the days of each
-- contact with the family, the family plan and the aftercare calls. One row per event, keyed by the
-- trajectory and the event's sequence number, so a redelivered or replayed event changes nothing. Dates and
-- kinds only: no personal data.
CREATE TABLE rm_coach_activity (
    trajectory_id VARCHAR(255) NOT NULL,
    sequence      BIGINT       NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    occurred_on   DATE         NOT NULL,
    PRIMARY KEY (trajectory_id, sequence)
);
