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
import java.sql.Statement;
import java.time.LocalDate;

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

    /**
     * The events up to the cut-off, folded into one state per trajectory. DuckDB reads the file into a table
     * in file order (its row ids are the global order) and does the fold as aggregates per trajectory, so
     * only one row per trajectory and per agency referral crosses into Java: "first" means first in global
     * order (the first coach, the first plan), "last" last (a closure or a handover recorded again counts
     * with its last date, a goal with its last evaluation).
     */
    Replay replay(LocalDate cutoff, Progress progress) throws SQLException {
        Replay replay = new Replay(cutoff);
        try (Connection duckdb = Duck.connect(); Statement sql = duckdb.createStatement()) {
            progress.phase("reading " + file.getFileName());
            try (PreparedStatement load = duckdb.prepareStatement("""
                    CREATE TEMP TABLE e AS
                    SELECT type, occurredOn AS day, trajectory, coach, data.family.district AS district,
                           data.family.language AS language, data.family.interpreterNeeded AS interpreter,
                           data.family.migrationGeneration AS generation, data.referrer.type AS referrer_type,
                           array_to_string(data.reasons, ';') AS reasons, data.cluster AS cluster,
                           data.durationMinutes AS minutes, data.agencyReferralId AS agency_referral,
                           data.agency AS agency, data.months AS months, data.goalId AS goal,
                           data.attainment AS attainment, data.reason AS reason,
                           data.clientSatisfaction AS satisfaction
                    FROM read_ndjson(?, columns = {type: 'VARCHAR', occurredOn: 'DATE', trajectory: 'VARCHAR',
                                                   coach: 'VARCHAR', data: '%s'})
                    WHERE type IS NOT NULL AND (occurredOn IS NULL OR occurredOn <= ?)""".formatted(DATA))) {
                load.setString(1, file.toString());
                load.setObject(2, cutoff);
                load.execute();
            }
            try (ResultSet count = sql.executeQuery("SELECT count(*) FROM e")) {
                count.next();
                replay.counted(count.getLong(1));
                progress.add(count.getLong(1));
            }
            progress.phase("folding " + String.format(java.util.Locale.ROOT, "%,d", replay.events()) + " events");
            try (ResultSet coaches = sql.executeQuery(
                    "SELECT coach, arg_max(cluster, rowid) FROM e WHERE type = 'CoachRegistered' GROUP BY coach")) {
                while (coaches.next()) {
                    replay.cluster(coaches.getString(1), coaches.getString(2));
                }
            }
            try (ResultSet rows = sql.executeQuery("""
                    SELECT trajectory,
                      arg_min(day, rowid) FILTER (type = 'FamilyReferred'),
                      arg_min(district, rowid) FILTER (type = 'FamilyReferred'),
                      arg_min(language, rowid) FILTER (type = 'FamilyReferred'),
                      arg_min(interpreter, rowid) FILTER (type = 'FamilyReferred'),
                      arg_min(generation, rowid) FILTER (type = 'FamilyReferred'),
                      arg_min(referrer_type, rowid) FILTER (type = 'FamilyReferred'),
                      arg_min(reasons, rowid) FILTER (type = 'FamilyReferred'),
                      arg_max(day, rowid) FILTER (type = 'ReferralDeclined'),
                      arg_min(day, rowid) FILTER (type = 'CoachAssigned'),
                      arg_min(coach, rowid) FILTER (type = 'CoachAssigned'),
                      min(day) FILTER (type = 'HomeVisitHeld'),
                      arg_min(day, rowid) FILTER (type = 'FamilyPlanAgreed'),
                      arg_max(day, rowid) FILTER (type = 'TrajectoryClosed'),
                      arg_max(reason, rowid) FILTER (type = 'TrajectoryClosed'),
                      arg_max(satisfaction, rowid) FILTER (type = 'TrajectoryClosed'),
                      arg_max(day, rowid) FILTER (type = 'AftercareEnded'),
                      count(*) FILTER (type = 'HomeVisitHeld'),
                      count(*) FILTER (type IN ('HomeVisitHeld', 'PhoneContactLogged', 'PracticalSupportGiven')),
                      coalesce(sum(minutes) FILTER (type IN ('HomeVisitHeld', 'PhoneContactLogged',
                                                             'PracticalSupportGiven')), 0),
                      count(*) FILTER (type = 'ExtensionGranted'),
                      coalesce(sum(months) FILTER (type = 'ExtensionGranted'), 0),
                      count(*) FILTER (type = 'GoalSet')
                    FROM e WHERE trajectory IS NOT NULL GROUP BY trajectory""")) {
                while (rows.next()) {
                    Replay.State s = replay.state(rows.getString(1));
                    s.referredOn = date(rows, 2);
                    s.district = rows.getString(3);
                    s.language = rows.getString(4);
                    s.interpreterNeeded = (Boolean) rows.getObject(5);
                    s.migrationGeneration = rows.getString(6);
                    s.referrerType = rows.getString(7);
                    s.reasons = rows.getString(8);
                    s.declinedOn = date(rows, 9);
                    s.assignedOn = date(rows, 10);
                    s.coach = rows.getString(11);
                    s.firstVisitOn = date(rows, 12);
                    s.planAgreedOn = date(rows, 13);
                    s.closedOn = date(rows, 14);
                    s.closureReason = rows.getString(15);
                    s.clientSatisfaction = (Integer) rows.getObject(16);
                    s.aftercareEndedOn = date(rows, 17);
                    s.homeVisits = rows.getInt(18);
                    s.contacts = rows.getInt(19);
                    s.contactMinutes = rows.getInt(20);
                    s.extensions = rows.getInt(21);
                    s.extensionMonths = rows.getInt(22);
                    s.goalsSet = rows.getInt(23);
                }
            }
            try (ResultSet goals = sql.executeQuery("""
                    SELECT trajectory, count(*) FILTER (attainment = 'FULLY'), count(*) FILTER (attainment = 'PARTLY')
                    FROM (SELECT trajectory, goal, arg_max(attainment, rowid) AS attainment FROM e
                          WHERE type = 'GoalEvaluated' GROUP BY trajectory, goal)
                    GROUP BY trajectory""")) {
                while (goals.next()) {
                    Replay.State s = replay.state(goals.getString(1));
                    s.goalsFully = goals.getInt(2);
                    s.goalsPartly = goals.getInt(3);
                }
            }
            try (ResultSet waits = sql.executeQuery("""
                    WITH referral AS (
                        SELECT trajectory, agency_referral, arg_max(agency, rowid) AS agency,
                               arg_max(day, rowid) AS referred_on, max(rowid) AS at
                        FROM e WHERE type = 'FamilyReferredToAgency' GROUP BY trajectory, agency_referral),
                    handover AS (
                        SELECT trajectory, agency_referral, arg_max(day, rowid) AS handed_over_on, max(rowid) AS at
                        FROM e WHERE type = 'WarmHandoverDone' GROUP BY trajectory, agency_referral)
                    SELECT r.trajectory, r.agency_referral, r.agency, r.referred_on,
                           CASE WHEN h.at > r.at THEN h.handed_over_on END
                    FROM referral r LEFT JOIN handover h
                      ON h.trajectory = r.trajectory AND h.agency_referral = r.agency_referral
                    ORDER BY r.at""")) {
                while (waits.next()) {
                    replay.state(waits.getString(1)).agencyWaits.put(waits.getString(2),
                            new Replay.AgencyWait(waits.getString(3), date(waits, 4), date(waits, 5)));
                }
            }
        }
        return replay;
    }

    private static LocalDate date(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, LocalDate.class);
    }
}
