package nl.gezinscoaching.query;

import static java.util.Map.entry;
import static nl.gezinscoaching.events.TextBounds.CODE;
import static nl.gezinscoaching.events.TextBounds.IDENTIFIER;
import static nl.gezinscoaching.events.TextBounds.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.events.screening.ContraIndication;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * Every text column of the schema both services migrate (event store, command lookups, read models) can
 * hold what the command API lets into it: the bound of {@link nl.gezinscoaching.events.TextBounds} for
 * a text from a request, the longest constant name for an enum. A column narrower than its bound would
 * let an accepted command stop a projection; a column nobody classified here fails too, so a new read
 * model cannot skip the check.
 */
class TextBoundsFitTheSchemaIT {

    /** What a column stores: a request text with its bound, an enum's names, or nothing a client sends. */
    interface Stored {
        /** The longest value the command API lets into the column, in characters. */
        int longest();
    }

    record RequestText(int bound) implements Stored {
        public int longest() {
            return bound;
        }
    }

    record EnumName(Class<? extends Enum<?>> type) implements Stored {
        public int longest() {
            return Arrays.stream(type.getEnumConstants()).mapToInt(constant -> constant.name().length()).max().orElse(0);
        }
    }

    record NotFromARequest(String why) implements Stored {
        public int longest() {
            return 0;
        }
    }

    private static final Stored ID = new RequestText(IDENTIFIER);
    private static final Stored AXON = new NotFromARequest("written by Axon: class names, UUIDs, timestamps");

    /** Tables whose columns hold nothing a command request carries. */
    private static final Set<String> OUT_OF_SCOPE = Set.of("token_entry", "flyway_history_command",
            "flyway_history_query");

    private static final Map<String, Stored> COLUMNS = Map.ofEntries(
            // the event store, shared: aggregate ids include the coach ids clients choose
            entry("domain_event_entry.event_identifier", AXON),
            entry("domain_event_entry.aggregate_identifier", ID),
            entry("domain_event_entry.type", AXON),
            entry("domain_event_entry.time_stamp", AXON),
            entry("domain_event_entry.payload_type", AXON),
            entry("domain_event_entry.payload_revision", AXON),
            entry("snapshot_event_entry.aggregate_identifier", ID),
            entry("snapshot_event_entry.type", AXON),
            entry("snapshot_event_entry.event_identifier", AXON),
            entry("snapshot_event_entry.time_stamp", AXON),
            entry("snapshot_event_entry.payload_type", AXON),
            entry("snapshot_event_entry.payload_revision", AXON),
            entry("family_key.subject_id", ID),
            entry("family_key.wrapped_by", new NotFromARequest("the name of a configured master key")),
            entry("erasure_register_anchor.last_mac", new NotFromARequest("a hex HMAC-SHA-256 of the erasure register")),
            // the facts processor's dead letters (Axon's JDBC queue)
            entry("dead_letter_entry.dead_letter_id", AXON),
            entry("dead_letter_entry.processing_group", AXON),
            entry("dead_letter_entry.message_type", AXON),
            entry("dead_letter_entry.event_identifier", AXON),
            entry("dead_letter_entry.time_stamp", AXON),
            entry("dead_letter_entry.payload_type", AXON),
            entry("dead_letter_entry.payload_revision", AXON),
            entry("dead_letter_entry.type", AXON),
            entry("dead_letter_entry.token_type", AXON),
            entry("dead_letter_entry.enqueued_at", AXON),
            entry("dead_letter_entry.last_touched", AXON),
            entry("dead_letter_entry.processing_started", AXON),
            entry("dead_letter_entry.cause_type", AXON),
            entry("dead_letter_entry.sequence_identifier", ID),
            entry("dead_letter_entry.aggregate_identifier", ID),
            entry("dead_letter_entry.cause_message", new NotFromARequest("a cause without values, written by DeadLetterPolicy")),
            // the access facts both services decide on (written by the command service with the events)
            entry("access_coach.coach_id", ID),
            entry("access_coach.cluster", new RequestText(CODE)),
            entry("access_trajectory.trajectory_id", ID),
            entry("access_trajectory.coach_id", ID),
            // the command service's lookups
            entry("family_reference.trajectory_id", ID),
            entry("family_reference.reference_digest", new NotFromARequest("a digest of fixed length")),
            // the query service's read models
            entry("rm_coach.coach_id", ID),
            entry("rm_coach.name", new RequestText(NAME)),
            entry("rm_coach.cluster", new RequestText(CODE)),
            entry("rm_trajectory.trajectory_id", ID),
            entry("rm_trajectory.district", new RequestText(CODE)),
            entry("rm_trajectory.language", new RequestText(CODE)),
            entry("rm_trajectory.migration_generation", new EnumName(MigrationGeneration.class)),
            entry("rm_assignment.trajectory_id", ID),
            entry("rm_assignment.coach_id", ID),
            entry("rm_decline.trajectory_id", ID),
            entry("rm_closure.trajectory_id", ID),
            entry("rm_closure.reason", new EnumName(ClosureReason.class)),
            entry("rm_extension.trajectory_id", ID),
            entry("rm_agency_referral.agency_referral_id", ID),
            entry("rm_agency_referral.trajectory_id", ID),
            entry("rm_agency_referral.agency", new RequestText(NAME)),
            entry("rm_warm_handover.agency_referral_id", ID),
            entry("rm_warm_handover.trajectory_id", ID),
            entry("rm_home_visit.trajectory_id", ID),
            entry("rm_goal.goal_id", ID),
            entry("rm_goal.trajectory_id", ID),
            entry("rm_goal.life_domain", new EnumName(LifeDomain.class)),
            entry("rm_goal_evaluation.goal_id", ID),
            entry("rm_goal_evaluation.trajectory_id", ID),
            entry("rm_goal_evaluation.attainment", new EnumName(GoalAttainment.class)),
            entry("rm_goal_subgoal.goal_id", ID),
            entry("rm_goal_subgoal.trajectory_id", ID),
            entry("rm_goal_subgoal.subgoal", new EnumName(Subgoal.class)),
            entry("rm_coach_activity.trajectory_id", ID),
            entry("rm_coach_activity.kind", new EnumName(packagePrivateEnum("nl.gezinscoaching.query.mine.ActivityKind"))),
            entry("rm_screening_decline.trajectory_id", ID),
            entry("rm_screening_decline.contra_indication", new EnumName(ContraIndication.class)),
            entry("read_audit.reader", new NotFromARequest("the signed-in user's name, from the identity provider")),
            entry("read_audit.trajectory_id", ID),
            entry("read_audit.purpose", new NotFromARequest("a constant of the query service")),
            entry("read_audit.previous_hash", new NotFromARequest("a digest of fixed length")),
            entry("read_audit.hash", new NotFromARequest("a digest of fixed length")),
            // the coaches' activity facts (V120): which kind of contact, from the projection's own names
            // the command service's Idempotency-Key answers (V121): the key's length is checked by its filter
            entry("idempotency_key.username", new NotFromARequest("the signed-in user's name, from the token")),
            entry("idempotency_key.idempotency_key", new RequestText(100)),
            entry("idempotency_key.request_hash", new NotFromARequest("a SHA-256 in hex, 64 characters")),
            entry("idempotency_key.content_type", new NotFromARequest("the service's own answer's content type")),
            entry("idempotency_key.body", new NotFromARequest("the service's own answer: ids and dates")),
            // issue 13b: query-service instances and the rebuild they share (V185): the instances' own node ids
            entry("query_instance.node_id", new NotFromARequest("a query-service instance's node id: host, pid, random")),
            entry("read_model_rebuild.requested_by", new NotFromARequest("a query-service instance's node id")),
            entry("read_model_rebuild.reset_by", new NotFromARequest("a query-service instance's node id")));

