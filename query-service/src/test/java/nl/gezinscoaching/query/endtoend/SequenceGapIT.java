package nl.gezinscoaching.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.UUID;
import javax.sql.DataSource;
import nl.gezinscoaching.query.support.Referrals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two writers commit out of order: the event with the lower global index becomes visible after the one
 * with the higher index. The projections must neither skip the late event nor stall on the gap.
 */
@SpringBootTest
class SequenceGapIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    Referrals referrals;

    @BeforeEach
    void referrals() {
        referrals = new Referrals(jdbc);
    }

    @Test
    void anEventCommittedAfterALaterOneIsStillProjected() throws Exception {
        String early = "gap-early-" + UUID.randomUUID();
        String late = "gap-late-" + UUID.randomUUID();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            long earlyIndex = Referrals.append(first, early);
            long lateIndex = Referrals.append(second, late);
            assertThat(earlyIndex).isLessThan(lateIndex);
            second.commit();

            referrals.awaitProjected(late);
            assertThat(referrals.projected(early)).as("still uncommitted").isFalse();

            first.commit();
            referrals.awaitProjected(early);
        }
        // and the processor goes on with what comes after
        String after = "gap-after-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            Referrals.append(connection, after);
        }
        referrals.awaitProjected(after);
        assertThat(jdbc.sql("SELECT count(*) FROM rm_trajectory WHERE trajectory_id IN (?, ?, ?)")
                .params(early, late, after).query(Long.class).single()).isEqualTo(3);
    }
}
