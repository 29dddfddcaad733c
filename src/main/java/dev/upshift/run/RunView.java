package dev.upshift.run;

import java.time.Instant;
import java.util.List;

/**
 * A run as the API returns it and the run page renders it: the plan in order, each step's state, the pre-flight
 * checks. Safe to serialize: no secrets.
 *
 * @param activeStepId the step the run stands on (running, failed or interrupted), or null
 * @param kind         {@code upgrade}, or {@code rollback} for a run that rolls back {@code rollbackOf}
 * @param rollbackOf   the failed or aborted run a rollback run rolls back; null for an upgrade
 * @param rolledBackBy the rollback runs planned for this run, newest first (empty when none)
 */
public record RunView(Long id, Long clusterId, String clusterName, RunStatus status, String statusReason,
                      String method, String mode, String sourceVersion, String targetVersion,
                      String expectedStoreFormat, String seedServer, List<String> requiredAcknowledgements,
                      List<String> givenAcknowledgements, List<String> advisories, String createdBy, Instant createdAt,
                      String startedBy, Instant startedAt, Instant endedAt, Long activeStepId, List<StepView> steps,
                      List<CheckView> checks, String kind, Long rollbackOf, List<Long> rolledBackBy) {

    /**
     * One step. {@code skipReason} is set for SKIPPED steps (planned conditional or the operator's reason);
     * {@code waitingReason} while a started step waits for a health gate or the operator.
     */
    public record StepView(Long id, int position, int phase, String phaseKind, String phaseTitle, String key,
                           String server, String section, String text, String actor, List<StepCommand> commands,
                           String verification, String verificationKind, boolean retrySafe, String gate,
                           List<String> omitted, StepStatus status, String skipCode, String skipReason,
                           String waitingReason, String actedBy, Instant startedAt, Instant endedAt, Integer exitCode,
                           String notes, String diagnosis, int attempts, int outputLines, int outputDropped,
                           Instant commandsStartedAt) {
    }

    public record CheckView(String name, String server, boolean ok, String message, Instant checkedAt) {
    }
}
