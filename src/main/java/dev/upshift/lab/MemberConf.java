package dev.upshift.lab;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.upshift.procedure.Neo4jVersion;
import dev.upshift.procedure.conf.FormationSize;

/**
 * Writes one member's {@code neo4j.conf}: the version's defaults with the cluster settings an operator would set
 * (mode, discovery members, listen/advertised addresses on the host's own address), small memory, and the JVM flags
 * the lab needs. Settings are changed in place where the default file has them, like a person editing the file.
 */
final class MemberConf {

    private MemberConf() {
    }

    private static final Neo4jVersion FORMATION_SETTINGS_SINCE = new Neo4jVersion(3, 4, 0);

    static String render(String defaults, String version, LabMember member, List<LabMember> all, String labId, Path labRoot,
                         LabProperties props) {
        List<LabMember> cores = all.stream().filter(LabMember::isCore).toList();
        String a = member.address();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("dbms.mode", member.role().name());
        settings.put("causal_clustering.expected_core_cluster_size", Integer.toString(cores.size()));
        if (Neo4jVersion.parse(version).compareTo(FORMATION_SETTINGS_SINCE) >= 0) {
            settings.putAll(FormationSize.settings(cores.size()));   // without them 2 cores never form on 3.4
        }
        settings.put("causal_clustering.initial_discovery_members",
                cores.stream().map(c -> c.address() + ":5000").collect(Collectors.joining(",")));
        settings.put("dbms.connectors.default_listen_address", a);
        settings.put("dbms.connectors.default_advertised_address", a);
        settings.put("causal_clustering.discovery_listen_address", a + ":5000");
        settings.put("causal_clustering.transaction_listen_address", a + ":6000");
        settings.put("causal_clustering.raft_listen_address", a + ":7000");
        settings.put("dbms.connector.bolt.listen_address", a + ":7687");
        settings.put("dbms.connector.http.listen_address", a + ":7474");
        settings.put("dbms.connector.https.enabled", "false");
        settings.put("dbms.backup.enabled", "true");
        settings.put("dbms.backup.address", a + ":6362");
        // the panel talks to lab members without credentials; production clusters are registered with theirs
        settings.put("dbms.security.auth_enabled", "false");
        settings.put("dbms.memory.heap.initial_size", props.heapInitialSize());
        settings.put("dbms.memory.heap.max_size", props.heapSize());
        settings.put("dbms.memory.pagecache.size", props.pageCacheSize());
        settings.put("dbms.udc.enabled", "false");

        String text = defaults;
        StringBuilder appended = new StringBuilder();
        for (Map.Entry<String, String> s : settings.entrySet()) {
            String replaced = set(text, s.getKey(), s.getValue());
            if (replaced == null) {
                appended.append(s.getKey()).append('=').append(s.getValue()).append('\n');
            } else {
                text = replaced;
            }
        }
        return text.stripTrailing() + "\n\n"
                + "#********************************************************************\n"
                + "# Upshift rehearsal lab " + labId + ": member " + member.number() + " of " + all.size()
                + " (" + member.role() + ") on " + a + "\n"
                + "#********************************************************************\n"
                + appended
                // Hazelcast (discovery) picks an interface by itself and finds none matching a 127.0.0.x alias
                // unless told which address is this member's; without it the cluster never forms.
                + "dbms.jvm.additional=-Dhazelcast.local.localAddress=" + a + "\n"
                // the marker that lets the lab find its own JVMs (teardown, the sweep at panel start)
                + "dbms.jvm.additional=" + LabProcesses.labMarker(labId) + "\n"
                + "dbms.jvm.additional=" + LabProcesses.rootMarker(labRoot) + "\n";
    }

    /** Sets {@code key} where the file has it (active or commented out); null when it does not appear at all. */
    static String set(String text, String key, String value) {
        String quoted = Pattern.quote(key);
        Matcher active = Pattern.compile("(?m)^" + quoted + "=.*$").matcher(text);
        if (active.find()) {
            return active.replaceFirst(Matcher.quoteReplacement(key + "=" + value));
        }
        Matcher commented = Pattern.compile("(?m)^#" + quoted + "=.*$").matcher(text);
        if (commented.find()) {
            return commented.replaceFirst(Matcher.quoteReplacement(key + "=" + value));
        }
        return null;
    }
}
