package dev.upshift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
class SecurityUsersIT {

    static final String XSS = "<script>alert(1)</script>";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    private long users() {
        return jdbc.queryForObject("select count(*) from app_user", Long.class);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from audit_event", Long.class);
    }

    private long idOf(String username) {
        return jdbc.queryForObject("select id from app_user where username = ?", Long.class, username);
    }

    private MockHttpServletRequestBuilder addUser(String username, String password, String role) {
        return post("/users").with(user("admin").roles("ADMIN")).with(csrf())
                .param("username", username).param("password", password).param("role", role);
    }

    @Nested
    @DisplayName("adding a user on the page")
    class Adding {

        @Test
        void storesTheUserWithAHashAndWritesExactlyOneEvent() throws Exception {
            long events = events();
            mvc.perform(addUser("carol", "Upgrades-at-dawn-77", "OPERATOR")).andExpect(redirectedUrl("/users"));

            assertThat(jdbc.queryForObject("select password_hash from app_user where username = 'carol'", String.class))
                    .startsWith("{bcrypt}").doesNotContain("Upgrades-at-dawn-77");
            assertThat(events()).isEqualTo(events + 1);
            assertThat(jdbc.queryForObject("select action from audit_event order by id desc limit 1", String.class))
                    .isEqualTo("user.created");
            mvc.perform(formLogin().user("carol").password("Upgrades-at-dawn-77"))
                    .andExpect(redirectedUrl("/"));
        }

        @Test
        void refusesADuplicateUsernameWithAFieldMessageAndStoresNothing() throws Exception {
            long users = users();
            long events = events();
            mvc.perform(addUser("admin", "Another-admin-pass-1", "ADMIN"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("A user named admin already exists.")))
                    .andExpect(content().string(containsString("class=\"field-error\"")));
            assertThat(users()).isEqualTo(users);
            assertThat(events()).isEqualTo(events);
        }

        @Test
        void refusesWeakPasswordsWithFieldMessages() throws Exception {
            long users = users();
            mvc.perform(addUser("dave", "short", "OPERATOR"))
                    .andExpect(content().string(containsString("Use at least 12 characters.")));
            mvc.perform(addUser("dave", "password123", "OPERATOR"))
                    .andExpect(content().string(containsString("Use at least 12 characters.")));
            mvc.perform(addUser("dave", "qwertyuiop123", "OPERATOR"))
                    .andExpect(content().string(containsString("too easy to guess")));
            mvc.perform(addUser("dave", "", "OPERATOR"))
                    .andExpect(content().string(containsString("Enter a password.")));
            assertThat(users()).isEqualTo(users);
        }

        @Test
        void refusesAnInvalidRoleOrUsername() throws Exception {
            long users = users();
            mvc.perform(addUser("erin", "Strong-pass-for-e5", "ROOT"))
                    .andExpect(content().string(containsString("Choose ADMIN, OPERATOR or AUDITOR.")));
            mvc.perform(addUser("", "Strong-pass-for-e5", "OPERATOR"))
                    .andExpect(content().string(containsString("Enter a username.")));
            mvc.perform(addUser("Erin Smith", "Strong-pass-for-e5", "OPERATOR"))
                    .andExpect(content().string(containsString("lowercase letters")));
            assertThat(users()).isEqualTo(users);
        }

