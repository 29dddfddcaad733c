package dev.upshift.neo4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.neo4j.driver.v1.AccessMode;
import org.neo4j.driver.v1.AuthToken;
import org.neo4j.driver.v1.AuthTokens;
import org.neo4j.driver.v1.Config;
import org.neo4j.driver.v1.Driver;
import org.neo4j.driver.v1.GraphDatabase;
import org.neo4j.driver.v1.Record;
import org.neo4j.driver.v1.Session;
import org.neo4j.driver.v1.exceptions.AuthenticationException;
import org.neo4j.driver.v1.exceptions.ClientException;
import org.neo4j.driver.v1.exceptions.Neo4jException;
import org.neo4j.driver.v1.exceptions.ServiceUnavailableException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Bolt over neo4j-java-driver 1.7.x, the last line that speaks to Neo4j 3.x. Each call opens a short-lived direct
 * ({@code bolt://}) driver to exactly the member asked for: the monitor must see what that member says, not what a
 * routing driver chose, and a driver per call keeps no pool pointed at a member that is being upgraded.
 */
@Component
public class DriverBoltGateway implements BoltGateway {

    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final BiFunction<String, AuthToken, Driver> drivers;

    @Autowired
    public DriverBoltGateway(Neo4jProperties properties) {
        this(properties, null);
    }

    /** With {@code drivers} opening each call's driver (a test's fake); null means a real driver with this gateway's config. */
    DriverBoltGateway(Neo4jProperties properties, BiFunction<String, AuthToken, Driver> drivers) {
        this.connectTimeout = properties.connectTimeout();
        this.callTimeout = properties.callTimeout();
        this.drivers = drivers != null ? drivers : (uri, auth) -> GraphDatabase.driver(uri, auth, config());
    }

    @Override
    public List<ClusterMember> overview(BoltEndpoint endpoint) {
        return run(endpoint, AccessMode.READ, session -> session.run("CALL dbms.cluster.overview()").list(DriverBoltGateway::member));
    }

    @Override
    public List<Neo4jComponent> components(BoltEndpoint endpoint) {
        return run(endpoint, AccessMode.READ, session -> session.run("CALL dbms.components()").list(r -> new Neo4jComponent(
                r.get("name").asString(), r.get("versions").asList(v -> v.asString()), r.get("edition").asString())));
    }

    @Override
    public List<Map<String, Object>> query(BoltEndpoint endpoint, String cypher, Map<String, Object> parameters, boolean write) {
        return run(endpoint, write ? AccessMode.WRITE : AccessMode.READ,
                session -> new ArrayList<>(session.run(cypher, parameters).list(Record::asMap)));
    }

    private static ClusterMember member(Record r) {
        return new ClusterMember(
                r.get("id").asString(),
                r.get("addresses").asList(v -> v.asString()),
                r.get("role").asString(),
                r.get("groups").isNull() ? List.of() : r.get("groups").asList(v -> v.asString()),
                r.containsKey("database") ? r.get("database").asString(null) : null);
    }

    /**
     * Every call has a hard time limit: driver 1.7 can block forever closing its pool when a member accepts the TCP
     * connection but drops the Bolt handshake (seen on half-started members). A stuck call stays on its daemon
     * thread; the caller moves on as if the member were unreachable, so a monitor poll or a gate never hangs.
     */
    private <T> T run(BoltEndpoint endpoint, AccessMode mode, Function<Session, T> work) {
        FutureTask<T> task = new FutureTask<>(() -> runUnbounded(endpoint, mode, work));
        Thread thread = new Thread(task, "bolt-" + endpoint.uri().getHost());
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Neo4jUnavailableException("Neo4j at " + endpoint.uri() + " did not answer within "
                    + callTimeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new Neo4jUnavailableException("Neo4j at " + endpoint.uri() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Neo4jUnavailableException("Interrupted while asking Neo4j at " + endpoint.uri(), e);
        }
    }

    /**
     * Driver 1.7 has a race in its connection pool: when a member completes the Bolt handshake before the pool has
     * registered its own listener on the new connection, the pool's bookkeeping throws
     * {@code IllegalStateException: No count exist for address '…'} out of {@code GraphDatabase.driver}, whose
     * connectivity check is the first connection (seen once in about ten CI runs). It is the client's glitch, not the
     * member's answer, and nothing has been sent yet, so only then is the call made once more with a fresh driver; a
     * second glitch reads as "no answer", which every caller handles (the monitor asks the next member, a gate waits),
     * where an escaped IllegalStateException would fail the step.
     */
    private <T> T runUnbounded(BoltEndpoint endpoint, AccessMode mode, Function<Session, T> work) {
        String uri = endpoint.uri().toString();
        if (!"bolt".equals(endpoint.uri().getScheme())) {
            throw new IllegalArgumentException("Use a direct bolt:// address of one member, not " + uri);
        }
        AuthToken auth = endpoint.hasCredentials() ? AuthTokens.basic(endpoint.username(), endpoint.password()) : AuthTokens.none();
        try {
            return once(uri, auth, mode, work);
        } catch (PoolRace glitch) {
            try {
                return once(uri, auth, mode, work);
            } catch (PoolRace again) {
                throw new Neo4jUnavailableException("Neo4j at " + uri + " could not be asked: the driver failed twice ("
                        + again.getCause().getMessage() + ")", again.getCause());
            }
        }
    }

    /** The driver's pool race while the driver was being opened: before any statement was sent. */
    private static final class PoolRace extends RuntimeException {
        PoolRace(IllegalStateException cause) {
            super(cause);
        }
    }

    private Driver open(String uri, AuthToken auth) {
        try {
            return drivers.apply(uri, auth);
        } catch (IllegalStateException e) {
            throw new PoolRace(e);
        }
    }

    private <T> T once(String uri, AuthToken auth, AccessMode mode, Function<Session, T> work) {
        Driver driver = null;
        try {
            driver = open(uri, auth);
            try (Session session = driver.session(mode)) {
                return work.apply(session);
            }
        } catch (AuthenticationException e) {
            throw new Neo4jUnavailableException("Neo4j at " + uri + " refused the credentials: " + e.getMessage(), e);
        } catch (ServiceUnavailableException e) {
            throw new Neo4jUnavailableException("Neo4j at " + uri + " is unreachable: " + e.getMessage(), e);
        } catch (ClientException e) {
            throw new Neo4jUnavailableException("Neo4j at " + uri + " answered with an error: " + e.getMessage(), e);
        } catch (Neo4jException e) {
            throw new Neo4jUnavailableException("Neo4j at " + uri + " failed: " + e.getMessage(), e);
        } finally {
            // Driver 1.7's close() waits out its event loop's 2 s quiet period (measured: 2.0 s per call, so a monitor
            // poll of five calls took ten). The session is closed and nothing is pooled: let the loop wind down alone.
            if (driver != null) driver.closeAsync();
        }
    }

    private Config config() {
        return Config.build()
                .withConnectionTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .withMaxTransactionRetryTime(0, TimeUnit.MILLISECONDS)
                .withoutEncryption()
                .withLogging(org.neo4j.driver.v1.Logging.none())
                .toConfig();
    }
}
