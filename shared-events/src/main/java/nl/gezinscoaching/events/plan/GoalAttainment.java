package nl.gezinscoaching.events.plan;

/** Goal Attainment Scale as Coach je kind uses it at closure. */
public enum GoalAttainment {
    FULLY,
    PARTLY,
    UNCHANGED,
    WORSENED
}
