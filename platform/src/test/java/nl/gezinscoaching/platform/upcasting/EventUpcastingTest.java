package nl.gezinscoaching.platform.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.contact.VisitLocation;
import nl.gezinscoaching.events.plan.GoalSet;
import nl.gezinscoaching.events.plan.LifeDomain;
import nl.gezinscoaching.events.plan.Subgoal;
import nl.gezinscoaching.platform.eventstore.AxonJdbcAutoConfiguration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * The upcaster chain on stored JSON of revision 1 (payloads as the services wrote them; the encrypted
 * value is copied from a stored row and passes through unread). Stored rows of revision 1 read end to end,
 * with their family key, in query-service {@code StoredRevisionOneEventsIT}.
 */
class EventUpcastingTest {

    private static final Serializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(AxonJdbcAutoConfiguration.storageObjectMapper()).build();
    private static final String ENCRYPTED =
            "enc:v1:be5788b0-4649-4c37-8a8c-0865d6072cee:phOiQuvc0+mq9ObfGDMUo6dxXGiu78twyjjok10Y8/4w5wA3Ir+2XYAwmzuh76Dh3pVkkC1R5/P1uEG6tQ==";

    private static IntermediateEventRepresentation upcast(Class<?> type, String revision, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Trajectory",
                "be5788b0-4649-4c37-8a8c-0865d6072cee", 2, "e-1", Instant.parse("2026-12-02T00:29:36Z"),
                type.getName(), revision, json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> out = EventUpcasting.chain()
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER))).toList();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void aRevisionOneVisitReadsAsRevisionTwoAtHomeWithItsEncryptedSummaryUntouched() {
        IntermediateEventRepresentation visit = upcast(HomeVisitHeld.class, "1", """
                {"trajectoryId":"be5788b0-4649-4c37-8a8c-0865d6072cee","visitId":"04b143ff-1f92-44f9-863b-8b46de70ffd8",\
                "visitedOn":"2026-09-08","durationMinutes":75,"interpreterUsed":false,"summary":"%s"}""".formatted(ENCRYPTED));
        assertThat(visit.getType().getRevision()).isEqualTo("2");
        HomeVisitHeld event = SERIALIZER.deserialize(visit.getData());
        assertThat(event).isEqualTo(new HomeVisitHeld("be5788b0-4649-4c37-8a8c-0865d6072cee",
                "04b143ff-1f92-44f9-863b-8b46de70ffd8", LocalDate.of(2026, 9, 8), 75, false, ENCRYPTED, VisitLocation.HOME));
    }

    @Test
    void aRevisionOneGoalReadsAsRevisionTwoNotLinkedToASubgoal() {
        IntermediateEventRepresentation goal = upcast(GoalSet.class, "1", """
                {"trajectoryId":"t-1","goalId":"g-1","description":"%s","lifeDomain":"PARENTING","setOn":"2026-09-15"}"""
                .formatted(ENCRYPTED));
        assertThat(goal.getType().getRevision()).isEqualTo("2");
        GoalSet event = SERIALIZER.deserialize(goal.getData());
        assertThat(event).isEqualTo(new GoalSet("t-1", "g-1", ENCRYPTED, LifeDomain.PARENTING, LocalDate.of(2026, 9, 15),
                List.of()));
    }

    @Test
    void revisionTwoPassesUnchanged() {
        IntermediateEventRepresentation visit = upcast(HomeVisitHeld.class, "2", """
                {"trajectoryId":"t-1","visitId":"v-1","visitedOn":"2026-09-08","durationMinutes":30,\
                "interpreterUsed":true,"summary":null,"location":"VIDEO"}""");
        assertThat(visit.getType().getRevision()).isEqualTo("2");
        assertThat(((HomeVisitHeld) SERIALIZER.deserialize(visit.getData())).location()).isEqualTo(VisitLocation.VIDEO);
        IntermediateEventRepresentation goal = upcast(GoalSet.class, "2", """
                {"trajectoryId":"t-1","goalId":"g-1","description":null,"lifeDomain":"PARENTING","setOn":"2026-09-15",\
                "subgoals":["PARENTING_CONFIDENCE","KEEPS_PARENTING_NETWORK"]}""");
        assertThat(((GoalSet) SERIALIZER.deserialize(goal.getData())).subgoals())
                .containsExactly(Subgoal.PARENTING_CONFIDENCE, Subgoal.KEEPS_PARENTING_NETWORK);
    }

    @Test
    void otherEventsAndOtherRevisionsAreLeftAlone() {
        String json = """
                {"trajectoryId":"t-1","goalId":"g-1","attainment":"FULLY","evaluatedOn":"2026-11-20"}""";
        IntermediateEventRepresentation evaluated = upcast(nl.gezinscoaching.events.plan.GoalEvaluated.class, "1", json);
        assertThat(evaluated.getType().getRevision()).isEqualTo("1");
        assertThat(new String(evaluated.getData(byte[].class).getData(), StandardCharsets.UTF_8)).isEqualTo(json);
    }
}
