package dev.upshift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.upshift.security.AccessTable.Caller;
import dev.upshift.security.AccessTable.Endpoint;
import dev.upshift.security.AccessTable.Expect;

/**
 * Every endpoint × every caller, checked against the table in {@code docs/security.md}. The table is the single
 * source of truth: this test parses it (see {@link AccessTable}) and holds no expectations of its own; it only knows
 * how to send a request. A second test fails when the panel has a controller endpoint the table does not list, so a
 * new endpoint cannot ship without a row.
 *
 * <p>Requests carry no useful input: path variables are an id that does not exist and bodies are {@code {}}, so an
 * allowed request ends in a 400/404 (or a re-rendered form) and nothing is created — no lab cluster is ever started
 * (the lab's create validates its input before it builds anything). "Allowed" means "past security": any answer but
 * 401/403 (and for pages, no redirect to the login page).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    private static final String PASSWORD = "Matrix-pass-2026";
    /**
     * The only input a request gets beyond nothing: where a controller checks its role with {@code @PreAuthorize},
     * a missing required parameter is refused (400) while binding, before that check could answer 403, which would
     * hide whether the role is refused. Such endpoints get the parameter, and the role check decides.
     */
    private static final Map<String, String[]> PARAMS = Map.of("POST /clusters/form", new String[] {"_action", "add"});
    /** Endpoints that exist only for htmx requests: a signed-in caller sends the header, or no handler would match. */
    private static final Set<String> HTMX_ONLY = Set.of("GET /runs/new/options");
    private static final Map<Caller, String> USERS = Map.of(
            Caller.AUDITOR, "matrix-lead", Caller.OPERATOR, "matrix-dba", Caller.ADMIN, "admin");

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    AccessTable table;

    @BeforeAll
    void readTheTableAndCreateOneUserPerRole() throws Exception {
        table = AccessTable.read(Path.of("docs/security.md"));
        for (Caller role : Set.of(Caller.AUDITOR, Caller.OPERATOR)) {
            mvc.perform(post("/api/users").with(httpBasic("admin", ItEnvironment.ADMIN_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"username\":\"" + USERS.get(role) + "\",\"password\":\"" + PASSWORD
                                    + "\",\"role\":\"" + role.name() + "\"}"))
                    .andExpect(status().isCreated());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsTheTableSays() {
        return table.endpoints().stream().flatMap(endpoint -> Stream.of(Caller.values()).map(caller ->
                DynamicTest.dynamicTest(caller + " " + endpoint + " → " + endpoint.expected().get(caller),
                        () -> check(endpoint, caller))));
    }

    @Test
    void theTableListsEveryEndpointOfThePanel() {
        Set<String> listed = new TreeSet<>();
        table.endpoints().forEach(e -> listed.add(e.method() + " " + e.path()));
        Set<String> unlisted = new TreeSet<>();
        handlers.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(pattern ->
                info.getMethodsCondition().getMethods().forEach(method -> {
                    String endpoint = method.name() + " " + pattern;
                    if (!pattern.equals("/error") && !listed.contains(endpoint)) {
                        unlisted.add(endpoint);
                    }
                })));
        assertThat(unlisted).as("endpoints missing from the table in docs/security.md").isEmpty();
    }

    private void check(Endpoint endpoint, Caller caller) throws Exception {
        Expect expected = endpoint.expected().get(caller);
        MockHttpServletResponse response = send(endpoint, caller);
        int status = response.getStatus();
        String location = response.getHeader(HttpHeaders.LOCATION);
        boolean toLogin = status == 302 && location != null && location.endsWith("/login"); // not /login?logout
        String answer = status + (location == null ? "" : " → " + location);
        switch (expected) {
            case LOGIN -> assertThat(toLogin).as(answer).isTrue();
            case UNAUTHORIZED -> assertThat(status).as(answer).isEqualTo(401);
            case FORBIDDEN -> assertThat(status).as(answer).isEqualTo(403);
            case ALLOWED -> assertThat(status != 401 && status != 403 && !toLogin).as(answer).isTrue();
        }
    }

    private MockHttpServletResponse send(Endpoint endpoint, Caller caller) throws Exception {
        String path = endpoint.path().replaceAll("\\{[^}]+}", "99999").replace("**", "upshift.css");
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(endpoint.method()), path);
        String[] param = PARAMS.get(endpoint.toString());
        if (param != null) {
            request.param(param[0], param[1]);
        }
        if (!endpoint.method().equals("GET")) {
            request.with(csrf()); // so that a refusal is about the role, not a missing token
            if (endpoint.api()) {
                request.contentType(MediaType.APPLICATION_JSON).content("{}");
            }
        }
        if (caller != Caller.ANONYMOUS && HTMX_ONLY.contains(endpoint.toString())) {
            request.header("HX-Request", "true");
        }
        if (caller != Caller.ANONYMOUS) {
            request.with(endpoint.api() ? httpBasic(USERS.get(caller), passwordOf(caller))
                    : user(USERS.get(caller)).roles(caller.name()));
        }
        try {
            return mvc.perform(request).andReturn().getResponse();
        } catch (ServletException e) {
            // An exception no handler turned into a status came from the controller, so security let it through;
            // a refusal by method security is AccessDeniedException and must still count as one.
            if (e.getCause() instanceof AccessDeniedException) {
                MockHttpServletResponse refused = new MockHttpServletResponse();
                refused.setStatus(403);
                return refused;
            }
            MockHttpServletResponse failed = new MockHttpServletResponse();
            failed.setStatus(500);
            return failed;
        }
    }

    private static String passwordOf(Caller caller) {
        return caller == Caller.ADMIN ? ItEnvironment.ADMIN_PASSWORD : PASSWORD;
    }
}
