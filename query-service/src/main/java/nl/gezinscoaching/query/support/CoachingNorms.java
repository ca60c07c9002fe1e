package nl.gezinscoaching.query.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The norms management steers by, from configuration ({@code coaching.norm-per-fte},
 * {@code coaching.norm-months}).
 *
 * @param normPerFte families one full-time coach guides at most (pro rata for part-timers)
 * @param normMonths months a trajectory is planned to take, before extensions
 * @param retentionYears years a file is kept after care ended (Jeugdwet: 20)
 */
@ConfigurationProperties("coaching")
public record CoachingNorms(@DefaultValue("11") BigDecimal normPerFte, @DefaultValue("6") int normMonths,
                            @DefaultValue("20") int retentionYears) {

    /**
     * The planned end of a trajectory: its first assignment plus the norm plus every granted extension, in
     * calendar months (the one definition behind the overrun list, "Mijn gezinnen" and a family's page).
     */
    public LocalDate plannedEnd(LocalDate firstAssignedOn, long extensionMonths) {
        return firstAssignedOn.plusMonths(normMonths + extensionMonths);
    }
}
