package nl.gezinscoaching.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * An event export file (NDJSON, as {@code GET /api/export/events} writes it), read by DuckDB: its first line
 * describes the export, every other line is one event, in global order.
 */
final class ExportFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FORMAT = "gezinscoaching-event-export";

    /**
     * What the export's first line says.
     *
     * @param until         the export's cut-off, null when it has all events
     * @param asOf          the day the export stands for: its cut-off, or the day it was made
     * @param anonymisation the rule the export applied
     */
    record Header(LocalDate until, LocalDate asOf, String anonymisation, int k) {
    }

    private final Path file;
    private final Header header;

    ExportFile(Path file) throws IOException {
        this.file = file;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            JsonNode export = first == null ? null : JSON.readTree(first).get("export");
            if (export == null || !FORMAT.equals(export.path("format").asText())) {
                throw new IllegalArgumentException(file + " is not an event export (its first line does not describe"
                        + " one): export it with deploy/export-events.sh or GET /api/export/events");
            }
            this.header = new Header(date(export.get("until")), date(export.get("asOf")),
                    export.path("anonymisation").asText(), export.path("k").asInt());
        }
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.asText());
    }

    Header header() {
        return header;
    }

    /** The parts of an event line's data that the study reads, as DuckDB types. */
    private static final String DATA = "STRUCT(family STRUCT(district VARCHAR, language VARCHAR,"
            + " interpreterNeeded BOOLEAN, migrationGeneration VARCHAR), referrer STRUCT(type VARCHAR),"
            + " reasons VARCHAR[], cluster VARCHAR, durationMinutes INTEGER, agencyReferralId VARCHAR,"
            + " agency VARCHAR, months INTEGER, goalId VARCHAR, attainment VARCHAR, reason VARCHAR,"
            + " clientSatisfaction INTEGER)";

    /** Hands every event to {@code sink}, in the file's order. */
    void forEach(Consumer<ExportEvent> sink) throws SQLException {
        try (Connection duckdb = Duck.connect();
             PreparedStatement lines = duckdb.prepareStatement("""
                     SELECT type, CAST(occurredOn - DATE '1970-01-01' AS INTEGER), trajectory, coach,
                            data.family.district, data.family.language, data.family.interpreterNeeded,
                            data.family.migrationGeneration, data.referrer.type, array_to_string(data.reasons, ';'),
                            data.cluster, data.durationMinutes, data.agencyReferralId, data.agency, data.months,
                            data.goalId, data.attainment, data.reason, data.clientSatisfaction
                     FROM read_ndjson(?, columns = {type: 'VARCHAR', occurredOn: 'DATE', trajectory: 'VARCHAR',
                                                    coach: 'VARCHAR', data: '%s'})
                     WHERE type IS NOT NULL""".formatted(DATA))) {
            lines.setString(1, file.toString());
            try (ResultSet rows = lines.executeQuery()) {
                while (rows.next()) {
                    int day = rows.getInt(2);
                    sink.accept(new ExportEvent(rows.getString(1), rows.wasNull() ? null : LocalDate.ofEpochDay(day),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                            (Boolean) rows.getObject(7), rows.getString(8), rows.getString(9), rows.getString(10),
                            rows.getString(11), (Integer) rows.getObject(12), rows.getString(13), rows.getString(14),
                            (Integer) rows.getObject(15), rows.getString(16), rows.getString(17), rows.getString(18),
                            (Integer) rows.getObject(19)));
                }
            }
        }
    }
}
