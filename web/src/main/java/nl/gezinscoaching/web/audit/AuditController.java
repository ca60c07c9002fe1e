package nl.gezinscoaching.web.audit;

import nl.gezinscoaching.api.views.TrajectoryHistory;
import nl.gezinscoaching.web.families.TrajectoryState;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.gezinscoaching.web.dashboard.ManagementRoles;
import nl.gezinscoaching.web.services.ManagementService;
import nl.gezinscoaching.web.services.ManagementViews.CsvFile;
import nl.gezinscoaching.web.services.QueryService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A family's full history and its read audit for managers; the read audit's chain verification and the
 * retention list for administrators. Reading a history here is reading it through the query service's history
 * view, which records the read in the read audit (purpose {@code history}, or {@code history.csv}) as it does
 * for any client; the read audit itself is not personal data of the family and is not recorded.
 */
@Controller
class AuditController {

    static final int READS_PAGE = 50;
    /** Reads shown on the family's own page; the rest on the read audit's page. */
    static final int RECENT_READS = 10;

    private final QueryService queries;
    private final ManagementService views;
    private final ManagementRoles roles;

    AuditController(QueryService queries, ManagementService views, ManagementRoles roles) {
        this.queries = queries;
        this.views = views;
        this.roles = roles;
    }

    @GetMapping("/audit/families/{trajectoryId}")
    String history(@PathVariable String trajectoryId, Model model) {
        roles.requireAudit();
        TrajectoryHistory history = queries.history(trajectoryId);
        model.addAttribute("history", history);
        model.addAttribute("family", TrajectoryState.of(history));
        model.addAttribute("recentReads", views.reads(trajectoryId, Map.of("size", String.valueOf(RECENT_READS))));
        return "audit/history";
    }

    @GetMapping("/audit/families/{trajectoryId}/history.csv")
    ResponseEntity<byte[]> historyCsv(@PathVariable String trajectoryId) {
        roles.requireAudit();
        return download(views.csv("/api/trajectories/{id}/history", Map.of(), trajectoryId), "history");
    }

    @GetMapping("/audit/families/{trajectoryId}/reads")
    String reads(@PathVariable String trajectoryId, @RequestParam(defaultValue = "0") int page, Model model) {
        roles.requireAudit();
        model.addAttribute("trajectoryId", trajectoryId);
        model.addAttribute("reads", views.reads(trajectoryId, Map.of("page", String.valueOf(Math.max(page, 0)),
                "size", String.valueOf(READS_PAGE))));
        return "audit/reads";
    }

    /** The most recent reads, as a fragment: the family's page loads it for managers ("who read it when"). */
    @GetMapping("/audit/families/{trajectoryId}/reads/recent")
    String recentReads(@PathVariable String trajectoryId, Model model) {
        roles.requireAudit();
        model.addAttribute("trajectoryId", trajectoryId);
        model.addAttribute("recentReads", views.reads(trajectoryId, Map.of("size", String.valueOf(RECENT_READS))));
        return "audit/reads :: recent";
    }

    @GetMapping("/audit/families/{trajectoryId}/reads.csv")
    ResponseEntity<byte[]> readsCsv(@PathVariable String trajectoryId) {
        roles.requireAudit();
        return download(views.csv("/api/families/{id}/reads", Map.of(), trajectoryId), "reads");
    }

    @GetMapping("/admin/read-audit")
    String verification(Model model) {
        roles.requireAdministrator();
        model.addAttribute("verification", views.verification());
        return "audit/verification";
    }

    @GetMapping("/admin/retention")
    String retention(@RequestParam(defaultValue = "0") int page, Model model) {
        roles.requireAdministrator();
        model.addAttribute("retention", views.retention(Map.of("page", String.valueOf(Math.max(page, 0)),
                "size", String.valueOf(READS_PAGE))));
        return "audit/retention";
    }

    @GetMapping("/admin/retention.csv")
    ResponseEntity<byte[]> retentionCsv() {
        roles.requireAdministrator();
        return download(views.csv("/api/retention", Map.of()), "retention");
    }

    private static ResponseEntity<byte[]> download(CsvFile file, String name) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, file.contentDisposition() != null ? file.contentDisposition()
                        : "attachment; filename=\"" + name + ".csv\"")
                .body(file.body());
    }
}
