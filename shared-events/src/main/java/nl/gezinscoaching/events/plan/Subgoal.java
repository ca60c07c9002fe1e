package nl.gezinscoaching.events.plan;

/**
 * The nine subgoals at parent level of the Coach je kind intervention (seed 002, "Subdoelen"). Each
 * family's own goal ("werkdoel") is linked to one or more of them, so that the effectiveness of the
 * intervention can be measured per standard goal. The Dutch text of the intervention's description is
 * given with each constant. Stored by name: the names are part of the stored data.
 */
public enum Subgoal {
    /**
     * Subdoel 1: Ouders kennen de gangbare Nederlandse opvoednormen en voorzieningen en kunnen verschillen
     * benoemen met hun eigen opvoednormen.
     */
    KNOWS_DUTCH_PARENTING_NORMS,
    /** Subdoel 2: Vader en moeder dragen beiden bij aan de opvoeding en praten er samen over. */
    BOTH_PARENTS_CONTRIBUTE,
    /**
     * Subdoel 3: Ouders kunnen verwoorden wat zij belangrijk vinden in de opvoeding en hoe en met welk
     * opvoedgedrag ze dit willen bereiken.
     */
    CAN_VOICE_PARENTING_VALUES,
    /** Subdoel 4: Ouders onderhouden een positieve ondersteunende en stimulerende relatie met hun kind. */
    POSITIVE_RELATIONSHIP_WITH_CHILD,
    /** Subdoel 5: Ouders hebben zelfvertrouwen als opvoeders en voelen minder opvoedspanning. */
    PARENTING_CONFIDENCE,
    /**
     * Subdoel 6: Ouders hebben bepaalde zelfgekozen opvoedvaardigheden verbeterd, kunnen bijvoorbeeld hun
     * kinderen beter steunen en (geweldloos) bijsturen.
     */
    IMPROVED_PARENTING_SKILLS,
    /**
     * Subdoel 7: Ouders vinden een eigen opvoedstijl waarin zij elementen uit hun culturele achtergrond
     * combineren met elementen uit Nederlandse opvoeding.
     */
    OWN_PARENTING_STYLE,
    /** Subdoel 8: Ouders maken zo nodig gebruik van voorzieningen voor opvoedondersteuning. */
    USES_PARENTING_SUPPORT,
    /** Subdoel 9: Ouders houden contact met een (in)formeel netwerk rondom de opvoeding. */
    KEEPS_PARENTING_NETWORK
}
