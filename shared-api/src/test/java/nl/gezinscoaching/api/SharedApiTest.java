package nl.gezinscoaching.api;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shared API is a published language too: plain records, bean validation, the events' bounds and types. */
class SharedApiTest {

    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.gezinscoaching.api");

    @Test
    void dependsOnlyOnTheJdkBeanValidationAndTheSharedEvents() {
        classes().should().onlyDependOnClassesThat(resideInAnyPackage(
                        "java..", "jakarta.validation..", "nl.gezinscoaching.api..", "nl.gezinscoaching.events.."))
                .check(api);
    }

    @Test
    void everyBodyIsARecord() {
        long records = 0;
        for (JavaClass type : api) {
            if (type.getSimpleName().endsWith("Request") || type.getSimpleName().endsWith("Form")) {
                assertThat(type.isRecord()).as(type.getName() + " is a record").isTrue();
                records++;
            }
        }
        assertThat(records).as("the bodies of the command API").isGreaterThanOrEqualTo(20);
    }
}
