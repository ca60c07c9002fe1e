-- The management facts: narrow, insert-only tables, one row per event that matters to management,
-- keyed by the event's identity so a redelivered event changes nothing. The caseload, overrun,
-- waiting-list and quality views are queries over these tables. No names or free text: none of the
-- management views shows personal data.

CREATE TABLE rm_coach (
    coach_id      VARCHAR(255) PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    cluster       VARCHAR(255) NOT NULL,
    fte           NUMERIC(4, 2) NOT NULL,
    registered_on DATE         NOT NULL
);

CREATE TABLE rm_trajectory (
    trajectory_id        VARCHAR(255) PRIMARY KEY,
    referred_on          DATE         NOT NULL,
    district             VARCHAR(255) NOT NULL,
    language             VARCHAR(64)  NOT NULL,
    interpreter_needed   BOOLEAN      NOT NULL,
    migration_generation VARCHAR(16)  NOT NULL
);
CREATE INDEX rm_trajectory_referred_on ON rm_trajectory (referred_on);

-- every (re)assignment; a coach's period lasts until the next assignment of the same trajectory
CREATE TABLE rm_assignment (
    trajectory_id VARCHAR(255) NOT NULL,
    sequence      BIGINT       NOT NULL,
    coach_id      VARCHAR(255) NOT NULL,
    assigned_on   DATE         NOT NULL,
    PRIMARY KEY (trajectory_id, sequence)
);
CREATE INDEX rm_assignment_coach ON rm_assignment (coach_id);

CREATE TABLE rm_decline (
    trajectory_id VARCHAR(255) PRIMARY KEY,
    declined_on   DATE         NOT NULL
);

CREATE TABLE rm_closure (
    trajectory_id         VARCHAR(255) PRIMARY KEY,
    closed_on             DATE         NOT NULL,
    reason                VARCHAR(64)  NOT NULL,
    client_satisfaction   SMALLINT,
    referrer_satisfaction SMALLINT
);
CREATE INDEX rm_closure_closed_on ON rm_closure (closed_on);

CREATE TABLE rm_extension (
    trajectory_id VARCHAR(255) NOT NULL,
    sequence      BIGINT       NOT NULL,
    granted_on    DATE         NOT NULL,
    months        INTEGER      NOT NULL,
    PRIMARY KEY (trajectory_id, sequence)
);

CREATE TABLE rm_agency_referral (
    agency_referral_id VARCHAR(255) PRIMARY KEY,
    trajectory_id      VARCHAR(255) NOT NULL,
    agency             VARCHAR(255) NOT NULL,
    referred_on        DATE         NOT NULL
);
CREATE INDEX rm_agency_referral_trajectory ON rm_agency_referral (trajectory_id);

CREATE TABLE rm_warm_handover (
    agency_referral_id VARCHAR(255) PRIMARY KEY,
    trajectory_id      VARCHAR(255) NOT NULL,
    handed_over_on     DATE         NOT NULL
);

CREATE TABLE rm_home_visit (
    trajectory_id VARCHAR(255) NOT NULL,
    sequence      BIGINT       NOT NULL,
    visited_on    DATE         NOT NULL,
    PRIMARY KEY (trajectory_id, sequence)
);
CREATE INDEX rm_home_visit_visited_on ON rm_home_visit (visited_on);

CREATE TABLE rm_goal (
    goal_id       VARCHAR(255) PRIMARY KEY,
    trajectory_id VARCHAR(255) NOT NULL,
    life_domain   VARCHAR(64)  NOT NULL,
    set_on        DATE         NOT NULL
);
CREATE INDEX rm_goal_set_on ON rm_goal (set_on);

CREATE TABLE rm_goal_evaluation (
    goal_id       VARCHAR(255) PRIMARY KEY,
    trajectory_id VARCHAR(255) NOT NULL,
    attainment    VARCHAR(16)  NOT NULL,
    evaluated_on  DATE         NOT NULL
);
CREATE INDEX rm_goal_evaluation_evaluated_on ON rm_goal_evaluation (evaluated_on);
