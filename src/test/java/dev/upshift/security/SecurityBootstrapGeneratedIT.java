package dev.upshift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/** First start without {@code UPSHIFT_ADMIN_PASSWORD}: a random password, shown once in the log. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = "it.context=bootstrap-generated") // a context (and database) of its own
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.WithoutAdminPassword.class)
class SecurityBootstrapGeneratedIT {

    private static final Pattern PASSWORD_LINE = Pattern.compile("password: +(\\S+) +\\|");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AdminBootstrap bootstrap;

    @Test
    void generatesAPasswordPrintsItOnceInABoxAndItWorks(CapturedOutput output) throws Exception {
        Matcher m = PASSWORD_LINE.matcher(output.getAll());
        assertThat(m.find()).as("the boxed password line").isTrue();
        String password = m.group(1);
        assertThat(password).hasSize(20);
        assertThat(output.getAll()).contains("shown only this once").contains("+----");

        mvc.perform(formLogin().user("admin").password(password)).andExpect(authenticated().withRoles("ADMIN"));

        bootstrap.run(new DefaultApplicationArguments()); // a second start
        assertThat(output.getAll().split(Pattern.quote(password), -1)).as("printed exactly once").hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from app_user", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where details like ?", Long.class,
                "%" + password + "%")).isZero();
    }
}
