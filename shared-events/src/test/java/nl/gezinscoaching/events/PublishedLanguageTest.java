package nl.gezinscoaching.events;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** The published language depends on nothing of ours and nothing of a framework beyond annotations. */
class PublishedLanguageTest {

    private final JavaClasses events = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.gezinscoaching.events");

    @Test
    void dependsOnlyOnTheJdkAndAxonsRevisionAnnotation() {
        classes().should().onlyDependOnClassesThat(
                        resideInAnyPackage("java..", "nl.gezinscoaching.events..").or(belongToAnyOf(Revision.class)))
                .check(events);
    }

    @Test
    void everyEventIsARecordWithARevision() {
        for (JavaClass type : events) {
            if (type.isAssignableTo(TrajectoryEvent.class) && !type.isInterface()
                    || type.getSimpleName().equals("CoachRegistered")) {
                assertThat(type.isRecord()).as(type.getName() + " is a record").isTrue();
                assertThat(type.isAnnotatedWith(Revision.class)).as(type.getName() + " has @Revision").isTrue();
            }
        }
        assertThat(events.stream().filter(type -> type.isAnnotatedWith(Revision.class)).count())
                .as("every event of the lifecycle").isGreaterThanOrEqualTo(20);
    }
}
