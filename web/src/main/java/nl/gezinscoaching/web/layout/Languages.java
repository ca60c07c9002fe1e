package nl.gezinscoaching.web.layout;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Dutch by default, English on request: the browser's {@code Accept-Language} chooses, the language switch
 * ({@code ?lang=en}) overrides it and is remembered in a cookie. Every text of the pages is in
 * {@code messages_nl.properties} and {@code messages_en.properties}.
 */
@Configuration(proxyBeanMethods = false)
class Languages implements WebMvcConfigurer {

    static final Locale DUTCH = new Locale("nl");
    static final List<Locale> SUPPORTED = List.of(DUTCH, Locale.ENGLISH);
    static final String SWITCH = "lang";

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        // a language without a bundle gets Dutch, never the server's own language
        messages.setDefaultLocale(DUTCH);
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("GEZINSCOACHING_LANGUAGE");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(Languages::fromBrowser);
        return resolver;
    }

    /** The browser's preferred language that the pages have, else Dutch. */
    static Locale fromBrowser(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return DUTCH;
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return chosen != null ? chosen : DUTCH;
        } catch (IllegalArgumentException malformed) {
            return DUTCH;
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(SWITCH);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
