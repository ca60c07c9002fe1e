package nl.gezinscoaching.query.support;

import nl.gezinscoaching.platform.eventstore.ChangeSignals;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every commit of a projection's batch (rows and token together) is signalled as {@link ChangeSignals#READ_MODELS_MOVED},
 * once per batch, so that {@link ViewCache} on every instance looks at the tokens again at once instead of after
 * its maximum age.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelCommits {

    private static final String SIGNAL_REGISTERED = ReadModelCommits.class.getName();

    @Bean
    ConfigurerModule signalReadModelCommits(ChangeSignals signals) {
        MessageHandlerInterceptor<EventMessage<?>> signalAfterCommit = (unitOfWork, chain) -> {
            if (unitOfWork.resources().putIfAbsent(SIGNAL_REGISTERED, Boolean.TRUE) == null) {
                unitOfWork.afterCommit(committed -> signals.signal(ChangeSignals.READ_MODELS_MOVED));
            }
            return chain.proceed();
        };
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((configuration, processingGroup) -> signalAfterCommit);
    }
}
