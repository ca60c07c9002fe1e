package nl.gezinscoaching.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** COPY gives the rows the insert gives, text as typed, and leaves a refused batch to the insert. */
@SpringBootTest
class CopyInsertsIT {

    private static final String INSERT = """
            INSERT INTO copy_probe (id, name, visits, visited_on, remark) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING""";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeEach
    void table() {
        jdbc.execute("DROP TABLE IF EXISTS copy_probe");
        jdbc.execute("CREATE TABLE copy_probe (id VARCHAR(40) PRIMARY KEY, name VARCHAR(255), visits INTEGER, "
                + "visited_on DATE, remark TEXT)");
    }

    @Test
    void textAsTypedNullsAndDatesArriveAsTheInsertWouldWriteThem() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"a", "Tab\there", 1, Date.valueOf("2026-01-05"), null});
        rows.add(new Object[] {"b", "Back\\slash \\N and\nnew line\r", 2, Date.valueOf("2026-02-28"), "\\."});
        rows.add(new Object[] {"c", "Zoë 'Ödül' \"quoted\"", null, null, ""});

        assertThat(inTransaction(rows)).isTrue();

        List<Map<String, Object>> stored = jdbc.queryForList("SELECT * FROM copy_probe ORDER BY id");
        assertThat(stored).hasSize(3);
        assertThat(stored.get(0)).containsEntry("name", "Tab\there").containsEntry("visits", 1)
                .containsEntry("visited_on", Date.valueOf("2026-01-05")).containsEntry("remark", null);
        assertThat(stored.get(1)).containsEntry("name", "Back\\slash \\N and\nnew line\r")
                .containsEntry("remark", "\\.");
        assertThat(stored.get(2)).containsEntry("name", "Zoë 'Ödül' \"quoted\"").containsEntry("visits", null)
                .containsEntry("remark", "");
    }

    @Test
    void aRowTheInsertWouldSkipLeavesTheWholeBatchToTheInsert() {
        jdbc.update(INSERT, "a", "first", 1, null, null);
        List<Object[]> rows = List.of(new Object[] {"a", "again", 2, null, null},
                new Object[] {"b", "new", 3, null, null});

        Boolean copied = new TransactionTemplate(transactionManager).execute(status -> {
            boolean done = CopyInserts.copy(dataSource, INSERT, rows);
            if (!done) {
                jdbc.batchUpdate(INSERT, rows); // what BatchedWrites does then, in the same transaction
            }
            return done;
        });

        assertThat(copied).isFalse();
        assertThat(jdbc.queryForList("SELECT id, name FROM copy_probe ORDER BY id"))
                .containsExactly(Map.of("id", "a", "name", "first"), Map.of("id", "b", "name", "new"));
    }

    @Test
    void copiedRowsBelongToTheCallersTransaction() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"r", "rolled back", 1, null, null});

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            assertThat(CopyInserts.copy(dataSource, INSERT, rows)).isTrue();
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM copy_probe", Integer.class))
                .as("rolled back with the transaction").isZero();
    }

    @Test
    void onlyPlainInsertsOfPlainValuesGoByCopy() {
        assertThat(CopyInserts.copyStatement(INSERT)).isEqualTo(
                "COPY copy_probe (id, name, visits, visited_on, remark) FROM STDIN");
        assertThat(CopyInserts.copyStatement("INSERT INTO t (a, b) VALUES (?, now())")).isNull();
        assertThat(CopyInserts.copyStatement("INSERT INTO t (a) VALUES (?) ON CONFLICT (a) DO UPDATE SET a = 1"))
                .isNull();
        assertThat(CopyInserts.copyStatement("UPDATE t SET a = ? WHERE b = ?")).isNull();
        List<Object[]> unknownType = new ArrayList<>();
        unknownType.add(new Object[] {"x", new StringBuilder("not a plain value"), 1, null, null});
        assertThat(inTransaction(unknownType)).isFalse();
        assertThat(CopyInserts.copy(dataSource, INSERT, List.<Object[]>of(new Object[] {"y", "n", 1, null, null})))
                .as("outside a transaction").isFalse();
    }

    private boolean inTransaction(List<Object[]> rows) {
        return Boolean.TRUE.equals(new TransactionTemplate(transactionManager)
                .execute(status -> CopyInserts.copy(dataSource, INSERT, rows)));
    }
}
