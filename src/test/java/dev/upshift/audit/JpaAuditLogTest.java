package dev.upshift.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

@DataJpaTest(showSql = false) // the long-chain test would print thousands of statements
@Import({JpaAuditLog.class, AuditChainVerifier.class})
class JpaAuditLogTest {

    @Autowired
    JpaAuditLog audit;
    @Autowired
    AuditChainVerifier verifier;
    @Autowired
    AuditEventRepository events;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EntityManager em;
    @Autowired
    PlatformTransactionManager txManager;

    private long lastId() {
        return jdbc.queryForObject("select last_id from audit_head", Long.class);
    }

    private List<AuditEvent> recordSeveral(int n) {
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            recorded.add(audit.recordAs("alice", "cluster.created", "cluster", String.valueOf(i),
                    Map.of("name", "prod-" + i, "members", 3)));
        }
        em.flush();
        return recorded;
    }

    @Test
    @DisplayName("a chain of several events verifies, each linked to the one before")
    void chainVerifies() {
        List<AuditEvent> recorded = recordSeveral(5);

        ChainVerification result = verifier.verify();

        assertThat(result.intact()).isTrue();
        assertThat(result.checked()).isEqualTo(lastId());
        for (int i = 1; i < recorded.size(); i++) {
            assertThat(recorded.get(i).getPrevHash()).isEqualTo(recorded.get(i - 1).getHash());
            assertThat(recorded.get(i).getId()).isEqualTo(recorded.get(i - 1).getId() + 1);
        }
        assertThat(recorded.get(0).getHash()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    @DisplayName("changing one row's details makes verify name that event")
    void tamperedDetailsAreFound() {
        List<AuditEvent> recorded = recordSeveral(5);
        long victim = recorded.get(2).getId();

        jdbc.update("UPDATE audit_event SET details = ? WHERE id = ?", "{\"name\":\"innocent\"}", victim);

        ChainVerification result = verifier.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenEventId()).isEqualTo(victim);
        assertThat(result.reason()).contains("altered");
    }

    @Test
    @DisplayName("rewriting a row and its hash still breaks the link of the next event")
    void rehashedRowBreaksTheNextLink() {
        List<AuditEvent> recorded = recordSeveral(4);
        AuditEvent victim = recorded.get(1);
        String forgedDetails = "{\"name\":\"forged\"}";
        String forgedHash = AuditHashing.hash(victim.getPrevHash(), victim.getId(), victim.getOccurredAt(),
                victim.getActor(), victim.getAction(), victim.getTargetType(), victim.getTargetId(), forgedDetails);
        jdbc.update("UPDATE audit_event SET details = ?, hash = ? WHERE id = ?", forgedDetails, forgedHash,
                victim.getId());

        ChainVerification result = verifier.verify();
        assertThat(result.firstBrokenEventId()).isEqualTo(recorded.get(2).getId());
        assertThat(result.reason()).contains("prev_hash");
    }

    @Test
    @DisplayName("deleting an event in the middle, or the newest, is noticed")
    void deletionsAreFound() {
        List<AuditEvent> recorded = recordSeveral(4);
        jdbc.update("DELETE FROM audit_event WHERE id = ?", recorded.get(1).getId());
        ChainVerification middle = verifier.verify();
        assertThat(middle.firstBrokenEventId()).isEqualTo(recorded.get(2).getId());
        assertThat(middle.reason()).contains("missing");

        jdbc.update("DELETE FROM audit_event WHERE id >= ?", recorded.get(1).getId());
        ChainVerification newest = verifier.verify();
        assertThat(newest.intact()).isFalse();
        assertThat(newest.firstBrokenEventId()).isEqualTo(recorded.get(1).getId());
    }

    @Test
    @DisplayName("a chain longer than one verification page verifies, and a break deep in it is found")
    void longChainAcrossPages() {
        int n = 2_345; // more than two pages of the verifier
        for (int i = 0; i < n; i++) {
            audit.recordAs("bulk", "run.step_finished", "run", "1", Map.of("step", i));
            if (i % 500 == 0) {
                em.flush();
                em.clear();
            }
        }
        em.flush();
        em.clear();
        assertThat(verifier.verify()).isEqualTo(ChainVerification.intact(lastId()));

        long victim = lastId() - 300;
        jdbc.update("UPDATE audit_event SET actor = 'someone-else' WHERE id = ?", victim);
        assertThat(verifier.verify().firstBrokenEventId()).isEqualTo(victim);
    }

    @Test
    @DisplayName("secrets in details never reach the table")
    void secretsAreRedacted() {
        AuditEvent event = audit.recordAs("alice", "cluster.created", "cluster", "1",
                Map.of("name", "prod", "neo4jPassword", "Tr0ub4dor&3"));
        em.flush();
        String stored = jdbc.queryForObject("select details from audit_event where id = ?", String.class, event.getId());
        assertThat(stored).doesNotContain("Tr0ub4dor").contains("[redacted]");
    }

    @Test
    @DisplayName("an event outside any signed-in request is recorded as 'system'")
    void actorDefaultsToSystem() {
        audit.record("settings.changed", "settings", null, Map.of("key", "poll"));
        em.flush();
        assertThat(jdbc.queryForObject("select actor from audit_event where id = ?", String.class, lastId()))
                .isEqualTo("system");
    }

    @Test
    @DisplayName("the repository offers no way to change or delete an event")
    void repositoryIsReadOnly() {
        assertThat(Arrays.stream(AuditEventRepository.class.getMethods()).map(java.lang.reflect.Method::getName))
                .noneMatch(name -> name.startsWith("save") || name.startsWith("delete") || name.startsWith("update"));
        assertThat(AuditEvent.class.getAnnotation(org.hibernate.annotations.Immutable.class)).isNotNull();
        assertThat(Arrays.stream(AuditEvent.class.getMethods()).map(java.lang.reflect.Method::getName))
                .noneMatch(name -> name.startsWith("set"));
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    @DisplayName("concurrent appends from many threads keep the chain linear and intact")
    void concurrentAppendsStayLinear() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(txManager);
        long before = lastId();
        int threads = 8;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = i;
                        tx.executeWithoutResult(s -> audit.recordAs("worker-" + thread, "run.step_finished", "run",
                                String.valueOf(thread), Map.of("step", n)));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(lastId()).isEqualTo(before + threads * perThread);
        assertThat(jdbc.queryForObject("select count(distinct prev_hash) from audit_event where id > ?", Long.class, before))
                .as("no two events share a predecessor: the chain did not fork").isEqualTo(threads * perThread);
        ChainVerification result = verifier.verify();
        assertThat(result.intact()).as(result.toString()).isTrue();
        assertThat(result.checked()).isEqualTo(lastId());
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    @DisplayName("recording in a read-only transaction (which would never be flushed) is refused")
    void refusesReadOnlyTransactions() {
        TransactionTemplate tx = new TransactionTemplate(txManager);
        tx.setReadOnly(true);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> audit.record("x.y", null, null, Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    @DisplayName("an event rolls back with the change it records")
    void rollsBackWithTheCaller() {
        TransactionTemplate tx = new TransactionTemplate(txManager);
        long before = lastId();

        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            audit.recordAs("alice", "cluster.deleted", "cluster", "9", Map.of());
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");

        assertThat(lastId()).isEqualTo(before);
        assertThat(events.count()).isEqualTo(before);
        tx.executeWithoutResult(s -> audit.recordAs("alice", "cluster.deleted", "cluster", "9", Map.of()));
        assertThat(verifier.verify().intact()).isTrue();
    }
}
