package nl.gezinscoaching.web.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.gezinscoaching.api.views.QualityTrajectories;
import nl.gezinscoaching.events.TextBounds;
import nl.gezinscoaching.web.services.ManagementService;
import nl.gezinscoaching.web.services.ManagementViews.Caseload;
import nl.gezinscoaching.web.services.ManagementViews.CsvFile;
import nl.gezinscoaching.web.services.ManagementViews.PageInfo;
import nl.gezinscoaching.web.services.ManagementViews.Overruns;
import nl.gezinscoaching.web.services.ManagementViews.QualityReport;
import nl.gezinscoaching.web.services.ManagementViews.Trend;
import nl.gezinscoaching.web.services.ManagementViews.WaitingList;
import nl.gezinscoaching.web.services.ParallelReads;
import nl.gezinscoaching.web.services.ParallelReads.Read;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /dashboard} and the lists behind its numbers. Every figure comes from the query service as the signed-in
 * user, with the page's filter passed on; the service narrows a senior coach's figures to her cluster. The charts
 * are drawn in the browser by Chart.js (a WebJar) from the numbers in the tables beside them.
 */
@Controller
class DashboardController {

    /** Rows of each list on the dashboard itself; the list pages show {@value #LIST_PAGE} per page. */
    static final int ON_DASHBOARD = 10;
    static final int LIST_PAGE = 50;
    static final int TREND_MONTHS = 12;

    /** The views whose CSV the pages offer, by the name in {@code /dashboard/csv/{view}}. */
    private static final Map<String, String> CSV_VIEWS = Map.of(
            "caseload", "/api/caseload",
            "trend", "/api/caseload/trend",
            "families", "/api/caseload/trajectories",
            "overruns", "/api/overruns",
            "waiting-list", "/api/waiting-list",
            "quality-report", "/api/quality-report",
            "quality-trajectories", "/api/quality-report/trajectories");

    private final ManagementService views;
    private final ParallelReads reads;
    private final ManagementRoles roles;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;

    DashboardController(ManagementService views, ParallelReads reads, ManagementRoles roles, MessageSource messages, JsonMapper json,
                        Clock clock) {
        this.views = views;
        this.reads = reads;
        this.roles = roles;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam(required = false) String cluster, @RequestParam(required = false) String district,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                     Model model) {
        roles.requireDashboard();
        Map<String, String> filter = filter(cluster, district);
        // the first read on this thread (a token that needs refreshing is refreshed here, once), the others side by side
        Caseload caseload = views.caseload(filter);
        try (ParallelReads.Page page = reads.page()) {
            // the choices of the filter: every cluster and district the user may see, whatever is chosen now
            Read<Caseload> choices = filter.isEmpty() ? Read.done(caseload) : page.start(() -> views.caseload(Map.of()));
            Read<Trend> trend = page.start(() -> views.trend(with(filter, "months", String.valueOf(TREND_MONTHS))));
            Read<Overruns> overruns = page.start(() -> views.overruns(with(filter, "size", String.valueOf(ON_DASHBOARD))));
            Read<WaitingList> waiting = page.start(() -> views.waitingList(with(filter, "size", String.valueOf(ON_DASHBOARD))));
            DashboardLinks links = links(filter);
            // the quality report is the organisation's: it has no cut per cluster, so a senior coach does not get it
            Read<QualityReport> quality = roles.audit() ? quality(from, to, page, links, model) : null;
            model.addAttribute("caseload", caseload);
            model.addAttribute("clusters", choices.get().clusters().stream().map(c -> c.cluster()).toList());
            model.addAttribute("districts", choices.get().districts().stream().map(d -> d.district()).toList());
            model.addAttribute("trend", trend.get());
            model.addAttribute("caseloadChart", json.writeValueAsString(caseloadChart(caseload, links)));
            model.addAttribute("trendChart", json.writeValueAsString(trendChart(trend.get(), links)));
            model.addAttribute("overruns", overruns.get());
            model.addAttribute("waiting", waiting.get());
            if (quality != null) {
                model.addAttribute("quality", quality.get());
            }
        }
        addFilter(model, filter);
        return "dashboard/dashboard";
    }

