package nl.gezinscoaching.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fault 6 of issue 13 over the query API: a seeded fuzzer over every GET of the real query-service process (the
 * views with their filters and paging, their CSV, the history, the export, the admin pages) and its POSTs (the
 * dead-letter retries), on data recorded through a real command-service process. Mutations: parameters of the
 * wrong type, negative and huge numbers, invalid dates, unknown values, huge strings (some above Tomcat's request
 * line limit), odd and bad encodings (NUL, lone surrogate, invalid UTF-8), repeated and unknown parameters, odd
 * ids in the path (an encoded slash or NUL among them), wrong Accept headers, other users and no user; the POSTs
 * take {@link Mutations#post}'s bodies. Holds: no 5xx; every refusal a problem document; no stack trace, exception
 * or class name in any answer, no text sent (marked {@code PII-}) in a refusal (a problem's {@code instance} is the
 * request's path, as RFC 9457 has it: ids, never a text or a parameter value); a body above the limit is a 413;
 * the service still answers afterwards. {@code -Dfault.queryfuzz.requests} (1,000 in verify; the full run 10,000)
 * and {@code -Dfault.fuzz.seed} (13); a failure names the seed and the request's number.
 */
class QueryFuzzIT {

    private static final String COACH = "anna";

    enum Kind { DATE, PAGE, SIZE, MONTHS, TEXT, ID, OFFSET, LIMIT }

    /** A GET of the query API: who may read it, its parameters, the media types it produces. */
    record Get(String path, String user, Map<String, Kind> parameters, List<String> produces) {
    }

    private static final String[] ODD_VALUES = {"abc", "1.5", "-1", "0", "2147483648", "99999999999999999999",
            "-9223372036854775809", "1e3", "", "%20", "true", "null", "%5B%5D", "%7B%7D", "NaN", "0x10", "+5", "UNKNOWN_VALUE",
            "%ff", "%c3", "%c0%af", "%00", "%ed%a0%80", "%e2%80%ae", "PII-%3Cscript%3E", "PII-'%3B--", "%0d%0aX:PII-1"};
    private static final String[] ODD_IDS = {"6f1c2a0e-3b7d-4c55-9a8e-2d4f6b8c0a1e", "00000000-0000-0000-0000-000000000000", "not-a-uuid", "x".repeat(300),
            "%2e%2e%2f%2e%2e", "%00", "'%3B--", "a%2Fb", "%5C", "..", "%20", "i".repeat(40), "%ff%fe"};
    private static final String[] ODD_ACCEPTS = {"text/html", "application/xml", "*/*", "text/*", "application/json;q=0",
            "garbage", "", "text/csv, application/json", "application/x-ndjson", "image/png", "application/*",
            "application/problem+json", "text/csv;charset=ISO-8859-1"};
    private static final String[] USERS = {"admin", "mila", "ali", "anna", "sanne", "scraper", "nobody", null};

    @Test
    void noFuzzedQueryFailsTheServiceOrLeaksAndEveryRefusalIsAProblemDocument() throws Exception {
        int requests = Integer.getInteger("fault.queryfuzz.requests", 1000);
        long seed = Long.getLong("fault.fuzz.seed", 13);
        Random random = new Random(seed);
        EmbeddedPostgres postgres = EmbeddedDatabase.start(Files.createTempDirectory("fault-queryfuzz"), 0);
        String jdbcUrl = EmbeddedDatabase.jdbcUrl(postgres);
        try (ServiceProcess command = ServiceProcess.commandService(jdbcUrl, "queryfuzz-command");
             ServiceProcess query = ServiceProcess.queryService(jdbcUrl, "queryfuzz-query")) {
            command.start();
            // something to read: trajectories with visits, one closed, on the demo coach anna
            Api.registerCoach(command.baseUrl(), COACH);
            List<String> trajectories = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String t = Api.assignedTrajectory(command.baseUrl(), COACH);
                Api.post(command.baseUrl(), t + "/home-visits", """
                        {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false, "summary": "PII-tekst"}"""
                        .formatted(Api.TODAY.minusDays(20)));
                trajectories.add(t.substring(t.lastIndexOf('/') + 1));
            }
            Api.post(command.baseUrl(), "/api/trajectories/" + trajectories.get(0) + "/closure", """
                    {"closedOn": "%s", "reason": "FAMILY_IN_CONTROL", "clientSatisfaction": 8, "referrerSatisfaction": 7,
                     "closingLetterLanguage": "nl"}""".formatted(Api.TODAY.minusDays(5)));
            query.start();
            String base = query.baseUrl();
            // the projections have caught up: the coach's trajectories are in the caseload
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long listed = -1;
            while (listed < 4 && System.nanoTime() < deadline) {
                Api.Answer view = Api.get(base, "/api/caseload/trajectories?coachId=" + COACH, "mila",
                        "application/json", Duration.ofSeconds(10));
                listed = view.status() == 200 ? view.json().path("page").path("totalItems").asLong(-1) : -1;
                ServiceProcess.pause(200);
            }
            assertThat(listed).as("the views hold the trajectories before the fuzzing starts").isEqualTo(4);

            List<Get> gets = gets();
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            long oversized = 0;
            long posts = 0;
            for (int n = 0; n < requests; n++) {
                Api.Answer answer;
                String what;
                boolean tooLarge = false;
                try {
                    if (random.nextInt(10) == 0) {
                        // a POST: the dead-letter retries, with the command fuzzer's bodies
                        posts++;
                        String path = random.nextBoolean() ? "/api/admin/dead-letters/retry"
                                : "/api/admin/dead-letters/" + id(random, trajectories) + "/retry";
                        Mutations.Post post = Mutations.post(random, r -> (ObjectNode) Api.JSON.readTree("""
                                {"reason": "PII-reden", "trajectoryId": "%s"}""".formatted(trajectories.get(r.nextInt(5)))));
                        tooLarge = post.mutation() == Mutations.OVERSIZED;
                        oversized += tooLarge ? 1 : 0;
                        what = "#%d POST %s mutation %d".formatted(n, path, post.mutation());
                        answer = Api.post(base, path, post.contentType(), post.body(), post.idempotencyKey());
                    } else {
                        Get get = gets.get(random.nextInt(gets.size()));
                        String path = get.path().replace("{t}", id(random, trajectories)) + query(random, get);
                        String accept = random.nextInt(5) == 0 ? ODD_ACCEPTS[random.nextInt(ODD_ACCEPTS.length)]
                                : get.produces().get(random.nextInt(get.produces().size()));
                        String user = random.nextInt(10) == 0 ? USERS[random.nextInt(USERS.length)] : get.user();
                        what = "#%d GET %s as %s, Accept %s".formatted(n, abbreviated(path), user, accept);
                        answer = Api.get(base, path, user, accept.isEmpty() ? null : accept, Duration.ofSeconds(30));
                    }
                } catch (IOException e) {
                    failures.add("#%d: no answer (%s)".formatted(n, e));
                    continue;
                }
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() >= 500) {
                    failures.add("%s: %d %s".formatted(what, answer.status(), abbreviated(answer.body())));
                }
                if (answer.status() >= 400 && !answer.contentType().startsWith("application/problem+json")) {
                    failures.add("%s: refusal %d not a problem document: %s %s".formatted(what, answer.status(),
                            answer.contentType(), abbreviated(answer.body())));
                }
                // a path Tomcat refuses (an encoded slash, invalid UTF-8) is its 400 before the body is read
                boolean refusedPath = answer.status() == 400 && answer.body().contains("\"request-line\"");
                if (tooLarge && answer.status() != 413 && !refusedPath) {
                    failures.add("%s: a body above the limit answered %d".formatted(what, answer.status()));
                }
                String leak = Mutations.leak(answer);
                if (leak != null) {
                    failures.add("%s: answer contains '%s': %s".formatted(what, leak, abbreviated(answer.body())));
                }
            }

            Api.Answer afterwards = Api.get(base, "/api/caseload", "mila", "application/json", Duration.ofSeconds(10));
            String figures = ("query fuzzer: seed %d, %d requests (%d POSTs, %d bodies above the size limit), answers"
                    + " %s, %d failures%n").formatted(seed, requests, posts, oversized, statuses, failures.size());
            System.out.print(figures);
            Files.writeString(Path.of("target", "fault-figures.txt"), figures, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);

            assertThat(failures).as("seed " + seed).isEmpty();
            assertThat(afterwards.status()).as("the service still answers").isEqualTo(200);
            assertThat(query.health(Duration.ofSeconds(5))).as("and is healthy").isEqualTo(200);
        } finally {
            postgres.close();
        }
    }

    private static List<Get> gets() {
        List<String> views = List.of("application/json", "text/csv");
        List<String> json = List.of("application/json");
        Map<String, Kind> filters = params("asOf", Kind.DATE, "cluster", Kind.TEXT, "district", Kind.TEXT);
        Map<String, Kind> paging = params("page", Kind.PAGE, "size", Kind.SIZE);
        return List.of(
                new Get("/api/caseload", "mila", filters, views),
                new Get("/api/caseload/trend", "mila", merge(filters, params("months", Kind.MONTHS)), views),
                new Get("/api/caseload/trajectories", "mila", merge(filters, merge(paging, params("coachId", Kind.ID))), views),
                new Get("/api/waiting-list", "mila", merge(paging, params("cluster", Kind.TEXT, "district", Kind.TEXT,
                        "agency", Kind.TEXT)), views),
                new Get("/api/overruns", "mila", merge(paging, params("coachId", Kind.ID, "cluster", Kind.TEXT)), views),
                new Get("/api/quality-report", "mila", params("from", Kind.DATE, "to", Kind.DATE), views),
                new Get("/api/retention", "mila", merge(paging, params("asOf", Kind.DATE)), views),
                new Get("/api/analytics/durations", "ali", paging, views),
                new Get("/api/export/events", "ali", params("until", Kind.DATE), List.of("application/x-ndjson")),
                new Get("/api/trajectories/{t}/history", "mila", Map.of(), views),
                new Get("/api/families/{t}/reads", "mila", paging, views),
                new Get("/api/my-families", "anna", Map.of(), json),
                new Get("/api/admin/read-audit/verification", "admin", Map.of(), json),
                new Get("/api/admin/dead-letters", "admin", params("offset", Kind.OFFSET, "limit", Kind.LIMIT), json),
                new Get("/api/admin/rebuild", "admin", Map.of(), json));
    }

    /** Each parameter absent, valid or odd; sometimes repeated, sometimes an unknown one besides. */
    private static String query(Random random, Get get) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, Kind> parameter : get.parameters().entrySet()) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    // absent
                }
                case 1 -> pairs.add(parameter.getKey() + "=" + valid(random, parameter.getValue()));
                default -> pairs.add(parameter.getKey() + "=" + odd(random));
            }
            if (random.nextInt(20) == 0) {
                pairs.add(parameter.getKey() + "=" + odd(random));
            }
        }
        if (random.nextInt(10) == 0) {
            pairs.add("unknown" + random.nextInt(5) + "=PII-value");
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String valid(Random random, Kind kind) {
        return switch (kind) {
            case DATE -> Api.TODAY.minusDays(random.nextInt(400)).toString();
            case PAGE, OFFSET -> Integer.toString(random.nextInt(3));
            case SIZE, LIMIT -> Integer.toString(1 + random.nextInt(100));
            case MONTHS -> Integer.toString(1 + random.nextInt(36));
            case TEXT -> new String[] {"Noord", "Escamp", "GGZ"}[random.nextInt(3)];
            case ID -> COACH;
        };
    }

    private static String odd(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> encode(Mutations.BAD_DATES[random.nextInt(Mutations.BAD_DATES.length)]);
            // a huge text: some within Tomcat's 8 KB request line, some above it
            case 1 -> "PII-" + "h".repeat(random.nextBoolean() ? 300 + random.nextInt(3_000) : 9_000 + random.nextInt(6_000));
            default -> ODD_VALUES[random.nextInt(ODD_VALUES.length)];
        };
    }

    private static String id(Random random, List<String> trajectories) {
        return random.nextInt(3) == 0 ? ODD_IDS[random.nextInt(ODD_IDS.length)]
                : trajectories.get(random.nextInt(trajectories.size()));
    }

    private static Map<String, Kind> params(Object... nameAndKind) {
        Map<String, Kind> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameAndKind.length; i += 2) {
            parameters.put((String) nameAndKind[i], (Kind) nameAndKind[i + 1]);
        }
        return parameters;
    }

    private static Map<String, Kind> merge(Map<String, Kind> one, Map<String, Kind> other) {
        Map<String, Kind> merged = new LinkedHashMap<>(one);
        merged.putAll(other);
        return merged;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
