package nl.gezinscoaching.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import nl.gezinscoaching.events.contact.HomeVisitHeld;
import nl.gezinscoaching.events.trajectory.CoachAssigned;
import nl.gezinscoaching.query.support.FixedClockConfiguration;
import nl.gezinscoaching.query.support.ViewClient;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FixedClockConfiguration.class)
class TrajectoryHistoryProjectionTest {

    @Autowired
    TrajectoryHistoryProjection projection;

    @LocalServerPort
    int port;

    @BeforeEach
    void emptyHistory() {
        projection.reset();
    }

    private void handle(long sequence, Object payload, String recordedBy) {
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("Trajectory", "t-h", sequence, payload,
                MetaData.with("recordedBy", recordedBy));
        projection.on((nl.gezinscoaching.events.TrajectoryEvent) payload, message, message.getTimestamp());
    }

    @Test
    void historyListsEveryEventInStreamOrderWithWhoRecordedItAndWhen() {
        handle(1, new HomeVisitHeld("t-h", "v-1", LocalDate.of(2026, 3, 3), 45, true, "eerste bezoek"), "coach-anna");
        handle(0, new CoachAssigned("t-h", "coach-anna", LocalDate.of(2026, 3, 1)), "senior-bea");

        JsonNode history = new ViewClient(port).json("/api/trajectories/t-h/history");
        assertThat(history.get("trajectoryId").asString()).isEqualTo("t-h");
        JsonNode events = history.get("events");
        assertThat(events.size()).isEqualTo(2);
        assertThat(events.get(0).get("sequence").asLong()).isZero();
        assertThat(events.get(0).get("type").asString()).isEqualTo("CoachAssigned");
        assertThat(events.get(0).get("recordedBy").asString()).isEqualTo("senior-bea");
        assertThat(events.get(1).get("type").asString()).isEqualTo("HomeVisitHeld");
        assertThat(events.get(1).get("occurredOn").asString()).isEqualTo("2026-03-03");
        assertThat(events.get(1).get("recordedAt").asString()).isNotBlank();
        assertThat(events.get(1).get("data").get("durationMinutes").asInt()).isEqualTo(45);
        assertThat(events.get(1).get("data").get("interpreterUsed").asBoolean()).isTrue();
    }

    @Test
    void aRedeliveredEventIsNotListedTwice() {
        handle(0, new CoachAssigned("t-h", "coach-anna", LocalDate.of(2026, 3, 1)), "senior-bea");
        handle(0, new CoachAssigned("t-h", "coach-anna", LocalDate.of(2026, 3, 1)), "senior-bea");
        assertThat(new ViewClient(port).json("/api/trajectories/t-h/history").get("events").size()).isEqualTo(1);
    }

    @Test
    void anUnknownTrajectoryIsA404Problem() {
        ViewClient.Answer answer = new ViewClient(port).get("/api/trajectories/nobody/history", "application/json");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
