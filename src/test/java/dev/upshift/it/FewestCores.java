package dev.upshift.it;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.upshift.monitor.MembershipSnapshot;
import dev.upshift.monitor.MembershipView;

/**
 * Samples the monitor's view of a cluster every 200 ms while a run changes it, and keeps the fewest cores it saw
 * present (the run engine's promise: never below a majority). Unreachable moments are not counted as zero: the
 * monitor says "unreachable", not "empty".
 */
public final class FewestCores implements AutoCloseable {

    private final AtomicLong fewest = new AtomicLong(Long.MAX_VALUE);
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final Thread sampler;

    public FewestCores(MembershipView membership, Long clusterId) {
        sampler = new Thread(() -> {
            while (sampling.get()) {
                MembershipSnapshot s = membership.current(clusterId);
                if (s.reachable()) fewest.accumulateAndGet(s.presentCores(), Math::min);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fewest-cores-" + clusterId);
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Stops sampling; the fewest cores seen. */
    public long stop() {
        sampling.set(false);
        sampler.interrupt();
        return fewest.get();
    }

    @Override
    public void close() {
        stop();
    }
}
