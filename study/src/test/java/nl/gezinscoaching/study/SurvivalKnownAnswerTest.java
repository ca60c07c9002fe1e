package nl.gezinscoaching.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.gezinscoaching.study.KaplanMeier.Observation;
import nl.gezinscoaching.study.KaplanMeier.Step;
import org.junit.jupiter.api.Test;

/**
 * The classic AML data (Miller 1981; R's {@code survival::aml}): weeks in remission, "+" censored. The
 * expected survival, median and chi-square are the published figures for these data (the Proof);
 * the confidence band is worked out by hand below.
 */
class SurvivalKnownAnswerTest {

    /** 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+ */
    static final List<Observation> MAINTAINED = parse("9 13 13+ 18 23 28+ 31 34 45+ 48 161+");
    /** 5, 5, 8, 8, 12, 16+, 23, 27, 30, 33, 43, 45 */
    static final List<Observation> NONMAINTAINED = parse("5 5 8 8 12 16+ 23 27 30 33 43 45");

    static List<Observation> parse(String times) {
        List<Observation> observations = new ArrayList<>();
        for (String time : times.split(" ")) {
            boolean censored = time.endsWith("+");
            observations.add(new Observation(Integer.parseInt(time.replace("+", "")), !censored));
        }
        return observations;
    }

    @Test
    void kaplanMeierOfTheMaintainedGroup() {
        KaplanMeier km = KaplanMeier.of(MAINTAINED);
        Map<Integer, Double> expected = new LinkedHashMap<>();
        expected.put(9, 0.9091);
        expected.put(13, 0.8182);
        expected.put(18, 0.7159);
        expected.put(23, 0.6136);
        expected.put(31, 0.4909);
        expected.put(34, 0.3682);
        expected.put(48, 0.1841);
        expected.forEach((day, survival) -> assertThat(km.survivalAt(day)).as("S(" + day + ")")
                .isCloseTo(survival, within(0.00005)));
        assertThat(km.median()).hasValue(31);
        Step at13 = km.steps().stream().filter(s -> s.day() == 13).findFirst().orElseThrow();
        assertThat(at13.atRisk()).isEqualTo(10);
        assertThat(at13.events()).isEqualTo(1);
        assertThat(at13.censored()).isEqualTo(1);
        // by hand at 31: Greenwood sum 1/110 + 1/90 + 1/56 + 1/42 + 1/20 = 0.111869; se on the log(-log)
        // scale sqrt(0.111869) / |ln 0.4909| = 0.47008; band 0.4909^exp(±1.96 * 0.47008) = 0.1673 .. 0.7534
        Step at31 = km.steps().stream().filter(s -> s.day() == 31).findFirst().orElseThrow();
        assertThat(at31.lower()).isCloseTo(0.1673, within(0.0005));
        assertThat(at31.upper()).isCloseTo(0.7534, within(0.0005));
        assertThat(km.steps()).allMatch(s -> s.lower() <= s.survival() && s.survival() <= s.upper());
    }

    @Test
    void logRankOfMaintainedAgainstNonmaintained() {
        Map<String, List<Observation>> groups = new LinkedHashMap<>();
        groups.put("Maintained", MAINTAINED);
        groups.put("Nonmaintained", NONMAINTAINED);
        LogRank.Result result = LogRank.test(groups);
        assertThat(result.chiSquare()).isCloseTo(3.40, within(0.01));
        assertThat(result.degreesOfFreedom()).isEqualTo(1);
        assertThat(result.p()).isCloseTo(0.065, within(0.001));
        assertThat(result.observed()).containsExactly(7, 11);
        assertThat(result.expected()[0]).isCloseTo(10.69, within(0.01));
    }

    @Test
    void logRankOfThreeGroupsHasTwoDegreesOfFreedomAndIdenticalGroupsDoNotDiffer() {
        Map<String, List<Observation>> groups = new LinkedHashMap<>();
        groups.put("a", MAINTAINED);
        groups.put("b", MAINTAINED);
        groups.put("c", MAINTAINED);
        LogRank.Result result = LogRank.test(groups);
        assertThat(result.degreesOfFreedom()).isEqualTo(2);
        assertThat(result.chiSquare()).isCloseTo(0, within(1e-9));
        assertThat(result.p()).isCloseTo(1, within(1e-9));
    }
}
