package dev.upshift.run;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The run engine ({@code upshift.run.*}).
 *
 * @param commandTimeout      how long one command of a step may run before it is stopped and the step fails
 * @param gateTimeout         how long a health gate may stay unmet before the step fails (it never proceeds unmet)
 * @param verifyTimeout       how long a member may take to be seen stopped, joined or formed by the monitor
 * @param gatePoll            how often an unmet gate or a pending verification looks again
 * @param outputCap           how many output lines are stored per step; later ones are published, not stored
 * @param diagnosisLines      how many lines of stderr and of each Neo4j log a failed step's diagnosis keeps
 * @param catchUpTolerance    how many transactions a rejoined member may be behind the leader and count as caught up
 * @param checkCatchUp        whether gates compare last committed transaction ids (via {@code dbms.queryJmx})
 * @param stagingDir          where prepared files are uploaded on each server before they are copied into place
 * @param minFreeDiskMb       pre-flight: the least free space on each server's data directory
 */
@ConfigurationProperties("upshift.run")
public record RunProperties(
        @DefaultValue("10m") Duration commandTimeout,
        @DefaultValue("5m") Duration gateTimeout,
        @DefaultValue("5m") Duration verifyTimeout,
        @DefaultValue("1s") Duration gatePoll,
        @DefaultValue("5000") int outputCap,
        @DefaultValue("40") int diagnosisLines,
        @DefaultValue("0") long catchUpTolerance,
        @DefaultValue("true") boolean checkCatchUp,
        @DefaultValue("/tmp/upshift") String stagingDir,
        @DefaultValue("1024") long minFreeDiskMb) {

    public static RunProperties defaults() {
        return new RunProperties(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofSeconds(1), 5000, 40, 0, true, "/tmp/upshift", 1024);
    }
}
