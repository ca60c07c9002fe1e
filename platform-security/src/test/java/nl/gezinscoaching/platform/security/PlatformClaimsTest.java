package nl.gezinscoaching.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an identity provider of the platform puts into a token is what the services read back out of it. */
class PlatformClaimsTest {

    private static final SecurityProperties.Oidc OIDC =
            new SecurityProperties.Oidc("gezinscoaching", null, null, "preferred_username", "coach_id", "cluster");

    @Test
    void aSeniorCoachsClaimsNameLowerCaseRolesUnderThePlatformsClient() {
        Map<String, Object> claims = PlatformClaims.claims(
                new PlatformUser("sanne", Set.of(Role.SENIOR_COACH), "sanne", "Noord"), OIDC);

        assertThat(claims).containsEntry("preferred_username", "sanne")
                .containsEntry("resource_access", Map.of("gezinscoaching", Map.of("roles", List.of("senior_coach"))))
                .containsEntry("coach_id", "sanne")
                .containsEntry("cluster", "Noord");
    }

    @Test
    void aManagerHasNoCoachIdOrClusterClaim() {
        Map<String, Object> claims = PlatformClaims.claims(new PlatformUser("mila", Set.of(Role.MANAGER), null, null), OIDC);

        assertThat(claims).doesNotContainKeys("coach_id", "cluster");
    }

    @Test
    void theClaimsReadBackAsTheSameUser() {
        PlatformUser anna = new PlatformUser("anna", Set.of(Role.COACH), "anna", "Noord");

        assertThat(PlatformClaims.user(PlatformClaims.claims(anna, OIDC), OIDC, "subject")).isEqualTo(anna);
    }

    @Test
    void aConfiguredRolesClaimIsWrittenAtItsPath() {
        SecurityProperties.Oidc elsewhere =
                new SecurityProperties.Oidc("gezinscoaching", null, "platform.roles", "preferred_username", "coach_id", "cluster");
        PlatformUser admin = new PlatformUser("admin", Set.of(Role.ADMIN), null, null);

        Map<String, Object> claims = PlatformClaims.claims(admin, elsewhere);

        assertThat(claims).containsEntry("platform", Map.of("roles", List.of("admin")));
        assertThat(PlatformClaims.user(claims, elsewhere, "subject")).isEqualTo(admin);
    }

    @Test
    void withoutAUserNameClaimTheFallbackNameIsUsed() {
        assertThat(PlatformClaims.user(Map.of(), OIDC, "0b6f-uuid").username()).isEqualTo("0b6f-uuid");
    }
}
