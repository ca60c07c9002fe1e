package nl.gezinscoaching.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses commandService = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.gezinscoaching.command");

    @Test
    void commandServiceNeverImportsTheQueryService() {
        noClasses().should().dependOnClassesThat().resideInAPackage("nl.gezinscoaching.query..")
                .check(commandService);
    }

    @Test
    void theDomainDoesNotDependOnTheWebLayer() {
        noClasses().that().haveSimpleNameNotEndingWith("Controller")
                .and().haveSimpleNameNotEndingWith("Requests")
                .and().haveSimpleNameNotContaining("Request")
                .and().haveSimpleNameNotContaining("ProblemHandler")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.web..")
                .check(commandService);
    }
}
