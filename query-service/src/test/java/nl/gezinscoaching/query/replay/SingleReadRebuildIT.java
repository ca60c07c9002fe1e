package nl.gezinscoaching.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import nl.gezinscoaching.query.support.Referrals;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A rebuild reads the event store once ({@link BulkReplay}), in batches of seven events here so that a run has many
 * batches and tokens, gives the rows the processors gave, and leaves the processors a token from which they pick up
 * an event that was still uncommitted below the head while it read (a gap, as Axon's gap-aware token keeps it).
 */
@SpringBootTest(properties = "query.rebuild.batch-size=7")
class SingleReadRebuildIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadModelRebuild rebuild;

    @Test
    void aRebuildReadsTheStoreOnceGivesTheProcessorsRowsAndLeavesAGapToThem() throws Exception {
        Referrals referrals = new Referrals(jdbc);
        List<String> trajectories = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (int i = 0; i < 40; i++) {
                String trajectory = "single-read-" + i + "-" + UUID.randomUUID();
                Referrals.append(connection, trajectory);
                trajectories.add(trajectory);
            }
        }
        referrals.awaitProjected(trajectories.get(trajectories.size() - 1));
        awaitFinished(); // a rebuild at start-up, if any, is over
        long singleReads = rebuild.singleReads();

        String gap = "single-read-gap-" + UUID.randomUUID();
        String aboveGap = "single-read-above-gap-" + UUID.randomUUID();
        try (Connection open = dataSource.getConnection(); Connection other = dataSource.getConnection()) {
            open.setAutoCommit(false);
            long gapIndex = Referrals.append(open, gap);
            long aboveIndex = Referrals.append(other, aboveGap);
            assertThat(gapIndex).isLessThan(aboveIndex);
            referrals.awaitProjected(aboveGap);
            List<Map<String, Object>> byProcessors = trajectoryRows();

            assertThat(rebuild.start()).as("rebuild requested").isTrue();
            awaitFinished();

            assertThat(rebuild.singleReads()).as("the store read once").isEqualTo(singleReads + 1);
            assertThat(trajectoryRows()).as("the rows the processors had made").isEqualTo(byProcessors);
            assertThat(referrals.projected(gap)).as("still uncommitted").isFalse();
            open.commit();
        }
        referrals.awaitProjected(gap);
        String after = "single-read-after-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            Referrals.append(connection, after);
        }
        referrals.awaitProjected(after);
    }

    private List<Map<String, Object>> trajectoryRows() {
        return jdbc.sql("SELECT * FROM rm_trajectory ORDER BY trajectory_id").query().listOfRows();
    }

    private void awaitFinished() throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            RebuildStatus status = rebuild.status();
            if ("FINISHED".equals(status.state()) || "NEVER_STARTED".equals(status.state())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("rebuild not finished within " + DEADLINE);
    }
}
