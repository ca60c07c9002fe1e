package nl.gezinscoaching.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Writes an event export file line by line, in the shape {@code GET /api/export/events} gives it. */
final class GeneratedHistory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new ArrayList<>();

    GeneratedHistory(LocalDate until, String anonymisation) {
        ObjectNode export = JSON.createObjectNode();
        ObjectNode header = export.putObject("export");
        header.put("format", ExportFile.FORMAT);
        header.put("version", 1);
        header.put("until", until == null ? null : until.toString());
        header.put("asOf", until == null ? LocalDate.now().toString() : until.toString());
        header.put("anonymisation", anonymisation);
        header.put("k", 5);
        lines.add(export.toString());
    }

    /** An event line; {@code data} as JSON text. */
    GeneratedHistory event(String type, LocalDate day, String trajectory, String coach, String data) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", type);
        line.put("revision", "1");
        line.put("occurredOn", day.toString());
        line.put("recordedAt", day + "T10:00:00Z");
        line.put("trajectory", trajectory);
        line.put("coach", coach);
        try {
            line.set("data", JSON.readTree(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.add(line.toString());
        return this;
    }

    GeneratedHistory coach(String coach, String cluster) {
        return event("CoachRegistered", LocalDate.of(2020, 1, 1), null, coach,
                "{\"coachId\":\"" + coach + "\",\"cluster\":\"" + cluster + "\",\"fte\":1,\"registeredOn\":\"2020-01-01\"}");
    }

    GeneratedHistory referral(String trajectory, LocalDate day, String district, String language) {
        return event("FamilyReferred", day, trajectory, null, """
                {"receivedOn":"%s","family":{"district":"%s","language":"%s","interpreterNeeded":false,
                 "migrationGeneration":"NONE"},"childAgeBands":["4-11"],"referrer":{"type":"GP"},
                 "reasons":["CHILD_SAFETY"],"newHelpQuestion":false}""".formatted(day, district, language));
    }

    Path writeTo(Path file) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
