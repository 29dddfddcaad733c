package dev.upshift.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.DriverBoltGateway;
import dev.upshift.neo4j.Neo4jComponent;

/** The real Bolt gateway, counting the queries the panel sends (the fan-out benchmark's "queries per poll"). */
public class CountingBoltGateway implements BoltGateway {

    public final AtomicLong queries = new AtomicLong();
    public final AtomicLong overviews = new AtomicLong();
    private final BoltGateway real;

    CountingBoltGateway(BoltGateway real) {
        this.real = real;
    }

    @Override
    public List<ClusterMember> overview(BoltEndpoint endpoint) {
        queries.incrementAndGet();
        overviews.incrementAndGet();
        return real.overview(endpoint);
    }

    @Override
    public List<Neo4jComponent> components(BoltEndpoint endpoint) {
        queries.incrementAndGet();
        return real.components(endpoint);
    }

    @Override
    public List<Map<String, Object>> query(BoltEndpoint endpoint, String cypher, Map<String, Object> parameters, boolean write) {
        queries.incrementAndGet();
        return real.query(endpoint, cypher, parameters, write);
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        CountingBoltGateway countingBoltGateway(DriverBoltGateway real) {
            return new CountingBoltGateway(real);
        }
    }
}
