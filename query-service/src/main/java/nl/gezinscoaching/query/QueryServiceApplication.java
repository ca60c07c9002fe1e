package nl.gezinscoaching.query;

import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The query side: read models projected from the event store, and the views management reads. Axon's
 * own Micrometer wiring is replaced by the platform's, which uses Boot's registry; its update checker,
 * which would call home, is left out.
 */
@SpringBootApplication(exclude = {MicrometerMetricsAutoConfiguration.class, UpdateCheckerAutoConfiguration.class})
@ConfigurationPropertiesScan
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
