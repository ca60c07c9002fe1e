package nl.gezinscoaching.query.support;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/** Views as CSV (RFC 4180, header row, UTF-8) for managers who work in spreadsheets. */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .addModule(new JavaTimeModule())
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
                .header("Content-Disposition", "attachment; filename=\"" + fileName + ".csv\"")
                .body(body);
    }
}