    /** An enum the test cannot name (package-private in its feature), by its class name. */
    @SuppressWarnings("unchecked")
    private static Class<? extends Enum<?>> packagePrivateEnum(String name) {
        try {
            return (Class<? extends Enum<?>>) Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmbeddedPostgres postgres;
    /** table.column to its maximum length in characters; null for unbounded text. */
    private static Map<String, Integer> textColumns;

    @BeforeAll
    static void migrateAsBothServicesDo() throws SQLException {
        postgres = EmbeddedDatabase.start(null, 0);
        DataSource dataSource = postgres.getPostgresDatabase();
        // each service's own Flyway settings, read from its configuration file
        migrate(dataSource, "command-service.yml");
        migrate(dataSource, "application.yml");
        textColumns = textColumns(dataSource);
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static void migrate(DataSource dataSource, String configuration) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(configuration));
        Properties settings = yaml.getObject();
        Flyway.configure()
                .dataSource(dataSource)
                .locations(settings.getProperty("spring.flyway.locations").split(","))
                .table(settings.getProperty("spring.flyway.table"))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .outOfOrder(true)
                .load()
                .migrate();
    }

    private static Map<String, Integer> textColumns(DataSource dataSource) throws SQLException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("""
                     SELECT c.table_name, c.column_name, c.character_maximum_length
                     FROM information_schema.columns c
                     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                       AND c.data_type IN ('character varying', 'character', 'text')
                     ORDER BY c.table_name, c.ordinal_position""")) {
            while (rows.next()) {
                if (!OUT_OF_SCOPE.contains(rows.getString(1))) {
                    columns.put(rows.getString(1) + "." + rows.getString(2), (Integer) rows.getObject(3));
                }
            }
        }
        return columns;
    }

    @Test
    void everyTextColumnIsClassified() {
        assertThat(textColumns).isNotEmpty();
        assertThat(COLUMNS.keySet())
                .as("text columns without an entry in COLUMNS: say what each stores, with its bound")
                .containsAll(textColumns.keySet());
        assertThat(textColumns.keySet()).as("entries in COLUMNS the schema no longer has").containsAll(COLUMNS.keySet());
    }

    @Test
    void everyColumnHoldsTheLongestTextTheCommandApiAccepts() {
        List<String> tooNarrow = new ArrayList<>();
        textColumns.forEach((column, width) -> {
            Stored stored = COLUMNS.get(column);
            int needed = stored == null ? 0 : stored.longest(); // unclassified: reported by the test above
            if (width != null && width < needed) {
                tooNarrow.add(column + " holds " + width + " characters, needs " + needed);
            }
        });
        assertThat(tooNarrow).isEmpty();
    }

    /** Why the command API refuses U+0000 in every text (StorableText): no column here could take it. */
    @Test
    void noTextColumnTakesTheNulCharacter() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var insert = connection.prepareStatement(
                     "INSERT INTO rm_agency_referral (agency_referral_id, trajectory_id, agency, referred_on) "
                             + "VALUES ('nul-check', 'nul-check', ?, current_date)")) {
            insert.setString(1, "GG\u0000Z");
            assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("0x00");
        }
    }
}
