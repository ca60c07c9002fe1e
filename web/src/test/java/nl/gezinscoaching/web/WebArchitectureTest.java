package nl.gezinscoaching.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The web is a client of the services' APIs: it never reaches around them. */
class WebArchitectureTest {

    private final JavaClasses web = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.gezinscoaching.web");

    @Test
    void theWebNeverImportsTheServices() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("nl.gezinscoaching.command..", "nl.gezinscoaching.query..")
                .check(web);
    }

    @Test
    void theWebNeverTouchesTheDatabaseTheEventStoreOrTheFamiliesKeys() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("nl.gezinscoaching.platform.database..", "nl.gezinscoaching.platform.eventstore..",
                        "nl.gezinscoaching.platform.crypto..", "org.axonframework..", "java.sql..", "javax.sql..",
                        "org.springframework.jdbc..")
                .check(web);
    }
}
