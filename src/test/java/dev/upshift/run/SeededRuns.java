package dev.upshift.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.upshift.procedure.InstallDetails;
import dev.upshift.procedure.Method;
import dev.upshift.procedure.Neo4jVersion;
import dev.upshift.procedure.ServerRole;
import dev.upshift.procedure.ServerSpec;

/**
 * Seeds what the approval and webhook tests need without a reachable cluster: a registry row (its Bolt address is a
 * closed loopback port, so the monitor's polls fail at once) and a PLANNED run on it, planned as a given user.
 */
final class SeededRuns {

    static final List<String> SERVERS = List.of("approvals-a.invalid", "approvals-b.invalid", "approvals-c.invalid");

    private SeededRuns() {
    }

    static Long cluster(JdbcTemplate jdbc, String name, boolean requiresApproval, String webhookUrl) {
        jdbc.update("INSERT INTO cluster (name, bolt_uri, neo4j_auth, origin, created_at, updated_at, version, "
                + "requires_approval, webhook_url) VALUES (?, 'bolt://127.0.0.1:1', 'NONE', 'MANUAL', CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP, 0, ?, ?)", name, requiresApproval, webhookUrl);
        return jdbc.queryForObject("SELECT id FROM cluster WHERE name = ?", Long.class, name);
    }

    /** A rolling 3.4.5 → 3.4.6 plan of three cores, created by {@code creator} with {@code role}. */
    static RunView planned(RunPlanning planning, Long clusterId, String clusterName, String creator, String role) {
        List<ServerSpec> specs = new ArrayList<>();
        Map<String, InstallDetails> install = new LinkedHashMap<>();
        for (String host : SERVERS) {
            String base = "/srv/" + host;
            specs.add(ServerSpec.tarball(host, host, host.equals(SERVERS.get(2)) ? ServerRole.LEADER : ServerRole.FOLLOWER,
                    base + "/neo4j-enterprise-3.4.5").withNativeAuth(false).withBackupDir(base + "/backups"));
            install.put(host, InstallDetails.tarball("/srv/dist/neo4j-enterprise-3.4.6-unix.tar.gz",
                    base + "/neo4j-enterprise-3.4.6"));
        }
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext as = SecurityContextHolder.createEmptyContext();
        as.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(creator, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
        SecurityContextHolder.setContext(as);
        try {
            return planning.createPlanned(clusterId, clusterName, specs, install, Neo4jVersion.parse("3.4.5"),
                    Neo4jVersion.parse("3.4.6"), Method.ROLLING_FIXED, RunMode.AUTO, null);
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
