-- Referrals declined by screening (the Coach je kind selection form), one row per contra-indication that
-- held: the quality report counts declines per contra-indication. A family declined on two
-- contra-indications has two rows. Keyed by trajectory and contra-indication, so a redelivered or replayed
-- event changes nothing. Codes and dates only: no personal data.
CREATE TABLE rm_screening_decline (
    trajectory_id      VARCHAR(255) NOT NULL,
    contra_indication  VARCHAR(64)  NOT NULL,
    declined_on        DATE         NOT NULL,
    PRIMARY KEY (trajectory_id, contra_indication)
);

CREATE INDEX rm_screening_decline_declined_on ON rm_screening_decline (declined_on);
