package nl.gezinscoaching.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * When no {@code spring.datasource.url} is configured, the service starts its own embedded PostgreSQL and
 * uses it. Set {@code platform.embedded-database.data-directory} to keep the data between runs.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${platform.embedded-database.data-directory:}") String dataDirectory,
                                      @Value("${platform.embedded-database.port:0}") int port) {
        EmbeddedPostgres postgres = EmbeddedDatabase.start(dataDirectory.isBlank() ? null : Path.of(dataDirectory), port);
        log.info("No spring.datasource.url configured: started embedded PostgreSQL on port {}", postgres.getPort());
        return postgres;
    }

    /** Depends on the database bean, so it is closed before the database stops. */
    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres embeddedPostgres,
                          @Value("${spring.datasource.hikari.maximum-pool-size:20}") int maximumPoolSize) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(EmbeddedDatabase.jdbcUrl(embeddedPostgres));
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setMaximumPoolSize(maximumPoolSize);
        dataSource.setPoolName("embedded");
        // keep statement parameters (personal data) out of exception messages and logs
        dataSource.addDataSourceProperty("logServerErrorDetail", "false");
        return dataSource;
    }
}
