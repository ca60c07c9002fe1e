package nl.gezinscoaching.web.layout;

import java.time.Instant;
import java.time.LocalDateTime;
import nl.gezinscoaching.platform.ClockAutoConfiguration;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import nl.gezinscoaching.platform.security.PlatformUser;
import nl.gezinscoaching.platform.security.Role;
import nl.gezinscoaching.platform.security.SecurityProperties;
import nl.gezinscoaching.web.signin.SignedInUser;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the layout shows on every page, error pages included ({@code ${@layout.user()}} in the templates):
 * who is signed in and in which role, and the address of this page in the other language.
 */
@Component("layout")
public class Layout {

    private final SecurityProperties security;

    Layout(SecurityProperties security) {
        this.security = security;
    }

    /** The signed-in user, or {@code null} on pages outside the sign-in (signed out, login). */
    public PlatformUser user() {
        return SignedInUser.of(SecurityContextHolder.getContext().getAuthentication(), security.oidc()).orElse(null);
    }

    /**
     * Whether the header links to the intake page: the roles the command service lets refer a family (senior
     * coaches and administrators); the service checks it again.
     */
    public boolean mayRefer() {
        PlatformUser user = user();
        return user != null && (user.has(Role.SENIOR_COACH) || user.has(Role.ADMIN));
    }

    /** An instant on the clock of the coaches (Amsterdam), for the pages. */
    public LocalDateTime amsterdam(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ClockAutoConfiguration.AMSTERDAM);
    }

    /** The role shown in the header: the user's highest (a senior coach is shown as senior coach). */
    public String role() {
        PlatformUser user = user();
        return user == null ? null : user.roles().stream().min(Comparator.comparing(Layout::rank)).map(Role::name)
                .orElse(null);
    }

    /** The language the switch offers: the one the page is not in. */
    public String otherLanguage() {
        return Languages.DUTCH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "nl";
    }

    /** This page in the other language (an error page: the page that failed). */
    public String otherLanguageUrl() {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed != null ? failed.toString() : request.getRequestURI();
        return UriComponentsBuilder.fromPath(path).query(failed != null ? null : request.getQueryString())
                .replaceQueryParam(Languages.SWITCH, otherLanguage()).build().toUriString();
    }

    private static int rank(Role role) {
        return switch (role) {
            case ADMIN -> 0;
            case SENIOR_COACH -> 1;
            case COACH -> 2;
            case MANAGER -> 3;
            case ANALYST -> 4;
            case METRICS -> 5;
        };
    }
}
