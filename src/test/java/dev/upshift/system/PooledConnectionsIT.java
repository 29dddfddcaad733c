package dev.upshift.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import com.zaxxer.hikari.HikariDataSource;

import dev.upshift.security.ItEnvironment;

/**
 * The panel keeps working after the pool has replaced the connection that ran the migrations, as Hikari does with
 * every connection after {@code max-lifetime} (30 min). H2 2.4.240 bound a string {@code CHECK (x IN (...))} to the
 * session that created it: on a fresh install, 30 minutes after the first start, every insert into {@code app_user},
 * {@code upgrade_run} or {@code run_step} failed with "Check constraint invalid" (seen in CI). Fixed in H2 2.5.
 */
@SpringBootTest(properties = "it.context=pooled-connections") // a context (and database) of its own
@ContextConfiguration(initializers = ItEnvironment.class)
class PooledConnectionsIT {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void checkConstraintsHoldAfterTheMigrationConnectionIsRetired() {
        HikariDataSource pool = (HikariDataSource) dataSource;
        long before = pool.getHikariPoolMXBean().getTotalConnections();
        assertThat(before).isPositive();
        pool.getHikariPoolMXBean().softEvictConnections();   // what max-lifetime does, now
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.getHikariPoolMXBean().getTotalConnections() >= 1);

        jdbc.update("insert into app_user (username, password_hash, role, enabled, created_at) "
                + "values ('late-lead', 'x', 'AUDITOR', true, current_timestamp)");
        assertThat(jdbc.queryForObject("select role from app_user where username = 'late-lead'", String.class))
                .isEqualTo("AUDITOR");
        // and the constraint still refuses what it must
        assertThatThrownBy(() -> jdbc.update("insert into app_user (username, password_hash, role, enabled, created_at) "
                + "values ('late-king', 'x', 'KING', true, current_timestamp)"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("CK_APP_USER_ROLE")
                .hasMessageContaining("violation");
    }
}
