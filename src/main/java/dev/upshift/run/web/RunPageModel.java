package dev.upshift.run.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.upshift.run.RunStatus;
import dev.upshift.run.RunView;
import dev.upshift.run.RunView.StepView;
import dev.upshift.run.StepStatus;

/**
 * The run page's view of a {@link RunView}: steps grouped into the manual's phases, the step the run stands on, and
 * the numbers shown at a glance. Built the same way for the page and for every SSE push, so both render alike.
 */
public record RunPageModel(RunView run, List<PhaseView> phases, Long currentStepId, int total, int done, int skipped,
                           int failed, int percent) {

    /** One phase of the plan (pre-upgrade, one server, post-upgrade…) with its step cards. */
    public record PhaseView(Long runId, int index, String kind, String title, String server, List<StepCard> steps, int done,
                     String status) {

        public int total() {
            return steps.size();
        }
    }

    /**
     * One step as its card shows it. {@code awaitingOperator}: a manual step waits for the operator to act;
     * {@code reconfirmable}: a manual step failed its check and the operator may confirm again after fixing it by hand;
     * {@code actionable}: the viewer's actions may apply (the card then loads them for the viewer's role).
     */
    public record StepCard(Long runId, String runStatus, StepView step, boolean current, String duration,
                    boolean awaitingOperator, boolean reconfirmable, boolean actionable) {
    }

    static RunPageModel of(RunView run) {
        Long current = currentStep(run);
        Map<Integer, List<StepCard>> byPhase = new LinkedHashMap<>();
        Map<Integer, StepView> firstOfPhase = new LinkedHashMap<>();
        for (StepView s : run.steps()) {
            byPhase.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(card(run, s, current));
            firstOfPhase.putIfAbsent(s.phase(), s);
        }
        List<PhaseView> phases = new ArrayList<>();
        byPhase.forEach((index, cards) -> {
            StepView first = firstOfPhase.get(index);
            int done = (int) cards.stream().filter(c -> c.step().status().isDone()).count();
            String server = cards.stream().map(c -> c.step().server()).distinct().count() == 1 ? first.server() : null;
            phases.add(new PhaseView(run.id(), index, first.phaseKind(), first.phaseTitle(), server, cards, done,
                    phaseStatus(cards)));
        });
        int total = run.steps().size();
        int done = (int) run.steps().stream().filter(s -> s.status().isDone()).count();
        int skipped = (int) run.steps().stream().filter(s -> s.status() == StepStatus.SKIPPED).count();
        int failed = (int) run.steps().stream().filter(s -> s.status() == StepStatus.FAILED).count();
        return new RunPageModel(run, phases, current, total, done, skipped, failed, total == 0 ? 0 : done * 100 / total);
    }

    public StepCard card(Long stepId) {
        return phases.stream().flatMap(p -> p.steps().stream()).filter(c -> c.step().id().equals(stepId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Run " + run.id() + " has no step " + stepId));
    }

    public PhaseView phaseOf(Long stepId) {
        return phases.stream().filter(p -> p.steps().stream().anyMatch(c -> c.step().id().equals(stepId))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Run " + run.id() + " has no step " + stepId));
    }

    public StepView currentStepView() {
        return run.steps().stream().filter(s -> s.id().equals(currentStepId)).findFirst().orElse(null);
    }

    /** The step whose output the console shows first: the one the run stands on, else the last one that ran. */
    public StepView focusStep() {
        StepView current = currentStepView();
        if (current != null && current.startedAt() != null) return current;
        return run.steps().stream().filter(s -> s.startedAt() != null)
                .max((a, b) -> a.startedAt().compareTo(b.startedAt())).orElse(null);
    }

    public boolean isPlanned() {
        return run.status() == RunStatus.PLANNED;
    }

    public boolean isFinished() {
        return run.status().isFinished();
    }

    /** The step the run stands on: running or failed, else (while the run is live) the next pending one. */
    private static Long currentStep(RunView run) {
        if (run.activeStepId() != null) return run.activeStepId();
        if (run.status() == RunStatus.PLANNED || run.status().isFinished()) return null;
        return run.steps().stream().filter(s -> s.status() == StepStatus.PENDING).map(StepView::id).findFirst()
                .orElse(null);
    }

    private static StepCard card(RunView run, StepView s, Long current) {
        boolean awaiting = s.status() == StepStatus.RUNNING && s.waitingReason() != null
                && s.waitingReason().startsWith("Waiting for the operator");
        boolean actionable = !run.status().isFinished() && run.status() != RunStatus.PLANNED
                && (s.status() == StepStatus.PENDING || s.status() == StepStatus.FAILED || s.status() == StepStatus.RUNNING);
        boolean reconfirmable = s.status() == StepStatus.FAILED && run.status() == RunStatus.FAILED
                && "manual".equals(run.mode());
        return new StepCard(run.id(), run.status().name(), s, s.id().equals(current), duration(s.startedAt(), s.endedAt()),
                awaiting, reconfirmable, actionable);
    }

    private static String phaseStatus(List<StepCard> cards) {
        if (cards.stream().anyMatch(c -> c.step().status() == StepStatus.FAILED)) return "FAILED";
        if (cards.stream().anyMatch(c -> c.step().status() == StepStatus.RUNNING)) return "RUNNING";
        if (cards.stream().allMatch(c -> c.step().status().isDone())) return "SUCCEEDED";
        return "PENDING";
    }

    /** "42 s", "3 min 05 s", "1 h 02 min"; running steps count up to now; null when the step never started. */
    static String duration(Instant start, Instant end) {
        if (start == null) return null;
        Duration d = Duration.between(start, end == null ? Instant.now() : end);
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + String.format("%02d", s % 60) + " s";
        return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " min";
    }
}
