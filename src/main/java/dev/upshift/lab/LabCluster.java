package dev.upshift.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.upshift.lab.host.LabKeys;
import dev.upshift.lab.host.LabSshServer;
import dev.upshift.remote.SshTarget;

/** A running lab cluster: its hosts (each with an SSH server) and the Neo4j members on them. */
public final class LabCluster {

    private final String id;
    private final LabClusterRequest request;
    private final Path directory;
    private final String sshUser;
    private final LabKeys keys;
    private final List<LabMember> members = new CopyOnWriteArrayList<>();
    private final List<LabMember> spares = new CopyOnWriteArrayList<>();
    private final List<LabSshServer> servers = new CopyOnWriteArrayList<>();
    private final Map<String, LabSshServer> byAddress = new ConcurrentHashMap<>();
    private volatile Duration formationTime;
    private volatile boolean removed;

    LabCluster(String id, LabClusterRequest request, Path directory, String sshUser, LabKeys keys) {
        this.id = id;
        this.request = request;
        this.directory = directory;
        this.sshUser = sshUser;
        this.keys = keys;
    }

    public String id() {
        return id;
    }

    public String version() {
        return request.version();
    }

    public LabClusterRequest request() {
        return request;
    }

    public Path directory() {
        return directory;
    }

    public List<LabMember> members() {
        return List.copyOf(members);
    }

    /** Hosts with no member running (yet): replacements for a rolling upgrade on replaceable resources. */
    public List<LabMember> spares() {
        return List.copyOf(spares);
    }

    /** Members and spares: every host with an SSH server. */
    public List<LabMember> hosts() {
        List<LabMember> all = new ArrayList<>(members);
        all.addAll(spares);
        return all;
    }

    public List<LabMember> cores() {
        return members.stream().filter(LabMember::isCore).toList();
    }

    public String sshUser() {
        return sshUser;
    }

    public String privateKeyPem() {
        return keys.privateKeyPem();
    }

    /** How the panel reaches this member over SSH, host key pinned. */
    public SshTarget sshTarget(LabMember member) {
        return SshTarget.withKey(member.address(), member.sshPort(), sshUser, keys.privateKeyPem(), member.hostKeyFingerprint());
    }

    public Duration formationTime() {
        return formationTime;
    }

    void formed(Duration took) {
        this.formationTime = took;
    }

    void markRemoved() {
        removed = true;
    }

    /** A create in progress stops at its next step once the cluster was torn down under it. */
    void requireNotRemoved() {
        if (removed) {
            throw new LabException("Lab cluster " + id + " was removed while it was being created");
        }
    }

    void add(LabMember member, LabSshServer server) {
        members.add(member);
        servers.add(server);
        if (server != null) byAddress.put(member.address(), server);
    }

    void addSpare(LabMember spare, LabSshServer server) {
        spares.add(spare);
        servers.add(server);
        if (server != null) byAddress.put(spare.address(), server);
    }

    List<LabSshServer> servers() {
        return new ArrayList<>(servers);
    }

    /** A fault for the fault suite: the host's SSH daemon dies, dropping its sessions and their commands, until {@link #sshBack}. */
    public void sshOutage(String address) {
        sshServer(address).outage();
    }

    public void sshBack(String address) {
        sshServer(address).back();
    }

    private LabSshServer sshServer(String address) {
        LabSshServer server = byAddress.get(address);
        if (server == null) throw new IllegalArgumentException("No lab host " + address + " in " + id);
        return server;
    }

    @Override
    public String toString() {
        return "LabCluster[" + id + ", Neo4j " + version() + ", " + request.cores() + " cores + " + request.readReplicas() + " RR"
                + (request.spares() > 0 ? " + " + request.spares() + " spares" : "") + "]";
    }
}
