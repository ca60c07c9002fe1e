package nl.gezinscoaching.platform.requests;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * The services' request hardening (found by the fuzzer of issue 13): a body size limit, JSON values of the
 * declared type only, and problem documents for everything else. Before Boot's error page configuration, so
 * that {@link ProblemErrorController} replaces its JSON.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ServiceProblemHandler.class, ProblemErrorController.class})
public class RequestHardeningAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJsonTypes() {
        return StrictJsonTypes::configure;
    }

    /**
     * Ahead of every other filter (Spring Security's included). 512 KB is some twenty times the largest body
     * the text bounds allow in practice; a body is JSON with bounded fields, never a file.
     */
    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
            @Value("${platform.requests.max-body-size:512KB}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestSizeLimit> registration =
                new FilterRegistrationBean<>(new RequestSizeLimit(maxBodySize.toBytes(), new ProblemWriter()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Right after the size limit: a Content-Type without a concrete type is a 415, not a 500 in Spring MVC. */
    @Bean
    FilterRegistrationBean<ContentTypeCheck> contentTypeCheck() {
        FilterRegistrationBean<ContentTypeCheck> registration =
                new FilterRegistrationBean<>(new ContentTypeCheck(new ProblemWriter()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }
}
