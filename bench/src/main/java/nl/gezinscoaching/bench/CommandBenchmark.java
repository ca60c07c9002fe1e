package nl.gezinscoaching.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.command.coach.RegisterCoachCommand;
import nl.gezinscoaching.command.trajectory.AssignCoachCommand;
import nl.gezinscoaching.command.trajectory.RecordHomeVisitCommand;
import nl.gezinscoaching.command.trajectory.ReferFamilyCommand;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Commands per second and latency through Axon's path (command gateway, aggregate, JDBC event store on
 * PostgreSQL, one transaction per command), for 1 and 8 clients on a trajectory each, against a plain
 * JDBC baseline: the same event rows inserted into a table like the event table, one transaction each.
 * The two paths alternate for {@code -Dbench.rounds=3} rounds of {@code -Dbench.commands=5000} commands
 * per client count, after a warm-up of {@code -Dbench.warmup=10000}; each figure is the median round,
 * so a checkpoint of PostgreSQL during one round does not decide the comparison.
 */
final class CommandBenchmark {

    private static final ObjectMapper JSON = AxonJdbcAutoConfiguration.storageObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam"));

    private CommandBenchmark() {
    }

    record Result(int clients, int commands, double perSecond, double p50, double p99) {
    }

    static void run() throws Exception {
        int commands = Integer.getInteger("bench.commands", 5000);
        int warmup = Integer.getInteger("bench.warmup", 10000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        System.out.println("\n== Command side: median of " + rounds + " rounds of " + commands
                + " commands, warm-up " + warmup + " ==");
        try (BenchDatabase database = new BenchDatabase();
             ConfigurableApplicationContext app = CommandServiceApplication.application()
                     .web(WebApplicationType.NONE).run(database.serviceArguments());
             HikariDataSource pool = database.pool(8)) {
            CommandGateway gateway = app.getBean(CommandGateway.class);
            gateway.sendAndWait(new RegisterCoachCommand("bench-coach", "Bench", "Noord", new BigDecimal("1.2"),
                    TODAY.minusYears(1)));
            createBaselineTable(pool);

            List<Result> axon = new ArrayList<>();
            List<Result> jdbc = new ArrayList<>();
            for (int clients : new int[] {1, 8}) {
                List<String> trajectories = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    trajectories.add(openTrajectory(gateway));
                }
                measureAxon(gateway, trajectories, warmup / clients);
                measureJdbc(pool, clients, warmup / clients);
                List<Result> axonRounds = new ArrayList<>();
                List<Result> jdbcRounds = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    axonRounds.add(measureAxon(gateway, trajectories, commands / clients));
                    jdbcRounds.add(measureJdbc(pool, clients, commands / clients));
                }
                axon.add(median(axonRounds));
                jdbc.add(median(jdbcRounds));
            }
            System.out.println("clients | Axon cmds/s | Axon p50 ms | Axon p99 ms | JDBC rows/s | JDBC p50 ms | JDBC p99 ms | Axon/JDBC");
            for (int i = 0; i < axon.size(); i++) {
                Result a = axon.get(i);
                Result j = jdbc.get(i);
                System.out.printf("%7d | %11.0f | %11.2f | %11.2f | %11.0f | %11.2f | %11.2f | %8.0f%%%n", a.clients(),
                        a.perSecond(), a.p50(), a.p99(), j.perSecond(), j.p50(), j.p99(), 100 * a.perSecond() / j.perSecond());
            }
            Result single = axon.get(0);
            boolean ratios = true;
            for (int i = 0; i < axon.size(); i++) {
                ratios &= axon.get(i).perSecond() >= 0.4 * jdbc.get(i).perSecond();
            }
            System.out.printf("Target: Axon >= 40%% of baseline: %s; p99 < 20 ms for one client: %s (%.2f ms)%n",
                    ratios ? "MET" : "MISSED", single.p99() < 20 ? "MET" : "MISSED", single.p99());
        }
    }

    private static Result median(List<Result> rounds) {
        List<Result> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Result::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static String openTrajectory(CommandGateway gateway) {
        String id = UUID.randomUUID().toString();
        gateway.sendAndWait(new ReferFamilyCommand(id, TODAY.minusDays(200),
                new Family(null, "Familie Bench", "Escamp", "nl", false, MigrationGeneration.NONE),
                List.of(new Child("Kind", LocalDate.of(2016, 1, 1))), new Referrer("Arts", "JGZ"),
                Set.of(ReferralReason.CHILD_SAFETY), false));
        gateway.sendAndWait(new AssignCoachCommand(id, "bench-coach", TODAY.minusDays(190)));
        return id;
    }

    private static Result measureAxon(CommandGateway gateway, List<String> trajectories, int perClient) throws Exception {
        return measure(trajectories.size(), perClient, client -> () -> {
            Latencies latencies = new Latencies();
            String trajectory = trajectories.get(client);
            for (int i = 0; i < perClient; i++) {
                long start = System.nanoTime();
                gateway.sendAndWait(new RecordHomeVisitCommand(trajectory, UUID.randomUUID().toString(),
                        TODAY.minusDays(10), 60, false, "huisbezoek"));
                latencies.add(System.nanoTime() - start);
            }
            return latencies;
        });
    }

    private static Result measureJdbc(HikariDataSource pool, int clients, int perClient) throws Exception {
        return measure(clients, perClient, client -> () -> {
            Latencies latencies = new Latencies();
            String aggregate = UUID.randomUUID().toString();
            byte[] metaData = "{\"recordedBy\":\"bench\",\"traceId\":\"x\",\"correlationId\":\"y\"}"
                    .getBytes(StandardCharsets.UTF_8);
            try (Connection connection = pool.getConnection();
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO bench_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                             time_stamp, payload_type, payload_revision, payload, meta_data)
                         VALUES (?, ?, ?, 'Trajectory', ?, ?, '1', ?, ?)""")) {
                connection.setAutoCommit(false);
                for (int i = 0; i < perClient; i++) {
                    long start = System.nanoTime();
                    String eventId = UUID.randomUUID().toString();
                    HomeVisitHeld event = new HomeVisitHeld(aggregate, UUID.randomUUID().toString(), TODAY.minusDays(10),
                            60, false, "huisbezoek");
                    insert.setString(1, eventId);
                    insert.setString(2, aggregate);
                    insert.setLong(3, i);
                    insert.setString(4, Instant.now().toString());
                    insert.setString(5, HomeVisitHeld.class.getName());
                    insert.setBytes(6, JSON.writeValueAsBytes(event));
                    insert.setBytes(7, metaData);
                    insert.executeUpdate();
                    connection.commit();
                    latencies.add(System.nanoTime() - start);
                }
            }
            return latencies;
        });
    }

    interface ClientWork {
        Callable<Latencies> forClient(int client);
    }

    private static Result measure(int clients, int perClient, ClientWork work) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Latencies>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                futures.add(executor.submit(work.forClient(c)));
            }
            List<Latencies> parts = new ArrayList<>();
            for (Future<Latencies> future : futures) {
                parts.add(future.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Latencies all = Latencies.merge(parts);
            return new Result(clients, all.count(), all.count() / seconds, all.millis(0.50), all.millis(0.99));
        } finally {
            executor.shutdownNow();
        }
    }

    private static void createBaselineTable(HikariDataSource pool) throws Exception {
        try (Connection connection = pool.getConnection(); var statement = connection.createStatement()) {
            // the event table's own definition: columns, keys, indexes and the global index's sequence
            statement.execute("CREATE TABLE bench_event_entry (LIKE domain_event_entry INCLUDING ALL)");
        }
    }
}
