package nl.gezinscoaching.query.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Views as CSV (RFC 4180, header row, UTF-8) for managers who work in spreadsheets.
 * <p>
 * Text cells are neutralised against formula injection (OWASP "CSV Injection"): a text that begins with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab, a carriage return or NUL is prefixed with a single
 * quote, which spreadsheets read as "this cell is text", and every text cell is enclosed in double quotes
 * (embedded quotes doubled), so that a spreadsheet splitting at another separator, such as the
 * semicolon Dutch Excel uses, cannot start a new cell inside a text. Only values that are texts at run
 * time are prefixed: numbers and booleans are written bare, so a negative number stays a number; dates
 * are written in ISO form (quoted, as every string is), never prefixed.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("csv-formula-neutralising").addSerializer(String.class, new TextCell()))
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            // columns in the order the record declares them, not alphabetically
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Csv() {
    }

    /** One row per record; the columns are the record's components, in order. */
    public static <T extends Record> ResponseEntity<String> of(String fileName, Class<T> rowType, List<T> rows) {
        CsvSchema schema = MAPPER.schemaFor(rowType).withHeader().withColumnReordering(false);
        String body;
        try {
            body = MAPPER.writer(schema).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CSV could not be written for " + rowType.getSimpleName(), e);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", contentDisposition(fileName))
                .body(body);
    }

    /** Where the rows of a streamed CSV come from: it hands each row, in order, to the sink. */
    @FunctionalInterface
    public interface Rows<T> {
        void writeTo(Consumer<T> sink);
    }

    /**
     * The whole list as CSV, written to the response row by row as the rows come (from a cursor, say):
     * memory holds the rows being written, never the list. A failure half-way ends the download early.
     */
    public static <T extends Record> void stream(HttpServletResponse response, String fileName, Class<T> rowType,
                                                 Rows<T> rows) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", contentDisposition(fileName));
        CsvSchema schema = MAPPER.schemaFor(rowType).withHeader().withColumnReordering(false);
        try (SequenceWriter writer = MAPPER.writer(schema).writeValues(response.getOutputStream())) {
            rows.writeTo(row -> {
                try {
                    writer.write(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The file name a download offers: any character but a letter, digit, dot or dash becomes {@code _}. */
    private static String contentDisposition(String fileName) {
        return "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9.-]", "_") + ".csv\"";
    }

    /** A text as a spreadsheet will not run it: prefixed with {@code '} when it begins like a formula. */
    static String neutralised(String text) {
        return !text.isEmpty() && "=+-@\t\r\0".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** Every String value of a row, whatever the component's declared type. */
    private static final class TextCell extends StdScalarSerializer<String> {

        TextCell() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(neutralised(value));
        }
    }
}