    /** Starts reading the quality report of the period asked for (this year by default); none if it ends before it starts. */
    private Read<QualityReport> quality(LocalDate from, LocalDate to, ParallelReads.Page page, DashboardLinks links,
                                        Model model) {
        LocalDate end = to != null ? to : LocalDate.now(clock);
        LocalDate start = from != null ? from : end.withDayOfYear(1);
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        if (end.isBefore(start)) {
            model.addAttribute("periodRefused", true);
            return null;
        }
        // in this order in the address (Map.of's order differs from one run to the next)
        Map<String, String> period = new LinkedHashMap<>();
        period.put("from", start.toString());
        period.put("to", end.toString());
        model.addAttribute("qualityCsv", links.csv("quality-report", period));
        return page.start(() -> views.qualityReport(period));
    }

    /** The families with a coach now: of one coach (a bar of the chart), or of the cluster or district. */
    @GetMapping("/dashboard/families")
    String families(@RequestParam(required = false) String cluster, @RequestParam(required = false) String district,
                    @RequestParam(required = false) String coachId,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        roles.requireDashboard();
        Map<String, String> filter = filter(cluster, district);
        String coach = bounded(coachId, TextBounds.IDENTIFIER);
        String day = asOf == null ? "" : asOf.toString();
        model.addAttribute("list", views.trajectories(paged(with(with(filter, "coachId", coach), "asOf", day), page)));
        model.addAttribute("coachId", coach);
        model.addAttribute("asOf", asOf);
        model.addAttribute("listLink", links(filter).familiesOn(coach, asOf));
        Map<String, String> csvParams = new LinkedHashMap<>();
        with(with(Map.of(), "coachId", coach), "asOf", day).forEach(csvParams::put);
        model.addAttribute("csv", links(filter).csv("families", csvParams));
        addFilter(model, filter);
        return "dashboard/families";
    }

    @GetMapping("/dashboard/overruns")
    String overruns(@RequestParam(required = false) String cluster, @RequestParam(required = false) String district,
                    @RequestParam(required = false) String coachId, @RequestParam(defaultValue = "0") int page,
                    Model model) {
        roles.requireDashboard();
        Map<String, String> filter = filter(cluster, district);
        String coach = bounded(coachId, TextBounds.IDENTIFIER);
        model.addAttribute("list", views.overruns(paged(with(filter, "coachId", coach), page)));
        model.addAttribute("coachId", coach);
        model.addAttribute("csv", links(filter).csv("overruns", coach.isEmpty() ? Map.of() : Map.of("coachId", coach)));
        addFilter(model, filter);
        return "dashboard/overruns";
    }

    /** The families behind a figure of the quality report (managers: the report is the organisation's). */
    @GetMapping("/dashboard/quality")
    String quality(@RequestParam QualityTrajectories.Measure measure, @RequestParam(required = false) String value,
                   @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                   @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                   @RequestParam(defaultValue = "0") int page, Model model) {
        roles.requireAudit();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("measure", measure.name());
        params.put("from", from.toString());
        params.put("to", to.toString());
        String ofValue = bounded(value, TextBounds.CODE);
        QualityTrajectories list = views.qualityTrajectories(paged(with(params, "value", ofValue), page));
        QualityTrajectories.PageInfo info = list.page();
        model.addAttribute("list", list);
        model.addAttribute("page", new PageInfo(info.number(), info.size(), info.totalItems(), info.totalPages()));
        model.addAttribute("listLink", links(Map.of()).quality(measure.name(), ofValue, from, to));
        model.addAttribute("csv", links(Map.of()).csv("quality-trajectories", with(params, "value", ofValue)));
        addFilter(model, Map.of());
        return "dashboard/quality";
    }

    @GetMapping("/dashboard/waiting")
    String waiting(@RequestParam(required = false) String cluster, @RequestParam(required = false) String district,
                   @RequestParam(required = false) String agency, @RequestParam(defaultValue = "0") int page,
                   Model model) {
        roles.requireDashboard();
        Map<String, String> filter = filter(cluster, district);
        String ofAgency = bounded(agency, TextBounds.NAME);
        model.addAttribute("list", views.waitingList(paged(with(filter, "agency", ofAgency), page)));
        model.addAttribute("agency", ofAgency);
        model.addAttribute("csv", links(filter).csv("waiting-list", ofAgency.isEmpty() ? Map.of() : Map.of("agency", ofAgency)));
        addFilter(model, filter);
        return "dashboard/waiting";
    }

