package nl.gezinscoaching.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
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
    void aggregatesAndCommandsKnowNothingOfHttpOrSecurity() {
        noClasses().that().areAnnotatedWith(Aggregate.class).or().haveSimpleNameEndingWith("Command")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.security..", "jakarta.servlet..", "nl.gezinscoaching.command.access..",
                        "nl.gezinscoaching.platform.access..")
                .check(commandService);
    }
}
