package nl.gezinscoaching.platform.requests;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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

    /**
     * Right after the content type: a query string that is not valid UTF-8 or holds a control character, an
     * Accept header that does not parse, are a 400 before anything reads a parameter.
     */
    @Bean
    FilterRegistrationBean<QueryAndAcceptCheck> queryAndAcceptCheck() {
        FilterRegistrationBean<QueryAndAcceptCheck> registration =
                new FilterRegistrationBean<>(new QueryAndAcceptCheck(new ProblemWriter()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
        return registration;
    }

    /**
     * Tomcat's own refusals (a path with an encoded slash or NUL, answered before any filter runs) as problem
     * documents: {@link ProblemErrorReportValve} replaces the HTML error report valve Boot puts on the host. Last
     * of the customizers, so that Boot's valve is there to be replaced.
     */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorReportValve());
                // and the host adds no HTML one of its own when it starts
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
