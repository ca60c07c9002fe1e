package nl.gezinscoaching.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import com.zaxxer.hikari.HikariDataSource;
import nl.gezinscoaching.command.CommandServiceApplication;
import nl.gezinscoaching.platform.crypto.MasterKeys;
import nl.gezinscoaching.query.QueryServiceApplication;
import nl.gezinscoaching.query.replay.ReadModelRebuild;
import nl.gezinscoaching.query.replay.RebuildStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The pages people use most (issue 11), at scale: {@code -Dbench.trajectories=100000} generated trajectories of
 * about 66 events each ({@link EventGenerator}, as the replay benchmark writes them; the read models rebuilt from
 * them), plus a coach (anna) with {@code -Dbench.ownFamilies=20} families made through the command API, one of
 * them with 300 events. Both services run in this JVM (their own configuration), the web as its executable jar
 * in a process of its own, signed in through its local identity provider as a browser would be.
 * <p>
 * For each page, {@code -Dbench.users=20} concurrent users (each with its own session), each sending its next
 * request when the last one answered (or after a pause of {@code -Dbench.thinkMillis} on average), for
 * {@code -Dbench.warmup=10} then {@code -Dbench.seconds=20} seconds: {@code /} (anna), the 300-event family's page
 * (anna), {@code /dashboard} (mila, a manager) and the home-visit form's post (bram, to his own families; the
 * redirect it answers is not followed). Against each, in the same
 * run, the same request straight to the underlying API with HTTP Basic: {@code /api/my-families}, the history,
 * each view the dashboard reads (caseload, its trend, overruns, waiting list, quality report) and
 * {@code POST /api/trajectories/{id}/home-visits}. Latency is measured at the client on the same machine (loopback):
 * the server's time plus the loopback round trip. The machine's load average is printed per phase.
 */
final class PagesBenchmark {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private PagesBenchmark() {
    }

    record Result(String name, long requests, double perSecond, double p50, double p95, double p99, long errors) {
    }

    /** One kind of request: how a virtual user sends it, and whether the answer is the expected one. */
    interface Target {
        HttpResponse<String> send(User user) throws IOException, InterruptedException;
    }

    /** A signed-in person: a session of the web (cookies), and the same person's Basic credentials for the API. */
    record User(String name, HttpClient following, HttpClient notFollowing, String basic, String csrf) {
    }

    static void run() throws Exception {
        int trajectories = Integer.getInteger("bench.trajectories", 100_000);
        int ownFamilies = Integer.getInteger("bench.ownFamilies", 20);
        int users = Integer.getInteger("bench.users", 20);
        int warmup = Integer.getInteger("bench.warmup", 10);
        int seconds = Integer.getInteger("bench.seconds", 20);
        Path webJar = Path.of(System.getProperty("bench.webJar", "web/target/web-0.1.0-SNAPSHOT-exec.jar"));
        if (!Files.isRegularFile(webJar)) {
            throw new IllegalStateException("The web's executable jar is missing: " + webJar
                    + " (./mvnw -q -B -pl bench,web -am package -DskipTests)");
        }
        System.out.printf("%n== Pages vs API: %,d generated trajectories, %d users, %d s per target after %d s warm-up ==%n",
                trajectories, users, seconds, warmup);
        int webPort = freePort();
        String webUrl = "http://localhost:" + webPort;
        // -Dbench.dataDir=DIR keeps the database between runs: generated once, measured as often as needed
        String dataDir = System.getProperty("bench.dataDir", "").strip();
        Path data = dataDir.isEmpty() ? null : Path.of(dataDir);
        try (BenchDatabase database = new BenchDatabase(data)) {
            String[] services = database.serviceArguments(
                    "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + webUrl);
            try (ConfigurableApplicationContext command = CommandServiceApplication.application().run(services);
                 HikariDataSource pool = database.pool(2)) {
                System.out.println(BenchDatabase.describe(pool));
                System.out.println("Service arguments: " + database.serviceArgumentsForDisplay());
                String commandUrl = "http://localhost:" + command.getEnvironment().getProperty("local.server.port");
                long stored = events(pool);
                if (stored == 0) {
                    generate(command, pool, trajectories);
                } else {
                    System.out.printf("the database in %s already holds %,d events: not generated again%n", data, stored);
                }
                long queryStart = System.nanoTime();
                try (ConfigurableApplicationContext query = new SpringApplicationBuilder(QueryServiceApplication.class)
                        .run(services)) {
                    String queryUrl = "http://localhost:" + query.getEnvironment().getProperty("local.server.port");
                    awaitHead(query, queryStart);
                    Families families = ownFamilies(commandUrl, ownFamilies, data);
                    awaitProjected(queryUrl, families);
                    try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
                        statement.execute("VACUUM ANALYZE");
                    }
                    printTableSizes(pool);

                    Process web = startWeb(webJar, webPort, commandUrl, queryUrl);
                    try {
                        awaitHealthy(webUrl + "/actuator/health", web);
                        measureAll(webUrl, commandUrl, queryUrl, families, users, warmup, seconds);
                    } finally {
                        web.destroy();
                        if (!web.waitFor(30, TimeUnit.SECONDS)) {
                            web.destroyForcibly();
                        }
                    }
                }
            }
        }
    }

