package nl.gezinscoaching.events.screening;

/** The nine contra-indications of the Coach je kind selection form: the problems lie elsewhere or weigh too heavily. */
public enum ContraIndication {
    /** "Het gezin heeft ernstige problemen die eerst opgelost moeten worden (de problematiek is te zwaar)." */
    SEVERE_FAMILY_PROBLEMS,
    /** "Het gezin is al bekend bij de hulpverlening en ontvangt al geïndiceerde hulp bij de opvoeding." */
    ALREADY_RECEIVING_PARENTING_SUPPORT,
    /** "Het risico bestaat dat door de inzet van Coach je kind de veiligheid van één van de gezinsleden of de coach in gevaar komt." */
    SAFETY_RISK,
    /** "De ouders wijzen hulp volledig af." */
    PARENTS_REFUSE_HELP,
    /** "Het kind heeft een ernstige verstandelijke of lichamelijke beperking." */
    SEVERE_DISABILITY,
    /** "Er is sprake van ernstige ontwikkelingsproblemen bij het kind." */
    SEVERE_DEVELOPMENTAL_PROBLEMS,
    /** "Er is sprake van suïcidaliteit bij het kind." */
    SUICIDALITY,
    /** "Het kind woont (een groot deel van de tijd) niet thuis." */
    CHILD_NOT_LIVING_AT_HOME,
    /** "Er is sprake van ernstige gedragsproblemen." */
    SEVERE_BEHAVIOURAL_PROBLEMS
}
