package nl.gezinscoaching.web.layout;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The pages' own styles and scripts and the WebJars, each under its own path ({@code spring.web.resources.
 * add-mappings} is off). Boot's default maps {@code /**} to the static folders through the resource chain, and
 * Thymeleaf passes every link of a page through that chain ({@code ResourceUrlEncodingFilter}): each link
 * ({@code /dashboard/families?...}, a form's action) was looked up in four classpath folders inside the jar,
 * about a fifth of the web's time on the dashboard (a profile of the pages benchmark). With these three patterns
 * only resource links are looked up. WebJars keep version-less addresses (webjars-locator-lite).
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/");
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
    }
}
