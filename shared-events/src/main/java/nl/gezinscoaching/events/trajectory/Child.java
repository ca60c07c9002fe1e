package nl.gezinscoaching.events.trajectory;

import java.time.LocalDate;
import nl.gezinscoaching.events.PersonalData;

public record Child(@PersonalData String name, @PersonalData LocalDate birthDate) {
}
