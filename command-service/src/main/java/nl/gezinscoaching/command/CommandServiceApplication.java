package nl.gezinscoaching.command;

import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The command side: coaches' actions become events in the PostgreSQL event store. Axon's own
 * Micrometer wiring is replaced by the platform's, which uses Boot's registry.
 */
@SpringBootApplication(exclude = {MicrometerMetricsAutoConfiguration.class, UpdateCheckerAutoConfiguration.class})
public class CommandServiceApplication {

    /** Configuration is in {@code command-service.yml}, so the two services can share a classpath in tests. */
    public static final String CONFIG_NAME = "command-service";

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
