package nl.gezinscoaching.query.deadletter;

import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * A dead-letter queue for every processing group with {@code axon.eventhandling.processors.<name>.dlq.enabled}
 * (Axon's own switch; the processor and its processing group share the name here):
 * <ul>
 *   <li>Axon's {@link JdbcSequencedDeadLetterQueue} on the table of {@code V105__dead_letters.sql}, with the
 *       event store's serializer (a letter keeps the event's bytes as stored, personal fields encrypted),
 *       sequenced per aggregate (Axon's default policy: per trajectory), at most 1,024 sequences of 1,024
 *       letters (Axon's defaults: beyond that the processor stops at the event, as without a queue);</li>
 *   <li>the {@link DeadLetterPolicy};</li>
 *   <li>batches that settle their failures themselves ({@link DeadLetterBatch}, {@link SettledByBatch});</li>
 *   <li>retries in a nested transaction (a savepoint): a letter that fails again is rolled back to it and
 *       kept with its new cause, instead of the failed statement aborting the transaction that keeps it;</li>
 *   <li>a reset of the processor (a rebuild) empties the group's queue: the replay meets every event
 *       again, and dead-letters again those that still fail.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** The processing groups with a dead-letter queue. */
    record DeadLetteringGroups(List<String> names) {
    }

    @Bean
    DeadLetteringGroups deadLetteringGroups(EventProcessorProperties properties) {
        return new DeadLetteringGroups(properties.getProcessors().entrySet().stream()
                .filter(e -> e.getValue().getDlq().isEnabled())
                .map(java.util.Map.Entry::getKey).sorted().toList());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return schema();
    }

    /** Axon's names in snake_case, as in the migration. */
    static DeadLetterSchema schema() {
        return DeadLetterSchema.builder()
                .deadLetterTable(DeadLetterQueries.TABLE)
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Replaces the provider of Axon's JDBC auto-configuration: our schema, serializer and statements. */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties properties, ConnectionProvider connectionProvider,
            TransactionManager transactionManager, DeadLetterSchema schema, Serializer serializer) {
        PagedDeadLetterStatementFactory statements = new PagedDeadLetterStatementFactory(schema, serializer);
        return new DeadLetterQueueProviderConfigurerModule(properties, processingGroup -> configuration ->
                new BatchAwareDeadLetterQueue(processingGroup, JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(processingGroup)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(schema)
                        .statementFactory(statements)
                        .genericSerializer(serializer)
                        .eventSerializer(serializer)
                        .build()));
    }

    @Bean
    ConfigurerModule deadLetteringInvokers(DeadLetteringGroups groups, PlatformTransactionManager transactions,
                                           JdbcTemplate jdbc, DeadLetterQueries queries) {
        TransactionManager nested = new SpringTransactionManager(transactions,
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
        DeadLetterPolicy policy = new DeadLetterPolicy();
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String group : groups.names()) {
                processing.registerDeadLetterPolicy(group, configuration -> policy)
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group, (configuration, invoker) -> invoker
                                .transactionManager(nested)
                                .allowReset(true)
                                .listenerInvocationErrorHandler(SettledByBatch.errorHandler(group)))
                        .registerHandlerInterceptor(group, configuration ->
                                SettledByBatch.interceptor(new DeadLetteringGroup(group, configuration, jdbc, queries)));
            }
        };
    }
}
