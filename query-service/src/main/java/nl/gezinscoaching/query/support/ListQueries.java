package nl.gezinscoaching.query.support;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs a list view's query two ways: one page of it with the list's total, for JSON; or every row in
 * order through a cursor, for a CSV download that holds the whole list in bounded memory.
 * <p>
 * The query must order its rows completely (a unique key last), so that pages neither overlap nor leave
 * rows out. Its named parameters come as a map; {@code :limit} and {@code :offset} are this class's.
 */
@Component
public class ListQueries {

    /** Rows PostgreSQL sends per round trip when streaming; a cursor needs a transaction. */
    static final int FETCH_SIZE = 1000;

    private final JdbcClient jdbc;
    private final JdbcClient cursor;

    ListQueries(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(FETCH_SIZE);
        this.cursor = JdbcClient.create(streaming);
    }

    /** One page and the total, counted in the same snapshot as the page. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public <T> Page<T> page(String sql, Map<String, ?> params, RowMapper<T> rows, PageRequest request) {
        long total = jdbc.sql("SELECT count(*) FROM (" + sql + ") AS listed").params(params)
                .query(Long.class).single();
        List<T> items = jdbc.sql(sql + "\nLIMIT :limit OFFSET :offset").params(params)
                .param("limit", request.size()).param("offset", request.offset())
                .query(rows).list();
        return new Page<>(items, PageInfo.of(request, total));
    }

    /** Every row, in the query's order, {@link #FETCH_SIZE} at a time: only one batch is in memory. */
    @Transactional(readOnly = true)
    public <T> void forEach(String sql, Map<String, ?> params, RowMapper<T> rows, Consumer<T> action) {
        int[] index = {0};
        cursor.sql(sql).params(params).query((RowCallbackHandler) row -> action.accept(rows.mapRow(row, index[0]++)));
    }
}
