package dev.upshift.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabMember;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code POST /api/clusters} body for a lab cluster, as a DBA would fill it in for real servers: every host with
 * its SSH access, pinned host key and tarball installation; spare hosts marked spare.
 */
public final class LabRegistration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LabRegistration() {
    }

    /** @param webhookUrl the cluster's webhook, or null for none */
    public static String body(LabCluster cluster, String name, String webhookUrl) {
        List<Map<String, Object>> servers = new ArrayList<>();
        for (LabMember m : cluster.hosts()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("address", m.address());
            s.put("role", m.isCore() ? "CORE" : "READ_REPLICA");
            s.put("sshPort", m.sshPort());
            s.put("sshUser", cluster.sshUser());
            s.put("privateKey", cluster.privateKeyPem());
            s.put("hostKeyFingerprint", m.hostKeyFingerprint());
            s.put("installType", "TARBALL");
            s.put("neo4jHome", m.neo4jHome().toString());
            s.put("confDir", m.neo4jHome() + "/conf");
            s.put("dataDir", m.neo4jHome() + "/data");
            s.put("spare", cluster.spares().contains(m));
            servers.add(s);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("boltUri", cluster.members().get(0).bolt().toString());
        body.put("auth", "NONE");
        body.put("servers", servers);
        if (webhookUrl != null) body.put("webhookUrl", webhookUrl);
        return JSON.writeValueAsString(body);
    }
}
