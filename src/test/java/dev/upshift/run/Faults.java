package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.upshift.it.Api;

/**
 * What a fault test injected and which faults it survived: each fault prints what was injected and what was
 * observed as it happens, and the summary (survived of tried) is printed at the end whatever happened.
 */
final class Faults {

    private final List<String> survived = new ArrayList<>();

    void injected(String what, String observed) {
        System.out.println("[fault] injected: " + what + "; observed: " + observed);
    }

    void survived(String fault) {
        survived.add(fault);
        System.out.println("[fault] survived: " + fault);
    }

    void print(int tried) {
        System.out.println("[fault] summary: " + survived.size() + " of " + tried + " faults survived: " + survived);
    }

    /** Every step after {@code failed} (in the run's order) is as planned: PENDING, or a skip the planner made. */
    static void assertNothingRanAfter(Api.Response run, Map<String, Object> failed) {
        int position = ((Number) failed.get("position")).intValue();
        List<Map<String, Object>> later = run.<List<Map<String, Object>>>read("$.steps").stream()
                .filter(step -> ((Number) step.get("position")).intValue() > position).toList();
        assertThat(later).as("steps after " + failed.get("key") + " on " + failed.get("server"))
                .allSatisfy(step -> assertThat(step.get("status")).as(step.get("key") + " on " + step.get("server"))
                        .isIn("PENDING", "SKIPPED"))
                .allSatisfy(step -> assertThat(step.get("commandsStartedAt")).as(step.get("key") + " sent nothing").isNull());
    }
}
