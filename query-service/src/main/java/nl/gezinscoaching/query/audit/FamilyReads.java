package nl.gezinscoaching.query.audit;

import java.util.Map;
import java.util.function.Consumer;
import nl.gezinscoaching.query.support.ListQueries;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** The recorded reads of one family's data, newest first. */
@Component
class FamilyReads {

    private static final String READS = """
            SELECT read_at, reader, purpose FROM read_audit WHERE trajectory_id = :trajectoryId ORDER BY id DESC""";
    private static final RowMapper<ReadAudit.Read> READ = (row, i) -> new ReadAudit.Read(
            row.getTimestamp("read_at").toInstant(), row.getString("reader"), row.getString("purpose"));

    private final ListQueries lists;

    FamilyReads(ListQueries lists) {
        this.lists = lists;
    }

    Page<ReadAudit.Read> readsOf(String trajectoryId, PageRequest page) {
        return lists.page(READS, Map.of("trajectoryId", trajectoryId), READ, page);
    }

    void forEachRead(String trajectoryId, Consumer<ReadAudit.Read> action) {
        lists.forEach(READS, Map.of("trajectoryId", trajectoryId), READ, action);
    }
}
