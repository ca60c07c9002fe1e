package nl.gezinscoaching.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses queryService = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.gezinscoaching.query");

    @Test
    void queryServiceNeverImportsTheCommandService() {
        noClasses().should().dependOnClassesThat().resideInAPackage("nl.gezinscoaching.command..")
                .check(queryService);
    }
}
