package nl.gezinscoaching.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JacksonModule;

/** Request bodies hold only storable texts; every malformed request is a 400 problem document. */
@AutoConfiguration
@ConditionalOnWebApplication
@Import(RequestProblemHandler.class)
public class ProblemDetailsAutoConfiguration {

    /** Registered by Spring Boot with the JSON mapper of the HTTP layer (not Axon's event serializer). */
    @Bean
    JacksonModule storableTextModule() {
        return StorableText.module();
    }
}
