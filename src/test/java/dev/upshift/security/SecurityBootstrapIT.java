package dev.upshift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/** First start with {@code UPSHIFT_ADMIN_PASSWORD} set (as an environment variable). */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = "it.context=bootstrap-env") // a context (and database) of its own
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
class SecurityBootstrapIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void createsTheAdminWithThePasswordFromTheEnvironmentAndNeverLogsIt(CapturedOutput output) throws Exception {
        assertThat(jdbc.queryForList("select username from app_user", String.class)).containsExactly("admin");
        assertThat(jdbc.queryForObject("select role from app_user", String.class)).isEqualTo("ADMIN");
        assertThat(jdbc.queryForObject("select password_hash from app_user", String.class)).startsWith("{bcrypt}");

        mvc.perform(formLogin().user("admin").password(ItEnvironment.ADMIN_PASSWORD))
                .andExpect(authenticated().withRoles("ADMIN"));

        assertThat(output.getAll()).contains("with the password from UPSHIFT_ADMIN_PASSWORD")
                .doesNotContain(ItEnvironment.ADMIN_PASSWORD);
        assertThat(jdbc.queryForMap("select actor, action, details from audit_event where id = 1"))
                .containsEntry("ACTOR", "system").containsEntry("ACTION", "user.created");
        assertThat(jdbc.queryForObject("select details from audit_event where id = 1", String.class))
                .contains("\"source\":\"environment\"").doesNotContain(ItEnvironment.ADMIN_PASSWORD);
    }
}
