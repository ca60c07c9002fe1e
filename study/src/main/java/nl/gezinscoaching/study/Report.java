package nl.gezinscoaching.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import nl.gezinscoaching.api.analytics.KAnonymity;
import nl.gezinscoaching.api.files.PrivateFiles;
import nl.gezinscoaching.study.KaplanMeier.Observation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The study's report: one HTML file with the method, the cut-off and the anonymisation rule, and SVG charts
 * (JFreeChart drawn by JFreeSVG) inline, so it opens anywhere without other files.
 */
final class Report {

    /** Months after assignment at which the share still open is reported. */
    static final int[] MONTHS = {4, 6, 12, 24};
    /** Days at which the numbers at risk are shown under each chart. */
    static final int[] AT_RISK_DAYS = {0, 91, 183, 365, 548, 730};
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private final StringBuilder html = new StringBuilder();
    private final int k;

    private Report(int k) {
        this.k = k;
    }

    static void write(Path file, List<TrajectoryRow> rows, Map<String, List<Replay.Wait>> waitsByTrajectory,
                      String cutoff, KAnonymity.Outcome outcome, ExportFile.Header export, long events)
            throws IOException {
        Report report = new Report(outcome.k());
        report.build(rows, waitsByTrajectory, cutoff, outcome, export, events);
        PrivateFiles.writeString(file, report.html.toString());
    }

    static List<Observation> observations(List<TrajectoryRow> rows) {
        List<Observation> observations = new ArrayList<>();
        for (TrajectoryRow row : rows) {
            if (row.daysToClosure() != null) {
                observations.add(new Observation(row.daysToClosure(), row.closed()));
            }
        }
        return observations;
    }

