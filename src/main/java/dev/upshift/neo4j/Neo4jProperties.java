package dev.upshift.neo4j;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bolt settings ({@code upshift.neo4j.*}).
 *
 * @param connectTimeout how long to wait for a member before calling it unreachable
 * @param callTimeout    the hard limit of one whole call (connect, query, close), see {@link DriverBoltGateway}
 */
@ConfigurationProperties("upshift.neo4j")
public record Neo4jProperties(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("15s") Duration callTimeout) {
}
