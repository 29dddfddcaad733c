package dev.upshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.v1.AccessMode;
import org.neo4j.driver.v1.AuthToken;
import org.neo4j.driver.v1.Driver;
import org.neo4j.driver.v1.Session;
import org.neo4j.driver.v1.StatementResult;
import org.neo4j.driver.v1.exceptions.ServiceUnavailableException;

/** What the gateway makes of the driver's failures; the happy path against real members is in the lab's ITs. */
class DriverBoltGatewayTest {

    private static final BoltEndpoint MEMBER = BoltEndpoint.unauthenticated(URI.create("bolt://127.0.0.9:7687"));
    private static final Neo4jProperties PROPERTIES = new Neo4jProperties(Duration.ofSeconds(1), Duration.ofSeconds(5));

    /** The message driver 1.7's pool throws when a handshake completes before its listener is registered. */
    private static final IllegalStateException POOL_RACE = new IllegalStateException("No count exist for address '127.0.0.9:7687'");

    @Test
    void onePoolRaceIsTheDriversGlitchAndTheCallIsMadeAgain() {
        Driver answering = driverAnswering(List.of(1L));
        AtomicInteger opened = new AtomicInteger();
        BiFunction<String, AuthToken, Driver> drivers = (uri, auth) -> {
            if (opened.incrementAndGet() == 1) throw POOL_RACE;
            return answering;
        };

        List<?> rows = new DriverBoltGateway(PROPERTIES, drivers).query(MEMBER, "RETURN 1 AS n", java.util.Map.of(), false);

        assertThat(rows).hasSize(1);
        assertThat(opened).hasValue(2);
        verify(answering).closeAsync();
    }

    @Test
    void twoPoolRacesReadAsNoAnswerSoCallersAskElsewhereOrWait() {
        AtomicInteger opened = new AtomicInteger();
        DriverBoltGateway gateway = new DriverBoltGateway(PROPERTIES, (uri, auth) -> {
            opened.incrementAndGet();
            throw POOL_RACE;
        });

        assertThatThrownBy(() -> gateway.overview(MEMBER))
                .isInstanceOf(Neo4jUnavailableException.class)
                .hasMessageContaining("bolt://127.0.0.9:7687").hasMessageContaining("No count exist");
        assertThat(opened).hasValue(2);
    }

    @Test
    void anUnreachableMemberIsAskedOnlyOnce() {
        AtomicInteger opened = new AtomicInteger();
        DriverBoltGateway gateway = new DriverBoltGateway(PROPERTIES, (uri, auth) -> {
            opened.incrementAndGet();
            throw new ServiceUnavailableException("Unable to connect to 127.0.0.9:7687");
        });

        assertThatThrownBy(() -> gateway.components(MEMBER))
                .isInstanceOf(Neo4jUnavailableException.class).hasMessageContaining("is unreachable");
        assertThat(opened).hasValue(1);
    }

    @Test
    void aRoutingAddressIsRefusedBeforeAnyDriverIsOpened() {
        AtomicInteger opened = new AtomicInteger();
        DriverBoltGateway gateway = new DriverBoltGateway(PROPERTIES, (uri, auth) -> {
            opened.incrementAndGet();
            throw new AssertionError("no driver for a routing address");
        });

        assertThatThrownBy(() -> gateway.overview(BoltEndpoint.unauthenticated(URI.create("bolt+routing://127.0.0.9:7687"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("direct bolt://");
        assertThat(opened).hasValue(0);
    }

    @SuppressWarnings("unchecked")
    private static Driver driverAnswering(List<Long> values) {
        StatementResult result = mock(StatementResult.class);
        List<Object> rows = values.stream().<Object>map(v -> java.util.Map.<String, Object>of("n", v)).toList();
        when(result.list(any(org.neo4j.driver.v1.util.Function.class))).thenReturn(rows);
        Session session = mock(Session.class);
        when(session.run(anyString(), any(java.util.Map.class))).thenReturn(result);
        Driver driver = mock(Driver.class);
        when(driver.session(any(AccessMode.class))).thenReturn(session);
        return driver;
    }
}
