package nl.gezinscoaching.query.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import nl.gezinscoaching.api.analytics.KAnonymity;
import nl.gezinscoaching.events.TrajectoryEvent;
import nl.gezinscoaching.events.coach.CoachRegistered;
import nl.gezinscoaching.events.trajectory.Child;
import nl.gezinscoaching.events.trajectory.Family;
import nl.gezinscoaching.events.trajectory.FamilyReferred;
import nl.gezinscoaching.platform.crypto.FamilyKeys;
import nl.gezinscoaching.query.analytics.Pseudonyms;
import nl.gezinscoaching.query.export.ExportPolicy.Field;
import nl.gezinscoaching.query.export.ExportPolicy.Treatment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Revision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the event history as pseudonymised NDJSON: a first line describing the export (its cut-off, how
 * pseudonyms are made, the anonymisation rule and what it did), then one line per event in global order,
 * read through the event store in batches, so memory does not grow with the store. Each line has the
 * event's type and revision, business date, recording instant, the trajectory's and the coach's pseudonym,
 * and its fields as {@link ExportPolicy} allows them, upcast to the event's current shape.
 * <p>
 * The family attributes (language, district, migration generation, interpreter need) are released under
 * the k-anonymity rule, decided before the first event line from a count of their combinations over the
 * referrals up to the cut-off (kept per combination, not per family); trajectories the rule withholds have
 * no lines at all. Everything runs in one repeatable-read snapshot, so the count and the lines agree.
 */
@Component
public class EventExport {

    /** Which events a line may have: one per event, in global order, the first line describes the export. */
    public static final String FORMAT = "gezinscoaching-event-export";

