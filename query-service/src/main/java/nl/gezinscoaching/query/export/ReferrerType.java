package nl.gezinscoaching.query.export;

import java.util.Locale;

/**
 * The kind of referrer, read from the referring organisation's name (which people type, so it is never
 * exported itself): the categories of CBS Beleidsinformatie Jeugd's "verwijzer", as far as the platform
 * sees them. Unrecognised names count as {@link #OTHER}.
 */
enum ReferrerType {
    GP, YOUTH_HEALTH_CARE, DISTRICT_TEAM, SCHOOL, VEILIG_THUIS, OTHER;

    static ReferrerType of(String organisation) {
        if (organisation == null) {
            return OTHER;
        }
        String name = organisation.toLowerCase(Locale.ROOT);
        if (name.contains("huisarts") || name.matches(".*\\bgp\\b.*")) {
            return GP;
        }
        if (name.contains("jgz") || name.contains("jeugdarts") || name.contains("jeugdverpleeg")
                || name.contains("consultatiebureau") || name.contains("jeugdgezondheidszorg")) {
            return YOUTH_HEALTH_CARE;
        }
        if (name.contains("veilig thuis")) {
            return VEILIG_THUIS;
        }
        if (name.contains("wijkteam") || name.contains("buurtteam") || name.contains("sociaal team")
                || name.contains("gemeente") || name.contains("jeugdteam")) {
            return DISTRICT_TEAM;
        }
        if (name.contains("school") || name.contains("college") || name.contains("lyceum")) {
            return SCHOOL;
        }
        return OTHER;
    }
}
