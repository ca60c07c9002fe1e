package nl.gezinscoaching.events.screening;

/**
 * The seven indication criteria of the Coach je kind selection form. A family that meets all seven fits
 * best; one that misses one or two may still fit.
 */
public enum Indication {
    /** "Ouders voelen zich niet thuis bij de in de Nederlandse hulpverlening gebruikelijke wijze van verwijzen en praten over gezinsproblemen." */
    UNFAMILIAR_WITH_DUTCH_CARE,
    /** "De ouders zijn laagopgeleid." */
    LOW_EDUCATED_PARENTS,
    /** "Het gezin heeft een migratieachtergrond." */
    MIGRATION_BACKGROUND,
    /** "Ouders ervaren spanning bij de opvoeding." */
    PARENTING_STRESS,
    /** "Aanpak van de opvoedspanning vergt erkenning van de culturele achtergrond en de migrantenpositie van ouders." */
    CULTURAL_RECOGNITION_NEEDED,
    /** "Er is sprake van een gebrek aan inzicht en/of aan competenties bij de ouders om gebruik te maken van bestaand aanbod." */
    CANNOT_USE_EXISTING_SERVICES,
    /** "Er is sprake van milde gedragsproblematiek bij de jeugdige(n)." */
    MILD_BEHAVIOURAL_PROBLEMS
}
