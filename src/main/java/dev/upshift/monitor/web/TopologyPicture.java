package dev.upshift.monitor.web;

import java.util.ArrayList;
import java.util.List;

import dev.upshift.monitor.MemberState;
import dev.upshift.monitor.MembershipSnapshot;

/**
 * Geometry of the topology picture (an SVG drawn by the server): cores around a ring with the leader marked,
 * read replicas on an outer ring, missing members greyed, each labelled with its address and version.
 */
public record TopologyPicture(int width, int height, int cx, int cy, int ring, List<Node> nodes) {

    public record Node(int x, int y, String address, String shortAddress, String role, String version, boolean present,
                       boolean core, boolean leader, int labelY) {
    }

    private static final int WIDTH = 420;
    private static final int HEIGHT = 320;
    private static final int CORE_RING = 78;
    private static final int REPLICA_RING = 138;

    public static TopologyPicture of(MembershipSnapshot snapshot) {
        int cx = WIDTH / 2;
        int cy = HEIGHT / 2;
        List<MemberState> cores = snapshot.members().stream().filter(m -> !"READ_REPLICA".equals(m.role())).toList();
        List<MemberState> replicas = snapshot.members().stream().filter(m -> "READ_REPLICA".equals(m.role())).toList();
        List<Node> nodes = new ArrayList<>();
        place(cores, CORE_RING, -90, cx, cy, true, snapshot.reachable(), nodes);
        double offset = cores.isEmpty() ? -90 : -90 + 180.0 / Math.max(1, cores.size());
        place(replicas, REPLICA_RING, offset, cx, cy, false, snapshot.reachable(), nodes);
        return new TopologyPicture(WIDTH, HEIGHT, cx, cy, CORE_RING, nodes);
    }

    private static void place(List<MemberState> members, int radius, double startDegrees, int cx, int cy, boolean core,
                              boolean reachable, List<Node> out) {
        for (int i = 0; i < members.size(); i++) {
            MemberState m = members.get(i);
            double angle = Math.toRadians(startDegrees + i * 360.0 / members.size());
            int x = (int) Math.round(cx + radius * Math.cos(angle));
            int y = (int) Math.round(cy + radius * Math.sin(angle));
            int labelY = y < cy - 10 ? y - 40 : y + 32; // above the ring: both labels clear of the circle
            out.add(new Node(x, y, m.address(), shortAddress(m.address()), m.role(), m.version(), reachable && m.present(),
                    core, m.present() && m.isLeader(), labelY));
        }
    }

    private static String shortAddress(String address) {
        return address.length() <= 18 ? address : address.substring(0, 17) + "…";
    }
}
