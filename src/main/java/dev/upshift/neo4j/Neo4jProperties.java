package dev.upshift.neo4j;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bolt settings ({@code upshift.neo4j.*}).
 *
 * @param connectTimeout how long to wait for a member before calling it unreachable
 */
@ConfigurationProperties("upshift.neo4j")
public record Neo4jProperties(@DefaultValue("5s") Duration connectTimeout) {
}
