package nl.gezinscoaching.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import nl.gezinscoaching.platform.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fault 6 of issue 13: a seeded fuzzer over every command endpoint of the real command-service process: wrong
 * types, nulls, missing and unknown fields, huge strings and bodies, deep nesting, invalid dates, bad encodings,
 * odd ids, wrong content types, odd idempotency keys. Holds: no 5xx; no stack trace or exception in any answer,
 * and no text sent (each carries the marker {@code PII-}) in any refusal (a success names the ids it recorded,
 * among them a coach id the client chose); every body above the limit is a 413; every
 * event stored comes from an accepted request (2xx), none from a refused one; the service still answers
 * afterwards. {@code -Dfault.fuzz.requests} (1,500 in verify; the full run 10,000+) and {@code
 * -Dfault.fuzz.seed} (13) make a run reproducible; a failure names the seed and the request's number.
 */
class FuzzIT {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String COACH = "fuzz-coach";
    private static final String[] CONTENT_TYPES = {"multipart/form-data", "multipart/form-data; boundary=x",
            "text/plain", "application/xml", "application/x-www-form-urlencoded", null, "application/octet-stream",
            "application/json; charset=ISO-8859-1", "application/problem+json", "*/*"};
    private static final String[] BAD_DATES = {"2024-02-30", "yesterday", "", "9999-99-99", "+100000-01-01",
            "2024-1-1", "01-01-2024", "2024-01-01T10:00:00Z", "0000-00-00", "2024-W01-1"};

    private static final List<String> CONTAINER_REFUSED = List.of("%2e%2e%2f", "%00");

    record Endpoint(String path, String template) {
    }

