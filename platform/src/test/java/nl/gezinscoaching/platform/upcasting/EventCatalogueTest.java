package nl.gezinscoaching.platform.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import nl.gezinscoaching.platform.upcasting.EventCatalogue.Event;
import nl.gezinscoaching.platform.upcasting.EventCatalogue.Field;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * The event classes against the committed catalogue, docs/events.md: a class that changes shape without a
 * new revision fails the build, every older revision must reach the newest through the upcaster chain, and
 * the catalogue cannot drift from the classes. {@code -Devents.catalogue.update=true} writes the catalogue
 * with new revisions added (never changing a catalogued one).
 */
class EventCatalogueTest {

    private static final Path CATALOGUE = Path.of("..", "docs", "events.md");
    private static final Serializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(AxonJdbcAutoConfiguration.storageObjectMapper()).build();

    @Test
    void theEventClassesMatchTheCommittedCatalogue() throws IOException {
        EventCatalogue committed = Files.exists(CATALOGUE)
                ? EventCatalogue.parse(Files.readString(CATALOGUE, StandardCharsets.UTF_8))
                : new EventCatalogue(Map.of(), Map.of());
        EventCatalogue classes = EventCatalogue.ofClasses();
        assertThat(classes.events()).as("event classes found").hasSizeGreaterThanOrEqualTo(20);
        List<String> problems = new ArrayList<>();
        EventCatalogue merged = classes.mergedInto(committed, problems);
        assertThat(problems).as("event shapes that need a new revision").isEmpty();

        String rendered = merged.render();
        if (Boolean.getBoolean("events.catalogue.update")) {
            Files.writeString(CATALOGUE, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(CATALOGUE) ? Files.readString(CATALOGUE, StandardCharsets.UTF_8) : "")
                .as("docs/events.md is out of date; run ./mvnw -pl platform test -Dtest=EventCatalogueTest "
                        + "-Devents.catalogue.update=true and commit it")
                .isEqualTo(rendered);
    }

    @Test
    void everyCataloguedOlderRevisionIsUpcastToTheCurrentOne() throws IOException {
        EventCatalogue committed = EventCatalogue.parse(Files.readString(CATALOGUE, StandardCharsets.UTF_8));
        Map<String, String> current = EventCatalogue.ofClasses().currentRevisions();
        int older = 0;
        for (Event event : committed.events().values()) {
            String newest = current.get(event.type());
            if (newest == null || newest.equals(event.revision())) {
                continue;
            }
            older++;
            assertThat(upcastRevision(event.type(), event.revision()))
                    .as(event.type() + " revision " + event.revision() + " is upcast to the current revision")
                    .isEqualTo(newest);
        }
        assertThat(older).as("older revisions catalogued (GoalSet 1, HomeVisitHeld 1)").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aChangedShapeAtTheSameRevisionIsAProblem() {
        EventCatalogue classes = EventCatalogue.ofClasses();
        Event goal = classes.events().get(Event.key("nl.gezinscoaching.events.plan.GoalSet", "2"));
        List<Field> fewer = goal.fields().subList(0, goal.fields().size() - 1);
        EventCatalogue committed = new EventCatalogue(Map.of(goal.key(), new Event(goal.type(), "2", fewer)), Map.of());
        List<String> problems = new ArrayList<>();
        classes.mergedInto(committed, problems);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("GoalSet changed shape at revision 2"));

        Field summary = new Field("summary", "String", false);
        EventCatalogue notPersonal = new EventCatalogue(Map.of(Event.key("nl.gezinscoaching.events.contact.HomeVisitHeld", "2"), new Event("nl.gezinscoaching.events.contact.HomeVisitHeld",
                "2", classes.events().get(Event.key("nl.gezinscoaching.events.contact.HomeVisitHeld", "2")).fields().stream()
                .map(f -> f.name().equals("summary") ? summary : f).toList())), Map.of());
        List<String> personal = new ArrayList<>();
        classes.mergedInto(notPersonal, personal);
        assertThat(personal).as("a field that became personal data is a change of shape")
                .anySatisfy(p -> assertThat(p).contains("HomeVisitHeld changed shape"));
    }

    @Test
    void aRemovedStoredValueIsAProblem() {
        EventCatalogue classes = EventCatalogue.ofClasses();
        EventCatalogue committed = new EventCatalogue(Map.of(), Map.of("nl.gezinscoaching.events.contact.VisitLocation",
                new EventCatalogue.ValueSet("nl.gezinscoaching.events.contact.VisitLocation", List.of("HOME", "BOAT"))));
        List<String> problems = new ArrayList<>();
        classes.mergedInto(committed, problems);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("VisitLocation lost stored values [BOAT]"));
    }

    @Test
    void theCatalogueReadsBackWhatItWrites() {
        EventCatalogue classes = EventCatalogue.ofClasses();
        EventCatalogue parsed = EventCatalogue.parse(classes.render());
        assertThat(parsed.events()).isEqualTo(classes.events());
        assertThat(parsed.valueSets()).isEqualTo(classes.valueSets());
        assertThat(parsed.events().get(Event.key("nl.gezinscoaching.events.trajectory.FamilyReferred", "1")).fields())
                .contains(new Field("family.name", "String", true), new Field("children[].birthDate", "LocalDate", true),
                        new Field("family.district", "String", false));
    }

    private static String upcastRevision(String type, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Trajectory", "t-1", 0, "e-1",
                Instant.EPOCH, type, revision, "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        try (Stream<IntermediateEventRepresentation> out =
                     EventUpcasting.chain().upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER)))) {
            List<IntermediateEventRepresentation> list = out.toList();
            assertThat(list).hasSize(1);
            return list.get(0).getType().getRevision();
        }
    }
}
