package dev.upshift.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic runs for {@link RunSeeder}, as rows ready for JDBC batches: a run's record, its servers, ≈25 steps with
 * times, actors and outcomes, output lines for a fraction of runs, pre-flight checks, and the membership changes the
 * monitor would have logged (a member leaving and rejoining on the new version). Plans follow the procedure's step
 * keys: rolling on fixed servers (4 or 5 servers) or on replaceable resources (3 servers).
 */
final class SyntheticRuns {

    record Cluster(long id, String name, int servers) {
        String address(int i) {
            return "10." + (id % 250) + ".0." + (i + 1);
        }

        String role(int i) {
            return i == 0 ? "LEADER" : i < 3 ? "FOLLOWER" : "READ_REPLICA";
        }
    }

    record Run(long id, Cluster cluster, String method, String status, String source, String target, String createdBy,
               Instant createdAt, String startedBy, Instant startedAt, Instant endedAt, String reason) {
    }

    record Server(long runId, String server, String role) {
    }

    record Step(long id, long runId, int position, int phase, String phaseKind, String phaseTitle, String key,
                String server, String actor, String verification, String status, String skipReason, String actedBy,
                Instant startedAt, Instant endedAt, Integer exitCode, String notes, int outputLines) {
    }

    record Line(long stepId, int seq, Instant at, String text) {
    }

    record Check(long runId, int position, String name, String server, boolean ok, String message, Instant at) {
    }

    record Change(long clusterId, Instant at, String kind, String address, String from, String to) {
    }

    static final String[] OPERATORS = {"dba-ana", "dba-bo", "dba-chen", "dba-dev", "dba-eli", "dba-fay"};
    private static final String[][] UPGRADES = {{"3.4.5", "3.4.6"}, {"3.4.6", "3.5.3"}, {"3.5.3", "3.5.9"}};
    private static final String[] PRE = {"PRE_PLANNING", "PRE_BACKUP_CONF", "PRE_BACKUP_DBMS", "PRE_VERIFY_FULL_BACKUP",
            "PRE_PREPARE_CONF", "ROLLING_WRITE_LOAD_ADVISORY"};
    private static final String[] FIXED = {"SRV_STOP", "SRV_INSTALL", "SRV_START", "SRV_VERIFY_JOINED"};
    private static final String[] REPLACEABLE = {"RR_NEW_INSTANCE", "RR_PLACE_CONF", "RR_MOVE_DBMS",
            "RR_START_STORE_COPY", "RR_VERIFY_JOINED", "RR_STOP_OLD"};
    private static final String[] CHECKS = {"versions", "ssh", "bolt", "disk-space", "store-format", "conf"};

    final List<Run> runs = new ArrayList<>();
    final List<Server> servers = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    final List<Line> lines = new ArrayList<>();
    final List<Check> checks = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();

    private final SplittableRandom random;
    private long nextStepId;

    SyntheticRuns(long firstStepId, SplittableRandom random) {
        this.nextStepId = firstStepId;
        this.random = random;
    }

    /** One run planned at {@code createdAt}; {@code upgrade} picks the versions (later runs, newer versions). */
    void add(long id, Cluster cluster, Instant createdAt, int upgrade) {
        String createdBy = pick(OPERATORS);
        int outcome = random.nextInt(100);
        String status = outcome < 78 ? "SUCCEEDED" : outcome < 86 ? "FAILED" : outcome < 91 ? "ABORTED"
                : outcome < 96 ? "PLANNED" : "INTERRUPTED";
        boolean started = !status.equals("PLANNED");
        String startedBy = !started ? null : random.nextInt(4) == 0 ? pick(OPERATORS) : createdBy;
        Instant startedAt = started ? createdAt.plusSeconds(300 + random.nextInt(7200)) : null;
        boolean fixed = random.nextInt(4) != 0;
        int serverCount = fixed ? cluster.servers() : 3;
        for (int i = 0; i < serverCount; i++) servers.add(new Server(id, cluster.address(i), cluster.role(i)));
        List<String[]> plan = plan(cluster, fixed, serverCount);
        int failAt = status.equals("SUCCEEDED") || !started ? -1 : random.nextInt(plan.size());
        boolean withOutput = random.nextInt(5) == 0;
        Instant t = startedAt;
        for (int position = 0; position < plan.size(); position++) {
            String[] p = plan.get(position); // phase index, phase kind, phase title, key, server
            String key = p[3];
            boolean done = started && (failAt < 0 || position < failAt);
            boolean failed = position == failAt;
            boolean skipped = done && key.equals("POST_FULL_BACKUP") && random.nextInt(5) == 0;
            String actor = key.equals("PRE_PLANNING") || key.equals("ROLLING_WRITE_LOAD_ADVISORY") ? "OPERATOR"
                    : key.endsWith("VERIFY_JOINED") ? "PANEL_BOLT" : "PANEL_SSH";
            long stepId = nextStepId++;
            Instant start = null;
            Instant end = null;
            String stepStatus = "PENDING";
            if (skipped) {
                stepStatus = "SKIPPED";
                end = t;
            } else if (done || failed) {
                start = t;
                end = t.plusSeconds(seconds(key));
                stepStatus = failed && status.equals("INTERRUPTED") ? "RUNNING" : failed ? "FAILED" : "SUCCEEDED";
                t = end.plusSeconds(1 + random.nextInt(20));
            }
            int output = 0;
            if (withOutput && start != null && actor.equals("PANEL_SSH")) {
                output = 2 + random.nextInt(4);
                for (int seq = 1; seq <= output; seq++) {
                    lines.add(new Line(stepId, seq, start.plusMillis(seq * 700L), outputLine(key, p[4], seq, output, failed)));
                }
            }
            steps.add(new Step(stepId, id, position, Integer.parseInt(p[0]), p[1], p[2], key, p[4], actor,
                    verification(key), stepStatus, skipped ? "Taken by the nightly job instead." : null,
                    start == null && !skipped ? null : startedBy, start, stepStatus.equals("RUNNING") ? null : end,
                    start == null || stepStatus.equals("RUNNING") ? null : failed ? 1 : 0, notes(key, p[4]), output));
            if (start != null && !failed && key.equals(fixed ? "SRV_STOP" : "RR_STOP_OLD")) {
                changes.add(new Change(cluster.id(), end, "MEMBER_LEFT", p[4], roleOf(cluster, p[4]), null));
            }
            if (start != null && !failed && key.endsWith("VERIFY_JOINED")) {
                changes.add(new Change(cluster.id(), start.plusSeconds(5), "MEMBER_JOINED", p[4], null, roleOf(cluster, p[4])));
                changes.add(new Change(cluster.id(), start.plusSeconds(6), "VERSION_CHANGED", p[4],
                        UPGRADES[upgrade][0], UPGRADES[upgrade][1]));
            }
        }
        if (started) {
            for (int i = 0; i < CHECKS.length; i++) {
                checks.add(new Check(id, i, CHECKS[i], i < 2 ? cluster.address(i) : null, true,
                        CHECKS[i] + " fine on every member", startedAt.minusSeconds(120 - i)));
            }
        }
        Instant ended = status.equals("INTERRUPTED") || !started ? null : t;
        String reason = switch (status) {
            case "FAILED" -> "Step " + plan.get(failAt)[3] + " failed: exit code 1.";
            case "ABORTED" -> "Aborted by " + startedBy + " after a failed step.";
            case "INTERRUPTED" -> "The panel restarted while a step was running.";
            default -> null;
        };
        runs.add(new Run(id, cluster, fixed ? "ROLLING_FIXED" : "ROLLING_REPLACEABLE", status, UPGRADES[upgrade][0],
                UPGRADES[upgrade][1], createdBy, createdAt, startedBy, startedAt, ended, reason));
    }

