package nl.gezinscoaching.query.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Anchors the chain's head every {@code platform.audit.anchor-interval} (and once at start-up). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReadAuditConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReadAuditConfiguration.class);

    private final ChainAnchors anchors;
    private final ReadAuditProperties properties;

    ReadAuditConfiguration(ChainAnchors anchors, ReadAuditProperties properties) {
        this.anchors = anchors;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.anchorFile() == null) {
            log.warn("platform.audit.anchor-file is not set: read-audit anchors go to the log only, and the"
                    + " verification cannot compare the chain with them");
        }
        registrar.addFixedDelayTask(() -> {
            try {
                anchors.anchor();
            } catch (RuntimeException e) {
                log.error("The read audit's head could not be anchored: {}", e.toString());
            }
        }, properties.anchorInterval());
    }
}
