package nl.gezinscoaching.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Fault 6 of issue 13: a seeded fuzzer over every command endpoint of the real command-service process: wrong
 * types, nulls, missing and unknown fields, huge strings and bodies, deep nesting, invalid dates, bad encodings,
 * odd ids, wrong content types, odd idempotency keys (the mutations: {@link Mutations}). Holds: no 5xx; no stack trace or exception in any answer,
 * and no text sent (each carries the marker {@code PII-}) in any refusal (a success names the ids it recorded,
 * among them a coach id the client chose); every body above the limit is a 413; a path Tomcat refuses (an encoded slash or NUL) is a 400 problem document; every
 * event stored comes from an accepted request (2xx), none from a refused one; the service still answers
 * afterwards. {@code -Dfault.fuzz.requests} (1,500 in verify; the full run 10,000+) and {@code
 * -Dfault.fuzz.seed} (13) make a run reproducible; a failure names the seed and the request's number.
 */
class FuzzIT {

    private static final String COACH = "fuzz-coach";
    /** Paths Tomcat refuses before any application code (answered by {@code ProblemErrorReportValve}). */
    static final List<String> CONTAINER_REFUSED = List.of("%2e%2e%2f", "%00", "%2F", "%5C");

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
                    "/api/trajectories/%00", "/api/trajectories/'%3B--", "/api/trajectories/a%2Fb", "/api/trajectories/%5C"));
            List<Endpoint> endpoints = endpoints();
            long eventsBefore = events(postgres);

            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            long accepted = 0;
            long oversized = 0;
            for (int n = 0; n < requests; n++) {
                int number = n;
                Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
                String trajectory = trajectories.get(random.nextInt(trajectories.size()));
                String path = endpoint.path().replace("{t}", trajectory).replace("{id}", UUID.randomUUID().toString());
                Mutations.Post post = Mutations.post(random, r -> (ObjectNode) Api.JSON.readTree(endpoint.template()
                        .replace("{d}", Api.TODAY.minusDays(1 + r.nextInt(250)).toString())
                        .replace("{n}", Integer.toString(number))));
                int mutation = post.mutation();
                byte[] body = post.body();
                if (mutation == Mutations.OVERSIZED) {
                    oversized++;
                }
                Api.Answer answer;
                try {
                    answer = Api.post(base, path, post.contentType(), body, post.idempotencyKey());
                } catch (java.io.IOException e) {
                    failures.add("#%d %s mutation %d: no answer (%s)".formatted(n, endpoint.path(), mutation, e));
                    continue;
                }
                statuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() >= 500) {
                    failures.add("#%d %s mutation %d: %d %s".formatted(n, endpoint.path(), mutation, answer.status(),
                            answer.body()));
                }
                // a path the servlet container refuses (an encoded slash or NUL) is its 400 before any body is read:
                // a problem document like every other refusal
                boolean refusedByContainer = CONTAINER_REFUSED.stream().anyMatch(path::contains);
                if (refusedByContainer && (answer.status() != 400 || !answer.contentType().startsWith("application/problem+json"))) {
                    failures.add("#%d %s: refused path answered %d %s".formatted(n, path, answer.status(),
                            answer.contentType()));
                }
                if (mutation == Mutations.OVERSIZED && answer.status() != 413 && !refusedByContainer) {
                    failures.add("#%d %s: body of %d bytes answered %d, not 413: %s".formatted(n, path,
                            body.length, answer.status(), answer.body()));
                }
                String leak = Mutations.leak(answer);
                if (leak != null) {
                    String text = answer.body();
                    failures.add("#%d %s mutation %d: answer contains '%s': %s".formatted(n, endpoint.path(),
                            mutation, leak, text.length() > 300 ? text.substring(0, 300) : text));
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

    private static long events(EmbeddedPostgres postgres) throws Exception {
        return Api.count(postgres, "SELECT count(*) FROM domain_event_entry");
    }
}
