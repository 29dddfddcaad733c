package dev.upshift.security.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.upshift.security.PasswordPolicy;
import dev.upshift.security.Role;
import dev.upshift.security.SecurityConfig;
import dev.upshift.security.UserService;
import dev.upshift.security.UserView;

/** The Users page behind the real security rules, with the service mocked. */
@WebMvcTest(UserController.class)
@Import(SecurityConfig.class)
class UserControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserService users;
    @MockitoBean
    PasswordPolicy passwordPolicy;

    @Test
    void isForAdminsOnly() throws Exception {
        mvc.perform(get("/users").with(user("op").roles("OPERATOR"))).andExpect(status().isForbidden());
        mvc.perform(get("/users").with(user("lead").roles("AUDITOR"))).andExpect(status().isForbidden());
        mvc.perform(post("/users").with(user("lead").roles("AUDITOR")).with(csrf()).param("username", "x"))
                .andExpect(status().isForbidden());
        verify(users, never()).create(anyString(), anyString(), any());
    }

    @Test
    void servesThePageAndTheFragmentFromTheSameUrl() throws Exception {
        given(passwordPolicy.minLength()).willReturn(12);
        given(users.list()).willReturn(List.of(new UserView(1, "admin", Role.ADMIN, true, Instant.EPOCH)));

        mvc.perform(get("/users").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<html")))
                .andExpect(content().string(containsString("id=\"user-form\"")));
        mvc.perform(get("/users").with(user("admin").roles("ADMIN")).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"users-table\"")))
                .andExpect(content().string(containsString("id=\"user-row-1\"")))
                .andExpect(content().string(not(containsString("<html"))));
    }

    @Test
    void blankFieldsGetMessagesAndNeverReachTheService() throws Exception {
        given(passwordPolicy.minLength()).willReturn(12);
        mvc.perform(post("/users").with(user("admin").roles("ADMIN")).with(csrf()).header("HX-Request", "true")
                        .param("username", "").param("password", "").param("role", ""))
                .andExpect(content().string(containsString("Enter a username.")))
                .andExpect(content().string(containsString("Enter a password.")))
                .andExpect(content().string(containsString("Choose ADMIN, OPERATOR or AUDITOR.")));
        verify(users, never()).create(anyString(), anyString(), any());
    }
}
