package nl.gezinscoaching.api.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The k-anonymity rule applied to every dataset that leaves the platform (the event export, the study's
 * files, the durations export): each combination of quasi-identifiers (district, family language,
 * interpreter need, migration generation, cluster, referral period: whatever the dataset carries) must be
 * shared by at least {@code k} trajectories.
 * <p>
 * The rule, in this order: the steps of the {@link Step ladder} are taken one after the other; each step
 * coarsens one quasi-identifier (a month becomes its quarter, a quarter its year, a district or a language
 * {@value #OTHER}, a generation or an interpreter need {@code null}) <em>only in the rows whose current
 * combination is shared by fewer than k rows</em>, and the combinations are counted again before the next
 * step. Rows still in a combination of fewer than k after the last step lose every quasi-identifier
 * (suppressed: all {@code null}); their measurements stay. If fewer than k rows are suppressed, they would
 * form a small group of their own, so they are withheld from the dataset entirely and only counted.
 * <p>
 * The outcome is deterministic (it depends only on the rows, not on their order) and every dataset states
 * it as {@link Outcome#describe()}.
 */
public final class KAnonymity {

    /** The value a district or a language becomes when it is too rare. */
    public static final String OTHER = "other";
    /** The default k: a combination must be shared by at least 5 trajectories. */
    public static final int DEFAULT_K = 5;

    /** One coarsening of quasi-identifier {@code index}. */
    public record Step(int index, String name, UnaryOperator<String> coarsen) {
    }

    /** A month (YYYY-MM) becomes its quarter (YYYY-Qn); anything else stays. */
    public static String quarterOf(String value) {
        if (value == null || value.length() != 7 || value.charAt(4) != '-') {
            return value;
        }
        int month = Integer.parseInt(value.substring(5));
        return value.substring(0, 4) + "-Q" + ((month - 1) / 3 + 1);
    }

    /** A quarter (YYYY-Qn) or month becomes its year. */
    public static String yearOf(String value) {
        return value == null || value.length() < 4 ? value : value.substring(0, 4);
    }

    /** The standard ladder for a dataset whose quasi-identifiers are at these positions (-1 when absent). */
    public static List<Step> ladder(int period, int language, int district, int generation, int interpreter,
                                    int cluster) {
        List<Step> steps = new ArrayList<>();
        if (period >= 0) {
            steps.add(new Step(period, "period to quarter", KAnonymity::quarterOf));
        }
        if (language >= 0) {
            steps.add(new Step(language, "language to other", v -> v == null ? null : OTHER));
        }
        if (period >= 0) {
            steps.add(new Step(period, "period to year", KAnonymity::yearOf));
        }
        if (district >= 0) {
            steps.add(new Step(district, "district to other", v -> v == null ? null : OTHER));
        }
        if (generation >= 0) {
            steps.add(new Step(generation, "migration generation suppressed", v -> null));
        }
        if (interpreter >= 0) {
            steps.add(new Step(interpreter, "interpreter need suppressed", v -> null));
        }
        if (cluster >= 0) {
            steps.add(new Step(cluster, "cluster to other", v -> v == null ? null : OTHER));
        }
        return List.copyOf(steps);
    }

    private final int k;
    private final List<Step> ladder;

    public KAnonymity(int k, List<Step> ladder) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        this.k = k;
        this.ladder = List.copyOf(ladder);
    }

    public int k() {
        return k;
    }

    /**
     * What the rule did to a dataset. Rows with the same quasi-identifiers are always treated alike, so the
     * outcome maps each original combination to the one released: its size depends on how many
     * combinations there are, never on how many rows.
     *
     * @param released    per original combination the released one (all {@code null} when suppressed);
     *                    absent when its rows are withheld
     * @param generalised rows with at least one coarsened value (suppressed ones included)
     * @param suppressed  rows released without any quasi-identifier
     * @param withheld    rows not released at all (too few suppressed to hide among each other)
     */
    public record Outcome(int k, Map<List<String>, List<String>> released, long generalised, long suppressed,
                          long withheld) {

        /** The released quasi-identifiers for this original combination, or empty when its rows are withheld. */
        public Optional<List<String>> of(List<String> original) {
            return Optional.ofNullable(released.get(original));
        }

        /** The rule and what it did, for the dataset's own description. */
        public String describe() {
            return "k-anonymity k=" + k + " over district, language, interpreter need, migration generation,"
                    + " cluster and referral period where present (rare combinations generalised in turn: period to"
                    + " quarter, language to other, period to year, district to other, generation and interpreter"
                    + " need suppressed, cluster to other; then all suppressed, or withheld when fewer than k): "
                    + generalised + " rows generalised, " + suppressed + " suppressed, " + withheld + " withheld";
        }
    }

    /** Applies the rule to one row per key (its quasi-identifiers in ladder positions). */
    public Outcome applyToRows(java.util.Collection<List<String>> rows) {
        Map<List<String>, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.merge(row, 1L, Long::sum));
        return apply(counts);
    }

    /** Applies the rule to a dataset given as the number of rows of each combination of quasi-identifiers. */
    public Outcome apply(Map<List<String>, Long> combinations) {
        // original combination -> current (coarsened) values
        Map<List<String>, String[]> current = new HashMap<>();
        combinations.keySet().forEach(original -> current.put(original, original.toArray(String[]::new)));
        for (Step step : ladder) {
            Map<List<String>, Long> counts = counts(current, combinations);
            current.forEach((original, values) -> {
                if (counts.get(Arrays.asList(values)) < k) {
                    values[step.index()] = step.coarsen().apply(values[step.index()]);
                }
            });
        }
        Map<List<String>, Long> counts = counts(current, combinations);
        List<List<String>> small = current.entrySet().stream()
                .filter(e -> counts.get(Arrays.asList(e.getValue())) < k)
                .map(Map.Entry::getKey)
                .toList();
        long suppressedRows = small.stream().mapToLong(combinations::get).sum();
        long emptyAlready = current.entrySet().stream()
                .filter(e -> !small.contains(e.getKey()) && Arrays.stream(e.getValue()).allMatch(Objects::isNull))
                .mapToLong(e -> combinations.get(e.getKey())).sum();
        boolean hideAmongEachOther = suppressedRows + emptyAlready >= k;
        long suppressed = 0;
        long withheld = 0;
        for (List<String> original : small) {
            if (hideAmongEachOther) {
                Arrays.fill(current.get(original), null);
                suppressed += combinations.get(original);
            } else {
                current.remove(original);
                withheld += combinations.get(original);
            }
        }
        Map<List<String>, List<String>> released = new HashMap<>();
        long generalised = 0;
        for (Map.Entry<List<String>, String[]> e : current.entrySet()) {
            List<String> values = Collections.unmodifiableList(Arrays.asList(e.getValue()));
            released.put(e.getKey(), values);
            if (!values.equals(e.getKey())) {
                generalised += combinations.get(e.getKey());
            }
        }
        return new Outcome(k, Collections.unmodifiableMap(released), generalised, suppressed, withheld);
    }

    private static Map<List<String>, Long> counts(Map<List<String>, String[]> current,
                                                  Map<List<String>, Long> combinations) {
        Map<List<String>, Long> counts = new HashMap<>();
        current.forEach((original, values) -> counts.merge(Arrays.asList(values.clone()), combinations.get(original),
                Long::sum));
        return counts;
    }
}
