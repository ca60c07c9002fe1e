package nl.gezinscoaching.command;

import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command side: coaches' actions become events in the PostgreSQL event store. Axon's own
 * Micrometer wiring is replaced by the platform's, which uses Boot's registry.
 */
@SpringBootApplication(exclude = {MicrometerMetricsAutoConfiguration.class, UpdateCheckerAutoConfiguration.class})
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
