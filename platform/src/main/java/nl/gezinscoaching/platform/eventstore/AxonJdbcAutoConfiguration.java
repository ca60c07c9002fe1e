package nl.gezinscoaching.platform.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import nl.gezinscoaching.platform.crypto.CryptoProperties;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.platform.crypto.MasterKeys;
import nl.gezinscoaching.platform.crypto.FieldCipher;
import nl.gezinscoaching.platform.crypto.PersonalDataIntrospector;
import nl.gezinscoaching.platform.crypto.PersonalDataProtectingSerializer;
import nl.gezinscoaching.platform.upcasting.EventUpcasting;
import nl.gezinscoaching.platform.database.PatientDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.config.MessageMonitorFactory;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on PostgreSQL through its JDBC storage engine, set up for Spring Boot 4:
 * <ul>
 *   <li>snake_case table and column names that match our Flyway migrations (bytea payloads);</li>
 *   <li>PostgreSQL's unique violation (23505) recognised as a duplicate aggregate stream;</li>
 *   <li>Spring's transactions, which Axon's own auto-configuration misses on Boot 4;</li>
 *   <li>Jackson 2 as serializer for events, metadata and tokens: readable JSON in the database, with
 *       personal fields encrypted per family;</li>
 *   <li>Axon's meters in Boot's registry rather than a private one.</li>
 * </ul>
 */
@AutoConfiguration(before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class}, after = EventUpcasting.class)
@EnableConfigurationProperties(CryptoProperties.class)
public class AxonJdbcAutoConfiguration {

    /** PostgreSQL's SQLSTATE for a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it, plus the batch size for reading the stream
     * ({@code platform.event-store.batch-size}; larger batches make projections and replays faster), with each row's
     * timestamp parsed once ({@link TimestampOnceStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          EventUpcasterChain eventUpcasterChain,
                                          @Value("${platform.event-store.batch-size:100}") int batchSize) {
        return TimestampOnceStorageEngine.build(storageEngine(serializer, persistenceExceptionResolver,
                connectionProvider, transactionManager, eventSchema, eventUpcasterChain, batchSize)
                .snapshotFilter(configuration.snapshotFilter()));
    }

    /**
     * The engine's settings as the event store has them (serializer, upcasters, schema, connections), with its own
     * batch size: for a reader that needs fewer rows per query than the stream (a trajectory's first event).
     */
    public static JdbcEventStorageEngine.Builder storageEngine(Serializer serializer,
                                                               PersistenceExceptionResolver persistenceExceptionResolver,
                                                               ConnectionProvider connectionProvider,
                                                               TransactionManager transactionManager,
                                                               EventSchema eventSchema,
                                                               EventUpcasterChain eventUpcasterChain, int batchSize) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .upcasterChain(eventUpcasterChain) // older revisions read as the current one (EventUpcasting)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(batchSize);
    }

    /**
     * The event store, with the delay between polls of the stream when it has caught up
     * ({@code platform.event-store.fetch-delay}, milliseconds). Events appended by another process
     * (the command service) are read as soon as its commit's {@link ChangeSignals} arrives, and at most this late
     * when the signal is lost.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                  org.axonframework.config.Configuration configuration,
                                  ChangeSignals changeSignals,
                                  @Value("${platform.event-store.fetch-delay:1000}") long fetchDelay) {
        return new SignalledEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay), changeSignals);
    }

    /** New events and moved read models told to every instance at once (LISTEN/NOTIFY), besides polling. */
    @Bean
    ChangeSignals changeSignals(PatientDataSource dataSource,
                                @Value("${platform.change-signals.listen:true}") boolean listen) {
        return new ChangeSignals(dataSource, listen);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager platformTransactionManager) {
        return new SpringTransactionManager(platformTransactionManager);
    }

    /** The object mapper Axon stores with; not Spring MVC's (which is Jackson 3). */
    public static ObjectMapper storageObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Bean
    MasterKeys masterKeys(CryptoProperties properties) {
        return properties.toMasterKeys();
    }

    @Bean
    FamilyKeys familyKeys(DataSource dataSource, MasterKeys masterKeys) {
        return new FamilyKeys(dataSource, masterKeys);
    }

    /**
     * At start-up (after Flyway): data keys stored before keys were wrapped, or wrapped with a previous
     * master key, are wrapped with the current one.
     */
    @Bean
    ApplicationRunner wrapFamilyKeys(FamilyKeys familyKeys) {
        return arguments -> familyKeys.rewrap();
    }

    @Bean
    FieldCipher fieldCipher(FamilyKeys familyKeys) {
        return new FieldCipher(familyKeys);
    }

    /**
     * Jackson 2 for events, metadata and tokens, with every {@code @PersonalData} field encrypted with
     * the family's key (crypto-shredding, see docs/architecture.md).
     */
    @Bean
    @Primary
    Serializer serializer(FieldCipher fieldCipher) {
        return eventSerializer(fieldCipher);
    }

    /** The serializer of the event store: Jackson 2 on the storage mapper, personal fields encrypted. */
    public static Serializer eventSerializer(FieldCipher fieldCipher) {
        ObjectMapper protecting = storageObjectMapper();
        protecting.setAnnotationIntrospector(new PersonalDataIntrospector(fieldCipher, storageObjectMapper()));
        return new PersonalDataProtectingSerializer(JacksonSerializer.builder()
                .objectMapper(protecting)
                .lenientDeserialization()
                .build());
    }

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry meterRegistry) {
        return new GlobalMetricRegistry(meterRegistry);
    }

    /** An event processor only ever sees event messages. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> eventsOnly(MessageMonitor<? super EventMessage<?>> monitor) {
        return (MessageMonitor) monitor;
    }

    /**
     * Axon's meters in Boot's registry: the event store in full; command and query bus their counters and
     * timers; event processors only their latency (how far a projection lags behind the newest event it
     * processed). The full per-message monitors of a processor cost about a third of the replay rate
     * (docs/benchmarks.md). The buses leave out Axon's capacity monitor: it registers its gauge again for
     * every message, which Micrometer refuses with a warning in the log at the first command.
     */
    @Bean
    ConfigurerModule axonMetrics(GlobalMetricRegistry globalMetricRegistry, MeterRegistry meterRegistry) {
        ProcessorLatency latency = new ProcessorLatency(meterRegistry, Clock.systemUTC());
        // one set of meters per bus, registered once (Axon's own monitors look them up for every message)
        Map<String, BusMeters> buses = new ConcurrentHashMap<>();
        MessageMonitorFactory countedAndTimed = (configuration, componentType, componentName) ->
                buses.computeIfAbsent(componentName, name -> new BusMeters(name, meterRegistry));
        return configurer -> {
            globalMetricRegistry.registerWithConfigurer(configurer);
            configurer.configureMessageMonitor(CommandBus.class, countedAndTimed);
            configurer.configureMessageMonitor(QueryBus.class, countedAndTimed);
            configurer.configureMessageMonitor(EventProcessor.class,
                    (configuration, componentType, componentName) -> eventsOnly(latency.monitor(componentName)));
        };
    }
}
