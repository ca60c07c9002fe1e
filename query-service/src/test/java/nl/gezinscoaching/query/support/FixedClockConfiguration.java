package nl.gezinscoaching.query.support;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Pins "today" to 22 November 2026 in Amsterdam, so day counts in views are exact. */
@TestConfiguration
public class FixedClockConfiguration {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Bean
    Clock clock() {
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
        return Clock.fixed(TODAY.atTime(10, 0).atZone(amsterdam).toInstant(), amsterdam);
    }
}
