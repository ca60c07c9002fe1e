package nl.gezinscoaching.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;

/** One line of the event export: the event's type, business date, pseudonyms and exported fields. */
record ExportEvent(String type, LocalDate occurredOn, String trajectory, String coach, JsonNode data) {
}
