package dev.upshift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

    static final String AUDITOR_PASSWORD = "auditor-Pass-9917";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void createAnAuditor() throws Exception {
        mvc.perform(post("/api/users").with(httpBasic("admin", ItEnvironment.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"lead\",\"password\":\"" + AUDITOR_PASSWORD + "\",\"role\":\"AUDITOR\"}"))
                .andExpect(status().isCreated());
    }

    private String lastEvent(String column, String action) {
        return jdbc.queryForObject("select " + column + " from audit_event where action = ? order by id desc limit 1",
                String.class, action);
    }

    @Nested
    @DisplayName("form login")
    class FormLogin {

        @Test
        void worksWithTheRightPasswordAndIsAudited() throws Exception {
            mvc.perform(formLogin().user("admin").password(ItEnvironment.ADMIN_PASSWORD))
                    .andExpect(authenticated().withUsername("admin").withRoles("ADMIN"))
                    .andExpect(redirectedUrl("/"));
            assertThat(lastEvent("actor", "auth.login_succeeded")).isEqualTo("admin");
        }

        @Test
        void showsTheRoleButNotSpringSecuritysFactorAuthoritiesInTheHeader() throws Exception {
            MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user("admin")
                    .password(ItEnvironment.ADMIN_PASSWORD)).andReturn().getRequest().getSession(false);
            mvc.perform(get("/audit").session(session))
                    .andExpect(content().string(containsString("<span class=\"badge\">ADMIN</span>")))
                    .andExpect(content().string(org.hamcrest.Matchers.not(containsString("FACTOR_"))));
        }

        @Test
        void failsWithAWrongPasswordAndRecordsTheUsernameButNeverThePassword() throws Exception {
            mvc.perform(formLogin().user("lead").password("Wrong-guess-1234"))
                    .andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error"));
            assertThat(lastEvent("actor", "auth.login_failed")).isEqualTo("lead");
            assertThat(lastEvent("details", "auth.login_failed")).contains("bad_credentials");
            assertThat(jdbc.queryForObject("select count(*) from audit_event where details like '%Wrong-guess%' "
                    + "or actor like '%Wrong-guess%'", Long.class)).isZero();
        }

        @Test
        void changesTheSessionIdAtLogin() throws Exception {
            MockHttpSession session = new MockHttpSession();
            String before = session.getId();
            MvcResult result = mvc.perform(post("/login").session(session).with(csrf())
                    .param("username", "admin").param("password", ItEnvironment.ADMIN_PASSWORD))
                    .andExpect(authenticated()).andReturn();
            assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
        }

        @Test
        void showsACalmLoginPageToAnonymousVisitors() throws Exception {
            mvc.perform(get("/login"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Sign in")))
                    .andExpect(content().string(containsString("name=\"_csrf\"")));
            mvc.perform(get("/audit").accept(MediaType.TEXT_HTML)).andExpect(status().isFound())
                    .andExpect(header().string("Location", containsString("/login")));
        }

        @Test
        void aRequestWithoutASessionIsSentToTheLoginPageWhateverItAccepts() throws Exception {
            mvc.perform(get("/clusters")).andExpect(redirectedUrl("/login"));
        }

        @Test
        void anHtmxRequestWithoutASessionReloadsThePageInsteadOfSwappingTheLoginForm() throws Exception {
            mvc.perform(get("/audit").header("HX-Request", "true"))
                    .andExpect(header().string("HX-Refresh", "true"))
                    .andExpect(header().doesNotExist("Location"));
        }
    }

    @Nested
    @DisplayName("CSRF")
    class Csrf {

        @Test
        void aFormPostWithoutTheTokenIsRefused() throws Exception {
            mvc.perform(post("/users").with(user("admin").roles("ADMIN"))
                            .param("username", "mallory").param("password", "long-enough-pass-1").param("role", "ADMIN"))
                    .andExpect(status().isForbidden());
            assertThat(jdbc.queryForObject("select count(*) from app_user where username = 'mallory'", Long.class))
                    .isZero();
        }

        @Test
        void anHtmxPostWithAWrongTokenIsRefused() throws Exception {
            mvc.perform(post("/users/1/enabled").with(user("admin").roles("ADMIN")).with(csrf().useInvalidToken())
                            .header("HX-Request", "true").param("enabled", "false"))
                    .andExpect(status().isForbidden());
        }

        @Test
        void anHtmxPostWhoseSessionIsGoneReloadsThePage() throws Exception {
            mvc.perform(post("/users/1/enabled").header("HX-Request", "true").header("X-CSRF-TOKEN", "from-a-dead-session")
                            .param("enabled", "false"))
                    .andExpect(status().isForbidden())
                    .andExpect(header().string("HX-Refresh", "true"));
        }

        @Test
        void aBasicAuthenticatedApiCallNeedsNoToken() throws Exception {
            mvc.perform(post("/api/users").with(httpBasic("admin", ItEnvironment.ADMIN_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"username\":\"dba\",\"password\":\"Operator-Pass-31337\",\"role\":\"OPERATOR\"}"))
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Location", containsString("/api/users/")))
                    .andExpect(jsonPath("$.role").value("OPERATOR"))
                    .andExpect(jsonPath("$.passwordHash").doesNotExist());
        }

        @Test
        void theApiIgnoresASessionSoABrowserCannotBeTrickedIntoCallingIt() throws Exception {
            MvcResult login = mvc.perform(formLogin().user("admin").password(ItEnvironment.ADMIN_PASSWORD)).andReturn();
            MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
            mvc.perform(post("/api/users").session(session).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"username\":\"csrfvictim\",\"password\":\"x-Pass-123456\",\"role\":\"ADMIN\"}"))
                    .andExpect(status().isUnauthorized());
        }
    }

    @Nested
    @DisplayName("the API")
    class Api {

        @Test
        void answersAnonymousCallsWith401ProblemJson() throws Exception {
            mvc.perform(get("/api/users"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.title").value("Unauthorized"));
        }

        @Test
        void answersAWrongPasswordWith401AndAuditsIt() throws Exception {
            mvc.perform(get("/api/users").with(httpBasic("admin", "not-the-password")))
                    .andExpect(status().isUnauthorized());
            assertThat(lastEvent("details", "auth.login_failed")).contains("\"via\":\"basic\"");
        }

        @Test
        void forbidsAnAuditorToCreateUsers() throws Exception {
            mvc.perform(post("/api/users").with(httpBasic("lead", AUDITOR_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"username\":\"sneaky\",\"password\":\"sneaky-Pass-123\",\"role\":\"ADMIN\"}"))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(403));
            mvc.perform(put("/api/users/1").with(httpBasic("lead", AUDITOR_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\":false}"))
                    .andExpect(status().isForbidden());
            assertThat(jdbc.queryForObject("select count(*) from app_user where username = 'sneaky'", Long.class))
                    .isZero();
        }

        @Test
        void letsAnAuditorVerifyTheAuditChain() throws Exception {
            mvc.perform(get("/api/audit/verify").with(httpBasic("lead", AUDITOR_PASSWORD)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.intact").value(true))
                    .andExpect(jsonPath("$.firstBrokenEventId").doesNotExist());
        }

        @Test
        void answersAnUnknownUserWith404ProblemJson() throws Exception {
            mvc.perform(get("/api/users/99999").with(httpBasic("admin", ItEnvironment.ADMIN_PASSWORD)))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("No user with id 99999"));
        }
    }

    @Nested
    @DisplayName("pages")
    class Pages {

        @Test
        void areForbiddenToRolesThatMayNotSeeThem() throws Exception {
            mvc.perform(get("/users").with(user("lead").roles("AUDITOR"))).andExpect(status().isForbidden());
            mvc.perform(get("/audit").with(user("lead").roles("AUDITOR"))).andExpect(status().isOk());
        }

        @Test
        void anAuditorMayApproveAndExportButChangeNothingElse() throws Exception {
            // refused by the URL rules before any controller is looked for
            mvc.perform(post("/clusters").with(user("lead").roles("AUDITOR")).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/clusters/3/delete").with(user("lead").roles("AUDITOR")).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(put("/api/clusters/3").with(httpBasic("lead", AUDITOR_PASSWORD)))
                    .andExpect(status().isForbidden());
            // allowed through security: the approval form answers (no run 7, so it sends the lead back to the run page
            // with the reason), where any other write of an AUDITOR is a 403
            mvc.perform(post("/runs/7/approve").accept(MediaType.TEXT_HTML).with(user("lead").roles("AUDITOR")).with(csrf()))
                    .andExpect(redirectedUrl("/runs/7"));
            // an OPERATOR's writes pass the AUDITOR net (POST /clusters is ADMIN-only now, see AuthorizationMatrixIT)
            mvc.perform(post("/runs/7/start").accept(MediaType.TEXT_HTML).with(user("dba").roles("OPERATOR")).with(csrf()))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/logout").with(user("lead").roles("AUDITOR")).with(csrf()))
                    .andExpect(redirectedUrl("/login?logout"));
        }

        @Test
        void carryStrictSecurityHeaders() throws Exception {
            mvc.perform(get("/login"))
                    .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                    .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                    .andExpect(header().string("X-Frame-Options", "DENY"))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("Referrer-Policy", "same-origin"));
        }

        @Test
        void healthIsPublic() throws Exception {
            mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        }

        @Test
        void theRootLeadsToTheClusters() throws Exception {
            mvc.perform(get("/").with(user("admin").roles("ADMIN"))).andExpect(redirectedUrl("/clusters"));
        }

        @Test
        void aForbiddenPageRendersTheFriendlyErrorPage() throws Exception {
            mvc.perform(get("/error").accept(MediaType.TEXT_HTML).with(user("lead").roles("AUDITOR"))
                            .requestAttr("jakarta.servlet.error.status_code", 403)
                            .requestAttr("jakarta.servlet.error.request_uri", "/users"))
                    .andExpect(content().string(containsString("You cannot do that")));
        }
    }
}
