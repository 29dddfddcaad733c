package dev.upshift.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs the history ITs ({@link SeededHistory}) read, written straight into the app's own H2: alpha: 30 SUCCEEDED
 * runs by dba-a, one a day from 2026-10-01; beta: 3 FAILED by dba-b (October 2-4) and 2 PLANNED by planner (never started); gamma: one
 * reviewed run with three servers, steps, output and changes.
 */
final class HistorySeed {

    static final Instant DAY = Instant.parse("2026-10-01T08:00:00Z");
    static final String SHA = "0123456789abcdef".repeat(4);

    private final JdbcTemplate jdbc;
    private long reviewed;

    private HistorySeed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Seeds every run above unless the database holds them already (another class of the same Spring context seeded
     * it); returns the id of gamma's reviewed run.
     */
    static long once(JdbcTemplate jdbc) {
        List<Long> gamma = jdbc.queryForList("select id from upgrade_run where cluster_id = 903", Long.class);
        return gamma.isEmpty() ? seed(jdbc) : gamma.get(0);
    }

    private static long seed(JdbcTemplate jdbc) {
        HistorySeed seed = new HistorySeed(jdbc);
        for (int i = 0; i < 30; i++) {
            seed.run(901, "alpha", "SUCCEEDED", "dba-a", DAY.plusSeconds(86400L * i), 3600);
        }
        for (int i = 1; i <= 3; i++) {
            seed.run(902, "beta", "FAILED", "dba-b", DAY.plusSeconds(86400L * i + 60), 600);
        }
        seed.run(902, "beta", "PLANNED", null, DAY.plusSeconds(86400L * 40), 0);
        seed.run(902, "beta", "PLANNED", null, DAY.plusSeconds(86400L * 41), 0);
        seed.seedReviewedRun();
        return seed.reviewed;
    }

    long run(long clusterId, String name, String status, String startedBy, Instant at, int seconds) {
        jdbc.update("insert into upgrade_run (cluster_id, cluster_name, method, mode, status, source_version, "
                        + "target_version, required_acks, given_acks, created_by, created_at, started_by, started_at, ended_at, "
                        + "version) values (?, ?, 'ROLLING_FIXED', 'AUTO', ?, '3.4.5', '3.4.6', 'no-downgrade', ?, ?, ?, ?, ?, ?, 0)",
                clusterId, name, status, startedBy == null ? null : "no-downgrade",
                startedBy == null ? "planner" : "planner-" + startedBy, utc(at.minusSeconds(300)), startedBy,
                startedBy == null ? null : utc(at), startedBy == null || status.equals("RUNNING") ? null : utc(at.plusSeconds(seconds)));
        return jdbc.queryForObject("select max(id) from upgrade_run", Long.class);
    }

    void seedReviewedRun() {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        reviewed = run(903, "gamma", "SUCCEEDED", "dba-g", t, 1000);
        server("10.9.0.1", "LEADER");
        server("10.9.0.2", "FOLLOWER");
        server("10.9.0.3", "READ_REPLICA");
        step(0, 0, "PRE_UPGRADE", "PRE_BACKUP_CONF", "10.9.0.1", "SUCCEEDED", t, 0, 20,
                "SHA-256: " + SHA + "  /backups/neo4j.conf; " + SHA + "  /opt/neo4j/conf/neo4j.conf", null);
        int position = 1;
        int offset = 100;
        for (String server : new String[] {"10.9.0.1", "10.9.0.2", "10.9.0.3"}) {
            step(position++, position, "SERVER", "SRV_STOP", server, "SUCCEEDED", t, offset, offset + 30, null, null);
            step(position++, position, "SERVER", "SRV_INSTALL", server, "SUCCEEDED", t, offset + 30, offset + 150,
                    "installed | ok\nsecond line", null);
            step(position++, position, "SERVER", "SRV_VERIFY_JOINED", server, "SUCCEEDED", t, offset + 150, offset + 250, null, null);
            offset += 280;
        }
        step(position, position, "POST_UPGRADE", "POST_FULL_BACKUP", null, "SKIPPED", t, null, 990, null,
                "the <lead> said | not now");
        long stopStep = jdbc.queryForObject("select id from run_step where run_id = ? and position = 1", Long.class, reviewed);
        jdbc.update("insert into step_output (step_id, seq, at, stream, text) values (?, 1, ?, 'STDOUT', ?)",
                stopStep, utc(t.plusSeconds(101)), "Stopping Neo4j.. stopped <ok>");
        jdbc.update("insert into run_check (run_id, position, name, server, ok, message, checked_at) "
                + "values (?, 0, 'versions', '10.9.0.1', true, 'every member runs 3.4.5', ?)", reviewed, utc(t.minusSeconds(60)));
        change(t.minusSeconds(3600), "MEMBER_JOINED", "10.9.0.1", null, "LEADER");
        change(t.minusSeconds(3600), "MEMBER_JOINED", "10.9.0.2", null, "FOLLOWER");
        change(t.minusSeconds(3600), "MEMBER_JOINED", "10.9.0.3", null, "READ_REPLICA");
        change(t.plusSeconds(110), "MEMBER_LEFT", "10.9.0.1", "LEADER", null);
        change(t.plusSeconds(111), "LEADER_CHANGED", null, "10.9.0.1", "10.9.0.2");
        change(t.plusSeconds(340), "MEMBER_JOINED", "10.9.0.1", null, "FOLLOWER");
        change(t.plusSeconds(341), "VERSION_CHANGED", "10.9.0.1", "3.4.5", "3.4.6");
        change(t.plusSeconds(5000), "ROLE_CHANGED", "10.9.0.3", "READ_REPLICA", "LEADER"); // after the run: left out
    }

    void server(String address, String role) {
        jdbc.update("insert into run_server (run_id, server, role, install_type, neo4j_home, conf_dir, data_dir, backup_dir) "
                + "values (?, ?, ?, 'TARBALL', '/opt/neo4j', '/opt/neo4j/conf', '/opt/neo4j/data', '/backups')", reviewed, address, role);
    }

    void step(int position, int phase, String kind, String key, String server, String status, Instant t, Integer start,
              Integer end, String notes, String skipReason) {
        jdbc.update("insert into run_step (run_id, position, phase_index, phase_kind, phase_title, step_key, server, section, "
                        + "manual_text, actor, commands, verification_kind, verification_text, retry_safe, gate, recheck_leader, "
                        + "status, skip_code, skip_reason, acted_by, started_at, ended_at, exit_code, notes, attempts, output_lines, "
                        + "output_dropped, version) values (?, ?, ?, ?, ?, ?, ?, '5.3.2.1', ?, 'PANEL_SSH', ?, 'EXIT_CODE', 'exit 0', "
                        + "true, 'NONE', false, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, 0)",
                reviewed, position, phase, kind, "Phase " + kind + (server == null ? "" : " " + server), key, server,
                "Do " + key + ".", "[{\"type\":\"shell\",\"server\":\"" + server + "\",\"display\":\"neo4j stop | grep x\","
                        + "\"line\":\"neo4j stop\"}]",
                status, skipReason == null ? null : "OPERATOR", skipReason, start == null ? null : "dba-g",
                start == null ? null : utc(t.plusSeconds(start)), end == null ? null : utc(t.plusSeconds(end)),
                start == null ? null : 0, notes);
    }

    void change(Instant at, String kind, String address, String from, String to) {
        jdbc.update("insert into membership_change (cluster_id, occurred_at, kind, address, from_value, to_value) "
                + "values (903, ?, ?, ?, ?, ?)", utc(at), kind, address, from, to);
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
