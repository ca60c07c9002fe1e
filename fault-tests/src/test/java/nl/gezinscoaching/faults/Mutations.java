package nl.gezinscoaching.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fuzzers' mutations and checks, shared by {@link FuzzIT} (the command API) and {@link QueryFuzzIT} (the query
 * API): odd JSON bodies, content types and idempotency keys for a POST; odd parameter values, ids and Accept
 * headers for a GET; what no answer may contain. Every text the fuzzers send carries the marker {@code PII-}.
 */
final class Mutations {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int POST_MUTATIONS = 14;
    /** The body mutation that is above the services' size limit: always a 413. */
    static final int OVERSIZED = 6;
    static final String[] CONTENT_TYPES = {"multipart/form-data", "multipart/form-data; boundary=x",
            "text/plain", "application/xml", "application/x-www-form-urlencoded", null, "application/octet-stream",
            "application/json; charset=ISO-8859-1", "application/problem+json", "*/*"};
    static final String[] BAD_DATES = {"2024-02-30", "yesterday", "", "9999-99-99", "+100000-01-01",
            "2024-1-1", "01-01-2024", "2024-01-01T10:00:00Z", "0000-00-00", "2024-W01-1"};
    /** Texts that no answer may contain: a stack trace, an exception, a class name. */
    private static final String[] INTERNALS = {"Exception", "\tat ", "org.springframework", "java.", "org.apache"};

    /** A POST as the fuzzer sends it. */
    record Post(int mutation, String contentType, byte[] body, String idempotencyKey) {
    }

    private Mutations() {
    }

    /**
     * One of {@link #POST_MUTATIONS} mutations of a valid body: valid, wrong type, null, missing field, unknown
     * field, huge string, body above the limit, deep nesting, invalid date, bad encoding, wrong content type,
     * truncated or random bytes, extreme numbers, odd idempotency key.
     */
    static Post post(Random random, Function<Random, ObjectNode> template) {
        int mutation = random.nextInt(POST_MUTATIONS);
        String contentType = "application/json";
        String key = random.nextInt(4) == 0 ? UUID.randomUUID().toString() : null;
        byte[] body;
        ObjectNode json = template.apply(random);
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
                body = random.nextBoolean() ? Arrays.copyOf(valid, random.nextInt(valid.length))
                        : randomBytes(random, 1 + random.nextInt(2_000));
            }
            case 12 -> body = bytes(setRandomField(random, json, Api.JSON.readTree(new String[] {"1e400",
                    "-1", "2147483648", "-9223372036854775809", "0.0000001", "1E10", "-0"}[random.nextInt(7)])));
            default -> {
                key = "PII-" + "k".repeat(100 + random.nextInt(200));
                body = bytes(json);
            }
        }
        return new Post(mutation, contentType, body, key);
    }

    /**
     * What an answer may not contain: internals always; a text the client sent (marked {@code PII-}) in a
     * refusal (a success names the ids it recorded, among them ids the client chose). Returns the offending
     * text, or null.
     */
    static String leak(Api.Answer answer) {
        for (String internal : INTERNALS) {
            if (answer.body().contains(internal)) {
                return internal;
            }
        }
        return answer.status() / 100 != 2 && answer.body().contains("PII-") ? "PII-" : null;
    }

    static ObjectNode setRandomField(Random random, ObjectNode json, JsonNode value) {
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

    static JsonNode wrongValue(Random random) {
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

    static byte[] deepNesting(Random random) {
        int depth = 500 + random.nextInt(5_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] badEncoding(Random random, ObjectNode json) {
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

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] bytes(JsonNode json) {
        return Api.JSON.writeValueAsBytes(json);
    }
}
