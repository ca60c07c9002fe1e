package nl.gezinscoaching.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The DataSource of both services, declared here rather than by Boot so that Axon's JDBC
 * auto-configuration (which on Boot 4 is evaluated before Boot's DataSource) always finds it.
 * <ul>
 *   <li>With {@code spring.datasource.url} set: that PostgreSQL server.</li>
 *   <li>Without: an embedded PostgreSQL that this service starts and stops. Set
 *       {@code platform.embedded-database.data-directory} to keep its data between runs.</li>
 * </ul>
 * Either way the pool takes {@code spring.datasource.hikari.*} settings, and is used through a
 * {@link PatientDataSource}: a wait for a connection of a busy pool is waited out (up to
 * {@code platform.datasource.busy-patience}, default 8 s, below the web's 10 s read timeout), never taken for an
 * outage.
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, JdbcAutoConfiguration.class})
@EnableConfigurationProperties(DataSourceProperties.class)
public class DatabaseAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAutoConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
    static class External {

        @Bean(destroyMethod = "close")
        PatientDataSource dataSource(DataSourceProperties properties, Environment environment) {
            return patient(properties.initializeDataSourceBuilder().type(HikariDataSource.class).build(), environment);
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
        PatientDataSource dataSource(EmbeddedPostgres embeddedPostgres, Environment environment) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(EmbeddedDatabase.jdbcUrl(embeddedPostgres));
            dataSource.setUsername("postgres");
            dataSource.setPassword("postgres");
            dataSource.setPoolName("embedded");
            return patient(dataSource, environment);
        }
    }

    /** A restore made while this instance runs stops it from serving until it is restarted ({@link RestoreWatch}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Restores {

        @Bean(destroyMethod = "close")
        RestoreWatch restoreWatch(JdbcClient jdbc,
                                  @Value("${platform.restore-watch.interval:2s}") Duration interval) {
            return new RestoreWatch(jdbc, interval.toMillis());
        }

        @Bean
        FilterRegistrationBean<RestoreWatch> restoreWatchFilter(RestoreWatch watch) {
            FilterRegistrationBean<RestoreWatch> registration = new FilterRegistrationBean<>(watch);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
            return registration;
        }
    }

    /** The pool with its {@code spring.datasource.hikari.*} settings, used patiently. */
    static PatientDataSource patient(HikariDataSource pool, Environment environment) {
        Binder binder = Binder.get(environment);
        binder.bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        // every connection of a service says whose it is, so that a restore can refuse while one is open
        pool.addDataSourceProperty("ApplicationName",
                DatabaseBackup.APPLICATION_PREFIX + environment.getProperty("spring.application.name", "service"));
        Duration patience = binder.bind("platform.datasource.busy-patience", Duration.class)
                .orElse(Duration.ofSeconds(8));
        return new PatientDataSource(pool, patience);
    }
}
