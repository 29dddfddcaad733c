package dev.upshift.run;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.upshift.monitor.ClusterMonitor;

/**
 * A cluster with an active run is polled faster ({@code upshift.monitor.active-interval}, 1 s): the gates and the
 * people watching need to see a member leave and come back as soon as possible. Back to the normal interval when
 * the run no longer holds the cluster.
 */
@Component
class RunMonitorCadence {

    private final ClusterMonitor monitor;

    RunMonitorCadence(ClusterMonitor monitor) {
        this.monitor = monitor;
    }

    @EventListener
    void onRunChanged(RunChanged changed) {
        monitor.watchClosely(changed.clusterId(), changed.status() == RunStatus.RUNNING);
    }
}
