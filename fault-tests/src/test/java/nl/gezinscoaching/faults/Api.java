package nl.gezinscoaching.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command API as a client sees it, and the event store as an auditor reads it. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    // HTTP/1.1 as the services speak it (the JDK client otherwise offers an h2c upgrade on each new connection)
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    record Answer(int status, String contentType, String body, boolean replayed) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Api() {
    }

    static Answer post(String baseUrl, String path, String contentType, byte[] body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", ADMIN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().firstValue("Idempotent-Replayed").isPresent());
    }

    /** A GET as the given demo user (the local profile's users: admin, mila, ali, scraper, ...), or none (null). */
    static Answer get(String baseUrl, String path, String user, String accept, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET();
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), false);
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** The sum of a counter over its labels, from the service's Prometheus page. */
    static double counter(String baseUrl, String prometheusName) throws IOException, InterruptedException {
        Answer page = get(baseUrl, "/actuator/prometheus", "scraper", null, Duration.ofSeconds(10));
        double sum = 0;
        for (String line : page.body().split("\n")) {
            if (line.startsWith(prometheusName + "{") || line.startsWith(prometheusName + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static Answer post(String baseUrl, String path, String json) throws IOException, InterruptedException {
        return post(baseUrl, path, "application/json", json.getBytes(StandardCharsets.UTF_8), null);
    }

    static void registerCoach(String baseUrl, String coachId) throws IOException, InterruptedException {
        Answer answer = post(baseUrl, "/api/coaches", """
                {"coachId": "%s", "name": "Coach %s", "cluster": "Noord", "fte": 1.0}""".formatted(coachId, coachId));
        if (answer.status() != 201 && answer.status() != 409) {
            throw new IllegalStateException("Coach not registered: " + answer);
        }
    }

    static String referral(String reference) {
        return """
                {"family": {"reference": "%s", "name": "Familie PII-Bakker", "district": "Escamp", "language": "nl",
                            "interpreterNeeded": false, "migrationGeneration": "NONE"},
                 "children": [{"name": "PII-Sem", "birthDate": "2014-02-11"}],
                 "referrer": {"name": "PII-Jansen", "organisation": "School"},
                 "reasons": ["NOT_REACHING_HELP"], "receivedOn": "%s", "newHelpQuestion": false}"""
                .formatted(reference, TODAY.minusDays(300));
    }

    /** A referred trajectory with a coach assigned; its path. */
    static String assignedTrajectory(String baseUrl, String coachId) throws IOException, InterruptedException {
        Answer referred = post(baseUrl, "/api/referrals", referral(UUID.randomUUID().toString().substring(0, 20)));
        if (referred.status() != 201) {
            throw new IllegalStateException("Referral refused: " + referred);
        }
        String path = "/api/trajectories/" + referred.json().get("trajectoryId").asString();
        Answer assigned = post(baseUrl, path + "/assignment", """
                {"coachId": "%s", "assignedOn": "%s"}""".formatted(coachId, TODAY.minusDays(290)));
        if (assigned.status() != 200) {
            throw new IllegalStateException("Assignment refused: " + assigned);
        }
        return path;
    }

    static long count(EmbeddedPostgres postgres, String sql, String... parameters) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static List<String> strings(EmbeddedPostgres postgres, String sql, String... parameters) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** A home visit of {@code ago} days ago. */
    static String visit(int ago) {
        return """
                {"visitedOn": "%s", "durationMinutes": 45, "interpreterUsed": false}""".formatted(TODAY.minusDays(ago));
    }

    /** A closure of {@code ago} days ago. */
    static String closure(int ago) {
        return """
                {"closedOn": "%s", "reason": "FAMILY_IN_CONTROL", "clientSatisfaction": 8, "referrerSatisfaction": 7,
                 "closingLetterLanguage": "nl"}""".formatted(TODAY.minusDays(ago));
    }
}
