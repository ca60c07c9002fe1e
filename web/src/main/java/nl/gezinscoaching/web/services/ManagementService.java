package nl.gezinscoaching.web.services;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;
import nl.gezinscoaching.api.views.QualityTrajectories;
import java.util.function.Function;
import nl.gezinscoaching.web.services.ManagementViews.Caseload;
import nl.gezinscoaching.web.services.ManagementViews.CsvFile;
import nl.gezinscoaching.web.services.ManagementViews.FamilyReads;
import nl.gezinscoaching.web.services.ManagementViews.Overruns;
import nl.gezinscoaching.web.services.ManagementViews.QualityReport;
import nl.gezinscoaching.web.services.ManagementViews.Retention;
import nl.gezinscoaching.web.services.ManagementViews.Trajectories;
import nl.gezinscoaching.web.services.ManagementViews.Trend;
import nl.gezinscoaching.web.services.ManagementViews.Verification;
import nl.gezinscoaching.web.services.ManagementViews.WaitingList;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * The query service's management views (caseload, overruns, waiting lists, quality report) and audit views
 * (history reads, chain verification, retention), as the signed-in user: the service decides what they may
 * see (a senior coach gets her own cluster). Filters are passed as query parameters; empty ones are left out.
 */
public class ManagementService {

    /** The query parameters a page may pass on to a view; anything else is dropped. */
    static final Set<String> FILTERS = Set.of("asOf", "cluster", "district", "coachId", "agency", "from", "to",
            "months", "page", "size", "measure", "value");

    private final RestClient rest;

    ManagementService(RestClient rest) {
        this.rest = rest;
    }

    public Caseload caseload(Map<String, String> filter) {
        return get("/api/caseload", filter, Caseload.class);
    }

    public Trend trend(Map<String, String> filter) {
        return get("/api/caseload/trend", filter, Trend.class);
    }

    public Trajectories trajectories(Map<String, String> filter) {
        return get("/api/caseload/trajectories", filter, Trajectories.class);
    }

    public Overruns overruns(Map<String, String> filter) {
        return get("/api/overruns", filter, Overruns.class);
    }

    public WaitingList waitingList(Map<String, String> filter) {
        return get("/api/waiting-list", filter, WaitingList.class);
    }

    public QualityReport qualityReport(Map<String, String> filter) {
        return get("/api/quality-report", filter, QualityReport.class);
    }

    /** The families behind one figure of the quality report ({@code measure}, {@code value}, {@code from}, {@code to}). */
    public QualityTrajectories qualityTrajectories(Map<String, String> filter) {
        return get("/api/quality-report/trajectories", filter, QualityTrajectories.class);
    }

    public FamilyReads reads(String trajectoryId, Map<String, String> filter) {
        return get("/api/families/{id}/reads", filter, FamilyReads.class, trajectoryId);
    }

    public Verification verification() {
        return get("/api/admin/read-audit/verification", Map.of(), Verification.class);
    }

    public Retention retention(Map<String, String> filter) {
        return get("/api/retention", filter, Retention.class);
    }

    /** A view's CSV as the service wrote it (streamed lists whole), for a download from the pages. */
    public CsvFile csv(String path, Map<String, String> filter, Object... pathVariables) {
        ResponseEntity<byte[]> answer = rest.get().uri(uri(path, filter, pathVariables)).accept(MediaType.parseMediaType("text/csv"))
                .retrieve().toEntity(byte[].class);
        return new CsvFile(answer.getBody() == null ? new byte[0] : answer.getBody(),
                answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
    }

    private <T> T get(String path, Map<String, String> filter, Class<T> type, Object... pathVariables) {
        return rest.get().uri(uri(path, filter, pathVariables)).accept(MediaType.APPLICATION_JSON).retrieve().body(type);
    }

    /** Values as URI variables, so each is encoded and none is read as a template. */
    private static Function<UriBuilder, URI> uri(String path, Map<String, String> filter, Object... pathVariables) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (pathVariables.length > 0) {
            variables.put("id", pathVariables[0]); // the one path variable of these views: a trajectory's id
        }
        Map<String, String> params = new TreeMap<>();
        filter.forEach((name, value) -> {
            if (FILTERS.contains(name) && value != null && !value.isBlank()) {
                params.put(name, value);
            }
        });
        return builder -> {
            builder.path(path);
            params.forEach((name, value) -> {
                builder.queryParam(name, "{q_" + name + "}");
                variables.put("q_" + name, value);
            });
            return builder.build(variables);
        };
    }
}
