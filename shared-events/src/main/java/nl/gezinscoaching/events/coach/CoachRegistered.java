package nl.gezinscoaching.events.coach;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A coach joined the team.
 *
 * @param fte part-time factor (1.0 is full time); the caseload norm scales with it
 */
@Revision("1")
public record CoachRegistered(String coachId, String name, String cluster, BigDecimal fte, LocalDate registeredOn) {
}