    private static long events(HikariDataSource pool) throws Exception {
        try (var connection = pool.getConnection(); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Writes the generated history before the query service starts (writing it while the projections follow
     * halves the write rate on two cores); the query service then projects it as it would catch up.
     */
    private static void generate(ConfigurableApplicationContext command, HikariDataSource pool, int trajectories)
            throws Exception {
        long start = System.nanoTime();
        long events = new EventGenerator().write(pool, command.getBean(MasterKeys.class),
                (long) trajectories * EventGenerator.EVENTS_PER_TRAJECTORY);
        System.out.printf("generated %,d events (%,d trajectories) in %.1f s%n", events,
                (events - EventGenerator.COACHES) / EventGenerator.EVENTS_PER_TRAJECTORY, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Waits until no rebuild is pending or running (a migration may have requested one: V186) and every read model
     * has reached the head of the event store.
     */
    private static void awaitHead(ConfigurableApplicationContext query, long start) throws Exception {
        long head = query.getBean(EventStore.class).createHeadToken().position().orElse(0);
        EventProcessingConfiguration processing = query.getBean(EventProcessingConfiguration.class);
        ReadModelRebuild rebuild = query.getBean(ReadModelRebuild.class);
        long lastPrint = 0;
        while (true) {
            RebuildStatus rebuilding = rebuild.status();
            if ("RUNNING".equals(rebuilding.state())) {
                if (System.nanoTime() - lastPrint > 30_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.out.printf("  a rebuild is running (generation %d): %,d of %,d events%n", rebuilding.generation(),
                            rebuilding.eventsDone(), rebuilding.eventsTotal());
                }
                Thread.sleep(1000);
                continue;
            }
            long behind = 0;
            for (EventProcessor processor : processing.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming) {
                    long position = streaming.processingStatus().values().stream()
                            .mapToLong(status -> status.getCurrentPosition().orElse(0)).min().orElse(0);
                    behind = Math.max(behind, head - position);
                }
            }
            if (behind <= 0) {
                break;
            }
            Thread.sleep(1000);
        }
        System.out.printf("read models at the head (%,d) %.1f s after the query service started%n", head,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * anna's families (the one with 300 events and the others on her list), and bram's, which the home-visit posts
     * go to: posts to anna's own families made each kept database's list heavier run after run (3,600 visits per
     * family after three runs).
     */
    record Families(String big, List<String> others, List<String> posted) {
    }

    /** anna's families, through the command API as a coach's would be: one with 300 events, the others small. */
    private static Families ownFamilies(String commandUrl, int count, Path data) throws Exception {
        Path saved = data == null ? null : data.resolve("bench-families.txt");
        if (saved != null && Files.isRegularFile(saved)) {
            List<String> ids = Files.readAllLines(saved);
            System.out.printf("anna: %d families of an earlier run, %s with 300 events%n", ids.size(), ids.get(0));
            return new Families(ids.get(0), ids.subList(1, ids.size()), postedFamilies(commandUrl, data));
        }
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = coachWithFamilies(http, commandUrl, "anna", "Noord", "Escamp", count, 200, 150);
        String big = ids.get(0);
        // referral and assignment, then 298 home visits: a family's page of 300 events
        String anna = basic("anna");
        for (int v = 0; v < 298; v++) {
            post(http, commandUrl + "/api/trajectories/" + big + "/home-visits", anna, """
                    {"visitedOn": "%s", "durationMinutes": 60, "interpreterUsed": false,
                     "summary": "Huisbezoek %d: gesprek met de ouders over de afspraken van het gezinsplan"}"""
                    .formatted(TODAY.minusDays(149 - v / 2), v));
        }
        System.out.printf("anna: %d families through the command API, %s with 300 events%n", count, big);
        if (saved != null) {
            Files.write(saved, ids);
        }
        return new Families(big, ids.subList(1, ids.size()), postedFamilies(commandUrl, data));
    }

    /** Registers the coach and refers and assigns {@code count} families to them; returns the families' ids. */
    private static List<String> coachWithFamilies(HttpClient http, String commandUrl, String coach, String cluster,
                                                  String district, int count, int receivedDaysAgo, int assignedDaysAgo)
            throws Exception {
        String admin = basic("admin");
        post(http, commandUrl + "/api/coaches", admin, """
                {"coachId": "%s", "name": "%s", "cluster": "%s", "fte": 1.0, "registeredOn": "2020-01-01"}"""
                .formatted(coach, coach, cluster));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = post(http, commandUrl + "/api/referrals", admin, """
                    {"family": {"name": "Familie Bench %d", "district": "%s", "language": "nl",
                                "interpreterNeeded": false, "migrationGeneration": "NONE"},
                     "children": [{"name": "Kind", "birthDate": "2016-04-04"}],
                     "referrer": {"name": "Jeugdarts", "organisation": "JGZ"},
                     "reasons": ["CHILD_SAFETY"], "receivedOn": "%s"}""".formatted(i, district,
                    TODAY.minusDays(receivedDaysAgo)));
            String id = body.replaceAll(".*\"trajectoryId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            post(http, commandUrl + "/api/trajectories/" + id + "/assignment", admin,
                    "{\"coachId\": \"%s\", \"assignedOn\": \"%s\"}".formatted(coach,
                            TODAY.minusDays(assignedDaysAgo - Math.min(i, assignedDaysAgo - 1))));
            ids.add(id);
        }
        return ids;
    }

    /** bram's five families (cluster Zuid), made once per database: the home-visit posts go there. */
    private static List<String> postedFamilies(String commandUrl, Path data) throws Exception {
        Path saved = data == null ? null : data.resolve("bench-posted-families.txt");
        if (saved != null && Files.isRegularFile(saved)) {
            return Files.readAllLines(saved);
        }
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = coachWithFamilies(http, commandUrl, "bram", "Zuid", "Laak", 5, 100, 90);
        if (saved != null) {
            Files.write(saved, ids);
        }
        return ids;
    }

    private static void awaitProjected(String queryUrl, Families families) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            HttpResponse<String> mine = get(http, queryUrl + "/api/my-families", basic("anna"));
            if (mine.statusCode() == 200 && families.others().stream().allMatch(mine.body()::contains)
                    && mine.body().contains(families.big())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("anna's families not in the views within 5 minutes");
            }
            Thread.sleep(200);
        }
    }

    private static void printTableSizes(HikariDataSource pool) throws Exception {
        try (var connection = pool.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT relname, n_live_tup FROM pg_stat_user_tables
                     WHERE relname LIKE 'rm\\_%' OR relname IN ('domain_event_entry', 'read_audit')
                     ORDER BY n_live_tup DESC""")) {
            List<String> sizes = new ArrayList<>();
            while (rows.next()) {
                sizes.add("%s %,d".formatted(rows.getString(1), rows.getLong(2)));
            }
            System.out.println("rows: " + String.join(", ", sizes));
        }
    }

    private static Process startWeb(Path jar, int port, String commandUrl, String queryUrl) throws IOException {
        Path log = Files.createTempFile("bench-web", ".log");
        System.out.println("web log: " + log);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        // -Dbench.webJvmArgs="-XX:StartFlightRecording=filename=web.jfr" profiles the web, for experiments
        String extra = System.getProperty("bench.webJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=local", "--server.port=" + port,
                "--platform.web.command-service-url=" + commandUrl, "--platform.web.query-service-url=" + queryUrl,
                "--logging.level.root=WARN"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitHealthy(String health, Process web) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!web.isAlive()) {
                throw new IllegalStateException("the web stopped at start-up");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(health)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the web was not healthy within 5 minutes");
    }

    private static void measureAll(String webUrl, String commandUrl, String queryUrl, Families families, int users,
                                   int warmup, int seconds) throws Exception {
        List<User> annas = new ArrayList<>();
        List<User> milas = new ArrayList<>();
        List<User> brams = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            annas.add(signIn(webUrl, "anna", families.big()));
            milas.add(signIn(webUrl, "mila", null));
            brams.add(signIn(webUrl, "bram", families.posted().get(0)));
        }
        String history = "/trajectories/" + families.big();
        String apiHistory = queryUrl + "/api/trajectories/" + families.big() + "/history";
        Map<String, Object[]> targets = new LinkedHashMap<>();
        // page, its users, and its API counterparts (name, target)
        targets.put("page GET /", new Object[] {annas, page(webUrl + "/", "Mijn gezinnen")});
        targets.put("api GET /api/my-families", new Object[] {annas, api(queryUrl + "/api/my-families")});
        targets.put("page GET /trajectories/{300 events}", new Object[] {annas, page(webUrl + history, "Tijdlijn")});
        targets.put("api GET /api/trajectories/{300 events}/history", new Object[] {annas, api(apiHistory)});
        targets.put("page GET /dashboard", new Object[] {milas, page(webUrl + "/dashboard", "Caseload per coach")});
        targets.put("api GET /api/caseload", new Object[] {milas, api(queryUrl + "/api/caseload")});
        targets.put("api GET /api/caseload/trend?months=12", new Object[] {milas, api(queryUrl + "/api/caseload/trend?months=12")});
        targets.put("api GET /api/overruns?size=10", new Object[] {milas, api(queryUrl + "/api/overruns?size=10")});
        targets.put("api GET /api/waiting-list?size=10", new Object[] {milas, api(queryUrl + "/api/waiting-list?size=10")});
        targets.put("api GET /api/quality-report", new Object[] {milas, api(queryUrl + "/api/quality-report")});
        targets.put("page POST /trajectories/{id}/home-visit", new Object[] {brams, homeVisitPage(webUrl, families.posted())});
        targets.put("api POST /api/trajectories/{id}/home-visits", new Object[] {brams, homeVisitApi(commandUrl, families.posted())});

        // -Dbench.targets="page GET /dashboard,api GET /api/caseload" measures only those (names as printed)
        String only = System.getProperty("bench.targets", "").strip();
        if (!only.isEmpty()) {
            List<String> names = List.of(only.split("\\s*,\\s*"));
            targets.keySet().removeIf(name -> !names.contains(name));
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Object[]> entry : targets.entrySet()) {
            @SuppressWarnings("unchecked")
            List<User> who = (List<User>) entry.getValue()[0];
            Target target = (Target) entry.getValue()[1];
            measure(entry.getKey(), who, target, warmup);
            Result result = measure(entry.getKey(), who, target, seconds);
            results.add(result);
            System.out.printf("%-50s %7.1f req/s  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  errors %d  load %s%n",
                    result.name(), result.perSecond(), result.p50(), result.p95(), result.p99(), result.errors(),
                    loadAverage());
        }
        System.out.println("\n| request | req/s | p50 | p95 | p99 | errors | target (p95) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Result r : results) {
            boolean page = r.name().startsWith("page");
            double goal = page ? 150 : 50;
            // the targets: every page, and every API view (a command is the post's comparison, no view)
            String target = !page && r.name().startsWith("api POST") ? "(a command, not a view)"
                    : "< %.0f ms: %s".formatted(goal, r.p95() < goal ? "met" : "MISSED");
            System.out.printf("| %s | %.1f | %.1f ms | %.1f ms | %.1f ms | %d | %s |%n", r.name(), r.perSecond(),
                    r.p50(), r.p95(), r.p99(), r.errors(), target);
        }
        System.out.println("\nPage p95 / its API's p95 (same run):");
        ratio(results, "page GET /", "api GET /api/my-families");
        ratio(results, "page GET /trajectories/{300 events}", "api GET /api/trajectories/{300 events}/history");
        ratio(results, "page GET /dashboard", "api GET /api/caseload");
        ratio(results, "page POST /trajectories/{id}/home-visit", "api POST /api/trajectories/{id}/home-visits");
        double dashboardApis = results.stream().filter(r -> r.name().startsWith("api GET /api/caseload")
                        || r.name().startsWith("api GET /api/overruns") || r.name().startsWith("api GET /api/waiting")
                        || r.name().startsWith("api GET /api/quality")).mapToDouble(Result::p50).sum();
        System.out.printf("the dashboard's six API reads (caseload twice only when filtered: here once), sum of p50s:"
                + " %.1f ms%n", dashboardApis);
    }

    private static void ratio(List<Result> results, String page, String api) {
        Result p = results.stream().filter(r -> r.name().equals(page)).findFirst().orElse(null);
        Result a = results.stream().filter(r -> r.name().equals(api)).findFirst().orElse(null);
        if (p == null || a == null) {
            return;
        }
        System.out.printf("  %s / %s: p50 %.2fx, p95 %.2fx%n", page, api, p.p50() / a.p50(), p.p95() / a.p95());
    }

    private static Target page(String url, String expected) {
        return user -> {
            HttpResponse<String> response = user.notFollowing().send(HttpRequest.newBuilder(URI.create(url))
                            .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains(expected) ? response : failed(response);
        };
    }

    private static Target api(String url) {
        return user -> get(user.notFollowing(), url, user.basic());
    }

    private static Target homeVisitPage(String webUrl, List<String> families) {
        return user -> {
            String family = families.get(ThreadLocalRandom.current().nextInt(families.size()));
            String form = form(Map.of("_csrf", user.csrf(), "idempotencyKey", UUID.randomUUID().toString(),
                    "visitedOn", TODAY.toString(), "durationMinutes", "45", "interpreterUsed", "false",
                    "summary", "Huisbezoek: voortgang van de doelen besproken"));
            HttpResponse<String> response = user.notFollowing().send(HttpRequest.newBuilder(
                            URI.create(webUrl + "/trajectories/" + family + "/home-visit"))
                    .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            // recorded: post/redirect/get to the family's page
            return response.statusCode() == 302 && response.headers().firstValue("Location").orElse("")
                    .endsWith("/trajectories/" + family) ? response : failed(response);
        };
    }

    private static Target homeVisitApi(String commandUrl, List<String> families) {
        return user -> {
            String family = families.get(ThreadLocalRandom.current().nextInt(families.size()));
            HttpResponse<String> response = user.notFollowing().send(HttpRequest.newBuilder(
                            URI.create(commandUrl + "/api/trajectories/" + family + "/home-visits"))
                    .header("Content-Type", "application/json").header("Authorization", user.basic())
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false,
                             "summary": "Huisbezoek: voortgang van de doelen besproken"}""".formatted(TODAY)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201 ? response : failed(response);
        };
    }

    private static HttpResponse<String> failed(HttpResponse<String> response) {
        return null;
    }

    /**
     * {@code -Dbench.thinkMillis}: each user's mean pause between an answer and their next request (0, the default:
     * back to back, the machine saturated; 1000: people reading each page for about a second).
     */
    private static final long THINK_MILLIS = Long.getLong("bench.thinkMillis", 0);

    private static Result measure(String name, List<User> users, Target target, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<Latencies>> work = new ArrayList<>();
        long[] errors = new long[users.size()];
        for (int u = 0; u < users.size(); u++) {
            User user = users.get(u);
            int index = u;
            work.add(pool.submit(() -> {
                Latencies latencies = new Latencies();
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    HttpResponse<String> response = target.send(user);
                    // an answer that is not the one asked for (a 404, a 403, a 5xx) is an error, not a latency
                    if (response != null && response.statusCode() < 400) {
                        latencies.add(System.nanoTime() - sent);
                    } else {
                        errors[index]++;
                    }
                    if (THINK_MILLIS > 0) {
                        // a person reads the page before the next click: a random pause around the mean
                        Thread.sleep(ThreadLocalRandom.current().nextLong(THINK_MILLIS / 2, THINK_MILLIS * 3 / 2 + 1));
                    }
                }
                return latencies;
            }));
        }
        List<Latencies> parts = new ArrayList<>();
        for (Future<Latencies> future : work) {
            parts.add(future.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Latencies all = Latencies.merge(parts);
        long errorCount = 0;
        for (long e : errors) {
            errorCount += e;
        }
        return new Result(name, all.count(), all.count() / elapsed, all.millis(0.50), all.millis(0.95), all.millis(0.99),
                errorCount);
    }

    /**
     * Signs in at the web's local identity provider as a browser does (the page, the provider's form with its
     * CSRF token, the code back to the web), in a cookie jar of its own; returns the session and, for posting
     * forms, the CSRF token of a family's page.
     */
    private static User signIn(String webUrl, String name, String family) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient following = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpClient notFollowing = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> login = following.send(HttpRequest.newBuilder(URI.create(webUrl + "/")).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> signedIn = following.send(HttpRequest.newBuilder(login.uri()).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", name, "password", name,
                        "_csrf", csrf(login.body()))))).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 200 || !signedIn.body().contains("Afmelden")) {
            throw new IllegalStateException(name + " could not sign in: " + signedIn.statusCode() + " at " + signedIn.uri());
        }
        String csrf = csrf(signedIn.body());
        if (family != null) {
            csrf = csrf(following.send(HttpRequest.newBuilder(URI.create(webUrl + "/trajectories/" + family))
                            .header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
        return new User(name, following, notFollowing, basic(name), csrf);
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in the page: "
                    + html.substring(0, Math.min(html.length(), 3000)));
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String post(HttpClient http, String url, String authorization, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> get(HttpClient http, String url, String authorization)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
