package nl.gezinscoaching.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.gezinscoaching.events.PersonalData;
import nl.gezinscoaching.query.export.ExportPolicy.Treatment;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/**
 * Nothing leaves in the export unless someone decided it may: every field of every event (and of every
 * record inside one) is classified, and no personal field is exported. A new event, or a new revision
 * with a new field, fails here until {@link ExportPolicy} says what the export does with it.
 */
class ExportPolicyTest {

    private static List<Class<?>> events() {
        List<Class<?>> events = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.gezinscoaching.events")) {
            if (type.isAnnotatedWith(Revision.class)) {
                events.add(type.reflect());
            }
        }
        return events;
    }

    @Test
    void everyEventTypeIsClassified() {
        List<Class<?>> events = events();
        assertThat(events).hasSizeGreaterThan(20);
        Set<String> unclassified = new TreeSet<>();
        for (Class<?> event : events) {
            if (!ExportPolicy.all().containsKey(event)) {
                unclassified.add(event.getName());
            }
        }
        assertThat(unclassified).as("event types the export policy does not classify").isEmpty();
    }

    @Test
    void everyFieldOfEveryEventAndOfTheRecordsInsideIsClassified() {
        Set<String> unclassified = new TreeSet<>();
        List<Class<?>> todo = new ArrayList<>(events());
        Set<Class<?>> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> type = todo.remove(0);
            if (!seen.add(type)) {
                continue;
            }
            var classified = ExportPolicy.all().getOrDefault(type, java.util.Map.of());
            for (RecordComponent component : type.getRecordComponents()) {
                Treatment treatment = classified.get(component.getName());
                if (treatment == null) {
                    unclassified.add(type.getSimpleName() + "." + component.getName());
                    continue;
                }
                Class<?> inner = recordInside(component);
                if (inner != null) {
                    assertThat(treatment).as(type.getSimpleName() + "." + component.getName()
                            + " holds a record: its fields are classified under its own type")
                            .isIn(Treatment.NESTED, Treatment.AGE_BANDS);
                    todo.add(inner);
                }
            }
        }
        assertThat(unclassified).as("fields that are neither exported nor withheld: classify them in ExportPolicy")
                .isEmpty();
    }

    @Test
    void noPersonalFieldIsExportedAndNoClassificationIsStale() {
        ExportPolicy.all().forEach((type, fields) -> {
            Set<String> names = new TreeSet<>();
            Arrays.stream(type.getRecordComponents()).forEach(c -> names.add(c.getName()));
            assertThat(names).as("fields of " + type.getSimpleName()).containsAll(fields.keySet());
            assertThat(ExportPolicy.fieldsOf(type).orElseThrow()).extracting(ExportPolicy.Field::treatment)
                    .as("as classified").containsExactlyElementsOf(Arrays.stream(type.getRecordComponents())
                            .map(c -> fields.get(c.getName())).toList());
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(PersonalData.class)) {
                    assertThat(fields.get(component.getName())).as(type.getSimpleName() + "." + component.getName())
                            .isIn(Treatment.WITHHELD, Treatment.AGE_BANDS);
                }
            }
        });
    }

    @Test
    void anEventTypeThePolicyDoesNotKnowHasNoLines() {
        record Unknown(String trajectoryId, String typedByAPerson) {
        }
        assertThat(ExportPolicy.fieldsOf(Unknown.class)).isEmpty();
    }

    /** The record type a component holds, directly or as the element of a collection; null if none. */
    private static Class<?> recordInside(RecordComponent component) {
        if (component.getType().isRecord()) {
            return component.getType();
        }
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (argument instanceof Class<?> element && element.isRecord()) {
                    return element;
                }
            }
        }
        return null;
    }
}