    private void build(List<TrajectoryRow> rows, Map<String, List<Replay.Wait>> waits, String cutoff,
                       KAnonymity.Outcome outcome, ExportFile.Header export, long events) {
        List<Observation> all = observations(rows);
        KaplanMeier overall = KaplanMeier.of(all);
        long closed = all.stream().filter(Observation::event).count();
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Duration study, cut-off %1$s</title>
                <style>
                body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
                h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
                table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; }
                th, td { border: 1px solid #ccc; padding: .25rem .55rem; text-align: right; }
                th:first-child, td:first-child { text-align: left; }
                .note { color: #555; font-size: .9rem; } figure { margin: .5rem 0; } svg { max-width: 100%%; height: auto; }
                </style></head><body>
                <h1>Duration study: time from assignment to closure</h1>
                <p><strong>Cut-off date: %1$s.</strong> %2$d trajectories (%3$d with a coach assigned: %4$d closed,
                %5$d still open and right-censored at the cut-off), replayed from %6$,d events of the pseudonymised
                event export.</p>
                """.formatted(cutoff, rows.size(), all.size(), closed, all.size() - closed, events));
        method(outcome, export);

        section("Time to closure, all trajectories");
        figure(chart("Share of trajectories still open", Map.of("all", overall), true));
        atRiskTable(Map.of("all", overall));
        html.append("<p>Median time to closure: ").append(median(overall)).append(".</p>");
        html.append("<h3>Share still open</h3><table><tr><th>after</th><th>still open</th><th>95% band</th>"
                + "<th>at risk</th></tr>");
        // "not estimable": every trajectory closed or was censored before that day, unless all had closed
        for (int months : MONTHS) {
            int day = (int) Math.round(months * 30.4375);
            KaplanMeier.Step step = stepAt(overall, day);
            html.append("<tr><td>").append(months).append(" months (day ").append(day).append(")</td><td>");
            if (overall.followedBeyond(day)) {
                html.append(percent(overall.survivalAt(day))).append("</td><td>")
                        .append(step == null ? "" : percent(step.lower()) + " – " + percent(step.upper()));
            } else {
                html.append("not estimable</td><td>nobody followed this long");
            }
            html.append("</td><td>").append(overall.atRiskAt(day)).append("</td></tr>");
        }
        html.append("</table>");

        byGroup("district", rows, TrajectoryRow::district);
        byGroup("cluster", rows, TrajectoryRow::cluster);
        byGroup("family language", rows, TrajectoryRow::language);
        byGroup("interpreter need", rows, r -> r.interpreterNeeded() == null ? null
                : r.interpreterNeeded() ? "interpreter needed" : "no interpreter");
        agencies(rows, waits);
        html.append("<p class=\"note\">Generated by deploy/study.sh; the dataset is in trajectories.csv and"
                + " trajectories.parquet beside this file, the overall table in km.csv.</p></body></html>\n");
    }

    private void method(KAnonymity.Outcome outcome, ExportFile.Header export) {
        html.append("""
                <h2>Method</h2>
                <p>Each trajectory is followed from the day a coach was assigned until it was closed. Trajectories
                still open at the cut-off are <em>right-censored</em> there: they count as "still open" for as long as
                they were followed, and are not dropped. Referrals declined or never assigned a coach are not in the
                survival analysis. The survival curve is the Kaplan–Meier estimate of the share still open; the
                dashed lines are its 95%% confidence band from Greenwood's variance on the log(−log) scale. Groups are
                compared with the log-rank test (chi-square on groups − 1 degrees of freedom). Agency waits run from
                the referral to the agency until the warm handover; a wait without a handover is censored at the
                closure or the cut-off, and its median is the Kaplan–Meier median.</p>
                <p><strong>Anonymisation.</strong> Trajectories and coaches are keyed pseudonyms; no names, birth
                dates, client numbers, free text or dates of referral appear. %s. The export this study read stated:
                %s. Groups shown below are as the rule released them, so each holds at least %d trajectories;
                a group "other" holds values too rare to show alone, a group "suppressed" trajectories whose value the
                rule removed; agencies with fewer than %d referrals are shown together as "other".</p>
                """.formatted(escape(outcome.describe()), escape(export.anonymisation()), k, k));
    }

    private void byGroup(String name, List<TrajectoryRow> rows, Function<TrajectoryRow, String> group) {
        Map<String, List<Observation>> groups = new TreeMap<>();
        for (TrajectoryRow row : rows) {
            if (row.daysToClosure() != null) {
                String key = group.apply(row);
                groups.computeIfAbsent(key == null ? "suppressed" : key, g -> new ArrayList<>())
                        .add(new Observation(row.daysToClosure(), row.closed()));
            }
        }
        section("By " + name);
        Map<String, KaplanMeier> curves = new LinkedHashMap<>();
        groups.forEach((g, observations) -> curves.put(g, KaplanMeier.of(observations)));
        figure(chart("Share still open, by " + name, curves, false));
        atRiskTable(curves);
        html.append("<table><tr><th>").append(escape(name)).append("</th><th>trajectories</th><th>closed</th>"
                + "<th>median days</th>");
        for (int months : MONTHS) {
            html.append("<th>open at ").append(months).append(" mo</th>");
        }
        html.append("</tr>");
        curves.forEach((g, km) -> {
            html.append("<tr><td>").append(escape(g)).append("</td><td>").append(km.size()).append("</td><td>")
                    .append(groups.get(g).stream().filter(Observation::event).count()).append("</td><td>")
                    .append(median(km)).append("</td>");
            for (int months : MONTHS) {
                int day = (int) Math.round(months * 30.4375);
                html.append("<td>").append(km.followedBeyond(day) ? percent(km.survivalAt(day)) : "–").append("</td>");
            }
            html.append("</tr>");
        });
        html.append("</table>");
        if (groups.size() > 1) {
            LogRank.Result test = LogRank.test(groups);
            html.append(String.format(Locale.ROOT, "<p>Log-rank test: chi-square %.2f on %d degrees of freedom, p = %s.</p>",
                    test.chiSquare(), test.degreesOfFreedom(), p(test.p())));
        } else {
            html.append("<p>Only one group: no test.</p>");
        }
    }

    private void agencies(List<TrajectoryRow> rows, Map<String, List<Replay.Wait>> waits) {
        section("Waiting at follow-up agencies");
        Map<String, List<Observation>> byAgency = new TreeMap<>();
        rows.forEach(row -> waits.getOrDefault(row.trajectory(), List.of()).forEach(wait ->
                byAgency.computeIfAbsent(wait.agency(), a -> new ArrayList<>())
                        .add(new Observation(wait.days(), wait.handedOver()))));
        Map<String, List<Observation>> shown = new TreeMap<>();
        byAgency.forEach((agency, list) -> shown.computeIfAbsent(list.size() >= k ? agency : "other",
                a -> new ArrayList<>()).addAll(list));
        html.append("<table><tr><th>agency</th><th>referrals</th><th>handed over</th><th>still waiting</th>"
                + "<th>median wait (days)</th></tr>");
        shown.forEach((agency, list) -> {
            long handed = list.stream().filter(Observation::event).count();
            html.append("<tr><td>").append(escape(agency)).append("</td><td>").append(list.size()).append("</td><td>")
                    .append(handed).append("</td><td>").append(list.size() - handed).append("</td><td>")
                    .append(median(KaplanMeier.of(list))).append("</td></tr>");
        });
        html.append("</table>");

        List<double[]> points = new ArrayList<>();
        for (TrajectoryRow row : rows) {
            if (row.closed() && row.daysToClosure() != null && row.agencyWaitDays() != null) {
                points.add(new double[] {row.agencyWaitDays(), row.daysToClosure()});
            }
        }
        html.append("<h3>Duration and time spent waiting at agencies</h3>");
        if (points.size() < Math.max(k, 3)) {
            html.append("<p>Too few closed trajectories with an agency referral to show.</p>");
            return;
        }
        XYSeries series = new XYSeries("closed trajectories");
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            series.add(points.get(i)[0], points.get(i)[1]);
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        JFreeChart chart = ChartFactory.createScatterPlot("Days to closure against days waiting at agencies",
                "days waiting at agencies (all referrals added up)", "days from assignment to closure",
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        style(chart);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setSeriesPaint(0, new Color(31, 119, 180, 90));
        figure(chart);
        double rho = new SpearmansCorrelation().correlation(x, y);
        html.append(String.format(Locale.ROOT, "<p>%d closed trajectories with at least one agency referral."
                + " Spearman's rank correlation between the time spent waiting at agencies and the time to closure:"
                + " ρ = %.2f.</p>", points.size(), rho));
    }

    private JFreeChart chart(String title, Map<String, KaplanMeier> curves, boolean band) {
        XYSeriesCollection data = new XYSeriesCollection();
        int series = 0;
        for (Map.Entry<String, KaplanMeier> curve : curves.entrySet()) {
            data.addSeries(steps(curve.getKey(), curve.getValue(), KaplanMeier.Step::survival));
            series++;
            if (band) {
                data.addSeries(steps("95% band, lower", curve.getValue(), KaplanMeier.Step::lower));
                data.addSeries(steps("95% band, upper", curve.getValue(), KaplanMeier.Step::upper));
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "days since assignment", "share still open", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYStepRenderer renderer = new XYStepRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            int curve = band ? i / 3 : i;
            renderer.setSeriesPaint(i, COLOURS[curve % COLOURS.length]);
            boolean bound = band && i % 3 != 0;
            renderer.setSeriesStroke(i, bound ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {4f, 3f}, 0f) : new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(0, 1.02);
        style(chart);
        return chart;
    }

    private static XYSeries steps(String name, KaplanMeier km, Function<KaplanMeier.Step, Double> value) {
        XYSeries series = new XYSeries(name, false, true);
        series.add(0, 1.0);
        for (KaplanMeier.Step step : km.steps()) {
            series.add(step.day(), value.apply(step));
        }
        return series;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
    }

    private void figure(JFreeChart chart) {
        SVGGraphics2D svg = new SVGGraphics2D(860, 420);
        chart.draw(svg, new Rectangle(0, 0, 860, 420));
        html.append("<figure>").append(svg.getSVGElement()).append("</figure>\n");
    }

    private void atRiskTable(Map<String, KaplanMeier> curves) {
        html.append("<table><tr><th>at risk on day</th>");
        for (int day : AT_RISK_DAYS) {
            html.append("<th>").append(day).append("</th>");
        }
        html.append("</tr>");
        curves.forEach((name, km) -> {
            html.append("<tr><td>").append(escape(name)).append("</td>");
            for (int day : AT_RISK_DAYS) {
                html.append("<td>").append(km.atRiskAt(day)).append("</td>");
            }
            html.append("</tr>");
        });
        html.append("</table>");
    }

    private void section(String title) {
        html.append("<h2 id=\"").append(title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")).append("\">")
                .append(escape(title)).append("</h2>\n");
    }

    private static KaplanMeier.Step stepAt(KaplanMeier km, int day) {
        KaplanMeier.Step last = null;
        for (KaplanMeier.Step step : km.steps()) {
            if (step.day() > day) {
                break;
            }
            last = step;
        }
        return last;
    }

    private static String median(KaplanMeier km) {
        OptionalInt median = km.median();
        return median.isPresent() ? median.getAsInt() + " days" : "not reached";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String p(double p) {
        return Double.isNaN(p) ? "n/a" : p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
