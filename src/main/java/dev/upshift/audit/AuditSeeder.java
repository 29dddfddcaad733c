package dev.upshift.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends synthetic events to the real chain, for scale tests: same hashing, same head row lock as
 * {@link JpaAuditLog}, but thousands of rows per transaction and JDBC batches, so a million events take a minute,
 * not hours. The result verifies like any chain. Times are spread evenly over the {@code span} before now (they are
 * synthetic: the seeded events sit after any real ones in the chain, whatever their times say).
 */
public final class AuditSeeder {

    private static final Logger log = LoggerFactory.getLogger(AuditSeeder.class);
    private static final int BATCH = 5_000;
    private static final String[] OPERATORS = {"dba-ana", "dba-bo", "dba-chen", "dba-dev", "dba-eli", "dba-fay"};
    private static final String[] LEADS = {"lead-gus", "lead-hal"};
    private static final String[] STEPS = {"preflight.versions", "core.stop", "core.install", "core.start",
            "core.rejoin", "rr.stop", "rr.install", "rr.start", "backup.full", "checks.consistency"};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public AuditSeeder(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Events in the chain now. */
    public long events() {
        return jdbc.queryForObject("select last_id from audit_head where id = 1", Long.class);
    }

    /** @return the number of events in the chain afterwards */
    public long append(long count, Duration span) {
        SplittableRandom random = new SplittableRandom(count);
        Instant start = Instant.now().minus(span).truncatedTo(ChronoUnit.MILLIS);
        double step = (double) span.toMillis() / Math.max(count, 1);
        long done = 0;
        long began = System.nanoTime();
        while (done < count) {
            int size = (int) Math.min(BATCH, count - done);
            long offset = done;
            transaction.executeWithoutResult(status -> appendBatch(size, offset, start, step, random));
            done += size;
            if (done % 100_000 == 0 || done == count) {
                log.info("Seeded {} of {} audit events ({} s)", done, count, (System.nanoTime() - began) / 1_000_000_000);
            }
        }
        return jdbc.queryForObject("select last_id from audit_head where id = 1", Long.class);
    }

    private void appendBatch(int size, long offset, Instant start, double step, SplittableRandom random) {
        Map<String, Object> head = jdbc.queryForMap("select last_id, last_hash from audit_head where id = 1 for update");
        long id = ((Number) head.get("last_id")).longValue();
        String prev = ((String) head.get("last_hash")).trim();
        List<AuditEntry> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            id++;
            Instant at = start.plusMillis((long) ((offset + i) * step));
            AuditEntry e = synthetic(id, at, prev, random);
            rows.add(e);
            prev = e.hash();
        }
        jdbc.batchUpdate("insert into audit_event (" + AuditSql.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        AuditEntry e = rows.get(i);
                        ps.setLong(1, e.id());
                        ps.setObject(2, e.occurredAt().atOffset(ZoneOffset.UTC));
                        ps.setString(3, e.actor());
                        ps.setString(4, e.action());
                        ps.setString(5, e.targetType());
                        ps.setString(6, e.targetId());
                        ps.setString(7, e.details());
                        ps.setString(8, e.prevHash());
                        ps.setString(9, e.hash());
                    }

                    @Override
                    public int getBatchSize() {
                        return rows.size();
                    }
                });
        jdbc.update("update audit_head set last_id = ?, last_hash = ? where id = 1", id, prev);
    }

    /** A plausible mix: mostly run steps by operators, some logins, approvals, cluster and user changes. */
    private static AuditEntry synthetic(long id, Instant at, String prev, SplittableRandom random) {
        int kind = random.nextInt(100);
        String actor;
        String action;
        String targetType;
        String targetId;
        Map<String, ?> details;
        if (kind < 70) {
            actor = OPERATORS[random.nextInt(OPERATORS.length)];
            action = random.nextBoolean() ? "run.step_started" : "run.step_finished";
            targetType = "run";
            targetId = Integer.toString(1 + random.nextInt(10_000));
            details = Map.of("step", STEPS[random.nextInt(STEPS.length)], "server", "10.0.0." + (1 + random.nextInt(40)),
                    "outcome", random.nextInt(50) == 0 ? "failed" : "ok");
        } else if (kind < 85) {
            boolean failed = random.nextInt(10) == 0;
            actor = random.nextBoolean() ? OPERATORS[random.nextInt(OPERATORS.length)] : LEADS[random.nextInt(LEADS.length)];
            action = failed ? "auth.login_failed" : "auth.login_succeeded";
            targetType = null;
            targetId = null;
            details = Map.of("via", random.nextBoolean() ? "form" : "basic");
        } else if (kind < 93) {
            actor = LEADS[random.nextInt(LEADS.length)];
            action = random.nextInt(5) == 0 ? "run.rejected" : "run.approved";
            targetType = "run";
            targetId = Integer.toString(1 + random.nextInt(10_000));
            details = Map.of("planVersion", 1 + random.nextInt(3));
        } else if (kind < 99) {
            actor = "admin";
            action = random.nextBoolean() ? "cluster.updated" : "cluster.created";
            targetType = "cluster";
            targetId = Integer.toString(1 + random.nextInt(50));
            details = Map.of("name", "graph-" + (1 + random.nextInt(50)), "servers", 3 + random.nextInt(4));
        } else {
            actor = "admin";
            action = "user.role_changed";
            targetType = "user";
            targetId = Integer.toString(1 + random.nextInt(20));
            details = Map.of("role", random.nextBoolean() ? "OPERATOR" : "AUDITOR");
        }
        String json = AuditDetails.toJson(details);
        String hash = AuditHashing.hash(prev, id, at, actor, action, targetType, targetId, json);
        return new AuditEntry(id, at, actor, action, targetType, targetId, json, prev, hash);
    }
}