        @Test
        void rendersAnHtmlPayloadInert() throws Exception {
            long users = users();
            mvc.perform(addUser(XSS, "Some-long-pass-99", "OPERATOR"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                    .andExpect(content().string(not(containsString(XSS))))
                    .andExpect(content().string(not(containsString("Some-long-pass-99"))));
            assertThat(users()).isEqualTo(users);
        }

        @Test
        void withHtmxAnswersWithTheFormFragmentAndAnnouncesTheChange() throws Exception {
            mvc.perform(addUser("frank", "short", "AUDITOR").header("HX-Request", "true"))
                    .andExpect(content().string(containsString("id=\"user-form\"")))
                    .andExpect(content().string(not(containsString("<html"))))
                    .andExpect(content().string(containsString("Use at least 12 characters.")))
                    .andExpect(header().doesNotExist("HX-Trigger"));
            mvc.perform(addUser("frank", "Leads-the-team-4ever", "AUDITOR").header("HX-Request", "true"))
                    .andExpect(content().string(containsString("Added frank.")))
                    .andExpect(header().string("HX-Trigger", containsString("usersChanged")));
            mvc.perform(get("/users").with(user("admin").roles("ADMIN")).header("HX-Request", "true"))
                    .andExpect(content().string(containsString("id=\"users-table\"")))
                    .andExpect(content().string(containsString("frank")))
                    .andExpect(content().string(not(containsString("<html"))));
        }
    }

    @Nested
    @DisplayName("changing a user")
    class Changing {

        @Test
        void changingTheRoleWritesOneEvent() throws Exception {
            mvc.perform(addUser("gina", "Strong-pass-for-g1", "OPERATOR"));
            long events = events();
            mvc.perform(post("/users/{id}/role", idOf("gina")).with(user("admin").roles("ADMIN")).with(csrf())
                            .header("HX-Request", "true").param("role", "AUDITOR"))
                    .andExpect(content().string(containsString("Role changed.")))
                    .andExpect(content().string(containsString("id=\"user-row-" + idOf("gina") + "\"")));
            assertThat(jdbc.queryForObject("select role from app_user where username = 'gina'", String.class))
                    .isEqualTo("AUDITOR");
            assertThat(events()).isEqualTo(events + 1);
            assertThat(jdbc.queryForObject("select details from audit_event order by id desc limit 1", String.class))
                    .isEqualTo("{\"from\":\"OPERATOR\",\"to\":\"AUDITOR\",\"username\":\"gina\"}");
        }

        @Test
        void aDisabledUserCannotSignIn() throws Exception {
            mvc.perform(addUser("hank", "Strong-pass-for-h1", "OPERATOR"));
            mvc.perform(post("/users/{id}/enabled", idOf("hank")).with(user("admin").roles("ADMIN")).with(csrf())
                            .param("enabled", "false"))
                    .andExpect(redirectedUrl("/users"));
            mvc.perform(get("/api/audit/verify").with(httpBasic("hank", "Strong-pass-for-h1")))
                    .andExpect(status().isUnauthorized());
            assertThat(jdbc.queryForObject("select details from audit_event where action = 'auth.login_failed' "
                    + "order by id desc limit 1", String.class)).contains("disabled");
        }

        @Test
        void disablingAUserEndsTheirOpenSession() throws Exception {
            mvc.perform(addUser("lena", "Strong-pass-for-l1", "OPERATOR"));
            org.springframework.mock.web.MockHttpSession session = (org.springframework.mock.web.MockHttpSession)
                    mvc.perform(formLogin().user("lena").password("Strong-pass-for-l1")).andReturn()
                            .getRequest().getSession(false);
            mvc.perform(get("/audit").session(session)).andExpect(status().isOk());

            mvc.perform(post("/users/{id}/enabled", idOf("lena")).with(user("admin").roles("ADMIN")).with(csrf())
                    .param("enabled", "false")).andExpect(redirectedUrl("/users"));

            mvc.perform(get("/audit").session(session)).andExpect(redirectedUrl("/login?expired"));
        }

        @Test
        void anAdminCannotDisableThemselves() throws Exception {
            long admin = idOf("admin");
            mvc.perform(post("/users/{id}/enabled", admin).with(user("admin").roles("ADMIN")).with(csrf())
                            .header("HX-Request", "true").param("enabled", "false"))
                    .andExpect(content().string(containsString("You cannot disable your own account.")));
            assertThat(jdbc.queryForObject("select enabled from app_user where id = ?", Boolean.class, admin)).isTrue();
        }

        @Test
        void aWeakNewPasswordIsRefused() throws Exception {
            mvc.perform(addUser("ivan", "Strong-pass-for-i1", "OPERATOR"));
            String before = jdbc.queryForObject("select password_hash from app_user where username = 'ivan'", String.class);
            mvc.perform(post("/users/{id}/password", idOf("ivan")).with(user("admin").roles("ADMIN")).with(csrf())
                            .header("HX-Request", "true").param("password", "abc"))
                    .andExpect(content().string(containsString("Use at least 12 characters.")));
            assertThat(jdbc.queryForObject("select password_hash from app_user where username = 'ivan'", String.class))
                    .isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("the users API")
    class UsersApi {

        private MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
            return request.with(httpBasic("admin", ItEnvironment.ADMIN_PASSWORD)).contentType(MediaType.APPLICATION_JSON);
        }

        @Test
        void answersValidationErrorsAsProblemJsonWithFieldErrors() throws Exception {
            long users = users();
            mvc.perform(asAdmin(post("/api/users")).content("{\"username\":\"admin\",\"password\":\"Whatever-pass-12\",\"role\":\"ADMIN\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("username"))
                    .andExpect(jsonPath("$.errors[0].message").value("A user named admin already exists."));
            mvc.perform(asAdmin(post("/api/users")).content("{\"username\":\"judy\",\"password\":\"x\",\"role\":\"KING\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[?(@.field == 'role')].message").value("Choose ADMIN, OPERATOR or AUDITOR."));
            assertThat(users()).isEqualTo(users);
        }

        @Test
        void updatesRoleEnabledAndPassword() throws Exception {
            mvc.perform(asAdmin(post("/api/users")).content("{\"username\":\"kate\",\"password\":\"Strong-pass-for-k1\",\"role\":\"OPERATOR\"}"))
                    .andExpect(status().isCreated());
            long events = events();
            mvc.perform(asAdmin(put("/api/users/{id}", idOf("kate")))
                            .content("{\"role\":\"AUDITOR\",\"enabled\":false,\"password\":\"New-pass-for-k-22\"}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.role").value("AUDITOR"))
                    .andExpect(jsonPath("$.enabled").value(false))
                    .andExpect(jsonPath("$.password").doesNotExist());
            assertThat(events()).as("one event per change").isEqualTo(events + 3);
            mvc.perform(asAdmin(get("/api/users"))).andExpect(jsonPath("$[?(@.username == 'kate')].role").value("AUDITOR"))
                    .andExpect(content().string(not(containsString("bcrypt"))));
        }
    }

    @Test
    @DisplayName("the audit page shows a username tried at login as text, not markup")
    void auditPageRendersPayloadsInert() throws Exception {
        mvc.perform(formLogin().user("<img src=x onerror=alert(1)>").password("whatever"));
        mvc.perform(get("/audit").with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;")))
                .andExpect(content().string(not(containsString("<img src=x"))));
    }
}
