package dev.upshift.security;

import java.util.Set;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.upshift.audit.JpaAuditLog;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. {@code /api/**}: HTTP Basic, stateless (a session cookie is never read there, so CSRF
 * protection is off), problem-detail 401/403. Everything else: form login with a session, CSRF on every
 * non-GET request (form field or the htmx header), session id changed at login, strict security headers.
 * Finer rules are {@code @PreAuthorize} on services and controllers, see {@link Roles}.
 *
 * <p>A safety net under those: an AUDITOR "changes nothing else" than approving and exporting, so on both chains
 * any non-GET request by an AUDITOR is refused (403) unless the path's last segment is one of
 * {@link #AUDITOR_ACTIONS} (e.g. {@code POST /runs/7/approve}) or the path ends with one of
 * {@link #AUDITOR_ACTION_ENDINGS} (e.g. {@code POST /runs/7/approval/revoke}).
 *
 * <p>Self-contained so that a {@code @WebMvcTest} can use the real rules with {@code @Import(SecurityConfig.class)}
 * (login auditing is skipped when no audit log is in the slice).
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    /** Scripts only from the panel itself; htmx sets inline styles (indicators, swaps), so styles allow inline. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Last path segments of the only writes an AUDITOR may make. */
    public static final Set<String> AUDITOR_ACTIONS =
            Set.of("approve", "approval", "approvals", "reject", "export", "exports");
    /** Whole path endings an AUDITOR may also write to, where the last segment alone would say too little. */
    public static final Set<String> AUDITOR_ACTION_ENDINGS = Set.of("/approval/revoke");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** A request that changes something an AUDITOR may not change. */
    static final RequestMatcher WRITE_BEYOND_AUDITOR_ACTIONS = request -> {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        while (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        String finalPath = path;
        return !AUDITOR_ACTIONS.contains(path.substring(path.lastIndexOf('/') + 1))
                && AUDITOR_ACTION_ENDINGS.stream().noneMatch(finalPath::endsWith);
    };

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiProblemResponses problems) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/users", "/api/users/**").hasRole(Roles.ADMIN)
                        .requestMatchers(WRITE_BEYOND_AUDITOR_ACTIONS).hasAnyRole(Roles.ADMIN, Roles.OPERATOR)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(ApiProblemResponses.REALM).authenticationEntryPoint(problems))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(securityHeaders());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, SessionRegistry sessionRegistry, LoginAuditor loginAuditor)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/error", "/css/**", "/js/**", "/vendor/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/users", "/users/**").hasRole(Roles.ADMIN)
                        .requestMatchers(WRITE_BEYOND_AUDITOR_ACTIONS).hasAnyRole(Roles.ADMIN, Roles.OPERATOR)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").failureUrl("/login?error")
                        .successHandler(loginAuditor.successHandler()).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .invalidateHttpSession(true).deleteCookies("JSESSIONID"))
                // Default CSRF: token kept in the session (no cookie), masked per request; forms carry it as a
                // hidden field (Thymeleaf adds it), htmx as the header named in the layout's meta tags.
                .csrf(Customizer.withDefaults())
                .sessionManagement(session -> session
                        .sessionFixation(fixation -> fixation.changeSessionId())
                        .sessionConcurrency(concurrency -> concurrency.maximumSessions(-1)
                                .sessionRegistry(sessionRegistry)
                                .expiredSessionStrategy(HtmxAware.expiredSessionStrategy())))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(HtmxAware.authenticationEntryPoint())
                        .accessDeniedHandler(HtmxAware.accessDeniedHandler()))
                .headers(securityHeaders());
        return http.build();
    }

    private static Customizer<HeadersConfigurer<HttpSecurity>> securityHeaders() {
        return headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .contentTypeOptions(Customizer.withDefaults())
                .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()"));
    }

    @Bean
    ApiProblemResponses apiProblemResponses(JsonMapper json) {
        return new ApiProblemResponses(json);
    }

    @Bean
    LoginAuditor loginAuditor(ObjectProvider<JpaAuditLog> audit) {
        return new LoginAuditor(audit);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // {bcrypt} by default
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry when sessions end (Boot registers it as a servlet listener). */
    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}
