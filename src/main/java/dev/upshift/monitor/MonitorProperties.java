package dev.upshift.monitor;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Membership monitor settings ({@code upshift.monitor.*}).
 *
 * @param interval          poll period of a cluster without an active run
 * @param activeInterval    poll period of a cluster with an active run
 * @param versionRefresh    how often members' versions are re-read even when membership did not change
 * @param heartbeat         period of SSE heartbeats (keeps proxies from closing idle streams)
 */
@ConfigurationProperties("upshift.monitor")
public record MonitorProperties(@DefaultValue("2s") Duration interval,
                                @DefaultValue("1s") Duration activeInterval,
                                @DefaultValue("30s") Duration versionRefresh,
                                @DefaultValue("15s") Duration heartbeat) {
}
