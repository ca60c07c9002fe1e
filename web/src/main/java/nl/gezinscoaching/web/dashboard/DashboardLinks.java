package nl.gezinscoaching.web.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The addresses behind the dashboard's numbers, each keeping the page's filter (cluster, district) in its query,
 * so a manager can send it to a colleague. Empty values are left out of the address.
 *
 * @param audit whether a family's link goes to its audit history (managers) or to its page (senior coaches)
 */
public record DashboardLinks(String cluster, String district, boolean audit) {

    /** The families with a coach now: of one coach, or (null) of the filter. */
    public String families(String coachId) {
        return url("/dashboard/families", Map.of("coachId", orEmpty(coachId)));
    }

    /** The families with a coach on a past day (a point of the trend), of one coach or (null) of the filter. */
    public String familiesOn(String coachId, java.time.LocalDate asOf) {
        return url("/dashboard/families", Map.of("coachId", orEmpty(coachId), "asOf", asOf == null ? "" : asOf.toString()));
    }

    /**
     * The families behind a figure of the quality report of a period: {@code measure} as the query service names it
     * ({@code QualityTrajectories.Measure}), {@code value} one of its values (a closure reason, an attainment) or null.
     */
    public String quality(String measure, String value, java.time.LocalDate from, java.time.LocalDate to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("measure", measure);
        params.put("value", orEmpty(value));
        params.put("from", from.toString());
        params.put("to", to.toString());
        return build("/dashboard/quality", params);
    }

    /** The families of one cluster's coaches. */
    public String familiesOfCluster(String ofCluster) {
        return url("/dashboard/families", Map.of("cluster", orEmpty(ofCluster)));
    }

    /** The families of one district with a coach now. */
    public String familiesOfDistrict(String ofDistrict) {
        return url("/dashboard/families", Map.of("district", orEmpty(ofDistrict)));
    }

    public String overruns(String coachId) {
        return url("/dashboard/overruns", Map.of("coachId", orEmpty(coachId)));
    }

    /** The waiting lists: of one agency, of one district (waiting for a coach), or (both null) of the filter. */
    public String waiting(String agency, String ofDistrict) {
        return url("/dashboard/waiting", Map.of("agency", orEmpty(agency), "district", orEmpty(ofDistrict)));
    }

    /** The dashboard with another filter. */
    public String dashboard(String ofCluster, String ofDistrict) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("cluster", orEmpty(ofCluster));
        params.put("district", orEmpty(ofDistrict));
        return build("/dashboard", params);
    }

    /** A view's CSV from the query service, with the page's filter and the extra parameters given. */
    public String csv(String view, Map<String, String> extra) {
        return url("/dashboard/csv/" + view, extra);
    }

    public String csv(String view) {
        return csv(view, Map.of());
    }

    public String family(String trajectoryId) {
        return UriComponentsBuilder.fromPath(audit ? "/audit/families/{id}" : "/trajectories/{id}")
                .encode().buildAndExpand(trajectoryId).toUriString();
    }

    private String url(String path, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("cluster", orEmpty(cluster));
        params.put("district", orEmpty(district));
        params.putAll(extra);
        return build(path, params);
    }

    private static String build(String path, Map<String, String> params) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
        params.forEach((name, value) -> {
            if (!value.isBlank()) {
                builder.queryParam(name, "{" + name + "}");
            }
        });
        Map<String, Object> values = new LinkedHashMap<>(params);
        return builder.encode().buildAndExpand(values).toUriString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
