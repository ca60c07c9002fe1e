package nl.gezinscoaching.events.trajectory;

import nl.gezinscoaching.events.PersonalData;

/** The professional who signalled the family, and the organisation they work for. */
public record Referrer(@PersonalData String name, String organisation) {
}
