package nl.gezinscoaching.web.families;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.InputStreamReader;
import java.util.List;
import java.util.Properties;
import nl.gezinscoaching.events.TrajectoryEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every trajectory event has a label on the timeline, in each language: a new event cannot show its class name. */
class EventLabelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"messages_nl.properties", "messages_en.properties"})
    void everyTrajectoryEventHasATimelineLabel(String bundle) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(bundle)) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> events = new ClassFileImporter().importPackages("nl.gezinscoaching.events").stream()
                .filter(type -> type.isAssignableTo(TrajectoryEvent.class) && !type.isInterface())
                .map(JavaClass::getSimpleName)
                .toList();

        assertThat(events).contains("FamilyReferred", "FamilyScreened", "AftercareEnded");
        assertThat(events).allSatisfy(event -> assertThat(messages).as(bundle).containsKey("event." + event));
    }
}
