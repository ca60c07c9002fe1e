package nl.gezinscoaching.command.idempotency;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the purge of expired idempotency keys ({@link IdempotencyKeys#purgeExpired()}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyConfiguration {
}
