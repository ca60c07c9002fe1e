package nl.gezinscoaching.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadPoolExecutor;
import javax.sql.DataSource;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.command.coach.RegisterCoachCommand;
import nl.gezinscoaching.command.trajectory.AssignCoachCommand;
import nl.gezinscoaching.command.trajectory.RecordHomeVisitCommand;
import nl.gezinscoaching.command.trajectory.ReferFamilyCommand;
import nl.gezinscoaching.command.trajectory.SetGoalCommand;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cold load of one long trajectory (issue 13): {@code bench.events} events (default 2,000), loaded by the
 * command service's own repository with nothing cached, once from its newest snapshot plus the events after it,
 * once with its snapshots removed (the whole stream), alternating in rounds, on the same database in the same
 * run. Every load is rolled back, so it neither triggers a snapshot nor fills the cache. Options:
 * {@code -Dbench.events=2000 -Dbench.rounds=5 -Dbench.loads=20}.
 */
final class SnapshotBenchmark {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final LocalDate TODAY = LocalDate.now(AMSTERDAM);
    private static final String COACH = "bench-snapshot-coach";
    private static final String OTHER_COACH = "bench-snapshot-coach-2";

    private SnapshotBenchmark() {
    }

    static void run() throws Exception {
        int events = Integer.getInteger("bench.events", 2000);
        int rounds = Math.max(1, Integer.getInteger("bench.rounds", 5));
        int loads = Math.max(1, Integer.getInteger("bench.loads", 20));
        System.out.printf("%n== Snapshots: cold load of a trajectory of %,d events, %d rounds of %d loads each ==%n",
                events, rounds, loads);
        try (BenchDatabase database = new BenchDatabase();
             ConfigurableApplicationContext app = CommandServiceApplication.application()
                     .web(WebApplicationType.NONE).run(database.serviceArguments())) {
            DataSource dataSource = app.getBean(DataSource.class);
            System.out.println(BenchDatabase.describe(dataSource));
            System.out.println("Snapshot threshold: " + app.getEnvironment().getProperty("command.snapshots.threshold",
                    "100 (default)"));
            CommandGateway gateway = app.getBean(CommandGateway.class);
            String id = longTrajectory(gateway, events);
            // the snapshots the recording triggered are stored on the snapshotter's thread: let it finish, or one of
            // them lands after a round has deleted the snapshots and the "without" loads read it
            ThreadPoolExecutor snapshots = app.getBean("snapshotExecutor", ThreadPoolExecutor.class);
            // a load of the whole stream schedules a snapshot itself (Axon: at the unit of work's clean-up, even
            // when it rolls back): before each load "without", the snapshotter is let finish and the snapshots
            // are deleted again
            Runnable noSnapshot = () -> {
                try {
                    while (snapshots.getActiveCount() > 0 || !snapshots.getQueue().isEmpty()) {
                        Thread.sleep(5);
                    }
                    execute(dataSource, "DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?", id);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            noSnapshot.run();
            @SuppressWarnings("unchecked")
            Repository<Object> repository = app.getBean("trajectoryRepository", Repository.class);
            Cache cache = app.getBean("trajectoryCache", Cache.class);
            Snapshotter snapshotter = app.getBean(Snapshotter.class);
            Class<?> trajectoryType = Class.forName("nl.gezinscoaching.command.trajectory.Trajectory");

            Latencies with = new Latencies();
            Latencies without = new Latencies();
            for (int round = 0; round < rounds + 1; round++) {
                boolean warmup = round == 0;
                Latencies fullStream = Latencies.merge(List.of(measure(repository, cache, id, loads, events - 1,
                        noSnapshot)));
                snapshotter.scheduleSnapshot(trajectoryType, id);
                awaitSnapshot(dataSource, id); // stored on the snapshotter's own thread
                Latencies fromSnapshot = Latencies.merge(List.of(measure(repository, cache, id, loads, events - 1,
                        () -> { })));
                if (!warmup) {
                    System.out.printf("  round %d: without snapshot p50 %.1f ms, with snapshot p50 %.2f ms%n",
                            round, fullStream.millis(0.5), fromSnapshot.millis(0.5));
                    with = Latencies.merge(List.of(with, fromSnapshot));
                    without = Latencies.merge(List.of(without, fullStream));
                }
            }
            System.out.printf("Snapshot row: %d bytes%n", snapshotRow(dataSource, id).length);
            System.out.println();
            System.out.println("cold load of " + events + " events | p50 ms | p95 ms | max ms");
            System.out.printf("without snapshot (whole stream) | %.1f | %.1f | %.1f%n", without.millis(0.5),
                    without.millis(0.95), without.millis(1.0));
            System.out.printf("with snapshot | %.2f | %.2f | %.2f%n", with.millis(0.5), with.millis(0.95),
                    with.millis(1.0));
            System.out.printf("ratio without/with (p50): %.0fx; target < 20 ms with snapshot: %s%n",
                    without.millis(0.5) / with.millis(0.5), with.millis(0.95) < 20 ? "met (p95)" : "NOT met (p95)");
        }
    }

    /** A referred, assigned trajectory of {@code events} events (home visits), snapshotted along the way. */
    private static String longTrajectory(CommandGateway gateway, int events) {
        for (String coach : new String[] {COACH, OTHER_COACH}) {
            gateway.sendAndWait(new RegisterCoachCommand(coach, "Bench", "Noord", new BigDecimal("1.0"),
                    TODAY.minusYears(2)));
        }
        String id = UUID.randomUUID().toString();
        gateway.sendAndWait(new ReferFamilyCommand(id, TODAY.minusYears(1),
                new Family(null, "Familie Bench", "Escamp", "nl", false, MigrationGeneration.NONE),
                List.of(new Child("Kind", LocalDate.of(2016, 1, 1))), new Referrer("Arts", "JGZ"),
                Set.of(ReferralReason.CHILD_SAFETY), false));
        gateway.sendAndWait(new AssignCoachCommand(id, COACH, TODAY.minusYears(1).plusDays(7)));
        long start = System.nanoTime();
        // a third each: home visits (which the aggregate does not handle, so Axon never deserializes them),
        // goals (handled: a personal description to decrypt, state that grows) and reassignments (handled)
        for (int i = 2; i < events; i++) {
            switch (i % 3) {
                case 0 -> gateway.sendAndWait(new RecordHomeVisitCommand(id, UUID.randomUUID().toString(),
                        TODAY.minusDays(10), 60, false, "huisbezoek " + i, VisitLocation.HOME));
                case 1 -> gateway.sendAndWait(new SetGoalCommand(id, UUID.randomUUID().toString(), "doel " + i,
                        LifeDomain.values()[i % LifeDomain.values().length], TODAY.minusDays(10), List.of()));
                default -> gateway.sendAndWait(new AssignCoachCommand(id, (i / 3) % 2 == 0 ? OTHER_COACH : COACH,
                        TODAY.minusDays(10)));
            }
        }
        System.out.printf("Trajectory of %,d events recorded in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
        return id;
    }

    private static Latencies measure(Repository<Object> repository, Cache cache, String id, int loads,
                                     long expectedVersion, Runnable beforeEach) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < loads; i++) {
            beforeEach.run();
            cache.removeAll();
            // a command's unit of work, as the repository expects (the command itself is not handled)
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                    GenericCommandMessage.asCommandMessage("cold load"));
            long start = System.nanoTime();
            try {
                Aggregate<Object> aggregate = repository.load(id);
                latencies.add(System.nanoTime() - start);
                if (aggregate.version() != expectedVersion) {
                    throw new IllegalStateException("Loaded version " + aggregate.version() + ", expected "
                            + expectedVersion);
                }
            } finally {
                unitOfWork.rollback();
            }
        }
        return latencies;
    }

    private static byte[] snapshotRow(DataSource dataSource, String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = ?
                     ORDER BY sequence_number DESC LIMIT 1""")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : new byte[0];
            }
        }
    }

    private static void awaitSnapshot(DataSource dataSource, String id) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (snapshotRow(dataSource, id).length == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no snapshot stored within 30 s");
            }
            Thread.sleep(10);
        }
    }

    private static void execute(DataSource dataSource, String sql, String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }
}
