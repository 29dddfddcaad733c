package dev.upshift.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@DataJpaTest(showSql = false)
@Import({JpaAuditLog.class, AuditChainVerifier.class, AuditSearch.class})
class AuditSearchTest {

    @Autowired
    JpaAuditLog audit;
    @Autowired
    AuditSearch search;
    @Autowired
    AuditChainVerifier verifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    EntityManager em;

    @BeforeEach
    void someEvents() {
        for (int i = 0; i < 60; i++) {
            audit.recordAs("dba-x", i % 2 == 0 ? "run.step_started" : "run.step_finished", "run",
                    String.valueOf(i % 3), Map.of("step", "core-" + i));
        }
        audit.recordAs("lead-y", "run.approved", "run", "1", Map.of("note", "50% done, \"ok\""));
        audit.recordAs("admin", "user.created", "user", "9", Map.of("username", "Percy_Q"));
        em.flush(); // the search reads with JDBC, past the persistence context
    }

    private static AuditFilter filter(String actor, String action, String targetType, String targetId, String text) {
        return new AuditFilter(actor, action, targetType, targetId, null, null, text);
    }

    @Test
    @DisplayName("without a filter: newest first, the count is the chain length, pages seek by id")
    void unfiltered() {
        long last = jdbc.queryForObject("select max(id) from audit_event", Long.class);
        AuditPage first = search.page(AuditFilter.NONE, 0, 10);
        assertThat(first.total()).isEqualTo(last);
        assertThat(first.events()).extracting(AuditEntry::id).startsWith(last, last - 1).hasSize(10);
        AuditPage second = search.page(AuditFilter.NONE, 1, 10);
        assertThat(second.events().get(0).id()).isEqualTo(last - 10);
        AuditPage beyond = search.page(AuditFilter.NONE, 10_000, 10);
        assertThat(beyond.page()).isEqualTo((int) ((last - 1) / 10));
        assertThat(beyond.events()).isNotEmpty().extracting(AuditEntry::id).endsWith(1L);
    }

    @Test
    @DisplayName("actor, action prefix, target and text filters combine; totals are exact below the cap")
    void filters() {
        AuditPage steps = search.page(filter("dba-x", "run.step_", null, null, null), 0, 50);
        assertThat(steps.total()).isEqualTo(60);
        assertThat(steps.totalCapped()).isFalse();
        assertThat(steps.events()).hasSize(50).isSortedAccordingTo((a, b) -> Long.compare(b.id(), a.id()));
        assertThat(search.page(filter("dba-x", "run.step_", null, null, null), 1, 50).events()).hasSize(10);
        assertThat(search.page(filter(null, "run.step_started", "run", "0", null), 0, 50).total()).isEqualTo(10);
        assertThat(search.page(filter(null, null, null, null, "CORE-59"), 0, 50).events())
                .singleElement().satisfies(e -> assertThat(e.details()).contains("core-59"));
    }

    @Test
    @DisplayName("% and _ typed in a filter are literal characters, not wildcards")
    void likeWildcardsAreLiteral() {
        assertThat(search.page(filter(null, null, null, null, "50%"), 0, 50).total()).isEqualTo(1);
        assertThat(search.page(filter(null, null, null, null, "50%d"), 0, 50).total()).isZero();
        assertThat(search.page(filter(null, "run_", null, null, null), 0, 50).total()).isZero();
        assertThat(search.page(filter(null, null, null, null, "percy_q"), 0, 50).total()).isEqualTo(1);
        assertThat(search.page(filter(null, null, null, null, "percyxq"), 0, 50).total()).isZero();
    }

    @Test
    @DisplayName("a time range is from-inclusive, to-exclusive, and must not be reversed")
    void timeRange() {
        Instant now = Instant.now();
        assertThat(search.page(new AuditFilter("dba-x", null, null, null, now.minusSeconds(3600), now.plusSeconds(60),
                null), 0, 50).total()).isEqualTo(60);
        assertThat(search.page(new AuditFilter("dba-x", null, null, null, now.plusSeconds(60), null, null), 0, 50)
                .total()).isZero();
        assertThatThrownBy(() -> new AuditFilter(null, null, null, null, now, now.minusSeconds(1), null))
                .hasMessageContaining("from");
    }

    @Test
    @DisplayName("streaming hands over every match newest first and counts them")
    void streams() {
        List<AuditEntry> seen = new ArrayList<>();
        long count = search.stream(filter("dba-x", null, null, null, null), seen::add);
        assertThat(count).isEqualTo(60);
        assertThat(seen).hasSize(60).isSortedAccordingTo((a, b) -> Long.compare(b.id(), a.id()));
    }

    @Test
    @DisplayName("the seeder appends through the chain across batches, and broad filters report a capped count")
    void seederKeepsTheChainIntact() {
        long before = jdbc.queryForObject("select last_id from audit_head", Long.class);
        long after = new AuditSeeder(jdbc, transactions).append(12_000, Duration.ofDays(30));
        assertThat(after).isEqualTo(before + 12_000);
        assertThat(verifier.verify()).isEqualTo(new ChainVerification(true, after, null, null));

        AuditPage steps = search.page(filter(null, "run.step", null, null, null), 0, 50);
        assertThat(steps.totalCapped()).isEqualTo(jdbc.queryForObject(
                "select count(*) from audit_event where action like 'run.step%'", Long.class) > AuditSearch.COUNT_CAP);
        assertThat(steps.hasNext()).isTrue();
    }
}