    @Test
    void noFuzzedRequestFailsTheServiceOrLeaksAndRefusalsRecordNothing() throws Exception {
        int requests = Integer.getInteger("fault.fuzz.requests", 1500);
        long seed = Long.getLong("fault.fuzz.seed", 13);
        Random random = new Random(seed);
        EmbeddedPostgres postgres = EmbeddedDatabase.start(Files.createTempDirectory("fault-fuzz"), 0);
        try (ServiceProcess service = ServiceProcess.commandService(EmbeddedDatabase.jdbcUrl(postgres), "fuzz")) {
            service.start();
            String base = service.baseUrl();
            Api.registerCoach(base, COACH);
            List<String> trajectories = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                trajectories.add(Api.assignedTrajectory(base, COACH));
            }
            trajectories.addAll(List.of("/api/trajectories/" + UUID.randomUUID(), "/api/trajectories/not-a-uuid",
                    "/api/trajectories/%2e%2e%2f%2e%2e", "/api/trajectories/" + "x".repeat(300),
                    "/api/trajectories/%00", "/api/trajectories/'%3B--"));
            List<Endpoint> endpoints = endpoints();
            long eventsBefore = events(postgres);

            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            long accepted = 0;
            long oversized = 0;
            for (int n = 0; n < requests; n++) {
                Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
                String trajectory = trajectories.get(random.nextInt(trajectories.size()));
                String path = endpoint.path().replace("{t}", trajectory).replace("{id}", UUID.randomUUID().toString());
                int mutation = random.nextInt(14);
                String contentType = "application/json";
                String key = random.nextInt(4) == 0 ? UUID.randomUUID().toString() : null;
                byte[] body;
                ObjectNode json = (ObjectNode) Api.JSON.readTree(endpoint.template()
                        .replace("{d}", Api.TODAY.minusDays(1 + random.nextInt(250)).toString())
                        .replace("{n}", Integer.toString(n)));
                switch (mutation) {
                    case 0 -> body = bytes(json);
                    case 1 -> body = bytes(setRandomField(random, json, wrongValue(random)));
                    case 2 -> body = bytes(setRandomField(random, json, NODES.nullNode()));
                    case 3 -> {
                        List<String> names = new ArrayList<>(json.propertyNames());
                        json.remove(names.get(random.nextInt(names.size())));
                        body = bytes(json);
                    }
                    // the unknown field's name is named in the answer on purpose (a typo must be pointed out), its
                    // value never
                    case 4 -> body = bytes(json.put("unknownField" + random.nextInt(10), "PII-value"));
                    case 5 -> body = bytes(setRandomField(random, json,
                            NODES.stringNode("PII-" + "a".repeat(4_000 + random.nextInt(30_000)))));
                    case 6 -> {
                        body = bytes(setRandomField(random, json, NODES.stringNode("PII-" + "b".repeat(600_000))));
                        oversized++;
                    }
                    case 7 -> body = deepNesting(random);
                    case 8 -> body = bytes(setRandomField(random, json, NODES.stringNode(BAD_DATES[random.nextInt(BAD_DATES.length)])));
                    case 9 -> body = badEncoding(random, json);
                    case 10 -> {
                        contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                        body = bytes(json);
                    }
                    case 11 -> {
                        byte[] valid = bytes(json);
                        body = random.nextBoolean() ? java.util.Arrays.copyOf(valid, random.nextInt(valid.length))
                                : randomBytes(random, 1 + random.nextInt(2_000));
                    }
                    case 12 -> body = bytes(setRandomField(random, json, Api.JSON.readTree(new String[] {"1e400",
                            "-1", "2147483648", "-9223372036854775809", "0.0000001", "1E10", "-0"}[random.nextInt(7)])));
                    default -> {
                        key = "PII-" + "k".repeat(100 + random.nextInt(200));
                        body = bytes(json);
                    }
                }
                Api.Answer answer;
                try {
                    answer = Api.post(base, path, contentType, body, key);
                } catch (java.io.IOException e) {
                    failures.add("#%d %s mutation %d: no answer (%s)".formatted(n, endpoint.path(), mutation, e));
                    continue;
                }
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() >= 500) {
                    failures.add("#%d %s mutation %d: %d %s".formatted(n, endpoint.path(), mutation, answer.status(),
                            answer.body()));
                }
                // a path the servlet container refuses (an encoded slash or NUL) is its 400 before any body is read
                boolean refusedByContainer = answer.status() == 400 && CONTAINER_REFUSED.stream().anyMatch(path::contains);
                if (mutation == 6 && answer.status() != 413 && !refusedByContainer) {
                    failures.add("#%d %s: body of %d bytes answered %d, not 413: %s".formatted(n, path,
                            body.length, answer.status(), answer.body()));
                }
                String text = answer.body();
                for (String leak : new String[] {"Exception", "\tat ", "org.springframework", "java.", "PII-"}) {
                    // a success names the ids of what it recorded, a coach id the client chose included
                    boolean chosenId = leak.equals("PII-") && answer.status() / 100 == 2;
                    if (text.contains(leak) && !chosenId) {
                        failures.add("#%d %s mutation %d: answer contains '%s': %s".formatted(n, endpoint.path(),
                                mutation, leak, text.length() > 300 ? text.substring(0, 300) : text));
                    }
                }
                if (answer.status() / 100 == 2 && !answer.replayed()) {
                    accepted++;
                }
            }

            long stored = events(postgres) - eventsBefore;
            // a fresh trajectory: the fuzzer may have closed or declined the others
            String fresh = Api.assignedTrajectory(base, COACH);
            Api.Answer afterwards = Api.post(base, fresh + "/home-visits", """
                    {"visitedOn": "%s", "durationMinutes": 30, "interpreterUsed": false}""".formatted(Api.TODAY.minusDays(1)));
            String figures = ("fuzzer: seed %d, %d requests (%d above the size limit), answers %s, %d accepted, %d"
                    + " events stored, %d failures%n").formatted(seed, requests, oversized, statuses, accepted, stored,
                    failures.size());
            System.out.print(figures);
            Files.writeString(Path.of("target", "fault-figures.txt"), figures, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);