    private List<String[]> plan(Cluster cluster, boolean fixed, int serverCount) {
        List<String[]> plan = new ArrayList<>();
        for (String key : PRE) {
            plan.add(new String[] {"0", "PRE_UPGRADE", "Before the upgrade", key,
                    key.startsWith("PRE_BACKUP") || key.equals("PRE_VERIFY_FULL_BACKUP") ? cluster.address(0) : null});
        }
        // rolling order: read replicas, then followers, the leader last
        for (int n = 0; n < serverCount; n++) {
            int i = serverCount - 1 - n;
            String server = cluster.address(i);
            for (String key : fixed ? FIXED : REPLACEABLE) {
                plan.add(new String[] {Integer.toString(n + 1), "SERVER", "Upgrade " + server, key, server});
            }
        }
        plan.add(new String[] {Integer.toString(serverCount + 1), "POST_UPGRADE", "After the upgrade",
                "POST_FULL_BACKUP", cluster.address(0)});
        return plan;
    }

    private int seconds(String key) {
        return switch (key) {
            case "PRE_PLANNING", "ROLLING_WRITE_LOAD_ADVISORY" -> 20 + random.nextInt(600);
            case "PRE_BACKUP_DBMS", "POST_FULL_BACKUP", "RR_START_STORE_COPY" -> 300 + random.nextInt(1500);
            case "SRV_INSTALL", "RR_NEW_INSTANCE", "RR_MOVE_DBMS" -> 60 + random.nextInt(180);
            case "SRV_VERIFY_JOINED", "RR_VERIFY_JOINED" -> 30 + random.nextInt(300);
            default -> 5 + random.nextInt(60);
        };
    }

    private static String verification(String key) {
        if (key.equals("PRE_PLANNING") || key.equals("ROLLING_WRITE_LOAD_ADVISORY")) return "OPERATOR";
        if (key.equals("SRV_STOP") || key.equals("RR_STOP_OLD")) return "MEMBER_STOPPED";
        if (key.endsWith("VERIFY_JOINED")) return "MEMBER_JOINED";
        return "EXIT_CODE";
    }

    private String notes(String key, String server) {
        if (!key.equals("PRE_BACKUP_CONF") && !key.equals("PRE_BACKUP_DBMS") && !key.equals("POST_FULL_BACKUP")) return null;
        StringBuilder sha = new StringBuilder();
        while (sha.length() < 64) sha.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE));
        return "SHA-256: " + sha.substring(0, 64) + "  /backups/" + server + "/" + key.toLowerCase() + ".tar.gz";
    }

    private static String outputLine(String key, String server, int seq, int of, boolean failed) {
        if (seq == of) return failed ? "ERROR: " + key + " on " + server + " exited with 1" : key + " done on " + server;
        return "[" + server + "] " + key.toLowerCase().replace('_', '-') + ": step " + seq + " of " + of + " ...";
    }

    private static String roleOf(Cluster cluster, String address) {
        for (int i = 0; i < cluster.servers(); i++) if (cluster.address(i).equals(address)) return cluster.role(i);
        return "FOLLOWER";
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