    /** A view's CSV as the query service writes it, with the filter of the page that offered it. */
    @GetMapping("/dashboard/csv/{view}")
    ResponseEntity<byte[]> csv(@PathVariable String view, @RequestParam Map<String, String> params) {
        roles.requireDashboard();
        String path = CSV_VIEWS.get(view);
        if (path == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        params.values().forEach(value -> bounded(value, TextBounds.NAME));
        return download(views.csv(path, params), view);
    }

    static ResponseEntity<byte[]> download(CsvFile file, String name) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, file.contentDisposition() != null ? file.contentDisposition()
                        : "attachment; filename=\"" + name + ".csv\"")
                .body(file.body());
    }

    private void addFilter(Model model, Map<String, String> filter) {
        model.addAttribute("cluster", filter.getOrDefault("cluster", ""));
        model.addAttribute("district", filter.getOrDefault("district", ""));
        model.addAttribute("links", links(filter));
        model.addAttribute("clusterOnly", roles.clusterOnly());
        model.addAttribute("ownCluster", roles.cluster());
        String shownCluster = filter.containsKey("cluster") ? filter.get("cluster")
                : roles.clusterOnly() && roles.cluster() != null ? roles.cluster() : "";
        model.addAttribute("filterText", java.util.stream.Stream.of(shownCluster, filter.getOrDefault("district", ""))
                .filter(text -> !text.isEmpty()).collect(java.util.stream.Collectors.joining(" · ")));
    }

    private DashboardLinks links(Map<String, String> filter) {
        return new DashboardLinks(filter.get("cluster"), filter.get("district"), roles.audit());
    }

    /** The cluster and district asked for (a senior coach's cluster is hers, whatever she asks: the service's rule). */
    private static Map<String, String> filter(String cluster, String district) {
        Map<String, String> filter = new LinkedHashMap<>();
        String ofCluster = bounded(cluster, TextBounds.NAME);
        String ofDistrict = bounded(district, TextBounds.NAME);
        if (!ofCluster.isEmpty()) {
            filter.put("cluster", ofCluster);
        }
        if (!ofDistrict.isEmpty()) {
            filter.put("district", ofDistrict);
        }
        return filter;
    }

    private static Map<String, String> with(Map<String, String> filter, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(filter);
        if (value != null && !value.isEmpty()) {
            more.put(name, value);
        }
        return more;
    }

    private static Map<String, String> paged(Map<String, String> filter, int page) {
        return with(with(filter, "page", String.valueOf(Math.max(page, 0))), "size", String.valueOf(LIST_PAGE));
    }

    /** A filter's text, at most {@code max} characters (as the service's {@code TextBounds}); longer is a 400. */
    private static String bounded(String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return value.strip();
    }

    /**
     * The caseload chart's data: per coach the active families (a bar, red when over capacity, the label marked
     * so colour is not the only sign) and the capacity, and the address of each coach's list.
     */
    private Map<String, Object> caseloadChart(Caseload caseload, DashboardLinks links) {
        String over = messages.getMessage("dashboard.caseload.overMark", null, LocaleContextHolder.getLocale());
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", caseload.coaches().stream()
                .map(c -> c.overCapacity() ? c.name() + " " + over : c.name()).toList());
        chart.put("active", caseload.coaches().stream().map(c -> c.activeTrajectories()).toList());
        chart.put("capacity", caseload.coaches().stream().map(c -> c.capacity()).toList());
        chart.put("over", caseload.coaches().stream().map(c -> c.overCapacity()).toList());
        chart.put("links", caseload.coaches().stream().map(c -> links.families(c.coachId())).toList());
        chart.put("activeLabel", message("dashboard.caseload.active"));
        chart.put("capacityLabel", message("dashboard.caseload.capacity"));
        return chart;
    }

    /** The trend chart's data: per day the active families and the capacity, and the address of that day's list. */
    private Map<String, Object> trendChart(Trend trend, DashboardLinks links) {
        Map<String, Object> chart = new LinkedHashMap<>();
        java.time.format.DateTimeFormatter month = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy",
                LocaleContextHolder.getLocale());
        chart.put("labels", trend.points().stream().map(p -> month.format(p.asOf())).toList());
        chart.put("active", trend.points().stream().map(p -> p.activeTrajectories()).toList());
        chart.put("capacity", trend.points().stream().map(p -> p.capacity()).toList());
        chart.put("links", trend.points().stream().map(p -> links.familiesOn(null, p.asOf())).toList());
        chart.put("activeLabel", message("dashboard.caseload.active"));
        chart.put("capacityLabel", message("dashboard.caseload.capacity"));
        return chart;
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

}
