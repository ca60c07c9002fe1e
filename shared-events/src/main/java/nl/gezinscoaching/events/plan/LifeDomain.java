package nl.gezinscoaching.events.plan;

/** The life domains over which problems are inventoried and goals are set. */
public enum LifeDomain {
    HOUSING,
    WORK_AND_PARTICIPATION,
    FINANCES,
    HEALTH,
    PARENTING,
    RECREATION_AND_WELLBEING,
    POLICE_AND_JUSTICE
}
