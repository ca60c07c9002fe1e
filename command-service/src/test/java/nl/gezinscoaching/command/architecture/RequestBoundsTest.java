package nl.gezinscoaching.command.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every text and every list a client can send the command API carries a {@link Size} bound (from
 * {@link nl.gezinscoaching.events.TextBounds}): in a request body, nested forms and list items included,
 * and in the path. A new field without one fails here, before it can reach a read model unbounded.
 */
class RequestBoundsTest {

    @Test
    void everyTextAndListOfEveryRequestIsBounded() {
        List<String> unbounded = new ArrayList<>();
        int checked = 0;
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.gezinscoaching.command")) {
            if (!type.isAnnotatedWith(RestController.class)) {
                continue;
            }
            for (Method method : type.reflect().getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    String where = type.getSimpleName() + "." + method.getName() + "(" + parameter.getName() + ")";
                    if (parameter.isAnnotationPresent(RequestBody.class)) {
                        checked++;
                        checkRecord(parameter.getType(), where, unbounded);
                    } else if (parameter.isAnnotationPresent(PathVariable.class)
                            || parameter.isAnnotationPresent(RequestParam.class)) {
                        checked++;
                        check(parameter.getAnnotatedType(), parameter, where, unbounded);
                    }
                }
            }
        }
        assertThat(checked).as("request bodies and parameters found").isGreaterThan(20);
        assertThat(unbounded).as("texts and lists without @Size").isEmpty();
    }

    private static void checkRecord(Class<?> type, String where, List<String> unbounded) {
        assertThat(type.isRecord()).as(where + " is a record").isTrue();
        for (RecordComponent component : type.getRecordComponents()) {
            check(component.getAnnotatedType(), component.getAccessor(), where + "." + component.getName(), unbounded);
        }
    }

    /** @param declaration where a declaration annotation lands (parameter or accessor), besides the type use */
    private static void check(AnnotatedType type, AnnotatedElement declaration, String where, List<String> unbounded) {
        Class<?> raw = raw(type);
        boolean bounded = type.isAnnotationPresent(Size.class)
                || declaration != null && declaration.isAnnotationPresent(Size.class);
        if (raw == String.class || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
            if (!bounded) {
                unbounded.add(where);
            }
        }
        if (type instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
            for (int i = 0; i < arguments.length; i++) {
                check(arguments[i], null, where + "[" + i + "]", unbounded);
            }
        }
        if (raw.isRecord()) {
            checkRecord(raw, where, unbounded);
        }
    }

    private static Class<?> raw(AnnotatedType type) {
        return type instanceof AnnotatedParameterizedType parameterized
                ? (Class<?>) ((java.lang.reflect.ParameterizedType) parameterized.getType()).getRawType()
                : (Class<?>) type.getType();
    }
}
