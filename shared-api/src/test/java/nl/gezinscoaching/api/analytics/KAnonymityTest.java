package nl.gezinscoaching.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class KAnonymityTest {

    /** period, language, district */
    private static final KAnonymity RULE = new KAnonymity(5, KAnonymity.ladder(0, 1, 2, -1, -1, -1));

    private static List<List<String>> rows(int n, String period, String language, String district) {
        return new ArrayList<>(Collections.nCopies(n, Arrays.asList(period, language, district)));
    }

    @Test
    void aRareLanguageBecomesOtherOnceItsPeriodIsCoarsenedAndStillTooRare() {
        List<List<String>> caseload = new ArrayList<>();
        caseload.addAll(rows(12, "2025-01", "nl", "Escamp"));
        caseload.addAll(rows(6, "2025-02", "ar", "Escamp"));
        caseload.addAll(rows(1, "2025-02", "ti", "Escamp")); // one Tigrinya-speaking family: unique
        caseload.addAll(rows(4, "2025-03", "tr", "Escamp"));
        KAnonymity.Outcome outcome = RULE.applyToRows(caseload);

        // the Tigrinya and Turkish families share "2025-Q1, other, Escamp": five of them
        assertThat(outcome.of(Arrays.asList("2025-02", "ti", "Escamp"))).contains(List.of("2025-Q1", "other", "Escamp"));
        assertThat(outcome.of(Arrays.asList("2025-03", "tr", "Escamp"))).contains(List.of("2025-Q1", "other", "Escamp"));
        // combinations that were common enough are released as they are
        assertThat(outcome.of(Arrays.asList("2025-01", "nl", "Escamp"))).contains(List.of("2025-01", "nl", "Escamp"));
        assertThat(outcome.of(Arrays.asList("2025-02", "ar", "Escamp"))).contains(List.of("2025-02", "ar", "Escamp"));
        assertThat(outcome.generalised()).isEqualTo(5);
        assertThat(outcome.suppressed()).isZero();
        assertThat(outcome.withheld()).isZero();
        assertThat(outcome.describe()).startsWith("k-anonymity k=5");
    }

    @Test
    void everyReleasedCombinationIsSharedByAtLeastKRows() {
        List<List<String>> caseload = new ArrayList<>();
        String[] languages = {"nl", "ar", "tr", "pl", "so", "ti", "en"};
        String[] districts = {"Centrum", "Escamp", "Laak", "Loosduinen"};
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            caseload.add(Arrays.asList("2025-%02d".formatted(1 + random.nextInt(12)),
                    languages[random.nextInt(languages.length)], districts[random.nextInt(districts.length)]));
        }
        KAnonymity.Outcome outcome = RULE.applyToRows(caseload);
        java.util.Map<List<String>, Integer> released = new java.util.HashMap<>();
        long kept = 0;
        for (List<String> row : caseload) {
            var out = outcome.of(row);
            if (out.isPresent()) {
                released.merge(out.get(), 1, Integer::sum);
                kept++;
            }
        }
        assertThat(released.values()).allMatch(count -> count >= 5);
        assertThat(kept + outcome.withheld()).isEqualTo(300);
    }

    @Test
    void tooFewLeftToSuppressAreWithheld() {
        List<List<String>> caseload = new ArrayList<>();
        caseload.addAll(rows(10, "2025-01", "nl", "Escamp"));
        caseload.addAll(rows(1, "2024-06", "nl", "Escamp"));
        KAnonymity.Outcome outcome = new KAnonymity(5, List.of()).applyToRows(caseload);
        assertThat(outcome.of(Arrays.asList("2024-06", "nl", "Escamp"))).isEmpty();
        assertThat(outcome.withheld()).isEqualTo(1);
    }

    @Test
    void kIsConfigurable() {
        List<List<String>> caseload = rows(3, "2025-01", "ti", "Escamp");
        assertThat(new KAnonymity(3, RULE_LADDER()).applyToRows(caseload).of(caseload.get(0)))
                .contains(Arrays.asList("2025-01", "ti", "Escamp"));
        assertThat(new KAnonymity(4, RULE_LADDER()).applyToRows(caseload).of(caseload.get(0))).isEmpty();
    }

    private static List<KAnonymity.Step> RULE_LADDER() {
        return KAnonymity.ladder(0, 1, 2, -1, -1, -1);
    }
}
