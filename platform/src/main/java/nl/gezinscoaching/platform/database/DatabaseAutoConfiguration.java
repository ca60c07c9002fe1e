package nl.gezinscoaching.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The DataSource of both services, declared here rather than by Boot so that Axon's JDBC
 * auto-configuration (which on Boot 4 is evaluated before Boot's DataSource) always finds it.
 * <ul>
 *   <li>With {@code spring.datasource.url} set: that PostgreSQL server.</li>
 *   <li>Without: an embedded PostgreSQL that this service starts and stops. Set
 *       {@code platform.embedded-database.data-directory} to keep its data between runs.</li>
 * </ul>
 * Either way the pool takes {@code spring.datasource.hikari.*} settings.
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, JdbcAutoConfiguration.class})
@EnableConfigurationProperties(DataSourceProperties.class)
public class DatabaseAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAutoConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
    static class External {

        @Bean(destroyMethod = "close")
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(DataSourceProperties properties) {
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
    static class Embedded {

        @Bean(destroyMethod = "close")
        EmbeddedPostgres embeddedPostgres(@Value("${platform.embedded-database.data-directory:}") String dataDirectory,
                                          @Value("${platform.embedded-database.port:0}") int port) {
            EmbeddedPostgres postgres = EmbeddedDatabase.start(dataDirectory.isBlank() ? null : Path.of(dataDirectory), port);
            log.info("No spring.datasource.url configured: started embedded PostgreSQL on port {}", postgres.getPort());
            return postgres;
        }

        /** Depends on the database bean, so the pool is closed before the database stops. */
        @Bean(destroyMethod = "close")
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(EmbeddedPostgres embeddedPostgres) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(EmbeddedDatabase.jdbcUrl(embeddedPostgres));
            dataSource.setUsername("postgres");
            dataSource.setPassword("postgres");
            dataSource.setPoolName("embedded");
            return dataSource;
        }
    }
}
