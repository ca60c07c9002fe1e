package nl.gezinscoaching.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import nl.gezinscoaching.study.KaplanMeier.Observation;

/**
 * The log-rank test of equal survival in two or more groups: observed minus expected closures per group,
 * with their hypergeometric covariance, chi-square on groups - 1 degrees of freedom (as R's
 * {@code survdiff}).
 */
final class LogRank {

    record Result(double chiSquare, int degreesOfFreedom, double p, List<String> groups, double[] observed,
                  double[] expected) {
    }

    private LogRank() {
    }

    static Result test(Map<String, List<Observation>> groups) {
        List<String> names = new ArrayList<>(groups.keySet());
        int g = names.size();
        if (g < 2) {
            return new Result(Double.NaN, 0, Double.NaN, names, new double[g], new double[g]);
        }
        TreeSet<Integer> times = new TreeSet<>();
        groups.values().forEach(list -> list.stream().filter(Observation::event).forEach(o -> times.add(o.time())));
        double[] observed = new double[g];
        double[] expected = new double[g];
        double[][] variance = new double[g][g];
        for (int time : times) {
            double[] atRisk = new double[g];
            double[] events = new double[g];
            for (int j = 0; j < g; j++) {
                for (Observation o : groups.get(names.get(j))) {
                    if (o.time() >= time) {
                        atRisk[j]++;
                        if (o.time() == time && o.event()) {
                            events[j]++;
                        }
                    }
                }
            }
            double n = 0;
            double d = 0;
            for (int j = 0; j < g; j++) {
                n += atRisk[j];
                d += events[j];
            }
            for (int j = 0; j < g; j++) {
                observed[j] += events[j];
                expected[j] += d * atRisk[j] / n;
                if (n > 1) {
                    double factor = d * (n - d) / (n * n * (n - 1));
                    for (int l = 0; l < g; l++) {
                        variance[j][l] += factor * ((j == l ? n * atRisk[j] : 0) - atRisk[j] * atRisk[l]);
                    }
                }
            }
        }
        // the first g - 1 groups determine the last
        RealVector difference = new ArrayRealVector(g - 1);
        RealMatrix covariance = new Array2DRowRealMatrix(g - 1, g - 1);
        for (int j = 0; j < g - 1; j++) {
            difference.setEntry(j, observed[j] - expected[j]);
            for (int l = 0; l < g - 1; l++) {
                covariance.setEntry(j, l, variance[j][l]);
            }
        }
        double chiSquare;
        try {
            chiSquare = difference.dotProduct(new LUDecomposition(covariance).getSolver().getInverse().operate(difference));
        } catch (RuntimeException singular) {
            chiSquare = Double.NaN;
        }
        double p = Double.isNaN(chiSquare) ? Double.NaN
                : 1 - new ChiSquaredDistribution(g - 1).cumulativeProbability(chiSquare);
        return new Result(chiSquare, g - 1, p, names, observed, expected);
    }
}