    private static final Logger log = LoggerFactory.getLogger(EventExport.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<KAnonymity.Step> LADDER = KAnonymity.ladder(-1, 0, 1, 2, 3, -1);
    private static final Map<Class<?>, Optional<List<Field>>> FIELDS = new ConcurrentHashMap<>();

    private final EventStorageEngine storageEngine;
    private final JdbcClient jdbc;
    private final FamilyKeys familyKeys;
    private final TransactionTemplate snapshot;
    private final Pseudonyms defaultPseudonyms;
    private final int k;
    private final java.time.Clock clock;

    EventExport(EventStorageEngine storageEngine, JdbcClient jdbc, FamilyKeys familyKeys,
                PlatformTransactionManager transactions, Pseudonyms pseudonyms, java.time.Clock clock,
                @Value("${analytics.k-anonymity.k:" + KAnonymity.DEFAULT_K + "}") int k) {
        this.clock = clock;
        this.storageEngine = storageEngine;
        this.jdbc = jdbc;
        this.familyKeys = familyKeys;
        this.defaultPseudonyms = pseudonyms;
        this.k = k;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Events in the store (an upper bound of the lines, for progress). */
    public long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    /** What one export wrote. */
    public record Written(long events, long withheldTrajectories) {
    }

    /** The export with the configured pseudonym key. */
    public Written write(LocalDate until, OutputStream out) {
        return write(until, out, defaultPseudonyms);
    }

    /** The export with these pseudonyms (another key gives pseudonyms unlinkable to the configured ones). */
    public Written write(LocalDate until, OutputStream out, Pseudonyms pseudonyms) {
        return snapshot.execute(status -> {
            try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                json.setRootValueSeparator(null);
                return new Run(until, json, pseudonyms).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** One export: its anonymisation outcome and the few trajectories it withholds. */
    private final class Run {
        private final LocalDate until;
        private final JsonGenerator json;
        private final Pseudonyms pseudonyms;
        private final KAnonymity.Outcome outcome;
        private final Set<String> commonLanguages;
        /** trajectories the rule withholds: fewer than k */
        private final Set<String> withheld = new HashSet<>();
        /** the pseudonym of the trajectory whose line is being written */
        private String lineTrajectory;

        Run(LocalDate until, JsonGenerator json, Pseudonyms pseudonyms) {
            this.until = until;
            this.json = json;
            this.pseudonyms = pseudonyms;
            this.outcome = new KAnonymity(k, LADDER).apply(familyCombinations());
            Map<String, Long> released = new HashMap<>();
            outcome.released().forEach((original, out) -> {
                if (out.get(0) != null && !KAnonymity.OTHER.equals(out.get(0))) {
                    released.merge(out.get(0), familyCount(original), Long::sum);
                }
            });
            this.commonLanguages = new HashSet<>();
            released.forEach((language, count) -> {
                if (count >= k) {
                    commonLanguages.add(language);
                }
            });
        }

        private Map<List<String>, Long> counts;

        private long familyCount(List<String> original) {
            return counts.get(original);
        }

        /** The number of referrals up to the cut-off per combination of family attributes, from the stored JSON. */
        private Map<List<String>, Long> familyCombinations() {
            counts = new HashMap<>();
            jdbc.sql("""
                            SELECT p->'family'->>'language', p->'family'->>'district', p->'family'->>'migrationGeneration',
                                   p->'family'->>'interpreterNeeded', count(*)
                            FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domain_event_entry
                                  WHERE payload_type = :type) referrals
                            WHERE CAST(:until AS date) IS NULL OR (p->>'receivedOn')::date <= CAST(:until AS date)
                            GROUP BY 1, 2, 3, 4""")
                    .param("type", FamilyReferred.class.getName())
                    .param("until", until)
                    .query((row, i) -> {
                        counts.put(Arrays.asList(row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4)), row.getLong(5));
                        return null;
                    })
                    .list();
            return counts;
        }

        Written run() throws IOException {
            header();
            long lines = 0;
            try (Stream<? extends TrackedEventMessage<?>> stream = storageEngine.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
                while (events.hasNext()) {
                    if (line(events.next())) {
                        lines++;
                    }
                }
            }
            json.flush();
            return new Written(lines, withheld.size());
        }

        private void header() throws IOException {
            json.writeStartObject();
            json.writeObjectFieldStart("export");
            json.writeStringField("format", FORMAT);
            json.writeNumberField("version", 1);
            json.writeStringField("until", until == null ? null : until.toString());
            // the day the export stands for: a study censors open trajectories here
            json.writeStringField("asOf", (until != null ? until : LocalDate.now(clock)).toString());
            json.writeStringField("pseudonyms", "HMAC-SHA-256 with analytics.pseudonym-key, first 16 bytes in hex;"
                    + " coaches and other ids prefixed with their kind");
            json.writeStringField("anonymisation", outcome.describe());
            json.writeNumberField("k", k);
            json.writeStringField("ageBands", "children's age at the referral date: 0-3, 4-11, 12-17, 18+, unknown");
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
        }

        /** Writes the event's line; false when it is not exported (after the cut-off, withheld, unknown type). */
        private boolean line(TrackedEventMessage<?> message) throws IOException {
            Class<?> type = message.getPayloadType();
            Optional<List<Field>> fields = FIELDS.computeIfAbsent(type, ExportPolicy::fieldsOf);
            if (fields.isEmpty()) {
                log.warn("Event type {} is not classified for the export; its events are left out", type.getName());
                return false;
            }
            // a family's birth dates are read with its key as the table has it now: an erased family has none
            Object payload = type == FamilyReferred.class
                    ? familyKeys.checkingErasure(message::getPayload)
                    : message.getPayload();
            LocalDate occurredOn = payload instanceof TrajectoryEvent event ? event.occurredOn()
                    : payload instanceof CoachRegistered coach ? coach.registeredOn() : null;
            if (until != null && occurredOn != null && occurredOn.isAfter(until)) {
                return false;
            }
            String trajectoryId = payload instanceof TrajectoryEvent event ? event.trajectoryId() : null;
            if (trajectoryId != null && withheld.contains(trajectoryId)) {
                return false;
            }
            if (payload instanceof FamilyReferred referred && outcome.of(originalOf(referred.family())).isEmpty()) {
                withheld.add(trajectoryId);
                return false;
            }
            lineTrajectory = trajectoryId == null ? null : pseudonyms.trajectory(trajectoryId);
            json.writeStartObject();
            json.writeStringField("type", type.getSimpleName());
            Revision revision = type.getAnnotation(Revision.class);
            json.writeStringField("revision", revision == null ? null : revision.value());
            json.writeStringField("occurredOn", occurredOn == null ? null : occurredOn.toString());
            json.writeStringField("recordedAt", message.getTimestamp().toString());
            json.writeStringField("trajectory", lineTrajectory);
            json.writeStringField("coach", coachOf(payload, fields.get()));
            json.writeFieldName("data");
            record(payload, fields.get(), occurredOn);
            json.writeEndObject();
            json.writeRaw('\n');
            return true;
        }

        private String coachOf(Object payload, List<Field> fields) {
            for (Field field : fields) {
                if (field.treatment() == Treatment.COACH && field.name().equals("coachId")) {
                    Object id = value(payload, field);
                    return id == null ? null : pseudonyms.coach(id.toString());
                }
            }
            return null;
        }

        private void record(Object record, List<Field> fields, LocalDate day) throws IOException {
            json.writeStartObject();
            for (Field field : fields) {
                Object value = value(record, field);
                switch (field.treatment()) {
                    case WITHHELD, TRAJECTORY -> {
                    }
                    case EXPORTED -> {
                        json.writeFieldName(field.name());
                        plain(value);
                    }
                    case COACH -> json.writeStringField(field.name(), value == null ? null : pseudonyms.coach(value.toString()));
                    case ID -> {
                        json.writeFieldName(field.name());
                        if (value instanceof Collection<?> ids) {
                            json.writeStartArray();
                            for (Object id : ids) {
                                json.writeString(pseudonyms.id(id.toString()));
                            }
                            json.writeEndArray();
                        } else {
                            json.writeString(value == null ? null : pseudonyms.id(value.toString()));
                        }
                    }
                    case NESTED -> {
                        json.writeFieldName(field.name());
                        if (value == null) {
                            json.writeNull();
                        } else if (value instanceof Family family) {
                            family(family, ExportPolicy.fieldsOf(Family.class).orElseThrow());
                        } else {
                            record(value, ExportPolicy.fieldsOf(value.getClass()).orElseThrow(), day);
                        }
                    }
                    case AGE_BANDS -> {
                        json.writeArrayFieldStart("childAgeBands");
                        if (value instanceof Collection<?> children) {
                            for (Object child : children) {
                                json.writeString(AgeBand.at(((Child) child).birthDate(), day));
                            }
                        }
                        json.writeEndArray();
                    }
                    case LANGUAGE -> json.writeStringField(field.name(), value == null ? null
                            : commonLanguages.contains(value.toString()) ? value.toString() : KAnonymity.OTHER);
                    case REFERRER_TYPE -> json.writeStringField("type", ReferrerType.of((String) value).name());
                    case QUASI_IDENTIFIER -> throw new IllegalStateException("Quasi-identifier outside a family");
                }
            }
            json.writeEndObject();
        }

        /** The family's attributes as the k-anonymity rule releases them; nothing else of the family. */
        private void family(Family family, List<Field> fields) throws IOException {
            List<String> released = outcome.of(originalOf(family)).orElseThrow();
            json.writeStartObject();
            for (Field field : fields) {
                switch (field.name()) {
                    case "language" -> json.writeStringField("language", released.get(0));
                    case "district" -> json.writeStringField("district", released.get(1));
                    case "migrationGeneration" -> json.writeStringField("migrationGeneration", released.get(2));
                    case "interpreterNeeded" -> {
                        json.writeFieldName("interpreterNeeded");
                        if (released.get(3) == null) {
                            json.writeNull();
                        } else {
                            json.writeBoolean(Boolean.parseBoolean(released.get(3)));
                        }
                    }
                    default -> {
                        if (field.treatment() != Treatment.WITHHELD) {
                            throw new IllegalStateException("Family." + field.name() + " is classified "
                                    + field.treatment() + " but the export has no rule for it");
                        }
                    }
                }
            }
            json.writeEndObject();
        }

        private void plain(Object value) throws IOException {
            if (value == null) {
                json.writeNull();
            } else if (value instanceof Boolean b) {
                json.writeBoolean(b);
            } else if (value instanceof Integer i) {
                json.writeNumber(i);
            } else if (value instanceof Long l) {
                json.writeNumber(l);
            } else if (value instanceof BigDecimal d) {
                json.writeNumber(d);
            } else if (value instanceof Enum<?> e) {
                json.writeString(e.name());
            } else if (value instanceof Set<?> set) {
                List<String> sorted = new ArrayList<>();
                set.forEach(item -> sorted.add(item instanceof Enum<?> e ? e.name() : item.toString()));
                sorted.sort(null);
                json.writeStartArray();
                for (String item : sorted) {
                    json.writeString(item);
                }
                json.writeEndArray();
            } else if (value instanceof Collection<?> list) {
                json.writeStartArray();
                for (Object item : list) {
                    plain(item);
                }
                json.writeEndArray();
            } else if (value instanceof String || value instanceof LocalDate || value instanceof java.time.Instant) {
                json.writeString(value.toString());
            } else {
                throw new IllegalStateException("The export cannot write a " + value.getClass().getSimpleName()
                        + " as a plain value: classify it as NESTED or withhold it");
            }
        }
    }

    /** The family's quasi-identifiers as stored: language, district, migration generation, interpreter need. */
    static List<String> originalOf(Family family) {
        return Arrays.asList(family.language(), family.district(),
                family.migrationGeneration() == null ? null : family.migrationGeneration().name(),
                String.valueOf(family.interpreterNeeded()));
    }

    private static Object value(Object record, Field field) {
        try {
            return field.component().getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + field.name(), e);
        }
    }
}
