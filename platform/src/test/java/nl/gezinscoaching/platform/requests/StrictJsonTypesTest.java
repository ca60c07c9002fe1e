package nl.gezinscoaching.platform.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import nl.gezinscoaching.platform.web.StorableText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTypesTest {

    enum Kind { VISIT, CALL }

    record Request(String agency, int minutes, Integer count, double fte, boolean interpreterUsed, Boolean flag,
                   Kind kind, LocalDate visitedOn, List<String> agencies) {
    }

    record Fraction(double fte) {
    }

    private static final JsonMapper JSON = StrictJsonTypes.configure(JsonMapper.builder())
            .addModule(StorableText.module()).build();

    @Test
    void valuesOfTheRightTypeAreRead() {
        Request request = JSON.readValue("""
                {"agency": "GGZ", "minutes": 45, "count": 2, "fte": 0.8, "interpreterUsed": true, "flag": false,
                 "kind": "CALL", "visitedOn": "2026-03-06", "agencies": ["A", "B"]}""", Request.class);

        assertThat(request).isEqualTo(new Request("GGZ", 45, 2, 0.8, true, false, Kind.CALL,
                LocalDate.of(2026, 3, 6), List.of("A", "B")));
        // an integer is a valid fraction
        assertThat(JSON.readValue("{\"fte\": 1}", Fraction.class).fte()).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "agency          | 42",
            "agency          | 4.2",
            "agency          | true",
            "minutes         | '\"45\"'",
            "minutes         | 45.7",
            "minutes         | true",
            "count           | '\"2\"'",
            "count           | false",
            "fte             | '\"0.8\"'",
            "fte             | true",
            "interpreterUsed | 0",
            "interpreterUsed | '\"true\"'",
            "flag            | 1",
            "kind            | 1",
            "visitedOn       | 20000",
            "visitedOn       | 2.5",
            "agencies        | '\"A\"'",
            "agencies        | 42",
            "agency          | '[\"GGZ\"]'",
            "agency          | '{\"name\": \"GGZ\"}'",
    })
    void aValueOfAnotherTypeIsRefusedNamingItsField(String field, String value) {
        String json = "{\"" + field + "\": " + value + "}";

        assertThatThrownBy(() -> JSON.readValue(json, Request.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(((MismatchedInputException) e).getPath())
                        .first().satisfies(reference -> assertThat(reference.getPropertyName()).isEqualTo(field)));
    }
}
