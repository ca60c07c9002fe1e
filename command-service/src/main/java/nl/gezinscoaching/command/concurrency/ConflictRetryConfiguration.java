package nl.gezinscoaching.command.concurrency;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command gateway with the {@link ConflictRetryScheduler} (issue 13), replacing the one Axon's
 * auto-configuration would create. Kept apart from the other Axon configuration on purpose.
 */
@Configuration(proxyBeanMethods = false)
class ConflictRetryConfiguration {

    @Bean
    ConflictRetryScheduler conflictRetryScheduler(
            @Value("${command.concurrent-change.max-retries:5}") int maxRetries, MeterRegistry meters) {
        return new ConflictRetryScheduler(maxRetries, meters);
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ConflictRetryScheduler conflictRetryScheduler) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(conflictRetryScheduler).build();
    }
}
