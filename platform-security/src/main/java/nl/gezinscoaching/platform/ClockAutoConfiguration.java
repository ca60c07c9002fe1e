package nl.gezinscoaching.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The one clock of the platform: business days are days in Amsterdam. */
@AutoConfiguration
public class ClockAutoConfiguration {

    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.system(AMSTERDAM);
    }
}
