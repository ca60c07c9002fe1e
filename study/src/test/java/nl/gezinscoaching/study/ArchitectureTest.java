package nl.gezinscoaching.study;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The study reads only the pseudonymised export: it never reaches the event store, a key or a service's code. */
class ArchitectureTest {

    private final JavaClasses study = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.gezinscoaching.study");

    @Test
    void theStudyNeverUsesTheServicesThePlatformOrTheEvents() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("nl.gezinscoaching.command..",
                        "nl.gezinscoaching.query..", "nl.gezinscoaching.platform..", "nl.gezinscoaching.events..",
                        "org.axonframework..", "org.postgresql..", "javax.crypto..")
                .check(study);
    }
}
