package nl.gezinscoaching.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import nl.gezinscoaching.events.aftercare.AftercareCallLogged;
import nl.gezinscoaching.events.aftercare.AftercareEnded;
import nl.gezinscoaching.events.aftercare.Wellbeing;
import nl.gezinscoaching.events.agency.FamilyReferredToAgency;
import nl.gezinscoaching.events.agency.WarmHandoverDone;
import nl.gezinscoaching.events.coach.CoachRegistered;
import nl.gezinscoaching.events.contact.CoordinationMeetingHeld;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.contact.PhoneContactLogged;
import nl.gezinscoaching.events.contact.PracticalSupportGiven;
import nl.gezinscoaching.events.contact.SupportKind;
import nl.gezinscoaching.events.plan.FamilyPlanAgreed;
import nl.gezinscoaching.events.plan.GoalAttainment;
import nl.gezinscoaching.events.plan.GoalEvaluated;
import nl.gezinscoaching.events.plan.GoalSet;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.plan.ProblemInventoried;
import nl.gezinscoaching.events.safety.SafetyAssessed;
import nl.gezinscoaching.events.safety.SafetyVerdict;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.ClosureReason;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.events.trajectory.ExtensionGranted;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.events.trajectory.MigrationGeneration;
import nl.gezinscoaching.events.trajectory.ReferralReason;
import nl.gezinscoaching.events.trajectory.Referrer;
import nl.gezinscoaching.events.trajectory.TrajectoryClosed;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.platform.crypto.MasterKeys;
import nl.gezinscoaching.platform.crypto.FieldCipher;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import org.axonframework.serialization.Serializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a realistic event history straight into the event table: about 66 events per trajectory in the
 * mix the domain describes (23 home visits, phone contacts, practical support, goals and their
 * evaluation, agency referrals with warm handovers, an extension, closure and aftercare), with the
 * trajectories of a window of families interleaved as they would be in a real stream.
 */
final class EventGenerator {

    private static final String[] DISTRICTS = {"Centrum", "Escamp", "Haagse Hout", "Laak", "Leidschenveen-Ypenburg",
            "Loosduinen", "Scheveningen"};
    private static final String[] CLUSTERS = {"Noord", "Zuid-West", "Centrum"};
    private static final String[] AGENCIES = {"Schuldhulpverlening", "GGZ", "Jeugdzorg", "Schoolmaatschappelijk werk",
            "Woningcorporatie"};
    private static final byte[] META_DATA = "{\"recordedBy\":\"generator\"}".getBytes(StandardCharsets.UTF_8);
    static final int COACHES = 40;
    /** Events per generated trajectory ({@link #trajectory()}). */
    static final int EVENTS_PER_TRAJECTORY = 66;

    private final Random random = new Random(42);
    /** Home visits per trajectory (23 in the domain's mix). */
    private final int homeVisits;
    /** Whether GoalSet and HomeVisitHeld are written as revision 1, as the services stored them before issue 14. */
    private final boolean revisionOne;
    private final ObjectMapper json = AxonJdbcAutoConfiguration.storageObjectMapper();
    private long revisionOneRows;

    EventGenerator() {
        this(23, false);
    }

    EventGenerator(int homeVisits, boolean revisionOne) {
        this.homeVisits = homeVisits;
        this.revisionOne = revisionOne;
    }

    /** How many rows {@link #write} stored at revision 1 of a type whose current revision is higher. */
    long revisionOneRows() {
        return revisionOneRows;
    }

    record Row(String aggregateId, long sequence, String aggregateType, Object payload) {
    }

    private Serializer serializer;

