package dev.upshift.monitor;

import java.time.Duration;

/** The monitor's current view of a cluster: what the pages show and what the run engine's gates decide on. */
public interface MembershipView {

    MembershipSnapshot current(Long clusterId);

    /**
     * The current view, waiting up to {@code atMost} for the first poll of a cluster the monitor has not polled yet
     * (one registered a moment ago): a check that reads "not polled yet" as "unhealthy" would send a DBA to repair a
     * healthy cluster. Returns the unknown snapshot when the first poll does not finish in time.
     */
    default MembershipSnapshot firstKnown(Long clusterId, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        MembershipSnapshot s = current(clusterId);
        while (!s.isKnown() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return s;
            }
            s = current(clusterId);
        }
        return s;
    }
}
