package nl.gezinscoaching.platform.access;

import javax.sql.DataSource;
import nl.gezinscoaching.platform.database.DatabaseAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The guidance lookup both services decide access with. */
@AutoConfiguration(after = DatabaseAutoConfiguration.class)
public class AccessAutoConfiguration {

    @Bean
    GuidanceLookup guidanceLookup(DataSource dataSource) {
        return new GuidanceLookup(dataSource);
    }
}
