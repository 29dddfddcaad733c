package dev.upshift.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hands out the loopback addresses lab hosts live on (127.0.0.11, .12, …) and makes sure nothing else listens on
 * them: an address is only given out if every Neo4j port and the SSH port can be bound there right now.
 */
final class LoopbackAddresses {

    private final int[] base;
    private final int count;
    private final int sshPort;
    private final Set<String> taken = new HashSet<>();

    LoopbackAddresses(String base, int count, int sshPort) {
        InetAddress address;
        try {
            address = InetAddress.getByName(base);
        } catch (UnknownHostException e) {
            throw new LabException("upshift.lab.address-base is not an address: " + base);
        }
        if (!address.isLoopbackAddress() || address.getAddress().length != 4) {
            throw new LabException("upshift.lab.address-base must be an IPv4 loopback address (127.x.x.x), not " + base);
        }
        byte[] b = address.getAddress();
        this.base = new int[] {b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF};
        this.count = count;
        this.sshPort = sshPort;
    }

    /** The next {@code n} addresses the lab is not using; each checked free, or a {@link LabException} naming the one in use. */
    synchronized List<String> reserve(int n) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < count && chosen.size() < n; i++) {
            String candidate = address(i);
            if (!taken.contains(candidate)) {
                chosen.add(candidate);
            }
        }
        if (chosen.size() < n) {
            throw new LabException("The lab has no " + n + " free loopback addresses left (it uses " + count
                    + " from " + address(0) + "); remove a lab cluster first");
        }
        for (String a : chosen) {
            requireFree(a);
        }
        taken.addAll(chosen);
        return chosen;
    }

    synchronized void release(List<String> addresses) {
        addresses.forEach(taken::remove);
    }

    private void requireFree(String address) {
        List<Integer> ports = new ArrayList<>();
        for (int p : LabMember.NEO4J_PORTS) {
            ports.add(p);
        }
        ports.add(sshPort);
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(address, port));
            } catch (IOException e) {
                throw new LabException("Loopback address " + address + " is already in use: port " + port
                        + " cannot be bound there (" + e.getMessage() + "). Stop whatever listens on " + address + ":" + port
                        + " or set another upshift.lab.address-base. Nothing was created.");
            }
        }
    }

    private String address(int offset) {
        int last = base[3] + offset;
        if (last > 254) {
            throw new LabException("upshift.lab.address-base " + base[0] + "." + base[1] + "." + base[2] + "." + base[3] + " leaves no room for " + count + " addresses");
        }
        return base[0] + "." + base[1] + "." + base[2] + "." + last;
    }
}
