package dev.upshift.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.history.SyntheticRuns.Cluster;

/**
 * Fills the run tables with synthetic history for scale tests ({@code seed} profile, {@code RunHistoryBench}): runs
 * over five clusters that are not in the registry (so the monitor polls nothing; runs outlive registrations anyway),
 * planned evenly over the {@code span} before now, with their servers, steps, output, checks and the membership
 * changes of each upgrade (see {@link SyntheticRuns}). Rows get explicit ids and go in JDBC batches, a few hundred
 * runs a transaction; the identity columns are moved past them at the end. Refuses to seed twice: if runs on the
 * seeded clusters exist, it does nothing.
 */
public final class RunSeeder {

    public record Result(long runs, long steps, long outputLines, long checks, long changes, Duration took) {
    }

    private static final Logger log = LoggerFactory.getLogger(RunSeeder.class);
    private static final int RUNS_PER_TRANSACTION = 250;
    private static final long FIRST_CLUSTER_ID = 900_001;
    private static final List<Cluster> CLUSTERS = List.of(new Cluster(FIRST_CLUSTER_ID, "seeded-prod-eu", 5),
            new Cluster(FIRST_CLUSTER_ID + 1, "seeded-prod-us", 5), new Cluster(FIRST_CLUSTER_ID + 2, "seeded-payments", 4),
            new Cluster(FIRST_CLUSTER_ID + 3, "seeded-analytics", 4), new Cluster(FIRST_CLUSTER_ID + 4, "seeded-staging", 4));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public RunSeeder(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Runs already on the seeded clusters. */
    public long seeded() {
        return jdbc.queryForObject("select count(*) from upgrade_run where cluster_id >= ? and cluster_id < ?", Long.class,
                FIRST_CLUSTER_ID, FIRST_CLUSTER_ID + CLUSTERS.size());
    }

    /** @return what was seeded, or empty (and nothing done) when the seeded clusters already have runs */
    public Optional<Result> seed(int count, Duration span) {
        long existing = seeded();
        if (existing > 0) {
            log.info("Not seeding runs: the seeded clusters already hold {} runs", existing);
            return Optional.empty();
        }
        long began = System.nanoTime();
        SplittableRandom random = new SplittableRandom(count);
        Instant start = Instant.now().minus(span).truncatedTo(ChronoUnit.SECONDS);
        double gap = (double) span.toSeconds() / Math.max(count, 1);
        long runId = next("upgrade_run");
        long stepId = next("run_step");
        transaction.executeWithoutResult(s -> insertChanges(initialMembership(start.minusSeconds(3600))));
        long[] totals = new long[5];
        for (int done = 0; done < count; done += RUNS_PER_TRANSACTION) {
            SyntheticRuns batch = new SyntheticRuns(stepId, random);
            for (int i = done; i < Math.min(count, done + RUNS_PER_TRANSACTION); i++) {
                Instant at = start.plusSeconds((long) (i * gap) + random.nextInt((int) Math.max(gap / 2, 1)));
                batch.add(runId++, CLUSTERS.get(random.nextInt(CLUSTERS.size())), at, i * 3 / count);
            }
            transaction.executeWithoutResult(s -> insert(batch));
            stepId += batch.steps.size();
            totals[0] += batch.runs.size();
            totals[1] += batch.steps.size();
            totals[2] += batch.lines.size();
            totals[3] += batch.checks.size();
            totals[4] += batch.changes.size();
            if (totals[0] % 2_000 == 0) {
                log.info("Seeded {} of {} runs ({} s)", totals[0], count, (System.nanoTime() - began) / 1_000_000_000);
            }
        }
        // the ids were given explicitly: the next run and step the panel creates must not collide with them
        for (String table : List.of("upgrade_run", "run_step")) {
            jdbc.execute("alter table " + table + " alter column id restart with " + next(table));
        }
        return Optional.of(new Result(totals[0], totals[1], totals[2], totals[3], totals[4],
                Duration.ofNanos(System.nanoTime() - began)));
    }

    private long next(String table) {
        return jdbc.queryForObject("select coalesce(max(id), 0) + 1 from " + table, Long.class);
    }

    private static List<SyntheticRuns.Change> initialMembership(Instant at) {
        return CLUSTERS.stream().flatMap(c -> IntStream.range(0, c.servers()).mapToObj(i ->
                new SyntheticRuns.Change(c.id(), at, "MEMBER_JOINED", c.address(i), null, c.role(i)))).toList();
    }

    private void insert(SyntheticRuns b) {
        batch("insert into upgrade_run (id, cluster_id, cluster_name, method, mode, status, source_version, target_version, "
                + "required_acks, given_acks, created_by, created_at, started_by, started_at, ended_at, status_reason, version) "
                + "values (?, ?, ?, ?, 'AUTO', ?, ?, ?, 'no-downgrade', ?, ?, ?, ?, ?, ?, ?, 0)", b.runs, (ps, r) -> {
                    ps.setLong(1, r.id());
                    ps.setLong(2, r.cluster().id());
                    ps.setString(3, r.cluster().name());
                    ps.setString(4, r.method());
                    ps.setString(5, r.status());
                    ps.setString(6, r.source());
                    ps.setString(7, r.target());
                    ps.setString(8, r.startedBy() == null ? null : "no-downgrade");
                    ps.setString(9, r.createdBy());
                    time(ps, 10, r.createdAt());
                    ps.setString(11, r.startedBy());
                    time(ps, 12, r.startedAt());
                    time(ps, 13, r.endedAt());
                    ps.setString(14, r.reason());
                });
        batch("insert into run_server (run_id, server, role, install_type, neo4j_home, conf_dir, data_dir, backup_dir) "
                + "values (?, ?, ?, 'TARBALL', '/opt/neo4j', '/opt/neo4j/conf', '/opt/neo4j/data', '/backups')", b.servers,
                (ps, s) -> {
                    ps.setLong(1, s.runId());
                    ps.setString(2, s.server());
                    ps.setString(3, s.role());
                });
        batch("insert into run_step (id, run_id, position, phase_index, phase_kind, phase_title, step_key, server, section, "
                + "manual_text, actor, commands, verification_kind, verification_text, retry_safe, gate, recheck_leader, "
                + "status, skip_code, skip_reason, acted_by, started_at, ended_at, exit_code, notes, attempts, output_lines, "
                + "output_dropped, version) values (?, ?, ?, ?, ?, ?, ?, ?, '5.3.2', ?, ?, ?, ?, ?, true, ?, false, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, 0, 0)", b.steps, (ps, s) -> {
                    ps.setLong(1, s.id());
                    ps.setLong(2, s.runId());
                    ps.setInt(3, s.position());
                    ps.setInt(4, s.phase());
                    ps.setString(5, s.phaseKind());
                    ps.setString(6, s.phaseTitle());
                    ps.setString(7, s.key());
                    ps.setString(8, s.server());
                    ps.setString(9, "Step " + s.key() + " of the procedure" + (s.server() == null ? "." : " on " + s.server() + "."));
                    ps.setString(10, s.actor());
                    ps.setString(11, s.server() == null || !s.actor().equals("PANEL_SSH") ? "[]"
                            : "[{\"type\":\"shell\",\"server\":\"" + s.server() + "\",\"display\":\"neo4j-step "
                            + s.key().toLowerCase() + "\",\"line\":\"neo4j-step " + s.key().toLowerCase() + "\"}]");
                    ps.setString(12, s.verification());
                    ps.setString(13, "Verified by " + s.verification().toLowerCase().replace('_', ' ') + ".");
                    ps.setString(14, s.key().equals("SRV_STOP") ? "SAFE_TO_STOP" : "NONE");
                    ps.setString(15, s.status());
                    ps.setString(16, s.skipReason() == null ? null : "OPERATOR");
                    ps.setString(17, s.skipReason());
                    ps.setString(18, s.actedBy());
                    time(ps, 19, s.startedAt());
                    time(ps, 20, s.endedAt());
                    if (s.exitCode() == null) ps.setNull(21, Types.INTEGER); else ps.setInt(21, s.exitCode());
                    ps.setString(22, s.notes());
                    ps.setInt(23, s.startedAt() == null ? 0 : 1);
                    ps.setInt(24, s.outputLines());
                });
        batch("insert into step_output (step_id, seq, at, stream, text) values (?, ?, ?, 'STDOUT', ?)", b.lines,
                (ps, l) -> {
                    ps.setLong(1, l.stepId());
                    ps.setInt(2, l.seq());
                    time(ps, 3, l.at());
                    ps.setString(4, l.text());
                });
        batch("insert into run_check (run_id, position, name, server, ok, message, checked_at) values (?, ?, ?, ?, ?, ?, ?)",
                b.checks, (ps, c) -> {
                    ps.setLong(1, c.runId());
                    ps.setInt(2, c.position());
                    ps.setString(3, c.name());
                    ps.setString(4, c.server());
                    ps.setBoolean(5, c.ok());
                    ps.setString(6, c.message());
                    time(ps, 7, c.at());
                });
        insertChanges(b.changes);
    }

    private void insertChanges(List<SyntheticRuns.Change> changes) {
        batch("insert into membership_change (cluster_id, occurred_at, kind, address, from_value, to_value) "
                + "values (?, ?, ?, ?, ?, ?)", changes, (ps, c) -> {
                    ps.setLong(1, c.clusterId());
                    time(ps, 2, c.at());
                    ps.setString(3, c.kind());
                    ps.setString(4, c.address());
                    ps.setString(5, c.from());
                    ps.setString(6, c.to());
                });
    }

    private <T> void batch(String sql, List<T> rows, ParameterizedPreparedStatementSetter<T> setter) {
        if (!rows.isEmpty()) jdbc.batchUpdate(sql, rows, 1_000, setter);
    }

    private static void time(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        else ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
