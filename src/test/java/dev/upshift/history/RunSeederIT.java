package dev.upshift.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import dev.upshift.security.ItEnvironment;

/** The scale seeder writes runs the history reads like real ones, refuses to seed twice and leaves ids usable. */
@SpringBootTest(properties = "it.context=run-seeder")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
class RunSeederIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void seedsOnceRunsThatTheHistoryShowsAndKeepsTheIdsFree() throws Exception {
        RunSeeder seeder = new RunSeeder(jdbc, transactions);

        RunSeeder.Result result = seeder.seed(60, Duration.ofDays(30)).orElseThrow();

        assertThat(result.runs()).isEqualTo(60);
        assertThat(result.steps()).isBetween(60L * 23, 60L * 27);
        assertThat(seeder.seeded()).isEqualTo(60);
        assertThat(seeder.seed(60, Duration.ofDays(30))).isEmpty();
        assertThat(seeder.seeded()).isEqualTo(60);

        Long reviewed = jdbc.queryForObject("select min(id) from upgrade_run where status = 'SUCCEEDED'", Long.class);
        String key = jdbc.queryForObject("select step_key from run_step where run_id = ? and position = 6", String.class,
                reviewed);
        mvc.perform(get("/runs/" + reviewed + "/review").with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk()).andExpect(content().string(containsString(key)));
        mvc.perform(get("/runs").param("clusterId", "900001").with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("seeded-prod-eu")));

        jdbc.update("insert into upgrade_run (cluster_id, cluster_name, method, mode, status, source_version, target_version, "
                + "required_acks, created_by, created_at, version) values (1, 'real', 'ROLLING_FIXED', 'AUTO', 'PLANNED', "
                + "'3.4.5', '3.4.6', 'no-downgrade', 'dba', current_timestamp, 0)");
        List<Long> ids = jdbc.queryForList("select id from upgrade_run order by id desc limit 2", Long.class);
        assertThat(ids.get(0)).isGreaterThan(ids.get(1));
    }
}
