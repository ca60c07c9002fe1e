-- Issue 14: the Coach je kind subgoals each goal is linked to (GoalSet revision 2), for the quality report's
-- attainment per subgoal. Goals set before revision 2 are not linked, so they have no rows here: the table
-- starts empty and needs no rebuild.
CREATE TABLE rm_goal_subgoal (
    goal_id       VARCHAR(255) NOT NULL,
    trajectory_id VARCHAR(255) NOT NULL,
    subgoal       VARCHAR(64)  NOT NULL,
    PRIMARY KEY (goal_id, subgoal)
);