    /**
     * Writes at least {@code events} events; returns how many it wrote. Payloads are serialized like the
     * command service does it: personal fields encrypted with a data key per family.
     */
    long write(DataSource dataSource, MasterKeys masterKeys, long events) throws Exception {
        serializer = AxonJdbcAutoConfiguration.eventSerializer(new FieldCipher(new FamilyKeys(dataSource, masterKeys)));
        long written = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                         time_stamp, payload_type, payload_revision, payload, meta_data)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            connection.setAutoCommit(false);
            List<Row> coaches = new ArrayList<>();
            for (int c = 0; c < COACHES; c++) {
                coaches.add(new Row("coach-" + c, 0, "Coach", new CoachRegistered("coach-" + c, "Coach " + c,
                        CLUSTERS[c % CLUSTERS.length], c % 4 == 0 ? new BigDecimal("0.8") : BigDecimal.ONE,
                        LocalDate.of(2015, 1, 1))));
            }
            written += flush(connection, insert, coaches);
            while (written < events) {
                List<List<Row>> window = new ArrayList<>();
                for (int f = 0; f < 100; f++) {
                    window.add(trajectory());
                }
                List<Row> interleaved = new ArrayList<>();
                for (int step = 0; !window.isEmpty(); step++) {
                    final int index = step;
                    window.removeIf(rows -> rows.size() <= index);
                    for (List<Row> rows : window) {
                        interleaved.add(rows.get(index));
                    }
                }
                written += flush(connection, insert, interleaved);
            }
        }
        return written;
    }

    private int flush(Connection connection, PreparedStatement insert, List<Row> rows) throws Exception {
        int inBatch = 0;
        for (Row row : rows) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, row.aggregateId());
            insert.setLong(3, row.sequence());
            insert.setString(4, row.aggregateType());
            insert.setString(5, Instant.now().toString());
            insert.setString(6, row.payload().getClass().getName());
            var serialized = serializer.serialize(row.payload(), byte[].class);
            byte[] payload = serialized.getData();
            String revision = serialized.getType().getRevision();
            if (revisionOne && (row.payload() instanceof GoalSet || row.payload() instanceof HomeVisitHeld)) {
                // the JSON as revision 1 had it: without the field revision 2 added
                ObjectNode node = (ObjectNode) json.readTree(payload);
                node.remove(row.payload() instanceof GoalSet ? "subgoals" : "location");
                payload = json.writeValueAsBytes(node);
                revision = "1";
                revisionOneRows++;
            }
            insert.setString(7, revision);
            insert.setBytes(8, payload);
            insert.setBytes(9, META_DATA);
            insert.addBatch();
            if (++inBatch == 1000) {
                insert.executeBatch();
                connection.commit();
                inBatch = 0;
            }
        }
        insert.executeBatch();
        connection.commit();
        return rows.size();
    }

    private List<Row> trajectory() {
        String id = UUID.randomUUID().toString();
        List<Object> events = new ArrayList<>();
        LocalDate day = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(6 * 365));
        events.add(new FamilyReferred(id, day,
                new Family("CL-" + random.nextInt(1_000_000), "Familie " + random.nextInt(10_000),
                        DISTRICTS[random.nextInt(DISTRICTS.length)], random.nextBoolean() ? "nl" : "ar",
                        random.nextInt(3) == 0, MigrationGeneration.values()[random.nextInt(4)]),
                List.of(new Child("Kind", day.minusYears(3 + random.nextInt(12)))), new Referrer("Jeugdarts", "JGZ"),
                Set.of(ReferralReason.values()[random.nextInt(3)]), false));
        day = day.plusDays(5 + random.nextInt(40));
        events.add(new CoachAssigned(id, "coach-" + random.nextInt(COACHES), day));
        events.add(new SafetyAssessed(id, day, SafetyVerdict.SAFE, false, null));
        events.add(new ProblemInventoried(id, day.plusDays(14), Set.of(LifeDomain.FINANCES, LifeDomain.PARENTING),
                "inventarisatie"));
        List<String> goals = new ArrayList<>();
        for (int g = 0; g < 5; g++) {
            String goal = UUID.randomUUID().toString();
            goals.add(goal);
            events.add(new GoalSet(id, goal, "doel " + g, LifeDomain.values()[random.nextInt(7)], day.plusDays(21),
                    List.of(Subgoal.values()[random.nextInt(Subgoal.values().length)])));
        }
        events.add(new FamilyPlanAgreed(id, day.plusDays(28), goals, List.of()));
        for (int a = 0; a < 2; a++) {
            String referral = UUID.randomUUID().toString();
            LocalDate referred = day.plusDays(30 + 20 * a);
            events.add(new FamilyReferredToAgency(id, referral, AGENCIES[random.nextInt(AGENCIES.length)], referred));
            events.add(new WarmHandoverDone(id, referral, referred.plusDays(10 + random.nextInt(90))));
        }
        for (int m = 0; m < 2; m++) {
            events.add(new CoordinationMeetingHeld(id, day.plusDays(60 + 60 * m), List.of("GGZ"), true, null));
        }
        events.add(new ExtensionGranted(id, day.plusMonths(6), 3, "wachtlijst"));
        for (int v = 0; v < homeVisits; v++) {
            events.add(new HomeVisitHeld(id, UUID.randomUUID().toString(), day.plusDays(7L * v + 1), 60, random.nextBoolean(),
                    "huisbezoek " + v, VisitLocation.values()[random.nextInt(VisitLocation.values().length)]));
        }
        for (int p = 0; p < 10; p++) {
            events.add(new PhoneContactLogged(id, day.plusDays(10L * p + 3), 15, null));
        }
        for (int s = 0; s < 6; s++) {
            events.add(new PracticalSupportGiven(id, day.plusDays(15L * s + 5), SupportKind.ADMINISTRATION, 45, null));
        }
        LocalDate closed = day.plusMonths(6 + random.nextInt(9));
        for (String goal : goals) {
            events.add(new GoalEvaluated(id, goal, GoalAttainment.values()[random.nextInt(4)], closed));
        }
        events.add(new TrajectoryClosed(id, closed, ClosureReason.values()[random.nextInt(5)], 5 + random.nextInt(6),
                5 + random.nextInt(6), "nl"));
        for (int c = 0; c < 3; c++) {
            events.add(new AftercareCallLogged(id, closed.plusMonths(c + 1L), Wellbeing.STABLE, null));
        }
        events.add(new AftercareEnded(id, closed.plusMonths(3)));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            rows.add(new Row(id, i, "Trajectory", events.get(i)));
        }
        return rows;
    }
}
