package nl.gezinscoaching.platform.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user of the current request. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<PlatformUser> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof PlatformUserDetails details) {
            return Optional.of(details.user());
        }
        if (authentication.getDetails() instanceof PlatformUser user) {
            return Optional.of(user);
        }
        Set<Role> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .filter(name -> Set.of("COACH", "SENIOR_COACH", "MANAGER", "ANALYST", "ADMIN").contains(name))
                .map(Role::valueOf)
                .collect(Collectors.toSet());
        return Optional.of(new PlatformUser(authentication.getName(), roles, null, null));
    }

    /** The name recorded in events and audit trails; "anonymous" outside a request. */
    public static String name() {
        return get().map(PlatformUser::username).orElse("anonymous");
    }
}
