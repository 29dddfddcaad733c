package dev.upshift.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.upshift.monitor.MembershipChange;
import dev.upshift.run.OutputLineView;
import dev.upshift.run.RunApprovals;
import dev.upshift.run.RunApprovals.ApprovalView;
import dev.upshift.run.RunView;
import dev.upshift.run.RunView.StepView;

/**
 * Everything a lead reads about one run afterwards, for the review page and both reports: the plan by phase, every
 * step with its record and output, the timeline picture, the backups' checksums, the membership change log during
 * the run and the membership it left, and who approved its plan.
 *
 * @param approvals every approval of the run's plan, as {@link RunApprovals} judges it now (valid, void, revoked,
 *                  superseded); empty when nobody approved it (only a cluster that requires approval offers it)
 * @param changes the cluster's membership changes between the run's start and its end (now, while it goes on)
 */
public record RunReview(RunView run, List<Phase> phases, List<StepRecord> steps, TimelinePicture picture,
                        List<Backup> backups, List<MembershipChange> changes, FinalMembership membership,
                        List<ApprovalView> approvals) {

    public record Phase(int index, String kind, String title, List<StepView> steps) {
    }

    /** One step as it ran; {@code duration} null when it never started. */
    public record StepRecord(StepView step, String duration, List<OutputLineView> output) {
    }

    /** One file a backup step recorded, with the SHA-256 sum it printed. */
    public record Backup(String stepKey, String server, String path, String sha256, Instant at) {
    }

    /** "42 s", "3 min 05 s", "1 h 02 min"; null when it never started, "running" when it has not ended. */
    public static String duration(Instant start, Instant end) {
        if (start == null) return null;
        if (end == null) return "running";
        long s = Math.max(0, Duration.between(start, end).toSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + String.format("%02d", s % 60) + " s";
        return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " min";
    }
}
