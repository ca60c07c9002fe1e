package nl.gezinscoaching.query;

import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side: read models projected from the event store, and the views management reads. Axon's
 * own Micrometer wiring is replaced by the platform's, which uses Boot's registry.
 */
@SpringBootApplication(exclude = MicrometerMetricsAutoConfiguration.class)
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
