package nl.gezinscoaching.command.recording;

import java.util.function.Supplier;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RecordingConfiguration {

    /** Metadata key of the user who recorded a command; every event the command causes carries it. */
    static final String RECORDED_BY = "recordedBy";

    /** Copies {@code recordedBy} from the command onto the events it causes. */
    @Bean
    CorrelationDataProvider recordedByCorrelation() {
        return new SimpleCorrelationDataProvider(RECORDED_BY);
    }

    @Bean
    CurrentUser currentUser() {
        return nl.gezinscoaching.platform.security.CurrentUser::name;
    }

    /** Who is recording: the signed-in user's name. */
    @FunctionalInterface
    interface CurrentUser extends Supplier<String> {
    }
}