            assertThat(failures).as("seed " + seed).isEmpty();
            assertThat(stored).as("one event per accepted request, none from a refused one").isEqualTo(accepted);
            assertThat(afterwards.status()).as("the service still records").isEqualTo(201);
        } finally {
            postgres.close();
        }
    }

    private static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("/api/coaches", """
                        {"coachId": "fz-{n}", "name": "PII-Coach", "cluster": "Noord", "fte": 1.0}"""),
                new Endpoint("/api/referrals", Api.referral("PII-{n}")),
                new Endpoint("{t}/decline", """
                        {"declinedOn": "{d}", "reason": "PII-reden"}"""),
                new Endpoint("{t}/assignment", """
                        {"coachId": "fuzz-coach", "assignedOn": "{d}"}"""),
                new Endpoint("{t}/home-visits", """
                        {"visitedOn": "{d}", "durationMinutes": 45, "interpreterUsed": false, "summary": "PII-tekst"}"""),
                new Endpoint("{t}/phone-contacts", """
                        {"contactedOn": "{d}", "durationMinutes": 10, "summary": "PII-tekst"}"""),
                new Endpoint("{t}/problem-inventory", """
                        {"inventoriedOn": "{d}", "problemDomains": ["HOUSING", "FINANCES"], "notes": "PII-notitie"}"""),
                new Endpoint("{t}/goals", """
                        {"description": "PII-doel", "lifeDomain": "HOUSING", "setOn": "{d}"}"""),
                new Endpoint("{t}/goals/{id}/evaluation", """
                        {"attainment": "PARTLY_ACHIEVED", "evaluatedOn": "{d}"}"""),
                new Endpoint("{t}/family-plan", """
                        {"agreedOn": "{d}", "cosigningAgencies": ["PII-GGZ"]}"""),
                new Endpoint("{t}/agency-referrals", """
                        {"agency": "PII-GGZ", "referredOn": "{d}"}"""),
                new Endpoint("{t}/agency-referrals/{id}/warm-handover", """
                        {"handedOverOn": "{d}"}"""),
                new Endpoint("{t}/coordination-meetings", """
                        {"heldOn": "{d}", "agencies": ["PII-GGZ"], "parentsPresent": true, "notes": "PII-notitie"}"""),
                new Endpoint("{t}/extensions", """
                        {"grantedOn": "{d}", "months": 3, "reason": "PII-reden"}"""),
                new Endpoint("{t}/closure", """
                        {"closedOn": "{d}", "reason": "FAMILY_IN_CONTROL", "clientSatisfaction": 8,
                         "referrerSatisfaction": 7, "closingLetterLanguage": "nl"}"""),
                new Endpoint("{t}/aftercare-calls", """
                        {"calledOn": "{d}", "wellbeing": "STABLE", "notes": "PII-notitie"}"""),
                new Endpoint("{t}/aftercare-end", """
                        {"endedOn": "{d}"}"""));
    }

    private static ObjectNode setRandomField(Random random, ObjectNode json, JsonNode value) {
        List<String> names = new ArrayList<>(json.propertyNames());
        String name = names.get(random.nextInt(names.size()));
        JsonNode current = json.get(name);
        if (current instanceof ObjectNode nested && random.nextBoolean()) {
            setRandomField(random, nested, value);
        } else if (current instanceof ArrayNode list && !list.isEmpty() && random.nextBoolean()) {
            list.set(random.nextInt(list.size()), value);
        } else {
            json.set(name, value);
        }
        return json;
    }

    private static JsonNode wrongValue(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.numberNode(42);
            case 1 -> NODES.numberNode(4.5);
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.arrayNode().add("PII-x");
            case 4 -> NODES.objectNode().put("name", "PII-x");
            case 5 -> NODES.stringNode("PII-42");
            case 6 -> NODES.numberNode(0);
            case 7 -> NODES.arrayNode();
            default -> NODES.stringNode("");
        };
    }

    private static byte[] deepNesting(Random random) {
        int depth = 500 + random.nextInt(5_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] badEncoding(Random random, ObjectNode json) {
        String marked = Api.JSON.writeValueAsString(setRandomField(random, json, NODES.stringNode("@@BAD@@")));
        int at = marked.indexOf("@@BAD@@");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(marked.substring(0, at).getBytes(StandardCharsets.UTF_8));
        byte[][] invalid = {{(byte) 0xff, (byte) 0xfe}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {0x00}, "\\u0000".getBytes(),
                "\\ud800".getBytes()};
        out.writeBytes(invalid[random.nextInt(invalid.length)]);
        out.writeBytes(marked.substring(at + 7).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(JsonNode json) {
        return Api.JSON.writeValueAsBytes(json);
    }

    private static long events(EmbeddedPostgres postgres) throws Exception {
        return Api.count(postgres, "SELECT count(*) FROM domain_event_entry");
    }
}
