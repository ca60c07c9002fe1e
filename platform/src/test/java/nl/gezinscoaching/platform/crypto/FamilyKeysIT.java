package nl.gezinscoaching.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Data keys in PostgreSQL: stored wrapped by the master key, readable again, re-wrapped on rotation. */
class FamilyKeysIT {

    private static final MasterKeys K1 = new MasterKeys("k1", Map.of("k1", MasterKeysTest.K1));
    private static final MasterKeys K2_AFTER_K1 = new MasterKeys("k2", Map.of("k1", MasterKeysTest.K1,
            "k2", MasterKeysTest.K2));

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        postgres = EmbeddedDatabase.start(null, 0);
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void empty() {
        jdbc.sql("TRUNCATE family_key").update();
    }

    @Test
    void aNewKeyIsStoredWrappedAndReadBack() {
        SecretKey created = new FamilyKeys(dataSource, K1).keyFor("family-1");

        Map<String, Object> row = jdbc.sql("SELECT key_bytes, wrapped_by FROM family_key WHERE subject_id = 'family-1'")
                .query().singleRow();
        assertThat(row.get("wrapped_by")).isEqualTo("k1");
        assertThat((byte[]) row.get("key_bytes")).hasSize(40).isNotEqualTo(created.getEncoded());
        // a fresh instance has nothing cached: it reads and unwraps
        assertThat(new FamilyKeys(dataSource, K1).existing("family-1")).hasValueSatisfying(
                key -> assertThat(key.getEncoded()).isEqualTo(created.getEncoded()));
    }

    @Test
    void keysStoredBeforeWrappingAreReadableAndGetWrapped() {
        byte[] plain = new byte[32];
        plain[0] = 7;
        jdbc.sql("INSERT INTO family_key (subject_id, key_bytes) VALUES ('family-old', ?)").param(plain).update();
        FamilyKeys keys = new FamilyKeys(dataSource, K1);

        assertThat(keys.rewrap()).isEqualTo(1);

        assertThat(jdbc.sql("SELECT wrapped_by FROM family_key WHERE subject_id = 'family-old'").query(String.class)
                .single()).isEqualTo("k1");
        assertThat(new FamilyKeys(dataSource, K1).existing("family-old").orElseThrow().getEncoded()).isEqualTo(plain);
        assertThat(keys.rewrap()).isZero();
    }

    @Test
    void rotationMovesEveryKeyToTheNewMasterKey() {
        FamilyKeys before = new FamilyKeys(dataSource, K1);
        byte[] first = before.keyFor("family-1").getEncoded();
        byte[] second = before.keyFor("family-2").getEncoded();

        FamilyKeys after = new FamilyKeys(dataSource, K2_AFTER_K1);
        assertThat(after.rewrap()).isEqualTo(2);

        assertThat(jdbc.sql("SELECT DISTINCT wrapped_by FROM family_key").query(String.class).list())
                .containsExactly("k2");
        MasterKeys onlyK2 = new MasterKeys("k2", Map.of("k2", MasterKeysTest.K2));
        assertThat(new FamilyKeys(dataSource, onlyK2).existing("family-1").orElseThrow().getEncoded()).isEqualTo(first);
        assertThat(new FamilyKeys(dataSource, onlyK2).existing("family-2").orElseThrow().getEncoded()).isEqualTo(second);
    }

    @Test
    void withoutTheMasterKeyTheDataKeysAreUnreadable() {
        new FamilyKeys(dataSource, K1).keyFor("family-1");
        MasterKeys otherServer = new MasterKeys("k2", Map.of("k2", MasterKeysTest.K2));

        assertThatThrownBy(() -> new FamilyKeys(dataSource, otherServer).existing("family-1"))
                .hasMessageContaining("'k1'");
    }

    @Test
    void aKeyErasedByAnotherProcessIsNotUsedFromTheCacheByAReadThatChecksErasure() {
        FamilyKeys queryService = new FamilyKeys(dataSource, K1);
        FamilyKeys commandService = new FamilyKeys(dataSource, K1);
        commandService.keyFor("family-1");
        assertThat(queryService.existing("family-1")).isPresent(); // now in the query service's cache

        commandService.erase("family-1");

        assertThat(queryService.existing("family-1")).as("replays and projections go by the cache").isPresent();
        assertThat(queryService.checkingErasure(() -> queryService.existing("family-1"))).isEmpty();
        assertThat(queryService.existing("family-1")).as("and gone from the cache").isEmpty();
    }

    @Test
    void aReadThatChecksErasureUsesTheCachedKeyOfAFamilyThatStillHasOne() {
        FamilyKeys keys = new FamilyKeys(dataSource, K1);
        byte[] created = keys.keyFor("family-1").getEncoded();
        SecretKey cached = keys.existing("family-1").orElseThrow();

        assertThat(keys.checkingErasure(() -> keys.existing("family-1"))).containsSame(cached);
        assertThat(cached.getEncoded()).isEqualTo(created);
    }

    @Test
    void erasureStillDestroysTheKey() {
        FamilyKeys keys = new FamilyKeys(dataSource, K1);
        keys.keyFor("family-1");

        keys.erase("family-1");

        assertThat(new FamilyKeys(dataSource, K1).existing("family-1")).isEmpty();
    }
}
