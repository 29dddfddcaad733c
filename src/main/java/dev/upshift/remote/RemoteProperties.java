package dev.upshift.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SSH settings ({@code upshift.remote.*}).
 *
 * @param connectTimeout how long to wait for the TCP connection and the SSH handshake
 */
@ConfigurationProperties("upshift.remote")
public record RemoteProperties(@DefaultValue("10s") Duration connectTimeout) {
}
