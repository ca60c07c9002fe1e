package nl.gezinscoaching.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * The Kaplan-Meier estimate of the survival function (here: the share of trajectories still open after t
 * days), with Greenwood's variance and a 95% confidence band on the log(-log) scale, which keeps the band
 * within 0 and 1 (as R's {@code survfit(conf.type = "log-log")}).
 */
final class KaplanMeier {

    static final double Z95 = 1.959963984540054;

    /** One observation: after {@code time} days the trajectory was closed ({@code event}) or still open. */
    record Observation(int time, boolean event) {
    }

    /**
     * One row per distinct time at which something happened.
     *
     * @param atRisk   trajectories still open just before {@code day}
     * @param events   closed on {@code day}
     * @param censored still open on {@code day}, and not followed longer
     */
    record Step(int day, int atRisk, int events, int censored, double survival, double lower, double upper) {
    }

    private final List<Step> steps;
    private final int size;

    private KaplanMeier(List<Step> steps, int size) {
        this.steps = List.copyOf(steps);
        this.size = size;
    }

    static KaplanMeier of(List<Observation> observations) {
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparingInt(Observation::time));
        List<Step> steps = new ArrayList<>();
        int atRisk = sorted.size();
        double survival = 1;
        double greenwood = 0; // sum of d / (n (n - d))
        int i = 0;
        while (i < sorted.size()) {
            int day = sorted.get(i).time();
            int events = 0;
            int censored = 0;
            while (i < sorted.size() && sorted.get(i).time() == day) {
                if (sorted.get(i).event()) {
                    events++;
                } else {
                    censored++;
                }
                i++;
            }
            if (events > 0) {
                survival *= 1 - (double) events / atRisk;
                greenwood = atRisk == events ? Double.POSITIVE_INFINITY
                        : greenwood + (double) events / ((double) atRisk * (atRisk - events));
            }
            double[] band = band(survival, greenwood);
            steps.add(new Step(day, atRisk, events, censored, survival, band[0], band[1]));
            atRisk -= events + censored;
        }
        return new KaplanMeier(steps, sorted.size());
    }

    /** The log(-log) band: S^exp(±z·se), se = sqrt(greenwood) / |log S|. */
    private static double[] band(double survival, double greenwood) {
        if (survival <= 0 || survival >= 1 || Double.isInfinite(greenwood)) {
            return new double[] {survival >= 1 ? 1 : 0, survival >= 1 ? 1 : Math.max(survival, 0)};
        }
        double se = Math.sqrt(greenwood) / Math.abs(Math.log(survival));
        return new double[] {Math.pow(survival, Math.exp(Z95 * se)), Math.pow(survival, Math.exp(-Z95 * se))};
    }

    List<Step> steps() {
        return steps;
    }

    int size() {
        return size;
    }

    /** The estimate just after {@code day}. */
    double survivalAt(int day) {
        double survival = 1;
        for (Step step : steps) {
            if (step.day() > day) {
                break;
            }
            survival = step.survival();
        }
        return survival;
    }

    /**
     * Whether the estimate at {@code day} is defined: someone was followed at least that long, or the estimate
     * had already fallen to zero (everyone closed).
     */
    boolean followedBeyond(int day) {
        if (steps.isEmpty()) {
            return false;
        }
        Step last = steps.get(steps.size() - 1);
        return last.day() >= day || last.survival() == 0 && last.censored() == 0;
    }

    /** Trajectories still at risk at {@code day} (open and followed at least that long). */
    int atRiskAt(int day) {
        for (Step step : steps) {
            if (step.day() >= day) {
                return step.atRisk();
            }
        }
        return 0;
    }

    /** The median: the first day on which the estimate falls to 0.5 or below; empty when it never does. */
    OptionalInt median() {
        return steps.stream().filter(s -> s.survival() <= 0.5).mapToInt(Step::day).findFirst();
    }
}
