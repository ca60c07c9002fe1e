package nl.gezinscoaching.query.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The read audit's background work, on the scheduler's one thread: chains new entries every
 * {@code platform.audit.chain-interval}, and anchors the chain's head every
 * {@code platform.audit.anchor-interval} (both also once at start-up).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReadAuditConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReadAuditConfiguration.class);

    private final ReadAuditChainer chainer;
    private final ChainAnchors anchors;
    private final ReadAuditProperties properties;

    ReadAuditConfiguration(ReadAuditChainer chainer, ChainAnchors anchors, ReadAuditProperties properties) {
        this.chainer = chainer;
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
                chainer.chainPending();
            } catch (RuntimeException e) {
                log.error("Read-audit entries could not be chained: {}", e.toString());
            }
        }, properties.chainInterval());
        registrar.addFixedDelayTask(() -> {
            try {
                chainer.chainPending();
                anchors.anchor();
            } catch (RuntimeException e) {
                log.error("The read audit's head could not be anchored: {}", e.toString());
            }
        }, properties.anchorInterval());
    }
}
